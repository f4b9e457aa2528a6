"""ui.class_train: the process's training thread and its fair schedule (issue 28).

The scheduler is driven one decision at a time (``ClassTrainer.step``) on two fake clocks,
the wall (credit, the window) and the training thread's CPU (what a slice costs): a fake
``train`` advances both by a model of the machine (an epoch costs EPOCH_S alone, a little
more per extra member when stepped together), so every figure below is the same on any
machine. The oracle of the runs is a session's own training: the same configuration
trained by ``Playground.frame`` in the same numbers of epochs must reach bit for bit the
state (and history) the scheduler left it in.
"""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest

from nncore import playground as pgm
from ui import class_train as ct

#: seconds an epoch costs alone on the fake machine (a power of two: exact sums)
EPOCH_S = 2.0**-9
#: extra cost per extra member of a group step, as a share of EPOCH_S
PER_MEMBER = 0.125


class Clock:
    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class Machine:
    """Fake wall and CPU clocks, and a fake ``train`` that costs what the model says
    (and records, per playground, the epochs of every slice it was given)."""

    def __init__(self) -> None:
        self.wall, self.cpu = Clock(100.0), Clock()
        self.slices: list[tuple[int, int]] = []  # (members, epochs) of each slice
        self.given: dict[int, list[int]] = {}

    def train(self, pgs, k: int) -> list[int]:
        c = k * EPOCH_S * (1 + PER_MEMBER * (len(pgs) - 1))
        self.wall.now += c
        self.cpu.now += c
        self.slices.append((len(pgs), k))
        for pg in pgs:
            self.given.setdefault(id(pg), []).append(k)
        return [k] * len(pgs)

    def trainer(self, **kw) -> ct.ClassTrainer:
        kw.setdefault("train", self.train)
        return ct.ClassTrainer(clock=self.wall, cost_clock=self.cpu, **kw)


def config(shape: str = "default", seed: int = 1) -> pgm.Config:
    """Networks of a few shapes: "default" (4-2 tanh), "relu", "wide", "adam"..."""
    shapes = {"default": {}, "relu": {"activation": "relu", "layers": (6, 3)},
              "wide": {"layers": (8,)}, "deep": {"layers": (4, 4, 2)},
              "sigmoid": {"activation": "sigmoid"}}
    return pgm.Config(seed=seed, **shapes[shape])


def run(trainer: ct.ClassTrainer, m: Machine, members: dict, seconds: float,
        frame_every: float = 0.25) -> None:
    """``seconds`` of the thread's decisions on the fake wall; every member's frame comes
    every ``frame_every`` seconds (``play``)."""
    end = m.wall.now + seconds
    next_frame = m.wall.now
    while m.wall.now < end:
        if m.wall.now >= next_frame:
            for sid, (pg, lock) in members.items():
                trainer.play(sid, pg, lock)
            next_frame += frame_every
        wait = trainer.step()
        if wait > 0:
            m.wall.now += min(wait, next_frame - m.wall.now, end - m.wall.now) + 1e-9


def members_of(shapes: dict[str, str]) -> dict:
    return {sid: (pgm.Playground(config(shape, seed=i + 1)), threading.Lock())
            for i, (sid, shape) in enumerate(shapes.items())}


def used(trainer: ct.ClassTrainer, sid: str) -> float:
    return trainer.member(sid).used


# ---------------------------------------------------------------- who trains together


def test_same_shapes_share_a_unit_whatever_their_seed_and_rate():
    a = pgm.Playground(config("default", 1))
    b = pgm.Playground(pgm.Config(seed=2, lr=0.3))
    c = pgm.Playground(config("relu", 3))
    assert ct.unit_key(a, "a") == ct.unit_key(b, "b")
    assert ct.unit_key(c, "c") != ct.unit_key(a, "a")


# ---------------------------------------------------------------- fair share


def test_a_students_training_time_does_not_depend_on_others_matching_settings():
    """Student x alone on their shape gets the same training seconds whether the three
    others are each alone or one group, and so does every grouped student: the group's
    cost is charged to its members in equal parts (they get more epochs for it)."""
    results = {}
    for name, shapes in {"all apart": {"x": "sigmoid", "a": "relu", "b": "wide",
                                       "c": "deep"},
                         "three alike": {"x": "sigmoid", "a": "default", "b": "default",
                                         "c": "default"}}.items():
        m = Machine()
        trainer = m.trainer()
        members = members_of(shapes)
        run(trainer, m, members, 20.0)
        results[name] = ({sid: used(trainer, sid) for sid in members},
                         {sid: trainer.member(sid).epochs for sid in members}, m)
    share = min(trainer.session_cap, trainer.train_fraction / 4) * 20.0
    slack = trainer.max_credit + trainer.slice_s  # at most a slice and a credit apart
    apart, alike = results["all apart"][0], results["three alike"][0]
    assert apart["x"] == pytest.approx(alike["x"], abs=slack)
    for got in (apart, alike):
        for sid in "xabc":
            assert got[sid] == pytest.approx(share, abs=slack)
    epochs = results["three alike"][1]
    assert min(epochs[s] for s in "abc") > 2 * epochs["x"]  # the group's gain is its own
    assert any(n == 3 for n, _ in results["three alike"][2].slices)  # stepped as one


