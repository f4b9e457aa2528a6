r"""The Neuron page's data, pictures and worked formulas: chart layers and LaTeX, no widgets.

* :func:`plane_spec` / :func:`plane_datasets`: the neuron's output over the plane (an image,
  from :mod:`ui.boundary`) under the data points, with the decision line
  ``w \cdot x + b = 0``, the weight vector as an arrow normal to it and the chosen input.
* :func:`curve_spec` / :func:`curve_datasets`: loss and accuracy per step, one line per rule.
* ``*_latex``: the formulas filled in with the numbers, in the tutorial's notation.

No ``st.*`` calls here: :mod:`ui.neuron.live` draws with :func:`ui.charts.show` and
``st.latex``. Numbers in formulas are :func:`ui.numbers.latex`.
"""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from nncore import activations
from nncore.perceptron import GDStep, PerceptronEpoch
from ui import boundary, charts
from ui.numbers import latex

__all__ = [
    "term",
    "vec",
    "colour_values",
    "line_segment",
    "arrow",
    "plane_spec",
    "plane_datasets",
    "curve_spec",
    "curve_datasets",
    "point_latex",
    "gd_latex",
    "gd_table",
    "perceptron_latex",
    "markdown_table",
    "RULE_COLOURS",
]

DOMAIN = (-6.0, 6.0)
ARROW_LEN = 1.5  # the arrow shows the direction of w; its length is fixed so it stays in view
# the symbol of g in "a = g(z) = \sigma(0.12)"
_SYMBOL = {
    "sigmoid": r"\sigma",
    "tanh": r"\tanh",
    "step": r"\operatorname{step}",
    "linear": "",
    "relu": r"\operatorname{ReLU}",
    "leaky_relu": r"\operatorname{LeakyReLU}",
    "elu": r"\operatorname{ELU}",
    "selu": r"\operatorname{SELU}",
    "gelu": r"\operatorname{GELU}",
    "silu": r"\operatorname{SiLU}",
    "mish": r"\operatorname{Mish}",
    "softplus": r"\operatorname{softplus}",
    "softsign": r"\operatorname{softsign}",
}
RULE_COLOURS = {"gd": charts.PALETTE[0], "perceptron": charts.PALETTE[2]}


# ---------------------------------------------------------------- numbers


def term(v: float, digits: int = 4) -> str:
    """:func:`ui.numbers.latex` in parentheses when negative, for products: ``(-0.50)(2.00)``."""
    s = latex(v, digits)
    return f"({s})" if s.startswith("-") else s


def vec(values, digits: int = 4) -> str:
    """A row vector as a LaTeX ``bmatrix``."""
    return r"\begin{bmatrix}" + " & ".join(latex(v, digits) for v in values) + r"\end{bmatrix}"


# ---------------------------------------------------------------- the plane


def colour_values(V: np.ndarray, act: str) -> tuple[np.ndarray, tuple[float, float]]:
    """Map outputs ``a`` onto the colour scale [-1, 1] (orange .. grey .. blue).

    A bounded activation uses its output range (sigmoid and step: 0 -> orange,
    1 -> blue); an unbounded one is scaled by the largest ``|a|`` on the plane.

    Returns
    -------
    shade : same shape as ``V``, in [-1, 1]; (lo, hi) : the outputs drawn orange and blue.
    """
    lo, hi = activations.get(act).output_range
    V = np.nan_to_num(np.asarray(V, dtype=np.float64), nan=0.0, posinf=1e300, neginf=-1e300)
    if math.isfinite(lo) and math.isfinite(hi):
        return 2.0 * (V - lo) / (hi - lo) - 1.0, (float(lo), float(hi))
    top = float(np.max(np.abs(V))) if V.size else 0.0
    top = top if top > 0 else 1.0
    return np.clip(V / top, -1.0, 1.0), (-top, top)


