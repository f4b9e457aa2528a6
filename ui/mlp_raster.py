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
(2x supersampled for smooth edges) as an RGBA overlay; each frame only scales the map
into the plot and puts the overlay on top.

Grid orientation as everywhere: ``nncore.data.grid``, row 0 of a map is the lowest x2.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ui import boundary

__all__ = ["Plot", "plot", "TICKS"]

TICKS = (-6, -4, -2, 0, 2, 4, 6)
AXIS = (154, 156, 163)
TEXT = (49, 51, 63)
SUPER = 2  # the overlay is drawn this many times larger, then scaled down (anti-aliasing)


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

    def picture(self, rgb: np.ndarray, quality: int = 90) -> str:
        """The map ``rgb`` (n, n, 3) uint8 in grid order under the overlay, as a JPEG data URL.

        The map's pixel centres are the grid values (``linspace(lo, hi, n)``), so the
        plot shows the part between the first and the last pixel centre.
        """
        n = rgb.shape[0]
        img = Image.fromarray(np.ascontiguousarray(rgb[::-1]), "RGB")
        img = img.resize((self.side, self.side), Image.BILINEAR, box=(0.5, 0.5, n - 0.5, n - 0.5))
        base = Image.new("RGB", self.size, "white")
        base.paste(img, (self.left, self.top))
        base.paste(self.overlay, (0, 0), self.overlay)
        buf = io.BytesIO()
        base.save(buf, "JPEG", quality=quality)
        return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _colours(y: np.ndarray, kind: str, n_classes: int) -> np.ndarray:
    """Fill colour (m, 3) of every point: its class colour, or its value's diverging colour."""
    if kind == "regression":
        return boundary.boundary_rgb(np.asarray(y, float).reshape(1, -1), "regression")[0]
    palette = np.array([boundary.CLASS_COLOURS[k % len(boundary.CLASS_COLOURS)]
                        for k in range(max(n_classes, 2))], dtype=np.uint8)
    return palette[np.asarray(y, dtype=np.intp).reshape(-1) % len(palette)]


def plot(
    points: list[tuple[np.ndarray, np.ndarray, str]],
    kind: str = "binary",
    n_classes: int = 2,
    domain: tuple[float, float] = (-6.0, 6.0),
    side: int = 320,
    radius: float = 3.6,
    axis_titles: tuple[str, str] = ("x1", "x2"),
) -> Plot:
    """A plot frame with these points drawn on it (train ringed white, test black).

    Parameters
    ----------
    points : list of (X (m, 2), y (m,), "train" | "test"), drawn in that order.
    side : int
        Size of the square plot area in pixels (the image adds room for the axes).
    axis_titles : ASCII text (the overlay uses Pillow's built-in font).
    """
    left, top, right, bottom = 38, 8, 12, 36
    size = (left + side + right, top + side + bottom)
    k = SUPER
    ov = Image.new("RGBA", (size[0] * k, size[1] * k), (0, 0, 0, 0))
    draw = ImageDraw.Draw(ov)
    lo, hi = float(domain[0]), float(domain[1])
    frame = Plot(size, left, top, side, (lo, hi), ov)
    for X, y, subset in points:
        if not len(X):
            continue
        ring = (255, 255, 255, 255) if subset == "train" else (0, 0, 0, 255)
        px, py = frame.to_px(np.asarray(X, float)[:, 0], np.asarray(X, float)[:, 1])
        r = radius * k
        for a, b, c in zip(px * k, py * k, _colours(y, kind, n_classes), strict=True):
            draw.ellipse((a - r, b - r, a + r, b + r), fill=(*map(int, c), 255), outline=ring,
                         width=max(1, round(1.1 * k)))
    x0, y0, x1, y1 = left * k, top * k, (left + side) * k, (top + side) * k
    draw.rectangle((x0, y0, x1, y1), outline=(*AXIS, 255), width=k)
    font = ImageFont.load_default(size=11 * k)
    title = ImageFont.load_default(size=13 * k)
    for v in TICKS:
        if not lo <= v <= hi:
            continue
        px, py = frame.to_px(v, v)
        draw.line((px * k, y1, px * k, y1 + 4 * k), fill=(*AXIS, 255), width=k)
        draw.line((x0 - 4 * k, py * k, x0, py * k), fill=(*AXIS, 255), width=k)
        draw.text((px * k, y1 + 6 * k), str(v), font=font, fill=(*TEXT, 255), anchor="mt")
        draw.text((x0 - 6 * k, py * k), str(v), font=font, fill=(*TEXT, 255), anchor="rm")
    draw.text(((x0 + x1) / 2, size[1] * k - 3 * k), axis_titles[0], font=title,
              fill=(*TEXT, 255), anchor="mb")
    label = Image.new("RGBA", (60 * k, 20 * k), (0, 0, 0, 0))
    ImageDraw.Draw(label).text((30 * k, 10 * k), axis_titles[1], font=title,
                               fill=(*TEXT, 255), anchor="mm")
    label = label.rotate(90, expand=True)
    ov.paste(label, (2 * k, int((y0 + y1) / 2 - label.height / 2)), label)
    small = ov.resize(size, Image.LANCZOS)
    return Plot(size, left, top, side, (lo, hi), small)
