"""The MLP page in a real browser: a shared link opens the same run, Play trains live (the
epoch counter, the loss chart and the boundary picture change), Pause stops all training,
a new learning rate keeps the network, and no exception element ever shows."""

from __future__ import annotations

import base64
import re

import pytest

from ui.i18n import tr

pytestmark = pytest.mark.e2e

LINK = "/MLP?lang=en&dataset=spiral&layers=8,8&full=1&act=tanh&lr=0.03&opt=adam&seed=3&test=1"


def epoch(page) -> int:
    """The epoch counter (the first metric), as shown."""
    text = page.locator("[data-testid=stMetricValue]").first.inner_text()
    return int(text.replace(",", ""))


def picture(page, name: str) -> str:
    """The data URL of the picture whose alt text is ``mlp.alt.<name>``."""
    alt = tr(f"mlp.alt.{name}", "en")
    img = page.locator(f'[data-testid=stImage] img[alt="{alt}"]').first
    img.wait_for()
    return img.get_attribute("src")


def loss_chart(page) -> str:
    """The rendered loss chart (its SVG markup), to see it change."""
    chart = page.locator("[data-testid=stVegaLiteChart]").filter(
        has_text=tr("mlp.series.test", "en")
    ).first
    return chart.inner_html()


def test_shared_link_play_pause_and_learning_rate(
    page, streamlit_server, wait_ready, shot, assert_no_exception, slider_thumb
):
    page.goto(streamlit_server + LINK)
    wait_ready(page)
    assert_no_exception(page)
    page.get_by_role("heading", level=1, name=tr("mlp.title", "en")).wait_for()
    # the link's settings are the page's: spiral, two layers of 8, Adam
    assert epoch(page) == 0
    assert page.get_by_label(tr("mlp.optimizer", "en")).first.is_visible()
    diagram = base64.b64decode(picture(page, "diagram").split(",", 1)[1]).decode()
    assert diagram.count("data-node=") == 2 + 8 + 8 + 1
    start_boundary = picture(page, "boundary")
    start_loss = loss_chart(page)

    page.get_by_role("button", name=tr("mlp.play", "en")).click()
    page.get_by_role("button", name=tr("mlp.pause", "en")).wait_for()
    page.wait_for_function(
        "() => parseInt(document.querySelector('[data-testid=stMetricValue]')"
        ".innerText.replace(/,/g, '')) > 20",
        timeout=30_000,
    )
    first = epoch(page)
    page.wait_for_timeout(1500)
    second = epoch(page)
    assert second > first > 0, (first, second)  # the counter keeps advancing while playing
    assert loss_chart(page) != start_loss  # the loss curves grew
    assert picture(page, "boundary") != start_boundary  # the boundary moved
    assert_no_exception(page)

    page.get_by_role("button", name=tr("mlp.pause", "en")).click()
    page.get_by_role("button", name=tr("mlp.play", "en")).wait_for()
    wait_ready(page)
    paused = epoch(page)
    page.wait_for_timeout(1500)
    assert epoch(page) == paused  # pausing stops all training
    page.wait_for_timeout(400)  # let the last pictures settle before the screenshot
    shot(page, "mlp-trained")

    # a larger learning rate: the network keeps its weights and its epoch
    thumb = slider_thumb(page, tr("mlp.lr", "en"))
    before = thumb.get_attribute("aria-valuetext") or thumb.input_value()
    thumb.focus()
    page.keyboard.press("ArrowRight")
    wait_ready(page)
    after = thumb.get_attribute("aria-valuetext") or thumb.input_value()
    assert after != before
    assert re.search(r"[?&]lr=0\.1(&|$)", page.url), page.url
    assert epoch(page) == paused
    assert_no_exception(page)


def test_play_pause_cycles_leave_no_server_traceback(
    page, streamlit_server, wait_ready, assert_no_exception, server_log
):
    # issue 10: Pause while the live fragments run raised StreamlitInvalidLayoutContextError
    # on the server in about 1 cycle of 10 (the fragments wrote into containers made by
    # the page run; now each draws only inside its own container)
    before = server_log(streamlit_server).count("Traceback")
    page.goto(streamlit_server + "/MLP?lang=en&dataset=xor&layers=4")
    wait_ready(page)
    for cycle in range(12):
        page.get_by_role("button", name=tr("mlp.play", "en")).click()
        page.get_by_role("button", name=tr("mlp.pause", "en")).wait_for()
        page.wait_for_timeout(250 + 90 * cycle)  # pause at a different moment of a frame
        page.get_by_role("button", name=tr("mlp.pause", "en")).click()
        page.get_by_role("button", name=tr("mlp.play", "en")).wait_for()
    wait_ready(page)
    page.wait_for_timeout(1000)
    assert_no_exception(page)
    assert epoch(page) > 0
    log = server_log(streamlit_server)
    assert log.count("Traceback") == before, log[-4000:]
