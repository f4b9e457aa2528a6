"""Data for the activations page: nncore numbers turned into DataFrames and LaTeX.

No widgets and no layout here (that is ``sections.py``) and no chart building
(``plots.py``). Activations travel as hashable :data:`Spec` tuples
``(name, ((param, value), ...))`` so a cache can key on them. Every result a slider asks
for is cached by its inputs in this process (``functools.lru_cache``: a hit costs about a
microsecond, where ``st.cache_data`` hashes the arguments and unpickles a copy, about a
millisecond, several times per run; callers only read the results). Those holding
display text also take ``lang`` (the session's language, :func:`ui.i18n.current_lang`),
which keys the cache and picks the text.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
import streamlit as st

from nncore import activation_stats as stats
from nncore import activations
from nncore.activations import Activation
from ui import describe
from ui.i18n import t, tr
from ui.numbers import stack

Spec = tuple[str, tuple[tuple[str, float], ...]]

# The choices of the z-range slider: round numbers, dense near 0, out to +-1000.
Z_CHOICES: tuple[int, ...] = (
    -1000, -500, -200, -100, -50, -20, -10, -8, -6, -5, -4, -3, -2, -1, 0,
    1, 2, 3, 4, 5, 6, 8, 10, 20, 50, 100, 200, 500, 1000,
)
DEFAULT_NAMES: tuple[str, ...] = ("sigmoid", "tanh", "relu", "leaky_relu")


def z_bounds(lo: int, hi: int) -> tuple[int, int, bool]:
    """The z range to draw for the slider's ``(lo, hi)``, and whether it had to be widened.

    A range slider lets both thumbs sit on one value (a range of width 0, which nothing
    can be drawn over): the range then grows by one step of ``Z_CHOICES`` to the right,
    or to the left at the right end of the scale.
    """
    if lo < hi:
        return lo, hi, False
    i = Z_CHOICES.index(hi) if hi in Z_CHOICES else len(Z_CHOICES) - 1
    if i + 1 < len(Z_CHOICES):
        return Z_CHOICES[i], Z_CHOICES[i + 1], True
    return Z_CHOICES[i - 1], Z_CHOICES[i], True


def spec_for(name: str, leaky_alpha: float, elu_alpha: float, beta: float) -> Spec:
    """The spec of ``name`` with the page's parameter sliders applied where they belong."""
    params: dict[str, float] = {}
    if name == "leaky_relu":
        params["alpha"] = float(leaky_alpha)
    elif name == "elu":
        params["alpha"] = float(elu_alpha)
    elif name == "softplus":
        params["beta"] = float(beta)
    return name, tuple(sorted(params.items()))


def build(spec: Spec) -> Activation:
    """The nncore Activation of a spec."""
    name, params = spec
    return activations.get(name, **dict(params))


def label(name: str, lang: str | None = None) -> str:
    """Display name of an activation in ``lang`` (default: the session's language)."""
    return tr(f"act.name.{name}", lang) if lang else t(f"act.name.{name}")


def series(specs: Sequence[Spec], lang: str | None = None) -> tuple[tuple[str, str], ...]:
    """``(name, label)`` of each spec, for chart legends."""
    return tuple((spec[0], label(spec[0], lang)) for spec in specs)


def param_text(spec: Spec) -> str:
    """``alpha = 0.01`` style text of a spec's parameters ('' if none)."""
    symbols = {"alpha": r"\alpha", "beta": r"\beta"}
    return ",\\ ".join(f"{symbols.get(k, k)} = {v:g}" for k, v in spec[1])


@functools.lru_cache(maxsize=256)
def formula(spec: Spec, lang: str) -> tuple[str, str, str]:
    """One activation's Markdown (name and description), LaTeX of g (with its parameters)
    and LaTeX of g'."""
    act = build(spec)
    extra = param_text(spec)
    about = f"**{label(spec[0], lang)}**  \n{tr(f'act.about.{spec[0]}', lang)}"
    return about, act.latex + (rf",\quad {extra}" if extra else ""), act.dlatex


# Longest g and g' (LaTeX source, characters) written on one line; longer ones (GELU,
# SELU, Mish) take two.
FORMULA_LINE = 90


