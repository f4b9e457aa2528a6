"""A TensorFlow-Playground-style training session: data, features, split, net, optimiser, loop.

:class:`Playground` bundles everything the MLP page trains from one :class:`Config`
(a frozen, hashable dataclass that also round-trips through the URL). It is pure NumPy,
so the page stays thin and the logic is tested without Streamlit::

    pg = Playground(Config(dataset="spiral", layers=(8, 8), lr=0.03))
    pg.frame(budget=0.025)           # train as many epochs as fit in 25 ms
    view = pg.grid_view(n=100)       # output over the plane and every neuron's map

What a configuration change does (:meth:`Playground.apply`):

- the learning rate, the regularisation and the training tools (dropout, the schedule,
  clipping, early stopping) act on the next step: the network keeps training (and a
  diverged run goes on, with a smaller rate, from the state the trainer restored: the
  weights of epoch ``restored_epoch``, see :mod:`nncore.train`);
- the network (features, layers, activation, init, optimiser, batch size) restarts
  training from the seeded initial weights;
- the data (dataset, noise, train ratio, classes, seed) are drawn again, then restart.

One seed drives everything: the sample, the split, the initial weights and the order of
the mini-batches, so a configuration reproduces a run exactly. Parameters are float32:
bench/bench_mlp_page.py measures a training epoch and the 100x100 grid pass 2-5x faster
than in float64, which is what keeps a live frame within its budget.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from nncore import data, optim, schedules
from nncore.network import MLP, block_rows
from nncore.stopping import EarlyStopping
from nncore.train import Trainer

__all__ = [
    "Config",
    "GivenData",
    "GridView",
    "Playground",
    "LEARNING_RATES",
    "REG_RATES",
    "REGULARISATIONS",
    "ACTIVATIONS",
    "OPTIMISERS",
    "INITS",
    "OUTPUT_FOR_KIND",
    "LIMITS",
    "BIG_LIMITS",
    "n_points",
    "thin",
    "DROPOUT_RATES",
    "SCHEDULES",
    "SCHED_EPOCHS",
    "SCHED_GAMMAS",
    "MIN_DELTAS",
    "CLIP_NORMS",
    "MAX_PATIENCE",
]

#: TensorFlow Playground's learning rates and regularisation rates
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARISATIONS = ("none", "l1", "l2")
#: hidden activations offered (TFP's four plus Leaky ReLU and a few modern ones)
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear", "leaky_relu", "elu", "gelu", "silu")
OPTIMISERS = optim.ALL_NAMES
INITS = ("xavier", "he", "uniform", "zeros")
#: output activation (and so loss) per problem kind: sigmoid + BCE, softmax + CE, linear + MSE
OUTPUT_FOR_KIND = {"binary": "sigmoid", "multiclass": "softmax", "regression": "linear"}
#: (max hidden layers, max units per layer): TFP's limits, and the "unlimited" switch's
LIMITS = (6, 8)
BIG_LIMITS = (10, 64)
DTYPE = np.float32
#: the training tools' stops (the page's ladders; a configuration may hold any value in
#: the ranges Config.check allows)
DROPOUT_RATES = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
SCHEDULES = schedules.KINDS
SCHED_EPOCHS = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
SCHED_GAMMAS = (0.01, 0.1, 0.2, 0.5, 0.7, 0.9, 0.95, 0.99, 0.995, 0.999)
MIN_DELTAS = (0.0, 0.0001, 0.001, 0.01, 0.1)
CLIP_NORMS = (0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: the most epochs early stopping may wait (0: off)
MAX_PATIENCE = 10000
#: most history rows a Playground keeps (thinned by half past it, see _bound_history)
HISTORY_ROWS = 1024


def n_points(kind: str) -> int:
    """TFP's sample sizes: 500 points to classify, 1,200 for regression."""
    return 1200 if kind == "regression" else 500


