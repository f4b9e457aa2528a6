"""The MLP page's own data: a CSV upload, points added by clicking, the data in use as CSV.

Session state holds the data; the Playground follows it (:func:`sync`, called by
``ui.mlp.actions.switch``). None of it goes into the URL: a link opens generated data.

- ``UPLOADED_KEY``: the upload in use, ``{"name", "data": nncore.upload.Uploaded,
  "given": nncore.playground.GivenData}``, or absent (generated data);
- ``PENDING_KEY``: a parsed upload shown as a preview until "Use this data";
- ``ERROR_KEY``: the sentence for the last refused file (nothing else changes);
- ``ADDED_KEY``: points added on the plane, ``[(x1, x2, label), ...]``.

The uploaders and buttons here have no key on purpose: they hold no setting, and a
shared link's view (tests/test_links_kept.py) lists every keyed widget.
"""

from __future__ import annotations

import functools
import uuid

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from nncore import data, upload
from nncore import playground as pgm
from ui import a11y, boundary, describe, state
from ui.i18n import current_lang, t

UPLOADED_KEY = "mlp_uploaded"
PENDING_KEY = "mlp_pending"
ERROR_KEY = "mlp_upload_error"
ADDED_KEY = "mlp_added"
SEEN_KEY = "mlp_upload_seen"  # the file id last read (a rerun keeps the uploader's file)
PICK_KEY = "mlp_pick"  # prefix of the click chart's key (a new key after every point)
GRID_STEP = 0.5  # the click chart's invisible targets: every 0.5 on the plane
PREVIEW_ROWS = 5


# ---------------------------------------------------------------- what is in use
def uploaded() -> dict | None:
    """The upload in use (``{"name", "data", "given"}``), or None."""
    return st.session_state.get(UPLOADED_KEY)


def added() -> tuple[tuple[float, float, float], ...]:
    """The points added by clicking, in order."""
    return tuple(st.session_state.get(ADDED_KEY, ()))


def scaling() -> dict | None:
    """The upload's scaling (undone by the exported script), or None."""
    u = uploaded()
    return u["data"].scaling if u else None


def sync(pg: pgm.Playground) -> bool:
    """Make ``pg`` train on the data in use (uploaded or generated, plus the added points);
    True if that changed its data (training restarted)."""
    u = uploaded()
    given = u["given"] if u else None
    if pg.given is given and pg.added == tuple(tuple(map(float, p)) for p in added()):
        return False
    pg.set_data(given, added())
    st.session_state[ADDED_KEY] = list(pg.added)  # without points of a class now gone
    return True


def new_playground(config: pgm.Config, make) -> pgm.Playground:
    """A playground on the data in use."""
    u = uploaded()
    return pgm.Playground(config, make=make, given=u["given"] if u else None, added=added())


# ---------------------------------------------------------------- the upload
def fresh(f, seen_key: str) -> bool:
    """Whether uploader file ``f`` is new (a rerun keeps the uploader's file: read once)."""
    ss = st.session_state
    if f is None:
        ss.pop(seen_key, None)
        return False
    if ss.get(seen_key) == f.file_id:
        return False
    ss[seen_key] = f.file_id
    return True


def error_text(e: upload.UploadError) -> str:
    """One sentence for a refused file, in the user's language (file text shown inert)."""
    details = {k: state.inert(", ".join(map(str, v)) if isinstance(v, list) else v)
               if isinstance(v, str | list) else v for k, v in e.details.items()}
    if "size" in details:
        details["size"] = f"{e.details['size'] / 1e6:.1f} MB"
        details["max_bytes"] = f"{e.details['max_bytes'] / 1e6:.1f} MB"
    key = f"mlp.upload.err.{e.code}"
    if e.code == "not_utf8" and "encoding" in details:
        key += "_enc"
    return t(key, **details)


def read(name: str, raw: bytes) -> None:
    """A chosen file: parse it into the preview, or note the one sentence why not."""
    ss = st.session_state
    try:
        got = upload.read_csv(raw)
    except upload.UploadError as e:
        ss[ERROR_KEY] = error_text(e)
        ss.pop(PENDING_KEY, None)
        return
    ss.pop(ERROR_KEY, None)
    ss[PENDING_KEY] = {"name": name, "data": got}


