"""Does a page carry the title an entry cites it by? (``link-content-mismatch``/``-changed``)

Conservative by design: a false alarm costs more than a miss. Titles are compared folded (case,
accents, punctuation and spacing ignored). The page carries the cited title when

- the cited title stands inside one of the page's titles (``<title>``, ``og:title``,
  ``citation_title``, the first headings): "Oil Funds | Ministry of Finance" carries "Oil funds";
- one of the page's titles (or a part of it between separators such as " | " or " - "), of three
  words or more, stands inside the cited title (entries often add a subtitle, a place or a
  publisher to the title);
- or at least half of the cited title's words (short function words aside) are among the words of
  the page's titles.

A title of fewer than three such words, one that holds a URL, a DOI or an e-mail address (the
reference parser took something else for the title), or a page without any title, is not judged
at all.
"""

from __future__ import annotations

import re
import unicodedata

MIN_WORDS = 3
_NON_WORD = re.compile(r"[\W_]+")
MIN_CHARS = 12
COVERAGE = 0.5

_STOP = frozenset(
    {"a", "an", "and", "at", "by", "de", "del", "der", "des", "die", "du", "el", "en", "et", "for", "from"}
    | {"in", "la", "las", "le", "les", "los", "of", "on", "or", "the", "to", "und", "y", "with"}
)
_NOT_A_TITLE = re.compile(r"://|\bwww\.|\b10\.\d{4,9}/|@|^\s*<|\.(?:html?|pdf|aspx?|php)\b", re.I)
_SEPARATORS = re.compile(r"\s+[|–—·»:-]\s+|\s*[|·»]\s*")


def fold(text: str) -> str:
    """Lower case, accents off, every run of punctuation and space one space."""
    if text.isascii():
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", stripped.casefold()).split())


def words(text: str) -> list[str]:
    return [w for w in fold(text).split() if w not in _STOP]


def judgeable(title: str | None) -> bool:
    """Whether a cited title says enough to be compared at all: three words or more of letters, and
    nothing that shows the reference parser took something else for the title (a URL, a DOI, an
    e-mail address)."""
    if not title or _NOT_A_TITLE.search(title):
        return False
    real = [w for w in words(title) if sum(c.isalpha() for c in w) >= 2]
    return len(fold(title)) >= MIN_CHARS and len(real) >= MIN_WORDS


def carries(cited: str, page_titles: list[str]) -> bool | None:
    """True when the page's titles carry ``cited``, False when they do not, None when it cannot be
    told (a title too short to judge, a page without titles)."""
    if not judgeable(cited):
        return None
    folded = [fold(t) for t in page_titles if t and fold(t)]
    if not folded:
        return None
    want = fold(cited)
    for t in folded:
        if f" {want} " in f" {t} ":
            return True
    parts = {fold(p) for t in page_titles if t for p in _SEPARATORS.split(t)} | set(folded)
    for part in parts:
        if len(part.split()) >= MIN_WORDS and f" {part} " in f" {want} ":
            return True
    cited_words = words(cited)
    page_words = {w for t in folded for w in t.split()}
    covered = sum(1 for w in cited_words if w in page_words)
    return covered / len(cited_words) >= COVERAGE
