"""The multilayer perceptron: parameters, forward propagation with a cache, backpropagation.

Notation (the tutorial's, with batches as rows)::

    A[0] = X                       (m, n[0])
    Z[l] = A[l-1] @ W[l].T + b[l]  (m, n[l])     W[l]: (n[l], n[l-1]), b[l]: (n[l],)
    A[l] = g(Z[l])                 hidden layers; the output layer uses the output activation
    Y_hat = A[L]

``net.W[l-1]`` holds the tutorial's W^[l] (Python lists start at 0), while the cache
keeps ``Z[l]`` and ``A[l]`` at index ``l`` (``Z[0]`` is ``None``), so ``cache.Z[l]`` is z^[l].
The layout of ``W`` is ``torch.nn.Linear.weight``'s, so parameters copy to PyTorch as they are.

Inside, the arrays are kept one row per unit (``Z[l]^T``) with the bias folded into the
weights, and every parameter lives in one flat buffer; see the Notes of :class:`MLP`.
What a user sees (``net.W``, ``cache.A``, ``grads.dW``) keeps the shapes above.

This module is written for speed. The same step written out line by line in the
tutorial's notation, one formula at a time, is :func:`nncore.trace.build` (the Backprop
page shows it): read ``trace.py`` first to follow the maths, then this module for how it
is made fast; both give the same numbers (``tests/test_trace.py`` checks it).

The public contract an optimiser or a trainer may rely on: ``net.params`` (every
parameter in one flat buffer, a view), ``net.weight_mask`` (1 on the weights, 0 on the
biases), ``net.held()`` (the switched-off units' parameters, see ``unit_mask``),
``net.check_X(X)`` and ``grads.dparams`` (the gradients laid out like ``net.params``).
Everything with a leading underscore is implementation.
"""

from __future__ import annotations

import copy as _copy

import numpy as np

from nncore import activations, losses

__all__ = ["MLP", "Cache", "Grads", "OUTPUTS", "INITS", "block_rows", "block_spans",
           "dropout_scales"]

#: output activations: "softmax" is handled here, the others are nncore activations
OUTPUTS = ("sigmoid", "softmax", "linear", "tanh")
#: weight initialisations
INITS = ("xavier", "he", "uniform", "zeros")

# (output, loss) pairs whose output derivative cancels with the loss's: dZ[L] = (A[L] - Y) / m.
# Computing it directly is both faster and stable when A[L] rounds to 0 or 1.
# Linear output with MSE fuses too: dZ[L] = 2 (A[L] - Y) / (m k). The value is the factor
# c and whether the mean runs over every output (m k numbers) or over the batch (m).
_FUSED = {
    ("sigmoid", "bce"): (1.0, False),
    ("softmax", "cross_entropy"): (1.0, False),
    ("linear", "mse"): (2.0, True),
}


