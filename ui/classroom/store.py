"""The class store: state shared by every process that serves a class (issue 29).

A class (join code, members, questions and answers, the view sent, a challenge and its
entries) must be seen by every replica, so it cannot live in ``st.session_state`` or a
module global. :class:`Store` is the one small interface the Class page, the frame hook
and the scoring worker use; two backends implement it with the same behaviour and the
same tests (``tests/integration/test_class_store.py``):

* ``ui.classroom.sqlite_store.SQLiteStore``: stdlib ``sqlite3`` in WAL mode, one file per
  deployment (the default: one ``streamlit run`` or ``deploy/run.sh``'s replicas on one
  machine);
* ``ui.classroom.redis_store.RedisStore``: the ``redis`` client (imported only when
  chosen), for replicas on several machines.

``ui.classroom.backend.open_store`` picks one from a settings mapping (environment
variables, or the page's merge of them with ``st.secrets``)::

    from ui.classroom.backend import open_store
    store = open_store()                              # SQLite in ./data/class.sqlite3
    code, key = store.create_class(now=time.time())   # the teacher
    me = store.join(code, "Ada", now=time.time())     # a student
    v = store.version(code)                           # every poll: one indexed read / GET
    if v != seen:
        state = store.state(code)                     # only when something changed

Rules every backend keeps:

* every method that changes a class bumps its :meth:`Store.version` (and marks the class
  active); ``version`` is ``None`` once the class is gone (ended, expired, never existed);
* time comes in as ``now`` (seconds, ``time.time()`` in the app), so tests inject it;
* an acknowledged write is durable (it survives a restart of the store or of any
  replica) and concurrent writers never lose one another's writes;
* errors are :class:`StoreError` with a ``code`` the page maps to its own bilingual
  message; a backend that cannot be reached, read or written raises ``"unavailable"``;
* no personal data: a nickname is plain text (at most :data:`NICKNAME_MAX` characters,
  the page renders it inert); who answered what is seen only by that member
  (:meth:`Store.my_answer`); the teacher sees counts and challenge entries;
* nothing lists join codes: a code is found only by whoever was given it. Failed joins
  are limited by the page (per session and per process), not here.

No Streamlit import: the module is used by the page, the worker, the benchmark and tests.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import re
import secrets
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

#: join codes: 6 characters without look-alikes (no 0/O, 1/I/L); 31**6 ~ 8.9e8 codes
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
#: bytes of randomness in a teacher key (secrets.token_urlsafe(24): 192 bits)
KEY_BYTES = 24

NICKNAME_MAX = 24
#: members of one class, open classes in one store
MAX_MEMBERS = 500
MAX_CLASSES = 200
#: questions and challenges opened in one class, entries per member per challenge
MAX_QUESTIONS = 200
MAX_CHALLENGES = 50
MAX_ENTRIES = 5
#: lengths of the texts a class stores (a link carries every setting of a page)
TEXT_MAX = 500
CHOICE_MAX = 200
LESSON_MAX = 64
URL_MAX = 4000
MESSAGE_MAX = 500
DATASET_MAX = 40
#: the highest epoch cap a challenge may set
EPOCHS_MAX = 100_000
#: a class untouched this long (seconds) is deleted by :meth:`Store.expire`
IDLE = 12 * 3600.0
#: seconds an entry claimed for scoring stays with its claimant; then it can be claimed again
LEASE = 120.0

ERROR_CODES = frozenset({
    "not_found",     # no such class (wrong code, ended, expired) or entry
    "ended",         # the question or challenge is no longer the open one, or is revealed
    "forbidden",     # wrong teacher key, or a member id that is not in the class
    "full",          # MAX_MEMBERS in the class, or MAX_CLASSES in the store
    "invalid",       # an argument out of its bounds (choices, lengths, epochs, ...)
    "unavailable",   # the backend cannot be reached, read or written
    "rate_limited",  # for the page's limit on failed joins (the store never raises it)
    "too_many",      # MAX_QUESTIONS, MAX_CHALLENGES or MAX_ENTRIES reached
})

EntryStatus = Literal["queued", "scoring", "scored", "refused"]
STATUSES = ("queued", "scoring", "scored", "refused")


class StoreError(Exception):
    """A store operation that did not happen.

    Parameters
    ----------
    code : str
        One of :data:`ERROR_CODES`; what the page shows depends only on it.
    message : str
        For logs (English, may name the backend's own error); never shown to users.
    """

    def __init__(self, code: str, message: str = "") -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown StoreError code {code!r}")
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code


@dataclass(frozen=True)
class Member:
    """A student in a class. ``member_id`` is an unguessable token (the session keeps it;
    it is what lets a member answer), ``nickname`` is plain text ("Student 7" when none)."""

    member_id: str
    nickname: str


@dataclass(frozen=True)
class Question:
    """A question opened for the class: 2-4 ``choices``; ``lesson`` names the lesson it
    comes from (None for the teacher's own); once ``revealed`` everyone sees the counts
    and answering is closed."""

    id: int
    text: str
    choices: tuple[str, ...]
    lesson: str | None
    revealed: bool


@dataclass(frozen=True)
class View:
    """A view the teacher sent: ``url`` is the page's link with every setting; ``id``
    grows with every send, so a page tells a new send of the same link from an old one."""

    id: int
    url: str


@dataclass(frozen=True)
class Challenge:
    """A class challenge on the MLP page's data: beat ``target_acc`` (test accuracy,
    0..1) on ``dataset`` at ``noise`` with at most ``max_neurons`` hidden neurons;
    submissions are retrained for at most ``max_epochs`` epochs."""

    id: int
    dataset: str
    noise: float
    max_neurons: int
    target_acc: float
    max_epochs: int


@dataclass(frozen=True)
class Entry:
    """A submitted run. The server scores it (retrains ``link`` for ``epochs`` epochs):
    ``status`` goes ``queued`` -> ``scoring`` -> ``scored`` (``test_acc``, ``neurons``,
    ``epochs_scored`` set) or ``refused`` (``message`` says why, for logs and the
    submitter). ``nickname`` is the member's at submission; ``code`` and
    ``challenge_id`` say where it belongs (the scoring worker reads the challenge with
    :meth:`Store.challenge`); ``submitted`` is the ``now`` of :meth:`Store.submit`."""

    id: int
    member_id: str
    nickname: str
    link: str
    epochs: int
    status: EntryStatus
    test_acc: float | None
    neurons: int | None
    epochs_scored: int | None
    message: str
    code: str
    challenge_id: int
    submitted: float


@dataclass(frozen=True)
class ClassState:
    """What every member of a class may see, read at one ``version``.

    ``members`` is how many students are in the class (a count: member ids are never
    handed to others); ``question``, ``view`` and ``challenge`` are the open ones, or None.
    """

    code: str
    version: int
    members: int
    question: Question | None
    view: View | None
    challenge: Challenge | None


class Store(ABC):
    """Class state shared by every process that serves the app. Thread-safe: one
    instance per process (the page keeps it in ``st.cache_resource``).

    Every method raises :class:`StoreError` (``"unavailable"`` when the backend fails);
    methods of a class that does not exist raise ``"not_found"``; teacher methods take
    the teacher ``key`` and raise ``"forbidden"`` when it is wrong; member methods raise
    ``"forbidden"`` for a ``member_id`` that is not in the class.
    """

    # -- the class -------------------------------------------------------------------

    @abstractmethod
    def create_class(self, now: float) -> tuple[str, str]:
        """Open a class; classes idle for :data:`IDLE` are deleted first.

        Returns
        -------
        code : str
            :data:`CODE_LENGTH` characters of :data:`CODE_ALPHABET`, unused in this store.
        key : str
            The teacher key (``secrets.token_urlsafe(24)``, 192 bits). The store keeps only
            its SHA-256; it cannot be read back.

        Raises ``"full"`` when :data:`MAX_CLASSES` classes are open.
        """

    @abstractmethod
    def version(self, code: str) -> int | None:
        """The class's version (grows with every change), None when there is no such
        class. The cheap poll: one indexed read / one GET, no write."""

    @abstractmethod
    def state(self, code: str) -> ClassState:
        """Everything members see, read atomically (one version)."""

    @abstractmethod
    def check_teacher(self, code: str, key: str) -> None:
        """Return when ``key`` is the class's teacher key (compared in constant time with
        ``hmac.compare_digest``), raise ``"forbidden"`` when not, ``"not_found"`` when
        there is no such class."""

    @abstractmethod
    def end_class(self, code: str, key: str) -> None:
        """Delete the class and everything in it at once (teacher). Its entries leave the
        scoring queue; a later call with its code raises ``"not_found"``."""

    @abstractmethod
    def expire(self, now: float) -> int:
        """Delete every class untouched for :data:`IDLE` seconds before ``now``; return how
        many. Reading (``version``, ``state``) does not touch a class; every write does."""

    # -- members ---------------------------------------------------------------------

    @abstractmethod
    def join(self, code: str, nickname: str | None, now: float) -> Member:
        """Add a student. ``nickname`` is cleaned by :func:`clean_nickname`; empty or
        None gives "Student N" (N counts the class's joins from 1). Raises ``"full"`` at
        :data:`MAX_MEMBERS` members. The page limits failed joins (wrong codes) per session
        and per process; nothing in the store lists codes."""

    @abstractmethod
    def member(self, code: str, member_id: str) -> Member:
        """The member (to check a session is still in its class after a reload)."""

    @abstractmethod
    def leave(self, code: str, member_id: str, now: float) -> None:
        """Remove a member. Their answers stay counted and their entries stay ranked
        (anonymous counts, nickname in the entry); leaving twice is not an error."""

    # -- questions -------------------------------------------------------------------

    @abstractmethod
    def open_question(self, code: str, key: str, text: str, choices: Iterable[str],
                      lesson: str | None, now: float) -> Question:
        """Open a question for the class (teacher), replacing the open one (whose answers
        stay for :meth:`counts` and the CSV). 2-4 non-empty ``choices``; raises
        ``"invalid"`` otherwise, ``"too_many"`` after :data:`MAX_QUESTIONS` questions."""

    @abstractmethod
    def reveal(self, code: str, key: str, now: float) -> None:
        """Reveal the open question's counts to everyone (teacher); answering closes.
        Raises ``"ended"`` when no question is open."""

    @abstractmethod
    def answer(self, code: str, member_id: str, question_id: int, choice: int,
               now: float) -> None:
        """Record a member's ``choice`` (0-based index) for the open question; a new answer
        replaces the member's previous one. Raises ``"ended"`` when ``question_id`` is not
        the open question or it is revealed, ``"invalid"`` for a choice out of range."""

    @abstractmethod
    def my_answer(self, code: str, member_id: str, question_id: int) -> int | None:
        """The member's own choice for the question, None before they answer."""

    @abstractmethod
    def counts(self, code: str, key: str | None, question_id: int) -> tuple[list[int], int]:
        """``(answers per choice, members who answered)`` for a question of the class.
        The teacher (right ``key``) sees them any time; anyone (``key`` None) once the
        question is revealed, else ``"forbidden"``. Never names."""

    # -- views -----------------------------------------------------------------------

    @abstractmethod
    def send_view(self, code: str, key: str, url: str, now: float) -> View:
        """Send the class a page's link (teacher); ``url`` at most :data:`URL_MAX`
        characters, else ``"invalid"``. The new view has a new id."""

    # -- challenges ------------------------------------------------------------------

    @abstractmethod
    def set_challenge(self, code: str, key: str, dataset: str, noise: float,
                      max_neurons: int, target_acc: float, max_epochs: int,
                      now: float) -> Challenge:
        """Set the class challenge (teacher), replacing the open one (its entries stay,
        and queued ones are still scored). ``"invalid"`` outside: dataset 1-40
        characters, 0 <= noise <= 100, max_neurons >= 1, 0 <= target_acc <= 1,
        1 <= max_epochs <= :data:`EPOCHS_MAX`; ``"too_many"`` after
        :data:`MAX_CHALLENGES`."""

    @abstractmethod
    def challenge(self, code: str, challenge_id: int) -> Challenge:
        """A challenge of the class, open or replaced (for the scoring worker)."""

    @abstractmethod
    def submit(self, code: str, member_id: str, link: str, epochs: int,
               now: float) -> Entry:
        """Queue a member's run for the open challenge (status ``"queued"``). Raises
        ``"ended"`` when no challenge is open, ``"invalid"`` for a link over
        :data:`URL_MAX` characters or ``epochs`` outside 1..max_epochs, ``"too_many"``
        after :data:`MAX_ENTRIES` entries of the member in this challenge. The page
        refuses runs on uploaded or clicked data before calling this."""

    @abstractmethod
    def claim(self, now: float) -> Entry | None:
        """Take the oldest entry waiting for a score, of any class, for this caller
        (status ``"scoring"``); None when there is none. Atomic across processes: two
        callers never get the same entry, except that an entry claimed but not scored
        within :data:`LEASE` seconds can be claimed again (its claimant died)."""

    @abstractmethod
    def score(self, entry_id: int, status: EntryStatus, test_acc: float | None,
              neurons: int | None, epochs_scored: int | None, message: str,
              now: float) -> None:
        """Record an entry's result: ``status`` ``"scored"`` (with ``test_acc``,
        ``neurons``, ``epochs_scored``) or ``"refused"`` (``message`` says why). The first
        result wins: scoring an entry already scored or refused changes nothing. Raises
        ``"not_found"`` when the entry is gone (its class ended)."""

    @abstractmethod
    def entries(self, code: str, challenge_id: int) -> list[Entry]:
        """The challenge's entries, ranked: scored ones by :func:`rank_key` (test accuracy
        descending, then fewer neurons, fewer epochs, earlier submission), then those
        waiting (queued, scoring) and then refused ones, each in submission order."""

    # -- results ---------------------------------------------------------------------

    def results_csv(self, code: str, key: str) -> str:
        """The class's anonymous results as CSV (teacher), offered before "End class": per
        question its answers per choice; per challenge its ranked scored entries by
        nickname. Columns: part, number, text, choice, answers, rank, nickname,
        test_accuracy, neurons, epochs. Cells that a spreadsheet would read as a formula
        are quoted with a leading apostrophe."""
        self.check_teacher(code, key)
        questions, challenges = self._results(code)
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["part", "number", "text", "choice", "answers", "rank", "nickname",
                    "test_accuracy", "neurons", "epochs"])
        for q, counts in questions:
            for text, n in zip(q.choices, counts):
                w.writerow(_inert(["question", q.id, q.text, text, n, "", "", "", "", ""]))
        for c in challenges:
            what = (f"{c.dataset}, noise {c.noise:g}, at most {c.max_neurons} neurons, "
                    f"target {c.target_acc:g}, at most {c.max_epochs} epochs")
            ranked = [e for e in self.entries(code, c.id) if e.status == "scored"]
            for rank, e in enumerate(ranked, 1):
                w.writerow(_inert(["challenge", c.id, what, "", "", rank, e.nickname,
                                   f"{e.test_acc:.4f}", e.neurons, e.epochs_scored]))
        return out.getvalue()

    @abstractmethod
    def _results(self, code: str) -> tuple[list[tuple[Question, list[int]]], list[Challenge]]:
        """Every question of the class with its counts, and every challenge, oldest
        first (for :meth:`results_csv`; the caller has checked the key)."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (the store stays usable: they reopen on demand)."""


