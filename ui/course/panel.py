"""The lesson panel on a target page (``?lesson=<id>``), drawn by ``ui.frame.page``.

At the top of the page: the lesson's question (asked there too if the student came by a
teacher's link without predicting), the prediction, the task, and, once the run counts,
the explanation with the numbers of the run and a link to the next lesson.

Cost: without ``?lesson=`` nothing here runs. The run happens inside the pages'
fragments (live training, a slider's own fragment), which do not rerun the page top, so
the panel is a fragment that reruns every ``POLL`` seconds until the explanation shows;
then a full rerun declares it again without a timer. Each check reads a few numbers from
session state.
"""

from __future__ import annotations

import streamlit as st

from ui import nav, state
from ui.course import progress
from ui.course.catalog import IDS, LESSONS, Lesson, next_of
from ui.i18n import labeller, t

POLL = 2.0  # seconds between checks of a lesson's run while it is not yet explained
#: session key: (lesson id, page id) of the lesson this page was started for
STARTED_KEY = "lessons_started"
#: the session-state key prefix of each target page's settings, widgets and run
PAGE_PREFIX = {"activations": "act_", "neuron": "neuron_", "mlp": "mlp_", "backprop": "bp_"}
PANEL_KEY = "lessons_panel"


def start(page_id: str, lesson: Lesson | None) -> None:
    """Before the page's settings are read: the first run of a lesson on its page forgets
    the page's state from earlier in the session, so the page starts from the lesson's
    link (its settings, a fresh run). Any other run only notes which lesson is active."""
    ss = st.session_state
    now = (lesson.id, page_id) if lesson else None
    if now and ss.get(STARTED_KEY) != now and page_id in PAGE_PREFIX:
        prefix = PAGE_PREFIX[page_id]
        for key in [k for k in ss if str(k).startswith(prefix)]:
            del ss[key]
    ss[STARTED_KEY] = now


def _prediction(lesson: Lesson, lang: str, locked: bool) -> None:
    """The question with its choices (the recorded prediction selected)."""
    progress.sync_choice(lesson.id)
    st.radio(t(f"lessons.{lesson.id}.question"), lesson.choices,
             key=state.choice(progress.choice_key(lesson.id)),
             format_func=labeller(f"lessons.{lesson.id}.choice", lang),
             on_change=progress.on_choice, args=(lesson.id,), disabled=locked)


def explanation(lesson: Lesson, lang: str) -> None:
    """Right or not, and the explanation with the run's numbers."""
    item = progress.entry(lesson.id)
    if item.get("correct"):
        st.success(t("lessons.right"), icon=":material/check_circle:")
    else:
        outcome = progress.choice_label(lesson.id, item.get("outcome"), lang)
        st.warning(t("lessons.wrong", outcome=outcome), icon=":material/lightbulb:")
    st.markdown(f"**{t('lessons.explanation')}**")
    st.markdown(t(f"lessons.{lesson.id}.explain", **item["numbers"]))


def lesson_link(lesson_id: str | None, lang: str, label: str) -> None:
    """A link to the Lessons page opened at ``lesson_id`` (the list when None)."""
    params = {"lesson": lesson_id} if lesson_id else {}
    nav.nav_link(nav.PAGE_BY_ID["lessons"], lang, label=label, params=params)


def _body(lesson: Lesson, lang: str, polling: bool) -> None:
    shown = progress.check(lesson)
    if polling and shown:  # explained during a timed run: declare the panel without timer
        st.rerun(scope="app")
    with st.container(border=True, key=PANEL_KEY):
        n = IDS.index(lesson.id) + 1
        st.markdown(f"**{t('lessons.number', n=n, total=len(LESSONS))} · "
                    f"{t(f'lessons.{lesson.id}.title')}**")
        _prediction(lesson, lang, locked=shown)
        st.markdown(t("lessons.on_page", task=t(f"lessons.{lesson.id}.task", **lesson.task_args)))
        if not shown:
            has_choice = progress.entry(lesson.id).get("choice")
            st.caption(t("lessons.waiting") if has_choice else t("lessons.predict_first"))
            return
        explanation(lesson, lang)
        after = next_of(lesson.id)
        cols = st.columns(2)
        with cols[0]:
            if after:
                lesson_link(after.id, lang, t("lessons.next", title=t(f"lessons.{after.id}.title")))
            else:
                st.caption(t("lessons.last"))
        with cols[1]:
            lesson_link(None, lang, t("lessons.back"))


def panel(lesson: Lesson, lang: str) -> None:
    """The panel, as a fragment that checks the run every ``POLL`` s while it has to."""
    polling = not progress.check(lesson)
    st.fragment(_body, run_every=POLL if polling else None)(lesson, lang, polling)
