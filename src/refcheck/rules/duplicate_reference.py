"""duplicate-reference: the same work is listed twice.

What it does
    Reports an entry that repeats an earlier one: the same DOI (whatever else differs: the finding
    names the fields that do, since one of the two DOIs may be wrong), the same BibTeX key, or the
    same authors, year and title (compared without accents, case and punctuation). Two works by the
    same authors in the same year with other titles are two works, not a duplicate, and so are titles
    alike but for a number ("Part 1" and "Part 2", "Vol. 3" and "Vol. 4", "2019 report" and "2020
    report"), and so are entries alike that give other volumes or pages (neither's numbers all among
    the other's: two papers whose titles read alike up to a colon, ACS entries that print no title),
    and so are entries alike that each give web pages, none of them the other's (two pages of one
    site, two organisations' names ending alike: "Banke National Park" and "Bardiya National Park");
    a title that is a medium's designation alone ("[Internet]", as NLM's "Penn Treebank [Internet].
    University of Pennsylvania; c2014" reads) tells no work from another, so such entries are
    duplicates only when their texts are the same;
    an organisation is one name however it is written ("{World Health Organization}" in
    BibTeX or plain, "World Health Organization (WHO)", "WHO"). Two entries of a document's
    bibliography database under other keys, of which at most one is cited, print once: info; so do
    two copies of one key that give the same work (title and year, or DOI), as a thesis's database
    merged from several exports holds them: BibTeX and biber keep the first. Two database entries of
    one title, authors and year but of other kinds (an @inproceedings and the @mastersthesis it came
    from) or in other venues (a conference paper and its journal version), neither a preprint, may
    be two publications, as a CV lists them: info. In a
    list with thousands of entries of one first author and year, titles are compared closely up to a
    bounded amount of work, then only when they read the same or one begins like the other.

Why is this bad
    Duplicates split citations between two entries and make numeric lists skip.

Example (fails)
    Hardy, Michael (1968) Modern Diplomatic Law, Manchester University Press.
    Hardy, M. (1968) Modern diplomatic law. Manchester University Press.

Use instead
    Hardy, Michael (1968) Modern Diplomatic Law, Manchester University Press.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterator

from refcheck.matching.names import fold, fold_text, name_key
from refcheck.model import Document, Finding, Reference, Severity
from refcheck.rules.base import cited_ids, entry_named_at, unprinted

NAME = "duplicate-reference"
SEVERITY = Severity.WARNING
SUMMARY = "The same work is listed twice."


def _surname_word(author: str) -> str:
    """An author as a comparable word: the last word of the surname, so that an organisation read as
    one name ("World Health Organization") and as a person ("Organization", given "World Health")
    compare equal, and "van der Berg" equals "Berg"."""
    if author.isascii() and author.isalnum():
        return author.lower()  # one word of ASCII letters and digits ("Smith"): its key, no folding
    words = fold(author).replace("-", " ").split()
    return name_key(words[-1]) if words else ""


def _authors_key(ref: Reference) -> str:
    return " ".join([_surname_word(a) for a in ref.authors[:3]])


# letters and digits of any script: a Russian or Chinese entry's words are its own (read as ASCII only,
# "Иванов И. И. Книга. — М.: Наука, 2001. — 200 с." and every other book of 2001 with 200 pages were
# one text, "2001 200": a duplicate)
_WORD = re.compile(r"[^\W_]+")
_NON_WORD = re.compile(r"[^a-z0-9]+")  # (an organisation's name: its ASCII words)


def _words(folded: str) -> str:
    """The letters and digits of a folded text, one space between runs."""
    return " ".join(_WORD.findall(folded))


# ASCII letters and digits to their lower case, every other byte to a space
_ASCII_WORDS = bytes(ord(chr(c).lower()) if c < 128 and chr(c).isalnum() else 32 for c in range(256))


def _text_words(text: str) -> str:
    """``_words(fold_text(text))``: an ASCII text's words are those of its lower case (folding would
    only lower it and close up its white space, which the words leave out anyway)."""
    if text.isascii():
        # (one translation of its bytes, a table look-up each, and a split: a third of the time of
        # lowering it and a findall)
        return " ".join(text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split())
    return _words(fold_text(text))


# a title read as a medium's designation alone: NLM's "Penn Treebank [Internet]. University of
# Pennsylvania; c2014" (the work's name read as its author) tells no work from another
_DESIGNATION = re.compile(r"\s*\[[^\[\]]*\]\W*")


def _real_title(ref: Reference) -> str | None:
    # (a designation holds "[": the expression only then)
    title = ref.title
    return title if title and not ("[" in title and _DESIGNATION.fullmatch(title)) else None


def _title_key(ref: Reference, authors_key: str) -> str | None:
    real = _real_title(ref)
    if not real:
        return None
    title = _text_words(real)
    if len(title) < 8:
        return None
    if ref.subtitle:  # (a database's parts of one title, told apart by their subtitles)
        title += " | " + _text_words(ref.subtitle)
    # the full year: entries an author told apart with 2014a/2014b are meant as two works
    return f"{authors_key}|{ref.year}|{title}"


def _same_work(a: Reference, b: Reference) -> str | None:
    """What shows that two entries give one work: the same DOI where both have one, else the same
    title (compared without case, accents and punctuation) and year; None when nothing does."""
    if a.doi and b.doi:
        return "DOI" if a.doi.lower() == b.doi.lower() else None
    same = a.title and b.title and a.year == b.year and _text_words(a.title) == _text_words(b.title)
    return "title and year" if same else None


def _text_key(ref: Reference) -> str:
    """The entry's whole text with the year's a/b suffix dropped: identical entries but for it."""
    text = ref.text
    if ref.year and ref.year != ref.year_base and ref.year_base:
        text = text.replace(ref.year, ref.year_base, 1)
    return _text_words(text)


def _differences(a: Reference, b: Reference) -> list[str]:
    """The fields two entries with one DOI disagree on."""
    out = []
    if not _authors_agree(a, b):
        out.append("authors")
    if (a.year_base or "") != (b.year_base or ""):
        out.append("year")
    if a.title and b.title:
        from rapidfuzz import fuzz  # imported only when two entries are compared

        ka, kb = (_text_words(t) for t in (a.title, b.title))
        if fuzz.ratio(ka, kb) < 85 or _numbers(ka) != _numbers(kb):
            out.append("title")
    return out


_ORG_GLUE = frozenset(["of", "the", "and", "for", "on", "in", "de", "des", "du", "la", "y", "e"])


def _authors_agree(a: Reference, b: Reference) -> bool:
    """The same authors; an organisation is one name however the list splits or abbreviates it:
    "Food and Agriculture Organization (FAO)" and "Food and Agriculture Organization of the United
    Nations", "United Nations, Department of ..., Population Division" and "United Nations Population
    Division" (the words of one are all words of the other)."""
    if _authors_key(a) == _authors_key(b):
        return True
    if any(a.given) or any(b.given) or not a.authors or not b.authors:
        return False  # persons: their surnames decide
    wa, wb = (_org_words(r) for r in (a, b))
    if not wa or not wb:
        return False
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    # "WHO" and "World Health Organization": an acronym is the initials of the other's words
    return any(len(x) == 1 and x[0] == "".join(w[0] for w in y) for x, y in ((wa, wb), (wb, wa)))


