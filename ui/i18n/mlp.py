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
    # the training tools (issue 32)
    "mlp.tools": {"en": "Training tools: dropout, schedule, early stopping, clipping",
                  "zh": "训练工具：Dropout、学习率调度、早停、梯度裁剪"},
    "mlp.dropout": {"en": "Dropout rate p", "zh": "Dropout 比例 p"},
    "mlp.dropout_help": {
        "en": "While training, every hidden unit is dropped (set to 0) with probability p "
              "and the kept ones are scaled by 1/(1−p), as torch.nn.Dropout. The boundary, "
              "the losses and the metrics are always computed without dropout.",
        "zh": "训练时每个隐藏单元以概率 p 被丢弃（置 0），保留的单元乘以 1/(1−p)，与 "
              "torch.nn.Dropout 相同。决策边界、损失和各项指标始终在不使用 Dropout 的情况下计算。",
    },
    "mlp.sched": {"en": "Learning-rate schedule", "zh": "学习率调度"},
    "mlp.sched_help": {
        "en": "The rate of each epoch from α, as torch.optim.lr_scheduler stepped once per "
              "epoch: step (×γ every N epochs), exponential (×γ every epoch), cosine (to 0 "
              "over N epochs, then back up), warm-up (from γ·α to α over N epochs).",
        "zh": "每个轮次的学习率由 α 算出，与每轮调用一次 torch.optim.lr_scheduler 相同："
              "阶梯（每 N 轮乘以 γ）、指数（每轮乘以 γ）、余弦（N 轮内降到 0，之后回升）、"
              "预热（N 轮内从 γ·α 升到 α）。",
    },
    "mlp.sched.none": {"en": "Constant", "zh": "固定"},
    "mlp.sched.step": {"en": "Step (StepLR)", "zh": "阶梯（StepLR）"},
    "mlp.sched.exponential": {"en": "Exponential (ExponentialLR)", "zh": "指数（ExponentialLR）"},
    "mlp.sched.cosine": {"en": "Cosine (CosineAnnealingLR)", "zh": "余弦（CosineAnnealingLR）"},
    "mlp.sched.warmup": {"en": "Linear warm-up (LinearLR)", "zh": "线性预热（LinearLR）"},
    "mlp.sched_epochs": {"en": "Schedule epochs N", "zh": "调度轮数 N"},
    "mlp.sched_gamma": {"en": "Factor γ", "zh": "因子 γ"},
    "mlp.lr_now": {"en": "Rate of epoch {epoch}: {rate}",
                   "zh": "第 {epoch} 轮的学习率：{rate}"},
    "mlp.patience": {"en": "Early stopping: patience (epochs, 0 = off)",
                     "zh": "早停：耐心值（轮次，0 = 关闭）"},
    "mlp.patience_help": {
        "en": "Stop when the test loss has not fallen by more than the minimum change for "
              "this many epochs in a row. Press Play to go on.",
        "zh": "测试损失连续这么多轮没有下降超过最小变化量时停止训练。按“播放”可继续。",
    },
    "mlp.min_delta": {"en": "Minimum change", "zh": "最小变化量"},
    "mlp.restore_best": {"en": "Restore the best weights", "zh": "恢复最佳权重"},
    "mlp.clip": {"en": "Clip gradient norm (0 = off)", "zh": "梯度范数裁剪（0 = 关闭）"},
    "mlp.clip_help": {
        "en": "Before each step, all gradients together are scaled down to this norm when "
              "their norm is larger, as torch.nn.utils.clip_grad_norm_.",
        "zh": "每一步更新前，若全部梯度合起来的范数超过该值，就按比例缩小到该范数，与 "
              "torch.nn.utils.clip_grad_norm_ 相同。",
    },
    "mlp.clipped": {"en": "Clipped {count} of {steps} steps ({share}%)",
                    "zh": "已裁剪 {steps} 步中的 {count} 步（{share}%）"},
    "mlp.stopped": {
        "en": "Early stopping after epoch {epoch}: the test loss has not fallen by more than "
              "{delta} for {patience} epochs (best {loss} at epoch {best}). Press Play to go on.",
        "zh": "第 {epoch} 轮后早停：测试损失已连续 {patience} 轮没有下降超过 {delta}"
              "（最佳为第 {best} 轮的 {loss}）。按“播放”可继续训练。",
    },
    "mlp.stopped_restored": {
        "en": "Early stopping after epoch {epoch}: the test loss has not fallen by more than "
              "{delta} for {patience} epochs. The weights are back at epoch {best}, the best "
              "(test loss {loss}). Press Play to go on.",
        "zh": "第 {epoch} 轮后早停：测试损失已连续 {patience} 轮没有下降超过 {delta}。"
              "权重已恢复到最佳的第 {best} 轮（测试损失 {loss}）。按“播放”可继续训练。",
    },
    "mlp.alt.rates": {"en": "The learning rate of each epoch under the schedule",
                      "zh": "调度下每个轮次的学习率"},
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

