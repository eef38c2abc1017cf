"""Text: ``path:line:col: severity rule message`` per finding, then a summary; coloured on a terminal.

``file_lines`` gives one file's lines, so that the command line can print each file as soon as it
is checked (``--format concise``); ``render`` is every file's lines and the summary.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import click

from refcheck.loading import FileResult
from refcheck.model import Finding, Severity
from refcheck.reporters._common import clean, display_path, plural

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def finding_line(f: Finding, path: str, color: bool = False) -> str:
    where = display_path(f.path or path)
    if f.line is not None:
        where += f":{f.line}"
        if f.column is not None:
            where += f":{f.column}"
    sev = _style(str(f.severity), COLOURS[f.severity], color, bold=True)
    rule = _style(clean(f.rule), None, color, dim=True)
    msg = clean(f.message)
    if f.suggestion and f.suggestion not in f.message:
        msg += f" [suggestion: {clean(f.suggestion)}]"
    # the location in bold in the terminal's own colour: readable on light and dark themes
    return f"{_style(where, None, color, bold=True)}: {sev} {rule} {msg}"


def file_lines(r: FileResult, color: bool = False, skip: Collection[int] = ()) -> list[str]:
    """The lines of one file: its error, or its findings (leaving out those whose ``id()`` is in
    ``skip``, already printed)."""
    if r.error:
        return [_style(f"{display_path(r.path)}: error: {clean(r.error)}", "red", color)]
    assert r.doc is not None
    return [finding_line(f, r.path, color) for f in r.doc.findings if id(f) not in skip]


def summary(results: list[FileResult]) -> str:
    counts = {s: 0 for s in Severity}
    for r in results:
        for f in r.doc.findings if r.doc else ():
            counts[f.severity] += 1
    checked = sum(1 for r in results if r.doc)
    unreadable = sum(1 for r in results if r.error)
    return summary_line(checked, counts, unreadable)


def summary_line(checked: int, counts: dict[Severity, int], unreadable: int) -> str:
    """The summary from its counts (a streamed run keeps counts, not results)."""
    line = (
        f"{plural(checked, 'file')} checked: {plural(counts[Severity.ERROR], 'error')}, "
        f"{plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info"
    )
    if unreadable:
        line += f"; {plural(unreadable, 'file')} could not be read"
    return line


def render(results: list[FileResult], color: bool = False, **_: Any) -> str:
    lines = [line for r in results for line in file_lines(r, color)]
    lines.append(summary(results))
    return "\n".join(lines) + "\n"


def _style(s: str, fg: str | None, color: bool, bold: bool = False, dim: bool = False) -> str:
    # None, not False: click.style(dim=False) writes "normal intensity", which cancels bold
    return click.style(s, fg=fg, bold=bold or None, dim=dim or None) if color else s
