"""Soft 404s: a page that answers 200 but says it was not found, and sites that answer every path.

Only a page that itself says "not found" (its title or main heading: "Page not found", "Error 404",
"Not Found | Site") is a soft 404, and so dead. A site that answers a made-up path next to the
cited one with the same page (a single-page app, a data portal, a catch-all CMS) says nothing about
whether the cited page exists: such a link is ``unverified`` (``catch-all``), never dead.

Everything here is linear in the size of the page: the headings come from ``page.read_page`` and
two pages are compared by the overlap of their word shingles (runs of four words, counted with
repeats), not by an edit distance.
"""

from __future__ import annotations

import os
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from refcheck.links.page import PageInfo

# A heading that says the page is missing. Conservative: "404" must stand as an error code (alone,
# "Error 404", "404 - Not Found"), never inside a title such as "Section 404 permits".
_NOT_FOUND = re.compile(
    r"^\W*(?:error\W*|http\W*)?404\b"
    r"|\b404\W*(?:error|not\s+found|page)\b"
    r"|^\W*(?:page\s+|file\s+)?not\s+found\b"
    r"|\b(?:page|file|document|article|resource|content)\s+(?:was\s+|could\s+)?not\s+(?:be\s+)?found\b"
    r"|\bpage\s+(?:does\s+not|doesn't|no\s+longer)\s+exists?\b"
    r"|\bpage\s+(?:cannot|can't|could\s+not|couldn't)\s+be\s+found\b"
    r"|\b(?:cannot|can't|could\s+not|couldn't)\s+be\s+found\b"
    r"|\b(?:we\s+)?(?:can't|cannot|couldn't|could\s+not)\s+find\s+(?:that|the|this)\s+page\b"
    r"|\bseite\s+nicht\s+gefunden\b|\bp[aá]gina\s+no\s+encontrada\b|\bpage\s+introuvable\b"
    r"|\bpagina\s+non\s+trovata\b|\bстраница\s+не\s+найдена\b",
    re.I,
)
SIMILAR = 0.9  # shingle overlap (0-1) above which two bodies are "the same page"
_COMPARED = 262_144  # characters of each body compared
_SHINGLE = 4
_WORD = re.compile(r"[^\s<>\"'=/]+")


_SEGMENTS = re.compile(r"\s+[|–—:·»-]\s+|\s*[|·»]\s*")
LEFTOVER_WORDS = 3  # words a "not found" segment may hold besides the phrase ("Sorry, ...")


def says_not_found(info: PageInfo) -> str | None:
    """The title or main heading that says the page was not found, or None. The phrase must be
    nearly all of one part of the heading (parts split at " | ", " - ", ": "): "Page not found |
    Ministry" says it, "404 Page Not Found design examples" is an article about such pages."""
    for heading in (info.title, info.h1):
        if not heading or len(heading) >= 200:
            continue
        for part in _SEGMENTS.split(heading):
            if _NOT_FOUND.search(part) and len(_NOT_FOUND.sub(" ", part).split()) <= LEFTOVER_WORDS:
                return heading
    return None


def sibling_url(url: str) -> str | None:
    """A URL next to ``url`` that should not exist, or None for a site's root."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    path = parts.path or "/"
    if path == "/":
        return None
    parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
    return urlunsplit((parts.scheme, parts.netloc, f"{parent}refcheck-{os.urandom(8).hex()}", "", ""))


def probe_key(url: str, host: str) -> str:
    """One probe per scheme, host (as connected to) and directory."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    path = parts.path or "/"
    parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
    return f"{parts.scheme}://{host}:{port or ''}{parent}"


@dataclass(frozen=True)
class Probe:
    """What a made-up path next to a cited one answered."""

    status: int
    shingles: Counter[int]


def shingles(body: str, url: str) -> Counter[int]:
    """How often each run of ``_SHINGLE`` words occurs in the body (by hash), the requested path
    left out (error pages often echo it)."""
    try:
        path = urlsplit(url).path
    except ValueError:
        path = ""
    text = body[:_COMPARED]
    if len(path) > 1:
        text = text.replace(path, " ")
    words = _WORD.findall(text)
    if len(words) < _SHINGLE:
        return Counter({zlib.crc32(" ".join(words).encode()): 1})
    return Counter(
        zlib.crc32(" ".join(words[i : i + _SHINGLE]).encode()) for i in range(len(words) - _SHINGLE + 1)
    )


def make_probe(status: int, body: str, url: str) -> Probe:
    return Probe(status, shingles(body, url))


def same_page(probe: Probe, body: str, url: str) -> bool:
    """Whether ``body`` (at ``url``) is the page the probe got: the overlap of their shingles, counted
    with repeats (weighted Jaccard), is at least SIMILAR; a nonce or a date changes a few shingles
    only."""
    mine = shingles(body, url)
    if not mine or not probe.shingles:
        return False
    both = sum((mine & probe.shingles).values())
    either = sum((mine | probe.shingles).values())
    return both / either >= SIMILAR
