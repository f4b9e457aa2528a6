"""Strings of the Activations page (``act.``).

``STRINGS[key] = {"en": ..., "zh": ...}``; see ``ui.i18n`` for the rules.
"""

from __future__ import annotations

# The key prefixes this module owns (tests/test_i18n.py checks every key against them).
PREFIXES: tuple[str, ...] = ("act",)

STRINGS: dict[str, dict[str, str]] = {
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
    # The saturation and dead-region texts are redrawn with every tau or focus change: plain
    # text, no $...$ math (each inline formula costs the browser a KaTeX render per run).
    "act.saturation_expl": {
        "en": (
            "**Saturation.** {name} has |*g′*(*z*)| < {tau} on {share:.0f}% of this range "
            "(shaded). A gradient flowing back through a unit there is multiplied by less "
            "than {tau}, so the weights before it barely change: the unit learns slowly, "
            "and in a deep network such factors pile up into a vanishing gradient. Large "
            "weights or inputs push z into these regions."
        ),
        "zh": (
            "**饱和。** {name} 在这个范围的 {share:.0f}% 上满足 |*g′*(*z*)| < {tau}（阴影部分）。"
            "梯度反向经过处在这里的神经元时要乘以一个小于 {tau} 的数，"
            "它前面的权重几乎不再变化：学习变得很慢；在深层网络中这些因子层层相乘，"
            "就成了梯度消失。过大的权重或输入会把 z 推进这些区域。"
        ),
    },
    "act.dead_expl": {
        "en": (
            "**Dead region.** {name} has *g′*(*z*) = 0 exactly on {where} ({share:.0f}% of the "
            "range, grey). No gradient passes there at all. A ReLU unit whose z is negative "
            "for every training example never updates again: it has *died*, often after "
            "one step with too large a learning rate. Leaky ReLU, ELU and friends keep a "
            "small slope there so the unit can recover."
        ),
        "zh": (
            "**死区。** {name} 在 {where} 上 *g′*(*z*) = 0（占范围的 {share:.0f}%，灰色）。"
            "这里完全没有梯度通过。如果一个 ReLU 神经元对所有训练样本的 z 都为负，"
            "它就再也不会更新，即所谓“神经元死亡”，常见于学习率过大的一次更新之后。"
            "Leaky ReLU、ELU 等在这里保留一个小斜率，让神经元还能恢复。"
        ),
    },
    "act.no_dead": {
        "en": "**Dead region.** {name} has no interval where *g′*(*z*) = 0 in this range.",
        "zh": "**死区。** 在这个范围内，{name} 没有 *g′*(*z*) = 0 的区间。",
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
    # No value in the legend: it is part of the chart's spec, and a spec that changes with
    # every slider move makes the browser build the chart anew (the value is in the text).
    "act.prelu.learned": {"en": "learned α", "zh": "学到的 α"},
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
}
