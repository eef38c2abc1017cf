"""reference-not-found: no registry knows the cited work.

What it does
    With verification on, looks an entry without a DOI up by its metadata (a bibliographic query to
    Crossref, then a search of OpenAlex) and reports it when no candidate agrees with it on title,
    first author and year. A warning for an entry that reads as a journal article, a conference
    paper or a preprint (a container with volume, issue or pages); info for a book or a report,
    which registries hold only in part, or for an entry refcheck could not read with confidence (no
    author, year or title found, or an author list cut short). Never reported for an entry with a URL (the link check
    vouches for it), for grey literature (news, press releases, web pages), or when a registry did
    not answer (the entry is then ``unverified``). The nearest candidate and its score are named.

Why is this bad
    A journal article no index knows may not exist: fabricated references look exactly like this.

Example (fails)
    Aliyev, R. (2021) Quantum diplomacy in the Caspian. Journal of Caspian Studies 4(2): 1-20.

Use instead
    Check the reference against the journal; add its DOI, or correct the entry so that it can be found.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity
from refcheck.rules._verify import entry_finding, name, quoted, verified

NAME = "reference-not-found"
SEVERITY = Severity.WARNING
SUMMARY = "No registry knows a cited journal article (warning) or book or report (info)."


def check(doc: Document) -> Iterator[Finding]:
    for ref, v in verified(doc):
        if v.status != "not-found" or v.doi_missing or v.kind == "other" or ref.urls:
            continue
        what = quoted(ref.title) if ref.title else quoted(ref.text, 70)
        message = f"no registry knows {what} ({name(ref)})"
        if v.nearest and v.nearest.get("title"):
            message += f"; nearest: {quoted(v.nearest['title'], 70)} (score {v.nearest['score']:.2f})"
        severity = SEVERITY if v.kind == "article" and not v.doubtful else Severity.INFO
        yield entry_finding(ref, NAME, severity, message)
