"""The link checker's asyncio HTTP/1.1 client (links/aio.py) against raw loopback servers: what it
sends, how it reads answers framed every way HTTP/1.1 allows, and how it reuses connections."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refcheck.links.aio import AsyncTransport, Headers, _parse, _parse_head, _Target
from refcheck.links.errors import Failure
from refcheck.links.transport import Answer


class Raw:
    """A loopback TCP server answering each request on a connection with ``answer(request)``
    (bytes; None closes the connection, as an answer saying ``Connection: close`` does). Keeps
    the requests and counts the connections."""

    def __init__(self, answer: Callable[[bytes], bytes | None]) -> None:
        self.answer = answer
        self.requests: list[bytes] = []
        self.connections = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        buf = b""
        with conn:
            while True:
                while b"\r\n\r\n" not in buf:
                    try:
                        data = conn.recv(65536)
                    except OSError:
                        return
                    if not data:
                        return
                    buf += data
                request, _, buf = buf.partition(b"\r\n\r\n")
                self.requests.append(request)
                out = self.answer(request)
                if out is None:
                    return
                conn.sendall(out)
                if b"\r\nConnection: close\r\n" in out:
                    return

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw() -> Iterator[Callable[[Callable[[bytes], bytes | None]], Raw]]:
    servers: list[Raw] = []

    def make(answer: Callable[[bytes], bytes | None]) -> Raw:
        servers.append(Raw(answer))
        return servers[-1]

    yield make
    for s in servers:
        s.close()


def fetch(
    url: str, n: int = 1, read_body: bool | None = None, max_body: int = 256 * 1024
) -> list[Answer | Failure]:
    async def run() -> list[Answer | Failure]:
        t = AsyncTransport(True, 8, "refcheck-test", max_body)
        try:
            return [await t.request("GET", url, time.monotonic() + 5, read_body) for _ in range(n)]
        finally:
            await t.aclose()

    return asyncio.run(run())


def answer(head: str, body: bytes = b"") -> bytes:
    return head.replace("\n", "\r\n").encode() + b"\r\n\r\n" + body


HTML = "Content-Type: text/html"


def test_request_line_and_headers(raw: Callable[..., Raw]) -> None:
    server = raw(lambda r: answer(f"HTTP/1.1 200 OK\n{HTML}\nContent-Length: 2", b"ok"))
    fetch(server.url("/a/b?q=1#frag"))
    assert server.requests[0].decode().split("\r\n") == [
        "GET /a/b?q=1 HTTP/1.1",
        f"Host: 127.0.0.1:{server.port}",
        "User-Agent: refcheck-test",
        "Accept: text/html,application/xhtml+xml,*/*;q=0.8",
        "Accept-Encoding: gzip, deflate",
    ]


def test_kept_alive_connection_serves_the_next_request(raw: Callable[..., Raw]) -> None:
    server = raw(lambda r: answer(f"HTTP/1.1 200 OK\n{HTML}\nContent-Length: 2", b"ok"))
    got = fetch(server.url("/"), n=3, read_body=True)
    assert [a.body for a in got if isinstance(a, Answer)] == [b"ok"] * 3
    assert server.connections == 1


def test_connection_close_is_honoured(raw: Callable[..., Raw]) -> None:
    server = raw(lambda r: answer(f"HTTP/1.1 200 OK\n{HTML}\nConnection: close", b"until the end"))
    got = fetch(server.url("/"), n=2, read_body=True)
    assert [a.body for a in got if isinstance(a, Answer)] == [b"until the end"] * 2
    assert server.connections == 2


def test_a_connection_the_server_dropped_is_replaced(raw: Callable[..., Raw]) -> None:
    # the server closes each kept-alive connection after one answer without saying so: the next
    # request finds it closed and goes out again on a new one, instead of reporting a reset
    calls = {"n": 0}

    def once(r: bytes) -> bytes | None:
        calls["n"] += 1
        return answer(f"HTTP/1.1 200 OK\n{HTML}\nContent-Length: 2", b"ok") if calls["n"] % 2 else None

    server = raw(once)
    got = fetch(server.url("/"), n=2, read_body=True)
    assert all(isinstance(a, Answer) and a.body == b"ok" for a in got), got


def test_chunked_body(raw: Callable[..., Raw]) -> None:
    body = b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n"
    server = raw(lambda r: answer(f"HTTP/1.1 200 OK\n{HTML}\nTransfer-Encoding: chunked", body))
    got = fetch(server.url("/"), n=2, read_body=True)
    assert [(a.body, a.complete) for a in got if isinstance(a, Answer)] == [(b"hello world", True)] * 2
    assert server.connections == 1  # the whole chunked body was read: the connection was kept


def test_gzip_body_is_decoded_under_the_cap(raw: Callable[..., Raw]) -> None:
    packed = gzip.compress(b"<html>" + b"a" * 1_000_000)
    head = f"HTTP/1.1 200 OK\n{HTML}\nContent-Encoding: gzip\nContent-Length: {len(packed)}"
    server = raw(lambda r: answer(head, packed))
    (got,) = fetch(server.url("/"), read_body=True, max_body=10_000)
    assert isinstance(got, Answer) and got.body is not None
    assert len(got.body) == 10_000 and not got.complete


def test_cut_body_keeps_the_status(raw: Callable[..., Raw]) -> None:
    # a body shorter than announced, on a connection the server keeps open: the deadline ends the
    # read; the status stands, the body is not taken for the whole page
    server = raw(lambda r: answer(f"HTTP/1.1 200 OK\n{HTML}\nContent-Length: 100", b"short"))

    async def run() -> Answer | Failure:
        t = AsyncTransport(True, 8, "t", 1000)
        try:
            return await t.request("GET", server.url("/"), time.monotonic() + 0.5, True)
        finally:
            await t.aclose()

    started = time.monotonic()
    got = asyncio.run(run())
    assert isinstance(got, Answer) and got.status == 200
    assert got.body is None and not got.complete
    assert time.monotonic() - started < 2


def test_not_http_is_a_reset(raw: Callable[..., Raw]) -> None:
    server = raw(lambda r: b"SSH-2.0-OpenSSH\r\n\r\n")
    (got,) = fetch(server.url("/"))
    assert isinstance(got, Failure) and got.reason == "connection-reset"


def test_head_lines_ending_in_a_bare_lf(raw: Callable[..., Raw]) -> None:
    # some small servers end their lines in LF alone; http.client (the old client) read them, and so
    # must this one, rather than wait for a CRLF CRLF that never comes
    server = raw(lambda r: f"HTTP/1.1 200 OK\n{HTML}\nContent-Length: 2\n\nok".encode())
    started = time.monotonic()
    got = fetch(server.url("/"), n=2, read_body=True)
    assert [(a.status, a.body) for a in got if isinstance(a, Answer)] == [(200, b"ok")] * 2
    assert time.monotonic() - started < 2


def test_not_http_is_told_by_its_first_line(raw: Callable[..., Raw]) -> None:
    # a service that greets and then waits (SSH) is a reset at once, not a timeout at the deadline
    server = raw(lambda r: b"SSH-2.0-OpenSSH_9.6\r\n")
    started = time.monotonic()
    (got,) = fetch(server.url("/"))
    assert isinstance(got, Failure) and got.reason == "connection-reset"
    assert time.monotonic() - started < 2


def test_a_408_on_a_kept_alive_connection_is_asked_again(raw: Callable[..., Raw]) -> None:
    # a server that times a kept-alive connection out says 408 and closes it: that is not the
    # answer to the request sent on it, which goes out again on a new connection
    calls = {"n": 0}

    def idle(r: bytes) -> bytes:
        calls["n"] += 1
        if calls["n"] == 2:
            return answer("HTTP/1.1 408 Request Timeout\nContent-Length: 0\nConnection: close")
        return answer(f"HTTP/1.1 200 OK\n{HTML}\nContent-Length: 2", b"ok")

    server = raw(idle)
    got = fetch(server.url("/"), n=2, read_body=True)
    assert [(a.status, a.body) for a in got if isinstance(a, Answer)] == [(200, b"ok")] * 2
    assert server.connections == 2


def test_continue_is_skipped(raw: Callable[..., Raw]) -> None:
    server = raw(
        lambda r: answer("HTTP/1.1 100 Continue") + answer("HTTP/1.1 404 Not Found\nContent-Length: 0")
    )
    (got,) = fetch(server.url("/"))
    assert isinstance(got, Answer) and got.status == 404


def test_headers_as_urllib3_gave_them() -> None:
    head = _parse_head(
        b"HTTP/1.1 301 Moved\r\nLocation:  /next \r\nX-A: 1\r\nx-a: 2\r\nX-F: a\r\n  b\r\n\r\n", "GET"
    )
    assert head.status == 301
    assert head.headers["location"] == "/next "  # left-trimmed only, as http.client reads it
    assert head.headers.get("X-A") == "1, 2"  # repeated: joined; any case
    assert head.headers["x-f"] == "a b"  # a folded line joined with a space
    assert "LOCATION" in head.headers and "cf-ray" not in head.headers
    assert isinstance(head.headers, Headers)


# --- URLs: the plain ones split here must come out as urllib3 splits them ----------------------------

_plain = list("aZ09-._~!$&'()*+,;=:@/?#")
_special = [*list("%é []\\\n"), "/./", "/../", "/.", "%2f", "%zz", "?#", "#/../"]
_chars = st.sampled_from(_plain * 4 + _special)  # mostly plain: the fast path is what is tested
_piece = st.lists(_chars, max_size=12).map("".join)


@given(
    scheme=st.sampled_from(["http", "https", "HTTP"]),
    host=st.sampled_from(
        ["example.org", "Example.ORG", "127.0.0.1", "a-b.c.", "[::1]", "exa mple", "xn--d.e"]
    ),
    port=st.sampled_from(["", ":8080", ":080", ":65535", ":65536", ":"]),
    path=_piece,
)
def test_plain_urls_split_as_urllib3_splits_them(scheme: str, host: str, port: str, path: str) -> None:
    same_split(f"{scheme}://{host}{port}{'/' if path and path[0] not in '/?#' else ''}{path}")


def same_split(url: str) -> None:
    try:
        ours = _Target(url)
    except ValueError:
        ours = None
    try:
        theirs: tuple[str, str, int | None, str] | None = _parse(url)
    except ValueError:
        theirs = None
    if theirs is None:
        assert ours is None
        return
    assert ours is not None
    scheme_, host_, port_, uri = theirs
    assert (ours.scheme, ours.host, ours.port, ours.uri) == (
        scheme_,
        host_,
        port_ or (443 if scheme_ == "https" else 80),
        uri,
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/a/./b",
        "http://example.org/a/../b?x=/../",
        "http://example.org/a/.",
        "http://example.org/.hidden/x",
        "HTTP://Example.ORG:080/A%2fB?Q=%zz#F",
        "http://example.org:65536/",
        "http://example.org?q",
        "http://example.org/?",
        "http://example.org#/../x",
        "https://[::1]:8443/p",
        "http://exa mple.org/",
        "http://example.org/a b?c d",
        "http://bücher.example/é",
    ],
)
def test_urls_split_as_urllib3_splits_them(url: str) -> None:
    same_split(url)


# --- TLS: verified against the trust store, the host name checked ---------------------------------


def _tls_server(tmp_path, monkeypatch: pytest.MonkeyPatch, name: str) -> Raw:  # type: ignore[no-untyped-def]
    """A raw server behind TLS with a certificate for ``name``, which the trust store (standing in
    for certifi's) holds."""
    import shutil
    import ssl
    import subprocess

    from refcheck.links import safety

    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("no openssl to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    made = subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "1", "-subj", f"/CN={name}",
         "-addext", f"subjectAltName={name}", "-keyout", str(key), "-out", str(cert)],
        capture_output=True,
    )  # fmt: skip
    if made.returncode != 0:
        pytest.skip("openssl could not make a certificate")
    monkeypatch.setattr(safety, "_ca_certs", lambda: str(cert))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = Raw(lambda r: answer(f"HTTP/1.1 200 OK\n{HTML}\nContent-Length: 6", b"secure"))
    plain = server._handle

    def handle(conn: socket.socket) -> None:
        try:
            wrapped = context.wrap_socket(conn, server_side=True)
        except OSError:
            conn.close()
            return
        plain(wrapped)

    server._handle = handle  # type: ignore[method-assign]
    return server


