r"""One training step written out: forward pass, loss, backward pass and update, step by step.

:func:`build` turns a network, a batch ``(X, Y)`` and a learning rate ``alpha`` into the
ordered list of :class:`Step` objects the backprop page shows one at a time. Each step
holds its formula in the tutorial's notation (Andrew Ng's: columns are examples), a
numeric template whose ``<name>`` placeholders stand for its operands, the operands
themselves (already oriented as the tutorial writes them) and the same line of NumPy in
nncore's row layout. The page only renders.

Gradients follow the tutorial's convention: ``dz`` and ``da`` are per example (no 1/m),
and the averaging over the batch happens in ``dW = (1/m) dZ A_prev^T`` and ``db``.
nncore's ``grads.dZ`` already holds the 1/m, so ``m * grads.dZ[l]`` equals the ``dZ``
here; ``dW`` and ``db`` are the same in both.

A sigmoid or softmax output far enough out rounds to exactly 1 (or underflows), and
da^[L] = -y/a + (1-y)/(1-a) would then be 0/0 or x/0 although its true value is finite:
it is computed from the logits z instead (1/(1-a) = 1 + e^z), and the values at that
edge of floating point are flagged (``Operand.edge``, ``Step.edge``, ``Trace.edge``) so
the page can say so. dz^[L] = a - y and everything after it are PyTorch's numbers.

Shapes, with m examples and n[l] units in layer l (tutorial orientation)::

    W^[l] (n[l], n[l-1])   b^[l] (n[l], 1)   Z^[l], A^[l], dZ^[l], dA^[l] (n[l], m)

torch is never imported here except inside :func:`torch_check`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from nncore import activations, losses
from nncore.network import MLP

__all__ = ["Operand", "Step", "Trace", "build", "make_batch", "torch_check", "tex", "PHASES"]

#: the phases of one training step, in order
PHASES = ("forward", "loss", "backward", "update")

# (output, loss) pairs whose dz^[L] simplifies to a - y (the tutorial's dz = a - y)
_FUSED = {("sigmoid", "bce"), ("softmax", "cross_entropy")}

_SOFTMAX_LATEX = r"a_j = \frac{e^{z_j}}{\sum_k e^{z_k}}"
_PLACEHOLDER = re.compile(r"<(\w+)>")


@dataclass(frozen=True)
class Operand:
    """A value shown in a step.

    Attributes
    ----------
    symbol : str
        LaTeX name, e.g. ``"W^{[1]}"``.
    value : ndarray
        2-D in the tutorial's orientation (vectors are columns, one column per example),
        or 0-d for a scalar (the loss, alpha).
    cached : bool
        True when the value is read from the forward pass's cache (z^[l], a^[l]).
    edge : bool
        True when the value is at the edge of floating point: an output a that rounds to
        exactly 1 or underflows towards 0 (so 1 - a or 1 / a can no longer be formed from
        it), a value computed from z for that reason, or one beyond the largest float64.
    """

    symbol: str
    value: np.ndarray
    cached: bool = False
    edge: bool = False


@dataclass(frozen=True)
class Step:
    """One line of the computation.

    Attributes
    ----------
    index : int
        Position in the trace, from 0.
    phase : str
        One of :data:`PHASES`.
    kind : str
        ``"z"``, ``"a"``, ``"loss"``, ``"da_L"``, ``"dz"``, ``"dW"``, ``"db"``, ``"da_prev"``,
        ``"W"``, ``"b"`` or ``"loss_after"``: what is computed (the page explains each kind).
    layer : int
        The layer l the step belongs to (the diagram highlights it).
    formula : str
        The formula in the tutorial's notation (LaTeX).
    numeric : tuple of str
        LaTeX lines with ``<name>`` placeholders for the operands (filled in with :func:`tex`).
    operands : dict of str -> Operand
        Every value the step shows; ``"out"`` is the result.
    code : str
        The same computation as a line of Python in nncore's row layout (rows are examples):
        ``A``, ``Z``, ``dA``, ``dZ``, ``W``, ``b``, ``dW``, ``db`` indexed by layer, ``Y``
        (one-hot for cross-entropy), ``m``, ``alpha``, activations by name (``tanh.g``,
        ``tanh.dg``), ``softmax``, ``np``, ``nncore`` and ``net_after``.
    note : str
        Extra LaTeX, e.g. the activation's formula g or its derivative g'.
    focus : tuple of int
        Layers whose units the diagram highlights.
    """

    index: int
    phase: str
    kind: str
    layer: int
    formula: str
    numeric: tuple
    operands: dict
    code: str
    note: str = ""
    focus: tuple = ()

    @property
    def result(self) -> Operand:
        """The operand the step computes."""
        return self.operands["out"]

    @property
    def cached(self) -> list[str]:
        """Symbols of the operands read from the forward cache, in order."""
        return [op.symbol for op in self.operands.values() if op.cached]

    @property
    def edge(self) -> bool:
        """True when a value the step shows is at the edge of floating point (see
        :attr:`Operand.edge`; a value beyond the largest float64 always is)."""
        return any(op.edge or not np.all(np.isfinite(op.value)) for op in self.operands.values())


@dataclass
class Trace:
    """The whole step, plus the figures the page shows beside it.

    Attributes
    ----------
    steps : list of Step
    m : int
        Batch size.
    loss_before, loss_after : float
        Mean loss on the batch before and after ``W := W - alpha dW``, ``b := b - alpha db``.
    dW, db : list of ndarray
        Gradients in nncore's layout (``dW[l-1]`` is dW^[l], (n[l], n[l-1]); ``db[l-1]`` (n[l],)).
    net_after : MLP
        A copy of the network after the update.
    """

    steps: list
    m: int
    loss_before: float
    loss_after: float
    dW: list = field(default_factory=list)  # noqa: N815 (the maths name)
    db: list = field(default_factory=list)
    net_after: MLP | None = None

    @property
    def edge(self) -> bool:
        """True when any step shows a value at the edge of floating point."""
        return any(step.edge for step in self.steps)


def _col(A: np.ndarray) -> np.ndarray:
    """Row layout (m, n) -> the tutorial's columns (n, m)."""
    return np.asarray(A, dtype=np.float64).T.copy()


