"""A run's timeline: checkpoints kept as it trains, to look back at any of them exactly and
to train on from one ("rewind").

A :class:`Timeline` is fed a trainer after its epochs (:meth:`Timeline.note`) and keeps
``Trainer.checkpoint()`` of it: the parameters, the optimiser's state, the batch order's
generator, the sanity-check bookkeeping, the early-stopping state, and the units switched
off (``MLP.unit_mask``). Which ones it keeps, so memory stays bounded:

- every epoch it sees up to ``dense`` (64), and every epoch up to ``dense`` it can
  rebuild exactly by training on from the one before (:meth:`reachable`: a frame of
  several epochs is noted once; the epochs inside it are replayed on demand and kept);
- past that, at most ``max_kept`` (200) checkpoints and at most ``max_bytes`` (8 MiB)
  of their arrays: when there are more, the one whose removal leaves the smallest gap
  relative to its epoch goes, which spaces them geometrically (a run of 10,000 epochs
  keeps about 200 checkpoints, ~64 of them the first epochs, the rest about 2.3% apart);
- epoch 0, the latest and every edited one (a weight typed, a unit switched) stay.

Memory per session (``bench``-free arithmetic, float32 parameters): TensorFlow
Playground's default network ([2, 4, 2, 1], 25 parameters, mini-batches of 10 from 250
points) costs about 3 KiB a checkpoint, mostly the batch order (250 int64), so 200 cost
~0.6 MiB; the largest TFP-sized network (6 layers of 8) ~6 KiB; a 10 x 64 network with
Adam ~0.6 MiB a checkpoint, so ``max_bytes`` keeps about a dozen of them.

:meth:`Timeline.view` restores a copy (the trainer itself untouched: what the page draws
while the slider moves); :meth:`Timeline.train_on_from` restores the trainer itself and
cuts the later history and checkpoints, so the run goes on from there exactly as it went
the first time (``tests/unit/test_timeline.py`` checks it bit for bit).
"""

from __future__ import annotations

import copy
import weakref

import numpy as np

from nncore.network import Grads

__all__ = ["Timeline", "DENSE", "MAX_KEPT", "MAX_BYTES", "MAX_REPLAY"]

#: every epoch up to this one is kept (or rebuilt exactly)
DENSE = 64
#: most checkpoints a timeline keeps
MAX_KEPT = 200
#: most bytes of arrays its checkpoints may hold
MAX_BYTES = 8 * 2**20
#: most epochs replayed to show an epoch that was not kept
MAX_REPLAY = 64


def _settings(trainer) -> tuple:
    """What training depends on besides the checkpoint: a replay is exact only under the
    same rate, regularisation and training tools."""
    opt, es = trainer.opt, trainer.early_stopping
    rate = trainer.base_lr if trainer.schedule is not None else opt.lr
    return (float(rate), float(opt.l1), float(opt.l2), tuple(trainer.dropout), trainer.clip,
            repr(trainer.schedule),
            None if es is None else (es.patience, es.min_delta, es.restore_best))


def _slim(grads, memo: dict):
    """The part of a step's gradients a checkpoint needs (dW and db, for the recorded
    gradient norms), copied once per Grads object (``memo`` by id)."""
    if grads is None:
        return None
    key = id(grads)
    hit = memo.get(key)
    if hit is None or hit[0]() is not grads:  # weak: the step's caches are not kept alive
        hit = memo[key] = (weakref.ref(grads),
                           Grads([w.copy() for w in grads.dW], [b.copy() for b in grads.db]))
    return hit[1]


