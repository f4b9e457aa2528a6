"""Class mode's pure parts: links (join, teacher, a page's view), texts shown inert, the
counts and the leaderboard as rows. No widgets, no store.

A view travels as a page's relative link, ``/MLP?dataset=spiral&...`` (its path is the
page's ``url_path``, its query the page's own settings, without ``lang`` and ``class``:
each student opens it in their own language and class).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from ui import nav
from ui.classroom.store import Entry

#: the parameters a view never carries (the student's own)
OWN_PARAMS = ("lang", "class", "teacher", "present")
#: what separates a challenge entry's link from its run's configuration (see
#: ``ui.classroom.scorer``)
RUN_MARK = "#nnpg-run="
#: the class page's path
CLASS_PATH = nav.PAGE_BY_ID["class"].url_path


def split(text: str) -> tuple[str, str | None]:
    """``(link, configuration JSON or None)`` of a challenge entry's stored text."""
    link, mark, body = text.partition(RUN_MARK)
    return link, (unquote(body) if mark else None)


def base_url(page_url: str | None) -> str:
    """The app's base (``http://host:port`` plus any path prefix) from the URL of a page
    it serves (``st.context.url``); ``http://localhost:8501`` when unknown."""
    if not page_url:
        return "http://localhost:8501"
    parts = urlsplit(page_url)
    path = parts.path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if last in {p.url_path for p in nav.PAGES if p.url_path}:
        path = path[: -len(last) - 1]
    return f"{parts.scheme}://{parts.netloc}{path}"


def join_url(base: str, code: str) -> str:
    """The link a student opens (or scans) to join class ``code``."""
    return f"{base}/{CLASS_PATH}?{urlencode({'class': code})}"


def teacher_url(base: str, code: str, key: str) -> str:
    """The link that reopens the dashboard from another device (carries the key)."""
    return f"{base}/{CLASS_PATH}?{urlencode({'class': code, 'teacher': key})}"


def page_link(page_id: str, query: Mapping[str, str | Sequence[str]]) -> str:
    """A view's relative link: page ``page_id`` with ``query`` (lists repeat the key),
    without the parameters that are each student's own."""
    info = nav.PAGE_BY_ID[page_id]
    kept = {k: v for k, v in query.items() if k not in OWN_PARAMS}
    text = urlencode(kept, doseq=True)
    return f"/{info.url_path}" + (f"?{text}" if text else "")


def parse_link(link: str) -> tuple[nav.PageInfo, dict[str, list[str]]] | None:
    """The page and query of a link to one of the app's pages (absolute or relative, as
    pasted from the address bar), without the student's own parameters; None when it is
    not a link to a page of this app (the class page included: it is nobody's view)."""
    try:
        parts = urlsplit(str(link).strip())
    except ValueError:
        return None
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    info = next((p for p in nav.PAGES if p.url_path == last), None)
    if info is None or info.id == "class":
        return None
    query = {k: v for k, v in parse_qs(parts.query, keep_blank_values=True).items()
             if k not in OWN_PARAMS}
    return info, query


_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:@/=\"'])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def plain(text: str) -> str:
    """``text`` as Markdown that shows it literally, for a question or a choice the
    teacher wrote: every ASCII punctuation character backslash-escaped (CommonMark
    allows that for all of them), so no link, image, HTML, emphasis, formula or autolink
    forms; control characters become spaces."""
    return _PUNCT.sub(r"\\\1", _CONTROL.sub(" ", str(text)))


def percent(n: int, total: int) -> str:
    """``n`` of ``total`` as a whole percentage ("0%" of nothing)."""
    return f"{100 * n / total:.0f}%" if total else "0%"


def count_rows(choices: Sequence[str], counts: Sequence[int]) -> list[dict[str, object]]:
    """One row per choice: its text, its count and share of the answers."""
    total = sum(counts)
    return [{"choice": c, "answers": int(n), "share": percent(int(n), total)}
            for c, n in zip(choices, counts, strict=True)]


def board_rows(entries: Sequence[Entry], base: str, code: str) -> list[dict[str, object]]:
    """The leaderboard: scored entries ranked (the store's order), each with its link
    (opened in the class); waiting and refused ones after them, unranked."""
    rows = []
    rank = 0
    for e in entries:
        link, _ = split(e.link)
        parsed = parse_link(link)
        url = None
        if parsed is not None:
            info, query = parsed
            url = f"{base}{page_link(info.id, query)}"
            url += ("&" if "?" in url else "?") + urlencode({"class": code})
        scored = e.status == "scored"
        rank += scored
        rows.append({
            "rank": rank if scored else None,
            "nickname": e.nickname,
            "test_acc": round(100 * e.test_acc, 1) if scored else None,
            "neurons": e.neurons if scored else None,
            "epochs": e.epochs_scored if scored else e.epochs,
            "status": e.status,
            "link": url,
        })
    return rows
