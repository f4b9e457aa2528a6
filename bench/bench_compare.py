"""The live frame rate of one student comparing two networks (issue 31) against a single run.

Usage::

    python -m bench.bench_compare                 # 2 rounds of 12 s each way
    python -m bench.bench_compare --seconds 20 --rounds 3

One ``streamlit run`` server and one headless Chromium page. Each round plays the same
link (spiral [8, 8] tanh, full batch) twice, back to back: compare off, then
``compare=1`` with B differing (ReLU, 2 layers of 8; B trains its own epochs in the
compare fragment). While playing it counts the redraws of A's boundary picture (a new
``src`` decoded and shown), of B's, and the epochs per second (the epoch counter).
Target: A's redraws/s and epochs/s with compare on >= 70% of those with it off (printed
as the ratio of the medians and as the median of each back-to-back pair's ratio, the
steadier one on a loaded machine).
The machine's load is printed with the figures: other sessions share its 2 cores.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench import harness
from bench.harness import machine
from ui.i18n import tr
from ui.mlp.layout import MAIN

LINK = "/MLP?lang=en&dataset=spiral&layers=8,8&full=1&act=tanh&lr=0.03&seed=3"
COMPARE = "&compare=1&b_act=relu"
#: A's boundary: the live view's first picture (its alt text describes what it shows)
BOUNDARY = f".st-key-{MAIN} [data-testid=stImage] img"
B_PICTURE = f'[data-testid=stImage] img[alt="{tr("mlpx.boundary_b", "en")}"]'

# Counts the redraws of the first picture matching each selector (a new src, complete).
WATCH = """(sels) => {
  window.__seen = {}; const last = {};
  for (const a of sels) window.__seen[a] = 0;
  const tick = () => {
    for (const a of sels) {
      const img = document.querySelector(a);
      if (img && img.complete && img.getAttribute('src') !== last[a]) {
        last[a] = img.getAttribute('src'); window.__seen[a] += 1;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


def _epoch(page) -> int:
    return int(page.locator("[data-testid=stMetricValue]").first.inner_text().replace(",", ""))


def play_rates(page, url: str, seconds: float, sels: list[str]) -> dict:
    """Open ``url``, play, warm up until 3 redraws of A, then count for ``seconds``."""
    page.goto(url)
    harness.wait_ready(page, timeout=120_000)
    page.evaluate(WATCH, sels)
    page.get_by_role("button", name=tr("mlp.play", "en")).click()
    page.get_by_role("button", name=tr("mlp.pause", "en")).wait_for()
    page.wait_for_function(f"() => window.__seen[{sels[0]!r}] > 3", timeout=60_000)
    n0, e0, t0 = page.evaluate("() => ({...window.__seen})"), _epoch(page), time.perf_counter()
    page.wait_for_timeout(int(seconds * 1000))  # the measuring window itself
    n1, e1, t1 = page.evaluate("() => ({...window.__seen})"), _epoch(page), time.perf_counter()
    page.get_by_role("button", name=tr("mlp.pause", "en")).click()
    page.get_by_role("button", name=tr("mlp.play", "en")).wait_for()
    harness.wait_ready(page)
    dt = t1 - t0
    return {"epochs_per_s": (e1 - e0) / dt,
            **{f"{name}_redraws_per_s": (n1[a] - n0[a]) / dt
               for name, a in zip("AB", sels, strict=False)}}


def run(seconds: float, rounds: int) -> list[tuple[dict, dict]]:
    from playwright.sync_api import sync_playwright

    boundary, alt_b = BOUNDARY, B_PICTURE
    out = []
    with tempfile.TemporaryDirectory() as tmp, harness.serve(Path(tmp)) as server, \
            sync_playwright() as pw:
        b = harness.launch_chromium(pw)
        page = harness.new_page(b)
        for _ in range(rounds):
            off = play_rates(page, server.url + LINK, seconds, [boundary])
            on = play_rates(page, server.url + LINK + COMPARE, seconds, [boundary, alt_b])
            out.append((off, on))
            print("  off:", {k: round(v, 2) for k, v in off.items()},
                  "\n  on: ", {k: round(v, 2) for k, v in on.items()}, flush=True)
        b.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=12.0, help="measuring window per run")
    ap.add_argument("--rounds", type=int, default=2, help="off/on pairs, back to back")
    args = ap.parse_args()
    print("machine:", machine())
    rows = run(args.seconds, args.rounds)
    key, key_b = "A_redraws_per_s", "B_redraws_per_s"
    for what in (key, "epochs_per_s"):
        off = statistics.median(r[0][what] for r in rows)
        on = statistics.median(r[1][what] for r in rows)
        pairs = [100 * r[1][what] / r[0][what] for r in rows]  # back to back: less drift
        name = "A's boundary redraws/s" if what == key else "epochs/s"
        print(f"{name}: compare off {off:.2f}, on {on:.2f} (medians): {100 * on / off:.0f}%;"
              f" on/off of each pair {[round(p) for p in pairs]}%, median "
              f"{statistics.median(pairs):.0f}% (target >= 70%)")
    print(f"B's boundary redraws/s (compare on): "
          f"{statistics.median(r[1][key_b] for r in rows):.2f}")
    print("machine after:", machine())


if __name__ == "__main__":
    main()
