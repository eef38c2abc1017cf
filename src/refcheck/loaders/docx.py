"""Word (.docx): paragraphs, footnotes and endnotes with their marks, hyperlinks; read with zipfile.

* Text: the paragraphs of the main document part (named by ``_rels/.rels``, usually
  ``word/document.xml``) in order (tables' paragraphs too), one per line, so **line = paragraph
  number (1-based, counting every paragraph, empty ones too) and column = the character in the
  paragraph**. Tabs and breaks become spaces, a non-breaking hyphen a hyphen.
* Tracked changes are read as accepted: inserted and moved-to text (``w:ins``, ``w:moveTo``) is
  kept, deleted and moved-from text (``w:del``, ``w:delText``, ``w:moveFrom``) is dropped. Field
  instructions (``w:instrText``) are not text; a field's result is. Comments are not read, nor hidden
  text (a run whose properties hold ``w:vanish``: Word neither shows nor prints it).
  A text box's content is read once (the ``mc:Fallback`` copy of a drawing is skipped).
* Footnotes and endnotes (the parts the document's relationships name, separators skipped) are
  appended after the body; a position inside a note is reported at the paragraph and column of the
  note's reference mark in the body, and the finding's message names the note. The marks
  (``w:footnoteReference``/``w:endnoteReference``) are FootnoteMarkers; endnote labels are "e1", "e2".
* Automatic numbering (``w:numPr`` in the paragraph or its style, defined in ``word/numbering.xml``):
  the number Word shows ("1.", "[2]", "a)") is written before the paragraph's text, followed by a
  space, as the reader sees it, so that an auto-numbered reference list reads as a numbered list.
  Bullets are not written. Columns in such a paragraph count the number too.
* Citation numbers set in superscript ("budget¹", "Europe²,³") are written "[1]", "[2,3]", as the
  HTML loader writes ``<sup>``, so that a numeric style's citations are read (not after a digit or a
  one- or two-letter word: 10⁶, m²); columns after them count the brackets.
* Hyperlinks: ``w:hyperlink r:id`` resolved through the relationships of the part it is in (a note's
  through ``footnotes.xml.rels``/``endnotes.xml.rels``), and ``HYPERLINK`` fields (``w:fldSimple``
  or ``w:fldChar``/``w:instrText``), go into ``Document.urls``, the notes' too.
* Limits (a DOCX is an untrusted zip): at most 2000 members; every member's name is a relative path
  inside the archive (no ``..``, no absolute path, no drive, no backslash), no part refcheck reads is
  stored twice; a part refcheck reads is at most 64 MiB unpacked, counted as it is read (the sizes in
  the zip's directory can lie) and compressed at most 100 to 1 when over 1 MiB. All XML goes through
  ``loaders.xml`` (defusedxml: no entities, no DTD, nothing fetched; depth and size capped).
"""

from __future__ import annotations

import bisect
import io
import posixpath
import re
import zipfile
from typing import TypeVar

from refcheck.errors import InputError
from refcheck.extract.urls import unwrap_url
from refcheck.loaders._build import EXPONENT_LOOKBACK, NUMERIC_SUP, exponent_after, squash
from refcheck.loaders.xml import Chunk, Node, parse_xml
from refcheck.model import Document, Footnote, FootnoteMarker, SourceMap, Url, notes_span

MAX_MEMBERS = 2000
MAX_PART = 64 * 1024 * 1024  # unpacked size of one part refcheck reads
MAX_RATIO = 100  # compression ratio of a part over 1 MiB
# Text read from one DOCX, notes included: some 2,500 pages. A small hostile archive can unpack to
# tens of MB of text; this keeps its time like that of a large real document.
MAX_TEXT = 8_000_000
# Elements of one part kept in its tree (a 2,000-page document has a few hundred thousand): bounds the
# time and memory of a small archive whose parts unpack to millions of empty elements.
MAX_ELEMENTS = 1_000_000
MAIN = "word/document.xml"
RELS = "word/_rels/document.xml.rels"  # the main part's relationships, under this name in read_zip's result
OFFICE_DOCUMENT = "/officeDocument"
# Elements nobody reads: formatting, section and proofing marks, and the second copy of a drawing.
# Left out of the tree to keep a large document small.
_UNREAD = frozenset(
    [
        "rFonts",
        "sz",
        "szCs",
        "lang",
        "color",
        "kern",
        "spacing",
        "ind",
        "jc",
        "noProof",
        "proofErr",
        "bookmarkEnd",
        "lastRenderedPageBreak",
        "sectPr",
        "Fallback",
        "commentRangeStart",
        "commentRangeEnd",
    ]
)
_WHITE = str.maketrans("\n\r\t\v\f", "     ")
_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?!\\l)"?([^"\s]+)"?', re.I)
_LINE_END = re.compile(r"\n")


def ancestor(node: Node, tag: str) -> Node | None:
    """The innermost element named ``tag`` that ``node`` stands in, if any: the table cell
    (``"tc"``) of a paragraph, the paragraph (``"p"``) of a bookmark or of a text box's paragraph."""
    up = node.parent
    while up is not None:
        if up.tag == tag:
            return up
        up = up.parent
    return None


