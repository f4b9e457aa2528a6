"""Strings of the text alternatives and announcements (``a11y.``).

``STRINGS[key] = {"en": ..., "zh": ...}``; see ``ui.i18n`` for the rules. The sentences
are built by ``ui.describe`` from each picture's data.
"""

from __future__ import annotations

# The key prefixes this module owns (tests/test_i18n.py checks every key against them).
PREFIXES: tuple[str, ...] = ("a11y",)


def _s(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh": zh}


STRINGS: dict[str, dict[str, str]] = {
    # class colours, in the order of ui.boundary.CLASS_COLOURS, and their marker shapes
    "a11y.colour.0": _s("orange", "橙色"),
    "a11y.colour.1": _s("blue", "蓝色"),
    "a11y.colour.2": _s("green", "绿色"),
    "a11y.colour.3": _s("purple", "紫色"),
    "a11y.colour.4": _s("red", "红色"),
    "a11y.colour.5": _s("brown", "棕色"),
    "a11y.colour.6": _s("pink", "粉色"),
    "a11y.colour.7": _s("cyan", "青色"),
    "a11y.list_sep": _s(", ", "，"),
    "a11y.share": _s("{colour} {pct}", "{colour}占 {pct}"),
    "a11y.boundary.class": _s(
        "Decision boundary after {epochs} epochs: test accuracy {acc}. The network labels "
        "the centre {centre} and the edges {edge}; of the plane, {shares}. {wrong} of {n} "
        "test points are misclassified.",
        "训练 {epochs} 轮后的决策边界：测试准确率 {acc}。网络把中心判为{centre}，边缘判为{edge}；"
        "平面上{shares}。{n} 个测试点中有 {wrong} 个被分错。"),
    "a11y.boundary.regression": _s(
        "Output over the plane after {epochs} epochs: test R² {r2}. The output is highest "
        "({hi}) near x = ({hx1}, {hx2}) and lowest ({lo}) near x = ({lx1}, {lx2}).",
        "训练 {epochs} 轮后平面上的输出：测试 R² 为 {r2}。输出在 x = ({hx1}, {hx2}) 附近最高"
        "（{hi}），在 x = ({lx1}, {lx2}) 附近最低（{lo}）。"),
    "a11y.loss": _s(
        "Loss over {epochs} epochs: training loss from {tr0} to {tr1}, test loss from "
        "{te0} to {te1} (lowest {best} at epoch {best_epoch}).",
        "{epochs} 轮的损失：训练损失从 {tr0} 到 {tr1}，测试损失从 {te0} 到 {te1}"
        "（第 {best_epoch} 轮最低，为 {best}）。"),
    "a11y.loss.none": _s("Loss: no epoch trained yet.", "损失：尚未训练。"),
    "a11y.act.rises": _s("rises", "上升"),
    "a11y.act.falls": _s("falls", "下降"),
    "a11y.act.varies": _s("goes up and down", "有升有降"),
    "a11y.act.curve": _s(
        "{name}: for z from {z0} to {z1}, g(z) {trend} from {g0} to {g1}, steepest at "
        "z = {zs} where g'(z) = {ds}; {sat}.",
        "{name}：z 从 {z0} 到 {z1} 时，g(z) 从 {g0} {trend}到 {g1}，在 z = {zs} 处最陡，"
        "g'(z) = {ds}；{sat}。"),
    "a11y.act.sat": _s("|g'(z)| < 0.05 for {where}", "当 {where} 时 |g'(z)| < 0.05"),
    "a11y.act.sat_none": _s("|g'(z)| stays at or above 0.05 on this range",
                            "在此范围内 |g'(z)| 始终不小于 0.05"),
    "a11y.act.below": _s("z < {z}", "z < {z}"),
    "a11y.act.above": _s("z > {z}", "z > {z}"),
    "a11y.act.and": _s(" and ", " 和 "),
    "a11y.act.all": _s("every z shown", "所示的每个 z"),
    "a11y.race": _s(
        "Optimiser race after {steps} steps: {ranking}.",
        "赛跑 {steps} 步后：{ranking}。"),
    "a11y.race.entry": _s("{name} loss {loss}", "{name} 损失 {loss}"),
    "a11y.race.diverged": _s("{name} diverged", "{name} 已发散"),
    "a11y.neuron": _s(
        "The neuron's decision line w1·x1 + w2·x2 + b = 0 with w = ({w1}, {w2}) and "
        "b = {b}: points on the {side} side have z > 0; {correct} of {n} points are on "
        "their class's side.",
        "神经元的决策线 w1·x1 + w2·x2 + b = 0，w = ({w1}, {w2})，b = {b}：{side}一侧的点"
        "满足 z > 0；{n} 个点中有 {correct} 个在其类别的一侧。"),
    "a11y.dir.right": _s("right", "右"),
    "a11y.dir.left": _s("left", "左"),
    "a11y.dir.up": _s("upper", "上"),
    "a11y.dir.down": _s("lower", "下"),
    "a11y.dir.upright": _s("upper right", "右上"),
    "a11y.dir.upleft": _s("upper left", "左上"),
    "a11y.dir.downright": _s("lower right", "右下"),
    "a11y.dir.downleft": _s("lower left", "左下"),
    "a11y.dir.none": _s("neither", "任何"),
    "a11y.train_status": _s(
        "Epoch {epoch}: training loss {train}, test loss {test}.",
        "第 {epoch} 轮：训练损失 {train}，测试损失 {test}。"),
    "a11y.train_stopped": _s(
        "Training paused at epoch {epoch}: training loss {train}, test loss {test}.",
        "训练在第 {epoch} 轮暂停：训练损失 {train}，测试损失 {test}。"),
    "a11y.train_diverged": _s(
        "Training diverged at epoch {epoch}; the weights of epoch {restored} were restored.",
        "训练在第 {epoch} 轮发散；已恢复第 {restored} 轮的权重。"),
    # the network diagrams (MLP, Backprop) in words (ui.describe.network_text, backprop_*)
    "a11y.net": _s(
        "Network {shape} with {act}: {n} weights; the strongest is W[{l}][{j},{i}] = {w} "
        "(from {src} to {dst}).",
        "网络 {shape}，激活函数 {act}：共 {n} 个权重；最强的是 W[{l}][{j},{i}] = {w}"
        "（从{src}到{dst}）。"),
    "a11y.named": _s("{name}. {text}", "{name}。{text}"),
    "a11y.net.unit": _s("unit {j} of layer {l}", "第 {l} 层的第 {j} 个单元"),
    "a11y.net.input": _s("input {name}", "输入 {name} "),
    "a11y.net.off": _s("{off} units switched off.", "{off} 个单元已关闭。"),
    "a11y.net.off1": _s("1 unit switched off.", "1 个单元已关闭。"),
    "a11y.unit": _s(
        "{name}: lowest {lo} near x = ({lx1}, {lx2}), highest {hi} near x = ({hx1}, {hx2}); "
        "it rises towards the {side} side.",
        "{name}：在 x = ({lx1}, {lx2}) 附近最低（{lo}），在 x = ({hx1}, {hx2}) 附近最高"
        "（{hi}）；向{side}侧上升。"),
    "a11y.unit.flat": _s("{name}: {v} everywhere on the plane.", "{name}：整个平面上都是 {v}。"),
    "a11y.entry": _s("{name} {v}", "{name} {v}"),
    "a11y.largest": _s("The largest: {name}.", "最大的是 {name}。"),
    "a11y.grad": _s("Gradient norm by layer at epoch {epoch}: {values}.",
                    "第 {epoch} 轮各层的梯度范数：{values}。"),
    "a11y.grad.none": _s("Gradient norm: no epoch trained yet.", "梯度范数：尚未训练。"),
    "a11y.dead": _s("Dead ReLU units at epoch {epoch}: {values}.",
                    "第 {epoch} 轮失活的 ReLU 单元：{values}。"),
    "a11y.dead.none": _s("Dead ReLU units: no epoch trained yet.", "失活的 ReLU 单元：尚未训练。"),
    "a11y.what.loss": _s("Loss", "损失"),
    "a11y.what.acc": _s("Accuracy", "准确率"),
    "a11y.series_sep": _s("; ", "；"),
    "a11y.curve": _s("{what} by step: {series}.", "各步的{what}：{series}。"),
    "a11y.curve.series": _s("{name} from {v0} at step {s0} to {v1} at step {s1}",
                            "{name}从第 {s0} 步的 {v0} 到第 {s1} 步的 {v1}"),
    "a11y.curve.none": _s("{what}: no step yet.", "{what}：尚无步骤。"),
    "a11y.neuron_formula": _s("Neuron: {formula}; at x = ({x1}, {x2}): z = {z}, a = {a}.",
                              "神经元：{formula}；在 x = ({x1}, {x2}) 处：z = {z}，a = {a}。"),
    "a11y.land": _s(
        "Loss over the weights (w1, w2) at b = {b}: lowest {lo} near w = ({lw1}, {lw2}), "
        "highest {hi}. The path of {steps} steps runs from w = ({s1}, {s2}) to "
        "w = ({n1}, {n2}), where the loss is {now}.",
        "b = {b} 时损失随权重 (w1, w2) 的变化：在 w = ({lw1}, {lw2}) 附近最低（{lo}），"
        "最高为 {hi}。{steps} 步的路径从 w = ({s1}, {s2}) 走到 w = ({n1}, {n2})，"
        "此处损失为 {now}。"),
    "a11y.bias": _s(
        "Loss along b with w held: lowest {lo} at b = {at}; now b = {b}, loss {now}.",
        "固定 w 时损失随 b 的变化：在 b = {at} 处最低（{lo}）；当前 b = {b}，损失 {now}。"),
    "a11y.small_boundary": _s(
        "After {steps} steps it labels the centre {centre} and the edges {edge}; {correct} "
        "of {n} points are on their class's side.",
        "{steps} 步后，它把中心判为{centre}，边缘判为{edge}；{n} 个点中有 {correct} 个在其类别"
        "的一侧。"),
    "a11y.paths": _s("Paths over the surface after {steps} steps: {ends}.",
                     "{steps} 步后曲面上的路径：{ends}。"),
    "a11y.path.entry": _s("{name} at {at}", "{name}位于 {at}"),
    "a11y.paths.minimum": _s("The minimum is at {at}.", "最小值位于 {at}。"),
    "a11y.rates": _s(
        "Learning rate by epoch: {lr0} at epoch {e0}, {lr1} at epoch {e1} (from {lo} to "
        "{hi}).",
        "各轮的学习率：第 {e0} 轮为 {lr0}，第 {e1} 轮为 {lr1}（范围 {lo} 到 {hi}）。"),
    "a11y.rates.none": _s("Learning rate: no epoch trained yet.", "学习率：尚未训练。"),
    "a11y.points.classes": _s("{n} training points: {per}; {added} added by hand.",
                              "{n} 个训练点：{per}；其中 {added} 个为手动添加。"),
    "a11y.points.entry": _s("class {name}: {n}", "类别 {name}：{n} 个"),
    "a11y.points.values": _s(
        "{n} training points with values from {lo} to {hi}; {added} added by hand.",
        "{n} 个训练点，取值从 {lo} 到 {hi}；其中 {added} 个为手动添加。"),
    "a11y.compare.class": _s(
        "After {epochs} epochs it labels the centre {centre} and the edges {edge}; test "
        "accuracy {acc}.",
        "{epochs} 轮后，它把中心判为{centre}，边缘判为{edge}；测试准确率 {acc}。"),
    "a11y.compare.regression": _s("After {epochs} epochs: test R² {r2}.",
                                  "{epochs} 轮后：测试 R² 为 {r2}。"),
    "a11y.name.points": _s("The training points: click to add one",
                           "训练点：点击即可添加一个点"),
    "a11y.bp.step": _s(
        "Network {shape}, step {k} of {n} ({phase}), layer {l} marked: {value}.",
        "网络 {shape}，第 {k} 步（共 {n} 步，{phase}），标出第 {l} 层：{value}。"),
    "a11y.bp.all": _s(
        "Network {shape}, all {n} steps below: loss {before} before the update, {after} "
        "after.",
        "网络 {shape}，下面列出全部 {n} 步：更新前损失 {before}，更新后 {after}。"),
    "a11y.bp.largest": _s("{sym}: {n} numbers, largest |{sym}| = {v} at {at}",
                          "{sym}：{n} 个数，最大的 |{sym}| = {v}，位于 {at}"),
    "a11y.bp.phase.forward": _s("forward pass", "前向传播"),
    "a11y.bp.phase.loss": _s("loss", "损失"),
    "a11y.bp.phase.backward": _s("backward pass", "反向传播"),
    "a11y.bp.phase.update": _s("update", "更新"),
    "a11y.name.neuron_plane": _s("The neuron's output over the plane, with the data points",
                                 "神经元在平面上的输出及数据点"),
    "a11y.name.bp_diagram": _s("The network: units as circles, weights as lines",
                               "网络：单元为圆点，权重为连线"),
    "a11y.name.loss": _s("Training and test loss by epoch", "每轮的训练损失和测试损失"),
    "a11y.name.race": _s("The optimisers' paths over the loss surface",
                         "各优化器在损失曲面上的路径"),
    "a11y.show_table": _s("Show as table", "以表格显示"),
    "a11y.thumb": _s("Preview of the {name} dataset", "{name}数据集的预览"),
    "a11y.palette": _s("Colour-blind-safe colours", "色盲友好配色"),
    "a11y.palette_help": _s(
        "Okabe-Ito colours for the classes, kept in the link (palette=cb).",
        "类别使用 Okabe-Ito 配色，并保存在链接中（palette=cb）。"),
    # the class colours of the colour-blind-safe palette (?palette=cb), in the order of
    # ui.a11y_palette.OKABE_ITO: what a text alternative names under that palette
    "a11y.colour_cb.0": _s("orange", "橙色"),
    "a11y.colour_cb.1": _s("blue", "蓝色"),
    "a11y.colour_cb.2": _s("bluish green", "蓝绿色"),
    "a11y.colour_cb.3": _s("vermillion", "朱红色"),
    "a11y.colour_cb.4": _s("reddish purple", "紫红色"),
    "a11y.colour_cb.5": _s("sky blue", "天蓝色"),
    "a11y.colour_cb.6": _s("yellow", "黄色"),
    "a11y.colour_cb.7": _s("black", "黑色"),
}
