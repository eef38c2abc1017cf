"""No request to a non-public address unless allowed, checked where the connection is made.

The check is made inside the HTTP connection itself (``SafeHTTPConnection._new_conn``): the host is
resolved once, every address it resolves to is vetted, and the socket is connected to a vetted
address. The address checked is the address connected to, so a DNS answer that changes between a
check and the connection (DNS rebinding) cannot slip through, and every redirect hop, which opens
its own connection, is checked the same way. Requests do not go through environment proxies (a
proxy would make the check see the proxy's address instead of the site's).
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as u3conn

FETCHED_SCHEMES = ("http", "https")


class BlockedAddressError(Exception):
    """The host resolves to an address refcheck does not connect to by default."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(f"{host} resolves to {kind} address {address}")
        self.host = host
        self.address = address
        self.kind = kind


def address_kind(address: str) -> str | None:
    """Why ``address`` is not public ("loopback", "private", ...), or None when it is."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "invalid"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    )
    for kind, hit in checks:
        if hit:
            return kind
    if not ip.is_global:
        return "non-public"
    return None


def vetted_addresses(host: str, port: int) -> list[tuple[Any, ...]]:
    """getaddrinfo for ``host``; raises BlockedAddressError if any address is not public."""
    infos = socket.getaddrinfo(host.strip("[]"), port, 0, socket.SOCK_STREAM)
    for info in infos:
        kind = address_kind(str(info[4][0]))
        if kind:
            raise BlockedAddressError(host, str(info[4][0]), kind)
    return infos


def _connect(conn: HTTPConnection, allowed: frozenset[str]) -> socket.socket:
    host = conn._dns_host
    try:
        if host.lower().strip("[]") in allowed:
            infos = socket.getaddrinfo(host.strip("[]"), conn.port, 0, socket.SOCK_STREAM)
        else:
            infos = vetted_addresses(host, conn.port)
    except socket.gaierror as e:
        raise NameResolutionError(conn.host, conn, e) from e
    last: OSError | None = None
    for family, socktype, proto, _name, sockaddr in infos:
        try:
            return u3conn.create_connection(
                (str(sockaddr[0]), int(sockaddr[1])),
                conn.timeout,
                source_address=conn.source_address,
                socket_options=conn.socket_options,
            )
        except TimeoutError as e:
            raise ConnectTimeoutError(conn, f"Connection to {conn.host} timed out.") from e
        except OSError as e:
            last = e
        del family, socktype, proto
    raise NewConnectionError(conn, f"Failed to establish a new connection: {last}")


def adapter(allow_private: bool, pool_size: int, allowed_hosts: frozenset[str] = frozenset()) -> HTTPAdapter:
    """A requests adapter; unless ``allow_private``, connections go only to public addresses (or to
    ``allowed_hosts``, host names whose addresses are not vetted)."""
    if allow_private:
        return HTTPAdapter(pool_connections=64, pool_maxsize=max(pool_size, 4), max_retries=0)
    allowed = frozenset(h.lower() for h in allowed_hosts)

    class SafeHTTPConnection(HTTPConnection):
        def _new_conn(self) -> socket.socket:
            return _connect(self, allowed)

    class SafeHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> socket.socket:
            return _connect(self, allowed)

    class SafeHTTPPool(HTTPConnectionPool):
        ConnectionCls = SafeHTTPConnection

    class SafeHTTPSPool(HTTPSConnectionPool):
        ConnectionCls = SafeHTTPSConnection

    class SafeAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": SafeHTTPPool, "https": SafeHTTPSPool}

    return SafeAdapter(pool_connections=64, pool_maxsize=max(pool_size, 4), max_retries=0)
