"""The MLP page's own data and export under AppTest (issue 15): a CSV upload of each shape
is previewed, used and trained on; a malformed file shows its one sentence and changes
nothing; points added on the plane join the training set; a configuration file restores
the widgets; the downloads exist and the script is the core's for this session.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from nncore import export, upload
from nncore.playground import Config
from tests.integration.mlp_app import pg, run
from ui.i18n import tr
from ui.mlp import export as export_ui


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def uploader(at, label: str = "Your own data (CSV)"):
    return next(f for f in at.get("file_uploader") if f.label == label)


def uploader_labels(at, start: str) -> list[str]:
    return [f.label for f in at.get("file_uploader") if f.label.startswith(start)]


def upload_file(at, content: bytes, name: str = "mine.csv", label: str = "Your own data (CSV)"):
    return run(uploader(at, label).set_value((name, content, "text/csv")))


def csv_text(kind: str, n: int = 60) -> str:
    rng = np.random.default_rng(3)
    X = rng.uniform(-20, 40, (n, 2))
    if kind == "regression":
        rows = [f"{a:.4f},{b:.4f},{a * 0.1 + 3:.4f}" for a, b in X]
        return "x1,x2,y\n" + "\n".join(rows) + "\n"
    k = 2 if kind == "binary" else 4
    rows = [f"{a:.4f},{b:.4f},{i % k + 1}" for i, (a, b) in enumerate(X)]
    return "x1,x2,label\n" + "\n".join(rows) + "\n"


def open_export(at):
    """Open the export expander, as a click on it does (its content is drawn only open)."""
    at.session_state[export_ui.OPEN_KEY] = True
    return run(at)


def trained_state(at):
    p = pg(at)
    return (p.X_train.copy(), p.y_train.copy(), p.epoch, p.net.params.copy())


def same_state(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("kind", ["binary", "multiclass", "regression"])
def test_each_valid_shape_is_previewed_then_used(mlp, kind):
    at = mlp()
    at = run(button(at, "Step").click())
    before = trained_state(at)
    text = csv_text(kind)
    at = upload_file(at, text.encode())
    want = upload.read_csv(text.encode())
    # previewed, not used yet: the summary line, and the training set is unchanged
    assert any(c.value.startswith(f"{want.rows} rows") for c in at.caption)
    assert same_state(trained_state(at), before)
    at = run(button(at, "Use this data").click())
    p = pg(at)
    assert p.kind == kind and p.epoch == 0
    X = np.concatenate([p.X_train, p.X_test])
    assert len(X) == want.rows and np.allclose(np.sort(X, axis=0), np.sort(want.X, axis=0),
                                               atol=1e-6)
    assert any("Training on your data" in i.value for i in at.info)
    # the points chart shows the uploaded data
    at = run(next(tg for tg in at.toggle if tg.label == "Click to add points").set_value(True))
    chart = next(c for c in at.get("vega_lite_chart")
                 if "mlp-points" in c.proto.spec)
    assert chart is not None
    at = run(button(at, "Step").click())
    assert pg(at).epoch == 1 and pg(at).kind == kind
    # back to generated data; the URL never held the upload
    assert not any("mine" in str(v) for v in at.query_params.values())
    at = run(button(at, "Back to generated data").click())
    assert pg(at).given is None and len(pg(at).X_train) + len(pg(at).X_test) == 500


#: (file bytes, error code, details for the sentence)
BAD = [
    (b"", "empty", {}),
    (b"PK\x03\x04rest-of-a-zip", "excel", {}),
    (b"x1;x2;label\n1;2;0\n", "semicolon", {}),
    (b"x1\tx2\tlabel\n1\t2\t0\n", "tab", {}),
    (b"1,2,0\n3,4,1\n", "no_header", {}),
    (b"x1,x2,label\n", "no_rows", {}),
    (b"x1,x2,label\n1,2,0\n3,4,1\n", "too_few_rows", {"rows": 2, "min_rows": 10}),
    (("x1,x2,label\n" + "1,2,0\n" * 9 + "1,abc,1\n").encode(), "not_number",
     {"line": 11, "column": "` x2 `", "value": "` abc `"}),
    (("x1,x2,label\n" + "1,2,0\n" * 10 + "1,2\n").encode(), "row_length",
     {"line": 12, "cells": 2, "expected": 3}),
    (("x1,x2,label\n" + "1,2,3\n" * 12).encode(), "one_class", {"label": 3}),
    (("x1,x2,label\n" + "".join(f"{i},1,{i}\n" for i in range(12))).encode(),
     "too_many_classes", {"classes": 12, "max_classes": 6}),
    (("x1,x2,label\n" + "1,2,0\n" * 10 + "1,nan,1\n").encode(), "not_finite",
     {"line": 12, "column": "` x2 `", "value": "` nan `"}),
    (b"\xff\xfex\x001\x00", "not_utf8_enc", {"encoding": "` utf-16 `"}),
    (b"a,b,c\n1,2,3\n", "columns",
     {"found": "` a, b, c `", "expected": "` x1, x2, label or y, (split) `"}),
]


def test_each_bad_file_shows_its_sentence_and_changes_nothing(mlp):
    at = mlp()
    at = upload_file(at, csv_text("binary").encode(), "good.csv")
    at = run(button(at, "Use this data").click())
    at = run(button(at, "Step").click())
    before = trained_state(at)
    for content, code, details in BAD:
        at = upload_file(at, content, f"bad_{code}.csv")
        want = tr(f"mlp.upload.err.{code}", "en", **details)
        assert [e.value for e in at.error] == [want], code
        assert not any(b.label == "Use this data" for b in at.button), code
        assert same_state(trained_state(at), before), code
        assert pg(at).given is at.session_state["mlp_uploaded"]["given"]


def test_added_points_add_undo_clear_back(mlp):
    at = mlp()
    n = len(pg(at).X_train)
    at = run(next(tg for tg in at.toggle if tg.label == "Click to add points").set_value(True))
    x1, x2 = (ni for ni in at.number_input if ni.label in ("x1", "x2"))
    x1.set_value(2.5)
    at = run(x2.set_value(-1.0))
    at = run(button(at, "Add").click())
    at = run(button(at, "Add").click())
    p = pg(at)
    assert len(p.X_train) == n + 2 and np.allclose(p.X_train[-1], [2.5, -1.0])
    assert p.y_train[-1] == 1 and p.epoch == 0
    at = run(button(at, "Undo").click())
    assert len(pg(at).X_train) == n + 1
    at = run(button(at, "Clear").click())
    assert len(pg(at).X_train) == n and pg(at).added == ()
    at = run(button(at, "Add").click())
    assert not any("2.5" in str(v) for v in at.query_params.values())
    # the export includes the added point
    script = export_ui.script_text(pg(at), None)
    assert "2.5" in script.split("X_TEST")[0]
    # another dataset: generated data again, without the added points
    at = run(at.radio(key="mlp_problem").set_value("regression"))
    assert pg(at).added == () and pg(at).kind == "regression"


def test_configuration_file_round_trip_and_a_bad_one(mlp):
    at = mlp()
    config = Config(dataset="xor", layers=(5, 3), activation="relu", lr=0.1, optimizer="adam",
                    reg="l2", reg_rate=0.003, batch=0, features=("x1", "x2", "x1*x2"),
                    seed=7, train_pct=70, noise=10)
    text = export.config_json(config).encode()
    at = open_export(at)
    at = upload_file(at, text, "run.json", "Restore a configuration (.json)")
    assert pg(at).config == config
    assert at.session_state["mlp_full"] is True and at.query_params["opt"] == "adam"
    bad = b'{"nn_playground_config": 1, "lr": "fast"}'
    before = trained_state(at)
    at = upload_file(at, bad, "bad.json", "Restore a configuration (.json)")
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("This configuration was not loaded")
    assert "lr must be a number" in errors[0]
    assert pg(at).config == config and same_state(trained_state(at), before)


def test_downloads_exist_and_the_script_is_the_cores(mlp):
    at = mlp()
    for _ in range(2):
        at = run(button(at, "Step").click())
    # closed, the expander holds nothing: the page's slider runs do not redraw the panel
    assert not at.get("download_button") and not uploader_labels(at, "Restore")
    at = open_export(at)
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels[:4] == ["PyTorch script (.py)", "Weights (.npz)", "Configuration (.json)",
                          "Data in use (.csv)"]
    assert "PyTorch state_dict (.pt)" in labels  # torch is installed in the venv
    p = pg(at)
    assert export_ui.script_text(p, None) == export.pytorch_script(p)
    snap = export_ui.snapshot(p, at.session_state["mlp_lock"])
    assert snap.trainer is not p.trainer and np.array_equal(snap.net.params, p.net.params)
    assert export.weights_npz(snap) == export.weights_npz(p)
    conf = next(d for d in at.get("download_button") if d.proto.label.startswith("Config"))
    assert conf.proto.help == "" or conf.proto.label == "Configuration (.json)"
    assert json.loads(export.config_json(p))["dataset"] == p.config.dataset
