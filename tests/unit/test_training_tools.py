"""Dropout, learning-rate schedules, gradient clipping and early stopping against PyTorch.

Each run is trained by ``nncore.train.Trainer`` and, from the same start, by a plain
PyTorch loop in float64 written here from torch's documentation: the same batches (the
Generator's permutation), the same dropout masks (drawn from the same Generator state in
the order ``nncore.network.dropout_scales`` documents, applied as ``h * mask / (1 - p)``
after each hidden activation), ``torch.optim.lr_scheduler`` stepped once per epoch after
the epoch's optimiser steps, ``torch.nn.utils.clip_grad_norm_`` between ``backward()``
and ``step()``. 100 steps each; every parameter and loss must agree to 1e-10 relative.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nncore import data, optim, schedules
from nncore.network import MLP
from nncore.stopping import EarlyStopping
from nncore.train import Trainer

torch = pytest.importorskip("torch")

RTOL = 1e-10


def rel(a, b) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(b))), 1e-300))


def setup(seed: int = 0, sizes=(2, 6, 5, 1), act: str = "tanh"):
    X, y = data.make("circle", n=120, noise=0.1, seed=seed)
    Xtr, Xte, ytr, yte = data.split(X, y, test_ratio=0.5, seed=seed)
    net = MLP(list(sizes), activation=act, output="sigmoid", seed=seed)
    return net, Xtr, ytr, Xte, yte


def torch_run(net, opt_name, Xtr, ytr, *, lr, batch, seed, epochs, dropout=(),
              schedule=None, clip=None, momentum=0.9):
    """PyTorch's own training of ``net``'s start: params after each epoch, the rate each
    epoch trained at, how many steps the clipping scaled."""
    tnet = net.to_torch(logits=True)
    params = list(tnet.parameters())
    if opt_name == "sgd":
        opt = torch.optim.SGD(params, lr=lr, momentum=momentum)
    else:
        opt = torch.optim.Adam(params, lr=lr)
    sched = None
    if schedule is not None:
        name, kwargs = schedule.torch_args()
        sched = getattr(torch.optim.lr_scheduler, name)(opt, **kwargs)
    rng = np.random.default_rng(seed)
    F, T = torch.tensor(Xtr), torch.tensor(ytr, dtype=torch.float64).reshape(-1, 1)
    n = len(F)
    out, rates, clipped = [], [], 0
    linears = [m for m in tnet if isinstance(m, torch.nn.Linear)]
    for _ in range(epochs):
        rates.append(opt.param_groups[0]["lr"])
        order = rng.permutation(n) if batch < n else np.arange(n)
        for i in range(0, n, batch):
            idx = order[i:i + batch]
            h = F[idx]
            for l, lin in enumerate(linears):
                h = lin(h)
                if l < len(linears) - 1:
                    h = torch.tanh(h)
                    p = dropout[l] if dropout else 0.0
                    if p > 0:
                        keep = rng.random((len(idx), h.shape[1])) >= p
                        h = h * torch.tensor(np.where(keep, 1.0 / (1.0 - p), 0.0))
            loss = torch.nn.functional.binary_cross_entropy_with_logits(h, T[idx])
            opt.zero_grad()
            loss.backward()
            if clip is not None:
                norm = float(torch.nn.utils.clip_grad_norm_(params, clip))
                clipped += clip / (norm + 1e-6) < 1.0
            opt.step()
        if sched is not None:
            sched.step()
        out.append([p.detach().numpy().copy() for p in params])
    return out, rates, clipped


def nncore_params(net):
    return [a.copy() for Wl, bl in zip(net.W, net.b) for a in (Wl, bl)]


def nncore_run(trainer, epochs):
    out, rates = [], []
    for _ in range(epochs):
        rates.append(trainer.lr_now)
        assert trainer.epoch()
        out.append(nncore_params(trainer.net))
    return out, rates


def assert_same(mine, ref):
    for e, (a, b) in enumerate(zip(mine, ref)):
        for x, y in zip(a, b):
            assert rel(x, y) <= RTOL, (e, rel(x, y))


# ---------------------------------------------------------------- dropout
@pytest.mark.parametrize("rates,batch", [((0.3, 0.2), 6), ((0.5, 0.0), 60), ((0.1, 0.7), 1)])
def test_dropout_equals_torch_with_the_same_masks(rates, batch):
    net, Xtr, ytr, _, _ = setup(1)
    steps_per_epoch = math.ceil(len(Xtr) / batch)
    epochs = math.ceil(100 / steps_per_epoch)
    tr = Trainer(net, optim.SGD(0.1, momentum=0.9), Xtr, ytr, batch_size=batch, seed=4,
                 dropout=rates)
    ref, _, _ = torch_run(net.copy(), "sgd", Xtr, ytr, lr=0.1, batch=batch, seed=4,
                          epochs=epochs, dropout=rates)
    mine, _ = nncore_run(tr, epochs)
    assert tr.step_count >= 100
    assert_same(mine, ref)


def test_dropout_draws_nothing_at_rate_zero_and_evaluates_without_it():
    net, Xtr, ytr, Xte, yte = setup(2)
    a = Trainer(net.copy(), optim.SGD(0.1), Xtr, ytr, batch_size=10, seed=3)
    b = Trainer(net.copy(), optim.SGD(0.1), Xtr, ytr, batch_size=10, seed=3, dropout=0.0)
    a.fit(5)
    b.fit(5)
    assert np.array_equal(a.net.params, b.net.params)
    assert a.rng.bit_generator.state == b.rng.bit_generator.state
    c = Trainer(net.copy(), optim.SGD(0.1), Xtr, ytr, batch_size=10, seed=3, dropout=0.5)
    # evaluation mode: the recorded loss is the network's own loss, no mask
    c.record()
    assert c.history["train_loss"][-1] == net.loss(Xtr, ytr)
    c.fit(3)
    assert c.history["train_loss"][-1] == c.net.loss(Xtr, ytr)


def test_dropout_run_is_reproducible_and_differs_from_none():
    net, Xtr, ytr, _, _ = setup(3)
    runs = [Trainer(net.copy(), optim.Adam(0.01), Xtr, ytr, batch_size=10, seed=7,
                    dropout=p) for p in (0.2, 0.2, 0.0)]
    for r in runs:
        r.fit(4)
    assert np.array_equal(runs[0].net.params, runs[1].net.params)
    assert not np.array_equal(runs[0].net.params, runs[2].net.params)


# ---------------------------------------------------------------- schedules
SCHEDULES = [schedules.Schedule("step", 7, 0.5), schedules.Schedule("exponential", 1, 0.97),
             schedules.Schedule("cosine", 30, 1.0), schedules.Schedule("warmup", 20, 0.1),
             schedules.Schedule("cosine", 13, 1.0)]


@pytest.mark.parametrize("sched", SCHEDULES, ids=lambda s: f"{s.kind}-{s.epochs}")
def test_schedule_rates_equal_torch_lr_scheduler(sched):
    p = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.SGD([p], lr=0.3)
    name, kwargs = sched.torch_args()
    ts = getattr(torch.optim.lr_scheduler, name)(opt, **kwargs)
    for e in range(1000):
        want = opt.param_groups[0]["lr"]
        got = sched.rate(0.3, e)
        assert abs(got - want) <= RTOL * max(abs(want), 1e-300) or abs(got - want) < 1e-17, e
        opt.step()
        ts.step()


@pytest.mark.parametrize("sched", SCHEDULES[:4], ids=lambda s: s.kind)
@pytest.mark.parametrize("opt_name", ["sgd", "adam"])
def test_schedule_trajectory_equals_torch(sched, opt_name):
    net, Xtr, ytr, _, _ = setup(4)
    lr = 0.1 if opt_name == "sgd" else 0.02
    opt = optim.SGD(lr, momentum=0.9) if opt_name == "sgd" else optim.Adam(lr)
    start = net.copy()
    tr = Trainer(net, opt, Xtr, ytr, batch_size=30, seed=2, schedule=sched)  # 2 steps/epoch
    mine, my_rates = nncore_run(tr, 50)
    ref, rates, _ = torch_run(start, opt_name, Xtr, ytr, lr=lr, batch=30, seed=2,
                              epochs=50, schedule=sched)
    assert tr.step_count == 100
    assert rel(my_rates, rates) <= RTOL
    assert_same(mine, ref)
    assert tr.history["lr"][-1] == my_rates[-1]  # recorded: the rate the epoch trained at


def test_schedule_takes_a_new_base_rate():
    sched = schedules.Schedule("step", 2, 0.5)
    net, Xtr, ytr, _, _ = setup(5)
    tr = Trainer(net, optim.SGD(0.1), Xtr, ytr, batch_size=20, schedule=sched)
    tr.fit(4)
    assert tr.opt.lr == pytest.approx(0.1 * 0.5)  # epoch 3 trained at 0.1 * 0.5^1
    tr.base_lr = 1.0
    assert tr.lr_now == 1.0 * 0.5**2
    tr.epoch()
    assert tr.opt.lr == 0.25


# ---------------------------------------------------------------- clipping
@pytest.mark.parametrize("opt_name,clip", [("sgd", 0.05), ("adam", 0.2), ("sgd", 100.0)])
def test_clipping_equals_torch_clip_grad_norm(opt_name, clip):
    net, Xtr, ytr, _, _ = setup(6)
    lr = 0.2 if opt_name == "sgd" else 0.05
    opt = optim.SGD(lr, momentum=0.9) if opt_name == "sgd" else optim.Adam(lr)
    start = net.copy()
    tr = Trainer(net, opt, Xtr, ytr, batch_size=6, seed=9, clip=clip)  # 10 steps/epoch
    mine, _ = nncore_run(tr, 10)
    ref, _, clipped = torch_run(start, opt_name, Xtr, ytr, lr=lr, batch=6, seed=9,
                                epochs=10, clip=clip)
    assert tr.step_count == 100
    assert_same(mine, ref)
    assert tr.clip_count == clipped
    assert (clipped == 0) == (clip == 100.0)
    assert tr.history["clipped"][-1] == clipped


def test_clip_grad_norm_rule():
    G = np.array([3.0, 4.0])
    norm, done = optim.clip_grad_norm(G, 1.0)
    assert norm == 5.0 and done
    assert np.allclose(G, np.array([3.0, 4.0]) / (5.0 + 1e-6))
    G = np.array([3.0, 4.0])
    assert optim.clip_grad_norm(G, 5.0) == (5.0, True)  # 5 / (5 + 1e-6) < 1, as torch
    assert optim.clip_grad_norm(G, 6.0)[1] is False


def test_all_tools_together_equal_torch():
    net, Xtr, ytr, _, _ = setup(7)
    sched = schedules.Schedule("cosine", 10, 1.0)
    start = net.copy()
    tr = Trainer(net, optim.Adam(0.05), Xtr, ytr, batch_size=12, seed=1, dropout=0.25,
                 schedule=sched, clip=0.3)
    mine, _ = nncore_run(tr, 20)  # 5 steps/epoch: 100 steps
    ref, _, clipped = torch_run(start, "adam", Xtr, ytr, lr=0.05, batch=12, seed=1,
                                epochs=20, dropout=(0.25, 0.25), schedule=sched, clip=0.3)
    assert_same(mine, ref)
    assert tr.clip_count == clipped > 0


# ---------------------------------------------------------------- early stopping
def test_early_stopping_rule_by_hand():
    es = EarlyStopping(patience=3, min_delta=0.01)
    # loss:  1.0  0.8  0.795 0.79  0.78  0.70  0.71  0.695 0.70
    # best:  1.0  0.8  0.8   0.8   0.8   0.70  0.70  0.70  0.70
    # (0.795 and 0.79 are within min_delta of 0.8; 0.78 improves by 0.02)
    verdicts = [es.update(v, e) for e, v in enumerate([1.0, 0.8, 0.795, 0.79, 0.78, 0.70,
                                                      0.71, 0.695], start=1)]
    assert verdicts == ["improved", "improved", "wait", "wait", "improved", "improved",
                        "wait", "wait"]
    assert es.update(0.70, 9) == "stop"
    assert (es.best, es.best_epoch, es.wait, es.stopped_epoch) == (0.70, 6, 3, 9)
    es2 = EarlyStopping(patience=1)
    assert [es2.update(v, e) for e, v in enumerate([float("nan"), 2.0, 2.0], 1)] == [
        "stop", "improved", "stop"]


@pytest.mark.parametrize("restore", [True, False])
def test_early_stopping_in_a_run_equals_the_rule_on_torch_losses(restore):
    net, Xtr, ytr, Xte, yte = setup(8, sizes=(2, 8, 8, 1))
    patience, delta = 3, 1e-3
    start = net.copy()
    tr = Trainer(net, optim.SGD(0.1, momentum=0.9), Xtr, ytr, Xte, yte, batch_size=10,
                 seed=5, early_stopping=EarlyStopping(patience, delta, restore))
    # torch's run from the same start; its test loss after every epoch, the rule by hand
    ref, _, _ = torch_run(start, "sgd", Xtr, ytr, lr=0.1, batch=10, seed=5, epochs=200)
    tnet = start.to_torch(logits=True)
    Fte = torch.tensor(Xte)
    Tte = torch.tensor(yte, dtype=torch.float64).reshape(-1, 1)
    best, best_e, wait, stop_e = math.inf, None, 0, None
    for e, params in enumerate(ref, start=1):
        with torch.no_grad():
            for p, v in zip(tnet.parameters(), params):
                p.copy_(torch.from_numpy(v))
            loss = float(torch.nn.functional.binary_cross_entropy_with_logits(tnet(Fte), Tte))
        if loss < best - delta:
            best, best_e, wait = loss, e, 0
        else:
            wait += 1
            if wait >= patience:
                stop_e = e
                break
    assert stop_e is not None, "the case must stop within 200 epochs"
    done = 0
    while tr.epoch():
        done += 1
    assert done == stop_e and tr.stopped and tr.epoch_count == stop_e
    assert tr.step_count >= 100
    es = tr.early_stopping
    assert (es.best_epoch, es.stopped_epoch) == (best_e, stop_e)
    assert abs(es.best - best) <= RTOL * best
    want = ref[best_e - 1] if restore else ref[stop_e - 1]
    for a, b in zip(nncore_params(tr.net), want):
        assert rel(a, b) <= RTOL
    assert not tr.step() and not tr.epoch()  # stopped: nothing trains
    tr.go_on()
    assert tr.epoch()


def test_early_stopping_survives_a_checkpoint():
    net, Xtr, ytr, Xte, yte = setup(9)
    make = lambda: Trainer(net.copy(), optim.SGD(0.3), Xtr, ytr, Xte, yte,  # noqa: E731
                           batch_size=10, seed=1, clip=0.1,
                           early_stopping=EarlyStopping(2, 0.0, True))
    a = make()
    a.fit(6)
    b = make()
    b.load_checkpoint(a.checkpoint())
    a.fit(40)
    b.fit(40)
    assert np.array_equal(a.net.params, b.net.params)
    assert (a.stopped, a.clip_count, a.early_stopping.state()) == (
        b.stopped, b.clip_count, b.early_stopping.state())
