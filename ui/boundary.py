"""Decision boundaries as a small PNG under a scatter of the data points.

A 100x100 grid drawn as Altair rects costs ~200 KiB per redraw; the same grid as a PNG
(Pillow) in a ``mark_image`` layer costs a few KiB, so every live view uses the image.

Grid orientation (the one :func:`nncore.data.grid` and ``np.meshgrid(xs, xs)`` give):
``V[i, j]`` is the output at ``x1 = xs[j]`` (columns, left to right) and ``x2 = xs[i]``
(rows, *bottom to top*: row 0 is the lowest x2). Images store their top row first, so
:func:`boundary_png` flips the rows; the picture then shows x2 growing upwards.

Colours follow TensorFlow Playground: orange (#f59322) for class 0 / -1, a light grey
(#e8eaeb) in between, blue (#0877bd) for class 1 / +1; more classes add further colours.
A session may choose the colour-blind-safe palette instead (``?palette=cb``, see
:data:`PALETTES`): Okabe-Ito's colours for the classes, its orange and blue for the two
ends of the diverging scale. Every function that colours classes takes ``palette``.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping
from types import MappingProxyType

import altair as alt
import numpy as np
import pandas as pd
from PIL import Image

from ui import a11y_palette

__all__ = [
    "KINDS",
    "PALETTES",
    "DEFAULT_PALETTE",
    "palette_colours",
    "ORANGE",
    "GREY",
    "BLUE",
    "CLASS_COLOURS",
    "hex_colour",
    "colour_scale",
    "class_colours",
    "class_rgb",
    "SHAPES",
    "shape_scale",
    "boundary_rgb",
    "boundary_png",
    "rgb_png",
    "png_data_url",
    "boundary_datasets",
    "boundary_layers",
    "image_frame",
    "png_size",
    "point_frame",
]

KINDS = ("binary", "regression", "multiclass")
ORANGE = (0xF5, 0x93, 0x22)
GREY = (0xE8, 0xEA, 0xEB)
BLUE = (0x08, 0x77, 0xBD)
# One colour per class: TFP's orange and blue first, then colours that stay apart from
# them (and from each other) on a washed-out projector.
CLASS_COLOURS = (
    ORANGE,
    BLUE,
    (0x2C, 0xA0, 0x2C),  # green
    (0x94, 0x5A, 0xB8),  # purple
    (0xD6, 0x27, 0x28),  # red
    (0x8C, 0x56, 0x4B),  # brown
    (0xE3, 0x77, 0xC2),  # pink
    (0x17, 0xBE, 0xCF),  # cyan
)
#: the marker shape of each class (Vega's names; ``ui.mlp.raster`` draws the same ones), so
#: classes differ by shape as well as by colour
SHAPES = ("circle", "square", "triangle-up", "diamond", "triangle-down", "cross",
          "triangle-left", "triangle-right")
_LEVELS = 257  # entries of the colour table: odd, so 0 maps exactly onto the grey stop
#: the class colours of each palette, by the name the URL gives it (``?palette=cb``);
#: "default" is TFP's (what a link without ``palette`` shows), "cb" Okabe-Ito's
#: colour-blind-safe set (tests/unit/test_palette.py measures both under simulated
#: deficiencies). The diverging scale runs from a palette's class 0 to its class 1.
PALETTES: Mapping[str, tuple[tuple[int, int, int], ...]] = MappingProxyType({
    "default": CLASS_COLOURS,
    "cb": a11y_palette.OKABE_ITO,
})
DEFAULT_PALETTE = "default"


def palette_colours(palette: str = DEFAULT_PALETTE) -> tuple[tuple[int, int, int], ...]:
    """The class colours (RGB 0-255) of ``palette`` (a key of :data:`PALETTES`)."""
    if palette not in PALETTES:
        raise ValueError(f"unknown palette {palette!r}; choose one of {list(PALETTES)}")
    return PALETTES[palette]


def hex_colour(rgb: tuple[int, int, int]) -> str:
    """An RGB triple (0-255 each) as a CSS hex colour: ``(255, 127, 14)`` -> ``"#ff7f0e"``."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _lut(palette: str = DEFAULT_PALETTE) -> np.ndarray:
    """The diverging scale orange -> grey -> blue (a palette's classes 0 and 1) as a
    (257, 3) uint8 table over [-1, 1]."""
    s = np.linspace(-1.0, 1.0, _LEVELS)[:, None]
    orange, blue = palette_colours(palette)[:2]
    o, g, b = (np.asarray(c, dtype=np.float64) for c in (orange, GREY, blue))
    rgb = np.where(s < 0, g + (-s) * (o - g), g + s * (b - g))
    return np.round(rgb).astype(np.uint8)


def _frozen(table: np.ndarray) -> np.ndarray:
    table.flags.writeable = False
    return table


#: each palette's diverging table: read-only constants, shared by every session
_LUTS: Mapping[str, np.ndarray] = MappingProxyType(
    {name: _frozen(_lut(name)) for name in PALETTES})


