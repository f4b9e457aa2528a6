"""How numbers are written on screen: one formatter per purpose.

- :func:`latex`: a number inside a formula (the Neuron and Backprop pages' LaTeX);
- :func:`plain`: a number in text, a metric or a table (a dash when there is none);
- :func:`ladder`: a stop of a log-scale slider (``0.00001``, not ``1e-05``);
- :func:`stack`: several displayed formulas (with their numbers) as one LaTeX text.

A number in the URL is ``ui.state.format_value`` (shortest exact text, 1/0 for bools).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: the largest float64, what a value that overflowed is shown to exceed
FLOAT_MAX = r"1.8\times10^{308}"
#: from here on (and for a non-zero value that would round to 0) a power of ten is shown
POWER_FROM = 1e5


def latex(v: float, digits: int = 4) -> str:
    r"""``v`` as LaTeX with ``digits`` decimals, never ``-0.000``.

    A power of ten (``m \times 10^{e}``, ``digits - 1`` decimals in ``m``) where decimals
    would lose the number: from ``POWER_FROM`` on, or a non-zero value that would round to
    0. A value that overflowed float64 shows as ``>1.8\times10^{308}`` (it is not infinite,
    only too large to store); NaN is spelled out.
    """
    v = float(v)
    if math.isnan(v):
        return r"\text{NaN}"
    if math.isinf(v):
        return ("{>}" if v > 0 else "{<}-") + FLOAT_MAX
    if v != 0 and (abs(v) >= POWER_FROM or abs(v) < 0.5 * 10.0**-digits):
        mantissa, exponent = f"{v:.{max(digits - 1, 1)}e}".split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    text = f"{v:.{digits}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def plain(value: float | None, digits: int = 3) -> str:
    """A number for text and metrics; never 'nan' (a missing value shows as a dash)."""
    if value is None or not np.isfinite(value):
        return "–"
    return f"{value:.{digits}f}"


def ladder(value: float) -> str:
    """A stop of a log-scale slider as its label: positional, no trailing zeros."""
    return np.format_float_positional(value, trim="-")


def stack(formulas: Sequence[str], gap: str = "6pt") -> str:
    """Formulas one under the other as one LaTeX text (``gathered``, ``gap`` between
    lines): one element for the browser to draw instead of one per formula. A single
    formula is returned as it is."""
    if len(formulas) == 1:
        return formulas[0]
    return r"\begin{gathered} " + rf" \\[{gap}] ".join(formulas) + r" \end{gathered}"