def _per_example_loss(name: str, Z: np.ndarray, A: np.ndarray, T: np.ndarray) -> np.ndarray:
    """The loss of each example, shape (m,); their mean is nncore's loss value.

    bce and mse average over the k output units (as torch does); cross-entropy sums.
    bce and cross-entropy use the logits Z, stable for any z.
    """
    if name == "bce":
        return np.mean(np.maximum(Z, 0) - Z * T + np.log1p(np.exp(-np.abs(Z))), axis=1)
    if name == "cross_entropy":
        Zs = Z - Z.max(axis=1, keepdims=True)
        log_softmax = Zs - np.log(np.exp(Zs).sum(axis=1, keepdims=True))
        return -np.sum(T * log_softmax, axis=1)
    return np.mean((A - T) ** 2, axis=1)


def _dA_per_example(name: str, Z: np.ndarray, A: np.ndarray, T: np.ndarray,
                    from_z: bool) -> np.ndarray:
    """dL/da^[L] of each example's own loss (no 1/m), shape (m, k).

    With ``from_z`` (sigmoid + bce, softmax + cross-entropy) the reciprocals 1/a and
    1/(1-a) come from the logits z, not from a: a sigmoid output of z = 40 rounds to
    a = 1, and (1-y)/(1-a) would be 0/0 although the true value is finite. From z,

        1/a = 1 + e^{-z},  1/(1-a) = 1 + e^{z}          (sigmoid)
        1/a_j = sum_k e^{z_k - z_j}                      (softmax)

    are as exact as z itself; a term whose label weight (y or 1 - y) is 0 is 0 even
    where its reciprocal overflows, and a value that is truly beyond the largest float64
    (e.g. 1/(1-a) = 1 + e^{800}) comes out as inf, honestly.
    """
    k = A.shape[1]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if name == "bce" and from_z:
            first = np.where(T != 0, -T * (1 + np.exp(-Z)), 0.0)
            second = np.where(T != 1, (1 - T) * (1 + np.exp(Z)), 0.0)
            return (first + second) / k
        if name == "cross_entropy" and from_z:
            inv_a = np.exp(Z[:, None, :] - Z[:, :, None]).sum(axis=2)
            return np.where(T != 0, -T * inv_a, 0.0)
        if name == "bce":
            return (-(T / A) + (1 - T) / (1 - A)) / k
        if name == "cross_entropy":
            return -(T / A)
        return 2.0 * (A - T) / k


