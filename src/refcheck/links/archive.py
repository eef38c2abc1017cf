"""Archived copies from a Wayback-compatible availability API (``GET api?url=U&timestamp=YYYYMMDD``).

The API answers with the capture closest to the timestamp, before or after it. What a reader of an
entry "accessed 16 September 2009" wants is the page as it was then: a capture from before the
access date with status 200. When the first answer is after the access date, the API is asked again
with earlier timestamps (30 days, one year, five years before); if none of those lands before the
access date, the first answer is kept and the note says so. A capture more than a year from the
date is also noted. Requests are spaced ``archive_interval`` apart (1 s by default), a 429 is
waited out (``Retry-After``, capped), and every answer is cached for weeks.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests

from refcheck.links.cache import LinkCache
from refcheck.links.checker import retry_after
from refcheck.links.options import LinkOptions

EARLIER = (30, 365, 5 * 365)  # days before the access date asked when the first capture is after it


@dataclass(frozen=True)
class Snapshot:
    url: str
    timestamp: str  # YYYYMMDDhhmmss
    status: str | None
    note: str | None = None

    @property
    def date(self) -> dt.date | None:
        try:
            return dt.datetime.strptime(self.timestamp[:8], "%Y%m%d").date()
        except ValueError:
            return None


class ArchiveClient:
    def __init__(self, options: LinkOptions, cache: LinkCache | None) -> None:
        self.options = options
        self.cache = cache
        self.requests = 0
        self.unavailable: str | None = None  # why the API could not be used, once it failed
        self._session = requests.Session()
        self._session.trust_env = False
        self._session.headers["User-Agent"] = options.user_agent
        self._lock = threading.Lock()
        self._next = 0.0

    def close(self) -> None:
        self._session.close()

    def _ask(self, url: str, timestamp: str) -> Snapshot | None:
        """The API's closest capture to ``timestamp`` (cached), or None."""
        key = f"{self.options.archive_api}|{url}|{timestamp}"
        if self.cache is not None:
            found, answer = self.cache.get_archive(key, self.options.archive_max_age)
            if found:
                return Snapshot(**answer) if answer else None
        if self.unavailable:
            return None
        data = self._request({"url": url, "timestamp": timestamp})
        if data is None:
            return None
        snap = _closest(data)
        if self.cache is not None:
            self.cache.put_archive(key, snap.__dict__ if snap else None)
        return snap

    def _request(self, params: dict[str, str]) -> Any:
        for attempt in range(3):
            with self._lock:  # one request at a time, spaced archive_interval apart
                wait = self._next - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                try:
                    self.requests += 1
                    resp = self._session.get(
                        self.options.archive_api, params=params, timeout=self.options.timeout
                    )
                except requests.RequestException as exc:
                    self.unavailable = f"the archive API could not be reached ({type(exc).__name__})"
                    return None
                finally:
                    self._next = time.monotonic() + self.options.archive_interval
                if resp.status_code == 429 and attempt < 2:
                    pause = retry_after(resp.headers)
                    self._next += min(
                        pause if pause is not None else 5.0 * (attempt + 1), self.options.max_retry_wait
                    )
                    continue
            if resp.status_code != 200:
                return None
            try:
                return resp.json()
            except ValueError:
                return None
        return None

    def lookup(self, url: str, when: dt.date) -> Snapshot | None:
        """The capture to cite for ``url`` as it was on ``when``."""
        first = self._ask(url, when.strftime("%Y%m%d"))
        if first is None:
            return None
        chosen = first
        if not _good_before(first, when):
            for days in EARLIER:
                again = self._ask(url, (when - dt.timedelta(days=days)).strftime("%Y%m%d"))
                if again is None:
                    break
                if _good_before(again, when):
                    chosen = again
                    break
        return _with_note(chosen, when)


def _good_before(snap: Snapshot, when: dt.date) -> bool:
    d = snap.date
    return d is not None and d <= when and snap.status in (None, "200")


def _with_note(snap: Snapshot, when: dt.date) -> Snapshot:
    notes: list[str] = []
    d = snap.date
    if d is not None and d > when:
        notes.append(f"no capture before {when.isoformat()}; the nearest is from {d.isoformat()}")
    if d is not None and abs((d - when).days) > 365:
        notes.append(f"the nearest capture is {abs((d - when).days)} days from {when.isoformat()}")
    if snap.status not in (None, "200"):
        notes.append(f"the capture has status {snap.status}")
    return Snapshot(snap.url, snap.timestamp, snap.status, "; ".join(notes) or None)


def _closest(data: Any) -> Snapshot | None:
    try:
        closest = data["archived_snapshots"]["closest"]
    except (KeyError, TypeError):
        return None
    if not isinstance(closest, dict) or not closest.get("available", True) or not closest.get("url"):
        return None
    status = closest.get("status")
    return Snapshot(str(closest["url"]), str(closest.get("timestamp", "")), str(status) if status else None)
