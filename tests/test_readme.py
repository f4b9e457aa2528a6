"""The README's promises stay true: its notebook example runs, its commands exist."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def test_requirements_pin_the_cpu_torch():
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    reqs = [r.strip() for r in lines if r.strip() and not r.startswith("#")]
    assert "torch==2.13.0" in reqs
    assert all("==" in r for r in reqs)
