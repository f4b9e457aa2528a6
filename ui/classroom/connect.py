"""The session's place in class mode and the process's store.

Session state (never a module global: every user of a deployed app shares the process):

* ``MEMBER_KEY``: ``{"code", "member_id", "nickname"}`` while the session is a student in
  a class (the member id is what lets it answer; it never reaches the browser);
* ``TEACHER_KEY``: ``{"code", "key"}`` while the session runs a class (the teacher key
  stays on the server: the teacher link is shown once, on the dashboard);
* ``FAILS_KEY``: the times of this session's failed joins (wrong or expired codes, wrong
  teacher keys).

Per process (``st.cache_resource``, shared by every session and holding no user data): the
store connection (one per store target, so a test that points ``NNPG_CLASS_DB`` at a new
file gets a new store), the classes' versions read in the last quarter second
(:func:`version`, ``ui.classroom.versions``: the students' polls share one read; a write
through the store clears them) and :class:`JoinLimiter`, the count of failed joins in the
last minute. Codes cannot be guessed at speed: a session gets :data:`SESSION_FAILS` wrong tries a
minute, a process :data:`PROCESS_FAILS` (31**6 codes: at 60 a minute, finding one open class
of 200 takes about 50 days).
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from ui.classroom.backend import SETTINGS, open_store, store_target
from ui.classroom.store import Store, StoreError
from ui.classroom.versions import VersionCache, WritesForget

MEMBER_KEY = "class_member"
TEACHER_KEY = "class_teacher"
FAILS_KEY = "class_fails"
#: failed joins allowed per session and per process within :data:`WINDOW` seconds
SESSION_FAILS = 5
PROCESS_FAILS = 60
WINDOW = 60.0


def settings() -> dict[str, str]:
    """The store settings: the environment, overridden by ``st.secrets`` where it has them
    (Community Cloud has no environment to set, only secrets)."""
    found = {name: os.environ.get(name, "") for name in SETTINGS}
    try:
        secrets = st.secrets
        for name in SETTINGS:
            if name in secrets:
                found[name] = str(secrets[name])
    except Exception:  # noqa: BLE001 - no secrets file: the environment alone
        pass
    return found


@st.cache_resource(show_spinner=False)
def versions() -> VersionCache:
    """The process's :class:`VersionCache` (class versions only: no user data)."""
    return VersionCache()


@st.cache_resource(show_spinner=False, max_entries=8)
def _store_for(kind: str, where: str) -> Store:
    """One store per target per process (thread-safe, holds a connection, no user data);
    its writes clear the process's cached versions."""
    return WritesForget(open_store({"NNPG_CLASS_STORE": where if kind == "redis" else "sqlite",
                                    "NNPG_CLASS_DB": where if kind == "sqlite" else ""}),
                        versions())


def target() -> tuple[str, str]:
    """``(kind, where)`` of the store the current settings name."""
    return store_target(settings())


def store() -> Store:
    """The process's store for the current settings; raises :class:`StoreError`
    (``"unavailable"``: not reachable; a failed open is not cached, the next call retries)."""
    return _store_for(*target())


def version(code: str) -> int | None:
    """``Store.version(code)`` as a student's poll asks it: shared by the process's
    sessions for :data:`ui.classroom.versions.TTL` seconds (one store read per class per
    TTL per process). Raises :class:`StoreError` as the store does."""
    kind, where = target()
    return versions().get((kind, where, code), lambda: _store_for(kind, where).version(code))


def now() -> float:
    """Wall-clock seconds, the store's time base (``time.time``)."""
    return time.time()


class JoinLimiter:
    """Failed joins of one process in a sliding window (thread-safe; no user data: only
    times). ``clock`` is injected (``time.monotonic`` in the app)."""

    def __init__(self, limit: int = PROCESS_FAILS, window: float = WINDOW,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def _trim(self, t: float) -> None:
        while self._times and self._times[0] <= t - self.window:
            self._times.popleft()

    def blocked(self) -> bool:
        """True while the process has had ``limit`` failures within the window."""
        with self._lock:
            self._trim(self.clock())
            return len(self._times) >= self.limit

    def failed(self) -> None:
        """Count one failed join now."""
        with self._lock:
            t = self.clock()
            self._trim(t)
            self._times.append(t)


@st.cache_resource(show_spinner=False)
def limiter() -> JoinLimiter:
    """The process's :class:`JoinLimiter`."""
    return JoinLimiter()


def session_blocked(ss: Any = None, clock: Callable[[], float] = time.monotonic) -> bool:
    """True while this session has had :data:`SESSION_FAILS` failures within the window."""
    ss = st.session_state if ss is None else ss
    t = clock()
    fails = [x for x in ss.get(FAILS_KEY, []) if x > t - WINDOW]
    ss[FAILS_KEY] = fails
    return len(fails) >= SESSION_FAILS


def count_failure(ss: Any = None, clock: Callable[[], float] = time.monotonic) -> None:
    """A join or teacher link that failed: counted for the session and the process."""
    ss = st.session_state if ss is None else ss
    ss[FAILS_KEY] = [*ss.get(FAILS_KEY, []), clock()]
    limiter().failed()


def guard() -> None:
    """Raise ``StoreError("rate_limited")`` when this session or process must wait."""
    if session_blocked() or limiter().blocked():
        raise StoreError("rate_limited", "too many failed joins")


def member() -> Mapping[str, str] | None:
    """The session's membership (code, member_id, nickname), or None."""
    return st.session_state.get(MEMBER_KEY)


def teacher() -> Mapping[str, str] | None:
    """The session's class as its teacher (code, key), or None."""
    return st.session_state.get(TEACHER_KEY)


def code() -> str | None:
    """The code of the class this session is in (as a student or its teacher), or None."""
    me = member() or teacher()
    return me["code"] if me else None


def forget() -> None:
    """The session leaves class mode (left, ended or gone): every ``class_*`` key goes."""
    for key in [k for k in st.session_state if str(k).startswith("class_")
                and k != FAILS_KEY]:
        del st.session_state[key]
