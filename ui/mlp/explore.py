"""Explore a run (issue 31): the timeline (rewind while paused, train on from an epoch), a
hidden neuron switched off or on, a weight or a bias typed or nudged.

The session's :class:`nncore.timeline.Timeline` lives in ``st.session_state`` next to its
playground and is noted after each frame's training (``ui.mlp.live.timed_frame``, under
the session's lock) and on every run of the panel. While paused, the epoch the slider
picks (``mlp_at``, ``at=`` in the link) is what every picture of the page draws:
:func:`shown` hands the live view a copy of the run restored at that epoch (the run itself
is untouched until "Train on from here"). The tools change the run itself (under its
lock), record the loss at once and keep the edited state in the timeline; while the
past is shown they are read-only.
"""

from __future__ import annotations

import copy

import numpy as np
import streamlit as st

from nncore import playground as pgm
from nncore.timeline import Timeline
from ui import state
from ui.i18n import t
from ui.mlp import explore_settings
from ui.mlp.actions import PG_KEY, PLAYING_KEY, lock
from ui.mlp.explore_settings import AT_KEY, COMPARE_KEY

TIMELINE_KEY = "mlp_timeline"  # the session's Timeline
VIEW_KEY = "mlp_at_view"  # (key, Playground copy) of the epoch shown
OPEN_KEY = "mlp_explore_open"  # the panel's expander is open
SLIDER_KEY = "mlpx_at_slider"
UNIT_KEY = "mlpx_unit"
UNIT_ON_KEY = "mlpx_unit_on"
PARAM_KEY = "mlpx_param"
VALUE_KEY = "mlpx_value"
STARTED_KEY = "mlpx_started"  # the link's at= has been trained to
BOX_KEY = "mlp_explore_box"
BASE_KEY = "mlpx_at_base"  # (trainer id, step count) of the run when the epoch was picked


def timeline(pg: pgm.Playground) -> Timeline:
    """The session's timeline (of ``pg``'s run: a restarted run starts a new one)."""
    return st.session_state.setdefault(TIMELINE_KEY, Timeline())


def note(pg: pgm.Playground, edited: bool = False) -> None:
    """Keep ``pg``'s state in its timeline (the caller holds the session's lock)."""
    timeline(pg).note(pg.trainer, edited)


def shown_epoch(pg: pgm.Playground) -> int | None:
    """The past epoch the page shows (paused, the slider off the present), else None."""
    ss = st.session_state
    at = int(ss.get(AT_KEY, -1))
    if at < 0 or ss.get(PLAYING_KEY) or at >= pg.epoch:
        return None
    if ss.get(BASE_KEY) != _base(pg):  # trained since (Play, Step): back to the present
        ss[AT_KEY] = -1
        explore_settings.to_url()
        return None
    tl = timeline(pg)
    if not tl.follows(pg.trainer) or at not in tl.reachable(pg.trainer):
        return None
    return at


def _base(pg: pgm.Playground) -> tuple[int, int]:
    return id(pg.trainer), pg.trainer.step_count


def shown(pg: pgm.Playground) -> pgm.Playground:
    """What the page draws of ``pg``: ``pg`` itself, or while the past is shown a copy
    restored at that epoch (kept for the runs that draw the same epoch again)."""
    at = shown_epoch(pg)
    if at is None:
        return pg
    ss = st.session_state
    key = (id(pg.trainer), pg.trainer.step_count, at, tuple(pg.net.units_off()))
    cached = ss.get(VIEW_KEY)
    if cached and cached[0] == key:
        return cached[1]
    # paused (shown_epoch): no thread trains pg now, and view() only reads it
    tr = timeline(pg).view(pg.trainer, at)
    other = copy.copy(pg)
    other.trainer, other.net = tr, tr.net
    ss[VIEW_KEY] = (key, other)
    return other


