"""WCAG 2.2 AA in Chromium: axe-core on every page, the page language, targets on a phone.

axe-core comes with ``axe-playwright-python`` (pinned in requirements-dev.txt). Every page
in both languages at 1400x1000 and 390x844, in presentation mode too, after the page has
drawn; and on the MLP and Neuron pages while Play has run a few epochs: zero violations of
the rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa and wcag22aa. A failure lists each
rule, element and page.

A page's eight states are reached in one session, as a user reaches them (the window made
narrow and wide again, the top language switch, the sidebar's presentation switch): one
load instead of eight, and the switches themselves are under test (a language switch
followed by the presentation switch once crashed the MLP page: see
test_e2e_language_switch.py). Each state is laid out as a load in that state is.

Axe runs once nothing is stale (Streamlit fades the elements of a run in progress, and a
faded caption fails the contrast rule for a moment that no reader ever sees).
"""

from __future__ import annotations

import pytest

from bench import harness
from ui.a11y import HTML_LANG
from ui.i18n import LANG_NAMES

pytestmark = pytest.mark.e2e

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: page id -> its path under the server's root
PAGES = {"home": "", "activations": "Activations", "neuron": "Neuron", "mlp": "MLP",
         "backprop": "Backprop", "lessons": "Lessons", "optimizers": "Optimizers",
         "class": "Class"}
VIEWPORTS = {"wide": (1400, 1000), "phone": (390, 844)}
#: the smallest target (CSS px) a control may have (WCAG 2.5.8)
TARGET = 24
#: what a pointer can operate: the controls a target size applies to
CONTROLS = ("button, a[href], input:not([type=hidden]), select, textarea, summary, "
            "[role=slider], [role=switch], [role=checkbox], [role=radio], [role=tab], "
            "[role=button], [role=combobox], [role=option]")

#: (x, y, w, h, text) of every visible control, to check WCAG 2.5.8 (size or spacing)
_TARGETS = """(sel) => [...document.querySelectorAll(sel)].flatMap((e) => {
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || s.display === 'none'
      || e.closest('[aria-hidden=true]') || s.opacity === '0') return [];
  // a visually hidden input behind its visible thumb or box (sliders, toggles): the thumb
  // or the label is the target
  if (r.width <= 1 || r.height <= 1 || (e.parentElement
      && getComputedStyle(e.parentElement).clipPath.startsWith('inset(50%'))) return [];
  // a select's text input grows as one types: the whole select is what one clicks
  if (e.getAttribute('role') === 'combobox' && e.tagName === 'INPUT') {
    let box = e.parentElement;
    while (box && box.getBoundingClientRect().width < 24) box = box.parentElement;
    const b = (box || e).getBoundingClientRect();
    return [[b.x, b.y, b.width, b.height, e.getAttribute('aria-label') || 'select']];
  }
  // a link inside a sentence is exempt (WCAG 2.5.8 "inline")
  if (e.tagName === 'A' && e.closest('p, li') && e.closest('p, li').innerText.trim()
      !== e.innerText.trim()) return [];
  return [[r.x, r.y, r.width, r.height,
           (e.getAttribute('aria-label') || e.innerText || e.tagName).slice(0, 40)]];
})"""


def settle(page: object, wait_ready: object) -> None:
    """The script idle, the charts drawn, nothing faded as stale."""
    wait_ready(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=true]')")
    # and faded back in: a stale element's opacity returns by a CSS transition
    page.wait_for_function("() => !document.getAnimations().some("
                           "(a) => a instanceof CSSTransition && a.playState === 'running')")
    if page.locator("[data-testid=stVegaLiteChart]").count():
        harness.wait_drawn(page)


def violations(page: object, where: str) -> list[str]:
    """axe's WCAG 2.x A/AA violations on ``page``, one line each: rule, element, page."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS},
                                      "resultTypes": ["violations"]})
    lines = []
    for rule in result.response["violations"]:
        for node in rule["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())[:200]
            lines.append(f"{where}: {rule['id']} at {node['target']}: {summary}")
    return lines


def small_targets(page: object) -> list[str]:
    """Controls under 24x24 CSS px whose 24 px circle overlaps another control's: WCAG
    2.5.8's size-or-spacing rule, measured."""
    boxes = page.evaluate(_TARGETS, CONTROLS)
    found = []
    for i, (x, y, w, h, text) in enumerate(boxes):
        if w >= TARGET and h >= TARGET:
            continue
        cx, cy = x + w / 2, y + h / 2
        for j, (x2, y2, w2, h2, _) in enumerate(boxes):
            if i == j:
                continue
            # distance from this target's centre to the other's box
            dx = max(x2 - cx, 0, cx - (x2 + w2))
            dy = max(y2 - cy, 0, cy - (y2 + h2))
            if (dx * dx + dy * dy) ** 0.5 < TARGET / 2:
                found.append(f"{text!r}: {w:.0f}x{h:.0f} px, too close to another control")
                break
    return found


def open_page(browser: object, server: str, path: str, lang: str, viewport: str,
              wait_ready: object, **params: str) -> object:
    width, height = VIEWPORTS[viewport]
    page = harness.tab(browser, width=width, height=height)
    query = "&".join(f"{k}={v}" for k, v in {"lang": lang, **params}.items())
    page.goto(f"{server}/{path}?{query}")
    settle(page, wait_ready)
    return page


def to_viewport(page: object, viewport: str, wait_ready: object) -> None:
    """The same session in a window of another size: the page lays itself out again as it
    does when it opens at that size (CSS media queries; the sidebar, shown "auto", closes
    on a narrow window and opens on a wide one), with no new run."""
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_function(f"() => window.innerWidth === {width}")
    # the sidebar and the main area have their new places: the same over a few frames
    harness.wait_stable(page, _PLACES)
    settle(page, wait_ready)


