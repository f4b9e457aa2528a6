"""A process's short-lived read cache of class versions, shared by its sessions' polls.

Every student's fragment asks for its class's version every ``poll.POLL`` seconds: 60
students in one process would ask the store 40 times a second for the same number.
Through :class:`VersionCache` the first poll after :data:`TTL` seconds reads the store and
every other session of the process gets that number until it is ``TTL`` old: one read per
class per ``TTL`` per process, whatever the number of students.

The store stays the truth: only the version number (or the error that reading it raised)
is kept, for at most ``TTL`` seconds, and a write made through this process's store drops
it at once (:class:`WritesForget`), so a process sees its own writes on its next poll and
another replica's within ``TTL`` more (a question reaches a student within ``POLL + TTL``
seconds). An error is kept as long as a number: a store that is down costs one try per
``TTL`` per process, not one per student.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from ui.classroom.store import StoreError

#: seconds a version read is served to the process's other polls
TTL = 0.25
#: entries kept before the stale ones are dropped (classes ended long ago)
MAX_KEYS = 1024


class VersionCache:
    """``key -> (read at, version or StoreError)``, thread-safe; ``clock`` injected
    (``time.monotonic`` in the app). One session reads a stale key at a time; the others
    asking for it meanwhile wait for that read and share it."""

    def __init__(self, ttl: float = TTL, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = MAX_KEYS) -> None:
        self.ttl, self.clock, self.max_keys = float(ttl), clock, max_keys
        self._entries: dict[Hashable, tuple[float, int | None | StoreError]] = {}
        self._gates: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self._generation = 0  # grows with every clear(): a read begun before is not kept
        self.reads = 0  # store reads made (for tests and benchmarks)

    def _fresh(self, key: Hashable) -> tuple[bool, Any]:
        hit = self._entries.get(key)
        # an age below 0 (a clock that went back, or was swapped) counts as stale
        if hit is not None and 0.0 <= self.clock() - hit[0] < self.ttl:
            return True, hit[1]
        return False, None

    @staticmethod
    def _give(value: int | None | StoreError) -> int | None:
        if isinstance(value, StoreError):  # a copy per caller: one traceback each
            err = StoreError(value.code)
            err.args = value.args
            raise err
        return value

    def get(self, key: Hashable, read: Callable[[], int | None]) -> int | None:
        """The version under ``key``: the cached one while younger than ``ttl``, else
        ``read()`` (kept for the others). Raises the :class:`StoreError` ``read`` raised
        (kept as long)."""
        with self._lock:
            found, value = self._fresh(key)
            if found:
                return self._give(value)
            gate = self._gates.setdefault(key, threading.Lock())
        with gate:  # one reader per key; the others then find its value
            with self._lock:
                found, value = self._fresh(key)
                if found:
                    return self._give(value)
                generation, t = self._generation, self.clock()
                self.reads += 1
            try:
                value = read()
            except StoreError as err:
                value = err
            with self._lock:
                if generation == self._generation:
                    self._entries[key] = (t, value)
                    if len(self._entries) > self.max_keys:
                        self._prune()
        return self._give(value)

    def _prune(self) -> None:
        now = self.clock()
        for k in [k for k, (t, _) in self._entries.items() if now - t >= self.ttl]:
            del self._entries[k]
            self._gates.pop(k, None)

    def clear(self) -> None:
        """Forget every version (a write in this process changed one)."""
        with self._lock:
            self._entries.clear()
            self._generation += 1


#: the store's methods that change nothing (every other call may write)
READS = frozenset({"version", "state", "member", "my_answer", "counts", "challenge",
                   "entries", "check_teacher", "results_csv", "close", "path",
                   "busy_timeout"})
#: writes that changed nothing when they return nothing (an empty queue, no class expired)
QUIET_WHEN_EMPTY = frozenset({"claim", "expire"})


class WritesForget:
    """A store whose every write (any method but :data:`READS`) clears ``cache`` when it
    returns or raises (:data:`QUIET_WHEN_EMPTY` only when it returns something);
    everything else is the store's own."""

    def __init__(self, store: Any, cache: VersionCache) -> None:
        self._store, self._cache = store, cache

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if name in READS or name.startswith("_") or not callable(attr):
            return attr
        cache, quiet = self._cache, name in QUIET_WHEN_EMPTY

        def write(*args: Any, **kwargs: Any) -> Any:
            try:
                result = attr(*args, **kwargs)
            except BaseException:
                cache.clear()
                raise
            if result or not quiet:
                cache.clear()
            return result

        write.__name__ = name
        return write
