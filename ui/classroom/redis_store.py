"""The class store in Redis, for replicas on several machines (``NNPG_CLASS_STORE=redis://``).

The ``redis`` client is imported when a :class:`RedisStore` is made, so the app runs
where it is not installed. How it keeps the store's promises (``ui.classroom.store``):

* **Atomic.** Every write is one Lua script (``EVALSHA``): it checks what it needs (the
  class exists, the member is in it, the question is open...), writes and bumps the
  version in one step that no other client can interleave. Answers keep their counts in
  the same script (``HINCRBY``), so a count is one ``HMGET``, never a scan. A claim
  takes the oldest waiting entry off a sorted set (score: when it is next available) in
  one script, so two workers never get the same entry.
* **Keys expire with the class.** A class is a fixed set of keys
  ``<prefix>c:<code>:<part>`` (:data:`PARTS`); every write refreshes all of them to
  ``IDLE`` + 1 h, so Redis drops a class that :meth:`expire` missed. :meth:`expire` and
  :meth:`end_class` delete a class at once (all its keys, its entries in the queue).
* **Durable once acknowledged** only if the server is: run it with ``appendonly yes``
  (``deploy/run.sh --redis`` starts one with ``appendfsync always``, the equivalent of
  SQLite's ``synchronous=FULL``; ``everysec`` may lose the last second on a power loss,
  not on a crash of redis-server).
* **Unavailable, quickly.** 2 s socket timeouts and one retry on a fresh connection (a
  restarted server's old connections are dead): a server that is down or refuses writes
  (read-only replica, out of memory, persistence failing) gives
  ``StoreError("unavailable")`` instead of a hung page.

One Redis server (or a primary with replicas); not Redis Cluster (a script touches a
class's keys and the shared queue together).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

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

#: a class's keys: meta (hash: key_hash, joins, question_id, view_id, view_url,
#: challenge_id), v (version), m (member_id -> nickname), q (question id -> JSON),
#: a ("qid:member_id" -> choice), n ("qid:choice" -> count, "qid:t" -> answered,
#: "r:qid" -> revealed), ch (challenge id -> JSON), e (entry id -> JSON of its fixed
#: fields), st (entry id -> status), r (entry id -> JSON of its result),
#: ec ("cid:member_id" -> entries)
PARTS = ("meta", "v", "m", "q", "a", "n", "ch", "e", "st", "r", "ec")
TTL_MS = int((IDLE + 3600) * 1000)

# Shared by every script: ARGV[1] is the key prefix, ARGV[2] the code (or ''), the rest
# the operation's own. Errors are "NNPG <code> <message>" replies.
_LUA_HEAD = """
local P = ARGV[1]
local code = ARGV[2]
local PARTS = {@PARTS@}
local function k(part) return P .. 'c:' .. code .. ':' .. part end
local function fail(c, msg) return redis.error_reply('NNPG ' .. c .. ' ' .. (msg or '')) end
local function touch(now)
  redis.call('INCR', k('v'))
  redis.call('ZADD', P .. 'classes', now, code)
  for _, part in ipairs(PARTS) do redis.call('PEXPIRE', k(part), @TTL@) end
end
local function drop(c)
  local old = code
  code = c
  for _, eid in ipairs(redis.call('HKEYS', k('e'))) do
    redis.call('HDEL', P .. 'ecode', eid)
    redis.call('ZREM', P .. 'queue', c .. ':' .. eid)
  end
  for _, part in ipairs(PARTS) do redis.call('DEL', k(part)) end
  redis.call('ZREM', P .. 'classes', c)
  code = old
end
""".replace("@PARTS@", ", ".join(f"'{p}'" for p in PARTS)).replace("@TTL@", str(TTL_MS))

_LUA = {
    # ARGV: key_hash, now, max_classes
    "create": """
if redis.call('ZCARD', P .. 'classes') >= tonumber(ARGV[5]) then return fail('full', 'classes') end
if redis.call('EXISTS', k('meta')) == 1 then return 0 end
redis.call('HSET', k('meta'), 'key_hash', ARGV[3], 'joins', 0, 'view_id', 0)
touch(ARGV[4])
return 1
""",
    # ARGV: now, idle
    "expire": """
