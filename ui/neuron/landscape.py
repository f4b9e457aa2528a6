r"""The Neuron page's loss landscape: the loss over the weight plane (at the current b) as a
banded picture under the training path, and the loss along b (at the current w). No widgets.

* :func:`loss_of` -- which loss the page's rule and activation train (and so show):
  the perceptron rule's share misclassified, gradient descent's cross-entropy for the
  sigmoid, the mean squared error of ``g`` for any other activation;
* :func:`span` -- the square ``[-R, R]^2`` shown: the smallest of :data:`SPANS` holding
  the path, so a short path on XOR is not a dot and a long one on separable data fits;
* :func:`surface` -- the picture and a coarse grid of the values, cached per
  (data, b snapped to :data:`B_SNAP`, activation, loss, span): one vectorised pass of
  :func:`nncore.landscape.weight_grid`, shared by every session on the same data;
* :func:`land_spec` / :func:`land_datasets`, :func:`bias_spec` / :func:`bias_datasets`.

The click layer is the coarse grid (transparent cells over the picture, a point selection
``start`` on ``w1, w2``), so a click reports the cell's weights and its loss is in the
chart's data (what the tests compare with nncore).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from nncore import landscape as LS  # noqa: N812 (short)
from nncore import perceptron as P  # noqa: N812 (short, used everywhere)
from ui import boundary, charts, follow
from ui.neuron import view

__all__ = [
    "SPANS", "B_SNAP", "GRID", "COARSE", "SELECTION", "loss_of", "span", "snap_b",
    "surface", "band_rgb", "land_spec", "land_datasets", "bias_spec", "bias_datasets",
    "thin_path",
]

#: the half-widths of the squares the landscape can show (the smallest holding the path)
SPANS = (1.5, 3.0, 6.0, 12.0)
#: the picture is drawn at b rounded to this (a step of b smaller than it keeps the picture)
B_SNAP = 0.05
#: the picture's grid is GRID x GRID; every STRIDE-th cell is a clickable cell with its value
GRID = 91
STRIDE = 3
COARSE = (GRID - 1) // STRIDE + 1  # 31 x 31 clickable cells
#: the name of the click selection in the chart spec
SELECTION = "start"
BANDS = 12
#: viridis at five stops, low loss dark
_STOPS = np.array([(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98),
                   (253, 231, 37)], dtype=np.float64)
PATH_COLOUR = "#e15759"


def loss_of(rule: str, act: str) -> tuple[str, str]:
    """``(activation, loss)`` of the landscape: what the rule trains, as ``NeuronRun`` does
    (the perceptron rule: share misclassified; gradient descent: cross-entropy of the
    sigmoid neuron, or the mean squared error of another chosen ``g``)."""
    if rule == "perceptron":
        return P.RULE_ACTIVATION["perceptron"], "error"
    return (act, "bce") if act == "sigmoid" else (act, "mse")


def span(values, spans: tuple[float, ...] = SPANS) -> float:
    """The smallest half-width in ``spans`` whose square holds ``values`` with a margin."""
    top = float(np.max(np.abs(values))) if np.size(values) else 0.0
    return next((s for s in spans if top <= 0.9 * s), spans[-1])


def snap_b(b: float) -> float:
    """``b`` on the :data:`B_SNAP` grid (the bias the picture is drawn at)."""
    return round(round(float(b) / B_SNAP) * B_SNAP, 2) + 0.0


def band_rgb(L: np.ndarray) -> np.ndarray:
    """Colours of the loss grid ``L``: :data:`BANDS` bands over sqrt-scaled
    ``(L - min) / (max - min)`` (a filled contour map; low loss dark), (n, n, 3) uint8."""
    L = np.nan_to_num(np.asarray(L, dtype=np.float64), nan=0.0, posinf=1e300)
    lo, hi = float(L.min()), float(L.max())
    t = np.sqrt((L - lo) / (hi - lo)) if hi > lo else np.zeros_like(L)
    band = np.minimum((t * BANDS).astype(int), BANDS - 1) / (BANDS - 1)
    pos = band * (len(_STOPS) - 1)
    i = np.minimum(pos.astype(int), len(_STOPS) - 2)
    f = (pos - i)[..., None]
    return np.rint(_STOPS[i] * (1 - f) + _STOPS[i + 1] * f).astype(np.uint8)


@st.cache_data(max_entries=256, show_spinner=False)
def surface(dataset: str, noise: int, seed: int, b: float, act: str, loss: str,
            r: float) -> tuple[bytes, pd.DataFrame, float, float]:
    """The landscape at bias ``b`` over ``[-r, r]^2`` on the page's data (cached; shared
    by every session on the same data): PNG, the clickable cells (w1, w2, loss), and the
    lowest and highest loss shown."""
    X, y = P.make(dataset, noise=noise / 100.0, seed=seed)
    w1s, w2s, L = LS.weight_grid(X, y, b, act, loss, (-r, r), (-r, r), GRID)
    png = boundary.rgb_png(band_rgb(L))
    C = L[::STRIDE, ::STRIDE]
    g1, g2 = np.meshgrid(w1s[::STRIDE], w2s[::STRIDE])
    cells = pd.DataFrame({"w1": g1.ravel().round(4), "w2": g2.ravel().round(4),
                          "loss": C.ravel()})
    return png, cells, float(L.min()), float(L.max())


def thin_path(path: list, tail: int = 300, head: int = 200) -> np.ndarray:
    """The path to draw: every one of its last ``tail`` points (a zig-zag stays a
    zig-zag), the ones before thinned to ``head`` (the first kept), (k, 3)."""
    P_ = np.asarray(path, dtype=np.float64).reshape(-1, 3)
    if len(P_) <= tail + head:
        return P_
    old = P_[:-tail]
    keep = np.unique(np.linspace(0, len(old) - 1, head).astype(int))
    return np.vstack([old[keep], P_[-tail:]])


@charts.spec_builder
def land_spec(r: float, name: str = "neuron-land", title: str = "loss(w₁, w₂)",
              height: int = 400) -> alt.LayerChart:
    """The landscape over ``[-r, r]^2``: the picture, the path, the start and the current
    weights, and the transparent clickable cells on top (selection :data:`SELECTION`)."""
    domain = (-r, r)
    scale = alt.Scale(domain=list(domain), nice=False, zero=False)
    x = alt.X("w1:Q", scale=scale, axis=alt.Axis(title="w₁", tickCount=5, grid=False))
    y = alt.Y("w2:Q", scale=scale, axis=alt.Axis(title="w₂", tickCount=5, grid=False))
    (image,) = boundary.boundary_layers(charts.named(f"{name}-image"), None, domain,
                                        axis_titles=("w₁", "w₂"))
    path = (alt.Chart(charts.named(f"{name}-path"))
            .mark_line(color=PATH_COLOUR, strokeWidth=2, clip=True,
                       point=alt.OverlayMarkDef(color=PATH_COLOUR, size=12, clip=True))
            .encode(x=x, y=y, order="i:Q"))
    start = (alt.Chart(charts.named(f"{name}-path"))
             .transform_filter("datum.i == 0")
             .mark_point(shape="square", size=90, color="#ffffff", strokeWidth=2, clip=True)
             .encode(x=x, y=y))
    # the weights now: the server's, or the w1, w2 sliders' as the hand moves them (the
    # browser moves the point before the rerun, ui.follow)
    now = (alt.Chart(charts.named(f"{name}-now"))
           .transform_calculate(**{
               f"p{c}": follow.value(f"p_{c}", f"datum.{c}", *view.FOLLOWED[c][1:])
               for c in ("w1", "w2")})
           .mark_point(shape="circle", filled=True, size=160, color="#ffffff",
                       stroke="#000000", strokeWidth=2, opacity=1, clip=True)
           .encode(x=alt.X("pw1:Q", scale=scale, title="w₁"),
                   y=alt.Y("pw2:Q", scale=scale, title="w₂"),
                   tooltip=[alt.Tooltip("pw1:Q", title="w1"), alt.Tooltip("pw2:Q", title="w2"),
                            "b:Q", alt.Tooltip("loss:Q", format=".4f")]))
    half = r / (COARSE - 1)
    pick = alt.selection_point(name=SELECTION, fields=["w1", "w2"], on="click",
                               clear=False)
    cells = (alt.Chart(charts.named(f"{name}-cells"))
             .transform_calculate(a=f"datum.w1 - {half}", c=f"datum.w1 + {half}",
                                  d=f"datum.w2 - {half}", e=f"datum.w2 + {half}")
             .mark_rect(fill="transparent", stroke=None, clip=True, cursor="pointer")
             .encode(x=alt.X("a:Q", scale=scale, axis=None), x2="c:Q",
                     y=alt.Y("d:Q", scale=scale, axis=None), y2="e:Q",
                     tooltip=[alt.Tooltip("w1:Q", title="w₁"), alt.Tooltip("w2:Q", title="w₂"),
                              alt.Tooltip("loss:Q", format=".4f")])
             .add_params(pick))
    return alt.layer(image, path, start, now, cells).properties(
        height=height, title=title, usermeta={"id": name}
    ).add_params(*(follow.param(f"p_{c}", view.FOLLOWED[c][0]) for c in ("w1", "w2")))


def land_datasets(png: bytes, cells: pd.DataFrame, r: float, path, W, b: float,
                  loss: float, name: str = "neuron-land") -> dict[str, pd.DataFrame]:
    """The data of :func:`land_spec`: picture, cells, the (thinned) path, the weights now."""
    p = thin_path(path)
    return {
        f"{name}-image": boundary.image_frame(png, (-r, r)),
        f"{name}-cells": cells,
        f"{name}-path": pd.DataFrame({"i": np.arange(len(p)), "w1": p[:, 0].round(4),
                                      "w2": p[:, 1].round(4)}),
        f"{name}-now": pd.DataFrame({"w1": [round(float(W[0]), 4)],
                                     "w2": [round(float(W[1]), 4)],
                                     "b": [round(float(b), 4)], "loss": [float(loss)]}),
    }


@charts.spec_builder
def bias_spec(name: str = "neuron-bias", title: str = "loss(b)", y_title: str = "loss",
              height: int = 150) -> alt.LayerChart:
    """The loss along b at the current w, with the current b marked."""
    x = alt.X("b:Q", title="b", scale=alt.Scale(nice=False, zero=False))
    y = alt.Y("loss:Q", title=y_title, scale=alt.Scale(zero=True))
    curve = alt.Chart(charts.named(f"{name}-curve")).mark_line(strokeWidth=2).encode(x=x, y=y)
    now = (alt.Chart(charts.named(f"{name}-now"))
           .mark_point(shape="circle", filled=True, size=90, color="#ffffff",
                       stroke="#000000", strokeWidth=2, opacity=1)
           .encode(x=x, y=y, tooltip=["b:Q", alt.Tooltip("loss:Q", format=".4f")]))
    rule = alt.Chart(charts.named(f"{name}-now")).mark_rule(strokeDash=[4, 3]).encode(x=x)
    return alt.layer(curve, rule, now).properties(height=height, title=title,
                                                 usermeta={"id": name})


def bias_datasets(X, y, W, b: float, act: str, loss: str, r: float,
                  name: str = "neuron-bias") -> dict[str, pd.DataFrame]:
    """loss(b) over ``[-r, r]`` (and through the current b) at weights ``W``."""
    bs, L = LS.bias_curve(X, y, W, act, loss, (-r, r), 121)
    now = LS.neuron_loss(X, y, W, b, act, loss)
    return {f"{name}-curve": pd.DataFrame({"b": bs.round(4), "loss": L}),
            f"{name}-now": pd.DataFrame({"b": [round(float(b), 4)], "loss": [now]})}
