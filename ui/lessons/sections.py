"""The Lessons page's parts: the list of lessons, one lesson (text, prediction, the link
that opens its page, the explanation once run), and the summary with its download."""

from __future__ import annotations

import streamlit as st

from ui import frame, state
from ui.course import panel, progress
from ui.course.catalog import IDS, LESSONS, Lesson
from ui.i18n import labeller, t
from ui.lessons.settings import PICK_KEY


def _list_label(lesson_id: str) -> str:
    n = IDS.index(lesson_id) + 1
    mark = " ✓" if progress.revealed(lesson_id) else ""
    return f"{n}. {t(f'lessons.{lesson_id}.title')}{mark}"


def lesson_list() -> str:
    """The lessons in the tutorial's order, the progress under them; returns the one picked."""
    st.radio(t("lessons.pick"), IDS, key=state.choice(PICK_KEY), format_func=_list_label)
    st.caption(t("lessons.progress", done=progress.done_count(), total=len(LESSONS)))
    return st.session_state[PICK_KEY]


def lesson(item: Lesson, lang: str) -> None:
    """One lesson: its text, the prediction, the link to its page, then the explanation."""
    n = IDS.index(item.id) + 1
    with st.container(border=True, key="lessons_card"):
        st.caption(t("lessons.number", n=n, total=len(LESSONS)))
        st.subheader(t(f"lessons.{item.id}.title"))
        st.markdown(t(f"lessons.{item.id}.text"))
        st.markdown(f"**{t('lessons.predict_header')}**")
        shown = progress.revealed(item.id)
        progress.sync_choice(item.id)
        st.radio(t(f"lessons.{item.id}.question"), item.choices,
                 key=state.choice(progress.choice_key(item.id)),
                 format_func=labeller(f"lessons.{item.id}.choice", lang),
                 on_change=progress.on_choice, args=(item.id,), disabled=shown)
        if not progress.entry(item.id).get("choice"):
            st.caption(t("lessons.predict_first"))
            return
        st.markdown(t("lessons.on_page", task=t(f"lessons.{item.id}.task", **item.task_args)))
        frame.nav_link(frame.PAGE_BY_ID[item.page], lang, label=t("lessons.open"),
                       params=item.query())
        if shown:
            panel.explanation(item, lang)


def summary(lang: str) -> None:
    """The predictions against the outcomes so far, and the Markdown file to download."""
    st.subheader(t("lessons.summary_header"))
    rows = progress.summary_rows(lang)
    if not rows:
        st.caption(t("lessons.summary_empty"))
        return
    st.dataframe(rows, hide_index=True, key="lessons_summary")
    st.download_button(t("lessons.download"), progress.summary_markdown(lang),
                       file_name="nn-playground-lessons.md", mime="text/markdown",
                       key="lessons_download", icon=":material/download:")
