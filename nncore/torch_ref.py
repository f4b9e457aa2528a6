"""The one bridge to PyTorch: the same network in torch, autograd references, and how far
nncore's activations are from torch's (the export to a PyTorch script is
:mod:`nncore.export`).

torch is imported inside each function, never at import time: importing it costs
seconds and ~180 MB, which a page load must not pay (the pages call these on a button
press).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

import numpy as np

from nncore.activations import Activation

__all__ = ["available", "to_torch", "torch_activation", "autograd_grads",
           "TorchAgreement", "comparison_points", "compare_activation"]


def available() -> bool:
    """Whether torch can be imported here, found without importing it (which costs seconds
    and hundreds of MB). torch is optional at run time: the app's PyTorch checks use it."""
    try:
        return importlib.util.find_spec("torch") is not None
    except (ImportError, ValueError):
        return False


def torch_activation(name: str, params: dict | None = None):
    """The ``torch.nn`` module for an nncore activation or output name."""
    import torch
    from torch import nn

    params = params or {}

    class StepFn(torch.autograd.Function):
        """heaviside with the M-P unit's derivative, 0 (torch defines none, and its
        autograd raised "derivative for aten::heaviside is not implemented")."""

        @staticmethod
        def forward(ctx, z):
            return torch.heaviside(z, torch.ones((), dtype=z.dtype))

        @staticmethod
        def backward(ctx, grad):
            return torch.zeros_like(grad)

    class Step(nn.Module):
        """The M-P threshold unit: 1 for z >= 0, else 0, with derivative 0 (as nncore)."""

        def forward(self, z):
            return StepFn.apply(z)

    table = {
        "sigmoid": lambda: nn.Sigmoid(),
        "tanh": lambda: nn.Tanh(),
        "relu": lambda: nn.ReLU(),
        "leaky_relu": lambda: nn.LeakyReLU(params.get("alpha", 0.01)),
        "elu": lambda: nn.ELU(params.get("alpha", 1.0)),
        "selu": lambda: nn.SELU(),
        "gelu": lambda: nn.GELU(approximate="tanh"),
        "silu": lambda: nn.SiLU(),
        "mish": lambda: nn.Mish(),
        "softplus": lambda: nn.Softplus(params.get("beta", 1.0), params.get("threshold", 20.0)),
        "softsign": lambda: nn.Softsign(),
        "linear": lambda: nn.Identity(),
        "step": lambda: Step(),
        "softmax": lambda: nn.Softmax(dim=1),
    }
    if name not in table:
        raise ValueError(f"no PyTorch counterpart for activation {name!r}")
    return table[name]()


@dataclass(frozen=True)
class TorchAgreement:
    """Largest absolute differences of an activation from PyTorch's over the test points.

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
    """Compare ``act.g`` and ``act.dg`` with ``torch.nn`` and autograd, in float64:
    max |g - torch| and max |g' - autograd| (the Activations page's comparison table).

    Parameters
    ----------
    act : Activation
    z : ndarray, shape (n,), optional; default :func:`comparison_points`
    """
    import torch

    z = comparison_points() if z is None else np.asarray(z, dtype=np.float64)
    module = torch_activation(act.name, act.params)
    zt = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    at = module(zt)
    g_diff = float(np.max(np.abs(act.g(z) - at.detach().numpy())))
    dg_diff: float | None = None
    if act.name != "step":  # torch defines no derivative for heaviside: nothing to compare
        (grad,) = torch.autograd.grad(at.sum(), zt)  # (the Step module's 0 is nncore's own)
        dg_diff = float(np.max(np.abs(act.dg(z) - grad.numpy())))
    return TorchAgreement(act.name, g_diff, dg_diff, int(z.size))


def to_torch(net, logits: bool = False):
    """A ``torch.nn.Sequential`` equal to ``net``, with copies of its parameters.

    Parameters
    ----------
    net : nncore.MLP
    logits : bool
        Leave out the output activation (for ``BCEWithLogitsLoss``/``CrossEntropyLoss``).
    """
    import torch
    from torch import nn

    dtype = torch.float64 if net.dtype == np.float64 else torch.float32
    layers = []
    for l, (Wl, bl) in enumerate(zip(net.W, net.b)):
        lin = nn.Linear(Wl.shape[1], Wl.shape[0], dtype=dtype)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(np.array(Wl)))
            lin.bias.copy_(torch.from_numpy(np.array(bl)))
        layers.append(lin)
        if l < net.L - 1:
            layers.append(torch_activation(net.activation.name, net.activation.params))
        elif not logits:
            layers.append(torch_activation(net.output))
    return nn.Sequential(*layers)


def autograd_grads(net, X: np.ndarray, Y: np.ndarray, loss: str | None = None) -> dict:
    """Loss, dW and db of ``net`` on ``(X, Y)`` computed by PyTorch autograd.

    Returns
    -------
    dict with ``loss`` (float), ``dW`` and ``db`` (lists of ndarray in ``net.W`` order).
    """
    import torch

    loss = loss or net.loss_name
    model = to_torch(net, logits=loss in ("bce", "cross_entropy"))
    dtype = model[0].weight.dtype
    Xt = torch.as_tensor(np.asarray(X), dtype=dtype)
    out = model(Xt)
    Y = np.asarray(Y)
    if loss == "bce":
        target = torch.as_tensor(Y.reshape(out.shape), dtype=dtype)
        value = torch.nn.functional.binary_cross_entropy_with_logits(out, target)
    elif loss == "cross_entropy":
        value = torch.nn.functional.cross_entropy(out, torch.as_tensor(Y, dtype=torch.long))
    elif loss == "mse":
        target = torch.as_tensor(Y.reshape(out.shape), dtype=dtype)
        value = torch.nn.functional.mse_loss(out, target)
    else:
        raise ValueError(f"unknown loss {loss!r}")
    value.backward()
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    return {
        "loss": float(value.detach()),
        "dW": [m.weight.grad.detach().numpy().copy() for m in linears],
        "db": [m.bias.grad.detach().numpy().copy() for m in linears],
    }
