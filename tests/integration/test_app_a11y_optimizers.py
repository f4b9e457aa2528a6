"""The Optimizers page's pictures in words (issue 30): the race's paths over the surface
(hidden text after the chart, found by its chart id) and each runner's small decision
boundary (its image's alt, found by its place: one per runner, in the runners' order),
for two states of the page in both languages; the oracle is the page's own race.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import alt_texts
from ui.describe import plain
from ui.i18n import tr
from ui.optimizers import actions, settings

pytestmark = pytest.mark.integration

PAGE = "pages/6_Optimizers.py"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_race_paths_in_words_follow_the_runners(open_page, no_exception, lang):
    at = open_page(PAGE, lang=lang, problem="rosenbrock")
    no_exception(at)
    before = alt_texts(at)["opt-race"]
    at.button(key="opt_step10").click().run()
    no_exception(at)
    race = at.session_state["opt_race"]
    text = alt_texts(at)["opt-race"]
    assert text != before and f"{race.steps}" in text
    for r in race.lanes:
        name = tr(f"opt.runner.{r}", lang)
        if race.diverged(r) is None:
            p = race.path(r)[-1]
            assert f"{name}" in text and f"({plain(p[0])}, {plain(p[1])})" in text
    assert "(1, 1)" in text  # Rosenbrock's minimum (a, a²) with a = 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_small_boundaries_in_words_follow_training(open_page, no_exception, lang):
    at = open_page(PAGE, lang=lang, problem="mlp")
    no_exception(at)
    before = [img.alt for e in at.get("image") for img in e.proto.imgs]
    at.button(key="opt_step10").click().run()
    no_exception(at)
    race = at.session_state["opt_race"]
    after = [img.alt for e in at.get("image") for img in e.proto.imgs]
    ss = at.session_state
    X, y = actions.make_data(ss["opt_data"], ss["opt_seed"])
    assert len(after) == len(settings.RUNNERS) and after != before
    for alt, r in zip(after, settings.RUNNERS, strict=True):
        assert alt.startswith(tr("opt.alt.boundary", lang, runner=tr(f"opt.runner.{r}", lang)))
        p = race.problem.model(race.params(r)).predict(X)[:, 0]
        correct = int(np.sum((p >= 0.5) == (np.asarray(y) > 0)))
        assert f"{race.steps}" in alt and f"{correct}" in alt and f"{len(y)}" in alt
