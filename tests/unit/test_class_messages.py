"""A click's message in a fragment that polls (class mode) stays for HOLD seconds: drawn
once, the next poll (1.5 s later) took it away before it could be read."""

from __future__ import annotations

from ui.classroom.poll import HOLD, POLL, held


def test_a_new_message_is_kept_for_hold_seconds():
    assert held(None, ("success", "Queued"), now=100.0) == ("success", "Queued", 100.0 + HOLD)


def test_the_polls_that_follow_draw_it_until_its_time_is_up():
    kept = held(None, ("success", "Queued"), now=0.0)
    polls = [i * POLL for i in range(1, 20)]
    shown = [t for t in polls if held(kept, None, now=t) == kept]
    assert shown == [t for t in polls if t < HOLD]
    assert len(shown) >= 5  # several polls: seconds to read it
    assert held(kept, None, now=HOLD) is None


def test_a_newer_message_replaces_the_kept_one():
    kept = held(None, ("success", "Queued"), now=0.0)
    assert held(kept, ("error", "Closed"), now=3.0) == ("error", "Closed", 3.0 + HOLD)


def test_no_message_and_nothing_kept_draws_nothing():
    assert held(None, None, now=5.0) is None
    assert held(None, ("info", ""), now=5.0) is None  # an empty text is no message
