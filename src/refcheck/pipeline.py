"""The pipeline: load -> document model -> citations -> references -> link -> rules -> links -> report.

Each stage is one call here, in order, so that one citation can be followed from file to report:

    doc = load(path)            # loaders/: bytes -> Document (text, source map, what the format states)
    structure(doc)              # extract/: reference list region, entries, footnotes and markers
    extract_citations(doc)      # extract/: author-date, numeric and key citations in the prose
    link_document(doc)          # matching/: each citation -> exactly one entry, or a reason
    run_rules(doc)              # rules/: findings from the model
    (links)                     # links/: URL liveness, when enabled
"""

from __future__ import annotations

import bisect
import errno
import gc
import itertools
import os
import re
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from refcheck import suppress
from refcheck.discovery import Discovery, blank_file, discover_files
from refcheck.errors import InputError
from refcheck.extract.author_date import KnownAuthors, extract_author_date
from refcheck.extract.footnotes import digit_markers, numbered_endnotes, r_printed, text_footnotes
from refcheck.extract.numeric import (
    RangeBudget,
    bracket_groups,
    bracket_markers,
    display_labels,
    drop_enumerations,
    drop_label_references,
    extract_cued_numeric,
    extract_keyed,
    extract_numeric,
    extract_paren_numeric,
    widen_ranges,
)
from refcheck.extract.reference_list import (
    Region,
    bibliographic_essay,
    counts_on,
    find_reference_region,
    looks_like_entry,
    parse_references,
)
from refcheck.extract.urls import find_urls, may_hold_urls, parse_access_date
from refcheck.files import (
    FileTooLarge,
    NotRegularFile,
    after_bom,
    read_regular,
    reading_limit,
    size_text,
)
from refcheck.loaders import (
    CONVERT,
    DEFAULT_MAX_FILE_SIZE,
    LOADERS,
    SUFFIXES,
    format_for,
    sniff,
    unreadable,
)
from refcheck.matching.linker import link_document
from refcheck.model import (
    Citation,
    Document,
    Finding,
    Footnote,
    LinkStatus,
    Ranges,
    Reference,
    Severity,
    Url,
    notes_span,
)
from refcheck.rules import ALL as ALL_RULES
from refcheck.sanitize import one_line

if TYPE_CHECKING:
    from refcheck.links.options import LinkOptions
    from refcheck.links.prefetch import Prefetch
    from refcheck.links.report import LinkReport
    from refcheck.reporters._common import Encoded
    from refcheck.verify.options import VerifyOptions

__all__ = ["DEFAULT_MAX_FILE_SIZE", "CheckOptions", "FileResult", "check_file", "check_paths", "load"]


@dataclass
class CheckOptions:
    """What to check and how; the CLI and the configuration file fill it."""

    links: bool = False
    input_format: str | None = None
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    select: list[str] | None = None  # rule names to run (None: all)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # rule -> severity override
    bib: list[str] = field(default_factory=list)  # --bib: bibliography files for pandoc keys / LaTeX
    # Link checking (refcheck.links.LinkOptions); the names match the configuration keys.
    link_timeout: float = 10.0
    link_max_concurrency: int = 16
    link_per_host: int = 4
    link_exclude: list[str] = field(default_factory=list)
    link_accept: list[int] | None = None  # None: any 2xx is alive
    link_archive: str | bool = "auto"  # auto | all | none (True: auto, False: none)
    link_archive_api: str | None = None  # None: REFCHECK_ARCHIVE_API or the Wayback Machine's
    link_allow_private_hosts: bool = False
    link_cache: bool = True
    link_cache_max_age: float = 86400.0
    link_stage_timeout: float = 900.0  # seconds the whole link stage may take (0: no limit)
    # Verification: each entry looked up in the registries (refcheck.verify; the verification
    # rules), and, with links, the cited pages' titles compared with the entries' (link-content-*).
    verify: bool = True
    verify_crossref_api: str | None = None  # None: REFCHECK_CROSSREF_API or Crossref's
    verify_openalex_api: str | None = None  # None: REFCHECK_OPENALEX_API or OpenAlex's
    verify_doi_api: str | None = None  # None: REFCHECK_DOI_API or doi.org's handle API
    verify_mailto: str | None = None  # None: REFCHECK_MAILTO; joins the registries' polite pools
    verify_stage_timeout: float = 900.0  # seconds the whole verification stage may take (0: no limit)
    # The run's project root (runner.plan): files a document names (a Markdown bibliography, a
    # chapter) are read only inside it. None: the document's own project (project.py).
    project_root: str | None = None
    # The document's bytes when they come from elsewhere than its path: standard input
    # (``refcheck check -``, runner.Stdin); its format is then found from them when the path's
    # suffix does not say it (loaders.sniff).
    content: bytes | None = None

    def link_options(self) -> LinkOptions:
        from refcheck.links.options import LinkOptions

        archive = self.link_archive
        if isinstance(archive, bool):
            archive = "auto" if archive else "none"
        opts = LinkOptions(
            timeout=self.link_timeout,
            max_concurrency=self.link_max_concurrency,
            per_host=self.link_per_host,
            exclude=list(self.link_exclude),
            accept=frozenset(self.link_accept) if self.link_accept else None,
            archive=archive,
            allow_private_hosts=self.link_allow_private_hosts,
            cache=self.link_cache,
            cache_max_age=float(self.link_cache_max_age),
            stage_timeout=float(self.link_stage_timeout),
            check_content=self.verify,
        )
        if self.link_archive_api:
            opts.archive_api = self.link_archive_api
        return opts

    def verify_options(self) -> VerifyOptions:
        from refcheck.verify.options import VerifyOptions

        opts = VerifyOptions(cache=self.link_cache, stage_timeout=float(self.verify_stage_timeout))
        for name in ("crossref_api", "openalex_api", "doi_api", "mailto"):
            value = getattr(self, f"verify_{name}")
            if value:
                setattr(opts, name, value.rstrip("/") if name != "mailto" else value)
        return opts


@dataclass
class FileResult:
    """One input file: its document, or the one-line reason it could not be checked."""

    path: str
    doc: Document | None = None
    error: str | None = None
    # the file's JSON record, encoded where the file was checked (``runner.KEEP``: "record"); then
    # ``doc`` holds only the findings
    record: Encoded | None = None


# --- stage 1: load ---------------------------------------------------------------------------------


_LFS_POINTER = b"version https://git-lfs.github.com/spec/v1"


def load(path: str, options: CheckOptions | None = None) -> Document:
    options = options or CheckOptions()
    if options.content is not None:
        return _load_content(path, options.content, options)
    fmt = options.input_format or format_for(path)
    if fmt is None or fmt not in LOADERS:
        known = ", ".join(sorted(SUFFIXES))
        suffix = Path(path).suffix.lower()
        if suffix in CONVERT:  # a .doc, a PDF: say what to do with it
            raise InputError(f"unsupported file type: {unreadable(suffix)}")
        raise InputError(f"unsupported file type (refcheck reads {known}; use --input-format)")
    try:
        data = read_regular(path, options.max_file_size)
    except NotRegularFile:
        raise InputError("not a regular file (a device, a FIFO or a socket); refcheck reads files") from None
    except FileTooLarge as exc:
        raise InputError(
            f"the file is {size_text(exc.size)}, over the {size_text(exc.limit)} limit (--max-file-size)"
        ) from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})") from None
    return _load_bytes(path, fmt, data, options)


