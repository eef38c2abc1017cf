"""Safe fixes written into a DOCX as Word revisions, and the other findings as Word comments.

    result = fix_docx(doc, comments=True)    # doc: a checked DOCX Document
    result.new                               # the .docx bytes, with the changes tracked

``write_docx`` is the writer ``refcheck.fix`` uses for DOCX (text edits in, a FixResult out).

Each safe fix (``Finding.fix``, in ``Document.text`` offsets) becomes a deletion and an insertion
(``w:del``/``w:ins``, author "refcheck", the date) in ``word/document.xml`` or the notes, so the
editor accepts or rejects each one in Word's Review pane. With ``comments``, each finding that has no
safe fix (or whose fix could not be written) becomes a comment anchored at its citation or entry.

Nothing else changes: the runs a change touches are split where the change starts and ends (each
piece keeps the run's properties); every other byte of the part, and every other member of the
package (styles, images, comments, other revisions), is written back as it was, in the same order
with the same compression. A fix is refused, with the reason, where writing it would not be safe:
inside another author's tracked change, a field or content control (a reference manager's citation
would undo it on the next refresh), or a hyperlink whose target would keep the old address.
"""

from __future__ import annotations

import io
import itertools
import posixpath
import re
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from refcheck.errors import InputError
from refcheck.fix import Edit, FixResult, TextEdit, apply_text, plan
from refcheck.fixes.docx_text import BODY, NOTES, Part, Seg, TextMap, build, index_part
from refcheck.loaders.docx import NUMBERING, RELS, STYLES, ancestor, list_labels, read_zip
from refcheck.loaders.xml import Node
from refcheck.model import Document, Finding

AUTHOR = "refcheck"
CONTENT_TYPES = "[Content_Types].xml"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_REVISION_WRAPPERS = ("ins", "del", "moveFrom", "moveTo")
# What a deleted piece of a run may hold besides text: a tab or break it also deletes, and the marks
# Word leaves without meaning (the last rendered page break).
_DELETABLE = ("t", "tab", "br", "cr", "lastRenderedPageBreak")
_NUMERIC_ID = re.compile(rb':id="(\d+)"')
_FIELD = (
    "the text is the result of a Word field (a reference manager's citation or bibliography, or a "
    "cross-reference), which would undo the change when it is updated; fix it at its source"
)


@dataclass
class DocxFix(FixResult):
    """A FixResult for a DOCX: ``new`` is the whole package; ``edits`` are in ``Document.text``
    offsets (the text, old and new, is in ``text``, which the diff shows)."""

    comments: list[Finding] = field(default_factory=list)  # findings written as comments
    comments_refused: str | None = None  # why none could be written


class _Refusal(Exception):
    pass


@dataclass
class _RunOps:
    """What happens inside one run: where it is cut, which pieces are deleted, what goes between."""

    run: Node
    cuts: set[int] = field(default_factory=set)
    deleted: list[tuple[int, int]] = field(default_factory=list)
    before: dict[int, list[bytes]] = field(default_factory=dict)  # markup before the char at offset
    after: dict[int, list[bytes]] = field(default_factory=dict)  # markup after the char before offset


