"""One neuron: z = w.x + b, a = g(z), its decision line, and training it (GD or perceptron).

Widgets and layout only: the neuron and its training are ``nncore.perceptron``, the chart
layers and the formulas ``ui.neuron_view``. Settings live in the URL
(``?dataset=linear&noise=0&seed=0&w1=..&w2=..&b=..&act=sigmoid&x1=1&x2=2&rule=gd&lr=0.1``);
``w1, w2, b`` there are the *start* of training, so a shared link reproduces a run.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

try:  # `streamlit run pages/<page>.py` finds none of the app's modules: say how to start it
    import ui  # noqa: F401
except ModuleNotFoundError:
    st.error("Start NN Playground from its folder: `streamlit run streamlit_app.py` · "
             "请在项目文件夹中运行 `streamlit run streamlit_app.py` 启动神经网络游乐场")
    st.stop()
from streamlit.errors import StreamlitPageNotFoundError

from nncore import activations
from nncore import perceptron as P  # noqa: N812 (short, used everywhere)
from ui import boundary, charts, frame, state
from ui import neuron_view as view
from ui.i18n import TUTORIAL_URL, t

lang = frame.page("neuron")

LRS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
SPEEDS = (1, 5, 20)
W_MAX = 10.0  # slider range of w1, w2, b
MAX_STEPS = 5000  # Play stops here
TICK = 0.2  # seconds between frames while playing
GRID = 100
ss = st.session_state

S = state.Setting
SETTINGS = (
    S("neuron_dataset", "dataset", "choice", "linear", choices=P.DATASETS),
    S("neuron_noise", "noise", "int", 0, 0, 50),
    S("neuron_seed", "seed", "int", 0, 0, 9999),
    S("neuron_act", "act", "choice", "sigmoid", choices=tuple(activations.names())),
    S("neuron_x1", "x1", "float", 1.0, -6.0, 6.0),
    S("neuron_x2", "x2", "float", 2.0, -6.0, 6.0),
    S("neuron_rule", "rule", "choice", "gd", choices=P.RULES),
    S("neuron_lr", "lr", "ladder", 0.1, choices=LRS),
    S("neuron_speed", "speed", "choice", 5, choices=SPEEDS),
)


# ----------------------------------------------------------------------------- state
def load_data() -> tuple[np.ndarray, np.ndarray]:
    return P.make(ss.neuron_dataset, noise=ss.neuron_noise / 100.0, seed=ss.neuron_seed)


def init() -> list[str | None]:
    """First run of the session: settings from the URL, then the data and the run."""
    known = (*(s.param for s in SETTINGS), "w1", "w2", "b")
    problems = [state.drop_unknown(known), *state.settings_from_url(SETTINGS)]
    if "neuron_run" not in ss:
        W0, b0 = P.start_params(ss.neuron_seed)
        w1, p1 = state.read_float("w1", float(W0[0]), -W_MAX, W_MAX)
        w2, p2 = state.read_float("w2", float(W0[1]), -W_MAX, W_MAX)
        b, p3 = state.read_float("b", b0, -W_MAX, W_MAX)
        problems += [p1, p2, p3]
        X, y = load_data()
        ss.neuron_run = P.NeuronRun(X, y, (w1, w2), b, ss.neuron_rule, ss.neuron_lr)
        ss.neuron_compare = {}
    # playing is not a widget's value: the page switches it off by itself (divergence,
    # convergence), and a widget value set by the server can be overwritten by a request
    # the browser sent before it saw the change (the fragment's timer)
    state.init_state({"neuron_playing": False, "neuron_note": None, "neuron_synced": list})
    return problems


def shown(v: float) -> float:
    """A weight as its slider shows it: clipped to the range, on the 0.01 grid (a value off
    the grid would be snapped by the browser and come back as a change)."""
    return round(float(np.clip(v, -W_MAX, W_MAX)), 2)


def sync_sliders() -> None:
    """The w1, w2, b sliders follow the neuron; remember the last few values sent."""
    run = ss.neuron_run
    now = (shown(run.W[0]), shown(run.W[1]), shown(run.b))
    ss.neuron_w1, ss.neuron_w2, ss.neuron_b = now
    if not ss.neuron_synced or ss.neuron_synced[-1] != now:
        ss.neuron_synced = [*ss.neuron_synced[-4:], now]


def on_weights() -> None:
    run = ss.neuron_run
    if (ss.neuron_w1, ss.neuron_w2, ss.neuron_b) in ss.neuron_synced:
        # values the page itself sent, coming back (a request the browser sent before it
        # saw the trained values): not a move by the user
        return
    run.set_params((ss.neuron_w1, ss.neuron_w2), ss.neuron_b)
    ss.neuron_compare = {}


def on_data() -> None:
    run = ss.neuron_run
    run.X, run.y = load_data()
    run.reset()
    ss.neuron_compare = {}


def on_seed() -> None:
    W0, b0 = P.start_params(ss.neuron_seed)
    ss.neuron_run.W0, ss.neuron_run.b0 = tuple(W0), b0
    on_data()


def on_rule() -> None:
    run = ss.neuron_run
    ss.neuron_compare[run.rule] = run.history
    run.rule = ss.neuron_rule
    run.reset()
    ss.neuron_compare.pop(run.rule, None)


def on_lr() -> None:
    ss.neuron_run.lr = ss.neuron_lr
    ss.neuron_run.diverged = None  # a new learning rate may go on from the last good neuron


def train_activation() -> None:
    """Training uses the rule's activation: say so when the chosen one differs."""
    want = P.RULE_ACTIVATION[ss.neuron_run.rule]
    if ss.neuron_act != want:
        ss.neuron_note = t("neuron.act_forced", act=t(f"act.name.{want}"),
                           rule=t(f"neuron.rule.{ss.neuron_run.rule}"))
        ss.neuron_act = want


