"""Benchmark: a class of same-shape networks trained alone in a loop vs as one cohort.

Run:  python -m bench.bench_cohort [--epochs 10] [--blocks 7] [--config default|spiral]

S students (S = 1, 4, 8, 16, 30), each on a seed of their own (so each has its own data,
weights and batch order), on the MLP page's default network (circle, features x1 x2,
layers 4-2, tanh, batch 10, 250 training points, float32) unless ``--config`` says
otherwise. "alone" trains each student's ``Trainer`` with ``epoch()`` in a loop, as the
page does today; "cohort" trains them with ``nncore.cohort.epochs`` (every call pulls each
trainer's state and pushes it back, as the app would per frame). The two are timed in
alternating blocks, so a slow spell of this shared machine hits both alike; the figures
are medians of the blocks. Prints epochs per second (all students together and per
student) and the ratio cohort / alone. Each block's runs are checked to end equal.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time

import numpy as np

from nncore import cohort
from nncore.playground import Config, Playground

CONFIGS = {
    "default": {},
    "spiral": {"dataset": "spiral", "layers": (8, 8), "batch": 10},
}


def _alone(trainers, k: int) -> None:
    for tr in trainers:
        for _ in range(k):
            tr.epoch()


def measure(S: int, k: int, blocks: int, extra: dict) -> tuple[float, float]:
    """Median seconds per call of (alone, cohort), each training S students k epochs."""
    base = [Playground(Config(seed=s, **extra)).trainer for s in range(S)]
    a_tr = [copy.deepcopy(t) for t in base]
    c_tr = [copy.deepcopy(t) for t in base]
    _alone(a_tr, 1)  # warm up both paths
    cohort.epochs(c_tr, 1)
    alone, together = [], []
    for _ in range(blocks):
        t0 = time.perf_counter()
        _alone(a_tr, k)
        alone.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        cohort.epochs(c_tr, k)
        together.append(time.perf_counter() - t0)
    for a, c in zip(a_tr, c_tr):  # the same runs, or the figures mean nothing
        assert np.array_equal(a.net.params, c.net.params) and a.step_count == c.step_count
    return statistics.median(alone), statistics.median(together)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=10, help="epochs per student per call")
    ap.add_argument("--blocks", type=int, default=7, help="alternating timed blocks")
    ap.add_argument("--config", choices=sorted(CONFIGS), default="default")
    ap.add_argument("--students", type=int, nargs="*", default=[1, 4, 8, 16, 30])
    args = ap.parse_args()
    k = args.epochs
    print(f"config {args.config}: {CONFIGS[args.config] or 'the MLP page default'}; "
          f"{k} epochs per student per call, median of {args.blocks} blocks")
    print(f"{'S':>3} {'alone ep/s':>11} {'cohort ep/s':>12} {'per student':>12} "
          f"{'alone/student':>14} {'ratio':>6}")
    for S in args.students:
        ta, tc = measure(S, k, args.blocks, CONFIGS[args.config])
        ea, ec = S * k / ta, S * k / tc
        print(f"{S:>3} {ea:>11.0f} {ec:>12.0f} {ec / S:>12.0f} {ea / S:>14.0f} "
              f"{ta / tc:>6.1f}")


if __name__ == "__main__":
    main()
