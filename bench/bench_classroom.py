"""Classroom load: K students, each in their own session, press Play on the MLP page together.

Usage::

    python -m bench.bench_classroom --students 1,3,6,12 --seconds 20
    python -m bench.bench_classroom --students 12 --server-arg=--runner.postScriptGC=false
    python -m bench.bench_classroom --url http://127.0.0.1:8501 --students 6   # a running server
    python -m bench.bench_classroom --calibrate      # the client against one real Chromium
    python -m bench.bench_classroom --isolation      # two students never share a session
    python -m bench.bench_classroom --students 12 --distinct   # each student its own seed
    python -m bench.bench_classroom --students 30 --mixed   # own seeds, a third other nets
    python -m bench.bench_classroom --students 30 --in-class --rounds 3
        # outside a class, then joined to one (its poll running): the ratio of redraws
    python -m bench.bench_classroom --url http://127.0.0.1:8501 --students 12 --hold
        # play until standard input ends (bench.bench_latency --load times presses meanwhile)

Each student is a :class:`st_client.Client` (bench/st_client.py): Streamlit's own websocket
protocol spoken from Python as the browser's frontend speaks it (widget values, message
cache, one timer per ``run_every`` fragment that re-requests it whether or not its last
run finished). A browser per student would not fit on this machine's 2 cores.

Without ``--url`` each K gets a fresh ``streamlit run streamlit_app.py`` (extra options with
``--server-arg``; its log is scanned for tracebacks). All K students open the page at
once, wait for it, then press Play within ``--spread`` seconds; after ``--warmup`` seconds
the figures are taken over ``--seconds``:

* per student: redraws/s (new boundary pictures received; a ``/media`` URL is also
  fetched over HTTP like the browser) and epochs/s (the page's "Epoch" metric), min and
  median; requests/s (rerun BackMsgs, mostly fragment timers);
* the p95 and longest gap between two pictures of one student (the gap at the end of the
  window included, so a starved student shows);
* server CPU (% of one core, /proc/<pid>/stat) and RSS (MiB, max), and this process's CPU;
  a window of more than two minutes (a soak: ``--students 20 --seconds 600``) also prints
  the RSS after each minute and the end's change since the first minute;
* picture frames lost: runs of the picture's fragment that brought no picture. When a
  run starts, Streamlit drops what the session's earlier runs of the same fragments
  queued and its event loop has not sent yet (``AppSession._clear_queue``);
* cut runs: ``script_finished`` FINISHED_EARLY_FOR_RERUN. A fragment timer request never
  stops a run in 1.67 (it waits for it); a fragment run reported EARLY only had its
  ``script_finished`` still unsent when the next run began (``_clear_queue`` relabels
  it), and may or may not have lost its picture: see frames lost. A Play/Pause click
  (a full rerun) does stop the run in progress. ``interrupted``: a new run began with no
  ``script_finished`` at all;
* errors (exception elements, websocket errors, cache misses) and server tracebacks.

Students on the same link train the same run (one seed drives everything), and the server
trains it once per process (``ui/run_share.py``); ``--distinct`` gives each student a seed
of their own, the case where every session trains for itself; ``--mixed`` (issue 28) a
class that experiments: every student on a seed of their own and a third of them on other
layers or another activation (:data:`MIXED`, in turn), so the server trains same-shape
networks together where it can and the rest alone.

``--in-class`` (issue 29): each K twice on fresh servers, back to back, ``--rounds`` times:
the students as above, then the same students joined to one class first (a class made in
the store, every student joining by the page's invitation, so each runs the class's poll
fragment beside the picture's), and the ratio of redraws/s in the class to outside it.
Without ``--url`` the server gets a SQLite store of its own in the temp dir.

Only loopback addresses are driven. The machine is shared: the load average is printed
beside the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import harness
from bench.bench_mlp_page import WATCH
from bench.harness import ROOT, machine
from bench.st_client import EARLY, Client, Event, MessageCache, require_loopback
from ui.i18n import STRINGS, tr


@dataclass(frozen=True)
class Page:
    path: str  # URL path of the page
    play: str  # widget key of the Play/Pause button
    image_alts: tuple[str, ...]  # how the alt text of the picture a redraw shows begins
    epoch_label: str  # label of the metric that counts epochs

    def shows(self, alt: str) -> bool:
        """Whether an image of alt text ``alt`` is the picture a redraw shows."""
        return alt.startswith(self.image_alts)


def _alt_start(key: str) -> str:
    """The fixed start of the English text ``key`` (before its first field), or ''."""
    return STRINGS.get(key, {}).get("en", "").split("{", 1)[0]


#: the MLP page's output picture: its alt text says what it shows after how many epochs
#: (ui/i18n/a11y.py), and was one fixed text before (mlp.alt.boundary)
BOUNDARY_ALTS = tuple(a for a in (_alt_start("a11y.boundary.class"),
                                  _alt_start("a11y.boundary.regression"),
                                  _alt_start("mlp.alt.boundary")) if a)
PAGES = {"MLP": Page("MLP", "mlp_play_btn", BOUNDARY_ALTS, tr("mlp.epoch", "en"))}
#: the first image whose alt text begins with the text given (bench_mlp_page.WATCH)
FIND_START = """(alt) => document.querySelector('[data-testid=stImage] img[alt^="' + alt + '"]')"""
QUERY = "lang=en"
#: what every third student of ``--mixed`` changes, in turn (the others keep the default
#: network, 4-2 tanh): other layers or another activation
MIXED = ("layers=6,3", "act=relu", "layers=8", "act=sigmoid", "layers=4,4,2")
TICK = os.sysconf("SC_CLK_TCK")
#: widget key of the invitation's "Join" (ui/classroom/poll.py)
CLASS_JOIN = "class_invite_join"


# ---------------------------------------------------------------- server


@dataclass
class Server:
    url: str
    pids: list[int]
    logs: list[Path] = field(default_factory=list)

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.logs)


@contextlib.contextmanager
def start_server(log_dir: Path, extra: list[str] = (), app_dir: Path = ROOT) -> Iterator[Server]:
    """``streamlit run streamlit_app.py`` in ``app_dir`` on a free loopback port (the e2e
    tests' flags plus ``extra``); yields it, then stops it."""
    with harness.serve(log_dir, cwd=app_dir, extra=tuple(extra), timeout=90) as server:
        yield Server(server.url, [server.proc.pid], [server.log])


def listener_pids(port: int) -> list[int]:
    """Processes of this user listening on ``port`` (for ``--url`` without ``--server-pid``)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as f:
            for line in f.readlines()[1:]:
                cols = line.split()
                if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{cols[9]}]")
    pids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") in inodes
                   for fd in os.listdir(f"/proc/{pid}/fd")):
                pids.append(int(pid))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of ``pids`` so far (all their threads)."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def thread_cpu_seconds(pids: list[int], name: str = "class-trainer") -> float:
    """User + system CPU seconds so far of the threads of ``pids`` named ``name`` in the
    operating system (the MLP page's training thread names itself so, ui.class_train)."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            for tid in os.listdir(f"/proc/{pid}/task"):
                with contextlib.suppress(OSError):
                    with open(f"/proc/{pid}/task/{tid}/comm") as f:
                        if f.read().strip() != name:
                            continue
                    with open(f"/proc/{pid}/task/{tid}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                        total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def rss_mib(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/status") as f:
            m = re.search(r"VmRSS:\s+(\d+) kB", f.read())
            total += int(m.group(1)) / 1024 if m else 0.0
    return total


def tracebacks(log: str) -> list[str]:
    """The tracebacks (and ERROR lines) in a server log, one summary line each."""
    found = []
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("Traceback (most recent call last)"):
            tail = next((x for x in lines[i + 1:] if x and not x.startswith((" ", "\t"))), "")
            found.append(f"traceback: {tail[:200]}")
        elif re.search(r"\b(ERROR|CRITICAL)\b", line):
            found.append(line.strip()[:200])
    return found


# ---------------------------------------------------------------- students


@dataclass
class Student:
    """One simulated student: a client and what it saw of the page."""

    page: Page
    images: list[float] = field(default_factory=list)  # arrival of each new picture
    arrivals: list[float] = field(default_factory=list)  # of every picture, new or not
    epochs: list[tuple[float, int]] = field(default_factory=list)
    last_image: int | None = None
    image_fragment: str = ""  # the fragment that draws the picture
    client: Client | None = None

    def on_element(self, client: Client, ev: Event) -> None:
        if ev.kind == "imgs":
            for img in ev.element.imgs:
                if self.page.shows(img.alt):
                    self.arrivals.append(ev.t)
                    self.image_fragment = ev.fragment_id or self.image_fragment
                    h = hash(img.url)
                    if h != self.last_image:
                        self.last_image = h
                        self.images.append(ev.t)
        elif ev.kind == "metric" and ev.element.label == self.page.epoch_label:
            self.epochs.append((ev.t, int(ev.element.body.replace(",", ""))))

    def epoch_at(self, t: float) -> int:
        return next((e for s, e in reversed(self.epochs) if s <= t), 0)

    def frames(self, t0: float, t1: float) -> tuple[int, int]:
        """(runs of the picture's fragment that ended in [t0, t1), of them how many brought
        no picture: the server dropped it unsent when the next run started)."""
        runs = [(a, b) for a, b, frags, _ in self.client.run_times
                if t0 <= b < t1 and self.image_fragment in frags]
        lost = sum(not any(a <= t <= b for t in self.arrivals) for a, b in runs)
        return len(runs), lost


def snapshot(c: Client) -> tuple[int, int, Counter, int]:
    return c.stats.reruns, c.stats.auto_reruns, Counter(c.stats.finished), c.stats.interrupted


def picture_gaps(times: list[float], t0: float, t1: float) -> list[float]:
    """Gaps between the pictures of one student that end in [t0, t1) (the first from the
    last picture before t0); the time since the last picture at t1 counts too when it is
    longer than every gap (a student starved at the end); no picture at all: the window."""
    before = [t for t in times if t < t0]
    seq = before[-1:] + [t for t in times if t0 <= t < t1]
    if not [t for t in seq if t >= t0]:
        return [t1 - (seq[-1] if seq else t0)]
    gaps = [y - x for x, y in zip(seq, seq[1:])]
    tail = t1 - seq[-1]
    return gaps + [tail] if not gaps or tail > max(gaps) else gaps


def pctl(values: list[float], q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))] if v else float("nan")