def _load_content(path: str, data: bytes, options: CheckOptions) -> Document:
    """A document whose bytes were read elsewhere (standard input): the format is the option's, the
    suffix's of the name it is checked under, or what its first bytes show."""
    if len(data) > options.max_file_size:
        raise InputError(
            f"standard input holds more than the {size_text(options.max_file_size)} limit (--max-file-size)"
        )
    fmt = options.input_format or format_for(path) or sniff(data)
    if fmt not in LOADERS:
        raise InputError(f"unsupported input format {fmt!r}")
    return _load_bytes(path, fmt, data, options, "standard input")


def _load_bytes(
    path: str, fmt: str, data: bytes, options: CheckOptions, source: str = "the file"
) -> Document:
    # (isspace, not strip: no copy of a long file's bytes to see that it holds more than white space)
    text = after_bom(data)  # (a byte order mark alone: Notepad's empty file)
    if not text or text.isspace():  # empty, of any format: bad input, as a binary or truncated file is
        raise InputError(f"{source} is empty" if not text else f"{source} holds only white space")
    if data.startswith(_LFS_POINTER) and len(data) < 1024:
        # a repository's large file not fetched: the checkout holds its pointer, not the document
        raise InputError(
            "a Git LFS pointer, not the document itself; fetch the file (git lfs pull) and check it again"
        )
    # files the document names (\input files, bibliographies, chapters): the same limit, and for
    # Markdown only inside the project (the run's root)
    with reading_limit(options.max_file_size, options.project_root):
        doc = LOADERS[fmt](path, data)
    if options.bib and doc.format in ("markdown", "latex"):
        from refcheck.loaders.pandoc import use_bibliography  # pybtex: only with --bib

        use_bibliography(doc, options.bib)
    return doc


# --- stage 2: structure ----------------------------------------------------------------------------


def structure(doc: Document) -> None:
    """Find the reference list, its entries, the footnotes and their markers."""
    text = doc.text
    notes = doc.footnotes
    if doc.format in ("markdown", "text"):
        printed = r_printed(text)
        if printed:  # (R's output pasted as text: no notes, entries or citations there)
            doc.excluded = sorted([*doc.excluded, *printed])
    if notes is None:
        skip = Ranges(doc.excluded)
        notes = [n for n in text_footnotes(text) if not skip(n.start)]
        if not notes and doc.format == "text":
            notes = _numbered_endnotes(text, skip)
        doc.notes_region = notes_span(notes)
    region: Region | None = None
    if doc.references is None:
        region = find_reference_region(doc)
        if region is not None and doc.footnotes is None:
            inside = [n for n in notes if region.start <= n.start < region.end]
            region_text = text[region.start : region.end]
            labelled = region_text.count("\n[") + region_text.startswith("[")
            lines = max(1, sum(1 for ln in region_text.split("\n") if ln.strip()))
            if inside and labelled < lines / 2 and not _wrapped_numbered_list(region_text):
                region = Region(region.start, inside[0].start, region.heading)
                inside = [n for n in notes if region.start <= n.start < region.end]
            in_list = {id(n) for n in inside}  # (by identity: thousands of notes stay linear)
            notes = [n for n in notes if id(n) not in in_list]
        elif (
            region is None
            and doc.footnotes is None
            and len(notes) >= 2
            and (
                sum(1 for n in notes if looks_like_entry(n.text)) > len(notes) / 2
                or _cited_in_groups(text, notes)
            )
        ):
            # "[1] Avery SV (2006) ..." with no heading: a numbered reference list, not notes; and
            # "[1] Bert Bolin. The Kyoto negotiations ... 1998." that the text cites several at a time,
            # "[4, 10, 8]", as no note is called (a PDF's text of a paper in BibTeX's plain style)
            region = Region(notes[0].start, notes[-1].end, False)
            notes = []
        doc.references = parse_references(doc, region) if region else []
        if region:
            doc.reference_region = (region.start, region.end)
            doc.reference_list_headed = region.heading
        refs = doc.references
        if doc.footnotes is None and notes and sum(1 for r in refs if r.label) > len(refs) / 2:
            # "[10] proposed a model ...": with a numbered list, a paragraph that opens with a
            # reference number and runs on in lower case is prose citing [10], not a note
            starts = [n.start for n in notes]
            notes = [
                n
                for n in notes
                if not re.match(r"[a-z]", n.text) and not _mid_paragraph(text, n, notes, starts)
            ]
    else:
        given = doc.references
        if given and bibliographic_essay([r.text for r in given]):
            doc.references = []  # (a loader's list, a page's "Sources" that is an essay on them)
    doc.footnotes = notes
    doc.notes_region = notes_span(notes)


# a bracket of several numbers, "[4, 10, 8]", "[9, 2]", "[3-5]": a numeric citation group
_NUMBER_GROUP = re.compile(r"\[\d{1,4}(?:\s*[,;\-\u2013\u2014]\s*\d{1,4})+\]")


def _cited_in_groups(text: str, notes: list[Footnote]) -> bool:
    """Whether the text before the "[n] text" lines cites their labels several in one bracket ("[4,
    10, 8]") twice or more: a reference list's numbers, as a note is called alone."""
    labels = {n.label for n in notes}
    groups = 0
    for m in _NUMBER_GROUP.finditer(text, 0, notes[0].start):
        if all(x in labels for x in re.findall(r"\d+", m.group(0))):
            groups += 1
            if groups >= 2:
                return True
    return False


def _mid_paragraph(text: str, note: Footnote, notes: list[Footnote], starts: list[int]) -> bool:
    """Whether a "[21] (Figure 2). Tilted ..." line continues the paragraph of the line before it, a
    line of prose (hard-wrapped text put the citation at the start of a line), not of a note."""
    before = text.rfind("\n", 0, note.start)
    if before <= 0:
        return False
    prev_start = text.rfind("\n", 0, before) + 1
    if not text[prev_start:before].strip():
        return False  # a blank line before: a note, or a paragraph, of its own
    k = bisect.bisect_right(starts, prev_start) - 1  # the note the line before falls in, if any
    return not (k >= 0 and notes[k] is not note and prev_start < notes[k].end)


_LABEL_LINE = re.compile(r"^\[(\d{1,4})\]", re.M)


def _wrapped_numbered_list(region: str) -> bool:
    """Whether a list's "[n]" lines are entries wrapped over several lines (fewer than half of the
    lines carry a label): it opens with its first label, and the labels count on, 1, 2, 3 ..."""
    if not region.lstrip().startswith("["):
        return False
    return counts_on([int(n) for n in _LABEL_LINE.findall(region)])


