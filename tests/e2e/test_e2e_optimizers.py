"""The optimiser race in a real browser: Play for a few seconds, every runner's path on the
surface and every loss curve grows, Pause stops it; no exception anywhere."""

from __future__ import annotations

import re

import pytest

from bench.harness import mark
from ui.i18n import tr
from ui.optimizers.live import TICK

pytestmark = pytest.mark.e2e

RUNNERS = 5
TALL = {"width": 1400, "height": 1800}


def vertices(page, chart: str) -> list[int]:
    """Vertices of each line drawn in chart ``chart`` (M and L commands of its SVG paths)."""
    paths = page.locator(f".st-key-chart-{chart} g.mark-line path")
    return [len(re.findall(r"[ML]", paths.nth(i).get_attribute("d") or ""))
            for i in range(paths.count())]


def steps_shown(page) -> int:
    box = page.locator("[data-testid=stMetric]").filter(has_text=tr("opt.steps", "en"))
    return int(box.locator("[data-testid=stMetricValue]").inner_text().replace(",", ""))


@pytest.mark.parametrize("problem", ["bowl", "neuron"])
def test_play_grows_every_path_and_curve(page, streamlit_server, wait_ready, shot,
                                         assert_no_exception, problem):
    page.set_viewport_size(TALL)
    page.goto(f"{streamlit_server}/Optimizers?lang=en&problem={problem}")
    wait_ready(page, timeout=60_000)
    page.locator(".st-key-chart-opt-race [data-testid=stVegaLiteChart]").wait_for()
    page.locator(".st-key-chart-opt-loss [data-testid=stVegaLiteChart]").wait_for()
    assert_no_exception(page)
    before = {c: vertices(page, c) for c in ("opt-race", "opt-loss")}
    page.get_by_role("button", name=tr("opt.play", "en")).click()
    page.get_by_role("button", name=tr("opt.pause", "en")).wait_for()
    page.wait_for_function(
        """(label) => [...document.querySelectorAll('[data-testid=stMetric]')]
             .some(m => m.innerText.includes(label) &&
                   parseInt(m.querySelector('[data-testid=stMetricValue]').innerText
                            .replace(/,/g, '')) >= 30)""",
        arg=tr("opt.steps", "en"), timeout=60_000,
    )
    after = {c: vertices(page, c) for c in ("opt-race", "opt-loss")}
    shot(page, f"optimizers-playing-{problem}")
    for chart in after:
        assert len(after[chart]) == RUNNERS, (chart, after[chart])
        assert all(n >= 10 for n in after[chart]), (chart, before[chart], after[chart])
    page.get_by_role("button", name=tr("opt.pause", "en")).click()
    page.get_by_role("button", name=tr("opt.play", "en")).wait_for()
    wait_ready(page, timeout=60_000)
    paused = steps_shown(page)
    # the point: six of the timer's periods, in which a race still running would step
    page.wait_for_timeout(6 * TICK * 1000)
    assert steps_shown(page) == paused  # no work while paused
    assert paused >= 30
    assert_no_exception(page)


def test_a_runner_slider_reruns_its_box_and_the_next_step_uses_it(
    page, streamlit_server, wait_ready, shot, assert_no_exception
):
    # issue 14: Adam's learning rate reruns Adam's box alone (the race picture is not
    # redrawn), the link follows, and the next Step runs with the new value
    page.set_viewport_size(TALL)
    page.goto(f"{streamlit_server}/Optimizers?lang=en&problem=bowl&lr_adam=0.1")
    wait_ready(page, timeout=60_000)
    page.get_by_role("button", name=tr("opt.step10", "en")).click()
    page.wait_for_function("() => document.querySelector('[data-testid=stMetricValue]')"
                           "?.innerText === '10'", timeout=60_000)
    wait_ready(page)
    race = page.locator(".st-key-chart-opt-race [data-testid=stVegaLiteChart]")
    before = vertices(page, "opt-race")
    race.evaluate("(e) => { e.dataset.marker = 'kept'; }")  # gone if the chart is redrawn
    thumb = page.locator(".st-key-opt_box_adam [data-testid=stSlider] input[type=range]")
    since = mark(page)
    thumb.first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URLSearchParams(location.search).get('lr_adam') "
                           "=== '0.15'", timeout=60_000)
    wait_ready(page, since=since)
    assert race.get_attribute("data-marker") == "kept" and vertices(page, "opt-race") == before
    assert steps_shown(page) == 10
    page.get_by_role("button", name=tr("opt.step", "en"), exact=True).click()
    page.wait_for_function("() => document.querySelector('[data-testid=stMetricValue]')"
                           "?.innerText === '11'", timeout=60_000)
    wait_ready(page)
    assert [n - b for n, b in zip(vertices(page, "opt-race"), before, strict=True)] == \
        [1] * RUNNERS
    assert_no_exception(page)
    shot(page, "optimizers-fragment-lr")
