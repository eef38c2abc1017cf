"""empty-document: the document has no text to check.

What it does
    Says, at info level, that a file is empty or holds only white space (or, for HTML, DOCX and
    JATS, markup with no text in it), so that nothing in it was checked.

Why is this bad
    Usually a file saved before it was written, or an export that failed; an empty file in a
    checked directory should not stop the checking of the others, but should not pass unnoticed.

Example (fails)
    (a file of zero bytes, or of blank lines only)

Use instead
    Azerbaijan and Mexico would seem to have little reason to become partners (Hardy 1968).
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "empty-document"
SEVERITY = Severity.INFO
SUMMARY = "The document has no text to check."


def check(doc: Document) -> Iterator[Finding]:
    if doc.text.strip() or doc.references:
        return
    what = "is empty or holds only white space" if not doc.raw.strip() else "holds no text, only markup"
    yield Finding(rule=NAME, severity=SEVERITY, message=f"the document {what}; nothing in it was checked")
