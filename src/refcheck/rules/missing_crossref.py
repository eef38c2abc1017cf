"""missing-crossref: a BibTeX entry's ``crossref`` names no entry.

What it does
    Reported by the BibTeX loader (this rule only documents it), at the entry's line: the entry
    takes its missing fields (the proceedings' editor and year, say) from the entry its
    ``crossref`` field names, and no entry of the bibliographies has that key.

Why is this bad
    BibTeX prints the entry without the fields it was to inherit (and warns); the entry may look
    incomplete or undated.

Example (fails)
    @inproceedings{doe2020, author = {Doe, J.}, title = {T}, crossref = {icml2020}}

Use instead
    @inproceedings{doe2020, author = {Doe, J.}, title = {T}, crossref = {icml2020}}
    @proceedings{icml2020, editor = {Ed, A.}, title = {Proc. ICML}, year = 2020}
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "missing-crossref"
SEVERITY = Severity.WARNING
SUMMARY = "A BibTeX entry's crossref names no entry."


def check(doc: Document) -> Iterator[Finding]:
    return iter(())  # the BibTeX loader adds this finding; see loaders/bibtex.py
