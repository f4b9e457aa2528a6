"""The latency floor for ``bench/bench_latency.py``: the least a Streamlit app can be.

One slider, a run counter and one small chart given as a plain Vega-Lite dict, nothing
else. A slider change here costs Streamlit's own round trip (key press, widget message,
script run, deltas, React render, Vega redraw): the part no app can remove.

Two options of the link add, one at a time, what every page of ours has and the floor
has not (``bench_latency.py --floor-parts`` measures them against the plain floor):

* ``?static=N``: N elements that do not change (sliders, buttons and Markdown in turn)
  above the slider, which with its chart is then a fragment: a press reruns only the
  fragment, but Streamlit's frontend still re-renders the whole page;
* ``?link=1``: each run writes the slider's value into the URL, as our pages keep their
  link current (``ui.state.settings_to_url``);
* ``?changed=K``: K more elements that change with the slider (a chart, a number, a
  formula and a sentence in turn), drawn by the same run: what a slider whose effect
  shows in several pictures makes Streamlit redraw (a Neuron weight redraws about 12:
  three charts, three numbers, two formulas and their texts).
"""

import math

import streamlit as st

MAX_STATIC = 500


def _count(name: str) -> int:
    raw = st.query_params.get(name, "0")
    return min(int(raw), MAX_STATIC) if raw.isdigit() else 0


def _chart(k: int, i: int) -> dict:
    """A small chart of 40 points that moves with ``k``."""
    return {
        "data": {"values": [{"x": j / 4, "y": math.cos((k + i) * j / 40)} for j in range(40)]},
        "mark": "line",
        "encoding": {"x": {"field": "x", "type": "quantitative"},
                     "y": {"field": "y", "type": "quantitative"}},
        "height": 120,
    }


def changed(k: int, count: int) -> None:
    """``count`` elements whose content follows ``k``: a chart, a number, a formula and a
    sentence in turn."""
    for i in range(count):
        kind = i % 4
        if kind == 0:
            st.vega_lite_chart(_chart(k, i), width="stretch")
        elif kind == 1:
            st.metric(f"number {i}", f"{math.sin(k + i):.4f}")
        elif kind == 2:
            st.latex(rf"z_{{{i}}} = {k} \cdot {i} + {math.cos(k):.3f} = {k * i + math.cos(k):.3f}")
        else:
            st.markdown(f"With k = **{k}**, element {i} reads {math.tan(k / 40 + i):.3f}.")


def floor() -> None:
    """The slider, the run counter and the chart, then the ``?changed`` elements."""
    st.session_state.runs = st.session_state.get("runs", 0) + 1
    k = st.slider("k", 1, 20, 5, key="toy_k")
    st.caption(f"runs: {st.session_state.runs}")
    st.vega_lite_chart(
        {
            "data": {"values": [{"x": i / 4, "y": math.sin(k * i / 40)} for i in range(40)]},
            "mark": "line",
            "encoding": {"x": {"field": "x", "type": "quantitative"},
                         "y": {"field": "y", "type": "quantitative"}},
            "height": 160,
        },
        width="stretch",
    )
    changed(k, _count("changed"))
    if st.query_params.get("link") == "1":
        st.query_params["k"] = str(k)


n = _count("static")
for i in range(n):
    if i % 3 == 0:
        st.slider(f"static {i}", 0, 10, 5, key=f"static_{i}")
    elif i % 3 == 1:
        st.button(f"button {i}", key=f"button_{i}")
    else:
        st.markdown(f"static line **{i}**")
st.fragment(floor)() if n else floor()
