"""Real HTTP servers on 127.0.0.1 for the link checker's tests (no mocks, no internet)."""

from __future__ import annotations

import contextlib
import json
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from refcheck.links import LinkOptions

# A route answers (status, headers, body) for (method, path, query).
Route = Callable[[str, str, dict[str, list[str]]], tuple[int, dict[str, str], bytes]]


def page(title: str, text: str = "") -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>".encode()
    )


@dataclass
class Server:
    routes: dict[str, Route]
    prefixes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, str]] = field(default_factory=list)
    port: int = 0
    host: str = "127.0.0.1"

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def hits(self, path: str | None = None) -> int:
        return sum(1 for _, p in self.log if path is None or p == path)


def start(server: Server) -> tuple[ThreadingHTTPServer, threading.Thread]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _answer(self, method: str) -> None:
            parts = urlsplit(self.path)
            server.log.append((method, parts.path))
            route = server.routes.get(parts.path)
            if route is None:
                route = next((r for p, r in server.prefixes.items() if parts.path.startswith(p)), None)
            if route is None:
                status, headers, body = 404, {"Content-Type": "text/html"}, page("Not Found")
            else:
                status, headers, body = route(method, parts.path, parse_qs(parts.query))
            self.send_response(status)
            headers = {"Content-Type": "text/html; charset=utf-8", **headers}
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer("GET")

        def do_HEAD(self) -> None:
            self._answer("HEAD")

    httpd = ThreadingHTTPServer((server.host, server.port), Handler)
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return httpd, thread


def ok(title: str = "A page", text: str = "") -> Route:
    return lambda m, p, q: (200, {}, page(title, text or f"content of {title}"))


def status(code: int, headers: dict[str, str] | None = None, body: bytes = b"") -> Route:
    return lambda m, p, q: (code, headers or {}, body or page(f"HTTP {code}"))


def redirect(code: int, to: str) -> Route:
    return lambda m, p, q: (code, {"Location": to}, b"")


