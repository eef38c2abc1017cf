"""LaTeX (.tex): citation keys, the bibliography (.bib or thebibliography), footnotes and URLs.

* The text is the source with comments (``%`` to the end of the line) left out; ``\\input{}`` and
  ``\\include{}`` are followed (relative to the including file, ``.tex`` added, each file once), and
  their text is anchored at their own lines; findings there name the included file.
* Citations: ``\\cite``, ``\\citep``, ``\\citet``, ``\\citeauthor``, ``\\citeyear``, ``\\parencite``,
  ``\\textcite``, ``\\autocite``, ``\\footcite`` and their starred/capitalised forms, with optional
  arguments and several keys; one Citation per key (``kind="key"``), located at the key.
  ``\\nocite{key}`` counts the key as cited; ``\\nocite{*}`` counts every entry.
* Bibliography: ``\\bibliography{a,b}`` / ``\\addbibresource{a.bib}`` (relative to the main file)
  read by ``loaders.bibtex``; ``thebibliography`` with ``\\bibitem[opt]{key}`` parsed from its text.
* ``\\footnote{...}`` are footnotes (numbered in order); ``\\url{}`` and ``\\href{}{}`` are URLs.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from refcheck.extract.reference_list import parse_entry
from refcheck.loaders._build import TextBuilder, squash
from refcheck.loaders.bibtex import latex_to_text, read_bibliography
from refcheck.loaders.decode import decode, normalise
from refcheck.model import Citation, Document, Finding, Footnote, FootnoteMarker, Reference, Severity, Url

CITE_COMMANDS = (
    r"(?:[Cc]ite(?:p|t|alp|alt|author|year|yearpar|num|title)?|[Pp]arencite|[Tt]extcite|[Aa]utocite"
    r"|[Ff]ootcite|[Ss]martcite|supercite|fullcite|footcitetext|nocite)"
)
_CITE = re.compile(rf"\\({CITE_COMMANDS})\*?((?:\s*\[[^\]]*\]){{0,2}})\s*\{{([^}}]*)\}}")
_INPUT = re.compile(r"\\(?:input|include|subfile)\s*\{([^}]+)\}")
_BIB = re.compile(r"\\(?:bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\])?\s*\{([^}]+)\}")
_COMMENT = re.compile(r"(?<!\\)%")
_URL = re.compile(r"\\(url|href)\s*\{([^}]+)\}")
_THEBIB = re.compile(r"\\begin\{thebibliography\}(?:\{[^}]*\})?(.*?)\\end\{thebibliography\}", re.S)
_BIBITEM = re.compile(r"\\bibitem\s*(?:\[((?:[^\[\]]|\[[^\]]*\])*)\])?\s*\{([^}]+)\}")
_FOOTNOTE = re.compile(r"\\footnote\s*(?:\[[^\]]*\])?\s*\{")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)[a-z]?")
MAX_FILES = 200


def load_latex(path: str, data: bytes) -> Document:
    out = TextBuilder()
    parts: list[tuple[int, int, str]] = []
    _add_file(out, path, data, parts, seen={str(Path(path).resolve())})
    text, smap = out.build()
    doc = Document(path=path, format="latex", text=text, source_map=smap, raw=data)
    doc.files = [p for p in parts if p[2] != path]
    doc.footnotes, doc.footnote_markers = _footnotes(text)
    refs: list[Reference] = []
    base = Path(path).parent
    bib_files: list[str] = []
    for m in _BIB.finditer(text):
        for name in m.group(1).split(","):
            name = name.strip()
            if name:
                bib_files.append(str(base / (name if name.endswith((".bib", ".json")) else name + ".bib")))
    for bib in bib_files:
        if not Path(bib).is_file():
            doc.findings.append(
                Finding(
                    rule="input-bibliography",
                    severity=Severity.ERROR,
                    message=f"the bibliography {bib} named here does not exist; its entries cannot be checked",
                    offset=text.find(Path(bib).stem),
                )
            )
            continue
        entries, findings = read_bibliography(bib)
        refs.extend(entries)
        doc.findings.extend(findings)
    for i, r in enumerate(refs, start=1):
        r.id = f"bib-{i}"
    thebib = list(_THEBIB.finditer(text))
    for env in thebib:
        refs.extend(_bibitems(text, env.start(1), env.end(1), len(refs)))
    if thebib:
        doc.reference_region = (thebib[0].start(), thebib[-1].end())
    doc.references = refs
    doc.citations = key_citations(doc, refs)
    doc.citations_from_loader = True
    doc.style = "keys"
    doc.urls = [
        Url(url=m.group(2).strip(), start=m.start(2), end=m.end(2), footnote=_note(doc, m.start()))
        for m in _URL.finditer(text)
    ]
    return doc


def _add_file(
    out: TextBuilder, path: str, data: bytes, parts: list[tuple[int, int, str]], seen: set[str]
) -> None:
    """Append one file (comments left out), following its \\input{}s; ``parts`` records which
    spans of the text come from which file."""
    text = normalise(decode(data).text)
    segment = out.length
    for lineno, line in enumerate(text.split("\n"), start=1):
        c = _COMMENT.search(line)
        if c:
            line = line[: c.start()]
        col = 0
        for m in _INPUT.finditer(line):
            out.add(line[col : m.start()], lineno, col + 1)
            target = _target(path, m.group(1).strip(), seen)
            col = m.end()
            if target is None:
                continue
            out.newline()
            parts.append((segment, out.length, path))
            _add_file(out, str(target), target.read_bytes(), parts, seen)
            segment = out.length
        out.add(line[col:] + "\n", lineno, col + 1)
    parts.append((segment, out.length, path))


def _target(parent: str, name: str, seen: set[str]) -> Path | None:
    target = Path(parent).parent / name
    if not target.suffix:
        target = target.with_suffix(".tex")
    key = str(target.resolve())
    if key in seen or len(seen) >= MAX_FILES or not target.is_file():
        return None  # a cycle, too many files, or a file that is not there (LaTeX would stop; we read on)
    seen.add(key)
    return target


def _balanced(text: str, open_at: int) -> int:
    """The offset of the brace closing the one at ``open_at`` (or the end of the text)."""
    depth = 0
    i = open_at
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(text)


def _footnotes(text: str) -> tuple[list[Footnote], list[FootnoteMarker]]:
    notes: list[Footnote] = []
    markers: list[FootnoteMarker] = []
    for n, m in enumerate(_FOOTNOTE.finditer(text), start=1):
        close = _balanced(text, m.end() - 1)
        label = str(n)
        notes.append(Footnote(label, m.start(), close, m.end(), squash(latex_to_text(text[m.end() : close]))))
        markers.append(FootnoteMarker(label, m.start(), m.start() + len("\\footnote")))
    return notes, markers


def _note(doc: Document, offset: int) -> str | None:
    best = None
    for n in doc.footnotes or []:
        if n.text_start <= offset < n.end:
            best = n.label  # the innermost note wins (notes do not nest in practice)
    return best


def _bibitems(text: str, start: int, end: int, before: int) -> list[Reference]:
    items = list(_BIBITEM.finditer(text, start, end))
    refs: list[Reference] = []
    for i, m in enumerate(items):
        stop = items[i + 1].start() if i + 1 < len(items) else end
        raw = text[m.end() : stop]
        clean = latex_to_text(re.sub(r"\\(?:newblock|bibinfo\{[^}]*\})\s*", " ", raw))
        ref = parse_entry(clean, m.end())
        ref.start, ref.end = m.start(), m.end() + len(raw.rstrip())
        ref.text = clean
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


def key_citations(doc: Document, refs: list[Reference]) -> list[Citation]:
    """One Citation per key of every cite command (``\\nocite{*}``: one per entry)."""
    by_key: dict[str, Reference] = {}
    for r in refs:
        if r.key:
            by_key.setdefault(r.key, r)  # the first of duplicate keys, as the linker does
    out: list[Citation] = []
    text = doc.text
    for m in _CITE.finditer(text):
        command = m.group(1)
        pos = m.start(3)
        for raw_key in m.group(3).split(","):
            key = raw_key.strip()
            kstart = pos + len(raw_key) - len(raw_key.lstrip())
            pos += len(raw_key) + 1
            if not key:
                continue
            note = _note(doc, m.start())
            if command == "nocite" and key == "*":
                for ref in refs:  # every entry counts as cited (no author/year: nothing to compare)
                    out.append(
                        _key_citation(
                            f"\\nocite{{*}}: {ref.key}", ref.key or "", m.start(), m.end(), None, note
                        )
                    )
                continue
            cit = _key_citation(key, key, kstart, kstart + len(key), by_key.get(key), note)
            if key not in by_key:
                close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.8)
                cit.suggestion = close[0] if close else None
            cit.narrative = command.lower() in ("citet", "textcite", "citeauthor")
            locator = m.group(2).strip()
            if locator:
                cit.locator = locator.rsplit("[", 1)[-1].rstrip("]").strip() or None
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
