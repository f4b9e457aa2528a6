"""The live output-over-the-plane pictures as one raster image: map, points and axes.

Why a raster (JPEG) and not Vega or SVG, for the pictures redrawn on every live frame:

- a Vega ``mark_image`` blanks its picture whenever the URL changes, until the new one
  has loaded (measured: 100-700 ms of every 200 ms frame on this 2-core machine);
- an SVG in an ``<img>`` is parsed, laid out and rasterised on the browser's main thread:
  the boundary with its 250 points cost more browser time per frame than everything else
  together (measured ~150 ms per frame under load, frames dropped to 2-3 per second);
- a JPEG in an ``<img>`` is decoded off the main thread, and the old picture stays until
  the new one is ready. Encoding it costs ~1 ms (a PNG of the same picture ~7 ms).

The axes and the points do not change while training, so they are drawn once per data set
as an RGBA overlay (each point a small anti-aliased stamp); each frame only scales the map
into the plot and puts the overlay on top.

Grid orientation as everywhere: ``nncore.data.grid``, row 0 of a map is the lowest x2.
"""

from __future__ import annotations

import base64
import functools
import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ui import boundary

__all__ = ["Plot", "plot", "TICKS"]

TICKS = (-6, -4, -2, 0, 2, 4, 6)
AXIS = (154, 156, 163)
TEXT = (49, 51, 63)


@dataclass(frozen=True)
class Plot:
    """A plot frame: where the plane's square ``domain`` lands in an image of ``size``.

    Build it with :func:`plot`; :meth:`picture` turns a map into the finished image.
    """

    size: tuple[int, int]  # (width, height) in pixels
    left: int
    top: int
    side: int  # the plot area is side x side pixels
    domain: tuple[float, float]
    overlay: Image.Image  # RGBA: points, frame, ticks, labels

    def to_px(self, x1: np.ndarray, x2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pixel coordinates (column, row) of plane points, row 0 at the top."""
        lo, hi = self.domain
        s = self.side / (hi - lo)
        return self.left + (np.asarray(x1) - lo) * s, self.top + (hi - np.asarray(x2)) * s

    def picture(self, rgb: np.ndarray, quality: int = 90, marks: np.ndarray | None = None
                ) -> str:
        """The map ``rgb`` (n, n, 3) uint8 in grid order under the overlay, as a JPEG data URL.

        The map's pixel centres are the grid values (``linspace(lo, hi, n)``), so the
        plot shows the part between the first and the last pixel centre. ``marks`` (m, 2):
        plane points ringed in red over the overlay (the misclassified test points; drawn
        per frame, as they change while training).
        """
        n = rgb.shape[0]
        img = Image.fromarray(np.ascontiguousarray(rgb[::-1]), "RGB")
        img = img.resize((self.side, self.side), Image.BILINEAR, box=(0.5, 0.5, n - 0.5, n - 0.5))
        base = Image.new("RGB", self.size, "white")
        base.paste(img, (self.left, self.top))
        base.paste(self.overlay, (0, 0), self.overlay)
        if marks is not None and len(marks):
            _ring(base, *self.to_px(np.asarray(marks, float)[:, 0],
                                    np.asarray(marks, float)[:, 1]))
        buf = io.BytesIO()
        # 4:4:4: no chroma subsampling, which would tint the thin black and white rings
        base.save(buf, "JPEG", quality=quality, subsampling=0)
        return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _colours(y: np.ndarray, kind: str, n_classes: int,
             palette: str = boundary.DEFAULT_PALETTE) -> np.ndarray:
    """Fill colour (m, 3) of every point: its class colour, or its value's diverging colour
    (in ``palette``, a key of ``ui.boundary.PALETTES``)."""
    if kind == "regression":
        return boundary.boundary_rgb(np.asarray(y, float).reshape(1, -1), "regression",
                                     palette=palette)[0]
    colours = boundary.class_rgb(max(n_classes, 2), palette)
    return colours[np.asarray(y, dtype=np.intp).reshape(-1) % len(colours)]


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's built-in font at ``size`` px. Cached: building it decodes the embedded font
    (~10 ms); the font object is only read, so sharing it between sessions is safe."""
    return ImageFont.load_default(size=size)


#: each marker's outline as (x, y) vertices on the unit circle's scale (y down), in the
#: order of ``ui.boundary.SHAPES``; the circle is drawn as an ellipse. Each polygon is
#: scaled to the circle's area (Vega's symbols have equal areas too), so no class looks
#: bigger than another.
_POLYGONS: dict[str, list[tuple[float, float]]] = {
    "square": [(-1, -1), (1, -1), (1, 1), (-1, 1)],
    "triangle-up": [(0, -1.15), (1.15, 0.85), (-1.15, 0.85)],
    "diamond": [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
    "triangle-down": [(0, 1.15), (1.15, -0.85), (-1.15, -0.85)],
    "cross": [(-0.35, -1.1), (0.35, -1.1), (0.35, -0.35), (1.1, -0.35), (1.1, 0.35),
              (0.35, 0.35), (0.35, 1.1), (-0.35, 1.1), (-0.35, 0.35), (-1.1, 0.35),
              (-1.1, -0.35), (-0.35, -0.35)],
    "triangle-left": [(-1.15, 0), (0.85, -1.15), (0.85, 1.15)],
    "triangle-right": [(1.15, 0), (-0.85, -1.15), (-0.85, 1.15)],
}


def _area(poly: list[tuple[float, float]]) -> float:
    """The area of a polygon (shoelace)."""
    return 0.5 * abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1)
                         in zip(poly, poly[1:] + poly[:1], strict=True)))


