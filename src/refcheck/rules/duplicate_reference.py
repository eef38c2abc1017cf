"""duplicate-reference: the same work is listed twice.

What it does
    Reports an entry that repeats an earlier one: the same DOI (whatever else differs: the finding
    names the fields that do, since one of the two DOIs may be wrong), the same BibTeX key, or the
    same authors, year and title (compared without accents, case and punctuation). Two works by the
    same authors in the same year with other titles are two works, not a duplicate; an organisation
    is one name however it is written ("{World Health Organization}" in BibTeX or plain).

Why is this bad
    Duplicates split citations between two entries and make numeric lists skip.

Example (fails)
    Hardy, Michael (1968) Modern Diplomatic Law, Manchester University Press.
    Hardy, M. (1968) Modern diplomatic law. Manchester University Press.

Use instead
    Hardy, Michael (1968) Modern Diplomatic Law, Manchester University Press.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.matching.names import fold, name_key
from refcheck.model import Document, Finding, Reference, Severity

NAME = "duplicate-reference"
SEVERITY = Severity.WARNING
SUMMARY = "The same work is listed twice."


def _name(ref: Reference, i: int) -> str:
    """The i-th author as a comparable word: the last word of the surname, so that an organisation
    read as one name ("World Health Organization") and as a person ("Organization", given "World
    Health") compare equal, and "van der Berg" equals "Berg"."""
    words = fold(ref.authors[i]).replace("-", " ").split()
    return name_key(words[-1]) if words else ""


def _authors_key(ref: Reference) -> str:
    return " ".join(_name(ref, i) for i in range(min(3, len(ref.authors))))


def _title_key(ref: Reference) -> str | None:
    if not ref.title:
        return None
    title = re.sub(r"[^a-z0-9]+", " ", fold(ref.title)).strip()
    if len(title) < 8:
        return None
    # the full year: entries an author told apart with 2014a/2014b are meant as two works
    return f"{_authors_key(ref)}|{ref.year}|{title}"


def _text_key(ref: Reference) -> str:
    """The entry's whole text with the year's a/b suffix dropped: identical entries but for it."""
    text = ref.text
    if ref.year and ref.year != ref.year_base and ref.year_base:
        text = text.replace(ref.year, ref.year_base, 1)
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


def _differences(a: Reference, b: Reference) -> list[str]:
    """The fields two entries with one DOI disagree on."""
    out = []
    if _authors_key(a) != _authors_key(b):
        out.append("authors")
    if (a.year_base or "") != (b.year_base or ""):
        out.append("year")
    if a.title and b.title:
        from rapidfuzz import fuzz  # imported only when two entries are compared

        if fuzz.ratio(fold(a.title), fold(b.title)) < 85:
            out.append("title")
    return out


def _titles_agree(a: str | None, b: str | None) -> bool:
    """One title is the other with more after it (three words at least), or nearly the same."""
    if not a or not b:
        return False
    return _keys_agree(_comparable(a), _comparable(b))


def _comparable(title: str) -> str:
    return _NON_WORD.sub(" ", fold(title)).strip()


_NON_WORD = re.compile(r"[^a-z0-9]+")


def _keys_agree(ka: str, kb: str) -> bool:
    """``_titles_agree`` of two titles made comparable."""
    short, long_ = sorted((ka, kb), key=len)
    if len(short.split()) >= 3 and (long_ + " ").startswith(short + " "):
        return True
    from rapidfuzz import fuzz  # imported only when two entries are compared

    return bool(fuzz.ratio(ka, kb) >= 92)


# Entries by one first author in one year compared title against title: real lists have a few
# ("2014a" ... "2014f"); a hostile one of thousands would make the comparisons quadratic.
MAX_COMPARED = 64


def duplicates(doc: Document) -> list[tuple[Reference, Reference, str]]:
    """(entry, the earlier entry it repeats, how they agree) for every repeated entry."""
    out: list[tuple[Reference, Reference, str]] = []
    seen: dict[str, Reference] = {}
    # entries by (first author, year), each with its title made comparable
    by_author_year: dict[tuple[str, str | None], list[tuple[Reference, str]]] = {}
    for ref in doc.references or []:
        keys = []
        if ref.key and ref.source is not None:
            keys.append("key:" + ref.key)
        if ref.doi:
            keys.append("doi:" + ref.doi.lower())
        title_key = _title_key(ref)
        if title_key:
            keys.append("t:" + title_key)
        if len(ref.text) >= 30:
            keys.append("x:" + _text_key(ref))
        first = next((seen[k] for k in keys if k in seen), None)
        group = (_name(ref, 0) if ref.authors else "", ref.year)
        comparable = _comparable(ref.title) if ref.title else ""
        if first is None and ref.title and group[0]:
            # "Modern Diplomatic Law, Manchester University Press" and "Modern diplomatic law": one
            # title read with its publisher, the other without
            first = next(
                (
                    r
                    for r, key in by_author_year.get(group, ())[:MAX_COMPARED]
                    if r.title and _keys_agree(key, comparable)
                ),
                None,
            )
        if first is None:
            for k in keys:
                seen.setdefault(k, ref)
            by_author_year.setdefault(group, []).append((ref, comparable))
            continue
        if ref.key and ref.key == first.key and ref.source is not None:
            how = f"key {ref.key}"
        elif ref.doi and first.doi and ref.doi.lower() == first.doi.lower():
            differ = _differences(ref, first)
            how = f"DOI {ref.doi}"
            if differ:
                how += f", although its {_join(differ)} differ"
        else:
            how = "authors, year and title"
        out.append((ref, first, how))
    return out


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def check(doc: Document) -> Iterator[Finding]:
    for ref, first, how in duplicates(doc):
        if "differ" in how:
            message = (
                f"this entry has the same {how} from an earlier one, {first.text[:60]!r}; "
                "it is the same work listed twice or one of the two DOIs is wrong"
            )
        else:
            message = (
                f"this entry repeats an earlier one, {first.text[:60]!r} (same {how}); "
                "keep one and point its citations there"
            )
        yield Finding(
            rule=NAME,
            severity=SEVERITY,
            message=message,
            offset=ref.start if ref.start >= 0 else None,
            reference=ref.text,
            reference_id=ref.id,
            path=ref.source[0] if ref.source else None,
            line=ref.source[1] if ref.source else None,
        )
