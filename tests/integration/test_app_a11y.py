"""Text alternatives in AppTest: each main picture's words, for two states of its page, in
both languages, built from the same numbers the picture shows (the oracle: the page's own
session state, read independently here).

Charts are found by their test id (``usermeta.id``); their ``description`` (the name a
screen reader says) is words in the page's language.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.conftest import alt_texts, charts_by_id
from ui.i18n import tr

pytestmark = pytest.mark.integration

#: words only the output picture's text alternative has
BOUNDARY = {"en": "Decision boundary after", "zh": "轮后的决策边界"}


def names_of(at) -> dict[str, str]:
    """Each chart's accessible name by its test id."""
    return {cid: json.loads(e.proto.spec).get("description", "")
            for cid, e in charts_by_id(at).items()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_activation_curves_in_words_follow_the_choice(open_page, no_exception, lang):
    at = open_page("pages/1_Activations.py", lang=lang, g=["sigmoid"])
    no_exception(at)
    one = alt_texts(at)["act-g"]
    at2 = open_page("pages/1_Activations.py", lang=lang, g=["relu", "tanh"])
    two = alt_texts(at2)["act-g"]
    assert one.startswith(tr("act.name.sigmoid", lang))
    assert "0.25" in one  # g'(0) of the sigmoid
    assert tr("a11y.act.rises", lang) in one
    assert tr("act.name.relu", lang) in two and tr("act.name.tanh", lang) in two
    assert one != two and two.count("g(z)") == 2  # one sentence per activation
    assert names_of(at)["act-g"] == tr("act.chart.g", lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_neuron_plane_in_words_follows_the_weights(open_page, no_exception, lang):
    at = open_page("pages/2_Neuron.py", lang=lang, w1="1", w2="0", b="0")
    no_exception(at)
    run = at.session_state["neuron_run"]
    text = alt_texts(at)["neuron-plane"]
    z = run.X @ np.asarray(run.W, float) + float(run.b)
    correct = int(np.sum((z > 0) == (np.asarray(run.y) > 0)))
    right = tr("a11y.dir.right", lang)
    assert right in text and f"{correct}" in text and f"{len(z)}" in text
    at2 = open_page("pages/2_Neuron.py", lang=lang, w1="0", w2="-1", b="0.5")
    text2 = alt_texts(at2)["neuron-plane"]
    assert tr("a11y.dir.down", lang) in text2 and text2 != text
    assert names_of(at)["neuron-plane"] == tr("a11y.name.neuron_plane", lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mlp_boundary_and_loss_in_words_change_with_training(open_page, no_exception, lang):
    at = open_page("pages/3_MLP.py", lang=lang, timeout=60)
    no_exception(at)
    boundary_alts = [img.alt for el in at.get("image") for img in el.proto.imgs
                     if img.HasField("alt")]
    start = next(a for a in boundary_alts if BOUNDARY[lang] in a)
    loss0 = alt_texts(at)["mlp-loss"]
    for _ in range(3):
        at.button(key="mlp_step_btn").click().run()
    no_exception(at)
    pg = at.session_state["mlp_pg"]
    m = pg.metrics()
    after = next(img.alt for el in at.get("image") for img in el.proto.imgs
                 if img.HasField("alt") and BOUNDARY[lang] in img.alt)
    assert after != start
    assert f"{m['epoch']:,}" in after and f"{100 * m['test_metric']:.0f}%" in after
    loss1 = alt_texts(at)["mlp-loss"]
    assert loss1 != loss0 and f"{int(m['epoch']):,}" in loss1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_optimiser_race_in_words_ranks_the_runners(open_page, no_exception, lang):
    at = open_page("pages/6_Optimizers.py", lang=lang, problem="rosenbrock")
    no_exception(at)
    before = alt_texts(at)["opt-loss"]
    for _ in range(3):
        at.button(key="opt_step").click().run()
    race = at.session_state["opt_race"]
    text = alt_texts(at)["opt-loss"]
    assert text != before and f"{race.steps}" in text
    leader = race.leader()
    loss = {r: race.losses(r)[-1] for r in race.lanes}
    best = min(loss, key=loss.get)
    assert leader == best
    names = [tr(f"opt.runner.{r}", lang) for r in sorted(loss, key=loss.get)]
    positions = [text.index(n) for n in names]
    assert positions == sorted(positions)  # lowest loss first


def test_boundary_points_have_a_shape_per_class(open_page, chart_spec):
    at = open_page("pages/2_Neuron.py")
    spec = json.dumps(chart_spec(at, "neuron-plane"))
    assert '"shape"' in spec and '"square"' in spec and '"circle"' in spec