# what may stand between a bookmark and its entry's text: marks and its number ("7. ", "[12] ")
_BEFORE_ENTRY = re.compile(r"[\W_]*(?:\d{1,4}[\W_]*)?")


def _anchor_citation_links(doc: Document) -> list[tuple[int, int, str]]:
    """``Document.anchor_links`` that lead to an entry of the reference list (its bookmark stands in
    the entry or just before its text), as ``citation_links``; the list's own links are left out."""
    ordered = sorted(doc.references or [], key=lambda r: r.start)
    starts = [r.start for r in ordered]
    region = doc.reference_region
    out: list[tuple[int, int, str]] = []
    for a, b, at in doc.anchor_links:
        if region and region[0] <= a < region[1]:
            continue
        k = bisect.bisect_right(starts, at) - 1
        if k >= 0 and at < ordered[k].end:
            out.append((a, b, ordered[k].id))
        elif k + 1 < len(ordered) and _BEFORE_ENTRY.fullmatch(doc.text, at, ordered[k + 1].start):
            out.append((a, b, ordered[k + 1].id))
    return out


def _read_citation_links(doc: Document, exclusive: bool = True) -> None:
    """What the links of the text to entries of the list (``Document.citation_links``) say of its
    citations. A page that cites by links (they lead to half its entries or more) cites by nothing
    else: a number in parentheses that is no link, "(5)" for a chemical compound or "137 (62)" of a
    mass spectrum, is no citation. A link no citation was read in (BMJ's ``<a class="xref-bibr"
    href="#ref-12">12</a>``, set in superscript by the page's style) is a citation of its entries.
    Not ``exclusive``: the links are a DOCX's to its entries' bookmarks, which a citation may lack
    (Word's compare of two versions keeps few of them): they add citations, and take none away."""
    refs = {r.id: r for r in doc.references or []}
    groups: dict[tuple[int, int], list[str]] = {}
    for a, b, rid in doc.citation_links:
        if rid in refs:
            groups.setdefault((a, b), []).append(rid)
    if not groups:
        return
    spans = sorted(groups)
    # every link within the page: a number in one that leads to an entry the list lacks still cites
    anywhere = sorted({(a, b) for a, b, _ in doc.citation_links})
    ends = list(itertools.accumulate((b for _, b in anywhere), max))  # (links may nest)
    link_starts = [a for a, _ in anywhere]

    def linked(start: int, end: int) -> bool:
        k = bisect.bisect_left(link_starts, end)
        return k > 0 and ends[k - 1] > start

    targets = {rid for ids in groups.values() for rid in ids}
    if exclusive and len(targets) >= 3 and 2 * len(targets) >= len(refs):
        doc.citations = [c for c in doc.citations if c.kind != "numeric" or linked(c.start, c.end)]
        if doc.style == "author-date":
            doc.other_style, doc.other_style_at = 0, None  # ("(Video 1)" is no numeric citation)
    read = sorted((c.start, c.end) for c in doc.citations)
    read_starts = [a for a, _ in read]
    added: list[Citation] = []
    for a, b in spans:
        k = bisect.bisect_left(read_starts, b)
        if k > 0 and read[k - 1][1] > a:
            continue  # a citation was read in it
        entries = [refs[rid] for rid in groups[(a, b)]]
        text = doc.text[a:b].strip() or entries[0].id
        labels = [r.label for r in entries]
        if all(label and label.isdigit() for label in labels) and (doc.style == "numeric" or not read):
            numbers = tuple(int(label or 0) for label in labels)
            added.append(Citation(text=text, start=a, end=b, kind="numeric", numbers=numbers))
        elif doc.style != "numeric" or not read:
            for r in entries:
                r.key = r.key or r.id
                added.append(Citation(text=text, start=a, end=b, kind="key", key=r.key))
    if added:
        if not doc.citations:
            doc.style = "numeric" if all(c.kind == "numeric" for c in added) else doc.style
        doc.citations = sorted([*doc.citations, *added], key=lambda c: c.start)


def _numbered_endnotes(text: str, skip: Ranges) -> list[Footnote]:
    """The "1. text" endnotes under a "Notes" heading of a plain-text document, when the text before
    them marks most of them ("formation.1"): without their marks they stay prose, as they were read
    before (a notes section whose marks were lost in the copy is no defect of the document)."""
    notes = [n for n in numbered_endnotes(text) if not skip(n.start)]
    if not notes:
        return []
    marked = {m.label for m in digit_markers(text, 0, notes[0].start, {n.label for n in notes})}
    return notes if len(marked) * 2 >= len(notes) else []


