"""Text: ``path:line:col: severity rule message`` per finding, then a summary; coloured on a terminal."""

from __future__ import annotations

from typing import Any

import click

from refcheck.model import Severity
from refcheck.pipeline import FileResult
from refcheck.reporters._common import clean, display_path

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(results: list[FileResult], color: bool = False, **_: Any) -> str:
    lines: list[str] = []
    counts = {s: 0 for s in Severity}
    for r in results:
        if r.error:
            lines.append(_style(f"{display_path(r.path)}: error: {clean(r.error)}", "red", color))
            continue
        assert r.doc is not None
        for f in r.doc.findings:
            counts[f.severity] += 1
            where = display_path(f.path or r.path)
            if f.line is not None:
                where += f":{f.line}"
                if f.column is not None:
                    where += f":{f.column}"
            sev = _style(str(f.severity), COLOURS[f.severity], color, bold=True)
            rule = _style(clean(f.rule), "bright_black", color)
            msg = clean(f.message)
            if f.suggestion and f.suggestion not in f.message:
                msg += f" [suggestion: {clean(f.suggestion)}]"
            lines.append(f"{_style(where, None, color, bold=True)}: {sev} {rule} {msg}")
    checked = sum(1 for r in results if r.doc)
    unreadable = sum(1 for r in results if r.error)
    parts = [
        f"{counts[Severity.ERROR]} error{'s' if counts[Severity.ERROR] != 1 else ''}",
        f"{counts[Severity.WARNING]} warning{'s' if counts[Severity.WARNING] != 1 else ''}",
        f"{counts[Severity.INFO]} info",
    ]
    summary = f"{checked} file{'s' if checked != 1 else ''} checked: " + ", ".join(parts)
    if unreadable:
        summary += f"; {unreadable} file{'s' if unreadable != 1 else ''} could not be read"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _style(s: str, fg: str | None, color: bool, bold: bool = False) -> str:
    return click.style(s, fg=fg, bold=bold) if color else s
