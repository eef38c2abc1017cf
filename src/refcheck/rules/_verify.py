"""What the verification rules share: where an entry's finding stands and how the entry is named."""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Reference, Severity, Verification


def verified(doc: Document) -> Iterator[tuple[Reference, Verification]]:
    """Each entry the verification stage has judged (none before it has run)."""
    for ref in doc.references or []:
        if ref.verification is not None:
            yield ref, ref.verification


def name(ref: Reference) -> str:
    """ "Smith et al. 2004", "[12] Smith 2004", or the entry's first words."""
    if ref.authors:
        who = ref.authors[0] + (" et al." if len(ref.authors) > 2 or ref.et_al else "")
        if len(ref.authors) == 2:
            who = f"{ref.authors[0]} and {ref.authors[1]}"
        who = f"{who} {ref.year}" if ref.year else who
    else:
        who = " ".join(ref.text.split()[:6])
    return f"[{ref.label}] {who}" if ref.label and ref.label.isdigit() else who


def entry_finding(
    ref: Reference,
    rule: str,
    severity: Severity,
    message: str,
    suggestion: str | None = None,
    fix: tuple[int, int, str] | None = None,
) -> Finding:
    """A finding placed on the entry (its first line; for a .bib entry, its place in that file)."""
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        offset=ref.start if ref.start >= 0 else None,
        end_offset=ref.start + min(len(ref.text), 80) if ref.start >= 0 else None,
        reference=ref.text,
        reference_id=ref.id,
        suggestion=suggestion,
        path=ref.source[0] if ref.source else None,
        line=ref.source[1] if ref.source else None,
        fix=fix,
    )


def quoted(title: str | None, limit: int = 90) -> str:
    t = " ".join((title or "").split())
    return f'"{t[: limit - 3]}..."' if len(t) > limit else f'"{t}"'
