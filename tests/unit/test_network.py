"""nncore.MLP: forward/backward against a hand-worked example, finite differences and torch."""

import numpy as np
import pytest

import nncore
from nncore import losses

# (output, loss) pairs a user can pick; softmax+mse exercises the non-fused softmax Jacobian
PAIRS = [
    ("sigmoid", "bce"),
    ("softmax", "cross_entropy"),
    ("linear", "mse"),
    ("tanh", "mse"),
    ("sigmoid", "mse"),
    ("softmax", "mse"),
]
SMOOTH = ["sigmoid", "tanh", "elu", "selu", "gelu", "silu", "mish", "softplus", "softsign",
          "linear", "leaky_relu", "relu"]


def _labels(rng, output, loss, m, k):
    if loss == "bce":
        return rng.integers(0, 2, m)
    if loss == "cross_entropy":
        return rng.integers(0, k, m)
    lo = -1.0 if output in ("tanh", "linear") else 0.0
    return rng.uniform(lo, 1.0, (m, k))


def _random_case(i):
    rng = np.random.default_rng(1000 + i)
    output, loss = PAIRS[i % len(PAIRS)]
    act = SMOOTH[i % len(SMOOTH)]
    depth = int(rng.integers(0, 4))
    k = 1 if output in ("sigmoid", "tanh") and loss != "mse" else int(rng.integers(1, 4))
    if output == "softmax":
        k = max(k, 2)
    sizes = [int(rng.integers(1, 5))] + [int(rng.integers(1, 6)) for _ in range(depth)] + [k]
    init = ["xavier", "he", "uniform"][i % 3]
    net = nncore.MLP(sizes, activation=act, output=output, init=init, seed=i)
    m = int(rng.integers(1, 9))
    X = rng.normal(size=(m, sizes[0]))
    Y = _labels(rng, output, loss, m, k)
    return net, X, Y, loss


def test_hand_worked_two_layer_example():
    # x = 1, W1 = 0.5, b1 = 0, relu -> a1 = 0.5; W2 = 2, b2 = -1 -> z2 = 0, sigmoid -> 0.5; y = 1
    net = nncore.MLP([1, 1, 1], activation="relu", output="sigmoid")
    net.W = [np.array([[0.5]]), np.array([[2.0]])]
    net.b = [np.array([0.0]), np.array([-1.0])]
    Y_hat, cache = net.forward(np.array([[1.0]]))
    assert cache.Z[1][0, 0] == 0.5 and cache.A[1][0, 0] == 0.5
    assert cache.Z[2][0, 0] == 0.0 and Y_hat[0, 0] == 0.5
    g = net.backward(cache, np.array([1]), full=True)
    assert g.loss == pytest.approx(np.log(2.0), abs=1e-15)  # -log(0.5)
    assert g.dA[2][0, 0] == pytest.approx(-2.0)  # da = -y/a + (1-y)/(1-a) = -1/0.5
    assert g.dZ[2][0, 0] == -0.5  # a - y
    assert g.dW[1][0, 0] == -0.25 and g.db[1][0] == -0.5  # dz2 * a1, dz2
    assert g.dA[1][0, 0] == -1.0  # W2 * dz2
    assert g.dZ[1][0, 0] == -1.0  # relu'(0.5) = 1
    assert g.dW[0][0, 0] == -1.0 and g.db[0][0] == -1.0


def test_hand_worked_linear_regression_neuron():
    # z = 0.5*1 - 0.25*2 + 0.1 = 0.1; y = 1; mse = 0.81; dA = 2(0.1 - 1) = -1.8
    net = nncore.MLP([2, 1], output="linear")
    net.W = [np.array([[0.5, -0.25]])]
    net.b = [np.array([0.1])]
    _, cache = net.forward(np.array([[1.0, 2.0]]))
    g = net.backward(cache, np.array([[1.0]]))
    assert g.loss == pytest.approx(0.81, abs=1e-15)
    np.testing.assert_allclose(g.dW[0], [[-1.8, -3.6]], atol=1e-15)
    np.testing.assert_allclose(g.db[0], [-1.8], atol=1e-15)


