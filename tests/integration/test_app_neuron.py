"""The single-neuron page under AppTest: the numbers it shows against hand-worked values,
torch autograd and an independent perceptron loop; settings in the URL; robustness."""

from __future__ import annotations

import base64
import io
import math

import numpy as np
import pytest
from PIL import Image

from nncore import perceptron as P  # noqa: N812 (short, used everywhere)
from ui.neuron import view

PAGE = "pages/2_Neuron.py"
ORANGE, BLUE = (0xF5, 0x93, 0x22), (0x08, 0x77, 0xBD)


@pytest.fixture
def neuron(open_page, no_exception):
    """``neuron(lang="en", **params) -> AppTest`` of the page after its first run."""

    def _open(lang: str = "en", **params):
        at = open_page(PAGE, lang=lang, **params)
        no_exception(at)
        return at

    return _open


def run_of(at) -> P.NeuronRun:
    return at.session_state["neuron_run"]


def latex_text(at) -> str:
    return "\n".join(e.value for e in at.latex)


def plane_image(at, chart_data) -> np.ndarray:
    """The heatmap as an (n, n, 3) array, top row = largest x2."""
    url = chart_data(at, "neuron-plane")["neuron-plane-image"]["url"][0]
    png = base64.b64decode(url.split(",", 1)[1])
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def url(at) -> dict[str, str]:
    """The page's URL parameters, one value each."""
    return {k: v if isinstance(v, str) else v[-1] for k, v in at.query_params.items()}


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def torch_grads(X, y, W, b):
    """dL/dW, dL/db of the mean cross-entropy of a sigmoid neuron, by torch autograd."""
    torch = pytest.importorskip("torch")
    w = torch.tensor(W, dtype=torch.float64, requires_grad=True)
    c = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(
        torch.tensor(X) @ w + c, torch.tensor(y, dtype=torch.float64)
    )
    loss.backward()
    return w.grad.numpy(), c.grad.item()


def click(at, key: str, times: int = 1):
    for _ in range(times):
        at.button(key=key).click().run()
    return at


# ---------------------------------------------------------------- loading


@pytest.mark.parametrize(("lang", "title"), [("en", "A single neuron"), ("zh", "单个神经元")])
def test_loads_in_both_languages(neuron, chart_spec, lang, title):
    at = neuron(lang)
    assert title in at.title[0].value
    for chart_id in ("neuron-plane", "neuron-loss", "neuron-acc"):
        assert chart_spec(at, chart_id)["usermeta"]["id"] == chart_id
    assert len(at.latex) >= 2  # g; z and a at x (one element)
    assert url(at)["lang"] == lang


# ---------------------------------------------------------------- the neuron by hand


def test_moving_the_sliders_shows_z_and_a_computed_by_hand(neuron, no_exception):
    at = neuron()
    at.slider(key="neuron_w1").set_value(1.5).run()
    at.slider(key="neuron_w2").set_value(-0.5).run()
    at.slider(key="neuron_b").set_value(0.2).run()
    no_exception(at)
    # x = (1, 2): z = 1.5 * 1 - 0.5 * 2 + 0.2 = 0.7, a = 1 / (1 + e^-0.7) = 0.66819
    text = latex_text(at)
    assert "1.5000 \\cdot 1.00 + (-0.5000) \\cdot 2.00 + 0.2000" in text
    assert "&= 0.7000" in text and "\\sigma(0.7000) = 0.6682" in text
    assert round(1 / (1 + math.exp(-0.7)), 4) == 0.6682
    at.selectbox(key="neuron_act").set_value("tanh").run()
    at.slider(key="neuron_b").set_value(-1.0).run()
    # z = 1.5 - 1.0 - 1.0 = -0.5, a = tanh(-0.5) = -0.46212
    assert "\\tanh(-0.5000) = -0.4621" in latex_text(at)
    at.slider(key="neuron_x1").set_value(-2.0).run()
    # z = -3.0 - 1.0 - 1.0 = -5.0
    assert "\\tanh(-5.0000) = -0.9999" in latex_text(at)
    run = run_of(at)
    assert (run.W0, run.b0) == ((1.5, -0.5), -1.0)  # moving a slider sets the start


