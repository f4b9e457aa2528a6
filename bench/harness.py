"""The one harness of the tests and the benchmarks: servers, Chromium, waits, AppTest.

Used by ``tests/conftest.py``, ``tests/e2e/conftest.py``, every ``bench/bench_*.py`` and
(for the free port) ``deploy/harness.py``. Import it as
``from bench import harness`` (pytest puts the repository root on the path; the benches
run as modules from the root: ``python -m bench.bench_mlp_page``).

Servers::

    with harness.serve(log_dir) as server:        # streamlit run streamlit_app.py
        server.url                                 # http://127.0.0.1:<free port>

Chromium (Debian's ``/usr/bin/chromium`` driven by Playwright)::

    with sync_playwright() as pw:
        browser = harness.launch_chromium(pw)
        page = harness.new_page(browser)           # 1400x1000, en-US, runs recorded
        page = harness.tab(browser)                # the same in a warm shared context
        page.goto(server.url + "/MLP")
        harness.wait_ready(page)
        since = harness.mark(page)
        harness.slider_thumb(page, "Noise").press("ArrowRight")
        harness.wait_ready(page, since=since)      # the run that press started is done

Asyncio clients (the classroom benchmark's students) from a test: :func:`run_async`.

AppTest: :func:`fragment_run` sets a widget and reruns the one fragment that holds it, as
the browser does (:func:`fragment_of`, :func:`fragment_scoped` to time such runs).
Timing: :func:`baseline`, :func:`summary`, :func:`machine`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENTRY = "streamlit_app.py"
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
#: an app whose script is not running
READY = "[data-testid=stApp][data-test-script-state=notRunning]"
#: what shows while something is still loading
BUSY = ("[data-testid=stSpinner], [data-testid=stSkeleton], "
        "[data-testid=stStatusWidget] [data-testid=stStatusWidgetRunningIcon]")


# ------------------------------------------------------------------------ servers


def free_port() -> int:
    """A TCP port free on the loopback interface now (the OS picks it: two processes,
    pytest-xdist workers included, never get the same one while both hold it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def poll_until(condition: Callable[[], bool], timeout: float,
               interval: float = 0.05) -> bool:
    """Poll ``condition()`` (outside a browser: a log, a process, a socket) until it holds;
    False if ``timeout`` seconds pass first. ``interval`` is a poll's period, not a wait for
    something to finish."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)
    return True


def wait_healthy(url: str, proc: subprocess.Popen | None = None, timeout: float = 60,
                 path: str = "/_stcore/health") -> None:
    """Poll ``url + path`` until it answers 200; raise RuntimeError if ``proc`` exits or
    ``timeout`` seconds pass first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url + path, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)  # the poll's interval, not a wait for something to finish
    raise RuntimeError(f"{url} did not become healthy within {timeout:.0f} s")


def server_command(port: int, script: str = ENTRY, extra: tuple[str, ...] = ()) -> list[str]:
    """The command line of a headless ``streamlit run <script>`` on loopback ``port``."""
    return [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        # Other work may edit files while tests run: no "file changed" prompts or reloads.
        "--server.fileWatcherType", "none",
        *extra,
    ]


@dataclass
class Server:
    """A ``streamlit run`` process started by :func:`start_server`."""

    url: str
    proc: subprocess.Popen
    log: Path
    pids: list[int] = field(default_factory=list)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def start_server(log_dir: Path | None = None, script: str = ENTRY, cwd: Path = ROOT,
                 extra: tuple[str, ...] = (), timeout: float = 90) -> Server:
    """Start ``streamlit run <script>`` in ``cwd`` on a free port, its output in
    ``log_dir/streamlit-<port>.log`` (the temp dir by default); return once it is healthy.
    Raises RuntimeError (with the log's end) if it is not within ``timeout`` seconds."""
    port = free_port()
    log = Path(log_dir or tempfile.gettempdir()) / f"streamlit-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(server_command(port, script, extra), cwd=cwd, stdout=out,
                                stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", proc, log, [proc.pid])
    try:
        wait_healthy(server.url, proc, timeout)
    except RuntimeError as e:
        stop_server(server)
        raise RuntimeError(f"{e}; server log:\n{server.log_text()[-3000:]}") from None
    return server


def stop_server(server: Server, timeout: float = 10) -> None:
    """SIGTERM the server; SIGKILL it if it has not stopped within ``timeout`` seconds."""
    server.proc.terminate()
    try:
        server.proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@contextlib.contextmanager
