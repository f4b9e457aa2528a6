"""Scoring class-challenge entries: never on a student's word.

A student submits their MLP run (``submission``: its link, for opening, and the run's
configuration, for retraining, with the epochs it has trained). A per-process background
worker (:func:`worker`, one thread per process through ``st.cache_resource``) claims queued
entries from the store (``Store.claim``, atomic across replicas), rebuilds the run's
``nncore.playground.Config`` (``nncore.export.config_from_json``: strictly checked), checks
the challenge's constraints (dataset, noise, hidden neurons), retrains it from its seed for
the submitted epochs (capped by the challenge) and records the test accuracy
(``Store.score``). Runs are deterministic for a seed, so the result is the one the student
saw after that many epochs, on any replica.

Why the configuration travels with the link and is not read back from it: class mode is
shared by every page (the frame draws it), so it imports no page package, and reading a
link is the MLP page's settings table. The configuration is taken from the session's own
run on the server (``mlp_pg.config``), never from the browser, and checked again here.

Low priority: after each epoch the worker sleeps as long as the epoch took (``share``
0.5: at most half a core), so a burst of submissions never stalls the students who are
playing; the clock and the sleep are injected. Tests score synchronously with :func:`drain`.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

import streamlit as st

from nncore import data, export
from nncore import playground as pgm
from ui.classroom import connect
from ui.classroom.store import Challenge, Entry, Store, StoreError
from ui.classroom.view import RUN_MARK, split

log = logging.getLogger(__name__)

#: the environment setting that turns the background worker off ("off"; tests drain)
WORKER_SETTING = "NNPG_CLASS_SCORER"
#: seconds the idle worker waits for a wake-up before it looks at the store again
#: (entries submitted in another replica whose worker is busy or gone)
IDLE = 5.0
#: refusal reasons (``Entry.message``): the page shows ``class.refused.<reason>``
REASONS = ("config", "dataset", "noise", "neurons", "kind", "diverged")


def submission(link: str, config: pgm.Config) -> str:
    """The text an entry stores: the run's link, then its configuration as compact JSON
    (after :data:`RUN_MARK`, URL-quoted: the browser never sees it)."""
    body = json.dumps(json.loads(export.config_json(config)), separators=(",", ":"))
    return link + RUN_MARK + quote(body, safe="")


def neurons(config: pgm.Config) -> int:
    """Hidden neurons of a run: the sum of its hidden layers' widths."""
    return int(sum(config.layers))


def refusal(config: pgm.Config, ch: Challenge) -> str | None:
    """Why ``config`` does not meet challenge ``ch`` (a :data:`REASONS` word), or None."""
    if data.kind(config.dataset) == "regression":
        return "kind"
    if config.dataset != ch.dataset:
        return "dataset"
    if abs(config.noise - ch.noise) > 1e-9:
        return "noise"
    if neurons(config) > ch.max_neurons:
        return "neurons"
    return None


@dataclass(frozen=True)
class Result:
    """A scored run: test accuracy (0..1), hidden neurons, epochs trained."""

    test_acc: float
    neurons: int
    epochs: int


def retrain(config: pgm.Config, epochs: int, sleep: Callable[[float], None] = time.sleep,
            clock: Callable[[], float] = time.perf_counter, share: float = 0.5) -> Result | None:
    """Train ``config`` from its seed for ``epochs`` epochs; None if it diverges.

    After each epoch, sleep so that training takes at most ``share`` of the time (the
    epoch's own time times ``(1 - share) / share``): a low-priority job.
    """
    pg = pgm.Playground(config)
    done = 0
    rest = (1.0 - share) / share
    while done < epochs:
        t0 = clock()
        if not pg.trainer.epoch():
            return None
        done += 1
        sleep(max(0.0, (clock() - t0) * rest))
    pg.after_epochs(done)
    if pg.diverged:
        return None
    return Result(float(pg.metrics()["test_metric"]), neurons(config), done)


def score_one(store: Store, entry: Entry, now: Callable[[], float] = time.time,
              sleep: Callable[[float], None] = time.sleep) -> None:
    """Score a claimed entry and record the result (refused with a reason when the run
    breaks the challenge's rules); an entry whose class has gone is dropped."""
    try:
        ch = store.challenge(entry.code, entry.challenge_id)
        _, body = split(entry.link)
        try:
            config = export.config_from_json(body or "")
        except ValueError:
            config = None
        reason = "config" if config is None else refusal(config, ch)
        result = None
        if reason is None:
            result = retrain(config, min(entry.epochs, ch.max_epochs), sleep=sleep)
            reason = "diverged" if result is None else None
        if result is None:
            store.score(entry.id, "refused", None, None, None, reason, now())
        else:
            store.score(entry.id, "scored", result.test_acc, result.neurons, result.epochs,
                        "", now())
    except StoreError as e:
        if e.code != "not_found":
            raise


def drain(store: Store, now: Callable[[], float] = time.time,
          sleep: Callable[[float], None] = lambda s: None) -> int:
    """Claim and score every queued entry now, in this thread; returns how many (tests,
    and a worker's turn)."""
    n = 0
    while (entry := store.claim(now())) is not None:
        score_one(store, entry, now, sleep)
        n += 1
    return n


class Worker:
    """The process's scoring thread: wakes on :meth:`wake` (a submission in this process)
    or every :data:`IDLE` seconds, then drains the queue; started lazily, by the first
    class activity of the process, so a process without classes has no thread."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="class-scorer", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Something was submitted: look at the queue now."""
        self._wake.set()

    def _loop(self) -> None:
        while True:
            self._wake.wait(IDLE)
            self._wake.clear()
            try:
                drain(self._store, sleep=time.sleep)
            except StoreError as e:  # the store is down: try again on the next wake
                log.warning("class scorer: %s", e)
            except Exception:  # noqa: BLE001 - a bad entry must not kill the worker
                log.exception("class scorer")


@st.cache_resource(show_spinner=False, max_entries=8)
def _worker_for(kind: str, where: str) -> Worker:
    return Worker(connect.store())


def worker() -> Worker | None:
    """The process's worker for the current store, started on first use (None when
    ``NNPG_CLASS_SCORER=off``: the tests drain the queue themselves)."""
    if os.environ.get(WORKER_SETTING, "").strip().lower() == "off":
        return None
    return _worker_for(*connect.target())


def wake() -> None:
    """Start the process's worker if needed and tell it to look at the queue."""
    w = worker()
    if w is not None:
        w.wake()
