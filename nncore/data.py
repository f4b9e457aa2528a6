r"""Toy 2-D datasets (TensorFlow Playground's and a few more), feature maps, split and grid.

The geometry and the noise semantics follow TensorFlow Playground (TFP,
``src/dataset.ts``); generation is vectorised NumPy from an explicit seed
(``np.random.default_rng(seed)``), never global random state.

``noise`` is TFP's generator argument: the noise slider value / 100, so TFP's
slider 0-50 gives ``noise`` in ``[0, 0.5]``.  Values up to 1 are accepted and
extrapolate the same formulas.  What it does depends on the dataset, as in TFP:

* circle: points stay put; the label is taken at the point moved by ``U(-5, 5) * noise``
  per axis, so labels near the boundary flip;
* xor: the same, with ``U(-5, 5) * noise``;
* gauss, blobs: the variance grows linearly, ``0.5 + 7 * noise`` (0.5 at 0, 4 at 0.5);
* spiral, spiral_multi: points move by ``U(-1, 1) * noise`` per axis;
* moons (not in TFP): points move by Gaussian noise of standard deviation ``noise`` in
  the moons' own units (radius 1), i.e. ``3 * noise`` on the plane, like scikit-learn's
  ``make_moons``;
* plane, multigauss: the target is taken at the point moved by ``U(-6, 6) * noise``.

For one seed the underlying random draws do not depend on ``noise``, so moving
the noise slider keeps the same sample (TFP behaves the same way): circle, xor,
plane and multigauss keep their points and only change labels or targets.

Labels (binary, TFP's +1 -> 1 and -1 -> 0):

* circle: 1 inside (radius < 2.5), 0 on the outer ring (radius 3.5 to 5);
* xor: 1 where ``x1 * x2 >= 0`` (quadrants I and III), 0 elsewhere;
* gauss: 1 around (2, 2), 0 around (-2, -2);
* spiral: 1 on the arm ``(r sin t, r cos t)``, ``t = 1.75 * 2 pi * r / 5``; 0 on the
  same arm turned by pi;
* moons: 0 on the upper moon, 1 on the lower moon (scikit-learn's mapping).

Multi-class (``n_classes`` k in 3..6): ``blobs`` puts class c's Gaussian at radius 4 and
angle ``2 pi c / k``; ``spiral_multi`` puts class c on the spiral arm turned by
``2 pi c / k``.  Regression targets are floats in [-1, 1]: ``plane`` is
``clip((x1 + x2) / 10, -1, 1)`` (TFP leaves the corners at up to +-1.2 unclipped; we
clip to keep its stated range), ``multigauss`` is six signed bumps
``+-clip(1 - d / 2, 0, 1)`` at (+-4 or 0, +-2.5), the largest in absolute value winning.

Rows come out shuffled (TFP shuffles before it splits), so any prefix is a fair sample.

>>> from nncore import data
>>> X, y = data.make("circle", n=4, noise=0.0, seed=0)
>>> X.shape, X.dtype, y.dtype
((4, 2), dtype('float64'), dtype('int64'))
>>> data.features(X, ["x1", "x1*x2"]).shape
(4, 2)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable

import numpy as np

__all__ = [
    "DOMAIN",
    "FEATURES",
    "features",
    "grid",
    "kind",
    "make",
    "names",
    "num_classes",
    "split",
]

#: The square of the plane TFP shows, ``(lo, hi)`` for both axes.
DOMAIN: tuple[float, float] = (-6.0, 6.0)
#: TFP's input features, in its order.
FEATURES: tuple[str, ...] = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")

_MIN_CLASSES, _MAX_CLASSES = 3, 6
_CIRCLE_R = 5.0  # TFP's circle: inner disc r < 2.5, outer ring 3.5 <= r <= 5
_XOR_PAD = 0.3  # TFP pushes xor points this far away from the axes
_SPIRAL_TURNS = 1.75
_SPIRAL_R = 5.0
_BLOB_RING = 4.0
_MOON_SCALE = 3.0  # moons span x in [-1, 2], y in [-0.5, 1]; centred and x3 -> about +-4.5
_MULTIGAUSS = np.array(  # (cx, cy, sign), as in TFP's regressGaussian
    [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]],
    dtype=np.float64,
)


# ---------------------------------------------------------------- generators
# Each takes (rng, n, noise, k) and returns X (n, 2) float64 and y, class-grouped;
# make() validates the arguments and shuffles the rows.

def _sizes(n: int, k: int) -> np.ndarray:
    """Split ``n`` points into ``k`` near-equal class sizes, shape (k,); class 0 gets extras."""
    return n // k + (np.arange(k) < n % k)


def _labels(sizes: np.ndarray) -> np.ndarray:
    """Class labels ``0..k-1`` repeated by ``sizes``, shape (sum(sizes),) int64."""
    return np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)


def _polar(r: np.ndarray, angle: np.ndarray) -> np.ndarray:
    """TFP's polar convention ``(r sin a, r cos a)``, shape (n, 2)."""
    return np.column_stack([r * np.sin(angle), r * np.cos(angle)])


