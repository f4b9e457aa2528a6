"""Time the Neuron page's loss landscape: a 100 x 100 weight grid over 200 points.

Prints the median and best time of nncore.landscape.weight_grid (cross-entropy of the
sigmoid neuron, and MSE) and of the same grid in PyTorch (float64, one broadcast pass),
with their ratio. Run: ``python -m bench.bench_landscape``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from nncore import landscape, perceptron

RUNS = 40


def timed(f) -> tuple[float, float]:
    """(median, best) time of ``f()`` in ms over RUNS runs after a warm-up."""
    f()
    ts = []
    for _ in range(RUNS):
        start = time.perf_counter()
        f()
        ts.append((time.perf_counter() - start) * 1000)
    return statistics.median(ts), min(ts)


def torch_grid(torch, X, y, b, loss, n=100):
    """The same grid in PyTorch: the (n*n, m) logits at once, a mean per row."""
    w1 = torch.linspace(-6, 6, n, dtype=torch.float64)
    W = torch.stack([w1.repeat(n), w1.repeat_interleave(n)], dim=1)
    Z = W @ X.T + b
    if loss == "bce":
        T = y.expand_as(Z)
        L = torch.nn.functional.binary_cross_entropy_with_logits(Z, T, reduction="none")
    else:
        L = (torch.sigmoid(Z) - y) ** 2
    return L.mean(dim=1).reshape(n, n)


def main() -> None:
    X, y = perceptron.make("linear", 200, 0.3, seed=0)
    try:
        import torch

        torch.set_num_threads(1)
        Xt, yt = torch.tensor(X), torch.tensor(y, dtype=torch.float64)
    except ImportError:
        torch = None
    print("100 x 100 weight grid over 200 points (ms; one thread)")
    for loss in ("bce", "mse"):
        med, best = timed(lambda loss=loss: landscape.weight_grid(
            X, y, 0.3, "sigmoid", loss, n=100))
        line = f"{loss:4s} nncore median {med:6.1f}  best {best:6.1f}"
        if torch is not None:
            ours = landscape.weight_grid(X, y, 0.3, "sigmoid", loss, n=100)[2]
            ref = torch_grid(torch, Xt, yt, 0.3, loss).numpy()
            assert np.allclose(ours, ref, rtol=1e-12), "the grids differ"
            tmed, tbest = timed(lambda loss=loss: torch_grid(torch, Xt, yt, 0.3, loss))
            line += (f"   torch median {tmed:6.1f}  best {tbest:6.1f}"
                     f"   nncore/torch {med / tmed:4.2f} (best {best / tbest:4.2f})")
        print(line)


if __name__ == "__main__":
    main()
