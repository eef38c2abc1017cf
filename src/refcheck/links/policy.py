"""What is fetched at all, decided without the network: the scheme, ``--exclude``, and hosts that
are certainly not public as written (``localhost``, numeric addresses in any spelling).

Applied before the cache is read, so a result cached by a run with other settings (an
``--exclude`` added since, ``--allow-private-hosts`` dropped) is not reused. Where a name's
addresses are vetted, at the connection, is ``safety``; this module imports no HTTP client.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from refcheck.links.options import LinkOptions
from refcheck.links.protocol import FETCHED_SCHEMES
from refcheck.links.results import LinkResult, LinkState

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


def address_kind(address: str) -> str | None:
    """Why ``address`` is not public ("loopback", "private", ...), or None when it is."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "invalid"
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4 addresses carried inside IPv6 ones reach the IPv4 address: judge that one
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return address_kind(str(embedded))
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


def literal_address(host: str) -> str | None:
    """The address a host written as a number stands for (``127.1``, ``0x7f.0.0.1``,
    ``2130706433``, ``017700000001``, ``[::1]``), or None for a name."""
    h = host.strip("[]").split("%", 1)[0]
    if ":" in h:
        try:
            return str(ipaddress.IPv6Address(h))
        except ValueError:
            return None
    if not h or not all(c in "0123456789abcdefxABCDEFX." for c in h) or not h[0].isdigit():
        return None
    try:
        import socket  # here: a run answered from the cache never needs it (start-up, ~2 ms)

        return socket.inet_ntoa(socket.inet_aton(h))  # the forms the C library's resolver accepts
    except OSError:
        return None


def host_kind(host: str) -> str | None:
    """Why ``host`` as written is certainly not public (a local name or a non-public literal
    address), without resolving it; None when only resolving it can tell."""
    h = host.strip("[]").rstrip(".").lower()
    if h in _LOCAL_NAMES or h.endswith(".localhost"):
        return "loopback"
    address = literal_address(h)
    return address_kind(address) if address else None


# A URL whose scheme and host ``urlsplit`` reads as written: a lower-case http(s) scheme, a host of
# letters, digits, dots and hyphens, a port of digits, then the path, query, fragment or the end
# (no user-info, brackets, percent signs, spaces or control characters, which it treats apart)
_PLAIN = re.compile(r"(https?)://([A-Za-z0-9.-]+)(?::[0-9]*)?(?=[/?#]|\Z)")


def _scheme_and_host(url: str) -> tuple[str, str | None]:
    """``urlsplit(url)``'s lower-case scheme and its ``hostname``; ValueError as urlsplit raises it.
    A plain URL is read by one match (a document's thousands of URLs: urlsplit's own cache holds
    128 and costs more than this)."""
    m = _PLAIN.match(url)
    if m is not None:
        return m.group(1), m.group(2).lower()
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.hostname


def canonical_host(url: str) -> str:
    """The host a URL connects to, written one way: no user-info, no port, lower case, no final
    dot, numeric IPv4 forms as a dotted quad (for per-host limits)."""
    try:
        host = _scheme_and_host(url)[1] or ""
    except ValueError:
        return ""
    canonical = _CANONICAL.get(host)
    if canonical is None:  # once per host: a document cites many pages of few sites
        if len(_CANONICAL) >= 4096:
            _CANONICAL.clear()
        stripped = host.rstrip(".")
        canonical = _CANONICAL[host] = literal_address(stripped) or stripped
    return canonical


_CANONICAL: dict[str, str] = {}  # hostname -> canonical_host's answer for it


class Policy:
    """The checks of one run (its options and compiled ``--exclude`` patterns)."""

    def __init__(self, options: LinkOptions) -> None:
        self.options = options
        self.exclude: Sequence[re.Pattern[str]] = [re.compile(p) for p in options.exclude]
        self._host_kinds: dict[str, str] = {}  # hostname -> host_kind(hostname) or ""

    def result(self, url: str, now: float) -> LinkResult | None:
        """The result of a URL that is not fetched at all, or None when it may be."""
        try:
            scheme, host = _scheme_and_host(url)
        except ValueError:
            return LinkResult(
                url, LinkState.DEAD, reason="invalid-url", detail="the URL is not valid", checked_at=now
            )
        if scheme not in FETCHED_SCHEMES:
            return LinkResult(
                url, LinkState.SKIPPED, reason="not-http", detail=f"{scheme}: links are not fetched",
                checked_at=now,
            )  # fmt: skip
        for pattern in self.exclude:
            if pattern.search(url):
                return LinkResult(
                    url, LinkState.SKIPPED, reason="excluded",
                    detail=f"matches --exclude {pattern.pattern!r}", checked_at=now,
                )  # fmt: skip
        opts = self.options
        if opts.allow_private_hosts:
            return None
        hostname = host or ""
        if hostname.lower() not in opts.allowed_hosts:
            kind = self._host_kinds.get(hostname)
            if kind is None:  # once per host: a document cites many pages of few sites
                kind = self._host_kinds[hostname] = host_kind(hostname) or ""
            if kind:
                return LinkResult(
                    url, LinkState.SKIPPED, reason="private-address",
                    detail=f"not fetched: {hostname} is a {kind} address", checked_at=now,
                )  # fmt: skip
        return None
