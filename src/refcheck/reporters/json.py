"""JSON: the contract documented in docs/json-output.md."""

from __future__ import annotations

from typing import Any

from refcheck.pipeline import FileResult
from refcheck.reporters._common import dumps_pieces
from refcheck.reporters.records import report_record


def render(results: list[FileResult], summary: dict[str, Any] | None = None, **_: Any) -> str:
    """``summary``: fields added to the summary (``shard``)."""
    return "".join(chunks(results, summary))


def chunks(results: list[FileResult], summary: dict[str, Any] | None = None, **_: Any) -> list[str]:
    """``render``'s text in pieces, each file's record one of them, to be written one after the
    other (a long document's record is tens of MB: it is not copied into one string)."""
    report = report_record(results)
    report["summary"].update(summary or {})
    return [*dumps_pieces(report), "\n"]