class _Writer:
    def __init__(self, parts: dict[str, Part], tm: TextMap, next_id: int, date: str, author: str) -> None:
        self.parts = parts
        self.tm = tm
        self.next_id = next_id
        self.date = date
        self.author = author
        self.ops: dict[int, _RunOps] = {}  # id(run) -> ops
        self.run_part: dict[int, Part] = {}
        self.inserts: dict[str, list[tuple[int, int, bytes]]] = {}  # part -> (byte offset, order, markup)
        self._fields: dict[str, set[int]] = {}

    # --- what a run allows ------------------------------------------------------------------------

    def _field_runs(self, part: Part) -> set[int]:
        """ids of the runs that stand in a field's result (complex fields span runs and paragraphs)."""
        if part.name not in self._fields:
            inside: set[int] = set()
            depth = 0
            for node in part.root.iter():
                if node.tag == "fldChar" and part.is_w(node, "fldChar"):
                    kind = node.attrs.get("fldCharType")
                    if kind == "begin":
                        depth += 1
                    elif kind == "end":
                        depth = max(depth - 1, 0)
                elif node.tag == "r" and depth and part.is_w(node, "r"):
                    inside.add(id(node))
            self._fields[part.name] = inside
        return self._fields[part.name]

    def run_of(self, seg: Seg) -> Node | None:
        run = seg.node.parent
        if run is None or not seg.part.is_w(run, "r") or not seg.part.is_w(seg.node, seg.node.tag):
            return None
        return run

    def splittable(self, part: Part, run: Node) -> str | None:
        """Why the run cannot be cut in pieces (None: it can)."""
        p = run.parent
        while p is not None and p.tag != "p":
            if p.tag in _REVISION_WRAPPERS:
                return "the text is inside another tracked change; accept or reject that one first"
            if p.tag == "r":
                return "the text is inside a text box or shape"
            p = p.parent
        if p is None or ancestor(p, "p") is not None:
            return "the text is inside a text box or shape"
        if any(n.tag in ("p", "r") for n in run.iter() if n is not run):
            return "the run holds a text box or shape"
        rpr = next(iter(run.kids("rPr")), None)
        if rpr is not None and rpr.find("rPrChange") is not None:
            return "the text's formatting carries a tracked change; accept or reject it first"
        return None

    def editable(self, part: Part, run: Node) -> str | None:
        """Why a fix cannot be written in this run (None: it can)."""
        why = self.splittable(part, run)
        if why:
            return why
        if id(run) in self._field_runs(part):
            return _FIELD
        p = run.parent
        while p is not None and p.tag != "p":
            if p.tag == "fldSimple":
                return _FIELD
            if p.tag in ("sdt", "sdtContent"):
                return (
                    "the text is inside a content control (a reference manager's citation, perhaps), "
                    "which would undo the change when it is refreshed; fix it at its source"
                )
            if p.tag == "hyperlink" and p.attrs.get("id"):
                return "the text is a hyperlink's, and the link would keep its old address"
            p = p.parent
        return None

    def layout(self, part: Part, run: Node) -> list[tuple[Node, int, int]] | None:
        """(child, text offset, width) for each child of the run but its properties; None when the
        children do not line up with the text (then the run is not cut)."""
        kids = [k for k in run.kids() if k.tag != "rPr"]
        widths = []
        for k in kids:
            if k.tag == "t":
                widths.append(len(k.text()))
            elif k.tag in ("tab", "br", "cr"):
                widths.append(1)
            elif k.tag in ("footnoteReference", "endnoteReference") and part.name == BODY:
                widths.append(len(self.tm.marks.get(id(k), "")))
            else:
                widths.append(0)
        anchor = next((i for i, k in enumerate(kids) if id(k) in self.tm.by_node), None)
        if anchor is None:
            return None
        seg = self.tm.by_node[id(kids[anchor])]
        starts = [0] * len(kids)
        starts[anchor] = seg.start - seg.offset
        for i in range(anchor - 1, -1, -1):
            starts[i] = starts[i + 1] - widths[i]
        for i in range(anchor + 1, len(kids)):
            starts[i] = starts[i - 1] + widths[i - 1]
        for i, k in enumerate(kids):
            s = self.tm.by_node.get(id(k))
            if s is not None and s.start - s.offset != starts[i]:
                return None
        return list(zip(kids, starts, widths, strict=True))

    def _ops(self, part: Part, run: Node) -> _RunOps:
        if id(run) not in self.ops:
            self.ops[id(run)] = _RunOps(run)
            self.run_part[id(run)] = part
        return self.ops[id(run)]

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _mark(self, tag: str, rid: int) -> str:
        return f"<{tag} w:id={quoteattr(str(rid))} w:author={quoteattr(self.author)} w:date={quoteattr(self.date)}>"

    # --- fixes -------------------------------------------------------------------------------------

    def fix(self, start: int, end: int, new: str) -> None:
        """Record the fix, or raise _Refusal with the reason."""
        if any(ord(c) < 0x20 for c in new):
            raise _Refusal("the replacement holds a line break or control character")
        if start == end:
            raise _Refusal("the fix inserts text where there was none")
        segs = self.tm.covering(start, end)
        if sum(min(s.end, end) - max(s.start, start) for s in segs) != end - start:
            raise _Refusal("part of the text to change is not in the document's runs (a note or mark number)")
        if len({s.part.name for s in segs}) != 1:
            raise _Refusal("the text to change spans the body and a note")
        part = segs[0].part
        runs: list[Node] = []
        for s in segs:
            if s.node.tag not in ("t", "tab", "br", "cr"):
                raise _Refusal("the text to change is not plain text")
            run = self.run_of(s)
            if run is None:
                raise _Refusal("the text to change is not in a Word run")
            why = self.editable(part, run)
            if why:
                raise _Refusal(why)
            if self.layout(part, run) is None:
                raise _Refusal("refcheck could not place the change in the run")
            if not runs or runs[-1] is not run:
                runs.append(run)
        for run in runs:
            lay = self.layout(part, run)
            assert lay is not None
            for child, at, width in lay:
                if at < end and at + width > start and child.tag not in _DELETABLE:
                    raise _Refusal("the text to change holds a footnote mark or an object")
                if width == 0 and start < at < end and child.tag not in _DELETABLE:
                    raise _Refusal("the text to change holds a field mark or an object")
        for run in runs:
            ops = self._ops(part, run)
            ops.cuts.update((start, end))
            ops.deleted.append((start, end))
        last = self.run_of(segs[-1])
        first = runs[0]
        assert last is not None
        rpr = next(iter(first.kids("rPr")), None)
        rpr_bytes = part.bytes_of(rpr).decode("utf-8") if rpr is not None else ""
        rid = self.new_id()
        ins = (
            self._mark(f"{part.prefix}:ins", rid)
            + f"<{part.qualify('r')}>{rpr_bytes}{_t(part, 't', new)}</{part.qualify('r')}>"
            + f"</{part.qualify('ins')}>"
        )
        self._ops(part, last).after.setdefault(end, []).append(ins.encode("utf-8"))

    # --- comments ----------------------------------------------------------------------------------

    def comment(self, start: int, end: int) -> int | None:
        """Anchor a comment on ``[start, end)`` (shrunk to the characters the runs hold); its id, or
        None when no place for it was found."""
        segs = self.tm.covering(start, end)
        if not segs:
            return None
        part = segs[0].part
        segs = [s for s in segs if s.part is part]
        a, b = max(start, segs[0].start), min(end, segs[-1].end)
        first, last = self._where(part, segs[0]), self._where(part, segs[-1])
        if first is None or last is None:
            return None
        cid = self.new_id()
        p = part.qualify
        ident = quoteattr(str(cid))
        self._put(part, first, a, f"<{p('commentRangeStart')} w:id={ident}/>".encode(), before=True)
        finish = (
            f"<{p('commentRangeEnd')} w:id={ident}/>"
            f"<{p('r')}><{p('commentReference')} w:id={ident}/></{p('r')}>"
        )
        self._put(part, last, b, finish.encode(), before=False)
        return cid

    def _where(self, part: Part, seg: Seg) -> tuple[bool, Node] | None:
        """Where a comment mark next to ``seg`` goes: (True, run) to cut the run there, (False, node)
        to stand before or after ``node`` (the run, or the tracked change that holds it)."""
        run = self.run_of(seg)
        if run is None:
            return None
        if self.splittable(part, run) is None and self.layout(part, run) is not None:
            return True, run
        host: Node = run
        p = run.parent
        while p is not None and p.tag != "p":
            if p.tag in _REVISION_WRAPPERS:
                host = p
            if p.tag == "r":
                return None
            p = p.parent
        if p is None or ancestor(p, "p") is not None:
            return None
        return False, host

    def _put(self, part: Part, where: tuple[bool, Node], at: int, markup: bytes, before: bool) -> None:
        cut, node = where
        if cut:
            ops = self._ops(part, node)
            ops.cuts.add(at)
            (ops.before if before else ops.after).setdefault(at, []).append(markup)
            return
        span = part.span(node)
        self.inserts.setdefault(part.name, []).append(
            (span.start if before else span.end, 1 if before else 0, markup)
        )

    # --- writing -----------------------------------------------------------------------------------

    def rewrite_run(self, part: Part, ops: _RunOps) -> bytes:
        run = ops.run
        lay = self.layout(part, run)
        assert lay is not None
        span = part.span(run)
        open_tag = part.data[span.start : span.tag_end]
        close_tag = f"</{span.qname}>".encode()
        rpr = next(iter(run.kids("rPr")), None)
        rpr_bytes = part.bytes_of(rpr) if rpr is not None else b""
        rs = lay[0][1]
        re_ = lay[-1][1] + lay[-1][2]
        bounds = sorted({rs, re_, *(c for c in ops.cuts if rs < c < re_)})
        pieces = [(a, b) for a, b in itertools.pairwise(bounds) if a < b]
        if not pieces:
            pieces = [(rs, re_)]

        def is_deleted(a: int, b: int) -> bool:
            return any(s <= a and b <= e for s, e in ops.deleted)

        deleted = [is_deleted(a, b) for a, b in pieces]
        content: list[list[bytes]] = [[] for _ in pieces]
        for child, at, width in lay:
            if width == 0:
                j = _zero_width_piece(pieces, deleted, at)
                content[j].append(part.bytes_of(child))
                continue
            for j, (a, b) in enumerate(pieces):
                lo, hi = max(a, at), min(b, at + width)
                if lo >= hi:
                    continue
                if child.tag == "t":
                    text = child.text()[lo - at : hi - at]
                    if deleted[j]:
                        content[j].append(_t(part, "delText", text).encode("utf-8"))
                    elif lo == at and hi == at + width:
                        content[j].append(part.bytes_of(child))
                    else:
                        content[j].append(_t(part, "t", text).encode("utf-8"))
                else:
                    content[j].append(part.bytes_of(child))
        out: list[bytes] = []
        for j, (a, b) in enumerate(pieces):
            out.extend(ops.before.get(a, []))
            body = open_tag + rpr_bytes + b"".join(content[j]) + close_tag
            if deleted[j]:
                rid = self.new_id()
                body = (
                    self._mark(part.qualify("del"), rid).encode("utf-8")
                    + body
                    + f"</{part.qualify('del')}>".encode()
                )
            out.append(body)
            out.extend(ops.after.get(b, []))
        return b"".join(out)

    def parts_out(self) -> dict[str, bytes]:
        """The new bytes of every part that changed."""
        edits: dict[str, list[tuple[int, int, int, bytes]]] = {}
        for rid, ops in self.ops.items():
            part = self.run_part[rid]
            span = part.span(ops.run)
            edits.setdefault(part.name, []).append((span.start, span.end, 0, self.rewrite_run(part, ops)))
        for name, inserts in self.inserts.items():
            for pos, order, markup in inserts:
                edits.setdefault(name, []).append((pos, pos, order, markup))
        out: dict[str, bytes] = {}
        for name, changes in edits.items():
            data = self.parts[name].data
            changes.sort(key=lambda c: (c[0], c[1] != c[0], c[2]))
            buf: list[bytes] = []
            pos = 0
            for start, end, _, markup in changes:
                if start < pos:
                    raise InputError(f"overlapping changes in {name}")  # never: runs do not overlap
                buf.append(data[pos:start])
                buf.append(markup)
                pos = end
            buf.append(data[pos:])
            out[name] = b"".join(buf)
        return out


