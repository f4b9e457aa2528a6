"""Benchmark: what one interaction on the backprop page costs on the server.

Run:  python bench/bench_backprop_page.py

Prints the median time of ``nncore.trace.build`` (default 2-3-1 example and the largest
network, 2-4-4-4-4 with a mini-batch of 8), of rendering every step's LaTeX, and of a full
page rerun under AppTest after pressing "Next" (a step change), in milliseconds. The PyTorch
check is timed once (its first call pays the torch import) and again (warm).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nncore  # noqa: E402
from nncore import trace  # noqa: E402
from ui.backprop import view  # noqa: E402


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


if __name__ == "__main__":
    main()
