"""nncore.cohort: a group trained together ends exactly where each member alone would.

The oracle is the trainer itself: every test builds each network twice, the way the MLP
page does (``nncore.playground.Playground``), trains one copy alone with ``epoch()`` and
the other in a cohort, and compares every array (``np.array_equal``: bit for bit) and
every counter of ``Trainer.checkpoint()``, the history, ``last_grads`` and the
divergence flags, in float32 (the app's) and float64.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from nncore import cohort, playground
from nncore.playground import Config, Playground
from nncore.train import Trainer

DTYPES = (np.float32, np.float64)


@pytest.fixture(params=DTYPES, ids=lambda d: np.dtype(d).name)
def dtype(request, monkeypatch):
    """Playgrounds built in this dtype (the app's is float32)."""
    monkeypatch.setattr(playground, "DTYPE", request.param)
    return request.param


def _same(a, b, where: str = "") -> None:
    """``a`` equals ``b`` exactly: arrays bit for bit (NaN where NaN), Grads by value."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        assert a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True), where
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            _same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, (list, tuple)):
        assert type(a) is type(b) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    elif hasattr(a, "dparams"):
        _same(a.dparams, b.dparams, f"{where}.dparams")
        _same(list(a.dW) + list(a.db), list(b.dW) + list(b.db), f"{where}.dW,db")
    elif isinstance(a, float) and isinstance(b, float) and a != a:
        assert b != b, where
    else:
        assert type(a) is type(b) and a == b, (where, a, b)


def _assert_same_run(alone: Trainer, together: Trainer) -> None:
    _same(alone.checkpoint(), together.checkpoint(), "checkpoint")
    _same(alone.history, together.history, "history")
    _same(alone.last_grads, together.last_grads, "last_grads")
    assert (alone.diverged, alone.diverged_epoch, alone.restored_epoch) == (
        together.diverged, together.diverged_epoch, together.restored_epoch)
    assert alone.opt.t == together.opt.t


def _pair(configs) -> tuple[list[Playground], list[Trainer]]:
    """Playgrounds to train together and deep copies of their trainers to train alone."""
    pgs = [Playground(c) for c in configs]
    return pgs, [copy.deepcopy(pg.trainer) for pg in pgs]


def _train_both(together: list[Trainer], alone: list[Trainer], k: int) -> list[int]:
    done = cohort.epochs(together, k)
    assert done == [_epochs_alone(tr, k) for tr in alone]
    for a, t in zip(alone, together):
        _assert_same_run(a, t)
    return done


def _epochs_alone(tr: Trainer, k: int) -> int:
    """``k`` calls of ``tr.epoch()`` (stopping at False): how many returned True."""
    done = 0
    for _ in range(k):
        if not tr.epoch():
            break
        done += 1
    return done


# ---------------------------------------------------------------------- shapes
@pytest.mark.parametrize("layers", [(), (4, 2), (5, 3, 4)], ids=["0-hidden", "4-2", "3-layers"])
@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "leaky_relu"])
def test_shapes_and_activations(dtype, layers, activation):
    configs = [Config(layers=layers, activation=activation, seed=s, lr=lr)
               for s, lr in ((0, 0.03), (1, 0.1), (2, 0.03), (3, 0.3))]
    pgs, alone = _pair(configs)
    for _ in range(2):
        _train_both([pg.trainer for pg in pgs], alone, 3)


@pytest.mark.parametrize("dataset", ["circle", "blobs", "spiral_multi", "plane", "multigauss"])
def test_outputs_binary_multiclass_regression(dtype, dataset):
    configs = [Config(dataset=dataset, layers=(6, 3), seed=s, classes=4, lr=0.03, noise=10)
               for s in range(3)]
    pgs, alone = _pair(configs)
    assert len({cohort.group_key(pg.trainer) for pg in pgs}) == 1
    _train_both([pg.trainer for pg in pgs], alone, 4)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "nesterov", "adam", "rmsprop"])
@pytest.mark.parametrize("reg", ["none", "l1", "l2"])
@pytest.mark.parametrize("batch", [1, 10, 0], ids=["batch-1", "batch-10", "full-batch"])
def test_optimisers_regularisation_and_batch_sizes(dtype, optimizer, reg, batch):
    lrs = (0.03, 0.01, 0.1) if optimizer in ("adam", "rmsprop") else (0.03, 0.3, 0.1)
    rates = (0.001, 0.01, 0.003) if reg != "none" else (0.0, 0.0, 0.0)
    configs = [Config(dataset="spiral", layers=(4, 3), optimizer=optimizer, batch=batch,
                      reg=reg, reg_rate=r, lr=lr, seed=s)
               for s, (lr, r) in enumerate(zip(lrs, rates))]
    pgs, alone = _pair(configs)
    # full batch: 40 epochs pass the sanity check at epochs 0 and 32; batches of 1: 250 steps
    _train_both([pg.trainer for pg in pgs], alone, {0: 40, 1: 1, 10: 3}[batch])


# ---------------------------------------------------------------------- membership
def test_members_join_and_leave_between_calls_at_different_epochs(dtype):
    configs = [Config(seed=s, lr=(0.03, 0.1, 0.3, 0.01, 0.03)[s]) for s in range(5)]
    pgs, alone = _pair(configs)
    trainers = [pg.trainer for pg in pgs]
    for i in (1, 3):  # these two are ahead: trained alone before they join
        for tr in (trainers[i], alone[i]):
            _epochs_alone(tr, 2 + i)
    group = cohort.Cohort(trainers[:2])
    plan = [("train", 3), ("join", 2), ("train", 1), ("join", 3), ("leave", 0),
            ("train", 4), ("join", 4), ("join", 0), ("leave", 2), ("train", 2)]
    for what, arg in plan:
        if what == "join":
            group.join(trainers[arg])
        elif what == "leave":
            group.leave(trainers[arg])
        else:
            members = [i for i in range(5) if any(t is trainers[i] for t in group.members)]
            done = group.train(arg)
            assert done == [_epochs_alone(alone[i], arg) for i in members]
            for i in range(5):
                _assert_same_run(alone[i], trainers[i])
    assert [t.epoch_count for t in trainers] == [6, 13, 5, 11, 2]


def test_changed_learning_rate_between_calls(dtype):
    pgs, alone = _pair([Config(seed=s, optimizer="adam", lr=0.01) for s in range(3)])
    trainers = [pg.trainer for pg in pgs]
    _train_both(trainers, alone, 2)
    for pg, tr in zip(pgs[:2], alone[:2]):  # the learning-rate slider: kept, not restarted
        assert pg.apply(Config(seed=pg.config.seed, optimizer="adam", lr=0.03)) == "kept"
        tr.opt.lr = 0.03
    _train_both(trainers, alone, 3)


def _raise_lr(pg: Playground, alone: Trainer, lr: float) -> None:
    """The learning-rate slider moved: the page's ``apply`` and the same on the copy."""
    c = pg.config
    was_diverged = alone.diverged
    pg.apply(Config(**{**c.__dict__, "lr": lr}))
    alone.opt.lr = lr
    if was_diverged and lr < c.lr:
        alone.resume()


def test_a_diverging_member_stops_while_the_others_go_on(dtype):
    # linear regression: seed 1 starts at a huge rate and diverges at once (restored to
    # epoch 0); seed 2 is raised to one after 6 epochs (restored to its check at 6)
    configs = [Config(dataset="plane", layers=(4, 2), seed=s, lr=(0.03, 3.0, 0.03, 0.01)[s])
               for s in range(4)]
    pgs, alone = _pair(configs)
    trainers = [pg.trainer for pg in pgs]
    done = _train_both(trainers, alone, 6)
    assert trainers[1].diverged and trainers[1].restored_epoch == 0 and done[1] < 6
    assert [done[0], done[2], done[3]] == [6, 6, 6]
    _raise_lr(pgs[2], alone[2], 10.0)
    done = _train_both(trainers, alone, 5)
    assert trainers[2].diverged and trainers[2].restored_epoch == 6 and done[2] < 5
    assert [done[0], done[1], done[3]] == [5, 0, 5]
    # smaller rates resume from the restored states, in step with the group again
    for i in (1, 2):
        _raise_lr(pgs[i], alone[i], 0.01)
        assert not trainers[i].diverged
    done = _train_both(trainers, alone, 4)
    assert done == [4, 4, 4, 4]


def test_a_full_batch_member_diverges_after_a_sane_check(dtype):
    configs = [Config(dataset="plane", activation="linear", batch=0, seed=s, lr=0.01)
               for s in range(3)]
    pgs, alone = _pair(configs)
    trainers = [pg.trainer for pg in pgs]
    _train_both(trainers, alone, 40)  # checked at epochs 0 and 32
    _raise_lr(pgs[1], alone[1], 10.0)
    for _ in range(3):
        _train_both(trainers, alone, 10)
    assert trainers[1].diverged and trainers[1].restored_epoch == 32
    assert not trainers[0].diverged and trainers[0].epoch_count == 70


def test_records_every_epoch_go_through_the_trainer(dtype):
    # a Trainer built directly records every epoch (record_every=1)
    def build(seed, lr):
        pg = Playground(Config(seed=seed, lr=lr))
        t = pg.trainer
        return Trainer(pg.net, t.opt, t.X, t.y, pg.trainer.X_test, pg.trainer.y_test,
                       batch_size=10, seed=seed, record_every=seed + 1)

    together = [build(s, lr) for s, lr in ((0, 0.03), (1, 0.1), (2, 0.03))]
    alone = [copy.deepcopy(t) for t in together]
    _train_both(together, alone, 6)
    assert [len(t.history["epoch"]) for t in together] == [6, 3, 2]


def test_a_trainer_between_epochs_or_unlike_the_others_trains_alone(dtype):
    configs = [Config(seed=0), Config(seed=1), Config(seed=2, activation="relu"),
               Config(seed=3, layers=(4,)), Config(seed=4)]
    pgs, alone = _pair(configs)
    trainers = [pg.trainer for pg in pgs]
    for tr in (trainers[4], alone[4]):
        tr.step()  # a bare step: mid-epoch
    keys = [cohort.group_key(t) for t in trainers]
    assert keys[0] == keys[1] == keys[4] and len({keys[0], keys[2], keys[3]}) == 3
    _train_both(trainers, alone, 3)


def test_playground_frames_after_group_training_match(dtype):
    """What the page shows next (a record after the epochs) is the same too."""
    pgs = [Playground(Config(seed=s)) for s in range(3)]
    solo = [Playground(Config(seed=s)) for s in range(3)]
    for _ in range(3):
        cohort.epochs([pg.trainer for pg in pgs], 4)
        for pg in pgs:
            pg.trainer.record()
        for pg in solo:
            pg.frame(budget=1.0, max_epochs=4, clock=lambda: 0.0)
    for a, b in zip(solo, pgs):
        _assert_same_run(a.trainer, b.trainer)
        np.testing.assert_array_equal(a.grid_view(n=21).V, b.grid_view(n=21).V)


def test_group_key_shares_shape_not_rates():
    base = Playground(Config()).trainer
    assert cohort.group_key(Playground(Config(seed=7, lr=0.3)).trainer) == cohort.group_key(base)
    assert cohort.group_key(Playground(Config(reg="l2", reg_rate=0.01)).trainer) != \
        cohort.group_key(base)
    for other in (Config(batch=5), Config(layers=(4, 3)), Config(activation="relu"),
                  Config(optimizer="momentum"), Config(train_pct=60), Config(features=("x1",))):
        assert cohort.group_key(Playground(other).trainer) != cohort.group_key(base), other


def test_a_trainer_listed_twice_is_refused():
    tr = Playground(Config()).trainer
    with pytest.raises(ValueError):
        cohort.epochs([tr, tr], 1)
