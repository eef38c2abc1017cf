"""What a link check finds: the state of one URL (``LinkResult``) and of one occurrence (``Link``).

This module imports nothing heavy, so rules and reporters can read link results without loading
``requests``.
"""

from __future__ import annotations

import enum
import operator
from dataclasses import dataclass, field
from typing import Any

from refcheck.links.page import PageInfo


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
    page: PageInfo | None = None  # what the page read (a 200 HTML answer) calls itself
    from_cache: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "status": self.status.value,
            "http_status": self.http_status,
            "final_url": self.final_url,
            "reason": self.reason,
            "detail": self.detail,
            "redirects": [{"url": h.url, "status": h.status} for h in self.redirects],
            "suggested_url": self.suggested_url,
            "evidence": dict(self.evidence),
            "archive_url": self.archive_url,
            "archive_timestamp": self.archive_timestamp,
            "archive_note": self.archive_note,
            "checked_at": self.checked_at,
            "page": self.page.to_json() if self.page is not None else None,
        }

    @classmethod
    def from_json(cls, data: Any) -> LinkResult:
        """The result stored as ``to_json`` made it; ValueError when any field has the wrong type (a
        cache row written by something else is refused, never trusted)."""
        fast = _from_exact_json(cls, data)
        if fast is not None:
            return fast
        if not isinstance(data, dict):
            raise ValueError("not an object")
        unknown = set(data) - _FIELDS - {"from_cache"}
        if unknown:
            raise ValueError(f"unknown fields {sorted(unknown)}")
        url = data.get("url")
        if not isinstance(url, str):
            raise ValueError("url: not a string")
        status = LinkState(data.get("status"))
        http_status = data.get("http_status")
        if http_status is not None and (type(http_status) is not int or not 100 <= http_status <= 999):
            raise ValueError("http_status: not a status code")
        for key in _TEXT_FIELDS:
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{key}: not a string")
        hops = data.get("redirects") or []
        if not isinstance(hops, list):
            raise ValueError("redirects: not a list")
        redirects = []
        for h in hops:
            if (
                not isinstance(h, dict)
                or not isinstance(h.get("url"), str)
                or type(h.get("status")) is not int
            ):
                raise ValueError("redirects: not a list of hops")
            redirects.append(Hop(h["url"], h["status"]))
        evidence = data.get("evidence") or {}
        if not isinstance(evidence, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in evidence.items()
        ):
            raise ValueError("evidence: not a mapping of strings")
        checked_at = data.get("checked_at", 0.0)
        if type(checked_at) not in (int, float):
            raise ValueError("checked_at: not a number")
        page = data.get("page")
        return cls(
            url,
            status,
            http_status=http_status,
            redirects=redirects,
            evidence=dict(evidence),
            checked_at=_seconds(checked_at),
            page=PageInfo.from_json(page) if page is not None else None,
            final_url=data.get("final_url"),
            reason=data.get("reason"),
            detail=data.get("detail"),
            suggested_url=data.get("suggested_url"),
            archive_url=data.get("archive_url"),
            archive_timestamp=data.get("archive_timestamp"),
            archive_note=data.get("archive_note"),
        )


_FIELDS = frozenset(
    {"url", "status", "http_status", "redirects", "evidence", "checked_at", "page"}
    | {"final_url", "reason", "detail", "suggested_url", "archive_url", "archive_timestamp", "archive_note"}
)
_TEXT_FIELDS = (
    "final_url",
    "reason",
    "detail",
    "suggested_url",
    "archive_url",
    "archive_timestamp",
    "archive_note",
)

