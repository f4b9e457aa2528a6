"""How far nncore's activations are from PyTorch's: max |g - torch| and |g' - autograd|.

torch is imported inside :func:`compare_activation` only (importing it costs seconds and
~180 MB; the activations page calls this on a button press).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore.activations import Activation


@dataclass(frozen=True)
class TorchAgreement:
    """Largest absolute differences over the test points.

    ``max_dg_diff`` is None when PyTorch has no derivative for the function (the step
    unit: autograd raises for ``heaviside``).
    """

    name: str
    max_g_diff: float
    max_dg_diff: float | None
    n_points: int


def comparison_points() -> np.ndarray:
    """Test points: a dense grid over [-30, 30], the tails out to +-1000, the kink z = 0.

    Shape (n,), float64. The kink is included on purpose: nncore follows torch's
    convention there (relu'(0) = 0, leaky_relu'(0) = alpha, elu'(0) = alpha).
    """
    dense = np.linspace(-30.0, 30.0, 6001)
    tails = np.concatenate([-np.geomspace(1000.0, 30.0, 50), np.geomspace(30.0, 1000.0, 50)])
    return np.unique(np.concatenate([dense, tails, [0.0]]))


def compare_activation(act: Activation, z: np.ndarray | None = None) -> TorchAgreement:
    """Compare ``act.g`` and ``act.dg`` with ``torch.nn`` and autograd, in float64.

    Parameters
    ----------
    act : Activation
    z : ndarray, shape (n,), optional; default :func:`comparison_points`
    """
    import torch

    from nncore.torch_ref import torch_activation

    z = comparison_points() if z is None else np.asarray(z, dtype=np.float64)
    module = torch_activation(act.name, act.params)
    zt = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    at = module(zt)
    g_diff = float(np.max(np.abs(act.g(z) - at.detach().numpy())))
    dg_diff: float | None
    try:
        (grad,) = torch.autograd.grad(at.sum(), zt)
    except RuntimeError:  # no derivative defined in torch (heaviside)
        dg_diff = None
    else:
        dg_diff = float(np.max(np.abs(act.dg(z) - grad.numpy())))
    return TorchAgreement(act.name, g_diff, dg_diff, int(z.size))