def _at_edge(A: np.ndarray) -> bool:
    """True when an output in (0, 1) has rounded to 1 or fallen below the normal floats
    (sigmoid stops at e^{-709}; softmax underflows to 0): 1 - a or 1/a is then lost."""
    return bool(np.any(A >= 1.0) or np.any(A < np.finfo(np.float64).tiny))


def tex(template: str, **values) -> str:
    """Fill the ``<name>`` placeholders of a LaTeX template; unknown names stay as they are.

    ``<name>`` rather than ``{name}`` or ``%(name)s`` because LaTeX is full of braces and
    ``%`` starts a LaTeX comment. The page fills a step's numeric lines with this too.

    >>> tex(r"z^{[<l>]} = <W> <a>", l=1, W="W")
    'z^{[1]} = W <a>'
    """
    return _PLACEHOLDER.sub(lambda mt: str(values.get(mt.group(1), mt.group(0))), template)


def _loss_latex(name: str, k: int) -> str:
    """Per-example loss formula in the tutorial's notation."""
    mean_k = tex(r"\frac{1}{<k>}\sum_{j=1}^{<k>}", k=k) if k > 1 else ""
    j = "_j" if k > 1 else ""
    if name == "bce":
        return tex(r"\mathcal{L}(a, y) = -<s>\left[y<j>\log a<j> + (1-y<j>)\log(1-a<j>)\right]",
                   s=mean_k, j=j)
    if name == "cross_entropy":
        return tex(r"\mathcal{L}(a, y) = -\sum_{j=1}^{<k>} y_j \log a_j", k=k)
    return tex(r"\mathcal{L}(a, y) = <s>(a<j> - y<j>)^2", s=mean_k, j=j)


def _dA_latex(name: str, k: int, a: str, y: str) -> str:
    """The formula of da^[L] = dL/da^[L] for one example."""
    scale = tex(r"\frac{1}{<k>}", k=k) if k > 1 else ""
    if name == "bce":
        return tex(r"<s>\left(-\frac{<y>}{<a>} + \frac{1-<y>}{1-<a>}\right)", s=scale, y=y, a=a)
    if name == "cross_entropy":
        return tex(r"-\frac{<y>}{<a>}", y=y, a=a)
    two = tex(r"\frac{2}{<k>}", k=k) if k > 1 else "2"
    return tex(r"<two>\,(<a> - <y>)", two=two, a=a, y=y)


def _dA_code(name: str, k: int, L: int, from_z: bool) -> str:
    """The NumPy line of da^[L] (per example: the 1/m comes in dW and db)."""
    a, z = f"A[{L}]", f"Z[{L}]"
    if name == "bce" and from_z:
        code = f"(-Y * (1 + np.exp(-{z})) + (1 - Y) * (1 + np.exp({z})))"
        code = f"dA[{L}] = {code} / {k}" if k > 1 else f"dA[{L}] = {code}"
        return code + "   # 1/a and 1/(1-a) from z"
    if name == "cross_entropy" and from_z:
        return (f"dA[{L}] = -Y * np.exp({z}[:, None, :] - {z}[:, :, None]).sum(2)"
                "   # Y one-hot; 1/a_j from z")
    if name == "bce":
        code = f"(-(Y / {a}) + (1 - Y) / (1 - {a}))"
        return f"dA[{L}] = {code} / {k}" if k > 1 else f"dA[{L}] = {code}"
    if name == "cross_entropy":
        return f"dA[{L}] = -Y / {a}   # Y one-hot"
    return f"dA[{L}] = 2 * ({a} - Y) / {k}" if k > 1 else f"dA[{L}] = 2 * ({a} - Y)"


def _reciprocal_latex(name: str) -> str:
    """How 1/a (and 1/(1-a)) are computed from z for da^[L], as a note."""
    if name == "bce":
        return r"\frac{1}{a} = 1 + e^{-z},\qquad \frac{1}{1-a} = 1 + e^{z}"
    return r"\frac{1}{a_j} = \sum_{i} e^{z_i - z_j}"


def _g_latex(name: str) -> str:
    """How the activation's name is written inside a formula."""
    named = {"sigmoid": r"\sigma", "tanh": r"\tanh", "linear": r"\mathrm{id}"}
    return named.get(name, tex(r"\mathrm{<n>}", n=name.replace("_", r"\_")))


