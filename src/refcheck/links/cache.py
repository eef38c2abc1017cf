"""The persistent link cache: SQLite in the user cache directory, safe to share between threads and
between processes.

Four tables: ``links`` (one checked URL -> its result, reused for ``cache_max_age``), ``archive``
(one archive question -> its answer, reused for weeks), ``registry`` (one question to a
bibliographic registry -> its answer, refcheck.verify; reused for 30 days, 7 for "no such work"). Unverified and skipped results are never
stored: they say nothing lasting about the link. And ``answered``: one version of a checked file
(links.run.document_key) -> the oldest check time of its URLs' cached results and those results in
one row (a warm record, stored by field: results.to_columns), when the cache held a result for
every URL it fetches; a re-run of that file then forks no prefetch child and reads its results in
one go (links.run). Only the latest version of a file keeps its record, and a record is used only
while the links table holds the same results for its URLs (``links_stamp``, ``summary``): the
links table is the truth, a record a faster way to read part of it. A ``meta`` table says when
rows no run reads any more were last deleted (``_prune``). A well-typed record forged by
whoever can write the cache is trusted as a forged links row is. (A ``documents`` table, in caches
of earlier versions, is not used.)

The cache is a convenience, never a reason to fail: a cache that cannot be opened, is not a
database, or fails later (a full disk, a lock held too long) is dropped for the run and ``problem``
says why once; a row that is not what refcheck writes (tampered with, or from another version) is
ignored and the URL checked afresh. Several refcheck processes may share one cache: the database is
in WAL mode (readers never block the writer), writers wait for each other (busy timeout) and write
in short transactions.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from refcheck.links.results import LinkResult, LinkState, from_columns, to_columns

CACHED_STATES = frozenset({LinkState.ALIVE, LinkState.REDIRECTED, LinkState.DEAD})
FILENAME = "links.sqlite3"
BUSY_TIMEOUT = 10.0  # seconds a process waits for another one's write
# Pages the write-ahead log grows by before a commit copies them into the database (SQLite's
# default: 1,000, 4 MB). A cold check of 2,000 URLs writes about 2.8 MB of log in batches while
# its answers come in, and SQLite copies what is left when the cache is closed, after the last
# answer: then 1.1 MB was written there, 0.4 MB with this (the copies made meanwhile, by the thread
# that writes the batches while the pool waits on the network).
AUTOCHECKPOINT = 200
_SCHEMA = """
CREATE TABLE IF NOT EXISTS links (url TEXT PRIMARY KEY, data TEXT NOT NULL, checked_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS archive (key TEXT PRIMARY KEY, data TEXT NOT NULL, fetched_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS registry (
    key TEXT PRIMARY KEY, data TEXT NOT NULL, fetched_at REAL NOT NULL, expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS answered (
    key TEXT PRIMARY KEY, path TEXT NOT NULL, oldest REAL NOT NULL, data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value REAL NOT NULL);
"""
# Rows no run would read any more are deleted, so that the cache does not grow without end: by a
# run that wrote to it, at most once per PRUNE_EVERY (a scan of each table), those older than KEEP
# (or the longest age the run reuses answers for) and registry answers past their expiry.
KEEP = 90 * 86400.0
SHRINK_AT = 8 * 2**20  # bytes of freed pages (half the file at least) that pruning gives back
PRUNE_EVERY = 86400.0


class LinkCache:
    def __init__(self, directory: Path, connect: bool = True, keep: float = KEEP) -> None:
        """``connect=False``: opened at first use (a run that may need nothing from it); ``keep``:
        the age in seconds of the oldest rows kept when the cache is pruned (at least ``KEEP``)."""
        self.path = directory / FILENAME
        self.problem: str | None = None  # why the cache is not used (said once), or None
        self.keep = max(KEEP, keep)
        self._wrote = False  # (then pruned when closed, if due: ``_prune``)
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._directory: Path | None = directory  # not connected yet
        # opened at first use, with no database yet: it holds nothing to read, and is made by the
        # first write (not by a read)
        self._absent = not connect and not self.path.exists()
        if connect:
            self._connect()

    def _connect(self) -> None:
        directory, self._directory = self._directory, None
        if directory is None:
            return
        try:
            directory.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT, check_same_thread=False, isolation_level=None
            )
        except (OSError, sqlite3.Error) as exc:
            self.problem = _why(exc)
            return
        try:
            self._setup(db)
        except sqlite3.Error as exc:
            self.problem = _why(exc)
            db.close()
            return
        self._db = db

    @staticmethod
    def _setup(db: sqlite3.Connection) -> None:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        for attempt in range(20):
            try:
                mode = db.execute("PRAGMA journal_mode=WAL").fetchone()
                break
            except sqlite3.OperationalError as exc:
                # another process is creating the database: it will be ready in a moment
                if "locked" not in str(exc) or attempt == 19:
                    raise
                time.sleep(0.05)
        if not mode or str(mode[0]).lower() != "wal":
            raise sqlite3.OperationalError("the cache cannot be put in WAL mode")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT}")
        db.executescript(_SCHEMA)
        # a file that is not a database, or one with other tables of the same names, fails here
        db.execute("SELECT url, data, checked_at FROM links LIMIT 0").fetchall()
        db.execute("SELECT key, data, fetched_at FROM archive LIMIT 0").fetchall()
        db.execute("SELECT key, data, fetched_at, expires_at FROM registry LIMIT 0").fetchall()
        db.execute("SELECT key, path, oldest, data FROM answered LIMIT 0").fetchall()
        db.execute("SELECT key, value FROM meta LIMIT 0").fetchall()

    @property
    def usable(self) -> bool:
        with self._lock:
            self._connect()
        return self._db is not None

    def close(self) -> None:
        with self._lock:
            self._directory = None  # never opened now
            if self._db is not None:
                if self._wrote:
                    self._prune(self._db)
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None

    def _prune(self, db: sqlite3.Connection, now: float | None = None) -> None:
        """Delete the rows no run would read any more, if the last pruning (the ``meta`` table's
        ``pruned_at``) was ``PRUNE_EVERY`` ago or more. A database without that row (new, or of an
        earlier version), or whose date is not a time past, is dated now and pruned from then on.
        Failing is not worth a note: the rows stay for another run to delete."""
        now = time.time() if now is None else now
        old = now - self.keep
        try:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute("SELECT value FROM meta WHERE key = 'pruned_at'").fetchone()
            last = row[0] if row is not None and type(row[0]) in (int, float) else None
            if last is not None and now - PRUNE_EVERY < last <= now:
                db.execute("COMMIT")
                return
            if last is not None and last <= now:  # (else dated now: a clock set back, a tampered row)
                db.execute("DELETE FROM links WHERE checked_at < ?", (old,))
                db.execute("DELETE FROM answered WHERE oldest < ?", (old,))
                db.execute("DELETE FROM archive WHERE fetched_at < ?", (old,))
                db.execute("DELETE FROM registry WHERE expires_at < ?", (now,))
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('pruned_at', ?)", (now,))
            db.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            return
        with contextlib.suppress(sqlite3.Error):  # (busy: another run's turn, a day later)
            (free,) = db.execute("PRAGMA freelist_count").fetchone()
            (pages,) = db.execute("PRAGMA page_count").fetchone()
            (size,) = db.execute("PRAGMA page_size").fetchone()
            if free * size >= SHRINK_AT and 2 * free >= pages:
                # SQLite reuses freed pages but never gives them back: after pruning a big
                # cache, the file would keep its largest size for good
                db.execute("VACUUM")
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file itself shrinks

    def _failed(self, exc: sqlite3.Error) -> None:
        """Drop the cache for the rest of the run (called with the lock held)."""
        if self.problem is None:
            self.problem = _why(exc)
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def _query(self, sql: str, params: Iterable[Any]) -> list[Any]:
        with self._lock:
            if self._absent and self._directory is not None:
                return []  # (reads only come here)
            self._connect()
            if self._db is None:
                return []
            try:
                return self._db.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                self._failed(exc)
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
                    result = LinkResult.from_json(_loads(data))
                except (ValueError, TypeError, KeyError, RecursionError):
                    continue  # not a row refcheck wrote: check the URL afresh
                if result.url != url or result.status not in CACHED_STATES:
                    continue
                result.from_cache = True
                out[url] = result
        return out

    def put_links(self, results: Iterable[LinkResult]) -> None:
        rows = [
            (r.url, _dumps(r.to_json()), r.checked_at or time.time())
            for r in results
            if r.status in CACHED_STATES and not r.from_cache
        ]
        # a result never replaces a newer one of the same URL (two runs at once: the one that
        # checked first may write last); a replaced row gets a new row id (links_stamp)
        self._write(
            "INSERT OR REPLACE INTO links (url, data, checked_at) SELECT ?, ?, ? "
            "WHERE NOT EXISTS (SELECT 1 FROM links WHERE url = ? AND checked_at > ?)",
            [(url, data, at, url, at) for url, data, at in rows],
        )

    def links_stamp(self) -> int:
        """The links table's largest row id: every result written (a new URL, or one checked again:
        ``INSERT OR REPLACE`` gives the row a new id) raises it, so a warm record written when it
        was this is still the table's while it is (refcheck updates no row in place, and deletes
        rows only when pruning, those older than ``keep``: a record survives pruning only if its
        results, written after or with the largest row, are younger, so that row survives too; a
        row deleted by hand and another written may give the same figure again)."""
        rows = self._query("SELECT MAX(rowid) FROM links", ())
        return rows[0][0] if rows and type(rows[0][0]) is int else 0

    def summary(self, urls: Iterable[str]) -> list[list[float]] | None:
        """How many stored results ``urls`` have, their oldest and the sum of their check times,
        per 500 URLs; None when one has none. A warm record keeps the summary of its URLs as written
        and is used only while the links table gives the same (no result of its rewritten since)."""
        wanted = list(dict.fromkeys(urls))
        out: list[list[float]] = []
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT COUNT(*), MIN(checked_at), SUM(checked_at) FROM links WHERE url IN ({marks})"
            rows = self._query(sql, part)
            if not rows or rows[0][0] != len(part) or not all(type(v) in (int, float) for v in rows[0][1:]):
                return None
            out.append([rows[0][0], float(rows[0][1]), float(rows[0][2])])
        return out

    # --- documents whose URLs were all answered from the cache (links.run) ------------------------------

    def answered_oldest(self, keys: Iterable[str]) -> dict[str, float]:
        """The oldest check time stored for each of ``keys`` that has a warm record."""
        wanted = list(dict.fromkeys(keys))
        out: dict[str, float] = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            marks = ",".join("?" * len(part))
            for key, oldest in self._query(f"SELECT key, oldest FROM answered WHERE key IN ({marks})", part):
                if isinstance(key, str) and type(oldest) in (int, float):
                    out[key] = float(oldest)
        return out

    def get_answered(self, keys: Iterable[str], max_age: float) -> dict[str, LinkResult]:
        """The results of the warm records of ``keys`` younger than ``max_age`` seconds, by URL: one
        row (one read, one decoding) per document instead of one per URL. A record is used whole or
        not at all: every field what ``results.to_columns`` writes, and the links table's results of its
        URLs still those it was written with (``summary``: none rewritten since, by a run with a
        shorter ``--cache-max-age`` or of another file). Otherwise its URLs are looked up as any."""
        wanted = list(dict.fromkeys(keys))
        since = time.time() - max_age
        out: dict[str, LinkResult] = {}
        stamp: int | None = None
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            marks = ",".join("?" * len(part))
            sql = f"SELECT data FROM answered WHERE oldest >= ? AND key IN ({marks})"
            for (data,) in self._query(sql, [since, *part]):
                if stamp is None:
                    stamp = self.links_stamp()
                out.update(self._record(data, since, stamp))
        return out

    def _record(self, data: Any, since: float, stamp: int) -> dict[str, LinkResult]:
        """One warm record's results by URL, or nothing (see ``get_answered``); ``stamp``: the
        links table's now (``links_stamp``)."""
        try:
            record = _loads(data)
        except (ValueError, TypeError, RecursionError):
            return {}
        if type(record) is not list or len(record) != 3:
            return {}
        written, summary, columns = record
        try:
            results = from_columns(columns)
        except (ValueError, TypeError, KeyError):
            return {}  # not what refcheck writes
        got: dict[str, LinkResult] = {}
        for result in results:
            if result.status not in CACHED_STATES or result.checked_at < since:
                return {}
            result.from_cache = True
            got[result.url] = result
        if not got or len(got) != len(results):
            return {}
        # nothing written to the links table since the record was: its results are the table's
        # (one query); else the table's results of its URLs must still be those it was written with
        if (type(written) is not int or written != stamp) and summary != self.summary(got):
            return {}
        return got

    def put_answered(
        self, records: Iterable[tuple[str, str, list[list[float]], list[LinkResult]]], stamp: int
    ) -> None:
        """Store the warm record of each (key, path, ``summary`` of the results' URLs, results),
        with the links table's ``links_stamp`` read before the summaries: the record of an earlier
        version of the same file is replaced (one per file, however often it is edited). The
        record's age is its oldest result's."""
        rows = [
            (
                key,
                path,
                min((part[1] for part in summary), default=time.time()),
                _dumps([stamp, summary, to_columns(results)]),
            )
            for key, path, summary, results in records
        ]
        if not rows:
            return
        self._write_all(
            [
                ("DELETE FROM answered WHERE path = ?", [(path,) for _, path, _, _ in rows]),
                ("INSERT OR REPLACE INTO answered (key, path, oldest, data) VALUES (?, ?, ?, ?)", rows),
            ]
        )

    # --- archive answers -----------------------------------------------------------------------------

    def get_archive(self, key: str, max_age: float) -> tuple[bool, Any]:
        """(found, answer) for one archive question asked less than ``max_age`` seconds ago. The
        answer is plain JSON data: the caller checks its shape."""
        return _json_answer(
            self._query(
                "SELECT data FROM archive WHERE key = ? AND fetched_at >= ?", [key, time.time() - max_age]
            )
        )

    def put_archive(self, key: str, answer: Any) -> None:
        self._write(
            "INSERT OR REPLACE INTO archive (key, data, fetched_at) VALUES (?, ?, ?)",
            [(key, json.dumps(answer), time.time())],
        )

    # --- registry answers (refcheck.verify) -------------------------------------------------------------

    def get_registry(self, key: str) -> tuple[bool, Any]:
        """(found, answer) for one registry question whose answer has not expired."""
        return _json_answer(
            self._query("SELECT data FROM registry WHERE key = ? AND expires_at >= ?", [key, time.time()])
        )

    def put_registry(self, key: str, answer: Any, max_age: float) -> None:
        now = time.time()
        self._write(
            "INSERT OR REPLACE INTO registry (key, data, fetched_at, expires_at) VALUES (?, ?, ?, ?)",
            [(key, json.dumps(answer), now, now + max_age)],
        )

    def _write(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self._write_all([(sql, rows)])

    def _write_all(self, statements: list[tuple[str, list[tuple[Any, ...]]]]) -> None:
        """Each (statement, rows) in turn, in one transaction."""
        with self._lock:
            self._connect()
            if self._db is None:
                return
            try:
                self._db.execute("BEGIN IMMEDIATE")  # take the write lock now: no upgrade deadlock
                for sql, rows in statements:
                    self._db.executemany(sql, rows)
                self._db.execute("COMMIT")
                self._wrote = True
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                self._failed(exc)


def _loads(data: str) -> Any:
    """``json.loads(data)``, by orjson when it can (a warm re-run reads thousands of rows: about five
    times faster); what orjson refuses and json reads (NaN, a lone surrogate) by json."""
    global _ORJSON_LOADS
    if _ORJSON_LOADS is None:
        try:
            import orjson
        except ImportError:
            _ORJSON_LOADS = json.loads
        else:
            _ORJSON_LOADS = orjson.loads
    try:
        return _ORJSON_LOADS(data)
    except ValueError:  # orjson.JSONDecodeError
        return json.loads(data)


_ORJSON_LOADS: Callable[..., Any] | None = None  # orjson's loads once imported, else json's


def _dumps(data: Any) -> str:
    """``json.dumps(data)``'s JSON, by orjson when it can (a cold run writes thousands of rows:
    about five times faster); what orjson refuses (a lone surrogate, a huge integer) by json.
    Only for rows without NaN or infinities, which orjson writes as null (a result's one float
    is its check time)."""
    try:
        import orjson
    except ImportError:
        return json.dumps(data)
    try:
        return orjson.dumps(data).decode()
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(data)


def _why(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    return text


def _json_answer(rows: list[Any]) -> tuple[bool, Any]:
    """(found, answer) from a query of one JSON ``data`` column; a row that is not JSON (a tampered
    cache) is as good as none."""
    if not rows:
        return False, None
    try:
        return True, json.loads(rows[0][0])
    except (ValueError, TypeError, RecursionError):
        return False, None
