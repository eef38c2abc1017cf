"""The reference list: find it (with or without a heading), split it into entries, parse each entry.

An entry is parsed into authors (personal "Rodríguez, Angel Villalobos", "Smith, J., Jones, K. and
Lee, M.", "Avery SV, Longo D", or corporate "Center for Economic and Social Development"), year
(with a/b suffix, n.d.), title, URLs, DOI and access date.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

from refcheck._lazy import lazy_pattern
from refcheck.extract.lines import AtLineStart
from refcheck.extract.names import Names, shared_names
from refcheck.extract.notes import acronyms_of
from refcheck.extract.organisations import CORPORATE_WORDS, ORG_NOUNS
from refcheck.extract.patterns import (
    APOS,
    DASHES,
    LETTER,
    MONTHS,
    REPRINT,
    UPPER,
    YEAR,
    YEAR_TOKEN,
)
from refcheck.extract.urls import find_doi, find_urls, may_hold_urls, parse_access_date
from refcheck.matching.names import DROP_SPACING_MARKS, PARTICLES
from refcheck.model import Document, Ranges, Reference

HEADING_WORDS = (
    r"references?(?:\s+list)?|bibliography|works\s+cited|literature(?:\s+cited)?|sources|reference\s+list"
    r"|cited\s+(?:works|literature|references)|references\s+and\s+notes|bibliographie|literatur|referencias|bibliografía"
    # more English, and the headings of other languages' reference lists (never "further reading",
    # "selected bibliography" or "works consulted": lists of works the text need not cite)
    r"|notes\s+and\s+references|references\s+cited|bibliographical\s+references|list\s+of\s+references"
    r"|références(?:\s+bibliographiques)?|referencias\s+bibliográficas|bibliografía\s+citada|obras\s+citadas"
    r"|referências(?:\s+bibliográficas)?|bibliografia|riferimenti(?:\s+bibliografici)?"
    r"|literaturverzeichnis|quellen(?:verzeichnis)?|literatuur(?:lijst)?|bibliografie|referenties"
    r"|litteratur(?:liste)?|referenser|referanser|lähteet|literatura|piśmiennictwo|kaynakça|kaynaklar"
    r"|список\s+литературы|литература|библиография"
    # Czech and Slovak theses: "Použitá literatura", "Seznam použité literatury", "Zoznam použitej literatúry"
    r"|(?:použitá|citovaná)\s+literat[uú]ra|(?:seznam|zoznam)\s+(?:(?:použité|použitej|citované|citovanej)\s+)?literat[uú]ry"
    # Japanese, Chinese (simplified, traditional) and Korean
    r"|参考文献|引用文献|參考文獻|参考书目|참고\s?문헌"
)
# "7. References", "VII. REFERENCES", "A. References"; a section's number, "9.0 References", "5.7. References"
HEADING_NUMBER = r"(?:(?:\d+(?:\.\d+){0,3}\.?|[IVXLC]{1,6}\.|[A-Z]\.)[ \t]+)"
_HEADING = re.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]*)?{HEADING_NUMBER}?(?:\*\*|__)?(?:{HEADING_WORDS})(?:\*\*|__)?[ \t]*:?[ \t]*#*[ \t]*$",
    re.I | re.M,
)
_ANY_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
# A Markdown thematic break ("---", "* * *") after a blank line: what follows it is another part (a
# blog post's sign-off after its reference list), not more entries
_THEMATIC_BREAK = re.compile(r"\n[ \t]*\n {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
# A heading that ends the reference list and starts a list of works the text need not cite: what it
# lists is neither entries nor prose
_FURTHER_READING = re.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]*)?{HEADING_NUMBER}?(?:\*\*|__)?(?:(?:further|additional|suggested|recommended)"
    r"\s+reading|selected\s+bibliography|works\s+consulted)(?:\*\*|__)?[ \t]*:?[ \t]*#*[ \t]*$",
    re.I | re.M,
)
# A notes section after the list ("Notes", "Endnotes" alone on their line): the list ends there, and
# the notes are prose (their citations are checked)
_NOTES_HEADING = re.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]*)?{HEADING_NUMBER}?(?:\*\*|__)?(?:notes|endnotes|footnotes)(?:\*\*|__)?[ \t]*:?[ \t]*$",
    re.I | re.M,
)
# (the expressions above that match at line starts, tried there only: each search of a long text
# in a fourth of the time; AtLineStart)
_HEADING_LINES = AtLineStart(_HEADING)
_NOTES_HEADING_LINES = AtLineStart(_NOTES_HEADING)
_FURTHER_READING_LINES = AtLineStart(_FURTHER_READING)


def further_reading_heading(text: str) -> re.Match[str] | None:
    """The first "Further reading" ("Suggested reading", "Selected bibliography", "Works consulted")
    heading of the text."""
    return _FURTHER_READING_LINES.search(text)


# "[1] ", "1. ", "2) ", and a superscript number opening a list item ("* <sup>1</sup>[Wilson G ...](url)",
# as Markdown written for GitHub numbers its notes)
_LABEL = re.compile(
    r"^[ \t\f]*(?:\[(\d{1,4})\]|(\d{1,4})[.)])[ \t]+|^[ \t]*(?:[*+-][ \t]+)?<sup>(\d{1,4})</sup>[ \t]*"
)
_BULLET = re.compile(r"^[ \t]*[-*+\u2022][ \t]+")


# What the first character after spaces and tabs must be for ``_LABEL`` ("[", a digit, a bullet
# before "<sup>", "<") and for ``_BULLET`` to match: most lines and entries are told by it alone, a
# string test instead of a call of the expression (a few thousand a long list, each several times
# the test's cost). tests/test_perf16.py compares both readings.
_LABEL_OPENERS = frozenset("[*+-<")
_BULLET_OPENERS = frozenset("-*+\u2022")


def _first_mark(s: str) -> str:
    """The first character of ``s`` after spaces and tabs, and a PDF's page break ("" for none)."""
    c = s[:1]
    return s.lstrip(" \t\f")[:1] if c == " " or c == "\t" or c == "\f" else c


def _label_at(s: str) -> re.Match[str] | None:
    """``_LABEL.match(s)``, the expression tried only where its first character may begin a label."""
    c = _first_mark(s)
    return _LABEL.match(s) if c in _LABEL_OPENERS or c.isdecimal() else None


def _bullet_at(s: str) -> re.Match[str] | None:
    """``_BULLET.match(s)``, tried only where a bullet stands first."""
    return _BULLET.match(s) if _first_mark(s) in _BULLET_OPENERS else None


# a number in scientific notation ("1.72e+07"), whose "e" is no name's letter
_E_NUMBER = re.compile(r"\d[\d.]*[eE][+-]?\d+")
# an alphabetic label opening an entry, as BibTeX's alpha style prints one ("[Knu84] D. E. Knuth ...")
# and Markdown written for GitHub labels a list ("* <sup>cc2nd04</sup>[Code Complete ...](url)"): a
# letter first, no space; not a link's text ("[NumPy](url)", "[NumPy][np]") nor a definition's label
_KEY_LABEL = re.compile(
    r"^[ \t]*(?:[-*+\u2022][ \t]+)?(?:\[([A-Za-z][\w+:./-]{0,30})\](?![(\[:])|<sup>([A-Za-z][\w+:./-]{0,30})</sup>)"
    r"[ \t]*"
)
_PAREN_YEAR = re.compile(rf"\(\s*({YEAR_TOKEN})(?:\s*,[^()]{{0,25}})?\s*\)", re.I)
# (a year begins with "1" or "2": the look-ahead lets a search skip to those, where the look-behind
# first made it try every offset; the same matches)
_BARE_YEAR = re.compile(rf"(?=[12])(?<![\d/.\-])({YEAR}[a-z]?)(?![\d/])")
_ND = re.compile(r"\b(n\.\s?d\.|no\s+date|forthcoming|in press|in preparation|under review)", re.I)
_NO_DATE = re.compile(r"(?<![\w.])\(?n\.\s?d\.", re.I)  # (what looks_like_entry takes for a year)
_INITIALS = re.compile(rf"^(?:{UPPER}\.?[{DASHES}]?){{1,4}}\.?$")
_GIVEN_WORD = re.compile(rf"^(?:{UPPER}{LETTER}*\.?|{UPPER}\.?(?:[{DASHES}]{UPPER}\.?)*)$")
_ET_AL = re.compile(r",?\s*\bet\.?\s*al\b\.?|,?\s*\.\.\.\s*$", re.I)
_TRAILING_AND = re.compile(r",?\s+and\s*$")
_AND_OTHERS = re.compile(r",?\s+and others$")  # BibTeX's "and others" as printed by ACL's style
_TERMINAL = re.compile(r"""[.!?"”’)\]>]\s*$|https?://\S+\s*$|\d\s*$""")
_LOWER_START = re.compile(r"^\s*[a-z(]")


def _label(m: re.Match[str]) -> str:
    """The number of a ``_LABEL`` match, whichever way it is written ("[1]", "1.", "<sup>1</sup>")."""
    return m.group(1) or m.group(2) or m.group(3)


@dataclass
class Region:
    start: int
    end: int
    heading: bool


def find_reference_region(doc: Document) -> Region | None:
    """The reference list: after the last reference heading, or else the trailing run of entries."""
    text = doc.text
    headings = [m for m in _headings(text) if not _excluded(doc, m.start()) and not _in_cell(doc, m)]
    for k in range(len(headings) - 1, -1, -1):
        region = _after_heading(doc, headings[k])
        notes = doc.notes_region
        if k and notes and region.start <= notes[0] and not text[region.start : notes[0]].strip():
            # "# References" over the footnotes alone (their definitions are the notes, not the list):
            # the list is under an earlier heading ("# Bibliography")
            continue
        if _body_section(text, headings[k], region):
            continue
        return region
    return _trailing_entries(doc) or _entries_before_back_matter(doc)


# a numbered section's heading ("2.6 Bibliography", "## 3. Tables"), its number
_SECTION_NUMBER = re.compile(r"[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?(\d{1,3}(?:\.\d{1,3}){0,3})\.?[ \t]+\S")


def _body_section(text: str, m: re.Match[str], region: Region) -> bool:
    """Whether the numbered section under the reference heading ``m`` ("2.6 Bibliography") is one of
    the body's, not the reference list: the next section goes on with the numbering ("2.7 Tables")
    and none of its lines looks like an entry (a guide's paragraphs on how to cite with \\cite and
    BibTeX, which may name a work and a year)."""
    number = _SECTION_NUMBER.match(m.group(0))
    if number is None or region.end >= len(text):
        return False
    after = _SECTION_NUMBER.match(text, region.end)
    if after is None or not _numbered_after(number.group(1), after.group(1)):
        return False
    # (each paragraph as one line: a hard-wrapped sentence's line may open with "Lamport (1994).")
    paras = [" ".join(text[a:b].split()) for a, b in _paragraphs(text, region.start, region.end)]
    paras = [p for p in paras if p]
    return bool(paras) and not any(looks_like_entry(p) or _label_at(p) or _bullet_at(p) for p in paras)


def _numbered_after(first: str, then: str) -> bool:
    """Whether the section number ``then`` may follow ``first``: "2.6" then "2.7", "3" or "3.1"; "4" then "5"."""
    a = [int(n) for n in first.split(".")]
    b = [int(n) for n in then.split(".")]
    return any(a[:d] == b[:d] and b[d] == a[d] + 1 for d in range(min(len(a), len(b))))


def _entries_before_back_matter(doc: Document) -> Region | None:
    """With no heading, and no entries at the end: the run of entries that back matter follows (a
    brief's unheaded list, then "Appendix A. Survey instrument", "Acknowledgements" or "Notes" and
    their prose), ending where the back matter begins; the last three such headings are tried."""
    text = doc.text
    cuts = [m.start() for m in _NOTES_HEADING_LINES.finditer(text)]
    pos = 0
    while (m := _back_matter(text, pos)) is not None:
        cuts.append(m.start())
        pos = m.end()
    for cut in sorted({c for c in cuts if not _excluded(doc, c)}, reverse=True)[:3]:
        region = _trailing_entries(doc, cut)
        if region is None:
            continue
        # and the text before cites one of them by name and year ("(Bayramov 2008)" before "Bayramov,
        # Vugar (2008) ..."): prose paragraphs that open with a citation ("Smith (2010) found that
        # ...") before the acknowledgements are no list
        heads = [ln for ln in text[region.start : region.end].split("\n") if ln.strip()][:20]
        if any(_cited_before(text, region.start, ln) for ln in heads):
            return region
    return None


