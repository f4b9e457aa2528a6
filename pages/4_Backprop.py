"""Forward and backward pass with the numbers: the tutorial's last section, step by step.

Layout only: the settings, callbacks and parts of the page are in ``ui.backprop``, the
steps in ``nncore.trace``. Every setting is in the URL (``sizes=2-3-1&act=tanh&x=0.5,-1&...``).
The steps, the diagram and the loss are one fragment (``sections.steps``): the step, the
digits and show-all rerun it alone. On a phone it comes before the introduction and the
settings.
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
from ui.backprop import actions, sections, settings
from ui.i18n import TUTORIAL_URL, t

frame.page("backprop")

st.title(t("bp.title"))
st.markdown(t("bp.lead"))
state.show_problems(settings.from_url())
sections.phone_css()

with st.container(key=sections.BODY_KEY):
    with st.container(key=sections.SETUP_KEY):  # after the steps on a phone
        st.caption(f"[{t('common.tutorial_link')}]({TUTORIAL_URL})")
        st.markdown(t("bp.intro"))
        sections.settings_expander()
        example = sections.worked_example()
        # a link may ask for a step past this network's last; a smaller network has fewer
        state.show_problems([actions.clamp_step(len(example.trace.steps))])
        settings.to_url()
        sections.summary(example)
    with st.container(key=sections.STEPS_KEY):  # first on a phone
        sections.steps(example)
sections.torch_check(example)
