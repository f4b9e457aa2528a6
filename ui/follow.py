"""Charts that follow a slider in the browser, as the hand moves it, before the rerun.

A slider press costs a server round trip, a script run and the frontend redrawing what the
run sends: 100-150 ms on our pages, however small the run (``ARCHITECTURE.md``, "What a
widget reruns"). For a picture that is a formula of the slider's value (an activation's
curve at α, a neuron's line at w and b) the browser can redraw it alone, at once, as
TensorFlow Playground does: the chart's Vega-Lite spec carries the formula as an
expression of a *param* bound to the slider, and the rerun that follows as before brings
everything else (shaded regions, text, the link) and the same picture from the server.

How the value reaches the chart: a Streamlit slider keeps its value in a hidden
``<input type=range>`` that React updates without firing an event. :func:`install` mounts
a tiny component (``follow.js``) that fires :data:`EVENT` on that input whenever its value
changes; :func:`param` binds a Vega param to the input of the slider with a given widget
key (Vega's direct binding reads the input's value when the chart is drawn, and on every
:data:`EVENT`).

Where the binding cannot work (no such slider drawn, a browser without the relay, AppTest),
the param stays unset and :func:`live` falls back to the value the server computed, so the
chart is exactly what it was before.

Usage, in a chart builder (an activation's formula from :mod:`ui.vega_math`, the one
table of them in Vega)::

    chart.add_params(follow.param("p_alpha", "act_leaky_alpha")).transform_calculate(
        y=follow.live("p_alpha", vega_math.g("leaky_relu", alpha="{v}"), "datum.g"))
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import streamlit as st

#: the event the relay fires on a slider's input when its value changes
EVENT = "nn-follow"
#: the hidden range input of the slider whose widget key is ``{key}``
SLIDER_INPUT = ".st-key-{key} input[type=range]"

_relay = st.components.v2.component(
    "nn_follow_relay", js=(Path(__file__).with_name("follow.js")).read_text(encoding="utf-8")
)


def install() -> None:
    """Mount the relay (once per full run of a page whose charts follow sliders; it draws
    nothing). Its observer lives while it is mounted: leaving the page disconnects it."""
    _relay(key="nn_follow_relay", height=0)


def param(name: str, key: str) -> alt.Parameter:
    """A Vega param named ``name`` bound to the slider with widget key ``key``.

    Its value is the input's ``value``, a *string* (``"0.13"``): read it through
    :func:`live`. Unset (null) until bound. For an ``st.slider`` of numbers only: a
    ``select_slider``'s input holds the index of its option.
    """
    return alt.param(name=name, value=None,
                     bind=alt.BindDirect(element=SLIDER_INPUT.format(key=key), event=EVENT))


def value(name: str, server: str, lo: float, hi: float, step: float) -> str:
    """A Vega expression: the number of param ``name`` once the hand has moved its slider
    off the server's value, else the server's own value (``server``, an expression such as
    ``datum.w1``).

    The slider shows the server's value rounded to its ``step`` and clamped to
    ``[lo, hi]``; while the two agree the server's exact value is drawn (a trained weight
    past the slider's range, or between its stops, stays exact).
    """
    v = f"toNumber({name})"
    return f"({_bound(name)} && abs({v} - clamp({server}, {lo}, {hi})) > {step / 2}" \
           f" ? {v} : {server})"


def live(name: str, formula: str, fallback: str) -> str:
    """A Vega expression: ``formula`` with ``{v}`` standing for param ``name``'s number,
    or ``fallback`` (the server's value) while the param is unset."""
    number = f"toNumber({name})"
    return f"({_bound(name)} ? ({formula.format(v=number)}) : ({fallback}))"


def _bound(name: str) -> str:
    """Vega: param ``name`` holds a slider's value (unset, or emptied by the relay, it
    does not)."""
    return f"isValid({name}) && {name} !== ''"
