"""A class trained together: one NumPy step for every network of the same shape.

A playing student's :class:`~nncore.train.Trainer` takes one small step at a time, and at
the playground's sizes (the default network has 25 parameters, batches of 10) a step is
a few dozen NumPy calls on tiny arrays: their overhead is the cost. Students whose
networks have the same shape (:func:`group_key`) are stepped here as one *group*, every
array stacked along a leading student axis ``s``::

    theta   (S, P)              every student's ``net.params``, one row each
    At[l]   (S, n[l] + 1, m)    [A[l]^T; 1] of each student's mini-batch
    Z[l]    (S, n[l], m)        Z[l] = [W | b] @ [A^T; 1]: one ``np.matmul`` for the group

so the Python-level cost of a step is paid once per group. Measured on the default
network (``python -m bench.bench_cohort``): a group step costs about 28 us plus 1.3 us per
student, against 23 us for one student alone; 30 students train 10x faster together.

Every student's run stays exactly the run it would have had alone, bit for bit
(``tests/unit/test_cohort.py`` trains each network alone and together and compares every
array and counter with ``np.array_equal``), because each operation is the one
``MLP.forward``/``backward``, the optimiser and the trainer do, on the same numbers:

- ``np.matmul`` of (S, a, b) @ (S, b, c) stacks calls the same BLAS routine per slice as
  ``np.dot`` does on one (a, b) @ (b, c) pair: measured equal bit for bit, float32 and
  float64, with transposed operands and the vector cases (1 output, a batch of 1),
  for 1,260 shapes with NumPy 2.4's OpenBLAS 0.3.31 (DYNAMIC_ARCH) on this AVX-512 CPU.
  That is a fact of the BLAS build, not a promise: the tests are what guards it.
- NumPy's elementwise functions (exp, tanh, expm1, log...) give each element the same
  value whatever its place in an array (SIMD lanes and tails alike: measured), and the
  activations are applied to contiguous arrays, as the network does.
- Per-student numbers keep their types: a learning rate is a column of the network's
  dtype (what a Python float becomes next to a float32 array), Adam's sqrt(1 - beta2^t)
  a float64 column (what the NumPy scalar of ``optim.Adam`` promotes to).
- Each student draws its mini-batch order from its own trainer's ``rng``, as alone.

Rare per-student events go through the trainer's own code: a record (``record_every``)
loads the student's state into its trainer and calls ``Trainer.record``; a divergence
puts the trainer back at its state when this call began and trains it alone for the call
(it stops at the diverging step, as it would have). The sanity check every
``CHECK_STEPS`` steps is too frequent for that (every 2nd epoch with batches of 10) and is
reproduced here: see :meth:`_Group._check`.

The state goes in and out through ``Trainer.checkpoint`` and ``Trainer.load_checkpoint``,
once per student per call, so a trainer may be changed between calls (a new learning
rate, a reset, a followed checkpoint) and a student may join or leave at any call. A
trainer's ``last_grads`` afterwards is a ``Grads`` of the same dW and db (its batch
``loss``, ``dZ`` and ``dA``, which nothing reads from a trainer, are not kept).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nncore import activations, optim
from nncore.network import Grads
from nncore.train import Trainer, check_due, is_sane

__all__ = ["group_key", "epochs", "Cohort"]

# (output, loss) pairs the group step computes, with MLP.backward's fused output
# derivative: dZ[L] = c (A[L] - Y) / (m k if per_output else m)
_FUSED = {
    ("sigmoid", "bce"): (1.0, False),
    ("softmax", "cross_entropy"): (1.0, False),
    ("linear", "mse"): (2.0, True),
}


def _opt_key(opt) -> tuple | None:
    """The optimiser's kind and the hyper-parameters every member of a group shares."""
    regs = (opt.l1 > 0, opt.l2 > 0)  # which terms are added; their strengths may differ
    if type(opt) is optim.SGD:
        return ("sgd", opt.momentum, opt.nesterov, *regs)
    if type(opt) is optim.Adam:
        return ("adam", opt.betas, opt.eps, *regs)
    if type(opt) is optim.RMSprop:
        return ("rmsprop", opt.alpha, opt.eps, opt.momentum, opt.centered, *regs)
    return None


