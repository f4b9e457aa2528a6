"""nncore.activation_stats and nncore.torch_ref.compare_activation against hand-worked
numbers, NumPy matrix products and PyTorch (autograd, nn.PReLU, F.rrelu)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nncore import activation_stats as stats
from nncore import activations


@pytest.mark.parametrize(("lo", "hi"), [(-6, 6), (-5, 5), (-1000, 1000), (-3, 8), (-0.5, 0.5)])
def test_z_grid_is_even_round_and_hits_integers(lo, hi):
    z = stats.z_grid(lo, hi)
    assert z[0] == lo and z[-1] == hi and len(z) <= 402
    step = np.diff(z)
    assert np.allclose(step, step[0])
    # every integer the step lands on is exactly on the grid (z = -5 for the tests of g)
    ints = [k for k in range(math.ceil(lo), math.floor(hi) + 1) if (k - lo) / step[0] % 1 == 0]
    assert set(ints) <= set(z.tolist())
    assert 0.0 in z


def test_z_grid_rejects_bad_ranges():
    for lo, hi in [(1, 1), (2, 1), (-math.inf, 1), (0, math.nan)]:
        with pytest.raises(ValueError):
            stats.z_grid(lo, hi)


def test_intervals_finds_runs():
    z = np.arange(8.0)
    mask = np.array([1, 1, 0, 1, 0, 0, 1, 1], dtype=bool)
    assert stats.intervals(z, mask) == [(0.0, 1.0), (3.0, 3.0), (6.0, 7.0)]
    assert stats.intervals(z, np.zeros(8, bool)) == []


def test_sigmoid_saturation_edges_match_the_closed_form():
    # sigma'(z) = tau  <=>  sigma(z) = (1 - sqrt(1 - 4 tau)) / 2 on the left branch.
    tau = 0.05
    s = (1 - math.sqrt(1 - 4 * tau)) / 2
    edge = math.log(s / (1 - s))  # about -2.94
    z = stats.z_grid(-6, 6)
    (left, right) = stats.intervals(z, stats.saturated(activations.get("sigmoid"), z, tau))
    step = z[1] - z[0]
    assert left[0] == -6 and abs(left[1] - edge) <= step
    assert right[1] == 6 and abs(right[0] + edge) <= step


def test_dead_region_of_relu_is_z_le_0():
    z = stats.z_grid(-4, 4)
    assert stats.intervals(z, stats.dead(activations.get("relu"), z)) == [(-4.0, 0.0)]
    assert not stats.dead(activations.get("leaky_relu", alpha=0.01), z).any()
    assert stats.dead(activations.get("leaky_relu", alpha=0.0), z).sum() == (z <= 0).sum()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sigmoid", 0.25),
        ("tanh", 1.0),
        ("relu", 1.0),
        ("step", 0.0),
        ("softsign", 1.0),
        ("selu", 1.0507009873554805 * 1.6732632423543772),  # lambda * alpha, at z -> 0-
    ],
)
def test_max_abs_derivative_known_values(name, expected):
    m, _ = stats.max_abs_derivative(activations.get(name))
    assert m == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_max_abs_derivative_of_gelu_is_where_g_second_derivative_vanishes():
    act = activations.get("gelu")
    m, z_at = stats.max_abs_derivative(act)
    h = 1e-5
    second = (act.dg(np.array([z_at + h])) - act.dg(np.array([z_at - h])))[0] / (2 * h)
    assert abs(second) < 1e-3 and m == pytest.approx(1.1289, abs=1e-4)


def test_depth_bound_is_the_power():
    assert np.allclose(stats.depth_bound(0.25, 4), [0.25, 0.0625, 0.015625, 0.00390625])
    assert stats.depth_bound(0.25, 50)[-1] == pytest.approx(0.25**50)


def test_linear_stack_equals_one_affine_map():
    Ws, bs = stats.random_affine_stack([2, 3, 3, 2], seed=7)
    assert [W.shape for W in Ws] == [(3, 2), (3, 3), (2, 3)]
    X = np.random.default_rng(1).standard_normal((50, 2))
    W, b = stats.compose_affine(Ws, bs)
    # independent oracle: the product written out by hand
    W_hand = Ws[2] @ Ws[1] @ Ws[0]
    b_hand = Ws[2] @ Ws[1] @ bs[0] + Ws[2] @ bs[1] + bs[2]
    assert np.allclose(W, W_hand, atol=1e-14) and np.allclose(b, b_hand, atol=1e-14)
    assert np.allclose(stats.stack_forward(X, Ws, bs, None), X @ W.T + b, atol=1e-13)
    # with tanh between the layers it is no longer affine
    bent = stats.stack_forward(X, Ws, bs, activations.get("tanh"))
    assert np.max(np.abs(bent - (X @ W.T + b))) > 1e-2


def test_random_stack_is_seeded():
    a = stats.random_affine_stack([2, 3, 2], seed=3)
    b = stats.random_affine_stack([2, 3, 2], seed=3)
    c = stats.random_affine_stack([2, 3, 2], seed=4)
    assert all(np.array_equal(x, y) for x, y in zip(a[0], b[0], strict=True))
    assert not np.array_equal(a[0][0], c[0][0])


def test_grid_lines_shape_and_straightness():
    X, line = stats.grid_lines(-1, 1, 5, 11)
    assert X.shape == (110, 2) and line.shape == (110,)
    first = X[line == 0]
    assert np.all(first[:, 0] == -1) and np.allclose(first[:, 1], np.linspace(-1, 1, 11))
    horizontal = X[line == 5]
    assert np.all(horizontal[:, 1] == -1)


def test_cost_per_element_is_positive_and_finite():
    g_ns, dg_ns = stats.cost_per_element(activations.get("sigmoid"), n=10_000, repeats=2)
    assert 0 < g_ns < 1e6 and 0 < dg_ns < 1e6


def test_prelu_fit_gradient_matches_torch_autograd():
    torch = pytest.importorskip("torch")
    z, y = stats.prelu_teacher_data(0.05, m=40, noise=0.1, seed=2)
    alphas, losses = stats.prelu_fit(z, y, 0.25, lr=0.1, steps=1)
    m = torch.nn.PReLU(init=0.25).double()
    loss = torch.mean((m(torch.tensor(z)) - torch.tensor(y)) ** 2)
    loss.backward()
    assert losses[0] == pytest.approx(loss.item(), rel=1e-12)
    assert alphas[1] == pytest.approx(0.25 - 0.1 * m.weight.grad.item(), rel=1e-12)


def test_prelu_fit_converges_to_least_squares_slope():
    z, y = stats.prelu_teacher_data(0.6, m=200, noise=0.05, seed=0)
    neg = np.minimum(z, 0)
    best = np.sum(neg * (y - np.maximum(z, 0))) / np.sum(neg * neg)
    alphas, losses = stats.prelu_fit(z, y, 0.25, lr=0.2, steps=200)
    assert alphas[-1] == pytest.approx(best, abs=1e-8)
    assert abs(best - 0.6) < 0.05
    assert np.all(np.diff(losses) <= 1e-15)  # a stable step size never increases the loss


def test_rrelu_slopes_stay_in_the_band_and_match_torch_at_test_time():
    torch = pytest.importorskip("torch")
    z = np.linspace(-4, 4, 1001)
    a, alpha = stats.rrelu_train(z, seed=0)
    neg = z < 0
    assert np.all(alpha[~neg] == 1) and np.all(a[~neg] == z[~neg])
    assert np.all((alpha[neg] >= 1 / 8) & (alpha[neg] <= 1 / 3))
    assert alpha[neg].std() > 0.05  # really random, not one slope
    mid = (stats.RRELU_LOWER + stats.RRELU_UPPER) / 2
    at_test = torch.nn.functional.rrelu(torch.tensor(z), training=False).numpy()
    assert np.allclose(at_test, np.where(neg, mid * z, z), atol=1e-15)
    # torch's training-time draws fall in the same band
    t = torch.nn.functional.rrelu(torch.tensor(z), training=True).numpy()
    slopes = t[neg] / z[neg]
    assert np.all((slopes >= 1 / 8 - 1e-12) & (slopes <= 1 / 3 + 1e-12))


@pytest.mark.parametrize("name", activations.names())
def test_torch_agreement_is_rounding_only(name):
    pytest.importorskip("torch")
    from nncore.torch_ref import compare_activation

    params = {"leaky_relu": {"alpha": 0.2}, "elu": {"alpha": 0.5}, "softplus": {"beta": 2.0}}
    r = compare_activation(activations.get(name, **params.get(name, {})))
    assert r.max_g_diff < 1e-12
    if name == "step":
        assert r.max_dg_diff is None  # torch has no derivative for heaviside
    else:
        assert r.max_dg_diff is not None and r.max_dg_diff < 1e-12


def test_torch_compare_detects_a_wrong_activation():
    # The oracle must be able to fail: sigmoid's functions under tanh's name.
    pytest.importorskip("torch")
    from dataclasses import replace

    from nncore.torch_ref import compare_activation

    wrong = replace(activations.get("sigmoid"), name="tanh")
    r = compare_activation(wrong)
    assert r.max_g_diff > 0.1 and r.max_dg_diff > 0.1