class _Names:
    """LaTeX symbols for one batch size: lower case for one example, upper case for a batch."""

    def __init__(self, m: int) -> None:
        self.m = m
        self.batch = m > 1

    def v(self, base: str, l: int, sup: str = "") -> str:
        """``z^{[l]}`` for one example, ``Z^{[l]}`` for a batch; ``base`` in "z a dz da"."""
        if self.batch:
            base = base[:-1] + base[-1].upper()
        return tex("<b>^{[<l>]<sup>}", b=base, l=l, sup=sup)

    @property
    def y(self) -> str:
        return "Y" if self.batch else "y"

    @property
    def mean(self) -> str:
        """The 1/m factor as written (nothing for one example)."""
        return tex(r"\frac{1}{<m>}", m=self.m) if self.batch else ""


def _p(name: str, l: int, sup: str = "") -> str:
    """A parameter's or gradient's symbol, e.g. ``W^{[1]}``, ``db^{[2]}``, ``W^{[1]T}``."""
    return tex("<n>^{[<l>]<sup>}", n=name, l=l, sup=sup)


@dataclass
class _Pass:
    """What every phase of the written-out step reads, and the steps written so far.

    Attributes
    ----------
    net : MLP
        The network in float64 (a copy; the caller's is not changed).
    lossf : losses.Loss
    s : _Names
        The symbols for this batch size.
    A, Z : list of ndarray
        The forward cache in nncore's row layout: ``A[l]``, ``Z[l]`` (m, n[l]), ``Z[0]`` None.
    T : ndarray, shape (m, n[L])
        The targets (one-hot for cross-entropy).
    from_z : bool
        da^[L] is computed from z (sigmoid + bce, softmax + cross-entropy).
    saturated : bool
        The output is at the edge of floating point (see :func:`_at_edge`).
    steps : list of Step
    L, m, k : int
        Layers, batch size and output width.
    a_op, y_op : Operand
        a^[L] (from the cache) and y: the loss, da^[L] and dz^[L] steps share them.
    """

    net: MLP
    lossf: losses.Loss
    s: _Names
    A: list
    Z: list
    T: np.ndarray
    from_z: bool
    saturated: bool
    steps: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.L = self.net.L
        self.m, self.k = self.A[self.L].shape
        self.a_op = Operand(self.s.v("a", self.L), _col(self.A[self.L]), cached=True,
                            edge=self.saturated)
        self.y_op = Operand(self.s.y, _col(self.T))

    def add(self, phase, kind, layer, formula, numeric, operands, code, note="", focus=None):
        """Append the next :class:`Step` (``focus`` defaults to its own layer)."""
        self.steps.append(
            Step(
                index=len(self.steps), phase=phase, kind=kind, layer=layer, formula=formula,
                numeric=tuple(numeric), operands=operands, code=code, note=note,
                focus=tuple(focus if focus is not None else (layer,)),
            )
        )


def build(net: MLP, X, Y, alpha: float, loss: str | None = None) -> Trace:
    """Write out one gradient-descent step of ``net`` on the batch ``(X, Y)``.

    The phases are written by :func:`_forward`, :func:`_loss`, :func:`_backward` and
    :func:`_update`, in that order, each appending its steps.

    Parameters
    ----------
    net : MLP
        The network; it is not changed (the update is applied to a copy).
    X : array_like, shape (m, n[0])
        The examples, one per row.
    Y : array_like, shape (m,) or (m, n[L])
        Labels (0/1 for bce, class indices for cross-entropy) or targets (mse).
    alpha : float
        Learning rate of ``W := W - alpha dW``.
    loss : str, optional
        Loss name; defaults to ``net.loss_name``.

    Returns
    -------
    Trace
    """
    alpha = float(alpha)
    if not np.isfinite(alpha) or alpha < 0:
        raise ValueError(f"alpha must be a finite number >= 0, got {alpha!r}")
    net = net.astype(np.float64)
    lossf = losses.get(loss or net.loss_name)
    Y_hat, cache = net.forward(X)
    # the output is a probability that may round to 1 (or underflow): 1 - a and 1/a are
    # then lost, so da^[L] is computed from z and the page says so
    from_z = (net.output, lossf.name) in _FUSED
    p = _Pass(net, lossf, _Names(Y_hat.shape[0]), cache.A, cache.Z,
              lossf.targets(Y, Y_hat), from_z, from_z and _at_edge(cache.A[net.L]))
    _forward(p)
    loss_before = _loss(p)
    dW, db = _backward(p)
    after = _update(p, dW, db, alpha)
    loss_after = _loss_after(p, after, X, loss_before)
    return Trace(steps=p.steps, m=p.m, loss_before=loss_before, loss_after=loss_after,
                 dW=dW, db=db, net_after=after)


