"""The frame every page shares: page config, language, bilingual sidebar navigation.

Every page script starts with::

    from ui import frame
    lang = frame.page("activations")      # returns "en" or "zh"

Why not ``st.navigation``: see ARCHITECTURE.md (deep links on a fresh server run the
page script directly, so each page must build its own frame). The built-in page list is
hidden in ``.streamlit/config.toml`` and replaced by ``st.page_link`` entries whose labels
follow the language.

Language: the ``?lang=`` URL parameter wins, then the language chosen earlier in this
session, then the browser's locale (``st.context.locale``, else the Accept-Language
header), then English. The chosen language is written back as ``?lang=..`` so a copied
link opens in the same language; switching keeps the page's other URL parameters.
"""

from __future__ import annotations

import gc

import streamlit as st

from nncore import torch_ref
from ui import a11y, follow, state
from ui.classroom import poll
from ui.course import panel
from ui.course.catalog import BY_ID, Lesson
from ui.i18n import DEFAULT_LANG, LANG_KEY, LANG_NAMES, LANGS, t

# the page table and the links live in ui.nav (the lesson panel draws links too); the
# pages use them from here
from ui.nav import ENTRY_SCRIPT, PAGE_BY_ID, PAGES, PageInfo, nav_link  # noqa: F401

# Widget keys of the language switches (their state is re-synced from the URL on every
# run): the sidebar's, and the compact one at the top of the page on a narrow screen.
SWITCH_KEY = "frame_lang_switch"
TOP_SWITCH_KEY = "frame_lang_top"
#: Streamlit stacks columns below this width (its theme's ``breakpoints.columns``)
NARROW_PX = 640
#: key prefix of the containers whose column comes first once columns stack (phones)
MAIN_FIRST = "frame_main_"
_CSS = f"""<style>
@media (min-width: {NARROW_PX + 1}px) {{ .st-key-{TOP_SWITCH_KEY}_box {{ display: none; }} }}
@media (max-width: {NARROW_PX}px) {{
  [data-testid="stColumn"]:has([class*="st-key-{MAIN_FIRST}"]) {{ order: -1; }}
}}
[data-testid="stElementContainer"]:has(> * .nn-follow-proxies) {{ display: none; }}
</style>"""
#: widget key of the presentation-mode switch (re-synced from ``?present=`` every run)
PRESENT_KEY = "frame_present_switch"
#: widget key of the colour-blind-safe palette switch (re-synced from the session's
#: palette every run, see :func:`resolve_palette`)
PALETTE_SWITCH_KEY = "frame_palette_switch"
#: presentation mode (``?present=1``): large type, high contrast, charts zoomed (CSS
#: ``zoom`` keeps a container-wide chart inside its column: it lays out at 1/zoom of the
#: width and is drawn at full width, labels scaled), the MLP page's Play button and epoch
#: counter large, its boundary picture capped so the loss chart fits on the same screen
CHART_ZOOM = 1.3
_PRESENT_CSS = f"""<style>
.stApp {{ --present: 1; }}
.stApp, .stApp [data-testid="stMain"] {{ background: #ffffff; color: #000000; }}
.stApp [data-testid="stMarkdownContainer"] p, .stApp [data-testid="stMarkdownContainer"] li,
.stApp [data-testid="stWidgetLabel"] p {{ font-size: 1.3rem; line-height: 1.45; }}
.stApp [data-testid="stCaptionContainer"], .stApp [data-testid="stCaptionContainer"] p {{
  font-size: 1.1rem; color: #111111; }}
.stApp h1 {{ font-size: 2.4rem; }}
.stApp [data-testid="stMetricValue"], .stApp [data-testid="stMetricValue"] * {{
  font-size: 2.4rem; font-weight: 700; color: #000000; }}
.stApp [data-testid="stMetricLabel"] p {{ font-size: 1.2rem; color: #000000; }}
.stApp a {{ color: #0033cc; text-decoration: underline; }}
.stApp button[kind="primary"] {{
  background: #0033cc; border-color: #0033cc; color: #ffffff; }}
.stApp [data-testid="stVegaLiteChart"] {{
  zoom: {CHART_ZOOM}; max-width: calc(100% / {CHART_ZOOM}); }}
.stApp [data-testid="stMainBlockContainer"] {{ padding-top: 3.5rem; }}
/* the MLP page: big Play and epoch; data controls, the training tools and help folded
   away; the live boundary and the loss chart side by side, both on the first screen */
.st-key-mlp_play_btn button {{ min-height: 4.2rem; font-size: 1.8rem; font-weight: 700; }}
.st-key-mlp_play_btn button p {{ font-size: 1.8rem; }}
.st-key-mlp_figures [data-testid="stElementContainer"]:first-child [data-testid="stMetricValue"],
.st-key-mlp_figures [data-testid="stElementContainer"]:first-child [data-testid="stMetricValue"] *
  {{ font-size: 3.6rem; line-height: 1.1; }}
.stApp:has(.st-key-mlp_play_btn) [data-testid="stMain"] [data-testid="stCaptionContainer"],
[data-testid="stColumn"]:has(.st-key-mlp_side_box),
.st-key-mlp_tools_open,
.st-key-mlp_slow_box > [data-testid="stLayoutWrapper"]:has(.st-key-mlp_focus) {{ display: none; }}
[data-testid="stColumn"]:has(.st-key-frame_main_mlp) {{ flex: 1 1 100% !important;
  width: 100% !important; max-width: 100%; }}
.st-key-frame_main_mlp {{ flex-direction: row; align-items: flex-start; }}
.st-key-frame_main_mlp > * {{ flex: 1 1 0; min-width: 0; }}
.st-key-frame_main_mlp > [data-testid="stLayoutWrapper"]:has(.st-key-mlp_figures)
  {{ flex-grow: 1.5; }}
.st-key-mlp_slow_box [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; }}
.st-key-mlp_slow_box [data-testid="stColumn"] {{
  flex: 1 1 100% !important; width: 100% !important; }}
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] .st-key-mlp_figures)
  [data-testid="stImage"] img {{ max-height: calc(100vh - 390px); width: auto; max-width: 100%; }}
</style>"""


