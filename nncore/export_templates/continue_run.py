#!/usr/bin/env python3
"""An NN Playground run, exported to PyTorch: it continues the run exactly.

Needs: numpy and torch (pip install numpy torch). Everything else is in this file: the
run's numbers in DATA below (written by NN Playground), then the code (the same for every
exported run).

    python exported.py                 train more epochs (--epochs N), printing the loss
    python exported.py --check         train as many epochs as DATA["check"] holds and
                                       compare the loss and the weights with NN
                                       Playground's own continuation
    python exported.py --out res.json  also write the losses and final weights as JSON

The run: the points in use, the features, an nn.Sequential of the same sizes and
activations (float64) with the current weights, the same loss, the same optimiser with its
settings and its state (momentum buffers, Adam's moments and step count), L1/L2 as NN
Playground applies them, and its batch order: at the start of every epoch a new
permutation of the training rows from the NumPy Generator in DATA["rng"] (none at full
batch). The check needs the NumPy version's permutation to be the same as the exporter's
(it is across recent NumPys).

The training tools, when the run uses them: dropout with NN Playground's own masks (drawn
from the same Generator, in its order: after the epoch's permutation, for every batch one
``rng.random((m, n))`` per hidden layer with a rate p > 0, a unit kept where the number is
``>= p``; the activation multiplied by ``mask / (1 - p)``, as torch.nn.Dropout in training
mode); the learning-rate schedule as its torch.optim.lr_scheduler class, made from the
base rate and stepped once for each epoch already trained, then once after every epoch;
clip_grad_norm_ before the L1/L2 terms and the step; early stopping on the test loss
(patience, min_delta, going back to the best weights if asked), from its state.

In Python: ``run = Run(DATA)``, then ``run.train(10)``, ``run.model``, ``run.weights()``;
``predict_csv`` takes points in your CSV's units when the run was on uploaded data.
"""

import argparse
import json
import sys

import numpy as np

# ---- DATA: the run's numbers, written by NN Playground (Python literals only) ----
DATA: dict = {}
# ---- end of DATA ----

#: NN Playground's input features: the same NumPy operations on the columns x1, x2
FEATURES = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}
#: NN Playground's loss -> torch.nn's, taken on the logits (the output layer's z)
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


def features(X, names):
    """The input features, shape (n, len(names)), of points ``X`` (n, 2)."""
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([FEATURES[name](x1, x2) for name in names])


def targets(loss, y):
    """Labels ``y`` (n,) as the loss wants them: class indices, or a float64 column."""
    import torch

    if loss == "cross_entropy":
        return torch.tensor(y, dtype=torch.long)
    return torch.tensor(y, dtype=torch.float64).reshape(-1, 1)


