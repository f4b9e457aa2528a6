"""Take a run to PyTorch: one self-contained script, the weights, the configuration.

:func:`pytorch_script` writes a Python script that needs only NumPy and PyTorch and
continues a :class:`nncore.playground.Playground` run exactly: the points in use (train
and test), the features, an ``nn.Sequential`` of the same sizes and activations (float64)
with the current weights, the same loss, the same optimiser with its settings and its
state (momentum buffers, Adam's moments and step count), L1/L2 as :mod:`nncore.optim`
applies them, and the trainer's batch order (the same NumPy Generator, in the state it is
in now, drawing the same permutations). The training tools go along: dropout replays
nncore's masks (the script draws them from that same Generator, in nncore's order: after
each epoch's permutation, per batch one ``random((m, n[l]))`` per hidden layer with a
rate, kept where ``>= p``) and multiplies each hidden activation by ``mask / (1 - p)``;
a schedule is the ``torch.optim.lr_scheduler`` class, made from the base rate and
stepped once per epoch already trained before the run goes on; clipping is
``clip_grad_norm_``; early stopping is the same rule on the test loss, with its state.
``python exported.py --check`` trains
``check_epochs`` epochs and compares them with numbers computed here by nncore
continuing the same run (:func:`reference_run`).

The scripts' code is not written here: it lives in real modules,
:mod:`nncore.export_templates` (``continue_run``, ``one_step``), linted and imported by the
tests; this module computes only their data (the ``DATA`` literal each script carries).

The playground trains in float32; the export and the reference continue in float64 from
the current float32 weights (exact in float64), so both sides compute the same numbers to
rounding (``CHECK_RTOL``).

:func:`step_script` is the Backprop page's one step as a script of its own.
:func:`model_code` (the ``nn.Sequential`` alone), :func:`weights_npz`,
:func:`state_dict_bytes` (torch imported inside) and :func:`config_json` /
:func:`config_from_json` are the other downloads. torch is never imported at module level.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from nncore import data
from nncore import export_templates as templates
from nncore.export_templates import continue_run
from nncore.playground import Config
from nncore.train import Trainer

__all__ = [
    "CHECK_RTOL",
    "OPTIMISERS",
    "config_from_json",
    "config_json",
    "model_code",
    "model_spec",
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

    ``name`` is the ``torch.optim`` class; ``settings(opt)`` its keyword arguments (after
    the parameters); ``state(opt)`` is ``(buffers, scalars)``: torch's per-parameter state
    names mapped to nncore's flat buffers (laid out like ``net.params``), and scalar state
    (Adam's ``step``). Empty when the optimiser has no state yet (torch then starts it the
    same way nncore does).
    """

    name: str
    settings: Callable[[object], dict]
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
        "SGD", lambda o: {"lr": o.lr, "momentum": o.momentum, "nesterov": o.nesterov},
        _sgd_state),
    "Adam": OptimiserRow(
        "Adam", lambda o: {"lr": o.lr, "betas": tuple(o.betas), "eps": o.eps}, _adam_state),
    "RMSprop": OptimiserRow(
        "RMSprop", lambda o: {"lr": o.lr, "alpha": o.alpha, "eps": o.eps,
                              "momentum": o.momentum, "centered": o.centered},
        _rmsprop_state),
}


def _optimiser_row(opt) -> OptimiserRow:
    name = type(opt).__name__
    if name not in OPTIMISERS:
        raise ValueError(f"no PyTorch export for the optimiser {name}; "
                         f"exportable: {', '.join(OPTIMISERS)}")
    return OPTIMISERS[name]


# ---------------------------------------------------------------- the network
#: nncore activation -> (its torch.nn module, the module's keyword arguments from the
#: activation's parameters)
_MODULES: dict[str, tuple[str, Callable[[dict], dict]]] = {
    "sigmoid": ("Sigmoid", lambda p: {}),
    "tanh": ("Tanh", lambda p: {}),
    "relu": ("ReLU", lambda p: {}),
    "leaky_relu": ("LeakyReLU", lambda p: {"negative_slope": p["alpha"]}),
    "elu": ("ELU", lambda p: {"alpha": p["alpha"]}),
    "selu": ("SELU", lambda p: {}),
    "gelu": ("GELU", lambda p: {"approximate": "tanh"}),
    "silu": ("SiLU", lambda p: {}),
    "mish": ("Mish", lambda p: {}),
    "softplus": ("Softplus", lambda p: {"beta": p["beta"], "threshold": p["threshold"]}),
    "softsign": ("Softsign", lambda p: {}),
    "linear": ("Identity", lambda p: {}),
    "softmax": ("Softmax", lambda p: {"dim": 1}),
}


