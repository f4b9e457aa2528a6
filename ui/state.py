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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, TypeVar

import streamlit as st

from ui import delivery
from ui.i18n import t

T = TypeVar("T")
Params = Mapping[str, Any]

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
# Parameters owned by the frame, never cleared by a page: the language, the settings a
# teacher's link hides (``hide=lr,act``), presentation mode, the active lesson, the class
# the session is in (``class=CODE``, class mode) and the colour palette (``palette=cb``).
FRAME_PARAMS = ("lang", "hide", "present", "lesson", "class", "palette")
#: session key: the class code this run's links carry (``class=``), set by ``ui.frame.page``
#: from the session's class or the link's invitation; absent or None outside class mode
CLASS_KEY = "frame_class"
#: session key: the URL names of the settings this run hides (see :func:`hide_from_url`)
HIDDEN_KEY = "frame_hidden"
#: session keys: the id of the page this run draws (set by ``ui.frame.page``), and each
#: page's last URL parameters, which the navigation links carry so a page keeps its settings
PAGE_KEY = "frame_page"
NAV_KEY = "frame_nav_query"
#: session key of this run's one notice box and the problems shown in it
NOTICE_KEY = "frame_notice"
#: session key: the class colours this session draws with (``?palette=``, a key of
#: ``ui.boundary.PALETTES``), set by ``ui.frame.page``; absent means the default
PALETTE_KEY = "frame_palette"
#: the palettes a link may name, the default first (what a link without ``palette`` shows)
PALETTE_NAMES = ("default", "cb")
#: session keys: the keys of the choice widgets whose options are shown translated
#: (:func:`choice`), and the language they were last drawn in (:func:`relabel`)
CHOICES_KEY = "frame_choices"
CHOICES_LANG_KEY = "frame_choices_lang"


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
    if not known and not default:  # nothing to fall back on: only name the unknown values
        return [], t("state.unknown_items", name=inert(name), raw=inert(", ".join(unknown)))
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
    """A number snapped to the nearest (in log scale) of ``choices``, the stops of a slider
    (positive, and perhaps a first stop 0, "off"): ``lr=3e-2`` reads as 0.03 silently,
    ``lr=0.05`` as 0.03 with a notice that names the value used, and junk the default."""
    lo, hi = min(choices), max(choices)
    value, problem = read_float(name, default, lo, hi, params)
    if problem:
        return value, problem
    if value == 0 and 0 in choices:  # a ladder may start at 0 ("off"), below every stop
        return choices[list(choices).index(0)], None
    nearest = min((c for c in choices if c > 0), key=lambda c: abs(math.log(c / value)))
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
    changed = False
    if replace:
        for key in [k for k in qp.keys() if k not in FRAME_PARAMS and k not in settings]:
            changed |= _put(key, None)
    for key, value in settings.items():
        many = isinstance(value, list | tuple)
        changed |= _put(key, [format_value(v) for v in value] if many else format_value(value))
    if changed:
        delivery.hand_over()  # the new link must reach the browser (ui.delivery)
    page = st.session_state.get(PAGE_KEY)
    if page:
        st.session_state.setdefault(NAV_KEY, {})[page] = {
            k: qp.get_all(k) for k in qp.keys() if k not in FRAME_PARAMS
        }


def set_param(key: str, value: str | None) -> None:
    """Put ``key=value`` in the URL (``None``: take ``key`` out), if it is not so already,
    and make sure the browser gets the change (``ui.delivery.hand_over``)."""
    if _put(key, value):
        delivery.hand_over()


def _put(key: str, value: str | list[str] | None) -> bool:
    """Write ``key`` in the URL as ``value`` (a list: repeated keys; ``None``: take it
    out) unless the URL already says so: each write is a message and a history entry.
    Returns whether the URL changed."""
    qp = st.query_params
    if value is None:
        if key not in qp:
            return False
        del qp[key]
        return True
    if qp.get_all(key) == (value if isinstance(value, list) else [value]):
        return False
    qp[key] = value
    return True


def page_query(page_id: str) -> dict[str, list[str]]:
    """The URL parameters page ``page_id`` last wrote in this session (without ``lang``)."""
    return dict(st.session_state.get(NAV_KEY, {}).get(page_id, {}))


def class_query() -> dict[str, str]:
    """``{"class": CODE}`` for a link drawn in this run when the session is in a class (or
    its link invites it to one), else ``{}``: every link of a page in a class keeps it."""
    code = st.session_state.get(CLASS_KEY)
    return {"class": code} if code else {}


