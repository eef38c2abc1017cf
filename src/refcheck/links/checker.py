"""Check URLs over HTTP: GET (the body read only when it is an HTML page, capped), redirects followed
one hop at a time, each hop through the safety checks.

Requests go through one ``AsyncTransport`` (aio.py: connections vetted by ``safety``) on one event
loop, at most ``max_concurrency`` URLs at once and at most ``per_host`` at once on one host (the host
connected to: user-info and spelling variants of one host share its limit). The checking is written
as coroutines; ``fetch``, ``check``, ``read`` and ``check_many`` run them on the checker's own loop,
for callers that are not coroutines. Each URL has one deadline for all of it (every hop, headers
and bodies, retries and their waits); the run has one for the link stage. After a few hosts fail
for lack of network while none answers, one probe tells whether the network is there at all; if it
is not, the remaining URLs are not tried.
"""

from __future__ import annotations

import asyncio
import functools
import re
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Coroutine, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from refcheck.links import safety, soft404
from refcheck.links.aio import AsyncTransport
from refcheck.links.errors import Failure
from refcheck.links.options import LinkOptions, host_port
from refcheck.links.page import PageInfo, read_page
from refcheck.links.policy import Policy
from refcheck.links.protocol import (
    FETCHED_SCHEMES,
    NETWORK_REASONS,
    NETWORK_UNAVAILABLE,
    PERMANENT,
    REDIRECTS,
    RETRY_STATUS,
    STAGE_TIMEOUT,
    Progress,
    retry_after,
)
from refcheck.links.results import Hop, LinkResult, LinkState
from refcheck.links.safety import canonical_host
from refcheck.links.transport import Answer

T = TypeVar("T")

EVIDENCE = ("server", "cf-mitigated", "cf-ray", "retry-after", "content-type", "location", "x-cache")
_CHALLENGE = re.compile(
    rb"cf-chl|challenge-platform|<title>\s*(?:just a moment|attention required|access denied)"
    rb"|captcha|are you a robot|verify you are human",
    re.I,
)


@dataclass
class Stats:
    requests: int = 0
    answers: int = 0  # requests that got an HTTP answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, answered: bool) -> None:
        with self.lock:
            self.requests += 1
            self.answers += answered


_HEAD_END = re.compile(rb"</head\s*>", re.I)
_H1_END = re.compile(rb"</h1\s*>", re.I)
PAGE_READ = 64 * 1024  # with the head read, this much of a page is enough when it has no <h1>


def enough_of_page(body: bytes) -> bool:
    """Whether what was read of a page holds what the checker wants (the head's titles and the first
    heading), so the rest need not be downloaded."""
    head = _HEAD_END.search(body)
    if head is None:
        return False
    return len(body) >= PAGE_READ or _H1_END.search(body, head.end()) is not None


@functools.lru_cache(maxsize=8192)  # asked for each request and probe of a URL: split it once
def host_of(url: str) -> str:
    """The host a URL connects to, as the per-host limit counts it."""
    return canonical_host(url)


class Deadline:
    """When one URL's time is up; time spent queueing for a host's slot is not the URL's own."""

    __slots__ = ("at",)

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        return self.at - time.monotonic()


