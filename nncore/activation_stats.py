r"""Numbers about activation functions that the activations page shows.

* plotting grid and regions: :func:`z_grid`, :func:`intervals` (where ``|g'(z)| < tau``,
  where ``g'(z) = 0``);
* :func:`max_abs_derivative` and :func:`depth_bound`: the largest ``|g'|`` and the bound
  ``(max |g'|)^L`` on a gradient's path through L layers (sigmoid: ``0.25^L``);
* why nonlinearity matters: :func:`random_affine_stack`, :func:`stack_forward`,
  :func:`compose_affine` (a stack of affine layers is one affine map ``x W^T + b``) and
  :func:`grid_lines` (a square grid to push through a stack);
* :func:`cost_per_element`: the measured time of ``g`` and ``g'`` per element;
* PReLU and RReLU, which nncore does not otherwise use: :func:`prelu`, :func:`prelu_fit`
  (alpha learned by gradient descent), :func:`rrelu_train` (alpha random in training).

Shapes: ``z`` is any 1-D grid ``(n,)``; points ``X`` are rows ``(m, d)``; ``W[l]`` is
``(n_l, n_{l-1})`` as in ``nncore.MLP``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

import numpy as np

from nncore.activations import Activation

# Torch's RReLU defaults (Xu et al. 2015): training slopes drawn from U(1/8, 1/3).
RRELU_LOWER = 1.0 / 8.0
RRELU_UPPER = 1.0 / 3.0
# Torch's nn.PReLU initial slope.
PRELU_INIT = 0.25


# ---------------------------------------------------------------- grid and regions


def z_grid(lo: float, hi: float, max_points: int = 401) -> np.ndarray:
    """Evenly spaced z from ``lo`` to ``hi`` with a round step (1, 2, 2.5 or 5 x 10^k).

    The round step puts integers (and 0, when ``lo < 0 < hi`` and ``lo`` is a multiple of
    the step) on the grid, so kinks and values such as ``z = -5`` are sampled exactly.

    Returns
    -------
    ndarray, shape (n,), n <= max_points + 1; ``z[0] = lo``, ``z[-1] = hi``.
    """
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"need finite lo < hi, got {lo}, {hi}")
    raw = (hi - lo) / max(max_points - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw * (1 - 1e-12))
    # z = k * step with integer k; for step < 1 divide by the exact integer 1/step instead,
    # so that grid points which are integers come out exactly (0.05 * 20 is not 1 in floats).
    per_unit = round(1.0 / step) if step < 1 else None
    scale = per_unit if per_unit else 1.0 / step
    k = np.arange(math.ceil(lo * scale - 1e-9), math.floor(hi * scale + 1e-9) + 1)
    z = k / per_unit if per_unit else k * step
    z = z.astype(np.float64)
    if z[0] > lo:
        z = np.insert(z, 0, lo)
    if z[-1] < hi:
        z = np.append(z, hi)
    return z


def intervals(z: np.ndarray, mask: np.ndarray) -> list[tuple[float, float]]:
    """The maximal runs of ``mask`` as ``(z_start, z_end)`` pairs of grid values.

    Parameters
    ----------
    z : ndarray, shape (n,), increasing
    mask : ndarray of bool, shape (n,)

    A run of one sample gives ``(z_i, z_i)``; runs are in increasing z.
    """
    mask = np.asarray(mask, dtype=bool)
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1) - 1
    return [(float(z[s]), float(z[e])) for s, e in zip(starts, ends, strict=True)]


def saturated(act: Activation, z: np.ndarray, tau: float) -> np.ndarray:
    """Where ``|g'(z)| < tau``: a gradient passing there is scaled by less than tau."""
    return np.abs(act.dg(z)) < tau


def dead(act: Activation, z: np.ndarray) -> np.ndarray:
    """Where ``g'(z) == 0`` exactly: no gradient passes at all (a dead ReLU's region)."""
    return act.dg(z) == 0


# ---------------------------------------------------------------- depth


