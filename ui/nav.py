"""The app's pages and the links between them: the page table (``PAGES``, ``PAGE_BY_ID``)
and ``nav_link``, a link that keeps the language and the target page's last settings.

Its own module, below the frame, because two things draw links: the frame (the sidebar)
and the lesson panel the frame shows on every page (``ui.course.panel``). The frame
re-exports these names (``frame.PAGES``, ``frame.nav_link``): pages use them from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from ui import state
from ui.i18n import t


@dataclass(frozen=True)
class PageInfo:
    """One page of the app: ``id`` (i18n ``nav.<id>``), script path relative to the entry
    script, and a Material icon."""

    id: str
    path: str
    icon: str

    @property
    def url_path(self) -> str:
        """The URL path Streamlit serves the page at ("" for home, "Activations", ...)."""
        if self.path == ENTRY_SCRIPT:
            return ""
        return Path(self.path).stem.split("_", 1)[-1]


ENTRY_SCRIPT = "streamlit_app.py"
PAGES: tuple[PageInfo, ...] = (
    PageInfo("home", ENTRY_SCRIPT, ":material/home:"),
    PageInfo("activations", "pages/1_Activations.py", ":material/show_chart:"),
    PageInfo("neuron", "pages/2_Neuron.py", ":material/radio_button_checked:"),
    PageInfo("mlp", "pages/3_MLP.py", ":material/hub:"),
    PageInfo("backprop", "pages/4_Backprop.py", ":material/swap_horiz:"),
    PageInfo("lessons", "pages/5_Lessons.py", ":material/school:"),
    PageInfo("optimizers", "pages/6_Optimizers.py", ":material/sports_score:"),
    PageInfo("class", "pages/7_Class.py", ":material/groups:"),
)
PAGE_BY_ID: dict[str, PageInfo] = {p.id: p for p in PAGES}


def nav_link(
    info: PageInfo, lang: str, label: str | None = None, params: dict | None = None
) -> None:
    """A link to page ``info`` keeping the language, the class (``class=``, while the
    session is in one or was invited by its link), the palette (``palette=cb``, when not the
    default) and that page's settings from its last visit in this session (``params``,
    when given, replace them); a plain link if the page is unknown.

    Streamlit only knows the sibling pages when the app was started from the entry
    script; an AppTest built from a page file directly does not, so fall back to a
    Markdown link there instead of failing.
    """
    label = label or t(f"nav.{info.id}")
    # the page's own settings from its last visit, so going back does not reset them
    params = {**(state.page_query(info.id) if params is None else params), "lang": lang,
              **state.class_query(), **state.palette_query()}
    try:
        st.page_link(info.path, label=label, icon=info.icon, query_params=params)
    except StreamlitPageNotFoundError:
        st.markdown(f"[{label}](/{info.url_path}?{urlencode(params, doseq=True)})")
