"""No request to a non-public address unless allowed, checked where the connection is made.

The check is made inside the HTTP connection itself (``_connect``, called by the connection classes'
``_new_conn``): the host is resolved once, every address it resolves to is vetted, and the socket is
connected to a vetted address. The address checked is the address connected to, so a DNS answer
that changes between a check and the connection (DNS rebinding) cannot slip through, and every
redirect hop, which opens its own connection, is checked the same way. However a host is written
(``127.1``, ``0x7f.0.0.1``, ``2130706433``, ``[::ffff:127.0.0.1]``, a name that resolves to a
private address), what is vetted is the address the system resolves it to, which is the address
the socket is connected to. Requests do not go through environment proxies (a proxy would make the
check see the proxy's address instead of the site's).

Three ways in: ``connect_infos()`` (the vetted addresses to connect to: what the link checker's
asyncio client, aio.py, uses), ``pool_manager()`` (urllib3, for the archive lookups) and
``adapter()`` (a requests adapter with the same connections, for code that uses requests sessions).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import TYPE_CHECKING, Any

from refcheck.links.policy import address_kind as address_kind
from refcheck.links.policy import canonical_host as canonical_host
from refcheck.links.policy import host_kind as host_kind
from refcheck.links.policy import literal_address as literal_address
from refcheck.links.protocol import FETCHED_SCHEMES as FETCHED_SCHEMES

if TYPE_CHECKING:
    from requests.adapters import HTTPAdapter
    from urllib3 import PoolManager
    from urllib3.connection import HTTPConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
    from urllib3.response import BaseHTTPResponse


def resolve(host: str, port: int | None, family: int = 0, type: int = 0) -> list[tuple[Any, ...]]:
    """``socket.getaddrinfo``, looked up at each call (tests stand in a DNS server through it: a name
    that resolves to a private address, an answer that changes between two lookups)."""
    return socket.getaddrinfo(host, port, family, type)


class BlockedAddressError(Exception):
    """The host resolves to an address refcheck does not connect to by default."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(f"{host} resolves to {kind} address {address}")
        self.host = host
        self.address = address
        self.kind = kind


def vetted_addresses(host: str, port: int) -> list[tuple[Any, ...]]:
    """getaddrinfo for ``host``; raises BlockedAddressError if any address is not public."""
    infos = resolve(host.strip("[]"), port, 0, socket.SOCK_STREAM)
    for info in infos:
        kind = address_kind(str(info[4][0]))
        if kind:
            raise BlockedAddressError(host, str(info[4][0]), kind)
    return infos


# --- the whole-exchange deadline --------------------------------------------------------------------


class Exchange:
    """One request in flight: its deadline, and the socket it uses once it has one.

    ``transport.Watchdog`` shuts the socket down when the deadline passes, which ends a read blocked
    on a server that trickles its answer; the connection classes below attach their socket to the
    exchange of the thread that uses them. (A TLS handshake is bounded by the socket's timeout as a
    whole: the ssl module keeps one deadline across the handshake's reads.)"""

    __slots__ = ("deadline", "done", "fired", "lock", "sock")

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.sock: socket.socket | None = None
        self.fired = False
        self.done = False
        self.lock = threading.Lock()

    def attach(self, sock: socket.socket | None) -> None:
        with self.lock:
            if self.done:
                return
            self.sock = sock
            if self.fired and sock is not None:
                _shutdown(sock)

    def fire(self) -> None:
        with self.lock:
            if self.done or self.fired:
                return
            self.fired = True
            if self.sock is not None:
                _shutdown(self.sock)

    def finish(self) -> None:
        """The exchange is over: its connection may now serve another request."""
        with self.lock:
            self.done = True
            self.sock = None


def _shutdown(sock: socket.socket) -> None:
    # the plain socket's shutdown, also for a TLS socket (whose own shutdown would change its state
    # under the thread reading from it)
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


_current = threading.local()


def current_exchange() -> Exchange | None:
    ex: Exchange | None = getattr(_current, "exchange", None)
    return ex


def set_exchange(ex: Exchange | None) -> None:
    _current.exchange = ex


# --- connections -----------------------------------------------------------------------------------


def connect_infos(host: str, port: int, allowed: frozenset[str] | None) -> list[tuple[Any, ...]]:
    """The addresses to connect to for ``host``: resolved once, every one vetted (unless ``allowed``
    is None: no vetting, or the host is in ``allowed``); raises BlockedAddressError."""
    if allowed is None or host.lower().strip("[]") in allowed:
        return resolve(host.strip("[]"), port, 0, socket.SOCK_STREAM)
    kind = host_kind(host)
    if kind:
        raise BlockedAddressError(host, literal_address(host) or host, kind)
    return vetted_addresses(host, port)