def _org_words(ref: Reference) -> list[str]:
    """The words of an organisation's name, without an acronym given in parentheses or glue words."""
    name = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", " ".join(ref.authors))
    return [w for w in _NON_WORD.sub(" ", fold(name)).split() if w not in _ORG_GLUE]


@functools.lru_cache(maxsize=4096)
def _title_words(title: str) -> str:
    return _text_words(title)


def _titles_agree(a: str | None, b: str | None) -> bool:
    """One title is the other with more after it (three words at least), or nearly the same."""
    if not a or not b:
        return False
    return _keys_agree(_title_words(a), _title_words(b))


def _keys_agree(ka: str, kb: str) -> bool:
    short, long_ = sorted((ka, kb), key=len)
    if len(short.split()) >= 3 and (long_ + " ").startswith(short + " "):
        return True
    from rapidfuzz import fuzz  # imported only when two entries are compared

    # "Part 1" and "Part 2", "Vol. 3" and "Vol. 4", "2019 report" and "2020 report": other works
    return bool(fuzz.ratio(ka, kb) >= 92) and _numbers(ka) == _numbers(kb)


_NUMBER = re.compile(
    r"\b(?:\d+|(?<=part )[ivxlc]+|(?<=vol )[ivxlc]+|(?<=volume )[ivxlc]+|(?<=book )[ivxlc]+)\b"
)


def _numbers(key: str) -> list[str]:
    """The numbers of a folded title ("part ii" counts): titles alike but for them are other works."""
    return sorted(n.lstrip("0") for n in _NUMBER.findall(key))


# Title comparisons (one title scored against one) a document's large groups may make in all: a group
# of thousands of entries of one author and year (a generated or hostile list) would otherwise take
# each title against all before it, seconds at 10,000 entries and minutes beyond. Past it, a large
# group's titles are compared only when they read the same or one begins like the other.
FUZZY_BUDGET = 4_000_000


