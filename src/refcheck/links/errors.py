"""Network errors turned into results: every exception a request can raise gets a reason, no traceback.

The exception and everything it wraps is searched, so urllib3's exceptions and those of libraries
built on it (requests wraps them) are classified alike.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass

from urllib3.exceptions import (
    ConnectTimeoutError,
    LocationParseError,
    LocationValueError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.exceptions import SSLError as U3SSLError
from urllib3.exceptions import TimeoutError as U3TimeoutError

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


def deadline_failure(seconds: float) -> Failure:
    return Failure("timeout", f"no complete answer within {seconds:g} s")


def classify_exception(exc: BaseException) -> Failure:
    chain = list(_chain(exc))

    def has(*types: type[BaseException]) -> BaseException | None:
        return next((e for e in chain if isinstance(e, types)), None)

    blocked = has(BlockedAddressError)
    if isinstance(blocked, BlockedAddressError):
        return Failure("private-address", f"not fetched: {blocked}", LinkState.SKIPPED)
    if has(NameResolutionError, socket.gaierror):
        return Failure("dns-failure", "the host name does not resolve", LinkState.DEAD)
    if has(ConnectionRefusedError):
        return Failure("connection-refused", "the connection was refused", LinkState.DEAD)
    if has(ConnectTimeoutError):
        return Failure("connect-timeout", "no connection within the timeout", retry=True)
    if has(U3SSLError, ssl.SSLError, ssl.CertificateError):
        return Failure("tls-error", "the TLS handshake or certificate failed")
    if has(ReadTimeoutError, U3TimeoutError, TimeoutError, socket.timeout):
        return Failure("timeout", "no answer within the timeout", retry=True)
    unreachable = has(OSError)
    if isinstance(unreachable, OSError) and unreachable.errno in (101, 113):
        return Failure("network-unreachable", "the network is unreachable")
    if has(ConnectionResetError, ConnectionAbortedError, BrokenPipeError, ProtocolError):
        return Failure("connection-reset", "the connection was reset", retry=True)
    if has(LocationParseError, LocationValueError, UnicodeError, http.client.InvalidURL):
        return Failure("invalid-url", "the URL is not valid", LinkState.DEAD)
    if has(NewConnectionError):
        return Failure("connection-failed", "could not connect", retry=True)
    name = type(exc).__name__
    if name in ("InvalidURL", "MissingSchema", "InvalidSchema", "URLRequired"):  # requests' own
        return Failure("invalid-url", "the URL is not valid", LinkState.DEAD)
    return Failure("error", f"{name}: {exc}"[:200])
