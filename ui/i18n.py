"""Every UI string of the app, in English and Chinese, and ``t(key)`` to look one up.

``STRINGS[key] = {"en": ..., "zh": ...}``; a key names its page first (``home.``,
``act.``, ``neuron.``, ``mlp.``, ``bp.``; ``common.``/``nav.``/``state.`` are shared).
Strings are ``str.format`` templates (``{alpha}``; a literal brace is ``{{``); both
languages must use the same placeholders (tests/test_i18n.py checks that, and that
no language is missing).

The current language lives in ``st.session_state[LANG_KEY]`` (set by ``ui.frame.page``),
so ``t`` needs no language argument inside a page; ``tr(key, lang)`` is the pure form.
"""

from __future__ import annotations

import streamlit as st

LANGS: tuple[str, ...] = ("en", "zh")
DEFAULT_LANG = "en"
LANG_NAMES: dict[str, str] = {"en": "English", "zh": "中文"}
# Session-state key holding the language of the current session.
LANG_KEY = "ui_lang"

TUTORIAL_URL = (
    "https://github.com/zergtant/pytorch-handbook/blob/master/chapter2/"
    "2.3-deep-learning-neural-network-introduction.ipynb"
)

STRINGS: dict[str, dict[str, str]] = {
    # --- common ---
    "common.app_name": {"en": "NN Playground", "zh": "神经网络游乐场"},
    "common.lang_label": {"en": "Language · 语言", "zh": "Language · 语言"},
    "common.nav_header": {"en": "Pages", "zh": "页面"},
    "common.coming_soon": {
        "en": "This page is coming soon.",
        "zh": "本页面即将推出。",
    },
    "common.tutorial_link": {
        "en": "Follows the tutorial: PyTorch handbook, chapter 2.3 (neural networks)",
        "zh": "配套教程：PyTorch 中文手册第 2.3 节（神经网络简介）",
    },
    "common.sidebar_caption": {
        "en": "Every setting lives in the link: share it and others see the same page.",
        "zh": "所有设置都保存在链接里：分享链接，别人看到的就是同一个页面。",
    },
    "common.torch_missing": {
        "en": (
            "{what} needs PyTorch, which is not installed where this app runs. To enable it, "
            "install it in the app's environment: `pip install torch` (PyTorch's CPU-only "
            "build is a fraction of the size of the default one; see PyTorch's install page)."
        ),
        "zh": (
            "{what}需要 PyTorch，而运行本应用的环境中没有安装它。如需启用，"
            "请在应用的环境中安装：`pip install torch`"
            "（PyTorch 的纯 CPU 版本比默认版本小得多，见 PyTorch 官网的安装说明）。"
        ),
    },
    "common.yes": {"en": "yes", "zh": "是"},
    "common.no": {"en": "no", "zh": "否"},
    # --- nav ---
    "nav.home": {"en": "Home", "zh": "首页"},
    "nav.activations": {"en": "Activation functions", "zh": "激活函数"},
    "nav.neuron": {"en": "Single neuron", "zh": "单个神经元"},
    "nav.mlp": {"en": "MLP training", "zh": "多层网络训练"},
    "nav.backprop": {"en": "Forward and backward pass", "zh": "前向与反向传播"},
    # --- state (URL parameters) ---
    "state.notice_header": {
        "en": "Some settings in the link could not be used as they were written:",
        "zh": "链接中的部分设置无法按原样使用：",
    },
    "state.not_int": {
        "en": "{setting} is not a whole number; using {default}.",
        "zh": "{setting} 不是整数；改用 {default}。",
    },
    "state.not_float": {
        "en": "{setting} is not a finite number; using {default}.",
        "zh": "{setting} 不是有限的数；改用 {default}。",
    },
    "state.out_of_range": {
        "en": "{setting} is outside {lo} … {hi}; using {default}.",
        "zh": "{setting} 超出范围 {lo} … {hi}；改用 {default}。",
    },
    "state.not_choice": {
        "en": "{setting} is not one of {choices}; using {default}.",
        "zh": "{setting} 不在可选值 {choices} 之中；改用 {default}。",
    },
    "state.not_bool": {
        "en": "{setting} is not on/off (1/0, true/false); using {default}.",
        "zh": "{setting} 不是开关值（1/0、true/false）；改用 {default}。",
    },
    "state.unknown_items": {
        "en": "{name} lists unknown values {raw}; they were dropped.",
        "zh": "{name} 含有未知的值 {raw}，已忽略。",
    },
    "state.not_range": {
        "en": "{setting} is not two values lo,hi (lo < hi) from {choices}; using {default}.",
        "zh": "{setting} 不是取自 {choices} 的两个值 lo,hi（lo < hi）；改用 {default}。",
    },
    "state.empty_list": {
        "en": "{name} selects nothing valid; using {default}.",
        "zh": "{name} 没有有效的选择；改用 {default}。",
    },
    "state.snapped": {
        "en": "{setting} is not a value the slider has; using the nearest one, {used}.",
        "zh": "{setting} 不是滑块上的值；改用最接近的 {used}。",
    },
    "state.unknown_params": {
        "en": "This page has no setting named {names}; removed from the link.",
        "zh": "本页面没有名为 {names} 的设置；已从链接中删除。",
    },
    # --- home ---
    "home.title": {"en": "NN Playground", "zh": "神经网络游乐场"},
    "home.tagline": {
        "en": "Neural networks you can touch: move a slider, see the maths change.",
        "zh": "看得见、摸得着的神经网络：拖动滑块，立刻看到数学的变化。",
    },
    "home.intro": {
        "en": (
            "This playground turns the basics of neural networks into pages you can play with. "
            "It starts from a single activation function, builds up to one neuron, then to a "
            "multilayer network that trains live in your browser, and ends with the forward and "
            "backward pass computed number by number. Every number comes from a small NumPy "
            "network written for this app and checked against PyTorch."
        ),
        "zh": (
            "这个游乐场把神经网络的基础知识变成可以动手玩的页面：从一个激活函数开始，到单个神经元，"
            "再到在浏览器里实时训练的多层网络，最后逐个数字地演算前向传播和反向传播。"
            "所有数字都来自为本应用编写的一个小型 NumPy 网络，并与 PyTorch 的结果逐一核对。"
        ),
    },
    "home.pages_header": {"en": "What you can explore", "zh": "可以探索的内容"},
    "home.card.activations": {
        "en": (
            "See why networks need nonlinearity, where sigmoid and tanh saturate, why ReLU units "
            "can die, and how gradients shrink through many layers."
        ),
        "zh": (
            "了解网络为什么需要非线性，sigmoid 和 tanh 在哪里饱和，ReLU 为什么会“死亡”，"
            "以及梯度如何在多层之间逐渐消失。"
        ),
    },
    "home.card.neuron": {
        "en": (
            "Move the weights and bias of one neuron, watch its decision line, and train it step "
            "by step with gradient descent or the perceptron rule."
        ),
        "zh": (
            "调节单个神经元的权重和偏置，观察它的决策直线，"
            "并用梯度下降或感知机规则一步步训练它。"
        ),
    },
    "home.card.mlp": {
        "en": (
            "Train a multilayer network live on toy datasets, with every control of TensorFlow "
            "Playground and more: proper losses, optimisers, and gradient diagnostics."
        ),
        "zh": (
            "在玩具数据集上实时训练多层网络：包含 TensorFlow Playground 的全部控件，"
            "还有更合适的损失函数、优化器和梯度诊断。"
        ),
    },
    "home.card.backprop": {
        "en": (
            "Step through the forward and backward pass of a small network with the real numbers, "
            "and check every gradient against PyTorch."
        ),
        "zh": "用真实的数字逐步走完一个小网络的前向与反向传播，并把每个梯度与 PyTorch 对照。",
    },
    "home.open": {"en": "Open", "zh": "打开"},
    "home.tutorial_header": {"en": "The tutorial behind it", "zh": "配套教程"},
    "home.tutorial_text": {
        "en": (
            "The pages follow the order of chapter 2.3 of the PyTorch handbook (in Chinese): "
            "neurons and activation functions, then networks, then forward and backward "
            "propagation. Read a section there, then try it here."
        ),
        "zh": (
            "这些页面按照《PyTorch 中文手册》第 2.3 节的顺序展开：先是神经元和激活函数，"
            "然后是神经网络，最后是前向传播与反向传播。先读一节教程，再来这里动手试一试。"
        ),
    },
    "home.tutorial_button": {
        "en": "Chapter 2.3 on GitHub",
        "zh": "在 GitHub 上阅读第 2.3 节",
    },
    "home.language_hint": {
        "en": "Switch the language in the sidebar; the link keeps it (?lang=en or ?lang=zh).",
        "zh": "在侧边栏切换语言；链接会记住你的选择（?lang=en 或 ?lang=zh）。",
    },
    # --- activations ---
    "act.intro": {
        "en": (
            "A neuron computes $z = w \\cdot x + b$ and passes it through an **activation "
            "function** $a = g(z)$. Training needs the derivative $g'(z)$ too: backpropagation "
            "multiplies every gradient by it. Pick activations, move the sliders, and watch "
            "both."
        ),
        "zh": (
            "一个神经元先计算 $z = w \\cdot x + b$，再经过**激活函数**得到 $a = g(z)$。"
            "训练还需要导数 $g'(z)$：反向传播时每个梯度都要乘以它。"
            "选择激活函数、拖动滑块，同时观察函数和导数的变化。"
        ),
    },
    "act.pick": {"en": "Activation functions", "zh": "激活函数"},
    "act.range": {"en": "Range of z", "zh": "z 的范围"},
    "act.range_widened": {
        "en": "Both ends of the range are on one value; showing z from {lo} to {hi}.",
        "zh": "范围的两端取了同一个值；改为显示 z 从 {lo} 到 {hi}。",
    },
    "act.leaky_alpha": {"en": "Leaky ReLU slope α", "zh": "Leaky ReLU 斜率 α"},
    "act.elu_alpha": {"en": "ELU α", "zh": "ELU 参数 α"},
    "act.softplus_beta": {"en": "Softplus β", "zh": "Softplus 参数 β"},
    "act.none_selected": {
        "en": "Pick at least one activation function above.",
        "zh": "请在上方至少选择一个激活函数。",
    },
    "act.tab.curves": {"en": "g and g'", "zh": "函数与导数"},
    "act.tab.why": {"en": "Why nonlinearity", "zh": "为什么需要非线性"},
    "act.tab.depth": {"en": "Vanishing gradients", "zh": "梯度消失"},
    "act.tab.table": {"en": "Comparison table", "zh": "对比表"},
    "act.tab.variants": {"en": "PReLU and RReLU", "zh": "PReLU 与 RReLU"},
    "act.chart.g": {"en": "Activation a = g(z)", "zh": "激活函数 a = g(z)"},
    "act.chart.dg": {"en": "Derivative g'(z)", "zh": "导数 g'(z)"},
    "act.axis.z": {"en": "z (pre-activation)", "zh": "z（激活前的值）"},
    "act.legend.activation": {"en": "Activation", "zh": "激活函数"},
    "act.legend.region": {"en": "Shaded", "zh": "阴影区域"},
    "act.region.saturated": {"en": "saturated: |g'| < τ", "zh": "饱和：|g'| < τ"},
    "act.region.dead": {"en": "dead: g' = 0", "zh": "死区：g' = 0"},
    "act.tau": {"en": "Saturation threshold τ", "zh": "饱和阈值 τ"},
    "act.tau_help": {
        "en": "Shade where the derivative is smaller than τ in absolute value.",
        "zh": "在导数绝对值小于 τ 的地方加阴影。",
    },
    "act.focus": {"en": "Shade the regions of", "zh": "为哪个函数画阴影"},
    "act.saturation_expl": {
        "en": (
            "**Saturation.** {name} has $|g'(z)| < {tau}$ on {share:.0f}% of this range "
            "(shaded). A gradient flowing back through a unit there is multiplied by less "
            "than {tau}, so the weights before it barely change: the unit learns slowly, "
            "and in a deep network such factors pile up into a vanishing gradient. Large "
            "weights or inputs push z into these regions."
        ),
        "zh": (
            "**饱和。** {name} 在这个范围的 {share:.0f}% 上满足 $|g'(z)| < {tau}$（阴影部分）。"
            "梯度反向经过处在这里的神经元时要乘以一个小于 {tau} 的数，"
            "它前面的权重几乎不再变化：学习变得很慢；在深层网络中这些因子层层相乘，"
            "就成了梯度消失。过大的权重或输入会把 z 推进这些区域。"
        ),
    },
    "act.dead_expl": {
        "en": (
            "**Dead region.** {name} has $g'(z) = 0$ exactly on {where} ({share:.0f}% of the "
            "range, grey). No gradient passes there at all. A ReLU unit whose z is negative "
            "for every training example never updates again: it has *died*, often after "
            "one step with too large a learning rate. Leaky ReLU, ELU and friends keep a "
            "small slope there so the unit can recover."
        ),
        "zh": (
            "**死区。** {name} 在 {where} 上 $g'(z) = 0$（占范围的 {share:.0f}%，灰色）。"
            "这里完全没有梯度通过。如果一个 ReLU 神经元对所有训练样本的 z 都为负，"
            "它就再也不会更新，即所谓“神经元死亡”，常见于学习率过大的一次更新之后。"
            "Leaky ReLU、ELU 等在这里保留一个小斜率，让神经元还能恢复。"
        ),
    },
    "act.no_dead": {
        "en": "**Dead region.** {name} has no interval where $g'(z) = 0$ in this range.",
        "zh": "**死区。** 在这个范围内，{name} 没有 $g'(z) = 0$ 的区间。",
    },
    "act.formulas": {"en": "Formulas", "zh": "公式"},
    "act.name.step": {"en": "Step (M-P neuron)", "zh": "阶跃（M-P 神经元）"},
    "act.name.linear": {"en": "Linear (identity)", "zh": "线性（恒等）"},
    "act.name.sigmoid": {"en": "Sigmoid", "zh": "Sigmoid"},
    "act.name.tanh": {"en": "Tanh", "zh": "Tanh"},
    "act.name.softsign": {"en": "Softsign", "zh": "Softsign"},
    "act.name.relu": {"en": "ReLU", "zh": "ReLU"},
    "act.name.leaky_relu": {"en": "Leaky ReLU", "zh": "Leaky ReLU"},
    "act.name.elu": {"en": "ELU", "zh": "ELU"},
    "act.name.selu": {"en": "SELU", "zh": "SELU"},
    "act.name.softplus": {"en": "Softplus", "zh": "Softplus"},
    "act.name.gelu": {"en": "GELU (tanh approx.)", "zh": "GELU（tanh 近似）"},
    "act.name.silu": {"en": "SiLU (Swish)", "zh": "SiLU（Swish）"},
    "act.name.mish": {"en": "Mish", "zh": "Mish"},
    "act.about.step": {
        "en": "The McCulloch-Pitts threshold unit: fires or not. Its derivative is 0, so "
        "gradient descent cannot train it.",
        "zh": "McCulloch-Pitts 阈值单元：要么激活，要么不激活。导数为 0，梯度下降无法训练它。",
    },
    "act.about.linear": {
        "en": "No activation at all: a stack of such layers is still one linear map.",
        "zh": "相当于没有激活函数：多层叠加仍然只是一个线性映射。",
    },
    "act.about.sigmoid": {
        "en": "Squashes z into (0, 1), like a probability; saturates on both sides and its "
        "derivative is at most 0.25.",
        "zh": "把 z 压缩到 (0, 1)，像一个概率；两侧都会饱和，导数最大只有 0.25。",
    },
    "act.about.tanh": {
        "en": "A rescaled sigmoid with outputs in (-1, 1), centred on 0; still saturates.",
        "zh": "缩放后的 sigmoid，输出在 (-1, 1)，以 0 为中心；仍然会饱和。",
    },
    "act.about.softsign": {
        "en": "Like tanh but approaches ±1 polynomially, so it saturates more slowly.",
        "zh": "与 tanh 相似，但以多项式速度趋近 ±1，饱和得更慢。",
    },
    "act.about.relu": {
        "en": "Zero for negative z, identity for positive: cheap, no saturation for z > 0, "
        "but units can die.",
        "zh": "z 为负时输出 0，为正时原样输出：计算便宜，z > 0 时不饱和，但神经元可能死亡。",
    },
    "act.about.leaky_relu": {
        "en": "ReLU with a small slope α for negative z, so the gradient never vanishes "
        "completely.",
        "zh": "在 z 为负时保留小斜率 α 的 ReLU，梯度不会完全消失。",
    },
    "act.about.elu": {
        "en": "Smooth exponential curve for negative z, saturating at -α; outputs closer to "
        "zero mean.",
        "zh": "z 为负时是平滑的指数曲线，趋近于 -α；输出的均值更接近 0。",
    },
    "act.about.selu": {
        "en": "A scaled ELU whose constants keep activations normalised through deep "
        "networks.",
        "zh": "缩放后的 ELU，其常数使激活值在深层网络中保持归一化。",
    },
    "act.about.softplus": {
        "en": "A smooth ReLU, ln(1 + e^z); its derivative is the sigmoid.",
        "zh": "平滑版的 ReLU，即 ln(1 + e^z)；它的导数正是 sigmoid。",
    },
    "act.about.gelu": {
        "en": "Weights z by how likely it is to be positive; used in Transformers.",
        "zh": "按 z 为正的可能性对 z 加权；Transformer 中常用。",
    },
    "act.about.silu": {
        "en": "z times sigmoid(z): smooth, slightly negative dip, unbounded above.",
        "zh": "z 乘以 sigmoid(z)：平滑，负半轴有小凹陷，上方无界。",
    },
    "act.about.mish": {
        "en": "z · tanh(softplus(z)): a smooth ReLU-like curve close to SiLU.",
        "zh": "z · tanh(softplus(z))：一条接近 SiLU 的平滑类 ReLU 曲线。",
    },
    "act.why.intro": {
        "en": (
            "Without an activation, a layer computes $x W^T + b$, an affine map. Two or three "
            "such layers in a row are still **one** affine map, so depth adds nothing. Below, a "
            "square grid of the plane (grey) is pushed through a random stack of layers: "
            "without an activation the grid lines stay straight and parallel; with one "
            "between the layers they bend."
        ),
        "zh": (
            "没有激活函数时，一层只计算 $x W^T + b$，即一个仿射映射。"
            "两三层这样的映射连在一起仍然是**一个**仿射映射，加深网络毫无作用。"
            "下面把平面上的方格网（灰色）送进一组随机的层：没有激活函数时网格线保持笔直、平行；"
            "在层与层之间加上激活函数后，网格线就弯曲了。"
        ),
    },
    "act.why.layers": {"en": "Number of layers", "zh": "层数"},
    "act.why.seed": {"en": "Random seed of the weights", "zh": "权重的随机种子"},
    "act.why.nonlin": {"en": "Activation between layers", "zh": "层间的激活函数"},
    "act.why.linear_title": {"en": "Linear layers only", "zh": "只有线性层"},
    "act.why.nonlinear_title": {"en": "The same layers with {name}", "zh": "同样的层加上 {name}"},
    "act.why.composed": {
        "en": "The {n} linear layers (sizes {sizes}) multiply out to one matrix and one bias:",
        "zh": "这 {n} 个线性层（尺寸 {sizes}）相乘后就是一个矩阵加一个偏置：",
    },
    "act.why.max_diff": {
        "en": "Largest difference between the stack and the single map on the grid: "
        "{diff:.1e} (rounding only).",
        "zh": "在网格上，多层与单个映射的最大差别为 {diff:.1e}（只是舍入误差）。",
    },
    "act.why.conclusion": {
        "en": (
            "So a deep network without activations can only draw straight decision lines, "
            "like a single neuron. The nonlinearity between layers is what lets depth build "
            "curved boundaries."
        ),
        "zh": (
            "所以没有激活函数的深层网络也只能画出直线决策边界，和单个神经元一样。"
            "正是层与层之间的非线性，让网络的深度能够组合出弯曲的边界。"
        ),
    },
    "act.depth.intro": {
        "en": (
            "Backpropagation multiplies one factor $g'(z^{{[l]}})$ per layer along each path "
            "from the loss back to an early weight (times the weights). However z falls, the "
            "product over L layers is at most $(\\max |g'|)^L$: for the sigmoid $0.25^L$, "
            "already below $10^{{-6}}$ at L = 10. The chart uses a log scale."
        ),
        "zh": (
            "反向传播时，从损失回到前面某个权重的每条路径上，每层都要乘一个因子 "
            "$g'(z^{{[l]}})$（还要乘以权重）。无论 z 取什么值，L 层的乘积最多是 "
            "$(\\max |g'|)^L$：sigmoid 是 $0.25^L$，L = 10 时已小于 $10^{{-6}}$。"
            "图中纵轴为对数刻度。"
        ),
    },
    "act.depth.L": {"en": "Depth L (layers)", "zh": "深度 L（层数）"},
    "act.depth.chart": {
        "en": "Largest possible gradient factor after L layers",
        "zh": "经过 L 层后梯度因子的最大可能值",
    },
    "act.depth.axis_L": {"en": "depth L", "zh": "深度 L"},
    "act.depth.axis_bound": {"en": "(max |g'|)^L (log scale)", "zh": "(max |g'|)^L（对数刻度）"},
    "act.depth.value": {
        "en": "{name}: max |g'| = {m:.4g} (at z = {z:g}), so at L = {L}: {m:.4g}^{L} = {v:.3e}",
        "zh": "{name}：max |g'| = {m:.4g}（在 z = {z:g} 处），"
        "因此 L = {L} 时：{m:.4g}^{L} = {v:.3e}",
    },
    "act.depth.zero": {
        "en": "{names}: the derivative is 0 everywhere, so no gradient passes even one layer.",
        "zh": "{names}：导数处处为 0，连一层梯度都传不过去。",
    },
    "act.depth.note": {
        "en": (
            "Above 1 the product explodes instead (SELU's maximum is about 1.76). ReLU's "
            "factor is exactly 1 or 0: gradients neither shrink nor grow on active paths, "
            "which is one reason deep ReLU networks train."
        ),
        "zh": (
            "如果最大导数大于 1，乘积会爆炸（SELU 的最大导数约为 1.76）。"
            "ReLU 的因子要么是 1 要么是 0：在激活的路径上梯度既不缩小也不增大，"
            "这正是深层 ReLU 网络能够训练的原因之一。"
        ),
    },
    "act.col.name": {"en": "Activation", "zh": "激活函数"},
    "act.col.range": {"en": "Output range", "zh": "输出范围"},
    "act.col.zero_centred": {"en": "Zero-centred", "zh": "以 0 为中心"},
    "act.col.max_dg": {"en": "max |g'|", "zh": "max |g'|"},
    "act.col.cost_g": {"en": "g: ns / element", "zh": "g：纳秒/元素"},
    "act.col.cost_dg": {"en": "g': ns / element", "zh": "g'：纳秒/元素"},
    "act.col.ratio": {"en": "g cost ÷ ReLU", "zh": "g 耗时 ÷ ReLU"},
    "act.col.torch_g": {"en": "max |g − torch|", "zh": "max |g − torch|"},
    "act.col.torch_dg": {"en": "max |g' − autograd|", "zh": "max |g' − autograd|"},
    "act.table.intro": {
        "en": (
            "Every activation with the parameters set above. The cost columns are measured "
            "now, on this server, in NumPy (float64, 100,000 elements, best of 5 runs)."
        ),
        "zh": (
            "所有激活函数（使用上方设置的参数）。耗时一列是此刻在这台服务器上用 NumPy 实测的"
            "（float64，100,000 个元素，5 次中取最快）。"
        ),
    },
    "act.table.remeasure": {"en": "Measure again", "zh": "重新测量"},
    "act.table.torch_button": {"en": "Compare with PyTorch", "zh": "与 PyTorch 对比"},
    "act.table.torch_what": {
        "en": "Comparing every activation and its derivative with PyTorch's (two more columns)",
        "zh": "把每个激活函数及其导数与 PyTorch 的结果对比（表格多出两列）",
    },
    "act.table.torch_running": {
        "en": "Loading PyTorch and comparing…",
        "zh": "正在加载 PyTorch 并对比……",
    },
    "act.table.measuring": {"en": "Measuring…", "zh": "正在测量……"},
    "act.table.claim": {
        "en": (
            "The tutorial says ReLU is cheaper than sigmoid because sigmoid needs an "
            "exponential. Measured here: sigmoid {sig:.2f} ns, ReLU {relu:.2f} ns per "
            "element, a ratio of {ratio:.1f}."
        ),
        "zh": (
            "教程中说 ReLU 比 sigmoid 计算更便宜，因为 sigmoid 需要计算指数。"
            "这里的实测结果：sigmoid 每个元素 {sig:.2f} 纳秒，ReLU {relu:.2f} 纳秒，"
            "比值为 {ratio:.1f}。"
        ),
    },
    "act.table.cost_note": {
        "en": "Timings vary with the machine and its load; compare ratios, not absolute numbers.",
        "zh": "耗时受机器和负载影响；请比较比值，而不是绝对数值。",
    },
    "act.table.torch_pending": {
        "en": "The PyTorch columns fill in when you press the button (loading PyTorch takes "
        "a few seconds).",
        "zh": "按下按钮后才会填入 PyTorch 的两列（加载 PyTorch 需要几秒钟）。",
    },
    "act.table.torch_note": {
        "en": (
            "Compared in float64 on 6,099 points from -1000 to 1000, including z = 0. About "
            "1e-16 is rounding. The step function has no derivative in PyTorch (—)."
        ),
        "zh": (
            "在 float64 下比较了 -1000 到 1000 之间的 6,099 个点（含 z = 0）。"
            "约 1e-16 的差别只是舍入误差。阶跃函数在 PyTorch 中没有导数（—）。"
        ),
    },
    "act.prelu.header": {"en": "PReLU: the slope is learned", "zh": "PReLU：斜率是学出来的"},
    "act.prelu.text": {
        "en": (
            "PReLU is Leaky ReLU whose negative slope α is a parameter: "
            "$a = \\max(0, z) + \\alpha \\min(0, z)$. Backpropagation gives "
            "$\\partial a / \\partial \\alpha = \\min(0, z)$, and α is updated by gradient "
            "descent like a weight. Here α starts at 0.25 (PyTorch's default) and is fitted "
            "to noisy data made with another slope."
        ),
        "zh": (
            "PReLU 就是负半轴斜率 α 作为参数的 Leaky ReLU："
            "$a = \\max(0, z) + \\alpha \\min(0, z)$。反向传播给出 "
            "$\\partial a / \\partial \\alpha = \\min(0, z)$，α 和权重一样用梯度下降更新。"
            "这里 α 从 0.25（PyTorch 的默认值）开始，拟合由另一个斜率生成的带噪声数据。"
        ),
    },
    "act.prelu.alpha_true": {"en": "Slope the data came from", "zh": "生成数据所用的斜率"},
    "act.prelu.lr": {"en": "Learning rate", "zh": "学习率"},
    "act.prelu.steps": {"en": "Gradient steps", "zh": "梯度下降步数"},
    "act.prelu.chart": {"en": "PReLU fitted to data", "zh": "用 PReLU 拟合数据"},
    "act.prelu.alpha_chart": {"en": "α during training", "zh": "训练过程中的 α"},
    "act.prelu.axis_step": {"en": "step", "zh": "步数"},
    "act.prelu.data": {"en": "data", "zh": "数据"},
    "act.prelu.init": {"en": "start, α = {alpha:.2f}", "zh": "初始，α = {alpha:.2f}"},
    "act.prelu.learned": {"en": "learned, α = {alpha:.3f}", "zh": "学到的，α = {alpha:.3f}"},
    "act.prelu.result": {
        "en": "Learned α = {alpha:.4f}; the best α for this data (least squares) is "
        "{alpha_ls:.4f}.",
        "zh": "学到的 α = {alpha:.4f}；对这组数据最优的 α（最小二乘）是 {alpha_ls:.4f}。",
    },
    "act.rrelu.header": {"en": "RReLU: the slope is random", "zh": "RReLU：斜率是随机的"},
    "act.rrelu.text": {
        "en": (
            "RReLU draws a fresh negative slope for every element in every training step, "
            "$\\alpha \\sim U(1/8, 1/3)$ (PyTorch's defaults), which acts like noise that "
            "regularises. At test time it uses the fixed average slope "
            "$(1/8 + 1/3)/2 \\approx 0.229$. The band shows every possible training output."
        ),
        "zh": (
            "RReLU 在每一步训练中为每个元素重新抽取负半轴斜率 "
            "$\\alpha \\sim U(1/8, 1/3)$（PyTorch 的默认值），相当于起正则化作用的噪声。"
            "测试时使用固定的平均斜率 $(1/8 + 1/3)/2 \\approx 0.229$。"
            "色带表示训练时所有可能的输出。"
        ),
    },
    "act.rrelu.seed": {"en": "Random draw (seed)", "zh": "随机抽样（种子）"},
    "act.rrelu.chart": {"en": "RReLU in training and at test time", "zh": "训练与测试时的 RReLU"},
    "act.rrelu.band": {"en": "training band", "zh": "训练时的范围"},
    "act.rrelu.samples": {"en": "one training draw", "zh": "一次训练抽样"},
    "act.rrelu.eval": {"en": "test time, α = {alpha:.3f}", "zh": "测试时，α = {alpha:.3f}"},
    # --- neuron ---
    "neuron.title": {
        "en": "A single neuron: from the M-P threshold unit to a trained sigmoid neuron",
        "zh": "单个神经元：从 M-P 阈值单元到训练好的 sigmoid 神经元",
    },
    "neuron.intro": {
        "en": (
            "A neuron weighs its inputs and adds a bias, $z = w \\cdot x + b = w_1 x_1 + "
            "w_2 x_2 + b$, then passes $z$ through an activation, $a = g(z)$. With the step "
            "function this is McCulloch and Pitts' threshold unit: it answers 1 on one side "
            "of the straight line $w \\cdot x + b = 0$ and 0 on the other. Move $w$ and $b$ "
            "to move the line (the arrow $w$ is normal to it and points where $z > 0$), then "
            "let gradient descent or the perceptron rule find a line that separates the data."
        ),
        "zh": (
            "神经元先对输入加权求和再加上偏置，$z = w \\cdot x + b = w_1 x_1 + w_2 x_2 + b$，"
            "然后经过激活函数得到 $a = g(z)$。激活函数取阶跃函数时，它就是 McCulloch 和 "
            "Pitts 提出的阈值单元（M-P 神经元）：在直线 $w \\cdot x + b = 0$ 的一侧输出 1，"
            "另一侧输出 0。拖动 $w$ 和 $b$ 可以移动这条直线（箭头 $w$ 垂直于直线，指向 "
            "$z > 0$ 的一侧）；再让梯度下降或感知机规则去寻找一条能把数据分开的直线。"
        ),
    },
    "neuron.h.neuron": {"en": "The neuron", "zh": "神经元"},
    "neuron.act": {"en": "Activation g", "zh": "激活函数 g"},
    "neuron.locked": {
        "en": "The weights are being trained; pause to move them by hand.",
        "zh": "权重正在训练中；暂停后才能手动调整。",
    },
    "neuron.clipped": {
        "en": "Training took {names} past ±{lim:g}; the slider shows the end of its range, "
        "the numbers on the right show the real value.",
        "zh": "训练使 {names} 超出了 ±{lim:g}；滑块停在范围的端点，右侧的数字是真实值。",
    },
    "neuron.h.point": {"en": "Input point x", "zh": "输入点 x"},
    "neuron.h.data": {"en": "Data", "zh": "数据"},
    "neuron.dataset": {"en": "Dataset", "zh": "数据集"},
    "neuron.ds.linear": {"en": "Linearly separable", "zh": "线性可分"},
    "neuron.ds.gauss": {"en": "Two Gaussians", "zh": "两团高斯分布"},
    "neuron.ds.xor": {"en": "XOR", "zh": "异或（XOR）"},
    "neuron.ds.circle": {"en": "Circle", "zh": "圆形"},
    "neuron.noise": {"en": "Noise (%)", "zh": "噪声（%）"},
    "neuron.seed": {"en": "Seed", "zh": "随机种子"},
    "neuron.h.train": {"en": "Training", "zh": "训练"},
    "neuron.rule": {"en": "Learning rule", "zh": "学习规则"},
    "neuron.rule.gd": {"en": "Gradient descent (sigmoid)", "zh": "梯度下降（sigmoid）"},
    "neuron.rule.perceptron": {"en": "Perceptron rule (step)", "zh": "感知机规则（阶跃）"},
    "neuron.lr": {"en": "Learning rate α (η)", "zh": "学习率 α（η）"},
    "neuron.lr_help": {
        "en": "Changing it keeps the neuron where it is; the next step uses the new rate.",
        "zh": "修改学习率不会重置神经元；下一步就使用新的学习率。",
    },
    "neuron.step": {"en": "Step", "zh": "单步"},
    "neuron.step100": {"en": "+100", "zh": "+100"},
    "neuron.reset": {"en": "Reset", "zh": "重置"},
    "neuron.play": {"en": "Play", "zh": "连续训练"},
    "neuron.pause": {"en": "Pause", "zh": "暂停"},
    "neuron.speed": {"en": "Steps per frame", "zh": "每帧步数"},
    "neuron.act_forced": {
        "en": "{rule} trains a neuron with the activation {act}, so the activation was set to it.",
        "zh": "{rule} 训练的是激活函数为 {act} 的神经元，因此激活函数已切换为 {act}。",
    },
    "neuron.plane_caption": {
        "en": (
            "Colour: the output a at every point of the plane, orange = {lo}, grey = {mid}, "
            "blue = {hi}. Black line: w·x + b = 0. Arrow: the direction of w (fixed length), "
            "towards z > 0. Diamond: the input point x. Dots: the data, coloured by label "
            "(orange 0, blue 1)."
        ),
        "zh": (
            "颜色：平面上每一点的输出 a，橙色 = {lo}，灰色 = {mid}，蓝色 = {hi}。"
            "黑线：w·x + b = 0。箭头：w 的方向（长度固定），指向 z > 0 的一侧。"
            "菱形：输入点 x。圆点：数据，按标签着色（橙色 0，蓝色 1）。"
        ),
    },
    "neuron.no_line": {
        "en": "The line w·x + b = 0 lies outside the part of the plane shown (or w = 0).",
        "zh": "直线 w·x + b = 0 不在图中显示的范围内（或 w = 0）。",
    },
    "neuron.h.formula": {"en": "At the input point x", "zh": "在输入点 x 处"},
    "neuron.diverged": {
        "en": (
            "Training stopped: step {step} with learning rate {lr} would have taken the loss "
            "from {loss:.3f} to {loss_new:.3g}, beyond {limit:.3f} (3 times the larger of the "
            "starting loss and ln 2). The steps overshoot: the neuron stays where it was. "
            "Choose a smaller learning rate to go on, or press Reset."
        ),
        "zh": (
            "训练已停止：以学习率 {lr} 进行第 {step} 步会使损失从 {loss:.3f} 变为 "
            "{loss_new:.3g}，超过了 {limit:.3f}（起始损失与 ln 2 中较大者的 3 倍）。"
            "步子迈得太大、越过了最低点，所以神经元保持不动。请选择更小的学习率继续，或点击重置。"
        ),
    },
    "neuron.converged": {
        "en": (
            "The perceptron rule has converged after {step} passes: every point is on its "
            "side of the line, so the rule changes nothing any more."
        ),
        "zh": "感知机规则在 {step} 轮后收敛：所有点都在直线正确的一侧，规则不再做任何修改。",
    },
    "neuron.max_steps": {
        "en": "Play stops after {n} steps; press Reset to start again.",
        "zh": "连续训练在 {n} 步后停止；点击重置可重新开始。",
    },
    "neuron.not_separable.xor": {
        "en": (
            "One neuron cannot separate XOR: it draws a single straight line, and no straight "
            "line puts both blue corners on one side and both orange corners on the other. "
            "However it trains, the loss levels off and accuracy stays far from 100% (now "
            "{acc:.0f}%). A hidden layer can do it:"
        ),
        "zh": (
            "单个神经元无法分开 XOR：它只能画一条直线，而没有任何直线能把两个蓝色角放在一侧、"
            "两个橙色角放在另一侧。无论怎么训练，损失都会停在某个值附近，准确率远达不到 100%"
            "（当前 {acc:.0f}%）。加一个隐藏层就可以做到："
        ),
    },
    "neuron.not_separable.circle": {
        "en": (
            "One neuron cannot separate the circle: its boundary is a straight line, and no "
            "straight line puts the inner disc on one side and the ring around it on the "
            "other. The loss levels off and accuracy stays far from 100% (now {acc:.0f}%). "
            "A hidden layer can do it:"
        ),
        "zh": (
            "单个神经元无法分开圆形数据：它的边界是一条直线，而没有任何直线能把内圆放在一侧、"
            "外环放在另一侧。损失会停在某个值附近，准确率远达不到 100%（当前 {acc:.0f}%）。"
            "加一个隐藏层就可以做到："
        ),
    },
    "neuron.mlp_link": {
        "en": "Train a small network on the same data (MLP page)",
        "zh": "在同样的数据上训练一个小网络（多层网络页面）",
    },
    "neuron.m.step": {"en": "Step", "zh": "步数"},
    "neuron.m.loss.gd": {"en": "Loss (cross-entropy)", "zh": "损失（交叉熵）"},
    "neuron.m.loss.perceptron": {"en": "Share misclassified", "zh": "误分类比例"},
    "neuron.m.acc": {"en": "Accuracy", "zh": "准确率"},
    "neuron.h.last": {"en": "The last update, with the numbers", "zh": "上一次更新的具体数字"},
    "neuron.no_step.gd": {
        "en": "Press Step: one gradient-descent step on all points, shown here with its numbers.",
        "zh": "点击单步：在全部数据点上做一步梯度下降，具体数字会显示在这里。",
    },
    "neuron.no_step.perceptron": {
        "en": "Press Step: one pass of the perceptron rule over the points, shown here.",
        "zh": "点击单步：用感知机规则把所有数据点过一遍，过程会显示在这里。",
    },
    "neuron.gd_explain": {
        "en": (
            "Forward: Z = XWᵀ + b, A = σ(Z) for all m points. The loss is the mean "
            "cross-entropy; its gradient is dZ = A − Y per point, averaged into dW and db. "
            "Then one step downhill, W := W − α·dW and b := b − α·db:"
        ),
        "zh": (
            "前向：对全部 m 个点计算 Z = XWᵀ + b，A = σ(Z)。损失取交叉熵的平均值；"
            "它对每个点的梯度是 dZ = A − Y，再平均得到 dW 和 db。"
            "然后沿下坡方向走一步：W := W − α·dW，b := b − α·db："
        ),
    },
    "neuron.table_caption": {
        "en": "The first points of this step (z, a and dz before the update):",
        "zh": "本步前几个数据点（更新前的 z、a 和 dz）：",
    },
    "neuron.perc_explain": {
        "en": (
            "One pass over the points in order: at each point ŷ = step(w·x + b); where "
            "ŷ ≠ y the rule moves the line, w := w + η(y − ŷ)x and b := b + η(y − ŷ). "
            "This pass made {k} such updates; the first {shown} are:"
        ),
        "zh": (
            "按顺序把所有点过一遍：在每个点计算 ŷ = step(w·x + b)；当 ŷ ≠ y 时按规则移动直线，"
            "w := w + η(y − ŷ)x，b := b + η(y − ŷ)。这一轮共更新了 {k} 次；前 {shown} 次如下："
        ),
    },
    "neuron.chart.loss": {"en": "Loss per step", "zh": "每步的损失"},
    "neuron.chart.acc": {"en": "Accuracy per step", "zh": "每步的准确率"},
    "neuron.axis.step": {"en": "step", "zh": "步数"},
    "neuron.axis.loss": {"en": "loss", "zh": "损失"},
    "neuron.axis.acc": {"en": "accuracy", "zh": "准确率"},
    "neuron.series.gd": {
        "en": "gradient descent (cross-entropy)",
        "zh": "梯度下降（交叉熵）",
    },
    "neuron.series.perceptron": {
        "en": "perceptron (share misclassified)",
        "zh": "感知机（误分类比例）",
    },
    # --- mlp ---
    "mlp.title": {"en": "Train a multilayer network, live", "zh": "实时训练多层神经网络"},
    "mlp.intro": {
        "en": (
            "Pick a dataset, choose the input features and the layers, press Play and watch "
            "the network learn: every neuron's output over the plane, the weights, the loss "
            "and the decision boundary change as it trains. Everything TensorFlow Playground "
            "offers, plus proper losses, more classes, optimisers and gradient diagnostics."
        ),
        "zh": (
            "选择数据集、输入特征和网络层数，按下“播放”，看着网络学习：每个神经元在平面上的输出、"
            "权重、损失和决策边界都会随训练实时变化。TensorFlow Playground 的全部功能都在这里，"
            "另外还有更合适的损失函数、多分类、多种优化器和梯度诊断。"
        ),
    },
    "mlp.play": {"en": "Play", "zh": "播放"},
    "mlp.pause": {"en": "Pause", "zh": "暂停"},
    "mlp.step": {"en": "Step", "zh": "单步"},
    "mlp.step_help": {"en": "Train exactly one epoch.", "zh": "只训练一个轮次（epoch）。"},
    "mlp.reset": {"en": "Reset", "zh": "重置"},
    "mlp.reset_help": {
        "en": "Back to the initial weights of this seed, epoch 0.",
        "zh": "回到当前随机种子的初始权重，轮次归零。",
    },
    "mlp.lr": {"en": "Learning rate α", "zh": "学习率 α"},
    "mlp.lr_help": {
        "en": "W ← W − α·dW. Changing it keeps the network training from where it is.",
        "zh": "W ← W − α·dW。修改学习率不会重置网络，训练从当前状态继续。",
    },
    "mlp.activation": {"en": "Activation", "zh": "激活函数"},
    "mlp.act.relu": {"en": "ReLU", "zh": "ReLU"},
    "mlp.act.tanh": {"en": "Tanh", "zh": "Tanh"},
    "mlp.act.sigmoid": {"en": "Sigmoid", "zh": "Sigmoid"},
    "mlp.act.linear": {"en": "Linear", "zh": "线性"},
    "mlp.act.leaky_relu": {"en": "Leaky ReLU", "zh": "Leaky ReLU"},
    "mlp.act.elu": {"en": "ELU", "zh": "ELU"},
    "mlp.act.gelu": {"en": "GELU", "zh": "GELU"},
    "mlp.act.silu": {"en": "SiLU", "zh": "SiLU"},
    "mlp.reg": {"en": "Regularisation", "zh": "正则化"},
    "mlp.reg.none": {"en": "None", "zh": "无"},
    "mlp.reg.l1": {"en": "L1", "zh": "L1"},
    "mlp.reg.l2": {"en": "L2", "zh": "L2"},
    "mlp.reg_rate": {"en": "Regularisation rate", "zh": "正则化率"},
    "mlp.problem": {"en": "Problem type", "zh": "问题类型"},
    "mlp.problem.classification": {"en": "Classification", "zh": "分类"},
    "mlp.problem.regression": {"en": "Regression", "zh": "回归"},
    "mlp.optimizer": {"en": "Optimiser", "zh": "优化器"},
    "mlp.opt.sgd": {"en": "SGD", "zh": "SGD"},
    "mlp.opt.momentum": {"en": "Momentum", "zh": "动量法"},
    "mlp.opt.nesterov": {"en": "Nesterov", "zh": "Nesterov 动量"},
    "mlp.opt.adam": {"en": "Adam", "zh": "Adam"},
    "mlp.reset_rule": {
        "en": (
            "The learning rate and the regularisation act on the next step and keep the "
            "network training. Changing the data, features, layers, activation, optimiser or "
            "batch size restarts from the initial weights."
        ),
        "zh": (
            "学习率和正则化从下一步起生效，网络继续训练；修改数据、特征、层数、激活函数、"
            "优化器或批大小则会从初始权重重新开始。"
        ),
    },
    "mlp.data": {"en": "Data", "zh": "数据"},
    "mlp.dataset": {"en": "Dataset", "zh": "数据集"},
    "mlp.ds.circle": {"en": "Circle", "zh": "圆形"},
    "mlp.ds.xor": {"en": "XOR", "zh": "异或"},
    "mlp.ds.gauss": {"en": "Gauss", "zh": "高斯"},
    "mlp.ds.spiral": {"en": "Spiral", "zh": "螺旋"},
    "mlp.ds.moons": {"en": "Moons", "zh": "双月"},
    "mlp.ds.blobs": {"en": "Blobs (3+)", "zh": "多团（3 类以上）"},
    "mlp.ds.spiral_multi": {"en": "Spiral arms (3+)", "zh": "多臂螺旋（3 类以上）"},
    "mlp.ds.plane": {"en": "Plane", "zh": "平面"},
    "mlp.ds.multigauss": {"en": "Multi-Gauss", "zh": "多高斯"},
    "mlp.classes": {"en": "Number of classes", "zh": "类别数"},
    "mlp.train_ratio": {"en": "Training data", "zh": "训练数据占比"},
    "mlp.noise": {"en": "Noise", "zh": "噪声"},
    "mlp.batch": {"en": "Batch size", "zh": "批大小"},
    "mlp.full_batch": {"en": "Full batch", "zh": "全批量"},
    "mlp.regenerate": {"en": "Regenerate", "zh": "重新生成"},
    "mlp.regenerate_help": {
        "en": "Draw a new sample with the next seed (also new initial weights).",
        "zh": "用下一个随机种子重新生成数据（初始权重也随之改变）。",
    },
    "mlp.features": {"en": "Input features", "zh": "输入特征"},
    "mlp.hidden": {"en": "Hidden layers", "zh": "隐藏层"},
    "mlp.depth": {"en": "Number of hidden layers", "zh": "隐藏层数"},
    "mlp.units": {"en": "Layer {layer}", "zh": "第 {layer} 层"},
    "mlp.big": {"en": "Unlimited", "zh": "不设上限"},
    "mlp.big_help": {
        "en": "Up to 10 hidden layers of 64 neurons (TensorFlow Playground stops at 6 of 8).",
        "zh": (
            "最多 10 个隐藏层、每层 64 个神经元"
            "（TensorFlow Playground 上限为 6 层、每层 8 个）。"
        ),
    },
    "mlp.more": {"en": "More settings", "zh": "更多设置"},
    "mlp.init": {"en": "Weight initialisation", "zh": "权重初始化"},
    "mlp.init.xavier": {"en": "Xavier (Glorot) uniform", "zh": "Xavier（Glorot）均匀"},
    "mlp.init.he": {"en": "He normal", "zh": "He 正态"},
    "mlp.init.uniform": {
        "en": "TensorFlow Playground's (U(−0.5, 0.5), b = 0.1)",
        "zh": "TensorFlow Playground 的（U(−0.5, 0.5)，b = 0.1）",
    },
    "mlp.init.zeros": {"en": "All zeros (symmetry problem)", "zh": "全零（对称性问题）"},
    "mlp.seed": {"en": "Seed", "zh": "随机种子"},
    "mlp.seed_help": {
        "en": "One seed draws the data, the split, the initial weights and the batch order: "
        "the same link reproduces the same run.",
        "zh": "同一个种子决定数据、划分、初始权重和批次顺序：同一个链接会重现同样的训练过程。",
    },
    "mlp.no_features": {
        "en": "Choose at least one input feature.",
        "zh": "请至少选择一个输入特征。",
    },
    "mlp.note.restarted": {
        "en": "The network changed: training restarted from the initial weights.",
        "zh": "网络已改变：从初始权重重新开始训练。",
    },
    "mlp.note.regenerated": {
        "en": "The data changed: new sample, training restarted from the initial weights.",
        "zh": "数据已改变：重新采样，并从初始权重重新开始训练。",
    },
    "mlp.epoch": {"en": "Epoch", "zh": "轮次"},
    "mlp.loss": {"en": "Loss", "zh": "损失"},
    "mlp.train_loss": {"en": "Training loss", "zh": "训练损失"},
    "mlp.test_loss": {"en": "Test loss", "zh": "测试损失"},
    "mlp.train_acc": {"en": "Training accuracy", "zh": "训练准确率"},
    "mlp.test_acc": {"en": "Test accuracy", "zh": "测试准确率"},
    "mlp.train_r2": {"en": "Training R²", "zh": "训练 R²"},
    "mlp.test_r2": {"en": "Test R²", "zh": "测试 R²"},
    "mlp.series.train": {"en": "training", "zh": "训练"},
    "mlp.series.test": {"en": "test", "zh": "测试"},
    "mlp.diverged_restored": {
        "en": (
            "Training diverged at epoch {epoch}: the loss stopped being a finite number. "
            "The network is back at the weights of epoch {restored}, the last checked one "
            "whose training loss was at most 10 times the best so far, and training is "
            "paused. Try a smaller learning rate (a tenth, or less if it diverges again), "
            "then press Play."
        ),
        "zh": (
            "训练在第 {epoch} 轮发散：损失不再是有限的数。网络已恢复到第 {restored} 轮的权重"
            "（最后一个经过检查、训练损失不超过目前最佳值 10 倍的轮次），训练已暂停。"
            "请调小学习率（例如调到十分之一；若再次发散就再调小），再按“播放”。"
        ),
    },
    "mlp.diagram": {"en": "Network", "zh": "网络结构"},
    "mlp.boundary": {"en": "Output over the plane", "zh": "输出（整个平面）"},
    "mlp.alt.boundary": {
        "en": "The network's output over the plane, with the data points",
        "zh": "网络在整个平面上的输出，以及数据点",
    },
    "mlp.alt.focus": {
        "en": "The chosen neuron's output over the plane, with the training points",
        "zh": "所选神经元在整个平面上的输出，以及训练点",
    },
    "mlp.alt.diagram": {
        "en": "The network: every neuron's output as a small map, weights as lines",
        "zh": "网络结构：每个神经元的输出显示为小图，权重显示为连线",
    },
    "mlp.diagram_help": {
        "en": (
            "Each node shows its neuron's output over the plane. Lines are weights: blue "
            "positive, orange negative, thicker when larger. Pick a node below to see its "
            "output large."
        ),
        "zh": (
            "每个节点显示该神经元在整个平面上的输出。连线表示权重：蓝色为正，橙色为负，"
            "越粗绝对值越大。在下方选择一个节点，可放大查看它的输出。"
        ),
    },
    "mlp.col.input": {"en": "Input", "zh": "输入"},
    "mlp.col.hidden": {"en": "Layer {layer}", "zh": "第 {layer} 层"},
    "mlp.col.output": {"en": "Output", "zh": "输出"},
    "mlp.node.hidden": {
        "en": "layer {layer}, neuron {unit}",
        "zh": "第 {layer} 层第 {unit} 个神经元",
    },
    "mlp.node.output": {"en": "output ŷ", "zh": "输出 ŷ"},
    "mlp.node.class": {"en": "output: P(class {k})", "zh": "输出：P(类别 {k})"},
    "mlp.focus": {"en": "Show large", "zh": "放大显示"},
    "mlp.discretize": {"en": "Discretise", "zh": "离散化"},
    "mlp.show_test": {"en": "Test data", "zh": "测试数据"},
    "mlp.output.binary": {
        "en": (
            "Output: one sigmoid unit, P(class 1), trained with binary cross-entropy. Blue is "
            "class 1, orange class 0; training points have a white ring, test points a black one."
        ),
        "zh": (
            "输出：一个 sigmoid 单元，即 P(类别 1)，用二元交叉熵训练。蓝色为类别 1，橙色为类别 0；"
            "训练点带白色描边，测试点带黑色描边。"
        ),
    },
    "mlp.output.multiclass": {
        "en": (
            "Output: softmax over the classes, trained with cross-entropy; each class has its "
            "colour, paler where the network is unsure. Test points have a black ring."
        ),
        "zh": (
            "输出：对各类别做 softmax，用交叉熵训练；每个类别一种颜色，网络越不确定颜色越浅。"
            "测试点带黑色描边。"
        ),
    },
    "mlp.output.regression": {
        "en": (
            "Output: one linear unit, trained with mean squared error; blue is +1, orange −1. "
            "Test points have a black ring."
        ),
        "zh": "输出：一个线性单元，用均方误差训练；蓝色为 +1，橙色为 −1。测试点带黑色描边。",
    },
    "mlp.diagnostics": {"en": "Diagnostics", "zh": "训练诊断"},
    "mlp.grad_norm": {"en": "gradient norm ‖dW, db‖", "zh": "梯度范数 ‖dW, db‖"},
    "mlp.grad_help": {
        "en": (
            "Per layer, the size of the last step's gradient (log scale). Layers far from the "
            "output with much smaller norms show vanishing gradients; fast-growing ones, "
            "exploding gradients."
        ),
        "zh": (
            "每一层最近一步梯度的大小（对数坐标）。离输出越远的层若梯度小得多，说明梯度消失；"
            "若迅速增大，说明梯度爆炸。"
        ),
    },
    "mlp.dead_share": {"en": "dead units", "zh": "死亡单元占比"},
    "mlp.dead_help": {
        "en": (
            "Share of ReLU units whose z is negative on every training point: they output 0, "
            "get no gradient and stop learning. A large learning rate kills more of them."
        ),
        "zh": (
            "在所有训练点上 z 都为负的 ReLU 单元占比：它们输出恒为 0，得不到梯度，停止学习。"
            "学习率过大时这样的单元会更多。"
        ),
    },
    "mlp.dead_none": {
        "en": (
            "Dead units (zero gradient on every training point) happen with ReLU; choose it "
            "to see them per layer."
        ),
        "zh": "死亡单元（在所有训练点上梯度为零）出现在 ReLU 中；选择 ReLU 可按层查看。",
    },
    "mlp.url.layers": {
        "en": (
            "{setting} is not up to {layers} comma-separated widths of 1 to {units}; "
            "using {default}."
        ),
        "zh": (
            "{setting} 不是最多 {layers} 个、每个 1 到 {units} 的逗号分隔宽度；"
            "改用 {default}。"
        ),
    },
    # --- backprop ---
    "bp.title": {
        "en": "Forward and backward pass, with the numbers",
        "zh": "前向传播与反向传播：每一个数字",
    },
    "bp.intro": {
        "en": (
            "The tutorial ends with forward propagation (compute and cache $z^{{[l]}}$ and "
            "$a^{{[l]}}$ layer by layer up to $\\hat y = a^{{[L]}}$) and backpropagation "
            "(from $da^{{[L]}}$ back to $da^{{[1]}}$, giving $dW^{{[l]}}$ and $db^{{[l]}}$, "
            "then $W := W - \\alpha\\, dW$). Here every one of those lines is computed on a "
            "small network you shape, with all its numbers, so you can check each one by "
            "hand. Step through with **Next**."
        ),
        "zh": (
            "教程的最后一节讲前向传播（逐层计算并缓存 $z^{{[l]}}$ 和 "
            "$a^{{[l]}}$，直到 $\\hat y = "
            "a^{{[L]}}$）和反向传播（从 $da^{{[L]}}$ 一直传回 "
            "$da^{{[1]}}$，得到 $dW^{{[l]}}$ 和 "
            "$db^{{[l]}}$，再做 $W := W - \\alpha\\, "
            "dW$）。这里在一个你自己搭建的小网络上把每一行都算出来，列出全部数字，你可"
            "以逐个手算核对。点击 **下一步** 逐步查看。"
        ),
    },
    "bp.notation": {
        "en": (
            "Vectors are columns, as in the tutorial: $a^{{[0]}} = x$, $W^{{[l]}}$ has one "
            "row per unit of layer $l$, and with a mini-batch column $i$ of $A^{{[l]}}$ is "
            "example $i$. $\\odot$ multiplies entry by entry. Everything is computed in "
            "float64 and only rounded for display."
        ),
        "zh": (
            "和教程一样，向量写成列向量：$a^{{[0]}} = "
            "x$，$W^{{[l]}}$ 的每一行对应第 $l$ "
            "层的一个神经元；使用小批量时，$A^{{[l]}}$ 的第 $i$ "
            "列就是第 $i$ 个样本。$\\odot$ 表示逐元素相乘。所有数都用 "
            "float64 计算，只在显示时四舍五入。"
        ),
    },
    "bp.settings": {
        "en": "Change the network, the example and the learning rate",
        "zh": "修改网络、样本与学习率",
    },
    "bp.summary": {
        "en": (
            "**Network {sizes}**, hidden activation g = {act}, output {out}; "
            "example x = ({x}), y = {y}; mini-batch m = {m}; learning rate α = {alpha}."
        ),
        "zh": (
            "**网络 {sizes}**，隐藏层激活函数 g = {act}，输出层 {out}；"
            "样本 x = ({x})，y = {y}；批大小 m = {m}；学习率 α = {alpha}。"
        ),
    },
    "bp.net_header": {"en": "Network shape", "zh": "网络结构"},
    "bp.fn_header": {"en": "Functions and weights", "zh": "函数与权重"},
    "bp.n0": {"en": "Inputs n[0]", "zh": "输入个数 n[0]"},
    "bp.depth": {"en": "Hidden layers", "zh": "隐藏层层数"},
    "bp.hidden_width": {"en": "Units in hidden layer {l}", "zh": "第 {l} 个隐藏层的神经元数"},
    "bp.k": {"en": "Outputs n[L]", "zh": "输出个数 n[L]"},
    "bp.act": {"en": "Hidden activation g", "zh": "隐藏层激活函数 g"},
    "bp.out": {"en": "Output layer and loss", "zh": "输出层与损失函数"},
    "bp.out.sigmoid": {"en": "sigmoid + binary cross-entropy", "zh": "sigmoid + 二元交叉熵"},
    "bp.out.softmax": {"en": "softmax + cross-entropy", "zh": "softmax + 交叉熵"},
    "bp.out.linear": {"en": "linear + mean squared error", "zh": "线性 + 均方误差"},
    "bp.out.tanh": {"en": "tanh + mean squared error", "zh": "tanh + 均方误差"},
    "bp.init": {"en": "Initial weights", "zh": "权重初始化"},
    "bp.init.xavier": {"en": "Xavier uniform (b = 0)", "zh": "Xavier 均匀分布（b = 0）"},
    "bp.init.he": {"en": "He normal (b = 0)", "zh": "He 正态分布（b = 0）"},
    "bp.init.uniform": {
        "en": "uniform ±0.5, b = 0.1 (TensorFlow Playground)",
        "zh": "均匀分布 ±0.5，b = 0.1（TensorFlow Playground）",
    },
    "bp.init.zeros": {"en": "all zeros (symmetry problem)", "zh": "全部为 0（对称性问题）"},
    "bp.seed": {"en": "Seed (weights and mini-batch)", "zh": "随机种子（权重与小批量）"},
    "bp.softmax_needs_two": {
        "en": "softmax needs at least 2 outputs: using 2.",
        "zh": "softmax 至少需要 2 个输出：已改为 2。",
    },
    "bp.example_header": {"en": "Training example (x, y)", "zh": "训练样本 (x, y)"},
    "bp.x": {"en": "x{i}", "zh": "x{i}"},
    "bp.y_label": {"en": "y{j} (label 0 or 1)", "zh": "y{j}（标签 0 或 1）"},
    "bp.y_class": {"en": "y (class 0 … {k})", "zh": "y（类别 0 … {k}）"},
    "bp.y_target": {"en": "y{j} (target)", "zh": "y{j}（目标值）"},
    "bp.batch": {"en": "Mini-batch instead of one example", "zh": "用小批量代替单个样本"},
    "bp.m": {"en": "Batch size m", "zh": "批大小 m"},
    "bp.batch_caption": {
        "en": "Example 1 is yours; the other m − 1 are drawn from the seed.",
        "zh": "第 1 个样本是你设置的；其余 m − 1 个由随机种子生成。",
    },
    "bp.batch_table": {
        "en": "The mini-batch (one row per example)",
        "zh": "这个小批量（每行一个样本）",
    },
    "bp.lr_header": {"en": "Learning rate and display", "zh": "学习率与显示"},
    "bp.alpha": {"en": "Learning rate α", "zh": "学习率 α"},
    "bp.digits": {"en": "Decimals shown", "zh": "显示的小数位数"},
    "bp.digits_help": {
        "en": "Rounding is for display only: everything is computed in float64.",
        "zh": "四舍五入只用于显示：所有计算都用 float64。",
    },
    "bp.show_all": {"en": "Show all steps at once", "zh": "一次显示全部步骤"},
    "bp.step": {"en": "Step", "zh": "步骤"},
    "bp.progress": {"en": "step %d of {n}", "zh": "第 %d 步（共 {n} 步）"},
    "bp.prev": {"en": "◀ Previous", "zh": "◀ 上一步"},
    "bp.next": {"en": "Next ▶", "zh": "下一步 ▶"},
    "bp.phase.forward": {"en": "Forward pass", "zh": "前向传播"},
    "bp.phase.loss": {"en": "Loss", "zh": "损失"},
    "bp.phase.backward": {"en": "Backward pass", "zh": "反向传播"},
    "bp.phase.update": {"en": "Update", "zh": "参数更新"},
    "bp.kind.z": {"en": "layer {l}: the linear part {sym}", "zh": "第 {l} 层：线性部分 {sym}"},
    "bp.kind.a": {"en": "layer {l}: the activation {sym}", "zh": "第 {l} 层：激活值 {sym}"},
    "bp.kind.loss": {"en": "the loss {sym}", "zh": "损失 {sym}"},
    "bp.kind.da_L": {
        "en": "backprop starts at the output: {sym}",
        "zh": "反向传播从输出开始：{sym}",
    },
    "bp.kind.dz": {"en": "layer {l}: {sym}", "zh": "第 {l} 层：{sym}"},
    "bp.kind.dW": {"en": "layer {l}: the weight gradient {sym}", "zh": "第 {l} 层：权重梯度 {sym}"},
    "bp.kind.db": {"en": "layer {l}: the bias gradient {sym}", "zh": "第 {l} 层：偏置梯度 {sym}"},
    "bp.kind.da_prev": {
        "en": "layer {l}: the gradient passed back, {sym}",
        "zh": "第 {l} 层：传回上一层的梯度 {sym}",
    },
    "bp.kind.W": {"en": "new weights {sym}", "zh": "新的权重 {sym}"},
    "bp.kind.b": {"en": "new biases {sym}", "zh": "新的偏置 {sym}"},
    "bp.kind.loss_after": {"en": "the loss after the update, {sym}", "zh": "更新后的损失 {sym}"},
    "bp.explain.z": {
        "en": (
            "Each unit of layer {l} takes a weighted sum of the previous layer's activations "
            "plus its bias: row j of W times the column of inputs."
        ),
        "zh": (
            "第 {l} 层的每个神经元对上一层的激活值做加权求和再加上偏置：W 的第 "
            "j 行乘以输入列向量。"
        ),
    },
    "bp.explain.a": {
        "en": (
            "The activation g acts on every entry of z separately. Together with z, this a "
            "is what the forward pass keeps: the next layer uses it now, and dW uses it on "
            "the way back."
        ),
        "zh": (
            "激活函数 g 分别作用在 z 的每个元素上。前向传播会把这个 a 和 z "
            "一起缓存：下一层马上要用它，反向传播计算 dW 时还要再用。"
        ),
    },
    "bp.explain.loss": {
        "en": (
            "The loss compares the output with the label y. With a mini-batch, J is the mean "
            "of the examples' losses, one number for the whole batch."
        ),
        "zh": (
            "损失函数把输出和标签 y 做比较。使用小批量时，J "
            "是各个样本损失的平均值，整批只有一个数。"
        ),
    },
    "bp.explain.da_L": {
        "en": (
            "Backprop starts at the output: how fast the loss changes when the output "
            "changes. It is written per example, like the tutorial; the 1/m of the mean "
            "enters in dW and db."
        ),
        "zh": (
            "反向传播从输出开始：输出变化时损失变化有多快。和教程一样按单个样本来写；求平"
            "均的 1/m 在 dW 和 db 里才出现。"
        ),
    },
    "bp.explain.dz": {
        "en": (
            "The chain rule through the activation: multiply entry by entry with g′(z), "
            "which needs the z cached on the forward pass. At the output, sigmoid with "
            "binary cross-entropy and softmax with cross-entropy cancel out to a − y."
        ),
        "zh": (
            "沿激活函数使用链式法则：与 g′(z) 逐元素相乘，这需要前向传播时缓存的 "
            "z。在输出层，sigmoid 配二元交叉熵、softmax "
            "配交叉熵时会约简成 a − y。"
        ),
    },
    "bp.explain.dW": {
        "en": (
            "The gradient of the weight from unit j to unit i is (dz of unit i) × "
            "(activation of unit j), averaged over the examples; it uses a[{prev}] cached on "
            "the forward pass. In nncore the rows are examples, so the same matrix is "
            "written dW = (1/m) · dZᵀ · A_prev (the code below): the tutorial's dZ · A_prevᵀ "
            "in column layout, with every array transposed."
        ),
        "zh": (
            "从神经元 j 到神经元 i 的权重梯度 = 神经元 i 的 dz × "
            "神经元 j 的激活值，再对样本求平均；它用到前向传播缓存的 "
            "a[{prev}]。nncore 中每一行是一个样本，所以同一个矩阵写作 "
            "dW = (1/m) · dZᵀ · "
            "A_prev（见下面的代码）：就是教程列布局中的 dZ · "
            "A_prevᵀ，只是每个数组都转置了。"
        ),
    },
    "bp.explain.db": {
        "en": (
            "A bias enters z with factor 1, so its gradient is dz itself, averaged over the "
            "examples."
        ),
        "zh": "偏置以系数 1 加到 z 上，所以它的梯度就是 dz 本身（再对样本求平均）。",
    },
    "bp.explain.da_prev": {
        "en": (
            "The gradient flows back through the same weights, transposed: this is da of "
            "layer {prev}, where the next dz starts."
        ),
        "zh": "梯度沿着同一组权重（转置后）往回传：这就是第 {prev} 层的 da，下一个 dz 从这里开始。",
    },
    "bp.explain.W": {
        "en": (
            "Gradient descent: a small step against the gradient. All gradients were "
            "computed with the old weights first; only now is every layer updated."
        ),
        "zh": "梯度下降：沿梯度的反方向走一小步。所有梯度都先用旧的权重算好，然后才更新每一层。",
    },
    "bp.explain.b": {
        "en": "The biases take the same step: b := b − α·db.",
        "zh": "偏置也走同样的一步：b := b − α·db。",
    },
    "bp.explain.loss_after": {
        "en": (
            "The same example(s) through the updated network. For a small α the loss goes "
            "down; a large α can overshoot and make it go up."
        ),
        "zh": (
            "把同样的样本送进更新后的网络。α 较小时损失会下降；α "
            "太大可能跨过头，让损失反而上升。"
        ),
    },
    "bp.note_caption": {"en": "where", "zh": "其中"},
    "bp.uses_cache": {
        "en": "Read from the forward cache: {names}",
        "zh": "从前向传播的缓存读取：{names}",
    },
    "bp.stored_cache": {
        "en": "Kept in the cache for the backward pass.",
        "zh": "存入缓存，留给反向传播使用。",
    },
    "bp.code_caption": {
        "en": "The same line in NumPy with examples as rows (nncore's layout):",
        "zh": "用 NumPy 写的同一行，每行一个样本（nncore 的布局）：",
    },
    "bp.diagram_caption": {
        "en": "The highlighted units and weights are the ones this step computes or uses.",
        "zh": "高亮的神经元和权重就是这一步计算或用到的部分。",
    },
    "bp.diagram.input": {"en": "input x", "zh": "输入 x"},
    "bp.diagram.hidden": {"en": "layer {l}", "zh": "第 {l} 层"},
    "bp.diagram.output": {"en": "output (layer {l})", "zh": "输出（第 {l} 层）"},
    "bp.batch_note": {
        "en": (
            "**Mini-batch of m = {m} examples.** The forward and backward pass run on all of "
            "them at once; dz and da stay per example, and only dW and db average over the "
            "batch with 1/m. The tutorial writes examples as columns: dW = (1/m) · dZ · "
            "A_prevᵀ. nncore, like NumPy, pandas and PyTorch, stores examples as rows and "
            "computes dW = (1/m) · dZᵀ · A_prev: the same matrix, because each row-layout "
            "array is the transpose of its column-layout twin."
        ),
        "zh": (
            "**m = {m} 个样本的小批量。** "
            "前向与反向传播对它们同时计算；dz 和 da 仍然按样本分开，只有 dW "
            "和 db 用 1/m 对整批求平均。教程把样本写成列：dW = (1/m) "
            "· dZ · A_prevᵀ。nncore（和 "
            "NumPy、pandas、PyTorch 一样）把样本存成行，计算 dW "
            "= (1/m) · dZᵀ · "
            "A_prev：两者是同一个矩阵，因为行布局的每个数组正是列布局对应数组的转置"
            "。"
        ),
    },
    "bp.edge_note": {
        "en": (
            "**At the edge of floating point.** An output a here is so close to 1 (or 0) "
            "that float64, which keeps about 16 significant digits, rounds it to exactly 1 "
            "(or below its smallest normal number): a value shown as 1.0000 is "
            "really 1 − ε. What needs 1 − a or 1/a cannot come from the rounded a, so da is "
            "computed from z, where nothing was lost: 1/(1 − a) = 1 + eᶻ and 1/a = 1 + e⁻ᶻ "
            "(softmax: 1/aⱼ = Σᵢ e^(zᵢ − zⱼ)). A value beyond the largest float64 would be "
            "shown as > 1.8 × 10³⁰⁸. The steps with such values are marked ⚠."
        ),
        "zh": (
            "**处于浮点数的极限。** 这里有输出 a 与 1（或 0）极其接近，float64 "
            "只保留约 16 位有效数字，把它舍入成恰好 1（或小于最小的正规数）：显示为 1.0000 "
            "的值实际上是 1 − ε。需要 1 − a 或 1/a 的量不能用舍入后的 a 来算，所以 da "
            "改由 z 计算，z 没有丢失任何精度：1/(1 − a) = 1 + eᶻ，1/a = 1 + e⁻ᶻ"
            "（softmax：1/aⱼ = Σᵢ e^(zᵢ − zⱼ)）。超出 float64 最大值的数会显示为 "
            "> 1.8 × 10³⁰⁸。含有这类数值的步骤标有 ⚠。"
        ),
    },
    "bp.edge_step": {
        "en": "⚠ At the edge of floating point: see the note at the top of the page.",
        "zh": "⚠ 处于浮点数的极限：见页面顶部的说明。",
    },
    "bp.result_header": {"en": "Did the step help?", "zh": "这一步有效吗？"},
    "bp.loss_before": {"en": "Loss J before the update", "zh": "更新前的损失 J"},
    "bp.loss_after": {
        "en": "Loss after one step with α = {alpha} (same examples)",
        "zh": "用 α = {alpha} 更新一步后的损失（同样的样本）",
    },
    "bp.overshoot": {
        "en": (
            "The loss went up: α = {alpha} is too large here, the step overshoots. Try a "
            "smaller α."
        ),
        "zh": "损失上升了：α = {alpha} 在这里太大，这一步跨过头了。试试更小的 α。",
    },
    "bp.torch.header": {"en": "Check against PyTorch", "zh": "与 PyTorch 对照"},
    "bp.torch.help": {
        "en": (
            "Builds the same network in PyTorch (float64), runs `loss.backward()` on the "
            "same examples and compares every dW and db with the ones above. PyTorch is "
            "loaded only when you ask, so the first check takes a few seconds."
        ),
        "zh": (
            "在 PyTorch 中搭建同样的网络（float64），对同样的样本执行 "
            "`loss.backward()`，并与上面的每个 dW 和 db "
            "比较。PyTorch 只在你点击时才加载，所以第一次核对需要几秒钟。"
        ),
    },
    "bp.torch.button": {"en": "Check against PyTorch autograd", "zh": "用 PyTorch 自动求导核对"},
    "bp.torch.running": {
        "en": "Loading PyTorch and running autograd…",
        "zh": "正在加载 PyTorch 并运行自动求导……",
    },
    "bp.torch.agree": {
        "en": (
            "PyTorch agrees: max |dW difference| = {dW}, max |db difference| = {db}, |loss "
            "difference| = {loss} (float64 rounding is about 1e-16)."
        ),
        "zh": (
            "PyTorch 结果一致：dW 最大差 = {dW}，db 最大差 = "
            "{db}，损失之差 = {loss}（float64 的舍入误差约为 "
            "1e-16）。"
        ),
    },
    "bp.torch.disagree": {
        "en": (
            "PyTorch disagrees: max |dW difference| = {dW}, max |db difference| = {db}, "
            "|loss difference| = {loss}."
        ),
        "zh": "PyTorch 结果不一致：dW 最大差 = {dW}，db 最大差 = {db}，损失之差 = {loss}。",
    },
    "bp.torch.layer": {"en": "layer l", "zh": "第 l 层"},
    "bp.torch.dW": {"en": "max |dW diff|", "zh": "dW 最大差"},
    "bp.torch.db": {"en": "max |db diff|", "zh": "db 最大差"},
    "bp.torch.what": {
        "en": "Checking this step's loss, dW and db against PyTorch's autograd",
        "zh": "用 PyTorch 的自动求导核对这一步的损失、dW 和 db",
    },
    "bp.url.bad_sizes": {
        "en": "{setting} must be 2 to 5 widths of 1 to 4 units, like 2-3-1; using {default}.",
        "zh": "{setting} 应为 2 到 5 个 1 到 4 之间的层宽，例如 2-3-1；改用 {default}。",
    },
    "bp.url.bad_numbers": {
        "en": "{setting} is not a list of suitable numbers; using {default}.",
        "zh": "{setting} 不是一组合适的数；改用 {default}。",
    },
    "bp.url.step_clamped": {
        "en": "{setting} is past the last step of this network; showing step {n}, the last.",
        "zh": "{setting} 超出了这个网络的最后一步；显示最后一步（第 {n} 步）。",
    },
    "bp.url.softmax_two": {
        "en": "`out=softmax` needs at least 2 outputs; using 2.",
        "zh": "`out=softmax` 至少需要 2 个输出；改用 2。",
    },
    "bp.error": {"en": "These settings cannot be computed: {msg}", "zh": "这些设置无法计算：{msg}"},
}


def tr(key: str, lang: str, **fmt: object) -> str:
    """The string ``key`` in language ``lang``, formatted with ``fmt``.

    Raises KeyError for an unknown key (a programming error that the AppTest tests catch).
    """
    # Always format, so a literal brace is written {{ }} in every string alike.
    return STRINGS[key][lang if lang in LANGS else DEFAULT_LANG].format(**fmt)


def current_lang() -> str:
    """The language of the current session (``DEFAULT_LANG`` outside a page run)."""
    try:
        lang = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    except Exception:  # noqa: BLE001 - no session (bare import): fall back to the default
        return DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, **fmt: object) -> str:
    """The string ``key`` in the current session's language, formatted with ``fmt``."""
    return tr(key, current_lang(), **fmt)
