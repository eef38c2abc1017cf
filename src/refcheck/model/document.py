"""Document: normalised text plus a map back to source positions, footnotes and reference list.

Offsets inside, line:column at the edge: every stage works on offsets into ``Document.text``;
only reporters turn them into the line and column of the original file, through ``SourceMap``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcheck.links.results import Link
    from refcheck.model.citations import Citation
    from refcheck.model.findings import Finding
    from refcheck.model.references import Reference


class Ranges:
    """Whether an offset lies in one of many (possibly overlapping) ranges, by binary search over the
    merged ranges: a document with thousands of code spans and thousands of citations stays linear."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for a, b in sorted(ranges):
            if ends and a <= ends[-1]:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        self._starts = starts
        self._ends = ends

    def __call__(self, offset: int) -> bool:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]


class SourceMap:
    """Maps an offset in the normalised text to a (line, column) in the source file, both 1-based.

    A loader records *anchors*: "text offset ``o`` stands at source line ``l``, column ``c``". Between
    anchors, each character of text advances the column by one and each newline in the text moves to
    the next source line, column 1. A plain-text file needs one anchor at (0, 1, 1); an HTML loader
    adds one wherever text is taken from a new place in the markup.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._offsets: list[int] = []
        self._positions: list[tuple[int, int]] = []
        self._newlines: list[int] | None = None

    @classmethod
    def identity(cls, text: str) -> SourceMap:
        smap = cls(text)
        smap.add(0, 1, 1)
        return smap

    def add(self, offset: int, line: int, column: int) -> None:
        """Anchor text ``offset`` at source ``line``/``column``; anchors are added in offset order."""
        if self._offsets and offset < self._offsets[-1]:
            raise ValueError("anchors must be added in increasing offset order")
        if self._offsets and offset == self._offsets[-1]:
            self._positions[-1] = (line, column)
            return
        self._offsets.append(offset)
        self._positions.append((line, column))

    def _newline_offsets(self) -> list[int]:
        if self._newlines is None:
            text, found = self._text, []
            i = text.find("\n")
            while i != -1:  # str.find, not a loop over every character: reports call this per file
                found.append(i)
                i = text.find("\n", i + 1)
            self._newlines = found
        return self._newlines

    def locate(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) in the source of text ``offset``."""
        if not self._offsets:
            return (1, 1)
        i = bisect.bisect_right(self._offsets, offset) - 1
        if i < 0:
            i = 0
        anchor = self._offsets[i]
        line, column = self._positions[i]
        if offset <= anchor:
            return (line, column)
        newlines = self._newline_offsets()
        lo = bisect.bisect_left(newlines, anchor)
        hi = bisect.bisect_left(newlines, offset)
        if hi > lo:
            return (line + hi - lo, offset - newlines[hi - 1])
        return (line, column + offset - anchor)

    def locator(self) -> Callable[[int], tuple[int, int]]:
        """``locate``, for many offsets in a row (a report's records): the same answers, with one
        binary search instead of three when the map has one anchor, at the start (plain text)."""
        if type(self).locate is not SourceMap.locate or self._offsets != [0]:
            return self.locate
        line, column = self._positions[0]
        newlines = self._newline_offsets()
        search = bisect.bisect_left

        n = len(newlines)
        last = [0]  # the line found last: a report asks in the text's order, mostly on that line again

        def locate(offset: int) -> tuple[int, int]:
            if offset <= 0:
                return (line, column)
            hi = last[0]
            # (the line of the offset before, when it holds this one too: no binary search, which at
            # 32,000 lines took a fifth of a long report's records)
            if not ((hi == 0 or newlines[hi - 1] < offset) and (hi == n or newlines[hi] >= offset)):
                hi = last[0] = search(newlines, offset)
            return (line + hi, offset - newlines[hi - 1]) if hi else (line, column + offset)

        return locate