def group_key(trainer: Trainer) -> tuple | None:
    """What a trainer must share with others to be stepped with them; None: alone.

    Shared: the dtype, the layer sizes (features included), the hidden activation and its
    parameters, the output and loss (a pair the network fuses), the training-set size,
    the batch size, the optimiser's kind and hyper-parameters (momentum, Nesterov, betas,
    eps, alpha, centered) and whether L1 and L2 are on. Per student: the data, the seed,
    the learning rate, the L1 and L2 strengths, the epoch, the optimiser's step count.
    A trainer with a training tool on (dropout, a schedule, clipping, early stopping:
    the group step does none of them) or a unit switched off (``net.unit_mask``) trains
    alone.
    """
    if (any(trainer.dropout) or trainer.schedule is not None or trainer.clip is not None
            or trainer.early_stopping is not None or trainer.net.unit_mask is not None):
        return None
    net = trainer.net
    pair = (net.output, trainer.loss.name)
    opt_key = _opt_key(trainer.opt)
    if pair not in _FUSED or opt_key is None:
        return None
    act = net.activation
    return (net.dtype.str, tuple(net.sizes), act.name, tuple(sorted(act.params.items())),
            *pair, trainer.X.shape[0], trainer.batch_size, opt_key)


def _alone(trainer: Trainer, k: int) -> int:
    """``k`` calls of ``trainer.epoch()``; the number that returned True."""
    done = 0
    for _ in range(k):
        if not trainer.epoch():
            break
        done += 1
    return done


def epochs(trainers: Sequence[Trainer], k: int) -> list[int]:
    """Train every trainer as ``k`` calls of its ``epoch()`` would, groups together.

    Parameters
    ----------
    trainers : sequence of Trainer
        Distinct trainers; those with equal :func:`group_key` are stepped together.
    k : int
        Epochs per trainer (fewer for one that diverges).

    Returns
    -------
    list of int
        Per trainer, how many of its ``k`` epochs returned True.
    """
    if len({id(t) for t in trainers}) != len(trainers):
        raise ValueError("a trainer appears twice")
    done = [0] * len(trainers)
    groups: dict = {}
    for i, tr in enumerate(trainers):
        key = group_key(tr)
        if tr.diverged or key is None or tr.checkpoint()["pos"] != 0:
            key = ("alone", i)  # mid-epoch (after a bare step()) or unlike any other
        groups.setdefault(key, []).append(i)
    for members in groups.values():
        if len(members) == 1:
            done[members[0]] = _alone(trainers[members[0]], k)
        else:
            got = _Group([trainers[i] for i in members]).run(k)
            for i, d in zip(members, got):
                done[i] = d
    return done


class Cohort:
    """The trainers playing now: :meth:`train` steps those of one shape together.

    Members join and leave between calls; the cohort keeps no training state of its own
    (each trainer holds its own), so a member changed between calls (a new learning rate,
    a reset, a followed checkpoint) trains on from what it is.
    """

    def __init__(self, trainers: Sequence[Trainer] = ()) -> None:
        self.members: list[Trainer] = []
        for tr in trainers:
            self.join(tr)

    def join(self, trainer: Trainer) -> None:
        """Add ``trainer`` (once; joining again does nothing)."""
        if not any(t is trainer for t in self.members):
            self.members.append(trainer)

    def leave(self, trainer: Trainer) -> None:
        """Remove ``trainer`` (nothing if it is not a member)."""
        self.members = [t for t in self.members if t is not trainer]

    def train(self, k: int) -> list[int]:
        """``k`` epochs for every member (see :func:`epochs`); epochs done per member."""
        return epochs(self.members, k)


