"""ui.classroom.versions: the process's short-lived cache of class versions (issue 29).

The clock is injected (a list the test moves); the oracle is a count of the reads the
fake store saw and the versions it holds, not the cache's own bookkeeping.
"""

from __future__ import annotations

import threading

import pytest

from ui.classroom.store import StoreError
from ui.classroom.versions import TTL, VersionCache, WritesForget


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


class FakeStore:
    """Versions per code; every read counted."""

    def __init__(self) -> None:
        self.v = {"AAAAAA": 1, "BBBBBB": 7}
        self.reads = 0
        self.down = False
        self.queue: list[int] = []

    def version(self, code: str) -> int | None:
        self.reads += 1
        if self.down:
            raise StoreError("unavailable", "down")
        return self.v.get(code)

    def state(self, code: str) -> str:
        return f"state {code}"

    def answer(self, code: str) -> None:
        self.v[code] += 1

    def reveal(self, code: str) -> None:
        raise StoreError("forbidden", "wrong key")

    def claim(self, now: float) -> int | None:
        return self.queue.pop() if self.queue else None


def test_sixty_polls_within_the_ttl_read_the_store_once():
    clock, store = Clock(), FakeStore()
    cache = VersionCache(ttl=0.25, clock=clock)
    got = [cache.get("AAAAAA", lambda: store.version("AAAAAA")) for _ in range(60)]
    assert got == [1] * 60 and store.reads == 1
    store.v["AAAAAA"] = 2  # another replica's write: seen once the read is TTL old
    clock.t += 0.24
    assert cache.get("AAAAAA", lambda: store.version("AAAAAA")) == 1
    clock.t += 0.01
    assert cache.get("AAAAAA", lambda: store.version("AAAAAA")) == 2
    assert store.reads == 2


def test_a_clock_that_went_back_reads_again():
    clock, store = Clock(), FakeStore()
    cache = VersionCache(clock=clock)
    cache.get("A", lambda: store.version("AAAAAA"))
    clock.t -= 10.0
    cache.get("A", lambda: store.version("AAAAAA"))
    assert store.reads == 2


def test_each_key_is_read_on_its_own():
    clock, store = Clock(), FakeStore()
    cache = VersionCache(clock=clock)
    assert cache.get("A", lambda: store.version("AAAAAA")) == 1
    assert cache.get("B", lambda: store.version("BBBBBB")) == 7
    assert cache.get("C", lambda: store.version("CCCCCC")) is None  # gone: kept as well
    assert cache.get("C", lambda: store.version("CCCCCC")) is None
    assert store.reads == 3


def test_an_error_is_kept_as_long_and_raised_to_every_caller():
    clock, store = Clock(), FakeStore()
    cache = VersionCache(clock=clock)
    store.down = True
    for _ in range(5):
        with pytest.raises(StoreError) as err:
            cache.get("A", lambda: store.version("AAAAAA"))
        assert err.value.code == "unavailable"
    assert store.reads == 1  # a store that is down is tried once per TTL
    store.down = False
    clock.t += TTL
    assert cache.get("A", lambda: store.version("AAAAAA")) == 1
    assert store.reads == 2


def test_clear_forgets_and_a_read_begun_before_it_is_not_kept():
    clock, store = Clock(), FakeStore()
    cache = VersionCache(clock=clock)
    assert cache.get("A", lambda: store.version("AAAAAA")) == 1
    store.v["AAAAAA"] = 2
    cache.clear()
    assert cache.get("A", lambda: store.version("AAAAAA")) == 2

    def racing_read() -> int:  # a write of this process lands while the read is out
        v = store.version("AAAAAA")
        store.v["AAAAAA"] = 3
        cache.clear()
        return v

    cache.clear()
    assert cache.get("A", racing_read) == 2  # the caller gets what it read ...
    assert cache.get("A", lambda: store.version("AAAAAA")) == 3  # ... nobody else does


def test_concurrent_polls_share_one_read():
    clock, store = Clock(), FakeStore()
    cache = VersionCache(clock=clock)
    release, started = threading.Event(), threading.Event()

    def slow_read() -> int:
        v = store.version("AAAAAA")
        started.set()
        release.wait(30)
        return v

    results: list[int | None] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("A", slow_read)))
               for _ in range(8)]
    for th in threads:
        th.start()
    assert started.wait(30)  # the first read is out
    release.set()
    for th in threads:
        th.join(30)
    assert results == [1] * 8 and store.reads == 1


def test_stale_keys_go_past_the_limit():
    clock, store = Clock(), FakeStore()
    cache = VersionCache(clock=clock, max_keys=4)
    for i in range(4):
        cache.get(i, lambda: store.version("AAAAAA"))
    clock.t += TTL
    cache.get("new", lambda: store.version("AAAAAA"))  # the fifth: the four stale go
    assert store.reads == 5
    assert cache.get(0, lambda: store.version("AAAAAA")) == 1
    assert store.reads == 6  # read again: it had gone


def test_writes_through_the_store_clear_the_cache_reads_do_not():
    clock, store = Clock(), FakeStore()
    cache = VersionCache(clock=clock)
    s = WritesForget(store, cache)

    def poll() -> int | None:
        return cache.get("A", lambda: s.version("AAAAAA"))

    assert poll() == 1
    assert s.state("AAAAAA") == "state AAAAAA"
    assert poll() == 1 and store.reads == 1  # a read cleared nothing
    s.answer("AAAAAA")
    assert poll() == 2 and store.reads == 2  # this process's write: seen at once
    with pytest.raises(StoreError):
        s.reveal("AAAAAA")  # a write that failed may have done something: cleared too
    assert poll() == 2 and store.reads == 3
    assert s.claim(0.0) is None  # an empty queue changed nothing
    assert poll() == 2 and store.reads == 3
    store.queue.append(5)
    assert s.claim(0.0) == 5
    assert poll() == 2 and store.reads == 4
    assert s.v is store.v  # everything else is the store's own