def _forward(p: _Pass) -> None:
    """The forward steps: z^[l] = W^[l] a^[l-1] + b^[l] and a^[l] = g^[l](z^[l]) per layer."""
    net, s, A, Z, L = p.net, p.s, p.A, p.Z, p.L
    hidden = net.activation
    for l in range(1, L + 1):
        W, b = net.W[l - 1], net.b[l - 1]
        z, a_prev, a = s.v("z", l), s.v("a", l - 1), s.v("a", l)
        p.add(
            "forward", "z", l,
            tex(r"<z> = <W> <a> + <b>", z=z, W=_p("W", l), a=a_prev, b=_p("b", l)),
            ["<out> = <W> <a_prev> + <b>"],
            {
                "out": Operand(z, _col(Z[l])),
                "W": Operand(_p("W", l), W.copy()),
                "a_prev": Operand(a_prev, _col(A[l - 1]), cached=l > 1),
                "b": Operand(_p("b", l), b.reshape(-1, 1).copy()),
            },
            f"Z[{l}] = A[{l - 1}] @ W[{l}].T + b[{l}]",
            focus=(l - 1, l),
        )
        if l < L:
            name, note = hidden.name, hidden.latex
        elif net.output == "softmax":
            name, note = "softmax", _SOFTMAX_LATEX
        else:
            name, note = net.output, activations.get(net.output).latex
        g = _g_latex(name)
        p.add(
            "forward", "a", l,
            tex(r"<a> = g^{[<l>]}(<z>),\quad g^{[<l>]} = <g>", a=a, l=l, z=z, g=g),
            [tex(r"<out> = <g>\left(<z>\right)", g=g)],
            {"out": Operand(a, _col(A[l]), edge=l == L and p.saturated),
             "z": Operand(z, _col(Z[l]))},
            f"A[{l}] = softmax(Z[{l}])" if name == "softmax" else f"A[{l}] = {name}.g(Z[{l}])",
            note=note,
        )


def _loss(p: _Pass) -> float:
    """The loss step J = (1/m) sum_i L(a^(i), y^(i)); returns J."""
    s, L, m, name = p.s, p.L, p.m, p.lossf.name
    per_example = _per_example_loss(name, p.Z[L], p.A[L], p.T)
    loss_before = float(np.mean(per_example))
    loss_ops = {"out": Operand("J", np.array(loss_before)), "a": p.a_op, "y": p.y_op}
    if s.batch:
        loss_ops["l"] = Operand(r"\mathcal{L}^{(i)}", per_example.reshape(1, -1))
        numeric = [
            r"<l> = \mathcal{L}\left(<a>, <y>\right)",
            tex(r"<out> = <mean> \sum_{i=1}^{<m>} <l>", mean=s.mean, m=m),
        ]
        formula = tex(r"J = \frac{1}{m}\sum_{i=1}^{m} \mathcal{L}(a^{[<L>](i)}, y^{(i)})", L=L)
    else:
        numeric = [r"<out> = \mathcal{L}\left(<a>, <y>\right)"]
        formula = tex(r"J = \mathcal{L}(a^{[<L>]}, y)", L=L)
    p.add("loss", "loss", L, formula, numeric, loss_ops,
          f'J = nncore.losses.get("{name}").value(A[{L}], Y, Z[{L}])',
          note=_loss_latex(name, p.k))
    return loss_before


