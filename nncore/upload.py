"""A user's own data: CSV bytes in, points on the plane out (and the data in use back out).

:func:`read_csv` accepts a header row and three columns, in any order (names are
case-insensitive): ``x1, x2, label`` for classification or ``x1, x2, y`` for regression,
plus optionally ``split`` (``train``/``test``, as :func:`to_csv` writes it).

- Labels are integers (``1`` or ``1.0``), 2 to 6 distinct values, any integers: they are
  mapped in sorted order to the classes 0..k-1 (so 0/1, 1/2 and TensorFlow Playground's
  -1/+1 all work) and ``Uploaded.classes`` keeps the original values.
- Points are rescaled per column into ``[-SPAN, SPAN]`` (inside the plane
  ``nncore.data.DOMAIN``, as the generated datasets are); a regression target into
  [-1, 1] (the generated targets' range). ``plane = (csv - offset) / scale``;
  :meth:`Uploaded.original` undoes it. A constant column gets scale 1 (all at 0).
- Lenient with: a UTF-8 BOM, blank lines (also lines of empty cells), spaces around
  cells and names, CRLF or CR line ends, quoted cells.
- Everything else is refused with :class:`UploadError`, whose ``code`` (see
  :data:`CODES`) lets the UI show one sentence in the user's language, and whose
  ``details`` carry the numbers for it (row numbers count the file's lines from 1, the
  header being line 1).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

import numpy as np

from nncore import data

__all__ = ["CODES", "MAX_CLASSES", "MIN_ROWS", "SPAN", "UploadError", "Uploaded",
           "playground_data", "read_csv", "to_csv"]

#: points are rescaled into [-SPAN, SPAN] per column: inside the plane nncore.data.DOMAIN
#: (-6..6) with a margin, where the generated datasets lie
SPAN = data.DOMAIN[1] - 1.0
MIN_ROWS = 10
MIN_CLASSES, MAX_CLASSES = 2, 6
_MAX_CELL = 40  # characters of a bad cell quoted in the details

#: every error code and what its details hold (the UI's sentence per code)
CODES = {
    "too_large": "the file has more than max_bytes bytes (details: size, max_bytes)",
    "empty": "the file is empty or holds only blank lines",
    "excel": "an Excel workbook (.xlsx/.xls), not CSV text",
    "binary": "not a text file (NUL bytes)",
    "not_utf8": "not UTF-8 text (details: line; encoding if recognised, e.g. utf-16)",
    "semicolon": "cells separated by semicolons instead of commas",
    "tab": "cells separated by tabs instead of commas",
    "bad_csv": "broken CSV quoting (details: line)",
    "no_header": "the first line holds numbers, not the column names",
    "columns": "wrong, missing, repeated or extra columns (details: found, expected)",
    "no_rows": "a header but no data rows",
    "too_few_rows": "fewer than MIN_ROWS data rows (details: rows, min_rows)",
    "too_many_rows": "more than max_rows data rows (details: rows, max_rows)",
    "row_length": "a row with a different number of cells (details: line, cells, expected)",
    "missing": "an empty cell (details: line, column)",
    "not_number": "a cell that is not a number (details: line, column, value)",
    "not_finite": "NaN or infinity (details: line, column, value)",
    "not_integer": "a label that is not an integer (details: line, value)",
    "one_class": "every label is the same (details: label)",
    "too_many_classes": "more than 6 distinct labels (details: classes, max_classes)",
    "split_value": "a split cell other than train/test (details: line, value)",
    "split_side": "the split column leaves the training or the test set empty",
}


class UploadError(ValueError):
    """A refused file: ``code`` (a key of :data:`CODES`) and ``details`` (numbers, names)."""

    def __init__(self, code: str, **details) -> None:
        assert code in CODES, code
        self.code = code
        self.details = details
        text = f"{code}: {CODES[code]}"
        super().__init__(f"{text} {details}" if details else text)


@dataclass
class Uploaded:
    """A parsed, rescaled CSV.

    Attributes
    ----------
    X : ndarray (n, 2) float64, the points on the plane (rescaled).
    y : ndarray (n,): int64 classes 0..k-1, or float64 targets rescaled into [-1, 1].
    kind : "binary", "multiclass" or "regression" (nncore.data's kinds).
    classes : tuple of the original label values, class i being ``classes[i]`` (() for
        regression).
    scaling : ``{"x1": (offset, scale), "x2": ..., ["y": ...]}``: plane = (csv - offset) / scale.
    split : ndarray (n,) bool (True: training) from a ``split`` column, else None.
    rows : int
    ranges : ``{"x1": (min, max), "x2": ..., "y" or "label": ...}`` in the file's units.
    counts : points per class (() for regression).
    """

    X: np.ndarray
    y: np.ndarray
    kind: str
    classes: tuple
    scaling: dict
    split: np.ndarray | None
    rows: int
    ranges: dict
    counts: tuple

    def original(self) -> tuple[np.ndarray, np.ndarray]:
        """``(X, y)`` back in the file's units (labels as the original values)."""
        X = np.column_stack([self.X[:, j] * self.scaling[k][1] + self.scaling[k][0]
                             for j, k in enumerate(("x1", "x2"))])
        if self.kind == "regression":
            off, scale = self.scaling["y"]
            return X, self.y * scale + off
        return X, np.asarray(self.classes, dtype=np.int64)[self.y]


def _decode(raw: bytes, max_bytes: int) -> str:
    if len(raw) > max_bytes:
        raise UploadError("too_large", size=len(raw), max_bytes=max_bytes)
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UploadError("excel")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UploadError("not_utf8", line=1, encoding="utf-16")
    if b"\x00" in raw:
        raise UploadError("binary")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UploadError("not_utf8", line=raw[: e.start].count(b"\n") + 1) from None


def _rows(text: str):
    """(line number, stripped cells) of every non-blank row."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(lines), strict=True, skipinitialspace=True)
    try:
        for cells in reader:
            cells = [c.strip() for c in cells]
            if any(cells):
                yield reader.line_num, cells
    except csv.Error:
        raise UploadError("bad_csv", line=reader.line_num) from None


def _number(cell: str, line: int, column: str) -> float:
    if cell == "":
        raise UploadError("missing", line=line, column=column)
    try:
        v = float(cell)
    except ValueError:
        raise UploadError("not_number", line=line, column=column,
                          value=cell[:_MAX_CELL]) from None
    if not math.isfinite(v):
        raise UploadError("not_finite", line=line, column=column, value=cell[:_MAX_CELL])
    return v


def _looks_numeric(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def _header(line: int, cells: list[str]) -> tuple[list[str], str]:
    names = [c.lower() for c in cells]
    if len(cells) == 1 and ";" in cells[0]:
        raise UploadError("semicolon")
    if len(cells) == 1 and "\t" in cells[0]:
        raise UploadError("tab")
    if any(_looks_numeric(c) for c in cells):
        raise UploadError("no_header")
    target = "label" if "label" in names else "y"
    expected = ["x1", "x2", target]
    ok = sorted(names) in (sorted(expected), sorted([*expected, "split"]))
    if not ok:
        raise UploadError("columns", found=cells, expected=["x1", "x2", "label or y", "(split)"])
    return names, target


def _fit_scale(v: np.ndarray, span: float) -> tuple[float, float]:
    lo, hi = float(v.min()), float(v.max())
    half = (hi - lo) / 2.0
    return (lo + hi) / 2.0, (half / span if half > 0 else 1.0)


def read_csv(data_bytes: bytes, max_rows: int = 5000, max_bytes: int = 1_000_000) -> Uploaded:
    """Parse and rescale a user's CSV (see the module docstring for what is accepted).

    Raises
    ------
    UploadError
        With a ``code`` from :data:`CODES` for any file it refuses.
    """
    text = _decode(bytes(data_bytes), max_bytes)
    rows = _rows(text)
    first = next(rows, None)
    if first is None:
        raise UploadError("empty")
    names, target = _header(*first)
    col = {n: i for i, n in enumerate(names)}
    values, labels, split, lines = [], [], [], []
    for line, cells in rows:
        if len(cells) != len(names):
            raise UploadError("row_length", line=line, cells=len(cells), expected=len(names))
        if len(values) >= max_rows:
            raise UploadError("too_many_rows", rows=len(values) + 1 + sum(1 for _ in rows),
                              max_rows=max_rows)
        values.append([_number(cells[col[k]], line, k) for k in ("x1", "x2")])
        labels.append(_number(cells[col[target]], line, target))
        lines.append(line)
        if "split" in col:
            s = cells[col["split"]].lower()
            if s not in ("train", "test"):
                raise UploadError("split_value", line=line, value=cells[col["split"]][:_MAX_CELL])
            split.append(s == "train")
    n = len(values)
    if n == 0:
        raise UploadError("no_rows")
    if n < MIN_ROWS:
        raise UploadError("too_few_rows", rows=n, min_rows=MIN_ROWS)
    raw = np.asarray(values, dtype=np.float64)
    t = np.asarray(labels, dtype=np.float64)
    mask = np.asarray(split, dtype=bool) if split else None
    if mask is not None and (mask.all() or not mask.any()):
        raise UploadError("split_side")
    scaling = {k: _fit_scale(raw[:, j], SPAN) for j, k in enumerate(("x1", "x2"))}
    ranges = {k: (float(raw[:, j].min()), float(raw[:, j].max()))
              for j, k in enumerate(("x1", "x2"))}
    ranges[target] = (float(t.min()), float(t.max()))
    X = np.column_stack([(raw[:, j] - scaling[k][0]) / scaling[k][1]
                         for j, k in enumerate(("x1", "x2"))])
    if target == "y":
        scaling["y"] = _fit_scale(t, 1.0)
        y = (t - scaling["y"][0]) / scaling["y"][1]
        return Uploaded(X, y, "regression", (), scaling, mask, n, ranges, ())
    bad = np.flatnonzero(t != np.round(t))
    if bad.size:
        i = int(bad[0])
        raise UploadError("not_integer", line=lines[i],
                          value=_cell_text(text, lines[i], names, col[target]))
    classes, y = np.unique(t.astype(np.int64), return_inverse=True)
    if len(classes) < MIN_CLASSES:
        raise UploadError("one_class", label=int(classes[0]))
    if len(classes) > MAX_CLASSES:
        raise UploadError("too_many_classes", classes=len(classes), max_classes=MAX_CLASSES)
    kind = "binary" if len(classes) == 2 else "multiclass"
    counts = tuple(int(c) for c in np.bincount(y, minlength=len(classes)))
    return Uploaded(X, y.astype(np.int64), kind, tuple(int(c) for c in classes), scaling, mask,
                    n, ranges, counts)


def _cell_text(text: str, line: int, names: list[str], j: int) -> str:
    """The cell as written (for a message), from the already parsed line."""
    for ln, cells in _rows(text):
        if ln == line:
            return cells[j][:_MAX_CELL]
    return ""  # pragma: no cover - the line was parsed before


def to_csv(X, y, split=None, kind: str | None = None) -> bytes:
    """The data in use as CSV: ``x1,x2,label`` (integer labels) or ``x1,x2,y`` (float
    targets; or ``kind="regression"``), plus ``split`` (train/test) when ``split`` is given.

    Parameters
    ----------
    X : (n, 2) points; y : (n,) labels or targets.
    split : (n,) bool (True: training) or strings "train"/"test", optional.
    kind : "binary", "multiclass" or "regression"; default from ``y``'s dtype.

    Floats are written with Python's shortest exact repr, so reading them back is exact.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2 or len(y) != len(X):
        raise ValueError(f"X must be (n, 2) and y (n,); got {X.shape} and {y.shape}")
    regression = kind == "regression" if kind else not np.issubdtype(y.dtype, np.integer)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    header = ["x1", "x2", "y" if regression else "label"]
    if split is not None:
        split = np.asarray(split)
        if split.dtype == bool:
            split = np.where(split, "train", "test")
        header.append("split")
    w.writerow(header)
    for i in range(len(X)):
        row = [repr(float(X[i, 0])), repr(float(X[i, 1])),
               repr(float(y[i])) if regression else str(int(y[i]))]
        if split is not None:
            row.append(str(split[i]))
        w.writerow(row)
    return out.getvalue().encode("utf-8")


def playground_data(pg) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(X, y, split)`` of a playground's data in use, training rows first."""
    X = np.concatenate([pg.X_train, pg.X_test])
    y = np.concatenate([pg.y_train, pg.y_test])
    split = np.r_[np.ones(len(pg.X_train), bool), np.zeros(len(pg.X_test), bool)]
    return X, y, split

