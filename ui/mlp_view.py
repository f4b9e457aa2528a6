"""Chart builders of the MLP page: network diagram, loss curves, diagnostics, thumbnails.

Each chart is a layout-only spec builder (``ui.charts.spec_builder``: cached Vega-Lite
dict) plus a function that makes its data from NumPy arrays, so a live frame only
rebuilds small DataFrames and PNGs. No ``st.*`` calls here except through ``ui.charts``.

Colours follow TensorFlow Playground: orange for negative values and class 0, blue for
positive values and class 1 (see ``ui.boundary``); the diagram's edges use the same scale
for the sign of a weight, their width for its magnitude.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from ui import boundary, charts

__all__ = [
    "layer_rgb",
    "map_urls",
    "diagram_layout",
    "diagram_spec",
    "diagram_datasets",
    "loss_spec",
    "loss_datasets",
    "grad_spec",
    "grad_datasets",
    "dead_spec",
    "dead_datasets",
    "thumbnail_png",
    "points_frame",
    "node_id",
]

ORANGE, GREY, BLUE = (boundary._hex(c) for c in (boundary.ORANGE, boundary.GREY, boundary.BLUE))
MAX_EDGES = 600  # beyond this the diagram keeps the strongest weights only
MAP_NODES = 80  # beyond this many neurons the nodes are dots without their maps


def node_id(layer: int, unit: int) -> str:
    """The id of unit ``unit`` (0-based) of layer ``layer`` (0 = inputs), e.g. "1-3"."""
    return f"{layer}-{unit}"


# ---------------------------------------------------------------- neuron maps


def layer_rgb(
    M: np.ndarray, out_range: tuple[float, float] | None, output_kind: str | None = None,
    first_unit: int = 0,
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

    Returns
    -------
    ndarray (m, m, u, 3) uint8
    """
    M = np.nan_to_num(np.asarray(M, dtype=np.float64), nan=0.0, posinf=1.0, neginf=-1.0)
    if output_kind == "binary":
        return boundary.boundary_rgb(M[:, :, 0], "binary")[:, :, None]
    if output_kind == "multiclass":
        k = M.shape[2]
        colour = np.array([boundary.CLASS_COLOURS[c % len(boundary.CLASS_COLOURS)]
                           for c in range(first_unit, first_unit + k)], dtype=np.float64)
        grey = np.asarray(boundary.GREY, dtype=np.float64)
        P = np.clip(M, 0.0, 1.0)[..., None]
        return np.round(grey + P * (colour - grey)).astype(np.uint8)
    lo, hi = out_range if out_range is not None else (-np.inf, np.inf)
    if output_kind is None and np.isfinite(lo) and np.isfinite(hi) and hi > lo:
        S = 2.0 * (M - lo) / (hi - lo) - 1.0
    else:
        S = M / np.maximum(1.0, np.abs(M).max(axis=(0, 1), initial=0.0))
    return boundary.boundary_rgb(S.reshape(S.shape[0], -1), "regression").reshape(
        *S.shape, 3
    )


def map_urls(
    maps: list, out_range: tuple[float, float], output_kind: str, cached: list | None = None
) -> list[list[str]]:
    """PNG data URLs of every neuron's map: ``urls[l][j]`` for layer l (0 = inputs), unit j.

    ``maps[l]`` has shape (m, m, n[l]) (``nncore.playground.GridView.maps``). ``cached``
    (an earlier result for the same inputs) reuses the input layer's images, which
    never change while training.
    """
    urls = []
    last = len(maps) - 1
    for l, M in enumerate(maps):
        if l == 0 and cached and len(cached[0]) == M.shape[2]:
            urls.append(cached[0])
            continue
        rgb = layer_rgb(M, None if l == 0 else out_range, output_kind if l == last else None)
        urls.append([boundary.png_data_url(boundary.rgb_png(rgb[:, :, j]))
                     for j in range(rgb.shape[2])])
    return urls


# ---------------------------------------------------------------- network diagram


