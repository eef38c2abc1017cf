"""Archived copies from a Wayback-compatible availability API (``GET api?url=U&timestamp=YYYYMMDD``).

The API answers with the capture closest to the timestamp, before or after it. What a reader of an
entry "accessed 16 September 2009" wants is the page as it was then: a capture from before the
access date with status 200. When the first answer is after the access date, the API is asked again
with earlier timestamps (30 days, one year, five years before); if none of those lands before the
access date, the first answer is kept and the note says so. A capture more than a year from the
date is also noted. Requests are spaced ``archive_interval`` apart (1 s by default), a 429 is
waited out (``Retry-After``, capped), and every answer is cached for weeks. The configured API is
trusted wherever it is; its redirects are not (see ``ArchiveClient``).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urljoin, urlsplit

from refcheck.links.cache import LinkCache
from refcheck.links.options import LinkOptions
from refcheck.links.protocol import FETCHED_SCHEMES, REDIRECTS, retry_after
from refcheck.links.results import LinkState

if TYPE_CHECKING:
    from refcheck.links.errors import Failure
    from refcheck.links.transport import Answer, Transport

EARLIER = (30, 365, 5 * 365)  # days before the access date asked when the first capture is after it


@dataclass(frozen=True)
class Snapshot:
    url: str
    timestamp: str  # YYYYMMDDhhmmss
    status: str | None
    note: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> Snapshot | None:
        """A stored answer, or None when it is not one (a tampered cache row is not trusted)."""
        if not isinstance(data, dict) or set(data) - {"url", "timestamp", "status", "note"}:
            return None
        url, ts, status, note = (data.get(k) for k in ("url", "timestamp", "status", "note"))
        if not isinstance(url, str) or not isinstance(ts, str):
            return None
        if not all(v is None or isinstance(v, str) for v in (status, note)):
            return None
        if _scheme(url) not in FETCHED_SCHEMES:
            return None
        return cls(url, ts, status, note)

    @property
    def date(self) -> dt.date | None:
        try:
            return dt.datetime.strptime(self.timestamp[:8], "%Y%m%d").date()
        except ValueError:
            return None


class ArchiveClient:
    """Asks the availability API. The configured endpoint is trusted (the user chose it, so it is
    asked even on a loopback or private address); where it redirects is not: every redirect hop
    goes through the same safety checks as a cited URL."""

    def __init__(
        self, options: LinkOptions, cache: LinkCache | None, stage_deadline: float | None = None
    ) -> None:
        self.options = options
        self.cache = cache
        self.requests = 0
        self.unavailable: str | None = None  # why the API could not be used, once it failed
        self.stage_deadline = stage_deadline
        self.out_of_time = False
        self._transports: tuple[Transport, Transport] | None = None  # made at the first request
        self._lock = threading.Lock()
        self._next = 0.0

    def _clients(self) -> tuple[Transport, Transport]:
        """(the endpoint's, the redirects'): the HTTP machinery is loaded only when the archive is
        asked, not when every answer comes from the cache."""
        if self._transports is None:
            from refcheck.links.transport import Transport

            options = self.options
            endpoint = (urlsplit(options.archive_api).hostname or "").lower()
            trusted = Transport(
                options.allow_private_hosts, 2, options.user_agent, options.max_body, frozenset({endpoint})
            )
            hops = Transport(
                options.allow_private_hosts, 2, options.user_agent, options.max_body, options.allowed_hosts
            )
            self._transports = (trusted, hops)
        return self._transports

    def close(self) -> None:
        if self._transports is not None:
            for t in self._transports:
                t.close()

    def _ask(self, url: str, timestamp: str) -> Snapshot | None:
        """The API's closest capture to ``timestamp`` (cached), or None."""
        key = f"{self.options.archive_api}|{url}|{timestamp}"
        if self.cache is not None:
            found, answer = self.cache.get_archive(key, self.options.archive_max_age)
            if found:
                snap = Snapshot.from_json(answer)
                if snap is not None or answer is None:
                    return snap
        if self.unavailable or self._stage_over():
            return None
        data = self._request({"url": url, "timestamp": timestamp})
        if data is None:
            return None
        snap = _closest(data)
        if self.cache is not None:
            self.cache.put_archive(key, snap.__dict__ if snap else None)
        return snap

    def _stage_over(self) -> bool:
        over = self.stage_deadline is not None and time.monotonic() >= self.stage_deadline
        self.out_of_time = self.out_of_time or over
        return over

    def _deadline(self) -> float:
        at = time.monotonic() + self.options.timeout
        return at if self.stage_deadline is None else min(at, self.stage_deadline)

    def _get(self, api_url: str) -> Answer | Failure:
        """GET the API URL, following a few redirects; only the first request is trusted."""
        from refcheck.links.errors import Failure
        from refcheck.links.transport import Answer

        endpoint, hops = self._clients()
        deadline = self._deadline()
        got = endpoint.request("GET", api_url, deadline, read_body=True)
        current = api_url
        for _ in range(5):
            if not isinstance(got, Answer) or got.status not in REDIRECTS:
                return got
            location = got.headers.get("location")
            if not location:
                return got
            try:
                current = urljoin(current, location.strip())
                scheme = urlsplit(current).scheme.lower()
            except ValueError:
                return Failure("invalid-redirect", "the archive API redirects to an invalid URL")
            if scheme not in FETCHED_SCHEMES:
                return Failure("redirect-not-http", f"the archive API redirects to {current}")
            got = hops.request("GET", current, deadline, read_body=True)
        return got

    def _request(self, params: dict[str, str]) -> Any:
        from refcheck.links.errors import Failure

        sep = "&" if "?" in self.options.archive_api else "?"
        api_url = self.options.archive_api + sep + urlencode(params)
        for attempt in range(3):
            with self._lock:  # one request at a time, spaced archive_interval apart
                wait = self._next - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                self.requests += 1
                try:
                    got = self._get(api_url)
                finally:
                    self._next = time.monotonic() + self.options.archive_interval
                if isinstance(got, Failure):
                    if got.state is LinkState.SKIPPED:
                        self.unavailable = (
                            f"the archive API redirected to a non-public address ({got.detail})"
                        )
                    else:
                        self.unavailable = f"the archive API could not be reached ({got.reason})"
                    return None
                if got.status == 429 and attempt < 2:
                    pause = retry_after(got.headers)
                    self._next += min(
                        pause if pause is not None else 5.0 * (attempt + 1), self.options.max_retry_wait
                    )
                    continue
            if got.status != 200 or got.body is None:
                return None
            try:
                return json.loads(got.body)
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
    url = str(closest["url"])
    if _scheme(url) not in FETCHED_SCHEMES:
        return None  # only http(s) archive URLs are suggested or fetched
    return Snapshot(url, str(closest.get("timestamp", "")), str(status) if status else None)


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return ""