def _connect(conn: HTTPConnection, allowed: frozenset[str] | None) -> socket.socket:
    """Resolve once, vet every address (unless ``allowed`` is None: no vetting, or the host is
    in ``allowed``), connect to a vetted address."""
    from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
    from urllib3.util import connection as u3conn

    host = conn._dns_host
    try:
        infos = connect_infos(host, conn.port, allowed)
    except socket.gaierror as e:
        raise NameResolutionError(conn.host, conn, e) from e
    last: OSError | None = None
    for _family, _socktype, _proto, _name, sockaddr in infos:
        try:
            sock = u3conn.create_connection(
                (str(sockaddr[0]), int(sockaddr[1])),
                conn.timeout,
                source_address=conn.source_address,
                socket_options=conn.socket_options,
            )
        except TimeoutError as e:
            raise ConnectTimeoutError(conn, f"Connection to {conn.host} timed out.") from e
        except OSError as e:
            last = e
            continue
        ex = current_exchange()
        if ex is not None:
            ex.attach(sock)
        return sock
    raise NewConnectionError(conn, f"Failed to establish a new connection: {last}")


_QUICKACK: int | None = getattr(socket, "TCP_QUICKACK", None)  # Linux


def _ack_at_once(sock: socket.socket | None) -> None:
    """Acknowledge what the server sends next at once (Linux), for the answer just asked for.

    On a kept-alive connection the kernel delays its acknowledgements (up to 40 ms), expecting to
    send them with the next request. A server that writes the headers and the body in two writes,
    with Nagle's algorithm on (Python's http.server, many small servers), holds the body until the
    headers are acknowledged: each answer whose body is read would wait those 40 ms."""
    if _QUICKACK is None or sock is None:
        return
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)


def _connection_classes(
    allowed: frozenset[str] | None,
) -> tuple[type[HTTPConnectionPool], type[HTTPSConnectionPool]]:
    # urllib3 is imported here, not with this module: the link checker's own client (aio.py)
    # needs only the address checks above
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class SafeHTTPConnection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return _connect(self, allowed)

        def getresponse(self) -> BaseHTTPResponse:  # type: ignore[override]
            ex = current_exchange()
            if ex is not None:
                ex.attach(self.sock)  # a kept-alive connection: its socket serves this exchange
            _ack_at_once(self.sock)
            return super().getresponse()

    class SafeHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return _connect(self, allowed)

        def getresponse(self) -> BaseHTTPResponse:  # type: ignore[override]
            ex = current_exchange()
            if ex is not None:
                ex.attach(self.sock)
            _ack_at_once(self.sock)
            return super().getresponse()

    class SafeHTTPPool(HTTPConnectionPool):
        ConnectionCls = SafeHTTPConnection

    class SafeHTTPSPool(HTTPSConnectionPool):
        ConnectionCls = SafeHTTPSConnection

    return SafeHTTPPool, SafeHTTPSPool


def _ca_certs() -> str | None:
    try:
        import certifi  # installed with requests: the same trust store requests uses

        return str(certifi.where())
    except ImportError:  # pragma: no cover - the system store is used instead
        return None


def pool_manager(
    allow_private: bool, pool_size: int, allowed_hosts: frozenset[str] = frozenset(), num_pools: int = 64
) -> PoolManager:
    """A urllib3 PoolManager whose connections go only to public addresses (unless
    ``allow_private``), or to ``allowed_hosts`` (host names whose addresses are not vetted).
    No environment proxies, no retries, no redirects followed unless the caller asks."""
    from urllib3 import PoolManager

    allowed = None if allow_private else frozenset(h.lower() for h in allowed_hosts)
    http_pool, https_pool = _connection_classes(allowed)
    pm = PoolManager(num_pools=num_pools, maxsize=max(pool_size, 4), retries=False, ca_certs=_ca_certs())
    pm.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}
    return pm


def adapter(allow_private: bool, pool_size: int, allowed_hosts: frozenset[str] = frozenset()) -> HTTPAdapter:
    """A requests adapter; unless ``allow_private``, connections go only to public addresses (or to
    ``allowed_hosts``, host names whose addresses are not vetted)."""
    from requests.adapters import HTTPAdapter

    if allow_private:
        return HTTPAdapter(pool_connections=64, pool_maxsize=max(pool_size, 4), max_retries=0)
    http_pool, https_pool = _connection_classes(frozenset(h.lower() for h in allowed_hosts))

    class SafeAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}

    return SafeAdapter(pool_connections=64, pool_maxsize=max(pool_size, 4), max_retries=0)
