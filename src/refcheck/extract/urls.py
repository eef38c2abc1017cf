"""URLs, DOIs and access dates in a stretch of text."""

from __future__ import annotations

import datetime as dt
import re

from refcheck._lazy import lazy_pattern

# A URL runs to white space or an angle bracket; trailing punctuation and unbalanced closers are trimmed.
_URL = re.compile(
    r"(?:https?|ftp)://[^\s<>\"'\u201c\u201d\u2018\u2019]+|\bwww\.[^\s<>\"']+\.[^\s<>\"']+", re.I
)
_DOI = re.compile(r"\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_TRAILING = ".,;:!?)]}>'\"\u201d\u2019"

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ACCESS_WORD = r"(?:accessed|retrieved|viewed|consulted|last\s+visited|visited|cited)(?:\s+(?:on|from))?:?\s*"
# Compiled when first needed (it is one of the costliest expressions to compile, and most entries have no
# access date): _ACCESS_HINT finds the words any match must begin with.
_ACCESS_HINT = re.compile(r"accessed|retrieved|viewed|consulted|visited|cited", re.I)
_ACCESS = lazy_pattern(
    _ACCESS_WORD
    + r"(?:"
    + rf"(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    + rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE})\.?,?\s+(?P<y2>\d{{4}})"
    + r"|(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})"
    + rf"|(?P<y4>\d{{4}})\s+(?P<m4>{_MONTH_RE})\.?\s+(?P<d4>\d{{1,2}})"
    + rf"|(?P<m5>{_MONTH_RE})\.?\s+(?P<y5>\d{{4}})"
    + r")",
    re.I,
)


def trim_url(url: str) -> str:
    """Drop trailing punctuation, and closing brackets that have no opening one inside the URL."""
    end = len(url)
    counts: dict[str, int] = {}  # bracket counts of url[:end], taken once (linear in the URL)
    while end and url[end - 1] in _TRAILING:
        closer = url[end - 1]
        opener = _OPENER.get(closer)
        if opener:
            if closer not in counts:
                counts[closer] = url.count(closer, 0, end)
                counts[opener] = url.count(opener, 0, end)
            if counts[opener] >= counts[closer]:
                break
            counts[closer] -= 1
        end -= 1
    return url[:end]


_OPENER = {")": "(", "]": "[", "}": "{", ">": "<"}


def find_urls(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(url, start, end) for every URL in ``text[start:end]``; offsets are into ``text``.

    URLs broken across lines by wrapping (a line ending in the middle of a URL with no space) are
    joined when the next line continues with URL characters and no space.
    """
    end = len(text) if end is None else end
    out: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for m in _URL.finditer(text, start, end):
        url = trim_url(m.group(0))
        s = m.start()
        e = s + len(url)
        # a URL wrapped right after "/" or "-" continues on the next line
        if e == m.end() and e < end and text[e : e + 1] == "\n" and url[-1] in "/-_=&?":
            nxt = re.match(r"[^\s<>\"']+", text[e + 1 : end])
            if nxt:
                cont = trim_url(nxt.group(0))
                url += cont
                e = e + 1 + len(cont)
        if not url.lower().startswith(("http", "ftp")):
            url = "http://" + url
        out.append((url, s, e))
        taken.append((s, e))
    for m in _DOI.finditer(text, start, end):
        s, e = m.start(), m.end()
        if any(a <= s < b for a, b in taken):
            continue
        doi = trim_url(m.group(1))
        out.append((f"https://doi.org/{doi}", s, s + (m.end(1) - m.start()) - (len(m.group(1)) - len(doi))))
        taken.append((s, e))
    out.sort(key=lambda t: t[1])
    return out


def find_doi(text: str) -> str | None:
    m = _DOI.search(text)
    return trim_url(m.group(1)) if m else None


def parse_access_date(text: str) -> str | None:
    """The ISO date after "accessed", "retrieved", "viewed" ... in ``text``, or None."""
    if not _ACCESS_HINT.search(text):
        return None
    m = _ACCESS().search(text)
    if not m:
        return None
    g = m.groupdict()
    for i in "12345":
        year = g.get(f"y{i}")
        if not year:
            continue
        month_raw = g.get(f"m{i}") or "1"
        month = int(month_raw) if month_raw.isdigit() else _MONTHS[month_raw.lower()]
        day = int(g.get(f"d{i}") or 1)
        try:
            return dt.date(int(year), month, day).isoformat()
        except ValueError:
            return None
    return None
