"""ui.delivery reads three of Streamlit's internals; a Streamlit upgrade that renames them
must fail here, not silently bring back dropped frames (tests/test_bench_classroom.py
checks the behaviour on a real server: no frame lost)."""

from __future__ import annotations

import inspect
from types import SimpleNamespace

import pytest
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
from streamlit.runtime.runtime import Runtime
from streamlit.runtime.session_manager import SessionManager

from ui import delivery


def test_the_streamlit_internals_it_reads_exist():
    init = inspect.getsource(AppSession.__init__)
    assert "self._browser_queue" in init and "self._event_loop" in init
    assert callable(ForwardMsgQueue.is_empty)
    assert "self._session_mgr" in inspect.getsource(Runtime.__init__)
    assert callable(SessionManager.get_active_session_info)


class Clock:
    """A fake clock: it moves only when a (fake) sleep or poll advances it."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class Loop:
    """The server's event loop, faked: a callback runs at once, a later one after the
    clock has been advanced by its delay."""

    def __init__(self, clock: Clock, closed: bool = False) -> None:
        self.clock, self.closed, self.calls = clock, closed, 0

    def call_soon_threadsafe(self, fn) -> None:
        if self.closed:
            raise RuntimeError("Event loop is closed")
        self.calls += 1
        fn()

    def call_later(self, delay: float, fn) -> None:
        self.calls += 1
        self.clock.sleep(delay)
        fn()


class Queue:
    """A browser queue that is empty after ``polls`` looks."""

    def __init__(self, polls: int) -> None:
        self.left = polls

    def is_empty(self) -> bool:
        self.left -= 1
        return self.left < 0


def served(monkeypatch, clock: Clock, polls: int, closed: bool = False) -> Loop:
    loop = Loop(clock, closed)
    session = SimpleNamespace(_event_loop=loop, _browser_queue=Queue(polls))
    monkeypatch.setattr(delivery, "_session", lambda: session)
    return loop


def test_outside_a_served_session_it_falls_back_to_a_short_pause():
    clock = Clock()
    waited = delivery.wait_sent(1.0, clock=clock, sleep=clock.sleep)
    assert delivery.FALLBACK_PAUSE <= waited < 0.5
    assert waited == pytest.approx(delivery.FALLBACK_PAUSE)  # one pause, nothing else on the clock


def test_it_waits_until_the_browser_queue_is_empty(monkeypatch):
    """The check runs once behind the run's messages, then every POLL seconds until the
    queue is empty: three non-empty looks are three polls waited."""
    clock = Clock()
    loop = served(monkeypatch, clock, polls=3)
    waited = delivery.wait_sent(1.0, clock=clock, sleep=clock.sleep)
    assert waited == pytest.approx(3 * delivery.POLL) and loop.calls == 4


def test_it_stops_looking_at_the_deadline(monkeypatch):
    clock = Clock()
    loop = served(monkeypatch, clock, polls=10**6)  # never sent
    timeout = 5.25 * delivery.POLL  # the sixth poll is the first past it
    waited = delivery.wait_sent(timeout, clock=clock, sleep=clock.sleep)
    assert timeout <= waited < timeout + delivery.POLL
    assert waited == pytest.approx(6 * delivery.POLL) and loop.calls == 1 + 6


def test_a_closed_loop_returns_at_once(monkeypatch):
    clock = Clock()
    served(monkeypatch, clock, polls=1, closed=True)
    assert delivery.wait_sent(1.0, clock=clock, sleep=clock.sleep) == 0.0
