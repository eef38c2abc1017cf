"""Suppression comments, read once after loading for every format (``pipeline.analyse`` calls this).

    <!-- refcheck: ignore rule-a, rule-b -->      Markdown, HTML, XML, and plain text too
    % refcheck: ignore rule-a                     LaTeX (and BibTeX) only
    <!-- refcheck: disable rule-a --> ... <!-- refcheck: enable rule-a -->

``ignore`` silences the named rules (all rules when none is named) on the next line, or on its own
line when the comment trails text. ``disable`` silences them from its line until a matching
``enable`` (or the end of the file). Lines are source lines: what ``Finding.line`` holds.

Every name a comment gives is also kept with its place (``Document.suppression_names``), so that a
name that is no rule (a typo silences nothing) is reported by the ``unknown-suppression`` rule.
"""

from __future__ import annotations

import os
import re

from refcheck._lazy import lazy_pattern
from refcheck.model import Document

ALL = "*"

_HTML = r"<!--\s*refcheck:\s*(?P<verb>ignore|disable|enable)\b(?P<names>.*?)-->"
_COMMENT = lazy_pattern(
    _HTML + r"|(?<![\\\w])%\s*refcheck:\s*(?P<tverb>ignore|disable|enable)\b(?P<tnames>[^\n]*)"
)
# Outside LaTeX and BibTeX a "%" starts no comment: "% refcheck: ignore ..." in Markdown or plain text is
# prose (a document about the LaTeX form), neither a suppression nor a list of rule names.
_HTML_ONLY = lazy_pattern(_HTML + r"(?P<tverb>(?!))?(?P<tnames>(?!))?")
LATEX_FORMATS = ("latex", "bibtex")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def source_lines(doc: Document) -> list[str]:
    """The lines of the source as the author sees them; the normalised text when the raw is not text."""
    if doc.raw and b"\x00" not in doc.raw[:4096]:
        try:
            text = doc.raw.decode(doc.encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    if doc.raw and doc.format not in ("text", "markdown"):
        return []  # a binary container (DOCX): its lines are not the text's lines
    return doc.text.split("\n")


def names(lines: list[str], latex: bool = True) -> list[tuple[int, int, str]]:
    """(line, column, name) of every rule name the suppression comments give, 1-based; ``latex``:
    the "%" form counts too."""
    comment = _COMMENT() if latex else _HTML_ONLY()
    out: list[tuple[int, int, str]] = []
    for number, line in enumerate(lines, start=1):
        for m in comment.finditer(line):
            group = "names" if m.group("verb") else "tnames"
            start = m.start(group)
            out.extend((number, start + n.start() + 1, n.group(0)) for n in _NAME.finditer(m.group(group)))
    return out


def parse(lines: list[str], latex: bool = True) -> dict[int, set[str]]:
    """Source line (1-based) -> rule names silenced there ("*" for all); ``latex``: the "%" form
    counts too."""
    comment = _COMMENT() if latex else _HTML_ONLY()
    out: dict[int, set[str]] = {}
    disabled: set[str] = set()

    def add(line: int, names: set[str]) -> None:
        if names:
            out.setdefault(line, set()).update(names)

    for number, line in enumerate(lines, start=1):
        add(number, disabled)
        for m in comment.finditer(line):
            verb = m.group("verb") or m.group("tverb")
            names = set(_NAME.findall(m.group("names") or m.group("tnames") or "")) or {ALL}
            if verb == "ignore":
                trailing = line[: m.start()].strip() != ""
                add(number if trailing else number + 1, names)
                if not trailing:
                    add(number, names)
            elif verb == "disable":
                disabled |= names
                add(number, names)
            else:
                disabled = set() if ALL in names else disabled - names
    return out


def apply(doc: Document) -> None:
    """Fill ``doc.suppressions`` (merged with what a loader put there itself) and
    ``doc.suppression_names``."""
    if doc.format == "text" and "refcheck" not in doc.text:
        return  # (a text document's text is its source, its line breaks and spaces made plain)
    lines = source_lines(doc)
    text = "\n".join(lines)
    if "refcheck" not in text:  # no comment can be there: skip the line-by-line scan
        return
    latex = doc.format in LATEX_FORMATS
    if doc.format == "markdown":
        # a comment shown in code is an example, neither a suppression nor a rule name to check
        # (docs that explain the comments got unknown-suppression warnings for their examples)
        from refcheck.loaders._build import blank
        from refcheck.loaders.markdown import code_spans

        lines = blank(text, code_spans(text)).split("\n")
    for line, silenced in parse(lines, latex).items():
        doc.suppressions.setdefault(line, set()).update(silenced)
    doc.suppression_names.extend(names(lines, latex))


# The other files a document reads in which "%" starts a comment: LaTeX read through \input, BibTeX.
_LATEX_SUFFIXES = (".tex", ".ltx", ".bib", ".sty", ".cls", ".bbl")


def _file_lines(path: str, limit: int) -> tuple[list[str], bool] | None:
    """The lines of another file the document reads, and whether "%" starts a comment there; None
    when it holds no suppression comment or cannot be read (it was, to load)."""
    from refcheck.files import read_regular

    try:
        raw = read_regular(path, limit)
    except OSError:
        return None
    if b"refcheck" not in raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    return lines, os.path.splitext(path)[1].lower() in _LATEX_SUFFIXES


def of_file(path: str, limit: int) -> dict[int, set[str]]:
    """The suppression comments of another file the document reads (an ``\\input`` chapter, a .bib
    whose entry a finding is about), by that file's lines, for the findings that stand in it: the
    document's own comments are by its own lines. Nothing when it cannot be read (it was, to load)."""
    read = _file_lines(path, limit)
    return parse(*read) if read else {}


def is_other_file(doc: Document, path: str | None) -> bool:
    """Whether ``path`` names another file than the document (an ``\\input`` chapter, a .bib), however
    either is written ("paper.tex", "./paper.tex", "/home/me/paper.tex")."""
    return path is not None and path != doc.path and os.path.abspath(path) != os.path.abspath(doc.path)


def other_files(doc: Document) -> list[str]:
    """The other files the document reads whose comments count (its ``\\input`` chapters, the .bib
    files of its entries), each once, in the order met."""
    seen: set[str] = set()
    out: list[str] = []
    paths = [p for _, _, p in doc.files] + [r.source[0] for r in doc.references or () if r.source]
    for path in paths:
        if is_other_file(doc, path) and os.path.abspath(path) not in seen:
            seen.add(os.path.abspath(path))
            out.append(path)
    return out


def names_of_file(path: str, limit: int) -> list[tuple[int, int, str]]:
    """(line, column, name) of every rule name the suppression comments of another file give."""
    read = _file_lines(path, limit)
    return names(*read) if read else []