def line_segment(W, b: float, domain: tuple[float, float] = DOMAIN):
    """The part of the line ``w1 x1 + w2 x2 + b = 0`` inside the square ``domain``.

    Returns
    -------
    ((x1, x2), (x1', x2')) or None when w = 0 or the line misses the square.
    """
    w1, w2 = (float(v) for v in np.asarray(W).reshape(2))
    norm2 = w1 * w1 + w2 * w2
    if norm2 == 0.0:
        return None
    lo, hi = domain
    p0 = np.array([-b * w1, -b * w2]) / norm2  # the line's point nearest the origin
    d = np.array([-w2, w1]) / math.sqrt(norm2)  # its direction
    # Liang-Barsky: clip p0 + t d to the square
    t_lo, t_hi = -math.inf, math.inf
    for k in range(2):
        if d[k] == 0.0:
            if not lo <= p0[k] <= hi:
                return None
            continue
        t1, t2 = sorted(((lo - p0[k]) / d[k], (hi - p0[k]) / d[k]))
        t_lo, t_hi = max(t_lo, t1), min(t_hi, t2)
    if t_lo >= t_hi:
        return None
    a, c = p0 + t_lo * d, p0 + t_hi * d
    return (float(a[0]), float(a[1])), (float(c[0]), float(c[1]))


def arrow(W, b: float, domain: tuple[float, float] = DOMAIN):
    """Foot, tip and heading of the weight arrow, or None when the line is not in view.

    The foot is the line's point nearest the origin (or, when that lies outside the
    square, the middle of the visible piece); the arrow points along ``w``, to the side
    where ``z > 0``. The heading is in degrees clockwise from up (Vega's ``angle``).
    """
    seg = line_segment(W, b, domain)
    if seg is None:
        return None
    w = np.asarray(W, dtype=np.float64).reshape(2)
    u = w / np.linalg.norm(w)
    foot = -b * w / float(w @ w)
    lo, hi = domain
    if not np.all((foot >= lo) & (foot <= hi)):
        foot = (np.asarray(seg[0]) + np.asarray(seg[1])) / 2
    tip = foot + ARROW_LEN * u
    heading = math.degrees(math.atan2(u[0], u[1]))
    return (float(foot[0]), float(foot[1])), (float(tip[0]), float(tip[1])), heading


@charts.spec_builder
def plane_spec(
    name: str = "neuron-plane",
    width: int = 400,
    height: int = 400,
    point_title: str = "x",
) -> alt.LayerChart:
    """The plane chart over named data (see :func:`plane_datasets`); description ``name``."""
    layers = boundary.boundary_layers(
        charts.named(f"{name}-image"), charts.named(f"{name}-points"), DOMAIN
    )
    scale = alt.Scale(domain=list(DOMAIN), nice=False, zero=False)
    x = alt.X("x:Q", scale=scale, axis=alt.Axis(title="x1", tickCount=5, grid=False))
    y = alt.Y("y:Q", scale=scale, axis=alt.Axis(title="x2", tickCount=5, grid=False))
    line = (
        alt.Chart(charts.named(f"{name}-line"))
        .mark_line(color="#222222", strokeWidth=2.5, clip=True)
        .encode(x=x, y=y, order="i:Q")
    )
    shaft = (
        alt.Chart(charts.named(f"{name}-arrow"))
        .mark_rule(color="#222222", strokeWidth=2.5)
        .encode(x=x, y=y, x2="x2:Q", y2="y2:Q")
    )
    head = (
        alt.Chart(charts.named(f"{name}-arrow"))
        .mark_point(shape="triangle-up", filled=True, color="#222222", size=140, opacity=1)
        .encode(x=alt.X("x2:Q", scale=scale), y=alt.Y("y2:Q", scale=scale),
                angle=alt.Angle("angle:Q", scale=None))
    )
    w_label = (
        alt.Chart(charts.named(f"{name}-arrow"))
        .mark_text(fontWeight="bold", fontSize=14, dx=10, dy=-10, color="#222222")
        .encode(x=alt.X("x2:Q", scale=scale), y=alt.Y("y2:Q", scale=scale), text="text:N")
    )
    chosen = (
        alt.Chart(charts.named(f"{name}-x"))
        .mark_point(shape="diamond", filled=True, size=220, color="#ffffff", stroke="#000000",
                    strokeWidth=2, opacity=1)
        .encode(x=alt.X("x1:Q", scale=scale), y=alt.Y("x2:Q", scale=scale),
                tooltip=["x1:Q", "x2:Q", "z:Q", "a:Q"])
    )
    chosen_label = (
        alt.Chart(charts.named(f"{name}-x"))
        .mark_text(fontWeight="bold", fontSize=14, dx=12, dy=12, color="#000000")
        .encode(x=alt.X("x1:Q", scale=scale), y=alt.Y("x2:Q", scale=scale),
                text=alt.value(point_title))
    )
    return alt.layer(*layers, line, shaft, head, w_label, chosen, chosen_label).properties(
        width=width, height=height, description=name
    )


