"""footnote-order: numbered footnotes skip a number or come out of order.

What it does
    Reports numbered footnote markers that do not run 1, 2, 3, ... in the order they first appear,
    and definitions whose numbers skip one.

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
    seen: set[str] = set()
    expected = 1
    for marker in doc.footnote_markers:
        if not marker.label.isdigit() or marker.label in seen:
            continue
        seen.add(marker.label)
        number = int(marker.label)
        if number != expected:
            verb = "skips" if number > expected else "comes out of order"
            yield Finding(
                rule=NAME,
                severity=SEVERITY,
                message=(
                    f"footnote [{number}] {verb}: the next note in reading order should be [{expected}]; "
                    "renumber the notes"
                ),
                offset=marker.start,
                end_offset=marker.end,
                citation=f"[{marker.label}]",
            )
        expected = max(expected, number + 1)
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
