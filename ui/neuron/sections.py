"""The Neuron page's widgets: the neuron's sliders and the input point (drawn inside the
fragments of :mod:`ui.neuron.live`, next to the plane), the control column (the data,
training, with the speed in a fragment of its own) and the link to the MLP page.

Widgets take their values from session state (their ``neuron_*`` key) and change the run
through the callbacks of :mod:`ui.neuron.actions`.
"""

from __future__ import annotations

import streamlit as st

from nncore import activations
from nncore import perceptron as P  # noqa: N812 (short, used everywhere)
from ui import frame
from ui.i18n import t
from ui.neuron import actions, settings
from ui.neuron.settings import LEARNING_RATES, SPEEDS, W_MAX


def weight_sliders(run: P.NeuronRun, locked: bool) -> None:
    """The w1, w2, b sliders in one row (stacked on a phone, next to the plane): they
    follow training and are locked while playing; moving one restarts the run."""
    for col, (key, label) in zip(st.columns(3), (("neuron_w1", "w₁"), ("neuron_w2", "w₂"),
                                                 ("neuron_b", "b"))):
        col.slider(label, -W_MAX, W_MAX, step=0.01, format="%.2f", key=key,
                   on_change=actions.on_weights, disabled=locked)
    if locked:
        st.caption(t("neuron.locked"))
    clipped = [n for n, v in (("w₁", run.W[0]), ("w₂", run.W[1]), ("b", run.b))
               if abs(v) > W_MAX]
    if clipped:
        st.caption(t("neuron.clipped", names=", ".join(clipped), lim=W_MAX))


def land_button(shown: bool) -> None:
    """Show or hide the loss landscape (a button with no value of its own: the setting
    ``land`` is ``neuron_land``; its box carries the key ``hide=land`` hides)."""
    with st.container(key="neuron_land_box"):
        st.button(t("neuron.land.hide") if shown else t("neuron.land.show"),
                  on_click=actions.on_land, icon=":material/landscape:")


def point_controls() -> None:
    """The input x whose z and a the formulas show, and the activation g."""
    st.markdown(f"**{t('neuron.h.point')}**")
    c1, c2, c3 = st.columns(3)
    c1.slider("x₁", -6.0, 6.0, step=0.1, format="%.1f", key="neuron_x1")
    c2.slider("x₂", -6.0, 6.0, step=0.1, format="%.1f", key="neuron_x2")
    c3.selectbox(t("neuron.act"), activations.names(), key="neuron_act",
                 format_func=lambda n: t(f"act.name.{n}"))


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
    with c2:
        speed()


@st.fragment
def speed() -> None:
    """Steps per frame while playing: read by the live fragment's next frame, so a change
    reruns this fragment alone (and writes the URL)."""
    st.selectbox(t("neuron.speed"), SPEEDS, key="neuron_speed")
    settings.to_url()


def controls(run: P.NeuronRun) -> None:
    """The control column (after the pictures on a phone): the rest of the introduction,
    the data, training; Step is locked while playing."""
    locked = st.session_state.neuron_playing
    st.markdown(t("neuron.intro_more"))
    data_controls()
    training_controls(run, locked)


def mlp_link(lang: str) -> None:
    """A link to the MLP page with this page's data (dataset, noise, seed)."""
    ss = st.session_state
    params = {"dataset": ss.neuron_dataset, "noise": ss.neuron_noise, "seed": ss.neuron_seed}
    frame.nav_link(frame.PAGE_BY_ID["mlp"], lang, t("neuron.mlp_link"), params)
