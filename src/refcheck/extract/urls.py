"""URLs, DOIs and access dates in a stretch of text."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

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
# (parse_access_date spells these words out as substring tests: keep the two alike)
_ACCESS_HINT_WORDS = ("accessed", "retrieved", "viewed", "consulted", "visited", "cited")
_ACCESS_HINT = re.compile("|".join(_ACCESS_HINT_WORDS), re.I)
_ACCESS = lazy_pattern(
    _ACCESS_WORD
    + r"(?:"
    + rf"(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    # (also "16-September-2009", the date of Wikipedia's "Cite this page" BibTeX note)
    + rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+|-)(?P<m2>{_MONTH_RE})\.?(?:,?\s+|-)(?P<y2>\d{{4}})"
    + r"|(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})"
    + rf"|(?P<y4>\d{{4}})\s+(?P<m4>{_MONTH_RE})\.?\s+(?P<d4>\d{{1,2}})"
    + rf"|(?P<m5>{_MONTH_RE})\.?\s+(?P<y5>\d{{4}})"
    # (all in numbers, "16/09/2009", "09/16/2009", "16.09.2009": day and month told apart only when
    # one of them is over 12, or both are the same)
    + r"|(?P<a6>\d{1,2})(?P<s6>[/.])(?P<b6>\d{1,2})(?P=s6)(?P<y6>\d{4})(?!\d)"
    + r")",
    re.I,
)


_OPENER = {")": "(", "]": "[", "}": "{", ">": "<"}


def trim_url(url: str) -> str:
    """Drop trailing punctuation, and closing brackets that have no opening one inside the URL.

    Linear in the URL's length: each bracket is counted once and the counts follow the trimming
    (a count of the whole URL per trailing bracket made "http://a" and many ")" quadratic)."""
    end = len(url)
    counts: dict[str, int] = {}  # a bracket's count in url[:end]

    def count(ch: str) -> int:
        if ch not in counts:
            counts[ch] = url.count(ch, 0, end)
        return counts[ch]

    while end and url[end - 1] in _TRAILING:
        closer = url[end - 1]
        opener = _OPENER.get(closer)
        if opener and count(opener) >= count(closer):
            break
        end -= 1
        if closer in counts:
            counts[closer] -= 1
    return url[:end]


_SCHEME = "://"
_WWW = re.compile(r"[wW]{3}\.")  # every "www." _URL (case-insensitive) can match


def _find_www(text: str, pos: int, end: int) -> int:
    """``_WWW.search(text, pos, end).start()``, or -1: the "w." and "W." its matches end with, found
    by string searches (a few times sooner over a long text than the expression, which is tried at
    every "w"), then the two letters before each checked."""
    found = -1
    for dot in ("w.", "W."):
        k = text.find(dot, pos + 2, end if found == -1 else found + 4)
        while k != -1:
            if text[k - 2] in "wW" and text[k - 1] in "wW":
                found = k - 2  # (the earliest of this case; the other case looks only before it)
                break
            k = text.find(dot, k + 1, end if found == -1 else found + 4)
    return found


_URL_RUN = lazy_pattern(r"[^\s<>\"']+")
# The longest text a DOI match can have before its "10.": "https://dx.doi.org/" or "doi:" (then white space).
_DOI_LEAD = 20


class _Next:
    """The next offset at or after ``pos`` of something a finder looks for (-1: no more), each found
    once: the look-ups of one scan move forward together, so a scan stays linear."""

    def __init__(self, find: Callable[[int], int]) -> None:
        self.find = find
        self.at = -2  # not looked up yet

    def __call__(self, pos: int) -> int:
        if self.at == -2 or (self.at != -1 and self.at < pos):
            self.at = self.find(pos)
        return self.at


def _url_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_URL.finditer(text, start, end)``, skipping the stretches where no URL can start: a URL
    match has "://" within its first eight characters or starts with "www." (the search still
    starts from the earliest place one could, so the matches are the same; on a long text without
    URLs this is a few string searches instead of a regular-expression attempt at every offset)."""
    scheme = _Next(lambda p: text.find(_SCHEME, p, end))
    www = _Next(lambda p: _find_www(text, p, end))
    pos = start
    while pos < end:
        candidates = [c for c in (scheme(pos), www(pos)) if c != -1]
        if not candidates:
            return
        first = min(candidates)
        if first == scheme.at:
            first -= 5  # "https://", "http://", "ftp://": the scheme stands at most five before
        m = _URL.search(text, max(pos, first), end)
        if m is None:
            return
        yield m
        pos = m.end()


