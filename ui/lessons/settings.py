"""The Lessons page's one setting: the lesson shown (``?lesson=<id>``), so a teacher can
link straight to one lesson."""

from __future__ import annotations

from ui import state
from ui.course.catalog import IDS
from ui.state import Setting

PICK_KEY = "lessons_pick"
SETTINGS: tuple[Setting, ...] = (Setting(PICK_KEY, "lesson", "choice", IDS[0], choices=IDS),)


def from_url() -> list[str]:
    """Start the setting from the URL and drop parameters this page does not read."""
    return state.start(SETTINGS)


def to_url() -> None:
    """Write the lesson shown to the URL."""
    state.settings_to_url(SETTINGS)
