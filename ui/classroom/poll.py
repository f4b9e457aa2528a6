"""Class mode on every page, drawn by ``ui.frame.page``: the class in the URL and the
sidebar, and for a student a small fragment that follows the class.

Cost: a session that never joins a class reads one URL parameter and draws nothing (no
element, no timer, no store). A student's fragment reruns every :data:`POLL` seconds and
asks one cheap question, the class's version (``connect.version``: ``Store.version``, one
indexed read, shared by every session of the process for a quarter second, so a class's
students cost one store read per process per quarter second); only when it changed does
it read the class (state, the student's own answer, the revealed counts, the student's
own challenge entries) and keep it in session state, from which every other poll draws.
With nothing open in the class the fragment draws nothing. A store that cannot be
reached shows one small line here and leaves the page working.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from ui import nav, state
from ui.classroom import actions, connect, view
from ui.classroom.store import StoreError, valid_code
from ui.course import panel
from ui.course.catalog import BY_ID
from ui.i18n import labeller, t

#: seconds between a student's polls (a question shows within this long plus
#: ``ui.classroom.versions.TTL`` and a run: 1.75 s and a run at most)
POLL = 1.5
#: seconds a click's message stays in a polling fragment (its next polls draw it again):
#: drawn once, it went at the next poll, 1.5 s later, too soon to be read (WCAG 2.2.1)
HOLD = 10.0
#: session key prefix: the message a polling fragment keeps, (kind, text, until)
HELD_PREFIX = "class_held_"
#: session key: what the last read of the class found (see :func:`refresh`)
SEEN_KEY = "class_seen"
#: session key: the page a teacher's view is opening; its state goes before it is read
RESET_KEY = "class_view_reset"
#: the session-state key prefix of each page's settings, widgets and run (as a lesson's
#: link, a teacher's view starts the page from its link)
PAGE_PREFIX = {**panel.PAGE_PREFIX, "optimizers": "opt_"}


def start(page_id: str) -> str | None:
    """Before the sidebar: the class this run's links carry (``state.CLASS_KEY``) from the
    session's class, else from ``?class=CODE`` (an invitation); the URL keeps the session's
    class. Returns a problem for a ``class=`` that is no code (the parameter is removed)."""
    ss = st.session_state
    if ss.get(RESET_KEY) is not None and ss.pop(RESET_KEY) == page_id and page_id in PAGE_PREFIX:
        for key in [k for k in ss if str(k).startswith(PAGE_PREFIX[page_id])]:
            del ss[key]  # the teacher's view: the page starts from its link
    mine = connect.code()
    raw = st.query_params.get_all("class")
    problem = None
    invited = None
    if raw:
        code = actions.normal_code(raw[-1])
        if valid_code(code):
            invited = code
        else:
            del st.query_params["class"]
            problem = t("class.url.bad_code", setting=state.inert(f"class={raw[-1]}"))
    ss[state.CLASS_KEY] = mine or invited
    if mine and raw != [mine]:
        st.query_params["class"] = mine
    return problem


# ------------------------------------------------------------------ the sidebar
def sidebar(page_id: str, lang: str) -> None:
    """Which class the session is in, and its one-click actions (nothing outside a class)."""
    me, teacher = connect.member(), connect.teacher()
    if not me and not teacher:
        return
    with st.container(border=True, key="class_side"):
        if teacher:
            st.markdown(t("class.side.teacher", code=teacher["code"]))
            if page_id != "class":
                nav.nav_link(nav.PAGE_BY_ID["class"], lang, label=t("class.side.dashboard"))
                st.button(t("class.side.send_this"), key="class_send_this",
                          on_click=actions.on_send_this, args=(page_id,),
                          icon=":material/cast:", help=t("class.side.send_this_help"))
            return
        st.markdown(t("class.side.member", code=me["code"],
                      nick=state.inert(me["nickname"], limit=40)))
        st.toggle(t("class.side.follow"), key=actions.FOLLOW_KEY,
                  help=t("class.side.follow_help"))
        st.button(t("class.side.leave"), key="class_leave", on_click=actions.on_leave,
                  icon=":material/logout:")


# ------------------------------------------------------------------ the student's fragment
def refresh(me: dict[str, str]) -> dict[str, Any] | None:
    """The class as this member sees it, read again only when its version changed; None
    when the class is gone (ended or expired). Raises :class:`StoreError`."""
    ss = st.session_state
    code, mid = me["code"], me["member_id"]
    version = connect.version(code)
    if version is None:
        return None
    seen = ss.get(SEEN_KEY)
    # versions only grow: one older than the class read (a read another session shares)
    # is no change either
    if seen is not None and seen["code"] == code and version <= seen["version"]:
        return seen
    store = connect.store()
    cls = store.state(code)
    q, ch = cls.question, cls.challenge
    mine = store.my_answer(code, mid, q.id) if q else None
    counts = store.counts(code, None, q.id) if q and q.revealed else None
    entries = store.entries(code, ch.id) if ch else []
    ranked = [e for e in entries if e.status == "scored"]
    own = [(ranked.index(e) + 1 if e in ranked else None, e) for e in entries
           if e.member_id == mid]
    seen = {"code": code, "version": cls.version, "state": cls, "mine": mine,
            "counts": counts, "own": own, "scored": len(ranked)}
    ss[SEEN_KEY] = seen
    return seen


def _choice_label(q, lang: str):
    """The choices as the student reads them: a lesson's in the student's language, the
    teacher's own shown literally."""
    lesson = BY_ID.get(q.lesson) if q.lesson else None
    if lesson is not None and len(lesson.choices) == len(q.choices):
        label = labeller(f"lessons.{lesson.id}.choice", lang)
        return lambda i: label(lesson.choices[i])
    return lambda i: view.plain(q.choices[i])


