"""One trainer per process: every playing session's network, trained in one thread.

Issue 28: when each live frame trained its own session, a class of thirty on their own
seeds got 2 epochs/s each, because most of the process went to the frames' fixed cost
(the fragment run, the pictures, the messages), and a student's click waited behind the
others' frames. Here training leaves the frames:

* a session that plays on its own (not on a shared run, ``ui.run_share``) is a *member*
  of the process's :class:`ClassTrainer`, registered by each of its frames
  (:meth:`ClassTrainer.play`) and dropped when they stop coming for ``window`` seconds
  (a closed tab) or when it pauses (:meth:`ClassTrainer.stop`); its frames only draw;
* one background thread trains the members, a *slice* at a time (about ``slice_s``
  seconds of work): members whose networks have the same shape
  (``nncore.cohort.group_key``) as one NumPy step over stacked parameters
  (``nncore.cohort.epochs``), the others alone (``Playground.frame``). Every member's run
  is the run it would have had alone, bit for bit (``tests/unit/test_class_train.py``);
* fair per student, in time: each member earns ``rate`` seconds of training per second
  (its *credit*: ``session_cap`` on a quiet process, ``train_fraction / members`` on a
  saturated one), and a slice's cost (the thread's CPU time) is charged to its members in
  equal parts. So a student's training time does not depend on whether their settings
  match someone else's; a group's members only get more epochs for it. A member never
  holds more than ``max_credit`` (no hoarding) and joins with none;
* a duty cycle: the credits add up to at most ``train_fraction`` of a core, so on a
  saturated process the rest is left to drawing and to the event loop that sends the
  frames; when no member has credit the thread sleeps until one has;
* a click outranks training: while ``yield_to()`` is true (a page run started by a click
  is in progress, ``ui.frame_share.Priority``) the thread starts no slice;
* a member is trained only under its session's lock (``ui.mlp.actions.lock``), taken
  without waiting (a member whose frame is drawing waits for the next slice), so a frame
  copying it under the same lock sees a consistent state;
* a slice records nothing: the member's next frame records the epochs trained since its
  last (:meth:`ClassTrainer.take`, then ``Playground.after_epochs``), so a run is
  recorded once per frame, as when each frame trained its own epochs
  (``Playground.frame``: epochs, then one record). Recording costs two forward passes;
  once per slice it took two fifths of the thread's time.

Every time is read from injected clocks (``clock``: the wall, for credit and the window;
``cost_clock``: the training thread's CPU time, for charges), and :meth:`step` is one
decision of the thread, so tests drive the scheduler on fake clocks without a thread.
Pure Python and NumPy, thread-safe; the MLP page keeps one per process
(``ui.mlp.live.class_trainer``, ``st.cache_resource``). No user data crosses sessions: a
member's Playground is only ever trained, never read by another.
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from nncore import cohort
from nncore import playground as pgm

__all__ = ["ClassTrainer", "Member", "train_together", "unit_key"]

_LOG = logging.getLogger(__name__)

#: seconds of training per slice of a group (a slice of one member: ALONE_SLICE of it)
SLICE = 0.025
ALONE_SLICE = 0.4
#: most seconds of training a member may hold (a few slices)
MAX_CREDIT = 0.03
#: seconds the thread waits between looks while a click is answered
YIELD_WAIT = 0.003
#: seconds per epoch assumed for a unit not yet measured (the default net: about 2 ms)
FIRST_GUESS = 0.002
#: most (shape, group size) costs per epoch remembered
MAX_COSTS = 256


def name_os_thread(name: bytes) -> None:
    """Give the calling thread ``name`` in the operating system too (Linux: its
    ``/proc/<pid>/task/<tid>/comm``), so a benchmark can read the training thread's CPU
    (``bench.bench_classroom``); elsewhere nothing happens."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None).prctl(15, name[:15], 0, 0, 0)  # PR_SET_NAME


def unit_key(pg: pgm.Playground, sid: str) -> Hashable:
    """What a member must share with others to be trained in one step with them: its
    trainer's ``cohort.group_key``, or its own name when it trains alone (a shape no
    group step computes, a diverged run, a trainer inside an epoch)."""
    tr = pg.trainer
    key = None if tr.diverged or tr.epoch_pos else cohort.group_key(tr)
    return ("alone", sid) if key is None else key


def train_together(pgs: Sequence[pgm.Playground], k: int) -> list[int]:
    """Train each of ``pgs`` by ``k`` epochs (``Trainer.epoch``), same-shape ones in one
    step (``nncore.cohort.epochs``); nothing recorded (the next frame does, see
    :meth:`ClassTrainer.take`). Returns the epochs done per playground."""
    return cohort.epochs([pg.trainer for pg in pgs], k)


