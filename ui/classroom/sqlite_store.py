"""The class store in one SQLite file (the default): stdlib ``sqlite3``, WAL mode.

One file serves every process on one machine (``streamlit run`` or ``deploy/run.sh``'s
replicas). How it keeps the store's promises (``ui.classroom.store``):

* **No lost writes across processes.** Every write is one ``BEGIN IMMEDIATE``
  transaction: it takes the file's write lock before reading what it checks, so two
  processes answering at once are serialised, never interleaved (a deferred
  transaction could read, then fail to upgrade its lock). A writer that finds the lock
  taken waits up to ``busy_timeout`` (5 s) for it.
* **Durable once acknowledged.** ``synchronous=FULL``: every commit syncs the WAL to
  disk before the call returns, so an acknowledged answer survives a crash of the
  process and of the machine (``NORMAL`` in WAL mode survives a process crash but may
  lose the last commits on power loss; a vote is small and a sync per commit costs
  ~1-3 ms here, so we take the stronger promise).
* **Readers never block writers** (WAL); a multi-query read (:meth:`state`) runs in one
  read transaction, so it sees one version.
* **One connection per thread at a time**: a small pool; a connection is borrowed for one
  call and returned, so Streamlit's many script threads do not each open one. A forked
  child starts with an empty pool.
* A file that cannot be opened, written or locked in time raises
  ``StoreError("unavailable")``.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ui.classroom.store import (
    IDLE,
    LEASE,
    MAX_CHALLENGES,
    MAX_CLASSES,
    MAX_ENTRIES,
    MAX_MEMBERS,
    MAX_QUESTIONS,
    Challenge,
    ClassState,
    Entry,
    EntryStatus,
    Member,
    Question,
    Store,
    StoreError,
    View,
    check_challenge,
    check_question,
    check_score,
    check_url,
    clean_nickname,
    key_matches,
    new_code,
    new_key,
    new_member_id,
    rank_key,
    valid_code,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS classes (
    code TEXT PRIMARY KEY, key_hash TEXT NOT NULL, version INTEGER NOT NULL,
    touched REAL NOT NULL, joins INTEGER NOT NULL DEFAULT 0,
    question_id INTEGER, view_id INTEGER NOT NULL DEFAULT 0, view_url TEXT,
    challenge_id INTEGER) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS classes_touched ON classes (touched);
CREATE TABLE IF NOT EXISTS members (
    member_id TEXT PRIMARY KEY,
    code TEXT NOT NULL REFERENCES classes ON DELETE CASCADE,
    nickname TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS members_code ON members (code);
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL REFERENCES classes ON DELETE CASCADE,
    text TEXT NOT NULL, choices TEXT NOT NULL, lesson TEXT,
    revealed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS questions_code ON questions (code);
CREATE TABLE IF NOT EXISTS answers (
    question_id INTEGER NOT NULL REFERENCES questions ON DELETE CASCADE,
    member_id TEXT NOT NULL, choice INTEGER NOT NULL,
    PRIMARY KEY (question_id, member_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS challenges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL REFERENCES classes ON DELETE CASCADE,
    dataset TEXT NOT NULL, noise REAL NOT NULL, max_neurons INTEGER NOT NULL,
    target_acc REAL NOT NULL, max_epochs INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS challenges_code ON challenges (code);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL REFERENCES classes ON DELETE CASCADE,
    challenge_id INTEGER NOT NULL REFERENCES challenges ON DELETE CASCADE,
    member_id TEXT NOT NULL, nickname TEXT NOT NULL, link TEXT NOT NULL,
    epochs INTEGER NOT NULL, status TEXT NOT NULL, test_acc REAL, neurons INTEGER,
    epochs_scored INTEGER, message TEXT NOT NULL DEFAULT '', submitted REAL NOT NULL,
    available REAL NOT NULL);
CREATE INDEX IF NOT EXISTS entries_challenge ON entries (challenge_id, member_id);
CREATE INDEX IF NOT EXISTS entries_queue ON entries (available, id)
    WHERE status IN ('queued', 'scoring');
"""

_ENTRY = ("SELECT id, member_id, nickname, link, epochs, status, test_acc, neurons, "
          "epochs_scored, message, code, challenge_id, submitted FROM entries")


