"""JSON over HTTP for the registry clients: one shared limiter per host, retries, the cache.

``Registry.fetch(url)`` answers ``(status, data)`` for a 200 or a 404 (data: the parsed JSON, or
None); the clients keep what they read of it with ``store`` and look it up with ``cached``. Anything else (no connection,
a timeout, 429 or 5xx after the retries, a body that is not JSON) raises ``Unavailable``, which the
caller turns into an ``unverified`` verdict, never into "not found".

Politeness: every host has one ``Limiter`` for the whole run, shared by the worker threads. It
spaces the starts of requests by the host's rate (Crossref's ``X-Rate-Limit-Limit`` per
``X-Rate-Limit-Interval``, read from each answer; otherwise ``VerifyOptions.rate``), holds at most
``per_host`` requests in flight, and after a 429 or 503 waits what ``Retry-After`` asks (up to
``max_retry_wait``) before the host is asked again. A host that fails to connect three times in a
row without ever answering is taken as down for the rest of the run: the remaining questions to it
fail at once instead of each waiting for its timeout.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from refcheck import __version__
from refcheck.links.cache import LinkCache
from refcheck.links.errors import Failure
from refcheck.links.options import default_cache_dir
from refcheck.links.transport import Answer, Transport
from refcheck.verify.options import VerifyOptions

DOWN_AFTER = 3  # connection failures in a row, with no answer ever, that take a host as down


class Unavailable(Exception):
    """The registry gave no usable answer (the request failed): the verdict is ``unverified``."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"{host}: {reason}")
        self.host = host
        self.reason = reason


