"""Placeholder for the mlp page (its own issue replaces this script)."""

import streamlit as st

from ui import frame
from ui.i18n import t

frame.page("mlp")
st.title(t("nav.mlp"))
st.info(t("common.coming_soon"))
