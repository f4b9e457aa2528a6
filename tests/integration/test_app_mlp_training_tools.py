"""The MLP page's training tools under AppTest (issue 32): dropout, the learning-rate
schedule, early stopping and gradient clipping. Each control changes the run as nncore
built by hand says it should; a link keeps them (and names none of them while they are
off, so every older link opens as before); junk values give the usual notice.
"""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pyarrow as pa
import pytest

from nncore.playground import Config
from tests.integration.mlp_app import pg, query, run
from tests.unit.test_playground import oracle_trainer, same_weights
from ui.i18n import tr
from ui.mlp import schedule_view

TOOL_PARAMS = ("dropout", "sched", "sched_epochs", "sched_gamma", "patience", "min_delta",
               "restore", "clip")
TOOL_KEYS = ("mlp_dropout", "mlp_sched", "mlp_sched_epochs", "mlp_sched_gamma",
             "mlp_patience", "mlp_min_delta", "mlp_restore_best", "mlp_clip")


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def keys(at) -> set[str]:
    return {w.key for kind in ("select_slider", "selectbox", "number_input", "checkbox")
            for w in getattr(at, kind)}


def test_off_by_default_closed_and_out_of_the_link(mlp):
    at = mlp()
    c = pg(at).config
    assert (c.dropout, c.schedule, c.patience, c.clip) == (0.0, "none", 0, 0.0)
    tr_ = pg(at).trainer
    assert not any(tr_.dropout) and tr_.schedule is None and tr_.clip is None
    assert tr_.early_stopping is None
    assert not set(TOOL_PARAMS) & set(query(at))
    assert not set(TOOL_KEYS) & keys(at)  # the expander is closed: nothing drawn in it
    assert tr("mlp.alt.rates", "en") not in {json.loads(e.proto.spec).get("description")
                                             for e in at.get("vega_lite_chart")}


def test_a_link_with_the_tools_opens_them_and_round_trips(mlp):
    params = {"dropout": "0.2", "sched": "cosine", "sched_epochs": "50", "clip": "0.1",
              "patience": "5", "min_delta": "0.001", "restore": "0", "dataset": "xor"}
    at = mlp(**params)
    assert not at.warning
    c = pg(at).config
    assert c == replace(Config(), dataset="xor", dropout=0.2, schedule="cosine",
                        sched_epochs=50, clip=0.1, patience=5, min_delta=0.001,
                        restore_best=False)
    assert set(TOOL_KEYS) - {"mlp_sched_gamma"} <= keys(at) | {"mlp_sched"}
    got = query(at)
    for k, v in params.items():
        assert got[k] == v, k
    assert "sched_gamma" not in got  # at its default
    # the same link again opens the same configuration
    again = mlp(**{k: v for k, v in got.items() if k != "lang"})
    assert pg(again).config == c


@pytest.mark.parametrize("params,names", [
    ({"dropout": "abc", "sched": "cyclic", "patience": "-3"}, ("dropout", "sched", "patience")),
    ({"clip": "-1", "sched_gamma": "x", "min_delta": "nan", "restore": "maybe"},
     ("clip", "sched_gamma", "min_delta", "restore")),
])
def test_junk_tool_values_fall_back_to_off_with_a_notice(mlp, params, names):
    at = mlp(**params)
    assert len(at.warning) == 1
    notice = at.warning[0].value
    for name in names:
        assert f"` {name}" in notice, (name, notice)
    c = pg(at).config
    d = Config()
    assert (c.dropout, c.schedule, c.patience, c.clip, c.sched_gamma, c.min_delta,
            c.restore_best) == (d.dropout, d.schedule, d.patience, d.clip, d.sched_gamma,
                                d.min_delta, d.restore_best)


def test_dropout_and_clipping_change_the_run_as_nncore_does(mlp):
    at = mlp(dataset="xor", dropout="0.3", clip="0.05")
    for _ in range(3):
        run(at.button(key="mlp_step_btn").click())
    oracle = oracle_trainer(pg(at).config)
    oracle.fit(3)
    assert same_weights(pg(at).net, oracle.net)
    plain = oracle_trainer(replace(pg(at).config, dropout=0.0, clip=0.0))
    plain.fit(3)
    assert not same_weights(pg(at).net, plain.net)
    tr_ = pg(at).trainer
    assert tr_.clip_count == oracle.clip_count > 0
    assert schedule_view.clip_text(pg(at)) in " ".join(captions(at))
    # the widget: no dropout from here on (kept: the network trains on)
    params = pg(at).net.params.copy()
    run(at.select_slider(key="mlp_dropout").set_value(0.0))
    assert pg(at).epoch == 3 and np.array_equal(pg(at).net.params, params)
    assert not any(pg(at).trainer.dropout) and "dropout" not in query(at)


