"""Metrics that explain a result: the confusion matrix, per-class accuracy, which points
are misclassified (classification); RMSE, MAE and R² (regression).

Definitions are scikit-learn's (``confusion_matrix``: rows are the true class, columns
the predicted one; ``mean_squared_error`` square-rooted, ``mean_absolute_error``,
``r2_score`` with a constant target giving 0 here, as ``nncore.train.r2_score`` does).
``tests/unit/test_metrics.py`` checks them against numpy formulas written separately
and hand-worked cases.
"""

from __future__ import annotations

import numpy as np

__all__ = ["predicted_class", "confusion", "per_class_accuracy", "misclassified",
           "regression", "Classification"]


def predicted_class(Y_hat: np.ndarray) -> np.ndarray:
    """The class a network's output says: ``Y_hat`` (m, 1) sigmoid (class 1 when >= 0.5)
    or (m, k) probabilities (argmax). Shape (m,), int."""
    Y_hat = np.asarray(Y_hat)
    if Y_hat.ndim == 1 or Y_hat.shape[1] == 1:
        return (Y_hat.reshape(-1) >= 0.5).astype(np.intp)
    return np.argmax(Y_hat, axis=1).astype(np.intp)


def confusion(y: np.ndarray, pred: np.ndarray, k: int) -> np.ndarray:
    """The confusion matrix C (k, k): ``C[i, j]`` counts points of true class i predicted
    as class j (scikit-learn's layout)."""
    y = np.asarray(y).reshape(-1).astype(np.intp)
    pred = np.asarray(pred).reshape(-1).astype(np.intp)
    if y.shape != pred.shape:
        raise ValueError(f"y has {y.size} labels but pred {pred.size}")
    if not 2 <= k <= 6:
        raise ValueError(f"k must be 2..6 classes, got {k}")
    return np.bincount(y * k + pred, minlength=k * k).reshape(k, k)


def per_class_accuracy(C: np.ndarray) -> np.ndarray:
    """Per true class, the share predicted right (recall), shape (k,); NaN for a class
    with no points."""
    C = np.asarray(C, dtype=np.float64)
    totals = C.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, np.diag(C) / totals, np.nan)


def misclassified(y: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Indices of the points whose predicted class is not their label, shape (e,)."""
    return np.flatnonzero(np.asarray(y).reshape(-1).astype(np.intp)
                          != np.asarray(pred).reshape(-1))


class Classification:
    """The classification metrics of one data set.

    Attributes
    ----------
    C : ndarray (k, k)  the confusion matrix
    per_class : ndarray (k,)  per-class accuracy
    wrong : ndarray (e,)  indices of the misclassified points
    accuracy : float
    """

    def __init__(self, y: np.ndarray, Y_hat: np.ndarray, k: int) -> None:
        pred = predicted_class(Y_hat)
        self.pred = pred
        self.C = confusion(y, pred, k)
        self.per_class = per_class_accuracy(self.C)
        self.wrong = misclassified(y, pred)
        n = int(self.C.sum())
        self.accuracy = float(np.trace(self.C) / n) if n else float("nan")


def regression(y: np.ndarray, y_hat: np.ndarray) -> dict[str, float]:
    """RMSE, MAE and R² of predictions ``y_hat`` of targets ``y`` (both (m,) or (m, 1)).

    R² = 1 - SS_res / SS_tot; 0 when the targets are constant (SS_tot = 0).
    """
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    y_hat = np.asarray(y_hat, dtype=np.float64).reshape(-1)
    if y.shape != y_hat.shape or y.size == 0:
        raise ValueError(f"y ({y.size}) and y_hat ({y_hat.size}) must be as long, and not empty")
    err = y_hat - y
    ss_res = float(np.dot(err, err))
    ss_tot = float(np.sum((y - y.mean()) ** 2))
    return {"rmse": float(np.sqrt(ss_res / y.size)), "mae": float(np.mean(np.abs(err))),
            "r2": 1.0 - ss_res / ss_tot if ss_tot > 0 else 0.0}
