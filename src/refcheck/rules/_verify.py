"""What the verification rules share: where an entry's finding stands and how the entry is named."""

from __future__ import annotations

import re
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
        who = ref.shown_authors  # (as the linker and the other rules name it)
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
    fix_unsafe: bool = False,
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
        fix_unsafe=fix_unsafe,
    )


def quoted(title: str | None, limit: int = 90) -> str:
    t = " ".join((title or "").split())
    return f'"{t[: limit - 3]}..."' if len(t) > limit else f'"{t}"'


# Where an entry's year is not: in a URL or a DOI ("10.1016/j.enpol.2008.01.012").
_URLISH = re.compile(r"https?://\S+|\bwww\.\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+", re.I)

# A fix from a registry's record is offered only for a record that is the entry's work beyond
# doubt: looked up by the entry's DOI or the only work a search found, with its title almost word
# for word (``match.SAME_WORK_TITLE``).
SURE_TITLE = 0.9


def sure(v: Verification) -> bool:
    return v.unambiguous and (v.score or 0.0) >= SURE_TITLE


def entry_fix(
    doc: Document, ref: Reference, pattern: re.Pattern[str], new: str, mask_links: bool
) -> tuple[int, int, str] | None:
    """Replace the one match of ``pattern`` in the entry's text (in a URL or DOI too unless
    ``mask_links``) with ``new``; None when the entry is not in the document's text (a .bib
    entry) or the pattern matches there not exactly once."""
    if ref.start < 0 or ref.end > len(doc.text) or ref.end <= ref.start:
        return None
    span = doc.text[ref.start : ref.end]
    if mask_links:
        span = _URLISH.sub(lambda m: " " * len(m.group(0)), span)
    hits = list(pattern.finditer(span))
    if len(hits) != 1:
        return None
    return (ref.start + hits[0].start(), ref.start + hits[0].end(), new)
