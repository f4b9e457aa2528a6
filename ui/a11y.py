"""Accessibility shared by every page: the page language, focus, motion, hidden text.

``ui.frame.page`` puts :data:`CSS` into its style block and calls :func:`install` once per
run (in the sidebar; it draws nothing):

- ``<html lang>`` follows the UI language (``zh-CN`` / ``en``, :data:`HTML_LANG`): Streamlit
  serves ``lang="en"`` whatever the app's language (WCAG 3.1.1). A small
  ``st.components.v2`` script (``a11y.js``) sets it, and keeps it set after a switch;
- scrollable formula boxes become reachable by Tab (``tabindex=0``);
- :data:`CSS`: captions dark enough on white and on the sidebar's grey (WCAG 1.4.3), a
  visible focus ring on every control (2.4.7), focused controls kept clear of Streamlit's
  sticky header (2.4.11), no decorative motion under ``prefers-reduced-motion`` (2.3.3),
  and the visually hidden class :data:`SR_ONLY` for text meant for screen readers only.

:func:`hidden_text` draws such a text (a chart's text alternative that says what it shows
now): it takes no room and nothing a sighted user sees changes.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from ui.i18n import t

#: the ``<html lang>`` of each UI language (BCP 47)
HTML_LANG = {"en": "en", "zh": "zh-CN"}
#: the class of visually hidden text (read by screen readers, takes no room)
SR_ONLY = "nn-sr"
#: the colour of captions and other secondary text: 7.2:1 on white, 6.4:1 on the sidebar
SECONDARY_TEXT = "#55575f"
#: a disabled control's label: lighter than a live one, still 5.3:1 on white (axe counts
#: it; WCAG exempts inactive controls, a reader with low vision still needs to read it)
DISABLED_TEXT = "#6b6d75"
#: the focus ring (the theme's primary colour: 6.8:1 on white)
FOCUS = "#2456b8"

CSS = f"""<style>
.stApp [data-testid="stCaptionContainer"], .stApp [data-testid="stCaptionContainer"] p,
.stApp [data-testid="stWidgetLabel"] [data-testid="stCaptionContainer"] {{
  color: {SECONDARY_TEXT}; opacity: 1; }}
.stApp [data-testid="stWidgetLabel"][disabled], .stApp [data-testid="stWidgetLabel"][disabled] p {{
  color: {DISABLED_TEXT}; }}
.stApp :is(a, button, input, textarea, select, summary, [tabindex]:not([tabindex="-1"]),
  [role="slider"], [role="tab"], [role="button"], [role="switch"], [role="checkbox"],
  [role="radio"], [role="combobox"]):focus-visible {{
  outline: 3px solid {FOCUS} !important; outline-offset: 2px; }}
html, .stApp [data-testid="stMain"] {{ scroll-padding-top: 4.5rem; scroll-padding-bottom: 1rem; }}
.stApp :is(a, button, input, textarea, select, summary, [tabindex], [role="slider"]) {{
  scroll-margin-top: 4.5rem; scroll-margin-bottom: 1rem; }}
/* pointer targets of at least 24 x 24 CSS px (WCAG 2.5.8) where Streamlit draws them
   smaller; negative margins keep the layout as it was */
.stApp .stTooltipHoverTarget button {{ box-sizing: content-box; min-width: 16px;
  min-height: 16px; padding: 4px; margin: -4px; }}
.stApp [data-tag] button[aria-label] {{ box-sizing: border-box; min-width: 24px;
  min-height: 24px; margin: -8.5px -4.5px -8.5px -4.5px; }}
.stApp [data-testid="stTabsScrollLeft"], .stApp [data-testid="stTabsScrollRight"] {{
  min-width: 24px; }}
@media (prefers-reduced-motion: reduce) {{
  .stApp *, .stApp *::before, .stApp *::after {{
    animation-duration: 0.01ms !important; animation-iteration-count: 1 !important;
    transition-duration: 0.01ms !important; scroll-behavior: auto !important; }}
}}
.{SR_ONLY} {{ position: absolute !important; width: 1px; height: 1px; padding: 0;
  margin: -1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }}
[data-testid="stElementContainer"]:has(.{SR_ONLY}) {{ position: absolute !important;
  width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }}
</style>"""

_relay = st.components.v2.component(
    "nn_a11y_relay", js=(Path(__file__).with_name("a11y.js")).read_text(encoding="utf-8")
)


def html_lang(lang: str) -> str:
    """The ``<html lang>`` value of UI language ``lang`` (``"zh"`` -> ``"zh-CN"``)."""
    return HTML_LANG.get(lang, "en")


def install(lang: str) -> None:
    """Mount the page's relay (``<html lang>``, reachable scroll boxes); draws nothing."""
    _relay(key="nn_a11y_relay", data={"lang": html_lang(lang)}, height=0)


def hidden_markup(text: str, chart: str | None = None) -> str:
    """The HTML of a visually hidden paragraph holding ``text`` (escaped); ``chart`` (an
    id) marks whose text alternative it is, for the tests."""
    mark = f' data-chart="{html.escape(chart)}"' if chart else ""
    return f'<p class="{SR_ONLY}"{mark}>{html.escape(text)}</p>'


def hidden_text(text: str, chart: str | None = None) -> None:
    """Draw ``text`` for screen readers only (right after the picture it describes)."""
    st.markdown(hidden_markup(text, chart), unsafe_allow_html=True)


#: widget key prefix of the "show as table" expanders
TABLE_KEY = "a11y_table_"


def data_table(chart: str, make: Callable[[], pd.DataFrame]) -> None:
    """A "show as table" expander under picture ``chart`` (its id): closed, it draws
    nothing more (``on_change="rerun"``); open, the picture's numbers as a table, made by
    ``make`` only then."""
    box = st.expander(t("a11y.show_table"), key=TABLE_KEY + chart, on_change="rerun",
                      icon=":material/table_view:")
    if box.open:
        with box:
            st.dataframe(make(), hide_index=True)
