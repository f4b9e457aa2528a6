"""nncore.losses against PyTorch and finite differences."""

import numpy as np
import pytest

from nncore import losses

torch = pytest.importorskip("torch")
F = torch.nn.functional


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("scale", [1.0, 30.0, 800.0])
def test_bce_equals_bce_with_logits(scale):
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(50, 1)) * scale
    y = rng.integers(0, 2, 50)
    ours = losses.get("bce").value(_sigmoid(Z) if scale < 100 else np.zeros_like(Z) + 0.5, y, Z)
    ref = F.binary_cross_entropy_with_logits(torch.tensor(Z), torch.tensor(y, dtype=torch.float64)
                                             .view(-1, 1)).item()
    assert np.isfinite(ours) and ours == pytest.approx(ref, rel=1e-13)


def test_cross_entropy_equals_torch():
    rng = np.random.default_rng(1)
    Z = rng.normal(size=(40, 4)) * 5
    y = rng.integers(0, 4, 40)
    ce = losses.get("cross_entropy")
    ref = F.cross_entropy(torch.tensor(Z), torch.tensor(y)).item()
    assert ce.value(_softmax(Z), y, Z) == pytest.approx(ref, rel=1e-13)
    assert ce.value(_softmax(Z), y) == pytest.approx(ref, rel=1e-12)  # from probabilities


def test_mse_equals_torch():
    rng = np.random.default_rng(2)
    A, Y = rng.normal(size=(30, 3)), rng.normal(size=(30, 3))
    ref = F.mse_loss(torch.tensor(A), torch.tensor(Y)).item()
    assert losses.get("mse").value(A, Y) == pytest.approx(ref, rel=1e-14)


@pytest.mark.parametrize("name", ["bce", "cross_entropy", "mse"])
def test_dA_matches_autograd(name):
    rng = np.random.default_rng(3)
    if name == "bce":
        A, Y = rng.uniform(0.05, 0.95, (20, 1)), rng.integers(0, 2, 20)
        At = torch.tensor(A, requires_grad=True)
        F.binary_cross_entropy(At, torch.tensor(Y, dtype=torch.float64).view(-1, 1)).backward()
    elif name == "cross_entropy":
        A, Y = _softmax(rng.normal(size=(20, 3))), rng.integers(0, 3, 20)
        At = torch.tensor(A, requires_grad=True)
        F.nll_loss(torch.log(At), torch.tensor(Y)).backward()
    else:
        A, Y = rng.normal(size=(20, 2)), rng.normal(size=(20, 2))
        At = torch.tensor(A, requires_grad=True)
        F.mse_loss(At, torch.tensor(Y)).backward()
    np.testing.assert_allclose(losses.get(name).dA(A, Y), At.grad.numpy(), rtol=1e-12)


def test_dA_matches_finite_differences():
    rng = np.random.default_rng(4)
    A, Y = rng.uniform(0.1, 0.9, (6, 1)), rng.integers(0, 2, 6)
    bce, h = losses.get("bce"), 1e-6
    num = np.zeros_like(A)
    for i in range(6):
        e = np.zeros_like(A)
        e[i] = h
        num[i] = (bce.value(A + e, Y) - bce.value(A - e, Y)) / (2 * h)
    np.testing.assert_allclose(bce.dA(A, Y), num, rtol=1e-6)


def test_unknown_loss_and_bad_labels():
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        losses.get("hinge")
    with pytest.raises(ValueError, match="class labels must lie in 0..2"):
        losses.get("cross_entropy").value(np.full((2, 3), 1 / 3), np.array([0, 5]))
    with pytest.raises(ValueError, match="integer class labels"):
        losses.get("cross_entropy").value(np.full((2, 3), 1 / 3), np.array([0.5, 1.0]))
    assert losses.names() == ["bce", "cross_entropy", "mse"]
