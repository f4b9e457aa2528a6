"""nncore.perceptron: data, the gradient-descent step against torch autograd and finite
differences, the perceptron rule against a hand-worked example, and whole training runs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nncore import MLP, data
from nncore import perceptron as P  # noqa: N812 (short, used everywhere)

LIN_SEEDS = range(5)


def hand_perceptron(X, y, w, b, eta, max_epochs=1000):
    """Rosenblatt's rule written out independently: epochs until a pass with no mistake."""
    w = np.array(w, dtype=float)
    for epoch in range(1, max_epochs + 1):
        mistakes = 0
        for x, t in zip(X, y, strict=True):
            y_hat = 1 if w @ x + b >= 0 else 0
            if y_hat != t:
                w, b, mistakes = w + eta * (t - y_hat) * x, b + eta * (t - y_hat), mistakes + 1
        if mistakes == 0:
            return epoch, w, b
    return None, w, b


def bce(W, b, X, y):
    """Mean cross-entropy of a sigmoid neuron, written from the formula."""
    z = X @ W + b
    a = 1 / (1 + np.exp(-z))
    return float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)))


# ---------------------------------------------------------------- data


@pytest.mark.parametrize("seed", LIN_SEEDS)
def test_linear_is_separable_without_noise(seed):
    X, y = P.make("linear", n=200, noise=0.0, seed=seed)
    assert X.shape == (200, 2) and y.shape == (200,) and set(np.unique(y)) == {0, 1}
    assert np.all(np.abs(X) <= 6.0)
    # the perceptron convergence theorem: the rule stops iff a separating line exists
    epochs, _, _ = hand_perceptron(X, y, [0.0, 0.0], 0.0, 1.0)
    assert epochs is not None


def test_linear_noise_flips_labels_and_keeps_points():
    X0, y0 = P.make("linear", noise=0.0, seed=3)
    X1, y1 = P.make("linear", noise=0.3, seed=3)
    np.testing.assert_array_equal(X0, X1)
    assert 0 < np.sum(y0 != y1) < len(y0) / 2


def test_make_is_deterministic_and_seeded():
    for name in P.DATASETS:
        Xa, ya = P.make(name, seed=7)
        Xb, yb = P.make(name, seed=7)
        np.testing.assert_array_equal(Xa, Xb)
        np.testing.assert_array_equal(ya, yb)
        assert not np.array_equal(Xa, P.make(name, seed=8)[0])


def test_other_datasets_come_from_nncore_data():
    X, y = P.make("xor", n=50, noise=0.1, seed=2)
    Xd, yd = data.make("xor", n=50, noise=0.1, seed=2)
    np.testing.assert_array_equal(X, Xd)
    np.testing.assert_array_equal(y, yd)


@pytest.mark.parametrize("args", [("spiral",), ("moons",)])
def test_unknown_dataset_is_refused(args):
    with pytest.raises(ValueError, match="unknown dataset"):
        P.make(*args)


def test_bad_linear_arguments():
    with pytest.raises(ValueError, match="n must be"):
        P.make_linear(0)
    with pytest.raises(ValueError, match="noise"):
        P.make_linear(10, noise=2.0)


# ---------------------------------------------------------------- the neuron


def test_start_params_are_the_seeded_mlp_rounded():
    for seed in (0, 1, 42):
        W, b = P.start_params(seed)
        net = MLP([2, 1], output="sigmoid", seed=seed)
        np.testing.assert_array_equal(W, np.round(net.W[0][0], 2))
        assert b == 0.0
        assert np.all(np.abs(W) <= math.sqrt(2) + 1e-12)


def test_point_output_by_hand():
    z, a = P.point_output((1.5, -0.5), 0.2, (1.0, 2.0), "sigmoid")
    assert z == pytest.approx(0.7, abs=1e-15)
    assert a == pytest.approx(1 / (1 + math.exp(-0.7)), abs=1e-15)
    assert P.point_output((1.5, -0.5), 0.2, (1.0, 2.0), "relu")[1] == pytest.approx(0.7)
    assert P.point_output((1.0, 1.0), -3.0, (1.0, 1.0), "step") == (-1.0, 0.0)
    assert P.point_output((1.0, 1.0), -2.0, (1.0, 1.0), "step") == (0.0, 1.0)  # z >= 0 fires


