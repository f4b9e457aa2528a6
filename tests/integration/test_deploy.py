"""deploy/run.sh with real processes: two Streamlit replicas behind HAProxy. New clients
spread over the replicas by cookie (not by address: all of them come from 127.0.0.1), a
client stays on its replica, the websocket upgrade passes, and SIGTERM stops everything.
The browser half (sessions, pictures, state) is tests/e2e/test_e2e_deploy.py."""

from __future__ import annotations

import base64
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from bench.harness import poll_until
from deploy import harness

CLIENTS = 6


def client() -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    """A client of its own: one cookie jar, as one browser would have."""
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def replica_of(jar: http.cookiejar.CookieJar) -> str | None:
    return next((c.value for c in jar if c.name == harness.COOKIE), None)


def get(opener: urllib.request.OpenerDirector, url: str) -> tuple[int, bytes]:
    with opener.open(url, timeout=10) as r:
        return r.status, r.read()


def websocket_upgrade(url: str, cookie: str | None) -> str:
    """The status line HAProxy returns to a websocket handshake on /_stcore/stream."""
    host, port = url.removeprefix("http://").split(":")
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        "GET /_stcore/stream HTTP/1.1", f"Host: {host}:{port}", "Upgrade: websocket",
        "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13",
        f"Origin: {url}", "Sec-WebSocket-Protocol: streamlit",
    ]
    if cookie:
        lines.append(f"Cookie: {harness.COOKIE}={cookie}")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return s.recv(4096).split(b"\r\n", 1)[0].decode()


#: deploy/run.sh needs HAProxy: without it the tests that start it skip (the skip fails
#: the run under CI=true, tests/conftest.py)
needs_haproxy = pytest.mark.skipif(harness.haproxy() is None, reason=harness.NO_HAPROXY)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory):
    with harness.deployment(tmp_path_factory.mktemp("deploy"), replicas=2,
                            extra=("--runner.postScriptGC=false",)) as d:
        yield d


@needs_haproxy
def test_config_and_replicas(deployed):
    cfg = (deployed.run_dir / "haproxy.cfg").read_text()
    assert "balance roundrobin" in cfg
    assert f"cookie {harness.COOKIE} insert indirect nocache" in cfg
    assert "timeout tunnel 1h" in cfg
    assert not re.search(r"@[A-Z]+@", cfg)  # every template field filled in
    servers = re.findall(r"^\s*server (r\d+) 127\.0\.0\.1:(\d+) cookie (r\d+)$", cfg, re.M)
    assert [(s, c) for s, _, c in servers] == [("r1", "r1"), ("r2", "r2")]
    pids = deployed.pids()
    assert sorted(pids) == ["haproxy", "r1", "r2"]
    assert int((deployed.run_dir / "run.pid").read_text()) == deployed.proc.pid
    assert all(harness.alive(p) for p in pids.values())
    # every replica: run from the repository root, the extra option passed through, and the
    # shared cookie secret in its environment (not on its command line)
    secrets = set()
    for name in ("r1", "r2"):
        argv = Path(f"/proc/{pids[name]}/cmdline").read_bytes().split(b"\0")
        assert b"--runner.postScriptGC=false" in argv
        assert b"--server.address" in argv and b"cookieSecret" not in b" ".join(argv)
        assert Path(f"/proc/{pids[name]}/cwd").resolve() == harness.ROOT
        env = Path(f"/proc/{pids[name]}/environ").read_bytes().split(b"\0")
        secrets |= {e for e in env if e.startswith(b"STREAMLIT_SERVER_COOKIE_SECRET=")}
    assert len(secrets) == 1 and len(secrets.pop()) > 40


@needs_haproxy
def test_new_clients_spread_and_stay(deployed):
    """Six clients from one address: three per replica, each keeps its replica."""
    clients = [client() for _ in range(CLIENTS)]
    for opener, _ in clients:
        status, body = get(opener, deployed.url + "/")
        assert status == 200 and b"<html" in body.lower()
    replicas = [replica_of(jar) for _, jar in clients]
    assert Counter(replicas) == {"r1": CLIENTS // 2, "r2": CLIENTS // 2}, replicas
    # what the page loads next: health, host config, a static asset, all on the same replica
    html = get(clients[0][0], deployed.url + "/")[1].decode()
    asset = re.search(r'(?:src|href)="\.?/?(static/[^"]+)"', html)
    assert asset, html[:500]
    for (opener, jar), replica in zip(clients, replicas):
        for path in ("/_stcore/health", "/_stcore/host-config", "/" + asset[1], "/MLP?lang=en"):
            assert get(opener, deployed.url + path)[0] == 200, path
        assert replica_of(jar) == replica
    done = [r for r in deployed.requests() if r.cookie]
    assert done and all(r.server == r.cookie and r.flags[2] == "V" for r in done), done


@needs_haproxy
def test_websocket_upgrade_reaches_the_cookies_replica(deployed):
    for replica in ("r1", "r2", None):
        status = websocket_upgrade(deployed.url, replica)
        assert status.startswith("HTTP/1.1 101"), status
    def logged() -> list:
        return [r for r in deployed.requests() if r.path == "/_stcore/stream"]

    # HAProxy logs a tunnel when it closes
    assert poll_until(lambda: len(logged()) == 3, timeout=60), logged()
    streams = logged()
    assert sorted((r.cookie, r.server) for r in streams if r.cookie) == [("r1", "r1"),
                                                                        ("r2", "r2")]


@needs_haproxy
def test_unknown_path_and_bad_cookie(deployed):
    opener, jar = client()
    with pytest.raises(urllib.error.HTTPError) as e:
        get(opener, deployed.url + "/media/no-such-file.png")
    assert e.value.code == 404
    # a cookie naming no replica is replaced by a valid one
    jar2 = http.cookiejar.CookieJar()
    opener2 = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar2))
    request = urllib.request.Request(deployed.url + "/", headers={
        "Cookie": f"{harness.COOKIE}=r9"})
    assert opener2.open(request, timeout=10).status == 200
    assert replica_of(jar2) in {"r1", "r2"}


@needs_haproxy
def test_sigterm_stops_everything(deployed):
    pids = deployed.pids()
    started = time.monotonic()
    assert deployed.stop() == 0, deployed.output()
    assert time.monotonic() - started < 20
    assert not [name for name, pid in pids.items() if harness.alive(pid)]
    assert not (deployed.run_dir / "ready").exists()
    assert "stopping" in deployed.output()
    with pytest.raises(OSError):
        urllib.request.urlopen(deployed.url + "/_stcore/health", timeout=2)
    for name, log in deployed.replica_logs().items():
        assert "Traceback" not in log, f"{name}.log:\n{log[-3000:]}"


@needs_haproxy
def test_ctrl_c_stops_everything(tmp_path):
    """Ctrl-C in a terminal: SIGINT to the whole foreground process group."""
    d = harness.start(tmp_path, replicas=1)
    pids = d.pids()
    try:
        os.killpg(d.proc.pid, signal.SIGINT)
        assert d.proc.wait(timeout=20) == 0, d.output()
    finally:
        harness.kill(d)
    assert not [name for name, pid in pids.items() if harness.alive(pid)]
    assert "stopping" in d.output()


def test_missing_haproxy_says_how_to_install(tmp_path):
    env = dict(os.environ, HAPROXY=str(tmp_path / "no-haproxy"))
    done = subprocess.run([str(harness.RUN_SH), "--dir", str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode != 0
    assert "apt-get install haproxy" in done.stderr
    assert not (tmp_path / "pids").exists()
