"""A small, safe XML tree with source positions, for JATS and DOCX.

Parsed with expat the way defusedxml parses: any entity declaration (internal or external, the
billion-laughs and XXE attacks) is refused, parameter entities and external DTDs are never read,
and nothing is fetched. Unlike ``xml.etree`` it keeps the source line and column of every element
and every piece of character data (expat splits text at each entity reference, so a piece never
spans an entity and its column is exact).
"""

from __future__ import annotations

import html.entities
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field

from refcheck.errors import InputError

REFUSED = "refused: the XML declares entities (possible billion-laughs / external entity attack)"
MAX_DEPTH = 1000
MAX_NODES = 5_000_000


@dataclass
class Chunk:
    """Character data: its text and the 1-based source line/column where it starts."""

    text: str
    line: int
    column: int


@dataclass
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
        out: list[str] = []
        stack: list[Node | Chunk] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, Chunk):
                out.append(item.text)
            else:
                stack.extend(reversed(item.children))
        return "".join(out)

    def chunks(self) -> Iterator[Chunk]:
        stack: list[Node | Chunk] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, Chunk):
                yield item
            else:
                stack.extend(reversed(item.children))


class _Refused(Exception):
    pass


def parse_xml(data: bytes, what: str = "XML") -> Node:
    """Parse ``data`` into a Node tree; InputError for bad XML, refused entities or excess depth."""
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root = Node("#document", {}, 1, 1)
    stack: list[Node] = [root]
    count = 0

    def refuse(*_: object) -> None:
        raise _Refused

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if len(stack) > MAX_DEPTH or count > MAX_NODES:
            raise InputError(f"the {what} is too deeply nested or too large to check")
        local = dict(attrs)
        for k, v in attrs.items():
            local.setdefault(k.rpartition(":")[2], v)
        node = Node(
            name.rpartition(":")[2],
            local,
            parser.CurrentLineNumber,
            parser.CurrentColumnNumber + 1,
            parent=stack[-1],
        )
        stack[-1].children.append(node)
        stack.append(node)

    def end(_: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        stack[-1].children.append(Chunk(data, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1))

    def skipped(name: str, is_param: int) -> None:
        # an entity the (unread) external DTD would define: the HTML named ones are known
        if not is_param and name in html.entities.name2codepoint:
            chars(chr(html.entities.name2codepoint[name]))

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.SkippedEntityHandler = skipped
    parser.buffer_text = False
    try:
        parser.Parse(data, True)
    except _Refused:
        raise InputError(REFUSED) from None
    except xml.parsers.expat.ExpatError as exc:
        raise InputError(
            f"not well-formed {what} ({xml.parsers.expat.ErrorString(exc.code)}, line {exc.lineno})"
        ) from None
    except RecursionError:
        raise InputError(f"the {what} is too deeply nested to check") from None
    return root