def test_output_grid_orientation():
    V = P.output_grid((1.0, 0.0), -3.0, "step", n=13)  # fires where x1 >= 3
    v = np.linspace(-6, 6, 13)
    np.testing.assert_array_equal(V, np.tile((v >= 3).astype(float), (13, 1)))
    V = P.output_grid((0.0, 2.0), 0.0, "tanh", n=5)  # rows go up in x2
    np.testing.assert_allclose(V[:, 0], np.tanh(2 * np.linspace(-6, 6, 5)))


# ---------------------------------------------------------------- gradient descent


def test_gd_step_equals_torch_autograd():
    torch = pytest.importorskip("torch")
    X, y = P.make("gauss", n=40, noise=0.2, seed=4)
    net = P.neuron((0.3, -1.1), 0.4)
    rec = P.gd_step(net, X, y, lr=0.3)

    Xt = torch.tensor(X, dtype=torch.float64)
    yt = torch.tensor(y, dtype=torch.float64)
    w = torch.tensor([0.3, -1.1], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(0.4, dtype=torch.float64, requires_grad=True)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(Xt @ w + b, yt)
    loss.backward()
    np.testing.assert_allclose(rec.dW, w.grad.numpy(), rtol=0, atol=1e-14)
    assert rec.db == pytest.approx(b.grad.item(), abs=1e-14)
    assert rec.loss == pytest.approx(loss.item(), abs=1e-14)
    np.testing.assert_allclose(rec.W_new, [0.3, -1.1] - 0.3 * w.grad.numpy(), atol=1e-14)
    assert rec.b_new == pytest.approx(0.4 - 0.3 * b.grad.item(), abs=1e-14)
    np.testing.assert_array_equal(net.W[0][0], rec.W_new)
    np.testing.assert_allclose(rec.dZ, rec.A - y, atol=1e-15)  # the tutorial's dz = a - y


def test_gd_step_equals_finite_differences():
    X, y = P.make("linear", n=30, noise=0.2, seed=1)
    W, b, h = np.array([0.7, 0.2]), -0.3, 1e-6
    rec = P.gd_step(P.neuron(W, b), X, y, lr=0.1)
    fd = [(bce(W + h * e, b, X, y) - bce(W - h * e, b, X, y)) / (2 * h) for e in np.eye(2)]
    fd_b = (bce(W, b + h, X, y) - bce(W, b - h, X, y)) / (2 * h)
    np.testing.assert_allclose(rec.dW, fd, atol=1e-8)
    assert rec.db == pytest.approx(fd_b, abs=1e-8)
    assert rec.loss_new == pytest.approx(bce(rec.W_new, rec.b_new, X, y), abs=1e-12)


# ---------------------------------------------------------------- the perceptron rule

HAND_X = np.array([[1.0, 1.0], [-1.0, -1.0], [2.0, -1.0]])
HAND_Y = np.array([1, 0, 0])


def test_perceptron_hand_worked():
    net = P.neuron((0.0, 0.0), 0.0)
    # pass 1: point 1 z = 0 -> 1 (right); point 2 z = 0 -> 1 (wrong): w = (1, 1), b = -1;
    # point 3 z = 2 - 1 - 1 = 0 -> 1 (wrong): w = (1, 1) - (2, -1) = (-1, 2), b = -2
    e1 = P.perceptron_epoch(net, HAND_X, HAND_Y, eta=1.0)
    assert e1.mistakes == 2 and [u.i for u in e1.updates] == [1, 2]
    np.testing.assert_array_equal(e1.W_new, [-1.0, 2.0])
    assert e1.b_new == -2.0
    np.testing.assert_array_equal(e1.updates[0].dW, [1.0, 1.0])
    assert e1.updates[0].db == -1.0 and e1.updates[0].y_hat == 1 and e1.updates[0].y == 0
    # pass 2: point 1 z = -1 -> 0 (wrong): w = (0, 3), b = -1; points 2, 3 z = -4 -> 0 (right)
    e2 = P.perceptron_epoch(net, HAND_X, HAND_Y, eta=1.0)
    assert e2.mistakes == 1
    np.testing.assert_array_equal(e2.W_new, [0.0, 3.0])
    assert e2.b_new == -1.0
    # pass 3: all right, nothing changes
    e3 = P.perceptron_epoch(net, HAND_X, HAND_Y, eta=1.0)
    assert e3.mistakes == 0 and e3.acc_new == 1.0
    np.testing.assert_array_equal(e3.W_new, [0.0, 3.0])


@pytest.mark.parametrize("seed", LIN_SEEDS)
def test_perceptron_run_matches_hand_rule_and_stops(seed):
    X, y = P.make("linear", seed=seed)
    W0, b0 = P.start_params(seed)
    epochs, w_hand, b_hand = hand_perceptron(X, y, W0, b0, 0.1)
    run = P.NeuronRun(X, y, tuple(W0), b0, rule="perceptron", lr=0.1)
    taken = run.step(1000)
    assert run.converged and taken == epochs
    np.testing.assert_allclose(run.W, w_hand, atol=1e-12)
    assert run.b == pytest.approx(b_hand, abs=1e-12)
    assert run.history["acc"][-1] == 1.0 and run.history["loss"][-1] == 0.0
    W, b = run.W, run.b
    assert run.step(10) == 0  # converged: further steps change nothing
    np.testing.assert_array_equal(run.W, W)
    assert run.b == b and run.steps == epochs


# ---------------------------------------------------------------- training runs


@pytest.mark.parametrize("seed", LIN_SEEDS)
def test_gd_200_steps_separate_the_linear_set(seed):
    X, y = P.make("linear", seed=seed)
    run = P.NeuronRun(X, y, tuple(P.start_params(seed)[0]), 0.0, rule="gd", lr=0.1)
    assert run.step(200) == 200
    pred = (X @ run.W + run.b >= 0).astype(int)
    assert np.mean(pred == y) >= 0.95
    assert run.history["acc"][-1] == np.mean(pred == y)
    assert run.history["loss"][-1] < run.history["loss"][0]
    assert run.history["step"] == list(range(201))


def test_history_and_reset():
    X, y = P.make("gauss", seed=0)
    run = P.NeuronRun(X, y, (0.5, 0.5), 1.0, rule="gd", lr=0.1)
    assert run.history["loss"][0] == pytest.approx(bce(np.array([0.5, 0.5]), 1.0, X, y))
    run.step(3)
    assert run.last.rule == "gd" and run.steps == 3
    assert run.history["loss"][-1] == pytest.approx(bce(run.W, run.b, X, y), abs=1e-12)
    run.reset()
    np.testing.assert_array_equal(run.W, [0.5, 0.5])
    assert run.b == 1.0 and run.steps == 0 and run.last is None
    run.set_params((2.0, -1.0), 0.5)
    assert run.W0 == (2.0, -1.0) and run.b0 == 0.5 and run.steps == 0


def test_divergence_stops_and_keeps_the_last_good_neuron():
    X, y = P.make("xor", seed=0)
    W0, b0 = P.start_params(0)
    run = P.NeuronRun(X, y, tuple(W0), b0, rule="gd", lr=10.0)
    assert run.step(5) == 0
    d = run.diverged
    assert d is not None and d.step == 1 and d.lr == 10.0
    # the oracle: the loss one step of lr 10 really reaches, from the formula
    rec = P.gd_step(P.neuron(W0, b0), X, y, lr=10.0)
    assert d.loss_new == pytest.approx(rec.loss_new) and d.loss_new > d.limit
    assert d.limit == pytest.approx(3 * max(bce(W0, b0, X, y), math.log(2)))
    np.testing.assert_array_equal(run.W, W0)  # the neuron stayed where it was
    assert run.b == b0 and run.steps == 0 and np.all(np.isfinite(run.history["loss"]))
    run.lr, run.diverged = 0.1, None  # a smaller rate goes on from there
    assert run.step(5) == 5 and run.diverged is None


def test_a_small_rate_does_not_diverge_on_any_dataset():
    for name in P.DATASETS:
        X, y = P.make(name, seed=1)
        run = P.NeuronRun(X, y, tuple(P.start_params(1)[0]), 0.0, rule="gd", lr=0.1)
        assert run.step(300) == 300 and run.diverged is None


def test_xor_stays_unseparated():
    X, y = P.make("xor", seed=0)
    for rule in P.RULES:
        run = P.NeuronRun(X, y, tuple(P.start_params(0)[0]), 0.0, rule=rule, lr=0.1)
        run.step(300)
        assert max(run.history["acc"]) <= 0.8  # no line does better than ~3 in 4
        assert not run.converged


def test_unknown_rule_is_refused():
    X, y = P.make("linear", n=10)
    with pytest.raises(ValueError, match="unknown rule"):
        P.NeuronRun(X, y, (0.0, 0.0), 0.0, rule="hebb")
