"""Text alternatives of the pictures, built from their data: what each shows *now*.

Pure functions (no Streamlit): numbers in, a sentence in the user's language out (strings
in ``ui/i18n/a11y.py``). The pages put them beside their pictures (``st.image``'s ``alt``,
``ui.a11y.hidden_text`` after a chart), so a screen reader says what a sighted user sees:
the boundary's regions and errors, a curve's shape, which optimiser leads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ui.i18n import tr

#: |g'(z)| below this counts as saturated (the Activations page's threshold)
SATURATED = 0.05


def plain(x: float, digits: int = 3) -> str:
    """A number for speech: ``digits`` significant digits, no trailing zeros (``0.25``,
    ``-3.9``, ``1200``); a missing or infinite value is a dash."""
    x = float(x)
    if not np.isfinite(x):
        return "–"
    return np.format_float_positional(x, precision=digits, unique=True, fractional=False,
                                      trim="-")


#: words only the decision boundary's text alternative holds (classification, then
#: regression), by language: what tests and benchmarks find the MLP picture by (CSS
#: ``img[alt*="..."]``); tests/unit/test_describe.py checks them against the texts
BOUNDARY_MARKS = {"en": ("Decision boundary after", "Output over the plane after"),
                  "zh": ("轮后的决策边界", "轮后平面上的输出")}


def boundary_selector(lang: str = "en") -> str:
    """A CSS selector of the MLP page's output picture (either kind of problem)."""
    return ", ".join(f'img[alt*="{mark}"]' for mark in BOUNDARY_MARKS[lang])


def colour_name(k: int, lang: str, palette: str = "default") -> str:
    """The name of class ``k``'s colour in ``palette`` (a key of ``ui.boundary.PALETTES``:
    "default", ``CLASS_COLOURS`` order, or "cb", Okabe-Ito's order)."""
    names = "a11y.colour_cb" if palette == "cb" else "a11y.colour"
    return tr(f"{names}.{k % 8}", lang)


def pct(x: float) -> str:
    """A share 0..1 as a whole percentage (``0.943`` -> ``"94%"``)."""
    return f"{100 * float(x):.0f}%"


def classes_of(V: np.ndarray, kind: str) -> np.ndarray:
    """The class decided at each grid point: ``V`` (n, n) P(class 1) for binary, (n, n, k)
    probabilities for multiclass -> (n, n) ints."""
    V = np.nan_to_num(np.asarray(V, dtype=np.float64), nan=0.5)
    if kind == "multiclass":
        return np.argmax(V, axis=2)
    return (V >= 0.5).astype(np.intp)


def centre_and_edge(C: np.ndarray, k: int) -> tuple[int, int]:
    """The class at the centre of a (n, n) grid of classes and the commonest on its edge."""
    n = C.shape[0]
    edge_cells = np.concatenate([C[0], C[-1], C[1:-1, 0], C[1:-1, -1]])
    return int(C[n // 2, n // 2]), int(np.bincount(edge_cells, minlength=k).argmax())


def boundary_text(lang: str, V: np.ndarray, kind: str, epochs: int, test_metric: float,
                  wrong: int, n_test: int, palette: str = "default") -> str:
    """The decision boundary (or the regression output) over the plane, in words.

    Parameters
    ----------
    V : (n, n) or (n, n, k) grid of the output (row 0 = lowest x2), any n >= 3 (a coarse
        grid is enough: the sentence names regions, not pixels).
    test_metric : test accuracy (0..1) or, for regression, R².
    wrong, n_test : misclassified test points and test points (classification).
    palette : the colours the picture is drawn in (their names are said).
    """
    if kind == "regression":
        V = np.nan_to_num(np.asarray(V, dtype=np.float64))
        n = V.shape[0]
        xs = np.linspace(-6, 6, n)
        hi, lo = np.unravel_index(np.argmax(V), V.shape), np.unravel_index(np.argmin(V), V.shape)
        return tr("a11y.boundary.regression", lang, epochs=f"{epochs:,}", r2=plain(test_metric),
                  hi=plain(V[hi]), hx1=plain(xs[hi[1]]), hx2=plain(xs[hi[0]]),
                  lo=plain(V[lo]), lx1=plain(xs[lo[1]]), lx2=plain(xs[lo[0]]))
    C = classes_of(V, kind)
    k = int(np.asarray(V).shape[2]) if kind == "multiclass" else 2
    centre, edge = centre_and_edge(C, k)
    counts = np.bincount(C.ravel(), minlength=k) / C.size
    order = [int(c) for c in np.argsort(-counts, kind="stable") if counts[c] > 0]
    shares = tr("a11y.list_sep", lang).join(
        tr("a11y.share", lang, colour=colour_name(c, lang, palette), pct=pct(counts[c]))
        for c in order)
    return tr("a11y.boundary.class", lang, epochs=f"{epochs:,}", acc=pct(test_metric),
              centre=colour_name(centre, lang, palette),
              edge=colour_name(edge, lang, palette), shares=shares,
              wrong=wrong, n=n_test)


def loss_text(lang: str, epoch: Sequence[float], train: Sequence[float],
              test: Sequence[float]) -> str:
    """The training and test loss curves in words: where they start, end, and the best."""
    if len(epoch) == 0:
        return tr("a11y.loss.none", lang)
    te = np.asarray(test, dtype=np.float64)
    finite = np.isfinite(te)
    best = int(np.nanargmin(np.where(finite, te, np.nan))) if finite.any() else len(te) - 1
    return tr("a11y.loss", lang, epochs=f"{int(epoch[-1]):,}", tr0=plain(train[0], 3),
              tr1=plain(train[-1], 3), te0=plain(test[0], 3), te1=plain(test[-1], 3),
              best=plain(te[best], 3), best_epoch=f"{int(epoch[best]):,}")


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """The (first, last) indices of each run of True in ``mask``."""
    runs, start = [], None
    for i, v in enumerate(mask):
        if v and start is None:
            start = i
        if not v and start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(mask) - 1))
    return runs


