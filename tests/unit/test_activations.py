"""nncore.activations against PyTorch (values and autograd), finite differences and its contract."""

import copy
import math
import pickle
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F  # noqa: N812 (the torch convention)

from nncore import activations

# (name, params) pairs: every activation with its defaults, plus non-default parameters.
CASES = [
    ("step", {}),
    ("linear", {}),
    ("sigmoid", {}),
    ("tanh", {}),
    ("softsign", {}),
    ("relu", {}),
    ("leaky_relu", {}),
    ("leaky_relu", {"alpha": 0.2}),
    ("leaky_relu", {"alpha": 0.0}),
    ("leaky_relu", {"alpha": 1.0}),
    ("elu", {}),
    ("elu", {"alpha": 0.5}),
    ("elu", {"alpha": 2.0}),
    ("selu", {}),
    ("softplus", {}),
    ("softplus", {"beta": 2.0}),
    ("softplus", {"beta": 0.5, "threshold": 5.0}),
    ("gelu", {}),
    ("silu", {}),
    ("mish", {}),
]
IDS = [n + "".join(f"-{k}={v}" for k, v in p.items()) for n, p in CASES]


def torch_fn(name, params):
    """The torch.nn.functional counterpart of an activation (None for step: no autograd)."""
    p = params
    return {
        "step": None,
        "linear": lambda t: t * 1.0,
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "softsign": F.softsign,
        "relu": F.relu,
        "leaky_relu": lambda t: F.leaky_relu(t, negative_slope=p.get("alpha", 0.01)),
        "elu": lambda t: F.elu(t, alpha=p.get("alpha", 1.0)),
        "selu": F.selu,
        "softplus": lambda t: F.softplus(
            t, beta=p.get("beta", 1.0), threshold=p.get("threshold", 20.0)
        ),
        "gelu": lambda t: F.gelu(t, approximate="tanh"),
        "silu": F.silu,
        "mish": F.mish,
    }[name]


def kinks(name, params):
    """Points where the derivative jumps: finite differences are not valid there."""
    if name in ("step", "relu", "leaky_relu", "elu", "selu"):
        return [0.0]
    if name == "softplus":  # torch switches to the linear branch at beta z = threshold
        return [params.get("threshold", 20.0) / params.get("beta", 1.0)]
    return []


def dense_grid(name, params):
    """A dense float64 grid with 0, +-tiny, +-huge, the exp overflow edges and the kinks."""
    special = [0.0, 1e-300, 1e-12, 1e-6, 0.5, 1.0, 20.0, 40.0, 88.0, 100.0, 700.0, 709.0,
               710.0, 745.0, 1000.0, 1e4]
    for k in kinks(name, params):
        special += [k, np.nextafter(k, -np.inf), np.nextafter(k, np.inf)]
    special = np.array(special)
    return np.unique(np.concatenate([np.linspace(-12, 12, 24001), special, -special]))