# The fields as ``to_json`` writes them, and the types each may have there: a row of exactly these
# keys and types is told valid by two lookups of its types (a warm re-run reads thousands of rows:
# about twice as fast as the test per field, which every other row still goes through)
_FIXED = ("url", "status", "http_status", "redirects", "evidence", "checked_at", "page")
_FIXED_VALUES = operator.itemgetter(*_FIXED)
_TEXT_VALUES = operator.itemgetter(*_TEXT_FIELDS)
_NONE = type(None)
_FIXED_SHAPES = frozenset(
    (str, str, http, list, dict, number, page)
    for http in (int, _NONE)
    for number in (int, float)
    for page in (dict, _NONE)
)
_STR_OR_NONE = frozenset({str, _NONE})
_ONLY_STR = frozenset({str})
_STATES = {state.value: state for state in LinkState}


def _seconds(value: float) -> float:
    """A stored check time as a float; ValueError for an integer too large for one (a tampered row
    must be refused like any other, not stop the run with an OverflowError)."""
    try:
        return float(value)
    except OverflowError:
        raise ValueError("checked_at: not a time") from None


# A warm record (links/cache.py) stores its results by column: [count, then for each field of a
# LinkResult in order its n values], a field with few distinct values (state, status, reason,
# detail, evidence) as [distinct values, the index of each result's]. Decoding and checking 2,000
# results field by field takes a third of the time row by row did (a list's types are one set).
_NUMBERS: frozenset[type] = frozenset({int, float})


def to_columns(results: list[LinkResult]) -> list[Any]:
    """``results`` as a warm record stores them (read back by ``from_columns``)."""
    return [
        len(results),
        [r.url for r in results],
        _shared([r.status.value for r in results]),
        _shared([r.http_status for r in results]),
        [r.final_url for r in results],
        _shared([r.reason for r in results]),
        _shared([r.detail for r in results]),
        [[[h.url, h.status] for h in r.redirects] for r in results],
        [r.suggested_url for r in results],
        _shared([dict(r.evidence) for r in results]),
        [r.archive_url for r in results],
        [r.archive_timestamp for r in results],
        [r.archive_note for r in results],
        [r.checked_at for r in results],
        [r.page.to_row() if r.page is not None else None for r in results],
    ]


def _shared(values: list[Any]) -> list[Any]:
    """[the distinct values, the index of each value among them]."""
    distinct: list[Any] = []
    where: dict[str, int] = {}
    index = []
    for v in values:
        key = repr(v)  # (a dict is not hashable; the same values give the same repr)
        at = where.get(key)
        if at is None:
            at = where[key] = len(distinct)
            distinct.append(v)
        index.append(at)
    return [distinct, index]


def from_columns(data: Any) -> list[LinkResult]:
    """The results ``to_columns`` stored; ValueError when ``data`` is anything else (a cache row
    written by something else is refused whole, never trusted)."""
    if type(data) is not list or len(data) != 15 or type(data[0]) is not int:
        raise ValueError("not a stored record")
    n = data[0]
    url, states, http, final, reasons, details, hops, suggested, evidence = data[1:10]
    archive_url, archive_timestamp, archive_note, checked, pages = data[10:]
    for column, kinds in (
        (url, _ONLY_STR),
        (final, _STR_OR_NONE),
        (suggested, _STR_OR_NONE),
        (archive_url, _STR_OR_NONE),
        (archive_timestamp, _STR_OR_NONE),
        (archive_note, _STR_OR_NONE),
        (checked, _NUMBERS),
    ):
        _column(column, n, kinds)
    _column(hops, n, frozenset({list}))
    _column(pages, n, frozenset({list, _NONE}))
    state_of = _unshared(states, n, lambda v: _STATES[v])  # (KeyError: not a state)
    http_of = _unshared(http, n, _http_status)
    reason_of = _unshared(reasons, n, _text_or_none)
    detail_of = _unshared(details, n, _text_or_none)
    evidence_of = _unshared(evidence, n, _evidence)
    redirects = [[_hop(h) for h in chain] if chain else [] for chain in hops]
    times = list(map(_seconds, checked))
    return list(
        map(
            LinkResult,
            url,
            state_of,
            http_of,
            final,
            reason_of,
            detail_of,
            redirects,
            suggested,
            [dict(e) for e in evidence_of],  # each result its own
            archive_url,
            archive_timestamp,
            archive_note,
            times,
            [PageInfo.from_row(p) if p is not None else None for p in pages],
        )
    )


