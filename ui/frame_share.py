"""How much training each live frame gets when many students play on one server.

One Streamlit process is one GIL: about one core for all its sessions. A classroom of
students pressing Play together asks for more frames than that core can draw, so the
server's time is shared out explicitly instead of by whoever grabs the GIL:

* a fixed share of the process (``train_fraction``) goes to training, split equally
  between the sessions that are playing (fair: each gets the same training time per
  second, whatever its frame rate);
* the rest goes to drawing, which is what students see; a session never trains less
  than ``floor`` per frame (no starvation: ``Playground.frame`` also trains at least one
  epoch), and never more than ``session_cap`` of a core on an idle server (one student
  must not keep a core busy);
* sessions that follow one shared run (``ui.run_share``: a class on one link) train
  once between them, so they count as one trainer in that split: the run gets the
  share of one session times the number following it, within ``train_fraction``, and
  each of them moves on as fast as that run trains;
* a session that stops asking (paused, closed tab) drops out after ``window`` seconds,
  so it costs nothing and its share goes to the others;
* at most ``concurrent`` frames compute at once (:meth:`FrameShare.turn`): the others
  wait their turn without holding the GIL. Python work of many threads at once only
  slows each other down, and starves the server's event loop, which must also get the
  GIL to send the frames; past a dozen students throughput then fell instead of
  levelling off;
* a click outranks a frame (issue 28): a page run that a user's click started is marked
  (:meth:`FrameShare.click_begins` .. :meth:`FrameShare.click_ends`, at most
  ``click_hold`` seconds) and takes no turn (``turn(urgent=True)``); while one is in
  progress no other frame starts (:meth:`FrameShare.clicking`), and the process's
  training thread starts no slice (``ui.class_train``), so the click's run has the
  process to itself and is answered within a second however many students play;
* training first: while the training thread is short of its share of the process's CPU
  (``turn(hold=ClassTrainer.behind)``), a frame waits a moment (at most HOLD_AT_MOST)
  before its turn, so a process that gets less than a core loses redraws, not training.

Pure Python and thread-safe (every session's script thread calls it); the page keeps one
instance per process with ``st.cache_resource``, the one kind of state sessions may share.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

#: seconds a frame waits at most while training is short of its share, and between looks
HOLD_AT_MOST = 0.25
HOLD_POLL = 0.02


@dataclass
class FrameShare:
    """Training seconds per frame for each playing session.

    Parameters
    ----------
    train_fraction : float
        Share of one core that training may take when the server is saturated.
    session_cap : float
        Most of one core a single session trains for (the idle-server case).
    floor, ceiling : float
        Seconds of training per frame, at least and at most.
    window : float
        Seconds over which frames are counted; a session without a frame for that long
        is no longer playing.
    concurrent : int
        Frames computing at once (see :meth:`turn`).
    clock : callable
        Seconds, read for every frame and page run (the window, the frame rates, the
        shares, a click's hold): ``time.perf_counter`` in the app; tests pass a fake one
        that they advance themselves, so that the same frames give the same shares on
        any machine. ``ui.mlp.live`` reads the process's time from it too.
    click_hold : float
        Seconds a click's run keeps its priority at most (should its end never be
        marked: a run stopped by a newer one).
    """

    train_fraction: float = 0.35
    session_cap: float = 0.15
    floor: float = 0.002
    ceiling: float = 0.03
    window: float = 1.5
    concurrent: int = 1
    clock: Callable[[], float] = time.perf_counter
    click_hold: float = 2.0
    _frames: dict[str, deque] = field(default_factory=dict, init=False, repr=False)
    _groups: dict[str, object] = field(default_factory=dict, init=False, repr=False)
    _seen: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _clicks: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _gate: threading.Condition = field(default_factory=threading.Condition, init=False,
                                       repr=False)
    _running: int = field(default=0, init=False, repr=False)

    @contextlib.contextmanager
    def turn(self, timeout: float = 5.0, urgent: bool = False,
             hold: Callable[[], bool] | None = None,
             hold_at_most: float = HOLD_AT_MOST) -> Iterator[bool]:
        """Compute a frame in turn: waits (no GIL held) while ``concurrent`` others do,
        or while a click's run is in progress (:meth:`clicking`).

        Yields whether the turn was had; after ``timeout`` seconds the frame goes ahead
        anyway (False), so a stuck frame can never stop the others for long. (A safety
        net on a thread's wait, in real seconds: no share depends on it.) ``urgent``: a
        click's run, which waits for nobody (yields True at once, and takes no turn).
        ``hold``: while it says so (training is short of its share,
        ``ClassTrainer.behind``), the frame waits too, at most ``hold_at_most`` seconds.
        """
        if urgent:
            yield True
            return
        if hold is not None:
            end = time.monotonic() + hold_at_most
            while hold() and time.monotonic() < end:
                time.sleep(HOLD_POLL)  # the GIL released: the training thread runs
        got = self._enter(timeout)
        try:
            yield got
        finally:
            if got:
                with self._gate:
                    self._running -= 1
                    self._gate.notify()

    def _enter(self, timeout: float) -> bool:
        end = time.monotonic() + timeout
        with self._gate:
            while self._running >= self.concurrent or self.clicking():
                left = end - time.monotonic()
                if left <= 0:
                    return False
                # a click's hold may also run out on the clock: then look again now and
                # then; otherwise a turn given back or a click's end wakes it
                with self._lock:
                    held = bool(self._clicks)
                self._gate.wait(min(left, 0.05) if held else left)
            self._running += 1
            return True

    def click_begins(self, session_id: str) -> None:
        """A run that a click of ``session_id`` started is in progress (until
        :meth:`click_ends`, or ``click_hold`` seconds)."""
        with self._lock:
            self._clicks[session_id] = self.clock() + self.click_hold

    def click_ends(self, session_id: str) -> None:
        """That run has ended: frames and training go on."""
        with self._lock:
            self._clicks.pop(session_id, None)
        with self._gate:
            self._gate.notify_all()

    def clicking(self) -> bool:
        """Whether a click's run is in progress on this process."""
        now = self.clock()
        with self._lock:
            for sid in [s for s, t in self._clicks.items() if t <= now]:
                del self._clicks[sid]
            return bool(self._clicks)

    def _forget_old(self, now: float) -> None:
        for sid in list(self._frames):
            frames = self._frames[sid]
            while frames and frames[0] < now - self.window:
                frames.popleft()
            if not frames:
                del self._frames[sid]
                self._groups.pop(sid, None)

    def budget(self, session_id: str, group: object = None) -> float:
        """Record a frame of ``session_id`` now; return its training seconds.

        ``group``: the shared run the session follows (any hashable; None: it trains
        its own session).
        """
        return min(self.ceiling, max(self.floor, self.share(session_id, group)))

    def share(self, session_id: str, group: object = None) -> float:
        """Record a frame of ``session_id`` now; return its fair training seconds for
        this frame, its share per second over its frame rate, without ``floor`` and
        ``ceiling`` (what a session following a shared run may move on by)."""
        now = self.clock()
        with self._lock:
            self._frames.setdefault(session_id, deque()).append(now)
            if group is None:
                self._groups.pop(session_id, None)
            else:
                self._groups[session_id] = group
            self._forget_old(now)
            trainers = [self._groups.get(sid, sid) for sid in self._frames]
            playing = len(set(trainers))
            members = trainers.count(self._groups.get(session_id, session_id))
            frames = self._frames[session_id]
            # frames per second of this session: intervals between its frames in the window
            # (a first frame is taken as one per window, its ceiling bounds it)
            span = now - frames[0]
            rate = (len(frames) - 1) / span if span > 0 else None
        cap = min(self.train_fraction, self.session_cap * members)
        per_second = min(cap, self.train_fraction / playing)
        if rate is None:  # a first frame: its rate is not known yet, no more than a ceiling
            return min(self.ceiling, per_second * self.window)
        return per_second / rate

    def seen(self, session_id: str) -> None:
        """Note that ``session_id`` has the page open now (a page run, a frame)."""
        with self._lock:
            self._seen[session_id] = self.clock()

    def present(self, window: float = 30.0) -> int:
        """How many sessions had the page open within the last ``window`` seconds: a
        class that opened the link before pressing Play, not only those playing."""
        now = self.clock()
        with self._lock:
            for sid in [s for s, t in self._seen.items() if t < now - window]:
                del self._seen[sid]
            return len(self._seen.keys() | self._frames.keys())

    def playing(self) -> int:
        """How many sessions asked for a frame within the last ``window`` seconds."""
        with self._lock:
            self._forget_old(self.clock())
            return len(self._frames)

    def trainers(self) -> int:
        """How many trainers share the training time now: sessions that asked for a
        frame within the last ``window`` seconds, those on one shared run counted once."""
        with self._lock:
            self._forget_old(self.clock())
            return len({self._groups.get(sid, sid) for sid in self._frames})
