"""The lessons as data: which page, which settings (the page's own URL parameters), which
controls to hide, the prediction's choices, when the run counts as done and the numbers of
the student's run that the explanation quotes.

Every lesson's strings are ``lessons.<id>.*`` in ``ui/i18n/lessons.py``. The functions of a
lesson read session state only (``ss``: the target page's keys, ``mlp_pg``,
``neuron_run``, ``act_*``, ``bp_*`` and ``bp_worked``), never a page package: the course
is shared by every page and drawn by the frame. They are cheap, since the panel asks
``ran`` every couple of seconds while a live page plays.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nncore import activation_stats as stats
from nncore import activations
from ui import numbers

Numbers = dict[str, Any]


@dataclass(frozen=True)
class Lesson:
    """One lesson.

    ``params``: the target page's settings as its URL writes them; ``hide``: the URL names
    of the controls that do not matter (``?hide=``). ``ran(ss)``: the student has run it.
    ``numbers(ss, progress)``: the figures the explanation quotes (formatted), with the
    key ``outcome`` (the choice the run showed) when the run decides which answer is right;
    otherwise ``correct`` is. ``task_args`` fill the task string's placeholders.
    """

    id: str
    page: str
    params: dict[str, str]
    hide: tuple[str, ...]
    choices: tuple[str, ...]
    ran: Callable[[Mapping[str, Any]], bool]
    numbers: Callable[[Mapping[str, Any], Mapping[str, Any]], Numbers]
    correct: str | None = None
    task_args: dict[str, Any] = field(default_factory=dict)

    def query(self) -> dict[str, str]:
        """The URL parameters of the lesson's link: settings, ``hide`` and ``lesson``."""
        return {**self.params, "hide": ",".join(self.hide), "lesson": self.id}


def pct(share: float) -> str:
    """A share as a whole percentage: ``0.5 -> "50%"``."""
    return f"{100 * share:.0f}%"


# ------------------------------------------------------------------ Neuron
def _run(ss: Mapping[str, Any]) -> Any:
    return ss.get("neuron_run")


def _mp_ran(ss: Mapping[str, Any]) -> bool:
    run = _run(ss)
    return run is not None and abs(run.b) >= 0.5


def _mp_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    run = _run(ss)
    w1, w2 = (float(v) for v in run.W)
    norm = float(np.hypot(w1, w2))
    dist = abs(run.b) / norm if norm else float("inf")
    shown = {k: numbers.plain(v, 2) for k, v in (("b", run.b), ("w1", w1), ("w2", w2),
                                                  ("dist", dist))}
    return {**shown, "outcome": "shift" if norm else "stay"}


def _xor_ran(ss: Mapping[str, Any]) -> bool:
    run = _run(ss)
    return run is not None and run.steps >= 30


def _xor_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    run = _run(ss)
    acc = run.history["acc"]
    return {"steps": run.steps, "acc": pct(acc[-1]), "best": pct(max(acc)),
            "outcome": "never" if max(acc) < 1 else "slow" if run.steps > 10 else "fast"}


# ------------------------------------------------------------------ MLP
def _pg(ss: Mapping[str, Any]) -> Any:
    return ss.get("mlp_pg")


def _epochs(n: int) -> Callable[[Mapping[str, Any]], bool]:
    """Ran: the MLP trained ``n`` epochs, or stopped on a divergence."""

    def ran(ss: Mapping[str, Any]) -> bool:
        pg = _pg(ss)
        return pg is not None and (pg.epoch >= n or (pg.diverged and pg.epoch > 0))

    return ran


def _dead_share(pg: Any) -> float:
    dead = pg.history(1)["dead"]
    return float(dead[-1].mean()) if dead.size else 0.0


def _fit_numbers(pg: Any) -> Numbers:
    m = pg.metrics()
    return {"epoch": pg.epoch, "loss": numbers.plain(m["test_loss"]), "acc": pct(m["test_metric"])}


