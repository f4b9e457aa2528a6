"""The training loop: mini-batches, a per-epoch history, divergence detection.

A :class:`Trainer` owns a network, an optimiser and the data. ``step()`` trains on one
mini-batch, ``epoch()`` on one pass over the training set, ``fit()`` on many.
After every epoch it records the train and test loss, accuracy (classification) or R²
(regression), the gradient norm of every layer and the share of dead units per hidden layer.

A step whose loss or parameters are not finite (a learning rate that is too large)
stops training: ``diverged`` becomes True, ``diverged_epoch`` says when, and nothing
raises or hands a NaN to the caller. The parameters go back to the last *sane* state,
``restored_epoch``, from which a smaller learning rate can train on:

- The last finite parameters are no use: a full-batch run that diverges typically has
  weights around 1e20 an epoch before they overflow, and a smaller rate diverges again
  from there (91 of 111 such full-batch runs did in the sweep of issue 10).
- So at the start of an epoch the trainer checks the training-set loss J of the current
  parameters; when J is finite and ``J <= SANE_FACTOR * best`` (``best``: the smallest
  J checked so far) the parameters are copied aside (one ``np.copyto`` of the flat
  buffer, no allocation). A check is due once ``CHECK_STEPS`` steps have passed since
  the last one: every 32nd epoch at full batch, every 2nd with mini-batches of 10 from
  250 points. J comes from the step's own forward pass at full batch, from the last
  ``record()`` when that was of these parameters, else from one forward pass over the
  training set: under 1% of the training time at full batch, about 2% with batches of 30
  (measured on spiral, [2, 8, 8, 1], float32).
- A divergence copies them back, resets the optimiser (momentum and Adam's moments
  start again from zero rather than pushing in the direction that diverged), sets
  ``epoch_count`` to ``restored_epoch`` and cuts the history after it, so the history
  ends with the state the network is in (a record of it is appended when that epoch
  was not recorded). ``step_count`` keeps counting every step taken.

Training tools, each off by default (and then not a single number changes), each as
PyTorch does it (``tests/unit/test_training_tools.py`` compares them in float64):

- ``dropout``: inverted dropout after every hidden layer's activation, as
  ``torch.nn.Dropout`` in training mode; the masks come from the trainer's ``rng``, at
  every step after the epoch's permutation (:func:`nncore.network.dropout_scales` says
  the order), so a seed still reproduces a run. Every evaluation (the history, the
  sanity checks, early stopping, ``evaluate``) is in evaluation mode: no dropout.
- ``schedule``: the rate of each epoch, ``opt.lr = schedule.rate(base_lr, epoch_count)``
  set at the epoch's first step (:mod:`nncore.schedules`: torch's lr_scheduler stepped
  once per epoch). ``base_lr`` is the optimiser's rate when the trainer is made.
- ``clip``: the gradients of every step clipped to that global norm before the optimiser
  (and before its L1/L2 terms) as ``torch.nn.utils.clip_grad_norm_``; ``clip_count``
  counts the steps it scaled, and the recorded gradient norms are the clipped ones.
- ``early_stopping``: an :class:`nncore.stopping.EarlyStopping` fed the test loss (the
  training loss without a test set) after every epoch; when it says stop, ``stopped``
  becomes True (and with ``restore_best`` the best epoch's parameters come back), and
  ``step``/``epoch`` train no more until :meth:`Trainer.go_on`.
"""

from __future__ import annotations

import math

import numpy as np

from nncore import losses
from nncore.network import dropout_scales
from nncore.optim import clip_grad_norm

__all__ = ["Trainer", "accuracy", "r2_score", "check_due", "is_sane", "HISTORY_KEYS",
           "SANE_FACTOR", "CHECK_STEPS"]

#: a checked epoch is sane when its training loss is at most this many times the best
SANE_FACTOR = 10.0
#: steps between two sanity checks of the training loss (each at the start of an epoch)
CHECK_STEPS = 32

