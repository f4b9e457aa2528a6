"""The Backprop page's settings: one row per URL parameter, read from and written to the URL.

Each row ties a widget key (``bp_*``) to its URL parameter; see :class:`ui.state.Setting`.
Three settings are held by several widgets (``put``/``get``):

- ``sizes=2-3-1``: the input width ``bp_n0``, the depth ``bp_depth``, the hidden widths
  ``bp_h1``.. and the output width ``bp_k``;
- ``x=0.5,-1``: one number input per input, ``bp_x0``..;
- ``y=1``: a 0/1 label per output (``bp_yb{j}``, sigmoid), one class (``bp_yc``, softmax)
  or a target per output (``bp_yr{j}``, linear and tanh).

A row's key is a widget that is always on screen (``bp_n0``, ``bp_x0``), so the setting is
read from the URL again whenever Streamlit has dropped its widgets (a visit to another
page). ``y``'s widgets change with the output, so its key ``bp_y`` holds the value read
once per session, as before the settings were a table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from nncore import activations
from nncore.network import INITS, OUTPUTS
from ui import state
from ui.i18n import t
from ui.state import Setting

#: at most this many layers with parameters (L), each of at most MAX_WIDTH units
MAX_LAYERS = 4
MAX_WIDTH = 4
#: the stops of the learning-rate slider
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: the largest magnitude of an input or a target
X_LIM = 100.0
#: the step slider's widest range: the link's step is clamped to the network's last step
MAX_STEP = 999
DEFAULT_SIZES = (2, 3, 1)
#: the width of a hidden layer whose slider has not been drawn yet
HIDDEN_WIDTH = 3
DEFAULT_X = (0.5, -1.0, 0.3, 0.8)
#: session key: the step a link asked for, until it is checked against the network's steps
STEP_FROM_URL = "bp_step_from_url"


def sizes(ss: Mapping[str, Any]) -> tuple[int, ...]:
    """The layer widths the widgets hold: ``(n0, h1, .., k)``."""
    hidden = (ss.get(f"bp_h{i}", HIDDEN_WIDTH) for i in range(1, ss["bp_depth"] + 1))
    return (ss["bp_n0"], *hidden, ss["bp_k"])


def put_sizes(ss: Any, value: tuple[int, ...]) -> None:
    """Spread the layer widths over their sliders."""
    ss["bp_n0"], ss["bp_depth"], ss["bp_k"] = value[0], len(value) - 2, value[-1]
    for i, width in enumerate(value[1:-1], start=1):
        ss[f"bp_h{i}"] = width


def inputs(ss: Mapping[str, Any]) -> tuple[float, ...]:
    """The example's inputs: one per unit of layer 0."""
    return tuple(ss.get(f"bp_x{i}", DEFAULT_X[i]) for i in range(ss["bp_n0"]))


def put_inputs(ss: Any, value: tuple[float, ...]) -> None:
    """Spread the inputs over their number inputs (at most MAX_WIDTH of them)."""
    for i, v in enumerate(value[:MAX_WIDTH]):
        ss[f"bp_x{i}"] = v


def labels(ss: Mapping[str, Any]) -> tuple[float, ...]:
    """The example's label as the output reads it: a class (softmax), else one per output.

    Missing widgets read as their defaults: ``bp_y`` is read once per session, and on a
    later visit to the page its widgets may be gone when this is asked.
    """
    out, k = ss.get("bp_out", "sigmoid"), ss.get("bp_k", 1)
    if out == "softmax":
        return (ss.get("bp_yc", 0),)
    if out == "sigmoid":
        return tuple(ss.get(f"bp_yb{j}", 1) for j in range(k))
    return tuple(ss.get(f"bp_yr{j}", 1.0) for j in range(k))


def put_labels(ss: Any, value: tuple[float, ...]) -> None:
    """Spread a label over the widgets of every output kind (the one shown picks its own)."""
    if ss.get("bp_out") == "softmax":
        ss["bp_yc"] = int(value[0])
    for j, v in enumerate(value[:MAX_WIDTH]):
        ss[f"bp_yb{j}"], ss[f"bp_yr{j}"] = int(v == 1.0), v


def _outputs(values: Mapping[str, Any]) -> tuple[str, int]:
    """The output function and width read so far; softmax has at least 2 outputs (the rule
    :func:`from_url` applies after the table)."""
    out, k = values["bp_out"], values["bp_n0"][-1]
    return out, max(k, 2) if out == "softmax" else k


