r"""Every activation's g and g' as Vega expressions: the one table the browser computes from.

A chart that follows a slider (:mod:`ui.follow`) redraws a formula in the browser, so the
formula is written once more, in Vega's expression language (JavaScript's syntax, a few
``Math`` functions; no ``tanh``, ``expm1`` or ``log1p``). :data:`FORMULAS` holds that
second writing of ``nncore.activations``, for every activation: ``g`` and ``dg`` (g', the
derivative with respect to the pre-activation z, as nncore's ``dg`` takes it), as
templates of ``{z}`` and of the activation's parameters (``{alpha}``, ``{beta}``,
``{threshold}``: nncore's names). :func:`g` and :func:`dg` fill them in:

>>> g("leaky_relu")
'datum.z > 0 ? datum.z : 0.01 * datum.z'
>>> g("sigmoid", z="datum.B - datum.n * datum.T")
'1 / (1 + exp(-(datum.B - datum.n * datum.T)))'

The numbers are nncore's: its defaults (softplus's threshold of 20 included), its kinks
(``relu'(0) = 0``, ``leaky_relu'(0) = alpha``, ``step(0) = 1``), the SELU and GELU
constants from ``nncore.activations.CONSTANTS``. Every expression is finite wherever
nncore's value is (``exp`` overflowing to Infinity is used, never Infinity minus
Infinity). Who reads the table: the Neuron plane's shading (``ui.neuron.view``), the
Activations page's curves that follow the α and β sliders (``ui.activations.plots``).
Checked against nncore for every activation over a dense z grid in a plain unit test
(``tests/unit/test_vega_math.py``, with a small evaluator of Vega's expression language),
and in Chromium (``tests/e2e/test_e2e_follow.py``).
"""

from __future__ import annotations

import math
import re
import string
from typing import NamedTuple

from nncore import activations

__all__ = ["FORMULAS", "Formula", "dg", "g", "literal", "placeholders"]


class Formula(NamedTuple):
    """An activation's ``g`` and ``dg`` (taking z) as Vega expression templates of
    ``{z}`` and the activation's parameters."""

    g: str
    dg: str


Z = "{z}"
_C = activations.CONSTANTS
#: past |z| = 1e4 GELU's tanh is exactly +-1 and g' exactly 1 or 0, where z * z times the
#: 0 of 1 - tanh^2 could be Infinity times 0: nncore clips z there (its ``_GELU_CLIP``)
_GELU_CLIP = 1e4


def literal(x: float) -> str:
    """``x`` as a Vega number: shortest round trip (``0.01``, ``20``, ``1e-05``), in
    parentheses when negative; Vega has no Infinity constant, so +-inf is ``(1 / 0)``."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "(1 / 0)" if x > 0 else "(-1 / 0)"
    s = repr(x).removesuffix(".0")
    return f"({s})" if s.startswith("-") else s


def _tanh(u: str) -> str:
    """Vega (which has no tanh): ``tanh(u)``, finite for any ``u`` (exp overflows to
    Infinity, and 2 / Infinity is 0)."""
    return f"(1 - 2 / (exp(2 * ({u})) + 1))"


def _softplus(u: str) -> str:
    """Vega: ``log(1 + exp(u))`` without overflow (as nncore computes it)."""
    return f"(max({u}, 0) + log(1 + exp(-abs({u}))))"


def _sigmoid(u: str) -> str:
    """Vega: ``1 / (1 + exp(-u))``; ``u`` an atom."""
    return f"(1 / (1 + exp(-{u})))"


def _table() -> dict[str, Formula]:
    """:data:`FORMULAS`, in nncore's order."""
    S, T = _sigmoid(Z), _tanh(Z)
    alpha, beta, threshold = "{alpha}", "{beta}", "{threshold}"
    lam, lam_alpha = literal(_C["selu_scale"]), literal(_C["selu_scale"] * _C["selu_alpha"])
    root, kappa = literal(_C["gelu_beta"]), literal(_C["gelu_kappa"])
    gelu_t = _tanh(f"{root} * ({Z} + {kappa} * {Z} * {Z} * {Z})")
    mish_t = _tanh(_softplus(Z))
    bz = f"{beta} * {Z}"
    table = {
        "step": Formula(f"{Z} >= 0 ? 1 : 0", "0"),  # 1 at 0 (torch.heaviside(z, 1))
        "linear": Formula(Z, "1"),
        "sigmoid": Formula(S[1:-1], f"{S} * (1 - {S})"),
        "tanh": Formula(T, f"1 - {T} * {T}"),
        "softsign": Formula(f"{Z} / (1 + abs({Z}))",
                            f"1 / ((1 + abs({Z})) * (1 + abs({Z})))"),
        "relu": Formula(f"max({Z}, 0)", f"{Z} > 0 ? 1 : 0"),  # 0 at the kink
        "leaky_relu": Formula(f"{Z} > 0 ? {Z} : {alpha} * {Z}", f"{Z} > 0 ? 1 : {alpha}"),
        "elu": Formula(f"{Z} > 0 ? {Z} : {alpha} * (exp({Z}) - 1)",
                       f"{Z} > 0 ? 1 : {alpha} * exp({Z})"),
        "selu": Formula(f"{lam} * ({Z} > 0 ? {Z} : {literal(_C['selu_alpha'])} * (exp({Z}) - 1))",
                        f"{Z} > 0 ? {lam} : {lam_alpha} * exp({Z})"),
        # torch's: beta z > threshold is the linear region
        "softplus": Formula(f"{bz} > {threshold} ? {Z} : {_softplus(bz)} / {beta}",
                            f"{bz} > {threshold} ? 1 : 1 / (1 + exp(-{bz}))"),
        # g' past |z| = 1e4 as nncore's (exactly 1 or 0), where z * z could overflow
        "gelu": Formula(f"0.5 * {Z} * (1 + {gelu_t})",
                        f"abs({Z}) > {literal(_GELU_CLIP)} ? ({Z} > 0 ? 1 : 0)"
                        f" : 0.5 * (1 + {gelu_t}) + 0.5 * {Z} * (1 - {gelu_t} * {gelu_t})"
                        f" * {root} * (1 + {literal(3 * _C['gelu_kappa'])} * {Z} * {Z})"),
        "silu": Formula(f"{Z} / (1 + exp(-{Z}))", f"{S} * (1 + {Z} * (1 - {S}))"),
        "mish": Formula(f"{Z} * {mish_t}", f"{mish_t} + {Z} * {S} * (1 - {mish_t} * {mish_t})"),
    }
    return {name: table[name] for name in activations.names()}


