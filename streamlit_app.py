"""Home page of NN Playground: what it is, one card per page, the tutorial it follows."""

import streamlit as st

from ui import frame, state
from ui.i18n import TUTORIAL_URL, t

lang = frame.page("home")
state.show_problems([state.drop_unknown(())])  # the home page has no settings of its own

st.title(t("home.title"))
st.markdown(f"**{t('home.tagline')}**")
st.markdown(t("home.intro"))

st.subheader(t("home.pages_header"))
cards = [info for info in frame.PAGES if info.id != "home"]
PER_ROW = 4  # seven cards in one row leave each too narrow to read
for row in range(0, len(cards), PER_ROW):
    for column, info in zip(st.columns(PER_ROW), cards[row:row + PER_ROW], strict=False):
        with column, st.container(border=True, height="stretch"):
            st.markdown(f"#### {t(f'nav.{info.id}')}")
            st.markdown(t(f"home.card.{info.id}"))
            frame.nav_link(info, lang, label=t("home.open"))

st.subheader(t("home.tutorial_header"))
st.markdown(t("home.tutorial_text"))
st.link_button(t("home.tutorial_button"), TUTORIAL_URL, icon=":material/menu_book:")
st.caption(t("home.language_hint"))
