r"""The loss landscape of one neuron: the loss over its weight plane and along its bias.

The neuron is :mod:`nncore.perceptron`'s: ``z = w_1 x_1 + w_2 x_2 + b``, ``a = g(z)``.
Its loss on the data ``(X, y)`` is one of

* ``"bce"`` -- the mean cross-entropy of a sigmoid neuron, from the logits as in
  :mod:`nncore.losses` (what gradient descent on the Neuron page minimises);
* ``"mse"`` -- the mean squared error ``mean((g(z) - y)^2)``, any activation;
* ``"error"`` -- the share misclassified, class 1 where ``z >= 0`` (the number the
  perceptron rule's history records).

:func:`losses_at` evaluates the loss at many weights ``(w_1, w_2, b)`` at once, one
vectorised pass over an ``(cells, m)`` array of ``z`` (in chunks of at most
:data:`CHUNK` numbers, so memory stays bounded); :func:`weight_grid` and
:func:`bias_curve` are the page's two pictures. :func:`step_along` steps a
:class:`~nncore.perceptron.NeuronRun` and returns the weights after each step (the path to
draw), :func:`zigzag` tells when that path overshoots across the valley.

How the cross-entropy stays fast and exact: per point it is
``max(z, 0) - z y + log(1 + e^{-|z|})``. The first two terms sum to
``(sum z (1 - 2y) + sum |z|) / 2``, where the first sum is linear in the weights (one
small product); the last term is summed as ``log(prod(1 + e^{-|z|}))``, one ``exp`` per
number and one ``log`` per cell instead of a ``log1p`` per number. That product rounds
each ``1 + e`` to about 1e-16 absolute, so cells whose loss is below :data:`EXACT_BELOW`
are evaluated again term by term with ``log1p``: every cell equals
``perceptron.neuron(W, b).loss(X, y)`` to ~1e-13 relative.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nncore import activations

__all__ = [
    "LOSSES",
    "CHUNK",
    "EXACT_BELOW",
    "losses_at",
    "neuron_loss",
    "weight_grid",
    "bias_curve",
    "point",
    "step_along",
    "Zigzag",
    "zigzag",
]

#: the losses a landscape can show
LOSSES = ("bce", "mse", "error")
#: at most this many z values are held at once (100 x 100 cells over 200 points: 2e6)
CHUNK = 1 << 16  # 512 KiB of float64 per block: stays in cache (measured 2^14..2^18)
#: cross-entropy cells below this are evaluated again term by term (see the module doc)
EXACT_BELOW = 1e-3
#: points per block of the cross-entropy's product (2^512 is far from overflowing)
_PROD_BLOCK = 512


def _check(X, y, act: str, loss: str) -> tuple[np.ndarray, np.ndarray]:
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; choose one of {list(LOSSES)}")
    if loss == "bce" and act != "sigmoid":
        raise ValueError(f"the cross-entropy needs the sigmoid activation, got {act!r}")
    activations.get(act)  # ValueError for an unknown name
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(y, dtype=np.float64).reshape(-1)
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] != T.shape[0] or T.size == 0:
        raise ValueError(f"X must be (m, 2) with m >= 1 labels, got X {X.shape}, y {T.shape}")
    return X, T


def _bce_chunk(Z: np.ndarray, lin: np.ndarray) -> np.ndarray:
    """Mean cross-entropy per row of the logits ``Z`` (c, m); ``lin`` = sum z (1 - 2y), (c,).

    ``Z`` is overwritten.
    """
    m = Z.shape[1]
    E = np.abs(Z, out=Z)
    total = E.sum(axis=1)
    total += lin
    total *= 0.5  # sum of max(z, 0) - z y
    np.negative(E, out=E)
    np.exp(E, out=E)
    E += 1.0
    for s in range(0, m, _PROD_BLOCK):
        total += np.log(E[:, s:s + _PROD_BLOCK].prod(axis=1))
    return total / m


def losses_at(X, y, W, b, act: str = "sigmoid", loss: str = "bce") -> np.ndarray:
    r"""The neuron's loss on ``(X, y)`` at each of many weights, in one vectorised pass.

    Parameters
    ----------
    X : (m, 2) points;  y : (m,) labels 0/1
    W : (k, 2) weights, one ``(w_1, w_2)`` per row
    b : float or (k,) biases
    act : activation name (``bce`` needs ``sigmoid``)
    loss : one of :data:`LOSSES`

    Returns
    -------
    L : (k,) float64, ``L[i]`` the loss of the neuron with weights ``W[i]``, bias ``b[i]``.
    """
    X, T = _check(X, y, act, loss)
    W = np.asarray(W, dtype=np.float64).reshape(-1, 2)
    k, m = W.shape[0], X.shape[0]
    bias = np.broadcast_to(np.asarray(b, dtype=np.float64), (k,))
    out = np.empty(k)
    g = activations.get(act).g
    rows = max(1, CHUNK // m)
    XT = np.ascontiguousarray(X.T)
    s = 1.0 - 2.0 * T
    Xs, ssum = X.T @ s, float(s.sum())
    with np.errstate(over="ignore", under="ignore"):
        for c in range(0, k, rows):
            Wc, bc = W[c:c + rows], bias[c:c + rows]
            Z = Wc @ XT
            Z += bc[:, None]
            if loss == "bce":
                Lc = _bce_chunk(Z, Wc @ Xs + bc * ssum)
                low = np.flatnonzero(Lc < EXACT_BELOW)
                if low.size:  # term by term, as nncore.losses does
                    Zl = Wc[low] @ XT + bc[low, None]
                    Lc[low] = np.mean(np.maximum(Zl, 0) - Zl * T + np.log1p(np.exp(-np.abs(Zl))),
                                      axis=1)
                out[c:c + rows] = Lc
            elif loss == "mse":
                A = g(Z)
                A -= T
                out[c:c + rows] = np.mean(A * A, axis=1)
            else:
                out[c:c + rows] = np.mean((Z >= 0) != (T >= 0.5), axis=1)
    return out


def neuron_loss(X, y, W, b: float, act: str = "sigmoid", loss: str = "bce") -> float:
    """The loss at one neuron ``W`` (2,), ``b`` (see :func:`losses_at`)."""
    return float(losses_at(X, y, np.reshape(W, (1, 2)), b, act, loss)[0])


def weight_grid(X, y, b: float, act: str = "sigmoid", loss: str = "bce",
                w1_range=(-6.0, 6.0), w2_range=(-6.0, 6.0), n: int = 100):
    """The loss over an ``n x n`` grid of weights ``(w1, w2)`` at bias ``b``.

    Returns
    -------
    w1s : (n,) and w2s : (n,) -- evenly spaced over the ranges (ends included);
    L : (n, n) float64, ``L[i, j]`` the loss at ``w1 = w1s[j]``, ``w2 = w2s[i]`` (row 0 is
    the lowest w2, as :func:`nncore.perceptron.output_grid`'s rows).
    """
    n = int(n)
    if n < 2:
        raise ValueError(f"n must be >= 2, got {n!r}")
    w1s = np.linspace(float(w1_range[0]), float(w1_range[1]), n)
    w2s = np.linspace(float(w2_range[0]), float(w2_range[1]), n)
    W = np.empty((n * n, 2))
    W[:, 0] = np.tile(w1s, n)
    W[:, 1] = np.repeat(w2s, n)
    return w1s, w2s, losses_at(X, y, W, float(b), act, loss).reshape(n, n)


def bias_curve(X, y, w, act: str = "sigmoid", loss: str = "bce",
               b_range=(-6.0, 6.0), n: int = 100):
    """The loss along the bias at weights ``w`` (2,).

    Returns
    -------
    bs : (n,) evenly spaced over ``b_range``;  L : (n,) the loss at each.
    """
    n = int(n)
    if n < 2:
        raise ValueError(f"n must be >= 2, got {n!r}")
    bs = np.linspace(float(b_range[0]), float(b_range[1]), n)
    W = np.broadcast_to(np.asarray(w, dtype=np.float64).reshape(1, 2), (n, 2))
    return bs, losses_at(X, y, W, bs, act, loss)


# ---------------------------------------------------------------- the path


def point(run) -> np.ndarray:
    """A :class:`~nncore.perceptron.NeuronRun`'s current ``(w1, w2, b)``, shape (3,)."""
    return np.array([*run.W, run.b])


def step_along(run, k: int = 1) -> np.ndarray:
    """Step ``run`` up to ``k`` times, one at a time; the weights after each step.

    ``NeuronRun.history`` keeps the loss per step, not the weights, so a page keeps its
    path itself: ``path = [point(run)]`` at the start (and after ``reset`` or
    ``set_params``), then ``path.extend(step_along(run, k))`` for Step and Play.

    Returns
    -------
    (taken, 3) float64: ``(w1, w2, b)`` after each step taken (fewer than ``k`` rows when
    the run stops: divergence, or a perceptron pass without a mistake).
    """
    rows = []
    for _ in range(int(k)):
        if run.step(1) != 1:
            break
        rows.append(point(run))
    return np.array(rows).reshape(-1, 3)


@dataclass(frozen=True)
class Zigzag:
    """How a path moved over its last ``steps`` steps.

    flips : steps whose direction turned by more than 90 degrees from the step before
    (back across the valley); rises : steps after which the loss went up;
    overshoots : True when either reached its threshold -- for plain gradient descent,
    the learning rate is too large: the path overshoots the valley's floor.
    """

    steps: int
    flips: int
    rises: int
    overshoots: bool


def zigzag(path, losses=None, window: int = 20, min_flips: int = 3,
           min_rises: int = 2) -> Zigzag:
    """Detect overshooting in the last ``window`` steps of ``path``.

    Parameters
    ----------
    path : (k, d) the parameters at each point (e.g. ``(w1, w2)`` or ``(w1, w2, b)``)
    losses : (k,) the loss at each point, optional
    window : steps looked at (the latest ones)
    min_flips, min_rises : how many reversals, or rises of the loss, make an overshoot

    Steps shorter than 1e-9 of the window's longest are ignored (a converged path jitters
    in the last digits). Momentum overshoots by design: use this for plain descent.
    """
    P = np.asarray(path, dtype=np.float64)
    P = P.reshape(len(P), -1)[-(int(window) + 1):]
    D = np.diff(P, axis=0)
    steps = len(D)
    norms = np.linalg.norm(D, axis=1) if steps else np.zeros(0)
    flips = 0
    if steps >= 2 and np.all(np.isfinite(norms)):
        big = norms > 1e-9 * norms.max()
        dots = np.einsum("ij,ij->i", D[:-1], D[1:])
        flips = int(np.sum((dots < 0) & big[:-1] & big[1:]))
    rises = 0
    if losses is not None:
        Lw = np.asarray(losses, dtype=np.float64)[-(steps + 1):]
        rises = int(np.sum(np.diff(Lw) > 1e-12 * np.maximum(1.0, np.abs(Lw[:-1]))))
    return Zigzag(steps, flips, rises, flips >= min_flips or rises >= min_rises)
