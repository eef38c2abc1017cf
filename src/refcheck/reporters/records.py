"""The one plain-data result shape that every reporter and the JSON fixtures share (contract v1)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any

from refcheck.model import Document, Finding, Severity
from refcheck.model.citations import LinkStatus
from refcheck.pipeline import FileResult

VERSION = 1


def location_unit(doc: Document | None) -> str:
    """What ``line`` counts in this document: source lines, or paragraphs (DOCX)."""
    return "paragraph" if doc is not None and doc.format == "docx" else "line"


def finding_record(f: Finding, doc_path: str, fixable: bool = False) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": str(f.severity),
        "message": f.message,
        "path": f.path or doc_path,
        "line": f.line,
        "column": f.column,
        "citation": f.citation,
        "reference": f.reference,
        "reference_id": f.reference_id,
        "suggestion": f.suggestion,
        "fixable": fixable,
    }


def document_record(doc: Document, fixable: bool = True) -> dict[str, Any]:
    """The contract's record of ``doc``; ``fixable=False`` leaves every finding's fix hint off
    (the reports of findings only show none, and need not load fix.py)."""
    with _no_gc():
        return _document_record(doc, fixable)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector off while records are built: they are plain acyclic data, and a
    long document's tens of thousands of new dicts would set off full collections over the whole
    document model (6 of the 7 s this took on a 29 MB document)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_STATUS = {s: s.value for s in LinkStatus}  # an enum's .value is a property call


def _document_record(doc: Document, fixable: bool) -> dict[str, Any]:
    locate = doc.source_map.locator()
    status = _STATUS
    citations: list[dict[str, Any]] = []
    append = citations.append
    for c in doc.citations:
        line, col = locate(c.start) if c.start >= 0 else (None, None)
        kind = c.kind
        rec: dict[str, Any] = {
            "text": c.text,
            "authors": list(c.authors),
            "year": c.year,
            "line": line,
            "column": col,
            "references": list(c.references),
            "kind": kind,
            "status": status[c.status],
            "footnote": c.footnote,
        }
        if kind == "numeric":
            rec["numbers"] = c.numbers
        if c.key:
            rec["key"] = c.key
        append(rec)
    references = []
    for r in doc.references or []:
        line = locate(r.start)[0] if r.start >= 0 else (r.source[1] if r.source else None)
        references.append(
            {
                "id": r.id,
                "text": r.text,
                "authors": list(r.authors),
                "year": r.year,
                "line": line,
                "urls": list(r.urls),
                "accessed": r.accessed,
                "title": r.title,
                "doi": r.doi,
                "label": r.label,
                "verification": r.verification.as_record() if r.verification is not None else None,
                **({"path": r.source[0]} if r.source else {}),
            }
        )
    footnotes = [
        {"label": n.label, "line": locate(n.start)[0] if n.start >= 0 else None, "text": n.text}
        for n in doc.footnotes or []
    ]
    links: list[dict[str, Any]] = []
    for link in getattr(doc, "links", None) or []:
        links.append(link.as_record() if hasattr(link, "as_record") else dict(link))
    fixes: set[int] = set()
    if fixable:
        from refcheck.fix import fixable as fixable_findings  # fix.py only for the fix hints

        fixes = fixable_findings(doc)
    return {
        "path": doc.path,
        "format": doc.format,
        "location_unit": location_unit(doc),
        "style": doc.style,
        "citations": citations,
        "references": references,
        "footnotes": footnotes,
        "links": links,
        "findings": [finding_record(f, doc.path, id(f) in fixes) for f in doc.findings],
    }


def error_record(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "format": None,
        "error": result.error,
        "citations": [],
        "references": [],
        "footnotes": [],
        "links": [],
        "findings": [],
    }


def encoded_record(doc: Document) -> str:
    """``document_record(doc)`` as JSON text, which ``report_record`` takes as it is (a worker
    process makes it: runner.KEEP)."""
    from refcheck.reporters._common import encoded

    return encoded(document_record(doc), depth=2)  # a file's place in the report: files[]


def report_record(results: list[FileResult]) -> dict[str, Any]:
    """The contract's report of ``results``; a file's record already encoded (``encoded_record``)
    stands as JSON text (``_common.Encoded``), which ``_common.dumps`` puts in as it is."""
    from refcheck.reporters._common import Encoded

    files = [
        (r.record if isinstance(r.record, Encoded) else Encoded(r.record))
        if r.record is not None
        else document_record(r.doc)
        if r.doc
        else error_record(r)
        for r in results
    ]
    counts = {s: 0 for s in Severity}
    for r in results:
        for f in r.doc.findings if r.doc else ():
            counts[f.severity] += 1
    return {
        "version": VERSION,
        "files": files,
        "summary": {
            "files": len(results),
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "infos": counts[Severity.INFO],
            "unreadable": sum(1 for r in results if r.error),
        },
    }
