"""Charts that follow a slider in the browser, as the hand moves it, before the rerun.

A slider press costs a server round trip, a script run and the frontend redrawing what the
run sends: 100-150 ms on our pages, however small the run (``ARCHITECTURE.md``, "What a
widget reruns"). For a picture that is a formula of the slider's value (an activation's
curve at α, a neuron's line at w and b) the browser can redraw it alone, at once, as
TensorFlow Playground does: the chart's Vega-Lite spec carries the formula as an
expression of a *param* bound to the slider, and the rerun that follows as before brings
everything else (shaded regions, text, the link) and the same picture from the server.

How the value reaches the chart: a Streamlit slider keeps its value in a hidden
``<input type=range>`` that React updates without firing an event. Vega binds a param to
an element once, when the chart is first drawn, and the slider's own input may not be there
yet: the slider's code is loaded on its own, and on a first load under a busy machine or a
slow network a chart was drawn first and then never followed. So a chart binds a *proxy*,
a hidden input (:func:`proxies`, drawn by the frame at the top of the sidebar, before any
chart) named by the slider's key, and :func:`install` mounts a tiny component
(``follow.js``) that copies each slider's value into its proxy and fires :data:`EVENT` on
it whenever the value changes.

Where the binding cannot work (no such slider drawn, a browser without the relay, AppTest),
the proxy stays empty, the param unset, and :func:`live` falls back to the value the server
computed, so the chart is exactly what it was before.

Usage, in a chart builder (an activation's formula from :mod:`ui.vega_math`, the one
table of them in Vega; the key listed in :data:`SLIDERS`)::

    chart.add_params(follow.param("p_alpha", "act_leaky_alpha")).transform_calculate(
        y=follow.live("p_alpha", vega_math.g("leaky_relu", alpha="{v}"), "datum.g"))
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import streamlit as st

#: the event the relay fires on a slider's input when its value changes
EVENT = "nn-follow"
#: the proxy of the slider whose widget key is ``{key}``: what a chart binds
PROXY = "nn-follow-{key}"
#: the sliders each page's charts follow, by page id: the frame draws their proxies before
#: any chart (a chart drawn before its proxy could never follow it)
SLIDERS: dict[str, tuple[str, ...]] = {
    "activations": ("act_leaky_alpha", "act_elu_alpha", "act_beta", "act_depth"),
    "neuron": ("neuron_w1", "neuron_w2", "neuron_b", "neuron_x1", "neuron_x2"),
    "backprop": ("bp_n0", "bp_depth", "bp_h1", "bp_h2", "bp_h3", "bp_k"),
}
_FOLLOWED = frozenset(key for keys in SLIDERS.values() for key in keys)

_relay = st.components.v2.component(
    "nn_follow_relay", js=(Path(__file__).with_name("follow.js")).read_text(encoding="utf-8")
)


def proxies(page_id: str) -> None:
    """Draw the hidden proxies of the sliders page ``page_id``'s charts follow (nothing on
    another page). Call before any chart: the frame does, in the sidebar."""
    keys = SLIDERS.get(page_id, ())
    if keys:
        inputs = "".join(f'<input type="hidden" id="{PROXY.format(key=k)}" value="">'
                         for k in keys)
        st.html(f'<div class="nn-follow-proxies">{inputs}</div>')


def install() -> None:
    """Mount the relay (once per full run of a page whose charts follow sliders; it draws
    nothing). Its observer lives while it is mounted: leaving the page disconnects it."""
    _relay(key="nn_follow_relay", height=0)


def param(name: str, key: str) -> alt.Parameter:
    """A Vega param named ``name`` bound to (the proxy of) the slider with widget key
    ``key``, one of :data:`SLIDERS` (else ValueError: its proxy would not be drawn).

    Its value is the slider input's ``value``, a *string* (``"0.13"``): read it through
    :func:`live`. Unset (null or empty) until the slider moves. For an ``st.slider`` of
    numbers only: a ``select_slider``'s input holds the index of its option.
    """
    if key not in _FOLLOWED:
        raise ValueError(f"{key!r} is not in ui.follow.SLIDERS: no proxy is drawn for it")
    return alt.param(name=name, value=None,
                     bind=alt.BindDirect(element="#" + PROXY.format(key=key), event=EVENT))


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