def no_head(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
    return (405, {}, b"") if m == "HEAD" else (200, {}, page("GET only", "this page refuses HEAD"))


def catch_all(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
    # a site that answers every path with the same friendly page (and echoes the path)
    return 200, {}, page("Welcome", f"Sorry, we could not find {p}. Try our search. " + "lorem ipsum " * 40)


def once_then(code: int, headers: dict[str, str], then: Route) -> Route:
    calls = {"n": 0}

    def route(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        calls["n"] += 1
        return (code, headers, page("wait")) if calls["n"] == 1 else then(m, p, q)

    return route


def default_routes() -> dict[str, Route]:
    return {
        "/alive": ok("Alive page"),
        "/missing": status(404),
        "/gone": status(410),
        "/old": redirect(301, "/new"),
        "/new": ok("New home"),
        "/temp": redirect(302, "/alive"),
        "/forbidden": status(403),
        "/challenge": status(
            403, {"cf-mitigated": "challenge", "Server": "cloudflare"}, b"<title>Just a moment...</title>"
        ),
        "/busy": status(429, {"Retry-After": "1"}),
        "/busy-once": once_then(429, {"Retry-After": "1"}, ok("Busy once")),
        "/error": status(503),
        "/nohead": no_head,
        "/loop-a": redirect(302, "/loop-b"),
        "/loop-b": redirect(302, "/loop-a"),
        "/soft": ok("Page not found"),
        "/honest/article": ok("Honest article"),
    }


@pytest.fixture(autouse=True)
def no_real_archive(monkeypatch: pytest.MonkeyPatch, closed_port: int) -> None:
    """No test asks the real archive (or probes the network through its host): the default archive
    API is a closed loopback port unless a test names another."""
    monkeypatch.setenv("REFCHECK_ARCHIVE_API", f"http://127.0.0.1:{closed_port}/wayback/available")


@pytest.fixture
def site() -> Iterator[Server]:
    server = Server(default_routes(), {"/catchall/": catch_all})
    httpd, _ = start(server)
    yield server
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections (the kernel's backlog) and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture
def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    sock.close()
    return port


@pytest.fixture
def options(tmp_path: Path) -> LinkOptions:
    return LinkOptions(
        allow_private_hosts=True,
        timeout=0.5,
        retries=1,
        backoff=0.05,
        max_retry_wait=2.0,
        cache_dir=tmp_path / "cache",
        archive="none",
        archive_interval=0.0,
        max_concurrency=8,
    )


@dataclass
class Capture:
    timestamp: str
    status: str = "200"


def wayback(captures: list[Capture], target: str = "http://archive.test/web") -> Route:
    """A fake availability API: the capture closest to the timestamp asked for."""

    def route(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        url = q.get("url", [""])[0]
        ts = (q.get("timestamp", ["20990101"])[0] + "000000")[:14]
        if not captures:
            return 200, {"Content-Type": "application/json"}, json.dumps({"archived_snapshots": {}}).encode()
        best = min(captures, key=lambda c: abs(_secs(c.timestamp) - _secs(ts)))
        closest = {
            "available": True,
            "url": f"{target}/{best.timestamp}/{url}",
            "timestamp": best.timestamp,
            "status": best.status,
        }
        body = json.dumps({"url": url, "archived_snapshots": {"closest": closest}}).encode()
        return 200, {"Content-Type": "application/json"}, body

    return route


def _secs(ts: str) -> float:
    import datetime as dt

    return dt.datetime.strptime(ts[:14], "%Y%m%d%H%M%S").timestamp()


@contextlib.contextmanager
def serving(routes: dict[str, Route], host: str = "127.0.0.1", port: int = 0) -> Iterator[Server]:
    """A second loopback server (e.g. on 127.0.0.2) for tests that need two hosts."""
    server = Server(routes, host=host, port=port)
    httpd, _ = start(server)
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


class Trickle:
    """A raw TCP server on 127.0.0.1 that sends ``head`` at once, then ``drip`` one byte every
    ``every`` seconds (for at most ``limit`` seconds): a server that never finishes its answer."""

    def __init__(self, head: bytes, drip: bytes, every: float = 0.2, limit: float = 20.0) -> None:
        self.head, self.drip, self.every, self.limit = head, drip, every, limit
        self.connections = 0
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                outer.connections += 1
                self.request.recv(65536)
                started = time.monotonic()
                try:
                    self.request.sendall(outer.head)
                    i = 0
                    while time.monotonic() - started < outer.limit and not outer.stopped.is_set():
                        self.request.sendall(outer.drip[i % len(outer.drip) : i % len(outer.drip) + 1])
                        i += 1
                        outer.stopped.wait(outer.every)
                except OSError:
                    pass

        class TCP(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.stopped = threading.Event()
        self.server = TCP(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.stopped.set()
        self.server.shutdown()
        self.server.server_close()


class FakeDNS:
    """Stands in a DNS server for the names in ``answers`` (each a list of addresses, or a list of
    lists answered in turn); numeric hosts resolve as usual; any other name fails, as with no
    network. Patched in as ``socket.getaddrinfo``, which the checker (and any resolver) calls."""

    def __init__(self, answers: dict[str, list[str] | list[list[str]]], real: Callable[..., Any]) -> None:
        self.answers = answers
        self.real = real
        self.calls: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        name = host.decode() if isinstance(host, bytes) else str(host)
        with self.lock:
            self.calls.append(name)
            turn = self.calls.count(name) - 1
        given = self.answers.get(name.lower())
        if given is None:
            try:
                import ipaddress

                ipaddress.ip_address(name.split("%", 1)[0])
            except ValueError:
                raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution") from None
            return list(self.real(host, port, *args, **kwargs))
        addresses = given[min(turn, len(given) - 1)] if isinstance(given[0], list) else given
        out = []
        for address in addresses:  # type: ignore[union-attr]
            out.extend(self.real(address, port, *args, **kwargs))
        return out


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, Any]], FakeDNS]:
    def install(answers: dict[str, Any]) -> FakeDNS:
        dns = FakeDNS(answers, socket.getaddrinfo)
        monkeypatch.setattr(socket, "getaddrinfo", dns)
        return dns

    return install
