"""The join link as a QR code a phone reads from the back of a classroom.

Drawn by ``segno`` (a maintained QR library), never by hand: PNG bytes, black on white,
the standard four-module quiet zone, error correction level M (a projector's glare or a
smudge on the screen still decodes). ``scale`` pixels per module: at 12, a version-3
code (a join link of about 50 characters) is 29 + 8 = 37 modules, 444 px wide, large
enough to read from ten metres off a projector.
"""

from __future__ import annotations

import io

import segno

SCALE = 12  # pixels per module


def png(text: str, scale: int = SCALE) -> bytes:
    """``text`` (a URL) as a QR code in PNG bytes, ``scale`` px per module."""
    code = segno.make(text, error="m", micro=False)
    buf = io.BytesIO()
    code.save(buf, kind="png", scale=scale, border=4, dark="#000000", light="#ffffff")
    return buf.getvalue()


def modules(text: str) -> int:
    """The width of ``text``'s code in modules, quiet zone included."""
    return segno.make(text, error="m", micro=False).symbol_size(scale=1, border=4)[0]
