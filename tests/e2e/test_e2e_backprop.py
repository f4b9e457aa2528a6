"""The backprop page in a real browser: step from the first forward line to the loss after the
update with the Next button, every formula rendered by KaTeX without a parse error, no
exception element; a Chinese mini-batch deep link with every step shown and the PyTorch check."""

from __future__ import annotations

import numpy as np
import pytest

import nncore
from bench.harness import mark, wait_drawn
from nncore import trace
from ui.i18n import tr

pytestmark = pytest.mark.e2e

KATEX_ERROR = ".katex-error"


def katex_errors(page) -> list[str]:
    """The parse errors of the formulas on the page (KaTeX renders them as red source)."""
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('.katex-error'))"
        ".map(e => e.getAttribute('title'))"
    )


def metrics(page) -> list[float]:
    return [float(v) for v in page.locator("[data-testid=stMetricValue]").all_inner_texts()]


def test_step_through_forward_backward_and_update(
    page, streamlit_server, wait_ready, shot, assert_no_exception, slider_thumb
):
    from playwright.sync_api import expect  # here: without playwright the fixtures skip

    page.goto(f"{streamlit_server}/Backprop?lang=en")
    wait_ready(page)
    assert_no_exception(page)
    page.get_by_role("heading", level=1, name=tr("bp.title", "en")).wait_for()
    # the default page: 2-3-1, tanh, sigmoid output, x = (0.5, -1), y = 1
    net = nncore.MLP([2, 3, 1], activation="tanh", output="sigmoid", init="uniform", seed=0)
    steps = trace.build(net, np.array([[0.5, -1.0]]), np.array([1.0]), 0.1).steps
    thumb = slider_thumb(page, tr("bp.step", "en"))
    assert thumb.get_attribute("max") == str(len(steps))
    next_button = page.get_by_role("button", name=tr("bp.next", "en"))
    pictures = {"forward": 1, "backward": 10, "update": len(steps)}
    for number, step in enumerate(steps, start=1):
        assert thumb.input_value() == str(number)
        header = page.locator("h4").filter(has_text=tr(f"bp.phase.{step.phase}", "en"))
        assert header.count() == 1, (number, step.kind)
        page.locator(".katex").first.wait_for()
        assert katex_errors(page) == [], (number, step.kind)
        assert_no_exception(page)
        if pictures.get(step.phase) == number:
            header.evaluate("e => e.scrollIntoView({block: 'start'})")  # show the step
            wait_drawn(page)  # Vega has drawn the diagram
            shot(page, f"backprop-{step.phase}")
        if number < len(steps):
            since = mark(page)
            next_button.click()
            # wait for this click's rerun itself: right after a click the app may still
            # report the previous run as finished, and a click during a run can be lost
            expect(thumb).to_have_value(str(number + 1), timeout=30_000)
            wait_ready(page, since=since)
    assert next_button.is_disabled()
    before, after = metrics(page)
    assert after < before  # alpha = 0.1 lowers the loss on this example
    assert "step=" + str(len(steps)) in page.url


def test_chinese_mini_batch_all_steps_and_pytorch_check(
    page, streamlit_server, wait_ready, shot, assert_no_exception
):
    url = (f"{streamlit_server}/Backprop?lang=zh&sizes=3-4-2-3&act=relu&out=softmax&batch=1"
           "&m=4&x=0.3,-1.2,2&y=2&all=1&digits=3")
    page.goto(url)
    wait_ready(page, timeout=90_000)  # about 80 formulas to typeset on a shared machine
    assert_no_exception(page)
    page.get_by_role("heading", level=1, name=tr("bp.title", "zh")).wait_for()
    assert page.get_by_text("m = 4", exact=False).first.is_visible()  # the averaging note
    net = nncore.MLP([3, 4, 2, 3], activation="relu", output="softmax", init="uniform", seed=0)
    X, Y = trace.make_batch([0.3, -1.2, 2.0], 2, 4, net, seed=0)
    steps = trace.build(net, X, Y, 0.1).steps
    # every step's formula, its note and its numbers (one block) are on the page
    n_formulas = page.locator(".st-key-bp_steps .katex-display").count()
    assert n_formulas == sum(2 + bool(step.note) for step in steps) > 50
    assert katex_errors(page) == []
    since = mark(page)
    page.get_by_role("button", name=tr("bp.torch.button", "zh")).click()
    wait_ready(page, timeout=90_000, since=since)  # the first check imports torch
    alert = page.locator("[data-testid=stAlertContentSuccess]")
    alert.wait_for(timeout=90_000)
    assert "PyTorch 结果一致" in alert.inner_text()
    assert_no_exception(page)
    wait_drawn(page)
    shot(page, "backprop-zh-batch-all")


