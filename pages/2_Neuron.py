"""One neuron: z = w.x + b, a = g(z), its decision line, and training it (GD or perceptron).

Layout only: the settings, callbacks, pictures and the live part are ``ui.neuron`` (see its
docstring), the neuron and its training ``nncore.perceptron``. Settings live in the URL
(``?dataset=linear&noise=0&seed=0&act=sigmoid&x1=1&x2=2&rule=gd&lr=0.1&w1=..&w2=..&b=..``);
``w1, w2, b`` there are the *start* of training, so a shared link reproduces a run.
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
from ui.i18n import TUTORIAL_URL, t
from ui.neuron import actions, live

lang = frame.page("neuron")
problems = actions.init()

st.title(t("neuron.title"))
st.caption(f"[{t('common.tutorial_link')}]({TUTORIAL_URL})")
st.markdown(t("neuron.intro"))  # one line; the rest opens the control column
state.show_problems(problems)

# wide: controls left, pictures right (a phone shows the pictures first); a fragment, so a
# setting reruns it and not the frame and the title; its fragments write the URL
live.body(lang)
