r"""What the optimisers race on: a loss over a flat parameter vector, with its gradient.

A problem has ``params0`` (P,) -- the shared start --, ``weight_mask`` (P,) -- 1 where
L1/L2 apply, 0 on biases -- and ``evaluate(theta, k) -> (loss, grad)``: the loss at
``theta`` (the whole objective, for the loss curve) and the gradient the optimiser uses
at step ``k`` (the full batch, or step ``k``'s mini-batch). ``evaluate`` depends on
``theta`` and ``k`` only, so runners that take their k-th step see the same data.

* :class:`Function2D` -- a 2-D test function with a known minimum, analytic gradient:
  :func:`rosenbrock` (the curved valley) and :func:`narrow_bowl` (a long thin quadratic);
* :class:`NeuronProblem` -- the Neuron page's neuron, ``theta = (w1, w2, b)``, full batch;
* :class:`MLPProblem` -- an ``nncore.MLP`` on a dataset, mini-batches in the order a
  :class:`nncore.Trainer` with the same ``batch_size`` and ``seed`` takes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nncore import activations, landscape, losses
from nncore.network import MLP

__all__ = ["Function2D", "rosenbrock", "narrow_bowl", "NeuronProblem", "MLPProblem"]


@dataclass(frozen=True)
class Function2D:
    """``f(x, y)`` with its gradient, a start, the minimum and a box to draw.

    ``f`` and ``grad`` take arrays (broadcast), ``grad`` returns ``(df/dx, df/dy)``.
    """

    name: str
    f: Callable
    grad: Callable
    start: tuple[float, float]
    minimum: tuple[float, float]
    bounds: tuple[tuple[float, float], tuple[float, float]]

    @property
    def params0(self) -> np.ndarray:
        return np.array(self.start, dtype=np.float64)

    @property
    def weight_mask(self) -> np.ndarray:
        return np.ones(2)

    def evaluate(self, theta: np.ndarray, k: int = 0) -> tuple[float, np.ndarray]:
        x, y = theta
        return float(self.f(x, y)), np.array(self.grad(x, y), dtype=np.float64)

    def grid(self, n: int = 100) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``xs`` (n,), ``ys`` (n,), ``F`` (n, n) with ``F[i, j] = f(xs[j], ys[i])``."""
        (x0, x1), (y0, y1) = self.bounds
        xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
        return xs, ys, self.f(xs[None, :], ys[:, None])


def rosenbrock(a: float = 1.0, b: float = 100.0, start=(-1.5, 2.0)) -> Function2D:
    """Rosenbrock's valley ``(a - x)^2 + b (y - x^2)^2``, minimum 0 at ``(a, a^2)``."""
    return Function2D(
        "rosenbrock",
        lambda x, y: (a - x) ** 2 + b * (y - x * x) ** 2,
        lambda x, y: (-2.0 * (a - x) - 4.0 * b * x * (y - x * x), 2.0 * b * (y - x * x)),
        tuple(float(v) for v in start), (a, a * a), ((-2.0, 2.0), (-1.0, 3.0)))


def narrow_bowl(hx: float = 1.0, hy: float = 100.0, start=(-8.0, 1.0)) -> Function2D:
    """A long narrow quadratic bowl ``0.5 (hx x^2 + hy y^2)``, minimum 0 at ``(0, 0)``."""
    return Function2D(
        "narrow_bowl",
        lambda x, y: 0.5 * (hx * x * x + hy * y * y),
        lambda x, y: (hx * x, hy * y),
        tuple(float(v) for v in start), (0.0, 0.0), ((-10.0, 10.0), (-2.0, 2.0)))