def activation_text(lang: str, name: str, z: np.ndarray, g: np.ndarray,
                    dg: np.ndarray) -> str:
    """One activation's curve over ``z`` in words: its trend and range, where it is
    steepest, and where it saturates (|g'| < 0.05). ``z``, ``g``, ``dg``: (p,) samples."""
    z, g, dg = (np.asarray(a, dtype=np.float64) for a in (z, g, dg))
    d = np.diff(g)
    trend = ("rises" if np.all(d >= -1e-12) else "falls" if np.all(d <= 1e-12) else "varies")
    s = int(np.nanargmax(np.abs(dg)))
    sat = np.abs(dg) < SATURATED
    if not sat.any():
        where = tr("a11y.act.sat_none", lang)
    elif sat.all():
        where = tr("a11y.act.sat", lang, where=tr("a11y.act.all", lang))
    else:
        parts = []
        for a, b in _runs(sat):
            if a == 0:
                parts.append(tr("a11y.act.below", lang, z=plain(z[b + 1])))
            elif b == len(z) - 1:
                parts.append(tr("a11y.act.above", lang, z=plain(z[a - 1])))
        where = (tr("a11y.act.sat", lang, where=tr("a11y.act.and", lang).join(parts))
                 if parts else tr("a11y.act.sat_none", lang))
    return tr("a11y.act.curve", lang, name=name, z0=plain(z[0], 2), z1=plain(z[-1], 2),
              trend=tr(f"a11y.act.{trend}", lang), g0=plain(g[0], 3), g1=plain(g[-1], 3),
              zs=plain(z[s], 2), ds=plain(dg[s], 3), sat=where)


def race_text(lang: str, steps: int, final: Mapping[str, float]) -> str:
    """The race's standing: runners by their current loss, lowest first (``final``: name
    -> loss; a non-finite loss is a runner that diverged, named last)."""
    ok = sorted((v, k) for k, v in final.items() if np.isfinite(v))
    gone = [k for k, v in final.items() if not np.isfinite(v)]
    parts = [tr("a11y.race.entry", lang, name=k, loss=plain(v, 4)) for v, k in ok]
    parts += [tr("a11y.race.diverged", lang, name=k) for k in gone]
    return tr("a11y.race", lang, steps=f"{steps:,}", ranking=tr("a11y.list_sep", lang).join(parts))


