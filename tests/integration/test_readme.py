"""The README's promises stay true: its notebook example runs, its commands exist."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_notebook_example_runs():
    section = README.split("## Use nncore in a notebook", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "test accuracy" in out.stdout and "(4, 8) (8, 2)" in out.stdout


def test_exactly_two_setup_commands_that_point_at_real_files():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", setup, re.S)
    assert len(blocks) == 2
    app, tests = (b.strip() for b in blocks)
    assert app == "pip install -r requirements.txt && streamlit run streamlit_app.py"
    assert tests.startswith("pip install -r requirements-dev.txt && ") and "pytest" in tests
    for f in ("requirements.txt", "requirements-dev.txt", "streamlit_app.py"):
        assert (ROOT / f).exists(), f
    # .ci/run takes its test command from the README
    assert "README.md" in (ROOT / ".ci" / "run").read_text()


def test_the_fast_loop_is_the_unit_tier():
    develop = README.split("## Develop", 1)[1].split("\n## ", 1)[0]
    blocks = [b.strip() for b in re.findall(r"```bash\n(.*?)```", develop, re.S)]
    assert blocks == ["python -m pytest tests/unit"]
    assert (ROOT / "tests" / "unit" / "test_tiers.py").exists()


def _reqs(name: str) -> list[str]:
    lines = (ROOT / name).read_text().splitlines()
    return [r.strip() for r in lines if r.strip() and not r.startswith("#")]


def test_run_time_requirements_are_pinned_and_leave_torch_to_the_tests():
    # issue 11: the deployed app needs no torch (a bare torch is gigabytes of CUDA)
    run = _reqs("requirements.txt")
    assert all("==" in r for r in run)
    assert not any(r.split("==")[0].strip().lower() == "torch" for r in run)
    dev = _reqs("requirements-dev.txt")
    assert "-r requirements.txt" in dev and "torch==2.13.0" in dev
    assert all("==" in r for r in dev if not r.startswith("-r"))