@pytest.mark.parametrize("n", [1, 2, 5, 12])
def test_training_takes_its_share_of_the_process_and_no_more(n):
    """The duty cycle: all members together train train_fraction of the wall time (a
    saturated process), one alone session_cap; the rest of the time the thread waits."""
    m = Machine()
    trainer = m.trainer()
    members = members_of({f"s{i}": "default" if i % 2 else "relu" for i in range(n)})
    run(trainer, m, members, 10.0)
    total = sum(used(trainer, sid) for sid in members)
    expected = min(trainer.train_fraction, n * trainer.session_cap) * 10.0
    assert total == pytest.approx(expected, abs=n * trainer.max_credit + trainer.slice_s)
    assert m.cpu.now == pytest.approx(total)  # every second of training is charged
    assert all(k * EPOCH_S <= 2 * trainer.slice_s for _, k in m.slices[5:])


def test_the_split_counts_the_shared_runs_too():
    """With shared runs of ui.run_share playing beside two members (six trainers), the
    members train a sixth of train_fraction each (less than their session_cap)."""
    m = Machine()
    trainer = m.trainer(trainers=lambda: 6)
    members = members_of({"a": "default", "b": "relu"})
    run(trainer, m, members, 10.0)
    assert trainer.train_fraction / 6 < trainer.session_cap
    for sid in members:
        assert used(trainer, sid) == pytest.approx(trainer.train_fraction / 6 * 10.0,
                                                   abs=trainer.max_credit + trainer.slice_s)


# ---------------------------------------------------------------- join and leave


def test_a_member_joins_with_no_credit_and_leaves_when_its_frames_stop():
    m = Machine()
    trainer = m.trainer()
    members = members_of({"a": "default", "b": "relu", "c": "wide"})
    late = members.pop("c")
    run(trainer, m, members, 5.0)
    before = {sid: used(trainer, sid) for sid in members}
    members["c"] = late
    run(trainer, m, members, 5.0)
    # the newcomer got what each of the others got meanwhile, nothing for the past
    gained = {sid: used(trainer, sid) - before.get(sid, 0.0) for sid in members}
    slack = trainer.max_credit + trainer.slice_s
    assert gained["c"] == pytest.approx(gained["a"], abs=slack)
    assert gained["c"] == pytest.approx(gained["b"], abs=slack)
    # c's frames stop (a closed tab): dropped after the window, its share goes back
    del members["c"]
    run(trainer, m, members, trainer.window + 1.0)
    assert not trainer.has("c") and trainer.counts["dropped"] == 1
    trainer.stop("b")  # b pressed Pause: gone at once
    assert not trainer.has("b") and trainer.playing() == 1
    assert trainer.rate() == pytest.approx(trainer.session_cap)


def test_nothing_to_do_waits_without_training():
    m = Machine()
    trainer = m.trainer()
    assert trainer.step() == math.inf  # no member
    pg, lock = pgm.Playground(config()), threading.Lock()
    trainer.play("a", pg, lock)
    wait = trainer.step()  # no credit yet: waits until it has some
    assert 0 < wait < 1 and m.slices == []
    m.wall.now += wait
    assert trainer.step() == 0.0 and len(m.slices) == 1


def test_a_member_whose_frame_draws_is_skipped_not_waited_for():
    m = Machine()
    trainer = m.trainer()
    pg, lock = pgm.Playground(config()), threading.Lock()
    trainer.play("a", pg, lock)
    m.wall.now += 1.0
    with lock:  # its frame is drawing
        assert trainer.step() == ct.YIELD_WAIT and m.slices == []
    assert trainer.step() == 0.0 and m.slices == [(1, m.slices[0][1])]


# ---------------------------------------------------------------- a click first


