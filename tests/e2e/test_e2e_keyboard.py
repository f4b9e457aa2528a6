"""Keyboard only, in Chromium: the Sigmoid lesson and an MLP training run (Play, the
learning rate, Pause, Step) with Tab, arrows, Space and Enter; no mouse event at all.

Every control the test stops on has a visible focus indicator (an outline or a ring) and
is not hidden under Streamlit's sticky header (WCAG 2.4.7, 2.4.11).
"""

from __future__ import annotations

import pytest

from bench import harness
from ui.i18n import tr

pytestmark = pytest.mark.e2e

#: Tab presses allowed to reach a control
MAX_TABS = 250

#: where the focused element is and whether its focus shows: its box, the sticky
#: header's bottom, and whether an outline or a box shadow (Streamlit's rings) is drawn on
#: it or on the widget around it
_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  const header = document.querySelector('[data-testid=stHeader]');
  const h = header ? header.getBoundingClientRect() : null;
  // the header covers what is below it only where it is (not over the sidebar)
  const top = h && r.right > h.left && r.left < h.right && !header.contains(e) ? h.bottom : 0;
  const shown = (el) => { const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
        || (s.boxShadow && s.boxShadow !== 'none'); };
  let ring = false;
  for (let el = e, i = 0; el && i < 4; el = el.parentElement, i++) ring = ring || shown(el);
  return {top: r.top, bottom: r.bottom, header: top, ring: ring,
          key: (e.closest('[class*="st-key-"]') || {className: ''}).className
                 .split(' ').filter((c) => c.startsWith('st-key-')).join(' '),
          text: (e.getAttribute('aria-label') || e.innerText || '').slice(0, 60)};
}"""


def tab_to(page: object, key: str, reverse: bool = False, what: str = "*") -> dict:
    """Press Tab (Shift+Tab) until the focus is on an element matching ``what`` inside the
    widget with key ``key``; the focus's place (``_FOCUS``), checked visible and clear of
    the sticky header."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if reverse else "Tab")
        where = page.evaluate(_FOCUS)
        if (where and f"st-key-{key}" in where["key"].split(" ")
                and page.evaluate("(w) => document.activeElement.matches(w)", what)):
            assert where["ring"], f"no visible focus on {where}"
            assert where["top"] >= where["header"] - 1, f"focus under the header: {where}"
            return where
    raise AssertionError(f"Tab never reached the widget {key!r}")


def test_sigmoid_lesson_with_the_keyboard(page, streamlit_server, wait_ready, wait_until):
    # the lesson's link, as the Lessons page opens it (ui.course.catalog: "sigmoid")
    page.goto(f"{streamlit_server}/Activations?lang=en&lesson=sigmoid&tab=depth&g=sigmoid"
              "&depth=1")
    wait_ready(page)
    panel = page.locator(".st-key-lessons_panel")
    # the prediction: Tab to the question, arrows to "less than a millionth", Space
    tab_to(page, "lessons_choice_sigmoid")  # ui.course.progress.choice_key
    choice = panel.get_by_text("Less than a millionth")
    for _ in range(3):
        if page.evaluate("() => document.activeElement.checked === true && document."
                         "activeElement.closest('label').innerText.includes('millionth')"):
            break
        page.keyboard.press("ArrowDown")
        wait_ready(page)
    page.keyboard.press("Space")
    wait_ready(page)
    assert choice.count()
    # the run: Tab to the depth slider, move it with the arrow keys to L = 10 (the task)
    tab_to(page, "act_depth", what="input[type=range], [role=slider]")
    thumb = page.locator(".st-key-act_depth input[type=range]")
    assert harness.press_until(page, thumb, 10) == 10
    assert wait_until(page, lambda: "What happened" in panel.inner_text()), (
        "the lesson's explanation never came")
    wait_ready(page)
    assert "Your prediction was right." in panel.inner_text()


def test_train_the_mlp_with_the_keyboard(page, streamlit_server, wait_ready, wait_until,
                                         mark):
    page.goto(f"{streamlit_server}/MLP?lang=en")
    wait_ready(page)

    def epoch() -> int:
        metric = page.locator("[data-testid=stMetric]").filter(has_text="Epoch")
        return int(metric.locator("[data-testid=stMetricValue]").inner_text().replace(",", ""))

    assert epoch() == 0
    tab_to(page, "mlp_play_btn")
    page.keyboard.press("Enter")  # Play
    assert wait_until(page, lambda: epoch() > 0), "Play (Enter) trained nothing"
    # the learning rate: a select slider, moved with the arrow keys while playing
    lr_before = page.url.split("lr=")[1].split("&")[0]
    tab_to(page, "mlp_lr", what="input[type=range], [role=slider]")
    thumb = page.locator(".st-key-mlp_lr input[type=range]")
    shown = thumb.get_attribute("aria-valuetext") or thumb.input_value()
    page.keyboard.press("ArrowRight")
    # two steps, each with its own message: the slider moved under the key (the focus was
    # still on it), then the session took the new rate (the link follows it)
    assert wait_until(page, lambda: (thumb.get_attribute("aria-valuetext")
                                     or thumb.input_value()) != shown), (
        "the slider did not move under the arrow key", page.evaluate(_FOCUS))
    assert wait_until(page, lambda: page.url.split("lr=")[1].split("&")[0] != lr_before), (
        "the slider moved but the learning rate did not follow it", page.url,
        thumb.get_attribute("aria-valuetext"), thumb.input_value())
    tab_to(page, "mlp_play_btn", reverse=True)
    since = mark(page)
    page.keyboard.press("Enter")  # Pause
    # the run Pause started: it records what the training thread trained since the last
    # frame, so the epoch shown may jump once before it holds still. A live frame sent just
    # after the key can finish first (and the page look idle) before that run has drawn
    # the jump: wait for the Play button, which only the Pause's own run draws, then for
    # that run to end
    wait_ready(page, since=since)
    page.get_by_role("button", name=tr("mlp.play", "en")).wait_for()
    wait_ready(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=true]')")
    paused = epoch()
    assert wait_until(page, lambda: epoch() == paused)
    tab_to(page, "mlp_step_btn")
    since = mark(page)
    page.keyboard.press("Enter")  # Step: one epoch
    wait_ready(page, since=since)
    assert wait_until(page, lambda: epoch() == paused + 1), (paused, epoch())
    assert page.url.split("lr=")[1].split("&")[0] != lr_before