class Run:
    """The exported run, ready to go on: the model, the optimiser in its state, the data
    and the Generator of the batch order (``data`` laid out as DATA)."""

    def __init__(self, data):
        import torch
        from torch import nn

        self.epoch = data["epoch"]
        self.model = build_model(data["model"])
        self.linears = [m for m in self.model if isinstance(m, nn.Linear)]
        self.loss_fn = getattr(nn, LOSSES[data["loss"]])()
        self.data = {}
        for part in ("train", "test"):
            X = np.array(data[f"x_{part}"], dtype=np.float64).reshape(-1, 2)
            y = np.array(data[f"y_{part}"], dtype=np.float64 if data["loss"] == "mse"
                         else np.int64)
            self.data[part] = (torch.from_numpy(features(X, data["features"])),
                               targets(data["loss"], y))
        name, settings = data["optimizer"]
        self.optimizer = getattr(torch.optim, name)(self.model.parameters(), **settings)
        # per parameter, in model.parameters() order (W1, b1, W2, ...): buffers and step
        for p, state in zip(self.model.parameters(), data["optimizer_state"] or []):
            self.optimizer.state[p] = {
                k: torch.tensor(v, dtype=torch.float64) if isinstance(v, list)
                else torch.tensor(v) for k, v in state.items()}
        self.l1, self.l2, self.batch = data["l1"], data["l2"], data["batch"]
        self.rng = np.random.Generator(np.random.PCG64())
        self.rng.bit_generator.state = data["rng"]
        self.dropout = data.get("dropout") or []
        self.clip = data.get("clip")
        self.scheduler = None
        if data.get("schedule"):
            name, kwargs = data["schedule"]
            for group in self.optimizer.param_groups:  # the rate it starts from
                group["lr"] = data["base_lr"]
            self.scheduler = getattr(torch.optim.lr_scheduler, name)(self.optimizer, **kwargs)
            import warnings

            with warnings.catch_warnings():  # stepped before any optimizer.step(): on purpose
                warnings.simplefilter("ignore")
                for _ in range(self.epoch):  # once per epoch already trained
                    self.scheduler.step()
        self.stopping = dict(data["stopping"]) if data.get("stopping") else None
        self.stopped = False
        if self.stopping is not None:
            if self.stopping["best"] is None:
                self.stopping["best"] = float("inf")
            best = self.stopping.get("best_weights")
            self.best_weights = None if best is None else [
                torch.tensor(w, dtype=torch.float64) for w in best]

    def objective(self, x, t, masks=None):
        """The mean loss of the batch, from the logits (the output layer's z) for stability;
        with ``masks`` (training-mode dropout) each hidden activation is multiplied by its
        mask / (1 - p)."""
        from torch import nn

        if masks is None:
            return self.loss_fn(self.model[:-1](x), t)
        h, k = x, 0
        for module in self.model[:-1]:
            h = module(h)
            if not isinstance(module, nn.Linear):  # a hidden activation
                if masks[k] is not None:
                    h = h * masks[k]
                k += 1
        return self.loss_fn(h, t)

    def masks(self, m):
        """NN Playground's dropout masks of a batch of ``m`` rows: per hidden layer,
        ``mask / (1 - p)`` (m, n) from the Generator, or None where p is 0."""
        import torch

        out = []
        for linear, p in zip(self.linears[:-1], self.dropout):
            if p <= 0:
                out.append(None)
                continue
            keep = self.rng.random((m, linear.out_features)) >= p
            out.append(torch.from_numpy(np.where(keep, 1.0 / (1.0 - p), 0.0)))
        return out

    def regularise(self):
        """NN Playground's L1/L2 on the weights (never the biases), added to the gradient
        before the step: g = dW + L2 * W + L1 * sign(W) (L2 is torch's weight_decay)."""
        import torch

        for linear in self.linears:
            W = linear.weight.detach()
            if self.l2:
                linear.weight.grad.add_(W, alpha=self.l2)
            if self.l1:
                linear.weight.grad.add_(torch.sign(W), alpha=self.l1)

    def train_epoch(self):
        """One epoch: NN Playground's batches, in its order."""
        import torch

        F, T = self.data["train"]
        n = len(F)
        if self.batch >= n:
            batches = [torch.arange(n)]
        else:
            order = torch.from_numpy(self.rng.permutation(n))
            batches = [order[i:i + self.batch] for i in range(0, n, self.batch)]
        for idx in batches:
            masks = self.masks(len(idx)) if any(p > 0 for p in self.dropout) else None
            self.optimizer.zero_grad()
            self.objective(F[idx], T[idx], masks).backward()
            if self.clip is not None:
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.clip)
            self.regularise()
            self.optimizer.step()
        if self.scheduler is not None:
            self.scheduler.step()

    def watch(self, loss):
        """Early stopping after an epoch, on ``loss`` (the test loss): True to stop. With
        restore_best, the best epoch's weights come back when it stops."""
        import torch

        s = self.stopping
        if loss is not None and loss < s["best"] - s["min_delta"]:
            s["best"], s["wait"] = loss, 0
            if s["restore_best"]:
                self.best_weights = [p.detach().clone() for p in self.model.parameters()]
            return False
        s["wait"] += 1
        if s["wait"] < s["patience"]:
            return False
        if s["restore_best"] and self.best_weights is not None:
            with torch.no_grad():
                for p, w in zip(self.model.parameters(), self.best_weights):
                    p.copy_(w)
        return True

    def evaluate(self, part):
        """The mean loss on ``part`` ("train" or "test"), or None without test points."""
        import torch

        F, T = self.data[part]
        if not len(F):
            return None
        with torch.no_grad():
            return float(self.objective(F, T))

    def train(self, epochs, show=False):
        """``epochs`` more epochs; the training and test loss after each (printed if
        ``show``)."""
        losses, test_losses = [], []
        for _ in range(epochs):
            if self.stopped:
                break
            self.train_epoch()
            self.epoch += 1
            if self.stopping is not None:
                watched = self.evaluate("test")
                self.stopped = self.watch(watched if watched is not None
                                          else self.evaluate("train"))
            losses.append(self.evaluate("train"))
            test_losses.append(self.evaluate("test"))
            if show:
                line = f"epoch {self.epoch:6d}  train loss {losses[-1]:.12g}"
                if test_losses[-1] is not None:
                    line += f"  test loss {test_losses[-1]:.12g}"
                print(line, flush=True)
                if self.stopped:
                    print(f"early stopping: no improvement for {self.stopping['patience']} "
                          "epochs", flush=True)
        return losses, test_losses

    def weights(self):
        """W1, b1, W2, b2, ... as NumPy arrays."""
        return [p.detach().numpy().copy() for p in self.model.parameters()]