def _question_text(q) -> str:
    lesson = BY_ID.get(q.lesson) if q.lesson else None
    return t(f"lessons.{lesson.id}.question") if lesson else view.plain(q.text)


def question(seen: dict[str, Any], lang: str) -> None:
    """The open question: answer (once; a new pick replaces it), your choice, and the
    class's answers once the teacher reveals them."""
    q = seen["state"].question
    key = f"class_answer_{q.id}"
    ss = st.session_state
    if key not in ss and seen["mine"] is not None:
        ss[key] = seen["mine"]
    label = _choice_label(q, lang)
    with st.container(border=True, key="class_question"):
        st.markdown(f"**{t('class.q.header')}** {_question_text(q)}")
        st.radio(t("class.q.your_answer"), list(range(len(q.choices))), index=None,
                 key=state.choice(key), format_func=label, disabled=q.revealed,
                 on_change=actions.on_answer, args=(q.id, q.lesson, key),
                 label_visibility="collapsed")
        mine = ss.get(key)
        if not q.revealed:
            st.caption(t("class.q.answered", choice=label(mine)) if mine is not None
                       else t("class.q.pick"))
            return
        counts, answered = seen["counts"] or ([0] * len(q.choices), 0)
        lines = [f"- {label(i)}: **{n}** ({view.percent(n, answered)})"
                 + (f" · {t('class.q.yours')}" if i == mine else "")
                 for i, n in enumerate(counts)]
        st.markdown(f"{t('class.q.revealed', n=answered)}\n" + "\n".join(lines))


def teacher_view(seen: dict[str, Any], lang: str) -> None:
    """The teacher's view: a notice with one click to open it, or, for a student who
    follows the teacher, the page itself."""
    v = seen["state"].view
    ss = st.session_state
    if v is None or ss.get(actions.VIEW_DONE_KEY) == v.id:
        return
    parsed = view.parse_link(v.url)
    if parsed is None:
        return
    info, query = parsed
    if ss.get(state.PAGE_KEY) == info.id and all(
            st.query_params.get_all(k) == v for k, v in query.items()):
        ss[actions.VIEW_DONE_KEY] = v.id  # the student is on it already
        return
    params = {**query, "lang": lang, "class": seen["code"]}
    if ss.get(actions.FOLLOW_KEY) or ss.get(actions.VIEW_OPEN_KEY) == v.id:
        ss.pop(actions.VIEW_OPEN_KEY, None)
        ss[actions.VIEW_DONE_KEY] = v.id
        ss[RESET_KEY] = info.id
        st.switch_page(info.path, query_params=params)
    with st.container(border=True, key="class_view"):
        st.markdown(t("class.view.notice", page=t(f"nav.{info.id}")))
        cols = st.columns(2)
        with cols[0]:
            st.button(t("class.view.open"), key=f"class_view_open_{v.id}", type="primary",
                      on_click=actions.on_open_view, args=(v.id,), icon=":material/open_in_new:")
        with cols[1]:
            st.button(t("class.view.dismiss"), key=f"class_view_dismiss_{v.id}",
                      on_click=actions.on_view_done, args=(v.id,))