def plane_datasets(
    png: bytes,
    X: np.ndarray,
    y: np.ndarray,
    W,
    b: float,
    x,
    z: float,
    a: float,
    name: str = "neuron-plane",
) -> dict[str, pd.DataFrame]:
    """The data of :func:`plane_spec`: image, points, line, arrow and the chosen input."""
    seg = line_segment(W, b)
    line = pd.DataFrame(
        {"i": [0, 1], "x": [seg[0][0], seg[1][0]], "y": [seg[0][1], seg[1][1]]}
        if seg else {"i": [], "x": [], "y": []}
    )
    arr = arrow(W, b)
    arrow_df = pd.DataFrame(
        {"x": [arr[0][0]], "y": [arr[0][1]], "x2": [arr[1][0]], "y2": [arr[1][1]],
         "angle": [arr[2]], "text": ["w"]}
        if arr else {"x": [], "y": [], "x2": [], "y2": [], "angle": [], "text": []}
    )
    chosen = pd.DataFrame({"x1": [float(x[0])], "x2": [float(x[1])],
                           "z": [round(z, 4)], "a": [round(a, 4)]})
    return {
        **boundary.boundary_datasets(png, boundary.point_frame(X, y, "train"), name, DOMAIN),
        f"{name}-line": line,
        f"{name}-arrow": arrow_df,
        f"{name}-x": chosen,
    }


# ---------------------------------------------------------------- curves


@charts.spec_builder
def curve_spec(
    name: str,
    title: str,
    y_title: str,
    series: tuple[tuple[str, str], ...],
    x_title: str = "step",
    unit_interval: bool = False,
) -> alt.Chart:
    """Lines of ``value`` against ``step``, one per ``(rule, label)`` in ``series``."""
    scale = alt.Scale(domain=[0, 1]) if unit_interval else alt.Scale(zero=True)
    colours = alt.Scale(domain=[label for _, label in series],
                        range=[RULE_COLOURS[rule] for rule, _ in series])
    return (
        alt.Chart(charts.named(f"{name}-data"))
        .mark_line(point=False, strokeWidth=2)
        .encode(
            # at least steps 0..10 on the axis, so the first points are not a lone dot
            x=alt.X("step:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d"),
                    scale=alt.Scale(domain={"unionWith": [0, 10]})),
            y=alt.Y("value:Q", title=y_title, scale=scale),
            color=alt.Color("series:N", scale=colours,
                            legend=alt.Legend(orient="top", title=None, labelLimit=400)),
            tooltip=["series:N", "step:Q", alt.Tooltip("value:Q", format=".4f")],
        )
        .properties(title=title, height=330, description=name)
    )


def curve_datasets(
    histories: dict[str, dict],
    metric: str,
    labels: dict[str, str],
    name: str,
    max_points: int = 400,
) -> dict[str, pd.DataFrame]:
    """``<name>-data``: columns step, value, series for each rule's history of ``metric``
    ("loss" or "acc"), thinned to ``max_points`` per rule (first and last kept)."""
    frames = []
    for rule, hist in histories.items():
        steps = np.asarray(hist["step"])
        keep = np.unique(np.linspace(0, len(steps) - 1, min(len(steps), max_points)).astype(int))
        frames.append(pd.DataFrame({
            "step": steps[keep],
            "value": np.asarray(hist[metric], dtype=np.float64)[keep],
            "series": labels[rule],
        }))
    data = (pd.concat(frames, ignore_index=True) if frames
            else pd.DataFrame({"step": [], "value": [], "series": []}))
    return {f"{name}-data": data}


# ---------------------------------------------------------------- formulas


