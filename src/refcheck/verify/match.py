"""Is a registry's work the entry's work? Scores and the thresholds measured for them.

Measured with bench/verify_accuracy.py on the JATS articles of ../shared/corpus (entries as the
text rendering gives them, against the references' own metadata): see the figures there and in
docs/verify.md. Registries answer every query with candidates, so a candidate is the entry's work
only when three things agree:

- the title: ``title_score`` is 1 when the record's whole title (three words and more) stands word
  for word in the entry, whatever the parse; otherwise the share of the record title's words (folded, function words
  aside) found in the entry's text, lowered to the share of the first words of the entry's parsed
  title (as many as the record's title has: the parsed title may run on into the container) found
  in the record when that is lower; at least ``MATCH_TITLE``;
- the first author: one word of the record's first author (family name; the last word of an
  OpenAlex display name) among the entry's words (accents, case and particles aside), when the
  record names authors;
- the year: within ``YEAR_SLACK`` (online-first against print), when both give one.

A work looked up by the entry's DOI is *another* work (``reference-mismatch``, error) only on clear
evidence: a title score below ``OTHER_TITLE`` together with a first author the entry does not
name, or a title score below ``OTHER_TITLE_ALONE``.
"""

from __future__ import annotations

import re

from refcheck.extract.organisations import ORG_PATTERN
from refcheck.links.content import fold, words
from refcheck.model import Reference
from refcheck.verify.records import Work

MATCH_TITLE = 0.75  # a search candidate is the entry's work from this title score (with author, year)
SAME_WORK_TITLE = 0.9  # a candidate this close, same first author, other year: the entry's year is wrong
OTHER_TITLE = 0.5  # below: the DOI's record is another work, when the first author differs too
OTHER_TITLE_ALONE = 0.25  # below: another work, whatever the authors
YEAR_SLACK = 1

_ARTICLE = re.compile(
    r"\bvol(?:ume)?\.?\s*(?:\d+|[IVXL]+\b)"  # Vol. 12, Vol. I
    r"|\b\d+\s*\(\s*\d+[\w/–-]*\s*\)\s*[:,]"  # 12(3): / 12(3),
    r"|\b\d+\s*[:,]\s*[eE]?\d+\s*[-–]\s*[eE]?\d+"  # 157: 250–61
    r"|\bpp?\.\s*\d+"  # p. 12, pp. 12-20
    r"|\barxiv\b|\bbiorxiv\b|\bmedrxiv\b|\bssrn\b|\bpreprint\b|\bproc(?:eedings|\.)\s"
    r"|\bjournal\b|\bj\.\s",
    re.I,
)
_BOOK = re.compile(
    r"\bpress\b|\buniversity\b|\bpublish(?:ers?|ing)\b|\bverlag\b|\bbooks\b|\beditions?\b|\bisbn\b"
    r"|\bedn\b|\beds?\.|\(eds?\)|\bed\. by\b|\bin:\s"
    r"|\breport\b|\bworking paper\b|\bwhite paper\b|\bpolicy brief\b|\bthesis\b|\bdissertation\b",
    re.I,
)
# A book's imprint, however the style prints it. A place and a publisher are capitalised and hold no
# number, and their year is no range: "Wuhan, China: a retrospective cohort study, 2020" (a subtitle),
# "Garcia, M.: Water quality. Environ. Sci. Technol. 44, 1523–1530 (2010)" (LNCS: pages) are articles.
_IMPRINT_FORMS = {
    # IEEE, Chicago: the place, a colon, the publisher, the year ("Hoboken, NJ, USA: John Wiley & Sons
    # Inc., 2003", "Toledo, Spain: Sociedad Española ..., 1990")
    "place: publisher, year": (
        r"(?-i:\b[A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*)*,\s(?:[A-Z]{2},\s)?(?:[A-Z][\w.]*\s?){1,3}:\s[A-Z])"
        r"[^:\d]{1,120}?[,;]\s(?:1[5-9]|20)\d\d\b(?!\s?[-–—]\s?\d)"
    ),
    # NLM: "Chennai: Tata McGraw Hill; 1986"
    "place: publisher; year": (
        r"(?-i:\b[A-Z][\w.]*(?:\s[A-Z][\w.]*)?:\s[A-Z])[^:.;\d]{1,80};\s(?:1[5-9]|20)\d\d\b(?!\s?[-–—]\s?\d)"
    ),
    # Nature: the publisher and year close the entry in brackets ("(John Wiley, 1966).", "(Springer,
    # Berlin, 2010)." where an article has "(1992)." alone)
    "(publisher, year)": r"\([^()\d]*[A-Za-z][^()\d]*,\s*(?:1[5-9]|20)\d\d\)\.?\s*$",
    # APA: a chapter's pages in brackets after its title ("Welding Metallurgy (pp. 393–412). Wiley.")
    "(pp. pages)": r"\(pp?\.\s*\d+\s*[-–]\s*\d+\)\.\s",
    # a company's suffix
    "company": r"&\s+sons\b|\binc\.|\bgmbh\b|\bltd\b",
}
_PUBLISHED_BY = re.compile("|".join(_IMPRINT_FORMS.values()), re.I)
_URLISH = re.compile(r"https?://\S+|\bwww\.\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+", re.I)


