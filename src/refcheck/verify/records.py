"""A registry's work, reduced to what refcheck compares (and caches): ``Work``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Crossref update types (``updated-by[].type``, a notice's ``update-to[].type``) and what they mean.
RETRACTION_TYPES = frozenset({"retraction", "withdrawal", "removal", "partial_retraction"})
CONCERN_TYPES = frozenset({"expression_of_concern", "expression-of-concern"})
CORRECTION_TYPES = frozenset(
    {"correction", "erratum", "corrigendum", "addendum", "clarification", "new_version", "new-version"}
)


@dataclass
class Notice:
    """An update to a work: a retraction, an expression of concern, a correction."""

    type: str
    doi: str | None = None
    date: str | None = None  # ISO date (or year-month, year)

    @property
    def retraction(self) -> bool:
        return self.type.lower().replace("-", "_") in RETRACTION_TYPES

    @property
    def concern(self) -> bool:
        return self.type.lower() in CONCERN_TYPES

    @property
    def correction(self) -> bool:
        return self.type.lower() in CORRECTION_TYPES


@dataclass
class Work:
    source: str  # crossref | openalex | doi
    title: str | None = None
    authors: list[str] = field(default_factory=list)  # family names (or the whole name)
    year: int | None = None
    container: str | None = None
    type: str | None = None
    doi: str | None = None
    url: str | None = None  # where a reader sees the record
    retracted: bool = False  # OpenAlex is_retracted (Crossref says it by a notice)
    notices: list[Notice] = field(default_factory=list)
    score: float | None = None  # the registry's own relevance score (search)
    update_policy: bool = False  # Crossmark: the publisher deposits its updates
    # the record's other titles: the title without its subtitle, the other languages' titles of a
    # multilingual record, Crossref's original-title and short-title (an entry may cite any of them)
    other_titles: list[str] = field(default_factory=list)
    notice: bool = False  # the record is a notice (Crossref update-to): a correction, not a work
    # every name of the container (Crossref container-title[] and short-container-title[]) and
    # whether it is a journal (a Crossref journal-article, an OpenAlex source of type journal)
    containers: list[str] = field(default_factory=list)
    in_journal: bool = False
    ambiguous: bool = False  # a search found other works that fit the entry as well (not cached)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("ambiguous", None)  # said of one search, not of the work
        return data

    @classmethod
    def from_json(cls, data: Any) -> Work:
        if not isinstance(data, dict) or not isinstance(data.get("source"), str):
            raise ValueError("not a work")
        notices = [Notice(**n) for n in data.get("notices") or [] if isinstance(n, dict)]
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "notices"}
        return cls(**fields, notices=notices)

    def record(self) -> dict[str, Any]:
        """The JSON contract's ``verification.record``."""
        return {
            "title": self.title,
            "authors": list(self.authors),
            "year": self.year,
            "container": self.container,
        }


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}"


def normal_doi(doi: str) -> str:
    return doi.strip().rstrip(".,;").lower()
