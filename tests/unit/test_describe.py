"""The text alternatives (ui.describe): built from the picture's data, in both languages,
and saying what an independent reading of the same data says."""

from __future__ import annotations

import numpy as np
import pytest

from ui import describe as d

XS = np.linspace(-6, 6, 9)
X1, X2 = np.meshgrid(XS, XS)  # row 0 = lowest x2, as nncore.data.grid
RING = (np.hypot(X1, X2) < 3).astype(float)  # P(class 1): 1 inside radius 3


def test_numbers_are_short_and_never_nan():
    assert [d.plain(x) for x in (0.25, -3.9012, 1234.5, 0.000123456)] == [
        "0.25", "-3.9", "1230", "0.000123"]
    assert d.plain(float("nan")) == d.plain(float("inf")) == "–"


def test_boundary_names_centre_edges_shares_and_errors():
    text = d.boundary_text("en", RING, "binary", 240, 0.943, 3, 100)
    share_blue = RING.mean()  # the oracle: the cells with P >= 0.5
    assert text.startswith("Decision boundary after 240 epochs: test accuracy 94%.")
    assert "labels the centre blue and the edges orange" in text
    assert f"blue {100 * share_blue:.0f}%" in text
    assert f"orange {100 * (1 - share_blue):.0f}%" in text
    assert "3 of 100 test points are misclassified" in text
    zh = d.boundary_text("zh", RING, "binary", 240, 0.943, 3, 100)
    assert "训练 240 轮后的决策边界" in zh and "中心判为蓝色" in zh and "边缘判为橙色" in zh
    assert "100 个测试点中有 3 个被分错" in zh


def test_boundary_changes_with_the_picture():
    flipped = d.boundary_text("en", 1 - RING, "binary", 10, 0.5, 50, 100)
    assert "labels the centre orange and the edges blue" in flipped
    assert flipped != d.boundary_text("en", RING, "binary", 10, 0.5, 50, 100)


def test_multiclass_boundary_by_argmax():
    V = np.zeros((9, 9, 3))
    V[:, :3, 0] = 1  # left third: class 0
    V[:, 3:6, 1] = 1
    V[:, 6:, 2] = 1
    text = d.boundary_text("en", V, "multiclass", 5, 1.0, 0, 60)
    assert "centre blue" in text  # the middle column
    assert "orange 33%" in text and "blue 33%" in text and "green 33%" in text


def test_regression_names_where_the_output_peaks():
    V = np.tanh(X1 - X2) * 0.9  # highest at x = (6, -6)
    text = d.boundary_text("en", V, "regression", 7, 0.91, 0, 0)
    assert "test R² 0.91" in text
    assert "highest (" in text and "near x = (6, -6)" in text and "near x = (-6, 6)" in text


def test_activation_sigmoid_against_its_formula():
    z = np.linspace(-6, 6, 241)
    g = 1 / (1 + np.exp(-z))
    dg = g * (1 - g)
    text = d.activation_text("en", "sigmoid", z, g, dg)
    # oracle: g' = 0.05 where g(1-g) = 0.05, i.e. |z| = log((1+sqrt(0.8))/(1-sqrt(0.8)))
    edge = np.log((1 + np.sqrt(0.8)) / (1 - np.sqrt(0.8)))  # 2.887
    assert "g(z) rises from 0.00247 to 0.998" in text
    assert "steepest at z = 0 where g'(z) = 0.25" in text
    below = z[np.abs(dg) >= d.SATURATED][0]
    assert abs(abs(below) - edge) < 0.05
    assert f"z < {d.plain(below)} and z > {d.plain(-below)}" in text
    zh = d.activation_text("zh", "sigmoid", z, g, dg)
    assert "上升" in zh and "最陡" in zh


def test_activation_relu_and_a_curve_that_never_saturates():
    z = np.linspace(-3, 3, 61)
    relu = d.activation_text("en", "ReLU", z, np.maximum(z, 0), (z > 0) * 1.0)
    assert "rises" in relu and "|g'(z)| < 0.05 for z < " in relu
    line = d.activation_text("en", "identity", z, z, np.ones_like(z))
    assert "stays at or above 0.05" in line
    bump = d.activation_text("en", "bump", z, np.exp(-z ** 2), -2 * z * np.exp(-z ** 2))
    assert "goes up and down" in bump


def test_loss_text_from_the_history():
    text = d.loss_text("en", [1, 2, 3, 4], [0.7, 0.5, 0.3, 0.2], [0.71, 0.4, 0.45, 0.5])
    assert text == ("Loss over 4 epochs: training loss from 0.7 to 0.2, test loss from 0.71 "
                    "to 0.5 (lowest 0.4 at epoch 2).")
    assert d.loss_text("zh", [], [], []) == "损失：尚未训练。"


