"""Lessons and presentation mode in Chromium (issue 16): two lessons end to end (predict on
the Lessons page, open the page, run, see the explanation), and presentation mode on the
MLP page at 1280x720 and 1920x1080 (nothing clipped sideways, the live boundary and the
loss chart on the first screen, chart labels zoomed, big Play and epoch, sidebar closed)."""

from __future__ import annotations

import pytest

from bench import harness
from bench.harness import mark
from ui import describe
from ui.frame import CHART_ZOOM
from ui.i18n import tr

pytestmark = pytest.mark.e2e

PANEL = ".st-key-lessons_panel"


def predict_and_open(page, base: str, lesson: str, choice: str, wait_ready) -> None:
    """On the Lessons page at ``lesson``: choose the prediction, then follow the link."""
    page.goto(f"{base}/Lessons?lang=en&lesson={lesson}")
    wait_ready(page)
    open_link = page.get_by_text(tr("lessons.open", "en"))
    assert open_link.count() == 0  # no link before a prediction
    since = mark(page)
    page.locator(f".st-key-lessons_choice_{lesson}").get_by_text(
        tr(f"lessons.{lesson}.choice.{choice}", "en"), exact=True).click()
    wait_ready(page, since=since)
    open_link.click()
    page.wait_for_selector(PANEL)
    wait_ready(page)


def explanation_shown(page) -> bool:
    return page.locator(PANEL).get_by_text(tr("lessons.explanation", "en")).count() > 0


def test_sigmoid_lesson_end_to_end(page, streamlit_server, wait_ready, shot, slider_thumb,
                                   assert_no_exception):
    predict_and_open(page, streamlit_server, "sigmoid", "tiny", wait_ready)
    assert "/Activations" in page.url and "lesson=sigmoid" in page.url
    panel = page.locator(PANEL)
    assert not explanation_shown(page)
    # the controls the lesson hides are out of sight
    assert not page.locator(".st-key-act_names").is_visible()
    thumb = slider_thumb(page, tr("act.depth.L", "en"))
    since = mark(page)
    thumb.focus()
    for _ in range(9):
        page.keyboard.press("ArrowRight")
    wait_ready(page, since=since)
    # under load a rerun may land between two presses and the slider stop short of 10:
    # press on (each press waited for) until it shows L = 10
    assert harness.press_until(page, thumb, 10) == 10
    # the panel checks the page every 2 s and explains once L reaches 10 (the task)
    page.wait_for_function(
        "t => document.querySelector('.st-key-lessons_panel')?.innerText.includes(t)",
        arg="0.25^10", timeout=60_000)
    text = panel.inner_text()
    assert tr("lessons.explanation", "en") in text and tr("lessons.right", "en") in text
    assert panel.get_by_text(tr("lessons.next", "en", title=tr("lessons.tanh.title", "en"))).count()
    shot(page, "lesson-sigmoid-explained")
    assert_no_exception(page)


def test_perceptron_lesson_end_to_end(page, streamlit_server, wait_ready, shot,
                                      assert_no_exception):
    predict_and_open(page, streamlit_server, "perceptron_xor", "fast", wait_ready)
    assert "/Neuron" in page.url
    assert not explanation_shown(page)
    page.locator(".st-key-neuron_step100 button").click()
    # the run happens in the page's fragments: the panel finds it on its next check (2 s)
    page.wait_for_function(
        "t => document.querySelector('.st-key-lessons_panel')?.innerText.includes(t)",
        arg=tr("lessons.explanation", "en"), timeout=60_000)
    text = page.locator(PANEL).inner_text()
    assert "100 passes" in text
    never = tr("lessons.perceptron_xor.choice.never", "en")
    assert tr("lessons.wrong", "en", outcome=never) in text
    shot(page, "lesson-perceptron-explained")
    assert_no_exception(page)
    # the Lessons page remembers it and offers the summary
    since = mark(page)
    page.locator(PANEL).get_by_text(tr("lessons.back", "en")).click()
    wait_ready(page, since=since)
    assert page.get_by_text(tr("lessons.download", "en")).count() == 1


#: the loss chart's drawing (Vega draws on a canvas or into an SVG)
CHART = (".st-key-mlp_slow_box [data-testid=stVegaLiteChart] canvas, "
         ".st-key-mlp_slow_box [data-testid=stVegaLiteChart] svg.marks")
MEASURE = """([alt, chart]) => {
  const r = e => e.getBoundingClientRect();
  const img = [...document.querySelectorAll('img')].find(e => e.alt.includes(alt));
  const loss = document.querySelector(chart);
  const side = document.querySelector('[data-testid=stSidebar]');
  const play = document.querySelector('.st-key-mlp_play_btn button');
  const epoch = document.querySelector('.st-key-mlp_figures [data-testid=stMetricValue]');
  const main = document.querySelector('[data-testid=stMain]');
  const box = e => { const b = r(e); return {top: b.top, bottom: b.bottom, left: b.left,
                                            right: b.right, width: b.width}; };
  return {img: box(img), loss: loss && box(loss),
          zoom: loss && r(loss).width
                / (loss.offsetWidth || parseFloat(loss.getAttribute('width'))),
          sidebar: r(side).right, play: r(play).height,
          epoch: parseFloat(getComputedStyle(epoch.querySelector('*') || epoch).fontSize),
          wide: [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                 main.scrollWidth - main.clientWidth]};
}"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080)])
def test_presentation_mode_on_the_mlp_page(browser, streamlit_server, wait_ready, shot,
                                           assert_no_exception, width, height):
    page = harness.new_page(browser, width, height, timeout_ms=60_000)
    try:
        seen = {}
        for mode, query in (("present", "&present=1"), ("normal", "")):
            page.goto(f"{streamlit_server}/MLP?lang=en{query}")
            wait_ready(page)
            page.wait_for_selector(describe.boundary_selector("en"))
            if mode == "present":
                page.wait_for_selector(CHART)
            # the charts settle their size: the measures the same over a few frames
            harness.wait_stable(page, MEASURE, [describe.BOUNDARY_MARKS["en"][0], CHART])
            seen[mode] = page.evaluate(MEASURE, [describe.BOUNDARY_MARKS["en"][0], CHART])
            shot(page, f"mlp-{mode}-{width}x{height}")
            assert_no_exception(page)
        p, n = seen["present"], seen["normal"]
        assert p["wide"] == [0, 0], p  # nothing clipped sideways
        for name in ("img", "loss"):  # both on the first screen, whole
            box = p[name]
            assert 0 <= box["top"] and box["bottom"] <= height, (name, box)
            assert 0 <= box["left"] and box["right"] <= width, (name, box)
        assert p["zoom"] == pytest.approx(CHART_ZOOM, rel=0.03)  # chart labels drawn larger
        if n["zoom"] is not None:  # normal mode's loss chart is below the first screen
            assert n["zoom"] == pytest.approx(1.0, rel=0.03)
        assert p["sidebar"] <= 1  # the sidebar starts collapsed
        assert p["play"] >= 60 and p["play"] > n["play"]
        assert p["epoch"] >= 50 and p["epoch"] > n["epoch"]
    finally:
        page.context.close()