def test_junk_link_shows_a_notice_not_a_traceback(
    page, streamlit_server, wait_ready, assert_no_exception
):
    page.goto(f"{streamlit_server}/Backprop?lang=en&sizes=banana&alpha=-4&step=999")
    wait_ready(page)
    assert_no_exception(page)
    notice = page.locator("[data-testid=stAlertContentWarning]").first
    notice.wait_for()
    assert "sizes=banana" in notice.inner_text() and "alpha=-4" in notice.inner_text()
    page.wait_for_url(lambda u: "sizes=2-3-1" in u)


def test_step_slider_reruns_its_fragment_and_updates_the_step_and_diagram(
    page, streamlit_server, wait_ready, assert_no_exception, slider_thumb
):
    """Issue 14: the step slider lives in a fragment with the step and the diagram; an arrow
    key moves them (and the URL), with no exception and the loss left as it was."""
    from playwright.sync_api import expect

    page.goto(f"{streamlit_server}/Backprop?lang=en&sizes=2-3-1")
    wait_ready(page)
    diagram = page.locator(".st-key-bp_diagram [data-testid=stVegaLiteChart]").first
    diagram.wait_for()
    wait_drawn(page)
    header = page.locator(".st-key-bp_steps h4").first
    before = header.inner_text(), metrics(page), diagram.screenshot()
    thumb = slider_thumb(page, tr("bp.step", "en"))
    thumb.focus()
    for number in (2, 3):  # z^[1] -> a^[1] -> z^[2]: the highlighted layers change
        since = mark(page)
        page.keyboard.press("ArrowRight")
        expect(thumb).to_have_value(str(number), timeout=30_000)
        wait_ready(page, since=since)
    page.wait_for_function("() => location.search.includes('step=3')")
    wait_drawn(page)
    assert header.inner_text() != before[0]
    assert metrics(page) == before[1]  # the loss is outside the step's fragment
    assert diagram.screenshot() != before[2]  # z^[2]: layers 1 and 2 highlighted now
    assert_no_exception(page)


def test_learning_rate_slider_updates_the_loss_after_the_step(
    page, streamlit_server, wait_ready, assert_no_exception, slider_thumb
):
    """Issue 14: the learning rate (in the settings, its own fragment) moves the loss after
    the update and the summary, and leaves the step shown and the other settings alone."""
    from playwright.sync_api import expect

    page.goto(f"{streamlit_server}/Backprop?lang=en&sizes=2-3-1&alpha=0.1&step=14")
    wait_ready(page)
    page.get_by_text(tr("bp.settings", "en")).click()
    thumb = slider_thumb(page, tr("bp.alpha", "en"))
    thumb.wait_for()
    before, header = metrics(page), page.locator(".st-key-bp_steps h4").first.inner_text()
    since = mark(page)
    thumb.focus()
    page.keyboard.press("ArrowRight")  # 0.1 -> 0.3
    page.wait_for_function("() => location.search.includes('alpha=0.3')")
    wait_ready(page, since=since)
    expect(page.get_by_text("learning rate α = 0.3", exact=False)).to_be_visible()
    after = metrics(page)
    assert after[0] == before[0] and after[1] != before[1]  # only the loss after moved
    assert page.locator(".st-key-bp_steps h4").first.inner_text() == header
    assert slider_thumb(page, tr("bp.n0", "en")).input_value() == "2"
    assert katex_errors(page) == []
    assert_no_exception(page)


def test_the_downloaded_step_script_agrees_with_the_page(page, streamlit_server, wait_ready,
                                                         assert_no_exception, tmp_path):
    import subprocess
    import sys

    pytest.importorskip("torch")
    page.goto(f"{streamlit_server}/Backprop?lang=zh&sizes=3-4-2&out=softmax&y=1&x=1,2,3")
    wait_ready(page)
    with page.expect_download() as info:
        page.get_by_role("button", name=tr("bp.export.button", "zh")).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == "backprop_step.py"
    r = subprocess.run([sys.executable, str(path), "--check"], capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0 and "PASS" in r.stdout, (r.stdout, r.stderr)
    # the loss the script prints is the loss the page shows
    shown = metrics(page)[0]
    printed = float(r.stdout.split("loss before", 1)[1].split()[0])
    assert abs(printed - shown) <= 10 ** -6 * 1.01
    assert_no_exception(page)
