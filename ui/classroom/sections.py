"""The Class page's parts: the welcome (join a class, start one), a student's status, and
the teacher's dashboard (join code and QR code, the teacher link, a question with its
live counts, sending a view, the challenge and its leaderboard, ending the class).

The dashboard's live parts are fragments that poll the class's version every
:data:`DASH_POLL` seconds and read the class again only when it changed (one read shared
by both fragments, kept in session state).
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from nncore import data
from ui import nav, state
from ui.classroom import actions, connect, poll, qr, scorer, view
from ui.classroom.store import MAX_MEMBERS, NICKNAME_MAX, StoreError
from ui.course.catalog import BY_ID, IDS
from ui.i18n import labeller, t

DASH_POLL = 1.5
#: session key: the dashboard's last read of the class
DASH_KEY = "class_dash"
#: a teacher key's shape (``secrets.token_urlsafe(24)``)
KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")
#: the datasets a challenge can use (classification: ranked by test accuracy)
DATASETS = tuple(n for n in data.names() if data.kind(n) != "regression")
_CODE_CSS = """<style>
.st-key-class_code p { font-size: 4.5rem; font-weight: 700; letter-spacing: 0.25em;
  font-family: ui-monospace, monospace; line-height: 1.1; margin: 0; }
</style>"""


def role() -> str:
    """"teacher", "member" or "visitor": what the page shows this session."""
    if connect.teacher():
        return "teacher"
    return "member" if connect.member() else "visitor"


def start() -> list[str]:
    """The page's reading of its link: parameters it does not read go; ``teacher=KEY``
    (the teacher link) opens the dashboard in this session and leaves the address bar at
    once, so a projected screen never shows it. Returns the problems for the notice."""
    problems = [state.drop_unknown(("teacher",))]
    raw = st.query_params.get_all("teacher")
    if raw:
        key = raw[-1]
        del st.query_params["teacher"]
        code = st.session_state.get(state.CLASS_KEY)
        mine = connect.teacher()
        if not KEY_SHAPE.fullmatch(key):
            problems.append(t("class.url.not_key", setting=state.inert(f"teacher={key}")))
        elif not code:
            problems.append(t("class.url.teacher_no_class"))
        elif not (mine and mine["code"] == code and mine["key"] == key):
            problem = actions.teacher_from_link(code, key)
            if problem is None:
                st.rerun()  # the sidebar and the links now show the class
            problems.append(problem)
    return [p for p in problems if p]


def _store_ok() -> bool:
    """Whether the store answers; else a clear notice (every other page keeps working)."""
    try:
        connect.store()
    except StoreError as err:
        st.error(actions.error_text(err), icon=":material/cloud_off:")
        return False
    return True


# ------------------------------------------------------------------ not in a class
def welcome(lang: str) -> None:
    """Join a class (code, optional nickname) or start one; the last class's results."""
    results = st.session_state.get(actions.RESULTS_KEY)
    if results:
        st.download_button(t("class.end.download"), results, file_name="class-results.csv",
                           mime="text/csv", key="class_results_again",
                           icon=":material/download:")
    ok = _store_ok()
    invited = st.session_state.get(state.CLASS_KEY)
    if invited and actions.CODE_INPUT not in st.session_state:
        st.session_state[actions.CODE_INPUT] = invited
    join_col, teach_col = st.columns(2, gap="large")
    with join_col, st.container(border=True, key="class_join"):
        st.subheader(t("class.join.header"))
        st.text_input(t("class.join.code"), key=actions.CODE_INPUT, max_chars=12,
                      placeholder="ABC234")
        st.text_input(t("class.join.nick"), key=actions.NICK_INPUT, max_chars=NICKNAME_MAX,
                      placeholder=t("class.join.nick_placeholder"),
                      help=t("class.join.nick_help"))
        st.button(t("class.join.button"), key="class_join_btn", type="primary",
                  on_click=actions.on_join, disabled=not ok, icon=":material/login:")
    with teach_col, st.container(border=True, key="class_teach"):
        st.subheader(t("class.teach.header"))
        st.markdown(t("class.teach.text", n=MAX_MEMBERS))
        st.button(t("class.teach.start"), key="class_start", on_click=actions.on_start,
                  disabled=not ok, icon=":material/co_present:")