@dataclass(frozen=True)
class Config:
    """Everything that defines a run (TFP's controls and ours).

    ``noise`` and ``train_pct`` are TFP's slider values (percent); ``batch = 0`` means
    the full batch; ``reg_rate`` applies to ``reg`` ("l1" or "l2"; ignored for "none").

    The training tools, all off by default: ``dropout`` (the rate of every hidden
    layer); ``schedule`` (``nncore.schedules.KINDS``) with ``sched_epochs`` (N) and
    ``sched_gamma`` (g); early stopping on the test loss after ``patience`` epochs
    without an improvement of more than ``min_delta`` (0: off), going back to the best
    epoch's weights with ``restore_best``; ``clip``, the largest gradient norm (0: off).
    """

    dataset: str = "circle"
    noise: int = 0
    train_pct: int = 50
    batch: int = 10
    features: tuple[str, ...] = ("x1", "x2")
    layers: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    lr: float = 0.03
    reg: str = "none"
    reg_rate: float = 0.0
    optimizer: str = "sgd"
    init: str = "xavier"
    classes: int = 3
    seed: int = 0
    dropout: float = 0.0
    schedule: str = "none"
    sched_epochs: int = 100
    sched_gamma: float = 0.5
    patience: int = 0
    min_delta: float = 0.0
    restore_best: bool = True
    clip: float = 0.0

    def check(self, big: bool = True) -> Config:
        """Raise ``ValueError`` naming the first bad field; return self when all are fine.

        ``big`` allows the "unlimited" sizes (10 layers of 64 units), else TFP's (6 of 8).
        """
        max_layers, max_units = BIG_LIMITS if big else LIMITS
        rules = [
            (self.dataset in data.names(), "dataset", data.names()),
            (0 <= self.noise <= 50, "noise", "0..50"),
            (10 <= self.train_pct <= 90, "train_pct", "10..90"),
            (0 <= self.batch <= 30, "batch", "0 (full batch) or 1..30"),
            (len(self.features) > 0 and set(self.features) <= set(data.FEATURES),
             "features", data.FEATURES),
            (len(self.layers) <= max_layers and all(1 <= u <= max_units for u in self.layers),
             "layers", f"up to {max_layers} layers of 1..{max_units} units"),
            (self.activation in ACTIVATIONS, "activation", ACTIVATIONS),
            (any(np.isclose(self.lr, r) for r in LEARNING_RATES), "lr", LEARNING_RATES),
            (self.reg in REGULARISATIONS, "reg", REGULARISATIONS),
            (any(np.isclose(self.reg_rate, r) for r in REG_RATES), "reg_rate", REG_RATES),
            (self.optimizer in OPTIMISERS, "optimizer", OPTIMISERS),
            (self.init in INITS, "init", INITS),
            (3 <= self.classes <= 6, "classes", "3..6"),
            (0 <= self.seed < 2**31, "seed", "0..2^31-1"),
            (0.0 <= self.dropout <= 0.9, "dropout", "0..0.9"),
            (self.schedule in SCHEDULES, "schedule", SCHEDULES),
            (1 <= self.sched_epochs <= 100000, "sched_epochs", "1..100000"),
            (0.0 < self.sched_gamma <= 1.0, "sched_gamma", "a number in (0, 1]"),
            (0 <= self.patience <= MAX_PATIENCE, "patience", f"0 (off)..{MAX_PATIENCE}"),
            (0.0 <= self.min_delta <= 1.0, "min_delta", "0..1"),
            (self.restore_best in (True, False), "restore_best", "true or false"),
            (0.0 <= self.clip <= 1e6, "clip", "0 (off)..1e6"),
        ]
        for ok, name, allowed in rules:
            if not ok:
                raise ValueError(f"{name}={getattr(self, name)!r} is not allowed; use {allowed}")
        return self

    @property
    def kind(self) -> str:
        """"binary", "multiclass" or "regression" (from the dataset)."""
        return data.kind(self.dataset)

    def data_key(self) -> tuple:
        """The fields that define the sample and the split."""
        return (self.dataset, self.noise, self.train_pct, self.classes, self.seed)

    def net_key(self) -> tuple:
        """The fields that define a fresh start of training (the data's included)."""
        return (*self.data_key(), self.features, self.layers, self.activation, self.init,
                self.optimizer, self.batch)

    def lr_schedule(self) -> schedules.Schedule | None:
        """The learning-rate schedule (None: a constant rate)."""
        return schedules.get(self.schedule, self.sched_epochs, self.sched_gamma)

    def early_stopping(self) -> EarlyStopping | None:
        """A fresh early-stopping rule (None: off)."""
        if not self.patience:
            return None
        return EarlyStopping(self.patience, self.min_delta, self.restore_best)

    def l1_l2(self) -> tuple[float, float]:
        """The (l1, l2) regularisation strengths."""
        return (self.reg_rate if self.reg == "l1" else 0.0,
                self.reg_rate if self.reg == "l2" else 0.0)