def _label_limits(values: Mapping[str, Any]) -> dict[str, Any]:
    out, k = _outputs(values)
    return {"default": (0.0,) if out == "softmax" else (1.0,) * k}


def _label_fits(value: tuple[float, ...], values: Mapping[str, Any]) -> bool:
    """0/1 per output for sigmoid, a class below k for softmax, any targets otherwise."""
    out, k = _outputs(values)
    if out == "sigmoid":
        return all(v in (0.0, 1.0) for v in value)
    if out == "softmax":
        return float(value[0]).is_integer() and 0 <= value[0] < k
    return True


def _widgets(*prefixes: str) -> tuple[str, ...]:
    """The keys of a setting's widgets, one per unit (what ``?hide=`` hides)."""
    return tuple(f"{p}{i}" for p in prefixes for i in range(MAX_WIDTH))


# the order is the notices' order; x and y come after the sizes and output they depend on
SETTINGS: tuple[Setting, ...] = (
    Setting("bp_n0", "sizes", "ints", DEFAULT_SIZES, 1, MAX_WIDTH, count=(2, MAX_LAYERS + 1),
            sep="-", message="bp.url.bad_sizes", put=put_sizes, get=sizes,
            hides=("bp_n0", "bp_depth", *(f"bp_h{i}" for i in range(1, MAX_LAYERS)), "bp_k")),
    Setting("bp_act", "act", "choice", "tanh", choices=tuple(activations.names())),
    Setting("bp_out", "out", "choice", "sigmoid", choices=OUTPUTS),
    Setting("bp_init", "init", "choice", "uniform", choices=INITS),
    Setting("bp_seed", "seed", "int", 0, 0, 9999),
    Setting("bp_m", "m", "int", 4, 2, 8),
    Setting("bp_digits", "digits", "int", 4, 1, 8),
    Setting("bp_step", "step", "int", 1, 1, MAX_STEP),
    Setting("bp_batch", "batch", "bool", False),
    Setting("bp_all", "all", "bool", False),
    Setting("bp_alpha", "alpha", "ladder", 0.1, choices=LEARNING_RATES),
    # the notice names the inputs the network uses: the first n0 of DEFAULT_X
    Setting("bp_x0", "x", "floats", DEFAULT_X, -X_LIM, X_LIM, message="bp.url.bad_numbers",
            limits=lambda v: {"default": DEFAULT_X[:v["bp_n0"][0]]}, put=put_inputs,
            get=inputs, hides=_widgets("bp_x")),
    Setting("bp_y", "y", "floats", (1.0,), -X_LIM, X_LIM, message="bp.url.bad_numbers",
            limits=_label_limits, put=put_labels, get=labels, valid=_label_fits,
            hides=(*_widgets("bp_yb", "bp_yr"), "bp_yc")),
)


def from_url() -> list[str]:
    """Start every setting missing from the session from the URL and drop parameters this
    page does not read; softmax gets at least two outputs. Returns the notices."""
    ss = st.session_state
    step_unread = "bp_step" not in ss
    problems = state.start(SETTINGS)
    if ss.bp_out == "softmax" and ss.bp_k < 2:
        ss.bp_k = 2
        problems.append(t("bp.url.softmax_two"))
    if step_unread and "step" in st.query_params:
        ss[STEP_FROM_URL] = ss.bp_step  # checked against the network's steps
    # widgets not on screen last run lost their state: give them their defaults again
    for i in range(MAX_WIDTH):
        ss.setdefault(f"bp_h{i + 1}", 3)
        ss.setdefault(f"bp_x{i}", DEFAULT_X[i])
        ss.setdefault(f"bp_yb{i}", 1)
        ss.setdefault(f"bp_yr{i}", 1.0)
    ss.setdefault("bp_yc", 0)
    return problems


def to_url() -> None:
    """Write every setting's current value to the URL."""
    state.settings_to_url(SETTINGS)


def trace_key(ss: Mapping[str, Any]) -> tuple:
    """What the worked example depends on, hashable: ``(sizes, act, out, init, seed, x, y,
    m, alpha)``; the step, the digits and show-all only change what is shown of it."""
    m = ss["bp_m"] if ss["bp_batch"] else 1
    return (sizes(ss), ss["bp_act"], ss["bp_out"], ss["bp_init"], int(ss["bp_seed"]),
            inputs(ss), labels(ss), m, float(ss["bp_alpha"]))
