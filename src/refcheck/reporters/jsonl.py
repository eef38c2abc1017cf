"""JSON Lines: one ``files[]`` record of the JSON contract per line, then one summary line.

Each line is a whole JSON document (compact, UTF-8), written as soon as that file is finished, so
a consumer can process a large batch as it runs and a run cut short leaves every finished file
readable. The last line is ``{"version": 1, "summary": {...}}``, the JSON report's summary; a file
without it is from a run that did not finish (``refcheck merge`` refuses it).
"""

from __future__ import annotations

from typing import Any

from refcheck.model import Severity
from refcheck.pipeline import FileResult
from refcheck.reporters._common import dumps_line
from refcheck.reporters.records import VERSION, document_record, error_record


def file_record(result: FileResult) -> dict[str, Any]:
    return document_record(result.doc) if result.doc else error_record(result)


def line(record: dict[str, Any]) -> str:
    return dumps_line(record) + "\n"


class Summary:
    """The counts of the summary line, kept as the files go by."""

    def __init__(self) -> None:
        self.files = 0
        self.unreadable = 0
        self.counts = {s: 0 for s in Severity}

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error:
            self.unreadable += 1
        for f in result.doc.findings if result.doc else ():
            self.counts[f.severity] += 1

    def record(self, **extra: Any) -> dict[str, Any]:
        return {
            "version": VERSION,
            "summary": {
                "files": self.files,
                "errors": self.counts[Severity.ERROR],
                "warnings": self.counts[Severity.WARNING],
                "infos": self.counts[Severity.INFO],
                "unreadable": self.unreadable,
                **extra,
            },
        }


def render(results: list[FileResult], summary: dict[str, Any] | None = None, **_: Any) -> str:
    """The whole run at once (``refcheck merge``; ``check`` writes the same lines as it goes).
    ``summary``: fields added to the summary (``shard``)."""
    counts = Summary()
    out = []
    for r in results:
        counts.add(r)
        out.append(line(file_record(r)))
    out.append(line(counts.record(**(summary or {}))))
    return "".join(out)
