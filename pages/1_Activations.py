"""Activation functions: g and g', saturation, why nonlinearity, depth, comparison, PReLU/RReLU.

Thin page: the order of its parts. Each tab is a function in ``ui/activations/sections.py``;
only the open tab is drawn (and computed). The shared controls and the open tab are one
fragment: changing them does not rerun the frame, title and notice; the tabs' own
controls rerun smaller fragments inside it (see ``sections``).
"""

import streamlit as st

try:  # `streamlit run pages/<page>.py` finds none of the app's modules: say how to start it
    import ui  # noqa: F401
except ModuleNotFoundError:
    st.error("Start NN Playground from its folder: `streamlit run streamlit_app.py` · "
             "请在项目文件夹中运行 `streamlit run streamlit_app.py` 启动神经网络游乐场")
    st.stop()

from ui import frame, state
from ui.activations import sections, settings
from ui.i18n import t

lang = frame.page("activations")
problems = settings.from_url()

st.title(t("nav.activations"))
st.markdown(t("act.intro"))
state.show_problems(problems)


@st.fragment
def controls_and_tab() -> None:
    """The shared controls, the tab bar and the open tab."""
    lo, hi = sections.controls()
    specs = sections.specs_of(st.session_state.act_names)
    tab_id, tab = sections.tab_bar(lang)
    with tab:
        if tab_id == "curves":
            sections.curves_tab(specs, lo, hi)
        elif tab_id == "why":
            sections.why_tab()
        elif tab_id == "depth":
            sections.depth_tab(specs)
        elif tab_id == "table":
            sections.table_tab(tuple(sections.specs_of(settings.NAMES)))
        else:
            sections.variants_tab()
    settings.to_url()


controls_and_tab()
