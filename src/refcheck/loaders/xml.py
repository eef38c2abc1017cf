"""A small, safe XML tree with source positions, for JATS and DOCX.

Every XML part refcheck reads (a JATS file; a DOCX's document, footnotes, endnotes and relationship
parts) is parsed here, by defusedxml's expat reader (``DefusedExpatParser``): an entity declaration
(internal or external: billion laughs, XXE) is refused, external references are never resolved, the
external DTD of a ``<!DOCTYPE>`` (which every PMC file names) is never read, and nothing is fetched.
XInclude is not processed: an ``<xi:include>`` is an ordinary element. The encoding comes from the
byte-order mark or the XML declaration; one that Python does not know, or UTF-7, is refused in one
line rather than guessed.

Unlike ``xml.etree`` the tree keeps the source line and column of every element and every piece of
character data (a piece never spans an entity reference, so its column is exact). Memory is linear in
the input: character data is joined as it arrives (expat hands over every line, and every entity,
on its own), and the number of elements and pieces and the nesting depth are capped, so a hostile
file is one clear error, never a crash or a machine out of memory. A loader that needs no source
positions (DOCX, whose positions are paragraph numbers) asks for none: expat then buffers the text
itself and the tree costs one object per element.
"""

from __future__ import annotations

import codecs
import html.entities
import io
import re
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import InputSource

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser

from refcheck.errors import InputError

REFUSED = "refused: the XML declares entities (possible billion-laughs / external entity attack)"
# Real JATS nests about 20 deep and a DOCX with tables in tables about 60; nothing real nests 200.
MAX_DEPTH = 200
# Elements and pieces of text kept in one tree: a 30 MB JATS file has about 1.5 million; the cap keeps
# a hostile file (or a small DOCX that unpacks to a huge part) under a few hundred MB.
MAX_ITEMS = 3_000_000

_EMPTY: dict[str, str] = {}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
_DECLARED = re.compile(rb"""^<\?xml\s[^>]{0,200}?\bencoding\s*=\s*(["'])(.{0,64}?)\1""", re.S)
_EXPAT_NATIVE = frozenset(["utf-8", "ascii", "latin-1", "iso8859-1"])


@dataclass(slots=True)
class Chunk:
    """Character data: its text and the 1-based source line/column where it starts."""

    text: str
    line: int
    column: int


@dataclass(slots=True, eq=False)
class Node:
    tag: str  # local name, without a namespace prefix
    attrs: dict[str, str]  # attribute names as written ("xlink:href") and by local name ("href")
    line: int
    column: int
    children: list[Node | Chunk] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def iter(self, *tags: str) -> Iterator[Node]:
        """This node and every descendant element (document order), those named ``tags`` if given."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            if not tags or node.tag in tags:
                yield node
            stack.extend(reversed([c for c in node.children if isinstance(c, Node)]))

    def find(self, *tags: str) -> Node | None:
        return next((n for n in self.iter(*tags) if n is not self), None)

    def kids(self, *tags: str) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node) and (not tags or c.tag in tags)]

    def text(self) -> str:
        return "".join(c.text for c in self.chunks())

    def chunks(self) -> Iterator[Chunk]:
        stack: list[Node | Chunk] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, Chunk):
                yield item
            else:
                stack.extend(reversed(item.children))

    def ancestors(self) -> Iterator[Node]:
        p = self.parent
        while p is not None:
            yield p
            p = p.parent

    def inside(self, *tags: str) -> bool:
        return any(p.tag in tags for p in self.ancestors())


def xml_text(data: bytes, what: str = "XML") -> tuple[str, bytes | str]:
    """The encoding of ``data`` (from its byte-order mark or XML declaration) and what to hand expat:
    the bytes themselves when expat reads that encoding, else the decoded text. InputError for an
    encoding Python does not know, for UTF-7, and for bytes that are not in the declared encoding."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, _decode(data, enc, what)
    for head, enc in _SNIFF:
        if data.startswith(head):
            return enc, _decode(data, enc, what)
    m = _DECLARED.match(data)
    if m is None:
        return "utf-8", data
    raw = m.group(2)
    name = raw.decode("ascii", "replace")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9._:-]*", name):
        raise InputError(f"the {what} declares a malformed encoding name {name[:40]!r}")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise InputError(f'the {what} declares an unknown encoding "{name}"') from None
    if codec == "utf-7":
        raise InputError(
            f'the {what} declares encoding "{name}", which refcheck does not read (save it as UTF-8)'
        )
    if codec in _EXPAT_NATIVE:
        return codec, data
    return codec, _decode(data, codec, what)


def _decode(data: bytes, encoding: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"the {what} is not valid {encoding.upper()} (byte offset {exc.start})") from None