def test_moving_the_sliders_changes_the_heatmap(neuron, chart_data):
    at = neuron(act="step", w1="1", w2="0", b="0")
    img = plane_image(at, chart_data)
    n = img.shape[1]
    v = np.linspace(-6, 6, n)
    # step neuron, w = (1, 0), b = 0: blue where x1 >= 0, orange where x1 < 0, every row
    want = np.where(v >= 0, 1, 0)
    got = np.all(img == BLUE, axis=2).astype(int)
    assert np.all(got == want[None, :])
    assert np.all(np.all(img[:, v < 0] == ORANGE, axis=2))
    at.slider(key="neuron_b").set_value(3.0).run()  # fires where x1 >= -3
    img = plane_image(at, chart_data)
    assert np.all(np.all(img == BLUE, axis=2) == (v >= -3)[None, :])
    at.slider(key="neuron_w2").set_value(1.0).run()  # fires where x1 + x2 + 3 >= 0
    img = plane_image(at, chart_data)
    x2 = v[::-1]  # image rows run from the top (largest x2) down
    want = (v[None, :] + x2[:, None] + 3 >= 0)
    blue = np.all(img == BLUE, axis=2)
    # pixels whose centre lies on the line may round either way
    near = np.abs(v[None, :] + x2[:, None] + 3) < 1e-9
    assert np.all((blue == want) | near)


def test_decision_line_and_arrow(neuron, chart_data):
    at = neuron(w1="0", w2="2", b="-2")  # the line x2 = 1, w points up
    d = chart_data(at, "neuron-plane")
    # the browser draws the line and the arrow from w and b (their Vega expressions are
    # checked against line_segment and arrow in tests/e2e/test_e2e_follow.py)
    wb = d["neuron-plane-w"]
    assert list(wb["s"]) == [-1, 1]
    assert {(r.w1, r.w2, r.b) for r in wb.itertuples()} == {(0.0, 2.0, -2.0)}
    run = run_of(at)
    (x0, y0), (x1, y1) = view.line_segment(run.W, run.b)
    assert sorted((x0, x1)) == pytest.approx([-6, 6]) and (y0, y1) == pytest.approx((1, 1))
    (fx, fy), (tx, ty), angle = view.arrow(run.W, run.b)
    assert (fx, fy, tx, ty) == pytest.approx((0.0, 1.0, 0.0, 2.5))
    assert angle == pytest.approx(0.0)  # straight up
    chosen = d["neuron-plane-x"].iloc[0]
    assert (chosen.x1, chosen.x2, chosen.z) == (1.0, 2.0, 2.0)  # z = 2 * 2 - 2


# ---------------------------------------------------------------- training


def test_step_moves_w_and_b_by_minus_alpha_times_the_gradient(neuron, no_exception):
    at = neuron(lr="0.3")
    run = run_of(at)
    W, b = run.W, run.b
    X, y = P.make("linear", noise=0.0, seed=0)
    np.testing.assert_array_equal(run.X, X)
    dW, db = torch_grads(X, y, W, b)
    click(at, "neuron_step")
    no_exception(at)
    run = run_of(at)
    np.testing.assert_allclose(run.W - W, -0.3 * dW, rtol=0, atol=1e-13)
    assert run.b - b == pytest.approx(-0.3 * db, abs=1e-13)
    assert metric(at, "Step") == "1"
    text = latex_text(at)
    assert "W &:= W - \\alpha\\, dW" in text
    assert f"{dW[0]:.4f} & {dW[1]:.4f}" in text  # dW shown with the numbers
    assert f"{run.W[0]:.4f} & {run.W[1]:.4f}" in text  # and the new W
    # the sliders follow the trained neuron (to their 0.01 grid)
    assert at.slider(key="neuron_w1").value == round(run.W[0], 2)
    assert at.slider(key="neuron_b").value == round(run.b, 2)