def kind(ref: Reference) -> str:
    """How an entry reads: "article" (a DOI, or a container with volume, issue or pages, a preprint,
    a proceedings), "book" (a publisher, an edition, a report, a thesis) or "other" (news, press
    releases, web pages: grey literature no scholarly registry must hold)."""
    if ref.doi:
        return "article"
    text = _URLISH.sub(" ", ref.text)
    if (_BOOK.search(text) or _PUBLISHED_BY.search(text)) and not re.search(r"\bjournal\b", text, re.I):
        # an organisation's own report ("World Health Organization (2010) ... First WHO Report"):
        # grey literature, which no scholarly registry must hold
        organisation = ref.corporate or bool(
            ref.authors and not any(ref.given) and ORG_PATTERN().search(ref.authors[0])
        )
        return "other" if organisation else "book"
    if _own_publication(ref, text):
        # "Council of Europe. 2004. European Pharmacopoeia. Volume I. Council of Europe, Strasbourg":
        # an organisation publishing its own work (a volume, a manual, a report), not an article for
        # all its "Volume I" or pages
        return "other"
    if _ARTICLE.search(text):
        return "article"
    return "other"


def _own_publication(ref: Reference, text: str) -> bool:
    """The entry's author is an organisation that stands again after the title as its publisher, a
    part of the entry of its own (after ". ", "), " or ": ", before "," "." ";" or the end), not
    inside a journal's name ("Bulletin of the World Health Organization, 98(3)")."""
    if not ref.authors or not (
        ref.corporate or (not any(ref.given) and ORG_PATTERN().search(ref.authors[0]))
    ):
        return False
    name = ref.authors[0].strip()
    if len(name) < 4:
        return False
    first = text.find(name)
    if first < 0:
        return False
    again = re.compile(r"[.:)],?\s" + re.escape(name) + r"\s*(?:[,.;]|$)")
    return again.search(text, first + len(name)) is not None and not re.search(r"\bjournal\b", text, re.I)


def query_text(ref: Reference, limit: int = 300) -> str:
    """The entry as a bibliographic query: its text without URLs and DOIs (what Crossref's
    ``query.bibliographic`` is made for)."""
    text = " ".join(_URLISH.sub(" ", ref.text).split())
    text = re.sub(r"^\[?\d+[.\])]\s*", "", text)  # the label of a numbered list
    return text[:limit].strip()


def _surname_words(name: str) -> set[str]:
    return {w for w in fold(name).split() if len(w) > 1}


def _entry_words(ref: Reference) -> set[str]:
    return set(fold(_URLISH.sub(" ", ref.text)).split())


_PAREN_YEAR = re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)")


def parsed_title(ref: Reference) -> str | None:
    """The entry's parsed title, without what a cut-short author list left in front of it
    ("A, Nicolelis M. A. L (2006) Brain-machine interfaces" -> "Brain-machine interfaces")."""
    title = ref.title
    if title:
        years = list(_PAREN_YEAR.finditer(title[:300]))
        last = years[-1] if years else None
        if last is not None:
            title = title[last.end() :].strip(" .,;:")
    return title or None


def names_read(ref: Reference) -> bool:
    """Whether the entry's first author reads as a name (a person, or an organisation of a few
    words), not as a title the author list was lost into ("Modulation of chemical composition ... (")."""
    if not ref.authors:
        return False
    first = ref.authors[0]
    return len(first.split()) <= 8 and not re.search(r"[()\[\]:;?!]|\d", first)


def doubtful(ref: Reference) -> bool:
    """The entry's parse is not to be trusted for a "no registry knows it" warning: no author, no
    year, no title of three words, or a title that carries the year (the author list was cut short)."""
    title = ref.title or ""
    return (
        not names_read(ref)
        or not ref.year_base
        or len(words(title)) < 3
        or bool(_PAREN_YEAR.search(title[:300]))
    )


