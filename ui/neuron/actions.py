"""The Neuron page's session state and callbacks: the run set up once, then changed only by
the ``on_*`` callbacks of its widgets. No drawing here.

What reruns is where a widget sits (:mod:`ui.neuron.live`): x1, x2 rerun the plane's
fragment, the neuron's widgets the pictures and numbers, the controls the page's body
(never the frame, the title and the introduction), the learning rate and the speed their
own fragments. When a run that is not the whole body changes whether the run is stuck,
the Step buttons outside it follow by a run of the page (:func:`buttons_follow`).

Session keys: the widgets' ``neuron_*`` values (see :mod:`ui.neuron.settings`),
``neuron_run`` (the :class:`nncore.perceptron.NeuronRun`), ``neuron_compare`` (the other
rule's history, for the curves), ``neuron_playing``, ``neuron_stuck_shown`` (whether the
Step buttons were last drawn for a stuck run), ``neuron_note`` (a message for the next
frame), ``neuron_synced`` (the slider values the page itself sent since the user last moved
one), ``neuron_path`` (the weights ``(w1, w2, b)`` after each step since the start, for the
loss landscape: ``NeuronRun`` keeps no weight history) and ``neuron_land_clicks`` (clicks
on the landscape so far: part of its chart's key, so the same cell can be clicked again).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from nncore import landscape as LS  # noqa: N812 (short)
from nncore import perceptron as P  # noqa: N812 (short, used everywhere)
from ui import state
from ui.i18n import t
from ui.neuron import settings
from ui.neuron.landscape import SELECTION
from ui.neuron.settings import W_MAX


@st.cache_data(max_entries=256, show_spinner=False)
def make_data(dataset: str, noise: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Dataset ``dataset`` with ``noise`` percent noise from ``seed`` (cached; a copy each)."""
    return P.make(dataset, noise=noise / 100.0, seed=seed)


def load_data() -> tuple[np.ndarray, np.ndarray]:
    """The data the dataset, noise and seed widgets ask for."""
    ss = st.session_state
    return make_data(ss.neuron_dataset, ss.neuron_noise, ss.neuron_seed)


def init() -> list[str]:
    """Settings from the URL (first run of the session), then the data and the run.

    Returns the problems found in the link, for the notice.
    """
    ss = st.session_state
    problems = settings.from_url()
    if "neuron_run" not in ss:
        # the URL's w1, w2, b (read into the sliders) are the start of training
        X, y = load_data()
        ss.neuron_run = P.NeuronRun(X, y, (ss.neuron_w1, ss.neuron_w2), ss.neuron_b,
                                    ss.neuron_rule, ss.neuron_lr)
        ss.neuron_compare = {}
    # playing is not a widget's value: the page switches it off by itself (divergence,
    # convergence), and a widget value set by the server can be overwritten by a request
    # the browser sent before it saw the change (the fragment's timer)
    state.init_state({"neuron_playing": False, "neuron_note": None, "neuron_synced": list,
                      "neuron_path": list, "neuron_land_clicks": 0})
    return problems


def stuck(run: P.NeuronRun) -> bool:
    """Diverged or converged: Step and Play are disabled."""
    return run.diverged is not None or run.converged


def buttons_follow() -> None:
    """In a run of a fragment without the Step buttons: when the run got stuck or unstuck
    since they were drawn (a weight moved after a divergence, a new learning rate), the
    page reruns so that they follow."""
    ss = st.session_state
    if stuck(ss.neuron_run) != ss.get("neuron_stuck_shown"):
        st.rerun(scope="app")


def shown(v: float) -> float:
    """A weight as its slider shows it: clipped to the range, on the 0.01 grid (a value off
    the grid would be snapped by the browser and come back as a change)."""
    return round(float(np.clip(v, -W_MAX, W_MAX)), 2)


def sync_sliders() -> None:
    """The w1, w2, b sliders follow the neuron; remember the last few values sent."""
    ss = st.session_state
    run = ss.neuron_run
    now = (shown(run.W[0]), shown(run.W[1]), shown(run.b))
    ss.neuron_w1, ss.neuron_w2, ss.neuron_b = now
    if not ss.neuron_synced or ss.neuron_synced[-1] != now:
        ss.neuron_synced = [*ss.neuron_synced[-4:], now]