def summary(u: upload.Uploaded) -> str:
    """One line: rows, classes (or the target's range), the ranges and the scaling."""
    (a1, b1), (a2, b2) = u.ranges["x1"], u.ranges["x2"]
    s1, s2 = u.scaling["x1"][1], u.scaling["x2"][1]
    if u.kind == "regression":
        lo, hi = u.ranges["y"]
        what = t("mlp.upload.regression", lo=f"{lo:g}", hi=f"{hi:g}")
    else:
        what = t("mlp.upload.classes", k=len(u.classes),
                 counts=", ".join(f"{c}: {n}" for c, n in zip(u.classes, u.counts)))
    split = t("mlp.upload.split_column") if u.split is not None else ""
    return t("mlp.upload.summary", rows=u.rows, what=what, x1=f"{a1:g} … {b1:g}",
             x2=f"{a2:g} … {b2:g}", s1=f"{1 / s1:.3g}", s2=f"{1 / s2:.3g}") + split


def preview(u: upload.Uploaded) -> pd.DataFrame:
    """The first rows in the file's units."""
    X, y = u.original()
    n = min(PREVIEW_ROWS, len(X))
    return pd.DataFrame({"x1": X[:n, 0], "x2": X[:n, 1],
                         ("y" if u.kind == "regression" else "label"): y[:n]})


def on_use() -> None:
    """"Use this data": the previewed upload becomes the data in use (added points go)."""
    ss = st.session_state
    pending = ss.pop(PENDING_KEY, None)
    if pending is None:
        return
    u = pending["data"]
    given = pgm.GivenData(u.X, u.y, u.kind, split=u.split,
                          n_classes=max(len(u.classes), 2), token=uuid.uuid4().hex)
    ss[UPLOADED_KEY] = {"name": pending["name"], "data": u, "given": given}
    ss[ADDED_KEY] = []


def on_back() -> None:
    """Back to the generated dataset (and no added points)."""
    ss = st.session_state
    ss.pop(UPLOADED_KEY, None)
    ss[ADDED_KEY] = []


def upload_panel() -> None:
    """The side column's part: the CSV uploader, its message or preview, the data in use."""
    ss = st.session_state
    u = uploaded()
    if u is not None:
        st.info(t("mlp.upload.in_use", name=state.inert(u["name"]), rows=u["data"].rows),
                icon=":material/table:")
        st.button(t("mlp.upload.back"), on_click=on_back, width="stretch",
                  icon=":material/undo:")
    f = st.file_uploader(t("mlp.upload.label"), help=t("mlp.upload.help"))
    if f is None:
        ss.pop(PENDING_KEY, None)
        ss.pop(ERROR_KEY, None)
    if fresh(f, SEEN_KEY):
        read(f.name, f.getvalue())
    if ERROR_KEY in ss:
        st.error(ss[ERROR_KEY], icon=":material/error:")
    pending = ss.get(PENDING_KEY)
    if pending is not None:
        st.dataframe(preview(pending["data"]), hide_index=True, width="stretch")
        st.caption(summary(pending["data"]))
        st.button(t("mlp.upload.use"), on_click=on_use, type="primary", width="stretch",
                  icon=":material/check:")


# ---------------------------------------------------------------- added points
def add_point(x1: float, x2: float, label: float) -> None:
    """Add one training point (clipped to the plane)."""
    lo, hi = data.DOMAIN
    p = (float(np.clip(x1, lo, hi)), float(np.clip(x2, lo, hi)), float(label))
    st.session_state[ADDED_KEY] = [*added(), p]


def on_undo() -> None:
    """Drop the last added point."""
    st.session_state[ADDED_KEY] = list(added())[:-1]


def on_clear() -> None:
    """Drop every added point."""
    st.session_state[ADDED_KEY] = []


def _on_pick(key: str, label: float) -> None:
    """The click chart's selection: a click on the plane adds a point there."""
    picked = st.session_state[key].selection.get("pick") or []
    for p in picked[:1]:
        add_point(p["x1"], p["x2"], label)


