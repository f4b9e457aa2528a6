"""Browser-test fixtures: a real ``streamlit run`` server and headless Debian Chromium.

They are thin wrappers of the public harness ``bench/harness.py`` (shared with the
benchmarks). Use them in any ``tests/e2e/test_*.py`` (the helpers are fixtures too,
so nothing needs importing from this file)::

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
* ``browser`` (session) and ``page`` (per test, a new tab 1400x1000 in a warm context).
* ``wait_ready(page)``: the script has finished running and nothing is loading;
  ``since = mark(page)`` before a click or key press, then ``wait_ready(page, since=since)``
  waits for the run it started.
* ``wait_drawn(page, selector)``: the charts (by default) drawn and no longer changing.
* ``wait_until(page, condition)``: poll a Python condition (False after the timeout).
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
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import harness
from bench.harness import CHROMIUM, CHROMIUM_ARGS, READY, server_command  # noqa: F401

ROOT = harness.ROOT
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

#: the log file of each server started by :func:`run_server`, by base URL
SERVER_LOGS: dict[str, Path] = {}


@contextlib.contextmanager
def run_server(log_dir: Path) -> Iterator[str]:
    """Start ``streamlit run streamlit_app.py`` on a free port; yield its base URL; stop it
    (fails the test with the log's end if it does not start)."""
    try:
        server = harness.start_server(log_dir, timeout=60)
    except RuntimeError as e:
        pytest.fail(str(e))
    SERVER_LOGS[server.url] = server.log
    try:
        yield server.url
    finally:
        harness.stop_server(server)


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
    """Headless Debian Chromium driven by Playwright (skips if either is missing): one
    for the whole session, each test in a tab of its own."""
    missing = harness.chromium_missing()
    if missing:
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = harness.launch_chromium(pw)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A new tab, 1400x1000, with the browser's language set to English (``?lang=`` decides
    otherwise); its script runs recorded for ``mark`` / ``wait_ready(page, since=...)``.
    A new Streamlit session with Streamlit's stored choices cleared, in a context whose
    cache stays warm between tests (:func:`bench.harness.tab`)."""
    p = harness.tab(browser)
    try:
        yield p
    finally:
        p.close()


def _shot(page: object, name: str) -> Path:
    """Save a full-page screenshot as ``artifacts/screenshots/<name>.png``; return the path.
    (Under pytest-xdist two workers never write the same name: each test names its own.)"""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _assert_no_exception(page: object) -> None:
    """Fail with the exception text if Streamlit shows an exception element."""
    errors = page.locator("[data-testid=stException]")
    if errors.count():
        pytest.fail("exception shown on the page:\n" + "\n---\n".join(errors.all_inner_texts()))


@pytest.fixture
def server_log():
    """``server_log(url) -> str``: what the server at ``url`` has written to its log so far."""
    return lambda url: SERVER_LOGS[url].read_text(errors="replace")


@pytest.fixture
def wait_ready():
    """``wait_ready(page, timeout=30_000, since=None)``: see :func:`bench.harness.wait_ready`."""
    return harness.wait_ready


@pytest.fixture
def mark():
    """``mark(page)``: see :func:`bench.harness.mark` (take it before a click or key)."""
    return harness.mark


@pytest.fixture
def wait_drawn():
    """``wait_drawn(page, selector=<Vega charts>, frames=3)``: see
    :func:`bench.harness.wait_drawn`."""
    return harness.wait_drawn


@pytest.fixture
def wait_until():
    """``wait_until(page, condition, timeout=30_000) -> bool``: see
    :func:`bench.harness.wait_until`."""
    return harness.wait_until


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
    """``slider_thumb(page, label)``: see :func:`bench.harness.slider_thumb`."""
    return harness.slider_thumb