local before = '(' .. (tonumber(ARGV[3]) - tonumber(ARGV[4]))
local old = redis.call('ZRANGEBYSCORE', P .. 'classes', '-inf', before)
for _, c in ipairs(old) do drop(c) end
return #old
""",
    "end": """
drop(code)
return 1
""",
    # ARGV: member_id, nickname ('' for a default), now, max_members
    "join": """
if redis.call('EXISTS', k('meta')) == 0 then return fail('not_found') end
if redis.call('HLEN', k('m')) >= tonumber(ARGV[6]) then return fail('full', 'members') end
local n = redis.call('HINCRBY', k('meta'), 'joins', 1)
local nick = ARGV[4]
if nick == '' then nick = 'Student ' .. n end
redis.call('HSET', k('m'), ARGV[3], nick)
touch(ARGV[5])
return nick
""",
    # ARGV: member_id, now
    "leave": """
if redis.call('EXISTS', k('meta')) == 0 then return fail('not_found') end
redis.call('HDEL', k('m'), ARGV[3])
touch(ARGV[4])
return 1
""",
    # ARGV: question JSON, now, max_questions
    "question": """
if redis.call('EXISTS', k('meta')) == 0 then return fail('not_found') end
if redis.call('HLEN', k('q')) >= tonumber(ARGV[5]) then return fail('too_many', 'questions') end
local qid = redis.call('HINCRBY', P .. 'next', 'question', 1)
redis.call('HSET', k('q'), qid, ARGV[3])
redis.call('HSET', k('meta'), 'question_id', qid)
touch(ARGV[4])
return qid
""",
    # ARGV: now
    "reveal": """
if redis.call('EXISTS', k('meta')) == 0 then return fail('not_found') end
local qid = redis.call('HGET', k('meta'), 'question_id')
if not qid then return fail('ended', 'no open question') end
redis.call('HSET', k('n'), 'r:' .. qid, 1)
touch(ARGV[3])
return 1
""",
    # ARGV: member_id, question_id, choice, now
    "answer": """
if redis.call('EXISTS', k('meta')) == 0 then return fail('not_found') end
if redis.call('HEXISTS', k('m'), ARGV[3]) == 0 then return fail('forbidden', 'not a member') end
local qid = ARGV[4]
if redis.call('HGET', k('meta'), 'question_id') ~= qid then return fail('ended', 'not open') end
if redis.call('HEXISTS', k('n'), 'r:' .. qid) == 1 then return fail('ended', 'revealed') end
local choice = tonumber(ARGV[5])
local q = cjson.decode(redis.call('HGET', k('q'), qid))
if not choice or choice < 0 or choice >= #q.choices or choice % 1 ~= 0 then
  return fail('invalid', 'choice')
end
local field = qid .. ':' .. ARGV[3]
local old = redis.call('HGET', k('a'), field)
if old then
  redis.call('HINCRBY', k('n'), qid .. ':' .. old, -1)
else
  redis.call('HINCRBY', k('n'), qid .. ':t', 1)
end
redis.call('HSET', k('a'), field, ARGV[5])
redis.call('HINCRBY', k('n'), qid .. ':' .. ARGV[5], 1)
touch(ARGV[6])
return 1
""",
    # ARGV: url, now
    "view": """
if redis.call('EXISTS', k('meta')) == 0 then return fail('not_found') end
local vid = redis.call('HINCRBY', k('meta'), 'view_id', 1)
redis.call('HSET', k('meta'), 'view_url', ARGV[3])
touch(ARGV[4])
return vid
""",
    # ARGV: challenge JSON (without id), now, max_challenges
    "challenge": """
if redis.call('EXISTS', k('meta')) == 0 then return fail('not_found') end
if redis.call('HLEN', k('ch')) >= tonumber(ARGV[5]) then return fail('too_many', 'challenges') end
local cid = redis.call('HINCRBY', P .. 'next', 'challenge', 1)
redis.call('HSET', k('ch'), cid, ARGV[3])
redis.call('HSET', k('meta'), 'challenge_id', cid)
touch(ARGV[4])
return cid
""",
    # ARGV: member_id, challenge_id (as read by the caller), link, epochs, now, max_entries
    "submit": """
