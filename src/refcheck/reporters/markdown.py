"""Markdown: a summary for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment."""

from __future__ import annotations

from typing import Any

from refcheck.model import Severity
from refcheck.pipeline import FileResult
from refcheck.reporters._common import items, plural

MAX_ROWS = 200
ICONS = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}


def cell(s: object) -> str:
    return str(s).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("`", "'")


def render(results: list[FileResult], **_: Any) -> str:
    found = list(items(results))
    counts = {s: sum(1 for it in found if it.finding.severity is s) for s in Severity}
    checked = sum(1 for r in results if r.doc)
    unreadable = [r for r in results if r.error]
    verdict = "✅ no findings" if not found and not unreadable else "❌ findings"
    out = [
        "## refcheck",
        "",
        f"{verdict}: {plural(checked, 'file')} checked, {plural(counts[Severity.ERROR], 'error')}, "
        f"{plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info"
        + (f", {plural(len(unreadable), 'file')} unreadable" if unreadable else ""),
        "",
    ]
    if found:
        per_rule: dict[str, int] = {}
        for it in found:
            per_rule[it.record["rule"]] = per_rule.get(it.record["rule"], 0) + 1
        out += ["| Rule | Findings |", "| --- | ---: |"]
        out += [f"| `{cell(rule)}` | {n} |" for rule, n in sorted(per_rule.items())]
        out += ["", "| Severity | Location | Rule | Message |", "| --- | --- | --- | --- |"]
        for it in found[:MAX_ROWS]:
            rec = it.record
            where = rec["path"] + (f":{rec['line']}" if rec["line"] else "")
            msg = rec["message"]
            if rec["suggestion"] and rec["suggestion"] not in msg:
                msg += f" (suggestion: {rec['suggestion']})"
            out.append(
                f"| {ICONS[it.finding.severity]} | `{cell(where)}` | `{cell(rec['rule'])}` | {cell(msg)} |"
            )
        if len(found) > MAX_ROWS:
            out.append(f"\n…and {len(found) - MAX_ROWS} more (see the full report).")
    if unreadable:
        out += ["", "**Could not be read:**", ""]
        out += [f"- `{cell(r.path)}`: {cell(r.error)}" for r in unreadable]
    return "\n".join(out) + "\n"