class _Budget:
    def __init__(self, left: int = FUZZY_BUDGET) -> None:
        self.left = left


class _Group:
    """The entries of one first author and year so far. A large group (a list of "Source 1: <URL>"
    lines) has its titles compared in one call to rapidfuzz, not one Python call per entry."""

    SMALL = 32

    # (slots, and the indexes made only once the group is large: most groups hold one entry, and a
    # 48,000-entry list made 48,000 of them, 560 bytes each with the indexes, 27 MB at the peak)
    __slots__ = ("_by_numbers", "_by_start", "_first_blank", "_numbered_titles", "_titles", "budget", "refs")

    # the titles as words, once the group is large
    _titles: list[str]
    # the indexes of those titles by their first three words (what a title one begins with shares)
    _by_start: dict[str, list[int]]
    # and by their numbers: only titles with the same numbers can agree, so only those are scored
    # (10,000 entries "Claim 1.1", "Claim 2.2" ... of one author were each scored with all before)
    _by_numbers: dict[tuple[str, ...], list[int]]
    _numbered_titles: dict[tuple[str, ...], list[str]]  # their titles, in the same order

    def __init__(self, budget: _Budget | None = None) -> None:
        self.budget = budget if budget is not None else _Budget()
        self.refs: list[Reference] = []
        self._first_blank: int | None = None  # the first title of punctuation only

    def add(self, ref: Reference) -> None:
        self.refs.append(ref)
        if len(self.refs) > self.SMALL:
            if len(self.refs) == self.SMALL + 1:
                self._titles, self._by_start, self._by_numbers, self._numbered_titles = [], {}, {}, {}
                for r in self.refs[:-1]:
                    self._index(r)
            self._index(ref)

    def _index(self, ref: Reference) -> None:
        title = _title_words(ref.title) if ref.title else ""
        at = len(self._titles)
        self._by_start.setdefault(" ".join(title.split()[:3]), []).append(at)
        numbers = tuple(_numbers(title))
        self._by_numbers.setdefault(numbers, []).append(at)
        self._numbered_titles.setdefault(numbers, []).append(title)
        if ref.title and not title and self._first_blank is None:
            self._first_blank = at
        self._titles.append(title)

    def first_agreeing(self, title: str) -> Reference | None:
        """The earliest entry whose title agrees with ``title`` (as ``_titles_agree``), or None."""
        if not title or len(self.refs) <= self.SMALL:
            key = _title_words(title) if title else ""
            return next((r for r in self.refs if r.title and _keys_agree(_title_words(r.title), key)), None)
        from rapidfuzz import fuzz, process

        key = _title_words(title)
        best = len(self.refs)
        if key:
            numbers = tuple(_numbers(key))
            same = self._by_numbers.get(numbers, [])
            if len(same) <= self.budget.left:
                self.budget.left -= len(same)
                titles = self._numbered_titles[numbers] if same else []
                found = process.extract(key, titles, scorer=fuzz.ratio, score_cutoff=92, limit=None)
                best = min((same[k] for _, _, k in found if self.refs[same[k]].title), default=best)
        elif self._first_blank is not None:  # a title of punctuation only: the same as another such
            best = self._first_blank
        words = key.split()
        if len(words) >= 3:  # one title the other with more after it: both begin with these words
            for i in self._by_start.get(" ".join(words[:3]), ()):
                if i >= best:
                    break
                if self.refs[i].title and _keys_agree(self._titles[i], key):
                    best = i
                    break
        return self.refs[best] if best < len(self.refs) else None


def duplicates(doc: Document) -> list[tuple[Reference, Reference, str]]:
    """(entry, the earlier entry it repeats, how they agree) for every repeated entry (worked out
    once per document: three rules ask)."""
    refs = doc.references or []
    cached = _LAST.get(id(doc))
    if cached is not None and cached[0]() is doc and cached[1] is refs and cached[2] == len(refs):
        return cached[3]
    out = _duplicates(refs)
    if doc.separate_bibliographies:  # each chapter's .bib is read alone: only repeats within one file
        out = [
            (r, f, how)
            for r, f, how in out
            if r.source is None or f.source is None or r.source[0] == f.source[0]
        ]
    _LAST.clear()
    _LAST[id(doc)] = (weakref.ref(doc), refs, len(refs), out)
    return out


_LAST: dict[
    int, tuple[weakref.ref[Document], list[Reference], int, list[tuple[Reference, Reference, str]]]
] = {}


