"""The Backprop page's callbacks and step bookkeeping; no drawing."""

from __future__ import annotations

import streamlit as st

from ui import state
from ui.backprop.settings import STEP_FROM_URL
from ui.i18n import t


def on_move(delta: int, n: int) -> None:
    """Previous/Next: move the step by ``delta``, staying within ``1..n``."""
    ss = st.session_state
    ss.bp_step = min(max(ss.bp_step + delta, 1), n)


def on_jump(number: int) -> None:
    """A phase button: go to step ``number`` (the phase's first)."""
    st.session_state.bp_step = number


def clamp_step(n: int) -> str | None:
    """Keep the step within this network's ``n`` steps (numbered from 1, like the slider).

    A smaller network has fewer steps, so the step is clamped silently; a link that asked
    for a step past the last one gets the notice ``bp.url.step_clamped``, returned.
    """
    ss = st.session_state
    asked = ss.pop(STEP_FROM_URL, None)
    if ss.bp_step <= n:
        return None
    ss.bp_step = n
    if asked is None:
        return None
    return t("bp.url.step_clamped", setting=state.inert(f"step={asked}"), n=n)