def test_the_loss_curve_grows_with_each_step(neuron, chart_data):
    at = neuron()
    sizes = []
    for _ in range(3):
        click(at, "neuron_step")
        loss = chart_data(at, "neuron-loss")["neuron-loss-data"]
        sizes.append(len(loss))
        np.testing.assert_allclose(loss["value"], run_of(at).history["loss"])
    assert sizes == [2, 3, 4]
    assert list(loss["value"]) == sorted(loss["value"], reverse=True)  # falling


def test_200_steps_separate_the_linear_set(neuron):
    at = neuron()
    click(at, "neuron_step100", times=2)
    run = run_of(at)
    assert run.steps == 200
    X, y = P.make("linear", noise=0.0, seed=0)
    acc = np.mean((X @ run.W + run.b >= 0) == y)
    assert acc >= 0.95
    assert metric(at, "Accuracy") == f"{100 * acc:.1f}%"


def test_perceptron_rule_stops_once_every_point_is_right(neuron, no_exception):
    at = neuron(rule="perceptron", seed="2", lr="0.1")
    run = run_of(at)
    X, y = P.make("linear", noise=0.0, seed=2)
    W, b = run.W, run.b
    # an independent loop of Rosenblatt's rule from the same start
    w_hand, b_hand, epochs = W.copy(), b, 0
    while True:
        epochs += 1
        mistakes = 0
        for x, t in zip(X, y, strict=True):
            y_hat = int(w_hand @ x + b_hand >= 0)
            if y_hat != t:
                w_hand, b_hand = w_hand + 0.1 * (t - y_hat) * x, b_hand + 0.1 * (t - y_hat)
                mistakes += 1
        if mistakes == 0:
            break
    assert 2 <= epochs < 50
    history = []
    for _ in range(epochs):
        click(at, "neuron_step")
        history.append((run_of(at).W, run_of(at).b))
    no_exception(at)
    np.testing.assert_allclose(history[-1][0], w_hand, atol=1e-12)
    assert history[-1][1] == pytest.approx(b_hand, abs=1e-12)
    np.testing.assert_array_equal(history[-1][0], history[-2][0])  # the last pass: no change
    assert np.all((X @ w_hand + b_hand >= 0) == y)
    assert any("converged" in s.value for s in at.success)
    assert at.button(key="neuron_step").disabled and at.button(key="neuron_step100").disabled
    assert at.selectbox(key="neuron_act").value == "step"  # the rule trains a step neuron


def test_perceptron_fast_forward_stops_at_convergence(neuron):
    at = neuron(rule="perceptron", seed="1")
    click(at, "neuron_step100")
    run = run_of(at)
    assert run.converged and run.steps < 100
    assert run.history["acc"][-1] == 1.0


def test_diverging_learning_rate_stops_with_a_message(neuron, chart_data, no_exception):
    at = neuron(dataset="xor", lr="10")
    W, b = run_of(at).W, run_of(at).b
    click(at, "neuron_step")
    no_exception(at)
    assert len(at.error) == 1 and "Training stopped" in at.error[0].value
    run = run_of(at)
    np.testing.assert_array_equal(run.W, W)
    assert run.b == b and run.steps == 0
    assert at.button(key="neuron_step").disabled
    for chart in ("neuron-loss", "neuron-acc"):
        values = chart_data(at, chart)[f"{chart}-data"]["value"]
        assert np.all(np.isfinite(values))
    assert "nan" not in latex_text(at).lower() and "inf" not in latex_text(at).lower()
    at.select_slider(key="neuron_lr").set_value(0.1).run()  # a smaller rate goes on
    assert not at.error and not at.button(key="neuron_step").disabled
    click(at, "neuron_step")
    assert run_of(at).steps == 1


def test_xor_says_one_neuron_cannot_and_links_to_the_mlp(neuron):
    at = neuron(lang="zh", dataset="xor", seed="7", noise="10")
    assert any("XOR" in w.value for w in at.warning)
    links = [e for e in at.get("page_link") if "dataset=" in e.proto.query_string]
    assert len(links) == 1
    assert links[0].proto.page == "MLP"
    assert links[0].proto.query_string == "dataset=xor&noise=10&seed=7&lang=zh"
    at = neuron(dataset="linear")
    assert not at.warning and not [e for e in at.get("page_link")
                                   if "dataset=" in e.proto.query_string]


