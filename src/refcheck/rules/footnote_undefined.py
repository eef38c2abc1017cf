"""footnote-undefined: a footnote marker has no footnote.

What it does
    Reports a marker in the text ("[7]", "[^note]") for which the document defines no note. A
    Markdown note written without the colon after its label ("[^1] Text." for "[^1]: Text.") is
    reported once, at the note, saying the colon is missing (not also as its marker's missing note).
    Markdown notes indented four spaces (or a tab) after a blank line are an indented code block, not
    notes: that is said once, at the first of them, not as each of their markers' missing note.

Why is this bad
    The reader follows the marker and finds nothing.

Example (fails)
    ... to Baku; [1] the establishment ...

    (no "[1] ..." note anywhere)

Use instead
    ... to Baku; [1] the establishment ...

    [1] For more information on this visit, see Embassy of Azerbaijan to Mexico 2008.
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "footnote-undefined"
SEVERITY = Severity.ERROR
SUMMARY = "A footnote marker has no footnote."


def check(doc: Document) -> Iterator[Finding]:
    defined = {n.label for n in doc.footnotes or []}
    for note in doc.footnotes or []:
        if note.colon_missing:
            # one defect, one finding: not also the marker in the prose that has no note to lead to
            yield Finding(
                rule=NAME,
                severity=SEVERITY,
                message=f"footnote [^{note.label}] is written without the colon after its label, so it is "
                f"shown as text and its markers lead nowhere; write [^{note.label}]: at the start of the note",
                offset=note.start,
                end_offset=note.text_start,
                citation=f"[^{note.label}]",
            )
    coded = [n for n in doc.footnotes or [] if n.in_code]
    if coded:
        first = min(coded, key=lambda n: n.start)
        some = ", ".join(f"[^{n.label}]" for n in coded[:3]) + (", ..." if len(coded) > 3 else "")
        yield Finding(
            rule=NAME,
            severity=SEVERITY,
            message=f"{len(coded)} footnote definition(s) ({some}) are indented four spaces or more, so Markdown "
            "shows them as a code block and their markers lead nowhere; start each definition at the "
            "beginning of its line",
            offset=first.start,
            end_offset=first.text_start,
            citation=f"[^{first.label}]",
        )
    for marker in doc.footnote_markers:
        if marker.label not in defined:
            yield Finding(
                rule=NAME,
                severity=SEVERITY,
                message=f"footnote marker [{marker.label}] has no footnote; add the note or remove the marker",
                offset=marker.start,
                end_offset=marker.end,
                citation=f"[{marker.label}]",
            )
