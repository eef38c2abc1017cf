"""Reference-list entries."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
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
    urls: list[str] = field(default_factory=list)
    doi: str | None = None
    accessed: str | None = None  # ISO date
    label: str | None = None  # "12" for numbered lists, the key for BibTeX
    key: str | None = None
    # Where the entry is when it is in another file (a .bib): (path, line).
    source: tuple[str, int] | None = None
    crossref: str | None = None  # BibTeX: the key of the entry it takes missing fields from

    @property
    def year_base(self) -> str | None:
        """The year without its a/b suffix."""
        if self.year and self.year[:4].isdigit():
            return self.year[:4]
        return self.year
