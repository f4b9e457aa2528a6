"""The MLP page's settings: one table of widget keys, URL parameters and run-config fields.

Every setting of the page lives in one widget key (``mlp_*``) and one URL parameter, so
a shared link reproduces the run (with the seed). Each row of :data:`ROWS` is a
``ui.state.Setting`` and the ``nncore.playground.Config`` field it fills (None for view
options); :func:`config` builds the run configuration from that one table, whether the
values come from the widgets (:func:`ui.state.current`) or from a link
(:func:`ui.state.read_all`). Reading never raises: a hand-edited link gives a notice and
the default.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from nncore import data
from nncore import playground as pgm
from ui import state
from ui.mlp import explore_settings
from ui.state import Setting

DEFAULT = pgm.Config()
DEPTH_KEY = "mlp_depth"
NEW_LAYER_UNITS = 4  # what a newly added hidden layer starts with


def units_key(i: int) -> str:
    """Widget key of hidden layer i's width (0-based)."""
    return f"mlp_units_{i}"


def _put_layers(ss: Any, layers: tuple[int, ...]) -> None:
    """Spread hidden-layer widths over their widgets: the depth and one width each."""
    ss[DEPTH_KEY] = len(layers)
    for i, units in enumerate(layers):
        ss[units_key(i)] = units


def _get_layers(ss: Mapping[str, Any]) -> tuple[int, ...]:
    """The hidden-layer widths the widgets hold now."""
    return tuple(int(ss.get(units_key(i), NEW_LAYER_UNITS)) for i in range(int(ss[DEPTH_KEY])))


def _layer_limits(values: Mapping[str, Any]) -> dict[str, Any]:
    """TFP's 6 layers of 8 units, or 10 of 64 with ``big``."""
    layers, units = pgm.BIG_LIMITS if values["mlp_big"] else pgm.LIMITS
    return {"hi": units, "count": (0, layers)}


#: (setting, the Config field it fills); ``big`` comes before ``layers``, whose limits it sets
ROWS: tuple[tuple[Setting, str | None], ...] = (
    (Setting("mlp_dataset", "dataset", "choice", DEFAULT.dataset, choices=tuple(data.names())),
     "dataset"),
    (Setting("mlp_noise", "noise", "int", DEFAULT.noise, 0, 50), "noise"),
    (Setting("mlp_train", "train", "int", DEFAULT.train_pct, 10, 90), "train_pct"),
    (Setting("mlp_batch", "batch", "int", DEFAULT.batch, 1, 30), "batch"),
    (Setting("mlp_full", "full", "bool", False), None),  # batch 0 in the Config
    (Setting("mlp_features", "features", "choices", list(DEFAULT.features),
             choices=data.FEATURES), "features"),
    (Setting("mlp_act", "act", "choice", DEFAULT.activation, choices=pgm.ACTIVATIONS),
     "activation"),
    (Setting("mlp_reg", "reg", "choice", DEFAULT.reg, choices=pgm.REGULARISATIONS), "reg"),
    (Setting("mlp_opt", "opt", "choice", DEFAULT.optimizer, choices=pgm.OPTIMISERS),
     "optimizer"),
    (Setting("mlp_init", "init", "choice", DEFAULT.init, choices=pgm.INITS), "init"),
    (Setting("mlp_classes", "classes", "int", DEFAULT.classes, 3, 6), "classes"),
    (Setting("mlp_seed", "seed", "int", DEFAULT.seed, 0, 2**31 - 1), "seed"),
    (Setting("mlp_lr", "lr", "ladder", DEFAULT.lr, choices=pgm.LEARNING_RATES), "lr"),
    (Setting("mlp_reg_rate", "reg_rate", "ladder", DEFAULT.reg_rate, choices=pgm.REG_RATES),
     "reg_rate"),
    (Setting("mlp_big", "big", "bool", False), None),
    # the widths live in a depth and one number input per layer (put/get); the setting's
    # key is the depth's, so it counts as present exactly when those widgets are
    (Setting(DEPTH_KEY, "layers", "ints", DEFAULT.layers, 1, pgm.LIMITS[1],
             count=(0, pgm.LIMITS[0]), message="mlp.url.layers", limits=_layer_limits,
             put=_put_layers, get=_get_layers, hides=(DEPTH_KEY, "mlp_units_")), "layers"),
    (Setting("mlp_discrete", "discrete", "bool", False), None),
    (Setting("mlp_test", "test", "bool", False), None),
) + (
    # the training tools (issue 32), all off by default: a link names them only when on
    (Setting("mlp_dropout", "dropout", "ladder", DEFAULT.dropout, choices=pgm.DROPOUT_RATES),
     "dropout"),
    (Setting("mlp_sched", "sched", "choice", DEFAULT.schedule, choices=pgm.SCHEDULES),
     "schedule"),
    (Setting("mlp_sched_epochs", "sched_epochs", "ladder", DEFAULT.sched_epochs,
             choices=pgm.SCHED_EPOCHS), "sched_epochs"),
    (Setting("mlp_sched_gamma", "sched_gamma", "ladder", DEFAULT.sched_gamma,
             choices=pgm.SCHED_GAMMAS), "sched_gamma"),
    (Setting("mlp_patience", "patience", "int", DEFAULT.patience, 0, pgm.MAX_PATIENCE),
     "patience"),
    (Setting("mlp_min_delta", "min_delta", "ladder", DEFAULT.min_delta,
             choices=pgm.MIN_DELTAS), "min_delta"),
    (Setting("mlp_restore_best", "restore", "bool", DEFAULT.restore_best), "restore_best"),
    (Setting("mlp_clip", "clip", "ladder", DEFAULT.clip, choices=pgm.CLIP_NORMS), "clip"),
)
SETTINGS: tuple[Setting, ...] = tuple(s for s, _ in ROWS)
#: the training tools' settings: written into a link only when not at their defaults, so
#: every link made before them opens (and writes back) exactly what it did
TOOLS: tuple[Setting, ...] = SETTINGS[-8:]
TOOL_KEYS = frozenset(s.key for s in TOOLS)


