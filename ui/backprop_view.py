r"""Rendering for the backprop page: numbers as LaTeX matrices, the network diagram, URL parsing.

No maths here (that is :mod:`nncore.trace`) and no ``st.*`` calls: every function takes
data and returns a string, a chart spec with its data, or a ``(value, problem)`` pair.

A displayed operand is ``\underbrace{<matrix>}_{<symbol>}``, so a reader (and the tests)
can tell which number belongs to which symbol.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import altair as alt
import numpy as np
import pandas as pd

from nncore.trace import Operand, Step, tex
from ui import charts, state
from ui.i18n import t

__all__ = [
    "MAX_LAYERS",
    "MAX_WIDTH",
    "PHASE_COLOURS",
    "SCIENTIFIC_FROM",
    "fmt_number",
    "bmatrix",
    "operand_latex",
    "step_lines",
    "diagram",
    "diagram_data",
    "diagram_spec",
    "parse_sizes",
    "parse_floats",
]

#: at most this many layers with parameters (L), each of at most MAX_WIDTH units
MAX_LAYERS = 4
MAX_WIDTH = 4
#: one colour per phase, shared by the diagram and the step header
PHASE_COLOURS = {
    "forward": "#3b6fd4",
    "loss": "#8e44ad",
    "backward": "#d35400",
    "update": "#1e8449",
}
_IDLE = "#c8ccd4"


#: from this magnitude on a number is written as ``m \times 10^{e}``: in fixed point
#: 1e15 would show 16 digits before the point, most of them rounding noise
SCIENTIFIC_FROM = 1e6
#: the largest float64, what a value that overflowed is shown to exceed
_FLOAT_MAX = r"1.8\times10^{308}"


def fmt_number(v: float, digits: int) -> str:
    """``v`` as LaTeX: ``digits`` decimals, no ``-0.000``; ``m \times 10^{e}`` (``digits``
    decimals in ``m``) from ``SCIENTIFIC_FROM`` on; a value that overflowed float64 as
    ``>1.8\times10^{308}`` (it is not infinite, only too large to store); NaN spelled out.
    """
    v = float(v)
    if math.isnan(v):
        return r"\text{NaN}"
    if math.isinf(v):
        return ("{>}" if v > 0 else "{<}-") + _FLOAT_MAX
    if abs(round(v, digits)) >= SCIENTIFIC_FROM:
        mantissa, exponent = f"{v:.{digits}e}".split("e")
        return tex(r"<m>\times10^{<e>}", m=mantissa, e=int(exponent))
    text = f"{v:.{digits}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")
    return text


def bmatrix(a: np.ndarray, digits: int) -> str:
    """A 2-D array as ``\\begin{bmatrix}...\\end{bmatrix}``; a 0-d array as a plain number."""
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 0:
        return fmt_number(a, digits)
    a = np.atleast_2d(a)
    rows = [" & ".join(fmt_number(v, digits) for v in row) for row in a]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def operand_latex(op: Operand, digits: int) -> str:
    """One operand: its numbers with its symbol underneath."""
    return tex(r"\underbrace{<v>}_{<s>}", v=bmatrix(op.value, digits), s=op.symbol)


def step_lines(step: Step, digits: int) -> list[str]:
    """The step's numeric lines with every placeholder replaced by its numbers."""
    filled = {name: operand_latex(op, digits) for name, op in step.operands.items()}
    return [tex(line, **filled) for line in step.numeric]


def diagram_data(sizes: list[int], focus: tuple = ()) -> dict[str, pd.DataFrame]:
    """The diagram's data: units, weights and layer labels, the layers in ``focus`` marked.

    A weight is marked when both the layers it joins are in ``focus``.
    """
    focus = set(focus)
    L = len(sizes) - 1

    def y_of(n: int, i: int) -> float:
        return (n - 1) / 2 - i

    units = pd.DataFrame(
        [
            {"layer": l, "unit": i + 1, "x": float(l), "y": y_of(n, i), "on": l in focus,
             "name": f"a{i + 1}[{l}]" if l else f"x{i + 1}"}
            for l, n in enumerate(sizes)
            for i in range(n)
        ]
    )
    weights = pd.DataFrame(
        [
            {"layer": l, "x": float(l - 1), "y": y_of(sizes[l - 1], j), "x2": float(l),
             "y2": y_of(n, i), "on": l in focus and l - 1 in focus,
             "name": f"W[{l}]_{i + 1}{j + 1}"}
            for l, n in enumerate(sizes)
            if l > 0
            for i in range(n)
            for j in range(sizes[l - 1])
        ]
    )

    def label(l: int) -> str:
        if l == 0:
            return t("bp.diagram.input")
        return t("bp.diagram.output", l=l) if l == L else t("bp.diagram.hidden", l=l)

    labels = pd.DataFrame(
        [{"x": float(l), "y": -(max(sizes) - 1) / 2 - 0.9, "text": label(l), "on": l in focus}
         for l in range(L + 1)]
    )
    return {"bp_units": units, "bp_weights": weights, "bp_labels": labels}