def _doi_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_DOI.finditer(text, start, end)``, skipping the stretches without "10." (every DOI has it;
    what may stand before it is a "doi:" and white space, or a doi.org address)."""
    pos = start
    while pos < end:
        q = text.find("10.", pos, end)
        if q == -1:
            return
        k = q
        while k > pos and text[k - 1].isspace():
            k -= 1
        m = _DOI.search(text, max(pos, k - _DOI_LEAD), end)
        if m is None:
            return
        yield m
        pos = m.end()


# Links that word processors and mail services wrap around the one the author gave: Google Docs'
# HTML export (https://www.google.com/url?q=TARGET&sa=D...), Outlook's Safe Links
# (https://eur01.safelinks.protection.outlook.com/?url=TARGET&data=...)
_WRAPPERS = (
    (re.compile(r"(?i)^https?://(?:www\.)?google\.[a-z.]{2,6}/url\?"), "q"),
    (re.compile(r"(?i)^https?://[a-z0-9-]+\.safelinks\.protection\.outlook\.com/\?"), "url"),
)


def unwrap_url(url: str) -> str:
    """The link a redirecting wrapper stands for (its target, when that is http or https), else
    ``url``: a wrapped link is checked where the reader lands, not at the wrapper."""
    for pattern, key in _WRAPPERS:
        if pattern.match(url):
            target = (parse_qs(urlsplit(url).query).get(key) or [""])[0]
            if re.match(r"(?i)https?://[^\s/]", target) and not re.search(r"\s", target):
                return target
    return url


def may_hold_urls(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` has what every URL or DOI match needs ("://", "10." or "www."):
    when not, ``find_urls`` finds nothing there, nor in any part of it."""
    if start == 0 and end is None and not (":" in text or "10." in text or "w." in text or "W." in text):
        # (a whole text, an entry's, without the marks each search needs first: "in" tests, each a
        # tenth of a str.find given bounds, whose arguments are parsed by format at every call)
        return False
    end = len(text) if end is None else end
    return (
        _find_scheme(text, start, end) != -1
        or text.find("10.", start, end) != -1
        or _find_www(text, start, end) != -1
    )


def _find_scheme(text: str, start: int, end: int) -> int:
    """``text.find("://", start, end)``: the colons found first (a colon is rare in prose, and a
    search for one character skips through a long text many times sooner than one for three), then
    the three-character search on from the first few."""
    k = text.find(":", start, end)
    for _ in range(16):  # (then, in a text of many colons, the search for all three)
        if k == -1 or text.startswith("//", k + 1, end):
            return k
        k = text.find(":", k + 1, end)
    return text.find("://", k, end)


def _unopened_brace(url: str) -> int:
    """The offset of the first "}" in ``url`` that no "{" before it opens, or -1."""
    depth = 0
    for i, ch in enumerate(url):
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                return i
            depth -= 1
    return -1


