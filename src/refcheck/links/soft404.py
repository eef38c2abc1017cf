"""Soft 404s: a page that answers 200 but is really a "not found" page.

Two signs, either is enough: the page's title or main heading says "not found" / "404"; or a random
sibling path on the same host (which cannot exist) answers with the same page.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from rapidfuzz import fuzz

_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_NOT_FOUND = re.compile(
    r"\b(?:404|page\s+not\s+found|not\s+found|page\s+(?:does\s+not|doesn't)\s+exist"
    r"|no\s+longer\s+available|page\s+cannot\s+be\s+found|couldn't\s+find\s+(?:that|the|this)\s+page)\b",
    re.I,
)
SIMILAR = 95.0  # rapidfuzz ratio (0-100) above which two bodies are "the same page"
_COMPARED = 20_000  # characters of each body compared


def text_of(fragment: str) -> str:
    return " ".join(_TAG.sub(" ", fragment).split())


def says_not_found(body: str) -> str | None:
    """The title or heading that says the page was not found, or None."""
    for pattern in (_TITLE, _H1):
        m = pattern.search(body)
        if m:
            heading = text_of(m.group(1))
            if heading and len(heading) < 200 and _NOT_FOUND.search(heading):
                return heading
    return None


def sibling_url(url: str) -> str | None:
    """A URL next to ``url`` that should not exist, or None for a site's root."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if path == "/":
        return None
    parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
    return urlunsplit((parts.scheme, parts.netloc, f"{parent}refcheck-{secrets.token_hex(8)}", "", ""))


def probe_key(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
    return f"{parts.scheme}://{parts.netloc.lower()}{parent}"


@dataclass(frozen=True)
class Probe:
    """What a random sibling path answered."""

    status: int
    digest: str
    body: str


def normalise(body: str, url: str) -> str:
    """The body without the requested path (error pages often echo it) and with spaces folded."""
    path = urlsplit(url).path
    if len(path) > 1:
        body = body.replace(path, "")
    return " ".join(body.split())[:_COMPARED]


def make_probe(status: int, body: str, url: str) -> Probe:
    norm = normalise(body, url)
    return Probe(status, hashlib.sha256(norm.encode()).hexdigest(), norm)


def same_page(probe: Probe, body: str, url: str) -> bool:
    norm = normalise(body, url)
    if hashlib.sha256(norm.encode()).hexdigest() == probe.digest:
        return True
    if not norm or not probe.body:
        return False
    return fuzz.ratio(norm, probe.body) >= SIMILAR
