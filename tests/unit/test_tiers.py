"""The test tiers: every test file belongs to exactly one group, and the fast one stays pure.

* ``tests/unit/``: pure tests (nncore, state, strings, pure ui helpers): no Streamlit
  server, no AppTest, no browser, no subprocess. The everyday loop:
  ``python -m pytest tests/unit`` (under a minute).
* ``tests/integration/``: AppTest runs of every page, subprocesses (exported scripts, the
  README's example, an installed nncore), servers without a browser (the replicas, the
  classroom benchmark).
* ``tests/e2e/``: a real headless Chromium against a real server.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
TIERS = ("unit", "integration", "e2e")
#: what a unit test may not import: each starts a process, a server, a browser or a
#: script run
FORBIDDEN_IN_UNIT = ("subprocess", "multiprocessing", "socket", "playwright",
                     "streamlit.testing", "bench.harness", "bench.st_client")


def _test_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("test_*.py") if "__pycache__" not in p.parts)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def test_every_test_file_is_in_exactly_one_tier():
    files = _test_files()
    assert files, "no test files found"
    for path in files:
        rel = path.relative_to(TESTS).parts
        assert len(rel) == 2 and rel[0] in TIERS, (
            f"tests/{'/'.join(rel)} is in no tier: put it under one of "
            f"{', '.join(f'tests/{t}/' for t in TIERS)}")
    names = [p.name for p in files]
    assert len(names) == len(set(names)), "two test files share a name across tiers"


@pytest.mark.parametrize("path", [p for p in _test_files() if p.parent.name == "unit"],
                         ids=lambda p: p.name)
def test_unit_tests_start_no_process_server_or_browser(path):
    bad = sorted(n for n in _imports(path)
                 if any(n == f or n.startswith(f + ".") for f in FORBIDDEN_IN_UNIT))
    assert not bad, f"{path.name} imports {bad}: it belongs in tests/integration/"


def test_each_test_carries_its_tiers_marker(request):
    # tests/conftest.py marks every test with its folder's name (``-m unit`` works too)
    assert request.node.get_closest_marker("unit") is not None
