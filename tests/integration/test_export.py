"""nncore.export: the exported PyTorch script continues a playground run exactly.

Each configuration is trained a few epochs (so the optimiser's state is not trivial),
exported, and the script is run with torch in a subprocess (``--check --out``). Its own
PASS is not trusted alone: the losses and weights it writes are compared here with
nncore continuing the same run for 50 epochs on a float64 copy made independently of
``nncore.export`` (a deep copy of the trainer, cast), <= 1e-9 relative.
"""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from nncore import data, export
from nncore.playground import Config, Playground

ROOT = Path(__file__).resolve().parents[2]
EPOCHS = 50
RTOL = 1e-9

#: (id, config, epochs trained before the export)
CASES = [
    ("binary-sgd-l2-batch30", Config(dataset="circle", optimizer="sgd", lr=0.03, reg="l2",
                                     reg_rate=0.003, batch=30), 4),
    ("binary-momentum-l1-full", Config(dataset="xor", optimizer="momentum", lr=0.03, reg="l1",
                                       reg_rate=0.001, batch=0, layers=(6, 3),
                                       features=("x1", "x2", "x1*x2")), 20),
    ("multiclass-adam-l2-batch20", Config(dataset="blobs", classes=4, optimizer="adam",
                                          lr=0.003, reg="l2", reg_rate=0.01, batch=20,
                                          activation="relu", layers=(5,)), 3),
    ("regression-adam-full", Config(dataset="plane", optimizer="adam", lr=0.01, batch=0,
                                    layers=(4,), features=("x1", "x2", "sin(x1)")), 10),
    ("multiclass-nesterov-l1-batch30", Config(dataset="spiral_multi", classes=3,
                                              optimizer="nesterov", lr=0.01, reg="l1",
                                              reg_rate=0.001, batch=30, activation="tanh",
                                              layers=(6,), features=("x1", "x2", "x1^2")), 2),
    ("binary-rmsprop-l2-batch10", Config(dataset="xor", optimizer="rmsprop", lr=0.003,
                                         reg="l2", reg_rate=0.001, batch=10), 5),
]


def _trained(config: Config, epochs: int) -> Playground:
    pg = Playground(config)
    for _ in range(epochs):
        assert pg.step()
    return pg


def _independent_continuation(pg: Playground, epochs: int) -> dict:
    """nncore's own next epochs in float64, without nncore.export: a deep copy of the
    trainer (its Generator included) with the network, data and optimiser state cast."""
    tr = copy.deepcopy(pg.trainer)
    tr.net = pg.net.astype(np.float64)
    tr.X = data.features(pg.X_train, pg.config.features)
    tr.T = tr.loss.targets(tr.y, np.zeros((len(tr.X), tr.net.sizes[-1])))
    tr.X_test = data.features(pg.X_test, pg.config.features)
    tr._sane = tr.net.params.copy()
    tr._recorded = None
    if tr.opt.state is not None:
        tr.opt.state = [s.astype(np.float64) for s in tr.opt.state]
    losses = []
    for _ in range(epochs):
        assert tr.epoch()
        losses.append(tr.evaluate(tr.X, tr.y)["loss"])
    weights = [a for Wl, bl in zip(tr.net.W, tr.net.b) for a in (Wl, bl)]
    return {"loss": losses, "weights": weights}


def _rel(a, b) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(float(np.max(np.abs(b))), 1e-300))


