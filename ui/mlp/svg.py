"""The network diagram of the MLP page as a self-contained SVG (shown with ``st.image``).

Layers are columns of nodes, each node its neuron's output over the plane (a tile of one
sprite PNG, ``ui.mlp.view.map_sprite``), weights are lines (colour = sign, width and
opacity = magnitude), and the labels are text in the browser's fonts, so Chinese works.
The SVG scales with its column (``viewBox``) and keeps its aspect ratio.

Why not a Vega chart with image marks: Vega blanks an image mark while a new URL loads,
which made the node maps blink while training; an ``<img>`` keeps its old picture until
the new one is ready. The diagram is redrawn by the slower live fragment (an SVG image
costs the browser's main thread more than a JPEG; see ``ui.mlp.raster``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr, unescape

import numpy as np

from ui import boundary

__all__ = ["diagram_svg", "alt_of"]

FONT = 'font-family="sans-serif" fill="#31333f"'
ORANGE, GREY, BLUE = (boundary.hex_colour(c)
                      for c in (boundary.ORANGE, boundary.GREY, boundary.BLUE))


def _f(v: float) -> str:
    """A coordinate with two decimals (enough for pixels, short in the payload)."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


# Margins: room for the feature names on the left, the column titles on top.
LABEL_W, TOP, BOTTOM = 58.0, 26.0, 10.0


@dataclass(frozen=True)
class _Layout:
    """Where the diagram puts things, computed once per diagram from the layer sizes.

    Every helper below draws from the same layout, so nodes, edge ends and labels agree.
    """

    sizes: list[int]
    width: int
    widest: int
    node: float  # side of a node
    gap_y: float
    gap_x: float
    height: float

    @classmethod
    def of(cls, sizes: list[int], width: int) -> _Layout:
        """The layout of layers of ``sizes`` units in a diagram ``width`` pixels wide."""
        widest = max(sizes)
        # nodes as large as the widest layer allows, within [7, 34] pixels
        node = float(np.clip(300 / (widest + 1), 7, 34))
        gap_y = node * 1.35
        gap_x = (width - LABEL_W - node - 12) / max(len(sizes) - 1, 1)
        return cls(sizes, width, widest, node, gap_y, gap_x, TOP + BOTTOM + widest * gap_y)

    def pos(self, l: int, j: int) -> tuple[float, float]:
        """Centre of unit ``j`` of layer ``l``; a layer is centred vertically."""
        y = TOP + (self.widest - self.sizes[l]) * self.gap_y / 2 + (j + 0.5) * self.gap_y
        return LABEL_W + self.node / 2 + l * self.gap_x, y


def _edges(W: list, lay: _Layout, max_edges: int, off: frozenset = frozenset()) -> str:
    """One ``<line>`` per weight, or per one of the ``max_edges`` strongest of a wide net;
    each with a ``<title>`` giving its value, a switched-off unit's lines grey and dashed."""
    rows = []
    for l in range(1, len(lay.sizes)):
        Wl = np.nan_to_num(np.asarray(W[l - 1], dtype=np.float64), nan=0.0)
        j, i = np.indices(Wl.shape)
        rows.append(np.column_stack([np.full(Wl.size, l), i.ravel(), j.ravel(), Wl.ravel()]))
    E = np.concatenate(rows)
    if len(E) > max_edges:
        E = E[np.argsort(-np.abs(E[:, 3]), kind="stable")[:max_edges]]
    lines = []
    for l, i, j, w in E:
        (xa, ya), (xb, yb) = lay.pos(int(l) - 1, int(i)), lay.pos(int(l), int(j))
        aw = min(abs(w), 4.0)
        dead = (int(l) - 1, int(i)) in off or (int(l), int(j)) in off
        colour = GREY if dead else BLUE if w >= 0 else ORANGE
        dash = ' stroke-dasharray="3 3"' if dead else ""
        lines.append(
            f'<line x1="{_f(xa)}" y1="{_f(ya)}" x2="{_f(xb)}" y2="{_f(yb)}" '
            f'stroke="{colour}" stroke-width="{_f(0.4 + 1.15 * aw)}"{dash} '
            f'stroke-opacity="{_f(0.35 + 0.15 * aw)}" data-w="{w:.4g}">'
            f"<title>W[{int(l)}] {int(i) + 1}→{int(j) + 1} = {w:.4g}</title></line>"
        )
    return "<g>" + "".join(lines) + "</g>"


def _sprite_defs(sprite: tuple[bytes, int, list[list[int]]]) -> str:
    """The sprite PNG, embedded once; every node shows its tile of it through ``<use>``."""
    png, m, tiles = sprite
    total = sum(len(t) for t in tiles)
    return (
        f'<defs><image id="maps" width="{total * (m + 2)}" height="{m + 2}" '
        f'preserveAspectRatio="none" href="{boundary.png_data_url(png)}"/></defs>'
    )


def _node(nid: str, x: float, y: float, size: float, tile: int | None, m: int) -> str:
    """A node: a nested ``<svg>`` cropping its ``tile`` of the sprite, or a dot if None."""
    if tile is None:
        return (
            f'<circle data-node="{nid}" cx="{_f(x)}" cy="{_f(y)}" '
            f'r="{_f(size / 2)}" fill="#555"/>'
        )
    sx = tile * (m + 2) + 1  # the tile's first column past its 1-pixel padding
    return (
        f'<svg data-node="{nid}" x="{_f(x - size / 2)}" y="{_f(y - size / 2)}" '
        f'width="{_f(size)}" height="{_f(size)}" viewBox="{sx} 1 {m} {m}" '
        'preserveAspectRatio="none"><use href="#maps"/></svg>'
    )


