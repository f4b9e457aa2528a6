"""nncore.trace: every number of every step against PyTorch autograd (float64), finite
differences and a hand-worked example; the structure of the steps; make_batch.

``oracle_values`` is also used by tests/test_app_backprop.py to check what the page shows.
Its losses are PyTorch's from the logits (BCEWithLogitsLoss, log_softmax), so they stay
finite when the output saturates; da^[L] of those comes from :func:`exact_da` (the
formula in high-precision decimals), and also from autograd of the loss written in a
where a has not rounded (``test_da_L_equals_autograd_of_the_loss_written_in_a``).
"""

from __future__ import annotations

import decimal
import math
import re
from decimal import Decimal

import numpy as np
import pytest

import nncore
from nncore import trace

torch = pytest.importorskip("torch")

# (sizes, hidden activation, output, init, m): every output/loss pair, depths 0..3, m = 1 and m > 1
CASES = [
    ([2, 3, 1], "tanh", "sigmoid", "uniform", 1),
    ([2, 3, 1], "tanh", "sigmoid", "uniform", 4),
    ([3, 4, 2, 2], "relu", "softmax", "xavier", 5),
    ([2, 2, 3, 1], "sigmoid", "linear", "he", 4),
    ([1, 4, 4, 4, 2], "leaky_relu", "tanh", "uniform", 3),
    ([2, 1], "tanh", "sigmoid", "xavier", 1),
    ([4, 3, 3], "elu", "sigmoid", "uniform", 2),
    ([2, 4, 3], "gelu", "softmax", "he", 1),
    ([3, 2, 2], "softplus", "linear", "uniform", 1),
    ([2, 3, 3, 1], "step", "sigmoid", "uniform", 3),
]


def _case(sizes, act, out, init, m, seed=0):
    net = nncore.MLP(sizes, activation=act, output=out, init=init, seed=seed)
    rng = np.random.default_rng(100 + seed)
    x = np.round(rng.normal(size=sizes[0]), 2)
    k = sizes[-1]
    y = [1] if out == "softmax" else ([1.0, 0.0, 1.0, 0.0][:k] if out == "sigmoid"
                                       else list(np.round(rng.uniform(-0.9, 0.9, k), 2)))
    X, Y = trace.make_batch(x, y[0] if out == "softmax" else y, m, net, seed=seed)
    return net, X, Y


def sym(base: str, l: int | str, m: int, sup: str = "") -> str:
    """The page's symbol for a per-layer quantity: lower case for one example, else upper."""
    if m > 1:
        base = base[:-1] + base[-1].upper()
    return f"{base}^{{[{l}]{sup}}}"


def _t(a) -> np.ndarray:
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=True)


def _np(t) -> np.ndarray:
    return t.detach().numpy().copy()


def _torch_g(name: str, z):
    """The activation as torch.nn.functional, written out here (independent of nncore)."""
    F = torch.nn.functional
    table = {
        "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": F.relu,
        "leaky_relu": lambda v: F.leaky_relu(v, 0.01), "elu": F.elu,
        "gelu": lambda v: F.gelu(v, approximate="tanh"), "softplus": F.softplus,
        "linear": lambda v: v, "softmax": lambda v: torch.softmax(v, dim=1),
        "step": lambda v: (v >= 0).to(v.dtype) + 0.0 * v,  # gradient 0, like the M-P unit
    }
    return table[name](z)


def _per_example_loss(out: str, A, T, k: int):
    """Each example's loss computed from the output a (so dL/da exists)."""
    if out == "sigmoid":
        return -(T * torch.log(A) + (1 - T) * torch.log(1 - A)).sum(1) / k
    if out == "softmax":
        return -(T * torch.log(A)).sum(1)
    return ((A - T) ** 2).sum(1) / k


def _per_example_loss_z(out: str, Z, A, T, k: int):
    """Each example's loss as PyTorch computes it from the logits z (BCEWithLogitsLoss,
    log_softmax): finite however far the output saturates; mse from a."""
    F = torch.nn.functional
    if out == "sigmoid":
        return F.binary_cross_entropy_with_logits(Z, T, reduction="none").sum(1) / k
    if out == "softmax":
        return -(T * F.log_softmax(Z, dim=1)).sum(1)
    return _per_example_loss(out, A, T, k)