def _backward(p: _Pass) -> tuple[list, list]:
    """The backward steps, from da^[L] down to layer 1; returns the lists dW and db
    (nncore's layout, ``dW[l-1]`` is dW^[l])."""
    dA_l = _da_L(p)
    dW_all: list = [None] * p.L
    db_all: list = [None] * p.L
    for l in range(p.L, 0, -1):
        dZ_l = _dz(p, l, dA_l)
        dz_op = Operand(p.s.v("dz", l), _col(dZ_l))  # read by the next two or three steps
        dW_all[l - 1], db_all[l - 1] = _dW_db(p, l, dZ_l, dz_op)
        if l > 1:
            dA_l = _da_prev(p, l, dZ_l, dz_op)
    return dW_all, db_all


def _da_L(p: _Pass) -> np.ndarray:
    """The step da^[L] = dL/da^[L] (per example); returns it, (m, n[L])."""
    name, s, L, k = p.lossf.name, p.s, p.L, p.k
    dA_L = _dA_per_example(name, p.Z[L], p.A[L], p.T, p.from_z)
    daL, aL = s.v("da", L), s.v("a", L)
    p.add(
        "backward", "da_L", L,
        tex(r"<da> = \frac{\partial \mathcal{L}}{\partial <a>} = <f>",
            da=daL, a=aL, f=_dA_latex(name, k, aL, s.y)),
        [r"<out> = \frac{\partial \mathcal{L}}{\partial a}\left(<a>, <y>\right)"],
        {"out": Operand(daL, _col(dA_L), edge=p.saturated or not np.all(np.isfinite(dA_L))),
         "a": p.a_op, "y": p.y_op},
        _dA_code(name, k, L, p.from_z),
        note=_reciprocal_latex(name) if p.from_z else "",
    )
    return dA_L


def _dz(p: _Pass, l: int, dA_l: np.ndarray) -> np.ndarray:
    """The step dz^[l] from da^[l]; returns dZ[l] (m, n[l]), per example (no 1/m)."""
    net, name, s, L, k = p.net, p.lossf.name, p.s, p.L, p.k
    dz, da, z = s.v("dz", l), s.v("da", l), s.v("z", l)
    if l == L and (net.output, name) in _FUSED:
        # da * g'(z) cancels to a - y: computed directly, finite even when a rounds to 0 or 1
        dZ_l = (p.A[L] - p.T) / (k if name == "bce" else 1)
        scale = tex(r"\frac{1}{<k>}", k=k) if (name == "bce" and k > 1) else ""
        p.add(
            "backward", "dz", l,
            tex(r"<dz> = <da> \odot g^{[<l>]\prime}(<z>) = <s>(<a> - <y>)",
                dz=dz, da=da, l=l, z=z, s=scale, a=s.v("a", L), y=s.y),
            [tex(r"<out> = <s>\left(<a> - <y>\right)", s=scale)],
            {"out": Operand(dz, _col(dZ_l)), "a": p.a_op, "y": p.y_op},
            f"dZ[{L}] = (A[{L}] - Y) / {k}" if scale else f"dZ[{L}] = A[{L}] - Y",
        )
    elif l == L and net.output == "softmax":  # softmax's Jacobian is not diagonal
        AL = p.A[L]
        dZ_l = AL * (dA_l - np.sum(dA_l * AL, axis=1, keepdims=True))
        p.add(
            "backward", "dz", l,
            tex(r"<dz>_j = a_j\left(<da>_j - \sum_i <da>_i a_i\right)", dz=dz, da=da),
            [r"<out> = \mathrm{softmax}'\left(<a>\right)^{T} <da>"],
            {"out": Operand(dz, _col(dZ_l)), "da": Operand(da, _col(dA_l)), "a": p.a_op},
            f"dZ[{L}] = A[{L}] * (dA[{L}] - (dA[{L}] * A[{L}]).sum(1, keepdims=True))",
        )
    else:
        act = net.activation if l < L else activations.get(net.output)
        gp = act.dg(p.Z[l])
        dZ_l = dA_l * gp
        gp_symbol = tex("g'(<z>)", z=z)
        p.add(
            "backward", "dz", l,
            tex(r"<dz> = <da> \odot g^{[<l>]\prime}(<z>)", dz=dz, da=da, l=l, z=z),
            [r"<gp> = g'\left(<z>\right)", r"<out> = <da> \odot <gp>"],
            {
                "out": Operand(dz, _col(dZ_l)),
                "da": Operand(da, _col(dA_l)),
                "gp": Operand(gp_symbol, _col(gp)),
                "z": Operand(z, _col(p.Z[l]), cached=True),
            },
            f"dZ[{l}] = dA[{l}] * {act.name}.dg(Z[{l}])",
            note=act.dlatex,
        )
    return dZ_l


