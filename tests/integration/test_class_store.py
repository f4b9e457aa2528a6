"""The class store (ui/classroom): one suite, run on both backends (SQLite in a tmp file,
Redis on a redis-server the tests start in a tmp dir on a free port).

Oracles are independent of the store: the answers each process acknowledged, counted
here; the limits as numbers from the issue (500 members, 200 classes); the ranking rule
written out by hand; the raw file or keyspace read directly for "nothing left" and "no
plain key". Times are injected (``now``), never slept.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.class_store_support import (
    NO_REDIS,
    RedisServer,
    answer_many,
    claim_all,
    redis_binary,
    share_barrier,
)
from ui.classroom import store as S  # noqa: N812 (S: the store module's names)
from ui.classroom.backend import open_store
from ui.classroom.sqlite_store import SQLiteStore
from ui.classroom.store import StoreError

T0 = 1_000_000.0


@dataclass
class Backend:
    name: str
    settings: dict
    path: Path | None = None  # the SQLite file
    server: RedisServer | None = None

    def open(self) -> S.Store:
        return open_store(self.settings)

    def restart(self) -> None:
        """The store's own process dies and comes back (Redis: SIGKILL, no save)."""
        if self.server is not None:
            self.server.kill()
            self.server.start()

    def raw(self) -> str:
        """Everything the backend holds, as text (for "gone" and "never stored")."""
        if self.server is not None:
            import redis
            r = redis.Redis.from_url(self.settings["NNPG_CLASS_STORE"], decode_responses=True)
            out = []
            for k in r.scan_iter("*"):
                t = r.type(k)
                v = {"string": r.get, "hash": r.hgetall, "zset": lambda k: r.zrange(k, 0, -1),
                     "list": lambda k: r.lrange(k, 0, -1), "set": r.smembers}[t](k)
                out.append(f"{k} {v}")
            r.close()
            return "\n".join(out)
        con = sqlite3.connect(self.path)
        try:
            return "\n".join(str(row) for t in ("classes", "members", "questions", "answers",
                                                "challenges", "entries")
                             for row in con.execute(f"SELECT * FROM {t}"))
        finally:
            con.close()


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    if redis_binary() is None:
        pytest.skip(NO_REDIS)
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture(params=["sqlite", "redis"])
def backend(request, tmp_path):
    if request.param == "sqlite":
        path = tmp_path / "data" / "class.sqlite3"
        yield Backend("sqlite", {"NNPG_CLASS_DB": str(path)}, path=path)
        return
    server = request.getfixturevalue("redis_server")
    if not server.ping():  # a test before this one left it down
        server.start()
    import redis
    r = redis.Redis.from_url(server.url)
    r.flushall()
    r.close()
    yield Backend("redis", {"NNPG_CLASS_STORE": server.url}, server=server)


@pytest.fixture
def store(backend):
    s = backend.open()
    yield s
    s.close()


def teacher_class(store, now=T0):
    code, key = store.create_class(now)
    return code, key


def error(fn, *a, **kw) -> str:
    with pytest.raises(StoreError) as e:
        fn(*a, **kw)
    return e.value.code


# ------------------------------------------------------------------------ the class


def test_open_store_picks_the_backend(backend, store):
    assert type(store).__name__ == {"sqlite": "SQLiteStore", "redis": "RedisStore"}[backend.name]
    if backend.name == "sqlite":
        assert backend.path.exists()  # its folder made on demand


