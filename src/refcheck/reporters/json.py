"""JSON: the contract documented in docs/json-output.md."""

from __future__ import annotations

from typing import Any

from refcheck.pipeline import FileResult
from refcheck.reporters._common import dumps
from refcheck.reporters.records import report_record


def render(results: list[FileResult], **_: Any) -> str:
    return dumps(report_record(results)) + "\n"
