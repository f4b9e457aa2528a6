"""The latency floor for ``bench/bench_latency.py``: the least a Streamlit app can be.

One slider, a run counter and one small chart given as a plain Vega-Lite dict, nothing
else. A slider change here costs Streamlit's own round trip (key press, widget message,
script run, deltas, React render, Vega redraw): the part no app can remove.
"""

import math

import streamlit as st

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
