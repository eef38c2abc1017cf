"""citation-syntax: a citation written so that the tool rendering it will not read it as meant.

What it does
    Reports, in pandoc Markdown (R Markdown, Quarto, Manubot), a citation key written after another
    key in the same bracket without the semicolon that separates citations: "[@smith2020, @lee2019]"
    or "[@smith2020 @lee2019]". Pandoc reads what follows a key up to the next semicolon as that
    citation's suffix (its locator and any text after it), so the bracket is one citation of
    @smith2020 whose suffix is ", @lee2019": the rendered document does not cite Lee 2019 there.
    The key still counts as citing its entry here (the author meant to cite it), so the entry is not
    also reported as uncited. Where only a comma or spaces stand between the two keys,
    ``refcheck fix`` writes the semicolon.

Why is this bad
    The reader sees one source where the author cited two; in a numeric style the second number is
    missing, and a work cited only this way drops out of the citations without any warning from
    pandoc.

Example (fails)
    Screen time has small effects [@meier2022, @valkenburg2022].

Use instead
    Screen time has small effects [@meier2022; @valkenburg2022].
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "citation-syntax"
SEVERITY = Severity.WARNING
SUMMARY = "A citation is written so that pandoc will not read it as meant ([@a, @b])."

_ONLY_SEPARATOR = re.compile(r"[ \t]*,?[ \t]*")


def check(doc: Document) -> Iterator[Finding]:
    text = doc.text
    for gap, start, end, key, before in doc.keys_in_suffix:
        plain = _ONLY_SEPARATOR.fullmatch(text, gap, start) is not None
        yield Finding(
            rule=NAME,
            severity=SEVERITY,
            message=(
                f"pandoc reads @{key} as part of the suffix of @{before} (the text after it), not as a "
                f"citation: separate the keys with a semicolon, [@{before}; @{key}]"
            ),
            offset=start,
            end_offset=end,
            citation=text[start:end],
            fix=(gap, start, "; ") if plain else None,
        )