#: |z| beyond which every activation's g'(z) has reached its limit (to float precision)
#: and below which none overflows (nncore.activations is stable at |z| = 1000)
_SATURATED = 1e3

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
    "lr",
    "clipped",
)


def check_due(since_check: int) -> bool:
    """Whether an epoch start checks the training loss: ``CHECK_STEPS`` steps have passed
    since the last check (the rule ``Trainer`` and ``nncore.cohort`` share)."""
    return since_check >= CHECK_STEPS


def is_sane(loss: float, best: float) -> bool:
    """Whether a checked training loss keeps the parameters as the sane state: finite and
    at most ``SANE_FACTOR`` times the best loss checked so far."""
    return math.isfinite(loss) and loss <= SANE_FACTOR * best


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
    dropout : float or sequence of float, optional
        Dropout rate ``p`` in [0, 1) of every hidden layer, or one per hidden layer.
    schedule : nncore.schedules.Schedule, optional
        The learning rate per epoch, from the optimiser's rate as the base.
    clip : float, optional
        Clip every step's gradients to this global norm (> 0).
    early_stopping : nncore.stopping.EarlyStopping, optional
        Stop when the test loss stops improving (see the module's docstring).
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
        dropout=None,
        schedule=None,
        clip: float | None = None,
        early_stopping=None,
    ) -> None:
        self.net = net
        self.opt = optimizer
        self.loss = losses.get(loss or net.loss_name)
        self.X = net.check_X(X)
        self.y = np.asarray(y)
        self.T = self._targets(self.X, self.y, "y")
        self.has_test = X_test is not None and y_test is not None and len(X_test) > 0
        if self.has_test:
            self.X_test = net.check_X(X_test)
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
        #: after a divergence, the epoch whose parameters were restored (None otherwise)
        self.restored_epoch: int | None = None
        self.history: dict[str, list] = {k: [] for k in HISTORY_KEYS}
        self.last_grads = None
        self.dropout = dropout
        self.schedule = schedule
        #: the rate a schedule starts from (the optimiser's when made; Playground.apply
        #: sets it from the learning-rate control)
        self.base_lr = float(optimizer.lr)
        if clip is not None and not (math.isfinite(clip) and clip > 0):
            raise ValueError(f"clip must be a finite number > 0 or None, got {clip!r}")
        self.clip = None if clip is None else float(clip)
        #: steps whose gradients the clipping scaled
        self.clip_count = 0
        self.early_stopping = early_stopping
        #: True once early stopping stopped training (see go_on)
        self.stopped = False
        self._best_params = None  # early stopping's best parameters (restore_best)
        self._order = np.arange(n)
        self._pos = 0
        # the last sane state: parameters, their epoch and the gradients of the step that
        # led to them (for the history's grad_norm); the seeded start until a check passes
        self._sane = net.params.copy()
        self._sane_epoch = 0
        self._sane_grads = None
        self._best_loss = math.inf
        self._since_check = CHECK_STEPS  # the first epoch start is checked
        # (step_count, sum of the parameters, training loss) of the latest record()
        self._recorded: tuple[int, float, float] | None = None

    # ------------------------------------------------------------------ tools
    @property
    def dropout(self) -> tuple[float, ...]:
        """The dropout rate per hidden layer (all 0: none)."""
        return self._dropout

    @dropout.setter
    def dropout(self, rates) -> None:
        hidden = self.net.L - 1
        if rates is None:
            rates = 0.0
        rates = (float(rates),) * hidden if np.isscalar(rates) else tuple(map(float, rates))
        if len(rates) != hidden or not all(0.0 <= p < 1.0 for p in rates):
            raise ValueError(f"dropout needs {hidden} rate(s) in [0, 1), got {rates!r}")
        self._dropout = rates
        self._drops = any(p > 0 for p in rates)

    @property
    def lr_now(self) -> float:
        """The learning rate of the next epoch (the schedule's, else the optimiser's)."""
        if self.schedule is None:
            return self.opt.lr
        return self.schedule.rate(self.base_lr, self.epoch_count)

    def go_on(self) -> None:
        """Train again after early stopping stopped (its wait starts again)."""
        self.stopped = False
        if self.early_stopping is not None:
            self.early_stopping.go_on()

    def _watch(self) -> None:
        """Early stopping after an epoch: the test loss (evaluation mode) to the rule."""
        es = self.early_stopping
        X, y = (self.X_test, self.y_test) if self.has_test else (self.X, self.y)
        with np.errstate(all="ignore"):
            loss = self.evaluate(X, y)["loss"]
        verdict = es.update(loss, self.epoch_count)
        if verdict == "improved" and es.restore_best:
            if self._best_params is None:
                self._best_params = self.net.params.copy()
            else:
                np.copyto(self._best_params, self.net.params)
        elif verdict == "stop":
            self.stopped = True
            if es.restore_best and self._best_params is not None:
                np.copyto(self.net.params, self._best_params)
                self._recorded = None

    # ------------------------------------------------------------------ helpers
    def _targets(self, X: np.ndarray, y: np.ndarray, what: str) -> np.ndarray:
        if len(y) != len(X):
            raise ValueError(f"{what} has {len(y)} rows but X has {len(X)}")
        A = np.zeros((len(X), self.net.sizes[-1]), dtype=self.net.dtype)
        return self.loss.targets(y, A)

    def _finite(self) -> bool:
        # every parameter sits in net.params; one sum is cheaper than isfinite(...).all()
        # and catches inf and NaN alike (a sum that overflows means weights near the float
        # limit, which is a divergence too)
        return math.isfinite(self.net.params.sum())

    def _stamp(self) -> tuple[int, float]:
        # which parameters a recorded loss belongs to (they may also be set by hand)
        return self.step_count, float(self.net.params.sum())

    def _check(self, loss: float) -> None:
        """Keep the current parameters as the last sane state if ``loss`` is sane."""
        self._since_check = 0
        if not is_sane(loss, self._best_loss):
            return
        self._best_loss = min(self._best_loss, loss)
        np.copyto(self._sane, self.net.params)
        self._sane_epoch = self.epoch_count
        self._sane_grads = self.last_grads  # a reference: every step makes new gradients

    def _train_loss(self) -> float:
        """The training-set loss of the current parameters (from ``record()`` if fresh)."""
        if self._recorded is not None and self._recorded[:2] == self._stamp():
            return self._recorded[2]
        with np.errstate(all="ignore"):
            return self.net.loss(self.X, self.T, self.loss.name)

    def _diverge(self, epoch: int) -> None:
        """Stop at a divergence seen in ``epoch``: back to the last sane state."""
        np.copyto(self.net.params, self._sane)
        self.opt.reset()
        self._pos = 0
        self._recorded = None
        self.diverged = True
        self.diverged_epoch = epoch
        self.restored_epoch = self.epoch_count = self._sane_epoch
        self.last_grads = self._sane_grads
        h = self.history
        keep = sum(1 for e in h["epoch"] if e <= self._sane_epoch)
        for values in h.values():
            del values[keep:]
        if keep == 0 or h["epoch"][-1] != self._sane_epoch:
            tr, te = self._evaluate_both()
            if np.isfinite(tr["loss"]) and (te is None or np.isfinite(te["loss"])):
                self._recorded = (*self._stamp(), tr["loss"])
                self._append(tr, te)

    def resume(self) -> None:
        """Go on after a divergence (e.g. with a smaller ``opt.lr``) from the restored state."""
        self.diverged = False
        self.diverged_epoch = None
        self.restored_epoch = None

    @property
    def epoch_pos(self) -> int:
        """How many examples of the current epoch's shuffled order have been trained on.

        0 between epochs (and always on the full batch): a checkpoint or an export taken
        then resumes exactly; otherwise the trainer is inside an epoch.
        """
        return self._pos

    # ------------------------------------------------------------------ training
    def step(self) -> bool:
        """Train on the next mini-batch.

        Returns
        -------
        bool
            False when training has diverged (now or before), else True.
        """
        if self.diverged or self.stopped:
            return False
        n, B = self.X.shape[0], self.batch_size
        if self._pos == 0 and self.schedule is not None:
            self.opt.lr = self.schedule.rate(self.base_lr, self.epoch_count)
        check = self._pos == 0 and check_due(self._since_check)
        if B >= n:
            Xb, Tb = self.X, self.T
        else:
            if self._pos == 0:
                self._order = self.rng.permutation(n)
            idx = self._order[self._pos : self._pos + B]
            Xb, Tb = self.X[idx], self.T[idx]
            if check:
                self._check(self._train_loss())
        drop = None
        if self._drops:  # after the permutation: the documented order of the draws
            drop = dropout_scales(self.rng, Xb.shape[0], self.net.sizes, self._dropout,
                                  self.net.dtype)
        with np.errstate(all="ignore"):
            _, cache = self.net.forward(Xb, drop)
            grads = self.net.backward(cache, Tb, self.loss.name)
            if check and B >= n:
                # the full batch: this pass's loss is J (with dropout, J needs a pass of its own)
                self._check(grads.loss if drop is None else self._train_loss())
            if self.clip is not None and clip_grad_norm(grads.dparams, self.clip)[1]:
                self.clip_count += 1
            held = self.net.held()  # switched-off units (net.unit_mask) keep their weights
            kept = None if held is None else self.net.params[held]
            self.opt.step(self.net, grads)
            if kept is not None:
                self.net.params[held] = kept
            if not self._finite():
                self._diverge(self.epoch_count + 1)
                return False
        self.last_grads = grads
        self.step_count += 1
        self._since_check += 1
        if B < n:
            self._pos += B
            if self._pos >= n:
                self._pos = 0
        return True

    def epoch(self) -> bool:
        """One pass over the training set. Returns False if training has diverged (or
        early stopping has stopped it: the epoch that stops it returns True)."""
        if self.diverged or self.stopped:
            return False
        while True:
            if not self.step():
                return False
            if self._pos == 0:
                break
        self.epoch_count += 1
        if self.early_stopping is not None:
            self._watch()
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

    # ------------------------------------------------------------------ checkpoints
    def checkpoint(self) -> dict:
        """Everything that decides how training goes on from here, copied (no history).

        :meth:`load_checkpoint` of it into a trainer of the same network shape, optimiser
        and data makes that trainer continue exactly as this one would: the same batches,
        moments, sanity checks and divergence restore. The gradients are kept by
        reference (no step writes to one once made). About 7 KiB for the default network,
        with the gradients it refers to; ``ui.run_share`` keeps one per frame it trains.
        """
        opt = self.opt
        return {
            "params": self.net.params.copy(),
            "opt_t": opt.t,
            "opt_state": None if opt.state is None else [a.copy() for a in opt.state],
            "rng": self.rng.bit_generator.state,
            "order": self._order.copy(),
            "pos": self._pos,
            "epoch_count": self.epoch_count,
            "step_count": self.step_count,
            "diverged": (self.diverged, self.diverged_epoch, self.restored_epoch),
            "last_grads": self.last_grads,
            "sane": (self._sane.copy(), self._sane_epoch, self._sane_grads),
            "best_loss": self._best_loss,
            "since_check": self._since_check,
            "recorded": self._recorded,
            "clip_count": self.clip_count,
            "stopping": (self.stopped, None if self.early_stopping is None
                         else self.early_stopping.state(),
                         None if self._best_params is None else self._best_params.copy()),
        }

    def load_checkpoint(self, ck: dict) -> None:
        """Continue from ``ck`` (see :meth:`checkpoint`); the history is left as it is.

        Raises ``ValueError`` if the checkpoint is of a network of another size.
        """
        if ck["params"].shape != self.net.params.shape:
            raise ValueError(f"a checkpoint of {ck['params'].size} parameters cannot load "
                             f"into a network of {self.net.params.size}")
        np.copyto(self.net.params, ck["params"])
        self.opt.t = ck["opt_t"]
        self.opt.state = None if ck["opt_state"] is None else [a.copy() for a in ck["opt_state"]]
        self.rng.bit_generator.state = ck["rng"]
        self._order = ck["order"].copy()
        self._pos = ck["pos"]
        self.epoch_count = ck["epoch_count"]
        self.step_count = ck["step_count"]
        self.diverged, self.diverged_epoch, self.restored_epoch = ck["diverged"]
        self.last_grads = ck["last_grads"]
        sane, self._sane_epoch, self._sane_grads = ck["sane"]
        np.copyto(self._sane, sane)
        self._best_loss = ck["best_loss"]
        self._since_check = ck["since_check"]
        self._recorded = ck["recorded"]
        self.clip_count = ck.get("clip_count", 0)
        self.stopped, es_state, best = ck.get("stopping", (False, None, None))
        if es_state is not None and self.early_stopping is not None:
            self.early_stopping.load(es_state)
        self._best_params = None if best is None else best.copy()

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
        """Per hidden layer, the share of units whose g'(z) is 0 on every point of the batch.

        Overflow-safe: a diverging run's huge z (e.g. 1e20) overflows inside some
        derivatives (GELU's z^3 gives inf * 0 = NaN) where the true g'(z) is its limit
        (0 or 1). Such entries are evaluated again at z clipped to +-``_SATURATED``, where
        every activation has reached its limit, so nothing warns and the count is right.
        """
        dg = self.net.activation.dg
        shares = []
        for Z in cache.Z[1:-1]:
            with np.errstate(all="ignore"):
                D = dg(Z)
                bad = ~np.isfinite(D)
                if bad.any():
                    D[bad] = dg(np.clip(Z[bad], -_SATURATED, _SATURATED))
            shares.append(float(np.mean(np.all(D == 0, axis=0))))
        return shares

    def grad_norms(self) -> list[float]:
        """Per layer, the Frobenius norm of [dW, db] from the latest step."""
        g = self.last_grads
        if g is None:
            return [0.0] * self.net.L
        return [_norm(dW, db) for dW, db in zip(g.dW, g.db)]

    def _evaluate_both(self) -> tuple[dict, dict | None]:
        tr = self.evaluate(self.X, self.y)
        te = self.evaluate(self.X_test, self.y_test) if self.has_test else None
        return tr, te

    def record(self) -> bool:
        """Append the current state to the history.

        A non-finite loss (the parameters are finite but the outputs overflowed) counts as
        divergence in the epoch just trained: nothing is recorded and the parameters go
        back to the last sane state. Returns False in that case.
        """
        tr, te = self._evaluate_both()
        if not (np.isfinite(tr["loss"]) and (te is None or np.isfinite(te["loss"]))):
            self._diverge(self.epoch_count)
            return False
        self._recorded = (*self._stamp(), tr["loss"])
        self._append(tr, te)
        return True

    def _append(self, tr: dict, te: dict | None) -> None:
        """One row of the history from the evaluations of the training and test sets."""
        h = self.history
        h["epoch"].append(self.epoch_count)
        h["train_loss"].append(tr["loss"])
        h["test_loss"].append(te["loss"] if te else None)
        for metric in ("acc", "r2"):
            h[f"train_{metric}"].append(tr.get(metric))
            h[f"test_{metric}"].append(te.get(metric) if te else None)
        h["grad_norm"].append(self.grad_norms())
        h["dead"].append(self.dead_share(tr["cache"]))
        h["lr"].append(self.opt.lr)  # the rate the last epoch trained at
        h["clipped"].append(self.clip_count)
