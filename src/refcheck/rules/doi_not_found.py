"""doi-not-found: the DOI an entry gives does not exist.

What it does
    With verification on, looks the entry's DOI up in Crossref and, when Crossref does not hold it,
    in the DOI handle system (which knows the DOIs of every agency: DataCite, mEDRA...). Reported
    when both say it does not exist; when the entry's authors, title and year match a registry's
    work, its DOI is suggested. A registry that does not answer never makes this finding (the entry
    is then ``unverified``).

Why is this bad
    A DOI that resolves nowhere is a dead link at best, and a fabricated reference at worst.

Example (fails)
    Aliyev, R. (2021) Quantum diplomacy in the Caspian. J Caspian Stud 4: 1-20. doi:10.9999/qdc.2021.1

Use instead
    The DOI the publisher registered (search the title at https://search.crossref.org), or none.
    ``refcheck fix --unsafe-fixes`` writes the suggested DOI in place of the entry's when the one
    work a search found fits the entry with its title almost word for word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules._verify import entry_finding, entry_fix, name, sure, verified

NAME = "doi-not-found"
SEVERITY = Severity.ERROR
SUMMARY = "The entry's DOI is registered nowhere (Crossref and the DOI handle system)."


def check(doc: Document) -> Iterator[Finding]:
    for ref, v in verified(doc):
        if not v.doi_missing:
            continue
        message = f'"{name(ref)}" cites {ref.doi}, which no DOI registration agency knows'
        if v.suggested_doi:
            message += f"; the work the entry describes is {v.suggested_doi} [{v.source}]"
        fix = None
        if v.suggested_doi and ref.doi and sure(v):
            pattern = re.compile(re.escape(ref.doi.strip().rstrip(".,;")) + r"(?![\w/-])", re.I)
            fix = entry_fix(doc, ref, pattern, v.suggested_doi, mask_links=False)
        yield entry_finding(
            ref, NAME, SEVERITY, message, suggestion=v.suggested_doi, fix=fix, fix_unsafe=True
        )
