"""One training run for every session that plays the same thing (a class on one link).

A teacher shares one link and the class presses Play: thirty sessions with the same
configuration and seed. One seed drives everything (``nncore.playground``), so their runs
are the same run, epoch for epoch. Training it thirty times over is what kept a server's
students at a few epochs a second each (issue 12). Here it is trained once per process:

* a :class:`SharedRun` is a private ``Playground`` of that configuration, trained only
  under its lock, and a list of its checkpoints (``Trainer.checkpoint``, one per frame
  it trained);
* a session *follows* a run while its own state is one of those checkpoints (same
  configuration and data, same epoch, step count and parameters, checked bit for bit on
  every frame). A frame then loads a later checkpoint into the session's own
  ``Playground`` (``Playground.follow``) instead of training: the session ends exactly
  where its own training would have, and records its history itself;
* how far a frame moves is what the session would have trained with its fair share of
  the server's training time (``FrameShare.share`` x the run's measured epochs per
  second: its *credit*); a session that reaches the front with credit to spare trains
  the run on, and the others catch up free. No session jumps further than it earned;
* every time is read from one injected clock (``RunShare(clock=...)``, default
  ``time.perf_counter``): the run's training time, hence its epochs per second and the
  credit, and when a run was last used. The same frames with the same clock readings
  give the same credit and checkpoints on any machine (tests pass a fake clock that
  they advance themselves);
* anything the user does to their session (a Step, a new learning rate, new data, Reset)
  changes its state, and the next frame finds it on no run: it trains its own session as
  before, which is always correct. Likewise when the next checkpoint it needs is gone
  (memory is bounded per run), and when a run diverges (the followers then meet the
  divergence on their own, at the same epoch).

No user data crosses sessions: a run holds only what its key (configuration and
generated data) determines, and a session copies from it, never the other way round.
Runs on uploaded or clicked points are not shared. Pure Python and NumPy, thread-safe;
the page keeps one :class:`RunShare` per process (``st.cache_resource``).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from nncore import playground as pgm

#: checkpoints a run keeps: about this many bytes (and at least MIN_SNAPS); a session
#: further behind than that trains on its own
RUN_BYTES = 2**20
MIN_SNAPS = 16
#: drawings kept per run: those of the latest MEMO_BACK checkpoints
MEMO_BACK = 8
#: runs kept per process, and seconds a run may go unused before it is dropped
MAX_RUNS = 8
IDLE = 120.0

T = TypeVar("T")


@dataclass
class Snap:
    """One checkpoint of a run: its epoch and step count and the trainer's state."""

    epoch: int
    steps: int
    ck: dict
    nbytes: int

    @classmethod
    def of(cls, pg: pgm.Playground) -> Snap:
        ck = pg.trainer.checkpoint()
        arrays = [ck["params"], ck["order"], ck["sane"][0], *(ck["opt_state"] or [])]
        # the gradients it refers to (two sets of parameters' size) and Python's objects
        nbytes = sum(a.nbytes for a in arrays) + 2 * ck["params"].nbytes + 4096
        return cls(pg.epoch, pg.trainer.step_count, ck, nbytes)

    def matches(self, pg: pgm.Playground) -> bool:
        """Whether ``pg``'s trainer is exactly at this checkpoint."""
        tr = pg.trainer
        return (tr.epoch_count == self.epoch and tr.step_count == self.steps
                and not tr.diverged
                and np.array_equal(tr.net.params, self.ck["params"]))


