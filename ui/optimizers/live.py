"""The Optimizers page's live part: one fragment that races and redraws while playing.

:func:`live` declares the fragment with ``run_every=TICK`` while playing (the Play/Pause
button sits outside it, so pausing reruns the page once and the fragment comes back
without a timer: no work while paused). A frame steps every runner ``opt_speed`` steps
(``nncore.race``: microseconds per step on the 2-D functions, about a millisecond for
five MLP runners), then draws the standings, the race chart (the surface picture comes
from a cache: only the paths, points and losses are new data) or, for the MLP, one small
boundary per runner, and the loss curves. Everything is drawn inside the fragment.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from nncore.race import Race
from ui import a11y, boundary, charts, delivery, numbers, state
from ui.i18n import current_lang, t
from ui.optimizers import actions, view
from ui.optimizers.actions import PLAYING_KEY
from ui.optimizers.settings import RUNNERS

TICK = 0.25  # seconds between frames while playing
MAX_STEPS = 3000  # Play stops here
FLUSH_WAIT = 0.5  # at most this long a live frame waits for its messages to be sent
RACE_CHART = "opt-race"
LOSS_CHART = "opt-loss"
SURFACE_N = 160  # the 2-D functions' picture is SURFACE_N x SURFACE_N
NEURON_BOUNDS = ((-6.0, 6.0), (-6.0, 6.0))  # the neuron's (w1, w2) box
BOUNDARY_N = 41  # the MLP's small boundaries: a 41 x 41 grid, drawn 3x larger
_XS = np.linspace(-6.0, 6.0, BOUNDARY_N)
GRID = np.stack(np.meshgrid(_XS, _XS), axis=-1).reshape(-1, 2)  # row i: x2 = _XS[i]


def labels() -> dict[str, str]:
    """Each runner's name in the current language."""
    return {r: t(f"opt.runner.{r}") for r in RUNNERS}


@st.cache_data(max_entries=64, show_spinner=False)
def surface(problem: str, dataset: str, seed: int) -> tuple[pd.DataFrame, tuple, tuple | None]:
    """The surface picture placed over its box (:func:`ui.boundary.image_frame`), the
    box ((x0, x1), (y0, y1)) and the known minimum (None for the neuron): pure, so cached
    for every session."""
    if problem == "neuron":
        X, y = actions.make_data(dataset, seed)
        F = view.neuron_grid(X, y, actions.NEURON_START[2], NEURON_BOUNDS)
        return boundary.image_frame(view.surface_png(F), *NEURON_BOUNDS), NEURON_BOUNDS, None
    fn = actions.make_problem(problem, dataset, seed)
    png = view.surface_png(fn.grid(SURFACE_N)[2])
    return boundary.image_frame(png, *fn.bounds), fn.bounds, fn.minimum


def advance(race: Race) -> None:
    """While playing: a few steps; stop at MAX_STEPS or when every runner has diverged."""
    ss = st.session_state
    if not ss.get(PLAYING_KEY):
        return
    race.step(min(int(ss.opt_speed), MAX_STEPS - race.steps))
    if race.steps >= MAX_STEPS or race.leader() is None:
        ss[PLAYING_KEY] = False
        st.rerun(scope="app")  # redraw the Play button and drop the timer


def leader(race: Race) -> str | None:
    """The runner ahead (none before the first step: everyone is at the start)."""
    return race.leader() if race.steps else None


def standings(race: Race, names: dict[str, str]) -> None:
    """The step, the leader, every runner's loss now, and why a runner stopped."""
    ahead = leader(race)
    m1, m2 = st.columns(2)
    m1.metric(t("opt.steps"), f"{race.steps:,}")
    m2.metric(t("opt.leader"), names[ahead] if ahead else "–")
    now = [f"**★ {names[r]}** {race.losses(r)[-1]:.4g}" if r == ahead
           else f"{names[r]} {race.losses(r)[-1]:.4g}" for r in race.lanes]
    st.markdown(f"{t('opt.standings')}: " + " · ".join(now))
    for r in race.lanes:
        step = race.diverged(r)
        if step is not None:
            lr = numbers.ladder(race.optimizer(r).lr)
            st.warning(t("opt.diverged", runner=names[r], step=step, lr=lr))
    if race.leader() is None:
        st.error(t("opt.all_diverged"))
    elif race.steps >= MAX_STEPS:
        st.info(t("opt.max_steps", n=MAX_STEPS))


def race_chart(race: Race, names: dict[str, str]) -> None:
    """Paths over the surface (the 2-D functions, and the neuron's weight plane)."""
    ss = st.session_state
    image, bounds, minimum = surface(ss.opt_problem, ss.opt_data, ss.opt_seed)
    series = tuple((r, names[r]) for r in race.lanes)
    axes = ("w1", "w2") if ss.opt_problem == "neuron" else ("x", "y")
    marks = (t("opt.start"), t("opt.minimum"), t("opt.lead_mark"))
    spec = view.race_spec(RACE_CHART, series, bounds, axes, marks, t("opt.chart.race"))
    paths = {r: race.path(r) for r in race.lanes}
    start = race.problem.params0
    charts.show(spec, view.race_datasets(RACE_CHART, image, paths, names,
                                         leader(race), start, minimum, marks))
    a11y.hidden_text(view.paths_alt(race, names, axes, minimum, current_lang()),
                     RACE_CHART)  # issue 30: where the runners are now
    st.caption(t("opt.race_caption"))


def boundaries(race: Race, names: dict[str, str]) -> None:
    """The MLP: each runner's output over the plane now, with the data."""
    ss = st.session_state
    X, y = actions.make_data(ss.opt_data, ss.opt_seed)
    ahead = leader(race)
    st.markdown(f"**{t('opt.boundaries')}**")
    for column, r in zip(st.columns(len(race.lanes)), race.lanes, strict=True):
        V = race.problem.model(race.params(r)).predict(GRID)[:, 0].reshape(BOUNDARY_N, -1)
        column.image(view.small_boundary(V, X, y, palette=state.palette()), width="stretch",
                     caption=f"★ {names[r]}" if r == ahead else names[r],
                     alt=view.boundary_alt(race, r, t("opt.alt.boundary", runner=names[r]),
                                           V, X, y, state.palette(), current_lang()))


def loss_chart(race: Race, names: dict[str, str]) -> None:
    """One loss curve per runner, log scale."""
    series = tuple((r, names[r]) for r in race.lanes)
    spec = view.loss_spec(LOSS_CHART, series, t("opt.chart.loss"), t("opt.axis.step"),
                          t("opt.axis.loss"))
    charts.show(spec, view.loss_datasets(LOSS_CHART, {r: race.losses(r) for r in race.lanes},
                                         names))
    a11y.hidden_text(view.race_alt(race, names, current_lang()), LOSS_CHART)
    a11y.data_table(LOSS_CHART, lambda: view.race_table(race, names))


def live() -> None:
    """The fragment (see the module's docstring); every TICK seconds while playing."""

    @st.fragment(run_every=TICK if st.session_state.get(PLAYING_KEY) else None)
    def frame() -> None:
        ss = st.session_state
        race: Race | None = ss.get(actions.RACE_KEY)
        if race is None:
            st.info(t("opt.none"))
            return
        advance(race)
        names = labels()
        standings(race, names)
        if ss.opt_problem == "mlp":
            boundaries(race, names)
        else:
            race_chart(race, names)
        loss_chart(race, names)
        if ss.get(PLAYING_KEY):
            delivery.wait_sent(FLUSH_WAIT)  # keep this frame's deltas (see ui.mlp.live)

    frame()