def direction(w: Sequence[float]) -> str:
    """The side of the plane a weight vector points to: ``"right"``, ``"upleft"``, ...
    (``"none"`` for w = 0); within 22.5 degrees of an axis it is that axis alone."""
    w1, w2 = float(w[0]), float(w[1])
    if w1 == 0 and w2 == 0:
        return "none"
    angle = np.degrees(np.arctan2(w2, w1)) % 360
    names = ("right", "upright", "up", "upleft", "left", "downleft", "down", "downright")
    return names[int(((angle + 22.5) % 360) // 45)]


def neuron_text(lang: str, w: Sequence[float], b: float, correct: int, n: int) -> str:
    """The neuron's decision line and how many points lie on their class's side."""
    return tr("a11y.neuron", lang, w1=plain(w[0], 3), w2=plain(w[1], 3), b=plain(b, 3),
              side=tr(f"a11y.dir.{direction(w)}", lang), correct=correct, n=n)


def train_status(lang: str, epoch: int, train: float, test: float, state: str = "running",
                 restored: int | None = None) -> str:
    """The live region's sentence: ``state`` "running", "stopped" or "diverged"."""
    if state == "diverged":
        return tr("a11y.train_diverged", lang, epoch=f"{epoch:,}",
                  restored=f"{restored if restored is not None else 0:,}")
    key = "a11y.train_stopped" if state == "stopped" else "a11y.train_status"
    return tr(key, lang, epoch=f"{epoch:,}", train=plain(train, 4), test=plain(test, 4))


def strongest(W: Sequence[np.ndarray]) -> tuple[int, int, int, float]:
    """The weight of largest magnitude over every layer: ``(l, j, i, w)`` with ``l`` from
    1 and ``j`` (unit of layer l), ``i`` (unit of layer l-1) from 1, so ``W[l][j,i]``
    joins unit i of layer l-1 to unit j of layer l (the first of equal ones wins).

    W : the weights, ``W[l-1]`` of shape (n[l], n[l-1]); NaN counts as 0.
    """
    best = (1, 1, 1, 0.0)
    for l, Wl in enumerate(W, start=1):
        A = np.nan_to_num(np.asarray(Wl, dtype=np.float64), nan=0.0)
        if A.size == 0:
            continue
        j, i = np.unravel_index(int(np.argmax(np.abs(A))), A.shape)
        if abs(A[j, i]) > abs(best[3]):
            best = (l, int(j) + 1, int(i) + 1, float(A[j, i]))
    return best


def network_text(lang: str, sizes: Sequence[int], act: str, W: Sequence[np.ndarray],
                 off: int = 0, inputs: Sequence[str] = (), name: str = "") -> str:
    """The MLP page's network diagram in words: its shape and activation, how many weights
    it has, the strongest one and what it joins, and how many units are switched off.

    sizes : layer widths ``[n0, ..., nL]``; act : the hidden layers' activation's name;
    W : the weights, ``W[l-1]`` (n[l], n[l-1]); off : switched-off hidden units;
    inputs : the input features' names (layer 0's units), if any.
    name : what the picture is (its fixed name), said first when given.
    """
    l, j, i, w = strongest(W)
    n_weights = int(sum(np.asarray(Wl).size for Wl in W))
    src = (tr("a11y.net.input", lang, name=inputs[i - 1]) if l == 1 and len(inputs) >= i
           else tr("a11y.net.unit", lang, j=i, l=l - 1))
    text = tr("a11y.net", lang, shape="-".join(str(int(n)) for n in sizes), act=act,
              n=f"{n_weights:,}", l=l, j=j, i=i, w=plain(w, 3), src=src,
              dst=tr("a11y.net.unit", lang, j=j, l=l))
    if off:
        text += " " + tr("a11y.net.off1" if off == 1 else "a11y.net.off", lang, off=off)
    return tr("a11y.named", lang, name=name, text=text) if name else text


#: the plain-text symbol of each kind of backprop step (``nncore.trace.Step.kind``), by
#: the step's layer l: spoken as written, the same in both languages
STEP_SYMBOLS = {"z": "z[{l}]", "a": "a[{l}]", "loss": "L", "da_L": "da[{l}]",
                "dz": "dz[{l}]", "dW": "dW[{l}]", "db": "db[{l}]", "da_prev": "da[{p}]",
                "W": "W[{l}]", "b": "b[{l}]", "loss_after": "L"}


def step_symbol(kind: str, layer: int) -> str:
    """The plain symbol of a step's result (``"dW[2]"``), or the kind itself if unknown."""
    return STEP_SYMBOLS.get(kind, kind).format(l=layer, p=layer - 1)


def value_text(lang: str, symbol: str, value: np.ndarray, few: int = 3) -> str:
    """An array in words: every number when it has at most ``few`` (``a[2] = 0.62`` or
    ``a[2] = (0.62, 0.31)``), else its size and largest magnitude with its place, rows
    and columns from 1 (``dW[1]: 6 numbers, largest |dW[1]| = 0.08 at [2,1]``)."""
    v = np.atleast_1d(np.asarray(value, dtype=np.float64))
    flat = v.ravel()
    if flat.size <= few:
        nums = ", ".join(plain(x, 3) for x in flat)
        return f"{symbol} = {nums}" if flat.size == 1 else f"{symbol} = ({nums})"
    A = np.atleast_2d(v)
    safe = np.where(np.isfinite(A), np.abs(A), np.inf)
    r, c = np.unravel_index(int(np.argmax(safe)), A.shape)
    return tr("a11y.bp.largest", lang, sym=symbol, n=flat.size, v=plain(abs(A[r, c]), 3),
              at=f"[{int(r) + 1},{int(c) + 1}]")


def backprop_step_text(lang: str, sizes: Sequence[int], index: int, n_steps: int,
                       phase: str, kind: str, layer: int, value: np.ndarray) -> str:
    """The Backprop page's diagram at one step in words: the network, the step and its
    phase, the layer marked, and the numbers the step computes.

    sizes : layer widths; index : the step from 1 of ``n_steps``; phase, kind, layer : the
    step's (``nncore.trace.Step``); value : its result (any shape).
    """
    return tr("a11y.bp.step", lang, shape="-".join(str(int(n)) for n in sizes), k=index,
              n=n_steps, phase=tr(f"a11y.bp.phase.{phase}", lang), l=layer,
              value=value_text(lang, step_symbol(kind, layer), value))


def backprop_all_text(lang: str, sizes: Sequence[int], n_steps: int, loss_before: float,
                      loss_after: float) -> str:
    """The Backprop page's diagram above every step in words: the network, how many steps
    follow, and the loss before and after the update."""
    return tr("a11y.bp.all", lang, shape="-".join(str(int(n)) for n in sizes), n=n_steps,
              before=plain(loss_before, 4), after=plain(loss_after, 4))


def unit_text(lang: str, name: str, V: np.ndarray,
              domain: tuple[float, float] = (-6.0, 6.0)) -> str:
    """One unit's output over the plane in words (the MLP page's large map): where it is
    lowest and highest, and the side it rises towards.

    V : (n, n) the unit's output on ``nncore.data.grid(n, domain)`` (row i at x2 = v[i],
        column j at x1 = v[j]), n >= 2; NaN counts as missing.
    """
    V = np.asarray(V, dtype=np.float64)
    xs = np.linspace(domain[0], domain[1], V.shape[0])
    finite = np.isfinite(V)
    if not finite.any() or np.nanmax(V) - np.nanmin(V) <= 1e-12 * max(1.0, np.nanmax(np.abs(V))):
        return tr("a11y.unit.flat", lang, name=name,
                  v=plain(np.nanmax(V) if finite.any() else np.nan, 3))
    hi = np.unravel_index(int(np.nanargmax(V)), V.shape)
    lo = np.unravel_index(int(np.nanargmin(V)), V.shape)
    towards = (xs[hi[1]] - xs[lo[1]], xs[hi[0]] - xs[lo[0]])
    return tr("a11y.unit", lang, name=name, lo=plain(V[lo], 3), lx1=plain(xs[lo[1]]),
              lx2=plain(xs[lo[0]]), hi=plain(V[hi], 3), hx1=plain(xs[hi[1]]),
              hx2=plain(xs[hi[0]]), side=tr(f"a11y.dir.{direction(towards)}", lang))


def layers_text(lang: str, what: str, epoch: Sequence[float], names: Sequence[str],
                values: np.ndarray, share: bool = False) -> str:
    """A per-layer chart against the epoch in words, at its last epoch: each layer's value
    and, for more than one layer, the largest (the MLP page's gradient norms, ``what =
    "grad"``, and dead units, ``what = "dead"``, shares as percentages with ``share``).

    epoch : (p,) epochs recorded; names : the layers' legend names; values : (p, k).
    """
    values = np.asarray(values, dtype=np.float64)
    if len(epoch) == 0 or values.size == 0:
        return tr(f"a11y.{what}.none", lang)
    last = values.reshape(len(epoch), -1)[-1]
    say = pct if share else (lambda v: plain(v, 3))
    entries = tr("a11y.list_sep", lang).join(
        tr("a11y.entry", lang, name=n, v=say(v)) for n, v in zip(names, last, strict=False))
    text = tr(f"a11y.{what}", lang, epoch=f"{int(epoch[-1]):,}", values=entries)
    finite = np.where(np.isfinite(last), last, -np.inf)
    if len(last) > 1 and np.isfinite(finite).any() and np.ptp(finite[np.isfinite(finite)]) > 0:
        text += " " + tr("a11y.largest", lang, name=names[int(np.argmax(finite))])
    return text


def series_text(lang: str, what: str, series: Sequence[tuple[str, Sequence[float],
                                                           Sequence[float]]],
                share: bool = False) -> str:
    """Curves against the step in words: each series from its first to its last value
    (the Neuron page's loss, ``what = "loss"``, and accuracy, ``what = "acc"``, shares as
    percentages with ``share``).

    series : (name, steps (p,), values (p,)) per curve; an empty one is left out.
    """
    say = pct if share else (lambda v: plain(v, 3))
    parts = [tr("a11y.curve.series", lang, name=name, v0=say(v[0]), s0=f"{int(s[0]):,}",
                v1=say(v[-1]), s1=f"{int(s[-1]):,}")
             for name, s, v in series if len(s)]
    if not parts:
        return tr("a11y.curve.none", lang, what=tr(f"a11y.what.{what}", lang))
    return tr("a11y.curve", lang, what=tr(f"a11y.what.{what}", lang),
              series=tr("a11y.series_sep", lang).join(parts))


def _signed(v: float, first: bool = False) -> str:
    """A term's sign and magnitude in a sum: ``"1.2"`` first, then ``"− 0.5"``, ``"+ 0.3"``."""
    v = float(v)
    if first:
        return plain(v, 3).replace("-", "−")
    return f"{'−' if v < 0 else '+'} {plain(abs(v), 3)}"


def neuron_formula_text(lang: str, w: Sequence[float], b: float, act: str,
                        x: Sequence[float], z: float, a: float) -> str:
    """The neuron as a formula in words, and its values at the input ``x``:
    ``Neuron: z = 1.2·x1 − 0.5·x2 + 0.3, a = sigmoid(z); at x = (1, 2): z = 0.5, a = 0.622.``
    """
    formula = (f"z = {_signed(w[0], True)}·x1 {_signed(w[1])}·x2 {_signed(b)}, "
               f"a = {act}(z)")
    return tr("a11y.neuron_formula", lang, formula=formula, x1=plain(x[0]), x2=plain(x[1]),
              z=plain(z, 3).replace("-", "−"), a=plain(a, 3).replace("-", "−"))


def landscape_text(lang: str, b: float, w1: Sequence[float], w2: Sequence[float],
                   L: Sequence[float], path: np.ndarray, now: float) -> str:
    """The Neuron page's loss landscape over (w1, w2) at bias ``b`` in words: where the
    loss is lowest, and the training path from its start to the weights now.

    w1, w2, L : (p,) sampled cells and their loss; path : (k, >= 2) the weights so far,
    oldest first (w1, w2 in its first two columns); now : the loss at the weights now.
    """
    L = np.asarray(L, dtype=np.float64)
    safe = np.where(np.isfinite(L), L, np.inf)
    k = int(np.argmin(safe))
    P = np.asarray(path, dtype=np.float64).reshape(len(path), -1)
    return tr("a11y.land", lang, b=plain(b), lo=plain(L[k], 3), lw1=plain(w1[k]),
              lw2=plain(w2[k]), hi=plain(np.nanmax(np.where(np.isfinite(L), L, np.nan)), 3),
              steps=f"{max(len(P) - 1, 0):,}", s1=plain(P[0, 0]), s2=plain(P[0, 1]),
              n1=plain(P[-1, 0]), n2=plain(P[-1, 1]), now=plain(now, 3))


def bias_text(lang: str, bs: Sequence[float], L: Sequence[float], b: float,
              now: float) -> str:
    """The loss along b (the weights w held) in words: its lowest point and b now.

    bs, L : (p,) the curve; b, now : the bias now and its loss.
    """
    L = np.asarray(L, dtype=np.float64)
    k = int(np.argmin(np.where(np.isfinite(L), L, np.inf)))
    return tr("a11y.bias", lang, lo=plain(L[k], 3), at=plain(bs[k]), b=plain(b),
              now=plain(now, 3))


def small_boundary_text(lang: str, name: str, steps: int, V: np.ndarray, correct: int,
                        n: int, palette: str = "default") -> str:
    """One runner's small decision boundary (the Optimizers page's MLP race) in words, after
    the picture's ``name``: the class it gives the centre and the edges, and how many
    points it gets right.

    V : (g, g) P(class 1) over the plane; correct, n : points on their class's side, points.
    palette : the colours the picture is drawn in (their names are said).
    """
    centre, edge = centre_and_edge(classes_of(V, "binary"), 2)
    text = tr("a11y.small_boundary", lang, steps=f"{steps:,}",
              centre=colour_name(centre, lang, palette),
              edge=colour_name(edge, lang, palette), correct=correct, n=n)
    return tr("a11y.named", lang, name=name, text=text)


def paths_text(lang: str, steps: int, ends: Mapping[str, Sequence[float] | None],
               axes: tuple[str, str], minimum: Sequence[float] | None = None) -> str:
    """The race's paths over the surface in words: where each runner is now (None: it
    diverged), and where the minimum is when it is known.

    ends : runner's name -> its parameters now (2,); axes : the two parameters' names.
    """
    def at(p: Sequence[float]) -> str:
        return f"({axes[0]}, {axes[1]}) = ({plain(p[0])}, {plain(p[1])})"

    parts = [tr("a11y.path.entry", lang, name=k, at=at(p)) if p is not None
             and np.all(np.isfinite(np.asarray(p, dtype=np.float64)))
             else tr("a11y.race.diverged", lang, name=k) for k, p in ends.items()]
    text = tr("a11y.paths", lang, steps=f"{steps:,}",
              ends=tr("a11y.list_sep", lang).join(parts))
    if minimum is not None:
        text += " " + tr("a11y.paths.minimum", lang, at=at(minimum))
    return text


def rates_text(lang: str, epochs: Sequence[float], lrs: Sequence[float]) -> str:
    """The learning-rate schedule chart in words: the rate at the first and the last
    epoch recorded, and its range. epochs, lrs : (p,)."""
    if len(epochs) == 0:
        return tr("a11y.rates.none", lang)
    r = np.asarray(lrs, dtype=np.float64)
    return tr("a11y.rates", lang, lr0=plain(r[0], 3), e0=f"{int(epochs[0]):,}",
              lr1=plain(r[-1], 3), e1=f"{int(epochs[-1]):,}", lo=plain(np.nanmin(r), 3),
              hi=plain(np.nanmax(r), 3))


def points_text(lang: str, y: Sequence[float], kind: str, added: int,
                classes: Sequence[str] | None = None) -> str:
    """The MLP page's training points (the click-to-add chart) in words: how many, per
    class (by label, not colour) or their range of values, and how many were added by hand.

    y : (m,) labels (class indices) or values; classes : the classes' names, if any.
    """
    y = np.asarray(y, dtype=np.float64)
    if kind == "regression" or len(y) == 0:
        return tr("a11y.points.values", lang, n=len(y),
                  lo=plain(np.min(y) if len(y) else np.nan), hi=plain(np.max(y) if len(y)
                                                                      else np.nan),
                  added=added)
    counts = np.bincount(y.astype(np.intp), minlength=len(classes or ()))
    names = list(classes) if classes is not None else [str(k) for k in range(len(counts))]
    per = tr("a11y.list_sep", lang).join(
        tr("a11y.points.entry", lang, name=names[k] if k < len(names) else str(k), n=int(c))
        for k, c in enumerate(counts))
    return tr("a11y.points.classes", lang, n=len(y), per=per, added=added)


def compare_text(lang: str, name: str, V: np.ndarray, kind: str, epochs: int,
                 metric: float, palette: str = "default") -> str:
    """One of the MLP page's two compared boundaries in words, after its ``name``: the
    classes of the centre and the edges and the test accuracy (R² for regression).

    V : (n, n) or (n, n, k) the output over the plane (:func:`boundary_text`'s).
    """
    if kind == "regression":
        text = tr("a11y.compare.regression", lang, epochs=f"{epochs:,}", r2=plain(metric))
    else:
        k = int(np.asarray(V).shape[2]) if kind == "multiclass" else 2
        centre, edge = centre_and_edge(classes_of(V, kind), k)
        text = tr("a11y.compare.class", lang, epochs=f"{epochs:,}",
                  centre=colour_name(centre, lang, palette),
                  edge=colour_name(edge, lang, palette), acc=pct(metric))
    return tr("a11y.named", lang, name=name, text=text)
