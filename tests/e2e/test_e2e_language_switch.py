"""A language switch, then any other change: the page's translated choices still hold their
values, in Chromium.

A choice widget (selectbox, pills) sends the browser's label of its choice back, and a keyed
widget keeps its browser state when its labels change. Before ``ui.state.relabel``, the
browser kept the old language's labels after a switch, and the next run took them for
values: on the MLP page ``reg='None'`` raised ValueError (a traceback instead of the page),
and links carried ``init=Xavier (Glorot) uniform``. Only a real browser keeps that state:
AppTest sends the labels of the run it last saw.
"""

from __future__ import annotations

import pytest

from bench.harness import mark

pytestmark = pytest.mark.e2e

#: page path -> the URL values its translated choices must keep (from the default link)
PAGES = {
    "MLP": {"reg": "none", "init": "xavier", "act": "tanh", "opt": "sgd", "dataset": "circle"},
    "Neuron": {},
    "Backprop": {},
    "Activations": {},
    "Lessons": {},
    "Optimizers": {},
}


def click_and_wait(page, locator, wait_ready) -> None:
    since = mark(page)
    locator.click()
    wait_ready(page, since=since)


@pytest.mark.parametrize("path", list(PAGES))
def test_switch_language_then_change_something(page, streamlit_server, wait_ready,
                                               assert_no_exception, path):
    page.goto(f"{streamlit_server}/{path}?lang=en")
    wait_ready(page)
    before = page.url.split("?", 1)[1]
    sidebar = page.locator("[data-testid=stSidebar]")
    click_and_wait(page, sidebar.locator("[data-testid=stButtonGroup] button").filter(
        has_text="中文"), wait_ready)
    page.wait_for_url(lambda url: "lang=zh" in url)
    # the next run after the switch: the one that read the old labels as values
    click_and_wait(page, sidebar.locator(".st-key-frame_present_switch label"), wait_ready)
    page.wait_for_url(lambda url: "present=1" in url)
    assert_no_exception(page)
    query = page.url.split("?", 1)[1]
    for name, value in PAGES[path].items():
        assert f"&{name}={value}&" in f"&{query}&", (name, before, query)
    # every setting the link carried before is carried the same (only lang and present moved)
    def rest(q: str) -> list[str]:
        return sorted(p for p in q.split("&") if not p.startswith(("lang=", "present=")))

    assert rest(query) == rest(before)
