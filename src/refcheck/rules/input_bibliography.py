"""input-bibliography: a bibliography could not be read, or only leniently.

What it does
    Reported by the loaders (this rule only documents it), at the bibliography file's own line: a
    bibliography the document names that does not exist (error) or is not read (outside the
    project's tree, a device, over ``--max-file-size``: warning), and an entry of a .bib read
    leniently, as BibTeX would read it (an undefined ``@string`` such as ``month = July``, a field
    given twice, text after the entry's closing brace that looks like part of it, an entry never
    closed, a ``@string`` expanding past the size limit). Each problem is said once; the entry is
    kept, so its key still counts. A field given twice with the same value (Zotero's ``doi``
    twice) is an info: nothing the reader sees is in doubt. A field of a Hayagriva entry that Typst ignores but that stands
    for one it reads (``publsher``, ``journal``) is an info, unless it leaves the entry without an
    author, a date or a title, which incomplete-reference reports naming the field. A Hayagriva
    entry without ``type``, or with one Hayagriva does not have (``journal-article``), is an error:
    Typst refuses the whole bibliography. A bibliography that is there but cannot be read at all (no
    permission, binary, not valid BibTeX, CSL-JSON or YAML) is no finding: like an input file that
    cannot be read, it is one error line naming it and why (exit status 2), and the document is
    checked without it.

Why is this bad
    BibTeX prints such an entry with an empty or wrong field, or stops reading it (Typst stops at
    the first entry without a type); a bibliography that is not read leaves every citation of it unchecked.

Example (fails)
    @article{smith2020, author = {Smith, Jane}, title = {T}, month = July, year = 2020}

Use instead
    @article{smith2020, author = {Smith, Jane}, title = {T}, month = jul, year = 2020}
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "input-bibliography"
SEVERITY = Severity.WARNING
SUMMARY = "A bibliography could not be read, or an entry of it only leniently."


def check(doc: Document) -> Iterator[Finding]:
    return iter(())  # the loaders add this finding; see loaders/bibtex.py and loaders/latex.py
