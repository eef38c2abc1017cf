"""Safe fixes: apply ``Finding.fix`` edits to the source bytes, leaving every other byte as it was.

A fix is ``(start, end, replacement)`` in ``Document.text`` offsets (the year of a mismatched
citation, a dead URL's archived copy, a permanently redirected URL). The text loader drops the CR of
each CRLF and folds Unicode spaces to " " one for one, so a text offset maps to the decoded source by
adding the CRs before it; the edit is then made on the raw bytes, encoded in the file's encoding.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import os
import tempfile
from dataclasses import dataclass

from refcheck.loaders.decode import normalise
from refcheck.model import Document, Finding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass
class Edit:
    finding: Finding
    start: int  # byte offsets in Document.raw
    end: int
    old: bytes
    new: bytes


@dataclass
class FixResult:
    path: str
    old: bytes
    new: bytes
    edits: list[Edit]
    skipped: list[tuple[Finding, str]]  # a fix that could not be applied, and why
    encoding: str

    def diff(self) -> str:
        if not self.edits:
            return ""
        codec, _ = _codec(self.old, self.encoding)
        a = self.old.decode(codec, errors="replace").splitlines(keepends=True)
        b = self.new.decode(codec, errors="replace").splitlines(keepends=True)
        lines = difflib.unified_diff(a, b, fromfile=f"a/{self.path}", tofile=f"b/{self.path}")
        return "".join(ln if ln.endswith("\n") else ln + "\n\\ No newline at end of file\n" for ln in lines)


def _codec(raw: bytes, encoding: str) -> tuple[str, int]:
    """The codec without BOM handling, and the number of BOM bytes."""
    if encoding.lower().replace("_", "-") in ("utf-8-sig", "utf-16", "utf-32", "utf-8"):
        for bom, codec in _BOMS:
            if raw.startswith(bom):
                return codec, len(bom)
    if encoding.lower() == "utf-8-sig":
        return "utf-8", 0
    return encoding, 0


class Mapper:
    """Text offsets -> byte offsets in the raw source."""

    def __init__(self, doc: Document) -> None:
        self.codec, self.bom = _codec(doc.raw, doc.encoding)
        self.source = doc.raw[self.bom :].decode(self.codec)
        lead = len(self.source) - len(self.source.lstrip("\ufeff"))
        self.lead = lead
        # Text offsets at which a dropped CR stood (the CR of a CRLF).
        self.crs: list[int] = []
        dropped = 0
        i = self.source.find("\r\n", lead)
        while i != -1:
            self.crs.append(i - lead - dropped)
            dropped += 1
            i = self.source.find("\r\n", i + 2)

    def source_offset(self, text_offset: int) -> int:
        return text_offset + self.lead + bisect.bisect_right(self.crs, text_offset - 1)

    def byte_offset(self, text_offset: int) -> int:
        return self.bom + len(self.source[: self.source_offset(text_offset)].encode(self.codec))


def plan(doc: Document) -> FixResult:
    """The edits the findings of ``doc`` carry; overlapping or unmappable ones are skipped."""
    if doc.format == "docx":
        # A DOCX is not text: its fixes are written as Word revisions (refcheck/fixes/docx.py).
        from refcheck.fixes.docx import plan_docx

        return plan_docx(doc)
    edits: list[Edit] = []
    skipped: list[tuple[Finding, str]] = []
    fixes = sorted((f for f in doc.findings if f.fix), key=lambda f: f.fix or (0, 0, ""))
    if not fixes:
        return FixResult(doc.path, doc.raw, doc.raw, [], [], doc.encoding)
    try:
        mapper = Mapper(doc)
    except (UnicodeDecodeError, LookupError):
        return FixResult(
            doc.path,
            doc.raw,
            doc.raw,
            [],
            [(f, "the source could not be decoded") for f in fixes],
            doc.encoding,
        )
    last_end = -1
    for f in fixes:
        assert f.fix is not None
        start, end, replacement = f.fix
        if start < last_end:
            skipped.append((f, "overlaps another fix"))
            continue
        s, e = mapper.source_offset(start), mapper.source_offset(end)
        if normalise(mapper.source[s:e]) != doc.text[start:end]:
            skipped.append((f, "the text does not map one for one onto the source here"))
            continue
        try:
            new = replacement.encode(mapper.codec)
        except UnicodeEncodeError:
            skipped.append((f, f"the replacement cannot be written in {doc.encoding}"))
            continue
        bs, be = mapper.byte_offset(start), mapper.byte_offset(end)
        edits.append(Edit(f, bs, be, doc.raw[bs:be], new))
        last_end = end
    out = bytearray(doc.raw)
    for ed in reversed(edits):
        out[ed.start : ed.end] = ed.new
    return FixResult(doc.path, doc.raw, bytes(out), edits, skipped, doc.encoding)


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temporary file in the same directory, keeping its mode."""
    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=".refcheck-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
