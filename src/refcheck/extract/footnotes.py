"""Footnote definitions written in plain text: "[1] text" at the start of a line, multi-line allowed."""

from __future__ import annotations

import re

from refcheck.model import Footnote

# A definition: "[n]" and white space at the start of a line (``re.M``), before some text.
_DEF = re.compile(r"^[ \t]*\[(\d{1,4})\][ \t]+(?=\S)", re.M)
# The same, found by the line break before it (an expression that opens with a character is looked
# for a line at a time; one that opens with "^" is tried at every character: ten times the cost)
_DEF_AFTER_BREAK = re.compile(r"\n[ \t]*\[(\d{1,4})\][ \t]+(?=\S)")
_DEF_HERE = re.compile(r"[ \t]*\[(\d{1,4})\][ \t]+(?=\S)")


def definitions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, label) of every ``_DEF`` match in ``text[start:end]``, in order."""
    out = []
    if start == 0 or text[start - 1] == "\n":  # ("^" matches where the search starts only there)
        m = _DEF_HERE.match(text, start, end)
        if m:
            out.append((m.start(), m.end(), m.group(1)))
    for m in _DEF_AFTER_BREAK.finditer(text, start, end):
        out.append((m.start() + 1, m.end(), m.group(1)))
    return out


def text_footnotes(text: str, start: int = 0, end: int | None = None) -> list[Footnote]:
    """Every "[n] text" definition; a note runs to a blank line or the next definition."""
    end = len(text) if end is None else end
    defs = definitions(text, start, end)
    notes = []
    for i, (def_start, def_end, label) in enumerate(defs):
        stop = defs[i + 1][0] if i + 1 < len(defs) else end
        blank = text.find("\n\n", def_end, stop)
        if blank != -1:
            stop = blank
        body = text[def_end:stop].rstrip()
        notes.append(
            Footnote(
                label=label,
                start=def_start,
                end=def_end + len(body),
                text_start=def_end,
                text=" ".join(body.split()),
            )
        )
    return notes
