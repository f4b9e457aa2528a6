"""The Neuron page's settings: one row per URL parameter, read from and written to the URL.

Each row ties a widget key (``neuron_*``) to its URL parameter; see :class:`ui.state.Setting`.
``w1``, ``w2``, ``b`` and ``rule`` in the URL are the *start* of training (``run.W0``,
``run.b0``) and the run's rule, so a shared link reproduces a run; the sliders ``neuron_w1``
.. ``neuron_b`` show the neuron as it trains.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from nncore import activations
from nncore import perceptron as P  # noqa: N812 (short, used everywhere)
from ui import state
from ui.state import Setting

#: The learning rates (alpha for gradient descent, eta for the perceptron rule). It reaches
#: 100 where the MLP's (``nncore.playground.LEARNING_RATES``, TensorFlow Playground's) stops
#: at 10: one neuron's loss is convex, so on well separated data gradient descent stays
#: stable at rates that would wreck a network (the Gaussian blobs train even at 100), and a
#: student should be able to push the rate until this neuron, too, overshoots.
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
#: training steps per frame while playing
SPEEDS = (1, 5, 20)
#: the range of the w1, w2, b sliders and of their values in the URL
W_MAX = 10.0


def _start(values: Mapping[str, Any]) -> tuple[float, float, float]:
    """The seeded start ``(w1, w2, b)`` for the seed read before (``values``)."""
    W0, b0 = P.start_params(values["neuron_seed"])
    return float(W0[0]), float(W0[1]), b0


def _start_setting(key: str, param: str, i: int) -> Setting:
    """Start value ``i`` of the neuron (w1, w2, b): its default follows the seed, and its
    value now is the run's start, not the slider (which shows the neuron as it trains)."""

    def now(ss: Mapping[str, Any]) -> float:
        run = ss.get("neuron_run")
        if run is None:  # before init builds the run, the value read is in the slider
            return ss[key]
        return (*run.W0, run.b0)[i]

    return Setting(key, param, "float", 0.0, -W_MAX, W_MAX,
                   limits=lambda v: {"default": _start(v)[i]}, get=now)


def _rule(ss: Mapping[str, Any]) -> str:
    """The run's rule (the radio's before the run exists)."""
    run = ss.get("neuron_run")
    return ss["neuron_rule"] if run is None else run.rule


# the order is the notices' order; the start weights come after the seed they default from
SETTINGS: tuple[Setting, ...] = (
    Setting("neuron_dataset", "dataset", "choice", "linear", choices=P.DATASETS),
    Setting("neuron_noise", "noise", "int", 0, 0, 50),
    Setting("neuron_seed", "seed", "int", 0, 0, 9999),
    Setting("neuron_act", "act", "choice", "sigmoid", choices=tuple(activations.names())),
    Setting("neuron_x1", "x1", "float", 1.0, -6.0, 6.0),
    Setting("neuron_x2", "x2", "float", 2.0, -6.0, 6.0),
    Setting("neuron_rule", "rule", "choice", "gd", choices=P.RULES, get=_rule),
    Setting("neuron_lr", "lr", "ladder", 0.1, choices=LEARNING_RATES),
    Setting("neuron_speed", "speed", "choice", 5, choices=SPEEDS),
    # off unless a link says land=1: a link without it opens the page as before
    Setting("neuron_land", "land", "bool", False, hides=("neuron_land_box",)),
    _start_setting("neuron_w1", "w1", 0),
    _start_setting("neuron_w2", "w2", 1),
    _start_setting("neuron_b", "b", 2),
)


def from_url() -> list[str]:
    """Start the settings from the URL (first run of a session) and drop parameters this
    page does not read. Returns the problems found, for the notice."""
    return state.start(SETTINGS)


#: the settings without ``land`` (written only while the landscape is shown)
_NO_LAND = tuple(s for s in SETTINGS if s.param != "land")


def to_url() -> None:
    """Write the current settings back to the URL, so a copied link opens this run
    (``land`` only when the landscape is shown: links without it stay as they were).
    Only changed parameters are written: each write is a message and a history entry."""
    shown = st.session_state.get("neuron_land")
    state.settings_to_url(SETTINGS if shown else _NO_LAND)
    if not shown:
        state.set_param("land", None)
