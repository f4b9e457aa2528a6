#!/usr/bin/env python3
"""One training step of a small network, exported from NN Playground's Backprop
page: run it to see the loss, dW and db that PyTorch computes; --check compares
them with the page's numbers. Needs numpy and torch (pip install numpy torch).

The network, the batch, the learning rate and the page's numbers are in DATA below
(written by NN Playground); the code after it is the same for every exported step.
In Python: ``one_step(DATA)`` returns the numbers.
"""

import argparse
import json
import sys

import numpy as np

# ---- DATA: the run's numbers, written by NN Playground (Python literals only) ----
DATA: dict = {}
# ---- end of DATA ----

#: NN Playground's loss -> torch.nn's
LOSSES = {"bce": "BCEWithLogitsLoss", "cross_entropy": "CrossEntropyLoss", "mse": "MSELoss"}


def require_torch():
    """torch, or exit with a sentence that says how to install it."""
    try:
        import torch
    except ImportError:
        sys.exit("this script needs PyTorch: pip install torch")
    return torch


def build_model(spec):
    """``nn.Sequential(Linear, hidden, ..., Linear, output)`` in float64 with the weights of
    ``spec`` (``{"layers": [{"weight": (n[l], n[l-1]), "bias": (n[l],)}, ...], "hidden":
    (module, kwargs), "output": (module, kwargs)}``; modules are ``torch.nn`` class names)."""
    import torch
    from torch import nn

    modules = []
    for l, layer in enumerate(spec["layers"]):
        W = torch.tensor(layer["weight"], dtype=torch.float64)
        linear = nn.Linear(W.shape[1], W.shape[0], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(W)
            linear.bias.copy_(torch.tensor(layer["bias"], dtype=torch.float64))
        name, kwargs = spec["output" if l == len(spec["layers"]) - 1 else "hidden"]
        modules += [linear, getattr(nn, name)(**kwargs)]
    return nn.Sequential(*modules)


def one_step(data):
    """Forward, loss, backward and the update W := W - alpha dW, b := b - alpha db.

    Returns ``{"loss_before", "loss_after", "dW": [...], "db": [...]}`` (lists).
    """
    import torch
    from torch import nn

    model = build_model(data["model"])
    loss_fn = getattr(nn, LOSSES[data["loss"]])()
    logits = data["loss"] in ("bce", "cross_entropy")  # the loss takes the output layer's z
    net = model[:-1] if logits else model
    X = torch.tensor(data["x"], dtype=torch.float64)
    out = net(X)
    labels = data["loss"] == "cross_entropy"
    target = torch.tensor(data["y"], dtype=torch.long if labels else torch.float64)
    if not labels:  # class indices stay a vector; other targets take out's shape
        target = target.reshape(out.shape)
    loss = loss_fn(out, target)
    model.zero_grad()
    loss.backward()
    linears = [m for m in model if isinstance(m, nn.Linear)]
    dW = [m.weight.grad.numpy().copy() for m in linears]
    db = [m.bias.grad.numpy().copy() for m in linears]
    with torch.no_grad():
        for m in linears:
            m.weight -= data["alpha"] * m.weight.grad
            m.bias -= data["alpha"] * m.bias.grad
        after = float(loss_fn(net(X), target))
    return {"loss_before": float(loss.detach()), "loss_after": after,
            "dW": [a.tolist() for a in dW], "db": [a.tolist() for a in db]}


def relative(a, b):
    """The largest elementwise |a - b| / |b| (|b| at least 1e-12); 0 for empty arrays."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-12))) if a.size else 0.0


def worst(got, reference):
    """The largest relative difference of every number of ``got`` from ``reference``."""
    return max(relative(got["loss_before"], reference["loss_before"]),
               relative(got["loss_after"], reference["loss_after"]),
               *(relative(a, b) for a, b in zip(got["dW"], reference["dW"])),
               *(relative(a, b) for a, b in zip(got["db"], reference["db"])))


def main(argv=None, data=None):
    """The command line; returns the exit code (1 when --check fails)."""
    data = DATA if data is None else data
    require_torch()
    parser = argparse.ArgumentParser(description="One training step of NN Playground's network")
    parser.add_argument("--check", action="store_true",
                        help="compare with the numbers NN Playground computed")
    parser.add_argument("--out", help="write the numbers as JSON to this file")
    args = parser.parse_args(argv)
    got = one_step(data)
    print(f"loss before {got['loss_before']:.12g}   after {got['loss_after']:.12g}")
    for l, (dW, db) in enumerate(zip(got["dW"], got["db"]), start=1):
        print(f"dW[{l}] =", np.array(dW), f"\ndb[{l}] =", np.array(db))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(got, f)
    if args.check:
        diff = worst(got, data["nncore"])
        ok = diff <= data["rtol"]
        print(f"{'PASS' if ok else 'FAIL'}: largest relative difference from NN Playground "
              f"{diff:.1e} (allowed {data['rtol']:.0e})")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