def exact_da(out: str, Z: np.ndarray, T: np.ndarray) -> np.ndarray:
    """dL/da^[L] per example, rows are examples, by the tutorial's formula evaluated in
    decimal arithmetic precise enough for the a that float64 rounds to 0 or 1:
    (-y/a + (1-y)/(1-a)) / k with a = 1 / (1 + e^-z) (sigmoid), -y_j / a_j with
    a_j = e^{z_j} / sum_i e^{z_i} (softmax). ``float`` of a value beyond float64 is inf."""
    m, k = Z.shape
    out_da = np.zeros((m, k))
    for i in range(m):
        z = [Decimal(float(v)) for v in Z[i]]
        with decimal.localcontext() as ctx:
            # enough digits that 1 - a keeps 30 of its own even when a = 1 - e^{-|z|}
            ctx.prec = 60 + int(max(abs(v) for v in z) / Decimal("2.3"))
            e = [v.exp() for v in z]
            for j in range(k):
                y = Decimal(float(T[i, j]))
                if out == "sigmoid":
                    a = 1 / (1 + (-z[j]).exp())
                    d = (-(y / a) if y else 0) + ((1 - y) / (1 - a) if y != 1 else 0)
                    out_da[i, j] = float(d / k)
                else:
                    out_da[i, j] = float(-(y / (e[j] / sum(e)))) if y else 0.0
    return out_da


def oracle_values(net, X, Y, alpha: float) -> dict:
    """Every symbol the page shows -> its value in the tutorial's column layout, by torch.

    The network is rebuilt from ``net.W``/``net.b`` with torch ops written here; per-example
    gradients (dz, da) come from autograd of the sum of the examples' losses, dW and db
    from autograd of their mean J.
    """
    L, m = net.L, X.shape[0]
    k = net.sizes[-1]
    out = net.output
    Y = np.asarray(Y)
    if out == "softmax":
        T = np.eye(k)[Y.astype(int)]
    else:
        T = Y.reshape(m, k).astype(np.float64)
    Ws = [_t(w) for w in net.W]
    bs = [_t(b) for b in net.b]
    A = [torch.tensor(X, dtype=torch.float64)]
    Z = [None]
    for l in range(1, L + 1):
        z = A[-1] @ Ws[l - 1].T + bs[l - 1]
        z.retain_grad()
        a = _torch_g(out if l == L else net.activation.name, z)
        a.retain_grad()
        Z.append(z)
        A.append(a)
    Tt = torch.tensor(T)
    losses = _per_example_loss_z(out, Z[L], A[L], Tt, k)
    losses.sum().backward(retain_graph=True)  # per-example gradients (no 1/m)
    v = {"Y" if m > 1 else "y": T.T}
    for l in range(1, L + 1):
        v[sym("z", l, m)] = _np(Z[l]).T
        v[sym("a", l, m)] = _np(A[l]).T
        v[sym("dz", l, m)] = _np(Z[l].grad).T
        if l < L or out not in ("sigmoid", "softmax"):
            v[sym("da", l, m)] = _np(A[l].grad).T
        else:  # the loss went from z straight to dz: da^[L] from its formula, exactly
            v[sym("da", l, m)] = exact_da(out, _np(Z[L]), T).T
        v[f"W^{{[{l}]}}"] = net.W[l - 1]
        v[f"W^{{[{l}]T}}"] = net.W[l - 1].T
        v[f"b^{{[{l}]}}"] = net.b[l - 1].reshape(-1, 1)
    for l in range(L):
        v[sym("a", l, m)] = X.T if l == 0 else v[sym("a", l, m)]
        v[sym("a", l, m, "T")] = X if l == 0 else _np(A[l])
    for l in range(1, L + 1):  # g'(z) elementwise, by autograd of sum(g(z))
        name = out if l == L else net.activation.name
        if name != "softmax":
            z = _t(_np(Z[l]))
            _torch_g(name, z).sum().backward()
            v[f"g'({sym('z', l, m)})"] = _np(z.grad).T if z.grad is not None else 0 * _np(z).T
    for t in Ws + bs:
        t.grad = None
    J = losses.mean()
    J.backward()
    v["J"] = np.array(J.item())
    v[r"\mathcal{L}^{(i)}"] = _np(losses).reshape(1, -1)
    v[r"\alpha"] = np.array(alpha)
    new_W, new_b = [], []
    for l in range(1, L + 1):
        dW = _np(Ws[l - 1].grad) if Ws[l - 1].grad is not None else np.zeros_like(net.W[l - 1])
        db = _np(bs[l - 1].grad) if bs[l - 1].grad is not None else np.zeros_like(net.b[l - 1])
        v[f"dW^{{[{l}]}}"] = dW
        v[f"db^{{[{l}]}}"] = db.reshape(-1, 1)
        new_W.append(net.W[l - 1] - alpha * dW)
        new_b.append(net.b[l - 1] - alpha * db)
        v[f"W^{{[{l}]}}_{{\\mathrm{{new}}}}"] = new_W[-1]
        v[f"b^{{[{l}]}}_{{\\mathrm{{new}}}}"] = new_b[-1].reshape(-1, 1)
    a = torch.tensor(X, dtype=torch.float64)
    for l in range(1, L + 1):
        z = a @ torch.tensor(new_W[l - 1]).T + torch.tensor(new_b[l - 1])
        a = _torch_g(out if l == L else net.activation.name, z)
    v[sym("a", L, m) + r"_{\mathrm{new}}"] = _np(a).T
    v[r"J_{\mathrm{new}}"] = np.array(_per_example_loss_z(out, z, a, Tt, k).mean().item())
    return v


