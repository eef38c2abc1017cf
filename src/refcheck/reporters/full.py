"""The full terminal report: findings grouped by file, each with its source line, a marker under the
citation, the suggestion and whether ``refcheck fix`` can repair it; a per-rule summary table last.

``refcheck check`` uses it for ``--format text`` on a terminal; piped, ``text`` stays one line per
finding (``path:line:col: severity rule message``, the ``concise`` reporter).
"""

from __future__ import annotations

import shlex
from typing import Any

import click

from refcheck.model import Severity
from refcheck.pipeline import FileResult
from refcheck.reporters._common import Lines, clean, display_path, items, plural
from refcheck.reporters.records import location_unit

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
WIDTH = 100  # the widest source excerpt shown


def _style(s: str, color: bool, fg: str | None = None, bold: bool = False, dim: bool = False) -> str:
    # None, not False: click.style(dim=False) writes "normal intensity", which cancels bold
    return click.style(s, fg=fg, bold=bold or None, dim=dim or None) if color else s


def _excerpt(lines: Lines, offset: int, end_offset: int | None) -> tuple[str, int, int]:
    """A window of the finding's line (without its trailing white space) around the finding, no wider
    than WIDTH, and where the finding is in it (clipped to the line)."""
    line_start, line_end = lines.bounds(offset)
    end = min(end_offset if end_offset is not None and end_offset > offset else line_end, line_end)
    start, end = offset - line_start, end - line_start
    length = lines.stripped_length(line_start, line_end)
    if length <= WIDTH:
        return lines.text[line_start : line_start + length], start, end
    left = max(0, min(start - 30, length - WIDTH))
    right = min(length, left + WIDTH)
    text = lines.text[line_start + left : line_start + right]
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < length else ""
    return prefix + text + suffix, start - left + len(prefix), min(end - left, len(text)) + len(prefix)


def _shell(path: str) -> str:
    """``path`` as a shell argument to copy: quoted when it needs it, never read as an option."""
    return shlex.quote(display_path(path))


def render(results: list[FileResult], color: bool = False, **_: Any) -> str:
    out: list[str] = []
    counts = {s: 0 for s in Severity}
    per_rule: dict[str, dict[Severity, int]] = {}
    by_result: dict[int, list[Any]] = {}
    for it in items(results, fixable=True):
        by_result.setdefault(id(it.result), []).append(it)
    for r in results:
        if r.error:
            out.append(_style(display_path(r.path), color, bold=True))
            out.append("  " + _style("cannot be read: ", color, fg="red", bold=True) + clean(r.error or ""))
            out.append("")
            continue
        found = by_result.get(id(r), [])
        if not found:
            continue
        assert r.doc is not None
        unit = location_unit(r.doc)
        # the file name in bold and the terminal's own colour, readable on light and dark themes
        out.append(
            _style(display_path(r.path), color, bold=True)
            + _style(f"  ({plural(len(found), 'finding')})", color, dim=True)
        )
        lines: Lines | None = None
        for it in found:
            rec, f = it.record, it.finding
            counts[f.severity] += 1
            per_rule.setdefault(rec["rule"], {s: 0 for s in Severity})[f.severity] += 1
            if not rec["line"]:
                where = "-"
            elif unit == "paragraph":
                where = f"paragraph {rec['line']}"
            elif rec["column"] is None:  # a .bib entry: a line, no column
                where = str(rec["line"])
            else:
                where = f"{rec['line']}:{rec['column']}"
            if rec["path"] != r.path:
                where = f"{clean(rec['path'])}:{where}"
            sev = _style(f"{rec['severity']:<7}", color, fg=COLOURS[f.severity], bold=True)
            out.append(
                f"  {where:<9} {sev} {_style(clean(rec['rule']), color, dim=True)}  {clean(rec['message'])}"
            )
            if (
                rec["path"] == r.path
                and rec["line"]
                and f.offset is not None
                and 0 <= f.offset <= len(r.doc.text)
            ):
                lines = lines if lines is not None and lines.text is r.doc.text else Lines(r.doc.text)
                text, a, b = _excerpt(lines, f.offset, f.end_offset)
                # escape the pieces apart, so the marker stays under the span
                before, inside, after = clean(text[:a]), clean(text[a:b]), clean(text[b:])
                a, b = len(before), len(before) + max(1, len(inside))
                gutter = f"{'¶' if unit == 'paragraph' else ''}{rec['line']:>6} │ "
                out.append(_style(gutter, color, dim=True) + before + inside + after)
                marker = " " * a + "^" * (b - a)
                out.append(
                    _style(" " * (len(gutter) - 2) + "│ ", color, dim=True)
                    + _style(marker, color, fg=COLOURS[f.severity], bold=True)
                )
            if rec["suggestion"]:
                out.append(
                    " " * 7 + "= " + _style("suggestion: ", color, fg="green") + clean(rec["suggestion"])
                )
            if rec["fixable"]:
                out.append(
                    " " * 7 + "= " + _style("fixable: ", color, fg="green") + f"refcheck fix {_shell(r.path)}"
                )
        out.append("")
    if per_rule:
        width = max(len(k) for k in per_rule)
        out.append(_style("Summary", color, bold=True))
        out.append(f"  {'rule':<{width}}  {'error':>5}  {'warning':>7}  {'info':>4}")
        for rule, c in sorted(per_rule.items()):
            out.append(
                f"  {clean(rule):<{width}}  {c[Severity.ERROR]:>5}  {c[Severity.WARNING]:>7}  {c[Severity.INFO]:>4}"
            )
    checked = sum(1 for r in results if r.doc)
    unreadable = sum(1 for r in results if r.error)
    line = (
        f"{plural(checked, 'file')} checked: "
        + _style(
            plural(counts[Severity.ERROR], "error"),
            color,
            fg="red" if counts[Severity.ERROR] else None,
            bold=True,
        )
        + ", "
        + _style(
            plural(counts[Severity.WARNING], "warning"),
            color,
            fg="yellow" if counts[Severity.WARNING] else None,
        )
        + f", {counts[Severity.INFO]} info"
    )
    if unreadable:
        line += f"; {plural(unreadable, 'file')} could not be read"
    out.append(line)
    return "\n".join(out) + "\n"