def _module(name: str, params: dict) -> tuple[str, dict]:
    """``(torch.nn class name, keyword arguments)`` of nncore's activation ``name``."""
    if name not in _MODULES:
        raise ValueError(f"activation {name!r} has no PyTorch module to export")
    cls, kwargs = _MODULES[name]
    return cls, kwargs(params)


def model_spec(net) -> dict:
    """``net`` as the templates' model data (float64): ``{"hidden": (module, kwargs),
    "output": (module, kwargs), "layers": [{"weight": W1, "bias": b1}, ...]}`` (lists),
    what ``build_model`` in :mod:`nncore.export_templates` turns into an ``nn.Sequential``.
    """
    act = net.activation
    return {"hidden": _module(act.name, act.params), "output": _module(net.output, {}),
            "layers": [{"weight": np.asarray(Wl, dtype=np.float64).tolist(),
                        "bias": np.asarray(bl, dtype=np.float64).tolist()}
                       for Wl, bl in zip(net.W, net.b)]}


def _lit(a, dtype: str = "float64") -> str:
    """A NumPy literal of ``a`` whose floats round-trip exactly (shortest repr)."""
    a = np.asarray(a)
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


def units_off_refusal(net) -> str | None:
    """Why a run with switched-off units (``net.units_off()``, issue 31) gets no PyTorch
    script, or None: ``nn.Sequential`` has no switched-off units, and training one whose
    outgoing weights are 0 would move them, so the continuation could not equal this run."""
    off = net.units_off()
    if not off:
        return None
    names = ", ".join(f"layer {l} unit {j + 1}" for l, j in off)
    return (f"switched-off neurons ({names}): a PyTorch run has no switched-off units, so "
            "its continuation could not equal this one; switch them back on to export the "
            "script (the model code, the state_dict, the weights and the configuration "
            "still download)")


def masked(net):
    """``net`` as a plain network with the same outputs: a float64 copy in which each
    switched-off unit is on again with its outgoing weights 0 (its activation multiplied
    by 0, as the mask does). ``net`` itself when no unit is off."""
    off = net.units_off()
    if not off:
        return net
    out = net.astype(np.float64)  # a deep copy
    for l, j in off:
        out.set_unit(l, j, True)
        out.W[l][:, j] = 0.0  # W[l] (0-based) is layer l+1's, fed by unit j of layer l
    return out


def model_code(net, dtype: str | None = None) -> str:
    """Python source that builds ``model``, an ``nn.Sequential`` equal to ``net`` with its
    parameters (float64 unless ``dtype="float32"``; default: the net's own dtype).

    Needs only torch (and NumPy); paste it into a notebook to go on in PyTorch. (The
    exported scripts build theirs from data instead: :func:`model_spec`.) Switched-off
    units are written as units whose outgoing weights are 0 (:func:`masked`).
    """
    dtype = dtype or ("float64" if net.dtype == np.float64 else "float32")
    net = masked(net)
    spec = model_spec(net)
    hidden, output = (f"nn.{cls}({', '.join(f'{k}={v!r}' for k, v in kw.items())})"
                      for cls, kw in (spec["hidden"], spec["output"]))
    lines = ["import numpy as np", "import torch", "from torch import nn", "",
             "model = nn.Sequential("]
    for l, Wl in enumerate(net.W):
        lines.append(f"    nn.Linear({Wl.shape[1]}, {Wl.shape[0]}, dtype=torch.{dtype}),")
        lines.append(f"    {hidden}," if l < net.L - 1 else f"    {output},")
    lines += [")", "with torch.no_grad():"]
    for l, (Wl, bl) in enumerate(zip(net.W, net.b)):
        for name, a in (("weight", Wl), ("bias", bl)):
            lines.append(f"    model[{2 * l}].{name}.copy_(torch.from_numpy({_lit(a, dtype)}))")
    return "\n".join(lines) + "\n"


