"""The Optimizers page (the optimiser race) under AppTest: every problem in both languages,
Step keeps the runners in step from one start, the race chart's data are the core's paths,
Reset, links with settings and with junk, a learning rate changed mid-race, divergence."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import fragment_run, widget_keys
from ui.i18n import tr
from ui.optimizers import settings

PAGE = "pages/6_Optimizers.py"
RACE, LOSS = "opt-race", "opt-loss"


def paths_by_runner(chart_data, at) -> dict[str, np.ndarray]:
    """The race chart's paths, ``{runner label: (points, 2)}`` in path order."""
    df = chart_data(at, RACE)[f"{RACE}-paths"]
    return {label: g.sort_values("i")[["x", "y"]].to_numpy() for label, g in df.groupby("runner")}


def losses_by_runner(chart_data, at) -> dict[str, np.ndarray]:
    df = chart_data(at, LOSS)[f"{LOSS}-data"]
    return {label: g.sort_values("step")["loss"].to_numpy() for label, g in df.groupby("runner")}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("problem", settings.PROBLEMS)
def test_every_problem_opens(open_page, no_exception, chart_spec, problem, lang):
    at = open_page(PAGE, lang=lang, problem=problem)
    no_exception(at)
    assert at.title[0].value == tr("opt.title", lang)
    chart_spec(at, LOSS)
    if problem == "mlp":
        alts = [img.alt for e in at.get("image") for img in e.proto.imgs]
        # each alt: the picture's name, then what it shows now (issue 30)
        names = [tr("opt.alt.boundary", lang, runner=tr(f"opt.runner.{r}", lang))
                 for r in settings.RUNNERS]
        assert len(alts) == len(names)
        assert all(a.startswith(n) and len(a) > len(n) for a, n in zip(alts, names, strict=True))
    else:
        chart_spec(at, RACE)
    at.button(key="opt_step10").click().run()
    no_exception(at)
    assert at.session_state["opt_race"].steps == 10


@pytest.mark.parametrize("problem", settings.PROBLEMS)
def test_step_keeps_every_runner_in_step_from_one_start(open_page, no_exception, chart_data,
                                                        problem):
    at = open_page(PAGE, problem=problem, nesterov="0")
    for _ in range(3):
        at.button(key="opt_step").click().run()
    no_exception(at)
    race = at.session_state["opt_race"]
    assert race.steps == 3 and list(race.lanes) == ["sgd", "momentum", "adam", "rmsprop"]
    starts = [race.path(r)[0] for r in race.lanes]
    assert all(np.array_equal(s, starts[0]) for s in starts)
    assert {len(race.path(r)) for r in race.lanes} == {4}
    losses = losses_by_runner(chart_data, at)
    assert len(losses) == 4 and {len(v) for v in losses.values()} == {4}
    if problem != "mlp":
        paths = paths_by_runner(chart_data, at)
        assert len(paths) == 4 and {len(p) for p in paths.values()} == {4}
        firsts = [p[0] for p in paths.values()]
        assert all(np.array_equal(f, firsts[0]) for f in firsts)


@pytest.mark.parametrize("problem", ["bowl", "neuron"])
def test_the_race_chart_shows_the_cores_paths(open_page, chart_data, problem):
    at = open_page(PAGE, problem=problem)
    at.button(key="opt_step10").click().run()
    race = at.session_state["opt_race"]
    paths = paths_by_runner(chart_data, at)
    for r in race.lanes:
        label = tr(f"opt.runner.{r}", "en")
        np.testing.assert_array_equal(paths[label], race.path(r)[:, :2])
        np.testing.assert_allclose(losses_by_runner(chart_data, at)[label],
                                   np.maximum(race.losses(r), 1e-30))
    now = chart_data(at, RACE)[f"{RACE}-now"]
    assert now["lead"].sum() == 1
    assert now.loc[now["lead"], "runner"].item() == tr(f"opt.runner.{race.leader()}", "en")


def test_reset_brings_everyone_back(open_page, no_exception, chart_data):
    at = open_page(PAGE, problem="rosenbrock")
    at.button(key="opt_step10").click().run()
    at.button(key="opt_reset").click().run()
    no_exception(at)
    race = at.session_state["opt_race"]
    assert race.steps == 0 and not at.session_state["opt_playing"]
    assert {len(p) for p in paths_by_runner(chart_data, at).values()} == {1}


def test_a_link_with_settings_reproduces_them(open_page, no_exception):
    params = {"problem": "rosenbrock", "lr_adam": "0.05", "sgd": "0", "beta1": "0.8",
              "speed": "20", "mu_nesterov": "0.95", "alpha": "0.9", "lr_momentum": "0.0003"}
    at = open_page(PAGE, lang="zh", **params)
    no_exception(at)
    assert not at.warning
    ss = at.session_state
    assert ss["opt_problem"] == "rosenbrock" and ss["opt_lr_adam"] == 0.05
    assert ss["opt_on_sgd"] is False and ss["opt_speed"] == 20
    race = ss["opt_race"]
    assert list(race.lanes) == ["momentum", "nesterov", "adam", "rmsprop"]
    assert race.optimizer("adam").lr == 0.05 and race.optimizer("adam").betas == (0.8, 0.999)
    assert race.optimizer("nesterov").momentum == 0.95 and race.optimizer("rmsprop").alpha == 0.9
    assert race.optimizer("momentum").lr == 0.0003
    # the problem's own default for a rate the link leaves out
    assert race.optimizer("rmsprop").lr == settings.DEFAULT_LR["rosenbrock"]["rmsprop"]
    for key, value in params.items():
        assert at.query_params[key] == value, key


