"""Numeric citations ("[4]", "[4, 8, 17]", "[8–12]", "[8]–[12]") and bracketed footnote markers.

Whether "[3]" is a reference number or a footnote marker depends on what the document defines: a
numbered reference list makes it a citation, "[3] text" notes make it a marker.
"""

from __future__ import annotations

import re

from refcheck.extract.patterns import DASHES
from refcheck.model import Citation, FootnoteMarker

_ITEM = rf"\d{{1,4}}(?:\s*[{DASHES}]\s*\d{{1,4}})?"
_GROUP = re.compile(
    rf"\[\s*({_ITEM}(?:\s*,\s*{_ITEM})*)\s*\](?:\s*[{DASHES}]\s*\[\s*(\d{{1,4}})\s*\])?"
    # not a Markdown link "[1](https://...)", link definition "[1]: https://..." or "[1][ref]"
    r"(?!\((?:https?:|www\.|mailto:|#|/|\.\.?/)|:[ \t]*(?:https?:|www\.|<)|\[)"
)
_ITEM_RE = re.compile(rf"(\d{{1,4}})(?:\s*[{DASHES}]\s*(\d{{1,4}}))?")
MAX_RANGE = 500


def bracket_groups(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_GROUP.finditer(text, start, end))


def extract_numeric(
    text: str, start: int, end: int, footnote: str | None = None, list_size: int | None = None
) -> list[Citation]:
    """Numeric citations; with ``list_size``, a bracket whose numbers all lie beyond the list, or that
    holds a zero, is taken for an interval or a value ("[80, 120] ms", "[0, 1]"), not a citation."""
    out: list[Citation] = []
    for g in _GROUP.finditer(text, start, end):
        items = list(_ITEM_RE.finditer(text, g.start(1), g.end(1)))
        values = [int(x) for it in items for x in it.groups() if x]
        if 0 in values or (list_size is not None and len(values) > 1 and min(values) > list_size):
            continue
        before = text[max(0, g.start() - 3) : g.start()].rstrip()
        if before[-1:] in ("∈", "=", "<", ">", "≤", "≥", "±", "×"):
            continue  # "x ∈ [5, 80]", "p = [0.2]": intervals and values
        if re.search(r"(?:^|[\s(])[^\W\d_]\d?$", text[max(0, g.start() - 4) : g.start()]):
            continue  # "F[1,12] = 8.42", "χ2[2]", "x[3]": statistics and indices, not citations
        if g.group(2):
            # "[8]–[12]": one citation spanning the range
            lo, hi = int(items[0].group(1)), int(g.group(2))
            out.append(_cite(text, g.start(), g.end(), lo, hi, footnote))
            continue
        if len(items) == 1 and not items[0].group(2):
            n = int(items[0].group(1))
            out.append(_cite(text, g.start(), g.end(), n, n, footnote))
            continue
        for it in items:
            lo = int(it.group(1))
            hi = int(it.group(2)) if it.group(2) else lo
            out.append(_cite(text, it.start(), it.end(), lo, hi, footnote))
    return out


def _cite(text: str, s: int, e: int, lo: int, hi: int, footnote: str | None) -> Citation:
    if hi < lo or hi - lo > MAX_RANGE:
        hi = lo
    return Citation(
        text=" ".join(text[s:e].split()),
        start=s,
        end=e,
        kind="numeric",
        numbers=list(range(lo, hi + 1)),
        footnote=footnote,
    )


def bracket_markers(text: str, start: int, end: int, labels: set[str]) -> list[FootnoteMarker]:
    """Footnote markers "[n]" for numbers the document defines as notes."""
    out = []
    for g in _GROUP.finditer(text, start, end):
        for it in _ITEM_RE.finditer(text, g.start(1), g.end(1)):
            if it.group(2):
                continue
            label = it.group(1)
            if label in labels or not labels:
                out.append(FootnoteMarker(label=label, start=g.start(), end=g.end()))
    return out