def serve(log_dir: Path | None = None, **kw: object) -> Iterator[Server]:
    """:func:`start_server` (same arguments); stopped when the block ends."""
    server = start_server(log_dir, **kw)
    try:
        yield server
    finally:
        stop_server(server)


def servers(stack: contextlib.ExitStack, dirs: list[Path], tag: str) -> list[str]:
    """Start the app in each checkout of ``dirs`` (stopped when ``stack`` closes); their
    base URLs, once each answers its health check."""
    return [stack.enter_context(serve(None, cwd=d, timeout=60)).url for d in dirs]


def machine() -> str:
    """The time, the cores, the load and the busiest processes: printed with a figure."""
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    top = subprocess.run(["ps", "-eo", "pcpu,comm", "--sort=-pcpu"], capture_output=True,
                         text=True).stdout.splitlines()[1:6]
    busy = "; ".join(" ".join(line.split()) for line in top)
    now = datetime.datetime.now().isoformat(timespec="seconds")
    return f"{now}  cores={os.cpu_count()}  load(1/5/15 min)={load}\n  busiest: {busy}"


# ------------------------------------------------------------------------ Chromium


def chromium_missing() -> str | None:
    """Why the browser cannot start here (a skip reason), or None."""
    if not os.path.exists(CHROMIUM):
        return f"{CHROMIUM} not found (Debian package 'chromium')"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the 'playwright' Python package is not installed"
    return None


def launch_chromium(pw: object, **kw: object) -> object:
    """Debian's headless Chromium with the project's flags (``pw``: sync_playwright())."""
    return pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **kw)


def chromium(pw: object, stack: contextlib.ExitStack) -> object:
    """:func:`launch_chromium`, closed when ``stack`` closes."""
    b = launch_chromium(pw)
    stack.callback(b.close)
    return b


class Runs:
    """The script runs of one page, seen on its websocket: each ``rerun_script`` the
    browser sends (a widget change, a click, a fragment's timer) and each
    ``script_finished`` the server sends back, numbered in the order they came."""

    def __init__(self, page: object) -> None:
        self.lock = threading.Lock()
        self.events: list[tuple[str, int]] = []  # ("sent" | "finished", sequence number)
        page.on("websocket", self._socket)

    def _socket(self, ws: object) -> None:
        if ws.url.endswith("/_stcore/stream"):
            ws.on("framesent", self._sent)
            ws.on("framereceived", self._received)

    def _add(self, kind: str) -> None:
        with self.lock:
            self.events.append((kind, len(self.events)))

    def _sent(self, payload: bytes | str) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        if isinstance(payload, bytes):
            msg = BackMsg()
            with contextlib.suppress(Exception):
                msg.ParseFromString(payload)
                if msg.WhichOneof("type") == "rerun_script":
                    self._add("sent")

    def _received(self, payload: bytes | str) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, bytes):
            msg = ForwardMsg()
            with contextlib.suppress(Exception):
                msg.ParseFromString(payload)
                if (msg.WhichOneof("type") == "script_finished"
                        and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN):
                    self._add("finished")

    def mark(self) -> int:
        with self.lock:
            return len(self.events)

    def done_since(self, since: int) -> bool:
        """A rerun was requested at or after event ``since`` and a run finished after it."""
        with self.lock:
            later = self.events[since:]
        sent = next((i for kind, i in later if kind == "sent"), None)
        return sent is not None and any(k == "finished" and i > sent for k, i in later)


#: the run recorder of each page made by :func:`new_page` (or :func:`record_runs`)
_RUNS: dict[int, Runs] = {}


def record_runs(page: object) -> Runs:
    """Record the page's script runs (before its first ``goto``) for :func:`mark`."""
    _RUNS[id(page)] = runs = Runs(page)
    page.on("close", lambda _p: _RUNS.pop(id(page), None))
    return runs


def new_page(browser: object, width: int = 1400, height: int = 1000, locale: str = "en-US",
             timeout_ms: float = 30_000, **context: object) -> object:
    """A page in a fresh context (no shared cookies or storage), its runs recorded; the
    context closes with ``page.context.close()``."""
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale=locale,
                              **context)
    page = ctx.new_page()
    page.set_default_timeout(timeout_ms)
    record_runs(page)
    return page


