"""nncore.export without running a script: what it refuses, what it leaves untouched, the
weights and configuration downloads.

The exported scripts' code is tested in-process in test_export_templates.py, and the
scripts themselves as a user runs them in tests/integration/test_export.py.
"""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from nncore import export
from nncore.playground import Config, Playground
from tests.export_cases import CASES, trained


def test_export_leaves_the_playground_untouched():
    pg = trained(CASES[0][1], 2)
    before = (pg.net.params.copy(), pg.trainer.rng.bit_generator.state, pg.epoch)
    export.pytorch_script(pg, check_epochs=5)
    assert np.array_equal(pg.net.params, before[0])
    assert pg.trainer.rng.bit_generator.state == before[1] and pg.epoch == before[2]


def test_unknown_optimiser_is_a_clear_error():
    pg = trained(Config(), 1)

    class Adagrad:  # a stand-in for an optimiser without a row in export.OPTIMISERS
        lr, l1, l2, state = 0.01, 0.0, 0.0, None

    pg.trainer.opt = Adagrad()
    with pytest.raises(ValueError, match="no PyTorch export for the optimiser Adagrad"):
        export.pytorch_script(pg)


def test_diverged_run_is_refused():
    # regression with ReLU at lr 10 diverges within a few epochs (every seed tried)
    pg = Playground(Config(dataset="plane", lr=10.0, batch=0, layers=(8, 8), activation="relu"))
    pg.frame(budget=1e9, max_epochs=50)
    assert pg.diverged
    with pytest.raises(ValueError, match="diverged"):
        export.pytorch_script(pg)


def test_weights_npz_and_state_dict():
    pg = trained(CASES[2][1], 1)
    z = np.load(io.BytesIO(export.weights_npz(pg)))
    assert sorted(z.files) == ["W1", "W2", "b1", "b2"]
    for l in range(pg.net.L):
        assert np.array_equal(z[f"W{l + 1}"], pg.net.W[l]) and z[f"W{l + 1}"].dtype == np.float64
        assert np.array_equal(z[f"b{l + 1}"], pg.net.b[l])
    torch = pytest.importorskip("torch")
    sd = torch.load(io.BytesIO(export.state_dict_bytes(pg)))
    assert list(sd) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert np.array_equal(sd["2.weight"].numpy(), pg.net.W[1])


# ---------------------------------------------------------------- configuration JSON
@pytest.mark.parametrize("config", [Config(), *(c[1] for c in CASES),
                                    Config(layers=(), features=("sin(x2)",), seed=2**31 - 1),
                                    Config(layers=(64,) * 10, lr=1e-05)])
def test_config_json_round_trip(config):
    text = export.config_json(config)
    assert export.config_from_json(text) == config
    assert export.config_from_json(text.encode("utf-8-sig")) == config


def test_config_json_of_a_playground_and_defaults_for_missing_fields():
    pg = Playground(Config(dataset="moons", layers=(3,)))
    assert export.config_from_json(export.config_json(pg)) == pg.config
    assert export.config_from_json('{"nn_playground_config": 1, "seed": 7}') == Config(seed=7)


@pytest.mark.parametrize("text, message", [
    ("", "not valid JSON"),
    ("{", "not valid JSON"),
    ("dataset=circle", "not valid JSON"),
    ("[1, 2]", "not an NN Playground configuration"),
    ('{"dataset": "circle"}', "not an NN Playground configuration"),
    ('{"nn_playground_config": 2}', "format 2 is not supported"),
    ('{"nn_playground_config": 1, "colour": "red"}', "unknown field(s) ['colour']"),
    ('{"nn_playground_config": 1, "layers": "4,2"}', "layers must be a list of integers"),
    ('{"nn_playground_config": 1, "layers": [4.0]}', "layers must be a list of integers"),
    ('{"nn_playground_config": 1, "layers": [100]}', "layers=(100,) is not allowed"),
    ('{"nn_playground_config": 1, "features": ["x3"]}', "features=('x3',) is not allowed"),
    ('{"nn_playground_config": 1, "features": "x1"}', "features must be a list of names"),
    ('{"nn_playground_config": 1, "lr": "0.03"}', "lr must be a number"),
    ('{"nn_playground_config": 1, "lr": NaN}', "lr must be a number"),
    ('{"nn_playground_config": 1, "lr": 0.05}', "lr=0.05 is not allowed"),
    ('{"nn_playground_config": 1, "seed": true}', "seed must be an integer"),
    ('{"nn_playground_config": 1, "seed": 1.5}', "seed must be an integer"),
    ('{"nn_playground_config": 1, "seed": -1}', "seed=-1 is not allowed"),
    ('{"nn_playground_config": 1, "dataset": 3}', "dataset must be a string"),
    ('{"nn_playground_config": 1, "dataset": "mnist"}', "dataset='mnist' is not allowed"),
    ('{"nn_playground_config": 1, "optimizer": "adagrad"}', "optimizer='adagrad' is not allowed"),
    ('{"nn_playground_config": 1, "batch": 31}', "batch=31 is not allowed"),
    ("[" * 100000, "not valid JSON"),
])
def test_junk_configuration_json_is_refused_with_a_clear_message(text, message):
    with pytest.raises(ValueError) as e:
        export.config_from_json(text)
    assert message in str(e.value)


def test_config_json_not_utf8():
    with pytest.raises(ValueError, match="not UTF-8"):
        export.config_from_json(b'{"nn_playground_config": 1, "dataset": "\xff"}')


def test_config_json_keeps_the_training_tools_and_refuses_junk_in_them():
    c = Config(dropout=0.3, schedule="warmup", sched_epochs=50, sched_gamma=0.1, patience=20,
          min_delta=0.001, restore_best=False, clip=1.0)
    assert export.config_from_json(export.config_json(c)) == c
    body = json.loads(export.config_json(Config()))
    for field, bad in (("restore_best", "yes"), ("restore_best", 1), ("dropout", 0.95),
                       ("schedule", "cyclic"), ("sched_epochs", 0), ("patience", -1),
                       ("clip", -1.0), ("sched_gamma", 0.0)):
        with pytest.raises(ValueError, match=field):
            export.config_from_json(json.dumps({**body, field: bad}))
    old = {k: v for k, v in body.items() if k not in (
        "dropout", "schedule", "sched_epochs", "sched_gamma", "patience", "min_delta",
        "restore_best", "clip")}
    assert export.config_from_json(json.dumps(old)) == Config()
