"""Class mode: a teacher starts a class, students join with a code (or its QR code); the
teacher asks the class to predict, sends a view, and runs a challenge.

Layout only: the parts are ``ui.classroom.sections`` (welcome, a student's status, the
teacher's dashboard), the callbacks ``ui.classroom.actions``, what a student sees on every
page ``ui.classroom.poll`` (drawn by ``ui.frame.page``), the store shared by every
process ``ui.classroom.store``, and the scoring of challenge entries
``ui.classroom.scorer``. ``?class=CODE`` joins (one click); the teacher link's
``&teacher=KEY`` reopens the dashboard on another device.
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
from ui.classroom import sections
from ui.i18n import t

lang = frame.page("class")
problems = sections.start()

st.title(t("class.title"))
st.caption(t("class.intro"))
state.show_problems(problems)

role = sections.role()
if role == "teacher":
    sections.dashboard(lang)
elif role == "member":
    sections.member(lang)
else:
    sections.welcome(lang)
