"""nncore.optim trajectories against torch.optim over 100 steps (float64)."""

import numpy as np
import pytest

import nncore
from nncore import optim

torch = pytest.importorskip("torch")

CASES = [
    ("sgd", dict(), dict(lr=0.1)),
    ("sgd_l2", dict(l2=0.01), dict(lr=0.1)),
    ("momentum_l1", dict(momentum=0.9, l1=0.003), dict(lr=0.05)),
    ("nesterov_l2", dict(momentum=0.8, nesterov=True, l2=0.02), dict(lr=0.05)),
    ("adam", dict(), dict(lr=0.01)),
    ("adam_l1_l2", dict(l1=0.001, l2=0.01), dict(lr=0.01)),
    ("rmsprop", dict(), dict(lr=0.01)),
    ("rmsprop_momentum", dict(momentum=0.9, alpha=0.9), dict(lr=0.003)),
    ("rmsprop_centered", dict(centered=True, eps=1e-6), dict(lr=0.01)),
    ("rmsprop_centered_momentum_l1_l2", dict(centered=True, momentum=0.5, l1=0.002, l2=0.01),
     dict(lr=0.005)),
]


def _make(kind, extra, lr):
    if kind.startswith("rmsprop"):
        return optim.RMSprop(lr, **extra)
    if kind.startswith("adam"):
        return optim.Adam(lr, **extra)
    return optim.SGD(lr, **extra)


def _torch_opt(kind, extra, lr, weights, biases):
    groups = [
        {"params": weights, "weight_decay": extra.get("l2", 0.0)},
        {"params": biases, "weight_decay": 0.0},
    ]
    if kind.startswith("adam"):
        return torch.optim.Adam(groups, lr=lr)
    if kind.startswith("rmsprop"):
        keep = {k: v for k, v in extra.items() if k in ("alpha", "eps", "momentum", "centered")}
        return torch.optim.RMSprop(groups, lr=lr, **keep)
    return torch.optim.SGD(groups, lr=lr, momentum=extra.get("momentum", 0.0),
                           nesterov=extra.get("nesterov", False))


@pytest.mark.parametrize(("kind", "extra", "hyper"), CASES, ids=[c[0] for c in CASES])
def test_100_steps_equal_torch_optim(kind, extra, hyper):
    X, y = nncore.data.make("xor", n=64, noise=0.1, seed=0)
    net = nncore.MLP([2, 6, 5, 1], activation="tanh", output="sigmoid", seed=1)
    opt = _make(kind, extra, hyper["lr"])
    Ws = [torch.tensor(W.copy(), requires_grad=True) for W in net.W]
    bs = [torch.tensor(b.copy(), requires_grad=True) for b in net.b]
    topt = _torch_opt(kind, extra, hyper["lr"], Ws, bs)
    Xt, yt = torch.tensor(X), torch.tensor(y, dtype=torch.float64).view(-1, 1)
    l1 = extra.get("l1", 0.0)
    for step in range(100):
        # mini-batches of 16 in a fixed order so both sides see the same data
        sl = slice(16 * (step % 4), 16 * (step % 4) + 16)
        _, cache = net.forward(X[sl])
        opt.step(net, net.backward(cache, y[sl]))
        topt.zero_grad()
        A = Xt[sl]
        for l in range(3):
            A = A @ Ws[l].T + bs[l]
            if l < 2:
                A = torch.tanh(A)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(A, yt[sl])
        if l1:
            loss = loss + l1 * sum(W.abs().sum() for W in Ws)
        loss.backward()
        topt.step()
    for ours, ref in zip(net.W + net.b, Ws + bs):
        np.testing.assert_allclose(ours, ref.detach().numpy(), rtol=1e-9, atol=1e-11)


def test_plain_sgd_is_the_tutorial_update():
    net = nncore.MLP([2, 3, 1], seed=0)
    X, y = np.array([[0.5, -1.0], [1.0, 2.0]]), np.array([1, 0])
    W_before = [W.copy() for W in net.W]
    _, cache = net.forward(X)
    grads = net.backward(cache, y)
    optim.SGD(lr=0.3).step(net, grads)
    for W, W0, dW in zip(net.W, W_before, grads.dW):
        np.testing.assert_array_equal(W, W0 - 0.3 * dW)


def test_changing_lr_keeps_the_momentum_buffers():
    net = nncore.MLP([2, 1], seed=0)
    X, y = np.array([[1.0, 2.0]]), np.array([1])
    opt = optim.SGD(lr=0.1, momentum=0.9)
    _, cache = net.forward(X)
    opt.step(net, net.backward(cache, y))
    buffers = [v.copy() for v in opt.state]
    opt.lr = 0.01
    assert opt.state is not None and all(np.array_equal(a, b) for a, b in zip(buffers, opt.state))


def test_penalty_matches_its_formula():
    net = nncore.MLP([2, 3, 1], seed=0)
    opt = optim.SGD(0.1, l1=0.5, l2=0.2)
    expected = sum(0.5 * np.abs(W).sum() + 0.1 * (W**2).sum() for W in net.W)
    assert opt.penalty(net) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: optim.SGD(-1.0), "lr must be"),
        (lambda: optim.SGD(0.1, momentum=1.5), "momentum"),
        (lambda: optim.SGD(0.1, nesterov=True), "nesterov needs"),
        (lambda: optim.Adam(0.1, betas=(1.0, 0.9)), "betas"),
        (lambda: optim.get("adagrad", 0.1), "unknown optimiser"),
        (lambda: optim.RMSprop(0.1, alpha=1.5), "alpha"),
        (lambda: optim.RMSprop(0.1, momentum=-0.1), "momentum"),
        (lambda: optim.RMSprop(0.1, eps=0.0), "eps"),
        (lambda: optim.SGD(float("nan")), "lr must be"),
    ],
)
def test_bad_hyper_parameters(make, words):
    with pytest.raises(ValueError, match=words):
        make()


def test_get_makes_rmsprop_with_torch_defaults():
    opt = optim.get("rmsprop", 0.01, l2=0.1)
    assert isinstance(opt, optim.RMSprop) and "rmsprop" in optim.ALL_NAMES
    assert (opt.alpha, opt.eps, opt.momentum, opt.centered, opt.l2) == (0.99, 1e-8, 0.0, False, 0.1)
    assert "rmsprop" not in optim.NAMES  # the MLP page lists NAMES; it has no label for it yet


def test_rmsprop_reset_forgets_its_averages():
    net = nncore.MLP([2, 1], seed=0)
    X, y = np.array([[1.0, 2.0]]), np.array([1])
    opt = optim.RMSprop(0.01, centered=True, momentum=0.9)
    _, cache = net.forward(X)
    opt.step(net, net.backward(cache, y))
    assert opt.t == 1 and all(np.any(s != 0) for s in opt.state)
    opt.reset()
    assert opt.t == 0 and opt.state is None
