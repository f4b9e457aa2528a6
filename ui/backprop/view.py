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
from ui import charts, follow
from ui.backprop.settings import HIDDEN_WIDTH, MAX_LAYERS, MAX_WIDTH
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


#: the network's sliders the diagram follows in the browser (``ui.follow``): column ->
#: (widget key, lo, hi); the hidden widths' sliders are drawn for the layers there are
DIAGRAM_FOLLOWS = {
    "n0": ("bp_n0", 1, MAX_WIDTH), "depth": ("bp_depth", 0, MAX_LAYERS - 1),
    **{f"h{i}": (f"bp_h{i}", 1, MAX_WIDTH) for i in range(1, MAX_LAYERS)},
    "k": ("bp_k", 1, MAX_WIDTH),
}


def _size(l: str) -> str:
    """Vega: the width of layer ``l`` (an expression) in a row that carries the network."""
    hidden = " : ".join(f"{l} == {i} ? datum.H{i}" for i in range(1, MAX_LAYERS - 1))
    return (f"({l} == 0 ? datum.N0 : {l} == datum.L ? datum.K : {hidden}"
            f" : datum.H{MAX_LAYERS - 1})")


def _y(l: str, k: str) -> str:
    """Vega: the height of unit ``k`` (from 1) of layer ``l``: the layer centred on 0."""
    return f"({_size(l)} - 1) / 2 - ({k} - 1)"


def _drawn(depth: int) -> set[str]:
    """The network's sliders a network of ``depth`` hidden layers draws."""
    return {"n0", "depth", "k", *(f"h{i}" for i in range(1, depth + 1))}


def diagram_network(depth: int) -> dict[str, str]:
    """Vega, on every row: the network (N0, DEPTH, H1.., K: the sliders' once the hand
    moves them, else the server's columns n0, depth, h1.., k), its number of layers L and
    its widest layer W. Only the sliders a network of ``depth`` hidden layers draws are
    read (the others are not params of its chart)."""
    drawn = _drawn(depth)
    return {
        **{c.upper(): follow.value(f"p_{c}", f"datum.{c}", lo, hi, 1) if c in drawn
           else f"datum.{c}" for c, (_, lo, hi) in DIAGRAM_FOLLOWS.items()},
        "L": "datum.DEPTH + 1",
        "W": "max(datum.N0, datum.K, "
             + ", ".join(f"datum.DEPTH >= {i} ? datum.H{i} : 0" for i in range(1, MAX_LAYERS))
             + ")",
    }


#: Vega: which rows of :func:`diagram_data` the network has, and where they go
DIAGRAM_UNITS = (f"datum.layer <= datum.L && datum.unit <= {_size('datum.layer')}",
                 {"x": "datum.layer", "y": _y("datum.layer", "datum.unit")})
DIAGRAM_WEIGHTS = (f"datum.layer <= datum.L && datum.i <= {_size('datum.layer')}"
                   f" && datum.j <= {_size('datum.layer - 1')}",
                   {"x": "datum.layer - 1", "y": _y("datum.layer - 1", "datum.j"),
                    "x2": "datum.layer", "y2": _y("datum.layer", "datum.i")})
DIAGRAM_LABELS = ("datum.layer <= datum.L",
                  {"x": "datum.layer", "y": "-(datum.W - 1) / 2 - 0.9",
                   "text": "datum.layer == 0 ? datum.input"
                           " : datum.layer == datum.L ? datum.output : datum.hidden"})


