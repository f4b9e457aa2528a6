"""Browser-test fixtures: a real ``streamlit run`` server and headless Debian Chromium.

Use them in any ``tests/e2e/test_*.py`` (the helpers are fixtures too, so nothing needs
importing from this file)::

    import pytest

    pytestmark = pytest.mark.e2e

    def test_mlp(page, streamlit_server, wait_ready, shot, assert_no_exception):
        page.goto(f"{streamlit_server}/MLP?lang=zh")
        wait_ready(page)
        ...
        shot(page, "mlp-start")          # artifacts/screenshots/mlp-start.png
        assert_no_exception(page)

* ``streamlit_server`` (session): base URL (``http://127.0.0.1:<port>``) of one server for
  the whole run, started from the repository root and stopped at the end.
* ``fresh_streamlit_server``: the same, but a new server for one test only.
* ``browser`` (session) and ``page`` (per test, a fresh context 1400x1000).
* ``wait_ready(page)``: the script has finished running and nothing is loading.
* ``server_log(url)``: the text the server at ``url`` logged so far (to scan for tracebacks).
* ``shot(page, name)``: a full-page PNG under ``artifacts/screenshots/`` (git-ignored).
* ``assert_no_exception(page)``: no ``stException`` element anywhere on the page.
* ``slider_thumb(page, label)``: the thumb of the slider with that label, to focus and move
  with the keyboard (``thumb.focus(); page.keyboard.press("ArrowRight")``).

Without ``/usr/bin/chromium`` or the ``playwright`` package the tests skip with the reason;
under ``CI=true`` tests/conftest.py turns that skip into a failure.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
READY = "[data-testid=stApp][data-test-script-state=notRunning]"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit did not become healthy within {timeout:.0f} s")


def server_command(port: int) -> list[str]:
    """The command line of a headless ``streamlit run streamlit_app.py`` on ``port``."""
    return [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        # Other work may edit files while tests run: no "file changed" prompts or reloads.
        "--server.fileWatcherType", "none",
    ]


#: the log file of each server started by :func:`run_server`, by base URL
SERVER_LOGS: dict[str, Path] = {}


@contextlib.contextmanager
def run_server(log_dir: Path) -> Iterator[str]:
    """Start ``streamlit run streamlit_app.py`` on a free port; yield its base URL; stop it."""
    port = _free_port()
    log = log_dir / f"streamlit-{port}.log"
    SERVER_LOGS[f"http://127.0.0.1:{port}"] = log
    cmd = server_command(port)
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, proc, timeout=60)
        except RuntimeError as e:
            proc.kill()
            proc.wait()
            pytest.fail(f"{e}; server log:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of one ``streamlit run`` server shared by the whole test session."""
    with run_server(tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture
def fresh_streamlit_server(tmp_path: Path) -> Iterator[str]:
    """A server of its own for one test, for what only a *first* request shows (a deep
    link on a fresh server runs the page script without the entry script)."""
    with run_server(tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (skips if either is missing)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not found (Debian package 'chromium')")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the 'playwright' Python package is not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A new page in a fresh browser context (no shared cookies or storage), 1400x1000,
    with the browser's language set to English (``?lang=`` decides otherwise)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    p = context.new_page()
    p.set_default_timeout(30_000)
    try:
        yield p
    finally:
        context.close()


def _wait_ready(page: object, timeout: float = 30_000) -> None:
    """Wait until the app script has finished its run and no spinner or skeleton shows.

    Streamlit sets ``data-test-script-state`` to ``running`` while the script runs; a
    short pause first lets a rerun that was just triggered (a key press) start.
    """
    page.wait_for_timeout(150)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector(
            '[data-testid=stSpinner], [data-testid=stSkeleton], [data-testid=stStatusWidget] '
            + '[data-testid=stStatusWidgetRunningIcon]')""",
        timeout=timeout,
    )
    page.wait_for_selector(READY, timeout=timeout)


def _shot(page: object, name: str) -> Path:
    """Save a full-page screenshot as ``artifacts/screenshots/<name>.png``; return the path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _assert_no_exception(page: object) -> None:
    """Fail with the exception text if Streamlit shows an exception element."""
    errors = page.locator("[data-testid=stException]")
    if errors.count():
        pytest.fail("exception shown on the page:\n" + "\n---\n".join(errors.all_inner_texts()))


def _slider_thumb(page: object, label: str) -> object:
    """The thumb of the ``st.slider`` labelled ``label``: its (visually hidden)
    ``input[type=range]``, which takes focus and arrow keys; ``.input_value()`` reads it."""
    widget = page.locator("[data-testid=stSlider]").filter(has_text=label)
    return widget.locator("input[type=range]").first


@pytest.fixture
def server_log():
    """``server_log(url) -> str``: what the server at ``url`` has written to its log so far."""
    return lambda url: SERVER_LOGS[url].read_text(errors="replace")


@pytest.fixture
def wait_ready():
    """``wait_ready(page, timeout=30_000)``: see :func:`_wait_ready`."""
    return _wait_ready


@pytest.fixture
def shot():
    """``shot(page, name) -> Path``: see :func:`_shot`."""
    return _shot


@pytest.fixture
def assert_no_exception():
    """``assert_no_exception(page)``: see :func:`_assert_no_exception`."""
    return _assert_no_exception


@pytest.fixture
def slider_thumb():
    """``slider_thumb(page, label)``: see :func:`_slider_thumb`."""
    return _slider_thumb
