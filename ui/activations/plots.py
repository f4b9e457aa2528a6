"""Chart builders of the activations page (layout in, cached Vega-Lite spec out).

Each builder takes only layout (titles, ``(id, label)`` series, legend texts) and returns
a spec over named datasets; ``sections.py`` passes the DataFrames to ``ui.charts.show``:

===================  =========================================  ==========================
chart id             datasets                                   columns
===================  =========================================  ==========================
act-g, act-dg        curves (that chart's own), regions         z, name, label, g or dg;
                                                                z0, z1, region, region_label
act-stack-linear,    grid, out                                  x, y, line, order
act-stack-nonlinear
act-depth            depth, one                                 L, name, label, bound; y
act-prelu            points, curves                             z, y, series; z, a, which,
                                                                series
act-prelu-alpha      history, target                            step, alpha; alpha
act-rrelu            band, samples, eval                        z, lo, hi, series; z, a,
                                                                series
===================  =========================================  ==========================
"""

from __future__ import annotations

import altair as alt

from nncore import activations
from ui import follow, vega_math
from ui.activations.view import DEPTH_MAX
from ui.charts import (
    colour_scale,
    dash_scale,
    fixed_colours,
    named,
    palette_for,
    spec_builder,
)

# One colour per activation, the four default ones clearly apart; any name nncore adds
# later falls back to the palette.
ACT_COLOURS = {
    **palette_for(activations.names()),
    "sigmoid": "#4e79a7", "tanh": "#f28e2b", "relu": "#59a14f", "leaky_relu": "#b07aa1",
    "elu": "#e15759", "selu": "#9c755f", "softplus": "#76b7b2", "gelu": "#ff9da7",
    "silu": "#1f3b73", "mish": "#8c564b", "softsign": "#edc948", "linear": "#555555",
    "step": "#2ca02c",
}
#: the order dashes are given in (``ui.charts.DASHES``): the default activations first, the
#: sigmoid solid
DASH_ORDER = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "softplus", "gelu",
              "silu", "mish", "softsign", "linear", "step")
REGION_COLOURS = {"dead": "#8c8c8c", "saturated": "#f2cf5b"}
HEIGHT = 300
Series = tuple[tuple[str, str], ...]

#: the curves the browser redraws while their slider moves (``ui.follow``): name -> (the
#: slider's widget key, the nncore parameter it sets); their g and g' are
#: ``ui.vega_math``'s, with the slider's value for that parameter
LIVE: dict[str, tuple[str, str]] = {
    "leaky_relu": ("act_leaky_alpha", "alpha"),
    "elu": ("act_elu_alpha", "alpha"),
    "softplus": ("act_beta", "beta"),
}


def live_expression(which: str, names: tuple[str, ...]) -> tuple[str, list[alt.Parameter]]:
    """The Vega expression of the drawn value (g for ``which="g"``, g' for ``"dg"``): the
    server's ``datum[which]``, except for the :data:`LIVE` activations among ``names``,
    computed from their slider's value in the browser; and the params it reads."""
    formula = vega_math.g if which == "g" else vega_math.dg
    expr, params = f"datum.{which}", []
    for name in reversed([n for n in names if n in LIVE]):
        key, parameter = LIVE[name]
        p = f"p_{name}"
        params.append(follow.param(p, key))
        # {v}: the slider's number, which follow.live puts in
        live = follow.live(p, formula(name, **{parameter: "{v}"}), f"datum.{which}")
        expr = f"datum.name === '{name}' ? {live} : {expr}"
    return expr, params


@spec_builder
def curve_chart(
    which: str,
    title: str,
    z_title: str,
    y_title: str,
    legend_title: str,
    region_title: str,
    series: Series,
    regions: Series,
) -> alt.LayerChart:
    """g(z) (``which="g"``) or g'(z) (``"dg"``) per activation over shaded z intervals.

    ``series``: ``(name, label)`` of each activation; ``regions``: ``(region, label)`` of
    each kind of shaded interval present ("dead", "saturated"). The :data:`LIVE` curves
    follow their slider in the browser before the rerun (``ui.follow``).
    """
    # "v": the value drawn, the server's or (for the LIVE ones) the browser's
    expr, params = live_expression(which, tuple(name for name, _ in series))
    lines = (
        alt.Chart(named("curves"))
        .transform_calculate(v=expr)
        .mark_line(strokeWidth=2.2, clip=True)
        .encode(
            x=alt.X("z:Q", title=z_title, scale=alt.Scale(nice=False)),
            y=alt.Y("v:Q", title=y_title),
            color=alt.Color(
                "label:N", title=legend_title, scale=colour_scale(series, ACT_COLOURS)
            ),
            # each activation its own dash too (one legend shows both: same field, title)
            strokeDash=alt.StrokeDash(
                "label:N", title=legend_title, scale=dash_scale(series, DASH_ORDER)
            ),
            # Vega shows the datum nearest the pointer: one of the drawn points, whose
            # values are exact (few rows, so the per-datum tooltip is cheap).
            tooltip=[
                alt.Tooltip("label:N", title=legend_title),
                alt.Tooltip("z:Q", format=".4g"),
                alt.Tooltip("v:Q", title=y_title, format=".4g"),
            ],
        )
    )
    layers = [lines]
    if regions:
        scale = fixed_colours(
            tuple(label for _, label in regions), tuple(REGION_COLOURS[r] for r, _ in regions)
        )
        shade = (
            alt.Chart(named("regions"))
            .mark_rect(opacity=0.28)
            .encode(
                x="z0:Q",
                x2="z1:Q",
                fill=alt.Fill("region_label:N", title=region_title, scale=scale),
            )
        )
        layers.insert(0, shade)
    chart = (
        alt.layer(*layers)
        .resolve_scale(color="independent", strokeDash="independent")
        .properties(title=title, height=HEIGHT, usermeta={"id": f"act-{which}"})
    )
    return chart.add_params(*params) if params else chart


