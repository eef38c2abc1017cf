"""HTML (.html, .htm): the visible text with source positions, notes, the reference list and links.

The stdlib ``html.parser`` (the parser beautifulsoup4 uses with "html.parser") is driven directly, so
every text node and every entity is anchored at its own source line and column: ``&amp;`` is five
characters of source and one of text, and the next piece of text is anchored afresh. Nothing is
fetched and no entity beyond the HTML5 named ones is expanded.

* Block elements (``p``, ``li``, ``h1``–``h6``, ``div``, ``br`` ...) become line breaks; ``script``,
  ``style``, ``nav``, ``head`` and ``template`` are skipped.
* The reference list is the list (``ul``/``ol``/``p``s) after a heading that reads References,
  Bibliography ..., or the content of an element whose id or class is ``references``,
  ``bibliography``, ``ref-list``; an ``<ol>`` list is numbered (label = position).
* Footnotes: ``<li id="fn1">`` (in ``section.footnotes`` or anywhere), ``<aside>``; their markers
  are links to them (``<sup><a href="#fn1">1</a></sup>``).
* ``<sup>3</sup>`` and ``<sup>1,4-6</sup>`` that are not note markers become ``[3]``/``[1,4-6]`` in
  the text, so the numeric extractor reads them when the list is numbered.
* ``<a href="http...">`` links go into ``Document.urls``, with the entry or note they stand in.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from refcheck.errors import InputError
from refcheck.extract.reference_list import HEADING_WORDS, parse_entry, split_item
from refcheck.loaders._build import TextBuilder, squash
from refcheck.loaders.decode import decode
from refcheck.model import Document, Footnote, FootnoteMarker, Reference, Url

BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "details",
        "summary",
    ]
)
SKIP = frozenset({"script", "style", "nav", "head", "template", "noscript", "svg", "math", "button"})
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
REF_CONTAINER = re.compile(r"\b(?:references?|bibliography|ref-?list|reflist|works-cited|citations)\b", re.I)
NOTE_CONTAINER = re.compile(r"\b(?:footnotes?|endnotes?|notes)\b", re.I)
NOTE_ID = re.compile(r"^(?:fn|footnote|endnote|note|en)[-_:]?(\w+)$", re.I)
_HEADING_TEXT = re.compile(rf"^(?:\d+\.?\s+)?(?:{HEADING_WORDS})\s*:?$", re.I)
_NUMERIC_SUP = re.compile(r"^\s*\d{1,4}(?:\s*[-–—,]\s*\d{1,4})*\s*$")
MAX_DEPTH = 512


@dataclass
class Elem:
    tag: str
    attrs: dict[str, str]
    start: int  # text offset where its content starts
    line: int
    column: int
    parent: int | None
    end: int = -1
    index: int = 0
    children: list[int] = field(default_factory=list)

    @property
    def classes(self) -> str:
        return self.attrs.get("class", "") + " " + self.attrs.get("id", "")


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out = TextBuilder()
        self.elems: list[Elem] = []
        self.stack: list[int] = []
        self.skip = 0

    # -- structure --
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag in SKIP:
                self.skip += 1
            return
        if tag in SKIP:
            self.skip = 1
            return
        if tag in BLOCK:
            if tag != "br" and self._open("p") is not None and tag not in ("br",):
                self._close("p")
            if tag == "li" and self._open("li", stop=("ul", "ol")) is not None:
                self._close("li")
            self.out.newline()
        if tag in VOID:
            return
        if len(self.stack) >= MAX_DEPTH:
            raise InputError(f"the HTML nests elements more than {MAX_DEPTH} deep")
        line, col = self.getpos()
        elem = Elem(
            tag,
            {k: v or "" for k, v in attrs},
            self.out.length,
            line,
            col + 1,
            self.stack[-1] if self.stack else None,
            index=len(self.elems),
        )
        if elem.parent is not None:
            self.elems[elem.parent].children.append(elem.index)
        self.elems.append(elem)
        self.stack.append(elem.index)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in SKIP:
                self.skip -= 1
            return
        if self._open(tag) is None:
            return
        self._close(tag)
        if tag in BLOCK:
            self.out.newline()

    def _open(self, tag: str, stop: tuple[str, ...] = ()) -> int | None:
        for i in reversed(self.stack):
            if self.elems[i].tag == tag:
                return i
            if self.elems[i].tag in stop:
                return None
        return None

    def _close(self, tag: str) -> None:
        while self.stack:
            i = self.stack.pop()
            elem = self.elems[i]
            elem.end = self.out.length
            if elem.tag == "sup":
                self._numeric_sup(elem)
            if elem.tag == tag:
                return

    def _numeric_sup(self, elem: Elem) -> None:
        content = self.out.text[elem.start :]
        if not _NUMERIC_SUP.match(content) or any(self.elems[c].tag == "a" for c in elem.children):
            return
        before = self.out.text[max(0, elem.start - 3) : elem.start]
        if before[-1:].isdigit() or re.search(r"(?:^|\W)[a-zA-Z]{1,2}$", before):
            return  # 10<sup>6</sup>, m<sup>2</sup>: an exponent, not a citation
        anchors = self.out.anchors_from(elem.start)
        taken = self.out.truncate(elem.start)
        self.out.add("[", elem.line, elem.column)
        self.out.restore(anchors, taken, elem.start)
        line, col = self.getpos()
        self.out.add("]", line, col + 1)
        elem.end = self.out.length

    # -- text --
    def handle_data(self, data: str) -> None:
        if self.skip or not data:
            return
        line, col = self.getpos()
        if not data.strip() and (not self.out.length or self.out.text[-1:] in ("\n", " ")):
            return
        self.out.add(data, line, col + 1)

    def handle_entityref(self, name: str) -> None:
        self._entity(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._entity(html.unescape(f"&#{name};"))

    def _entity(self, value: str) -> None:
        if self.skip:
            return
        line, col = self.getpos()
        self.out.add(value.replace("\u00a0", " "), line, col + 1)


def load_html(path: str, data: bytes) -> Document:
    decoded = decode(data)
    parser = _Parser()
    try:
        parser.feed(decoded.text)
        parser.close()
    except AssertionError as exc:  # html.parser's own complaints about broken markup
        raise InputError(f"the HTML cannot be parsed ({exc})") from None
    while parser.stack:
        parser._close(parser.elems[parser.stack[-1]].tag)
    text, smap = parser.out.build()
    doc = Document(path=path, format="html", text=text, source_map=smap, raw=data)
    doc.encoding = decoded.encoding
    elems = parser.elems
    notes, note_ids = _footnotes(doc, elems)
    doc.footnotes = notes
    if notes:
        doc.notes_region = (min(n.start for n in notes), max(n.end for n in notes))
    doc.footnote_markers = _markers(elems, note_ids)
    refs, region = _references(doc, elems, notes)
    if refs:
        doc.references = refs
        doc.reference_region = region
    doc.urls = _links(doc, elems)
    return doc


def _text(doc: Document, e: Elem) -> str:
    return squash(doc.text[e.start : e.end])


def _ancestors(elems: list[Elem], e: Elem) -> list[Elem]:
    out = []
    p = e.parent
    while p is not None:
        out.append(elems[p])
        p = elems[p].parent
    return out


def _footnotes(doc: Document, elems: list[Elem]) -> tuple[list[Footnote], dict[str, str]]:
    notes: list[Footnote] = []
    ids: dict[str, str] = {}  # element id -> note label
    for e in elems:
        eid = e.attrs.get("id", "")
        m = NOTE_ID.match(eid)
        in_notes = any(
            NOTE_CONTAINER.search(a.classes) and a.tag in ("section", "div", "ol", "aside", "footer")
            for a in _ancestors(elems, e)
        )
        is_note = (e.tag == "li" and (m is not None or in_notes)) or (e.tag == "aside" and bool(m or eid))
        if not is_note or e.end <= e.start:
            continue
        label = m.group(1) if m else (eid or str(len(notes) + 1))
        if e.tag == "li" and not m and not eid:
            label = str(sum(1 for c in notes) + 1)
        body = doc.text[e.start : e.end]
        body = re.sub(r"\s*[↩⤴]\ufe0e?\s*$", "", body)
        lead = len(body) - len(body.lstrip())
        notes.append(
            Footnote(
                label=label,
                start=e.start,
                end=e.start + len(body.rstrip()),
                text_start=e.start + lead,
                text=squash(body),
            )
        )
        if eid:
            ids[eid] = label
    return notes, ids


def _markers(elems: list[Elem], note_ids: dict[str, str]) -> list[FootnoteMarker]:
    out = []
    for e in elems:
        href = e.attrs.get("href", "")
        if e.tag == "a" and href.startswith("#") and href[1:] in note_ids:
            parent = elems[e.parent] if e.parent is not None else None
            span = parent if parent is not None and parent.tag == "sup" else e
            out.append(FootnoteMarker(label=note_ids[href[1:]], start=span.start, end=span.end))
    return out


def _references(
    doc: Document, elems: list[Elem], notes: list[Footnote]
) -> tuple[list[Reference], tuple[int, int] | None]:
    section: tuple[int, int] | None = None
    headings = [e for e in elems if e.tag in HEADINGS]
    for h in headings:
        if _HEADING_TEXT.match(_text(doc, h)):
            level = int(h.tag[1])
            nxt = [g.start for g in headings if g.start > h.start and int(g.tag[1]) <= level]
            end = min(nxt) if nxt else len(doc.text)
            # a heading inside a <section>: the list ends with the section
            for a in _ancestors(elems, h):
                if a.tag in ("section", "div", "article") and a.end > h.end:
                    end = min(end, a.end)
                    break
            section = (h.end, end)
    if section is None:
        for e in elems:
            if e.tag in ("section", "div", "ol", "ul", "aside") and REF_CONTAINER.search(e.classes):
                section = (e.start, e.end)
                break
    if section is None:
        return [], None
    lo, hi = section
    note_spans = [(n.start, n.end) for n in notes]
    items = [
        e
        for e in elems
        if e.tag == "li"
        and lo <= e.start < hi
        and not any(x.tag == "li" for x in _ancestors(elems, e))
        and not any(s <= e.start < t for s, t in note_spans)
    ]
    if not items:
        items = [e for e in elems if e.tag in ("p", "div", "dd") and lo <= e.start < hi and not e.children]
    refs: list[Reference] = []
    position: dict[int, int] = {}
    for e in items:
        # one item may hold several entries, joined by "<br>", a newline or a space
        for k, (s, t) in enumerate(split_item(doc.text, e.start, e.end)):
            ref = parse_entry(doc.text[s:t], s)
            if k:
                ref.id = f"ref-{len(refs) + 1}"
                refs.append(ref)
                continue
            ref.id = e.attrs.get("id") or f"ref-{len(refs) + 1}"
            parent = elems[e.parent] if e.parent is not None else None
            if e.tag == "li" and parent is not None and parent.tag == "ol":
                first = int(parent.attrs["start"]) if parent.attrs.get("start", "").isdigit() else 1
                n = position.get(parent.index, first - 1) + 1
                if e.attrs.get("value", "").isdigit():
                    n = int(e.attrs["value"])
                position[parent.index] = n
                ref.label = str(n)
            ref.key = e.attrs.get("id") or None
            refs.append(ref)
    if not refs:
        return [], None
    return refs, (min(r.start for r in refs), max(r.end for r in refs))


def _links(doc: Document, elems: list[Elem]) -> list[Url]:
    urls = []
    refs = doc.references or []
    for e in elems:
        href = e.attrs.get("href", "").strip()
        if e.tag != "a" or not re.match(r"(?i)https?://", href):
            continue
        ref = next((r for r in refs if r.start <= e.start < r.end), None)
        note = doc.footnote_at(e.start)
        if ref is not None and href not in ref.urls:
            ref.urls.append(href)
        urls.append(
            Url(
                url=href,
                start=e.start,
                end=max(e.end, e.start),
                reference=ref.id if ref else None,
                footnote=note.label if note else None,
                accessed=ref.accessed if ref else None,
            )
        )
    return urls
