"""A small client of Streamlit's websocket protocol (1.67) that acts like the browser.

One :class:`Client` is one browser tab on one page: it opens ``/_stcore/stream``, sends the
``rerun_script`` BackMsgs the frontend sends, keeps the frontend's message cache and widget
values, and runs the frontend's fragment timers. A benchmark can drive dozens of them from
one asyncio loop where dozens of browsers would not fit on the machine.

What it copies from the frontend (``static/js/index.*.js`` of streamlit 1.67, checked
against a Chromium session's frames, see ``bench/bench_classroom.py --calibrate``):

* Connect: ``GET`` of the page itself (its HTML; a proxy's sticky cookie comes with it,
  kept and sent on every later request as the browser does; the page's static files are
  not loaded), ``/_stcore/health`` and ``/_stcore/host-config``, then the websocket with
  subprotocol ``streamlit``; the first BackMsg is ``rerun_script`` with the URL's query
  string, ``page_name`` (the URL path, e.g. ``MLP``), no page hash, empty widget states
  and the browser's ``context_info``. Later reruns carry ``page_script_hash`` from
  ``new_session`` and the query string of the last ``page_info_changed``.
* Every rerun sends the value of every widget shown so far (``WidgetStates``); a button
  click adds ``trigger_value`` for that widget once. A widget takes its value from its
  element when ``set_value`` is set, else keeps what it had, else takes ``default``.
* Message cache (``ForwardMessageCache``): a ForwardMsg with ``metadata.cacheable`` is
  kept by ``hash``; a ``ref_hash`` message is replaced by the kept one (a miss is an
  error: the frontend drops the connection). Every rerun lists the kept hashes in
  ``cached_message_hashes``. A ``script_finished`` that is not FINISHED_EARLY_FOR_RERUN,
  received while no rerun was sent since its ``new_session``, ages the cache: entries
  (of the run's fragments, for a fragment run) unused for more than
  ``config.max_cached_message_age`` runs are dropped.
* Fragment timers: ``auto_rerun`` (interval, fragment_id) starts a ``setInterval`` that
  sends ``rerun_script`` with ``fragment_id`` and ``is_auto_rerun`` every interval,
  *whether or not the last run finished*; the same interval again is ignored,
  ``stop_auto_rerun`` stops it, and a ``new_session`` of a full run (no fragment ids in
  ``metadata.run``) stops them all.
* Media: an image whose URL is a server path (``/media/...``) is fetched over HTTP like
  the browser's ``<img>``; ``data:`` URLs need nothing.

Only loopback addresses are accepted: this is a load generator for one's own server.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
STATUS = {v: k for k, v in ForwardMsg.ScriptFinishedStatus.items()}


def require_loopback(url: str) -> None:
    """Refuse any address but this machine's loopback."""
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"{url}: only a server on 127.0.0.1 / localhost may be driven")


# ---------------------------------------------------------------- frontend state


class MessageCache:
    """The frontend's ForwardMessageCache: hash -> [encoded msg, last run used, fragment]."""

    def __init__(self) -> None:
        self.messages: dict[str, list] = {}
        self.run_count = 0

    def process(self, msg: ForwardMsg, raw: bytes) -> ForwardMsg | None:
        """Keep ``msg`` if cacheable; a ``ref_hash`` becomes the kept message (None: miss)."""
        kind = msg.WhichOneof("type")
        if kind != "ref_hash" and msg.metadata.cacheable and msg.hash:
            if self._get(msg.hash) is None:
                fragment = msg.delta.fragment_id if kind == "delta" else ""
                self.messages[msg.hash] = [raw, self.run_count, fragment]
        if kind != "ref_hash":
            return msg
        kept = self._get(msg.ref_hash)
        if kept is not None:
            kept.metadata.CopyFrom(msg.metadata)
        return kept

    def _get(self, hash_: str) -> ForwardMsg | None:
        entry = self.messages.get(hash_)
        if entry is None:
            return None
        entry[1] = self.run_count
        return ForwardMsg.FromString(entry[0])

    def age(self, max_age: int, fragment_ids: list[str]) -> None:
        """One run more; drop what was unused for more than ``max_age`` runs."""
        self.run_count += 1
        for h, (_, used, fragment) in list(self.messages.items()):
            if fragment_ids and (not fragment or fragment not in fragment_ids):
                continue
            if self.run_count - used > max_age:
                del self.messages[h]

    def hashes(self) -> list[str]:
        return list(self.messages)


