"""nncore.timeline: a checkpoint shows its epoch exactly, and training on from it is the
run it was, bit for bit (parameters, optimiser state, generator, history)."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from nncore.playground import Config, Playground
from nncore.timeline import Timeline

CONFIGS = [
    Config(dataset="spiral", layers=(5, 3), optimizer="adam", lr=0.01, batch=10),
    Config(dataset="xor", layers=(4,), optimizer="momentum", reg="l2", reg_rate=0.003,
           batch=7),
    Config(dataset="circle", layers=(3, 3), batch=0, activation="relu"),
    Config(dataset="blobs", classes=4, layers=(6,), optimizer="rmsprop", lr=0.003,
           batch=13, dropout=0.1, schedule="step", sched_epochs=10, clip=1.0),
    Config(dataset="plane", layers=(4,), optimizer="nesterov", batch=9, lr=0.01),
]


def _state(pg: Playground) -> dict:
    """Everything training goes on from, and the history, as plain values."""
    ck = pg.trainer.checkpoint()
    out = {k: v for k, v in ck.items() if k not in ("last_grads", "sane", "stopping")}
    out["params"] = ck["params"].tobytes()
    out["order"] = ck["order"].tobytes()
    out["opt_state"] = None if ck["opt_state"] is None else [a.tobytes() for a in ck["opt_state"]]
    out["sane"] = (ck["sane"][0].tobytes(), ck["sane"][1])
    out["history"] = copy.deepcopy(pg.trainer.history)
    return out


def _frames(pg: Playground, sizes, tl: Timeline | None) -> None:
    """Frames of the given numbers of epochs, each recorded (as the page's), noted."""
    for k in sizes:
        pg.frame(float("inf"), max_epochs=k)
        if tl is not None:
            tl.note(pg.trainer)


@pytest.mark.parametrize("config", CONFIGS)
def test_training_on_from_a_kept_epoch_is_the_run_it_was(config):
    frames = [1, 3, 5, 2, 7, 4, 6, 3]
    a = Playground(config)
    _frames(a, frames, None)
    b = Playground(config)
    tl = Timeline()
    tl.note(b.trainer)
    _frames(b, frames[:5], tl)
    kept = tl.epochs()
    assert kept == [0, 1, 4, 9, 11, 18]
    _frames(b, [9, 9], tl)  # further on, then back
    tl.train_on_from(b.trainer, 18)
    assert tl.epochs() == kept and b.epoch == 18
    _frames(b, frames[5:], tl)
    assert _state(b) == _state(a)
    assert np.array_equal(b.net.params, a.net.params)


@pytest.mark.parametrize("config", CONFIGS[:3])
def test_an_epoch_inside_a_frame_is_replayed_exactly(config):
    a = Playground(config)
    states = {0: _state(a)}
    for _ in range(20):  # epoch by epoch, each recorded: the reference
        a.step()
        states[a.epoch] = a.trainer.checkpoint()
    b = Playground(config)
    tl = Timeline()
    tl.note(b.trainer)
    _frames(b, [6, 6, 8], tl)
    assert tl.epochs() == [0, 6, 12, 20]
    assert tl.reachable(b.trainer) == list(range(21))
    before = _state(b)
    for e in (3, 9, 17, 6):
        seen = tl.view(b.trainer, e)
        ref = states[e]
        assert seen.epoch_count == e
        assert np.array_equal(seen.net.params, ref["params"])
        assert seen.rng.bit_generator.state == ref["rng"]
        if ref["opt_state"] is not None:
            for x, y in zip(seen.opt.state, ref["opt_state"]):
                assert np.array_equal(x, y)
        assert seen.history["epoch"][-1] == e
        assert seen.history["epoch"] == [h for h in seen.history["epoch"] if h <= e]
    assert _state(b) == before  # looking back leaves the run alone


def test_train_on_from_a_replayed_epoch_equals_the_uninterrupted_run():
    config = CONFIGS[0]
    a = Playground(config)
    _frames(a, [5, 5, 5, 5], None)
    b = Playground(config)
    tl = Timeline()
    tl.note(b.trainer)
    _frames(b, [10, 10], tl)
    tl.train_on_from(b.trainer, 5)  # inside the first frame: replayed
    assert b.trainer.history["epoch"] == [0, 5]
    _frames(b, [5, 5, 5], tl)
    sa, sb = _state(a), _state(b)
    assert sb == sa


def test_memory_stays_bounded_and_spacing_is_geometric():
    pg = Playground(Config(dataset="circle", layers=(4, 2), batch=0))
    tl = Timeline(max_kept=60)
    tl.note(pg.trainer)
    for _ in range(600):
        pg.trainer.epoch()
        pg.trainer.epoch()
        tl.note(pg.trainer)
    kept = tl.epochs()
    assert len(kept) <= 60 and kept[0] == 0 and kept[-1] == 1200
    assert all(e in kept for e in range(0, 65, 2))  # every epoch seen up to DENSE
    late = [e for e in kept if e > 64]
    ratios = np.diff(late) / np.array(late[:-1])
    assert ratios.max() < 4 * np.median(ratios)  # spaced relative to their epoch
    per = tl.nbytes() / len(kept)
    assert per < 4096  # the default-sized net: a few KiB a checkpoint
    small = Timeline(max_bytes=20 * int(per))
    small.note(pg.trainer)
    for _ in range(50):
        pg.trainer.epoch()
        small.note(pg.trainer)
    assert small.nbytes() <= 20 * per + per


def test_edited_checkpoints_stay_and_a_restart_starts_again():
    pg = Playground(Config(layers=(3,), batch=0))
    tl = Timeline(max_kept=5)
    tl.note(pg.trainer)
    _frames(pg, [70], tl)
    pg.net.set_unit(1, 0, False)
    tl.note(pg.trainer, edited=True)
    _frames(pg, [10] * 10, tl)
    assert 70 in tl.epochs()
    seen = tl.view(pg.trainer, 70)
    assert seen.net.units_off() == [(1, 0)]
    pg.net.set_unit(1, 0, True)
    seen = tl.view(pg.trainer, 0)
    assert seen.net.units_off() == []
    pg.reset()  # a new trainer: a new timeline
    tl.note(pg.trainer)
    assert tl.epochs() == [0]


def test_a_changed_rate_is_not_replayed():
    pg = Playground(Config(layers=(3,), batch=0, lr=0.03))
    tl = Timeline()
    tl.note(pg.trainer)
    _frames(pg, [10], tl)
    pg.apply(Config(layers=(3,), batch=0, lr=0.1))
    _frames(pg, [10], tl)
    assert 5 not in tl.reachable(pg.trainer) and 15 not in tl.reachable(pg.trainer)
    with pytest.raises(ValueError):
        tl.view(pg.trainer, 15)