def challenge(seen: dict[str, Any]) -> None:
    """The challenge, the one-click submission and the student's own entries."""
    ch = seen["state"].challenge
    with st.container(border=True, key="class_challenge"):
        st.markdown(t("class.ch.summary", dataset=t(f"mlp.ds.{ch.dataset}"),
                      noise=f"{ch.noise:g}", neurons=ch.max_neurons,
                      target=view.percent(round(ch.target_acc * 1000), 1000),
                      epochs=ch.max_epochs))
        _, why = actions.run_of_session()
        st.button(t("class.ch.submit"), key="class_submit", on_click=actions.on_submit,
                  args=(ch.id, ch.max_epochs), icon=":material/send:",
                  help=t(why) if why else t("class.ch.submit_help"))
        for rank, e in seen["own"]:
            if e.status == "scored":
                st.caption(t("class.ch.scored", acc=f"{100 * e.test_acc:.1f}%",
                             neurons=e.neurons, epochs=e.epochs_scored, rank=rank,
                             n=seen["scored"]))
            elif e.status == "refused":
                st.caption(t(f"class.refused.{e.message}") if e.message in REFUSALS
                           else t("class.refused.config"))
            else:
                st.caption(t("class.ch.waiting", epochs=e.epochs))


#: the refusal reasons the scorer writes (``ui.classroom.scorer.REASONS``)
REFUSALS = ("config", "dataset", "noise", "neurons", "kind", "diverged")


def _student(lang: str) -> None:
    me = connect.member()
    if not me:
        return
    held_messages("student")  # a click in this fragment reruns it alone
    try:
        seen = refresh(me)
    except StoreError:
        st.caption(t("class.poll.unavailable"))
        return
    if seen is None:  # the class ended or expired
        code = me["code"]
        connect.forget()
        actions.say("info", t("class.gone", code=code))
        if "class" in st.query_params:
            del st.query_params["class"]
        st.rerun(scope="app")
    cls = seen["state"]
    if cls.question:
        question(seen, lang)
    teacher_view(seen, lang)
    if cls.challenge:
        challenge(seen)


def _invite(code: str) -> None:
    """A page opened with ``class=CODE`` by a session not in it (a reload, a shared link):
    one click joins (a nickname may be typed first). No store access until the click."""
    with st.container(border=True, key="class_invite"):
        st.markdown(t("class.invite", code=code))
        cols = st.columns([2, 1, 1], vertical_alignment="bottom")
        with cols[0]:
            st.text_input(t("class.join.nick"), key=actions.INVITE_NICK,
                          max_chars=24, placeholder=t("class.join.nick_placeholder"))
        with cols[1]:
            st.button(t("class.invite.join"), key="class_invite_join", type="primary",
                      on_click=actions.on_rejoin, args=(code,))
        with cols[2]:
            st.button(t("class.invite.no"), key="class_invite_no",
                      on_click=actions.on_dismiss_invite)


def _draw(kind: str, text: str) -> None:
    {"error": st.error, "success": st.success}.get(kind, st.info)(text)


def messages() -> None:
    """The message a callback left for this run, once (a full run: it stays until the
    page runs again)."""
    kind, text = st.session_state.pop(actions.MESSAGE_KEY, (None, None))
    if text:
        _draw(kind, text)


def held(kept: tuple[str, str, float] | None, new: tuple[str, str] | None,
         now: float) -> tuple[str, str, float] | None:
    """The message a polling fragment draws at time ``now``: a ``new`` one (kind, text),
    kept until ``now + HOLD``; else the one ``kept`` (kind, text, until) while its time
    lasts; else none."""
    if new is not None and new[1]:
        return (new[0], new[1], now + HOLD)
    if kept is not None and now < kept[2]:
        return kept
    return None


def held_messages(where: str, clock: Callable[[], float] = time.monotonic) -> None:
    """In a fragment that polls (``where`` names it): the message a click in it left,
    drawn again by the polls that follow for HOLD seconds (:func:`held`)."""
    ss, key = st.session_state, HELD_PREFIX + where
    msg = held(ss.get(key), ss.pop(actions.MESSAGE_KEY, None), clock())
    if msg is None:
        ss.pop(key, None)
        return
    ss[key] = msg
    _draw(msg[0], msg[1])


def live(page_id: str, lang: str) -> None:
    """At the top of every page: a message from the last click, and for a student the
    class's fragment; on a page opened with an invitation, the one-click join."""
    if actions.MESSAGE_KEY in st.session_state:
        messages()
    if connect.member():
        st.fragment(_student, run_every=POLL)(lang)
        return
    code = st.session_state.get(state.CLASS_KEY)
    if code and not connect.teacher() and page_id != "class":
        _invite(code)