def test_junk_in_the_link_gives_a_notice(open_page, no_exception):
    at = open_page(PAGE, problem="everest", lr_adam="fast", beta2="2", sgd="maybe",
                   speed="-1", extra="1")
    no_exception(at)
    notice = [w.value for w in at.warning]
    assert len(notice) == 1 and notice[0].startswith(tr("state.notice_header", "en"))
    for junk in ("everest", "fast", "beta2=2", "maybe", "speed=-1", "extra"):
        assert junk in notice[0], junk
    ss = at.session_state
    assert ss["opt_problem"] == "bowl" and ss["opt_lr_adam"] == settings.DEFAULT_LR["bowl"]["adam"]
    assert ss["opt_on_sgd"] is True and ss["opt_beta2"] == 0.999


def test_a_learning_rate_changed_mid_race_applies_from_the_next_step(open_page, no_exception):
    at = open_page(PAGE, problem="bowl")
    at.button(key="opt_step10").click().run()
    at.select_slider(key="opt_lr_adam").set_value(0.1).run()
    no_exception(at)
    race = at.session_state["opt_race"]
    assert race.steps == 10 and race.optimizer("adam").lr == 0.1
    assert at.query_params["lr_adam"] == "0.1"


def test_another_problem_takes_its_learning_rates(open_page, no_exception):
    at = open_page(PAGE, problem="bowl")
    at.selectbox(key="opt_problem").set_value("mlp").run()
    no_exception(at)
    for r in settings.RUNNERS:
        assert at.session_state[f"opt_lr_{r}"] == settings.DEFAULT_LR["mlp"][r]
    assert at.session_state["opt_race"].steps == 0 and at.session_state["opt_data"] == "circle"


def test_a_runner_that_diverges_stops_with_a_note(open_page, no_exception):
    at = open_page(PAGE, problem="bowl", lr_sgd="0.03")  # 0.03 * 100 > 2: SGD blows up
    at.button(key="opt_step10").click().run()
    at.button(key="opt_step10").click().run()
    no_exception(at)
    race = at.session_state["opt_race"]
    step = race.diverged("sgd")
    assert step is not None and race.steps == 20 and race.diverged("adam") is None
    want = tr("opt.diverged", "en", runner="SGD", step=step, lr="0.03")
    assert want in [w.value for w in at.warning]


def test_no_runner_on_says_so(open_page, no_exception):
    at = open_page(PAGE, **{r: "0" for r in settings.RUNNERS})
    no_exception(at)
    assert at.session_state["opt_race"] is None
    assert tr("opt.none", "en") in [i.value for i in at.info]


# ---------------------------------------------------------------- fragments (issue 14)


@pytest.mark.parametrize(("runner", "key", "value", "param", "applied"), [
    ("adam", "opt_lr_adam", 0.1, ("lr_adam", "0.1"),
     lambda race: race.optimizer("adam").lr == 0.1),
    ("momentum", "opt_mu_momentum", 0.5, ("mu_momentum", "0.5"),
     lambda race: race.optimizer("momentum").momentum == 0.5),
    ("adam", "opt_beta1", 0.8, ("beta1", "0.8"),
     lambda race: race.optimizer("adam").betas[0] == 0.8),
    ("rmsprop", "opt_alpha", 0.9, ("alpha", "0.9"),
     lambda race: race.optimizer("rmsprop").alpha == 0.9),
], ids=lambda v: v if isinstance(v, str) else None)
def test_a_hyper_parameter_reruns_its_runner_alone(open_page, runner, key, value, param,
                                                   applied):
    # issue 14: a runner's slider reruns only its box; the race goes on with the new value
    at = open_page(PAGE, problem="bowl")
    at.button(key="opt_step10").click().run()
    race = at.session_state["opt_race"]
    paths = {r: race.path(r).copy() for r in race.lanes}
    at = fragment_run(at, "select_slider", key, value)
    drawn = widget_keys(at)
    assert key in drawn and f"opt_on_{runner}" in drawn
    others = {f"opt_on_{r}" for r in settings.RUNNERS if r != runner}
    assert not drawn & (others | {"opt_step", "opt_play", "opt_problem"}), drawn
    assert not at.get("vega_lite_chart") and not at.title  # the race is not redrawn
    assert at.session_state["opt_race"] is race and race.steps == 10  # not restarted
    assert all(np.array_equal(race.path(r), paths[r]) for r in race.lanes)
    assert applied(race)
    assert at.query_params[param[0]] in (param[1], [param[1]])
    at.run()  # the browser holds the whole page; AppTest's tree holds the last run's part
    at.button(key="opt_step").click().run()  # the next step uses it
    assert at.session_state["opt_race"] is race and race.steps == 11 and applied(race)


def test_a_runner_switched_off_in_its_box_makes_a_new_race(open_page, chart_data):
    # the toggle sits in the runner's fragment, but another set of runners is another race:
    # the fragment asks for a full run, which draws the race without that runner
    at = open_page(PAGE, problem="bowl")
    at.button(key="opt_step10").click().run()
    lanes = list(at.session_state["opt_race"].lanes)
    at = fragment_run(at, "toggle", "opt_on_sgd", False)
    race = at.session_state["opt_race"]
    assert list(race.lanes) == [r for r in lanes if r != "sgd"] and race.steps == 0
    assert at.title and "opt_play" in widget_keys(at)  # the whole page was drawn
    assert tr("opt.runner.sgd", "en") not in set(losses_by_runner(chart_data, at))
    assert at.query_params["sgd"] in ("0", ["0"])