def diagram_layout(sizes: tuple[int, ...], height: int = 360) -> dict:
    """Positions and sizes of the diagram for layer widths ``sizes`` (inputs first).

    Layer l sits at x = l; its units are spaced one apart on y and centred on 0, the
    first unit on top. Returns the scale domains, the node size in pixels and the
    plot height, which grows with the widest layer up to a limit.
    """
    widest = max(sizes)
    height = int(np.clip(46 * (widest + 1.4), 200, height if widest <= 8 else 560))
    span = widest - 1
    y_lo, y_hi = -span / 2 - 0.6, span / 2 + 0.9  # room for the column titles on top
    per_unit = height / (y_hi - y_lo + 0.6)  # pixels between two units (axes take ~0.6)
    node_px = int(np.clip(0.72 * per_unit, 6, 34))
    return {"x": (-1.0, len(sizes) - 0.4), "y": (y_lo, y_hi), "node_px": node_px,
            "height": height, "maps": sum(sizes) <= MAP_NODES and widest <= 16}


def _y(n: int, j: int) -> float:
    return (n - 1) / 2 - j


@charts.spec_builder
def diagram_spec(
    sizes: tuple[int, ...], height: int = 360, name: str = "mlp-diagram",
    select: bool = True,
) -> alt.LayerChart:
    """The network diagram's layout: edges under node images, the chosen node outlined.

    Data (:func:`diagram_datasets`): ``<name>-edges`` (x, y, x2, y2, w, aw),
    ``<name>-nodes`` (id, x, y, url, name, bias), ``<name>-focus`` (x, y),
    ``<name>-titles`` and ``<name>-inputs`` (x, y, text).
    With ``select``, clicking a node selects it (selection parameter ``node``, field id).
    """
    lay = diagram_layout(sizes, height)
    xs = alt.Scale(domain=list(lay["x"]), nice=False, zero=False)
    ys = alt.Scale(domain=list(lay["y"]), nice=False, zero=False)
    none = None  # no axes: positions only
    px = lay["node_px"]
    edges = (
        alt.Chart(charts.named(f"{name}-edges"))
        .mark_rule(opacity=0.75)
        .encode(
            x=alt.X("x:Q", scale=xs, axis=none), y=alt.Y("y:Q", scale=ys, axis=none),
            x2="x2:Q", y2="y2:Q",
            color=alt.Color("w:Q", scale=alt.Scale(domain=[-1, 0, 1], range=[ORANGE, GREY, BLUE],
                                                   clamp=True, interpolate="rgb"), legend=None),
            strokeWidth=alt.StrokeWidth("aw:Q", scale=alt.Scale(domain=[0, 4], range=[0.4, 5],
                                                                clamp=True), legend=None),
            tooltip=[alt.Tooltip("w:Q", title="w", format=".3f")],
        )
    )
    enc = {"x": alt.X("x:Q", scale=xs, axis=none), "y": alt.Y("y:Q", scale=ys, axis=none),
           "tooltip": [alt.Tooltip("name:N", title=" "),
                       alt.Tooltip("bias:Q", title="b", format=".3f")]}
    if lay["maps"]:
        nodes = alt.Chart(charts.named(f"{name}-nodes")).mark_image(
            width=px, height=px, aspect=False, align="center", baseline="middle",
            cursor="pointer",
        ).encode(url="url:N", **enc)
    else:
        nodes = alt.Chart(charts.named(f"{name}-nodes")).mark_circle(
            size=px * px, color="#555", opacity=1, cursor="pointer",
        ).encode(**enc)
    if select:
        nodes = nodes.add_params(alt.selection_point(name="node", fields=["id"], on="click"))
    focus = (
        alt.Chart(charts.named(f"{name}-focus"))
        .mark_square(size=(px + 8) ** 2, filled=False, stroke="#222", strokeWidth=2.5)
        .encode(x=alt.X("x:Q", scale=xs, axis=none), y=alt.Y("y:Q", scale=ys, axis=none))
    )
    def text(source: str, align: str, dx: int) -> alt.Chart:
        return (
            alt.Chart(charts.named(f"{name}-{source}"))
            .mark_text(fontSize=12, color="#333", align=align, dx=dx)
            .encode(x=alt.X("x:Q", scale=xs, axis=none), y=alt.Y("y:Q", scale=ys, axis=none),
                    text="text:N")
        )

    labels = [text("titles", "center", 0), text("inputs", "right", -(px // 2) - 5)]
    return (
        alt.layer(edges, nodes, focus, *labels)
        .properties(height=lay["height"], description=name)
        .configure_view(strokeWidth=0)
    )


def diagram_datasets(
    W: list,
    b: list,
    urls: list | None,
    node_names: list[list[str]],
    titles: list[str],
    input_names: list[str],
    focus: str | None = None,
    name: str = "mlp-diagram",
    height: int = 360,
) -> dict[str, pd.DataFrame]:
    """The diagram's data from the weights ``W[l-1]`` (n[l], n[l-1]) and biases ``b[l-1]``.

    Parameters
    ----------
    urls : per layer, per unit PNG data URLs (:func:`map_urls`), or None (dots).
    node_names : per layer, per unit tooltip name.
    titles : one column title per layer (inputs first).
    input_names : the feature names, written beside the input nodes.
    focus : id of the outlined node (:func:`node_id`), if any.
    """
    sizes = tuple([W[0].shape[1]] + [w.shape[0] for w in W])
    lay = diagram_layout(sizes, height)
    rows = []
    for l in range(1, len(sizes)):
        Wl = np.asarray(W[l - 1], dtype=np.float64)
        j, i = np.indices(Wl.shape)
        rows.append(pd.DataFrame({
            "x": float(l - 1), "y": (sizes[l - 1] - 1) / 2 - i.ravel(),
            "x2": float(l), "y2": (sizes[l] - 1) / 2 - j.ravel(), "w": Wl.ravel(),
        }))
    edges = pd.concat(rows, ignore_index=True)
    edges["w"] = np.nan_to_num(edges["w"].to_numpy(), nan=0.0, posinf=1e3, neginf=-1e3)
    edges["aw"] = edges["w"].abs()
    if len(edges) > MAX_EDGES:
        edges = edges.nlargest(MAX_EDGES, "aw").reset_index(drop=True)
    edges = edges.round(4)
    nodes = []
    for l, n in enumerate(sizes):
        for j in range(n):
            bias = float(b[l - 1][j]) if l > 0 else 0.0
            nodes.append({
                "id": node_id(l, j), "x": float(l), "y": _y(n, j),
                "url": urls[l][j] if urls is not None and lay["maps"] else "",
                "name": node_names[l][j], "bias": round(bias, 4) if np.isfinite(bias) else 0.0,
            })
    nodes = pd.DataFrame(nodes)
    if focus is not None and focus in set(nodes["id"]):
        focus_df = nodes.loc[nodes["id"] == focus, ["x", "y"]].reset_index(drop=True)
    else:
        focus_df = pd.DataFrame({"x": pd.Series(dtype=float), "y": pd.Series(dtype=float)})
    top = lay["y"][1] - 0.35
    titles_df = pd.DataFrame({"x": np.arange(len(sizes), dtype=float), "y": top,
                              "text": list(titles)})
    inputs_df = pd.DataFrame({"x": 0.0, "y": [_y(sizes[0], j) for j in range(sizes[0])],
                              "text": list(input_names)})
    return {f"{name}-edges": edges, f"{name}-nodes": nodes, f"{name}-focus": focus_df,
            f"{name}-titles": titles_df, f"{name}-inputs": inputs_df}


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
) -> alt.Chart:
    """Train and test loss against the epoch; ``series`` are the two legend labels."""
    return (
        alt.Chart(charts.named(name))
        .mark_line(strokeWidth=2, clip=True)
        .encode(
            x=alt.X("epoch:Q", title=x_title, axis=alt.Axis(format="~s"), scale=_epoch_scale()),
            y=alt.Y("loss:Q", title=y_title, scale=alt.Scale(zero=True)),
            color=alt.Color("series:N", scale=charts.fixed_colours(series, ("#1f3b73", "#e8743b")),
                            legend=alt.Legend(title=None, orient="top")),
        )
        .properties(height=height, description=name)
    )


def loss_datasets(
    hist: dict, series: tuple[str, str], name: str = "mlp-loss"
) -> dict[str, pd.DataFrame]:
    """Long-format loss data from ``Playground.history()`` (already thinned)."""
    epoch = hist["epoch"]
    df = pd.DataFrame({
        "epoch": np.concatenate([epoch, epoch]),
        "loss": np.concatenate([hist["train_loss"], hist["test_loss"]]),
        "series": np.repeat(series, len(epoch)),
    })
    df = df[np.isfinite(df["loss"].to_numpy())]
    return {name: df.round({"loss": 5})}


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
        .properties(height=height, description=name)
    )


def grad_datasets(hist: dict, layers: tuple[str, ...], name: str = "mlp-grad") -> dict:
    """Long-format gradient norms (only positive, finite values: a log scale)."""
    G = hist["grad_norm"]
    df = pd.DataFrame({
        "epoch": np.repeat(hist["epoch"], G.shape[1]),
        "norm": G.ravel(),
        "layer": np.tile(np.asarray(layers, dtype=object), G.shape[0]),
    })
    v = df["norm"].to_numpy()
    return {name: df[np.isfinite(v) & (v > 0)].reset_index(drop=True)}


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
        .properties(height=height, description=name)
    )