@pytest.mark.parametrize("i", range(36))
def test_gradients_match_finite_differences(i):
    net, X, Y, loss = _random_case(i)
    _, cache = net.forward(X)
    grads = net.backward(cache, Y, loss)
    theta = net.get_params()
    h = 1e-6
    numeric = np.empty_like(theta)
    for j in range(theta.size):
        e = np.zeros_like(theta)
        e[j] = h
        net.set_params(theta + e)
        up = net.loss(X, Y, loss)
        net.set_params(theta - e)
        down = net.loss(X, Y, loss)
        numeric[j] = (up - down) / (2 * h)
    net.set_params(theta)
    np.testing.assert_allclose(grads.flat(), numeric, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("i", range(60))
def test_loss_and_gradients_match_torch_autograd(i):
    torch = pytest.importorskip("torch")
    net, X, Y, loss = _random_case(i)
    _, cache = net.forward(X)
    grads = net.backward(cache, Y, loss)
    # an independent torch graph built from the raw arrays (not nncore.torch_ref)
    Ws = [torch.tensor(W, requires_grad=True) for W in net.W]
    bs = [torch.tensor(b, requires_grad=True) for b in net.b]
    from nncore.torch_ref import torch_activation

    g = torch_activation(net.activation.name, net.activation.params)
    A = torch.tensor(X)
    for l in range(net.L):
        Z = A @ Ws[l].T + bs[l]
        A = g(Z) if l < net.L - 1 else Z
    F = torch.nn.functional
    if loss == "bce":
        value = F.binary_cross_entropy_with_logits(A, torch.tensor(Y, dtype=A.dtype).view_as(A))
    elif loss == "cross_entropy":
        value = F.cross_entropy(A, torch.tensor(Y))
    else:
        out = {"linear": A, "tanh": torch.tanh(A), "sigmoid": torch.sigmoid(A),
               "softmax": torch.softmax(A, dim=1)}[net.output]
        value = F.mse_loss(out, torch.tensor(Y))
    value.backward()
    assert grads.loss == pytest.approx(value.item(), rel=1e-12, abs=1e-14)
    for ours, W in zip(grads.dW, Ws):
        np.testing.assert_allclose(ours, W.grad.numpy(), rtol=1e-10, atol=1e-13)
    for ours, b in zip(grads.db, bs):
        np.testing.assert_allclose(ours, b.grad.numpy(), rtol=1e-10, atol=1e-13)


def test_to_torch_forward_equals_ours():
    torch = pytest.importorskip("torch")
    for act in ["tanh", "relu", "leaky_relu", "gelu"]:
        net = nncore.MLP([3, 5, 4, 3], activation=act, output="softmax", seed=3)
        X = np.random.default_rng(0).normal(size=(7, 3))
        model = net.to_torch()
        np.testing.assert_allclose(model(torch.tensor(X)).detach().numpy(), net.predict(X),
                                   rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("sizes, activation, params, output", [
    ([2, 5, 1], "tanh", {}, "sigmoid"),
    ([3, 4, 4, 3], "leaky_relu", {"alpha": 0.2}, "softmax"),
    ([2, 6, 2], "softplus", {"beta": 2.0, "threshold": 10.0}, "linear"),
    ([4, 3, 2], "elu", {"alpha": 0.5}, "tanh"),
])
def test_exported_code_rebuilds_the_same_network_in_torch(sizes, activation, params, output):
    torch = pytest.importorskip("torch")
    from nncore.export import model_code

    net = nncore.MLP(sizes, activation=activation, activation_params=params, output=output)
    rng = np.random.default_rng(sum(sizes))
    # parameters with every digit used (not the init's), so the printed floats must round-trip
    net.params = rng.normal(0.0, 1.5, net.n_params())
    namespace: dict = {}
    exec(compile(model_code(net), "<model_code>", "exec"), namespace)  # imports torch itself
    model = namespace["model"]
    assert isinstance(model, torch.nn.Sequential)
    assert all(p.dtype == torch.float64 for p in model.parameters())
    X = rng.normal(0.0, 3.0, (50, sizes[0]))
    with torch.no_grad():
        out = model(torch.tensor(X)).numpy()
    assert out.shape == (50, sizes[-1])
    assert np.max(np.abs(out - net.predict(X))) <= 1e-12


def test_shapes_layout_and_cache():
    net = nncore.MLP([2, 8, 8, 1], seed=0)
    assert [W.shape for W in net.W] == [(8, 2), (8, 8), (1, 8)]
    assert [b.shape for b in net.b] == [(8,), (8,), (1,)]
    X = np.zeros((5, 2))
    Y_hat, cache = net.forward(X)
    assert Y_hat.shape == (5, 1) and len(cache.A) == 4 and cache.A[0] is not None
    assert cache.Z[0] is None and [Z.shape for Z in cache.Z[1:]] == [(5, 8), (5, 8), (5, 1)]
    np.testing.assert_array_equal(net.predict(X), Y_hat)


def test_no_hidden_layer_is_one_neuron():
    net = nncore.MLP([2, 1], output="sigmoid", seed=1)
    X = np.array([[1.0, -2.0]])
    z = X @ net.W[0].T + net.b[0]
    np.testing.assert_allclose(net.predict(X), 1 / (1 + np.exp(-z)))


def test_same_seed_same_parameters_other_seed_differs():
    a = nncore.MLP([2, 4, 1], seed=7)
    b = nncore.MLP([2, 4, 1], seed=7)
    c = nncore.MLP([2, 4, 1], seed=8)
    assert all(np.array_equal(x, y) for x, y in zip(a.W, b.W))
    assert not np.array_equal(a.W[0], c.W[0])


def test_inits_follow_their_formulas():
    n_in, n_out = 400, 300
    W = nncore.MLP([n_in, n_out], init="xavier").W[0]
    a = np.sqrt(6 / (n_in + n_out))
    assert np.abs(W).max() <= a and np.abs(W).max() > 0.99 * a
    W = nncore.MLP([n_in, n_out], init="he").W[0]
    assert W.std() == pytest.approx(np.sqrt(2 / n_in), rel=0.02)
    net = nncore.MLP([n_in, n_out], init="uniform")
    assert np.abs(net.W[0]).max() <= 0.5 and np.all(net.b[0] == 0.1)
    assert not nncore.MLP([2, 3, 1], init="zeros").get_params().any()


def test_float32_end_to_end():
    net = nncore.MLP([2, 8, 8, 1], dtype=np.float32, seed=0)
    X = np.random.default_rng(0).normal(size=(10, 2))
    Y_hat, cache = net.forward(X)
    grads = net.backward(cache, np.ones(10, dtype=int))
    assert Y_hat.dtype == np.float32 and all(d.dtype == np.float32 for d in grads.dW)
    ref = nncore.MLP([2, 8, 8, 1], dtype=np.float64, seed=0)
    np.testing.assert_allclose(Y_hat, ref.predict(X), rtol=1e-5)


def test_copy_is_deep():
    net = nncore.MLP([2, 3, 1])
    twin = net.copy()
    twin.W[0] += 1.0
    assert not np.array_equal(net.W[0], twin.W[0])


def _assert_params_are_one_buffer(net):
    """W and b are views of net.params: a change through either shows in the other."""
    for l in range(net.L):
        assert np.shares_memory(net.W[l], net.params) and np.shares_memory(net.b[l], net.params)
    before = net.get_params()
    net.params += 1.0
    np.testing.assert_array_equal(net.get_params(), before + 1.0)
    net.params -= 1.0


def test_parameters_stay_one_buffer_through_assignment_copy_pickle_and_astype():
    import copy
    import pickle

    net = nncore.MLP([3, 4, 2], output="softmax", seed=2)
    X = np.random.default_rng(0).normal(size=(6, 3))
    _assert_params_are_one_buffer(net)
    W0 = np.arange(12.0).reshape(4, 3) / 10
    net.W[0] = W0  # item assignment copies into the buffer
    net.b = [np.ones(4), np.zeros(2)]  # so does assigning the whole list
    np.testing.assert_array_equal(net.W[0], W0)
    np.testing.assert_array_equal(net.b[0], 1.0)
    # the forward pass computes with what was assigned
    H = np.tanh(X @ W0.T + 1.0)
    Z = H @ net.W[1].T
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    np.testing.assert_allclose(net.predict(X), P / P.sum(axis=1, keepdims=True), rtol=1e-14)
    for twin in (net.copy(), copy.deepcopy(net), pickle.loads(pickle.dumps(net)),
                 net.astype(np.float32)):
        _assert_params_are_one_buffer(twin)
        assert not np.shares_memory(twin.params, net.params)
        np.testing.assert_allclose(twin.get_params(), net.get_params(), rtol=1e-6)
        twin.W[1][0, 0] = 99.0
        assert net.W[1][0, 0] != 99.0 and twin.params.max() == 99.0
    assert net.astype(np.float32).params.dtype == np.float32


def _ids(net):
    """``net`` with ``params`` = 0, 1, ..., P-1: each W[l][i, j] and b[l][i] then holds its
    own index in ``params`` (exact in float64)."""
    net.params = np.arange(net.n_params(), dtype=net.dtype)
    return [W.astype(int) for W in net.W], [b.astype(int) for b in net.b]


def test_params_is_the_memory_of_W_and_b_and_assigning_copies_in():
    net = nncore.MLP([3, 4, 2], seed=1)
    P = net.n_params()
    assert net.params.shape == (P,) and net.params is net.params  # the buffer, not a copy
    W_ids, b_ids = _ids(net)
    # every parameter exactly once: the index sets of W and b together are 0..P-1
    taken = np.concatenate([a.ravel() for pair in zip(W_ids, b_ids) for a in pair])
    assert sorted(taken) == list(range(P))
    for l in range(net.L):
        assert np.shares_memory(net.W[l], net.params) and np.shares_memory(net.b[l], net.params)
        net.params[W_ids[l][0, 1]] = -7.0  # through params ...
        assert net.W[l][0, 1] == -7.0      # ... seen in W
        net.b[l][1] = -9.0                  # through b ...
        assert net.params[b_ids[l][1]] == -9.0  # ... seen in params
    theta = np.linspace(-1, 1, P)
    buffer = net.params
    net.params = theta  # assigning copies into the same buffer
    assert net.params is buffer and not np.shares_memory(net.params, theta)
    np.testing.assert_array_equal(net.params, theta)
    with pytest.raises(ValueError, match="cannot take"):
        net.params = np.zeros(P + 1)


def test_weight_mask_masks_exactly_the_weights():
    net = nncore.MLP([2, 5, 3, 1], seed=0)
    W_ids, b_ids = _ids(net)
    mask = net.weight_mask
    assert mask.shape == net.params.shape and set(np.unique(mask)) == {0.0, 1.0}
    weights = np.concatenate([W.ravel() for W in W_ids])
    biases = np.concatenate([b for b in b_ids])
    assert sorted(np.flatnonzero(mask == 1)) == sorted(weights)
    assert sorted(np.flatnonzero(mask == 0)) == sorted(biases)
    with pytest.raises(ValueError):  # shared by every regularised step: read-only
        mask[0] = 0.0
    # a copy, a pickle and a cast keep a mask of their own layout
    assert np.array_equal(net.astype(np.float32).weight_mask, mask)


@pytest.mark.parametrize("sizes", [[2, 1], [3, 4, 2], [2, 5, 3, 4]])
def test_dparams_holds_every_dW_and_db_where_params_holds_W_and_b(sizes):
    net = nncore.MLP(sizes, output="softmax" if sizes[-1] > 1 else "sigmoid", seed=3)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(7, sizes[0]))
    y = rng.integers(0, max(sizes[-1], 2), 7)
    grads = net.backward(net.forward(X)[1], y)
    G = grads.dparams
    assert G.shape == (net.n_params(),) and G.dtype == net.dtype
    keep = net.params.copy()
    W_ids, b_ids = _ids(net)  # where each W[l][i, j] and b[l][i] sits in params
    net.params = keep
    for l in range(net.L):
        np.testing.assert_array_equal(G[W_ids[l]], grads.dW[l])
        np.testing.assert_array_equal(G[b_ids[l]], grads.db[l])
    # Grads built by hand from the lists pack to the same layout
    plain = nncore.network.Grads(dW=[d.copy() for d in grads.dW],
                                 db=[d.copy() for d in grads.db])
    np.testing.assert_array_equal(plain.dparams, G)
    # and a plain SGD step is params - alpha * dparams, one operation
    before = net.params.copy()
    nncore.optim.SGD(0.5).step(net, grads)
    np.testing.assert_array_equal(net.params, before - 0.5 * G)


def test_an_optimiser_refuses_gradients_of_another_network():
    net, other = nncore.MLP([2, 3, 1]), nncore.MLP([2, 4, 1])
    X = np.zeros((2, 2))
    grads = other.backward(other.forward(X)[1], np.array([0, 1]))
    with pytest.raises(ValueError, match="parameters"):
        nncore.optim.SGD(0.1).step(net, grads)


def test_check_X_makes_a_batch_of_the_network_dtype_or_says_what_is_wrong():
    net = nncore.MLP([3, 2, 1])
    X = np.ones((4, 3))
    assert net.check_X(X) is X  # already fits: no copy
    one = net.check_X([1, 2, 3])  # one example
    assert one.shape == (1, 3) and one.dtype == np.float64
    assert nncore.MLP([3, 1], dtype=np.float32).check_X(X).dtype == np.float32
    with pytest.raises(ValueError, match=r"shape \(m, 3\)"):
        net.check_X(np.ones((4, 2)))


def test_assigning_a_parameter_of_the_wrong_shape_says_so():
    net = nncore.MLP([2, 3, 1])
    with pytest.raises(ValueError, match=r"shape \(3, 2\)"):
        net.W[0] = np.zeros((2, 3))
    with pytest.raises(ValueError, match="needs 2 arrays"):
        net.b = [np.zeros(3)]


def test_a_cache_and_grads_built_by_hand_give_the_same_step():
    # Cache(A, Z) and Grads(dW, db) as a user (or the tutorial) would build them
    net = nncore.MLP([2, 5, 3, 1], activation="relu", seed=4)
    X, y = nncore.data.make("xor", n=20, noise=0.1, seed=1)
    _, cache = net.forward(X)
    grads = net.backward(cache, y)
    by_hand = nncore.network.Cache(A=[a.copy() for a in cache.A],
                                   Z=[None] + [z.copy() for z in cache.Z[1:]])
    again = net.backward(by_hand, y)
    np.testing.assert_allclose(again.flat(), grads.flat(), rtol=1e-14, atol=1e-16)
    for make in (lambda: nncore.optim.SGD(0.1, momentum=0.9, l2=0.01),
                 lambda: nncore.optim.Adam(0.01, l1=0.001)):
        opt, opt2 = make(), make()
        a, b = net.copy(), net.copy()
        plain = nncore.network.Grads(dW=[d.copy() for d in grads.dW],
                                     db=[d.copy() for d in grads.db])
        for _ in range(3):
            opt.step(a, grads)
            opt2.step(b, plain)
        np.testing.assert_array_equal(a.get_params(), b.get_params())


def test_an_optimiser_moved_to_another_network_starts_afresh():
    opt = nncore.optim.Adam(0.01)
    X, y = nncore.data.make("circle", n=30, noise=0.0, seed=0)
    for sizes in ([2, 4, 1], [2, 6, 6, 1]):
        net = nncore.MLP(sizes, seed=0)
        _, cache = net.forward(X)
        opt.step(net, net.backward(cache, y))
        assert opt.state[0].shape == net.params.shape and opt.t == 1


def test_predict_is_row_major_for_every_output_width():
    for k, output in ((1, "sigmoid"), (3, "softmax")):
        net = nncore.MLP([2, 4, k], output=output, seed=1)
        X = np.random.default_rng(3).normal(size=(5000, 2))  # several row blocks
        P = net.predict(X)
        assert P.shape == (5000, k) and P.flags.c_contiguous
        np.testing.assert_allclose(P, net.forward(X)[0], rtol=1e-13)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: nncore.MLP([2, 4, 1], activation="swishy"), "unknown activation"),
        (lambda: nncore.MLP([2, 0, 1]), "at least one unit"),
        (lambda: nncore.MLP([2]), "at least an input and an output"),
        (lambda: nncore.MLP([2, 1], output="relu6"), "unknown output"),
        (lambda: nncore.MLP([2, 1], init="orthogonal"), "unknown init"),
        (lambda: nncore.MLP([2, 1]).forward(np.zeros((4, 3))), "shape (m, 2)"),
        (lambda: nncore.MLP([2, 1], dtype=np.int32), "float32 or float64"),
    ],
)
def test_bad_arguments_raise_clear_value_errors(make, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        make()


def test_labels_outside_the_classes_raise():
    net = nncore.MLP([2, 3], output="softmax")
    _, cache = net.forward(np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"class labels must lie in 0\.\.2"):
        net.backward(cache, np.array([0, 3]))
    net = nncore.MLP([2, 1], output="sigmoid")
    _, cache = net.forward(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="bce labels"):
        net.backward(cache, np.array([0, 2]))
    with pytest.raises(ValueError, match="rows"):
        net.backward(cache, np.array([0, 1, 1]))


def test_fused_output_stays_finite_when_saturated():
    net = nncore.MLP([1, 1], output="sigmoid")
    net.W, net.b = [np.array([[1000.0]])], [np.array([0.0])]
    _, cache = net.forward(np.array([[1.0], [-1.0]]))
    g = net.backward(cache, np.array([0, 1]))
    assert np.isfinite(g.loss) and g.loss == pytest.approx(1000.0)
    assert np.all(np.isfinite(g.dW[0]))
    assert losses.get("bce").value(cache.A[-1], np.array([0, 1]), cache.Z[-1]) == g.loss


def test_grads_built_by_hand_have_a_loss_and_a_repr():
    # issue 27: Grads(dW, db) as the docstring allows raised ValueError on .loss and repr()
    dW = [np.array([[1.0, -2.0], [0.5, 0.0], [3.0, 1.0]]), np.array([[0.25, -1.0, 2.0]])]
    db = [np.array([0.1, 0.2, 0.3]), np.array([-0.5])]
    plain = nncore.network.Grads(dW=dW, db=db)
    assert np.isnan(plain.loss)  # no batch, no loss: NaN, as the docstring says
    assert repr(plain) == "Grads(dW shapes=[(3, 2), (1, 3)], loss=nan)"
    # the blocks [dW | db] row by row, written out by hand
    np.testing.assert_array_equal(
        plain.dparams,
        [1.0, -2.0, 0.1, 0.5, 0.0, 0.2, 3.0, 1.0, 0.3, 0.25, -1.0, 2.0, -0.5])
    np.testing.assert_array_equal(
        plain.flat(), [1.0, -2.0, 0.5, 0.0, 3.0, 1.0, 0.1, 0.2, 0.3, 0.25, -1.0, 2.0, -0.5])
    assert plain.dZ == [] and plain.dA == []
    # a loss given by hand is kept and shown
    told = nncore.network.Grads(dW=dW, db=db, loss=0.75)
    assert told.loss == 0.75
    assert repr(told) == "Grads(dW shapes=[(3, 2), (1, 3)], loss=0.75)"
    # with nothing at all: empty, not an error
    empty = nncore.network.Grads()
    assert repr(empty) == "Grads(dW shapes=[], loss=nan)"
    assert empty.dparams.shape == (0,) and empty.flat().shape == (0,)


def test_backward_grads_loss_equals_the_loss_function():
    net = nncore.MLP([2, 3, 2], output="softmax", seed=1)
    X = np.array([[0.5, -1.0], [2.0, 0.25], [-0.3, 0.7]])
    y = np.array([1, 0, 1])
    A, cache = net.forward(X)
    grads = net.backward(cache, y)
    assert grads.loss == losses.get("cross_entropy").value(A, y, cache.Z[-1])
    assert repr(grads) == f"Grads(dW shapes=[(3, 2), (2, 3)], loss={grads.loss:.6g})"


def test_block_spans_locate_each_W_b_block_in_params():
    net = nncore.MLP([3, 4, 2], seed=0)
    spans = nncore.network.block_spans(net.sizes)
    assert spans == [(0, 16, (4, 4)), (16, 26, (2, 5))]
    for (i, j, shape), W, b in zip(spans, net.W, net.b):
        block = net.params[i:j].reshape(shape)
        np.testing.assert_array_equal(block[:, :-1], W)
        np.testing.assert_array_equal(block[:, -1], b)
