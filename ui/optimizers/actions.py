"""The Optimizers page's session: the race built from the settings, and the callbacks.
No drawing here.

Session keys: the widgets' ``opt_*`` values (:mod:`ui.optimizers.settings`), ``opt_race``
(the :class:`nncore.race.Race`, or None with no runner on), ``opt_race_key`` (what it was
built from: problem, data, seed, runners), ``opt_playing``.

The race is rebuilt only when what it is made of changes (:func:`race_key`); learning
rates, momenta, betas and RMSprop's decay are set on the racing optimisers on every run
(:func:`tune`), so a change applies from the next step without a restart.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from nncore import data, problems
from nncore import perceptron as P  # noqa: N812 (short, as on the Neuron page)
from nncore.race import Race, Runner
from ui import state
from ui.optimizers import settings
from ui.optimizers.settings import DEFAULT_LR, RUNNERS, WITH_MU

RACE_KEY = "opt_race"
RACE_ID_KEY = "opt_race_key"
PLAYING_KEY = "opt_playing"
N_POINTS = 200  # data points of the neuron's and the MLP's problems
NOISE = 0.1  # their noise (TensorFlow Playground's slider at 10)
NEURON_START = (-4.0, -2.0, 0.0)  # (w1, w2, b): across the valley from the good weights
MLP_SIZES = (2, 6, 6, 1)
MLP_BATCH = 10


@st.cache_data(max_entries=64, show_spinner=False)
def make_data(dataset: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The points of ``dataset`` from ``seed`` (cached; a copy each call)."""
    if dataset in P.DATASETS:
        return P.make(dataset, n=N_POINTS, noise=NOISE, seed=seed)
    return data.make(dataset, n=N_POINTS, noise=NOISE, seed=seed)


def make_problem(problem: str, dataset: str, seed: int):
    """The :mod:`nncore.problems` problem the settings name (a fresh one: an MLP problem
    holds its batch order)."""
    if problem == "bowl":
        return problems.narrow_bowl()
    if problem == "rosenbrock":
        return problems.rosenbrock()
    X, y = make_data(dataset, seed)
    if problem == "neuron":
        return problems.NeuronProblem(X, y, np.array(NEURON_START[:2]), NEURON_START[2])
    return problems.MLPProblem(X, y, list(MLP_SIZES), "tanh", "sigmoid", "xavier", seed,
                               MLP_BATCH, seed)


def runner(ss, r: str) -> Runner:
    """Runner ``r`` with the settings' hyper-parameters."""
    mu = ss[f"opt_mu_{r}"] if r in WITH_MU else None
    return Runner(r, r, lr=ss[f"opt_lr_{r}"], momentum=mu,
                  betas=(ss.opt_beta1, ss.opt_beta2), alpha=ss.opt_alpha)


def race_key(ss) -> tuple:
    """What the race is made of: a change here starts a new race."""
    on = tuple(r for r in RUNNERS if ss[f"opt_on_{r}"])
    return ss.opt_problem, ss.opt_data, ss.opt_seed, on


def tune(race: Race) -> None:
    """Set the settings' learning rates, momenta, betas and decay on the racing optimisers."""
    ss = st.session_state
    for r in race.lanes:
        opt = race.optimizer(r)
        opt.lr = float(ss[f"opt_lr_{r}"])
        if r in WITH_MU:
            opt.momentum = float(ss[f"opt_mu_{r}"])
        elif r == "adam":
            opt.betas = (float(ss.opt_beta1), float(ss.opt_beta2))
        elif r == "rmsprop":
            opt.alpha = float(ss.opt_alpha)


def ensure() -> Race | None:
    """The session's race, rebuilt when what it is made of changed; tuned to the settings."""
    ss = st.session_state
    key = race_key(ss)
    if ss.get(RACE_ID_KEY) != key or RACE_KEY not in ss:
        problem = make_problem(*key[:3])
        ss[RACE_KEY] = Race(problem, [runner(ss, r) for r in key[3]]) if key[3] else None
        ss[RACE_ID_KEY] = key
    race = ss[RACE_KEY]
    if race is not None:
        tune(race)
    else:
        ss[PLAYING_KEY] = False
    return race


def retune() -> bool:
    """After a runner's widgets ran alone (its fragment): True when the runners changed, so
    the race must be rebuilt by a full run; else the race takes the new hyper-parameters."""
    ss = st.session_state
    if ss.get(RACE_ID_KEY) != race_key(ss):
        return True
    if ss.get(RACE_KEY) is not None:
        tune(ss[RACE_KEY])
    return False


def init() -> list[str]:
    """Settings from the URL (first run of the session), then the race.

    Returns the problems found in the link, for the notice.
    """
    problems_found = settings.from_url()
    state.init_state({PLAYING_KEY: False})
    ensure()
    return problems_found


def on_problem() -> None:
    """Another problem: each runner takes that problem's learning rate, the data its
    default; the new race starts (``ensure``)."""
    ss = st.session_state
    for r in RUNNERS:
        ss[f"opt_lr_{r}"] = DEFAULT_LR[ss.opt_problem][r]
    ss.opt_data = settings.default_data(ss.opt_problem)


def on_step(k: int) -> None:
    """Step / Step 10: every runner in the race ``k`` steps."""
    race = ensure()
    if race is not None:
        race.step(k)


def on_reset() -> None:
    """Everyone back to the start; playing stops."""
    race = ensure()
    if race is not None:
        race.reset()
    st.session_state[PLAYING_KEY] = False


def on_play(playing: bool) -> None:
    """Play/Pause: ``playing`` is what the button said when drawn (set, not toggled: a
    callback can fire twice when a fragment run is pending)."""
    st.session_state[PLAYING_KEY] = playing