def from_url() -> list[str]:
    """Fill every missing ``mlp_*`` key from the URL (once per session); return the notices."""
    return state.start(SETTINGS + explore_settings.SETTINGS)  # at=, compare=, b_* (issue 31)


def to_url() -> None:
    """Write every setting to the URL (unchanged keys are not rewritten); a training tool
    only when it is not at its default (and then taken out of the link again)."""
    ss = st.session_state
    at_default = {s.key for s in TOOLS if s.key in ss and ss[s.key] == s.default}
    qp = st.query_params
    for s in TOOLS:
        if s.key in at_default and s.param in qp:
            del qp[s.param]
    state.settings_to_url(s for s in SETTINGS if s.key not in at_default)


def tools_on(values: Mapping[str, Any] | None = None) -> bool:
    """Whether any training tool is off its default (the widgets' values by default)."""
    values = st.session_state if values is None else values
    return any(s.key in values and values[s.key] != s.default for s in TOOLS)


def layer_limits() -> tuple[int, int]:
    """The most hidden layers and units per layer the widgets allow now: TensorFlow
    Playground's, or the larger ones with ``big``."""
    return pgm.BIG_LIMITS if st.session_state.mlp_big else pgm.LIMITS


def new_layers() -> int:
    """Before the width inputs are drawn: a hidden layer just added (the depth raised) starts
    with ``NEW_LAYER_UNITS``; a layer that had a width keeps it. Returns the depth."""
    ss = st.session_state
    depth = int(ss[DEPTH_KEY])
    for i in range(depth):
        ss.setdefault(units_key(i), NEW_LAYER_UNITS)
    return depth


def config(values: Mapping[str, Any] | None = None) -> pgm.Config:
    """The run configuration from setting values by key: the widgets' now (default), or a
    link's, ``config(state.read_all(SETTINGS, params)[0])``."""
    values = state.current(SETTINGS) if values is None else values
    fields = {field: values[s.key] for s, field in ROWS if field}
    fields["features"] = tuple(fields["features"])
    if values["mlp_full"]:
        fields["batch"] = 0
    return pgm.Config(**fields)


PENDING_KEY = "mlp_restore"  # setting values to put into the widgets on the next run


def values_from_config(config: pgm.Config) -> dict[str, Any]:
    """Widget values by key that make :func:`config` return ``config`` (a configuration
    file's): each row's field, full batch as its switch, ``big`` when the layers need it,
    the rates as their ladders' stops."""
    config = config.check(big=True)
    values: dict[str, Any] = {s.key: getattr(config, field) for s, field in ROWS if field}
    values["mlp_features"] = list(config.features)
    values["mlp_full"] = config.batch == 0
    if config.batch == 0:
        del values["mlp_batch"]  # the slider keeps its value (the switch wins)
    layers, units = pgm.LIMITS
    values["mlp_big"] = len(config.layers) > layers or any(u > units for u in config.layers)
    for key, stops in (("mlp_lr", pgm.LEARNING_RATES), ("mlp_reg_rate", pgm.REG_RATES),
                       ("mlp_dropout", pgm.DROPOUT_RATES), ("mlp_clip", pgm.CLIP_NORMS),
                       ("mlp_sched_epochs", pgm.SCHED_EPOCHS),
                       ("mlp_sched_gamma", pgm.SCHED_GAMMAS),
                       ("mlp_min_delta", pgm.MIN_DELTAS)):
        values[key] = min(stops, key=lambda r, v=values[key]: abs(r - v))
    return values


def restore_later(values: Mapping[str, Any]) -> None:
    """Keep ``values`` until the next run's :func:`restore` (widgets already drawn in this
    run cannot take new values)."""
    st.session_state[PENDING_KEY] = dict(values)


def restore() -> bool:
    """Before any widget is drawn: put values kept by :func:`restore_later` into the
    widgets (``Setting.store``); True if there were any."""
    values = st.session_state.pop(PENDING_KEY, None)
    if not values:
        return False
    for s in SETTINGS:
        if s.key in values:
            s.store(st.session_state, values[s.key])
    return True
