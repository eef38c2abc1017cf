"""HTTP for the link checker: one request, no redirect followed, under a deadline, body capped.

Requests go straight through urllib3 (installed with requests), not through requests: the checker
sends thousands of small requests and needs none of what a requests Session adds per call (URL
re-preparation, cookie jars, hooks, environment merging, response wrapping), which cost as much
CPU as the exchange itself on a 2,000-URL document. urllib3 also gives the control the checker
needs: connections made by ``safety`` (vetted address, connected to the address vetted), the raw
body (decompressed here, under a cap on the decompressed size) and the socket (cut at the deadline).

**Deadlines.** Each request carries an absolute deadline (the URL's and the link stage's, whichever
is first). Connect and read timeouts are set to the time left, and a watchdog thread shuts the
socket down when the deadline passes, which ends a read blocked on a server that trickles its
headers or body a byte at a time (each read then returns in time, so read timeouts alone never
fire).
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from refcheck.links.errors import Failure, classify_exception
from refcheck.links.safety import Exchange, pool_manager, set_exchange

if TYPE_CHECKING:
    from urllib3.response import BaseHTTPResponse

GRACE = 0.05  # the watchdog fires this long after a deadline, so a read timeout set to it wins
DRAIN_LIMIT = 64 * 1024  # an unwanted body up to this size is read to keep the connection alive
_CHUNK = 16384


@dataclass
class Answer:
    """An HTTP response as far as the checker needs it (the body only when read, capped)."""

    url: str
    method: str
    status: int
    headers: Mapping[str, str]  # looked up by lower-case name
    body: bytes | None = None
    complete: bool = True  # the whole body was read (False: cut at the cap or the deadline)

    def text(self) -> str:
        if self.body is None:
            return ""
        return self.body.decode(_charset(self.headers.get("content-type", "")), "replace")

    @property
    def is_html(self) -> bool:
        ctype = self.headers.get("content-type", "").lower()
        return not ctype or "html" in ctype


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            name = value.strip("\"' ").lower()
            try:
                "".encode(name)
            except LookupError:
                break
            return name
    return "utf-8"


class Watchdog:
    """One thread that shuts down the sockets of exchanges past their deadline."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Exchange]] = []
        self._cond = threading.Condition()
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None
        self._stopped = False

    def watch(self, ex: Exchange) -> None:
        with self._cond:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="refcheck-watchdog", daemon=True)
                self._thread.start()
            heapq.heappush(self._heap, (ex.deadline + GRACE, next(self._seq), ex))
            if self._heap[0][2] is ex:
                self._cond.notify()  # a new earliest deadline: the thread must wake earlier

    def _run(self) -> None:
        with self._cond:
            while not self._stopped:
                now = time.monotonic()
                while self._heap and (self._heap[0][2].done or self._heap[0][0] <= now):
                    _, _, ex = heapq.heappop(self._heap)
                    if not ex.done:
                        ex.fire()
                wait = self._heap[0][0] - now if self._heap else None
                self._cond.wait(wait)

    def close(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify()


class Transport:
    """Sends one request at a time per calling thread; shared by the checker's worker threads."""

    def __init__(
        self,
        allow_private: bool,
        pool_size: int,
        user_agent: str,
        max_body: int,
        allowed_hosts: frozenset[str] = frozenset(),
    ) -> None:
        self.pm = pool_manager(allow_private, pool_size, allowed_hosts)
        self.max_body = max_body
        self.watchdog = Watchdog()
        self.headers = {
            "User-Agent": user_agent,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Encoding": "gzip, deflate",
        }

    def close(self) -> None:
        self.watchdog.close()
        self.pm.clear()

    def request(
        self,
        method: str,
        url: str,
        deadline: float,
        read_body: bool | None = None,
        enough: Callable[[bytes], bool] | None = None,
    ) -> Answer | Failure:
        """One request; the body of a GET is read (capped) when ``read_body``, or when it is None and
        the answer is HTML and not a 3xx/404/410; otherwise a small body is drained, a large one left."""
        left = deadline - time.monotonic()
        if left <= 0:
            return Failure("timeout", "no time left for this URL")
        from urllib3 import Timeout  # loaded with the pool manager already

        ex = Exchange(deadline)
        set_exchange(ex)
        self.watchdog.watch(ex)
        resp: BaseHTTPResponse | None = None
        reusable = False
        try:
            try:
                resp = self.pm.urlopen(
                    method,
                    url,
                    headers=self.headers,
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    decode_content=False,
                    timeout=Timeout(connect=left, read=left),
                )
            except Exception as exc:  # every network error becomes a result, never a traceback
                if ex.fired:
                    return Failure("timeout", "no answer within the time allowed")
                return classify_exception(exc)
            if ex.fired:
                # the deadline passed while the headers came in: what arrived may be cut short
                return Failure("timeout", "no complete answer within the time allowed")
            answer = Answer(url, method, resp.status, resp.headers)
            try:
                if method == "HEAD":
                    reusable = True
                elif self._wants_body(answer, read_body):
                    answer.body, answer.complete = self._read(resp, enough)
                    reusable = answer.complete
                else:
                    reusable = self._drain(resp)
            except Exception:  # the body broke off (or the deadline cut it): the status stands
                answer.complete = False
                reusable = False
            if ex.fired:
                answer.complete = False  # a body cut by the deadline can look like a short one
            return answer
        finally:
            ex.finish()
            set_exchange(None)
            if resp is not None:
                if not reusable or ex.fired:
                    resp.close()  # a body left unread, or a socket shut down: the connection goes
                resp.release_conn()

    @staticmethod
    def _wants_body(answer: Answer, read_body: bool | None) -> bool:
        if read_body is not None:
            return read_body
        return answer.is_html and answer.status not in (301, 302, 303, 307, 308, 404, 410)

    def _read(
        self, resp: BaseHTTPResponse, enough: Callable[[bytes], bool] | None = None
    ) -> tuple[bytes | None, bool]:
        """Up to ``max_body`` bytes of the decoded body, and whether all of it was read. gzip and
        deflate are decoded here with the output capped, so a small compressed body cannot expand
        past the cap (the rest of the input is never decompressed). ``enough`` (given what was
        read so far) may stop the reading earlier."""
        body = CappedBody(resp.headers.get("content-encoding", ""), self.max_body)
        if not body.readable:
            return None, False  # an encoding not asked for: the body cannot be read
        while True:
            chunk = resp.read(_CHUNK, decode_content=False)
            if not chunk:
                return body.read(), True
            if body.add(chunk):
                return body.cut()
            left = getattr(resp, "length_remaining", None)
            if left == 0:
                continue  # all of it is here: the next read ends it and the connection is reused
            if enough is not None and enough(body.read()):
                return body.read(), False

    @staticmethod
    def _drain(resp: BaseHTTPResponse) -> bool:
        """Read a small unwanted body so the connection can be reused; leave a large one."""
        length = resp.headers.get("content-length", "")
        if not length.isdigit() or int(length) > DRAIN_LIMIT:
            return False
        left = int(length)
        while left > 0:
            chunk = resp.read(min(_CHUNK, left), decode_content=False)
            if not chunk:
                return False
            left -= len(chunk)
        return True


class CappedBody:
    """A response body decoded as it arrives, at most ``cap`` bytes of it (both clients' reader).

    gzip and deflate are decoded here with the output capped, so a small compressed body cannot
    expand past the cap (the rest of the input is never decompressed). ``readable`` is False for an
    encoding that was not asked for."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.encoding = encoding.strip().lower()
        self.cap = cap
        compressed = self.encoding in ("gzip", "x-gzip", "deflate")
        self.readable = compressed or self.encoding in ("", "identity")
        # zlib or gzip header, detected (raw deflate is told from the first chunk: _deflate_decoder)
        self._decoder = zlib.decompressobj(47) if compressed else None
        self._out = bytearray()
        self._raw_seen = 0
        self._cut: tuple[bytes | None, bool] | None = None

    def add(self, chunk: bytes) -> bool:
        """Take the next raw chunk; True when reading must stop (cap reached, or a broken
        stream): ``cut()`` then says what was kept."""
        out = self._out
        if self._decoder is None:
            out += chunk
        else:
            if self._raw_seen == 0 and self.encoding == "deflate":
                self._decoder = _deflate_decoder(chunk)
            self._raw_seen += len(chunk)
            try:
                out += self._decoder.decompress(chunk, self.cap - len(out))
            except zlib.error:
                self._cut = (bytes(out) or None), False
                return True
            if self._decoder.unconsumed_tail:
                self._cut = bytes(out[: self.cap]), False
                return True
        if len(out) >= self.cap:
            self._cut = bytes(out[: self.cap]), False
            return True
        return False

    def read(self) -> bytes:
        """What was decoded so far."""
        return bytes(self._out)

    def cut(self) -> tuple[bytes | None, bool]:
        """(body, whole) after ``add`` said stop."""
        assert self._cut is not None
        return self._cut


def _deflate_decoder(first: bytes) -> zlib._Decompress:
    """ "deflate" is zlib data for most servers and raw deflate for some."""
    probe = zlib.decompressobj(47)
    try:
        probe.decompress(first[:64], 1)
    except zlib.error:
        return zlib.decompressobj(-15)
    return zlib.decompressobj(47)
