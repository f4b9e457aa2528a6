"""nncore.metrics against hand-worked cases and numpy formulas written out here."""

from __future__ import annotations

import numpy as np
import pytest

from nncore import metrics


def test_hand_worked_binary():
    y = np.array([0, 0, 1, 1, 1])
    p = np.array([[0.2], [0.7], [0.5], [0.1], [0.9]])  # predicted 0, 1, 1, 0, 1
    m = metrics.Classification(y, p, 2)
    assert m.C.tolist() == [[1, 1], [1, 2]]
    np.testing.assert_allclose(m.per_class, [0.5, 2 / 3])
    assert m.wrong.tolist() == [1, 3]
    assert m.accuracy == pytest.approx(0.6)


def test_hand_worked_three_classes():
    y = np.array([0, 1, 2, 2, 1, 0])
    P = np.array([[.8, .1, .1], [.2, .7, .1], [.5, .2, .3], [.1, .1, .8], [.1, .2, .7],
                  [.3, .4, .3]])  # predicted 0, 1, 0, 2, 2, 1
    m = metrics.Classification(y, P, 3)
    assert m.C.tolist() == [[1, 1, 0], [0, 1, 1], [1, 0, 1]]
    np.testing.assert_allclose(m.per_class, [0.5, 0.5, 0.5])
    assert m.wrong.tolist() == [2, 4, 5]


@pytest.mark.parametrize("k", [2, 3, 4, 5, 6])
def test_confusion_equals_a_loop_count(k):
    rng = np.random.default_rng(k)
    y = rng.integers(0, k, 300)
    P = rng.random((300, k)) if k > 2 else rng.random((300, 1))
    pred = np.argmax(P, axis=1) if k > 2 else (P[:, 0] >= 0.5).astype(int)
    C = np.zeros((k, k), int)
    for t, q in zip(y, pred):
        C[t, q] += 1
    m = metrics.Classification(y, P, k)
    assert np.array_equal(m.C, C)
    recall = [C[i, i] / C[i].sum() for i in range(k)]
    np.testing.assert_allclose(m.per_class, recall)
    assert m.wrong.tolist() == [i for i in range(300) if y[i] != pred[i]]
    assert m.accuracy == pytest.approx(np.mean(y == pred))


def test_a_class_without_points_has_no_accuracy():
    m = metrics.Classification(np.array([0, 0]), np.array([[0.1], [0.9]]), 2)
    assert m.C.tolist() == [[1, 1], [0, 0]]
    assert m.per_class[0] == 0.5 and np.isnan(m.per_class[1])


def test_bad_class_counts_are_refused():
    with pytest.raises(ValueError):
        metrics.confusion([0, 1], [0, 1], 7)
    with pytest.raises(ValueError):
        metrics.confusion([0, 1], [0], 2)


def test_regression_hand_worked():
    y = np.array([1.0, 2.0, 3.0, 4.0])
    y_hat = np.array([1.5, 2.0, 2.0, 5.0])  # errors .5, 0, -1, 1
    r = metrics.regression(y, y_hat)
    assert r["mae"] == pytest.approx(2.5 / 4)
    assert r["rmse"] == pytest.approx(np.sqrt(2.25 / 4))
    assert r["r2"] == pytest.approx(1 - 2.25 / 5.0)  # SS_tot = 2.25+.25+.25+2.25


def test_regression_against_separate_formulas():
    rng = np.random.default_rng(0)
    y = rng.normal(size=200)
    y_hat = y + rng.normal(scale=0.3, size=200)
    r = metrics.regression(y.reshape(-1, 1), y_hat.reshape(-1, 1))
    n = len(y)
    rmse = (sum((a - b) ** 2 for a, b in zip(y, y_hat)) / n) ** 0.5
    mae = sum(abs(a - b) for a, b in zip(y, y_hat)) / n
    mean = sum(y) / n
    r2 = 1 - sum((a - b) ** 2 for a, b in zip(y, y_hat)) / sum((a - mean) ** 2 for a in y)
    assert r["rmse"] == pytest.approx(rmse, rel=1e-12)
    assert r["mae"] == pytest.approx(mae, rel=1e-12)
    assert r["r2"] == pytest.approx(r2, rel=1e-12)
    assert metrics.regression([2.0, 2.0], [1.0, 3.0])["r2"] == 0.0  # constant targets