def widget_value(kind: str, w: Any) -> tuple[str, Any] | None:
    """(WidgetState field, value) an element shows, as the frontend reports it; None for
    buttons (triggers only) and element kinds this client does not know."""
    set_value = getattr(w, "set_value", False)
    if kind == "button_group" or kind == "multiselect":
        values = list(w.raw_values) if set_value else [
            (w.options[i].content if kind == "button_group" else w.options[i]) for i in w.default]
        return "string_array_value", values
    if kind == "slider":
        if w.type == w.SELECT_SLIDER:
            values = list(w.raw_value) if set_value else [w.options[int(i)] for i in w.default]
            return "string_array_value", values
        return "double_array_value", list(w.value if set_value else w.default)
    if kind in ("selectbox", "radio"):
        if set_value:
            return ("string_value", w.raw_value) if w.HasField("raw_value") else None
        return ("string_value", w.options[w.default]) if w.HasField("default") else None
    if kind == "checkbox":
        return "bool_value", bool(w.value if set_value else w.default)
    if kind == "number_input":
        v = w.value if set_value and w.HasField("value") else (w.default if w.HasField("default")
                                                                 else None)
        if v is None:
            return None
        return ("int_value", int(v)) if w.data_type == w.INT else ("double_value", float(v))
    if kind in ("text_input", "text_area"):
        v = w.value if set_value and w.HasField("value") else (w.default if w.HasField("default")
                                                                 else None)
        return None if v is None else ("string_value", v)
    return None


def _set(state: WidgetState, name: str, value: Any) -> None:
    if name.endswith("_array_value"):
        getattr(state, name).data.extend(value)
    else:
        setattr(state, name, value)


class Widgets:
    """The frontend's WidgetStateManager, reduced to what a rerun sends."""

    def __init__(self) -> None:
        self.values: dict[str, tuple[str, Any]] = {}
        self.seen_this_run: set[str] = set()

    def on_element(self, kind: str, w: Any) -> None:
        wid = getattr(w, "id", "")
        if not wid:
            return
        self.seen_this_run.add(wid)
        v = widget_value(kind, w)
        if v is not None and (getattr(w, "set_value", False) or wid not in self.values):
            self.values[wid] = v

    def prune(self) -> None:
        """After a full run: forget widgets that run did not show."""
        for wid in set(self.values) - self.seen_this_run:
            del self.values[wid]

    def find(self, key: str) -> str | None:
        """The widget id whose user key is ``key`` (ids end in ``-<key>``)."""
        return next((w for w in self.values if w.endswith("-" + key)), None)

    def proto(self, trigger: str | None = None) -> WidgetStates:
        states = WidgetStates()
        for wid, (name, value) in self.values.items():
            s = states.widgets.add(id=wid)
            _set(s, name, value)
        if trigger:
            states.widgets.add(id=trigger, trigger_value=True)
        return states


# ---------------------------------------------------------------- the client


@dataclass
class Event:
    """One element a client received: when, which kind, which fragment, the element."""

    t: float
    kind: str
    fragment_id: str
    element: Any
    path: tuple[int, ...]


@dataclass
class Stats:
    reruns: int = 0  # rerun_script BackMsgs sent (all kinds)
    auto_reruns: int = 0  # of them, fragment timer requests
    messages: int = 0
    bytes: int = 0
    finished: Counter = field(default_factory=Counter)  # script_finished status name -> n
    interrupted: int = 0  # new_session while the previous run had not finished
    cache_hits: int = 0
    media: int = 0
    errors: list[str] = field(default_factory=list)


