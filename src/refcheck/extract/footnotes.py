"""Footnote definitions written in plain text: "[1] text" at the start of a line, multi-line allowed."""

from __future__ import annotations

import re

from refcheck.model import Footnote

_DEF = re.compile(r"^[ \t]*\[(\d{1,4})\][ \t]+(?=\S)", re.M)


def text_footnotes(text: str, start: int = 0, end: int | None = None) -> list[Footnote]:
    """Every "[n] text" definition; a note runs to a blank line or the next definition."""
    end = len(text) if end is None else end
    defs = list(_DEF.finditer(text, start, end))
    notes = []
    for i, m in enumerate(defs):
        stop = defs[i + 1].start() if i + 1 < len(defs) else end
        blank = text.find("\n\n", m.end(), stop)
        if blank != -1:
            stop = blank
        body = text[m.end() : stop].rstrip()
        notes.append(
            Footnote(
                label=m.group(1),
                start=m.start(),
                end=m.end() + len(body),
                text_start=m.end(),
                text=" ".join(body.split()),
            )
        )
    return notes
