"""HTML (.html, .htm): the visible text with source positions, notes, the reference list and links.

The stdlib ``html.parser`` (the parser beautifulsoup4 uses with "html.parser") is driven directly, so
every text node and every entity is anchored at its own source line and column: ``&amp;`` is five
characters of source and one of text, and the next piece of text is anchored afresh. Nothing is
fetched and no entity beyond the HTML5 named ones is expanded.

* Block elements (``p``, ``li``, ``h1``–``h6``, ``div``, ``br`` ...) become line breaks; ``script``,
  ``style``, ``nav``, ``head`` and ``template`` are skipped, and so is inline text hidden by its own
  style (``<span style="display:none">``: Word's hidden text), Word's comments (``mso-element:
  comment-list``, ``a.msocomanchor``) and a theme's links to the previous and next pages outside
  ``nav`` (``role="navigation"``, Sphinx's and Jupyter Book's ``prev-next-footer``, Furo's
  ``related-pages``), whose "next: 9.0 References" heads no list of the page.
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

import bisect
import html
import html.parser
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from refcheck.errors import InputError
from refcheck.extract.reference_list import (
    HEADING_NUMBER,
    HEADING_WORDS,
    given_first_lists,
    parse_entry,
    person_list,
    same_authors_as_before,
    split_glued,
    split_item,
)
from refcheck.extract.urls import unwrap_url
from refcheck.loaders._build import (
    EXPONENT_LOOKBACK,
    NUMERIC_SUP,
    TextBuilder,
    exponent_after,
    squash,
    unresolved_keys,
)
from refcheck.loaders.decode import decode
from refcheck.model import Document, Footnote, FootnoteMarker, Ranges, Reference, Url, notes_span

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
# Inline text hidden by its own style is not read: Word saves its hidden text as <span
# style='display:none;mso-hide:all'>. A hidden block (a list a page shows on a click) is read.
_INLINE = frozenset(["span", "font", "a", "b", "i", "em", "strong", "sup", "sub", "u", "small", "cite"])
# elements that set text in emphasis (Document.emphasis), and those of them that set it in bold
_EMPHASIS = frozenset(["em", "i", "cite", "strong", "b"])
_STRONG = frozenset(["strong", "b"])
_SUPER_CLASS = re.compile(r"\.([\w-]{1,40})\s*\{[^{}]{0,400}?vertical-align\s*:\s*super", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all", re.I)
# Word's comments, in the HTML it saves: their list at the end and their marks in the text ("[FE1]").
# Comments are no part of the manuscript (a DOCX's are not read either).
_WORD_COMMENT = re.compile(r"mso-element\s*:\s*comment(?:-list)?\b|\bmsocomanchor\b", re.I)
# A page's links to the pages before and after it, which a theme sets outside <nav>: Sphinx's and Jupyter
# Book's pydata theme ("<footer class="prev-next-footer">", "next / 9.0 References"), Furo's
# "related-pages"; and any element whose role is navigation (Read the Docs' footer buttons). Their text
# is the titles of other pages: a "References" among them heads no list of this page.
_PAGE_NAVIGATION = re.compile(r"(?:^|\s)(?:prev-next-(?:footer|area)|related-pages)(?:\s|$)")
REF_CONTAINER = re.compile(r"\b(?:references?|bibliography|ref-?list|reflist|works-cited|citations)\b", re.I)
NOTE_CONTAINER = re.compile(r"\b(?:footnotes?|endnotes?|notes)\b", re.I)
NOTE_ID = re.compile(r"^(?:fn|footnote|endnote|note|en)[-_:]?(\w+)$", re.I)
_HEADING_TEXT = re.compile(rf"^{HEADING_NUMBER}?(?:{HEADING_WORDS})\s*:?$", re.I)
# Elements open at once (browsers' limit too). Past it a new element closes the innermost one first,
# so that unclosed inline tags by the thousand, which sloppy HTML has, cost no time and are not refused.
MAX_DEPTH = 512
# <sup><a href="#ref3">3</a></sup>: a link to an element that is no note (by its id) is a citation
# (several ids, as Taylor & Francis links a group: <a href="#CIT0004 CIT0005"><sup>4, 5</sup></a>)
_CITATION_LINK = re.compile(
    r"^#(?!(?:fn|footnote|endnote|note|en)[-_:]?\w+$|_?(?:ftnt?|edn)\d+$|sd(?:foot|end)note\d+(?:sym|anc)$)\S+(?: \S+)*$",
    re.I,
)
# The anchor that ends a note in HTML saved by word processors, linking back to the note's mark:
# Word "Save as Web Page" (<a name="_ftn1" href="#_ftnref1">, endnotes _edn1), Google Docs (<a
# id="ftnt1" href="#ftnt_ref1">), LibreOffice (<a name="sdfootnote1sym" href="#sdfootnote1anc">). An
# endnote's label is "e1", as in a DOCX.
OFFICE_NOTE = re.compile(r"^(?:_?(?:ftnt?|(edn))|sd(?:foot|(end))note)(\d+)(?:sym)?$", re.I)
# A comment in Google Docs' HTML export: <a id="cmnt1" href="#cmnt_ref1">[a]</a> at the start of
# the comment, after the text; the comment is no part of the manuscript (as a DOCX's are not read)
GOOGLE_COMMENT = re.compile(r"^cmnt\d+$")
# Optional end tags (HTML): a start tag ends the open element it names, without crossing the ones
# that bound it: <td> ends a <td> or <th> of the same row, <li> an <li> of the same list.
_ENDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "li": (("li",), ("ul", "ol")),
    "dt": (("dd", "dt"), ("dl",)),
    "dd": (("dd", "dt"), ("dl",)),
    "td": (("td", "th"), ("tr", "table")),
    "th": (("td", "th"), ("tr", "table")),
    "tr": (("tr",), ("table",)),
    "tbody": (("thead", "tbody", "tfoot"), ("table",)),
    "tfoot": (("thead", "tbody", "tfoot"), ("table",)),
    "option": (("option",), ("select",)),
}
_SECTIONING = frozenset(["section", "div", "article"])
# A block start tag ends an open <p> ("button scope" in HTML): not one outside the table cell it is in.
_P_SCOPE = ("table", "td", "th", "caption", "button", "object", "template")

# html.parser, in the interpreters refcheck supports, rescans the rest of the document from every "<"
# that opens a construct it cannot close (no ">" after it, a comment with no end, a marked section
# with no end): thousands of them take minutes (issue 13.3). A "&#" that is no character reference
# makes it stop reading markup for good, and a "<![" it does not know makes it raise. ``_defuse`` reads
# the document once first and settles those places as a browser does: what follows an unclosed tag
# or comment at the end of the document is not shown (it is cut off), an unknown "<![" is a bogus
# comment up to the next ">" (its "[" becomes "_", which html.parser reads that way), and a "&#"
# that is no reference is the text "&#", a start tag html.parser would find unclosed the text "<"
# (their "&" or "<" is swapped for a noncharacter that the text handler swaps back). Nothing moves:
# positions stay those of the file.
_LT, _AMP = "\ufdd0", "\ufdd1"
_BACK = str.maketrans({_LT: "<", _AMP: "&"})
_COMMENT_CLOSE = re.compile(r"--\s*>")
_MARKED_CLOSE = re.compile(r"]\s*]\s*>")
_MS_MARKED_CLOSE = re.compile(r"]\s*>")
_MARKED_NAME = re.compile(r"<!\[\s*([a-zA-Z][-_.a-zA-Z0-9]*)\s*")
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_RISKY = re.compile(r"<!--|<!\[|<[a-zA-Z/!?]|&#")
_TAG_NAME = re.compile(r"<([a-zA-Z][-.a-zA-Z0-9:_]{0,40})")


# html.parser's own pattern for the extent of a start tag (absent from interpreters whose parser no
# longer rescans); a tag it cannot close is where it rescans from.
_TAG_EXTENT: re.Pattern[str] | None = getattr(html.parser, "locatestarttagend_tolerant", None)
_TAG_WINDOW = 64  # most start tags are shorter; a longer one is measured in full
_LONG_FAILURES = 8  # start tags measured in full that may turn out unclosed, before longer ones are not


def _start_tag_end(text: str, at: int, budget: list[int]) -> int:
    """Where html.parser ends the start tag at ``at``, or -1 when it would find it unclosed and rescan
    from it. A tag closed within a short window costs no more; any other is measured in full, but
    only a few tags measured in full may turn out long and unclosed: after that such a tag is taken
    as unclosed without measuring it (the pattern costs some 170 ns a character)."""
    if _TAG_EXTENT is None:
        return text.find(">", at) + 1 or len(text)
    m = _TAG_EXTENT.match(text, at, at + _TAG_WINDOW)
    if m is None:
        return at + 1
    end = _tag_close(text, at, m)
    if at + _TAG_WINDOW >= len(text) or (end > 0 and text[end - 1] == ">"):
        return end  # closed within the window (the window cannot close a tag that is not)
    if budget[0] <= 0:
        return -1
    m = _TAG_EXTENT.match(text, at)
    end = _tag_close(text, at, m)
    if end < 0 and m is not None and m.end() - at >= _TAG_WINDOW:
        budget[0] -= 1
    return end


def _tag_close(text: str, at: int, m: re.Match[str] | None) -> int:
    """The end of the start tag html.parser reads at ``at`` given its pattern's match; -1 unclosed."""
    if m is None:
        return at + 1
    end = m.end()
    nxt = text[end : end + 1]
    if nxt == ">":
        return end + 1
    if nxt == "/":
        if text.startswith("/>", end):
            return end + 2
    elif nxt and not (nxt.isascii() and (nxt.isalpha() or nxt == "=")):
        return max(end, at + 1)  # html.parser ends the tag there (bogus input)
    return -1


