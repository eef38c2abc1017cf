"""JSON: the contract documented in docs/json-output.md."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

from refcheck.pipeline import FileResult
from refcheck.reporters._common import dumps_stream
from refcheck.reporters.records import report_record


def render(results: list[FileResult], summary: dict[str, Any] | None = None, **_: Any) -> str:
    """``summary``: fields added to the summary (``shard``)."""
    return "".join(chunks(results, summary))


def chunks(results: list[FileResult], summary: dict[str, Any] | None = None, **_: Any) -> Iterator[str]:
    """``render``'s text in pieces, made as they are taken, to be written one after the other: a
    long document's record (tens of MB) is neither copied into one string nor, when its model is
    kept, held whole (its citations and entries are encoded a batch at a time, ``lazy_record``)."""
    report = report_record(results, lazy=True)
    report["summary"].update(summary or {})
    return chain(dumps_stream(report), ["\n"])