def _safe_name(name: str) -> bool:
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        return False
    if re.match(r"^[A-Za-z]:", name):
        return False
    return ".." not in name.split("/")


def read_zip(data: bytes, wanted: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Read the DOCX parts refcheck needs (the main document, its relationships, notes), after
    checking the archive: member count, member names, and each part's size and compression ratio."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        instead = _what_instead(data)
        raise InputError(
            f"not a DOCX file: {instead}"
            if instead
            else f"not a DOCX file: a .docx is a zip archive and this file is not one ({not_a_zip(data)})"
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"refused: the DOCX archive has {len(infos)} members (limit {MAX_MEMBERS})")
        for info in infos:
            if not _safe_name(info.filename):
                raise InputError(
                    f"refused: the DOCX archive has a member named {info.filename[:80]!r}, "
                    "a path outside the archive (path traversal)"
                )
            if info.filename.endswith((".xml", ".rels")):
                _check_size(info)  # any XML part may be read (the fix writer reads them all)
        out: dict[str, bytes] = {}
        rels = _read_member(archive, "_rels/.rels")
        main = MAIN
        if rels is not None:
            for rid_type, main_target in _relationship_targets(rels, "_rels/.rels"):
                if rid_type.endswith(OFFICE_DOCUMENT):
                    main = _resolve("", main_target) or MAIN
                    break
        for name in (main, _rels_of(main), *wanted):
            if name in out:
                continue
            part = _read_member(archive, name)
            if part is not None:
                out[name] = part
        if main not in out:
            raise InputError(f"not a DOCX file (no {main})")
        out[MAIN] = out[main]
        # the notes named by the document's relationships (usually word/footnotes.xml, word/endnotes.xml)
        doc_rels = out.get(_rels_of(main))
        for kind in ("footnotes", "endnotes", "numbering", "styles"):
            target = None
            if doc_rels is not None:
                target = next(
                    (
                        _resolve(posixpath.dirname(main), t)
                        for rtype, t in _relationship_targets(doc_rels, _rels_of(main))
                        if rtype.endswith("/" + kind)
                    ),
                    None,
                )
            name = target or f"word/{kind}.xml"
            part = _read_member(archive, name)
            if part is not None:
                out[f"word/{kind}.xml"] = part
                if kind in ("footnotes", "endnotes"):  # the notes' own hyperlink targets
                    note_rels = _read_member(archive, _rels_of(name))
                    if note_rels is not None:
                        out[_rels_of(f"word/{kind}.xml")] = note_rels
        if doc_rels is not None:
            out[RELS] = doc_rels
    return out


# What a file named .docx often is instead, by its first bytes, and what to do about it
_INSTEAD = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a Word 97-2003 .doc file, or a password-protected Word file; open it in Word and save it as "
        ".docx (Word Document), without a password",
    ),
    (b"%PDF-", "a PDF; check the Word file it was made from, or its text"),
    (b"{\\rtf", "an RTF file; open it in Word and save it as .docx (Word Document)"),
)


def not_a_zip(data: bytes) -> str:
    """What a file that should be a zip archive (a .docx, a project's .zip) and is not holds, in words
    (by its first bytes), for a message: never the zip module's own words ("File is not a zip file")."""
    head = data[:4096]
    if head.startswith(b"PK"):
        what = "it begins as one but is damaged or cut short, as by an interrupted download or copy"
    elif not data.strip():
        what = "it is empty"
    elif head.startswith(b"%PDF-"):
        what = "it is a PDF"
    elif head.lstrip().startswith(b"<"):
        what = "it holds HTML or XML"
    else:
        try:
            sample = head.decode("utf-8")
        except UnicodeDecodeError:
            sample = "" if head.count(b"\0") else head.decode("latin-1")
        printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
        what = (
            "it holds plain text, perhaps a file of another format renamed"
            if sample and printable >= 0.95 * len(sample)
            else "it holds data of another kind, perhaps a file of another format renamed"
        )
    return what


def _what_instead(data: bytes) -> str | None:
    head = data.lstrip()[:16]
    for magic, what in _INSTEAD:
        if head.startswith(magic):
            return f"it is {what}"
    if head.startswith(b"<") and re.search(rb"(?i)<html\b|<!doctype html", data[:2048]):
        return "it is a web page (HTML), as Word saves one; check it named .html"
    return None


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    infos = [i for i in archive.infolist() if i.filename == name]
    if not infos:
        return None
    if len(infos) > 1:
        raise InputError(f"refused: the DOCX archive holds {name} {len(infos)} times")
    info = infos[0]
    _check_size(info)
    if info.flag_bits & 0x1:
        raise InputError(
            f"the DOCX member {name} cannot be read: it is encrypted (password-protected); "
            "save the file in Word without a password"
        )
    try:
        with archive.open(info) as fh:
            content = fh.read(MAX_PART + 1)
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, ValueError, EOFError) as exc:
        raise InputError(f"the DOCX member {name} cannot be read ({exc})") from None
    if len(content) > MAX_PART:  # the directory understated the size
        raise InputError(f"refused: {name} in the DOCX unpacks to more than {MAX_PART // 2**20} MiB")
    return content