def _duplicates(refs: list[Reference]) -> list[tuple[Reference, Reference, str]]:
    out: list[tuple[Reference, Reference, str]] = []
    seen: dict[str, Reference] = {}
    by_author_year: dict[tuple[str, str | None], _Group] = {}
    budget = _Budget()
    for ref in refs:
        keys = []
        if ref.key and ref.source is not None:
            keys.append("key:" + ref.key)
        if ref.doi:
            keys.append("doi:" + ref.doi.lower())
        # (the surname words once per entry: the title key and the author-and-year group share them)
        names = [_surname_word(a) for a in ref.authors[:3]]
        title_key = _title_key(ref, " ".join(names))
        if title_key:
            keys.append("t:" + title_key)
        if len(ref.text) >= 30:
            keys.append("x:" + _text_key(ref))
        first = None
        for k in keys:  # (a loop rather than next() of a generator: a frame less per entry)
            first = seen.get(k)
            if first is not None:
                break
        group = (names[0] if names else "", ref.year)
        real = _real_title(ref)
        if first is None and real and group[0] and group in by_author_year:
            # "Modern Diplomatic Law, Manchester University Press" and "Modern diplomatic law": one
            # title read with its publisher, the other without
            first = by_author_year[group].first_agreeing(real)
            # (two web pages alike in title at other addresses, Google Trends' "Curreny Carry Trade -
            # Explore - Google Trends" and "Yen Carry Trade - ...": two works, and the second is kept,
            # so that a true repeat of it is found)
            if first is not None and (
                _subtitles_differ(ref, first) or _other_dois(ref, first) or _other_pages(ref, first)
            ):
                first = None
        if first is None:
            for k in keys:
                seen.setdefault(k, ref)
            if group not in by_author_year:
                by_author_year[group] = _Group(budget)
            by_author_year[group].add(ref)
            continue
        if ref.key and ref.key == first.key and ref.source is not None:
            how = f"key {ref.key}"
        elif ref.doi and first.doi and ref.doi.lower() == first.doi.lower():
            differ = _differences(ref, first)
            how = f"DOI {ref.doi}"
            if differ:
                how += f", although its {_join(differ)} differ"
        else:
            how = "authors, year and title"
            if _other_locators(ref, first) or _other_pages(ref, first):
                continue  # two papers of one title (or one journal, as ACS prints no titles)
        out.append((ref, first, how))
    return out


_LINKS = re.compile(r"https?://\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+", re.I)
_ACCESSED = re.compile(
    r"\b(?:accessed|retrieved|viewed|consulted|acesso|consultado|zugriff)\b.*", re.I | re.S
)
# a number not inside a word or a decimal; a full stop after it may end the entry ("29:29–41.")
_LOCATOR = re.compile(r"(?<![\w.])\d{1,6}(?!\w|\.\d)")


def _locators(ref: Reference) -> set[str]:
    """The numbers of an entry but its year (volume, issue, pages), links and access date left out."""
    text = _ACCESSED.sub(" ", _LINKS.sub(" ", ref.text))
    if ref.parts:  # (a .bib entry's volume and pages, not in its one-line text)
        text += " " + ref.parts
    return {n.lstrip("0") for n in _LOCATOR.findall(text)} - {ref.year_base or "", ref.label or ""}


def _other_locators(a: Reference, b: Reference) -> bool:
    """Whether two entries of the same authors, year and title give other volumes or pages, neither's
    numbers all among the other's: "Kelley GA, Kelley KA: Aerobic exercise and resting blood pressure:
    a meta-analytic review ... Prev Cardiol 2001;4(2):73-80" and "... in older adults ... J Gerontol
    2001;56(5):M298-303" (titles read to the colon), ACS's "Baker, R.; ... J. Chem. Soc., Chem. Commun.
    1978, 410" and "..., 981" (no titles): two works."""
    na, nb = _locators(a), _locators(b)
    return bool(na) and bool(nb) and not (na <= nb or nb <= na)


_DOI_LINK = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.I)
_LINK_HEAD = re.compile(r"^(?:https?|ftp)://(?:www\.)?", re.I)


def _pages(ref: Reference) -> set[str]:
    """The web pages an entry gives (DOI links left out), without scheme, "www." or a closing slash."""
    return {_LINK_HEAD.sub("", u).rstrip("/").lower() for u in ref.urls if not _DOI_LINK.match(u)} - {""}


def _other_pages(a: Reference, b: Reference) -> bool:
    """Whether two entries of one author, title and year each give web pages and none in common: two
    pages of one site, cited as two works ("BaNP Banke National Park. Department of National Park
    and Wildlife Conservation. https://dnpwc.gov.np/.../79/" and "BNP Bardiya National Park. ...
    /80/", MDPI Animals: the organisations' names end alike)."""
    pa, pb = _pages(a), _pages(b)
    return bool(pa) and bool(pb) and not pa & pb


