"""Take a run to PyTorch: one self-contained script, the weights, the configuration.

:func:`pytorch_script` writes a Python script that needs only NumPy and PyTorch and
continues a :class:`nncore.playground.Playground` run exactly: the points in use (train
and test), the features, an ``nn.Sequential`` of the same sizes and activations (float64)
with the current weights, the same loss, the same optimiser with its settings and its
state (momentum buffers, Adam's moments and step count), L1/L2 as :mod:`nncore.optim`
applies them, and the trainer's batch order (the same NumPy Generator, in the state it is
in now, drawing the same permutations). ``python exported.py --check`` trains
``check_epochs`` epochs and compares them with numbers computed here by nncore
continuing the same run (:func:`reference_run`).

The playground trains in float32; the export and the reference continue in float64 from
the current float32 weights (exact in float64), so both sides compute the same numbers to
rounding (``CHECK_RTOL``).

:func:`step_script` is the Backprop page's one step as a script of its own.
:func:`model_code` (the ``nn.Sequential`` alone), :func:`weights_npz`,
:func:`state_dict_bytes` (torch imported inside) and :func:`config_json` /
:func:`config_from_json` are the other downloads. torch is never imported at module level.
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nncore import data
from nncore.network import _spans
from nncore.playground import Config
from nncore.train import Trainer

__all__ = [
    "CHECK_RTOL",
    "OPTIMISERS",
    "config_from_json",
    "config_json",
    "model_code",
    "pytorch_script",
    "reference_run",
    "state_dict_bytes",
    "step_script",
    "weights_npz",
]

#: the largest relative difference ``--check`` accepts (float64 on both sides)
CHECK_RTOL = 1e-9
#: the JSON key that marks a configuration file (and its format version)
CONFIG_FORMAT = ("nn_playground_config", 1)


# ---------------------------------------------------------------- optimisers
@dataclass(frozen=True)
class OptimiserRow:
    """How one nncore optimiser class becomes its ``torch.optim`` counterpart.

    ``build(opt)`` is the code of the torch optimiser over ``model.parameters()``;
    ``state(opt)`` is ``(buffers, scalars)``: torch's per-parameter state names mapped to
    nncore's flat buffers (laid out like ``net.params``), and scalar state (Adam's
    ``step``). Empty when the optimiser has no state yet (torch then starts it the same
    way nncore does).
    """

    build: Callable[[object], str]
    state: Callable[[object], tuple[dict[str, np.ndarray], dict[str, float]]]


def _sgd_state(o) -> tuple[dict, dict]:
    return ({"momentum_buffer": o.state[0]} if o.state is not None else {}), {}


def _adam_state(o) -> tuple[dict, dict]:
    if o.state is None:
        return {}, {}
    return {"exp_avg": o.state[0], "exp_avg_sq": o.state[1]}, {"step": float(o.t)}


def _rmsprop_state(o) -> tuple[dict, dict]:
    if o.state is None:
        return {}, {}
    s, a, v = o.state
    buffers = {"square_avg": s}
    if o.momentum > 0.0:
        buffers["momentum_buffer"] = v
    if o.centered:
        buffers["grad_avg"] = a
    return buffers, {"step": float(o.t)}


#: nncore optimiser class name -> its torch optimiser
OPTIMISERS: dict[str, OptimiserRow] = {
    "SGD": OptimiserRow(
        lambda o: (f"torch.optim.SGD(model.parameters(), lr={o.lr!r}, "
                   f"momentum={o.momentum!r}, nesterov={o.nesterov!r})"),
        _sgd_state),
    "Adam": OptimiserRow(
        lambda o: (f"torch.optim.Adam(model.parameters(), lr={o.lr!r}, "
                   f"betas={o.betas!r}, eps={o.eps!r})"),
        _adam_state),
    "RMSprop": OptimiserRow(
        lambda o: (f"torch.optim.RMSprop(model.parameters(), lr={o.lr!r}, alpha={o.alpha!r}, "
                   f"eps={o.eps!r}, momentum={o.momentum!r}, centered={o.centered!r})"),
        _rmsprop_state),
}


def _optimiser_row(opt) -> OptimiserRow:
    name = type(opt).__name__
    if name not in OPTIMISERS:
        raise ValueError(f"no PyTorch export for the optimiser {name}; "
                         f"exportable: {', '.join(OPTIMISERS)}")
    return OPTIMISERS[name]


# ---------------------------------------------------------------- pieces of code
_MODULES = {
    "sigmoid": "nn.Sigmoid()", "tanh": "nn.Tanh()", "relu": "nn.ReLU()",
    "leaky_relu": "nn.LeakyReLU({alpha})", "elu": "nn.ELU({alpha})", "selu": "nn.SELU()",
    "gelu": 'nn.GELU(approximate="tanh")', "silu": "nn.SiLU()", "mish": "nn.Mish()",
    "softplus": "nn.Softplus({beta}, {threshold})", "softsign": "nn.Softsign()",
    "linear": "nn.Identity()", "softmax": "nn.Softmax(dim=1)",
}
#: nncore.data's features as NumPy expressions of the columns x1, x2 (same operations)
_FEATURE_CODE = {
    "x1": "x1", "x2": "x2", "x1^2": "x1 * x1", "x2^2": "x2 * x2", "x1*x2": "x1 * x2",
    "sin(x1)": "np.sin(x1)", "sin(x2)": "np.sin(x2)",
}
#: nncore loss -> (torch loss on the logits ``model[:-1](x)``, target code from labels y)
_LOSS_CODE = {
    "bce": ("nn.BCEWithLogitsLoss()", "torch.tensor(y, dtype=torch.float64).reshape(-1, 1)"),
    "cross_entropy": ("nn.CrossEntropyLoss()", "torch.tensor(y, dtype=torch.long)"),
    "mse": ("nn.MSELoss()", "torch.tensor(y, dtype=torch.float64).reshape(-1, 1)"),
}


def _lit(a, dtype: str = "float64") -> str:
    """A NumPy literal of ``a`` whose floats round-trip exactly (shortest repr)."""
    a = np.asarray(a)
    if a.dtype.kind in "iub":
        items = [str(int(v)) for v in a.ravel()]
        dtype = "int64"
    else:
        items = [repr(float(v)) for v in a.ravel()]
    lines, line = [], "   "
    for item in items:
        if len(line) + len(item) > 94:
            lines.append(line)
            line = "   "
        line += " " + item + ","
    lines.append(line)
    body = "\n".join(lines)
    return f"np.array([\n{body}\n], dtype=np.{dtype}).reshape({tuple(a.shape)!r})"


def model_code(net, dtype: str | None = None) -> str:
    """Python source that builds ``model``, an ``nn.Sequential`` equal to ``net`` with its
    parameters (float64 unless ``dtype="float32"``; default: the net's own dtype).

    Needs only torch (and NumPy); paste it into a notebook to go on in PyTorch.
    """
    act = net.activation
    if act.name not in _MODULES or net.output not in _MODULES:
        raise ValueError(f"activation {act.name!r} has no PyTorch module to export")
    defaults = {"alpha": 0.01 if act.name == "leaky_relu" else 1.0, "beta": 1.0,
                "threshold": 20.0}
    hidden = _MODULES[act.name].format(**{**defaults, **act.params})
    dtype = dtype or ("float64" if net.dtype == np.float64 else "float32")
    lines = ["import numpy as np", "import torch", "from torch import nn", "",
             "model = nn.Sequential("]
    for l, Wl in enumerate(net.W):
        lines.append(f"    nn.Linear({Wl.shape[1]}, {Wl.shape[0]}, dtype=torch.{dtype}),")
        lines.append(f"    {hidden}," if l < net.L - 1 else f"    {_MODULES[net.output]},")
    lines += [")", "with torch.no_grad():"]
    for l, (Wl, bl) in enumerate(zip(net.W, net.b)):
        for name, a in (("weight", Wl), ("bias", bl)):
            lines.append(f"    model[{2 * l}].{name}.copy_(torch.from_numpy({_lit(a, dtype)}))")
    return "\n".join(lines) + "\n"


def _per_parameter(net, flat: np.ndarray) -> list[np.ndarray]:
    """A buffer laid out like ``net.params`` split as ``[W1, b1, W2, b2, ...]`` (float64)."""
    out = []
    for (i, j, shape), n_in in zip(_spans(net.sizes), net.sizes[:-1]):
        block = np.asarray(flat[i:j], dtype=np.float64).reshape(shape)
        out += [block[:, :n_in].copy(), block[:, n_in].copy()]
    return out


# ---------------------------------------------------------------- nncore's continuation
def _trainer64(pg) -> Trainer:
    """A float64 copy of the playground's trainer, about to take the same next step."""
    tr = pg.trainer
    if getattr(tr, "_pos", 0) != 0:
        raise ValueError("export between epochs (the trainer is inside an epoch)")
    if tr.diverged:
        raise ValueError("the run has diverged; lower the learning rate or reset first")
    c = pg.config
    net = pg.net.astype(np.float64)
    opt = _copy_optimiser(tr.opt)
    t64 = Trainer(net, opt, data.features(pg.X_train, c.features), pg.y_train,
                  data.features(pg.X_test, c.features), pg.y_test,
                  batch_size=tr.batch_size, loss=tr.loss.name, record_every=2**62)
    t64.rng = np.random.Generator(np.random.PCG64())
    t64.rng.bit_generator.state = tr.rng.bit_generator.state
    t64.epoch_count, t64.step_count = tr.epoch_count, tr.step_count
    return t64


def _copy_optimiser(opt):
    import copy

    new = copy.deepcopy(opt)
    if new.state is not None:
        new.state = [np.asarray(s, dtype=np.float64) for s in new.state]
    return new


def reference_run(pg, epochs: int) -> dict | None:
    """nncore continuing ``pg``'s run for ``epochs`` epochs in float64 (``pg`` untouched).

    Returns ``{"loss": [training loss after each epoch], "test_loss": [...],
    "weights": [W1, b1, W2, b2, ...]}``, or None if that continuation diverges.
    """
    tr = _trainer64(pg)
    out: dict = {"loss": [], "test_loss": []}
    for _ in range(int(epochs)):
        if not tr.epoch():
            return None
        out["loss"].append(tr.evaluate(tr.X, tr.y)["loss"])
        out["test_loss"].append(tr.evaluate(tr.X_test, tr.y_test)["loss"]
                                if tr.has_test else None)
    out["weights"] = [np.array(a) for Wl, bl in zip(tr.net.W, tr.net.b) for a in (Wl, bl)]
    return out


# ---------------------------------------------------------------- the script
def _header(pg, opt, check_epochs: int) -> str:
    c, net = pg.config, pg.net
    return f'''#!/usr/bin/env python3
"""An NN Playground run, exported to PyTorch after epoch {pg.epoch}.

Dataset {c.dataset!r} ({pg.kind}), features {list(c.features)}, layer sizes {net.sizes},
{net.activation.name} hidden units, {net.output} output, loss {net.loss_name},
optimiser {c.optimizer} ({type(opt).__name__}, learning rate {opt.lr!r}), L1 {opt.l1!r},
L2 {opt.l2!r}, batch {c.batch or "full"}, seed {c.seed}.

Needs: numpy and torch (pip install numpy torch). Everything else is in this file.

    python exported.py                 train more epochs (--epochs N), printing the loss
    python exported.py --check         train {check_epochs} epochs and compare the loss and
                                       the weights with NN Playground's own continuation
    python exported.py --out res.json  also write the losses and final weights as JSON

The batch order is NN Playground's: at the start of every epoch a new permutation of the
training rows from the NumPy Generator below (none at full batch). The check needs the
NumPy version's permutation to be the same as the exporter's (it is across recent NumPys).
"""
import argparse
import json
import sys

import numpy as np

try:
    import torch
    from torch import nn
except ImportError:
    sys.exit("this script needs PyTorch: pip install torch")
torch.set_num_threads(1)  # layers this small run fastest on one thread
'''


def _scaling_code(scaling: dict | None) -> str:
    if not scaling:
        return ""
    return f'''
# Your CSV was rescaled into NN Playground's plane, per column: plane = (csv - offset) / scale.
# The points above are the rescaled ones; to_plane and from_plane convert.
SCALING = {{k: tuple(map(float, v)) for k, v in {dict(scaling)!r}.items()}}


def to_plane(X_csv):
    """CSV units (n, 2) -> the plane the network was trained on."""
    return np.column_stack([(X_csv[:, j] - SCALING[k][0]) / SCALING[k][1]
                            for j, k in enumerate(("x1", "x2"))])


def from_plane(X):
    """The plane (n, 2) -> CSV units."""
    return np.column_stack([X[:, j] * SCALING[k][1] + SCALING[k][0]
                            for j, k in enumerate(("x1", "x2"))])


def predict_csv(X_csv):
    """The network's output for points in CSV units (a regression target back in CSV units)."""
    with torch.no_grad():
        out = model(torch.from_numpy(features(to_plane(np.asarray(X_csv, float))))).numpy()
    if "y" in SCALING:
        out = out * SCALING["y"][1] + SCALING["y"][0]
    return out
'''


_BODY = '''

def targets(y):
    """Labels as the loss wants them."""
    return TARGETS(y)


F_TRAIN, T_TRAIN = torch.from_numpy(features(X_TRAIN)), targets(Y_TRAIN)
F_TEST, T_TEST = torch.from_numpy(features(X_TEST)), targets(Y_TEST)
linears = [m for m in model if isinstance(m, nn.Linear)]


def objective(x, t):
    """The mean loss of the batch, from the logits (the output layer's z) for stability."""
    return loss_fn(model[:-1](x), t)


def regularise():
    """nncore's L1/L2 on the weights (never the biases), added to the gradient before the
    step: g = dW + L2 * W + L1 * sign(W) (L2 is torch's weight_decay on the weights)."""
    for lin in linears:
        W = lin.weight.detach()
        if L2:
            lin.weight.grad.add_(W, alpha=L2)
        if L1:
            lin.weight.grad.add_(torch.sign(W), alpha=L1)


def train_epoch():
    n = len(F_TRAIN)
    if BATCH >= n:
        batches = [torch.arange(n)]
    else:
        order = torch.from_numpy(rng.permutation(n))
        batches = [order[i:i + BATCH] for i in range(0, n, BATCH)]
    for idx in batches:
        optimizer.zero_grad()
        objective(F_TRAIN[idx], T_TRAIN[idx]).backward()
        regularise()
        optimizer.step()


def evaluate(F, T):
    with torch.no_grad():
        return float(objective(F, T))


def train(epochs, show):
    losses, test_losses = [], []
    for e in range(epochs):
        train_epoch()
        losses.append(evaluate(F_TRAIN, T_TRAIN))
        test_losses.append(evaluate(F_TEST, T_TEST) if len(F_TEST) else None)
        if show:
            line = f"epoch {EPOCH + e + 1:6d}  train loss {losses[-1]:.12g}"
            if test_losses[-1] is not None:
                line += f"  test loss {test_losses[-1]:.12g}"
            print(line, flush=True)
    return losses, test_losses


def weights():
    return [p.detach().numpy().copy() for p in model.parameters()]


def relative(a, b):
    """max |a - b| / max |b| (the scale of the reference array)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(b))), 1e-300))


def check():
    if CHECK is None:
        print("no reference numbers: NN Playground's own continuation diverged")
        return 2
    losses, _ = train(len(CHECK["loss"]), show=False)
    for e, (mine, ref) in enumerate(zip(losses, CHECK["loss"])):
        print(f"epoch {EPOCH + e + 1:6d}  torch {mine:.15g}  nncore {ref:.15g}")
    worst_loss = max(relative(a, b) for a, b in zip(losses, CHECK["loss"]))
    worst_w = max(relative(a, b) for a, b in zip(weights(), CHECK["weights"]))
    ok = max(worst_loss, worst_w) <= RTOL
    print(f"largest relative difference: loss {worst_loss:.3g}, weights {worst_w:.3g} "
          f"(tolerance {RTOL:g})")
    print("PASS" if ok else "FAIL")
    if not ok and relative(losses[0], CHECK["loss"][0]) <= RTOL:
        print("the first epochs agree: this run is unstable (its loss jumps), and such a run "
              "amplifies the last-digit differences of two libraries' arithmetic")
    return (0 if ok else 1), losses


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=100, help="epochs to train (default 100)")
    ap.add_argument("--check", action="store_true",
                    help="train as many epochs as the embedded reference and compare")
    ap.add_argument("--out", help="write the losses and the final weights to this JSON file")
    args = ap.parse_args()
    if args.check:
        result = check()
        if result == 2:
            return 2
        code, losses = result
    else:
        code, (losses, _) = 0, train(args.epochs, show=True)
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"loss": losses, "weights": [w.tolist() for w in weights()]}, f)
    return code


if __name__ == "__main__":
    sys.exit(main())
'''


def pytorch_script(pg, check_epochs: int = 50, scaling: dict | None = None) -> str:
    """One self-contained Python script (numpy + torch) that continues ``pg``'s run.

    Parameters
    ----------
    pg : nncore.playground.Playground
        Between epochs (``step``/``frame`` always leave it so) and not diverged.
    check_epochs : int
        Epochs of nncore's own continuation embedded for ``--check`` (computed on a
        float64 copy; ``pg`` is not changed).
    scaling : dict, optional
        ``{"x1": (offset, scale), "x2": ..., "y": ...}`` of uploaded data
        (:attr:`nncore.upload.Uploaded.scaling`): the script shows it and gets
        ``to_plane``, ``from_plane`` and ``predict_csv`` to undo it.

    Raises
    ------
    ValueError
        For an optimiser or activation without a PyTorch counterpart, a diverged run, or
        a trainer stopped inside an epoch.
    """
    tr, net, c = pg.trainer, pg.net, pg.config
    opt = tr.opt
    row = _optimiser_row(opt)
    if net.loss_name not in _LOSS_CODE:
        raise ValueError(f"no PyTorch export for the loss {net.loss_name!r}")
    ref = reference_run(pg, check_epochs)  # also refuses a diverged run
    buffers, scalars = row.state(opt)
    loss_code, target_code = _LOSS_CODE[net.loss_name]
    y_dtype = "int64" if pg.kind != "regression" else "float64"
    feats = ", ".join(_FEATURE_CODE[f] for f in c.features)
    parts = [_header(pg, opt, check_epochs)]
    parts.append(
        "\n# ---- the data: the exact points NN Playground trained and tested on\n"
        f"X_TRAIN = {_lit(pg.X_train)}\nY_TRAIN = {_lit(pg.y_train, y_dtype)}\n"
        f"X_TEST = {_lit(pg.X_test)}\nY_TEST = {_lit(pg.y_test, y_dtype)}\n")
    parts.append(_scaling_code(scaling))
    parts.append(
        f"\n# ---- the features\nFEATURES = {list(c.features)!r}\n\n\ndef features(X):\n"
        f"    x1, x2 = X[:, 0], X[:, 1]\n    return np.column_stack([{feats}])\n")
    model = model_code(net.astype(np.float64)).split("\n", 4)[4]  # without the imports
    parts.append(f"\n# ---- the network and its weights after epoch {pg.epoch}\n" + model)
    parts.append(
        f"\n# ---- the loss, the optimiser and its state\nloss_fn = {loss_code}\n"
        f"TARGETS = lambda y: {target_code}  # noqa: E731\n"
        f"L1, L2 = {opt.l1!r}, {opt.l2!r}\noptimizer = {row.build(opt)}\n")
    if buffers or scalars:
        per = {k: _per_parameter(net, v) for k, v in buffers.items()}
        parts.append("STATE = [  # per parameter, in model.parameters() order: W1, b1, W2, ...\n")
        for i in range(2 * net.L):
            entries = [f"{k!r}: torch.from_numpy({_lit(per[k][i])})" for k in per]
            entries += [f"{k!r}: torch.tensor({v!r})" for k, v in scalars.items()]
            parts.append("    {" + ", ".join(entries) + "},\n")
        parts.append("]\nfor p, s in zip(model.parameters(), STATE):\n"
                     "    optimizer.state[p] = s\n")
    parts.append(
        "\n# ---- the batch order: NN Playground's Generator, in the state it is in now\n"
        f"BATCH = {tr.batch_size}\nEPOCH = {pg.epoch}\n"
        "rng = np.random.Generator(np.random.PCG64())\n"
        f"rng.bit_generator.state = {tr.rng.bit_generator.state!r}\n")
    if ref is None:
        parts.append("\n# ---- NN Playground's continuation diverged: nothing to check\n"
                     "CHECK = None\n")
    else:
        parts.append(
            f"\n# ---- NN Playground's own next {check_epochs} epochs (float64), for --check\n"
            f"RTOL = {CHECK_RTOL!r}\nCHECK = {{\n"
            f"    'loss': {[float(v) for v in ref['loss']]!r},\n"
            "    'weights': [\n"
            + "".join(f"        {_lit(a)},\n" for a in ref["weights"])
            + "    ],\n}\n")
    parts.append(_BODY)
    return "".join(parts)


# ---------------------------------------------------------------- weights and config
def weights_npz(pg) -> bytes:
    """The current weights as a NumPy ``.npz`` (``W1, b1, W2, b2, ...``, float64).

    ``W{l}`` has torch's ``nn.Linear.weight`` layout, shape (n[l], n[l-1]).
    """
    net = pg.net
    arrays = {}
    for l, (Wl, bl) in enumerate(zip(net.W, net.b), start=1):
        arrays[f"W{l}"] = np.asarray(Wl, dtype=np.float64)
        arrays[f"b{l}"] = np.asarray(bl, dtype=np.float64)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def state_dict_bytes(pg) -> bytes:
    """``torch.save`` of the float64 ``nn.Sequential``'s ``state_dict`` (keys ``0.weight``,
    ``0.bias``, ``2.weight``, ...: the layout :func:`model_code` builds).

    Raises
    ------
    ImportError
        When torch is not installed (the ``.npz`` needs only NumPy).
    """
    try:
        import torch
    except ImportError as e:
        raise ImportError("a PyTorch state_dict needs torch (pip install torch); "
                          "the weights as .npz need only NumPy") from e
    from nncore.torch_ref import to_torch

    buf = io.BytesIO()
    torch.save(to_torch(pg.net.astype(np.float64)).state_dict(), buf)
    return buf.getvalue()


_TUPLE_FIELDS = {"features": str, "layers": int}


def config_json(pg) -> str:
    """The run's :class:`~nncore.playground.Config` (a Playground's or a Config) as JSON."""
    c = pg if isinstance(pg, Config) else pg.config
    body = {CONFIG_FORMAT[0]: CONFIG_FORMAT[1]}
    for f in dataclasses.fields(Config):
        v = getattr(c, f.name)
        body[f.name] = list(v) if isinstance(v, tuple) else v
    return json.dumps(body, indent=2) + "\n"


def _typed(name: str, value, default):
    """``value`` checked against the type of the field's default; ValueError otherwise."""
    def is_int(v):
        return isinstance(v, int) and not isinstance(v, bool)

    if isinstance(default, tuple):
        kind = _TUPLE_FIELDS[name]
        ok = isinstance(value, list) and all(
            is_int(v) if kind is int else isinstance(v, str) for v in value)
        if not ok:
            raise ValueError(f"{name} must be a list of {'integers' if kind is int else 'names'},"
                             f" got {value!r}")
        return tuple(value)
    if isinstance(default, bool) or is_int(default):
        if not is_int(value):
            raise ValueError(f"{name} must be an integer, got {value!r}")
        return value
    if isinstance(default, float):
        if not (is_int(value) or isinstance(value, float)) or not math.isfinite(value):
            raise ValueError(f"{name} must be a number, got {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {value!r}")
    return value


def config_from_json(text: str | bytes) -> Config:
    """A :class:`Config` from :func:`config_json`'s text, strictly checked.

    Fields left out take their defaults; anything else raises ``ValueError`` with a
    sentence naming the problem (not JSON, not an NN Playground configuration, an unknown
    field, a wrong type, a value out of range).
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("the configuration file is not UTF-8 text") from None
    try:
        body = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        raise ValueError(f"the configuration is not valid JSON ({e})") from None
    key, version = CONFIG_FORMAT
    if not isinstance(body, dict) or key not in body:
        raise ValueError(f"not an NN Playground configuration (no {key!r} key)")
    if body[key] != version:
        raise ValueError(f"configuration format {body[key]!r} is not supported (only {version})")
    defaults = Config()
    names = {f.name for f in dataclasses.fields(Config)}
    unknown = sorted(set(body) - names - {key})
    if unknown:
        raise ValueError(f"unknown field(s) {unknown}; known: {sorted(names)}")
    fields = {n: _typed(n, body[n], getattr(defaults, n)) for n in names if n in body}
    return Config(**fields).check(big=True)


# ---------------------------------------------------------------- one step (Backprop page)
_STEP_BODY = '''
LOSSES = {"bce": nn.BCEWithLogitsLoss(), "cross_entropy": nn.CrossEntropyLoss(),
          "mse": nn.MSELoss()}


def one_step():
    """Forward, loss, backward and the update W := W - alpha dW, b := b - alpha db."""
    logits = LOSS in ("bce", "cross_entropy")  # the loss takes the output layer's input
    net = model[:-1] if logits else model
    out = net(torch.from_numpy(X))
    target = torch.from_numpy(Y)
    if LOSS != "cross_entropy":  # class indices stay a vector; other targets take out's shape
        target = target.reshape(out.shape)
    loss = LOSSES[LOSS](out, target)
    model.zero_grad()
    loss.backward()
    linears = [m for m in model if isinstance(m, nn.Linear)]
    dW = [m.weight.grad.numpy().copy() for m in linears]
    db = [m.bias.grad.numpy().copy() for m in linears]
    with torch.no_grad():
        for m in linears:
            m.weight -= ALPHA * m.weight.grad
            m.bias -= ALPHA * m.bias.grad
        after = float(LOSSES[LOSS](net(torch.from_numpy(X)), target))
    return {"loss_before": float(loss.detach()), "loss_after": after,
            "dW": [a.tolist() for a in dW], "db": [a.tolist() for a in db]}


def relative(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-12))) if a.size else 0.0


def main():
    parser = argparse.ArgumentParser(description="One training step of NN Playground's network")
    parser.add_argument("--check", action="store_true",
                        help="compare with the numbers NN Playground computed")
    parser.add_argument("--out", help="write the numbers as JSON to this file")
    args = parser.parse_args()
    got = one_step()
    print(f"loss before {got['loss_before']:.12g}   after {got['loss_after']:.12g}")
    for l, (dW, db) in enumerate(zip(got["dW"], got["db"]), start=1):
        print(f"dW[{l}] =", np.array(dW), f"\\ndb[{l}] =", np.array(db))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(got, f)
    if args.check:
        worst = max(relative(got["loss_before"], NNCORE["loss_before"]),
                    relative(got["loss_after"], NNCORE["loss_after"]),
                    *(relative(a, b) for a, b in zip(got["dW"], NNCORE["dW"])),
                    *(relative(a, b) for a, b in zip(got["db"], NNCORE["db"])))
        ok = worst <= RTOL
        print(f"{'PASS' if ok else 'FAIL'}: largest relative difference from NN Playground "
              f"{worst:.1e} (allowed {RTOL:.0e})")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
'''


def step_script(net, X, Y, alpha: float, trace) -> str:
    """A self-contained script of the Backprop page's step: ``net`` (float64) on the batch
    ``(X, Y)``, its loss, backward pass and the update with ``alpha``, printing the loss
    before and after, dW and db; ``--check`` compares them with ``trace``'s (nncore's
    :func:`nncore.trace.build` of the same step) to ``CHECK_RTOL``.

    Parameters
    ----------
    net : MLP
    X : ndarray, shape (m, n[0])
    Y : ndarray, shape (m, n[L]) or (m,) (class indices, cross-entropy)
    alpha : float
    trace : nncore.trace.Trace
    """
    net64 = net.astype(np.float64)
    labels = net.loss_name == "cross_entropy"
    Ylit = _lit(np.asarray(Y).astype(np.int64).reshape(-1)) if labels else _lit(
        np.asarray(Y, dtype=np.float64))
    nncore_numbers = {"loss_before": float(trace.loss_before),
                      "loss_after": float(trace.loss_after),
                      "dW": [np.asarray(a, dtype=np.float64).tolist() for a in trace.dW],
                      "db": [np.asarray(a, dtype=np.float64).tolist() for a in trace.db]}
    head = (
        '"""One training step of a small network, exported from NN Playground\'s Backprop\n'
        "page: run it to see the loss, dW and db that PyTorch computes; --check compares\n"
        'them with the page\'s numbers. Needs numpy and torch (pip install numpy torch)."""\n'
        "import argparse\nimport json\nimport sys\n\n"
        "try:\n    import torch\nexcept ImportError:\n"
        '    sys.exit("this script needs PyTorch: pip install torch")\n'
    )
    return (head + model_code(net64, "float64").replace("import torch\n", "", 1)
            + f"\nX = {_lit(np.asarray(X, dtype=np.float64))}\nY = {Ylit}\n"
            + f"LOSS = {net.loss_name!r}\nALPHA = {float(alpha)!r}\nRTOL = {CHECK_RTOL!r}\n"
            + f"NNCORE = json.loads({json.dumps(json.dumps(nncore_numbers))})\n"
            + _STEP_BODY)