def _gauss_sd(noise: float) -> float:
    """TFP's gauss: variance linear in noise, 0.5 at 0 and 4 at 0.5; returns the s.d."""
    return math.sqrt(0.5 + 7.0 * noise)


def _circle(rng: np.random.Generator, n: int, noise: float, k: int):
    n_out, n_in = _sizes(n, 2)  # label 0 (outer), label 1 (inner)
    r = np.concatenate([rng.uniform(0.7 * _CIRCLE_R, _CIRCLE_R, n_out),
                        rng.uniform(0.0, 0.5 * _CIRCLE_R, n_in)])
    X = _polar(r, rng.uniform(0.0, 2 * np.pi, n))
    X_noisy = X + rng.uniform(-_CIRCLE_R, _CIRCLE_R, (n, 2)) * noise
    y = (np.hypot(X_noisy[:, 0], X_noisy[:, 1]) < 0.5 * _CIRCLE_R).astype(np.int64)
    return X, y


def _xor(rng: np.random.Generator, n: int, noise: float, k: int):
    X = rng.uniform(-5.0, 5.0, (n, 2))
    X += np.where(X > 0, _XOR_PAD, -_XOR_PAD)  # keep points off the axes, as TFP
    X_noisy = X + rng.uniform(-5.0, 5.0, (n, 2)) * noise
    y = (X_noisy[:, 0] * X_noisy[:, 1] >= 0).astype(np.int64)
    return X, y


def _blobs_at(rng: np.random.Generator, centres: np.ndarray, n: int, noise: float):
    y = _labels(_sizes(n, len(centres)))
    return centres[y] + _gauss_sd(noise) * rng.standard_normal((n, 2)), y


def _gauss(rng: np.random.Generator, n: int, noise: float, k: int):
    return _blobs_at(rng, np.array([[-2.0, -2.0], [2.0, 2.0]]), n, noise)


def _blobs(rng: np.random.Generator, n: int, noise: float, k: int):
    angle = 2 * np.pi * np.arange(k) / k
    centres = _BLOB_RING * np.column_stack([np.cos(angle), np.sin(angle)])
    return _blobs_at(rng, centres, n, noise)


def _spiral_arms(rng: np.random.Generator, n: int, noise: float, offsets: np.ndarray):
    """Class c on TFP's spiral arm turned by ``offsets[c]``; point i of n_c at r = 5 i / n_c."""
    sizes = _sizes(n, len(offsets))
    y = _labels(sizes)
    start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    frac = (np.arange(n) - start[y]) / np.maximum(sizes[y], 1)
    r = _SPIRAL_R * frac
    X = _polar(r, _SPIRAL_TURNS * 2 * np.pi * frac + offsets[y])
    return X + rng.uniform(-1.0, 1.0, (n, 2)) * noise, y


def _spiral(rng: np.random.Generator, n: int, noise: float, k: int):
    return _spiral_arms(rng, n, noise, np.array([np.pi, 0.0]))  # label 1: TFP's positive arm


def _spiral_multi(rng: np.random.Generator, n: int, noise: float, k: int):
    return _spiral_arms(rng, n, noise, 2 * np.pi * np.arange(k) / k)


def _moons(rng: np.random.Generator, n: int, noise: float, k: int):
    n_up, n_down = _sizes(n, 2)
    t = np.concatenate([np.linspace(0.0, np.pi, n_up), np.linspace(0.0, np.pi, n_down)])
    y = _labels(np.array([n_up, n_down]))
    # upper moon: unit half circle at (0, 0); lower moon: flipped, centred at (1, 0.5)
    X = np.where(y[:, None] == 0,
                 np.column_stack([np.cos(t), np.sin(t)]),
                 np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)]))
    X = X + noise * rng.standard_normal((n, 2))
    return _MOON_SCALE * (X - [0.5, 0.25]), y


