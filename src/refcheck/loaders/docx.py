"""Word (.docx): paragraphs, footnotes and endnotes with their marks, hyperlinks; read with zipfile.

* Text: the paragraphs of ``word/document.xml`` in order (tables' paragraphs too), one per line, so
  **line = paragraph number (1-based, counting every paragraph, empty ones too) and column = the
  character in the paragraph**. Tabs and breaks become spaces.
* Footnotes and endnotes (``word/footnotes.xml``, ``word/endnotes.xml``, separators skipped) are
  appended after the body; a position inside a note is reported at the paragraph and column of the
  note's reference mark in the body, and the finding's message names the note. The marks
  (``w:footnoteReference``/``w:endnoteReference``) are FootnoteMarkers; endnote labels are "e1", "e2".
* Hyperlinks: ``w:hyperlink r:id`` resolved through ``word/_rels/document.xml.rels`` go into
  ``Document.urls``.
* Limits: at most 2000 zip members, 200 MB uncompressed in all, a compression ratio of 200 for any
  member; XML with entity declarations is refused (``loaders.xml``).
"""

from __future__ import annotations

import io
import zipfile

from refcheck.errors import InputError
from refcheck.loaders._build import squash
from refcheck.loaders.xml import Chunk, Node, parse_xml
from refcheck.model import Document, Footnote, FootnoteMarker, SourceMap, Url

MAX_MEMBERS = 2000
MAX_TOTAL = 200 * 1024 * 1024
MAX_RATIO = 200
RELS = "word/_rels/document.xml.rels"


def read_zip(data: bytes) -> dict[str, bytes]:
    """The members refcheck needs, after checking the archive against zip-bomb limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a DOCX file (not a zip archive: {exc})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"refused: the DOCX archive has {len(infos)} members (limit {MAX_MEMBERS})")
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL:
            raise InputError(
                f"refused: the DOCX archive unpacks to {total / 1e6:.0f} MB (limit {MAX_TOTAL / 1e6:.0f} MB)"
            )
        for i in infos:
            if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                raise InputError(
                    f"refused: {i.filename} in the DOCX is compressed "
                    f"{i.file_size // max(i.compress_size, 1)} "
                    f"to 1 (limit {MAX_RATIO}; possible zip bomb)"
                )
        wanted = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml", RELS)
        out: dict[str, bytes] = {}
        for name in wanted:
            try:
                with archive.open(name) as fh:
                    out[name] = fh.read(MAX_TOTAL + 1)
            except KeyError:
                continue
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
                raise InputError(f"the DOCX member {name} cannot be read ({exc})") from None
    if "word/document.xml" not in out:
        raise InputError("not a DOCX file (no word/document.xml)")
    return out


class _DocxMap(SourceMap):
    """Body offsets map to (paragraph, column); note offsets to the paragraph/column of their mark."""

    def __init__(self, text: str, body_end: int, notes: list[tuple[int, int, tuple[int, int]]]) -> None:
        super().__init__(text)
        self.body_end = body_end
        self.notes = notes

    def locate(self, offset: int) -> tuple[int, int]:
        if offset >= self.body_end:
            for a, b, where in self.notes:
                if a <= offset <= b:
                    return where
        return super().locate(offset)


def _runs(node: Node, out: list[tuple[str, Node]]) -> None:
    """The paragraph's pieces in order: text, tabs/breaks and note marks (as ("", mark node))."""
    for child in node.children:
        if isinstance(child, Chunk):
            continue
        if child.tag in ("t", "delText") and child.tag == "t":
            out.append((child.text(), child))
        elif child.tag in ("tab", "br", "cr"):
            out.append((" ", child))
        elif child.tag in ("footnoteReference", "endnoteReference"):
            out.append(("", child))
        elif child.tag not in ("del", "instrText", "rPr", "pPr"):
            _runs(child, out)


def load_docx(path: str, data: bytes) -> Document:
    parts = read_zip(data)
    body = parse_xml(parts["word/document.xml"], "DOCX document.xml")
    rels = _relationships(parts.get(RELS))
    text_parts: list[str] = []
    markers: list[FootnoteMarker] = []
    mark_pos: dict[str, tuple[int, int]] = {}
    urls: list[Url] = []
    offset = 0
    for number, para in enumerate(body.iter("p"), start=1):
        if _nested_paragraph(para):
            continue
        pieces: list[tuple[str, Node]] = []
        _runs(para, pieces)
        line = ""
        for piece, node in pieces:
            if node.tag in ("footnoteReference", "endnoteReference"):
                nid = node.attrs.get("id", "")
                label = nid if node.tag == "footnoteReference" else f"e{nid}"
                # the mark's own text: its number, so the text reads as the document does
                mark = label
                start = offset + len(line)
                line += mark
                markers.append(FootnoteMarker(label=label, start=start, end=start + len(mark)))
                mark_pos.setdefault(label, (number, start - offset + 1))
                continue
            start = offset + len(line)
            line += piece
            link = _hyperlink(node, rels)
            if link:
                if urls and urls[-1].url == link and urls[-1].end == start:
                    urls[-1].end = start + len(piece)
                else:
                    urls.append(Url(url=link, start=start, end=start + len(piece)))
        text_parts.append(line)
        offset += len(line) + 1
    body_text = "\n".join(text_parts) + "\n"
    notes: list[Footnote] = []
    spans: list[tuple[int, int, tuple[int, int]]] = []
    note_text = ""
    for member, prefix in (("word/footnotes.xml", ""), ("word/endnotes.xml", "e")):
        if member not in parts:
            continue
        root = parse_xml(parts[member], f"DOCX {member}")
        for note in root.iter("footnote", "endnote"):
            if note.attrs.get("type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            label = prefix + note.attrs.get("id", "")
            paras = []
            for para in note.iter("p"):
                pieces = []
                _runs(para, pieces)
                paras.append("".join(p for p, n in pieces if n.tag not in ("footnoteRef", "endnoteRef")))
            content = " ".join(p.strip() for p in paras if p.strip())
            start = len(body_text) + len(note_text)
            head = f"[{label}] "
            note_text += head + content + "\n"
            end = start + len(head) + len(content)
            notes.append(Footnote(label, start, end, start + len(head), squash(content)))
            spans.append((start, end, mark_pos.get(label, (len(text_parts) + 1, 1))))
    text = body_text + note_text
    smap = _DocxMap(text, len(body_text), spans)
    smap.add(0, 1, 1)
    doc = Document(path=path, format="docx", text=text, source_map=smap, raw=data)
    doc.footnotes = notes
    doc.footnote_markers = markers
    if notes:
        doc.notes_region = (notes[0].start, notes[-1].end)
    doc.urls = urls
    return doc


def _nested_paragraph(para: Node) -> bool:
    p = para.parent
    while p is not None:
        if p.tag == "p":
            return True  # a text box's paragraph inside a paragraph: read with its parent
        p = p.parent
    return False


def _relationships(data: bytes | None) -> dict[str, str]:
    if not data:
        return {}
    root = parse_xml(data, "DOCX relationships")
    return {
        r.attrs.get("Id", ""): r.attrs.get("Target", "")
        for r in root.iter("Relationship")
        if r.attrs.get("TargetMode") == "External"
    }


def _hyperlink(node: Node, rels: dict[str, str]) -> str | None:
    p = node.parent
    while p is not None:
        if p.tag == "hyperlink":
            return rels.get(p.attrs.get("id", "")) or None
        if p.tag == "p":
            return None
        p = p.parent
    return None
