"""JSON: the contract documented in docs/json-output.md."""

from __future__ import annotations

import json
from typing import Any

from refcheck.pipeline import FileResult
from refcheck.reporters.records import report_record


def render(results: list[FileResult], **_: Any) -> str:
    return json.dumps(report_record(results), ensure_ascii=False, indent=2) + "\n"
