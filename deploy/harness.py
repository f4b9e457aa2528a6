"""Start ``deploy/run.sh`` on a free public port in a run dir of one's own, and read what
it leaves there (pids, replica logs, the HAProxy request log). The deploy-specific part of
the test harness (the free port comes from ``bench/harness.py``). Used by the deploy tests::

    with harness.deployment(tmp_path, replicas=2) as d:
        urllib.request.urlopen(d.url + "/")
        ...
        d.stop()                      # SIGTERM, as Ctrl-C or systemd would; returns the code
    d.requests()                      # HAProxy's log: which replica served what, by cookie
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.harness import free_port, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
RUN_SH = ROOT / "deploy" / "run.sh"
COOKIE = "NNPG_REPLICA"

# HAProxy's `option httplog` line with a captured request cookie:
# client [date] frontend backend/server timers status bytes CC CS flags conns queues "request"
_LOG = re.compile(
    r'^(?P<client>\S+) \[[^\]]+\] \S+ (?P<backend>[^/\s]+)/(?P<server>\S+) \S+ '
    r'(?P<status>-?\d+) \S+ (?P<cookie>\S+) \S+ (?P<flags>\S+) \S+ \S+ '
    r'"(?P<method>\S+) (?P<path>\S+)[^"]*"$'
)


@dataclass(frozen=True)
class Request:
    """One request as HAProxy logged it (at its end; a websocket when it closes)."""

    server: str  # the replica that served it (r1, r2, ...) or <NOSRV>
    status: int
    cookie: str | None  # the replica named by the sticky cookie the client sent, if any
    flags: str  # HAProxy's termination state; 3rd/4th letters are the cookie status
    method: str
    path: str


#: why the replica tests skip where HAProxy is missing (under CI=true, a skip fails)
NO_HAPROXY = ("haproxy is not installed (deploy/run.sh needs it: sudo apt-get install "
              "haproxy, or HAPROXY=/path/to/haproxy)")


def haproxy() -> str | None:
    """The haproxy binary deploy/run.sh would use ($HAPROXY, else haproxy on the PATH, else
    /usr/sbin/haproxy), or None when there is none."""
    name = os.environ.get("HAPROXY", "haproxy")
    found = shutil.which(name)
    if found is None and name == "haproxy" and os.access("/usr/sbin/haproxy", os.X_OK):
        found = "/usr/sbin/haproxy"
    return found


@dataclass
class Deployment:
    url: str
    run_dir: Path
    proc: subprocess.Popen

    def pids(self) -> dict[str, int]:
        """``{"r1": pid, ..., "haproxy": pid}`` as run.sh wrote them."""
        lines = (self.run_dir / "pids").read_text().split("\n")
        return {name: int(pid) for name, pid in (ln.split() for ln in lines if ln.strip())}

    def replica_logs(self) -> dict[str, str]:
        return {p.stem: p.read_text(errors="replace") for p in sorted(self.run_dir.glob("r*.log"))}

    def requests(self) -> list[Request]:
        """Every request in HAProxy's log so far."""
        found = []
        log = self.run_dir / "haproxy.log"
        for line in log.read_text(errors="replace").splitlines():
            m = _LOG.match(line)
            if m:
                cookie = m["cookie"]
                found.append(Request(
                    server=m["server"], status=int(m["status"]),
                    cookie=cookie.split("=", 1)[1] if cookie.startswith(COOKIE + "=") else None,
                    flags=m["flags"], method=m["method"], path=m["path"],
                ))
        return found

    def output(self) -> str:
        return (self.run_dir / "run.out").read_text(errors="replace")

    def store(self) -> str:
        """The class store every replica uses: ``sqlite:<file>`` or the Redis URL."""
        return (self.run_dir / "store").read_text().strip()

    def wait_respawned(self, name: str, old_pid: int, timeout: float = 120) -> int:
        """After ``old_pid`` of replica ``name`` died under ``--respawn``: wait for its new
        process to answer ``/_stcore/health``; return the new pid."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(FileNotFoundError, ValueError, KeyError):
                pid = self.pids()[name]
                if pid != old_pid and alive(pid):
                    port = re.search(rf"server {name} 127\.0\.0\.1:(\d+)",
                                     (self.run_dir / "haproxy.cfg").read_text())[1]
                    wait_healthy(f"http://127.0.0.1:{port}", timeout=deadline - time.monotonic())
                    return pid
            time.sleep(0.1)  # the poll's interval
        raise RuntimeError(f"{name} was not started again within {timeout:.0f} s")

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM run.sh and wait for it; its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=timeout)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _default_sigint() -> None:
    """In the child, before run.sh starts: SIGINT back to its default. A test run started
    with ``&`` from a script (no job control) inherits SIGINT ignored, and bash cannot
    trap a signal ignored on entry, so run.sh would not see the Ctrl-C a test sends; a
    terminal's Ctrl-C never starts out ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(run_dir: Path, replicas: int = 2, app: str | None = None, extra: tuple = (),
          timeout: float = 120) -> Deployment:
    """Run ``deploy/run.sh`` in the background; return once it says it is ready."""
    run_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    cmd = [str(RUN_SH), "--replicas", str(replicas), "--port", str(port), "--dir", str(run_dir)]
    if app:
        cmd += ["--app", app]
    env = dict(os.environ, PYTHON=sys.executable)
    with open(run_dir / "run.out", "wb") as out:
        proc = subprocess.Popen([*cmd, *extra], stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=ROOT, start_new_session=True, preexec_fn=_default_sigint)
    d = Deployment(f"http://127.0.0.1:{port}", run_dir, proc)
    deadline = time.monotonic() + timeout
    while not (run_dir / "ready").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            kill(d)
            raise RuntimeError(f"deploy/run.sh did not get ready:\n{d.output()[-3000:]}")
        time.sleep(0.1)
    return d


def kill(d: Deployment) -> None:
    """Last resort: SIGKILL run.sh's process group and whatever it started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(d.proc.pid, signal.SIGKILL)
    d.proc.wait()
    with contextlib.suppress(FileNotFoundError):
        for pid in d.pids().values():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def deployment(run_dir: Path, **kw: object) -> Iterator[Deployment]:
    """:func:`start`; on leaving, stop it (SIGTERM, then SIGKILL if it hangs)."""
    d = start(run_dir, **kw)
    try:
        yield d
    finally:
        try:
            d.stop()
        except subprocess.TimeoutExpired:
            kill(d)