class Client:
    """One simulated browser tab. ``on_element(client, event)`` sees every element."""

    def __init__(self, base_url: str, path: str = "", query: str = "", *, name: str = "",
                 on_element: Callable[[Client, Event], None] | None = None,
                 locale: str = "en-US", fetch_media: bool = True) -> None:
        require_loopback(base_url)
        self.base = base_url.rstrip("/")
        self.path = path.strip("/")
        self.query = query
        self.name = name
        self.on_element = on_element
        self.fetch_media = fetch_media
        self.context = {"timezone": "UTC", "timezone_offset": 0, "locale": locale,
                        "url": f"{self.base}/{self.path}", "is_embedded": False,
                        "color_scheme": "light"}
        self.cache = MessageCache()
        self.widgets = Widgets()
        self.buttons: dict[str, str] = {}  # widget key -> id of the buttons shown
        self.cookies: dict[str, str] = {}  # from Set-Cookie (a proxy's sticky cookie)
        self.stats = Stats()
        self.page_hash = ""
        self.max_age = 2
        self.timers: dict[str, tuple[float, asyncio.Task]] = {}
        self.running = False  # a run started (new_session) and has not finished
        self.fragment_ids: list[str] = []  # of the run in progress ([] = full run)
        self.new_session_since_rerun = False  # the frontend's hasReceivedNewSession
        self.full_runs_done = 0
        self.run_times: list[tuple[float, float, tuple[str, ...], str]] = []  # start, end, frags
        self._run_start = 0.0
        self.last_message = 0.0  # time.monotonic() of the last message received
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._closing = False
        self._full_done = asyncio.Event()

    # ---- connection

    async def open(self, timeout: float = 60) -> None:
        """Connect like the browser and request the first run (does not wait for it)."""
        from websockets.asyncio.client import connect

        page = f"/{self.path}" + (f"?{self.query}" if self.query else "")
        for probe in (page, "/_stcore/health", "/_stcore/host-config"):
            await self.get(probe, timeout=timeout)
        u = urlsplit(self.base)
        ws_url = f"ws://{u.netloc}/_stcore/stream"
        self._ws = await connect(ws_url, subprotocols=["streamlit"], origin=self.base,
                                 max_size=None, open_timeout=timeout, proxy=None,
                                 additional_headers=self._cookie_header(),
                                 user_agent_header="nn-playground-bench")
        self._reader = asyncio.create_task(self._read(), name=f"read-{self.name}")
        await self.rerun(first=True)

    async def close(self) -> None:
        self._closing = True
        self.stop_timers()
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 10)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                self._reader.cancel()

    def _cookie_header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} \
            if self.cookies else {}

    async def get(self, path: str, timeout: float = 30) -> bytes:
        """A plain HTTP GET of ``path`` on the server (what the browser loads besides the
        websocket), with the cookies kept so far; keeps the ones it sets; raises on a
        status other than 200."""
        u = urlsplit(self.base)
        host, port = u.hostname, u.port or 80

        async def fetch() -> bytes:
            reader, writer = await asyncio.open_connection(host, port)
            try:
                cookie = "".join(f"{k}: {v}\r\n" for k, v in self._cookie_header().items())
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {u.netloc}\r\n{cookie}"
                             f"Connection: close\r\n\r\n".encode())
                await writer.drain()
                data = await reader.read()
            finally:
                writer.close()
            head, _, body = data.partition(b"\r\n\r\n")
            status = head.split(b" ", 2)[1:2]
            if status != [b"200"]:
                raise OSError(f"GET {path}: {head[:80]!r}")
            for line in head.decode("latin-1").split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "set-cookie":
                    k, _, v = value.split(";", 1)[0].strip().partition("=")
                    self.cookies[k] = v
            return body

        return await asyncio.wait_for(fetch(), timeout)

    # ---- what the user does

    async def rerun(self, fragment_id: str = "", *, trigger: str | None = None,
                    auto: bool = False, first: bool = False) -> None:
        """Send ``rerun_script`` as the frontend's sendRerunBackMsg does."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.widget_states.CopyFrom(self.widgets.proto(trigger))
        if first or not self.page_hash:
            cs.page_name = self.path
        else:
            cs.page_script_hash = self.page_hash
        if fragment_id:
            cs.fragment_id = fragment_id
        if auto:
            cs.is_auto_rerun = True
        cs.cached_message_hashes.extend(self.cache.hashes())
        for k, v in self.context.items():
            setattr(cs.context_info, k, v)
        self.new_session_since_rerun = False
        self.stats.reruns += 1
        self.stats.auto_reruns += bool(auto)
        if not fragment_id:
            self._full_done.clear()
        try:
            await self._ws.send(msg.SerializeToString())
        except Exception as e:  # a send on a closed socket is an error
            if not self._closing:
                self.stats.errors.append(f"send: {type(e).__name__}: {e}")

    async def click(self, key: str) -> None:
        """Click the button whose widget key is ``key`` (a full rerun with its trigger)."""
        wid = self.buttons.get(key)
        if wid is None:
            raise KeyError(f"{self.name}: no button with key {key!r} shown")
        await self.rerun(trigger=wid)

    async def set_widget(self, key: str, name: str, value: Any) -> None:
        """Change a widget as the user would (e.g. ``set_widget("mlp_lr",
        "string_array_value", ["0.3"])``): its new value, then a full rerun."""
        wid = self.widgets.find(key)
        if wid is None:
            raise KeyError(f"{self.name}: no widget with key {key!r} shown")
        self.widgets.values[wid] = (name, value)
        await self.rerun()

    def widget(self, key: str) -> Any:
        wid = self.widgets.find(key)
        return None if wid is None else self.widgets.values[wid][1]

    async def settle(self, quiet: float = 0.5, timeout: float = 30) -> None:
        """Stop the fragment timers (the tab goes to the background) and wait until the
        session's queued runs are done and nothing arrived for ``quiet`` seconds."""
        self.stop_timers()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running and time.monotonic() - self.last_message > quiet:
                return
            await asyncio.sleep(0.1)

    async def wait_full_run(self, timeout: float) -> None:
        """Wait until the last full rerun requested has finished (any status but cut)."""
        await asyncio.wait_for(self._full_done.wait(), timeout)

    # ---- timers (the frontend's setInterval per fragment)

    def _start_timer(self, fragment_id: str, interval: float) -> None:
        old = self.timers.get(fragment_id)
        if old and abs(old[0] - interval) < 1e-6:
            return
        if old:
            old[1].cancel()
        task = asyncio.create_task(self._tick(fragment_id, interval))
        self.timers[fragment_id] = (interval, task)

    async def _tick(self, fragment_id: str, interval: float) -> None:
        loop = asyncio.get_running_loop()
        due = loop.time() + interval
        while not self._closing:
            await asyncio.sleep(max(0.0, due - loop.time()))
            await self.rerun(fragment_id, auto=True)
            due += interval
            if due < loop.time():  # late by more than a period: no burst of catch-up ticks
                due = loop.time() + interval

    def stop_timers(self, fragment_ids: list[str] | None = None) -> None:
        for fid in list(self.timers) if fragment_ids is None else fragment_ids:
            entry = self.timers.pop(fid, None)
            if entry:
                entry[1].cancel()

    # ---- receiving

    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                if isinstance(raw, str):
                    self.stats.errors.append("text frame from the server")
                    continue
                self._on_message(raw, time.monotonic())
        except Exception as e:  # any end but our own close is an error
            if not self._closing:
                self.stats.errors.append(f"websocket: {type(e).__name__}: {e}")
        if not self._closing:
            self.stats.errors.append("websocket closed by the server")
        self.stop_timers()

    def _on_message(self, raw: bytes, t: float) -> None:
        self.last_message = t
        self.stats.messages += 1
        self.stats.bytes += len(raw)
        msg = ForwardMsg.FromString(raw)
        ref = msg.WhichOneof("type") == "ref_hash"
        msg = self.cache.process(msg, raw)
        if msg is None:
            self.stats.errors.append("message cache miss")
            return
        self.stats.cache_hits += ref
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self._on_new_session(msg, t)
        elif kind == "script_finished":
            self._on_finished(msg, t)
        elif kind == "navigation":
            if msg.navigation.page_script_hash:
                self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            if msg.auto_rerun.fragment_id:
                self._start_timer(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            self.stop_timers(list(msg.stop_auto_rerun.fragment_ids))
        elif kind == "session_event":
            if msg.session_event.WhichOneof("type") == "script_compilation_exception":
                e = msg.session_event.script_compilation_exception
                self.stats.errors.append(f"compile error: {e.type}: {e.message}")
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._on_element(msg, t)

    def _on_new_session(self, msg: ForwardMsg, t: float) -> None:
        if self.running:
            self.stats.interrupted += 1
        self.running = True
        self._run_start = t
        self.new_session_since_rerun = True
        self.fragment_ids = list(msg.metadata.run.fragment_ids)
        ns = msg.new_session
        if ns.page_script_hash and not self.page_hash:
            self.page_hash = ns.page_script_hash
        if ns.HasField("config"):
            self.max_age = ns.config.max_cached_message_age
        if not self.fragment_ids:
            self.stop_timers()
            self.widgets.seen_this_run = set()

    def _on_finished(self, msg: ForwardMsg, t: float) -> None:
        status = msg.script_finished
        self.stats.finished[STATUS.get(status, str(status))] += 1
        frags = list(msg.metadata.run.fragment_ids)
        self.run_times.append((self._run_start, t, tuple(frags), STATUS.get(status, "")))
        self.running = False
        if status != EARLY and msg.metadata.HasField("run") and self.new_session_since_rerun:
            self.cache.age(self.max_age, frags)
        if not frags and status != EARLY:
            self.widgets.prune()
            self.full_runs_done += 1
            self._full_done.set()

    def _on_element(self, msg: ForwardMsg, t: float) -> None:
        el = msg.delta.new_element
        kind = el.WhichOneof("type")
        w = getattr(el, kind)
        if kind == "button":
            self.buttons[w.id.rsplit("-", 1)[-1]] = w.id
            self.widgets.seen_this_run.add(w.id)
        elif kind == "exception":
            self.stats.errors.append(f"exception shown: {w.type}: {w.message[:200]}")
        else:
            self.widgets.on_element(kind, w)
        if kind == "imgs" and self.fetch_media:
            for img in w.imgs:
                if img.url.startswith("/"):
                    self.stats.media += 1
                    asyncio.get_running_loop().create_task(self._fetch(img.url))
        if self.on_element is not None:
            self.on_element(self, Event(t, kind, msg.delta.fragment_id, w,
                                        tuple(msg.metadata.delta_path)))

    async def _fetch(self, path: str) -> None:
        try:
            await self.get(path, timeout=30)
        except Exception as e:  # a failed media load is an error
            self.stats.errors.append(f"media {path}: {type(e).__name__}: {e}")
