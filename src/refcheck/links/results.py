"""What a link check finds: the state of one URL (``LinkResult``) and of one occurrence (``Link``).

This module imports nothing heavy, so rules and reporters can read link results without loading
``requests``.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any


class LinkState(enum.Enum):
    """The state of a checked URL."""

    ALIVE = "alive"  # answered 2xx (also after temporary redirects)
    REDIRECTED = "redirected"  # moved permanently (301/308) to a page that is alive
    DEAD = "dead"  # 404/410, no such host, refused, redirect loop, soft 404
    UNVERIFIED = "unverified"  # could not tell: blocked, rate-limited, 5xx, timeout, TLS, no network
    SKIPPED = "skipped"  # not fetched: excluded, not http(s), non-public address

    def __str__(self) -> str:
        return self.value


@dataclass
class Hop:
    """One answer in a redirect chain."""

    url: str
    status: int


@dataclass
class LinkResult:
    """The outcome of checking one URL (shared by every occurrence of it)."""

    url: str
    status: LinkState
    http_status: int | None = None
    final_url: str | None = None  # where the redirects ended
    reason: str | None = None  # short machine-readable reason: "not-found", "soft-404", "bot-challenge"...
    detail: str | None = None  # one human sentence
    redirects: list[Hop] = field(default_factory=list)
    suggested_url: str | None = None  # for REDIRECTED: the URL after the permanent redirects
    evidence: dict[str, str] = field(default_factory=dict)  # key response headers
    archive_url: str | None = None
    archive_timestamp: str | None = None  # YYYYMMDDhhmmss, as the archive gives it
    archive_note: str | None = None
    checked_at: float = 0.0  # UNIX time of the check
    from_cache: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        data.pop("from_cache")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinkResult:
        data = dict(data)
        data["status"] = LinkState(data["status"])
        data["redirects"] = [Hop(**h) for h in data.get("redirects") or []]
        data.pop("from_cache", None)
        return cls(**data)


@dataclass
class Link:
    """One occurrence of a URL in a document, with the result of checking it."""

    url: str
    start: int  # offset in Document.text (-1: from a structured source such as a .bib entry)
    end: int
    line: int | None
    column: int | None
    reference: str | None  # Reference.id
    footnote: str | None  # Footnote.label
    accessed: str | None  # ISO date
    result: LinkResult

    @property
    def status(self) -> LinkState:
        return self.result.status

    def as_record(self) -> dict[str, Any]:
        """The JSON record of ``files[].links[]``."""
        r = self.result
        return {
            "url": self.url,
            "line": self.line,
            "column": self.column,
            "reference": self.reference,
            "footnote": self.footnote,
            "status": r.status.value,
            "http_status": r.http_status,
            "final_url": r.final_url,
            "reason": r.reason,
            "accessed": self.accessed,
            "archive_url": r.archive_url,
            "archive_timestamp": r.archive_timestamp,
        }