def read_palette(
    fallback: str = PALETTE_NAMES[0], params: Params | None = None
) -> tuple[str, str | None]:
    """The palette ``?palette=`` names (one of :data:`PALETTE_NAMES`), else ``fallback``
    (the session's earlier choice); junk gives ``fallback`` and a problem."""
    if fallback not in PALETTE_NAMES:
        fallback = PALETTE_NAMES[0]
    return read_choice("palette", fallback, PALETTE_NAMES, params)


def palette() -> str:
    """The palette this session draws its classes with (see :data:`PALETTE_KEY`)."""
    name = st.session_state.get(PALETTE_KEY)
    return name if name in PALETTE_NAMES else PALETTE_NAMES[0]


def palette_query() -> dict[str, str]:
    """``{"palette": name}`` for a link drawn in this run when the session uses a palette
    other than the default, else ``{}``: a link without it opens the default colours."""
    name = palette()
    return {} if name == PALETTE_NAMES[0] else {"palette": name}


def init_state(defaults: Mapping[str, Any]) -> None:
    """Set ``st.session_state[k]`` for every missing key ``k``.

    A callable value is called to build the default, so each session gets its own fresh
    mutable object (``init_state({"history": list})``).
    """
    for key, value in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = value() if callable(value) else value


def _joined(params: Params, name: str, sep: str) -> str | None:
    """Every value of ``name`` joined by ``sep`` (``?k=1&k=2`` reads as ``k=1,2``), or None."""
    qp = _params(params)
    if hasattr(qp, "get_all"):
        values = list(qp.get_all(name))
    else:
        raw = qp.get(name)
        values = [] if raw is None else list(raw) if isinstance(raw, list | tuple) else [raw]
    return None if not values else sep.join(str(v) for v in values)


def read_ints(
    name: str, default: Sequence[int], lo: int, hi: int, count: tuple[int, int],
    params: Params | None = None, sep: str = ",", message: str = "state.not_ints",
) -> tuple[tuple[int, ...], str | None]:
    """A list of ``count[0]..count[1]`` whole numbers in ``[lo, hi]`` (``layers=8,8``).

    With ``count[0] == 0`` the list may be empty, written ``0``, ``none`` or nothing.
    Junk gives the default and the notice ``message`` (placeholders ``setting``,
    ``default``, ``lo``, ``hi``, ``n``: the most values).
    """
    # a repeated key joins with commas, as a notice quotes it (sizes=2-3-1,x, not 2-3-1-x)
    raw = _joined(params, name, ",")
    if raw is None:
        return tuple(default), None
    text = raw.strip().replace(" ", "")
    if count[0] == 0 and text in ("", "0", "none"):
        return (), None
    try:
        numbers = [float(part) for part in text.replace(",", sep).split(sep)]
        ok = all(math.isfinite(v) and v == int(v) and lo <= v <= hi for v in numbers)
    except ValueError:
        ok = False
    if ok and count[0] <= len(numbers) <= count[1]:
        return tuple(int(v) for v in numbers), None
    shown = sep.join(str(v) for v in default) or "0"
    return tuple(default), t(message, setting=_setting(name, raw), default=shown, lo=lo, hi=hi,
                             n=count[1])


def read_floats(
    name: str, default: Sequence[float], lo: float, hi: float, params: Params | None = None,
    message: str = "state.not_floats",
) -> tuple[tuple[float, ...], str | None]:
    """A vector of finite numbers in ``[lo, hi]`` (``x=0.5,-1``); missing entries take the
    default's, so the result is never shorter than ``default``. Junk gives the default."""
    raw = _last_value(_params(params), name)
    if raw is None:
        return tuple(default), None
    try:
        values = [float(part) for part in raw.split(",") if part.strip()]
        ok = all(math.isfinite(v) and lo <= v <= hi for v in values)
    except ValueError:
        ok = False
    if not ok:
        shown = ",".join(f"{v:g}" for v in default)
        return tuple(default), t(message, setting=_setting(name, raw), default=shown,
                                 lo=_fmt(lo), hi=_fmt(hi))
    return tuple(values) + tuple(default[len(values):]), None


