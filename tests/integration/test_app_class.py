"""Class mode under AppTest (issue 29): a teacher and students as separate sessions of one
app, sharing one store (a SQLite file in tmp, or a redis-server the test starts).

Oracles are independent of the page: the store read directly (counts, versions, entries),
nncore retraining a run by itself (the recomputed score), the ranking rule written out
here, and CommonMark (``markdown-it-py``) for "a nickname renders inert". The scoring
worker's thread is off (``NNPG_CLASS_SCORER=off``); the test drains the queue itself.
AppTest does not run fragment timers: each ``run()`` is what a student's next poll shows.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from nncore import export
from nncore import playground as pgm
from tests.integration.class_store_support import NO_REDIS, RedisServer, redis_binary
from tests.integration.fuzz_support import render
from ui.classroom import actions, backend, connect, poll, scorer, versions, view
from ui.classroom.store import ERROR_CODES, STATUSES, StoreError
from ui.course.catalog import BY_ID
from ui.i18n import tr

ROOT = Path(__file__).resolve().parents[2]
CLASS = "pages/7_Class.py"
MLP = "pages/3_MLP.py"
#: nicknames that Markdown or HTML would turn into something else
#: (each at most 24 characters, the store's limit)
HOSTILE = ["[x](https://e.example)", "<img src=x onerror=a(1)>", "**bold** _it_ `t` $x^2$",
           "https://evil.example"]


@pytest.fixture(params=["sqlite", "redis"])
def store_env(request, tmp_path, monkeypatch) -> Iterator[str]:
    """Both backends: the app's store settings point at a fresh one for this test."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NNPG_CLASS_SCORER", "off")
    monkeypatch.delenv("NNPG_CLASS_STORE", raising=False)
    if request.param == "sqlite":
        monkeypatch.setenv("NNPG_CLASS_DB", str(tmp_path / "class.sqlite3"))
        yield "sqlite"
        return
    if redis_binary() is None:
        pytest.skip(NO_REDIS)
    server = RedisServer(tmp_path / "redis").start()
    monkeypatch.setenv("NNPG_CLASS_STORE", server.url)
    try:
        yield "redis"
    finally:
        with contextlib.suppress(StoreError):
            connect.store().close()
        server.stop()


def open_at(path: str, lang: str = "en", **params: str) -> AppTest:
    """A fresh session (a browser tab) on ``path`` with these URL parameters."""
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    if path != "streamlit_app.py":
        at.switch_page(path)
    return at.run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def start_class() -> tuple[AppTest, str]:
    teacher = ok(open_at(CLASS))
    ok(teacher.button(key="class_start").click().run())
    code = teacher.session_state[connect.TEACHER_KEY]["code"]
    assert teacher.query_params["class"] == code
    return teacher, code


def join(code: str, nick: str = "", path: str = CLASS) -> AppTest:
    student = ok(open_at(CLASS, **{"class": code}))
    assert student.text_input(key=actions.CODE_INPUT).value == code  # the link's code
    student.text_input(key=actions.NICK_INPUT).set_value(nick)
    ok(student.button(key="class_join_btn").click().run())
    assert student.session_state[connect.MEMBER_KEY]["code"] == code
    return student