#: the pages whose charts follow a slider in the browser before the rerun (``ui.follow``)
FOLLOWING = frozenset(follow.SLIDERS)


def lang_from_locale(locale: str | None, accept_language: str | None = None) -> str | None:
    """Our language for a browser locale ("zh-CN" -> "zh", "en-GB" -> "en"), else None.

    ``accept_language`` (an HTTP header such as "fr;q=0.9, zh-TW;q=0.8") is tried when the
    locale is missing or not one of ours; its tags are taken in the order given.
    """
    tags = [locale or ""]
    if accept_language:
        tags += [part.split(";")[0] for part in accept_language.split(",")]
    for tag in tags:
        primary = tag.strip().replace("_", "-").split("-")[0].lower()
        if primary in LANGS:
            return primary
    return None


def _browser_lang() -> str | None:
    try:
        locale = st.context.locale
        headers = st.context.headers
        accept = headers.get("Accept-Language") if headers else None
    except Exception:  # noqa: BLE001 - no browser context (AppTest, bare mode)
        return None
    return lang_from_locale(locale, accept)


def resolve_lang() -> tuple[str, str | None]:
    """The session's language and a problem text if ``?lang=`` held junk."""
    remembered = st.session_state.get(LANG_KEY)
    fallback = remembered if remembered in LANGS else _browser_lang() or DEFAULT_LANG
    return state.read_choice("lang", fallback, LANGS)


def _on_lang_change(key: str = SWITCH_KEY) -> None:
    new = st.session_state.get(key)
    if new in LANGS:
        st.session_state[LANG_KEY] = new
        state.set_param("lang", new)  # only this key changes; the page's others stay


def lang_switch(lang: str, key: str = SWITCH_KEY) -> None:
    """The language switch (a segmented control) that follows the URL's language."""
    st.session_state[key] = lang  # follow the URL (back button, shared link)
    st.segmented_control(
        t("common.lang_label"),
        options=list(LANGS),
        format_func=LANG_NAMES.__getitem__,
        key=key,
        required=True,
        on_change=_on_lang_change,
        args=(key,),
        label_visibility="collapsed" if key == TOP_SWITCH_KEY else "visible",
    )


def main_first(name: str):
    """A container for a page's main picture: on a narrow screen, where Streamlit stacks
    columns in the order they were declared, the column holding it comes first (CSS
    ``order``), so a phone shows the picture before the controls; wide screens keep the
    declared layout."""
    return st.container(key=MAIN_FIRST + name)


def _on_present() -> None:
    state.set_param("present", "1" if st.session_state.get(PRESENT_KEY) else None)


def present_switch(present: bool) -> None:
    """The presentation-mode switch; it follows ``?present=`` and writes it."""
    st.session_state[PRESENT_KEY] = present
    st.toggle(t("common.present"), key=PRESENT_KEY, on_change=_on_present,
              help=t("common.present_help"))


def read_present() -> tuple[bool, str | None]:
    """Presentation mode from ``?present=`` (1/0, on/off...) and a problem for junk."""
    return state.read_bool("present", False)


def resolve_palette() -> tuple[str, str | None]:
    """The session's palette (``?palette=`` wins, then the session's earlier choice, then
    the default) and a problem for junk; the URL then says ``palette=cb``, or nothing for
    the default, so a link without it opens exactly the colours it always did."""
    name, problem = state.read_palette(st.session_state.get(state.PALETTE_KEY,
                                                           state.PALETTE_NAMES[0]))
    _use_palette(name)
    return name, problem


def _use_palette(name: str) -> None:
    """Draw with palette ``name`` from now on; the URL keeps it (the default: no key)."""
    st.session_state[state.PALETTE_KEY] = name
    state.set_param("palette", None if name == state.PALETTE_NAMES[0] else name)


def _on_palette() -> None:
    _use_palette("cb" if st.session_state.get(PALETTE_SWITCH_KEY) else state.PALETTE_NAMES[0])