def _close(got, want, tol=1e-10):
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    assert got.shape == want.shape, (got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol)


def _id(c) -> str:
    return "-".join(map(str, c[0])) + f"-{c[1]}-{c[2]}-m{c[4]}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_every_operand_of_every_step_equals_torch_autograd(case):
    net, X, Y = _case(*case)
    alpha = 0.1
    tr = trace.build(net, X, Y, alpha)
    want = oracle_values(net, X, Y, alpha)
    checked = set()
    for step in tr.steps:
        for name, op in step.operands.items():
            assert op.symbol in want, (step.kind, name, op.symbol)
            _close(op.value, want[op.symbol])
            checked.add(op.symbol)
    L = net.L
    m = X.shape[0]
    # the trace shows every quantity of the tutorial's last section
    for l in range(1, L + 1):
        for s in (sym("z", l, m), sym("a", l, m), sym("dz", l, m), f"dW^{{[{l}]}}",
                  f"db^{{[{l}]}}", f"W^{{[{l}]}}_{{\\mathrm{{new}}}}"):
            assert s in checked, s
    for l in range(1, L):
        assert sym("da", l, m) in checked
    assert {"J", r"J_{\mathrm{new}}", sym("da", L, m)} <= checked
    _close(tr.loss_before, want["J"])
    _close(tr.loss_after, want[r"J_{\mathrm{new}}"])


# smooth activations only: relu's kink at z = 0 (hit exactly when b = 0 and a layer is all 0)
# has no two-sided derivative
SMOOTH_CASES = [c for c in CASES if c[1] not in ("relu", "leaky_relu", "step")]


@pytest.mark.parametrize("case", SMOOTH_CASES, ids=_id)
def test_gradients_equal_central_finite_differences(case):
    net, X, Y = _case(*case)
    tr = trace.build(net, X, Y, 0.1)
    theta = net.get_params()
    eps = 1e-6
    fd = np.zeros_like(theta)
    for i in range(theta.size):
        for sign in (1, -1):
            probe = net.copy()
            t = theta.copy()
            t[i] += sign * eps
            probe.set_params(t)
            fd[i] += sign * trace.build(probe, X, Y, 0.0).loss_before / (2 * eps)
    grads = np.concatenate([a.ravel() for pair in zip(tr.dW, tr.db, strict=True) for a in pair])
    np.testing.assert_allclose(grads, fd, rtol=1e-6, atol=1e-8)