def _hidden_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    pg = _pg(ss)
    acc = float(pg.metrics()["test_metric"])
    outcome = "half" if acc < 0.625 else "three" if acc < 0.85 else "high"
    return {**_fit_numbers(pg), "outcome": outcome}


def _relu_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    pg = _pg(ss)
    dead = _dead_share(pg)
    outcome = "none" if dead == 0 else "some" if dead < 1 / 3 else "many"
    return {**_fit_numbers(pg), "dead": pct(dead), "dead_share": dead, "outcome": outcome}


def _leaky_numbers(ss: Mapping[str, Any], progress: Mapping[str, Any]) -> Numbers:
    pg = _pg(ss)
    dead = _dead_share(pg)
    relu = progress.get("relu_dead", {}).get("numbers", {}).get("dead_share")
    same = relu is not None and dead > 0 and abs(dead - relu) < 0.05
    return {**_fit_numbers(pg), "dead": pct(dead), "outcome": "as_relu" if same else "none"}


def _big_lr_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    pg = _pg(ss)
    h = pg.history(100_000)
    loss = h["train_loss"]
    i = int(np.nanargmin(loss))
    stalled = pg.diverged or i < 0.8 * (len(loss) - 1) or loss[-1] > 1.2 * loss[i]
    return {"epoch": pg.epoch, "best_epoch": int(h["epoch"][i]), "best": numbers.plain(loss[i]),
            "final": numbers.plain(loss[-1]), "outcome": "stall" if stalled else "faster"}


def _features_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    pg = _pg(ss)
    acc = float(pg.metrics()["test_metric"])
    return {**_fit_numbers(pg), "outcome": "yes" if acc >= 0.9 else "no"}


def _dropout_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    pg = _pg(ss)
    m = pg.metrics()
    train, test = float(m["train_loss"]), float(m["test_loss"])
    ratio = test / train if train > 0 else float("inf")
    p = float(pg.config.dropout)
    return {"epoch": pg.epoch, "train": numbers.plain(train), "test": numbers.plain(test),
            "ratio": numbers.plain(ratio, 2), "p": numbers.ladder(p),
            "scale": numbers.plain(1 / (1 - p), 3), "outcome": "close" if ratio < 2 else "far"}


def _schedule_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    pg = _pg(ss)
    h = pg.history(100_000)
    loss = h["train_loss"]
    i = int(np.nanargmin(loss))
    settled = not pg.diverged and loss[-1] <= 1.1 * loss[i]
    sched = pg.config.lr_schedule()
    base = pg.config.lr
    start = sched.rate(base, 0) if sched else base
    return {"epoch": pg.epoch, "start": numbers.plain(start, 4),
            "now": numbers.plain(pg.lr_now, 4), "n": pg.config.sched_epochs,
            "best_epoch": int(h["epoch"][i]), "best": numbers.plain(loss[i]),
            "final": numbers.plain(loss[-1]), "outcome": "settle" if settled else "bounce"}


# ------------------------------------------------------------------ Activations
def _moved(key: str, start: Any) -> Callable[[Mapping[str, Any]], bool]:
    """Ran: the widget ``key`` no longer holds the lesson's start value."""

    def ran(ss: Mapping[str, Any]) -> bool:
        return key in ss and tuple(np.atleast_1d(ss[key])) != tuple(np.atleast_1d(start))

    return ran


def _reached(key: str, at_least: float) -> Callable[[Mapping[str, Any]], bool]:
    """Ran: the widget ``key`` holds ``at_least`` or more (the lesson's task names the
    value: an explanation at a value on the way there would answer another question)."""

    def ran(ss: Mapping[str, Any]) -> bool:
        return key in ss and float(ss[key]) >= at_least

    return ran