def test_switching_rule_restarts_and_keeps_the_other_curve(neuron, chart_data):
    at = neuron()
    click(at, "neuron_step", times=3)
    start = run_of(at).W0
    at.radio(key="neuron_rule").set_value("perceptron").run()
    run = run_of(at)
    assert run.steps == 0 and run.W0 == start
    np.testing.assert_array_equal(run.W, start)
    click(at, "neuron_step")
    data = chart_data(at, "neuron-acc")["neuron-acc-data"]
    assert data.groupby("series").size().to_dict() == {
        "gradient descent (cross-entropy)": 4, "perceptron (share misclassified)": 2,
    }


def play(at):
    """Click Play or Pause: the whole page reruns (the frames' timer starts or stops);
    playing, that run is a frame."""
    return at.button(key="neuron_play").click().run()


def test_play_trains_a_frame_and_locks_the_sliders(neuron):
    at = neuron()
    play(at)
    assert run_of(at).steps == 5  # one frame of "steps per frame" = 5
    assert at.slider(key="neuron_w1").disabled and at.button(key="neuron_step").disabled
    assert at.button(key="neuron_play").label == "Pause"
    play(at)
    assert run_of(at).steps == 5 and at.button(key="neuron_play").label == "Play"
    assert not at.slider(key="neuron_w1").disabled


def test_the_point_g_and_speed_leave_the_run_and_its_curves_as_they_were(neuron, chart_data):
    """x1, x2, g (the plane's inner fragment) and the speed (its own fragment) change only
    their own output: the run (steps, W, b, history), the curves and the numbers stay."""
    at = click(neuron(), "neuron_step", 3)

    def rest(at):
        run = run_of(at)
        curves = {m: chart_data(at, f"neuron-{m}")[f"neuron-{m}-data"] for m in ("loss", "acc")}
        return (run.steps, tuple(run.W), run.b, {k: list(v) for k, v in run.history.items()},
                [(m.label, m.value) for m in at.metric], curves)

    def same(a, b):
        assert a[:5] == b[:5]
        for m in ("loss", "acc"):
            assert a[5][m].equals(b[5][m])

    before = rest(at)
    image = chart_data(at, "neuron-plane")["neuron-plane-image"]
    formulas = latex_text(at)
    at.slider(key="neuron_x1").set_value(-3.0).run()
    same(rest(at), before)
    assert before[0] == 3
    plane = chart_data(at, "neuron-plane")
    assert plane["neuron-plane-image"].equals(image)  # the picture is the same (cached)
    assert plane["neuron-plane-x"]["x1"][0] == -3.0
    assert latex_text(at) != formulas and "(-3.00)" in latex_text(at)
    assert url(at)["x1"] == "-3"
    at.selectbox(key="neuron_act").set_value("tanh").run()
    same(rest(at), before)
    assert not chart_data(at, "neuron-plane")["neuron-plane-image"].equals(image)
    assert "\\tanh" in latex_text(at) and url(at)["act"] == "tanh"
    at.selectbox(key="neuron_speed").set_value(20).run()
    same(rest(at), before)
    assert url(at)["speed"] == "20"
    at.select_slider(key="neuron_lr").set_value(1.0).run()  # from the next step on
    same(rest(at), before)
    assert run_of(at).lr == 1.0 and url(at)["lr"] == "1"


def test_a_weight_moved_restarts_the_run_and_unlocks_step(neuron):
    """A weight restarts the run (its fragment: the pictures and numbers); the Step buttons
    outside it unlock after a diverged run (the page follows)."""
    at = neuron(lr="100", dataset="xor")
    click(at, "neuron_step100")
    if run_of(at).diverged is None:
        pytest.skip("this start does not diverge")
    assert at.button(key="neuron_step").disabled
    at.slider(key="neuron_w1").set_value(0.5).run()
    assert run_of(at).steps == 0 and not run_of(at).diverged
    assert metric(at, "Step") == "0" and not at.error  # the divergence message went
    assert not at.button(key="neuron_step").disabled
    assert at.session_state["neuron_stuck_shown"] is False
    assert url(at)["w1"] == "0.5"