def max_abs_derivative(
    act: Activation, lo: float = -20.0, hi: float = 20.0, step: float = 1e-3
) -> tuple[float, float]:
    """``(max |g'(z)|, z at the max)`` over a fine grid of ``[lo, hi]`` (z = 0 included).

    Exact for the piecewise and monotone-derivative activations (sigmoid: 0.25 at 0);
    for GELU, SiLU and Mish the grid finds the smooth maximum to ~1e-7.
    """
    z = np.round(np.arange(lo, hi + step / 2, step) / step) * step + 0.0  # + 0.0: no -0.0
    d = np.abs(act.dg(z))
    i = int(np.argmax(d))
    return float(d[i]), float(z[i])


def depth_bound(max_dg: float, depth: int) -> np.ndarray:
    r"""``(max |g'|)^L`` for ``L = 1..depth``: the most a path's gradient can keep.

    Backprop multiplies one ``g'(z^{[l]})`` per layer along a path, so the product is at
    most ``(max |g'|)^L`` (weights aside): sigmoid's ``0.25^L`` vanishes, a maximum above 1
    (SELU, GELU) can explode. Shape ``(depth,)``.
    """
    return np.power(float(max_dg), np.arange(1, depth + 1, dtype=np.float64))


# ---------------------------------------------------------------- linear stacks


