"""Optimisers: plain gradient descent (W = W - alpha * dW), momentum, Nesterov, Adam, RMSprop.

Each follows ``torch.optim`` step for step, so trajectories can be compared exactly:

- L2 (``l2``) is torch's ``weight_decay`` applied to the weights only: g = dW + l2 * W.
- L1 (``l1``) adds the subgradient of ``l1 * sum|W|``: g = dW + l1 * sign(W).

Biases are never regularised. ``lr`` may be changed between steps (a learning-rate
slider) without resetting the optimiser's state.

An optimiser uses only the network's public contract: ``net.params`` (every W and b in
one flat buffer, updated in place), ``net.weight_mask`` and ``grads.dparams`` (the
gradients laid out like ``net.params``), so each update is one NumPy operation.
"""

from __future__ import annotations

import numpy as np

__all__ = ["SGD", "Adam", "RMSprop", "get", "clip_grad_norm", "NAMES", "ALL_NAMES"]

#: added to the norm before dividing, as ``torch.nn.utils.clip_grad_norm_`` does
CLIP_EPS = 1e-6


def clip_grad_norm(G: np.ndarray, max_norm: float) -> tuple[float, bool]:
    """Clip gradients by their global norm in place, as ``torch.nn.utils.clip_grad_norm_``.

    Parameters
    ----------
    G : ndarray, shape (P,)
        Every parameter's gradient in one buffer (``grads.dparams``), scaled in place.
    max_norm : float

    Returns
    -------
    (float, bool)
        The norm before clipping (computed in float64) and whether ``G`` was scaled: by
        ``max_norm / (norm + 1e-6)`` when that is below 1 (torch's clamped coefficient).
    """
    g = G if G.dtype == np.float64 else G.astype(np.float64)
    norm = float(np.sqrt(np.dot(g, g)))
    coef = max_norm / (norm + CLIP_EPS)
    if coef < 1.0:
        G *= coef
        return norm, True
    return norm, False


def _momentum(mu: float) -> float:
    """``mu`` as a float; ``ValueError`` unless it lies in [0, 1)."""
    if not 0.0 <= mu < 1.0:
        raise ValueError(f"momentum must lie in [0, 1), got {mu!r}")
    return float(mu)


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

    def _grad(self, net, grads) -> np.ndarray:
        """The gradient of every parameter, laid out like ``net.params``, shape (P,).

        Regularisation is added to the weights only (``mask`` is 0 on the biases), in
        torch's order: g = dW + l2 * W, then + l1 * sign(W). A new array when
        regularising; never written to (the trainer keeps the gradients for display).
        """
        theta = net.params
        # in the network's dtype (Grads built by hand may be float64 for a float32 net);
        # no copy for the gradients of net.backward, which already are
        G = grads.dparams.astype(theta.dtype, copy=False)
        if G.shape != theta.shape:
            raise ValueError(f"gradients for {G.size} parameters cannot update a network "
                             f"with {theta.size}")
        if self.l2 or self.l1:
            mask = net.weight_mask
            if self.l2:
                G = G + self.l2 * (theta * mask)
            if self.l1:
                G = G + self.l1 * (np.sign(theta) * mask)
        return G

    def _state_for(self, net) -> bool:
        """True when the moment buffers must be (re)made for ``net``'s parameters."""
        return self.state is None or self.state[0].shape != net.params.shape

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
        self.momentum = _momentum(momentum)
        if nesterov and momentum == 0:
            raise ValueError("nesterov needs a momentum > 0")
        self.nesterov = bool(nesterov)

    def step(self, net, grads) -> None:
        """Update ``net.W`` and ``net.b`` in place from ``grads``."""
        mu, lr = self.momentum, self.lr
        theta = net.params  # every W and b, so each line below is one NumPy operation
        g = self._grad(net, grads)
        if mu == 0.0:
            theta -= lr * g  # the tutorial's W = W - alpha * dW, b = b - alpha * db
            self.t += 1
            return
        if self._state_for(net):
            v = np.array(g, copy=True)
            self.state = [v]
        else:
            v = self.state[0]
            v *= mu
            v += g
        theta -= lr * (g + mu * v) if self.nesterov else lr * v
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
        theta = net.params
        g = self._grad(net, grads)
        if self._state_for(net):
            self.state = [np.zeros_like(theta), np.zeros_like(theta)]
            self.t = 0
        m, v = self.state
        self.t += 1
        c1 = 1.0 - b1**self.t
        sqrt_c2 = np.sqrt(1.0 - b2**self.t)
        step_size = self.lr / c1
        m *= b1
        m += (1.0 - b1) * g
        v *= b2
        v += (1.0 - b2) * (g * g)
        # torch's order of operations: p -= lr / c1 * m / (sqrt(v) / sqrt(c2) + eps)
        denom = np.sqrt(v)
        denom /= sqrt_c2
        denom += self.eps
        theta -= step_size * m / denom