def _check_size(info: zipfile.ZipInfo) -> None:
    """A part's size and compression ratio as the zip's directory states them."""
    name = info.filename
    if info.file_size > MAX_PART:
        raise InputError(
            f"refused: {name} in the DOCX unpacks to {info.file_size / 2**20:.0f} MiB "
            f"(limit {MAX_PART // 2**20} MiB)"
        )
    if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(
            f"refused: {name} in the DOCX is compressed {info.file_size // max(info.compress_size, 1)} "
            f"to 1 (limit {MAX_RATIO}; possible zip bomb)"
        )


def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(folder: str, target: str) -> str | None:
    """A relationship target as a member name; None when it leaves the archive."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
        return None
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    path = posixpath.normpath(path)
    return path if _safe_name(path) else None


def _relationship_targets(data: bytes, name: str) -> list[tuple[str, str]]:
    root = parse_xml(data, f"DOCX {name}", positions=False)
    return [(r.attrs.get("Type", ""), r.attrs.get("Target", "")) for r in root.iter("Relationship")]


class _DocxMap(SourceMap):
    """Body offsets map to (paragraph, column); note offsets to the paragraph/column of their mark."""

    def __init__(self, text: str, body_end: int, notes: list[tuple[int, int, tuple[int, int]]]) -> None:
        super().__init__(text)
        self.body_end = body_end
        self.notes = notes
        self._starts = [a for a, _, _ in notes]

    def locate(self, offset: int) -> tuple[int, int]:
        if offset >= self.body_end:
            i = bisect.bisect_right(self._starts, offset) - 1
            if i >= 0:
                a, b, where = self.notes[i]
                if a <= offset <= b:
                    return where
        return super().locate(offset)


class _Paragraph:
    """The text of one paragraph as read, its note marks and the spans its links cover."""

    def __init__(self, rels: dict[str, str]) -> None:
        self.rels = rels
        self.parts: list[str] = []
        self.length = 0
        self.marks: list[tuple[Node, int]] = []  # (footnoteReference/endnoteReference, column offset)
        self.pieces: list[tuple[str, Node]] = []  # every piece read with its element; a mark as ""
        self.links: list[tuple[str, int, int]] = []  # (url, start, end) within the paragraph
        # links to a bookmark of the document (w:hyperlink w:anchor), as (bookmark, start, end), and the
        # bookmarks that open here (w:bookmarkStart), as (name, offset)
        self.anchors: list[tuple[str, int, int]] = []
        self.bookmarks: list[tuple[str, int]] = []
        # complex fields (w:fldChar): a stack of [instruction, reading-the-result, result start]
        self.fields: list[list[object]] = []

    def add(self, piece: str, node: Node) -> None:
        if self.fields and not self.fields[-1][1]:
            return  # a field's instruction part holds no visible text
        self.parts.append(piece)
        self.pieces.append((piece, node))
        self.length += len(piece)

    def link(self, url: str | None, start: int) -> None:
        if url and self.length > start:
            if url.startswith("#"):  # (a bookmark of the document: see _read)
                self.anchors.append((url[1:], start, self.length))
            else:
                self.links.append((url, start, self.length))

    @property
    def text(self) -> str:
        return "".join(self.parts)


NUMBERING = "word/numbering.xml"
_PLACES = re.compile(r"(%[1-9])")
STYLES = "word/styles.xml"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _val(node: Node | None, tag: str) -> str | None:
    kid = node.find(tag) if node is not None else None
    return kid.attrs.get("val") if kid is not None else None


def _int(value: str | None, default: int = 0) -> int:
    return int(value) if value and value.isdigit() else default


def _formatted(n: int, fmt: str) -> str | None:
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        out = ""
        for value, digits in _ROMAN:
            while n >= value:
                out += digits
                n -= value
        return out.upper() if fmt == "upperRoman" else out
    return None  # bullets, "none", and formats refcheck does not render


_T = TypeVar("_T")


def parse_styles(styles: bytes | None) -> Node | None:
    """The styles part, parsed (None when the file has none): read once for the list numbers and
    the heading levels."""
    return parse_xml(styles, "DOCX styles", positions=False, max_items=MAX_ELEMENTS) if styles else None


def _styles_root(styles: bytes | Node | None) -> Node | None:
    return parse_styles(styles) if isinstance(styles, bytes) else styles


def _through_based_on(sid: str | None, table: dict[str, _T], based: dict[str, str]) -> _T | None:
    """What ``table`` gives for the style ``sid`` or the nearest style it is ``basedOn``."""
    for _ in range(20):  # a basedOn chain, never a loop
        if not sid:
            break
        if sid in table:
            return table[sid]
        sid = based.get(sid)
    return None


def heading_levels(body: Node, styles: bytes | Node | None) -> dict[int, int]:
    """The level of each heading paragraph (1 for "Heading 1" or "Title", 2 for "Heading 2" ...),
    by the paragraph's index in ``body.iter("p")``: from its style's name ("heading 2", the name Word
    keeps in English whatever the language of its menus) or outline level, ``basedOn`` followed, or
    its own ``w:outlineLvl``."""
    style_level: dict[str, int] = {}
    based: dict[str, str] = {}
    root = _styles_root(styles)
    if root is not None:
        for style in root.iter("style"):
            sid = style.attrs.get("styleId", "")
            name = (_val(style, "name") or "").strip().lower()
            outline = next((o for p in style.kids("pPr") for o in p.kids("outlineLvl")), None)
            m = re.fullmatch(r"heading\s*([1-9])", name)
            if m:
                style_level[sid] = int(m.group(1))
            elif name == "title":
                style_level[sid] = 1
            elif outline is not None and _int(outline.attrs.get("val"), 9) < 9:
                style_level[sid] = _int(outline.attrs.get("val")) + 1
            if _val(style, "basedOn"):
                based[sid] = _val(style, "basedOn") or ""

    out: dict[int, int] = {}
    for index, para in enumerate(body.iter("p")):
        ppr = next(iter(para.kids("pPr")), None)
        if ppr is None:
            continue
        own = next(iter(ppr.kids("outlineLvl")), None)
        level = (
            (_int(own.attrs.get("val")) + 1)
            if own is not None
            else _through_based_on(_val(ppr, "pStyle"), style_level, based)
        )
        if level is not None and level <= 9:
            out[index] = level
    return out


def list_labels(body: Node, numbering: bytes | None, styles: bytes | Node | None) -> dict[int, str]:
    """The number Word shows before each automatically numbered paragraph ("1.", "[2]"), by the
    paragraph's index in ``body.iter("p")``: from its ``w:numPr`` or its style's (``basedOn``
    followed), counted per list as Word counts, a lower level restarting under a higher one."""
    if not numbering:
        return {}
    root = parse_xml(numbering, "DOCX numbering", positions=False, max_items=MAX_ELEMENTS)
    levels: dict[str, dict[int, Node]] = {}
    for abstract in root.iter("abstractNum"):
        aid = abstract.attrs.get("abstractNumId", "")
        levels[aid] = {_int(lvl.attrs.get("ilvl")): lvl for lvl in abstract.kids("lvl")}
    nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
    for num in root.iter("num"):
        overrides = {
            _int(o.attrs.get("ilvl")): _int(_val(o, "startOverride"), 1)
            for o in num.kids("lvlOverride")
            if _val(o, "startOverride") is not None
        }
        nums[num.attrs.get("numId", "")] = (_val(num, "abstractNumId") or "", overrides)
    style_num: dict[str, tuple[str | None, str | None]] = {}
    based: dict[str, str] = {}
    styles_root = _styles_root(styles)
    if styles_root is not None:
        for style in styles_root.iter("style"):
            sid = style.attrs.get("styleId", "")
            numpr = next((n for p in style.kids("pPr") for n in p.kids("numPr")), None)
            if numpr is not None:
                style_num[sid] = (_val(numpr, "numId"), _val(numpr, "ilvl"))
            if _val(style, "basedOn"):
                based[sid] = _val(style, "basedOn") or ""

    counters: dict[str, list[int | None]] = {}  # abstractNumId -> the number each level shows

    def start(lvl: Node | None) -> int:
        return _int(_val(lvl, "start"), 1) if lvl is not None else 1

    started: set[str] = set()
    out: dict[int, str] = {}
    for index, para in enumerate(body.iter("p")):
        ppr = next(iter(para.kids("pPr")), None)
        numpr = next(iter(ppr.kids("numPr")), None) if ppr is not None else None
        num_id, ilvl = _through_based_on(_val(ppr, "pStyle"), style_num, based) or (None, None)
        if numpr is not None:
            num_id = _val(numpr, "numId") or num_id
            ilvl = _val(numpr, "ilvl") or ilvl
        if not num_id or num_id == "0" or num_id not in nums:
            continue
        aid, overrides = nums[num_id]
        lvls = levels.get(aid, {})
        level = min(_int(ilvl), 8)
        if level not in lvls:
            continue
        count = counters.setdefault(aid, [None] * 9)
        if num_id not in started:
            started.add(num_id)
            for k, first in overrides.items():  # a list instance that restarts its numbering
                if 0 <= k < 9:
                    count[k] = first - 1
        now = count[level]
        count[level] = start(lvls[level]) if now is None else now + 1
        for k in range(level + 1, 9):
            count[k] = None
        fmt = _val(lvls[level], "numFmt") or "decimal"
        template = _val(lvls[level], "lvlText")
        if template is None or _formatted(1, fmt) is None:
            continue

        shown: list[str] = []
        for k in range(9):
            lvl = lvls.get(k)
            n = count[k] if count[k] is not None else start(lvl)
            shown.append(
                _formatted(n or 0, (_val(lvl, "numFmt") if lvl is not None else None) or "decimal") or ""
            )
        label = "".join(shown[int(p[1]) - 1] if p[:1] == "%" else p for p in _PLACES.split(template)).strip()
        if label:
            out[index] = label
    return out


def _read(node: Node, para: _Paragraph) -> None:
    """The paragraph's pieces in document order: text, tabs and breaks, note marks, links, fields."""
    stack: list[Node | Chunk | tuple[str, int]] = list(reversed(node.children))
    while stack:
        child = stack.pop()
        if isinstance(child, Chunk):
            continue
        if isinstance(child, tuple):  # the end of a w:hyperlink or w:fldSimple: its span is known
            para.link(child[0], child[1])
            continue
        tag = child.tag
        if tag in _TEXT and _hidden(child.parent):
            continue  # hidden text (w:vanish): Word neither shows nor prints it
        if tag == "t":
            # a line break written into w:t is white space to Word: keep one line per paragraph
            # (translated only when the text holds one: isprintable is a fast C scan, translate not)
            piece = child.text()
            para.add(piece if piece.isprintable() else piece.translate(_WHITE), child)
        elif tag in ("tab", "br", "cr"):
            para.add(" ", child)
        elif tag == "noBreakHyphen":
            para.add("-", child)
        elif tag in ("footnoteReference", "endnoteReference"):
            if not para.fields or para.fields[-1][1]:
                para.marks.append((child, para.length))
                para.pieces.append(("", child))
        elif tag == "instrText":
            if para.fields and not para.fields[-1][1]:
                para.fields[-1][0] = str(para.fields[-1][0]) + child.text()
        elif tag == "fldChar":
            kind = child.attrs.get("fldCharType")
            if kind == "begin":
                para.fields.append(["", False, 0])
            elif kind == "separate" and para.fields:
                para.fields[-1][1] = True
                para.fields[-1][2] = para.length
            elif kind == "end" and para.fields:
                instr, shown, start = para.fields.pop()
                if shown:
                    para.link(_field_url(str(instr)), int(start))  # type: ignore[call-overload]
        elif tag in ("del", "delText", "moveFrom", "rPr", "pPr", "instrText", "commentReference"):
            continue  # deleted text (tracked changes read as accepted), properties, instructions
        elif tag == "p" and child is not node:
            continue  # a text box's paragraph inside this one is read as its own paragraph
        elif tag == "bookmarkStart":
            if child.attrs.get("name"):
                para.bookmarks.append((child.attrs["name"], para.length))
        elif tag == "hyperlink":
            url = para.rels.get(child.attrs.get("id", "")) if child.attrs.get("id") else None
            if not url and child.attrs.get("anchor"):
                # a link to a bookmark of the document: pandoc's link-citations, "as depicted in 7"
                # whose "7" leads to the entry's bookmark "ref-opQBBK06"
                url = "#" + child.attrs["anchor"]
            stack.append((url or "", para.length))
            stack.extend(reversed(child.children))
        elif tag == "fldSimple":
            stack.append((_field_url(child.attrs.get("instr", "")) or "", para.length))
            stack.extend(reversed(child.children))
        else:
            stack.extend(reversed(child.children))


