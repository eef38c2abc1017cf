"""What an HTML page says it is: its title, ``og:title``, ``citation_title`` and headings.

Read with a few regular-expression searches over the (capped) body, each linear in its size
whatever the markup: every pattern stops at the next ``<`` or ``>``, closing tags are looked for
within a bounded window, and at most a few headings are read. No HTML parser is used: the pages
are hostile input, only a handful of elements is wanted, and a parser would cost more than the
request (Python's html.parser is also slow on some malformed input).
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

# Every pattern stops at the next "<" or ">", so one search is linear in the page however it is
# written; closing tags are searched for within a bounded window.
_TITLE_OPEN = re.compile(r"<title\b[^<>]*>", re.I)
_META = re.compile(r"<meta\b([^<>]{0,2000})>", re.I)
_HEADING_OPEN = re.compile(r"<h([1-3])\b[^<>]*>", re.I)
_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("title", "h1", "h2", "h3")}
_HEAD_END = re.compile(r"</head\s*>|<body\b", re.I)
_ATTR = re.compile(r"""([A-Za-z_:.-]{1,40})\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_META_NAMES = {
    "og:title": "og_title",
    "citation_title": "citation_title",
    "dc.title": "citation_title",
    "twitter:title": "og_title",
}
_WINDOW = 20_000  # characters searched for a closing tag
MAX_TEXT = 300  # characters kept of one title or heading
MAX_HEADINGS = 8


@dataclass
class PageInfo:
    """The names a page gives itself (each None when absent)."""

    title: str | None = None
    og_title: str | None = None
    citation_title: str | None = None
    h1: str | None = None
    headings: list[str] = field(default_factory=list)  # the first few h1-h3, in order

    def candidates(self) -> list[str]:
        """Every title the page carries, most specific first, without repeats."""
        names = [self.citation_title, self.og_title, self.title, self.h1, *self.headings]
        return list(dict.fromkeys(n for n in names if n))

    @property
    def shown(self) -> str | None:
        """The title to quote in a message."""
        return self.citation_title or self.og_title or self.title or self.h1

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "og_title": self.og_title,
            "citation_title": self.citation_title,
            "h1": self.h1,
            "headings": list(self.headings),
        }

    def to_row(self) -> list[Any]:
        """The fields in ``_ORDER``: how a document's warm record stores it (``results.to_columns``)."""
        return [self.title, self.og_title, self.citation_title, self.h1, list(self.headings)]

    @classmethod
    def from_row(cls, row: Any) -> PageInfo:
        """The page ``to_row`` stored; ValueError for anything else (a cache row is never trusted)."""
        if type(row) is not list or len(row) != len(_ORDER) or tuple(map(type, row)) not in _SHAPES:
            raise ValueError("page: not a stored page")
        if not _ONLY_STR.issuperset(map(type, row[4])):
            raise ValueError("page.headings: not a list of strings")
        return cls._capped(*row)

    @classmethod
    def _capped(
        cls,
        title: str | None,
        og_title: str | None,
        citation_title: str | None,
        h1: str | None,
        headings: list[str],
    ) -> PageInfo:
        """A page of stored values whose types are checked, each cut to the length kept."""
        return cls(
            title[:MAX_TEXT] if title else None,
            og_title[:MAX_TEXT] if og_title else None,
            citation_title[:MAX_TEXT] if citation_title else None,
            h1[:MAX_TEXT] if h1 else None,
            [h[:MAX_TEXT] for h in headings[:MAX_HEADINGS]],
        )

    @classmethod
    def from_json(cls, data: Any) -> PageInfo:
        if type(data) is dict and len(data) == len(_ORDER):
            # as to_json writes it: its types told valid by one lookup (a warm re-run reads many)
            try:
                values = _VALUES(data)
            except KeyError:
                values = None
            if (
                values is not None
                and tuple(map(type, values)) in _SHAPES
                and _ONLY_STR.issuperset(map(type, values[4]))
            ):
                return cls._capped(*values)
        if not isinstance(data, dict):
            raise ValueError("page: not an object")
        out: dict[str, Any] = {}
        for key in ("title", "og_title", "citation_title", "h1"):
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"page.{key}: not a string")
            out[key] = value[:MAX_TEXT] if value else None
        headings = data.get("headings") or []
        if not isinstance(headings, list) or not all(map(isinstance, headings, repeat(str))):
            raise ValueError("page.headings: not a list of strings")
        return cls(**out, headings=[h[:MAX_TEXT] for h in headings[:MAX_HEADINGS]])


_ORDER = ("title", "og_title", "citation_title", "h1", "headings")
_VALUES = operator.itemgetter(*_ORDER)
_SHAPES = frozenset((*texts, list) for texts in itertools.product((str, type(None)), repeat=4))
_ONLY_STR = frozenset({str})


def _text(fragment: str) -> str:
    import html  # here and in _meta: only a page read needs it (a warm re-run reads none; ~1 ms)

    # tags out (each found by a pattern that cannot cross "<"), entities decoded, spaces folded
    return " ".join(html.unescape(re.sub(r"<[^<>]*>", " ", fragment)).split())[:MAX_TEXT]


def read_page(body: str) -> PageInfo:
    """The page's title, meta titles and first headings."""
    info = PageInfo()
    m = _TITLE_OPEN.search(body)
    if m:
        info.title = _until_close(body, m.end(), "title")
    head_end = _HEAD_END.search(body)
    head = body[: head_end.start()] if head_end else body[:65536]
    for meta in _META.finditer(head):
        _meta(info, meta.group(1))
    for tried, h in enumerate(_HEADING_OPEN.finditer(body)):
        if tried >= 2 * MAX_HEADINGS:
            break  # each try searches a bounded window: a bounded number of tries stays linear
        text = _until_close(body, h.end(), f"h{h.group(1)}")
        if text:
            if h.group(1) == "1" and info.h1 is None:
                info.h1 = text
            info.headings.append(text)
            if len(info.headings) >= MAX_HEADINGS:
                break
    return info


def _until_close(body: str, start: int, name: str) -> str | None:
    close = _CLOSE[name].search(body, start, min(len(body), start + _WINDOW))
    if close is None:
        return None
    return _text(body[start : close.start()]) or None


def _meta(info: PageInfo, attrs: str) -> None:
    import html

    values: dict[str, str] = {}
    for m in _ATTR.finditer(attrs):
        values[m.group(1).lower()] = m.group(2) if m.group(2) is not None else m.group(3) or m.group(4) or ""
    key = (values.get("property") or values.get("name") or "").lower()
    field_name = _META_NAMES.get(key)
    content = " ".join(html.unescape(values.get("content", "")).split())[:MAX_TEXT]
    if field_name and content and getattr(info, field_name) is None:
        setattr(info, field_name, content)