if redis.call('EXISTS', k('meta')) == 0 then return fail('not_found') end
local nick = redis.call('HGET', k('m'), ARGV[3])
if not nick then return fail('forbidden', 'not a member') end
local cid = ARGV[4]
if redis.call('HGET', k('meta'), 'challenge_id') ~= cid then return fail('ended', 'not open') end
local per = cid .. ':' .. ARGV[3]
if tonumber(redis.call('HGET', k('ec'), per) or '0') >= tonumber(ARGV[8]) then
  return fail('too_many', 'entries')
end
local eid = redis.call('HINCRBY', P .. 'next', 'entry', 1)
redis.call('HSET', k('e'), eid, cjson.encode({member_id = ARGV[3], nickname = nick,
  link = ARGV[5], epochs = ARGV[6], challenge_id = cid, submitted = ARGV[7]}))
redis.call('HSET', k('st'), eid, 'queued')
redis.call('HINCRBY', k('ec'), per, 1)
redis.call('HSET', P .. 'ecode', eid, code)
redis.call('ZADD', P .. 'queue', ARGV[7], code .. ':' .. eid)
touch(ARGV[7])
return {eid, nick}
""",
    # ARGV: now, lease
    "claim": """
local now = tonumber(ARGV[3])
for _ = 1, 100 do
  local top = redis.call('ZRANGEBYSCORE', P .. 'queue', '-inf', ARGV[3], 'LIMIT', 0, 1)
  if #top == 0 then return false end
  local c, eid = string.match(top[1], '^(.-):(%d+)$')
  code = c
  local st = redis.call('HGET', k('st'), eid)
  if redis.call('EXISTS', k('meta')) == 1 and (st == 'queued' or st == 'scoring') then
    redis.call('HSET', k('st'), eid, 'scoring')
    redis.call('ZADD', P .. 'queue', now + tonumber(ARGV[4]), top[1])
    touch(ARGV[3])
    return {c, eid, redis.call('HGET', k('e'), eid)}
  end
  redis.call('ZREM', P .. 'queue', top[1])  -- its class is gone, or it was scored
end
return false
""",
    # ARGV: entry_id, status, result JSON, now
    "score": """
local eid = ARGV[3]
code = redis.call('HGET', P .. 'ecode', eid)
if not code or redis.call('EXISTS', k('meta')) == 0 then return fail('not_found', 'entry') end
local st = redis.call('HGET', k('st'), eid)
if st ~= 'queued' and st ~= 'scoring' then return 0 end
redis.call('HSET', k('st'), eid, ARGV[4])
redis.call('HSET', k('r'), eid, ARGV[5])
redis.call('ZREM', P .. 'queue', code .. ':' .. eid)
touch(ARGV[6])
return 1
""",
    # ARGV: (none): everything members see, at one version
    "state": """
local v = redis.call('GET', k('v'))
if not v then return fail('not_found') end
local meta = redis.call('HMGET', k('meta'), 'question_id', 'view_id', 'view_url', 'challenge_id')
local q, revealed, ch = false, 0, false
if meta[1] then
  q = redis.call('HGET', k('q'), meta[1])
  revealed = redis.call('HEXISTS', k('n'), 'r:' .. meta[1])