def _last_start(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for m in pattern.finditer(text):
        last = m.start()
    return last


def _defuse(text: str) -> str:
    """``text`` with the places that would make html.parser rescan, stop or raise settled as a
    browser settles them (see above). Follows html.parser's way through the text (a comment, a
    declaration or a tag is passed whole, the content of a script too) in one linear pass."""
    if "<" not in text and "&#" not in text:
        return text
    last_gt = text.rfind(">")
    comment_close = _last_start(_COMMENT_CLOSE, text)
    budget = [_LONG_FAILURES]
    out: list[str] = []
    pos = 0  # copied up to here
    at = 0  # read up to here
    n = len(text)
    while True:
        m = _RISKY.search(text, at)
        if m is None:
            break
        at, what = m.start(), m.group()
        if what == "&#":
            if _CHARREF.match(text, at) is None:
                out.append(text[pos:at] + _AMP)
                pos = at + 1
            at += 2
            continue
        if at > last_gt or (what == "<!--" and comment_close < at + 4):
            out.append(text[pos:at])  # an unclosed tag or comment runs to the end: nothing shown
            return "".join(out)
        if what == "<!--":
            close = _COMMENT_CLOSE.search(text, at + 4)
            at = close.end() if close else n
        elif what == "<![":
            name = _MARKED_NAME.match(text, at)
            keyword = name.group(1).lower() if name else ""
            close = None
            if keyword in ("temp", "cdata", "ignore", "include", "rcdata"):
                close = _MARKED_CLOSE.search(text, at + 3)
            elif keyword in ("if", "else", "endif"):
                close = _MS_MARKED_CLOSE.search(text, at + 3)
            if close is None:
                out.append(text[pos : at + 2] + "_")  # "<!_": a bogus comment up to the next ">"
                pos = at + 3
                at = text.find(">", at) + 1 or n
            else:
                at = close.end()
        elif what[1].isalpha():
            end = _start_tag_end(text, at, budget)
            if end < 0:
                out.append(text[pos:at] + _LT)  # read as the text "<", as html.parser would, once
                pos = at + 1
                at += 1
                continue
            name = _TAG_NAME.match(text, at)
            at = end
            if name and name.group(1).lower() in ("script", "style"):
                close = re.compile(rf"</\s*{name.group(1)}\s*>", re.I).search(text, at)
                at = close.start() if close else n
        else:  # "</", "<?", "<!" (a declaration or a bogus comment): up to the next ">"
            at = text.find(">", at + 2) + 1 or n
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


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
    in_notes: bool = False  # inside a footnotes container (section.footnotes ...)
    in_li: bool = False  # inside a list item
    hidden: bool = False  # inside inline text hidden by its style (Word's hidden text)
    section: int | None = None  # the innermost section/div/article around it

    @property
    def classes(self) -> str:
        return self.attrs.get("class", "") + " " + self.attrs.get("id", "")


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out = TextBuilder()
        self.elems: list[Elem] = []
        self.stack: list[int] = []
        self.open: dict[str, list[int]] = {}  # tag -> stack positions of its open elements
        self.skip = 0
        # a <style> being skipped: its rules are read for the classes that set text in superscript
        # (Google Docs writes superscript as <span class="c5"> with .c5{vertical-align:super})
        self.css: list[str] | None = None
        self.super_classes: set[str] = set()
        self.line_start = 0  # where the text after the last block boundary or <br> begins
        self.breaks: list[int] = []  # where the text after each <br> begins
        self.blocks: list[int] = []  # where the text after each other block boundary begins

    # -- structure --
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "style":
            self.css = []
        if self.skip:
            if tag in SKIP:
                self.skip += 1
            return
        if tag in SKIP:
            self.skip = 1
            return
        if tag in BLOCK:
            if tag != "br" and self._open("p", stop=_P_SCOPE) is not None:
                self._close("p")
            self.out.newline()
            self.line_start = self.out.length
            if tag == "br":
                self.breaks.append(self.line_start)
            else:
                self._block()
        ends = _ENDS.get(tag)
        if ends is not None:
            for name in ends[0]:
                if self._open(name, stop=ends[1]) is not None:
                    self._close(name)
        if tag in VOID:
            return
        if len(self.stack) >= MAX_DEPTH:
            self._pop()  # as browsers do: past the limit, a new element is a sibling, not a child
        line, col = self.getpos()
        parent = self.elems[self.stack[-1]] if self.stack else None
        values = {k: (v or "").translate(_BACK) for k, v in attrs}
        if values.get("href", "").startswith("#/"):
            # reveal.js routes a link within a presentation by "#/" (pandoc's and Quarto's slides:
            # <a href="#/fn1" class="footnote-ref">): the id is what follows
            values["href"] = "#" + values["href"][2:]
        elem = Elem(
            tag,
            values,
            self.out.length,
            line,
            col + 1,
            parent.index if parent else None,
            index=len(self.elems),
        )
        if parent is not None:
            parent.children.append(elem.index)
            elem.in_li = parent.in_li or parent.tag == "li"
            elem.hidden = parent.hidden
            elem.in_notes = parent.in_notes or (
                parent.tag in ("section", "div", "ol", "aside", "footer")
                and bool(NOTE_CONTAINER.search(parent.classes))
                # (<aside class="notes">: a reveal.js slide's speaker notes, which the audience does
                # not see; not the notes of its text)
                and not (parent.tag == "aside" and parent.classes.strip().lower() == "notes")
            )
            elem.section = parent.index if parent.tag in _SECTIONING else parent.section
        style, cls = values.get("style", ""), values.get("class", "")
        if (style or cls) and (
            (tag in _INLINE and _HIDDEN_STYLE.search(style)) or _WORD_COMMENT.search(f"{style} {cls}")
        ):
            elem.hidden = True
        elif values.get("role") == "navigation" or (cls and _PAGE_NAVIGATION.search(cls)):
            elem.hidden = True  # (as <nav> is skipped: another page's titles, not this page's text)
        self.elems.append(elem)
        self.open.setdefault(tag, []).append(len(self.stack))
        self.stack.append(elem.index)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in SKIP:
                self.skip -= 1
            if tag == "style" and self.css is not None:
                self.super_classes.update(_SUPER_CLASS.findall("".join(self.css)))
                self.css = None
            return
        if self._open(tag) is None:
            return
        self._close(tag)
        if tag in BLOCK:
            self.out.newline()
            self.line_start = self.out.length
            if tag != "br":
                self._block()

    def _block(self) -> None:
        if not self.blocks or self.blocks[-1] != self.line_start:
            self.blocks.append(self.line_start)

    def _open(self, tag: str, stop: tuple[str, ...] = ()) -> int | None:
        """The innermost open element named ``tag``, unless one named in ``stop`` is open inside it."""
        where = self.open.get(tag)
        if not where:
            return None
        depth = where[-1]
        for name in stop:
            inner = self.open.get(name)
            if inner and inner[-1] > depth:
                return None
        return self.stack[depth]

    def _close(self, tag: str) -> None:
        while self.stack:
            if self._pop().tag == tag:
                return

    def _pop(self) -> Elem:
        elem = self.elems[self.stack.pop()]
        self.open[elem.tag].pop()
        elem.end = self.out.length
        if elem.tag == "sup" or (
            elem.tag == "span"
            and self.super_classes
            and not self.super_classes.isdisjoint(elem.attrs.get("class", "").split())
        ):
            self._numeric_sup(elem)
        return elem

    def _numeric_sup(self, elem: Elem) -> None:
        if self.out.length - elem.start > 40:
            return  # too long for a citation number: not worth reading
        content = self.out.text_from(elem.start)
        parent = self.elems[elem.parent] if elem.parent is not None else None
        if (
            not NUMERIC_SUP.match(content)
            or any(
                self.elems[c].tag == "a"
                and not _CITATION_LINK.match(_fragment(self.elems[c].attrs.get("href", "")))
                for c in elem.children
            )
            or (parent is not None and parent.tag == "a" and _is_note_link(parent))
        ):
            return  # <sup><a href="#fn1">1</a></sup>, <a href="#sdfootnote1sym"><sup>1</sup></a>: a note's mark
        opens = elem.start - self.line_start
        if 0 <= opens <= 200 and not self.out.text_from(self.line_start)[:opens].strip():
            return  # "<sup>2</sup>Department of ...": it opens its line, an affiliation's or a note's mark
        lo = max(0, elem.start - EXPONENT_LOOKBACK)
        before = self.out.text_from(lo)[: elem.start - lo]
        if exponent_after(before):
            return  # 10<sup>6</sup>, m<sup>2</sup>: an exponent, not a citation
        anchors = self.out.anchors_from(elem.start)
        taken = self.out.truncate(elem.start)
        self.out.add("[", elem.line, elem.column)
        self.out.restore(anchors, taken, elem.start)
        for inner in self.elems[elem.index + 1 :]:  # (those after it are inside it: it closes now)
            inner.start += 1
            inner.end += 1
        line, col = self.getpos()
        self.out.add("]", line, col + 1)
        elem.end = self.out.length

    # -- text --
    def _hidden(self) -> bool:
        return bool(self.stack) and self.elems[self.stack[-1]].hidden

    def handle_data(self, data: str) -> None:
        if self.css is not None and len(self.css) < 4096:
            self.css.append(data)
        if self.skip or not data or self._hidden():
            return
        line, col = self.getpos()
        if not data.strip() and (not self.out.length or self.out.last in ("\n", " ")):
            return
        if _LT in data or _AMP in data:
            data = data.translate(_BACK)
        self.out.add(data, line, col + 1)

    def handle_entityref(self, name: str) -> None:
        self._entity(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._entity(html.unescape(f"&#{name};"))

    def _entity(self, value: str) -> None:
        if self.skip or self._hidden():
            return
        line, col = self.getpos()
        self.out.add(value.replace("\u00a0", " "), line, col + 1)


def _fragment(href: str) -> str:
    """The "#ref-CR1" of a link to a place in the page, also as a page saved from its site writes it,
    after the page's own address ("/article/10.1007/s1#ref-CR1", "https://host/article/...#ref-CR1":
    Springer Nature's article pages)."""
    k = href.find("#")
    return href[k:] if k > 0 else href


def _is_note_link(a: Elem) -> bool:
    href = a.attrs.get("href", "")
    return href.startswith("#") and not _CITATION_LINK.match(href)


def load_html(path: str, data: bytes) -> Document:
    decoded = decode(data)
    parser = _Parser()
    try:
        parser.feed(_defuse(decoded.text))
        parser.close()
    except AssertionError as exc:  # html.parser's own complaints about broken markup
        raise InputError(f"the HTML cannot be parsed ({exc})") from None
    while parser.stack:
        parser._close(parser.elems[parser.stack[-1]].tag)
    text, smap = parser.out.build()
    doc = Document(path=path, format="html", text=text, source_map=smap, raw=data)
    doc.encoding = decoded.encoding
    doc.block_starts = parser.blocks
    elems = parser.elems
    doc.table_cells = [(e.start, e.end) for e in elems if e.tag in ("td", "th") and e.end > e.start]
    # (in document order, so sorted by start: an element is listed when it opens)
    doc.emphasis = [
        (e.start, e.end, e.tag in _STRONG) for e in elems if e.tag in _EMPHASIS and e.end > e.start
    ]
    notes, note_ids = _footnotes(doc, elems)
    doc.footnotes = notes
    doc.notes_region = notes_span(notes)
    doc.footnote_markers = _markers(elems, note_ids)
    comments = [(box.start, box.end) for _, _, box in _back_linked(elems, GOOGLE_COMMENT)]
    comments += _reader_comments(elems)
    own = _own_citation(doc, elems)
    if comments or own:
        doc.excluded = sorted([*doc.excluded, *comments, *own])
    refs, region = _references(doc, elems, parser.breaks)
    code = _code(elems, region if refs else None)
    if code:
        doc.excluded = sorted([*doc.excluded, *code])
    if refs:
        doc.references = refs
        doc.reference_region = region
        copies = _entry_copies(doc, elems, refs)
        if copies:
            doc.excluded = sorted([*doc.excluded, *copies])
    doc.urls = _links(doc, elems)
    if refs:
        doc.citation_links = _citation_links(doc, elems, refs)
    # (pandoc's HTML lists its entries in <div id="refs">, each a <div class="csl-entry">)
    pandoc = any(e.attrs.get("id") == "refs" or "csl-entry" in e.attrs.get("class", "") for e in elems)
    doc.unresolved = unresolved_keys(
        text,
        [(e.start, e.end) for e in elems if e.tag in ("b", "strong") and 2 < e.end - e.start < 120],
        pandoc,
    )
    return doc


_COPY_KEY = 30  # letters and digits of an entry that tell a copy of it
_NOT_WORD = re.compile(r"[\W_]+")
# a citation's letters and digits: names, then a year ("National Information Standards Organization
# 2012", as long as the start of its entry), no copy of the entry
_NAMES_AND_YEAR = re.compile(r"[^\W\d_]+\d{4}[a-z]?")


def _entry_copies(doc: Document, elems: list[Elem], refs: list[Reference]) -> list[tuple[int, int]]:
    """Copies of entries of the list, or of notes, in the text, which a page shows in a popup by a
    citation (SciELO: <span class="refCtt closed"><span>WHITTAKER, R.J., ... WILLIS, K.J. 2005.
    Conservation ...</span> after "Whittaker et al. 2005", and "<strong>2</strong>BAKHTIN, M. M.
    Discourse in the Novel ... Press, 1981a" after the mark of note 2): no prose, so no citations
    ("K.J. 2005", "Press, 1981a") in them. Compared by their letters and digits (the copy may differ in
    a final stop, the links after the entry, or the note's number before it) with the entries and the
    innermost blocks after them."""
    region = doc.reference_region
    texts: dict[str, list[tuple[str, int, int]]] = {}

    def add(a: int, b: int) -> None:
        t = _NOT_WORD.sub("", doc.text[a:b]).casefold()
        if len(t) >= _COPY_KEY:
            texts.setdefault(t[:_COPY_KEY], []).append((t, a, b))

    for r in refs:
        add(r.start, r.end)
    holds = _holding_blocks(elems)
    for e in elems:
        if e.tag in BLOCK and not holds[e.index] and e.end - e.start <= 4000:
            add(e.start, e.end)
    out: list[tuple[int, int]] = []
    for e in elems:
        if e.tag in BLOCK or not _COPY_KEY <= e.end - e.start <= 4000 or (out and e.start < out[-1][1]):
            continue
        if region and region[0] <= e.start < region[1]:
            continue
        t = _NOT_WORD.sub("", doc.text[e.start : e.end]).casefold()
        # letters and a year may be a citation as long as the start of its entry (pandoc's <span
        # class="citation">(National ... Organization 2012)</span>): a copy then holds the whole
        # entry, as SciELO's of "NIEHUES-PRÖBSTING, H. Der Kynismus ... Frankfurt: Suhrkamp, 1988."
        cite_like = bool(_NAMES_AND_YEAR.fullmatch(t))
        if any(
            (u.startswith(v) or (v.startswith(u) and not cite_like))
            and not a <= e.start < b  # (a copy elsewhere, not its own box)
            for u in (t, t.lstrip("0123456789"))
            for v, a, b in texts.get(u[:_COPY_KEY], ())
        ):
            out.append((e.start, e.end))
    return out


# a script handler naming the elements it shows: ACS's onclick="showRef(event, 'ref12 ref13')"
_HANDLER_TARGET = re.compile(r"""['"]([\w:. -]{1,400})['"]""")
# what may stand between an entry's anchor and its text: marks and its number ("↵", "1.", "[12]")
_NO_WORD = re.compile(r"[\W_]*(?:\d{1,4}[\W_]*)?")


def _citation_links(doc: Document, elems: list[Elem], refs: list[Reference]) -> list[tuple[int, int, str]]:
    """The links of the text to entries of the reference list: ``<a href="#ref-12">12</a>`` (BMJ,
    HighWire), ``<a href="#bib5">Smith et al., 2004</a>`` (eLife), or a script handler naming the
    entry (ACS: ``onclick="showRef(event, 'ref12')"``), as (start, end, entry id); the other links
    within the page with the entry id "". An id is an entry's when its element lies in the entry or
    just before its text."""
    ordered = sorted(refs, key=lambda r: r.start)
    starts = [r.start for r in ordered]
    region = doc.reference_region

    def entry_at(offset: int) -> Reference | None:
        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0 and offset < ordered[k].end:
            return ordered[k]
        if k + 1 < len(ordered) and _NO_WORD.fullmatch(doc.text, offset, ordered[k + 1].start):
            return ordered[k + 1]  # an anchor before the entry's text and number (<a id="ref-1">↵</a>)
        return None

    owner: dict[str, Reference] = {}
    for e in elems:
        for key in (e.attrs.get("id"), e.attrs.get("name") if e.tag == "a" else None):
            if key and key not in owner and region and region[0] - 200 <= e.start <= region[1]:
                ref = entry_at(e.start)
                if ref is not None:
                    owner[key] = ref
    if not owner:
        return []
    out: list[tuple[int, int, str]] = []
    for a in elems:
        if a.tag != "a" or a.end <= a.start or a.hidden:
            continue
        if (region and region[0] <= a.start < region[1]) or entry_at(a.start) is not None:
            continue  # the list's own links (back to the text, to the entry itself, its number)
        href = a.attrs.get("href", "")
        fragment = _fragment(href)
        targets = fragment[1:].split() if fragment.startswith("#") else []
        if not targets:
            # the id in an attribute of its own, as JATS's rid (PeerJ: <a class="xref xref-bibr"
            # href="https://doi.org/..." data-jats-rid="ref-47">), the link leading to the work itself
            targets = [
                t
                for k, v in a.attrs.items()
                if k.endswith("rid") and k.startswith("data-")
                for t in v.split()
            ]
        if not targets and "onclick" in a.attrs:
            named = _HANDLER_TARGET.findall(a.attrs["onclick"])
            targets = named[0].split() if named else []  # 'ref3 ref4 ref5': a group of entries
        found = [owner[t].id for t in targets if t in owner]
        if not found and href.startswith("#") and len(href) > 1:
            found = [""]  # a link within the page to no entry (a figure, or an entry the list lacks)
        out.extend((a.start, a.end, rid) for rid in found)
    return out


# The label of an article page's "how to cite this article" box: "Cite this as" (PeerJ), "Cite this
# article" (Springer), "Citation:" (Frontiers), "How to cite this article:" (F1000Research, Hindawi),
# "Please cite this article as:" (Elsevier), "To cite this article:" (Taylor & Francis)
_CITE_THIS = re.compile(
    r"\s*(?:(?:how )?to cite(?: this (?:article|paper|report|chapter))?"
    r"|(?:please )?cite this(?: (?:article|paper|report|chapter))?(?: as)?|citation)\s*(?::|\n)",
    re.I,
)
_CITING_BOX = frozenset(["p", "div", "dl", "section", "aside", "li", "td", "footer", "header"])


# what a page sets as code: a <pre> a highlighter or a Markdown renderer marks as code ("<pre
# class="sourceCode r">", "<div class="highlight"><pre>"); a plain <pre> may hold a whole article
_CODE_TAGS = frozenset(["code", "kbd", "samp"])
_CODE_CLASS = re.compile(r"code|highlight|language-|lang-|listing|console|shell|terminal|prettyprint", re.I)


def _code(elems: list[Elem], region: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Code in the text (``<code>``, ``<kbd>``, ``<samp>``, a ``<pre>`` marked as code): no citations
    there ("<code>python fit.py  # see Jones (2015)</code>"). Not in the reference list, where a
    software entry may name its package as code."""
    out: list[tuple[int, int]] = []
    for e in elems:
        if e.end <= e.start or (out and e.start < out[-1][1]):
            continue
        if region is not None and region[0] <= e.start < region[1]:
            continue
        if e.tag in _CODE_TAGS or (
            e.tag == "pre"
            and (
                _CODE_CLASS.search(e.classes)
                or (e.parent is not None and _CODE_CLASS.search(elems[e.parent].classes))
            )
        ):
            out.append((e.start, e.end))
    return out


# readers' comments under a blog post, as WordPress themes write them (<div id="comments"
# class="comments-area"><ol class="comment-list">): no part of the post, as a DOCX's comments are not
_READER_COMMENTS = re.compile(r"(?<![\w-])(?:comments-area|comment-list|commentlist)(?![\w-])")


def _reader_comments(elems: list[Elem]) -> list[tuple[int, int]]:
    """The boxes of readers' comments under a blog post: no citations or entries of the post there."""
    out: list[tuple[int, int]] = []
    for e in elems:
        if e.end <= e.start or (out and e.start < out[-1][1]):
            continue
        if e.attrs.get("id") == "comments" or ("comment" in e.classes and _READER_COMMENTS.search(e.classes)):
            out.append((e.start, e.end))
    return out


def _own_citation(doc: Document, elems: list[Elem]) -> list[tuple[int, int]]:
    """The boxes in which an article page says how to cite the article itself: no citations there
    (the page's own "Range F and Virányi Z (2015)" cites no entry of its list)."""
    out: list[tuple[int, int]] = []
    for e in elems:
        if e.tag not in _CITING_BOX or not 20 < e.end - e.start < 1500 or (out and e.start < out[-1][1]):
            continue
        m = _CITE_THIS.match(doc.text, e.start, e.end)
        if m and e.end - m.end() > 20:
            out.append((e.start, e.end))
    return out


def _text(doc: Document, e: Elem) -> str:
    return squash(doc.text[e.start : e.end])


def _footnotes(doc: Document, elems: list[Elem]) -> tuple[list[Footnote], dict[str, str]]:
    notes: list[Footnote] = []
    ids: dict[str, str] = {}  # element id -> note label
    for e in elems:
        eid = e.attrs.get("id", "")
        m = NOTE_ID.match(eid)
        is_note = (e.tag == "li" and (m is not None or e.in_notes)) or (
            # (an aside holding a list is the notes' container: pandoc's <aside id="footnotes"
            # class="footnotes footnotes-end-of-block"><ol><li id="fn1">)
            e.tag == "aside" and bool(m or eid) and not any(elems[c].tag in ("ol", "ul") for c in e.children)
        )
        if not is_note or e.end <= e.start:
            continue
        label = m.group(1) if m else (eid or str(len(notes) + 1))
        if e.tag == "li" and not m and not eid:
            label = str(len(notes) + 1)
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
    if notes and not _linked_notes(elems, ids):
        # no link leads to any of them and none leads back: a page's end matter, not notes of its text
        # (BMJ's and SAGE's "Footnotes" section: <li id="fn-1">Contributors: ...</li>, Funding ...)
        notes, ids = [], {}
    if not notes:
        notes = _office_notes(doc, elems, ids)
    return notes, ids


def _linked_notes(elems: list[Elem], ids: dict[str, str]) -> bool:
    """Whether a link in the page leads to one of the notes (by their ids), or one leads out of one
    (a note's link back to its mark)."""
    spans = sorted((e.start, e.end) for e in elems if e.attrs.get("id") in ids)
    starts = [a for a, _ in spans]
    for a in elems:
        href = a.attrs.get("href", "") if a.tag == "a" else ""
        if not href.startswith("#"):
            continue
        if href[1:] in ids:
            return True
        k = bisect.bisect_right(starts, a.start)
        if k and a.start < spans[k - 1][1]:
            return True  # a link inside a note (its way back to the mark)
    return False


def _back_linked(elems: list[Elem], pattern: re.Pattern[str]) -> list[tuple[Elem, re.Match[str], Elem]]:
    """Pairs of anchors linking to each other, as word processors save notes and comments: a mark in
    the text links to an anchor whose id or name matches ``pattern``, and that anchor links back to
    the mark. Each as (the anchor, its match, its box): the box is the largest block around the
    anchor that holds neither its mark nor another such anchor (pairs with no box are left out)."""
    anchors: dict[str, Elem] = {}
    for e in elems:
        if e.tag == "a":
            for key in (e.attrs.get("id"), e.attrs.get("name")):
                if key:
                    anchors.setdefault(key, e)
    found: list[tuple[Elem, Elem, re.Match[str]]] = []  # (the mark's link, the anchor, its match)
    for b in elems:
        if b.tag != "a" or not b.attrs.get("href", "").startswith("#"):
            continue
        for key in (b.attrs.get("id"), b.attrs.get("name")):
            m = pattern.match(key or "")
            if m is None or key is None:
                continue
            mark = anchors.get(b.attrs["href"][1:])
            if mark is not None and mark.attrs.get("href") == "#" + key and mark.start < b.start:
                found.append((mark, b, m))
            break
    starts = sorted(b.start for _, b, _ in found)
    out: list[tuple[Elem, re.Match[str], Elem]] = []
    for mark, b, m in found:
        box: Elem | None = None
        e = b
        while e.parent is not None:
            up = elems[e.parent]
            if up.start <= mark.start < up.end or up.tag == "body":
                break
            if bisect.bisect_left(starts, up.end) - bisect.bisect_left(starts, up.start) > 1:
                break
            e = up
            if e.tag in BLOCK or e.tag == "li":
                box = e
        if box is not None and box.end > b.end:
            out.append((b, m, box))
    return out


def _office_notes(doc: Document, elems: list[Elem], ids: dict[str, str]) -> list[Footnote]:
    """Notes as word processors save them (``OFFICE_NOTE``, ``_back_linked``); a note's text starts
    after its anchor (which shows the note's number)."""
    notes: list[Footnote] = []
    for b, m, box in _back_linked(elems, OFFICE_NOTE):
        label = ("e" if m.group(1) or m.group(2) else "") + m.group(3)
        end = box.start + len(doc.text[box.start : box.end].rstrip())
        own = doc.text[b.end : end]
        notes.append(Footnote(label, box.start, end, end - len(own.lstrip()), squash(own)))
        ids[m.group(0)] = label
    notes.sort(key=lambda n: n.start)
    return notes


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
    doc: Document, elems: list[Elem], breaks: list[int]
) -> tuple[list[Reference], tuple[int, int] | None]:
    sections: list[tuple[int, int]] = []
    headings = [e for e in elems if e.tag in HEADINGS or _bold_heading(doc, elems, e)]

    def level(h: Elem) -> int:
        return int(h.tag[1]) if h.tag in HEADINGS else 7  # a bold paragraph: below any heading

    # the start of the next heading of the same or a higher level, for each heading (one pass)
    following: list[int] = [len(doc.text)] * len(headings)
    pending: list[int] = []  # headings still waiting for theirs, levels increasing
    for k, h in enumerate(headings):
        while pending and level(headings[pending[-1]]) >= level(h):
            following[pending.pop()] = h.start
        pending.append(k)
    for k, h in enumerate(headings):
        if h.end - h.start > 200 or not _HEADING_TEXT.match(_text(doc, h)):
            continue
        end = following[k]
        # a heading inside a <section>: the list ends with the section; a container that holds no
        # text after the heading only wraps the heading (APA PsycNET: <div><h2>References</h2>
        # <img alt="go to next section"></div><ul>...), the list follows it
        a = elems[h.section] if h.section is not None else None
        while a is not None:
            if a.end > h.end and doc.text[h.end : a.end].strip():
                end = min(end, a.end)
                break
            a = elems[a.section] if a.section is not None else None
        sections.append((h.end, end))
    if not sections:
        # the containers classed as a reference list (the outermost of each nest); several in a row
        # are the parts of one list: SciELO's '<div class="ref-list">' under each of "REFERÊNCIAS -
        # Livros:", "Teses e Dissertações:", "Sites:", "Filmes:"
        parts: list[Elem] = []
        for e in elems:
            if (
                e.tag in ("section", "div", "ol", "ul", "aside")
                and REF_CONTAINER.search(e.classes)
                and not _notes_container(elems, e)
                and not (parts and e.start < parts[-1].end)
            ):
                parts.append(e)
        if len(parts) > 1:
            refs = [r for e in parts for r in _entries(doc, elems, (e.start, e.end), breaks)]
            if refs:
                given_first_lists(refs)
                same_authors_as_before(refs)
                return refs, (min(r.start for r in refs), max(r.end for r in refs))
        if parts:
            sections.append((parts[0].start, parts[0].end))
    if not sections:
        return [], None
    # several headings read "References" (a page's "Download references" menu, a table of contents):
    # the list is the one with the most dated entries, then the most entries (the last of equals)
    best: list[Reference] = []
    score = (0, 0)
    for section in sections[-8:]:  # (the last few: each is a pass over the elements)
        refs = _entries(doc, elems, section, breaks)
        this = (sum(1 for r in refs if r.year), len(refs))
        if refs and this >= score:
            best, score = refs, this
    if not best:
        return [], None
    given_first_lists(best)
    same_authors_as_before(best)
    return best, (min(r.start for r in best), max(r.end for r in best))


# the mark of a link back to where an entry is cited, opening the entry; with the letters (or numbers)
# of its several links, as Wikipedia's "^ a b c" (MediaWiki's older "^ 1.0 1.1") of an entry cited
# more than once
_BACK_MARK = re.compile(
    r"[\s↵↩↑⤴^]*[↵↩↑⤴^]\ufe0e?(?:\s+a\s+b(?:\s+[c-z](?=\s))*|\s+\d+\.0\s+\d+\.1(?:\s+\d+\.\d+)*)?\s*"
)


# the class of a list of notes: SciELO's '<div class="ref-list"><ul class="refList footnote">' holds
# the article's "Correspondence", "Author contributions" and "Conflicts of interest", no entries
_NOTES_CLASS = re.compile(r"\b(?:foot|end)?notes?\b|\bfootnotes?\b|\bfn\b", re.I)


def _notes_container(elems: list[Elem], e: Elem) -> bool:
    """Whether a container classed as a reference list is one of notes: its class, or its list's,
    names notes (footnote, fn, notes)."""
    if _NOTES_CLASS.search(e.classes):
        return True
    lists = [elems[c] for c in e.children if elems[c].tag in ("ul", "ol")]
    return bool(lists) and all(_NOTES_CLASS.search(c.classes) for c in lists)


def _bold_heading(doc: Document, elems: list[Elem], e: Elem) -> bool:
    """A short paragraph that is one bold text and nothing else, as a heading below any other (First
    Monday, OJS: <p><strong>References</strong></p>, then <p><strong>Editorial history</strong></p>)."""
    if e.tag not in ("p", "div") or len(e.children) != 1 or not 0 < e.end - e.start < 60:
        return False
    bold = elems[e.children[0]]
    return (
        bold.tag in ("b", "strong")
        and not doc.text[e.start : bold.start].strip()
        and not doc.text[bold.end : e.end].strip()
    )


# a number opening an entry's text: "10. ", "[10] ", "(10) "
_OPENING_NUMBER = re.compile(r"[ \t\n]*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}\.)[ \t]+\S")
# a number glued to what follows it, "11.Smith" (not "1.5 mg", "1..")
_GLUED_NUMBER = re.compile(r"[ \t\n]*(\d{1,4})\.(?=[^\s\d.])")
# a list item's number standing alone: "1", "1.", "[1]", "(1)"
_NUMBER_ONLY = re.compile(r"[\[(]?(\d{1,4})[.\])]?")


def _entries(
    doc: Document, elems: list[Elem], section: tuple[int, int], breaks: list[int]
) -> list[Reference]:
    """The entries of the reference list between ``section``'s bounds."""
    lo, hi = section
    items = [
        e
        for e in elems
        if e.tag == "li" and lo <= e.start < hi and not e.in_li and doc.footnote_at(e.start) is None
    ]
    csl = False  # the items are pandoc citeproc's entries, one each
    if not items:
        # pandoc's citeproc (R Markdown, Quarto): <div class="csl-entry">, with inline markup inside
        items = [
            e for e in elems if e.tag == "div" and lo <= e.start < hi and "csl-entry" in e.classes.split()
        ]
        csl = bool(items)
    if not items:
        # the innermost blocks: an entry's inline markup (<span>, <a>, <i>, Word's and Google Docs'
        # spans around every run) does not hide it, a <div> around the entries does
        holds_block = _holding_blocks(elems)
        skip = Ranges(doc.excluded)
        items = [
            e
            for e in elems
            if e.tag in ("p", "div", "dd")
            and lo <= e.start < hi
            and not holds_block[e.index]
            and doc.footnote_at(e.start) is None
            and not skip(e.start)
        ]
    whole: set[int] = set()  # items that are one entry each, whatever blocks they hold
    if not _dated_enough(doc, items):
        # a menu's items (eLife's "Sort by: original order | author | year"), or an entry's parts
        # (title, authors, journal in blocks of their own): the entries are the like blocks that one
        # box holds many of, each dated (eLife: <article class="reflink"> by the dozen)
        group = _repeated_blocks(doc, elems, lo, hi)
        if len(group) > sum(1 for e in items if _A_YEAR.search(doc.text, e.start, e.end)):
            items = group
            whole = {e.index for e in group}
    refs: list[Reference] = []
    position: dict[int, int] = {}
    # the items open with their numbers ("<p>10. <strong>Title</strong><br>Authors<br><em>Journal</em>
    # (2014)<br>DOI: ...</p>", as Manubot's HTML had its entries): a part of an item that opens with
    # none is no entry of its own
    numbered = sum(1 for e in items if _OPENING_NUMBER.match(doc.text, e.start, e.end))
    numbered_items = numbered >= 3 and numbered * 2 >= len(items)
    for i, e in enumerate(items):
        if e.index in whole:
            ref = _whole_entry(doc, e)
            if ref is not None:
                ref.id = e.attrs.get("id") or f"ref-{len(refs) + 1}"
                ref.key = e.attrs.get("id") or None
                refs.append(ref)
            continue
        if e.tag != "li" and i and items[i - 1].parent == e.parent and _link_bar(doc, elems, e):
            continue  # links after the entry it follows, in the same box (no list item: an entry)
        # one item may hold several entries, joined by "<br>", a newline or a space
        pieces = split_item(doc.text, e.start, e.end)
        label = None
        if len(pieces) > 1:
            # the entry's number in a block of its own (Wiley: <li><span class="bullet">1</span>
            # <div class="text">H. W. Kroto, Nature 1987 ...</div>): its label, no entry
            number = _NUMBER_ONLY.fullmatch(doc.text[pieces[0][0] : pieces[0][1]].strip())
            if number:
                label = number.group(1)
                pieces = pieces[1:]
        parent = elems[e.parent] if e.parent is not None else None
        title_first = None
        if e.tag == "li" and parent is not None and parent.tag == "ol":
            # an item of a numbered list set title first (eLife since 2017: the title, then the authors
            # a list item each, then the year)
            title_first = _title_first(doc, _lines(doc, pieces[0][0], pieces[-1][1]) if pieces else [])
            if title_first is not None:
                pieces = [(title_first.start, title_first.end)]
        if (
            len(pieces) > 1
            and numbered_items
            and _OPENING_NUMBER.match(doc.text, pieces[0][0], pieces[0][1])
            and not any(_OPENING_NUMBER.match(doc.text, a, b) for a, b in pieces[1:])
        ):
            pieces = [(pieces[0][0], pieces[-1][1])]
        if len(pieces) > 1 and csl:
            # citeproc writes one entry per <div class="csl-entry">, its parts in blocks of their own
            # (Manubot's: the title, then the authors, then "DOI: 10.1038/nrc2044 · PMID: ..." in a
            # <div class="csl-block">, whose DOI's last digits look like a year)
            pieces = [(pieces[0][0], pieces[-1][1])]
        if csl and pieces:
            # Manubot's title comes first, in a block before the authors' ("<strong>Quantifying and
            # suppressing ranking bias ...</strong> <div class="csl-block">Giacomo Vaccario, ...</div>"),
            # after its number's block: read so (the title's first word was the author, "Quantifying")
            lines = _lines(doc, pieces[0][0], pieces[-1][1])
            title_first = _title_first(doc, lines) or _authors_block_first(doc, lines)
            if title_first is not None:
                number = _NUMBER_ONLY.fullmatch(doc.text[lines[0][0] : lines[0][1]])
                if number and label is None:
                    label = number.group(1)
                pieces = [(title_first.start, title_first.end)]
        elif len(pieces) > 1 and e.tag == "li" and parent is not None:
            # an item of a numbered list is one entry, however many paragraphs it has (BMC: <li><p>
            # authors: title.</p><p>Journal 2012, 279:4568.</p></li>); so is an item of a list with
            # no <br> in it, whatever its source lines (F1000Research: "Journal.\n  2014. in press.")
            k = bisect.bisect_right(breaks, e.start)
            if parent.tag == "ol":
                pieces = [(pieces[0][0], pieces[-1][1])]
            elif not (k < len(breaks) and breaks[k] < e.end):
                pieces = split_glued(
                    doc.text, pieces[0][0], pieces[-1][1]
                )  # (entries a space joins still are)
        if label is None and pieces:
            label, at = _sup_label(doc, elems, e)
            if at > pieces[0][0]:
                pieces[0] = (at, pieces[0][1])
        if label is None and pieces and numbered_items:
            # the number glued to the entry's first word, in a list whose items open with their
            # numbers ("<p>11.<strong>:(unav)</strong><br>Nelson Cuamba ...", a title Manubot could not
            # fetch): the entry's label, not the first author's name
            glued = _GLUED_NUMBER.match(doc.text, pieces[0][0], pieces[0][1])
            if glued is not None:
                label, pieces[0] = glued.group(1), (glued.end(), pieces[0][1])
        for k, (s, t) in enumerate(pieces):
            back = _BACK_MARK.match(doc.text, s, t)
            if back and back.end() < t:
                s = back.end()  # a link back to the text opens the entry (BMJ: <a href="#xref-ref-1-1">↵</a>)
            ref = title_first or parse_entry(doc.text[s:t], s)
            if label and not k and ref.label is None:
                ref.label = label
            if k:
                ref.id = f"ref-{len(refs) + 1}"
                refs.append(ref)
                continue
            ref.id = e.attrs.get("id") or f"ref-{len(refs) + 1}"
            if e.tag == "li" and parent is not None and parent.tag == "ol":
                first = int(parent.attrs["start"]) if parent.attrs.get("start", "").isdigit() else 1
                n = position.get(parent.index, first - 1) + 1
                if e.attrs.get("value", "").isdigit():
                    n = int(e.attrs["value"])
                position[parent.index] = n
                ref.label = str(n)
            ref.key = e.attrs.get("id") or None
            refs.append(ref)
    return refs


def _sup_label(doc: Document, elems: list[Elem], e: Elem) -> tuple[str | None, int]:
    """The number a block opens with in superscript, "<p><sup>1</sup> Smith J. ...": the entry's label
    (0 too: a list numbered from 0), and where the entry's text begins after it; (None, -1) if none.
    (The superscript opening its line stays out of the text's citations: an entry's or a note's mark.)"""
    for c in elems[e.index + 1 :]:
        if c.start >= e.end or doc.text[e.start : c.start].strip():
            break
        if c.tag == "sup":
            number = re.fullmatch(r"\s*(\d{1,4})\s*", doc.text[c.start : c.end])
            if number is None:
                break
            at = c.end
            while at < e.end and doc.text[at] in " \t":
                at += 1
            return number.group(1), at
    return None, -1


def _dated_enough(doc: Document, items: list[Elem]) -> bool:
    """Whether most of the items are dated (as entries are)."""
    dated = sum(1 for e in items if _A_YEAR.search(doc.text, e.start, e.end))
    return dated * 2 >= len(items)


def _repeated_blocks(doc: Document, elems: list[Elem], lo: int, hi: int) -> list[Elem]:
    """The largest set of like blocks (same tag, same class) in one box between ``lo`` and ``hi``,
    each holding a year; [] when none repeats (fewer than three)."""
    groups: dict[tuple[int, str, str], list[Elem]] = {}
    for e in elems:
        if (
            e.parent is not None
            and e.tag in BLOCK
            and e.tag not in ("br", "hr")
            and lo <= e.start < hi
            and e.end > e.start
            and _A_YEAR.search(doc.text, e.start, e.end)
        ):
            groups.setdefault((e.parent, e.tag, e.attrs.get("class", "")), []).append(e)
    best = max(groups.values(), key=len, default=[])
    return best if len(best) >= 3 else []


def _lines(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines (blocks) between ``start`` and ``end``, trimmed."""
    lines: list[tuple[int, int]] = []
    pos = start
    for raw in doc.text[start:end].split("\n"):
        a, b = pos, pos + len(raw)
        pos = b + 1
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            lines.append((a + lead, a + len(raw.rstrip())))
    return lines


def _whole_entry(doc: Document, e: Elem) -> Reference | None:
    """One entry made of blocks: its number in a block of its own is its label (and see
    ``_title_first``)."""
    lines = _lines(doc, e.start, e.end)
    label = None
    if lines and (number := _NUMBER_ONLY.fullmatch(doc.text[lines[0][0] : lines[0][1]])):
        label = number.group(1)
        lines = lines[1:]
    if not lines:
        return None
    ref = _title_first(doc, lines)
    if ref is None:
        parts = [doc.text[a:b] for a, b in lines]
        ref = parse_entry(" ".join(p if p[-1:] in ".?!" else p + "." for p in parts), lines[0][0])
        ref.end = lines[-1][1]
    if label and ref.label is None:
        ref.label = label
    return ref


def _title_first(doc: Document, lines: list[tuple[int, int]]) -> Reference | None:
    """An entry whose title, in a block of its own, comes before the blocks of its authors (eLife:
    the title, then "Albert Cardona, Stephan Saalfeld" or "M Adler", "U Alon" a block each, then the
    year, journal ...), read with the authors first; None when the entry is not set so."""
    if lines and _NUMBER_ONLY.fullmatch(doc.text[lines[0][0] : lines[0][1]]):
        lines = lines[1:]  # its number, in a block of its own
    parts = [doc.text[a:b] for a, b in lines]
    if len(parts) < 3 or _A_YEAR.search(parts[0]) or person_list(parts[0]) is not None:
        return None
    persons: list[tuple[str, str]] = []
    k = 1
    while k < len(parts) and (found := person_list(parts[k])) is not None:
        persons.extend(found)
        k += 1
    if not persons or k == len(parts):
        return None
    title = squash(parts[0]).rstrip(".")
    order = [*parts[1:k], parts[0], *parts[k:]]
    text = " ".join(p if p[-1:] in ".?!" else p + "." for p in order)
    ref = parse_entry(text, lines[0][0])
    ref.end = lines[-1][1]
    ref.authors = [s for s, _ in persons]
    ref.given = [g for _, g in persons]
    ref.corporate = False
    ref.title = title
    return ref


def _authors_block_first(doc: Document, lines: list[tuple[int, int]]) -> Reference | None:
    """A citeproc entry with no title, its authors in a block of their own and the journal after it
    (Manubot's, when the title could not be fetched: <div class="csl-block">Trevor Hastie, Robert
    Tibshirani, ...</div> <em>Genome Biology</em> (2000)): the authors are that block's (joined to the
    journal, the last author's name ran on into it, "Patrick Brown Genome Biology"), and the entry has
    no title; None when the entry is not set so (nor when the block after the first holds names too:
    the first is a title, "<strong>Auto-Encoding Variational Bayes</strong>", before the authors')."""
    if lines and _NUMBER_ONLY.fullmatch(doc.text[lines[0][0] : lines[0][1]]):
        lines = lines[1:]
    parts = [doc.text[a:b] for a, b in lines]
    if len(parts) < 2 or _A_YEAR.search(parts[0]) or (persons := person_list(parts[0])) is None:
        return None
    if person_list(parts[1]) is not None:
        return (
            None  # a title that reads as names before the authors' block ("Auto-Encoding Variational Bayes")
        )
    text = " ".join(p if p[-1:] in ".?!" else p + "." for p in parts)
    ref = parse_entry(text, lines[0][0])
    ref.end = lines[-1][1]
    if not ref.year:
        return None
    ref.authors = [s for s, _ in persons]
    ref.given = [g for _, g in persons]
    ref.corporate = False
    ref.aliases = []
    ref.title = None
    return ref


# what may stand between the links of a bar of links: "CrossRef Full Text | Google Scholar"
_BETWEEN_LINKS = re.compile(r"[\s|,;/·•\[\]()-]*")
_A_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def _link_bar(doc: Document, elems: list[Elem], e: Elem) -> bool:
    """Whether a block of the list holds links only and no year (Frontiers puts "CrossRef Full Text |
    Google Scholar" in a paragraph of its own after each entry's, in the entry's box)."""
    if e.end - e.start > 300 or _A_YEAR.search(doc.text, e.start, e.end):
        return False
    text = list(doc.text[e.start : e.end])
    links = 0
    todo = list(e.children)
    while todo:
        c = elems[todo.pop()]
        if c.tag == "a":
            links += 1
            text[c.start - e.start : c.end - e.start] = " " * (c.end - c.start)
        else:
            todo.extend(c.children)
    return links > 0 and _BETWEEN_LINKS.fullmatch("".join(text)) is not None


def _holding_blocks(elems: list[Elem]) -> list[bool]:
    """For each element, whether a block element (a paragraph, a list item, a table...) lies inside
    it; in one pass from the innermost (an element comes after its parent in ``elems``)."""
    holds = [False] * len(elems)
    for e in reversed(elems):
        if e.parent is not None and (holds[e.index] or e.tag in BLOCK):
            holds[e.parent] = True
    return holds


def _links(doc: Document, elems: list[Elem]) -> list[Url]:
    urls = []
    refs = sorted(doc.references or [], key=lambda r: r.start)
    starts = [r.start for r in refs]
    for e in elems:
        href = e.attrs.get("href", "").strip()
        if e.tag != "a" or not re.match(r"(?i)https?://", href):
            continue
        href = unwrap_url(href)
        k = bisect.bisect_right(starts, e.start) - 1
        ref = refs[k] if k >= 0 and e.start < refs[k].end else None
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