def member(lang: str) -> None:
    """A student's status on the Class page (the class itself shows at the top)."""
    me = connect.member()
    with st.container(border=True, key="class_status"):
        st.markdown(t("class.status", code=me["code"],
                      nick=state.inert(me["nickname"], limit=40)))
        st.caption(t("class.status_help"))
        nav.nav_link(nav.PAGE_BY_ID["mlp"], lang, label=t("class.status_mlp"))
        st.button(t("class.side.leave"), key="class_leave_page", on_click=actions.on_leave,
                  icon=":material/logout:")


# ------------------------------------------------------------------ the dashboard
def dash_refresh(code: str, key: str) -> dict[str, Any] | None:
    """The class as its teacher sees it (state, the open question's counts, the
    challenge's entries), read again only when its version changed; None when gone."""
    store = connect.store()
    version = store.version(code)
    if version is None:
        return None
    seen = st.session_state.get(DASH_KEY)
    if seen and seen["version"] == version and seen["code"] == code:
        return seen
    cls = store.state(code)
    q, ch = cls.question, cls.challenge
    seen = {"code": code, "version": cls.version, "state": cls,
            "counts": store.counts(code, key, q.id) if q else None,
            "entries": store.entries(code, ch.id) if ch else []}
    st.session_state[DASH_KEY] = seen
    return seen


def _dash(code: str, key: str) -> dict[str, Any] | None:
    """:func:`dash_refresh` with the store's failures and a gone class handled."""
    try:
        seen = dash_refresh(code, key)
    except StoreError as err:
        st.error(actions.error_text(err), icon=":material/cloud_off:")
        return None
    if seen is None:
        connect.forget()
        actions.say("info", t("class.gone", code=code))
        if "class" in st.query_params:
            del st.query_params["class"]
        st.rerun(scope="app")
    return seen


def dashboard(lang: str) -> None:
    """The teacher's dashboard."""
    me = connect.teacher()
    code, key = me["code"], me["key"]
    base = view.base_url(_page_url())
    join = view.join_url(base, code)
    st.html(_CODE_CSS)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.caption(t("class.dash.code"))
        with st.container(key="class_code"):
            st.markdown(code)
        st.markdown(t("class.dash.join_at"))
        st.code(join, language=None)
        st.fragment(_members, run_every=DASH_POLL)(code, key)
        with st.expander(t("class.dash.teacher_link"), icon=":material/key:"):
            st.warning(t("class.dash.teacher_link_warning"), icon=":material/lock:")
            st.code(view.teacher_url(base, code, key), language=None)
        st.button(t("class.dash.stop"), key="class_stop", on_click=actions.on_stop_teaching,
                  help=t("class.dash.stop_help"))
    with right:
        st.image(qr.png(join), caption=t("class.dash.qr_caption"), width="stretch",
                 alt=t("class.dash.qr_alt", link=join))  # issue 30: axe image-alt
    st.divider()
    question_controls(lang)
    st.fragment(_question_live, run_every=DASH_POLL)(code, key, lang)
    st.divider()
    send_controls(lang)
    st.divider()
    challenge_controls()
    st.fragment(_board_live, run_every=DASH_POLL)(code, key, base)
    st.divider()
    end_controls()


def _page_url() -> str | None:
    try:
        return st.context.url
    except Exception:  # noqa: BLE001 - no browser context (AppTest, bare mode)
        return None


def _members(code: str, key: str) -> None:
    seen = _dash(code, key)
    if seen is not None:
        st.metric(t("class.dash.members"), seen["state"].members)


# ---- the question
def _lesson_label(lesson_id: str) -> str:
    if lesson_id == "own":
        return t("class.q.own")
    return f"{IDS.index(lesson_id) + 1}. {t(f'lessons.{lesson_id}.title')}"