_TEXT = frozenset(["t", "tab", "br", "cr", "noBreakHyphen"])
_OFF = ("false", "0", "off")


def _hidden(run: Node | None) -> bool:
    """Whether the run's own properties hide it (``<w:vanish/>``, not ``w:val="false"``)."""
    if run is None or run.tag != "r":
        return False
    for props in run.kids("rPr"):
        for vanish in props.kids("vanish"):
            return vanish.attrs.get("val", "true").lower() not in _OFF
    return False


# a run's emphasis, as bits: in italics (w:i), in bold (w:b)
_ITALIC, _BOLD = 1, 2


def emphasis_styles(styles: bytes | Node | None, kind: str = "character") -> dict[str, int]:
    """The emphasis each character style gives its runs (Word's "Emphasis" sets italics, "Strong"
    bold), by style id, ``basedOn`` followed; styles that give none are left out. ``kind``
    "paragraph": the emphasis each paragraph style gives its paragraphs' runs (a "Quote" in
    italics), the default paragraph style's under "" too."""
    root = _styles_root(styles)
    if root is None:
        return {}
    own: dict[str, int] = {}
    based: dict[str, str] = {}
    ids: list[str] = []
    default = ""
    for style in root.iter("style"):
        if style.attrs.get("type") != kind:
            continue
        sid = style.attrs.get("styleId", "")
        ids.append(sid)
        if style.attrs.get("default", "").lower() in ("1", "true", "on") and not default:
            default = sid
        flags, seen = _flags(next(iter(style.kids("rPr")), None))
        if seen:
            own[sid] = flags
        if _val(style, "basedOn"):
            based[sid] = _val(style, "basedOn") or ""
    out: dict[str, int] = {}
    for sid in ids:
        given = _through_based_on(sid, own, based)
        if given:
            out[sid] = given
    if kind == "paragraph" and default in out:
        out[""] = out[default]
    return out


