"""Network errors turned into results: every exception a request can raise gets a reason, no traceback.

The exception and everything it wraps is searched, so urllib3's exceptions and those of libraries
built on it (requests wraps them) are classified alike. The types of urllib3, ssl and http.client
are looked at only when their module is loaded (an exception of a module that was never imported
cannot have been raised): the asyncio client (aio.py) loads none of them for plain http.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from refcheck.links.protocol import NETWORK_REASONS as NETWORK_REASONS
from refcheck.links.results import Hop, LinkResult, LinkState
from refcheck.links.safety import BlockedAddressError


@dataclass
class Failure:
    """A request that got no HTTP answer."""

    reason: str
    detail: str
    state: LinkState = LinkState.UNVERIFIED
    retry: bool = False

    def result(self, url: str, current: str, chain: list[Hop], now: float) -> LinkResult:
        return LinkResult(
            url,
            self.state,
            final_url=current if chain else None,
            reason=self.reason,
            detail=self.detail if current == url else f"{current}: {self.detail}",
            redirects=chain,
            checked_at=now,
        )


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and everything it wraps (causes, contexts, urllib3 reasons, first arguments)."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        for nxt in (e.__cause__, e.__context__, getattr(e, "reason", None), *e.args[:2]):
            if isinstance(nxt, BaseException):
                todo.append(nxt)


def _types(module: str, *names: str) -> tuple[type[BaseException], ...]:
    """The named exception types of ``module`` if it is loaded, else none."""
    mod = sys.modules.get(module)
    return tuple(getattr(mod, n) for n in names) if mod is not None else ()


def classify_exception(exc: BaseException) -> Failure:
    chain = list(_chain(exc))

    def has(*types: type[BaseException] | tuple[type[BaseException], ...]) -> BaseException | None:
        flat: list[type[BaseException]] = []
        for t in types:
            flat.extend(t if isinstance(t, tuple) else (t,))
        return next((e for e in chain if isinstance(e, tuple(flat))), None)

    u3 = "urllib3.exceptions"
    connect_timeout = _types(u3, "ConnectTimeoutError")
    name_resolution = _types(u3, "NameResolutionError")
    new_connection = _types(u3, "NewConnectionError")
    protocol = _types(u3, "ProtocolError")
    read_timeout = _types(u3, "ReadTimeoutError", "TimeoutError")
    u3_ssl = _types(u3, "SSLError")
    location = _types(u3, "LocationParseError", "LocationValueError")
    ssl_errors = _types("ssl", "SSLError", "CertificateError")
    invalid_url = _types("http.client", "InvalidURL")

    blocked = has(BlockedAddressError)
    if isinstance(blocked, BlockedAddressError):
        return Failure("private-address", f"not fetched: {blocked}", LinkState.SKIPPED)
    if has(name_resolution, socket.gaierror):
        return Failure("dns-failure", "the host name does not resolve", LinkState.DEAD)
    if has(ConnectionRefusedError):
        return Failure("connection-refused", "the connection was refused", LinkState.DEAD)
    if has(connect_timeout):
        return Failure("connect-timeout", "no connection within the timeout", retry=True)
    if has(u3_ssl, ssl_errors):
        return Failure("tls-error", "the TLS handshake or certificate failed")
    if has(read_timeout, TimeoutError, socket.timeout):
        return Failure("timeout", "no answer within the timeout", retry=True)
    unreachable = has(OSError)
    if isinstance(unreachable, OSError) and unreachable.errno in (101, 113):
        return Failure("network-unreachable", "the network is unreachable")
    if has(ConnectionResetError, ConnectionAbortedError, BrokenPipeError, protocol):
        return Failure("connection-reset", "the connection was reset", retry=True)
    if has(location, UnicodeError, invalid_url):
        return Failure("invalid-url", "the URL is not valid", LinkState.DEAD)
    if has(new_connection):
        return Failure("connection-failed", "could not connect", retry=True)
    name = type(exc).__name__
    if name in ("InvalidURL", "MissingSchema", "InvalidSchema", "URLRequired"):  # requests' own
        return Failure("invalid-url", "the URL is not valid", LinkState.DEAD)
    return Failure("error", f"{name}: {exc}"[:200])