def student_query(i: int, distinct: bool = False, mixed: bool = False) -> str:
    """The link student ``i`` (from 0) opens: the page's defaults; ``distinct``: seed
    i + 1; ``mixed``: that seed and, for every third student, the next change of
    :data:`MIXED`."""
    query = f"{QUERY}&seed={i + 1}" if distinct or mixed else QUERY
    if mixed and i % 3 == 2:
        query += "&" + MIXED[(i // 3) % len(MIXED)]
    return query


async def open_students(url: str, k: int, page: Page, name: str = "s",
                        distinct: bool = False, mixed: bool = False,
                        class_code: str | None = None) -> list[Student]:
    """K students open the page at the same moment; returns once every first run is done.
    ``distinct``: each opens its own seed (``seed=1..K``), so no two train the same run;
    ``mixed``: and a third of them other layers or another activation
    (:func:`student_query`); ``class_code``: and each joins that class (the invitation's
    one click) before returning."""
    students = [Student(page) for _ in range(k)]
    for i, s in enumerate(students):
        query = student_query(i, distinct, mixed)
        if class_code:
            query += f"&class={class_code}"
        s.client = Client(url, page.path, query, name=f"{name}{i}", on_element=s.on_element)

    async def load(s: Student) -> None:
        await s.client.open(timeout=60 + 10 * k)
        await s.client.wait_full_run(120 + 15 * k)
        if class_code:
            await s.client.click(CLASS_JOIN)
            await s.client.wait_full_run(120 + 15 * k)
            if not s.client.timers:  # the class's poll fragment starts a timer
                raise RuntimeError(f"{s.client.name} did not join class {class_code}")

    await asyncio.gather(*(load(s) for s in students))
    return students


async def press_play(students: list[Student], spread: float, seed: int) -> None:
    """Each student presses Play at a random moment within ``spread`` seconds."""
    rng = random.Random(seed)

    async def play(s: Student) -> None:
        await asyncio.sleep(rng.uniform(0, spread))
        await s.client.click(s.page.play)

    await asyncio.gather(*(play(s) for s in students))


async def close_students(students: list[Student], pause: bool) -> None:
    """Each student presses Pause (``pause``) or lets the page go quiet, then closes it.
    Closing while the server still sends makes Streamlit 1.67 on Starlette 1.10 log a
    traceback (a disconnect seen as a text frame); a Pause while fragments run under load
    can log StreamlitInvalidLayoutContextError from the stopped runner."""
    async def stop(s: Student) -> None:
        if pause and s.page.play in s.client.buttons:
            await s.client.click(s.page.play)
            with contextlib.suppress(asyncio.TimeoutError):
                await s.client.wait_full_run(30)
        else:  # no more timer requests; close once the server has nothing left to send
            await s.client.settle()
        await s.client.close()

    await asyncio.gather(*(stop(s) for s in students))


async def classroom(url: str, k: int, seconds: float, warmup: float = 3.0,
                    pids: list[int] = (), page: Page = PAGES["MLP"], spread: float = 0.5,
                    seed: int = 0, pause_at_end: bool = True, distinct: bool = False,
                    mixed: bool = False, class_code: str | None = None) -> dict:
    """Run K students; return the figures (see the module doc). At the end every student
    presses Pause (``pause_at_end``), or lets the page go quiet and closes it.
    ``distinct``: every student on a seed of their own (no shared run, see below);
    ``mixed``: and a third on other networks (:func:`student_query`); ``class_code``:
    every student joined to that class first."""
    require_loopback(url)
    students = await open_students(url, k, page, distinct=distinct, mixed=mixed,
                                   class_code=class_code)
    await press_play(students, spread, seed)
    await asyncio.sleep(warmup)
    t0, cpu0, own0 = time.monotonic(), cpu_seconds(pids), _own_cpu()
    train0 = thread_cpu_seconds(pids)
    snaps0 = [snapshot(s.client) for s in students]
    rss = [rss_mib(pids)]
    while time.monotonic() < t0 + seconds:
        await asyncio.sleep(min(1.0, t0 + seconds - time.monotonic()))
        rss.append(rss_mib(pids))
    t1, cpu1, own1 = time.monotonic(), cpu_seconds(pids), _own_cpu()
    train1 = thread_cpu_seconds(pids)
    snaps1 = [snapshot(s.client) for s in students]
    load = os.getloadavg()
    await close_students(students, pause=pause_at_end)

    span = t1 - t0
    per, gaps, cut, cut_fragment, interrupted, errors = [], [], 0, 0, 0, []
    frames = lost = 0
    for s, a, b in zip(students, snaps0, snaps1, strict=True):
        shown = [t for t in s.images if t0 <= t < t1]
        gaps += picture_gaps(s.images, t0, t1)
        early = b[2][STATUS_EARLY] - a[2][STATUS_EARLY]
        cut += early
        cut_fragment += early - _early_full(s.client, t0, t1)
        interrupted += b[3] - a[3]
        n, m = s.frames(t0, t1)
        frames, lost = frames + n, lost + m
        errors += [f"{s.client.name}: {e}" for e in s.client.stats.errors]
        per.append({"redraws_s": len(shown) / span,
                    "epochs_s": (s.epoch_at(t1) - s.epoch_at(t0)) / span,
                    "requests_s": (b[0] - a[0]) / span, "timer_requests_s": (b[1] - a[1]) / span,
                    "images_total": len(s.images), "query": s.client.query})
    return {
        "k": k, "seconds": span, "load": load, "students": per, "in_class": bool(class_code),
        "redraws_min": min(p["redraws_s"] for p in per),
        "redraws_median": statistics.median(p["redraws_s"] for p in per),
        "epochs_min": min(p["epochs_s"] for p in per),
        "epochs_median": statistics.median(p["epochs_s"] for p in per),
        "requests_median": statistics.median(p["requests_s"] for p in per),
        "gap_p95": pctl(gaps, 0.95), "gap_max": max(gaps),
        "server_cpu": 100 * (cpu1 - cpu0) / span if pids else None,
        "train_cpu": 100 * (train1 - train0) / span if pids else None,
        "server_rss": max(rss) if pids else None,
        "rss_by_minute": rss[60::60] + rss[-1:] if pids and len(rss) > 120 else [],
        "bench_cpu": 100 * (own1 - own0) / span,
        "cut": cut, "cut_fragment": cut_fragment, "interrupted": interrupted,
        "frames": frames, "frames_lost": lost,
        "errors": errors, "starved": sum(p["images_total"] == 0 for p in per),
        "starved_window": sum(p["redraws_s"] == 0 for p in per),
    }


async def hold(url: str, k: int, page: Page = PAGES["MLP"], spread: float = 0.5,
               seed: int = 0, distinct: bool = False, mixed: bool = False) -> dict:
    """``--hold``: K students play until this process's standard input ends, so another
    benchmark can measure the server under a class's load (``bench_latency.py --load``).

    Prints ``playing`` once every student has pressed Play; returns each student's redraws
    per second from then until the input ended, and the client errors.
    """
    require_loopback(url)
    students = await open_students(url, k, page, distinct=distinct, mixed=mixed)
    await press_play(students, spread, seed)
    print("playing", flush=True)
    t0 = time.monotonic()
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    t1 = time.monotonic()
    redraws = [sum(t0 <= t < t1 for t in s.images) / (t1 - t0) for s in students]
    errors = [f"{s.client.name}: {e}" for s in students for e in s.client.stats.errors]
    await close_students(students, pause=True)
    return {"k": k, "seconds": t1 - t0, "redraws_median": statistics.median(redraws),
            "redraws_min": min(redraws), "errors": errors}


STATUS_EARLY = ForwardMsg.ScriptFinishedStatus.Name(EARLY)


def _early_full(c: Client, t0: float, t1: float) -> int:
    """Full runs (Play/Pause clicks) cut in [t0, t1): cut by a newer click, as intended."""
    return sum(1 for s, e, frags, status in c.run_times
               if t0 <= e < t1 and not frags and status == STATUS_EARLY)


def _own_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def report(r: dict, tb: list[str] | None) -> str:
    """The figures of one K run as printed lines; the last is a one-line summary."""
    cpu = f"{r['server_cpu']:.0f}%" if r["server_cpu"] is not None else "n/a"
    rss = f"{r['server_rss']:.0f} MiB" if r["server_rss"] is not None else "n/a"
    load = "/".join(f"{v:.2f}" for v in r["load"])
    lines = [
        f"K={r['k']}: {r['seconds']:.1f} s measured, load average {load}",
        f"  redraws/s per student: min {r['redraws_min']:.2f}, median {r['redraws_median']:.2f}"
        f"   epochs/s: min {r['epochs_min']:.0f}, median {r['epochs_median']:.0f}"
        f"   requests/s: median {r['requests_median']:.1f}",
        f"  gap between pictures: p95 {1e3 * r['gap_p95']:.0f} ms, longest"
        f" {1e3 * r['gap_max']:.0f} ms   students with no picture in the window:"
        f" {r['starved_window']} (none at all: {r['starved']})",
        f"  server CPU {cpu} of a core, RSS {rss}; this client process {r['bench_cpu']:.0f}%"
        + (f"; the server's training thread {r['train_cpu']:.0f}% of a core"
           if r.get("train_cpu") else ""),
        *(["  soak: RSS after each minute "
           + ", ".join(f"{v:.0f}" for v in r["rss_by_minute"][:-1])
           + f" MiB, at the end {r['rss_by_minute'][-1]:.0f} MiB: "
           + f"{100 * (r['rss_by_minute'][-1] / r['rss_by_minute'][0] - 1):+.1f}% since the"
           + " first minute"] if r["rss_by_minute"] else []),
        "  slowest students (epochs/s, redraws/s, link): " + "; ".join(
            f"{p['epochs_s']:.0f}, {p['redraws_s']:.2f}, {_network(p.get('query', ''))}"
            for p in sorted(r["students"], key=lambda p: p["epochs_s"])[:3]),
        f"  picture frames run: {r['frames']}, of them lost (no picture sent): {r['frames_lost']}",
        f"  cut runs (FINISHED_EARLY_FOR_RERUN): {r['cut']}, {r['cut_fragment']} of them"
        f" fragment runs (not stopped: their end was still unsent when the next run began);"
        f" interrupted without finish: {r['interrupted']}",
        f"  errors: {len(r['errors'])}" + "".join(f"\n    {e}" for e in r["errors"][:10]),
        "  server tracebacks: " + ("n/a (no log)" if tb is None else str(len(tb)))
        + "".join(f"\n    {x}" for x in (tb or [])[:10]),
    ]
    return "\n".join(lines)


def summary(r: dict, tb: list[str] | None) -> str:
    cpu = f"{r['server_cpu']:.0f}%" if r["server_cpu"] is not None else "n/a"
    return (f"K={r['k']}: redraws/s min {r['redraws_min']:.2f} med {r['redraws_median']:.2f},"
            f" epochs/s min {r['epochs_min']:.0f} med {r['epochs_median']:.0f},"
            f" gap p95 {1e3 * r['gap_p95']:.0f} ms, cpu {cpu}"
            + (f" (training thread {r['train_cpu']:.0f}%)" if r.get("train_cpu") else "")
            + f", cut {r['cut']},"
            f" lost {r['frames_lost']}/{r['frames']},"
            f" errors {len(r['errors'])}, tracebacks {'n/a' if tb is None else len(tb)},"
            f" load {r['load'][0]:.2f}")


def new_class() -> str:
    """A class made in the store the settings name (the server's, as it inherits them):
    its join code (the teacher is not needed to be joined)."""
    from ui.classroom.backend import open_store

    store = open_store(os.environ)
    try:
        code, _key = store.create_class(time.time())
    finally:
        store.close()
    return code


def class_ratio(outside: dict, inside: dict) -> str:
    """The redraws/s in a class over those outside it, median and min, with both loads."""
    def ratio(name: str) -> str:
        return f"{100 * inside[name] / outside[name]:.0f}%" if outside[name] else "n/a"
    return (f"redraws/s median {ratio('redraws_median')} ({inside['redraws_median']:.2f}"
            f" / {outside['redraws_median']:.2f}), min {ratio('redraws_min')}"
            f" ({inside['redraws_min']:.2f} / {outside['redraws_min']:.2f}); load"
            f" {outside['load'][0]:.2f} then {inside['load'][0]:.2f}")


# ---------------------------------------------------------------- isolation


async def isolation(url: str, page: Page = PAGES["MLP"], play_seconds: float = 3.0,
                    lr: str = "0.3", dataset: str = "XOR") -> list[tuple[str, bool, str]]:
    """Student A changes the learning rate and the dataset and plays; student B stays at
    the defaults. C, on the defaults too, plays from the start; D, on the same link as C,
    presses Play at the end. Returns (check, passed, detail) for: B's settings, widgets
    and epoch counter are its own; A's changes took; A keeps training whatever B does; D
    starts from its own epoch 0 although C trains the same run on the same server (the
    shared run never hands D C's progress)."""
    require_loopback(url)
    a, b, c, d = await open_students(url, 4, page, name="iso")
    ca, cb, cc, cd = a.client, b.client, c.client, d.client
    defaults = (cb.query, cb.widget("mlp_lr"), cb.widget("mlp_dataset"))
    await ca.set_widget("mlp_lr", "string_array_value", [lr])
    await ca.wait_full_run(60)
    await ca.set_widget("mlp_dataset", "string_array_value", [dataset])
    await ca.wait_full_run(60)
    await ca.click(page.play)
    await cc.click(page.play)
    deadline = time.monotonic() + 60
    while a.epoch_at(time.monotonic()) < 50 and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    await asyncio.sleep(play_seconds)
    b_epochs_idle = [e for _, e in b.epochs]
    await cb.click("mlp_step_btn")
    await cb.wait_full_run(60)
    b_after_step = b.epoch_at(time.monotonic())
    a_before = a.epoch_at(time.monotonic())
    t_b_play = time.monotonic()
    await cb.click(page.play)
    await asyncio.sleep(play_seconds)
    b_first = next((e for t, e in b.epochs if t > t_b_play and e > b_after_step), None)
    # C well under way before D plays (on a busy machine C may still be early on)
    deadline = time.monotonic() + 60
    while c.epoch_at(time.monotonic()) <= 50 and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    c_before = c.epoch_at(time.monotonic())
    t_d_play = time.monotonic()
    await cd.click(page.play)
    await asyncio.sleep(play_seconds)

    def d_first_epoch() -> int | None:
        return next((e for t, e in d.epochs if t > t_d_play and e > 0), None)

    deadline = time.monotonic() + 60  # a busy machine: D's first frames come later
    while d_first_epoch() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    d_first = d_first_epoch()
    a_seq = [e for _, e in a.epochs]
    await close_students([a, b, c, d], pause=False)

    qa, qb = dict(_params(ca.query)), dict(_params(cb.query))
    checks = [
        ("A's settings took", qa.get("lr") == lr and qa.get("dataset") == dataset.lower(),
         f"A's URL lr={qa.get('lr')} dataset={qa.get('dataset')}"),
        ("B's URL keeps the defaults", (qb.get("lr"), qb.get("dataset")) == ("0.03", "circle")
         and _params(defaults[0]) == _params(cb.query),
         f"B's URL lr={qb.get('lr')} dataset={qb.get('dataset')}"),
        ("B's widgets keep the defaults",
         (cb.widget("mlp_lr"), cb.widget("mlp_dataset")) == defaults[1:],
         f"B's lr {cb.widget('mlp_lr')} dataset {cb.widget('mlp_dataset')}"),
        ("B's epoch stays 0 while only A trains", set(b_epochs_idle) <= {0},
         f"B saw epochs {sorted(set(b_epochs_idle))[:5]} while A reached {a_before}"),
        ("B's Step trains B's own network: epoch 1", b_after_step == 1,
         f"B's epoch after Step {b_after_step} (A at {a_before})"),
        ("B's play starts from B's epoch", b_first is not None and b_first < a_before,
         f"B's first epoch after Play {b_first}, A was at {a_before}"),
        ("A kept training, never reset", len(a_seq) > 3 and a_seq == sorted(a_seq)
         and a_seq[-1] > a_before, f"A's epochs {a_seq[:3]}..{a_seq[-3:]}"),
        ("D on C's link starts from its own epoch", d_first is not None
         and c_before > 50 and d_first < c_before,
         f"D's first epoch after Play {d_first}, C was at {c_before}"),
        ("no errors", not any(x.stats.errors for x in (ca, cb, cc, cd)),
         "; ".join(e for x in (ca, cb, cc, cd) for e in x.stats.errors)[:300]),
    ]
    return checks


def _network(query: str) -> str:
    """What tells students' networks apart in a link: its seed, layers and activation."""
    return "&".join(f"{k}={v}" for k, v in _params(query) if k in ("seed", "layers", "act"))


def _params(query: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    return parse_qsl(query, keep_blank_values=True)


# ---------------------------------------------------------------- calibration


def browser_session(url: str, seconds: float, warmup: float, pids: list[int] = (),
                    page: Page = PAGES["MLP"]) -> dict:
    """One real Chromium on the page, counted the way the client counts (websocket frames)
    plus the pictures the page actually showed (DOM)."""
    from playwright.sync_api import sync_playwright

    cache, sent, images, epochs = MessageCache(), [], [], []
    last = [None]

    def on_sent(payload: bytes | str) -> None:
        m = BackMsg.FromString(payload if isinstance(payload, bytes) else payload.encode())
        if m.WhichOneof("type") == "rerun_script":
            sent.append((time.monotonic(), m.rerun_script.is_auto_rerun))

    def on_received(payload: bytes | str) -> None:
        raw = payload if isinstance(payload, bytes) else payload.encode("latin-1")
        msg = cache.process(ForwardMsg.FromString(raw), raw)
        if msg is None or msg.WhichOneof("type") != "delta":
            return
        el = msg.delta.new_element
        kind = el.WhichOneof("type")
        if kind == "imgs":
            for img in el.imgs.imgs:
                if page.shows(img.alt) and hash(img.url) != last[0]:
                    last[0] = hash(img.url)
                    images.append(time.monotonic())
        elif kind == "metric" and el.metric.label == page.epoch_label:
            epochs.append((time.monotonic(), int(el.metric.body.replace(",", ""))))

    with sync_playwright() as pw:
        b = harness.launch_chromium(pw)
        try:
            context = b.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
            # Only loopback traffic: the page's icon font from the web is refused.
            context.route(re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/]).*"),
                          lambda route: route.abort())
            p = context.new_page()
            cdp = context.new_cdp_session(p)
            cdp.send("Performance.enable")

            def busy() -> float:  # seconds the page's main thread has spent on tasks
                metrics = cdp.send("Performance.getMetrics")["metrics"]
                return next(m["value"] for m in metrics if m["name"] == "TaskDuration")

            p.on("websocket", lambda ws: (ws.on("framesent", on_sent),
                                          ws.on("framereceived", on_received)))
            p.goto(f"{url}/{page.path}?{QUERY}")
            harness.wait_ready(p, timeout=120_000)
            p.evaluate(WATCH, [FIND_START, page.image_alts[0]])
            p.get_by_role("button", name="Play").click()
            p.wait_for_timeout(int(warmup * 1000))
            t0, n0 = time.monotonic(), p.evaluate("() => window.__seen.length")
            cpu0, busy0 = cpu_seconds(pids), busy()
            p.wait_for_timeout(int(seconds * 1000))
            t1, n1 = time.monotonic(), p.evaluate("() => window.__seen.length")
            cpu1, busy1 = cpu_seconds(pids), busy()
            p.get_by_role("button", name="Pause").click()
            harness.wait_ready(p)
        finally:
            b.close()
    span = t1 - t0
    shown = [t for t in images if t0 <= t < t1]

    def at(t: float) -> int:
        return next((e for s, e in reversed(epochs) if s <= t), 0)

    gaps = picture_gaps(images, t0, t1)
    return {"requests_s": sum(t0 <= t < t1 for t, _ in sent) / span,
            "timer_requests_s": sum(t0 <= t < t1 and auto for t, auto in sent) / span,
            "redraws_s": len(shown) / span, "dom_redraws_s": (n1 - n0) / span,
            "epochs_s": (at(t1) - at(t0)) / span, "gap_p95": pctl(gaps, 0.95),
            "server_cpu": 100 * (cpu1 - cpu0) / span if pids else None,
            "main_busy": (busy1 - busy0) / span}


def calibrate(url: str, pids: list[int], seconds: float, warmup: float, rounds: int) -> bool:
    """Chromium and the client, one after the other on the same server, ``rounds`` times;
    prints both and whether requests/s and pictures/s agree within 20%. A browser's timers
    fire late while its main thread is busy (decoding pictures, drawing charts): on a
    loaded machine Chromium sends fewer requests than its ``run_every`` asks for, which
    the busy figure shows; the client sends them on time, like an idle laptop."""
    rows = []
    for i in range(rounds):
        br = browser_session(url, seconds, warmup, pids)
        cl = asyncio.run(classroom(url, 1, seconds, warmup, pids))
        st = cl["students"][0]
        cl_row = {"requests_s": st["requests_s"], "timer_requests_s": st["timer_requests_s"],
                  "redraws_s": st["redraws_s"], "dom_redraws_s": float("nan"),
                  "epochs_s": st["epochs_s"], "gap_p95": cl["gap_p95"],
                  "server_cpu": cl["server_cpu"], "main_busy": float("nan")}
        rows.append((br, cl_row, cl["errors"]))
        print(f"round {i + 1}, load average {os.getloadavg()[0]:.2f}")
        for name, r in (("chromium", br), ("client  ", cl_row)):
            cpu = "n/a" if r["server_cpu"] is None else f"{r['server_cpu']:.0f}%"
            print(f"  {name}: requests/s {r['requests_s']:.2f} (timers"
                  f" {r['timer_requests_s']:.2f}), pictures/s received {r['redraws_s']:.2f}"
                  + (f" (shown {r['dom_redraws_s']:.2f})" if name == "chromium" else "")
                  + f", epochs/s {r['epochs_s']:.0f},"
                  f" gap p95 {1e3 * r['gap_p95']:.0f} ms, server CPU {cpu}"
                  + (f", browser main thread busy {100 * r['main_busy']:.0f}%"
                     if name == "chromium" else ""))
    ok = True
    for key in ("requests_s", "redraws_s"):
        b = statistics.mean(r[0][key] for r in rows)
        c = statistics.mean(r[1][key] for r in rows)
        ratio = c / b if b else float("inf")
        good = abs(ratio - 1) <= 0.2
        ok &= good
        print(f"calibration {key}: chromium {b:.2f}, client {c:.2f}, client/chromium"
              f" {ratio:.2f} -> {'OK' if good else 'DIFFERS by more than 20%'}")
    return ok


# ---------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--students", default="1,3,6,12",
                    help="K, or a list of K (1,3,6,12), students at once")
    ap.add_argument("--seconds", type=float, default=20.0, help="measured seconds per K")
    ap.add_argument("--warmup", type=float, default=3.0, help="seconds after Play first")
    ap.add_argument("--spread", type=float, default=0.5, help="students press Play within this")
    ap.add_argument("--url", help="an already running server (loopback only)")
    ap.add_argument("--server-pid", type=int, action="append", default=[],
                    help="with --url: process(es) to measure (default: who listens there)")
    ap.add_argument("--server-log", type=Path, action="append", default=[],
                    help="with --url: a log to scan for tracebacks (repeatable)")
    ap.add_argument("--server-arg", action="append", default=[],
                    help="extra option for the server this script starts (repeatable)")
    ap.add_argument("--app-dir", type=Path, default=ROOT,
                    help="run the server from this checkout (e.g. a clean `git worktree`)")
    ap.add_argument("--close", action="store_true",
                    help="students close the tab at the end instead of pressing Pause")
    ap.add_argument("--log-dir", type=Path, help="keep the servers' logs here")
    ap.add_argument("--page", default="MLP", choices=sorted(PAGES))
    ap.add_argument("--distinct", action="store_true",
                    help="each student on a seed of their own (seed=1..K): no shared run")
    ap.add_argument("--mixed", action="store_true",
                    help="each student on a seed of their own and every third on other "
                         "layers or another activation (a class that experiments)")
    ap.add_argument("--calibrate", action="store_true",
                    help="compare one client with one real Chromium session")
    ap.add_argument("--rounds", type=int, default=1, help="--calibrate or --in-class rounds")
    ap.add_argument("--isolation", action="store_true",
                    help="prove two students never see each other's settings or training")
    ap.add_argument("--in-class", action="store_true",
                    help="each K outside a class, then joined to one (its poll running), "
                         "--rounds times back to back: the ratio of redraws/s")
    ap.add_argument("--hold", action="store_true",
                    help="with --url and one K: play until standard input ends, then print "
                         "the redraws per second as JSON (bench_latency.py --load)")
    args = ap.parse_args()
    page = PAGES[args.page]
    ks = [int(k) for k in args.students.split(",")]
    if args.hold:
        if not args.url or len(ks) != 1:
            ap.error("--hold needs --url and one number of students")
        r = asyncio.run(hold(args.url, ks[0], page, args.spread, distinct=args.distinct,
                             mixed=args.mixed))
        print(json.dumps(r), flush=True)
        sys.exit(1 if r["errors"] else 0)
    print("machine:", machine())
    if args.server_arg:
        print("server options:", " ".join(args.server_arg))

    @contextlib.contextmanager
    def server(tmp: Path) -> Iterator[Server]:
        if args.url:
            require_loopback(args.url)
            port = int(args.url.rsplit(":", 1)[1].split("/")[0])
            yield Server(args.url.rstrip("/"), args.server_pid or listener_pids(port),
                         args.server_log)
        else:
            with start_server(tmp, args.server_arg, args.app_dir) as s:
                yield s

    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        if args.log_dir:
            args.log_dir.mkdir(parents=True, exist_ok=True)
            tmp = args.log_dir
        if args.calibrate:
            with server(Path(tmp)) as s:
                failed |= not calibrate(s.url, s.pids, args.seconds, args.warmup, args.rounds)
        if args.isolation:
            with server(Path(tmp)) as s:
                checks = asyncio.run(isolation(s.url, page))
                for name, ok, detail in checks:
                    print(f"isolation: {'PASS' if ok else 'FAIL'} {name} ({detail})")
                failed |= not all(ok for _, ok, _ in checks)
        if not (args.calibrate or args.isolation):
            lines, ratios = [], []
            if args.in_class and not args.url:  # the servers' class store, and ours
                os.environ["NNPG_CLASS_DB"] = str(Path(tmp) / "class.sqlite3")
            for k in ks:
                for _ in range(args.rounds if args.in_class else 1):
                    pair = []
                    for in_class in ((False, True) if args.in_class else (False,)):
                        with server(Path(tmp)) as s:
                            code = new_class() if in_class else None
                            r = asyncio.run(classroom(
                                s.url, k, args.seconds, args.warmup, s.pids, page,
                                args.spread, pause_at_end=not args.close,
                                distinct=args.distinct, mixed=args.mixed, class_code=code))
                            tb = tracebacks(s.log_text()) if s.logs else None
                        print(("in a class: " if in_class else "") + report(r, tb), flush=True)
                        lines.append(("in class " if in_class else "") + summary(r, tb))
                        failed |= bool(r["errors"] or tb or r["starved"])
                        pair.append(r)
                    if args.in_class:
                        ratios.append(class_ratio(*pair))
                        print(f"K={k}: in a class / outside: {ratios[-1]}", flush=True)
            print("machine after:", machine())
            print("summary: " + " | ".join(lines))
            if ratios:
                print("in-class ratios: " + " | ".join(ratios))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