def table(at: AppTest, column: str):
    """The dataframe of the last run that has ``column`` (AppTest keeps no dataframe key)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def texts(at: AppTest) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "success", "error",
                                          "warning") for e in at.get(kind))


# ------------------------------------------------------------------ start and join
def test_start_join_wrong_code_and_leave(store_env):
    teacher, code = start_class()
    # the code shown large, a QR code, the teacher link only inside its private expander
    assert any(m.value == code for m in teacher.markdown)
    assert len(teacher.get("image")) == 1
    key = teacher.session_state[connect.TEACHER_KEY]["key"]
    assert len(key) >= 22  # 128 bits in URL-safe base64 at least
    student = join(code, "Ada")
    assert key not in texts(student) + str(dict(student.query_params))
    assert student.query_params["class"] == code
    # the sidebar names the class; every link keeps class=
    assert any(code in m.value and "Ada" in m.value for m in student.sidebar.markdown)
    links = student.sidebar.get("page_link")
    assert links and all(f"class={code}" in p.proto.query_string for p in links)
    # the teacher's dashboard counts one student
    ok(teacher.run())
    assert [m.value for m in teacher.metric] == ["1"]
    # a wrong code: a clear message, no class, counted against the session
    wrong = ok(open_at(CLASS))
    wrong.text_input(key=actions.CODE_INPUT).set_value("ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY")
    ok(wrong.button(key="class_join_btn").click().run())
    assert connect.MEMBER_KEY not in wrong.session_state
    assert [e.value for e in wrong.error] == [tr("class.error.not_found", "en")]
    # leaving is one click, and the URL forgets the class
    ok(student.button(key="class_leave").click().run())
    assert connect.MEMBER_KEY not in student.session_state
    assert "class" not in student.query_params
    ok(teacher.run())
    assert [m.value for m in teacher.metric] == ["0"]


def test_failed_joins_are_limited_per_session(store_env):
    at = ok(open_at(CLASS))
    for _ in range(connect.SESSION_FAILS):
        at.text_input(key=actions.CODE_INPUT).set_value("QQQQQQ")
        ok(at.button(key="class_join_btn").click().run())
        assert [e.value for e in at.error] == [tr("class.error.not_found", "en")]
    # the next try is refused before the store is asked, even with a good code
    _, code = start_class()
    at.text_input(key=actions.CODE_INPUT).set_value(code)
    ok(at.button(key="class_join_btn").click().run())
    assert [e.value for e in at.error] == [tr("class.error.rate_limited", "en")]
    assert connect.MEMBER_KEY not in at.session_state


def test_process_limiter_counts_failures_in_a_window():
    t = [0.0]
    lim = connect.JoinLimiter(limit=3, window=60.0, clock=lambda: t[0])
    for _ in range(3):
        assert not lim.blocked()
        lim.failed()
    assert lim.blocked()
    t[0] = 60.5  # the window has passed
    assert not lim.blocked()


def test_a_reload_rejoins_with_one_click_and_junk_codes_get_the_notice(store_env):
    _, code = start_class()
    # a new session on any page with class=CODE: an invitation, no store access yet
    at = ok(open_at(MLP, **{"class": code}))
    assert connect.MEMBER_KEY not in at.session_state
    ok(at.button(key="class_invite_join").click().run())
    assert at.session_state[connect.MEMBER_KEY]["nickname"].startswith("Student")
    assert at.query_params["class"] == code
    # a class= that is no code: the usual notice, the page opens outside any class
    junk = ok(open_at(MLP, **{"class": "[x](https://e.example)"}))
    notice = [w.value for w in junk.warning]
    assert notice and "class=" in notice[0] and not render(notice[0]).active
    assert "class" not in junk.query_params


def test_teacher_link_reopens_the_dashboard_and_leaves_the_address_bar(store_env):
    teacher, code = start_class()
    key = teacher.session_state[connect.TEACHER_KEY]["key"]
    other = ok(open_at(CLASS, **{"class": code, "teacher": key}))
    assert other.session_state[connect.TEACHER_KEY] == {"code": code, "key": key}
    assert "teacher" not in other.query_params
    # a wrong key of the right shape: refused, nothing shown of it
    bad = ok(open_at(CLASS, **{"class": code, "teacher": "A" * 32}))
    assert connect.TEACHER_KEY not in bad.session_state
    assert tr("class.url.bad_teacher", "en") in [w.value for w in bad.warning][0]


# ------------------------------------------------------------------ predict together
def test_polls_share_one_version_read_per_process(store_env, monkeypatch):
    """The students of one process share one store read of the class's version per
    ``versions.TTL`` (the clock injected): another replica's change shows once the read is
    that old; this process's own write shows on the next poll."""
    teacher, code = start_class()
    key = teacher.session_state[connect.TEACHER_KEY]["key"]
    students = [join(code, f"S{i}") for i in range(3)]
    cache = connect.versions()
    now = [1000.0]
    monkeypatch.setattr(cache, "clock", lambda: now[0])
    cache.clear()  # what the joins' runs read on the real clock

    def questions(at: AppTest) -> list[str]:
        return [r.key for r in at.radio if str(r.key).startswith("class_answer_")]

    for s in students:
        ok(s.run())
    reads = cache.reads
    assert reads >= 1
    other = backend.open_store(connect.settings())  # another replica's store
    try:
        other.open_question(code, key, "Up or down?", ["up", "down"], None, connect.now())
        qid = other.state(code).question.id
    finally:
        other.close()
    for s in students:
        assert questions(ok(s.run())) == []  # the version read less than TTL ago
    assert cache.reads == reads
    now[0] += versions.TTL
    for s in students:
        assert questions(ok(s.run())) == [f"class_answer_{qid}"]
    assert cache.reads == reads + 1  # one read for the three
    ok(teacher.run())  # the dashboard shows the question opened elsewhere
    ok(teacher.button(key="class_q_reveal").click().run())  # a write of this process
    assert tr("class.q.revealed", "en", n=0) in texts(ok(students[0].run()))  # none answered
    assert cache.reads == reads + 2


