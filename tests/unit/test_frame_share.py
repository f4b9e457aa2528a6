"""ui.frame_share: the server's training time shared fairly between playing sessions, with
a fake clock (issue 12: fair shares, no starvation, a paused session costs nothing)."""

from __future__ import annotations

import contextlib
import itertools
import threading

import pytest

from ui.frame_share import FrameShare


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def play(share: FrameShare, clock: Clock, rates: dict[str, float], seconds: float) -> dict:
    """Sessions asking for frames at ``rates`` (frames/s) for ``seconds``; returns the
    training seconds per second each was given over the last two seconds."""
    given = {sid: [] for sid in rates}
    step = 0.01
    next_at = dict.fromkeys(rates, clock.now)
    end = clock.now + seconds
    while clock.now < end:
        for sid, rate in rates.items():
            if clock.now >= next_at[sid]:
                given[sid].append((clock.now, share.budget(sid)))
                next_at[sid] += 1.0 / rate
        clock.now += step
    return {sid: sum(b for t, b in g if t >= end - 2.0) / 2.0 for sid, g in given.items()}


def test_one_student_trains_within_its_cap():
    clock = Clock()
    share = FrameShare(clock=clock)
    per_second = play(share, clock, {"a": 7.5}, 5.0)["a"]
    assert per_second == pytest.approx(share.session_cap, rel=0.15)


@pytest.mark.parametrize("k", [2, 12, 40])
def test_equal_shares_whatever_the_frame_rate(k):
    clock = Clock()
    share = FrameShare(clock=clock)
    # half the class draws at 5 frames/s, the other half (slower machines) at 1.5
    rates = {f"s{i}": 5.0 if i % 2 else 1.5 for i in range(k)}
    got = play(share, clock, rates, 5.0)
    expected = max(min(share.session_cap, share.train_fraction / k), 0)
    for sid, seconds in got.items():
        lo, hi = share.floor * rates[sid], share.ceiling * rates[sid]  # per-frame bounds
        assert seconds == pytest.approx(min(max(expected, lo), hi), rel=0.25), sid
    total = sum(got.values())
    # the server's training stays within its fraction (plus the per-frame floors)
    assert total <= share.train_fraction + k * 5.0 * share.floor + 1e-9


def test_no_session_starves_and_every_frame_trains():
    clock = Clock()
    share = FrameShare(clock=clock)
    for _ in range(3):
        for i in range(200):
            assert share.budget(f"s{i}") >= share.floor
        clock.now += 0.2


def test_a_paused_session_costs_nothing_and_gives_its_share_back():
    clock = Clock()
    share = FrameShare(clock=clock)
    four = play(share, clock, {s: 5.0 for s in "abcd"}, 3.0)
    assert share.playing() == 4
    alone = play(share, clock, {"a": 5.0}, 3.0)  # b, c, d paused: they ask for nothing
    assert share.playing() == 1
    assert alone["a"] > 1.1 * four["a"]
    clock.now += share.window + 0.1
    assert share.playing() == 0


def test_thread_safe_under_concurrent_sessions():
    # a fake clock that every reading advances by 0.1 ms (itertools.count: one step per
    # reading, atomic): 8 x 500 frames span 0.4 s of it, within the window however
    # slowly the threads run, so all eight are still playing at the end
    ticks = itertools.count()
    share = FrameShare(clock=lambda: 1000.0 + 1e-4 * next(ticks))
    errors = []

    def worker(i: int) -> None:
        try:
            for _ in range(500):
                assert share.floor <= share.budget(f"s{i}") <= share.ceiling
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == [] and share.playing() == 8


