"""Timing helpers shared by the page benchmarks (AppTest reruns)."""

from __future__ import annotations

import statistics
import time

from streamlit.testing.v1 import AppTest


def baseline(runs: int) -> list[float]:
    """Rerun times (s) of a one-line script: AppTest's own fixed overhead."""
    at = AppTest.from_string("import streamlit as st\nst.write('x')\n", default_timeout=60)
    at.run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> str:
    """``median ... ms   p90 ... ms`` of times given in seconds."""
    ms = sorted(t * 1000 for t in times)
    p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
    return f"median {statistics.median(ms):6.1f} ms   p90 {p90:6.1f} ms"
