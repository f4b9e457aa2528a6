r"""One neuron: the M-P threshold unit, the perceptron rule and gradient descent, with the numbers.

A single neuron is ``nncore.MLP([2, 1])``: ``z = w \cdot x + b = w_1 x_1 + w_2 x_2 + b`` and
``a = g(z)``. This module adds what the single-neuron page shows on top of it:

* :func:`make` -- the page's datasets: ``linear`` (linearly separable, with a margin; made
  here, TensorFlow Playground has none) and ``gauss``, ``xor``, ``circle`` from
  :func:`nncore.data.make`;
* :func:`gd_step` -- one full-batch gradient-descent step of a sigmoid neuron on the
  cross-entropy loss, returning the tutorial's numbers (``dZ = A - Y``,
  ``dW = dZ^T X / m``, ``db = sum(dZ) / m``, ``W := W - alpha dW``, ``b := b - alpha db``);
  it runs ``net.forward``/``net.backward`` and ``nncore.optim.SGD``;
* :func:`perceptron_epoch` -- one pass of Rosenblatt's rule on the step neuron:
  for each point in turn, ``w := w + eta (y - y_hat) x`` and ``b := b + eta (y - y_hat)``
  (a change only where the point is misclassified);
* :class:`NeuronRun` -- one user's training run (either rule), its history, and the
  divergence and convergence checks.

Pure NumPy; no Streamlit.

>>> X, y = make("linear", n=50, noise=0.0, seed=1)
>>> run = NeuronRun(X, y, W0=(0.5, -0.5), b0=0.0, rule="gd", lr=0.1)
>>> run.step(5)
5
>>> run.history["step"]
[0, 1, 2, 3, 4, 5]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from nncore import activations, data, optim
from nncore.network import MLP

__all__ = [
    "DATASETS",
    "RULES",
    "RULE_ACTIVATION",
    "N_POINTS",
    "DIVERGE_FACTOR",
    "make",
    "make_linear",
    "start_params",
    "neuron",
    "point_output",
    "output_grid",
    "predict_class",
    "accuracy",
    "GDStep",
    "gd_step",
    "PerceptronUpdate",
    "PerceptronEpoch",
    "perceptron_epoch",
    "Divergence",
    "NeuronRun",
]

#: datasets offered on the page; "linear" is made here, the others by nncore.data
DATASETS = ("linear", "gauss", "xor", "circle")
#: training rules: gradient descent (sigmoid neuron, cross-entropy) or Rosenblatt's rule
RULES = ("gd", "perceptron")
#: the activation each rule trains
RULE_ACTIVATION = {"gd": "sigmoid", "perceptron": "step"}
#: points per dataset
N_POINTS = 200
#: gradient descent has diverged when its loss exceeds this many times the larger of the
#: run's starting loss and ln 2 (the loss of a neuron that always answers 0.5)
DIVERGE_FACTOR = 3.0

_LINEAR_HALF = 5.0  # points drawn uniformly in [-5, 5]^2, as TFP's xor
_LINEAR_PAD = 0.3  # pushed this far off the line: a margin, so noise 0 is separable
_LINEAR_OFFSET = 1.5  # the line passes at most this far from the origin


# ---------------------------------------------------------------- data


def make_linear(n: int = N_POINTS, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray,
                                                                               np.ndarray]:
    r"""Two classes on either side of a random straight line, separable when ``noise`` is 0.

    The line ``u \cdot x = c`` has a unit normal ``u`` at a random angle and an offset
    ``c ~ U(-1.5, 1.5)``; points are uniform in ``[-5, 5]^2`` and then pushed 0.3 further
    from the line (a margin). Label 1 on the side ``u`` points to. ``noise`` works as in
    TensorFlow Playground's xor: the label is taken at the point moved by
    ``U(-5, 5) * noise`` per axis, so labels near the line flip.

    Parameters
    ----------
    n : int, number of points (>= 1)
    noise : float in [0, 1] (TFP's slider value / 100)
    seed : int

    Returns
    -------
    X : (n, 2) float64;  y : (n,) int64 labels 0/1
    """
    if not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n must be an integer >= 1; got {n!r}")
    if not 0.0 <= float(noise) <= 1.0:
        raise ValueError(f"noise must be a number in [0, 1]; got {noise!r}")
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0.0, 2 * np.pi)
    u = np.array([np.cos(angle), np.sin(angle)])
    c = rng.uniform(-_LINEAR_OFFSET, _LINEAR_OFFSET)
    X = rng.uniform(-_LINEAR_HALF, _LINEAR_HALF, (n, 2))
    side = np.where(X @ u - c >= 0, 1.0, -1.0)
    X += (side * _LINEAR_PAD)[:, None] * u
    X_noisy = X + rng.uniform(-5.0, 5.0, (n, 2)) * float(noise)
    y = (X_noisy @ u - c >= 0).astype(np.int64)
    return X, y


def make(name: str, n: int = N_POINTS, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray,
                                                                                 np.ndarray]:
    """Dataset ``name`` (one of :data:`DATASETS`): X (n, 2) float64, y (n,) int64 0/1."""
    if name == "linear":
        return make_linear(n, noise, seed)
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {list(DATASETS)}")
    return data.make(name, n=n, noise=noise, seed=seed)


# ---------------------------------------------------------------- the neuron


def start_params(seed: int, decimals: int = 2) -> tuple[np.ndarray, float]:
    """The seeded starting neuron: ``nncore.MLP([2, 1], seed=seed)``'s Xavier weights,
    rounded to ``decimals`` so they fit the sliders and read well; ``b = 0``.

    Returns
    -------
    W : (2,) float64;  b : float
    """
    net = MLP([2, 1], output="sigmoid", seed=seed)
    return np.round(net.W[0][0], decimals) + 0.0, float(np.round(net.b[0][0], decimals))


def neuron(W, b: float) -> MLP:
    """A one-neuron ``MLP([2, 1], output="sigmoid")`` with weights ``W`` (2,) and bias ``b``."""
    net = MLP([2, 1], output="sigmoid", init="zeros")
    net.W[0][0] = np.asarray(W, dtype=np.float64).reshape(2)
    net.b[0][0] = float(b)
    return net


def point_output(W, b: float, x, act: str) -> tuple[float, float]:
    """``(z, a)`` of the neuron at one input ``x`` (2,) with activation ``act``."""
    z = float(np.dot(np.asarray(W, dtype=np.float64), np.asarray(x, dtype=np.float64)) + b)
    return z, float(activations.get(act).g(np.array([z]))[0])


def output_grid(W, b: float, act: str, n: int = 100,
                domain: tuple[float, float] = data.DOMAIN) -> np.ndarray:
    """``a = g(w . x + b)`` over :func:`nncore.data.grid`'s ``n x n`` grid.

    Returns
    -------
    V : (n, n) float64, ``V[i, j]`` at ``x1 = v[j]``, ``x2 = v[i]`` (row 0 is the lowest x2).
    """
    xx, yy, _ = data.grid(n, domain)
    W = np.asarray(W, dtype=np.float64).reshape(2)
    Z = W[0] * xx + W[1] * yy + float(b)
    with np.errstate(over="ignore"):
        return activations.get(act).g(Z)


def predict_class(net: MLP, X: np.ndarray) -> np.ndarray:
    """The decided class, 1 where ``z >= 0`` (sigmoid a >= 0.5, step a = 1), shape (m,)."""
    _, cache = net.forward(X)
    return (cache.Z[1][:, 0] >= 0).astype(np.int64)


def accuracy(net: MLP, X: np.ndarray, y: np.ndarray) -> float:
    """Share of points whose decided class equals the label."""
    return float(np.mean(predict_class(net, X) == np.asarray(y).reshape(-1)))


# ---------------------------------------------------------------- gradient descent


@dataclass(frozen=True)
class GDStep:
    """One gradient-descent step of a sigmoid neuron on the mean cross-entropy, in numbers.

    Attributes
    ----------
    Z, A, dZ : (m,) -- ``Z = X W^T + b``, ``A = sigmoid(Z)``, ``dZ = A - Y`` (before the
        ``1/m``); dW : (2,) and db : float -- ``dZ^T X / m`` and ``sum(dZ) / m``;
    W, b : before the step; W_new, b_new : after (``W - lr * dW``, ``b - lr * db``);
    lr : the learning rate alpha; loss : the loss before the step; loss_new, acc_new : after.
    rule : "gd" (a class constant: tell records apart without isinstance, which fails
    across Streamlit's module reloads for objects kept in session state).
    """

    rule: ClassVar[str] = "gd"
    Z: np.ndarray
    A: np.ndarray
    dZ: np.ndarray  # noqa: N815 (the maths name)
    dW: np.ndarray  # noqa: N815 (the maths name)
    db: float
    W: np.ndarray
    b: float
    W_new: np.ndarray
    b_new: float
    lr: float
    loss: float
    loss_new: float
    acc_new: float


def gd_step(net: MLP, X: np.ndarray, y: np.ndarray, lr: float) -> GDStep:
    """Apply one full-batch step ``W := W - lr dW``, ``b := b - lr db`` to ``net`` (in place).

    ``net`` is a ``[2, 1]`` sigmoid network; the gradients are ``net.backward``'s
    (cross-entropy), the update ``nncore.optim.SGD(lr).step``.
    """
    W, b = net.W[0][0].copy(), float(net.b[0][0])
    _, cache = net.forward(X)
    grads = net.backward(cache, y)
    loss = grads.loss
    optim.SGD(lr).step(net, grads)
    m = X.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):
        loss_new = net.loss(X, y)
    return GDStep(
        Z=cache.Z[1][:, 0].copy(),
        A=cache.A[1][:, 0].copy(),
        dZ=grads.dZ[1][:, 0] * m,
        dW=grads.dW[0][0].copy(),
        db=float(grads.db[0][0]),
        W=W,
        b=b,
        W_new=net.W[0][0].copy(),
        b_new=float(net.b[0][0]),
        lr=float(lr),
        loss=float(loss),
        loss_new=float(loss_new),
        acc_new=accuracy(net, X, y),
    )


# ---------------------------------------------------------------- the perceptron rule


@dataclass(frozen=True)
class PerceptronUpdate:
    """One change made by the perceptron rule at point ``i`` (a misclassified one).

    ``dW = eta (y - y_hat) x`` (2,) and ``db = eta (y - y_hat)``; ``W``/``b`` after it.
    """

    i: int
    x: np.ndarray
    y: int
    y_hat: int
    dW: np.ndarray  # noqa: N815 (the maths name)
    db: float
    W: np.ndarray
    b: float


@dataclass(frozen=True)
class PerceptronEpoch:
    """One pass of the perceptron rule over the data, in order.

    Attributes
    ----------
    updates : list of PerceptronUpdate, one per misclassified point met (``mistakes`` of them)
    W, b : before the pass; W_new, b_new : after; eta : the learning rate;
    error_new, acc_new : share misclassified and accuracy after the pass.
    rule : "perceptron" (a class constant, see :class:`GDStep`).
    """

    rule: ClassVar[str] = "perceptron"
    updates: list
    W: np.ndarray
    b: float
    W_new: np.ndarray
    b_new: float
    eta: float
    error_new: float
    acc_new: float

    @property
    def mistakes(self) -> int:
        """Number of updates made (points misclassified when visited)."""
        return len(self.updates)


def perceptron_epoch(net: MLP, X: np.ndarray, y: np.ndarray, eta: float) -> PerceptronEpoch:
    r"""One pass of Rosenblatt's rule over the rows of ``X`` in order; updates ``net`` in place.

    For each point: ``y_hat = step(w \cdot x + b)`` (1 if ``z >= 0``), then
    ``w := w + eta (y - y_hat) x`` and ``b := b + eta (y - y_hat)``. Correctly classified
    points change nothing, so a pass with no mistake leaves the neuron as it is.
    """
    W, b = net.W[0][0].copy(), float(net.b[0][0])
    w, c = W.copy(), b
    y = np.asarray(y).reshape(-1)
    updates = []
    for i in range(X.shape[0]):
        x = X[i]
        y_hat = 1 if float(w @ x) + c >= 0 else 0
        err = int(y[i]) - y_hat
        if err:
            dW, db = eta * err * x, eta * err
            w = w + dW
            c = c + db
            updates.append(PerceptronUpdate(i, x.copy(), int(y[i]), y_hat, dW, float(db),
                                            w.copy(), float(c)))
    net.W[0][0] = w
    net.b[0][0] = c
    acc = accuracy(net, X, y)
    return PerceptronEpoch(updates, W, b, w.copy(), float(c), float(eta), 1.0 - acc, acc)


# ---------------------------------------------------------------- a training run


@dataclass(frozen=True)
class Divergence:
    """Why a run stopped: step ``step`` would have taken the loss from ``loss`` to
    ``loss_new`` (above ``limit``, or not finite) at learning rate ``lr``."""

    step: int
    loss: float
    loss_new: float
    limit: float
    lr: float


@dataclass
class NeuronRun:
    """One user's training run of a single neuron.

    Parameters
    ----------
    X : (m, 2) points;  y : (m,) labels 0/1
    W0 : (2,) and b0 : the starting weights and bias
    rule : "gd" (gradient descent, sigmoid neuron, cross-entropy) or "perceptron"
    lr : learning rate alpha (gd) or eta (perceptron); may change between steps

    ``history`` holds, per step (step 0 is the start): ``step``, ``loss`` (cross-entropy
    for gd, share misclassified for the perceptron) and ``acc``. A step counts as one
    full-batch update (gd) or one pass over the data (perceptron).
    """

    X: np.ndarray
    y: np.ndarray
    W0: tuple
    b0: float
    rule: str = "gd"
    lr: float = 0.1
    net: MLP = field(init=False)
    history: dict = field(init=False)
    last: GDStep | PerceptronEpoch | None = field(init=False, default=None)
    diverged: Divergence | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}; choose one of {list(RULES)}")
        self.reset()

    # ------------------------------------------------------------ state
    def reset(self) -> None:
        """Back to the start: ``W0``, ``b0``, an empty history."""
        self.net = neuron(self.W0, self.b0)
        self.last = None
        self.diverged = None
        loss, acc = self._measure()
        self.history = {"step": [0], "loss": [loss], "acc": [acc]}

    def _measure(self) -> tuple[float, float]:
        acc = accuracy(self.net, self.X, self.y)
        if self.rule == "perceptron":
            return 1.0 - acc, acc
        return self.net.loss(self.X, self.y), acc

    @property
    def W(self) -> np.ndarray:
        """Current weights (w1, w2), shape (2,) (a copy)."""
        return self.net.W[0][0].copy()

    @property
    def b(self) -> float:
        """Current bias."""
        return float(self.net.b[0][0])

    @property
    def steps(self) -> int:
        """Steps taken since the start."""
        return self.history["step"][-1]

    @property
    def converged(self) -> bool:
        """Perceptron: the last pass made no mistake, so further passes change nothing."""
        return self.last is not None and self.last.rule == "perceptron" and (
            self.last.mistakes == 0)

    def set_params(self, W, b: float) -> None:
        """Move the neuron by hand: it becomes the new start (history cleared)."""
        self.W0 = tuple(float(v) for v in np.asarray(W).reshape(2))
        self.b0 = float(b)
        self.reset()

    # ------------------------------------------------------------ training
    def limit(self) -> float:
        """The loss above which gradient descent counts as diverged."""
        return DIVERGE_FACTOR * max(self.history["loss"][0], math.log(2.0))

    def step(self, k: int = 1) -> int:
        """Take up to ``k`` steps; stop early on divergence (gd) or convergence
        (perceptron, after the first pass without a mistake). Returns the steps taken."""
        done = 0
        while done < k and self.diverged is None:
            if self.rule == "perceptron" and self.converged:
                break
            if not self._one():
                break
            done += 1
        return done

    def _one(self) -> bool:
        if self.rule == "perceptron":
            rec = perceptron_epoch(self.net, self.X, self.y, self.lr)
            loss, acc = rec.error_new, rec.acc_new
            finite = np.all(np.isfinite(rec.W_new)) and math.isfinite(rec.b_new)
        else:
            rec = gd_step(self.net, self.X, self.y, self.lr)
            loss, acc = rec.loss_new, rec.acc_new
            finite = (np.all(np.isfinite(rec.W_new)) and math.isfinite(rec.b_new)
                      and math.isfinite(loss))
        if not finite or (self.rule == "gd" and loss > self.limit()):
            # keep the last good neuron: nothing non-finite ever reaches a chart
            self.net.W[0][0] = rec.W
            self.net.b[0][0] = rec.b
            self.diverged = Divergence(self.steps + 1, self.history["loss"][-1], loss,
                                       self.limit(), float(self.lr))
            return False
        self.last = rec
        h = self.history
        h["step"].append(h["step"][-1] + 1)
        h["loss"].append(float(loss))
        h["acc"].append(float(acc))
        return True
