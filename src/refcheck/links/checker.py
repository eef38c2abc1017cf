"""Check URLs over HTTP: HEAD first, GET when HEAD is refused, redirects followed one hop at a time.

Requests go through pooled per-thread ``requests.Session`` objects, at most ``max_concurrency`` at
once and at most ``per_host`` at once on one host. Every hop opens its connection through the
safety adapter (``safety.py``), so a redirect to a private address is refused like a direct link.
"""

from __future__ import annotations

import email.utils
import re
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from requests.structures import CaseInsensitiveDict

from refcheck.links import soft404
from refcheck.links.errors import Failure, classify_exception
from refcheck.links.options import LinkOptions
from refcheck.links.results import Hop, LinkResult, LinkState
from refcheck.links.safety import FETCHED_SCHEMES, adapter

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
EVIDENCE = ("server", "cf-mitigated", "cf-ray", "retry-after", "content-type", "location", "x-cache")
_CHALLENGE = re.compile(
    rb"cf-chl|challenge-platform|<title>\s*(?:just a moment|attention required|access denied)"
    rb"|captcha|are you a robot|verify you are human",
    re.I,
)

Progress = Callable[[int, int], None]


@dataclass
class Answer:
    """An HTTP response as far as the checker needs it (the body only for GET, capped)."""

    url: str
    method: str
    status: int
    headers: CaseInsensitiveDict[str]
    body: bytes | None = None

    def text(self) -> str:
        if self.body is None:
            return ""
        return self.body.decode("utf-8", "replace")


@dataclass
class Stats:
    requests: int = 0
    answers: int = 0  # requests that got an HTTP answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, answered: bool) -> None:
        with self.lock:
            self.requests += 1
            self.answers += answered


def retry_after(headers: CaseInsensitiveDict[str]) -> float | None:
    value = headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


