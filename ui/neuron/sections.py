"""The Neuron page's widgets: the neuron's sliders and the input point (drawn inside the
fragments of :mod:`ui.neuron.live`, next to the plane), the control column (the data,
training: the learning rate and the speed in fragments of their own) and the link to the
MLP page.

Widgets take their values from session state (their ``neuron_*`` key) and change the run
through the callbacks of :mod:`ui.neuron.actions`. Rows of widgets are horizontal
containers, not columns: one element per row instead of one per column plus one, and
each element costs the browser a render on every run.
"""

from __future__ import annotations

import streamlit as st

from nncore import activations
from nncore import perceptron as P  # noqa: N812 (short, used everywhere)
from ui import frame, state
from ui.i18n import t
from ui.neuron import actions, settings
from ui.neuron.settings import LEARNING_RATES, SPEEDS, W_MAX


def row(align: str = "top"):
    """A row of widgets that share its width and wrap on a narrow screen."""
    return st.container(horizontal=True, wrap=True, gap="small", vertical_alignment=align)


def weight_note(run: P.NeuronRun, locked: bool) -> str:
    """Why the w1, w2, b sliders may not show the neuron as it is: locked while playing, or
    training took a weight past the sliders' range (empty when neither). Shown with the
    plane's legend: that text follows the neuron anyway, the sliders need not."""
    notes = [t("neuron.locked")] if locked else []
    clipped = [n for n, v in (("w₁", run.W[0]), ("w₂", run.W[1]), ("b", run.b))
               if abs(v) > W_MAX]
    if clipped:
        notes.append(t("neuron.clipped", names=", ".join(clipped), lim=W_MAX))
    return " ".join(notes)


def neuron_controls(locked: bool) -> None:
    """The neuron's w1, w2, b sliders and its activation g in one row: the sliders follow
    training (set them first: :func:`ui.neuron.actions.sync_sliders`) and are locked while
    playing; moving one restarts the run."""
    with row():
        for key, label in (("neuron_w1", "w₁"), ("neuron_w2", "w₂"), ("neuron_b", "b")):
            st.slider(label, -W_MAX, W_MAX, step=0.01, format="%.2f", key=key,
                      on_change=actions.on_weights, disabled=locked)
        st.selectbox(t("neuron.act"), activations.names(), key=state.choice("neuron_act"),
                     format_func=lambda n: t(f"act.name.{n}"))


def land_button(shown: bool) -> None:
    """Show or hide the loss landscape (a button with no value of its own: the setting
    ``land`` is ``neuron_land``; its box carries the key ``hide=land`` hides)."""
    with st.container(key="neuron_land_box"):
        st.button(t("neuron.land.hide") if shown else t("neuron.land.show"),
                  on_click=actions.on_land, icon=":material/landscape:")


def point_controls() -> None:
    """The input x (the diamond) whose z and a the formula shows, drawn in the fragment of
    the plane and the formula, so moving it reruns that alone."""
    with row():
        st.slider("x₁", -6.0, 6.0, step=0.1, format="%.1f", key="neuron_x1")
        st.slider("x₂", -6.0, 6.0, step=0.1, format="%.1f", key="neuron_x2")


def data_controls() -> None:
    """Dataset, noise and seed: a change draws new data and starts training again."""
    st.subheader(t("neuron.h.data"))
    st.selectbox(t("neuron.dataset"), P.DATASETS, key=state.choice("neuron_dataset"),
                 on_change=actions.on_data, format_func=lambda d: t(f"neuron.ds.{d}"))
    with row():
        st.slider(t("neuron.noise"), 0, 50, step=5, key="neuron_noise",
                  on_change=actions.on_data)
        st.number_input(t("neuron.seed"), 0, 9999, step=1, key="neuron_seed",
                        on_change=actions.on_seed)


@st.fragment
def learning_rate() -> None:
    """The learning rate: it changes only the next step, so it reruns this fragment alone
    (which writes the URL), unless it lifts a divergence (then the page follows)."""
    actions.buttons_follow()
    st.select_slider(t("neuron.lr"), options=LEARNING_RATES, key="neuron_lr",
                     on_change=actions.on_lr, help=t("neuron.lr_help"))
    settings.to_url()


def buttons() -> None:
    """Step / Step 100 / Reset, Play and its speed: disabled while the run is stuck
    (diverged, converged) or playing."""
    ss = st.session_state
    run, locked = ss.neuron_run, ss.neuron_playing
    stuck = actions.stuck(run)
    with row():
        st.button(t("neuron.step"), key="neuron_step", on_click=actions.on_step, args=(1,),
                  disabled=stuck or locked, width="stretch")
        st.button(t("neuron.step100"), key="neuron_step100", on_click=actions.on_step,
                  args=(100,), disabled=stuck or locked, width="stretch")
        st.button(t("neuron.reset"), key="neuron_reset", on_click=actions.on_reset,
                  width="stretch")
    with row("bottom"):  # the button level with the speed's box, under its label
        st.button(t("neuron.pause") if locked else t("neuron.play"), key="neuron_play",
                  on_click=actions.on_play, args=(not locked,), disabled=stuck,
                  type="primary" if locked else "secondary",
                  icon=":material/pause:" if locked else ":material/play_arrow:",
                  width="stretch")
        speed()


@st.fragment
def speed() -> None:
    """Steps per frame while playing: read by the live fragment's next frame, so a change
    reruns this fragment alone (and writes the URL)."""
    st.selectbox(t("neuron.speed"), SPEEDS, key=state.choice("neuron_speed"))
    settings.to_url()


def training_controls() -> None:
    """Rule, learning rate, Step / Step 100 / Reset, Play and its speed."""
    st.subheader(t("neuron.h.train"))
    st.radio(t("neuron.rule"), P.RULES, key=state.choice("neuron_rule"), on_change=actions.on_rule,
             format_func=lambda r: t(f"neuron.rule.{r}"), horizontal=True)
    learning_rate()
    buttons()


def controls() -> None:
    """The control column (after the pictures on a phone): the rest of the introduction,
    the data, training."""
    st.markdown(t("neuron.intro_more"))
    data_controls()
    training_controls()


def mlp_link(lang: str) -> None:
    """A link to the MLP page with this page's data (dataset, noise, seed)."""
    ss = st.session_state
    params = {"dataset": ss.neuron_dataset, "noise": ss.neuron_noise, "seed": ss.neuron_seed}
    frame.nav_link(frame.PAGE_BY_ID["mlp"], lang, t("neuron.mlp_link"), params)
