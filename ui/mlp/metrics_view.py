"""Metrics under the losses (issue 31): for classification the confusion matrix of the
training and the test data, per-class accuracy and every point with its label and the
network's prediction (misclassified ones first); for regression RMSE, MAE and R².

The points are a table rather than a hover on the boundary: the boundary is a JPEG
(``ui.mlp.raster``) redrawn several times a second while playing, and an invisible
Altair overlay of 500 points would be resent with every frame; a table is read by a
screen reader, sorts and filters, and costs nothing until the expander is opened. The
numbers are those of the epoch the page shows (``ui.mlp.explore.shown``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from nncore import metrics
from nncore import playground as pgm
from ui import numbers
from ui.i18n import t
from ui.mlp import explore

OPEN_KEY = "mlp_metrics_open"
BOX_KEY = "mlp_metrics_box"


def confusion_frame(C: np.ndarray) -> pd.DataFrame:
    """The matrix with its rows (true class) and columns (predicted) named."""
    k = C.shape[0]
    return pd.DataFrame(C, index=[t("mlpx.true", k=i) for i in range(k)],
                        columns=[t("mlpx.pred", k=j) for j in range(k)])


def points_frame(pg: pgm.Playground) -> tuple[pd.DataFrame, dict]:
    """Every point (train, then test) with x1, x2, label, prediction, correct, misclassified
    first; and the metrics by set ("train", "test")."""
    tr = pg.trainer
    sets = [("train", pg.X_train, pg.y_train, tr.X)]
    if tr.has_test:
        sets.append(("test", pg.X_test, pg.y_test, tr.X_test))
    rows, out = [], {}
    k = pg.n_classes
    for name, X, y, F in sets:
        with np.errstate(all="ignore"):
            Y_hat = pg.net.predict(F).astype(np.float64)
        if pg.kind == "regression":
            out[name] = metrics.regression(y, Y_hat)
            pred = Y_hat[:, 0]
            ok = np.full(len(y), np.nan)
        else:
            m = out[name] = metrics.Classification(y, Y_hat, k)
            pred, ok = m.pred, (m.pred == np.asarray(y).astype(int))
        rows.append(pd.DataFrame({
            t("mlpx.col.set"): t(f"mlpx.{name}"), "x1": np.round(X[:, 0], 3),
            "x2": np.round(X[:, 1], 3), t("mlpx.col.label"): y, t("mlpx.col.pred"): pred,
            t("mlpx.col.ok"): ok}))
    df = pd.concat(rows, ignore_index=True)
    if pg.kind != "regression":
        df = df.sort_values(t("mlpx.col.ok"), kind="stable").reset_index(drop=True)
    return df, out


def wrong_test_points(pg: pgm.Playground) -> np.ndarray:
    """The misclassified test points (m, 2) of a classifier (none for regression or
    without a test set), ringed in the boundary picture."""
    tr = pg.trainer
    if pg.kind == "regression" or not tr.has_test:
        return np.empty((0, 2))
    with np.errstate(all="ignore"):
        Y_hat = pg.net.predict(tr.X_test).astype(np.float64)
    m = metrics.Classification(pg.y_test, Y_hat, pg.n_classes)
    return np.asarray(pg.X_test)[m.wrong]


def section(pg: pgm.Playground) -> None:
    """The metrics in an expander under the live view (content drawn only while open)."""
    box = st.expander(t("mlpx.metrics"), icon=":material/grid_on:", key=OPEN_KEY,
                      on_change="rerun")
    if not box.open:
        return
    pg = explore.shown(pg)
    df, out = points_frame(pg)
    with box, st.container(key=BOX_KEY):
        if pg.kind == "regression":
            cols = st.columns(len(out) * 3)
            i = 0
            for name, r in out.items():
                which = t(f"mlpx.{name}")
                for metric in ("rmse", "mae", "r2"):
                    cols[i].metric(t(f"mlpx.{metric}", which=which), numbers.plain(r[metric]))
                    i += 1
        else:
            cols = st.columns(len(out))
            for col, (name, m) in zip(cols, out.items()):
                with col:
                    st.markdown(f"**{t('mlpx.confusion', which=t(f'mlpx.{name}'))}**")
                    cm = confusion_frame(m.C)
                    acc = [numbers.plain(a) if np.isfinite(a) else "–" for a in m.per_class]
                    cm[t("mlpx.class_acc", k="")] = acc
                    st.dataframe(cm, key=f"mlpx_confusion_{name}")
            if "test" in out:
                st.caption(t("mlpx.wrong", n=len(out["test"].wrong), m=len(pg.y_test)))
        st.markdown(f"**{t('mlpx.points')}**")
        st.dataframe(df, height=260, key="mlpx_points", hide_index=True)
