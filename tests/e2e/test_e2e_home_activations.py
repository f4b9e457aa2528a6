"""Home and activations pages in a real browser: language from the locale and the URL,
a deep link on a fresh server, a slider moved with the keyboard redraws the chart, and the
sidebar links bring a page back with its settings."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest

from bench import harness
from bench.harness import mark, wait_drawn
from ui.i18n import tr

pytestmark = pytest.mark.e2e

CHART = "[data-testid=stVegaLiteChart]"


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def sidebar_links(page) -> list[str]:
    """Labels of the sidebar page links (the Material icon's name is text too: drop it)."""
    texts = page.locator("[data-testid=stSidebar] [data-testid=stPageLink]").all_inner_texts()
    return [t.strip().split("\n")[-1].strip() for t in texts]


def test_home_page_in_english(page, streamlit_server, wait_ready, shot, assert_no_exception):
    page.goto(streamlit_server)
    wait_ready(page)
    assert_no_exception(page)
    page.get_by_role("heading", level=1, name=tr("home.title", "en")).wait_for()
    for card in ("activations", "neuron", "mlp", "backprop"):
        assert page.get_by_text(tr(f"home.card.{card}", "en")).is_visible()
    from ui import frame

    assert sidebar_links(page) == [tr(f"nav.{p.id}", "en") for p in frame.PAGES]
    assert [p.id for p in frame.PAGES][:5] == ["home", "activations", "neuron", "mlp",
                                                "backprop"]
    page.wait_for_url(re.compile(r"lang=en"))  # the language is put in the URL
    shot(page, "home-en")


def test_home_follows_a_chinese_browser_locale(browser, streamlit_server, wait_ready, shot):
    page = harness.new_page(browser, locale="zh-CN")
    try:
        page.goto(streamlit_server)
        wait_ready(page)
        page.get_by_role("heading", level=1, name=tr("home.title", "zh")).wait_for()
        page.wait_for_url(re.compile(r"lang=zh"))
        shot(page, "home-zh-locale")
    finally:
        page.context.close()


def test_deep_link_in_chinese_then_move_a_slider(
    page, fresh_streamlit_server, wait_ready, shot, assert_no_exception, slider_thumb
):
    # The first request to a fresh server is the deep link (what a shared link does).
    page.goto(f"{fresh_streamlit_server}/Activations?lang=zh")
    wait_ready(page)
    assert_no_exception(page)
    page.get_by_role("heading", level=1, name=tr("nav.activations", "zh")).wait_for()
    sidebar = page.locator("[data-testid=stSidebar]")
    assert sidebar.is_visible()
    assert tr("nav.home", "zh") in sidebar_links(page)
    assert page.get_by_text(tr("act.tab.curves", "zh"), exact=True).is_visible()
    page.locator(CHART).first.wait_for()
    wait_drawn(page)  # Vega finished drawing before the first picture
    shot(page, "activations-zh")

    chart = page.locator(CHART).first
    before = chart.screenshot()
    thumb = slider_thumb(page, tr("act.leaky_alpha", "zh"))
    start = float(thumb.input_value())
    since = mark(page)
    thumb.focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    wait_ready(page, since=since)
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('leaky_alpha') !== '0.01'"
    )
    wait_ready(page)
    wait_drawn(page)
    moved = float(thumb.input_value())
    assert moved == pytest.approx(start + 0.30, abs=1e-9)
    assert float(query(page)["leaky_alpha"][0]) == pytest.approx(moved)
    assert chart.screenshot() != before  # the curve was redrawn with the new slope
    assert_no_exception(page)
    shot(page, "activations-zh-alpha")

    # Switching the language keeps the page and its settings.
    page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).click()
    page.get_by_role("heading", level=1, name=tr("nav.activations", "en")).wait_for()
    wait_ready(page)
    q = query(page)
    assert q["lang"] == ["en"] and float(q["leaky_alpha"][0]) == pytest.approx(moved)
    assert_no_exception(page)

    # The sidebar link goes home, keeping the language.
    sidebar.get_by_text(tr("nav.home", "en"), exact=True).click()
    page.get_by_role("heading", level=1, name=tr("home.title", "en")).wait_for()
    wait_ready(page)
    assert query(page)["lang"] == ["en"]
    assert_no_exception(page)