def _nonlinear_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    """The linear stack of the page's picture (same seed) against its one composed map."""
    n = int(ss["act_layers"])
    Ws, bs = stats.random_affine_stack([2] * (n + 1), int(ss["act_seed"]))
    X, _line = stats.grid_lines(-2.0, 2.0, 9, 33)
    W, b = stats.compose_affine(Ws, bs)
    diff = float(np.max(np.abs(stats.stack_forward(X, Ws, bs, None) - (X @ W.T + b))))
    return {"n": n, "diff": f"{diff:.1e}"}


def _sigmoid_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    depth = int(ss["act_depth"])
    return {"L": depth, "bound": f"{0.25**depth:.3g}"}


def _tanh_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    lo, hi = ss["act_range"]
    z = stats.z_grid(lo, hi)
    sat = float(np.mean(stats.saturated(activations.get("tanh"), z, float(ss["act_tau"]))))
    return {"lo": lo, "hi": hi, "sat": pct(sat)}


# ------------------------------------------------------------------ Backprop
def _worked(ss: Mapping[str, Any]) -> Any:
    """The example the Backprop page works through, as its last run built it (the page keeps
    it under ``bp_worked``: a ``ui.backprop.worked.Worked``); None before that run."""
    return ss.get("bp_worked")


#: the step (1-based) of the loss, and the last step, of the lessons' 2-3-1 network
LOSS_STEP, LAST_STEP = 5, 18


def _forward_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    tr = _worked(ss).trace
    return {"L": len(tr.dW), "loss": numbers.plain(tr.loss_before, 4)}


def _backward_numbers(ss: Mapping[str, Any], _: Mapping[str, Any]) -> Numbers:
    ex = _worked(ss)
    tr = ex.trace
    before, after = tr.loss_before, tr.loss_after
    outcome = "lower" if after < before - 1e-12 else "higher" if after > before + 1e-12 else "same"
    # the example's own learning rate: the losses quoted are that step's
    return {"g1": numbers.plain(float(np.linalg.norm(tr.dW[0])), 4), "alpha": ex.alpha,
            "before": numbers.plain(before, 4), "after": numbers.plain(after, 4),
            "outcome": outcome}


def _bp_at_least(step: int) -> Callable[[Mapping[str, Any]], bool]:
    """Ran: the page showed step ``step`` or a later one of its example."""

    def ran(ss: Mapping[str, Any]) -> bool:
        return int(ss.get("bp_step", 0)) >= step and _worked(ss) is not None

    return ran


# ------------------------------------------------------------------ the lessons
_NEURON_HIDE = ("noise", "seed", "x1", "x2", "speed")
_MLP_HIDE = ("noise", "train", "batch", "full", "reg", "reg_rate", "opt", "init", "classes",
             "seed", "big", "discrete", "test")
#: the training tools a lesson about one of them hides (the others)
_TOOLS_HIDE = ("sched_gamma", "patience", "min_delta", "restore", "clip")
_ACT_HIDE = ("leaky_alpha", "elu_alpha", "beta")
_BP_HIDE = ("sizes", "out", "init", "seed", "m", "digits", "batch", "all", "x", "y")
_BP = {"sizes": "2-3-1", "act": "tanh", "out": "sigmoid", "init": "uniform", "seed": "0",
       "x": "0.5,-1", "y": "1", "alpha": "0.1"}

