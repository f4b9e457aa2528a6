"""A click outranks a frame (issue 28): in Chromium on the MLP page, Play and Pause are
answered while a class plays on the same server.

STUDENTS simulated students (``bench.bench_classroom``'s protocol-level clients, a class
that experiments: seeds of their own, a third on other networks) press Play, then each
plays for a few seconds (PLAY_FOR), pauses for a moment (PAUSE_FOR), and so on, for as
long as the test runs. Meanwhile a
real Chromium presses Play and Pause CYCLES times; after each press the test waits for the
button to turn (Play into Pause, or back), long enough that only a lost press fails on
a busy machine, and asserts that every press is answered. The measured latencies are printed (the
issue's target, 95% within a second, is the benchmark's to report on this machine, not
an assertion: the machine is shared).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import threading
import time

import pytest

from bench import bench_classroom as bc
from ui.i18n import tr

pytestmark = pytest.mark.e2e

STUDENTS = 30
CYCLES = 6
#: ms a press may take to be answered before it counts as lost. Not a speed bound (the
#: latencies are printed, the benchmark reports them): beside two busy processes and a
#: browser test file, 96 of 96 presses were answered, the slowest in 18.1 s, so 20 s
#: failed a loaded run (1 in 37) on a slow press, not a lost one
ANSWER_MS = 120_000
#: seconds a background student plays, then pauses, in turn (drawn uniformly)
PLAY_FOR = (4.0, 10.0)
PAUSE_FOR = (0.5, 2.0)


class Class:
    """STUDENTS clients playing and pausing in a thread of their own (their own event
    loop: Playwright's sync API keeps one running in the test's thread)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.ready = threading.Event()
        self.stop = threading.Event()
        self.presses = 0
        self.students: list[bc.Student] = []
        self.errors: list[str] = []
        self.thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    async def _run(self) -> None:
        students = await bc.open_students(self.url, STUDENTS, bc.PAGES["MLP"], name="bg",
                                          mixed=True)
        self.students = students
        await bc.press_play(students, spread=1.0, seed=1)
        self.ready.set()
        rng = random.Random(2)

        async def wait(seconds: float) -> None:  # or until the test ends
            end = time.monotonic() + seconds
            while not self.stop.is_set() and time.monotonic() < end:
                await asyncio.sleep(min(0.2, end - time.monotonic()))

        async def toggle(s: bc.Student) -> None:
            playing = True
            while not self.stop.is_set():
                await wait(rng.uniform(*(PLAY_FOR if playing else PAUSE_FOR)))
                if self.stop.is_set():
                    break
                await s.client.click(s.page.play)
                playing = not playing
                self.presses += 1

        await asyncio.gather(*(toggle(s) for s in students))
        self.errors = [f"{s.client.name}: {e}" for s in students
                       for e in s.client.stats.errors]
        await bc.close_students(students, pause=False)

    def frames(self) -> int:
        """Timer frames the class's students have asked for so far (their fragments'
        ``run_every`` reruns)."""
        return sum(s.client.stats.auto_reruns for s in self.students)

    def __enter__(self) -> Class:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(120)


def epoch(page) -> int:
    """The epoch the MLP page shows."""
    metric = page.locator("[data-testid=stMetric]").filter(has_text="Epoch")
    return int(metric.locator("[data-testid=stMetricValue]").inner_text().replace(",", ""))


def test_play_and_pause_are_answered_while_a_class_plays(
    page, fresh_streamlit_server, wait_ready, wait_until, assert_no_exception, server_log
):
    url = fresh_streamlit_server
    page.goto(f"{url}/MLP?lang=en&seed=999")
    wait_ready(page)
    play, pause = tr("mlp.play", "en"), tr("mlp.pause", "en")
    latencies = []
    with Class(url) as cls:
        assert cls.ready.wait(600), "the class did not start playing"
        # the class's frames and training under way: two timer frames per student
        assert wait_until(page, lambda: cls.frames() >= 2 * STUDENTS, timeout=600_000), (
            "the class's frames never came", cls.frames())
        for _ in range(CYCLES):
            for press, answer in ((play, pause), (pause, play)):
                page.get_by_role("button", name=press).click()
                t0 = time.monotonic()
                page.get_by_role("button", name=answer).wait_for(timeout=ANSWER_MS)
                latencies.append(time.monotonic() - t0)
                if press == play:  # a frame of this page's own between Play and Pause
                    shown = epoch(page)
                    assert wait_until(page, lambda shown=shown: epoch(page) > shown,
                                      timeout=60_000), (
                        "no frame came")
        presses = cls.presses
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(f"Play/Pause answered with {STUDENTS} students playing and pausing"
          f" ({presses} presses of theirs meanwhile): median"
          f" {1e3 * statistics.median(latencies):.0f} ms, p95 {1e3 * p95:.0f} ms,"
          f" longest {1e3 * ordered[-1]:.0f} ms; within 1 s:"
          f" {sum(x <= 1.0 for x in latencies)}/{len(latencies)}")
    assert len(latencies) == 2 * CYCLES  # every press answered within ANSWER_MS
    assert presses > 0 and not cls.errors, cls.errors[:5]
    assert_no_exception(page)
    assert "Traceback" not in server_log(url)
