"""A hidden unit switched off (``MLP.unit_mask``) against PyTorch with that unit's
activation multiplied by 0 (float64, autograd), and training leaving its weights alone."""

from __future__ import annotations

import numpy as np
import pytest

from nncore import optim
from nncore.network import MLP
from nncore.train import Trainer

torch = pytest.importorskip("torch")

CASES = [  # sizes, hidden activation, output, units switched off
    ([2, 4, 3, 1], "tanh", "sigmoid", [(1, 0), (2, 2)]),
    ([2, 5, 1], "relu", "sigmoid", [(1, 1), (1, 3)]),
    ([3, 5, 4, 3], "gelu", "softmax", [(1, 4), (2, 0), (2, 1)]),
    ([2, 6, 6, 1], "elu", "linear", [(2, 5)]),
    ([2, 3, 4, 2, 1], "sigmoid", "sigmoid", [(1, 0), (3, 1)]),
    ([2, 4, 4, 3], "silu", "softmax", [(1, 1)]),
]


def _data(sizes, output, seed=1, m=17):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, sizes[0]))
    if output == "softmax":
        y = rng.integers(0, sizes[-1], m)
    elif output == "sigmoid":
        y = rng.integers(0, 2, m).astype(float)
    else:
        y = rng.normal(size=m)
    return X, y


def _torch_masked(net: MLP, off, X, y):
    """Forward and gradients in PyTorch, each switched-off unit's activation times 0."""
    from nncore.torch_ref import torch_activation

    Ws = [torch.tensor(W.copy(), dtype=torch.float64, requires_grad=True) for W in net.W]
    bs = [torch.tensor(b.copy(), dtype=torch.float64, requires_grad=True) for b in net.b]
    g = torch_activation(net.activation.name, net.activation.params)
    A = torch.tensor(X, dtype=torch.float64)
    for l in range(net.L):
        Z = A @ Ws[l].T + bs[l]
        if l < net.L - 1:
            keep = torch.ones(net.sizes[l + 1], dtype=torch.float64)
            for (ll, j) in off:
                if ll == l + 1:
                    keep[j] = 0.0
            A = g(Z) * keep  # the unit's activation multiplied by 0
        else:
            A = Z
    if net.output == "sigmoid":
        out = torch.sigmoid(A)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            A, torch.tensor(y.reshape(-1, 1), dtype=torch.float64))
    elif net.output == "softmax":
        out = torch.softmax(A, dim=1)
        loss = torch.nn.functional.cross_entropy(A, torch.tensor(y, dtype=torch.long))
    else:
        out = A
        loss = torch.nn.functional.mse_loss(A, torch.tensor(y.reshape(-1, 1),
                                                            dtype=torch.float64))
    loss.backward()
    return (out.detach().numpy(), float(loss.detach()),
            [W.grad.numpy() for W in Ws], [b.grad.numpy() for b in bs])


@pytest.mark.parametrize("sizes,act,output,off", CASES)
def test_forward_and_gradients_equal_torch_times_zero(sizes, act, output, off):
    net = MLP(sizes, activation=act, output=output, seed=3)
    for l, j in off:
        net.set_unit(l, j, False)
    X, y = _data(sizes, output)
    out_t, loss_t, dW_t, db_t = _torch_masked(net, off, X, y)
    Y_hat, cache = net.forward(X)
    np.testing.assert_allclose(Y_hat, out_t, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(net.predict(X), out_t, rtol=1e-12, atol=1e-13)
    grads = net.backward(cache, y)
    assert grads.loss == pytest.approx(loss_t, rel=1e-12, abs=1e-14)
    for dW, dWt, db, dbt in zip(grads.dW, dW_t, grads.db, db_t):
        np.testing.assert_allclose(dW, dWt, rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(db, dbt, rtol=1e-10, atol=1e-13)
    for l, j in off:  # the unit's output is 0, and so are its parameters' gradients
        assert np.all(cache.A[l][:, j] == 0)
        assert np.all(grads.dW[l - 1][j] == 0) and grads.db[l - 1][j] == 0
        assert np.all(grads.dW[l][:, j] == 0)


def test_switching_back_on_restores_the_network_exactly():
    net = MLP([2, 5, 3, 1], seed=4)
    X, y = _data(net.sizes, "sigmoid")
    before = net.predict(X)
    net.set_unit(1, 2, False)
    net.set_unit(2, 0, False)
    assert net.units_off() == [(1, 2), (2, 0)]
    assert not np.array_equal(net.predict(X), before)
    net.set_unit(1, 2, True)
    net.set_unit(2, 0, True)
    assert net.unit_mask is None and net.held() is None and net.units_off() == []
    assert np.array_equal(net.predict(X), before)


def test_bad_units_are_refused():
    net = MLP([2, 3, 1])
    for l, j in ((0, 0), (2, 0), (1, 3), (1, -1)):
        with pytest.raises(ValueError):
            net.set_unit(l, j, False)


def test_held_names_exactly_the_units_parameters():
    net = MLP([2, 3, 2, 1], seed=0)
    net.set_unit(1, 1, False)
    marked = np.zeros(net.n_params())
    marked[net.held()] = 1
    probe = MLP([2, 3, 2, 1])
    probe.params = marked
    assert np.array_equal(probe.W[0], [[0, 0], [1, 1], [0, 0]])
    assert np.array_equal(probe.b[0], [0, 1, 0])
    assert np.array_equal(probe.W[1], [[0, 1, 0], [0, 1, 0]])
    assert np.array_equal(probe.b[1], [0, 0]) and np.array_equal(probe.W[2], [[0, 0]])


@pytest.mark.parametrize("opt_name", ["sgd", "momentum", "adam", "rmsprop"])
def test_training_leaves_a_switched_off_units_weights_unchanged(opt_name):
    net = MLP([2, 4, 4, 1], activation="relu", seed=2)
    X, y = _data(net.sizes, "sigmoid", m=40)
    # momentum and L2 would move parameters whose gradient is 0: they stay all the same
    opt = optim.get(opt_name, 0.1, l2=0.01)
    tr = Trainer(net, opt, X, y, batch_size=8, seed=0)
    tr.fit(3)  # some momentum first
    net.set_unit(1, 1, False)
    net.set_unit(2, 3, False)
    frozen = net.params[net.held()].copy()
    others = np.setdiff1d(np.arange(net.n_params()), net.held())
    start = net.params[others].copy()
    tr.fit(5)
    assert np.array_equal(net.params[net.held()], frozen)
    assert not np.array_equal(net.params[others], start)


def test_a_copy_and_a_pickle_keep_the_mask():
    import pickle

    net = MLP([2, 3, 1], seed=1)
    net.set_unit(1, 0, False)
    X = np.random.default_rng(0).normal(size=(5, 2))
    for other in (net.copy(), pickle.loads(pickle.dumps(net)), net.astype(np.float32)):
        assert other.units_off() == [(1, 0)]
        np.testing.assert_allclose(other.predict(X), net.predict(X), rtol=1e-6)