LESSONS: tuple[Lesson, ...] = (
    Lesson("mp_unit", "neuron",
           {"dataset": "linear", "act": "step", "rule": "perceptron", "lr": "1", "w1": "1",
            "w2": "1", "b": "0"},
           (*_NEURON_HIDE, "dataset", "act", "rule", "lr"), ("shift", "turn", "stay"),
           _mp_ran, _mp_numbers),
    Lesson("perceptron_xor", "neuron",
           {"dataset": "xor", "act": "step", "rule": "perceptron", "lr": "1"},
           (*_NEURON_HIDE, "act", "rule", "lr", "w1", "w2", "b"), ("fast", "slow", "never"),
           _xor_ran, _xor_numbers),
    Lesson("hidden_layers", "mlp",
           {"dataset": "xor", "layers": "4", "act": "tanh", "lr": "0.03", "features": "x1,x2"},
           (*_MLP_HIDE, "features", "layers"), ("half", "three", "high"),
           _epochs(200), _hidden_numbers),
    Lesson("nonlinear", "activations", {"tab": "why", "layers": "2", "nonlin": "tanh"},
           (*_ACT_HIDE, "g", "z"), ("one", "curved", "depends"),
           _moved("act_layers", 2), _nonlinear_numbers, correct="one"),
    Lesson("sigmoid", "activations", {"tab": "depth", "g": "sigmoid", "depth": "1"},
           (*_ACT_HIDE, "g", "z"), ("half", "tiny", "all"),
           _reached("act_depth", 10), _sigmoid_numbers, correct="tiny"),
    Lesson("tanh", "activations",
           {"tab": "curves", "g": "sigmoid,tanh", "z": "-6,6", "focus": "tanh"},
           (*_ACT_HIDE, "g"), ("both_zero", "zero_half", "both_half"),
           _moved("act_range", (-6, 6)), _tanh_numbers, correct="zero_half"),
    Lesson("relu_dead", "mlp",
           {"dataset": "circle", "layers": "8,8", "act": "relu", "lr": "3", "features": "x1,x2"},
           (*_MLP_HIDE, "features", "layers", "act"), ("none", "some", "many"),
           _epochs(150), _relu_numbers),
    Lesson("leaky", "mlp",
           {"dataset": "circle", "layers": "8,8", "act": "leaky_relu", "lr": "1",
            "features": "x1,x2"},
           (*_MLP_HIDE, "features", "layers", "act"), ("none", "as_relu"),
           _epochs(150), _leaky_numbers),
    Lesson("forward", "backprop", {**_BP, "step": "1"}, (*_BP_HIDE, "act", "alpha"),
           ("yhat", "every", "grads"), _bp_at_least(LOSS_STEP), _forward_numbers,
           correct="every", task_args={"n": LOSS_STEP}),
    Lesson("backward", "backprop", {**_BP, "step": "6"}, (*_BP_HIDE, "act"),
           ("lower", "higher", "same"), _bp_at_least(LAST_STEP), _backward_numbers),
    Lesson("big_lr", "mlp",
           {"dataset": "circle", "layers": "4,2", "act": "tanh", "lr": "10", "features": "x1,x2"},
           (*_MLP_HIDE, "features", "layers", "act"), ("faster", "stall", "same"),
           _epochs(100), _big_lr_numbers),
    Lesson("features", "mlp",
           {"dataset": "circle", "layers": "0", "act": "tanh", "lr": "0.03",
            "features": "x1^2,x2^2"},
           (*_MLP_HIDE, "act", "layers"), ("yes", "no"), _epochs(100), _features_numbers,),
    Lesson("dropout", "mlp",
           {"dataset": "circle", "noise": "50", "train": "10", "layers": "8,8", "act": "tanh",
            "opt": "adam", "lr": "0.03", "features": "x1,x2", "dropout": "0.5"},
           (*_MLP_HIDE, "features", "layers", "act", "sched", "sched_epochs", *_TOOLS_HIDE),
           ("close", "far"), _epochs(200), _dropout_numbers),
    Lesson("schedule", "mlp",
           {"dataset": "circle", "layers": "8,8", "act": "tanh", "lr": "3",
            "features": "x1,x2", "sched": "cosine", "sched_epochs": "200"},
           (*_MLP_HIDE, "features", "layers", "act", "dropout", *_TOOLS_HIDE),
           ("settle", "bounce", "rise"), _epochs(200), _schedule_numbers),
)
BY_ID: dict[str, Lesson] = {lesson.id: lesson for lesson in LESSONS}
IDS: tuple[str, ...] = tuple(BY_ID)


def next_of(lesson_id: str) -> Lesson | None:
    """The lesson after ``lesson_id`` (None after the last)."""
    i = IDS.index(lesson_id)
    return LESSONS[i + 1] if i + 1 < len(LESSONS) else None
