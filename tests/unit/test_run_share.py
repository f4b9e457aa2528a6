"""ui.run_share and the checkpoints under it (issue 12: a class on one link trains once).

The oracle throughout is a session's own training: a Playground of the same config trained
epoch by epoch on its own must reach bit for bit the state a follower was moved to.

Time is a fake clock (:class:`Clock`): the runs' epochs advance it by EPOCH_S each (a
machine on which an epoch takes about a millisecond), the tests advance it between frames,
and nothing reads the real time, so every frame trains and moves the same epochs on any
machine, however busy.
"""

from __future__ import annotations

import numpy as np
import pytest

from nncore import optim
from nncore import playground as pgm
from nncore.network import MLP
from nncore.train import Trainer
from ui import run_share as rs

#: seconds one epoch of a run takes on the fake machine (a power of two: exact sums)
EPOCH_S = 2.0**-10
#: seconds between two rounds of frames (the fast fragment's interval, about)
FRAME_GAP = 0.18


class Clock:
    """A fake clock: it moves only when it is advanced (by a test, or a run's epoch)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def machine(epoch_s: float = EPOCH_S) -> tuple[Clock, rs.RunShare]:
    """A fake clock and a RunShare on it whose runs take ``epoch_s`` on it per epoch."""
    clock = Clock()

    def make(config: pgm.Config) -> pgm.Playground:
        pg = pgm.Playground(config)
        epoch = pg.trainer.epoch

        def timed_epoch() -> bool:
            clock.now += epoch_s
            return epoch()

        pg.trainer.epoch = timed_epoch
        return pg

    return clock, rs.RunShare(clock=clock, make=make)


def own(config: pgm.Config, epochs: int) -> pgm.Playground:
    """The oracle: a session trained ``epochs`` epochs on its own."""
    pg = pgm.Playground(config)
    for _ in range(epochs):
        assert pg.trainer.epoch()
    return pg


def same_state(a: pgm.Playground, b: pgm.Playground) -> None:
    assert a.epoch == b.epoch
    assert a.trainer.step_count == b.trainer.step_count
    np.testing.assert_array_equal(a.net.params, b.net.params)
    sa, sb = a.trainer.opt.state, b.trainer.opt.state
    assert (sa is None) == (sb is None)
    for x, y in zip(sa or [], sb or [], strict=True):
        np.testing.assert_array_equal(x, y)


# ---------------------------------------------------------------- checkpoints


@pytest.mark.parametrize("opt,batch", [("sgd", 10), ("momentum", 0), ("adam", 7),
                                       ("rmsprop", 10), ("nesterov", 30)])
def test_a_checkpoint_continues_exactly(opt, batch):
    """Load a trainer's checkpoint into a fresh trainer: 7 more epochs give the very same
    parameters, optimiser moments and batch order as the original going on."""
    def trainer() -> Trainer:
        rng = np.random.default_rng(3)
        X = rng.normal(size=(61, 2))
        y = (X[:, 0] * X[:, 1] > 0).astype(int)
        net = MLP([2, 5, 1], activation="tanh", output="sigmoid", seed=4)
        return Trainer(net, optim.get(opt, 0.05), X, y, batch_size=batch or None, seed=5)

    a, b = trainer(), trainer()
    a.fit(5)
    b.load_checkpoint(a.checkpoint())
    assert not np.shares_memory(a.net.params, b.net.params)
    a.fit(7)
    b.fit(7)
    np.testing.assert_array_equal(a.net.params, b.net.params)
    assert a.epoch_count == b.epoch_count == 12 and a.step_count == b.step_count
    for x, y in zip(a.opt.state or [], b.opt.state or [], strict=True):
        np.testing.assert_array_equal(x, y)


def test_a_checkpoint_of_another_network_is_refused():
    net = MLP([2, 3, 1], seed=0)
    other = MLP([2, 4, 1], seed=0)
    X, y = np.zeros((4, 2)), np.zeros(4, int)
    ck = Trainer(net, optim.SGD(0.1), X, y).checkpoint()
    with pytest.raises(ValueError, match="parameters"):
        Trainer(other, optim.SGD(0.1), X, y).load_checkpoint(ck)


def test_history_is_bounded(monkeypatch):
    """Past HISTORY_ROWS rows, every other row goes; the first (epoch 0) and the latest
    stay, and epochs still increase."""
    monkeypatch.setattr(pgm, "HISTORY_ROWS", 40)
    pg = pgm.Playground(pgm.Config(batch=0))
    for _ in range(150):
        pg.step()
    h = pg.trainer.history
    assert 20 < len(h["epoch"]) <= 40
    assert h["epoch"][0] == 0 and h["epoch"][-1] == 150 == pg.epoch
    assert all(len(v) == len(h["epoch"]) for v in h.values())
    assert np.all(np.diff(h["epoch"]) > 0)


# ---------------------------------------------------------------- following a run


def follow(share: rs.RunShare, sessions: dict, budgets: dict, frames: int,
           gaps=None) -> dict:
    """``frames`` frames of every session in turn, the clock advanced by FRAME_GAP (or
    the next of ``gaps``) after each round; returns the markers."""
    markers = dict.fromkeys(sessions)
    gaps = iter(gaps) if gaps is not None else None
    for _ in range(frames):
        for name, pg in sessions.items():
            markers[name] = share.advance(pg, markers[name], budgets[name])
            assert markers[name] is not None, name
        share.clock.now += FRAME_GAP if gaps is None else next(gaps)
    return markers


def test_followers_end_where_their_own_training_would():
    """Three sessions on one config with different budgets follow one run; each stands
    exactly where it would have trained itself, and the run trained once for all."""
    config = pgm.Config(dataset="xor", noise=10, layers=(5, 3), batch=10, seed=7)
    _, share = machine()
    sessions = {k: pgm.Playground(config) for k in "abc"}
    follow(share, sessions, {"a": 0.004, "b": 0.002, "c": 0.001}, 25)
    assert share.runs() == 1
    epochs = {k: pg.epoch for k, pg in sessions.items()}
    assert epochs["a"] > epochs["c"] > 0
    for pg in sessions.values():
        same_state(pg, own(config, pg.epoch))
    # the run trained no further than its furthest follower needed
    run = next(iter(share._runs.values()))
    assert run.pg.epoch == max(epochs.values())
    # a follower goes on from there on its own, still exactly
    a = sessions["a"]
    assert a.frame(1.0, max_epochs=3, clock=Clock()) == 3  # the clock stands: 3 epochs
    assert a.epoch == epochs["a"] + 3
    same_state(a, own(config, a.epoch))


def test_a_session_that_changes_anything_trains_on_its_own():
    config = pgm.Config(layers=(4,), seed=3)
    _, share = machine()
    pg, other = pgm.Playground(config), pgm.Playground(config)
    marks = follow(share, {"pg": pg, "other": other}, {"pg": 0.003, "other": 0.003}, 4)
    # a Step: its state is on no checkpoint any more
    pg.step()
    assert share.advance(pg, marks["pg"], 0.003) is None
    # a new learning rate: a different run
    other.apply(pgm.Config(layers=(4,), seed=3, lr=0.1))
    assert share.advance(other, marks["other"], 0.003) is None
    # Reset: back at the seeded start, it joins the run again
    pg.reset()
    assert share.advance(pg, None, 0.003) is not None
    same_state(pg, own(config, pg.epoch))


def test_uploaded_or_added_points_are_never_shared():
    config = pgm.Config(seed=1)
    X, y = np.random.default_rng(0).normal(size=(40, 2)), np.arange(40) % 2
    given = pgm.GivenData(X=X, y=y, kind="binary", n_classes=2, token="t")
    _, share = machine()
    assert share.advance(pgm.Playground(config, given=given), None, 0.01) is None
    assert share.advance(pgm.Playground(config, added=[(0.1, 0.2, 1)]), None, 0.01) is None
    assert share.runs() == 0 and share.counts["own data"] == 2


def test_followers_do_not_share_arrays_with_the_run():
    """Nothing a session does to its own state reaches the run or another session."""
    config = pgm.Config(seed=2, optimizer="adam", lr=0.01)
    _, share = machine()
    a, b = pgm.Playground(config), pgm.Playground(config)
    follow(share, {"a": a, "b": b}, {"a": 0.003, "b": 0.003}, 3)
    run = next(iter(share._runs.values()))
    for arr in [run.pg.net.params, *run.pg.trainer.opt.state,
                *(s.ck["params"] for s in run.snaps)]:
        assert not np.shares_memory(a.net.params, arr)
        assert not any(np.shares_memory(m, arr) for m in a.trainer.opt.state)
    before = run.pg.net.params.copy()
    a.net.params[:] = 123.0
    a.trainer.opt.state[0][:] = 7.0
    np.testing.assert_array_equal(run.pg.net.params, before)
    same_state(b, own(config, b.epoch))


def test_a_diverging_run_leaves_its_followers_to_diverge_on_their_own():
    config = pgm.Config(dataset="plane", layers=(8, 8), activation="relu", lr=10.0,
                        batch=0, seed=0)  # diverges in epoch 24
    _, share = machine()
    pg = pgm.Playground(config)
    marker = None
    for _ in range(400):
        marker = share.advance(pg, marker, 0.001)
        if marker is None:
            break
    assert marker is None and not pg.diverged  # the follower itself has not diverged yet
    while pg.trainer.epoch():
        pass
    ref = pgm.Playground(config)
    while ref.trainer.epoch():
        pass
    assert pg.diverged and pg.diverged_epoch == ref.diverged_epoch
    assert pg.restored_epoch == ref.restored_epoch
    np.testing.assert_array_equal(pg.net.params, ref.net.params)


def test_a_follower_whose_next_checkpoint_is_gone_goes_on_alone(monkeypatch):
    monkeypatch.setattr(rs, "RUN_BYTES", 1)
    monkeypatch.setattr(rs, "MIN_SNAPS", 3)
    config = pgm.Config(seed=4)
    _, share = machine()
    fast, slow = pgm.Playground(config), pgm.Playground(config)
    mf = share.advance(fast, None, 0.004)
    ms = share.advance(slow, None, 0.0005)
    run = next(iter(share._runs.values()))
    assert (fast.epoch, slow.epoch, run.base, len(run.snaps)) == (1, 0, 1, 1)
    # the fast one trains the run on (about 4 epochs, one checkpoint, a frame) until the
    # slow one's next checkpoint (number 1) is dropped: three checkpoints kept, so after
    # four more frames the oldest kept is number 3
    for _ in range(4):
        mf = share.advance(fast, mf, 0.004)
    assert mf is not None and fast.epoch == 17
    assert len(run.snaps) == 3 and run.base > 2
    assert share.advance(slow, ms, 0.0005) is None
    assert share.counts["next gone"] == 1
    same_state(slow, own(config, slow.epoch))


def test_a_session_waits_rather_than_jump_further_than_it_earned():
    """A follower whose credit does not reach the next checkpoint stays where it is."""
    config = pgm.Config(seed=5)
    _, share = machine()
    lead, lag = pgm.Playground(config), pgm.Playground(config)
    ml = share.advance(lead, None, 0.02)  # at the front: trains 20 ms of epochs
    assert lead.epoch > 2
    m = share.advance(lag, None, 1e-6)  # earns a tiny fraction of an epoch
    assert m is not None and lag.epoch == 0 and share.counts["wait"] >= 1
    assert ml is not None


def test_drawings_are_shared_only_at_the_same_checkpoint():
    config = pgm.Config(seed=6)
    _, share = machine()
    a, b = pgm.Playground(config), pgm.Playground(config)
    ma = share.advance(a, None, 0.01)
    assert a.epoch > 0
    run = next(iter(share._runs.values()))
    b.follow(run.get(ma[1]).ck)  # b at the same checkpoint as a
    mb = (ma[0], ma[1], 0.0)
    calls = []

    def make():
        calls.append(1)
        return object()

    first = share.memo(a, ma, "boundary", make)
    assert share.memo(b, mb, "boundary", make) is first and len(calls) == 1
    assert share.memo(b, mb, ("boundary", "other option"), make) is not first
    b.step()  # b moved off the checkpoint: it draws its own
    assert share.memo(b, mb, "boundary", make) is not first
    assert share.memo(a, None, "boundary", make) is not first  # on no run
    assert len(calls) == 4


def test_idle_runs_are_dropped():
    clock, share = machine()
    share.advance(pgm.Playground(pgm.Config(seed=8)), None, 0.002)
    assert share.runs() == 1
    clock.now += rs.IDLE + 1
    share.advance(pgm.Playground(pgm.Config(seed=9)), None, 0.002)
    assert share.runs() == 1  # the idle one went, the new one stays


# ---------------------------------------------------------------- credit on the clock


@pytest.mark.parametrize("epoch_s,per_frame", [(EPOCH_S, 4), (2 * EPOCH_S, 2),
                                               (EPOCH_S / 2, 8)])
def test_a_session_moves_exactly_what_it_earned(epoch_s, per_frame):
    """Earning 4 ms of training a frame on a machine where an epoch takes ``epoch_s``:
    the first frame trains on the guess of 300 epochs a second (int(1.17) = 1 epoch),
    every later one on the measured rate, 4 ms / epoch_s epochs, exactly."""
    clock, share = machine(epoch_s)
    config = pgm.Config(seed=5)
    pg = pgm.Playground(config)
    marker, epochs = None, []
    for _ in range(6):
        marker = share.advance(pg, marker, 4 * EPOCH_S)
        epochs.append(pg.epoch)
        clock.now += FRAME_GAP
    assert epochs == [1 + per_frame * n for n in range(6)]
    run = next(iter(share._runs.values()))
    assert run.epochs_per_second() == 1 / epoch_s
    assert marker[2] == pytest.approx(4 * EPOCH_S * 300 - 1)  # the first frame's change
    same_state(pg, own(config, pg.epoch))


def test_the_same_frames_give_the_same_result_whatever_the_time_between_them():
    """The credit depends on the frames and the run's training time only: frames far
    apart (a busy server, a slow browser) or back to back move every session alike."""
    config = pgm.Config(dataset="xor", noise=10, layers=(5, 3), batch=10, seed=7)
    budgets = {"a": 0.004, "b": 0.002, "c": 0.001}
    rng = np.random.default_rng(0)
    results = []
    for gaps in ([FRAME_GAP] * 12, [0.0] * 12, rng.uniform(0, rs.IDLE / 2, 12)):
        _, share = machine()
        sessions = {k: pgm.Playground(config) for k in budgets}
        markers = follow(share, sessions, budgets, 12, gaps)
        results.append((markers, {k: pg.epoch for k, pg in sessions.items()},
                        share.counts.copy()))
    assert results[0] == results[1] == results[2]
    assert results[0][1]["a"] > results[0][1]["b"] > results[0][1]["c"] > 0


def test_a_late_joiner_starts_from_its_own_start_and_moves_only_its_credit():
    """The unit version of bench_classroom's isolation check "D on C's link starts from
    its own epoch": C plays a run past epoch 50; D opens the same link later and plays.
    D earns 4 epochs a frame (4 ms at 1/1024 s an epoch) and moves from epoch 0 to the
    furthest of C's checkpoints (one per C frame: epochs 6, 26, 46, ...) its credit
    reaches, exactly as its own training, never further than it earned, never to C's
    front: frame 1 waits (4 < 6), frame 2 reaches epoch 6 (8 earned), frame 3 waits
    (2 + 4 < 20)."""
    config = pgm.Config(seed=11)
    clock, share = machine()
    c, d = pgm.Playground(config), pgm.Playground(config)
    mc = None
    while c.epoch <= 50:
        mc = share.advance(c, mc, 0.02)
        clock.now += FRAME_GAP
    c_before = c.epoch
    md, seen = None, []
    for _ in range(3):
        md = share.advance(d, md, 4 * EPOCH_S)
        seen.append(d.epoch)
        same_state(d, own(config, d.epoch))
    run = next(iter(share._runs.values()))
    assert [run.get(n).epoch for n in range(4)] == [0, 6, 26, 46]
    assert seen == [0, 6, 6] and all(e <= 4 * (i + 1) for i, e in enumerate(seen))
    assert seen[-1] < c_before and share.counts["wait"] == 2
    assert share.runs() == 1 and md[0] == mc[0]  # on C's run, behind its front


def test_a_session_alone_on_its_run_is_told_so_after_a_while():
    """Issue 28: a run only one session follows saves nothing; ``alone`` says so once
    the run is ``after`` seconds old and no other session moved along it meanwhile."""
    clock, share = machine()
    a, b = pgm.Playground(pgm.Config(seed=3)), pgm.Playground(pgm.Config(seed=3))
    ma = share.advance(a, None, 0.01, who="a")
    assert ma is not None and not share.alone(ma, "a", 2.0)  # a new run: not yet
    clock.now += 2.0
    ma = share.advance(a, ma, 0.01, who="a")
    assert share.alone(ma, "a", 2.0)
    mb = share.advance(b, None, 0.01, who="b")  # b joins a's run at its start
    assert mb is not None and mb[0] == ma[0]
    assert not share.alone(ma, "a", 2.0) and not share.alone(mb, "b", 2.0)
    clock.now += 2.5  # b stopped playing: a is alone again
    assert share.alone(ma, "a", 2.0)
    assert not share.alone(None, "a", 2.0)