def test_race_ranks_by_loss_and_names_the_diverged_last():
    text = d.race_text("en", 120, {"SGD": 0.5, "Adam": 0.001, "RMSprop": float("nan")})
    assert text == ("Optimiser race after 120 steps: Adam loss 0.001, SGD loss 0.5, "
                    "RMSprop diverged.")


@pytest.mark.parametrize(("w", "side"), [
    ((1, 0), "right"), ((0, 1), "up"), ((-1, -1), "downleft"), ((1, -1), "downright"),
    ((-2, 0.1), "left"), ((0, 0), "none")])
def test_direction_of_w(w, side):
    assert d.direction(w) == side


def test_neuron_and_training_status_in_both_languages():
    assert "points on the lower right side have z > 0; 7 of 10" in d.neuron_text(
        "en", [1, -1], 0.2, 7, 10)
    assert "右下一侧" in d.neuron_text("zh", [1, -1], 0.2, 7, 10)
    assert d.train_status("en", 1200, 0.1234, 0.2) == (
        "Epoch 1,200: training loss 0.1234, test loss 0.2.")
    assert "暂停" in d.train_status("zh", 5, 0.1, 0.2, "stopped")
    assert "restored" in d.train_status("en", 50, 0, 0, "diverged", restored=40)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_boundary_marks_are_in_the_texts(lang):
    classification, regression = d.BOUNDARY_MARKS[lang]
    assert classification in d.boundary_text(lang, RING, "binary", 3, 0.5, 1, 2)
    assert regression in d.boundary_text(lang, RING, "regression", 3, 0.5, 0, 0)
    assert d.boundary_selector(lang).count("img[alt*=") == 2


# the network diagrams (MLP, Backprop): hand-worked from the weights and the steps

#: a 2-4-4-1 network whose strongest weight is W[2][3,1] = -2.4 (unit 1 of layer 1 to
#: unit 3 of layer 2); 2*4 + 4*4 + 4*1 = 28 weights
W_241 = [np.full((4, 2), 0.5), np.full((4, 4), 0.1), np.full((1, 4), -1.0)]
W_241[1][2, 0] = -2.4


def test_strongest_weight_and_its_place():
    assert d.strongest(W_241) == (2, 3, 1, -2.4)
    assert d.strongest([np.array([[np.nan, 0.3]])]) == (1, 1, 2, 0.3)


def test_network_text_from_the_weights():
    text = d.network_text("en", [2, 4, 4, 1], "tanh", W_241, off=2)
    assert text == ("Network 2-4-4-1 with tanh: 28 weights; the strongest is W[2][3,1] = -2.4 "
                    "(from unit 1 of layer 1 to unit 3 of layer 2). 2 units switched off.")
    zh = d.network_text("zh", [2, 4, 4, 1], "tanh", W_241, off=2)
    assert "网络 2-4-4-1" in zh and "共 28 个权重" in zh and "W[2][3,1] = -2.4" in zh
    assert "从第 1 层的第 1 个单元到第 2 层的第 3 个单元" in zh and "2 个单元已关闭" in zh
    assert d.network_text("en", [2, 4, 4, 1], "tanh", W_241, off=1).endswith(
        " 1 unit switched off.")


def test_network_text_changes_with_the_weights_and_names_inputs():
    W = [w.copy() for w in W_241]
    W[0][1, 1] = 3.0  # now the strongest: x₂ to unit 2 of layer 1
    text = d.network_text("en", [2, 4, 4, 1], "ReLU", W, inputs=["x₁", "x₂"],
                          name="The network")
    assert text == ("The network. Network 2-4-4-1 with ReLU: 28 weights; the strongest is "
                    "W[1][2,2] = 3 (from input x₂ to unit 2 of layer 1).")
    assert text != d.network_text("en", [2, 4, 4, 1], "ReLU", W_241, inputs=["x₁", "x₂"],
                                  name="The network")
    assert d.network_text("zh", [2, 4, 4, 1], "ReLU", W, inputs=["x₁", "x₂"],
                          name="网络结构").startswith("网络结构。网络 2-4-4-1")