def prose_segments(doc: Document) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, footnote label) of the prose: the body, then each note; never the reference list."""
    text = doc.text
    cuts: list[tuple[int, int]] = list(doc.excluded)
    if doc.reference_region:
        cuts.append(doc.reference_region)
    note_spans = [(n.start, n.end) for n in doc.footnotes or []]
    cuts.extend(note_spans)
    cuts.sort()
    pos = 0
    for a, b in cuts:
        if a > pos:
            yield pos, a, None
        pos = max(pos, b)
    if pos < len(text):
        yield pos, len(text), None
    for n in doc.footnotes or []:
        if n.start >= 0:
            yield n.text_start, n.end, n.label


# --- stage 3: citations ----------------------------------------------------------------------------


def _with_cued(
    text: str, numeric: list[Citation], segments: list[tuple[int, int, str | None]], size: int
) -> list[Citation]:
    """The bracketed numbers and the cued numbers in parentheses no bracket holds ("(see 40)")."""
    cued = [c for a, b, label in segments for c in extract_cued_numeric(text, a, b, size, footnote=label)]
    if not cued:
        return numeric
    spans = sorted((c.start, c.end) for c in numeric)
    cued = [c for c in cued if not _within(spans, c.start)]
    return sorted(numeric + cued, key=lambda c: c.start) if cued else numeric


def extract_citations(doc: Document) -> None:
    _extract_citations(doc)
    if doc.unresolved:
        doc.citations = sorted([*doc.citations, *doc.unresolved], key=lambda c: c.start)


def _extract_citations(doc: Document) -> None:
    if doc.citations_from_loader:
        if doc.format in ("latex", "jats") and doc.footnotes and doc.references:
            _hand_typed_notes(doc)
        return
    refs = doc.references or []
    text = doc.text
    segments = list(prose_segments(doc))
    numbered = bool(refs) and sum(1 for r in refs if r.label) > len(refs) / 2
    zero = numbered and any(r.label == "0" for r in refs)  # a list numbered from 0 ("[0]", "<sup>0</sup>")
    carets = doc.format == "markdown"  # pandoc's superscript, "growth^1^"
    known = KnownAuthors.of(refs)
    known.blocks = doc.block_starts
    author_date: list[Citation] = []
    numeric: list[Citation] = []
    parens: list[Citation] = []
    for a, b, label in segments:
        found = extract_author_date(text, a, b, known, footnote=label)
        if found and doc.format == "markdown" and label is None:
            found = [
                c for c in found if not _in_heading(text, c) or known.knows(c.authors[0] if c.authors else "")
            ]
        author_date.extend(found)
        if numbered:
            numeric.extend(
                extract_numeric(text, a, b, footnote=label, list_size=len(refs), zero=zero, carets=carets)
            )
            parens.extend(extract_paren_numeric(text, a, b, len(refs), footnote=label))
    # the numbers read by heuristics do not outvote brackets ("retry(3)", "sleep(2)" in a Markdown page
    # citing "[1]")
    # (nor do the numbers of an enumeration, "(1) mutual engagement, (2) a joint enterprise")
    # (nor do the labels of displayed items, "(36)" on its line, and the references to them, "in
    # (36)–(38)", in a linguistics paper numbering its examples)
    shown = display_labels(text, parens) if parens else set()
    if shown:
        parens = drop_label_references(text, parens, shown, len(refs))
    paren_votes = (
        sum(
            1
            for c in drop_enumerations(text, parens, anywhere=True)
            if c.confidence == "high" and not set(c.numbers) <= shown
        )
        if numeric
        else len(parens)
    )
    if numbered and paren_votes > len(numeric):
        # NLM/Vancouver "(1)", "(2–4)": the document cites in parentheses rather than brackets
        numeric = drop_enumerations(text, sorted(parens, key=lambda c: c.start))
    elif numeric:
        # a document citing "[4]" that writes "(see 40)" once (the publisher's brackets lost)
        numeric = _with_cued(text, numeric, segments, len(refs))
    # the author-date citations of listed authors: all that may outvote a numbered list's numbers
    listed = [c for c in author_date if c.authors and known.knows(c.authors[0])] if numbered else []
    if numbered and not numeric and doc.footnotes and _notes_bibliography(doc, author_date, fallback=False):
        # a list numbered by position (JATS <ref>s with no <label>) that no number in the text cites,
        # and notes that cite its works
        pass
    elif numbered and (len(numeric) >= len(author_date) or (numeric and len(numeric) >= len(listed))):
        # a numbered list cited by number; author-date lookalikes of no listed author ("three books:
        # Foundations of Social Evolution (1998), ...") do not outvote the numbers
        doc.style = "numeric"
        doc.citations = numeric
        widen_ranges(numeric, RangeBudget(len(refs)))
        # author-date citations of listed authors in a numbered document: a mixture, said at info level
        doc.other_style = len(listed)
        doc.other_style_at = listed[0].start if listed else None
    else:
        doc.style = "author-date" if refs else None
        doc.citations = author_date
        doc.other_style = len(numeric) if numbered else 0
        doc.other_style_at = numeric[0].start if numbered and numeric else None
        if refs and not numbered and doc.footnotes:
            _notes_bibliography(doc, author_date)
        elif not refs and doc.footnotes and author_date:
            _notes_without_list(doc)
    keys = {r.key for r in refs if r.key} if doc.format in ("text", "markdown") else set()
    if keys:
        # a list labelled by keys ("[Knu84] D. E. Knuth ...", "* <sup>cc2nd04</sup>[Code Complete](url)")
        # is cited by them, "[Knu84]", whatever else the prose was read to cite
        keyed = [c for a, b, label in segments for c in extract_keyed(text, a, b, keys, footnote=label)]
        if keyed:
            doc.style = "keys" if not doc.citations else doc.style
            doc.citations = sorted([*doc.citations, *keyed], key=lambda c: c.start)
    marked_up = bool(doc.citation_links)
    if doc.anchor_links and refs:
        doc.citation_links = [*doc.citation_links, *_anchor_citation_links(doc)]
    if doc.citation_links:
        _read_citation_links(doc, exclusive=marked_up)
    # "[n]" in the prose: a reference number when the list is numbered, a footnote marker when the
    # document defines "[n] text" notes; when it defines both, or neither, say so rather than guess.
    if doc.format != "text":
        return
    labels = {n.label for n in doc.footnotes or []}
    # "[1985]" of "(Virchow 1879 [1985])" is part of an author-date citation, not a bracketed number
    groups = [g for a, b, _ in segments for g in bracket_groups(text, a, b)]
    if groups:  # (the citations' spans are sorted only when there are brackets to place)
        spans = sorted((c.start, c.end) for c in author_date)
        groups = [g for g in groups if not _within(spans, g.start())]
    if doc.style != "numeric" and labels:
        doc.footnote_markers = [m for a, b, _ in segments for m in bracket_markers(text, a, b, set())]
        if not doc.footnote_markers and all(
            text[n.start : n.start + 1].strip().isdigit() for n in doc.footnotes or []
        ):
            # "1. text" endnotes (numbered_endnotes): their markers are bare numbers, "formation.1"
            doc.footnote_markers = [
                m for a, b, lbl in segments if lbl is None for m in digit_markers(text, a, b, labels)
            ]
        doc.footnote_markers.sort(key=lambda m: m.start)
    elif doc.style == "numeric" and labels:
        doc.unclear_brackets = (
            groups[0].start() if groups else None,
            "the document numbers its reference list and also defines [n] notes; "
            "refcheck read the [n] in the text as reference numbers",
        )
    elif groups and not labels and not numbered:
        doc.unclear_brackets = (
            groups[0].start(),
            f"{len(groups)} bracketed number(s) such as {groups[0].group(0)} point at neither a numbered "
            "reference list nor [n] notes; refcheck did not check them",
        )


_ATX_HEADING = re.compile(r"#{1,6}[ \t]")


def _in_heading(text: str, c: Citation) -> bool:
    """Whether an author-date citation stands in a Markdown heading, "# The Battle of Dunkirk (1940)",
    "### 5.1 EPRI DCFlex (2024 to Present)": a heading dates its subject and cites no one (unless it
    names an author of the list: "## Ostrom (1990) and the commons")."""
    line = text.rfind("\n", 0, c.start) + 1
    return _ATX_HEADING.match(text, line) is not None


def _hand_typed_notes(doc: Document) -> None:
    """A LaTeX document whose notes are typed by hand, ``\\footnote{Karl A. Wittfogel,
    \\emph{Oriental Despotism} (New Haven: Yale University Press, 1957), 22.}``, rather than made by
    ``\\cite``: when such notes outnumber the keys cited, the document is in the
    notes-bibliography style and its notes' works are its citations (with the keys it cites). So is
    a JATS article whose notes cite works in words, a few of them through an xref (a note holding an
    xref is cited by it, not read again)."""
    from refcheck.extract.notes import note_citations, whole_names

    notes = doc.footnotes or []
    if doc.format == "latex":
        from refcheck.loaders.latex import note_text

        read = note_citations(doc.text, notes, [note_text(doc.text[n.text_start : n.end]) for n in notes])
    else:
        keyed = {c.footnote for c in doc.citations if c.footnote is not None}
        read = [(n, cits) for n, cits in note_citations(doc.text, notes) if n.label not in keyed]
    citing = [note for note, cits in read if any(c.confidence == "high" for c in cits)]
    if len(citing) < 2 or len(citing) <= len(doc.citations):
        return
    doc.style = "notes-bibliography"
    whole_names([c for _, cits in read for c in cits], doc.references or [])
    doc.citations = sorted(doc.citations + [c for _, cits in read for c in cits], key=lambda c: c.start)
    _mentions(doc)


def _notes_bibliography(doc: Document, author_date: list[Citation], fallback: bool = True) -> bool:
    """A document whose notes cite works (full notes, short notes, "Ibid.": extract/notes.py) rather
    than its prose citing authors and years is in the notes-bibliography style: its citations are the
    notes' works, and what the author-date reading found inside those notes ("Press, 1957" of "(New
    Haven: Yale University Press, 1957)") is no citation. An author-date document's notes ("see
    Embassy of Azerbaijan to Mexico 2008") keep their author-date reading: the style is chosen by
    which reading finds more."""
    from refcheck.extract.notes import entries_as_notes, note_citations, publication_facts, whole_names

    read = note_citations(doc.text, doc.footnotes or [])
    facts = publication_facts(doc.text, doc.footnotes or [])
    if facts:  # ("Dent, 1909" of "(London: Dent, 1909)" in a note whose work was not read)
        author_date = [c for c in author_date if c.footnote is None or not _within(facts, c.start)]
    citing = [note for note, cits in read if any(c.confidence == "high" for c in cits)]
    in_prose = sum(1 for c in author_date if c.footnote is None and c.confidence == "high")
    if len(citing) < 2 or len(citing) <= in_prose or (in_prose and _dated_list(doc.references or [])):
        if fallback:
            _full_notes_in_author_date(doc, author_date, read)
        return False
    if entries_as_notes(doc.references or []) and doc.format == "markdown":
        # (a heading's year whose name was an entry's misread "author", "# The Battle of Dunkirk (1940)"
        # of "A.D. Divine, Dunkirk (...)", cites no one)
        known = KnownAuthors.of(doc.references or [])
        author_date = [
            c
            for c in author_date
            if c.footnote is not None
            or not _in_heading(doc.text, c)
            or known.knows(c.authors[0] if c.authors else "")
        ]
    with_works = {note.label for note, cits in read if cits}
    # (the prose keeps its author-date citations that read as citations for sure: "Wittfogel (1957)
    # argued"; a title line's "Congress and the Tariff, 1922-1934" is none)
    kept = [
        c
        for c in author_date
        if (c.footnote is None and c.confidence == "high") or (c.footnote and c.footnote not in with_works)
    ]
    notes = [c for _, cits in read for c in cits]
    whole_names(notes, doc.references or [])
    doc.style = "notes-bibliography"
    doc.citations = sorted(kept + notes, key=lambda c: c.start)
    _mentions(doc)
    return True


def _notes_without_list(doc: Document) -> None:
    """A page of notes with no reference list (a site's "Bibliography" is another page): what the
    author-date reading found inside a note that cites a work in full ("Cato Institute, *How Viktor
    Orban's Hungary Eroded the Rule of Law* (2024)") or in its facts of publication ("(London:
    Bradbury and Evans, 1859)", "(Moscow: Progress Publishers, 1848; The Marxists Internet
    Archive)") is no author-date citation of a work missing from a list. The notes' works are not
    citations either: with no list there is nothing to look them up in."""
    from refcheck.extract.notes import note_citations, publication_facts

    notes = doc.footnotes or []
    spans = publication_facts(doc.text, notes)
    spans += [
        (c.start, c.end)
        for _, cits in note_citations(doc.text, notes)
        for c in cits
        if c.confidence == "high"
    ]
    if spans:
        spans.sort()
        doc.citations = [c for c in doc.citations if c.footnote is None or not _within(spans, c.start)]


def _mentions(doc: Document) -> None:
    """A notes-bibliography document's entries named without a citation (``extract.notes.mentions``)."""
    from refcheck.extract.notes import mentions

    doc.mentions = mentions(doc.text, doc.footnotes or [], doc.references or [], doc.reference_region)


def _dated_list(refs: list[Reference]) -> bool:
    """Whether most entries give their year before their title, as an author-date reference list
    does ("Ostrom, E. 1990. *Governing the Commons*."), where a bibliography gives it with the
    publication facts at the end ("Ostrom, Elinor. *Governing the Commons*. Cambridge: ..., 1990.")."""
    before = after = 0
    for r in refs:
        if not r.year or not r.title:
            continue
        t, y = r.text.find(r.title[:20]), r.text.find(r.year)
        if t < 0 or y < 0:
            continue
        if y < t:
            before += 1
        else:
            after += 1
    return before > after


def _full_notes_in_author_date(
    doc: Document, author_date: list[Citation], read: list[tuple[Footnote, list[Citation]]]
) -> None:
    """An author-date document's note that cites a work in full ("Douglass C. North, *Institutions*
    (Cambridge: Cambridge University Press, 1990), 3") cites that work, and what the author-date
    reading found inside it ("Press, 1990", the publisher and year) is no citation. A note work that
    fits no entry is said at info only: such a document's notes may cite sources its reference list
    leaves out on purpose (a newspaper, an archive)."""
    works = [c for _, cits in read for c in cits if c.confidence == "high"]
    if not works:
        return
    spans = sorted((c.start, c.end) for c in works)
    for c in works:
        c.confidence = "low"
    kept = [c for c in author_date if c.footnote is None or not _within(spans, c.start)]
    doc.citations = sorted(kept + works, key=lambda c: c.start)


def _within(spans: list[tuple[int, int]], offset: int) -> bool:
    k = bisect.bisect_right(spans, (offset, sys.maxsize)) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]


