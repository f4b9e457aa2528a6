"""Optimisers: plain gradient descent (W = W - alpha * dW), momentum, Nesterov and Adam.

Each follows ``torch.optim`` step for step, so trajectories can be compared exactly:

- L2 (``l2``) is torch's ``weight_decay`` applied to the weights only: g = dW + l2 * W.
- L1 (``l1``) adds the subgradient of ``l1 * sum|W|``: g = dW + l1 * sign(W).

Biases are never regularised. ``lr`` may be changed between steps (a learning-rate
slider) without resetting the optimiser's state.
"""

from __future__ import annotations

import numpy as np

__all__ = ["SGD", "Adam", "get", "NAMES"]


class _Optimizer:
    """Shared parts: hyper-parameter checks, regularised weight gradients, state reset."""

    def __init__(self, lr: float, l1: float = 0.0, l2: float = 0.0) -> None:
        for name, v in (("lr", lr), ("l1", l1), ("l2", l2)):
            if not np.isfinite(v) or v < 0:
                raise ValueError(f"{name} must be a finite number >= 0, got {v!r}")
        self.lr = float(lr)
        self.l1 = float(l1)
        self.l2 = float(l2)
        self.t = 0
        self.state: list | None = None

    def reset(self) -> None:
        """Forget the step count and the moment buffers."""
        self.t = 0
        self.state = None

    def _weight_grad(self, W: np.ndarray, dW: np.ndarray) -> np.ndarray:
        """dW plus the regularisation gradient (a new array when regularising)."""
        if self.l2:
            dW = dW + self.l2 * W
        if self.l1:
            dW = dW + self.l1 * np.sign(W)
        return dW

    def _params(self, net, grads):
        """Pairs (parameter, gradient) in a fixed order: W1, b1, W2, b2, ..."""
        for Wl, bl, dWl, dbl in zip(net.W, net.b, grads.dW, grads.db):
            yield Wl, self._weight_grad(Wl, dWl)
            yield bl, dbl

    def penalty(self, net) -> float:
        """The regularisation term added to the loss: l1 * sum|W| + (l2 / 2) * sum W^2."""
        total = 0.0
        for Wl in net.W:
            if self.l1:
                total += self.l1 * float(np.abs(Wl).sum())
            if self.l2:
                total += 0.5 * self.l2 * float(np.square(Wl).sum())
        return total

    def step(self, net, grads) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class SGD(_Optimizer):
    """Stochastic gradient descent with optional (Nesterov) momentum, like ``torch.optim.SGD``.

    ``v = momentum * v + g`` (v = g on the first step), then ``W -= lr * v``
    (Nesterov: ``W -= lr * (g + momentum * v)``); with ``momentum=0`` this is the
    tutorial's ``W = W - alpha * dW``.
    """

    def __init__(
        self,
        lr: float,
        momentum: float = 0.0,
        nesterov: bool = False,
        l1: float = 0.0,
        l2: float = 0.0,
    ) -> None:
        super().__init__(lr, l1, l2)
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum must lie in [0, 1), got {momentum!r}")
        if nesterov and momentum == 0:
            raise ValueError("nesterov needs a momentum > 0")
        self.momentum = float(momentum)
        self.nesterov = bool(nesterov)

    def step(self, net, grads) -> None:
        """Update ``net.W`` and ``net.b`` in place from ``grads``."""
        mu, lr = self.momentum, self.lr
        if mu == 0.0:
            if self.l1 or self.l2:
                for p, g in self._params(net, grads):
                    p -= lr * g
            else:  # the tutorial's W = W - alpha * dW, b = b - alpha * db: the hot path
                for Wl, bl, dWl, dbl in zip(net.W, net.b, grads.dW, grads.db):
                    Wl -= lr * dWl
                    bl -= lr * dbl
            self.t += 1
            return
        first = self.state is None
        if first:
            self.state = [None] * (2 * net.L)
        for i, (p, g) in enumerate(self._params(net, grads)):
            if first:
                v = self.state[i] = np.array(g, copy=True)
            else:
                v = self.state[i]
                v *= mu
                v += g
            p -= lr * (g + mu * v) if self.nesterov else lr * v
        self.t += 1


class Adam(_Optimizer):
    """Adam (Kingma and Ba), like ``torch.optim.Adam`` with ``weight_decay`` = ``l2``."""

    def __init__(
        self,
        lr: float = 0.001,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        l1: float = 0.0,
        l2: float = 0.0,
    ) -> None:
        super().__init__(lr, l1, l2)
        b1, b2 = betas
        if not (0.0 <= b1 < 1.0 and 0.0 <= b2 < 1.0):
            raise ValueError(f"betas must lie in [0, 1), got {betas!r}")
        if not eps > 0:
            raise ValueError(f"eps must be > 0, got {eps!r}")
        self.betas = (float(b1), float(b2))
        self.eps = float(eps)

    def step(self, net, grads) -> None:
        """Update ``net.W`` and ``net.b`` in place from ``grads``."""
        b1, b2 = self.betas
        if self.state is None:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in _flat(net)]
        self.t += 1
        c1 = 1.0 - b1**self.t
        sqrt_c2 = np.sqrt(1.0 - b2**self.t)
        step_size = self.lr / c1
        for (p, g), (m, v) in zip(self._params(net, grads), self.state):
            m *= b1
            m += (1.0 - b1) * g
            v *= b2
            v += (1.0 - b2) * (g * g)
            # torch's order of operations: p -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps)
            p -= step_size * m / (np.sqrt(v) / sqrt_c2 + self.eps)


def _flat(net) -> list:
    out = []
    for Wl, bl in zip(net.W, net.b):
        out += [Wl, bl]
    return out


NAMES = ("sgd", "momentum", "nesterov", "adam")


def get(name: str, lr: float, l1: float = 0.0, l2: float = 0.0, momentum: float = 0.9):
    """An optimiser by name: ``sgd``, ``momentum``, ``nesterov`` or ``adam``."""
    if name == "sgd":
        return SGD(lr, l1=l1, l2=l2)
    if name == "momentum":
        return SGD(lr, momentum=momentum, l1=l1, l2=l2)
    if name == "nesterov":
        return SGD(lr, momentum=momentum, nesterov=True, l1=l1, l2=l2)
    if name == "adam":
        return Adam(lr, l1=l1, l2=l2)
    raise ValueError(f"unknown optimiser {name!r}; choose one of {list(NAMES)}")