def test_backprop_step_text_lists_few_numbers_and_finds_the_largest():
    a2 = np.array([[0.62]])  # a[2] of one example
    assert d.backprop_step_text("en", [2, 3, 1], 4, 14, "forward", "a", 2, a2) == (
        "Network 2-3-1, step 4 of 14 (forward pass), layer 2 marked: a[2] = 0.62.")
    dz = np.array([[0.12], [-0.5], [0.03]])
    assert "dz[1] = (0.12, -0.5, 0.03)" in d.backprop_step_text(
        "en", [2, 3, 1], 8, 14, "backward", "dz", 1, dz)
    dW = np.array([[0.01, -0.02], [0.08, 0.03], [-0.05, 0.0]])  # |dW| largest at row 2, col 1
    text = d.backprop_step_text("en", [2, 3, 1], 10, 14, "backward", "dW", 1, dW)
    assert text.endswith("dW[1]: 6 numbers, largest |dW[1]| = 0.08 at [2,1].")
    zh = d.backprop_step_text("zh", [2, 3, 1], 10, 14, "backward", "dW", 1, dW)
    assert "第 10 步" in zh and "反向传播" in zh and "最大的 |dW[1]| = 0.08，位于 [2,1]" in zh
    assert d.step_symbol("da_prev", 2) == "da[1]" and d.step_symbol("loss", 2) == "L"


def test_backprop_all_text_gives_the_losses():
    assert d.backprop_all_text("en", [2, 3, 1], 14, 0.693147, 0.65) == (
        "Network 2-3-1, all 14 steps below: loss 0.6931 before the update, 0.65 after.")
    assert "更新前损失 0.6931" in d.backprop_all_text("zh", [2, 3, 1], 14, 0.693147, 0.65)


def test_the_mlp_diagram_carries_its_words():
    import xml.etree.ElementTree as ET

    from ui.mlp import svg

    words = d.network_text("en", [2, 4, 4, 1], "tanh", W_241) + ' <"&>'
    markup = svg.diagram_svg(W_241, None, ["in", "h1", "h2", "out"], ["x₁", "x₂"], alt=words)
    root = ET.fromstring(markup)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-label") == words
    assert root[0].tag == f"{ns}title" and root[0].text == words
    assert svg.alt_of(markup) == words
    # without words: no name, and no edge's title taken for one
    bare = svg.diagram_svg(W_241, None, ["in", "h1", "h2", "out"], ["x₁", "x₂"])
    assert svg.alt_of(bare) == "" and "role=" not in bare.split(">", 1)[0]


def test_unit_text_reads_the_map():
    # the input x1 itself: lowest at the left edge, highest at the right (first of ties:
    # the lowest row, x2 = -6)
    assert d.unit_text("en", "x₁", X1) == (
        "x₁: lowest -6 near x = (-6, -6), highest 6 near x = (6, -6); it rises towards the "
        "right side.")
    V = np.tanh(X2 - X1)  # rises towards the upper left
    text = d.unit_text("en", "layer 1, neuron 2", V)
    assert f"highest {d.plain(np.tanh(12))} near x = (-6, 6)" in text
    assert "towards the upper left side" in text
    assert "向左上侧上升" in d.unit_text("zh", "第 1 层第 2 个神经元", V)
    assert d.unit_text("en", "b", np.full((9, 9), 0.5)) == "b: 0.5 everywhere on the plane."


def test_layers_text_at_the_last_epoch():
    norms = np.array([[0.1, 0.2], [0.01, 0.03], [0.0123, 0.05]])
    assert d.layers_text("en", "grad", [1, 2, 3], ["W[1]", "W[2]"], norms) == (
        "Gradient norm by layer at epoch 3: W[1] 0.0123, W[2] 0.05. The largest: W[2].")
    assert d.layers_text("zh", "grad", [1, 2, 3], ["W[1]", "W[2]"], norms).startswith(
        "第 3 轮各层的梯度范数：W[1] 0.0123，W[2] 0.05。")
    dead = d.layers_text("en", "dead", [5, 10], ["hidden 1", "hidden 2"],
                         np.array([[0, 0], [0.25, 0.25]]), share=True)
    assert dead == "Dead ReLU units at epoch 10: hidden 1 25%, hidden 2 25%."  # a tie: no largest
    assert d.layers_text("en", "dead", [], ["h"], np.zeros((0, 1))) == (
        "Dead ReLU units: no epoch trained yet.")


