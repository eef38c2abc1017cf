"""link-content-changed: the page at a cited URL has changed since it was accessed.

What it does
    Says (at info level) that the live page at a cited URL no longer carries the entry's title
    while the archived copy nearest the access date does: the source was right when the author
    read it, and the site has since put something else there. The archived copy is suggested.
    Titles are compared as for ``link-content-mismatch``. Only with link checking and
    verification on (``CheckOptions.verify``).

Why is this bad
    Readers who follow the link today find another page; the archived copy is what the author read.

Example (fails)
    Ministry of Energy (2009) "Pipeline Tariffs 2009". http://example.org/tariffs
    (accessed 16 September 2009) -- the page is now "Tariffs 2024"; the capture of
    September 2009 is "Pipeline Tariffs 2009".

Use instead
    Ministry of Energy (2009) "Pipeline Tariffs 2009".
    https://web.archive.org/web/20090915000000/http://example.org/tariffs
    (accessed 16 September 2009).
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules._links import link_finding, references_by_id

NAME = "link-content-changed"
SEVERITY = Severity.INFO
SUMMARY = "Content changed since accessed: the archived copy carries the cited title, the live page not."


def check(doc: Document) -> Iterator[Finding]:
    refs = references_by_id(doc) if doc.links else {}
    for link in doc.links:
        c = link.content
        if c is None or c.status != "changed":
            continue
        message = (
            f'content changed since accessed: {link.url} is now titled "{c.page_title}", '
            f'not "{c.cited_title}"; the archived copy carries the cited title'
        )
        # the live page exists: the archived copy is suggested, not written in
        yield link_finding(doc, link, NAME, SEVERITY, message, c.archive_url, fixable=False, refs=refs)
