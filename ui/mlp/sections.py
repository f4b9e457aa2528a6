"""The MLP page's widgets and layout, in nested fragments, each rerun alone by its own
widgets (issue 14):

- :func:`workbench` (everything below the intro: a widget change does not rerun the frame)
  holds the run buttons, then
- :func:`hyper` (learning rate .. regularisation rate, and the training tools' expander:
  they do not touch the pictures), with :func:`learning_rate` a fragment of its own
  inside it, and
- :func:`body` (the data, features and layers with the live view they change: the run
  buttons and :func:`hyper` above it are not redrawn when a data slider moves); the live
  view's own fragments are :func:`ui.mlp.live.live`'s.

Widgets take their values from session state (their ``mlp_*`` key) and change the run
through the callbacks of :mod:`ui.mlp.actions`; what follows from the settings (the
problem of the dataset picked, a new layer's width) is set there and in
:mod:`ui.mlp.settings`, before the widgets are drawn.
"""

from __future__ import annotations

import streamlit as st

import ui.mlp.compare as compare  # issue 31: rewind, compare, tools, metrics
import ui.mlp.explore as explore
import ui.mlp.metrics_view as metrics_view
from nncore import data
from nncore import playground as pgm
from ui import frame, numbers, state
from ui.i18n import current_lang, labeller, t
from ui.mlp import actions, data_io, export, layout, live, schedule_view, settings, view

TOOLS_OPEN_KEY = "mlp_tools_open"  # the training tools' expander is open


@st.fragment
def learning_rate() -> None:
    """The learning rate alone: a change reruns this one element (the network keeps
    training with the new rate, nothing drawn changes). Under a schedule, the rate the
    next epoch trains at is written under it."""
    st.select_slider(t("mlp.lr"), options=pgm.LEARNING_RATES, key="mlp_lr",
                     format_func=numbers.ladder, help=t("mlp.lr_help"),
                     on_change=actions.on_kept)
    pg = st.session_state.get(actions.PG_KEY)
    if pg is not None and st.session_state.mlp_sched != "none":
        st.caption(schedule_view.rate_text(pg))


def tools() -> None:
    """The training tools (issue 32) in an expander whose content is drawn only while it
    is open (it opens by itself when a link or a configuration turns a tool on): dropout,
    the learning-rate schedule, early stopping, gradient clipping. Each acts on the next
    step, as the learning rate does (``actions.on_kept``)."""
    lang, ss = current_lang(), st.session_state
    if TOOLS_OPEN_KEY not in ss:
        ss[TOOLS_OPEN_KEY] = settings.tools_on()
    box = st.expander(t("mlp.tools"), icon=":material/tune:", key=TOOLS_OPEN_KEY,
                      on_change="rerun")
    if not box.open:
        return
    with box:
        cols = st.columns(4, gap="medium")
        cols[0].select_slider(t("mlp.dropout"), options=pgm.DROPOUT_RATES, key="mlp_dropout",
                              format_func=numbers.ladder, help=t("mlp.dropout_help"),
                              on_change=actions.on_kept)
        with cols[1]:
            st.selectbox(t("mlp.sched"), pgm.SCHEDULES, key=state.choice("mlp_sched"),
                         format_func=labeller("mlp.sched", lang), on_change=actions.on_kept,
                         help=t("mlp.sched_help"))
            kind = ss.mlp_sched
            st.select_slider(t("mlp.sched_epochs"), options=pgm.SCHED_EPOCHS,
                             key="mlp_sched_epochs", on_change=actions.on_kept,
                             disabled=kind in ("none", "exponential"))
            st.select_slider(t("mlp.sched_gamma"), options=pgm.SCHED_GAMMAS,
                             key="mlp_sched_gamma", format_func=numbers.ladder,
                             on_change=actions.on_kept, disabled=kind in ("none", "cosine"))
        with cols[2]:
            st.number_input(t("mlp.patience"), 0, pgm.MAX_PATIENCE, step=10,
                            key="mlp_patience", help=t("mlp.patience_help"),
                            on_change=actions.on_kept)
            off = not ss.mlp_patience
            st.select_slider(t("mlp.min_delta"), options=pgm.MIN_DELTAS, key="mlp_min_delta",
                             format_func=numbers.ladder, disabled=off,
                             on_change=actions.on_kept)
            st.checkbox(t("mlp.restore_best"), key="mlp_restore_best", disabled=off,
                        on_change=actions.on_kept)
        cols[3].select_slider(t("mlp.clip"), options=pgm.CLIP_NORMS, key="mlp_clip",
                              format_func=numbers.ladder, help=t("mlp.clip_help"),
                              on_change=actions.on_kept)


@st.fragment
def hyper() -> None:
    """Learning rate .. regularisation rate: a change reruns this fragment alone (the
    regularisation and its rate together: the rate is disabled without one)."""
    lang, ss = current_lang(), st.session_state
    bar = st.columns([2.3, 1.4, 1.4, 1.3, 2], vertical_alignment="bottom")
    with bar[0]:
        learning_rate()
    bar[1].selectbox(t("mlp.optimizer"), pgm.OPTIMISERS, key=state.choice("mlp_opt"),
                     format_func=labeller("mlp.opt", lang), on_change=actions.on_restart)
    bar[2].selectbox(t("mlp.activation"), pgm.ACTIVATIONS, key=state.choice("mlp_act"),
                     format_func=labeller("mlp.act", lang), on_change=actions.on_restart)
    bar[3].selectbox(t("mlp.reg"), pgm.REGULARISATIONS, key=state.choice("mlp_reg"),
                     format_func=labeller("mlp.reg", lang), on_change=actions.on_kept)
    bar[4].select_slider(t("mlp.reg_rate"), options=pgm.REG_RATES, key="mlp_reg_rate",
                         format_func=numbers.ladder, disabled=ss.mlp_reg == "none",
                         on_change=actions.on_kept)
    tools()