def start(pg: pgm.Playground) -> None:
    """Once per session: a link's ``at=N`` trains the run to epoch N (exactly, from the
    seed: epoch by epoch up to the timeline's dense part, then in frames) and shows it."""
    ss = st.session_state
    if ss.get(STARTED_KEY):
        return
    ss[STARTED_KEY] = True
    at = int(ss.get(AT_KEY, -1))
    if at <= 0 or pg.epoch:
        return
    tl = timeline(pg)
    with lock():
        tl.note(pg.trainer)
        while pg.epoch < at and not pg.diverged and not pg.stopped:
            step = 1 if pg.epoch < tl.dense else max(1, min(at - pg.epoch, pg.epoch // 8))
            pg.frame(float("inf"), max_epochs=step)
            tl.note(pg.trainer)
    if pg.epoch != at:
        ss[AT_KEY] = -1
    ss[BASE_KEY] = _base(pg)


# ---------------------------------------------------------------- callbacks


def on_slider() -> None:
    ss = st.session_state
    pg = ss.get(PG_KEY)
    value = int(ss[SLIDER_KEY])
    ss[AT_KEY] = -1 if pg is None or value >= pg.epoch else value
    if pg is not None:
        ss[BASE_KEY] = _base(pg)
    explore_settings.to_url()


def on_train_on() -> None:
    """Train on from the epoch shown: the run goes back there for good (B too)."""
    ss = st.session_state
    pg = ss.get(PG_KEY)
    at = int(ss.get(AT_KEY, -1))
    if pg is not None and shown_epoch(pg) is not None:
        with lock():
            timeline(pg).train_on_from(pg.trainer, at)
        b, tl_b = ss.get("mlp_pg_b"), ss.get("mlp_timeline_b")
        if b is not None and tl_b is not None and tl_b.follows(b.trainer):
            if at in tl_b.reachable(b.trainer):
                tl_b.train_on_from(b.trainer, at)
            else:
                b.reset()
    ss[AT_KEY] = -1
    ss.pop(VIEW_KEY, None)
    explore_settings.to_url()


def _unit(ss) -> tuple[int, int]:
    l, j = (int(v) for v in str(ss[UNIT_KEY]).split("-"))
    return l, j


def on_unit() -> None:
    """A neuron switched off or on: at once, paused or playing (under the lock)."""
    ss = st.session_state
    pg = ss.get(PG_KEY)
    if pg is None:
        return
    l, j = _unit(ss)
    with lock():
        if l < len(pg.sizes()) - 1 and j < pg.sizes()[l]:
            pg.net.set_unit(l, j, bool(ss[UNIT_ON_KEY]))
            _edited(pg)


def on_value() -> None:
    """A weight or bias typed (or nudged by the input's steppers)."""
    ss = st.session_state
    pg = ss.get(PG_KEY)
    if pg is None or ss.get(VALUE_KEY) is None:
        return
    with lock():
        arr, index = _param(pg, str(ss[PARAM_KEY]))
        if arr is not None:
            arr[index] = float(ss[VALUE_KEY])
            _edited(pg)


def _edited(pg: pgm.Playground) -> None:
    """After a change by hand: the loss recorded again (the charts and numbers follow at
    once) and the state kept in the timeline as edited."""
    if not pg.diverged:
        pg.trainer.record()
    note(pg, edited=True)
    st.session_state.pop(VIEW_KEY, None)


# ---------------------------------------------------------------- parameters


def param_ids(pg: pgm.Playground) -> list[str]:
    """Every weight and bias as ``W.l.i.j`` / ``b.l.i`` (l = 1..L, the tutorial's)."""
    sizes = pg.sizes()
    out = []
    for l in range(1, len(sizes)):
        for i in range(sizes[l]):
            out += [f"W.{l}.{i}.{j}" for j in range(sizes[l - 1])] + [f"b.{l}.{i}"]
    return out


def _param(pg: pgm.Playground, pid: str):
    """(array view, index) of a parameter id, or (None, None) if the net has no such one."""
    parts = pid.split(".")
    try:
        l, i = int(parts[1]), int(parts[2])
        if parts[0] == "W":
            arr, index = pg.net.W[l - 1], (i, int(parts[3]))
        else:
            arr, index = pg.net.b[l - 1], (i,)
        arr[index]  # noqa: B018 - raises for a unit the network does not have
    except (IndexError, ValueError):
        return None, None
    return arr, index


def param_label(pg: pgm.Playground, pid: str, names: list[list[str]]) -> str:
    """``W[2]: h1.3 -> h2.1 = 0.123`` style text: where it is and its value."""
    arr, index = _param(pg, pid)
    if arr is None:
        return pid
    parts = pid.split(".")
    l, i = int(parts[1]), int(parts[2])
    value = float(arr[index])
    if parts[0] == "W":
        return f"W[{l}] {names[l - 1][int(parts[3])]} → {names[l][i]} = {value:.4g}"
    return f"b[{l}] {names[l][i]} = {value:.4g}"


# ---------------------------------------------------------------- drawing


def panel(pg: pgm.Playground, playing: bool, names: list[list[str]], compare_controls) -> None:
    """The exploring tools in an expander by the run buttons (its content drawn only
    while open; it opens by itself for a link with ``at=`` or ``compare=1``)."""
    ss = st.session_state
    start(pg)
    if OPEN_KEY not in ss:
        ss[OPEN_KEY] = int(ss.get(AT_KEY, -1)) >= 0 or bool(ss.get(COMPARE_KEY))
    box = st.expander(t("mlpx.panel"), icon=":material/history:", key=OPEN_KEY,
                      on_change="rerun")
    if not box.open:
        return
    with box, st.container(key=BOX_KEY):
        if not playing:
            with lock():
                note(pg)
        left, mid, right = st.columns([1.3, 1, 1], gap="medium")
        with left:
            _timeline(pg, playing)
        past = shown_epoch(pg) is not None
        with mid:
            _neuron(pg, names, past)
        with right:
            _weight(pg, names, past)
        compare_controls(pg)


def _timeline(pg: pgm.Playground, playing: bool) -> None:
    ss = st.session_state
    if playing:
        st.caption(t("mlpx.paused_only"))
        return
    tl = timeline(pg)
    epochs = tl.reachable(pg.trainer) or [pg.epoch]
    at = shown_epoch(pg)
    ss[SLIDER_KEY] = at if at is not None else epochs[-1]
    if len(epochs) > 1:
        st.select_slider(t("mlpx.timeline"), options=epochs, key=SLIDER_KEY,
                         on_change=on_slider, help=t("mlpx.timeline_help"))
    st.button(t("mlpx.train_on"), key="mlpx_train_on", on_click=on_train_on,
              disabled=at is None, help=t("mlpx.train_on_help"), icon=":material/replay:")
    if at is not None:
        st.caption(t("mlpx.past", epoch=at, latest=pg.epoch))
    st.caption(t("mlpx.kept", n=len(tl.epochs()), kib=f"{tl.nbytes() / 1024:.0f}"))


def _neuron(pg: pgm.Playground, names: list[list[str]], past: bool) -> None:
    ss = st.session_state
    sizes = pg.sizes()
    ids = [f"{l}-{j}" for l in range(1, len(sizes) - 1) for j in range(sizes[l])]
    if not ids:
        st.caption(t("mlpx.no_hidden"))
        return
    if ss.get(UNIT_KEY) not in ids:
        ss[UNIT_KEY] = ids[0]
    flat = {f"{l}-{j}": names[l][j] for l in range(1, len(sizes) - 1) for j in range(sizes[l])}
    st.selectbox(t("mlpx.neuron"), ids, key=state.choice(UNIT_KEY), format_func=flat.__getitem__)
    l, j = _unit(ss)
    ss[UNIT_ON_KEY] = (l, j) not in pg.net.units_off()
    st.toggle(t("mlpx.neuron_on"), key=UNIT_ON_KEY, on_change=on_unit, disabled=past,
              help=t("mlpx.neuron_help"))
    off = pg.net.units_off()
    if off:
        st.caption(t("mlpx.off_list", names=", ".join(names[a][b] for a, b in off)))


def _weight(pg: pgm.Playground, names: list[list[str]], past: bool) -> None:
    ss = st.session_state
    ids = param_ids(pg)
    if ss.get(PARAM_KEY) not in ids:
        ss[PARAM_KEY] = ids[0]
    shown_pg = shown(pg)
    st.selectbox(t("mlpx.weight"), ids, key=state.varying_choice(PARAM_KEY),
                 format_func=lambda pid: param_label(shown_pg, pid, names))
    arr, index = _param(shown_pg, str(ss[PARAM_KEY]))
    ss[VALUE_KEY] = float(np.round(float(arr[index]), 6))
    st.number_input(t("mlpx.value"), key=VALUE_KEY, step=0.1, format="%.4f",
                    on_change=on_value, disabled=past, help=t("mlpx.value_help"))