def _dW_db(p: _Pass, l: int, dZ_l: np.ndarray,
           dz_op: Operand) -> tuple[np.ndarray, np.ndarray]:
    """The steps dW^[l] = (1/m) dZ A_prev^T and db^[l]; returns dW[l-1] and db[l-1]."""
    s, m, A = p.s, p.m, p.A
    dW_l = dZ_l.T @ A[l - 1] / m
    db_l = dZ_l.sum(axis=0) / m
    dz = dz_op.symbol
    a_prevT = s.v("a", l - 1, "T")
    p.add(
        "backward", "dW", l,
        tex(r"<dW> = <mean> <dz>\, <aT>", dW=_p("dW", l), mean=s.mean, dz=dz, aT=a_prevT),
        [tex(r"<out> = <mean> <dz>\, <a_prevT>", mean=s.mean)],
        {
            "out": Operand(_p("dW", l), dW_l),
            "dz": dz_op,
            "a_prevT": Operand(a_prevT, np.array(A[l - 1], dtype=np.float64), cached=True),
        },
        f"dW[{l}] = dZ[{l}].T @ A[{l - 1}] / m",
        focus=(l - 1, l),
    )
    if s.batch:
        db_formula = tex(r"<db> = \frac{1}{m}\sum_{i=1}^{m} <dz>",
                         db=_p("db", l), dz=s.v("dz", l, "(i)"))
        db_numeric = tex(r"<out> = <mean> \sum_{i=1}^{<m>} <dz>", mean=s.mean, m=m)
    else:
        db_formula = tex(r"<db> = <dz>", db=_p("db", l), dz=dz)
        db_numeric = r"<out> = <dz>"
    p.add(
        "backward", "db", l, db_formula, [db_numeric],
        {"out": Operand(_p("db", l), db_l.reshape(-1, 1)), "dz": dz_op},
        f"db[{l}] = dZ[{l}].sum(axis=0) / m",
    )
    return dW_l, db_l


def _da_prev(p: _Pass, l: int, dZ_l: np.ndarray, dz_op: Operand) -> np.ndarray:
    """The step da^[l-1] = W^[l]T dz^[l]; returns dA[l-1] (m, n[l-1])."""
    W = p.net.W[l - 1]
    dA_prev = dZ_l @ W
    da_prev, dz = p.s.v("da", l - 1), dz_op.symbol
    p.add(
        "backward", "da_prev", l,
        tex(r"<da> = <WT> <dz>", da=da_prev, WT=_p("W", l, "T"), dz=dz),
        [r"<out> = <WT> <dz>"],
        {
            "out": Operand(da_prev, _col(dA_prev)),
            "WT": Operand(_p("W", l, "T"), W.T.copy()),
            "dz": dz_op,
        },
        f"dA[{l - 1}] = dZ[{l}] @ W[{l}]",
        focus=(l - 1, l),
    )
    return dA_prev


def _update(p: _Pass, dW: list, db: list, alpha: float) -> MLP:
    """The update steps W := W - alpha dW, b := b - alpha db; returns the updated copy."""
    net = p.net
    after = net.copy()
    alpha_op = Operand(r"\alpha", np.array(alpha))
    for l in range(1, p.L + 1):
        after.W[l - 1] = net.W[l - 1] - alpha * dW[l - 1]
        after.b[l - 1] = net.b[l - 1] - alpha * db[l - 1]
        for name, new, old, grad in (
            ("W", after.W[l - 1], net.W[l - 1], dW[l - 1]),
            ("b", after.b[l - 1], net.b[l - 1], db[l - 1]),
        ):
            shape = (-1, 1) if name == "b" else old.shape
            p.add(
                "update", name, l,
                tex(r"<p> := <p> - \alpha\, <dp>", p=_p(name, l), dp=_p("d" + name, l)),
                [r"<out> = <old> - <alpha>\, <grad>"],
                {
                    "out": Operand(_p(name, l) + r"_{\mathrm{new}}", new.reshape(shape)),
                    "old": Operand(_p(name, l), old.reshape(shape).copy()),
                    "alpha": alpha_op,
                    "grad": Operand(_p("d" + name, l), grad.reshape(shape)),
                },
                f"{name}[{l}] = {name}[{l}] - alpha * d{name}[{l}]",
                focus=(l - 1, l) if name == "W" else (l,),
            )
    return after