def _after_heading(doc: Document, m: re.Match[str]) -> Region:
    """The reference list under the heading ``m``."""
    text = doc.text
    start = m.end() + 1 if m.end() < len(text) else m.end()
    end = len(text)
    # In Markdown the list ends at the next heading (but for the subheadings that part it: below);
    # elsewhere at a back-matter heading ("Appendix A: Survey instrument", "Acknowledgements") after it.
    nxt = _next_section(text, start, m) if doc.format == "markdown" else _back_matter(text, start)
    if nxt:
        end = nxt.start()
    if doc.headings and doc.format != "markdown":
        # a heading of the markup (a DOCX "Heading 2"): the list ends at the next of its level or
        # higher ("About the author", "Glossary" after "Sources"), a lower one parting it
        level = next((lv for at, lv in doc.headings if at == m.start()), None)
        if level is not None:
            k = bisect.bisect_right(doc.headings, (start, 10))
            after = next((at for at, lv in doc.headings[k:] if lv <= level), None)
            if after is not None and after < end:
                end = after
    if doc.format == "markdown":
        rule = next(
            (b for b in _THEMATIC_BREAK.finditer(text, start, end) if text[start : b.start()].strip()),
            None,
        )
        if rule:
            end = rule.start() + 1
    if doc.table_cells and not _in_cell_at(doc, m.start()):
        # a list under a heading of the text ends where a table begins (the tables a manuscript puts
        # after its references)
        k = bisect.bisect_left(doc.table_cells, (start, start))
        if k < len(doc.table_cells) and doc.table_cells[k][0] < end:
            end = doc.table_cells[k][0]
    notes = _NOTES_HEADING_LINES.search(text, start, end)
    if notes:
        end = notes.start()
    further = _FURTHER_READING_LINES.search(text, start, end)
    if further:  # up to the back matter or the next heading, if one follows
        doc.excluded = [*doc.excluded, (further.start(), end)]
        end = further.start()
    # Footnote definitions the loader found after the list belong to the notes, not the list
    # (plain-text "[n] text" lines are sorted out by the pipeline: they may be the list itself).
    if doc.footnotes is not None and doc.notes_region and doc.notes_region[0] > start:
        end = min(end, doc.notes_region[0])
    figures = _figure_pages(text, start, end)
    if figures is not None:
        end = figures
    return Region(start, end, True)


# a figure's or a table's caption at a line's start: "Figure 3", "Table 1. Change in ...", "Fig. 2:"
_CAPTION = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?:(?:appendix|supplementary|online)[ \t]+)?(?:figure|fig\.|table|exhibit|chart)"
    r"[ \t]+[A-Z]?\d{1,3}[a-z]?\b[^\n]{0,160}$",
    re.I | re.M,
)
_CAPTION_LINES = AtLineStart(_CAPTION)
# the lines under a figure or a table that may name a work without being an entry
_FIGURE_NOTE = re.compile(r"[ \t]*(?:\*\*|__)?(?:notes?|sources?|data)\b[ \t]*[:.]", re.I)


def _figure_pages(text: str, start: int, end: int) -> int | None:
    """Where the figure and table pages after a list begin, with no heading over them (a paper turned
    from PDF into text): at a caption ("Figure 1", "Table 1. Change in ...") that opens a block of its
    own (after a blank line), after the list's last line that looks like an entry and with none after
    it; what follows is axis labels, numbers and a table's cells, no entries. A caption some entries
    follow ends nothing (a hand-wrapped entry's line may open with "Table 2"), nor one before any entry."""
    first = _CAPTION_LINES.search(text, start, end)
    if first is None:
        return None
    # the list's last line that looks like an entry (the search stops at once in a list that ends
    # with one), but for a figure's "Notes: Data from Smith (2010) ..."
    pos = end
    while pos > start:
        at = max(text.rfind("\n", start, pos - 1) + 1, start)
        line = text[at:pos]
        if line.strip() and looks_like_entry(line) and not _FIGURE_NOTE.match(line):
            return _first_caption_block(text, at, end)
        pos = at
    return None


def _first_caption_block(text: str, after: int, end: int) -> int | None:
    """The start of the first caption after ``after`` that follows a blank line."""
    for m in _CAPTION_LINES.finditer(text, after, end):
        at = m.start()
        before = text.rfind("\n", 0, max(at - 1, 0))
        if at > after and not text[before + 1 : at - 1].strip():
            return at
    return None


# the title of a part of a reference list: the kind of works it lists
_KIND_OF_WORKS = re.compile(
    r"\b(?:sources?|works|books|articles|archives?|primary|secondary|literature|references|bibliograph\w*"
    r"|reports|documents|papers|materials|newspapers|periodicals|legislation|statutes|cases|standards)\b",
    re.I,
)


def _next_section(text: str, start: int, m: re.Match[str]) -> re.Match[str] | None:
    """The Markdown heading after the reference heading ``m`` that ends its list: the next heading,
    unless it is a subheading (deeper than ``m``, "## Bibliography" then "### Primary sources" and
    "### Secondary sources", "### EU AI Act Sources") whose part opens with an entry or a list's
    item: the list goes on under it. A subheading of the back matter ("### Appendix A") or over prose ends the list."""
    level = len(m.group(0).lstrip(" \t")) - len(m.group(0).lstrip(" \t").lstrip("#"))
    for h in _ANY_HEADING.finditer(text, start):
        line_end = text.find("\n", h.start())
        line_end = len(text) if line_end < 0 else line_end
        depth = len(text[h.start() : line_end]) - len(text[h.start() : line_end].lstrip("#"))
        if not level or depth <= level:
            return h
        title = text[h.start() : line_end].strip("# \t")
        if _BACK_MATTER.match(title):
            return h
        following = next((ln for ln in text[line_end + 1 : line_end + 2000].split("\n") if ln.strip()), "")
        if _ANY_HEADING.match(following):
            continue  # a subheading over subheadings ("### Archives" then "#### Paris"): the next one says
        if not (looks_like_entry(following) or _BULLET.match(following) or _KIND_OF_WORKS.search(title)):
            # (an entry, an item of a list, "- Emerald AI. Conductor. [Link](...)", or a kind of
            # works: "## Primary Sources:" over "“Brumaire: Bonaparte's Justification,” ...")
            return h
    return None


# a heading of what follows a reference list: appendices, supplementary material, statements
_BACK_MATTER = re.compile(
    r"^[ \t]*(?:(?:[A-Z]|\d{1,2})[.)]?[ \t]+)?(?:\*\*|__)?"
    r"(?:appendix|appendices|annex(?:es)?|supplementary\s+(?:materials?|information|data|figures|tables)"
    r"|supporting\s+information|acknowledge?ments?|author\s+contributions?|funding(?:\s+statement)?"
    r"|conflicts?\s+of\s+interests?|competing\s+interests?|data\s+availability(?:\s+statement)?"
    r"|figure\s+(?:legends|captions)|tables\s+and\s+figures|tables?|figures?"
    # a thesis's list of its author's own publications after the references
    r"|(?:list\s+of\s+)?publications\s+(?:of|by)\s+the\s+(?:author|candidate)|(?:the\s+)?author[’']s\s+publications"
    r"|publikace\s+autora|publikácie\s+autora|seznam\s+publikací|zoznam\s+publikácií)\b([^\n]{0,80})$",
    re.I | re.M,
)
_BACK_MATTER_LINES = AtLineStart(_BACK_MATTER)
_A_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _back_matter(text: str, start: int) -> re.Match[str] | None:
    """The first back-matter heading after ``start``: a short line with no year (an entry has one)
    that opens with a capital ("tables. Working paper no. ESA/P/WP.227." is a wrapped entry's line)."""
    for m in _BACK_MATTER_LINES.finditer(text, start):
        head = m.group(0).lstrip(" \t*_")
        if not _A_YEAR.search(m.group(0)) and not head[:1].islower():
            return m
    return None


def _headings(text: str) -> list[re.Match[str]]:
    """The matches of ``_HEADING`` in the text, as ``finditer`` gives them (tried only where a line
    starts, where its "^" lets it match: ``AtLineStart``)."""
    return list(_HEADING_LINES.finditer(text))


def _excluded(doc: Document, offset: int) -> bool:
    return any(a <= offset < b for a, b in doc.excluded)


def _in_cell_at(doc: Document, offset: int) -> bool:
    return any(a <= offset < b for a, b in doc.table_cells)


def _in_cell(doc: Document, m: re.Match[str]) -> bool:
    """Whether the heading ``m`` is all its table cell holds: a "References" there labels a row of a
    checklist or a form, not the reference list (a page laid out in a table has the list in the
    heading's cell)."""
    text = doc.text
    return any(a <= m.start() < b and not text[m.end() : b].strip() for a, b in doc.table_cells)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in _PARAGRAPH.finditer(text[start:end]):
        out.append((start + m.start(), start + m.end()))
    return out


# Lower-case words an author list may hold: particles, conjunctions, "et al.", corporate function words.
_NAME_GLUE = frozenset(
    [
        "of",
        "for",
        "on",
        "and",
        "the",
        "de",
        "des",
        "du",
        "in",
        "la",
        "le",
        "y",
        "e",
        "to",
        "at",
        "et",
        "al",
        "al.",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "da",
        "di",
        "del",
        "della",
        "dos",
        "das",
        "ed",
        "ed.",
        "eds",
        "eds.",
        "and/or",
    ]
)


# a year between full stops after the names, ACM's and Chicago's "Magne Jorgensen. 2004. A review ..."
_ACM_YEAR = re.compile(rf"(?<=\. )({YEAR}[a-z]?)(?=\.\s)")


def looks_like_entry(line: str) -> bool:
    """An author-date entry: a name (or label) first, a year within the first 200 characters."""
    line = _BULLET.sub("", line)
    if _LABEL.match(line):
        return True
    head = line[:220]
    paren = _PAREN_YEAR.search(head)
    if _names_year(head, paren or _BARE_YEAR.search(head)):
        return True
    if paren is None:
        return False
    # ACM's "Magne Jorgensen. 2004. A review of ... Software 70, 1 (2004), 37–60.": the year after the
    # names stands between full stops, the bracketed one is the journal's, after the title; names only
    # before it (no lower-case word but "and", "van", "de" ...: "It grew fast. 2010. Then ..." is prose)
    bare = _ACM_YEAR.search(head, 0, paren.start())
    if bare is None or any(
        w[:1].islower() and w.strip(",.;:").lower() not in _NAME_GLUE for w in head[: bare.start()].split()
    ):
        return False
    return _names_year(head, bare)


def _names_year(head: str, m: re.Match[str] | None) -> bool:
    """Whether ``m``, a year in the line's ``head``, follows what may be an entry's names."""
    # "Winter, Bodo, and Mark Dingemanse. n.d. “Trilled /r/ ...”": the entry's year is "no date"
    # (before any year later in it: "n.d. ... Accessed 2020")
    nd = _NO_DATE.search(head, 0, m.start() if m else len(head))
    m = nd or m
    if not m or m.start() < 2:
        return False
    authors = head[: m.start()]
    if not _NAME_START.match(authors):
        return False
    if not any(ch.isalpha() for ch in _E_NUMBER.sub("", authors)):
        return False  # "1.72e+07\t2003.2497": a row of numbers (a data file), no name before the year
    if _HTTP.search(authors):
        return False
    if authors.count("(") > authors.count(")"):
        return False  # "... trade (Millán 2001)": the year closes a citation, not an author list
    words = authors.split()
    prose = [w for w in words if w[:1].islower() and w.strip(",.;:").lower() not in _NAME_GLUE]
    if len(prose) > 2:
        return False  # "Diplomacy matters and so does trade ...": a sentence, not an author list
    if head.startswith("(", m.start()) and _VERB_AFTER.match(head, m.end()) and _BARE_NAMES.match(authors):
        return False  # "Smith (2010) found that ...": a sentence opening with a narrative citation
    return 1 <= len(words) <= 60


# a narrative citation's names, with no initials, given names or comma ("Smith", "Smith and Jones",
# "Smith et al."), and the lower-case word a sentence goes on with after its year ("found", "argues")
_BARE_NAMES = re.compile(
    rf"^\s*{UPPER}{LETTER}+(?:[{DASHES}]{UPPER}{LETTER}+)?(?:\s+(?:and|&)\s+{UPPER}{LETTER}+|\s+et\s+al\.?)?\s*$"
)
_VERB_AFTER = re.compile(r"\s+[a-z]{2,}\b(?![-'\u2019])")


