"""In-text citations and the outcome of linking them to reference entries."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class LinkStatus(enum.Enum):
    """What the linker concluded about one citation."""

    UNLINKED = "unlinked"  # not yet linked
    LINKED = "linked"  # exactly one entry fits
    AMBIGUOUS = "ambiguous"  # more than one entry fits equally well
    YEAR_MISMATCH = "year-mismatch"  # the authors fit an entry with another year
    AUTHOR_MISMATCH = "author-mismatch"  # a near-miss spelling of an entry's author, same year
    MISSING = "missing"  # no entry fits at all


# slots: a long document holds hundreds of thousands of citations; slots instead of an instance
# __dict__ take a third of the memory each (and no ad-hoc attributes can be set on one)
@dataclass(slots=True)
class Citation:
    """One cited item: an author-year pair, a reference number or range, or a citation key.

    ``text`` is the citation as written (one item of a group: "Vaisman 2007" of
    "(Vaisman 2007; Millán 2001)"); ``start``/``end`` are its offsets in ``Document.text``.
    """

    text: str
    start: int
    end: int
    kind: str  # "author-date", "numeric", "key" or "note" (a work cited by a note: extract/notes.py)
    authors: list[str] = field(default_factory=list)  # surnames or corporate names as cited
    et_al: bool = False
    year: str | None = None  # "2008", "2004a", "n.d.", "forthcoming", "in press"
    # (tuples, not lists: the empty ones of hundreds of thousands of citations are one object, and the
    # linker gives citations that read alike one tuple of ids)
    numbers: tuple[int, ...] = ()  # numeric: the entries cited (a range expanded)
    key: str | None = None  # LaTeX / pandoc / JATS rid
    narrative: bool = False  # "Smith (2004)" rather than "(Smith 2004)"
    footnote: str | None = None  # label of the footnote the citation stands in
    locator: str | None = None  # "p. 14"
    name_run: str | None = None  # all the words read as the first author's name, before trimming
    confidence: str = "high"  # "high", or "low" for unparenthesised mentions found by heuristics
    title: str | None = None  # a note's title of the work cited ("Oriental Despotism")
    # Filled by the linker.
    status: LinkStatus = LinkStatus.UNLINKED
    references: tuple[str, ...] = ()  # ids of the entries it links to
    candidates: tuple[str, ...] = ()  # entries it points at without a clean link
    suggestion: str | None = None
    detail: str | None = None  # free text the rules may use ("only accents differ")

    @property
    def cited_ids(self) -> tuple[str, ...]:
        """Entries this citation counts as citing: linked ones, or those a mismatch points at."""
        return self.references or self.candidates
