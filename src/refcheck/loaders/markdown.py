"""Markdown (.md, R Markdown .Rmd, Quarto .qmd): plain text plus what Markdown states outright.

Fenced and indented code, inline code (which never runs over a blank line), HTML comments and YAML
front matter are excluded from citation search; ``[^label]`` markers and ``[^label]: text``
definitions (with indented continuation lines) are footnotes. Pandoc citation keys are read by
``loaders.pandoc`` when a bibliography is named (front matter, Quarto project, Manubot metadata).

A manuscript of several files (a Quarto book's chapters, Manubot's numbered ``content/*.md``; see
refcheck.manuscript) is loaded from its first file as one document: the chapters in order, each at
its own lines, so that a citation in one chapter finds its entry whatever chapter names the
bibliography, and findings name the chapter they are in. Every step is linear in the text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from refcheck.loaders.pandoc import (
    FrontMatter,
    front_matter,
    inline_references,
    pandoc_citations,
    use_bibliography,
)
from refcheck.loaders.text import load_text
from refcheck.model import Document, Finding, Footnote, FootnoteMarker, Severity, notes_span
from refcheck.model import Ranges as Excluded

if TYPE_CHECKING:
    from refcheck.loaders._build import TextBuilder
    from refcheck.loaders.rst import _Includes

# (any indentation: a fence in a list item stands indented as deep as the item's text, or opens on
# the item's own line, "* - ```md", and closes indented; a backtick fence's info string holds no
# backtick, as CommonMark has it: "```x``` y" is inline code)
_FENCE = re.compile(
    r"^([ \t]*)(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)*(```+|~~~+)[^`\n]*\n.*?(?:^[ \t]*\2[ \t]*$|\Z)", re.M | re.S
)
_BACKTICKS = re.compile(r"`+")
# an indented code block (CommonMark): lines indented four spaces or a tab, blank lines between them
_INDENTED = re.compile(
    r"^(?: {4}|[ ]{0,3}\t)[^\n]*\S[^\n]*(?:\n(?:[ \t]*\n)*(?: {4}|[ ]{0,3}\t)[^\n]*\S[^\n]*)*", re.M
)
# what an indented block continues rather than follows as code: a list item (its later paragraphs
# are indented as deep as its text), a footnote definition (its later paragraphs are indented four
# spaces) or an indented line (a list item's own continuation)
_CONTAINER = re.compile(r"[ \t]|(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)|\[\^[^\]\s]+\]:")
# MyST directives whose content is Markdown (admonitions, tables, figures' captions, tabs, cards,
# proofs): only their opening and closing lines are not prose; "```{code-cell}", "```{math}" and any
# directive not named here stay code
_PROSE_DIRECTIVE = re.compile(
    r"[ \t]*(?:`{3,}|~{3,})[ \t]*\{(?:note|warning|tip|hint|important|caution|attention|danger|error"
    r"|seealso|admonition|margin|sidebar|topic|epigraph|pull-quote|highlights|dropdown|tab-set|tab-item"
    r"|tabbed|card|grid|grid-item|grid-item-card|figure|table|list-table|div|container|glossary"
    r"|exercise|solution|proof|theorem|lemma|definition|example|versionadded|versionchanged|deprecated"
    r"|toggle|only|prf:[a-z-]+)\}"
)
# raw LaTeX index entries in a book's Markdown, "\index{unquoting!in ast()@in \texttt{ast()}}": the "@"
# is makeindex's sort@display, not a citation (one level of nested braces)
_RAW_INDEX = re.compile(r"\\index\{(?:[^{}\n]|\{[^{}\n]*\})*\}")
_BLANK = re.compile(r"\n[ \t]*\n")
_COMMENT = re.compile(r"<!--(?:.*?-->|.*\Z)", re.S)  # an unclosed comment runs to the end, once
# a pandoc fenced div's opening or closing line, "::: {#refs}", "::::: {.callout-note}", ":::": markup
# that is never shown (the bibliography citeproc prints goes where an empty "::: {#refs}" div stands),
# so neither a reference entry nor prose
_DIV_FENCE = re.compile(r"^[ ]{0,3}:{3,}[ \t]*(?:\{[^{}\n]*\}|[\w.-]+)?[ \t]*(?::{3,}[ \t]*)?$", re.M)
# a link reference definition, "[label]: destination "title"" on a line of its own: never shown (the
# title is a link's tooltip), so neither a citation nor an entry. (Not a footnote, "[^1]: text", nor
# a Manubot alias, "[@alias]: doi:...", which the key readers read.)
_LINK_DEFINITION = re.compile(
    r"^[ ]{0,3}\[(?![@^])[^\[\]\n]{1,200}\]:[ \t]*(?:<[^<>\n]*>|[^\s<>]+)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$",
    re.M,
)
# "[text][label]": the label part of a full reference link
_FULL_REFERENCE_LINK = re.compile(r"\]\[([^\[\]\n]{1,200})\]")


def _link_label(label: str) -> str:
    """A link label as CommonMark matches it: case-folded, its white space collapsed."""
    return " ".join(label.casefold().split())


_DEF = re.compile(r"^[ \t]*\[\^([^\]\s]+)\]:[ \t]*", re.M)  # (indented too: a note in a list item)
_MARKER = re.compile(r"\[\^([^\]\s]+)\]")
# a definition written without its colon, "[^1] Smith, Trade, 12." at a line's start: Markdown shows it
# as text with a marker in it, and the marker in the prose has no note
_BARE_DEF = re.compile(r"^[ \t]{0,3}\[\^([^\]\s]+)\][ \t]+(?=\S)", re.M)
_CODE_INDENT = re.compile(r" {4}|[ ]{0,3}\t")  # (an indented code block's line)
_HEADING = re.compile(r"#{1,6}\s")
_HEADING_LINE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t][^\n]*", re.M)


def _heading_blocks(text: str, notes: list[Footnote] | None = None) -> list[int]:
    """Where each ATX heading line and the line after it start: a heading is a block of its own even
    with no blank line below it ("## Materials and Methods" / "Miller (2005) found ..."). So are an
    inline note's text and the prose after it: "growth^[Smith (2020) argues ...]" names Smith, no
    "growth^[Smith"."""
    out: list[int] = []
    for m in _HEADING_LINE.finditer(text):
        out += (m.start(), m.end() + 1)
    inline = [n for n in notes or [] if n.inline]
    if inline:
        for n in inline:
            out += (n.text_start, n.end + 1)
        out.sort()
    return out


def load_markdown(path: str, data: bytes) -> Document:
    from refcheck.manuscript import MANUBOT_PREFIXES, manuscript_of
    from refcheck.project import inside

    manuscript = manuscript_of(path)
    main = manuscript.main if manuscript is not None else None
    if manuscript is not None and main is not None and main.resolve() == Path(path).resolve():
        return _load_manuscript(path, data, manuscript)
    doc = load_text(path, data, fmt="markdown")
    if has_includes(doc.text):
        _with_includes(doc, path, data)
    meta = _mark_up(doc, 0, len(doc.text))
    doc.footnotes, doc.footnote_markers = _footnotes(doc, [(0, len(doc.text))])
    doc.notes_region = notes_span(doc.footnotes)
    doc.block_starts = _heading_blocks(doc.text, doc.footnotes)
    base = Path(path).parent
    bibs = [os.path.normpath(base / n) for n in meta.bibliography]
    shared = False
    if not bibs and manuscript is not None and manuscript.bibliographies:
        bibs, shared = (
            [_named_like(path, b) for b in manuscript.bibliographies],
            True,
        )  # a Quarto project's, for all its pages
    external = MANUBOT_PREFIXES if manuscript is not None and manuscript.kind == "manubot" else ()
    citekeys = None
    output = meta.manubot_output
    if (
        output is None
        and not bibs
        and Path(path).name == "manuscript.md"
        and (base / "references.json").is_file()
        and (base / "citations.tsv").is_file()
    ):
        # a manuscript Manubot built before its front matter named what it was rendered with (2018-2020
        # output branches): the references.json and citations.tsv beside it, its keys the short ids
        output = ("references.json", "citations.tsv")
    if manuscript is None and output is not None:
        built, citekeys = _manubot_output(base, output, _root(path))
        if built is not None or citekeys:
            # a manuscript Manubot built: its bibliographies are named from the repository's top, where
            # Manubot ran, and merged into the one it rendered the manuscript with, beside it
            bibs, external = ([built] if built is not None else []), MANUBOT_PREFIXES
    aliases = meta.aliases + (manuscript.aliases if manuscript is not None else [])
    inline = inline_references(doc, meta, manual=bool(external))
    syntax = manuscript.syntax if shared and manuscript is not None else "pandoc"
    if manuscript is not None and manuscript.kind == "myst":
        syntax = manuscript.syntax  # a MyST page cites with roles too, whichever its bibliography
    root = _root(path)
    if shared and manuscript is not None and inside(root, manuscript.root):
        # the project's configuration, in a directory above the page, names the bibliography
        root = manuscript.root
    if bibs or external or inline:
        elsewhere = frozenset[str]()
        if bibs and not shared and manuscript is not None:
            from refcheck.manuscript import cited_on_other_pages

            # each page of a Quarto website naming the project's refs.bib itself: the keys the others cite
            elsewhere = cited_on_other_pages(path, manuscript, bibs)
        use_bibliography(
            doc, bibs, nocite=meta.nocite, external=external, aliases=aliases, shared=shared, root=root,
            inline=inline, syntax=syntax, project_targets=manuscript.targets if manuscript else frozenset(),
            plugins=manuscript.plugins if manuscript is not None and manuscript.kind == "myst" else (),
            citekeys=citekeys, cited_elsewhere=elsewhere,
        )  # fmt: skip
    else:
        _say_why_unchecked(doc, path)
    return doc


def _manubot_output(base: Path, names: tuple[str, str], root: Path) -> tuple[str | None, dict[str, str]]:
    """The bibliography a manuscript Manubot built was rendered with (``references.json``), and the keys
    its ``citations.tsv`` says Manubot resolved (as written -> the key of the entry: its standard_id),
    each found where the front matter names it (relative to the repository's top) or beside the
    manuscript (the output branch holds the three side by side); None and {} when absent."""
    from refcheck.files import read_limit, read_regular
    from refcheck.project import inside

    def found(name: str) -> Path | None:
        for p in (base / name, base / Path(name).name) if name else ():
            if p.is_file() and inside(p, root):
                return p
        return None

    bib = found(names[0])
    table = found(names[1])
    keys: dict[str, str] = {}
    if table is not None:
        try:
            rows = read_regular(str(table), read_limit()).decode("utf-8", "replace").splitlines()
        except OSError:
            rows = []
        header = rows[0].split("\t") if rows else []
        # (Manubot's columns: input_id, dealiased_id, standard_id, short_id; before 2020 manuscript_id,
        # detagged_id, standard_id, short_id, or manuscript_citekey, detagged_citekey, standard_citekey,
        # short_citekey, or string, citation, standard_citation, citation_id)
        col = next((k for k, c in enumerate(header) if c.strip().startswith("standard_")), -1)
        # (an older manuscript.md cites the short ids, "[@2gpKwL67]": its last column, short_id or
        # citation_id, names the same entry)
        short = next(
            (k for k, c in enumerate(header) if c.strip().startswith("short_") or c.strip() == "citation_id"),
            -1,
        )
        for row in rows[1:] if col > 0 else ():
            cells = row.split("\t")
            if len(cells) > col and cells[0].strip():
                # ("raw:KG_DEF": a manual reference, whose entry's key has no "raw:", bibtex._standard_id)
                standard = cells[col].strip().removeprefix("raw:")
                keys[cells[0].strip().removeprefix("@")] = standard
                if short > 0 and len(cells) > short and cells[short].strip():
                    keys.setdefault(cells[short].strip(), standard)
    return (str(bib) if bib is not None else None), keys


# Quarto's include shortcode on a line of its own, "{{< include _includes/methods.md >}}": the file's
# text stands there when the page is rendered
# text stands there when the page is rendered; and MyST's include directive (myst-parser, Jupyter Book,
# mystmd), a fenced block "```{include} ../README.md" with its options (":start-after: <!-- x -->")
# and the closing fence, whose file's text is read in as MyST reads it (not one shown as code:
# ":literal:", ":code:")
_INCLUDE = re.compile(
    r"^[ \t]*\{\{<[ \t]*include[ \t]+(\S+?)[ \t]*>\}\}[ \t]*$"
    r"|^[ ]{0,3}(?P<fence>`{3,}|~{3,}|:{3,})[ \t]*\{include\}[ \t]+(?P<name>[^\n]*?)[ \t]*\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:[^\n]*\n)*)[ ]{0,3}(?P=fence)[ \t]*$",
    re.M,
)
_INCLUDE_OPTION = re.compile(r"^[ \t]*:([\w-]+):[ \t]*(.*?)[ \t]*$", re.M)


def has_includes(text: str) -> bool:
    """Whether the text may include files (Quarto's shortcode, MyST's directive)."""
    return "{{< include" in text or "{include}" in text


def _with_includes(doc: Document, path: str, data: bytes) -> None:
    """The page's text with each file its Quarto include shortcodes name (relative to the including
    file; their own includes too) read in where the shortcode stands, as Quarto renders it: the
    citations, notes and entries there are the page's, and findings there name their file and line
    (``Document.files``). An included file's own front matter is not read. A file that does not exist,
    lies outside the project or includes itself is one missing-input finding (as reStructuredText's
    ``.. include::``, whose reader this shares)."""
    from refcheck.loaders._build import TextBuilder
    from refcheck.loaders.rst import _Includes

    out = TextBuilder()
    state = _Includes(path, _root(path))
    _add_included(out, path, doc.text, state, [os.path.realpath(path)])
    if not state.read and not state.findings:
        return
    doc.raw = data  # (the page's own bytes: the text is no longer theirs)
    doc.text, doc.source_map = out.build()
    doc.files = [p for p in state.parts if p[2] != path]
    for f in state.findings:
        if "does not exist" in f.message:
            # Quarto stops rendering at an include it cannot find: in a checkout, a missing one is
            # most often written by the project's build (a table its scripts make, git-ignored)
            f.severity = Severity.INFO
            f.message += " (it may be written when the project is built)"
    doc.findings.extend(state.findings)


def _add_included(
    out: TextBuilder, path: str, text: str, state: _Includes, stack: list[str], base: int = 1
) -> None:
    """Append ``text`` (the file ``path``'s, from its line ``base``) with the files it includes."""
    from refcheck.loaders.rst import _include

    segment, pos = out.length, 0
    for m in _INCLUDE.finditer(text) if has_includes(text) else ():
        line = text.count("\n", 0, m.start()) + base
        name = (m.group(1) or m.group("name")).strip("\"'")
        options = dict(_INCLUDE_OPTION.findall(m.group("options") or ""))
        if not name or "literal" in options or "code" in options:
            continue  # (the file shown as code, not read as text)
        here, page = os.path.dirname(path), os.path.dirname(state.page)
        if (
            not name.startswith("/")
            and here != page
            and not os.path.lexists(os.path.join(here, name))
            and os.path.lexists(os.path.join(page, name))
        ):
            # Quarto reads an included file's own includes relative to the page being rendered
            # ("_includes/zoo/a.md" in _includes/zoo.md names the page's _includes/zoo/a.md)
            name = os.path.relpath(os.path.join(page, name), here)
        content = _include(path, name, line, options, state, stack)
        if content is None:
            continue
        target, included, first = content
        front = front_matter(included).end
        if front:
            first += included.count("\n", 0, front)
            included = included[front:]
        out.add(text[pos : m.start()], text.count("\n", 0, pos) + base, pos - text.rfind("\n", 0, pos))
        out.add_flat("\n\n", line, 1)
        state.parts.append((segment, out.length, path))
        _add_included(out, target, included, state, [*stack, os.path.realpath(target)], first)
        out.add_flat("\n\n", line, 1)
        segment, pos = out.length, m.end()
    out.add(text[pos:], text.count("\n", 0, pos) + base, pos - text.rfind("\n", 0, pos))
    state.parts.append((segment, out.length, path))


def _say_why_unchecked(doc: Document, path: str) -> None:
    """Pandoc keys with no bibliography: if nothing else is found, the empty-document rule says so."""
    if "cite" in doc.text and _outside_myst_toc(doc, path):
        return
    keys = pandoc_citations(doc, [])
    # a bracketed "[@key]" says the list is built from keys; a bare "@JayAlammar" may be a social handle
    bracketed = [k for k in keys if in_brackets(doc.text, k.start)]
    if bracketed:
        doc.unseen_key = bracketed[0].text
    if keys:
        distinct = len({k.text for k in keys})
        many = f" in {len(keys)} citations" if len(keys) > distinct else ""
        doc.unchecked = (
            f"it cites {distinct} pandoc key(s){many} such as {keys[0].text!r} but names no bibliography "
            "(bibliography: in the front matter, a Quarto or Manubot project, or --bib)"
        )


def _outside_myst_toc(doc: Document, path: str) -> bool:
    """A file of a MyST project citing with its roles ({cite:p}`key`) that myst.yml's table of
    contents leaves out: mystmd builds no page of it, and refcheck reads it as a file of its own
    (instructions for writers beside the pages cite keys of no entry), so its citations are not
    checked; the empty-document rule says so, naming the myst.yml."""
    from refcheck.loaders.pandoc import role_citations
    from refcheck.manuscript import myst_toc_leaving_out

    roles = role_citations(doc, [], "myst")
    if not roles:
        return False
    config = myst_toc_leaving_out(path)
    if config is None:
        return False
    keys = list(dict.fromkeys(c.key for c in roles if c.key))
    doc.unchecked = (
        f"it cites {len(keys)} key(s) with MyST's citation roles such as {keys[0]!r}, but the table of "
        f"contents of {_named_like(path, config)} does not list it, so mystmd builds no page of it and "
        "its citations are not checked against the project's bibliography; list it in the toc to have "
        "them checked"
    )
    return True


def in_brackets(text: str, at: int) -> bool:
    """Whether ``at`` lies inside "[...]" on its line: pandoc's "[@key]", "[see @a, p. 3; -@b]"."""
    line = text.rfind("\n", 0, at) + 1
    opened = text.rfind("[", line, at)
    return opened >= 0 and "]" not in text[opened:at]


def _named_like(path: str, other: str | Path) -> str:
    """``other`` named as ``path`` is (relative stays relative), as LaTeX's \\input files are."""
    if Path(path).is_absolute():
        return str(other)
    return os.path.normpath(
        Path(path).parent / os.path.relpath(Path(other).resolve(), Path(path).resolve().parent)
    )


def _root(path: str) -> Path:
    """The directory tree a document may read files from: the run's project root (runner.plan's, the
    job's directory under serve; else the current directory's, project.py) when the document lies
    in it, else the project of the document the user named (its Git checkout or its directory)."""
    from refcheck.files import read_root
    from refcheck.project import inside, project_root

    given = read_root()  # the run's project root (runner.plan; the job's directory under serve)
    here = Path(given) if given is not None else project_root()
    return here if inside(path, here) else project_root(Path(path).resolve().parent)


def _mark_up(doc: Document, start: int, end: int) -> FrontMatter:
    """Exclude the front matter, code and comments of the file at ``text[start:end]``; its front
    matter."""
    text = doc.text
    chunk = text[start:end]
    meta = front_matter(chunk)
    found: list[tuple[int, int]] = []
    if meta.end:
        found.append((0, meta.end))
    elif chunk.startswith("---\n"):  # a front matter block PyYAML could not find the end of
        close = re.search(r"\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", chunk)
        if close:
            found.append((0, close.end()))
    found.extend(_fences(chunk, 0, len(chunk)))
    found.extend(_indented_code(chunk, Excluded(found)))
    for pattern in (_COMMENT, _RAW_INDEX):
        found.extend(m.span() for m in pattern.finditer(chunk))
    if ":::" in chunk:
        found.extend(m.span() for m in _DIV_FENCE.finditer(chunk))
    found.extend(_code_spans(chunk, Excluded(found)))
    if "]:" in chunk:
        labels: set[str] = set()
        for m in _LINK_DEFINITION.finditer(chunk):
            found.append(m.span())
            labels.add(_link_label(chunk[m.start() : m.end()].split("]:", 1)[0].lstrip(" [")))
        if labels and "][" in chunk:
            # a full reference link's label, "([pnas.org][10])" (a chatbot's answer pasted as notes):
            # a link to the URL "[10]: https://..." defines, not a citation of entry 10
            found.extend(
                (m.start(1) - 1, m.end())
                for m in _FULL_REFERENCE_LINK.finditer(chunk)
                if _link_label(m.group(1)) in labels
            )
    doc.excluded.extend((a + start, b + start) for a, b in found)
    doc.excluded.sort()
    return meta


def _fences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The fenced code of ``text[start:end]``: a fence, or the opening and closing lines of a MyST
    directive whose content is Markdown and the fences inside it."""
    out: list[tuple[int, int]] = []
    pos = start
    while True:
        m = _FENCE.search(text, pos, end)
        if m is None:
            return out
        if _PROSE_DIRECTIVE.match(text, m.start()):
            opened = text.find("\n", m.start(), m.end()) + 1
            closing = (
                text.rfind("\n", opened, m.end()) + 1 if _CLOSED.search(text, m.start(), m.end()) else m.end()
            )
            out.append((m.start(), opened))
            out.extend(_fences(text, opened, closing))
            out.append((closing, m.end()))
        else:
            out.append(m.span())
        pos = m.end()


def _indented_code(text: str, skip: Excluded) -> list[tuple[int, int]]:
    """The indented code blocks of ``text``: a run of lines indented four spaces (or a tab) after a
    blank line (it cannot interrupt a paragraph) or a heading, that does not continue a list item or
    a footnote, as CommonMark reads them ("    python fit.py  # see Jones (2015)")."""
    out: list[tuple[int, int]] = []
    for m in _INDENTED.finditer(text):
        start = m.start()
        if skip(start):
            continue
        if start:
            line = _line_before(text, start)
            if text[line : start - 1].strip():
                if not _HEADING_LINE.match(text, line):
                    continue  # a paragraph's lazy continuation
            else:
                while line and not text[line : _line_end(text, line)].strip():
                    line = _line_before(text, line)  # up the blank lines to the block before
                while line and text[_line_before(text, line) : line - 1].strip():
                    line = _line_before(text, line)  # up that block to its first line
                if _CONTAINER.match(text, line) and text[line : _line_end(text, line)].strip():
                    continue
        out.append(m.span())
    return out


def _line_before(text: str, start: int) -> int:
    """Where the line before the one starting at ``start`` (> 0) starts."""
    return text.rfind("\n", 0, start - 1) + 1


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


_CLOSED = re.compile(r"\n[ \t]*(?:`{3,}|~{3,})[ \t]*\Z")


def code_spans(text: str) -> list[tuple[int, int]]:
    """The fenced and inline code of Markdown ``text``, in order."""
    fences = _fences(text, 0, len(text))
    return sorted(fences + _code_spans(text, Excluded(fences)))


def _escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` follows an odd run of backslashes (a Markdown escape)."""
    k = at
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (at - k) % 2 == 1


def _code_spans(text: str, skip: Excluded) -> list[tuple[int, int]]:
    """Inline code: a run of n backticks to the next run of exactly n in the same paragraph
    (CommonMark); unmatched runs are literal. Linear: each run is looked at a bounded number of times.
    """
    out: list[tuple[int, int]] = []
    blanks = [m.start() for m in _BLANK.finditer(text)]
    runs = [m.span() for m in _BACKTICKS.finditer(text) if not skip(m.start())]
    # a run after a backslash ("\\mbox{sc\\`ene}", LaTeX's grave accent in pandoc's Markdown) starts
    # with a literal backtick: it opens no code span (it still closes one, where escapes do not count)
    escaped = {s for s, _ in runs if _escaped(text, s)}
    # the runs of each paragraph (between blank lines), with, per length, where the next one is
    b = 0
    para: list[tuple[int, int]] = []

    def close(runs_of: list[tuple[int, int]]) -> None:
        by_length: dict[int, list[int]] = {}
        for i, (s, e) in enumerate(runs_of):
            by_length.setdefault(e - s, []).append(i)
        cursor = dict.fromkeys(by_length, 0)
        i = 0
        while i < len(runs_of):
            s, e = runs_of[i]
            if s in escaped:
                i += 1
                continue
            n = e - s
            same = by_length[n]
            k = cursor[n]
            while k < len(same) and same[k] <= i:
                k += 1
            cursor[n] = k
            if k < len(same):
                j = same[k]
                out.append((s, runs_of[j][1]))
                i = j + 1
            else:
                i += 1

    for run in runs:
        while b < len(blanks) and blanks[b] < run[0]:
            if para:
                close(para)
                para = []
            b += 1
        para.append(run)
    if para:
        close(para)
    return out


def _note(
    text: str, m: re.Match[str], note_end: int, colon_missing: bool = False, in_code: bool = False
) -> Footnote:
    """The note a definition's match ``m`` begins, its text running to ``note_end``."""
    body = text[m.end() : note_end]
    start = m.start() + len(m.group()) - len(m.group().lstrip()) if in_code else m.start()
    return Footnote(
        label=m.group(1),
        start=start,
        end=note_end,
        text_start=m.end(),
        text=" ".join(body.split()),
        colon_missing=colon_missing,
        in_code=in_code,
    )


# a line after which "[^1] Text" begins a block of its own, not a wrapped line of a paragraph: another
# note's, a thematic break ("***", "---", a chapter's rule before its notes) or an ATX heading ("# Notes")
_BLOCK_ABOVE = re.compile(r"[ \t]*(?:\[\^[^\]\s]+\]|([-*_])(?:[ \t]*\1){2,}[ \t]*$|#{1,6}(?:[ \t]|$))")


def _footnotes(doc: Document, spans: list[tuple[int, int]]) -> tuple[list[Footnote], list[FootnoteMarker]]:
    """The ``[^label]: text`` definitions and ``[^label]`` markers of each file's span of the text."""
    text = doc.text
    skip = Excluded(doc.excluded)
    notes: list[Footnote] = []
    markers: list[FootnoteMarker] = []
    inline_notes: list[Footnote] = []
    for start, end in spans:
        defined: set[int] = set()  # where each definition's "[^label]" stands
        coded: list[re.Match[str]] = []  # definitions indented as code
        for m in _DEF.finditer(text, start, end):
            defined.add(text.index("[", m.start()))
            if skip(m.start()):
                if _CODE_INDENT.match(text, m.start()):
                    coded.append(m)
                continue
            notes.append(_note(text, m, _note_end(text, m.end(), end)))
        labels = {n.label for n in notes}
        for m in _BARE_DEF.finditer(text, start, end):
            if m.group(1) in labels or skip(m.start()):
                continue
            before = text.rfind("\n", start, max(start, m.start() - 1))
            above = text[before + 1 : max(start, m.start() - 1)]
            if above.strip() and not _BLOCK_ABOVE.match(above):
                continue  # a marker that begins a wrapped line of a paragraph ("...grew.\n[^1] Then")
            labels.add(m.group(1))
            defined.add(text.index("[", m.start()))
            notes.append(_note(text, m, _note_end(text, m.end(), end), colon_missing=True))
        markers.extend(
            FootnoteMarker(label=m.group(1), start=m.start(), end=m.end())
            # (a marker followed by a colon in the text, "two ways[^1]: ...", is a marker; only a
            # definition's label, at the start of its line, is not)
            for m in _MARKER.finditer(text, start, end)
            if m.start() not in defined and not skip(m.start())
        )
        if coded:
            notes.extend(_coded_notes(text, start, end, coded, labels, markers))
        if text.find("^[", start, end) != -1:
            inline = _inline_notes(text, start, end, skip, notes, len(inline_notes))
            inline_notes.extend(inline)
    if inline_notes:
        notes.extend(inline_notes)
        markers.extend(FootnoteMarker(n.label, n.start, n.text_start) for n in inline_notes)
        markers.sort(key=lambda m: m.start)
    return notes, markers


# what a bracket scan of an inline note steps over: an escaped bracket, a bracket (within a paragraph:
# pandoc reads a paragraph's inlines, so a note never runs over a blank line)
_NOTE_BRACKETS = re.compile(r"\\.|[\[\]]")
# "^[12]", "^[2,4-6]": a reference number written with a caret (a superscript meant), not a note
_NUMBERS_ONLY = re.compile(r"[ \t]*\d{1,4}(?:[ \t]*[,\u2013-][ \t]*\d{1,4})*[ \t]*")


def _inline_notes(
    text: str, start: int, end: int, skip: Excluded, defined: list[Footnote], before: int
) -> list[Footnote]:
    """Pandoc's inline notes of ``text[start:end]``, "growth^[See @smith2020, p. 4.]": a caret before
    a bracket, the note's text running to the bracket that balances it within the paragraph
    ("^[a [nested] remark]"; escaped brackets and code do not count), as pandoc's inline_notes
    extension reads them. Not one inside a note (it is part of that note's text), nor a bare number
    ("growth^[12]"), a reference number meant as a superscript. Each is a note and its marker, named
    "inline-N" in the order of the document (``before`` found in earlier files). Linear: one pass
    over the brackets of each paragraph holding a caret."""
    out: list[Footnote] = []
    inside = Excluded(sorted((n.start, n.end) for n in defined if start <= n.start < end))
    pos = start
    while True:
        caret = text.find("^[", pos, end)
        if caret < 0:
            return out
        blank = _BLANK.search(text, caret, end)
        para_end = end if blank is None else blank.start() + 1
        stack: list[int] = []
        close: dict[int, int] = {}
        for m in _NOTE_BRACKETS.finditer(text, caret, para_end):
            c = text[m.start()]
            if c == "\\" or skip(m.start()):
                continue
            if c == "[":
                stack.append(m.start())
            elif stack:
                close[stack.pop()] = m.start()
        at = caret
        while at >= 0:
            shut = close.get(at + 1, -1)
            if shut >= 0 and not _escaped(text, at) and not skip(at) and not inside(at):
                body = text[at + 2 : shut]
                if body.strip() and not _NUMBERS_ONLY.fullmatch(body):
                    label = f"inline-{before + len(out) + 1}"
                    out.append(Footnote(label, at, shut, at + 2, " ".join(body.split()), inline=True))
                    at = shut  # (a caret inside the note is the note's text)
            at = text.find("^[", at + 1, para_end)
        pos = para_end


def _coded_notes(
    text: str,
    start: int,
    end: int,
    coded: list[re.Match[str]],
    labels: set[str],
    markers: list[FootnoteMarker],
) -> list[Footnote]:
    """The definitions of ``coded`` (indented four spaces, in code) that are notes written indented:
    not in a fence or a comment, of a label no note defines that a marker in the prose names. Markdown
    shows them as a code block, so their markers lead nowhere; footnote-undefined says so once."""
    wanted = {m.label for m in markers if m.start >= start and m.end <= end} - labels
    if not wanted:
        return []
    fenced = Excluded(
        sorted(_fences(text, start, end) + [m.span() for m in _COMMENT.finditer(text, start, end)])
    )
    out: list[Footnote] = []
    for m in coded:
        if m.group(1) in wanted and not fenced(m.start()):
            wanted.discard(m.group(1))
            out.append(_note(text, m, _note_end(text, m.end(), end), in_code=True))
    return out


def _note_end(text: str, pos: int, limit: int) -> int:
    """Where a definition's text ends: it runs over following lines that are indented or not blank,
    to a blank line followed by an unindented line, to the next definition or to a heading."""
    nl = text.find("\n", pos, limit)
    if nl < 0:
        return limit
    end = nl
    at = nl + 1
    while at < limit:
        nl = text.find("\n", at, limit)
        line_end = limit if nl < 0 else nl
        line = text[at:line_end]
        if _DEF.match(line) or _HEADING.match(line):
            break
        if not line.strip():
            after = text[line_end + 1 : line_end + 2]
            if not (nl >= 0 and (after == "\t" or text.startswith("    ", line_end + 1))):
                break
        end = line_end
        if nl < 0:
            break
        at = nl + 1
    return end


def _load_manuscript(path: str, data: bytes, manuscript: object) -> Document:
    """The chapters of a manuscript as one document, each at its own lines."""
    from refcheck.files import read_limit, read_regular
    from refcheck.loaders._build import TextBuilder
    from refcheck.loaders.decode import decode, normalise
    from refcheck.manuscript import MANUBOT_PREFIXES, Manuscript
    from refcheck.project import inside

    assert isinstance(manuscript, Manuscript)
    root = _root(path)
    out = TextBuilder()
    parts: list[tuple[int, int, str]] = []
    problems: list[str] = []
    main_doc = load_text(path, data, fmt="markdown")
    budget = read_limit()  # the whole manuscript, not each chapter, stays under --max-file-size
    for chapter in manuscript.chapters:
        name = _named_like(path, chapter)
        if chapter.resolve() == Path(path).resolve():
            text, name = main_doc.text, path
        elif not inside(chapter, root):
            problems.append(f"{chapter} lies outside the project ({root}) and was not read")
            continue
        else:
            try:
                raw = read_regular(chapter, budget)
            except OSError as exc:
                problems.append(f"{chapter} cannot be read ({exc.strerror or exc})")
                continue
            text = normalise(decode(raw).text)
        budget -= len(text)
        start = out.length
        out.add(text, 1, 1)
        if not text.endswith("\n"):
            out.add_flat("\n", text.count("\n") + 1, len(text) - text.rfind("\n"))
        parts.append((start, out.length, name))
        if budget <= 0:
            problems.append("the manuscript is over the --max-file-size limit; later chapters were not read")
            break
    text, smap = out.build()
    doc = Document(path=path, format="markdown", text=text, source_map=smap, raw=data)
    doc.encoding = main_doc.encoding
    doc.findings.extend(main_doc.findings)
    doc.files = [p for p in parts if p[2] != path]
    bibs = [_named_like(path, b) for b in manuscript.bibliographies]
    nocite: list[str] = []
    aliases = list(manuscript.aliases)
    for a, b, name in parts:
        meta = _mark_up(doc, a, b)
        base = Path(name).parent
        bibs.extend(os.path.normpath(base / n) for n in meta.bibliography)
        nocite.extend(meta.nocite)
        aliases.extend(meta.aliases)
    doc.footnotes, doc.footnote_markers = _footnotes(doc, [(a, b) for a, b, _ in parts])
    if manuscript.kind in ("quarto-book", "bookdown"):
        _chapter_labels(doc, parts)
    doc.notes_region = notes_span(doc.footnotes)
    doc.block_starts = _heading_blocks(doc.text, doc.footnotes)
    for problem in problems:
        doc.findings.append(Finding(rule="missing-input", severity=Severity.WARNING, message=problem))
    unique = list(dict.fromkeys(bibs))
    external = MANUBOT_PREFIXES if manuscript.kind == "manubot" else ()
    if unique or external:
        use_bibliography(doc, unique, nocite=nocite, external=external, aliases=aliases, root=root)
    else:
        _say_why_unchecked(doc, path)
    return doc


def _chapter_labels(doc: Document, parts: list[tuple[int, int, str]]) -> None:
    """In a Quarto book each chapter is rendered on its own, so ``[^1]`` of one chapter is not
    ``[^1]`` of another: labels used again in a later chapter get the chapter's name."""
    seen: set[str] = set()
    for a, b, name in parts:
        here = {n.label for n in doc.footnotes or [] if a <= n.start < b}
        here |= {m.label for m in doc.footnote_markers if a <= m.start < b}
        again = here & seen
        seen |= here
        if not again:
            continue
        stem = Path(name).stem
        for n in doc.footnotes or []:
            if a <= n.start < b and n.label in again:
                n.label = f"{n.label} ({stem})"
        for m in doc.footnote_markers:
            if a <= m.start < b and m.label in again:
                m.label = f"{m.label} ({stem})"