def _focus(nid: str, x: float, y: float, size: float) -> str:
    """The square outline around the focused node."""
    d = size / 2 + 3
    return (
        f'<rect data-focus="{nid}" x="{_f(x - d)}" y="{_f(y - d)}" '
        f'width="{_f(2 * d)}" height="{_f(2 * d)}" fill="none" '
        'stroke="#222" stroke-width="2.2"/>'
    )


def _nodes(
    lay: _Layout, sprite: tuple[bytes, int, list[list[int]]] | None, focus: str | None,
    off: frozenset = frozenset(),
) -> str:
    """Every unit's node, layer by layer, with the focused one outlined and the switched-off
    ones greyed (``data-off="1"``, faded, crossed)."""
    nodes = []
    for l, n in enumerate(lay.sizes):
        for j in range(n):
            x, y = lay.pos(l, j)
            nid = f"{l}-{j}"
            tile, m = (None, 0) if sprite is None else (sprite[2][l][j], sprite[1])
            node = _node(nid, x, y, lay.node, tile, m)
            if (l, j) in off:
                d = lay.node / 2
                node = (f'<g data-off="1" opacity="0.3">{node}</g>'
                        f'<path d="M{_f(x - d)} {_f(y - d)}L{_f(x + d)} {_f(y + d)}'
                        f'M{_f(x - d)} {_f(y + d)}L{_f(x + d)} {_f(y - d)}" '
                        f'stroke="{GREY}" stroke-width="1.5"/>')
            nodes.append(node)
            if nid == focus:
                nodes.append(_focus(nid, x, y, lay.node))
    return "<g>" + "".join(nodes) + "</g>"


def _labels(lay: _Layout, titles: list[str], input_names: list[str]) -> str:
    """Column titles above the layers and feature names left of the input nodes."""
    texts = []
    for l in range(len(lay.sizes)):
        x, _ = lay.pos(l, 0)
        texts.append(
            f'<text x="{_f(x)}" y="14" font-size="12" text-anchor="middle" '
            f"{FONT}>{escape(titles[l])}</text>"
        )
    for j, name in enumerate(input_names):
        x, y = lay.pos(0, j)
        texts.append(
            f'<text x="{_f(x - lay.node / 2 - 6)}" y="{_f(y + 4)}" font-size="12" '
            f'text-anchor="end" {FONT} data-input={quoteattr(name)}>'
            f"{escape(name)}</text>"
        )
    return "".join(texts)


def diagram_svg(
    W: list,
    sprite: tuple[bytes, int, list[list[int]]] | None,
    titles: list[str],
    input_names: list[str],
    focus: str | None = None,
    width: int = 380,
    max_edges: int = 600,
    svg_id: str = "mlp-diagram",
    off: Iterable[tuple[int, int]] = (),
    alt: str = "",
) -> str:
    """The network: layers as columns of nodes (each its own map), weights as lines.

    Parameters
    ----------
    W : the weights, ``W[l-1]`` of shape (n[l], n[l-1]).
    sprite : every unit's map in one PNG, its map size and tile indices
        (``ui.mlp.view.map_sprite``), or None to draw plain dots (very wide networks). Each
        node is a nested ``<svg>`` whose viewBox crops its tile from the sprite, which is
        embedded once (``<use>``).
    titles : one column title per layer, inputs first.
    input_names : the feature names, written left of the input nodes.
    focus : "l-j" id of the node to outline.
    max_edges : above this many weights only the largest |w| are drawn.
    off : (l, j) of the switched-off hidden units (``net.units_off()``): greyed, their
        lines grey and dashed (they carry nothing).
    alt : what the diagram shows now, in words (``ui.describe.network_text``): the SVG's
        ``aria-label`` and ``<title>`` (``role="img"``), read back by :func:`alt_of` for
        the ``<img>`` that shows it, so the words travel with the picture they describe.

    Line colour is the sign (blue positive, orange negative), width and opacity grow with
    |w| (TensorFlow Playground's convention).
    """
    lay = _Layout.of([W[0].shape[1]] + [w.shape[0] for w in W], width)
    off = frozenset((int(l), int(j)) for l, j in off)
    # edges first, so the nodes are drawn over their ends
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" data-id="{svg_id}" '
            f'viewBox="0 0 {width} {_f(lay.height)}" width="{width}" '
            f'height="{_f(lay.height)}"'
            + (f' role="img" aria-label={quoteattr(alt)}><title>{escape(alt)}</title>'
               if alt else ">"),
            _edges(W, lay, max_edges, off),
            _sprite_defs(sprite) if sprite is not None else "",
            _nodes(lay, sprite, focus, off),
            _labels(lay, titles, input_names),
            "</svg>",
        ]
    )


#: the root's own <title> (an edge's title comes after other elements, never first)
_TITLE = re.compile(r"<svg [^>]*><title>(.*?)</title>", re.S)


def alt_of(svg: str) -> str:
    """The diagram's text alternative (its first ``<title>``, given as ``alt`` to
    :func:`diagram_svg`), unescaped; "" if it has none."""
    found = _TITLE.match(svg)
    return unescape(found.group(1)) if found else ""