def test_hand_worked_single_neuron():
    # one sigmoid neuron, w = 0, b = 0, x = 2, y = 1:
    # z = 0, a = 1/2, J = ln 2; da = -y/a = -2; dz = a - y = -1/2; dW = dz x = -1; db = -1/2;
    # alpha = 0.1: w = 0.1, b = 0.05, z = 0.25, J_new = ln(1 + e^-0.25)
    net = nncore.MLP([1, 1], output="sigmoid", init="zeros")
    tr = trace.build(net, np.array([[2.0]]), np.array([1.0]), 0.1)
    by = {(s.kind, s.layer): s.result.value for s in tr.steps}
    assert by["z", 1] == 0.0 and by["a", 1] == 0.5
    assert by["loss", 1] == pytest.approx(math.log(2.0), abs=1e-15)
    assert by["da_L", 1] == pytest.approx(-2.0)
    assert by["dz", 1] == -0.5 and by["dW", 1] == -1.0 and by["db", 1] == -0.5
    assert by["W", 1] == pytest.approx(0.1) and by["b", 1] == pytest.approx(0.05)
    assert tr.loss_after == pytest.approx(math.log1p(math.exp(-0.25)), abs=1e-15)


def test_batch_gradient_is_the_mean_of_the_examples_gradients():
    net, X, Y = _case([2, 3, 1], "tanh", "sigmoid", "uniform", 4)
    tr = trace.build(net, X, Y, 0.1)
    singles = [trace.build(net, X[i:i + 1], Y[i:i + 1], 0.1) for i in range(4)]
    for l in range(net.L):
        _close(tr.dW[l], np.mean([s.dW[l] for s in singles], axis=0), 1e-13)
        _close(tr.db[l], np.mean([s.db[l] for s in singles], axis=0), 1e-13)
    # and dz stays per example: column i of dZ is example i's own dz
    dz_batch = [s for s in tr.steps if s.kind == "dz" and s.layer == 1][0].result.value
    for i, single in enumerate(singles):
        dz_i = [s for s in single.steps if s.kind == "dz" and s.layer == 1][0].result.value
        _close(dz_batch[:, [i]], dz_i, 1e-13)


def test_matches_nncore_backward_and_torch_check():
    net, X, Y = _case([3, 4, 2, 2], "relu", "softmax", "xavier", 5)
    tr = trace.build(net, X, Y, 0.1)
    _, cache = net.forward(X)
    grads = net.backward(cache, Y)
    for l in range(net.L):
        _close(tr.dW[l], grads.dW[l], 1e-12)
        _close(tr.db[l], grads.db[l], 1e-12)
    res = trace.torch_check(net, X, Y, tr)
    assert res["max_dW"] < 1e-12 and res["max_db"] < 1e-12 and res["loss"] < 1e-12
    assert len(res["dW"]) == len(res["db"]) == net.L


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_small_alpha_lowers_the_loss(case):
    net, X, Y = _case(*case)
    tr = trace.build(net, X, Y, 1e-3)
    assert tr.loss_after < tr.loss_before


