"""The MLP page's other pictures in words (issue 30): the learning-rate schedule chart,
the click-to-add points chart and the two compared boundaries, each for two states of the
page in both languages; texts found by their chart id (``data-chart``), the oracle the
page's own run.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import alt_texts
from ui.describe import plain
from ui.i18n import tr

pytestmark = pytest.mark.integration

PAGE = "pages/3_MLP.py"


def step(at, n: int):
    for _ in range(n):
        at.button(key="mlp_step_btn").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_rates_in_words_follow_the_schedule(open_page, lang):
    at = open_page(PAGE, lang=lang, timeout=60, dataset="xor", sched="step",
                   sched_epochs="10", sched_gamma="0.5", lr="0.1")
    assert not at.exception
    first = alt_texts(at)["mlp-rates"]
    assert first == tr("a11y.rates.none", lang)  # no epoch yet
    step(at, 12)
    text = alt_texts(at)["mlp-rates"]
    rate = at.session_state["mlp_pg"].config.lr_schedule().rate
    assert text != first
    assert f"{plain(rate(0.1, 0))}" in text and f"{plain(rate(0.1, 11))}" in text
    assert "12" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_points_in_words_follow_the_data(open_page, lang):
    texts = []
    for dataset in ("circle", "blobs"):
        at = open_page(PAGE, lang=lang, timeout=60, dataset=dataset)
        assert not at.exception
        # the toggle has no key: found by its label
        next(tg for tg in at.toggle if tg.label == tr("mlp.points.toggle", lang)
             ).set_value(True).run()
        assert not at.exception
        y = at.session_state["mlp_pg"].points()[1]
        text = alt_texts(at)["mlp-points"]
        assert text.startswith(f"{len(y)} ")
        for k, c in enumerate(np.bincount(np.asarray(y, dtype=int))):
            assert f"{k}：{c}" in text or f"{k}: {c}" in text
        texts.append(text)
    assert texts[0] != texts[1]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_compared_boundaries_in_words_follow_training(open_page, lang):
    at = open_page(PAGE, lang=lang, timeout=60, compare="1", b_act="relu")
    assert not at.exception
    before = {k: v for k, v in alt_texts(at).items() if k.startswith("mlp-compare")}
    assert before["mlp-compare-a"].startswith(tr("mlpx.boundary_a", lang))
    assert before["mlp-compare-b"].startswith(tr("mlpx.boundary_b", lang))
    step(at, 3)
    after = alt_texts(at)
    for side, key in (("a", "mlp_pg"), ("b", "mlp_pg_b")):
        m = at.session_state[key].metrics()
        text = after[f"mlp-compare-{side}"]
        assert text != before[f"mlp-compare-{side}"]
        assert f"{m['epoch']:,}" in text and f"{100 * m['test_metric']:.0f}%" in text
