"""The multilayer perceptron: parameters, forward propagation with a cache, backpropagation.

Notation (the tutorial's, with batches as rows)::

    A[0] = X                       (m, n[0])
    Z[l] = A[l-1] @ W[l].T + b[l]  (m, n[l])     W[l]: (n[l], n[l-1]), b[l]: (n[l],)
    A[l] = g(Z[l])                 hidden layers; the output layer uses the output activation
    Y_hat = A[L]

``net.W[l-1]`` holds the tutorial's W^[l] (Python lists start at 0), while the cache
keeps ``Z[l]`` and ``A[l]`` at index ``l`` (``Z[0]`` is ``None``), so ``cache.Z[l]`` is z^[l].
The layout of ``W`` is ``torch.nn.Linear.weight``'s, so parameters copy to PyTorch as they are.
"""

from __future__ import annotations

import copy as _copy
from dataclasses import dataclass, field

import numpy as np

from nncore import activations, losses

__all__ = ["MLP", "Cache", "Grads", "OUTPUTS", "INITS", "block_rows"]

#: output activations: "softmax" is handled here, the others are nncore activations
OUTPUTS = ("sigmoid", "softmax", "linear", "tanh")
#: weight initialisations
INITS = ("xavier", "he", "uniform", "zeros")

# (output, loss) pairs whose output derivative cancels with the loss's: dZ[L] = (A[L] - Y) / m.
# Computing it directly is both faster and stable when A[L] rounds to 0 or 1.
_FUSED = {("sigmoid", "bce"), ("softmax", "cross_entropy")}


