r"""The Neuron page's data, pictures and worked formulas: chart layers and LaTeX, no widgets.

* :func:`plane_spec` / :func:`plane_datasets`: the neuron's output over the plane (an image,
  from :mod:`ui.boundary`) under the data points, with the decision line
  ``w \cdot x + b = 0``, the weight vector as an arrow normal to it and the chosen input.
  The line, the arrow and the input are computed in the browser from w, b and x, so they
  follow the w1, w2, b, x1, x2 sliders as the hand moves them (:mod:`ui.follow`). So does
  the output itself: while a weight slider is off the server's value, a linear gradient
  along w coloured by ``g(w . x + b)`` (:func:`shade_calc`, g from :mod:`ui.vega_math`)
  covers the image, until the rerun brings the image for the new weights.
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
from ui import boundary, charts, describe, follow, vega_math
from ui.i18n import tr
from ui.neuron.settings import W_MAX
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
X_MAX, X_STEP = 6.0, 0.1  # the x1, x2 sliders
#: the sliders the plane follows in the browser: column -> (widget key, lo, hi, step)
FOLLOWED = {
    "w1": ("neuron_w1", -W_MAX, W_MAX, 0.01), "w2": ("neuron_w2", -W_MAX, W_MAX, 0.01),
    "b": ("neuron_b", -W_MAX, W_MAX, 0.01),
    "x1": ("neuron_x1", -X_MAX, X_MAX, X_STEP), "x2": ("neuron_x2", -X_MAX, X_MAX, X_STEP),
}
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
        # a d[k] so small that t overflows (a subnormal weight: ?w1=1e-320) gives t = +-inf,
        # the limit of d[k] -> 0 that the branch above takes: no bound along axis k
        with np.errstate(over="ignore"):
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
    where ``z > 0``. The heading is in degrees clockwise from up (Vega's ``angle``). The
    chart computes the same in the browser (:data:`ARROW_CALC`); this is its reference.
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


_LO, _HI = DOMAIN
_FAR = 60  # > the farthest a kept line's nearest point (9) plus the square's diagonal


def _inside(x: str, y: str | None = None) -> str:
    """Vega: ``x`` (and ``y``) within the plotted square."""
    out = f"{x} >= {_LO} && {x} <= {_HI}"
    return out if y is None else f"{out} && {y} >= {_LO} && {y} <= {_HI}"


def _clip_t(p: str, d: str) -> tuple[str, str]:
    """Vega: the range of t for which ``p + t d`` is within the square along one axis
    (Liang-Barsky; empty when d is 0 and p outside)."""
    lo, hi = f"({_LO} - {p}) / {d}", f"({_HI} - {p}) / {d}"
    return (f"{d} == 0 ? ({_inside(p)} ? -1e9 : 1e9) : min({lo}, {hi})",
            f"{d} == 0 ? ({_inside(p)} ? 1e9 : -1e9) : max({lo}, {hi})")


#: Vega expressions of the line and the arrow, :func:`line_segment`'s and :func:`arrow`'s
#: maths on rows of w and b (W1, W2, B: the server's or the sliders'), checked against
#: them in Chromium (tests/e2e/test_e2e_follow.py). The line: the squared norm; the filter
#: that keeps a line that can cross the square (no farther from the origin than its
#: corners); the two far ends (s = -1, 1) of the line through its point nearest the
#: origin, which the plot clips.
PLANE_LINE = (
    {"n2": "datum.W1 * datum.W1 + datum.W2 * datum.W2"},
    f"datum.n2 > 0 && abs(datum.B) / sqrt(datum.n2) <= {math.hypot(_LO, _HI) + 0.5:.3f}",
    {"x": f"-datum.B * datum.W1 / datum.n2 - datum.s * {_FAR} * datum.W2 / sqrt(datum.n2)",
     "y": f"-datum.B * datum.W2 / datum.n2 + datum.s * {_FAR} * datum.W1 / sqrt(datum.n2)"},
)
_T1X, _T2X = _clip_t("datum.p0x", "(-datum.uy)")
_T1Y, _T2Y = _clip_t("datum.p0y", "datum.ux")
#: the arrow: the unit w, the nearest point p0 and the visible piece's t range; the filter
#: that keeps a line in view; the foot (p0, or the visible piece's middle when p0 is out of
#: view), the tip and the heading (degrees clockwise from up)
ARROW_CALC = (
    {"ux": "datum.W1 / sqrt(datum.n2)", "uy": "datum.W2 / sqrt(datum.n2)",
     "p0x": "-datum.B * datum.W1 / datum.n2", "p0y": "-datum.B * datum.W2 / datum.n2",
     "t1x": _T1X, "t2x": _T2X, "t1y": _T1Y, "t2y": _T2Y,
     "tlo": "max(datum.t1x, datum.t1y)", "thi": "min(datum.t2x, datum.t2y)"},
    "datum.tlo < datum.thi",
    {"fx": f"{_inside('datum.p0x', 'datum.p0y')} ? datum.p0x"
           " : datum.p0x - (datum.tlo + datum.thi) / 2 * datum.uy",
     "fy": f"{_inside('datum.p0x', 'datum.p0y')} ? datum.p0y"
           " : datum.p0y + (datum.tlo + datum.thi) / 2 * datum.ux",
     "tx": f"datum.fx + {ARROW_LEN} * datum.ux", "ty": f"datum.fy + {ARROW_LEN} * datum.uy",
     "angle": "atan2(datum.ux, datum.uy) * 180 / PI"},
)


#: W1, W2, B: the server's w and b, or the sliders' while the hand moves them (the line,
#: the arrow and the shading read these)
_WB = {c.upper(): follow.value(f"p_{c}", f"datum.{c}", *FOLLOWED[c][1:])
       for c in ("w1", "w2", "b")}


def _dips() -> dict[str, tuple[float, float]]:
    """The unbounded activations whose g dips below its values at both ends of an
    interval around it (gelu, silu, mish): ``(z, g(z))`` at the dip, found on a fine grid."""
    z = np.linspace(-6, 6, 120_001)
    out = {}
    for name in activations.names():
        g = activations.get(name).g(z)
        i = int(np.argmin(g))
        if 0 < i < len(z) - 1:
            out[name] = (float(z[i]), float(g[i]))
    return out


_DIPS = _dips()
SHADE_STOPS = 48  # colour stops of the gradient drawn while a weight slider moves


def _rgb(shade: str, palette: str = boundary.DEFAULT_PALETTE) -> str:
    """Vega: the image's colour of ``shade`` in [-1, 1] (orange, grey, blue of ``palette``,
    mixed in RGB as :func:`ui.boundary.colour_scale` does), as ``'rgb(r,g,b)'``."""
    ends = boundary.palette_colours(palette)[:2]

    def channel(i: int) -> str:
        orange, grey, blue = ends[0][i], boundary.GREY[i], ends[1][i]
        lo = f"{orange} + ({shade} + 1) * {grey - orange}"
        hi = f"{grey} + ({shade}) * {blue - grey}"
        return f"round({shade} < 0 ? {lo} : {hi})"
    return "'rgb(' + " + " + ',' + ".join(channel(i) for i in range(3)) + " + ')'"


def shade_calc(act: str, palette: str = boundary.DEFAULT_PALETTE) -> list[dict]:
    """The Vega-Lite transforms that turn the plane's row of w and b (s = 1) into one row
    drawing the neuron's output over the square while a weight slider is off the server's
    value (none while they agree: the image is exact then).

    ``a = g(w . x + b)`` is constant along lines parallel to the decision line, so the
    picture is a linear gradient along w: ``SHADE_STOPS + 1`` stops from the square's
    farthest corner against w to the farthest along it (``T = 6 (|u1| + |u2|)`` either
    side of the centre, u = w / |w|), each coloured by :func:`colour_values`' mapping of g
    there (g from :mod:`ui.vega_math`, at nncore's default parameters; an unbounded g
    scaled by the largest |a| over the square: at its two ends along w, or at g's dip
    between them, :data:`_DIPS`). The row's ``grad``: a Vega gradient, in
    the units of the square (y down); one rect of it, whatever w, costs the browser next
    to nothing (a grid of cells cost 70 ms a redraw).
    """
    k = SHADE_STOPS
    half = (_HI - _LO) / 2
    rows = [{"calculate": e, "as": c} for c, e in _WB.items()] + [
        {"calculate": f"datum.s == 1 && (datum.W1 != datum.w1 || datum.W2 != datum.w2"
                      f" || datum.B != datum.b) ? sequence(0, {k + 1}) : []", "as": "ks"},
        {"flatten": ["ks"], "as": ["k"]},
        {"calculate": "sqrt(datum.W1 * datum.W1 + datum.W2 * datum.W2)", "as": "n"},
        {"calculate": "datum.n > 0 ? datum.W1 / datum.n : 1", "as": "u1"},
        {"calculate": "datum.n > 0 ? datum.W2 / datum.n : 0", "as": "u2"},
        {"calculate": f"{half} * (abs(datum.u1) + abs(datum.u2))", "as": "T"},
        {"calculate": f"datum.k / {k}", "as": "offset"},
        {"calculate": "datum.n * datum.T * (2 * datum.offset - 1) + datum.B", "as": "z"},
        {"calculate": vega_math.g(act), "as": "a"},
    ]
    g_lo, g_hi = activations.get(act).output_range
    if math.isfinite(g_lo) and math.isfinite(g_hi):
        shade = f"2 * (datum.a - {g_lo!r}) / {g_hi - g_lo!r} - 1"
    else:
        # the largest |a| over the square: at its two ends along w, or at g's dip between
        ends = [vega_math.g(act, z=f"datum.B {sign} datum.n * datum.T") for sign in "-+"]
        top = f"max(abs({ends[0]}), abs({ends[1]}))"
        dip = _DIPS.get(act)
        if dip is not None:
            z_min, g_min = dip
            top = (f"max({top}, datum.B - datum.n * datum.T <= {z_min!r} && {z_min!r}"
                   f" <= datum.B + datum.n * datum.T ? {abs(g_min)!r} : 0)")
        rows.append({"calculate": top, "as": "top"})
        shade = "clamp(datum.a / (datum.top > 0 ? datum.top : 1), -1, 1)"
    rows += [
        {"calculate": _rgb(f"({shade})", palette), "as": "color"},
        # one row: the stops (each row's offset and color, in order; Vega ignores the rest)
        {"aggregate": [{"op": "values", "field": "k", "as": "stops"}],
         "groupby": ["u1", "u2", "T"]},
        {"calculate": "{gradient: 'linear', stops: datum.stops,"
                      f" x1: 0.5 - datum.T * datum.u1 / {2 * half},"
                      f" y1: 0.5 + datum.T * datum.u2 / {2 * half},"
                      f" x2: 0.5 + datum.T * datum.u1 / {2 * half},"
                      f" y2: 0.5 - datum.T * datum.u2 / {2 * half}}}", "as": "grad"},
        {"calculate": f"{_LO}", "as": "x0"}, {"calculate": f"{_HI}", "as": "x1"},
    ]
    return rows


@charts.spec_builder
def plane_spec(
    name: str = "neuron-plane",
    width: int = 400,
    height: int = 400,
    point_title: str = "x",
    act: str = "sigmoid",
    palette: str = boundary.DEFAULT_PALETTE,
) -> alt.LayerChart:
    """The plane chart over named data (see :func:`plane_datasets`) for activation ``act``
    in ``palette`` (a key of ``ui.boundary.PALETTES``); id ``name`` (``usermeta.id``)."""
    image, *points = boundary.boundary_layers(
        charts.named(f"{name}-image"), charts.named(f"{name}-points"), DOMAIN,
        palette=palette,
    )
    scale = alt.Scale(domain=list(DOMAIN), nice=False, zero=False)
    # the output while a weight slider moves, over the image and under the points
    shading = alt.Chart(charts.named(f"{name}-w"), transform=shade_calc(act, palette)).mark_rect(
        opacity=1).encode(
        x=alt.X("x0:Q", scale=scale), x2="x1:Q", y=alt.Y("x0:Q", scale=scale), y2="x1:Q",
        fill=alt.Fill("grad:N", scale=None, legend=None))
    x = alt.X("x:Q", scale=scale, axis=alt.Axis(title="x1", tickCount=5, grid=False))
    y = alt.Y("y:Q", scale=scale, axis=alt.Axis(title="x2", tickCount=5, grid=False))
    # w, b: the server's, or the sliders' while the hand moves them; rows s = -1, 1
    wb = alt.Chart(charts.named(f"{name}-w")).transform_calculate(**_WB).transform_calculate(
        **PLANE_LINE[0]).transform_filter(PLANE_LINE[1])
    # the line through the point nearest the origin, far both ways, clipped to the plot
    line = (
        wb.transform_calculate(**PLANE_LINE[2])
        .mark_line(color="#222222", strokeWidth=2.5, clip=True)
        .encode(x=x, y=y, order="s:Q")
    )
    feet = wb.transform_filter("datum.s == 1").transform_calculate(**ARROW_CALC[0])
    feet = feet.transform_filter(ARROW_CALC[1]).transform_calculate(**ARROW_CALC[2])
    shaft = feet.mark_rule(color="#222222", strokeWidth=2.5).encode(
        x=alt.X("fx:Q", scale=scale), y=alt.Y("fy:Q", scale=scale), x2="tx:Q", y2="ty:Q")
    head = (
        feet.mark_point(shape="triangle-up", filled=True, color="#222222", size=140, opacity=1)
        .encode(x=alt.X("tx:Q", scale=scale), y=alt.Y("ty:Q", scale=scale),
                angle=alt.Angle("angle:Q", scale=None))
    )
    w_label = (
        feet.mark_text(fontWeight="bold", fontSize=14, dx=10, dy=-10, color="#222222")
        .encode(x=alt.X("tx:Q", scale=scale), y=alt.Y("ty:Q", scale=scale), text=alt.value("w"))
    )
    at_x = alt.Chart(charts.named(f"{name}-x")).transform_calculate(**{
        f"p{c}": follow.value(f"p_{c}", f"datum.{c}", *FOLLOWED[c][1:]) for c in ("x1", "x2")
    })
    chosen = (
        at_x.mark_point(shape="diamond", filled=True, size=220, color="#ffffff", stroke="#000000",
                        strokeWidth=2, opacity=1)
        .encode(x=alt.X("px1:Q", scale=scale, title="x1"),
                y=alt.Y("px2:Q", scale=scale, title="x2"),
                tooltip=[alt.Tooltip("px1:Q", title="x1"), alt.Tooltip("px2:Q", title="x2"),
                         "z:Q", "a:Q"])
    )
    chosen_label = (
        at_x.mark_text(fontWeight="bold", fontSize=14, dx=12, dy=12, color="#000000")
        .encode(x=alt.X("px1:Q", scale=scale), y=alt.Y("px2:Q", scale=scale),
                text=alt.value(point_title))
    )
    params = [follow.param(f"p_{c}", key) for c, (key, *_) in FOLLOWED.items()]
    return alt.layer(image, shading, *points, line, shaft, head, w_label, chosen,
                     chosen_label).properties(
        width=width, height=height, usermeta={"id": name}
    ).add_params(*params)


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
    """The data of :func:`plane_spec`: image, points, w and b (the browser draws the line
    and the arrow from them) and the chosen input."""
    w1, w2 = (float(v) for v in np.asarray(W).reshape(2))
    # w and b for the line and the arrow, which the browser computes (rows s = -1, 1)
    wb = pd.DataFrame({"s": [-1, 1], "w1": [w1] * 2, "w2": [w2] * 2, "b": [float(b)] * 2})
    chosen = pd.DataFrame({"x1": [float(x[0])], "x2": [float(x[1])],
                           "z": [round(z, 4)], "a": [round(a, 4)]})
    return {
        **boundary.boundary_datasets(png, boundary.point_frame(X, y, "train"), name, DOMAIN),
        f"{name}-w": wb,
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
        .properties(title=title, height=330, usermeta={"id": name})
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


def plane_alt(W: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, lang: str) -> str:
    """The plane's text alternative: the decision line, the side where z > 0, and how many
    points (labels 0/1 or -1/+1) lie on their class's side."""
    z = np.asarray(X, dtype=np.float64) @ np.asarray(W, dtype=np.float64) + float(b)
    correct = int(np.sum((z > 0) == (np.asarray(y, dtype=np.float64) > 0)))
    return describe.neuron_text(lang, W, float(b), correct, len(z))


def plane_table(W: np.ndarray, b: float, X: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    """The plane's numbers ("show as table"): each point, its label, z = w·x + b."""
    X = np.asarray(X, dtype=np.float64)
    return pd.DataFrame({"x1": X[:, 0], "x2": X[:, 1], "y": np.asarray(y),
                         "z": X @ np.asarray(W, dtype=np.float64) + float(b)})


def curves_alt(histories: dict[str, dict], metric: str, labels: dict[str, str],
               lang: str) -> str:
    """A curve chart's text alternative (issue 30): each rule's ``metric`` ("loss" or
    "acc") from its first step to its last (:func:`ui.describe.series_text`)."""
    return describe.series_text(
        lang, metric, [(labels[r], h["step"], h[metric]) for r, h in histories.items()],
        share=metric == "acc")


def formula_alt(W, b: float, act: str, x, z: float, a: float, lang: str) -> str:
    """The neuron's formulas in words, and z and a at ``x`` (issue 30)."""
    return describe.neuron_formula_text(lang, W, float(b), tr(f"act.name.{act}", lang), x,
                                        float(z), float(a))
