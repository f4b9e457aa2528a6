"""Rerun time of the activations page after a slider change: server (AppTest) and browser.

    python -m bench.bench_activations_page [--runs 30]
    python -m bench.bench_activations_page --browser [DIR ...] [--runs 10]

For each tab, moves one of its sliders to a new value before every run (so the charts'
data really change) and prints the median and 90th percentile of the run that change
causes: the fragment holding the widget (as the browser asks) when it is in one, else the
whole script; wall time and the process's CPU time (less disturbed by other work on the
machine); also the time of a trivial one-line script under AppTest (its fixed overhead,
included in the page's figures). Target: median <= 150 ms for a slider change. Numbers vary with the
machine's load; run it on a quiet machine.

``--browser``: starts ``streamlit run streamlit_app.py`` from each DIR (default: this
checkout; give an older checkout too to compare, for example one made with ``git archive``)
and, in Debian's Chromium, presses ArrowRight on a slider of each tab and times until the
app reports it is idle again (``data-test-script-state`` back to ``notRunning``, seen by a
MutationObserver, so no polling delay is counted). The servers take turns per press, so a
slow spell of the machine hits each alike. Prints the median and p90 per slider and server.
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
    fragment_of,
    fragment_scoped,
    press,
    servers,
    slider_thumb,
    summary,
)

PAGE = "pages/1_Activations.py"
# (tab, widget kind, key, values cycled through)
CASES = [
    ("curves", "slider", "act_leaky_alpha", [0.05, 0.1, 0.2, 0.3]),
    ("curves", "slider", "act_tau", [0.05, 0.1, 0.2, 0.3]),
    ("curves", "select_slider", "act_range", [(-6, 6), (-10, 10), (-5, 8), (-1000, 1000)]),
    ("why", "slider", "act_elu_alpha", [0.5, 1.0, 1.5, 2.0]),
    ("why", "slider", "act_layers", [2, 3]),
    ("depth", "slider", "act_depth", [10, 20, 35, 50]),
    ("variants", "slider", "act_prelu_steps", [40, 80, 120, 200]),
]


def open_page(tab: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["tab"] = tab
    at.switch_page(PAGE)
    at.run()
    at.run()  # warm: caches filled, imports done
    assert not at.exception, [e.message for e in at.exception]
    return at


def time_case(
    tab: str, kind: str, key: str, values: list, runs: int
) -> tuple[list[float], list[float], bool]:
    """Wall and CPU times (s) of the reruns; whether they were fragment runs."""
    at = open_page(tab)
    fragment = fragment_of(at, key)
    times, cpu = [], []
    # AppTest.run() reruns the whole script; ask for the fragment instead
    with fragment_scoped(fragment) if fragment else contextlib.nullcontext():
        for i in range(runs):
            getattr(at, kind)(key=key).set_value(values[i % len(values)])
            start, start_cpu = time.perf_counter(), time.process_time()
            at.run()
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            assert not at.exception, [e.message for e in at.exception]
    return times, cpu, bool(fragment)


# (tab, slider label key) pressed in the browser
BROWSER_CASES = [
    ("curves", "act.tau"),
    ("curves", "act.leaky_alpha"),
    ("why", "act.why.layers"),
    ("depth", "act.depth.L"),
    ("variants", "act.prelu.steps"),
]


def browser(dirs: list[Path], runs: int) -> None:
    """Slider key press to settled in Chromium, for a server started from each of ``dirs``."""
    from playwright.sync_api import sync_playwright

    from ui.i18n import tr

    with sync_playwright() as pw, contextlib.ExitStack() as stack:
        urls = servers(stack, dirs, "bench-act")
        b = chromium(pw, stack)
        for tab, label_key in BROWSER_CASES:
            label = tr(label_key, "en")
            pages, times, missed = [], [[] for _ in urls], [0 for _ in urls]
            for url in urls:
                p = b.new_page(viewport={"width": 1400, "height": 1000})
                p.goto(f"{url}/Activations?lang=en&tab={tab}")
                p.wait_for_selector(READY, timeout=60_000)
                slider_thumb(p, label).wait_for(state="visible", timeout=60_000)
                p.wait_for_timeout(1500)
                p.wait_for_selector(READY, timeout=60_000)
                p.evaluate(OBSERVE)
                pages.append(p)
            for i in range(runs + 1):
                for k, p in enumerate(pages):
                    thumb = slider_thumb(p, label)
                    at_max = thumb.input_value() == thumb.get_attribute("max")
                    took = press(p, thumb, "ArrowLeft" if at_max else "ArrowRight")
                    if took is None:  # a press lost on a loaded machine: skip it
                        missed[k] += 1
                        continue
                    if i:  # the first press warms the caches
                        times[k].append(took)
                    p.wait_for_timeout(200)
            for k, p in enumerate(pages):
                lost = f"   ({missed[k]} presses lost)" if missed[k] else ""
                print(f"{f'{tab}: {label}':34s} {dirs[k].name or str(dirs[k]):>14s}  "
                      f"{summary(times[k])}{lost}")
                p.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--browser", nargs="*", type=Path, metavar="DIR",
                        help="time in Chromium against a server started from each DIR")
    args = parser.parse_args()
    os.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the working directory
    if args.browser is not None:
        browser(args.browser or [ROOT], args.runs)
        return
    base = baseline(args.runs)
    print(f"{'AppTest overhead (1-line script)':44s} {summary(base)}")
    medians = []
    for tab, kind, key, values in CASES:
        times, cpu, in_fragment = time_case(tab, kind, key, values, args.runs)
        medians.append(statistics.median(times))
        scope = "fragment" if in_fragment else "page"
        print(f"{f'tab {tab}: {key} changed ({scope})':44s} {summary(times)}   "
              f"CPU {statistics.median(cpu) * 1000:6.1f} ms")
    worst = max(medians) * 1000
    print(f"worst median {worst:.1f} ms (target <= 150 ms): {'OK' if worst <= 150 else 'OVER'}")


if __name__ == "__main__":
    main()