class RMSprop(_Optimizer):
    """RMSprop (Hinton), like ``torch.optim.RMSprop`` with ``weight_decay`` = ``l2``.

    ``s = alpha * s + (1 - alpha) * g^2``; centered: ``a = a + (1 - alpha) * (g - a)`` and
    the denominator is ``sqrt(s - a^2) + eps``, else ``sqrt(s) + eps``; then
    ``W -= lr * g / denom``, or with momentum ``v = momentum * v + g / denom`` (v starts
    at 0) and ``W -= lr * v``. torch's defaults: lr 0.01, alpha 0.99, eps 1e-8.
    """

    def __init__(
        self,
        lr: float = 0.01,
        alpha: float = 0.99,
        eps: float = 1e-8,
        momentum: float = 0.0,
        centered: bool = False,
        l1: float = 0.0,
        l2: float = 0.0,
    ) -> None:
        super().__init__(lr, l1, l2)
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"alpha must lie in [0, 1], got {alpha!r}")
        if not eps > 0:
            raise ValueError(f"eps must be > 0, got {eps!r}")
        self.alpha = float(alpha)
        self.eps = float(eps)
        self.momentum = _momentum(momentum)
        self.centered = bool(centered)

    def step(self, net, grads) -> None:
        """Update ``net.W`` and ``net.b`` in place from ``grads``."""
        alpha, mu = self.alpha, self.momentum
        theta = net.params
        g = self._grad(net, grads)
        if self._state_for(net):
            # square average, gradient average (centered), momentum buffer
            self.state = [np.zeros_like(theta), np.zeros_like(theta), np.zeros_like(theta)]
            self.t = 0
        s, a, v = self.state
        self.t += 1
        s *= alpha
        s += (1.0 - alpha) * (g * g)
        if self.centered:
            w = 1.0 - alpha  # torch's lerp: a + w (g - a) for w < 0.5, else g - (1 - w)(g - a)
            a[...] = a + w * (g - a) if w < 0.5 else g - (g - a) * (1.0 - w)
            denom = np.sqrt(s - a * a)
        else:
            denom = np.sqrt(s)
        denom += self.eps
        if mu > 0.0:
            v *= mu
            v += g / denom
            theta -= self.lr * v
        else:
            theta -= self.lr * (g / denom)


#: the optimisers the MLP playground offers (its URL and labels list these)
NAMES = ("sgd", "momentum", "nesterov", "adam")
#: every optimiser :func:`get` makes (the optimiser race offers these)
ALL_NAMES = NAMES + ("rmsprop",)


def get(name: str, lr: float, l1: float = 0.0, l2: float = 0.0, momentum: float = 0.9):
    """An optimiser by name: ``sgd``, ``momentum``, ``nesterov``, ``adam`` or ``rmsprop``.

    ``momentum`` is used by ``momentum`` and ``nesterov`` only (plain RMSprop has none;
    make :class:`RMSprop` directly for its momentum, ``alpha`` or ``centered``).
    """
    if name == "sgd":
        return SGD(lr, l1=l1, l2=l2)
    if name == "momentum":
        return SGD(lr, momentum=momentum, l1=l1, l2=l2)
    if name == "nesterov":
        return SGD(lr, momentum=momentum, nesterov=True, l1=l1, l2=l2)
    if name == "adam":
        return Adam(lr, l1=l1, l2=l2)
    if name == "rmsprop":
        return RMSprop(lr, l1=l1, l2=l2)
    raise ValueError(f"unknown optimiser {name!r}; choose one of {list(ALL_NAMES)}")
