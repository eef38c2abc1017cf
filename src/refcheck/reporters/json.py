"""JSON: the contract documented in docs/json-output.md."""

from __future__ import annotations

from typing import Any

from refcheck.pipeline import FileResult
from refcheck.reporters._common import dumps
from refcheck.reporters.records import report_record


def render(results: list[FileResult], summary: dict[str, Any] | None = None, **_: Any) -> str:
    """``summary``: fields added to the summary (``shard``)."""
    report = report_record(results)
    report["summary"].update(summary or {})
    return dumps(report) + "\n"
