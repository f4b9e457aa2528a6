"""The Optimizers page's settings: one row per URL parameter (see :class:`ui.state.Setting`).

Per runner ``<r>``: ``opt_on_<r>`` (``?<r>=0`` leaves it out of the race) and
``opt_lr_<r>`` (``?lr_<r>=``, a stop of :data:`LEARNING_RATES`, whose default follows the
problem); momentum and Nesterov have ``mu_<r>``, Adam ``beta1``/``beta2``, RMSprop
``alpha``. A link gives the race's start; learning rates changed while racing apply from
the next step.
"""

from __future__ import annotations

from ui import state
from ui.state import Setting

PROBLEMS = ("bowl", "rosenbrock", "neuron", "mlp")
RUNNERS = ("sgd", "momentum", "nesterov", "adam", "rmsprop")
#: the neuron's and the MLP's data (two classes each)
DATASETS = ("gauss", "linear", "xor", "circle", "moons", "spiral")
#: a 1-1.5-2-3-5-7 ladder from 1e-4 to 10 (the problems need rates four decades apart)
LEARNING_RATES: tuple[float, ...] = tuple(
    float(f"{m}e{k}") for k in range(-4, 1) for m in (1, 1.5, 2, 3, 5, 7)) + (10.0,)
MOMENTA = (0.5, 0.8, 0.9, 0.95, 0.99)
BETA1 = (0.5, 0.8, 0.9, 0.95, 0.99)
BETA2 = (0.9, 0.99, 0.999, 0.9999)
ALPHAS = (0.9, 0.95, 0.99, 0.999)
#: race steps per frame while playing
SPEEDS = (1, 5, 20)
#: each problem's learning rates: each runner close to its best on that problem
DEFAULT_LR: dict[str, dict[str, float]] = {
    "bowl": {"sgd": 0.015, "momentum": 0.015, "nesterov": 0.01, "adam": 0.3, "rmsprop": 0.1},
    "rosenbrock": {"sgd": 0.0015, "momentum": 0.0002, "nesterov": 0.0005, "adam": 0.1,
                   "rmsprop": 0.003},
    "neuron": {"sgd": 1.0, "momentum": 0.1, "nesterov": 0.1, "adam": 0.1, "rmsprop": 0.05},
    "mlp": {"sgd": 0.3, "momentum": 0.03, "nesterov": 0.03, "adam": 0.01, "rmsprop": 0.003},
}
#: runners with a momentum setting (``mu_<r>``)
WITH_MU = ("momentum", "nesterov")


def default_data(problem: str) -> str:
    """The dataset a problem starts on: two Gaussians for the neuron, the circle for the MLP."""
    return "circle" if problem == "mlp" else "gauss"


def _lr(runner: str) -> Setting:
    return Setting(f"opt_lr_{runner}", f"lr_{runner}", "ladder", DEFAULT_LR["bowl"][runner],
                   choices=LEARNING_RATES,
                   limits=lambda v: {"default": DEFAULT_LR[v["opt_problem"]][runner]})


SETTINGS: tuple[Setting, ...] = (
    Setting("opt_problem", "problem", "choice", "bowl", choices=PROBLEMS),
    Setting("opt_data", "data", "choice", "gauss", choices=DATASETS,
            limits=lambda v: {"default": default_data(v["opt_problem"])}),
    Setting("opt_seed", "seed", "int", 0, 0, 9999),
    Setting("opt_speed", "speed", "choice", 5, choices=SPEEDS),
    *(Setting(f"opt_on_{r}", r, "bool", True) for r in RUNNERS),
    *(_lr(r) for r in RUNNERS),
    *(Setting(f"opt_mu_{r}", f"mu_{r}", "choice", 0.9, choices=MOMENTA) for r in WITH_MU),
    Setting("opt_beta1", "beta1", "choice", 0.9, choices=BETA1),
    Setting("opt_beta2", "beta2", "choice", 0.999, choices=BETA2),
    Setting("opt_alpha", "alpha", "choice", 0.99, choices=ALPHAS),
)


def from_url() -> list[str]:
    """Start the settings from the URL (first run of a session) and drop parameters this
    page does not read. Returns the problems found, for the notice."""
    return state.start(SETTINGS)


def to_url() -> None:
    """Write the current settings back to the URL, so a copied link opens this race."""
    state.settings_to_url(SETTINGS)