#: every activation's g and g' (taking z) as Vega expression templates of ``{z}`` and its
#: parameters (nncore's names): the one writing of nncore's formulas for the browser
FORMULAS: dict[str, Formula] = _table()


def placeholders(template: str) -> set[str]:
    """The names a template leaves to fill in (``{"z", "alpha"}``)."""
    return {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}


_ATOM = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*"  # a name, datum.z
                   r"|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"  # an unsigned number
                   r"|\{\w+\}")  # a placeholder filled later (ui.follow.live's {v})


def _atom(expr: str) -> str:
    """``expr`` in parentheses unless it is one operand already (a name, an unsigned
    number, a call or a parenthesised expression): ``-{z}`` must not become ``--2``."""
    expr = expr.strip()
    if _ATOM.fullmatch(expr):
        return expr
    head = re.match(r"(?:[A-Za-z_$][\w$]*)?\(", expr)
    if head and expr.endswith(")"):
        depth = 0
        for i in range(head.end() - 1, len(expr)):
            depth += {"(": 1, ")": -1}.get(expr[i], 0)
            if depth == 0:
                if i == len(expr) - 1:
                    return expr
                break
    return f"({expr})"


def _fill(name: str, which: str, z: str, params: dict[str, float | str]) -> str:
    numbers = {k: v for k, v in params.items() if not isinstance(v, str)}
    act = activations.get(name, **numbers)  # checks the name and the numbers
    unknown = sorted(set(params) - set(act.params))
    if unknown:
        raise ValueError(f"activation {name!r} has no parameter {unknown[0]!r};"
                         f" valid parameters: {', '.join(act.params) or 'none'}")
    values = {k: literal(v) for k, v in act.params.items()}
    values |= {k: _atom(v) for k, v in params.items() if isinstance(v, str)}
    return getattr(FORMULAS[act.name], which).format(z=_atom(z), **values)


def g(name: str, z: str = "datum.z", **params: float | str) -> str:
    """Vega: activation ``name``'s g at the expression ``z``.

    ``params``: nncore's parameters (``alpha``, ``beta``, ``threshold``), each a number
    (checked as ``nncore.activations.get`` checks it) or a Vega expression (such as
    ``"{v}"``, the value :func:`ui.follow.live` puts in); the others take nncore's
    defaults. ``z`` and string parameters are parenthesised unless they are one operand.
    """
    return _fill(name, "g", z, params)


def dg(name: str, z: str = "datum.z", **params: float | str) -> str:
    """Vega: activation ``name``'s g' (the derivative with respect to z) at ``z``; the
    arguments as for :func:`g`."""
    return _fill(name, "dg", z, params)
