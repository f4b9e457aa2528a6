"""The MLP page's exploring tools in a real browser (issue 31): play, pause, rewind with the
timeline slider (the boundary and the epoch shown are the chosen epoch's), Train on from
here (training goes on from that epoch); compare while playing (two boundaries, both
advance); a neuron switched off while playing (the diagram greys it, the boundary
changes, no exception)."""

from __future__ import annotations

import base64
import re

import pytest

from bench.harness import mark
from ui.i18n import tr
from ui.mlp.layout import MAIN

pytestmark = pytest.mark.e2e

DIAGRAM = f'[data-testid=stImage] img[alt^="{tr("mlp.alt.diagram", "en")}"]'

LINK = "/MLP?lang=en&dataset=xor&layers=4&act=tanh&lr=0.03&seed=3"
EPOCH_JS = ("() => parseInt(document.querySelector('[data-testid=stMetricValue]')"
            ".innerText.replace(/,/g, ''))")


def en(key: str, **kw) -> str:
    return tr(key, "en", **kw)


def epoch(page) -> int:
    """The epoch counter (the first metric), as shown."""
    return int(page.locator("[data-testid=stMetricValue]").first.inner_text().replace(",", ""))


def wait_epoch_above(page, n: int, timeout: float = 60_000) -> int:
    page.wait_for_function(f"(n) => ({EPOCH_JS})() > n", arg=n, timeout=timeout)
    return epoch(page)


#: the output over the plane: the live view's first picture (its alt text describes it)
BOUNDARY = f".st-key-{MAIN} [data-testid=stImage] img"


def by_alt(alt: str) -> str:
    return f'[data-testid=stImage] img[alt="{alt}"]'


def src(page, selector: str) -> str:
    """The data URL of the first picture matching ``selector``."""
    img = page.locator(selector).first
    img.wait_for()
    return img.get_attribute("src")


def wait_src_changes(page, selector: str, old: str, timeout: float = 60_000) -> str:
    """Wait until the first picture matching ``selector`` is another than ``old``."""
    page.wait_for_function(
        "([sel, old]) => { const i = document.querySelector(sel); "
        "return i && i.getAttribute('src') !== old; }", arg=[selector, old], timeout=timeout)
    return src(page, selector)


def diagram(page) -> str:
    return base64.b64decode(src(page, DIAGRAM).split(",", 1)[1]).decode()


def play(page) -> None:
    page.get_by_role("button", name=en("mlp.play")).click()
    page.get_by_role("button", name=en("mlp.pause")).wait_for()


def pause(page, wait_ready) -> None:
    page.get_by_role("button", name=en("mlp.pause")).click()
    page.get_by_role("button", name=en("mlp.play")).wait_for()
    wait_ready(page)


def open_panel(page, wait_ready) -> None:
    since = mark(page)
    page.get_by_text(en("mlpx.panel")).first.click()
    wait_ready(page, since=since)


def test_rewind_with_the_timeline_and_train_on_from_there(
    page, streamlit_server, wait_ready, shot, assert_no_exception, slider_thumb
):
    page.goto(streamlit_server + LINK)
    wait_ready(page)
    open_panel(page, wait_ready)
    play(page)
    wait_epoch_above(page, 40)
    page.get_by_text(en("mlpx.paused_only")).wait_for()  # no timeline while playing
    pause(page, wait_ready)
    latest = epoch(page)
    present = src(page, BOUNDARY)

    # rewind: the slider's first stop is epoch 0, then each key press one kept epoch on
    thumb = slider_thumb(page, en("mlpx.timeline"))
    since = mark(page)
    thumb.focus()
    page.keyboard.press("Home")
    wait_ready(page, since=since)
    for _ in range(5):
        since = mark(page)
        thumb.focus()
        page.keyboard.press("ArrowRight")
        wait_ready(page, since=since)
    chosen = int(thumb.get_attribute("aria-valuetext") or thumb.input_value())
    assert 0 < chosen < latest
    page.get_by_text(en("mlpx.past", epoch=chosen, latest=latest)).wait_for()
    page.wait_for_function(f"(n) => ({EPOCH_JS})() === n", arg=chosen, timeout=30_000)
    assert re.search(rf"[?&]at={chosen}(&|$)", page.url), page.url
    past = wait_src_changes(page, BOUNDARY, present)  # the past's boundary
    assert past != present
    assert_no_exception(page)
    shot(page, "mlp-explore-rewound")

    # Train on from here: the run is now at the chosen epoch, and goes on from it
    since = mark(page)
    page.get_by_role("button", name=en("mlpx.train_on")).click()
    wait_ready(page, since=since)
    assert epoch(page) == chosen
    assert "at=" not in page.url
    since = mark(page)
    page.get_by_role("button", name=en("mlp.step")).click()
    wait_ready(page, since=since)
    page.wait_for_function(f"(n) => ({EPOCH_JS})() === n", arg=chosen + 1, timeout=30_000)
    play(page)
    assert wait_epoch_above(page, chosen + 1) > chosen + 1
    pause(page, wait_ready)
    assert_no_exception(page)


