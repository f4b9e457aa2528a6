"""The exported scripts' code, imported and run in-process (nncore/export_templates).

The templates are real modules: these tests call their functions on the DATA the exporter
writes (read back from the script's text) and compare with nncore, computed independently
of nncore.export: the continued run's epochs with nncore's own continuation, the step's
loss, dW and db with nncore.trace. The same scripts run as a user runs them (subprocesses)
in tests/integration/test_export.py.
"""

from __future__ import annotations

import ast
import inspect
import math

import numpy as np
import pytest

import nncore
from nncore import MLP, activations, data, export, export_templates, trace
from nncore.export_templates import continue_run, one_step
from nncore.playground import Config
from tests.export_cases import CASES, RTOL, STEP_CASES, independent_continuation, rel, trained

TEMPLATES = {"continue_run": continue_run, "one_step": one_step}
BLOCK = f"{export_templates.BEGIN}\n{export_templates.PLACEHOLDER}\n{export_templates.END}\n"


@pytest.fixture
def torch():
    torch = pytest.importorskip("torch")
    threads = torch.get_num_threads()
    yield torch
    torch.set_num_threads(threads)  # main() sets one thread, as the scripts do


def _script_data(pg, epochs: int, **kw) -> tuple[str, dict]:
    text = export.pytorch_script(pg, check_epochs=epochs, **kw)
    return text, export_templates.read_data(text)


# ---------------------------------------------------------------- the templates as code
@pytest.mark.parametrize("name", export_templates.TEMPLATES)
def test_a_script_is_its_template_with_only_the_data_written(name):
    assert export_templates.source(name) == inspect.getsource(TEMPLATES[name])
    assert export_templates.source(name).count(BLOCK) == 1
    pg = trained(CASES[2][1], 1)
    net = MLP([2, 3, 1], output="sigmoid", seed=0)
    X, Y = trace.make_batch([0.5, -1.0], [1.0], 2, net)
    text = (export.pytorch_script(pg, check_epochs=1) if name == "continue_run" else
            export.step_script(net, X, Y, 0.1, trace.build(net, X, Y, 0.1)))
    start = text.index(export_templates.BEGIN)
    end = text.index(export_templates.END) + len(export_templates.END) + 1
    assert text[:start] + BLOCK + text[end:] == export_templates.source(name)
    # and the block holds only comments and one assignment of a literal
    block = ast.parse(text[start:end])
    assert len(block.body) == 1 and isinstance(block.body[0], ast.Assign)
    ast.literal_eval(block.body[0].value)


@pytest.mark.parametrize("module", TEMPLATES.values(), ids=TEMPLATES)
def test_templates_import_only_the_standard_library_and_numpy_at_module_level(module):
    # torch is imported inside functions: `import nncore` never pulls it, and a script
    # without torch says how to install it; nothing from nncore (a script stands alone)
    tree = ast.parse(inspect.getsource(module))
    top = {a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names}
    top |= {n.module for n in tree.body if isinstance(n, ast.ImportFrom)}
    assert top <= {"argparse", "json", "sys", "numpy"}, top
    inner = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not any(name.startswith("nncore") for name in inner)


def test_the_two_templates_share_the_model_builder_word_for_word():
    for name in ("build_model", "require_torch"):
        assert (inspect.getsource(getattr(continue_run, name))
                == inspect.getsource(getattr(one_step, name))), name
    assert continue_run.LOSSES == one_step.LOSSES


def test_feature_code_matches_nncore_data():
    X = np.random.default_rng(0).uniform(-6, 6, (50, 2))
    x1, x2 = X[:, 0], X[:, 1]
    for name, f in continue_run.FEATURES.items():
        assert np.array_equal(f(x1, x2), data.features(X, [name])[:, 0]), name
    assert set(continue_run.FEATURES) == set(data.FEATURES)
    assert np.array_equal(continue_run.features(X, list(data.FEATURES)),
                          data.features(X, list(data.FEATURES)))


@pytest.mark.parametrize("name", [n for n in activations.names() if n != "step"])
def test_every_activation_builds_the_same_network_in_torch(torch, name):
    params = {"leaky_relu": {"alpha": 0.2}, "elu": {"alpha": 0.5},
              "softplus": {"beta": 2.0, "threshold": 10.0}}.get(name, {})
    rng = np.random.default_rng(len(name))
    for output in ("sigmoid", "softmax", "linear", "tanh"):
        net = nncore.MLP([3, 4, 4, 3 if output == "softmax" else 2], activation=name,
                         activation_params=params, output=output)
        net.params = rng.normal(0.0, 1.5, net.n_params())  # every digit used
        model = continue_run.build_model(export_templates.read_data(
            export_templates.render("one_step", [("model", export.model_spec(net), "")]))["model"])
        X = rng.normal(0.0, 3.0, (40, 3))
        with torch.no_grad():
            out = model(torch.tensor(X)).numpy()
        np.testing.assert_allclose(out, net.predict(X), rtol=1e-12, atol=1e-12)


def test_an_activation_without_a_torch_module_is_refused():
    net = MLP([2, 3, 1], activation="step", output="sigmoid")
    with pytest.raises(ValueError, match="no PyTorch module"):
        export.model_spec(net)