def test_build_leaves_the_network_alone():
    net, X, Y = _case([2, 3, 1], "tanh", "sigmoid", "uniform", 1)
    before = net.get_params().copy()
    tr = trace.build(net, X, Y, 1.0)
    np.testing.assert_array_equal(net.get_params(), before)
    assert not np.array_equal(tr.net_after.get_params(), before)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_step_structure(case):
    net, X, Y = _case(*case)
    tr = trace.build(net, X, Y, 0.1)
    L = net.L
    kinds = [s.kind for s in tr.steps]
    forward = ["z", "a"] * L
    backward = ["da_L"] + sum((["dz", "dW", "db"] + (["da_prev"] if l > 1 else [])
                               for l in range(L, 0, -1)), [])
    assert kinds == forward + ["loss"] + backward + ["W", "b"] * L + ["loss_after"]
    assert [s.index for s in tr.steps] == list(range(len(tr.steps)))
    phases = [s.phase for s in tr.steps]
    assert phases == sorted(phases, key=trace.PHASES.index)
    placeholder = re.compile(r"<(\w+)>")
    for s in tr.steps:
        used = {name for line in s.numeric for name in placeholder.findall(line)}
        assert used == set(s.operands), (s.kind, used, set(s.operands))
        assert "<" not in s.formula
        assert all(0 <= f <= L for f in s.focus) and s.layer in range(0, L + 1)
    # the backward steps that need the forward cache say so
    for s in tr.steps:
        if s.kind == "dW":
            assert s.cached == [sym("a", s.layer - 1, X.shape[0], "T")]
        if s.kind == "dz" and s.layer < L:
            assert s.cached == [sym("z", s.layer, X.shape[0])]


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_code_lines_compute_the_shown_numbers(case):
    """Running each step's line of NumPy, in order, gives the numbers the step shows."""
    net, X, Y = _case(*case)
    tr = trace.build(net, X, Y, 0.1)
    k = net.sizes[-1]
    T = np.eye(k)[Y] if net.output == "softmax" else Y.reshape(len(X), k)
    ns = {
        "A": {0: X}, "Z": {}, "dA": {}, "dZ": {}, "dW": {}, "db": {}, "Y": T, "m": len(X),
        "alpha": 0.1, "nncore": nncore, "net_after": tr.net_after, "X": X, "np": np,
        "W": dict(enumerate(net.W, start=1)), "b": dict(enumerate(net.b, start=1)),
        "softmax": lambda z: np.exp(z) / np.exp(z).sum(1, keepdims=True),
        net.activation.name: net.activation,
    }
    if net.output != "softmax":
        ns[net.output] = nncore.activations.get(net.output)
    for step in tr.steps:
        target = step.code.split(" = ")[0]
        exec(step.code, ns)  # noqa: S102 - the code is ours, shown to students
        got = eval(target, ns)  # noqa: S307
        want = step.result.value
        if step.kind in ("z", "a", "da_L", "dz", "da_prev"):
            got = got.T  # rows are examples; the page shows columns
        elif step.kind in ("db", "b"):
            got = got.reshape(-1, 1)
        _close(got, want, 1e-12)


# (sizes, output, x, y, at the edge): outputs far out; z from about -2000 to 2000
SATURATED = [
    ([2, 1], "sigmoid", [1000.0, -1000.0], [0.0], True),  # z = 367: a = 1, da = 1 + e^367
    ([2, 1], "sigmoid", [1000.0, -1000.0], [1.0], True),
    ([2, 1], "sigmoid", [-1000.0, 1000.0], [1.0], False),  # z = -367: a = 3e-160 is exact
    ([2, 1], "sigmoid", [-2500.0, 2500.0], [1.0], True),  # z = -918: a stops at e^-709
    ([2, 1], "sigmoid", [5000.0, -5000.0], [0.0], True),  # z = 1836: 1/(1-a) overflows
    ([2, 1], "sigmoid", [5000.0, -5000.0], [1.0], True),  # ... y = 1 weighs it 0: da = -1
    ([2, 3, 4], "sigmoid", [0.5, -100.0], [1.0, 1.0, 1.0, 1.0], True),
    ([2, 3, 4], "sigmoid", [0.5, -100.0], [0.0, 1.0, 0.0, 1.0], True),
    ([2, 3], "softmax", [1000.0, -1000.0], 0, True),  # a_j rounds to 1 and underflows
    ([2, 3], "softmax", [1000.0, -1000.0], 2, True),
    ([2, 3], "softmax", [5000.0, -5000.0], 1, True),  # 1/a_1 beyond float64
]


