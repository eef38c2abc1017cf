"""Shared loader helpers: text assembled from pieces of a marked-up source, with its SourceMap.

Markup loaders (HTML, XML, DOCX, LaTeX) take text from many places in the source. ``TextBuilder``
collects those pieces and anchors each one at the source line/column it came from, so that every
later stage works on plain text offsets and reporters still point into the original file.
"""

from __future__ import annotations

import bisect
import re

from refcheck.model import Citation, SourceMap

_WS = re.compile(r"\s+")
# superscript text that is citation numbers ("1", "2,3", "4–6"), as HTML's <sup> and Word's
# superscript runs set them
NUMERIC_SUP = re.compile(r"^\s*\d{1,4}(?:\s*[-–—,]\s*\d{1,4})*\s*$")
_UNIT = re.compile(r"(?:^|\W)[a-zA-Z]{1,2}\Z")  # (\Z: "shown\n" before a superscript is no unit)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span (in order) replaced by spaces (line breaks kept, so lines and columns
    stay)."""
    if not spans:
        return text
    pieces: list[str] = []
    pos = 0
    for a, b in spans:
        if a < pos:
            a = pos
        if b <= a:
            continue
        pieces.append(text[pos:a])
        pieces.append(re.sub(r"[^\n]", " ", text[a:b]))
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


# A bracket of algebra closing the text, "(a+b)", "(x + y)", "(n - 1)", "(2·π)": operands of one letter
# or a number, joined by operators; or a function of one letter applied, "f(2)", "g(x, y)". ("=" and
# "<" are no operators here: "(n = 12)<sup>4</sup>" and "(p < 0.05)<sup>3</sup>" cite.)
_TERM = r"(?:[^\W\d_]\d*|\d+(?:[.,]\d+)?)"
_ALGEBRA = (  # (compiled on first use: a superscript after ")" is rare)
    rf"(?:\(\s*{_TERM}(?:\s*[-+\u2212\u00d7\u00b7*/]\s*{_TERM})+\s*\)"
    rf"|(?<![^\W_])[^\W\d_]\(\s*{_TERM}(?:\s*,\s*{_TERM})*\s*\))\Z"
)
EXPONENT_LOOKBACK = 40  # the characters before a superscript that ``exponent_after`` reads


def exponent_after(before: str) -> bool:
    """Whether superscript numbers after the text ``before`` (its last ``EXPONENT_LOOKBACK``
    characters or fewer) are an exponent, not citations: after a digit (10⁶), a unit of one or two
    letters (m², km³), a bracket of algebra ("(a+b)³", "(n - 1)²") or a function applied ("f(2)²")."""
    tail = before[-3:]
    if tail[-1:].isdigit() or _UNIT.search(tail) is not None:
        return True
    return tail[-1:] == ")" and re.search(_ALGEBRA, before) is not None


class TextBuilder:
    """Append text pieces with their source position; ``build()`` gives the text and its map.

    Every operation costs time in proportion to the text it touches, never to the text built so far
    (a loader calls them once per element of documents with hundreds of thousands of elements)."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._starts: list[int] = []  # offset of each part
        self._anchors: list[tuple[int, int, int]] = []  # in increasing offset order
        self.length = 0
        self._tail = ""  # the last character appended ("" at the start)

    def _append(self, piece: str) -> None:
        self._parts.append(piece)
        self._starts.append(self.length)
        self.length += len(piece)
        self._tail = piece[-1]

    def add(self, piece: str, line: int, column: int) -> int:
        """Append ``piece``, which stands at 1-based ``line``/``column`` of the source and runs on in
        the source as written (a newline in it is a newline in the source). Returns its offset."""
        start = self.length
        if not piece:
            return start
        self._anchors.append((start, line, column))
        self._append(piece)
        return start

    def add_flat(self, piece: str, line: int, column: int) -> int:
        """Append ``piece`` with every character mapped to the same source position (a label or a
        bracket the loader makes up, or text that lives elsewhere, such as a DOCX footnote)."""
        start = self.length
        for ch in piece:
            self.add(ch, line, column)
        return start

    def newline(self) -> None:
        """A block boundary: one line break, never two in a row, none at the start."""
        if self.length and self._tail != "\n":
            self._append("\n")

    @property
    def last(self) -> str:
        """The last character appended ("" when nothing was)."""
        return self._tail

    def text_from(self, offset: int) -> str:
        """The text from ``offset`` to the end."""
        i = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        return "".join(self._parts[i:])[offset - self._starts[i] :] if self._parts else ""

    def truncate(self, offset: int) -> str:
        """Remove and return everything from ``offset`` on (anchors too)."""
        cut = self.text_from(offset)
        i = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        if self._parts:
            keep = self._parts[i][: offset - self._starts[i]]
            del self._parts[i:]
            del self._starts[i:]
            if keep:
                self._parts.append(keep)
                self._starts.append(offset - len(keep))
        del self._anchors[bisect.bisect_left(self._anchors, offset, key=lambda a: a[0]) :]
        self.length = offset
        self._tail = self._parts[-1][-1] if self._parts else ""
        return cut

    def anchors_from(self, offset: int) -> list[tuple[int, int, int]]:
        return self._anchors[bisect.bisect_left(self._anchors, offset, key=lambda a: a[0]) :]

    def restore(self, anchors: list[tuple[int, int, int]], text: str, at: int) -> None:
        """Re-append ``text`` (taken by ``truncate``) at the current end, keeping its anchors that
        stood at offset ``at`` and after."""
        shift = self.length - at
        for off, line, col in anchors:
            self._anchors.append((off + shift, line, col))
        if text:
            self._append(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def build(self) -> tuple[str, SourceMap]:
        text = "".join(self._parts)
        smap = SourceMap(text)
        for offset, line, column in sorted(self._anchors, key=lambda a: a[0]):  # sorted already: O(n)
            smap.add(offset, line, column)
        if not self._anchors:
            smap.add(0, 1, 1)
        return text, smap


def squash(text: str) -> str:
    """Runs of white space to one space, ends trimmed."""
    return _WS.sub(" ", text).strip()


# pandoc's rendering of a citation key its bibliography lacks: "(**smith2020?**)", "(Doe 2021;
# **smith2020?**)" (the key's characters: pandoc's manual, "Citation syntax")
_UNRESOLVED_KEY = re.compile(r"[\w][\w:.#$%&+<>~/-]*\?")


def unresolved_keys(text: str, bold: list[tuple[int, int]], pandoc: bool) -> list[Citation]:
    """The citations of keys pandoc could not resolve, each a bold "key?" in a citation's brackets.
    A key without a digit or a punctuation mark ("smith2020", "doi:10.1/x") only in lower case, in a
    file that shows pandoc's citations elsewhere (``pandoc``): not a bold question, "(**Why?**)"."""
    out = []
    for a, b in bold:
        if not _UNRESOLVED_KEY.fullmatch(text, a, b):
            continue
        if not any(ch.isdigit() or ch in ":./_-" for ch in text[a : b - 1]) and not (
            pandoc and text[a : b - 1].islower()
        ):
            continue
        before, after = text[max(0, a - 2) : a], text[b : b + 1]
        if (before.endswith("(") or before == "; ") and after in (")", ";"):
            key = text[a : b - 1]
            cit = Citation(text=text[a:b], start=a, end=b, kind="key", key=key)
            cit.detail = f'pandoc found no entry with that key and printed "{key}?" in its place'
            out.append(cit)
    return out
