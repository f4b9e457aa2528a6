"""The settings of the MLP page's exploring tools (issue 31), in the link only when not at
their defaults, so every link made before them opens (and writes back) what it did:

- ``at=<epoch>``: the epoch the timeline shows (-1, the default: the present). A link with
  ``at=40`` opens the run trained to epoch 40 (from the seed, exactly), shown there;
- ``compare=1`` and B's own settings ``b_layers``, ``b_act``, ``b_opt``, ``b_lr``,
  ``b_reg``, ``b_reg_rate``, ``b_features`` (the second network; the data and split are A's).

``ui.mlp.settings.from_url`` starts them with the page's own rows.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from nncore import data
from nncore import playground as pgm
from ui.state import Setting

DEFAULT = pgm.Config()
AT_KEY = "mlp_at"
COMPARE_KEY = "mlp_compare"
MAX_AT = 5000  # a link's epoch is trained on opening: at most this many

#: (setting, the Config field of B it fills)
B_ROWS: tuple[tuple[Setting, str], ...] = (
    (Setting("mlp_b_layers", "b_layers", "ints", DEFAULT.layers, 1, pgm.LIMITS[1],
             count=(0, pgm.LIMITS[0]), message="mlp.url.layers"), "layers"),
    (Setting("mlp_b_act", "b_act", "choice", DEFAULT.activation, choices=pgm.ACTIVATIONS),
     "activation"),
    (Setting("mlp_b_opt", "b_opt", "choice", DEFAULT.optimizer, choices=pgm.OPTIMISERS),
     "optimizer"),
    (Setting("mlp_b_lr", "b_lr", "ladder", DEFAULT.lr, choices=pgm.LEARNING_RATES), "lr"),
    (Setting("mlp_b_reg", "b_reg", "choice", DEFAULT.reg, choices=pgm.REGULARISATIONS), "reg"),
    (Setting("mlp_b_reg_rate", "b_reg_rate", "ladder", DEFAULT.reg_rate,
             choices=pgm.REG_RATES), "reg_rate"),
    (Setting("mlp_b_features", "b_features", "choices", list(DEFAULT.features),
             choices=data.FEATURES), "features"),
)
SETTINGS: tuple[Setting, ...] = (
    Setting(AT_KEY, "at", "int", -1, -1, MAX_AT),
    Setting(COMPARE_KEY, "compare", "bool", False),
) + tuple(s for s, _ in B_ROWS)


def _same(a, b) -> bool:
    return list(a) == list(b) if isinstance(a, list | tuple) else a == b


def to_url() -> None:
    """Write each of these settings into the link when it is off its default, else take
    it out."""
    ss, qp = st.session_state, st.query_params
    for s in SETTINGS:
        if s.key not in ss:
            continue
        value = s.value(ss)
        if _same(value, s.default):
            if s.param in qp:
                del qp[s.param]
        else:
            text = s.text(value)
            if isinstance(text, list):
                if qp.get_all(s.param) != text:
                    qp[s.param] = text
            elif qp.get(s.param) != text:
                qp[s.param] = text


def config_b(a: pgm.Config, values=None) -> pgm.Config:
    """B's configuration: A's with B's own settings (the data, split and seed are A's)."""
    values = st.session_state if values is None else values
    fields = {field: values[s.key] for s, field in B_ROWS}
    fields["layers"] = tuple(int(u) for u in fields["layers"])
    fields["features"] = tuple(fields["features"]) or a.features
    return dataclasses.replace(a, **fields)


def copy_a_to_b(a: pgm.Config) -> None:
    """B starts as A (when Compare is switched on): its settings take A's values."""
    ss = st.session_state
    for s, field in B_ROWS:
        value = getattr(a, field)
        ss[s.key] = list(value) if s.kind == "choices" else value
