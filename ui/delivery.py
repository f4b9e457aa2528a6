"""Make sure a live frame reaches the browser before the session's next run starts.

Why: when a run starts, Streamlit (1.67, ``AppSession._clear_queue`` on SCRIPT_STARTED)
drops the previous run's messages that its event loop has not sent yet. A playing page
reruns its fragments back to back, so on a busy server the next run usually starts before
the event loop got the GIL to send the last picture: the picture is lost, and past a
certain load no picture ever arrives (the classroom collapse, issue 12). A fixed pause
after drawing helps only while the server is idle.

:func:`wait_sent` waits, without holding the GIL, until the event loop has taken this
run's messages and handed them to the websocket: a marker callback queued behind the
run's own "enqueue" callbacks tells when they are in the browser queue, and the queue
being empty again tells when the flush loop has sent them. Outside a served session
(AppTest, bare mode) or if Streamlit's internals change, it falls back to a short sleep.

:func:`hand_over` does the same for a change the browser must not miss after the run has
ended, a link's new parameters: when a run ends and the session's next request comes
before the event loop has taken that run's messages, Streamlit (1.67,
``AppSession.request_rerun``) starts a new script runner and then ignores every event of
the old one (``_handle_scriptrunner_event_on_event_loop``: "non-current ScriptRunner"),
its messages included. While a page plays, its timer fragments send such requests several
times a second, so a short run that a slider started (the MLP page's learning rate: a
fragment of its own) lost its new link in 8 of 200 presses beside two busy processes
(``python -m bench.bench_link``; 0 of 1,000 with :func:`hand_over`): the session trained
at the new rate, the address bar kept the old one, and no later run rewrote it (a run
compares with the browser's URL, which the session already believed was written).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

FALLBACK_PAUSE = 0.01  # seconds, when the session's queue cannot be watched
HAND_OVER_WAIT = 1.0  # seconds at most a run waits for its URL change to be sent
POLL = 0.002  # seconds between looks at the browser queue


def _session():
    """This run's ``AppSession``, or None (no served session, or unknown internals)."""
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is None or not Runtime.exists():
            return None
        info = Runtime.instance()._session_mgr.get_active_session_info(ctx.session_id)
        session = info.session if info is not None else None
        if session is None or not hasattr(session, "_browser_queue"):
            return None
        if not hasattr(session, "_event_loop"):
            return None
        return session
    except Exception:  # noqa: BLE001 - any internal change: fall back, never break a frame
        return None


def served() -> bool:
    """Whether this run belongs to a session a server is serving (not AppTest, not bare
    mode): only then do its messages wait to be sent, and only then does the MLP page
    train in a thread of its own (``ui.mlp.live.train``)."""
    return _session() is not None


def hand_over(timeout: float = HAND_OVER_WAIT,
              clock: Callable[[], float] = time.perf_counter,
              sleep: Callable[[float], object] = time.sleep) -> float:
    """After a run changed the URL: :func:`wait_sent` in a served session, so the change
    is in the browser's queue before the run can end; no pause anywhere else (AppTest and
    bare mode have no browser to lose it). Returns the seconds waited."""
    if _session() is None:
        return 0.0
    return wait_sent(timeout, clock, sleep)


def wait_sent(timeout: float = 0.25, clock: Callable[[], float] = time.perf_counter,
              sleep: Callable[[float], object] = time.sleep) -> float:
    """Block (GIL released) until this run's messages so far have been sent, or
    ``timeout`` seconds. Returns the seconds waited.

    The check runs on the server's event loop (queued behind this run's own "enqueue"
    callbacks, then every POLL seconds until the browser queue is empty), and this thread
    sleeps on one event: with many sessions playing, no thread wakes up just to look.
    ``clock`` (the deadline, the seconds waited) and ``sleep`` (the fallback pause) are
    the real ones in the app; tests pass fakes. The event's own wait is a safety net in
    real seconds: the loop's check sets it by the deadline on ``clock``.
    """
    t0 = clock()
    session = _session()
    if session is None:
        sleep(FALLBACK_PAUSE)
        return clock() - t0
    loop = session._event_loop
    sent = threading.Event()
    deadline = t0 + timeout

    def check() -> None:
        if session._browser_queue.is_empty() or clock() >= deadline:
            sent.set()
        else:
            loop.call_later(POLL, check)

    try:
        loop.call_soon_threadsafe(check)
    except RuntimeError:  # the loop is closed: the session is going away
        return clock() - t0
    sent.wait(timeout)
    return clock() - t0