def test_lesson_question_answer_reveal_and_run_it(store_env):
    teacher, code = start_class()
    students = [join(code, f"S{i}") for i in range(3)]
    lesson = BY_ID["hidden_layers"]
    teacher.selectbox(key="class_q_pick").set_value(lesson.id).run()
    ok(teacher.button(key="class_q_open_lesson").click().run())
    store = connect.store()
    qid = store.state(code).question.id
    # every student sees the question on the page they are on, in their own language
    picks = [2, 2, 0]
    for s, pick in zip(students, picks, strict=True):
        ok(s.run())
        radio = s.radio(key=f"class_answer_{qid}")
        assert radio.value is None
        ok(radio.set_value(pick).run())
    # changing an answer replaces it
    ok(students[2].radio(key=f"class_answer_{qid}").set_value(1).run())
    picks[2] = 1
    want = [picks.count(i) for i in range(len(lesson.choices))]
    assert store.counts(code, teacher.session_state[connect.TEACHER_KEY]["key"], qid) == (
        want, 3)
    # the dashboard: live counts, no names; students see no counts before the reveal
    ok(teacher.run())
    counts = table(teacher, "answers")
    assert list(counts["answers"]) == want
    assert tr("class.q.count", "en", n=3, members=3) in texts(teacher)
    assert tr("class.q.revealed", "en", n=3) not in texts(students[0])
    # a student's own choice is recorded as the lesson's prediction too
    assert students[0].session_state["lessons_progress"][lesson.id]["choice"] == \
        lesson.choices[2]
    # reveal: everyone sees the distribution and their own choice; answering closes
    ok(teacher.button(key="class_q_reveal").click().run())
    s0 = ok(students[0].run())
    assert tr("class.q.revealed", "en", n=3) in texts(s0)
    assert s0.radio(key=f"class_answer_{qid}").disabled
    # run it: every student gets the lesson's link
    ok(teacher.button(key="class_q_run").click().run())
    s1 = ok(students[1].run())
    vid = connect.store().state(code).view.id
    ok(s1.button(key=f"class_view_open_{vid}").click().run())
    assert s1.query_params["lesson"] == "hidden_layers" and s1.query_params["class"] == code
    assert s1.session_state["mlp_dataset"] == "xor"  # the lesson's settings