def _loss_after(p: _Pass, after: MLP, X, loss_before: float) -> float:
    """The last step: the loss of the updated network on the same batch; returns it."""
    L = p.L
    Y_after, cache_after = after.forward(X)
    loss_after = float(np.mean(_per_example_loss(p.lossf.name, cache_after.Z[L], Y_after, p.T)))
    p.add(
        "update", "loss_after", L,
        tex(r"J_{\mathrm{new}} = \mathcal{L}(a^{[<L>]}_{\mathrm{new}}, y)", L=L),
        [r"<a>", r"<out>,\qquad <before>"],
        {
            "out": Operand(r"J_{\mathrm{new}}", np.array(loss_after)),
            "before": Operand("J", np.array(loss_before)),
            "a": Operand(p.s.v("a", L) + r"_{\mathrm{new}}", _col(Y_after),
                         edge=p.from_z and _at_edge(Y_after)),
        },
        "J_new = net_after.loss(X, Y)",
        focus=tuple(range(L + 1)),
    )
    return loss_after


def make_batch(x, y, m: int, net: MLP, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A mini-batch of ``m`` examples whose first row is the user's ``(x, y)``.

    The other rows are drawn from ``seed``, rounded to one decimal so they stay readable:
    x ~ N(0, 1); y 0/1 (bce), a class (cross-entropy), or N(0, 1) (linear output) or
    U(-1, 1) (tanh output).

    Parameters
    ----------
    x : array_like, shape (n[0],)
    y : array_like, shape (n[L],) for bce/mse, or an int class for cross-entropy
    m : int
        Batch size, at least 1.
    net : MLP
        Fixes the widths and the kind of label.
    seed : int

    Returns
    -------
    X : ndarray, shape (m, n[0])
    Y : ndarray, shape (m, n[L]) (float) or (m,) (int, cross-entropy)
    """
    m = int(m)
    if m < 1:
        raise ValueError(f"the batch needs at least one example, got m = {m}")
    n0, k = net.sizes[0], net.sizes[-1]
    x = np.asarray(x, dtype=np.float64).reshape(-1)
    if x.shape != (n0,):
        raise ValueError(f"x needs {n0} numbers for this network, got {x.size}")
    rng = np.random.default_rng(seed)
    X = np.vstack([x, np.round(rng.normal(0.0, 1.0, (m - 1, n0)), 1)])
    if net.loss_name == "cross_entropy":
        y0 = int(np.asarray(y).reshape(-1)[0])
        return X, np.concatenate([[y0], rng.integers(0, k, m - 1)]).astype(np.int64)
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    if y.shape != (k,):
        raise ValueError(f"y needs {k} numbers for this network, got {y.size}")
    if net.loss_name == "bce":
        rest = rng.integers(0, 2, (m - 1, k)).astype(np.float64)
    elif net.output == "tanh":
        rest = np.round(rng.uniform(-1.0, 1.0, (m - 1, k)), 1)
    else:
        rest = np.round(rng.normal(0.0, 1.0, (m - 1, k)), 1)
    return X, np.vstack([y, rest])


def torch_check(net: MLP, X, Y, trace: Trace) -> dict:
    """Compare the trace's dW, db and loss with PyTorch autograd on the same network (float64).

    torch is imported here only (it costs seconds and ~180 MB).

    Returns
    -------
    dict with ``dW`` and ``db`` (lists of max |difference| per layer), ``max_dW``,
    ``max_db``, ``loss`` (|difference| of the loss) and ``torch_loss``.
    """
    from nncore.torch_ref import autograd_grads

    ref = autograd_grads(net.astype(np.float64), X, Y)
    dW = [float(np.max(np.abs(a - b))) for a, b in zip(trace.dW, ref["dW"], strict=True)]
    db = [float(np.max(np.abs(a - b))) for a, b in zip(trace.db, ref["db"], strict=True)]
    return {
        "dW": dW,
        "db": db,
        "max_dW": max(dW),
        "max_db": max(db),
        "loss": abs(trace.loss_before - ref["loss"]),
        "torch_loss": ref["loss"],
    }