def _zero_width_piece(pieces: list[tuple[int, int]], deleted: list[bool], at: int) -> int:
    """Which piece of a cut run an element with no text at ``at`` goes with (a kept one if it can)."""
    for j, (a, b) in enumerate(pieces):
        if a < at < b:
            return j
    ending = next((j for j, (_, b) in enumerate(pieces) if b == at), None)
    starting = next((j for j, (a, _) in enumerate(pieces) if a == at), None)
    if ending is not None and (starting is None or not deleted[ending]):
        return ending
    if starting is not None:
        return starting
    return 0 if at <= pieces[0][0] else len(pieces) - 1


def _t(part: Part, tag: str, text: str) -> str:
    q = part.qualify(tag)
    return f'<{q} xml:space="preserve">{escape(text)}</{q}>'


def _anchor(doc: Document, f: Finding) -> tuple[int, int]:
    """The text a comment on ``f`` is anchored at: the span the finding names, else its citation, its
    entry, or the word it points at (the document's first word for a finding about the whole file)."""
    if f.offset is None or f.offset < 0:
        start = 0
        while start < len(doc.text) and doc.text[start].isspace():
            start += 1
        end = start
        while end < len(doc.text) and not doc.text[end].isspace():
            end += 1
        return start, end
    if f.end_offset is not None and f.end_offset > f.offset:
        return f.offset, f.end_offset
    for c in doc.citations:
        if c.start <= f.offset < c.end:
            return c.start, c.end
    for r in doc.references or []:
        if r.start == f.offset and r.end > r.start:
            return r.start, r.end
    end = f.offset
    while end < len(doc.text) and not doc.text[end].isspace():
        end += 1
    return f.offset, max(end, f.offset + 1)