def on_step(k: int) -> None:
    train_activation()
    ss.neuron_run.step(k)


def on_reset() -> None:
    ss.neuron_run.reset()
    ss.neuron_playing = False


def on_play(playing: bool) -> None:
    """Play/Pause: ``playing`` is what the button said when drawn (a callback can fire
    twice on Streamlit 1.67 when a fragment run is pending: setting, not toggling)."""
    if playing and not ss.neuron_playing:
        train_activation()
    ss.neuron_playing = playing


problems = init()
sync_sliders()
run: P.NeuronRun = ss.neuron_run

st.title(t("neuron.title"))
st.caption(f"[{t('common.tutorial_link')}]({TUTORIAL_URL})")
st.markdown(t("neuron.intro"))
state.show_problems(problems)

ctrl, main = st.columns([1, 2], gap="large")
with ctrl:
    st.subheader(t("neuron.h.neuron"))
    locked = ss.neuron_playing
    for key, label in (("neuron_w1", "w₁"), ("neuron_w2", "w₂"), ("neuron_b", "b")):
        st.slider(label, -W_MAX, W_MAX, step=0.01, format="%.2f", key=key,
                  on_change=on_weights, disabled=locked)
    if locked:
        st.caption(t("neuron.locked"))
    clipped = [n for n, v in (("w₁", run.W[0]), ("w₂", run.W[1]), ("b", run.b))
               if abs(v) > W_MAX]
    if clipped:
        st.caption(t("neuron.clipped", names=", ".join(clipped), lim=W_MAX))
    st.selectbox(t("neuron.act"), activations.names(), key="neuron_act",
                 format_func=lambda n: t(f"act.name.{n}"))
    st.subheader(t("neuron.h.point"))
    c1, c2 = st.columns(2)
    c1.slider("x₁", -6.0, 6.0, step=0.1, format="%.1f", key="neuron_x1")
    c2.slider("x₂", -6.0, 6.0, step=0.1, format="%.1f", key="neuron_x2")

    st.subheader(t("neuron.h.data"))
    st.selectbox(t("neuron.dataset"), P.DATASETS, key="neuron_dataset", on_change=on_data,
                 format_func=lambda d: t(f"neuron.ds.{d}"))
    c1, c2 = st.columns(2)
    c1.slider(t("neuron.noise"), 0, 50, step=5, key="neuron_noise", on_change=on_data)
    c2.number_input(t("neuron.seed"), 0, 9999, step=1, key="neuron_seed", on_change=on_seed)

    st.subheader(t("neuron.h.train"))
    st.radio(t("neuron.rule"), P.RULES, key="neuron_rule", on_change=on_rule,
             format_func=lambda r: t(f"neuron.rule.{r}"), horizontal=True)
    st.select_slider(t("neuron.lr"), options=LRS, key="neuron_lr", on_change=on_lr,
                     help=t("neuron.lr_help"))
    b1, b2, b3 = st.columns(3)
    stuck = run.diverged is not None or run.converged
    b1.button(t("neuron.step"), key="neuron_step", on_click=on_step, args=(1,),
              disabled=stuck or locked, width="stretch")
    b2.button(t("neuron.step100"), key="neuron_step100", on_click=on_step, args=(100,),
              disabled=stuck or locked, width="stretch")
    b3.button(t("neuron.reset"), key="neuron_reset", on_click=on_reset, width="stretch")
    c1, c2 = st.columns(2)
    c1.button(t("neuron.pause") if locked else t("neuron.play"), key="neuron_play",
              on_click=on_play, args=(not locked,), disabled=stuck,
              type="primary" if locked else "secondary",
              icon=":material/pause:" if locked else ":material/play_arrow:", width="stretch")
    c2.selectbox(t("neuron.speed"), SPEEDS, key="neuron_speed")