def _per_parameter(net, flat: np.ndarray) -> list[np.ndarray]:
    """A buffer laid out like ``net.params`` split as ``[W1, b1, W2, b2, ...]`` (float64)."""
    shadow = net.astype(np.float64)
    shadow.params = np.asarray(flat, dtype=np.float64)
    return [a.copy() for Wl, bl in zip(shadow.W, shadow.b) for a in (Wl, bl)]


# ---------------------------------------------------------------- nncore's continuation
def _trainer64(pg) -> Trainer:
    """A float64 copy of the playground's trainer, about to take the same next step."""
    tr = pg.trainer
    if tr.epoch_pos != 0:
        raise ValueError("export between epochs (the trainer is inside an epoch)")
    if tr.diverged:
        raise ValueError("the run has diverged; lower the learning rate or reset first")
    c = pg.config
    net = pg.net.astype(np.float64)
    opt = _copy_optimiser(tr.opt)
    es = copy.deepcopy(tr.early_stopping)
    if es is not None:
        es.go_on()  # a stopped run exported goes on, as Play does
    t64 = Trainer(net, opt, data.features(pg.X_train, c.features), pg.y_train,
                  data.features(pg.X_test, c.features), pg.y_test,
                  batch_size=tr.batch_size, loss=tr.loss.name, record_every=2**62,
                  dropout=tr.dropout, schedule=tr.schedule, clip=tr.clip,
                  early_stopping=es)
    t64.base_lr = tr.base_lr
    t64.rng = np.random.Generator(np.random.PCG64())
    t64.rng.bit_generator.state = tr.rng.bit_generator.state
    t64.epoch_count, t64.step_count = tr.epoch_count, tr.step_count
    best = tr.checkpoint()["stopping"][2]
    t64.load_checkpoint({**t64.checkpoint(), "stopping": (
        False, None if es is None else es.state(),
        None if best is None else best.astype(np.float64))})
    return t64


def _copy_optimiser(opt):
    new = copy.deepcopy(opt)
    if new.state is not None:
        new.state = [np.asarray(s, dtype=np.float64) for s in new.state]
    return new


def reference_run(pg, epochs: int) -> dict | None:
    """nncore continuing ``pg``'s run for ``epochs`` epochs in float64 (``pg`` untouched).

    Returns ``{"loss": [training loss after each epoch], "test_loss": [...],
    "weights": [W1, b1, W2, b2, ...]}``, or None if that continuation diverges. Early
    stopping may end it sooner (the lists are then shorter; the weights are those it
    stopped with, the best epoch's with ``restore_best``).
    """
    tr = _trainer64(pg)
    out: dict = {"loss": [], "test_loss": []}
    for _ in range(int(epochs)):
        if not tr.epoch():
            return None
        out["loss"].append(tr.evaluate(tr.X, tr.y)["loss"])
        out["test_loss"].append(tr.evaluate(tr.X_test, tr.y_test)["loss"]
                                if tr.has_test else None)
        if tr.stopped:
            break
    out["weights"] = [np.array(a) for Wl, bl in zip(tr.net.W, tr.net.b) for a in (Wl, bl)]
    return out


# ---------------------------------------------------------------- the script
def _about(pg, opt, check_epochs: int) -> str:
    """The comment that opens the script's DATA: what run this is."""
    c, net = pg.config, pg.net
    return (f"An NN Playground run, exported to PyTorch after epoch {pg.epoch}.\n"
            f"Dataset {c.dataset!r} ({pg.kind}), features {list(c.features)}, "
            f"layer sizes {net.sizes},\n"
            f"{net.activation.name} hidden units, {net.output} output, loss {net.loss_name},\n"
            f"optimiser {c.optimizer} ({type(opt).__name__}, learning rate {opt.lr!r}), "
            f"L1 {opt.l1!r}, L2 {opt.l2!r},\n"
            f"batch {c.batch or 'full'}, seed {c.seed}; --check trains {check_epochs} epochs."
            + "".join(f"\n{line}" for line in _tools_about(pg.trainer)))