def test_every_activations_tab_renders(
    page, streamlit_server, wait_ready, shot, assert_no_exception
):
    page.goto(f"{streamlit_server}/Activations?lang=en")
    wait_ready(page)
    for tab in ("why", "depth", "table", "variants"):
        since = mark(page)
        page.get_by_role("tab", name=tr(f"act.tab.{tab}", "en")).click()
        wait_ready(page, since=since)
        wait_drawn(page, "[data-testid=stDataFrame]" if tab == "table" else CHART)
        assert_no_exception(page)
        assert query(page)["tab"] == [tab]
        selected = page.locator("[role=tab][aria-selected=true]").inner_text()
        assert selected == tr(f"act.tab.{tab}", "en")
        shot(page, f"activations-{tab}")
    # a language switch keeps the open tab
    page.locator("[data-testid=stSidebar]").get_by_text("中文", exact=True).click()
    page.get_by_role("heading", level=1, name=tr("nav.activations", "zh")).wait_for()
    wait_ready(page)
    selected = page.locator("[role=tab][aria-selected=true]").inner_text()
    assert selected == tr("act.tab.variants", "zh")
    assert_no_exception(page)
    shot(page, "activations-variants-zh")


def test_sidebar_links_bring_a_page_back_with_its_settings(
    page, streamlit_server, wait_ready, assert_no_exception, slider_thumb
):
    # set up the MLP page, go to the activations page and come back through the sidebar
    page.goto(streamlit_server + "/MLP?lang=en&dataset=xor&layers=3,2&noise=10")
    wait_ready(page)
    thumb = slider_thumb(page, tr("mlp.noise", "en"))
    since = mark(page)
    thumb.focus()
    page.keyboard.press("ArrowRight")  # noise 10 -> 15
    page.wait_for_url(re.compile(r"noise=15"))
    wait_ready(page, since=since)
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_role("link", name=tr("nav.activations", "en")).click()
    page.get_by_role("heading", level=1, name=tr("nav.activations", "en")).wait_for()
    wait_ready(page)
    sidebar.get_by_role("link", name=tr("nav.mlp", "en")).click()
    page.get_by_role("heading", level=1, name=tr("mlp.title", "en")).wait_for()
    wait_ready(page)
    assert_no_exception(page)
    q = query(page)
    assert q["dataset"] == ["xor"] and q["noise"] == ["15"] and q["layers"] == ["3,2"]
    assert slider_thumb(page, tr("mlp.noise", "en")).input_value() == "15"


def test_hostile_link_values_show_as_inert_text(
    page, streamlit_server, wait_ready, shot, assert_no_exception
):
    # issue 10: a value in a shared link must not become a link or an image in the notice
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if urlparse(r.url).hostname == "evil.example" else None)
    link = "[Click here to fix your settings](https://evil.example/login)"
    pixel = "![pixel](https://evil.example/t.png)"
    page.goto(
        f"{streamlit_server}/Activations?lang=en&g=sigmoid,{quote(link)}"
        f"&z={quote(pixel)}&tau={quote('<img src=https://evil.example/i.png>')}&foo={quote(link)}"
    )
    wait_ready(page)
    assert_no_exception(page)
    alerts = page.locator("[data-testid=stAlert]")
    assert alerts.count() == 1  # one notice box for every problem of the link
    alert = alerts.first
    text = alert.inner_text()
    assert link[:50] in text and pixel in text  # literal (a long value is cut with "…")
    assert alert.locator("a, img").count() == 0
    assert outside == []
    assert "foo" not in query(page)  # a parameter the page does not know leaves the link
    shot(page, "activations-hostile-link")


def test_range_thumbs_on_one_value_still_draw(
    page, streamlit_server, wait_ready, assert_no_exception, slider_thumb
):
    # issue 10: both ends of the z range on one value raised "need finite lo < hi"
    page.goto(f"{streamlit_server}/Activations?lang=en&z=-6,-5")
    wait_ready(page)
    since = mark(page)
    slider_thumb(page, tr("act.range", "en")).focus()  # the left thumb, on -6
    page.keyboard.press("ArrowRight")
    wait_ready(page, since=since)
    assert_no_exception(page)
    page.get_by_text(tr("act.range_widened", "en", lo=-5, hi=-4)).wait_for()