def colour_scale(kind: str = "binary", n_classes: int = 2,
                 palette: str = DEFAULT_PALETTE) -> alt.Scale:
    """The Altair colour scale of the point labels, matching the image's colours."""
    if kind == "regression":
        orange, blue = palette_colours(palette)[:2]
        # interpolate in RGB like the image (Vega's default, HCL, turns the middle green)
        return alt.Scale(domain=[-1, 0, 1],
                         range=[hex_colour(orange), hex_colour(GREY), hex_colour(blue)],
                         interpolate="rgb", clamp=True)
    return alt.Scale(domain=list(range(n_classes)), range=class_colours(n_classes, palette))


def class_colours(n_classes: int, palette: str = DEFAULT_PALETTE) -> list[str]:
    """Hex colours of classes 0..n_classes-1 (cycling after eight) in ``palette``."""
    colours = palette_colours(palette)
    return [hex_colour(colours[k % len(colours)]) for k in range(n_classes)]


def class_rgb(n_classes: int, palette: str = DEFAULT_PALETTE) -> np.ndarray:
    """RGB colours (n_classes, 3) uint8 of classes 0..n_classes-1 (cycling after eight)."""
    colours = palette_colours(palette)
    return np.array([colours[k % len(colours)] for k in range(n_classes)], dtype=np.uint8)


def _check(V: np.ndarray, kind: str) -> np.ndarray:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {list(KINDS)}")
    V = np.asarray(V, dtype=np.float64)
    ndim = 3 if kind == "multiclass" else 2
    if V.ndim == 3 and ndim == 2 and V.shape[2] == 1:
        V = V[:, :, 0]
    if V.ndim != ndim:
        want = "(n, n, k)" if ndim == 3 else "(n, n)"
        raise ValueError(f"V must have shape {want} for kind {kind!r}, got {V.shape}")
    # a non-finite value (a diverged net) is drawn as the neutral colour, never as garbage
    return np.nan_to_num(V, nan=0.5 if kind == "binary" else 0.0, posinf=1.0, neginf=-1.0)


def boundary_rgb(
    V: np.ndarray, kind: str = "binary", discretize: bool = False, n_classes: int = 2,
    palette: str = DEFAULT_PALETTE,
) -> np.ndarray:
    """Colours of the grid values, rows in grid order (row 0 = lowest x2).

    Parameters
    ----------
    V : ndarray, shape (n, n) for binary (P(class 1) in [0, 1]) and regression
        (output in [-1, 1]); shape (n, n, k) of class probabilities for multiclass.
    kind : {"binary", "regression", "multiclass"}
    discretize : bool
        Colour by the decided class (or the sign, for regression) instead of a gradient.
    n_classes : int
        Number of classes; for multiclass it is taken from ``V.shape[2]``.
    palette : str
        A key of :data:`PALETTES`.

    Returns
    -------
    ndarray, shape (n, n, 3), uint8
    """
    V = _check(V, kind)
    if kind == "multiclass":
        k = V.shape[2]
        colours = class_rgb(k, palette).astype(np.float64)
        if discretize:
            return colours[np.argmax(V, axis=2)].astype(np.uint8)
        P = np.clip(V, 0.0, 1.0)
        P = P / np.maximum(P.sum(axis=2, keepdims=True), 1e-12)
        mix = P @ colours
        # certainty 0 (uniform probabilities) -> grey, 1 (one class sure) -> its colour,
        # so the boundaries between classes show as light bands, as in TFP's binary view
        conf = (P.max(axis=2, keepdims=True) - 1.0 / k) / (1.0 - 1.0 / k)
        grey = np.asarray(GREY, dtype=np.float64)
        return np.round(grey + conf * (mix - grey)).astype(np.uint8)
    s = 2.0 * V - 1.0 if kind == "binary" else V  # onto TFP's [-1, 1] scale
    if discretize:
        s = np.where(s >= 0, 1.0, -1.0)
    idx = np.round((np.clip(s, -1.0, 1.0) + 1.0) * (0.5 * (_LEVELS - 1))).astype(np.intp)
    palette_colours(palette)  # an unknown name fails here, as for multiclass
    return _LUTS[palette][idx]


def boundary_png(
    V: np.ndarray, kind: str = "binary", discretize: bool = False, n_classes: int = 2,
    palette: str = DEFAULT_PALETTE,
) -> bytes:
    """The grid ``V`` as PNG bytes, x2 growing upwards (see the module docstring).

    Parameters are those of :func:`boundary_rgb`. A 100x100 grid gives a few KiB.
    """
    return rgb_png(boundary_rgb(V, kind, discretize, n_classes, palette))


