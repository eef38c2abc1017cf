"""Link each citation to exactly one reference entry, or say why not.

Entries are indexed by the key of their first author (accents, case, hyphens and apostrophes folded;
particles optional), so linking costs one dictionary look-up per citation, not a scan of the list.

For an author-date citation:

* candidates are the entries whose first author matches; a two-author citation needs both names, an
  "et al." citation prefers entries with three or more authors;
* among them, the year must match ("2004a" needs the 2004a entry; "2004" fits a lone "2004a" too);
* one fit: linked. Several equal fits: ambiguous. None with the year: a year mismatch when an entry
  by those authors exists in another year and the evidence points to a typo, else missing;
* no author match: a near-miss spelling (one edit, a swap counts as one) of an entry's first author
  with the same year is an author mismatch; otherwise missing.

Name similarity is a parameter (``similar``), so another strategy can be passed in.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable

from refcheck.extract.notes import acronyms_of, initials, is_acronym, is_organisation, note_years
from refcheck.matching.names import PARTICLES, core_key, fold, name_key
from refcheck.model import Citation, Document, LinkStatus, Reference

Similar = Callable[[str, str], bool]


def near_miss(a: str, b: str) -> bool:
    """One dropped, added, changed or swapped letter (two for long names)."""
    if a == b or min(len(a), len(b)) < 3:
        return False
    limit = 1 if max(len(a), len(b)) < 9 else 2
    if abs(len(a) - len(b)) > limit:
        return False  # more letters apart than the limit: no need to count
    from rapidfuzz.distance import OSA  # imported only when a name is compared

    return bool(OSA.distance(a, b, score_cutoff=limit) <= limit)


class Index:
    """Reference entries by first-author key and by year."""

    def __init__(self, refs: list[Reference]) -> None:
        self.refs = refs
        self.by_id = {r.id: r for r in refs}
        self.position = {r.id: k for k, r in enumerate(refs)}
        self.by_author: dict[str, list[Reference]] = defaultdict(list)
        self.by_year: dict[str, list[Reference]] = defaultdict(list)
        self.by_label: dict[str, Reference] = {}
        self.by_key: dict[str, Reference] = {}
        self._candidates: dict[str, list[Reference]] = {}
        self._year_buckets: dict[str, dict[str, list[int]]] = {}
        self._same_authors: dict[tuple[bool | str, ...], _ClosestYear] = {}
        # (see _edited_volume: made on the first citation that needs it)
        self._edited: dict[tuple[str, str], list[tuple[Reference, list[str]]]] | None = None
        self.numeric: dict[tuple[int, ...], tuple[tuple[str, ...], str | None]] = {}  # see _link_numeric
        by_author = self.by_author
        parts = False
        for r in refs:
            if r.authors and r.aliases:
                keys = {name_key(r.authors[0]), core_key(r.authors[0])}
                keys |= {name_key(a) for a in r.aliases}
                for k in keys - {""}:
                    by_author[k].append(r)
            elif r.authors:
                # the two keys of the first author, without making sets of them (mostly one key)
                key, core = name_key(r.authors[0]), core_key(r.authors[0])
                if key:
                    by_author[key].append(r)
                if core and core != key:
                    by_author[core].append(r)
            if r.year:
                self.by_year[r.year_base or r.year].append(r)
            if r.label:
                self.by_label.setdefault(r.label, r)
                if r.label[-1].isalpha() and r.label[:-1].isdigit():
                    parts = True
            if r.key:
                self.by_key.setdefault(r.key, r)
        if parts:
            # a chemistry list's parts of one number ("[4a]", "[4b]", as bioRxiv splits Wiley's "[4] a)
            # ...; b) ..."): a citation "[4]" cites the first, unless an entry is numbered 4
            for r in refs:
                if r.label and r.label[-1].isalpha() and r.label[:-1].isdigit():
                    self.by_label.setdefault(r.label[:-1], r)

    @functools.cached_property
    def any_author(self) -> set[str]:
        """The keys of every author of every entry (built when first asked)."""
        return {k for r in self.refs for a in r.authors for k in (name_key(a), core_key(a))}

    @functools.cached_property
    def text_keys(self) -> _Keys:
        """The entries by the key of their text (made when a citation is first looked up by it)."""
        return _Keys([(_text_key(r.text), r) for r in self.refs])

    @functools.cached_property
    def title_keys(self) -> _Keys:
        return _Keys([(_text_key(r.title), r) for r in self.refs if r.title])

    @functools.cached_property
    def acronyms(self) -> dict[str, list[Reference]]:
        """The entries by the capitals of their first author's name ("World Health Organization"
        under "WHO") and by an acronym the name gives in parentheses ("... Organization (WHO)")."""
        out: dict[str, list[Reference]] = defaultdict(list)
        for r in self.refs:
            if not r.authors or len(r.authors[0].split()) < 2:
                continue
            for a in acronyms_of(r.authors[0]):
                out[a].append(r)
        return out

    def organisation(self, name: str) -> list[Reference]:
        """The entries of the organisation a note names by its capitals ("WHO": those of "World
        Health Organization") or in full ("World Health Organization": those listed as "WHO")."""
        if is_acronym(name):
            return self.acronyms.get(name, [])
        short = initials(name)
        if is_organisation(name) and is_acronym(short):
            return [*self.author_candidates(short), *self.acronyms.get(short, [])]
        return []

    def author_candidates(self, name: str) -> list[Reference]:
        """The entries whose first author is ``name`` (remembered: a name is cited many times)."""
        found = self._candidates.get(name)
        if found is None:
            seen: dict[str, Reference] = {}
            for k in (name_key(name), core_key(name)):
                for r in self.by_author.get(k, ()):
                    seen.setdefault(r.id, r)
            found = self._candidates[name] = list(seen.values())
        return found

    def year_pool(self, name: str, year: str | None) -> list[Reference]:
        """Those of ``author_candidates(name)`` whose year may fit ``year`` (``_year_fits`` may be
        non-zero), in the same order: a name with thousands of entries is not scanned whole for
        each year cited (a hostile list made that quadratic: a minute for 400 kB)."""
        if year is None:
            return []
        cands = self.author_candidates(name)
        span = _year_range(fold(year))
        if len(cands) <= _FEW:
            if span is not None:  # a range of years: the entries dated in it
                return [
                    r for r in cands if _year_fits(year, r)
                ]  # a few entries: weighed as they are, with no buckets made for them
            cited = _year_bucket(year)
            undated = cited == "n.d." or year.startswith("n.d.")
            return [
                r
                for r in cands
                if (b := _year_bucket(r.year)) == cited
                or (undated and b == _NO_YEAR)
                or (b != _NO_YEAR and (_other_year_fits(year, r) or _in_entry_span(year, r)))
            ]
        buckets = self._year_buckets.get(name)
        if buckets is None:
            buckets = self._year_buckets[name] = defaultdict(list)
            for k, r in enumerate(self.author_candidates(name)):
                buckets[_year_bucket(r.year)].append(k)
                for other in _entry_years(r)[1:]:  # (also under its original's or reprint's year)
                    if other != _year_bucket(r.year):
                        buckets[other].append(k)
                if (dated := _entry_span(r)) is not None:  # (and each later year of its span)
                    for y in range(dated[0] + 1, dated[1] + 1):
                        buckets[str(y)].append(k)
        cited = _year_bucket(year)
        at = buckets.get(cited, [])
        if span is not None:
            at = sorted({k for y in range(span[0], span[1] + 1) for k in buckets.get(str(y), ())})
            return [cands[k] for k in at if _year_fits(year, cands[k])]
        if cited == "n.d." or year.startswith("n.d."):  # "n.d." also fits an entry with no year
            at = sorted({*at, *buckets.get(_NO_YEAR, [])})
        elif len(years := _cited_years(year)) == 2:  # "1867/1990": the entries of either year
            at = sorted({*at, *buckets.get(years[1], ())})
            return [cands[k] for k in at if _year_fits(year, cands[k])]
        return [cands[k] for k in at]

    def same_authors(self, cit: Citation) -> _ClosestYear:
        """The candidates whose authors fit the citation's (``_authors_fit`` at least 1), with their
        years (remembered per cited author list: the years cited vary, the author lists less)."""
        key: tuple[bool | str, ...] = (cit.et_al, *cit.authors)
        found = self._same_authors.get(key)
        if found is None:
            refs = [r for r in self.author_candidates(cit.authors[0]) if _authors_fit(cit, r) >= 1]
            found = self._same_authors[key] = _ClosestYear(refs)
        return found


class _Keys:
    """Entries by a key of letters and digits (``_text_key``), sorted, so that the entries whose key
    begins with a given one are found by bisection, not by comparing every entry with it."""

    def __init__(self, keyed: list[tuple[str, Reference]]) -> None:
        self.order = sorted(range(len(keyed)), key=lambda k: keyed[k][0])
        self.keys = [keyed[k][0] for k in self.order]
        self.refs = [keyed[k][1] for k in self.order]

    def starting(self, prefix: str) -> list[Reference]:
        """The entries whose key starts with ``prefix``, in list order."""
        lo = bisect.bisect_left(self.keys, prefix)
        hi = bisect.bisect_left(self.keys, prefix + "{", lo)  # "{" follows "z": keys are [0-9a-z]
        found = sorted(range(lo, hi), key=lambda k: self.order[k])
        return [self.refs[k] for k in found]


_NO_YEAR = "\0"  # the year bucket of entries without a year
_FEW = 4  # an author's entries, at most, that year_pool weighs without year buckets


def _year_bucket(year: str | None) -> str:
    """Years that ``_year_fits`` may match share a bucket: the four digits ("2004", "2004a"), "n.d."
    (any "n.d." with a suffix), or the folded year itself ("forthcoming")."""
    if year is None:
        return _NO_YEAR
    folded = fold(year)
    if folded[:4].isdigit():
        return folded[:4]
    return "n.d." if folded.startswith("n.d.") else folded


class _ClosestYear:
    """Entries, and the one whose year is closest to a cited year (``_closest_year``'s answer),
    found by bisection among the years rather than by a scan of the entries."""

    def __init__(self, refs: list[Reference]) -> None:
        self.refs = refs
        self._at: dict[int, list[int]] = defaultdict(list)  # year -> positions in refs
        for k, r in enumerate(refs):
            # a year that does not read has _closest_year's distance 9999: never the closer
            with contextlib.suppress(ValueError):
                self._at[int((r.year or "0")[:4])].append(k)
        self._years = sorted(self._at)

    def closest(self, year: str | None) -> Reference:
        try:
            cited = int((year or "0")[:4])
        except ValueError:
            return _closest_year(year, self.refs)
        i = bisect.bisect_left(self._years, cited)
        near = self._years[max(0, i - 1) : i + 1]
        if not near:
            return _closest_year(year, self.refs)
        gap = min(abs(cited - v) for v in near)
        if gap >= 9999:  # as far as a year that does not read: let the whole list decide
            return _closest_year(year, self.refs)
        at = sorted(k for v in near if abs(cited - v) == gap for k in self._at[v])
        return _closest_year(year, [self.refs[k] for k in at])


def _keys(name: str) -> set[str]:
    return {name_key(name), core_key(name)} - {""}


def _same_person(cited: str, listed: str, given: str = "") -> bool:
    """Whether a co-author's name as cited is the entry's: the same keys, or one word of a surname of
    several as the entry was read ("Mackie" for "J. Scott Mackie" read as initials and the surname
    "Scott Mackie", "Sóskuthy" for Chicago's "Márton Sóskuthy" read as a surname; "García" for the
    double surname "García Márquez"), or a surname of several cited whose last word the entry reads as
    the surname and whose first words are among its initials ("Melvill Jones" for Vancouver's "Jones
    GM")."""
    keys = _keys(cited)
    if keys & _keys(listed):
        return True
    words = listed.split()
    if len(words) > 1 and any(name_key(w) in keys for w in (words[0], words[-1])):
        return True
    said = cited.split()
    if len(said) < 2 or len(words) != 1 or not given or name_key(said[-1]) not in _keys(listed):
        return False
    letters = [c for c in given if c.isupper()]
    return all(w[:1].isupper() and w[:1] in letters for w in said[:-1])


def _authors_fit(cit: Citation, ref: Reference) -> float:
    """How well the citation's author list fits the entry's: 2 exact, 1.5 names cited past the end of an
    entry cut short by "et al.", 1 acceptable, 0.5 the names cited are authors of the entry but not at
    their places, 0 no.

    Every co-author the citation names must stand at its place in the entry ("Liti, Carter, et al."
    names the first two of five); an entry cut short by "et al." ("Bae, E. et al.") cannot contradict
    the names it does not print ("Bae, Calhoun, Levine, Lewis and Drewell, 2002"). "Smith and
    Prusinkiewicz" for "Smith, Kuhlemeier and Prusinkiewicz" (the first and the last author) fits
    less well, but fits."""
    n = len(ref.authors)
    named = len(cit.authors)
    if named > n and not ref.et_al and _given_cited_as_surnames(cit.authors, ref):
        return 1 if cit.et_al else 2
    if named >= 2:
        for k in range(1, named):
            if k < n:
                given = ref.given[k] if k < len(ref.given) else ""
                if not _same_person(cit.authors[k], ref.authors[k], given):
                    return 0.5 if _named_in_order(cit.authors[1:], ref.authors[1:]) else 0
            elif not ref.et_al:
                return 0  # the citation names more authors than the entry has
        if cit.et_al:
            return 2 if n > named or ref.et_al else 1
        if n < named:
            # an entry cut short by "et al." before the names cited ("Drummond, A.J. et al." for
            # "Drummond and Rambaut"): they may be its authors, but an entry of exactly them fits better
            return 1.5
        return 2 if n == named else 1
    if cit.et_al:
        return 2 if n >= 3 or ref.et_al else 1 if n == 2 else 0
    # (an entry cut short by "et al." has more authors than one: "Killeen, 2013" is rather of the
    # entry "Killeen, G.F. (2013)" than of "Killeen, G.F. et al. (2013)", though it may be its)
    return 2 if (n <= 1 and not ref.et_al) or ref.corporate else 1 if n == 2 or ref.et_al else 0


def _given_cited_as_surnames(cited: list[str], ref: Reference) -> bool:
    """Whether the names cited are the entry's authors read with each full-word given name as a
    surname of its own: an entry of surnames only, "Villavicencio, Riquelme y Pérez. (2013).", reads
    "Riquelme" as Villavicencio's given name, and "(Villavicencio, Riquelme y Pérez, 2013)" tells it is
    an author. Only a given name of one word, with no initials, is so read."""
    names: list[str] = []
    for k, author in enumerate(ref.authors):
        names.append(author)
        given = ref.given[k] if k < len(ref.given) else ""
        if _FULL_WORD.fullmatch(given):
            names.append(given)
    return len(names) == len(cited) and all(_keys(c) & _keys(n) for c, n in zip(cited, names, strict=True))


# a given name that may be a surname: one capitalised word, no initial ("Riquelme", not "R." or "RJ")
_FULL_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*[a-zà-ÿ][\w'’-]*")


def _named_in_order(cited: list[str], listed: list[str]) -> bool:
    """Each name cited is an author of the list, in the list's order."""
    at = 0
    for name in cited:
        keys = _keys(name)
        while at < len(listed) and not keys & _keys(listed[at]):
            at += 1
        if at == len(listed):
            return False
        at += 1
    return True


# a range of years cited, "2011–2013", "2011-13", "2011/2012" (its dash or slash of any kind)
_YEAR_RANGE = re.compile(r"((?:1[5-9]|20)\d\d)[-\u2010-\u2015\u2212/]((?:1[5-9]|20)?\d\d)")


def _year_range(year: str | None) -> tuple[int, int] | None:
    """The first and last years of a cited range of years ("2011–2013", "2011-13"), or None for
    anything else (a range backwards or longer than a human working life is none)."""
    if year is None or len(year) < 7 or not year[:4].isdigit():
        return None
    m = _YEAR_RANGE.fullmatch(year)
    if m is None:
        return None
    first, end = int(m.group(1)), m.group(2)
    last = int(end) if len(end) == 4 else first // 100 * 100 + int(end)
    return (first, last) if first < last <= first + 60 else None


def _year_fits(cited: str | None, ref: Reference) -> int:
    """2 exact, 1 a suffix-less citation year fits a suffixed entry, 0 no.

    "n.d." fits an entry with no year at all (web pages, software) as well as an "n.d." one. A range
    cited ("2011–2013") fits an entry of the same range however it is written (2), and one dated
    within it (1): a work published over years may be listed by its first or last year, and a range
    may cite the works of each year of it.
    """
    if cited is None:
        return 0
    if ref.year is None:
        return 1 if cited.startswith("n.d.") else 0
    a, b = fold(cited), fold(ref.year)
    if len(a) == 9 and a[4] == "/" and len(_entry_years(ref)) == 2:
        return _other_year_fits(a, ref)  # "1867/1990" against "1990 [1867]": the same two years
    if (span := _year_range(a)) is not None:
        if span == _year_range(b):
            return 2
        if not b[:4].isdigit():
            return 0
        dated = int(b[:4])
        # "2004/2005" (an academic year, or a work and its reprint) is either year, not those between
        if dated in span if "/" in a else span[0] <= dated <= span[1]:
            return 1
        return _other_year_fits(a, ref)
    if a.startswith("n.d.") and b.startswith("n.d."):
        if a == b:
            return 2
        return 1 if a == "n.d." or b == "n.d." else 0  # "n.d.a" and "n.d.b" are two works
    if a == b:
        return 2
    if a[:4].isdigit() and a[:4] == b[:4] and (len(a) == 4 or len(b) == 4):
        return 1
    if _in_entry_span(a, ref):
        return 1  # "(Behnke 1912)" for an entry dated "1910-1913"
    return _other_year_fits(a, ref)


def _two_years(year: str) -> tuple[str, str] | None:
    """Both years of "1867/1990" (an original and its reprint); None for any other year."""
    return (year[:4], year[5:]) if len(year) == 9 and year[4] == "/" and year[5:].isdigit() else None


def _cited_years(cited: str) -> tuple[str, ...]:
    """The years a citation names: "1990"; both of "1867/1990" (an original and its reprint)."""
    return _two_years(cited) or ((cited,) if len(cited) == 4 else ())


# an entry's reprint or original year in brackets beside its own: "1990 [1867]", "[1867] 1990"
_BRACKET_YEAR = re.compile(
    r"((?:1[5-9]|20)\d\d)[a-z]?\)?[ \t]*\[((?:1[5-9]|20)\d\d)\]|\[((?:1[5-9]|20)\d\d)\][ \t]*((?:1[5-9]|20)\d\d)"
)


def _entry_years(ref: Reference) -> tuple[str, ...]:
    """An entry's years: its own, and its original's or reprint's that it gives beside it ("1867/1990",
    "1990 [1867]", "[1867] 1990"), its own first."""
    year = ref.year
    if not year or not year[:4].isdigit():
        return ()
    both = _two_years(year)
    if both is not None:
        return both
    if "[" not in ref.text:
        return (year[:4],)
    return _bracketed(ref.text, year[:4])


@functools.lru_cache(maxsize=4096)
def _bracketed(text: str, year: str) -> tuple[str, ...]:
    for m in _BRACKET_YEAR.finditer(text, 0, 600):
        pair = (m[1], m[2]) if m[1] else (m[3], m[4])
        if year in pair:
            return year, pair[1] if pair[0] == year else pair[0]
    return (year,)


# an entry's date written as a span of years where its year stands: "1893-1898", "1910–13"
_SPAN_AFTER_YEAR = re.compile(r"[-\u2010-\u2015\u2212]((?:1[5-9]|20)?\d\d)(?![\d-])")


def _entry_span(ref: Reference) -> tuple[int, int] | None:
    """The first and last years of an entry dated by a span ("Adams Lewis, William. Collection of
    photographs and notebooks. 1893-1898."; "Behnke ... 1910-1913."): its year, written first,
    followed by a dash and a later year (no more than a working life later); None for any other."""
    year = ref.year
    if not year or len(year) != 4 or not year.isdigit():
        return None
    return _span_in(ref.text, year)


@functools.lru_cache(maxsize=4096)
def _span_in(text: str, year: str) -> tuple[int, int] | None:
    at = text.find(year)
    if at < 0 or (at > 0 and text[at - 1].isdigit()):
        return None
    m = _SPAN_AFTER_YEAR.match(text, at + 4)
    if m is None:
        return None
    first, end = int(year), m.group(1)
    last = int(end) if len(end) == 4 else first // 100 * 100 + int(end)
    return (first, last) if first < last <= first + 60 else None


def _in_entry_span(cited: str, ref: Reference) -> bool:
    """Whether a plain year cited falls in the span of years the entry is dated by."""
    a = fold(cited)
    return (
        len(a) == 4
        and a.isdigit()
        and (dated := _entry_span(ref)) is not None
        and dated[0] <= int(a) <= dated[1]
    )


def _other_year_fits(cited: str, ref: Reference) -> int:
    """A work cited by its original and reprint years, or by either, against an entry dated by one
    of them or both ("(Marx, 1867/1990)", "Kuhn (1962)" against "Kuhn, T. S. (1970 [1962])"): 2 when
    both name the same two years, 1 when they share one, 0 otherwise."""
    years = _cited_years(cited)
    if not years or (len(years) == 1 and "[" not in ref.text and "/" not in (ref.year or "")):
        return 0  # (the common case: a plain year against a plain entry)
    dated = _entry_years(ref)
    if len(dated) < 2 and len(years) < 2:
        return 0
    shared = set(years) & set(dated)
    if len(shared) == 2:
        return 2
    # one year in common: one side gives one year; both giving two that differ in one is a mismatch
    # ("1867/1991" against "1867/1990")
    return 1 if shared and (len(years) == 1 or len(dated) == 1) else 0


def link_document(doc: Document, similar: Similar = near_miss) -> None:
    refs = doc.references or []
    _middle_names_read_as_surnames(doc, refs)
    index = Index(refs)
    near = _NearMisses(similar)
    # An author-date citation links as a function of what the linker reads of it (its authors, et
    # al., year, name run and title) alone: the outcome is worked out once per distinct citation and copied
    # to the others (a long document cites each work many times; 20,000 citations, 5x fewer look-ups).
    # (Near misses are remembered per name and year already, so their budget is spent the same way.)
    outcomes: dict[tuple[str | bool | None, ...], _Outcome] = {}
    for mention in doc.mentions:
        _link_mention(mention, refs)
    unlinked = LinkStatus.UNLINKED  # (an Enum member read once, not per citation)
    lower_words: dict[str, bool] = {}  # words looked for in lower case (_phrase_word_first)
    keys = notes = False  # whether any citation is a key (a JATS xref) or a note
    for cit in doc.citations:
        kind = cit.kind
        if kind == "numeric":
            _link_numeric(cit, index)
        elif kind == "key":
            keys = True
            _link_key(cit, index)
        elif kind == "note":
            notes = True
            _link_note(cit, index)
        elif (
            cit.status is unlinked
            and not cit.references
            and not cit.candidates
            and cit.suggestion is None
            and cit.detail is None
        ):  # nothing about its link set before (a loader may set some)
            if len(cit.authors) < 3:  # (what both tests answer for fewer names, without the calls)
                twice = phrase = False
            else:
                twice = _names_written_twice(doc.text, cit)
                phrase = _phrase_word_first(doc.text, cit, lower_words)
            # (a title cited tells alike entries apart: "(US ex rel. Gobble v. Forest, 2010)")
            key = (cit.year, cit.et_al, cit.name_run, cit.title, twice, phrase, *cit.authors)
            outcome = outcomes.get(key)
            if outcome is None:
                _link_author_date(cit, index, similar, near, twice, phrase)
                outcomes[key] = (
                    cit.status,
                    cit.references,
                    cit.candidates,
                    cit.suggestion,
                    cit.detail,
                )
            else:
                status, references, candidates, suggestion, detail = outcome
                cit.status = status
                cit.references = references  # (a tuple: one for every citation that reads alike)
                # (the citation's candidates, suggestion and detail are empty, as checked above)
                if candidates:
                    # one tuple for all the repeats: 10,000 citations of 5,000 alike entries made 50
                    # million list items
                    cit.candidates = candidates
                if suggestion is not None:
                    cit.suggestion = suggestion
                if detail is not None:
                    cit.detail = detail
        else:
            twice = _names_written_twice(doc.text, cit)
            _link_author_date(
                cit, index, similar, near, twice, _phrase_word_first(doc.text, cit, lower_words)
            )
    # The passes over key citations and over notes alone are skipped when the document has none (four
    # passes over 20,000 citations of a long author-date document to find none; the linker changes
    # no citation's kind)
    _names_cited_alone_after_words(doc.citations, index)
    if keys:
        _names_before_the_key(doc, index)
    _tell_apart_by_added_names(doc.citations, index)
    _et_al_is_not_named_in_full(doc.citations, index)
    _named_in_full_is_not_et_al(doc.citations, index)
    if notes:
        _repeated_missing_notes(doc.citations)
        _short_notes_after_full_notes(doc.citations)
    _repeated_mismatches(doc, index)
    if doc.citation_links:
        _follow_links(doc, index)
    if keys:
        _key_at_a_namesake(doc.citations, index)
    _named_but_not_first(doc.citations, index)
    _first_author_alone(doc.citations, index)
    _imprint_and_year(doc.citations, index)
    _lone_entry_of_the_author(doc.citations, index)
    _short_name_the_text_defines(doc, index, similar, near)


# a name word: a capital, then small letters ("Dennis", "Morgan"; not "McGaugh", "DJF", "de")
_PLAIN_NAME = re.compile(r"^[^\W\d_a-z][^\W\d_A-Z]+$")
_INITIALS = re.compile(r"^(?:[^\W\d_a-z]\.?[\s-]*)+$")


def _middle_names_read_as_surnames(doc: Document, refs: list[Reference]) -> None:
    """ACL's given names first with a middle name written out, "R. Dennis Cook. 1977." and "S. K.
    Morgan Ernest, H. Ye, and E. P. White. 2023.", read as the initials and a surname of two words
    ("Dennis Cook"), which may be a double surname as well ("J. García Márquez"): the text tells
    them apart. An entry whose first author reads so, two plain words after initials, is read with
    the last word as its surname when a citation of the entry's year names that word alone and none
    names the two ("Cook (1977)", "Ernest et al., 2023")."""
    doubles: dict[str, list[Reference]] = {}
    for r in refs:
        if not r.authors or not r.given or r.corporate or not r.year:
            continue
        words = r.authors[0].split()
        if (
            len(words) == 2
            and all(_PLAIN_NAME.match(w) for w in words)
            and fold(words[0]) not in PARTICLES
            and r.given[0]
            and _INITIALS.match(r.given[0])
            and r.text.startswith(r.given[0])
        ):
            doubles.setdefault(name_key(words[1]), []).append(r)
    if not doubles:
        return
    cited: set[tuple[str, str]] = set()
    for c in doc.citations:
        if c.kind == "author-date" and c.authors and c.year:
            cited.add((name_key(c.authors[0]), c.year[:4]))
    for key, rs in doubles.items():
        for r in rs:
            year = (r.year or "")[:4]
            # (a citation of the two words, "García Márquez (1967)", says they are the surname)
            if (key, year) in cited and (name_key(r.authors[0]), year) not in cited:
                middle, surname = r.authors[0].split()
                r.authors[0] = surname
                r.given[0] = f"{r.given[0]} {middle}"


def _repeated_mismatches(doc: Document, index: Index) -> None:
    # A year mismatch cited more than once, whose closest entry is cited correctly elsewhere, is more
    # likely another work by the same authors that the list lacks than a typo: report it as missing.
    mismatch = LinkStatus.YEAR_MISMATCH
    mismatches = [c for c in doc.citations if c.status is mismatch and c.kind != "key"]
    # (a key, such as a JATS xref's, names its entry: a mismatch, never a missing entry)
    if not mismatches:
        return
    # How often each (authors, year) is cited: a citation repeated verbatim is less likely a typo.
    repeats = Counter(
        (name_key(c.authors[0]) if c.authors else "", c.year)
        for c in doc.citations
        if c.kind == "author-date"
    )
    linked = LinkStatus.LINKED
    cited = {rid for c in doc.citations if c.status is linked for rid in c.references}
    for cit in mismatches:
        cited_as = (name_key(cit.authors[0]) if cit.authors else "", cit.year)
        target = index.by_id[cit.candidates[0]]
        if target.id in cited and repeats[cited_as] > 1:
            cit.status = LinkStatus.MISSING
            dated = f"dated {target.year}" if target.year else "without a year"
            cit.detail = f"an entry by {target.authors[0]} {dated} exists"
            cit.candidates = ()
            cit.suggestion = None


def _slip_at_another_author(cit: Citation, index: Index, cited: set[str]) -> None:
    """A key citation (a JATS xref) pointing at another author's entry ("Romé (<xref>2024</xref>)" at
    Smith 2024), whose names fit one entry of another year that no citation cites (Romé 2023): the
    text names that work with a slip of its year, and the xref follows the year. One defect: the link
    is wrong, naming both entries, and the entry meant counts as cited (not also uncited)."""
    if cit.detail or len(cit.candidates) != 1:
        return
    ref = index.by_id[cit.candidates[0]]
    if not ref.year or _year_fits(cit.year, ref) != 2:
        return  # (another author and another year: another work altogether)
    meant = [r for r in index.same_authors(cit).refs if r.id not in cited and r.year and r is not ref]
    if len(meant) != 1:
        return
    cit.candidates = (ref.id, meant[0].id)
    cit.detail = f"linked to {ref.shown_authors} {ref.year}"
    cit.suggestion = f"{meant[0].shown_authors} {meant[0].year}"
    cited.add(meant[0].id)


def _named_but_not_first(citations: list[Citation], index: Index) -> None:
    """A missing citation whose name is no first author of the list but, in one entry of its year, a
    co-author ("Kenton, 2019" for "Devlin, J., Chang, M., Lee, K., and Kenton, L. (2019)") or a given
    name of an author ("Kenton, 2017" for "Lee, Kenton (2017)"): the work is cited by a name that is
    not its first author's, an author mismatch suggesting the entry as it would be cited. When another
    citation cites that entry already, the name may as well be of a work the list lacks: missing,
    saying whose name it is in the list."""
    missing = LinkStatus.MISSING
    pending = [
        c
        for c in citations
        if c.status is missing and c.kind == "author-date" and not c.detail and c.authors and c.year
    ]
    if not pending:
        return
    cited = {rid for c in citations for rid in (c.references or c.candidates)}
    left = 200_000  # entries read, within a budget (a hostile text of thousands of unknown names)
    done: dict[tuple[str, ...], tuple[Reference, str] | None] = {}
    for cit in pending:
        year = cit.year or ""
        key = (year, *cit.authors)
        if key not in done:
            done[key] = None
            pool = index.by_year.get(year[:4] if year[:4].isdigit() else year, ())
            if len(pool) > left or index.author_candidates(cit.authors[0]):
                continue
            left -= len(pool)
            found = [(r, how) for r in pool if _year_fits(year, r) and (how := _names_not_first(cit, r))]
            if len({r.id for r, _ in found}) == 1:
                done[key] = found[0]
    # the years each lone name is cited with that no entry has it for (not even as a co-author):
    # "(Kenton, 2015)" beside "(Kenton, 2017)" cites works of Kenton's own, unless "Lee and Kenton
    # (2015)" is listed too (then both are the same slip of the first author)
    years_of: dict[str, set[str]] = defaultdict(set)
    for c in pending:
        if len(c.authors) == 1 and c.year and done[(c.year, *c.authors)] is None:
            years_of[name_key(c.authors[0])].add(c.year[:4])
    for cit in pending:
        year = cit.year or ""
        hit = done[(year, *cit.authors)]
        if hit is None:
            continue
        ref, how = hit
        entry = f"{ref.shown_authors} {ref.year}" if ref.year else ref.shown_authors
        if ref.id in cited:
            # either a slip or another work the list lacks: a defect both ways, said as missing
            if how != "co-author":
                named = f"{cit.authors[0]} is a given name in"
            elif len(cit.authors) > 1:
                named = f"{' and '.join(cit.authors)} are co-authors of"
            else:
                named = f"{cit.authors[0]} is a co-author of"
            cit.detail = f"no entry by that author dated {year}; {named} the entry {entry}, which the text cites as such elsewhere"
            continue
        own = _own_works(cit, ref, years_of)
        if own:
            # a work of the name's own the list lacks, by the text's evidence: missing, naming the entry
            who = "a given name in" if how != "co-author" else "a co-author of"
            cit.detail = f"no entry by that author dated {year}; {cit.authors[0]} is {who} the entry {entry}, but {own}"
            continue
        cit.status = LinkStatus.AUTHOR_MISMATCH
        cit.candidates = (ref.id,)
        cit.suggestion = entry
        cit.detail = how


def _first_author_alone(citations: list[Citation], index: Index) -> None:
    """A citation of one name ("Wagner, 2024") linked, for want of an entry of that author alone, to an
    entry of two ("Wagner and Prester (2024)") that the text cites with both names elsewhere: the
    writer knows the entry's co-author, so either it was left out here or the work of the name alone is
    missing from the list. A defect both ways, said as missing, naming the entry (as for a co-author
    cited alone, _named_but_not_first). An entry never cited with both names stays linked."""
    linked = LinkStatus.LINKED
    both: set[str] = set()  # entries of two authors cited with two names
    alone: list[Citation] = []
    for c in citations:
        if c.status is not linked or c.kind != "author-date" or len(c.references) != 1:
            continue
        if len(c.authors) >= 2:
            both.add(c.references[0])
        elif c.authors and not c.et_al and c.detail is None:
            alone.append(c)
    if not both or not alone:
        return
    # the entries of two authors cited with both names that a citation of one name may mean: the
    # others are left at once (most citations of one name link to an entry of one author)
    pairs = {
        rid
        for rid in both
        if (ref := index.by_id.get(rid)) is not None
        and len(ref.authors) == 2
        and not ref.et_al
        and not ref.corporate
    }
    if not pairs:
        return
    for cit in alone:
        if cit.references[0] not in pairs:
            continue
        ref = index.by_id[cit.references[0]]
        entry = f"{ref.shown_authors} {ref.year}" if ref.year else ref.shown_authors
        cit.status = LinkStatus.MISSING
        cit.references = ()
        cit.detail = (
            f"no entry by {cit.authors[0]} alone dated {cit.year}; the entry {entry} is cited with both names "
            "elsewhere, so if it is meant here, name its co-author"
        )


def _own_works(cit: Citation, ref: Reference, years_of: dict[str, set[str]]) -> str:
    """Why a name that is a co-author (or a given name) in ``ref`` is rather cited as the first author
    of a work of its own the list lacks, or "": the citation letters its year where the entry does not
    ("Kenton, 2017a": two works of 2017, the entry is neither), or the text cites the same name alone
    with other years that no entry has either ("Kenton, 2015" too)."""
    year = fold(cit.year or "")
    if len(year) > 4 and year[4:].isalpha() and fold(ref.year or "") != year:
        return f"the text letters {cit.year}, which the entry does not"
    if len(cit.authors) == 1:
        others = sorted(years_of.get(name_key(cit.authors[0]), set()) - {year[:4]})
        if others:
            return f"the text cites {cit.authors[0]} alone for {', '.join(others)} too, which no entry has"
    return ""


def _names_not_first(cit: Citation, ref: Reference) -> str:
    """How the citation's names are authors of ``ref`` other than as its first author's surname:
    "co-author" (each name cited is one of its later authors), "given" (the first name cited is a
    given name of one of its authors), or "" (neither)."""
    if not ref.authors or ref.corporate or ref.aliases:
        return ""
    later = ref.authors[1:]
    if later and all(any(_keys(c) & _keys(a) for a in later) for c in cit.authors):
        return "co-author"
    if len(cit.authors) == 1 and not cit.et_al:
        keys = _keys(cit.authors[0])
        for given in ref.given:
            for word in given.replace(".", " ").replace("-", " ").split():
                if len(word) >= 3 and not word.isupper() and name_key(word) in keys:
                    return "given"
    return ""


def _imprint_and_year(citations: list[Citation], index: Index) -> None:
    """A missing citation that names no author of the list but a publisher (or a journal) with a year,
    "the memoir (Fourth Estate, 2012)", of which one entry of that year gives the name after its
    authors ("Smith, Z. (2012). A memoir. London: Fourth Estate."): the prose names that work by its
    imprint, a link, not a missing entry. An entry another citation cites ("Krugman (2012)", published
    by W. W. Norton) is no work named by its imprint: "(Norton, 2012)" then cites a missing work by Norton."""
    missing = LinkStatus.MISSING
    # the entries cited, made at the first missing citation (most texts have none)
    cited: set[str] | None = None
    # (each name and year looked for once, within a budget of entries read: a hostile text citing
    # thousands of unknown names in a year of thousands of entries)
    left = 200_000
    done: dict[tuple[str, str], Reference | None] = {}
    for cit in citations:
        if cit.status is not missing or cit.kind != "author-date" or cit.detail or not cit.year:
            continue
        if cited is None:  # (at the first citation that may link: before any has changed)
            cited = {rid for c in citations for rid in (c.references or c.candidates)}
        name = (cit.name_run or (cit.authors[0] if cit.authors else "")).strip()
        year = cit.year[:4]
        if len(name) < 3 or not year.isdigit():
            continue
        if (name, year) not in done:
            done[(name, year)] = None
            pool = index.by_year.get(year, ())
            if len(pool) > left or index.author_candidates(cit.authors[0] if cit.authors else name):
                continue
            left -= len(pool)
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
            found = []
            for r in pool:
                at = pattern.search(r.text)
                if (
                    at is not None
                    and at.start() > 0
                    and not any(a and a in at.group(0) for a in r.authors)
                    and not any(at.group(0) in g for g in r.given)  # "Kenton" of "Lee, Kenton (2017)"
                ):
                    found.append(r)
            if len(found) == 1 and found[0].id not in cited:
                done[(name, year)] = found[0]
        ref = done[(name, year)]
        if ref is not None:
            _linked(cit, ref)


def _lone_entry_of_the_author(citations: list[Citation], index: Index) -> None:
    """A citation missing for its co-authors and year ("Meder et al. 2020") whose first author has one
    entry, which no citation cites ("Meder, F. (2019)"): one slip in the citation or the entry, not a
    missing work and an uncited one. Reported once, as a mismatch of that entry suggesting the entry
    as it would be cited. An entry cited elsewhere leaves the citation missing, and so does a co-author
    named that the entry does not have ("Smith and Jönsson" for "Smith, Kuhlemeier, Prusinkiewicz"):
    another work, likely."""
    missing = LinkStatus.MISSING
    pending = [
        c
        for c in citations
        if c.status is missing
        and c.kind == "author-date"
        and len(c.authors) == 1
        and (c.detail or "").startswith("entries by ")
    ]
    if not pending:
        return
    cited = {rid for c in citations for rid in (c.references or c.candidates)}
    for cit in pending:
        cands = index.author_candidates(cit.authors[0])
        if len(cands) != 1 or cands[0].id in cited:
            continue
        ref = cands[0]
        if not ref.authors or ref.corporate:
            continue
        cit.detail = None
        cit.candidates = (ref.id,)
        cit.suggestion = f"{ref.shown_authors} {ref.year}" if ref.year else ref.shown_authors
        if cit.year and ref.year and not _year_fits(cit.year, ref):
            cit.status = LinkStatus.YEAR_MISMATCH
        else:
            cit.status = LinkStatus.AUTHOR_MISMATCH


_DEFINED_NAMES = 20  # distinct missing names looked for in the text, at most (one search each)


def _short_name_the_text_defines(doc: Document, index: Index, similar: Similar, near: _NearMisses) -> None:
    """A missing citation of one short name that the text defines as an organisation's the list has:
    "(Inep, 2024)" after "... produzidos pelo Instituto Nacional de Estudos e Pesquisas Educacionais
    Anísio Teixeira (Inep)", whose entries the list gives under the full name. It is linked as if it
    named the organisation in full (its year is then checked as any citation's)."""
    missing = LinkStatus.MISSING  # (an Enum member read once, not per citation)
    pending = [
        c
        for c in doc.citations
        if c.status is missing
        and c.kind == "author-date"
        and c.authors
        and not c.et_al
        and (len(c.authors) == 1 or c.name_run)
    ]
    if not pending:
        return
    organisations = {
        fold(r.authors[0]): r.authors[0]
        for r in index.refs
        if r.authors and len(r.authors[0].split()) > 1 and (r.corporate or not (r.given[:1] or [""])[0])
    }
    text = doc.text
    defined: dict[str, str | None] = {}
    for cit in pending:
        name = cit.authors[0] if len(cit.authors) == 1 and " " not in cit.authors[0] else cit.name_run or ""
        if name not in defined:
            if len(defined) >= _DEFINED_NAMES:
                continue
            if " " not in name and 2 <= len(name) <= 12:
                defined[name] = _defined_as(text, name, organisations) if organisations else None
            else:
                # the reverse: "Instituto Nacional de ... Teixeira (INEP)" cited in full, listed as "INEP"
                defined[name] = _short_name_of(text, name, index)
        other = defined[name]
        if other is None:
            continue
        trial = dataclasses.replace(cit, authors=[other], detail=None)
        _link_author_date_as_read(trial, index, similar, near)
        if trial.status is not LinkStatus.MISSING:
            cit.status, cit.references, cit.candidates = trial.status, trial.references, trial.candidates
            cit.suggestion, cit.detail = trial.suggestion, trial.detail


def _defined_as(text: str, short: str, organisations: dict[str, str]) -> str | None:
    """The organisation (of ``organisations``, by folded name) that ``text`` names right before
    ``short`` in parentheses the first time it writes "(short)", if any."""
    at = text.find(f"({short})")
    if at < 0:
        return None
    before = fold(" ".join(text[max(0, at - 200) : at].split()))
    for name, full in organisations.items():
        if before.endswith(name) and (len(before) == len(name) or not before[-len(name) - 1].isalnum()):
            return full
    return None


_DEFINED_SHORT = re.compile(r"[ \t]*\(([^\s()]{2,12})\)")


def _short_name_of(text: str, name: str, index: Index) -> str | None:
    """The short name ``text`` gives in parentheses after the first writing of ``name`` (an
    organisation's, of two words or more), when it is the first author of entries of the list."""
    if len(name.split()) < 2:
        return None
    at = text.find(name)
    m = _DEFINED_SHORT.match(text, at + len(name)) if at >= 0 else None
    if m is None or not index.author_candidates(m.group(1)):
        return None
    return m.group(1)


def _key_at_a_namesake(citations: list[Citation], index: Index) -> None:
    """A key citation (a JATS xref) whose text fits an entry no citation cites better than the entry
    its key points at: "Fowler et al., 2021" pointing at "Fowler, M. & Brown, K. (2021)" while
    "Fowler, M., Brown, K. & Li, Q. (2021)" is listed and uncited. The link is wrong, one defect: an
    author mismatch that names both entries, and the entry meant counts as cited (not also an
    uncited-reference). Entries the text fits equally are left to uncited-reference to say."""
    linked, other = LinkStatus.LINKED, LinkStatus.AUTHOR_MISMATCH
    keyed = [c for c in citations if c.kind == "key" and c.status in (linked, other) and c.authors and c.year]
    if not keyed:
        return
    cited = {rid for c in citations for rid in (c.references or c.candidates)}
    for cit in keyed:
        if cit.status is other:
            _slip_at_another_author(cit, index, cited)
            continue
        ref = index.by_id[cit.references[0]]
        pool = [
            r
            for r in index.year_pool(cit.authors[0], cit.year)
            if r is not ref and r.id not in cited and _year_fits(cit.year, r)
        ]
        if not pool:
            continue
        own = (_year_fits(cit.year, ref), _authors_fit(cit, ref))
        scored = [((_year_fits(cit.year, r), _authors_fit(cit, r)), r) for r in pool]
        best = max(score for score, _ in scored)
        top = [r for score, r in scored if score == best]
        if len(top) != 1 or best[1] <= own[1] or best[0] < own[0]:
            continue
        meant = top[0]
        shown, named = f"{ref.shown_authors} {ref.year}", f"{meant.shown_authors} {meant.year}"
        if shown == named:  # (lists the names alike: the titles tell them apart)
            shown, named = f"{shown}, {ref.title!r}", f"{named}, {meant.title!r}"
        cit.status = LinkStatus.AUTHOR_MISMATCH
        cit.references = ()
        cit.candidates = (ref.id, meant.id)
        cit.detail = f"linked to {shown}"
        cit.suggestion = named
        cited.add(meant.id)


_Outcome = tuple[LinkStatus, tuple[str, ...], tuple[str, ...], str | None, str | None]


def _follow_links(doc: Document, index: Index) -> None:
    """An author-date citation the page links to one entry (HTML ``<a href="#ref-12">Smith et al.,
    2004</a>``) cites that entry when the entry names its first author: two entries the list prints
    alike ("Urbach and Technau 2003" twice, the page having lost their a/b) are no ambiguity, and a
    year the entry does not show is a year mismatch of that entry, not of the closest one."""
    spans = sorted(link for link in doc.citation_links if link[2])  # (links to entries)
    starts = [a for a, _, _ in spans]
    unclear = (LinkStatus.AMBIGUOUS, LinkStatus.MISSING, LinkStatus.YEAR_MISMATCH, LinkStatus.AUTHOR_MISMATCH)
    for cit in doc.citations:
        if cit.kind != "author-date" or cit.status not in unclear:
            continue
        k = bisect.bisect_right(starts, cit.start)
        targets = set()
        while k > 0 and spans[k - 1][1] > cit.start:
            targets.add(spans[k - 1][2])
            k -= 1
        k = bisect.bisect_right(starts, cit.start)
        while k < len(spans) and spans[k][0] < cit.end:
            targets.add(spans[k][2])
            k += 1
        ref = index.by_id.get(targets.pop()) if len(targets) == 1 else None
        if ref is None:
            continue
        if cit.authors and fold(cit.authors[0]).split()[-1] not in fold(ref.text):
            continue  # the link leads to a work of someone else: what the text says stands
        if cit.status is LinkStatus.AMBIGUOUS and ref.id not in cit.candidates:
            continue
        cit.candidates = ()
        cit.suggestion = None
        cit.detail = None
        if _year_fits(cit.year, ref) or not (cit.year and ref.year):
            _linked(cit, ref)
        else:
            cit.status = LinkStatus.YEAR_MISMATCH
            cit.references = ()
            cit.candidates = (ref.id,)
            cit.suggestion = f"{_cited_names(cit)} {ref.year}" if cit.authors else ref.year


def _names_before_the_key(doc: Document, index: Index) -> None:
    """A key citation (a JATS xref) whose text names a later author of the entry it points at, the
    earlier ones written just before it: "Sharkey and <xref>Wharton (1997)</xref>" for "Sharkey, K.
    and Wharton, J. (1997)". The text names the entry; it was read as an author mismatch."""
    mismatch = LinkStatus.AUTHOR_MISMATCH
    text = doc.text
    for cit in doc.citations:
        if cit.kind != "key" or cit.status is not mismatch or not cit.candidates or not cit.authors:
            continue
        ref = index.by_id.get(cit.candidates[0])
        if (
            ref is None
            or len(ref.authors) < 2
            or ref.corporate
            or (cit.year and not _year_fits(cit.year, ref))
        ):
            continue
        at = next((k for k, a in enumerate(ref.authors[1:], 1) if _keys(cit.authors[0]) & _keys(a)), None)
        if at is None or cit.start <= 0:
            continue
        before = text[max(0, cit.start - 150) : cit.start]
        earlier = r"\s*,\s*".join(re.escape(a) for a in ref.authors[:at])
        if re.search(rf"(?<!\w){earlier},?\s+(?:and|&)\s*\Z|(?<!\w){earlier},\s*\Z", before) is None:
            continue
        cit.status = LinkStatus.LINKED
        cit.references = (ref.id,)
        cit.candidates = ()
        cit.suggestion = None
        cit.detail = None


def _tell_apart_by_added_names(citations: list[Citation], index: Index) -> None:
    """Entries the list prints alike ("Sherbondy, A.J. et al. (2008)" twice) that the citations tell
    apart by naming more authors ("Sherbondy, Dougherty, Ben-Shachar, et al., 2008" and "Sherbondy,
    Dougherty, Napel, et al., 2008"): the list is sorted by the full author lists, so the citations'
    distinct name lists, sorted, take the entries in list order. Done when the citations that name
    more authors than the entries print make as many name lists as there are entries; a citation of
    the group that names no more ("Sherbondy et al., 2008") stays ambiguous."""
    groups: dict[tuple[str, ...], list[Citation]] = defaultdict(list)
    ambiguous = LinkStatus.AMBIGUOUS
    for cit in citations:
        if cit.status is ambiguous and cit.kind == "author-date":
            groups[tuple(cit.candidates)].append(cit)
    for ids, cits in groups.items():
        refs = [index.by_id[i] for i in ids]
        shown = max(len(r.authors) for r in refs)
        cits = [c for c in cits if len(c.authors) > shown]
        if not cits or not all(r.et_al for r in refs):
            continue
        names = {id(c): tuple(fold(a) for a in c.authors) for c in cits}
        # a shortened list ("Sherbondy, Dougherty, Ben-Shachar, et al.") is the full one it begins
        full = {names[id(c)] for c in cits if not c.et_al}
        for c in cits:
            if c.et_al:
                longer = [f for f in full if f[: len(names[id(c)])] == names[id(c)]]
                if len(longer) == 1:
                    names[id(c)] = longer[0]
        lists = sorted(set(names.values()))
        if len(lists) != len(refs):
            continue
        order = sorted(refs, key=lambda r: index.position[r.id])
        target = dict(zip(lists, order, strict=True))
        for cit in cits:
            cit.candidates = ()
            _linked(cit, target[names[id(cit)]])


def _et_al_is_not_named_in_full(citations: list[Citation], index: Index) -> None:
    """An "et al." citation that fits several entries ("Ioannidis et al., 2001") is not of an entry
    of three or more authors that the document cites elsewhere by all its names ("Ioannidis, Haidich
    and Lau, 2001"): the style shortens longer lists only (Harvard: four names and more). Linked when
    one candidate is left."""
    ambiguous = LinkStatus.AMBIGUOUS
    pending = [c for c in citations if c.status is ambiguous and c.kind == "author-date" and c.et_al]
    if not pending:
        return
    linked = LinkStatus.LINKED
    in_full = {
        rid
        for c in citations
        if c.status is linked and not c.et_al and len(c.authors) >= 3
        for rid in c.references
        if not index.by_id[rid].et_al and len(index.by_id[rid].authors) == len(c.authors)
    }
    if not in_full:
        return
    for cit in pending:
        left = [rid for rid in cit.candidates if rid not in in_full]
        if len(left) == 1 and len(left) < len(cit.candidates):
            cit.candidates = ()
            _linked(cit, index.by_id[left[0]])


def _named_in_full_is_not_et_al(citations: list[Citation], index: Index) -> None:
    """A citation naming co-authors ("Janjua, Smith and Clark, 2018") linked to an entry cut short
    after fewer names ("Janjua, A. et al. (2018)") that another citation cites as "et al." ("Janjua et
    al., 2018"), when the names cited cannot be a first citation in full of that entry: the list prints
    another entry of as many authors in full (Harvard's "Janjua, A., Smith, P. and Chu, J. (2017)"),
    so the cut entry has more authors than the names cited. The names are then of another work, which
    the list lacks (the converse of ``_et_al_is_not_named_in_full``). A style that names all authors
    at the first citation and shortens the later ones (IEA's "Pieterse, Van der Does, Zamioudis,
    Leon-Reyes and Van Wees, 2012" then "Pieterse et al., 2012", its list cutting at four names) cites
    one work both ways, whichever comes first in the text (the prose may say "Almeida et al. (2013)"
    before the first parenthetical citation names all four)."""
    if not any(r.et_al for r in index.refs):
        return  # (no entry cut short: a pass over the entries, not over the citations)
    linked = LinkStatus.LINKED
    pending = [
        c
        for c in citations
        if c.status is linked
        and c.kind == "author-date"
        and not c.et_al
        and len(c.authors) >= 2
        and len(c.references) == 1
        and (r := index.by_id.get(c.references[0])) is not None
        and r.et_al
        and len(r.authors) < len(c.authors)
    ]
    if not pending:
        return
    in_full = max((len(r.authors) for r in index.refs if not r.et_al and not r.corporate), default=0)
    pending = [c for c in pending if len(c.authors) <= in_full]
    if not pending:
        return
    as_et_al = {
        rid
        for c in citations
        if c.status is linked and c.et_al and len(c.authors) <= 1
        for rid in c.references
        if index.by_id[rid].et_al
    }
    for cit in pending:
        ref = index.by_id[cit.references[0]]
        if ref.id not in as_et_al:
            continue
        cit.status = LinkStatus.MISSING
        cit.references = ()
        entry = f"{ref.authors[0]} et al. {ref.year or ''}".rstrip()
        cit.detail = f'the entry {entry} prints none of the co-authors named, and the text cites it as "{ref.authors[0]} et al." elsewhere'


def _link_numeric(cit: Citation, index: Index) -> None:
    # The outcome of a list of numbers is worked out once, and the repeats of a citation share its
    # ids: "[1–500]" cited 60,000 times was 30 million look-ups.
    done = index.numeric.get(cit.numbers)
    if done is None:
        found = [index.by_label.get(str(n)) for n in cit.numbers]
        ids = tuple(r.id for r in found if r is not None)
        detail = None
        if len(ids) != len(cit.numbers):
            missing = [n for n, r in zip(cit.numbers, found, strict=True) if r is None]
            detail = "numbers beyond the list: " + ", ".join(map(str, missing))
        done = index.numeric[cit.numbers] = (ids, detail)
    ids, detail = done
    cit.references = ids  # the numbers of a range that do exist still count as cited
    if detail is None:
        cit.status = LinkStatus.LINKED
    else:
        cit.status = LinkStatus.MISSING
        cit.detail = detail


def _link_key(cit: Citation, index: Index) -> None:
    ref = index.by_key.get(cit.key or "")
    if ref is None:
        cit.status = LinkStatus.MISSING
        # a key one edit away from exactly one entry's ("martinezdiaz2008" for "martinezdiaz2007"):
        # one defect, reported as missing with its suggestion; the suggested entry counts as cited
        near = index.by_key.get(cit.suggestion or "") if cit.suggestion else None
        if near is not None:
            cit.candidates = (near.id,)
        return
    cit.status = LinkStatus.LINKED
    cit.references = (ref.id,)
    _check_visible(cit, ref)
    if cit.status in (LinkStatus.AUTHOR_MISMATCH, LinkStatus.YEAR_MISMATCH) and cit.authors and cit.year:
        # "Wolf and Trillmich 2007" whose xref points at Wittig et al. 2014 while Wolf and Trillmich
        # 2007 is listed: the text is right and the link wrong (PMC's rids shifted by one entry);
        # reported as such, not with the pointed-at entry's names and year as the text to write
        pool = [
            r for r in index.year_pool(cit.authors[0], cit.year) if r is not ref and _year_fits(cit.year, r)
        ]
        # (an exact year first; "Wood 2006a" names an entry the list prints "Wood 2006")
        named = [r for r in pool if _year_fits(cit.year, r) == 2] or pool
        if len(named) > 1:
            # "Robinson 2014" names Robinson 2014, not Robinson, Hazon, Lonergan and Pomeroy 2014
            fits = [_authors_fit(cit, r) for r in named]
            named = [r for r, f in zip(named, fits, strict=True) if f and f == max(fits)]
        shown = {f"{r.shown_authors} {r.year}" for r in named}
        if len(shown) == 1:
            # one work, or entries the list prints alike (two "Wood 2006"): each counts as cited
            cit.candidates = (ref.id, *(r.id for r in named))
            cit.detail = f"linked to {ref.shown_authors} {ref.year}"
            cit.suggestion = shown.pop()


# words of a title that say nothing of which work it is
_TITLE_STOP = frozenset(
    {
        "a", "an", "the", "of", "and", "in", "on", "to", "for", "at", "by", "from", "with", "its",
        "their", "la", "le", "les", "el", "los", "de", "des", "du", "der", "die", "das", "und"
    }
)  # fmt: skip


def _title_words(title: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", fold(title)) if w not in _TITLE_STOP]


@functools.lru_cache(maxsize=8192)
def _entry_words(text: str) -> frozenset[str]:
    """An entry's words as titles are compared (folded, no stop words): once per entry, not once per
    note that may cite it (a note by an unlisted author is compared with every entry)."""
    return frozenset(_title_words(text))


def _title_fit(cited: list[str], ref: Reference) -> int:
    """How well a note's title fits the entry: 2 its words are the entry's (a short title is
    a prefix or a subset of the full one), 1 most of them are, 0 no."""
    if not cited:
        return 1
    # (the whole entry: its title as the entry parser read it may be cut short or be the publisher)
    listed = _entry_words(ref.text)
    shared = sum(1 for w in cited if w in listed)
    if shared == len(cited):
        return 2
    return 1 if shared * 2 >= len(cited) and shared >= 2 else 0


def _same_title(cited: list[str], ref: Reference) -> bool:
    """Whether the entry's own title is the note's: its words are all the note's title's."""
    listed = _title_words(ref.title or "")
    return bool(listed) and all(w in cited for w in listed)


def _link_mention(cit: Citation, refs: list[Reference]) -> None:
    """An entry named without a citation (``extract.notes.mentions``): the entries whose first author
    is the name, undated ones only for an archive a note names."""
    name = cit.authors[0]
    archive = cit.detail == "archive"
    year = (cit.year or "")[:4]  # a species' authority names its year (JATS): that work only
    found = tuple(
        r.id
        for r in refs
        if r.authors
        and r.authors[0] == name
        and not (archive and r.year)
        and (not year or (r.year or "")[:4] == year)
    )
    if found:
        cit.status = LinkStatus.LINKED
        cit.references = found
    else:
        cit.status = LinkStatus.MISSING


def _note_keys(cit: Citation) -> list[str]:
    """The names a note's first author may be listed under: the surname read ("Wittfogel", "de
    Tocqueville"), its last two words ("García Márquez") and last word, and the name as written (a
    corporate author, "World Bank")."""
    keys = [cit.authors[0]] if cit.authors else []
    words = (cit.name_run or "").split()
    if len(words) >= 2:
        # (and its last word: "Edward M. House" reads as an organisation's name)
        keys += [" ".join(words[-2:]), words[-1]]
    if cit.name_run:
        keys.append(cit.name_run)
    return keys


def _link_note(cit: Citation, index: Index) -> None:
    """A work cited by a note (extract/notes.py): the entries of its first author whose title fits,
    then the year, when the note gives one. A note whose author has no entry is linked by its title
    alone, when exactly one entry has it (a work listed under its editor or title)."""
    cited = _title_words(cit.title or "")
    seen: dict[str, Reference] = {}
    for k in _note_keys(cit):
        for r in index.author_candidates(k):
            seen.setdefault(r.id, r)
    if cit.authors:  # an organisation named by its capitals, or listed by them
        for r in index.organisation(cit.authors[0]):
            seen.setdefault(r.id, r)
    cands = list(seen.values())
    fits = [(r, _title_fit(cited, r)) for r in cands]
    best = max((f for _, f in fits), default=0)
    top = [r for r, f in fits if f == best and f > 0]
    if not cands and len(cited) >= 2:
        by_title = [r for r in index.refs if _title_fit(cited, r) == 2]
        ref = by_title[0] if len(by_title) == 1 else None
        if ref is not None and (
            not cit.authors
            or cit.authors[0].isupper()  # (an organisation's capitals, "UNESCO": its name in full listed)
            or ref.corporate
            or not ref.authors
            or _same_title(cited, ref)
        ):
            # (a note naming its authors fits a person's entry of other names by its title only when
            # that is the entry's title too: "Barbour and Judge, *Language and Nationalism in
            # Europe*" is not Kamusella's "Language as an instrument of nationalism in Central Europe")
            top = by_title
    if len(top) > 1 and cit.year:
        dated = [r for r in top if _year_fits(cit.year, r)]
        top = dated or top
    if len(top) > 1:
        cit.status = LinkStatus.AMBIGUOUS
        cit.candidates = tuple(r.id for r in top)
        return
    if top:
        ref = top[0]
        if (
            cit.year
            and ref.year
            and not any(_year_fits(y, ref) for y in note_years(cit.text, cit.year))
            and not (ref.title and ref.year in ref.title)
        ):
            # (an entry whose year was read from its title, "“French Finances and the American War,
            # 1777-1783.” The" of a list whose entry was cut before its journal's "(1976)", is no
            # year the note can be held to)
            cit.status = LinkStatus.YEAR_MISMATCH
            cit.candidates = (ref.id,)  # (no suggestion: the message names the entry's year)
            return
        _linked(cit, ref)
        return
    cit.status = LinkStatus.MISSING
    what = f"{cit.title!r}" if cit.title else "the work"
    if cands:
        cit.detail = f"entries by {cit.authors[0]} exist, none titled {what}"
    elif cit.authors:
        cit.detail = f"no entry by {cit.authors[0]} titled {what}"
    else:
        cit.detail = f"no entry titled {what}"
    if cands and not cit.year:
        cit.confidence = "low"  # a short title may be the author's own shorthand for a listed work


def _short_notes_after_full_notes(citations: list[Citation]) -> None:
    """A short note that fits several entries ("Marx and Engels, The Communist Manifesto, 16" of a list
    holding the 1848 printing and a 1955 edition) cites the work of the last note before it that
    cited one of those entries by that title: Chicago's short note stands for the work an earlier
    note gave in full. With no such note before it, it stays ambiguous."""
    last: dict[str, Citation] = {}  # an entry's id: the last note that cited it alone
    for cit in citations:
        if cit.kind != "note":
            continue
        if cit.status is LinkStatus.LINKED and len(cit.references) == 1:
            last[cit.references[0]] = cit
            continue
        if cit.status is not LinkStatus.AMBIGUOUS or cit.year:
            continue
        words = set(_title_words(cit.title or ""))
        before = [
            last[r]
            for r in cit.candidates
            if r in last and words and words <= set(_title_words(last[r].title or ""))
        ]
        if before:
            full = max(before, key=lambda c: c.start)
            cit.status = LinkStatus.LINKED
            cit.references = full.references
            cit.candidates = ()


def _repeated_missing_notes(citations: list[Citation]) -> None:
    """A work missing from the bibliography is reported once, at the first note that cites it: its
    later short notes and "Ibid." are that same defect (``confidence`` "repeat", dropped by
    ``pipeline.drop_unlinked_titles``)."""
    missing: list[tuple[str, list[str]]] = []
    for cit in citations:
        if cit.kind != "note" or cit.status is not LinkStatus.MISSING:
            continue
        key = name_key(cit.authors[0]) if cit.authors else ""
        words = _title_words(cit.title or "")
        if any(k == key and (set(words) <= set(w) or set(w) <= set(words)) for k, w in missing):
            cit.confidence = "repeat"
        else:
            missing.append((key, words))


def _check_visible(cit: Citation, ref: Reference) -> None:
    """A key citation whose visible text names an author or year (JATS xref text) must agree with the
    entry the key points at; keys from LaTeX or pandoc carry the entry's own author and year. When
    neither agrees ("Jeffs et al., 2009" pointing at King et al. 2003), the key points at another
    work: an author mismatch that suggests the entry's author and year, not a year mismatch that
    suggests "Jeffs et al. 2003"."""
    other_author = False
    if cit.authors and ref.authors and not ref.corporate:
        cited = {name_key(cit.authors[0]), core_key(cit.authors[0])} - {""}
        listed = {name_key(ref.authors[0]), core_key(ref.authors[0])}
        other_author = (
            bool(cited) and not cited & listed and not _leading_surname(cit.authors[0], ref.authors[0])
        )
    other_year = bool(cit.year and ref.year and not _year_fits(cit.year, ref))
    if other_year and not other_author:
        cit.status = LinkStatus.YEAR_MISMATCH
        cit.references = ()
        cit.candidates = (ref.id,)
        cit.suggestion = f"{_cited_names(cit)} {ref.year}" if cit.authors else ref.year
        return
    if other_author:
        cit.status = LinkStatus.AUTHOR_MISMATCH
        cit.references = ()
        cit.candidates = (ref.id,)
        if not other_year and _trailing_surname(cit.authors[0], ref.authors[0]):
            # "Torres et al., 2022" for "Carignano Torres, P.": Portuguese names are often cited by
            # their last surname (and Spanish ones by their first): said at info
            cit.detail = "last surname"
        if other_year:  # another work altogether: the entry as it would be cited
            cit.suggestion = f"{ref.shown_authors} {ref.year}"
        elif name_key(ref.authors[0]) in {name_key(a) for a in cit.authors[1:]}:
            # "STARR; RUSSETT, 1976" for Russett and Starr: the names in the entry's order, not the
            # first author's name put in place of the first cited ("RUSSETT and RUSSETT")
            cit.suggestion = ref.shown_authors + (f" {cit.year}" if cit.year else "")
        else:
            cit.suggestion = " ".join(_cited_names(cit, ref.authors[0]).split()) + (
                f" {cit.year}" if cit.year else ""
            )


def _leading_surname(cited: str, listed: str) -> bool:
    """Whether ``cited`` is the first surname(s) of the compound surname ``listed``: Spanish and
    Portuguese authors are cited by their first surname, "Dávila (2000)" for the entry "DÁVILA
    ESPINOSA, S." and "Hernández, Fernández y Baptista" for "HERNÁNDEZ SAMPIERI, R."."""
    words = fold(listed).replace("-", " ").split()
    named = fold(cited).replace("-", " ").split()
    return 0 < len(named) < len(words) and words[: len(named)] == named


def _trailing_surname(cited: str, listed: str) -> bool:
    """Whether ``cited`` is the last surname(s) of the compound surname ``listed`` ("Torres" of
    "Carignano Torres")."""
    words = fold(listed).replace("-", " ").split()
    named = fold(cited).replace("-", " ").split()
    return 0 < len(named) < len(words) and words[-len(named) :] == named


class _NearMisses:
    """The entries of a year whose first author is a near miss of a cited name, remembered per
    (name, year) and within a budget of comparisons per document: a hostile document citing
    thousands of unknown names in a year that thousands of entries share would otherwise compare
    every name with every entry (minutes for a few hundred kilobytes). Real documents stay far
    below the budget (a few hundred unmatched citations against the entries of one year)."""

    BUDGET = 500_000  # comparisons per document

    def __init__(self, similar: Similar) -> None:
        self.similar = similar
        self.left = self.BUDGET
        self.found: dict[tuple[str, str | None], list[Reference]] = {}

    def __call__(self, key: str, year: str | None, pool: list[Reference]) -> list[Reference]:
        """The entries of ``pool`` (in its order) that fit ``year`` and whose first author's key is
        similar to ``key``; none once the budget is spent."""
        found = self.found.get((key, year))
        if found is not None:
            return list(found)
        if len(pool) > self.left:
            self.left = 0
            return []
        self.left -= len(pool)
        similar = self.similar
        found = [
            r for r in pool if r.authors and _year_fits(year, r) and similar(key, name_key(r.authors[0]))
        ]
        self.found[(key, year)] = found
        return list(found)


def _link_author_date(
    cit: Citation,
    index: Index,
    similar: Similar,
    near_misses: _NearMisses | None = None,
    twice: bool = False,
    phrase: bool = False,
) -> None:
    _link_author_date_as_read(cit, index, similar, near_misses)
    if twice and cit.status is not LinkStatus.LINKED:
        # the names of a citation written after the same names, cut at a conjunction: "(Hare and
        # Tomasello, Hare & Tomasello, 2005)" read as "Tomasello, Hare & Tomasello", "(Miklósi and
        # Topál, Miklósi, and Topál, 2013)" (a year-only xref rendered after the names before it).
        # Without its first name the citation may fit an entry exactly; "Kim, Lee, & Kim" of the entry
        # "Kim, J., Lee, S., & Kim, H." fits as read and never gets here, and "(Wang, Li, & Wang,
        # 2015)", no name before it, is never read as "Li & Wang".
        trial = dataclasses.replace(cit, authors=cit.authors[1:], detail=None)
        _link_author_date_as_read(trial, index, similar, near_misses)
        if trial.status is LinkStatus.LINKED or (
            cit.status is LinkStatus.MISSING and trial.status is not LinkStatus.MISSING
        ):
            cit.status, cit.references, cit.candidates = trial.status, trial.references, trial.candidates
            cit.suggestion, cit.detail = trial.suggestion, trial.detail
    if cit.status is LinkStatus.MISSING and phrase and _word_before_names(cit, index):
        # "... de Educação Básica, Soares e Alves (2003) afirmam", "Ainda, Blum & Roderjan (2007)
        # citam": the word that ends the sentence's opening phrase, before its comma, read as a first
        # author the list has nowhere. Without it the names are exactly an entry's authors, with its
        # year: that entry is cited (not when any co-author differs, or another name stays unread).
        trial = dataclasses.replace(cit, authors=cit.authors[1:], detail=None)
        _link_author_date_as_read(trial, index, similar, near_misses)
        if trial.status is LinkStatus.LINKED and all(
            len(r.authors) == len(trial.authors) and not r.et_al
            for r in (index.by_id[i] for i in trial.references)
        ):
            cit.status, cit.references, cit.authors = trial.status, trial.references, trial.authors
    if cit.status is LinkStatus.MISSING and len(cit.authors) >= 3 and not cit.et_al:
        _words_before_names(cit, index, similar, near_misses)


def _words_before_names(
    cit: Citation, index: Index, similar: Similar, near_misses: _NearMisses | None
) -> None:
    """Links a citation whose first names are words written before the authors in its bracket, no
    author of any entry: places ("Australia (Tasmania, Victoria, Kriwoken & Hedge, 2000)"), a
    section's or a site's name ("(Materials and Methods, Dietz, Rising, Stoerk and Wagner, 2021)",
    "(Github, Dietz, ...)"), primers ("(Cyanophage CPS4GC, CPS5 Fuller, Wilson, Joint and Mann,
    1998)"). Only where the words can hardly be authors of a work the list lacks: they hold digits,
    or the names after them are exactly an entry's (every author, its year) and are three or more,
    or follow two such words. One word before two names, "(Nakamura, Li and Zhang, 2015)" of an
    entry "Li & Zhang 2015", is a first author of a missing work: it stays missing."""
    authors = cit.authors
    for k in range(1, len(authors) - 1):  # (two names at least are kept)
        if not _no_author(authors[k - 1], index):
            return
        first = " ".join(w for w in authors[k].split() if not _DIGIT.search(w))
        if not first:
            continue
        digits = first != authors[k] or any(_DIGIT.search(a) for a in authors[:k])
        tail = [first, *authors[k + 1 :]]
        if not (digits or k >= 2 or len(tail) >= 3):
            continue
        trial = dataclasses.replace(cit, authors=tail, detail=None)
        _link_author_date_as_read(trial, index, similar, near_misses)
        if trial.status is LinkStatus.LINKED and (
            digits
            or all(
                len(r.authors) == len(tail) and not r.et_al
                for r in (index.by_id[i] for i in trial.references)
            )
        ):
            cit.status, cit.references, cit.authors = trial.status, trial.references, trial.authors
            return


_DIGIT = re.compile(r"\d")


def _names_cited_alone_after_words(citations: list[Citation], index: Index) -> None:
    """Links what ``_words_before_names`` could not tell for an entry in "et al." form ("S. Dietz et
    al. (2021)", which any co-authors fit): "(Github, Dietz, Rising, Stoerk and Wagner, 2021)" cites
    the work the document cites elsewhere as "(Dietz, Rising, Stoerk and Wagner, 2021)", three names
    or more and the year, once the words before them are no author of any entry."""
    missing, linked = LinkStatus.MISSING, LinkStatus.LINKED  # (read once, not per citation)
    pending = [
        c
        for c in citations
        if c.status is missing and len(c.authors) >= 4 and c.kind == "author-date" and not c.et_al
    ]
    if not pending:
        return
    alone: dict[tuple[tuple[str, ...], str | None], tuple[str, ...]] = {}
    for c in citations:
        if c.status is linked and len(c.authors) >= 3 and c.kind == "author-date" and c.references:
            alone.setdefault((tuple(c.authors), c.year), c.references)
    if not alone:
        return
    for cit in pending:
        authors = cit.authors
        for k in range(1, len(authors) - 2):  # (three names at least are kept)
            if not _no_author(authors[k - 1], index):
                break
            first = " ".join(w for w in authors[k].split() if not _DIGIT.search(w))
            tail = (first, *authors[k + 1 :])
            found = alone.get((tail, cit.year))
            if found:
                cit.status, cit.references, cit.authors = linked, found, list(tail)
                break


def _no_author(name: str, index: Index) -> bool:
    """Whether ``name`` is no author of any entry, by its key or its core."""
    if index.author_candidates(name):
        return False
    return name_key(name) not in index.any_author and core_key(name) not in index.any_author


def _word_before_names(cit: Citation, index: Index) -> bool:
    """Whether the first word of a citation ``_phrase_word_first`` accepted ("Básica, Soares and Alves
    (2003)") is no author of any entry ("(Wang, Li, & Wang, 2015)" of a work not in the list is no
    "Li & Wang 2015")."""
    return _no_author(cit.authors[0], index)


def _phrase_word_first(text: str, cit: Citation, lower_words: dict[str, bool]) -> bool:
    """Whether the first of a narrative citation's three names or more, a word and its comma, may be
    the last word of a phrase that opens the sentence, not an author: it follows a capitalised word
    ("... da Educação Básica, Soares e Alves (2003)"), or it opens the sentence and is written unlike
    the names ("Ainda, SOARES e ALVES (2003)") or in lower case elsewhere in the text ("ainda"). Not
    after a word in lower case ("as shown by Nakamura, Li and Zhang (2015)"), nor a name that opens
    its sentence ("Nakamura, Li and Zhang (2015) found"): a first author, of a work the list lacks."""
    authors = cit.authors
    if len(authors) < 3 or cit.et_al:
        return False
    first = authors[0]
    if " " in first or not cit.text.startswith(first + ","):
        return False
    head = text[max(0, cit.start - 100) : cit.start].rstrip(" \t")
    if head and head[-1] not in ".!?:;\n":
        prev = _LAST_WORD.search(head)
        return prev is not None and prev.group(1)[:1].isupper()
    if first[1:] and not first.isupper() and all(a.isupper() for a in authors[1:]):
        return True
    word = first.lower()
    found = lower_words.get(word)
    if found is None:
        found = re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", text) is not None
        lower_words[word] = found
    return found


# the word that ends a text, written right before its end
_LAST_WORD = re.compile(r"([^\W\d_][\w'\u2019-]*)$")


def _names_written_twice(text: str, cit: Citation) -> bool:
    """Whether a citation of three names or more, its first and last one, was read from names written
    twice: "(Hare and Tomasello, Hare & Tomasello, 2005)" read as "Tomasello, Hare & Tomasello, 2005"
    (and its "2006" after it, "..., 2005, 2006"). Only then may it be read without its first name:
    "(Wang, Li, & Wang, 2015)" is no "Li & Wang 2015"."""
    authors = cit.authors
    if len(authors) < 3 or not _keys(authors[0]) & _keys(authors[-1]):
        return False
    # (a name, then the conjunction that cut it off, not necessarily the second name: the copy may be
    # misspelt, "(Snowdon and Boe, Sonwdon & Boe, 2003)", an author slip to report against the entry)
    first, second = re.escape(authors[0]), re.escape(authors[1])
    twice = rf"[^\W\d_][\w'\u2019-]*[ \t]+(?:and|&)[ \t]+{first},?[ \t]+{second}(?!\w)"
    return re.search(twice, text[max(0, cit.start - 200) : cit.end]) is not None


def _link_author_date_as_read(
    cit: Citation,
    index: Index,
    similar: Similar,
    near_misses: _NearMisses | None = None,
) -> None:
    if not cit.authors:
        by_title = _title_prefix_match(cit, index)
        if by_title is not None:
            _linked(cit, by_title)
        else:
            cit.status = LinkStatus.MISSING
        return
    first = cit.authors[0]
    cands = index.author_candidates(first)
    if cands:
        # only the entries whose year may fit are weighed (the others have _year_fits 0)
        fits = [(r, _authors_fit(cit, r), _year_fits(cit.year, r)) for r in index.year_pool(first, cit.year)]
        with_year = [(r, a, y) for r, a, y in fits if y and a]
        if not with_year and len(cit.authors) < 2:
            # "Smith 2004" for "Smith and Jones (2004)": the author count is off, but not a named co-author
            with_year = [(r, a, y) for r, a, y in fits if y]
        if cit.year and len(cit.year) > 4 and any(y == 1 and a < 2 for _, a, y in with_year):
            with_year = _lettered_elsewhere(with_year, fits)
        if with_year:
            best = max((a, y) for _, a, y in with_year)
            top = [r for r, a, y in with_year if (a, y) == best]
            if len(top) > 1:
                # "Müller, 2010" and "Muller, 2010" of the entries "Müller, K. (2010)" and "Muller, J.
                # (2010)": the names fold alike, but each is spelt as one entry spells it
                spelt = [r for r in top if r.authors and r.authors[0].casefold() == first.casefold()]
                if len(spelt) == 1:
                    top = spelt
                elif len(cit.authors) > 1:
                    # "Cirujano, Corma and Xamena, 2015" of the entries "... and Xamena, F.X.L.I. (2015)"
                    # and "... and Llabrés i Xamena, F.X. (2015)": a name cited as one entry writes it
                    # is that entry's, the other fits only by a word of its double surname
                    whole = [
                        r
                        for r in top
                        if all(_keys(c) & _keys(n) for c, n in zip(cit.authors, r.authors, strict=False))
                    ]
                    if len(whole) == 1:
                        top = whole
            if len(top) > 1 and cit.title:
                # Word's "(Cleveland, Visualizing Data 1994)": the title cited tells the entries apart
                cited = _title_words(cit.title)
                titled = [r for r in top if _title_fit(cited, r) == 2]
                if len(titled) == 1:
                    top = titled
            if len(top) > 1 and best[1] == 1 and _year_range(fold(cit.year or "")) is not None:
                # "(Jones, 2011–2013)" of the entries "Jones (2011)" and "Jones (2013)": a range cites
                # the works of its years, each (when no entry is dated with the range itself)
                years = [r.year for r in top]
                if len(set(years)) == len(years):
                    _linked(cit, top[0])
                    cit.references = tuple(r.id for r in top)
                    return
            if len(top) > 1 and (by_order := _letter_by_order(cit.year, top, index)) is not None:
                _linked(cit, by_order)
                cit.detail = LETTER_BY_ORDER
                return
            if len(top) == 1:
                _linked(cit, top[0])
            else:
                cit.status = LinkStatus.AMBIGUOUS
                cit.candidates = tuple(r.id for r in top)
            return
        # authors match but no year does
        same_authors = index.same_authors(cit)  # names out of place fit only with the year
        if not same_authors.refs:
            misspelt = _co_author_misspelt(cit, [r for r, _, y in fits if y], similar)
            if misspelt is not None:
                # "Rovero & Zimmerman, 2016" of "Rovero, F., & Zimmermann, F. (2016)": a co-author spelt
                # one letter off, the first author and year cited as the entry gives them
                cit.status = LinkStatus.AUTHOR_MISMATCH
                cit.candidates = (misspelt.id,)
                cit.suggestion = f"{_cited_names(cit, first, misspelt.authors)} {cit.year}"
                return
            cit.status = LinkStatus.MISSING  # the first author has entries, but not with these co-authors
            cit.detail = f"entries by {first} exist, none with the co-authors and year cited"
            _edited_volume(cit, index)
            return
        if _year_range(fold(cit.year or "")) is not None:
            # "(Jones, 2011–2013)" where Jones's entries are of other years: a range is no slip of one
            # year's digit, the work (or works) of those years is missing
            cit.status = LinkStatus.MISSING
            cit.detail = f"entries by {first} exist, none dated {cit.year}"
            return
        target = same_authors.closest(cit.year)
        if cit.year and len(cit.year) > 4 and target.year == cit.year[:4]:
            # "Cao et al. 2008b" where the list letters 2008a and 2008c, and "Cao and Lin (2008)" is
            # not it (_lettered_elsewhere): no year to correct
            cit.status = LinkStatus.MISSING
            cit.detail = f"entries by {first} dated {cit.year[:4]} exist, none lettered {cit.year}"
            return
        cit.status = LinkStatus.YEAR_MISMATCH
        cit.candidates = (target.id,)
        cit.suggestion = f"{_cited_names(cit)} {target.year}" if target.year else None
        return
    # no author match: a near-miss spelling with the same year?
    key = name_key(first)
    year_base = (cit.year or "")[:4] if (cit.year or "")[:4].isdigit() else cit.year
    pool = index.by_year.get(year_base or "", [])
    near = (near_misses or _NearMisses(similar))(key, cit.year, pool)
    if len(near) >= 1:
        near.sort(key=lambda r: -_authors_fit(cit, r))
        target = near[0]
        cit.status = LinkStatus.AUTHOR_MISMATCH
        cit.candidates = (target.id,)
        cit.suggestion = " ".join(_cited_names(cit, target.authors[0]).split()) + f" {cit.year}"
        return
    by_title = _title_prefix_match(cit, index)
    if by_title is not None:
        _linked(cit, by_title)
        return
    cit.status = LinkStatus.MISSING
    _edited_volume(cit, index)


# what marks a volume's editors in an entry of a chapter: "(D. Hunold & T. Singelnstein, eds.; pp.
# 359–383)", "In D. Hunold & T. Singelnstein (Eds.), Title", "Edited by D. Hunold and T.
# Singelnstein", "Hunold D, Singelnstein T, editors", German "(Hrsg.)"
_EDITOR_MARK = re.compile(r"\b(?:[Ee]ds?\b\.?|[Ee]ditors?\b|[Ee]dited\s+by\b|[Hh]rsg\b\.?|[Hh]gg?\.)")
_EDITORS_NEAR = 120  # characters either side of the mark the editors' names stand in
EDITED_VOLUME = "edited-volume:"  # the start of a citation's detail when the list has chapters of it


def _edited_volume(cit: Citation, index: Index) -> None:
    """A citation of an edited volume whose list gives only chapters of it: "(Hunold & Singelnstein,
    2022)" beside "Espín Grau, H., & Klaus, L. (2022). Rassismus in der Polizei (D. Hunold & T.
    Singelnstein, eds.; pp. 359–383)". The volume is still not listed (the citation stays missing),
    but the chapters, whose entries name its editors and the year cited, are what it points at: they
    count as cited, and the finding names them (``cit.detail`` starts with ``EDITED_VOLUME``)."""
    year = (cit.year or "")[:4]
    if not year.isdigit() or not cit.authors:
        return
    first = _WORD.search(cit.authors[0])
    if first is None:
        return
    names = [re.compile(rf"(?<![^\W\d_]){re.escape(a)}(?![^\W\d_])") for a in cit.authors]
    chapters = []
    for r, nears in _edited_entries(index).get((year, first.group()), ()):
        if cit.year != year and r.year != cit.year:
            continue  # ("2022b" cites the entry lettered so)
        if any(all(n.search(near) for n in names) for near in nears):
            chapters.append(r)
    if chapters:
        cit.candidates = tuple(r.id for r in chapters)
        cit.detail = EDITED_VOLUME + (
            f" the list gives {'a chapter' if len(chapters) == 1 else f'{len(chapters)} chapters'} of the "
            f"volume they edited, {', '.join(f'{r.shown_authors} {r.year}' for r in chapters[:3])}"
            f"{', ...' if len(chapters) > 3 else ''}, not the volume itself"
        )


_WORD = re.compile(r"[^\W\d_]+")


def _edited_entries(index: Index) -> dict[tuple[str, str], list[tuple[Reference, list[str]]]]:
    """The entries that name a volume's editors, by year and by each word near the mark (what a cited
    editor's name holds), with the stretches of text around their marks: made once per document, so
    that each citation no entry fits looks only at the entries that may name its authors (a look at
    every entry of its year made a list of thousands of one year, cited by as many unknown names,
    quadratic)."""
    if index._edited is None:
        index._edited = {}
        for year, refs in index.by_year.items():
            for r in refs:
                text = r.text
                nears = [
                    text[max(0, m.start() - _EDITORS_NEAR) : m.end() + _EDITORS_NEAR]
                    for m in _EDITOR_MARK.finditer(text)
                ]
                if nears:
                    for word in {w for near in nears for w in _WORD.findall(near)}:
                        index._edited.setdefault((year, word), []).append((r, nears))
    return index._edited


def _co_author_misspelt(cit: Citation, dated: list[Reference], similar: Similar) -> Reference | None:
    """The one entry of the year cited whose authors are those cited but for a co-author spelt as a
    near miss ("Zimmerman" for "Zimmermann"), each other name at its place; None when none or several."""
    named = len(cit.authors)
    found = [
        r
        for r in dated
        if len(r.authors) >= named
        and (len(r.authors) == named or cit.et_al or r.et_al)
        and all(
            _keys(c) & _keys(a) or similar(name_key(c), name_key(a))
            for c, a in zip(cit.authors[1:], r.authors[1:], strict=False)
        )
    ]
    return found[0] if len(found) == 1 else None


# the detail of a citation linked by its year's letter to the entry at that place among alike entries
LETTER_BY_ORDER = "letter-by-order"


def _letter_by_order(year: str | None, top: list[Reference], index: Index) -> Reference | None:
    """The entry a lettered year cites among entries that fit it alike and print no letter ("Novák,
    2010a" and "2010b" of two entries "Novák, J. (2010)", as EndNote leaves a list whose letters it
    did not print): the letters follow the list's order, "a" the first of them. None when an entry
    prints a letter or another year, or the letter lies beyond them."""
    if year is None or len(year) != 5 or not year[:4].isdigit() or not "a" <= year[4] <= "z":
        return None
    if any(r.year != year[:4] for r in top):
        return None
    k = ord(year[4]) - ord("a")
    return sorted(top, key=lambda r: index.position[r.id])[k] if k < len(top) else None


def _lettered_elsewhere(
    with_year: list[tuple[Reference, float, int]], fits: list[tuple[Reference, float, int]]
) -> list[tuple[Reference, float, int]]:
    """A lettered year ("Cao et al. 2008b") does not cite an entry of that year without a letter
    whose authors fit only loosely ("Cao, H, Lin, R (2008)": two authors, not "et al.") when the list
    letters other entries of the author that year ("2008a", "2008c"): the 2008b entry is missing."""
    if not any(r.year and len(r.year) > 4 for r, _, _ in fits):
        return with_year
    return [(r, a, y) for r, a, y in with_year if y == 2 or a >= 2]


def _text_key(text: str) -> str:
    # (a title cited in quotation marks, as APA cites an unsigned work: "(“The Time Is Now,” 2020)")
    words = fold(text).lstrip("\"“”‘'([").split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return name_key(" ".join(words))


def _title_prefix_match(cit: Citation, index: Index) -> Reference | None:
    """A work with no author cited by the first words of its entry: "(Google Code Search n.d.)"."""
    key = _text_key(cit.name_run or " ".join(cit.authors))
    if len(key) < 3:
        return None
    cands = index.text_keys.starting(key) if len(key) >= 4 else []
    if cands:
        # not an author's given name that opens an entry written given name first ("Kenton, 2017" of
        # ACL's "Kenton Lee, Luheng He, ... 2017."): an author mismatch (_named_but_not_first)
        cands = [r for r in cands if not _opens_with_given_name(r, key)]
    # or the entry's title ("(Xds, 2010)" for "Kabsch, W (2010) Xds. Acta Cryst ...")
    cands += index.title_keys.starting(key)
    scored = {r.id: (_year_fits(cit.year, r), r) for r in cands if _year_fits(cit.year, r) or not r.year}
    if not scored:
        return None
    best = max(score for score, _ in scored.values())
    top = [r for score, r in scored.values() if score == best]
    return top[0] if len(top) == 1 else None


def _opens_with_given_name(ref: Reference, key: str) -> bool:
    """Whether ``key`` (a cited name's text key) lies within the given name of the person the entry
    opens with ("kenton" of "Kenton Lee, Luheng He ...")."""
    if not ref.authors or ref.corporate or not ref.given or not ref.given[0] or ref.given[0].isupper():
        return False  # (a name in capitals is an ABNT surname read as a given name: "RASSI JUNIOR, A.")
    given = _text_key(ref.given[0])
    return bool(given) and len(key) <= len(given) and _text_key(ref.text).startswith(given)


def _linked(cit: Citation, ref: Reference) -> None:
    cit.status = LinkStatus.LINKED
    cit.references = (ref.id,)
    if not ref.authors or ref.corporate or not cit.authors:
        return
    cited, listed = cit.authors[0], ref.authors[0]
    if cited.casefold() == listed.casefold() and (cited.isupper() or listed.isupper()):
        return  # "(SILVA, 2010)" for "Silva, M." or "Silva (2010)" for "SILVA, M.": ABNT's capitals
    if cited[1:] == listed[1:] and (
        cited.split()[0].casefold() in PARTICLES or cited[:3].casefold() in ("al-", "el-", "al\u2011")
    ):
        # "De Gaulle" at the start of an entry or a sentence, "de Gaulle" in a note or the prose; the
        # Arabic article likewise, "Al-Farsi" and "al-Farsi"
        return
    if cited.replace("\u2019", "'") != listed.replace("\u2019", "'") and fold(cited) == fold(listed):
        cit.detail = "accents-or-case"
        cit.suggestion = listed


def _closest_year(year: str | None, refs: list[Reference]) -> Reference:
    def distance(r: Reference) -> tuple[int, str]:
        try:
            return (abs(int((year or "0")[:4]) - int((r.year or "0")[:4])), r.year or "")
        except ValueError:
            return (9999, r.year or "")

    return min(refs, key=distance)


def _cited_names(cit: Citation, first: str | None = None, listed: list[str] | None = None) -> str:
    """The names cited, written as cited ("X et al.", "X and Y", "X, Y, Z"), with ``first`` for the
    first one, or the entry's names (``listed``) at their places."""
    names = [first or cit.authors[0], *cit.authors[1:]]
    if listed:
        names = [first or cit.authors[0], *(listed[k] for k in range(1, len(cit.authors)))]
    if cit.et_al:
        return f"{names[0]} et al."
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names)