def _flags(props: Node | None) -> tuple[int, int]:
    """The emphasis run properties (``w:rPr``) set on, and those they set at all (on or off): w:i and
    w:b, or for a run of complex script (w:rtl, w:cs: Arabic, Hebrew ...) w:iCs and w:bCs, which Word
    shows there instead (and not in other text)."""
    flags = seen = 0
    if props is not None:
        complex_script = any(
            not isinstance(kid, Chunk)
            and kid.tag in ("rtl", "cs")
            and kid.attrs.get("val", "true").lower() not in _OFF
            for kid in props.children
        )
        tags = ("iCs", "bCs") if complex_script else ("i", "b")
        for kid in props.children:
            if isinstance(kid, Chunk) or kid.tag not in tags:
                continue
            bit = _ITALIC if kid.tag == tags[0] else _BOLD
            seen |= bit
            if kid.attrs.get("val", "true").lower() not in _OFF:
                flags |= bit
    return flags, seen


def _run_emphasis(run: Node, styled: dict[str, int], base: int = 0) -> int:
    """The emphasis of a run (``w:r``): its own ``w:i``/``w:b``, else its character style's, else its
    paragraph style's (``base``)."""
    props = next(iter(run.kids("rPr")), None)
    flags, seen = _flags(props)
    if styled and props is not None:
        style = _val(props, "rStyle")
        if style:
            given = styled.get(style, 0)
            flags |= given & ~seen
            seen |= given
    return flags | (base & ~seen)