def _trailing_entries(doc: Document, stop: int | None = None) -> Region | None:
    """With no heading: the run of paragraphs at the end of the document (or before ``stop``) that
    look like entries."""
    text = doc.text
    stop = len(text) if stop is None else stop
    paras = _paragraphs(text, 0, stop)
    notes = doc.notes_region
    first: int | None = None
    count = 0
    above: tuple[int, int] | None = None  # the paragraph the run stopped at
    hidden = Ranges(doc.excluded) if doc.excluded else None
    for a, b in reversed(paras):
        above = (a, b)
        if notes and notes[0] <= a < notes[1]:
            if first is None:
                continue
            break
        if notes and a < notes[0] < b:
            # notes a loader wrote right after the body (a DOCX's, with no blank line between):
            # the entries end where they start
            b = notes[0]
        lines = text[a:b].split("\n")
        body = [ln for ln in lines if ln.strip()]
        if hidden is not None:
            # lines in a comment, code or R's printed output are no entries ("[1] LC_COLLATE=English_New
            # Zealand.utf8 ..." of a session info under "locale:"): what is left of the paragraph is read
            kept, at = [], a
            for ln in lines:
                if not hidden(at + len(ln) - len(ln.lstrip())):
                    kept.append(ln)
                at += len(ln) + 1
            if len(kept) < len(lines):
                body = [ln for ln in kept if ln.strip()]
                if not body:
                    if first is None:
                        continue  # (after the list: a blog's "<!--- Publish: yes --->" metadata)
                    break
        if first is not None and body and all(_page_furniture(ln) for ln in body):
            continue  # a page's running head or number inside the list (pdftotext): read past it
        if (
            len(body) > 1
            and max(len(ln) for ln in body) > 150
            and not all(looks_like_entry(ln) for ln in body)
        ):
            # one paragraph a line, nothing wrapped (HTML, a word processor's text): the paragraph is
            # the whole document, and the entries are only its trailing lines that look like entries
            run = _trailing_lines(text, a, b)
            if run is None:
                break
            first, count = run[0], count + run[1]
            if run[0] > a:
                break
            continue
        entryish = sum(1 for ln in body if looks_like_entry(ln))
        dated = [ln for ln in body if _dated_at_end(ln)] if entryish else []
        if dated and len(dated) * 2 > entryish and not any(_cited_before(text, a, ln) for ln in dated[:20]):
            # a CV's list ("Reviewer, Ecology Letters (2019–present)"), no entries: no list; unless the
            # text cites its items by name and year ("Lee 2018" of "- Lee K. Pheromones, Insectes
            # Sociaux (2018)"), entries that give their year last
            break
        if entryish == 0 and len(body) > 1 and _names_then_year(text, a, b):
            entryish = 1  # an entry wrapped over the paragraph's lines, its year on a later one
        if entryish == 0 or (_LABEL.match(lines[0]) and not looks_like_entry(_LABEL.sub("", lines[0]))):
            break
        if len(text[a:b]) > 3000 and entryish < 2:
            break
        first = a
        count += entryish
        above = None
    if first is None or count < 2:
        return None
    if above is not None and _section_list(text, above, first, stop):
        return None
    end = notes[0] if notes and first < notes[0] < stop else stop
    return Region(first, end, False)


# a Markdown heading of one line ("## Offene Punkte", "### Next steps")
_MD_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+\S[^\n]*\n?")


def _section_list(text: str, above: tuple[int, int], first: int, stop: int) -> bool:
    """Whether the run of entries from ``first`` is a bulleted list of a section's own under its
    Markdown heading (not a reference heading: that would have been found), some of whose items are
    no entries and none of whose entries the text before cites by name and year: a research note's
    last section, "## Offene Punkte", a to-do list naming works and years ("- Brayne 2017 PMC-PDF:
    hinter Recaptcha"). A list under a heading refcheck does not know that the text cites is kept."""
    a, b = above
    if _MD_HEADING.fullmatch(text, a, b) is None or text[b:first].strip():
        return False
    items: list[str] = []
    for line in text[first:stop].split("\n"):
        if _BULLET.match(line):
            items.append(line)
        elif line.strip() and not items:
            return False  # (no bulleted list)
    if len(items) < 2 or all(looks_like_entry(ln) for ln in items):
        return False
    return not any(_cited_before(text, first, ln) for ln in items[:20] if looks_like_entry(ln))


def _cited_before(text: str, end: int, line: str) -> bool:
    """Whether text[:end] names the first word of a list's item and the year it ends with within a
    phrase, as an author-date citation of it does ("Smith and Jones 2019", "Smith et al. (2019)")."""
    m = re.match(r"[ \t]*(?:[-*+\u2022][ \t]+)?([^\W\d_][\w'\u2019-]*)", line)
    years = re.findall(r"\b(?:1[6-9]|20)\d\d\b", line)
    if m is None or not years or len(m.group(1)) < 2:
        return False
    cited = re.compile(rf"\b{re.escape(m.group(1))}\b[^()\n;]{{0,60}}?\(?{years[-1]}\b")
    return cited.search(text, 0, end) is not None


def _dated_at_end(line: str) -> bool:
    """A line of a CV or a record of activities, dated at its end and by nothing else: "Reviewer for
    Ecology Letters (2019–present)", "Organizer, Seminar Series (2018–2020)", "Keynote, Western
    Forest Conference, Portland (2020)". An entry gives its year after the names ("Smith, J. (2021).
    Title"), or after numbers at its end ("Nature 521, 436–444 (2015)."), or unbracketed (MLA's
    "Penguin, 2019."), or after its names' full stop ("Samelson LE. (2002)" ending a wrapped line).
    An item of a list only."""
    m = re.search(
        rf"\((?:1[6-9]|20)\d\d(?:[ \t]*[{DASHES}][ \t]*(?:(?:1[6-9]|20)\d\d|[Pp]resent|[Nn]ow|[Tt]oday)?)?\)[ \t]*\.?[ \t]*$",
        line,
    )
    if m is None or not _BULLET.match(line):
        return False  # (a list's item: a wrapped entry's first line may end with its year)
    before = line[: m.start()].rstrip()
    return not before.endswith(".") and not any(ch.isdigit() for ch in before)