def _tools_about(tr) -> list[str]:
    """The training tools in use, one line each, for the script's opening comment."""
    lines = []
    if any(tr.dropout):
        lines.append(f"dropout {list(tr.dropout)} (per hidden layer)")
    if tr.schedule is not None:
        name, kwargs = tr.schedule.torch_args()
        lines.append(f"learning-rate schedule {name}({kwargs}) from {tr.base_lr!r}")
    if tr.clip is not None:
        lines.append(f"gradients clipped to norm {tr.clip!r}")
    es = tr.early_stopping
    if es is not None:
        lines.append(f"early stopping: patience {es.patience}, min_delta {es.min_delta!r}, "
                     f"restore best {es.restore_best}")
    return lines


def _stopping_data(tr) -> dict | None:
    """Early stopping's settings and state as DATA holds them (None: off)."""
    es = tr.early_stopping
    if es is None:
        return None
    best = tr.checkpoint()["stopping"][2]
    return {"patience": es.patience, "min_delta": es.min_delta,
            "restore_best": es.restore_best,
            "best": None if not math.isfinite(es.best) else float(es.best),
            "wait": 0 if tr.stopped else es.wait,
            "best_weights": None if best is None else _per_parameter_lists(tr.net, best)}


def _per_parameter_lists(net, flat) -> list:
    return [a.tolist() for a in _per_parameter(net, flat)]


def _labels(y, kind: str) -> list:
    """Labels as DATA holds them: class indices (int), or regression targets (float)."""
    return np.asarray(y).astype(np.int64 if kind != "regression" else np.float64).tolist()