#: the shared contexts of :func:`tab`, by browser and options
_CONTEXTS: dict[tuple, object] = {}
# Streamlit keeps a few choices in localStorage (whether the sidebar was collapsed, its
# width): a tab's first document of each origin empties it, as a fresh context would start,
# and the tab's later documents keep it, as one browser does (sessionStorage is per tab).
_FRESH_STORAGE = """try { if (window === window.top && !sessionStorage.getItem('harness.tab')) {
  localStorage.clear(); sessionStorage.setItem('harness.tab', '1'); } } catch (e) {}"""


def tab(browser: object, width: int = 1400, height: int = 1000, locale: str = "en-US",
        timeout_ms: float = 30_000, **context: object) -> object:
    """A new page (a tab) in a context shared with the other tabs of ``browser`` that have
    the same size, locale and options; its runs recorded. Close it with ``page.close()``.

    Each tab is a new Streamlit session, as a fresh context is, but the context's HTTP cache
    and compiled scripts stay warm: opening the app costs a tenth of a cold start's wall
    time (the frontend's bundle is neither fetched nor compiled again). The app keeps
    nothing of its own in cookies or web storage, and a tab starts with Streamlit's stored
    choices cleared, so what one tab did never reaches the next. Use
    :func:`new_page` for a cold start, or for a browser of one's own (a class's students)."""
    key = (id(browser), width, height, locale, tuple(sorted(context.items())))
    ctx = _CONTEXTS.get(key)
    if ctx is None:
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale=locale,
                                  **context)
        _CONTEXTS[key] = ctx
        ctx.on("close", lambda _c: _CONTEXTS.pop(key, None))
    page = ctx.new_page()
    page.add_init_script(_FRESH_STORAGE)
    page.set_default_timeout(timeout_ms)
    record_runs(page)
    return page


def mark(page: object) -> int:
    """A point in the page's runs to wait from: take it *before* the click or key press
    that starts a run, then ``wait_ready(page, since=mark)``."""
    return _RUNS[id(page)].mark()


def wait_ready(page: object, timeout: float = 30_000, since: int | None = None) -> None:
    """Wait until the app's script has finished its run and nothing shows as loading.

    With ``since`` (a :func:`mark`), first wait until the browser has asked for a run after
    that mark and the server has finished one after the request: the run a click or a key
    press starts (a slider sends its value a moment after the key, so the app can still
    look idle right after the press). Without it, whatever run is under way.
    """
    if since is not None:
        runs = _RUNS[id(page)]
        if not wait_until(page, lambda: runs.done_since(since), timeout):
            raise TimeoutError(f"no script run finished within {timeout:.0f} ms")
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(f"() => !document.querySelector({BUSY!r})", timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)


def wait_until(page: object, condition: Callable[[], bool], timeout: float = 30_000) -> bool:
    """Poll ``condition()`` (a Python test of what the page or its socket showed) until it
    holds; False if ``timeout`` ms pass first. Playwright delivers the page's events (its
    websocket frames, say) to Python while it waits on the page, hence the short waits
    between the polls: each is a poll's interval, not a wait for something to finish."""
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(20)
    return True


# (src, arg, frames, timeout): whether what function ``src`` returns for ``arg`` (as JSON)
# came out the same over ``frames`` animation frames in a row within ``timeout`` ms, the
# way Playwright's own "stable" check waits for an element to stop moving: Vega draws a
# chart's new data, and the layout takes a new size, within one frame, so what is still
# changing differs between two.
_STABLE = """([src, arg, frames, timeout]) => new Promise((resolve) => {
  const f = new Function('return (' + src + ')')();
  const snap = () => JSON.stringify(f(arg));
  const t0 = performance.now();
  let last = snap(), same = 0;
  const tick = () => {
    const now = snap();
    same = now === last ? same + 1 : 0;
    last = now;
    if (same >= frames) resolve(true);
    else if (performance.now() - t0 > timeout) resolve(false);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})"""
# (selector) -> the markup of what it matches, or null while nothing matches
_MARKUP = """(sel) => { const found = [...document.querySelectorAll(sel)];
  return found.length ? found.map((e) => e.innerHTML) : null; }"""


def wait_stable(page: object, src: str, arg: object = None, frames: int = 3,
                timeout: float = 30_000) -> None:
    """Wait until the JavaScript function ``src`` (``(arg) => value``) returns the same
    value over ``frames`` animation frames in a row: a layout or a drawing that has
    settled. Raises TimeoutError if it still changes after ``timeout`` ms."""
    if not page.evaluate(_STABLE, [src, arg, frames, timeout]):
        raise TimeoutError(f"still changing after {timeout:.0f} ms")


