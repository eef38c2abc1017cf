"""HTTP/1.1 for the link checker on asyncio: one request, no redirect followed, under a deadline,
body capped; the same answers and the same safety checks as ``transport.Transport`` (urllib3).

Why not urllib3 in a thread pool: a 2,000-URL document keeps 64 requests in flight, and 64 threads
taking turns at the GIL (plus urllib3's and http.client's per-request objects) spent about 0.65 ms
of CPU per request, competing with the waiting it was meant to overlap. One event loop and a small
HTTP/1.1 client on asyncio streams (the status line and headers read in one call, kept-alive
connections per host) do the same exchange for about a third of that, with no new dependency.

What it keeps from ``transport`` and ``safety``:

- **Connections** are made by ``safety.connect_infos`` (the host resolved once, every address vetted
  unless allowed, the socket connected to a vetted address); a kept-alive connection serves later
  requests to the same scheme, host and port (at most ``pool_size`` idle per host, ``num_pools``
  hosts, the least recently used dropped first, as urllib3's PoolManager keeps them). TLS is
  verified against the same trust store (certifi), TLS 1.2 at least. No environment proxies.
- **Deadlines**: the whole exchange (connection, TLS handshake, headers, body) ends at the request's
  deadline (plus ``GRACE``), however slowly the server trickles; a connection not made by the
  deadline is a connect timeout, an answer not started by then a read timeout, as before.
- **Bodies**: read ``_CHUNK`` bytes at a time (so the same bytes are kept as before), gzip and
  deflate decoded here under the cap on the decoded size, the read stopped once ``enough``.
- **Reuse**: a kept-alive connection the server closed while it was idle (or that holds stray
  bytes) is not used; one found closed when the request goes out (no byte of an answer came) is
  replaced by a new connection for that request, as browsers do, rather than reported as a reset.
- **URLs**: a plain URL (the usual case) is split by one regular expression; any other is split
  and normalised by urllib3's own ``parse_url``, as before, so servers see the same requests.

urllib3 itself is not imported on the way to the first request (its import is a good part of the
link stage's start-up): only an unusual URL or the error classification of a urllib3 exception
needs it.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from refcheck.links import safety
from refcheck.links.errors import Failure, classify_exception
from refcheck.links.policy import literal_address
from refcheck.links.results import LinkState
from refcheck.links.transport import _CHUNK, DRAIN_LIMIT, GRACE, Answer, CappedBody

if TYPE_CHECKING:
    import ssl

# The most a status line and headers may take; also what a connection buffers before it stops
# reading (twice this), so 64 connections hold at most 32 MB of bodies read ahead.
_MAX_HEAD = 256 * 1024
_MAX_HEADERS = 100
_BAD_TARGET = re.compile("[\x00-\x20\x7f]")  # what http.client refuses in a request target
_FOLD = re.compile(r"(?:(?<![ \t])[ \t]+)?\r\n[ \t]+")  # a folded header line, as urllib3 joins it
# A URL urllib3's parse_url leaves as it is (lower-case scheme, a plain host, a port without
# leading zeros, no percent sign, no character it would encode): split here, at a fraction of the cost.
_PLAIN = re.compile(
    r"(https?)://([A-Za-z0-9.-]+)(?::([1-9][0-9]{0,4}))?"
    r"(/[A-Za-z0-9._~!$&'()*+,;=:@/-]*)?(\?[A-Za-z0-9._~!$&'()*+,;=:@/?-]*)?(?:#.*)?",
    re.DOTALL,
)
_QUICKACK: int | None = getattr(socket, "TCP_QUICKACK", None)  # Linux
_NO_BODY = (204, 304)


class Headers(dict[str, str]):
    """Response headers by lower-case name; a repeated header's values joined with ", " (as
    urllib3's HTTPHeaderDict gives them)."""

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower(), default)

    def __getitem__(self, key: str) -> str:
        return super().__getitem__(key.lower())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(key.lower())