# -- rules shared by the backends -----------------------------------------------------

def new_code() -> str:
    """A random join code (the backend retries while it is taken)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_key() -> tuple[str, str]:
    """``(teacher key, its hash)``: the key goes to the teacher, the hash to the store."""
    key = secrets.token_urlsafe(KEY_BYTES)
    return key, key_hash(key)


def key_hash(key: str) -> str:
    """SHA-256 of a teacher key, hex. A key has 192 random bits, so a fast hash is enough
    (no dictionary to guard against)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def key_matches(key: str | None, stored_hash: str) -> bool:
    """Whether ``key`` hashes to ``stored_hash``, in constant time."""
    if not isinstance(key, str) or not key:
        return False
    return hmac.compare_digest(key_hash(key), stored_hash)


def new_member_id() -> str:
    """An unguessable member id (128 bits): it is what lets a session answer."""
    return secrets.token_urlsafe(16)


def valid_code(code: object) -> bool:
    """Whether ``code`` has the shape of a join code (checked before any lookup)."""
    return (isinstance(code, str) and len(code) == CODE_LENGTH
            and all(ch in CODE_ALPHABET for ch in code))


_SPACE = re.compile(r"\s+")


def clean_nickname(nickname: str | None) -> str:
    """A nickname as stored: NFC, control and format characters (bidi overrides,
    zero-width) dropped, runs of white space made one space, stripped, at most
    :data:`NICKNAME_MAX` characters; "" means "give a default". Markup is kept as
    text: the page shows it inert."""
    if not nickname:
        return ""
    s = unicodedata.normalize("NFC", str(nickname))
    s = "".join(ch for ch in s if unicodedata.category(ch)[0] != "C" or ch in " \t\n")
    return _SPACE.sub(" ", s).strip()[:NICKNAME_MAX].strip()