def _chart(pg: pgm.Playground) -> alt.LayerChart:
    """The data in use over a transparent grid of click targets (ConvNetJS's demo)."""
    X_tr, y_tr, _, _ = pg.points()
    lo, hi = data.DOMAIN
    v = np.arange(lo, hi + GRID_STEP / 2, GRID_STEP)
    g1, g2 = np.meshgrid(v, v)
    grid = pd.DataFrame({"x1": g1.ravel(), "x2": g2.ravel()})
    n_added = len(added())
    pts = pd.DataFrame({"x1": X_tr[:, 0], "x2": X_tr[:, 1], "label": y_tr.astype(float),
                        "added": np.arange(len(X_tr)) >= len(X_tr) - n_added})
    scale = alt.Scale(domain=[lo, hi])
    x, y = alt.X("x1:Q", scale=scale), alt.Y("x2:Q", scale=scale)
    pick = alt.selection_point(name="pick", on="click", fields=["x1", "x2"], nearest=True,
                               empty=False)
    targets = alt.Chart(grid).mark_square(size=60, opacity=0.01).encode(x, y).add_params(pick)
    # the classes in the boundary picture's colours (the session's palette) and, not by
    # colour alone (issue 30), each in its own marker shape; the legend shows both
    scale = boundary.colour_scale(pg.kind, pg.n_classes, state.palette())
    if pg.kind == "regression":
        marks, encodings = alt.Chart(pts).mark_circle(opacity=0.8), [
            alt.Color("label:Q", scale=scale, title=t("mlp.points.legend_value"))]
    else:
        title = t("mlp.points.legend_class")
        marks, encodings = alt.Chart(pts).mark_point(filled=True, opacity=0.8), [
            alt.Color("label:N", scale=scale, title=title),
            alt.Shape("label:N", scale=boundary.shape_scale(pg.kind, pg.n_classes),
                      title=title)]
    dots = marks.encode(
        x, y, *encodings, size=alt.condition("datum.added", alt.value(120), alt.value(25)),
        stroke=alt.condition("datum.added", alt.value("black"), alt.value(None)))
    return alt.layer(targets, dots).properties(  # issue 30: words as its name, an id for tests
        height=340, description=t("a11y.name.points"), usermeta={"id": "mlp-points"})


def points_panel(pg: pgm.Playground, playing: bool) -> None:
    """Click to add points (while paused): the class, the chart, undo, clear, or type them."""
    if not st.toggle(t("mlp.points.toggle"), help=t("mlp.points.help")):
        return
    if playing:
        st.caption(t("mlp.points.pause"))
        return
    u = uploaded()
    if pg.kind == "regression":
        label = st.slider(t("mlp.points.value"), -1.0, 1.0, 0.5, 0.1)
    else:
        names = u["data"].classes if u else range(pg.n_classes)
        label = st.segmented_control(t("mlp.points.class"), range(pg.n_classes), default=1,
                                     format_func=lambda i: str(list(names)[i])) or 0
    key = f"{PICK_KEY}_{len(added())}"  # a fresh chart after each point: no stale selection
    st.altair_chart(_chart(pg), on_select=functools.partial(_on_pick, key, label), key=key,
                    width="stretch")
    a11y.hidden_text(describe.points_text(  # issue 30: the points in words
        current_lang(), pg.points()[1], pg.kind, len(added()),
        [str(c) for c in u["data"].classes] if u and pg.kind != "regression" else None),
        "mlp-points")
    c = st.columns([1, 1, 1, 1, 1.3], vertical_alignment="bottom")
    x1 = c[0].number_input("x1", -6.0, 6.0, 0.0, 0.5)
    x2 = c[1].number_input("x2", -6.0, 6.0, 0.0, 0.5)
    c[2].button(t("mlp.points.add"), on_click=add_point, args=(x1, x2, label))
    c[3].button(t("mlp.points.undo"), on_click=on_undo, disabled=not added())
    c[4].button(t("mlp.points.clear"), on_click=on_clear, disabled=not added())
    st.caption(t("mlp.points.count", n=len(added())))


# ---------------------------------------------------------------- the data in use as CSV
def csv_bytes(pg: pgm.Playground, u: dict | None) -> bytes:
    """The data in use (training rows first, the split marked); an upload's points in the
    file's units again, its classes by their original labels."""
    X, y, split = upload.playground_data(pg)
    if u is not None:
        up = u["data"]
        X = np.column_stack([X[:, j] * up.scaling[k][1] + up.scaling[k][0]
                             for j, k in enumerate(("x1", "x2"))])
        if up.kind == "regression":
            off, sc = up.scaling["y"]
            y = y * sc + off
        else:
            y = np.asarray(up.classes, dtype=np.int64)[np.asarray(y, dtype=np.int64)]
    return upload.to_csv(X, y, split, kind=pg.kind)


def file_stem(u: dict | None) -> str:
    """A name for downloads: the upload's file name or the dataset's."""
    if u is not None:
        return u["name"].rsplit(".", 1)[0][:40] or "data"
    return str(st.session_state.get("mlp_dataset", "data"))