# APA's status words in place of a year: a work not yet published, which many styles name in the text
# and leave out of the list (eLife's "(Lacin and Truman, in preparation)")
_UNPUBLISHED_YEARS = frozenset(["in preparation", "under review"])


def drop_unlinked_titles(doc: Document) -> None:
    """A year after words that are no name ("(The R Project n.d.)") is a citation only if those words
    begin an entry; otherwise it is prose, not a missing reference. So is a work cited as "in
    preparation" or "under review": a citation of the entry that gives it, else unpublished work the
    text names without listing it, as "(Smith 2010, in preparation)" is."""
    doc.citations = [
        c
        for c in doc.citations
        if c.status is LinkStatus.LINKED
        or not (c.confidence in ("title", "repeat") or c.year in _UNPUBLISHED_YEARS)
    ]


def _species_authorities(doc: Document) -> None:
    """A taxonomic paper's species' authorities that fit no entry ("Conus ritae Petuch, 1995") are no
    citations (``extract.species``)."""
    missing, mismatch = LinkStatus.MISSING, LinkStatus.YEAR_MISMATCH
    if any((c.status is missing or c.status is mismatch) and c.kind == "author-date" for c in doc.citations):
        from refcheck.extract.species import drop_species_authorities

        drop_species_authorities(doc)


