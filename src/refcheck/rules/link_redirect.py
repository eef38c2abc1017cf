"""link-redirect: a cited URL has moved permanently.

What it does
    Reports a URL that answers with a permanent redirect (301 or 308) to a page that is alive, and
    suggests the new address. Temporary redirects (302, 303, 307) are not reported.

Why is this bad
    The old address works today only as long as the site keeps the redirect; the new one is what
    the site itself says to use.

Example (fails)
    Data from the survey (http://example.org/survey), which now answers "301 Moved Permanently"
    with Location: https://www.example.org/surveys/2009.

Use instead
    Data from the survey (https://www.example.org/surveys/2009).
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules._links import link_finding, references_by_id

NAME = "link-redirect"
SEVERITY = Severity.INFO
SUMMARY = "A cited URL redirects permanently (301/308); the new URL is suggested."


def check(doc: Document) -> Iterator[Finding]:
    if not doc.links:  # links not checked: nothing to import or report
        return
    from refcheck.links.results import LinkState

    refs = references_by_id(doc)
    for link in doc.links:
        if link.status is not LinkState.REDIRECTED:
            continue
        new = link.result.suggested_url or link.result.final_url
        yield link_finding(
            doc, link, NAME, SEVERITY, f"{link.url} has moved permanently to {new}", new, refs=refs
        )
