"""Strings of the MLP page (``mlp.``).

``STRINGS[key] = {"en": ..., "zh": ...}``; see ``ui.i18n`` for the rules.
"""

from __future__ import annotations

# The key prefixes this module owns (tests/test_i18n.py checks every key against them).
PREFIXES: tuple[str, ...] = ("mlp",)

STRINGS: dict[str, dict[str, str]] = {
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
    "mlp.opt.rmsprop": {"en": "RMSprop", "zh": "RMSprop"},
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
            "{setting} is not up to {n} comma-separated widths of 1 to {hi}; "
            "using {default}."
        ),
        "zh": (
            "{setting} 不是最多 {n} 个、每个 1 到 {hi} 的逗号分隔宽度；"
            "改用 {default}。"
        ),
    },
}