def attach_urls(doc: Document) -> None:
    """Every URL with the entry or footnote it stands in, and that place's access date."""
    # URLs the loader found in the markup (<a href>, \url{}, w:hyperlink) come first; text URLs at the
    # same place are not added twice.
    urls: list[Url] = list(doc.urls)
    # a URL the markup gave stands in an entry or a note like any other (found by bisection: a list
    # of thousands of entries with a URL each stays linear)
    places: list[tuple[int, int, Reference | Footnote]] = sorted(
        [(r.start, r.end, r) for r in doc.references or [] if r.start >= 0]
        + [(n.text_start, n.end, n) for n in doc.footnotes or [] if n.start >= 0],
        key=lambda p: p[0],
    )
    starts = [p[0] for p in places]
    for given_url in urls:
        at = given_url.start
        if at < 0 or given_url.reference is not None or given_url.footnote is not None:
            continue
        i = bisect.bisect_right(starts, at) - 1
        if i < 0 or not at < places[i][1]:
            continue
        place = places[i][2]
        if isinstance(place, Reference):
            given_url.reference = place.id
            given_url.accessed = given_url.accessed or place.accessed
        else:
            given_url.footnote = place.label
            given_url.accessed = given_url.accessed or parse_access_date(place.text)
    taken: set[int] = {u.start for u in urls if u.start >= 0}
    given = {(u.url.rstrip("/"), u.reference) for u in urls}
    # a text without "://", "10." or "www." holds no URL in any entry or note: three searches of the
    # whole text rather than three of each entry and note
    in_text = may_hold_urls(doc.text)
    for ref in doc.references or []:
        if ref.start < 0:
            for u in ref.urls:
                urls.append(Url(url=u, start=-1, end=-1, reference=ref.id, accessed=ref.accessed))
            continue
        # (an entry without ":", "10." or "w." holds none, told by "in" tests of its text: most
        # entries, which the bounded searches of find_urls took several times longer to tell)
        if not in_text or not may_hold_urls(doc.text[ref.start : ref.end]):
            continue
        for u, s, e in find_urls(doc.text, ref.start, ref.end):
            if s in taken or (u.rstrip("/"), ref.id) in given:
                continue
            urls.append(Url(url=u, start=s, end=e, reference=ref.id, accessed=ref.accessed))
            taken.add(s)
    for note in (doc.footnotes or []) if in_text else []:
        accessed = parse_access_date(note.text)
        if note.start < 0:
            continue
        for u, s, e in find_urls(doc.text, note.text_start, note.end):
            if s not in taken:
                urls.append(Url(url=u, start=s, end=e, footnote=note.label, accessed=accessed))
                taken.add(s)
    skip = Ranges(doc.excluded)
    for u, s, e in find_urls(doc.text) if in_text else []:  # (find_urls would say [] too)
        if s not in taken and not skip(s):
            urls.append(Url(url=u, start=s, end=e))
    urls.sort(key=lambda u: u.start)
    doc.urls = urls


# --- stage 5: rules --------------------------------------------------------------------------------


# Rules that read link results: they find nothing until ``check_document_links`` has run.
LINK_RULES = (
    "dead-link",
    "link-redirect",
    "link-unverified",
    "link-content-mismatch",
    "link-content-changed",
)

# Rules that read registry verdicts: they find nothing until ``verify_document_references`` has run.
VERIFY_RULES = (
    "retracted-reference",
    "reference-corrected",
    "doi-not-found",
    "reference-mismatch",
    "reference-not-found",
)


def run_rules(
    doc: Document, options: CheckOptions | None = None, only: Collection[str] | None = None
) -> None:
    """Append the findings of every selected rule (of the rules named in ``only``, when given)."""
    options = options or CheckOptions()
    overrides = {k: Severity.parse(v) for k, v in options.severity.items()}
    if only is None:
        # findings the loaders raised (input-bibliography, missing-input ...) obey the rule selection
        # and severities as every rule's do
        kept = []
        for f in doc.findings:
            if (options.select is not None and f.rule not in options.select) or f.rule in options.ignore:
                continue
            if f.rule in overrides:
                f.severity = overrides[f.rule]
            kept.append(f)
        doc.findings = kept
    for rule in ALL_RULES:
        if only is not None and rule.NAME not in only:
            continue
        if options.select is not None and rule.NAME not in options.select:
            continue
        if rule.NAME in options.ignore:
            continue
        for finding in rule.check(doc):
            if rule.NAME in overrides:
                finding.severity = overrides[rule.NAME]
            doc.findings.append(finding)
    for f in doc.findings:
        if f.line is None and f.offset is not None and f.offset >= 0:
            f.line, f.column = doc.locate(f.offset)
            if f.path is None:
                f.path = next((p for a, b, p in doc.files if a <= f.offset < b), None)
            if doc.format == "docx":
                # DOCX notes are reported at their mark's paragraph: name the note
                note = doc.footnote_at(f.offset)
                if note is not None:
                    f.message += f" (in note {note.label})"
    others: dict[str, dict[int, set[str]]] = {}
    doc.findings = [f for f in doc.findings if not _suppressed(doc, f, others)]
    sort_findings(doc)


def _elsewhere(doc: Document, f: Finding) -> bool:
    """Whether ``f`` stands in another file than the document (an \\input chapter, a .bib)."""
    return suppress.is_other_file(doc, f.path)


def sort_findings(doc: Document) -> None:
    """The document's findings by file, line and column: those in the document itself first, whether
    their ``path`` is unset or names the document (a missing \\input, at its line, came after the
    findings below it), then those in the other files it reads (a .bib), by path."""

    def key(f: Finding) -> tuple[str, int, int, str]:
        path = (f.path or "") if _elsewhere(doc, f) else ""
        return (path, f.line or 0, f.column or 0, f.rule)

    doc.findings.sort(key=key)


def _suppressed(doc: Document, f: Finding, others: dict[str, dict[int, set[str]]]) -> bool:
    """Whether a suppression comment silences ``f``: the document's own comments for its own lines,
    the comments of the file a finding stands in for the others (``others``: those read, by path). A
    comment at line 14 of a Markdown page silenced the .bib's finding at line 15, and a chapter's
    own comments were never read."""
    if _elsewhere(doc, f):
        path = f.path or ""
        table = others.get(path)
        if table is None:
            table = others[path] = suppress.of_file(path, DEFAULT_MAX_FILE_SIZE)
        names = table.get(f.line or -1)
    else:
        names = doc.suppressions.get(f.line or -1)
    return bool(names) and ("*" in names or f.rule in names)  # type: ignore[operator]


# --- the whole run ---------------------------------------------------------------------------------


# Whether ``analyse`` puts what exists when it ends out of the collector's sight (gc.freeze), the
# document it made among it: the command line keeps each model to the end of its short run, and once
# the collector is back on its passes over a long document's millions of objects (all alive, none in
# a cycle) took 1.9 of the 14 s of a 29 MB document. Off for library callers, whose process may run
# for long: a frozen object is still freed when its last reference goes, but never as part of a cycle.
FREEZE_MODELS = False


