"""Runs the export tests share (unit: in-process; integration: the scripts in subprocesses).

Each configuration is trained a few epochs before the export, so the optimiser's state is
not trivial; :func:`independent_continuation` is nncore's own next epochs in float64, made
without ``nncore.export`` (the oracle both tiers compare the exported scripts with).
"""

from __future__ import annotations

import copy

import numpy as np

from nncore import data
from nncore.playground import Config, Playground

#: the largest relative difference accepted (float64 on both sides)
RTOL = 1e-9

#: (id, config, epochs trained before the export)
CASES = [
    ("binary-sgd-l2-batch30", Config(dataset="circle", optimizer="sgd", lr=0.03, reg="l2",
                                     reg_rate=0.003, batch=30), 4),
    ("binary-momentum-l1-full", Config(dataset="xor", optimizer="momentum", lr=0.03, reg="l1",
                                       reg_rate=0.001, batch=0, layers=(6, 3),
                                       features=("x1", "x2", "x1*x2")), 20),
    ("multiclass-adam-l2-batch20", Config(dataset="blobs", classes=4, optimizer="adam",
                                          lr=0.003, reg="l2", reg_rate=0.01, batch=20,
                                          activation="relu", layers=(5,)), 3),
    ("regression-adam-full", Config(dataset="plane", optimizer="adam", lr=0.01, batch=0,
                                    layers=(4,), features=("x1", "x2", "sin(x1)")), 10),
    ("multiclass-nesterov-l1-batch30", Config(dataset="spiral_multi", classes=3,
                                              optimizer="nesterov", lr=0.01, reg="l1",
                                              reg_rate=0.001, batch=30, activation="tanh",
                                              layers=(6,), features=("x1", "x2", "x1^2")), 2),
    ("binary-rmsprop-l2-batch10", Config(dataset="xor", optimizer="rmsprop", lr=0.003,
                                         reg="l2", reg_rate=0.001, batch=10), 5),
    # the training tools (issue 32): dropout's masks, a cosine schedule, clipping
    ("binary-adam-dropout-cosine-clip-batch10", Config(
        dataset="circle", optimizer="adam", lr=0.01, batch=10, layers=(6, 4), dropout=0.2,
        schedule="cosine", sched_epochs=20, clip=0.3), 7),
]

#: the Backprop page's steps: (sizes, output, label)
STEP_CASES = [([2, 3, 1], "sigmoid", [1.0]), ([3, 4, 3], "softmax", 1),
              ([2, 2, 2], "linear", [0.5, -1.0]), ([2, 3, 1], "tanh", [0.3])]


def trained(config: Config, epochs: int) -> Playground:
    """A playground trained ``epochs`` epochs."""
    pg = Playground(config)
    for _ in range(epochs):
        assert pg.step()
    return pg


def independent_continuation(pg: Playground, epochs: int) -> dict:
    """nncore's own next epochs in float64, without nncore.export: a deep copy of the
    trainer (its Generator included) with the network, data and optimiser state cast.

    Returns ``{"loss": [after each epoch], "weights": [W1, b1, W2, ...]}``.
    """
    tr = copy.deepcopy(pg.trainer)
    tr.net = pg.net.astype(np.float64)
    tr.X = data.features(pg.X_train, pg.config.features)
    tr.T = tr.loss.targets(tr.y, np.zeros((len(tr.X), tr.net.sizes[-1])))
    tr.X_test = data.features(pg.X_test, pg.config.features)
    tr._sane = tr.net.params.copy()
    tr._recorded = None
    if tr.opt.state is not None:
        tr.opt.state = [s.astype(np.float64) for s in tr.opt.state]
    losses = []
    for _ in range(epochs):
        assert tr.epoch()
        losses.append(tr.evaluate(tr.X, tr.y)["loss"])
    weights = [a for Wl, bl in zip(tr.net.W, tr.net.b) for a in (Wl, bl)]
    return {"loss": losses, "weights": weights}


def rel(a, b) -> float:
    """max |a - b| / max |b|."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(b))), 1e-300))
