"""Forward and backward pass with the numbers: the tutorial's last section, step by step.

Layout only: the settings, callbacks and parts of the page are in ``ui.backprop``, the
steps in ``nncore.trace``. Every setting is in the URL (``sizes=2-3-1&act=tanh&x=0.5,-1&...``).
This script draws the frame, the title and the introduction on a full run only; the
settings and everything they change are nested fragments (``sections.settings_and_example``
and the ones inside it), so a widget reruns only the part it changes. On a phone the steps
come before the introduction and the settings.
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
# a link may ask for a step past this network's last; a smaller network has fewer
state.show_problems([actions.clamp_step(sections.step_count())])
sections.phone_css()

with st.container(key=sections.BODY_KEY):
    with st.container(key="bp_intro"):  # after the steps on a phone
        st.caption(f"[{t('common.tutorial_link')}]({TUTORIAL_URL})")
        st.markdown(t("bp.intro"))
        st.caption(t("bp.notation") + " " + t("bp.diagram_caption"))  # drawn once
    sections.settings_and_example()
