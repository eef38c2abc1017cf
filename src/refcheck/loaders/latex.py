"""LaTeX (.tex): citation keys, the bibliography (.bib or thebibliography), footnotes and URLs.

* The text is the source without what LaTeX never typesets: comments (``%`` to the end of the line),
  verbatim text (``verbatim``, ``lstlisting``, ``minted`` ... and ``\\verb``), the ``comment``
  environment and ``\\iffalse ... \\fi`` (the ``\\else`` branch is kept). ``\\input``, ``\\include``,
  ``\\subfile`` and ``\\import`` are followed as LaTeX finds them (latex_project.candidates: relative to
  the main file first), each file once, inside the project's tree only (latex_project.Tree); an input
  that is missing, refused (outside the tree, a device, too large) or that includes itself is a
  ``missing-input`` finding at the line of the command. Text from an input is anchored at its own
  lines; findings there name the included file. A missing input the build makes with pandoc from the
  Markdown beside it (``ch1.md`` for ``ch1.tex``) is read from the Markdown, its front matter, code and
  comments blanked: its pandoc citations count as the ``\\autocite``/``\\textcite`` pandoc writes
  (_pandoc_groups), its ``[^n]`` notes as notes named ``^n``.
* Citations: every citation command of natbib, biblatex, apacite, ACL, harvard and chicago
  (``CITE_NAMES``), biblatex's multi-citations (``\\cites(pre)(post)[pre][post]{a}[post]{b}``) and
  commands the document defines with ``\\newcommand`` or ``\\def`` around one of them, whose argument
  holds the keys; a ``#1`` parameter is never a key. One Citation per key (``kind="key"``), located at
  the key. ``\\nocite{key}`` counts the key as cited; ``\\nocite{*}`` counts every entry.
* Bibliography: ``\\bibliography{a,b}`` / ``\\addbibresource{a.bib}`` of the document or of a
  ``.sty``/``.cls`` of the project it loads, relative to the main file, read by ``loaders.bibtex``
  (``@string``s shared across the files in order, as BibTeX reads them); the ``.bib`` files TeX
  ships (``IEEEabrv``) are known, not missing; ``thebibliography`` with ``\\bibitem[opt]{key}``.
  When a bibliography cannot be read, keys missing from the others are reported at info level (the
  unread file is the defect: ``input-bibliography``).
* ``\\footnote{...}`` are footnotes (numbered in order); ``\\url{}`` and ``\\href{}{}`` are URLs.

Every pass is linear in the text: braces are matched once for all footnotes, a footnote's text leaves
out the notes nested in it, and an unclosed ``\\footnote{`` ends at its paragraph.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from refcheck.errors import InputError
from refcheck.extract.reference_list import parse_entry
from refcheck.extract.urls import unescape_url
from refcheck.files import SIDE_FILE_LIMIT, FileTooLarge, NotRegularFile, read_regular, size_text
from refcheck.loaders._build import TextBuilder, blank, squash
from refcheck.loaders.bibtex import WEB_TYPES, display, latex_to_text, read_bibliographies
from refcheck.loaders.cite_commands import (
    CITE_NAMES,
    MULTI_NAMES,
    NARRATIVE,
    citation_commands,
    cite_groups,
    suggest_key,
)
from refcheck.loaders.cite_commands import COMMAND as _COMMAND
from refcheck.loaders.cite_commands import OPT as _OPT
from refcheck.loaders.decode import decode, normalise
from refcheck.loaders.latex_project import BIB, INPUT, Tree, bib_names, candidates
from refcheck.model import (
    Citation,
    Document,
    Finding,
    Footnote,
    FootnoteMarker,
    Reference,
    Severity,
    Url,
)
from refcheck.model.references import by_key as entries_by_key

_ARG = re.compile(r"\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_DEFINE = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*\{?\s*\\([A-Za-z@]+)\s*\}?"
    r"\s*(?:\[(\d)\])?\s*(\[[^\]\n]*\])?\s*\{"
    r"|\\[gex]?def\s*\\([A-Za-z@]+)((?:#\d)*)\s*\{"
)
_PARAM = re.compile(r"#(\d)")
_URL = re.compile(r"\\(url|href)\s*\{([^{}]+)\}")
# a command that names a bibliography or prints one (BibTeX, biblatex, multibib's \\bibliographyX, a
# .bbl typeset by \\input): with none, a document's citations have no list at all
_NAMES_BIBLIOGRAPHY = re.compile(
    r"\\(?:bibliography[A-Za-z]*|addbibresource|addglobalbib|addsectionbib|printbibliography|nobibliography"
    r"|putbib|bibdata)\b|\\begin\{(?:mcite)?thebibliography\}"
)
# (mciteplus' "mcitethebibliography", which achemso's .bbl opens and ACS has authors paste into the .tex)
_THEBIB_BEGIN = re.compile(r"\\begin\{(mcite)?thebibliography\}(?:\{[^{}\n]*\})?")
# the optional label may go on over lines, as BibTeX's .bbl wraps it ("\\bibitem[{Agmon et~al.(1993)Agmon,
# A. and\n  Jones, E. G.}]{agmon_organized_1993}"), never over a blank line
_BIBITEM = re.compile(r"\\bibitem\s*(?:\[((?:[^\[\]\n]|\n(?![ \t]*\n)|\[[^\]\n]*\])*)\])?\s*\{([^{}]+)\}")
_FOOTNOTE = re.compile(r"\\footnote\s*(?:\[[^\]\n]*\])?\s*\{")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)[a-z]?")
_PACKAGE = re.compile(
    r"\\(?:usepackage|RequirePackage|documentclass|LoadClass)\s*(?:\[[^\]]*\])?\s*\{([^{}]+)\}"
)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# Environments LaTeX does not read as text.
VERBATIM = frozenset(
    [
        "verbatim",
        "verbatim*",
        "Verbatim",
        "Verbatim*",
        "BVerbatim",
        "LVerbatim",
        "lstlisting",
        "minted",
        "comment",
        "filecontents",
        "filecontents*",
        "spverbatim",
        "alltt",
    ]
)
_BEGIN_VERB = re.compile(r"\\begin\s*\{(" + "|".join(re.escape(v) for v in VERBATIM) + r")\}")
_LINE_TOKEN = re.compile(r"\\\\|\\%|\\verb\*?([^A-Za-z\s*])(?:.*?)(?:\1|$)|\\(?:url|href)\s*\{[^{}]*\}|%")
_CONDITIONAL = re.compile(r"\\(newif\s*\\)?(if[A-Za-z@]*|else|fi)(?![A-Za-z@])")
# \if... commands that are no TeX conditional (they take arguments and need no \fi).
NOT_CONDITIONALS = frozenset(
    [
        "iff",
        "ifthenelse",
        "ifstrequal",
        "ifdef",
        "ifundef",
        "ifbool",
        "iftoggle",
        "ifstrempty",
        "ifblank",
        "ifnumcomp",
        "ifdefstring",
        "ifcsdef",
        "ifcsundef",
        "ifdefempty",
        "ifdefmacro",
        "ifnumequal",
        "ifnumgreater",
        "ifnumless",
        "ifdimequal",
        "ifboolexpr",
        "ifboolexpe",
        "ifdefvoid",
        "ifcsvoid",
        "ifcsstring",
        "ifstrequal",
        "ifdefstrequal",
        "ifnumodd",
        "ifinlist",
        "ifentrytype",
        "iffieldundef",
        "ifnameundef",
        "iflistundef",
        "ifcitation",
        "ifdraft",
        "ifpackageloaded",
        "ifclassloaded",
    ]
)
# .bib files TeX distributions ship (found by BibTeX in texmf, not in the project).
TEX_BIBS = frozenset({"ieeeabrv", "ieeefull", "ieeeexample", "ieeetranbstctl", "xampl", "biblatex-examples"})
# \input files TeX distributions ship (ushyphex: hyphenex's US English hyphenation exceptions, which
# latextemplates' LNCS template inputs)
TEX_INPUTS = frozenset(
    {"glyphtounicode", "glyphtounicode-cmr", "epsf", "pictex", "xy", "miniltx", "pdfmsym", "ushyphex"}
)
MAX_FILES = 200
MAX_NOTE_DEPTH = 4  # footnotes nested deeper are read as part of the enclosing note


class _Project:
    """What loading one main file gathers besides the text."""

    def __init__(self, main: str) -> None:
        self.main = main
        self.tree = Tree(main)
        self.seen: set[str] = {str(Path(main).resolve())}
        self.findings: list[Finding] = []
        # (file, line, value, command) from local .sty/.cls
        self.sty_bibs: list[tuple[str, int, str, str]] = []
        # (value, offset in the text, command): bibliographies named by the document's uses of a local
        # package's command whose body names one by its parameter (\addbibresource{#1})
        self.used_bibs: list[tuple[str, int | None, str]] = []
        self.too_many = False
        # the .bbl read in place of a missing .bib (see _typeset_bbl), and the entries of a biblatex one
        self.bbl: str | None = None
        self.bbl_refs: list[Reference] = []
        # commands the document defines to discard their argument (skip_gobbled)
        self.gobblers: frozenset[str] = frozenset()
        # the main file's text: where a macro an input path is written with is defined (\def\PATH{.})
        self.main_text = ""
        # (start, end, path) of the text read from the pandoc Markdown a missing input is made from
        self.markdown: list[tuple[int, int, str]] = []
        # the errors "the bibliography ... does not exist" (said at info if the document cites nothing)
        self.missing_bibs: list[Finding] = []


# pandoc's template language ("$if(natbib)$", "$for(bibliography)$", "$endif$"): a template that R
# Markdown (rticles) and Quarto extensions fill in when they render, not a document
_PANDOC_TEMPLATE = re.compile(rb"\$(?:if|for)\([A-Za-z0-9_.-]+\)\$")
_PANDOC_TEMPLATE_END = re.compile(rb"\$end(?:if|for)\$")
# Jinja's, with its own delimiters ("{% if x %}") or those of MyST's LaTeX templates, jtex ("[# if
# doc.bibliography #]", "\bibliography{[- doc.bibliography | join(", ") -]}"): a template too
_JINJA_TEMPLATE = re.compile(rb"(?:\{%|\[#)-?[ \t]*(?:if|for)[ \t][^\n]*?-?(?:%\}|#\])")
_JINJA_TEMPLATE_END = re.compile(rb"(?:\{%|\[#)-?[ \t]*end(?:if|for)[ \t]*-?(?:%\}|#\])")


def load_latex(path: str, data: bytes) -> Document:
    pandoc = _PANDOC_TEMPLATE.search(data) and _PANDOC_TEMPLATE_END.search(data)
    if pandoc or (_JINJA_TEMPLATE.search(data) and _JINJA_TEMPLATE_END.search(data)):
        from refcheck.loaders.text import load_text

        doc = load_text(path, data, "latex")
        doc.references = []
        doc.footnotes = []
        doc.citations_from_loader = True
        doc.unchecked = (
            "it is a pandoc template ($if(...)$, $for(...)$), from which documents are made"
            if pandoc
            else "it is a Jinja template ({% if ... %}, [# if ... #]), from which documents are made"
        )
        return doc
    out = TextBuilder()
    parts: list[tuple[int, int, str]] = []
    project = _Project(path)
    _add_file(out, path, decode(data).text, parts, project, stack=[str(Path(path).resolve())])
    _typeset_bbl(out, path, parts, project)
    text, smap = out.build()
    text, project.gobblers = skip_gobbled(text)
    text = skip_unused_glossary(text)
    doc = Document(path=path, format="latex", text=text, source_map=smap, raw=data)
    doc.files = [p for p in parts if p[2] != path]
    doc.findings.extend(project.findings)
    doc.footnotes, doc.footnote_markers = _footnotes(text)
    if project.markdown:
        _markdown_notes(doc, project.markdown)
    _local_packages(text, project)
    refs, unread = _bibliographies(doc, project)
    # (one \\bibliography per chapter: chapterbib, or \\include'd chapters each with its own)
    named = {
        m.group(2).strip()
        for m in BIB.finditer(text)
        if m.group(1) == "bibliography" and "#" not in m.group(2)
    }
    doc.separate_bibliographies = len(named) > 1 or bool(newcites(text))
    for i, r in enumerate(refs, start=1):
        r.id = f"bib-{i}"
    # the entries BibTeX reads, which it finds whatever the case of the cited key (biber does not, nor
    # does LaTeX a \\bibitem label)
    biber = _biber(text, project)
    bibtex = [] if biber else list(refs)
    envs = _thebibliography(text)
    for a, b in envs:
        refs.extend(_bibitems(text, a, b, len(refs)))
    if envs:
        doc.reference_region = (envs[0][0], envs[-1][1])
    doc.references = refs
    doc.citations = key_citations(
        doc, refs, _wrappers(text), bibtex=bibtex, markdown=project.markdown, ids=biber
    )
    if project.bbl is None and doc.citations and BIB.search(text):
        elsewhere = _built_elsewhere(doc, path, project, refs, bool(biber))
        if elsewhere:  # (read again with the .bbl's entries: a key's suggestion was made without them)
            bibtex += [] if biber else elsewhere
            doc.citations = key_citations(
                doc, refs, _wrappers(text), bibtex=bibtex, markdown=project.markdown, ids=biber
            )
    if not doc.citations and not re.search(r"\\nocite\w*\s*\{", text):
        for f in project.missing_bibs:
            # a template's "\\addbibresource{ref.bib}" kept in a report that cites nothing (no \\cite,
            # no \\nocite): it builds, and no citation goes unchecked; a defect only once it cites
            f.severity = Severity.INFO
            f.message = f.message.replace(
                "; its entries cannot be checked",
                ", but the document cites nothing: no citation is left unchecked",
            )
    named_by = [m.group(0) for m in _NAMES_BIBLIOGRAPHY.finditer(text)] if not refs and not unread else ["-"]
    # (a style alone, "\\bibliographystyle{econark}", names no file: the .bib may be named by a package or
    # class not in the project, econark-multibib's "\\econarkmultibib{\\texname}", or forgotten)
    style_only = bool(named_by) and all(n.startswith("\\bibliographystyle") for n in named_by)
    if not named_by or style_only:
        doc.no_bibliography = True
        doc.style_without_bibliography = style_only
        # (no \\documentclass in it nor in what it inputs: it cannot be typeset alone, whatever else
        # it holds; a paper's stale sections/frontmatter.tex opens with "\\begin{document}")
        doc.fragment = "\\documentclass" not in text
        for c in doc.citations:  # ("[?]" in the PDF: no list at all, not a wrong key)
            if c.key and c.key != "*":
                c.detail = (
                    "the document names no bibliography: no \\bibliography{...}, \\addbibresource{...} "
                    "or thebibliography (commented out?)"
                )
    if unread:  # a key may be in the bibliography that could not be read: not an error of the text
        keys = {r.key for r in refs}
        for c in doc.citations:
            if c.key and c.suggestion is None and c.key not in keys:
                c.confidence = "low"
    doc.citations_from_loader = True
    doc.style = "keys"
    if not doc.citations and not refs and _CITEPROC_LIST.search(data):
        # the .tex pandoc wrote from R Markdown or Markdown (papaja's keep_tex), whose citeproc typeset
        # the citations as text, "(Anvari \& Lakens, 2021)", and the list, "\bibitem[\citeproctext]
        # {ref-anvari...}": no key to check, not silence ("0 errors" on 70 citations)
        doc.unchecked = (
            "it is LaTeX written by pandoc, whose citations and reference list citeproc typeset already "
            "(CSLReferences); check the Markdown or R Markdown it was made from"
        )
    styles = _BIB_STYLE.findall(text)
    revtex = _REVTEX.search(text)
    doc.bib_style = styles[-1].strip() if styles else (revtex.group(1) if revtex else None)
    note = _notes_of(doc)
    doc.urls = []
    in_definitions: list[tuple[int, int]] = []
    for m in _URL.finditer(text):
        if "#" in m.group(2) and _PARAMETER.search(m.group(2)):
            in_definitions.append(m.span(2))  # (nor an address of the text there)
            continue
        doc.urls.append(
            Url(
                url=unescape_url(m.group(2).strip()), start=m.start(2), end=m.end(2), footnote=note(m.start())
            )
        )
    if in_definitions:
        doc.excluded = sorted([*doc.excluded, *in_definitions])
    return doc


# a macro's parameter in a \url or \href of its definition, "\newcommand{\fnref}[2]{\href{#1}{#2}}",
# "\href{https://#1.readthedocs.io}": no address until the macro is used
_PARAMETER = re.compile(r"(?<!\\)#+[1-9]")
_BIB_STYLE = re.compile(r"\\bibliographystyle\s*\{([^{}]+)\}")
# pandoc's typeset reference list in the LaTeX it writes: "\begin{CSLReferences}{1}{0}" (pandoc 2.11
# on), each entry's "\hypertarget{ref-key}{}" before it (earlier pandoc)
_CITEPROC_LIST = re.compile(rb"\\begin\{CSLReferences\}|\\hypertarget\{ref-")
_REVTEX = re.compile(r"\\documentclass\s*(?:\[[^\]]*\]\s*)?\{(revtex4(?:-\d)?)\}")


# --- reading the files -----------------------------------------------------------------------------


def clean(text: str) -> str:
    """The source with what LaTeX does not typeset blanked: comments, verbatim environments and
    ``\\verb``, the ``comment`` environment, ``\\iffalse`` branches. Same length, same lines."""
    lines = text.split("\n")
    out: list[str] = []
    inside: str | None = None  # the verbatim environment the line is in
    for line in lines:
        start = 0
        if inside is not None:
            end = line.find("\\end{" + inside + "}")
            if end < 0:
                out.append(" " * len(line))
                continue
            start = end + len("\\end{" + inside + "}")
            inside = None
        kept = [" " * start]
        pos = start
        cut = len(line)
        for m in _LINE_TOKEN.finditer(line, start):
            tok = m.group(0)
            if tok == "%":
                cut = m.start()
                break
            if tok.startswith("\\verb"):
                kept.append(line[pos : m.start()] + " " * len(tok))
                pos = m.end()
        rest = line[pos:cut]
        b = _BEGIN_VERB.search(rest)
        if b is not None:
            name = b.group(1)
            close = rest.find("\\end{" + name + "}", b.end())
            if close < 0:
                inside = name
                kept.append(rest[: b.end()] + " " * (len(rest) - b.end()))
            else:
                kept.append(rest[: b.end()] + " " * (close - b.end()) + rest[close:])
        else:
            kept.append(rest)
        kept.append(" " * (len(line) - cut))
        out.append("".join(kept))
    return _skip_iffalse("\n".join(out))


def _skip_iffalse(text: str) -> str:
    """Blank ``\\iffalse ... \\fi`` (up to an ``\\else`` at its level), nested conditionals counted."""
    if "\\iffalse" not in text:
        return text
    spans: list[tuple[int, int]] = []
    start = -1
    depth = 0
    for m in _CONDITIONAL.finditer(text):
        word = m.group(2)
        if start < 0:
            if word == "iffalse" and not m.group(1):
                start, depth = m.start(), 1
            continue
        if m.group(1) or word in NOT_CONDITIONALS:
            continue
        if word == "fi":
            depth -= 1
        elif word == "else":
            if depth == 1:
                depth = 0
        else:
            depth += 1
        if depth == 0:
            spans.append((start, m.end()))
            start = -1
    if start >= 0:
        spans.append((start, len(text)))  # never closed: LaTeX skips to the end
    return blank(text, spans)


# A command defined to discard its argument ("\\newcommand{\\ignore}[1]{}", "\\long\\def\\comment#1{}",
# "\\NewDocumentCommand{\\hide}{m}{}"): what a document wraps in it is never typeset (a thesis style's
# usage example "\\comment{ ... \\bibliography{mybib} ... }", a draft's "\\ignore{old text \\cite{x}}")
_GOBBLER = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*\{?\s*\\([A-Za-z@]+)\s*\}?\s*\[\s*1\s*\]\s*\{\s*\}"
    r"|\\(?:(?:long|global|outer|protected)\s*\\)*[gex]?def\s*\\([A-Za-z@]+)\s*#1\s*\{\s*\}"
    r"|\\(?:New|Renew|Provide|Declare)DocumentCommand\s*\{?\s*\\([A-Za-z@]+)\s*\}?\s*\{\s*\+?m\s*\}\s*\{\s*\}"
)


def skip_gobbled(text: str, known: frozenset[str] = frozenset()) -> tuple[str, frozenset[str]]:
    """``text`` with the arguments of commands defined to discard them (``_GOBBLER``, here or in
    ``known``) blanked, and the names of those commands. A name also defined with a body that keeps
    its argument (a draft switch: ``\\newcommand{\\hide}[1]{}`` in one branch, ``{#1}`` in the other)
    is left alone: which definition LaTeX uses is not known."""
    names = set(known)
    if "#1{" in text or "[1]{" in text or "{m}{" in text or "#1 {" in text or "[1] {" in text:
        found: dict[str, int] = {}
        for m in _GOBBLER.finditer(text):
            name = m.group(1) or m.group(2) or m.group(3)
            found[name] = found.get(name, 0) + 1
        if found:
            alternation = "|".join(re.escape(n) for n in found)
            defined = re.compile(
                r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand|[gex]?def|let|"
                r"(?:New|Renew|Provide|Declare)DocumentCommand)\*?\s*\{?\s*\\("
                + alternation
                + r")(?![A-Za-z@])"
            )
            every: dict[str, int] = {}
            for m in defined.finditer(text):
                every[m.group(1)] = every.get(m.group(1), 0) + 1
            names.update(n for n, k in found.items() if every.get(n, 0) <= k)
    if not names:
        return text, frozenset()
    use = re.compile(r"\\(" + "|".join(re.escape(n) for n in sorted(names)) + r")(?![A-Za-z@])\s*\{")
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in use.finditer(text):
        if m.start() < pos:
            continue  # (inside an argument already blanked)
        end = _braced(text, m.end() - 1)[1]
        if text[end - 1] != "}":
            break  # never closed: LaTeX stops with a runaway argument; nothing is blanked
        spans.append((m.start(), end))
        pos = end
    return blank(text, spans), frozenset(names)


# glossaries: an entry's definition ("\\newglossaryentry{label}{name={...}, description={... \\cite{x}}}")
# is typeset only in a printed glossary, for the entries the document uses (\\gls{label}, \\acrshort{label},
# \\glsadd{label} ...) or all of them (\\glsaddall, glossaries-extra's \\printunsrtglossary)
_GLOSSARY_ENTRY = re.compile(r"\\(?:long)?newglossaryentry\s*\{([^{}]+)\}\s*\{")
_GLOSSARY_PRINTED = re.compile(r"\\print[A-Za-z]*(?:glossar|acronym|abbreviation|symbol)", re.I)
_GLOSSARY_USE = re.compile(
    r"\\[A-Za-z]*(?:gls|Gls|GLS|acr|Acr|ACR|ac|Ac|AC)[A-Za-z]*\*?\s*(?:\[[^\]]*\]\s*)?\{([^{}]+)\}"
)


def skip_unused_glossary(text: str) -> str:
    """``text`` with the definitions of glossary entries that are never typeset blanked: every entry
    when the document prints no glossary, else those it never uses (unless it adds them all). A
    citation in such an entry's description (a DHBW thesis's unused "Plugin" entry citing a key its
    .bib lacks; a beamer talk that inputs the thesis's glossary file and prints none) is no citation
    of the document."""
    if "newglossaryentry" not in text:
        return text
    printed = _GLOSSARY_PRINTED.search(text)
    if printed and ("\\glsaddall" in text or "\\printunsrtglossar" in text):
        return text
    entries = [
        (m.group(1).strip(), m.start(), _braced(text, m.end() - 1)[1]) for m in _GLOSSARY_ENTRY.finditer(text)
    ]
    used: set[str] = set()
    if printed:  # (a use in another entry's description counts, whether that entry is typeset or not)
        for m in _GLOSSARY_USE.finditer(text):
            used.update(label.strip() for label in m.group(1).split(","))
    spans = [(a, b) for label, a, b in entries if label not in used and text[b - 1] == "}"]
    return blank(text, spans)


def _conditional_blocks(text: str) -> list[tuple[int, int, int]]:
    """The TeX conditionals of ``text`` (``\\ifX ... \\else ... \\fi``, nested ones too), in order of
    their ends: where each starts, where its ``\\else`` branch starts (its end when it has none), where
    it ends."""
    blocks: list[tuple[int, int, int]] = []
    opened: list[list[int]] = []
    for m in _CONDITIONAL.finditer(text):
        word = m.group(2)
        if m.group(1) or word in NOT_CONDITIONALS:
            continue
        if word == "fi":
            if opened:
                start, middle = opened.pop()
                blocks.append((start, middle if middle >= 0 else m.end(), m.end()))
        elif word == "else":
            if opened:
                opened[-1][1] = m.start()
        else:
            opened.append([m.start(), -1])
    return blocks


def _add_file(
    out: TextBuilder,
    path: str,
    decoded: str,
    parts: list[tuple[int, int, str]],
    project: _Project,
    stack: list[str],
) -> None:
    """Append one file (what LaTeX does not typeset left out), following its inputs; ``parts``
    records which spans of the text come from which file."""
    text = clean(normalise(decoded))
    if not project.main_text:
        project.main_text = text
    elif "\\documentclass" in text:
        text = _without_own_preamble(text)
    segment = out.length
    for lineno, line in enumerate(text.split("\n"), start=1):
        col = 0
        for m in INPUT.finditer(line):
            out.add(line[col : m.start()], lineno, col + 1)
            col = m.end()
            found = _target(path, m, project, stack, lineno, text)
            if found is None:
                continue
            target, content = found
            try:
                decoded = decode(content).text
            except InputError as exc:  # (a binary file: the document is checked without it)
                _missing_input(project, path, lineno, f"the input file {target.name!r} is not read: {exc}")
                continue
            out.newline()
            parts.append((segment, out.length, path))
            if target.suffix in _MARKDOWN_SOURCES:
                _add_markdown(out, str(target), decoded, parts, project)
            else:
                _add_file(out, str(target), decoded, parts, project, [*stack, str(target.resolve())])
            segment = out.length
        out.add(line[col:] + "\n", lineno, col + 1)
    parts.append((segment, out.length, path))


def _add_markdown(
    out: TextBuilder, path: str, decoded: str, parts: list[tuple[int, int, str]], project: _Project
) -> None:
    """Append the pandoc Markdown an input is made from, at its own lines: its front matter, code and
    comments blanked (pandoc makes no citation of them), its raw LaTeX kept (pandoc passes it on)."""
    from refcheck.loaders.markdown import _mark_up as mark_up
    from refcheck.model import SourceMap

    text = normalise(decoded)
    doc = Document(path=path, format="markdown", text=text, source_map=SourceMap(text))
    mark_up(doc, 0, len(text))
    text = blank(text, sorted(doc.excluded))
    start = out.add(text, 1, 1)
    if not text.endswith("\n"):
        out.add_flat("\n", text.count("\n") + 1, len(text) - text.rfind("\n"))
    parts.append((start, out.length, path))
    project.markdown.append((start, out.length, path))


def _markdown_notes(doc: Document, spans: list[tuple[int, int, str]]) -> None:
    """The ``[^label]`` notes of the Markdown an input is made from, among the document's. Pandoc
    numbers them with LaTeX's, so their labels are names ("^1", not "1"); a label used again in another
    file gets that file's name (each file is converted on its own)."""
    from refcheck.loaders.markdown import _footnotes as markdown_footnotes

    notes, markers = markdown_footnotes(doc, [(a, b) for a, b, _ in spans])
    if not notes and not markers:
        return
    seen: set[str] = set()
    for a, b, name in spans:
        here = [n for n in notes if a <= n.start < b] + [m for m in markers if a <= m.start < b]
        labels = {x.label for x in here}
        for x in here:
            x.label = f"^{x.label}" if x.label not in seen else f"^{x.label} ({Path(name).name})"
        seen |= labels
    doc.footnotes = sorted([*(doc.footnotes or []), *notes], key=lambda n: n.text_start)
    doc.footnote_markers = sorted([*doc.footnote_markers, *markers], key=lambda m: m.start)


def _pandoc_groups(
    text: str, spans: list[tuple[int, int, str]], keys: dict[str, Reference]
) -> list[tuple[str, int, list[tuple[int, str, str]]]]:
    """The pandoc citations of the Markdown an input is made from, as the citation commands pandoc
    writes for them: ``[see @a, p. 3; @b]`` (\\autocite), ``@a`` (\\textcite). A key of no entry
    that is a cross-reference (pandoc-crossref's ``@fig:x``, a ``{#sec:x}`` of the file) is none."""
    from refcheck.loaders.pandoc import _GROUP as GROUP
    from refcheck.loaders.pandoc import _ITEM_KEY as ITEM_KEY
    from refcheck.loaders.pandoc import _NARRATIVE as NARRATIVE_KEY
    from refcheck.loaders.pandoc import cross_reference, targets

    out: list[tuple[str, int, list[tuple[int, str, str]]]] = []
    for a, b, _ in spans:
        labels = targets(text[a:b])

        def wanted(key: str, labels: set[str] = labels) -> bool:
            return key in keys or not (cross_reference(key) or key in labels)

        taken: list[tuple[int, int]] = []
        for g in GROUP.finditer(text, a, b):
            taken.append(g.span())
            items: list[tuple[int, str, str]] = []
            for item in ITEM_KEY.finditer(text, g.start(1), g.end(1)):
                key, at = item.group(2), item.start(2)
                if key.startswith("{") and key.endswith("}"):
                    key, at = key[1:-1], at + 1
                if wanted(key):
                    rest = text[item.end() : g.end(1)].split(";", 1)[0].strip(" ,")
                    items.append((at, key, rest))
            if items:
                out.append(("autocite", g.start(), items))
        k = 0
        for m in NARRATIVE_KEY.finditer(text, a, b):
            while k < len(taken) and taken[k][1] <= m.start():
                k += 1
            if k < len(taken) and taken[k][0] <= m.start():
                continue  # (in a bracketed group)
            key, at = m.group(1), m.start(1)
            if key.startswith("{") and key.endswith("}"):
                key, at = key[1:-1], at + 1
            if wanted(key):
                out.append(("textcite", m.start(), [(at, key, "")]))
    return out


def _typeset_bbl(out: TextBuilder, path: str, parts: list[tuple[int, int, str]], project: _Project) -> None:
    """When a bibliography the document names is missing but the .bbl BibTeX or biber wrote from it
    is beside the main file, as an arXiv source ships main.tex and main.bbl without the .bib, LaTeX
    typesets the .bbl: its entries are the document's. A BibTeX .bbl (``thebibliography``) is read as
    text, as LaTeX inputs it; a biblatex one (``\\entry{key}...``) for its fields."""
    text = out.text
    if "filecontents" in text:
        return  # (the document writes a .bib itself: _bibliographies reads it)
    here, main_dir = Path(path).parent, project.tree.main_dir
    missing = False
    for m in BIB.finditer(text):
        for name in bib_names(m.group(2), m.group(1)):
            name = _expanded(name, text).replace("\\jobname", Path(path).stem)
            if "\\" in name or "$" in name or Path(name).stem.lower() in TEX_BIBS:
                continue
            paths = [main_dir / name] if os.path.isabs(name) else [main_dir / name, here / name]
            missing = missing or not any(os.path.lexists(p) for p in paths)
    if not missing:
        return
    bbl = main_dir / (Path(path).stem + ".bbl")
    if not os.path.lexists(bbl) or project.tree.refuses(bbl):
        return
    try:
        content = read_regular(bbl, SIDE_FILE_LIMIT.get())
    except (OSError, InputError):
        return
    if b"\\bibitem" not in content and b"\\entry{" not in content:
        return  # an empty .bbl (BibTeX found no .bib either): the missing .bib is the finding
    try:
        decoded = decode(content).text
    except InputError:  # (a binary .bbl: as one that cannot be read)
        return
    project.bbl = str(bbl)
    if b"thebibliography" not in content and b"\\entry{" in content:
        project.bbl_refs = _biblatex_bbl(str(bbl), decoded)
    else:
        _add_file(out, str(bbl), decoded, parts, project, [str(Path(path).resolve()), str(bbl.resolve())])


def _built_elsewhere(
    doc: Document, path: str, project: _Project, refs: list[Reference], biber: bool
) -> list[Reference]:
    """The entries of cited keys that no bibliography the document names has but the .bbl beside the
    main file, which BibTeX or biber last wrote, holds: that .bbl was built from another bibliography
    (a Zotero export kept elsewhere, a .bib not committed), so the entries are real, and the document
    shows them as long as the .bbl is typeset as it is (arXiv does); a new build from the named
    bibliography drops them. Read from the .bbl (and returned), with one warning; a key neither has
    stays missing."""
    fold = (lambda k: k) if biber else str.casefold  # (BibTeX finds a key whatever its case)
    keys = {fold(r.key) for r in refs if r.key}
    missing = {c.key for c in doc.citations if c.key and c.key != "*" and fold(c.key) not in keys}
    if not missing:
        return []
    bbl = project.tree.main_dir / (Path(path).stem + ".bbl")
    if not os.path.lexists(bbl) or project.tree.refuses(bbl):
        return []
    try:
        content = read_regular(bbl, SIDE_FILE_LIMIT.get())
        if b"\\bibitem" not in content and b"\\entry{" not in content:
            return []
        text = decode(content).text
    except (OSError, InputError):  # (InputError: a binary .bbl)
        return []
    if "thebibliography" not in text:
        held = _biblatex_bbl(str(bbl), text)
    else:
        held = [r for a, b in _thebibliography(text) for r in _bibitems(text, a, b, 0)]
        for r in held:  # (located in the .bbl, not in the document's text)
            r.source = (str(bbl), text.count("\n", 0, r.start) + 1)
            r.start = r.end = -1
    found = [r for r in held if r.key in missing]
    if not found:
        return []
    refs.extend(found)
    for i, r in enumerate(refs, start=1):
        r.id = f"bib-{i}"
    shown = ", ".join(r.key or "" for r in found[:5]) + (", ..." if len(found) > 5 else "")
    named = dict.fromkeys(
        Path(n).name for m in BIB.finditer(doc.text) for n in bib_names(m.group(2), m.group(1))
    )
    first = BIB.search(doc.text)
    doc.findings.append(
        Finding(
            rule="input-bibliography",
            severity=Severity.WARNING,
            message=f"{len(found)} cited key(s) ({shown}) are in no bibliography the document names "
            f"({', '.join(named)}) but in {bbl.name}, which BibTeX or biber built from another "
            f"bibliography (one not in the project?): their entries are read from {bbl.name}, and a "
            f"new build drops them (undefined citations); add them to the bibliography",
            offset=first.start() if first is not None else None,
        )
    )
    return found


# biblatex's .bbl: "\entry{key}{type}{}" ... "\endentry", its names "family={Buolamwini}" and fields
# "\field{title}{...}"
_BBL_ENTRY = re.compile(r"\\entry\{([^{}]+)\}\{([^{}]*)\}\{[^{}]*\}(.*?)\\endentry", re.S)
_BBL_NAMES = re.compile(r"\\name\{(author|editor)\}\{\d+\}\{[^{}]*\}")
_BBL_FAMILY = re.compile(r"\bfamily=\{")
_BBL_FIELD = re.compile(r"\\(?:field|verb)\{(title|year|labelyear|date|journaltitle|booktitle|doi|url)\}")


def _braced(text: str, at: int) -> tuple[str, int]:
    """The text of the brace group opening at ``text[at]`` ("{"), and the offset after it."""
    depth, i = 0, at
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return text[at + 1 : i], i + 1
        i += 1
    return text[at + 1 :], len(text)


def _biblatex_bbl(path: str, text: str) -> list[Reference]:
    """The entries of a biblatex .bbl, located on its lines."""
    refs: list[Reference] = []
    for n, m in enumerate(_BBL_ENTRY.finditer(text), start=1):
        key, kind, body = m.group(1).strip(), m.group(2).strip().lower(), m.group(3)
        ref = Reference(id=f"bib-{n}", text="", start=-1, end=-1, key=key, label=key)
        ref.source = (path, text.count("\n", 0, m.start()) + 1)
        names: dict[str, list[str]] = {}
        for nm in _BBL_NAMES.finditer(body):
            stop = body.find("\\name{", nm.end())
            segment = body[nm.end() : stop if stop >= 0 else len(body)]
            families = []
            for f in _BBL_FAMILY.finditer(segment):
                families.append(latex_to_text(_braced(segment, f.end() - 1)[0]).strip())
            names.setdefault(nm.group(1), [f for f in families if f])
        ref.authors = names.get("author") or names.get("editor") or []
        ref.given = [""] * len(ref.authors)
        fields: dict[str, str] = {}
        for f in _BBL_FIELD.finditer(body):
            brace = body.find("{", f.end())
            if brace == f.end():
                fields.setdefault(f.group(1), _braced(body, brace)[0])
        year = _YEAR.search(fields.get("year") or fields.get("labelyear") or fields.get("date") or "")
        ref.year = year.group(0) if year else None
        ref.title = latex_to_text(fields["title"]).strip() or None if fields.get("title") else None
        container = fields.get("journaltitle") or fields.get("booktitle")
        if container:
            ref.container = latex_to_text(container).strip() or None
            ref.container_kind = "journal" if fields.get("journaltitle") else "book"
        ref.doi = fields.get("doi") or None
        if fields.get("url"):
            ref.urls.append(fields["url"].strip())
        ref.web = kind in WEB_TYPES
        ref.text = display(ref)
        refs.append(ref)
    return refs


# sources a build makes a .tex from: pandoc's Markdown and Org, knitr's R Markdown and Sweave,
# literate Haskell (lhs2TeX)
_SOURCE_SUFFIXES = (".md", ".markdown", ".Rmd", ".rmd", ".Rnw", ".rnw", ".org", ".lhs", ".qmd")


# those pandoc reads as Markdown: the build makes the .tex with "pandoc --biblatex" (or --natbib), its
# "[@key]" becoming "\\autocite{key}", its "[^1]" notes "\\footnote{...}", its raw LaTeX kept
_MARKDOWN_SOURCES = frozenset({".md", ".markdown", ".Rmd", ".rmd", ".qmd"})


def _sources(path: Path) -> list[Path]:
    """The source files beside a missing ``x.tex`` or ``x.latex`` (``x.md``, ``x.Rnw`` ...) that a build
    makes it from."""
    if path.suffix not in (".tex", ".latex"):
        return []
    return [s for s in (path.with_suffix(x) for x in _SOURCE_SUFFIXES) if s.is_file()][:1]


def _missing_input(project: _Project, path: str, line: int, message: str) -> None:
    project.findings.append(
        Finding(rule="missing-input", severity=Severity.WARNING, message=message, path=path, line=line)
    )


def _target(
    parent: str, m: re.Match[str], project: _Project, stack: list[str], line: int, text: str = ""
) -> tuple[Path, bytes] | None:
    """The file an input command names and its bytes, or None (a finding says why when it matters).
    ``text``: the including file's, where a macro the name is written with may be defined."""
    name = _path_expanded((m.group("name") or m.group("bare") or "").strip(), text, project.main_text)
    if not name or "#" in name or "\\" in name:
        return None  # a macro's parameter or a computed name: nothing to follow
    cmd = m.group("cmd") or "input"
    here = Path(parent).parent
    if "import" in cmd or "from" in cmd:  # \import{dir}{file}: relative to the including file
        sub = here / _path_expanded((m.group("dir") or "").strip(), text, project.main_text)
        paths = [sub / (name if name.endswith(".tex") else name + ".tex"), sub / name]
    else:
        paths = candidates(
            name, project.tree.main_dir, here, always_tex=cmd == "include", top=project.tree.top
        )
    chosen = next((p for p in paths if os.path.lexists(p)), None)
    if chosen is None:
        stem = Path(name).name.lower().removesuffix(".tex")
        if stem not in TEX_INPUTS and not name.endswith((".bbl", ".aux", ".toc")):
            message = (
                f"the input file {name!r} does not exist (looked for {paths[0]}); its text is not checked"
            )
            from refcheck.discovery import git_ignored, submodule_of

            source = next((s for p in paths for s in _sources(p)), None)
            submodule = submodule_of(paths[0], project.tree.top)
            if source is not None and source.suffix in _MARKDOWN_SOURCES:
                # (made by pandoc when the document is built: its citations and notes are read from the
                # Markdown, in its place and at its own lines)
                project.findings.append(
                    Finding(
                        rule="missing-input",
                        severity=Severity.INFO,
                        message=f"the input file {name!r} does not exist (looked for {paths[0]}): the build "
                        f"makes it from {source.as_posix()} beside it, whose pandoc citations and footnotes "
                        "are read in its place",
                        path=parent,
                        line=line,
                    )
                )
                chosen = source
            elif source is not None:  # (made when the document is built: knitr, Org)
                project.findings.append(
                    Finding(
                        rule="missing-input",
                        severity=Severity.INFO,
                        message=message
                        + f" ({source.as_posix()} beside it is its source: the build makes it)",
                        path=parent,
                        line=line,
                    )
                )
            elif submodule is not None:  # (a clone without its submodules)
                project.findings.append(
                    Finding(
                        rule="missing-input",
                        severity=Severity.INFO,
                        message=message
                        + f" (it lies in the git submodule {submodule}, which is not checked out:"
                        " git submodule update --init)",
                        path=parent,
                        line=line,
                    )
                )
            elif any(git_ignored(p, project.tree.top) for p in paths):
                # (a file the build writes: a version stamp from 'git describe', a .out of the run before)
                project.findings.append(
                    Finding(
                        rule="missing-input",
                        severity=Severity.INFO,
                        message=message + " (.gitignore leaves it out: the build writes it)",
                        path=parent,
                        line=line,
                    )
                )
            else:
                _missing_input(project, parent, line, message)
        if chosen is None:
            return None
    refused = project.tree.refuses(chosen)
    if refused:
        _missing_input(project, parent, line, f"the input file {name!r} is not read: {refused}")
        return None
    key = str(chosen.resolve())
    if key in stack:
        _missing_input(project, parent, line, f"the input file {name!r} includes itself (a cycle); read once")
        return None
    if key in project.seen:
        return None  # read once already (a preamble input twice): its citations count once
    if len(project.seen) >= MAX_FILES:
        if not project.too_many:
            project.too_many = True
            _missing_input(project, parent, line, f"more than {MAX_FILES} input files; the rest are not read")
        return None
    try:
        content = read_regular(chosen, SIDE_FILE_LIMIT.get())
    except NotRegularFile:
        _missing_input(project, parent, line, f"the input file {name!r} is not read: not a regular file")
        return None
    except FileTooLarge as exc:
        _missing_input(
            project,
            parent,
            line,
            f"the input file {name!r} is not read: {size_text(exc.size)}, over the {size_text(exc.limit)} "
            "limit (--max-file-size)",
        )
        return None
    except OSError as exc:
        _missing_input(
            project, parent, line, f"the input file {name!r} cannot be read ({exc.strerror or exc})"
        )
        return None
    project.seen.add(key)
    return chosen, content


def _local_packages(text: str, project: _Project) -> None:
    """``\\bibliography``/``\\addbibresource`` in the project's own .sty and .cls files."""
    main_dir = project.tree.main_dir
    for m in _PACKAGE.finditer(text):
        suffix = ".cls" if m.group(0).lstrip("\\").startswith(("documentclass", "LoadClass")) else ".sty"
        for name in m.group(1).split(","):
            name = name.strip()
            if not name or ("/" in name and name.startswith(("/", ".."))):
                continue
            p = main_dir / (name + suffix)
            key = str(p.resolve()) if os.path.lexists(p) else ""
            if not key or key in project.seen or project.tree.refuses(p):
                continue
            project.seen.add(key)
            try:
                src = clean(normalise(decode(read_regular(p, SIDE_FILE_LIMIT.get())).text))
            except (OSError, InputError):
                continue
            src = skip_gobbled(src, project.gobblers)[0]
            for b in BIB.finditer(src):
                line = src.count("\n", 0, b.start()) + 1
                project.sty_bibs.append((str(p), line, b.group(2), b.group(1)))
                if "#" in b.group(2):  # named by the document's uses of the package's command
                    for value, offset in _arguments(b.group(2), src, text, b.start()):
                        project.used_bibs.append((value, offset, b.group(1)))


def _bibliographies(doc: Document, project: _Project) -> tuple[list[Reference], bool]:
    """The entries of every bibliography the document names; whether one could not be read."""
    text = doc.text
    declared: list[tuple[str, str | None, int | None, int | None]] = []  # (name, path, line, offset)
    for m in BIB.finditer(text):
        for value, offset in _arguments(m.group(2), text, text, m.start()):
            for name in bib_names(value, m.group(1)):
                declared.append((name, None, None, offset))
    for suffix in newcites(text):  # multibib's \\bibliographyapp{file}
        for m in re.finditer(rf"\\bibliography{suffix}\s*\{{([^{{}}]+)\}}", text):
            for name in bib_names(m.group(1), "bibliography"):
                declared.append((name, None, None, m.start()))
    for sty_path, sty_line, value, command in project.sty_bibs:
        if "#" in value:  # (a command's parameter: its uses name the files, project.used_bibs)
            continue
        for sty_name in bib_names(value, command):
            declared.append((sty_name, sty_path, sty_line, None))
    for value, offset, command in project.used_bibs:
        for name in bib_names(value, command):
            declared.append((name, None, None, offset))
    seen_names = {os.path.normpath(n) for n, *_ in declared}
    for m in _SETUP_BIB.finditer(text):
        # a class's key=value setup naming the database (fduthesis's "bib-resource = {refs.bib}",
        # njuthesis's "resource = {a.bib, b.bib}"): read when the file is there, as the class passes it
        # to \addbibresource or \bibliography; a value that names no file beside the document is the
        # class's business (a key of another meaning), not said
        for name in bib_names(m.group(1) or m.group(2), "addbibresource"):
            if not name.lower().endswith(".bib") or os.path.normpath(name) in seen_names:
                continue
            if any(os.path.isfile(b / name) for b in (project.tree.main_dir, Path(doc.path).parent)):
                seen_names.add(os.path.normpath(name))
                declared.append((name, None, None, m.start()))
    here = Path(doc.path).parent
    files: list[str] = []
    unread = False
    tex_shipped = False
    embedded = _filecontents(doc)
    given: dict[str, tuple[str, bytes]] = {}
    for name, sty, at_line, offset in declared:
        name = _expanded(name, text).replace("\\jobname", Path(doc.path).stem)
        if "\\" in name or "$" in name:
            # a macro refcheck cannot expand, or a pandoc template's variable ("$bibliography$.bib"):
            # the name is known only when the document is built
            unread = True
            doc.findings.append(
                Finding(
                    rule="input-bibliography",
                    severity=Severity.INFO,
                    message=f"the bibliography {name!r} is named by a macro or template variable refcheck does "
                    "not expand; its entries cannot be checked",
                    offset=offset,
                    path=sty,
                    line=at_line,
                )
            )
            continue
        stem = Path(name).stem.lower()
        paths = (
            [project.tree.main_dir / name]
            if os.path.isabs(name)
            else [project.tree.main_dir / name, here / name]
        )
        if project.tree.top is not None and not os.path.isabs(name) and ".." not in Path(name).parts:
            paths.append(project.tree.top / name)  # (built from the project's root: see candidates)
        chosen = next((p for p in paths if os.path.lexists(p)), None)
        block = embedded.get(os.path.normpath(name))
        if block is not None and (chosen is None or block[0]):
            # written by the document's own filecontents environment when it is built (over a file
            # already there only with [overwrite] or [force], as LaTeX does): its text is the .bib
            key = f"{doc.path}\0{name}"
            if key not in files:
                files.append(key)
                given[key] = (doc.path, block[1])
            continue
        problem = None
        if project.bbl is not None:
            # the .bbl LaTeX typesets is read instead (see _typeset_bbl)
            if chosen is None and stem not in TEX_BIBS:
                doc.findings.append(
                    Finding(
                        rule="input-bibliography",
                        severity=Severity.INFO,
                        message=f"the bibliography {paths[0]} named here does not exist; its entries are read "
                        f"from {Path(project.bbl).name}, which LaTeX typesets in its place",
                        offset=offset,
                        path=sty,
                        line=at_line,
                    )
                )
            continue
        if chosen is None:
            if stem in TEX_BIBS:
                tex_shipped = True
                continue
            alternative = _alternative(name, offset, declared, text, project, here)
            if alternative is not None:
                # a class's switch between biblatex and BibTeX ("\ifbiblatex \addbibresource{references}
                # \else \bibliography{references} \fi", kththesis): TeX takes one branch, refcheck
                # cannot tell which; the other's file is there and read
                doc.findings.append(
                    Finding(
                        rule="input-bibliography",
                        severity=Severity.INFO,
                        message=f"the bibliography {paths[0]} named here does not exist; it is named in one "
                        f"branch of {alternative[0]}, whose other branch names {alternative[1]}, which is "
                        "read: if TeX takes this branch, its entries cannot be checked",
                        offset=offset,
                        path=sty,
                        line=at_line,
                    )
                )
                continue
            problem = f"the bibliography {paths[0]} named here does not exist; its entries cannot be checked"
            if os.path.isabs(name) and (refused := project.tree.refuses(Path(name))):
                # (a path of the author's own machine, "/Users/andrew/Dropbox/Readings/Papers.bib":
                # outside the project, never read, whether or not it is here; as in Markdown)
                problem = f"the bibliography {name} is not read: {refused}; its entries cannot be checked"
                chosen = Path(name)
        else:
            refused = project.tree.refuses(chosen)
            if refused:
                problem = f"the bibliography {name} is not read: {refused}"
        if problem is None and chosen is not None:
            chosen = _tidy(chosen)
            if str(chosen) not in files:
                files.append(str(chosen))
            continue
        unread = True
        finding = Finding(
            rule="input-bibliography",
            severity=Severity.ERROR if chosen is None else Severity.WARNING,
            message=problem or "",
            offset=offset,
            path=sty,
            line=at_line,
        )
        doc.findings.append(finding)
        if chosen is None:
            project.missing_bibs.append(finding)
    refs: list[Reference] = list(project.bbl_refs)
    if files:
        refs, findings, failed = read_bibliographies(
            files, lenient_strings=tex_shipped, given=given, biber=_biber(text, project)
        )
        doc.findings.extend(findings)
        doc.unreadable.extend((path, why) for path, why in failed if why)
        unread = unread or bool(failed)
    return refs, unread or tex_shipped


def _alternative(
    name: str,
    offset: int | None,
    declared: list[tuple[str, str | None, int | None, int | None]],
    text: str,
    project: _Project,
    here: Path,
) -> tuple[str, str] | None:
    """The switch (``\\ifbiblatex``) of the TeX conditional the missing ``name`` is named in (at
    ``offset``), and another bibliography, there to be read, named in a conditional of the same
    switch (None when there is none, or ``name`` is in no conditional)."""
    if offset is None or "\\fi" not in text:
        return None
    blocks = _conditional_blocks(text)
    inside = [b for b in blocks if b[0] <= offset < b[2]]
    if not inside:
        return None
    a, middle, _ = max(inside)  # the innermost
    branch = offset < middle
    switch = _CONDITIONAL.match(text, a)
    word = switch.group(2) if switch else ""
    # the other branch of a conditional that tests the same switch (this one, or a second
    # "\ifbiblatex ... \else ... \fi" at the end of the document)
    same = [b for b in blocks if (m := _CONDITIONAL.match(text, b[0])) is not None and m.group(2) == word]
    found: dict[bool, str] = {}  # the branch (True: the first) -> a bibliography there that is read
    for other, sty, _, at in declared:
        if sty is not None or at is None or other == name:
            continue
        sides = {at < m for x, m, y in same if x <= at < y}
        other = _expanded(other, text)
        if len(sides) != 1 or "\\" in other or "$" in other or os.path.isabs(other):
            continue
        if any(os.path.isfile(d / other) for d in (project.tree.main_dir, here)):
            found.setdefault(sides.pop(), other)
    if branch in found or (not branch) not in found:
        return None  # (a branch that reads one file and misses another is wrong whichever TeX takes)
    return f"\\{word}", found[not branch]


# biblatex, loaded or used (\addbibresource is biblatex's), and its backend when set to BibTeX
_BIBLATEX = re.compile(
    r"\\(?:usepackage|RequirePackage)\s*(?:\[[^\]]*\])?\s*\{[^{}]*\bbiblatex\b"
    r"|\\add(?:bibresource|globalbib|sectionbib)\b"
)
_BIBLATEX_COMMANDS = frozenset({"addbibresource", "addglobalbib", "addsectionbib"})
_BACKEND_BIBTEX = re.compile(r"\bbackend\s*=\s*bibtex")


def _biber(text: str, project: _Project) -> bool:
    """Whether biber reads the document's .bib files: biblatex is loaded (by the document or a local
    package) and its backend is not BibTeX (biber is biblatex's default)."""
    if _BACKEND_BIBTEX.search(text):
        return False
    return bool(_BIBLATEX.search(text)) or any(c in _BIBLATEX_COMMANDS for *_, c in project.sty_bibs)


_MACRO_NAME = re.compile(r"\\([A-Za-z@]+)")
# \begin{filecontents}[overwrite]{refs.bib} ... \end{filecontents} (or filecontents*): a file the
# document writes when it is built, as single-file submissions carry their bibliography
_FILECONTENTS = re.compile(
    r"\\begin\{(filecontents\*?)\}\s*(?:\[([^\]\n]*)\])?\s*\{([^{}\n]+)\}(.*?)\\end\{\1\}", re.S
)


def _filecontents(doc: Document) -> dict[str, tuple[bool, bytes]]:
    """The files the main file's ``filecontents`` environments write, by name (``\\jobname`` the main
    file's): whether one overwrites a file already there, and its text, on the lines it stands on in
    the main file (preceded by as many line breaks), so that its entries are located there."""
    if b"filecontents" not in doc.raw:
        return {}
    source = normalise(decode(doc.raw).text)
    out: dict[str, tuple[bool, bytes]] = {}
    for m in _FILECONTENTS.finditer(source):
        options = {o.strip() for o in (m.group(2) or "").split(",")}
        name = m.group(3).strip().replace("\\jobname", Path(doc.path).stem)
        if not Path(name).suffix:
            name += ".tex"  # (as LaTeX names it: no bibliography)
        body = "\n" * source.count("\n", 0, m.start(4)) + m.group(4)
        out.setdefault(os.path.normpath(name), (bool(options & {"overwrite", "force"}), body.encode("utf-8")))
    return out


# a key of a class's key=value setup that names a .bib: "bib-resource = {refs.bib}", "resource = {a.bib,
# b.bib}", "bibfile = refs.bib"
_SETUP_BIB = re.compile(
    r"(?<![\w-])[A-Za-z-]*(?:bib|resource)[A-Za-z-]*\s*=\s*"
    r"(?:\{([^{}=\\]*\.bib[^{}=\\]*)\}|([^\s,{}=\\]+\.bib)(?![\w.]))",
    re.I,
)
_PARAMETER = re.compile(r"#(\d)")
_OPTIONAL = re.compile(r"\s*\[[^\]\n]*\]")


def _arguments(value: str, src: str, text: str, at: int) -> list[tuple[str, int | None]]:
    """The bibliography names ``value`` stands for, each with the offset in ``text`` (the document)
    that names it (None: where it is written, in ``src``). A value with a macro parameter
    (``\\addbibresource{#1}`` in the body of ``\\newcommand{\\addbibfile}[1]``, NOVAthesis's class)
    names no file itself: each use of the command in the document does (``\\addbibfile{refs.bib}``);
    a command never used names none."""
    if "#" not in value:
        return [(value, at if src is text else None)]
    name = None
    for d in _DEFINE.finditer(src, max(0, at - 4000), at):
        name = d.group(1) or d.group(3)  # the last definition begun before the command
    if name is None:
        return []
    out: list[tuple[str, int | None]] = []
    for use in re.finditer(rf"\\{re.escape(name)}(?![A-Za-z@])", text):
        if src is text and use.start() < at and text.rfind("\n", 0, at) < use.start():
            continue  # (the definition's own line)
        args: list[str] = []
        i = use.end()
        while len(args) < 9:
            o = _OPTIONAL.match(text, i)
            i = o.end() if o else i
            a = _ARG.match(text, i)
            if a is None:
                break
            args.append(a.group(1))
            i = a.end()
        filled = _PARAMETER.sub(functools.partial(_argument, args), value)
        if filled.strip() and "#" not in filled:
            out.append((filled, use.start()))
    return out


def _argument(args: list[str], p: re.Match[str]) -> str:
    """A command's argument for the parameter ``#n`` (empty when the use gives fewer)."""
    n = int(p.group(1))
    return args[n - 1] if n <= len(args) else ""


def _expanded(name: str, text: str) -> str:
    """``name`` with a macro the document defines as plain text (``\\def\\articleBIBLIOGRAPHY{refs.bib}``,
    ``\\newcommand{\\bibfile}{refs}``) replaced by its text, as ReScience's template names its
    bibliography."""
    m = _MACRO_NAME.search(name)
    if m is None:
        return name
    cs = re.escape(m.group(1))
    d = re.search(
        rf"\\(?:def\s*\\{cs}|(?:(?:re)?new|provide)command\*?\s*(?:\{{\s*\\{cs}\s*\}}|\\{cs}))\s*\{{([^{{}}\\]*)\}}",
        text,
    )
    if d is None:
        return name
    return name[: m.start()] + d.group(1).strip() + name[m.end() :]


_OWN_DOCUMENTCLASS = re.compile(r"\\documentclass\b")
_BLANKED = re.compile(r"[^\n]")


def _without_own_preamble(text: str) -> str:
    """An input's text with its own preamble blanked (same lines) when it is a document of its own,
    a chapter that ``standalone``, ``subfiles`` or ``docmute`` lets build alone: in the including
    document those packages skip everything up to its ``\\begin{document}``, so a bibliography it
    names there (``\\addbibresource{../../bib/refs.bib}``, relative to the chapter) is not the main
    document's."""
    dc = _OWN_DOCUMENTCLASS.search(text)
    if dc is None:
        return text
    begin = text.find("\\begin{document}", dc.end())
    if begin < 0:
        return text
    end = begin + len("\\begin{document}")
    return _BLANKED.sub(" ", text[:end]) + text[end:]


def _tidy(path: Path) -> Path:
    """``path`` without its ``dir/..`` detours (``popl18/../Bibs/refs.bib``, a chapter naming the
    project's shared .bib relative to itself) when that names the same file: findings on the .bib then
    carry one name in every document that reads it, and are said once."""
    norm = os.path.normpath(path)
    if norm == str(path):
        return path
    try:
        return Path(norm) if os.path.samefile(norm, path) else path
    except OSError:
        return path


def _path_expanded(name: str, *texts: str) -> str:
    """``name`` with the macros the including file or the main file defines as plain text replaced
    (``\\import{\\PATH/intro/}{intro}`` after ``\\def\\PATH{.}``, as theses set a base path); a
    name without a backslash is returned as it is, at no cost."""
    for _ in range(4):  # (a few macros in one path at most)
        if "\\" not in name:
            return name
        for text in texts:
            new = _expanded(name, text)
            if new != name:
                name = new
                break
        else:
            return name
    return name


def _thebibliography(text: str) -> list[tuple[int, int]]:
    """(start, end) of the content of each ``thebibliography`` environment, found in one pass."""
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _THEBIB_BEGIN.search(text, pos)
        if m is None:
            return out
        end = text.find(f"\\end{{{m.group(1) or ''}thebibliography}}", m.end())
        if end < 0:
            out.append((m.end(), len(text)))
            return out
        out.append((m.end(), end))
        pos = end


# --- footnotes -------------------------------------------------------------------------------------


def _closing_braces(text: str) -> dict[int, int]:
    """Each opening brace's offset -> its closing brace's (one pass; escaped braces skipped)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in re.finditer(r"\\.|[{}]", text, re.S):
        ch = m.group(0)
        if ch == "{":
            stack.append(m.start())
        elif ch == "}" and stack:
            pairs[stack.pop()] = m.start()
    return pairs


def _footnotes(text: str) -> tuple[list[Footnote], list[FootnoteMarker]]:
    matches = list(_FOOTNOTE.finditer(text))
    if not matches:
        return [], []
    pairs = _closing_braces(text)
    spans: list[tuple[int, int, int]] = []  # (start, text start, close)
    breaks: list[int] | None = None
    for n, m in enumerate(matches):
        close = pairs.get(m.end() - 1)
        if close is None:  # never closed (LaTeX stops there): the note ends with its paragraph,
            if breaks is None:  # or where the next note begins
                breaks = [p.start() for p in _PARAGRAPH.finditer(text)]
            k = bisect.bisect_left(breaks, m.end())
            close = breaks[k] if k < len(breaks) else len(text)
            if n + 1 < len(matches):
                close = min(close, matches[n + 1].start())
        spans.append((m.start(), m.end(), close))
    # a note's text leaves out the notes nested in it; notes nested deeper than MAX_NOTE_DEPTH are
    # part of their parent's text (every later stage reads each note's span: bounded work per byte)
    children: list[list[int]] = [[] for _ in spans]
    stack: list[int] = []
    kept: list[int] = []
    for i, (start, _, _) in enumerate(spans):
        while stack and spans[stack[-1]][2] <= start:
            stack.pop()
        if len(stack) >= MAX_NOTE_DEPTH:
            continue
        if stack:
            children[stack[-1]].append(i)
        stack.append(i)
        kept.append(i)
    notes: list[Footnote] = []
    markers: list[FootnoteMarker] = []
    for i in kept:
        start, tstart, close = spans[i]
        pieces: list[str] = []
        pos = tstart
        for c in children[i]:
            cs, _, cc = spans[c]
            if cs >= pos:
                pieces.append(text[pos:cs])
                pos = min(close, cc + 1)
        pieces.append(text[pos:close])
        label = str(len(notes) + 1)
        notes.append(Footnote(label, start, close, tstart, squash(latex_to_text(" ".join(pieces)))))
        markers.append(FootnoteMarker(label, start, start + len("\\footnote")))
    return notes, markers


# italics as an author types them: "\emph{Title}", "\textit{Title}", "{\em Title}", "{\itshape Title}"
_ITALIC = re.compile(r"\\(?:emph|textit|textsl)\s*\{([^{}]*)\}|\{\\(?:em|it|itshape|sl)\s+([^{}]*)\}")


def note_text(raw: str) -> str:
    """A note's LaTeX source as the notes reader reads a note (extract/notes.py): its italics as
    ``*Title*``, its quotation marks as typeset (two backquotes and two apostrophes as "“Title,”"), dashes and ties
    as printed, other commands dropped."""
    text = _ITALIC.sub(lambda m: f"*{m.group(1) if m.group(1) is not None else m.group(2)}*", raw)
    text = (
        text.replace("``", "\u201c").replace("''", "\u201d").replace("---", "\u2014").replace("--", "\u2013")
    )
    text = re.sub(r"(?<![\w`])`(?=\w)", "\u2018", text)
    return latex_to_text(text)


def _note(doc: Document, offset: int) -> str | None:
    """The label of the innermost footnote holding ``offset``."""
    return _notes_of(doc)(offset)


def _notes_of(doc: Document) -> Callable[[int], str | None]:
    """A lookup of the innermost note at an offset, by bisection (linear over many citations)."""
    notes = doc.footnotes or []
    starts = [n.text_start for n in notes]

    def find(offset: int) -> str | None:
        i = bisect.bisect_right(starts, offset) - 1
        # notes nest properly: walk back through the enclosing ones (a few at most in real documents)
        for j in range(i, max(-1, i - 64), -1):
            n = notes[j]
            if n.text_start <= offset < n.end:
                return n.label
        return None

    return find


# --- the bibliography in the text ------------------------------------------------------------------


# the markup of a .bbl's entries that is no text of theirs: \newblock; revtex's (apsrev) and
# natbib's field wrappers "\bibinfo {author} {...}", "\bibfield {journal} {...}" (their second
# argument is the text), "\BibitemOpen", "\BibitemShut {NoStop}", "\bibnamefont {Moon}" (its argument
# is), "\href@noop {} {...}" and "\href {https://doi.org/...} {...}" (the address is dropped with the
# command; the link's text, its second argument, stays)
_BIBITEM_MARKUP = re.compile(
    r"\\(?:newblock|BibitemOpen|(?:bibinfo|bibfield|BibitemShut)\s*\{[^{}]*\}"
    r"|(?:bibnamefont|bibfnamefont|citenamefont)(?![A-Za-z])|href@noop\s*\{\}|href\s*\{([^{}]*)\})\s*"
)


def _bibitems(text: str, start: int, end: int, before: int) -> list[Reference]:
    items = list(_BIBITEM.finditer(text, start, end))
    refs: list[Reference] = []
    for i, m in enumerate(items):
        stop = items[i + 1].start() if i + 1 < len(items) else end
        raw = text[m.end() : stop]
        clean_text = latex_to_text(_BIBITEM_MARKUP.sub(" ", raw))
        ref = parse_entry(clean_text, m.end())
        ref.start, ref.end = m.start(), m.end() + len(raw.rstrip())
        ref.text = clean_text
        ref.key = m.group(2).strip()
        opt = m.group(1)
        position = str(i + 1)
        if opt and opt.strip().isdigit():
            ref.label = opt.strip()
        elif opt:  # natbib: \bibitem[Smith et al.(2004)Smith, Jones]{key}
            year = _YEAR.search(opt)
            if year and not ref.year:
                ref.year = year.group(0)
            ref.label = position
        else:
            ref.label = position
        ref.id = f"bib-{before + i + 1}"
        refs.append(ref)
    return refs


# --- citations -------------------------------------------------------------------------------------


# multibib's "\\newcites{app,book}{...}": each name makes \\citeapp, \\nociteapp, \\bibliographyapp
_NEWCITES = re.compile(r"\\newcites\s*\{([^{}]+)\}")


def newcites(text: str) -> list[str]:
    """The bibliographies multibib's ``\\newcites`` adds (``app`` of ``\\newcites{app}{Appendix}``)."""
    if "newcites" not in text:
        return []
    return [n.strip() for m in _NEWCITES.finditer(text) for n in m.group(1).split(",") if n.strip().isalpha()]


def _wrappers(text: str) -> dict[str, tuple[int, int, bool]]:
    """Commands the document defines around a citation command: name -> (the argument holding the
    keys, the number of arguments, whether the first is optional); multibib's \\citeX[..]{keys} and
    \\nociteX{keys} too, and biblatex's \\DeclareCiteCommand ones (``CITE_LIKE``, ``MULTI_LIKE``:
    the arguments of \\cite or \\cites)."""
    out: dict[str, tuple[int, int, bool]] = {}
    if "cite" not in text:
        return out
    for name in newcites(text):
        out["cite" + name] = (2, 2, True)
        out["nocite" + name] = (1, 1, False)
    if "DeclareCiteCommand" in text or "DeclareMultiCiteCommand" in text:
        for d in _DECLARE_CITE.finditer(text):
            if d.group(2) not in CITE_NAMES and d.group(2) not in MULTI_NAMES:
                out[d.group(2)] = MULTI_LIKE if d.group(1) else CITE_LIKE
    pairs: dict[int, int] | None = None
    for m in _DEFINE.finditer(text):
        name = m.group(1) or m.group(4)
        if m.group(1):
            nargs = int(m.group(2) or 0)
            optional = m.group(3) is not None
        else:
            nargs = len(_PARAM.findall(m.group(5) or ""))
            optional = False
        if not nargs or name in CITE_NAMES or name in MULTI_NAMES:
            continue
        if pairs is None:
            pairs = _closing_braces(text)
        close = pairs.get(m.end() - 1, m.end() + 2000)
        body = text[m.end() : min(close, m.end() + 2000)]
        for c in _COMMAND.finditer(body):
            if c.group(1) not in CITE_NAMES and c.group(1) not in MULTI_NAMES:
                continue
            rest = body[c.end() :]
            opts = re.match(r"(?:\s*\[[^\]]*\]){0,2}\s*\{\s*#(\d)\s*\}", rest)
            if opts:
                out[name] = (int(opts.group(1)), nargs, optional)
                break
    return out


# biblatex's own way to define a citation command: "\DeclareCiteCommand{\citejournal}[\mkbibparens]{...}",
# "\DeclareMultiCiteCommand{\citejournals}{\citejournal}{...}"; the command then takes the arguments
# of \cite ([pre][post]{keys}) or of \cites
_DECLARE_CITE = re.compile(r"\\Declare(Multi)?CiteCommand\*?\s*\{?\s*\\([A-Za-z@]+)\s*\}?")
# (spec of a declared command: the arguments of \cite, or of \cites)
CITE_LIKE = (0, 0, False)
MULTI_LIKE = (0, 0, True)


def _wrapper_groups(text: str, m: re.Match[str], spec: tuple[int, int, bool]) -> list[tuple[int, str, str]]:
    if spec in (CITE_LIKE, MULTI_LIKE):
        return cite_groups(text, m, spec == MULTI_LIKE)[0]
    which, nargs, optional = spec
    pos = m.end()
    args: list[tuple[int, str]] = []
    if optional:
        o = _OPT.match(text, pos)
        if o is not None:
            args.append((o.start(1), o.group(1)))
            pos = o.end()
        else:
            args.append((pos, ""))
    while len(args) < nargs:
        a = _ARG.match(text, pos)
        if a is None:
            return []
        args.append((a.start(1), a.group(1)))
        pos = a.end()
    at, keys = args[which - 1]
    if "{" in keys:
        return []
    return [(at, keys, "")]


def key_citations(
    doc: Document,
    refs: list[Reference],
    wrappers: dict[str, tuple[int, int, bool]] | None = None,
    bibtex: list[Reference] | None = None,
    markdown: list[tuple[int, int, str]] | None = None,
    ids: bool = False,
) -> list[Citation]:
    """One Citation per key of every cite command (``\\nocite{*}``: one per entry), and of every
    pandoc citation in the ``markdown`` spans (see _pandoc_groups). A key cited in another case than
    the key of one of the ``bibtex`` entries (those BibTeX reads) names that entry, as BibTeX finds it
    (``\\cite{buetal}`` of ``@article{Buetal,``). ``ids``: biber reads the entries, and a key of an
    entry's ``ids`` field names that entry, as biber finds it (``ids = {MalcolmRamasy2018}``)."""
    wrappers = wrappers or {}
    by_key = entries_by_key(refs)
    known = list(by_key)
    if ids:
        for r in refs:
            for alias in r.ids:
                by_key.setdefault(alias, r)
    folded: dict[str, Reference | None] = {}  # the .bib entries by folded key (None: two of them)
    for r in bibtex or ():
        if r.key:
            k = r.key.casefold()
            folded[k] = None if k in folded and folded[k] is not r else r
    note_at = _notes_of(doc)
    out: list[Citation] = []
    text = doc.text

    def wrapped(name: str, m: re.Match[str]) -> list[tuple[int, str, str]]:
        return _wrapper_groups(text, m, wrappers[name]) if name in wrappers else []

    found: Iterable[tuple[str, int, list[tuple[int, str, str]]]] = (
        (m.group(1), m.start(), groups) for m, groups in citation_commands(text, wrapped)
    )
    if markdown:  # (pandoc's citations, in the Markdown a missing input is made from)
        found = sorted([*found, *_pandoc_groups(text, markdown, by_key)], key=lambda f: f[1])
    for command, start, groups in found:
        note = note_at(start)
        for at, keys, locator in groups:
            pos = at
            for raw_key in keys.split(","):
                key = raw_key.strip()
                kstart = pos + len(raw_key) - len(raw_key.lstrip())
                pos += len(raw_key) + 1
                if not key or "#" in key or "\\" in key:
                    continue  # a macro's parameter (#1) or a computed key: not a key
                if command.startswith("nocite") and key == "*":
                    for ref in refs:  # every entry counts as cited (no author/year: nothing to compare)
                        out.append(
                            _key_citation(
                                f"\\nocite{{*}}: {ref.key}",
                                ref.key or "",
                                start,
                                start + 9,
                                None,
                                note,
                            )
                        )
                    continue
                entry = by_key.get(key)
                if entry is None and folded:
                    entry = folded.get(key.casefold())
                cit = _key_citation(
                    key, entry.key or key if entry else key, kstart, kstart + len(key), entry, note
                )
                if entry is None:
                    cit.suggestion = suggest_key(key, known)
                cit.narrative = command in NARRATIVE
                locator = locator.strip()
                if locator:
                    cit.locator = locator
                out.append(cit)
    return out


def _key_citation(
    text: str, key: str, start: int, end: int, ref: Reference | None, note: str | None
) -> Citation:
    """One cited key; the entry's authors and year ride along for reports."""
    cit = Citation(text=text, start=start, end=end, kind="key", key=key, footnote=note)
    if ref is not None:
        cit.authors = list(ref.authors[:2])
        cit.et_al = len(ref.authors) > 2 or ref.et_al
        cit.year = ref.year
    return cit