def test_new_data_restarts_the_run_and_keeps_the_settings(neuron, chart_data):
    """Noise draws new data and restarts the run from its start; the rule, the learning
    rate and the weights' start stay; the sliders move back to the start."""
    at = neuron(lr="0.3")
    at.radio(key="neuron_rule").set_value("perceptron").run()
    click(at, "neuron_step", 2)
    W, lr = run_of(at).W, run_of(at).lr
    at.slider(key="neuron_noise").set_value(20).run()
    X, y = P.make("linear", noise=0.2, seed=0)
    points = chart_data(at, "neuron-plane")["neuron-plane-points"]
    np.testing.assert_allclose(points[["x1", "x2"]], np.round(X, 3))
    run = run_of(at)
    assert run.steps == 0 and run.lr == lr and run.rule == "perceptron"
    np.testing.assert_array_equal(run.W, run.W0)
    assert not np.array_equal(run.W, W)
    assert at.slider(key="neuron_w1").value == run.W0[0]
    assert at.radio(key="neuron_rule").value == "perceptron"
    assert at.select_slider(key="neuron_lr").value == lr
    assert url(at)["noise"] == "20"
    # the curves start again on the new data (the other rule's too: it ran on the old)
    series = chart_data(at, "neuron-acc")["neuron-acc-data"]["series"]
    assert list(series) == ["perceptron (share misclassified)"]


def test_stale_slider_values_from_the_browser_do_not_reset_the_neuron(neuron):
    at = neuron()
    keys = ("neuron_w1", "neuron_w2", "neuron_b")
    start = [at.slider(key=k).value for k in keys]
    click(at, "neuron_step100")
    W = run_of(at).W
    # a request sent before the browser saw the trained values carries the old ones
    for k, v in zip(keys, start, strict=True):
        at.slider(key=k).set_value(v)
    at.run()
    np.testing.assert_array_equal(run_of(at).W, W)
    assert run_of(at).steps == 100
    at.slider(key="neuron_w1").set_value(2.5).run()  # a real move sets a new start
    assert run_of(at).steps == 0 and run_of(at).W0[0] == 2.5


def test_a_weight_moved_back_to_a_value_shown_before_counts(neuron):
    """The page's own values are ignored only until the user moves a weight: an arrow key
    right and then left brings the neuron back to where it was."""
    at = neuron()
    w1 = at.slider(key="neuron_w1").value
    at.slider(key="neuron_w1").set_value(w1 + 0.01).run()
    assert run_of(at).W0[0] == pytest.approx(w1 + 0.01)
    at.slider(key="neuron_w1").set_value(w1).run()
    assert run_of(at).W0[0] == w1 and at.slider(key="neuron_w1").value == w1


def test_reset_returns_to_the_start(neuron):
    at = neuron(seed="4")
    W0, b0 = P.start_params(4)
    np.testing.assert_array_equal(run_of(at).W, W0)
    click(at, "neuron_step100")
    assert run_of(at).steps == 100
    click(at, "neuron_reset")
    run = run_of(at)
    np.testing.assert_array_equal(run.W, W0)
    assert run.b == b0 and run.steps == 0
    assert at.slider(key="neuron_w1").value == W0[0]


def test_language_switch_keeps_the_neuron_and_its_run(neuron):
    at = neuron(seed="6", w1="1.5")
    click(at, "neuron_step", times=3)
    W = run_of(at).W
    at.segmented_control(key="frame_lang_switch").set_value("zh").run()  # the whole page
    assert "单个神经元" in at.title[0].value and url(at)["lang"] == "zh"
    np.testing.assert_array_equal(run_of(at).W, W)
    assert run_of(at).steps == 3 and metric(at, "步数") == "3"
    assert url(at)["w1"] == "1.5" and url(at)["seed"] == "6"