@charts.spec_builder
def diagram_spec(colour: str, L: int, widest: int) -> alt.LayerChart:
    """The layout of the diagram for ``L`` layers at most ``widest`` units tall."""
    xs = alt.Scale(domain=[-0.5, L + 0.5])
    ys = alt.Scale(domain=[-(widest - 1) / 2 - 1.3, (widest - 1) / 2 + 0.5])
    x = alt.X("x:Q", scale=xs, axis=None)
    y = alt.Y("y:Q", scale=ys, axis=None)
    on_colour = alt.condition("datum.on", alt.value(colour), alt.value(_IDLE))
    edges = alt.Chart(charts.named("bp_weights")).mark_rule().encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q", color=on_colour,
        strokeWidth=alt.condition("datum.on", alt.value(2.5), alt.value(1.0)),
        tooltip=["name:N"],
    )
    dots = alt.Chart(charts.named("bp_units")).mark_circle(
        size=520, opacity=1.0, stroke="white", strokeWidth=1.5
    ).encode(x=x, y=y, color=on_colour, tooltip=["name:N", "layer:Q", "unit:Q"])
    text = alt.Chart(charts.named("bp_labels")).mark_text(fontSize=12).encode(
        x=x, y=y, text="text:N",
        color=alt.condition("datum.on", alt.value(colour), alt.value("#555")),
    )
    return (
        alt.layer(edges, dots, text)
        .properties(height=230, description="backprop-diagram")
        .configure_view(stroke=None)
    )


def diagram(sizes: list[int], focus: tuple = (), phase: str = "forward") -> tuple[dict, dict]:
    """The network as circles (units) and lines (weights), the layers in ``focus`` highlighted
    in the colour of ``phase``: ``(spec, datasets)`` for :func:`ui.charts.show`.

    The spec has ``description="backprop-diagram"``.
    """
    colour = PHASE_COLOURS.get(phase, PHASE_COLOURS["forward"])
    return diagram_spec(colour, len(sizes) - 1, max(sizes)), diagram_data(sizes, focus)


def parse_sizes(raw: str | None, default: list[int]) -> tuple[list[int], str | None]:
    """Layer widths from the URL text ``"2-3-1"``: (widths, problem or None).

    Between 2 and MAX_LAYERS + 1 widths, each 1..MAX_WIDTH; otherwise the default and a
    translated notice.
    """
    if raw is None:
        return list(default), None
    shown = "-".join(str(s) for s in default)
    try:
        sizes = [int(part) for part in str(raw).replace(",", "-").split("-")]
    except ValueError:
        return list(default), t("bp.url.bad_sizes", setting=state.inert(f"sizes={raw}"),
                                default=shown)
    ok = 2 <= len(sizes) <= MAX_LAYERS + 1 and all(1 <= s <= MAX_WIDTH for s in sizes)
    if not ok:
        return list(default), t("bp.url.bad_sizes", setting=state.inert(f"sizes={raw}"),
                                default=shown)
    return sizes, None


def parse_floats(
    name: str, params: Mapping, default: list[float], lo: float, hi: float,
    shown: int | None = None,
) -> tuple[list[float], str | None]:
    """A comma-separated list of finite numbers in [lo, hi] (e.g. ``x=0.5,-1``).

    Missing entries take the default's; junk gives the default and a translated notice
    that names the first ``shown`` default values (the ones the page uses).
    """
    raw = params.get(name)
    if raw is None:
        return list(default), None
    raw = raw[-1] if isinstance(raw, list | tuple) else raw
    used = ",".join(f"{v:g}" for v in default[:shown])
    setting = state.inert(f"{name}={raw}")
    try:
        values = [float(part) for part in str(raw).split(",") if part.strip()]
    except ValueError:
        return list(default), t("bp.url.bad_numbers", setting=setting, default=used)
    if not all(math.isfinite(v) and lo <= v <= hi for v in values):
        return list(default), t("bp.url.bad_numbers", setting=setting, default=used)
    return values + list(default[len(values):]), None
