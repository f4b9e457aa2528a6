"""Strings of the Neuron page (``neuron.``).

``STRINGS[key] = {"en": ..., "zh": ...}``; see ``ui.i18n`` for the rules.
"""

from __future__ import annotations

# The key prefixes this module owns (tests/test_i18n.py checks every key against them).
PREFIXES: tuple[str, ...] = ("neuron",)

STRINGS: dict[str, dict[str, str]] = {
    "neuron.title": {
        "en": "A single neuron: from the M-P threshold unit to a trained sigmoid neuron",
        "zh": "单个神经元：从 M-P 阈值单元到训练好的 sigmoid 神经元",
    },
    "neuron.intro": {
        "en": (
            "A neuron weighs its inputs and adds a bias, $z = w \\cdot x + b$, then passes "
            "$z$ through an activation, $a = g(z)$: move $w$ and $b$ to move its line."
        ),
        "zh": (
            "神经元先对输入加权求和再加上偏置，$z = w \\cdot x + b$，再经过激活函数得到 "
            "$a = g(z)$：拖动 $w$ 和 $b$ 就能移动它的直线。"
        ),
    },
    "neuron.intro_more": {
        "en": (
            "In full, $z = w_1 x_1 + w_2 x_2 + b$. With the step function this is McCulloch "
            "and Pitts' threshold unit: it answers 1 on one side of the straight line "
            "$w \\cdot x + b = 0$ and 0 on the other. The arrow $w$ is normal to the line "
            "and points where $z > 0$. Let gradient descent or the perceptron rule find a "
            "line that separates the data."
        ),
        "zh": (
            "展开写就是 $z = w_1 x_1 + w_2 x_2 + b$。激活函数取阶跃函数时，它就是 McCulloch "
            "和 Pitts 提出的阈值单元（M-P 神经元）：在直线 $w \\cdot x + b = 0$ 的一侧输出 "
            "1，另一侧输出 0。箭头 $w$ 垂直于直线，指向 $z > 0$ 的一侧。再让梯度下降或感知机"
            "规则去寻找一条能把数据分开的直线。"
        ),
    },
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
    "neuron.land.show": {"en": "Show the loss landscape", "zh": "显示损失曲面"},
    "neuron.land.hide": {"en": "Hide the loss landscape", "zh": "隐藏损失曲面"},
    "neuron.land.title": {
        "en": "Loss over (w₁, w₂) at b = {b:.2f}",
        "zh": "b = {b:.2f} 时损失随 (w₁, w₂) 的变化",
    },
    "neuron.land.caption": {
        "en": (
            "Colour: the {loss} at each (w₁, w₂), dark = low ({lo}), yellow = high ({hi}), "
            "in bands like a contour map; b is held at {b:.2f} (its value now, to 0.05). "
            "Square: the start. Red line: the path of training so far. Circle: the weights "
            "now. Click the picture to start from that point."
        ),
        "zh": (
            "颜色：每个 (w₁, w₂) 处的{loss}，深色 = 低（{lo}），黄色 = 高（{hi}），"
            "像等高线图一样分层；b 固定为 {b:.2f}（当前值，精确到 0.05）。"
            "方块：起点。红线：到目前为止的训练路径。圆点：当前权重。点击图片即可从该点重新开始。"
        ),
    },
    "neuron.land.loss.bce": {"en": "cross-entropy loss", "zh": "交叉熵损失"},
    "neuron.land.loss.mse": {"en": "mean squared error", "zh": "均方误差"},
    "neuron.land.loss.error": {"en": "share misclassified", "zh": "误分类比例"},
    "neuron.land.bias_title": {
        "en": "Loss along b at the current w₁, w₂",
        "zh": "当前 w₁、w₂ 下损失随 b 的变化",
    },
    "neuron.land.overshoot": {
        "en": (
            "The steps overshoot: in the last {steps} steps the path turned back {flips} "
            "times and the loss went up {rises} times. The learning rate is too large for "
            "this valley: each step jumps across its floor and the path zig-zags. Try a "
            "smaller learning rate."
        ),
        "zh": (
            "步子迈得太大：最近 {steps} 步中，路径折返了 {flips} 次，损失上升了 {rises} 次。"
            "对这个山谷来说学习率太大了：每一步都跳过谷底，路径呈之字形。试试更小的学习率。"
        ),
    },
}