# ---------------------------------------------------------------- the URL


def test_a_shared_link_reproduces_the_run(neuron):
    params = {"dataset": "gauss", "noise": "20", "seed": "3", "w1": "1.25", "w2": "-0.5",
              "b": "0.75", "lr": "0.3", "rule": "gd", "act": "sigmoid"}
    at = neuron(**params)
    assert run_of(at).W0 == (1.25, -0.5) and run_of(at).b0 == 0.75
    click(at, "neuron_step", times=4)
    shared = url(at)
    assert {k: shared[k] for k in params} == params  # the start stays in the link
    other = neuron(**{k: v for k, v in shared.items() if k != "lang"})
    click(other, "neuron_step", times=4)
    np.testing.assert_array_equal(run_of(other).W, run_of(at).W)
    assert run_of(other).b == run_of(at).b


def test_seed_draws_new_data_and_a_new_start(neuron):
    at = neuron()
    at.number_input(key="neuron_seed").set_value(5).run()
    run = run_of(at)
    np.testing.assert_array_equal(run.X, P.make("linear", seed=5)[0])
    np.testing.assert_array_equal(run.W, P.start_params(5)[0])
    assert url(at)["seed"] == "5"


def test_junk_url_values_fall_back_with_a_notice(neuron):
    at = neuron(dataset="spiral", noise="abc", seed="-3", w1="zz", b="1e9", lr="nan",
                act="nope", rule="hebb", x1="99")
    assert len(at.warning) == 1
    notice = at.warning[0].value
    for name in ("dataset", "noise", "seed", "w1", "b", "lr", "act", "rule", "x1"):
        assert f"` {name}=" in notice
    run = run_of(at)
    W0, b0 = P.start_params(0)
    assert run.W0 == tuple(W0) and run.b0 == b0 and run.rule == "gd" and run.lr == 0.1
    assert at.selectbox(key="neuron_dataset").value == "linear"
    assert at.selectbox(key="neuron_act").value == "sigmoid"


@pytest.mark.filterwarnings("error::RuntimeWarning")  # a warning in the run: an exception
def test_a_subnormal_weight_in_the_link_opens_the_page(neuron):
    # ?w1=1e-320 overflowed the line's clipping (a RuntimeWarning): now the line of w1 = 0
    at = neuron(w1="1e-320", w2="0.5", b="0.3")
    assert run_of(at).W0 == (1e-320, 0.5) and not at.warning


# ---------------------------------------------------------------- ui.neuron.view, ui.numbers


def test_number_formatting():
    from ui.neuron.view import term
    from ui.numbers import latex

    assert latex(0.7) == "0.7000" and latex(-1.23456) == "-1.2346"
    assert latex(-0.0) == "0.0000" and latex(-1e-9, 2) == r"-1.0 \times 10^{-9}"
    assert latex(4e-5) == r"4.000 \times 10^{-5}"  # would round to 0.0000
    assert latex(123456.0) == r"1.235 \times 10^{5}"
    assert term(-0.5, 2) == "(-0.50)" and term(0.5, 2) == "0.50"


def test_formulas_stacked_in_one_latex_text():
    from ui.numbers import stack

    assert stack(["z = 1"]) == "z = 1"  # one formula: as it is
    text = stack(["z = 1", "a = 2", "b = 3"])
    assert text.startswith(r"\begin{gathered}") and text.endswith(r"\end{gathered}")
    body = text.removeprefix(r"\begin{gathered}").removesuffix(r"\end{gathered}")
    assert [part.strip() for part in body.split(r"\\[6pt]")] == ["z = 1", "a = 2", "b = 3"]
    assert r"\\[0pt]" in stack(["x", "y"], gap="0pt")


