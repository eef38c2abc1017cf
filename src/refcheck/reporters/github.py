"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding.

Text from documents is escaped as the runner reads it (``%``, CR and LF in the message; also ``:``
and ``,`` in properties) after every other control character is made visible, so a citation holding
``::error::`` or a newline never starts a workflow command of its own.
"""

from __future__ import annotations

from typing import Any

from refcheck.model import Severity
from refcheck.pipeline import FileResult
from refcheck.reporters._common import clean, items
from refcheck.reporters.text import summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    return clean(s, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props: object) -> str:
    given = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{kind} {given}::{escape_data(message)}" if given else f"::{kind}::{escape_data(message)}"


def render(results: list[FileResult], **_: Any) -> str:
    lines: list[str] = []
    for r in results:
        if r.error:
            lines.append(command("error", r.error, file=r.path, title="refcheck: not checked"))
    counts = {s: 0 for s in Severity}
    for it in items(results):
        rec = it.record
        counts[it.finding.severity] += 1
        message = rec["message"]
        if rec["suggestion"] and rec["suggestion"] not in message:
            message += f" (suggestion: {rec['suggestion']})"
        lines.append(
            command(
                COMMANDS[it.finding.severity],
                message,
                file=rec["path"],
                line=rec["line"],
                col=rec["column"],
                title=f"refcheck {rec['rule']}",
            )
        )
    checked = sum(1 for r in results if r.doc)
    unreadable = sum(1 for r in results if r.error)
    lines.append(f"refcheck: {summary_line(checked, counts, unreadable)}")
    return "\n".join(lines) + "\n"
