"""Where a citation stands in the text (rules/missing_reference's helpers share these): the emphasis
span around it (HTML's ``<em>``, ``<strong>``), the end of its bracket when it is one year of a
group, whether a word follows a lower-case word of its sentence, whether it stands in a Markdown
block quote (a quoted passage's own citations).
"""

from __future__ import annotations

import bisect
import re

from refcheck.model import Citation, Document


def mid_sentence(text: str, at: int) -> bool:
    """Whether a word at ``at`` follows a lower-case word of its sentence (a capital there is no
    sentence's)."""
    before = text[max(0, at - 40) : at].rstrip()
    return before[-1:].isalpha() and before[-1:].islower()


_NESTED = 32  # emphasis spans looked back over for one around a place (those inside it, its siblings')


def emphasis_around(doc: Document, start: int, end: int) -> tuple[int, int, bool] | None:
    """The innermost span of ``Document.emphasis`` (HTML's ``<em>``, ``<strong>`` ...) that holds the
    text from ``start`` to ``end``, if any."""
    spans = doc.emphasis
    k = bisect.bisect_right(spans, (start, len(doc.text) + 1, True))
    for i in range(k - 1, max(-1, k - 1 - _NESTED), -1):
        span = spans[i]
        if span[1] >= end:  # (its start is at ``start`` or before: bisected)
            return span
    return None


def in_block_quote(doc: Document, cit: Citation) -> bool:
    """Whether a Markdown citation stands in a block quote: a paragraph opening with ">" (its later
    lines may go without one), as a blog quotes a book's passage with the book's own citations ("> "...
    layout might harm an expert's ability to read a program (Shell 1981, Soloway and Ehrlich 1984)")."""
    if doc.format != "markdown":
        return False
    text = doc.text
    blank = max(text.rfind("\n\n", 0, cit.start), text.rfind("\n \n", 0, cit.start))
    start = blank + 2 if blank >= 0 else 0
    while start < cit.start and text[start] in " \t\n":
        start += 1
    return text.startswith(">", start) and "\n\n" not in text[start : cit.start]


# the rest of a group's bracket after one of its years: ", 2010)" of "Caliskan & Callon (2009, 2010)"
_GROUP_REST = re.compile(r"[^()\n]{0,60}\)")


def bracket_closed(text: str, cit: Citation) -> int:
    """Where the bracket of a narrative citation closes: its end, or past the group's later years when
    it is one year of several ("Caliskan & Callon (2009" of "(2009, 2010)")."""
    if cit.text.count("(") <= cit.text.count(")"):
        return cit.end
    m = _GROUP_REST.match(text, cit.end)
    return m.end() if m else cit.end