@dataclass
class Footnote:
    """A footnote or endnote definition: ``[1] text``, ``[^1]: text``, ``\\footnote{}``, ``<fn>``."""

    label: str
    start: int  # offset of the definition (its label) in Document.text
    end: int
    text_start: int  # offset where the note's own text starts
    text: str
    # Markdown: written without the colon after its label ("[^1] Text."), so not shown as a note
    colon_missing: bool = False
    # Markdown: indented four spaces (or a tab) after a blank line, so shown as code, not as a note
    in_code: bool = False
    # Markdown: pandoc's inline note, "^[text]", its marker and its text in one place in the prose
    inline: bool = False


def notes_span(notes: list[Footnote] | None) -> tuple[int, int] | None:
    """The part of the text the notes' definitions take (``Document.notes_region``): from the first
    to the end of the last, in whatever order the loader gave them. An inline note ("growth^[See
    ...]") stands in the prose, so it is not one of them."""
    defined = [n for n in notes or () if not n.inline]
    return (min(n.start for n in defined), max(n.end for n in defined)) if defined else None


@dataclass
class FootnoteMarker:
    """A footnote reference in the running text: ``[1]``, ``[^1]``, ``<sup>1</sup>``."""

    label: str
    start: int
    end: int
    # in a figure's or a table's caption (JATS <fig>, <table-wrap>): a float, placed by the typesetter,
    # so its place says nothing of the order the notes were numbered in
    floating: bool = False


@dataclass
class Url:
    """A URL found in the document, with the reference entry or footnote it belongs to."""

    url: str
    start: int
    end: int
    reference: str | None = None  # Reference.id
    footnote: str | None = None  # Footnote.label
    accessed: str | None = None  # ISO date the author accessed it


class SourceBytes:
    """``Document.raw``: the bytes the loader gave, or, when it gave None, ``text`` encoded in UTF-8,
    made each time they are asked for (a plain UTF-8 text file's bytes are its text: not holding
    them both saves the file's size for the whole run, a tenth of a long document's peak memory)."""

    def __get__(self, doc: Document | None, owner: type | None = None) -> bytes:
        if doc is None:
            return b""  # the field's default (dataclasses ask the class)
        raw: bytes | None = doc.__dict__["_raw"]
        return doc.text.encode("utf-8") if raw is None else raw

    def __set__(self, doc: Document, raw: bytes | None) -> None:
        doc.__dict__["_raw"] = raw


