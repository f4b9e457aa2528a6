"""Helpers of the randomised page test (``test_fuzz_pages``) and the junk-link test
(``test_junk_links``): random legal widget actions, a scan for NaN and infinity shown as
numbers, the URL parameters a page reads, and a check that a notice shows a value from the
link inertly (as text, never as a link, image, HTML or formula).

Everything here works on an ``AppTest`` after a run; nothing imports the app's pages.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.common import user_key_from_element_id
from streamlit.runtime.state.query_params_proxy import QueryParamsProxy
from streamlit.testing.v1 import element_tree as et

from tests.conftest import spec_id
from ui.i18n import LANGS, tr

_ROOT = Path(__file__).resolve().parents[2]

# ------------------------------------------------------------------ pages

#: (page id, script path relative to the repository root), in the sidebar's order
PAGES = (
    ("home", "streamlit_app.py"),
    ("activations", "pages/1_Activations.py"),
    ("neuron", "pages/2_Neuron.py"),
    ("mlp", "pages/3_MLP.py"),
    ("backprop", "pages/4_Backprop.py"),
    ("lessons", "pages/5_Lessons.py"),
    ("optimizers", "pages/6_Optimizers.py"),
    ("class", "pages/7_Class.py"),
)
PATH = dict(PAGES)
TITLE_KEY = {"home": "home.title", "activations": "nav.activations", "neuron": "neuron.title",
             "mlp": "mlp.title", "backprop": "bp.title", "lessons": "lessons.title",
             "optimizers": "opt.title", "class": "class.title"}


def page_lang(at) -> str:
    """The language of the last run."""
    from ui.i18n import DEFAULT_LANG, LANG_KEY

    lang = at.session_state[LANG_KEY] if LANG_KEY in at.session_state else DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def main_content_problems(at, page: str) -> list[str]:
    """What is missing of the page's main content after a run ([] when it is all there)."""
    titles = [t.value for t in at.title]
    want = {tr(TITLE_KEY[page], lang) for lang in LANGS}
    missing = [] if titles and titles[0] in want else [f"title {titles!r} is not the page's"]
    charts = [spec_id(json.loads(c.proto.spec)) for c in at.get("vega_lite_chart")]
    if page == "home":
        if len(at.main.get("page_link")) != len(PAGES) - 1:
            missing.append("the home page's cards (page links) are missing")
    elif page == "activations":
        # tabs run lazily: the open one holds the content (a chart, a table or a text such
        # as "none selected" or "g' is zero everywhere")
        shown = [n for tab in at.get("tabs") for n in _walk(tab) if isinstance(n, et.Element)]
        if not shown:
            missing.append("no tab shows anything")
    elif page == "neuron":
        if "neuron-plane" not in charts or len(at.metric) < 3:
            missing.append("the neuron's plane chart or its metrics are missing")
    elif page == "mlp":
        none = tr("mlp.no_features", page_lang(at))
        if (len(at.get("image")) < 2 or len(at.metric) < 5) and not any(
            w.value == none for w in at.warning
        ):
            missing.append("the MLP's pictures or metrics are missing (and no 'no features')")
    elif page == "backprop":
        if len(at.metric) < 2 or not at.latex:
            missing.append("the backprop step and the loss before/after are missing")
    return missing


# ------------------------------------------------------------------ NaN / infinity shown

# "nan", "NaN", "-inf", "Infinity" as a token (not "information", "infinite", "nano"); the
# boundaries are ASCII on purpose: "为nan" in Chinese text is still a token
_NONFINITE_WORD = re.compile(
    r"(?<![A-Za-z0-9_.])[-+−]?(?:nan|inf(?:inity)?)(?![A-Za-z0-9_])", re.IGNORECASE
)
_INF_SYMBOL = re.compile(r"∞|\\infty(?![A-Za-z])")
# an open interval's end, "(-∞, 0]" or "[0, ∞)": a range, not a computed number
_INTERVAL_END = re.compile(
    r"(?<=\()\s*[-−]\s*(?:∞|\\infty)(?=\s*,)|(?<=,)\s*\+?(?:∞|\\infty)(?=\s*\))"
)


