"""MLP page speed: server time of one live frame, and what a real browser sees.

Usage::

    python -m bench.bench_mlp_page            # server frame + browser (needs /usr/bin/chromium)
    python -m bench.bench_mlp_page --server   # the server frame only
    python -m bench.bench_mlp_page --browser  # the browser figures only

1. Server frame (in-process, Streamlit's AppTest, spiral [8, 8] tanh, full batch): the
   fragment's own timers (``ui.mlp.live.STATS_KEY``): training, then drawing (grid pass,
   PNGs, SVGs, chart specs and Arrow data, element protobufs).
2. Browser (``streamlit run`` + headless Debian Chromium via Playwright):
   - a slider change (noise) until the boundary picture shows the new data: median ms;
   - a learning-rate change (nothing to redraw) until the app is idle again: median ms;
   - while playing, a noise change until the restarted run shows: median ms;
   - while playing: boundary redraws per second and epochs per second (from the counter).

Targets (issue 5): slider -> boundary <= 300 ms median; >= 4 redraws/s and >= 500 epochs/s
while playing; server frame <= 40 ms. The machine's load is printed with the figures:
other sessions share its 2 cores.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

import nncore
from bench import harness
from bench.harness import ROOT, machine
from nncore import data, optim
from ui import describe
from ui.i18n import tr

SPIRAL = {"dataset": "spiral", "layers": "8,8", "full": "1", "act": "tanh", "lr": "0.03"}


def epoch_cost(opt: str, repeats: int = 400) -> float:
    """Median seconds of one full-batch epoch, spiral [2, 8, 8, 1] tanh, float32 (nncore)."""
    X, y = data.make("spiral", n=500, seed=0)
    Xtr, Xte, ytr, yte = data.split(X, y, 0.5, seed=0)
    net = nncore.MLP([2, 8, 8, 1], activation="tanh", seed=0, dtype=np.float32)
    tr = nncore.Trainer(net, optim.get(opt, 0.03), Xtr, ytr, Xte, yte, record_every=2**62)
    times = []
    for _ in range(repeats // 20):
        t = time.perf_counter()
        tr.fit(20)
        times.append((time.perf_counter() - t) / 20)
    return statistics.median(times)


def server_frames(opt: str = "sgd", frames: int = 30) -> dict:
    """Median per-frame timings of both live fragments under AppTest (Play on).

    Returns {"fast": {...}, "slow": {...}} with train_ms, draw_ms, total_ms, epochs.
    """
    from streamlit.testing.v1 import AppTest

    from ui.mlp import live as mlp_live

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    for k, v in {**SPIRAL, "opt": opt}.items():
        at.query_params[k] = v
    at.switch_page("pages/3_MLP.py")
    at.run()
    at.button(key="mlp_play_btn").click().run()
    stats: dict = {"fast": [], "slow": []}
    for _ in range(frames):
        at.run()  # a full run runs both fragments once
        for which in stats:
            stats[which].append(dict(at.session_state[mlp_live.STATS_KEY][which]))
    assert not at.exception, [e.message for e in at.exception]
    out = {}
    for which, rows in stats.items():
        med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
        med["total_ms"] = statistics.median(r["train_ms"] + r["draw_ms"] for r in rows)
        out[which] = med
    return out


# In the page: the boundary picture is the <img> with its alt text.
FIND = """(alt) => document.querySelector('[data-testid=stImage] img[alt*="' + alt + '"]')"""

WATCH = """([find, id]) => {
  const findImg = eval(find);
  window.__seen = []; window.__last = null;
  const tick = () => {
    const img = findImg(id);
    if (img) {
      const src = img.getAttribute('src');
      if (src !== window.__last && img.complete) {
        window.__last = src; window.__seen.push(performance.now());
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


# Times at which the app went idle (``data-test-script-state`` became notRunning).
IDLE = """() => {
  window.__idle = [];
  const app = document.querySelector('[data-testid=stApp]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'notRunning')
      window.__idle.push(performance.now());
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""

# While playing: the moment the epoch counter shows fewer epochs than ``e0`` (a restart).
RESTARTED = """(e0) => {
  const v = document.querySelector('[data-testid=stMetricValue]');
  return v && parseInt(v.innerText.replace(/,/g, '')) < e0 ? performance.now() : false;
}"""


def browser(repeats: int = 12, play_seconds: float = 10.0) -> dict:
    """Slider-to-boundary latency and live redraw/epoch rates in headless Chromium."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp, harness.serve(Path(tmp)) as server, \
            sync_playwright() as pw:
        url = server.url
        b = harness.launch_chromium(pw)
        page = harness.new_page(b)
        context = page.context
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")

        def busy() -> float:
            """Seconds the browser's main thread has spent on tasks so far."""
            metrics = cdp.send("Performance.getMetrics")["metrics"]
            return next(m["value"] for m in metrics if m["name"] == "TaskDuration")

        query = "&".join(f"{k}={v}" for k, v in SPIRAL.items())
        page.goto(f"{url}/MLP?lang=en&{query}")
        harness.wait_ready(page, timeout=120_000)
        page.wait_for_timeout(1000)
        page.evaluate(WATCH, [FIND, describe.BOUNDARY_MARKS["en"][0]])
        page.wait_for_timeout(500)

        # 1. slider change -> new boundary picture decoded and shown
        thumb = harness.slider_thumb(page, "Noise")
        latencies = []
        for i in range(repeats):
            seen = page.evaluate("() => window.__seen.length")
            thumb.focus()
            t0 = page.evaluate("() => performance.now()")
            page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            page.wait_for_function(f"() => window.__seen.length > {seen}", timeout=30_000)
            t1 = page.evaluate("() => window.__seen[window.__seen.length - 1]")
            latencies.append(t1 - t0)
            harness.wait_ready(page)
            page.wait_for_timeout(300)
        out["slider_ms"] = statistics.median(latencies)
        out["slider_all_ms"] = [round(v) for v in latencies]


        # 2. playing: redraws of the boundary and epochs per second
        def epoch() -> int:
            text = page.locator("[data-testid=stMetricValue]").first.inner_text()
            return int(text.replace(",", ""))

        page.get_by_role("button", name="Play").click()
        page.get_by_role("button", name="Pause").wait_for()
        page.wait_for_timeout(3000)  # warm-up
        n0, e0, t0 = page.evaluate("() => window.__seen.length"), epoch(), time.perf_counter()
        b0 = busy()
        page.wait_for_timeout(int(play_seconds * 1000))
        n1, e1, t1 = page.evaluate("() => window.__seen.length"), epoch(), time.perf_counter()
        out["main_thread_busy"] = (busy() - b0) / (t1 - t0)
        out["redraws_per_s"] = (n1 - n0) / (t1 - t0)
        out["epochs_per_s"] = (e1 - e0) / (t1 - t0)

        # 3. playing: a noise change until the page shows the restarted run (epoch drops)
        thumb = harness.slider_thumb(page, "Noise")
        restart = []
        for i in range(6):
            page.wait_for_timeout(1500)  # the counter climbs again
            e0 = epoch()
            thumb.focus()
            t0 = page.evaluate("() => performance.now()")
            page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            t1 = page.wait_for_function(RESTARTED, arg=e0, timeout=30_000).json_value()
            restart.append(t1 - t0)
        out["playing_slider_ms"] = statistics.median(restart)
        out["playing_all_ms"] = [round(v) for v in restart]
        page.get_by_role("button", name="Pause").click()
        page.get_by_role("button", name="Play").wait_for()
        harness.wait_ready(page)
        # 4. paused again: a learning-rate change (nothing to redraw) until the app is idle again
        page.evaluate(IDLE)
        thumb = harness.slider_thumb(page, tr("mlp.lr", "en"))
        settled = []
        for i in range(repeats):
            thumb.focus()
            t0 = page.evaluate("() => performance.now()")
            page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            try:
                t1 = page.wait_for_function(f"() => window.__idle.find(t => t > {t0}) || false",
                                            timeout=10_000).json_value()
                settled.append(t1 - t0)
            except PlaywrightTimeout:  # no run seen (the state flipped within one render)
                out["lr_missed"] = out.get("lr_missed", 0) + 1
            page.wait_for_timeout(300)
        out["lr_settled_ms"] = statistics.median(settled) if settled else float("nan")
        out["lr_all_ms"] = [round(v) for v in settled]
        b.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--server", action="store_true", help="server frame only, no browser")
    ap.add_argument("--browser", action="store_true", help="browser figures only")
    args = ap.parse_args()
    print("machine:", machine())
    for opt in ("sgd", "adam") if not args.browser else ():
        print(f"nncore epoch, spiral [8,8] tanh full batch float32, {opt}: "
              f"{1e6 * epoch_cost(opt):.0f} us")
    from ui.mlp import live as mlp_live

    for opt in ("sgd", "adam") if not args.browser else ():
        f = server_frames(opt)
        for which, every in (("fast", mlp_live.INTERVAL), ("slow", mlp_live.SLOW_INTERVAL)):
            r = f[which]
            print(f"server frame, {which} fragment (every {every} s, {opt}): train "
                  f"{r['train_ms']:.1f} ms ({r['epochs']:.0f} epochs) + draw {r['draw_ms']:.1f} ms"
                  f" = {r['total_ms']:.1f} ms   target <= 40 ms")
    if not args.server:
        r = browser()
        print(f"browser: slider -> boundary median {r['slider_ms']:.0f} ms "
              f"(all {r['slider_all_ms']})   target <= 300 ms")
        print(f"browser: learning rate -> settled median {r['lr_settled_ms']:.0f} ms "
              f"(all {r['lr_all_ms']}; {r.get('lr_missed', 0)} presses with no run seen)")
        print(f"browser: playing, noise -> restarted run shown median "
              f"{r['playing_slider_ms']:.0f} ms (all {r['playing_all_ms']})")
        print(f"browser: playing {r['redraws_per_s']:.1f} redraws/s (target >= 4), "
              f"{r['epochs_per_s']:.0f} epochs/s (target >= 500); browser main thread busy "
              f"{100 * r['main_thread_busy']:.0f}% of the time")
    print("machine after:", machine())


if __name__ == "__main__":
    main()