def random_affine_stack(
    sizes: Sequence[int], seed: int, smin: float = 0.7, smax: float = 1.5
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Random layers ``W[l]`` shape ``(sizes[l+1], sizes[l])`` and ``b[l]`` ~ N(0, 0.25^2).

    ``W = U diag(s) V^T`` with random orthonormal ``U``, ``V`` and singular values
    ``s ~ U(smin, smax)``, so no layer squashes the plane flat (plain Gaussian matrices
    often do, which makes a dull picture). Drawn from ``np.random.default_rng(seed)``.
    """
    rng = np.random.default_rng(seed)
    Ws, bs = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        k = min(n_in, n_out)
        U, _ = np.linalg.qr(rng.standard_normal((n_out, n_out)))
        V, _ = np.linalg.qr(rng.standard_normal((n_in, n_in)))
        s = rng.uniform(smin, smax, k)
        Ws.append((U[:, :k] * s) @ V[:, :k].T)
        bs.append(0.25 * rng.standard_normal(n_out))
    return Ws, bs


def stack_forward(
    X: np.ndarray, Ws: Sequence[np.ndarray], bs: Sequence[np.ndarray], act: Activation | None
) -> np.ndarray:
    """``A = X``, then ``Z = A W^T + b`` per layer, with ``g`` between layers (not after
    the last); ``act=None`` keeps every layer linear. X (m, n0) -> (m, n_L)."""
    A = np.asarray(X, dtype=np.float64)
    for l, (W, b) in enumerate(zip(Ws, bs, strict=True)):
        A = A @ W.T + b
        if act is not None and l < len(Ws) - 1:
            A = act.g(A)
    return A


def compose_affine(
    Ws: Sequence[np.ndarray], bs: Sequence[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The single affine map equal to the whole linear stack.

    ``W = W[L] ... W[2] W[1]`` and ``b = W[L] ... W[2] b[1] + ... + W[L] b[L-1] + b[L]``,
    so ``stack_forward(X, Ws, bs, None) == X @ W.T + b``. Shapes (n_L, n_0), (n_L,).
    """
    W = np.eye(Ws[0].shape[1])
    b = np.zeros(Ws[0].shape[1])
    for Wl, bl in zip(Ws, bs, strict=True):
        W, b = Wl @ W, Wl @ b + bl
    return W, b


def grid_lines(lo: float, hi: float, n_lines: int, n_points: int) -> tuple[np.ndarray, np.ndarray]:
    """Points along a square grid of ``n_lines`` vertical and ``n_lines`` horizontal lines.

    Returns
    -------
    X : ndarray, shape (2 * n_lines * n_points, 2)
    line : ndarray of int, shape (2 * n_lines * n_points,), the line each point is on
    (vertical lines first), points in order along each line.
    """
    ticks = np.linspace(lo, hi, n_lines)
    along = np.linspace(lo, hi, n_points)
    fixed = np.repeat(ticks, n_points)
    moving = np.tile(along, n_lines)
    vertical = np.column_stack([fixed, moving])
    horizontal = np.column_stack([moving, fixed])
    line = np.repeat(np.arange(2 * n_lines), n_points)
    return np.vstack([vertical, horizontal]), line


# ---------------------------------------------------------------- cost


def cost_per_element(
    act: Activation, n: int = 200_000, repeats: int = 5, seed: int = 0
) -> tuple[float, float]:
    """Measured wall time of ``g`` and of ``g'`` in nanoseconds per element (float64).

    Each is the best of ``repeats`` runs on the same ``n`` values z ~ N(0, 3^2) (the best
    run is the least disturbed by other work on the machine). Numbers depend on the
    machine; their ratios are the point.
    """
    z = 3.0 * np.random.default_rng(seed).standard_normal(n)
    result = []
    for fn in (act.g, act.dg):
        fn(z)  # warm-up: first-call allocations
        best = math.inf
        for _ in range(repeats):
            start = time.perf_counter_ns()
            fn(z)
            best = min(best, time.perf_counter_ns() - start)
        result.append(best / n)
    return result[0], result[1]


# ---------------------------------------------------------------- PReLU and RReLU


def prelu(z: np.ndarray, alpha: float) -> np.ndarray:
    """``max(0, z) + alpha min(0, z)``: Leaky ReLU whose slope alpha is a parameter."""
    z = np.asarray(z, dtype=np.float64)
    return np.maximum(z, 0.0) + alpha * np.minimum(z, 0.0)


def prelu_fit(
    z: np.ndarray, y: np.ndarray, alpha0: float, lr: float, steps: int
) -> tuple[np.ndarray, np.ndarray]:
    r"""Learn PReLU's alpha by gradient descent on the mean squared error.

    ``L = mean((a - y)^2)``, ``a = prelu(z, alpha)``, so
    ``dL/dalpha = mean(2 (a - y) min(0, z))`` and ``alpha -= lr * dL/dalpha``.

    Parameters
    ----------
    z, y : ndarray, shape (m,)
    alpha0 : float, the starting slope (torch's default 0.25)
    lr : float, learning rate
    steps : int, number of updates

    Returns
    -------
    alphas : ndarray, shape (steps + 1,), alpha before each update and at the end
    losses : ndarray, shape (steps + 1,), the loss at each of those alphas
    """
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    neg = np.minimum(z, 0.0)
    alphas = np.empty(steps + 1)
    losses = np.empty(steps + 1)
    alpha = float(alpha0)
    for k in range(steps + 1):
        r = prelu(z, alpha) - y
        alphas[k], losses[k] = alpha, float(np.mean(r * r))
        if k < steps:
            alpha -= lr * float(np.mean(2.0 * r * neg))
    return alphas, losses


def prelu_teacher_data(
    alpha_true: float, m: int, noise: float, seed: int, lo: float = -4.0, hi: float = 4.0
) -> tuple[np.ndarray, np.ndarray]:
    """``m`` points ``z ~ U(lo, hi)``, ``y = prelu(z, alpha_true) + noise * N(0, 1)``."""
    rng = np.random.default_rng(seed)
    z = rng.uniform(lo, hi, m)
    return z, prelu(z, alpha_true) + noise * rng.standard_normal(m)


def rrelu_train(
    z: np.ndarray, seed: int, lower: float = RRELU_LOWER, upper: float = RRELU_UPPER
) -> tuple[np.ndarray, np.ndarray]:
    """RReLU in training: each negative element gets its own slope ``alpha ~ U(lower, upper)``.

    Returns ``(a, alpha)``, both shaped like ``z``; ``alpha`` is 1 where ``z >= 0``. At
    test time RReLU is the fixed Leaky ReLU with slope ``(lower + upper) / 2``.
    """
    z = np.asarray(z, dtype=np.float64)
    slope = np.random.default_rng(seed).uniform(lower, upper, z.shape)
    alpha = np.where(z >= 0, 1.0, slope)
    return z * alpha, alpha