def nonfinite_in_text(text: str) -> list[str]:
    """The NaN/infinity tokens in ``text`` shown as numbers, each with some context."""
    cleaned = _INTERVAL_END.sub(" ", text)
    found = []
    for rx in (_NONFINITE_WORD, _INF_SYMBOL):
        for m in rx.finditer(cleaned):
            found.append(repr(cleaned[max(0, m.start() - 40): m.end() + 40]))
    return found


def _nonfinite_in_frame(df) -> list[str]:
    found = []
    for col in df.columns:
        series = df[col]
        if series.dtype.kind == "f":
            if np.isinf(series.to_numpy(dtype=float)).any():
                found.append(f"column {col!r} holds ±inf")
        elif series.dtype.kind == "O" or str(series.dtype).startswith(("string", "str")):
            for v in series:
                if isinstance(v, float) and not math.isfinite(v):
                    found.append(f"column {col!r} holds {v!r}")
                    break
                if isinstance(v, str) and nonfinite_in_text(v):
                    found.append(f"column {col!r}: {nonfinite_in_text(v)[0]}")
                    break
    return found


def _nonfinite_in_arrow(name: str, table: pa.Table) -> list[str]:
    found = []
    for col_name, col in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_floating(col.type):
            if pc.any(pc.is_inf(col)).as_py():
                found.append(f"dataset {name!r} column {col_name!r} holds ±inf")
            if pc.any(pc.is_nan(col)).as_py():
                found.append(f"dataset {name!r} column {col_name!r} holds NaN")
        elif pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            for v in col.to_pylist():
                if v is not None and not v.startswith("data:") and nonfinite_in_text(v):
                    found.append(f"dataset {name!r} column {col_name!r}: {v!r}")
                    break
    return found


def nonfinite_shown(at, skip: Callable[[Any], bool] = lambda element: False) -> list[str]:
    """Every place the page shows NaN or infinity as a number: Markdown, captions, LaTeX,
    alerts, metrics, plain text, dataframes and tables, and charts (their data and spec).

    Null cells (``None``; a NaN in a DataFrame becomes one on its way to the browser) show
    as empty, not as a number, and are not reported. ``skip(element)`` leaves elements out
    (the junk-link test skips the notice that quotes ``lr=nan`` from the link).
    """
    found: list[str] = []
    texts = []
    for kind in ("markdown", "caption", "latex", "text", "warning", "info", "error", "success",
                 "title", "header", "subheader"):
        for element in at.get(kind):
            if not skip(element):
                texts.append((kind, element.value))
    for element in at.get("metric"):
        texts.append(("metric", f"{element.proto.label}: {element.proto.body}"))
        if element.proto.delta:
            texts.append(("metric delta", element.proto.delta))
    for kind, text in texts:
        found += [f"{kind}: {hit}" for hit in nonfinite_in_text(text)]
    for kind in ("dataframe", "table"):
        for element in at.get(kind):
            found += [f"{kind}: {hit}" for hit in _nonfinite_in_frame(element.value)]
    for chart in at.get("vega_lite_chart"):
        spec = chart.proto.spec
        chart_id = spec_id(json.loads(spec)) or "?"
        if re.search(r"(?<![\w\"])-?(?:NaN|Infinity)(?![\w\"])", spec):
            found.append(f"chart {chart_id!r}: its spec holds NaN or Infinity")
        data = [(d.name, d.data.data) for d in chart.proto.datasets]
        if chart.proto.data.data:
            data.append(("", chart.proto.data.data))
        for name, raw in data:
            table = pa.ipc.open_stream(raw).read_all()
            found += [f"chart {chart_id!r}: {hit}" for hit in _nonfinite_in_arrow(name, table)]
    return found


# ------------------------------------------------------------------ random widget actions