# ---------------------------------------------------------------- the DATA literal
def test_literals_round_trip_exactly_and_stay_within_the_line_length():
    rng = np.random.default_rng(3)
    value = {"x": rng.normal(0, 1e3, (40, 2)).tolist(), "w": rng.normal(size=(3, 9)).tolist(),
             "v": rng.normal(size=200).tolist(), "t": (0.9, 0.999), "one": (1.5,),
             "none": None, "flag": True, "big": 2**127 + 1, "s": "it's \"quoted\"\nnot code",
             "tiny": [5e-324, -0.0, 1e308], "empty": [], "nested": {"a": [[]], "b": {}},
             "np": np.float32(0.1), "ints": np.arange(30).tolist()}
    text = export_templates.literal(value, 4, 12)
    got = ast.literal_eval(text)
    assert got["np"] == float(np.float32(0.1))
    got["np"] = value["np"] = float(value["np"])
    assert got == value and math.copysign(1.0, got["tiny"][1]) == -1.0
    assert max(len(line) for line in text.splitlines()) <= 100
    assert export_templates.literal([1.0, 2]) == "[1.0, 2]"


@pytest.mark.parametrize("bad, error", [(float("nan"), ValueError), ([1.0, math.inf], ValueError),
                                        (np.zeros(2), TypeError), ({1: 2}, ValueError),
                                        ({"f": print}, TypeError)])
def test_literals_refuse_what_is_not_plain_data(bad, error):
    with pytest.raises(error):
        export_templates.literal(bad)


def test_comments_cannot_become_code():
    text = export_templates.render("one_step", [("k", 1, "a\nDATA = 'oops'")], "x\nimport os")
    assert export_templates.read_data(text) == {"k": 1}
    assert "\n# import os\n" in text and "\n    # DATA = 'oops'\n" in text


def test_an_unknown_template_is_refused():
    with pytest.raises(ValueError, match="no export template"):
        export_templates.source("other")


# ---------------------------------------------------------------- the continued run
@pytest.mark.parametrize("name, config, epochs", CASES, ids=[c[0] for c in CASES])
def test_the_continued_run_is_nncores_run_in_process(torch, name, config, epochs):
    pg = trained(config, epochs)
    _, d = _script_data(pg, 3)
    run = continue_run.Run(d)
    losses, test_losses = run.train(3)
    ref = independent_continuation(pg, 3)
    assert run.epoch == pg.epoch + 3
    assert max(rel(a, b) for a, b in zip(losses, ref["loss"])) <= RTOL
    assert len(run.weights()) == len(ref["weights"])
    for w, w_ref in zip(run.weights(), ref["weights"]):
        assert w.shape == w_ref.shape and rel(w, w_ref) <= RTOL
    assert max(rel(a, b) for a, b in zip(losses, d["check"]["loss"])) <= RTOL
    assert all(t is None for t in test_losses) == (len(pg.X_test) == 0)


def test_the_optimiser_and_its_state_are_torchs_counterparts(torch):
    pg = trained(CASES[2][1], 3)  # Adam, trained: moments and a step count
    _, d = _script_data(pg, 1)
    run = continue_run.Run(d)
    assert isinstance(run.optimizer, torch.optim.Adam)
    assert run.optimizer.defaults["lr"] == pg.trainer.opt.lr
    assert run.optimizer.defaults["betas"] == pg.trainer.opt.betas
    states = [run.optimizer.state[p] for p in run.model.parameters()]
    assert [float(s["step"]) for s in states] == [float(pg.trainer.opt.t)] * 4
    m = np.concatenate([np.column_stack([states[i]["exp_avg"].numpy(),
                                         states[i + 1]["exp_avg"].numpy()]).ravel()
                        for i in (0, 2)])
    assert np.array_equal(m, pg.trainer.opt.state[0].astype(np.float64))


def test_main_checks_and_a_wrong_reference_fails(torch, capsys, tmp_path):
    pg = trained(Config(batch=0), 1)
    _, d = _script_data(pg, 3)
    out = tmp_path / "r.json"
    assert continue_run.main(["--check", "--out", str(out)], d) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1] == "PASS" and lines[0].startswith("epoch      2  torch")
    assert len(lines) == 5 and out.exists()
    assert torch.get_num_threads() == 1
    assert continue_run.main(["--check"], {**d, "rtol": -1.0}) == 1
    assert "FAIL" in capsys.readouterr().out
    assert continue_run.main(["--check"], {**d, "check": None}) == 2
    assert "diverged" in capsys.readouterr().out
    assert continue_run.main(["--epochs", "2"], d) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("epoch      3  train loss")


def test_a_run_without_optimiser_state_starts_it_as_nncore_does(torch):
    pg = trained(Config(optimizer="momentum", batch=0), 0)  # no step yet: no buffer
    _, d = _script_data(pg, 2)
    assert d["optimizer_state"] is None and d["epoch"] == 0
    losses, _ = continue_run.Run(d).train(2)
    assert max(rel(a, b) for a, b in zip(losses, independent_continuation(pg, 2)["loss"])) <= RTOL


