"""Live pictures of the MLP page as self-contained SVG: the output over the plane with the
data points, one neuron's map, and the network diagram.

Why SVG in an ``<img>`` (``st.image``) and not a Vega ``mark_image`` layer: while training,
every frame brings new images. Vega drops an image mark's picture as soon as its URL
changes and draws the new one only once it has loaded, so on a busy 2-core machine the
boundary and the neuron maps blinked (measured: blank for 100-700 ms of every 200 ms
frame). An ``<img>`` keeps showing its old picture until the new one is ready, so a
frame replaces the last one without a gap. The SVG embeds the small PNG maps of
``ui.boundary`` as data URLs (the browser scales them smoothly), draws points, edges and
labels as vectors (text in the browser's fonts, so Chinese works), and scales with its
column (``viewBox``) while keeping its aspect ratio.

Every picture carries its id in ``<svg data-id="...">`` so tests can find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from ui import boundary

__all__ = ["BoundaryFrame", "boundary_frame", "boundary_svg", "diagram_svg", "svg_points", "TICKS"]

TICKS = (-6, -4, -2, 0, 2, 4, 6)
FONT = 'font-family="sans-serif" fill="#31333f"'
ORANGE, GREY, BLUE = (boundary._hex(c) for c in (boundary.ORANGE, boundary.GREY, boundary.BLUE))


def _f(v: float) -> str:
    """A coordinate with two decimals (enough for pixels, short in the payload)."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _label_colours(y: np.ndarray, kind: str, n_classes: int) -> list[str]:
    """Fill colour of every point: its class colour, or the value on the diverging scale."""
    if kind == "regression":
        rgb = boundary.boundary_rgb(np.asarray(y, float).reshape(1, -1), "regression")[0]
        return ["#{:02x}{:02x}{:02x}".format(*c) for c in rgb]
    palette = boundary.class_colours(max(n_classes, 2))
    return [palette[int(c) % len(palette)] for c in np.asarray(y).reshape(-1)]


def svg_points(
    X: np.ndarray, y: np.ndarray, subset: str, kind: str, n_classes: int,
    to_px, radius: float = 3.6,
) -> str:
    """``<circle>`` elements for the points ``X`` (m, 2); train ringed white, test black."""
    stroke = "#ffffff" if subset == "train" else "#000000"
    fills = _label_colours(y, kind, n_classes)
    px, py = to_px(np.asarray(X, float)[:, 0], np.asarray(X, float)[:, 1])
    circles = "".join(
        f'<circle cx="{_f(a)}" cy="{_f(b)}" r="{radius}" fill="{c}"/>'
        for a, b, c in zip(px, py, fills, strict=True)
    )
    return f'<g stroke="{stroke}" stroke-width="1.1" data-set="{subset}">{circles}</g>'


@dataclass(frozen=True)
class BoundaryFrame:
    """A boundary picture without its map: axes and points, built once per data set.

    While training only the map changes, so the page keeps this and calls
    :meth:`svg` with each frame's PNG (the points' markup is most of the work).
    """

    head: str
    tail: str
    domain: tuple[float, float]
    x0: float
    y0: float
    scale: float

    def svg(self, png: bytes) -> str:
        """The whole picture with map ``png`` (a grid over ``domain``, nncore.data.grid)."""
        lo, hi = self.domain
        a, b = boundary.image_extent(png, self.domain)  # half a pixel beyond the domain
        x, y = self.x0 + (a - lo) * self.scale, self.y0 + (hi - b) * self.scale
        w = (b - a) * self.scale
        image = (f'<image clip-path="url(#c)" x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" '
                 f'height="{_f(w)}" preserveAspectRatio="none" '
                 f'href="{boundary.png_data_url(png)}"/>')
        return self.head + image + self.tail