def _run_script(text: str, tmp: Path, name: str, *args: str):
    path = tmp / f"{name}.py"
    path.write_text(text)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, str(path), *args], cwd=tmp, capture_output=True,
                         text=True, timeout=600, check=False)
    return out, time.perf_counter() - t0


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Every case exported and run (--check --out) in parallel subprocesses."""
    pytest.importorskip("torch")
    tmp = tmp_path_factory.mktemp("export")
    pgs = {name: _trained(cfg, n) for name, cfg, n in CASES}
    scripts = {name: export.pytorch_script(pg, check_epochs=EPOCHS) for name, pg in pgs.items()}

    def run(name):
        return _run_script(scripts[name], tmp, name, "--check", "--out", f"{name}.json")

    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = dict(zip(scripts, pool.map(run, scripts)))
    results = {}
    for name, (out, seconds) in runs.items():
        file = tmp / f"{name}.json"
        results[name] = {"pg": pgs[name], "out": out, "seconds": seconds,
                         "json": json.loads(file.read_text()) if file.exists() else None}
    print("\nexported script --check timings (s):",
          {k: round(v["seconds"], 1) for k, v in results.items()})
    return results


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_exported_script_continues_the_run_exactly(exported, name):
    r = exported[name]
    out = r["out"]
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-3000:]
    assert out.stdout.strip().splitlines()[-1] == "PASS"
    ref = _independent_continuation(r["pg"], EPOCHS)
    got = r["json"]
    assert len(got["loss"]) == EPOCHS
    assert max(_rel(a, b) for a, b in zip(got["loss"], ref["loss"])) <= RTOL
    assert len(got["weights"]) == len(ref["weights"])
    for w, w_ref in zip(got["weights"], ref["weights"]):
        assert np.shape(w) == w_ref.shape
        assert _rel(w, w_ref) <= RTOL
    # and the float64 continuation is the playground's own run (float32) to its precision
    pg32 = copy.deepcopy(r["pg"])
    pg32.frame(budget=1e9, max_epochs=EPOCHS)
    assert abs(pg32.metrics()["train_loss"] - ref["loss"][-1]) <= 1e-3 * ref["loss"][-1] + 1e-6


def test_optimiser_state_was_not_trivial(exported):
    for name, r in exported.items():
        opt = r["pg"].trainer.opt
        if name.split("-")[1] != "sgd":
            assert opt.state is not None and np.abs(opt.state[0]).max() > 0, name
        assert r["pg"].epoch > 0


def test_export_leaves_the_playground_untouched():
    pg = _trained(CASES[0][1], 2)
    before = (pg.net.params.copy(), pg.trainer.rng.bit_generator.state, pg.epoch)
    export.pytorch_script(pg, check_epochs=5)
    assert np.array_equal(pg.net.params, before[0])
    assert pg.trainer.rng.bit_generator.state == before[1] and pg.epoch == before[2]


def test_plain_run_prints_a_loss_per_epoch_and_a_failing_check_exits_nonzero(tmp_path):
    pytest.importorskip("torch")
    pg = _trained(Config(batch=0), 1)
    text = export.pytorch_script(pg, check_epochs=3)
    out, _ = _run_script(text, tmp_path, "plain", "--epochs", "4")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 4 and lines[0].startswith("epoch      2  train loss")
    tampered = text.replace("RTOL = 1e-09", "RTOL = -1.0")
    out, _ = _run_script(tampered, tmp_path, "tampered", "--check")
    assert out.returncode == 1 and "FAIL" in out.stdout


def test_scaling_of_uploaded_data_is_shown_and_undone(tmp_path):
    pytest.importorskip("torch")
    pg = _trained(Config(dataset="plane", batch=0, layers=(3,)), 1)
    scaling = {"x1": (10.0, 2.0), "x2": (-3.0, 0.5), "y": (100.0, 50.0)}
    text = export.pytorch_script(pg, check_epochs=2, scaling=scaling)
    assert "rescaled" in text and "def from_plane" in text
    probe = textwrap.dedent("""
        import runpy, sys, numpy as np
        sys.argv = ["x"]
        ns = runpy.run_path("scaled.py", run_name="not_main")
        X = np.array([[12.0, -2.5], [0.0, 0.0]])
        P = ns["to_plane"](X)
        assert np.allclose(P, [[1.0, 1.0], [-5.0, 6.0]]), P
        assert np.allclose(ns["from_plane"](P), X)
        print(float(ns["predict_csv"](X)[0, 0]))
    """)
    (tmp_path / "scaled.py").write_text(text)
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                         text=True, timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    F = data.features(np.array([[1.0, 1.0]]), pg.config.features)
    expected = pg.net.astype(np.float64).predict(F)[0, 0] * 50.0 + 100.0
    assert abs(float(out.stdout.split()[-1]) - expected) <= 1e-9 * abs(expected)


def test_unknown_optimiser_is_a_clear_error():
    pg = _trained(Config(), 1)

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
    pg = _trained(CASES[2][1], 1)
    z = np.load(io.BytesIO(export.weights_npz(pg)))
    assert sorted(z.files) == ["W1", "W2", "b1", "b2"]
    for l in range(pg.net.L):
        assert np.array_equal(z[f"W{l + 1}"], pg.net.W[l]) and z[f"W{l + 1}"].dtype == np.float64
        assert np.array_equal(z[f"b{l + 1}"], pg.net.b[l])
    torch = pytest.importorskip("torch")
    sd = torch.load(io.BytesIO(export.state_dict_bytes(pg)))
    assert list(sd) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert np.array_equal(sd["2.weight"].numpy(), pg.net.W[1])


def test_feature_code_matches_nncore_data():
    X = np.random.default_rng(0).uniform(-6, 6, (50, 2))
    x1, x2 = X[:, 0], X[:, 1]
    for name, code in export._FEATURE_CODE.items():
        assert np.array_equal(eval(code, {"np": np, "x1": x1, "x2": x2}),
                              data.features(X, [name])[:, 0]), name
    assert set(export._FEATURE_CODE) == set(data.FEATURES)


NO_TORCH = textwrap.dedent("""
    import io, json, runpy, sys
    sys.modules["torch"] = None  # every "import torch" now raises ImportError
    import numpy as np
    from nncore import export
    from nncore.playground import Config, Playground
    pg = Playground(Config(optimizer="adam", lr=0.01))
    pg.step()
    text = export.pytorch_script(pg, check_epochs=3)
    z = np.load(io.BytesIO(export.weights_npz(pg)))
    try:
        export.state_dict_bytes(pg)
        sd = "no error"
    except ImportError as e:
        sd = str(e)
    open("script.py", "w").write(text)
    try:
        runpy.run_path("script.py", run_name="__main__")
        ran = "ran"
    except SystemExit as e:
        ran = str(e.code)
    print(json.dumps({"text": text, "npz": sorted(z.files), "sd": sd, "ran": ran,
                      "torch": sys.modules["torch"] is not None}))