def diagram_data(sizes: tuple[int, ...], hidden: tuple[int, ...] = (), focus: tuple = (),
                 phase: str = "forward") -> dict[str, pd.DataFrame]:
    """The diagram's data: every unit, weight and layer label a network of at most
    MAX_LAYERS layers of MAX_WIDTH units can have, each row with the network ``sizes``
    (``(n0, h1, .., k)``: columns n0, depth, h1.., k) from which the chart draws the rows
    the network has (:data:`DIAGRAM_UNITS` ..), or from the sliders as the hand moves them;
    the layers in ``focus`` marked (``on``) and coloured in the colour of ``phase``
    (``colour``, the others grey).

    ``hidden``: the widths the hidden layers' sliders hold, h1, h2, ..: those past the
    network's depth are what a deeper network would take (HIDDEN_WIDTH where there is
    none). A weight is marked when both the layers it joins are in ``focus``. Network,
    focus and colours are data, not spec, so the spec changes only with the depth and
    Vega otherwise updates the chart in place. A label carries the three texts a layer
    can have (input, hidden, output).
    """
    focus = set(focus)
    on_colour = PHASE_COLOURS.get(phase, PHASE_COLOURS["forward"])
    depth = len(sizes) - 2
    widths = (*sizes[1:-1], *hidden[depth:], *(HIDDEN_WIDTH,) * MAX_LAYERS)[:MAX_LAYERS - 1]
    network = {"n0": sizes[0], "depth": depth,
               **{f"h{i}": w for i, w in enumerate(widths, start=1)}, "k": sizes[-1]}
    layers, units = range(MAX_LAYERS + 1), range(1, MAX_WIDTH + 1)
    unit_rows = pd.DataFrame(
        [{"layer": l, "unit": i, "on": l in focus, "name": f"a{i}[{l}]" if l else f"x{i}"}
         for l in layers for i in units]
    )
    weights = pd.DataFrame(
        [{"layer": l, "i": i, "j": j, "on": l in focus and l - 1 in focus,
          "name": f"W[{l}]_{i}{j}"}
         for l in layers if l > 0 for i in units for j in units]
    )
    labels = pd.DataFrame(
        [{"layer": l, "input": t("bp.diagram.input"), "hidden": t("bp.diagram.hidden", l=l),
          "output": t("bp.diagram.output", l=l), "on": l in focus} for l in layers]
    )
    unit_rows["colour"] = np.where(unit_rows.on, on_colour, _IDLE)
    weights["colour"] = np.where(weights.on, on_colour, _IDLE)
    weights["width"] = np.where(weights.on, 2.5, 1.0)
    labels["colour"] = np.where(labels.on, on_colour, _TEXT)
    out = {"bp_units": unit_rows, "bp_weights": weights, "bp_labels": labels}
    for df in out.values():
        for c, v in network.items():
            df[c] = v
    return out


@charts.spec_builder
def diagram_spec(depth: int) -> alt.LayerChart:
    """The diagram over :func:`diagram_data`: the network's units and weights placed by
    :data:`DIAGRAM_UNITS` and :data:`DIAGRAM_WEIGHTS`, the layers' labels below; the
    scales fit the network drawn, so one spec serves every network of ``depth`` hidden layers
    (whose sliders it binds: the others are not drawn)."""
    network = diagram_network(depth)
    fit = alt.Scale(nice=False, zero=False)
    x = alt.X("x:Q", scale=fit, axis=None)
    y = alt.Y("y:Q", scale=fit, axis=None)
    colour = alt.Color("colour:N", scale=None)

    def placed(name: str, rows: tuple) -> alt.Chart:
        return (alt.Chart(charts.named(name)).transform_calculate(**network)
                .transform_filter(rows[0]).transform_calculate(**rows[1]))

    edges = placed("bp_weights", DIAGRAM_WEIGHTS).mark_rule().encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q", color=colour,
        strokeWidth=alt.StrokeWidth("width:Q", scale=None), tooltip=["name:N"],
    )
    dots = placed("bp_units", DIAGRAM_UNITS).mark_circle(
        size=520, opacity=1.0, stroke="white", strokeWidth=1.5
    ).encode(x=x, y=y, color=colour, tooltip=["name:N", "layer:Q", "unit:Q"])
    text = placed("bp_labels", DIAGRAM_LABELS).mark_text(fontSize=12).encode(
        x=x, y=y, text="text:N", color=colour,
    )
    # the frame the scales fit (an invisible rule): half a layer either side, the labels'
    # room below and half a unit above, as for a fixed layout
    frame = placed("bp_labels", DIAGRAM_LABELS).transform_calculate(
        x0="-0.5", x1="datum.L + 0.5", y0="-(datum.W - 1) / 2 - 1.3", y1="(datum.W - 1) / 2 + 0.5"
    ).mark_rule(opacity=0).encode(x=alt.X("x0:Q", scale=fit, axis=None), x2="x1:Q",
                                  y=alt.Y("y0:Q", scale=fit, axis=None), y2="y1:Q")
    params = [follow.param(f"p_{c}", key) for c, (key, _, _) in DIAGRAM_FOLLOWS.items()
              if c in _drawn(depth)]
    return (
        alt.layer(frame, edges, dots, text)
        .properties(height=230, usermeta={"id": "backprop-diagram"})
        .configure_view(stroke=None)
        .add_params(*params)
    )


def diagram(sizes: list[int], focus: tuple = (), phase: str = "forward",
            hidden: tuple[int, ...] = ()) -> tuple[dict, dict]:
    """The network as circles (units) and lines (weights), the layers in ``focus`` highlighted
    in the colour of ``phase``: ``(spec, datasets)`` for :func:`ui.charts.show`. It follows
    the network's sliders in the browser (``hidden``: see :func:`diagram_data`).

    The spec has ``usermeta.id = "backprop-diagram"``.
    """
    return (diagram_spec(len(sizes) - 2),
            diagram_data(tuple(sizes), tuple(hidden), tuple(focus), phase))
