"""Text: ``path:line:col: severity rule message`` per finding, then a summary; coloured on a terminal."""

from __future__ import annotations

from typing import Any

import click

from refcheck.model import Severity
from refcheck.pipeline import FileResult

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(results: list[FileResult], color: bool = False, **_: Any) -> str:
    counts = {s: 0 for s in Severity}
    out = []
    for r in results:
        out.append(file_lines(r, color))
        for f in r.doc.findings if r.doc else ():
            counts[f.severity] += 1
    checked = sum(1 for r in results if r.doc)
    unreadable = sum(1 for r in results if r.error)
    out.append(summary_line(checked, counts, unreadable))
    return "".join(out)


def file_lines(r: FileResult, color: bool = False) -> str:
    """The lines of one file: its findings, or why it could not be read."""
    if r.error:
        return _style(f"{r.path}: error: {r.error}", "red", color) + "\n"
    assert r.doc is not None
    lines: list[str] = []
    for f in r.doc.findings:
        where = f.path or r.path
        if f.line is not None:
            where += f":{f.line}"
            if f.column is not None:
                where += f":{f.column}"
        sev = _style(str(f.severity), COLOURS[f.severity], color, bold=True)
        rule = _style(f.rule, "bright_black", color)
        msg = f.message
        if f.suggestion and f.suggestion not in msg:
            msg += f" [suggestion: {f.suggestion}]"
        lines.append(f"{_style(where, None, color, bold=True)}: {sev} {rule} {msg}\n")
    return "".join(lines)


def summary_line(checked: int, counts: dict[Severity, int], unreadable: int) -> str:
    """``N files checked: E errors, W warnings, I info``, and the files that could not be read."""
    parts = [
        f"{counts[Severity.ERROR]} error{'s' if counts[Severity.ERROR] != 1 else ''}",
        f"{counts[Severity.WARNING]} warning{'s' if counts[Severity.WARNING] != 1 else ''}",
        f"{counts[Severity.INFO]} info",
    ]
    summary = f"{checked} file{'s' if checked != 1 else ''} checked: " + ", ".join(parts)
    if unreadable:
        summary += f"; {unreadable} file{'s' if unreadable != 1 else ''} could not be read"
    return summary + "\n"


def _style(s: str, fg: str | None, color: bool, bold: bool = False) -> str:
    return click.style(s, fg=fg, bold=bold) if color else s