def boundary_frame(
    points: list[tuple[np.ndarray, np.ndarray, str]],
    kind: str = "binary",
    n_classes: int = 2,
    domain: tuple[float, float] = (-6.0, 6.0),
    size: int = 360,
    axis_titles: tuple[str, str] = ("x₁", "x₂"),
    svg_id: str = "mlp-boundary",
) -> BoundaryFrame:
    """Axes, ticks and the points of a boundary picture (see :func:`boundary_svg`)."""
    lo, hi = float(domain[0]), float(domain[1])
    left, top, right, bottom = 40.0, 8.0, 10.0, 38.0
    side = size - max(left + right, top + bottom)
    x0, y0 = left, top
    scale = side / (hi - lo)

    def to_px(x1, x2):
        return x0 + (np.asarray(x1) - lo) * scale, y0 + (hi - np.asarray(x2)) * scale

    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" data-id="{svg_id}" '
        f'viewBox="0 0 {size} {size}" width="{size}" height="{size}">'
        f'<clipPath id="c"><rect x="{_f(x0)}" y="{_f(y0)}" width="{_f(side)}" '
        f'height="{_f(side)}"/></clipPath>'
    )
    parts = []
    for X, y, subset in points:
        if len(X):
            parts.append(svg_points(X, y, subset, kind, n_classes, to_px))
    parts.append(f'<rect x="{_f(x0)}" y="{_f(y0)}" width="{_f(side)}" height="{_f(side)}" '
                 'fill="none" stroke="#9a9ca3" stroke-width="1"/>')
    ticks = []
    for v in TICKS:
        if lo <= v <= hi:
            px, py = to_px(v, v)
            ticks.append(
                f'<line x1="{_f(px)}" y1="{_f(y0 + side)}" x2="{_f(px)}" '
                f'y2="{_f(y0 + side + 4)}"/>'
                f'<line x1="{_f(x0 - 4)}" y1="{_f(py)}" x2="{_f(x0)}" y2="{_f(py)}"/>'
            )
            parts.append(
                f'<text x="{_f(px)}" y="{_f(y0 + side + 16)}" font-size="11" '
                f'text-anchor="middle" {FONT}>{v}</text>'
                f'<text x="{_f(x0 - 7)}" y="{_f(py + 4)}" font-size="11" text-anchor="end" '
                f'{FONT}>{v}</text>'
            )
    parts.append('<g stroke="#9a9ca3" stroke-width="1">' + "".join(ticks) + "</g>")
    parts.append(
        f'<text x="{_f(x0 + side / 2)}" y="{_f(size - 6)}" font-size="13" '
        f'text-anchor="middle" {FONT}>{escape(axis_titles[0])}</text>'
        f'<text transform="translate(12 {_f(y0 + side / 2)}) rotate(-90)" font-size="13" '
        f'text-anchor="middle" {FONT}>{escape(axis_titles[1])}</text>'
    )
    parts.append("</svg>")
    return BoundaryFrame(head, "".join(parts), (lo, hi), x0, y0, scale)


def boundary_svg(
    png: bytes,
    points: list[tuple[np.ndarray, np.ndarray, str]],
    kind: str = "binary",
    n_classes: int = 2,
    domain: tuple[float, float] = (-6.0, 6.0),
    size: int = 360,
    axis_titles: tuple[str, str] = ("x₁", "x₂"),
    svg_id: str = "mlp-boundary",
) -> str:
    """The map ``png`` (``ui.boundary.boundary_png`` of ``nncore.data.grid``) under the points.

    Parameters
    ----------
    points : list of (X (m, 2), y (m,), "train" | "test"), drawn in that order.
    size : int
        Width and height of the picture in its own units (it scales with the page).
    """
    return boundary_frame(points, kind, n_classes, domain, size, axis_titles, svg_id).svg(png)


