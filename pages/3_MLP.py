"""MLP training, live: TensorFlow Playground's controls, your own data, export to PyTorch.

Layout only: the widgets and their fragments are ``ui.mlp.sections`` (``workbench``,
everything below the intro, with the hyper-parameters and the data, features and layers
beside the live view, each rerun alone by its own widgets), the callbacks and the user's
training session ``ui.mlp.actions``, the settings ``ui.mlp.settings``, the live view
``ui.mlp.live``, the training itself ``nncore.playground``. Every setting is in the URL
(``?dataset=circle&layers=4,2&act=tanh&lr=0.03&...``), so a shared link opens the same
run.
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
from ui.i18n import t
from ui.mlp import actions, layout, sections

frame.page("mlp")
problems = actions.init()

st.title(t("mlp.title"))
st.caption(t("mlp.intro"))
state.show_problems(problems)
layout.phone_css()  # a phone: Play/Step/Reset, then the live view, then the rest
actions.mark_drawn()  # the Play state the live fragments are declared with
sections.workbench()