@functools.lru_cache(maxsize=256)
def formulas_markdown(specs: tuple[Spec, ...], lang: str) -> tuple[str, ...]:
    """The formulas as Markdown, one text per activation (the first under the heading):
    its name and description, then g and g' as display math, side by side when short,
    else one under the other.

    One element per activation, not one for all: the browser skips an element whose text
    did not change, so a parameter slider re-renders (KaTeX) only its activation's formulas.
    """
    texts = []
    for spec in specs:
        about, g_tex, dg_tex = formula(spec, lang)
        if len(g_tex) + len(dg_tex) <= FORMULA_LINE:
            tex = rf"{g_tex} \qquad {dg_tex}"
        else:
            tex = stack((g_tex, dg_tex), gap="0pt")
        texts.append(f"{about}\n\n$$\n{tex}\n$$")
    if texts:
        texts[0] = f"### {tr('act.formulas', lang)}\n\n{texts[0]}"
    return tuple(texts)


# ---------------------------------------------------------------- curves

# A curve is drawn through as few of its samples as keep it within this many pixels of
# the full polyline (in a chart taken as CHART_PX wide and high): a few dozen rows per
# activation instead of the grid's 1,200, which the browser pays for row by row.
TOLERANCE_PX = 0.5
CHART_PX = (600.0, 300.0)
# The fine grid the kept points are chosen from (z_grid's max_points): a kink on it (0, the
# integers) is kept exactly, since leaving it out is the largest error there is.
FINE_POINTS = 2001
# At least this many points per curve, evenly spread, for the tooltips.
TOOLTIP_POINTS = 20
# The curves the browser redraws as their slider moves (``plots.LIVE``) get rows that draw
# them at any value the slider takes before the server's rows for it arrive (checked in
# tests/unit/test_follow.py): the rows that draw them at each of LIVE_SWEEP's values (from one
# end of the slider to the other), and both sides of 0.
LIVE_SWEEP: dict[str, tuple[float, ...]] = {
    "leaky_relu": (0.0, 1.0),  # straight on both sides of 0, whatever α
    "elu": (0.0, 0.5, 1.0, 2.0, 3.0),
    "softplus": (0.1, 0.3, 1.0, 3.0, 10.0),
}


def polyline_keep(P: np.ndarray, tol: float) -> np.ndarray:
    """Indices of the points of polyline ``P`` (n, 2) to keep so that no dropped point is
    farther than ``tol`` from the segment that replaces it (Ramer-Douglas-Peucker).

    The first and last points are always kept; the indices are increasing.
    """
    P = np.asarray(P, dtype=np.float64)
    n = len(P)
    kept = np.zeros(n, dtype=bool)
    kept[[0, -1]] = True
    todo = [(0, n - 1)]
    while todo:
        i, j = todo.pop()
        if j - i < 2:
            continue
        d = P[j] - P[i]
        Q = P[i + 1:j] - P[i]
        length2 = float(d @ d)
        # distance to the segment (not its line), so a curve that turns back is kept
        s = np.clip(Q @ d / length2, 0.0, 1.0) if length2 > 0 else np.zeros(len(Q))
        R = Q - s[:, None] * d
        err = np.einsum("ij,ij->i", R, R)
        k = int(np.argmax(err))
        if err[k] > tol * tol:
            m = i + 1 + k
            kept[m] = True
            todo += [(i, m), (m, j)]
    return np.flatnonzero(kept)