def block_rows(sizes) -> int:
    """Rows per block for a forward pass over many points (e.g. a 100x100 grid).

    One (10,000 x 8) @ (8 x 8) product is large enough for OpenBLAS to spread over
    threads; on a small shared machine (2 cores, Community Cloud too) the threads wait on
    each other and it runs several times slower than single-threaded blocks that also stay
    in cache. The block keeps rows * width^2 below OpenBLAS's threading threshold.
    """
    w = max(sizes)
    return int(np.clip(131072 // (w * w), 256, 4096))


class _Params(list):
    """``net.W`` or ``net.b``: views into the network's one parameter buffer.

    Item assignment copies into the view (``net.W[0] = W0``), so the buffer that the
    optimiser updates in one operation stays the one the network computes with.
    """

    def __setitem__(self, i, value) -> None:
        if isinstance(i, slice):
            views = list.__getitem__(self, i)
            values = list(value)
            if len(values) != len(views):
                raise ValueError(f"expected {len(views)} arrays, got {len(values)}")
            for view, v in zip(views, values):
                _copy_into(view, v)
        else:
            _copy_into(list.__getitem__(self, i), value)

    def __reduce__(self):
        return list, (list(self),)


def _copy_into(view: np.ndarray, value) -> None:
    value = np.asarray(value)
    if value.shape != view.shape:
        raise ValueError(f"a parameter of shape {view.shape} cannot take an array of "
                         f"shape {value.shape}; build a new MLP to change the sizes")
    view[...] = value


class Cache:
    """What the forward pass keeps for the backward pass.

    Attributes
    ----------
    A : list of ndarray
        ``A[l]`` of shape (m, n[l]) for l = 0..L; ``A[0]`` is the input X, ``A[L]`` is Y_hat.
    Z : list of ndarray or None
        ``Z[l]`` of shape (m, n[l]) for l = 1..L; ``Z[0]`` is ``None``.

    From :meth:`MLP.forward`, ``A[l]`` and ``Z[l]`` (l >= 1) are transposed views of the
    arrays the network works with (one row per unit, see :class:`MLP`), made on first use;
    they hold the same numbers. A cache built by hand from ``A`` and ``Z`` works too.
    """

    def __init__(self, A=None, Z=None, _At=None, _Zt=None, _sizes=None, _drop=None) -> None:
        self._A, self._Z = A, Z
        self._At, self._Zt, self._sizes = _At, _Zt, _sizes
        #: with dropout: per layer l (index 0 and L None), (D^T (n[l], m), g(Z[l])^T
        #: before the drop) or None; ``A[l]`` is then the dropped, scaled activation
        self._drop = _drop

    @property
    def A(self) -> list:
        if self._A is None:
            self._A = [self._At[0][:-1].T] + [
                a[:n].T for a, n in zip(self._At[1:], self._sizes[1:])
            ]
        return self._A

    @property
    def Z(self) -> list:
        if self._Z is None:
            self._Z = [None] + [z.T for z in self._Zt[1:]]
        return self._Z

    def __repr__(self) -> str:
        return f"Cache(A shapes={[a.shape for a in self.A]})"


class Grads:
    """Gradients of the mean loss, in the layer order of ``net.W``.

    Attributes
    ----------
    dW, db : list of ndarray
        ``dW[l-1]`` (n[l], n[l-1]) and ``db[l-1]`` (n[l],) are dL/dW^[l] and dL/db^[l].
    dZ, dA : list of ndarray or None
        ``dZ[l]`` and ``dA[l]`` (m, n[l]) for l = 1..L, kept for display; index 0 is ``None``.
    loss : float
        The mean loss of the batch (without regularisation), computed on first use; NaN
        for Grads built by hand without a ``loss``.

    From :meth:`MLP.backward`, ``dW`` and ``db`` are views of one flat buffer laid out like
    ``net.params``, made on first use: an optimiser reads that buffer, :attr:`dparams`.
    Built by hand, ``Grads(dW, db)`` (lists in layer order, optionally ``dZ``, ``dA`` and
    ``loss``) works too.
    """

    def __init__(self, dW=None, db=None, dZ=None, dA=None, loss: float | None = None,
                 _loss_args=(), _flat=None, _sizes=None) -> None:
        if _flat is None:  # built by hand: no buffer to make views of
            dW = [] if dW is None else dW
            db = [] if db is None else db
        self._dW, self._db = dW, db
        self.dZ = [] if dZ is None else dZ
        self.dA = [] if dA is None else dA
        #: (loss, A[L], targets, Z[L] or None) from MLP.backward, for the lazy loss value
        self._loss_args = _loss_args
        self._loss: float | None = None if loss is None else float(loss)
        #: the buffer of :attr:`dparams` (from MLP.backward), or None for Grads built by hand
        self._flat = _flat
        self._sizes = _sizes

    def _views(self) -> None:
        blocks = _blocks(self._flat, block_spans(self._sizes))
        self._dW = [blk[:, :n] for blk, n in zip(blocks, self._sizes[:-1])]
        self._db = [blk[:, n] for blk, n in zip(blocks, self._sizes[:-1])]

    @property
    def dW(self) -> list:
        if self._dW is None:
            self._views()
        return self._dW

    @property
    def db(self) -> list:
        if self._db is None:
            self._views()
        return self._db

    @property
    def loss(self) -> float:
        """The mean loss of the batch (without regularisation), computed on first use."""
        if self._loss is None:
            if self._loss_args:
                # T is already shaped like A[L] (lossf.targets): value() takes it as given
                lossf, AL, T, ZL = self._loss_args
                self._loss = lossf.value(AL, T, ZL)
            else:
                self._loss = float("nan")
        return self._loss

    @property
    def dparams(self) -> np.ndarray:
        """dL/d ``net.params``: every ``[dW[l] | db[l]]`` block laid out like ``net.params``.

        Shape (P,). Block l is ``dW[l]`` with ``db[l]`` as an extra last column, shape
        (n[l], n[l-1] + 1), flattened row by row, blocks in layer order: an optimiser
        updates every parameter at once with ``net.params -= alpha * grads.dparams``.
        From :meth:`MLP.backward` it is the buffer ``dW`` and ``db`` are views of (do not
        write to it); for Grads built by hand it is packed from ``dW`` and ``db`` on each
        call (a new array). This is not the order of :meth:`flat`.
        """
        if self._flat is not None:
            return self._flat
        return np.concatenate([np.column_stack([dWl, dbl]).ravel()
                               for dWl, dbl in zip(self.dW, self.db)] or [np.empty(0)])

    def flat(self) -> np.ndarray:
        """All gradients packed in the order of :meth:`MLP.get_params`, shape (P,).

        ``[dW1.ravel(), db1, dW2.ravel(), db2, ...]``, a new array; for the buffer laid
        out like ``net.params`` (what an optimiser uses) see :attr:`dparams`.
        """
        return np.concatenate([a.ravel() for pair in zip(self.dW, self.db) for a in pair]
                              or [np.empty(0)])

    def __repr__(self) -> str:
        shapes = [w.shape for w in self.dW]
        return f"Grads(dW shapes={shapes}, loss={self.loss:.6g})"


def _softmax(Z: np.ndarray, axis: int = 1) -> np.ndarray:
    E = np.exp(Z - Z.max(axis=axis, keepdims=True))
    E /= E.sum(axis=axis, keepdims=True)
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


def dropout_scales(rng: np.random.Generator, m: int, sizes, rates, dtype=np.float64) -> list:
    """Inverted-dropout scales of one batch, drawn from ``rng`` (``torch.nn.Dropout``'s rule).

    Parameters
    ----------
    rng : numpy.random.Generator
        The trainer's generator. For each hidden layer l = 1..L-1 whose rate is > 0, in
        layer order, one ``rng.random((m, n[l]))`` (float64, row by row) is drawn; a unit
        is kept where that number is ``>= p``, so with probability ``1 - p``.
    m : int
        Rows of the batch.
    sizes : sequence of int
        Layer widths, input first.
    rates : sequence of float
        ``p`` per hidden layer (L - 1 of them), each in [0, 1).
    dtype : numpy dtype
        The network's.

    Returns
    -------
    list of (ndarray of shape (m, n[l]) or None)
        Per hidden layer, ``mask / (1 - p)``: 0 where dropped, ``1 / (1 - p)`` where kept
        (computed in float64, then cast); None where ``p`` is 0 (nothing drawn). The
        forward pass multiplies the layer's activations by it (:meth:`MLP.forward`'s ``drop``).
    """
    out = []
    for n, p in zip(sizes[1:-1], rates):
        if p <= 0:
            out.append(None)
            continue
        keep = rng.random((m, n)) >= p
        out.append(np.where(keep, 1.0 / (1.0 - p), 0.0).astype(dtype, copy=False))
    return out


def block_spans(sizes) -> list[tuple[int, int, tuple[int, int]]]:
    """Where each block ``[W[l] | b[l]]`` sits in ``net.params``: (start, stop, shape).

    Parameters
    ----------
    sizes : sequence of int
        Layer widths, input first (``net.sizes``).

    Returns
    -------
    list of (int, int, (int, int))
        Per layer l = 1..L, ``net.params[start:stop].reshape(shape)`` is ``[W[l] | b[l]]``
        of shape (n[l], n[l-1] + 1): ``W[l]`` with ``b[l]`` as its last column (the layout
        of :attr:`MLP.params` and :attr:`Grads.dparams`).
    """
    out, i = [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        k = n_out * (n_in + 1)
        out.append((i, i + k, (n_out, n_in + 1)))
        i += k
    return out




def _blocks(buf: np.ndarray, spans: list[tuple[int, int, tuple[int, int]]]) -> list[np.ndarray]:
    """Views of a flat buffer as the blocks ``[W[l] | b[l]]`` at ``spans`` (see
    :func:`block_spans`)."""
    return [buf[i:j].reshape(shape) for i, j, shape in spans]


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

    Notes
    -----
    How it is fast (the maths is the tutorial's; only the memory layout differs):

    - All parameters live in one flat buffer, :attr:`params`; layer l is the block
      ``[W[l] | b[l]]`` of shape (n[l], n[l-1] + 1), and ``net.W[l]``, ``net.b[l]`` are
      views of it. An optimiser updates every parameter in one NumPy operation.
    - Inside, activations are stored one row per unit, ``A^T`` of shape (n[l] + 1, m),
      with a last row of ones. Then ``Z^T = [W | b] @ [A^T; 1]`` is a single product with
      the bias included, and the backward product ``dZ^T @ [A^T; 1]^T`` gives ``[dW | db]``
      at once. The cache and the gradients show the usual (m, n) arrays as views.
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
        self._theta = np.empty(self.n_params(), dtype=self.dtype)
        self._make_views()
        self.W, self.b = self._init_params(np.random.default_rng(self.seed))
        #: per hidden layer, (n[l],) of 1 (on) and 0 (off), or None: every unit on
        self._unit_mask: list[np.ndarray] | None = None
        self._held: np.ndarray | None = None  # held()'s indices, made on first use

    # ------------------------------------------------------------------ parameters
    @property
    def L(self) -> int:
        """Number of layers with parameters (hidden layers + the output layer)."""
        return len(self.sizes) - 1

    @property
    def W(self) -> list:
        """Weights ``W[l-1]`` = W^[l], shape (n[l], n[l-1]); assigning copies the values in."""
        return self._W

    @W.setter
    def W(self, values) -> None:
        self._set_all(self._W, values, "W")

    @property
    def b(self) -> list:
        """Biases ``b[l-1]`` = b^[l], shape (n[l],); assigning copies the values in."""
        return self._b

    @b.setter
    def b(self, values) -> None:
        self._set_all(self._b, values, "b")

    @property
    def params(self) -> np.ndarray:
        """Every parameter in one flat buffer, shape (P,), ``P = n_params()``: not a copy.

        Block l is ``[W[l] | b[l]]`` (``b[l]`` as an extra last column), shape
        (n[l], n[l-1] + 1), flattened row by row, blocks in layer order; ``W[l]`` and
        ``b[l]`` are views of it, so a change in place (``net.params -= alpha * G``) is a
        change of W and b. Assigning (``net.params = theta``) copies the values in.
        This is not the order of :meth:`get_params` (which copies, block by block
        ``W.ravel()`` then ``b``); gradients in this layout are ``grads.dparams``.
        """
        return self._theta

    @params.setter
    def params(self, values) -> None:
        _copy_into(self._theta, values)

    @property
    def weight_mask(self) -> np.ndarray:
        """1 where :attr:`params` holds a weight, 0 where it holds a bias, shape (P,).

        Read-only (it is made once and shared). Regularisation uses it: only weights are
        penalised, ``l2 * params * weight_mask``.
        """
        return self._weight_mask()

    # ------------------------------------------------------------------ unit mask
    @property
    def unit_mask(self) -> list[np.ndarray] | None:
        """Which hidden units are on: per hidden layer l = 1..L-1 an array (n[l],) of 1
        (on) and 0 (off), or None when every unit is on (the default).

        A unit switched off has its output held at 0: :meth:`forward` multiplies
        ``g(Z[l])`` by the mask (so ``A[l]`` is 0 there) and :meth:`backward` carries the
        same factor into ``dZ[l]``, exactly as multiplying that unit's activation by 0 in
        PyTorch. Its incoming weights and bias and its outgoing weights then get zero
        gradients; :meth:`held` names them so that a trainer can also keep momentum and
        weight decay from moving them.
        """
        return self._unit_mask

    def set_unit(self, l: int, j: int, on: bool) -> None:
        """Switch hidden unit ``j`` (0-based) of layer ``l`` (1..L-1) on or off."""
        if not 1 <= l < self.L or not 0 <= j < self.sizes[l]:
            raise ValueError(f"no hidden unit ({l}, {j}) in a network of sizes {self.sizes}")
        if self._unit_mask is None:
            if on:
                return
            self._unit_mask = [np.ones(n, dtype=self.dtype) for n in self.sizes[1:-1]]
        self._unit_mask[l - 1][j] = 1.0 if on else 0.0
        if all(m.all() for m in self._unit_mask):
            self._unit_mask = None
        self._held = None

    def units_off(self) -> list[tuple[int, int]]:
        """The hidden units switched off, as (layer l, unit j) pairs in order."""
        if self._unit_mask is None:
            return []
        return [(l, int(j)) for l, m in enumerate(self._unit_mask, 1)
                for j in np.flatnonzero(m == 0)]

    def held(self) -> np.ndarray | None:
        """Indices into :attr:`params` of the switched-off units' parameters (their
        incoming weights and bias, their outgoing weights), or None when every unit is on.

        Training keeps these as they are: ``Trainer.step`` puts them back after the
        optimiser's step (their gradients are 0, but momentum and L1/L2 would move them).
        """
        if self._unit_mask is None:
            return None
        if self.__dict__.get("_held") is None:
            idx = np.arange(self._theta.size)
            blocks = _blocks(idx, self._spans)
            out = []
            for l, m in enumerate(self._unit_mask, 1):
                off = np.flatnonzero(m == 0)
                out.append(blocks[l - 1][off].ravel())      # into unit j: row j of layer l
                out.append(blocks[l][:, off].ravel())       # out of unit j: column j of l + 1
            self._held = np.unique(np.concatenate(out))
        return self._held

    def _set_all(self, views: list, values, what: str) -> None:
        values = list(values)
        if len(values) != len(views):
            raise ValueError(f"{what} needs {len(views)} arrays for sizes {self.sizes}, "
                             f"got {len(values)}")
        for view, v in zip(views, values):
            _copy_into(view, v)

    def _make_views(self) -> None:
        """(Re)build the views of ``_theta``: ``_Wb`` blocks, ``W`` and ``b``."""
        self._spans = block_spans(self.sizes)
        self._Wb = _blocks(self._theta, self._spans)
        n_in = self.sizes[:-1]
        self._W = _Params(Wb[:, :n] for Wb, n in zip(self._Wb, n_in))
        self._b = _Params(Wb[:, n] for Wb, n in zip(self._Wb, n_in))
        self._weights = None  # mask of the weights in _theta, made on first use

    def _weight_mask(self) -> np.ndarray:
        """The mask of :attr:`weight_mask`, made on first use."""
        if self._weights is None:
            mask = np.ones_like(self._theta)
            for blk, n in zip(_blocks(mask, self._spans), self.sizes[:-1]):
                blk[:, n] = 0
            mask.flags.writeable = False
            self._weights = mask
        return self._weights

    def __getstate__(self) -> dict:
        # the views are rebuilt from _theta, so a copy or a pickle keeps them tied to it
        state = self.__dict__.copy()
        for k in ("_Wb", "_W", "_b", "_weights", "_spans", "_held"):
            state.pop(k, None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_unit_mask", None)  # pickled before the unit mask
        self._make_views()

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
        return sum(n_out * (n_in + 1) for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]))

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
        net._theta = net._theta.astype(dtype)
        net._make_views()
        return net

    # ------------------------------------------------------------------ forward
    def check_X(self, X) -> np.ndarray:
        """``X`` as this network's input: a 2-D array of its dtype, shape (m, n[0]).

        A 1-D ``X`` of n[0] numbers is one example (m = 1). The array itself is returned
        when it already fits (no copy: the hot path of every training step).

        Raises
        ------
        ValueError
            When the number of features is not ``sizes[0]``.
        """
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

    def _augment(self, X: np.ndarray) -> np.ndarray:
        """``[X^T; 1]``, shape (n[0] + 1, m): the input one row per feature, then ones."""
        m, n = X.shape
        At = np.empty((n + 1, m), dtype=self.dtype)
        At[:n] = X.T
        At[n] = 1
        return At

    def _forward_t(self, At: np.ndarray, keep: bool = True, drop: list | None = None,
                   dropped: list | None = None) -> tuple[list, list]:
        """Forward pass on ``[X^T; 1]`` (n[0] + 1, m), one row per unit.

        Returns the lists ``At`` (``At[l]`` = ``[A[l]^T; 1]`` for l < L, ``A[L]^T``) and
        ``Zt`` (``Zt[l]`` = ``Z[l]^T``, ``Zt[0]`` None); only the last entries if not ``keep``.
        ``drop`` (see :meth:`forward`) scales the hidden activations; the undropped ones
        are then kept as ``(D^T, g(Z)^T)`` at ``dropped[l]`` (a list of L + 1 Nones given
        by the caller).
        """
        As, Zs = [At], [None]
        m = At.shape[1]
        act = self.activation
        last = self.L - 1
        mask = self._unit_mask
        for l, Wb in enumerate(self._Wb):
            Zl = np.dot(Wb, At)  # (n[l], m): W A^T + b, the bias from the row of ones
            if l == last:
                At = _softmax(Zl, axis=0) if self._out is None else self._out.g(Zl)
            else:
                n = Wb.shape[0]
                At = np.empty((n + 1, m), dtype=self.dtype)
                At[n] = 1
                act.g_into(Zl, At[:n])
                if mask is not None:  # switched-off units: output held at 0
                    At[:n] *= mask[l][:, None]
                if drop is not None and drop[l] is not None:
                    Dt = drop[l].T
                    dropped[l + 1] = (Dt, At[:n].copy())  # g'(Z) reads g(Z)
                    At[:n] *= Dt  # inverted dropout: the kept units scaled by 1 / (1 - p)
            if keep:
                As.append(At)
                Zs.append(Zl)
        return (As, Zs) if keep else ([At], [Zl])

    def forward(self, X, drop: list | None = None) -> tuple[np.ndarray, Cache]:
        """Forward propagation, caching every ``Z[l]`` and ``A[l]``.

        Parameters
        ----------
        X : array_like, shape (m, n[0])
        drop : list, optional
            Training-mode dropout: per hidden layer l = 1..L-1, an array (m, n[l]) that
            multiplies ``g(Z[l])`` (``mask / (1 - p)``, :func:`dropout_scales`) or None.
            Without it the pass is in evaluation mode (dropout is the identity).

        Returns
        -------
        Y_hat : ndarray, shape (m, n[L])
        cache : Cache
        """
        X = self.check_X(X)
        if drop is not None and len(drop) != self.L - 1:
            raise ValueError(f"drop needs one entry per hidden layer ({self.L - 1}), "
                             f"got {len(drop)}")
        dropped = None if drop is None else [None] * (self.L + 1)
        At, Zt = self._forward_t(self._augment(X), drop=drop, dropped=dropped)
        return At[-1].T, Cache(_At=At, _Zt=Zt, _sizes=self.sizes, _drop=dropped)

    def predict(self, X) -> np.ndarray:
        """The output ``A[L]`` for ``X`` (m, n[0]) without keeping a cache, shape (m, n[L])."""
        X = self.check_X(X)
        rows = block_rows(self.sizes)
        m = X.shape[0]
        if m > rows:
            Y = np.empty((self.sizes[-1], m), dtype=self.dtype)
            for i in range(0, m, rows):
                Y[:, i : i + rows] = self._forward_t(self._augment(X[i : i + rows]), False)[0][0]
        else:
            Y = self._forward_t(self._augment(X), False)[0][0]
        return np.ascontiguousarray(Y.T)

    # ------------------------------------------------------------------ backward
    def _cache_t(self, cache: Cache) -> tuple[list, list]:
        """The row-per-unit arrays of a cache built by hand from ``A`` and ``Z``."""
        At = [self._augment(self.check_X(cache.A[0]))]
        for l in range(1, self.L + 1):
            a = np.asarray(cache.A[l], dtype=self.dtype).T
            At.append(np.vstack([a, np.ones((1, a.shape[1]), self.dtype)]) if l < self.L else a)
        Zt = [None] + [np.asarray(z, dtype=self.dtype).T for z in cache.Z[1:]]
        return At, Zt

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
        L = self.L
        dropped = cache._drop
        if cache._At is None:
            At, Zt = self._cache_t(cache)
        else:
            At, Zt = cache._At, cache._Zt
        AL, ZL = At[L].T, Zt[L].T
        m = AL.shape[0]
        T = lossf.targets(Y, AL)
        dA = [None] * (L + 1)
        dZ = [None] * (L + 1)
        fused = _FUSED.get((self.output, lossf.name))
        if fused is not None:
            # dZ[L] = dL/dA[L] * g'(Z[L]) simplifies to c (A[L] - Y) / m
            c, per_output = fused
            dZl = np.subtract(At[L], T.T)
            dZl *= c / (AL.size if per_output else m)
            if full:
                dA[L] = lossf.dA(AL, Y)
        else:
            dA[L] = lossf.dA(AL, Y)
            dAt = dA[L].T
            if self._out is None:  # softmax: Jacobian-vector product
                dZl = At[L] * (dAt - np.sum(dAt * At[L], axis=0, keepdims=True))
            else:
                dZl = self._out.dg(Zt[L], At[L])
                dZl *= dAt
        G = np.empty_like(self._theta)
        Gb = _blocks(G, self._spans)
        dg = self.activation.dg
        mask = self._unit_mask
        for l in range(L, 0, -1):
            dZ[l] = dZl.T
            # [dW | db] = dZ^T [A^T; 1]^T: db is the sum over the batch, through the ones
            np.dot(dZl, At[l - 1].T, out=Gb[l - 1])
            if l > 1:
                n = self.sizes[l - 1]
                # [W | b]^T dZ^T has an extra last row (the bias's), unused; but both
                # operands are plain blocks for BLAS, which beats the strided W^T
                dAt = np.dot(self._Wb[l - 1].T, dZl)[:n]
                dA[l - 1] = dAt.T
                if dropped is not None and dropped[l - 1] is not None:
                    # through the drop: dL/dg(Z) = dA * D, and g'(Z) reads the undropped g(Z)
                    Dt, Gt = dropped[l - 1]
                    dZl = dg(Zt[l - 1], Gt)
                    dZl *= dAt * Dt
                else:
                    dZl = dg(Zt[l - 1], At[l - 1][:n])  # a new array: safe to scale in place
                    dZl *= dAt
                if mask is not None:  # d(g(Z) * mask)/dZ = g'(Z) * mask
                    dZl *= mask[l - 2][:, None]
        # the loss value is only computed when asked for: a training step does not need it
        args = (lossf, AL, T, ZL if lossf.name != "mse" else None)
        return Grads(dZ=dZ, dA=dA, _loss_args=args, _flat=G, _sizes=self.sizes)

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