class Network:
    """Is there a network at all? Unknown until an answer arrives (up) or, after ``threshold`` hosts
    failed for lack of network while none answered, one probe decides (meanwhile no new URL is
    started)."""

    def __init__(self, options: LinkOptions) -> None:
        self.threshold = max(1, options.network_failures)
        self.timeout = min(options.timeout, 5.0)
        probe = options.network_probe
        if probe is None:
            self.target = host_port(options.archive_api)
        else:
            host, _, port = probe.rpartition(":")
            self.target = (host.strip("[]"), int(port)) if host and port.isdigit() else None
        self.state = "unknown"  # unknown | probing | up | down
        self._failed: set[str] = set()
        self._lock = threading.Lock()
        self._settled = threading.Event()

    @property
    def down(self) -> bool:
        return self.state == "down"

    def answered(self) -> None:
        with self._lock:
            self.state = "up"
        self._settled.set()

    def failed(self, host: str, reason: str) -> None:
        if reason not in NETWORK_REASONS:
            return
        with self._lock:
            if self.state != "unknown":
                return
            self._failed.add(host)
            if len(self._failed) < self.threshold:
                return
            self.state = "probing"
        self._run_probe()

    def wait(self) -> None:
        """Before a new URL: while the probe runs, wait for its verdict."""
        if self.state == "probing":
            self._settled.wait(self.timeout + 1.0)

    def probe(self) -> bool:
        """Decide now (when too few hosts failed to have asked before); True when the network is up."""
        with self._lock:
            if self.state != "unknown":
                return self.state == "up"
            self.state = "probing"
        return self._run_probe()

    def _run_probe(self) -> bool:
        """Connect (no request sent) to the probe target; the network is down when that fails too."""
        up = False
        if self.target is not None:
            host, port = self.target
            try:
                infos = safety.resolve(host, port, 0, socket.SOCK_STREAM)
                for family, socktype, proto, _name, sockaddr in infos:
                    try:
                        with socket.socket(family, socktype, proto) as s:
                            s.settimeout(self.timeout)
                            s.connect(sockaddr)
                        up = True
                        break
                    except OSError:
                        continue
            except OSError:
                up = False
        with self._lock:
            if self.state == "probing":  # an answer that came meanwhile wins
                self.state = "up" if up else "down"
            result = self.state == "up"
        self._settled.set()
        return result