@functools.lru_cache(maxsize=128)
def curve_frame(
    specs: tuple[Spec, ...], lo: float, hi: float, which: str, lang: str
) -> pd.DataFrame:
    """Long table of g (``which="g"``) or g' (``"dg"``) for one chart: columns z, name,
    label and ``which``.

    Each activation's rows are the points of the fine z grid that draw its curve to within
    :data:`TOLERANCE_PX` of the full grid's polyline (kinks and both ends included), plus
    :data:`TOOLTIP_POINTS` evenly spread ones to hover (:func:`live_rows` for the curves
    that follow their slider); every value is exact at its z.
    ``name`` is the registry id, ``label`` the display name.
    """
    z = stats.z_grid(lo, hi, FINE_POINTS)
    ys = [getattr(build(spec), which)(z) for spec in specs]
    if not ys:
        return pd.DataFrame({"z": [], "name": [], "label": [], which: []})
    y_lo = min(float(y.min()) for y in ys)
    y_span = max(float(y.max()) for y in ys) - y_lo or 1.0
    width, height = CHART_PX
    sx = (z - lo) * (width / (hi - lo))
    # TOOLTIP_POINTS evenly spread samples too, so a straight stretch still has points to
    # hover (Vega's tooltip shows the drawn point nearest the pointer).
    every = np.arange(0, len(z), -(-len(z) // TOOLTIP_POINTS))
    keep = [
        np.union1d(
            polyline_keep(np.column_stack([sx, (y - y_lo) * (height / y_span)]), TOLERANCE_PX),
            live_rows(spec[0], lo, hi, which) if spec[0] in LIVE_SWEEP else every,
        )
        for spec, y in zip(specs, ys, strict=True)
    ]
    return pd.DataFrame(
        {
            "z": np.concatenate([z[k] for k in keep]),
            "name": np.repeat([spec[0] for spec in specs], [len(k) for k in keep]),
            "label": np.repeat([label(spec[0], lang) for spec in specs], [len(k) for k in keep]),
            which: np.concatenate([y[k] for y, k in zip(ys, keep, strict=True)]),
        }
    )


@functools.lru_cache(maxsize=128)
def curves_alt(specs: tuple[Spec, ...], lo: float, hi: float, lang: str) -> str:
    """The text alternative of the g and g' charts: each activation's curve in words
    (``ui.describe.activation_text``), from the same grid the charts are drawn from."""
    z = stats.z_grid(lo, hi, FINE_POINTS)
    return " ".join(describe.activation_text(lang, label(spec[0], lang), z, act.g(z),
                                             act.dg(z))
                    for spec in specs for act in (build(spec),))


@functools.lru_cache(maxsize=64)
def live_rows(name: str, lo: float, hi: float, which: str) -> np.ndarray:
    """Indices of the fine z grid that draw ``name``'s g or g' (``which``) at any value of
    its slider: those that draw it at each of :data:`LIVE_SWEEP`'s values, drawn alone,
    :data:`TOOLTIP_POINTS` evenly spread ones and both sides of 0 (where g' jumps). The
    same for every value, so cached: a press computes nothing more."""
    z = stats.z_grid(lo, hi, FINE_POINTS)
    width, height = CHART_PX
    sx = (z - lo) * (width / (hi - lo))
    k0 = int(np.argmin(np.abs(z)))
    rows = [np.arange(0, len(z), -(-len(z) // TOOLTIP_POINTS)),
            [max(k0 - 1, 0), k0, min(k0 + 1, len(z) - 1)]]
    for v in LIVE_SWEEP[name]:
        y = getattr(build(spec_for(name, v, v, v)), which)(z)
        span = float(y.max() - y.min()) or 1.0
        rows.append(polyline_keep(np.column_stack([sx, (y - y.min()) * (height / span)]),
                                  TOLERANCE_PX))
    return functools.reduce(np.union1d, rows)


@functools.lru_cache(maxsize=128)
def region_frame(spec: Spec, lo: float, hi: float, tau: float, lang: str) -> pd.DataFrame:
    """Shaded z intervals of one activation: columns z0, z1, region ("saturated"/"dead").

    "dead": ``g'(z) = 0`` exactly; "saturated": ``0 < |g'(z)| < tau`` (the dead part is
    not repeated). The region's display text is in column ``region_label``.
    """
    act = build(spec)
    z = stats.z_grid(lo, hi)
    dead = stats.dead(act, z)
    sat = stats.saturated(act, z, tau) & ~dead
    rows = [(a, b, "dead") for a, b in stats.intervals(z, dead)]
    rows += [(a, b, "saturated") for a, b in stats.intervals(z, sat)]
    df = pd.DataFrame(rows, columns=["z0", "z1", "region"])
    df["region_label"] = df["region"].map(lambda r: tr(REGION_LABELS[r], lang))
    return df


REGION_LABELS = {"dead": "act.region.dead", "saturated": "act.region.saturated"}


def region_kinds(regions: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """``(region, label)`` of the kinds present in ``regions``, dead first."""
    present = set(regions["region"])
    return tuple((r, t(REGION_LABELS[r])) for r in REGION_LABELS if r in present)


@functools.lru_cache(maxsize=128)
def saturation(spec: Spec, lo: float, hi: float, tau: float) -> tuple[float, float, str]:
    """Fractions of the z grid that are saturated (|g'| < tau, dead included) and dead,
    and the dead intervals as text, e.g. ``[-6, 0]`` joined by commas ('' if none)."""
    act = build(spec)
    z = stats.z_grid(lo, hi)
    dead = stats.dead(act, z)
    parts = [f"[{a:g}, {b:g}]" for a, b in stats.intervals(z, dead)]
    return float(np.mean(stats.saturated(act, z, tau))), float(np.mean(dead)), ", ".join(parts)


# ---------------------------------------------------------------- linear stacks


def _bmatrix(M: np.ndarray) -> str:
    rows = np.atleast_2d(M)
    body = r" \\ ".join(" & ".join(f"{v:.3f}" for v in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"


# The why tab's square grid: lines per direction, samples along each line (the bent
# image is drawn through as few of these as TOLERANCE_PX allows).
GRID_LINES, GRID_SAMPLES = 9, 65


def _grid_and_stack(n_layers: int, seed: int) -> tuple[list, list, np.ndarray, np.ndarray]:
    """The why tab's random 2-D stack of ``n_layers`` affine layers ``(Ws, bs)`` (2-D all
    the way, so every layer is an invertible map of the plane we can draw) and its square
    grid: points ``X`` (2 * GRID_LINES * GRID_SAMPLES, 2) and each point's ``line``."""
    Ws, bs = stats.random_affine_stack([2] * (n_layers + 1), seed)
    X, line = stats.grid_lines(-2.0, 2.0, GRID_LINES, GRID_SAMPLES)
    return Ws, bs, X, line


@functools.lru_cache(maxsize=64)
def linear_demo(n_layers: int, seed: int) -> dict:
    """Push a square grid through a random 2-D stack of affine layers.

    Returns a dict with DataFrames ``grid`` and ``linear`` (columns x, y, line, order; the
    two ends of each grid line and of its image, which is exact: an affine map sends a
    segment to the segment between the images of its ends), the composed ``W`` (2, 2) and
    ``b`` (2,), ``max_diff`` (stack vs one matrix over every sample), ``latex`` of the
    composition and the layer ``sizes``.
    """
    Ws, bs, X, line = _grid_and_stack(n_layers, seed)
    order = np.tile(np.arange(GRID_SAMPLES), 2 * GRID_LINES)
    lin = stats.stack_forward(X, Ws, bs, None)
    W, b = stats.compose_affine(Ws, bs)
    max_diff = float(np.max(np.abs(lin - (X @ W.T + b))))
    ends = (order == 0) | (order == GRID_SAMPLES - 1)

    def frame(P: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(
            {"x": P[ends, 0], "y": P[ends, 1], "line": line[ends], "order": order[ends]}
        )

    product = " ".join(f"W^{{[{l}]}}" for l in range(n_layers, 0, -1))
    latex = rf"W = {product} = {_bmatrix(W)},\quad b = {_bmatrix(b[:, None])}"
    return {
        "grid": frame(X), "linear": frame(lin), "W": W, "b": b, "max_diff": max_diff,
        "latex": latex, "sizes": [2] * (n_layers + 1),
    }


@functools.lru_cache(maxsize=64)
def nonlinear_demo(n_layers: int, seed: int, nonlin: Spec) -> pd.DataFrame:
    """The grid of :func:`linear_demo` pushed through the same layers with ``g`` between
    them: columns x, y, line, order (the sample's index along its grid line).

    Each bent line keeps the samples that draw it to within :data:`TOLERANCE_PX`.
    """
    Ws, bs, X, line = _grid_and_stack(n_layers, seed)
    P = stats.stack_forward(X, Ws, bs, build(nonlin))
    span = np.ptp(P, axis=0)
    span[span == 0] = 1.0
    S = (P - P.min(axis=0)) * (np.array(CHART_PX) / span)
    keep = np.concatenate([
        k * GRID_SAMPLES + polyline_keep(S[k * GRID_SAMPLES:(k + 1) * GRID_SAMPLES], TOLERANCE_PX)
        for k in range(2 * GRID_LINES)
    ])
    return pd.DataFrame({"x": P[keep, 0], "y": P[keep, 1], "line": line[keep],
                         "order": keep % GRID_SAMPLES})


# ---------------------------------------------------------------- depth

# The dashed "factor 1" rule of the depth chart.
ONE = pd.DataFrame({"y": [1.0]})


@functools.lru_cache(maxsize=256)
def max_derivative(spec: Spec) -> tuple[float, float]:
    """``(max |g'|, z at the max)`` over [-50, 50] (cached: a 100k-point grid)."""
    return stats.max_abs_derivative(build(spec), -50.0, 50.0)


DEPTH_MAX = 50  # the depth slider's largest L


@functools.lru_cache(maxsize=128)
def depth_frame(
    specs: tuple[Spec, ...], depth: int, lang: str
) -> tuple[pd.DataFrame, list[str]]:
    """``(max |g'|)^L`` for L = 1..DEPTH_MAX per activation: columns L, name, label, bound
    and depth (the chart draws L <= depth, or the slider's value as the hand moves it).

    Activations whose derivative is 0 everywhere (step) cannot be drawn on a log scale;
    their names are returned separately.
    """
    parts, zero = [], []
    for spec in specs:
        m, _ = max_derivative(spec)
        if m == 0:
            zero.append(spec[0])
            continue
        bound = stats.depth_bound(m, DEPTH_MAX)
        parts.append(
            pd.DataFrame(
                {"L": np.arange(1, DEPTH_MAX + 1), "name": spec[0],
                 "label": label(spec[0], lang), "bound": bound, "depth": depth}
            )
        )
    columns = ["L", "name", "label", "bound", "depth"]
    return (pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)), zero


# ---------------------------------------------------------------- comparison table


def measured_costs(specs: tuple[Spec, ...], nonce: int) -> dict[str, tuple[float, float]]:
    """ns per element of g and g' for each spec, measured now (``nonce`` forces a new run).

    Cached per spec, so moving a parameter slider measures only the activation it changes.
    """
    return {spec[0]: _measured_cost(spec, nonce) for spec in specs}


# ttl: an idle server measures again after 10 minutes rather than showing old numbers.
@st.cache_data(max_entries=256, ttl=600, show_spinner=False)
def _measured_cost(spec: Spec, nonce: int) -> tuple[float, float]:
    del nonce  # only part of the cache key
    return stats.cost_per_element(build(spec), n=100_000, repeats=5)


def _range_text(lo: float, hi: float) -> str:
    def one(x: float) -> str:
        return "∞" if x == math.inf else "-∞" if x == -math.inf else f"{x:.4g}"

    left = "(" if math.isinf(lo) else "["
    right = ")" if math.isinf(hi) else "]"
    return f"{left}{one(lo)}, {one(hi)}{right}"


def comparison_table(
    specs: Sequence[Spec], costs: dict[str, tuple[float, float]], torch: dict[Spec, tuple]
) -> pd.DataFrame:
    """One row per activation: range, zero-centred, max |g'|, costs, torch differences.

    ``torch`` maps a spec to ``(max |g - torch|, max |g' - autograd| or None)``; specs not in
    it get empty cells (not yet compared).
    """
    relu_cost = costs.get("relu", (math.nan, math.nan))[0]
    rows = []
    for spec in specs:
        act = build(spec)
        cost_g, cost_dg = costs.get(spec[0], (math.nan, math.nan))
        g_diff, dg_diff = torch.get(spec, (None, None))
        rows.append(
            {
                t("act.col.name"): label(spec[0]),
                t("act.col.range"): _range_text(*act.output_range),
                t("act.col.zero_centred"): t("common.yes") if act.zero_centred else t("common.no"),
                t("act.col.max_dg"): round(max_derivative(spec)[0], 4),
                t("act.col.cost_g"): round(cost_g, 2),
                t("act.col.cost_dg"): round(cost_dg, 2),
                t("act.col.ratio"): round(cost_g / relu_cost, 2),
                t("act.col.torch_g"): _sci(g_diff),
                t("act.col.torch_dg"): _sci(dg_diff) if spec in torch else "",
            }
        )
    return pd.DataFrame(rows)


def _sci(x: float | None) -> str:
    if x is None:
        return "—"
    return "0" if x == 0 else f"{x:.1e}"


def torch_agreement(specs: Sequence[Spec]) -> dict[Spec, tuple[float, float | None]]:
    """Compare each spec with PyTorch (imports torch: call only on request)."""
    from nncore.torch_ref import compare_activation

    out = {}
    for spec in specs:
        r = compare_activation(build(spec))
        out[spec] = (r.max_g_diff, r.max_dg_diff)
    return out


# ---------------------------------------------------------------- PReLU and RReLU


# z of the PReLU and RReLU lines: straight on each side of the kink at 0.
KINKED = np.array([-4.0, 0.0, 4.0])


@functools.lru_cache(maxsize=128)
def prelu_demo(alpha_true: float, lr: float, steps: int, lang: str, seed: int = 0) -> dict:
    """Fit PReLU's alpha to noisy data from a PReLU with slope ``alpha_true``.

    Returns ``points`` (z, y, series), ``curves`` (z, a, which in {"init", "learned"},
    series), ``history`` (step, alpha), ``target`` (alpha), the ``legend`` texts (data,
    init, learned), the final ``alpha`` and the least-squares ``alpha_ls``.
    """
    z, y = stats.prelu_teacher_data(alpha_true, m=120, noise=0.1, seed=seed)
    alphas, _ = stats.prelu_fit(z, y, stats.PRELU_INIT, lr, steps)
    neg = np.minimum(z, 0.0)
    alpha_ls = float(np.sum(neg * (y - np.maximum(z, 0.0))) / np.sum(neg * neg))
    zz = KINKED  # a line with one kink: its ends and the kink draw it exactly
    curves = pd.concat(
        [
            pd.DataFrame({"z": zz, "a": stats.prelu(zz, alphas[0]), "which": "init"}),
            pd.DataFrame({"z": zz, "a": stats.prelu(zz, alphas[-1]), "which": "learned"}),
        ],
        ignore_index=True,
    )
    legend = (
        tr("act.prelu.data", lang),
        tr("act.prelu.init", lang, alpha=stats.PRELU_INIT),
        tr("act.prelu.learned", lang),
    )
    curves["series"] = curves["which"].map({"init": legend[1], "learned": legend[2]})
    return {
        "points": pd.DataFrame({"z": z, "y": y, "series": legend[0]}),
        "curves": curves,
        "history": pd.DataFrame({"step": np.arange(steps + 1), "alpha": alphas}),
        "target": pd.DataFrame({"alpha": [float(alpha_true)]}),
        "legend": legend,
        "alpha": float(alphas[-1]),
        "alpha_ls": alpha_ls,
    }


@functools.lru_cache(maxsize=64)
def rrelu_demo(seed: int, lang: str, n: int = 60) -> dict:
    """RReLU's training-time ``band`` (z, lo, hi), one seeded draw ``samples`` (z, a) and
    the test-time line ``eval`` (z, a), each with a ``series`` column; ``legend`` texts."""
    lower, upper = stats.RRELU_LOWER, stats.RRELU_UPPER
    zz = KINKED
    band = pd.DataFrame({"z": zz, "lo": np.where(zz < 0, upper * zz, zz),
                         "hi": np.where(zz < 0, lower * zz, zz)})
    zs = np.linspace(-4.0, 4.0, n)
    a, _ = stats.rrelu_train(zs, seed)
    mid = (lower + upper) / 2
    legend = (tr("act.rrelu.band", lang), tr("act.rrelu.samples", lang),
              tr("act.rrelu.eval", lang, alpha=mid))
    return {
        "band": band.assign(series=legend[0]),
        "samples": pd.DataFrame({"z": zs, "a": a, "series": legend[1]}),
        "eval": pd.DataFrame({"z": zz, "a": np.where(zz < 0, mid * zz, zz), "series": legend[2]}),
        "legend": legend, "lower": lower, "upper": upper, "mid": mid,
    }


def curves_table(specs: tuple[Spec, ...], lo: float, hi: float, lang: str,
                 points: int = 25) -> pd.DataFrame:
    """The g and g' charts' numbers ("show as table"): z at ``points`` even steps, then
    g(z) and g'(z) of each activation."""
    z = np.linspace(lo, hi, points)
    columns: dict[str, np.ndarray] = {"z": z}
    for spec in specs:
        act, name = build(spec), label(spec[0], lang)
        columns[f"{name}: g(z)"] = act.g(z)
        columns[f"{name}: g'(z)"] = act.dg(z)
    return pd.DataFrame(columns)
