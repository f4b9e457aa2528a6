"""Lessons along the tutorial: predict, run on the right page, then read why.

Layout only: the lessons are ``ui.course.catalog``, the session's answers
``ui.course.progress``, the parts of this page ``ui.lessons.sections``, and the panel a
lesson shows on its target page ``ui.course.panel`` (drawn by ``ui.frame.page``).
``?lesson=<id>`` opens one lesson (a teacher's link).
"""

from __future__ import annotations

import streamlit as st

try:  # `streamlit run pages/<page>.py` finds none of the app's modules: say how to start it
    import ui  # noqa: F401
except ModuleNotFoundError:
    st.error("Start NN Playground from its folder: `streamlit run streamlit_app.py` · "
             "请在项目文件夹中运行 `streamlit run streamlit_app.py` 启动神经网络游乐场")
    st.stop()

from ui import frame, state
from ui.course.catalog import BY_ID
from ui.i18n import t
from ui.lessons import sections, settings

lang = frame.page("lessons")
problems = settings.from_url()

st.title(t("lessons.title"))
st.markdown(t("lessons.intro"))
state.show_problems(problems)

picker, main = st.columns([1, 2.2], gap="large")
with picker:
    lesson_id = sections.lesson_list()
with main, frame.main_first("lessons"):
    sections.lesson(BY_ID[lesson_id], lang)
sections.summary(lang)
settings.to_url()
