"""Class mode's callbacks (``on_*``): start, join, leave, answer, the teacher's actions,
a challenge submission. No drawing.

Every callback catches :class:`StoreError` and leaves its message (a ``class.error.<code>``
string, never the backend's own text) in ``st.session_state[MESSAGE_KEY]`` for the next
run to show once. Every teacher action passes the session's teacher key to the store,
which checks it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui import state
from ui.classroom import connect, scorer, view
from ui.classroom.store import CODE_ALPHABET, CODE_LENGTH, NICKNAME_MAX, StoreError
from ui.course import progress
from ui.course.catalog import BY_ID
from ui.i18n import t

#: session key: ``(kind, text)`` to show once on the next run ("error", "success", "info")
MESSAGE_KEY = "class_message"
#: widget keys
CODE_INPUT = "class_code_in"
NICK_INPUT = "class_nick_in"
INVITE_NICK = "class_invite_nick"
FOLLOW_KEY = "class_follow"
#: session key: the id of the last view this session opened or dismissed
VIEW_DONE_KEY = "class_view_done"
#: session key: the id of the view the student asked to open (the class box then goes)
VIEW_OPEN_KEY = "class_view_open"
#: session key: the results CSV kept after "End class" (the class is gone by then)
RESULTS_KEY = "class_results"
ENDING_KEY = "class_ending"


def say(kind: str, text: str) -> None:
    """Keep a message for the next run (``ui.classroom.sections.messages`` shows it)."""
    st.session_state[MESSAGE_KEY] = (kind, text)


def error_text(err: StoreError) -> str:
    """The page's words for a store error (its ``code``)."""
    return t(f"class.error.{err.code}")


def _guarded(action: Callable[..., Any]) -> Callable[..., Any]:
    """A callback whose store errors become a message."""

    def run(*args: Any) -> Any:
        try:
            return action(*args)
        except StoreError as err:
            say("error", error_text(err))
            return None

    run.__name__ = action.__name__
    run.__doc__ = action.__doc__
    return run


def normal_code(text: str | None) -> str:
    """A typed code as the store spells it: spaces and dashes dropped, upper case."""
    return "".join(str(text or "").split()).replace("-", "").upper()


def _set_url_class(code: str | None) -> None:
    st.session_state[state.CLASS_KEY] = code
    state.set_param("class", code or None)


# ------------------------------------------------------------------ start, join, leave
@_guarded
def on_start() -> None:
    """The teacher starts a class: a code and a key; the session runs its dashboard."""
    store = connect.store()
    code, key = store.create_class(connect.now())
    connect.forget()
    st.session_state[connect.TEACHER_KEY] = {"code": code, "key": key}
    _set_url_class(code)


def join(code: str, nickname: str | None) -> bool:
    """Join class ``code`` (limits on failed joins first); True when in. A wrong code is
    counted against the session and the process."""
    code = normal_code(code)
    try:
        connect.guard()
        if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
            raise StoreError("not_found", "not a code")
        me = connect.store().join(code, (nickname or "")[:NICKNAME_MAX], connect.now())
    except StoreError as err:
        if err.code == "not_found":
            connect.count_failure()
        say("error", error_text(err))
        return False
    connect.forget()
    st.session_state[connect.MEMBER_KEY] = {"code": code, "member_id": me.member_id,
                                            "nickname": me.nickname}
    _set_url_class(code)
    say("success", t("class.joined", code=code))
    return True


def on_join() -> None:
    """The join form's button: the typed code and nickname."""
    ss = st.session_state
    join(ss.get(CODE_INPUT, ""), ss.get(NICK_INPUT, ""))


def on_rejoin(code: str) -> None:
    """One click on a page opened with ``class=CODE`` in a new session (a reload, a shared
    link): join it, with the nickname typed beside the button if any."""
    join(code, st.session_state.get(INVITE_NICK, ""))


def on_dismiss_invite() -> None:
    """Not joining: the link's class goes from the URL."""
    _set_url_class(None)


def on_leave() -> None:
    """Leave the class (one click): the store forgets the member, the URL the class."""
    me = connect.member()
    if me:
        try:
            connect.store().leave(me["code"], me["member_id"], connect.now())
        except StoreError:
            pass  # gone already, or the store is down: the session leaves anyway
    connect.forget()
    _set_url_class(None)
    say("info", t("class.left"))


def on_stop_teaching() -> None:
    """The teacher leaves the dashboard in this session (the class goes on; the teacher
    link brings it back)."""
    connect.forget()
    _set_url_class(None)


def teacher_from_link(code: str, key: str) -> str | None:
    """The teacher link's ``teacher=KEY`` on the Class page: check it with the store and
    run the dashboard in this session; a problem text when it fails (counted as a failed
    join: keys cannot be guessed at speed either)."""
    try:
        connect.guard()
        connect.store().check_teacher(code, key)
    except StoreError as err:
        if err.code in ("forbidden", "not_found"):
            connect.count_failure()
            return t("class.url.bad_teacher")
        return error_text(err)
    connect.forget()
    st.session_state[connect.TEACHER_KEY] = {"code": code, "key": key}
    _set_url_class(code)
    return None


# ------------------------------------------------------------------ students
@_guarded
def on_answer(question_id: int, lesson: str | None, widget: str) -> None:
    """A student picked a choice (a new pick replaces the last). For a lesson's question the
    pick is also the lesson's prediction, so the lesson panel follows as it does alone."""
    me = connect.member()
    choice = st.session_state.get(widget)
    if not me or choice is None:
        return
    connect.store().answer(me["code"], me["member_id"], question_id, int(choice),
                           connect.now())
    if lesson in BY_ID:
        item = progress.progress().setdefault(lesson, {})
        if not item.get("ran"):
            item["choice"] = BY_ID[lesson].choices[int(choice)]
            st.session_state[progress.choice_key(lesson)] = item["choice"]