@dataclass
class SharedRun:
    """A run of one key: its own Playground and the checkpoints of its frames.

    ``snaps[i]`` is checkpoint number ``base + i``; number 0 (the seeded start) is
    ``start`` and always kept.
    """

    key: Hashable
    pg: pgm.Playground
    id: int
    clock: Callable[[], float] = time.perf_counter
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    start: Snap = field(init=False)
    snaps: list[Snap] = field(default_factory=list)
    base: int = 1
    train_s: float = 0.0
    train_epochs: int = 0
    used: float = 0.0
    born: float = 0.0
    seen: dict = field(default_factory=dict, repr=False)  # session -> its last frame here
    dead: bool = False
    memo: dict = field(default_factory=dict, repr=False)  # (checkpoint, what) -> drawing

    def __post_init__(self) -> None:
        self.start = Snap.of(self.pg)
        self.used = self.born = self.clock()

    def get(self, n: int) -> Snap | None:
        """Checkpoint number ``n`` if kept."""
        if n == 0:
            return self.start
        i = n - self.base
        return self.snaps[i] if 0 <= i < len(self.snaps) else None

    @property
    def last(self) -> int:
        """Number of the latest checkpoint."""
        return self.base + len(self.snaps) - 1 if self.snaps else 0

    def epochs_per_second(self) -> float:
        """Epochs per second this run has trained so far (a guess before its first
        frame), on :attr:`clock`. In the app that is wall time, like a session's own
        frame budget (``Playground.frame``): on a busy server it includes the waits for
        the GIL, so the share stays a share of the frames' time."""
        return self.train_epochs / self.train_s if self.train_s > 0 else 300.0

    def train(self, budget: float, max_epochs: int | None = None) -> None:
        """Train one frame of ``budget`` seconds (at most ``max_epochs``) and keep its
        checkpoint (under ``lock``). Its time is measured on :attr:`clock`."""
        t0 = self.clock()
        done = self.pg.frame(budget, max_epochs, clock=self.clock)
        self.train_s += self.clock() - t0
        self.train_epochs += done
        if self.pg.diverged:
            self.dead = True  # followers meet the divergence in their own sessions
            return
        self.snaps.append(Snap.of(self.pg))
        keep = max(MIN_SNAPS, RUN_BYTES // max(1, self.snaps[-1].nbytes))
        if len(self.snaps) > keep:
            cut = len(self.snaps) - keep
            del self.snaps[:cut]
            self.base += cut


def run_key(pg: pgm.Playground) -> Hashable | None:
    """What makes two sessions' runs the same run: the configuration (seed included) on
    generated data. None (never shared) for uploaded or added points, and for a run with
    early stopping: a session that presses Play after the stop goes on from its own best
    weights, which the run's checkpoints (stopped there) cannot give it."""
    if pg.given is not None or pg.added or pg.config.patience:
        return None
    return pg.config


class RunShare:
    """The process's shared runs. :meth:`advance` is one frame of a playing session.

    Parameters
    ----------
    clock : callable
        Seconds, read for the runs' training time (their epochs per second, hence every
        session's credit) and for when a run was last used; ``time.perf_counter`` in the
        app, a fake one in tests.
    make : callable, optional
        Makes a run's own Playground from a configuration (default ``Playground``).
    """

    def __init__(self, clock: Callable[[], float] = time.perf_counter,
                 make: Callable[[pgm.Config], pgm.Playground] | None = None) -> None:
        self.clock = clock
        self._make = make or pgm.Playground
        self._runs: dict[int, SharedRun] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        #: how frames went: "trained" (at the front), "followed", "wait", and why a
        #: session was on no run ("own data", "on no run", "next gone", ...)
        self.counts: Counter[str] = Counter()

    # ---- which run a session is on

    def _drop_idle(self, now: float) -> None:
        for rid, run in list(self._runs.items()):
            if run.dead or now - run.used > IDLE:
                del self._runs[rid]
        while len(self._runs) > MAX_RUNS:  # the least recently used go first
            del self._runs[min(self._runs, key=lambda r: self._runs[r].used)]

    def _locate(self, pg: pgm.Playground, key: Hashable, marker) -> tuple[SharedRun, int] | None:
        """The run and checkpoint number ``pg`` is exactly at, if any (``_lock`` held)."""
        if marker is not None:
            run = self._runs.get(marker[0])
            snap = run.get(marker[1]) if run is not None and run.key == key else None
            if snap is not None and snap.matches(pg):
                return run, marker[1]
        if pg.epoch != 0:
            return None
        # a session at its seeded start joins a run of its key that still keeps the
        # checkpoints after the start, or a new one
        for run in self._runs.values():
            if run.key == key and run.base == 1 and run.start.matches(pg):
                return run, 0
        run = SharedRun(key, self._make(pg.config), next(self._ids), self.clock)
        if not run.start.matches(pg):  # not the same start after all: not shared
            return None
        self._runs[run.id] = run
        return run, 0

    # ---- one frame

    def advance(self, pg: pgm.Playground, marker, earn: float,
                budget: float | None = None, who: Hashable | None = None) -> tuple | None:
        """Move ``pg`` on by one frame along its shared run.

        Parameters
        ----------
        pg : Playground
            The session's own; changed in place (``Playground.follow``).
        marker : (run id, checkpoint number, credit) or None
            What the last call returned for this session.
        earn : float
            The session's fair share of training seconds for this frame: it moves on as
            far as that much training would take it.
        budget : float, optional
            Seconds it may train the run this frame if it is at the front (default
            ``earn``; less when the frame has little time left).
        who : hashable, optional
            The session's name: the run notes when each session moved along it
            (:meth:`alone`).

        Returns
        -------
        The new marker, or None when ``pg`` is on no run (or the run cannot take it on):
        the caller then trains ``pg`` itself, and nothing was changed.

        A session earns ``earn x`` the run's epochs per second each frame (its
        *credit*) and moves to the furthest checkpoint its credit reaches; reaching the
        front with credit to spare, it trains the run on (for at most ``budget``) and
        moves there. A session whose credit does not reach the next checkpoint yet
        waits a frame (no jump bigger than what it earned), and one whose next
        checkpoint is no longer kept trains on its own.
        """
        key = run_key(pg)
        if key is None or pg.diverged:
            self.counts["own data" if key is None else "diverged"] += 1
            return None
        now = self.clock()
        with self._lock:
            self._drop_idle(now)
            found = self._locate(pg, key, marker)
        if found is None:
            self.counts["on no run"] += 1
            return None
        run, n = found
        credit = marker[2] if marker is not None and marker[:2] == (run.id, n) else 0.0
        with run.lock:
            if run.dead:
                self.counts["run diverged"] += 1
                return None
            run.used = now
            if who is not None:
                run.seen[who] = now
            here = run.get(n)
            ahead = earn * run.epochs_per_second()
            credit = min(credit + ahead, 2 * ahead + 1)  # no hoarding while waiting
            if n != run.last and run.get(n + 1) is None:
                self.counts["next gone"] += 1
                return None  # the checkpoint after this one is gone
            best = n  # the furthest checkpoint its credit reaches
            for m in range(n + 1, run.last + 1):
                if run.get(m).epoch - here.epoch > credit:
                    break
                best = m
            left = credit - (run.get(best).epoch - here.epoch)
            if best == run.last and left >= 1:
                # at the front with credit to spare: it trains the run on for everyone
                seconds = left / run.epochs_per_second()
                run.train(seconds if budget is None else min(seconds, budget), int(left))
                self.counts["trained"] += 1
                if run.dead:
                    self.counts["run diverged"] += 1
                    return None
                best = run.last
            elif best == n:
                self.counts["wait"] += 1
                return run.id, n, credit  # not earned yet: wait a frame
            else:
                self.counts["followed"] += 1
            snap = run.get(best)
            ck = snap.ck
        pg.follow(ck)
        return run.id, best, max(0.0, credit - (snap.epoch - here.epoch))

    def memo(self, pg: pgm.Playground, marker, what: Hashable, make: Callable[[], T]) -> T:
        """``make()``, drawn once for every session at the same checkpoint of a run.

        ``what`` names the drawing and everything besides the network's state that it
        depends on (options, language). Computed afresh, and not kept, unless ``pg`` is
        exactly at checkpoint ``marker`` of a kept run (a session that changed anything
        since, or that trains on its own, draws its own).
        """
        if marker is None:
            return make()
        with self._lock:
            run = self._runs.get(marker[0])
        if run is None:
            return make()
        key = (marker[1], what)
        with run.lock:
            snap = run.get(marker[1])
            if snap is None or not snap.matches(pg):
                return make()
            if key in run.memo:
                return run.memo[key]
        value = make()
        with run.lock:
            run.memo[key] = value
            old = run.last - MEMO_BACK
            for k in [k for k in run.memo if k[0] < old]:
                del run.memo[k]
        return value

    def alone(self, marker, who: Hashable, after: float) -> bool:
        """Whether session ``who`` has been alone on the run of ``marker`` for ``after``
        seconds: the run is that old and no other session moved along it meanwhile. A run
        of one saves nothing (issue 28): the session may as well train on its own."""
        if marker is None:
            return False
        now = self.clock()
        with self._lock:
            run = self._runs.get(marker[0])
        if run is None:
            return False
        with run.lock:
            if now - run.born < after:
                return False
            return not any(t >= now - after for s, t in run.seen.items() if s != who)

    def runs(self) -> int:
        """How many runs are kept."""
        with self._lock:
            return len(self._runs)
