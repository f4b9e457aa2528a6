"""The training loop: mini-batches, a per-epoch history, divergence detection.

A :class:`Trainer` owns a network, an optimiser and the data. ``step()`` trains on one
mini-batch, ``epoch()`` on one pass over the training set, ``fit()`` on many.
After every epoch it records the train and test loss, accuracy (classification) or R²
(regression), the gradient norm of every layer and the share of dead units per hidden layer.

A step whose loss or parameters are not finite (a learning rate that is too large)
stops training: ``diverged`` becomes True, ``diverged_epoch`` says when, the last finite
parameters are restored and nothing raises or hands a NaN to the caller.
"""

from __future__ import annotations

import math

import numpy as np

from nncore import losses

__all__ = ["Trainer", "accuracy", "r2_score", "HISTORY_KEYS"]

HISTORY_KEYS = (
    "epoch",
    "train_loss",
    "test_loss",
    "train_acc",
    "test_acc",
    "train_r2",
    "test_r2",
    "grad_norm",
    "dead",
)


def accuracy(Y_hat: np.ndarray, y: np.ndarray) -> float:
    """Share of correct predictions.

    Parameters
    ----------
    Y_hat : ndarray, shape (m, 1) (sigmoid: class 1 when >= 0.5) or (m, k) (argmax)
    y : ndarray, shape (m,), integer labels
    """
    y = np.asarray(y).reshape(-1)
    pred = (Y_hat[:, 0] >= 0.5) if Y_hat.shape[1] == 1 else np.argmax(Y_hat, axis=1)
    return float(np.mean(pred == y))


def r2_score(Y_hat: np.ndarray, y: np.ndarray) -> float:
    """Coefficient of determination R² = 1 - SS_res / SS_tot (1 is perfect, 0 a constant)."""
    y = np.asarray(y, dtype=np.float64).reshape(Y_hat.shape)
    ss_res = float(np.sum((y - Y_hat) ** 2))
    ss_tot = float(np.sum((y - y.mean(axis=0)) ** 2))
    return 1.0 - ss_res / ss_tot if ss_tot > 0 else 0.0


def _norm(*arrays: np.ndarray) -> float:
    """Frobenius norm of several arrays together, scaled so huge gradients do not overflow."""
    s = max(float(np.max(np.abs(a))) if a.size else 0.0 for a in arrays)
    if s == 0.0 or not np.isfinite(s):
        return s
    return s * float(np.sqrt(sum(np.sum(np.square(a / s, dtype=np.float64)) for a in arrays)))