def on_open_view(view_id: int) -> None:
    """"Open it": the class box takes the student to the view (a page is switched to from a
    script run, not from a callback)."""
    st.session_state[VIEW_OPEN_KEY] = view_id


def on_view_done(view_id: int) -> None:
    """The student opened or dismissed the teacher's view ``view_id``."""
    st.session_state[VIEW_DONE_KEY] = view_id


def run_of_session() -> tuple[Any, str | None]:
    """The session's MLP run and the reason it cannot be submitted (a ``class.submit.*``
    key), from session state only (``mlp_pg``, as the lessons read it)."""
    pg = st.session_state.get("mlp_pg")
    if pg is None:
        return pg, "class.submit.no_run"
    if pg.given is not None or pg.added:
        return pg, "class.submit.own_data"
    if pg.epoch < 1:
        return pg, "class.submit.no_epochs"
    return pg, None


@_guarded
def on_submit(challenge_id: int, max_epochs: int) -> None:
    """Submit the session's current MLP run (its link and epochs) to the open challenge;
    the scoring worker retrains it."""
    me = connect.member()
    pg, why = run_of_session()
    if not me:
        return
    if why:
        say("error", t(why))
        return
    link = view.page_link("mlp", state.page_query("mlp"))
    epochs = min(int(pg.epoch), int(max_epochs))
    connect.store().submit(me["code"], me["member_id"], scorer.submission(link, pg.config),
                           epochs, connect.now())
    scorer.wake()
    capped = t("class.submit.capped", cap=max_epochs) if pg.epoch > max_epochs else ""
    say("success", t("class.submit.queued", epochs=epochs) + capped)


# ------------------------------------------------------------------ the teacher
def _teacher() -> tuple[str, str]:
    me = connect.teacher()
    if not me:
        raise StoreError("forbidden", "not the teacher")
    return me["code"], me["key"]


@_guarded
def on_open_lesson(lesson_id: str) -> None:
    """Open a lesson's prediction question for the class (its text and choices in the
    teacher's language; each student sees them in theirs)."""
    code, key = _teacher()
    lesson = BY_ID[lesson_id]
    text = t(f"lessons.{lesson_id}.question")
    choices = [t(f"lessons.{lesson_id}.choice.{c}") for c in lesson.choices]
    connect.store().open_question(code, key, text, choices, lesson_id, connect.now())


@_guarded
def on_open_own(text_key: str, choice_keys: tuple[str, ...]) -> None:
    """Open the teacher's own question (2-4 non-empty choices)."""
    code, key = _teacher()
    ss = st.session_state
    choices = [str(ss.get(k) or "").strip() for k in choice_keys]
    choices = [c for c in choices if c]
    text = str(ss.get(text_key) or "").strip()
    if not text or not 2 <= len(choices) <= 4:
        say("error", t("class.q.need_choices"))
        return
    connect.store().open_question(code, key, text, choices, None, connect.now())


@_guarded
def on_reveal() -> None:
    code, key = _teacher()
    connect.store().reveal(code, key, connect.now())


@_guarded
def on_run_it(lesson_id: str) -> None:
    """Send every student the lesson's link (its page, settings, hidden controls and
    ``lesson=``): the lesson panel then runs and explains as it does alone."""
    code, key = _teacher()
    lesson = BY_ID[lesson_id]
    connect.store().send_view(code, key, view.page_link(lesson.page, lesson.query()),
                              connect.now())
    say("success", t("class.view.sent"))


def send(link: str) -> None:
    """Send ``link`` (a page of this app) to the class."""
    code, key = _teacher()
    parsed = view.parse_link(link)
    if parsed is None:
        say("error", t("class.view.bad_link"))
        return
    info, query = parsed
    connect.store().send_view(code, key, view.page_link(info.id, query), connect.now())
    say("success", t("class.view.sent"))


@_guarded
def on_send_page(select_key: str) -> None:
    """Send the chosen page with its last settings in this session."""
    page_id = st.session_state.get(select_key)
    if page_id:
        send(view.page_link(page_id, state.page_query(page_id)))


@_guarded
def on_send_pasted(text_key: str) -> None:
    """Send a pasted link."""
    send(str(st.session_state.get(text_key) or ""))


@_guarded
def on_send_this(page_id: str) -> None:
    """The sidebar's "Send this view": the page the teacher is on, every setting."""
    query = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    send(view.page_link(page_id, query))


@_guarded
def on_set_challenge(keys: dict[str, str]) -> None:
    """Set the class challenge from the dashboard's widgets."""
    code, key = _teacher()
    ss = st.session_state
    connect.store().set_challenge(
        code, key, ss[keys["dataset"]], float(ss[keys["noise"]]), int(ss[keys["neurons"]]),
        float(ss[keys["target"]]) / 100.0, int(ss[keys["epochs"]]), connect.now())
    scorer.wake()


@_guarded
def on_end_ask() -> None:
    """"End class": the results CSV is prepared and offered; deleting needs one more click."""
    code, key = _teacher()
    st.session_state[RESULTS_KEY] = connect.store().results_csv(code, key)
    st.session_state[ENDING_KEY] = True


def on_end_cancel() -> None:
    st.session_state.pop(ENDING_KEY, None)


@_guarded
def on_end_confirm() -> None:
    """Delete the class at once; the CSV stays offered in this session."""
    code, key = _teacher()
    results = st.session_state.get(RESULTS_KEY) or connect.store().results_csv(code, key)
    connect.store().end_class(code, key)
    connect.forget()
    st.session_state[RESULTS_KEY] = results
    _set_url_class(None)
    say("success", t("class.ended", code=code))