def _comment_text(f: Finding, why: str | None) -> str:
    text = f"refcheck {f.severity} {f.rule}: {f.message}"
    if f.suggestion and f.suggestion not in f.message:
        text += f" Suggestion: {f.suggestion}."
    if why:
        text += f" (Not changed: {why}.)"
    return text


def _comments_xml(prefix: str, comments: list[tuple[int, str]], author: str, date: str) -> bytes:
    p = f"{prefix}:" if prefix else ""
    out = []
    for cid, text in comments:
        paras = "".join(
            f"<{p}p><{p}r><{p}annotationRef/></{p}r><{p}r>"
            f'<{p}t xml:space="preserve">{escape(line)}</{p}t></{p}r></{p}p>'
            for line in [text]
        )
        out.append(
            f"<{p}comment {p}id={quoteattr(str(cid))} {p}author={quoteattr(author)} "
            f'{p}date={quoteattr(date)} {p}initials="rc">{paras}</{p}comment>'
        )
    return "".join(out).encode("utf-8")


def _comments_of(members: dict[str, bytes], order: list[str], author: str) -> Counter[str]:
    """The texts of the comments ``author`` has left in the package already (an earlier fix)."""
    target = _rels_target(members.get(RELS, b""), COMMENTS_TYPE)
    if not target or target not in order:
        return Counter()
    try:
        part = index_part(target, members[target])
    except InputError:
        return Counter()
    return Counter(
        "".join(t.text() for t in node.iter("t"))
        for node in part.root.iter("comment")
        if node.attrs.get("author") == author
    )