def test_own_question_and_chinese_student(store_env):
    teacher, code = start_class()
    student = ok(open_at(CLASS, lang="zh", **{"class": code}))
    ok(student.button(key="class_join_btn").click().run())
    teacher.selectbox(key="class_q_pick").set_value("own").run()
    teacher.text_input(key="class_q_text").set_value("Which is [big](javascript:x) <b>?</b>")
    teacher.text_input(key="class_q_c0").set_value("<b>A</b>")
    ok(teacher.button(key="class_q_open_own").click().run())
    assert [e.value for e in teacher.error] == [tr("class.q.need_choices", "en")]
    teacher.text_input(key="class_q_c1").set_value("B")
    ok(teacher.button(key="class_q_open_own").click().run())
    ok(student.run())
    box = [m.value for m in student.markdown if tr("class.q.header", "zh") in m.value]
    assert box and not render(box[0]).active  # the teacher's text shown literally
    radio = student.radio(key=f"class_answer_{connect.store().state(code).question.id}")
    assert not any(render(o).active for o in radio.options)


# ------------------------------------------------------------------ send a view
def test_send_a_view_and_follow_the_teacher(store_env):
    teacher, code = start_class()
    student, follower = join(code, "Ann"), join(code, "Bob")
    follower.toggle(key=actions.FOLLOW_KEY).set_value(True).run()
    link = "/MLP?dataset=spiral&layers=8,8&lr=0.1&lang=zh&class=XXXXXX"
    teacher.text_input(key="class_send_link").set_value(link)
    ok(teacher.button(key="class_send_link_btn").click().run())
    v = connect.store().state(code).view
    assert v.url == "/MLP?dataset=spiral&layers=8%2C8&lr=0.1"  # the student's own params go
    ok(student.run())
    assert tr("class.view.notice", "en", page=tr("nav.mlp", "en")) in texts(student)
    # dismissing hides it; a follower is taken to the page
    ok(student.button(key=f"class_view_dismiss_{v.id}").click().run())
    assert tr("class.view.notice", "en", page=tr("nav.mlp", "en")) not in texts(student)
    ok(follower.run())
    assert follower.session_state[actions.VIEW_DONE_KEY] == v.id
    # "Open it" takes a student there, the page started from the view's link even when
    # the session had been on that page with other settings
    third = join(code, "Cat")
    third.switch_page(MLP)
    third.query_params.update({"dataset": "xor", "layers": "2"})
    ok(third.run())
    assert third.session_state["mlp_dataset"] == "xor"
    third.switch_page(CLASS)
    ok(third.run())
    ok(third.button(key=f"class_view_open_{v.id}").click().run())
    assert third.session_state["mlp_dataset"] == "spiral"
    assert third.session_state["mlp_lr"] == 0.1
    assert third.query_params["class"] == code
    assert tr("class.view.notice", "en", page=tr("nav.mlp", "en")) not in texts(third)
    # a link that is no page of the app is refused
    teacher.text_input(key="class_send_link").set_value("https://evil.example/x")
    ok(teacher.button(key="class_send_link_btn").click().run())
    assert [e.value for e in teacher.error] == [tr("class.view.bad_link", "en")]


def test_send_this_view_from_the_sidebar_of_any_page(store_env):
    teacher, code = start_class()
    teacher.switch_page("pages/2_Neuron.py")
    teacher.query_params.update({"w1": "1.5", "b": "0.25"})
    ok(teacher.run())
    assert teacher.query_params["class"] == code  # the class stays in the teacher's URL
    ok(teacher.button(key="class_send_this").click().run())
    url = connect.store().state(code).view.url
    info, query = view.parse_link(url)
    assert info.id == "neuron" and query["w1"] == ["1.5"] and query["b"] == ["0.25"]
    assert "lang=" not in url and "class=" not in url


def test_every_store_error_refusal_and_status_has_words():
    for lang in ("en", "zh"):
        for code in ERROR_CODES:
            assert tr(f"class.error.{code}", lang)
        for reason in scorer.REASONS:
            assert tr(f"class.refused.{reason}", lang)
        for status in STATUSES:
            assert tr(f"class.status.{status}", lang)
    assert poll.REFUSALS == scorer.REASONS


