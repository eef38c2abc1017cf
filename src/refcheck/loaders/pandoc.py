"""pandoc citations in Markdown, and bibliographies given on the command line (``--bib``).

``[@key]``, ``[@key, p. 4]``, ``[-@key]`` (year only), ``[see @a; @b]`` and narrative ``@key`` (not an
e-mail address) are citation keys when the file names a bibliography in its YAML front matter
(``bibliography: refs.bib`` or a list, relative to the file) or one is given with ``--bib``;
``.bib`` files are read with pybtex, ``.json`` as CSL-JSON. Without a bibliography the Markdown is
checked as text (author-date or numeric citations and a written reference list).
"""

from __future__ import annotations

import re
from pathlib import Path

from refcheck.model import Citation, Document, Reference

_FRONT = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)
_BIB_LINE = re.compile(r"^bibliography:[ \t]*(.*)$", re.M)
_GROUP = re.compile(r"\[([^\[\]\n]*?-?@[^\[\]]*?)\](?![(\[:])")
_KEY = r"[\w][\w:.#$%&\-+?<>~/]*"
_ITEM_KEY = re.compile(rf"(-?)@({_KEY})")
_NARRATIVE = re.compile(rf"(?<![\w@.\[\-/]){{?@({_KEY})")


def front_matter_bibliographies(text: str, path: str) -> list[str]:
    """The bibliography files named in the YAML front matter, relative to the Markdown file."""
    m = _FRONT.match(text)
    if not m:
        return []
    block = m.group(1)
    b = _BIB_LINE.search(block)
    if not b:
        return []
    value = b.group(1).strip()
    names: list[str] = []
    if value.startswith("["):
        names = [v.strip().strip("\"'") for v in value.strip("[]").split(",")]
    elif value:
        names = [value.strip("\"'")]
    else:  # a YAML list on the following lines
        for line in block[b.end() :].split("\n")[1:]:
            item = re.match(r"^\s+-\s+(.+)$", line)
            if not item:
                break
            names.append(item.group(1).strip().strip("\"'"))
    base = Path(path).parent
    return [str(base / n) for n in names if n]


def pandoc_citations(doc: Document, refs: list[Reference]) -> list[Citation]:
    """Every pandoc citation key in the prose (not in code, comments or front matter)."""
    by_key: dict[str, Reference] = {}
    for r in refs:
        if r.key:
            by_key.setdefault(r.key, r)  # the first of duplicate keys, as the linker does
    text = doc.text
    out: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for g in _GROUP.finditer(text):
        if _excluded(doc, g.start()):
            continue
        taken.append((g.start(), g.end()))
        for item in _ITEM_KEY.finditer(text, g.start(1), g.end(1)):
            key = item.group(2).rstrip(".:;,")
            cit = _cite(doc, key, item.start(), item.start() + len(item.group(0)), by_key.get(key))
            rest = text[item.end() : g.end(1)].split(";", 1)[0].strip(" ,")
            cit.locator = rest or None
            out.append(cit)
    for m in _NARRATIVE.finditer(text):
        if _excluded(doc, m.start()) or any(a <= m.start() < b for a, b in taken):
            continue
        key = m.group(1).rstrip(".:;,")
        cit = _cite(doc, key, m.start(), m.start() + len(key) + 1, by_key.get(key))
        cit.narrative = True
        out.append(cit)
    out.sort(key=lambda c: c.start)
    return out


def _cite(doc: Document, key: str, start: int, end: int, ref: Reference | None) -> Citation:
    note = doc.footnote_at(start)
    cit = Citation(
        text=doc.text[start:end],
        start=start,
        end=end,
        kind="key",
        key=key,
        footnote=note.label if note else None,
    )
    if ref is not None:
        cit.authors = list(ref.authors[:2])
        cit.et_al = len(ref.authors) > 2 or ref.et_al
        cit.year = ref.year
    return cit


def _excluded(doc: Document, offset: int) -> bool:
    return any(a <= offset < b for a, b in doc.excluded)


def use_bibliography(doc: Document, paths: list[str]) -> None:
    """Read ``paths`` and, when the text cites pandoc keys, check the keys against them."""
    from refcheck.loaders.bibtex import read_bibliography  # pybtex: only for a bibliography

    refs: list[Reference] = list(doc.references or []) if doc.format == "latex" else []
    for p in paths:
        entries, findings = read_bibliography(p)
        refs.extend(entries)
        doc.findings.extend(findings)
    for i, r in enumerate(refs, start=1):
        if r.source is not None:
            r.id = f"bib-{i}"
    if doc.format == "latex":
        from refcheck.loaders.latex import key_citations

        doc.references = refs
        doc.citations = key_citations(doc, refs)
        return
    citations = pandoc_citations(doc, refs)
    if citations or refs:
        doc.references = refs
        doc.citations = citations
        doc.citations_from_loader = True
        doc.style = "keys"