def test_frames_take_turns_one_at_a_time():
    share = FrameShare(concurrent=1)
    inside, most, asked, got_all = [0], [0], [0], []
    cond = threading.Condition()

    def frame() -> None:
        with cond:
            asked[0] += 1
            cond.notify_all()
        with share.turn(timeout=60) as got:
            got_all.append(got)
            with cond:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
                # hold the turn until every frame has asked for one (a condition, not a
                # time: the others queue meanwhile, however slowly they start)
                cond.wait_for(lambda: asked[0] == 12, timeout=60)
                inside[0] -= 1

    threads = [threading.Thread(target=frame) for _ in range(12)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert most[0] == 1 and got_all == [True] * 12


@pytest.mark.parametrize("concurrent", [1, 2, 3])
def test_no_more_than_concurrent_turns_at_once(concurrent):
    """While ``concurrent`` frames hold a turn, another frame does not get one (asked
    without waiting); when one gives its turn back, the next gets it."""
    share = FrameShare(concurrent=concurrent)
    with contextlib.ExitStack() as held:
        assert all(held.enter_context(share.turn()) for _ in range(concurrent))
        with share.turn(timeout=0) as extra:
            assert not extra
    with contextlib.ExitStack() as held:  # every turn was given back exactly once
        assert all(held.enter_context(share.turn(timeout=0)) for _ in range(concurrent))


def test_a_stuck_turn_stops_nobody_for_longer_than_the_timeout():
    share = FrameShare(concurrent=1)
    with share.turn() as first:
        assert first
        with share.turn(timeout=0.05) as second:  # goes ahead without the turn
            assert not second
    with share.turn(timeout=0.05) as third:  # the turn was given back exactly once
        assert third


def test_a_frame_holds_back_while_training_is_short_of_its_share():
    """turn(hold=...): the frame looks again while hold() says so, and goes ahead when it
    stops saying so or after hold_at_most seconds (0 here: at once, one look)."""
    share = FrameShare(concurrent=1)
    looks = iter([True, True, False])
    asked = []

    def hold() -> bool:
        asked.append(1)
        return next(looks)

    with share.turn(hold=hold, hold_at_most=60) as got:
        assert got and len(asked) == 3
    asked.clear()
    with share.turn(hold=lambda: asked.append(1) or True, hold_at_most=0) as got:
        assert got and len(asked) == 1
    with share.turn(urgent=True, hold=lambda: pytest.fail("a click never holds")) as got:
        assert got


def play_groups(share: FrameShare, clock: Clock, groups: dict[str, object], rate: float,
                seconds: float) -> dict:
    """Like :func:`play` with every session at ``rate`` and in ``groups[sid]`` (None: its
    own); returns each session's fair share per second (``FrameShare.share``)."""
    given = {sid: [] for sid in groups}
    next_at = dict.fromkeys(groups, clock.now)
    end = clock.now + seconds
    while clock.now < end:
        for sid, group in groups.items():
            if clock.now >= next_at[sid]:
                given[sid].append((clock.now, share.share(sid, group)))
                next_at[sid] += 1.0 / rate
        clock.now += 0.01
    return {sid: sum(b for t, b in g if t >= end - 2.0) / 2.0 for sid, g in given.items()}


def test_a_shared_run_counts_as_one_trainer():
    """Ten students following one shared run and one on their own: two trainers split the
    training share; the run gets all of its half (ten sessions' caps exceed it), the lone
    student keeps their own cap."""
    clock = Clock()
    share = FrameShare(clock=clock)
    groups = {f"s{i}": "run" for i in range(10)} | {"alone": None}
    got = play_groups(share, clock, groups, 5.0, 6.0)
    half = share.train_fraction / 2
    for i in range(10):
        assert got[f"s{i}"] == pytest.approx(half, rel=0.1)
    assert got["alone"] == pytest.approx(min(share.session_cap, half), rel=0.1)


def test_a_run_of_one_follower_has_one_sessions_cap():
    clock = Clock()
    share = FrameShare(clock=clock)
    got = play_groups(share, clock, {"a": "run"}, 5.0, 5.0)
    assert got["a"] == pytest.approx(share.session_cap, rel=0.1)
    # two followers: twice the cap (within the training share)
    got = play_groups(share, clock, {"a": "run", "b": "run"}, 5.0, 5.0)
    assert got["a"] == pytest.approx(min(share.train_fraction, 2 * share.session_cap), rel=0.1)


def test_share_is_not_clipped_but_budget_is():
    clock = Clock()
    share = FrameShare(clock=clock)
    # a first frame (its rate unknown) gets no more than the ceiling
    assert share.share("slow", "run") == pytest.approx(share.ceiling)
    # then one frame a second: the share per frame exceeds the ceiling, the budget does not
    for _ in range(3):
        clock.now += 1.0
        raw = share.share("slow", "run")
    assert raw == pytest.approx(share.session_cap) and raw > share.ceiling
    clock.now += 1.0
    assert share.budget("slow", "run") == share.ceiling


def test_present_counts_open_pages_within_the_window():
    """A class that opened the link counts before anyone presses Play; a closed tab
    drops out after the window; playing sessions count even without a page run."""
    clock = Clock()
    share = FrameShare(clock=clock)
    for i in range(5):
        share.seen(f"s{i}")
    assert share.present() == 5 and share.playing() == 0
    clock.now += 31.0
    share.seen("s0")
    assert share.present() == 1
    for i in range(3):
        share.budget(f"p{i}")
    assert share.present() == 4  # s0 with the page open and the three playing
    share.seen("p0")
    assert share.present() == 4  # a playing session with its page open counts once


@pytest.mark.parametrize("present,level", [(0, 0), (1, 0), (4, 0), (5, 1), (8, 1), (9, 2),
                                           (16, 2), (17, 3), (32, 3), (33, 4), (200, 4)])
def test_the_slow_fragment_slows_down_per_doubling_of_the_class(monkeypatch, present, level):
    """ui.mlp.live: the slow fragment's interval doubles per doubling of the students on
    the process past SLOW_FULL_UP_TO, so the process redraws at most about
    SLOW_FULL_UP_TO / SLOW_INTERVAL slow frames a second in all."""
    from ui.mlp import live

    class Share:
        def present(self):
            return present

    monkeypatch.setattr(live, "frame_share", Share)
    assert live.slow_level() == level
    assert live.slow_interval(level) == live.SLOW_INTERVAL * 2**level
    total = max(1, present) / live.slow_interval(level)  # slow frames a second, all students
    assert total <= 2 * live.SLOW_FULL_UP_TO / live.SLOW_INTERVAL or level == live.SLOW_LEVELS - 1


@pytest.fixture
def live_on_a_fake_clock(monkeypatch):
    """ui.mlp.live with its own FrameShare on a fake clock and a plain dict as the
    session's state (nothing shared with other tests)."""
    import streamlit as st

    from ui.class_train import ClassTrainer
    from ui.mlp import live

    clock = Clock()
    share = FrameShare(clock=clock)
    cost = Clock()
    trainer = ClassTrainer(clock=clock, cost_clock=cost, yield_to=share.clicking,
                           trainers=share.trainers)
    monkeypatch.setattr(trainer, "start", lambda: None)  # no thread: tests call step()
    monkeypatch.setattr(live, "frame_share", lambda: share)
    monkeypatch.setattr(live, "class_trainer", lambda: trainer)
    monkeypatch.setattr(st, "session_state", {})
    return live, clock, share, st.session_state


def test_the_slow_pictures_age_on_the_process_clock(live_on_a_fake_clock, monkeypatch):
    """While playing, the diagram and the large map are drawn again once they are
    SLOW_INTERVAL old on the process's clock, and, with more than SLOW_FULL_UP_TO
    sessions playing, SLOW_INTERVAL x playing / SLOW_FULL_UP_TO old."""
    from nncore import playground as pgm

    live, clock, share, ss = live_on_a_fake_clock
    drawn = []
    monkeypatch.setattr(live, "_slow_pictures",
                        lambda pg, focus: (drawn.append(clock.now), ("svg", "map"))[1])
    pg = pgm.Playground(pgm.Config(layers=(3,), seed=1))
    ss[live.PLAYING_KEY] = True

    def draw_at(t: float) -> None:
        clock.now = t
        assert live.slow_pictures(pg, (2, 0)) == ("svg", "map")

    for t in (1000.0, 1000.4, 1000.5, 1000.9, 1001.0):
        draw_at(t)
    assert drawn == [1000.0, 1000.5, 1001.0]
    for i in range(8):  # eight playing: pictures last twice as long
        share.budget(f"s{i}")
    for t in (1001.9, 1002.0):
        draw_at(t)
    assert drawn[3:] == [1002.0]
    ss[live.PLAYING_KEY] = False  # paused: drawn every time
    draw_at(1002.1)
    assert drawn[4:] == [1002.1]


def test_a_new_slow_level_reruns_the_page_only_after_relevel_after(live_on_a_fake_clock,
                                                                   monkeypatch):
    """follow_load: a slow level that moved since the fragments were declared reruns
    the page, but not within RELEVEL_AFTER seconds of the declaration (on the clock)."""
    live, clock, share, ss = live_on_a_fake_clock
    reruns = []
    monkeypatch.setattr(live.st, "rerun", lambda scope="app": reruns.append(scope))
    ss[live.SLOW_LEVEL_KEY] = 0
    ss[live.RELEVEL_KEY] = live.now()  # declared at 1000
    for i in range(20):  # the class opens the link: level 0 -> 3
        share.seen(f"s{i}")
    assert live.slow_level() == 3
    clock.now += live.RELEVEL_AFTER - 0.5
    live.follow_load()
    assert reruns == []
    clock.now += 0.5
    live.follow_load()
    assert reruns == ["app"]
    ss[live.SLOW_LEVEL_KEY] = None  # paused: never
    clock.now += live.RELEVEL_AFTER
    live.follow_load()
    assert reruns == ["app"]


def test_a_frame_trains_what_its_last_drawing_left_on_the_clock(live_on_a_fake_clock,
                                                                 monkeypatch):
    """ui.mlp.live.timed_frame on a fake clock: a drawing that took 30 ms leaves a session
    at the front of a new shared run 36 - 30 = 6 ms of training in its next frame; at
    2.5 ms an epoch that is three epochs (the third ends past the budget), whatever the
    machine's speed."""
    from nncore import playground as pgm
    from ui.run_share import RunShare

    live, clock, share, ss = live_on_a_fake_clock

    def make(config):  # the run's own Playground, on the fake machine
        run_pg = pgm.Playground(config)
        epoch = run_pg.trainer.epoch

        def timed_epoch() -> bool:
            clock.now += 0.0025
            return epoch()

        run_pg.trainer.epoch = timed_epoch
        return run_pg

    runs = RunShare(clock=clock, make=make)
    monkeypatch.setattr(live, "run_share", lambda: runs)
    sent = []
    monkeypatch.setattr(live.delivery, "wait_sent", sent.append)
    pg = pgm.Playground(pgm.Config(layers=(3,), seed=1))

    def draw(pg) -> None:
        clock.now += 0.030

    ss[live.PLAYING_KEY] = False
    live.timed_frame(pg, "fast", draw)  # paused: draws only
    assert ss[live.STATS_KEY]["fast"] == pytest.approx(
        {"train_ms": 0.0, "draw_ms": 30.0, "epochs": 0})
    assert sent == [] and pg.epoch == 0
    ss[live.PLAYING_KEY] = True
    live.timed_frame(pg, "fast", draw)
    assert ss[live.RUN_KEY] is not None  # on the shared run of its link
    assert ss[live.STATS_KEY]["fast"] == pytest.approx(
        {"train_ms": 7.5, "draw_ms": 30.0, "epochs": 3})
    assert sent == [live.FLUSH_WAIT] and pg.epoch == 3
    assert not live.class_trainer().has(live.session_id())


def test_a_session_of_its_own_is_trained_by_the_class_trainer_not_its_frame(
        live_on_a_fake_clock, monkeypatch):
    """Issue 28: a session on no shared run (here: added points) draws in its frames and
    is trained by the process's ClassTrainer between them; pausing drops it."""
    from nncore import playground as pgm
    from ui.run_share import RunShare

    live, clock, share, ss = live_on_a_fake_clock
    runs = RunShare(clock=clock)
    monkeypatch.setattr(live, "run_share", lambda: runs)
    monkeypatch.setattr(live.delivery, "wait_sent", lambda timeout: 0.0)
    monkeypatch.setattr(live, "threaded", lambda: True)  # as on a server
    pg = pgm.Playground(pgm.Config(layers=(3,), seed=1), added=[(0.1, 0.2, 1)])
    ss[live.PLAYING_KEY] = True
    live.timed_frame(pg, "fast", lambda pg: None)
    assert ss[live.RUN_KEY] is None and pg.epoch == 0  # the frame trained nothing
    trainer, sid = live.class_trainer(), live.session_id()
    assert trainer.has(sid) and trainer.member(sid).pg is pg
    clock.now += 0.1  # credit earned: the thread's next slice trains it
    assert trainer.step() == 0.0 and pg.epoch > 0
    live.class_trainer().stop(sid)
    assert not trainer.has(sid)
