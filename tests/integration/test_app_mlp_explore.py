"""The MLP page's exploring tools under AppTest (issue 31): the timeline changes every
picture and leaves the run alone, ``at=`` links, compare on and off with the line naming
what differs, a neuron off and on, a typed weight, the confusion matrix against a recount
of the points shown."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.playground import Config, Playground
from tests.integration.mlp_app import run


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def test_an_at_link_opens_the_run_at_that_epoch_exactly(mlp):
    at = mlp(at="25", seed="3")
    pg = at.session_state["mlp_pg"]
    ref = Playground(Config(seed=3))
    for _ in range(25):
        ref.step()
    assert pg.epoch == 25 and np.array_equal(pg.net.params, ref.net.params)
    assert at.query_params.get("at") == "25"
    assert "mlpx_at_slider" in {s.key for s in at.select_slider}  # the panel opened itself


def test_the_timeline_shows_the_past_and_leaves_the_run_alone(mlp):
    at = mlp(at="20")
    pg = at.session_state["mlp_pg"]
    before = (pg.epoch, pg.trainer.step_count, pg.net.params.copy(),
              len(pg.trainer.history["epoch"]))
    now_metrics = metrics(at)
    at = run(at.select_slider(key="mlpx_at_slider").set_value(7))
    assert at.session_state["mlp_at"] == 7 and at.query_params.get("at") == "7"
    past = metrics(at)
    assert past != now_metrics
    ref = Playground(Config())
    for _ in range(7):
        ref.step()
    assert float(past["Training loss"]) == pytest.approx(ref.metrics()["train_loss"], abs=1e-4)
    after = (pg.epoch, pg.trainer.step_count, pg.net.params, len(pg.trainer.history["epoch"]))
    assert after[:2] == before[:2] and np.array_equal(after[2], before[2])
    assert after[3] == before[3]
    # Train on from here: the run is back at 7 for good, and goes on as the run did
    at = run(at.button(key="mlpx_train_on").click())
    assert pg.epoch == 7 and np.array_equal(pg.net.params, ref.net.params)
    assert at.session_state["mlp_at"] == -1 and "at" not in at.query_params
    at = run(at.button(key="mlp_step_btn").click())
    ref.step()
    assert np.array_equal(pg.net.params, ref.net.params)


def test_compare_on_and_off_and_the_line_naming_what_differs(mlp):
    at = mlp(at="5")
    at = run(at.toggle(key="mlp_compare").set_value(True))
    assert any("B has A's settings" in m.value for m in at.markdown)
    at = run(at.selectbox(key="mlp_b_act").set_value("relu"))
    at = run(at.text_input(key="mlpx_b_layers_text").set_value("8,8"))
    line = [m.value for m in at.markdown if m.value.startswith("**B:")]
    assert line == ["**B: ReLU instead of Tanh; 2 hidden layers (8,8) instead of "
                    "2 hidden layers (4,2)**"]
    q = at.query_params
    assert q.get("compare") == "1" and q.get("b_act") == "relu" and q.get("b_layers") == "8,8"
    b = at.session_state["mlp_pg_b"]
    assert b.epoch == at.session_state["mlp_pg"].epoch == 5
    assert b.config.activation == "relu" and b.config.layers == (8, 8)
    assert b.data_key() == at.session_state["mlp_pg"].data_key()
    at = run(at.toggle(key="mlp_compare").set_value(False))
    assert "compare" not in at.query_params and "mlp_pg_b" not in at.session_state


def test_a_neuron_off_and_on_and_a_typed_weight(mlp):
    at = mlp(at="10")
    pg = at.session_state["mlp_pg"]
    loss0 = pg.metrics()["train_loss"]
    at = run(at.selectbox(key="mlpx_unit").set_value("1-2"))
    at = run(at.toggle(key="mlpx_unit_on").set_value(False))
    assert pg.net.units_off() == [(1, 2)]
    assert pg.metrics()["train_loss"] != loss0  # recorded at once
    X = pg.trainer.X
    _, cache = pg.net.forward(X)
    assert np.all(cache.A[1][:, 2] == 0)
    at = run(at.toggle(key="mlpx_unit_on").set_value(True))
    assert pg.net.units_off() == [] and pg.metrics()["train_loss"] == pytest.approx(loss0)
    at = run(at.selectbox(key="mlpx_param").set_value("W.2.1.0"))
    at = run(at.number_input(key="mlpx_value").set_value(1.25))
    assert pg.net.W[1][1, 0] == np.float32(1.25)
    assert "= 1.25" in at.selectbox(key="mlpx_param").format_func("W.2.1.0")


def test_the_confusion_matrix_counts_the_points_shown(mlp):
    at = mlp(at="15", dataset="blobs", classes="4")
    at.session_state["mlp_metrics_open"] = True
    at = run(at)
    confusion_train, confusion_test, points = (d.value for d in at.dataframe)
    for name, frame in (("training data", confusion_train), ("test data", confusion_test)):
        rows = points[points["set"] == name]
        C = frame.iloc[:, :4].to_numpy().astype(int)
        recount = np.zeros((4, 4), int)
        for y, p in zip(rows["label"], rows["prediction"]):
            recount[int(y), int(p)] += 1
        assert np.array_equal(C, recount)
    wrong = points[~points["correct"].astype(bool)]
    assert list(wrong.index) == list(range(len(wrong)))  # misclassified listed first
