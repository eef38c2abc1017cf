"""reference-corrected: the cited work carries an expression of concern or a correction.

What it does
    With verification on, reads the notices a registry lists for the entry's work (Crossref
    ``updated-by``, or notices whose ``update-to`` names it) other than retractions: expressions of
    concern, corrections, errata, corrigenda, addenda. Reported at info level: the work stands, but
    the reader should know.

Why is this bad
    An expression of concern says the editors doubt the work; a correction may change the very
    figure the document cites.

Example (fails)
    Smith, J. (2004) Growth of cells. PLoS ONE 3: 12-19. doi:10.1371/journal.pone.0001234
    -- with an expression of concern 10.1371/journal.pone.0200001 (2018-01-10).

Use instead
    Check the notice; cite it too when it bears on what the document takes from the work.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules._verify import entry_finding, name, verified

NAME = "reference-corrected"
SEVERITY = Severity.INFO
SUMMARY = "A registry lists an expression of concern or a correction for the cited work."


def check(doc: Document) -> Iterator[Finding]:
    for ref, v in verified(doc):
        if not v.corrections or v.status == "retracted":
            continue
        parts = []
        for n in v.corrections:
            part = str(n.get("type") or "correction").replace("_", " ")
            if n.get("doi"):
                part += f" {n['doi']}"
            if n.get("date"):
                part += f" ({n['date']})"
            parts.append(part)
        what = v.doi or "the cited work"
        yield entry_finding(ref, NAME, SEVERITY, f'"{name(ref)}": {what} has {"; ".join(parts)} [{v.source}]')
