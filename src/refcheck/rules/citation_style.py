"""citation-style: the document mixes citation styles, or its style cannot be told.

What it does
    Says (at info level) when a document with a reference list cites both by number and by author
    and year in its prose, so that refcheck had to choose one style to check, or when it finds no
    citations of any style to check the list against. In that case the entries are not reported
    one by one as uncited: the text may cite them in a way refcheck does not read (one finding, at
    info level, rather than a warning per entry).

Why is this bad
    A document should cite in one style; a mixture usually means text pasted from elsewhere, and
    refcheck's findings for the other style may be missing.

Example (fails)
    Tooth loss affects quality of life [1], as Locker (1988) showed.

    1. Locker D (1988) Measuring oral health. Community Dent Health 5: 3-18.

Use instead
    Tooth loss affects quality of life [1], as Locker showed [1].
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules.base import no_citations_found

NAME = "citation-style"
SEVERITY = Severity.INFO
SUMMARY = "The document mixes citation styles, or its style cannot be told."


def check(doc: Document) -> Iterator[Finding]:
    refs = doc.references or []
    if not refs or doc.format == "bibtex":
        return
    kinds = {c.kind for c in doc.citations}
    if doc.style == "mixed" or ("numeric" in kinds and "author-date" in kinds) or doc.other_style:
        yield Finding(
            rule=NAME,
            severity=SEVERITY,
            message="the document cites both by number and by author and year; refcheck checked "
            f"the {doc.style or 'dominant'} citations only",
            offset=doc.other_style_at,
        )
    elif no_citations_found(doc):
        n = len(refs)
        yield Finding(
            rule=NAME,
            severity=SEVERITY,
            message="no citations of any known style were found, so the reference list was not "
            f"checked against the text (its {n} {'entry is' if n == 1 else 'entries are'} not reported as uncited)",
            offset=refs[0].start if refs[0].start >= 0 else None,
        )