class Checker:
    """Checks URLs; one instance per run (it holds the connections, limits and probes)."""

    def __init__(self, options: LinkOptions, stage_deadline: float | None = None) -> None:
        self.options = options
        self.stats = Stats()
        self.network = Network(options)
        self.stage_deadline = stage_deadline
        if stage_deadline is None and options.stage_timeout > 0:
            self.stage_deadline = time.monotonic() + options.stage_timeout
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._host_next: dict[str, float] = defaultdict(float)
        self._probes: dict[str, _ProbeAnswer | None] = {}
        self._probe_locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.policy = Policy(options)
        self.transport = AsyncTransport(
            options.allow_private_hosts,
            options.max_concurrency + options.per_host,
            options.user_agent,
            options.max_body,
            options.allowed_hosts,
        )
        self._loop: asyncio.AbstractEventLoop | None = None

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine of this checker to its end on the checker's loop (made at first use).
        Called where another event loop is running (a notebook, an async caller of the API), the
        checker's loop runs in a thread of its own meanwhile: one thread cannot run two loops."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        loop = self._loop
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # none: the usual case
            return loop.run_until_complete(coro)
        out: list[T] = []
        error: list[BaseException] = []

        def run() -> None:
            try:
                out.append(loop.run_until_complete(coro))
            except BaseException as exc:  # handed to the caller's thread
                error.append(exc)

        thread = threading.Thread(target=run, name="refcheck-links")
        thread.start()
        thread.join()
        if error:
            raise error[0]
        return out[0]

    def close(self) -> None:
        if self._loop is not None:
            self._run(self._aclose())
            self._loop.close()
            self._loop = None

    async def _aclose(self) -> None:
        loop = asyncio.get_running_loop()
        left = [t for t in asyncio.all_tasks(loop) if t is not asyncio.current_task()]
        for task in left:  # (an interrupted run's workers)
            task.cancel()
        await asyncio.gather(*left, return_exceptions=True)
        await self.transport.aclose()
        await loop.shutdown_default_executor()

    # --- limits --------------------------------------------------------------------------------------

    def _slot(self, host: str) -> asyncio.Semaphore:
        slot = self._host_slots.get(host)
        if slot is None:
            slot = self._host_slots[host] = asyncio.Semaphore(self.options.per_host)
        return slot

    async def _polite_wait(self, host: str) -> None:
        delay = self.options.host_delay
        if delay <= 0:
            return
        now = time.monotonic()
        start = max(now, self._host_next[host])
        self._host_next[host] = start + delay
        if start > now:
            await asyncio.sleep(start - now)

    def stage_over(self) -> bool:
        return self.stage_deadline is not None and time.monotonic() >= self.stage_deadline

    # --- one request ---------------------------------------------------------------------------------

    def fetch(
        self, method: str, url: str, deadline: Deadline, read_body: bool | None = None, whole: bool = False
    ) -> Answer | Failure:
        """One request, no redirects followed (see ``Transport.request``)."""
        return self._run(self.afetch(method, url, deadline, read_body, whole))

    async def afetch(
        self, method: str, url: str, deadline: Deadline, read_body: bool | None = None, whole: bool = False
    ) -> Answer | Failure:
        host = host_of(url)
        queued = time.monotonic()
        async with self._slot(host):
            await self._polite_wait(host)
            deadline.at += time.monotonic() - queued  # waiting for the host's turn is not the URL's time
            at = deadline.at if self.stage_deadline is None else min(deadline.at, self.stage_deadline)
            result = await self.transport.request(
                method, url, at, read_body, None if whole else enough_of_page
            )
        answered = isinstance(result, Answer)
        self.stats.count(answered)
        if answered:
            self.network.answered()
        else:
            assert isinstance(result, Failure)
            if result.reason in NETWORK_REASONS and self.network.state == "unknown":
                # may probe the network (a blocking connect): off the loop
                await asyncio.to_thread(self.network.failed, host, result.reason)
        return result

    async def _network_wait(self) -> None:
        if self.network.state == "probing":
            await asyncio.to_thread(self.network.wait)

    async def fetch_with_retries(self, method: str, url: str, deadline: Deadline) -> Answer | Failure:
        """``fetch``, tried again after 429, 5xx, timeouts and resets while the URL has time left,
        honouring Retry-After up to ``max_retry_wait``."""
        opts = self.options
        result: Answer | Failure = Failure("error", "not tried")
        for attempt in range(opts.retries + 1):
            result = await self.afetch(method, url, deadline)
            wait: float | None = None
            if isinstance(result, Answer):
                accepted = opts.accept is not None and result.status in opts.accept
                if result.status not in RETRY_STATUS or accepted:
                    return result
                wait = retry_after(result.headers)
                if wait is not None and wait > opts.max_retry_wait:
                    return result  # asked to come back later than we wait: report it as it stands
            elif not result.retry or self.network.down:
                return result
            if attempt == opts.retries:
                break
            pause = wait if wait is not None else opts.backoff * 2**attempt
            if pause >= deadline.left() - 0.05 or self.stage_over():
                break  # no time left for another try
            await asyncio.sleep(pause)
        return result

    # --- one URL -------------------------------------------------------------------------------------

    def precheck(self, url: str, now: float) -> LinkResult | None:
        """The result of a URL that is not fetched at all (scheme, --exclude, a local address)."""
        return self.policy.result(url, now)

    def check(self, url: str) -> LinkResult:
        return self._run(self.acheck(url))

    async def acheck(self, url: str, prechecked: bool = False) -> LinkResult:
        """``prechecked``: the caller has found ``precheck`` None for ``url`` (the same policy)."""
        now = time.time()
        early = None if prechecked else self.precheck(url, now)
        if early is not None:
            return early
        await self._network_wait()
        if self.network.down:
            return not_checked(url, NETWORK_UNAVAILABLE, now)
        if self.stage_over():
            return not_checked(url, STAGE_TIMEOUT, now)
        deadline = Deadline(self.options.timeout)
        result = await self._follow(url, deadline, now)
        if result.reason == "timeout" and self.stage_over():
            result.reason, result.detail = STAGE_TIMEOUT, _STAGE_DETAIL
        return result

    def read(self, url: str) -> LinkResult:
        """A page read for what it says (an archived snapshot): redirects followed, no soft-404
        probe; the same safety checks as any cited URL."""
        return self._run(self.aread(url))

    async def aread(self, url: str) -> LinkResult:
        now = time.time()
        early = self.precheck(url, now)
        if early is not None:
            return early
        return await self._follow(url, Deadline(self.options.timeout), now, probe=False)

    async def _follow(self, url: str, deadline: Deadline, now: float, probe: bool = True) -> LinkResult:
        chain: list[Hop] = []
        seen = {url}
        current = url
        for _ in range(self.options.max_redirects + 1):
            answer = await self.fetch_with_retries("GET", current, deadline)
            if isinstance(answer, Failure):
                return answer.result(url, current, chain, now)
            location = answer.headers.get("location")
            if answer.status in REDIRECTS and location:
                chain.append(Hop(current, answer.status))
                try:
                    nxt = urljoin(current, location.strip())
                    scheme = urlsplit(nxt).scheme.lower()
                except ValueError:
                    return self._result(
                        url, answer, chain, now, LinkState.UNVERIFIED, "invalid-redirect",
                        f"redirects to an invalid URL: {location.strip()[:200]}",
                    )  # fmt: skip
                if scheme not in FETCHED_SCHEMES:
                    return self._result(
                        url, answer, chain, now, LinkState.UNVERIFIED, "redirect-not-http",
                        f"redirects to {nxt}", final=nxt,
                    )  # fmt: skip
                if nxt in seen:
                    return self._result(
                        url, answer, chain, now, LinkState.DEAD, "redirect-loop",
                        f"redirects back to {nxt}", final=nxt,
                    )  # fmt: skip
                seen.add(nxt)
                current = nxt
                continue
            return await self.classify(url, answer, chain, now, probe)
        return LinkResult(
            url,
            LinkState.UNVERIFIED,
            reason="too-many-redirects",
            detail=f"more than {self.options.max_redirects} redirects",
            redirects=chain,
            final_url=current,
            checked_at=now,
        )

    def _result(
        self,
        url: str,
        answer: Answer,
        chain: list[Hop],
        now: float,
        state: LinkState,
        reason: str | None,
        detail: str | None,
        final: str | None = None,
    ) -> LinkResult:
        evidence = {k: answer.headers[k] for k in EVIDENCE if k in answer.headers}
        return LinkResult(
            url,
            state,
            http_status=answer.status,
            final_url=final or answer.url,
            reason=reason,
            detail=detail,
            redirects=chain,
            evidence=evidence,
            checked_at=now,
        )

    async def classify(
        self, url: str, answer: Answer, chain: list[Hop], now: float, probe: bool = True
    ) -> LinkResult:
        """The state of the URL from the last answer in its redirect chain."""
        status = answer.status
        accept = self.options.accept
        ok = status in accept if accept is not None else 200 <= status < 300
        if ok:
            return await self._alive(url, answer, chain, now, probe)
        if 200 <= status < 300:
            return self._result(
                url, answer, chain, now, LinkState.UNVERIFIED, "not-accepted",
                f"HTTP {status} is not in --accept",
            )  # fmt: skip
        if status in (404, 410):
            reason = "not-found" if status == 404 else "gone"
            return self._result(url, answer, chain, now, LinkState.DEAD, reason, f"HTTP {status}")
        if self._challenge(answer):
            return self._result(
                url, answer, chain, now, LinkState.UNVERIFIED, "bot-challenge",
                f"HTTP {status}: the site answered with a bot challenge",
            )  # fmt: skip
        named = {401: "auth-required", 403: "forbidden", 429: "rate-limited", 999: "bot-blocked"}
        reason = named.get(status) or ("server-error" if status >= 500 else f"http-{status}")
        return self._result(url, answer, chain, now, LinkState.UNVERIFIED, reason, f"HTTP {status}")

    def _challenge(self, answer: Answer) -> bool:
        if answer.headers.get("cf-mitigated", "").lower() == "challenge":
            return True
        return answer.body is not None and bool(_CHALLENGE.search(answer.body[:65536]))

    async def _alive(self, url: str, answer: Answer, chain: list[Hop], now: float, probe: bool) -> LinkResult:
        page: PageInfo | None = None
        if answer.body is not None and answer.is_html:
            page = read_page(answer.text())
        if page is not None and self.options.soft_404 and answer.status == 200:
            heading = soft404.says_not_found(page)
            if heading:
                return self._result(
                    url, answer, chain, now, LinkState.DEAD, "soft-404", f'the page says "{heading}"'
                )
        if answer.headers.get("cf-mitigated") and self._challenge(answer):
            return self._result(
                url, answer, chain, now, LinkState.UNVERIFIED, "bot-challenge", "a bot challenge page"
            )
        if probe and self.options.soft_404 and answer.status == 200 and answer.is_html:
            why = await self._catch_all(url, answer, chain)
            if why:
                return self._result(url, answer, chain, now, LinkState.UNVERIFIED, "catch-all", why)
        if chain and chain[0].status in PERMANENT:
            moved = next((i for i, h in enumerate(chain) if h.status not in PERMANENT), len(chain))
            target = chain[moved].url if moved < len(chain) else answer.url
            result = self._result(
                url, answer, chain, now, LinkState.REDIRECTED, "moved-permanently", f"moved to {target}"
            )
            result.suggested_url = target
        else:
            result = self._result(url, answer, chain, now, LinkState.ALIVE, None, None)
        result.page = page
        return result

    # --- sites that answer every path ----------------------------------------------------------------

    async def _catch_all(self, url: str, answer: Answer, chain: list[Hop]) -> str | None:
        """Why the 200 ``answer`` says nothing about whether ``url`` exists (the site gives a made-up
        path next to it the same page, or sends it to the same place), or None."""
        if _home_page(url):
            return None  # a site's home page answering is all there is to know
        probe = await self._probe(url)
        if probe is None or not 200 <= probe.status < 300:
            return None  # the site answers made-up paths with an error: it reports missing pages honestly
        if chain and probe.final_url == answer.url:
            return f"a made-up path on this site is sent to the same page ({answer.url}), so the answer does not show that this page exists"
        if answer.body is not None and soft404.same_page(probe.probe, answer.text(), answer.url):
            return "the site answers a made-up path with the same page, so the answer does not show that this page exists"
        return None

    async def _probe(self, url: str) -> _ProbeAnswer | None:
        key = soft404.probe_key(url, host_of(url))
        lock = self._probe_locks[key]
        slot = _SLOT.get()
        if lock.locked() and slot is not None:
            # another URL is asking the site's probe; this one has made its own requests: it gives
            # its place to the next URL while it waits (else the pool idles a round trip per site)
            slot.release()
        async with lock:
            if key not in self._probes:
                if slot is not None:
                    await slot.acquire()  # (the other URL's probe broke off: this one asks it)
                self._probes[key] = await self._ask_probe(url)
            return self._probes[key]

    async def _ask_probe(self, url: str) -> _ProbeAnswer | None:
        current = soft404.sibling_url(url)
        if current is None:
            return None
        deadline = Deadline(self.options.timeout)
        for _ in range(5):  # a few redirects: made-up paths are often sent to the home page
            got = await self.afetch("GET", current, deadline, read_body=True)
            if not isinstance(got, Answer):
                return None
            location = got.headers.get("location")
            if got.status in REDIRECTS and location:
                try:
                    current = urljoin(current, location.strip())
                    if urlsplit(current).scheme.lower() not in FETCHED_SCHEMES:
                        return None
                except ValueError:
                    return None
                continue
            return _ProbeAnswer(got.status, current, soft404.make_probe(got.status, got.text(), current))
        return None

    # --- many URLs -----------------------------------------------------------------------------------

    def check_many(
        self,
        urls: Iterable[str],
        progress: Progress | None = None,
        on_result: Callable[[str, LinkResult], None] | None = None,
        prechecked: bool = False,
    ) -> dict[str, LinkResult]:
        """Results for each distinct URL, checked in a pool; hosts interleaved so no host hogs it.
        ``on_result(url, result)`` is called (in this thread) as each URL is done; a URL checked
        again, once the network came back, is reported again. ``prechecked``: the caller has
        found ``precheck`` None for every URL (so each is not judged again in the pool)."""
        order = interleave_by_host(list(dict.fromkeys(urls)))
        results: dict[str, LinkResult] = {}
        total = len(order)
        if progress:
            progress(0, total)
        if not order:
            return results
        self._run(self._pool(order, results, progress, total, on_result, prechecked))
        if self.network.state == "unknown":
            tried = [r for r in results.values() if r.status is not LinkState.SKIPPED]
            if tried and self.stats.answers == 0 and all(r.reason in NETWORK_REASONS for r in tried):
                self.network.probe()  # too few hosts to have asked before: ask now
        if self.network.state == "up":
            # an answer came after the network was given up for lost: check what was passed over
            again = [u for u, r in results.items() if r.reason == NETWORK_UNAVAILABLE]
            if again:
                self._run(self._pool(again, results, None, total, on_result, prechecked))
        return results

    async def _pool(
        self,
        urls: list[str],
        results: dict[str, LinkResult],
        progress: Progress | None,
        total: int,
        on_result: Callable[[str, LinkResult], None] | None = None,
        prechecked: bool = False,
    ) -> None:
        """``max_concurrency`` workers, each taking the next URL in order until none is left. A
        worker holds a place while its URL makes requests; one that gives its place up (``_probe``)
        ends after its URL, and a new worker takes the place at once."""
        todo = iter(urls)
        places = asyncio.Semaphore(min(self.options.max_concurrency, len(urls)))
        running: set[asyncio.Task[None]] = set()

        def spawn() -> None:
            task = asyncio.create_task(worker())
            running.add(task)
            task.add_done_callback(running.discard)

        async def worker() -> None:
            await places.acquire()
            slot = _Slot(places, spawn)
            _SLOT.set(slot)
            for url in todo:
                try:
                    results[url] = await self.acheck(url, prechecked)
                except Exception as exc:  # a bug must not lose the other results
                    results[url] = LinkResult(
                        url,
                        LinkState.UNVERIFIED,
                        reason="error",
                        detail=f"internal error: {type(exc).__name__}: {exc}"[:300],
                        checked_at=time.time(),
                    )
                if on_result:
                    on_result(url, results[url])
                if progress:
                    progress(len(results), total)
                if not slot.held:
                    return  # its place went to another worker
            slot.release(replace=False)

        for _ in range(min(self.options.max_concurrency, len(urls))):
            spawn()
            # one turn of the loop per worker: each goes out as soon as its connection is made,
            # instead of the first request waiting for all 64 workers to have set out (~13 ms)
            await asyncio.sleep(0)
        while running:
            await asyncio.gather(*running)