@dataclass
class GridView:
    """The network evaluated on an ``n x n`` grid of the plane (``nncore.data.grid``).

    Attributes
    ----------
    V : ndarray, shape (n, n) (binary: P(class 1); regression: the output) or (n, n, k)
        (multiclass probabilities); ``V[i, j]`` at ``x1 = v[j]``, ``x2 = v[i]``.
    maps : list of ndarray
        ``maps[l]`` of shape (m, m, n[l]): layer l's activations ``A[l]`` on a coarser
        ``m x m`` sub-grid, ``l = 0`` being the input features, the last the output.
    kind : str
    focus : ndarray or None, shape (n, n)
        The full-resolution map of the unit asked for with ``grid_view(focus=(l, j))``.
    """

    V: np.ndarray
    maps: list = field(default_factory=list)
    kind: str = "binary"
    focus: np.ndarray | None = None


def thin(n: int, max_points: int) -> np.ndarray:
    """Indices of at most ``max_points`` of ``n`` items, evenly spread, first and last kept."""
    if n <= max_points:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, max_points).round().astype(np.intp))


@dataclass(frozen=True, eq=False)
class GivenData:
    """Points a session provides in place of the configured dataset (a user's upload).

    ``X`` (n, 2) on the plane; ``y`` classes 0..k-1 (int) or regression targets (float);
    ``kind`` ("binary", "multiclass", "regression"); ``split`` (n,) bool (True: training)
    or None (split by the config's ``train_pct`` and seed); ``n_classes``; ``token``
    names these points in :meth:`Playground.data_key` (new points, a new token).
    """

    X: np.ndarray
    y: np.ndarray
    kind: str
    split: np.ndarray | None = None
    n_classes: int = 2
    token: str = ""


MakeFn = Callable[..., tuple[np.ndarray, np.ndarray]]


