"""What the link checker's modules share about HTTP, without importing any HTTP client: status
codes, reasons, ``Retry-After``. Importing this (and the cache) is all a fully cached run needs."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

FETCHED_SCHEMES = ("http", "https")
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
# Reasons that say the network itself may be missing (nothing resolves, nothing connects).
NETWORK_REASONS = frozenset({"dns-failure", "connection-refused", "network-unreachable", "connect-timeout"})
NETWORK_UNAVAILABLE = "network-unavailable"
STAGE_TIMEOUT = "stage-timeout"

Progress = Callable[[int, int], None]


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (a number or an HTTP date), or None."""
    value = headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        import email.utils  # (and what it imports) only for a Retry-After date

        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    try:
        return max(0.0, when.timestamp() - time.time())
    except (OverflowError, ValueError, OSError):
        return None