def _nbytes(obj) -> int:
    """Bytes held by the arrays in a checkpoint (nested containers and Grads)."""
    if isinstance(obj, np.ndarray):
        return obj.nbytes
    if isinstance(obj, dict):
        return sum(_nbytes(v) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return sum(_nbytes(v) for v in obj)
    if isinstance(obj, Grads):
        return _nbytes(obj.dW) + _nbytes(obj.db)
    return 0


def set_mask(net, off) -> None:
    """Switch exactly the hidden units ``off`` ((l, j) pairs) off, every other on."""
    for l, j in net.units_off():
        net.set_unit(l, j, True)
    for l, j in off:
        net.set_unit(l, j, False)


class Timeline:
    """The kept checkpoints of one trainer's run (see the module's docstring).

    Parameters
    ----------
    dense, max_kept, max_bytes, max_replay : int
        See :data:`DENSE`, :data:`MAX_KEPT`, :data:`MAX_BYTES`, :data:`MAX_REPLAY`.
    """

    def __init__(self, dense: int = DENSE, max_kept: int = MAX_KEPT,
                 max_bytes: int = MAX_BYTES, max_replay: int = MAX_REPLAY) -> None:
        self.dense, self.max_kept = int(dense), int(max_kept)
        self.max_bytes, self.max_replay = int(max_bytes), int(max_replay)
        #: epoch -> {"ck": checkpoint, "off": units off, "settings", "edited", "bytes"}
        self.entries: dict[int, dict] = {}
        self._trainer = None  # a weak reference to the trainer noted
        self._memo: dict = {}  # id(Grads) -> (weak reference to it, its slim copy)

    # ------------------------------------------------------------------ keeping
    def follows(self, trainer) -> bool:
        """Whether this timeline is of ``trainer`` (not of a run since replaced)."""
        return self._trainer is not None and self._trainer() is trainer

    def clear(self) -> None:
        self.entries.clear()
        self._memo.clear()
        self._trainer = None

    def note(self, trainer, edited: bool = False) -> bool:
        """Keep a checkpoint of ``trainer`` at its epoch, if it is between epochs.

        A trainer other than the one noted so far (a restart) starts the timeline again;
        an epoch at or before the latest kept one (a reset, a divergence restored) drops
        the later ones. ``edited``: the state was changed by hand (a weight, a unit
        switched): it replaces this epoch's checkpoint and is never thinned. Returns
        whether a checkpoint was taken.
        """
        if not self.follows(trainer):
            self.clear()
            self._trainer = weakref.ref(trainer)
        if trainer.epoch_pos != 0 or trainer.diverged:
            return False
        e = trainer.epoch_count
        old = self.entries.get(e)
        if (old is not None and not edited and old["ck"]["step_count"] == trainer.step_count
                and old["settings"] == _settings(trainer)):
            return False
        for later in [k for k in self.entries if k > e]:
            del self.entries[later]
        self.entries[e] = self._entry(trainer, edited or bool(old and old["edited"]))
        self._thin()
        return True

    def _entry(self, trainer, edited: bool) -> dict:
        ck = trainer.checkpoint()
        ck["last_grads"] = _slim(ck["last_grads"], self._memo)
        sane, sane_epoch, sane_grads = ck["sane"]
        ck["sane"] = (sane, sane_epoch, _slim(sane_grads, self._memo))
        return {"ck": ck, "off": tuple(trainer.net.units_off()),
                "settings": _settings(trainer), "edited": edited, "bytes": _nbytes(ck)}

    def _thin(self) -> None:
        """Drop checkpoints until within ``max_kept`` and ``max_bytes`` (module doc)."""
        while len(self.entries) > 2 and (len(self.entries) > self.max_kept
                                         or self.nbytes() > self.max_bytes):
            es = sorted(self.entries)
            inner = [i for i in range(1, len(es) - 1) if not self.entries[es[i]]["edited"]]
            if not inner:
                return
            late = [i for i in inner if es[i] > self.dense] or inner
            i = min(late, key=lambda i: ((es[i + 1] - es[i - 1]) / es[i], es[i]))
            del self.entries[es[i]]
        live = {id(e["ck"]["last_grads"]) for e in self.entries.values()} | {
            id(e["ck"]["sane"][2]) for e in self.entries.values()}
        self._memo = {k: v for k, v in self._memo.items() if id(v[1]) in live}

    def nbytes(self) -> int:
        """Bytes of arrays held by the kept checkpoints."""
        return sum(e["bytes"] for e in self.entries.values())

    # ------------------------------------------------------------------ reading
    def epochs(self) -> list[int]:
        """The kept epochs, in order."""
        return sorted(self.entries)

    def latest(self) -> int | None:
        return max(self.entries) if self.entries else None

    def _below(self, epoch: int) -> int | None:
        below = [e for e in self.entries if e <= epoch]
        return max(below) if below else None

    def _replayable(self, epoch: int, settings: tuple) -> bool:
        """Whether ``epoch`` (not kept) is rebuilt exactly by training on from the kept
        one before it: within ``max_replay`` epochs, and the same settings at both ends and
        now (a rate changed in between is not in any checkpoint)."""
        e0 = self._below(epoch)
        after = [e for e in self.entries if e > epoch]
        if e0 is None or not after or epoch - e0 > self.max_replay:
            return False
        e1 = min(after)
        return (self.entries[e0]["settings"] == self.entries[e1]["settings"] == settings
                and self.entries[e0]["off"] == self.entries[e1]["off"])

    def reachable(self, trainer) -> list[int]:
        """The epochs :meth:`view` shows exactly: the kept ones and, up to ``dense``, the
        ones it can replay (see :meth:`_replayable`)."""
        kept = self.epochs()
        if not kept:
            return []
        now = _settings(trainer)
        extra = [e for e in range(min(self.dense, kept[-1]) + 1)
                 if e not in self.entries and self._replayable(e, now)]
        return sorted(kept + extra)

    def _restore(self, trainer, epoch: int) -> dict:
        """Load the checkpoint of ``epoch`` into ``trainer`` (replaying from the kept one
        before it when needed, and keeping what the replay passes); returns the epoch's
        checkpoint entry."""
        if epoch not in self.entries and not self._replayable(epoch, _settings(trainer)):
            raise ValueError(f"epoch {epoch} cannot be shown exactly; "
                             f"kept: {self.epochs()[:5]}..")
        e0 = self._below(epoch)
        entry = self.entries[e0]
        set_mask(trainer.net, entry["off"])
        trainer.load_checkpoint(entry["ck"])
        while trainer.epoch_count < epoch:
            if not trainer.epoch():
                raise ValueError(f"the replay from epoch {e0} stopped at "
                                 f"{trainer.epoch_count}")
            self.entries[trainer.epoch_count] = entry = self._entry(trainer, False)
        return entry

    def view(self, trainer, epoch: int):
        """A copy of ``trainer`` as it was at ``epoch`` (the trainer is not touched): its
        network, optimiser and generator restored, its history cut after ``epoch`` (and
        a row of ``epoch`` recorded when it had none)."""
        memo = {id(a): a for a in (trainer.X, trainer.T, trainer.y)}
        if trainer.has_test:
            memo.update({id(trainer.X_test): trainer.X_test, id(trainer.y_test): trainer.y_test})
        memo[id(trainer.history)] = {}
        memo[id(trainer.last_grads)] = trainer.last_grads  # read only: replaced, not written
        other = copy.deepcopy(trainer, memo)
        other.history = {k: list(v) for k, v in trainer.history.items()}
        self._restore(other, epoch)
        _cut(other, epoch)
        return other

    def train_on_from(self, trainer, epoch: int) -> None:
        """Go back to ``epoch`` for good: ``trainer`` restored there (as it was), its
        history and the timeline cut after it; training goes on exactly as it did."""
        entry = self._restore(trainer, epoch)
        for later in [k for k in self.entries if k > epoch]:
            del self.entries[later]
        if _cut(trainer, epoch):
            trainer.load_checkpoint(entry["ck"])  # record() touched its cached loss only


def _cut(trainer, epoch: int) -> bool:
    """History rows after ``epoch`` dropped; a row of ``epoch`` recorded if missing.
    Returns whether one was recorded."""
    h = trainer.history
    keep = sum(1 for e in h["epoch"] if e <= epoch)
    for values in h.values():
        del values[keep:]
    if keep and h["epoch"][-1] == epoch:
        return False
    trainer.record()
    return True
