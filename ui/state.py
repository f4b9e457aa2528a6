"""Typed URL (query-parameter) and session-state helpers shared by every page.

Reading: each ``read_*`` takes the parameter name, a default and the allowed values and
returns ``(value, problem)``. ``problem`` is ``None`` when the parameter is absent or
valid, else a translated sentence saying what was ignored; the value is then the
default. They never raise, so a hand-edited link (``lr=abc``, ``neurons=10000``) gives a
notice, not a traceback::

    lr, p1 = state.read_float("lr", 0.03, lo=1e-5, hi=10.0)
    ds, p2 = state.read_choice("dataset", "circle", nncore.data.names())
    state.show_problems([p1, p2])          # one st.warning listing the problems

``params`` defaults to ``st.query_params``; tests pass a plain dict (values ``str`` or
``list[str]``). Writing: ``write_params({...})`` puts a page's settings in the URL and
keeps ``lang``. Session state: ``init_state({...})`` sets only the missing keys.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st

from ui.i18n import t

T = TypeVar("T")
Params = Mapping[str, Any]

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
# Parameters owned by the frame, never cleared by a page.
FRAME_PARAMS = ("lang",)
#: session keys: the id of the page this run draws (set by ``ui.frame.page``), and each
#: page's last URL parameters, which the navigation links carry so a page keeps its settings
PAGE_KEY = "frame_page"
NAV_KEY = "frame_nav_query"
#: session key of this run's one notice box and the problems shown in it
NOTICE_KEY = "frame_notice"


def _params(params: Params | None) -> Params:
    return st.query_params if params is None else params


def _all_values(params: Params, name: str) -> list[str]:
    """Every value of ``name`` (repeated ``?k=a&k=b`` and ``k=a,b`` both allowed)."""
    if hasattr(params, "get_all"):
        values = list(params.get_all(name))
    else:
        raw = params.get(name)
        values = [] if raw is None else list(raw) if isinstance(raw, list | tuple) else [raw]
    return [part.strip() for v in values for part in str(v).split(",") if part.strip()]


def _last_value(params: Params, name: str) -> str | None:
    """The last value of ``name`` (what a browser shows when a key is repeated), or None."""
    if hasattr(params, "get_all"):
        values = params.get_all(name)
        return values[-1] if values else None
    raw = params.get(name)
    if isinstance(raw, list | tuple):
        return str(raw[-1]) if raw else None
    return None if raw is None else str(raw)


def _fmt(value: object) -> str:
    return format_value(value) if not isinstance(value, str) else value


#: how much of a value from outside a notice shows (a 5,000-character link stays readable)
MAX_SHOWN = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def inert(text: object, limit: int = MAX_SHOWN) -> str:
    """``text`` from outside (a URL, an uploaded file) as Markdown that shows it literally.

    The text becomes one Markdown code span, whose content Markdown never parses (no
    link, image, HTML, LaTeX or emphasis), fenced with more backticks than any run inside
    it. Control characters (a newline would end the list item and start a new block) are
    shown escaped (``\\n``), and long text is cut with an ellipsis.
    """
    text = str(text)
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if not text.strip(" "):
        text = f'"{text}"'  # an empty or all-space code span would not be one
    fence = "`" * (max((len(r) for r in re.findall("`+", text)), default=0) + 1)
    # one space inside each fence: CommonMark strips it, and a value may start with "`"
    return f"{fence} {text} {fence}"


def _setting(name: str, raw: str) -> str:
    """``name=raw`` from the URL as inert Markdown (see :func:`inert`)."""
    return inert(f"{name}={raw}")


def read_int(
    name: str, default: int, lo: int, hi: int, params: Params | None = None
) -> tuple[int, str | None]:
    """Integer parameter ``name`` in ``[lo, hi]``; ``"8"`` and ``"8.0"`` both read as 8."""
    raw = _last_value(_params(params), name)
    if raw is None:
        return default, None
    try:
        number = float(raw)
        if not math.isfinite(number) or number != int(number):
            raise ValueError(raw)
        value = int(number)
    except ValueError:
        return default, t("state.not_int", setting=_setting(name, raw), default=default)
    if not lo <= value <= hi:
        return default, t(
            "state.out_of_range", setting=_setting(name, raw), lo=lo, hi=hi, default=default
        )
    return value, None


def read_float(
    name: str, default: float, lo: float, hi: float, params: Params | None = None
) -> tuple[float, str | None]:
    """Finite float parameter ``name`` in ``[lo, hi]``."""
    raw = _last_value(_params(params), name)
    if raw is None:
        return default, None
    try:
        value = float(raw)
        if not math.isfinite(value):
            raise ValueError(raw)
    except ValueError:
        return default, t("state.not_float", setting=_setting(name, raw), default=_fmt(default))
    if not lo <= value <= hi:
        shown = {"lo": _fmt(lo), "hi": _fmt(hi), "default": _fmt(default)}
        return default, t("state.out_of_range", setting=_setting(name, raw), **shown)
    return value, None


def read_choice(
    name: str, default: T, choices: Sequence[T], params: Params | None = None
) -> tuple[T, str | None]:
    """Parameter ``name`` that must be one of ``choices`` (compared as strings)."""
    raw = _last_value(_params(params), name)
    if raw is None:
        return default, None
    by_text = {str(c): c for c in choices}
    if raw in by_text:
        return by_text[raw], None
    listed = ", ".join(by_text)
    return default, t(
        "state.not_choice", setting=_setting(name, raw), choices=listed, default=default
    )


def read_bool(name: str, default: bool, params: Params | None = None) -> tuple[bool, str | None]:
    """On/off parameter ``name``: 1/0, true/false, yes/no, on/off (any case)."""
    raw = _last_value(_params(params), name)
    if raw is None:
        return default, None
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True, None
    if word in FALSE_WORDS:
        return False, None
    return default, t("state.not_bool", setting=_setting(name, raw), default=format_value(default))


def read_choices(
    name: str, default: Sequence[T], choices: Sequence[T], params: Params | None = None
) -> tuple[list[T], str | None]:
    """A multi-valued parameter (``?k=a&k=b`` or ``?k=a,b``), each value one of ``choices``.

    Unknown values are dropped with a notice; if nothing valid is left, the default.
    Duplicates are removed, order kept.
    """
    values = _all_values(_params(params), name)
    if not values:
        return list(default), None
    by_text = {str(c): c for c in choices}
    known = list(dict.fromkeys(by_text[v] for v in values if v in by_text))
    unknown = [v for v in values if v not in by_text]
    if not known:
        shown = ", ".join(str(d) for d in default)
        return list(default), t("state.empty_list", name=inert(name), default=shown)
    if unknown:
        return known, t("state.unknown_items", name=inert(name), raw=inert(", ".join(unknown)))
    return known, None


def read_range(
    name: str, default: tuple[T, T], choices: Sequence[T], params: Params | None = None
) -> tuple[tuple[T, T], str | None]:
    """A ``lo,hi`` pair (``?z=-6,6`` or ``?z=-6&z=6``) of two ``choices`` with lo before hi."""
    values = _all_values(_params(params), name)
    if not values:
        return default, None
    by_text = {str(c): i for i, c in enumerate(choices)}
    idx = [by_text.get(v) for v in values]
    if len(idx) == 2 and None not in idx and idx[0] < idx[1]:
        return (choices[idx[0]], choices[idx[1]]), None
    shown = f"{default[0]},{default[1]}"
    return default, t(
        "state.not_range", setting=_setting(name, ",".join(values)), default=shown,
        choices=", ".join(by_text),
    )


def notice_slot() -> None:
    """Open this run's notice box at the current place (``ui.frame.page`` does, at the top
    of every page): every :func:`show_problems` of the run then fills that one box."""
    st.session_state[NOTICE_KEY] = {"slot": st.empty(), "problems": []}


def read_ladder(
    name: str, default: float, choices: Sequence[float], params: Params | None = None
) -> tuple[float, str | None]:
    """A positive number snapped to the nearest (in log scale) of ``choices``, the stops of
    a slider: ``lr=3e-2`` reads as 0.03 silently, ``lr=0.05`` as 0.03 with a notice that
    names the value used, and junk gives the default."""
    lo, hi = min(choices), max(choices)
    value, problem = read_float(name, default, lo, hi, params)
    if problem:
        return value, problem
    nearest = min(choices, key=lambda c: abs(math.log(c / value)))
    if math.isclose(nearest, value, rel_tol=1e-9):
        return nearest, None
    raw = _last_value(_params(params), name)
    return nearest, t("state.snapped", setting=_setting(name, raw), used=_fmt(nearest))


def show_problems(problems: Iterable[str | None]) -> None:
    """Add every non-None problem to this run's one notice box (see :func:`notice_slot`).

    Without an open box (a script that is not a page), one warning is shown here.
    """
    found = [p for p in problems if p]
    notice = st.session_state.get(NOTICE_KEY)
    if notice is None:
        if found:
            st.warning(_notice_text(found))
        return
    notice["problems"].extend(found)
    if found:
        notice["slot"].warning(_notice_text(notice["problems"]), icon=":material/link_off:")


def _notice_text(problems: Sequence[str]) -> str:
    return "\n".join([t("state.notice_header"), *(f"- {p}" for p in problems)])


def drop_unknown(known: Iterable[str], params: Params | None = None) -> str | None:
    """Remove URL parameters that the page does not read (``known``, and the frame's own),
    so junk does not live on in every link copied from the page; the problem names them."""
    qp = _params(params)
    allowed = set(known) | set(FRAME_PARAMS)
    unknown = [k for k in list(qp.keys()) if k not in allowed]
    if not unknown:
        return None
    if params is None:
        for key in unknown:
            del st.query_params[key]
    return t("state.unknown_params", names=", ".join(inert(k) for k in unknown))


def format_value(value: object) -> str:
    """How a setting is written in the URL: shortest exact float text, 1/0 for bools."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        # 12 significant digits: drops slider noise such as 0.07000000000000001.
        return f"{value:.12g}"
    return str(value)


def write_params(settings: Mapping[str, Any], replace: bool = False) -> None:
    """Put ``settings`` in the URL (lists as repeated keys); ``lang`` is always kept.

    ``replace=True`` first drops every other parameter except the frame's ones, for a page
    that owns the whole query string. Keys whose text is unchanged are not rewritten.
    """
    qp = st.query_params
    if replace:
        for key in list(qp.keys()):
            if key not in FRAME_PARAMS and key not in settings:
                del qp[key]
    for key, value in settings.items():
        if isinstance(value, list | tuple):
            new: str | list[str] = [format_value(v) for v in value]
            if qp.get_all(key) != new:
                qp[key] = new
        else:
            new = format_value(value)
            if qp.get_all(key) != [new]:
                qp[key] = new
    page = st.session_state.get(PAGE_KEY)
    if page:
        st.session_state.setdefault(NAV_KEY, {})[page] = {
            k: qp.get_all(k) for k in qp.keys() if k not in FRAME_PARAMS
        }


def page_query(page_id: str) -> dict[str, list[str]]:
    """The URL parameters page ``page_id`` last wrote in this session (without ``lang``)."""
    return dict(st.session_state.get(NAV_KEY, {}).get(page_id, {}))


def init_state(defaults: Mapping[str, Any]) -> None:
    """Set ``st.session_state[k]`` for every missing key ``k``.

    A callable value is called to build the default, so each session gets its own fresh
    mutable object (``init_state({"history": list})``).
    """
    for key, value in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = value() if callable(value) else value


@dataclass(frozen=True)
class Setting:
    """One page setting that lives in a widget (``key``) and in the URL (``param``).

    ``kind`` picks the reader: "int", "float" (``lo``/``hi``), "choice", "choices",
    "range", "ladder" (``choices``: the nearest stop of a log-scale slider), "bool".
    A page lists its settings once, calls
    :func:`settings_from_url` before its widgets (widgets then get no ``value=``: their
    start value comes from session state) and :func:`settings_to_url` after them.
    """

    key: str
    param: str
    kind: str
    default: Any
    lo: float | None = None
    hi: float | None = None
    choices: tuple = ()

    def read(self, params: Params | None = None) -> tuple[Any, str | None]:
        """``(value, problem)`` from the URL (or ``params``), never raising."""
        if self.kind == "int":
            return read_int(self.param, self.default, int(self.lo), int(self.hi), params)
        if self.kind == "float":
            return read_float(self.param, self.default, self.lo, self.hi, params)
        if self.kind == "choice":
            return read_choice(self.param, self.default, self.choices, params)
        if self.kind == "choices":
            return read_choices(self.param, self.default, self.choices, params)
        if self.kind == "range":
            return read_range(self.param, self.default, self.choices, params)
        if self.kind == "bool":
            return read_bool(self.param, self.default, params)
        if self.kind == "ladder":
            return read_ladder(self.param, self.default, self.choices, params)
        raise ValueError(f"unknown setting kind {self.kind!r}")


def settings_from_url(settings: Iterable[Setting], params: Params | None = None) -> list[str]:
    """Start each setting's widget from the URL, once: keys already in session state
    (the user's current values) are left alone. Returns the problems found."""
    problems = []
    for s in settings:
        if s.key not in st.session_state:
            value, problem = s.read(params)
            st.session_state[s.key] = value
            if problem:
                problems.append(problem)
    return problems


def settings_to_url(settings: Iterable[Setting]) -> None:
    """Write the current value of each setting (present in session state) to the URL."""
    write_params({s.param: st.session_state[s.key] for s in settings if s.key in st.session_state})
