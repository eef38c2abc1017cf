"""Species' authorities: who named a species and when, written after its name ("Conus ritae Petuch,
1995", "Lamna nasus (Bonnaterre, 1788)"), read by the author-date extractor as citations.

Zoology and botany write the authority with no bracket, or in brackets when the species has moved to
another genus, in square brackets when it is inferred ("C. mappa [Lightfoot, 1786]"), and with the
first describer "in" the work ("(Hwass in Bruguière, 1792)"). An authority is no citation of the
describer's work: one that fits no entry (or an entry of the describer dated another year) is taken
out of the citations (``drop_species_authorities``) when it is sure, and said at info otherwise
(missing-reference, year-mismatch)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from refcheck.extract.author_date import STOP_WORDS
from refcheck.model import Citation, LinkStatus

if TYPE_CHECKING:
    from refcheck.model import Document

# A species' name before the bracket: "Lamna nasus (Bonnaterre, 1788)", "S. tiburo (L. 1758)", with a
# subspecies or a subgenus ("Canis lupus familiaris", "Aedes (Stegomyia) aegypti"), a closing quote
# ('"Pronycticebus neglectus" (Thalmann, 1989)'), a square bracket ("C. mappa [Lightfoot, 1786]") and
# a first describer "in" the describing work ("(Hwass in Bruguière, 1792)")
_BINOMIAL = re.compile(
    r"(?:^|[^\w.])([A-Z][a-z]+|[A-Z]\.)(?: \([A-Z][a-z]+\))? ([a-z]{3,})(?: [a-z]{3,})?[\"'”’]?[ ,]*"
    r"[(\[](?:[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)? in )?$"
)
# A species' name right before the name and year, with no bracket: "Conus ritae Petuch, 1995", "E.
# klatti Weigelt, 1933"; or a genus or a family after its rank ("the subgenus Lindaconus Petuch, 2002",
# a heading's "Subgenus Atlanticonus Petuch and Sargent, 2012")
_BINOMIAL_BARE = re.compile(
    r"(?:(?:^|[^\w.])([A-Z][a-z]+|[A-Z]\.)(?: \([A-Z][a-z]+\))? ([a-z]{3,})(?: [a-z]{3,})?"
    r"|\b(?:[Ss]ub)?(?:[Gg]enus|[Ff]amily|[Tt]ribe) [A-Z][a-z]{3,}) $"
)
# A species' name in the bracket, before the authority: "(Mentha spicata Linnaeus 1753)"
_BINOMIAL_IN_BRACKET = re.compile(r"\((?:[A-Z][a-z]+|[A-Z]\.) [a-z]{3,}(?: [a-z]{3,})? $")
# the words of a paper that describes taxa: its types and its new names
_TAXONOMY = re.compile(r"\b(?:holotype|paratypes?|lectotype|neotype|(?:sp|gen|comb|syn|nom|subsp)\. nov\.)")
_BEFORE = 80  # characters read before a citation for the species' name

_ODD = (LinkStatus.MISSING, LinkStatus.YEAR_MISMATCH)


def _binomial(m: re.Match[str] | None) -> bool:
    """Whether a match of _BINOMIAL or _BINOMIAL_BARE is a species' name, not a sentence's capitalised
    word and a noun ("The results (Jones, 1880)", "In addition Smith, 2010")."""
    if m is None:
        return False
    genus, epithet = m.group(1), m.group(2)
    return genus is None or (genus.lower() not in STOP_WORDS and epithet not in STOP_WORDS)


def bare_authority(text: str, cit: Citation) -> bool:
    """Whether a citation stands right after a species' name with no bracket between ("Conus ritae
    Petuch, 1995"): no citation is written so, an authority always is."""
    if text[cit.start : cit.start + 1] in "([" or "(" in text[cit.start : cit.end]:
        return False  # (a narrative citation, "Wages rose BARBOSA and FERNANDES (2001)", is none)
    return _binomial(_BINOMIAL_BARE.search(text, max(0, cit.start - _BEFORE), cit.start))


def bracketed_authority(text: str, cit: Citation) -> bool:
    """Whether a citation stands in brackets right after a species' name ("Europolemur klatti
    (Weigelt, 1933)"), or after one in its bracket ("(Mentha spicata Linnaeus 1753)"): an authority
    or a citation ("E. coli (Jones, 2010)")."""
    floor = max(0, cit.start - _BEFORE)
    end = cit.start + (text[cit.start : cit.start + 1] in "([")  # the bracket, whether the citation's or not
    return (
        _binomial(_BINOMIAL.search(text, floor, end))
        or _BINOMIAL_IN_BRACKET.search(text, floor, cit.start) is not None
    )


def _year(cit: Citation) -> int | None:
    return int(cit.year[:4]) if cit.year and cit.year[:4].isdigit() else None


def species_authority(text: str, cit: Citation) -> bool:
    """Whether a citation no entry fits is most likely a species' authority, in a document not known
    to write them (``drop_species_authorities`` took the sure ones out): in brackets after a species'
    name with a year before 1900 ("Carcharhinus acronotus (Poey, 1860)")."""
    year = _year(cit)
    return year is not None and year < 1900 and bracketed_authority(text, cit)


def drop_species_authorities(doc: Document) -> None:
    """Take out of the citations the species' authorities that fit no entry (or fit the describer's
    entry of another year), in a document that writes two of them with no bracket after a species'
    name or names its types and new taxa ("holotype", "sp. nov."): each one with no bracket after a
    species' name, and each one in brackets after it. They are kept as mentions (named, not cited).
    "E. coli (Jones, 2010)" and "Bluetongue virus Saegerman et al., 2008" of another paper stay
    citations."""
    odd = [c for c in doc.citations if c.status in _ODD and c.kind == "author-date" and _year(c)]
    if not odd:
        return
    text = doc.text
    bare = {id(c) for c in odd if bare_authority(text, c)}
    bracketed = {id(c) for c in odd if id(c) not in bare and bracketed_authority(text, c)}
    if not bare and not bracketed:
        return
    # one name after a virus or a disease ("Bluetongue virus Saegerman et al., 2008") in a paper that
    # describes no taxa is a citation: the paper must write two authorities so, or name its types
    if len({c.text for c in odd if id(c) in bare}) < 2 and _TAXONOMY.search(text) is None:
        return
    dropped = bare | bracketed
    doc.mentions = doc.mentions + [
        Citation(
            text=c.text,
            start=-1,
            end=-1,
            kind="mention",
            authors=c.authors[:1],
            year=c.year,
            status=LinkStatus.MISSING,
        )
        for c in odd
        if id(c) in dropped
    ]
    doc.citations = [c for c in doc.citations if id(c) not in dropped]