def _column(column: Any, n: int, kinds: frozenset[Any]) -> None:
    if type(column) is not list or len(column) != n or not kinds.issuperset(map(type, column)):
        raise ValueError("a stored column has the wrong length or types")


def _unshared(column: Any, n: int, check: Any) -> list[Any]:
    """The n values of a ``_shared`` column, each distinct one passed through ``check``."""
    if type(column) is not list or len(column) != 2 or type(column[0]) is not list:
        raise ValueError("not a stored column")
    distinct, index = column
    _column(index, n, frozenset({int}))
    values = [check(v) for v in distinct]
    if index and (min(index) < 0 or max(index) >= len(values)):
        raise ValueError("a stored column points nowhere")
    return [values[i] for i in index]


def _http_status(value: Any) -> int | None:
    if value is not None and (type(value) is not int or not 100 <= value <= 999):
        raise ValueError("http_status: not a status code")
    return value


def _text_or_none(value: Any) -> str | None:
    if value is not None and type(value) is not str:
        raise ValueError("not a text")
    return value


def _evidence(value: Any) -> dict[str, str]:
    if (
        type(value) is not dict
        or not _ONLY_STR.issuperset(map(type, value))
        or not _ONLY_STR.issuperset(map(type, value.values()))
    ):
        raise ValueError("evidence: not a mapping of strings")
    return value


def _hop(hop: Any) -> Hop:
    if type(hop) is not list or len(hop) != 2 or type(hop[0]) is not str or type(hop[1]) is not int:
        raise ValueError("redirects: not a list of hops")
    return Hop(hop[0], hop[1])


def _from_exact_json(cls: type[LinkResult], data: Any) -> LinkResult | None:
    """``LinkResult.from_json`` of a row exactly as ``to_json`` writes it with no redirects, or
    None for any other (which the tests field by field then accept or refuse)."""
    if type(data) is not dict or len(data) != len(_FIELDS):
        return None
    try:
        url, status, http_status, hops, evidence, checked_at, page = fixed = _FIXED_VALUES(data)
        texts = _TEXT_VALUES(data)
    except KeyError:
        return None
    if tuple(map(type, fixed)) not in _FIXED_SHAPES or not _STR_OR_NONE.issuperset(map(type, texts)):
        return None
    state = _STATES.get(status)
    if (
        state is None
        or hops
        or (http_status is not None and not 100 <= http_status <= 999)
        or not _ONLY_STR.issuperset(map(type, evidence))
        or not _ONLY_STR.issuperset(map(type, evidence.values()))
    ):
        return None
    final_url, reason, detail, suggested_url, archive_url, archive_timestamp, archive_note = texts
    return cls(
        url,
        state,
        http_status,
        final_url,
        reason,
        detail,
        [],
        suggested_url,
        dict(evidence),
        archive_url,
        archive_timestamp,
        archive_note,
        _seconds(checked_at),
        PageInfo.from_json(page) if page is not None else None,
    )


@dataclass
class ContentCheck:
    """Whether the page at a cited URL carries the title the entry gives it (``link-content-*``).

    ``status``: ``mismatch`` (neither the live page nor the archived copy nearest the access date
    carries the title), ``changed`` (the live page does not, the archived copy does)."""

    status: str
    cited_title: str
    page_title: str | None  # what the live page calls itself
    archive_url: str | None = None
    archive_title: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> ContentCheck:
        if not isinstance(data, dict) or data.get("status") not in ("mismatch", "changed"):
            raise ValueError("content: not a content check")
        return cls(
            str(data["status"]),
            str(data.get("cited_title") or ""),
            data.get("page_title"),
            data.get("archive_url"),
            data.get("archive_title"),
        )


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
    content: ContentCheck | None = None  # set when the page does not carry the entry's title

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