@dataclass(eq=False)
class Member:
    """A playing session the trainer trains: its playground, its session's lock, when
    its last frame came (``seen``), the training seconds it may still take (``credit``)
    and has been charged (``used``), and the epochs trained for it."""

    sid: str
    pg: pgm.Playground
    lock: threading.Lock
    seen: float
    credit: float = 0.0
    used: float = 0.0
    epochs: int = 0
    slices: int = 0
    pending: int = 0  # epochs trained since the last record


@dataclass
class ClassTrainer:
    """The process's training thread and its fair schedule (see the module doc).

    Parameters
    ----------
    clock : callable
        Wall seconds: credit is earned and the window counted on it.
    cost_clock : callable
        Seconds a slice costs: the training thread's CPU time in the app (waits for the
        GIL are not charged to anyone), a fake one in tests.
    train_fraction : float
        Share of one core all members together may train for.
    session_cap : float
        Share of one core a single member may train for (a quiet process).
    window : float
        Seconds without a frame after which a member is dropped.
    slice_s : float
        Seconds of training per slice.
    max_credit : float
        Most seconds of credit a member may hold.
    yield_to : callable
        True while a click's run is in progress: no slice starts.
    trainers : callable, optional
        How many trainers share ``train_fraction`` (the members and the shared runs of
        ``ui.run_share``, ``FrameShare.trainers``); default: the members alone.
    train : callable
        ``train(playgrounds, k) -> epochs done each`` (:func:`train_together`).
    process_clock : callable
        The process's CPU seconds (all threads): :meth:`behind` compares training's
        part of it with ``train_fraction``.
    """

    clock: Callable[[], float] = time.perf_counter
    cost_clock: Callable[[], float] = time.thread_time
    train_fraction: float = 0.6
    session_cap: float = 0.15
    window: float = 6.0
    slice_s: float = SLICE
    max_credit: float = MAX_CREDIT
    yield_to: Callable[[], bool] = lambda: False
    trainers: Callable[[], int] | None = None
    train: Callable[[Sequence[pgm.Playground], int], list[int]] = train_together
    process_clock: Callable[[], float] = time.process_time
    counts: Counter = field(default_factory=Counter, init=False, repr=False)
    _members: dict[str, Member] = field(default_factory=dict, init=False, repr=False)
    _cond: threading.Condition = field(default_factory=threading.Condition, init=False,
                                       repr=False)
    _cost: dict = field(default_factory=dict, init=False, repr=False)
    _accrued: float | None = field(default=None, init=False, repr=False)
    _thread: threading.Thread | None = field(default=None, init=False, repr=False)
    _spent: float = field(default=0.0, init=False, repr=False)  # training CPU, all slices
    _look: tuple | None = field(default=None, init=False, repr=False)
    _behind: bool = field(default=False, init=False, repr=False)

    # ---------------------------------------------------------------- membership
    def play(self, sid: str, pg: pgm.Playground, lock: threading.Lock) -> None:
        """A frame of session ``sid``, which plays ``pg`` on its own: (re)join now."""
        with self._cond:
            now = self.clock()
            self._accrue(now)
            m = self._members.get(sid)
            if m is None or m.pg is not pg or m.lock is not lock:
                self._members[sid] = Member(sid, pg, lock, now)
                self.counts["joined"] += 1
            else:
                m.seen = now
            self._cond.notify()

    def stop(self, sid: str) -> int:
        """Session ``sid`` paused (or follows a shared run): trained no more. Returns
        the epochs trained since its last record (see :meth:`take`; call under the
        session's lock)."""
        with self._cond:
            m = self._members.pop(sid, None)
            if m is None:
                return 0
            self.counts["left"] += 1
            return m.pending

    def take(self, sid: str) -> int:
        """The epochs trained for session ``sid`` since the last call (0 if none, or not a
        member): its frame, holding the session's lock, records them
        (``Playground.after_epochs``), as a frame that trained them would."""
        with self._cond:
            m = self._members.get(sid)
            if m is None:
                return 0
            n, m.pending = m.pending, 0
            return n

    def has(self, sid: str) -> bool:
        """Whether session ``sid`` is trained here."""
        with self._cond:
            return sid in self._members

    def playing(self) -> int:
        """How many members are trained now."""
        with self._cond:
            self._forget(self.clock())
            return len(self._members)

    def member(self, sid: str) -> Member | None:
        """Session ``sid``'s member record (its credit, charges and epochs), if any."""
        with self._cond:
            return self._members.get(sid)

    # ---------------------------------------------------------------- schedule
    def rate(self, n: int | None = None) -> float:
        """Seconds of training each of ``n`` members earns per second."""
        if n is None:
            n = len(self._members)
            if n and self.trainers is not None:
                n = max(n, self.trainers())
        return min(self.session_cap, self.train_fraction / n) if n else 0.0

    def _forget(self, now: float) -> None:
        for sid in [s for s, m in self._members.items() if now - m.seen > self.window]:
            del self._members[sid]
            self.counts["dropped"] += 1

    def _accrue(self, now: float) -> None:
        """Credit earned by every member since the last look (``_cond`` held)."""
        if self._accrued is not None and now > self._accrued:
            earn = self.rate() * (now - self._accrued)
            for m in self._members.values():
                m.credit = min(self.max_credit, m.credit + earn)
        self._accrued = now

    def _epochs_for(self, key: Hashable, n: int) -> int:
        """Epochs of a slice of ``n`` members of ``key``: about ``slice_s`` of work for a
        group (its per-call cost is spread over more epochs), ALONE_SLICE of it for one
        member (its frame may wait for the slice to copy it: ``ui.mlp.live.still``)."""
        per_epoch = self._cost.get((key, n)) or self._cost.get((key, 1), FIRST_GUESS) * n
        per_epoch = max(per_epoch, 1e-6)
        target = self.slice_s if n > 1 else ALONE_SLICE * self.slice_s
        return max(1, int(target / per_epoch))

    def step(self) -> float:
        """One decision of the training thread: train one unit for one slice.

        Returns 0 after a slice, else the seconds until there may be work (a member
        earns credit, a click's run ends; ``math.inf``: no member at all).
        """
        with self._cond:
            now = self.clock()
            self._forget(now)
            self._accrue(now)
            if not self._members:
                return math.inf
            if self.yield_to():
                self.counts["yielded"] += 1
                return YIELD_WAIT
            ready = [m for m in self._members.values() if m.credit > 0 and not m.pg.diverged]
            if not ready:
                rate = self.rate()
                owed = min(-m.credit for m in self._members.values())
                return max(owed / rate, 1e-3) if rate > 0 else self.window
            units: dict[Hashable, list[Member]] = {}
            for m in ready:
                units.setdefault(unit_key(m.pg, m.sid), []).append(m)
            key = max(units, key=lambda u: max(m.credit for m in units[u]))
            # the unit's members a little in debt come along: a group stays one group
            # (each pays its part, so a debt stays within a slice and max_credit)
            unit = [m for m in self._members.values() if not m.pg.diverged
                    and m.credit > -self.max_credit and unit_key(m.pg, m.sid) == key]
        got = [m for m in unit if m.lock.acquire(blocking=False)]
        if not got:
            self.counts["busy"] += 1
            return YIELD_WAIT
        try:
            k = self._epochs_for(key, len(got))
            c0 = self.cost_clock()
            try:
                done = self.train([m.pg for m in got], k)
            except Exception:
                with self._cond:  # trained no more: its frames go on drawing
                    for m in got:
                        self._members.pop(m.sid, None)
                raise
            cost = max(0.0, self.cost_clock() - c0)
            with self._cond:  # still under the members' locks: a frame sees the epochs
                share = cost / len(got)
                for m, n in zip(got, done, strict=True):
                    m.credit -= share
                    m.used += share
                    m.epochs += n
                    m.pending += n
                    m.slices += 1
                if len(self._cost) > MAX_COSTS:  # shapes of long ago: keep it small
                    self._cost.clear()
                self._cost[(key, len(got))] = cost / k
                self._spent += cost
                self.counts["slices"] += 1
                self.counts["grouped" if len(got) > 1 else "alone"] += 1
        finally:
            for m in got:
                m.lock.release()
        return 0.0

    def behind(self, every: float = 0.5) -> bool:
        """Whether training is short of its share: over the last ``every`` seconds (on
        ``clock``) it took less than 0.9 x what it may take (``train_fraction`` of the
        process's CPU, ``process_clock``, and no more than its members' rates), while a
        member's credit piled up (half of ``max_credit``: the thread could not spend
        it). The frames then hold back a little (``FrameShare.turn(hold=...)``): on a
        process that gets less than a core, what students lose first is redraws, not
        training."""
        with self._cond:
            now, cpu = self.clock(), self.process_clock()
            if self._look is None:
                self._look = (now, cpu, self._spent)
            elif now - self._look[0] >= every:
                t0, cpu0, spent0 = self._look
                self._accrue(now)
                may = min(self.train_fraction * (cpu - cpu0),
                          len(self._members) * self.rate() * (now - t0))
                piled = any(m.credit >= self.max_credit / 2 for m in self._members.values())
                self._behind = piled and self._spent - spent0 < 0.9 * may
                self._look = (now, cpu, self._spent)
            return self._behind and bool(self._members)

    # ---------------------------------------------------------------- the thread
    def start(self) -> None:
        """Start the training thread (once; a daemon: it never holds the process up)."""
        with self._cond:
            if self._thread is not None and self._thread.is_alive():
                return
            self._thread = threading.Thread(target=self._loop, name="class-trainer",
                                            daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        name_os_thread(b"class-trainer")
        while True:
            try:
                wait = self.step()
            except Exception:  # noqa: BLE001 - a bad member must not stop the class
                _LOG.exception("class trainer: a slice failed")
                wait = 0.05
            if wait > 0:
                with self._cond:
                    self._cond.wait(min(wait, 1.0))
            else:
                time.sleep(0)  # hand the GIL to a waiting frame or the event loop
