"""footnote-unreferenced: a footnote is never referenced from the text.

What it does
    Reports a note definition ("[3] text", "[^3]: text") that no marker in the text points to.

Why is this bad
    An orphaned note is usually a marker lost in editing; readers never reach the note.

Example (fails)
    ... the tertiary sector.

    [3] The tertiary sector of an economy is the service industry.

Use instead
    ... the tertiary sector. [3]

    [3] The tertiary sector of an economy is the service industry.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "footnote-unreferenced"
SEVERITY = Severity.WARNING
SUMMARY = "A footnote is never referenced from the text."


def check(doc: Document) -> Iterator[Finding]:
    used = {m.label for m in doc.footnote_markers}
    for note in doc.footnotes or []:
        if note.label not in used:
            yield Finding(
                rule=NAME,
                severity=SEVERITY,
                message=f"footnote [{note.label}] is never referenced; add a marker or remove the note",
                offset=note.start,
                end_offset=note.text_start,
            )