end
if meta[4] then ch = redis.call('HGET', k('ch'), meta[4]) end
return {v, redis.call('HLEN', k('m')), meta[1], q, revealed, meta[2], meta[3], meta[4], ch}
""",
}


def _script_text(name: str) -> str:
    return _LUA_HEAD + _LUA[name]


class RedisStore(Store):
    """:class:`~ui.classroom.store.Store` in the Redis server at ``url``.

    Parameters
    ----------
    url : str
        ``redis://host:port/db`` (``rediss://`` for TLS, ``unix:///path``).
    prefix : str
        Prepended to every key (several deployments may share a server).
    timeout : float
        Socket connect and read timeout, seconds.
    """

    def __init__(self, url: str, prefix: str = "nnpg:", timeout: float = 2.0) -> None:
        try:
            import redis
            from redis.backoff import NoBackoff
            from redis.retry import Retry
        except ImportError as e:  # the setting names Redis, the client is missing
            raise StoreError("unavailable", "the redis client is not installed") from e
        self._redis = redis
        self.prefix = prefix
        self.r = redis.Redis.from_url(
            url, decode_responses=True, socket_timeout=timeout,
            socket_connect_timeout=timeout, retry=Retry(NoBackoff(), 1),
            retry_on_error=[redis.ConnectionError, redis.TimeoutError])
        self._scripts = {name: self.r.register_script(_script_text(name)) for name in _LUA}
        self._call(self.r.ping)
        self._call(self.r.hsetnx, prefix + "next", "question", 0)  # a write: can we?

    # -- plumbing --------------------------------------------------------------------

    def _call(self, fn, *args, **kw):
        """Run a client call, mapping the client's errors to StoreError."""
        redis = self._redis
        try:
            return fn(*args, **kw)
        except redis.ResponseError as e:
            msg = str(e)
            if msg.startswith("NNPG "):
                parts = msg.split(" ", 2)
                raise StoreError(parts[1], parts[2] if len(parts) > 2 else "") from None
            # READONLY replica, OOM, MISCONF (persistence failing), a busy script...
            raise StoreError("unavailable", f"redis: {msg}") from e
        except redis.RedisError as e:  # connection refused or lost, timeouts
            raise StoreError("unavailable", f"redis: {e}") from e

    def _run(self, name: str, code: str, *args) -> object:
        return self._call(self._scripts[name], args=[self.prefix, code, *map(_arg, args)])

    def _k(self, code: str, part: str) -> str:
        return f"{self.prefix}c:{code}:{part}"

    def _check_code(self, code: str) -> None:
        if not valid_code(code):
            raise StoreError("not_found", "no such class")

    def _teacher(self, code: str, key: str) -> None:
        self._check_code(code)
        stored = self._call(self.r.hget, self._k(code, "meta"), "key_hash")
        if stored is None:
            raise StoreError("not_found", "no such class")
        if not key_matches(key, stored):
            raise StoreError("forbidden", "wrong teacher key")

    def _pipe(self, *calls: tuple) -> list:
        """Several reads in one MULTI/EXEC (one snapshot)."""
        def run() -> list:
            p = self.r.pipeline(transaction=True)
            for name, *args in calls:
                getattr(p, name)(*args)
            return p.execute()
        return self._call(run)

    def close(self) -> None:
        self.r.connection_pool.disconnect()

    # -- the class -------------------------------------------------------------------

    def create_class(self, now: float) -> tuple[str, str]:
        key, digest = new_key()
        self.expire(now)
        while True:
            code = new_code()
            if self._run("create", code, digest, now, MAX_CLASSES) == 1:
                return code, key

    def version(self, code: str) -> int | None:
        if not valid_code(code):
            return None
        v = self._call(self.r.get, self._k(code, "v"))
        return None if v is None else int(v)

    def state(self, code: str) -> ClassState:
        self._check_code(code)
        v, members, qid, q, revealed, vid, vurl, cid, ch = self._run("state", code)
        question = challenge = view = None
        if qid:
            d = json.loads(q)
            question = Question(int(qid), d["text"], tuple(d["choices"]), d["lesson"],
                                bool(revealed))
        if cid:
            challenge = _challenge(int(cid), ch)
        if vurl:
            view = View(int(vid), vurl)
        return ClassState(code, int(v), int(members), question, view, challenge)

    def check_teacher(self, code: str, key: str) -> None:
        self._teacher(code, key)

    def end_class(self, code: str, key: str) -> None:
        self._teacher(code, key)
        self._run("end", code)

    def expire(self, now: float) -> int:
        return int(self._run("expire", "", now, IDLE))

    # -- members ---------------------------------------------------------------------

    def join(self, code: str, nickname: str | None, now: float) -> Member:
        self._check_code(code)
        member_id = new_member_id()
        nick = self._run("join", code, member_id, clean_nickname(nickname), now, MAX_MEMBERS)
        return Member(member_id, nick)

    def member(self, code: str, member_id: str) -> Member:
        self._check_code(code)
        exists, nick = self._pipe(("exists", self._k(code, "meta")),
                                  ("hget", self._k(code, "m"), str(member_id)))
        if not exists:
            raise StoreError("not_found", "no such class")
        if nick is None:
            raise StoreError("forbidden", "not a member of this class")
        return Member(str(member_id), nick)

    def leave(self, code: str, member_id: str, now: float) -> None:
        self._check_code(code)
        self._run("leave", code, str(member_id), now)

    # -- questions -------------------------------------------------------------------

    def open_question(self, code: str, key: str, text: str, choices: Iterable[str],
                      lesson: str | None, now: float) -> Question:
        text, choices, lesson = check_question(text, choices, lesson)
        self._teacher(code, key)
        doc = json.dumps({"text": text, "choices": choices, "lesson": lesson})
        qid = self._run("question", code, doc, now, MAX_QUESTIONS)
        return Question(int(qid), text, choices, lesson, False)

    def reveal(self, code: str, key: str, now: float) -> None:
        self._teacher(code, key)
        self._run("reveal", code, now)

    def answer(self, code: str, member_id: str, question_id: int, choice: int,
               now: float) -> None:
        self._check_code(code)
        if not isinstance(choice, int) or isinstance(choice, bool):
            raise StoreError("invalid", f"choice {choice!r}")
        self._run("answer", code, str(member_id), int(question_id), choice, now)

    def my_answer(self, code: str, member_id: str, question_id: int) -> int | None:
        self.member(code, member_id)
        a = self._call(self.r.hget, self._k(code, "a"), f"{int(question_id)}:{member_id}")
        return None if a is None else int(a)

    def counts(self, code: str, key: str | None, question_id: int) -> tuple[list[int], int]:
        self._check_code(code)
        qid = int(question_id)
        stored, q, revealed = self._pipe(("hget", self._k(code, "meta"), "key_hash"),
                                         ("hget", self._k(code, "q"), str(qid)),
                                         ("hexists", self._k(code, "n"), f"r:{qid}"))
        if stored is None:
            raise StoreError("not_found", "no such class")
        if q is None:
            raise StoreError("not_found", "no such question in this class")
        if not revealed and not key_matches(key, stored):
            raise StoreError("forbidden", "counts before the reveal are the teacher's")
        n = len(json.loads(q)["choices"])
        got = self._call(self.r.hmget, self._k(code, "n"),
                         [f"{qid}:{i}" for i in range(n)] + [f"{qid}:t"])
        counts = [int(c or 0) for c in got[:n]]
        return counts, int(got[n] or 0)

    # -- views -----------------------------------------------------------------------

    def send_view(self, code: str, key: str, url: str, now: float) -> View:
        url = check_url(url)
        self._teacher(code, key)
        return View(int(self._run("view", code, url, now)), url)

    # -- challenges ------------------------------------------------------------------

    def set_challenge(self, code: str, key: str, dataset: str, noise: float,
                      max_neurons: int, target_acc: float, max_epochs: int,
                      now: float) -> Challenge:
        fields = check_challenge(dataset, noise, max_neurons, target_acc, max_epochs)
        self._teacher(code, key)
        doc = json.dumps(dict(zip(("dataset", "noise", "max_neurons", "target_acc",
                                   "max_epochs"), fields)))
        cid = self._run("challenge", code, doc, now, MAX_CHALLENGES)
        return Challenge(int(cid), *fields)

    def challenge(self, code: str, challenge_id: int) -> Challenge:
        self._check_code(code)
        exists, doc = self._pipe(("exists", self._k(code, "meta")),
                                 ("hget", self._k(code, "ch"), str(int(challenge_id))))
        if not exists or doc is None:
            raise StoreError("not_found", "no such challenge in this class")
        return _challenge(int(challenge_id), doc)

    def submit(self, code: str, member_id: str, link: str, epochs: int,
               now: float) -> Entry:
        link = check_url(link)
        self._check_code(code)
        exists, nick, cid = self._pipe(("exists", self._k(code, "meta")),
                                       ("hget", self._k(code, "m"), str(member_id)),
                                       ("hget", self._k(code, "meta"), "challenge_id"))
        if not exists:
            raise StoreError("not_found", "no such class")
        if nick is None:
            raise StoreError("forbidden", "not a member of this class")
        if cid is None:
            raise StoreError("ended", "no open challenge")
        ch = self.challenge(code, int(cid))  # a challenge never changes once set
        if not isinstance(epochs, int) or not 1 <= epochs <= ch.max_epochs:
            raise StoreError("invalid", f"epochs {epochs!r} outside 1..{ch.max_epochs}")
        # the script checks again, atomically, that the class, member and challenge hold
        eid, nick = self._run("submit", code, str(member_id), cid, link, epochs, now,
                              MAX_ENTRIES)
        return Entry(int(eid), str(member_id), nick, link, epochs, "queued", None, None,
                     None, "", code, int(cid), float(now))

    def claim(self, now: float) -> Entry | None:
        got = self._run("claim", "", now, LEASE)
        if not got:
            return None
        code, eid, doc = got
        return _entry(int(eid), code, doc, "scoring", None)

    def score(self, entry_id: int, status: EntryStatus, test_acc: float | None,
              neurons: int | None, epochs_scored: int | None, message: str,
              now: float) -> None:
        message = check_score(status, test_acc, neurons, epochs_scored, message)
        scored = status == "scored"
        doc = json.dumps({"test_acc": float(test_acc) if scored else None,
                          "neurons": int(neurons) if scored else None,
                          "epochs_scored": int(epochs_scored) if scored else None,
                          "message": message})
        self._run("score", "", int(entry_id), status, doc, now)

    def entries(self, code: str, challenge_id: int) -> list[Entry]:
        self._check_code(code)
        exists, fixed, status, result = self._pipe(
            ("exists", self._k(code, "meta")), ("hgetall", self._k(code, "e")),
            ("hgetall", self._k(code, "st")), ("hgetall", self._k(code, "r")))
        if not exists:
            raise StoreError("not_found", "no such class")
        out = [_entry(int(eid), code, doc, status.get(eid, "queued"), result.get(eid))
               for eid, doc in fixed.items()]
        return sorted((e for e in out if e.challenge_id == int(challenge_id)), key=rank_key)

    # -- results ---------------------------------------------------------------------

    def _results(self, code: str) -> tuple[list[tuple[Question, list[int]]], list[Challenge]]:
        exists, qs, n, chs = self._pipe(
            ("exists", self._k(code, "meta")), ("hgetall", self._k(code, "q")),
            ("hgetall", self._k(code, "n")), ("hgetall", self._k(code, "ch")))
        if not exists:
            raise StoreError("not_found", "no such class")
        questions = []
        for qid in sorted(qs, key=int):
            d = json.loads(qs[qid])
            q = Question(int(qid), d["text"], tuple(d["choices"]), d["lesson"],
                         f"r:{qid}" in n)
            questions.append((q, [int(n.get(f"{qid}:{i}", 0)) for i in range(len(q.choices))]))
        challenges = [_challenge(int(cid), chs[cid]) for cid in sorted(chs, key=int)]
        return questions, challenges


def _arg(x: object) -> str:
    """A script argument: floats exactly (repr), the rest as text."""
    return repr(x) if isinstance(x, float) else str(x)


def _challenge(cid: int, doc: str) -> Challenge:
    d = json.loads(doc)
    return Challenge(cid, d["dataset"], float(d["noise"]), int(d["max_neurons"]),
                     float(d["target_acc"]), int(d["max_epochs"]))


def _entry(eid: int, code: str, doc: str, status: str, result: str | None) -> Entry:
    d = json.loads(doc)
    r = json.loads(result) if result else {}
    return Entry(eid, d["member_id"], d["nickname"], d["link"], int(d["epochs"]), status,
                 r.get("test_acc"), r.get("neurons"), r.get("epochs_scored"),
                 r.get("message", ""), code, int(d["challenge_id"]), float(d["submitted"]))