def test_neuron_formula_in_words():
    assert d.neuron_formula_text("en", [1.2, -0.5], 0.3, "sigmoid", [1, 2], 0.5, 0.6225) == (
        "Neuron: z = 1.2·x1 − 0.5·x2 + 0.3, a = sigmoid(z); at x = (1, 2): z = 0.5, "
        "a = 0.623.")  # 1.2·1 − 0.5·2 + 0.3 = 0.5, sigmoid(0.5) = 0.6225
    zh = d.neuron_formula_text("zh", [-1, 0], -0.3, "ReLU", [0, -1], -0.3, 0)
    assert zh == "神经元：z = −1·x1 + 0·x2 − 0.3, a = ReLU(z)；在 x = (0, -1) 处：z = −0.3，a = 0。"


def test_series_text_from_first_to_last_step():
    text = d.series_text("en", "loss", [("Gradient descent", [0, 1, 2], [0.693, 0.5, 0.21]),
                                        ("Perceptron", [0, 5], [3, 0])])
    assert text == ("Loss by step: Gradient descent from 0.693 at step 0 to 0.21 at step 2; "
                    "Perceptron from 3 at step 0 to 0 at step 5.")
    assert d.series_text("zh", "acc", [("梯度下降", [0, 9], [0.5, 0.95])], share=True) == (
        "各步的准确率：梯度下降从第 0 步的 50% 到第 9 步的 95%。")


def test_landscape_and_bias_texts():
    w = np.array([-1.0, 0.0, 1.0])
    text = d.landscape_text("en", 0.3, w, w, [0.5, 0.1, 0.9],
                            np.array([[0, 0, 0.3], [0.5, 0.2, 0.3], [1, 1.5, 0.3]]), 0.2)
    assert text == ("Loss over the weights (w1, w2) at b = 0.3: lowest 0.1 near w = (0, 0), "
                    "highest 0.9. The path of 2 steps runs from w = (0, 0) to w = (1, 1.5), "
                    "where the loss is 0.2.")
    assert d.bias_text("en", [-1, 0, 1], [0.5, 0.2, 0.6], 0.4, 0.3) == (
        "Loss along b with w held: lowest 0.2 at b = 0; now b = 0.4, loss 0.3.")
    assert "当前 b = 0.4" in d.bias_text("zh", [-1, 0, 1], [0.5, 0.2, 0.6], 0.4, 0.3)


def test_paths_text_names_where_each_runner_is():
    text = d.paths_text("en", 120, {"SGD": [1, 2.5], "Adam": [0.99, 0.98], "RMSprop": None},
                        ("x", "y"), (1, 1))
    assert text == ("Paths over the surface after 120 steps: SGD at (x, y) = (1, 2.5), Adam at "
                    "(x, y) = (0.99, 0.98), RMSprop diverged. The minimum is at (x, y) = (1, 1).")
    assert d.paths_text("zh", 3, {"SGD": [np.nan, 0]}, ("w1", "w2")) == (
        "3 步后曲面上的路径：SGD 已发散。")


def test_small_boundary_text():
    text = d.small_boundary_text("en", "Adam: the output", 40, RING, 90, 100)
    assert text == ("Adam: the output. After 40 steps it labels the centre blue and the edges "
                    "orange; 90 of 100 points are on their class's side.")
    flipped = d.small_boundary_text("zh", "Adam", 40, 1 - RING, 90, 100)
    assert "中心判为橙色" in flipped and "边缘判为蓝色" in flipped


def test_rates_points_and_compare_texts():
    # a step schedule: 0.1 for epochs 1-10, 0.05 for 11-20 (0.1 * 0.5^((e - 1) // 10))
    e = np.arange(1, 21)
    lr = 0.1 * 0.5 ** ((e - 1) // 10)
    assert d.rates_text("en", e, lr) == (
        "Learning rate by epoch: 0.1 at epoch 1, 0.05 at epoch 20 (from 0.05 to 0.1).")
    assert d.rates_text("zh", [], []) == "学习率：尚未训练。"
    assert d.points_text("en", [0, 1, 1, 0, 1], "binary", 2) == (
        "5 training points: class 0: 2, class 1: 3; 2 added by hand.")
    assert d.points_text("en", [2, 0], "multiclass", 0, ["cat", "dog", "cow"]) == (
        "2 training points: class cat: 1, class dog: 0, class cow: 1; 0 added by hand.")
    assert d.points_text("zh", [0.5, -0.2], "regression", 1) == (
        "2 个训练点，取值从 -0.2 到 0.5；其中 1 个为手动添加。")
    assert d.compare_text("en", "A: output", RING, "binary", 40, 0.94) == (
        "A: output. After 40 epochs it labels the centre blue and the edges orange; test "
        "accuracy 94%.")
    assert d.compare_text("zh", "B：输出", RING, "regression", 7, 0.912) == (
        "B：输出。7 轮后：测试 R² 为 0.912。")