def test_scaling_of_uploaded_data_is_undone_in_process(torch):
    pg = trained(Config(dataset="plane", batch=0, layers=(3,)), 1)
    scaling = {"x1": (10.0, 2.0), "x2": (-3.0, 0.5), "y": (100.0, 50.0)}
    _, d = _script_data(pg, 1, scaling=scaling)
    X = np.array([[12.0, -2.5], [0.0, 0.0]])
    P = continue_run.to_plane(X, d["scaling"])
    np.testing.assert_allclose(P, [[1.0, 1.0], [-5.0, 6.0]])
    np.testing.assert_allclose(continue_run.from_plane(P, d["scaling"]), X)
    F = data.features(P, pg.config.features)
    expected = pg.net.astype(np.float64).predict(F)[:, 0] * 50.0 + 100.0
    got = continue_run.predict_csv(X, data=d)[:, 0]
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    _, plain = _script_data(pg, 1)  # no scaling: the plane is the CSV's units
    assert plain["scaling"] is None
    assert np.array_equal(continue_run.to_plane(X, plain["scaling"] or {}), X)


# ---------------------------------------------------------------- the Backprop page's step
@pytest.mark.parametrize("i", range(len(STEP_CASES)))
def test_the_step_is_nncore_traces_step_in_process(torch, i):
    sizes, out, y = STEP_CASES[i]
    net = MLP(sizes, activation="tanh", output=out, init="uniform", seed=i)
    X, Y = trace.make_batch([0.5, -1.0, 0.3][: sizes[0]], y, 4, net, seed=i)
    steps = trace.build(net, X, Y, 0.3)
    d = export_templates.read_data(export.step_script(net, X, Y, 0.3, steps))
    got = one_step.one_step(d)
    assert got["loss_before"] == pytest.approx(steps.loss_before, rel=1e-9)
    assert got["loss_after"] == pytest.approx(steps.loss_after, rel=1e-9)
    for a, b in zip(got["dW"] + got["db"], steps.dW + steps.db, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-15)
    assert one_step.worst(got, d["nncore"]) <= d["rtol"] == export.CHECK_RTOL


def test_the_step_main_prints_and_checks(torch, capsys):
    net = MLP([2, 3, 1], activation="tanh", output="sigmoid", seed=0)
    X, Y = trace.make_batch([0.5, -1.0], [1.0], 2, net)
    steps = trace.build(net, X, Y, 0.1)
    d = export_templates.read_data(export.step_script(net, X, Y, 0.1, steps))
    assert one_step.main(["--check"], d) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"loss before {steps.loss_before:.12g}") and "PASS" in text
    wrong = {**d["nncore"], "loss_before": d["nncore"]["loss_before"] * 1.001}
    assert one_step.main(["--check"], {**d, "nncore": wrong}) == 1
    assert "FAIL" in capsys.readouterr().out


# ---------------------------------------------------------------- the training tools
def test_the_tools_go_into_the_script(torch):
    pg = trained(Config(dataset="circle", optimizer="momentum", lr=0.1, batch=10,
                        layers=(5, 4), dropout=0.3, schedule="step", sched_epochs=3,
                        sched_gamma=0.5, clip=0.2), 4)
    _, d = _script_data(pg, 6)
    assert d["dropout"] == [0.3, 0.3] and d["clip"] == 0.2 and d["base_lr"] == 0.1
    assert d["schedule"] == ("StepLR", {"step_size": 3, "gamma": 0.5})
    run = continue_run.Run(d)
    # the scheduler fast-forwarded to epoch 4: the rate of epoch 4 is 0.1 * 0.5^(4 // 3)
    assert run.optimizer.param_groups[0]["lr"] == pytest.approx(pg.trainer.lr_now, rel=1e-12)
    losses, _ = run.train(6)
    ref = independent_continuation(pg, 6)
    assert max(rel(a, b) for a, b in zip(losses, ref["loss"])) <= RTOL
    for w, w_ref in zip(run.weights(), ref["weights"]):
        assert rel(w, w_ref) <= RTOL


@pytest.mark.parametrize("restore", [True, False])
def test_early_stopping_stops_the_script_where_nncore_stops(torch, restore):
    config = Config(dataset="xor", optimizer="adam", lr=0.1, batch=10, layers=(8, 8),
                    noise=30, patience=3, min_delta=0.001, restore_best=restore)
    pg = trained(config, 3)
    _, d = _script_data(pg, 50)
    ref = d["check"]
    assert 0 < len(ref["loss"]) < 50, "the case must stop within the check's epochs"
    run = continue_run.Run(d)
    losses, _ = run.train(50)
    assert run.stopped and len(losses) == len(ref["loss"])
    assert max(rel(a, b) for a, b in zip(losses, ref["loss"])) <= RTOL
    for w, w_ref in zip(run.weights(), ref["weights"]):
        assert rel(w, w_ref) <= RTOL
    # nncore's own float32 run stops at the same epoch
    while pg.step():
        pass
    assert pg.stopped and pg.epoch == 3 + len(ref["loss"])