def _rels_target(rels: bytes, rel_type: str) -> str | None:
    for m in re.finditer(rb"<Relationship\b[^>]*?/?>", rels or b""):
        tag = m.group(0).decode("utf-8", "replace")
        if f'Type="{rel_type}"' in tag or f"Type='{rel_type}'" in tag:
            t = re.search(r"""Target=["']([^"']+)["']""", tag)
            if t:
                target = t.group(1)
                return target.lstrip("/") if target.startswith("/") else posixpath.normpath("word/" + target)
    return None


def _insert_before_close(data: bytes, close: bytes, markup: bytes) -> bytes:
    i = data.rfind(close)
    if i == -1:
        raise InputError(f"cannot find {close.decode()} to add to")
    return data[:i] + markup + data[i:]


def _comments_part(members: dict[str, bytes], order: list[str]) -> tuple[str, Part | None]:
    """Where the comments go: the part the document refers to (parsed: InputError when it cannot be
    added to), or a new part of a free name."""
    target = _rels_target(members.get(RELS, b""), COMMENTS_TYPE)
    if target and target in order:
        part = index_part(target, members[target])
        if not any(isinstance(n, Node) and part.is_w(n, "comments") for n in part.root.children):
            raise InputError(f"{target} holds no {part.qualify('comments')}")
        return target, part
    # a part of that name that nothing refers to (pandoc's and R Markdown's Word files carry an empty
    # word/comments.xml) is left as it is: the comments go in a part of a free name
    target = next(
        name
        for n in itertools.count()
        if (name := f"word/comments{n or ''}.xml") not in order and name not in members
    )
    return target, None


