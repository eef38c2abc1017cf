"""The document model every loader produces and every later stage reads."""

from refcheck.model.citations import Citation, LinkStatus
from refcheck.model.document import Document, Footnote, FootnoteMarker, Ranges, SourceMap, Url, notes_span
from refcheck.model.findings import Finding, Severity
from refcheck.model.references import Reference, Verification

__all__ = [
    "Citation",
    "Document",
    "Finding",
    "Footnote",
    "FootnoteMarker",
    "LinkStatus",
    "Ranges",
    "Reference",
    "Severity",
    "SourceMap",
    "Url",
    "Verification",
    "notes_span",
]
