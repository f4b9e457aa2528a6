"""The Neuron page's parts outside the live fragment: the control column, drawn as four
groups (the neuron, the input point, the data, training), and the link to the MLP page.

Widgets take their values from session state (their ``neuron_*`` key) and change the run
through the callbacks of :mod:`ui.neuron.actions`.
"""

from __future__ import annotations

import streamlit as st

from nncore import activations
from nncore import perceptron as P  # noqa: N812 (short, used everywhere)
from ui import frame
from ui.i18n import t
from ui.neuron import actions
from ui.neuron.settings import LEARNING_RATES, SPEEDS, W_MAX


def neuron_controls(run: P.NeuronRun, locked: bool) -> None:
    """The w1, w2, b sliders (they follow training; locked while playing) and g."""
    st.subheader(t("neuron.h.neuron"))
    for key, label in (("neuron_w1", "w₁"), ("neuron_w2", "w₂"), ("neuron_b", "b")):
        st.slider(label, -W_MAX, W_MAX, step=0.01, format="%.2f", key=key,
                  on_change=actions.on_weights, disabled=locked)
    if locked:
        st.caption(t("neuron.locked"))
    clipped = [n for n, v in (("w₁", run.W[0]), ("w₂", run.W[1]), ("b", run.b))
               if abs(v) > W_MAX]
    if clipped:
        st.caption(t("neuron.clipped", names=", ".join(clipped), lim=W_MAX))
    st.selectbox(t("neuron.act"), activations.names(), key="neuron_act",
                 format_func=lambda n: t(f"act.name.{n}"))


def point_controls() -> None:
    """The input x whose z and a the formulas show."""
    st.subheader(t("neuron.h.point"))
    c1, c2 = st.columns(2)
    c1.slider("x₁", -6.0, 6.0, step=0.1, format="%.1f", key="neuron_x1")
    c2.slider("x₂", -6.0, 6.0, step=0.1, format="%.1f", key="neuron_x2")


def data_controls() -> None:
    """Dataset, noise and seed: a change draws new data and starts training again."""
    st.subheader(t("neuron.h.data"))
    st.selectbox(t("neuron.dataset"), P.DATASETS, key="neuron_dataset",
                 on_change=actions.on_data, format_func=lambda d: t(f"neuron.ds.{d}"))
    c1, c2 = st.columns(2)
    c1.slider(t("neuron.noise"), 0, 50, step=5, key="neuron_noise", on_change=actions.on_data)
    c2.number_input(t("neuron.seed"), 0, 9999, step=1, key="neuron_seed",
                    on_change=actions.on_seed)


def training_controls(run: P.NeuronRun, locked: bool) -> None:
    """Rule, learning rate, Step / Step 100 / Reset, Play and its speed."""
    st.subheader(t("neuron.h.train"))
    st.radio(t("neuron.rule"), P.RULES, key="neuron_rule", on_change=actions.on_rule,
             format_func=lambda r: t(f"neuron.rule.{r}"), horizontal=True)
    st.select_slider(t("neuron.lr"), options=LEARNING_RATES, key="neuron_lr",
                     on_change=actions.on_lr, help=t("neuron.lr_help"))
    b1, b2, b3 = st.columns(3)
    stuck = run.diverged is not None or run.converged
    b1.button(t("neuron.step"), key="neuron_step", on_click=actions.on_step, args=(1,),
              disabled=stuck or locked, width="stretch")
    b2.button(t("neuron.step100"), key="neuron_step100", on_click=actions.on_step,
              args=(100,), disabled=stuck or locked, width="stretch")
    b3.button(t("neuron.reset"), key="neuron_reset", on_click=actions.on_reset,
              width="stretch")
    c1, c2 = st.columns(2)
    c1.button(t("neuron.pause") if locked else t("neuron.play"), key="neuron_play",
              on_click=actions.on_play, args=(not locked,), disabled=stuck,
              type="primary" if locked else "secondary",
              icon=":material/pause:" if locked else ":material/play_arrow:", width="stretch")
    c2.selectbox(t("neuron.speed"), SPEEDS, key="neuron_speed")


def controls(run: P.NeuronRun) -> None:
    """The control column; the neuron's sliders and Step are locked while playing."""
    locked = st.session_state.neuron_playing
    neuron_controls(run, locked)
    point_controls()
    data_controls()
    training_controls(run, locked)


def mlp_link(lang: str) -> None:
    """A link to the MLP page with this page's data (dataset, noise, seed)."""
    ss = st.session_state
    params = {"dataset": ss.neuron_dataset, "noise": ss.neuron_noise, "seed": ss.neuron_seed}
    frame.nav_link(frame.PAGE_BY_ID["mlp"], lang, t("neuron.mlp_link"), params)