class _Reader(DefusedExpatParser):
    """defusedxml's expat reader, with the external DTD subset never read (``PARAM_ENTITY_PARSING_NEVER``:
    the SAX default would try to resolve the DTD that every PMC file names, which defusedxml refuses)
    and, without positions, expat's own text buffering."""

    def __init__(self, builder: _Builder) -> None:
        super().__init__()
        self._builder = builder
        self.setContentHandler(builder)

    def reset(self) -> None:
        super().reset()
        parser: Any = getattr(self, "_parser")  # noqa: B009 (set by ExpatParser.reset, untyped)
        parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
        if not self._builder.positions:
            parser.buffer_text = True
            parser.buffer_size = 1 << 16
        # Elements straight from expat, without SAX's per-element wrapper (defusedxml's handlers for
        # entity declarations and external references stay as installed); positions likewise.
        parser.StartElementHandler = self._builder.start
        parser.EndElementHandler = self._builder.end
        self._builder.expat = parser


class _Builder(ContentHandler):
    def __init__(self, what: str, positions: bool, skip: frozenset[str], max_items: int) -> None:
        super().__init__()
        self.max_items = max_items
        self.what = what
        self.positions = positions
        self.skip = skip
        self.root = Node("#document", {}, 1, 1)
        self.stack: list[Node] = [self.root]
        self.depth = 0
        self.skipping = 0  # > 0 inside an element the loader does not want
        self.items = 0
        self.expat: Any = None
        # character data not yet attached: its pieces, where it starts, where the next piece would start
        self.pending: list[str] = []
        self.at = (0, 0)
        self.next_at = (0, 0)

    def _count(self) -> None:
        if self.items > self.max_items:
            raise InputError(f"the {self.what} has more than {self.max_items:,} elements and pieces of text")

    def _flush(self) -> None:
        if self.pending:
            self.items += 1
            self._count()
            text = self.pending[0] if len(self.pending) == 1 else "".join(self.pending)
            self.stack[-1].children.append(Chunk(text, *self.at))
            self.pending = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise InputError(f"the {self.what} nests elements more than {MAX_DEPTH} deep")
        local = name.rpartition(":")[2]
        if self.skipping or local in self.skip:
            self.skipping += 1
            return
        if self.pending:
            self._flush()
        self.items += 1
        if self.items > self.max_items:
            self._count()
        if attrs:
            for k, v in list(attrs.items()):
                if ":" in k:
                    attrs.setdefault(k.rpartition(":")[2], v)
        else:
            attrs = _EMPTY
        parent = self.stack[-1]
        if self.positions:
            node = Node(
                local, attrs, self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1, [], parent
            )
        else:
            node = Node(local, attrs, 1, 1, [], parent)
        parent.children.append(node)
        self.stack.append(node)

    def end(self, name: str) -> None:
        self.depth -= 1
        if self.skipping:
            self.skipping -= 1
            return
        if self.pending:
            self._flush()
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.skipping or not content:
            return
        if not self.positions:
            if not self.pending:
                self.at = (1, 1)
            self.pending.append(content)
            return
        where = (self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1)
        if not self.pending or where != self.next_at:
            self._flush()
            self.at = where
        self.pending.append(content)
        if content == "\n":
            self.next_at = (where[0] + 1, 1)
        elif "\n" in content:
            self.next_at = (where[0] + content.count("\n"), len(content) - content.rfind("\n"))
        else:
            self.next_at = (where[0], where[1] + len(content))

    def skippedEntity(self, name: str) -> None:
        # an entity the (unread) external DTD would define: the HTML named ones are known
        if name in html.entities.name2codepoint:
            self._flush()  # the entity's text stands at the reference, the text after it further on
            self.characters(chr(html.entities.name2codepoint[name]))
            self._flush()


def parse_xml(
    data: bytes,
    what: str = "XML",
    *,
    positions: bool = True,
    skip: frozenset[str] = frozenset(),
    max_items: int | None = None,
) -> Node:
    """Parse ``data`` into a Node tree; InputError for bad XML, refused entities, an unknown encoding,
    excess depth or size (``max_items`` elements and pieces of text, MAX_ITEMS by default). Elements
    named in ``skip`` (local names) are left out with their content; without ``positions`` every line
    and column is 1."""
    _, source = xml_text(data, what)
    builder = _Builder(what, positions, skip, MAX_ITEMS if max_items is None else max_items)
    reader = _Reader(builder)
    stream = InputSource()
    if isinstance(source, str):
        stream.setEncoding("utf-8")  # overrides the declaration: expat gets the text as UTF-8
        stream.setByteStream(io.BytesIO(source.encode("utf-8", "surrogatepass")))
    else:
        stream.setByteStream(io.BytesIO(source))
    try:
        reader.parse(stream)
    except DefusedXmlException:
        raise InputError(REFUSED) from None
    except SAXParseException as exc:
        raise InputError(f"not well-formed {what} ({exc.getMessage()}, line {exc.getLineNumber()})") from None
    except RecursionError:
        raise InputError(f"the {what} is too deeply nested to check") from None
    except (ValueError, LookupError) as exc:  # expat's own refusals (an encoding it cannot read)
        raise InputError(f"the {what} cannot be read ({exc})") from None
    builder._flush()
    return builder.root