def _plane_target(X: np.ndarray) -> np.ndarray:
    return np.clip((X[:, 0] + X[:, 1]) / 10.0, -1.0, 1.0)


def _multigauss_target(X: np.ndarray) -> np.ndarray:
    d = np.hypot(X[:, None, 0] - _MULTIGAUSS[:, 0], X[:, None, 1] - _MULTIGAUSS[:, 1])
    bump = np.clip(1.0 - d / 2.0, 0.0, 1.0)  # (n, 6), TFP's clamped scale [0, 2] -> [1, 0]
    best = np.argmax(bump, axis=1)  # the bumps never overlap; ties only at 0
    return _MULTIGAUSS[best, 2] * bump[np.arange(len(X)), best] + 0.0  # + 0.0: no -0.0


def _regression(target: Callable[[np.ndarray], np.ndarray]):
    def gen(rng: np.random.Generator, n: int, noise: float, k: int):
        lo, hi = DOMAIN
        X = rng.uniform(lo, hi, (n, 2))
        return X, target(X + rng.uniform(lo, hi, (n, 2)) * noise)
    return gen


_GENERATORS = {
    "circle": ("binary", _circle),
    "xor": ("binary", _xor),
    "gauss": ("binary", _gauss),
    "spiral": ("binary", _spiral),
    "moons": ("binary", _moons),
    "blobs": ("multiclass", _blobs),
    "spiral_multi": ("multiclass", _spiral_multi),
    "plane": ("regression", _regression(_plane_target)),
    "multigauss": ("regression", _regression(_multigauss_target)),
}


# ---------------------------------------------------------------- validation

def _check_name(name: object) -> str:
    if not isinstance(name, str) or name not in _GENERATORS:
        raise ValueError(f"unknown dataset {name!r}; choose one of: {', '.join(_GENERATORS)}")
    return name


def _check_int(value: object, what: str, lo: int, hi: int | None = None) -> int:
    ok = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not ok or value < lo or (hi is not None and value > hi):
        allowed = f"an integer >= {lo}" if hi is None else f"an integer from {lo} to {hi}"
        raise ValueError(f"{what} must be {allowed}; got {value!r}")
    return int(value)


def _check_fraction(value: object, what: str, closed: bool, hint: str = "") -> float:
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    v = float(value) if ok else math.nan
    inside = 0.0 <= v <= 1.0 if closed else 0.0 < v < 1.0
    if not inside:
        interval = "[0, 1]" if closed else "(0, 1), both ends excluded"
        raise ValueError(f"{what} must be a number in {interval}{hint}; got {value!r}")
    return v


# ---------------------------------------------------------------- public API

def names() -> list[str]:
    """All dataset names: binary, then multi-class, then regression."""
    return list(_GENERATORS)


def kind(name: str) -> str:
    """``"binary"``, ``"multiclass"`` or ``"regression"`` for dataset ``name``."""
    return _GENERATORS[_check_name(name)][0]


def num_classes(name: str, n_classes: int = 3) -> int:
    """Output width a network needs: 2 for binary, ``n_classes`` for multi-class, 1 for
    regression (binary nets usually use one sigmoid unit; this counts the classes)."""
    k = _check_int(n_classes, "n_classes", _MIN_CLASSES, _MAX_CLASSES)
    return {"binary": 2, "multiclass": k, "regression": 1}[kind(name)]


def make(
    name: str, n: int = 200, noise: float = 0.0, seed: int = 0, n_classes: int = 3
) -> tuple[np.ndarray, np.ndarray]:
    """Generate dataset ``name``.

    Parameters
    ----------
    name : one of :func:`names`.
    n : number of points, >= 1 (classes get ``n // k`` points, the first ``n % k`` one more).
    noise : TFP's noise slider value / 100, in [0, 1] (TFP offers [0, 0.5]); its effect per
        dataset is in the module docstring.
    seed : seed for ``np.random.default_rng``; same arguments give bit-identical output.
    n_classes : number of classes k for the multi-class datasets, 3 to 6 (checked always,
        used only by ``blobs`` and ``spiral_multi``).

    Returns
    -------
    X : (n, 2) float64, the points (x1, x2), rows in random order.
    y : (n,) int64 labels ``0..k-1`` for classification, or float64 targets in [-1, 1]
        for regression.
    """
    gen = _GENERATORS[_check_name(name)][1]
    n = _check_int(n, "n (number of points)", 1)
    noise = _check_fraction(noise, "noise", closed=True,
                            hint=" (TensorFlow Playground's slider value / 100, usually 0-0.5)")
    k = _check_int(n_classes, "n_classes", _MIN_CLASSES, _MAX_CLASSES)
    rng = np.random.default_rng(seed)
    X, y = gen(rng, n, noise, k)
    order = rng.permutation(n)
    return np.ascontiguousarray(X[order], dtype=np.float64), y[order]


