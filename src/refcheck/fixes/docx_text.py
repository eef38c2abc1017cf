"""Which element of a DOCX each character of the loader's text came from, and where it is in the bytes.

The DOCX loader (``loaders/docx.py``) builds ``Document.text`` from the pieces ``paragraph_pieces``
yields for each paragraph (body paragraphs one per line, then each note as ``[label] text``). This
module walks the same XML with the same ``paragraph_pieces`` and keeps, for every character, the element it came
from (a ``w:t``, ``w:tab``, ``w:br``) and, for every element, its byte span in the part, so that a
change in text offsets becomes a change of one run in the XML bytes and nothing else.

The text rebuilt here must equal ``Document.text`` character for character (``TextMap.text``); the
writer refuses to write anything when it does not (the loader changed what it reads), rather than
write a change in the wrong place.
"""

from __future__ import annotations

import bisect
import re
import xml.parsers.expat
from dataclasses import dataclass, field

from refcheck.errors import InputError
from refcheck.loaders.docx import NoteNumbers, paragraph_pieces
from refcheck.loaders.xml import REFUSED, Chunk, Node

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BODY = "word/document.xml"
NOTES = (("word/footnotes.xml", ""), ("word/endnotes.xml", "e"))
_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


@dataclass
class Span:
    start: int  # byte offset of "<"
    tag_end: int  # byte offset just after the start tag's ">"
    end: int  # byte offset just after the element (its end tag, or the "/>")
    qname: str  # the name as written ("w:r")


@dataclass
class Part:
    """One XML part of the package: its bytes, its tree, and where each element is in the bytes."""

    name: str
    data: bytes
    root: Node
    spans: dict[int, Span]  # id(node) -> span
    prefix: str  # the prefix bound to the WordprocessingML namespace ("w" in every Word file)

    def span(self, node: Node) -> Span:
        return self.spans[id(node)]

    def bytes_of(self, node: Node) -> bytes:
        s = self.spans[id(node)]
        return self.data[s.start : s.end]

    def is_w(self, node: Node, tag: str) -> bool:
        """``node`` is the WordprocessingML element ``tag`` (not, say, math's ``m:r``)."""
        return node.tag == tag and self.spans[id(node)].qname == self.qualify(tag)

    def qualify(self, tag: str) -> str:
        return f"{self.prefix}:{tag}" if self.prefix else tag


