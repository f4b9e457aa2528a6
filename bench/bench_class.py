"""Class mode under load: N students, one teacher, 2 replicas behind deploy/run.sh, both stores.

Run from the repository root (needs Debian's haproxy and redis-server)::

    python -m bench.bench_class                      # 60 students, SQLite then Redis
    python -m bench.bench_class --store redis --students 10 --idle 0
    python -m bench.bench_class --kill               # kill a replica in the middle of the vote

Protocol-level clients (``bench/st_client.py``, as ``bench/bench_classroom.py``): the
teacher opens the Class page and presses "Start a class"; N students open the home page
with ``?class=CODE`` and press the invitation's "Join"; the teacher writes a question with
two choices and opens it; each student answers when the question reaches their poll
(a rerun of the class fragment with the radio's value, as the browser sends it). Measured:

* join: from the first student's click to the last "You are in class" (target 10 s);
* answers: from the question's opening to the last answer acknowledged, i.e. the
  student's fragment showing "Your answer" (target 5 s);
* dashboard: from the last acknowledgement to the teacher's live count showing N
  (target 2 s); lost = acknowledged answers the store does not count;
* ``--kill``: when half have answered, the replica without the teacher is SIGKILLed
  (run.sh ``--respawn`` starts it again); its students whose answer was not yet
  acknowledged reconnect (a new session: the invitation again), join again and answer.
  Every answer acknowledged before or after the kill must be counted (the store's
  counts are read directly at the end);
* idle: the servers' CPU (both replicas, plus redis-server) over ``--idle`` seconds with
  the N students connected but not in a class (the invitation shown), then the same
  seconds with all of them in the class, polling; the difference is what a class of N
  idle students costs (target 10% of one core);
* errors: any client error but the websockets the kill closed, and tracebacks in the
  replicas' logs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import harness
from bench.bench_classroom import cpu_seconds, tracebacks
from bench.harness import machine
from bench.st_client import Client, Event
from deploy import harness as deploy
from ui.classroom.backend import open_store

CODE = re.compile(r"^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$")
COUNT = re.compile(r"\*\*(\d+)\*\* of (\d+) students have answered")
QUESTION = "Which way will the loss go?"
CHOICES = ("down", "up")


@dataclass
class Student:
    name: str
    client: Client | None = None
    joined: float | None = None  # "You are in class" arrived
    radio: tuple[str, str, list[str]] | None = None  # widget id, fragment id, options
    seen_question: float | None = None
    sent: float | None = None  # the answer's rerun sent
    acked: float | None = None  # "Your answer" arrived after it was sent
    choice: int = 0
    replica: str = ""
    on_victim: bool = False  # its session was on the replica killed
    lost_session: bool = False  # ... and its answer had not been acknowledged
    in_flight: bool = False  # ... though it was sent: the store may or may not have it
    old_errors: list[str] = field(default_factory=list)  # its first session's
    events: list[str] = field(default_factory=list)

    def watch(self, client: Client, ev: Event) -> None:
        if ev.kind == "alert" and "You are in class" in ev.element.body and self.joined is None:
            self.joined = ev.t
        if ev.kind == "radio" and ev.element.id.split("-")[-1].startswith("class_answer_"):
            if self.radio is None:
                self.seen_question = ev.t
            self.radio = (ev.element.id, ev.fragment_id, list(ev.element.options))
        if (ev.kind == "markdown" and self.sent is not None and self.acked is None
                and ev.element.body.startswith("Your answer:")):
            self.acked = ev.t


@dataclass
class Teacher:
    code: str | None = None
    counts: list[tuple[float, int, int]] = field(default_factory=list)  # t, answered, members

    def watch(self, client: Client, ev: Event) -> None:
        if ev.kind != "markdown":
            return
        body = ev.element.body.strip()
        if self.code is None and CODE.match(body):
            self.code = body
        m = COUNT.search(body)
        if m:
            self.counts.append((ev.t, int(m[1]), int(m[2])))


async def wait_for(cond, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        await asyncio.sleep(0.02)  # the poll's interval


async def open_student(url: str, s: Student, code: str) -> None:
    s.client = Client(url, "", f"class={code}", name=s.name, on_element=s.watch)
    await s.client.open()
    await s.client.wait_full_run(120)
    s.replica = s.client.cookies.get(deploy.COOKIE, "")


async def join(s: Student) -> None:
    await s.client.click("class_invite_join")
    await s.client.wait_full_run(60)


async def answer(s: Student, delay: float) -> None:
    await wait_for(lambda: s.radio is not None, 60, f"{s.name} never saw the question")
    await asyncio.sleep(delay)  # students read the question
    wid, fragment, options = s.radio
    s.client.widgets.values[wid] = ("string_value", options[s.choice])
    s.sent = time.monotonic()
    await s.client.rerun(fragment)


def server_pids(d: deploy.Deployment) -> list[int]:
    return [p for n, p in d.pids().items() if n != "haproxy"]


async def idle_cpu(d: deploy.Deployment, seconds: float) -> float:
    """Percent of one core the replicas (and redis-server) used over ``seconds``."""
    pids = server_pids(d)
    t0, c0 = time.monotonic(), cpu_seconds(pids)
    await asyncio.sleep(seconds)  # the measured window, not a wait for something to finish
    return 100 * (cpu_seconds(pids) - c0) / (time.monotonic() - t0)


async def vote(d: deploy.Deployment, n: int, kill: bool, idle: float, seed: int) -> dict:
    rnd = random.Random(seed)
    r: dict = {"n": n, "store": d.store().split(":", 1)[0], "kill": kill}
    teacher = Teacher()
    tc = Client(d.url, "Class", name="teacher", on_element=teacher.watch)
    await tc.open()
    await tc.wait_full_run(120)
    await tc.click("class_start")
    await tc.wait_full_run(60)
    await wait_for(lambda: teacher.code is not None, 30, "no join code on the dashboard")
    code = teacher.code
    r["teacher_replica"] = tc.cookies.get(deploy.COOKIE, "")
    students = [Student(f"s{i}", choice=rnd.randrange(2)) for i in range(n)]
    await asyncio.gather(*(open_student(d.url, s, code) for s in students))
    if idle:
        r["cpu_outside"] = await idle_cpu(d, idle)
    t_join = time.monotonic()
    await asyncio.gather(*(join(s) for s in students))
    await wait_for(lambda: all(s.joined for s in students), 60, "not every student joined")
    r["join_s"] = max(s.joined for s in students) - t_join
    if idle:
        await asyncio.sleep(2 * 1.2)  # every student's fragment polling (two periods)
        r["cpu_in_class"] = await idle_cpu(d, idle)
    # the teacher's question
    for k, v in (("class_q_text", QUESTION), ("class_q_c0", CHOICES[0]),
                 ("class_q_c1", CHOICES[1])):
        await tc.set_widget(k, "string_value", v)
        await tc.wait_full_run(60)
    await tc.click("class_q_open_own")
    await tc.wait_full_run(60)
    t_open = time.monotonic()
    answering = [asyncio.create_task(answer(s, rnd.uniform(0.0, 1.5))) for s in students]
    killed_at = None
    if kill:
        await wait_for(lambda: sum(s.acked is not None for s in students) >= n // 2, 60,
                       "half the answers never came")
        # the replica without the teacher (a teacher whose replica dies reopens the
        # dashboard with the teacher link; the students are what is measured here)
        victim = "r1" if r["teacher_replica"] == "r2" else "r2"
        r["killed"] = victim
        pid = d.pids()[victim]
        os.kill(pid, signal.SIGKILL)
        killed_at = time.monotonic()
        for s in students:
            if s.replica == victim:
                s.on_victim = True
                s.lost_session = s.acked is None
                s.in_flight = s.sent is not None and s.acked is None
        r["killed_unanswered"] = sum(s.lost_session for s in students)
        r["in_flight"] = sum(s.in_flight for s in students)
    await asyncio.gather(*answering, return_exceptions=kill)
    if kill:
        # those who lost their session: a new tab (the replica cookie kept), join, answer
        for s in students:
            if s.lost_session:
                await s.client.close()
                s.old_errors = s.client.stats.errors
                s.radio = s.sent = s.acked = s.joined = None
        lost = [s for s in students if s.lost_session]
        cookies = {deploy.COOKIE: victim}
        for s in lost:
            s.client = Client(d.url, "", f"class={code}", name=s.name + "'", on_element=s.watch)
            s.client.cookies.update(cookies)
        await asyncio.gather(*(s.client.open() for s in lost))
        await asyncio.gather(*(s.client.wait_full_run(120) for s in lost))
        await asyncio.gather(*(join(s) for s in lost))
        await asyncio.gather(*(answer(s, 0.0) for s in lost))
        await asyncio.to_thread(d.wait_respawned, victim, pid)  # the loop keeps serving
        r["respawned_in_s"] = time.monotonic() - killed_at
    await wait_for(lambda: all(s.acked for s in students), 60, "not every answer acknowledged")
    t_last = max(s.acked for s in students)
    r["answers_s"] = t_last - t_open
    try:
        await wait_for(lambda: any(a >= n for _, a, _ in teacher.counts), 30,
                       "the dashboard never showed every answer")
        r["dashboard_s"] = min(t for t, a, _ in teacher.counts if a >= n) - t_last
    except TimeoutError:
        r["dashboard_s"] = None
    # the teacher reveals; then the store's own counts, read directly: every answer
    # acknowledged to a student must be there
    await tc.click("class_q_reveal")
    try:
        await tc.wait_full_run(60)
    except TimeoutError:
        raise TimeoutError(f"the reveal never finished; teacher: {tc.stats}") from None
    store = open_store(_settings(d.store()))
    try:
        counts, answered = store.counts(code, None, store.state(code).question.id)
    finally:
        store.close()
    # every acknowledged answer counted, per choice; beyond them only answers that were in
    # flight when their replica died (written, never acknowledged, then given again)
    want = [sum(s.choice == c for s in students) for c in range(2)]
    r["counted"] = answered
    r["lost"] = sum(max(0, w - c) for w, c in zip(want, counts))
    r["extra"] = answered - n
    r["counts_ok"] = r["lost"] == 0 and 0 <= r["extra"] <= r.get("in_flight", 0)
    errors, r["closed_by_kill"] = [], 0
    for s in students + [Student("teacher", client=tc)]:
        if s.on_victim and not s.lost_session and s.client.stats.errors:
            r["closed_by_kill"] += 1  # its tab lost its replica after its answer
            errors += [f"{s.name}: {e}" for e in s.client.stats.errors if "websocket" not in e]
        else:
            errors += [f"{s.name}: {e}" for e in s.client.stats.errors]
        r["closed_by_kill"] += bool(s.old_errors)
    for s in students:
        s.client.stop_timers()
    tc.stop_timers()
    await asyncio.gather(*(s.client.close() for s in students), tc.close())
    r["errors"] = errors
    return r


def _settings(store: str) -> dict:
    if store.startswith("sqlite:"):
        return {"NNPG_CLASS_DB": store.split(":", 1)[1]}
    return {"NNPG_CLASS_STORE": store}


def report(r: dict, tb: list[str]) -> str:
    def s(x):
        return "n/a" if x is None else f"{x:.2f} s"
    killed = f", {r['killed']} killed mid-vote" if r["kill"] else ""
    lines = [f"{r['store']}: {r['n']} students, 2 replicas{killed}",
             f"  join {s(r['join_s'])} (target 10 s), all answered {s(r['answers_s'])} "
             f"(target 5 s), dashboard {s(r['dashboard_s'])} after the last (target 2 s)",
             f"  counted {r['counted']}/{r['n']}, lost {r['lost']}, counts right: "
             f"{r['counts_ok']}, client errors {len(r['errors'])}, server tracebacks {len(tb)}"]
    if r["kill"]:
        lines.append(f"  kill: {r['killed_unanswered']} students lost their session before "
                     f"their answer was acknowledged ({r['in_flight']} of them with it sent: "
                     f"{r['extra']} of those were counted) and answered again in a new "
                     f"session; {r['closed_by_kill']} tabs lost their websocket to the kill; "
                     f"{r['killed']} back in {s(r['respawned_in_s'])}")
    if "cpu_outside" in r:
        lines.append(f"  idle CPU: {r['cpu_outside']:.1f}% of a core outside a class, "
                     f"{r['cpu_in_class']:.1f}% in it: the class adds "
                     f"{r['cpu_in_class'] - r['cpu_outside']:.1f}% (target 10%)")
    for e in (r["errors"] + tb)[:10]:
        lines.append(f"  ! {e}")
    return "\n".join(lines)


def run(store: str, n: int, kill: bool, idle: float, seed: int,
        keep: Path | None) -> tuple[dict, list[str]]:
    """One deployment (2 replicas, ``--respawn``) with ``store`` ("sqlite" or "redis")."""
    with tempfile.TemporaryDirectory() as tmp:
        run_dir = keep or Path(tmp) / "run"
        extra = ["--respawn", "--runner.postScriptGC=false"]
        extra += ["--redis"] if store == "redis" else ["--data-dir", str(run_dir / "data")]
        with deploy.deployment(run_dir, replicas=2, extra=tuple(extra)) as d:
            # in a thread of its own: under pytest the browser tests' loop may be running
            r = harness.run_async(vote(d, n, kill, idle, seed))
        logs = d.replica_logs()
        tb = [f"{name}: {line}" for name, log in logs.items() for line in tracebacks(log)]
    return r, tb


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--students", type=int, default=60)
    ap.add_argument("--store", choices=("sqlite", "redis", "both"), default="both")
    ap.add_argument("--kill", action="store_true",
                    help="kill a replica (not the teacher's) in the middle of the vote")
    ap.add_argument("--idle", type=float, default=15.0,
                    help="seconds of idle CPU measured outside and inside the class (0: none)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--log-dir", type=Path, help="keep the run dirs (logs) here")
    args = ap.parse_args()
    print("machine:", machine())
    failed = False
    for store in (("sqlite", "redis") if args.store == "both" else (args.store,)):
        keep = args.log_dir / store if args.log_dir else None
        r, tb = run(store, args.students, args.kill, args.idle, args.seed, keep)
        print(report(r, tb), flush=True)
        failed |= bool(r["lost"] or r["errors"] or tb or not r["counts_ok"])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
