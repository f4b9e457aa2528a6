"""The session's progress through the lessons and the summary a student downloads.

``st.session_state[PROGRESS_KEY][lesson_id]`` holds ``choice`` (the prediction),
``ran`` (the run counted), ``numbers`` (the figures the explanation quoted), ``outcome``
(the choice the run showed) and ``correct``. It is not a widget's key, so it survives
page changes within the session.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

import streamlit as st

from ui.course.catalog import LESSONS, Lesson
from ui.i18n import tr

PROGRESS_KEY = "lessons_progress"


def choice_key(lesson_id: str) -> str:
    """Widget key of a lesson's prediction (the Lessons page and the panel alike)."""
    return f"lessons_choice_{lesson_id}"


def progress(ss: MutableMapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """The session's progress (created empty on first use)."""
    ss = st.session_state if ss is None else ss
    if PROGRESS_KEY not in ss:
        ss[PROGRESS_KEY] = {}
    return ss[PROGRESS_KEY]


def entry(lesson_id: str) -> dict[str, Any]:
    """The progress of one lesson (empty if not started)."""
    return progress().get(lesson_id, {})


def on_choice(lesson_id: str) -> None:
    """A prediction was chosen: record it (not once the run has been explained)."""
    ss = st.session_state
    item = progress().setdefault(lesson_id, {})
    if not item.get("ran"):
        item["choice"] = ss.get(choice_key(lesson_id))


def sync_choice(lesson_id: str) -> None:
    """Before drawing a prediction widget: it shows the recorded choice."""
    ss = st.session_state
    key = choice_key(lesson_id)
    if key not in ss:
        ss[key] = entry(lesson_id).get("choice")


def record_run(lesson: Lesson, ss: Mapping[str, Any]) -> dict[str, Any]:
    """The run counted: keep its numbers, the outcome and whether the prediction was right."""
    item = progress().setdefault(lesson.id, {})
    numbers = dict(lesson.numbers(ss, progress()))
    outcome = numbers.pop("outcome", lesson.correct)
    item.update(ran=True, numbers=numbers, outcome=outcome,
                correct=item.get("choice") == outcome)
    return item


def revealed(lesson_id: str) -> bool:
    """The lesson's explanation is shown (predicted, and the run counted)."""
    item = entry(lesson_id)
    return bool(item.get("ran") and item.get("choice"))


def check(lesson: Lesson) -> bool:
    """Reveal the explanation once there is a prediction and the run counts; True if shown."""
    if revealed(lesson.id):
        return True
    item = entry(lesson.id)
    ss = st.session_state
    if item.get("choice") and lesson.ran(ss):
        record_run(lesson, ss)
        return True
    return False


def done_count() -> int:
    """How many lessons have been explained."""
    return sum(1 for lesson in LESSONS if revealed(lesson.id))


def choice_label(lesson_id: str, choice: str | None, lang: str) -> str:
    """A choice's text (a dash for none)."""
    return tr(f"lessons.{lesson_id}.choice.{choice}", lang) if choice else "–"


def summary_rows(lang: str) -> list[dict[str, str]]:
    """One row per lesson with a prediction: lesson, prediction, outcome, right or not."""
    rows = []
    for n, lesson in enumerate(LESSONS, start=1):
        item = entry(lesson.id)
        if not item.get("choice"):
            continue
        ran = item.get("ran")
        rows.append({
            tr("lessons.col.lesson", lang): f"{n}. {tr(f'lessons.{lesson.id}.title', lang)}",
            tr("lessons.col.prediction", lang): choice_label(lesson.id, item["choice"], lang),
            tr("lessons.col.outcome", lang): (choice_label(lesson.id, item.get("outcome"), lang)
                                              if ran else tr("lessons.not_run", lang)),
            tr("lessons.col.right", lang): (tr("common.yes" if item.get("correct") else "common.no",
                                               lang) if ran else "–"),
        })
    return rows


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def summary_markdown(lang: str) -> str:
    """The summary as a Markdown file: a table of predictions against outcomes, then each
    explained lesson's explanation with the student's numbers."""
    rows = summary_rows(lang)
    lines = [f"# {tr('lessons.file_title', lang)}", "",
             tr("lessons.progress", lang, done=done_count(), total=len(LESSONS)), ""]
    if rows:
        head = list(rows[0])
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(_cell(r[h]) for h in head) + " |" for r in rows]
    for lesson in LESSONS:
        item = entry(lesson.id)
        if revealed(lesson.id):
            lines += ["", f"## {tr(f'lessons.{lesson.id}.title', lang)}", "",
                      tr(f"lessons.{lesson.id}.explain", lang, **item["numbers"])]
    return "\n".join(lines) + "\n"
