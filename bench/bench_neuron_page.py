"""Server-side rerun time of the single-neuron page after a widget change (AppTest).

    python -m bench.bench_neuron_page [--runs 30]
    python -m bench.bench_neuron_page --browser [DIR ...] [--runs 10]


Moves one widget to a new value before every run (so the plane, the formulas and the
charts really change) and prints the median and 90th percentile of ``at.run()``; also a
Step click (one gradient-descent update and its numbers), the fixed overhead of a one-line
script under AppTest (included in the page's figures) and the parts of one redraw measured
alone. Target: median <= 150 ms for a slider change. The figures depend on the machine's
load (printed first); on a shared machine run it more than once.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.harness import (
    OBSERVE,
    READY,
    ROOT,
    baseline,
    chromium,
    press,
    servers,
    summary,
)
from nncore import landscape as LS  # noqa: N812
from nncore import perceptron as P  # noqa: N812
from ui import boundary
from ui.neuron import landscape as land
from ui.neuron import view

PAGE = "pages/2_Neuron.py"
# (widget kind, key, values cycled through); sliders first: the target is about them
CASES = [
    ("slider", "neuron_w1", [0.5, -1.25, 2.0, 0.75]),
    ("slider", "neuron_w2", [0.5, -1.25, 2.0, 0.75]),
    ("slider", "neuron_b", [0.5, -1.0, 2.5, 0.0]),
    ("slider", "neuron_x1", [-2.0, 0.5, 3.0, 1.0]),
    ("slider", "neuron_noise", [10, 20, 30, 0]),
    ("select_slider", "neuron_lr", [0.3, 0.03, 1.0, 0.1]),
    ("selectbox", "neuron_act", ["tanh", "relu", "step", "sigmoid"]),
]


def open_page(land: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    if land:
        at.query_params["land"] = "1"
    at.switch_page(PAGE)
    at.run()
    at.run()  # warm: caches filled, imports done
    assert not at.exception, [e.message for e in at.exception]
    return at


def timed(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    assert not at.exception, [e.message for e in at.exception]
    return elapsed


def time_case(kind: str, key: str, values: list, runs: int) -> list[float]:
    at = open_page()
    times = []
    for i in range(runs):
        getattr(at, kind)(key=key).set_value(values[i % len(values)])
        times.append(timed(at))
    return times


def time_step(runs: int, land: bool = False) -> list[float]:
    at = open_page(land)
    times = []
    for _ in range(runs):
        at.button(key="neuron_step").click()
        times.append(timed(at))
    return times


def parts(runs: int) -> list[tuple[str, list[float]]]:
    """The page's own work for one redraw, without Streamlit: grid, PNG, chart data."""
    X, y = P.make("linear")
    W, b, x = (0.7, -1.2), 0.3, (1.0, 2.0)
    out = {"grid 100x100 (a = g(w.x + b))": [], "colours + PNG": [], "plane chart data": [],
           "landscape 91x91 loss (uncached)": [], "landscape bands + PNG": [],
           "landscape chart data + loss(b)": []}
    for _ in range(runs):
        t0 = time.perf_counter()
        V = P.output_grid(W, b, "sigmoid", 100)
        t1 = time.perf_counter()
        shade, _ = view.colour_values(V, "sigmoid")
        png = boundary.boundary_png(shade, kind="regression")
        t2 = time.perf_counter()
        view.plane_datasets(png, X, y, W, b, x, 0.1, 0.5)
        t3 = time.perf_counter()
        _, _, L = LS.weight_grid(X, y, b, "sigmoid", "bce", (-3, 3), (-3, 3), land.GRID)
        t4 = time.perf_counter()
        land_png = boundary.rgb_png(land.band_rgb(L))
        t5 = time.perf_counter()
        cells = land.surface.__wrapped__("linear", 0, 0, b, "sigmoid", "bce", 3.0)[1]
        path = [(0.7 - 0.01 * i, -1.2 + 0.01 * i, 0.3) for i in range(400)]
        t6 = time.perf_counter()
        land.land_datasets(land_png, cells, 3.0, path, W, b, 0.5)
        land.bias_datasets(X, y, W, b, "sigmoid", "bce", 3.0)
        t7 = time.perf_counter()
        for k, dt in zip(out, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t7 - t6),
                         strict=True):
            out[k].append(dt)
    return list(out.items())


# slider labels pressed in the browser (an arrow key each): the neuron's, the point's, data
BROWSER_SLIDERS = [
    s for s in os.environ.get("NEURON_SLIDERS", "w₁|b|x₁|x₂|Noise (%)").split("|")]


def browser(dirs: list[Path], runs: int) -> None:
    """Slider key press until the app is idle again (``data-test-script-state=notRunning``)
    in Chromium at 1400x1000, for a server started from each of ``dirs``; the servers take
    turns press by press, so a slow spell of the machine hits all of them."""
    from playwright.sync_api import sync_playwright


    with sync_playwright() as pw, contextlib.ExitStack() as stack:
        urls = servers(stack, dirs, "bench-neuron")
        b = chromium(pw, stack)
        for label in BROWSER_SLIDERS:
            pages, times = [], [[] for _ in urls]
            for url in urls:
                p = b.new_page(viewport={"width": 1400, "height": 1000})
                p.goto(f"{url}/Neuron?lang=en")
                p.wait_for_selector(READY, timeout=60_000)
                p.wait_for_timeout(1500)
                p.evaluate(OBSERVE)
                pages.append(p)
            for i in range(runs + 1):
                for k, p in enumerate(pages):
                    thumb = p.locator("[data-testid=stSlider]").filter(
                        has=p.get_by_text(label, exact=True))
                    thumb = thumb.locator("input[type=range]").first
                    took = press(p, thumb, "ArrowRight" if i % 2 == 0 else "ArrowLeft",
                                 10_000)
                    if took is None:  # no run seen: say so, go on
                        print(f"  {label}: no run after the key press "
                              f"({p.evaluate('window.__states.slice(-3)')}, "
                              f"value {thumb.input_value()})", flush=True)
                        continue
                    if i:  # the first press warms the caches
                        times[k].append(took)
                    p.wait_for_timeout(200)
            for k, p in enumerate(pages):
                print(f"{label:10s} {str(dirs[k]):>24s}  {summary(times[k])}", flush=True)
                p.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--browser", nargs="*", type=Path, metavar="DIR",
                        help="time in Chromium against a server started from each DIR")
    args = parser.parse_args()
    os.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the working directory
    if args.browser is not None:
        print(f"load average (1, 5, 15 min): {os.getloadavg()}")
        browser(args.browser or [ROOT], args.runs)
        return
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"load average (1, 5, 15 min): {load} on {os.cpu_count()} cores")
    print(f"{'AppTest overhead (1-line script)':40s} {summary(baseline(args.runs))}")
    medians = []
    for kind, key, values in CASES:
        times = time_case(kind, key, values, args.runs)
        medians.append(statistics.median(times))
        print(f"{key + ' changed':40s} {summary(times)}")
    print(f"{'Step clicked (one GD update)':40s} {summary(time_step(args.runs))}")
    print(f"{'Step clicked, loss landscape shown':40s} {summary(time_step(args.runs, True))}")
    for name, times in parts(args.runs):
        print(f"{'  part: ' + name:40s} {summary(times)}")
    worst = max(medians) * 1000
    print(f"worst median of a widget change {worst:.1f} ms (target <= 150 ms): "
          f"{'OK' if worst <= 150 else 'OVER'}")


if __name__ == "__main__":
    main()
