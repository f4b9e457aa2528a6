"""Strings of the Optimizers page, the optimiser race (``opt.``).

``STRINGS[key] = {"en": ..., "zh": ...}``; see ``ui.i18n`` for the rules. Runner ``<r>``
(sgd, momentum, nesterov, adam, rmsprop) has ``opt.runner.<r>``; problem ``<p>`` has
``opt.problem.<p>`` and ``opt.about.<p>``; dataset ``<d>`` has ``opt.ds.<d>``.
"""

from __future__ import annotations

# The key prefixes this module owns (tests/test_i18n.py checks every key against them).
PREFIXES: tuple[str, ...] = ("opt",)


def _s(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


STRINGS: dict[str, dict[str, str]] = {
    "opt.title": _s("Optimiser race", "优化器赛跑"),
    "opt.intro": _s(
        "SGD, momentum, Nesterov, Adam and RMSprop start from the same point on the same "
        "problem and take their steps together: one path each over the loss surface, one "
        "loss curve each. Change a learning rate while they run.",
        "SGD、动量、Nesterov、Adam 和 RMSprop 在同一个问题上从同一点出发、同步迈步："
        "每个优化器在损失曲面上留下一条路径、一条损失曲线。可以在它们运行时修改学习率。",
    ),
    "opt.problem": _s("Problem", "问题"),
    "opt.problem.bowl": _s("Narrow quadratic bowl", "狭长的二次碗"),
    "opt.problem.rosenbrock": _s("Rosenbrock's valley", "Rosenbrock 山谷"),
    "opt.problem.neuron": _s("One neuron on data", "数据上的单个神经元"),
    "opt.problem.mlp": _s("A small MLP on data", "数据上的小型多层网络"),
    "opt.about.bowl": _s(
        "f(x, y) = ½(x² + 100 y²): a hundred times steeper across than along. Plain SGD "
        "must keep its step small for the steep direction and then crawls along the "
        "valley; momentum builds up speed along it, Adam and RMSprop rescale each direction.",
        "f(x, y) = ½(x² + 100 y²)：横向比纵向陡一百倍。普通 SGD 为了不在陡峭方向发散只能用小步长，"
        "于是沿谷底缓慢爬行；动量沿谷底积累速度，Adam 和 RMSprop 对每个方向分别缩放步长。",
    ),
    "opt.about.rosenbrock": _s(
        "f(x, y) = (1 − x)² + 100 (y − x²)²: a curved, flat-bottomed valley with its minimum "
        "at (1, 1). Getting into the valley is easy, following its bend is not.",
        "f(x, y) = (1 − x)² + 100 (y − x²)²：一条弯曲、谷底平坦的山谷，最小值在 (1, 1)。"
        "进入山谷很容易，沿着它的弯道前进却很难。",
    ),
    "opt.about.neuron": _s(
        "A sigmoid neuron with the cross-entropy loss on 200 points; the picture is the loss "
        "over (w1, w2) at the starting bias b = {b}, while the runners move b too.",
        "一个使用交叉熵损失的 sigmoid 神经元，数据为 200 个点；图中是偏置固定为起点 b = {b} 时"
        "损失在 (w1, w2) 平面上的分布，而各优化器同时也在调整 b。",
    ),
    "opt.about.mlp": _s(
        "A network 2-6-6-1 (tanh, sigmoid output, cross-entropy) on 200 points, mini-batches "
        "of {batch} in the same order for every runner, from the same initial weights. One "
        "loss curve and one decision boundary each.",
        "一个 2-6-6-1 的网络（tanh，sigmoid 输出，交叉熵），200 个数据点，每个优化器使用相同的初始权重、"
        "以相同顺序取大小为 {batch} 的小批量。每个优化器一条损失曲线、一张决策边界图。",
    ),
    "opt.dataset": _s("Dataset", "数据集"),
    "opt.ds.gauss": _s("Two Gaussians", "两团高斯分布"),
    "opt.ds.linear": _s("Linearly separable", "线性可分"),
    "opt.ds.xor": _s("XOR", "异或（XOR）"),
    "opt.ds.circle": _s("Circle", "圆形"),
    "opt.ds.moons": _s("Moons", "双月"),
    "opt.ds.spiral": _s("Spiral", "螺旋"),
    "opt.seed": _s("Seed (data and start)", "随机种子（数据与起点）"),
    "opt.runners": _s("Runners", "参赛者"),
    "opt.runner.sgd": _s("SGD", "SGD"),
    "opt.runner.momentum": _s("Momentum", "动量"),
    "opt.runner.nesterov": _s("Nesterov", "Nesterov"),
    "opt.runner.adam": _s("Adam", "Adam"),
    "opt.runner.rmsprop": _s("RMSprop", "RMSprop"),
    "opt.lr": _s("learning rate α", "学习率 α"),
    "opt.mu": _s("momentum μ", "动量 μ"),
    "opt.beta1": _s("β₁", "β₁"),
    "opt.beta2": _s("β₂", "β₂"),
    "opt.alpha": _s("decay ρ", "衰减 ρ"),
    "opt.play": _s("Play", "播放"),
    "opt.pause": _s("Pause", "暂停"),
    "opt.step": _s("Step", "单步"),
    "opt.step10": _s("Step 10", "走 10 步"),
    "opt.reset": _s("Reset", "重置"),
    "opt.speed": _s("Steps per frame", "每帧步数"),
    "opt.none": _s("Switch on at least one runner to start the race.",
                   "请至少打开一个参赛者来开始比赛。"),
    "opt.steps": _s("Step", "步数"),
    "opt.leader": _s("Leader", "领先者"),
    "opt.lead_mark": _s("leader", "领先"),
    "opt.start": _s("start", "起点"),
    "opt.minimum": _s("minimum", "最小值"),
    "opt.standings": _s("Loss now", "当前损失"),
    "opt.diverged": _s(
        "{runner} diverged at step {step} (α = {lr}) and stopped at its last good point; "
        "lower its learning rate and press Reset.",
        "{runner} 在第 {step} 步发散（α = {lr}），已停在最后一个正常的位置；"
        "请降低它的学习率并按重置。",
    ),
    "opt.all_diverged": _s("Every runner has diverged.", "所有参赛者都已发散。"),
    "opt.max_steps": _s("The race stops at {n} steps: press Reset to run it again.",
                        "比赛在 {n} 步时停止：按重置可再跑一次。"),
    "opt.chart.race": _s("Paths over the loss surface", "损失曲面上的路径"),
    "opt.chart.loss": _s("Loss per step (log scale)", "每步的损失（对数坐标）"),
    "opt.axis.step": _s("step", "步数"),
    "opt.axis.loss": _s("loss", "损失"),
    "opt.race_caption": _s(
        "Darker bands are higher: each band edge is a contour line of the loss (log-spaced). "
        "Lines are the paths, dots where each runner is now, the ring the leader.",
        "颜色越深损失越高：每条色带边缘是一条损失等高线（按对数间隔）。线条是路径，"
        "圆点是各优化器当前的位置，圆环标出领先者。",
    ),
    "opt.boundaries": _s("Each runner's decision boundary now", "各优化器当前的决策边界"),
    "opt.alt.boundary": _s("{runner}: the network's output over the plane",
                           "{runner}：网络在平面上的输出"),
}