def wait_drawn(page: object, selector: str = "[data-testid=stVegaLiteChart]",
               frames: int = 3, timeout: float = 30_000) -> None:
    """Wait until what ``selector`` matches is drawn and stays unchanged over ``frames``
    animation frames: a chart that has finished drawing (the screenshots and the paths a
    test reads are then the final ones)."""
    page.wait_for_selector(selector, timeout=timeout)
    wait_stable(page, _MARKUP, selector, frames, timeout)


def press_until(page: object, thumb: object, value: float, key: str = "ArrowRight",
                limit: int = 50) -> float:
    """Press ``key`` on the focused slider ``thumb`` until it shows ``value`` or more, each
    press waited for (the run it started: :func:`mark`, :func:`wait_ready`); at most
    ``limit`` presses. Returns the value shown."""
    for _ in range(limit):
        shown = float(thumb.input_value() or 0)
        if shown >= value:
            return shown
        since = mark(page)
        page.keyboard.press(key)
        wait_ready(page, since=since)
    return float(thumb.input_value() or 0)


def slider_thumb(page: object, label: str) -> object:
    """The thumb of the ``st.slider`` labelled ``label``: its (visually hidden)
    ``input[type=range]``, which takes focus and arrow keys; ``.input_value()`` reads it."""
    widget = page.locator("[data-testid=stSlider]").filter(has_text=label)
    return widget.locator("input[type=range]").first


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


def press(page: object, thumb: object, key: str, timeout_ms: float = 30_000) -> float | None:
    """Press ``key`` on the focused slider ``thumb``; seconds until the app is idle again
    after the run it started, or None when no run came within ``timeout_ms`` (a press lost
    on a loaded machine). The page must have run :data:`OBSERVE`. (A benchmark's timer:
    tests wait with :func:`mark` and :func:`wait_ready`.)"""
    thumb.focus()
    t0 = page.evaluate("performance.now()")
    page.keyboard.press(key)
    try:
        page.wait_for_function(SETTLED, arg=t0, timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - Playwright's timeout: no run seen
        return None
    return page.evaluate(ELAPSED, t0) / 1000


def run_async(coro: Coroutine) -> object:
    """``asyncio.run(coro)`` in a thread of its own, and its result: in a test session the
    browser tests' Playwright (sync API) keeps an event loop running in the main thread
    from their first test to the end of the session, so ``asyncio.run`` there fails."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


# ------------------------------------------------------------------------ AppTest


def fragment_of(at: object, key: str) -> str | None:
    """The id of the fragment that holds widget ``key`` in AppTest ``at`` (None: none).

    AppTest has no public way to ask: it is read from the session state's widget metadata.
    """
    state = at._session_state._state
    wid = state._key_id_mapper.get_id_from_key(key)
    return state._new_widget_state.widget_metadata[wid].fragment_id


@contextlib.contextmanager
def fragment_scoped(fragment: str) -> Iterator[None]:
    """Within the block, every ``AppTest.run`` reruns only ``fragment``, as the browser asks
    after a change to a widget inside it (``AppTest.run`` always reruns the whole script):
    the rerun request AppTest builds is made fragment-scoped."""
    from streamlit.testing.v1 import local_script_runner as lsr

    real = lsr.RerunData
    lsr.RerunData = lambda **kw: real(
        **kw, fragment_id_queue=[fragment], is_fragment_scoped_rerun=True
    )
    try:
        yield
    finally:
        lsr.RerunData = real


def fragment_run(at: object, kind: str, key: str, value: object = None) -> object:
    """Set widget ``key`` of kind ``kind`` to ``value`` (a button: click it) and rerun only
    the fragment that holds it (:func:`fragment_scoped`). Returns the AppTest, whose element
    tree then holds only what that fragment run drew; fails on an exception."""
    fragment = fragment_of(at, key)
    assert fragment, f"{key} is not inside a fragment"
    widget = getattr(at, kind)(key=key)
    widget.click() if kind == "button" else widget.set_value(value)
    with fragment_scoped(fragment):
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def baseline(runs: int) -> list[float]:
    """Rerun times (s) of a one-line script: AppTest's own fixed overhead."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import streamlit as st\nst.write('x')\n", default_timeout=60)
    at.run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> str:
    """``median ... ms   p90 ... ms`` of times given in seconds."""
    if not times:
        return "no samples"
    ms = sorted(t * 1000 for t in times)
    p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
    return f"median {statistics.median(ms):6.1f} ms   p90 {p90:6.1f} ms"