def _tag_end(data: bytes, pos: int) -> int:
    """The offset just after the ``>`` that closes the tag starting at ``pos`` (quotes respected)."""
    quote = 0
    i = pos + 1
    n = len(data)
    while i < n:
        c = data[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in (0x22, 0x27):  # " '
            quote = c
        elif c == 0x3E:  # >
            return i + 1
        i += 1
    raise InputError("not well-formed XML (an unclosed tag)")


class _Refused(Exception):
    pass


def index_part(name: str, data: bytes) -> Part:
    """Parse ``data`` (entity declarations refused, nothing fetched) keeping every element's byte span."""
    m = _ENCODING.match(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        m and m.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8")
    ):
        raise InputError(f"{name} is not encoded in UTF-8")
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root = Node("#document", {}, 1, 1)
    stack: list[Node] = [root]
    spans: dict[int, Span] = {}
    prefixes: dict[str, str] = {}

    def refuse(*_: object) -> None:
        raise _Refused

    def start(qname: str, attrs: dict[str, str]) -> None:
        pos = parser.CurrentByteIndex
        local = dict(attrs)
        for k, v in attrs.items():
            local.setdefault(k.rpartition(":")[2], v)
            if k.startswith("xmlns:") and v == W_NS:
                prefixes.setdefault("w", k[6:])
            elif k == "xmlns" and v == W_NS:
                prefixes.setdefault("w", "")
        node = Node(qname.rpartition(":")[2], local, 0, 0, parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
        spans[id(node)] = Span(pos, _tag_end(data, pos), -1, qname)

    def end(qname: str) -> None:
        node = stack.pop()
        span = spans[id(node)]
        if data[span.tag_end - 2 : span.tag_end] == b"/>":
            span.end = span.tag_end
        else:
            span.end = data.index(b">", parser.CurrentByteIndex) + 1

    def chars(text: str) -> None:
        stack[-1].children.append(Chunk(text, 0, 0))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.buffer_text = False
    try:
        parser.Parse(data, True)
    except _Refused:
        raise InputError(REFUSED) from None
    except (xml.parsers.expat.ExpatError, ValueError) as exc:
        raise InputError(f"{name} is not well-formed XML ({exc})") from None
    except RecursionError:
        raise InputError(f"{name} is too deeply nested") from None
    return Part(name, data, root, spans, prefixes.get("w", "w"))


@dataclass
class Seg:
    """Characters ``[start, start + length)`` of the text are characters ``[offset, offset + length)``
    of ``node``'s own text (a ``w:t``'s text; the one space a ``w:tab`` or ``w:br`` stands for)."""

    start: int
    length: int
    part: Part
    node: Node
    offset: int = 0

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass
class TextMap:
    """The loader's text rebuilt from the parts, with the origin of every character that has one.

    Characters refcheck makes up (line breaks between paragraphs, a note's ``[1]`` head, a footnote
    mark's number, the space joining a note's paragraphs) have no origin."""

    text: str
    segs: list[Seg] = field(default_factory=list)
    by_node: dict[int, Seg] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    # the number written for each note mark (by the mark's id()), as the loader numbers them
    numbers: NoteNumbers = field(default_factory=NoteNumbers)
    marks: dict[int, str] = field(default_factory=dict)

    def index(self) -> None:
        self.segs.sort(key=lambda s: s.start)
        self._starts = [s.start for s in self.segs]
        self.by_node = {id(s.node): s for s in self.segs}

    def covering(self, start: int, end: int) -> list[Seg]:
        """The segments that hold characters of ``[start, end)``, in text order."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        out = []
        while i < len(self.segs) and self.segs[i].start < end:
            if self.segs[i].end > start:
                out.append(self.segs[i])
            i += 1
        return out

    def at(self, offset: int) -> Seg | None:
        found = self.covering(offset, offset + 1)
        return found[0] if found else None


def _pieces(para: Node) -> list[tuple[str, Node]]:
    return paragraph_pieces(para)


def _width_node(node: Node) -> bool:
    return node.tag in ("t", "tab", "br", "cr")


def build(body: Part, notes: dict[str, Part], labels: dict[int, str] | None = None) -> TextMap:
    """The text as ``load_docx`` makes it, from the parsed parts, with each character's origin;
    ``labels`` are the list numbers Word shows (``loaders.docx.list_labels``), text of no element."""
    tm = TextMap("")
    lines: list[str] = []
    offset = 0
    labels = labels or {}
    # every paragraph is a line (a text box's too, after its own)
    for index, para in enumerate(body.root.iter("p")):
        line = labels[index] + " " if index in labels else ""
        for piece, node in _pieces(para):
            if node.tag in ("footnoteReference", "endnoteReference"):
                label = tm.numbers.of_mark(node)
                tm.marks[id(node)] = label
                line += label
                continue
            if piece and _width_node(node):
                tm.segs.append(Seg(offset + len(line), len(piece), body, node))
            line += piece
        lines.append(line)
        offset += len(line) + 1
    text = "\n".join(lines) + "\n"
    for member, prefix in NOTES:
        part = notes.get(member)
        if part is None:
            continue
        for note in part.root.iter("footnote", "endnote"):
            if note.attrs.get("type") in _SEPARATORS:
                continue
            label = tm.numbers.label(prefix, note.attrs.get("id", ""))
            head = f"[{label}] "
            content = ""
            content_start = len(text) + len(head)
            for para in note.iter("p"):
                pieces = [(p, n) for p, n in _pieces(para) if n.tag not in ("footnoteRef", "endnoteRef")]
                ptext = "".join(p for p, _ in pieces)
                stripped = ptext.strip()
                if not stripped:
                    continue
                if content:
                    content += " "
                lead = len(ptext) - len(ptext.lstrip())
                base = content_start + len(content) - lead  # text offset of the paragraph's first char
                pos = 0
                for piece, node in pieces:
                    a, b = max(pos, lead), min(pos + len(piece), lead + len(stripped))
                    if a < b and _width_node(node):
                        tm.segs.append(Seg(base + a, b - a, part, node, a - pos))
                    pos += len(piece)
                content += stripped
            text += head + content + "\n"
    tm.text = text
    tm.index()
    return tm