@dataclass(frozen=True)
class Setting:
    """One page setting: a value in session state (``key``) and in the URL (``param``).

    ``kind`` picks the reader (:data:`READERS`): "int", "float" (``lo``/``hi``), "choice",
    "choices", "range", "ladder" (``choices``: the nearest stop of a log-scale slider),
    "bool", "ints" (a list of whole numbers in ``lo..hi``, ``count`` = (fewest, most), joined by
    ``sep``), "floats" (a vector of numbers in ``lo..hi``, padded with the default's).
    ``message`` names the notice of the list kinds.

    A setting whose limits or default depend on settings read before it gives
    ``limits(values) -> {field: value}`` (``values``: session state, or what
    :func:`read_all` has read so far). A setting held by several widgets (layer widths
    as a depth and one number input each) gives ``put(ss, value)``, which spreads the
    value over its widgets, and ``get(ss)``, which gathers it back; by default the value
    is ``ss[key]``. ``valid(value, values)`` is an extra test of a value read from the URL
    (a label must fit the output), failing with ``message``.

    A page lists its settings once, calls :func:`settings_from_url` before its widgets
    (widgets then get no ``value=``: their start value comes from session state) and
    :func:`settings_to_url` after them.
    """

    key: str
    param: str
    kind: str
    default: Any
    lo: float | None = None
    hi: float | None = None
    choices: tuple = ()
    count: tuple[int, int] = (1, 1)
    sep: str = ","
    message: str | None = None
    limits: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None
    hides: tuple[str, ...] = ()
    put: Callable[[Any, Any], None] | None = None
    get: Callable[[Mapping[str, Any]], Any] | None = None
    valid: Callable[[Any, Mapping[str, Any]], bool] | None = None

    def read(self, params: Params | None = None) -> tuple[Any, str | None]:
        """``(value, problem)`` from the URL (or ``params``), never raising: the reader of
        its kind (:data:`READERS`)."""
        reader = READERS.get(self.kind)
        if reader is None:
            raise ValueError(f"unknown setting kind {self.kind!r}; one of {list(READERS)}")
        return reader(self, params)

    def given(self, values: Mapping[str, Any]) -> Setting:
        """This setting with the limits that ``values`` (read before it) imply."""
        return replace(self, **self.limits(values)) if self.limits else self

    def read_given(
        self, values: Mapping[str, Any], params: Params | None = None
    ) -> tuple[Any, str | None]:
        """:meth:`read` under the limits ``values`` imply, and the ``valid`` test."""
        s = self.given(values)
        value, problem = s.read(params)
        if problem is None and s.valid is not None and not s.valid(value, values):
            raw = _last_value(_params(params), s.param)
            shown = ",".join(f"{v:g}" for v in s.default)
            problem = t(s.message or "state.not_floats", setting=_setting(s.param, raw),
                        default=shown, lo=_fmt(s.lo), hi=_fmt(s.hi))
            value = s.default
        return value, problem

    def value(self, ss: Mapping[str, Any]) -> Any:
        """The setting's current value in session state ``ss``."""
        return self.get(ss) if self.get else ss[self.key]

    def store(self, ss: Any, value: Any) -> None:
        """Put ``value`` in session state ``ss`` (its widgets too, with ``put``)."""
        ss[self.key] = value
        if self.put:
            self.put(ss, value)

    def text(self, value: Any) -> str | list[str]:
        """``value`` as the URL writes it (list kinds "choices" and "range" repeat the key)."""
        if self.kind == "ints":
            return self.sep.join(str(int(v)) for v in value) or "0"
        if self.kind == "floats":
            return ",".join(format_value(float(v)) for v in value)
        if isinstance(value, list | tuple):
            return [format_value(v) for v in value]
        return format_value(value)


#: how a setting of each kind is read from the URL: kind -> reader(setting, params), which
#: returns ``(value, problem)`` (read-only: a module constant shared by every session)
READERS: Mapping[str, Callable[[Setting, Params | None], tuple[Any, str | None]]] = (
    MappingProxyType({
        "int": lambda s, p: read_int(s.param, s.default, int(s.lo), int(s.hi), p),
        "float": lambda s, p: read_float(s.param, s.default, s.lo, s.hi, p),
        "choice": lambda s, p: read_choice(s.param, s.default, s.choices, p),
        "choices": lambda s, p: read_choices(s.param, s.default, s.choices, p),
        "range": lambda s, p: read_range(s.param, s.default, s.choices, p),
        "bool": lambda s, p: read_bool(s.param, s.default, p),
        "ladder": lambda s, p: read_ladder(s.param, s.default, s.choices, p),
        "ints": lambda s, p: read_ints(s.param, s.default, int(s.lo), int(s.hi), s.count, p,
                                       s.sep, s.message or "state.not_ints"),
        "floats": lambda s, p: read_floats(s.param, s.default, s.lo, s.hi, p,
                                           s.message or "state.not_floats"),
    })
)