def test_no_slice_starts_while_a_click_is_answered():
    m = Machine()
    clicking = [False]
    trainer = m.trainer(yield_to=lambda: clicking[0])
    members = members_of({"a": "default", "b": "relu"})
    run(trainer, m, members, 1.0)
    n = len(m.slices)
    clicking[0] = True
    run(trainer, m, members, 2.0)
    assert len(m.slices) == n and trainer.counts["yielded"] > 0
    # meanwhile credit is capped: after the click the members train in one burst no
    # more than max_credit each, plus what they earn during it, plus a slice
    clicking[0] = False
    for sid in members:
        assert trainer.member(sid).credit <= trainer.max_credit
    cpu, wall = m.cpu.now, m.wall.now
    while trainer.step() == 0.0:
        pass
    earned = len(members) * trainer.rate() * (m.wall.now - wall)
    assert m.cpu.now - cpu <= len(members) * trainer.max_credit + earned + trainer.slice_s


def test_behind_when_training_gets_less_than_its_share_of_the_process():
    """behind(): over each look (0.5 s on the wall), training's CPU against the process's;
    short of 0.9 x train_fraction while members have credit: the frames hold back."""
    m = Machine()
    proc = Clock()
    trainer = m.trainer(process_clock=proc)
    members = members_of({"a": "default", "b": "relu"})
    assert not trainer.behind()  # no member, nothing to say (the first look)
    run(trainer, m, members, 0.5)  # two members at session_cap: about 0.2 s of training
    proc.now += 0.25  # of the 0.25 s the process spent
    assert not trainer.behind()
    # half a second in which the process spent 0.5 s and training none (its thread got
    # no CPU), while its members earned credit
    m.wall.now += 0.5
    proc.now += 0.5
    for sid, (pg, lock) in members.items():
        trainer.play(sid, pg, lock)
    assert trainer.behind()
    assert trainer.behind()  # until the next look


def test_the_thread_trains_members_and_sleeps_when_idle():
    """The real thread on real clocks: a member is trained (its epoch moves on)."""
    trainer = ct.ClassTrainer()
    pg, lock = pgm.Playground(config()), threading.Lock()
    trainer.play("a", pg, lock)
    trainer.start()
    done = threading.Event()

    def watch() -> None:
        while pg.epoch == 0:
            trainer.play("a", pg, lock)
            done.wait(0.01)
        done.set()

    watcher = threading.Thread(target=watch)
    watcher.start()
    assert done.wait(60) or pg.epoch > 0
    done.set()
    watcher.join()
    trainer.stop("a")
    with lock:
        assert pg.epoch > 0 and not pg.diverged


# ---------------------------------------------------------------- the same runs


def state_of(pg: pgm.Playground) -> tuple:
    ck = pg.trainer.checkpoint()
    arrays = [ck["params"], ck["order"], ck["sane"][0], *(ck["opt_state"] or [])]
    return (pg.epoch, pg.trainer.step_count, ck["since_check"], ck["best_loss"],
            ck["recorded"], [a.copy() for a in arrays], dict(pg.trainer.history))


def assert_same(a: pgm.Playground, b: pgm.Playground) -> None:
    sa, sb = state_of(a), state_of(b)
    assert sa[:5] == sb[:5]
    for x, y in zip(sa[5], sb[5], strict=True):
        np.testing.assert_array_equal(x, y)
    assert sa[6].keys() == sb[6].keys()
    for key in sa[6]:
        assert sa[6][key] == sb[6][key], key


CONFIGS = [pgm.Config(seed=1), pgm.Config(seed=2, lr=0.1), pgm.Config(seed=3, batch=7),
           pgm.Config(seed=4, activation="relu", layers=(6, 3)),
           pgm.Config(seed=5, activation="relu", layers=(6, 3), reg="l2", reg_rate=0.01),
           pgm.Config(seed=6, optimizer="adam", lr=0.01),
           pgm.Config(seed=7, optimizer="adam", lr=0.003),
           pgm.Config(seed=8, dataset="spiral", batch=0, layers=(8, 8)),
           pgm.Config(seed=9, dataset="blobs", classes=3, optimizer="momentum"),
           pgm.Config(seed=10, dataset="blobs", classes=3, optimizer="momentum"),
           pgm.Config(seed=11, dataset="plane", optimizer="rmsprop", lr=0.001)]


