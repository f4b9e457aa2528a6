"""Learning-rate schedules, equal to ``torch.optim.lr_scheduler``, stepped per epoch.

A :class:`Schedule` gives the rate an epoch trains at from the base rate (the learning
rate the user set) and the number of epochs trained before it, ``e = 0, 1, 2, ...``:
PyTorch's order, where ``scheduler.step()`` follows each epoch's optimiser steps, so
epoch ``e`` trains at the rate of ``last_epoch = e``.

- ``step``: ``StepLR(step_size=N, gamma=g)``, rate ``base * g ** (e // N)``;
- ``exponential``: ``ExponentialLR(gamma=g)``, rate ``base * g ** e``;
- ``cosine``: ``CosineAnnealingLR(T_max=N, eta_min=0)``, rate
  ``base (1 + cos(pi e / N)) / 2`` (past N it rises again, as torch's does);
- ``warmup``: ``LinearLR(start_factor=g, end_factor=1, total_iters=N)``, rate
  ``base * (g + (1 - g) min(e, N) / N)``.

These are torch's closed forms (``_get_closed_form_lr``). torch's ``step()`` computes
the same rates by a recursion from the previous rate; the two differ by rounding only
(relative 1e-16 per epoch: ``tests/unit/test_schedules.py`` compares them over 1,000
epochs and the trajectories over 100 steps). The closed form keeps a trainer's rate a
function of its epoch and base rate, so a checkpoint, a class's shared run or a new base
rate (the slider moved mid-run) need no scheduler state.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["KINDS", "TORCH", "Schedule", "get"]

#: "none" and the schedules offered
KINDS = ("none", "step", "exponential", "cosine", "warmup")
#: kind -> the torch.optim.lr_scheduler class
TORCH = {"step": "StepLR", "exponential": "ExponentialLR", "cosine": "CosineAnnealingLR",
         "warmup": "LinearLR"}


@dataclass(frozen=True)
class Schedule:
    """A learning-rate schedule (see the module's table).

    Parameters
    ----------
    kind : {"step", "exponential", "cosine", "warmup"}
    epochs : int
        ``N``: StepLR's ``step_size``, CosineAnnealingLR's ``T_max``, LinearLR's
        ``total_iters`` (unused by ``exponential``).
    gamma : float
        ``g``: the decay factor of ``step`` and ``exponential``, the start factor of
        ``warmup`` (unused by ``cosine``).
    """

    kind: str
    epochs: int = 100
    gamma: float = 0.5

    def __post_init__(self) -> None:
        if self.kind not in TORCH:
            raise ValueError(f"unknown schedule {self.kind!r}; choose one of {list(TORCH)}")
        if int(self.epochs) < 1:
            raise ValueError(f"a schedule's epochs must be >= 1, got {self.epochs!r}")
        if not (math.isfinite(self.gamma) and 0.0 < self.gamma <= 1.0):
            raise ValueError(f"a schedule's gamma must lie in (0, 1], got {self.gamma!r}")

    def rate(self, base: float, epoch: int) -> float:
        """The learning rate of epoch ``epoch`` (epochs trained before it) from ``base``."""
        e, N, g = int(epoch), int(self.epochs), float(self.gamma)
        if self.kind == "step":
            return base * g ** (e // N)
        if self.kind == "exponential":
            return base * g ** e
        if self.kind == "cosine":  # eta_min = 0
            return 0.0 + (base - 0.0) * (1 + math.cos(math.pi * e / N)) / 2
        return base * (g + (1.0 - g) * min(N, e) / N)  # warm-up: LinearLR, end_factor 1

    def torch_args(self) -> tuple[str, dict]:
        """``(torch.optim.lr_scheduler class name, keyword arguments)``."""
        if self.kind == "step":
            return "StepLR", {"step_size": int(self.epochs), "gamma": float(self.gamma)}
        if self.kind == "exponential":
            return "ExponentialLR", {"gamma": float(self.gamma)}
        if self.kind == "cosine":
            return "CosineAnnealingLR", {"T_max": int(self.epochs), "eta_min": 0.0}
        return "LinearLR", {"start_factor": float(self.gamma), "end_factor": 1.0,
                            "total_iters": int(self.epochs)}


def get(kind: str, epochs: int = 100, gamma: float = 0.5) -> Schedule | None:
    """The schedule ``kind`` (None for "none")."""
    if kind == "none":
        return None
    return Schedule(kind, int(epochs), float(gamma))
