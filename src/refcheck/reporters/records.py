"""The one plain-data result shape that every reporter and the JSON fixtures share (contract v1)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from typing import TYPE_CHECKING, Any

from refcheck.model import Document, Finding, Severity
from refcheck.model.citations import Citation
from refcheck.model.references import Reference
from refcheck.pipeline import FileResult

if TYPE_CHECKING:
    from refcheck.reporters._common import Encoded

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


def _document_record(doc: Document, fixable: bool, batch: int = 0, release: bool = False) -> dict[str, Any]:
    """``batch``: the citations and entries are ``_common.Lazy`` arrays, their records made
    ``batch`` at a time as they are encoded (``encoded_record``); ``release``: see there."""
    fixes: set[int] = set()
    # fix.py (its import) only for the fix hints, and only when a finding may have one: fix.fixable
    # finds none when no finding is marked fixable or carries a safe fix
    if fixable and any(f.fixable or (f.fix and not f.fix_unsafe) for f in doc.findings):
        from refcheck.fix import fixable as fixable_findings

        fixes = fixable_findings(doc)
    locate = doc.source_map.locator()
    citations: Any
    references: Any
    if batch:
        from refcheck.reporters._common import Lazy

        # (plain: a citation record holds only str, int, None and lists of them, the model's types;
        # not checking it saves a quarter of the encoding of a long document's citations)
        made = map(_citation_records, _batches(doc.citations, batch, release), repeat(locate), repeat(True))
        citations = Lazy(made, plain=True)
        refs = doc.references or []
        # (plain unless an entry was verified: its record's scores may be floats, which _plain checks)
        plain = all(r.verification is None for r in refs)
        made = map(_reference_records, _batches(refs, batch, release), repeat(locate), repeat(True))
        references = Lazy(made, plain=plain)
    else:
        citations = _citation_records(doc.citations, locate)
        references = _reference_records(doc.references or [], locate)
    footnotes = [
        {"label": n.label, "line": locate(n.start)[0] if n.start >= 0 else None, "text": n.text}
        for n in doc.footnotes or []
    ]
    links: list[dict[str, Any]] = []
    for link in getattr(doc, "links", None) or []:
        links.append(link.as_record() if hasattr(link, "as_record") else dict(link))
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


def _batches(items: list[Any], size: int, release: bool) -> Iterator[list[Any]]:
    """``items`` ``size`` at a time; ``release``: each batch's place in ``items`` is emptied (None)
    as it is taken."""
    for start in range(0, len(items), size):
        part = items[start : start + size]
        if release:
            items[start : start + size] = repeat(None, len(part))
        yield part


def _citation_records(
    cites: list[Citation], locate: Callable[[int], tuple[int, int]], shared: bool = False
) -> list[dict[str, Any]]:
    """``shared``: the records hold the citations' own author and entry sequences, not copies (a
    third of the time): for records that are encoded at once and dropped, never handed out."""
    out: list[dict[str, Any]] = []
    append = out.append
    for c in cites:
        line, col = locate(c.start) if c.start >= 0 else (None, None)
        kind = c.kind
        rec: dict[str, Any] = {
            "text": c.text,
            "authors": c.authors if shared else list(c.authors),
            "year": c.year,
            "line": line,
            "column": col,
            "references": c.references if shared else list(c.references),  # (a tuple: an array all the same)
            "kind": kind,
            "status": c.status._value_,  # .value is a property call
            "footnote": c.footnote,
        }
        if kind == "numeric":
            rec["numbers"] = list(c.numbers)
        if c.key:
            rec["key"] = c.key
        append(rec)
    return out


def _reference_records(
    refs: list[Reference], locate: Callable[[int], tuple[int, int]], shared: bool = False
) -> list[dict[str, Any]]:
    """``shared``: as ``_citation_records``'s."""
    out: list[dict[str, Any]] = []
    for r in refs:
        line = locate(r.start)[0] if r.start >= 0 else (r.source[1] if r.source else None)
        rec: dict[str, Any] = {
            "id": r.id,
            "text": r.text,
            "authors": r.authors if shared else list(r.authors),
            "year": r.year,
            "line": line,
            "urls": r.urls if shared else list(r.urls),
            "accessed": r.accessed,
            "title": r.title,
            "doi": r.doi,
            "label": r.label,
            "verification": r.verification.as_record() if r.verification is not None else None,
        }
        if r.source:
            rec["path"] = r.source[0]
        out.append(rec)
    return out


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


def encoded_record(doc: Document, release: bool = False) -> Encoded:
    """``document_record(doc)`` as JSON text, which ``report_record`` takes as it is (a worker
    process makes it: runner.KEEP). The citation and entry records are made and encoded ``BATCH``
    at a time: never all held at once, and each batch is encoded while it is in the cache.
    ``release``: the model is dropped afterwards, so each batch of citations and entries is let go
    of as soon as it is encoded (the list holds None in its place): the long document's model shrinks
    while its text grows (peak memory)."""
    from refcheck.reporters._common import encoded

    with _no_gc():
        record = _document_record(doc, True, BATCH, release)
        return encoded(record, depth=2)  # a file's place in the report: files[]


BATCH = 1000  # records


def lazy_record(doc: Document) -> dict[str, Any]:
    """``document_record(doc)`` with its citations and entries made ``BATCH`` at a time as they
    are encoded (``_common.Lazy``): a report streamed to its file holds one batch of records, never
    the whole record (a long document's is several times the size of the file)."""
    with _no_gc():
        record = _document_record(doc, True, BATCH)
    for key in ("citations", "references"):
        record[key].batches = _each_without_gc(record[key].batches)
    return record


def _each_without_gc(batches: Iterable[list[dict[str, Any]]]) -> Iterator[list[dict[str, Any]]]:
    """``batches``, made and encoded with the collector off (``_no_gc``: the records are acyclic,
    and with it on, each batch set off a collection: 0.2 s of a 320,000-citation report)."""
    with _no_gc():
        yield from batches


def report_record(results: list[FileResult], lazy: bool = False) -> dict[str, Any]:
    """The contract's report of ``results``; a file's record already encoded (``encoded_record``)
    stands as JSON text (``_common.Encoded``), which ``_common.dumps`` puts in as it is. ``lazy``:
    the citations and entries of a file whose model is kept are ``_common.Lazy`` arrays, their
    records made a batch at a time as the report is encoded and written (``lazy_record``)."""
    from refcheck.reporters._common import Encoded

    files = [
        (r.record if isinstance(r.record, Encoded) else Encoded(r.record))
        if r.record is not None
        else (lazy_record(r.doc) if lazy else document_record(r.doc))
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