def check_question(text: str, choices: Iterable[str], lesson: str | None
                   ) -> tuple[str, tuple[str, ...], str | None]:
    """A question's fields checked (``"invalid"``) and stripped."""
    text = str(text).strip()
    choices = tuple(str(c).strip() for c in choices)
    if not text or len(text) > TEXT_MAX:
        raise StoreError("invalid", f"question text of {len(text)} characters")
    if not 2 <= len(choices) <= 4 or any(not c or len(c) > CHOICE_MAX for c in choices):
        raise StoreError("invalid", "a question needs 2-4 non-empty choices")
    if lesson is not None and (not str(lesson) or len(str(lesson)) > LESSON_MAX):
        raise StoreError("invalid", "lesson name")
    return text, choices, None if lesson is None else str(lesson)


def check_challenge(dataset: str, noise: float, max_neurons: int, target_acc: float,
                    max_epochs: int) -> tuple[str, float, int, float, int]:
    """A challenge's fields checked (``"invalid"``) and converted."""
    try:
        dataset, noise, target_acc = str(dataset), float(noise), float(target_acc)
        if int(max_neurons) != max_neurons or int(max_epochs) != max_epochs:
            raise ValueError
        max_neurons, max_epochs = int(max_neurons), int(max_epochs)
    except (TypeError, ValueError) as e:
        raise StoreError("invalid", "challenge fields") from e
    if not (1 <= len(dataset) <= DATASET_MAX and 0 <= noise <= 100 and max_neurons >= 1
            and 0 <= target_acc <= 1 and 1 <= max_epochs <= EPOCHS_MAX):
        raise StoreError("invalid", "challenge out of bounds")
    return dataset, noise, max_neurons, target_acc, max_epochs


