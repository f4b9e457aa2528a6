"""The MLP page's settings: widget keys, URL parameters and the run configuration.

Every setting of the page lives in one widget key (``mlp_*``) and one URL parameter, so
a shared link reproduces the run (with the seed). Most are plain ``ui.state.Setting``s;
the hidden layers (``layers=8,8``; empty for none) and the two rate lists (``lr``,
``reg_rate``: TFP's values) have readers here. All readers return ``(value, problem)``
and never raise: a hand-edited link gives a notice and the default.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import streamlit as st

from nncore import data
from nncore import playground as pgm
from ui import state
from ui.i18n import t

S = state.Setting
DEFAULT = pgm.Config()
SETTINGS: tuple[state.Setting, ...] = (
    S("mlp_dataset", "dataset", "choice", DEFAULT.dataset, choices=tuple(data.names())),
    S("mlp_noise", "noise", "int", DEFAULT.noise, 0, 50),
    S("mlp_train", "train", "int", DEFAULT.train_pct, 10, 90),
    S("mlp_batch", "batch", "int", DEFAULT.batch, 1, 30),
    S("mlp_full", "full", "bool", False),
    S("mlp_features", "features", "choices", list(DEFAULT.features), choices=data.FEATURES),
    S("mlp_act", "act", "choice", DEFAULT.activation, choices=pgm.ACTIVATIONS),
    S("mlp_reg", "reg", "choice", DEFAULT.reg, choices=pgm.REGULARISATIONS),
    S("mlp_opt", "opt", "choice", DEFAULT.optimizer, choices=pgm.OPTIMISERS),
    S("mlp_init", "init", "choice", DEFAULT.init, choices=pgm.INITS),
    S("mlp_classes", "classes", "int", DEFAULT.classes, 3, 6),
    S("mlp_seed", "seed", "int", DEFAULT.seed, 0, 2**31 - 1),
    S("mlp_big", "big", "bool", False),
    S("mlp_discrete", "discrete", "bool", False),
    S("mlp_test", "test", "bool", False),
)
RATES = (("mlp_lr", "lr", DEFAULT.lr, pgm.LEARNING_RATES),
         ("mlp_reg_rate", "reg_rate", DEFAULT.reg_rate, pgm.REG_RATES))
DEPTH_KEY = "mlp_depth"
NEW_LAYER_UNITS = 4  # what a newly added hidden layer starts with


def units_key(i: int) -> str:
    """Widget key of hidden layer i's width (0-based)."""
    return f"mlp_units_{i}"


def read_rate(
    name: str, default: float, choices: tuple[float, ...], params: Mapping | None = None
) -> tuple[float, str | None]:
    """A rate that must be one of ``choices`` (``lr=0.03``, ``lr=3e-2`` alike)."""
    raw = params.get(name) if params is not None else st.query_params.get(name)
    if isinstance(raw, list | tuple):
        raw = raw[-1] if raw else None
    if raw is None:
        return default, None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    for c in choices:
        if math.isfinite(value) and math.isclose(value, c, rel_tol=1e-9, abs_tol=1e-15):
            return c, None
    listed = ", ".join(state.format_value(c) for c in choices)
    return default, t("state.not_choice", setting=state.inert(f"{name}={raw}"), choices=listed,
                      default=state.format_value(default))


def read_layers(
    big: bool, params: Mapping | None = None
) -> tuple[tuple[int, ...], str | None]:
    """Hidden-layer widths from ``layers=8,8`` (``layers=`` or ``layers=0``: no hidden layer).

    Widths must be whole numbers within the limits (TFP's 6 layers of 8 units, or 10 of
    64 with ``big``); otherwise the default, with a notice.
    """
    raw = params.get("layers") if params is not None else st.query_params.get("layers")
    if isinstance(raw, list | tuple):
        raw = ",".join(str(r) for r in raw)
    if raw is None:
        return DEFAULT.layers, None
    max_layers, max_units = pgm.BIG_LIMITS if big else pgm.LIMITS
    text = str(raw).strip()
    if text in ("", "0", "none"):
        return (), None
    try:
        numbers = [float(part) for part in text.replace(" ", "").split(",")]
        ok = all(math.isfinite(v) and v == int(v) and 1 <= v <= max_units for v in numbers)
    except ValueError:
        ok = False
    if ok and len(numbers) <= max_layers:
        return tuple(int(v) for v in numbers), None
    default = ",".join(str(u) for u in DEFAULT.layers)
    return DEFAULT.layers, t("mlp.url.layers", setting=state.inert(f"layers={raw}"),
                             layers=max_layers, units=max_units, default=default)


