"""Markdown: a summary for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment.

Text from documents never becomes markup there: in prose cells HTML is escaped and Markdown's
punctuation backslash-escaped (no link, image or emphasis can be formed) and an ``@`` gets a
zero-width space after it (a pandoc key such as ``@smith2001`` in a citation never mentions, and
notifies, a GitHub user of that name), in code spans only ``|`` and backticks need care; newlines
become spaces and control characters visible escapes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from refcheck.model import Severity
from refcheck.pipeline import FileResult
from refcheck.reporters._common import clean, items, plural

MAX_ROWS = 200
ICONS = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}


_MARKUP = re.compile(r"([\\`*_\[\]|~])")


def cell(s: object) -> str:
    """A table cell of prose: shown as written, never as markup."""
    text = html.escape(clean(str(s).replace("\n", " ")), quote=False)
    return _MARKUP.sub(r"\\\1", text).replace("@", "@\u200b")


def code(s: object) -> str:
    """A table cell in a code span (shown literally, so only the table's | and the span's ` matter)."""
    return clean(str(s).replace("\n", " ")).replace("|", "\\|").replace("`", "'")


_FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def render(results: list[FileResult], fail_on: Mapping[str, str] | str = "error", **_: Any) -> str:
    """``fail_on``: the run's threshold, or each file's (path -> threshold, as configs set it): the
    verdict is the exit status's, so a run that passes with info findings is not shown failed."""
    found = list(items(results))
    counts = {s: sum(1 for it in found if it.finding.severity is s) for s in Severity}
    checked = sum(1 for r in results if r.doc)
    unreadable = [r for r in results if r.error]

    def level(r: FileResult) -> str:
        return fail_on if isinstance(fail_on, str) else fail_on.get(r.path, "error")

    def fails(r: FileResult, severity: Severity) -> bool:
        threshold = _FAIL_ON.get(level(r))
        return threshold is not None and severity >= threshold

    if any(fails(it.result, it.finding.severity) for it in found):
        verdict = "❌ findings"
    elif unreadable:
        verdict = f"❌ {plural(len(unreadable), 'file')} could not be read"
    elif found and all(level(it.result) == "never" for it in found):
        # `--fail-on never` only to keep a summary step green: the findings are not passed off as none
        verdict = "⚠️ findings (--fail-on never: they do not fail the run)"
    elif found:
        verdict = "✅ nothing at or above the fail-on level"
    else:
        verdict = "✅ no findings"
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
        out += [f"| `{code(rule)}` | {n} |" for rule, n in sorted(per_rule.items())]
        out += ["", "| Severity | Location | Rule | Message |", "| --- | --- | --- | --- |"]
        for it in found[:MAX_ROWS]:
            rec = it.record
            where = rec["path"] + (f":{rec['line']}" if rec["line"] else "")
            msg = rec["message"]
            if rec["suggestion"] and rec["suggestion"] not in msg:
                msg += f" (suggestion: {rec['suggestion']})"
            out.append(
                f"| {ICONS[it.finding.severity]} | `{code(where)}` | `{code(rec['rule'])}` | {cell(msg)} |"
            )
        if len(found) > MAX_ROWS:
            out.append(f"\n…and {len(found) - MAX_ROWS} more (see the full report).")
    if unreadable:
        out += ["", "**Could not be read:**", ""]
        out += [f"- `{code(r.path)}`: {cell(r.error)}" for r in unreadable]
    return "\n".join(out) + "\n"