@pytest.mark.parametrize(
    ("W", "b"), [((0.0, 2.0), -2.0), ((1.0, 1.0), 0.0), ((0.3, -1.7), 2.5), ((-2.0, 0.5), 11.0)]
)
def test_line_segment_lies_on_the_line_and_the_square(W, b):
    from ui.neuron.view import line_segment

    seg = line_segment(W, b)
    assert seg is not None
    for p in seg:
        assert W[0] * p[0] + W[1] * p[1] + b == pytest.approx(0, abs=1e-9)
        assert max(abs(p[0]), abs(p[1])) == pytest.approx(6.0)  # on the square's edge
    assert seg[0] != seg[1]


def test_line_outside_the_square_or_no_line():
    from ui.neuron.view import arrow, line_segment

    assert line_segment((1.0, 0.0), -10.0) is None  # x1 = 10
    assert line_segment((0.0, 0.0), 1.0) is None  # w = 0: no line at all
    assert arrow((0.0, 0.0), 1.0) is None


@pytest.mark.parametrize(("W", "heading"), [((1, 0), 90), ((0, -1), 180), ((-1, -1), -135)])
def test_arrow_points_along_w(W, heading):
    from ui.neuron.view import ARROW_LEN, arrow

    foot, tip, angle = arrow(W, 0.0)
    assert foot == pytest.approx((0.0, 0.0))
    u = np.array(W) / np.linalg.norm(W)
    assert tip == pytest.approx(tuple(ARROW_LEN * u))
    assert angle == pytest.approx(heading)


def test_colour_values():
    from ui.neuron.view import colour_values

    S, ends = colour_values(np.array([[0.0, 0.5, 1.0]]), "sigmoid")
    np.testing.assert_allclose(S, [[-1.0, 0.0, 1.0]])
    assert ends == (0.0, 1.0)
    S, ends = colour_values(np.array([[0.0, 2.0, 4.0]]), "relu")  # unbounded: by max |a|
    np.testing.assert_allclose(S, [[0.0, 0.5, 1.0]])
    assert ends == (-4.0, 4.0)


def test_chart_specs_are_valid_vega_lite():
    view.plane_spec.chart().to_dict(validate=True)
    view.curve_spec.chart("c", "t", "y", (("gd", "a"), ("perceptron", "b"))).to_dict(
        validate=True
    )


# ---------------------------------------------------------------- the loss landscape


def path_of(at) -> np.ndarray:
    return np.asarray(at.session_state["neuron_path"])


def click_landscape(at, w1: float, w2: float):
    """What the browser sends for a click on a landscape cell: the chart's selection
    ``start`` as its widget value (AppTest has no chart widgets, so it is added here)."""
    import json

    from tests.conftest import charts_by_id

    states = at._tree.get_widget_states()
    ws = states.widgets.add()
    ws.id = charts_by_id(at)["neuron-land"].proto.id
    ws.string_value = json.dumps({"selection": {"start": [{"w1": w1, "w2": w2}]}})
    return at._run(states)


def test_the_landscape_is_off_unless_asked_for(neuron, chart_spec):
    at = neuron()
    assert "neuron-land" not in {c for c in _chart_ids(at)} and "land" not in url(at)
    show = next(b for b in at.button if b.label == "Show the loss landscape")
    show.click().run()
    assert {"neuron-land", "neuron-bias"} <= _chart_ids(at) and url(at)["land"] == "1"
    next(b for b in at.button if b.label == "Hide the loss landscape").click().run()
    assert "neuron-land" not in _chart_ids(at) and "land" not in url(at)


def _chart_ids(at) -> set[str]:
    from tests.conftest import charts_by_id

    return set(charts_by_id(at))


def test_step_extends_the_path_by_the_neurons_new_weights(neuron, chart_data):
    at = neuron(land="1")
    run = run_of(at)
    np.testing.assert_array_equal(path_of(at), [[*run.W, run.b]])
    for k in range(1, 4):
        click(at, "neuron_step")
        run = run_of(at)
        p = path_of(at)
        assert len(p) == k + 1
        np.testing.assert_array_equal(p[-1], [*run.W, run.b])
    drawn = chart_data(at, "neuron-land")["neuron-land-path"]
    np.testing.assert_allclose(drawn[["w1", "w2"]], path_of(at)[:, :2], atol=1e-4)
    now = chart_data(at, "neuron-land")["neuron-land-now"].iloc[0]
    assert now.loss == pytest.approx(run.history["loss"][-1], rel=1e-12)
    click(at, "neuron_reset")
    assert len(path_of(at)) == 1


