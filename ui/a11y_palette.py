"""Class colours that stay apart for colour-blind readers, and the measure of "apart".

:data:`OKABE_ITO` is Okabe and Ito's colour-blind-safe set (2008), ordered for classes
(orange and blue first, as TensorFlow Playground's two classes). :func:`simulate` applies
Machado, Oliveira and Fernandes' (2009) matrices for full protanopia, deuteranopia and
tritanopia (severity 1.0, on linear RGB); :func:`ciede2000` is the CIE colour difference
between two colours (CIE Lab, D65). :func:`min_distance` is the smallest difference
between any two of a set of class colours as a reader with that deficiency sees them:
tests/unit/test_palette.py measures it for the app's palettes.

Pure NumPy: no Streamlit here.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

RGB = tuple[int, int, int]

#: Okabe-Ito, in class order: orange, blue, bluish green, vermillion, reddish purple,
#: sky blue, yellow, black
OKABE_ITO: tuple[RGB, ...] = (
    (0xE6, 0x9F, 0x00), (0x00, 0x72, 0xB2), (0x00, 0x9E, 0x73), (0xD5, 0x5E, 0x00),
    (0xCC, 0x79, 0xA7), (0x56, 0xB4, 0xE9), (0xF0, 0xE4, 0x42), (0x00, 0x00, 0x00),
)

#: Machado et al. (2009), severity 1.0, applied to linear RGB
MACHADO: dict[str, np.ndarray] = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}


def to_linear(rgb: np.ndarray) -> np.ndarray:
    """sRGB 0-255 (..., 3) -> linear RGB 0-1."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def to_srgb(lin: np.ndarray) -> np.ndarray:
    """Linear RGB 0-1 (clipped) -> sRGB 0-255 floats."""
    c = np.clip(lin, 0.0, 1.0)
    return 255.0 * np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)


def simulate(rgb: np.ndarray, kind: str) -> np.ndarray:
    """How colours ``rgb`` (..., 3) sRGB 0-255 look with deficiency ``kind`` (a key of
    :data:`MACHADO`; "normal" returns them unchanged), as sRGB 0-255 floats."""
    if kind == "normal":
        return np.asarray(rgb, dtype=np.float64)
    return to_srgb(to_linear(rgb) @ MACHADO[kind].T)


def lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB 0-255 (..., 3) -> CIE L*a*b* (D65)."""
    M = np.array([[0.4124564, 0.3575761, 0.1804375],
                  [0.2126729, 0.7151522, 0.0721750],
                  [0.0193339, 0.1191920, 0.9503041]])
    xyz = to_linear(rgb) @ M.T / np.array([0.95047, 1.0, 1.08883])
    d = 6 / 29
    f = np.where(xyz > d ** 3, np.cbrt(xyz), xyz / (3 * d * d) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]),
                     200 * (f[..., 1] - f[..., 2])], axis=-1)


def ciede2000(lab1: Sequence[float], lab2: Sequence[float]) -> float:
    """The CIEDE2000 colour difference ΔE00 of two L*a*b* colours (Sharma et al. 2005)."""
    L1, a1, b1 = (float(v) for v in lab1)
    L2, a2, b2 = (float(v) for v in lab2)
    C1, C2 = np.hypot(a1, b1), np.hypot(a2, b2)
    Cm = (C1 + C2) / 2
    G = 0.5 * (1 - np.sqrt(Cm ** 7 / (Cm ** 7 + 25.0 ** 7)))
    a1p, a2p = (1 + G) * a1, (1 + G) * a2
    C1p, C2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360 if C1p else 0.0
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360 if C2p else 0.0
    dLp, dCp = L2 - L1, C2p - C1p
    if C1p * C2p == 0:
        dhp = 0.0
    elif abs(h2p - h1p) <= 180:
        dhp = h2p - h1p
    elif h2p - h1p > 180:
        dhp = h2p - h1p - 360
    else:
        dhp = h2p - h1p + 360
    dHp = 2 * np.sqrt(C1p * C2p) * np.sin(np.radians(dhp / 2))
    Lpm, Cpm = (L1 + L2) / 2, (C1p + C2p) / 2
    if C1p * C2p == 0:
        hpm = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hpm = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hpm = (h1p + h2p + 360) / 2
    else:
        hpm = (h1p + h2p - 360) / 2
    T = (1 - 0.17 * np.cos(np.radians(hpm - 30)) + 0.24 * np.cos(np.radians(2 * hpm))
         + 0.32 * np.cos(np.radians(3 * hpm + 6)) - 0.20 * np.cos(np.radians(4 * hpm - 63)))
    d_theta = 30 * np.exp(-(((hpm - 275) / 25) ** 2))
    Rc = 2 * np.sqrt(Cpm ** 7 / (Cpm ** 7 + 25.0 ** 7))
    Sl = 1 + 0.015 * (Lpm - 50) ** 2 / np.sqrt(20 + (Lpm - 50) ** 2)
    Sc, Sh = 1 + 0.045 * Cpm, 1 + 0.015 * Cpm * T
    Rt = -np.sin(np.radians(2 * d_theta)) * Rc
    return float(np.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2
                         + Rt * (dCp / Sc) * (dHp / Sh)))


def min_distance(colours: Sequence[RGB], kind: str = "normal") -> tuple[float, int, int]:
    """The smallest ΔE00 between two of ``colours`` as seen with deficiency ``kind``, and
    the pair (indices) it is between."""
    L = lab(simulate(np.asarray(colours, dtype=np.float64), kind))
    return min((ciede2000(L[i], L[j]), i, j) for i, j in combinations(range(len(colours)), 2))