def block_rows(sizes) -> int:
    """Rows per block for a forward pass over many points (e.g. a 100x100 grid).

    One (10,000 x 8) @ (8 x 8) product is large enough for OpenBLAS to spread over
    threads; on a small shared machine (2 cores, Community Cloud too) the threads wait on
    each other and it runs several times slower than single-threaded blocks that also stay
    in cache. The block keeps rows * width^2 below OpenBLAS's threading threshold.
    """
    w = max(sizes)
    return int(np.clip(131072 // (w * w), 256, 4096))


@dataclass
class Cache:
    """What the forward pass keeps for the backward pass.

    Attributes
    ----------
    A : list of ndarray
        ``A[l]`` of shape (m, n[l]) for l = 0..L; ``A[0]`` is the input X, ``A[L]`` is Y_hat.
    Z : list of ndarray or None
        ``Z[l]`` of shape (m, n[l]) for l = 1..L; ``Z[0]`` is ``None``.
    """

    A: list
    Z: list


@dataclass
class Grads:
    """Gradients of the mean loss, in the layer order of ``net.W``.

    Attributes
    ----------
    dW, db : list of ndarray
        ``dW[l-1]`` (n[l], n[l-1]) and ``db[l-1]`` (n[l],) are dL/dW^[l] and dL/db^[l].
    dZ, dA : list of ndarray or None
        ``dZ[l]`` and ``dA[l]`` (m, n[l]) for l = 1..L, kept for display; index 0 is ``None``.
    loss : float
        The mean loss of the batch (without regularisation), computed on first use.
    """

    dW: list
    db: list
    dZ: list = field(default_factory=list)
    dA: list = field(default_factory=list)
    _loss_args: tuple = field(default=(), repr=False)
    _loss: float | None = field(default=None, repr=False)

    @property
    def loss(self) -> float:
        """The mean loss of the batch (without regularisation), computed on first use."""
        if self._loss is None:
            lossf, AL, T, ZL = self._loss_args
            self._loss = lossf._value(AL, T, ZL) if self._loss_args else float("nan")
        return self._loss

    def flat(self) -> np.ndarray:
        """All gradients packed in the order of :meth:`MLP.get_params`, shape (P,)."""
        return np.concatenate([a.ravel() for pair in zip(self.dW, self.db) for a in pair])


def _softmax(Z: np.ndarray) -> np.ndarray:
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    E /= E.sum(axis=1, keepdims=True)
    return E


def _check_sizes(sizes) -> list[int]:
    try:
        sizes = [int(s) for s in sizes]
    except (TypeError, ValueError):
        raise ValueError(f"sizes must be a list of positive integers, got {sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least an input and an output width, got {sizes}")
    if min(sizes) < 1:
        raise ValueError(f"every layer needs at least one unit; sizes {sizes} has {min(sizes)}")
    return sizes


class MLP:
    """A fully connected network ``sizes[0] -> ... -> sizes[-1]``.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths, input first: ``[2, 8, 8, 1]`` has two hidden layers; ``[2, 1]`` is one neuron.
    activation : str
        Hidden-layer activation, any name of :func:`nncore.activations.names`.
    output : {"sigmoid", "softmax", "linear", "tanh"}
        Output activation. Its default loss: bce, cross_entropy, mse, mse.
    init : {"xavier", "he", "uniform", "zeros"}
        ``xavier``: W ~ U(-a, a), a = sqrt(6 / (n_in + n_out)), b = 0 (torch's xavier_uniform_).
        ``he``: W ~ N(0, 2 / n_in), b = 0. ``uniform``: TensorFlow Playground's
        W ~ U(-0.5, 0.5), b = 0.1. ``zeros``: everything 0 (shows the symmetry problem).
    seed : int
        Seed of the initialisation; the same seed gives bit-identical parameters.
    dtype : numpy dtype
        ``np.float64`` (default, exact parity with PyTorch) or ``np.float32`` (faster).
    activation_params : dict, optional
        Parameters of the hidden activation, e.g. ``{"alpha": 0.1}`` for leaky_relu.
    """

    def __init__(
        self,
        sizes,
        activation: str = "tanh",
        output: str = "sigmoid",
        init: str = "xavier",
        seed: int = 0,
        dtype=np.float64,
        activation_params: dict | None = None,
    ) -> None:
        self.sizes = _check_sizes(sizes)
        self.activation = activations.get(activation, **(activation_params or {}))
        if output not in OUTPUTS:
            raise ValueError(f"unknown output {output!r}; choose one of {list(OUTPUTS)}")
        if init not in INITS:
            raise ValueError(f"unknown init {init!r}; choose one of {list(INITS)}")
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float32 or float64, got {self.dtype}")
        self.output = output
        self.init = init
        self.seed = int(seed)
        self._out = None if output == "softmax" else activations.get(output)
        self.loss_name = losses.DEFAULT_FOR_OUTPUT[output]
        self.W, self.b = self._init_params(np.random.default_rng(self.seed))

    # ------------------------------------------------------------------ parameters
    @property
    def L(self) -> int:
        """Number of layers with parameters (hidden layers + the output layer)."""
        return len(self.sizes) - 1

    def _init_params(self, rng: np.random.Generator) -> tuple[list, list]:
        W, b = [], []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            if self.init == "xavier":
                a = np.sqrt(6.0 / (n_in + n_out))
                Wl, bl = rng.uniform(-a, a, (n_out, n_in)), np.zeros(n_out)
            elif self.init == "he":
                Wl, bl = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_out, n_in)), np.zeros(n_out)
            elif self.init == "uniform":
                Wl, bl = rng.uniform(-0.5, 0.5, (n_out, n_in)), np.full(n_out, 0.1)
            else:
                Wl, bl = np.zeros((n_out, n_in)), np.zeros(n_out)
            W.append(Wl.astype(self.dtype))
            b.append(bl.astype(self.dtype))
        return W, b

    def n_params(self) -> int:
        """Total number of weights and biases."""
        return sum(w.size + c.size for w, c in zip(self.W, self.b))

    def get_params(self) -> np.ndarray:
        """All parameters packed as ``[W1.ravel(), b1, W2.ravel(), b2, ...]``, shape (P,)."""
        return np.concatenate([a.ravel() for pair in zip(self.W, self.b) for a in pair])

    def set_params(self, theta: np.ndarray) -> None:
        """Unpack a vector made by :meth:`get_params` into ``W`` and ``b`` (copies)."""
        theta = np.asarray(theta)
        if theta.shape != (self.n_params(),):
            raise ValueError(f"expected {self.n_params()} parameters, got shape {theta.shape}")
        i = 0
        for l in range(self.L):
            for arr in (self.W[l], self.b[l]):
                arr[...] = theta[i : i + arr.size].reshape(arr.shape)
                i += arr.size

    def copy(self) -> MLP:
        """A deep copy (parameters are not shared)."""
        return _copy.deepcopy(self)

    def astype(self, dtype) -> MLP:
        """A copy with parameters cast to ``dtype``."""
        net = self.copy()
        net.dtype = np.dtype(dtype)
        net.W = [w.astype(dtype) for w in net.W]
        net.b = [c.astype(dtype) for c in net.b]
        return net

    # ------------------------------------------------------------------ forward
    def _check_X(self, X) -> np.ndarray:
        if type(X) is np.ndarray and X.dtype == self.dtype and X.ndim == 2:
            if X.shape[1] == self.sizes[0]:
                return X
        X = np.asarray(X)
        if X.ndim == 1:
            X = X.reshape(1, -1)
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X must have shape (m, {self.sizes[0]}) for this network, got {X.shape}"
            )
        return X.astype(self.dtype, copy=False)

    def _output(self, Z: np.ndarray) -> np.ndarray:
        return _softmax(Z) if self._out is None else self._out.g(Z)

    def forward(self, X) -> tuple[np.ndarray, Cache]:
        """Forward propagation, caching every ``Z[l]`` and ``A[l]``.

        Parameters
        ----------
        X : array_like, shape (m, n[0])

        Returns
        -------
        Y_hat : ndarray, shape (m, n[L])
        cache : Cache
        """
        A = [self._check_X(X)]
        Z = [None]
        g = self.activation.g
        last = self.L - 1
        for l, (Wl, bl) in enumerate(zip(self.W, self.b)):
            Zl = A[-1] @ Wl.T
            Zl += bl
            Z.append(Zl)
            A.append(self._output(Zl) if l == last else g(Zl))
        return A[-1], Cache(A=A, Z=Z)

    def predict(self, X) -> np.ndarray:
        """The output ``A[L]`` for ``X`` (m, n[0]) without keeping a cache, shape (m, n[L])."""
        X = self._check_X(X)
        rows = block_rows(self.sizes)
        if X.shape[0] > rows:
            return np.concatenate(
                [self._predict(X[i : i + rows]) for i in range(0, X.shape[0], rows)]
            )
        return self._predict(X)

    def _predict(self, A: np.ndarray) -> np.ndarray:
        g = self.activation.g
        last = self.L - 1
        for l, (Wl, bl) in enumerate(zip(self.W, self.b)):
            Zl = A @ Wl.T
            Zl += bl
            A = self._output(Zl) if l == last else g(Zl)
        return A

    # ------------------------------------------------------------------ backward
    def backward(self, cache: Cache, Y, loss: str | None = None, full: bool = False) -> Grads:
        """Backpropagation from the loss to every ``dW[l]`` and ``db[l]``.

        Parameters
        ----------
        cache : Cache
            From :meth:`forward` on the same batch.
        Y : ndarray, shape (m,) or (m, n[L])
            Labels (0/1 for bce, class indices for cross_entropy) or targets (mse).
        loss : str, optional
            Loss name; defaults to the output's loss (``net.loss_name``).
        full : bool
            Also fill ``grads.dA[L]`` (dL/dA[L], the tutorial's da^[L]) when the output and
            loss are fused; it is never needed to compute the gradients.

        Returns
        -------
        Grads
        """
        lossf = losses.get(loss or self.loss_name)
        A, Z, L = cache.A, cache.Z, self.L
        AL, ZL = A[L], Z[L]
        m = AL.shape[0]
        T = lossf.targets(Y, AL)
        dA = [None] * (L + 1)
        dZ = [None] * (L + 1)
        if (self.output, lossf.name) in _FUSED:
            dZl = (AL - T) / m
            if full:
                dA[L] = lossf.dA(AL, Y)
        else:
            dA[L] = lossf.dA(AL, Y)
            if self._out is None:  # softmax: Jacobian-vector product
                dZl = AL * (dA[L] - np.sum(dA[L] * AL, axis=1, keepdims=True))
            else:
                dZl = dA[L] * self._out.dg(ZL, AL)
        dW = [None] * L
        db = [None] * L
        dg = self.activation.dg
        # db as ones @ dZ: a BLAS product is ~4x faster than dZ.sum(axis=0) on these shapes
        ones = np.ones(m, dtype=dZl.dtype)
        for l in range(L, 0, -1):
            dZ[l] = dZl
            dW[l - 1] = dZl.T @ A[l - 1]
            db[l - 1] = ones @ dZl
            if l > 1:
                dA[l - 1] = dZl @ self.W[l - 1]
                dZl = dA[l - 1] * dg(Z[l - 1], A[l - 1])
        # the loss value is only computed when asked for: a training step does not need it
        args = (lossf, AL, T, ZL if lossf.name != "mse" else None)
        return Grads(dW=dW, db=db, dZ=dZ, dA=dA, _loss_args=args)

    def loss(self, X, Y, loss: str | None = None) -> float:
        """Mean loss of the network on ``(X, Y)``."""
        lossf = losses.get(loss or self.loss_name)
        _, cache = self.forward(X)
        return lossf.value(cache.A[-1], Y, cache.Z[-1] if lossf.name != "mse" else None)

    # ------------------------------------------------------------------ export
    def to_torch(self, logits: bool = False):
        """An equivalent ``torch.nn.Sequential`` with the same parameters (float64 or float32).

        Parameters
        ----------
        logits : bool
            Leave out the output activation, e.g. to pair with ``BCEWithLogitsLoss``.
        """
        from nncore.torch_ref import to_torch

        return to_torch(self, logits=logits)

    def __repr__(self) -> str:
        return (
            f"MLP(sizes={self.sizes}, activation={self.activation.name!r}, "
            f"output={self.output!r}, init={self.init!r}, seed={self.seed}, "
            f"dtype=np.{self.dtype.name})"
        )
