r"""The Backprop page's pictures: numbers as LaTeX matrices, the network diagram.

No maths here (that is :mod:`nncore.trace`) and no ``st.*`` calls: every function takes
data and returns a string or a chart spec with its data. Numbers are
:func:`ui.numbers.latex`.

A displayed operand is ``\underbrace{<matrix>}_{<symbol>}``, so a reader (and the tests)
can tell which number belongs to which symbol.
"""

from __future__ import annotations

from typing import NamedTuple

import altair as alt
import numpy as np
import pandas as pd

from nncore.trace import Operand, Step, tex
from ui import charts
from ui.i18n import t
from ui.numbers import latex, stack

__all__ = [
    "PHASE_COLOURS",
    "PHASE_MARKS",
    "bmatrix",
    "operand_latex",
    "step_lines",
    "StepText",
    "step_text",
    "diagram",
    "diagram_data",
    "diagram_spec",
]

#: one colour per phase, shared by the diagram and the step header
PHASE_COLOURS = {
    "forward": "#3b6fd4",
    "loss": "#8e44ad",
    "backward": "#d35400",
    "update": "#1e8449",
}
#: the same phases in Streamlit's Markdown colours (``:blue[...]``), for the step header
PHASE_MARKS = {"forward": "blue", "loss": "violet", "backward": "orange", "update": "green"}
_IDLE = "#c8ccd4"
_TEXT = "#555"


def bmatrix(a: np.ndarray, digits: int) -> str:
    """A 2-D array as ``\\begin{bmatrix}...\\end{bmatrix}``; a 0-d array as a plain number."""
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 0:
        return latex(a, digits)
    a = np.atleast_2d(a)
    rows = [" & ".join(latex(v, digits) for v in row) for row in a]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def operand_latex(op: Operand, digits: int) -> str:
    """One operand: its numbers with its symbol underneath."""
    return tex(r"\underbrace{<v>}_{<s>}", v=bmatrix(op.value, digits), s=op.symbol)


def step_lines(step: Step, digits: int) -> list[str]:
    """The step's numeric lines with every placeholder replaced by its numbers."""
    filled = {name: operand_latex(op, digits) for name, op in step.operands.items()}
    return [tex(line, **filled) for line in step.numeric]


def _display(formula: str) -> str:
    """A formula on its own line (Markdown's display math, as ``st.latex`` writes it)."""
    return f"$$\n{formula}\n$$"


def _small(text: str) -> str:
    """Text in the look of ``st.caption``: small and grey."""
    return f":small[:gray[{text}]]"


class StepText(NamedTuple):
    """One step as the page shows it: Markdown before the numbers (the header, the
    explanation, the formula and its note), the numeric lines as one LaTeX block, and
    Markdown after (the notes on the cache and the NumPy line)."""

    head: str
    numbers: str
    tail: str


def step_text(step: Step, digits: int) -> StepText:
    """The step ``step`` at ``digits`` decimals, in three elements instead of six or more:
    each element a run draws costs the browser time, whether or not it changed."""
    sym = f"${step.result.symbol}$"
    head = [
        f"#### :{PHASE_MARKS[step.phase]}[{t('bp.phase.' + step.phase)}] · "
        + t(f"bp.kind.{step.kind}", l=step.layer, sym=sym),
        t(f"bp.explain.{step.kind}", l=step.layer, prev=step.layer - 1),
        _display(step.formula),
    ]
    if step.note:
        head += [_small(t("bp.note_caption")), _display(step.note)]
    lines = step_lines(step, digits)
    numbers = stack(lines)
    tail = [_small(t("bp.edge_step"))] if step.edge else []
    notes = [t("bp.uses_cache", names=", ".join(f"${c}$" for c in step.cached))
             if step.cached else "",
             t("bp.stored_cache") if step.phase == "forward" else "", t("bp.code_caption")]
    tail += [_small(" ".join(n for n in notes if n)), f"```python\n{step.code}\n```"]
    return StepText("\n\n".join(head), numbers, "\n\n".join(tail))


def diagram_data(sizes: list[int], focus: tuple = (),
                 phase: str = "forward") -> dict[str, pd.DataFrame]:
    """The diagram's data: units, weights and layer labels, the layers in ``focus`` marked
    (``on``) and coloured in the colour of ``phase`` (``colour``, the others grey).

    A weight is marked when both the layers it joins are in ``focus``. The colours are
    data, not spec, so the spec stays the same from step to step and Vega updates the
    chart in place.
    """
    focus = set(focus)
    L = len(sizes) - 1
    on_colour = PHASE_COLOURS.get(phase, PHASE_COLOURS["forward"])

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
    units["colour"] = np.where(units.on, on_colour, _IDLE)
    weights["colour"] = np.where(weights.on, on_colour, _IDLE)
    weights["width"] = np.where(weights.on, 2.5, 1.0)
    labels["colour"] = np.where(labels.on, on_colour, _TEXT)
    return {"bp_units": units, "bp_weights": weights, "bp_labels": labels}


@charts.spec_builder
def diagram_spec(L: int, widest: int) -> alt.LayerChart:
    """The layout of the diagram for ``L`` layers at most ``widest`` units tall."""
    xs = alt.Scale(domain=[-0.5, L + 0.5])
    ys = alt.Scale(domain=[-(widest - 1) / 2 - 1.3, (widest - 1) / 2 + 0.5])
    x = alt.X("x:Q", scale=xs, axis=None)
    y = alt.Y("y:Q", scale=ys, axis=None)
    colour = alt.Color("colour:N", scale=None)
    edges = alt.Chart(charts.named("bp_weights")).mark_rule().encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q", color=colour,
        strokeWidth=alt.StrokeWidth("width:Q", scale=None), tooltip=["name:N"],
    )
    dots = alt.Chart(charts.named("bp_units")).mark_circle(
        size=520, opacity=1.0, stroke="white", strokeWidth=1.5
    ).encode(x=x, y=y, color=colour, tooltip=["name:N", "layer:Q", "unit:Q"])
    text = alt.Chart(charts.named("bp_labels")).mark_text(fontSize=12).encode(
        x=x, y=y, text="text:N", color=colour,
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
    return diagram_spec(len(sizes) - 1, max(sizes)), diagram_data(sizes, focus, phase)