class _Target:
    """Where a URL's request goes and what it asks for."""

    __slots__ = ("host", "host_header", "key", "port", "scheme", "uri")

    def __init__(self, url: str) -> None:
        m = _PLAIN.fullmatch(url)
        if m is not None and "/." not in (m.group(4) or "") and int(m.group(3) or 0) <= 65535:
            scheme, host, port_s, path, query = m.groups()
            host = host.lower()
            port: int | None = int(port_s) if port_s else None
            uri = (path or "/") + (query or "")
        else:
            scheme, host, port, uri = _parse(url)
        default = 443 if scheme == "https" else 80
        port = port or default
        shown = host.rstrip(".")
        shown = f"[{shown}]" if ":" in shown else shown
        self.scheme, self.host, self.port, self.uri = scheme, host, port, uri
        self.host_header = shown if port == default else f"{shown}:{port}"
        self.key = (scheme, host, port)


def _parse(url: str) -> tuple[str, str, int | None, str]:
    """Scheme, host, port and request target of a URL, as urllib3 made them; raises ValueError."""
    from urllib3.util import parse_url  # (and urllib3) only for a URL that is not plain

    u = parse_url(url)  # raises LocationParseError (a ValueError) as urllib3 did
    scheme = (u.scheme or "http").lower()
    if scheme not in ("http", "https") or not u.host:
        raise ValueError(f"not an http(s) URL: {url}")
    host = u.host.lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    uri = u.request_uri
    if _BAD_TARGET.search(uri):
        raise ValueError(f"the URL is not valid: {url}")
    return scheme, host, u.port, uri


class BrokenAnswer(ConnectionResetError):
    """The server closed the connection or answered what is not HTTP (urllib3: ProtocolError)."""


class _Conn:
    """One kept-alive connection."""

    __slots__ = ("reader", "sock", "writer")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.sock = writer.get_extra_info("socket")

    def usable(self) -> bool:
        """Neither closed nor sent anything since its last answer (as urllib3 checked a kept-alive
        connection before reusing it: a server's stray bytes would be read as the next answer)."""
        stray = getattr(self.reader, "_buffer", b"")
        return not stray and not self.reader.at_eof() and not self.writer.is_closing()

    def close(self) -> None:
        self.writer.close()

    def ack_at_once(self) -> None:
        """Acknowledge what the server sends next at once (Linux): see ``safety._ack_at_once``
        (a server writing headers and body apart, with Nagle on, would wait 40 ms each answer)."""
        if _QUICKACK is not None and self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)


class _Head:
    """The status line and headers of an answer, and how its body is framed."""

    __slots__ = ("chunked", "headers", "keep_alive", "length", "status")

    def __init__(self, status: int, headers: Headers, method: str, keep_alive: bool) -> None:
        self.status = status
        self.headers = headers
        self.chunked = False
        self.length: int | None = None
        if method == "HEAD" or status in _NO_BODY or 100 <= status < 200:
            self.length = 0
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            self.chunked = True
        elif not self.chunked:
            cl = headers.get("content-length")
            if cl is not None:
                try:
                    n = int(cl.split(",")[0].strip())
                except ValueError:
                    n = -1
                self.length = n if n >= 0 else None
        self.keep_alive = keep_alive and (self.chunked or self.length is not None)


