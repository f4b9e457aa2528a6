"""The network diagram of the MLP page as a self-contained SVG (shown with ``st.image``).

Layers are columns of nodes, each node its neuron's output over the plane (a tile of one
sprite PNG, ``ui.mlp_view.map_sprite``), weights are lines (colour = sign, width and
opacity = magnitude), and the labels are text in the browser's fonts, so Chinese works.
The SVG scales with its column (``viewBox``) and keeps its aspect ratio.

Why not a Vega chart with image marks: Vega blanks an image mark while a new URL loads,
which made the node maps blink while training; an ``<img>`` keeps its old picture until
the new one is ready. The diagram is redrawn by the slower live fragment (an SVG image
costs the browser's main thread more than a JPEG; see ``ui.mlp_raster``).
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import numpy as np

from ui import boundary

__all__ = ["diagram_svg"]

FONT = 'font-family="sans-serif" fill="#31333f"'
ORANGE, GREY, BLUE = (boundary._hex(c) for c in (boundary.ORANGE, boundary.GREY, boundary.BLUE))


def _f(v: float) -> str:
    """A coordinate with two decimals (enough for pixels, short in the payload)."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


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
