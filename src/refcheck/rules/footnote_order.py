"""footnote-order: numbered footnotes skip a number or come out of order.

What it does
    Reports numbered footnote markers that do not run 1, 2, 3, ... in the order they first appear,
    and definitions whose numbers skip one. Markdown's ``[^13]`` is a note's name, not its number
    (pandoc numbers the notes in the order they are referenced): not checked there, nor in Word
    (.docx), which numbers its notes itself in the order of their marks (a mark's ``w:id`` is no
    number a reader sees: pandoc's and Quarto's begin at 20 or more), nor in reStructuredText
    (docutils numbers ``[#]_`` notes itself, and a page's ``[3]_`` written by hand is a label, often
    of a numbered list of references cited in any order and again). A marker in the
    caption of a JATS figure or table (a float, placed by the typesetter) counts as used, but its
    place is not read as the notes' order.

Why is this bad
    Readers expect note 4 after note 3; a gap or a swap usually means a note was moved or lost.

Example (fails)
    ... first point [1] ... second point [3] ... third point [2]

Use instead
    ... first point [1] ... second point [2] ... third point [3]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "footnote-order"
SEVERITY = Severity.WARNING
SUMMARY = "Numbered footnotes skip a number or come out of order."


def check(doc: Document) -> Iterator[Finding]:
    if doc.format in ("markdown", "docx"):
        # "[^13]" is a note's name: pandoc numbers the notes in the order they are referenced; Word
        # numbers its notes itself, in the order of their marks (the w:id refcheck labels them with is
        # the file's identifier: pandoc writes 25, 26, ...)
        return
    if doc.format == "rst":
        # docutils numbers "[#]_" notes itself; a "[3]_" written by hand is a label that a page (a PEP)
        # uses as a numbered list of references, cited in any order and again
        return
    firsts: list[tuple[int, int, int]] = []  # (number, start, end) of each label's first marker
    seen: set[str] = set()
    used: set[int] = set()
    for marker in doc.footnote_markers:
        if marker.label.isdigit() and marker.label not in seen:
            seen.add(marker.label)
            used.add(int(marker.label))
            # a marker in a float's caption (a JATS figure or table) counts as used, but its place is
            # the typesetter's: the order is read from the running text
            if not marker.floating:
                firsts.append((int(marker.label), marker.start, marker.end))
    highest = 0
    for number, start, end in firsts:
        if number < highest:
            yield Finding(
                rule=NAME,
                severity=SEVERITY,
                message=f"footnote [{number}] comes after [{highest}] in the text; renumber the notes in reading order",
                offset=start,
                end_offset=end,
                citation=f"[{number}]",
            )
            continue
        skipped = [k for k in range(highest + 1, number) if k not in used]
        if skipped:
            names = ", ".join(f"[{k}]" for k in skipped)
            yield Finding(
                rule=NAME,
                severity=SEVERITY,
                message=f"footnote [{number}] skips {names}: no marker uses that number; renumber the notes",
                offset=start,
                end_offset=end,
                citation=f"[{number}]",
            )
        highest = number
    numbers = sorted(int(n.label) for n in doc.footnotes or [] if n.label.isdigit())
    for prev, cur in itertools.pairwise(numbers):
        if cur > prev + 1:
            note = next(n for n in doc.footnotes or [] if n.label == str(cur))
            yield Finding(
                rule=NAME,
                severity=SEVERITY,
                message=f"footnotes jump from [{prev}] to [{cur}]; a note is missing or misnumbered",
                offset=note.start,
                end_offset=note.text_start,
            )
