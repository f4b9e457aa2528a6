"""Junk in every URL parameter of every page (issue 10): no exception, the page's main
content, and every notice shows the value from the link inertly.

The parameters are not listed here: a clean first run of each page records every name it
reads through ``st.query_params`` (its ``ui.state.Setting`` table, and what a page parses
by hand, such as the backprop page's ``sizes``, ``x`` and ``y``), so a setting is covered
the day it is added. Each case opens one page with one junk value in all its parameters at
once (``lang`` included); when it fails, each parameter is tried alone and the message
names the ones that fail, with the link that reproduces it.

"Inert" is checked on the notice's Markdown rendered by CommonMark (``markdown-it-py``): no
link, image, raw HTML or block other than the header paragraph and its list, and nothing
that Streamlit's own Markdown would still turn into a link or a formula (a bare URL, an
e-mail address, ``$...$``). Where a notice quotes ``name=value``, the visible text after
``name=`` is the value as given: whole, with control characters as spaces or escaped
(``\\n``), or cut short with an ellipsis.
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.integration.fuzz_support import (
    PAGES,
    PATH,
    discover_params,
    main_content_problems,
    nonfinite_shown,
    open_with,
    quotes,
    quotes_value,
    render,
    short,
)
from ui import frame
from ui.i18n import LANGS, tr

ROOT = Path(__file__).resolve().parents[2]

#: (id, value): plain junk, the same in every parameter of the page
JUNK = [
    ("empty", ""),
    ("spaces", "   "),
    ("abc", "abc"),
    ("nan", "nan"),
    ("inf", "inf"),
    ("minus-inf", "-inf"),
    ("1e309", "1e309"),
    ("huge-int", "123456789012345678901234567890"),
    ("negative", "-7"),
    ("negative-float", "-0.5"),
    ("zero", "0"),
    ("nine-values", "1,2,3,4,5,6,7,8,9"),
    ("repeated-key", ["1", "abc"]),
    ("repeated-key-valid-last", ["abc", "1"]),
    ("unicode", "σ∑ 😀 中文"),
    ("unicode-digits", "١٢"),
    ("digits-5000", "1" * 5000),
    ("text-5000", "x" * 5000),
]
#: values that Markdown would render as something other than text
HOSTILE = [
    ("backticks", "`x`"),
    ("backtick-link", "`[x](https://evil.example/a)`"),
    ("link", "[x](https://evil.example/a)"),
    ("image", "![x](https://evil.example/t.png)"),
    ("html-a", "<a href=x>y</a>"),
    ("html-img", "<img src=x>"),
    ("latex", "$\\frac{1}{0}$"),
    ("newline", "a\nb"),
]
#: a hostile value after the page's own valid value(s), as a repeated key: a list parameter
#: (``g``, ``features``) then keeps the valid items and reports the unknown one
AFTER_VALID = "after-valid"

#: (page, junk id) cases that fail on a known defect which another change is fixing, with
#: the reason ("defect: ..."): each then must fail (xfail, strict) until the fix lands and
#: the entry is removed. None today.
KNOWN_DEFECTS: dict[tuple[str, str], str] = {}


def cases():
    table = [(jid, value, False) for jid, value in JUNK + HOSTILE]
    table += [(f"{jid}-{AFTER_VALID}", value, True) for jid, value in HOSTILE]
    for page, _ in PAGES:
        for jid, value, after_valid in table:
            reason = KNOWN_DEFECTS.get((page, jid))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(page, value, after_valid, id=f"{page}-{jid}", marks=marks)


@functools.cache
def page_params(page: str):
    return discover_params(PATH[page])


def link(page: str, url: dict) -> str:
    """The URL of the page with these parameters (long values abbreviated)."""
    info = next(p for p in frame.PAGES if p.id == page)
    shown = {k: [short(v, 40)[1:-1] if len(v) > 40 else v for v in
                 (val if isinstance(val, list) else [val])] for k, val in url.items()}
    return f"/{info.url_path}?{urlencode(shown, doseq=True)}"


def is_url_notice(element) -> bool:
    return any(element.value.startswith(tr("state.notice_header", lang)) for lang in LANGS)


def problems_of(page: str, url: dict, names: list[str], quoted_junk: bool = True) -> list[str]:
    """Everything wrong with page ``page`` opened with the parameters ``url``; with
    ``quoted_junk``, a notice must quote at least one of them."""
    try:
        at = open_with(PATH[page], url)
    except Exception as err:  # noqa: BLE001 - an AppTest timeout is a failure like any
        return [f"the run failed: {err!r}"]
    if at.exception:
        return [f"exception: {e.message}" for e in at.exception]
    problems = main_content_problems(at, page)
    alerts = [a for kind in ("warning", "info", "error", "success") for a in at.get(kind)]
    quoted = []
    for alert in alerts:
        rendered = render(alert.value)
        if rendered.active:
            what = ", ".join(f"{k} (x{n})" if n > 1 else k
                             for k, n in Counter(rendered.active).items())
            problems.append(f"{alert.type} renders {what}; its Markdown: {short(alert.value, 300)}")
        for name, after in quotes(rendered, names):
            quoted.append(name)
            if not quotes_value(after, url[name]):
                problems.append(
                    f"{alert.type} does not show {name}={short(url[name])} as given: "
                    f"it reads {name}={short(after, 120)}"
                )
    if quoted_junk and not quoted:
        problems.append(f"no notice quotes a junk value; alerts: {[a.value for a in alerts]}")
    problems += [f"NaN/inf shown: {hit}" for hit in nonfinite_shown(at, skip=is_url_notice)]
    return problems


@pytest.mark.parametrize(("page", "value", "after_valid"), list(cases()))
def test_junk_in_every_url_parameter(monkeypatch, page, value, after_valid):
    monkeypatch.chdir(ROOT)
    params = page_params(page)
    names = params.names

    def junk(name: str):
        if not after_valid:
            return value
        return [*params.valid.get(name, []), value]

    url = {name: junk(name) for name in names}
    problems = problems_of(page, url, names)
    if problems:
        alone = {}
        for name in names:
            found = problems_of(page, {name: url[name]}, [name], quoted_junk=False)
            if found:
                alone[name] = found
        details = "\n".join(f"  {name}: {found}" for name, found in alone.items())
        pytest.fail(
            f"page {page} ({PATH[page]}) with {short(value)} in {names}:\n  "
            + "\n  ".join(problems)
            + f"\nlink: {link(page, url)}\neach parameter alone:\n"
            + (details or "  (none fails alone)")
        )


def test_every_page_reads_its_settings_and_hand_parsed_parameters(monkeypatch):
    # the recording of what a page reads must see every Setting and the hand-read names
    monkeypatch.chdir(ROOT)
    for page, _ in PAGES:
        params = page_params(page)
        assert "lang" in params.names, page
        assert {s.param for s in params.settings} <= set(params.names), page
    assert {"g", "z", "tab", "seed"} <= set(page_params("activations").names)
    assert {"w1", "w2", "b", "lr", "dataset"} <= set(page_params("neuron").names)
    assert {"lr", "reg_rate", "layers", "features"} <= set(page_params("mlp").names)
    assert {"sizes", "act", "out", "init", "seed", "m", "digits", "step", "batch", "all",
            "alpha", "x", "y"} <= set(page_params("backprop").names)


@pytest.mark.parametrize(
    ("body", "active"),
    [
        ("H:\n- `` seed=`[x](https://e.example)` `` is not a whole number", False),
        ("H:\n- `seed=`[x](https://e.example)`` is not a whole number", True),  # span broken
        ("H:\n- `g` lists unknown values ![x](https://e.example/t.png)", True),
        ("H:\n- `g` lists unknown values <img src=x>", True),
        ("H:\n- `g` lists unknown values $\\frac{1}{0}$", True),
        ("H:\n- `lr=a\n# b` is not a number", True),  # a newline that starts a heading
        ("H:\n- `g` lists unknown values https://e.example", True),  # GitHub autolink
        ("H:\n- `g` lists unknown values &lt;a href=x&gt;", False),
    ],
)
def test_the_notice_check_tells_text_from_markup(body, active):
    assert bool(render(body).active) == active, render(body)


def test_the_notice_check_reads_the_quoted_value():
    rendered = render("H:\n- `` seed=`x` `` is not a whole number\n- `lr=a\nb` is bad")
    assert [name for name, _ in quotes(rendered, ["seed", "lr"])] == ["seed", "lr"]
    (_, seed), (_, lr) = quotes(rendered, ["seed", "lr"])
    assert quotes_value(seed, "`x`") and not quotes_value(seed, "x")
    assert quotes_value(lr, "a\nb")  # a code span shows a newline as a space
    assert quotes_value("a\\nb is bad", "a\nb")  # or escaped
    assert quotes_value("1111111111111111111111111… is bad", "1" * 5000)
    assert not quotes_value("111… is bad", "1" * 5000)  # too little of it is left
    assert quotes_value("abc is bad", ["1", "abc"])  # a repeated key: the last value
