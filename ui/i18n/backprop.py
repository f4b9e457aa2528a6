"""Strings of the Backprop page (``bp.``).

``STRINGS[key] = {"en": ..., "zh": ...}``; see ``ui.i18n`` for the rules.
"""

from __future__ import annotations

# The key prefixes this module owns (tests/test_i18n.py checks every key against them).
PREFIXES: tuple[str, ...] = ("bp",)

STRINGS: dict[str, dict[str, str]] = {
    "bp.title": {
        "en": "Forward and backward pass, with the numbers",
        "zh": "前向传播与反向传播：每一个数字",
    },
    "bp.lead": {
        "en": "One training step of a small network you shape, every number written out: "
              "step through with **Next**.",
        "zh": "在你搭建的小网络上走一步训练，写出每一个数字：点击 **下一步** 逐步查看。",
    },
    "bp.intro": {
        "en": (
            "The tutorial ends with forward propagation (compute and cache $z^{{[l]}}$ and "
            "$a^{{[l]}}$ layer by layer up to $\\hat y = a^{{[L]}}$) and backpropagation "
            "(from $da^{{[L]}}$ back to $da^{{[1]}}$, giving $dW^{{[l]}}$ and $db^{{[l]}}$, "
            "then $W := W - \\alpha\\, dW$). Here every one of those lines is computed on a "
            "small network you shape, with all its numbers, so you can check each one by "
            "hand."
        ),
        "zh": (
            "教程的最后一节讲前向传播（逐层计算并缓存 $z^{{[l]}}$ 和 "
            "$a^{{[l]}}$，直到 $\\hat y = "
            "a^{{[L]}}$）和反向传播（从 $da^{{[L]}}$ 一直传回 "
            "$da^{{[1]}}$，得到 $dW^{{[l]}}$ 和 "
            "$db^{{[l]}}$，再做 $W := W - \\alpha\\, "
            "dW$）。这里在一个你自己搭建的小网络上把每一行都算出来，列出全部数字，你可"
            "以逐个手算核对。"
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
        "en": "In the diagram beside each step, the highlighted units and weights are the "
              "ones the step computes or uses.",
        "zh": "每一步旁边的网络图中，高亮的神经元和权重就是这一步计算或用到的部分。",
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
    "bp.export.button": {
        "en": "Download this step as a PyTorch script",
        "zh": "下载这一步的 PyTorch 脚本",
    },
    "bp.export.help": {
        "en": (
            "One Python file with this network, its weights and these examples: "
            "`python backprop_step.py` prints the loss, dW and db PyTorch computes, "
            "`--check` compares them with this page's numbers. Needs numpy and torch."
        ),
        "zh": (
            "一个 Python 文件，包含这个网络、它的权重和这些样本：`python backprop_step.py` "
            "打印 PyTorch 算出的损失、dW 和 db，`--check` 将它们与本页的数值比较。"
            "需要 numpy 和 torch。"
        ),
    },
    "bp.export.none": {
        "en": "PyTorch has no module for the activation {act}, so this step cannot be exported.",
        "zh": "PyTorch 没有激活函数 {act} 的模块，因此无法导出这一步。",
    },
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
