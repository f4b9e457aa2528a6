"""Server-side rerun time of the activations page after a slider change (AppTest).

    python bench/bench_activations_page.py [--runs 30]

For each tab, moves one of its sliders to a new value before every run (so the charts'
data really change) and prints the median and 90th percentile of ``at.run()``; also the
time of a trivial one-line script under AppTest (its fixed overhead, included in the
page's figures). Target: median <= 150 ms for a slider change. Numbers vary with the
machine's load; run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the working directory

from _timing import baseline, summary  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

PAGE = "pages/1_Activations.py"
# (tab, widget kind, key, values cycled through)
CASES = [
    ("curves", "slider", "act_leaky_alpha", [0.05, 0.1, 0.2, 0.3]),
    ("curves", "slider", "act_tau", [0.05, 0.1, 0.2, 0.3]),
    ("curves", "select_slider", "act_range", [(-6, 6), (-10, 10), (-5, 8), (-1000, 1000)]),
    ("why", "slider", "act_elu_alpha", [0.5, 1.0, 1.5, 2.0]),
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


def time_case(tab: str, kind: str, key: str, values: list, runs: int) -> list[float]:
    at = open_page(tab)
    times = []
    for i in range(runs):
        getattr(at, kind)(key=key).set_value(values[i % len(values)])
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, [e.message for e in at.exception]
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    base = baseline(args.runs)
    print(f"{'AppTest overhead (1-line script)':44s} {summary(base)}")
    medians = []
    for tab, kind, key, values in CASES:
        times = time_case(tab, kind, key, values, args.runs)
        medians.append(statistics.median(times))
        print(f"{f'tab {tab}: {key} changed':44s} {summary(times)}")
    worst = max(medians) * 1000
    print(f"worst median {worst:.1f} ms (target <= 150 ms): {'OK' if worst <= 150 else 'OVER'}")


if __name__ == "__main__":
    main()
