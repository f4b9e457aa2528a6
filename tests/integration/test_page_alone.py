"""A page started on its own (`streamlit run pages/3_MLP.py`, a natural first try) says in
one sentence how to start the app, instead of a ModuleNotFoundError (issue 11)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(str(p) for p in (ROOT / "pages").glob("*.py"))

SCRIPT = textwrap.dedent(
    """
    import json, sys
    # what `streamlit run pages/x.py` has: the page's folder on sys.path, not the app's root
    sys.path = [p for p in sys.path if p not in ("", sys.argv[2])]
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(sys.argv[1], default_timeout=60).run()
    print(json.dumps({"errors": [e.value for e in at.error],
                      "exceptions": [e.message for e in at.exception]}))
    """
)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: Path(p).name)
def test_a_page_run_alone_says_how_to_start_the_app(page, tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, page, str(ROOT)], cwd=tmp_path,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["exceptions"] == []
    assert len(seen["errors"]) == 1 and "streamlit run streamlit_app.py" in seen["errors"][0]