def pytorch_script(pg, check_epochs: int = 50, scaling: dict | None = None) -> str:
    """One self-contained Python script (numpy + torch) that continues ``pg``'s run: the
    template :mod:`nncore.export_templates.continue_run` with the run's numbers as DATA.

    Parameters
    ----------
    pg : nncore.playground.Playground
        Between epochs (``step``/``frame`` always leave it so) and not diverged.
    check_epochs : int
        Epochs of nncore's own continuation embedded for ``--check`` (computed on a
        float64 copy; ``pg`` is not changed).
    scaling : dict, optional
        ``{"x1": (offset, scale), "x2": ..., "y": ...}`` of uploaded data
        (:attr:`nncore.upload.Uploaded.scaling`): the script shows it, and its
        ``to_plane``, ``from_plane`` and ``predict_csv`` undo it.

    Raises
    ------
    ValueError
        For an optimiser or activation without a PyTorch counterpart, a diverged run, a
        trainer stopped inside an epoch, or switched-off units (:func:`units_off_refusal`).
    """
    tr, net, c = pg.trainer, pg.net, pg.config
    refusal = units_off_refusal(net)
    if refusal:
        raise ValueError(refusal)
    opt = tr.opt
    row = _optimiser_row(opt)
    if net.loss_name not in continue_run.LOSSES:
        raise ValueError(f"no PyTorch export for the loss {net.loss_name!r}")
    model = model_spec(net)  # also refuses an activation without a torch module
    ref = reference_run(pg, check_epochs)  # also refuses a diverged run
    buffers, scalars = row.state(opt)
    settings = row.settings(opt)
    if tr.schedule is not None:  # the scheduler sets the rate from the base
        settings["lr"] = float(tr.base_lr)
    state = None
    if buffers or scalars:
        per = {k: _per_parameter(net, v) for k, v in buffers.items()}
        state = [{**{k: per[k][i].tolist() for k in per}, **scalars} for i in range(2 * net.L)]
    check = None if ref is None else {
        "loss": [float(v) for v in ref["loss"]],
        "weights": [np.asarray(a, dtype=np.float64).tolist() for a in ref["weights"]]}
    entries = [
        ("epoch", pg.epoch, "the epochs trained before the export"),
        ("x_train", pg.X_train.tolist(),
         "the data: the exact points NN Playground trained and tested on, (n, 2)"),
        ("y_train", _labels(pg.y_train, pg.kind), ""),
        ("x_test", pg.X_test.tolist(), ""),
        ("y_test", _labels(pg.y_test, pg.kind), ""),
        ("scaling", None if not scaling else
         {k: tuple(float(x) for x in v) for k, v in dict(scaling).items()},
         "Your CSV was rescaled into NN Playground's plane, per column: plane = (csv - offset)"
         " / scale.\nThe points above are the rescaled ones; to_plane and from_plane convert."
         if scaling else "no scaling: the points are NN Playground's own"),
        ("features", list(c.features), "the input features (FEATURES below)"),
        ("model", model, f"the network (float64) and its weights after epoch {pg.epoch}"),
        ("loss", net.loss_name, "the loss (LOSSES below)"),
        ("optimizer", (row.name, settings),
         f"the optimiser: torch.optim.{row.name} and its settings"),
        ("optimizer_state", state,
         "its state per parameter, in model.parameters() order: W1, b1, W2, ..."
         if state is not None else "its state: none yet (torch starts it as nncore does)"),
        ("l1", float(opt.l1), "L1 and L2 on the weights, as NN Playground applies them"),
        ("l2", float(opt.l2), ""),
        ("batch", int(tr.batch_size), "the batch order: the batch size and NN Playground's "
         "Generator, in the state it is in now"),
        ("rng", tr.rng.bit_generator.state, ""),
        ("dropout", list(tr.dropout) if any(tr.dropout) else None,
         "dropout rate per hidden layer (masks from the Generator above, see Run.masks)"),
        ("schedule", None if tr.schedule is None else tr.schedule.torch_args(),
         "the learning-rate schedule: a torch.optim.lr_scheduler class and its arguments"),
        ("base_lr", float(tr.base_lr), "the rate the schedule starts from"),
        ("clip", tr.clip, "clip_grad_norm_'s max_norm (None: no clipping)"),
        ("stopping", _stopping_data(tr),
         "early stopping on the test loss: its settings and its state now"),
        ("rtol", CHECK_RTOL, "--check: the largest relative difference it accepts"),
        ("check", check,
         f"NN Playground's own next {check_epochs} epochs (float64): the loss after each, "
         "the final weights" if check is not None
         else "NN Playground's continuation diverged: nothing to check"),
    ]
    return templates.render("continue_run", entries, _about(pg, opt, check_epochs))


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

    buf = io.BytesIO()  # switched-off units: outgoing weights 0 (masked, issue 31)
    torch.save(to_torch(masked(pg.net).astype(np.float64)).state_dict(), buf)
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
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{name} must be true or false, got {value!r}")
        return value
    if is_int(default):
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
def step_script(net, X, Y, alpha: float, trace) -> str:
    """A self-contained script of the Backprop page's step: ``net`` (float64) on the batch
    ``(X, Y)``, its loss, backward pass and the update with ``alpha``, printing the loss
    before and after, dW and db; ``--check`` compares them with ``trace``'s (nncore's
    :func:`nncore.trace.build` of the same step) to ``CHECK_RTOL``. The template
    :mod:`nncore.export_templates.one_step` with the step's numbers as DATA.

    Parameters
    ----------
    net : MLP
    X : ndarray, shape (m, n[0])
    Y : ndarray, shape (m, n[L]) or (m,) (class indices, cross-entropy)
    alpha : float
    trace : nncore.trace.Trace
    """
    labels = net.loss_name == "cross_entropy"
    y = (np.asarray(Y).astype(np.int64).reshape(-1) if labels
         else np.asarray(Y, dtype=np.float64)).tolist()
    nncore_numbers = {"loss_before": float(trace.loss_before),
                      "loss_after": float(trace.loss_after),
                      "dW": [np.asarray(a, dtype=np.float64).tolist() for a in trace.dW],
                      "db": [np.asarray(a, dtype=np.float64).tolist() for a in trace.db]}
    entries = [
        ("model", model_spec(net), "the network (float64) and its weights before the step"),
        ("x", np.asarray(X, dtype=np.float64).tolist(), "the batch: inputs X (m, n[0])"),
        ("y", y, "and targets" + (" (class indices)" if labels else "")),
        ("loss", net.loss_name, "the loss (LOSSES below)"),
        ("alpha", float(alpha), "the learning rate"),
        ("rtol", CHECK_RTOL, "--check: the largest relative difference it accepts"),
        ("nncore", nncore_numbers, "the page's numbers (nncore), for --check"),
    ]
    return templates.render("one_step", entries,
                            "One training step, exported from NN Playground's Backprop page.")
