"""link-content-mismatch: the page at a cited URL does not carry the title the entry cites.

What it does
    Compares the title an entry gives a web source with the names the page gives itself (its
    ``<title>``, ``og:title``, ``citation_title`` and first headings), folded (case, accents and
    punctuation ignored). When the live page does not carry the title, the archived copy nearest
    the entry's access date is read too; the link is reported when neither carries it. A title
    inside the page's title ("Oil funds | Ministry of Finance"), a page title inside the cited one
    (a subtitle or publisher added), or most of the title's words among the page's, count as a
    match; titles of fewer than three words and pages without a title are not judged. Only with
    link checking and verification on (``CheckOptions.verify``).

Why is this bad
    The URL may have been copied from another entry, or the site may now serve something else at
    that address: a reader who follows the link does not find the work cited.

Example (fails)
    Hasanov, F. (2009) "Using Oil Revenues Effectively in Azerbaijan".
    http://example.org/issues/150/ (accessed 30 July 2009) -- where the page, then and now, is
    titled "Caspian Energy Newsletter: Subscribe".

Use instead
    Hasanov, F. (2009) "Using Oil Revenues Effectively in Azerbaijan".
    http://example.org/issues/150/oil-revenues.html (accessed 30 July 2009).
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules._links import link_finding, references_by_id

NAME = "link-content-mismatch"
SEVERITY = Severity.WARNING
SUMMARY = "The page at a cited URL (live and archived) does not carry the entry's title."


def check(doc: Document) -> Iterator[Finding]:
    refs = references_by_id(doc) if doc.links else {}
    for link in doc.links:
        c = link.content
        if c is None or c.status != "mismatch":
            continue
        message = f'{link.url} does not carry the cited title "{c.cited_title}": the page is titled "{c.page_title}"'
        if c.archive_url and c.archive_title:
            message += f'; the archived copy ({c.archive_url}) is titled "{c.archive_title}"'
        elif c.archive_url:
            message += f"; the archived copy ({c.archive_url}) could not be read"
        else:
            message += "; no archived copy was found"
        yield link_finding(doc, link, NAME, SEVERITY, message, fixable=False, refs=refs)
