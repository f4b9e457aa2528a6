"""Which class store a deployment uses: SQLite by default, Redis when one setting names it.

Kept apart from ``ui.classroom.store`` (the interface both backends import) so that
choosing a backend imports both without a loop. ``RedisStore`` imports the ``redis``
client only when it is constructed, so the app runs where it is not installed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ui.classroom.redis_store import RedisStore
from ui.classroom.sqlite_store import SQLiteStore
from ui.classroom.store import Store, StoreError

#: the settings open_store reads
SETTINGS = ("NNPG_CLASS_STORE", "NNPG_CLASS_DB", "NNPG_DATA_DIR")


def store_target(settings: Mapping[str, str] | None = None) -> tuple[str, str]:
    """``("sqlite", path)`` or ``("redis", url)`` for the settings (see :func:`open_store`)."""
    s = os.environ if settings is None else settings
    where = str(s.get("NNPG_CLASS_STORE") or "").strip()
    if where.startswith(("redis://", "rediss://", "unix://")):
        return "redis", where
    if where not in ("", "sqlite"):
        raise StoreError("invalid", "NNPG_CLASS_STORE is 'sqlite' or a redis:// URL")
    db = str(s.get("NNPG_CLASS_DB") or "").strip()
    if not db:
        db = str(Path(str(s.get("NNPG_DATA_DIR") or "").strip() or "data") / "class.sqlite3")
    return "sqlite", db


def open_store(settings: Mapping[str, str] | None = None) -> Store:
    """The store the settings name; ``settings`` None reads ``os.environ`` (the page
    passes its own merge of the environment and ``st.secrets``; only that mapping is read).

    * ``NNPG_CLASS_STORE``: empty or ``sqlite`` (default), or ``redis://host:port/db``
      (also ``rediss://``, ``unix://``) for Redis;
    * ``NNPG_CLASS_DB``: the SQLite file, default ``<NNPG_DATA_DIR>/class.sqlite3``;
    * ``NNPG_DATA_DIR``: the data folder, default ``./data`` (made if missing).

    Raises ``StoreError("unavailable")`` when the store cannot be reached or written
    (Redis down, the file or folder read-only or locked), ``"invalid"`` for a setting
    it does not understand. Keep one store per process (``st.cache_resource``); a
    failed open raises, so it is not cached and the next run tries again.
    """
    kind, where = store_target(settings)
    if kind == "redis":
        return RedisStore(where)
    return SQLiteStore(where)
