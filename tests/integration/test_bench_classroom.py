"""The classroom benchmark, short: 4 students press Play on one real server (on one link,
and a mixed class: ``--mixed``), and two students prove they never share settings or
training (bench/bench_classroom.py).

Fails on any error a student sees (exception elements, websocket errors, cache misses),
on a student who never receives a picture, and on any traceback in the server's log.
No figures are asserted: the machine is shared, and speed is the benchmark's to print.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench import bench_classroom as bc
from bench.harness import run_async


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with bc.start_server(tmp_path_factory.mktemp("classroom")) as s:
        yield s


def test_four_students_play_together(server) -> None:
    # the students press Pause at the end, while frames run (that logged a
    # StreamlitInvalidLayoutContextError before the fragments drew into their own
    # containers)
    r = run_async(bc.classroom(server.url, 4, seconds=6, warmup=2, pids=server.pids,
                                 pause_at_end=True))
    print(bc.report(r, bc.tracebacks(server.log_text())))
    assert not r["errors"], r["errors"]
    # every frame drawn reaches its student (ui.delivery waits until it is sent: without
    # it, Streamlit dropped unsent frames when the next run started)
    assert r["frames"] > 0 and r["frames_lost"] == 0, (r["frames_lost"], r["frames"])
    assert r["starved"] == 0, [s["images_total"] for s in r["students"]]
    assert all(s["images_total"] > 0 for s in r["students"])
    assert not bc.tracebacks(server.log_text())


def test_a_mixed_class_plays_together(server) -> None:
    """``--mixed`` (issue 28), short: four students on seeds of their own, the third on
    other layers; each trains on its own (in the server's training thread once alone on
    its run) and every one of them sees pictures and epochs go by."""
    assert [bc.student_query(i, mixed=True) for i in range(4)] == [
        "lang=en&seed=1", "lang=en&seed=2", f"lang=en&seed=3&{bc.MIXED[0]}", "lang=en&seed=4"]
    r = run_async(bc.classroom(server.url, 4, seconds=6, warmup=3, pids=server.pids,
                               pause_at_end=True, mixed=True))
    print(bc.report(r, bc.tracebacks(server.log_text())))
    assert not r["errors"], r["errors"]
    assert r["frames"] > 0 and r["frames_lost"] == 0, (r["frames_lost"], r["frames"])
    assert r["starved"] == 0, [s["images_total"] for s in r["students"]]
    assert all(s["epochs_s"] > 0 for s in r["students"]), r["students"]
    assert not bc.tracebacks(server.log_text())


def test_students_never_see_each_other(server) -> None:
    checks = run_async(bc.isolation(server.url, play_seconds=2))
    failed = [f"{name}: {detail}" for name, ok, detail in checks if not ok]
    assert not failed, failed
    assert not bc.tracebacks(server.log_text())