@dataclass
class Action:
    """One user action: ``apply(at)`` stages it; ``str(action)`` is its line in the log."""

    kind: str
    target: str
    value: Any
    apply: Callable[[Any], None]

    def __str__(self) -> str:
        return f"{self.kind} {self.target} <- {self.value!r}"


_SENDING: dict[type, type] = {}


def _send(widget, state: WidgetState) -> None:
    """Make ``widget`` send ``state`` at the next run: the formatted option texts the browser
    sends, which AppTest's ``set_value`` cannot take for every ``format_func``."""
    cls = type(widget)
    if cls not in _SENDING:
        _SENDING[cls] = type(f"Sending{cls.__name__}", (cls,),
                             {"_widget_state": property(lambda self: self._sent_state)})
    widget.__class__ = _SENDING[cls]
    widget._sent_state = state


def _send_strings(widget, texts: list[str], single: bool) -> None:
    state = WidgetState()
    state.id = widget.id
    if single:
        state.string_value = texts[0]
    else:
        state.string_array_value.data[:] = texts
    _send(widget, state)


def _target(widget) -> str:
    if widget.key:
        return f"key={widget.key!r}"
    return f"label={getattr(widget.proto, 'label', '')!r}"


def _grid_value(lo: float, hi: float, step: float, k: int, is_int: bool) -> float | int:
    if is_int:
        return int(round(lo + k * step))
    decimals = max(0, -math.floor(math.log10(step))) + 2 if step > 0 else 12
    return float(round(lo + k * step, decimals))


def _grid_index(rng: np.random.Generator, n: int) -> int:
    """An index on a grid of n + 1 points: the ends a third of the time, else any."""
    u = rng.random()
    if u < 1 / 6:
        return 0
    if u < 1 / 3:
        return n
    return int(rng.integers(0, n + 1))


def _pair(rng: np.random.Generator, n: int) -> tuple[int, int]:
    """Two grid indices lo <= hi; equal ends about one time in six."""
    a = _grid_index(rng, n)
    b = a if rng.random() < 1 / 6 else _grid_index(rng, n)
    return (a, b) if a <= b else (b, a)


def _slider_action(w, rng) -> Action | None:
    p = w.proto
    if p.data_type not in (p.INT, p.FLOAT):
        return None  # dates and times: no page has one
    is_int = p.data_type == p.INT
    n = int(round((p.max - p.min) / p.step)) if p.step > 0 else 0
    current = w.value
    if isinstance(current, list | tuple):
        i, j = _pair(rng, n)
        value = [_grid_value(p.min, p.max, p.step, k, is_int) for k in (i, j)]
    else:
        value = _grid_value(p.min, p.max, p.step, _grid_index(rng, n), is_int)
    return Action("slider", _target(w), value, lambda at: w.set_value(value))


def _select_slider_action(w, rng) -> Action | None:
    options = list(w.options)
    if not options:
        return None
    if isinstance(w.value, list | tuple):
        i, j = _pair(rng, len(options) - 1)
        texts = [options[i], options[j]]
    else:
        texts = [options[_grid_index(rng, len(options) - 1)]]
    return Action("select_slider", _target(w), texts,
                  lambda at: _send_strings(w, texts, single=False))


def _choice_action(kind: str):
    def make(w, rng) -> Action | None:
        options = list(w.options)
        if not options:
            return None
        text = options[int(rng.integers(len(options)))]
        return Action(kind, _target(w), text, lambda at: _send_strings(w, [text], single=True))

    return make


def _subset(rng, options: list[str], limit: int = 0) -> list[str]:
    size = int(rng.integers(0, len(options) + 1))
    if limit:
        size = min(size, limit)
    return [options[i] for i in rng.permutation(len(options))[:size]]


def _multiselect_action(w, rng) -> Action | None:
    options = list(w.options)
    texts = _subset(rng, options, int(w.proto.max_selections))
    return Action("multiselect", _target(w), texts,
                  lambda at: _send_strings(w, texts, single=False))


