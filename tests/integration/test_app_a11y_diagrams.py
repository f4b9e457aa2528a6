"""The network diagrams' text alternatives in AppTest (issue 30): the MLP page's diagram
(an SVG shown as an image: its alt and its own title) and the Backprop page's diagram (the
hidden text after it), for two states of each page, in both languages.

Pictures are found by their test id (the SVG's ``data-id``, the text's ``data-chart``),
never by their accessible name; the oracle is the page's own state (the network's
weights, the traced step), read here independently of ``ui.describe``.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from tests.conftest import alt_texts
from ui.i18n import tr

pytestmark = pytest.mark.integration

SVG = "data:image/svg+xml;base64,"
NS = "{http://www.w3.org/2000/svg}"


def diagram(at) -> tuple[str, ET.Element]:
    """The MLP diagram's alt and its SVG, found by the SVG's test id (data-id)."""
    for element in at.get("image"):
        for img in element.proto.imgs:
            if img.url.startswith(SVG):
                root = ET.fromstring(base64.b64decode(img.url[len(SVG):]))
                if root.get("data-id") == "mlp-diagram":
                    return img.alt, root
    raise AssertionError("no network diagram on the page")


def strongest(W) -> tuple[int, int, int, float]:
    """The oracle: (l, j, i, w) of the largest |w| over every layer, indices from 1."""
    flat = [(abs(w), l, j + 1, i + 1, w) for l, Wl in enumerate(W, start=1)
            for (j, i), w in np.ndenumerate(np.asarray(Wl, dtype=np.float64))]
    _, l, j, i, w = max(flat, key=lambda r: r[0])
    return l, j, i, w


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mlp_diagram_in_words_follows_the_network(open_page, no_exception, lang):
    texts = []
    for params in ({}, {"layers": "3,2", "act": "relu"}):
        at = open_page("pages/3_MLP.py", lang=lang, timeout=60, **params)
        no_exception(at)
        alt, root = diagram(at)
        pg = at.session_state["mlp_pg"]
        sizes, W = pg.sizes(), pg.net.W
        l, j, i, w = strongest(W)
        # the image's alt is the SVG's own name and title: one text, two places
        assert root.get("role") == "img" and root.get("aria-label") == alt
        assert root.find(f"{NS}title").text == alt
        assert alt.startswith(tr("mlp.alt.diagram", lang))
        assert "-".join(map(str, sizes)) in alt
        assert tr(f"act.name.{pg.config.activation}", lang) in alt
        assert f"{sum(np.asarray(x).size for x in W):,}" in alt
        assert f"W[{l}][{j},{i}] = {float(f'{w:.3g}'):g}" in alt
        texts.append(alt)
    assert texts[0] != texts[1]
    assert "3-2" in texts[1]


def bp_check(at, lang: str) -> str:
    """The Backprop diagram's words at the page's step, checked against the trace."""
    ex = at.session_state["bp_worked"]
    n = len(ex.trace.steps)
    step = ex.trace.steps[at.slider(key="bp_step").value - 1]
    text = alt_texts(at)["backprop-diagram"]
    assert "-".join(map(str, ex.sizes)) in text
    assert f"{step.index + 1}" in text and f"{n}" in text
    assert tr(f"a11y.bp.phase.{step.phase}", lang) in text
    v = np.asarray(step.result.value, dtype=np.float64).ravel()
    if v.size <= 3:  # every number, as written on the page (3 significant digits)
        assert all(f"{float(f'{x:.3g}'):g}" in text for x in v)
    else:  # the largest magnitude
        assert f"{float(f'{np.max(np.abs(v)):.3g}'):g}" in text
    return text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_backprop_diagram_in_words_follows_the_step(open_page, no_exception, lang):
    at = open_page("pages/4_Backprop.py", lang=lang, timeout=60, sizes="2-3-1")
    no_exception(at)
    first = bp_check(at, lang)
    # a later step of a wider network, a weight gradient (a matrix)
    at2 = open_page("pages/4_Backprop.py", lang=lang, timeout=60, sizes="2-3-1", step="9")
    no_exception(at2)
    later = bp_check(at2, lang)
    assert later != first
    if lang == "en":  # the page moves on by its Next button too
        at.button(key="bp_next").click().run()
        no_exception(at)
        assert bp_check(at, lang) not in (first,)
    # every step at once: the network and the loss before and after the update
    at3 = open_page("pages/4_Backprop.py", lang=lang, timeout=60, sizes="2-3-1", all="1")
    no_exception(at3)
    ex = at3.session_state["bp_worked"]
    text = alt_texts(at3)["backprop-diagram"]
    assert text not in (first, later) and f"{len(ex.trace.steps)}" in text
    assert f"{float(f'{ex.trace.loss_before:.4g}'):g}" in text
    assert f"{float(f'{ex.trace.loss_after:.4g}'):g}" in text


def focus_alt(at) -> str:
    """The large map's alt: the picture right after the diagram (found by its test id)."""
    lists = [element.proto for element in at.get("image")]
    for k, proto in enumerate(lists):
        if any(img.url.startswith(SVG) and b'data-id="mlp-diagram"'
               in base64.b64decode(img.url[len(SVG):]) for img in proto.imgs):
            return lists[k + 1].imgs[0].alt
    raise AssertionError("no network diagram on the page")


def check_focus(at, lang: str, focus: tuple[int, int], name: str) -> str:
    """The large map's words against the unit's own grid (``Playground.grid_view``)."""
    from ui.describe import plain

    text = focus_alt(at)
    V = at.session_state["mlp_pg"].grid_view(9, focus=focus, maps=False).focus
    assert text.startswith(tr("mlp.alt.focus", lang)) and name in text
    assert plain(V.min()) in text and plain(V.max()) in text
    return text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mlp_large_map_in_words_follows_the_unit(open_page, no_exception, lang):
    at = open_page("pages/3_MLP.py", lang=lang, timeout=60)
    no_exception(at)
    L = len(at.session_state["mlp_pg"].sizes()) - 1
    out = check_focus(at, lang, (L, 0), tr("mlp.node.output", lang))
    at2 = open_page("pages/3_MLP.py", lang=lang, timeout=60, layers="3", act="relu")
    no_exception(at2)
    other = check_focus(at2, lang, (2, 0), tr("mlp.node.output", lang))
    assert other != out
    if lang == "en":  # another unit chosen: the input x1, which rises to the right
        at.selectbox(key="mlp_focus").set_value("0-0").run()
        no_exception(at)
        x1 = check_focus(at, lang, (0, 0), "x₁")
        assert x1 != out and "lowest -6" in x1 and "towards the right side" in x1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mlp_diagnostics_in_words_follow_training(open_page, no_exception, lang):
    at = open_page("pages/3_MLP.py", lang=lang, timeout=60, act="relu", layers="4,3")
    no_exception(at)
    before = alt_texts(at)
    for _ in range(3):
        at.button(key="mlp_step_btn").click().run()
    no_exception(at)
    after = alt_texts(at)
    hist = at.session_state["mlp_pg"].history(300)  # the page's LOSS_POINTS
    epoch = f"{int(hist['epoch'][-1]):,}"
    for cid in ("mlp-grad", "mlp-dead"):
        assert after[cid] != before[cid] and epoch in after[cid]
    from ui.describe import plain

    assert all(plain(v) in after["mlp-grad"] for v in hist["grad_norm"][-1])
    assert all(f"{100 * v:.0f}%" in after["mlp-dead"] for v in hist["dead"][-1])