def analyse(doc: Document, options: CheckOptions | None = None, *, suppressed: bool = False) -> Document:
    """Run every stage after loading on ``doc`` (links excepted); ``suppressed``: its suppression
    comments are read already (a part of a file, given the file's).

    The cyclic garbage collector is paused meanwhile: the stages build many objects that live as long
    as the document, and make no garbage cycles to speak of, so its passes over them are pure cost,
    growing with the document (a 16x document took 1.4x the time per megabyte of a 1x one)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        if not suppressed:
            suppress.apply(doc)
        structure(doc)
        extract_citations(doc)
        if not doc.citations and not doc.references and doc.format in _KEYS_SHOWN and "[@" in doc.text:
            _unrendered_keys(doc)
        link_document(doc)
        drop_unlinked_titles(doc)
        _species_authorities(doc)
        attach_urls(doc)
        run_rules(doc, options)
        if doc.parts:
            _findings_of_parts(doc, options)
        return doc
    finally:
        if FREEZE_MODELS:
            gc.freeze()
        if collecting:
            gc.enable()


# Formats a document is rendered to for its readers, in which a pandoc key "[@key]" as written in the
# source means the source was converted without citeproc
_RENDERED = frozenset(("docx", "html"))
# and plain text, which is either (pandoc's plain output without citeproc) or a Markdown source saved
# as text: its keys were never rendered either way (rules/unrendered_citation says which at info)
_KEYS_SHOWN = _RENDERED | {"text"}


def _unrendered_keys(doc: Document) -> None:
    """A rendered document in which nothing was found: the pandoc keys it shows in brackets as its
    source wrote them, "[@smith2020; @lee2019]" (``Document.unrendered_keys``; rules/unrendered_citation).
    (Outside code, as pandoc reads keys; a bare "@name" is as likely a handle.)"""
    from refcheck.loaders.markdown import in_brackets
    from refcheck.loaders.pandoc import pandoc_citations

    doc.unrendered_keys = [
        (c.start, c.text) for c in pandoc_citations(doc, []) if in_brackets(doc.text, c.start)
    ]


def _findings_of_parts(doc: Document, options: CheckOptions | None) -> None:
    """Check each further document the file holds (``Document.parts``: the other articles of a JATS
    article set, a review with its own reference list) on its own, and report its findings with the
    file's, at their lines, each naming its part. They carry no offset into this document's text
    and no fix. A part of the same source is silenced where the file is, by the comments read once
    for the file (decoding and reading the source again for each part made a book of 3,000 chapters
    take 10 s more), whose unknown names the file reports once, not once more for each part."""
    for part in doc.parts:
        shared = part.raw is doc.raw and (part.format, part.encoding) == (doc.format, doc.encoding)
        if shared:
            part.suppressions = {line: set(names) for line, names in doc.suppressions.items()}
        analyse(part, options, suppressed=shared)
        for f in part.findings:
            f.message += f" (in {part.part})"
            f.offset = f.end_offset = None
            f.fix = None
            doc.findings.append(f)
    sort_findings(doc)


def check_file(path: str, options: CheckOptions | None = None) -> FileResult:
    options = options or CheckOptions()
    try:
        doc = load(path, options)
    except InputError as exc:
        return FileResult(path=path, error=str(exc))
    return FileResult(path=path, doc=analyse(doc, options))


def check_text(
    text: str, fmt: str = "text", path: str = "<text>", options: CheckOptions | None = None
) -> Document:
    """Check a document held in memory (tests, editors' integrations)."""
    return analyse(LOADERS[fmt](path, text.encode("utf-8")), options)


_JATS_ROOT = re.compile(rb"<(?:[\w.-]+:)?article[\s>/]")
# a BITS book: a <book> with BITS's <book-meta> or <book-part> (not DocBook's), or a <book-part-wrapper>
_BOOK_ROOT = re.compile(rb"<book[\s>]")
_BITS_PART = re.compile(rb"<book-(?:meta|part|part-wrapper)[\s>/]")

# Files about a repository rather than documents in it, by name whatever the extension (README.md,
# CHANGELOG.txt, LICENSE.html): GitHub's community health files and a project's notes. Their
# examples ("author-date such as (Hardy 1968)") and quoted changes are no citations of a manuscript:
# an article repository's README gave missing-reference errors at every `refcheck check .`.
_REPOSITORY_FILES = frozenset(
    {
        "readme", "changelog", "changes", "history", "news", "releases", "contributing",
        "code_of_conduct", "code-of-conduct", "security", "support", "governance", "funding",
        "license", "licence", "copying", "notice", "authors", "contributors", "maintainers",
        "codeowners", "requirements",
    }
)  # fmt: skip


def repository_file(path: Path) -> bool:
    """Whether ``path`` is named as a repository's own file (``_REPOSITORY_FILES``), not a document."""
    return path.name.split(".", 1)[0].lower() in _REPOSITORY_FILES


def _document_in_own_right(path: Path, named: bool = False) -> bool:
    """In a directory walk, bibliographies and LaTeX fragments are read through the document that
    uses them (a .bib through ``\\bibliography``, a chapter through ``\\input``), not on their own,
    and an .xml file without an ``<article>`` or a BITS book (a pom.xml, a sitemap) is no document; named on the
    command line they are still checked, unless ``named`` (--force-exclude, as pre-commit names every
    changed file): then only a fragment or a non-article is left out, a .bib is checked on its own.
    A repository's own files (a README, a CHANGELOG: ``repository_file``) are no documents either."""
    if repository_file(path):
        return _project_readme(path)
    fmt = format_for(path)
    if fmt == "bibtex" or path.suffix.lower() == ".json":
        return named
    if fmt not in ("latex", "jats"):
        return True
    try:
        head = read_regular(path, 65536, truncate=True)
    except OSError:
        return True  # the loader says why it cannot be read
    if fmt == "latex":
        from refcheck.loaders.latex_project import looks_main

        return looks_main(head)
    if _JATS_ROOT.search(head) is not None:
        return True
    return _BITS_PART.search(head) is not None and (
        b"<book-part-wrapper" in head or _BOOK_ROOT.search(head) is not None
    )


# a Jupyter Book's _toc.yml whose root page is the README ("root: README", "root: README.md")
_README_ROOT = re.compile(r"^root:[ \t]*['\"]?readme(?:\.md|\.ipynb)?['\"]?[ \t]*$", re.M | re.I)


def _project_readme(path: Path) -> bool:
    """Whether a README is a page of a book or site, not the repository's own file: the index of a
    MyST project (a myst.yml beside it and no index page, as mystmd then makes the README the index)
    or the root of a Jupyter Book's _toc.yml."""
    if path.stem.lower() != "readme" or path.suffix.lower() not in (".md", ".ipynb"):
        return False
    here = path.parent
    if (here / "myst.yml").is_file() and not any(
        (here / f"index{ext}").is_file() for ext in (".md", ".ipynb", ".myst.md")
    ):
        return True
    toc = here / "_toc.yml"
    try:
        return (
            toc.is_file()
            and _README_ROOT.search(read_regular(toc, 65536, truncate=True).decode("utf-8", "replace"))
            is not None
        )
    except OSError:
        return False


def _left_out_when_named(path: Path, discovery: Discovery, given: str) -> bool:
    """With --force-exclude: a named file excluded by pattern, not a document on its own, or blank."""
    return discovery.force_excluded(given) or not _document_in_own_right(path, named=True) or blank_file(path)


def _shown(paths: list[str]) -> str:
    return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _nothing_found(unfollowed: list[str], left_out: list[str] | None = None) -> str:
    """Why a directory gave nothing to check, naming the symlinks out of it that were not followed, or
    the files read only through another document or not documents on their own (a README)."""
    if left_out and not unfollowed:
        n = len(left_out)
        return (
            f"no documents in this directory: {'the one file' if n == 1 else f'the {n} files'} found "
            f"({_shown(left_out)}) {'is' if n == 1 else 'are'} left out of a directory's check as no "
            "document on its own (a README or CHANGELOG, a bibliography, a LaTeX fragment); name the "
            "files to check them"
        )
    if not unfollowed:
        return "no supported files in this directory"
    shown = _shown(unfollowed)
    n = len(unfollowed)
    links = (
        "1 symbolic link leads out of it and is" if n == 1 else f"{n} symbolic links lead out of it and are"
    )
    return (
        f"no supported files in this directory; {links} not followed ({shown}): name the files to check them"
    )


def _unreachable(p: str) -> str | None:
    """Why a path named on the command line cannot be checked at all, or None when it can be tried
    (reading it may still fail: the loaders say why)."""
    if not p:  # Path("") is the current directory: an empty variable would check all of it
        return "an empty path names no file"
    try:
        os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links (the path leads back to itself)"
        if exc.errno == errno.ENAMETOOLONG:
            return "the file name is too long for this system"
        if isinstance(exc, PermissionError):  # (a directory on the way that cannot be entered)
            return "permission denied"
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            return f"cannot be read ({exc.strerror or exc})"
        try:
            return f"a symbolic link to {one_line(os.readlink(p))}, which does not exist"
        except OSError:  # (not a symbolic link)
            return "no such file or directory"
    except ValueError:  # a NUL byte in the path
        return "no such file or directory"
    return None


def expand_paths(
    paths: Iterable[str], discovery: Discovery | None = None
) -> tuple[list[str], list[FileResult]]:
    """Files to check (directories searched for supported files by ``discover_files``) and the paths
    that fail outright."""
    files: list[str] = []
    errors: list[FileResult] = []
    latex = False
    force = discovery is not None and discovery.force_exclude
    for p in paths:
        path = Path(p)
        why = _unreachable(p)
        if why is not None:
            errors.append(FileResult(path=p, error=why))
        elif path.is_dir():
            unfollowed: list[str] = []
            unreadable: list[tuple[str, str]] = []
            every = discover_files(path, discovery, unfollowed, unreadable)
            errors.extend(FileResult(path=d, error=why) for d, why in unreadable)
            found = [f for f in every if _document_in_own_right(Path(f))]
            if any(format_for(f) == "latex" for f in found):
                from refcheck.loaders.latex_project import preambles

                inputs = preambles(found, DEFAULT_MAX_FILE_SIZE)
                found = [f for f in found if f not in inputs]
            typst = [f for f in found if format_for(f) == "typst"]
            if len(typst) > 1:
                from refcheck.loaders.typst import included_files

                chapters = included_files(typst)  # (checked through the file that includes them)
                found = [f for f in found if f not in chapters]
            rst = [f for f in found if format_for(f) == "rst"]
            if rst:
                from refcheck.loaders.rst import included_files as rst_included

                parts = rst_included(rst, found)  # (checked through the page that includes them)
                found = [f for f in found if f not in parts]
            if not found and not unreadable:  # (an unreadable directory says why it gave nothing)
                errors.append(FileResult(path=p, error=_nothing_found(unfollowed, every)))
            files.extend(found)
        elif format_for(path) in ("latex", "bibtex") and not (force and discovery.force_excluded(p)):  # type: ignore[union-attr]
            latex = True  # a chapter or a .bib: checked through its main file (below)
            files.append(p)
        elif force and _left_out_when_named(path, discovery, p):  # type: ignore[arg-type]
            continue
        else:
            files.append(p)
    if latex:
        from refcheck.loaders.latex_project import main_files

        files = main_files(files, force, DEFAULT_MAX_FILE_SIZE)
    return _manuscripts(files), errors


def _manuscripts(files: list[str]) -> list[str]:
    """A chapter of a Markdown manuscript of several files (a Quarto book, Manubot's content/) stands
    for the manuscript, checked once from its first file (refcheck.manuscript)."""
    if not any(format_for(f) == "markdown" for f in files):
        return files
    from refcheck.files import real_path
    from refcheck.manuscript import main_file

    out: list[str] = []
    seen: set[str] = set()
    for f in files:
        markdown = format_for(f) == "markdown"
        main = main_file(f) if markdown else f
        key = real_path(main)
        if markdown and key in seen:
            continue
        seen.add(key)
        out.append(main)
    return out


def check_document_links(
    docs: list[tuple[Document, CheckOptions]],
    progress: Callable[[int, int], None] | None = None,
    prefetch: Prefetch | None = None,
) -> LinkReport:
    """Stage 6: check the URLs of all ``docs`` in one pool, then run the link rules on each.

    The pool runs with the first document's link options; each document keeps its own rule
    selection and severities. ``prefetch``: the URLs checked while the documents were analysed."""
    from refcheck.links.report import LinkReport

    docs = [(d, o) for d, o in docs if o.links]
    if not docs:
        return LinkReport()
    from refcheck.links.run import check_links  # the HTTP machinery, only when links are checked

    link_options = docs[0][1].link_options()
    prefetched = prefetch.take(link_options) if prefetch is not None else None
    report = check_links([d for d, _ in docs], link_options, progress, prefetched=prefetched)
    for doc, options in docs:
        run_rules(doc, options, only=LINK_RULES)
    return report


def verify_document_references(docs: list[tuple[Document, CheckOptions]]) -> list[str]:
    """The verification stage: the entries of all ``docs`` looked up in the registries (each once,
    with the first document's endpoints), then the verification rules run on each. Returns the
    lines to tell the user once."""
    docs = [(d, o) for d, o in docs if o.verify and d.references]
    if not docs:
        return []
    from refcheck.verify.run import verify_documents  # HTTP and the cache, only when verifying

    report = verify_documents([d for d, _ in docs], docs[0][1].verify_options())
    for doc, options in docs:
        run_rules(doc, options, only=VERIFY_RULES)
    return report.notes


def check_paths(paths: Iterable[str], options: CheckOptions | None = None) -> list[FileResult]:
    options = options or CheckOptions()
    files, errors = expand_paths(paths)
    results = [check_file(f, options) for f in files]
    checked = [(r.doc, options) for r in results if r.doc is not None]
    verify_document_references(checked)
    check_document_links(checked)
    return errors + results