@spec_builder
def stack_chart(title: str, chart_id: str) -> alt.LayerChart:
    """A square grid (grey) and its image under a stack of layers (coloured by line)."""

    def lines(name: str) -> alt.Chart:
        return alt.Chart(named(name)).encode(
            x=alt.X("x:Q", title="x₁"),
            y=alt.Y("y:Q", title="x₂"),
            detail="line:N",
            order="order:Q",
        )

    grey = lines("grid").mark_line(strokeWidth=1, color="#bbbbbb", opacity=0.6)
    image = lines("out").mark_line(strokeWidth=1.6).encode(
        color=alt.Color("line:Q", scale=alt.Scale(scheme="viridis"), legend=None)
    )
    return alt.layer(grey, image).properties(title=title, height=HEIGHT, usermeta={"id": chart_id})


@spec_builder
def depth_chart(
    title: str, x_title: str, y_title: str, legend: str, series: Series
) -> alt.LayerChart:
    """``(max |g'|)^L`` against depth L on a log scale, one line per activation; a dashed
    rule at 1 (no change). The lines follow the depth slider in the browser."""
    # L <= the depth: the server's, or the slider's as the hand moves it (ui.follow)
    D = follow.value("p_depth", "datum.depth", 1, DEPTH_MAX, 1)
    lines = (
        alt.Chart(named("depth"))
        .transform_filter(f"datum.L <= {D}")
        .mark_line(point=True)
        .encode(
            x=alt.X("L:Q", title=x_title, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("bound:Q", title=y_title, scale=alt.Scale(type="log")),
            color=alt.Color(
                "label:N", title=legend, scale=colour_scale(series, ACT_COLOURS)
            ),
            tooltip=[
                alt.Tooltip("label:N", title=legend),
                "L:Q",
                alt.Tooltip("bound:Q", title=y_title, format=".3e"),
            ],
        )
    )
    one = alt.Chart(named("one")).mark_rule(strokeDash=[4, 4], color="#888").encode(y="y:Q")
    return alt.layer(one, lines).properties(
        title=title, height=HEIGHT, usermeta={"id": "act-depth"}
    ).add_params(follow.param("p_depth", "act_depth"))


@spec_builder
def prelu_chart(title: str, legend: tuple[str, str, str]) -> alt.LayerChart:
    """Training points and PReLU at its initial and learned alpha.

    ``legend``: display texts of (data, initial curve, learned curve), the values of the
    ``series`` column.
    """
    colour = alt.Color(
        "series:N", title=None, scale=fixed_colours(legend, ("#9c9c9c", "#f28e2b", "#4e79a7"))
    )
    dots = (
        alt.Chart(named("points"))
        .mark_circle(size=22, opacity=0.7)
        .encode(x=alt.X("z:Q", title="z"), y=alt.Y("y:Q", title="a"), color=colour)
    )
    lines = (
        alt.Chart(named("curves"))
        .mark_line(strokeWidth=2.5)
        .encode(x="z:Q", y="a:Q", color=colour, detail="which:N")
    )
    return alt.layer(dots, lines).properties(title=title, height=HEIGHT,
                                             usermeta={"id": "act-prelu"})


@spec_builder
def alpha_chart(title: str, x_title: str, y_title: str) -> alt.LayerChart:
    """alpha after each gradient step, and the slope the data came from (dashed)."""
    line = (
        alt.Chart(named("history"))
        .mark_line(color="#4e79a7")
        .encode(x=alt.X("step:Q", title=x_title), y=alt.Y("alpha:Q", title=y_title))
    )
    target = (
        alt.Chart(named("target"))
        .mark_rule(strokeDash=[4, 4], color="#e15759")
        .encode(y="alpha:Q")
    )
    return alt.layer(line, target).properties(
        title=title, height=220, usermeta={"id": "act-prelu-alpha"}
    )


@spec_builder
def rrelu_chart(title: str, legend: tuple[str, str, str]) -> alt.LayerChart:
    """RReLU: the band of training-time outputs, one random draw, the test-time line.

    ``legend``: display texts of (band, samples, test-time line), the ``series`` values.
    """
    colour = alt.Color(
        "series:N", title=None, scale=fixed_colours(legend, ("#f2cf5b", "#4e79a7", "#e15759"))
    )
    band = (
        alt.Chart(named("band"))
        .mark_area(opacity=0.45)
        .encode(x=alt.X("z:Q", title="z"), y=alt.Y("lo:Q", title="a"), y2="hi:Q", color=colour)
    )
    dots = alt.Chart(named("samples")).mark_circle(size=30).encode(x="z:Q", y="a:Q", color=colour)
    line = (
        alt.Chart(named("eval"))
        .mark_line(strokeDash=[6, 3], strokeWidth=2)
        .encode(x="z:Q", y="a:Q", color=colour)
    )
    return alt.layer(band, line, dots).properties(
        title=title, height=HEIGHT, usermeta={"id": "act-rrelu"}
    )