def _trailing_lines(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The start of the run of lines at the end of text[a:b] that look like entries, and their count."""
    start: int | None = None
    count = 0
    pos = b
    for line in reversed(text[a:b].split("\n")):
        at = pos - len(line)
        pos = at - 1
        if not line.strip():
            continue
        if not looks_like_entry(line) or (_LABEL.match(line) and not looks_like_entry(_LABEL.sub("", line))):
            break
        start, count = at, count + 1
    return (start, count) if start is not None else None


def split_entries(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each entry in the region: one per line or per paragraph, wrapped lines joined.

    Numbered lists start an entry at each label, bulleted lists at each bullet. Otherwise, when blank
    lines separate the entries, each paragraph is an entry (split again where a line that looks like
    an entry follows a finished one); when they do not, each line is an entry unless it continues an
    unfinished line and does not itself look like an entry.
    """
    lines: list[tuple[int, int]] = []
    # (the lines' texts kept beside their spans: each test below reads them, and a slice of the
    # text for each was a copy each time)
    raws = text[start:end].split("\n")
    pos = start
    for raw in raws:
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    filled = [bool(raw.strip()) for raw in raws]
    nonblank = list(itertools.compress(lines, filled))
    if not nonblank:
        return []
    nonblank_raws = list(itertools.compress(raws, filled))
    labels = [int(_label(m)) for raw in nonblank_raws if (m := _label_at(raw))]
    numbered = len(labels) > len(nonblank) / 2
    # wrapped numbered entries: fewer lines than half carry a label, but the labels count 1, 2, 3 ...
    # (then only the next number starts an entry: "accessed May 19,\n2013." continues one)
    # (a list that opens with a label: not one whose first lines are entries without, followed by
    # numbered lists of other works, as a thesis's "Publications of the author" after its EndNote list)
    in_sequence = not numbered and counts_on(labels) and _label_at(nonblank_raws[0]) is not None
    numbered = numbered or in_sequence
    number = labels[0] - 1 if in_sequence else 0
    bulleted = sum(1 for raw in nonblank_raws if _bullet_at(raw)) > len(nonblank) / 2
    # a list labelled by keys, "[Knu84] D. E. Knuth ...": an entry starts at each label only
    keyed = not (numbered or bulleted) and _opens_with_keys(text, nonblank)
    first_line = filled.index(True)
    last_line = len(filled) - 1 - filled[::-1].index(True)
    blanks = (last_line - first_line + 1) - len(nonblank)  # blank lines between entries only
    paragraph_mode = blanks >= (len(nonblank) - 1) * 0.6
    # One entry per line: when most lines are entries by themselves
    # (or lines run far past any wrapping width, so nothing was wrapped), every line starts one.
    width = max(b - a for a, b in nonblank)
    unwrapped = width > 150
    furniture = _holds_page_furniture(nonblank_raws)
    # hard-wrapped entries (a plain-text draft, pdftotext, e-mail), with or without blank lines
    # between them: a line starts an entry only after a finished one, and only when it looks like
    # one with the line after it (the year of a long author list is often there), so that
    # "Bunnell, SC, ..., Barr, VA,\nSamelson, LE (2002)" stays one entry
    wrapped = not (paragraph_mode or unwrapped or numbered or bulleted or keyed) and (
        _hard_wrapped(nonblank_raws, width) or _wrapped_blocks(text, lines, filled, end)
    )
    # (the lines that look like entries are counted only when the count decides: a line that neither
    # follows a finished entry nor looks like one, nor starts in lower case; None until then)
    per_line: bool | None = True if unwrapped else None
    entries: list[list[int]] = []
    open_entry = False
    for (a, b), line, full in zip(lines, raws, filled, strict=True):
        if not full or (line[:1] == "#" and _ANY_HEADING.match(line)):
            open_entry = False  # (a Markdown subheading parting the list: "### Secondary sources")
            continue
        if furniture and _page_furniture(line):
            continue  # a page's running head or number between pages of the list (pdftotext)
        if not open_entry:
            new = True
        elif wrapped:
            # (not after a line that ends in an initial: "..., and G.\nDos Reis. 2008." is one name)
            new = (
                _finished(text, entries[-1][0], entries[-1][1])
                and not _INITIAL_END.search(text, max(entries[-1][0], a - 8), a)
                and _names_then_year(text, a, end)
            )
        elif numbered:
            label = _label_at(line)
            new = label is not None and (not in_sequence or int(_label(label)) == number + 1)
        elif bulleted:
            new = bool(_bullet_at(line))
        elif keyed:
            new = bool(_KEY_LABEL.match(line))
        else:
            finished = _finished(text, entries[-1][0], entries[-1][1])
            if paragraph_mode:
                new = finished and not _LOWER_START.match(line) and looks_like_entry(line)
            else:
                new = finished or looks_like_entry(line)
                if not new and not _LOWER_START.match(line):
                    if per_line is None:
                        per_line = _at_least(0.7 * len(nonblank), nonblank, text)
                    new = per_line
        if new:
            entries.append([a, b])
            if in_sequence and (label := _label_at(line)):
                number = int(_label(label))
        else:
            entries[-1][1] = b
        open_entry = True
    out = []
    for a, b in entries:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        out.extend(split_glued(text, a + lead, a + trail))
    return out


# A page's furniture in text a PDF was turned into: a form feed, "12", "page 9", "- 9 -", "9 of 12" (a
# bare number of up to three digits: "2013" on its own is a wrapped entry's year), or a
# running head that ends in its page number ("Policy Brief No. 12 — Diaspora Diplomacy     page 9")
_PAGE_FURNITURE = re.compile(
    r"^\s*(?:\f.*|(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:of|/)\s*\d{1,4}|.{0,80}?\S(?:\s{3,}|\s+[|•·]\s*)(?:page\s*)?\d{1,4})\s*$",
    re.I,
)


def _page_furniture(line: str) -> bool:
    """Whether ``line`` is a page's running head or number (``_PAGE_FURNITURE``), not text."""
    if "\f" in line:
        # (a page's first line; but "\f[8] Urvashi Narain ...": a numbered entry opening the page)
        return _LABEL.match(line[line.rfind("\f") + 1 :]) is None
    tail = line.rstrip()[-1:]  # (the expression runs only for a short line ending in a number)
    return (tail.isdecimal() or tail in "-–—") and len(line) <= 120 and bool(_PAGE_FURNITURE.match(line))


def _holds_page_furniture(lines: list[str]) -> bool:
    """Whether some line of a list is a page's number or running head."""
    return any(_page_furniture(line) for line in lines)


def _names_then_year(text: str, start: int, end: int) -> bool:
    """Whether the line at ``start`` of a hard-wrapped list opens an entry: names only, then a year,
    on this line or, while each line runs on as an author list does ("Tyedmers, J,"), on a later
    one; not a title, a journal and its volume ("AJNR Am J Neuroradiol 30: 1700-1703."), a URL."""
    head = text[start : start + 40]
    if not _NAME_START.match(head) or _INITIAL_START.match(head):  # (its "^" holds at a string's start only)
        return False  # "G., & Clare, S. (2003)": the rest of a name broken after "Nunes, R."
    words = 0
    pos = start
    for _ in range(40):  # (an author list of a thousand names runs on further: left joined)
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        m = _PAREN_YEAR.search(text, pos, stop) or _BARE_YEAR.search(text, pos, stop)
        # "Orr, Scott. Forthcoming. “Within-Firm ...": no year yet, after the names' full stop
        nd = _NAMES_NO_DATE.search(text, pos, m.start() if m else stop)
        m = nd or m
        names = text[pos : m.start() if m else stop]
        if any(c.isdigit() or c in ":/;?!" for c in names):
            return False
        split = names.split()
        if m is not None and split and split[-1].strip(",.").lower() in _MONTH_WORDS:
            return False  # "Monthly Labor Review, January 2018: 1-33.": a journal's issue, no names
        words += len(split)
        if any(
            w[0].islower() and w.strip(",.;").lower() not in _NAME_GLUE and not _GLUED_PARTICLE.match(w)
            for w in split
        ):
            return False
        if m is not None:
            # "Europe 1914–1918: ...": a title's range
            return words > 0 and text[m.end() : m.end() + 1] not in DASHES
        if stop >= end or not (_RUNS_ON.search(names) or _YEAR_START.match(text, stop + 1, end)):
            return False  # the line ends as an entry does: no year (unless the next line opens with it)
        pos = stop + 1
        after = text.find("\n", pos, end)
        if not text[pos : end if after == -1 else after].strip():
            return False  # a blank line ends it
    return False


# A line of a wrapped author list that ends in a full stop runs on only after an initial ("J.") or
# "et al." (the year on the next line); one that ends in a letter or a comma runs on
_RUNS_ON = re.compile(rf"(?:[^\W\d]|,|&|\bet al\.|\b{UPPER}\.)\s*$")
# (an initial then a comma or "&": "J. A. Smith and B. Jones. 2004." opens an entry, in IEA's style)
_INITIAL_START = re.compile(rf"\s*(?:{UPPER}\.\s*(?:,|&|and\s|$)|&|and\s)")
_YEAR_START = re.compile(rf"[ \t]*\(?{YEAR}[a-z]?\b")
_NAMES_NO_DATE = re.compile(r"(?<=[^\W\d]\.)[ \t]+(?:n\.\s?d\.|[Ff]orthcoming\b|[Ii]n press\b)")
_INITIAL_END = re.compile(rf"(?<![^\W\d]){UPPER}\.\s*$")
_GLUED_PARTICLE = re.compile(rf"[a-z]{{1,4}}{UPPER}")  # "vanEngelsdorp"


def counts_on(labels: list[int]) -> bool:
    """Whether a list's labels count on, 1, 2, 3 ... (three or more, nearly every step one)."""
    steps = sum(1 for x, y in itertools.pairwise(labels) if y == x + 1)
    return len(labels) >= 3 and steps >= 0.8 * (len(labels) - 1)


def _wrapped_blocks(text: str, lines: list[tuple[int, int]], filled: list[bool], end: int) -> bool:
    """Whether blank lines part the list into blocks of several lines that each open as an entry
    does (names, then a year): entries wrapped, one per block, too few to tell by their widths."""
    firsts: list[int] = []
    sizes: list[int] = []
    open_block = False
    for (a, _), full in zip(lines, filled, strict=True):  # (``filled``: not white space alone)
        if not full:
            open_block = False
        elif open_block:
            sizes[-1] += 1
        else:
            firsts.append(a)
            sizes.append(1)
            open_block = True
    if len(firsts) < 2 or sum(1 for n in sizes if n > 1) < len(sizes) / 2:
        return False
    return sum(1 for a in firsts if _names_then_year(text, a, end)) >= 0.8 * len(firsts)


def _hard_wrapped(lines: list[str], width: int) -> bool:
    """Whether the lines were wrapped at a width: many of them end unfinished (``_finished``), and
    nearly all of those fill the width; an unwrapped list's unfinished lines (entries without a full
    stop) end anywhere."""
    unfinished = [len(line) for line in lines[:-1] if not _finished_line(line)]
    # (or, in a short list, most lines end within a long word of a wrapping width, as a tool breaks
    # them, and some end unfinished)
    if (
        len(lines) >= 4
        and 60 <= width <= 130
        and unfinished
        and sum(1 for line in lines if len(line) >= width - 12) >= 0.55 * len(lines)
    ):
        return True
    if len(unfinished) < max(3, len(lines) // 5):
        return False
    # (the width most lines keep within: a line or two a PDF's conversion joined across a break,
    # "... Technologies.” of 141 characters among lines of 78, are no wrapping width)
    lengths = sorted(len(line) for line in lines)
    width = min(width, lengths[(len(lengths) - 1) * 9 // 10])
    return sum(1 for n in unfinished if n >= 0.7 * width) >= 0.8 * len(unfinished)


_TERMINAL_CHARS = frozenset('.!?"”’)]>')


def _finished(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] ends like a finished entry (``_TERMINAL``): its last character but white space
    a closing mark or a digit, or a URL; the regular expression runs only for a URL (it tries every
    offset of the line)."""
    return _finished_line(text[a:b])


def _finished_line(raw: str) -> bool:
    """``_finished`` of a line's text."""
    line = raw.rstrip()
    if line and (line[-1] in _TERMINAL_CHARS or line[-1].isdecimal()):
        return True
    return "://" in line and bool(_TERMINAL.search(raw))


def _at_least(count: float, lines: list[tuple[int, int]], text: str) -> bool:
    """Whether ``count`` of the lines or more look like entries (the counting stops when they do)."""
    seen = 0
    for a, b in lines:
        if seen >= count:
            return True
        if looks_like_entry(text[a:b]):
            seen += 1
    return seen >= count


def split_item(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The entries of one list item or paragraph of a marked-up list (an HTML ``<li>`` or ``<p>``):
    one, unless a line break ("<br>", a newline) or a space joins several. A newline starts an entry
    only after a finished one and before a line that looks like an entry: HTML source wrapped inside
    one entry stays one entry."""
    pieces: list[list[int]] = []
    pos = start
    for raw in text[start:end].split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        if not raw.strip():
            continue
        if pieces and not (_finished(text, pieces[-1][0], pieces[-1][1]) and looks_like_entry(raw)):
            pieces[-1][1] = b
        else:
            pieces.append([a, b])
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        out.extend(split_glued(text, a + lead, a + len(seg.rstrip())))
    return out


# Where a glued entry may begin: after the end of a sentence, before a label, a capital, a particle
# or a particle written onto the name ("vanEngelsdorp").
# (Written as the mark, then the spaces: a match starts one character before those of
# "(?<=[.!?...])[ \t]+", the same matches otherwise, and the search skips to the marks, rarer than
# the spaces it stopped at when it opened with a space and the look behind it.)
_GLUE = re.compile(
    rf"[.!?\"”’)\]][ \t]+(?=\[\d{{1,4}}\][ \t]|\d{{1,4}}\.[ \t]+\S|{UPPER}"
    r"|(?:van|von|de|der|den|du|da|di|del|la|le|ter|ten|al|el)[ \t]+[A-Z]|[a-z]{1,4}[A-Z])"
)
# A year, or "n.d.", "forthcoming", "in press" (not "N. D."): the two kinds are sought apart: the
# years' expression skips to a "1" or "2", and the words' runs only when its words are there (one
# expression of both tried all four at every offset: a third of the time of a whole list).
_HAS_YEAR_WORD = re.compile(
    r"\bn\.\s?d\.|\b[Nn]o date\b|\b[Ff]orthcoming\b|\b[Ii]n (?:press|preparation)\b|\b[Uu]nder review\b"
)


def _first_year(text: str, start: int, end: int) -> int:
    """The start of the first year of either kind in text[start:end], or -1. The part runs from the
    entry's start (where the entry's own search starts) or from a space, to a mark (a glue's): no
    year runs across either end, so the search of the part finds what one of the whole entry would."""
    y = _BARE_YEAR.search(text, start, end)
    at = y.start() if y is not None else -1
    # (the part copied once, then "in" tests: a str.find given bounds costs about 2,000 instructions a
    # call, the copy and a test a fraction of that)
    part = text[start:end]
    if (
        "n." in part
        or "orthcoming" in part
        or "n press" in part
        or "o date" in part
        or "n preparation" in part
        or "nder review" in part
    ):
        w = _HAS_YEAR_WORD.search(text, start, end)
        if w is not None and not 0 <= at < w.start():
            at = w.start()
    return at


_GLUED_LABEL = re.compile(r"\[(\d{1,4})\][ \t]|(\d{1,4})\.[ \t]")


def split_glued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One entry's span, split where another entry was glued on after it by a space (pandoc's DOCX
    and HTML of a list without blank lines, a line break Word turned into a space): "... 4: 577-587.
    Bird, A. (2008) ..." or "... 4: 577-587. [2] Bird AJ ...". A split needs the part before to be a
    whole entry (it has a year, or a label the next one continues) and the part after to begin like
    one: names with given names or initials, or an organisation, right before their year."""
    out: list[tuple[int, int]] = []
    head = start
    label = _label_at(text[start : min(end, start + 12)])
    number = int(_label(label)) if label else None
    # the first year at or after head, once found; before, no year starts in text[head:no_year_to]
    # (each stretch searched once: a long entry of candidates without a year stays linear)
    first_year, no_year_to = -1, start
    for m in _GLUE.finditer(text, start, end):
        p = m.end()
        if p - head < 25:
            continue
        spaces = m.start() + 1  # (the match opens with the mark)
        nxt = _GLUED_LABEL.match(text, p, end) if number is not None else None
        if nxt and number is not None:
            n = int(nxt.group(1) or nxt.group(2))
            if n == number + 1:
                out.append((head, spaces))
                head, number = p, n
            continue
        if first_year < head:
            first_year = _first_year(text, max(head, no_year_to), spaces)
            no_year_to = spaces
        # (the part before ends after its year and a title: "Organisation for ... (2018)" before
        # "OECD Economic Outlook, Volume 2018" is an entry's head and its title, not two entries)
        if not head <= first_year < spaces - 12 or not _begins_entry(text[p : min(end, p + 300)]):
            continue
        if _open_quote(text, head, spaces):
            # "... Headed Type. A Reply to Erlewine & Gould (2016).” Glossa": a subtitle inside the
            # entry's quoted title, naming a work, not the next entry
            continue
        out.append((head, spaces))
        head = p
    out.append((head, end))
    return out


def _open_quote(text: str, start: int, end: int) -> bool:
    """Whether a quotation opened in text[start:end] is still open at its end: more “ than ” (more
    „ than “ where German quotes are used)."""
    part = text[start:end]
    if "\u201e" in part:
        return part.count("\u201e") > part.count("\u201c")
    return part.count("\u201c") > part.count("\u201d")


def _begins_entry(text: str) -> bool:
    names = shared_names(text)  # (not a copy: only read here)
    if not names.persons:
        return False
    first_given, first_corporate = names.persons[0][1], names.corporate[0]
    if not first_given and not first_corporate:
        return False
    if first_given.lower().strip(".") in _MONTH_WORDS:
        return False  # "G-FINDER, December 2012": a date, not a person
    year = _YEAR_AFTER_NAMES.match(text, names.end)
    if year is None or (first_corporate and not first_given and "(" not in year.group(0)):
        return False  # an organisation starts an entry only with "(2000)": "Environ Health Perspect 111"
    if first_corporate and not first_given and _CONTAINER_START.match(text):
        # "... handwritten work. Proceedings of the Fourth (2017) ACM Conference on Learning @ Scale,
        # 81–88.": the title of the proceedings the entry's paper is in, no entry's author
        return False
    # "Cell. 2007;128:735": a journal and its volume, not the next entry's author and year; and an
    # entry has a title after its year ("North-Holland, Amsterdam, 1992." is a publisher and place;
    # "Sci. World J., 2015, 657086. https://doi.org/..." a journal, its year-volume and a DOI: the words
    # of a link are no title)
    after = text[year.end() :]
    # (nor are pages and a link's lead-in: "Sci. World J., 2012, pp. 1–8. Available at: https://...")
    words = _LOCATOR_WORDS().sub(" ", _LINK().sub(" ", after[:80]))
    return not _SEMI_START().match(after) and len(_WORD2().findall(words)) >= 3


_MONTH_WORDS = frozenset(MONTHS)
_CONTAINER_START = re.compile(r"(?:Proceedings|Transactions|Journal) of\b")


def parse_references(doc: Document, region: Region) -> list[Reference]:
    raws: list[tuple[int, int, str]] = []
    for n, (a, b) in enumerate(split_entries(doc.text, region.start, region.end), start=1):
        raw = doc.text[a:b]
        if not raw.strip() or _no_entry(doc, raw, a, b):
            continue
        if "</a>" in raw:  # (blanked, so that offsets stay those of the text)
            raw = _ANCHOR.sub(lambda m: " " * len(m.group(0)), raw)
        raws.append((n, a, raw))
    if doc.format == "markdown" and any(raw.startswith(">") for _, _, raw in raws):
        raws = _quoted_entries(raws)
    keyed = doc.format in ("text", "markdown") and keyed_list([raw for _, _, raw in raws])
    if doc.format == "markdown":
        # (each entry with the indentation of its line, which split_entries leaves out)
        lines = [doc.text[doc.text.rfind("\n", 0, a) + 1 : a] + raw for _, a, raw in raws]
        raws = [
            r
            for k, r in enumerate(raws)
            if not _topic_item(lines[k], lines[k + 1] if k + 1 < len(raws) else "")
        ]
    if len(raws) >= 2 and bibliographic_essay([raw for _, _, raw in raws]):
        # a bibliographic essay under "Sources": paragraphs that each name several works ("**Part
        # II.** *Lobbying Act*, RSC 1985, c 44; *Lobbyists Act* (Alberta), SA 2007, c L-20.5; ..."),
        # no entries to link a citation to, one each (read as entries, each note's work "fitted"
        # a paragraph that names it with another year: false year-mismatch errors)
        return []
    refs = []
    for n, a, raw in raws:
        ref = parse_entry(raw, a, keyed=keyed)
        ref.id = f"ref-{n}"
        refs.append(ref)
    refs = _without_preface(refs)
    given_first_lists(refs)
    same_authors_as_before(refs)
    return refs


def _without_preface(refs: list[Reference]) -> list[Reference]:
    """A numbered list without the paragraphs before its first numbered entry that give no year, link
    or DOI: words on the list, no entries (a journal template's instructions left under the heading,
    MDPI's "References must be numbered in order of appearance in the text ... Citations and
    References in Supplementary files are permitted provided that they also appear in the reference
    list here.")."""
    labelled = sum(1 for r in refs if r.label)
    if labelled < 2 or labelled * 2 <= len(refs) or refs[0].label:
        return refs
    first = next(k for k, r in enumerate(refs) if r.label)
    if any(r.year or r.urls or r.doi for r in refs[:first]):
        return refs
    return refs[first:]


# a Markdown block quote's markers at a line's start ("> ", nested "> > ")
_QUOTE_MARKS = re.compile(r"^(?:[ \t]{0,3}>[ \t]?)+", re.M)


def _quoted_entries(raws: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The entries of a Markdown list some of which are block quotes, their "> " markers blanked (the
    offsets stay the text's): the marker is no part of the first author's name ("> Rie Kubota
    Ando"). When two or more quoted paragraphs look like entries, the paragraphs between them that
    are not quoted are prose that introduces them, no entries: a style guide's "Example ACL
    Anthology paper with DOI:" above its quoted example (acl-org/acl-style-files' formatting.md,
    where two such lines were a false duplicate-reference warning)."""
    quoted = [
        (n, a, _QUOTE_MARKS.sub(lambda m: " " * len(m.group(0)), raw))
        for n, a, raw in raws
        if raw.startswith(">")
    ]
    if sum(1 for _, _, raw in quoted if looks_like_entry(raw.strip().split("\n", 1)[0])) >= 2:
        return quoted
    return [
        (n, a, _QUOTE_MARKS.sub(lambda m: " " * len(m.group(0)), raw)) if raw.startswith(">") else (n, a, raw)
        for n, a, raw in raws
    ]


def bibliographic_essay(raws: list[str]) -> bool:
    """Whether a list's paragraphs are an essay on its sources, not entries: more of them name
    several works (``_several_works``) than look like an entry of one, and at least two do (the
    others are its prose: "The cases in this brief are drawn from the following.")."""
    several = [_several_works(raw) for raw in raws]
    if sum(several) < 2:
        return False
    return sum(several) > sum(
        1 for raw, s in zip(raws, several, strict=True) if not s and looks_like_entry(raw)
    )


_WORK_MARK = re.compile(rf"{YEAR}|(?<![*\w])[*_][^*_\n]{{3,}}[*_](?![*\w])")


def _several_works(raw: str) -> bool:
    """Whether a paragraph of a list names several works, each part between semicolons with its
    year or an italic title of its own: three or more such parts. (An entry names one work; the
    parts of "Smith, J.; Jones, K. 2004." hold one year between them.)"""
    if raw.count(";") < 2:
        return False
    return sum(1 for part in raw.split(";") if _WORK_MARK.search(part)) >= 3


def _opens_with_keys(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether a list's first line opens with a key ("[Knu84] D. E. Knuth ...") and the lines that
    do are the list's entries (``keyed_list``), however many lines each is wrapped over."""
    if not _KEY_LABEL.match(text[lines[0][0] : lines[0][1]]):
        return False
    return keyed_list(
        [text[a:b] for a, b in lines if text[a:b].lstrip().startswith(("[", "<sup>"))], wrapped=True
    )


def keyed_list(raws: list[str], wrapped: bool = False) -> bool:
    """Whether a list labels its entries by keys ("[Knu84]", "<sup>cc2nd04</sup>") rather than by
    numbers: more than half of them (two at least) open with one, and no two with the same one
    ("[PDF]" or "[Online]" before several entries is no label)."""
    keys = [m.group(1) or m.group(2) for raw in raws if (m := _KEY_LABEL.match(raw.lstrip()))]
    return len(keys) >= 2 and (wrapped or len(keys) * 2 > len(raws)) and len(set(keys)) == len(keys)


_TAG = re.compile(r"<[^<>\n]*>")
# an empty HTML anchor the entry's citations link to ("<a id="ref-fussell2017"></a>[Fussell, C. ...")
_ANCHOR = re.compile(r"<a\s+(?:id|name)=[\"'][^\"'<>\n]*[\"']\s*/?>(?:\s*</a>)?", re.I)


_INDENTED_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]")
_MAY_DATE = re.compile(r"\d{4}|https?:|www\.")


def nesting(raw: str) -> int | None:
    """How deep a Markdown list item's bullet is indented (None: ``raw`` is no bulleted item)."""
    m = _INDENTED_BULLET.match(raw.lstrip("\n"))
    return len(m.group(1).expandtabs(4)) if m else None


def _topic_item(raw: str, after: str) -> bool:
    """Whether a bulleted item of a nested reading list is the topic of the items nested under it, no
    work: "* Imatinib" over "  * Review on Imatinib: [*Nat. Rev. Clin. Oncol.* (2016) ...](url)"
    (TeachOpenCADD's talktorials). It gives no year and no link, and the item after is indented deeper."""
    depth, below = nesting(raw), nesting(after)
    return depth is not None and below is not None and below > depth and not _MAY_DATE.search(raw)


def nested_list(text: str) -> bool:
    """Whether a Markdown list nests items under others (two items or more indented below a
    shallower one): a reading list organised by topic rather than a list of the works cited."""
    depths = [d for line in text.split("\n") if (d := nesting(line)) is not None]
    if len(depths) < 3:
        return False
    return sum(1 for d in depths if d > min(depths)) >= 2


# a line of TeX commands alone, each with arguments of no spaces: pandoc Markdown's raw TeX that sets
# out the list written after it ("\\hangstart", "\\setlength{\\parindent}{-0.2in}\\noindent")
_TEX_ALONE = re.compile(r"(?:\\[A-Za-z@]+\*?(?:\[[^\]\s]*\]|\{[^{}\s]*(?:\{[^{}\s]*\}[^{}\s]*)*\})*\s*)+")


def _no_entry(doc: Document, raw: str, a: int, b: int) -> bool:
    """Whether a line of the list is no entry: it lies in a comment or code the reader never sees
    (Markdown's "<!-- Publish: yes -->" after the list), or it is markup alone ("<div class=...>",
    Markdown's raw TeX "\\hangstart")."""
    first = a + len(raw) - len(raw.lstrip())
    if doc.excluded and _excluded(doc, first) and _excluded(doc, b - 1):
        return True
    if "\\" in raw and doc.format == "markdown" and _TEX_ALONE.fullmatch(raw.strip()):
        return True
    if "<" in raw and not any(c.isalnum() for c in _TAG.sub("", raw)):
        return True
    if "\n" in raw.strip() and doc.excluded and doc.format == "markdown":
        # lines of markup each, run together: a pandoc div's closing ":::" and the raw TeX after it,
        # "\newpage", where citeproc prints the bibliography the front matter names
        at = a
        for line in raw.split("\n"):
            if line.strip() and not _no_entry(doc, line, at, at + len(line)):
                return False
            at += len(line) + 1
        return True
    return False


# "———." (Chicago, MLA), "---." or "___.", and Word's own styles' one dash "—.": the authors of the
# entry before, not written again
_REPEATED_AUTHORS = re.compile(r"^(?:(?:[\u2014\u2015]{2,}|-{2,}|_{2,}|\u2e3b)[.,]?|[\u2014\u2015][.,]?)$")


def given_first_lists(refs: list[Reference]) -> None:
    """Read again, given name first, the entries of a list that writes its names so (ACL: three
    entries or more read "Roger Bivand, Giovanni Millo, ...", none "Bivand, Roger, ...") that were read
    otherwise: "Allison Marie Horst, Alison Presmanes Hill, and Kristen B Gorman. 2020." (an inverted
    name "Allison Marie Horst", given "Alison Presmanes Hill", as a Chicago list writes "García
    Márquez, Gabriel José, and ..."), "Saskia E. J. de Vries, Jerome A. Lecoq, ... 2020." ("Saskia")."""
    given_first, inverted, again = 0, 0, []
    for k, ref in enumerate(refs):
        if not ref.authors or ref.corporate or not ref.year:
            continue
        if ref.given and ref.given[0] and ref.text.startswith(f"{ref.given[0]} {ref.authors[0]}"):
            given_first += 1
        elif (
            ref.given
            and ref.given[0]
            and " " not in ref.authors[0]
            and ref.text.startswith(f"{ref.authors[0]},")
        ):
            inverted += 1
        else:
            again.append(k)
    if given_first < 3 or inverted or not again:
        return
    for k in again:
        ref = refs[k]
        new = parse_entry(ref.text, ref.start, given_first=True)
        if new.authors != ref.authors:
            new.id, new.end, new.label, new.key = ref.id, ref.end, ref.label, ref.key
            refs[k] = new


def same_authors_as_before(refs: list[Reference]) -> None:
    """Give an entry whose author list is a dash rule ("———. 2025.") the authors of the entry before
    it, as the style that printed the rule means."""
    for before, ref in itertools.pairwise(refs):
        if len(ref.authors) == 1 and _REPEATED_AUTHORS.match(ref.authors[0]) and before.authors:
            ref.authors = list(before.authors)
            ref.given = list(before.given)
            ref.corporate = before.corporate
            ref.aliases = list(before.aliases)
            ref.et_al = before.et_al


def parse_entry(raw: str, offset: int = 0, keyed: bool = False, given_first: bool = False) -> Reference:
    """Parse one entry's text (``offset`` is where it starts in the document); ``keyed``: the list
    labels its entries by keys ("[Knu84]"), which the text cites (``Reference.key``); ``given_first``:
    the list writes its names given name first (see ``given_first_lists``)."""
    text = " ".join(raw.split())
    label = key = None
    m = _label_at(text)
    if m:
        label = _label(m)
        text = text[m.end() :]
    elif keyed and (k := _KEY_LABEL.match(text)):
        key = k.group(1) or k.group(2)
        text = text[k.end() :]
    else:
        text = _BULLET.sub("", text) if _first_mark(text) in _BULLET_OPENERS else text
    ref = Reference(id="", text=text, start=offset, end=offset + len(raw), label=label, key=key)
    shown, text = text, _without_markup(text)
    quoted = _TITLE_FIRST.match(text) if text[:1] in _OPENING_QUOTES else None
    if quoted is not None:
        return _title_first(ref, text, quoted)
    names = shared_names(text)  # (not a copy: only read here)
    adjacent = _YEAR_AFTER_NAMES.match(text, names.end) if names.persons else None
    if adjacent is None and names.persons and (stray := _NUMBER_AFTER_NAMES.match(text, names.end)):
        # "Bryan, J., & TAs, T. S. 545. (n.d.). STAT 545.": a number the names left out (a CSL given
        # name "The STAT 545" in initials), then the year in brackets
        late = _YEAR_AFTER_NAMES.match(text, stray.end())
        adjacent = late if late is not None and late.group(1) else None
    tagged = None
    if (
        adjacent is None
        and len(names.persons) == 1
        and names.corporate[0]
        and text[names.end : names.end + 3].strip()[:1] == "("
    ):
        # "Ministério da Saúde (BR). 2017.", "Empresa de Pesquisa ... (EPAGRI). 2001.": an organisation,
        # its country or acronym in brackets, then the year (read as the title "(BR)")
        # (or other organisations after it: "Ministério da Saude (BR), Secretaria de Vigilância em
        # Saúde, and Departamento de Vigilância. 2009.")
        tag = _NAME_TAG.match(text, names.end)
        if tag is not None and text.startswith(",", tag.end()):
            tagged = _ORG_LIST_YEAR.search(text, tag.end(), tag.end() + 300)
        elif tag is not None:
            tagged = _YEAR_AFTER_NAMES.match(text, tag.end())
    elif adjacent is not None and adjacent.group(2) and _year_in_a_name(text, names, adjacent.end()):
        # "..., Vos, T., & GBD 2015 Oral Health Collaborators. (2017).": the year of a group's name,
        # not the entry's (read as 2015)
        tagged = _ORG_LIST_YEAR.search(text, adjacent.end(), adjacent.end() + 120)
    if tagged:
        ref.year = _norm_year(next(g for g in tagged.groups() if g))
        author_part = text[: tagged.start()]
        _parse_authors(ref, author_part)
        rest = text[tagged.end() :]
    elif adjacent:
        # "Smith, J. (2004).", "J. Smith. 2004.", "Smith, J., 2004.": the year closes the author list
        ref.year = _norm_year(adjacent.group(1) or adjacent.group(2))
        author_part = text[: names.end]
        _use_names(ref, names)
        rest = text[adjacent.end() :]
    elif (org := _ORG_COLON.match(text)) and not (names.persons and names.persons[0][1]):
        # Copernicus: "AMAP/UNEP: Title, ..., 2013.", "US EPA: Report ..., 1997.": an organisation, a
        # colon, and the year at the end (after any "(last access: 4 October 2012)")
        author_part = org.group(1)
        ref.authors, ref.given, ref.corporate = [author_part], [""], True
        rest = text[org.end() :]
        ref.year = _late_year(text, org.end())
    else:
        ym = _PAREN_YEAR.search(text[:400])
        if ym and _authorish(text[: ym.start()]) and not (names.persons and names.closed):
            ref.year = _norm_year(ym.group(1))
            author_part = text[: ym.start()]
            rest = text[ym.end() :]
            _parse_authors(ref, author_part)
        elif names.persons:
            # the year comes after the title: "Smith JA, Jones B. Title. Journal. 2004;12:1-3",
            # "J. A. Smith and B. Jones, “Title,” Journal, vol. 3, 2004", "... Journal 3, 1-9 (2004)."
            author_part = text[: names.end]
            _use_names(ref, names)
            rest = text[names.end :]
            ref.year = _late_year(text, names.end)
        else:
            # (the first year and the end of the author block only here: read names never need them)
            bare = _BARE_YEAR.search(text)
            cut = _author_block_end(text)
            if bare and bare.start() <= cut + 3:
                # "Smith, J. 2004. Title"
                ref.year = bare.group(1)
                author_part = text[: bare.start()]
                rest = text[bare.end() :]
                _parse_authors(ref, author_part)
            else:
                nd = _ND.search(text[:300])
                author_part = text[:cut]
                rest = text[cut:]
                if nd and nd.start() <= cut + 3:
                    ref.year = _norm_year(nd.group(1))
                elif ym:
                    ref.year = _norm_year(ym.group(1))
                elif bare:
                    ref.year = bare.group(1)
                _parse_authors(ref, author_part)
    read_given_first = _given_first(text, ref, given_first)
    more: list[str] = []
    if read_given_first is not None:
        author_part, rest, more = read_given_first
    ref.aliases = _aliases(author_part, ref)
    if names.closed and len(ref.authors) == 1 and not ref.given[0] and (organ := _organ(rest)):
        # ABNT's "BRASIL. Ministério da Saúde. Title", a country and one of its bodies: cited as
        # "(Brasil. Ministério da Saúde, 1990)" or by the body's name alone; the title follows it
        name = organ.group(1)
        ref.aliases += [name, f"{ref.authors[0]}. {name}"]
        rest = rest[organ.end() :]
        if year_after := _YEAR_AFTER_NAMES.match(rest):  # ("... da Saúde. 1990. Title", "(1990).")
            rest = rest[year_after.end() :]
    if more:
        ref.aliases += [a for a in more if a not in ref.aliases and a not in ref.authors]
    if ref.corporate and ref.authors:
        ref.aliases += _acronyms(ref.authors[0], ref.aliases)
    ref.title = _title(_after_role(rest, ref.year))
    if may_hold_urls(shown):  # (else no URL and no DOI, the defaults: one test, not both searches')
        ref.urls = [u for u, _, _ in find_urls(shown)]
        ref.doi = find_doi(shown)
    ref.accessed = parse_access_date(text)
    return ref


# Markdown's markup around an entry's first words: a link whose text holds the names ("[McChrystal,
# Stanley. 2013. My Share of the Task.](https://...)", "[McChrystal, S.](https://...) (2013).") and
# emphasis ("**McChrystal, S.** (2013)."); "[1]" and "[Knu84]" are labels, no link
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=[^\W\d_])([^*_\n]+?)(?<=\S)\1(?![\w*])")


def _without_markup(text: str) -> str:
    """The entry's text read for its names, year and title: without a Markdown link's brackets and
    address, or emphasis's stars, around its first words (the names read "[McChrystal", the message
    "did you mean [McChrystal 2013?"). Its links are read from the text as written."""
    if text[:1] == "[":
        link = _MD_LINK.match(text)
        return text if link is None else link.group(1) + text[link.end() :]
    if text[:1] in "*_":
        mark = _MD_EMPHASIS.match(text)
        return text if mark is None else mark.group(2) + text[mark.end() :]
    return text


# an entry that begins with its title in quotation marks, a work with no author listed by its title as
# Chicago has it: "“Marco Polo Bridge Incident, 1937.” Britannica. November 25, 2024.", "“The Code
# Napoleon: or, the French Civil Code,” ... (London: William Benning, 1827)."
_OPENING_QUOTES = frozenset('“"')
_TITLE_FIRST = re.compile(r"(?:“([^“”]{3,400})”|\"([^\"]{3,400})\")")


def _title_first(ref: Reference, text: str, m: re.Match[str]) -> Reference:
    """An entry written title first: its title is the quoted one (the name it is cited by, as an
    author-date citation names a work with no author), its year one outside the quotation marks (a
    year in the title is the subject's: "..., 1937, Beijing"), the facts of publication's first
    ("(London: William Benning, 1827)"), else the last standing alone."""
    title = " ".join((m.group(1) or m.group(2)).split()).rstrip(".,;: ")
    ref.title = title
    ref.authors, ref.given, ref.corporate = [title], [""], True
    rest = text[m.end() :]
    dated = _LATE_DATED_PAREN().search(rest) if "(" in rest else None
    paren = dated or _PAREN_YEAR.search(rest)
    if paren is not None:
        ref.year = _norm_year(paren.group(1))
    else:
        ref.year = _late_year(text, m.end())
    if may_hold_urls(text):
        ref.urls = [u for u, _, _ in find_urls(text)]
        ref.doi = find_doi(text)
    ref.accessed = parse_access_date(text)
    return ref


# the authors, then the year: "Barry D. Adam, Richard Elliott, and Ken English, 2014. “Title,” ..."
_NAMES_THEN_YEAR = re.compile(
    rf"([^()\d]{{4,1500}}?(?:\s*\((?:eds?|editors?)\.?\))?),\s+({YEAR}[a-z]?)[.,]\s"
)
# ACL's: "Kenton Lee. 2015. Title", "John Smith and Mary Jones. 2012.", "Juan Carlos Martínez Pérez. 2010."
_NAMES_DOT_YEAR = re.compile(rf"([^()\d]{{4,1500}}?)\.\s+({YEAR}[a-z]?)\.\s")
# a given name, its middle initials and a surname at an entry's start: "Manfred M. Fischer", "Tamma A Carleton"
# two to four words before " and ", no comma: "Solomon Hsiang and", "Ricardo Baeza-Yates and"
_TWO_GIVEN_FIRST = re.compile(
    rf"{UPPER}[^\W\d_.]*\.?(?: {UPPER}[^\W\d_]*(?:-{UPPER}[^\W\d_]*)?\.?){{1,3}} and {UPPER}"
)
# ("Max Franz, Christian T Lopes": the second person so, where an inverted name has given names)
_GIVEN_INITIAL = rf"{UPPER}[^\W\d_]+ (?:{UPPER}\.? ){{1,3}}{UPPER}[^\W\d_]*[a-z]"
_GIVEN_INITIAL_SURNAME = re.compile(rf"{_GIVEN_INITIAL}|[^,.()\d]{{2,60}}, {_GIVEN_INITIAL}")


_BRACKET_OR_DIGIT = re.compile(r"[()\d]")


def _may_be_names_then_year(text: str) -> bool:
    """Whether ``_NAMES_THEN_YEAR`` may match ``text``: its names hold no bracket and no digit, so the
    first of them in the text is the year, after a comma and white space, or the "(eds.)" before
    it. (One search to that place instead of the expression tried at every length of the names,
    which it is lazy about: most entries are told at their first bracket, a tenth of the time.)"""
    m = _BRACKET_OR_DIGIT.search(text)
    if m is None:
        return False
    at = m.start()
    if text[at] == "(":
        return text.startswith("ed", at + 1)
    return text[at] != ")" and text[at - 1 : at].isspace() and text[:at].rstrip().endswith(",")


def _given_first(text: str, ref: Reference, in_list: bool = False) -> tuple[str, str, list[str]] | None:
    """Authors written given name first, every one ("Barry D. Adam, Richard Elliott, and Ken English,
    2014." as First Monday prints them), which the names parser read as "Barry, D." or took the first
    whole name for a surname: the authors set right, with the author part, the rest after the year and
    the names it may be cited by besides (ACL's "Juan Carlos Martínez Pérez. 2010.": "Martínez Pérez");
    None when the entry is not written so."""
    if not ref.authors or not ref.year:
        return None
    m = _NAMES_THEN_YEAR.match(text) if _may_be_names_then_year(text) and not ref.corporate else None
    dotted = False
    if (
        m is None
        and not any(ref.given)
        and " " in ref.authors[0]
        and (len(ref.authors) == 1 or not ref.corporate)
    ):
        # ACL's full names before ". 2015.", which the names parser read as surnames with no given
        # names ("Kenton Lee"); an inverted name ("García Márquez, Gabriel José. 1999.") has its given
        # names read, and is left
        m = _NAMES_DOT_YEAR.match(text)
        dotted = True
    elif (
        m is None
        and not ref.corporate
        and (in_list or _GIVEN_INITIAL_SURNAME.match(text) or _TWO_GIVEN_FIRST.match(text))
    ):
        # ACL's names with given names read: "Manfred M. Fischer and Peter Nijkamp. 2014." (a surname
        # and its initials, "Manfred, M."), "Solomon Hsiang and Robert E Kopp. 2018." ("Solomon Hsiang"
        # and "Robert, E."): a first name of a given name, middle initials and a surname, or of words
        # before " and " with no comma (an inverted name has one: "Hsiang, Solomon, and ..."), is
        # written given first; read so when the first person's given names are no initials alone
        # ("Smith J. Jones K. 2014." stays). So is every name of a list that writes them so
        # (``in_list``: "Allison Marie Horst, Alison Presmanes Hill, and Kristen B Gorman. 2020.")
        m = _NAMES_DOT_YEAR.match(text)
        dotted = True
    if m is None or not m.group(2).startswith(ref.year[:4]):
        return None
    # (a person first, then persons or an organisation: "Myriam Uribe-Etxebarria and Euskaltzaindia")
    persons = person_list(m.group(1), organisations=True)
    if not persons or not persons[0][1] or _INITIALS.match(persons[0][1].replace(" ", "")):
        return None
    if not dotted and any(g and _INITIALS.match(g.replace(" ", "")) for _, g in persons):
        return None
    surname, given = persons[0]
    read, full = fold_word(ref.authors[0]), fold_word(f"{given} {surname}")
    if read == fold_word(surname) or not (
        read in full.split() or full.startswith(read) or full.endswith(read)
    ):
        return None  # read right already ("Smith"), or another form
    if dotted:
        # "Juan Carlos Martínez Pérez": cited by a double surname too ("Martínez Pérez, 2010"), and
        # an organisation's name read as a person's ("Human Rights Watch") by its whole name
        words = f"{given} {surname}".split()
        double = len(words) >= 3 and not _INITIALS.match(words[-2])  # (not "M. Fischer")
        aliases = [*([" ".join(words[-2:])] if double else []), " ".join(words)]
        if ref.corporate:
            # one name of three words or more, read as an organisation's ("Human Rights Watch" or
            # "Juan Carlos Martínez Pérez"): kept so, and cited by its last word too, as BibTeX
            # reads a name written given first ("Pérez (2010)")
            return m.group(1), text[m.end() :], [aliases[0], words[-1]]
    else:
        aliases = []
    ref.authors = [s for s, _ in persons]
    ref.given = [g for _, g in persons]
    return m.group(1), text[m.end() :], aliases


def fold_word(word: str) -> str:
    return " ".join(word.casefold().replace(".", " ").split())


# An organisation's name before a colon: capitalised words (with "/", "-", "&" inside: "AMAP/UNEP",
# "EC-JRC/PBL", "US EPA") and function words, six words at most
_ORG_COLON = re.compile(r"([A-Z][\w/&.-]*(?: (?:[A-Z][\w/&.-]*|of|for|and|the|&)){0,5}): ")

# The year right after the author list: "(2004)", "(2004, May 3)", "2004.", "2004a,", "(n.d.)", with an
# editor mark between ("Smith, J. (Ed.). (2004)").
_YEAR_AFTER_NAMES = re.compile(
    rf"[\s.,]*(?:\((?:eds?|editors?|comp|trans)\.?\)[\s.,]*)?"
    rf"(?:\(\s*({YEAR_TOKEN})(?:\s*,[^()]{{0,25}})?\s*\)|({YEAR_TOKEN})(?=[\s.,;:)]|$))",
    re.I,
)
# what a garbled name leaves between the names and the year in brackets: initials, short lower-case
# words and numbers ("T. S. 545. (n.d.)", "J. B. the S. 545 T. J. (n.d.)"), never a title's words
_NUMBER_AFTER_NAMES = re.compile(
    r"(?:[ \t]+(?:[A-Z]\.|[a-z]{1,4}|\d{1,3}\.?))*?[ \t]*\d{1,3}\.?(?:[ \t]+(?:[A-Z]\.|[a-z]{1,4}|\d{1,3}\.?))*(?=[ \t]*\()"
)
# (not a journal's issue after its volume, "2008;366(1878):2979": Philosophical Transactions numbers
# its issues in the years' range)
_LATE_PAREN_YEAR = re.compile(rf"(?<!\d)\(\s*({YEAR}[a-z]?)\s*\)")
# the same with its month or season, as Chicago prints a journal's issue ("Cultural Anthropology 8,
# no. 3 (August 1993): 338-369", "(Fall 2006)", "(Dec. 12, 2006)"), or after the place and publisher
# ("(London: William Benning, 1827)"); never an access date ("(accessed May 12, 2020)")
_QUOTED_TITLE = lazy_pattern(r'“[^”]{1,400}”|"[^"]{1,400}"')
_LATE_DATED_PAREN = lazy_pattern(
    r"\((?![^()]*\b(?:accessed|retrieved|viewed|consulted|last)\b)"
    rf"(?:(?:{'|'.join(MONTHS)})\.?\s+(?:\d{{1,2}},?\s+)?|[^():]{{2,80}}:\s*[^()]{{2,120}}?,\s*)"
    rf"({YEAR}[a-z]?)\s*\)",
    re.I,
)
_LATE_BARE_YEAR = re.compile(rf"(?<=[,.;:]\s)({YEAR}[a-z]?)(?=[.,;:]|\s*$)")


# a volume, issue, page or article number that looks like a year: "Multiple Classifier Systems,
# vol. 1857, pp. 1–15, 2000." (IEEE: the year is the last)
# (one letter only in lower case: "p. 1857", not the initial of "Arzolla, F. A. R. D. P. 2002.")
_LOCATOR_BEFORE = re.compile(r"\b(?:(?i:vol|vols|no|nos|pp|art|issue|iss|ch|sec|pt|suppl|nr|bd)|p|t)\.?\s*\Z")


def _year_not_locator(pattern: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    """The first match of ``pattern`` from ``start`` that no locator label ("vol.", "pp.") precedes."""
    for m in pattern.finditer(text, start):
        if not _LOCATOR_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            return m
    return None


def _late_year(text: str, start: int) -> str | None:
    """The year of an entry that prints it after the title: the last "(2004)" (Nature), else a year
    standing alone between punctuation ("Journal. 2004;12", ", 2004."), else any year."""
    last: re.Match[str] | None = None
    for m in _LATE_PAREN_YEAR.finditer(text, start):
        last = m
    if "(" in text:
        for m in _LATE_DATED_PAREN().finditer(text, last.end() if last else start):
            last = m  # (a later one; "Title, 1870-1930." holds no year of the entry's own)
    if last is not None:
        return last.group(1)
    bare = _year_not_locator(_LATE_BARE_YEAR, text, start) or _year_not_locator(_BARE_YEAR, text, start)
    if bare and ("“" in text or '"' in text):
        # not a year of a title in quotation marks when one stands outside them: "“The German Wars
        # of Liberation 1807-1815.” *Small Wars & Insurgencies 25*, no. 4. July 2014."
        quoted = [m.span() for m in _QUOTED_TITLE().finditer(text, start)]
        if any(a <= bare.start() < b for a, b in quoted):
            bare = next(
                (
                    m
                    for pattern in (_LATE_BARE_YEAR, _BARE_YEAR)
                    for m in pattern.finditer(text, start)
                    if not any(a <= m.start() < b for a, b in quoted)
                    and not _LOCATOR_BEFORE.search(text, max(0, m.start() - 8), m.start())
                ),
                bare,
            )
    if bare:
        return bare.group(1)
    nd = _ND.search(text, start)
    return _norm_year(nd.group(1)) if nd else None


def _authorish(prefix: str) -> bool:
    """Text before a year that can be an author list: no quotation marks, few lower-case words."""
    if _QUOTE_OR_URL().search(prefix):
        return False
    words = prefix.split()
    prose = [w for w in words if w[:1].islower() and w.strip(",.;:").lower() not in _NAME_GLUE]
    return len(prose) <= 2 and len(words) <= 60


def _year_in_a_name(text: str, names: Names, end: int) -> bool:
    """Whether a bare year after the names read goes on a group's name: the last "name" is an
    acronym ("GBD"), and capitalised words follow the year with no stop between ("GBD 2015 Oral Health
    Collaborators"), where a style puts a full stop, a comma or a bracket after the entry's year."""
    surname, given = names.persons[-1]
    return (
        not given
        and len(surname) > 1
        and surname.isupper()
        and text[end : end + 1] == " "
        and text[end + 1 : end + 2].isupper()
    )


# an organisation's country or acronym in brackets after its name: "(BR)", "(EPAGRI)", "(US)"
_NAME_TAG = re.compile(r"\s*\([A-Z][A-Za-z&./-]{0,11}\)")
_ORG_LIST_YEAR = re.compile(rf"[.,]\s+\(?({YEAR}[a-z]?)\)?(?=[\s.,;:]|$)")
# the name of a public body after a country's or a state's: capitalised words and the small words
# between them, up to its full stop ("Ministério da Saúde.", "Secretaria de Vigilância em Saúde.")
_ORGAN = re.compile(
    r"\s*([A-Z\u00C0-\u00DE][\w'\u2019-]*(?:\s+(?:[a-z]{1,3}|[A-Z\u00C0-\u00DE][\w'\u2019-]*)){1,7})\.(?:\s|$)"
)


def _organ(rest: str) -> re.Match[str] | None:
    """The body's name that opens ``rest`` after a one-word author closed by its full stop (a
    country, "BRASIL."), when its first word names a body ("Ministério", "Secretaria", "Department")."""
    m = _ORGAN.match(rest)
    if m is None or m.group(1).split()[0].lower() not in ORG_NOUNS:
        return None
    return m


def _use_names(ref: Reference, names: Names) -> None:
    persons, corporates = names.persons, names.corporate
    if len(persons) > 1 and _acronym_list(persons):
        # "WHO, UNICEF and UNDP (2010)": a list of acronyms, not "WHO" with the given name "UNICEF"
        persons = [(persons[0][0], ""), (persons[0][1], ""), *persons[1:]]
        corporates = [corporates[0], corporates[0], *corporates[1:]]
    for (surname, given), corporate in zip(persons, corporates, strict=True):
        ref.authors.append(surname)
        ref.given.append(given)
        if corporate and len(names.persons) == 1:
            ref.corporate = True
    ref.et_al = names.et_al


def _acronym_list(persons: list[tuple[str, str]]) -> bool:
    """The first "person" is an acronym with an acronym of three letters or more as its given name,
    and the names after it have none: organisations listed by their acronyms."""
    surname, given = persons[0]
    return (
        len(given) >= 3
        and given.isalpha()
        and given.isupper()
        and len(surname) >= 2
        and surname.isalpha()
        and surname.isupper()
        and all(not g and n.isupper() for n, g in persons[1:])
    )


_FUNCTION_WORDS = frozenset(("of", "for", "on", "and", "the", "de", "in", "des", "du", "la", "y", "e"))


def _aliases(author_part: str, ref: Reference) -> list[str]:
    """Corporate names an entry may be cited by: "United Nations, ..., Population Division" is cited
    as "Population Division"; "Bosch-Capblanch X and Project Team" as "Project Team"."""
    if "[" in author_part or "http" in author_part:  # (the substitution only when it can act)
        author_part = _BRACKETS_URLS.sub(" ", author_part)
    part = author_part.strip().rstrip(",.:;").strip()
    out = []
    # "Catani, M., & Thiebaut de Schotten, M.": persons, whatever particles; not when every "given
    # name" read is one whole capitalised word, which an organisation's name with a comma also gives:
    # "United Nations Educational, Scientific and Cultural Organization" reads as the persons
    # "United Nations Educational, Scientific" and "Cultural Organization" (read surname first: in a
    # list written given names first, "Kenton Lee, Luheng He, and Luke Zettlemoyer" (ACL), whole
    # words are what given names are)
    persons = any(ref.given) and (
        not all(_WHOLE_WORD().match(g) for g in ref.given if g)
        # (and an organisation's name says so: "Anan, Anna and Prianmito, Boris", whole given names
        # read surname first, are persons)
        or not (_long_surname(ref) or any(w.strip(",.;:()").lower() in ORG_NOUNS for w in part.split()))
        or _given_first_head(part, ref)
    )
    if ref.corporate or (not persons and _ORG_WORD().search(part)):
        out.append(part)
    # the cheap tests first: most pieces are one word ("Smith", "J."), and the person tests are dear
    for piece in _PIECES.split(part):
        words = piece.split()
        if len(words) < 2 or not all(
            w[:1].isupper() or w[:1].isdigit() or w in _FUNCTION_WORDS for w in words
        ):
            continue
        piece = piece.strip()
        if any(piece.endswith(a) for a in ref.authors if a):  # "M. Thiebaut de Schotten"
            continue
        if _split_person(piece)[1] or _is_given(piece):
            continue
        out.append(piece)
    return [a for a in dict.fromkeys(out) if a and a not in ref.authors]


def _long_surname(ref: Reference) -> bool:
    """Whether the first "surname" read is three words or more without a particle, as no person's is
    ("United Nations Educational")."""
    words = ref.authors[0].split() if ref.authors else []
    return len(words) >= 3 and not any(w.lower() in PARTICLES for w in words)


def _given_first_head(part: str, ref: Reference) -> bool:
    """Whether the first person of ``part`` is written given name first ("Kenton Lee, ...")."""
    given, surname = (ref.given[0], ref.authors[0]) if ref.given and ref.authors else ("", "")
    g, s = part.find(given) if given else -1, part.find(surname) if surname else -1
    return 0 <= g < s


def _acronyms(name: str, aliases: list[str]) -> list[str]:
    """The short names an organisation's entry is cited by, "(OECD 2018)", "(IMF 2019)": its
    capitals (``notes.acronyms_of``), and its name without an acronym given in parentheses
    ("International Monetary Fund (IMF)")."""
    given = acronyms_of(name)
    plain = _PAREN_ACRONYM.sub("", name).strip() if given else ""
    return [a for a in dict.fromkeys([*given, plain]) if a and a != name and a not in aliases]


_PAREN_ACRONYM = re.compile(r"\s*\([^()]{2,8}\)")


def _norm_year(token: str) -> str:
    if token.isdigit():  # (a plain year, most entries': as it stands)
        return token
    t = token.strip().lower()
    if t.replace(" ", "") in ("n.d.", "nd", "nodate"):
        return "n.d."  # (Harvard's "no date")
    if t in ("in preparation", "under review"):
        return t  # (APA's status words in place of a year)
    if t.startswith("in"):
        return "in press"
    return _REPRINT.sub("", token.strip())  # "1879 [1985]": first published 1879


def _author_block_end(text: str) -> int:
    """Where the author list ends when no year follows it: at the first ". " not after an initial."""
    for m in _STOP_SPACE().finditer(text):
        before = text[max(0, m.start() - 40) : m.start()].split()  # the last word, not a rescan
        last = before[-1] if before else ""
        if len(last.strip(",.")) <= 2 and last[:1].isupper():
            continue  # "J. Smith", "Smith J."
        return m.start()
    return min(len(text), 120)


def _parse_authors(ref: Reference, part: str) -> None:
    # (each substitution and search only where its text can be: most author lists have none)
    if "[" in part or "<" in part or "http" in part:
        part = _NOISE().sub(" ", part)
    part = part.strip().rstrip(",.:;").strip()
    if part.endswith(")"):
        part = _EDS_PAREN().sub("", part)
    ascii_low = part.lower() if part.isascii() else None  # (re.I folds more than lower() elsewhere)
    if ascii_low is None or "ed" in ascii_low:
        part = _EDS_WORD().sub("", part)  # not "T. Speed."
    if not part:
        return
    if (ascii_low is None or "et" in ascii_low or "..." in part) and _ET_AL.search(part):
        ref.et_al = True
        part = _ET_AL.sub("", part).strip().rstrip(",")
    if ";" in part:
        pieces = [p.strip() for p in part.split(";") if p.strip()]
        for p in pieces:
            _add_person(ref, p)
        return
    if "," not in part:
        persons = [p.strip() for p in _AND_SPLIT().split(part) if p.strip()]
        corporate = len(persons) == 1 and len(part.split()) > 2
        corporate = corporate or any(_LOWER_WORD().search(p) and not _has_particle_only(p) for p in persons)
        if corporate:
            ref.authors.append(part)
            ref.given.append("")
            ref.corporate = True
            return
        for p in persons:
            _add_person(ref, p)
        return
    pieces = [p.strip() for p in _COMMA_AND().split(part) if p.strip()]
    pieces = [_LEAD_AND().sub("", p) if p.startswith(("and", "&")) else p for p in pieces]
    # "1000 Genomes Project Consortium, Abecasis, GR, ...": an organisation heads a list of persons
    head = [w for w in (pieces[0].split() if pieces else []) if w.lower() not in PARTICLES]
    if (len(head) >= 3 and not any(_INITIALS.match(w) for w in head)) or (head and head[0][:1].isdigit()):
        ref.authors.append(pieces[0])
        ref.given.append("")
        pieces = pieces[1:]
    # "Surname, Given, Surname2, Given2": the piece after the first surname is given names.
    alternating = len(pieces) >= 2 and _is_given(pieces[1]) and not _split_person(pieces[0])[1]
    i = 0
    while i < len(pieces):
        p = pieces[i]
        if alternating and i + 1 < len(pieces) and _is_given(pieces[i + 1]) and not _split_person(p)[1]:
            surname, given = _surname_given(_clean_surname(p), pieces[i + 1])
            ref.authors.append(surname)
            ref.given.append(given)
            i += 2
            continue
        _add_person(ref, p)
        i += 1


_PERSON_WORD = re.compile(
    rf"^(?:{UPPER}{LETTER}*(?:[{APOS}{DASHES}]{UPPER}?{LETTER}*)*\.?|(?:{UPPER}\.?){{1,4}})$"
)


_LEAD_WITH = re.compile(r"^with\s+")
_EDITORS = re.compile(r"\s*\((?:eds?|editors?|comp|trans)\.?\)\s*$", re.I)
_SUFFIX = re.compile(r"(?:Jr|Sr)\.?|I{2,3}|IV")


def _bare_word(w: str) -> str:
    """A word without the spacing diacritics a PDF's text sets apart ("J˛edrzejowski")."""
    return w if w.isascii() else w.translate(DROP_SPACING_MARKS)


_ORG_JOINS = frozenset(["of", "for", "the", "on", "in"])


def _organisation_piece(words: list[str]) -> bool:
    """Whether a later piece of a list written given name first is an organisation: one capitalised
    word of four letters or more ("Myriam Uribe-Etxebarria and Euskaltzaindia", the Basque academy),
    or capitalised words and joins with an organisation's word ("..., and European Commission")."""
    if len(words) == 1:
        w = _bare_word(words[0])
        return len(w) >= 4 and bool(_PERSON_WORD.match(w)) and not _INITIALS.match(w) and not w.endswith(".")
    return (
        2 <= len(words) <= 6
        and all(_PERSON_WORD.match(_bare_word(w)) or w in _ORG_JOINS for w in words)
        and any(w.lower() in CORPORATE_WORDS for w in words)
    )


# an ellipsis between two names of a list (Manubot's "..., Emily M Martersteck, … Steven A McCarroll")
_ELIDED = re.compile(r"[ \t]*,?[ \t]*\u2026[ \t]*(?=[A-Z\u00C0-\u00DE])")


def person_list(block: str, organisations: bool = False) -> list[tuple[str, str]] | None:
    """The persons of a block that holds names only, as (surname, given), or None when it holds
    anything else: "Albert Cardona, Stephan Saalfeld, Hans van den Berg", "HH Yu, T Awasaki and G Wu"
    (a page that sets an entry's authors in a block of their own, given names first or after). With
    ``organisations``, a piece after the first that is an organisation's name is one, with no given
    names ("Myriam Uribe-Etxebarria and Euskaltzaindia")."""
    text = _EDITORS.sub("", block.strip()).strip().rstrip(".")
    if "\u2026" in text:
        # Manubot elides the middle of a long list: "Emily M Martersteck, … Steven A McCarroll"
        text = _ELIDED.sub(", ", text)
    et_al = _ET_AL.search(text) or _AND_OTHERS.search(text)
    if et_al:
        text = _TRAILING_AND.sub("", text[: et_al.start()])  # (", and et al.")
    pieces = [p.strip() for p in _COMMA_AND().split(text) if p.strip()]
    pieces = [_LEAD_AND().sub("", p) for p in pieces]
    # "Amy L. Fairchild, Ronald Bayer, with Daniel Wolfe"; "George Gallup, Jr. and Jim Castelli"
    pieces = [_LEAD_WITH.sub("", p) for p in pieces if not _SUFFIX.fullmatch(p)]
    out: list[tuple[str, str]] = []
    for n, p in enumerate(pieces):
        words = p.split()
        if organisations and n and _organisation_piece(words):
            out.append((p, ""))
            continue
        if not 2 <= len(words) <= 5 or not all(
            (_PERSON_WORD.match(_bare_word(w)) and w.lower() not in CORPORATE_WORDS) or w.lower() in PARTICLES
            for w in words
        ):
            return None  # (not "European Commission": an organisation)
        surname, given = _split_person(p)
        if not given:
            # "Albert Cardona", "Hans van den Berg": the surname is the last word and its particles
            k = len(words) - 1
            while k > 1 and words[k - 1].lower() in PARTICLES:
                k -= 1
            surname, given = " ".join(words[k:]), " ".join(words[:k])
        out.append((_clean_surname(surname), given))
    return out or None


def _has_particle_only(p: str) -> bool:
    return all(w[0].isupper() or w.lower() in PARTICLES for w in p.split())


@functools.lru_cache(maxsize=4096)  # (asked twice an entry of the same pieces, and of "J." again and again)
def _is_given(piece: str) -> bool:
    """Given names, possibly followed by the surname's particles: "Pieter van der", "J. K.", "Ana de la"."""
    words, _ = _split_trailing_particles(piece)
    words = " ".join(words).replace(".", ". ").split()
    return 0 < len(words) <= 4 and all(_GIVEN_WORD.match(w) for w in words)


def _split_trailing_particles(piece: str) -> tuple[list[str], list[str]]:
    """ "Pieter van der" -> (["Pieter"], ["van", "der"])."""
    words = piece.split()
    k = len(words)
    while k > 1 and words[k - 1].lower() in PARTICLES:
        k -= 1
    return words[:k], words[k:]


def _surname_given(surname: str, given: str) -> tuple[str, str]:
    """Move particles written after the given names to the surname: "Berg, Pieter van der" is
    "van der Berg"."""
    names, particles = _split_trailing_particles(given)
    if particles:
        return " ".join([*particles, surname]), " ".join(names)
    return surname, given


@functools.lru_cache(maxsize=4096)  # (asked twice an entry of the same pieces)
def _split_person(p: str) -> tuple[str, str]:
    """ "Avery SV" -> ("Avery", "SV"); "J. Smith" -> ("Smith", "J."); "Smith" -> ("Smith", "")."""
    words = p.split()
    if len(words) >= 2 and _INITIALS.match(words[-1]) and not _INITIALS.match(words[0]):
        return " ".join(words[:-1]), words[-1]
    if len(words) >= 2 and all(_INITIALS.match(w) for w in words[:-1]):
        return words[-1], " ".join(words[:-1])
    return p, ""


def _add_person(ref: Reference, p: str) -> None:
    p = p.strip().strip(",.;")
    if not p:
        return
    if "," in p:
        surname, given = (x.strip() for x in p.split(",", 1))
    else:
        surname, given = _split_person(p)
    ref.authors.append(_clean_surname(surname))
    ref.given.append(given)


def _clean_surname(s: str) -> str:
    return s.strip().strip(",.;:").strip()


_CLOSING = {'"': '"', "“": "”", "‘": "’", "'": "'", "«": "»"}


# an editor's, translator's or compiler's marker after the names: "Burton, Antoinette, ed. *Title*"
_ROLE = re.compile(r"[\s.,]*(?:eds?|trans|tr|comps?)\.(?:\s+(?:and|&)\s+(?:eds?|trans)\.)?\s+")


def _after_role(rest: str, year: str | None) -> str:
    """What follows the names with an editor's marker ("ed.", "eds.", "trans.") before the title left
    out, and the year after it ("Burton, A., ed. 2005. Title"): the marker is no title."""
    m = _ROLE.match(rest)
    if m is None:
        return rest
    rest = rest[m.end() :]
    if year and rest.startswith(year):
        rest = rest[len(year) :].lstrip(").")
    return rest


def _title(rest: str) -> str | None:
    if "](" in rest:
        # a Markdown link, "[A title](https://doi.org/...)": the title is its text (the address stays
        # the entry's URL, read from the whole entry)
        rest = _MARKDOWN_LINK().sub(r"\1", rest)
    rest = rest.strip().lstrip(".,:; ")
    if rest[:1] in _CLOSING:
        # the quotation closes at its own closing mark, not at an apostrophe inside ("Women’s health")
        close = re.escape(_CLOSING[rest[0]])
        q = re.match(rf"^.\s*(.+?)\s*[,.]?\s*{close}(?![^\W\d_])", rest)
        if q:
            return q.group(1).strip(" ,.")
    m = _TITLE_END.match(rest)
    title = (m.group(1) if m else rest[:200]).strip()
    return title or None


# Patterns of the functions above, compiled once (those few documents need, on first use: start-up).
# a Markdown link, "[text](address)", "[text](<address>)", "[text](address "tooltip")" (an address
# may hold one level of parentheses: "https://en.wikipedia.org/wiki/Mercury_(planet)")
_MARKDOWN_LINK = lazy_pattern(
    r"\[([^\[\]\n]+)\]\((?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))+)(?:\s+\"[^\"\n]*\")?\)"
)
_HTTP = re.compile(r"https?://")
_SEMI_START = lazy_pattern(r"\s*[;:]")
_WORD2 = lazy_pattern(r"[^\W\d_]{2,}")
_LOCATOR_WORDS = lazy_pattern(r"\b(?:pp?|Available\s+(?:at|from|online)|Accessed|Retrieved\s+from)\b[.:]?")
_LINK = lazy_pattern(r"(?:https?://|doi:\s*|www\.)\S*", re.IGNORECASE)
_QUOTE_OR_URL = lazy_pattern(r"[\"“”]|https?://")
_BRACKETS_URLS = re.compile(r"\[[^\]]*\]|https?://\S+")
_ORG_WORD = lazy_pattern(r"\b(?:of|for|on|and|the|de|des|du)\b")
_WHOLE_WORD = lazy_pattern(r"^[A-Z][a-z]{2,}$")  # a "given name" that may be a word of a name: "Scientific"
_PIECES = re.compile(r"[,;]|\s+(?:and|&)\s+")
_STOP_SPACE = lazy_pattern(r"\.\s")
_NOISE = lazy_pattern(r"\[[^\]]*\]|<[^>]*>|https?://\S+")
_EDS_PAREN = lazy_pattern(r"\s*\((?:eds?|comp|ed\.|eds\.|trans)\.?\)\s*$", re.I)
_EDS_WORD = lazy_pattern(r"(?:,\s*|\s+|^)(?:eds?|editors?)\.?\s*$", re.I)
_AND_SPLIT = lazy_pattern(r"\s+(?:and|&|und|y|et)\s+")
_LOWER_WORD = lazy_pattern(r"\b[a-z]{2,}\b")
_COMMA_AND = lazy_pattern(r",|\s+(?:and|&)\s+")
_LEAD_AND = lazy_pattern(r"^(?:and|&)\s+")
# (a full stop after a part's number that follows a colon is no end: "Antiviral Drugs: 3. Antiviral
# Agents Against Herpes")
_TITLE_END = re.compile(r"(.+?[^A-Z\s])(?<!:\s\d)\.(?:\s|$)")
_REPRINT = re.compile(REPRINT)
_NAME_START = re.compile(
    rf"^\s*[{APOS}]?(?:{UPPER}|\d|(?:van|von|de|der|den|du|la|le|di|da|del|della|dos|ter|ten|al|el|d')\b|[a-z]+{UPPER})"
)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


__all__ = [
    "Region",
    "bibliographic_essay",
    "find_reference_region",
    "looks_like_entry",
    "nested_list",
    "parse_entry",
    "parse_references",
    "split_item",
]