class NeuronProblem:
    """The Neuron page's neuron on ``(X, y)``: ``theta = (w1, w2, b)``, full-batch gradient.

    ``loss`` is ``"bce"`` (sigmoid) or ``"mse"`` (any activation), as in
    :mod:`nncore.landscape`, whose :func:`~nncore.landscape.losses_at` gives the value.
    """

    def __init__(self, X, y, W0, b0: float, act: str = "sigmoid", loss: str = "bce") -> None:
        if loss == "error":
            raise ValueError("the share misclassified has no gradient: race on bce or mse")
        landscape.neuron_loss(X, y, W0, b0, act, loss)  # checks the arguments
        self.X = np.asarray(X, dtype=np.float64)
        self.T = np.asarray(y, dtype=np.float64).reshape(-1)
        self.act, self.loss = act, loss
        self.params0 = np.array([*np.asarray(W0, dtype=np.float64).reshape(2), float(b0)])
        self.weight_mask = np.array([1.0, 1.0, 0.0])

    def evaluate(self, theta: np.ndarray, k: int = 0) -> tuple[float, np.ndarray]:
        W, b = theta[:2], float(theta[2])
        m = self.X.shape[0]
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            z = self.X @ W + b
            g = activations.get(self.act)
            a = g.g(z)
            if self.loss == "bce":
                dz = (a - self.T) / m  # sigmoid and cross-entropy: dZ = (A - Y) / m
            else:
                dz = 2.0 * (a - self.T) / m * g.dg(z)
        value = landscape.neuron_loss(self.X, self.T, W, b, self.act, self.loss)
        return value, np.array([*(self.X.T @ dz), dz.sum()])


class MLPProblem:
    """An MLP on ``(X, y)``: ``theta`` is ``net.params``; the loss curve is the full
    training loss, the gradient that of step ``k``'s mini-batch.

    Mini-batches follow :class:`nncore.Trainer` (same ``batch_size`` and ``seed``): one
    permutation per epoch from ``np.random.default_rng(seed)``, batch after batch, the
    last one of an epoch possibly shorter; ``batch_size=None`` is the full batch.
    """

    def __init__(self, X, y, sizes, activation: str = "tanh", output: str = "sigmoid",
                 init: str = "xavier", seed: int = 0, batch_size: int | None = None,
                 batch_seed: int = 0, loss: str | None = None) -> None:
        self.net = MLP(sizes, activation=activation, output=output, init=init, seed=seed)
        self.lossf = losses.get(loss or self.net.loss_name)
        self.X = self.net.check_X(X)
        A = np.zeros((len(self.X), self.net.sizes[-1]))
        self.T = self.lossf.targets(np.asarray(y), A)
        n = len(self.X)
        self.batch_size = n if batch_size is None else min(int(batch_size), n)
        self.params0 = self.net.params.copy()
        self.weight_mask = self.net.weight_mask.copy()
        self._rng = np.random.default_rng(batch_seed)
        self._orders: list[np.ndarray] = []

    @property
    def batches_per_epoch(self) -> int:
        return -(-len(self.X) // self.batch_size)

    def batch(self, k: int) -> np.ndarray | slice:
        """The rows of step ``k``'s mini-batch (k = 0 is the first step)."""
        n, B = len(self.X), self.batch_size
        if B >= n:
            return slice(None)
        epoch, j = divmod(int(k), self.batches_per_epoch)
        while len(self._orders) <= epoch:  # shared by every runner, made once
            self._orders.append(self._rng.permutation(n))
        return self._orders[epoch][j * B:(j + 1) * B]

    def model(self, theta: np.ndarray) -> MLP:
        """The problem's network holding ``theta`` (shared: copy what you keep)."""
        np.copyto(self.net.params, theta)
        return self.net

    def evaluate(self, theta: np.ndarray, k: int = 0) -> tuple[float, np.ndarray]:
        net = self.model(theta)
        rows = self.batch(k)
        with np.errstate(all="ignore"):
            _, cache = net.forward(self.X[rows])
            grads = net.backward(cache, self.T[rows], self.lossf.name)
            full = isinstance(rows, slice)
            value = grads.loss if full else net.loss(self.X, self.T, self.lossf.name)
        return float(value), grads.dparams.copy()