def title_score(ref: Reference, work: Work) -> float:
    """How well the entry gives the record's title: the best of its titles (the whole title, the
    title without its subtitle, the other languages' titles of a multilingual record)."""
    if not work.title:
        return 0.0
    return max(_title_score(ref, t) for t in [work.title, *work.other_titles])


def _title_score(ref: Reference, title: str) -> float:
    record = set(words(title))
    if not record:
        return 0.0
    found = _entry_words(ref)
    score = len(record & found) / len(record)
    whole = fold(title)
    if len(record) >= 3 and f" {whole} " in f" {fold(_URLISH.sub(' ', ref.text))} ":
        # the record's whole title, word for word, in the entry: the title agrees, however the entry
        # was parsed (an author list of 80 names may leave the parsed title empty or wrong)
        return 1.0
    cited_title = parsed_title(ref)
    if cited_title:
        # the entry's parsed title may run on into its container or publisher: only its first words,
        # as many as the record's title has, are compared
        cited = words(cited_title)
        if len(cited) >= 3:
            head = set(cited[: max(3, len(record))])
            record_all = set(fold(title).split())
            score = min(score, len(head & record_all) / len(head))
    if len(record) < 3:  # "Introduction", "Apoptosis": only a title given in full and alone counts
        score = score if cited_title and fold(cited_title) == whole else min(score, 0.5)
    return score


def author_agrees(ref: Reference, work: Work) -> bool | None:
    """Whether the entry names the record's first author (None: the record names no author)."""
    if not work.authors:
        return None
    first = _surname_words(work.authors[0])
    if not first:
        return None
    if work.source == "openalex":  # a display name: "Jane Q. Smith" -> its last word ("Jr." aside)
        order = [w for w in fold(work.authors[0]).split() if w in first]
        names = [w for w in order if w not in _SUFFIXES] or order
        first = {names[-1]}
    return bool(first & _entry_words(ref))


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PREPRINT = re.compile(
    r"\b(?:arxiv|biorxiv|medrxiv|ssrn|preprint|psyarxiv|socarxiv|research square|preprints\.org)\b", re.I
)


def other_version(ref: Reference, work: Work) -> bool:
    """The record is another version of the cited work, whose year may rightly differ: the entry
    cites a preprint and the record is its later publication, the record is a preprint (posted
    content) of the published work cited, or the entry is a book (an edition, a reprint, a
    translation) or a chapter (the record may be the book it is in)."""
    gap_sign = (work.year or 0) - int(ref.year_base or 0) if (ref.year_base or "").isdigit() else 0
    if _PREPRINT.search(_URLISH.sub(" ", ref.text)) and gap_sign > 0:
        return True
    if (work.type or "").lower() in ("posted-content", "preprint") and gap_sign < 0:
        return True
    return kind(ref) == "book"


def year_gap(ref: Reference, work: Work) -> int | None:
    base = ref.year_base
    if work.year is None or not base or not base.isdigit():
        return None
    return abs(int(base) - work.year)


def matches(ref: Reference, work: Work) -> bool:
    gap = year_gap(ref, work)
    return (
        title_score(ref, work) >= MATCH_TITLE
        # an entry whose authors could not be read (or were lost) is judged by its title and year
        and (author_agrees(ref, work) is not False or not names_read(ref))
        and (gap is None or gap <= YEAR_SLACK)
    )


def same_work_other_year(ref: Reference, work: Work) -> bool:
    gap = year_gap(ref, work)
    return (
        gap is not None
        and gap > YEAR_SLACK
        and title_score(ref, work) >= SAME_WORK_TITLE
        and author_agrees(ref, work) is True
    )


def another_work(ref: Reference, work: Work) -> bool:
    """The DOI's record is clearly not the work the entry describes."""
    if not work.title:
        return False
    score = title_score(ref, work)
    other_author = author_agrees(ref, work) is False and names_read(ref)
    return score < OTHER_TITLE_ALONE or (score < OTHER_TITLE and other_author)


def best(ref: Reference, works: list[Work]) -> tuple[Work | None, float]:
    """The candidate with the highest title score (the first among equals) and its score."""
    top, top_score = None, -1.0
    for w in works:
        s = title_score(ref, w)
        if s > top_score:
            top, top_score = w, s
    return top, max(0.0, top_score)