@dataclass
class Limiter:
    """One host's pace: request starts spaced by ``interval``, at most ``slots`` in flight."""

    interval: float
    slots: int
    next_start: float = 0.0
    paused_until: float = 0.0
    failures: int = 0  # connection failures in a row
    answered: bool = False
    down: str | None = None  # why the host is taken as down
    lock: threading.Lock = field(default_factory=threading.Lock)
    sem: threading.Semaphore = field(init=False)

    def __post_init__(self) -> None:
        self.sem = threading.Semaphore(max(1, self.slots))

    def wait_turn(self) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start, self.paused_until)
            self.next_start = start + self.interval
        if start > now:
            time.sleep(start - now)

    def learn(self, headers: Any) -> None:
        """Crossref's budget: ``X-Rate-Limit-Limit: 50``, ``X-Rate-Limit-Interval: 1s``."""
        limit = str(headers.get("x-rate-limit-limit", "")).strip()
        interval = str(headers.get("x-rate-limit-interval", "")).strip()
        m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h)?", interval)
        if not limit.isdigit() or int(limit) < 1 or not m:
            return
        seconds = float(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[m.group(2) or "s"]
        with self.lock:
            self.interval = max(0.0, seconds / int(limit))

    def pause(self, seconds: float) -> None:
        with self.lock:
            self.paused_until = max(self.paused_until, time.monotonic() + seconds)


def retry_after(value: str | None, default: float) -> float:
    if value and value.strip().isdigit():
        return float(value.strip())
    if value:
        from email.utils import parsedate_to_datetime

        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return default


@dataclass
class Stats:
    requests: int = 0
    from_cache: int = 0
    failures: dict[str, str] = field(default_factory=dict)  # host -> the last reason


class Registry:
    """The HTTP side of every registry client of one run (thread-safe)."""

    def __init__(self, options: VerifyOptions) -> None:
        self.options = options
        hosts = frozenset(
            h
            for u in (options.crossref_api, options.openalex_api, options.doi_api)
            if (h := urlsplit(u).hostname)
        )
        # the endpoints are the user's choice (options, environment), not the document's: fetched
        # whatever address they resolve to (the tests' fakes are on loopback)
        self.transport = Transport(
            allow_private=False,
            pool_size=max(4, options.per_host),
            user_agent=self.user_agent(),
            max_body=options.max_body,
            allowed_hosts=hosts,
        )
        self.transport.headers["Accept"] = "application/json"
        self.limiters: dict[str, Limiter] = {}
        self.lock = threading.Lock()
        self.stats = Stats()
        self.cache: LinkCache | None = None
        self.cache_problem: str | None = None
        if options.cache:
            cache = LinkCache(options.cache_dir or default_cache_dir())
            if cache.usable:
                self.cache = cache
            else:
                self.cache_problem = cache.problem

    def scope(self, name: str, api: str, default: str) -> str:
        """The prefix of the cache keys of one registry's answers: its name, with the endpoint when
        that is not the registry's own (the answers of a mirror or a local stand-in are never
        reused for the registry itself, nor the other way round)."""
        return name if api == default else f"{name}@{api}"

    def user_agent(self) -> str:
        contact = f"; mailto:{self.options.mailto}" if self.options.mailto else ""
        return f"refcheck/{__version__} (reference verification{contact})"

    def close(self) -> None:
        self.transport.close()
        if self.cache is not None:
            if self.cache.problem and not self.cache_problem:
                self.cache_problem = self.cache.problem
            self.cache.close()

    def limiter(self, host: str, rate: float | None = None) -> Limiter:
        with self.lock:
            lim = self.limiters.get(host)
            if lim is None:
                rate = rate or self.options.rate
                lim = self.limiters[host] = Limiter(1.0 / max(0.1, rate), self.options.per_host)
            return lim

    def fetch(self, url: str) -> tuple[int, Any]:
        """(200 or 404, the parsed body) for ``url``; ``Unavailable`` otherwise."""
        return self._fetch(url)

    def store(self, key: str, data: Any, found: bool) -> None:
        """Keep an answer (already reduced to what refcheck reads) for ``found_max_age``, or for
        ``not_found_max_age`` when it names no work."""
        if self.cache is not None:
            age = self.options.found_max_age if found else self.options.not_found_max_age
            self.cache.put_registry(key, data, age)

    def cached(self, key: str) -> tuple[bool, Any]:
        if self.cache is None:
            return False, None
        found, answer = self.cache.get_registry(key)
        if found:
            with self.lock:
                self.stats.from_cache += 1
        return found, answer

    def _fetch(self, url: str) -> tuple[int, Any]:
        parts = urlsplit(url)
        host = f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)
        openalex = url.startswith(self.options.openalex_api + "/")
        lim = self.limiter(host, self.options.openalex_rate if openalex else None)
        if lim.down:
            raise Unavailable(host, lim.down)
        opts = self.options
        last = "no answer"
        for attempt in range(opts.retries + 1):
            if lim.down:
                raise Unavailable(host, lim.down)
            with lim.sem:
                lim.wait_turn()
                with self.lock:
                    self.stats.requests += 1
                got = self.transport.request("GET", url, time.monotonic() + opts.timeout, read_body=True)
            if isinstance(got, Failure):
                last = got.reason if not got.detail else f"{got.reason}: {got.detail}"
                with lim.lock:
                    if got.reason != "timeout":
                        lim.failures += 1
                        if lim.failures >= DOWN_AFTER and not lim.answered:
                            lim.down = last
                if lim.down:
                    break
                if attempt < opts.retries:
                    time.sleep(min(opts.max_retry_wait, 0.5 * 2**attempt))
                continue
            with lim.lock:
                lim.failures = 0
                lim.answered = True
            lim.learn(got.headers)
            if got.status in (200, 404):
                return got.status, _json(got, host)
            last = f"HTTP {got.status}"
            if got.status in (429, 503) or 500 <= got.status < 600:
                wait = retry_after(got.headers.get("retry-after"), 0.5 * 2**attempt)
                if wait > opts.max_retry_wait:
                    break  # asked to wait longer than refcheck will: unverified
                lim.pause(wait)
                continue
            break  # 400, 403 ...: the question is refused, not answered
        with self.lock:
            self.stats.failures[host] = last
        raise Unavailable(host, last)


def _json(answer: Answer, host: str) -> Any:
    if answer.body is None or not answer.complete:
        if answer.status == 404:
            return None
        raise Unavailable(host, "the answer was cut short")
    try:
        return json.loads(answer.body)
    except (ValueError, RecursionError):
        if answer.status == 404:
            return None  # a plain "Resource not found." (Crossref's 404 body)
        raise Unavailable(host, "the answer is not JSON") from None
