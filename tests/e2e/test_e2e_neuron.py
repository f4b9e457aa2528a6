"""The single-neuron page in a real browser: Step grows the loss curve, a slider moves the
neuron, XOR points to the MLP page with its data in the link; no exception anywhere."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from bench.harness import mark, wait_drawn
from ui.i18n import tr
from ui.neuron import live

pytestmark = pytest.mark.e2e

LOSS_PATH = ".st-key-chart-neuron-loss g.mark-line path"
TALL = {"width": 1400, "height": 2600}  # the whole page in one screenshot
#: a deliberate pause (ms) in which a timer still running would have stepped five times
FIVE_TICKS_MS = 5 * live.TICK * 1000


def loss_points(page) -> int:
    """Vertices of the loss line as drawn by Vega (M and L commands of the SVG path)."""
    paths = page.locator(LOSS_PATH)
    if not paths.count():
        return 0
    return len(re.findall(r"[ML]", paths.first.get_attribute("d") or ""))


def metric_value(page, label: str) -> str:
    box = page.locator("[data-testid=stMetric]").filter(has_text=label)
    return box.locator("[data-testid=stMetricValue]").inner_text().strip()


def test_step_grows_the_loss_curve(page, streamlit_server, wait_ready, shot,
                                   assert_no_exception):
    page.set_viewport_size(TALL)
    page.goto(f"{streamlit_server}/Neuron?lang=en")
    wait_ready(page)
    assert_no_exception(page)
    page.get_by_role("heading", level=1, name=re.compile("A single neuron")).wait_for()
    page.locator(".st-key-chart-neuron-plane [data-testid=stVegaLiteChart]").wait_for()
    step = page.get_by_role("button", name=tr("neuron.step", "en"), exact=True)
    counts = [loss_points(page)]
    for k in range(1, 5):
        since = mark(page)
        step.click()
        wait_ready(page, since=since)
        page.wait_for_function(
            """([sel, n]) => { const p = document.querySelector(sel);
                 return p && (p.getAttribute('d').match(/[ML]/g) || []).length > n; }""",
            arg=[LOSS_PATH, counts[-1]],
        )
        counts.append(loss_points(page))
        assert metric_value(page, tr("neuron.m.step", "en")) == str(k)
    assert counts == sorted(set(counts)) and counts[-1] >= counts[0] + 4
    assert page.locator("[data-testid=stException]").count() == 0
    wait_drawn(page)  # the charts finished drawing before the picture
    shot(page, "neuron-steps")
    assert_no_exception(page)


def open_plane(page, url: str, wait_ready):
    """The page at ``url`` once its plane chart is drawn; the chart's locator."""
    page.goto(url)
    wait_ready(page)
    plane = page.locator(".st-key-chart-neuron-plane [data-testid=stVegaLiteChart]")
    plane.wait_for()
    return plane


def press_right(page, thumb, times: int) -> None:
    """Focus a slider's thumb and press the right arrow ``times`` times."""
    thumb.focus()
    for _ in range(times):
        page.keyboard.press("ArrowRight")


def test_slider_moves_the_neuron(page, streamlit_server, wait_ready, assert_no_exception,
                                 slider_thumb):
    plane = open_plane(page, f"{streamlit_server}/Neuron?lang=en&w1=1&w2=0&b=0&x1=1&x2=2",
                       wait_ready)
    wait_drawn(page)
    before = plane.screenshot()
    press_right(page, slider_thumb(page, "b"), 50)  # steps of 0.01
    page.wait_for_function(
        "() => parseFloat(new URLSearchParams(location.search).get('b')) >= 0.1"
    )
    wait_ready(page)
    b = float(parse_qs(urlparse(page.url).query)["b"][0])
    # the page shows z = 1 * 1 + 0 * 2 + b at the input point
    page.locator(".katex", has_text=f"{1 + b:.4f}").first.wait_for()
    wait_drawn(page)
    assert plane.screenshot() != before
    assert_no_exception(page)