def paragraph_emphasis(node: Node, styled: dict[str, int]) -> int:
    """The emphasis the paragraph ``node``'s style gives its runs (``styled``: emphasis_styles's
    paragraph styles)."""
    if not styled:
        return 0
    props = next(iter(node.kids("pPr")), None)
    return styled.get((_val(props, "pStyle") if props is not None else None) or "", 0)


def _emphasis(para: _Paragraph, styled: dict[str, int], base: int = 0) -> list[tuple[int, int, bool]]:
    """The spans of the paragraph's text in italics or in bold, as ``Document.emphasis`` keeps them
    (start, end, bold), in the paragraph: consecutive runs of the same emphasis make one span (Word
    splits a phrase into runs at every edit); a note's mark does not end one."""
    spans: list[tuple[int, int, bool]] = []
    opened = [-1, -1]  # where the italic and the bold span open, -1 when none is open
    offset = 0
    cache: dict[int, int] = {}
    for piece, node in para.pieces:
        if not piece:
            continue
        run = node if node.tag == "r" else node.parent
        flags = 0
        if run is not None and run.tag == "r":
            flags = cache.get(id(run), -1)
            if flags < 0:
                flags = cache[id(run)] = _run_emphasis(run, styled, base)
        for i, bit in enumerate((_ITALIC, _BOLD)):
            if flags & bit:
                if opened[i] < 0:
                    opened[i] = offset
            elif opened[i] >= 0:
                spans.append((opened[i], offset, i == 1))
                opened[i] = -1
        offset += len(piece)
    spans += [(start, offset, i == 1) for i, start in enumerate(opened) if start >= 0]
    return spans


def _superscript(run: Node | None) -> bool:
    if run is None or run.tag != "r":
        return False
    return any(v.attrs.get("val") == "superscript" for p in run.kids("rPr") for v in p.kids("vertAlign"))


def _read_paragraph(node: Node, rels: dict[str, str]) -> _Paragraph:
    """The paragraph read; citation numbers set in superscript ("budget¹", "Europe²,³") written as
    "[1]", "[2,3]" (as the HTML loader writes <sup>), so that a numeric style's citations are read.
    A group is the superscript text between other pieces; a number after a digit or a one- or
    two-letter word (10⁶, m², km²) is an exponent and left alone. The brackets are pieces of the
    group's run (``w:r``, no text element: the fix writer never edits them)."""
    para = _Paragraph(rels)
    _read(node, para)
    pieces = para.pieces
    if not any(n.tag == "t" and _superscript(n.parent) for _, n in pieces):
        return para
    groups: list[tuple[int, int, int, int]] = []  # (first piece, last piece, start, end)
    offset = 0
    first: int | None = None
    begin = 0
    for i, (piece, piece_node) in enumerate(pieces):
        if piece_node.tag == "t" and _superscript(piece_node.parent):
            if first is None:
                first, begin = i, offset
        elif first is not None:  # other text, or a note's mark, ends a group
            groups.append((first, i - 1, begin, offset))
            first = None
        offset += len(piece)
    if first is not None:
        groups.append((first, len(pieces) - 1, begin, offset))
    text = para.text
    opens: set[int] = set()
    closes: set[int] = set()
    inserted: list[tuple[int, bool]] = []  # (offset, a closing bracket)
    for i0, i1, a, b in groups:
        prior = text[max(0, a - EXPONENT_LOOKBACK) : a]
        if not NUMERIC_SUP.match(text[a:b]) or exponent_after(prior):
            continue
        opens.add(i0)
        closes.add(i1)
        inserted += [(a, False), (b, True)]
    if not inserted:
        return para
    new: list[tuple[str, Node]] = []
    for i, (piece, piece_node) in enumerate(pieces):
        run = piece_node.parent or piece_node
        if i in opens:
            new.append(("[", run))
        new.append((piece, piece_node))
        if i in closes:
            new.append(("]", run))

    def moved(at: int) -> int:
        """A paragraph offset after the brackets: a "]" at the offset comes before it, a "[" after."""
        return at + sum(1 for where, close in inserted if where < at or (close and where == at))

    para.pieces = new
    para.parts = [piece for piece, _ in new]
    para.length += len(inserted)
    para.marks = [(mark, moved(at)) for mark, at in para.marks]
    para.links = [(url, moved(a), moved(b)) for url, a, b in para.links]
    para.anchors = [(name, moved(a), moved(b)) for name, a, b in para.anchors]
    para.bookmarks = [(name, moved(at)) for name, at in para.bookmarks]
    return para


