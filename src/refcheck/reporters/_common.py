"""Helpers the reporters share: findings with their records, counts, source snippets, and the
escaping that keeps text from documents from acting on whoever reads the output.

Text taken from a document (citations, entries, URLs, file names, messages that quote them) is
untrusted. ``clean`` (``refcheck.sanitize``, which error lines use too) makes it inert for a
terminal, a CI log or an XML/HTML page: control characters, lone surrogates, line separators,
bidirectional overrides and non-characters become visible backslash escapes, and a newline never
starts a new output line unless the caller keeps it.
Every line the command line prints goes through ``clean`` (``safe_echo``) or is built from cleaned
pieces by a reporter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from refcheck.sanitize import clean as clean  # the one escaping (sanitize.py), for reports

if TYPE_CHECKING:
    from refcheck.model import Document, Finding
    from refcheck.pipeline import FileResult


@dataclass
class Item:
    """One finding: the result it belongs to, its plain record (contract v1) and the model object."""

    result: FileResult
    record: dict[str, Any]
    finding: Finding


def items(
    results: list[FileResult], report: dict[str, Any] | None = None, fixable: bool = False
) -> Iterator[Item]:
    """Every finding with its record; ``report`` (``report_record(results)``), when the caller has
    it already, saves building the records twice. ``fixable``: the records say which findings
    ``refcheck fix`` would change (the reports that show it ask; the others need not load fix.py)."""
    from refcheck.reporters.records import document_record

    for n, r in enumerate(results):
        if r.doc is None:
            continue
        records = (
            report["files"][n]["findings"]
            if report is not None
            else document_record(r.doc, fixable=fixable)["findings"]
        )
        for rec, f in zip(records, r.doc.findings, strict=True):
            yield Item(r, rec, f)


def display_path(path: object) -> str:
    """A path for the start of an output line: cleaned, and never starting with ``::`` (a GitHub
    workflow command) or ``-``."""
    text = clean(path)
    return "./" + text if text.startswith(("::", "-")) else text


def safe_echo(message: object, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` for a line built from untrusted text (notes, error lines, paths)."""
    click.echo(clean(message), err=err, nl=nl)


# What json.dumps(ensure_ascii=False) leaves raw that a terminal or a strict reader should not get:
# C1 controls, DEL, lone surrogates, line/paragraph separators, bidi controls (all only ever inside
# strings, so a \uXXXX escape in their place is valid JSON and decodes to the same text).
_JSON_UNSAFE = "[\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]"


def dumps(data: Any) -> str:
    """JSON text for a report: readable UTF-8, with every unsafe character escaped."""
    import json  # only the JSON-based reports need it (start-up: CONTRIBUTING.md)

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group(0)):04x}", text)


def dumps_line(data: Any) -> str:
    """``dumps`` on one line, compact (a JSON Lines record)."""
    import json

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group(0)):04x}", text)


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