def _button_group_action(w, rng) -> Action | None:
    options = list(w.options)
    if not options:
        return None
    if w._is_single_select:
        choices = [[o] for o in options] + ([] if w.proto.required else [[]])
        texts = choices[int(rng.integers(len(choices)))]
    else:
        texts = _subset(rng, options)
    return Action("button_group", _target(w), texts,
                  lambda at: _send_strings(w, texts, single=False))


def _flip_action(kind: str):
    def make(w, rng) -> Action | None:
        value = not bool(w.value)
        return Action(kind, _target(w), value, lambda at: w.set_value(value))

    return make


def _number_input_action(w, rng) -> Action | None:
    p = w.proto
    is_int = p.data_type == p.INT
    step = p.step or 1
    lo = p.min if p.has_min else (w.value or 0) - 100 * step
    hi = p.max if p.has_max else (w.value or 0) + 100 * step
    n = int(math.floor((hi - lo) / step + 1e-9))
    value = _grid_value(lo, hi, step, _grid_index(rng, n), is_int)
    return Action("number_input", _target(w), value, lambda at: w.set_value(value))


def _button_action(w, rng) -> Action | None:
    label = w.proto.label
    return Action("button", f"{_target(w)} ({label!r})" if w.key else _target(w), "click",
                  lambda at: w.click())


_MAKERS = {
    "slider": _slider_action,
    "select_slider": _select_slider_action,
    "selectbox": _choice_action("selectbox"),
    "radio": _choice_action("radio"),
    "multiselect": _multiselect_action,
    "button_group": _button_group_action,  # st.pills, st.segmented_control
    "toggle": _flip_action("toggle"),
    "checkbox": _flip_action("checkbox"),
    "number_input": _number_input_action,
    "button": _button_action,
}


def _tab_actions(at, rng) -> list[Callable[[], Action]]:
    """Keyed ``st.tabs`` (a widget with on_change): open a random tab."""
    makers = []
    for node in _walk(at._tree):
        if getattr(node, "type", None) != "tab_container" or not node.proto.id:
            continue
        key = user_key_from_element_id(node.proto.id)
        labels = [child.label for child in node.children.values() if isinstance(child, et.Tab)]
        if key and labels:
            def make(key=key, labels=labels) -> Action:
                label = labels[int(rng.integers(len(labels)))]
                return Action("tabs", f"key={key!r}", label,
                              lambda at: at.session_state.__setitem__(key, label))
            makers.append(make)
    return makers


def _walk(node) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def random_action(at, rng: np.random.Generator) -> Action:
    """A random legal action on a random enabled widget of the last run."""
    makers: list[Callable[[], Action | None]] = []
    for kind, make in _MAKERS.items():
        for w in at.get(kind):
            if not getattr(w.proto, "disabled", False):
                makers.append(lambda w=w, make=make: make(w, rng))
    makers += _tab_actions(at, rng)
    assert makers, "the page has no widget to act on"
    while True:
        action = makers[int(rng.integers(len(makers)))]()
        if action is not None:
            return action


# ------------------------------------------------------------------ URL parameters a page reads


@contextmanager
def recording_reads() -> Iterator[list[str]]:
    """Record the name of every URL parameter read through ``st.query_params`` (``get``,
    ``[]``, ``in``, attribute access, ``get_all``) while the block runs; the ``get_all``
    with which ``ui.state.write_params`` compares what it writes is not a read."""
    from ui import state

    names: list[str] = []
    skip = {state.write_params.__code__}
    saved = {n: QueryParamsProxy.__dict__[n] for n in ("__getitem__", "__getattr__", "get_all")}

    def writing() -> bool:
        frame = sys._getframe(2)
        while frame is not None:
            if frame.f_code in skip:
                return True
            frame = frame.f_back
        return False

    def wrap(original):
        def read(self, key, *args, **kwargs):
            if isinstance(key, str) and not key.startswith("_") and not writing():
                names.append(key)
            return original(self, key, *args, **kwargs)

        return read

    for name, original in saved.items():
        setattr(QueryParamsProxy, name, wrap(original))
    try:
        yield names
    finally:
        for name, original in saved.items():
            setattr(QueryParamsProxy, name, original)