def paragraph_pieces(para: Node) -> list[tuple[str, Node]]:
    """A paragraph's text as the loader reads it, piece by piece with the element each comes from
    (``w:t``, ``w:tab``/``w:br``/``w:cr`` as " ", ``w:noBreakHyphen`` as "-"); a note's mark is ("",
    its ``w:footnoteReference``/``w:endnoteReference``). Every ``w:p`` is one line of the text, in
    document order, a text box's too (after its paragraph). For refcheck.fixes.docx, which must map
    the text back onto the XML exactly."""
    return _read_paragraph(para, {}).pieces


def _field_url(instr: str) -> str | None:
    m = _HYPERLINK_FIELD.match(instr)
    return unwrap_url(m.group(1)) if m else None


class NoteNumbers:
    """The number Word shows for each note: footnotes count 1, 2, 3 ... in the order their marks
    stand in the text, endnotes "e1", "e2" ..., whatever their ``w:id`` (Word writes 1, 2, 3 ...;
    pandoc 11, 13, 15 ..., which read as labels made every note skip numbers). A note no mark
    references is numbered on after them."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}
        self.counts = {"": 0, "e": 0}

    def label(self, prefix: str, nid: str) -> str:
        """The label of the note ``nid`` ("" for a footnote, "e" for an endnote)."""
        key = prefix + nid
        found = self.labels.get(key)
        if found is None:
            self.counts[prefix] += 1
            found = self.labels[key] = f"{prefix}{self.counts[prefix]}"
        return found

    def of_mark(self, mark: Node) -> str:
        return self.label("" if mark.tag == "footnoteReference" else "e", mark.attrs.get("id", ""))


def load_docx(path: str, data: bytes) -> Document:
    parts = read_zip(data)
    body = parse_xml(parts[MAIN], "DOCX document", positions=False, skip=_UNREAD, max_items=MAX_ELEMENTS)
    rels = _relationships(parts.get(RELS))
    styles = parse_styles(parts.get(STYLES))
    labels = list_labels(body, parts.get(NUMBERING), styles)
    levels = heading_levels(body, styles)
    styled = emphasis_styles(styles)
    styled_paragraphs = emphasis_styles(styles, "paragraph")
    emphasis: list[tuple[int, int, bool]] = []  # (start, end, bold) of the text in italics or bold
    headings: list[tuple[int, int]] = []  # (offset, level) of each heading paragraph
    text_parts: list[str] = []
    markers: list[FootnoteMarker] = []
    mark_pos: dict[str, tuple[int, int]] = {}
    urls: list[Url] = []
    cells: list[tuple[Node, int, int]] = []  # each table cell's lines
    bookmarks: dict[str, int] = {}  # where each bookmark of the text opens
    anchors: list[tuple[int, int, str]] = []  # the text's links to them, as (start, end, bookmark)
    numbers = NoteNumbers()
    offset = 0
    before = _bookmarks_before(body)
    # every paragraph is a line, a text box's too (read as its own line, after its paragraph)
    for number, para_node in enumerate(body.iter("p"), start=1):
        para = _read_paragraph(para_node, rels)
        for name in before.get(id(para_node), ()):
            bookmarks.setdefault(name, offset)
        line = labels[number - 1] + " " if number - 1 in labels else ""
        if number - 1 in levels:
            headings.append((offset, levels[number - 1]))
        lead = len(line)
        pos = 0
        for mark, at in para.marks:
            label = numbers.of_mark(mark)
            chunk = para.text[pos:at]
            line += chunk
            start = offset + len(line)
            line += label  # the mark's own text: its number, so the text reads as the document does
            markers.append(FootnoteMarker(label=label, start=start, end=start + len(label)))
            mark_pos.setdefault(label, (number, start - offset + 1))
            pos = at
        line += para.text[pos:]
        for url, a, b in para.links:  # the note marks written into the line move the spans on
            urls.append(
                Url(
                    url=url,
                    start=offset + lead + _shifted(a, para.marks, numbers),
                    end=offset + lead + _shifted(b, para.marks, numbers),
                )
            )
        for name, at in para.bookmarks:
            bookmarks.setdefault(name, offset + lead + _shifted(at, para.marks, numbers, True))
        for name, a, b in para.anchors:
            at = offset + lead
            anchors.append(
                (at + _shifted(a, para.marks, numbers, True), at + _shifted(b, para.marks, numbers), name)
            )
        for a, b, strong in _emphasis(para, styled, paragraph_emphasis(para_node, styled_paragraphs)):
            at = offset + lead
            emphasis.append(
                (at + _shifted(a, para.marks, numbers, True), at + _shifted(b, para.marks, numbers), strong)
            )
        text_parts.append(line)
        cell = ancestor(para_node, "tc")
        if cell is not None:
            if cells and cells[-1][0] is cell:
                cells[-1] = (cell, cells[-1][1], offset + len(line))
            else:
                cells.append((cell, offset, offset + len(line)))
        offset += len(line) + 1
        if offset > MAX_TEXT:
            raise InputError(_too_long())
    body_text = "\n".join(text_parts) + "\n"
    notes: list[Footnote] = []
    spans: list[tuple[int, int, tuple[int, int]]] = []
    note_parts: list[str] = []
    note_length = 0
    for member, prefix in (("word/footnotes.xml", ""), ("word/endnotes.xml", "e")):
        if member not in parts:
            continue
        note_rels = _relationships(parts.get(_rels_of(member)))  # a note's r:id is its part's
        root = parse_xml(
            parts[member],
            f"DOCX {member.split('/')[-1]}",
            positions=False,
            skip=_UNREAD,
            max_items=MAX_ELEMENTS,
        )
        for note in root.iter("footnote", "endnote"):
            if note.attrs.get("type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            label = numbers.label(prefix, note.attrs.get("id", ""))
            content = ""
            links: list[tuple[str, int, int]] = []  # (url, start, end) in the note's content
            stressed: list[tuple[int, int, bool]] = []  # (start, end, bold) in the note's content
            for para_node in note.iter("p"):
                para = _read_paragraph(para_node, note_rels)
                stripped = para.text.strip()
                if not stripped:
                    continue
                if content:
                    content += " "
                lead = len(para.text) - len(para.text.lstrip())
                base = len(content) - lead  # where the paragraph's first character would stand
                for url, a, b in para.links:
                    a, b = max(a, lead), min(b, lead + len(stripped))
                    if a < b:
                        links.append((url, base + a, base + b))
                for a, b, strong in _emphasis(para, styled, paragraph_emphasis(para_node, styled_paragraphs)):
                    a, b = max(a, lead), min(b, lead + len(stripped))
                    if a < b:
                        stressed.append((base + a, base + b, strong))
                content += stripped
            start = len(body_text) + note_length
            head = f"[{label}] "
            for url, a, b in links:
                urls.append(Url(url=url, start=start + len(head) + a, end=start + len(head) + b))
            emphasis += [(start + len(head) + a, start + len(head) + b, strong) for a, b, strong in stressed]
            piece = head + content + "\n"
            note_parts.append(piece)
            note_length += len(piece)
            if len(body_text) + note_length > MAX_TEXT:
                raise InputError(_too_long())
            end = start + len(head) + len(content)
            notes.append(Footnote(label, start, end, start + len(head), squash(content)))
            spans.append((start, end, mark_pos.get(label, (len(text_parts) + 1, 1))))
    text = body_text + "".join(note_parts)
    smap = _DocxMap(text, len(body_text), spans)
    smap.add(0, 1, 1)
    doc = Document(path=path, format="docx", text=text, source_map=smap, raw=data)
    # every paragraph is a line, every note's paragraph too: a block of its own
    doc.block_starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
    doc.table_cells = sorted((a, b) for _, a, b in cells)
    doc.headings = headings
    # (in the text's order, a span before those inside it: the order Document.emphasis keeps)
    doc.emphasis = sorted(emphasis, key=lambda e: (e[0], -e[1]))
    doc.footnotes = notes
    doc.footnote_markers = markers
    doc.notes_region = notes_span(notes)
    doc.urls = urls  # every external target (the link checker fetches only http and https)
    doc.anchor_links = [(a, b, bookmarks[name]) for a, b, name in anchors if name in bookmarks]
    return doc


def _bookmarks_before(body: Node) -> dict[int, list[str]]:
    """The bookmarks set between paragraphs (pandoc's docx opens each entry's, "ref-<key>", before its
    paragraph), by the paragraph they open before (its id)."""
    out: dict[int, list[str]] = {}
    pending: list[str] = []
    for node in body.iter("p", "bookmarkStart"):
        if node.tag == "p":
            if pending:
                out[id(node)], pending = pending, []
        elif node.attrs.get("name") and ancestor(node, "p") is None:
            pending.append(node.attrs["name"])
    return out


def _too_long() -> str:
    return f"refused: the DOCX holds more than {MAX_TEXT:,} characters of text (limit for one document)"


def _shifted(at: int, marks: list[tuple[Node, int]], numbers: NoteNumbers, opens: bool = False) -> int:
    """A paragraph offset moved on by the note marks written before it (a span that ``opens`` there
    begins after a mark written at the offset itself)."""
    shift = 0
    for mark, pos in marks:
        if pos < at or (opens and pos == at):
            shift += len(numbers.of_mark(mark))
    return at + shift


def _relationships(data: bytes | None) -> dict[str, str]:
    if not data:
        return {}
    root = parse_xml(data, "DOCX relationships", positions=False)
    return {
        r.attrs.get("Id", ""): unwrap_url(r.attrs.get("Target", ""))
        for r in root.iter("Relationship")
        if r.attrs.get("TargetMode") == "External"
    }