# ---- your own data, added points, export (issue 15)
STRINGS.update({
    "mlp.upload.label": {"en": "Your own data (CSV)", "zh": "使用你自己的数据（CSV）"},
    "mlp.upload.help": {
        "en": ("A header row and the columns x1, x2, label (integer classes, 2 to 6) or "
               "x1, x2, y (regression), optionally split (train/test); up to 5,000 rows "
               "and 1 MB. Points are rescaled into the plane."),
        "zh": ("第一行是列名，列为 x1, x2, label（整数类别，2 到 6 类）或 x1, x2, y（回归），"
               "可选 split 列（train/test）；最多 5,000 行、1 MB。数据点会被缩放到平面内。"),
    },
    "mlp.upload.use": {"en": "Use this data", "zh": "使用这些数据"},
    "mlp.upload.back": {"en": "Back to generated data", "zh": "回到生成的数据"},
    "mlp.upload.in_use": {
        "en": "Training on your data: {name}, {rows} rows (a link to this page opens "
              "generated data).",
        "zh": "正在使用你的数据训练：{name}，共 {rows} 行（本页链接打开的是生成的数据）。",
    },
    "mlp.upload.summary": {
        "en": "{rows} rows, {what}; x1 {x1}, x2 {x2}; scaled ×{s1} and ×{s2} into the plane.",
        "zh": "{rows} 行，{what}；x1 {x1}，x2 {x2}；分别乘以 {s1} 和 {s2} 缩放到平面内。",
    },
    "mlp.upload.classes": {"en": "{k} classes ({counts})", "zh": "{k} 个类别（{counts}）"},
    "mlp.upload.regression": {"en": "regression, y {lo} … {hi}", "zh": "回归，y {lo} … {hi}"},
    "mlp.upload.split_column": {"en": " The file's split column is used.",
                                "zh": " 使用文件中的 split 列划分训练/测试集。"},
    "mlp.upload.err.too_large": {
        "en": "The file is {size}; the limit is {max_bytes}. Upload fewer rows.",
        "zh": "文件大小为 {size}，上限是 {max_bytes}。请减少行数后再上传。",
    },
    "mlp.upload.err.empty": {"en": "The file is empty.", "zh": "文件是空的。"},
    "mlp.upload.err.excel": {
        "en": "This is an Excel workbook, not CSV text: in Excel use Save As → CSV UTF-8.",
        "zh": "这是 Excel 工作簿而不是 CSV 文本：请在 Excel 中选择“另存为 → CSV UTF-8”。",
    },
    "mlp.upload.err.binary": {"en": "This is not a text file; upload a CSV file.",
                              "zh": "这不是文本文件；请上传 CSV 文件。"},
    "mlp.upload.err.not_utf8": {
        "en": "Line {line} is not UTF-8 text; save the file as CSV UTF-8.",
        "zh": "第 {line} 行不是 UTF-8 文本；请将文件另存为 CSV UTF-8。",
    },
    "mlp.upload.err.not_utf8_enc": {
        "en": "The file is {encoding} text, not UTF-8; save it as CSV UTF-8.",
        "zh": "文件编码是 {encoding}，不是 UTF-8；请另存为 CSV UTF-8。",
    },
    "mlp.upload.err.semicolon": {
        "en": "The cells are separated by semicolons; use commas (x1,x2,label).",
        "zh": "单元格之间用的是分号；请改用逗号（x1,x2,label）。",
    },
    "mlp.upload.err.tab": {
        "en": "The cells are separated by tabs; use commas (x1,x2,label).",
        "zh": "单元格之间用的是制表符；请改用逗号（x1,x2,label）。",
    },
    "mlp.upload.err.bad_csv": {"en": "Line {line} has broken quotes.",
                               "zh": "第 {line} 行的引号不完整。"},
    "mlp.upload.err.no_header": {
        "en": "The first line holds numbers; it must name the columns: x1,x2,label or x1,x2,y.",
        "zh": "第一行是数字；它必须是列名：x1,x2,label 或 x1,x2,y。",
    },
    "mlp.upload.err.columns": {
        "en": "The columns are {found}; expected {expected}.",
        "zh": "文件的列是 {found}；应为 {expected}。",
    },
    "mlp.upload.err.no_rows": {"en": "The file has a header but no data rows.",
                               "zh": "文件只有列名，没有数据行。"},
    "mlp.upload.err.too_few_rows": {
        "en": "The file has {rows} data rows; at least {min_rows} are needed.",
        "zh": "文件只有 {rows} 行数据；至少需要 {min_rows} 行。",
    },
    "mlp.upload.err.too_many_rows": {
        "en": "The file has {rows} data rows; at most {max_rows} are allowed.",
        "zh": "文件有 {rows} 行数据；最多允许 {max_rows} 行。",
    },
    "mlp.upload.err.row_length": {
        "en": "Line {line} has {cells} cells; every row needs {expected}.",
        "zh": "第 {line} 行有 {cells} 个单元格；每行需要 {expected} 个。",
    },
    "mlp.upload.err.missing": {"en": "Line {line} has no value in column {column}.",
                               "zh": "第 {line} 行的 {column} 列没有值。"},
    "mlp.upload.err.not_number": {
        "en": "Line {line}, column {column}: {value} is not a number.",
        "zh": "第 {line} 行 {column} 列：{value} 不是数字。",
    },
    "mlp.upload.err.not_finite": {
        "en": "Line {line}, column {column}: {value} is not a finite number.",
        "zh": "第 {line} 行 {column} 列：{value} 不是有限的数。",
    },
    "mlp.upload.err.not_integer": {
        "en": "Line {line}: the label {value} is not a whole number (for regression name "
              "the column y).",
        "zh": "第 {line} 行：标签 {value} 不是整数（回归数据请把该列命名为 y）。",
    },
    "mlp.upload.err.one_class": {
        "en": "Every label is {label}; classification needs at least two classes.",
        "zh": "所有标签都是 {label}；分类至少需要两个类别。",
    },
    "mlp.upload.err.too_many_classes": {
        "en": "The labels have {classes} different values; at most {max_classes} classes "
              "are allowed.",
        "zh": "标签有 {classes} 种不同的值；最多允许 {max_classes} 个类别。",
    },
    "mlp.upload.err.split_value": {
        "en": "Line {line}: the split is {value}; it must be train or test.",
        "zh": "第 {line} 行：split 的值是 {value}；只能是 train 或 test。",
    },
    "mlp.upload.err.split_side": {
        "en": "The split column puts every row in one set; both train and test need rows.",
        "zh": "split 列把所有行都放进了同一个集合；训练集和测试集都需要数据。",
    },
    "mlp.points.toggle": {"en": "Click to add points", "zh": "点击添加数据点"},
    "mlp.points.help": {
        "en": "While paused, click on the plane to add a training point of the chosen class.",
        "zh": "暂停时，在平面上点击即可添加一个所选类别的训练点。",
    },
    "mlp.points.pause": {"en": "Pause to add points.", "zh": "暂停后才能添加数据点。"},
    "mlp.points.class": {"en": "Class of new points", "zh": "新数据点的类别"},
    "mlp.points.value": {"en": "y of new points", "zh": "新数据点的 y 值"},
    "mlp.points.add": {"en": "Add", "zh": "添加"},
    "mlp.points.legend_class": {"en": "Class", "zh": "类别"},
    "mlp.points.legend_value": {"en": "y", "zh": "y"},
    "mlp.points.undo": {"en": "Undo", "zh": "撤销"},
    "mlp.points.clear": {"en": "Clear", "zh": "清除"},
    "mlp.points.count": {
        "en": "{n} added points (part of the training set; a link does not keep them).",
        "zh": "已添加 {n} 个数据点（属于训练集；链接不会保存它们）。",
    },
    "mlp.export.title": {"en": "Export: PyTorch, weights, configuration, data",
                         "zh": "导出：PyTorch、权重、配置、数据"},
    "mlp.export.help": {
        "en": "Each file is made when you click; downloading does not stop training.",
        "zh": "点击时才生成文件；下载不会中断训练。",
    },
    "mlp.export.diverged": {
        "en": "The run has diverged: the script cannot continue it (lower the learning rate "
              "or reset).",
        "zh": "训练已发散：脚本无法继续这次训练（请降低学习率或重置）。",
    },
    "mlp.export.script": {"en": "PyTorch script (.py)", "zh": "PyTorch 脚本（.py）"},
    "mlp.export.script_help": {
        "en": "The data, the network with its current weights, the optimiser and its state, "
              "the same batch order. python file.py trains on; --check compares 50 epochs "
              "with this app's.",
        "zh": "包含数据、当前权重的网络、优化器及其状态、相同的批次顺序。"
              "python file.py 继续训练；--check 与本应用的 50 个轮次比对。",
    },
    "mlp.export.npz": {"en": "Weights (.npz)", "zh": "权重（.npz）"},
    "mlp.export.state_dict": {"en": "PyTorch state_dict (.pt)", "zh": "PyTorch state_dict（.pt）"},
    "mlp.export.state_dict_what": {"en": "The state_dict download", "zh": "state_dict 下载"},
    "mlp.export.config": {"en": "Configuration (.json)", "zh": "配置（.json）"},
    "mlp.export.data": {"en": "Data in use (.csv)", "zh": "当前数据（.csv）"},
    "mlp.export.data_help": {
        "en": "Training rows first, the split column marks train/test; uploaded data in "
              "the file's units.",
        "zh": "训练行在前，split 列标明训练/测试；上传的数据使用原文件的单位。",
    },
    "mlp.export.config_upload": {"en": "Restore a configuration (.json)",
                                 "zh": "恢复配置（.json）"},
    "mlp.export.config_bad": {
        "en": "This configuration was not loaded, nothing changed: {reason}.",
        "zh": "未载入该配置，页面没有任何改变：{reason}。",
    },
})