def relative(a, b):
    """max |a - b| / max |b| (the scale of the reference array)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(b))), 1e-300))


def check(run, reference, rtol):
    """Train as many epochs as ``reference`` holds and compare; (exit code, losses)."""
    if reference is None:
        print("no reference numbers: NN Playground's own continuation diverged")
        return 2, []
    start = run.epoch
    losses, _ = run.train(len(reference["loss"]))
    for e, (mine, ref) in enumerate(zip(losses, reference["loss"])):
        print(f"epoch {start + e + 1:6d}  torch {mine:.15g}  nncore {ref:.15g}")
    worst_loss = max(relative(a, b) for a, b in zip(losses, reference["loss"]))
    worst_w = max(relative(a, b) for a, b in zip(run.weights(), reference["weights"]))
    ok = max(worst_loss, worst_w) <= rtol
    print(f"largest relative difference: loss {worst_loss:.3g}, weights {worst_w:.3g} "
          f"(tolerance {rtol:g})")
    print("PASS" if ok else "FAIL")
    if not ok and relative(losses[0], reference["loss"][0]) <= rtol:
        print("the first epochs agree: this run is unstable (its loss jumps), and such a run "
              "amplifies the last-digit differences of two libraries' arithmetic")
    return (0 if ok else 1), losses


# ---- uploaded data: the plane the network was trained on, and your CSV's units
def to_plane(X_csv, scaling=None):
    """CSV units (n, 2) -> the plane: ``(csv - offset) / scale`` per column, from
    DATA["scaling"] (no scaling: the same points)."""
    scaling = DATA.get("scaling") if scaling is None else scaling
    X_csv = np.asarray(X_csv, float)
    if not scaling:
        return X_csv
    return np.column_stack([(X_csv[:, j] - scaling[k][0]) / scaling[k][1]
                            for j, k in enumerate(("x1", "x2"))])


def from_plane(X, scaling=None):
    """The plane (n, 2) -> CSV units."""
    scaling = DATA.get("scaling") if scaling is None else scaling
    X = np.asarray(X, float)
    if not scaling:
        return X
    return np.column_stack([X[:, j] * scaling[k][1] + scaling[k][0]
                            for j, k in enumerate(("x1", "x2"))])


def predict_csv(X_csv, model=None, data=None):
    """The network's output for points in CSV units (a regression target back in CSV
    units); ``model`` defaults to the exported one (``Run(DATA).model`` after training)."""
    torch = require_torch()
    data = DATA if data is None else data
    model = build_model(data["model"]) if model is None else model
    scaling = data.get("scaling") or {}
    F = features(to_plane(X_csv, scaling), data["features"])
    with torch.no_grad():
        out = model(torch.from_numpy(F)).numpy()
    if "y" in scaling:
        out = out * scaling["y"][1] + scaling["y"][0]
    return out


def main(argv=None, data=None):
    """The command line; returns the exit code (0 trained or PASS, 1 FAIL, 2 nothing to
    check)."""
    data = DATA if data is None else data
    torch = require_torch()
    torch.set_num_threads(1)  # layers this small run fastest on one thread
    ap = argparse.ArgumentParser(
        description=f"An NN Playground run, exported to PyTorch after epoch {data['epoch']}.")
    ap.add_argument("--epochs", type=int, default=100, help="epochs to train (default 100)")
    ap.add_argument("--check", action="store_true",
                    help="train as many epochs as the embedded reference and compare")
    ap.add_argument("--out", help="write the losses and the final weights to this JSON file")
    args = ap.parse_args(argv)
    run = Run(data)
    if args.check:
        code, losses = check(run, data["check"], data["rtol"])
        if code == 2:
            return 2
    else:
        code, (losses, _) = 0, run.train(args.epochs, show=True)
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"loss": losses, "weights": [w.tolist() for w in run.weights()]}, f)
    return code


if __name__ == "__main__":
    sys.exit(main())
