"""JSON: the contract documented in docs/json-output.md."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any, cast

from refcheck.pipeline import FileResult
from refcheck.reporters._common import dumps_stream
from refcheck.reporters.records import report_record


def render(results: list[FileResult], summary: dict[str, Any] | None = None, **_: Any) -> str:
    """``summary``: fields added to the summary (``shard``)."""
    return "".join(cast(Iterator[str], chunks(results, summary)))


def chunks(
    results: list[FileResult],
    summary: dict[str, Any] | None = None,
    ascii_bytes: bool = False,
    **_: Any,
) -> Iterator[str | bytes]:
    """``render``'s text in pieces, made as they are taken, to be written one after the other: a
    long document's record (tens of MB) is neither copied into one string nor, when its model is
    kept, held whole (its citations and entries are encoded a batch at a time, ``lazy_record``).
    ``ascii_bytes``: a batch of all-ASCII text is given as its bytes (``dumps_stream``), for a
    binary stream; without it every piece is text."""
    report = report_record(results, lazy=True)
    report["summary"].update(summary or {})
    return chain(dumps_stream(report, ascii_bytes), ["\n"])