def check_url(url: str) -> str:
    """A link to send or submit: a non-empty string of at most :data:`URL_MAX` characters."""
    if not isinstance(url, str) or not url or len(url) > URL_MAX:
        raise StoreError("invalid", "link length")
    return url


def check_score(status: str, test_acc: float | None, neurons: int | None,
                epochs_scored: int | None, message: str) -> str:
    """A result's fields checked; returns the message cut to :data:`MESSAGE_MAX`."""
    if status == "scored":
        if test_acc is None or neurons is None or epochs_scored is None:
            raise StoreError("invalid", "a scored entry needs test_acc, neurons, epochs")
    elif status != "refused":
        raise StoreError("invalid", f"status {status!r}")
    return str(message or "")[:MESSAGE_MAX]


def rank_key(e: Entry) -> tuple:
    """Sort key of :meth:`Store.entries`: scored entries first by test accuracy
    (descending), fewer neurons, fewer epochs, earlier submission; then waiting, then
    refused ones by submission."""
    group = {"scored": 0, "queued": 1, "scoring": 1, "refused": 2}[e.status]
    if group == 0:
        return (0, -e.test_acc, e.neurons, e.epochs_scored, e.submitted, e.id)
    return (group, 0.0, 0, 0, e.submitted, e.id)


def _inert(row: list) -> list:
    """Cells starting with = + - @ (or a tab/CR) get a leading apostrophe, so a
    spreadsheet never runs a nickname or question as a formula."""
    return [f"'{v}" if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r")
            else v for v in row]