def test_xor_in_chinese_links_to_the_mlp_page(page, streamlit_server, wait_ready, shot,
                                              assert_no_exception):
    page.set_viewport_size(TALL)
    page.goto(f"{streamlit_server}/Neuron?lang=zh&dataset=xor&seed=7&noise=10")
    wait_ready(page)
    assert_no_exception(page)
    page.get_by_text(re.compile("单个神经元无法分开 XOR")).wait_for()
    link = page.get_by_role("link", name=re.compile(tr("neuron.mlp_link", "zh")))
    href = urlparse(link.get_attribute("href"))
    assert href.path.split("/")[-1] == "MLP"
    assert parse_qs(href.query) == {"dataset": ["xor"], "noise": ["10"], "seed": ["7"],
                                    "lang": ["zh"]}
    since = mark(page)
    page.get_by_role("button", name=tr("neuron.step100", "zh"), exact=True).click()
    wait_ready(page, since=since)
    assert metric_value(page, tr("neuron.m.step", "zh")) == "100"
    wait_drawn(page)
    shot(page, "neuron-xor-zh")
    assert_no_exception(page)


def test_play_trains_live_and_stops_by_itself_at_convergence(page, streamlit_server, wait_ready,
                                                             assert_no_exception):
    page.goto(f"{streamlit_server}/Neuron?lang=en&speed=1")
    wait_ready(page)
    step_label = tr("neuron.m.step", "en")
    page.get_by_role("button", name=tr("neuron.play", "en")).click()
    # the fragment's timer trains a step per frame without any click
    page.wait_for_function(
        """(label) => [...document.querySelectorAll('[data-testid=stMetric]')]
             .some(m => m.innerText.startsWith(label) && parseInt(
                 m.querySelector('[data-testid=stMetricValue]').innerText) >= 5)""",
        arg=step_label, timeout=30_000,
    )
    page.get_by_role("button", name=tr("neuron.pause", "en")).click()
    page.get_by_role("button", name=tr("neuron.play", "en")).wait_for()
    wait_ready(page)
    paused = metric_value(page, step_label)
    # the point of the test: nothing steps in five of the timer's periods after Pause
    page.wait_for_timeout(FIVE_TICKS_MS)
    assert metric_value(page, step_label) == paused
    assert_no_exception(page)

    # the perceptron converges in a few passes; Play then switches itself off
    page.goto(f"{streamlit_server}/Neuron?lang=en&rule=perceptron&seed=2&speed=1")
    wait_ready(page)
    page.get_by_role("button", name=tr("neuron.play", "en")).click()
    page.get_by_text(re.compile("has converged after")).wait_for(timeout=30_000)
    wait_ready(page)
    # the point of the test: a late frame of the timer must not undo the stop (five of
    # its periods, in which a timer still running would have stepped)
    page.wait_for_timeout(FIVE_TICKS_MS)
    wait_ready(page)
    assert page.get_by_text(re.compile("has converged after")).is_visible()
    assert page.get_by_role("button", name=tr("neuron.play", "en")).is_disabled()
    assert int(metric_value(page, step_label)) >= 2
    assert_no_exception(page)


