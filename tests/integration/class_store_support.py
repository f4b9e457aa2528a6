"""Support for the class store tests: a redis-server of their own, and the work that
other processes do (module-level functions, so ``multiprocessing``'s spawn can import them).

    with RedisServer(tmp_path) as server:      # Debian's redis-server on a free port
        store = open_store({"NNPG_CLASS_STORE": server.url})
        server.kill(); server.start()          # SIGKILL, then the same dir and port again
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

from bench.harness import free_port, poll_until
from ui.classroom.backend import open_store
from ui.classroom.store import StoreError

#: why the Redis tests skip where redis-server is missing (under CI=true, a skip fails)
NO_REDIS = "redis-server is not installed (Debian: apt-get install redis-server)"


def redis_binary() -> str | None:
    found = shutil.which("redis-server")
    if found is None and os.access("/usr/bin/redis-server", os.X_OK):
        found = "/usr/bin/redis-server"
    return found


class RedisServer:
    """A redis-server in ``dir`` on a free loopback port, persisting every acknowledged
    write (``appendonly yes``, ``appendfsync always``), started and stopped by the test."""

    def __init__(self, dir: Path, port: int | None = None) -> None:
        self.dir = Path(dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 20) -> RedisServer:
        binary = redis_binary()
        assert binary, NO_REDIS
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
             "--appendonly", "yes", "--appendfsync", "always", "--save", "",
             "--daemonize", "no", "--logfile", str(self.dir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
        if not poll_until(lambda: self.ping() or self.proc.poll() is not None, timeout):
            raise RuntimeError(f"redis-server not answering after {timeout} s")
        if self.proc.poll() is not None:
            raise RuntimeError(f"redis-server exited: {self.log()[-2000:]}")
        return self

    def ping(self) -> bool:
        """Whether the server answers PING with PONG and has loaded its data."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def log(self) -> str:
        try:
            return (self.dir / "redis.log").read_text(errors="replace")
        except OSError:
            return ""

    def kill(self) -> None:
        """SIGKILL: no shutdown save, only what the append-only file already holds."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=20)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# ---------------------------------------------------------------- work in other processes


#: the barrier every worker of a pool waits at before its work (:func:`share_barrier`)
_BARRIER = None
#: seconds a worker waits at the barrier for the others (their imports included)
BARRIER_TIMEOUT = 240


def share_barrier(barrier: object) -> None:
    """A pool's initializer: the workers' barrier (``ctx.Barrier(n)``: a synchronisation
    object reaches spawned workers only at their start)."""
    global _BARRIER
    _BARRIER = barrier


def _start_together() -> None:
    """Wait until every worker of the pool is here, so that their work overlaps."""
    _BARRIER.wait(timeout=BARRIER_TIMEOUT)


def answer_many(settings: dict, code: str, members: list[str], question_id: int,
                rounds: int, now: float) -> int:
    """Each member answers ``rounds`` times (choice = round % 2, the last one is
    ``(rounds - 1) % 2``), all the pool's workers starting together so they overlap.
    Returns the answers acknowledged."""
    store = open_store(settings)
    _start_together()
    done = 0
    for r in range(rounds):
        for m in members:
            store.answer(code, m, question_id, r % 2, now=now)
            done += 1
    store.close()
    return done


def claim_all(settings: dict, now: float) -> list[int]:
    """Claim entries until none is left (all the pool's workers starting together);
    return their ids."""
    store = open_store(settings)
    _start_together()
    got = []
    while True:
        try:
            e = store.claim(now)
        except StoreError:
            raise
        if e is None:
            break
        got.append(e.id)
    store.close()
    return got
