"""The MLP page's actions: the user's training session and the buttons' callbacks.

The page keeps one :class:`nncore.playground.Playground` per user in
``st.session_state["mlp_pg"]`` (never shared: ``st.cache_*`` only holds pure data).
Callbacks change session state only; the page and its fragments draw.
"""

from __future__ import annotations

import threading

import streamlit as st

from nncore import data
from nncore import playground as pgm
from ui import state
from ui.i18n import t
from ui.mlp import data_io, settings, view

PG_KEY = "mlp_pg"
PLAYING_KEY = "mlp_playing"
NOTE_KEY = "mlp_note"
DRAWN_KEY = "mlp_drawn_playing"  # the Play state the live fragments were declared with
LOCK_KEY = "mlp_lock"  # held while the session trains, and while a download copies it


def init() -> list[str]:
    """Settings from the URL (first run of the session) and the Play state; returns the
    problems found in the link, for the notice."""
    problems = settings.from_url()
    state.init_state({PLAYING_KEY: False})
    return problems


def lock() -> threading.Lock:
    """This session's training lock: a download (run in a server thread) copies the
    session between two frames, never in the middle of one."""
    return st.session_state.setdefault(LOCK_KEY, threading.Lock())


def mark_drawn() -> None:
    """In a full run: note the Play state the live fragments are declared with."""
    st.session_state[DRAWN_KEY] = bool(st.session_state[PLAYING_KEY])


def playing() -> bool:
    """Whether the page plays. After Play/Pause in a fragment run, rerun the whole app:
    only a full run starts or stops the live fragments' timers (``run_every``); a paused
    page must cost nothing."""
    ss = st.session_state
    now = bool(ss[PLAYING_KEY])
    if now != ss.get(DRAWN_KEY, now):
        st.rerun(scope="app")
    return now


def session(config: pgm.Config) -> tuple[pgm.Playground, str]:
    """The user's playground, switched to ``config``: ("new"|"kept"|"restarted"|"regenerated")."""
    ss = st.session_state
    pg = ss.get(PG_KEY)
    if pg is None:
        pg = ss[PG_KEY] = data_io.new_playground(config, view.make_data)
        return pg, "new"
    outcome = pg.apply(config)
    with lock():
        changed = data_io.sync(pg)  # an upload, added points, back to generated data
    return pg, "regenerated" if changed else outcome


def switch(config: pgm.Config) -> pgm.Playground:
    """The user's playground switched to ``config``; a restart or new data is noted on the
    page (``NOTE_KEY``, shown once by the live view)."""
    pg, outcome = session(config)
    if outcome in ("restarted", "regenerated"):
        st.session_state[NOTE_KEY] = t(f"mlp.note.{outcome}")
    return pg


def set_playing(playing: bool) -> None:
    """Play/Pause button: ``playing`` is what the button said when it was drawn.

    Setting rather than toggling matters: on Streamlit 1.67 a click that arrives while a
    fragment run is pending can fire the button's callback twice (once with the fragment
    run, once with the page run), and a toggle then undid the user's Pause.

    Play after early stopping stopped the run trains on (its wait starts again).
    """
    ss = st.session_state
    ss[PLAYING_KEY] = playing
    if playing and PG_KEY in ss and ss[PG_KEY].stopped:
        with lock():
            ss[PG_KEY].go_on()


def on_step() -> None:
    """Step button: pause, then train exactly one epoch."""
    ss = st.session_state
    ss[PLAYING_KEY] = False
    if PG_KEY in ss:
        with lock():
            ss[PG_KEY].go_on()  # after early stopping: one more epoch
            ss[PG_KEY].step()


def on_reset() -> None:
    """Reset button: pause and go back to the seeded initial weights."""
    ss = st.session_state
    ss[PLAYING_KEY] = False
    if PG_KEY in ss:
        ss[PG_KEY].reset()


def on_kept() -> None:
    """Learning rate, regularisation, its rate: applied to the session at once (the network
    keeps training, the pictures stay), so only their own fragment reruns; while playing,
    the next frame trains with them. Anything more (a restart, a diverged run going on)
    reruns the app."""
    ss = st.session_state
    settings.to_url()
    pg = ss.get(PG_KEY)
    if pg is None or not ss.mlp_features:
        return
    diverged = pg.diverged
    outcome = pg.apply(settings.config())
    if outcome != "kept" or diverged:
        if outcome != "kept":
            ss[NOTE_KEY] = t(f"mlp.note.{outcome}")
        on_restart()


def on_restart() -> None:
    """Optimiser, activation: the network restarts; the whole app reruns (the live view
    redraws and says so)."""
    st.rerun(scope="app")


def on_regenerate() -> None:
    """Regenerate button: the next seed (new sample, split and initial weights)."""
    ss = st.session_state
    ss.mlp_seed = (int(ss.mlp_seed) + 1) % 2**31


def problem_follows_dataset() -> None:
    """Before the problem switch is drawn: it shows the kind of the dataset in use (a link,
    a configuration file or the Lessons may have set the dataset alone)."""
    ss = st.session_state
    ss.mlp_problem = view.problem_of(ss.mlp_dataset)


def on_problem() -> None:
    """Problem type switch: pick the first dataset of the other kind (as TFP does)."""
    ss = st.session_state
    data_io.on_back()
    want_regression = ss.mlp_problem == "regression"
    if (data.kind(ss.mlp_dataset) == "regression") != want_regression:
        ss.mlp_dataset = next(
            n for n in data.names() if (data.kind(n) == "regression") == want_regression
        )


def on_big() -> None:
    """Unlimited switch turned off: bring the layers back within TFP's limits."""
    ss = st.session_state
    if not ss.mlp_big:
        max_layers, max_units = pgm.LIMITS
        ss[settings.DEPTH_KEY] = min(int(ss[settings.DEPTH_KEY]), max_layers)
        for i in range(max_layers):
            key = settings.units_key(i)
            if key in ss:
                ss[key] = min(int(ss[key]), max_units)