_FEATURE_MAP: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}


def features(X: np.ndarray, names: Iterable[str] | str) -> np.ndarray:
    """TFP's input features of the points ``X``.

    Parameters
    ----------
    X : (n, 2) points (x1, x2); floating dtypes are kept, others become float64.
    names : feature names from :data:`FEATURES`, at least one (a single string is one name).

    Returns
    -------
    (n, len(names)) array, column j is feature ``names[j]``, same dtype as ``X``.
    """
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2); got {X.shape}")
    if not np.issubdtype(X.dtype, np.floating):
        X = X.astype(np.float64)
    chosen = [names] if isinstance(names, str) else list(names)
    if not chosen:
        raise ValueError(f"choose at least one feature from: {', '.join(FEATURES)}")
    unknown = [f for f in chosen if f not in _FEATURE_MAP]
    if unknown:
        raise ValueError(f"unknown feature(s) {unknown}; choose from: {', '.join(FEATURES)}")
    out = np.empty((X.shape[0], len(chosen)), dtype=X.dtype)
    for j, f in enumerate(chosen):
        out[:, j] = _FEATURE_MAP[f](X[:, 0], X[:, 1])
    return out


def split(
    X: np.ndarray, y: np.ndarray, test_ratio: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Seeded random train/test split, like TFP's (shuffle, then cut).

    Parameters
    ----------
    X : (m, ...) inputs; y : (m, ...) targets, m >= 2.
    test_ratio : share of points for the test set, in (0, 1); TFP's "ratio of training
        to test data" slider p% is ``test_ratio = 1 - p / 100``.
    seed : seed for the shuffle.

    Returns
    -------
    X_train, X_test, y_train, y_test : copies; ``m_train = floor(m * (1 - test_ratio))``
        as in TFP, then kept within 1..m-1 so both sides hold at least one point.
    """
    X, y = np.asarray(X), np.asarray(y)
    test_ratio = _check_fraction(test_ratio, "test_ratio", closed=False)
    m = len(X)
    if len(y) != m:
        raise ValueError(f"X and y must have the same number of rows; got {m} and {len(y)}")
    if m < 2:
        raise ValueError(f"split needs at least 2 points (one per side); got {m}")
    # the epsilon undoes float error (200 * (1 - 0.9) = 19.999...), as TFP's integer % does
    m_train = min(max(math.floor(m * (1.0 - test_ratio) + 1e-9), 1), m - 1)
    order = np.random.default_rng(seed).permutation(m)
    train, test = order[:m_train], order[m_train:]
    return X[train], X[test], y[train], y[test]


def grid(
    n: int = 100, domain: tuple[float, float] = DOMAIN
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A regular ``n x n`` grid over the square ``domain x domain``, for boundary images.

    The grid values are ``v = np.linspace(lo, hi, n)`` on both axes (ends included, like
    TFP's heat map); ``xx[i, j] = v[j]`` and ``yy[i, j] = v[i]``, so row i has y = v[i]
    and y grows with the row index. ``X_grid[i * n + j] = (v[j], v[i])``: x varies fastest.

    To draw: ``img = f(X_grid).reshape(n, n)`` has ``img[i, j]`` at ``(v[j], v[i])``;
    ``np.flipud(img)`` puts the largest y in the top row, as an image is shown. The pixel
    centres sit on ``v``, so the exact extent of that image is ``lo - h/2 .. hi + h/2`` with
    ``h = (hi - lo) / (n - 1)``.

    Returns
    -------
    xx, yy : (n, n) float64; X_grid : (n * n, 2) float64.
    """
    n = _check_int(n, "grid size n", 2)
    lo, hi = (float(v) for v in domain)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"domain must be (lo, hi) with finite lo < hi; got {domain!r}")
    v = np.linspace(lo, hi, n)
    xx, yy = np.meshgrid(v, v)
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])
