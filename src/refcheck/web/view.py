"""What the page shows, as plain data: the checked documents read from the model, nothing recomputed.

For each document: its text with the line numbers of the source, the citations (where, what they
link to, their status), the reference list with each entry's state (which citations cite it, its
links and their state, the findings on it), the findings with the place each one points at, and what
the fix button would do. The HTML and JSON downloads are refcheck's own reporters; the fixed file is
``refcheck.fix.plan`` (``refcheck.fixes.docx`` for Word files, with tracked changes).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from refcheck import fix as fix_mod
from refcheck.cli import ExitCode, exit_code
from refcheck.model import Document, Finding
from refcheck.pipeline import FileResult
from refcheck.reporters.records import finding_record


def _place(doc: Document, f: Finding) -> tuple[int | None, str | None]:
    """(citation index, reference id) the finding is about, when it stands on one."""
    if f.offset is None or f.offset < 0:
        return None, None
    for i, c in enumerate(doc.citations):
        if c.start <= f.offset < max(c.end, c.start + 1):
            return i, None
    for r in doc.references or []:
        if r.start == f.offset:
            return None, r.id
    return None, None


def fixed_name(path: str) -> str:
    p = PurePosixPath(path.replace("\\", "/"))
    return f"{p.stem}-refcheck{p.suffix}"


def plan(doc: Document, comments: bool = False) -> fix_mod.FixResult:
    """The fixed file, as ``refcheck fix`` makes it (a DOCX: with the other findings as comments)."""
    if doc.format == "docx" and comments:
        from refcheck.fixes.docx import fix_docx

        return fix_docx(doc, comments=True)
    return fix_mod.fix_document(doc)


def document_view(n: int, r: FileResult, fail_on: str) -> dict[str, Any]:
    if r.doc is None:
        return {"index": n, "path": r.path, "error": r.error or "could not be read"}
    doc = r.doc
    text = doc.text
    lines = [[0, doc.locate(0)[0]]]
    i = text.find("\n")
    while i != -1 and i + 1 < len(text):
        lines.append([i + 1, doc.locate(i + 1)[0]])
        i = text.find("\n", i + 1)
    citations: list[dict[str, Any]] = []
    cited_by: dict[str, list[int]] = {}
    for i, c in enumerate(doc.citations):
        for rid in c.cited_ids[:50]:  # (as the HTML report's entries table: reporters.html.CITED_SHOWN)
            cited_by.setdefault(rid, []).append(i)
        citations.append(
            {
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "status": c.status.value,
                "refs": list(c.references),
                "candidates": list(c.candidates),
                "suggestion": c.suggestion,
                "footnote": c.footnote,
                "findings": [],
            }
        )
    links = []
    for link in doc.links:
        res = link.result
        links.append(
            {
                "url": link.url,
                "start": link.start,
                "end": link.end,
                "reference": link.reference,
                "footnote": link.footnote,
                "accessed": link.accessed,
                "status": res.status.value,
                "http_status": res.http_status,
                "reason": res.reason,
                "detail": res.detail,
                "archive_url": res.archive_url,
                "archive_timestamp": res.archive_timestamp,
                "suggested_url": res.suggested_url,
            }
        )
    references: list[dict[str, Any]] = []
    index_of: dict[str, int] = {}
    for ref in doc.references or []:
        index_of[ref.id] = len(references)
        references.append(
            {
                "id": ref.id,
                "start": ref.start,
                "end": ref.end,
                "text": ref.text,
                "label": ref.label,
                "year": ref.year,
                "line": doc.locate(ref.start)[0]
                if ref.start >= 0
                else (ref.source[1] if ref.source else None),
                "source": ref.source[0] if ref.source else None,
                "cited_by": cited_by.get(ref.id, []),
                "links": [j for j, link in enumerate(links) if link["reference"] == ref.id],
                "findings": [],
                "verification": _verification(ref),
            }
        )
    planned = plan(doc)
    applied = {id(f) for f in planned.fixed}
    skipped = {id(f): why for f, why in planned.skipped}
    findings = []
    counts = {"error": 0, "warning": 0, "info": 0}
    for k, f in enumerate(doc.findings):
        rec = finding_record(f, doc.path)
        cit, ref_id = _place(doc, f)
        if ref_id is None and f.reference_id in index_of:
            ref_id = f.reference_id
        if cit is not None:
            citations[cit]["findings"].append(k)
        if ref_id is not None:
            references[index_of[ref_id]]["findings"].append(k)
        counts[rec["severity"]] += 1
        findings.append(
            {
                **rec,
                "start": f.offset if f.offset is not None and f.offset >= 0 else None,
                "end": f.end_offset,
                "citation_index": cit,
                "reference_index": index_of.get(ref_id) if ref_id else None,
                "fixable": id(f) in applied,
                "not_fixed": skipped.get(id(f)),
            }
        )
    fails = exit_code([r], fail_on) == ExitCode.FINDINGS
    return {
        "index": n,
        "path": r.path,
        "error": None,
        "format": doc.format,
        "style": doc.style,
        "text": text,
        "lines": lines,
        "citations": citations,
        "references": references,
        "links": links,
        "notes": [
            {"label": n.label, "start": n.start, "end": n.end} for n in doc.footnotes or [] if n.start >= 0
        ],
        "marks": [
            {"label": m.label, "start": m.start, "end": m.end} for m in doc.footnote_markers if m.start >= 0
        ],
        "findings": findings,
        "counts": counts,
        "fail_on": fail_on,
        "fails": fails,
        "fixes": {
            "count": len(planned.fixed),
            "filename": fixed_name(r.path),
            "tracked": doc.format == "docx",
            "comments": doc.format == "docx" and len(planned.fixed) < len(doc.findings),
        },
    }


def result_view(results: list[FileResult], fail_on: dict[str, str], default_fail_on: str) -> dict[str, Any]:
    files = [document_view(n, r, fail_on.get(r.path, default_fail_on)) for n, r in enumerate(results)]
    summary = {"error": 0, "warning": 0, "info": 0}
    for f in files:
        for k, v in (f.get("counts") or {}).items():
            summary[k] += v
    return {
        "files": files,
        "summary": {
            **summary,
            "files": len(files),
            "unreadable": sum(1 for f in files if f.get("error")),
            "fails": any(f.get("fails") or f.get("error") for f in files),
        },
    }


def _verification(ref: Any) -> dict[str, Any] | None:
    """The registry's verdict on an entry (the JSON contract's ``verification``) and ``record_url``,
    where a reader sees the record: https://doi.org/<doi>, or the record's own http(s) page."""
    v = ref.verification
    if v is None:
        return None
    out: dict[str, Any] = v.as_record()
    url = f"https://doi.org/{v.doi}" if v.doi else v.url
    out["record_url"] = url if isinstance(url, str) and re.match(r"(?i)https?://[^\s]+$", url) else None
    return out