#: where the sidebar and the main area are (to wait for a new layout to settle)
_PLACES = """() => ['[data-testid=stSidebar]', '[data-testid=stMain]'].map((s) => {
  const e = document.querySelector(s), r = e && e.getBoundingClientRect();
  return r && [r.left, r.width, e.getAttribute('aria-expanded')]; })"""


def choose_language(page: object, lang: str, wait_ready: object) -> None:
    """Switch the session's language with the switch at the top of a narrow page (the one a
    phone shows without opening the sidebar)."""
    since = harness.mark(page)
    page.locator(".st-key-frame_lang_top_box button").filter(has_text=LANG_NAMES[lang]).click()
    wait_ready(page, since=since)
    page.wait_for_function(f"() => document.documentElement.lang === {HTML_LANG[lang]!r}")
    settle(page, wait_ready)


def present(page: object, wait_ready: object) -> None:
    """Turn presentation mode on with the sidebar's switch (a wide page, the sidebar open):
    the page restyles itself and closes its sidebar, as ``?present=1`` opens it."""
    since = harness.mark(page)
    page.locator(".st-key-frame_present_switch label").click()
    wait_ready(page, since=since)
    page.wait_for_url(lambda url: "present=1" in url)
    harness.wait_stable(page, _PLACES)
    settle(page, wait_ready)


@pytest.mark.parametrize("page_id", list(PAGES))
def test_no_axe_violations(browser, streamlit_server, wait_ready, page_id):
    """The page in both languages, normal and in presentation mode, each at 1400x1000 and
    at 390x844: eight states of one session, reached as a user does (the window made
    narrow and wide again, the top language switch, the sidebar's presentation switch),
    each laid out as a load in that state is."""
    found = []
    page = open_page(browser, streamlit_server, PAGES[page_id], "en", "wide", wait_ready)

    def scan(lang: str, viewport: str, mode: str = "") -> None:
        nonlocal found
        found += violations(page, f"{page_id} {lang} {viewport}{mode}")

    try:
        scan("en", "wide")
        to_viewport(page, "phone", wait_ready)
        scan("en", "phone")
        choose_language(page, "zh", wait_ready)
        scan("zh", "phone")
        to_viewport(page, "wide", wait_ready)
        scan("zh", "wide")
        present(page, wait_ready)
        scan("zh", "wide", " presentation")
        to_viewport(page, "phone", wait_ready)
        scan("zh", "phone", " presentation")
        choose_language(page, "en", wait_ready)
        scan("en", "phone", " presentation")
        to_viewport(page, "wide", wait_ready)
        scan("en", "wide", " presentation")
    finally:
        page.close()
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)


@pytest.mark.parametrize(("page_id", "play", "epoch_label"), [
    ("mlp", "mlp_play_btn", "Epoch"),
    ("neuron", "neuron_play", None),
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_axe_violations_while_playing(browser, streamlit_server, wait_ready, wait_until,
                                         page_id, play, epoch_label, lang):
    page = open_page(browser, streamlit_server, PAGES[page_id], lang, "wide", wait_ready)
    try:
        button = page.locator(f".st-key-{play} button")
        before = page.locator("[data-testid=stMain]").inner_text()
        button.click()
        # a few frames have drawn something new
        assert wait_until(page, lambda: page.locator("[data-testid=stMain]").inner_text()
                          != before), "Play changed nothing on the page"
        found = violations(page, f"{page_id} {lang} playing")
        button.click()  # Pause
        settle(page, wait_ready)
        found += violations(page, f"{page_id} {lang} after Play")
    finally:
        page.close()
    assert not found, f"{len(found)} axe violations:\n" + "\n".join(found)


@pytest.mark.parametrize("page_id", list(PAGES))
def test_targets_at_least_24px_on_a_phone(browser, streamlit_server, wait_ready, page_id):
    page = open_page(browser, streamlit_server, PAGES[page_id], "en", "phone", wait_ready)
    try:
        found = small_targets(page)
    finally:
        page.close()
    assert not found, f"{page_id} at 390x844:\n" + "\n".join(found)


def test_html_lang_follows_the_language(browser, streamlit_server, wait_ready, mark):
    page = open_page(browser, streamlit_server, "Neuron", "zh", "wide", wait_ready)
    try:
        page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
        since = mark(page)
        page.locator("[data-testid=stSidebar] [data-testid=stButtonGroup] button").filter(
            has_text="English").click()
        wait_ready(page, since=since)
        page.wait_for_function("() => document.documentElement.lang === 'en'")
        # another page, by its sidebar link: the language stays
        page.goto(f"{streamlit_server}/MLP?lang=zh")
        wait_ready(page)
        page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
    finally:
        page.close()


def test_notices_and_training_are_announced(browser, streamlit_server, wait_ready,
                                            wait_until):
    """A bad link's notice is an alert; while training, a polite live region says the
    epoch and the losses, and says once that training paused."""
    page = open_page(browser, streamlit_server, "MLP", "en", "wide", wait_ready, lr="junk")
    try:
        alert = page.locator("[role=alert]").filter(has_text="lr=")
        assert alert.count() == 1
        region = page.locator("[role=status][aria-live=polite]")
        assert region.count() == 1
        assert region.inner_text().startswith("Training paused at epoch 0")
        page.locator(".st-key-mlp_play_btn button").click()
        assert wait_until(page, lambda: region.inner_text().startswith("Epoch ")), (
            region.inner_text())
        said = region.inner_text()
        assert "training loss" in said and "test loss" in said
        page.locator(".st-key-mlp_play_btn button").click()  # Pause
        assert wait_until(page, lambda: region.inner_text().startswith("Training paused"))
    finally:
        page.close()
