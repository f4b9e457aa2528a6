"""The MLP page in a real browser: a shared link opens the same run, Play trains live (the
epoch counter, the loss chart and the boundary picture change), Pause stops all training,
a new learning rate keeps the network, and no exception element ever shows."""

from __future__ import annotations

import base64
import re

import pytest

from bench.harness import mark, wait_drawn
from ui import describe
from ui.i18n import tr
from ui.mlp.live import INTERVAL, SLOW_INTERVAL

pytestmark = pytest.mark.e2e

LINK = "/MLP?lang=en&dataset=spiral&layers=8,8&full=1&act=tanh&lr=0.03&opt=adam&seed=3&test=1"
#: a deliberate pause (ms) in which either live fragment, still running, would have trained
#: again: three of the slow fragment's periods, more than five of the fast one's
QUIET_MS = 1000 * max(5 * INTERVAL, 3 * SLOW_INTERVAL)
#: what the pictures and charts are (to wait until they are drawn before a screenshot)
PICTURES = "[data-testid=stVegaLiteChart], [data-testid=stImage]"


def epoch(page) -> int:
    """The epoch counter (the first metric), as shown."""
    text = page.locator("[data-testid=stMetricValue]").first.inner_text()
    return int(text.replace(",", ""))


def picture(page, name: str) -> str:
    """The data URL of the picture whose alt text starts with ``mlp.alt.<name>`` (what
    follows says what it shows now)."""
    alt = tr(f"mlp.alt.{name}", "en")
    # the boundary's text alternative says what it shows now (ui.describe)
    found = describe.boundary_selector("en") if name == "boundary" else f'img[alt^="{alt}"]'
    img = page.locator(found).first
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
    page.wait_for_function(
        "(n) => parseInt(document.querySelector('[data-testid=stMetricValue]')"
        ".innerText.replace(/,/g, '')) > n", arg=first, timeout=30_000)
    second = epoch(page)
    assert second > first > 0, (first, second)  # the counter keeps advancing while playing
    assert loss_chart(page) != start_loss  # the loss curves grew
    assert picture(page, "boundary") != start_boundary  # the boundary moved
    assert_no_exception(page)

    page.get_by_role("button", name=tr("mlp.pause", "en")).click()
    page.get_by_role("button", name=tr("mlp.play", "en")).wait_for()
    wait_ready(page)
    paused = epoch(page)
    page.wait_for_timeout(QUIET_MS)  # the point: nothing trains in that time
    assert epoch(page) == paused  # pausing stops all training
    wait_drawn(page, PICTURES)  # the last pictures settled before the screenshot
    shot(page, "mlp-trained")

    # a larger learning rate: the network keeps its weights and its epoch
    thumb = slider_thumb(page, tr("mlp.lr", "en"))
    before = thumb.get_attribute("aria-valuetext") or thumb.input_value()
    since = mark(page)
    thumb.focus()
    page.keyboard.press("ArrowRight")
    wait_ready(page, since=since)
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
        # the point: pause at a different moment of a frame each cycle (1.4 to 6.9 of
        # the fast fragment's periods, across the slow fragment's frames too)
        page.wait_for_timeout(1000 * INTERVAL * (1.4 + 0.5 * cycle))
        page.get_by_role("button", name=tr("mlp.pause", "en")).click()
        page.get_by_role("button", name=tr("mlp.play", "en")).wait_for()
    wait_ready(page)
    # the point: a frame already due at the last Pause runs within the quiet time; its
    # exception, if any, then shows on the page and in the log
    page.wait_for_timeout(QUIET_MS)
    assert_no_exception(page)
    assert epoch(page) > 0
    log = server_log(streamlit_server)
    assert log.count("Traceback") == before, log[-4000:]


def _record_runs(page) -> list[dict]:
    """Record, from the page's websocket, every rerun request the browser sends (its
    fragment id, "" for a whole page run) and every element the server sends back."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    log: list[dict] = []

    def sent(payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            msg = BackMsg.FromString(bytes(payload))
            if msg.WhichOneof("type") == "rerun_script":
                log.append({"fragment": msg.rerun_script.fragment_id, "elements": [],
                            "labels": []})

    def received(payload) -> None:
        if not isinstance(payload, (bytes, bytearray)) or not log:
            return
        msg = ForwardMsg.FromString(bytes(payload))
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            kind = msg.delta.new_element.WhichOneof("type")
            label = getattr(getattr(msg.delta.new_element, kind), "label", "")
            log[-1]["elements"].append(kind)
            log[-1]["labels"].append(f"{kind}:{label}")

    def on_socket(ws) -> None:
        ws.on("framesent", sent)
        ws.on("framereceived", received)

    page.on("websocket", on_socket)
    return log


def _press_right(page, log, label: str, url_has: str, wait_ready, slider_thumb) -> list[str]:
    """Press the right arrow on slider ``label`` until the URL holds ``url_has``; check that
    every rerun it caused was a fragment's; return the elements the server sent (their
    kinds, then ``kind:label`` of each)."""
    del log[:]
    thumb = slider_thumb(page, label)
    since = mark(page)
    thumb.focus()
    page.keyboard.press("ArrowRight")
    wait_ready(page, since=since)
    page.wait_for_function(f"() => location.search.includes('{url_has}')")
    assert log and all(run["fragment"] for run in log), log
    return [e for run in log for e in run["elements"] + run["labels"]]


def test_a_slider_reruns_its_fragment_only(page, streamlit_server, wait_ready,
                                           assert_no_exception, slider_thumb):
    # issue 14: below the intro the page is one fragment, the hyper-parameters a fragment
    # inside it; a slider there reruns its fragment, never the frame and the title
    log = _record_runs(page)
    page.goto(streamlit_server + "/MLP?lang=en&dataset=xor")
    wait_ready(page)
    since = mark(page)
    page.get_by_role("button", name=tr("mlp.step", "en")).click()
    wait_ready(page, since=since)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stMetricValue]').innerText === '1'")
    boundary = picture(page, "boundary")

    # the learning rate: a fragment of its one slider; the network and its pictures stay
    sent = _press_right(page, log, tr("mlp.lr", "en"), "lr=0.1", wait_ready, slider_thumb)
    assert "heading" not in sent and "imgs" not in sent, sent  # no title, no pictures
    assert f"slider:{tr('mlp.lr', 'en')}" in sent and "selectbox" not in sent, sent
    assert epoch(page) == 1 and picture(page, "boundary") == boundary

    # the noise: new data; the data controls' fragment reruns with the live view, not the
    # run buttons and the hyper-parameters above them, nor the closed export panel's content
    sent = _press_right(page, log, tr("mlp.noise", "en"), "noise=5", wait_ready, slider_thumb)
    assert "heading" not in sent and "imgs" in sent, sent
    assert f"button:{tr('mlp.play', 'en')}" not in sent, sent
    assert f"slider:{tr('mlp.lr', 'en')}" not in sent and "download_button" not in sent, sent
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stMetricValue]').innerText === '0'")
    assert picture(page, "boundary") != boundary  # new data: the picture changed
    assert_no_exception(page)
