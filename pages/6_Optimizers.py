"""The optimiser race: SGD, momentum, Nesterov, Adam and RMSprop from the same start on the
same problem, stepped together (issue 17).

Widgets and layout only: the settings, the race and its callbacks, the live fragment and
the pictures are ``ui.optimizers``, the race itself ``nncore.race``. Settings live in the
URL (``?problem=rosenbrock&lr_adam=0.1&nesterov=0&...``), so a shared link starts the
same race. Each runner's box is a fragment (issue 14): its sliders rerun that box alone.
"""

from __future__ import annotations

import streamlit as st

try:  # `streamlit run pages/<page>.py` finds none of the app's modules: say how to start it
    import ui  # noqa: F401
except ModuleNotFoundError:
    st.error("Start NN Playground from its folder: `streamlit run streamlit_app.py` · "
             "请在项目文件夹中运行 `streamlit run streamlit_app.py` 启动神经网络游乐场")
    st.stop()

from ui import frame, numbers, state
from ui.i18n import labeller, t
from ui.optimizers import actions, live, settings


@st.fragment
def runner_box(r: str) -> None:
    """One runner's switch and hyper-parameters (a fragment: a slider reruns this box alone;
    the new value applies from the next step, and the link follows). Switching a runner on
    or off makes another race, which the whole page draws."""
    with st.container(border=True, key=f"opt_box_{r}"):
        on = st.toggle(f"**{t(f'opt.runner.{r}')}**", key=f"opt_on_{r}")
        st.select_slider(t("opt.lr"), settings.LEARNING_RATES, key=f"opt_lr_{r}",
                         format_func=numbers.ladder, disabled=not on)
        if r in settings.WITH_MU:
            st.select_slider(t("opt.mu"), settings.MOMENTA, key=f"opt_mu_{r}", disabled=not on)
        elif r == "adam":
            with st.container(horizontal=True):  # one block, where columns make three
                st.select_slider(t("opt.beta1"), settings.BETA1, key="opt_beta1",
                                 disabled=not on)
                st.select_slider(t("opt.beta2"), settings.BETA2, key="opt_beta2",
                                 format_func=numbers.ladder, disabled=not on)
        elif r == "rmsprop":
            st.select_slider(t("opt.alpha"), settings.ALPHAS, key="opt_alpha", disabled=not on)
    if actions.retune():  # the runners changed: a new race, and Play's state with it
        st.rerun(scope="app")
    settings.to_url()


lang = frame.page("optimizers")
problems = actions.init()
ss = st.session_state
playing = bool(ss[actions.PLAYING_KEY])
race = ss[actions.RACE_KEY]

st.title(t("opt.title"))
st.caption(t("opt.intro"))
state.show_problems(problems)

# wide: controls left, the race right; a phone shows the race (main_first) first
ctrl, main = st.columns([1, 2], gap="large")
with main, frame.main_first("optimizers"):
    live.live()

with ctrl:
    st.selectbox(t("opt.problem"), settings.PROBLEMS, key=state.choice("opt_problem"),
                 format_func=labeller("opt.problem", lang), on_change=actions.on_problem)
    on_data = ss.opt_problem in ("neuron", "mlp")
    start_b = numbers.ladder(actions.NEURON_START[2])
    st.caption(t(f"opt.about.{ss.opt_problem}", b=start_b, batch=actions.MLP_BATCH))
    d1, d2 = st.columns([3, 2])
    # drawn for every problem (a widget not drawn loses its value), in use for the data ones
    d1.selectbox(t("opt.dataset"), settings.DATASETS, key=state.choice("opt_data"),
                 format_func=labeller("opt.ds", lang), disabled=not on_data)
    d2.number_input(t("opt.seed"), 0, 9999, step=1, key="opt_seed", disabled=not on_data)

    b1, b2, b3 = st.columns(3)
    b1.button(t("opt.step"), key="opt_step", on_click=actions.on_step, args=(1,),
              disabled=playing or race is None, width="stretch")
    b2.button(t("opt.step10"), key="opt_step10", on_click=actions.on_step, args=(10,),
              disabled=playing or race is None, width="stretch")
    b3.button(t("opt.reset"), key="opt_reset", on_click=actions.on_reset, width="stretch")
    p1, p2 = st.columns(2, vertical_alignment="bottom")
    p1.button(t("opt.pause") if playing else t("opt.play"), key="opt_play",
              on_click=actions.on_play, args=(not playing,), disabled=race is None,
              type="primary" if playing else "secondary",
              icon=":material/pause:" if playing else ":material/play_arrow:", width="stretch")
    p2.selectbox(t("opt.speed"), settings.SPEEDS, key=state.choice("opt_speed"))

    st.subheader(t("opt.runners"))
    for r in settings.RUNNERS:
        runner_box(r)

settings.to_url()