def diagram_svg(
    W: list,
    sprite: tuple[bytes, int, list[list[int]]] | None,
    titles: list[str],
    input_names: list[str],
    focus: str | None = None,
    width: int = 380,
    max_edges: int = 600,
    svg_id: str = "mlp-diagram",
) -> str:
    """The network: layers as columns of nodes (each its own map), weights as lines.

    Parameters
    ----------
    W : the weights, ``W[l-1]`` of shape (n[l], n[l-1]).
    sprite : every unit's map in one PNG, its map size and tile indices
        (``mlp_view.map_sprite``), or None to draw plain dots (very wide networks). Each
        node is a nested ``<svg>`` whose viewBox crops its tile from the sprite, which is
        embedded once (``<use>``).
    titles : one column title per layer, inputs first.
    input_names : the feature names, written left of the input nodes.
    focus : "l-j" id of the node to outline.
    max_edges : above this many weights only the largest |w| are drawn.

    Line colour is the sign (blue positive, orange negative), width and opacity grow with
    |w| (TensorFlow Playground's convention).
    """
    sizes = [W[0].shape[1]] + [w.shape[0] for w in W]
    widest = max(sizes)
    label_w, top, bottom = 58.0, 26.0, 10.0
    node = float(np.clip(300 / (widest + 1), 7, 34))
    gap_y = node * 1.35
    height = top + bottom + widest * gap_y
    cols = len(sizes)
    gap_x = (width - label_w - node - 12) / max(cols - 1, 1)

    def pos(l: int, j: int) -> tuple[float, float]:
        n = sizes[l]
        y = top + (widest - n) * gap_y / 2 + (j + 0.5) * gap_y
        return label_w + node / 2 + l * gap_x, y

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" data-id="{svg_id}" '
        f'viewBox="0 0 {width} {_f(height)}" width="{width}" height="{_f(height)}">'
    ]
    # edges: every weight, or the strongest ones of a very wide network
    rows = []
    for l in range(1, cols):
        Wl = np.nan_to_num(np.asarray(W[l - 1], dtype=np.float64), nan=0.0)
        j, i = np.indices(Wl.shape)
        rows.append(np.column_stack([np.full(Wl.size, l), i.ravel(), j.ravel(), Wl.ravel()]))
    E = np.concatenate(rows)
    if len(E) > max_edges:
        E = E[np.argsort(-np.abs(E[:, 3]), kind="stable")[:max_edges]]
    lines = []
    for l, i, j, w in E:
        (xa, ya), (xb, yb) = pos(int(l) - 1, int(i)), pos(int(l), int(j))
        aw = min(abs(w), 4.0)
        lines.append(
            f'<line x1="{_f(xa)}" y1="{_f(ya)}" x2="{_f(xb)}" y2="{_f(yb)}" '
            f'stroke="{BLUE if w >= 0 else ORANGE}" stroke-width="{_f(0.4 + 1.15 * aw)}" '
            f'stroke-opacity="{_f(0.35 + 0.15 * aw)}" data-w="{w:.4g}"/>'
        )
    parts.append("<g>" + "".join(lines) + "</g>")
    nodes = []
    if sprite is not None:
        png, m, tiles = sprite
        total = sum(len(t) for t in tiles)
        parts.append(f'<defs><image id="maps" width="{total * (m + 2)}" height="{m + 2}" '
                     f'preserveAspectRatio="none" href="{boundary.png_data_url(png)}"/></defs>')
    for l, n in enumerate(sizes):
        for j in range(n):
            x, y = pos(l, j)
            nid = f"{l}-{j}"
            if sprite is not None:
                sx = tiles[l][j] * (m + 2) + 1
                nodes.append(
                    f'<svg data-node="{nid}" x="{_f(x - node / 2)}" y="{_f(y - node / 2)}" '
                    f'width="{_f(node)}" height="{_f(node)}" viewBox="{sx} 1 {m} {m}" '
                    'preserveAspectRatio="none"><use href="#maps"/></svg>'
                )
            else:
                nodes.append(f'<circle data-node="{nid}" cx="{_f(x)}" cy="{_f(y)}" '
                             f'r="{_f(node / 2)}" fill="#555"/>')
            if nid == focus:
                d = node / 2 + 3
                nodes.append(f'<rect data-focus="{nid}" x="{_f(x - d)}" y="{_f(y - d)}" '
                             f'width="{_f(2 * d)}" height="{_f(2 * d)}" fill="none" '
                             'stroke="#222" stroke-width="2.2"/>')
    parts.append("<g>" + "".join(nodes) + "</g>")
    texts = []
    for l in range(cols):
        x, _ = pos(l, 0)
        texts.append(f'<text x="{_f(x)}" y="14" font-size="12" text-anchor="middle" '
                     f'{FONT}>{escape(titles[l])}</text>')
    for j, name in enumerate(input_names):
        x, y = pos(0, j)
        texts.append(f'<text x="{_f(x - node / 2 - 6)}" y="{_f(y + 4)}" font-size="12" '
                     f'text-anchor="end" {FONT} data-input={quoteattr(name)}>'
                     f"{escape(name)}</text>")
    parts.append("".join(texts))
    parts.append("</svg>")
    return "".join(parts)