@pytest.mark.parametrize("case", SATURATED, ids=lambda c: f"{c[1]}-x{c[2][0]:g}-y{c[3]}")
def test_saturated_output_da_L_is_exact_and_the_rest_equals_torch(case):
    sizes, out, x, y, edge = case
    net = nncore.MLP(sizes, activation="linear", output=out, init="uniform", seed=0)
    X, Y = trace.make_batch(x, y, 1, net)
    tr = trace.build(net, X, Y, 0.1)
    by = {s.kind: s for s in tr.steps if s.layer == net.L}
    a = by["a"].result.value
    assert edge == bool(np.any(a == 1.0) or np.any(a < np.finfo(np.float64).tiny))
    T = np.eye(sizes[-1])[[y]] if out == "softmax" else np.array([y])
    want = exact_da(out, by["z"].result.value.T, T).T
    got = by["da_L"].result.value
    # finite wherever the true value fits in float64; beyond it inf of the right sign
    assert np.array_equal(np.isfinite(got), np.isfinite(want)), (got, want)
    assert np.array_equal(np.sign(got), np.sign(want))
    finite = np.isfinite(want)
    np.testing.assert_allclose(got[finite], want[finite], rtol=1e-12, atol=0)
    # flagged, so the page can say so; dz and everything after are torch's (from the logits)
    assert by["a"].edge == by["da_L"].edge == edge
    assert tr.edge >= edge  # (a_new after the update may be at the edge too)
    values = oracle_values(net, X, Y, 0.1)
    for step in tr.steps[tr.steps.index(by["dz"]):]:
        for op in step.operands.values():
            assert np.all(np.isfinite(op.value)), (step.kind, op.symbol)
            _close(op.value, values[op.symbol], 1e-9)
    res = trace.torch_check(net, X, Y, tr)
    assert max(res["max_dW"], res["max_db"], res["loss"]) < 1e-9


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_da_L_equals_autograd_of_the_loss_written_in_a(case):
    """Where a has not rounded, da^[L] is torch's gradient of L(a, y) with respect to a."""
    net, X, Y = _case(*case)
    m, k = X.shape[0], net.sizes[-1]
    a = _t(net.forward(X)[0])
    T = np.eye(k)[Y] if net.output == "softmax" else Y.reshape(m, k)
    _per_example_loss(net.output, a, torch.tensor(T, dtype=torch.float64), k).sum().backward()
    da = [s for s in trace.build(net, X, Y, 0.1).steps if s.kind == "da_L"][0]
    _close(da.result.value, _np(a.grad).T, 1e-12)
    assert not da.edge


def test_make_batch():
    net = nncore.MLP([2, 3, 2], output="softmax", seed=0)
    X, Y = trace.make_batch([0.5, -1.0], 1, 5, net, seed=3)
    assert X.shape == (5, 2) and Y.shape == (5,) and Y.dtype.kind == "i"
    assert X[0].tolist() == [0.5, -1.0] and Y[0] == 1 and set(Y) <= {0, 1}
    X2, Y2 = trace.make_batch([0.5, -1.0], 1, 5, net, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    bce = nncore.MLP([3, 2], output="sigmoid", seed=0)
    X, Y = trace.make_batch([1, 2, 3], [1, 0], 4, bce, seed=0)
    assert Y.shape == (4, 2) and set(np.unique(Y)) <= {0.0, 1.0}
    X, Y = trace.make_batch([1, 2, 3], [0.3, -0.2], 1, bce.copy(), seed=0)
    assert X.shape == (1, 3) and Y.tolist() == [[0.3, -0.2]]
    with pytest.raises(ValueError, match="x needs 3"):
        trace.make_batch([1, 2], [1, 0], 2, bce, seed=0)
    with pytest.raises(ValueError, match="y needs 2"):
        trace.make_batch([1, 2, 3], [1], 2, bce, seed=0)
    with pytest.raises(ValueError, match="at least one"):
        trace.make_batch([1, 2, 3], [1, 0], 0, bce, seed=0)


def test_bad_alpha_and_labels_raise_value_error():
    net, X, Y = _case([2, 3, 1], "tanh", "sigmoid", "uniform", 1)
    with pytest.raises(ValueError, match="alpha"):
        trace.build(net, X, Y, -1.0)
    with pytest.raises(ValueError, match="alpha"):
        trace.build(net, X, Y, float("nan"))
    with pytest.raises(ValueError):
        trace.build(net, X, np.array([2.0]), 0.1)  # bce label outside [0, 1]


def test_tex_fills_known_placeholders_only():
    assert trace.tex(r"z^{[<l>]} = <W> <a>", l=2, W="W") == r"z^{[2]} = W <a>"


def test_torch_check_of_a_step_network():
    # the fuzz test's finding: the Backprop page's PyTorch check raised "derivative for
    # aten::heaviside is not implemented" for the M-P step unit; its derivative is 0
    net, X, Y = _case([2, 3, 1], "step", "sigmoid", "uniform", 3)
    tr = trace.build(net, X, Y, 0.1)
    res = trace.torch_check(net, X, Y, tr)
    assert res["max_dW"] < 1e-12 and res["max_db"] < 1e-12 and res["loss"] < 1e-12
    assert np.all(tr.dW[0] == 0) and np.all(tr.db[0] == 0)  # nothing flows through a step