def _stamp(fill: tuple, ring: tuple, radius: float, shape: str = "circle") -> Image.Image:
    """One anti-aliased point: a marker (``ui.boundary.SHAPES``) of colour ``fill`` with a
    ``ring`` (RGBA, odd size)."""
    k = 4  # drawn 4x larger, then scaled down
    scale = 1.0 if shape == "circle" else float(np.sqrt(np.pi / _area(_POLYGONS[shape])))
    half = int(np.ceil(radius * 1.3 * scale + 1.5))
    big = Image.new("RGBA", ((2 * half + 1) * k,) * 2, (0, 0, 0, 0))
    c, r = (half + 0.5) * k, radius * k
    draw = ImageDraw.Draw(big)
    if shape == "circle":
        draw.ellipse((c - r, c - r, c + r, c + r), fill=(*fill, 255),
                     outline=(*ring, 255), width=round(1.1 * k))
    else:
        pts = [(c + x * r * scale, c + y * r * scale) for x, y in _POLYGONS[shape]]
        draw.polygon(pts, fill=(*fill, 255), outline=(*ring, 255), width=round(1.1 * k))
    return big.resize((2 * half + 1,) * 2, Image.LANCZOS)


def _shapes(y: np.ndarray, kind: str) -> list[str]:
    """The marker of every point: its class's shape (classification), else a circle."""
    if kind == "regression":
        return ["circle"] * len(y)
    S = boundary.SHAPES
    return [S[int(c) % len(S)] for c in np.asarray(y, dtype=np.intp).reshape(-1)]


MARK = (214, 39, 40)  # the misclassified points' ring


def _ring(img: Image.Image, px: np.ndarray, py: np.ndarray, radius: float = 6.5) -> None:
    """A red ring, wider than a point, around each of the pixel positions (a shape, not
    only a colour: readable without telling red from the class colours)."""
    draw = ImageDraw.Draw(img)
    for a, b in zip(px, py, strict=True):
        draw.ellipse((a - radius, b - radius, a + radius, b + radius), outline=MARK, width=2)


def _axes(draw: ImageDraw.ImageDraw, frame: Plot, axis_titles: tuple[str, str]) -> None:
    """Frame, ticks, tick labels and the x1 title (the x2 title is pasted rotated)."""
    lo, hi = frame.domain
    x0, y0 = frame.left, frame.top
    x1, y1 = x0 + frame.side, y0 + frame.side
    draw.rectangle((x0 - 1, y0 - 1, x1, y1), outline=(*AXIS, 255), width=1)
    font = _font(11)
    for v in TICKS:
        if not lo <= v <= hi:
            continue
        px, py = (round(float(u)) for u in frame.to_px(v, v))
        draw.line((px, y1, px, y1 + 4), fill=(*AXIS, 255))
        draw.line((x0 - 5, py, x0 - 1, py), fill=(*AXIS, 255))
        draw.text((px, y1 + 6), str(v), font=font, fill=(*TEXT, 255), anchor="mt")
        draw.text((x0 - 7, py), str(v), font=font, fill=(*TEXT, 255), anchor="rm")
    title = _font(13)
    draw.text(((x0 + x1) / 2, frame.size[1] - 3), axis_titles[0], font=title,
              fill=(*TEXT, 255), anchor="mb")


def plot(
    points: list[tuple[np.ndarray, np.ndarray, str]],
    kind: str = "binary",
    n_classes: int = 2,
    domain: tuple[float, float] = (-6.0, 6.0),
    side: int = 320,
    radius: float = 3.6,
    axis_titles: tuple[str, str] = ("x1", "x2"),
    palette: str = boundary.DEFAULT_PALETTE,
) -> Plot:
    """A plot frame with these points drawn on it (train ringed white, test black; each
    class with its own marker shape, ``ui.boundary.SHAPES``).

    Parameters
    ----------
    points : list of (X (m, 2), y (m,), "train" | "test"), drawn in that order.
    side : int
        Size of the square plot area in pixels (the image adds room for the axes).
    axis_titles : ASCII text (the overlay uses Pillow's built-in font).
    palette : the points' colours, a key of ``ui.boundary.PALETTES``.
    """
    left, top, right, bottom = 38, 8, 12, 36
    size = (left + side + right, top + side + bottom)
    lo, hi = float(domain[0]), float(domain[1])
    ov = Image.new("RGBA", size, (0, 0, 0, 0))
    frame = Plot(size, left, top, side, (lo, hi), ov)
    stamps: dict = {}
    for X, y, subset in points:
        if not len(X):
            continue
        ring = (255, 255, 255) if subset == "train" else (0, 0, 0)
        px, py = frame.to_px(np.asarray(X, float)[:, 0], np.asarray(X, float)[:, 1])
        for a, b, c, shape in zip(px, py, _colours(y, kind, n_classes, palette),
                                  _shapes(y, kind),
                                  strict=True):
            key = (tuple(int(v) for v in c), ring, shape)
            if key not in stamps:
                stamps[key] = _stamp(key[0], ring, radius, shape)
            st = stamps[key]
            h = st.width // 2
            ov.paste(st, (int(a + 0.5) - h, int(b + 0.5) - h), st)  # one C call per point
    draw = ImageDraw.Draw(ov)
    _axes(draw, frame, axis_titles)
    title = _font(13)
    label = Image.new("RGBA", (60, 20), (0, 0, 0, 0))
    ImageDraw.Draw(label).text((30, 10), axis_titles[1], font=title, fill=(*TEXT, 255),
                               anchor="mm")
    label = label.rotate(90, expand=True)
    ov.alpha_composite(label, (2, int(top + side / 2 - label.height / 2)))
    return frame
