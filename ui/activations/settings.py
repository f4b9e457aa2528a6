"""The Activations page's settings: one row per setting, read from and written to the URL.

Each row ties a widget key (``act_*``) to its URL parameter; see :class:`ui.state.Setting`.
"""

from __future__ import annotations

from nncore import activations
from ui import state
from ui.activations.view import DEFAULT_NAMES, Z_CHOICES
from ui.state import Setting

NAMES: tuple[str, ...] = tuple(activations.names())
#: the tabs in the order they show; the URL's ``tab`` is one of these
TAB_IDS: tuple[str, ...] = ("curves", "why", "depth", "table", "variants")

SETTINGS: tuple[Setting, ...] = (
    Setting("act_names", "g", "choices", list(DEFAULT_NAMES), choices=NAMES),
    Setting("act_range", "z", "range", (-6, 6), choices=Z_CHOICES),
    Setting("act_leaky_alpha", "leaky_alpha", "float", 0.01, 0.0, 1.0),
    Setting("act_elu_alpha", "elu_alpha", "float", 1.0, 0.0, 3.0),
    Setting("act_beta", "beta", "float", 1.0, 0.1, 10.0),
    Setting("act_tau", "tau", "float", 0.05, 0.01, 0.5),
    Setting("act_focus", "focus", "choice", "sigmoid", choices=NAMES),
    Setting("act_layers", "layers", "int", 3, 2, 3),
    Setting("act_seed", "seed", "int", 0, 0, 9999),
    Setting("act_nonlin", "nonlin", "choice", "tanh", choices=NAMES),
    Setting("act_depth", "depth", "int", 10, 1, 50),
    Setting("act_prelu_alpha", "prelu_alpha", "float", 0.05, 0.0, 1.0),
    Setting("act_prelu_lr", "prelu_lr", "float", 0.1, 0.01, 0.35),
    Setting("act_prelu_steps", "prelu_steps", "int", 40, 0, 200),
    Setting("act_rrelu_seed", "rrelu_seed", "int", 0, 0, 9999),
    Setting("act_tab_id", "tab", "choice", "curves", choices=TAB_IDS),
)


def from_url() -> list[str]:
    """Start the settings from the URL (first run of a session) and drop parameters this
    page does not read. Returns the problems found, for the notice."""
    return state.start(SETTINGS)


def to_url() -> None:
    """Write the current settings back to the URL, so a copied link opens this view."""
    state.settings_to_url(SETTINGS)