def find_urls(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(url, start, end) for every URL in ``text[start:end]``; offsets are into ``text``.

    URLs broken across lines by wrapping (a line ending in the middle of a URL with no space) are
    joined when the next line continues with URL characters and no space.
    """
    end = len(text) if end is None else end
    if not may_hold_urls(text, start, end):
        return []  # nothing a URL or a DOI needs (most entries and notes): three scans, no more
    out: list[tuple[str, int, int]] = []
    # the URLs found: their starts (increasing) and, for each, the furthest end up to it (a URL joined
    # to its next line may reach past the start of the next)
    url_starts: list[int] = []
    url_ends: list[int] = []
    for m in _url_matches(text, start, end):
        url = trim_url(m.group(0))
        if "}" in url and (k := _unopened_brace(url)) > 0:
            # a brace no address holds unescaped, closing a LaTeX argument: a command of the
            # document's own, "\fnref{https://a.org}{the guide}" (\url and \href are read apart;
            # "\~{}" in the address is no such brace)
            url = trim_url(url[:k])
        s = m.start()
        e = s + len(url)
        # a URL wrapped right after "/" or "-" continues on the next line
        if e == m.end() and e < end and text[e : e + 1] == "\n" and url[-1] in "/-_=&?":
            nxt = _URL_RUN().match(text, e + 1, end)
            if nxt:
                cont = trim_url(nxt.group(0))
                url += cont
                e = e + 1 + len(cont)
        if s > start and text[s - 1] == "[" and (k := url.find("](")) > 0:
            # a Markdown link whose text is the address, "[https://a.org/](https://a.org/)": the
            # text's address and the link's, not one address running through both (a dead link)
            target = trim_url(url[k + 2 :])
            if target:
                if _SCHEME_OR_SLASH.sub("", url[:k]) != _SCHEME_OR_SLASH.sub("", target):
                    out.append((_with_scheme(unescape_url(url[:k])), s, s + k))
                s, e = s + k + 2, s + k + 2 + len(target)
                url = target
        out.append((_with_scheme(unescape_url(url)), s, e))
        url_starts.append(s)
        url_ends.append(max(e, url_ends[-1]) if url_ends else e)
    for m in _doi_matches(text, start, end):
        s = m.start()
        # inside a URL found above? (one bisection; DOI matches never overlap one another)
        k = bisect.bisect_right(url_starts, s) - 1
        if k >= 0 and s < url_ends[k]:
            continue
        doi = trim_url(m.group(1))
        out.append(
            (
                f"https://doi.org/{unescape_url(doi)}",
                s,
                s + (m.end(1) - m.start()) - (len(m.group(1)) - len(doi)),
            )
        )
    out.sort(key=lambda t: t[1])
    return out


_SCHEME_OR_SLASH = re.compile(r"^[a-z]+://|/+$", re.I)
# A LaTeX escape in an address: "\_", "\#", "\%", "\&", "\$", "\~{}", "\textasciitilde{}", which the
# argument of a document's own macro carries ("\fnref{https://a.org/Software\_rot}{...}") and hyperref
# removes (Markdown's backslash escapes are the same). No address holds a backslash (RFC 3986 has none;
# a browser makes it "/"): kept, the link check fetched another page.
_TEX_ESCAPE = lazy_pattern(r"\\(?:textasciitilde(?![A-Za-z])(?:\{\})?|~(?:\{\})?|([_#%&$]))")


def unescape_url(url: str) -> str:
    """``url`` with the LaTeX (and Markdown) escapes of its characters removed, as hyperref does:
    "Software\\_rot" is "Software_rot", "\\~{}user" is "~user" (no backslash: ``url`` itself)."""
    if "\\" not in url:
        return url
    return _TEX_ESCAPE().sub(lambda m: m.group(1) or "~", url)


def _with_scheme(url: str) -> str:
    """``url``, with ``http://`` before an address without a scheme ("www.a.org")."""
    return url if url.lower().startswith(("http", "ftp")) else "http://" + url


def find_doi(text: str) -> str | None:
    m = next(_doi_matches(text, 0, len(text)), None)
    return trim_url(m.group(1)) if m else None


def parse_access_date(text: str) -> str | None:
    """The ISO date after "accessed", "retrieved", "viewed" ... in ``text``, or None."""
    if text.isascii():
        # what _ACCESS_HINT finds, as substring tests (a tenth of its case-blind scan); for ASCII text
        # lower() is exact, elsewhere re.I folds more letters ("ſ", "ı", "K") than lower() does
        low = text.lower()
        # (each word tested in turn, not through a generator: a third of the time for an entry)
        if not (
            "accessed" in low
            or "retrieved" in low
            or "viewed" in low
            or "consulted" in low
            or "visited" in low
            or "cited" in low
        ):
            return None
    elif not _ACCESS_HINT.search(text):
        return None
    m = _ACCESS().search(text)
    if not m:
        return None
    g = m.groupdict()
    if g.get("y6"):
        first, second = int(g["a6"]), int(g["b6"])
        if first != second and first <= 12 and second <= 12:
            return None  # ("05/06/2009": the 5th of June or May the 6th)
        day, month = (first, second) if first > 12 or first == second else (second, first)
        try:
            return dt.date(int(g["y6"]), month, day).isoformat()
        except ValueError:
            return None
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
