"""Early stopping: stop when the validation loss has not improved for a while.

The rule of Keras's ``EarlyStopping(monitor="val_loss")`` and PyTorch Lightning's:
after every epoch the loss is compared with the best so far; it *improves* when
``loss < best - min_delta`` (the first finite loss always does). An improvement makes it
the best and sets the wait to 0 (and, with ``restore_best``, keeps the parameters);
otherwise the wait grows by one, and training stops once it reaches ``patience``.
With ``restore_best`` the trainer then goes back to the best epoch's parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["EarlyStopping"]


@dataclass
class EarlyStopping:
    """The rule's settings and its state.

    Parameters
    ----------
    patience : int
        Epochs without improvement before stopping (>= 1).
    min_delta : float
        How much lower than the best a loss must be to count as an improvement (>= 0).
    restore_best : bool
        On stopping, go back to the parameters of the best epoch.

    Attributes
    ----------
    best : float
        The best loss so far (inf before any).
    best_epoch : int or None
        The epoch of ``best``.
    wait : int
        Epochs since the last improvement.
    stopped_epoch : int or None
        The epoch after which the rule stopped training (None while it has not).
    """

    patience: int
    min_delta: float = 0.0
    restore_best: bool = False
    best: float = math.inf
    best_epoch: int | None = None
    wait: int = 0
    stopped_epoch: int | None = None

    def __post_init__(self) -> None:
        if int(self.patience) < 1:
            raise ValueError(f"patience must be >= 1 epoch, got {self.patience!r}")
        if not (math.isfinite(self.min_delta) and self.min_delta >= 0):
            raise ValueError(f"min_delta must be a finite number >= 0, got {self.min_delta!r}")
        self.patience = int(self.patience)
        self.min_delta = float(self.min_delta)

    def update(self, loss: float, epoch: int) -> str:
        """Take the loss after ``epoch``: "improved" (a new best), "wait" or "stop"."""
        if math.isfinite(loss) and loss < self.best - self.min_delta:
            self.best, self.best_epoch, self.wait = float(loss), int(epoch), 0
            return "improved"
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = int(epoch)
            return "stop"
        return "wait"

    def go_on(self) -> None:
        """Train on after a stop: the wait starts again (the best is kept)."""
        self.wait = 0
        self.stopped_epoch = None

    def state(self) -> tuple:
        """The state as a tuple (for a checkpoint)."""
        return (self.best, self.best_epoch, self.wait, self.stopped_epoch)

    def load(self, state: tuple) -> None:
        """Back to a :meth:`state`."""
        self.best, self.best_epoch, self.wait, self.stopped_epoch = state
