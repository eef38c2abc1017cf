"""How links are checked: ``LinkOptions`` and the parsers for the command-line values."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_ARCHIVE_API = "https://archive.org/wayback/available"
ARCHIVE_MODES = ("auto", "all", "none")

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.I)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(value: str | float) -> float:
    """Seconds from ``3600``, ``"90s"``, ``"1h"``, ``"2d"`` or ``"1w"``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return float(value)
    m = _DURATION.match(str(value))
    if not m:
        raise ValueError(f'expected seconds or a duration such as "1h" or "2d", not {value!r}')
    return float(m.group(1)) * _UNITS[m.group(2).lower()]


def parse_accept(value: str) -> frozenset[int]:
    """Status codes from ``"200,204,429"`` or ranges ``"200..299"`` (also ``200-299``)."""
    codes: set[int] = set()
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d{3})\s*(?:\.\.|-)\s*(\d{3})", part)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            if lo > hi:
                raise ValueError(f"empty status range {part!r}")
            codes.update(range(lo, hi + 1))
        elif re.fullmatch(r"\d{3}", part):
            codes.add(int(part))
        else:
            raise ValueError(f"not a status code or range: {part!r}")
    if not codes or any(not 100 <= c <= 999 for c in codes):
        raise ValueError(f"status codes are between 100 and 999: {value!r}")
    return frozenset(codes)


def default_cache_dir() -> Path:
    env = os.environ.get("REFCHECK_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("refcheck"))


def default_archive_api() -> str:
    return os.environ.get("REFCHECK_ARCHIVE_API") or DEFAULT_ARCHIVE_API


def host_port(url: str) -> tuple[str, int] | None:
    """(host, port) a URL connects to, or None when it has no host."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


@dataclass
class LinkOptions:
    """Everything the link checker can be told; defaults are the command line's."""

    timeout: float = 10.0  # seconds one URL may take, all of it: every hop, headers, bodies, retries
    stage_timeout: float = 900.0  # seconds the whole link stage may take (0: no limit)
    max_concurrency: int = 16  # URLs checked at once
    per_host: int = 4  # URLs checked at once on one host
    host_delay: float = 0.0  # seconds between two requests starting on one host
    exclude: list[str] = field(default_factory=list)  # regular expressions: URLs not checked
    accept: frozenset[int] | None = None  # status codes that mean alive (None: any 2xx)
    retries: int = 2  # further tries after 429, 5xx, timeouts and resets
    max_retry_wait: float = 10.0  # longest wait honoured from Retry-After
    backoff: float = 0.5  # first wait between tries; doubled each time
    max_redirects: int = 10
    max_body: int = 256 * 1024  # bytes of a body read at most (after decompression)
    soft_404: bool = True
    check_content: bool = True  # compare cited titles with the pages (link-content-mismatch/-changed)
    archive: str = "auto"  # auto: dead and unverified links; all; none
    archive_api: str = field(default_factory=default_archive_api)
    archive_interval: float = 1.0  # seconds between two archive requests
    archive_max_age: float = 28 * 86400.0
    allow_private_hosts: bool = False
    allowed_hosts: frozenset[str] = frozenset()  # host names fetched whatever they resolve to
    # host:port connected to (no request sent) to tell "no network" from dead hosts; None: the
    # archive API's host
    network_probe: str | None = None
    network_failures: int = 3  # hosts failing for lack of network, none answering, before the probe
    cache: bool = True
    cache_dir: Path | None = None  # None: REFCHECK_CACHE_DIR or the user cache directory
    cache_max_age: float = 86400.0
    user_agent: str = "Mozilla/5.0 (compatible; refcheck link checker)"

    def __post_init__(self) -> None:
        if self.archive not in ARCHIVE_MODES:
            raise ValueError(f"archive must be one of {', '.join(ARCHIVE_MODES)}, not {self.archive!r}")
        for pattern in self.exclude:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad --exclude pattern {pattern!r}: {exc}") from None
        self.max_concurrency = max(1, self.max_concurrency)
        if self.cache_dir is not None and not isinstance(self.cache_dir, Path):
            self.cache_dir = Path(self.cache_dir)  # a str from library callers
        if self.stage_timeout < 0:
            raise ValueError("the link stage timeout cannot be negative")
        self.per_host = max(1, self.per_host)
