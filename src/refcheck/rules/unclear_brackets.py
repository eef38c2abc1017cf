"""unclear-brackets: "[n]" could be a reference number or a footnote marker.

What it does
    Says, at info level, when the document does not tell whether bracketed numbers in the text are
    reference numbers or footnote markers: it defines both a numbered reference list and "[n] text"
    notes, or neither. refcheck does not guess silently.

Why is this bad
    A checker that guesses wrong reports every marker as a missing reference, or misses them all.

Example (fails)
    ... as shown [3].

    (no numbered reference list, no "[3] ..." note)

Use instead
    ... as shown [3].

    References
    1. ...
    2. ...
    3. Hardy M (1968) Modern Diplomatic Law.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "unclear-brackets"
SEVERITY = Severity.INFO
SUMMARY = '"[n]" could be a reference number or a footnote marker.'


def check(doc: Document) -> Iterator[Finding]:
    if doc.unclear_brackets is None:
        return
    offset, why = doc.unclear_brackets
    yield Finding(rule=NAME, severity=SEVERITY, message=why, offset=offset)
