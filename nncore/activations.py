r"""Activation functions ``a = g(z)`` and their derivatives ``g'(z)``, by name.

Every activation is an :class:`Activation` holding two vectorised NumPy
functions of the pre-activation ``z``:

* ``g(z)``  -> ``a``, the activation, and
* ``dg(z, a=None)`` -> ``da/dz``.  ``dg`` takes ``z`` (not ``a``); passing the
  cached output ``a = g(z)`` as well lets sigmoid, tanh, ELU and SELU skip
  recomputing it (backprop already has ``A[l]`` in its cache).

Both accept any shape, keep the dtype (float32 stays float32), never change
their input, and raise no overflow or invalid-value warnings, even at
``|z| = 1000``.  Values and derivatives equal ``torch.nn.functional`` and its
autograd in float64, including the derivative at kinks: ``relu'(0) = 0``,
``leaky_relu'(0) = alpha``, ``elu'(0) = alpha``, ``selu'(0) = lambda * alpha``.

>>> import numpy as np
>>> from nncore import activations
>>> act = activations.get("leaky_relu", alpha=0.2)
>>> act.g(np.array([-1.0, 0.0, 2.0]))
array([-0.2,  0. ,  2. ])
>>> act.dg(np.array([-1.0, 0.0, 2.0]))
array([0.2, 0.2, 1. ])
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

__all__ = ["Activation", "CONSTANTS", "get", "names"]

Fn = Callable[..., np.ndarray]

#: Largest x with exp(x) finite, per dtype.  Clamping at it costs nothing in
#: precision: past it the sigmoid is below the smallest normal float anyway.
_EXP_MAX = {
    np.dtype(t): float(math.floor(math.log(float(np.finfo(t).max))))
    for t in (np.float16, np.float32, np.float64)
}
#: mish: exp(z) is clamped here; beyond it tanh(softplus(z)) rounds to 1
#: (1 - tanh ~ 2 e^{-2z}) in float32 and float64 alike, and n**2 cannot overflow.
_MISH_CLAMP = 40.0
#: selu constants, as in torch (and Klambauer et al. 2017).
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946
#: gelu, tanh approximation: sqrt(2/pi) and the cubic coefficient.
_GELU_BETA = math.sqrt(2.0 / math.pi)
_GELU_KAPPA = 0.044715
#: those constants by name, for code that writes g in another language (the Neuron
#: page's Vega expressions)
CONSTANTS = {"selu_alpha": _SELU_ALPHA, "selu_scale": _SELU_SCALE,
             "gelu_beta": _GELU_BETA, "gelu_kappa": _GELU_KAPPA}


@dataclass(frozen=True, eq=False)
class Activation:
    """One activation function with its derivative, formulas and properties.

    Attributes
    ----------
    name : str
        Registry name, e.g. ``"leaky_relu"``.
    g : callable
        ``g(z) -> a``; ``z`` an ndarray of any shape, ``a`` the same shape and dtype.
    dg : callable
        ``dg(z, a=None) -> da/dz``, same shape and dtype as ``z``.  ``a``, if
        given, must be ``g(z)``; some activations then skip recomputing it.
    latex, dlatex : str
        Tutorial-style formulas of ``a`` and ``a'`` for ``st.latex``.
    output_range : tuple of float
        ``(lo, hi)`` bounds of ``g`` (may be ``-inf``/``inf``; minima that are
        not round numbers are rounded outward to 1e-6).
    zero_centred : bool
        True when ``g`` is odd (``g(-z) = -g(z)``), so outputs are centred on 0.
    params : dict
        The parameters in use, defaults filled in (e.g. ``{"alpha": 0.01}``).
    g_out : callable or None
        ``g_out(z, out)`` writes ``g(z)`` into ``out`` without a temporary array;
        used through :meth:`g_into` by the network's hot loop. ``None``: not provided.

    Two activations are equal when their names and parameters are equal.
    """

    name: str
    g: Fn
    dg: Fn
    latex: str
    dlatex: str
    output_range: tuple[float, float]
    zero_centred: bool
    params: dict[str, float] = field(default_factory=dict)
    g_out: Fn | None = field(default=None, repr=False)

    def g_into(self, z: np.ndarray, out: np.ndarray) -> np.ndarray:
        """Write ``g(z)`` into ``out`` (same shape; ``out`` must not overlap ``z``).

        The network's forward pass writes each layer's activations straight into a
        buffer that already holds a row of ones for the next layer's bias, so this
        saves a copy per layer where the activation supports it.
        """
        if self.g_out is None:
            out[...] = self.g(z)
        else:
            self.g_out(z, out)
        return out

    def _key(self) -> tuple[str, tuple[tuple[str, float], ...]]:
        return self.name, tuple(sorted(self.params.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Activation) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild from name and params: the closures themselves do not pickle.
        return _build, (self.name, dict(self.params))

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"activations.get({self.name!r}{args})"


# ---------------------------------------------------------------- helpers


def _float(z: Any) -> np.ndarray:
    """``z`` as a float ndarray (floats keep their dtype, the rest become float64)."""
    z = np.asarray(z)
    return z if z.dtype.kind == "f" else z.astype(np.float64)


def _sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Stable logistic sigmoid 1 / (1 + e^{-z}); never overflows."""
    z = _float(z)
    s = np.empty_like(z) if out is None else out
    np.maximum(z, -_EXP_MAX.get(z.dtype, 709.0), out=s)
    np.negative(s, out=s)
    np.exp(s, out=s)
    s += 1
    return np.reciprocal(s, out=s)


