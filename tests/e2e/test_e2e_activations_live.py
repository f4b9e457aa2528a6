"""The Activations page's fragments in a real browser (issue 14): a slider whose effect is
local reruns its fragment alone; its chart is redrawn, the link follows (a URL write from
inside a fragment reaches the browser), the rest of the page stays, no exception shows."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from bench.harness import mark, wait_drawn
from ui.i18n import tr

pytestmark = pytest.mark.e2e

CHART = "[data-testid=stVegaLiteChart]"

# (tab, slider label key, URL name, its value after one ArrowRight, index of the chart
# it redraws, indexes of charts it leaves alone, text outside the fragment that stays)
CASES = [
    ("curves", "act.tau", "tau", "0.06", 0, [], "act.formulas"),
    # a parameter slider reruns the fragment below the multiselect and range
    ("curves", "act.leaky_alpha", "leaky_alpha", "0.02", 0, [], "act.pick"),
    ("why", "act.why.layers", "layers", "2", 1, [], "act.why.conclusion"),
    ("depth", "act.depth.L", "depth", "11", 0, [], "act.depth.note"),
    ("variants", "act.prelu.steps", "prelu_steps", "41", 1, [2], "act.rrelu.header"),
]


def _param(page, name: str) -> str | None:
    return parse_qs(urlparse(page.url).query).get(name, [None])[0]


@pytest.mark.parametrize(("tab", "label", "param", "after", "redrawn", "kept", "stays"),
                         CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_a_fragment_slider_redraws_its_chart_and_writes_the_link(
    page, streamlit_server, wait_ready, shot, assert_no_exception, slider_thumb,
    tab, label, param, after, redrawn, kept, stays,
):
    page.goto(f"{streamlit_server}/Activations?lang=en&tab={tab}")
    wait_ready(page, timeout=60_000)
    charts = page.locator(CHART)
    charts.nth(max([redrawn, *kept])).wait_for()
    wait_drawn(page)
    before = charts.nth(redrawn).screenshot()
    others = [charts.nth(i).screenshot() for i in kept]
    title = page.get_by_role("heading", level=1, name=tr("nav.activations", "en"))
    title.evaluate("(e) => { e.dataset.marker = 'kept'; }")  # gone if the title is redrawn

    thumb = slider_thumb(page, tr(label, "en"))
    thumb.focus()
    key = "ArrowLeft" if thumb.input_value() == thumb.get_attribute("max") else "ArrowRight"
    since = mark(page)
    page.keyboard.press(key)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('{param}') "
                           f"=== '{after}'", timeout=60_000)
    # the run the press asked for, seen on the websocket (a fast fragment run can reach
    # React in one batch, so "running" may never show in the DOM), then its charts drawn
    wait_ready(page, since=since)
    wait_drawn(page)
    # The new URL and the redrawn chart below are the proof that the press ran the script.
    assert thumb.input_value() == after and _param(page, param) == after
    assert charts.nth(redrawn).screenshot() != before, "the chart was not redrawn"
    assert [charts.nth(i).screenshot() for i in kept] == others
    assert title.get_attribute("data-marker") == "kept"
    assert page.get_by_text(tr(stays, "en")).first.is_visible()
    assert _param(page, "tab") == tab
    assert_no_exception(page)
    shot(page, f"activations-live-{tab}-{param}")


def test_a_shared_control_then_a_local_one_keep_both_in_the_link(
    page, streamlit_server, wait_ready, assert_no_exception, slider_thumb
):
    page.goto(f"{streamlit_server}/Activations?lang=en")
    wait_ready(page, timeout=60_000)
    since = mark(page)
    slider_thumb(page, tr("act.leaky_alpha", "en")).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('leaky_alpha=0.02')")
    wait_ready(page, since=since)
    since = mark(page)
    slider_thumb(page, tr("act.tau", "en")).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('tau=0.06')")
    wait_ready(page, since=since)
    assert _param(page, "leaky_alpha") == "0.02" and _param(page, "tau") == "0.06"
    # a reload opens the same view
    page.reload()
    wait_ready(page, timeout=60_000)
    assert slider_thumb(page, tr("act.tau", "en")).input_value() == "0.06"
    assert slider_thumb(page, tr("act.leaky_alpha", "en")).input_value() == "0.02"
    assert_no_exception(page)
