"""link-unverified: a cited URL could not be checked.

What it does
    Reports a URL whose state refcheck could not tell: the site refused the checker (401, 403, a bot
    challenge, 999), asked it to slow down (429) after the retries, failed (5xx), timed out, or
    broke the connection or the TLS handshake; or a site that answers any path, even a made-up
    one, with the same page (``catch-all``: single-page apps, data portals), so that its answer
    does not show the cited page exists. The reason and the key response headers are given, and
    an archived copy when one was found. A link the site blocks is never called dead. When the
    network is missing altogether, or the link stage runs out of time (``--links-timeout``),
    refcheck says so once instead of reporting every link.

Why is this bad
    It may be fine: open the link in a browser. If it is broken, readers cannot reach the source.

Example (fails)
    https://www.example.com/report answers "403 Forbidden" with "cf-mitigated: challenge".

Use instead
    Check the link by hand; if it works, exclude it (``--exclude``) or accept the status
    (``--accept 200,403``); if it does not, cite an archived copy.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules._links import describe, link_finding, references_by_id

NAME = "link-unverified"
SEVERITY = Severity.WARNING
SUMMARY = "A cited URL could not be checked (blocked, rate-limited, 5xx, timeout, TLS)."


def check(doc: Document) -> Iterator[Finding]:
    if not doc.links:  # links not checked: nothing to import or report
        return
    from refcheck.links.results import LinkState

    refs = references_by_id(doc)
    for link in doc.links:
        r = link.result
        if link.status is not LinkState.UNVERIFIED or r.reason in ("network-unavailable", "stage-timeout"):
            continue  # no network, or the stage's time ran out: said once for the run, not per link
        message = f"could not verify {link.url} ({describe(link)})"
        evidence = ", ".join(f"{k}: {v}" for k, v in r.evidence.items() if k in ("server", "cf-mitigated"))
        if evidence:
            message += f" [{evidence}]"
        if r.archive_url:
            message += f"; archived copy: {r.archive_url}"
        # the page may well be alive: the archived copy is suggested, never written in
        yield link_finding(doc, link, NAME, SEVERITY, message, r.archive_url, fixable=False, refs=refs)
