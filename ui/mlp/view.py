"""Chart data of the MLP page: neuron-map colours, the loss and diagnostics charts, thumbnails.

The loss, gradient-norm and dead-unit charts are layout-only spec builders
(``ui.charts.spec_builder``: cached Vega-Lite dicts) plus functions that make their data
from NumPy arrays as Arrow tables, so a live frame only rebuilds small tables. The live
pictures are drawn elsewhere: the network diagram as SVG (``ui.mlp.svg``, from the
neuron maps made here), the output over the plane as JPEG (``ui.mlp.raster``).

Colours follow TensorFlow Playground: orange for negative values and class 0, blue for
positive values and class 1 (see ``ui.boundary``).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pyarrow as pa
import streamlit as st

from nncore import data
from ui import boundary, charts, state

__all__ = [
    "layer_rgb",
    "map_sprite",
    "loss_spec",
    "loss_datasets",
    "grad_spec",
    "grad_datasets",
    "dead_spec",
    "dead_datasets",
    "thumbnail_png",
    "node_id",
    "make_data",
    "thumbnail",
    "feature_label",
]

MAP_NODES = 80  # beyond this many neurons the diagram's nodes are dots without their maps


def node_id(layer: int, unit: int) -> str:
    """The id of unit ``unit`` (0-based) of layer ``layer`` (0 = inputs), e.g. "1-3"."""
    return f"{layer}-{unit}"


# ---------------------------------------------------------------- neuron maps


def layer_rgb(
    M: np.ndarray, out_range: tuple[float, float] | None, output_kind: str | None = None,
    first_unit: int = 0, palette: str = boundary.DEFAULT_PALETTE,
) -> np.ndarray:
    """Colours of every neuron's map in one layer.

    Parameters
    ----------
    M : ndarray, shape (m, m, u): unit j's activation on an m x m grid (grid order).
    out_range : (lo, hi) of the activation, or None for input features.
        Bounded ranges are mapped onto the colour scale's [-1, 1]; unbounded ones
        (ReLU, linear, inputs) keep values within [-1, 1] as they are (TFP's view) and
        shrink larger ones by the map's largest |a|, so every map shows its shape.
    output_kind : "binary" | "regression" | "multiclass" | None
        For the output layer: P(class 1), the prediction, or P(class j) shaded from
        grey to class j's colour.
    first_unit : int
        The unit index of ``M[:, :, 0]`` (picks the class colour of a single output map).
    palette : str
        The colours (a key of ``ui.boundary.PALETTES``).

    Returns
    -------
    ndarray (m, m, u, 3) uint8
    """
    M = np.nan_to_num(np.asarray(M, dtype=np.float64), nan=0.0, posinf=1.0, neginf=-1.0)
    if output_kind == "binary":
        return boundary.boundary_rgb(M[:, :, 0], "binary", palette=palette)[:, :, None]
    if output_kind == "multiclass":
        k = M.shape[2]
        colour = boundary.class_rgb(first_unit + k, palette)[first_unit:].astype(np.float64)
        grey = np.asarray(boundary.GREY, dtype=np.float64)
        P = np.clip(M, 0.0, 1.0)[..., None]
        return np.round(grey + P * (colour - grey)).astype(np.uint8)
    lo, hi = out_range if out_range is not None else (-np.inf, np.inf)
    if output_kind is None and np.isfinite(lo) and np.isfinite(hi) and hi > lo:
        S = 2.0 * (M - lo) / (hi - lo) - 1.0
    else:
        S = M / np.maximum(1.0, np.abs(M).max(axis=(0, 1), initial=0.0))
    return boundary.boundary_rgb(S.reshape(S.shape[0], -1), "regression",
                                 palette=palette).reshape(*S.shape, 3)


def map_sprite(
    maps: list, out_range: tuple[float, float], output_kind: str,
    palette: str = boundary.DEFAULT_PALETTE,
) -> tuple[bytes, int, list[list[int]]]:
    """Every neuron's map side by side in one PNG (one encoding per frame, not one per node).

    ``maps[l]`` has shape (m, m, n[l]) (``nncore.playground.GridView.maps``). Each map is
    padded with a copy of its edge pixels, so a scaled-up crop does not bleed into its
    neighbour.

    Returns
    -------
    png : bytes, the sprite, (m + 2) rows by (m + 2) * sum(n[l]) columns
    m : int, the map size
    tiles : ``tiles[l][j]``, the tile index of unit j of layer l (its map starts at column
        ``tile * (m + 2) + 1``, row 1)
    """
    last = len(maps) - 1
    rgbs, tiles, k = [], [], 0
    for l, M in enumerate(maps):
        rgb = layer_rgb(M, None if l == 0 else out_range, output_kind if l == last else None,
                        palette=palette)
        rgbs.append(rgb)
        tiles.append(list(range(k, k + rgb.shape[2])))
        k += rgb.shape[2]
    rgb = np.concatenate(rgbs, axis=2)  # (m, m, U, 3)
    m = rgb.shape[0]
    padded = np.pad(rgb, ((1, 1), (1, 1), (0, 0), (0, 0)), mode="edge")  # (m+2, m+2, U, 3)
    sprite = padded.transpose(0, 2, 1, 3).reshape(m + 2, -1, 3)  # tiles left to right
    return boundary.rgb_png(sprite), m, tiles


# ---------------------------------------------------------------- loss and diagnostics


def _epoch_scale() -> alt.Scale:
    """Epoch axis that always spans 0..1 at least: with epoch 0 alone the data domain is
    empty and Vega would label the axis NaN."""
    return alt.Scale(domain=alt.DomainUnionWith(unionWith=[0, 1]), nice=False)


# Heights below are of the whole chart: Streamlit sets autosize "fit" with "contains:
# padding", so axes and legend come out of them.
@charts.spec_builder
def loss_spec(
    series: tuple[str, str], x_title: str, y_title: str, name: str = "mlp-loss",
    height: int = 240,
) -> alt.LayerChart:
    """Train and test loss against the epoch; ``series`` are the two legend labels.

    The latest value of each curve is marked with a dot (so epoch 0 shows too). Hovering
    marks both curves' points at the nearest epoch and a tooltip reads the epoch, the
    series and its loss (issue 31).
    """
    colour = alt.Color("series:N", scale=charts.fixed_colours(series, ("#1f3b73", "#e8743b")),
                       legend=alt.Legend(title=None, orient="top"))
    x = alt.X("epoch:Q", title=x_title, axis=alt.Axis(format="~s"), scale=_epoch_scale())
    y = alt.Y("loss:Q", title=y_title, scale=alt.Scale(zero=True))
    # the test loss dashed: the two curves differ without their colours too
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=list(series),
                                                      range=[[1, 0], [6, 3]]),
                          legend=alt.Legend(title=None, orient="top"))
    base = alt.Chart(charts.named(name)).encode(x=x, y=y, color=colour)
    hover = alt.selection_point(name="loss_hover", on="pointerover", clear="pointerout",
                                nearest=True, fields=["epoch"], empty=False)
    tooltip = [alt.Tooltip("epoch:Q", title=x_title, format=","),
               alt.Tooltip("series:N", title=" "),
               alt.Tooltip("loss:Q", title=y_title, format=".4~g")]
    dots = base.mark_circle(size=50, clip=True).encode(
        opacity=alt.condition(hover, alt.value(1), alt.value(0)), tooltip=tooltip,
    ).add_params(hover)
    lines = alt.layer(base.mark_line(strokeWidth=2, clip=True).encode(strokeDash=dash),
                      dots)  # with the hover
    last = base.transform_filter("datum.last").mark_circle(size=40, opacity=1)
    return alt.layer(lines, last).properties(height=height, usermeta={"id": name},
                                             description=y_title)


def _labels(codes: np.ndarray, names: tuple[str, ...]) -> pa.DictionaryArray:
    """A string column as codes into ``names`` (Arrow dictionary: small and fast to build)."""
    return pa.DictionaryArray.from_arrays(pa.array(codes, pa.int16()), pa.array(list(names)))


def loss_datasets(
    hist: dict, series: tuple[str, str], name: str = "mlp-loss"
) -> dict[str, pa.Table]:
    """Long-format loss data from ``Playground.history()`` (already thinned).

    Columns epoch, loss, series and last (True on each series' latest epoch). Arrow
    tables rather than DataFrames: building them is ~20x cheaper, and this runs every frame.
    """
    epoch = np.asarray(hist["epoch"], dtype=np.float64)
    n = len(epoch)
    loss = np.round(np.concatenate([hist["train_loss"], hist["test_loss"]]), 5)
    last = np.zeros(2 * n, dtype=bool)
    if n:
        last[[n - 1, 2 * n - 1]] = True
    keep = np.isfinite(loss)
    codes = np.repeat(np.arange(2), n)
    return {name: pa.table({
        "epoch": np.concatenate([epoch, epoch])[keep], "loss": loss[keep],
        "series": _labels(codes[keep], series), "last": last[keep],
    })}


@charts.spec_builder
def grad_spec(
    layers: tuple[str, ...], x_title: str, y_title: str, name: str = "mlp-grad",
    height: int = 220,
) -> alt.Chart:
    """Per-layer gradient norm ||[dW, db]|| against the epoch, on a log scale."""
    colours = tuple(charts.PALETTE[i % len(charts.PALETTE)] for i in range(len(layers)))
    return (
        alt.Chart(charts.named(name))
        .mark_line(strokeWidth=1.8, clip=True)
        .encode(
            x=alt.X("epoch:Q", title=x_title, axis=alt.Axis(format="~s"), scale=_epoch_scale()),
            y=alt.Y("norm:Q", title=y_title, scale=alt.Scale(type="log")),
            color=alt.Color("layer:N", scale=charts.fixed_colours(layers, colours),
                            legend=alt.Legend(title=None, orient="top")),
        )
        .properties(height=height, usermeta={"id": name})
    )


def _long(hist: dict, key: str, column: str, layers: tuple[str, ...]) -> pa.Table:
    """``hist[key]`` (p, k) as rows (epoch, value, layer), Arrow."""
    V = np.asarray(hist[key], dtype=np.float64)
    p, k = V.shape
    return pa.table({
        "epoch": np.repeat(np.asarray(hist["epoch"], dtype=np.float64), k),
        column: V.ravel(),
        "layer": _labels(np.tile(np.arange(k), p), layers),
    })


def grad_datasets(hist: dict, layers: tuple[str, ...], name: str = "mlp-grad") -> dict:
    """Long-format gradient norms (only positive, finite values: a log scale)."""
    t = _long(hist, "grad_norm", "norm", layers)
    v = t.column("norm").to_numpy()
    return {name: t.filter(pa.array(np.isfinite(v) & (v > 0)))}


@charts.spec_builder
def dead_spec(
    layers: tuple[str, ...], x_title: str, y_title: str, name: str = "mlp-dead",
    height: int = 220,
) -> alt.Chart:
    """Per hidden layer, the share of units dead on every training point, against the epoch."""
    colours = tuple(charts.PALETTE[i % len(charts.PALETTE)] for i in range(len(layers)))
    return (
        alt.Chart(charts.named(name))
        .mark_line(strokeWidth=1.8, clip=True, interpolate="step-after")
        .encode(
            x=alt.X("epoch:Q", title=x_title, axis=alt.Axis(format="~s"), scale=_epoch_scale()),
            y=alt.Y("dead:Q", title=y_title, scale=alt.Scale(domain=[0, 1]),
                    axis=alt.Axis(format="%")),
            color=alt.Color("layer:N", scale=charts.fixed_colours(layers, colours),
                            legend=alt.Legend(title=None, orient="top")),
        )
        .properties(height=height, usermeta={"id": name})
    )


def dead_datasets(hist: dict, layers: tuple[str, ...], name: str = "mlp-dead") -> dict:
    """Long-format dead-unit shares."""
    return {name: _long(hist, "dead", "dead", layers)}


# ---------------------------------------------------------------- dataset thumbnails


def thumbnail_png(
    X: np.ndarray, y: np.ndarray, kind: str, size: int = 72, selected: bool = False,
    domain: tuple[float, float] = (-6.0, 6.0), palette: str = boundary.DEFAULT_PALETTE,
) -> bytes:
    """A small picture of a dataset: its points as coloured dots (in ``palette``), outlined
    when chosen.

    Parameters
    ----------
    X : (m, 2) points; y : (m,) labels (classes) or targets in [-1, 1] (regression).
    """
    lo, hi = domain
    img = np.full((size, size, 3), 248, dtype=np.uint8)
    if kind == "regression":
        rgb = boundary.boundary_rgb(np.asarray(y, float).reshape(1, -1), "regression",
                                    palette=palette)[0]
    else:
        k = int(np.max(y)) + 1 if len(y) else 2
        rgb = boundary.class_rgb(max(k, 2), palette)[np.asarray(y, dtype=np.intp)]
    col = np.clip(((X[:, 0] - lo) / (hi - lo) * (size - 3)).astype(int) + 1, 1, size - 3)
    row = np.clip(((hi - X[:, 1]) / (hi - lo) * (size - 3)).astype(int) + 1, 1, size - 3)
    for dr in (0, 1):  # 2x2 dots
        for dc in (0, 1):
            img[row + dr, col + dc] = rgb
    edge = (0x1F, 0x3B, 0x73) if selected else (0xD0, 0xD3, 0xD6)
    w = 3 if selected else 1
    img[:w], img[-w:], img[:, :w], img[:, -w:] = edge, edge, edge, edge
    return boundary.rgb_png(img[::-1])  # rgb_png flips back: rows here are already top-down


@st.cache_data(max_entries=64, show_spinner=False)
def make_data(name: str, n: int, noise: float, seed: int, n_classes: int = 3):
    """``nncore.data.make``, cached (pure; ``st.cache_data`` hands each caller a copy)."""
    return data.make(name, n=n, noise=noise, seed=seed, n_classes=n_classes)


@st.cache_data(max_entries=256, show_spinner=False)
def thumbnail(name: str, noise: int, seed: int, n_classes: int, selected: bool,
              palette: str = boundary.DEFAULT_PALETTE) -> str:
    """A 72-pixel picture of dataset ``name`` (200 points), outlined when ``selected``, as a
    data URL (``st.image`` passes a URL through; bytes it would decode and re-encode)."""
    X, y = data.make(name, n=200, noise=noise / 100.0, seed=seed, n_classes=n_classes)
    return boundary.png_data_url(thumbnail_png(X, y, data.kind(name), selected=selected,
                                               palette=palette))


FEATURE_LABELS = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1*x2": "x₁x₂",
                  "sin(x1)": "sin(x₁)", "sin(x2)": "sin(x₂)"}


def problem_of(dataset: str) -> str:
    """The problem type of a dataset: "regression" or "classification"."""
    return "regression" if data.kind(dataset) == "regression" else "classification"


def datasets_of(problem: str) -> list[str]:
    """The datasets of a problem type ("classification" or "regression"), in catalogue order."""
    regression = problem == "regression"
    return [n for n in data.names() if (data.kind(n) == "regression") == regression]


def thumbnails(names: list[str], ss: Any) -> list[str]:
    """The thumbnails of datasets ``names`` with the sample settings of session state ``ss``
    (cached: the same data URL strings every run)."""
    return [thumbnail(n, int(ss.mlp_noise), int(ss.mlp_seed), int(ss.mlp_classes),
                      n == ss.mlp_dataset, state.palette()) for n in names]


def feature_label(name: str) -> str:
    """How a feature is written on screen (x1^2 -> x₁²)."""
    return FEATURE_LABELS.get(name, name)