def torch_values_and_grads(name, params, z):
    t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    if name == "step":
        y = torch.heaviside(t.detach(), torch.tensor(1.0, dtype=torch.float64))
        # torch has no derivative for heaviside; the M-P unit's is 0 (undefined at 0).
        return y.numpy(), np.zeros_like(z)
    y = torch_fn(name, params)(t)
    (dy,) = torch.autograd.grad(y.sum(), t)
    return y.detach().numpy(), dy.numpy()


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_values_and_derivatives_equal_torch(name, params):
    act = activations.get(name, **params)
    z = dense_grid(name, params)
    y_t, dy_t = torch_values_and_grads(name, params, z)
    np.testing.assert_allclose(act.g(z), y_t, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(act.dg(z), dy_t, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(act.dg(z, act.g(z)), dy_t, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_relative_precision_near_zero(name, params):
    # atol=0: catches cancellation (e.g. exp(z) - 1 instead of expm1) that 1e-12 absolute hides
    act = activations.get(name, **params)
    tiny = np.array([1e-300, 1e-100, 1e-12, 1e-8, 1e-4])
    z = np.concatenate([-tiny, tiny])
    y_t, dy_t = torch_values_and_grads(name, params, z)
    np.testing.assert_allclose(act.g(z), y_t, rtol=1e-12, atol=0)
    np.testing.assert_allclose(act.dg(z), dy_t, rtol=1e-12, atol=0)


@pytest.mark.parametrize(
    ("name", "params", "z", "expected"),
    [
        ("relu", {}, 0.0, 0.0),
        ("leaky_relu", {"alpha": 0.2}, 0.0, 0.2),
        ("elu", {"alpha": 0.5}, 0.0, 0.5),
        ("selu", {}, 0.0, 1.0507009873554805 * 1.6732632423543772),
        ("softplus", {"beta": 2.0}, 10.0, 1.0),  # beta z = 20 is not > threshold: sigmoid(20)
        ("step", {}, 0.0, 0.0),
    ],
)
def test_derivative_at_kinks_follows_torch_convention(name, params, z, expected):
    act = activations.get(name, **params)
    if name == "softplus":
        expected = 1 / (1 + math.exp(-20.0))
    assert act.dg(np.array([z]))[0] == pytest.approx(expected, rel=1e-15)


def test_step_is_one_at_zero():
    act = activations.get("step")
    np.testing.assert_array_equal(act.g(np.array([-1e-300, 0.0, 1e-300])), [0.0, 1.0, 1.0])


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_derivative_equals_central_differences(name, params):
    act = activations.get(name, **params)
    z = np.linspace(-8, 8, 1601)
    for k in kinks(name, params):
        z = z[np.abs(z - k) > 1e-3]
    h = 1e-6
    fd = (act.g(z + h) - act.g(z - h)) / (2 * h)
    np.testing.assert_allclose(act.dg(z), fd, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_float32_keeps_dtype_and_agrees_with_float64(name, params):
    act = activations.get(name, **params)
    z64 = np.concatenate([np.linspace(-10, 10, 2001), [-1000.0, -100.0, 100.0, 1000.0]])
    z32 = z64.astype(np.float32)
    a32 = act.g(z32)
    for out in (a32, act.dg(z32), act.dg(z32, a32)):
        assert out.dtype == np.float32
        assert out.shape == z32.shape
    z = z32.astype(np.float64)  # same points, so only the arithmetic differs
    np.testing.assert_allclose(a32, act.g(z), rtol=1e-5, atol=1e-6)
    # atol 1e-5: gelu's derivative (torch's formula) cancels in 1 + tanh(u) near z = -5
    np.testing.assert_allclose(act.dg(z32), act.dg(z), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_no_overflow_or_invalid_at_large_z(name, params, dtype):
    act = activations.get(name, **params)
    z = np.array([-1000, -710, -100, -89, -20, -1, 0, 1, 20, 89, 100, 710, 1000], dtype=dtype)
    # Underflow to 0 (e.g. exp(-1000)) is the correctly rounded result and numpy ignores it
    # by default, so only overflow, invalid and divide are errors here.
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        a = act.g(z)
        outs = [a, act.dg(z), act.dg(z, a)]
    for out in outs:
        assert np.all(np.isfinite(out)), out


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_any_shape_and_inputs_untouched(name, params):
    act = activations.get(name, **params)
    z = np.random.default_rng(0).normal(scale=3, size=(2, 3, 4))
    z_before = z.copy()
    a = act.g(z)
    a_before = a.copy()
    d = act.dg(z, a)
    assert a.shape == d.shape == act.dg(z).shape == z.shape
    np.testing.assert_array_equal(z, z_before)
    np.testing.assert_array_equal(a, a_before)
    assert not np.shares_memory(a, z) and not np.shares_memory(d, z)
    # MLP.backward scales g'(z) in place, so it must not share memory with the cached a
    assert not np.shares_memory(d, a)
    np.testing.assert_allclose(act.g(z)[1, 2], act.g(z[1, 2]))
    for scalar in (np.array(0.7), 0.7, -2):  # 0-d array, Python float, int
        assert np.shape(act.g(scalar)) == () and np.shape(act.dg(scalar)) == ()
        assert float(act.g(scalar)) == pytest.approx(float(act.g(np.array([scalar]))[0]))


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_output_range_bounds_and_is_tight(name, params):
    act = activations.get(name, **params)
    lo, hi = act.output_range
    z = np.concatenate([np.linspace(-60, 60, 1_200_001), [-1e6, -1000.0, 1000.0, 1e6]])
    a = act.g(z)
    assert lo <= a.min() and a.max() <= hi
    # each bound is reached or approached (to 1e-5), or the function is unbounded that way
    assert a.min() - lo < 1e-5 if math.isfinite(lo) else a.min() < -5
    assert hi - a.max() < 1e-5 if math.isfinite(hi) else a.max() > 5


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_zero_centred_means_odd(name, params):
    act = activations.get(name, **params)
    z = np.linspace(0.01, 5, 500)
    is_odd = np.allclose(act.g(-z), -act.g(z), rtol=0, atol=1e-15)
    assert act.zero_centred == is_odd


def test_names_in_teaching_order_and_complete():
    assert activations.names() == [
        "step", "linear", "sigmoid", "tanh", "softsign", "relu", "leaky_relu",
        "elu", "selu", "softplus", "gelu", "silu", "mish",
    ]
    assert {n for n, _ in CASES} == set(activations.names())
    for n in activations.names():
        assert activations.get(n).name == n


def test_params_recorded_with_defaults():
    assert activations.get("relu").params == {}
    assert activations.get("leaky_relu").params == {"alpha": 0.01}
    assert activations.get("elu", alpha=2).params == {"alpha": 2.0}
    assert isinstance(activations.get("elu", alpha=2).params["alpha"], float)
    assert activations.get("softplus", beta=2).params == {"beta": 2.0, "threshold": 20.0}
    assert activations.get("Leaky-ReLU", alpha=np.float32(0.5)).params == {"alpha": 0.5}


def test_equality_hash_pickle_and_copy():
    a = activations.get("elu", alpha=0.5)
    assert a == activations.get("elu", alpha=0.5)
    assert hash(a) == hash(activations.get("elu", alpha=0.5))
    assert a != activations.get("elu") and a != activations.get("relu")
    z = np.linspace(-3, 3, 61)
    for b in (pickle.loads(pickle.dumps(a)), copy.deepcopy(a)):
        assert b == a
        np.testing.assert_array_equal(b.g(z), a.g(z))
        np.testing.assert_array_equal(b.dg(z), a.dg(z))
    assert "alpha=0.5" in repr(a)


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
def test_latex_is_tutorial_style(name, params):
    act = activations.get(name, **params)
    assert act.latex.startswith("a = ") and act.dlatex.startswith("a' = ")
    for tex in (act.latex, act.dlatex):
        depth = 0
        for ch in tex.replace(r"\{", "").replace(r"\}", ""):
            depth += {"{": 1, "}": -1}.get(ch, 0)
            assert depth >= 0, tex
        assert depth == 0, tex


def test_latex_shows_parameter_values():
    assert "0.2" in activations.get("leaky_relu", alpha=0.2).latex
    assert "0.2" in activations.get("leaky_relu", alpha=0.2).dlatex
    assert "0.5" in activations.get("elu", alpha=0.5).latex
    assert "2" in activations.get("softplus", beta=2).latex
    tiny = activations.get("leaky_relu", alpha=1e-5).latex
    assert "10^{-5}" in tiny and "e-05" not in tiny
    assert activations.get("sigmoid").latex.endswith(r"\frac{1}{1+e^{-z}}")
    assert activations.get("tanh").dlatex == "a' = 1-a^2"


@pytest.mark.parametrize("bad", ["sigmoidd", "", "soft plus x", 42, None])
def test_unknown_name_lists_valid_names(bad):
    with pytest.raises(ValueError, match="unknown activation") as e:
        activations.get(bad)
    assert repr(bad) in str(e.value)
    for n in activations.names():
        assert n in str(e.value)


@pytest.mark.parametrize(
    ("name", "params", "words"),
    [
        ("relu", {"alpha": 0.1}, ["'relu'", "'alpha'", "none"]),
        ("leaky_relu", {"beta": 1.0}, ["'beta'", "alpha"]),
        ("softplus", {"alpha": 1.0}, ["'alpha'", "beta, threshold"]),
    ],
)
def test_unknown_parameter_named(name, params, words):
    with pytest.raises(ValueError, match="no parameter") as e:
        activations.get(name, **params)
    for w in words:
        assert w in str(e.value)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("leaky_relu", {"alpha": -0.1}),
        ("leaky_relu", {"alpha": 1.5}),
        ("leaky_relu", {"alpha": float("nan")}),
        ("leaky_relu", {"alpha": "0.1"}),
        ("leaky_relu", {"alpha": True}),
        ("elu", {"alpha": -1.0}),
        ("elu", {"alpha": float("inf")}),
        ("softplus", {"beta": 0.0}),
        ("softplus", {"beta": -1.0}),
        ("softplus", {"threshold": 0.0}),
        ("softplus", {"threshold": float("nan")}),
    ],
)
def test_invalid_parameter_value_named(name, params):
    (pname, value), = params.items()
    with pytest.raises(ValueError, match=f"{pname} must be") as e:
        activations.get(name, **params)
    assert repr(value) in str(e.value) or "nan" in str(e.value)


@pytest.mark.parametrize(("name", "params"), CASES, ids=IDS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_g_into_writes_exactly_g_into_a_strided_buffer(name, params, dtype):
    # the network writes each layer's activations into rows of a bigger buffer
    act = activations.get(name, **params)
    z = np.random.default_rng(1).normal(scale=4, size=(3, 50)).astype(dtype)
    buf = np.full((4, 50), 7.0, dtype=dtype)
    out = act.g_into(z, buf[:3])
    assert out.base is buf or out is buf[:3] or np.shares_memory(out, buf)
    np.testing.assert_array_equal(buf[:3], act.g(z))
    assert np.all(buf[3] == 7.0)  # the row past the view is untouched


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gelu_at_huge_z_is_finite_without_warnings(dtype):
    # issue 10: a diverging network's pre-activations overflowed z^3 inside GELU (NaN
    # derivative, an overflow warning in the dead-unit statistics)
    big = np.finfo(dtype).max / 2
    z = np.array([-big, -1e20, -1e4, 1e4, 1e20, big], dtype=dtype)
    act = activations.get("gelu")
    assert np.array_equal(act.dg(z), np.array([0, 0, 0, 1, 1, 1], dtype=dtype))
    g = act.g(z)
    assert np.all(g[:3] == 0) and np.array_equal(g[3:], z[3:])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_extreme_z_gives_the_limits_without_warnings(dtype):
    # found by the Vega formula table's test (tests/unit/test_vega_math.py): past the
    # clamps, silu(z) -> z e^z = -0, mish'(z) -> 1, and gelu(z) = z must not overflow
    big = float(np.finfo(dtype).max) / 2
    z = np.array([-big, -1e30, 1e30, big], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        silu, mish, gelu = (activations.get(n) for n in ("silu", "mish", "gelu"))
        assert np.array_equal(silu.g(z)[:2], [0.0, 0.0]) and np.all(silu.dg(z)[:2] == 0)
        assert np.array_equal(mish.dg(z)[2:], [1.0, 1.0])
        assert np.array_equal(gelu.g(z)[2:], z[2:]) and np.array_equal(gelu.dg(z)[2:], [1, 1])
        for act in (silu, mish, gelu):
            assert act.g(z).dtype == dtype and act.dg(z).dtype == dtype