def _add_comments(
    members: dict[str, bytes],
    target: str,
    part: Part | None,
    comments: list[tuple[int, str]],
    author: str,
    date: str,
) -> dict[str, bytes]:
    """The comments part (``target``, ``part`` when it exists), relationship and content type to
    add or change."""
    changed: dict[str, bytes] = {}
    if part is not None:
        root = next(n for n in part.root.children if isinstance(n, Node) and part.is_w(n, "comments"))
        span, data = part.span(root), part.data
        markup = _comments_xml(part.prefix, comments, author, date)
        if span.end == span.tag_end:  # an empty part written <w:comments .../>
            opening = data[span.start : span.end - 2].rstrip() + b">"
            changed[target] = (
                data[: span.start] + opening + markup + f"</{span.qname}>".encode() + data[span.end :]
            )
        else:
            close = data.rindex(b"</", span.start, span.end)
            changed[target] = data[:close] + markup + data[close:]
        return changed
    rels = members.get(RELS, b"")
    changed[target] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + _comments_xml("w", comments, author, date)
        + b"</w:comments>"
    )
    ids = {int(n) for n in re.findall(rb'Id=["\']rId(\d+)["\']', rels)}
    rid = f"rId{max(ids, default=0) + 1}"
    part_name = target.rsplit("/", 1)[1]
    rel = f'<Relationship Id="{rid}" Type="{COMMENTS_TYPE}" Target="{part_name}"/>'.encode()
    if not rels:
        rels = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
        )
    changed[RELS] = _insert_before_close(rels, b"</Relationships>", rel)
    types = members.get(CONTENT_TYPES, b"")
    if not any(f"PartName={q}/{target}{q}".encode() in types for q in "\"'"):
        override = f'<Override PartName="/{target}" ContentType="{COMMENTS_CT}"/>'.encode()
        changed[CONTENT_TYPES] = _insert_before_close(types, b"</Types>", override)
    return changed