@st.fragment
def workbench() -> None:
    """The run buttons, :func:`hyper` and :func:`body`."""
    settings.restore()  # a configuration file's values, before any widget is drawn
    playing = actions.playing()  # after Play/Pause: a full rerun (the live timers follow)
    run_box, hyper_box = st.columns([3.4, 8.4], vertical_alignment="bottom")
    with run_box.container(horizontal=True, key=layout.RUN_KEY):  # one row on a phone too
        st.button(t("mlp.pause") if playing else t("mlp.play"), key="mlp_play_btn",
                  icon=":material/pause:" if playing else ":material/play_arrow:",
                  on_click=actions.set_playing, args=(not playing,), type="primary",
                  width="stretch")
        st.button(t("mlp.step"), key="mlp_step_btn", on_click=actions.on_step,
                  width="stretch", help=t("mlp.step_help"))
        st.button(t("mlp.reset"), key="mlp_reset_btn", on_click=actions.on_reset,
                  width="stretch", help=t("mlp.reset_help"))
    with hyper_box.container(key=layout.HYPER_KEY):
        hyper()
    st.caption(t("mlp.reset_rule"))
    body()


@st.fragment
def body() -> None:
    """The data, features and layers (left) and the live view (right, drawn first: it
    shows sooner); a widget here reruns this fragment alone."""
    playing = actions.playing()
    side, main = st.columns([1, 3.3], gap="medium")
    with main, frame.main_first("mlp"):
        if not st.session_state.mlp_features:
            st.warning(t("mlp.no_features"))
        else:
            pg = actions.switch(settings.config())
            explore.panel(pg, playing, live.node_names(pg), compare.controls)  # issue 31
            live.live(playing, pg)
            compare.section(pg, playing)
            metrics_view.section(pg)
            with st.container(key=export.PANEL_KEY):  # last on a phone (ui.mlp.layout)
                export.panel(pg, actions.lock())
                data_io.points_panel(pg, playing)
    with side, st.container(key=layout.SIDE_KEY):
        data_controls()
    settings.to_url()  # no uploaded or added points: a link opens generated data


def data_controls() -> None:
    """The problem, the dataset and its sliders, the upload, the features, the hidden
    layers and the "more" expander (the left column of :func:`body`)."""
    lang, ss = current_lang(), st.session_state
    st.markdown(f"**{t('mlp.data')}**")
    actions.problem_follows_dataset()
    st.radio(t("mlp.problem"), ("classification", "regression"), key=state.choice("mlp_problem"),
             format_func=labeller("mlp.problem", lang), on_change=actions.on_problem,
             horizontal=True)
    shown = view.datasets_of(ss.mlp_problem)
    st.image(view.thumbnails(shown, ss), caption=[t(f"mlp.ds.{n}") for n in shown], width=64,
             alt=[t("a11y.thumb", name=t(f"mlp.ds.{n}")) for n in shown])
    st.pills(t("mlp.dataset"), shown, key=state.choice("mlp_dataset"),
             format_func=labeller("mlp.ds", lang),
             required=True, label_visibility="collapsed", wrap=True,
             on_change=data_io.on_back)  # a dataset picked: generated data again
    if data.kind(ss.mlp_dataset) == "multiclass":
        st.slider(t("mlp.classes"), 3, 6, key="mlp_classes")
    st.slider(t("mlp.train_ratio"), 10, 90, step=10, key="mlp_train", format="%d%%")
    st.slider(t("mlp.noise"), 0, 50, step=5, key="mlp_noise")
    st.slider(t("mlp.batch"), 1, 30, key="mlp_batch", disabled=bool(ss.mlp_full))
    st.checkbox(t("mlp.full_batch"), key="mlp_full")
    st.button(t("mlp.regenerate"), key="mlp_regen_btn", on_click=actions.on_regenerate,
              help=t("mlp.regenerate_help"), width="stretch")
    data_io.upload_panel()
    st.markdown(f"**{t('mlp.features')}**")
    st.pills(t("mlp.features"), data.FEATURES, selection_mode="multi",
             key=state.choice("mlp_features"),
             format_func=view.feature_label, label_visibility="collapsed", wrap=True)
    layer_controls()
    with st.expander(t("mlp.more")):
        st.selectbox(t("mlp.init"), pgm.INITS, key=state.choice("mlp_init"),
                     format_func=labeller("mlp.init", lang))
        st.number_input(t("mlp.seed"), 0, 2**31 - 1, step=1, key="mlp_seed",
                        help=t("mlp.seed_help"))


def layer_controls() -> None:
    """The hidden layers: the depth, one width per layer (three to a row) and the switch
    to larger networks than TensorFlow Playground's."""
    max_layers, max_units = settings.layer_limits()
    st.markdown(f"**{t('mlp.hidden')}**")
    st.number_input(t("mlp.depth"), 0, max_layers, step=1, key=settings.DEPTH_KEY)
    depth = settings.new_layers()  # a layer just added gets its width
    for i, cell in zip(range(depth), [c for _ in range(0, depth, 3) for c in st.columns(3)]):
        cell.number_input(t("mlp.units", layer=i + 1), 1, max_units, step=1,
                          key=settings.units_key(i))
    st.toggle(t("mlp.big"), key="mlp_big", on_change=actions.on_big, help=t("mlp.big_help"))
