"""ui.delivery reads three of Streamlit's internals; a Streamlit upgrade that renames them
must fail here, not silently bring back dropped frames (tests/test_bench_classroom.py
checks the behaviour on a real server: no frame lost)."""

from __future__ import annotations

import inspect

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


def test_outside_a_served_session_it_falls_back_to_a_short_pause():
    waited = delivery.wait_sent(1.0)
    assert delivery.FALLBACK_PAUSE <= waited < 0.5
