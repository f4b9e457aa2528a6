"""Benchmark: what one interaction on the backprop page costs on the server.

Run:  python -m bench.bench_backprop_page
      python -m bench.bench_backprop_page --browser [DIR ...]   (Chromium, see below)

Prints the median time of ``nncore.trace.build`` (default 2-3-1 example and the largest
network, 2-4-4-4-4 with a mini-batch of 8), of rendering every step's LaTeX, of a full
page rerun under AppTest after pressing "Next" (a step change), and of each widget's own
fragment run as the browser asks for it (the step slider, the digits, the learning rate,
the input width: issue 14), in milliseconds, with the elements each run draws. The
PyTorch check is timed once (its first call pays the torch import) and again (warm).

``--browser [DIR ...]`` starts ``streamlit run`` from each folder (default: this one; give
an older checkout too to compare before and after in the same minute) and, in Debian's
Chromium, presses an arrow key on the step slider, the digits slider and (in the settings)
the input-width slider in turn on every server, interleaved, timing from the key press to
the next ``data-test-script-state=notRunning`` after a run started. Prints the median and
p90 per slider and server.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from pathlib import Path

import nncore
from bench import harness
from bench.harness import ROOT
from nncore import trace
from ui.backprop import view


def median_ms(fn, reps: int = 20) -> float:
    fn()  # warm up
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main() -> None:
    cases = {
        "2-3-1, one example": ([2, 3, 1], 1),
        "2-4-4-4-4, batch of 8": ([2, 4, 4, 4, 4], 8),
    }
    for name, (sizes, m) in cases.items():
        net = nncore.MLP(sizes, activation="tanh", output="sigmoid", init="uniform", seed=0)
        X, Y = trace.make_batch([0.5, -1.0], [1.0] * sizes[-1], m, net, seed=0)
        t_build = median_ms(lambda net=net, X=X, Y=Y: trace.build(net, X, Y, 0.1))
        worked = trace.build(net, X, Y, 0.1)
        t_render = median_ms(lambda w=worked: [view.step_lines(s, 4) for s in w.steps])
        print(f"{name:26s} trace.build {t_build:6.2f} ms   render all {len(worked.steps)} steps "
              f"{t_render:6.2f} ms")

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.switch_page("pages/4_Backprop.py")
    at.run()

    def next_step() -> None:
        if at.slider(key="bp_step").value == at.slider(key="bp_step").max:
            at.slider(key="bp_step").set_value(1)
        at.button(key="bp_next").click().run()

    print(f"page rerun after Next (AppTest, whole script): {median_ms(next_step, 15):6.1f} ms")
    fragment_runs(at)
    at.toggle(key="bp_all").set_value(True).run()
    print(f"page rerun with all steps shown:              "
          f"{median_ms(lambda: at.run(), 10):6.1f} ms")

    net = nncore.MLP([2, 3, 1], seed=0)
    X, Y = trace.make_batch([0.5, -1.0], [1.0], 1, net, seed=0)
    worked = trace.build(net, X, Y, 0.1)
    t0 = time.perf_counter()
    res = trace.torch_check(net, X, Y, worked)
    cold = (time.perf_counter() - t0) * 1e3
    warm = median_ms(lambda: trace.torch_check(net, X, Y, worked), 10)
    print(f"PyTorch check: first {cold:7.1f} ms (imports torch), then {warm:5.2f} ms; "
          f"max |dW diff| {res['max_dW']:.1e}, max |db diff| {res['max_db']:.1e}")


def fragment_runs(at) -> None:
    """Each widget's fragment-scoped rerun (what a key press on it runs in the browser):
    its median time and the elements it draws."""
    widgets = (("slider", "bp_step", (2, 1)), ("slider", "bp_digits", (5, 4)),
               ("select_slider", "bp_alpha", (0.3, 0.1)), ("slider", "bp_n0", (3, 2)))
    for kind, key, values in widgets:
        at.run()  # the whole page: every widget in the tree again
        widget, presses = getattr(at, kind), iter(values * 50)
        with harness.fragment_scoped(harness.fragment_of(at, key)):
            ms = median_ms(lambda w=widget, k=key, v=presses: w(key=k).set_value(next(v)).run(),
                           15)
            drawn = sum(1 for _ in _walk(at._tree))
        print(f"  {key:10s} fragment run {ms:6.1f} ms, {drawn:3d} elements drawn")
    at.run()
    print(f"  (the whole page draws {sum(1 for _ in _walk(at._tree))} elements)")


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


#: in the page: resolve with the ms from the next key press to the end of the run it starts
_ARM = """() => { window.__bpDone = new Promise(resolve => {
  const app = document.querySelector('[data-testid=stApp]');
  let t0 = null, running = false;
  document.addEventListener('keydown', () => { t0 = performance.now(); },
                            {once: true, capture: true});
  const obs = new MutationObserver(() => {
    const s = app.getAttribute('data-test-script-state');
    if (s === 'running') running = true;
    else if (running && t0 !== null) { obs.disconnect(); resolve(performance.now() - t0); }
  });
  obs.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  setTimeout(() => resolve(running ? -2 : -1), 10000);  // no run seen: -1
}); }"""
#: (slider label, whether it sits in the settings expander)
_SLIDERS = (("Step", False), ("Decimals shown", False), ("Learning rate α", True),
            ("Inputs n[0]", True))


def browser(folders: list[Path], rounds: int) -> None:
    """Slider key press to settled, in Chromium, interleaved over the servers."""
    from playwright.sync_api import sync_playwright

    ready = harness.READY
    times: dict[tuple[int, str], list[float]] = {}
    with contextlib.ExitStack() as stack:
        urls = harness.servers(stack, folders, "bench-backprop")
        with sync_playwright() as pw:
            b = harness.launch_chromium(pw)
            pages = []
            for url in urls:
                page = b.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(f"{url}/Backprop?lang=en")
                page.wait_for_selector(ready, timeout=90_000)
                page.get_by_text("Change the network").click()  # open the settings
                page.wait_for_timeout(500)
                pages.append(page)
            for r in range(rounds):
                for label, _ in _SLIDERS:
                    for i, page in enumerate(pages):
                        thumb = harness.slider_thumb(page, label)
                        thumb.focus()
                        page.evaluate(_ARM)
                        page.keyboard.press("ArrowRight" if r % 2 == 0 else "ArrowLeft")
                        ms = page.evaluate("() => window.__bpDone")
                        page.wait_for_selector(ready)
                        page.wait_for_timeout(150)
                        if r:  # the first round warms the caches
                            times.setdefault((i, label), []).append(ms)
            b.close()
    for (i, label), ms in sorted(times.items()):
        ms.sort()
        p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
        print(f"{folders[i]!s:24s} {label:26s} median {statistics.median(ms):6.1f} ms   "
              f"p90 {p90:6.1f} ms   ({len(ms)} presses)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", nargs="*", type=Path, metavar="DIR",
                        help="time slider presses in Chromium on servers run from DIRs")
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    if args.browser is None:
        main()
    else:
        browser(args.browser or [ROOT], args.rounds)
