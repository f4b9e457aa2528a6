"""nncore.landscape: every cell is the neuron's own loss; the path; the overshoot detector."""

import numpy as np
import pytest

from nncore import activations, losses
from nncore import landscape as LS  # noqa: N812
from nncore import perceptron as P  # noqa: N812


@pytest.fixture(scope="module")
def data():
    return P.make("linear", 200, 0.3, seed=2)


def _own_loss(X, y, W, b, act, loss):
    """The loss as perceptron.py computes it (its neuron, its accuracy, its point_output)."""
    net = P.neuron(W, b)
    if loss == "error":
        return 1.0 - P.accuracy(net, X, y)
    if act == "sigmoid":
        return net.loss(X, y) if loss == "bce" else net.loss(X, y, "mse")
    A = np.array([[P.point_output(W, b, x, act)[1]] for x in X])
    return losses.get("mse").value(A, y)


@pytest.mark.parametrize(("act", "loss"), [("sigmoid", "bce"), ("sigmoid", "mse"),
                                           ("tanh", "mse"), ("relu", "mse"), ("step", "error"),
                                           ("sigmoid", "error")])
def test_grid_cells_equal_the_neurons_own_loss(data, act, loss):
    X, y = data
    w1s, w2s, L = LS.weight_grid(X, y, 0.7, act, loss, (-5, 3), (-2, 6), n=60)
    assert w1s.shape == w2s.shape == (60,) and L.shape == (60, 60)
    assert (w1s[0], w1s[-1], w2s[0], w2s[-1]) == (-5, 3, -2, 6)
    rng = np.random.default_rng(0)
    for i, j in rng.integers(0, 60, (25, 2)):
        ref = _own_loss(X, y, (w1s[j], w2s[i]), 0.7, act, loss)
        assert L[i, j] == pytest.approx(ref, rel=1e-12, abs=1e-15)


def test_tiny_cross_entropy_cells_stay_exact():
    X, y = P.make("linear", 200, 0.0, seed=1)  # separable: far out the loss is ~1e-8
    run = P.NeuronRun(X, y, (0.1, 0.1), 0.0, "perceptron", 1.0)
    run.step(200)  # a separating line, found by the perceptron rule
    assert run.converged
    u, c = run.W, run.b
    W = np.outer(np.linspace(1, 40, 30), u / np.linalg.norm(u))
    b = np.linspace(1, 40, 30) * c / np.linalg.norm(u)
    L = LS.losses_at(X, y, W, b)
    assert L.min() < 1e-6  # the term-by-term path was taken
    for k in range(0, 30, 3):
        assert L[k] == pytest.approx(P.neuron(W[k], b[k]).loss(X, y), rel=1e-12, abs=0)


def test_large_grids_are_chunked_and_equal(data, monkeypatch):
    X, y = data
    _, _, L = LS.weight_grid(X, y, -0.4, n=40)
    monkeypatch.setattr(LS, "CHUNK", 999)  # a few cells per chunk
    _, _, L_small = LS.weight_grid(X, y, -0.4, n=40)
    np.testing.assert_allclose(L_small, L, rtol=1e-13)


def test_grid_cells_equal_pytorch(data):
    torch = pytest.importorskip("torch")
    X, y = data
    w1s, w2s, L_bce = LS.weight_grid(X, y, 0.2, "sigmoid", "bce", n=30)
    _, _, L_mse = LS.weight_grid(X, y, 0.2, "tanh", "mse", n=30)
    Xt, yt = torch.tensor(X), torch.tensor(y, dtype=torch.float64)
    for i, j in [(0, 0), (3, 17), (29, 29), (15, 4)]:
        z = Xt @ torch.tensor([w1s[j], w2s[i]]) + 0.2
        bce = torch.nn.functional.binary_cross_entropy_with_logits(z, yt).item()
        mse = torch.nn.functional.mse_loss(torch.tanh(z), yt).item()
        assert L_bce[i, j] == pytest.approx(bce, rel=1e-12)
        assert L_mse[i, j] == pytest.approx(mse, rel=1e-12)


def test_bias_curve(data):
    X, y = data
    bs, L = LS.bias_curve(X, y, (1.5, -0.5), "sigmoid", "mse", (-3, 3), n=25)
    assert bs.shape == L.shape == (25,)
    for k in (0, 7, 24):
        assert L[k] == pytest.approx(_own_loss(X, y, (1.5, -0.5), bs[k], "sigmoid", "mse"),
                                     rel=1e-12)


@pytest.mark.parametrize("rule", ["gd", "perceptron"])
def test_step_along_is_the_runs_path(data, rule):
    X, y = data
    run = P.NeuronRun(X, y, (0.5, -0.5), 0.0, rule, 0.3)
    path = [LS.point(run)]
    for k in (1, 4, 2):
        new = LS.step_along(run, k)
        assert new.shape[1] == 3 and len(new) <= k
        path.extend(new)
        np.testing.assert_array_equal(path[-1], [*run.W, run.b])
    assert len(path) == run.steps + 1
    losses_on_path = LS.losses_at(X, y, np.array(path)[:, :2], np.array(path)[:, 2],
                                  "sigmoid", "bce" if rule == "gd" else "error")
    np.testing.assert_allclose(losses_on_path, run.history["loss"], rtol=1e-12)


def test_zigzag_says_when_the_learning_rate_is_too_large():
    X, y = P.make("linear", 200, 0.5, seed=0)
    verdicts = {}
    for lr in (0.1, 3.0):
        run = P.NeuronRun(X, y, (0.5, -0.5), 0.0, "gd", lr)
        path = np.vstack([LS.point(run), LS.step_along(run, 40)])
        verdicts[lr] = LS.zigzag(path, run.history["loss"], window=40)
    assert not verdicts[0.1].overshoots and verdicts[0.1].flips == verdicts[0.1].rises == 0
    assert verdicts[3.0].overshoots and verdicts[3.0].flips > 20 and verdicts[3.0].rises > 5


def test_zigzag_on_a_narrow_bowl_and_at_rest():
    def descend(lr, k=30):  # gradient descent on 0.5 (x^2 + 100 y^2)
        p = [np.array([-8.0, 1.0])]
        for _ in range(k):
            p.append(p[-1] - lr * p[-1] * [1.0, 100.0])
        return np.array(p)
    assert LS.zigzag(descend(0.019)).overshoots  # converges, but across the valley
    assert not LS.zigzag(descend(0.005)).overshoots
    assert not LS.zigzag(np.ones((5, 2))).overshoots and LS.zigzag(np.ones((1, 2))).steps == 0


@pytest.mark.parametrize(("act", "loss", "words"), [("tanh", "bce", "sigmoid"),
                                                    ("sigmoid", "hinge", "unknown loss"),
                                                    ("nope", "mse", "nope")])
def test_bad_arguments(data, act, loss, words):
    with pytest.raises(ValueError, match=words):
        LS.weight_grid(*data, 0.0, act, loss, n=5)


def test_every_activation_makes_a_finite_mse_grid(data):
    for act in activations.names():
        _, _, L = LS.weight_grid(*data, 0.5, act, "mse", (-30, 30), (-30, 30), n=12)
        assert np.all(np.isfinite(L)), act
