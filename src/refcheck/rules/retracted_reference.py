"""retracted-reference: the cited work has been retracted.

What it does
    With verification on (``--verify``, the default), reads what the registries say of the entry's
    work (found by its DOI, or by its metadata): a Crossref retraction notice (``updated-by`` of
    type retraction or withdrawal, or a notice whose ``update-to`` names the work) or OpenAlex's
    ``is_retracted``. The message names the notice's DOI and date when the registry gives them.

Why is this bad
    A retracted work is no evidence: its findings were withdrawn, and citing it without saying so
    carries them on.

Example (fails)
    Smith, J., Jones, K. (2004) Growth of cells. PLoS ONE 3: 12-19. doi:10.1371/journal.pone.0001234
    -- where Crossref lists the retraction 10.1371/journal.pone.0219999 (2019-05-02).

Use instead
    Remove the citation, or cite the retraction notice beside it and say why the work is cited.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules._verify import entry_finding, name, verified

NAME = "retracted-reference"
SEVERITY = Severity.ERROR
SUMMARY = "A registry says the cited work has been retracted."


def check(doc: Document) -> Iterator[Finding]:
    for ref, v in verified(doc):
        if v.status != "retracted" or v.notice is None:
            continue
        what = f"cites {v.doi}" if v.doi else "cites a work"
        kind = str(v.notice.get("type") or "retraction").replace("_", " ")
        message = f'"{name(ref)}" {what}, {"retracted" if kind == "retraction" else kind}'
        if v.notice.get("date"):
            message += f" on {v.notice['date']}"
        if v.notice.get("doi"):
            message += f" (notice {v.notice['doi']})"
        message += f" [{v.source}]"
        yield entry_finding(ref, NAME, SEVERITY, message)