# ------------------------------------------------------------------ inert notices


def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


_BLOCKS_ALLOWED = {"paragraph_open", "paragraph_close", "inline", "bullet_list_open",
                   "bullet_list_close", "list_item_open", "list_item_close"}
# What Streamlit's Markdown (GitHub flavour, with maths) would turn into a link or a formula
# although CommonMark leaves it as text: bare URLs and e-mail addresses, $...$
_AUTOLINK_TEXT = re.compile(r"(?i)\b(?:https?://|www\.)|[\w.+-]+@[\w-]+\.[A-Za-z]")
_MATH_TEXT = re.compile(r"\$[^$]*\$")


@dataclass
class Rendered:
    """A notice's Markdown as CommonMark renders it: ``active`` lists what would render as
    something other than text (a link, an image, HTML, a heading, a formula...), ``items``
    the visible text of each list item and ``text`` that of the whole notice."""

    active: list[str]
    items: list[str]
    text: str


def render(body: str) -> Rendered:
    """Parse a notice with CommonMark (``markdown-it-py``) and collect what is not text."""
    active: list[str] = []
    items: list[str] = []
    parts: list[str] = []
    depth = 0
    for token in _markdown().parse(body):
        if token.type not in _BLOCKS_ALLOWED:
            active.append(f"block {token.type} {token.content[:60]!r}")
        if token.type == "list_item_open":
            depth += 1
            items.append("")
        elif token.type == "list_item_close":
            depth -= 1
        if token.type != "inline":
            continue
        visible = []
        plain = []
        for child in token.children or []:
            if child.type == "text":
                visible.append(child.content)
                plain.append(child.content)
            elif child.type == "code_inline":
                visible.append(child.content)
                plain.append("\0")
            elif child.type in ("softbreak", "hardbreak"):
                visible.append(" ")
                plain.append(" ")
            elif child.type in ("em_open", "em_close", "strong_open", "strong_close",
                                "link_close"):
                plain.append("\0")
            else:  # link_open, image, html_inline, ...
                target = child.attrs.get("href") or child.attrs.get("src") or child.content
                active.append(f"{child.type} {str(target)[:60]!r}")
                plain.append("\0")
        text = "".join(plain)
        for rx, what in ((_AUTOLINK_TEXT, "autolinked text"), (_MATH_TEXT, "a $...$ formula")):
            for m in rx.finditer(text):
                active.append(f"{what} {m.group()[:60]!r}")
        joined = "".join(visible)
        parts.append(joined)
        if depth and items:
            items[-1] += joined
    return Rendered(active, items, "\n".join(parts))


def shown_forms(value: str | list[str]) -> list[str]:
    """How a value from the link may read in a notice: as it is, with control characters as
    spaces (a code span shows a newline so) or escaped (``\\n``); for a repeated key, its
    last value or all of them joined with commas."""
    values = [value] if isinstance(value, str) else list(value)
    bases = {values[-1], ",".join(values), ", ".join(values)}
    forms = set()
    for base in bases:
        forms.add(base)
        forms.add(re.sub(r"[\x00-\x1f\x7f\u2028\u2029]", " ", base))
        forms.add(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]",
                         lambda m: repr(m.group())[1:-1], base))
    return sorted(forms, key=len, reverse=True)


def quotes_value(after: str, value: str | list[str], min_prefix: int = 20) -> bool:
    """Does the text ``after`` a ``name=`` in a notice start with the value, whole or cut
    short with an ellipsis (at least ``min_prefix`` characters of it kept)?"""
    for form in shown_forms(value):
        if after.startswith(form):
            return True
        cut = re.match(r"(.*?)(?:…|\.\.\.)", after, re.DOTALL)
        if cut and len(cut.group(1)) >= min(min_prefix, len(form) - 1) and form.startswith(
            cut.group(1)
        ):
            return True
    return False


