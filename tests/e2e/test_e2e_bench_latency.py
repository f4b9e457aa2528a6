"""The slider-latency benchmark, short (bench/bench_latency.py): one page, one language, one
press per slider, the toy floor beside it, and one press while the MLP page plays.

Checks only that every figure is a finite number of milliseconds and that the report
prints: the machine is shared, and speed is the benchmark's to print, not a test's.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from bench import bench_latency as bl

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def toy_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with bl.serve(bl.TOY, tmp_path_factory.mktemp("toy") / "toy.log") as url:
        yield url


def test_latency_figures_are_finite(browser, streamlit_server, toy_server):
    result = bl.run(browser, streamlit_server, toy_server, pages=("mlp",), langs=("en",),
                    reps=2, max_sliders=2, play_reps=1)
    rows = result["pages"]["mlp"]["sliders"]
    assert len(rows) == 2
    for row in rows:
        # a press can be lost on a loaded machine (NaN, reported as such); two presses
        # each, so every slider must give at least one figure, and nothing may be <= 0
        for samples in (row["page"], row["toy"]):
            settled = [s["settled"] for s in samples if math.isfinite(s["settled"])]
            assert settled and min(settled) > 0, row
        # the toy's chart redraws on every change
        assert any(s["visible"] is not None and math.isfinite(s["visible"]) for s in row["toy"])
    f = result["pages"]["mlp"]["figures"]
    for key in ("settled_median", "settled_p90", "toy_settled_median", "ratio_median",
                "ratio_p90"):
        assert math.isfinite(f[key]) and f[key] > 0, (key, f)
    assert f["visible_n"] >= 1 and math.isfinite(f["visible_median"]), f  # Training data
    playing = result["playing"]["figures"]
    assert math.isfinite(playing["visible_median"]) and playing["visible_median"] > 0, playing
    lines = bl.report(result, verbose=True)
    assert lines[-1].startswith("summary:") and "nan" not in lines[-1], lines


def test_floor_parts_measure_the_toy_with_a_page_and_a_link(browser, toy_server):
    # --floor-parts: the toy plain, with unchanged elements on its page, with its link
    # written on every run, both, with elements the slider changes, and all three; every
    # variant gives finite figures
    parts = bl.measure_floor_parts(browser, toy_server, static=6, presses=2, changed=4)
    assert list(parts)[0] == "floor" and len(parts) == 6, list(parts)
    for name, samples in parts.items():
        settled = [s["settled"] for s in samples if math.isfinite(s["settled"])]
        assert settled and min(settled) > 0, (name, samples)
    lines = bl.report({"pages": {}, "playing": None, "notes": [], "floor_parts": parts})
    assert lines[1].startswith("floor parts") and len(lines) == 8, lines
    assert all("nan" not in line for line in lines), lines


def test_the_toy_options_add_elements_and_write_the_link(browser, toy_server, wait_ready):
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(f"{toy_server}/?static=6&link=1")
        wait_ready(page, timeout=60_000)
        assert page.locator("[data-testid=stSlider]").count() == 3  # 2 static + the toy's
        assert page.locator("[data-testid=stButton]").count() == 2
        thumb = page.locator("[data-testid=stSlider]").filter(has_text="k").locator(
            "input[type=range]").last
        thumb.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => new URLSearchParams(location.search).get('k') === '6'",
                               timeout=60_000)
        assert "static=6" in page.url  # the option stays in the link
    finally:
        ctx.close()


def test_the_toy_option_changed_redraws_its_elements_with_the_slider(browser, toy_server,
                                                                     wait_ready):
    # ?changed=4: a chart, a number, a formula and a sentence, each redrawn with k
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(f"{toy_server}/?changed=4")
        wait_ready(page, timeout=60_000)
        assert page.locator("[data-testid=stVegaLiteChart]").count() == 2  # k's and one more
        assert page.locator("[data-testid=stMetric]").count() == 1
        assert page.locator(".katex").count() == 1
        sentence = page.get_by_text("With k = ")
        assert "With k = 5," in sentence.inner_text()
        number = page.locator("[data-testid=stMetricValue]").inner_text()
        assert number == f"{math.sin(5 + 1):.4f}"
        page.locator("[data-testid=stSlider] input[type=range]").focus()
        page.keyboard.press("ArrowRight")
        page.get_by_text("With k = 6,").wait_for(timeout=60_000)
        wait_ready(page, timeout=60_000)
        assert page.locator("[data-testid=stMetricValue]").inner_text() == \
            f"{math.sin(6 + 1):.4f}"
        assert "6 \\cdot 2" in page.locator(".katex annotation").text_content()
    finally:
        ctx.close()


def test_presses_measured_while_a_class_plays_on_the_server(browser, toy_server,
                                                            tmp_path_factory):
    # --load: students of bench_classroom.py --hold play the MLP page on the app's server
    # (a server of this test's own: their shared run must not reach other tests) while
    # the presses are timed; they were playing throughout, and every figure is finite
    log = tmp_path_factory.mktemp("loaded") / "app.log"
    with bl.serve("streamlit_app.py", log) as app, bl.classroom_load(app, 2) as load:
        assert load == {"k": 2}  # filled once the students stop
        result = bl.run(browser, app, toy_server, pages=("neuron",), langs=("en",), reps=1,
                        max_sliders=2, play_reps=0)
    assert "failed" not in load, load
    assert load["errors"] == [], load
    assert load["redraws_min"] > 0 and load["seconds"] > 0, load  # every student played
    f = result["pages"]["neuron"]["figures"]
    assert math.isfinite(f["settled_median"]) and f["settled_median"] > 0, f
    result["load"] = load
    lines = bl.report(result)
    assert any(line.startswith("under load: 2 students") for line in lines), lines
    assert all("nan" not in line for line in lines if line.startswith("under load")), lines