def _write_zip(raw: bytes, changed: dict[str, bytes]) -> bytes:
    """The package with ``changed`` members replaced or (when new) appended; order, names, dates and
    compression of every member kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(out, "w") as zout:
        names = set()
        for info in zin.infolist():
            names.add(info.filename)
            data = changed[info.filename] if info.filename in changed else zin.read(info)
            zi = zipfile.ZipInfo(info.filename, info.date_time)
            zi.compress_type = info.compress_type
            zi.external_attr = info.external_attr
            zi.create_system = info.create_system
            zi.comment = info.comment
            zout.writestr(zi, data)
        for name, data in changed.items():
            if name not in names:
                zi = zipfile.ZipInfo(name, datetime.now(UTC).timetuple()[:6])
                zi.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(zi, data)
    return out.getvalue()


def _members(raw: bytes) -> tuple[list[str], dict[str, bytes], dict[str, bytes]]:
    """Member names in order, the XML members a change may touch (after the loader's limits), and
    the parts as the loader reads them (under its names)."""
    loaded = read_zip(raw)  # the zip-bomb limits the loader applies
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        order = [i.filename for i in z.infolist()]
        wanted = [n for n in order if n.endswith((".xml", ".rels"))]
        return order, {n: z.read(n) for n in wanted}, loaded


def write_docx(
    doc: Document,
    edits: list[TextEdit],
    comments: bool = False,
    refused: Iterable[tuple[Finding, str]] = (),
    author: str = AUTHOR,
    when: datetime | None = None,
) -> DocxFix:
    """The writer ``refcheck.fix`` uses for DOCX (``register_writer``): the planned text ``edits``
    as tracked changes, those that cannot be written safely in ``skipped``. With ``comments``, every
    finding not fixed becomes a comment (``refused``: fixes the plan already refused, and why, said
    in their comments)."""
    date = (when or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = DocxFix(doc.path, doc.raw, doc.raw, [], [], None)
    if not edits and not (comments and doc.findings):
        return result
    try:
        order, members, loaded = _members(doc.raw)
        parts = {BODY: index_part(BODY, members[BODY])}
        for name, _ in NOTES:
            if name in members:
                parts[name] = index_part(name, members[name])
        labels = list_labels(parts[BODY].root, loaded.get(NUMBERING), loaded.get(STYLES))
        tm = build(parts[BODY], {n: p for n, p in parts.items() if n != BODY}, labels)
    except (InputError, KeyError, zipfile.BadZipFile, OSError) as exc:
        why = str(exc) if isinstance(exc, InputError) else "the DOCX could not be read again"
        result.skipped = [(e.finding, why) for e in edits]
        return result
    if tm.text != doc.text:
        why = "refcheck could not match the document's text to its runs; make the change in Word"
        result.skipped = [(e.finding, why) for e in edits]
        return result
    ids = [int(n) for data in members.values() for n in _NUMERIC_ID.findall(data)]
    writer = _Writer(parts, tm, max(ids, default=0) + 1, date, author)
    fixed: set[int] = set()
    for e in edits:
        try:
            writer.fix(e.start, e.end, e.new)
        except _Refusal as exc:
            result.skipped.append((e.finding, f"{exc}; change ‘{e.old}’ to ‘{e.new}’ in Word"))
            continue
        result.edits.append(Edit(e.finding, e.start, e.end, e.old.encode("utf-8"), e.new.encode("utf-8")))
        fixed.add(id(e.finding))
    notes: list[tuple[int, str]] = []
    comments_at: tuple[str, Part | None] | None = None
    if comments and doc.findings:
        try:
            comments_at = _comments_part(members, order)
        except InputError as exc:  # the fixes are still made
            result.comments_refused = str(exc)
    if comments_at is not None:
        why_not = {id(f): why for f, why in [*refused, *result.skipped]}
        present = _comments_of(members, order, author)
        for f in doc.findings:
            if id(f) in fixed:
                continue
            text = _comment_text(f, why_not.get(id(f)))
            if present[text] > 0:  # left by an earlier run: one comment per finding, however often run
                present[text] -= 1
                continue
            a, b = _anchor(doc, f)
            cid = writer.comment(a, b)
            if cid is not None:
                notes.append((cid, text))
                result.comments.append(f)
    made = [e for e in edits if id(e.finding) in fixed]
    result.text = (doc.text, apply_text(doc.text, made))
    if not result.edits and not notes:
        return result
    changed = writer.parts_out()
    if notes and comments_at is not None:
        changed.update(_add_comments(members, *comments_at, notes, author, date))
    result.new = _write_zip(doc.raw, changed)
    return result


def fix_docx(
    doc: Document,
    comments: bool = False,
    author: str = AUTHOR,
    when: datetime | None = None,
    unsafe: bool = False,
) -> DocxFix:
    """``refcheck.fix.fix_document`` for a DOCX, with the choice of comments: the plan's fixes as
    tracked changes (the suggested ones too with ``unsafe``) and, with ``comments``, the other
    findings as comments."""
    planned = plan(doc, unsafe)
    result = write_docx(doc, planned.edits, comments, planned.refused, author, when)
    result.skipped = list(planned.refused) + result.skipped
    return result