class _Body:
    """An answer's body with its transfer framing undone, read ``n`` bytes at a time (exactly ``n``
    unless the body ends: what http.client's ``read(n)`` gave)."""

    __slots__ = ("chunk_left", "done", "head", "reader", "remaining")

    def __init__(self, reader: asyncio.StreamReader, head: _Head) -> None:
        self.reader = reader
        self.head = head
        self.remaining = head.length  # None: chunked or up to the connection's end
        self.chunk_left = 0
        self.done = head.length == 0

    @property
    def known_complete(self) -> bool:
        """The whole of a body of known length is in (urllib3's ``length_remaining == 0``)."""
        return self.remaining == 0

    async def read(self, n: int) -> bytes:
        if self.done:
            return b""
        if self.remaining is not None:
            want = min(n, self.remaining)
            data = await self.reader.readexactly(want)  # IncompleteReadError: the body broke off
            self.remaining -= want
            self.done = self.remaining == 0
            return data
        if not self.head.chunked:
            try:
                return await self.reader.readexactly(n)
            except asyncio.IncompleteReadError as e:
                self.done = True
                return e.partial
        out = bytearray()
        while len(out) < n:
            if self.chunk_left == 0:
                line = await self.reader.readuntil(b"\r\n")
                try:
                    size = int(line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    raise BrokenAnswer("invalid chunk size") from None
                if size == 0:
                    while (await self.reader.readuntil(b"\r\n")) != b"\r\n":
                        pass  # trailers
                    self.done = True
                    break
                self.chunk_left = size
            take = min(n - len(out), self.chunk_left)
            out += await self.reader.readexactly(take)
            self.chunk_left -= take
            if self.chunk_left == 0:
                await self.reader.readexactly(2)  # the CRLF after a chunk
        return bytes(out)


def _connect_failure(errors: list[OSError]) -> Failure:
    """Why no address of a host took the connection (a timeout is caught before). Refused by every
    address: the host is there and serves nothing on that port, dead as the docs say (it was
    reported as a connect timeout, unverified after its retries); an unreachable network as
    such; anything else could not connect (unverified, retried)."""
    failure = classify_exception(errors[-1]) if errors else None
    refused = all(isinstance(e, ConnectionRefusedError) for e in errors)
    if failure is not None and (refused or failure.reason == "network-unreachable"):
        return failure
    return Failure("connection-failed", "could not connect", retry=True)


class _Failed(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.reason)
        self.failure = failure


def _ssl_context() -> ssl.SSLContext:
    import ssl  # only for https

    ctx = ssl.create_default_context(cafile=safety._ca_certs())  # the trust store urllib3 was given
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


class AsyncTransport:
    """Sends requests from coroutines on one event loop; shared by all of a checker's URLs."""

    def __init__(
        self,
        allow_private: bool,
        pool_size: int,
        user_agent: str,
        max_body: int,
        allowed_hosts: frozenset[str] = frozenset(),
        num_pools: int = 64,
    ) -> None:
        self.allowed = None if allow_private else frozenset(h.lower() for h in allowed_hosts)
        self.max_body = max_body
        self.pool_size = max(pool_size, 4)
        self.num_pools = num_pools
        self._idle: OrderedDict[tuple[str, str, int], list[_Conn]] = OrderedDict()
        self._ssl: ssl.SSLContext | None = None
        # the request's fixed header lines, encoded once
        self._tail = (
            f"User-Agent: {user_agent}\r\nAccept: text/html,application/xhtml+xml,*/*;q=0.8\r\n"
            "Accept-Encoding: gzip, deflate\r\n\r\n"
        ).encode("latin-1", "replace")

    # --- connections ---------------------------------------------------------------------------------

    def _take(self, key: tuple[str, str, int]) -> _Conn | None:
        idle = self._idle.get(key)
        while idle:
            conn = idle.pop()
            if conn.usable():
                return conn
            conn.close()  # closed by the server meanwhile
        return None

    def _give(self, key: tuple[str, str, int], conn: _Conn) -> None:
        idle = self._idle.get(key)
        if idle is None:
            idle = self._idle[key] = []
        else:
            self._idle.move_to_end(key)
        if len(idle) >= self.pool_size:
            conn.close()
        else:
            idle.append(conn)
        while len(self._idle) > self.num_pools:  # the least recently used host's connections go
            _, dropped = self._idle.popitem(last=False)
            for c in dropped:
                c.close()

    async def _connect(self, t: _Target, deadline: float) -> _Conn:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout_at(deadline):
                if literal_address(t.host) is not None:
                    infos = safety.connect_infos(t.host, t.port, self.allowed)
                else:  # a name: the resolver may take its time, the loop goes on meanwhile
                    infos = await loop.run_in_executor(
                        None, safety.connect_infos, t.host, t.port, self.allowed
                    )
                sock = await self._open(loop, infos)
        except TimeoutError:
            raise _Failed(
                Failure("connect-timeout", "no connection within the timeout", retry=True)
            ) from None
        try:
            async with asyncio.timeout_at(deadline):
                if t.scheme == "https":
                    if self._ssl is None:
                        self._ssl = _ssl_context()
                    reader, writer = await asyncio.open_connection(
                        sock=sock, ssl=self._ssl, server_hostname=t.host.rstrip("."), limit=_MAX_HEAD
                    )
                else:
                    reader, writer = await asyncio.open_connection(sock=sock, limit=_MAX_HEAD)
        except TimeoutError:
            sock.close()
            raise _Failed(Failure("timeout", "no answer within the timeout", retry=True)) from None
        except BaseException:
            sock.close()
            raise
        return _Conn(reader, writer)

    @staticmethod
    async def _open(loop: asyncio.AbstractEventLoop, infos: list[tuple[Any, ...]]) -> socket.socket:
        errors: list[OSError] = []
        for family, socktype, proto, _name, sockaddr in infos:
            try:
                sock = socket.socket(family, socktype, proto)
            except OSError:
                continue  # (an address family this system lacks)
            sock.setblocking(False)
            try:
                await loop.sock_connect(sock, sockaddr)
            except OSError as exc:
                sock.close()
                errors.append(exc)
                continue  # the next address, as urllib3 tried them
            except BaseException:
                sock.close()
                raise
            return sock
        raise _Failed(_connect_failure(errors))

    async def aclose(self) -> None:
        for conns in self._idle.values():
            for c in conns:
                c.close()
        self._idle.clear()
        await asyncio.sleep(0)  # the transports close their sockets on the loop's next turn

    # --- one exchange --------------------------------------------------------------------------------

    async def request(
        self,
        method: str,
        url: str,
        deadline: float,
        read_body: bool | None = None,
        enough: Callable[[bytes], bool] | None = None,
    ) -> Answer | Failure:
        """One request (see ``transport.Transport.request``: the same answers)."""
        if deadline - time.monotonic() <= 0:
            return Failure("timeout", "no time left for this URL")
        try:
            t = _Target(url)
        except ValueError:  # urllib3's LocationParseError, or a character http.client refused
            return Failure("invalid-url", "the URL is not valid", LinkState.DEAD)
        state: dict[str, Any] = {"seen": False, "answer": None}
        cut = asyncio.timeout_at(deadline + GRACE)  # the whole exchange, however slow the server
        try:
            async with cut:
                return await self._exchange(method, url, t, deadline, read_body, enough, state)
        except TimeoutError:
            if not cut.expired():
                raise
            answer: Answer | None = state["answer"]
            if answer is not None:
                answer.body, answer.complete = None, False  # the body was cut at the deadline
                return answer
            if state["seen"]:
                return Failure("timeout", "no answer within the time allowed")
            return Failure("timeout", "no answer within the timeout", retry=True)
        except _Failed as f:
            return f.failure
        except Exception as exc:  # every network error becomes a result, never a traceback
            return classify_exception(exc)

    async def _exchange(
        self,
        method: str,
        url: str,
        t: _Target,
        deadline: float,
        read_body: bool | None,
        enough: Callable[[bytes], bool] | None,
        state: dict[str, Any],
    ) -> Answer | Failure:
        request = f"{method} {t.uri} HTTP/1.1\r\nHost: {t.host_header}\r\n".encode("latin-1") + self._tail
        conn = self._take(t.key)
        head: _Head | None = None
        if conn is not None:
            try:
                head = await self._ask(conn, request, method, state)
            except (OSError, EOFError):
                conn.close()
                if state["seen"]:
                    raise
                conn = None  # a kept-alive connection the server had closed: once more on a new one
            except BaseException:  # (the deadline)
                conn.close()
                raise
            if conn is not None and head is not None and head.status == 408:
                # "408 Request Timeout" on a kept-alive connection: the server closing it as idle
                # (sent before this request came), not its answer; once more on a new one, as Go's
                # client does, rather than report a live page unverified
                conn.close()
                conn, head = None, None
        if conn is None:
            conn = await self._connect(t, deadline)
            try:
                head = await self._ask(conn, request, method, state)
            except BaseException:
                conn.close()
                raise
        assert head is not None
        reusable = False
        body = _Body(conn.reader, head)
        try:
            answer = Answer(url, method, head.status, head.headers)
            state["answer"] = answer
            try:
                if method == "HEAD":
                    reusable = True
                elif _wants_body(answer, read_body):
                    answer.body, answer.complete = await _read(head, body, self.max_body, enough)
                    reusable = answer.complete
                else:
                    reusable = await _drain(head, body)
            except (OSError, EOFError, ValueError, asyncio.LimitOverrunError):
                answer.complete = False  # the body broke off: the status stands
                reusable = False
            state["answer"] = None
            return answer
        finally:
            if reusable and head.keep_alive and body.done:
                self._give(t.key, conn)
            else:
                conn.close()

    async def _ask(self, conn: _Conn, request: bytes, method: str, state: dict[str, Any]) -> _Head:
        """Send the request, read the status line and headers (skipping 1xx answers)."""
        conn.writer.write(request)
        conn.ack_at_once()
        reader = conn.reader
        while True:
            # line by line, as http.client reads: a line may end in a bare LF, and what is not an
            # HTTP answer (an SSH banner) is told by its first line, not at the timeout
            lines: list[bytes] = []
            size = 0
            try:
                while True:
                    line = await reader.readuntil(b"\n")
                    state["seen"] = True
                    if not lines and not line.startswith(b"HTTP/"):
                        raise BrokenAnswer(f"bad status line {line[:100]!r}")
                    if line == b"\r\n" or line == b"\n":
                        break
                    size += len(line)
                    if size > _MAX_HEAD:
                        raise asyncio.LimitOverrunError("", 0)
                    lines.append(line if line.endswith(b"\r\n") else line[:-1] + b"\r\n")
            except asyncio.IncompleteReadError as e:
                if e.partial:
                    state["seen"] = True
                raise BrokenAnswer("Connection aborted: the server closed the connection") from None
            except asyncio.LimitOverrunError:
                state["seen"] = True
                raise BrokenAnswer("the answer's headers are too long") from None
            head = _parse_head(b"".join(lines) + b"\r\n", method)
            if head.status != 100:  # 100 Continue is skipped, as http.client does
                return head


def _parse_head(block: bytes, method: str) -> _Head:
    """The status line and headers, read as http.client reads them (latin-1, values left-trimmed,
    a folded line joined to the one before)."""
    lines = block.decode("iso-8859-1").split("\r\n")
    status_line = lines[0]
    parts = status_line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        raise BrokenAnswer(f"bad status line {status_line[:100]!r}")
    version, code = parts[0], parts[1]
    if len(code) != 3 or not code.isdigit() or not 100 <= int(code) <= 999:
        raise BrokenAnswer(f"bad status line {status_line[:100]!r}")
    headers = Headers()
    name: str | None = None
    count = 0
    for line in lines[1:]:
        if not line:
            continue
        if line[0] in " \t":
            if name is not None:  # a folded line continues the header before it
                dict.__setitem__(
                    headers, name, _FOLD.sub(" ", dict.__getitem__(headers, name) + "\r\n" + line)
                )
            continue
        key, colon, value = line.partition(":")
        if not colon:
            continue
        count += 1
        if count > _MAX_HEADERS:
            raise BrokenAnswer("got more than 100 headers")
        name = key.strip().lower()
        value = value.lstrip(" \t")
        old = dict.get(headers, name)
        dict.__setitem__(headers, name, value if old is None else f"{old}, {value}")
    conn_tokens = headers.get("connection", "").lower()
    keep_alive = "close" not in conn_tokens if version == "HTTP/1.1" else "keep-alive" in conn_tokens
    return _Head(int(code), headers, method, keep_alive)


def _wants_body(answer: Answer, read_body: bool | None) -> bool:
    if read_body is not None:
        return read_body
    return answer.is_html and answer.status not in (301, 302, 303, 307, 308, 404, 410)


async def _drain(head: _Head, body: _Body) -> bool:
    """Read a small unwanted body so the connection can be reused; leave a large one."""
    length = head.headers.get("content-length", "")
    if head.chunked or not length.isdigit() or int(length) > DRAIN_LIMIT:
        return False
    left = int(length)
    while left > 0:
        chunk = await body.read(min(_CHUNK, left))
        if not chunk:
            return False
        left -= len(chunk)
    return True


async def _read(
    head: _Head, body: _Body, cap: int, enough: Callable[[bytes], bool] | None
) -> tuple[bytes | None, bool]:
    """Up to ``cap`` bytes of the decoded body, and whether all of it was read (as
    ``transport.Transport._read``: gzip and deflate decoded here with the output capped)."""
    decoded = CappedBody(head.headers.get("content-encoding", ""), cap)
    if not decoded.readable:
        return None, False  # an encoding not asked for: the body cannot be read
    while True:
        chunk = await body.read(_CHUNK)
        if not chunk:
            return decoded.read(), True
        if decoded.add(chunk):
            return decoded.cut()
        if body.known_complete:
            continue  # all of it is here: the next read ends it and the connection is reused
        if enough is not None and enough(decoded.read()):
            return decoded.read(), False