def markdown_table(df: pd.DataFrame) -> str:
    """``df`` as a GitHub-flavoured Markdown table (floats to 4 decimals): a few rows read
    as well as a data grid and cost the browser far less."""
    def cell(v) -> str:
        return f"{v:.4f}" if isinstance(v, float | np.floating) else str(v)

    cols = [str(c) for c in df.columns]
    rows = [" | ".join(cell(v) for v in r) for r in df.itertuples(index=False)]
    return "\n".join([" | ".join(cols), " | ".join("---:" for _ in cols), *rows])


def symbol(act: str) -> str:
    """The LaTeX symbol of activation ``act`` (empty for the identity)."""
    return _SYMBOL.get(act, rf"\operatorname{{{act}}}")


def point_latex(W, b: float, x, z: float, a: float, act: str) -> list[str]:
    """``z = w1 x1 + w2 x2 + b`` and ``a = g(z)`` with the numbers filled in."""
    w1, w2 = (float(v) for v in np.asarray(W).reshape(2))
    z_lines = (
        r"\begin{aligned} z &= w_1 x_1 + w_2 x_2 + b \\ "
        rf"&= {term(w1)} \cdot {term(x[0], 2)} + {term(w2)} \cdot {term(x[1], 2)} + {term(b)}"
        rf" \\ &= {latex(z)} \end{{aligned}}"
    )
    g = symbol(act)
    a_line = rf"a = g(z) = {g}({latex(z)}) = {latex(a)}" if g else rf"a = g(z) = z = {latex(a)}"
    return [z_lines, a_line]


def gd_latex(rec: GDStep, m: int) -> list[str]:
    """The tutorial's gradient-descent step with the numbers: dZ, dW, db, then the update."""
    lr = latex(rec.lr, 4).rstrip("0").rstrip(".")
    return [
        rf"dZ = A - Y \qquad (m = {m})",
        r"\begin{aligned} dW &= \frac{1}{m}\, dZ^{T} X = " + vec(rec.dW) + r" \\ "
        r"db &= \frac{1}{m} \sum_{i=1}^{m} dZ_i = " + latex(rec.db) + r"\end{aligned}",
        r"\begin{aligned} W &:= W - \alpha\, dW \\ "
        rf"&= {vec(rec.W)} - {lr} \times {vec(rec.dW)} \\ &= {vec(rec.W_new)} \\ "
        rf"b &:= b - \alpha\, db = {term(rec.b)} - {lr} \times {term(rec.db)} "
        rf"= {latex(rec.b_new)} \end{{aligned}}",
    ]


def gd_table(rec: GDStep, X: np.ndarray, y: np.ndarray, rows: int = 5) -> pd.DataFrame:
    """The first ``rows`` points of the step: x1, x2, y, z, a, dz = a - y."""
    k = min(rows, len(y))
    return pd.DataFrame({
        "x1": X[:k, 0], "x2": X[:k, 1], "y": np.asarray(y)[:k],
        "z": rec.Z[:k], "a": rec.A[:k], "dz = a - y": rec.dZ[:k],
    }).round(4)


def perceptron_latex(rec: PerceptronEpoch, max_updates: int = 3) -> list[str]:
    """The first ``max_updates`` changes of a perceptron pass, each with its numbers."""
    eta = latex(rec.eta, 4).rstrip("0").rstrip(".")
    lines = []
    w_before, b_before = rec.W, rec.b
    for u in rec.updates[:max_updates]:
        e = u.y - u.y_hat
        lines.append(
            rf"\begin{{aligned}} x^{{({u.i + 1})}} &= {vec(u.x, 2)},\quad y = {u.y},\quad "
            rf"\hat y = \operatorname{{step}}(w \cdot x + b) = {u.y_hat} \\ "
            rf"w &:= w + \eta\,(y - \hat y)\,x = {vec(w_before)} + {eta} \times ({e}) \times "
            rf"{vec(u.x, 2)} \\ &= {vec(u.W)} \\ "
            rf"b &:= b + \eta\,(y - \hat y) = {term(b_before)} + {eta} \times ({e}) "
            rf"= {latex(u.b)} \end{{aligned}}"
        )
        w_before, b_before = u.W, u.b
    return lines
