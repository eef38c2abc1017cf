"""Reference-list entries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# What registry verification can say of an entry (``Verification.status``).
VERIFICATION_STATES = ("verified", "mismatch", "not-found", "retracted", "unverified", "skipped")


@dataclass
class Verification:
    """What the registries say of one entry (``refcheck.verify``); ``as_record()`` is the JSON
    contract's ``references[].verification``. The other fields are read by the verification rules."""

    status: str  # one of VERIFICATION_STATES
    source: str | None = None  # crossref | openalex | doi (the handle API) | None
    doi: str | None = None  # the DOI of the registry's record (or the entry's, when looked up)
    record: dict[str, Any] | None = None  # {"title", "authors", "year", "container"}
    notice: dict[str, Any] | None = None  # {"type", "doi", "date"}: a retraction
    score: float | None = None  # title agreement of the record (or the nearest candidate), 0..1
    url: str | None = None  # where a reader can see the record
    # (field, the entry's value, the registry's value, "error"|"warning"): what disagrees
    problems: list[tuple[str, str, str, str]] = field(default_factory=list)
    doi_missing: bool = False  # the entry's DOI does not exist (Crossref 404, handle API 100)
    suggested_doi: str | None = None  # the DOI of the record the metadata match, when one does
    corrections: list[dict[str, Any]] = field(default_factory=list)  # concern, correction notices
    kind: str = "other"  # how the entry reads: article | book | other (for reference-not-found)
    nearest: dict[str, Any] | None = None  # the nearest candidate when none matched
    doubtful: bool = False  # the entry's parse is unsure (match.doubtful): "not found" is said at info
    # the record is the entry's work beyond doubt: looked up by the entry's DOI, or the only work
    # a search found that fits the entry (a fix from the record's metadata may be offered)
    unambiguous: bool = False

    def as_record(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "source": self.source,
            "doi": self.doi,
            "record": dict(self.record) if self.record is not None else None,
            "notice": dict(self.notice) if self.notice is not None else None,
            "score": round(self.score, 3) if self.score is not None else None,
        }


@dataclass(slots=True)  # slots: a long list holds tens of thousands of entries (no __dict__ each)
class Reference:
    """One entry of the reference list (or one BibTeX / JATS / bibitem entry)."""

    id: str
    text: str
    start: int  # offsets in Document.text; -1 when the entry lives in another file (a .bib)
    end: int
    authors: list[str] = field(default_factory=list)  # surnames, or the corporate name
    given: list[str] = field(default_factory=list)  # given names, parallel to authors ("" if none)
    corporate: bool = False
    aliases: list[str] = field(default_factory=list)  # other names it may be cited by (corporate parts)
    et_al: bool = False  # the entry's author list ends in "et al."
    year: str | None = None  # "2007", "2004a", "n.d."
    title: str | None = None
    subtitle: str | None = None  # a database's own subtitle field (biblatex ``subtitle``), not in title
    # The journal (BibTeX ``journal``, JATS ``<source>`` of a journal citation) or the proceedings
    # or book (``booktitle``) the work is in, when a structured source names it; and which of the
    # two: "journal" or "book" (only a journal's name is compared with the registry's record)
    container: str | None = None
    container_kind: str | None = None
    # a web page, software or a data set (BibTeX @online/@software/@dataset, CSL "webpage" ...): a work
    # that often has no author and is then cited by its title
    web: bool = False
    # JATS: in a reference list of its own that no xref cites (web resources, software, data named in
    # the text), beside a list that is cited
    apart: bool = False
    urls: list[str] = field(default_factory=list)
    doi: str | None = None
    accessed: str | None = None  # ISO date
    label: str | None = None  # "12" for numbered lists, the key for BibTeX
    key: str | None = None
    # Where the entry is when it is in another file (a .bib): (path, line).
    source: tuple[str, int] | None = None
    crossref: str | None = None  # BibTeX: the key of the entry it takes missing fields from
    # CSL: the key Manubot cites the item by, when its note says "standard_id: key" (Manubot's own
    # references.json, whose "id" is a hash of it) or it has a standard_citation; pandoc reads the id
    standard_id: str | None = None
    entry_type: str | None = None  # BibTeX/biblatex: the entry's type, lower case ("inproceedings")
    # BibTeX/biblatex: what a style prints in the place of an author the entry does not have (its
    # ``key`` field, the body that issued it, a @misc's title); None when it has an author or nothing
    stand_in: str | None = None
    # biblatex: the other keys the entry may be cited by (its ``ids`` field, which biber reads)
    ids: tuple[str, ...] = ()
    # a database entry's volume, issue, chapter and pages ("12 3 61-63"), which its one-line ``text``
    # leaves out: two entries of one title on other pages are two parts (rules/duplicate_reference)
    parts: str | None = None
    # Fields its format ignores that stand for one it reads, as (written, meant): Hayagriva's
    # "authors" for "author", which Typst ignores (the entry prints without an author)
    ignored_fields: tuple[tuple[str, str], ...] = ()
    # What the registries say of it, once verified (refcheck.verify); None: not looked at.
    verification: Verification | None = None

    @property
    def shown_authors(self) -> str:
        """The entry's authors as the list prints them and an author-date citation names them:
        "King", "King and Lee", "King et al." (also for one author followed by "et al.": "King, J.,
        et al. (2010)"); "" without authors."""
        names = self.authors
        if len(names) > 2 or (self.et_al and names):
            return f"{names[0]} et al."
        return " and ".join(names)

    @property
    def year_base(self) -> str | None:
        """The year without its a/b suffix."""
        if self.year and self.year[:4].isdigit():
            return self.year[:4]
        return self.year


def by_key(refs: Iterable[Reference]) -> dict[str, Reference]:
    """The entries that have a key, by key: the first of duplicate keys, as the linker takes it."""
    out: dict[str, Reference] = {}
    for r in refs:
        if r.key:
            out.setdefault(r.key, r)
    return out
