"""Helpers the reporters share: findings with their records, counts, source snippets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from refcheck.model import Document, Finding
from refcheck.pipeline import FileResult
from refcheck.reporters.records import document_record


@dataclass
class Item:
    """One finding: the result it belongs to, its plain record (contract v1) and the model object."""

    result: FileResult
    record: dict[str, Any]
    finding: Finding


def items(results: list[FileResult]) -> Iterator[Item]:
    for r in results:
        if r.doc is None:
            continue
        records = document_record(r.doc)["findings"]
        for rec, f in zip(records, r.doc.findings, strict=True):
            yield Item(r, rec, f)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def span(doc: Document, f: Finding) -> tuple[int, int] | None:
    """(start, end) of the finding in ``doc.text``, clipped to its line; None without an offset."""
    if f.offset is None or f.offset < 0 or f.offset > len(doc.text):
        return None
    line_end = doc.text.find("\n", f.offset)
    if line_end == -1:
        line_end = len(doc.text)
    end = f.end_offset if f.end_offset is not None and f.end_offset > f.offset else line_end
    return f.offset, min(end, line_end)


def source_line(doc: Document, offset: int) -> tuple[str, int]:
    """The text line holding ``offset`` and the offset where it starts."""
    start = doc.text.rfind("\n", 0, offset) + 1
    end = doc.text.find("\n", offset)
    return doc.text[start : end if end != -1 else len(doc.text)], start