def quotes(rendered: Rendered, names: list[str]) -> list[tuple[str, str]]:
    """Each ``name=...`` the notice quotes, as (name, the visible text after ``name=``)."""
    found = []
    for item in rendered.items or [rendered.text]:
        for name in names:
            for m in re.finditer(rf"(?<![\w\[]){re.escape(name)}=", item):
                found.append((name, item[m.end():]))
    return found


# ------------------------------------------------------------------ labels as the browser has them


@contextmanager
def labels_in_page_language(at_of: Callable[[], Any]) -> Iterator[None]:
    """Let ``ui.i18n.t`` outside a page run answer in the language of the last run of
    ``at_of()`` (inside a run it is unchanged).

    AppTest formats the current value of every option widget (select box, radio,
    multiselect...) with its ``format_func`` in the test's thread, where there is no
    session and ``t`` answers in English: on a page drawn in Chinese the label is then not
    among the options and AppTest fails before the run. The browser sends the labels it
    shows, in the language of the last run; so does AppTest with this.
    """
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    from ui import i18n

    original = i18n.current_lang

    def current_lang() -> str:
        if get_script_run_ctx(suppress_warning=True) is not None:
            return original()
        try:
            lang = at_of().session_state[i18n.LANG_KEY]
        except Exception:  # noqa: BLE001 - before the first run
            return i18n.DEFAULT_LANG
        return lang if lang in i18n.LANGS else i18n.DEFAULT_LANG

    i18n.current_lang = current_lang
    try:
        yield
    finally:
        i18n.current_lang = original


# ------------------------------------------------------------------ opening a page with a link


def open_with(path: str, params: dict[str, str | list[str]], timeout: float = 60):
    """An ``AppTest`` of page ``path`` opened with exactly these URL parameters (lists repeat
    the key), started from the entry script as a browser does; after its first run. The
    cwd must be the repository root (``monkeypatch.chdir``)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(_ROOT / PATH["home"]), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = list(value) if isinstance(value, list | tuple) else value
    if path != PATH["home"]:
        at.switch_page(path)
    return at.run()


@dataclass
class PageParams:
    """What a clean first run of a page reads from the URL: ``names`` in the order read,
    ``settings`` the ``ui.state.Setting``s it started from the URL, and ``valid`` the value
    of each name that the page itself wrote back to the URL."""

    names: list[str]
    settings: list[Any]
    valid: dict[str, list[str]]


def discover_params(path: str) -> PageParams:
    """Run page ``path`` once without parameters and record every URL parameter it reads
    (through ``st.query_params``, which every reader in ``ui.state`` and every page's own
    parsing goes through), so a parameter a page starts to read is tested the same day."""
    from ui import state

    settings: list[Any] = []
    original = state.settings_from_url

    def recording_settings_from_url(items, *args, **kwargs):
        items = list(items)
        settings.extend(items)
        return original(items, *args, **kwargs)

    state.settings_from_url = recording_settings_from_url
    try:
        with recording_reads() as names:
            at = open_with(path, {"lang": "en"})
    finally:
        state.settings_from_url = original
    assert not at.exception, [e.message for e in at.exception]
    valid = {}
    for name in dict.fromkeys(names):
        value = at.query_params.get(name)
        if value is not None:
            valid[name] = list(value) if isinstance(value, list | tuple) else [value]
    return PageParams(list(dict.fromkeys(names)), settings, valid)


def short(value: object, limit: int = 80) -> str:
    """``repr(value)``, long strings abbreviated (a failure message stays readable)."""
    if isinstance(value, list | tuple):
        return "[" + ", ".join(short(v, limit) for v in value) + "]"
    if isinstance(value, str) and len(value) > limit:
        if len(set(value)) == 1:
            return f"{value[0]!r} * {len(value)}"
        return f"{value[:limit]!r}... ({len(value)} characters)"
    return repr(value)