class Checker:
    """Checks URLs; one instance per run (it holds the sessions and the per-host limits)."""

    def __init__(self, options: LinkOptions) -> None:
        self.options = options
        self.stats = Stats()
        self._lock = threading.Lock()
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._host_next: dict[str, float] = defaultdict(float)
        self._probes: dict[str, soft404.Probe | None] = {}
        self._probe_locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._exclude = [re.compile(p) for p in options.exclude]
        self._session = self._make_session()

    # --- sessions and politeness -------------------------------------------------------------------

    def _make_session(self) -> requests.Session:
        """One Session for the run; its adapter's connection pools (thread-safe) serve every worker."""
        s = requests.Session()
        s.trust_env = False  # no environment proxies: the safety check must see the real address
        pool = self.options.max_concurrency + self.options.per_host
        a = adapter(self.options.allow_private_hosts, pool, self.options.allowed_hosts)
        s.mount("http://", a)
        s.mount("https://", a)
        s.headers["User-Agent"] = self.options.user_agent
        s.headers["Accept"] = "text/html,application/xhtml+xml,*/*;q=0.8"
        return s

    def close(self) -> None:
        self._session.close()

    def _send(self, method: str, url: str) -> requests.Response:
        """The request through the session's adapter: no cookie jar, hooks or environment merging,
        which cost more CPU than the request itself when thousands of URLs are checked."""
        prep = requests.PreparedRequest()
        prep.prepare(method=method, url=url, headers=self._session.headers)
        return self._session.get_adapter(url).send(prep, stream=True, timeout=self.options.timeout)

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            slot = self._host_slots.get(host)
            if slot is None:
                slot = self._host_slots[host] = threading.BoundedSemaphore(self.options.per_host)
            return slot

    def _polite_wait(self, host: str) -> None:
        delay = self.options.host_delay
        if delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._host_next[host])
            self._host_next[host] = start + delay
        if start > now:
            time.sleep(start - now)

    # --- one request ---------------------------------------------------------------------------------

    def fetch(self, method: str, url: str) -> Answer | Failure:
        """One request, no redirects followed; GET bodies read up to ``max_body`` bytes."""
        host = host_of(url)
        with self._slot(host):
            self._polite_wait(host)
            try:
                resp = self._send(method, url)
            except Exception as exc:  # every network error becomes a result, never a traceback
                self.stats.count(False)
                return classify_exception(exc)
            reuse = False
            try:
                body = None
                if method == "GET":
                    body, reuse = self._read_body(resp)
                else:
                    resp.raw.drain_conn()  # no body: the connection goes back to the pool
                    reuse = True
                return Answer(url, method, resp.status_code, resp.headers, body)
            except Exception as exc:
                return classify_exception(exc)
            finally:
                if reuse:
                    resp.raw.release_conn()
                else:
                    resp.close()  # a body left unread: drop the connection rather than read it all
                self.stats.count(True)

    def _read_body(self, resp: requests.Response) -> tuple[bytes, bool]:
        """Up to ``max_body`` bytes of the body, and whether all of it was read."""
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_content(16384):
            chunks.append(chunk)
            size += len(chunk)
            if size >= self.options.max_body:
                return b"".join(chunks)[: self.options.max_body], False
        return b"".join(chunks), True

    def fetch_with_retries(self, method: str, url: str) -> Answer | Failure:
        """``fetch``, tried again after 429, 5xx, timeouts and resets, honouring Retry-After."""
        opts = self.options
        result: Answer | Failure = Failure("error", "not tried")
        for attempt in range(opts.retries + 1):
            result = self.fetch(method, url)
            if isinstance(result, Answer):
                accepted = opts.accept is not None and result.status in opts.accept
                if result.status not in RETRY_STATUS or accepted:
                    return result
                wait = retry_after(result.headers)
                if wait is not None and wait > opts.max_retry_wait:
                    return result  # asked to come back later than we wait: report it as it stands
            elif not result.retry:
                return result
            else:
                wait = None
            if attempt == opts.retries:
                break
            time.sleep(wait if wait is not None else opts.backoff * 2**attempt)
        return result

    def hop(self, url: str) -> Answer | Failure:
        """HEAD, then GET when HEAD is refused or unreliable (any 4xx/5xx other than 429)."""
        head = self.fetch_with_retries("HEAD", url)
        if isinstance(head, Answer) and (head.status < 400 or head.status == 429):
            return head
        if isinstance(head, Failure) and head.reason not in ("connection-reset", "error"):
            return head
        return self.fetch_with_retries("GET", url)

    # --- one URL -------------------------------------------------------------------------------------

    def check(self, url: str) -> LinkResult:
        now = time.time()
        scheme = urlsplit(url).scheme.lower()
        if scheme not in FETCHED_SCHEMES:
            return LinkResult(
                url,
                LinkState.SKIPPED,
                reason="not-http",
                detail=f"{scheme}: links are not fetched",
                checked_at=now,
            )
        for pattern in self._exclude:
            if pattern.search(url):
                return LinkResult(
                    url,
                    LinkState.SKIPPED,
                    reason="excluded",
                    detail=f"matches --exclude {pattern.pattern!r}",
                    checked_at=now,
                )
        chain: list[Hop] = []
        seen = {url}
        current = url
        for _ in range(self.options.max_redirects + 1):
            answer = self.hop(current)
            if isinstance(answer, Failure):
                return answer.result(url, current, chain, now)
            location = answer.headers.get("location")
            if answer.status in REDIRECTS and location:
                chain.append(Hop(current, answer.status))
                nxt = urljoin(current, location.strip())
                if urlsplit(nxt).scheme.lower() not in FETCHED_SCHEMES:
                    return self._result(
                        url,
                        answer,
                        chain,
                        now,
                        LinkState.UNVERIFIED,
                        "redirect-not-http",
                        f"redirects to {nxt}",
                        final=nxt,
                    )
                if nxt in seen:
                    return self._result(
                        url,
                        answer,
                        chain,
                        now,
                        LinkState.DEAD,
                        "redirect-loop",
                        f"redirects back to {nxt}",
                        final=nxt,
                    )
                seen.add(nxt)
                current = nxt
                continue
            return self.classify(url, answer, chain, now)
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

    def classify(self, url: str, answer: Answer, chain: list[Hop], now: float) -> LinkResult:
        """The state of the URL from the last answer in its redirect chain."""
        status = answer.status
        accept = self.options.accept
        ok = status in accept if accept is not None else 200 <= status < 300
        if ok:
            return self._alive(url, answer, chain, now)
        if 200 <= status < 300:
            return self._result(
                url,
                answer,
                chain,
                now,
                LinkState.UNVERIFIED,
                "not-accepted",
                f"HTTP {status} is not in --accept",
            )
        if status in (404, 410):
            reason = "not-found" if status == 404 else "gone"
            return self._result(url, answer, chain, now, LinkState.DEAD, reason, f"HTTP {status}")
        if self._challenge(answer):
            return self._result(
                url,
                answer,
                chain,
                now,
                LinkState.UNVERIFIED,
                "bot-challenge",
                f"HTTP {status}: the site answered with a bot challenge",
            )
        named = {401: "auth-required", 403: "forbidden", 429: "rate-limited", 999: "bot-blocked"}
        reason = named.get(status) or ("server-error" if status >= 500 else f"http-{status}")
        return self._result(url, answer, chain, now, LinkState.UNVERIFIED, reason, f"HTTP {status}")

    def _challenge(self, answer: Answer) -> bool:
        if answer.headers.get("cf-mitigated", "").lower() == "challenge":
            return True
        return answer.body is not None and bool(_CHALLENGE.search(answer.body[:65536]))

    def _alive(self, url: str, answer: Answer, chain: list[Hop], now: float) -> LinkResult:
        soft = self._soft_404(answer) if self.options.soft_404 and answer.status == 200 else None
        if soft:
            return self._result(url, answer, chain, now, LinkState.DEAD, "soft-404", soft)
        if answer.body is not None and self._challenge(answer) and answer.headers.get("cf-mitigated"):
            return self._result(
                url, answer, chain, now, LinkState.UNVERIFIED, "bot-challenge", "a bot challenge page"
            )
        if chain and chain[0].status in PERMANENT:
            moved = next((i for i, h in enumerate(chain) if h.status not in PERMANENT), len(chain))
            target = chain[moved].url if moved < len(chain) else answer.url
            result = self._result(
                url, answer, chain, now, LinkState.REDIRECTED, "moved-permanently", f"moved to {target}"
            )
            result.suggested_url = target
            return result
        return self._result(url, answer, chain, now, LinkState.ALIVE, None, None)

    def _soft_404(self, answer: Answer) -> str | None:
        """Why the 200 ``answer`` is a soft 404, or None."""
        if answer.body is not None:
            heading = soft404.says_not_found(answer.text())
            if heading:
                return f'the page says "{heading}"'
        if not self._is_html(answer):
            return None
        probe = self._probe(answer.url)
        if probe is None or not 200 <= probe.status < 300:
            return None  # the host answers garbage paths with an error: it reports missing pages honestly
        page = answer
        if page.body is None:
            got = self.fetch_with_retries("GET", answer.url)
            if not isinstance(got, Answer) or got.status != 200:
                return None
            page = got
            heading = soft404.says_not_found(page.text())
            if heading:
                return f'the page says "{heading}"'
        if soft404.same_page(probe, page.text(), page.url):
            return "a made-up path on the same site returns the same page"
        return None

    @staticmethod
    def _is_html(answer: Answer) -> bool:
        ctype = answer.headers.get("content-type", "").lower()
        return not ctype or "html" in ctype

    def _probe(self, url: str) -> soft404.Probe | None:
        key = soft404.probe_key(url)
        with self._probe_locks[key]:
            if key not in self._probes:
                sibling = soft404.sibling_url(url)
                probe = None
                if sibling:
                    got = self.fetch("GET", sibling)
                    if isinstance(got, Answer):
                        probe = soft404.make_probe(got.status, got.text(), sibling)
                self._probes[key] = probe
            return self._probes[key]

    # --- many URLs -----------------------------------------------------------------------------------

    def check_many(self, urls: Iterable[str], progress: Progress | None = None) -> dict[str, LinkResult]:
        """Results for each distinct URL, checked in a pool; hosts interleaved so no host hogs it."""
        order = interleave_by_host(list(dict.fromkeys(urls)))
        results: dict[str, LinkResult] = {}
        total = len(order)
        if progress:
            progress(0, total)
        if not order:
            return results
        workers = min(self.options.max_concurrency, total)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="refcheck-link") as pool:
            futures = {pool.submit(self.check, u): u for u in order}
            for fut in as_completed(futures):
                url = futures[fut]
                try:
                    results[url] = fut.result()
                except Exception as exc:  # a bug must not lose the other results
                    results[url] = LinkResult(
                        url,
                        LinkState.UNVERIFIED,
                        reason="error",
                        detail=f"internal error: {exc}",
                        checked_at=time.time(),
                    )
                if progress:
                    progress(len(results), total)
        return results


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