def rgb_png(rgb: np.ndarray) -> bytes:
    """PNG bytes of colours ``rgb`` (n, n, 3) uint8 in grid order (row 0 = lowest x2)."""
    buf = io.BytesIO()
    img = Image.fromarray(np.ascontiguousarray(rgb[::-1]), "RGB")  # image rows run top-down
    # level 1: the smooth gradients compress nearly as well as at level 9, much faster
    img.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def png_data_url(png: bytes) -> str:
    """A ``data:image/png;base64,...`` URL (what Vega's image mark loads)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def point_frame(X: np.ndarray, y: np.ndarray, subset: str, digits: int = 3) -> pd.DataFrame:
    """Points ``X`` (m, 2) with labels ``y`` (m,) as the columns x1, x2, label, set.

    Coordinates are rounded to ``digits`` decimals to keep the chart payload small.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).reshape(-1)
    return pd.DataFrame(
        {
            "x1": np.round(X[:, 0], digits),
            "x2": np.round(X[:, 1], digits),
            "label": np.round(y.astype(np.float64), digits) if y.dtype.kind == "f" else y,
            "set": subset,
        }
    )


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from the PNG header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def image_extent(png: bytes, domain: tuple[float, float]) -> tuple[float, float]:
    """Where the image's outer edges lie on each axis.

    The grid values sit on the pixel centres (``linspace(lo, hi, n)``, see
    :func:`nncore.data.grid`), so the image reaches half a pixel beyond the domain.
    """
    lo, hi = float(domain[0]), float(domain[1])
    n = png_size(png)[0]
    h = (hi - lo) / (n - 1) if n > 1 else 0.0
    return lo - h / 2, hi + h / 2


def image_frame(
    png: bytes, domain: tuple[float, float] = (-6.0, 6.0),
    y_domain: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """One row placing the image: x, x2 (left, right), y, y2 (top, bottom), url.
    ``y_domain`` (default: ``domain``) for a picture of a box that is not a square."""
    a, b = image_extent(png, domain)
    c, d = image_extent(png, domain if y_domain is None else y_domain)
    return pd.DataFrame({"x": [a], "x2": [b], "y": [d], "y2": [c], "url": [png_data_url(png)]})


def boundary_layers(
    image_data,
    point_data,
    domain: tuple[float, float] = (-6.0, 6.0),
    kind: str = "binary",
    n_classes: int = 2,
    axis_titles: tuple[str, str] = ("x1", "x2"),
    point_size: float = 36.0,
    palette: str = DEFAULT_PALETTE,
) -> list:
    """The image layer and (if ``point_data`` is not None) the point layer.

    ``image_data``/``point_data`` are DataFrames (:func:`image_frame`, :func:`point_frame`)
    or ``alt.NamedData`` references filled later (``ui.charts.named``, ``ui.charts.show``).
    """
    lo, hi = float(domain[0]), float(domain[1])
    x_scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    y_scale = alt.Scale(domain=[lo, hi], nice=False, zero=False)
    x_axis = alt.Axis(title=axis_titles[0], tickCount=5, grid=False)
    y_axis = alt.Axis(title=axis_titles[1], tickCount=5, grid=False)
    image = (
        alt.Chart(image_data)
        # clip: the half pixel beyond the domain (see image_extent) stays inside the plot
        .mark_image(aspect=False, align="left", baseline="top", clip=True)
        .encode(
            x=alt.X("x:Q", scale=x_scale, axis=x_axis),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=y_scale, axis=y_axis),
            y2="y2:Q",
            url="url:N",
        )
    )
    if point_data is None:
        return [image]
    label_type = "Q" if kind == "regression" else "N"
    # classes differ by shape as well as colour (WCAG 1.4.1): circle, square, triangle...
    shape = ({} if kind == "regression" else {"shape": alt.Shape(
        "label:N", scale=shape_scale(kind, n_classes), legend=None)})
    dots = (
        alt.Chart(point_data)
        .mark_point(size=point_size, opacity=1.0, strokeWidth=1.2, filled=True,
                    shape="circle")
        .encode(
            x=alt.X("x1:Q", scale=x_scale, axis=x_axis),
            y=alt.Y("x2:Q", scale=y_scale, axis=y_axis),
            color=alt.Color(
                f"label:{label_type}", scale=colour_scale(kind, n_classes, palette),
                legend=None,
            ),
            stroke=alt.Stroke(
                "set:N",
                scale=alt.Scale(domain=["train", "test"], range=["white", "black"]),
                legend=None,
            ),
            **shape,
        )
    )
    return [image, dots]


def shape_scale(kind: str = "binary", n_classes: int = 2) -> alt.Scale:
    """The Altair shape scale of the point labels: class k drawn as ``SHAPES[k]``."""
    if kind == "binary":
        return alt.Scale(domain=[0, 1], range=list(SHAPES[:2]))
    return alt.Scale(domain=list(range(n_classes)),
                     range=[SHAPES[k % len(SHAPES)] for k in range(n_classes)])


def boundary_datasets(
    png: bytes,
    points: pd.DataFrame,
    name: str = "boundary",
    domain: tuple[float, float] = (-6.0, 6.0),
) -> dict[str, pd.DataFrame]:
    """``<name>-image`` and ``<name>-points``: the named data of :func:`boundary_layers`.

    ``ui.neuron.view.plane_spec`` draws the layers over ``ui.charts.named`` references of
    these names. ``points`` may be empty (the columns of :func:`point_frame`) to show the
    image alone.
    """
    return {f"{name}-image": image_frame(png, domain), f"{name}-points": points}