""")


def test_without_torch_the_script_is_still_made_and_names_what_it_needs(tmp_path):
    out = subprocess.run([sys.executable, "-c", NO_TORCH], cwd=tmp_path, capture_output=True,
                         text=True, timeout=300, check=False,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-3000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    text = got["text"]
    assert "import numpy as np" in text and "import torch" in text
    assert "Needs: numpy and torch (pip install numpy torch)" in text
    assert "torch.optim.Adam(" in text and "'exp_avg'" in text and "CHECK = {" in text
    assert got["npz"] == ["W1", "W2", "W3", "b1", "b2", "b3"]
    assert "pip install torch" in got["sd"] and ".npz" in got["sd"]
    assert got["ran"] == "this script needs PyTorch: pip install torch"
    assert got["torch"] is False


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


# ---------------------------------------------------------------- the Backprop page's step
STEP_CASES = [([2, 3, 1], "sigmoid", [1.0]), ([3, 4, 3], "softmax", 1),
              ([2, 2, 2], "linear", [0.5, -1.0]), ([2, 3, 1], "tanh", [0.3])]


def test_step_scripts_compute_the_traces_numbers_in_pytorch(tmp_path):
    pytest.importorskip("torch")
    from nncore import MLP, trace

    runs = []
    for i, (sizes, out, y) in enumerate(STEP_CASES):
        net = MLP(sizes, activation="tanh", output=out, init="uniform", seed=i)
        X, Y = trace.make_batch([0.5, -1.0, 0.3][: sizes[0]], y, 4, net, seed=i)
        steps = trace.build(net, X, Y, 0.3)
        script = tmp_path / f"step{i}.py"
        script.write_text(export.step_script(net, X, Y, 0.3, steps))
        outfile = tmp_path / f"step{i}.json"
        proc = subprocess.Popen([sys.executable, str(script), "--check", "--out", str(outfile)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        runs.append((out, steps, outfile, proc))
    for out, steps, outfile, proc in runs:  # all four run at once: torch imports are slow
        stdout, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, (out, stdout, stderr)
        assert "PASS" in stdout
        got = json.loads(outfile.read_text())  # PyTorch's own numbers, checked here too
        assert got["loss_before"] == pytest.approx(steps.loss_before, rel=1e-9)
        assert got["loss_after"] == pytest.approx(steps.loss_after, rel=1e-9)
        for a, b in zip(got["dW"] + got["db"], steps.dW + steps.db, strict=True):
            np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-15)


def test_a_step_script_that_disagrees_fails_its_check(tmp_path):
    pytest.importorskip("torch")
    from nncore import MLP, trace

    net = MLP([2, 3, 1], activation="tanh", output="sigmoid", seed=0)
    X, Y = trace.make_batch([0.5, -1.0], [1.0], 2, net)
    steps = trace.build(net, X, Y, 0.1)
    steps.loss_before *= 1.001  # what the page would have shown, if it were wrong
    script = tmp_path / "step.py"
    script.write_text(export.step_script(net, X, Y, 0.1, steps))
    r = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 1 and "FAIL" in r.stdout


def test_rmsprop_with_momentum_and_centered_continues_exactly(tmp_path):
    """RMSprop's row copies all three of torch's buffers (square_avg, momentum_buffer,
    grad_avg) and its step: a centered run with momentum continues to 1e-9."""
    pytest.importorskip("torch")
    from nncore import optim

    pg = Playground(Config(dataset="circle", optimizer="rmsprop", lr=0.003, reg="l1",
                           reg_rate=0.001, batch=10))
    pg.trainer.opt = optim.RMSprop(0.003, momentum=0.9, centered=True, l1=0.001)
    for _ in range(4):
        assert pg.step()
    text = export.pytorch_script(pg, check_epochs=EPOCHS)
    assert "torch.optim.RMSprop(" in text and "centered=True" in text
    assert all(k in text for k in ("'square_avg'", "'momentum_buffer'", "'grad_avg'", "'step'"))
    out, _ = _run_script(text, tmp_path, "rmsprop", "--check", "--out", "r.json")
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-3000:]
    got = json.loads((tmp_path / "r.json").read_text())
    ref = _independent_continuation(pg, EPOCHS)
    assert max(_rel(a, b) for a, b in zip(got["loss"], ref["loss"])) <= RTOL
    for w, w_ref in zip(got["weights"], ref["weights"]):
        assert _rel(w, w_ref) <= RTOL