def palette_switch(name: str) -> None:
    """The colour-blind-safe palette switch; it follows the session's palette and writes
    ``?palette=``."""
    st.session_state[PALETTE_SWITCH_KEY] = name == "cb"
    st.toggle(t("a11y.palette"), key=PALETTE_SWITCH_KEY, on_change=_on_palette,
              help=t("a11y.palette_help"))


def read_lesson(page_id: str) -> tuple[Lesson | None, str | None]:
    """The lesson a target page's link names (``?lesson=<id>``), and a problem (the
    parameter is then removed) if it names none. The Lessons page reads it itself."""
    if page_id == "lessons" or "lesson" not in st.query_params:
        return None, None
    raw = st.query_params.get_all("lesson")[-1]
    if raw in BY_ID:
        return BY_ID[raw], None
    del st.query_params["lesson"]
    return None, t("common.no_lesson", setting=state.inert(f"lesson={raw}"))


def sidebar(page_id: str, lang: str, present: bool = False,
            palette: str = state.PALETTE_NAMES[0]) -> None:
    """Language switch, presentation mode, palette and navigation in the sidebar."""
    with st.sidebar:
        follow.proxies(page_id)  # before any chart, which binds them when first drawn
        st.markdown(f"### {t('common.app_name')}")
        lang_switch(lang)
        present_switch(present)
        palette_switch(palette)
        st.caption(t("common.nav_header"))
        for info in PAGES:
            nav_link(info, lang)
        poll.sidebar(page_id, lang)  # the class the session is in (nothing outside one)
        st.divider()
        st.caption(t("common.sidebar_caption"))
        if page_id in FOLLOWING:
            follow.install()  # draws nothing
        a11y.install(lang)  # <html lang> follows the language; draws nothing


def torch_missing(what: str) -> bool:
    """True, after an info box saying what needs PyTorch and how to install it, when torch
    is not installed here (it is optional at run time); False when it is there."""
    if torch_ref.available():
        return False
    st.info(t("common.torch_missing", what=what), icon=":material/extension_off:")
    return True


@st.cache_resource(show_spinner=False)
def _freeze_imports() -> bool:
    """Once per process: move everything alive after the imports (Streamlit, NumPy,
    pandas, Altair: hundreds of thousands of objects) out of the garbage collector's
    reach. The server runs no full collection after every script run
    (``runner.postScriptGC = false``), and Python's own full collections then only walk
    what the sessions made, so they stay cheap for every student playing."""
    gc.collect()
    gc.freeze()
    _few_malloc_arenas()
    return True


def _few_malloc_arenas(arenas: int = 2) -> None:
    """glibc only: at most ``arenas`` malloc arenas from now on, as ``MALLOC_ARENA_MAX=2``
    does for ``deploy/run.sh``'s replicas, but also for a plain ``streamlit run`` and on
    Community Cloud, where nobody sets the environment. Every session's script thread
    would otherwise get an arena of its own, and a class's memory crept up over a soak:
    +14.7% in 10 minutes at 20 students with glibc's default, +8.1% with 2 arenas
    (bench/bench_classroom.py). Nothing happens where there is no glibc ``mallopt``."""
    import ctypes
    import ctypes.util

    M_ARENA_MAX = -8  # glibc's malloc.h
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        if libc is not None and hasattr(libc, "mallopt"):
            libc.mallopt(M_ARENA_MAX, arenas)
    except OSError:  # not glibc (macOS, Windows, musl without the symbol)
        pass


def page(page_id: str) -> str:
    """Set up page ``page_id`` (a key of ``PAGE_BY_ID``); call first. Returns the language."""
    _freeze_imports()
    info = PAGE_BY_ID[page_id]
    lang, problem = resolve_lang()
    st.session_state[LANG_KEY] = lang
    state.relabel(lang)  # a language switch: the translated choices in the new labels
    st.session_state[state.PAGE_KEY] = page_id
    present, present_problem = read_present()
    palette, palette_problem = resolve_palette()
    lesson, lesson_problem = read_lesson(page_id)
    class_problem = poll.start(page_id)  # the class the links carry, before any is drawn
    title = t("common.app_name") if page_id == "home" else f"{t(f'nav.{page_id}')} · NN Playground"
    st.set_page_config(
        page_title=title, page_icon=info.icon, layout="wide",
        initial_sidebar_state="collapsed" if present else "auto",
    )  # "auto": the sidebar starts closed on a phone, open on a wide screen
    state.set_param("lang", lang)
    st.html(_CSS + a11y.CSS + (_PRESENT_CSS if present else ""))  # style only: takes no room
    with st.container(key=f"{TOP_SWITCH_KEY}_box"):  # shown on narrow screens only
        lang_switch(lang, TOP_SWITCH_KEY)
    sidebar(page_id, lang, present, palette)
    state.notice_slot()  # one box at the top for every problem this run finds in the link
    state.show_problems([problem, present_problem, palette_problem, lesson_problem,
                         class_problem])
    poll.live(page_id, lang)  # class mode: the class's question, view and challenge
    if page_id != "lessons":
        panel.start(page_id, lesson)  # a lesson's first run: the page starts from its link
        if lesson is not None:
            panel.panel(lesson, lang)
    return lang