def test_views_drop_the_students_own_parameters():
    assert view.parse_link("http://h:1/base/Neuron?w1=2&lang=zh&class=ABCDEF&present=1") == (
        view.nav.PAGE_BY_ID["neuron"], {"w1": ["2"]})
    assert view.parse_link("/Class?class=ABCDEF") is None
    assert view.parse_link("/Nope?x=1") is None
    assert view.base_url("http://h:8501/app/MLP?x=1") == "http://h:8501/app"
    assert view.base_url("http://h:8501/") == "http://h:8501"


# ------------------------------------------------------------------ the challenge
def mlp_run(at: AppTest, epochs: int) -> pgm.Playground:
    """The student trains ``epochs`` epochs on the MLP page (as the live frames would)."""
    pg = at.session_state["mlp_pg"]
    for _ in range(epochs):
        pg.step()
    return pg


def alone(config: pgm.Config, epochs: int) -> float:
    """The oracle: nncore trains the configuration by itself."""
    pg = pgm.Playground(config)
    for _ in range(epochs):
        pg.step()
    return float(pg.metrics()["test_metric"])


def test_challenge_submit_recomputed_ranking_and_end_class(store_env):
    teacher, code = start_class()
    at = {nick: join(code, nick) for nick in HOSTILE[:3]}
    ok(teacher.run())
    teacher.selectbox(key="class_ch_dataset").set_value("circle")
    teacher.slider(key="class_ch_noise").set_value(0)
    teacher.number_input(key="class_ch_neurons").set_value(6)
    teacher.number_input(key="class_ch_epochs").set_value(40)
    ok(teacher.button(key="class_ch_set").click().run())
    ch = connect.store().state(code).challenge
    assert (ch.dataset, ch.noise, ch.max_neurons, ch.max_epochs) == ("circle", 0, 6, 40)
    # three runs: two within the rules (different widths, epochs), one too big
    runs = {HOSTILE[0]: ("4,2", 30), HOSTILE[1]: ("3", 60), HOSTILE[2]: ("8", 10)}
    for nick, (layers, epochs) in runs.items():
        s = at[nick]
        s.switch_page(MLP)
        s.query_params.update({"dataset": "circle", "noise": "0", "layers": layers})
        ok(s.run())
        mlp_run(s, epochs)
        ok(s.button(key="class_submit").click().run())
        assert [x.value for x in s.success], texts(s)
    # a run on clicked-in points cannot be submitted
    s = at[HOSTILE[0]]
    pg = s.session_state["mlp_pg"]
    pg.set_data(added=[(0.1, 0.2, 1)])
    pg.step()
    ok(s.button(key="class_submit").click().run())
    assert [e.value for e in s.error] == [tr("class.submit.own_data", "en")]
    # the server retrains every entry (never the student's own figures)
    store = connect.store()
    assert scorer.drain(store) == 3
    entries = store.entries(code, ch.id)
    by_nick = {e.nickname: e for e in entries}
    c0 = pgm.Config(dataset="circle", noise=0, layers=(4, 2))
    c1 = pgm.Config(dataset="circle", noise=0, layers=(3,))
    assert by_nick[HOSTILE[0]].test_acc == pytest.approx(alone(c0, 30), abs=1e-6)
    assert by_nick[HOSTILE[1]].test_acc == pytest.approx(alone(c1, 40), abs=1e-6)  # capped
    assert by_nick[HOSTILE[1]].epochs_scored == 40
    assert (by_nick[HOSTILE[2]].status, by_nick[HOSTILE[2]].message) == ("refused", "neurons")
    # ranked by test accuracy, then fewer neurons, then fewer epochs
    scored = sorted([by_nick[HOSTILE[0]], by_nick[HOSTILE[1]]],
                    key=lambda e: (-e.test_acc, e.neurons, e.epochs_scored))
    ok(teacher.run())
    board = table(teacher, "nickname")
    assert list(board["nickname"]) == [e.nickname for e in scored] + [HOSTILE[2]]
    assert list(board["rank"][:2]) == [1, 2]
    assert all(f"class={code}" in link and "/MLP?" in link for link in board["link"])
    # the student sees their own result
    s1 = ok(at[HOSTILE[1]].run())
    assert tr("class.ch.scored", "en", acc=f"{100 * by_nick[HOSTILE[1]].test_acc:.1f}%",
              neurons=3, epochs=40, rank=[e.nickname for e in scored].index(HOSTILE[1]) + 1,
              n=2) in texts(s1)
    # nicknames render inert wherever a page writes them as Markdown
    side = [m.value for m in s1.sidebar.markdown if code in m.value]
    assert side and HOSTILE[1] in side[0] and not render(side[0]).active
    # end class: the anonymous CSV first, then the class is gone for everyone
    ok(teacher.button(key="class_end").click().run())
    rows = list(csv.reader(io.StringIO(teacher.session_state[actions.RESULTS_KEY])))
    assert rows[0][:3] == ["part", "number", "text"]
    assert {r[6] for r in rows[1:] if r[0] == "challenge"} == {HOSTILE[0], HOSTILE[1]}
    ok(teacher.button(key="class_end_confirm").click().run())
    assert store.version(code) is None
    assert connect.TEACHER_KEY not in teacher.session_state
    assert len(teacher.get("download_button")) == 1  # the CSV is still offered
    s2 = ok(at[HOSTILE[2]].run())
    assert connect.MEMBER_KEY not in s2.session_state
    assert "class" not in s2.query_params
    assert tr("class.gone", "en", code=code) in texts(s2)