def test_play_extends_the_path_a_frame_at_a_time(neuron):
    at = neuron(land="1")
    play(at)
    assert len(path_of(at)) == 6 and run_of(at).steps == 5
    np.testing.assert_array_equal(path_of(at)[-1], [*run_of(at).W, run_of(at).b])


def test_a_click_on_the_landscape_sets_the_start(neuron, no_exception):
    at = click(neuron(land="1"), "neuron_step", 2)
    b = run_of(at).b
    click_landscape(at, 1.2, -0.8)
    no_exception(at)
    run = run_of(at)
    assert run.W0 == (1.2, -0.8) and run.steps == 0 and run.b0 == round(b, 2)
    assert at.slider(key="neuron_w1").value == 1.2 and url(at)["w2"] == "-0.8"
    np.testing.assert_array_equal(path_of(at), [[1.2, -0.8, run.b]])
    click_landscape(at, 1.2, -0.8)  # the same cell again, on the new chart: still a start
    assert run_of(at).W0 == (1.2, -0.8) and at.session_state["neuron_land_clicks"] == 2


@pytest.mark.parametrize(("params", "act", "loss"), [
    ({}, "sigmoid", "bce"), ({"act": "tanh"}, "tanh", "mse"),
    ({"rule": "perceptron"}, "step", "error")])
def test_landscape_cells_are_the_neurons_loss(neuron, chart_data, params, act, loss):
    from nncore import landscape as LS  # noqa: N812

    at = neuron(land="1", dataset="gauss", noise="20", seed="3", b="0.33", **params)
    cells = chart_data(at, "neuron-land")["neuron-land-cells"]
    X, y = P.make("gauss", noise=0.2, seed=3)
    assert len(cells) == 31 * 31
    for k in (0, 17, 480, 960):
        c = cells.iloc[k]
        ref = LS.neuron_loss(X, y, (c.w1, c.w2), 0.35, act, loss)  # b drawn to 0.05
        assert c.loss == pytest.approx(ref, rel=1e-9, abs=1e-12)
    if loss == "bce":  # and against the neuron's own loss
        c = cells.iloc[480]
        assert c.loss == pytest.approx(P.neuron((c.w1, c.w2), 0.35).loss(X, y), rel=1e-9)
    curve = chart_data(at, "neuron-bias")
    now = curve["neuron-bias-now"].iloc[0]
    run = run_of(at)
    assert now.loss == pytest.approx(LS.neuron_loss(X, y, run.W, run.b, act, loss))


def test_switching_the_activation_changes_the_surface(neuron, chart_data):
    at = neuron(land="1")
    before = chart_data(at, "neuron-land")["neuron-land-cells"]["loss"]
    at.selectbox(key="neuron_act").set_value("tanh").run()
    after = chart_data(at, "neuron-land")["neuron-land-cells"]["loss"]
    assert not np.allclose(before, after)
    assert "mean squared error" in " ".join(c.value for c in at.caption)


def test_overshoot_is_named_at_a_large_learning_rate_only(neuron):
    from ui.i18n.neuron import STRINGS

    at = click(neuron(land="1", dataset="xor", lr="1"), "neuron_step", 6)
    assert any("The steps overshoot" in w.value for w in at.warning)
    at = click(neuron(land="1", dataset="xor", lr="0.1"), "neuron_step", 6)
    assert not any("overshoot" in w.value for w in at.warning)
    assert STRINGS["neuron.land.overshoot"]["zh"].startswith("步子迈得太大")


def test_landscape_specs_are_valid_vega_lite():
    from ui.neuron import landscape

    landscape.land_spec.chart(3.0).to_dict(validate=True)
    landscape.bias_spec.chart().to_dict(validate=True)