def dead_datasets(hist: dict, layers: tuple[str, ...], name: str = "mlp-dead") -> dict:
    """Long-format dead-unit shares."""
    D = hist["dead"]
    return {name: pd.DataFrame({
        "epoch": np.repeat(hist["epoch"], D.shape[1]),
        "dead": D.ravel(),
        "layer": np.tile(np.asarray(layers, dtype=object), D.shape[0]),
    })}


# ---------------------------------------------------------------- points


def points_frame(
    X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray | None = None,
    y_test: np.ndarray | None = None,
) -> pd.DataFrame:
    """Training points, and the test points if given, for ``ui.boundary`` charts."""
    parts = [boundary.point_frame(X_train, y_train, "train")]
    if X_test is not None and y_test is not None:
        parts.append(boundary.point_frame(X_test, y_test, "test"))
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


# ---------------------------------------------------------------- dataset thumbnails


def thumbnail_png(
    X: np.ndarray, y: np.ndarray, kind: str, size: int = 72, selected: bool = False,
    domain: tuple[float, float] = (-6.0, 6.0),
) -> bytes:
    """A small picture of a dataset: its points as coloured dots, outlined when chosen.

    Parameters
    ----------
    X : (m, 2) points; y : (m,) labels (classes) or targets in [-1, 1] (regression).
    """
    lo, hi = domain
    img = np.full((size, size, 3), 248, dtype=np.uint8)
    if kind == "regression":
        rgb = boundary.boundary_rgb(np.asarray(y, float).reshape(1, -1), "regression")[0]
    else:
        k = int(np.max(y)) + 1 if len(y) else 2
        palette = np.array([boundary.CLASS_COLOURS[c % len(boundary.CLASS_COLOURS)]
                            for c in range(max(k, 2))], dtype=np.uint8)
        rgb = palette[np.asarray(y, dtype=np.intp)]
    col = np.clip(((X[:, 0] - lo) / (hi - lo) * (size - 3)).astype(int) + 1, 1, size - 3)
    row = np.clip(((hi - X[:, 1]) / (hi - lo) * (size - 3)).astype(int) + 1, 1, size - 3)
    for dr in (0, 1):  # 2x2 dots
        for dc in (0, 1):
            img[row + dr, col + dc] = rgb
    edge = (0x1F, 0x3B, 0x73) if selected else (0xD0, 0xD3, 0xD6)
    w = 3 if selected else 1
    img[:w], img[-w:], img[:, :w], img[:, -w:] = edge, edge, edge, edge
    return boundary.rgb_png(img[::-1])  # rgb_png flips back: rows here are already top-down
