"""dead-link: a cited URL no longer leads to the page.

What it does
    Reports a URL that answered 404 or 410, whose host no longer exists or refuses connections,
    that redirects in a loop, or that answers 200 with a "page not found" page (a soft 404). When an
    archived copy exists (a capture from before the access date where one is given), the finding
    suggests it, and ``refcheck fix`` can put it in place of the dead URL.

Why is this bad
    A reader who follows the link finds nothing, and cannot check the source the text relies on.

Example (fails)
    Ibrahimov, R. (2008) "Caspian Pipelines". http://example.org/caspian.html
    (accessed 16 September 2009).

Use instead
    Ibrahimov, R. (2008) "Caspian Pipelines".
    https://web.archive.org/web/20090901000000/http://example.org/caspian.html
    (accessed 16 September 2009).
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules._links import describe, link_finding, references_by_id

NAME = "dead-link"
SEVERITY = Severity.ERROR
SUMMARY = "A cited URL is dead (404/410, no such host, soft 404); an archived copy is suggested."


def check(doc: Document) -> Iterator[Finding]:
    if not doc.links:  # links not checked: nothing to import or report
        return
    from refcheck.links.results import LinkState

    refs = references_by_id(doc)
    for link in doc.links:
        if link.status is not LinkState.DEAD:
            continue
        r = link.result
        message = f"dead link {link.url} ({describe(link)})"
        if r.archive_url:
            message += f"; archived copy from {_date(r.archive_timestamp)}"
            if r.archive_note:
                message += f" ({r.archive_note})"
        # a capture far from the access date is suggested, not written in by `refcheck fix`
        yield link_finding(
            doc, link, NAME, SEVERITY, message, r.archive_url, fixable=not r.archive_note, refs=refs
        )


def _date(timestamp: str | None) -> str:
    t = timestamp or ""
    return f"{t[:4]}-{t[4:6]}-{t[6:8]}" if len(t) >= 8 else "an unknown date"
