"""Placeholder for the neuron page (its own issue replaces this script)."""

import streamlit as st

from ui import frame
from ui.i18n import t

frame.page("neuron")
st.title(t("nav.neuron"))
st.info(t("common.coming_soon"))
