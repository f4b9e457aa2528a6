"""Browser timing shared by the page benchmarks' ``--browser`` modes: servers started
from given checkouts, Debian's Chromium, and a recorder of the app's script state."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Records each change of the app's script state with its time (performance.now()).
OBSERVE = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  window.__states = [];
  new MutationObserver(() => window.__states.push(
      [app.dataset.testScriptState, performance.now()]))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
# (t0) -> whether a run started after t0 and the app is idle again
SETTLED = """(t0) => { const s = window.__states.filter(e => e[1] >= t0);
  const i = s.findIndex(e => e[0] === 'running');
  return i >= 0 && s.slice(i).some(e => e[0] === 'notRunning'); }"""
# (t0) -> ms from t0 to the last time the app became idle
ELAPSED = """(t0) => { const s = window.__states.filter(e => e[1] >= t0);
  return s.filter(e => e[0] === 'notRunning').pop()[1] - t0; }"""


def _e2e():
    """tests/e2e/conftest.py: the one server command and the browser's flags."""
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    import conftest

    return conftest


def servers(stack: contextlib.ExitStack, dirs: list[Path], tag: str) -> list[str]:
    """Start ``streamlit run streamlit_app.py`` in each of ``dirs`` (stopped when ``stack``
    closes); their base URLs, once each answers its health check."""
    e2e = _e2e()
    urls = []
    for d in dirs:
        port = e2e._free_port()
        log = stack.enter_context(open(Path(tempfile.gettempdir()) / f"{tag}-{port}.log", "wb"))
        proc = subprocess.Popen(e2e.server_command(port), cwd=d, stdout=log, stderr=log)
        stack.callback(proc.wait)
        stack.callback(proc.terminate)
        urls.append(f"http://127.0.0.1:{port}")
        e2e._wait_healthy(urls[-1], proc, 60)
    return urls


def chromium(pw: object, stack: contextlib.ExitStack) -> object:
    """Debian's headless Chromium (closed when ``stack`` closes)."""
    e2e = _e2e()
    b = pw.chromium.launch(executable_path=e2e.CHROMIUM, args=e2e.CHROMIUM_ARGS)
    stack.callback(b.close)
    return b


def ready_selector() -> str:
    """The selector of an app whose script is not running."""
    return _e2e().READY


def press(page: object, thumb: object, key: str, timeout_ms: float = 30_000) -> float | None:
    """Press ``key`` on the focused slider ``thumb``; seconds until the app is idle again
    after the run it started, or None when no run came within ``timeout_ms`` (a press lost
    on a loaded machine). The page must have run :data:`OBSERVE`."""
    thumb.focus()
    t0 = page.evaluate("performance.now()")
    page.keyboard.press(key)
    try:
        page.wait_for_function(SETTLED, arg=t0, timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - Playwright's timeout: no run seen
        return None
    return page.evaluate(ELAPSED, t0) / 1000