def test_tls_answer_on_a_verified_connection(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    server = _tls_server(tmp_path, monkeypatch, "IP:127.0.0.1")
    try:
        got = fetch(f"https://127.0.0.1:{server.port}/page", n=2, read_body=True)
    finally:
        server.close()
    assert [(a.status, a.body) for a in got if isinstance(a, Answer)] == [(200, b"secure")] * 2
    assert server.connections == 1  # the TLS connection was kept alive


def test_tls_certificate_for_another_host_fails(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    server = _tls_server(tmp_path, monkeypatch, "DNS:example.test")
    try:
        (got,) = fetch(f"https://127.0.0.1:{server.port}/page")
    finally:
        server.close()
    assert isinstance(got, Failure) and got.reason == "tls-error"


def test_a_connection_with_stray_bytes_is_not_reused(raw: Callable[..., Raw]) -> None:
    # the server sends more than the announced body: the connection is not used again (what came
    # after the answer would be read as the next one)
    server = raw(lambda r: answer(f"HTTP/1.1 200 OK\n{HTML}\nContent-Length: 2", b"okSTRAY"))
    got = fetch(server.url("/"), n=2, read_body=True)
    assert [(a.status, a.body) for a in got if isinstance(a, Answer)] == [(200, b"ok")] * 2
    assert server.connections == 2
