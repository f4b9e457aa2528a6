"""Loss functions: the value and its gradient with respect to the network output.

Every loss is a mean over the batch, like PyTorch's default ``reduction="mean"``.

=================  ==============  =========================================
name               output layer    equals (PyTorch)
=================  ==============  =========================================
``bce``            sigmoid         ``BCEWithLogitsLoss`` on the logits ``Z``
``cross_entropy``  softmax         ``CrossEntropyLoss`` (integer labels)
``mse``            any             ``MSELoss`` (mean over every element)
=================  ==============  =========================================

For ``bce`` and ``cross_entropy`` pass the output layer's pre-activation ``Z``
(the logits) to :meth:`Loss.value`: the loss is then computed from ``Z`` with
the log-sum-exp trick, so it stays finite even when ``A`` rounds to 0 or 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Loss", "get", "names", "as_targets"]


def as_targets(Y: np.ndarray, A: np.ndarray, name: str) -> np.ndarray:
    """Shape the labels ``Y`` like the output ``A`` (one-hot for cross-entropy).

    Parameters
    ----------
    Y : ndarray, shape (m,) or (m, k)
        Labels: 0/1 for ``bce``, integer classes for ``cross_entropy``, targets for ``mse``.
    A : ndarray, shape (m, k)
        The network output.
    name : str
        The loss name.

    Returns
    -------
    ndarray, shape (m, k), the dtype of ``A``.
    """
    if type(Y) is np.ndarray and Y.dtype == A.dtype and Y.shape == A.shape:
        # the hot path: float targets shaped like the output (e.g. made once by a Trainer)
        # are used as given; labels are checked when they come as class indices
        return Y
    Y = np.asarray(Y)
    m, k = A.shape
    if Y.shape[0] != m:
        raise ValueError(f"labels have {Y.shape[0]} rows but the output has {m}")
    if name == "cross_entropy":
        if Y.shape == A.shape and Y.ndim == 2 and np.issubdtype(Y.dtype, np.floating):
            return Y.astype(A.dtype, copy=False)  # already one-hot
        if Y.ndim != 1 or not np.issubdtype(Y.dtype, np.integer):
            if Y.ndim == 1 and np.all(np.mod(Y, 1) == 0):
                Y = Y.astype(np.int64)
            else:
                raise ValueError("cross_entropy needs integer class labels of shape (m,)")
        if Y.size and (Y.min() < 0 or Y.max() >= k):
            raise ValueError(f"class labels must lie in 0..{k - 1}; got {Y.min()}..{Y.max()}")
        T = np.zeros_like(A)
        T[np.arange(m), Y] = 1.0
        return T
    Y = Y.reshape(m, -1) if Y.ndim == 1 else Y
    if Y.shape != A.shape:
        raise ValueError(f"labels of shape {Y.shape} do not match the output {A.shape}")
    if name == "bce" and Y.size and not (Y.min() >= 0 and Y.max() <= 1):
        raise ValueError("bce labels must lie in [0, 1] (binary labels are 0/1)")
    return Y.astype(A.dtype, copy=False)


def _bce_value(A: np.ndarray, T: np.ndarray, Z: np.ndarray | None) -> float:
    if Z is not None:
        # log(1 + e^-|z|) + max(z, 0) - z*t: torch's BCEWithLogitsLoss, finite for any z
        return float(np.mean(np.maximum(Z, 0) - Z * T + np.log1p(np.exp(-np.abs(Z)))))
    eps = np.finfo(A.dtype).eps
    Ac = np.clip(A, eps, 1 - eps)
    return float(-np.mean(T * np.log(Ac) + (1 - T) * np.log1p(-Ac)))


def _bce_dA(A: np.ndarray, T: np.ndarray) -> np.ndarray:
    # the tutorial's da = -(y/a) + (1-y)/(1-a), averaged over the batch
    with np.errstate(divide="ignore", invalid="ignore"):
        return (-(T / A) + (1 - T) / (1 - A)) / A.shape[0]


def _ce_value(A: np.ndarray, T: np.ndarray, Z: np.ndarray | None) -> float:
    if Z is not None:
        Zs = Z - Z.max(axis=1, keepdims=True)
        log_softmax = Zs - np.log(np.exp(Zs).sum(axis=1, keepdims=True))
        return float(-np.mean(np.sum(T * log_softmax, axis=1)))
    eps = np.finfo(A.dtype).tiny
    return float(-np.mean(np.sum(T * np.log(np.maximum(A, eps)), axis=1)))


def _ce_dA(A: np.ndarray, T: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return -(T / A) / A.shape[0]


def _mse_value(A: np.ndarray, T: np.ndarray, Z: np.ndarray | None) -> float:
    return float(np.mean((A - T) ** 2))


def _mse_dA(A: np.ndarray, T: np.ndarray) -> np.ndarray:
    return 2.0 * (A - T) / A.size


@dataclass(frozen=True)
class Loss:
    """A loss: ``value(A, Y, Z)`` and ``dA(A, Y)``.

    Attributes
    ----------
    name : str
        ``"bce"``, ``"cross_entropy"`` or ``"mse"``.
    output : str or None
        The output activation this loss is paired with (``None``: any).
    latex : str
        The formula, in the tutorial's notation.
    """

    name: str
    output: str | None
    latex: str
    _value: object
    _dA: object

    def targets(self, Y: np.ndarray, A: np.ndarray) -> np.ndarray:
        """Labels shaped like ``A`` (one-hot for cross-entropy), shape (m, k)."""
        return as_targets(Y, A, self.name)

    def value(self, A: np.ndarray, Y: np.ndarray, Z: np.ndarray | None = None) -> float:
        """Mean loss over the batch.

        Parameters
        ----------
        A : ndarray, shape (m, k)
            Output of the network (after the output activation).
        Y : ndarray, shape (m,) or (m, k)
            Labels or targets.
        Z : ndarray, shape (m, k), optional
            Output pre-activation (logits); used by ``bce`` and ``cross_entropy`` for stability.
        """
        A = np.atleast_2d(A) if A.ndim == 1 else A
        return self._value(A, self.targets(Y, A), Z)

    def dA(self, A: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """Gradient of the mean loss with respect to ``A``, shape (m, k) (includes 1/m)."""
        return self._dA(A, self.targets(Y, A))


_LOSSES = {
    "bce": Loss(
        "bce",
        "sigmoid",
        r"\mathcal{L} = -\frac{1}{m}\sum_{i}\left[y\log a + (1-y)\log(1-a)\right]",
        _bce_value,
        _bce_dA,
    ),
    "cross_entropy": Loss(
        "cross_entropy",
        "softmax",
        r"\mathcal{L} = -\frac{1}{m}\sum_{i}\log a_{y_i}",
        _ce_value,
        _ce_dA,
    ),
    "mse": Loss(
        "mse",
        None,
        r"\mathcal{L} = \frac{1}{mk}\sum_{i,j}(a_{ij}-y_{ij})^2",
        _mse_value,
        _mse_dA,
    ),
}

#: the loss that goes with each output activation by default
DEFAULT_FOR_OUTPUT = {"sigmoid": "bce", "softmax": "cross_entropy", "linear": "mse", "tanh": "mse"}


def names() -> list[str]:
    """The loss names."""
    return list(_LOSSES)


def get(name: str) -> Loss:
    """The loss called ``name``; ``ValueError`` for an unknown name."""
    if isinstance(name, Loss):
        return name
    try:
        return _LOSSES[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown loss {name!r}; choose one of {names()}") from None
