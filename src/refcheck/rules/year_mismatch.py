"""year-mismatch: a citation's author fits an entry, but the entry has another year.

What it does
    Reports a citation whose author(s) match exactly one entry, or a few, all dated another year,
    and suggests the year of the closest one. An entry that gives no year at all contradicts no
    citation: that is said at info level, asking for the entry's year. A citation linked to its entry
    (a JATS xref) whose text names another listed entry, author and year, is said to be linked to
    the wrong entry, with the one it names, as a warning: the reader's text is right, only its link is
    wrong.
    A mention out of brackets ("Pesquisa Nacional de Saúde, Brasil 2013" in a caption) whose author
    has several entries, none of its year, is said at info: a place and a date as often as a citation.
    A taxonomic paper's species' authority ("Conus ritae Petuch, 1995" beside Petuch's listed 1987
    book) is who named the species and when, not a citation (no finding; missing-reference says when); one in brackets after a species' name with a
    year before 1900 in another paper ("Lamna nasus (Bonnaterre, 1788)") is said at info. So is a
    JATS xref whose year follows a preposition ("Wittgenstein, em 1953" pointing at the 2010
    translation): the prose tells when the work first appeared, not which edition it cites. So is a
    possessive before a bare year ("Bakhtin's 1929 study" beside the 2022 translation listed).

Why is this bad
    Either the citation or the entry carries a typo; a reader looking for the year cited finds
    nothing.

Example (fails)
    ... 40 percent of its budget (Martínez-Díaz 2008).

    Martínez-Díaz, Leonardo (2007) "Mexico's Economic Challenges," The Brookings Institution.

Use instead
    ... 40 percent of its budget (Martínez-Díaz 2007).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.extract.patterns import EVENT_PREPOSITION
from refcheck.extract.species import species_authority
from refcheck.model import Document, Finding, LinkStatus, Reference, Severity
from refcheck.rules.base import at_citation, quoted

_EVENT_YEAR_BEFORE = re.compile(EVENT_PREPOSITION + r"\s*$")
# a possessive and a bare year, the whole of a citation's text: "Bakhtin's 1929", "Jones’ 1990"
_POSSESSIVE_YEAR = re.compile(r"\w['’]s?\s+\d{4}[a-z]?$")

NAME = "year-mismatch"
SEVERITY = Severity.ERROR
# an xref linked to another entry than the one its text names: the text is right, the link is not
WRONG_LINK = Severity.WARNING
SUMMARY = "A citation's author matches an entry dated another year."


def check(doc: Document) -> Iterator[Finding]:
    by_id = {r.id: r for r in doc.references or []}
    mismatch = LinkStatus.YEAR_MISMATCH  # (an Enum member read once, not per citation)
    for cit in doc.citations:
        if cit.status is not mismatch or not cit.candidates:
            continue
        ref = by_id[cit.candidates[0]]
        if not ref.year:
            # the entry gives no year (a web page, software): nothing contradicts the citation
            message = f"{quoted(cit)} cites an entry that gives no year; add the year to the entry"
            yield at_citation(NAME, Severity.INFO, cit, message, ref)
            continue
        if len(cit.candidates) >= 2 and cit.detail:
            message = (
                f"{quoted(cit)} is {cit.detail}, not to the entry it names ({cit.suggestion}); point it there"
            )
            yield at_citation(NAME, WRONG_LINK, cit, message, ref)
            continue
        message = f"{quoted(cit)} cites an entry dated {ref.year}" + (
            f" (did you mean {cit.suggestion}?)" if cit.suggestion else ""
        )
        if cit.kind == "author-date" and species_authority(doc.text, cit):
            # "Lamna nasus (Bonnaterre, 1788)" beside Bonnaterre's listed 1790 book: most likely who
            # named the species and when, not a citation of the book
            message += "; if it is a citation and not the species' authority, correct the year"
            yield at_citation(NAME, Severity.INFO, cit, message, ref)
            continue
        # a JATS xref "Wittgenstein, em 1953" to the 2010 translation, "Bakhtin's 1929 study of
        # Dostoevsky" beside the 2022 translation: a preposition, or a possessive out of brackets,
        # before the year tells when the work first appeared as often as which edition is cited
        after = (
            "a preposition"
            if cit.kind == "key" and cit.year and _event_year(cit.text, cit.year)
            else "a possessive, out of brackets"
            if cit.kind == "author-date" and _POSSESSIVE_YEAR.search(cit.text)
            else None
        )
        if after is not None:
            message = (
                f'"{cit.text}" gives {(cit.year or "?")[:4]} and its entry {ref.year}: the year follows '
                f"{after}, so it may be when the work first appeared, not the edition listed; if it is "
                "the citation's year, correct it"
            )
            finding = at_citation(NAME, Severity.INFO, cit, message, ref)
            finding.suggestion = None
            yield finding
            continue
        if cit.confidence == "low" and (years := _other_years(doc, ref)):
            # "Pesquisa Nacional de Saúde, Brasil 2013" in a caption beside Brasil's 2012a, 2012b and
            # 2014a: a mention out of brackets (a place and a date as often as a citation) whose
            # author has several entries, none of its year; which work it would be is not known either
            message = (
                f"{quoted(cit)} may not be a citation (it is not in brackets); if it is, none of the "
                f"entries of {ref.shown_authors} ({', '.join(years)}) is dated {cit.year}"
            )
            finding = at_citation(NAME, Severity.INFO, cit, message, ref)
            finding.suggestion = None  # (the closest year is no better a guess than the others)
            yield finding
            continue
        fix = year_fix(doc, cit.start, cit.end, cit.year, ref.year) if len(cit.candidates) == 1 else None
        yield at_citation(NAME, SEVERITY, cit, message, ref, fix)


def _event_year(text: str, year: str) -> bool:
    """Whether ``year`` stands in ``text`` after a preposition ("em 1953", "in 1918")."""
    at = text.find(year[:4])
    return at > 0 and _EVENT_YEAR_BEFORE.search(text, 0, at) is not None


def _other_years(doc: Document, ref: Reference) -> list[str]:
    """The years of the entries of ``ref``'s authors, when they are two or more years (else none)."""
    years = [r.year or "n.d." for r in doc.references or [] if r.authors == ref.authors]
    return sorted(years) if len(set(years)) >= 2 else []


def year_fix(
    doc: Document, start: int, end: int, cited: str | None, year: str | None
) -> tuple[int, int, str] | None:
    """Replace the cited year inside the citation's span with the entry's, when it appears exactly once."""
    if not cited or not year or not year[:4].isdigit() or start < 0:
        return None
    found = [m for m in re.finditer(rf"(?<!\d){re.escape(cited)}(?![\w])", doc.text[start:end])]
    if len(found) != 1:
        return None
    return (start + found[0].start(), start + found[0].end(), year)
