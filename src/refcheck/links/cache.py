"""The persistent link cache: SQLite in the user cache directory, safe to share between threads.

Two tables: ``links`` (one checked URL -> its result, reused for ``cache_max_age``) and ``archive``
(one archive question -> its answer, reused for weeks). Unverified and skipped results are never
stored: they say nothing lasting about the link. A cache that cannot be opened or written is
dropped for the run, never an error.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from refcheck.links.results import LinkResult, LinkState

CACHED_STATES = frozenset({LinkState.ALIVE, LinkState.REDIRECTED, LinkState.DEAD})
FILENAME = "links.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS links (url TEXT PRIMARY KEY, data TEXT NOT NULL, checked_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS archive (key TEXT PRIMARY KEY, data TEXT NOT NULL, fetched_at REAL NOT NULL);
"""


class LinkCache:
    def __init__(self, directory: Path) -> None:
        self.path = directory / FILENAME
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            directory.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None

    @property
    def usable(self) -> bool:
        return self._db is not None

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _query(self, sql: str, params: Iterable[Any]) -> list[Any]:
        with self._lock:
            if self._db is None:
                return []
            try:
                return self._db.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error:
                return []

    # --- link results --------------------------------------------------------------------------------

    def get_links(self, urls: Iterable[str], max_age: float) -> dict[str, LinkResult]:
        """Stored results younger than ``max_age`` seconds, by URL."""
        wanted = list(dict.fromkeys(urls))
        since = time.time() - max_age
        out: dict[str, LinkResult] = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            marks = ",".join("?" * len(part))
            rows = self._query(
                f"SELECT url, data FROM links WHERE checked_at >= ? AND url IN ({marks})", [since, *part]
            )
            for url, data in rows:
                try:
                    result = LinkResult.from_json(json.loads(data))
                except (ValueError, TypeError, KeyError):
                    continue
                result.from_cache = True
                out[url] = result
        return out

    def put_links(self, results: Iterable[LinkResult]) -> None:
        rows = [
            (r.url, json.dumps(r.to_json()), r.checked_at or time.time())
            for r in results
            if r.status in CACHED_STATES and not r.from_cache
        ]
        self._write("INSERT OR REPLACE INTO links (url, data, checked_at) VALUES (?, ?, ?)", rows)

    # --- archive answers -----------------------------------------------------------------------------

    def get_archive(self, key: str, max_age: float) -> tuple[bool, Any]:
        """(found, answer) for one archive question asked less than ``max_age`` seconds ago."""
        rows = self._query(
            "SELECT data FROM archive WHERE key = ? AND fetched_at >= ?", [key, time.time() - max_age]
        )
        if not rows:
            return False, None
        try:
            return True, json.loads(rows[0][0])
        except ValueError:
            return False, None

    def put_archive(self, key: str, answer: Any) -> None:
        self._write(
            "INSERT OR REPLACE INTO archive (key, data, fetched_at) VALUES (?, ?, ?)",
            [(key, json.dumps(answer), time.time())],
        )

    def _write(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with self._lock:
            if self._db is None:
                return
            try:
                self._db.execute("BEGIN")
                self._db.executemany(sql, rows)
                self._db.execute("COMMIT")
            except sqlite3.Error:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