@dataclass
class Document:
    """One loaded input file and everything the pipeline learns about it.

    Loaders fill ``text``, ``source_map`` and whatever the format states outright (footnotes for
    Markdown or DOCX, the reference list for BibTeX or JATS, citation keys for LaTeX). Extractors fill
    the rest from the text; the linker fills ``Citation.references``; rules append ``findings``.
    """

    path: str
    format: str
    text: str
    source_map: SourceMap
    # Regions of ``text`` (start, end). ``reference_region`` is None until found; extractors never
    # look for citations inside it.
    reference_region: tuple[int, int] | None = None
    # False: the reference list was found with no heading over it (the entry-like paragraphs that end
    # the text), a guess
    reference_list_headed: bool = True
    notes_region: tuple[int, int] | None = None
    footnotes: list[Footnote] | None = None  # None: not given by the loader, extract from text
    footnote_markers: list[FootnoteMarker] = field(default_factory=list)
    references: list[Reference] | None = None  # None: not given by the loader, parse from text
    citations: list[Citation] = field(default_factory=list)
    # Entries a notes-bibliography document names without citing them in a form that is checked (kind
    # "mention": an archive a note names, an author the prose cites by page, MLA's "(Woolf 4)"): the
    # linker links them, an entry one links to counts as cited; they are not reported as citations.
    mentions: list[Citation] = field(default_factory=list)
    urls: list[Url] = field(default_factory=list)
    # One entry per URL occurrence once links are checked (``refcheck.links.check_links``).
    links: list[Link] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Loader-level facts: the encoding read, whether the loader supplied citations itself.
    encoding: str = "utf-8"
    citations_from_loader: bool = False
    style: str | None = None  # "author-date", "numeric", "keys" or "mixed" once known
    # Citations of the other style than ``style`` that were found but not checked (a mixture).
    other_style: int = 0
    other_style_at: int | None = None
    # Set when "[n]" could be a reference number or a footnote marker: (offset, explanation).
    unclear_brackets: tuple[int | None, str] | None = None
    # pandoc keys written in the suffix of the key before them, "[@a, @b]" (rules/citation_syntax):
    # (where the key before ends, where this one starts and ends, this key, the key before)
    keys_in_suffix: list[tuple[int, int, int, str, str]] = field(default_factory=list)
    # Why a document in which nothing is found could not be checked, when the loader knows better than
    # "no citations, no reference list" (pandoc keys without a bibliography): the empty-document rule.
    unchecked: str | None = None
    # A rendered document (DOCX, HTML) with no citation and no entry read that shows pandoc keys as
    # written, "[@smith2020]": converted without citeproc (rules/unrendered_citation), as (offset, key)
    unrendered_keys: list[tuple[int, str]] = field(default_factory=list)
    # Files the document names that are there but cannot be read (a binary or malformed .bib), as
    # (path, why): each is reported as an input file that could not be read (runner.unreadable_inputs)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    # The page holds no prose, only titles, links and directives (a Sphinx project's index of
    # toctrees, a page of automodule): nothing that could cite, so no empty-document finding
    no_prose: bool = False
    # A pandoc key the document cites with no bibliography refcheck can read ("[@10.25080/NKVC9349]" of
    # a MyST page): its reference list is built from the keys, so author-date prose has no written
    # list to be missing from (rules/missing_reference)
    unseen_key: str | None = None
    # ... and that key is a DOI which the page's builder resolves itself (mystmd): no bibliography to name
    unseen_resolved: bool = False
    # The bibliography files the front matter names that could not be read (missing, unreadable): the
    # list citeproc prints from them is not known, so author-date prose has no list refcheck can say
    # it is missing from (rules/missing_reference; the input-bibliography finding says why)
    unread_bibliographies: list[str] = field(default_factory=list)
    # Entries a citation misses by the punctuation pandoc leaves out of its key, when the manuscript's
    # builder resolves the key itself (Manubot): "@url:https://x.org/book/" cites "url:https://x.org/book"
    # (a key ends before a final '/'), which Manubot fetches, not the entry "url:https://x.org/book/".
    # The entry's key -> the key the citation gives
    near_keys: dict[str, str] = field(default_factory=dict)
    # Citations a renderer printed unresolved, pandoc's "(**smith2020?**)" for a key its bibliography
    # lacks (the key, in a JATS or HTML file pandoc made): added to the citations, whichever way they
    # are read
    unresolved: list[Citation] = field(default_factory=list)
    # JATS <article article-type="...">: a "correction" or "retraction" notice lists the article it
    # concerns, which its text names without citing it
    article_type: str | None = None
    # JATS: a supplementary material says it holds references (Science's "This PDF file includes: ...
    # References"): the entries a numbered list ends with that the text does not cite are its
    supplement_cites: bool = False
    # JATS: the article has supplementary material (<supplementary-material>), which may cite works of
    # its list that the text does not (rules/uncited_reference)
    supplement: bool = False
    # JATS: the keys (rids) of entries that the file's parts not checked on their own cite (a
    # translation, an author response, a decision letter without a list), and which part: an entry
    # only they cite is not cited in the article's text, but the file does cite it
    cited_elsewhere: dict[str, str] = field(default_factory=dict)
    # Offsets where a block (paragraph, heading, list item) starts, sorted, from loaders whose text
    # does not show them by a blank line (HTML, DOCX, a Markdown heading): a citation's names are
    # never read across one ("Materials and Methods" / "Miller (2005) found ..."). A blank line ends a
    # block in every format.
    block_starts: list[int] = field(default_factory=list)
    # LaTeX: the BibTeX style the document uses (``\\bibliographystyle{apsrev4-2}``; "revtex4-2" for a
    # revtex document that names none, whose class chooses its society's)
    bib_style: str | None = None
    # LaTeX: the document names no bibliography at all (no \\bibliography, \\addbibresource or
    # thebibliography): its keys are one defect, said once (rules/missing_reference)
    no_bibliography: bool = False
    # LaTeX, with no_bibliography: the document sets a style (\\bibliographystyle{...}) all the same, so a
    # package or class refcheck does not read may name its .bib: its keys cannot be checked
    style_without_bibliography: bool = False
    # LaTeX: the file checked is a fragment (no \\documentclass, in it or in what it inputs) that no
    # main file inputs: its bibliography, if any, is named by a main file refcheck did not find
    fragment: bool = False
    # LaTeX: several \\bibliography commands name other files (chapterbib's one per chapter, each read by
    # BibTeX alone): a key or a work in two of those files is no duplicate
    separate_bibliographies: bool = False
    # Ranges of text in table cells (DOCX, HTML), sorted: a "References" there labels a row of a
    # checklist or a form, not the reference list.
    table_cells: list[tuple[int, int]] = field(default_factory=list)
    # HTML: ranges of text in emphasis elements, as (start, end, strong), sorted by start: ``<em>``,
    # ``<i>``, ``<cite>`` (strong False) and ``<strong>``, ``<b>`` (strong True), whose markup the text
    # drops (Markdown keeps its "*" and "**" in the text): "<em>Harry Potter</em> (2001)" is a title
    # before its year, "<strong>Paris (2015)</strong>" a label (rules/missing_reference)
    emphasis: list[tuple[int, int, bool]] = field(default_factory=list)
    # (offset, level) of each heading a loader knows by its markup rather than by its text (a DOCX
    # paragraph styled "Heading 2": level 2), in order; a reference list under one ends at the next
    # of the same or a higher level
    headings: list[tuple[int, int]] = field(default_factory=list)
    # Ranges of text that are not prose (code blocks, comments, front matter): no citations there.
    excluded: list[tuple[int, int]] = field(default_factory=list)
    # Links of the text to entries of the reference list (HTML: <a href="#ref-12">12</a>), as (start,
    # end, entry id): the publisher's own word on what each cites (pipeline._follow_citation_links)
    citation_links: list[tuple[int, int, str]] = field(default_factory=list)
    # Links of the text to a place in it (DOCX: a w:hyperlink to a bookmark), as (start, end, offset of
    # the place): those to an entry of the reference list join citation_links once the list is read
    anchor_links: list[tuple[int, int, int]] = field(default_factory=list)
    # Suppression comments: source line -> rule names silenced there ("*" for all).
    suppressions: dict[int, set[str]] = field(default_factory=dict)
    # Every rule name a suppression comment gives: (source line, column, name), for unknown-suppression.
    suppression_names: list[tuple[int, int, str]] = field(default_factory=list)
    # Spans of ``text`` taken from other files (LaTeX \\input): (start, end, path); findings there
    # name that file.
    files: list[tuple[int, int, str]] = field(default_factory=list)
    # Further documents the same file holds, each checked on its own and its findings reported with
    # this one's, named by ``part``: the other articles of a JATS <pmc-articleset>, a sub-article
    # (a peer review, a decision letter) with a reference list of its own.
    parts: list[Document] = field(default_factory=list)
    part: str | None = None
    # Raw bytes of the source, for the fix command (never written back without --write); a loader
    # may give None when they are exactly ``text`` in UTF-8 (``SourceBytes``).
    raw: SourceBytes = SourceBytes()
    # footnote_at's index: (the list it was built for, its length, sorted starts, order, disjoint)
    _note_index: tuple[list[Footnote], int, list[int], list[int], bool] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def locate(self, offset: int) -> tuple[int, int]:
        return self.source_map.locate(offset)

    def footnote_at(self, offset: int) -> Footnote | None:
        """The footnote definition whose text holds ``offset``, if any (a binary search: a document
        with 10,000 notes asks this for every citation and URL)."""
        notes = self.footnotes
        if not notes:
            return None
        index = self._note_index
        if index is None or index[0] is not notes or index[1] != len(notes):
            order = sorted(range(len(notes)), key=lambda i: (notes[i].start, i))
            disjoint = all(notes[a].end <= notes[b].start for a, b in itertools.pairwise(order))
            index = self._note_index = (notes, len(notes), [notes[i].start for i in order], order, disjoint)
        _, _, starts, order, disjoint = index
        if not disjoint:
            return next((n for n in notes if n.start <= offset < n.end), None)
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < notes[order[i]].end:
            return notes[order[i]]
        return None
