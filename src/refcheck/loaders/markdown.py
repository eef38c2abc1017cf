"""Markdown (.md): plain text plus what Markdown states outright.

Fenced and indented code, inline code, HTML comments and YAML front matter are excluded from
citation search; ``[^label]`` markers and ``[^label]: text`` definitions (with indented continuation
lines) are footnotes.
"""

from __future__ import annotations

import re

from refcheck.loaders.pandoc import front_matter_bibliographies, use_bibliography
from refcheck.loaders.text import load_text
from refcheck.model import Document, Footnote, FootnoteMarker

_FENCE = re.compile(r"^( {0,3})(```+|~~~+)[^\n]*\n.*?(?:^\1\2[ \t]*$|\Z)", re.M | re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)
_DEF = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:[ \t]*", re.M)
_MARKER = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def load_markdown(path: str, data: bytes) -> Document:
    doc = load_text(path, data, fmt="markdown")
    text = doc.text
    for pattern in (_FRONT_MATTER, _FENCE, _COMMENT, _INLINE_CODE):
        for m in pattern.finditer(text):
            doc.excluded.append((m.start(), m.end()))
    doc.excluded.sort()

    notes: list[Footnote] = []
    defs = list(_DEF.finditer(text))
    for m in defs:
        if _inside(doc.excluded, m.start()):
            continue
        # The note runs over following lines that are indented or not blank, to a blank line followed
        # by an unindented line, or to the next definition.
        end = m.end()
        lines = text[m.end() :].split("\n")
        pos = m.end()
        for i, line in enumerate(lines):
            if i > 0:
                if _DEF.match(line) or re.match(r"^#{1,6}\s", line):
                    break
                if line.strip() == "" and not (
                    i + 1 < len(lines) and lines[i + 1].startswith(("    ", "\t"))
                ):
                    break
            pos += len(line) + 1
            end = min(pos - 1, len(text))
        body = text[m.end() : end]
        notes.append(
            Footnote(
                label=m.group(1), start=m.start(), end=end, text_start=m.end(), text=" ".join(body.split())
            )
        )
    doc.footnotes = notes
    doc.footnote_markers = [
        FootnoteMarker(label=m.group(1), start=m.start(), end=m.end())
        for m in _MARKER.finditer(text)
        if not _inside(doc.excluded, m.start())
    ]
    if notes:
        first = min(n.start for n in notes)
        doc.notes_region = (first, max(n.end for n in notes))
    bibs = front_matter_bibliographies(text, path)
    if bibs:
        use_bibliography(doc, bibs)
    return doc


def _inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in ranges)
