"""Activation functions: g and g', saturation, why nonlinearity, depth, comparison, PReLU/RReLU.

Thin page: the order of its parts. Each tab is a function in ``ui/activations/sections.py``;
only the open tab is drawn (and computed). The shared controls and the open tab are two
nested fragments: changing them does not rerun the frame, title and notice, and the
parameter sliders not the multiselect and range either; the tabs' own controls rerun
smaller fragments inside (see ``sections``).
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
    """The activations and z range, then the rest of the page (a fragment: changing them
    does not rerun the frame, title and notice)."""
    lo, hi = sections.choices()
    parameters_and_tab(lo, hi)


@st.fragment
def parameters_and_tab(lo: int, hi: int) -> None:
    """The parameter sliders, the tab bar and the open tab (a fragment in the one above:
    a parameter slider does not redraw the multiselect and range)."""
    sections.parameters()
    sections.open_tab(lang, lo, hi)
    settings.to_url()


controls_and_tab()
