"""Compare while playing (issue 31): B is a member of the process's training thread beside
A, and the compare frame brings both to one epoch; each run is bit for bit the one it has
alone (stepped epoch by epoch)."""

from __future__ import annotations

import dataclasses
import threading

import numpy as np
import pytest

from nncore.playground import Config, Playground
from ui.class_train import ClassTrainer, train_together
from ui.mlp import compare, live


@pytest.fixture
def thread(monkeypatch):
    clocks = {"wall": 0.0, "cpu": 0.0}
    # a slice trains at most 5 epochs (the fake CPU clock would make it huge)
    trainer = ClassTrainer(clock=lambda: clocks["wall"], cost_clock=lambda: clocks["cpu"],
                           train=lambda pgs, k: train_together(pgs, min(k, 5)))
    monkeypatch.setattr(live, "class_trainer", lambda: trainer)
    monkeypatch.setattr(live, "session_id", lambda: "s1")
    return trainer, clocks


def _alone(config: Config, epochs: int) -> np.ndarray:
    pg = Playground(config)
    for _ in range(epochs):
        pg.step()
    return pg.net.params


@pytest.mark.parametrize("b_change", [{"lr": 0.1}, {"activation": "relu", "layers": (3,)}])
def test_align_brings_a_and_b_to_one_epoch_each_as_alone(thread, b_change):
    trainer, clocks = thread
    a = Playground(Config(dataset="xor", layers=(4,), seed=1))
    b = Playground(dataclasses.replace(a.config, **b_change))
    a_lock = threading.Lock()
    seen = []
    for _ in range(6):
        trainer.play("s1", a, a_lock)  # A's own frame
        with a_lock, compare._b_lock():
            compare.align(a, b, playing=True)
            seen.append((a.epoch, b.epoch))
        for _ in range(3):  # the thread: slices on fake clocks
            clocks["wall"] += 0.5
            clocks["cpu"] += 0.01
            trainer.step()
    assert trainer.has("s1/B")
    assert all(ea == eb for ea, eb in seen) and seen[-1][0] > seen[0][0]
    with a_lock, compare._b_lock():
        compare.align(a, b, playing=False)  # paused: B leaves the thread, back at A's epoch
    assert not trainer.has("s1/B") and a.epoch == b.epoch
    assert np.array_equal(a.net.params, _alone(a.config, a.epoch))
    assert np.array_equal(b.net.params, _alone(b.config, b.epoch))