def on_weights() -> None:
    """A w1, w2 or b slider moved: the neuron takes the sliders' values and its run starts
    again."""
    ss = st.session_state
    now = (ss.neuron_w1, ss.neuron_w2, ss.neuron_b)
    if now in ss.neuron_synced:
        # values the page itself sent, coming back (a request the browser sent before it
        # saw the trained values): not a move by the user
        return
    run = ss.neuron_run
    run.set_params(now[:2], now[2])
    ss.neuron_compare = {}
    # the browser has the user's values now: none sent before can come back any more (and
    # a move back to one of them is the user's)
    ss.neuron_synced = [now]


def on_data() -> None:
    """Dataset or noise changed: new data, training starts again."""
    ss = st.session_state
    run = ss.neuron_run
    run.X, run.y = load_data()
    run.reset()
    ss.neuron_compare = {}


def on_seed() -> None:
    """A new seed draws new data and a new start."""
    ss = st.session_state
    W0, b0 = P.start_params(ss.neuron_seed)
    ss.neuron_run.W0, ss.neuron_run.b0 = tuple(W0), b0
    on_data()


def on_rule() -> None:
    """The other rule: keep this rule's curve for comparison, start again."""
    ss = st.session_state
    run = ss.neuron_run
    ss.neuron_compare[run.rule] = run.history
    run.rule = ss.neuron_rule
    run.reset()
    ss.neuron_compare.pop(run.rule, None)


def on_lr() -> None:
    """A new learning rate applies from the next step: nothing drawn changes (its own
    fragment reruns) unless it lifts a divergence (then the page reruns)."""
    run = st.session_state.neuron_run
    run.lr = st.session_state.neuron_lr
    run.diverged = None  # a new learning rate may go on from the last good neuron


def train_activation() -> None:
    """Training uses the rule's activation: say so when the chosen one differs."""
    ss = st.session_state
    want = P.RULE_ACTIVATION[ss.neuron_run.rule]
    if ss.neuron_act != want:
        ss.neuron_note = t("neuron.act_forced", act=t(f"act.name.{want}"),
                           rule=t(f"neuron.rule.{ss.neuron_run.rule}"))
        ss.neuron_act = want


#: the path keeps at most this many points (the latest)
PATH_MAX = 5001


def path() -> list[tuple[float, float, float]]:
    """The weights ``(w1, w2, b)`` after each step since the run's start, ending at the
    neuron now. Started again whenever the run was (reset, a new start, new data, another
    rule): its last point is then no longer the neuron's, or it is longer than the run."""
    ss = st.session_state
    run = ss.neuron_run
    p, now = ss.neuron_path, tuple(LS.point(run))
    if not p or p[-1] != now or len(p) > run.steps + 1:
        p = ss.neuron_path = [now]
    return p


def train(k: int) -> int:
    """``k`` training steps (fewer when the run stops), each added to the path."""
    p = path()
    rows = LS.step_along(st.session_state.neuron_run, k)
    p.extend(tuple(r) for r in rows)
    del p[:-PATH_MAX]
    return len(rows)


def on_step(k: int) -> None:
    """Step / Step 100: ``k`` training steps."""
    train_activation()
    train(k)


def on_land() -> None:
    """Show or hide the loss landscape."""
    ss = st.session_state
    ss.neuron_land = not ss.neuron_land


def land_key() -> str:
    """The landscape chart's key (a new one after each click)."""
    return f"neuron_land_{st.session_state.neuron_land_clicks}"


def on_land_click() -> None:
    """A click on the landscape: its cell's weights become the start, as if the w1, w2
    sliders had moved there (ignored while playing, when the sliders are locked)."""
    ss = st.session_state
    key = land_key()
    picked = (ss[key].selection.get(SELECTION) or [{}])[0] if key in ss else {}
    ss.neuron_land_clicks += 1  # a fresh chart: a second click on this cell counts too
    if ss.neuron_playing or "w1" not in picked or "w2" not in picked:
        return
    ss.neuron_w1, ss.neuron_w2 = shown(picked["w1"]), shown(picked["w2"])
    ss.neuron_b = shown(ss.neuron_run.b)
    ss.neuron_synced = []  # a click is the user's move even onto a value sent before
    on_weights()


def on_reset() -> None:
    """Back to the start; playing stops."""
    st.session_state.neuron_run.reset()
    st.session_state.neuron_playing = False


def on_play(playing: bool) -> None:
    """Play/Pause: ``playing`` is what the button said when drawn (a callback can fire
    twice on Streamlit 1.67 when a fragment run is pending: setting, not toggling)."""
    if playing and not st.session_state.neuron_playing:
        train_activation()
    st.session_state.neuron_playing = playing