def test_codes_keys_and_versions(backend, store):
    codes = set()
    for i in range(20):
        code, key = teacher_class(store, T0 + i)
        assert len(code) == 6 and set(code) <= set("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        assert not set(code) & set("0O1IL")
        assert len(key) >= 32  # 24 random bytes, base64url: 192 bits
        codes.add(code)
        assert store.version(code) is not None
    assert len(codes) == 20
    # the key is stored only as its hash
    raw = backend.raw()
    assert key not in raw and S.key_hash(key) in raw
    # unknown, malformed and lower-case codes are no class
    for bad in ("AAAAAA", "ABC", "", "abcdef", "0OOOOO", None, "A" * 7):
        assert store.version(bad) is None
        assert error(store.state, bad) == "not_found"
        assert error(store.join, bad, "x", T0) == "not_found"


def test_every_change_bumps_the_version_and_reads_do_not(store):
    code, key = teacher_class(store)
    seen = [store.version(code)]

    def changed():
        v = store.version(code)
        assert v > seen[-1]
        seen.append(v)

    m = store.join(code, "Ada", T0)
    changed()
    q = store.open_question(code, key, "Q?", ["a", "b"], None, T0)
    changed()
    store.answer(code, m.member_id, q.id, 1, T0)
    changed()
    store.reveal(code, key, T0)
    changed()
    store.send_view(code, key, "http://x/MLP?seed=1", T0)
    changed()
    c = store.set_challenge(code, key, "spiral", 10, 12, 0.9, 200, T0)
    changed()
    e = store.submit(code, m.member_id, "http://x/MLP?seed=2", 100, T0)
    changed()
    assert store.claim(T0).id == e.id
    changed()
    store.score(e.id, "scored", 0.9, 8, 100, "", T0)
    changed()
    store.leave(code, m.member_id, T0)
    changed()
    v = store.version(code)
    store.state(code)
    store.counts(code, key, q.id)
    store.entries(code, c.id)
    store.my_answer(code, store.join(code, None, T0).member_id, q.id)
    assert store.version(code) == v + 1  # the join only
    assert store.state(code).version == store.version(code)


def test_teacher_key_is_checked_by_every_teacher_action(store, monkeypatch):
    code, key = teacher_class(store)
    other_code, other_key = teacher_class(store)
    q = store.open_question(code, key, "Q?", ["a", "b"], None, T0)
    calls = []
    real = S.hmac.compare_digest
    monkeypatch.setattr(S.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    for wrong in ("", None, key[:-1], key + "x", other_key, key.upper()):
        assert error(store.check_teacher, code, wrong) == "forbidden"
        assert error(store.open_question, code, wrong, "Q?", ["a", "b"], None, T0) == "forbidden"
        assert error(store.reveal, code, wrong, T0) == "forbidden"
        assert error(store.send_view, code, wrong, "http://x/", T0) == "forbidden"
        assert error(store.set_challenge, code, wrong, "spiral", 0, 4, 0.5, 10, T0) == "forbidden"
        assert error(store.counts, code, wrong, q.id) == "forbidden"
        assert error(store.results_csv, code, wrong) == "forbidden"
        assert error(store.end_class, code, wrong) == "forbidden"
    assert calls, "keys are compared with hmac.compare_digest"
    store.check_teacher(code, key)
    store.check_teacher(other_code, other_key)
    assert store.state(code).question == q  # nothing above changed the class
    assert store.version(code) == store.state(code).version


# ------------------------------------------------------------------------ members


def test_join_nicknames_and_leave(store):
    code, key = teacher_class(store)
    a = store.join(code, None, T0)
    b = store.join(code, "   ", T0)
    c = store.join(code, "  Ada   Lovelace ", T0)
    d = store.join(code, "x" * 40, T0)
    e = store.join(code, "<b>**hi**</b>[l](http://e)\u202e\u200b\x00", T0)
    assert (a.nickname, b.nickname, c.nickname) == ("Student 1", "Student 2", "Ada Lovelace")
    assert d.nickname == "x" * 24
    assert e.nickname == "<b>**hi**</b>[l](http://e)"[:24]  # text kept, shown inert by the page
    assert len({m.member_id for m in (a, b, c, d, e)}) == 5
    assert all(len(m.member_id) >= 22 for m in (a, b, c))  # 128 random bits
    assert store.member(code, c.member_id) == c
    assert store.state(code).members == 5
    store.leave(code, c.member_id, T0)
    store.leave(code, c.member_id, T0)  # twice is fine
    assert error(store.member, code, c.member_id) == "forbidden"
    assert error(store.member, code, "nobody") == "forbidden"
    assert store.state(code).members == 4
    assert store.join(code, "", T0).nickname == "Student 6"  # N counts joins


def test_member_limit(store):
    code, _ = teacher_class(store)
    members = [store.join(code, None, T0) for _ in range(500)]
    assert error(store.join, code, "late", T0) == "full"
    store.leave(code, members[0].member_id, T0)
    store.join(code, "in", T0)
    assert store.state(code).members == 500


def test_class_limit_and_expiry(store):
    codes = [teacher_class(store, T0)[0] for _ in range(200)]
    assert error(store.create_class, T0) == "full"
    # activity keeps a class; idle 12 h deletes it
    keep = codes[0]
    store.join(keep, None, T0 + S.IDLE - 10)
    assert store.expire(T0 + S.IDLE - 1) == 0
    assert store.expire(T0 + S.IDLE + 1) == 199
    assert store.version(keep) is not None and store.version(codes[1]) is None
    assert store.expire(T0 + 2 * S.IDLE) == 1
    assert store.version(keep) is None
    # create_class expires the idle ones first
    more = [teacher_class(store, T0 + 3 * S.IDLE)[0] for _ in range(200)]
    assert error(store.create_class, T0 + 3 * S.IDLE) == "full"
    code, _ = store.create_class(T0 + 4 * S.IDLE + 1)
    assert store.version(code) is not None and store.version(more[0]) is None


# ------------------------------------------------------------------------ questions


def test_question_answer_reveal(store):
    code, key = teacher_class(store)
    a, b, c = (store.join(code, n, T0) for n in ("a", "b", "c"))
    assert error(store.reveal, code, key, T0) == "ended"  # nothing open
    assert error(store.open_question, code, key, "Q?", ["only"], None, T0) == "invalid"
    assert error(store.open_question, code, key, "Q?", list("abcde"), None, T0) == "invalid"
    assert error(store.open_question, code, key, "Q?", ["a", " "], None, T0) == "invalid"
    assert error(store.open_question, code, key, " ", ["a", "b"], None, T0) == "invalid"
    q = store.open_question(code, key, " Which? ", ["up", "down", "same"], "lr-too-high", T0)
    assert q == S.Question(q.id, "Which?", ("up", "down", "same"), "lr-too-high", False)
    assert store.state(code).question == q
    store.answer(code, a.member_id, q.id, 0, T0)
    store.answer(code, b.member_id, q.id, 0, T0)
    store.answer(code, a.member_id, q.id, 2, T0)  # replaces a's answer
    assert store.my_answer(code, a.member_id, q.id) == 2
    assert store.my_answer(code, c.member_id, q.id) is None
    assert store.counts(code, key, q.id) == ([1, 0, 1], 2)
    assert error(store.counts, code, None, q.id) == "forbidden"  # students wait for the reveal
    for bad in (3, -1, "1", 1.0, None):
        assert error(store.answer, code, c.member_id, q.id, bad, T0) == "invalid"
    assert error(store.answer, code, "nobody", q.id, 0, T0) == "forbidden"
    assert error(store.answer, code, c.member_id, q.id + 1, 0, T0) == "ended"
    store.reveal(code, key, T0)
    assert store.state(code).question.revealed
    assert store.counts(code, None, q.id) == ([1, 0, 1], 2)
    assert error(store.answer, code, c.member_id, q.id, 1, T0) == "ended"
    # a new question replaces the open one; the old one's counts stay
    q2 = store.open_question(code, key, "Next?", ["x", "y"], None, T0)
    assert q2.id != q.id and store.state(code).question == q2
    assert error(store.answer, code, c.member_id, q.id, 1, T0) == "ended"
    store.answer(code, c.member_id, q2.id, 1, T0)
    assert store.counts(code, key, q2.id) == ([0, 1], 1)
    assert store.counts(code, key, q.id) == ([1, 0, 1], 2)
    # a question of another class is not this class's
    other, okey = teacher_class(store)
    assert error(store.counts, other, okey, q.id) == "not_found"


def test_question_limit(store):
    code, key = teacher_class(store)
    for i in range(200):
        store.open_question(code, key, f"Q{i}?", ["a", "b"], None, T0)
    assert error(store.open_question, code, key, "one more", ["a", "b"], None, T0) == "too_many"


def test_send_view(store):
    code, key = teacher_class(store)
    assert store.state(code).view is None
    v1 = store.send_view(code, key, "http://x/MLP?seed=3&lr=0.1", T0)
    v2 = store.send_view(code, key, "http://x/MLP?seed=3&lr=0.1", T0)
    assert v2.id > v1.id and v2.url == v1.url  # the same link sent again is a new send
    assert store.state(code).view == v2
    assert error(store.send_view, code, key, "x" * (S.URL_MAX + 1), T0) == "invalid"
    assert error(store.send_view, code, key, "", T0) == "invalid"


# ------------------------------------------------------------------------ challenges


def test_challenge_submit_claim_score_rank(store):
    code, key = teacher_class(store)
    ms = [store.join(code, f"s{i}", T0) for i in range(6)]
    assert error(store.submit, code, ms[0].member_id, "http://x/", 10, T0) == "ended"
    for bad in (("", 1, 4, 0.5, 10), ("spiral", -1, 4, 0.5, 10), ("spiral", 0, 0, 0.5, 10),
                ("spiral", 0, 4, 1.5, 10), ("spiral", 0, 4, 0.5, 0), ("spiral", 0, 4.5, 0.5, 10),
                ("spiral", 0, 4, 0.5, S.EPOCHS_MAX + 1)):
        assert error(store.set_challenge, code, key, *bad, T0) == "invalid"
    c = store.set_challenge(code, key, "spiral", 10, 12, 0.9, 300, T0)
    assert c == S.Challenge(c.id, "spiral", 10.0, 12, 0.9, 300)
    assert store.state(code).challenge == c and store.challenge(code, c.id) == c
    for bad in (0, 301, 2.0, "5"):
        assert error(store.submit, code, ms[0].member_id, "http://x/", bad, T0) == "invalid"
    assert error(store.submit, code, ms[0].member_id, "x" * (S.URL_MAX + 1), 5, T0) == "invalid"
    assert error(store.submit, code, "nobody", "http://x/", 5, T0) == "forbidden"
    # results: (member, acc, neurons, epochs) in submission order, and one refused
    plan = [(0, 0.90, 8, 200), (1, 0.95, 12, 300), (2, 0.95, 8, 300), (3, 0.95, 8, 100),
            (4, 0.95, 8, 100), (5, None, None, None)]
    subs = []
    for i, (m, *_rest) in enumerate(plan):
        e = store.submit(code, ms[m].member_id, f"http://x/MLP?seed={i}", 50, T0 + i)
        assert (e.status, e.nickname, e.code, e.challenge_id) == ("queued", f"s{m}", code, c.id)
        subs.append(e)
    claimed = []
    while (e := store.claim(T0 + 10)) is not None:
        assert e.status == "scoring"
        claimed.append(e)
    assert [e.id for e in claimed] == [e.id for e in subs]  # oldest first, each once
    assert claimed[0] == S.Entry(subs[0].id, ms[0].member_id, "s0", "http://x/MLP?seed=0",
                                 50, "scoring", None, None, None, "", code, c.id, T0)
    for e, (_m, acc, neurons, epochs) in zip(claimed, plan):
        if acc is None:
            store.score(e.id, "refused", None, None, None, "uploaded data", T0 + 11)
        else:
            store.score(e.id, "scored", acc, neurons, epochs, "", T0 + 11)
    store.score(claimed[0].id, "scored", 1.0, 1, 1, "", T0 + 12)  # the first result wins
    ranked = store.entries(code, c.id)
    # by hand: acc desc, then fewer neurons, fewer epochs, earlier submission; refused last
    assert [e.nickname for e in ranked] == ["s3", "s4", "s2", "s1", "s0", "s5"]
    assert ranked[0].test_acc == 0.95 and ranked[0].neurons == 8 and ranked[0].epochs_scored == 100
    assert ranked[-1].status == "refused" and ranked[-1].message == "uploaded data"
    assert ranked[-2].test_acc == 0.90
    assert store.claim(T0 + 1000) is None  # scored ones never come back
    # five entries per member per challenge
    for _ in range(4):
        store.submit(code, ms[0].member_id, "http://x/", 5, T0 + 20)
    assert error(store.submit, code, ms[0].member_id, "http://x/", 5, T0 + 20) == "too_many"
    # a new challenge: the old one is closed to submissions, its entries stay
    c2 = store.set_challenge(code, key, "xor", 0, 4, 0.8, 50, T0 + 30)
    store.submit(code, ms[0].member_id, "http://x/", 5, T0 + 30)
    assert len(store.entries(code, c.id)) == 10 and len(store.entries(code, c2.id)) == 1
    assert error(store.score, 10**9, "scored", 1.0, 1, 1, "", T0) == "not_found"
    assert error(store.challenge, code, 10**9) == "not_found"


def test_lease_and_challenge_limit(store):
    code, key = teacher_class(store)
    m = store.join(code, None, T0)
    store.set_challenge(code, key, "spiral", 10, 12, 0.9, 300, T0)
    e = store.submit(code, m.member_id, "http://x/", 5, T0)
    assert store.claim(T0).id == e.id
    assert store.claim(T0 + S.LEASE - 1) is None  # its claimant still has it
    again = store.claim(T0 + S.LEASE + 1)  # the claimant died: claimed again
    assert again.id == e.id and again.status == "scoring"
    store.score(e.id, "scored", 0.5, 3, 5, "", T0 + S.LEASE + 2)
    assert store.claim(T0 + 10 * S.LEASE) is None
    for _ in range(49):
        store.set_challenge(code, key, "spiral", 10, 12, 0.9, 300, T0)
    assert error(store.set_challenge, code, key, "spiral", 10, 12, 0.9, 300, T0) == "too_many"


# ------------------------------------------------------------------------ results, end


def test_results_csv_is_anonymous(store):
    code, key = teacher_class(store)
    ms = [store.join(code, n, T0) for n in ("=cmd|' /C calc'!A0", "Bo", "Cy")]
    q = store.open_question(code, key, "+Which?", ["a", "b"], None, T0)
    for m, ch in zip(ms, (0, 1, 1)):
        store.answer(code, m.member_id, q.id, ch, T0)
    c = store.set_challenge(code, key, "spiral", 10, 12, 0.9, 300, T0)
    e = store.submit(code, ms[0].member_id, "http://x/", 5, T0)
    store.score(store.claim(T0).id, "scored", 0.875, 6, 5, "", T0)
    text = store.results_csv(code, key)
    rows = list(csv.DictReader(io.StringIO(text)))
    qrows = [r for r in rows if r["part"] == "question"]
    assert [(r["choice"], r["answers"]) for r in qrows] == [("a", "1"), ("b", "2")]
    assert qrows[0]["text"] == "'+Which?"  # no formula in a spreadsheet
    (crow,) = [r for r in rows if r["part"] == "challenge"]
    assert (crow["number"], crow["rank"], crow["nickname"], crow["test_accuracy"],
            crow["neurons"], crow["epochs"]) == (str(c.id), "1", "'=cmd|' /C calc'!A0",
                                                  "0.8750", "6", "5")
    for m in ms:
        assert m.member_id not in text
    assert e.link not in text


def test_end_class_deletes_everything_at_once(backend, store):
    code, key = teacher_class(store)
    other, okey = teacher_class(store)
    ms = [store.join(code, f"n{i}", T0) for i in range(3)]
    keep = store.join(other, "stays", T0)
    q = store.open_question(code, key, "Q?", ["a", "b"], None, T0)
    store.answer(code, ms[0].member_id, q.id, 1, T0)
    store.send_view(code, key, "http://x/view-of-the-class", T0)
    store.set_challenge(code, key, "spiral", 10, 12, 0.9, 300, T0)
    es = [store.submit(code, m.member_id, "http://x/entry-of-the-class", 5, T0) for m in ms]
    store.set_challenge(other, okey, "xor", 1, 4, 0.5, 10, T0)
    oe = store.submit(other, keep.member_id, "http://x/other", 5, T0 + 1)
    claimed = store.claim(T0 + 2)  # one entry being scored when the class ends
    assert claimed.id == es[0].id
    store.end_class(code, key)
    assert store.version(code) is None
    assert error(store.state, code) == "not_found"
    assert error(store.join, code, None, T0) == "not_found"
    assert error(store.member, code, ms[0].member_id) == "not_found"
    assert error(store.entries, code, 1) == "not_found"
    assert error(store.end_class, code, key) == "not_found"
    assert error(store.score, claimed.id, "scored", 1.0, 1, 1, "", T0) == "not_found"
    assert store.claim(T0 + 3).id == oe.id  # the ended class's entries left the queue
    raw = backend.raw()
    for gone in (code, ms[0].member_id, "view-of-the-class", "entry-of-the-class", "n1"):
        assert gone not in raw
    assert other in raw and store.member(other, keep.member_id) == keep


# ------------------------------------------------------------------------ processes


#: seconds the worker processes may take in all (their imports included)
POOL_TIMEOUT = 240


def test_concurrent_answers_from_processes_lose_none(backend, store):
    """4 processes x 15 members x 3 rounds of answers at once: every member's last answer
    is what the store has, and the counts add up (no write lost or interleaved)."""
    code, key = teacher_class(store)
    members = [store.join(code, None, T0).member_id for _ in range(60)]
    q = store.open_question(code, key, "Q?", ["even", "odd"], None, T0)
    v0 = store.version(code)
    ctx = multiprocessing.get_context("spawn")
    groups = [members[i::4] for i in range(4)]
    with ctx.Pool(4, initializer=share_barrier, initargs=(ctx.Barrier(4),)) as pool:
        # a bounded wait: a worker that dies at start-up makes Pool respawn it for ever
        done = pool.starmap_async(
            answer_many, [(backend.settings, code, g, q.id, 3, T0 + 1) for g in groups]
        ).get(timeout=POOL_TIMEOUT)
    assert sum(done) == 180
    # rounds 0, 1, 2: the last choice is 0 for everyone
    assert store.counts(code, key, q.id) == ([60, 0], 60)
    assert all(store.my_answer(code, m, q.id) == 0 for m in members)
    assert store.version(code) == v0 + 180  # every acknowledged write bumped it once


def test_concurrent_claims_take_each_entry_once(backend, store):
    code, key = teacher_class(store)
    ms = [store.join(code, None, T0) for _ in range(40)]
    store.set_challenge(code, key, "spiral", 10, 12, 0.9, 300, T0)
    ids = {store.submit(code, m.member_id, "http://x/", 5, T0).id for m in ms}
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4, initializer=share_barrier, initargs=(ctx.Barrier(4),)) as pool:
        got = pool.starmap_async(
            claim_all, [(backend.settings, T0 + 1)] * 4).get(timeout=POOL_TIMEOUT)
    flat = [i for g in got for i in g]
    assert sorted(flat) == sorted(ids)  # each exactly once across the processes


def test_restart_loses_nothing_acknowledged(backend, store):
    code, key = teacher_class(store)
    ms = [store.join(code, f"m{i}", T0) for i in range(30)]
    q = store.open_question(code, key, "Q?", ["a", "b", "c"], None, T0)
    for i, m in enumerate(ms):
        store.answer(code, m.member_id, q.id, i % 3, T0)
    c = store.set_challenge(code, key, "spiral", 10, 12, 0.9, 300, T0)
    e = store.submit(code, ms[0].member_id, "http://x/", 5, T0)
    before = (store.state(code), store.counts(code, key, q.id), store.entries(code, c.id))
    store.close()
    backend.restart()
    again = backend.open()
    try:
        after = (again.state(code), again.counts(code, key, q.id), again.entries(code, c.id))
        assert after == before and after[1] == ([10, 10, 10], 30)
        again.check_teacher(code, key)
        assert again.claim(T0).id == e.id
        # the old store object reconnects on its own
        assert store.version(code) == again.version(code)
    finally:
        again.close()


def test_unavailable_store(backend, store, tmp_path):
    code, key = teacher_class(store)
    m = store.join(code, None, T0)
    if backend.name == "redis":
        backend.server.kill()
        for call in (lambda: store.version(code), lambda: store.state(code),
                     lambda: store.join(code, None, T0), lambda: store.create_class(T0),
                     lambda: store.answer(code, m.member_id, 1, 0, T0),
                     lambda: store.claim(T0), lambda: backend.open()):
            assert error(call) == "unavailable"
        backend.server.start()
        assert store.member(code, m.member_id) == m  # back, with nothing lost
        assert error(open_store, {"NNPG_CLASS_STORE": "redis://127.0.0.1:1/0"}) == "unavailable"
        return
    # SQLite: a folder that cannot be made, a file that is not a database, a lock held
    (tmp_path / "afile").write_text("x")
    assert error(open_store, {"NNPG_CLASS_DB": str(tmp_path / "afile" / "c.db")}) == "unavailable"
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert error(open_store, {"NNPG_CLASS_DB": str(tmp_path / "junk.db")}) == "unavailable"
    impatient = SQLiteStore(backend.path, busy_timeout=0.2)
    holder = sqlite3.connect(backend.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert error(impatient.join, code, None, T0) == "unavailable"
        assert error(impatient.create_class, T0) == "unavailable"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    impatient.join(code, None, T0)  # the lock is gone: it works again
    assert impatient.state(code).members == 2
    impatient.close()


def test_open_store_settings(tmp_path):
    from ui.classroom.backend import store_target
    assert store_target({}) == ("sqlite", str(Path("data") / "class.sqlite3"))
    assert store_target({"NNPG_DATA_DIR": "/srv/x"}) == ("sqlite", "/srv/x/class.sqlite3")
    both = {"NNPG_DATA_DIR": "/srv/x", "NNPG_CLASS_DB": "/y.db"}
    assert store_target(both) == ("sqlite", "/y.db")
    assert store_target({"NNPG_CLASS_STORE": "sqlite"})[0] == "sqlite"
    assert store_target({"NNPG_CLASS_STORE": "redis://h:1/2"}) == ("redis", "redis://h:1/2")
    assert error(store_target, {"NNPG_CLASS_STORE": "mongodb://h"}) == "invalid"
    s = open_store({"NNPG_DATA_DIR": str(tmp_path / "d")})
    assert (tmp_path / "d" / "class.sqlite3").exists()
    s.close()