def question_controls(lang: str) -> None:
    """Pick one of the lessons' questions, or write one with 2-4 choices, and open it."""
    st.subheader(t("class.q.section"))
    pick = st.selectbox(t("class.q.pick_lesson"), ["own", *IDS], key=state.choice("class_q_pick"),
                        format_func=_lesson_label)
    if pick == "own":
        st.text_input(t("class.q.text"), key="class_q_text", max_chars=500)
        keys = tuple(f"class_q_c{i}" for i in range(4))
        for i, column in enumerate(st.columns(4)):
            with column:
                st.text_input(t("class.q.choice", n=i + 1), key=keys[i], max_chars=200)
        st.button(t("class.q.open"), key="class_q_open_own", type="primary",
                  on_click=actions.on_open_own, args=("class_q_text", keys))
        return
    lesson = BY_ID[pick]
    label = labeller(f"lessons.{pick}.choice", lang)
    st.markdown(f"**{t(f'lessons.{pick}.question')}**\n"
                + "\n".join(f"- {label(c)}" for c in lesson.choices))
    st.button(t("class.q.open"), key="class_q_open_lesson", type="primary",
              on_click=actions.on_open_lesson, args=(pick,))


def _question_live(code: str, key: str, lang: str) -> None:
    """The open question's live counts (no names), Reveal, and Run it for a lesson's."""
    poll.held_messages("question")  # a click in this fragment reruns it alone
    seen = _dash(code, key)
    if seen is None:
        return
    q = seen["state"].question
    if q is None:
        st.caption(t("class.q.none"))
        return
    counts, answered = seen["counts"]
    with st.container(border=True, key="class_q_live"):
        st.markdown(f"**{view.plain(q.text)}**")
        st.dataframe(
            view.count_rows(q.choices, counts), hide_index=True, key="class_q_counts",
            column_config={
                "choice": st.column_config.TextColumn(t("class.q.col_choice")),
                "answers": st.column_config.ProgressColumn(
                    t("class.q.col_answers"), format="%d", min_value=0,
                    max_value=max(1, answered)),
                "share": st.column_config.TextColumn(t("class.q.col_share")),
            })
        st.markdown(t("class.q.count", n=answered, members=seen["state"].members))
        cols = st.columns(2)
        with cols[0]:
            if q.revealed:
                st.caption(t("class.q.is_revealed"))
            else:
                st.button(t("class.q.reveal"), key="class_q_reveal", on_click=actions.on_reveal,
                          icon=":material/visibility:")
        with cols[1]:
            if q.lesson in BY_ID:
                st.button(t("class.q.run_it"), key="class_q_run", on_click=actions.on_run_it,
                          args=(q.lesson,), icon=":material/play_arrow:",
                          help=t("class.q.run_it_help"))


# ---- a view
def send_controls(lang: str) -> None:
    """Send a page with its settings: a page's last link in this session, or a pasted one."""
    st.subheader(t("class.view.section"))
    st.caption(t("class.view.help"))
    pages = [p.id for p in nav.PAGES if p.id != "class"]
    cols = st.columns([2, 1], vertical_alignment="bottom")
    with cols[0]:
        pick = st.selectbox(t("class.view.page"), pages, key=state.choice("class_send_page"),
                            format_func=lambda p: t(f"nav.{p}"))
    with cols[1]:
        st.button(t("class.view.send"), key="class_send_page_btn",
                  on_click=actions.on_send_page, args=("class_send_page",),
                  icon=":material/cast:")
    st.caption(t("class.view.will_send", link=state.inert(
        view.page_link(pick, state.page_query(pick)), limit=120)))
    cols = st.columns([2, 1], vertical_alignment="bottom")
    with cols[0]:
        st.text_input(t("class.view.paste"), key="class_send_link", max_chars=4000,
                      placeholder="/MLP?dataset=spiral&layers=8,8")
    with cols[1]:
        st.button(t("class.view.send_link"), key="class_send_link_btn",
                  on_click=actions.on_send_pasted, args=("class_send_link",))