class Playground:
    """One user's training session.

    Parameters
    ----------
    config : Config
    make : callable, optional
        ``make(name, n=, noise=, seed=, n_classes=) -> (X, y)``; defaults to
        :func:`nncore.data.make`. The page passes a cached version (datasets are pure).
    given : GivenData, optional
        Points to train on instead of the config's dataset (its dataset, noise and
        classes are then unused).
    added : sequence of (x1, x2, label), optional
        Points added to the training set (clicked on the plane): a class 0..k-1, or a
        target for regression.
    """

    def __init__(self, config: Config, make: MakeFn | None = None,
                 given: GivenData | None = None, added=()) -> None:
        self._make = make or data.make
        self._grid_cache: dict = {}
        self.config = config.check()
        self.given = given
        self.added = tuple(tuple(float(v) for v in p) for p in added)
        self._load_data()
        self.reset()

    def data_key(self) -> tuple:
        """What defines the data in use: the config's data fields (or the given points,
        the split ratio and the seed) and the added points."""
        c, g = self.config, self.given
        base = c.data_key() if g is None else ("given", g.token, c.train_pct, c.seed)
        return (*base, self.added)

    def set_data(self, given: GivenData | None = None, added=()) -> str:
        """Train on ``given`` points (None: the config's dataset) plus ``added`` ones;
        training restarts from the seeded initial weights. Returns "regenerated"."""
        self.given = given
        self.added = tuple(tuple(float(v) for v in p) for p in added)
        self._load_data()
        self.reset()
        return "regenerated"

    # ------------------------------------------------------------------ building
    def _load_data(self) -> None:
        c, g = self.config, self.given
        if g is None:
            X, y = self._make(c.dataset, n=n_points(c.kind), noise=c.noise / 100.0,
                              seed=c.seed, n_classes=c.classes)
            self.kind = c.kind
            self.n_classes = int(y.max()) + 1 if self.kind == "multiclass" else 2
        else:
            X, y = g.X, g.y
            self.kind, self.n_classes = g.kind, int(g.n_classes)
        if g is not None and g.split is not None:
            tr = np.asarray(g.split, dtype=bool)
            self.X_train, self.X_test, self.y_train, self.y_test = X[tr], X[~tr], y[tr], y[~tr]
        else:
            self.X_train, self.X_test, self.y_train, self.y_test = data.split(
                X, y, test_ratio=1.0 - c.train_pct / 100.0, seed=c.seed
            )
        if self.kind != "regression":  # a class the data no longer has is dropped
            self.added = tuple(p for p in self.added if p[2] in range(self.n_classes))
        if self.added:
            A = np.asarray(self.added, dtype=np.float64)
            self.X_train = np.concatenate([self.X_train, A[:, :2].astype(self.X_train.dtype)])
            self.y_train = np.concatenate([self.y_train, A[:, 2].astype(self.y_train.dtype)])

    def sizes(self) -> list[int]:
        """Layer widths ``[n_features, *hidden, n_out]``."""
        n_out = self.n_classes if self.kind == "multiclass" else 1
        return [len(self.config.features), *self.config.layers, n_out]

    def reset(self) -> None:
        """Back to the seeded initial weights at epoch 0 (same data)."""
        c = self.config
        self.net = MLP(self.sizes(), activation=c.activation, output=OUTPUT_FOR_KIND[self.kind],
                       init=c.init, seed=c.seed, dtype=DTYPE)
        l1, l2 = c.l1_l2()
        opt = optim.get(c.optimizer, c.lr, l1=l1, l2=l2)
        F_train = data.features(self.X_train, c.features)
        F_test = data.features(self.X_test, c.features)
        # record_every huge: the playground records once per frame / step (the loss chart
        # needs a point per redraw, not per epoch, and recording costs two forward passes)
        self.trainer = Trainer(self.net, opt, F_train, self.y_train, F_test, self.y_test,
                               batch_size=c.batch or None, seed=c.seed, record_every=2**62,
                               dropout=c.dropout, schedule=c.lr_schedule(),
                               clip=c.clip or None, early_stopping=c.early_stopping())
        self.trainer.opt.lr = self.trainer.lr_now
        self.trainer.record()  # epoch 0: the loss before any training

    def apply(self, config: Config) -> str:
        """Switch to ``config``; returns "kept", "restarted" or "regenerated" (see module doc)."""
        config.check()
        old_data = self.data_key()
        old, self.config = self.config, config
        if self.data_key() != old_data:
            self._load_data()
            self.reset()
            return "regenerated"
        n_old, n_new = len(old.data_key()), len(config.data_key())
        if config.net_key()[n_new:] != old.net_key()[n_old:]:
            self.reset()
            return "restarted"
        tr = self.trainer
        opt = tr.opt
        tr.base_lr = float(config.lr)
        tr.dropout = config.dropout
        tr.schedule = config.lr_schedule()
        opt.lr = tr.lr_now if tr.schedule is not None else float(config.lr)
        opt.l1, opt.l2 = config.l1_l2()
        tr.clip = config.clip or None
        stop_fields = ("patience", "min_delta", "restore_best")
        if any(getattr(config, f) != getattr(old, f) for f in stop_fields):
            es = tr.early_stopping
            if not config.patience:
                tr.early_stopping = None
            elif es is None:
                tr.early_stopping = config.early_stopping()
            else:  # the rule's settings change; what it has seen is kept
                es.patience, es.min_delta = config.patience, config.min_delta
                es.restore_best = config.restore_best
            tr.go_on()
        if self.trainer.diverged and config.lr < old.lr:
            # a smaller rate goes on from the last sane state the trainer restored
            self.trainer.resume()
        return "kept"

    # ------------------------------------------------------------------ training
    @property
    def epoch(self) -> int:
        """Epochs trained so far."""
        return self.trainer.epoch_count

    @property
    def diverged(self) -> bool:
        """True once a step produced a non-finite loss or parameter (training stopped)."""
        return self.trainer.diverged

    @property
    def diverged_epoch(self) -> int | None:
        """The epoch whose step diverged (None unless diverged)."""
        return self.trainer.diverged_epoch

    @property
    def stopped(self) -> bool:
        """True once early stopping stopped training (see :meth:`go_on`)."""
        return self.trainer.stopped

    def stop_info(self) -> tuple[int, int | None, float] | None:
        """``(stopped epoch, best epoch, best test loss)`` while early stopping has
        stopped training, else None."""
        es = self.trainer.early_stopping
        if not self.trainer.stopped or es is None:
            return None
        return es.stopped_epoch, es.best_epoch, es.best

    def go_on(self) -> None:
        """Train again after early stopping stopped (Play or Step pressed)."""
        self.trainer.go_on()

    @property
    def lr_now(self) -> float:
        """The learning rate of the next epoch (the schedule's at this epoch)."""
        return self.trainer.lr_now

    @property
    def restored_epoch(self) -> int | None:
        """After a divergence, the epoch whose weights the network is back at (None unless
        diverged): the last checked epoch whose training loss was finite and at most
        ``nncore.train.SANE_FACTOR`` times the best so far. ``epoch`` equals it, and the
        history ends there.
        """
        return self.trainer.restored_epoch

    def step(self) -> bool:
        """Train exactly one epoch and record it. False if training has diverged."""
        ok = self.trainer.epoch()
        ok = self.trainer.record() if ok else False
        self._bound_history()
        return ok

    def _bound_history(self) -> None:
        """Keep at most HISTORY_ROWS recorded rows: past that, every other row goes (the
        first and the last stay). A session records a row per frame, several a second,
        for as long as it plays; a chart shows a few hundred of them, and without this a
        classroom's memory grew for as long as the class played (issue 12)."""
        h = self.trainer.history
        if len(h["epoch"]) > HISTORY_ROWS:
            for values in h.values():
                values[:] = values[:-1:2] + values[-1:]

    def follow(self, checkpoint: dict) -> None:
        """Go on from ``checkpoint`` (``Trainer.checkpoint`` of a run of this same config
        and data, further on) and record it, as if this session had trained there itself."""
        self.trainer.load_checkpoint(checkpoint)
        self.trainer.record()
        self._bound_history()

    def frame(self, budget: float, max_epochs: int | None = None,
              clock: Callable[[], float] = time.perf_counter) -> int:
        """Train whole epochs until ``budget`` seconds have passed (at least one epoch).

        Records the history once, at the end. Returns the number of epochs trained.
        ``clock`` reads the seconds (read once before the first epoch and once after
        each): the real one in the app; a test passes a fake one it advances itself,
        so that a frame trains the same epochs on any machine.
        """
        tr = self.trainer
        t_end = clock() + budget
        done = 0
        while tr.epoch():
            done += 1
            if clock() >= t_end or (max_epochs is not None and done >= max_epochs):
                break
        self.after_epochs(done)
        return done

    def after_epochs(self, done: int) -> None:
        """What :meth:`frame` does after its epochs, for a scheduler that trained them
        elsewhere (``nncore.cohort``): one record if any were trained and the run has not
        diverged, then the history bounded."""
        if done and not self.trainer.diverged:
            self.trainer.record()
            self._bound_history()

    # ------------------------------------------------------------------ views
    def metrics(self) -> dict:
        """The latest recorded epoch: loss, accuracy (classification) or R² (regression)."""
        h = self.trainer.history
        metric = "r2" if self.kind == "regression" else "acc"
        return {
            "epoch": h["epoch"][-1],
            "train_loss": h["train_loss"][-1],
            "test_loss": h["test_loss"][-1],
            "metric": metric,
            "train_metric": h[f"train_{metric}"][-1],
            "test_metric": h[f"test_{metric}"][-1],
        }

    def history(self, max_points: int = 200) -> dict[str, np.ndarray]:
        """The recorded history thinned to at most ``max_points`` rows.

        Returns
        -------
        dict with "epoch", "train_loss", "test_loss", "lr" (the rate the recorded epoch
        trained at), "clipped" (steps clipped so far) of shape (p,), "grad_norm" (p, L) and
        "dead" (p, L - 1) (share of hidden units with g'(z) = 0 on every training point).
        """
        h = self.trainer.history
        idx = thin(len(h["epoch"]), max_points)
        out = {k: np.asarray([h[k][i] for i in idx], dtype=np.float64)
               for k in ("epoch", "train_loss", "test_loss", "lr", "clipped")}
        L = self.net.L
        p = len(idx)
        out["grad_norm"] = np.asarray([h["grad_norm"][i] for i in idx], float).reshape(p, L)
        out["dead"] = np.asarray([h["dead"][i] for i in idx], float).reshape(p, L - 1)
        return out

    def _grid(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        key = (n, self.config.features)
        if key not in self._grid_cache:
            self._grid_cache.clear()  # one grid at a time: features change rarely
            _, _, G = data.grid(n)
            self._grid_cache[key] = (G, data.features(G, self.config.features).astype(DTYPE))
        return self._grid_cache[key]

    def _forward_chunked(self, F: np.ndarray) -> list[np.ndarray]:
        """Every layer's ``A[l]`` for the rows of ``F``, in row blocks (see ``block_rows``)."""
        rows = block_rows(self.net.sizes)
        parts = []
        with np.errstate(all="ignore"):  # a diverged net may overflow: drawn neutral
            for i in range(0, len(F), rows):
                parts.append(self.net.forward(F[i : i + rows])[1].A)
        if len(parts) == 1:
            return parts[0]
        return [np.concatenate(layer) for layer in zip(*parts, strict=True)]

    def grid_view(
        self, n: int = 101, map_step: int = 4, focus: tuple[int, int] | None = None,
        maps: bool = True,
    ) -> GridView:
        """The output over the plane and each neuron's map (every ``map_step``-th grid point).

        Parameters
        ----------
        n : int
            Grid size of the output ``V`` (n x n). With n = 101 and map_step = 4 the maps
            (26 x 26) include both edges of the domain.
        map_step : int
            Stride of the neuron maps: ``ceil(n / map_step)`` squared points each.
        focus : (layer, unit), optional
            Also return that unit's map at full resolution (layer 0 = the inputs);
            ignored if the network has no such unit.
        maps : bool
            Also return every unit's map (False: the output only, a little cheaper).
        """
        _, F = self._grid(n)
        if not maps and focus is None:
            # the output alone (every live frame): predict keeps no hidden layers
            with np.errstate(all="ignore"):  # a diverged net may overflow: drawn neutral
                A = [self.net.predict(F)]
        else:
            A = self._forward_chunked(F)
        AL = A[-1].astype(np.float64)
        V = AL.reshape(n, n, -1) if self.kind == "multiclass" else AL[:, 0].reshape(n, n)
        unit_maps = [
            np.asarray(Al.reshape(n, n, -1)[::map_step, ::map_step], dtype=np.float64)
            for Al in A
        ] if maps else []
        F_map = None
        if focus is not None:
            l, j = focus
            if 0 <= l < len(A) and 0 <= j < A[l].shape[1]:
                F_map = np.asarray(A[l][:, j].reshape(n, n), dtype=np.float64)
        return GridView(V=V, maps=unit_maps, kind=self.kind, focus=F_map)

    def points(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The raw 2-D points and labels: X_train (m, 2), y_train, X_test, y_test."""
        return self.X_train, self.y_train, self.X_test, self.y_test