class Trainer:
    """Train ``net`` with ``optimizer`` on ``(X, y)``; optionally evaluate on a test set.

    Parameters
    ----------
    net : nncore.MLP
    optimizer : nncore.optim.SGD or nncore.optim.Adam
    X : ndarray, shape (n, n[0])
    y : ndarray, shape (n,) or (n, n[L])
        Labels (0/1, class indices) or regression targets.
    X_test, y_test : ndarray, optional
        A held-out set, evaluated after every recorded epoch.
    batch_size : int, optional
        Mini-batch size; ``None`` (or >= n) trains on the full batch.
    loss : str, optional
        Loss name; defaults to ``net.loss_name``.
    seed : int
        Seed of the mini-batch shuffling.
    record_every : int
        Record the history every this many epochs (1 records all).
    """

    def __init__(
        self,
        net,
        optimizer,
        X,
        y,
        X_test=None,
        y_test=None,
        batch_size: int | None = None,
        loss: str | None = None,
        seed: int = 0,
        record_every: int = 1,
    ) -> None:
        self.net = net
        self.opt = optimizer
        self.loss = losses.get(loss or net.loss_name)
        self.X = net._check_X(X)
        self.y = np.asarray(y)
        self.T = self._targets(self.X, self.y, "y")
        self.has_test = X_test is not None and y_test is not None and len(X_test) > 0
        if self.has_test:
            self.X_test = net._check_X(X_test)
            self.y_test = np.asarray(y_test)
            self._targets(self.X_test, self.y_test, "y_test")
        n = self.X.shape[0]
        if batch_size is not None and int(batch_size) < 1:
            raise ValueError(f"batch_size must be >= 1 or None, got {batch_size!r}")
        self.batch_size = n if batch_size is None else min(int(batch_size), n)
        self.record_every = max(1, int(record_every))
        self.kind = (
            "regression"
            if self.loss.name == "mse"
            else ("binary" if net.sizes[-1] == 1 else "multiclass")
        )
        self.rng = np.random.default_rng(seed)
        self.epoch_count = 0
        self.step_count = 0
        self.diverged = False
        self.diverged_epoch: int | None = None
        self.history: dict[str, list] = {k: [] for k in HISTORY_KEYS}
        self.last_grads = None
        self._order = np.arange(n)
        self._pos = 0
        self._backup = net._theta.copy()

    # ------------------------------------------------------------------ helpers
    def _targets(self, X: np.ndarray, y: np.ndarray, what: str) -> np.ndarray:
        if len(y) != len(X):
            raise ValueError(f"{what} has {len(y)} rows but X has {len(X)}")
        A = np.zeros((len(X), self.net.sizes[-1]), dtype=self.net.dtype)
        return self.loss.targets(y, A)

    def _finite(self) -> bool:
        # every parameter sits in net._theta; one sum is cheaper than isfinite(...).all()
        # and catches inf and NaN alike (a sum that overflows means weights near the float
        # limit, which is a divergence too)
        return math.isfinite(self.net._theta.sum())

    def _diverge(self) -> None:
        # back to the parameters at the start of this epoch: the last ones known to be finite
        np.copyto(self.net._theta, self._backup)
        self.opt.reset()
        self._pos = 0
        self.diverged = True
        self.diverged_epoch = self.epoch_count + 1

    def resume(self) -> None:
        """Go on after a divergence (e.g. with a smaller ``opt.lr``) from the restored state."""
        self.diverged = False
        self.diverged_epoch = None

    # ------------------------------------------------------------------ training
    def step(self) -> bool:
        """Train on the next mini-batch.

        Returns
        -------
        bool
            False when training has diverged (now or before), else True.
        """
        if self.diverged:
            return False
        n, B = self.X.shape[0], self.batch_size
        if self._pos == 0:
            # parameters at the start of every epoch are the state a divergence falls back to
            np.copyto(self._backup, self.net._theta)
        if B >= n:
            Xb, Tb = self.X, self.T
        else:
            if self._pos == 0:
                self._order = self.rng.permutation(n)
            idx = self._order[self._pos : self._pos + B]
            Xb, Tb = self.X[idx], self.T[idx]
        with np.errstate(all="ignore"):
            _, cache = self.net.forward(Xb)
            grads = self.net.backward(cache, Tb, self.loss.name)
            self.opt.step(self.net, grads)
            if not self._finite():
                self._diverge()
                return False
        self.last_grads = grads
        self.step_count += 1
        if B < n:
            self._pos += B
            if self._pos >= n:
                self._pos = 0
        return True

    def epoch(self) -> bool:
        """One pass over the training set. Returns False if training has diverged."""
        if self.diverged:
            return False
        while True:
            if not self.step():
                return False
            if self._pos == 0:
                break
        self.epoch_count += 1
        if self.epoch_count % self.record_every == 0:
            return self.record()
        return True

    def fit(self, epochs: int, callback=None) -> dict:
        """Train ``epochs`` epochs (fewer if training diverges or ``callback`` returns True).

        Parameters
        ----------
        epochs : int
        callback : callable, optional
            ``callback(trainer)`` after every epoch; returning True stops training.

        Returns
        -------
        dict
            The history.
        """
        for _ in range(int(epochs)):
            if not self.epoch():
                break
            if callback is not None and callback(self):
                break
        return self.history

    # ------------------------------------------------------------------ evaluation
    def evaluate(self, X: np.ndarray, y: np.ndarray) -> dict:
        """Loss and accuracy (or R²) of the current network on ``(X, y)``."""
        with np.errstate(all="ignore"):
            _, cache = self.net.forward(X)
            AL, ZL = cache.A[-1], cache.Z[-1]
            out = {"loss": self.loss.value(AL, y, None if self.loss.name == "mse" else ZL)}
            if self.kind == "regression":
                out["r2"] = r2_score(AL, y)
            else:
                out["acc"] = accuracy(AL, y)
        out["cache"] = cache
        return out

    def dead_share(self, cache) -> list[float]:
        """Per hidden layer, the share of units whose g'(z) is 0 on every point of the batch."""
        dg = self.net.activation.dg
        return [float(np.mean(np.all(dg(Z) == 0, axis=0))) for Z in cache.Z[1:-1]]

    def grad_norms(self) -> list[float]:
        """Per layer, the Frobenius norm of [dW, db] from the latest step."""
        g = self.last_grads
        if g is None:
            return [0.0] * self.net.L
        return [_norm(dW, db) for dW, db in zip(g.dW, g.db)]

    def record(self) -> bool:
        """Append the current state to the history.

        A non-finite loss (the parameters are finite but the outputs overflowed) counts as
        divergence: nothing is recorded and the parameters go back to the epoch's start.
        Returns False in that case.
        """
        h = self.history
        tr = self.evaluate(self.X, self.y)
        te = self.evaluate(self.X_test, self.y_test) if self.has_test else None
        if not (np.isfinite(tr["loss"]) and (te is None or np.isfinite(te["loss"]))):
            self.epoch_count -= 1
            self._diverge()
            return False
        h["epoch"].append(self.epoch_count)
        h["train_loss"].append(tr["loss"])
        h["test_loss"].append(te["loss"] if te else None)
        for metric in ("acc", "r2"):
            h[f"train_{metric}"].append(tr.get(metric))
            h[f"test_{metric}"].append(te.get(metric) if te else None)
        h["grad_norm"].append(self.grad_norms())
        h["dead"].append(self.dead_share(tr["cache"]))
        return True