def _softmax(Z: np.ndarray) -> np.ndarray:
    """Softmax over the units of (S, k, m), as ``MLP``'s over axis 0 of (k, m)."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    E /= E.sum(axis=1, keepdims=True)
    return E


class _Group:
    """Trainers of one :func:`group_key`, their state stacked for the length of a call."""

    def __init__(self, trainers: list[Trainer]) -> None:
        self.trainers = trainers
        self.start = [tr.checkpoint() for tr in trainers]  # for a divergence's replay
        self.hist_len = [len(tr.history["epoch"]) for tr in trainers]
        first = trainers[0]
        net, opt = first.net, first.opt
        self.sizes, self.dtype = net.sizes, net.dtype
        self.act, self.mask = net.activation, net.weight_mask
        self.out = None if net.output == "softmax" else activations.get(net.output)
        self.c, self.per_output = _FUSED[(net.output, first.loss.name)]
        self.n, self.B = first.X.shape[0], first.batch_size
        spans, i = [], 0
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]):
            spans.append((i, i + n_out * (n_in + 1), (n_out, n_in + 1)))
            i = spans[-1][1]
        self.spans = spans
        self.opt = opt  # the kind and shared hyper-parameters (group_key)
        ck = self.start
        dt = self.dtype
        self.theta = np.stack([c["params"] for c in ck])
        self.X = np.stack([tr.X for tr in trainers])
        self.T = np.stack([tr.T for tr in trainers])
        self.order = np.stack([c["order"] for c in ck])
        # a column of the dtype: what a Python float becomes next to the parameters
        self.lr = np.array([[tr.opt.lr] for tr in trainers], dtype=dt)
        self.l1 = np.array([[tr.opt.l1] for tr in trainers], dtype=dt)
        self.l2 = np.array([[tr.opt.l2] for tr in trainers], dtype=dt)
        self.lr_py = [tr.opt.lr for tr in trainers]
        # the moment buffers (zeros where none yet) and which students have none:
        # Adam and RMSprop then start at t = 0, momentum takes v = g
        self.fresh = np.array([c["opt_state"] is None for c in ck])
        n_state = (1 if opt.momentum else 0) if type(opt) is optim.SGD else (
            2 if type(opt) is optim.Adam else 3)
        self.state = [np.stack([np.zeros_like(c["params"]) if c["opt_state"] is None
                                else c["opt_state"][j] for c in ck])
                      for j in range(n_state)]
        resets = type(opt) is not optim.SGD
        self.t = [0 if (resets and c["opt_state"] is None) else c["opt_t"] for c in ck]
        self.epoch = [c["epoch_count"] for c in ck]
        self.steps = [c["step_count"] for c in ck]
        self.since = [c["since_check"] for c in ck]
        self.best = [c["best_loss"] for c in ck]
        self.sane = [c["sane"] for c in ck]
        self.recorded = [c["recorded"] for c in ck]
        self.grads = [c["last_grads"] for c in ck]  # replaced by G's rows once stepped
        self.G = None  # (S, P): the latest step's gradients
        self.done = [0] * len(trainers)
        self.index = list(range(len(trainers)))  # row -> position in the caller's list

    # ------------------------------------------------------------------ state
    def _last_grads(self, s: int):
        """Student ``s``'s latest gradients as a Grads (as ``Trainer.last_grads``)."""
        if self.G is None:
            return self.grads[s]
        row = self.G[s].copy()
        blocks = [row[i:j].reshape(shape) for i, j, shape in self.spans]
        n_in = self.sizes[:-1]
        return Grads(dW=[b[:, :n] for b, n in zip(blocks, n_in)],
                     db=[b[:, n] for b, n in zip(blocks, n_in)])

    def _checkpoint(self, s: int) -> dict:
        """Student ``s``'s state now, in ``Trainer.checkpoint``'s form."""
        tr = self.trainers[s]
        ck = dict(self.start[s])
        has_state = self.state and not self.fresh[s]
        ck.update(
            params=self.theta[s], opt_t=self.t[s],
            opt_state=[a[s] for a in self.state] if has_state else None,
            rng=tr.rng.bit_generator.state, order=self.order[s], pos=0,
            epoch_count=self.epoch[s], step_count=self.steps[s],
            last_grads=self._last_grads(s), sane=self.sane[s], best_loss=self.best[s],
            since_check=self.since[s], recorded=self.recorded[s],
        )
        return ck

    def _keep(self, keep: np.ndarray) -> None:
        """Go on with the students where ``keep`` is True only."""
        rows = np.flatnonzero(keep)
        for name in ("theta", "X", "T", "order", "lr", "l1", "l2", "fresh"):
            setattr(self, name, getattr(self, name)[rows])
        self.state = [a[rows] for a in self.state]
        if self.G is not None:
            self.G = self.G[rows]
        for name in ("trainers", "start", "hist_len", "lr_py", "t", "epoch", "steps",
                     "since", "best", "sane", "recorded", "grads", "index"):
            seq = getattr(self, name)
            setattr(self, name, [seq[r] for r in rows])

    def _replay(self, s: int, k: int) -> None:
        """Student ``s`` diverged: train it alone from where this call began."""
        tr = self.trainers[s]
        tr.load_checkpoint(self.start[s])
        for values in tr.history.values():
            del values[self.hist_len[s]:]
        self.done[self.index[s]] = _alone(tr, k)

    # ------------------------------------------------------------------ checks
    def _check(self, s: int, loss: float) -> None:
        """``Trainer._check``: keep student ``s``'s parameters as its sane state if sane.

        TODO(train.py): this and the loss in :meth:`_train_losses` reproduce two private
        rules of ``Trainer`` (the sanity check and which loss it reads), so a change
        there must be made here too; ``tests/unit/test_cohort.py`` compares both runs.
        """
        self.since[s] = 0
        if not is_sane(loss, self.best[s]):
            return
        self.best[s] = min(self.best[s], loss)
        self.sane[s] = (self.theta[s].copy(), self.epoch[s], self._last_grads(s))

    def _train_losses(self, due: list[int]) -> list[float]:
        """``Trainer._train_loss`` of the students ``due``: the recorded loss if it is of
        these parameters, else J from one forward pass of them all over their training
        sets, each loss then computed as ``MLP.loss`` does, on the same arrays."""
        out, fresh = {}, []
        for s in due:
            rec = self.recorded[s]
            if rec is not None and rec[:2] == (self.steps[s], float(self.theta[s].sum())):
                out[s] = rec[2]
            else:
                fresh.append(s)
        if fresh:
            with np.errstate(all="ignore"):
                *_, Zs, AL = self._forward(self.theta[fresh], self._augment(self.X[fresh]))
                for j, s in enumerate(fresh):
                    tr = self.trainers[s]
                    Z = None if tr.loss.name == "mse" else Zs[-1][j].T
                    out[s] = tr.loss.value(AL[j].T, tr.T, Z)
        return [out[s] for s in due]

    def _augment(self, X: np.ndarray) -> np.ndarray:
        """``MLP._augment`` of every student's X (S, m, n[0]): [X^T; 1], (S, n[0] + 1, m)."""
        S, m, d = X.shape
        At = np.empty((S, d + 1, m), dtype=self.dtype)
        At[:, :d] = X.transpose(0, 2, 1)
        At[:, d] = 1
        return At

    # ------------------------------------------------------------------ one step
    def _forward(self, theta: np.ndarray, At: np.ndarray) -> tuple:
        """``MLP.forward`` of each row of ``theta`` (S, P) on its [X^T; 1] (S, n[0] + 1, m).

        Returns the [W | b] blocks (S, n[l], n[l-1] + 1); the [A^T; 1] (S, n[l] + 1, m)
        and the contiguous A^T (S, n[l], m) of the hidden layers; every Z^T (S, n[l], m)
        (index 0 None); and A[L]^T (S, n[L], m).
        """
        S, m, dt = At.shape[0], At.shape[2], self.dtype
        Wb = [theta[:, i:j].reshape(S, *shape) for i, j, shape in self.spans]
        As, Ac, Zs = [At], [None], [None]
        L = len(Wb)
        for l, W in enumerate(Wb, start=1):
            Z = np.matmul(W, At)  # (S, n[l], m)
            Zs.append(Z)
            if l == L:
                return Wb, As, Ac, Zs, _softmax(Z) if self.out is None else self.out.g(Z)
            n = W.shape[1]
            A = np.empty((S, n, m), dtype=dt)  # contiguous, as the network's rows
            self.act.g_into(Z, A)
            At = np.empty((S, n + 1, m), dtype=dt)
            At[:, :n] = A
            At[:, n] = 1
            As.append(At)
            Ac.append(A)
        raise AssertionError("a network has at least one layer")

    def _forward_backward(self, At: np.ndarray, Tt: np.ndarray) -> tuple:
        """MLP.forward then MLP.backward for every student: (G (S, P), A[L], Z[L])."""
        theta, S, m = self.theta, At.shape[0], At.shape[2]
        Wb, As, Ac, Zs, AL = self._forward(theta, At)
        L = len(Wb)
        dZ = np.subtract(AL, Tt)
        k = AL.shape[1]
        dZ *= self.c / (m * k if self.per_output else m)
        G = np.empty_like(theta)
        for l in range(L, 0, -1):
            i, j, shape = self.spans[l - 1]
            np.matmul(dZ, As[l - 1].transpose(0, 2, 1), out=G[:, i:j].reshape(S, *shape))
            if l > 1:
                n = self.sizes[l - 1]
                dA = np.matmul(Wb[l - 1].transpose(0, 2, 1), dZ)[:, :n]
                dZ = self.act.dg(Zs[l - 1], Ac[l - 1])
                dZ *= dA
        return G, AL, Zs[L]

    def _update(self, G: np.ndarray) -> np.ndarray:
        """The optimiser's step for every student: the new parameters (S, P)."""
        opt, theta, mask = self.opt, self.theta, self.mask
        g = G
        if opt.l2:
            g = g + self.l2 * (theta * mask)
        if opt.l1:
            g = g + self.l1 * (np.sign(theta) * mask)
        self.t = [t + 1 for t in self.t]
        if type(opt) is optim.SGD:
            mu = opt.momentum
            if mu == 0.0:
                return theta - self.lr * g
            v = self.state[0] * mu + g
            if self.fresh.any():
                v[self.fresh] = g[self.fresh]  # the first step: v = g
            self.state[0] = v
            step = self.lr * (g + mu * v) if opt.nesterov else self.lr * v
            self.fresh[:] = False
            return theta - step
        self.fresh[:] = False
        col = np.array
        if type(opt) is optim.Adam:
            b1, b2 = opt.betas
            m, v = self.state
            c1 = [1.0 - b1**t for t in self.t]
            sqrt_c2 = np.sqrt(col([[1.0 - b2**t] for t in self.t]))  # float64, as Adam's
            step_size = col([[lr / c] for lr, c in zip(self.lr_py, c1)], dtype=self.dtype)
            m = m * b1 + (1.0 - b1) * g
            v = v * b2 + (1.0 - b2) * (g * g)
            self.state = [m, v]
            denom = np.sqrt(v)
            denom /= sqrt_c2
            denom += opt.eps
            return theta - step_size * m / denom
        alpha, mu = opt.alpha, opt.momentum  # RMSprop
        s, a, v = self.state
        s = s * alpha + (1.0 - alpha) * (g * g)
        if opt.centered:
            w = 1.0 - alpha
            a = a + w * (g - a) if w < 0.5 else g - (g - a) * (1.0 - w)
            denom = np.sqrt(s - a * a)
        else:
            denom = np.sqrt(s)
        denom += opt.eps
        if mu > 0.0:
            v = v * mu + g / denom
            self.state = [s, a, v]
            return theta - self.lr * v
        self.state = [s, a, v]
        return theta - self.lr * (g / denom)

    # ------------------------------------------------------------------ epochs
    def run(self, k: int) -> list[int]:
        """``k`` epochs for every student; per student, the epochs that returned True."""
        for _ in range(k):
            if not self.trainers:
                break
            self._epoch(k)
        for s in range(len(self.trainers)):
            self.trainers[s].load_checkpoint(self._checkpoint(s))
        return self.done

    def _epoch(self, k: int) -> None:
        S, n, B = len(self.trainers), self.n, self.B
        due = [check_due(x) for x in self.since]
        if B < n:
            for s, tr in enumerate(self.trainers):
                self.order[s] = tr.rng.permutation(n)
            checked = [s for s in range(S) if due[s]]
            for s, loss in zip(checked, self._train_losses(checked)):
                self._check(s, loss)
            rows = np.arange(S)[:, None]
            X, T = self.X[rows, self.order], self.T[rows, self.order]
        else:
            X, T = self.X, self.T
        At_all = self._augment(X)  # [X^T; 1] of the epoch's batches
        Tt_all = T.transpose(0, 2, 1)
        for p in range(0, n, B):
            with np.errstate(all="ignore"):  # as Trainer.step: a divergence is no warning
                G, AL, ZL = self._forward_backward(At_all[:, :, p:p + B],
                                                   Tt_all[:, :, p:p + B])
            if B >= n:  # the full batch: this pass's loss is J
                for s in range(S):
                    if due[s]:
                        tr = self.trainers[s]
                        Z = None if tr.loss.name == "mse" else ZL[s].T
                        with np.errstate(all="ignore"):
                            self._check(s, tr.loss.value(AL[s].T, tr.T, Z))
            with np.errstate(all="ignore"):
                theta = self._update(G)
                finite = np.isfinite(theta.sum(axis=1))
            self.theta, self.G = theta, G
            if not finite.all():
                for s in np.flatnonzero(~finite):
                    self._replay(s, k)
                self._keep(finite)
                due = [x for x, f in zip(due, finite) if f]
                S = len(self.trainers)
                if S == 0:
                    return
                At_all, Tt_all = At_all[finite], Tt_all[finite]
            self.steps = [x + 1 for x in self.steps]
            self.since = [x + 1 for x in self.since]
        self.epoch = [e + 1 for e in self.epoch]
        ok = np.ones(S, dtype=bool)
        for s, tr in enumerate(self.trainers):
            if self.epoch[s] % tr.record_every == 0:
                tr.load_checkpoint(self._checkpoint(s))
                if not tr.record():  # diverged: the trainer restored itself
                    ok[s] = False
                    continue
                self.recorded[s] = tr.checkpoint()["recorded"]
            self.done[self.index[s]] += 1
        if not ok.all():
            self._keep(ok)

