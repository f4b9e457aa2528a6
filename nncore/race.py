"""A race between optimisers: same start, same data, same batch order, stepped together.

>>> from nncore import problems
>>> race = Race(problems.narrow_bowl(), [Runner("sgd", "sgd", lr=0.015),
...                                      Runner("momentum", "momentum", lr=0.015)])
>>> race.step(100)
100
>>> race.leader()
'momentum'

Each :class:`Runner` is a setting (a label, an optimiser from :mod:`nncore.optim`, its
learning rate and momentum); the race keeps, per runner, its parameters, its optimiser's
state, its path (the parameters at every step, the start included) and its loss history.
Step ``k`` of every runner uses the problem's gradient for step ``k`` (the same
mini-batch), and the updates are ``nncore.optim``'s, which follow ``torch.optim``.
A runner whose loss or parameters stop being finite, or whose loss exceeds
:data:`DIVERGE_FACTOR` times ``max(1, its starting loss)``, stops (``diverged``) and keeps
its last point before that; the others go on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nncore import optim

__all__ = ["KINDS", "DIVERGE_FACTOR", "Runner", "Race"]

#: a runner has diverged when its loss exceeds this many times max(1, its starting loss)
DIVERGE_FACTOR = 1e3

#: the optimisers a runner can use
KINDS = optim.ALL_NAMES


@dataclass(frozen=True)
class Runner:
    """One runner's settings.

    label : shown in the legend (unique in a race);  kind : one of :data:`KINDS`;
    lr : learning rate;  momentum : for ``momentum`` and ``nesterov`` (None: 0.9) and
    ``rmsprop`` (None: 0, torch's default);
    betas : Adam's;  alpha, centered : RMSprop's;  l2 : weight decay (weights only).
    """

    label: str
    kind: str = "sgd"
    lr: float = 0.01
    momentum: float | None = None
    betas: tuple[float, float] = (0.9, 0.999)
    alpha: float = 0.99
    centered: bool = False
    l2: float = 0.0

    def optimizer(self):
        """A fresh ``nncore.optim`` optimiser with these settings."""
        if self.kind == "sgd":
            return optim.SGD(self.lr, l2=self.l2)
        if self.kind in ("momentum", "nesterov"):
            mu = 0.9 if self.momentum is None else self.momentum
            return optim.SGD(self.lr, momentum=mu, nesterov=self.kind == "nesterov", l2=self.l2)
        if self.kind == "adam":
            return optim.Adam(self.lr, betas=self.betas, l2=self.l2)
        if self.kind == "rmsprop":
            return optim.RMSprop(self.lr, alpha=self.alpha, momentum=self.momentum or 0.0,
                                 centered=self.centered, l2=self.l2)
        raise ValueError(f"unknown optimiser {self.kind!r}; choose one of {list(KINDS)}")


class _Flat:
    """The two attributes an ``nncore.optim`` optimiser reads from a network."""

    def __init__(self, params: np.ndarray, weight_mask: np.ndarray) -> None:
        self.params = params
        self.weight_mask = weight_mask


class _Grads:
    def __init__(self, dparams: np.ndarray) -> None:
        self.dparams = dparams


class _Lane:
    """A runner's state in the race."""

    def __init__(self, runner: Runner, problem) -> None:
        self.runner = runner
        self.opt = runner.optimizer()
        self.theta = _Flat(np.array(problem.params0, dtype=np.float64),
                           np.asarray(problem.weight_mask, dtype=np.float64))
        loss, self.grad = problem.evaluate(self.theta.params.copy(), 0)
        self.path = [self.theta.params.copy()]
        self.losses = [float(loss)]
        self.diverged: int | None = None


class Race:
    """Runners racing on ``problem`` (see :mod:`nncore.problems`).

    Parameters
    ----------
    problem : has ``params0`` (P,), ``weight_mask`` (P,), ``evaluate(theta, k)``
    runners : sequence of :class:`Runner`, labels unique
    """

    def __init__(self, problem, runners) -> None:
        runners = list(runners)
        labels = [r.label for r in runners]
        if not runners or len(set(labels)) != len(labels):
            raise ValueError(f"a race needs runners with unique labels, got {labels}")
        self.problem = problem
        self.runners = runners
        self.reset()

    def reset(self) -> None:
        """Everyone back to the start, optimiser states cleared."""
        self.lanes = {r.label: _Lane(r, self.problem) for r in self.runners}
        self.steps = 0

    def step(self, k: int = 1) -> int:
        """Step every runner ``k`` times, in step with each other. Returns ``k``."""
        for _ in range(int(k)):
            for lane in self.lanes.values():
                if lane.diverged is None:
                    self._advance(lane)
            self.steps += 1
        return int(k)

    def _advance(self, lane: _Lane) -> None:
        before = lane.theta.params.copy()
        with np.errstate(all="ignore"):
            lane.opt.step(lane.theta, _Grads(lane.grad))
            theta = lane.theta.params
            if np.all(np.isfinite(theta)):
                loss, grad = self.problem.evaluate(theta.copy(), self.steps + 1)
            else:
                loss, grad = math.nan, None
        limit = DIVERGE_FACTOR * max(1.0, lane.losses[0])
        if not (math.isfinite(loss) and loss <= limit and np.all(np.isfinite(grad))):
            np.copyto(lane.theta.params, before)
            lane.diverged = self.steps + 1
            return
        lane.grad = grad
        lane.path.append(theta.copy())
        lane.losses.append(float(loss))

    def optimizer(self, label: str):
        """The runner's optimiser (e.g. to change its ``lr`` while racing)."""
        return self.lanes[label].opt

    def path(self, label: str) -> np.ndarray:
        """The parameters at every step, the start first, shape (steps + 1, P) (fewer rows
        after a divergence)."""
        return np.array(self.lanes[label].path)

    def losses(self, label: str) -> np.ndarray:
        """The loss at every point of the path, shape like ``path(label)[:, 0]``."""
        return np.array(self.lanes[label].losses)

    def params(self, label: str) -> np.ndarray:
        """The runner's current parameters (P,) (a copy)."""
        return self.lanes[label].theta.params.copy()

    def diverged(self, label: str) -> int | None:
        """The step at which the runner diverged and stopped, or None."""
        return self.lanes[label].diverged

    def leader(self) -> str | None:
        """The label of the runner with the lowest current loss (diverged ones excluded;
        the first runner on ties); None when all diverged."""
        alive = [(lane.losses[-1], i, label) for i, (label, lane) in
                 enumerate(self.lanes.items()) if lane.diverged is None]
        return min(alive)[2] if alive else None