def _tex_num(x: float) -> str:
    """A parameter value for LaTeX: 0.01 -> '0.01', 1e-05 -> '1 \\times 10^{-5}'."""
    s = f"{x:.6g}"
    if "e" in s:
        mant, exp = s.split("e")
        return rf"{mant} \times 10^{{{int(exp)}}}"
    return s


def _cases(pos: str, neg: str, kink: str = "0") -> str:
    r"""LaTeX ``\begin{cases}`` for a function split at z = kink (z > kink first)."""
    return rf"\begin{{cases}} {pos} & z > {kink} \\ {neg} & z \le {kink} \end{{cases}}"


# ------------------------------------------------------- the activations
# Each _make_* returns an Activation; parameters are validated by get().


def _make_sigmoid() -> Activation:
    def dg(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        s = _sigmoid(z) if a is None else _float(a)
        d = np.subtract(1, s, out=np.empty_like(s))
        d *= s
        return d

    return Activation(
        "sigmoid", _sigmoid, dg,
        r"a = \sigma(z) = \frac{1}{1+e^{-z}}", r"a' = a(1-a)",
        (0.0, 1.0), False, g_out=_sigmoid,
    )


def _make_tanh() -> Activation:
    def dg(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        t = np.tanh(_float(z)) if a is None else _float(a)
        d = np.square(t)  # a NumPy scalar when z is 0-d
        return np.subtract(1.0, d, out=d) if isinstance(d, np.ndarray) else 1.0 - d

    return Activation(
        "tanh", np.tanh, dg,
        r"a = \tanh(z) = \frac{e^z-e^{-z}}{e^z+e^{-z}}", r"a' = 1-a^2",
        (-1.0, 1.0), True, g_out=lambda z, out: np.tanh(z, out=out),
    )


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(_float(z), 0)


def _drelu(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    z = _float(z)
    return (z > 0).astype(z.dtype)  # 0 at the kink, like torch


def _make_relu() -> Activation:
    return Activation(
        "relu", _relu, _drelu,
        r"a = \max(0, z)", "a' = " + _cases("1", "0"),
        (0.0, math.inf), False, g_out=lambda z, out: np.maximum(z, 0, out=out),
    )


def _make_leaky_relu(alpha: float) -> Activation:
    # alpha is in [0, 1] (checked by get), so max(alpha z, z) is the function.
    def g(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        z = _float(z)
        a = np.multiply(z, alpha, out=np.empty_like(z) if out is None else out)
        return np.maximum(z, a, out=a)

    def dg(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        z = _float(z)
        d = (z > 0).astype(z.dtype)  # alpha at the kink, like torch
        d *= 1 - alpha
        d += alpha
        return d

    al = _tex_num(alpha)
    return Activation(
        "leaky_relu", g, dg,
        rf"a = \max({al}\,z,\ z)", "a' = " + _cases("1", al),
        (-math.inf if alpha > 0 else 0.0, math.inf), alpha == 1.0,
        {"alpha": alpha}, g_out=g,
    )


def _elu_pair(alpha: float, scale: float) -> tuple[Fn, Fn]:
    """g, dg of scale * elu(z, alpha); elu is scale = 1, selu the fixed constants."""
    neg = alpha * scale  # torch's negcoef

    def g(z: np.ndarray) -> np.ndarray:
        z = _float(z)
        # scale * (max(z, 0) + alpha * expm1(min(z, 0))): no mask, no overflow.
        a = np.minimum(z, 0, out=np.empty_like(z))
        np.expm1(a, out=a)
        a *= alpha
        a += np.maximum(z, 0)
        if scale != 1.0:
            a *= scale
        return a

    def dg(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        z = _float(z)
        if a is None:
            d = np.minimum(z, 0, out=np.empty_like(z))
            np.exp(d, out=d)
            d *= neg
        else:  # for z <= 0, a' = scale alpha e^z = a + scale alpha
            d = np.add(_float(a), neg, out=np.empty_like(z))
        return np.where(z > 0, z.dtype.type(scale), d)  # neg at the kink, like torch

    return g, dg


def _make_elu(alpha: float) -> Activation:
    g, dg = _elu_pair(alpha, 1.0)
    al = _tex_num(alpha)
    return Activation(
        "elu", g, dg,
        "a = " + _cases("z", rf"{al}\,(e^z-1)"), "a' = " + _cases("1", f"a + {al}"),
        (-alpha + 0.0, math.inf), False, {"alpha": alpha},
    )


def _make_selu() -> Activation:
    g, dg = _elu_pair(_SELU_ALPHA, _SELU_SCALE)
    return Activation(
        "selu", g, dg,
        r"a = \lambda " + _cases("z", r"\alpha(e^z-1)")
        + r",\quad \lambda \approx 1.0507,\ \alpha \approx 1.6733",
        "a' = " + _cases(r"\lambda", r"a + \lambda\alpha"),
        (-_SELU_SCALE * _SELU_ALPHA, math.inf), False,
    )


# Past |z| = 1e4, tanh(u) is exactly +-1 in float32 and float64, so GELU's inner terms are
# computed at z clipped there: the same values, and no overflow of z^3 for huge z (a
# diverging network), which gave NaN derivatives and overflow warnings.
_GELU_CLIP = 1e4


def _gelu_inner(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(z^2, tanh(u)) with u = sqrt(2/pi) (z + 0.044715 z^3), as torch computes it, both
    at z clipped to +-1e4 (where tanh(u) is already exactly +-1)."""
    z = np.clip(z, -_GELU_CLIP, _GELU_CLIP)
    z2 = np.multiply(z, z, out=np.empty_like(z))
    t = np.multiply(z2, _GELU_KAPPA, out=np.empty_like(z))
    t += 1
    t *= z
    t *= _GELU_BETA
    return z2, np.tanh(t, out=t)


def _gelu(z: np.ndarray) -> np.ndarray:
    z = _float(z)
    _, t = _gelu_inner(z)
    t += 1
    t *= 0.5  # before z: (1 + t) z would overflow at z ~ 9e307; halving first is exact
    t *= z
    return t


def _dgelu(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    z = np.clip(_float(z), -_GELU_CLIP, _GELU_CLIP)  # g'(z) is exactly 0 or 1 out there
    z2, t = _gelu_inner(z)
    # right = z/2 (1 - t^2) sqrt(2/pi) (1 + 3 kappa z^2); left = (1 + t)/2
    r = np.multiply(t, t, out=np.empty_like(z))
    np.subtract(1, r, out=r)
    r *= z
    z2 *= 3 * _GELU_KAPPA
    z2 += 1
    r *= z2
    r *= 0.5 * _GELU_BETA
    t += 1
    t *= 0.5
    t += r
    return t


def _make_gelu() -> Activation:
    u = r"\sqrt{2/\pi}\,(z+0.044715\,z^3)"
    return Activation(
        "gelu", _gelu, _dgelu,
        rf"a = \frac{{z}}{{2}}\left(1+\tanh u\right),\quad u = {u}",
        r"a' = \frac{1+\tanh u}{2} + \frac{z}{2}\,(1-\tanh^2 u)\,"
        r"\sqrt{2/\pi}\,(1+0.134145\,z^2)",
        (-0.170041, math.inf), False,
    )


def _silu(z: np.ndarray) -> np.ndarray:
    z = _float(z)
    s = _sigmoid(z)
    s *= z
    # past -_EXP_MAX the sigmoid is clamped at ~1e-308 (float64), which times a huge z is
    # not z e^z ~ -0: -1.2e-8 at z = -1e300 (torch gives -0)
    return np.where(z < -_EXP_MAX.get(z.dtype, 709.0), -0.0, s)


def _dsilu(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    z = _float(z)
    s = _sigmoid(z)
    d = np.subtract(1, s, out=np.empty_like(z))  # sigma (1 + z (1 - sigma))
    d *= z
    d += 1
    d *= s
    return np.where(z < -_EXP_MAX.get(z.dtype, 709.0), 0.0, d)  # as in _silu


def _make_silu() -> Activation:
    return Activation(
        "silu", _silu, _dsilu,
        r"a = z\,\sigma(z) = \frac{z}{1+e^{-z}}", r"a' = \sigma(z)\,\bigl(1 + z(1-\sigma(z))\bigr)",
        (-0.278465, math.inf), False,
    )


def _mish_parts(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(n, d, t) with n = e^z (clamped), d = n(n+2) + 2 and t = tanh(softplus(z)).

    tanh(ln(1+n)) = n(n+2) / (n(n+2) + 2): one exp instead of exp, log1p and
    tanh, accurate for every z (no cancellation), and 1 - t = 2/d exactly.
    """
    n = np.minimum(z, _MISH_CLAMP, out=np.empty_like(z))
    np.exp(n, out=n)
    p = np.add(n, 2, out=np.empty_like(z))
    p *= n
    d = np.add(p, 2, out=np.empty_like(z))
    return n, d, np.divide(p, d, out=p)


def _mish(z: np.ndarray) -> np.ndarray:
    z = _float(z)
    _, _, t = _mish_parts(z)
    t *= z
    return t


def _dmish(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    z = _float(z)
    n, d, t = _mish_parts(z)
    # a' = t + z sigma(z) (1 - t^2), with 1 - t^2 = 2 (1 + t) / d and sigma = n / (1 + n)
    r = np.add(t, 1, out=np.empty_like(z))
    r *= 2
    r /= d
    r *= z
    r *= n
    n += 1
    r /= n
    r += t
    # past the clamp a' rounds to 1 (1 - t^2 ~ 4 e^{-2z}), but the clamped 1 - t^2 (7e-35)
    # times a huge z does not: 1.0000072 at z = 1e29, 7e165 at 1e200 (torch gives 1)
    return np.where(z > _MISH_CLAMP, 1.0, r).astype(z.dtype, copy=False)


def _make_mish() -> Activation:
    return Activation(
        "mish", _mish, _dmish,
        r"a = z\,\tanh(s),\quad s = \ln(1+e^z)",
        r"a' = \tanh(s) + z\,\sigma(z)\,(1-\tanh^2 s)",
        (-0.308844, math.inf), False,
    )


def _make_softplus(beta: float, threshold: float) -> Activation:
    # torch: beta z > threshold -> z (the linear region), else ln(1 + e^{beta z}) / beta.
    def g(z: np.ndarray) -> np.ndarray:
        z = _float(z)
        bz = z * beta if beta != 1.0 else z
        a = np.abs(bz, out=np.empty_like(z))  # ln(1+e^x) = max(x, 0) + ln(1 + e^{-|x|})
        np.negative(a, out=a)
        np.exp(a, out=a)
        np.log1p(a, out=a)
        a += np.maximum(bz, 0)
        if beta != 1.0:
            a /= beta
        return np.where(bz > threshold, z, a)

    def dg(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
        z = _float(z)
        bz = z * beta if beta != 1.0 else z
        return np.where(bz > threshold, z.dtype.type(1), _sigmoid(bz))

    if beta == 1.0:
        tex, dtex = r"a = \ln(1+e^{z})", r"a' = \sigma(z) = \frac{1}{1+e^{-z}}"
    else:
        b = _tex_num(beta)
        tex = rf"a = \frac{{1}}{{{b}}}\ln(1+e^{{{b}\,z}})"
        dtex = rf"a' = \sigma({b}\,z) = \frac{{1}}{{1+e^{{-{b}\,z}}}}"
    return Activation(
        "softplus", g, dg, tex, dtex, (0.0, math.inf), False,
        {"beta": beta, "threshold": threshold},
    )


def _softsign(z: np.ndarray) -> np.ndarray:
    z = _float(z)
    d = np.abs(z, out=np.empty_like(z))
    d += 1
    return np.divide(z, d, out=d)


def _dsoftsign(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    z = _float(z)
    d = np.abs(z, out=np.empty_like(z))
    d += 1
    d *= d
    return np.reciprocal(d, out=d)


def _make_softsign() -> Activation:
    return Activation(
        "softsign", _softsign, _dsoftsign,
        r"a = \frac{z}{1+|z|}", r"a' = \frac{1}{(1+|z|)^2}",
        (-1.0, 1.0), True,
    )


def _linear(z: np.ndarray) -> np.ndarray:
    return _float(z).copy()  # a copy, so callers may change A in place


def _dlinear(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    return np.ones_like(_float(z))


def _make_linear() -> Activation:
    return Activation(
        "linear", _linear, _dlinear, "a = z", "a' = 1", (-math.inf, math.inf), True,
        g_out=lambda z, out: np.copyto(out, z),
    )


def _step(z: np.ndarray) -> np.ndarray:
    z = _float(z)
    return (z >= 0).astype(z.dtype)  # 1 at z = 0, like torch.heaviside(z, 1)


def _dstep(z: np.ndarray, a: np.ndarray | None = None) -> np.ndarray:
    return np.zeros_like(_float(z))  # 0 everywhere (undefined at 0): nothing to learn from


def _make_step() -> Activation:
    return Activation(
        "step", _step, _dstep,
        r"a = \begin{cases} 1 & z \ge 0 \\ 0 & z < 0 \end{cases}",
        "a' = 0", (0.0, 1.0), False,
    )


# ---------------------------------------------------------------- registry


class _Param(NamedTuple):
    default: float
    check: Callable[[float], bool]
    rule: str  # what check() accepts, for the error message


class _Spec(NamedTuple):
    make: Callable[..., Activation]
    params: dict[str, _Param]


_UNIT = _Param(0.01, lambda x: 0.0 <= x <= 1.0, "a number in [0, 1]")

#: Teaching order: the M-P threshold unit and the identity first, then the
#: smooth squashing functions, the ReLU family, and the smooth ReLU-likes.
_REGISTRY: dict[str, _Spec] = {
    "step": _Spec(_make_step, {}),
    "linear": _Spec(_make_linear, {}),
    "sigmoid": _Spec(_make_sigmoid, {}),
    "tanh": _Spec(_make_tanh, {}),
    "softsign": _Spec(_make_softsign, {}),
    "relu": _Spec(_make_relu, {}),
    "leaky_relu": _Spec(_make_leaky_relu, {"alpha": _UNIT}),
    "elu": _Spec(_make_elu, {
        "alpha": _Param(1.0, lambda x: 0.0 <= x < math.inf, "a finite number >= 0"),
    }),
    "selu": _Spec(_make_selu, {}),
    "softplus": _Spec(_make_softplus, {
        "beta": _Param(1.0, lambda x: 0.0 < x < math.inf, "a finite number > 0"),
        "threshold": _Param(20.0, lambda x: x > 0.0, "a number > 0 (inf allowed)"),
    }),
    "gelu": _Spec(_make_gelu, {}),
    "silu": _Spec(_make_silu, {}),
    "mish": _Spec(_make_mish, {}),
}


def names() -> list[str]:
    """Names of all activations, in teaching order.

    Returns
    -------
    list of str
        ``["step", "linear", "sigmoid", "tanh", "softsign", "relu", "leaky_relu",
        "elu", "selu", "softplus", "gelu", "silu", "mish"]``.
    """
    return list(_REGISTRY)


def get(name: str, **params: float) -> Activation:
    """The activation called ``name``, with optional parameters.

    Parameters
    ----------
    name : str
        One of :func:`names` (case and ``-``/``_`` are forgiven: ``"Leaky-ReLU"``).
    **params : float
        ``leaky_relu``: ``alpha=0.01`` in [0, 1]; ``elu``: ``alpha=1.0`` >= 0;
        ``softplus``: ``beta=1.0`` > 0, ``threshold=20.0`` > 0 (torch's meaning).
        The others take none.

    Returns
    -------
    Activation

    Raises
    ------
    ValueError
        Unknown name, unknown parameter, or a parameter value out of range;
        the message names the problem and lists what is valid.
    """
    key = name.strip().lower().replace("-", "_").replace(" ", "_") if isinstance(name, str) else ""
    if key not in _REGISTRY:
        raise ValueError(
            f"unknown activation {name!r}; valid names: {', '.join(_REGISTRY)}"
        )
    spec = _REGISTRY[key]
    unknown = sorted(set(params) - set(spec.params))
    if unknown:
        valid = ", ".join(spec.params) if spec.params else "none"
        raise ValueError(
            f"activation {key!r} has no parameter {unknown[0]!r}; valid parameters: {valid}"
        )
    values = {}
    for pname, p in spec.params.items():
        v = params.get(pname, p.default)
        ok = isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_)
        if ok:
            v = float(v)
            ok = not math.isnan(v) and p.check(v)
        if not ok:
            raise ValueError(f"activation {key!r}: {pname} must be {p.rule}, got {v!r}")
        values[pname] = v
    return spec.make(**values)


def _build(name: str, params: dict[str, float]) -> Activation:
    """Unpickling helper: ``get(name, **params)``."""
    return get(name, **params)
