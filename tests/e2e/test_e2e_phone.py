"""A student with a phone sees the picture first (issue 18), in Debian's Chromium.

Each page in both languages at 390x844 (touch, device scale 2): the sidebar does not cover
the page on load, the language switch is reachable without opening it, the page's main
picture starts within 1.5 screen heights of the top, nothing scrolls sideways, and no
exception shows. Screenshots: ``artifacts/screenshots/phone-<page>-<lang>.png``. The same
pages at 1400x1000 keep the wide layout: the sidebar open, the top switch hidden.
"""

from __future__ import annotations

import pytest

from bench import harness
from bench.harness import mark
from ui import describe
from ui.i18n import tr

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
#: (URL path, how to find the page's main picture); ``{alt}`` is the MLP boundary's alt text
PAGES = {
    "home": ("", None),
    "activations": ("Activations", "[data-testid=stVegaLiteChart]"),
    "neuron": ("Neuron", "[data-testid=stVegaLiteChart]"),
    "mlp": ("MLP", 'img[alt*="{alt}"]'),
    "backprop": ("Backprop", ".st-key-bp_diagram"),
    "optimizers": ("Optimizers", ".st-key-chart-opt-race [data-testid=stVegaLiteChart]"),
}
TOP_SWITCH = ".st-key-frame_lang_top_box"
SIDEBAR = "[data-testid=stSidebar]"


#: where the sidebar is and whether it is open (to wait for it to stop moving)
SIDEBAR_PLACE = """(sel) => { const e = document.querySelector(sel);
  if (!e) return null;
  const r = e.getBoundingClientRect();
  return [r.left, r.right, r.width, e.getAttribute('data-collapsed')]; }"""


@pytest.fixture
def phone(browser):
    p = harness.tab(browser, PHONE["width"], PHONE["height"], device_scale_factor=2,
                    is_mobile=True, has_touch=True)
    try:
        yield p
    finally:
        p.close()


def _top(page, selector: str) -> float:
    """Distance in CSS pixels from the top of the page to the first match (not scrolled)."""
    el = page.locator(selector).first
    el.wait_for(state="visible")
    return page.evaluate(
        "(e) => e.getBoundingClientRect().top + (document.querySelector("
        "'[data-testid=stMain]')?.scrollTop || 0) + window.scrollY", el.element_handle())


def _sideways(page) -> list[str]:
    """The scroll containers (document, main area) wider than their box."""
    return page.evaluate(
        """() => [document.scrollingElement, document.querySelector('[data-testid=stMain]'),
                   document.querySelector('[data-testid=stAppViewContainer]')]
            .filter(e => e && e.scrollWidth > e.clientWidth + 1)
            .map(e => `${e.dataset.testid || e.tagName}: ${e.scrollWidth} > ${e.clientWidth}`)"""
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page_id", list(PAGES))
def test_a_phone_sees_the_picture_first(phone, streamlit_server, wait_ready, shot,
                                        assert_no_exception, page_id, lang):
    path, picture = PAGES[page_id]
    phone.goto(f"{streamlit_server}/{path}?lang={lang}")
    wait_ready(phone, timeout=60_000)
    # the sidebar's own opening animation, if it had one, is over: it stays put for frames
    harness.wait_stable(phone, SIDEBAR_PLACE, SIDEBAR)
    shot(phone, f"phone-{page_id}-{lang}")
    assert_no_exception(phone)
    assert phone.locator(SIDEBAR).get_attribute("data-collapsed") == "true"
    assert phone.locator(TOP_SWITCH).is_visible(), "no language switch outside the sidebar"
    assert not _sideways(phone), _sideways(phone)
    if picture:
        selector = picture.format(alt=describe.BOUNDARY_MARKS[lang][0])
        top = _top(phone, selector)
        assert top <= 1.5 * PHONE["height"], f"{page_id}: main picture starts at {top:.0f} px"


def test_the_top_language_switch_works_on_a_phone(phone, streamlit_server, wait_ready):
    phone.goto(f"{streamlit_server}/Neuron?lang=en")
    wait_ready(phone, timeout=60_000)
    since = mark(phone)
    phone.locator(TOP_SWITCH).get_by_text("中文").click()
    wait_ready(phone, since=since)
    phone.wait_for_function("() => location.search.includes('lang=zh')")
    assert tr("neuron.title", "zh") in phone.locator("h1").first.inner_text()


@pytest.mark.parametrize("page_id", ["mlp", "neuron"])
def test_a_wide_screen_keeps_the_sidebar_and_hides_the_top_switch(page, streamlit_server,
                                                                  wait_ready, page_id):
    page.goto(f"{streamlit_server}/{PAGES[page_id][0]}?lang=en")
    wait_ready(page, timeout=60_000)
    assert page.locator(SIDEBAR).get_attribute("data-collapsed") == "false"
    assert not page.locator(TOP_SWITCH).is_visible()
    assert not _sideways(page)