#: every URL parameter the page reads (others are dropped from the link with a notice)
PARAMS = (*(s.param for s in SETTINGS), *(name for _, name, _, _ in RATES), "layers")


def from_url() -> list[str]:
    """Fill every missing ``mlp_*`` key from the URL (once per session); return the notices."""
    ss = st.session_state
    problems = [state.drop_unknown(PARAMS), *state.settings_from_url(SETTINGS)]
    for key, name, default, choices in RATES:
        if key not in ss:
            ss[key], p = read_rate(name, default, choices)
            problems.append(p)
    if DEPTH_KEY not in ss:
        layers, p = read_layers(bool(ss.mlp_big))
        problems.append(p)
        ss[DEPTH_KEY] = len(layers)
        for i, units in enumerate(layers):
            ss[units_key(i)] = units
    return [p for p in problems if p]


def layers() -> tuple[int, ...]:
    """The hidden-layer widths the widgets hold now."""
    ss = st.session_state
    return tuple(int(ss.get(units_key(i), NEW_LAYER_UNITS)) for i in range(int(ss[DEPTH_KEY])))


def config() -> pgm.Config:
    """The run configuration from the widgets' session state."""
    ss = st.session_state
    return pgm.Config(
        dataset=ss.mlp_dataset, noise=int(ss.mlp_noise), train_pct=int(ss.mlp_train),
        batch=0 if ss.mlp_full else int(ss.mlp_batch), features=tuple(ss.mlp_features),
        layers=layers(), activation=ss.mlp_act, lr=float(ss.mlp_lr), reg=ss.mlp_reg,
        reg_rate=float(ss.mlp_reg_rate), optimizer=ss.mlp_opt, init=ss.mlp_init,
        classes=int(ss.mlp_classes), seed=int(ss.mlp_seed),
    )


def to_url() -> None:
    """Write every setting to the URL (unchanged keys are not rewritten)."""
    ss = st.session_state
    state.settings_to_url(SETTINGS)
    extra: dict[str, Any] = {name: ss[key] for key, name, _, _ in RATES}
    extra["layers"] = ",".join(str(u) for u in layers()) or "0"
    state.write_params(extra)


def config_from_params(params: Mapping[str, Any]) -> pgm.Config:
    """The configuration a URL's parameters describe (for tests and the benchmark)."""
    vals = {s.key: s.read(params)[0] for s in SETTINGS}
    rates = {key: read_rate(name, d, c, params)[0] for key, name, d, c in RATES}
    return pgm.Config(
        dataset=vals["mlp_dataset"], noise=vals["mlp_noise"], train_pct=vals["mlp_train"],
        batch=0 if vals["mlp_full"] else vals["mlp_batch"], features=tuple(vals["mlp_features"]),
        layers=read_layers(vals["mlp_big"], params)[0], activation=vals["mlp_act"],
        lr=rates["mlp_lr"], reg=vals["mlp_reg"], reg_rate=rates["mlp_reg_rate"],
        optimizer=vals["mlp_opt"], init=vals["mlp_init"], classes=vals["mlp_classes"],
        seed=vals["mlp_seed"],
    )


@st.cache_data(max_entries=64, show_spinner=False)
def make_data(name: str, n: int, noise: float, seed: int, n_classes: int = 3):
    """``nncore.data.make``, cached (pure; ``st.cache_data`` hands each caller a copy)."""
    return data.make(name, n=n, noise=noise, seed=seed, n_classes=n_classes)


@st.cache_data(max_entries=256, show_spinner=False)
def thumbnail(name: str, noise: int, seed: int, n_classes: int, selected: bool) -> str:
    """A 72-pixel picture of dataset ``name`` (200 points), outlined when ``selected``, as a
    data URL (``st.image`` passes a URL through; bytes it would decode and re-encode)."""
    from ui import boundary, mlp_view

    X, y = data.make(name, n=200, noise=noise / 100.0, seed=seed, n_classes=n_classes)
    return boundary.png_data_url(mlp_view.thumbnail_png(X, y, data.kind(name), selected=selected))


FEATURE_LABELS = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1*x2": "x₁x₂",
                  "sin(x1)": "sin(x₁)", "sin(x2)": "sin(x₂)"}


def feature_label(name: str) -> str:
    """How a feature is written on screen (x1^2 -> x₁²)."""
    return FEATURE_LABELS.get(name, name)


def rates_label(value: float) -> str:
    """How a rate is written on its slider (0.00001 rather than 1e-05)."""
    return np.format_float_positional(value, trim="-")