def test_the_point_slider_reruns_its_fragment_only(page, streamlit_server, wait_ready,
                                                   assert_no_exception, slider_thumb):
    """x1 lives with the plane and the formulas in a fragment: the browser asks for that
    fragment's run (a ``rerun_script`` with a fragment id), the plane and z update, the URL
    follows, and the run's steps outside the fragment stay."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    reruns: list[str] = []  # fragment id of each rerun the browser asks for ("" = page)

    def on_frame(payload):
        if isinstance(payload, bytes):
            msg = BackMsg.FromString(payload)
            if msg.WhichOneof("type") == "rerun_script":
                reruns.append(msg.rerun_script.fragment_id)

    page.on("websocket", lambda ws: ws.on("framesent", on_frame))
    page.goto(f"{streamlit_server}/Neuron?lang=en&w1=1&w2=0&b=0&x1=1&x2=2")
    wait_ready(page)
    since = mark(page)
    page.get_by_role("button", name=tr("neuron.step", "en"), exact=True).click()
    wait_ready(page, since=since)
    step_label = tr("neuron.m.step", "en")
    assert metric_value(page, step_label) == "1"
    plane = page.locator(".st-key-chart-neuron-plane [data-testid=stVegaLiteChart]")
    wait_drawn(page)
    before = plane.screenshot()
    reruns.clear()
    thumb = slider_thumb(page, "x₁")
    thumb.focus()
    for _ in range(20):  # steps of 0.1: x1 = 1 -> 3
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => parseFloat(new URLSearchParams(location.search).get('x1')) >= 2.9")
    wait_ready(page)
    page.locator(".katex", has_text="3.00").first.wait_for()
    wait_drawn(page)
    assert plane.screenshot() != before  # the point moved on the plane
    assert reruns and all(reruns), reruns  # fragment runs only, never the whole page
    assert metric_value(page, step_label) == "1"
    assert_no_exception(page)


def test_play_draws_the_path_on_the_loss_landscape(page, streamlit_server, wait_ready, shot,
                                                   assert_no_exception):
    """With the landscape shown, Play grows the path drawn on it, frame by frame."""
    page.set_viewport_size(TALL)
    page.goto(f"{streamlit_server}/Neuron?lang=en&land=1&speed=1&lr=1")
    wait_ready(page)
    land = page.locator(".st-key-chart-neuron-land [data-testid=stVegaLiteChart]")
    land.wait_for()
    page.locator(".st-key-chart-neuron-bias [data-testid=stVegaLiteChart]").wait_for()
    page.get_by_role("button", name=tr("neuron.play", "en")).click()
    step_label = tr("neuron.m.step", "en")
    page.wait_for_function(
        """(label) => [...document.querySelectorAll('[data-testid=stMetric]')]
             .some(m => m.innerText.startsWith(label) && parseInt(
                 m.querySelector('[data-testid=stMetricValue]').innerText) >= 6)""",
        arg=step_label, timeout=60_000,
    )
    page.get_by_role("button", name=tr("neuron.pause", "en")).click()
    page.get_by_role("button", name=tr("neuron.play", "en")).wait_for()
    wait_ready(page)
    steps = int(metric_value(page, step_label))
    # the path's line: one vertex per point of the path (start + one per step)
    page.wait_for_function(
        """(n) => { const p = document.querySelector(
                      '.st-key-chart-neuron-land g.mark-line path');
             return p && (p.getAttribute('d').match(/[ML]/g) || []).length >= n; }""",
        arg=steps + 1, timeout=30_000,
    )
    wait_drawn(page)
    shot(page, "neuron-landscape")
    assert_no_exception(page)


def test_moving_x_redraws_the_plane_and_leaves_the_numbers(page, streamlit_server, wait_ready,
                                                           assert_no_exception, slider_thumb):
    """x1 sits in the plane's own fragment: its picture (the diamond) and the formula
    follow, the run's numbers stay as they were, and no exception appears."""
    plane = open_plane(page, f"{streamlit_server}/Neuron?lang=en&w1=1&w2=0&b=0&x1=1&x2=2",
                       wait_ready)
    step = page.get_by_role("button", name=tr("neuron.step", "en"), exact=True)
    since = mark(page)
    step.click()
    wait_ready(page, since=since)
    steps = metric_value(page, tr("neuron.m.step", "en"))
    wait_drawn(page)
    before = plane.screenshot()
    press_right(page, slider_thumb(page, "x₁"), 10)  # steps of 0.1
    page.wait_for_function("() => new URLSearchParams(location.search).get('x1') === '2'")
    wait_ready(page)
    # z = w1 x1 + w2 x2 + b with x1 = 2 and the trained w, b: the formula shows x1 = 2.00
    page.locator(".katex", has_text="2.00").first.wait_for()
    wait_drawn(page)
    assert plane.screenshot() != before
    assert metric_value(page, tr("neuron.m.step", "en")) == steps == "1"
    assert_no_exception(page)