# ---- the challenge
def challenge_controls() -> None:
    """Set a challenge on the MLP page's data."""
    st.subheader(t("class.ch.section"))
    keys = {"dataset": "class_ch_dataset", "noise": "class_ch_noise",
            "neurons": "class_ch_neurons", "target": "class_ch_target",
            "epochs": "class_ch_epochs"}
    state.init_state({keys["dataset"]: "spiral", keys["noise"]: 10, keys["neurons"]: 12,
                      keys["target"]: 90, keys["epochs"]: 500})
    cols = st.columns(5)
    with cols[0]:
        st.selectbox(t("class.ch.dataset"), DATASETS, key=state.choice(keys["dataset"]),
                     format_func=lambda n: t(f"mlp.ds.{n}"))
    with cols[1]:
        st.slider(t("class.ch.noise"), 0, 50, step=5, key=keys["noise"])
    with cols[2]:
        st.number_input(t("class.ch.neurons"), 1, 64, step=1, key=keys["neurons"])
    with cols[3]:
        st.slider(t("class.ch.target"), 50, 100, step=1, key=keys["target"], format="%d%%")
    with cols[4]:
        st.number_input(t("class.ch.epochs"), 10, 5000, step=10, key=keys["epochs"])
    st.button(t("class.ch.set"), key="class_ch_set", type="primary",
              on_click=actions.on_set_challenge, args=(keys,), icon=":material/flag:")


def _board_live(code: str, key: str, base: str) -> None:
    """The challenge and its leaderboard (nicknames as plain cells; a click opens a run)."""
    seen = _dash(code, key)
    if seen is None:
        return
    ch = seen["state"].challenge
    if ch is None:
        st.caption(t("class.ch.none"))
        return
    st.markdown(t("class.ch.summary", dataset=t(f"mlp.ds.{ch.dataset}"), noise=f"{ch.noise:g}",
                  neurons=ch.max_neurons, target=view.percent(round(ch.target_acc * 1000), 1000),
                  epochs=ch.max_epochs))
    entries = seen["entries"]
    if any(e.status in ("queued", "scoring") for e in entries):
        scorer.wake()  # this process scores too, whoever submitted
    rows = view.board_rows(entries, base, code)
    if not rows:
        st.caption(t("class.ch.no_entries"))
        return
    for row in rows:
        row["status"] = t(f"class.status.{row['status']}")
        if row["test_acc"] is not None and row["test_acc"] / 100 >= ch.target_acc:
            row["status"] += " ✓"
    st.dataframe(rows, hide_index=True, key="class_board", column_config={
        "rank": st.column_config.NumberColumn(t("class.board.rank"), format="%d"),
        "nickname": st.column_config.TextColumn(t("class.board.nickname")),
        "test_acc": st.column_config.NumberColumn(t("class.board.acc"), format="%.1f%%"),
        "neurons": st.column_config.NumberColumn(t("class.board.neurons"), format="%d"),
        "epochs": st.column_config.NumberColumn(t("class.board.epochs"), format="%d"),
        "status": st.column_config.TextColumn(t("class.board.status")),
        "link": st.column_config.LinkColumn(t("class.board.link"),
                                            display_text=t("class.board.open")),
    })


# ---- the end
def end_controls() -> None:
    """"End class": the anonymous results as CSV, then delete the class (one more click)."""
    st.subheader(t("class.end.section"))
    if not st.session_state.get(actions.ENDING_KEY):
        st.button(t("class.end.button"), key="class_end", on_click=actions.on_end_ask,
                  icon=":material/stop_circle:")
        return
    st.warning(t("class.end.confirm"), icon=":material/warning:")
    cols = st.columns(3)
    with cols[0]:
        st.download_button(t("class.end.download"), st.session_state[actions.RESULTS_KEY],
                           file_name="class-results.csv", mime="text/csv",
                           key="class_results_dl", icon=":material/download:")
    with cols[1]:
        st.button(t("class.end.delete"), key="class_end_confirm", type="primary",
                  on_click=actions.on_end_confirm)
    with cols[2]:
        st.button(t("class.end.cancel"), key="class_end_cancel", on_click=actions.on_end_cancel)
