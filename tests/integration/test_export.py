"""nncore.export: the exported PyTorch script continues a playground run exactly.

Each configuration is trained a few epochs (so the optimiser's state is not trivial),
exported, and the script is run with torch in a subprocess (``--check --out``). Its own
PASS is not trusted alone: the losses and weights it writes are compared here with
nncore continuing the same run for 50 epochs on a float64 copy made independently of
``nncore.export`` (a deep copy of the trainer, cast), <= 1e-9 relative.

The scripts' code is tested in-process in tests/unit/test_export_templates.py, and the
exporter's pure behaviour (refusals, downloads, the configuration JSON) in
tests/unit/test_exporter.py; here each script runs as a user runs it.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from nncore import data, export, export_templates
from nncore.playground import Config, Playground
from tests.export_cases import CASES, RTOL, STEP_CASES, independent_continuation, rel, trained

ROOT = Path(__file__).resolve().parents[2]
EPOCHS = 50


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
    pgs = {name: trained(cfg, n) for name, cfg, n in CASES}
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
    ref = independent_continuation(r["pg"], EPOCHS)
    got = r["json"]
    assert len(got["loss"]) == EPOCHS
    assert max(rel(a, b) for a, b in zip(got["loss"], ref["loss"])) <= RTOL
    assert len(got["weights"]) == len(ref["weights"])
    for w, w_ref in zip(got["weights"], ref["weights"]):
        assert np.shape(w) == w_ref.shape
        assert rel(w, w_ref) <= RTOL
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


def test_plain_run_prints_a_loss_per_epoch_and_a_failing_check_exits_nonzero(tmp_path):
    pytest.importorskip("torch")
    pg = trained(Config(batch=0), 1)
    text = export.pytorch_script(pg, check_epochs=3)
    out, _ = _run_script(text, tmp_path, "plain", "--epochs", "4")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 4 and lines[0].startswith("epoch      2  train loss")
    tampered = text.replace("'rtol': 1e-09,", "'rtol': -1.0,")
    assert tampered != text and export_templates.read_data(tampered)["rtol"] == -1.0
    out, _ = _run_script(tampered, tmp_path, "tampered", "--check")
    assert out.returncode == 1 and "FAIL" in out.stdout


def test_scaling_of_uploaded_data_is_shown_and_undone(tmp_path):
    pytest.importorskip("torch")
    pg = trained(Config(dataset="plane", batch=0, layers=(3,)), 1)
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
    d = export_templates.read_data(text)  # torch.optim.Adam with its state, and a check
    assert d["optimizer"][0] == "Adam" and "exp_avg" in d["optimizer_state"][0]
    assert d["check"] is not None and "getattr(torch.optim, name)" in text
    assert got["npz"] == ["W1", "W2", "W3", "b1", "b2", "b3"]
    assert "pip install torch" in got["sd"] and ".npz" in got["sd"]
    assert got["ran"] == "this script needs PyTorch: pip install torch"
    assert got["torch"] is False


# ---------------------------------------------------------------- the Backprop page's step
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
    name, settings = export_templates.read_data(text)["optimizer"]
    assert name == "RMSprop" and settings["centered"] is True and settings["momentum"] == 0.9
    state = export_templates.read_data(text)["optimizer_state"]
    assert all(set(s) == {"square_avg", "momentum_buffer", "grad_avg", "step"} for s in state)
    out, _ = _run_script(text, tmp_path, "rmsprop", "--check", "--out", "r.json")
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-3000:]
    got = json.loads((tmp_path / "r.json").read_text())
    ref = independent_continuation(pg, EPOCHS)
    assert max(rel(a, b) for a, b in zip(got["loss"], ref["loss"])) <= RTOL
    for w, w_ref in zip(got["weights"], ref["weights"]):
        assert rel(w, w_ref) <= RTOL
