"""empty-document: the document has no text, or nothing in it that could be checked.

What it does
    Says, at info level, that a document's text holds neither citations, nor a reference list, nor
    notes, nor links (and why, when refcheck knows: pandoc keys with no bibliography named), or
    that its markup (HTML, DOCX, JATS) holds no text, so that nothing in it was checked. A file
    that passes because nothing was checked never passes silently. (A file of zero bytes or of
    white space only is bad input: one error line naming it, exit status 2.) A reStructuredText
    page with no prose at all, only titles, link lists and directives (a Sphinx project's index of
    toctrees, a page an ``automodule`` fills), is not reported: nothing there could cite.

Why is this bad
    Usually an export that failed, a draft with its citations still to come, or a manuscript
    whose bibliography refcheck was not told about; it should not stop the checking of the
    others, but should not pass unnoticed as "0 findings".

Example (fails)
    Ties between the two countries grew over the decade.

Use instead
    Azerbaijan and Mexico would seem to have little reason to become partners (Hardy 1968).
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "empty-document"
SEVERITY = Severity.INFO
SUMMARY = "The document has no text, or nothing that could be checked."


def check(doc: Document) -> Iterator[Finding]:
    if doc.references or doc.citations or doc.unrendered_keys:
        return  # (pandoc keys never rendered: the unrendered-citation rule says so)
    if doc.text.strip():
        if not doc.unchecked and (doc.urls or doc.footnotes or doc.footnote_markers):
            return  # its links or notes are checked
        if any(f.rule != NAME for f in doc.findings):
            return  # the loader said already what it could not read (a missing input, bibliography)
        if doc.no_prose and not doc.unchecked:
            return  # a page of navigation and directives (a Sphinx index): nothing there could cite
        why = doc.unchecked or "no citations and no reference list were found"
        yield Finding(
            rule=NAME, severity=SEVERITY, message=f"nothing in this document could be checked: {why}"
        )
        return
    what = "is empty or holds only white space" if not doc.raw.strip() else "holds no text, only markup"
    yield Finding(rule=NAME, severity=SEVERITY, message=f"the document {what}; nothing in it was checked")
