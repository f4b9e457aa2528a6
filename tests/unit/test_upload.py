"""nncore.upload: every malformed CSV gets its exact code and details; valid shapes parse,
rescale into the plane and scale back; to_csv round-trips."""

from __future__ import annotations

import numpy as np
import pytest

from nncore import data
from nncore.playground import Config, Playground
from nncore.upload import CODES, MIN_ROWS, SPAN, UploadError, playground_data, read_csv, to_csv


def _csv(header: str, rows: list[str], end: str = "\n") -> bytes:
    return (end.join([header, *rows]) + end).encode()


GOOD = [f"{i * 0.5},{10 - i},{i % 2}" for i in range(12)]  # 12 rows, classes 0/1
GOOD_ROWS = "\n".join(GOOD) + "\n"

#: (id, file bytes, code, details) -- each exact
BAD = [
    ("empty", b"", "empty", {}),
    ("only-blank-lines", b"\n\n  \r\n\n", "empty", {}),
    ("only-bom", b"\xef\xbb\xbf", "empty", {}),
    ("xlsx", b"PK\x03\x04\x14\x00\x06\x00rest of a zip", "excel", {}),
    ("xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "excel", {}),
    ("utf16", "x1,x2,label\n1,2,0\n".encode("utf-16"), "not_utf8",
     {"line": 1, "encoding": "utf-16"}),
    ("latin1", b"x1,x2,label\n1,2,0\n3,4,1\nna\xefve,1,0\n", "not_utf8", {"line": 4}),
    ("nul-bytes", b"x1,x2,label\n1,2\x00,0\n", "binary", {}),
    ("semicolon", b"x1;x2;label\n1;2;0\n", "semicolon", {}),
    ("semicolon-decimal-comma", b"x1;x2;label\n1,5;2,0;0\n", "semicolon", {}),
    ("tab", b"x1\tx2\tlabel\n1\t2\t0\n", "tab", {}),
    ("bad-quoting", b'x1,x2,label\n1,"2,0\n', "bad_csv", {"line": 2}),
    ("no-header", GOOD_ROWS.encode(), "no_header", {}),
    ("header-with-number", b"x1,x2,0\n1,2,0\n", "no_header", {}),
    ("wrong-names", b"a,b,c\n1,2,0\n", "columns",
     {"found": ["a", "b", "c"], "expected": ["x1", "x2", "label or y", "(split)"]}),
    ("missing-column", b"x1,x2\n1,2\n", "columns",
     {"found": ["x1", "x2"], "expected": ["x1", "x2", "label or y", "(split)"]}),
    ("extra-column", b"x1,x2,label,z\n1,2,0,3\n", "columns",
     {"found": ["x1", "x2", "label", "z"], "expected": ["x1", "x2", "label or y", "(split)"]}),
    ("repeated-column", b"x1,x1,label\n1,2,0\n", "columns",
     {"found": ["x1", "x1", "label"], "expected": ["x1", "x2", "label or y", "(split)"]}),
    ("label-and-y", b"x1,x2,label,y\n1,2,0,1\n", "columns",
     {"found": ["x1", "x2", "label", "y"], "expected": ["x1", "x2", "label or y", "(split)"]}),
    ("trailing-comma-header", b"x1,x2,label,\n1,2,0,\n", "columns",
     {"found": ["x1", "x2", "label", ""], "expected": ["x1", "x2", "label or y", "(split)"]}),
    ("no-rows", b"x1,x2,label\n", "no_rows", {}),
    ("no-rows-blank", b"x1,x2,label\n\n\n", "no_rows", {}),
    ("too-few-rows", _csv("x1,x2,label", GOOD[:3]), "too_few_rows",
     {"rows": 3, "min_rows": MIN_ROWS}),
    ("short-row", _csv("x1,x2,label", [*GOOD[:4], "1,2"]), "row_length",
     {"line": 6, "cells": 2, "expected": 3}),
    ("long-row", _csv("x1,x2,label", ["1,2,0,4"]), "row_length",
     {"line": 2, "cells": 4, "expected": 3}),
    ("decimal-comma", _csv("x1,x2,label", ["1,5,2,0,0"]), "row_length",
     {"line": 2, "cells": 5, "expected": 3}),
    ("empty-cell", _csv("x1,x2,label", [*GOOD[:2], "1,,0"]), "missing",
     {"line": 4, "column": "x2"}),
    ("text-cell", _csv("x1,x2,label", ["1,abc,0"]), "not_number",
     {"line": 2, "column": "x2", "value": "abc"}),
    ("text-label", _csv("x1,x2,label", ["1,2,cat"]), "not_number",
     {"line": 2, "column": "label", "value": "cat"}),
    ("long-text-cut", _csv("x1,x2,label", ["x" * 100 + ",2,0"]), "not_number",
     {"line": 2, "column": "x1", "value": "x" * 40}),
    ("nan", _csv("x1,x2,label", [*GOOD[:5], "nan,2,0"]), "not_finite",
     {"line": 7, "column": "x1", "value": "nan"}),
    ("inf", _csv("x1,x2,y", ["1,2,inf"]), "not_finite",
     {"line": 2, "column": "y", "value": "inf"}),
    ("overflow", _csv("x1,x2,label", ["1e999,2,0"]), "not_finite",
     {"line": 2, "column": "x1", "value": "1e999"}),
    ("fractional-label", _csv("x1,x2,label", [*GOOD, "1,2,0.5"]), "not_integer",
     {"line": 14, "value": "0.5"}),
    ("one-class", _csv("x1,x2,label", [f"{i},{i},3" for i in range(12)]), "one_class",
     {"label": 3}),
    ("seven-classes", _csv("x1,x2,label", [f"{i},{i},{i % 7}" for i in range(14)]),
     "too_many_classes", {"classes": 7, "max_classes": 6}),
    ("too-many-rows", _csv("x1,x2,label", [f"{i},{i},{i % 2}" for i in range(5003)]),
     "too_many_rows", {"rows": 5003, "max_rows": 5000}),
    ("too-large", b"x1,x2,label\n" + b"1,2,0\n" * 200_000, "too_large",
     {"size": 12 + 6 * 200_000, "max_bytes": 1_000_000}),
    ("split-value", _csv("x1,x2,label,split", [r + ",validation" for r in GOOD]), "split_value",
     {"line": 2, "value": "validation"}),
    ("split-all-train", _csv("x1,x2,label,split", [r + ",train" for r in GOOD]), "split_side", {}),
]


@pytest.mark.parametrize("name, raw, code, details", BAD, ids=[b[0] for b in BAD])
def test_malformed_file_gets_its_exact_code_and_details(name, raw, code, details):
    with pytest.raises(UploadError) as e:
        read_csv(raw)
    assert (e.value.code, e.value.details) == (code, details)
    assert isinstance(e.value, ValueError) and code in str(e.value)


def test_there_are_at_least_30_malformed_files_and_every_code_is_tested():
    assert len(BAD) >= 30
    assert {b[2] for b in BAD} == set(CODES)


def test_limits_are_parameters():
    raw = _csv("x1,x2,label", GOOD)
    with pytest.raises(UploadError) as e:
        read_csv(raw, max_rows=11)
    assert (e.value.code, e.value.details) == ("too_many_rows", {"rows": 12, "max_rows": 11})
    with pytest.raises(UploadError) as e:
        read_csv(raw, max_bytes=20)
    assert e.value.code == "too_large"
    assert read_csv(raw, max_rows=12).rows == 12


@pytest.mark.parametrize("raw", [
    _csv("x1,x2,label", GOOD),
    b"\xef\xbb\xbf" + _csv("x1,x2,label", GOOD),                        # BOM
    _csv("x1,x2,label", GOOD, end="\r\n"),                               # CRLF
    _csv("x1,x2,label", GOOD, end="\r"),                                 # old Mac CR
    _csv(" X1 , x2 ,Label ", [" " + r.replace(",", " , ") + " " for r in GOOD]),  # spaces, case
    _csv("x1,x2,label", GOOD[:6] + ["", "  ", ",,"] + GOOD[6:]) + b"\n\n",  # blank lines
    _csv('"x1","x2","label"', ['"' + r.replace(",", '","') + '"' for r in GOOD]),  # quoted
    _csv("x1,x2,label", GOOD).rstrip(b"\n"),                             # no final newline
    _csv("x1,x2,label", [r[:-1] + (r[-1] + ".0") for r in GOOD]),       # labels written 1.0
])
def test_lenient_variants_give_the_same_data(raw):
    ref = read_csv(_csv("x1,x2,label", GOOD))
    got = read_csv(raw)
    assert np.array_equal(got.X, ref.X) and np.array_equal(got.y, ref.y)
    assert got.classes == (0, 1) and got.kind == "binary" and got.rows == 12


def test_columns_in_any_order():
    ref = read_csv(_csv("x1,x2,label", GOOD))
    swapped = [",".join((c[2], c[1], c[0])) for c in (r.split(",") for r in GOOD)]
    got = read_csv(_csv("label,x2,x1", swapped))
    assert np.array_equal(got.X, ref.X) and np.array_equal(got.y, ref.y)


def test_classification_rescaled_into_the_plane_and_back():
    rng = np.random.default_rng(3)
    X = rng.normal([100.0, -0.002], [40.0, 0.001], (300, 2))
    labels = rng.choice([-1, 1, 7], 300)
    up = read_csv(to_csv(X, labels))
    assert up.kind == "multiclass" and up.classes == (-1, 1, 7) and up.rows == 300
    assert up.X.min(axis=0) == pytest.approx([-SPAN, -SPAN])
    assert up.X.max(axis=0) == pytest.approx([SPAN, SPAN])
    assert SPAN < data.DOMAIN[1]
    assert np.array_equal(np.asarray(up.classes)[up.y], labels)
    assert up.counts == tuple(int((labels == c).sum()) for c in (-1, 1, 7))
    X_back, y_back = up.original()
    assert np.allclose(X_back, X, rtol=1e-12, atol=0) and np.array_equal(y_back, labels)
    assert up.ranges["x1"] == (X[:, 0].min(), X[:, 0].max())
    off, scale = up.scaling["x1"]
    assert np.allclose((X[:, 0] - off) / scale, up.X[:, 0])


def test_regression_target_rescaled_into_minus_one_one_and_back():
    rng = np.random.default_rng(4)
    X = rng.uniform(0, 1000, (50, 2))
    y = rng.uniform(2e5, 9e5, 50)
    up = read_csv(to_csv(X, y))
    assert up.kind == "regression" and up.classes == () and up.counts == ()
    assert up.y.min() == pytest.approx(-1) and up.y.max() == pytest.approx(1)
    X_back, y_back = up.original()
    assert np.allclose(X_back, X, rtol=1e-12) and np.allclose(y_back, y, rtol=1e-12)
    assert set(up.scaling) == {"x1", "x2", "y"}


def test_constant_column_sits_at_zero():
    up = read_csv(_csv("x1,x2,label", [f"3,{i},{i % 2}" for i in range(10)]))
    assert np.array_equal(up.X[:, 0], np.zeros(10)) and up.scaling["x1"] == (3.0, 1.0)
    assert np.array_equal(up.original()[0][:, 0], np.full(10, 3.0))


def test_six_classes_accepted():
    up = read_csv(_csv("x1,x2,label", [f"{i},{i},{i % 6}" for i in range(12)]))
    assert up.classes == (0, 1, 2, 3, 4, 5) and up.counts == (2,) * 6


@pytest.mark.parametrize("config", [Config(dataset="spiral"), Config(dataset="blobs", classes=5),
                                    Config(dataset="multigauss", train_pct=70)])
def test_to_csv_of_the_data_in_use_reads_back_the_same_points(config):
    pg = Playground(config)
    X, y, split = playground_data(pg)
    raw = to_csv(X, y, split)
    lines = raw.decode().splitlines()
    assert lines[0].endswith(",split") and lines[1].endswith(",train")
    assert sum(line.endswith(",test") for line in lines) == len(pg.X_test)
    without = "\n".join(line.rsplit(",", 1)[0] for line in lines).encode()
    for up in (read_csv(without), read_csv(raw)):
        X_back, y_back = up.original()
        assert np.allclose(X_back, X, rtol=1e-12, atol=1e-12)
        if pg.kind == "regression":
            assert np.allclose(y_back, y, rtol=1e-12, atol=1e-12)
        else:
            assert np.array_equal(y_back, y)
    assert read_csv(without).split is None
    assert np.array_equal(read_csv(raw).split, split)


def test_to_csv_writes_exact_floats_and_string_splits():
    raw = to_csv([[0.1, -1e-300]], np.array([0.30000000000000004]), ["test"])
    assert raw == b"x1,x2,y,split\n0.1,-1e-300,0.30000000000000004,test\n"
    assert to_csv([[1.0, 2.0]], [1]) == b"x1,x2,label\n1.0,2.0,1\n"
    with pytest.raises(ValueError):
        to_csv([[1.0, 2.0, 3.0]], [1])