class SQLiteStore(Store):
    """:class:`~ui.classroom.store.Store` in the SQLite file ``path`` (made with its folder
    if missing).

    Parameters
    ----------
    path : str or Path
        The database file; every process of a deployment opens the same one.
    busy_timeout : float
        Seconds a write waits for another process's lock before ``"unavailable"``.
    """

    def __init__(self, path: str | os.PathLike, busy_timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.busy_timeout = float(busy_timeout)
        self._pool: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue()
        self._pid = os.getpid()
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError("unavailable", f"cannot make {self.path.parent}: {e}") from e
        with self._write() as con:  # the schema, and proof that the file can be written
            # (statement by statement: executescript would commit the transaction)
            for stmt in SCHEMA.split(";"):
                if stmt.strip():
                    con.execute(stmt)
            con.execute("INSERT INTO meta VALUES ('schema', '1') ON CONFLICT DO UPDATE "
                        "SET v = excluded.v")

    # -- connections -----------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None,
                              check_same_thread=False)
        try:
            con.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            if con.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
                raise sqlite3.OperationalError("WAL mode refused")
            con.execute("PRAGMA synchronous = FULL")
            con.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            con.close()
            raise
        return con

    @contextmanager
    def _borrow(self) -> Iterator[sqlite3.Connection]:
        if os.getpid() != self._pid:  # a forked child: the parent's connections are not ours
            with self._lock:
                if os.getpid() != self._pid:
                    self._pool = queue.LifoQueue()
                    self._pid = os.getpid()
        try:
            con = self._pool.get_nowait()
        except queue.Empty:
            con = None
        try:
            if con is None:
                con = self._connect()
            yield con
        except sqlite3.IntegrityError:
            raise  # a broken rule of ours is a bug, not an unavailable store
        except sqlite3.Error as e:
            if con is not None:
                try:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                except sqlite3.Error:
                    con.close()
                    con = None
            raise StoreError("unavailable", f"{self.path}: {e}") from e
        except BaseException:
            if con is not None and con.in_transaction:
                try:
                    con.execute("ROLLBACK")
                except sqlite3.Error:
                    con.close()
                    con = None
            raise
        finally:
            if con is not None:
                self._pool.put(con)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A connection inside ``BEGIN IMMEDIATE`` (the write lock held), committed on
        leaving, rolled back on an exception (a StoreError of ours included)."""
        with self._borrow() as con:
            con.execute("BEGIN IMMEDIATE")
            yield con
            con.execute("COMMIT")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A connection inside a read transaction (one snapshot for several queries)."""
        with self._borrow() as con:
            con.execute("BEGIN")
            yield con
            con.execute("COMMIT")

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return

    # -- helpers (inside a transaction) ----------------------------------------------

    @staticmethod
    def _class(con: sqlite3.Connection, code: str) -> tuple:
        """(key_hash, question_id, challenge_id, view_id, joins) or ``"not_found"``."""
        row = None
        if valid_code(code):
            row = con.execute("SELECT key_hash, question_id, challenge_id, view_id, joins "
                              "FROM classes WHERE code = ?", (code,)).fetchone()
        if row is None:
            raise StoreError("not_found", "no such class")
        return row

    def _teacher(self, con: sqlite3.Connection, code: str, key: str) -> tuple:
        row = self._class(con, code)
        if not key_matches(key, row[0]):
            raise StoreError("forbidden", "wrong teacher key")
        return row

    @staticmethod
    def _member(con: sqlite3.Connection, code: str, member_id: str) -> str:
        row = con.execute("SELECT nickname FROM members WHERE member_id = ? AND code = ?",
                          (str(member_id), code)).fetchone()
        if row is None:
            raise StoreError("forbidden", "not a member of this class")
        return row[0]

    @staticmethod
    def _bump(con: sqlite3.Connection, code: str, now: float) -> None:
        con.execute("UPDATE classes SET version = version + 1, touched = ? WHERE code = ?",
                    (float(now), code))

    @staticmethod
    def _delete(con: sqlite3.Connection, codes: Iterable[str]) -> int:
        n = 0
        for code in codes:
            n += con.execute("DELETE FROM classes WHERE code = ?", (code,)).rowcount
        return n

    @staticmethod
    def _question(row: tuple) -> Question:
        qid, text, choices, lesson, revealed = row
        return Question(qid, text, tuple(json.loads(choices)), lesson, bool(revealed))

    @staticmethod
    def _entry(row: tuple) -> Entry:
        return Entry(*row)

    # -- the class -------------------------------------------------------------------

    def create_class(self, now: float) -> tuple[str, str]:
        key, digest = new_key()
        with self._write() as con:
            self._expire(con, now)
            if con.execute("SELECT count(*) FROM classes").fetchone()[0] >= MAX_CLASSES:
                raise StoreError("full", f"{MAX_CLASSES} classes open")
            while True:
                code = new_code()
                try:
                    con.execute("INSERT INTO classes (code, key_hash, version, touched) "
                                "VALUES (?, ?, 1, ?)", (code, digest, float(now)))
                    return code, key
                except sqlite3.IntegrityError:
                    continue  # the code is taken: draw another

    def version(self, code: str) -> int | None:
        if not valid_code(code):
            return None
        with self._borrow() as con:
            row = con.execute("SELECT version FROM classes WHERE code = ?", (code,)).fetchone()
        return None if row is None else row[0]

    def state(self, code: str) -> ClassState:
        with self._read() as con:
            row = None
            if valid_code(code):
                row = con.execute("SELECT version, question_id, view_id, view_url, "
                                  "challenge_id FROM classes WHERE code = ?",
                                  (code,)).fetchone()
            if row is None:
                raise StoreError("not_found", "no such class")
            version, qid, view_id, view_url, cid = row
            members = con.execute("SELECT count(*) FROM members WHERE code = ?",
                                  (code,)).fetchone()[0]
            question = challenge = None
            if qid is not None:
                question = self._question(con.execute(
                    "SELECT id, text, choices, lesson, revealed FROM questions WHERE id = ?",
                    (qid,)).fetchone())
            if cid is not None:
                challenge = Challenge(*con.execute(
                    "SELECT id, dataset, noise, max_neurons, target_acc, max_epochs "
                    "FROM challenges WHERE id = ?", (cid,)).fetchone())
        view = View(view_id, view_url) if view_url is not None else None
        return ClassState(code, version, members, question, view, challenge)

    def check_teacher(self, code: str, key: str) -> None:
        with self._borrow() as con:
            self._teacher(con, code, key)

    def end_class(self, code: str, key: str) -> None:
        with self._write() as con:
            self._teacher(con, code, key)
            self._delete(con, [code])

    def expire(self, now: float) -> int:
        with self._write() as con:
            return self._expire(con, now)

    def _expire(self, con: sqlite3.Connection, now: float) -> int:
        old = [r[0] for r in con.execute("SELECT code FROM classes WHERE touched < ?",
                                         (float(now) - IDLE,))]
        return self._delete(con, old)

    # -- members ---------------------------------------------------------------------

    def join(self, code: str, nickname: str | None, now: float) -> Member:
        nick = clean_nickname(nickname)
        with self._write() as con:
            joins = self._class(con, code)[4] + 1
            n = con.execute("SELECT count(*) FROM members WHERE code = ?", (code,)).fetchone()[0]
            if n >= MAX_MEMBERS:
                raise StoreError("full", f"{MAX_MEMBERS} members")
            member = Member(new_member_id(), nick or f"Student {joins}")
            con.execute("INSERT INTO members VALUES (?, ?, ?)",
                        (member.member_id, code, member.nickname))
            con.execute("UPDATE classes SET joins = ? WHERE code = ?", (joins, code))
            self._bump(con, code, now)
        return member

    def member(self, code: str, member_id: str) -> Member:
        with self._read() as con:
            self._class(con, code)
            return Member(str(member_id), self._member(con, code, member_id))

    def leave(self, code: str, member_id: str, now: float) -> None:
        with self._write() as con:
            self._class(con, code)
            con.execute("DELETE FROM members WHERE member_id = ? AND code = ?",
                        (str(member_id), code))
            self._bump(con, code, now)

    # -- questions -------------------------------------------------------------------

    def open_question(self, code: str, key: str, text: str, choices: Iterable[str],
                      lesson: str | None, now: float) -> Question:
        text, choices, lesson = check_question(text, choices, lesson)
        with self._write() as con:
            self._teacher(con, code, key)
            n = con.execute("SELECT count(*) FROM questions WHERE code = ?", (code,)).fetchone()[0]
            if n >= MAX_QUESTIONS:
                raise StoreError("too_many", f"{MAX_QUESTIONS} questions")
            qid = con.execute("INSERT INTO questions (code, text, choices, lesson) "
                              "VALUES (?, ?, ?, ?) RETURNING id",
                              (code, text, json.dumps(choices), lesson)).fetchone()[0]
            con.execute("UPDATE classes SET question_id = ? WHERE code = ?", (qid, code))
            self._bump(con, code, now)
        return Question(qid, text, choices, lesson, False)

    def reveal(self, code: str, key: str, now: float) -> None:
        with self._write() as con:
            qid = self._teacher(con, code, key)[1]
            if qid is None:
                raise StoreError("ended", "no open question")
            con.execute("UPDATE questions SET revealed = 1 WHERE id = ?", (qid,))
            self._bump(con, code, now)

    def answer(self, code: str, member_id: str, question_id: int, choice: int,
               now: float) -> None:
        with self._write() as con:
            qid = self._class(con, code)[1]
            self._member(con, code, member_id)
            if qid is None or qid != question_id:
                raise StoreError("ended", "not the open question")
            choices, revealed = con.execute("SELECT choices, revealed FROM questions "
                                            "WHERE id = ?", (qid,)).fetchone()
            if revealed:
                raise StoreError("ended", "the question is revealed")
            if not isinstance(choice, int) or not 0 <= choice < len(json.loads(choices)):
                raise StoreError("invalid", f"choice {choice!r}")
            con.execute("INSERT INTO answers VALUES (?, ?, ?) ON CONFLICT DO UPDATE "
                        "SET choice = excluded.choice", (qid, str(member_id), choice))
            self._bump(con, code, now)

    def my_answer(self, code: str, member_id: str, question_id: int) -> int | None:
        with self._read() as con:
            self._class(con, code)
            self._member(con, code, member_id)
            row = con.execute("SELECT a.choice FROM answers a JOIN questions q "
                              "ON q.id = a.question_id WHERE a.question_id = ? "
                              "AND a.member_id = ? AND q.code = ?",
                              (question_id, str(member_id), code)).fetchone()
        return None if row is None else row[0]

    def counts(self, code: str, key: str | None, question_id: int) -> tuple[list[int], int]:
        with self._read() as con:
            key_hash = self._class(con, code)[0]
            row = con.execute("SELECT choices, revealed FROM questions WHERE id = ? "
                              "AND code = ?", (question_id, code)).fetchone()
            if row is None:
                raise StoreError("not_found", "no such question in this class")
            if not row[1] and not key_matches(key, key_hash):
                raise StoreError("forbidden", "counts before the reveal are the teacher's")
            out = [0] * len(json.loads(row[0]))
            for choice, n in con.execute("SELECT choice, count(*) FROM answers "
                                         "WHERE question_id = ? GROUP BY choice",
                                         (question_id,)):
                out[choice] = n
        return out, sum(out)

    # -- views -----------------------------------------------------------------------

    def send_view(self, code: str, key: str, url: str, now: float) -> View:
        url = check_url(url)
        with self._write() as con:
            vid = self._teacher(con, code, key)[3] + 1
            con.execute("UPDATE classes SET view_id = ?, view_url = ? WHERE code = ?",
                        (vid, url, code))
            self._bump(con, code, now)
        return View(vid, url)

    # -- challenges ------------------------------------------------------------------

    def set_challenge(self, code: str, key: str, dataset: str, noise: float,
                      max_neurons: int, target_acc: float, max_epochs: int,
                      now: float) -> Challenge:
        fields = check_challenge(dataset, noise, max_neurons, target_acc, max_epochs)
        with self._write() as con:
            self._teacher(con, code, key)
            n = con.execute("SELECT count(*) FROM challenges WHERE code = ?",
                            (code,)).fetchone()[0]
            if n >= MAX_CHALLENGES:
                raise StoreError("too_many", f"{MAX_CHALLENGES} challenges")
            cid = con.execute("INSERT INTO challenges (code, dataset, noise, max_neurons, "
                              "target_acc, max_epochs) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                              (code, *fields)).fetchone()[0]
            con.execute("UPDATE classes SET challenge_id = ? WHERE code = ?", (cid, code))
            self._bump(con, code, now)
        return Challenge(cid, *fields)

    def challenge(self, code: str, challenge_id: int) -> Challenge:
        with self._read() as con:
            self._class(con, code)
            row = con.execute("SELECT id, dataset, noise, max_neurons, target_acc, "
                              "max_epochs FROM challenges WHERE id = ? AND code = ?",
                              (challenge_id, code)).fetchone()
        if row is None:
            raise StoreError("not_found", "no such challenge in this class")
        return Challenge(*row)

    def submit(self, code: str, member_id: str, link: str, epochs: int,
               now: float) -> Entry:
        link = check_url(link)
        with self._write() as con:
            cid = self._class(con, code)[2]
            nickname = self._member(con, code, member_id)
            if cid is None:
                raise StoreError("ended", "no open challenge")
            max_epochs = con.execute("SELECT max_epochs FROM challenges WHERE id = ?",
                                     (cid,)).fetchone()[0]
            if not isinstance(epochs, int) or not 1 <= epochs <= max_epochs:
                raise StoreError("invalid", f"epochs {epochs!r} outside 1..{max_epochs}")
            n = con.execute("SELECT count(*) FROM entries WHERE challenge_id = ? "
                            "AND member_id = ?", (cid, str(member_id))).fetchone()[0]
            if n >= MAX_ENTRIES:
                raise StoreError("too_many", f"{MAX_ENTRIES} entries")
            row = con.execute(
                "INSERT INTO entries (code, challenge_id, member_id, nickname, link, epochs, "
                "status, submitted, available) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?) "
                "RETURNING id", (code, cid, str(member_id), nickname, link, epochs,
                                 float(now), float(now))).fetchone()
            self._bump(con, code, now)
        return Entry(row[0], str(member_id), nickname, link, epochs, "queued", None, None,
                     None, "", code, cid, float(now))

    def claim(self, now: float) -> Entry | None:
        with self._write() as con:
            row = con.execute("SELECT id, code FROM entries WHERE status IN ('queued', "
                              "'scoring') AND available <= ? ORDER BY available, id LIMIT 1",
                              (float(now),)).fetchone()
            if row is None:
                return None
            con.execute("UPDATE entries SET status = 'scoring', available = ? WHERE id = ?",
                        (float(now) + LEASE, row[0]))
            self._bump(con, row[1], now)
            return self._entry(con.execute(_ENTRY + " WHERE id = ?", (row[0],)).fetchone())

    def score(self, entry_id: int, status: EntryStatus, test_acc: float | None,
              neurons: int | None, epochs_scored: int | None, message: str,
              now: float) -> None:
        message = check_score(status, test_acc, neurons, epochs_scored, message)
        with self._write() as con:
            row = con.execute("SELECT code, status FROM entries WHERE id = ?",
                              (entry_id,)).fetchone()
            if row is None:
                raise StoreError("not_found", "no such entry")
            if row[1] not in ("queued", "scoring"):
                return  # the first result wins
            scored = status == "scored"
            con.execute("UPDATE entries SET status = ?, test_acc = ?, neurons = ?, "
                        "epochs_scored = ?, message = ? WHERE id = ?",
                        (status, float(test_acc) if scored else None,
                         int(neurons) if scored else None,
                         int(epochs_scored) if scored else None, message, entry_id))
            self._bump(con, row[0], now)

    def entries(self, code: str, challenge_id: int) -> list[Entry]:
        with self._read() as con:
            self._class(con, code)
            rows = con.execute(_ENTRY + " WHERE code = ? AND challenge_id = ?",
                               (code, challenge_id)).fetchall()
        return sorted((self._entry(r) for r in rows), key=rank_key)

    # -- results ---------------------------------------------------------------------

    def _results(self, code: str) -> tuple[list[tuple[Question, list[int]]], list[Challenge]]:
        with self._read() as con:
            self._class(con, code)
            questions = []
            for row in con.execute("SELECT id, text, choices, lesson, revealed FROM questions "
                                   "WHERE code = ? ORDER BY id", (code,)).fetchall():
                q = self._question(row)
                counts = [0] * len(q.choices)
                for choice, n in con.execute("SELECT choice, count(*) FROM answers "
                                             "WHERE question_id = ? GROUP BY choice", (q.id,)):
                    counts[choice] = n
                questions.append((q, counts))
            challenges = [Challenge(*r) for r in con.execute(
                "SELECT id, dataset, noise, max_neurons, target_acc, max_epochs "
                "FROM challenges WHERE code = ? ORDER BY id", (code,))]
        return questions, challenges