class _Slot:
    """A worker's place in the pool (see ``Checker._pool``)."""

    __slots__ = ("held", "places", "spawn")

    def __init__(self, places: asyncio.Semaphore, spawn: Callable[[], None]) -> None:
        self.places = places
        self.spawn = spawn
        self.held = True

    def release(self, replace: bool = True) -> None:
        """Give the place up; ``replace``: to a new worker, which goes on with the next URLs."""
        if self.held:
            self.held = False
            self.places.release()
            if replace:
                self.spawn()

    async def acquire(self) -> None:
        """Take a place again (and keep working as a worker)."""
        if not self.held:
            await self.places.acquire()
            self.held = True


_SLOT: ContextVar[_Slot | None] = ContextVar("refcheck_link_slot", default=None)


_HOME = re.compile(r"/*(?:(?:index|default|home)(?:\.\w{1,5})?)?", re.I)


def _home_page(url: str) -> bool:
    """Whether ``url`` names a site's home page ("/", "/index.html"), which a site may well send
    elsewhere along with every unknown path."""
    try:
        return _HOME.fullmatch(urlsplit(url).path) is not None
    except ValueError:
        return False


@dataclass(frozen=True)
class _ProbeAnswer:
    status: int
    final_url: str
    probe: soft404.Probe


_STAGE_DETAIL = "not checked: the link stage ran out of time (--links-timeout)"


def not_checked(url: str, reason: str, now: float) -> LinkResult:
    detail = "no network: nothing resolved or connected" if reason == NETWORK_UNAVAILABLE else _STAGE_DETAIL
    return LinkResult(url, LinkState.UNVERIFIED, reason=reason, detail=detail, checked_at=now)


def interleave_by_host(urls: list[str]) -> list[str]:
    """Round-robin over hosts: a, b, c, a, b, c ... instead of a, a, a, b, b, b."""
    queues: dict[str, deque[str]] = defaultdict(deque)
    for u in urls:
        queues[host_of(u)].append(u)
    out: list[str] = []
    while queues:
        for host in list(queues):
            out.append(queues[host].popleft())
            if not queues[host]:
                del queues[host]
    return out
