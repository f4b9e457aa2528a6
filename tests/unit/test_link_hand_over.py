"""A run that changes the link makes sure the browser gets it (``ui.delivery.hand_over``):
``ui.state.write_params`` and ``ui.state.set_param`` hand a change over once, and nothing
when the link already says it (no wait on a run that wrote nothing)."""

from __future__ import annotations

import pytest
import streamlit as st

from tests.unit.test_delivery import Clock, served
from ui import delivery, state


@pytest.fixture
def handed(monkeypatch):
    """The hand-overs asked for, counted; the URL empty before and after."""
    calls: list[int] = []
    monkeypatch.setattr(delivery, "hand_over", lambda *a, **k: calls.append(1) or 0.0)
    st.query_params.clear()
    yield calls
    st.query_params.clear()


def test_write_params_hands_a_change_over_once(handed):
    state.write_params({"lr": 0.1, "layers": [4, 2], "act": "tanh"})
    assert st.query_params.get_all("layers") == ["4", "2"] and st.query_params["lr"] == "0.1"
    assert len(handed) == 1
    state.write_params({"lr": 0.1, "layers": [4, 2], "act": "tanh"})  # the link says it
    assert len(handed) == 1
    state.write_params({"lr": 0.03, "layers": [4, 2], "act": "tanh"})  # one key changes
    assert st.query_params["lr"] == "0.03" and len(handed) == 2


def test_write_params_hands_over_a_key_it_only_took_out(handed):
    st.query_params["old"] = "1"
    st.query_params["lang"] = "zh"
    state.write_params({}, replace=True)
    assert "old" not in st.query_params and st.query_params["lang"] == "zh"
    assert len(handed) == 1


def test_set_param_hands_over_a_change_only(handed):
    state.set_param("present", "1")
    state.set_param("present", "1")
    assert st.query_params["present"] == "1" and len(handed) == 1
    state.set_param("present", None)
    state.set_param("present", None)
    assert "present" not in st.query_params and len(handed) == 2


def test_hand_over_outside_a_served_session_does_not_pause():
    clock = Clock()
    assert delivery.hand_over(clock=clock, sleep=clock.sleep) == 0.0
    assert clock.now == Clock().now  # no fallback pause: AppTest runs write links often


def test_hand_over_in_a_served_session_waits_until_the_queue_is_sent(monkeypatch):
    clock = Clock()
    loop = served(monkeypatch, clock, polls=2)
    waited = delivery.hand_over(1.0, clock=clock, sleep=clock.sleep)
    assert waited == pytest.approx(2 * delivery.POLL) and loop.calls == 3