def test_a_schedule_sets_each_epochs_rate_and_is_drawn(mlp):
    at = mlp(dataset="xor", sched="step", sched_epochs="10", sched_gamma="0.5", lr="0.1")
    tr_ = pg(at).trainer
    for _ in range(12):
        run(at.button(key="mlp_step_btn").click())
    assert tr_.opt.lr == pytest.approx(0.05)  # epoch 12 trained at 0.1 * 0.5^(11 // 10)
    oracle = oracle_trainer(pg(at).config)
    oracle.fit(12)
    assert same_weights(pg(at).net, oracle.net)
    text = " ".join(captions(at))
    assert schedule_view.rate_text(pg(at)) in text
    chart = {json.loads(e.proto.spec).get("description"): e
             for e in at.get("vega_lite_chart")}[tr("mlp.alt.rates", "en")]
    rates = {d.name: pa.ipc.open_stream(d.data.data).read_pandas()
             for d in chart.proto.datasets}["rates"]
    assert rates["epoch"].tolist() == list(range(1, 13))
    assert rates["lr"].tolist() == pytest.approx(
        [pg(at).config.lr_schedule().rate(0.1, e - 1) for e in range(1, 13)])
    # the learning-rate control moves the base: the schedule follows it
    run(at.select_slider(key="mlp_lr").set_value(0.3))
    assert pg(at).lr_now == pytest.approx(0.3 * 0.5)
    run(at.selectbox(key="mlp_sched").set_value("none"))
    assert pg(at).trainer.schedule is None and pg(at).trainer.opt.lr == 0.3
    assert "sched" not in query(at)


STOPPING = {"dataset": "xor", "noise": "30", "layers": "8,8", "opt": "adam", "lr": "0.1",
            "patience": "3", "min_delta": "0.001"}


def play_until_stopped(at):
    """Play, then run frames until the page has paused by itself. Not until the run has
    stopped: after ``ALONE_AFTER`` seconds of wall time alone, a session trains in the
    process's training thread (``ui.class_train``), which may stop the run between two
    frames; the next frame then pauses the page."""
    run(at.button(key="mlp_play_btn").click())
    for _ in range(40):
        if not at.session_state["mlp_playing"]:
            break
        run(at)
    return at


def test_a_run_stopped_between_frames_pauses_at_the_next_frame(mlp):
    # what the training thread leaves when it stops a session's run between two frames
    # (ui.class_train trains a session playing alone): the run stopped, the page still
    # playing; the next frame pauses the page and says why
    at = mlp(**STOPPING)
    p = pg(at)
    for _ in range(5000):  # the thread's epochs, up to the stop
        if p.stopped:
            break
        assert p.step()
    assert p.stopped
    at.session_state["mlp_playing"] = True
    run(at)
    assert not at.session_state["mlp_playing"]
    assert at.button(key="mlp_play_btn").label == tr("mlp.play", "en")
    assert [i.value for i in at.info] == [schedule_view.stop_text(p)]


def test_early_stopping_pauses_with_its_reason(mlp):
    at = play_until_stopped(mlp(**STOPPING))
    p = pg(at)
    assert p.stopped and not at.session_state["mlp_playing"]
    assert at.button(key="mlp_play_btn").label == tr("mlp.play", "en")
    stopped, best, loss = p.stop_info()
    assert stopped == p.epoch and best < stopped
    assert [i.value for i in at.info] == [schedule_view.stop_text(p)]
    assert f"epoch {best}" in at.info[0].value
    # the same run by hand stops at the same epoch with the best weights back
    oracle = oracle_trainer(p.config)
    while oracle.epoch():
        pass
    assert oracle.epoch_count == stopped and same_weights(p.net, oracle.net)
    # patience 0 turns early stopping off: the run trains on, no reason shown
    run(at.number_input(key="mlp_patience").set_value(0))
    assert pg(at).trainer.early_stopping is None and not pg(at).stopped
    assert not at.info and "patience" not in query(at)
    run(at.button(key="mlp_step_btn").click())
    assert not pg(at).stopped


def test_play_after_early_stopping_goes_on(mlp):
    at = play_until_stopped(mlp(**STOPPING))
    stopped = pg(at).epoch
    run(at.button(key="mlp_play_btn").click())  # goes on from the best weights
    assert pg(at).epoch > stopped


def test_the_clip_control_turns_clipping_on_and_off(mlp):
    at = mlp(dataset="xor", sched="exponential", sched_gamma="0.99")  # the expander is open
    run(at.select_slider(key="mlp_clip").set_value(0.01))
    assert pg(at).trainer.clip == 0.01 and query(at)["clip"] == "0.01"
    run(at.button(key="mlp_step_btn").click())
    assert pg(at).trainer.clip_count == pg(at).trainer.step_count > 0
    run(at.select_slider(key="mlp_clip").set_value(0.0))
    assert pg(at).trainer.clip is None and "clip" not in query(at)
