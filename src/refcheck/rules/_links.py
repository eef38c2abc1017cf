"""What the three link rules share: where a link's finding stands and what it names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refcheck.model import Document, Finding, Reference, Severity

if TYPE_CHECKING:
    from refcheck.links.results import Link


def references_by_id(doc: Document) -> dict[str, Reference]:
    return {r.id: r for r in doc.references or []}


def link_finding(
    doc: Document,
    link: Link,
    rule: str,
    severity: Severity,
    message: str,
    replacement: str | None = None,
    fixable: bool = True,
    refs: dict[str, Reference] | None = None,
) -> Finding:
    """A finding placed on the link; ``replacement`` is suggested and, when ``fixable`` and the URL
    stands in the document, offered to ``refcheck fix``. ``refs`` (``references_by_id(doc)``, made
    once per rule run) saves a search of the reference list per finding."""
    if refs is None:
        refs = references_by_id(doc)
    ref = refs.get(link.reference) if link.reference else None
    offset: int | None = link.start if link.start >= 0 else None
    if offset is None and ref is not None and ref.start >= 0:
        offset = ref.start
    # a URL of an entry in another file (a .bib): the finding stands at the entry, as the entry's
    # other findings do, not on the document with no line
    elsewhere = ref.source if offset is None and ref is not None and ref.source else None
    where = f" (note {link.footnote})" if link.footnote and doc.format != "docx" else ""
    return Finding(
        rule=rule,
        severity=severity,
        message=message + where,
        offset=offset,
        end_offset=link.end if link.start >= 0 else None,
        reference=ref.text if ref is not None else None,
        reference_id=link.reference,
        suggestion=replacement,
        fix=(link.start, link.end, replacement) if replacement and fixable and link.start >= 0 else None,
        path=elsewhere[0] if elsewhere else None,
        line=elsewhere[1] if elsewhere else None,
    )


def describe(link: Link) -> str:
    r = link.result
    parts = [r.reason or str(r.status)]
    if r.http_status is not None and f"HTTP {r.http_status}" != r.detail:
        parts.append(f"HTTP {r.http_status}")
    if r.detail:
        parts.append(r.detail)
    return ", ".join(dict.fromkeys(parts))