def test_submission_carries_the_run_and_scoring_checks_it():
    config = pgm.Config(dataset="spiral", noise=10, layers=(8, 4), seed=3)
    text = scorer.submission("/MLP?dataset=spiral", config)
    link, body = view.split(text)
    assert link == "/MLP?dataset=spiral"
    assert export.config_from_json(body) == config
    ch = type("Ch", (), {"dataset": "spiral", "noise": 10.0, "max_neurons": 12})()
    assert scorer.refusal(config, ch) is None
    assert scorer.refusal(pgm.Config(dataset="circle", noise=10, layers=(8, 4)), ch) == "dataset"
    assert scorer.refusal(pgm.Config(dataset="spiral", noise=20, layers=(8, 4)), ch) == "noise"
    assert scorer.refusal(pgm.Config(dataset="spiral", noise=10, layers=(8, 8)), ch) == "neurons"


def test_scoring_sleeps_between_epochs_as_long_as_they_take():
    t = [0.0]
    slept = []

    def clock() -> float:
        t[0] += 0.25  # each epoch "takes" 0.25 s on this clock
        return t[0]

    result = scorer.retrain(pgm.Config(layers=(2,)), 4, sleep=slept.append, clock=clock)
    assert result is not None and result.epochs == 4 and result.neurons == 2
    assert slept == [0.25] * 4  # share 0.5: as long as the epoch took


# ------------------------------------------------------------------ a store that is down
def test_a_store_that_cannot_be_reached(store_env, tmp_path, monkeypatch):
    teacher, code = start_class()
    student = join(code, "Cy")
    ok(student.switch_page(MLP).run())
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NNPG_CLASS_STORE", "sqlite")
    monkeypatch.setenv("NNPG_CLASS_DB", str(blocked / "class.sqlite3"))
    with pytest.raises(StoreError):
        connect.store()
    # the student's page keeps working with one small line; the Class page says why
    ok(student.run())
    assert tr("class.poll.unavailable", "en") in texts(student)
    assert student.session_state["mlp_pg"] is not None
    fresh = ok(open_at(CLASS))
    assert [e.value for e in fresh.error] == [tr("class.error.unavailable", "en")]
    assert fresh.button(key="class_start").disabled
