"""tests/conftest.py: under CI=true a skipped test (or a skipped module) fails the run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"
SKIPPING = """
import pytest

def test_skips():
    pytest.skip("no browser here")

@pytest.mark.xfail(reason="known")
def test_xfails():
    assert False

def test_passes():
    assert True
"""
SKIPPED_MODULE = """
import pytest
pytest.importorskip("no_such_module_anywhere")

def test_never_runs():
    pass
"""


def run_pytest(folder: Path, ci: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", str(folder)],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120,
    )


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    shutil.copy(CONFTEST, tmp_path / "conftest.py")
    (tmp_path / "test_skipping.py").write_text(SKIPPING)
    (tmp_path / "test_skipped_module.py").write_text(SKIPPED_MODULE)
    return tmp_path


def test_skips_pass_quietly_without_ci(suite):
    out = run_pytest(suite, None)
    assert out.returncode == 0, out.stdout[-2000:]
    assert "2 skipped" in out.stdout and "1 xfailed" in out.stdout


def test_skipped_test_fails_under_ci(suite):
    (suite / "test_skipped_module.py").unlink()
    out = run_pytest(suite, "true")
    assert out.returncode == 1, out.stdout[-2000:]
    assert "counts as a failure" in out.stdout and "no browser here" in out.stdout
    assert "1 failed" in out.stdout
    assert "1 xfailed" in out.stdout and "1 passed" in out.stdout  # xfail is not a skip


def test_skipped_module_fails_under_ci(suite):
    # A module skipped at import becomes a collection error, which stops the run.
    out = run_pytest(suite, "true")
    assert out.returncode != 0, out.stdout[-2000:]
    assert "counts as a failure" in out.stdout and "no_such_module_anywhere" in out.stdout