def test_every_students_run_is_the_run_they_would_have_alone():
    """Eleven students of several shapes, activations, optimisers and batch sizes, some
    alike, trained by the scheduler (same-shape ones stepped together by nncore.cohort),
    two of them leaving and one joining between slices, their frames recording what was
    trained since the last (``take`` then ``after_epochs``, every few slices, at random):
    each ends bit for bit, history included, where frames of the same numbers of epochs
    (``Playground.frame``: epochs, then one record) take the same configuration alone."""
    wall, cpu = Clock(100.0), Clock()
    grouped = []

    def train(pgs, k):
        cpu.now += k * EPOCH_S
        wall.now += k * EPOCH_S
        grouped.append(len(pgs))
        return ct.train_together(pgs, k)

    trainer = ct.ClassTrainer(clock=wall, cost_clock=cpu, train=train, slice_s=0.02)
    pgs = [pgm.Playground(c) for c in CONFIGS]
    locks = [threading.Lock() for _ in pgs]
    frames: list[list[int]] = [[] for _ in pgs]  # epochs each frame recorded
    rng = np.random.default_rng(0)

    def frame(i: int, done: int) -> None:
        with locks[i]:
            pgs[i].after_epochs(done)
        frames[i].append(done)

    for step in range(400):
        for i, (pg, lock) in enumerate(zip(pgs, locks, strict=True)):
            away = (i == 1 and 100 <= step < 200) or (i == 8 and step >= 250)
            late = i == 10 and step < 50
            if not (away or late):
                trainer.play(f"s{i}", pg, lock)
                if rng.random() < 0.3:
                    frame(i, trainer.take(f"s{i}"))
            elif away and trainer.has(f"s{i}"):
                frame(i, trainer.stop(f"s{i}"))  # paused: its last epochs recorded
        wait = trainer.step()
        if wait > 0:
            wall.now += min(wait, 0.05)
    for i in range(len(pgs)):
        frame(i, trainer.stop(f"s{i}"))
    assert max(grouped) >= 2 and min(grouped) == 1  # some together, some alone
    for c, pg, done in zip(CONFIGS, pgs, frames, strict=True):
        assert sum(done) == pg.epoch > 0, c  # every student was trained, all recorded
        alone = pgm.Playground(c)
        for k in done:
            if k:
                alone.frame(math.inf, max_epochs=k)
        assert_same(pg, alone)


def test_a_frame_takes_the_epochs_trained_since_the_last_one():
    m = Machine()
    trainer = m.trainer()
    pg, lock = pgm.Playground(config()), threading.Lock()
    trainer.play("a", pg, lock)
    assert trainer.take("a") == 0 and trainer.take("nobody") == 0
    m.wall.now += 1.0
    assert trainer.step() == 0.0
    k = m.slices[-1][1]
    assert trainer.take("a") == k and trainer.take("a") == 0
    m.wall.now += 1.0
    trainer.step()
    assert trainer.stop("a") == m.slices[-1][1] and trainer.stop("a") == 0


def test_a_pause_under_the_sessions_lock_counts_the_slice_under_way():
    """The thread trains a member under the member's lock. A Pause that stops it under
    the same lock (``ui.mlp.live.stop_training``) waits for the slice under way and gets
    its epochs; one that stops it first, as the page did, got none of them while the
    network had trained them (the page showed too few epochs, the next Step jumped)."""
    m = Machine()
    started, release = threading.Event(), threading.Event()

    def slow_train(pgs, k):  # a slice that is still training when the Pause comes
        started.set()
        assert release.wait(30)
        return m.train(pgs, k)

    trainer = m.trainer(train=slow_train)
    pg, lock = pgm.Playground(config()), threading.Lock()
    trainer.play("a", pg, lock)
    m.wall.now += 1.0
    slice_ = threading.Thread(target=trainer.step)
    slice_.start()
    assert started.wait(30)
    got: list[int] = []

    def pause() -> None:
        with lock:
            got.append(trainer.stop("a"))

    pausing = threading.Thread(target=pause)
    pausing.start()
    # the Pause waits for the lock while the slice trains: nothing stopped yet
    assert trainer.has("a") and not got
    release.set()
    slice_.join(30)
    pausing.join(30)
    assert got == [m.slices[-1][1]] and got[0] > 0
    assert not trainer.has("a")


def test_the_mlp_page_stops_training_under_the_sessions_lock(monkeypatch):
    """Every way the MLP page takes a session out of the thread (Pause, an early stop, a
    diverged run) goes through ``stop_training``, which holds the session's lock."""
    import inspect

    from ui.mlp import live

    source = inspect.getsource(live)
    assert source.count(".stop(") == 1  # only stop_training calls ClassTrainer.stop
    held = []

    class Trainer:
        def stop(self, sid):
            held.append(lock.locked())
            return 0

    lock = threading.Lock()
    monkeypatch.setattr(live, "class_trainer", lambda: Trainer())
    monkeypatch.setattr(live, "lock", lambda: lock)
    monkeypatch.setattr(live, "session_id", lambda: "a")
    live.stop_training(pgm.Playground(config()))
    assert held == [True]