def _other_dois(a: Reference, b: Reference) -> bool:
    """Titles alike but not the same, each with its own DOI: two works ("CESM2 AIS simulation output
    (2015-2100): ..." and "CESM2 AGrIS simulation output (2015-2100): ...", data sets of one paper)."""
    return bool(a.doi and b.doi) and str(a.doi).lower() != str(b.doi).lower()


def _subtitles_differ(a: Reference, b: Reference) -> bool:
    """Two entries of a database whose ``subtitle`` fields differ (one has none) are other works of
    one title: a specification's parts, a series' volumes."""
    if not (a.subtitle or b.subtitle):
        return False
    return _text_words(a.subtitle or "") != _text_words(b.subtitle or "")


# database entry types of one kind of publication (a preprint may be a @misc, @unpublished, @online or
# an @article "in" arXiv: not told apart from the work it becomes)
_KINDS = {
    "article": "article",
    "inproceedings": "paper", "conference": "paper",
    "incollection": "chapter", "inbook": "chapter",
    "book": "book", "mvbook": "book", "collection": "book", "proceedings": "book",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report",
    # CSL's types (CSL-JSON, CSL YAML)
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "paper-conference": "paper", "chapter": "chapter",
}  # fmt: skip
_KIND_NAMES = {
    "article": "an article",
    "paper": "a conference paper",
    "chapter": "a chapter",
    "book": "a book",
    "thesis": "a thesis",
    "report": "a report",
    "": "an entry",
}
_PREPRINT = re.compile(r"arxiv|preprint|\bcorr\b|biorxiv|medrxiv|ssrn|submitted|in press|to appear", re.I)


def _kind(ref: Reference) -> str | None:
    return _KINDS.get(ref.entry_type or "")


def _two_publications(a: Reference, b: Reference) -> bool:
    """Whether two database entries of one title, authors and year are two publications: of other
    kinds (a conference paper and the thesis it came from) or in other venues (a conference paper and
    its journal version), neither of them a preprint."""
    ka, kb = _kind(a), _kind(b)
    if ka is None or kb is None or a.source is None or b.source is None:
        return False
    if any(_PREPRINT.search(r.container or "") for r in (a, b)):
        return False
    if ka != kb:
        return True
    return bool(a.container and b.container and _text_words(a.container) != _text_words(b.container))


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def check(doc: Document) -> Iterator[Finding]:
    found = duplicates(doc)
    if not found:
        return  # (the citations need not be read)
    cited = cited_ids(doc)
    refs = doc.references or []
    cited_keys = {r.key for r in refs if r.key and r.id in cited}
    for ref, first, how in found:
        if "differ" in how:
            message = (
                f"this entry has the same {how} from an earlier one, {entry_named_at(doc, first)}; "
                "it is the same work listed twice or one of the two DOIs is wrong"
            )
        else:
            message = (
                f"this entry repeats an earlier one, {entry_named_at(doc, first)} (same {how}); "
                "keep one and point its citations there"
            )
        # two database entries (other keys) of which at most one is cited print once: info. A key
        # defined twice stays a warning (BibTeX itself complains of it) unless both copies give the
        # same work (title and year): BibTeX and biber keep the first, so the document prints it right
        same_key = bool(ref.key and ref.key == first.key)
        quiet = not same_key and (
            unprinted(doc, ref, cited, cited_keys) or unprinted(doc, first, cited, cited_keys)
        )
        copy = _same_work(ref, first) if same_key else None
        apart = (
            not same_key and not quiet and how == "authors, year and title" and _two_publications(ref, first)
        )
        yield Finding(
            rule=NAME,
            severity=Severity.INFO if quiet or copy or apart else SEVERITY,
            message=message
            + ("; at most one of them is cited, so the work is printed once at most" if quiet else "")
            + (f"; both give the same {copy}, so the document prints the work right" if copy else "")
            + (
                f"; one is {_KIND_NAMES[_kind(ref) or '']} and the other {_KIND_NAMES[_kind(first) or '']}"
                " or in another venue, so they may be two publications of one title (a paper and its"
                " journal version, a thesis and its paper)"
                if apart
                else ""
            ),
            offset=ref.start if ref.start >= 0 else None,
            reference=ref.text,
            reference_id=ref.id,
            path=ref.source[0] if ref.source else None,
            line=ref.source[1] if ref.source else None,
        )