state.write_params({
    "dataset": ss.neuron_dataset, "noise": ss.neuron_noise, "seed": ss.neuron_seed,
    "w1": run.W0[0], "w2": run.W0[1], "b": run.b0, "act": ss.neuron_act,
    "x1": ss.neuron_x1, "x2": ss.neuron_x2, "rule": run.rule, "lr": ss.neuron_lr,
    "speed": ss.neuron_speed,
})


def mlp_link() -> None:
    params = {"dataset": ss.neuron_dataset, "noise": ss.neuron_noise,
              "seed": ss.neuron_seed, "lang": lang}
    label = t("neuron.mlp_link")
    try:
        st.page_link("pages/3_MLP.py", label=label, icon=":material/hub:", query_params=params)
    except StreamlitPageNotFoundError:  # AppTest started from this file alone
        query = "&".join(f"{k}={v}" for k, v in params.items())
        st.markdown(f"[{label}](/MLP?{query})")


@st.fragment(run_every=TICK if ss.neuron_playing else None)
def live() -> None:
    """The plane, the numbers and the curves; while playing, a few steps per frame."""
    run: P.NeuronRun = ss.neuron_run
    if ss.neuron_playing:
        run.step(ss.neuron_speed)
        if run.diverged or run.converged or run.steps >= MAX_STEPS:
            ss.neuron_playing = False
            st.rerun(scope="app")  # redraw the controls and stop the timer
    act, x = ss.neuron_act, (ss.neuron_x1, ss.neuron_x2)
    W, b = run.W, run.b

    S, (lo, hi) = view.colour_values(P.output_grid(W, b, act, GRID), act)
    png = boundary.boundary_png(S, kind="regression")
    z, a = P.point_output(W, b, x, act)
    charts.show(view.plane_spec("neuron-plane"),
                view.plane_datasets(png, run.X, run.y, W, b, x, z, a))
    st.caption(t("neuron.plane_caption", lo=view.fmt(lo, 2), hi=view.fmt(hi, 2),
                 mid=view.fmt((lo + hi) / 2, 2)))
    if view.line_segment(W, b) is None:
        st.caption(t("neuron.no_line"))

    st.markdown(f"**{t('neuron.h.formula')}**")
    st.latex(activations.get(act).latex)
    for line in view.point_latex(W, b, x, z, a, act):
        st.latex(line)

    if ss.neuron_note:
        st.info(ss.neuron_note)
        ss.neuron_note = None
    if run.diverged:
        d = run.diverged
        st.error(t("neuron.diverged", step=d.step, lr=view.fmt(d.lr, 3), loss=d.loss,
                   loss_new=d.loss_new, limit=d.limit))
    elif run.converged:
        st.success(t("neuron.converged", step=run.steps))
    elif run.steps >= MAX_STEPS:
        st.info(t("neuron.max_steps", n=MAX_STEPS))
    if ss.neuron_dataset in ("xor", "circle"):
        st.warning(t(f"neuron.not_separable.{ss.neuron_dataset}",
                     acc=100 * run.history["acc"][-1]))
        mlp_link()

    h = run.history
    m1, m2, m3 = st.columns(3)
    m1.metric(t("neuron.m.step"), run.steps)
    m2.metric(t(f"neuron.m.loss.{run.rule}"), f"{h['loss'][-1]:.4f}")
    m3.metric(t("neuron.m.acc"), f"{100 * h['acc'][-1]:.1f}%")

    st.markdown(f"**{t('neuron.h.last')}**")
    rec = run.last
    if rec is None:
        st.caption(t(f"neuron.no_step.{run.rule}"))
    elif rec.rule == "gd":
        st.caption(t("neuron.gd_explain"))
        for line in view.gd_latex(rec, len(run.y)):
            st.latex(line)
        st.caption(t("neuron.table_caption"))
        st.dataframe(view.gd_table(rec, run.X, run.y), hide_index=True)
    else:
        st.caption(t("neuron.perc_explain", k=rec.mistakes, shown=min(rec.mistakes, 3)))
        for line in view.perceptron_latex(rec):
            st.latex(line)

    hists = {r: ss.neuron_compare[r] for r in P.RULES if r in ss.neuron_compare}
    hists[run.rule] = h
    labels = {r: t(f"neuron.series.{r}") for r in P.RULES}
    series = tuple((r, labels[r]) for r in P.RULES if r in hists)
    g1, g2 = st.columns(2)
    with g1:
        charts.show(view.curve_spec("neuron-loss", t("neuron.chart.loss"), t("neuron.axis.loss"),
                                    series, t("neuron.axis.step")),
                    view.curve_datasets(hists, "loss", labels, "neuron-loss"))
    with g2:
        charts.show(view.curve_spec("neuron-acc", t("neuron.chart.acc"), t("neuron.axis.acc"),
                                    series, t("neuron.axis.step"), True),
                    view.curve_datasets(hists, "acc", labels, "neuron-acc"))


with main:
    live()
