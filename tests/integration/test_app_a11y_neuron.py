"""The Neuron page's pictures in words (issue 30): the formulas, the loss and accuracy
curves, the loss landscape and the loss along b, each for two states of the page in both
languages. Texts are found by their chart's test id (``data-chart``); the oracle is the
page's own run (its weights, history), recomputed here with NumPy.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import alt_texts
from ui.describe import plain
from ui.i18n import tr

pytestmark = pytest.mark.integration

PAGE = "pages/2_Neuron.py"
STATES = ({"w1": "1", "w2": "0", "b": "0", "x1": "1", "x2": "2"},
          {"w1": "0", "w2": "-1", "b": "0.5", "x1": "0", "x2": "1"})


def check(at, lang: str) -> dict[str, str]:
    """Every Neuron text, checked against the run; returns them by chart id."""
    run, ss = at.session_state["neuron_run"], at.session_state
    texts = alt_texts(at)
    W, b = np.asarray(run.W, dtype=np.float64), float(run.b)
    x = np.array([ss["neuron_x1"], ss["neuron_x2"]])
    z = float(W @ x + b)
    a = 1 / (1 + np.exp(-z))  # the page's default activation: sigmoid
    formula = texts["neuron-formula"]
    assert f"a = {tr('act.name.sigmoid', lang)}(z)" in formula
    assert f"z = {plain(z, 3).replace('-', '−')}" in formula and f"a = {plain(a, 3)}" in formula
    h = run.history
    loss, acc = texts["neuron-loss"], texts["neuron-acc"]
    label = tr(f"neuron.series.{run.rule}", lang)
    assert label in loss and plain(h["loss"][0]) in loss and plain(h["loss"][-1]) in loss
    assert f"{100 * h['acc'][-1]:.0f}%" in acc and f"{h['step'][-1]:,}" in acc
    land = texts["neuron-land"]
    assert f"w = ({plain(W[0])}, {plain(W[1])})" in land  # the path ends at the weights now
    assert f"b = {plain(b)}" in texts["neuron-bias"]
    return texts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_neuron_pictures_in_words_follow_the_neuron(open_page, no_exception, lang):
    seen = []
    for params in STATES:
        at = open_page(PAGE, lang=lang, land="1", **params)
        no_exception(at)
        seen.append(check(at, lang))
    for cid in ("neuron-formula", "neuron-land", "neuron-bias", "neuron-loss"):
        assert seen[0][cid] != seen[1][cid], cid


def test_neuron_curves_in_words_follow_training(open_page, no_exception):
    at = open_page(PAGE, land="1", **STATES[0])
    no_exception(at)
    before = check(at, "en")
    at.button(key="neuron_step100").click().run()
    no_exception(at)
    after = check(at, "en")
    assert at.session_state["neuron_run"].steps > 0
    for cid in ("neuron-loss", "neuron-acc", "neuron-land"):
        assert after[cid] != before[cid], cid
