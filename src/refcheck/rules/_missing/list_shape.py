"""What the reference list itself says about the citations it lacks (rules/missing_reference).

A list read from the text that looks cut short (alphabetical, ending the document or followed by a
page of figures only, several works cited that sort after its last entry) makes the citations past
its end info: a PDF's text whose last page was lost. A list that no citation cites, beside at most
two narrative author-date readings, makes those readings info: dates in the prose more likely than
citations (a policy paper naming its sources).
"""

from __future__ import annotations

import itertools
import re

from refcheck.matching.names import core_key, fold
from refcheck.model import Citation, Document, LinkStatus

# what may stand after a reference list that a page of figures or tables interrupted (a PDF's text)
_FIGURE_PAGE = re.compile(r"(?m)^\W{0,4}(?:Fig(?:ure)?s?\.?|Tables?|Supplementary)\s+S?\d")
_CUT_MISSING = 2  # distinct first authors missing after the last entry, at least, for a cut list


def _sort_key(name: str) -> str:
    return core_key(name) or fold(name)


def sorts_after(cit: Citation, last: str) -> bool:
    return bool(cit.authors) and not cit.detail and _sort_key(cit.authors[0]) > last


def cut_after(doc: Document) -> tuple[str, str] | None:
    """(the sort key, the name) of the last entry of a reference list that looks cut short: read from
    the text (not a database), in alphabetical order, ending the document or followed by a page of
    figures or tables only, and with works by two authors or more cited that sort after its last
    entry and have none (a PDF's text whose last page was lost, a figure page inside the list). The
    works cited after it are then likely in the part not read. One missing work there is no sign: it
    is as likely a work the list lacks."""
    refs = doc.references or []
    if len(refs) < 5 or doc.format not in ("text", "markdown", "html", "docx"):
        return None
    if any(r.source is not None or r.start < 0 or not r.authors for r in refs[-5:]):
        return None
    missing = LinkStatus.MISSING
    if sum(1 for c in doc.citations if c.status is missing and c.kind == "author-date") < _CUT_MISSING:
        return None
    keys = [_sort_key(r.authors[0]) for r in refs if r.authors]
    if len(keys) < 5 or sum(a > b for a, b in itertools.pairwise(keys)) > len(keys) // 20:
        return None  # (not in alphabetical order: a numbered or unordered list says nothing)
    last = max(keys)
    after = {
        _sort_key(c.authors[0])
        for c in doc.citations
        if c.status is missing and c.kind == "author-date" and c.confidence == "high" and sorts_after(c, last)
    }
    if len(after) < _CUT_MISSING:
        return None
    rest = doc.text[refs[-1].end :]
    if rest.strip() and _FIGURE_PAGE.search(rest) is None:
        return None  # (the list is followed by more of the document: it ended there)
    return last, refs[-1].authors[0]


_LOOKALIKES = 2  # at most this many author-date readings, none fitting a list that no citation cites


def few_lookalikes(doc: Document) -> bool:
    """Whether the document's few author-date readings that fit nothing are the only author-date
    citations of a document that cites no entry of its list at all (a policy paper's "Sources" it
    cites by naming them, "SB 253", and a table's "Limited (2026), reasonable (2030)"): dates in the
    prose, most likely, not citations (uncited-reference says once that the list was not checked)."""
    refs = doc.references or []
    if len(refs) < 3 or doc.format not in ("text", "markdown", "html", "docx"):
        return False
    if any(c.cited_ids for c in doc.citations):
        return False
    read = [c for c in doc.citations if c.kind == "author-date" and c.confidence == "high"]
    return 0 < len(read) <= _LOOKALIKES and all(c.narrative for c in read)