def read_all(
    settings: Iterable[Setting], params: Params | None = None,
    known: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """Every setting's value from the URL (``params``), in order, by key; settings in
    ``known`` keep that value. Returns the values and the problems found."""
    values = dict(known or {})
    problems = []
    for s in settings:
        if s.key not in values:
            values[s.key], problem = s.read_given(values, params)
            if problem:
                problems.append(problem)
    return values, problems


def settings_from_url(settings: Iterable[Setting], params: Params | None = None) -> list[str]:
    """Start each setting from the URL, once: settings already in session state (the
    user's current values) are left alone; hide the controls the link's ``hide=`` names
    (every run). Returns the problems found."""
    ss = st.session_state
    settings = list(settings)
    present = {s.key: s.value(ss) for s in settings if s.key in ss}
    values, problems = read_all(settings, params, present)
    for s in settings:
        if s.key not in present:
            s.store(ss, values[s.key])
    hidden = hide_from_url(settings, params)
    return [*problems, hidden] if hidden else problems


def start(settings: Sequence[Setting]) -> list[str]:
    """A page's first call: drop the URL parameters no setting reads, start each setting
    from the URL (:func:`settings_from_url`); the problems found, for the notice."""
    unknown = drop_unknown(s.param for s in settings)
    return [p for p in (unknown, *settings_from_url(settings)) if p]


def hide_from_url(settings: Sequence[Setting], params: Params | None = None) -> str | None:
    """Hide the widgets of the settings that ``?hide=lr,act`` names (a teacher's exercise:
    the controls that do not matter for it are out of sight, their values still in use).

    Hidden by CSS, not left out: a widget Streamlit does not draw loses its state, and the
    page needs the value. Returns a problem for names the page does not have.
    """
    by_param = {s.param: s for s in settings}
    names, problem = read_choices("hide", [], list(by_param), params)
    st.session_state[HIDDEN_KEY] = set(names)
    keys = [k for n in names for k in (by_param[n].hides or (by_param[n].key,))]
    if keys:
        # a key ending in "_" is a prefix (``mlp_units_``: every layer's width)
        rules = ", ".join(f'[class*="st-key-{k}"]' if k.endswith("_") else f".st-key-{k}"
                          for k in keys)
        st.html(f"<style>{rules} {{ display: none; }}</style>")
    return problem


def choice(key: str) -> str:
    """``key``, noted as the key of a choice widget (selectbox, multiselect, pills,
    segmented control) whose options are shown in the UI language: pass it as the widget's
    ``key``. The browser sends such a choice back as the label it shows, and a keyed
    widget keeps its browser state when the labels change, so after a language switch it
    would send the old language's label, which the new one does not know (Streamlit then
    hands the label itself to the page: ``reg='None'``). :func:`relabel` prevents that."""
    st.session_state.setdefault(CHOICES_KEY, set()).add(key)
    return key


def varying_choice(key: str) -> str:
    """``key``, for a choice widget whose labels change from run to run (a weight's label
    carries its value): call it before the widget, every run, and pass it as the widget's
    ``key``. A run reads the label the browser sends back with the previous run's labels,
    but the browser keeps the label it was last *sent*; so once the labels had changed
    twice it sent one nobody knew, and the choice fell back to the first option. Putting
    the value back in session state makes the widget send the browser this run's label."""
    ss = st.session_state
    if key in ss:
        ss[key] = ss[key]
    return choice(key)


def relabel(lang: str) -> None:
    """Call at the top of a run in language ``lang``, before any widget: if the choices
    were last drawn in another language, put each one's value back in session state (its
    value, read with the labels the browser has), so the widget sends the browser its
    value with the new labels and the browser's copy is one the next run understands."""
    ss = st.session_state
    if ss.get(CHOICES_LANG_KEY, lang) != lang:
        for key in ss.get(CHOICES_KEY, ()):
            if key in ss:
                ss[key] = ss[key]
    ss[CHOICES_LANG_KEY] = lang


def hidden() -> set[str]:
    """The URL names of the settings this page run hides (``?hide=``)."""
    return set(st.session_state.get(HIDDEN_KEY, ()))


def current(settings: Iterable[Setting]) -> dict[str, Any]:
    """Each setting's value now (session state), by key."""
    ss = st.session_state
    return {s.key: s.value(ss) for s in settings if s.key in ss}


def settings_to_url(settings: Iterable[Setting]) -> None:
    """Write the current value of each setting (present in session state) to the URL."""
    settings = list(settings)
    now = current(settings)
    write_params({s.param: s.text(now[s.key]) for s in settings if s.key in now})
