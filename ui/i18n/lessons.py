"""Strings of the Lessons page and of the lesson panel on the other pages (``lessons.``).

``STRINGS[key] = {"en": ..., "zh": ...}``; see ``ui.i18n`` for the rules. Each lesson
``<id>`` has ``lessons.<id>.title``, ``.text``, ``.question``, ``.choice.<choice>``,
``.task`` and ``.explain`` (a template filled with the numbers of the student's own run).
"""

from __future__ import annotations

# The key prefixes this module owns (tests/test_i18n.py checks every key against them).
PREFIXES: tuple[str, ...] = ("lessons",)


def _s(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


STRINGS: dict[str, dict[str, str]] = {
    # --- the page and the panel ---
    "lessons.title": _s("Lessons", "课程"),
    "lessons.intro": _s(
        "Twelve short lessons in the order of the tutorial chapter. Each one asks you to "
        "**predict** what will happen, opens the right page with the right settings for you "
        "to **run**, and then **explains** what you saw, with the numbers from your run.",
        "十二节小课，顺序与教程章节一致。每一节先请你**预测**会发生什么，"
        "再为你打开设置好的页面让你**动手运行**，最后结合你这次运行的数字**解释**你看到的现象。",
    ),
    "lessons.pick": _s("Lesson", "课程"),
    "lessons.number": _s("Lesson {n} of {total}", "第 {n} 课（共 {total} 课）"),
    "lessons.predict_header": _s("Your prediction", "你的预测"),
    "lessons.open": _s("Open the page and run it", "打开页面，动手运行"),
    "lessons.predict_first": _s(
        "Choose your prediction first; then the page opens.",
        "请先做出预测，然后再打开页面。",
    ),
    "lessons.on_page": _s("On the page: {task}", "在页面上：{task}"),
    "lessons.you_predicted": _s("You predicted: {choice}", "你的预测：{choice}"),
    "lessons.no_prediction": _s("no prediction yet", "尚未预测"),
    "lessons.waiting": _s(
        "The explanation appears here once you have run it.",
        "完成运行后，这里会出现解释。",
    ),
    "lessons.right": _s("Your prediction was right.", "你的预测是对的。"),
    "lessons.wrong": _s(
        "Not what you predicted: the run showed “{outcome}”.",
        "和你的预测不同：运行结果是“{outcome}”。",
    ),
    "lessons.explanation": _s("What happened", "发生了什么"),
    "lessons.next": _s("Next lesson: {title}", "下一课：{title}"),
    "lessons.back": _s("All lessons", "全部课程"),
    "lessons.last": _s(
        "That was the last lesson. Download your summary on the Lessons page.",
        "这是最后一课。可以在“课程”页面下载你的学习小结。",
    ),
    "lessons.done": _s("done", "已完成"),
    "lessons.progress": _s("{done} of {total} lessons done", "已完成 {done} / {total} 课"),
    "lessons.summary_header": _s("Your predictions and the outcomes", "你的预测与结果"),
    "lessons.summary_empty": _s(
        "Nothing yet: predict, run, and your answers collect here.",
        "还没有记录：先预测、再运行，你的回答会汇总在这里。",
    ),
    "lessons.download": _s("Download the summary (Markdown)", "下载学习小结（Markdown）"),
    "lessons.col.lesson": _s("Lesson", "课程"),
    "lessons.col.prediction": _s("Prediction", "预测"),
    "lessons.col.outcome": _s("Outcome", "结果"),
    "lessons.col.right": _s("Right?", "预测正确？"),
    "lessons.not_run": _s("not run yet", "尚未运行"),
    "lessons.file_title": _s("NN Playground: my lessons", "神经网络游乐场：我的课程记录"),
    # --- 1. the M-P unit (Neuron) ---
    "lessons.mp_unit.title": _s("The neuron: a weighted sum against a threshold",
                                "神经元：加权求和与阈值比较"),
    "lessons.mp_unit.text": _s(
        "The McCulloch-Pitts unit adds its inputs with weights, z = w₁x₁ + w₂x₂ + b, and "
        "outputs 1 when z ≥ 0, else 0. The points where z = 0 form its decision line.",
        "M-P 神经元把输入加权求和：z = w₁x₁ + w₂x₂ + b，当 z ≥ 0 时输出 1，否则输出 0。"
        "所有 z = 0 的点构成它的决策直线。",
    ),
    "lessons.mp_unit.question": _s(
        "You will move the bias b, and only b. What does the decision line do?",
        "你只移动偏置 b。决策直线会怎样？",
    ),
    "lessons.mp_unit.choice.shift": _s("It moves sideways, keeping its direction",
                                       "平移，方向不变"),
    "lessons.mp_unit.choice.turn": _s("It turns around a point", "绕某一点转动"),
    "lessons.mp_unit.choice.stay": _s("It stays where it is", "保持不动"),
    "lessons.mp_unit.task": _s("move the b slider (at least half a unit) and watch the line.",
                               "拖动 b 滑块（至少移动 0.5），观察直线。"),
    "lessons.mp_unit.explain": _s(
        "You moved b to {b}. The line w₁x₁ + w₂x₂ + b = 0 kept its direction, which only "
        "w = ({w1}, {w2}) sets, and now lies {dist} from the origin (|b| / ‖w‖). The unit "
        "fires exactly when w·x ≥ −b: the bias is minus the threshold.",
        "你把 b 移到了 {b}。直线 w₁x₁ + w₂x₂ + b = 0 的方向没有变（方向只由 w = ({w1}, {w2}) "
        "决定），它现在离原点 {dist}（即 |b| / ‖w‖）。当 w·x ≥ −b 时神经元被激活："
        "偏置就是阈值的相反数。",
    ),
    # --- 2. the perceptron and XOR (Neuron) ---
    "lessons.perceptron_xor.title": _s("The perceptron, and why it cannot learn XOR",
                                       "感知机，以及它为什么学不会异或"),
    "lessons.perceptron_xor.text": _s(
        "A perceptron is an input layer wired straight to one output unit. The perceptron "
        "rule nudges w and b after every mistake. On XOR, one class sits on two opposite "
        "corners and the other class on the other two.",
        "感知机就是输入层直接连到一个输出单元。感知机规则在每次分错后微调 w 和 b。"
        "在异或（XOR）数据上，一类点位于两个对角，另一类位于另外两个对角。",
    ),
    "lessons.perceptron_xor.question": _s(
        "Will the perceptron rule reach 100% accuracy on XOR?",
        "感知机规则能在异或数据上达到 100% 的准确率吗？",
    ),
    "lessons.perceptron_xor.choice.fast": _s("Yes, within a few passes", "能，几轮之内"),
    "lessons.perceptron_xor.choice.slow": _s("Yes, after many passes", "能，但要很多轮"),
    "lessons.perceptron_xor.choice.never": _s("Never", "永远不能"),
    "lessons.perceptron_xor.task": _s("press Play (or Step ×100) and let it run 30 passes.",
                                      "按“播放”（或“走 100 步”），让它至少跑 30 轮。"),
    "lessons.perceptron_xor.explain": _s(
        "After {steps} passes the accuracy is {acc} (the best it reached: {best}). No "
        "straight line puts two opposite corners on one side and the other two on the other, "
        "so a single unit can never get XOR right, and the rule keeps changing w and b for "
        "ever. One hidden layer fixes that: the next lesson.",
        "跑了 {steps} 轮后，准确率为 {acc}（最好时为 {best}）。没有任何一条直线能把两个对角"
        "分在一边、另外两个对角分在另一边，所以单个神经元永远学不会异或，感知机规则会无休止地"
        "修改 w 和 b。加一层隐藏层就能解决，这是下一课的内容。",
    ),
    # --- 3. hidden layers (MLP) ---
    "lessons.hidden_layers.title": _s("Hidden layers", "隐藏层"),
    "lessons.hidden_layers.text": _s(
        "Put a layer of units between the inputs and the output. Each hidden unit draws its "
        "own line; the output combines them, so the network can carve out regions no single "
        "line can.",
        "在输入和输出之间加一层神经元。每个隐藏单元画出自己的一条直线，输出再把它们组合起来，"
        "于是网络能划分出单条直线做不到的区域。",
    ),
    "lessons.hidden_layers.question": _s(
        "A network with one hidden layer of 4 tanh units trains on XOR. What test accuracy "
        "will it reach?",
        "一个含 4 个 tanh 单元隐藏层的网络在异或数据上训练。它的测试准确率能到多少？",
    ),
    "lessons.hidden_layers.choice.half": _s("About 50%, like one line", "约 50%，和一条直线差不多"),
    "lessons.hidden_layers.choice.three": _s("About 75%", "约 75%"),
    "lessons.hidden_layers.choice.high": _s("Above 85%", "超过 85%"),
    "lessons.hidden_layers.task": _s("press Play and train for at least 200 epochs.",
                                     "按“播放”，至少训练 200 轮。"),
    "lessons.hidden_layers.explain": _s(
        "After {epoch} epochs your network's test accuracy is {acc} (test loss {loss}). The "
        "four hidden units each cut the plane with a line, and the output unit combines "
        "their half-planes into the XOR pattern that the single neuron of the last lesson "
        "could not draw.",
        "训练 {epoch} 轮后，你的网络测试准确率为 {acc}（测试损失 {loss}）。四个隐藏单元各用一条"
        "直线切分平面，输出单元再把这些半平面组合成异或的图案，这正是上一课的单个神经元画不出来的。",
    ),
    # --- 4. nonlinearity (Activations, why) ---
    "lessons.nonlinear.title": _s("Why activations must be nonlinear",
                                  "为什么激活函数必须是非线性的"),
    "lessons.nonlinear.text": _s(
        "Each layer computes W·a + b. The picture shows a grid pushed through a stack of such "
        "layers, once with nothing between them and once with tanh between them.",
        "每一层计算 W·a + b。图中把一张网格分别送过两组这样的层：一组层与层之间什么都不加，"
        "另一组在层之间加上 tanh。",
    ),
    "lessons.nonlinear.question": _s(
        "Stack one more linear layer (3 instead of 2), with no activation between them. "
        "What does the stack compute?",
        "再叠一层线性层（从 2 层变成 3 层），层间不加激活函数。这一叠层计算的是什么？",
    ),
    "lessons.nonlinear.choice.one": _s("Still one linear map (one matrix and one bias)",
                                       "仍然是一个线性映射（一个矩阵加一个偏置）"),
    "lessons.nonlinear.choice.curved": _s("Something curved: more layers, more bends",
                                          "某种弯曲的映射：层越多，弯得越多"),
    "lessons.nonlinear.choice.depends": _s("It depends on the weights", "取决于权重"),
    "lessons.nonlinear.task": _s("move the layers slider from 2 to 3 and compare the pictures.",
                                 "把“层数”滑块从 2 拖到 3，比较两幅图。"),
    "lessons.nonlinear.explain": _s(
        "With {n} layers the linear stack is still one matrix W and one bias b: applied in "
        "one go they give the same points as the stack, up to {diff} (rounding). Straight "
        "lines stay straight and parallel lines stay parallel, however many layers you stack. "
        "Only the picture with tanh between the layers bends: without a nonlinearity, depth "
        "adds nothing.",
        "{n} 层的线性堆叠仍然只是一个矩阵 W 加一个偏置 b：一次性作用得到的点与逐层计算的结果"
        "相差不超过 {diff}（舍入误差）。无论叠多少层，直线仍是直线，平行线仍然平行。只有层间加了"
        " tanh 的那幅图会弯曲：没有非线性，再深也没用。",
    ),
    # --- 5. sigmoid (Activations, depth) ---
    "lessons.sigmoid.title": _s("Sigmoid: saturation, and outputs not centred on 0",
                                "Sigmoid：饱和，以及输出不以 0 为中心"),
    "lessons.sigmoid.text": _s(
        "σ(z) = 1 / (1 + e⁻ᶻ) squashes z into (0, 1). Its slope σ′(z) is at most 0.25 (at "
        "z = 0) and close to 0 in both tails. Backpropagation multiplies the gradient by g′ "
        "once per layer.",
        "σ(z) = 1 / (1 + e⁻ᶻ) 把 z 压缩到 (0, 1)。它的斜率 σ′(z) 最大只有 0.25（在 z = 0 处），"
        "两侧尾部接近 0。反向传播每经过一层，梯度就要乘一次 g′。",
    ),
    "lessons.sigmoid.question": _s(
        "A gradient travels back through 10 sigmoid layers. At most, how much of it is left?",
        "梯度反向穿过 10 层 sigmoid。最多还能剩下多少？",
    ),
    "lessons.sigmoid.choice.half": _s("About half", "大约一半"),
    "lessons.sigmoid.choice.tiny": _s("Less than a millionth", "不到百万分之一"),
    "lessons.sigmoid.choice.all": _s("All of it", "全部"),
    "lessons.sigmoid.task": _s("move the depth slider L to 10 or more.",
                               "把深度滑块 L 拖到 10 或更大。"),
    "lessons.sigmoid.explain": _s(
        "At L = {L} the bound (max σ′)^L = 0.25^{L} = {bound}: even in the best case the "
        "gradient shrinks fourfold per layer, and a saturated unit passes almost nothing. "
        "Sigmoid's outputs also lie in (0, 1): all positive, around 0.5, not centred on 0, "
        "so all the weights into the next layer get gradients of the same sign and the "
        "updates zigzag.",
        "在 L = {L} 时，上界 (max σ′)^L = 0.25^{L} = {bound}：即使在最好的情况下，梯度每经过"
        "一层也缩小为四分之一，而饱和的单元几乎不传递梯度。Sigmoid 的输出还都在 (0, 1) 之间："
        "全为正、在 0.5 附近，不以 0 为中心，于是进入下一层的权重的梯度符号都相同，更新呈锯齿状。",
    ),
    # --- 6. tanh (Activations, curves) ---
    "lessons.tanh.title": _s("tanh: centred on 0", "tanh：以 0 为中心"),
    "lessons.tanh.text": _s(
        "tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ) has the same S shape as sigmoid but runs from −1 "
        "to 1. The chart shows both curves and their slopes.",
        "tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ) 和 sigmoid 一样是 S 形，但取值在 −1 到 1 之间。"
        "图中画出了两条曲线和它们的斜率。",
    ),
    "lessons.tanh.question": _s("At z = 0, what do tanh and sigmoid output?",
                                "在 z = 0 处，tanh 和 sigmoid 的输出各是多少？"),
    "lessons.tanh.choice.both_zero": _s("Both 0", "都是 0"),
    "lessons.tanh.choice.zero_half": _s("tanh 0, sigmoid 0.5", "tanh 为 0，sigmoid 为 0.5"),
    "lessons.tanh.choice.both_half": _s("Both 0.5", "都是 0.5"),
    "lessons.tanh.task": _s("narrow the z range (for example to −2 … 2) and read the curves "
                            "at z = 0.",
                            "缩小 z 的范围（例如 −2 … 2），读出两条曲线在 z = 0 处的值。"),
    "lessons.tanh.explain": _s(
        "tanh(0) = 0 and σ(0) = 0.5: tanh(z) = 2σ(2z) − 1 is a sigmoid stretched to "
        "(−1, 1) and centred on 0, with slope 1 at 0 where σ has 0.25. Its outputs have both "
        "signs, so the next layer's gradients do not all share one sign. It still saturates: "
        "on your range z ∈ [{lo}, {hi}] tanh is saturated on {sat} of it.",
        "tanh(0) = 0，σ(0) = 0.5：tanh(z) = 2σ(2z) − 1 就是把 sigmoid 拉伸到 (−1, 1) 并以 0 "
        "为中心，它在 0 处的斜率是 1，而 σ 只有 0.25。它的输出有正有负，下一层的梯度不会全是同一个"
        "符号。但它仍会饱和：在你选的范围 z ∈ [{lo}, {hi}] 中，tanh 有 {sat} 处于饱和。",
    ),
    # --- 7. ReLU (MLP) ---
    "lessons.relu_dead.title": _s("ReLU: fast, and its dying units",
                                  "ReLU：速度快，但单元会“死亡”"),
    "lessons.relu_dead.text": _s(
        "ReLU(z) = max(0, z) is cheap to compute and does not saturate for z > 0 (its slope "
        "is 1 there), which is why deep networks train fast with it. For z < 0 its slope is 0.",
        "ReLU(z) = max(0, z) 计算简单，在 z > 0 时不饱和（斜率为 1），所以深层网络用它训练得快。"
        "但在 z < 0 时它的斜率为 0。",
    ),
    "lessons.relu_dead.question": _s(
        "A ReLU network trains with a large learning rate (3). What share of its hidden "
        "units will end up dead (output 0 on every training point)?",
        "一个 ReLU 网络用较大的学习率（3）训练。最后会有多少隐藏单元“死亡”"
        "（在所有训练点上输出都为 0）？",
    ),
    "lessons.relu_dead.choice.none": _s("None", "没有"),
    "lessons.relu_dead.choice.some": _s("Some (under a third)", "少数（不到三分之一）"),
    "lessons.relu_dead.choice.many": _s("Many (a third or more)", "很多（三分之一或更多）"),
    "lessons.relu_dead.task": _s("press Play and train for at least 150 epochs; watch the "
                                 "dead-units share under the charts.",
                                 "按“播放”，至少训练 150 轮；留意图表下方的“死亡单元比例”。"),
    "lessons.relu_dead.explain": _s(
        "In your run {dead} of the hidden units are dead after {epoch} epochs, and the test "
        "loss is {loss}. A dead unit's z is negative on every training point, so g′ = 0 there "
        "and no gradient ever reaches its weights again. A large step can push a unit's "
        "weights and bias there in one update.",
        "在你的运行中，训练 {epoch} 轮后有 {dead} 的隐藏单元已经死亡，测试损失为 {loss}。"
        "死亡单元在所有训练点上 z 都是负的，那里 g′ = 0，梯度再也到不了它的权重。"
        "一次过大的更新步长就可能把单元的权重和偏置推到那里。",
    ),
    # --- 8. Leaky ReLU (MLP) ---
    "lessons.leaky.title": _s("Leaky ReLU", "Leaky ReLU"),
    "lessons.leaky.text": _s(
        "Leaky ReLU(z) = max(0.01·z, z): like ReLU for z > 0, but with a small slope of 0.01 "
        "for z < 0 instead of none.",
        "Leaky ReLU(z) = max(0.01·z, z)：z > 0 时与 ReLU 相同，"
        "z < 0 时保留 0.01 的小斜率，而不是 0。",
    ),
    "lessons.leaky.question": _s(
        "The same kind of network, with Leaky ReLU (learning rate 1). How many dead units?",
        "同样的网络，换成 Leaky ReLU（学习率 1）。会有多少死亡单元？",
    ),
    "lessons.leaky.choice.none": _s("None", "没有"),
    "lessons.leaky.choice.as_relu": _s("As many as with ReLU", "和 ReLU 一样多"),
    "lessons.leaky.task": _s("press Play and train for at least 150 epochs.",
                             "按“播放”，至少训练 150 轮。"),
    "lessons.leaky.explain": _s(
        "Dead units in your run: {dead}; test loss {loss} after {epoch} epochs. Its slope "
        "for z < 0 is 0.01, never 0, so a unit pushed negative still gets a small gradient "
        "and can come back. It is not always better, though: where few units die it changes "
        "little, and at the learning rate of the last lesson (3) this network diverges with "
        "Leaky ReLU.",
        "你的运行中死亡单元比例：{dead}；训练 {epoch} 轮后测试损失为 {loss}。它在 z < 0 时的斜率"
        "是 0.01，从不为 0，所以被推到负区的单元仍有小梯度，还能恢复。但它并不总是更好：死亡单元"
        "少时差别不大，而在上一课的学习率（3）下，这个网络用 Leaky ReLU 反而会发散。",
    ),
    # --- 9. forward pass (Backprop) ---
    "lessons.forward.title": _s("The forward pass and what it caches", "前向传播及其缓存"),
    "lessons.forward.text": _s(
        "The forward pass computes layer by layer Z[l] = W[l]·A[l−1] + b[l] and "
        "A[l] = g(Z[l]), from the input A[0] = x to the output ŷ = A[L], then the loss.",
        "前向传播逐层计算 Z[l] = W[l]·A[l−1] + b[l] 和 A[l] = g(Z[l])，"
        "从输入 A[0] = x 一直到输出 ŷ = A[L]，最后计算损失。",
    ),
    "lessons.forward.question": _s(
        "What does the forward pass keep for the backward pass?",
        "前向传播要为反向传播保留（缓存）什么？",
    ),
    "lessons.forward.choice.yhat": _s("Only the output ŷ", "只保留输出 ŷ"),
    "lessons.forward.choice.every": _s("Every Z[l] and A[l]", "每一层的 Z[l] 和 A[l]"),
    "lessons.forward.choice.grads": _s("The gradients", "梯度"),
    "lessons.forward.task": _s("move the step slider through the forward pass up to the loss "
                               "(step {n}).",
                               "拖动步骤滑块走完前向传播，直到损失（第 {n} 步）。"),
    "lessons.forward.explain": _s(
        "The steps before the loss computed Z and A for each of the {L} layers, and then the "
        "loss, {loss}. Every Z[l] and A[l] is kept: the backward pass needs A[l−1] for "
        "dW[l] = dZ[l]·A[l−1]ᵀ and Z[l] for g′(Z[l]). That cache is why training needs more "
        "memory than prediction.",
        "损失之前的各步为 {L} 层中的每一层算出了 Z 和 A，然后算出损失 {loss}。每个 Z[l] 和 A[l] "
        "都要保留：反向传播计算 dW[l] = dZ[l]·A[l−1]ᵀ 需要 A[l−1]，计算 g′(Z[l]) 需要 Z[l]。"
        "正因为有这份缓存，训练比预测更占内存。",
    ),
    # --- 10. backward pass and update (Backprop) ---
    "lessons.backward.title": _s("The backward pass and the update W = W − α·dW",
                                 "反向传播与更新 W = W − α·dW"),
    "lessons.backward.text": _s(
        "The backward pass runs the chain rule from the loss back to layer 1: dZ, dW and db "
        "for each layer, each from the layer after it. Then every parameter takes a step "
        "against its gradient: W = W − α·dW, b = b − α·db.",
        "反向传播从损失出发，用链式法则一直算回第 1 层：每层的 dZ、dW、db 都由后一层得到。"
        "然后每个参数沿梯度的反方向走一步：W = W − α·dW，b = b − α·db。",
    ),
    "lessons.backward.question": _s(
        "After one update with α = 0.1, the loss on this example will be…",
        "用 α = 0.1 更新一次之后，这个样本上的损失会……",
    ),
    "lessons.backward.choice.lower": _s("Lower", "变小"),
    "lessons.backward.choice.higher": _s("Higher", "变大"),
    "lessons.backward.choice.same": _s("The same", "不变"),
    "lessons.backward.task": _s("move the step slider to the last step (the loss after the "
                                "update).",
                                "把步骤滑块拖到最后一步（更新后的损失）。"),
    "lessons.backward.explain": _s(
        "The gradient reached layer 1 with ‖dW[1]‖ = {g1}. The update moved every "
        "parameter a step of α = {alpha} against its gradient, and the loss went from "
        "{before} to {after}. The gradient points uphill, so a small step against it goes "
        "down; the next lesson shows what a step that is too long does.",
        "梯度传到第 1 层时 ‖dW[1]‖ = {g1}。更新让每个参数沿梯度的反方向走了 α = {alpha} 的一步，"
        "损失从 {before} 变为 {after}。梯度指向上坡方向，所以逆着它走一小步就会下降；"
        "下一课会看到步子太大会怎样。",
    ),
    # --- 11. too large a learning rate (MLP) ---
    "lessons.big_lr.title": _s("What a too-large learning rate does", "学习率过大会怎样"),
    "lessons.big_lr.text": _s(
        "The learning rate α is the length of each step downhill. The default here is 0.03; "
        "this lesson starts at 10.",
        "学习率 α 就是每次下坡的步长。这里的默认值是 0.03；本课从 10 开始。",
    ),
    "lessons.big_lr.question": _s(
        "With a learning rate of 10, the training loss will…",
        "学习率为 10 时，训练损失会……",
    ),
    "lessons.big_lr.choice.faster": _s("Fall faster than with 0.03", "比 0.03 时下降得更快"),
    "lessons.big_lr.choice.stall": _s("Stop falling early and jump around",
                                      "很早就不再下降，来回跳动"),
    "lessons.big_lr.choice.same": _s("Fall just as with 0.03", "和 0.03 时一样下降"),
    "lessons.big_lr.task": _s("press Play and train for at least 100 epochs; watch the loss "
                              "chart.",
                              "按“播放”，至少训练 100 轮；观察损失曲线。"),
    "lessons.big_lr.explain": _s(
        "Your training loss was lowest at epoch {best_epoch} ({best}) and is {final} after "
        "{epoch} epochs. Each step α·dW is so long that it jumps across the valley of the "
        "loss and lands higher on the other side: the loss stalls, bounces, or blows up. "
        "Set the learning rate back to 0.03 and the loss falls steadily.",
        "你的训练损失在第 {best_epoch} 轮最低（{best}），训练 {epoch} 轮后为 {final}。"
        "每一步 α·dW 都太长，越过了损失的山谷，落在对面更高的地方：损失停滞、来回跳动，甚至发散。"
        "把学习率调回 0.03，损失就会稳步下降。",
    ),
    # --- 12. features (MLP) ---
    "lessons.features.title": _s("Features that make a problem linear", "让问题变成线性的特征"),
    "lessons.features.text": _s(
        "The circle dataset cannot be split by a line in (x₁, x₂). This lesson removes every "
        "hidden layer and feeds the network x₁² and x₂² instead.",
        "圆形数据集在 (x₁, x₂) 平面上无法用一条直线分开。本课去掉所有隐藏层，改为把 x₁² 和 x₂² "
        "作为输入。",
    ),
    "lessons.features.question": _s(
        "With no hidden layer, can it separate the circle from the ring?",
        "没有隐藏层，它能把圆内和圆环分开吗？",
    ),
    "lessons.features.choice.yes": _s("Yes", "能"),
    "lessons.features.choice.no": _s("No: it needs a hidden layer", "不能：必须有隐藏层"),
    "lessons.features.task": _s("press Play and train for at least 100 epochs.",
                                "按“播放”，至少训练 100 轮。"),
    "lessons.features.explain": _s(
        "Test accuracy {acc} (test loss {loss}) after {epoch} epochs, with no hidden layer. "
        "The output is σ(w₁x₁² + w₂x₂² + b), and w₁x₁² + w₂x₂² + b = 0 is a circle or an "
        "ellipse in the plane: in the space of the features the problem is linear. A hidden "
        "layer learns such features by itself; here we chose them.",
        "训练 {epoch} 轮后，测试准确率 {acc}（测试损失 {loss}），而且没有隐藏层。输出是 "
        "σ(w₁x₁² + w₂x₂² + b)，而 w₁x₁² + w₂x₂² + b = 0 在平面上是一个圆或椭圆："
        "在特征空间里，这个问题是线性的。隐藏层能自己学到这样的特征；这里是我们替它选好了。",
    ),
    # --- 13. dropout (MLP) ---
    "lessons.dropout.title": _s("Dropout against learning the noise by heart",
                                "用 Dropout 防止死记噪声"),
    "lessons.dropout.text": _s(
        "Only 10% of the points train here and the noise is high: 8 + 8 hidden units are "
        "enough to learn those few points by heart, noise included. This lesson turns on "
        "dropout with p = 0.5: at every training step each hidden unit is switched off with "
        "probability p.",
        "这里只有 10% 的点用于训练，而且噪声很大：8 + 8 个隐藏单元足以把这些点连同噪声一起"
        "死记下来。本课打开 p = 0.5 的 Dropout：每个训练步中，每个隐藏单元都以概率 p 被关掉。",
    ),
    "lessons.dropout.question": _s(
        "With dropout 0.5, after 200 epochs the test loss will be…",
        "使用 0.5 的 Dropout，训练 200 轮后测试损失会……",
    ),
    "lessons.dropout.choice.close": _s("Close to the training loss (less than twice it)",
                                       "接近训练损失（不到它的两倍）"),
    "lessons.dropout.choice.far": _s("Far above the training loss", "远高于训练损失"),
    "lessons.dropout.task": _s("press Play and train for at least 200 epochs; watch the two "
                               "loss curves.",
                               "按“播放”，至少训练 200 轮；观察两条损失曲线。"),
    "lessons.dropout.explain": _s(
        "After {epoch} epochs your training loss is {train} and your test loss {test} "
        "(test / training = {ratio}). At every step dropout switched each hidden unit off "
        "with probability {p} and multiplied the others by 1/(1 − p) = {scale}, as "
        "torch.nn.Dropout does, so no unit can count on a particular partner and the noise is "
        "much harder to memorise. The boundary and both losses are computed without dropout "
        "(evaluation mode). Set the dropout rate to 0 and press Reset: the training loss falls "
        "towards 0 while the test loss climbs far above it.",
        "训练 {epoch} 轮后，你的训练损失为 {train}，测试损失为 {test}（测试 / 训练 = {ratio}）。"
        "每一步 Dropout 都以概率 {p} 关掉每个隐藏单元，并把其余单元乘以 1/(1 − p) = {scale}，"
        "与 torch.nn.Dropout 相同；于是没有哪个单元能依赖特定的同伴，噪声就很难被死记。"
        "决策边界和两种损失都在不使用 Dropout 的情况下计算（评估模式）。把 Dropout 比例设为 0 "
        "并按“重置”：训练损失会降向 0，而测试损失会远远高于它。",
    ),
    # --- 14. learning-rate schedule (MLP) ---
    "lessons.schedule.title": _s("A learning rate that shrinks as training goes on",
                                 "随训练逐渐减小的学习率"),
    "lessons.schedule.text": _s(
        "A learning rate of 3 is too large for this network: with it fixed, the loss falls at "
        "first and then bounces. This lesson starts at 3 and lowers the rate along a cosine, "
        "to 0 at epoch 200 (PyTorch's CosineAnnealingLR, stepped once per epoch).",
        "对这个网络来说学习率 3 太大：若固定不变，损失先下降然后来回跳动。本课从 3 开始，"
        "让学习率沿余弦曲线下降，在第 200 轮降到 0"
        "（即 PyTorch 的 CosineAnnealingLR，每轮调用一次）。",
    ),
    "lessons.schedule.question": _s(
        "By epoch 200 the training loss will…",
        "到第 200 轮时，训练损失会……",
    ),
    "lessons.schedule.choice.settle": _s("Settle near its lowest value", "稳定在接近最低值的地方"),
    "lessons.schedule.choice.bounce": _s("Keep bouncing as with a fixed rate of 3",
                                         "像固定学习率 3 时一样来回跳动"),
    "lessons.schedule.choice.rise": _s("Climb back up as the steps get small",
                                       "步子变小后又升回去"),
    "lessons.schedule.task": _s("press Play and train for at least 200 epochs; the rate is "
                                "drawn under the loss chart.",
                                "按“播放”，至少训练 200 轮；学习率画在损失曲线下方。"),
    "lessons.schedule.explain": _s(
        "The rate went from {start} in the first epoch to {now} after {epoch} epochs, along "
        "α·(1 + cos(π·e/{n}))/2. Your training loss is {final}; its lowest was {best} at epoch "
        "{best_epoch}. The long early steps cross the loss landscape fast; as they shrink they "
        "stop jumping over the valley, and the loss settles at the bottom. Past epoch {n} the "
        "cosine rises again, as PyTorch's does. Set the schedule to Constant and press Reset "
        "to see the bouncing of a fixed α = 3.",
        "学习率从第一轮的 {start} 沿 α·(1 + cos(π·e/{n}))/2 降到训练 {epoch} 轮后的 {now}。"
        "你的训练损失为 {final}，最低为第 {best_epoch} 轮的 {best}。"
        "前期步子长，能快速穿过损失曲面；"
        "步子变短后就不再越过山谷，损失稳定在谷底。第 {n} 轮之后余弦会再次上升，PyTorch 也是如此。"
        "把调度设为“固定”并按“重置”，就能看到固定 α = 3 时的来回跳动。",
    ),
}