def test_compare_while_playing(page, streamlit_server, wait_ready, shot, assert_no_exception):
    page.goto(streamlit_server + LINK + "&compare=1&b_act=relu&b_layers=8")
    wait_ready(page)  # compare=1 opens the panel and the comparison by itself
    act = en("mlpx.diff.item", b=en("mlp.act.relu"), a=en("mlp.act.tanh"))
    layers = en("mlpx.diff.item", b=en("mlpx.diff.layers", n=1, widths="8"),
                a=en("mlpx.diff.layers", n=1, widths="4"))
    line = page.get_by_text(en("mlpx.differs", items=act + en("mlpx.sep") + layers))
    line.wait_for()
    alt_a, alt_b = by_alt(en("mlpx.boundary_a")), by_alt(en("mlpx.boundary_b"))
    a0, b0 = src(page, alt_a), src(page, alt_b)
    play(page)
    a1, b1 = wait_src_changes(page, alt_a, a0), wait_src_changes(page, alt_b, b0)
    a2, b2 = wait_src_changes(page, alt_a, a1), wait_src_changes(page, alt_b, b1)
    assert len({a0, a1, a2}) == 3 and len({b0, b1, b2}) == 3  # both advance
    wait_epoch_above(page, 20)
    pause(page, wait_ready)
    # lockstep: the caption's epoch is the page's
    figures = page.get_by_text(re.compile(r"^Epoch \d+: A test loss")).first.inner_text()
    assert int(re.match(r"Epoch (\d+)", figures).group(1)) == epoch(page)
    assert_no_exception(page)
    shot(page, "mlp-explore-compare")


def test_switch_a_neuron_off_while_playing(
    page, streamlit_server, wait_ready, shot, assert_no_exception, server_log
):
    tracebacks = server_log(streamlit_server).count("Traceback")
    page.goto(streamlit_server + LINK)
    wait_ready(page)
    open_panel(page, wait_ready)
    assert 'data-off="1"' not in diagram(page)
    play(page)
    wait_epoch_above(page, 10)
    before = src(page, BOUNDARY)
    page.get_by_label(en("mlpx.neuron_on")).first.click(force=True)  # h1.1 (the first)
    page.get_by_text(re.compile(r"^" + re.escape(en("mlpx.off_list", names="")))).wait_for()
    page.wait_for_function(
        "(sel) => { const i = document.querySelector(sel); return i && "
        "atob(i.src.split(',')[1]).includes('data-off=\"1\"'); }", arg=DIAGRAM,
        timeout=60_000)
    assert 'data-node="1-0"' in diagram(page)
    wait_src_changes(page, BOUNDARY, before)
    e = epoch(page)
    assert wait_epoch_above(page, e) > e  # still training
    pause(page, wait_ready)
    assert_no_exception(page)
    shot(page, "mlp-explore-neuron-off")
    assert server_log(streamlit_server).count("Traceback") == tracebacks


def test_the_weight_picked_stays_picked_as_training_changes_its_label(
    page, streamlit_server, wait_ready, assert_no_exception
):
    """A weight's label carries its value (``W[1] x₁ → layer 1, neuron 2 = -0.9181``), so
    training changes the labels. The browser sends its choice back as the label it holds:
    a label from before the last Step was not understood, and the choice went back to the
    first weight."""
    page.goto(streamlit_server + LINK)
    wait_ready(page)
    open_panel(page, wait_ready)
    box = page.locator("[data-testid=stSelectbox]").filter(has_text=en("mlpx.weight"))
    since = mark(page)
    box.locator("input").click()
    picked = page.locator("[role=option]").nth(3).inner_text()  # not the first weight
    page.locator("[role=option]").nth(3).click()
    wait_ready(page, since=since)
    where = picked.rsplit(" = ", 1)[0]  # "W[1] x₁ → layer 1, neuron 2"
    shown = [box.locator("input").input_value()]
    for _ in range(4):  # Steps change the weights, so the labels
        since = mark(page)
        page.get_by_role("button", name=en("mlp.step"), exact=True).click()
        wait_ready(page, since=since)
        shown.append(box.locator("input").input_value())
    # another widget changed: the browser sends every widget's state
    neuron = page.locator("[data-testid=stSelectbox]").filter(has_text=en("mlpx.neuron"))
    since = mark(page)
    neuron.locator("input").click()
    page.locator("[role=option]").nth(1).click()
    wait_ready(page, since=since)
    shown.append(box.locator("input").input_value())
    assert all(s.rsplit(" = ", 1)[0] == where for s in shown), shown
    assert len(set(shown)) > 1, shown  # the value in the label did change
    value = float(page.get_by_role("spinbutton", name=en("mlpx.value")).input_value())
    assert abs(value - float(shown[-1].rsplit(" = ", 1)[1])) < 1e-3
    assert_no_exception(page)
