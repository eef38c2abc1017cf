"""Safe fixes: apply ``Finding.fix`` edits to the source, leaving every other byte as it was.

A fix is ``(start, end, replacement)`` in ``Document.text`` offsets (the year of a mismatched
citation, a dead URL's archived copy, a permanently redirected URL). Three steps, kept apart so that
each source format plugs in its own writer:

1. ``plan(doc)``: the edits, in document-text offsets (``TextEdit``), and the fixes refused because
   they overlap another or no longer match the text. Format-independent; the API writers build on.
   A fix marked ``Finding.fix_unsafe`` (a suggestion: a year or a DOI taken from a registry's record)
   is planned only with ``plan(doc, unsafe=True)`` (``refcheck fix --unsafe-fixes``).
2. ``apply(doc, plan)``: the format's writer (``WRITERS``) maps each text edit onto the source bytes,
   or refuses it with a reason a person can act on. Plain text and Markdown map one to one (a
   dropped CR of a CRLF and a BOM aside); HTML and LaTeX map through the document's ``SourceMap``
   wherever the edited text stands in the source exactly as it reads, never across a tag, an entity
   or a command (an HTML link whose text is its URL has its ``href`` changed too). A format without a
   writer (JATS) refuses every fix and says why; ``register_writer`` adds one (DOCX: at the end of
   this module, the tracked-changes writer of ``refcheck.fixes.docx``).
3. ``write_fixed(result, root)``: the checks before writing (a regular file, writable, not hard
   linked, a symbolic link only to a target inside the project, unchanged since it was read) and an
   atomic write that keeps the file's mode and owner (``write_atomic``: temporary file beside the
   target, fsync, rename, the temporary file removed on every way out).

``fix_document(doc)`` is steps 1 and 2; ``fixable(doc)`` says which findings ``refcheck fix`` would
change, so that reporters offer "fixable" only where it is true.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import os
import re
import signal
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from refcheck.errors import InputError
from refcheck.loaders.decode import decode, normalise
from refcheck.model import Document, Finding


@dataclass
class TextEdit:
    """Replace ``Document.text[start:end]`` (``old``) with ``new``."""

    finding: Finding
    start: int
    end: int
    old: str
    new: str


@dataclass
class Plan:
    """What ``plan`` found: the edits to make, in text order, and the fixes it will not make."""

    edits: list[TextEdit] = field(default_factory=list)
    refused: list[tuple[Finding, str]] = field(default_factory=list)


@dataclass
class Edit:
    """One change to the source bytes (a fix may need two: an HTML link's text and its href)."""

    finding: Finding
    start: int  # byte offsets in Document.raw
    end: int
    old: bytes
    new: bytes


@dataclass
class FixResult:
    """The source before and after, the byte edits made, and the fixes refused with the reason."""

    path: str
    old: bytes
    new: bytes
    edits: list[Edit]
    skipped: list[tuple[Finding, str]]  # a fix that could not be applied, and why
    encoding: str | None  # the text encoding of the source; None for binary formats
    # For binary formats (DOCX): the document's text before and after, so that the diff shows it.
    text: tuple[str, str] | None = None

    @property
    def fixed(self) -> list[Finding]:
        seen: dict[int, Finding] = {}
        for ed in self.edits:
            seen.setdefault(id(ed.finding), ed.finding)
        return list(seen.values())

    def diff(self) -> str:
        """A unified diff of the source (of the document's text, for a binary format)."""
        if not self.edits:
            return ""
        if self.encoding is not None:
            codec, bom = _codec(self.old, self.encoding)
            a = self.old[bom:].decode(codec, errors="replace").splitlines(keepends=True)
            b = self.new[bom:].decode(codec, errors="replace").splitlines(keepends=True)
            names = (f"a/{self.path}", f"b/{self.path}")
        elif self.text is not None:
            a, b = (t.splitlines(keepends=True) for t in self.text)
            names = (f"a/{self.path} (text)", f"b/{self.path} (text)")
        else:
            return ""
        import difflib  # difflib, html and tempfile where used: reports import this module (start-up)

        lines = difflib.unified_diff(a, b, fromfile=names[0], tofile=names[1])
        return "".join(ln if ln.endswith("\n") else ln + "\n\\ No newline at end of file\n" for ln in lines)


# --- step 1: plan, in document-text offsets --------------------------------------------------------


def plan(doc: Document, unsafe: bool = False) -> Plan:
    """The fixes the findings of ``doc`` carry, as text edits; overlapping ones are refused. The
    suggested fixes (``Finding.fix_unsafe``) only with ``unsafe``."""
    out = Plan()
    fixes = sorted(
        (f for f in doc.findings if f.fix and (unsafe or not f.fix_unsafe)),
        key=lambda f: f.fix[:2] if f.fix else (0, 0),
    )
    last_end = -1
    for f in fixes:
        assert f.fix is not None
        start, end, new = f.fix
        if not 0 <= start <= end <= len(doc.text):
            out.refused.append((f, "the fix points outside the document's text"))
            continue
        if start < last_end:
            out.refused.append(
                (f, "another fix changes the same text; run refcheck fix again after it is applied")
            )
            continue
        old = doc.text[start:end]
        if old == new:
            continue
        out.edits.append(TextEdit(f, start, end, old, new))
        last_end = end
    return out


# --- step 2: the source writers ---------------------------------------------------------------------


class Refused(Exception):
    """A fix or a write refcheck will not make; the message says why in plain words."""


Writer = Callable[[Document, list[TextEdit]], FixResult]

# Formats that have no writer, and what to say instead.
UNSUPPORTED = {
    "docx": "refcheck fix cannot edit Word (.docx) files yet; make the change in Word",
    "jats": "refcheck fix does not edit JATS XML yet; make the change in the XML by hand",
    "bibtex": "refcheck fix does not edit bibliography files; make the change in the .bib file by hand",
}


def _codec(raw: bytes, encoding: str) -> tuple[str, int]:
    """The codec to decode ``raw`` without its BOM, and the number of BOM bytes."""
    enc = encoding.lower().replace("_", "-")
    if enc in ("utf-8-sig", "utf-16", "utf-32", "utf-8"):
        for bom, codec in (
            (b"\xff\xfe\x00\x00", "utf-32-le"),
            (b"\x00\x00\xfe\xff", "utf-32-be"),
            (b"\xef\xbb\xbf", "utf-8"),
            (b"\xff\xfe", "utf-16-le"),
            (b"\xfe\xff", "utf-16-be"),
        ):
            if raw.startswith(bom):
                return codec, len(bom)
        return ("utf-8" if enc == "utf-8-sig" else enc), 0
    return encoding, 0


class _Source:
    """The decoded source of a document and the maps from the texts loaders anchor to it.

    ``decoded`` is the source as the loader decoded it (HTML anchors there); ``normalised`` is it
    after ``decode.normalise`` (plain text, Markdown and LaTeX anchor there), which drops the CR of
    each CRLF and leading BOMs and changes nothing else in length.
    """

    def __init__(self, raw: bytes) -> None:
        decoded = decode(raw)
        self.raw = raw
        self.encoding = decoded.encoding
        self.codec, self.bom = _codec(raw, decoded.encoding)
        self.decoded = raw[self.bom :].decode(self.codec)
        self.lead = len(self.decoded) - len(self.decoded.lstrip("\ufeff"))
        self.normalised = normalise(self.decoded)
        self.crs: list[int] = []  # normalised offsets at which a CR of a CRLF was dropped
        dropped = 0
        i = self.decoded.find("\r\n", self.lead)
        while i != -1:
            self.crs.append(i - self.lead - dropped)
            dropped += 1
            i = self.decoded.find("\r\n", i + 2)
        self._line_starts: dict[str, list[int]] = {}

    def from_normalised(self, offset: int) -> int:
        """A normalised offset as an offset in ``decoded``."""
        return offset + self.lead + bisect.bisect_right(self.crs, offset - 1)

    def line_start(self, which: str, line: int) -> int | None:
        """Offset in ``decoded`` or ``normalised`` (``which``) where 1-based ``line`` starts."""
        starts = self._line_starts.get(which)
        if starts is None:
            text = self.decoded if which == "decoded" else self.normalised
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            self._line_starts[which] = starts
        return starts[line - 1] if 1 <= line <= len(starts) else None

    def byte_offset(self, decoded_offset: int) -> int:
        return self.bom + len(self.decoded[:decoded_offset].encode(self.codec))

    def encode(self, text: str) -> bytes:
        return text.encode(self.codec)


def _result(
    doc: Document, src: _Source | None, edits: list[Edit], skipped: list[tuple[Finding, str]]
) -> FixResult:
    raw = src.raw if src is not None else doc.raw  # (a plain text's bytes are made when asked for)
    out = bytearray(raw)
    for ed in sorted(edits, key=lambda e: e.start, reverse=True):
        out[ed.start : ed.end] = ed.new
    return FixResult(doc.path, raw, bytes(out), edits, skipped, src.encoding if src else None)


def _show(s: str) -> str:
    return "‘" + (s if len(s) <= 60 else s[:57] + "…") + "’"


def _by_hand(edit: TextEdit) -> str:
    return f"change {_show(edit.old)} to {_show(edit.new)} by hand"


def _map_writer(kind: str) -> Writer:
    """A writer for formats whose text is taken from the source as written: ``kind`` is "identity"
    (plain text, Markdown: text offsets are normalised-source offsets), "latex" (anchored in the
    normalised source, line by line) or "html" (anchored in the decoded source)."""

    def write(doc: Document, edits: list[TextEdit]) -> FixResult:
        try:
            src = _Source(doc.raw)
        except (InputError, UnicodeDecodeError, LookupError):
            return _result(
                doc, None, [], [(e.finding, "the source could not be decoded again") for e in edits]
            )
        made: list[Edit] = []
        skipped: list[tuple[Finding, str]] = []
        for edit in edits:
            try:
                made.extend(_map_edit(doc, src, kind, edit))
            except Refused as why:
                skipped.append((edit.finding, str(why)))
        # Two byte edits must never overlap (an href and a neighbouring link's text cannot, but be sure).
        made.sort(key=lambda e: e.start)
        for a, b in itertools.pairwise(made):
            if b.start < a.end:
                return _result(
                    doc, src, [], [(e.finding, "two fixes would change the same bytes") for e in edits]
                )
        return _result(doc, src, made, skipped)

    return write


def _map_edit(doc: Document, src: _Source, kind: str, edit: TextEdit) -> list[Edit]:
    start, end = edit.start, edit.end
    for a, b, other in doc.files:
        if a <= start < b or a < end <= b:
            how = ".. include::" if doc.format == "rst" else "\\input"
            raise Refused(
                f"the text stands in {other}, which this document reads through {how}; {_by_hand(edit)}"
            )
    if kind == "identity":
        s_norm: int | None = start
    else:
        line, column = doc.locate(start)
        which = "decoded" if kind == "html" else "normalised"
        line_start = src.line_start(which, line)
        s_norm = None if line_start is None else line_start + column - 1
    if kind == "html":
        s = s_norm if s_norm is not None else -1
        e = s + (end - start)
        if s < 0 or src.decoded[s:e] != edit.old:
            raise Refused(
                "the text is written differently in the HTML source here (across a tag, or with a "
                f"character reference such as &amp;), so refcheck cannot change it safely; {_by_hand(edit)}"
            )
        return _html_edits(doc, src, edit, s, e)
    n = s_norm if s_norm is not None else -1
    if n < 0 or src.normalised[n : n + (end - start)] != edit.old:
        what = "the LaTeX source" if kind == "latex" else "the source"
        raise Refused(
            f"the text does not stand in {what} exactly as it reads here, so refcheck cannot change it "
            f"safely; {_by_hand(edit)}"
        )
    s, e = src.from_normalised(n), src.from_normalised(n + (end - start))
    return [_byte_edit(src, edit, s, e, edit.new)]


def _byte_edit(src: _Source, edit: TextEdit, s: int, e: int, new: str) -> Edit:
    try:
        data = src.encode(new)
    except UnicodeEncodeError:
        raise Refused(
            f"{_show(new)} cannot be written in the file's encoding ({src.encoding}); {_by_hand(edit)}"
        ) from None
    bs, be = src.byte_offset(s), src.byte_offset(e)
    return Edit(edit.finding, bs, be, src.raw[bs:be], data)


_A_TAG = re.compile(r"<a\b[^<>]*>\Z", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def _html_edits(doc: Document, src: _Source, edit: TextEdit, s: int, e: int) -> list[Edit]:
    """The edit of the text, and for a link whose text is its URL, of its ``href`` as well."""
    url = next((u for u in doc.urls if u.start == edit.start and u.end == edit.end), None)
    if url is None:
        return [_byte_edit(src, edit, s, e, edit.new)]
    if edit.old.strip() != url.url:
        raise Refused(
            f"the link's URL stands in its href attribute, not in the text ({_show(edit.old)}); change "
            f"the href to {_show(edit.new)} by hand"
        )
    lt = src.decoded.rfind("<", 0, s)
    tag = src.decoded[lt:s] if lt != -1 else ""
    m = _A_TAG.search(tag)
    hrefs = list(_HREF.finditer(tag)) if m else []
    if len(hrefs) != 1:
        raise Refused(f"the link's href could not be found right before its text; {_by_hand(edit)}")
    h = hrefs[0]
    group = next(g for g in (1, 2, 3) if h.group(g) is not None)
    import html

    if html.unescape(h.group(group)).strip() != url.url:
        raise Refused(f"the link's href is not the URL of its text; {_by_hand(edit)}")
    quoted = html.escape(edit.new, quote=True)
    if group == 3:  # an unquoted value becomes a quoted one
        hs, he, value = lt + h.start(3), lt + h.end(3), f'"{quoted}"'
    else:
        hs, he, value = lt + h.start(group), lt + h.end(group), quoted
    return [
        _byte_edit(src, edit, hs, he, value),
        _byte_edit(src, edit, s, e, html.escape(edit.new, quote=False)),
    ]


WRITERS: dict[str, Writer] = {
    "text": _map_writer("identity"),
    "markdown": _map_writer("identity"),
    "html": _map_writer("html"),
    "latex": _map_writer("latex"),
}


def register_writer(fmt: str, writer: Writer) -> None:
    """Let ``refcheck fix`` edit documents of ``fmt`` (a loader's format name) with ``writer``."""
    WRITERS[fmt] = writer
    UNSUPPORTED.pop(fmt, None)


def apply(doc: Document, planned: Plan) -> FixResult:
    """Step 2: the planned edits made on the source by the format's writer."""
    # (a notebook's text is its Markdown cells, not the JSON of the file: not edited in place)
    writer = None if doc.path.lower().endswith(".ipynb") else WRITERS.get(doc.format)
    refused = list(planned.refused)
    if writer is None:
        why = UNSUPPORTED.get(doc.format, f"refcheck fix does not edit {doc.format} files")
        if doc.path.lower().endswith(".ipynb"):
            why = "refcheck fix does not edit Jupyter notebooks"
        refused += [(e.finding, f"{why}: {_show(e.old)} to {_show(e.new)}") for e in planned.edits]
        raw = doc.raw
        return FixResult(doc.path, raw, raw, [], refused, None)
    if not planned.edits:
        raw = doc.raw
        return FixResult(doc.path, raw, raw, [], refused, doc.encoding)
    result = writer(doc, planned.edits)
    result.skipped = refused + result.skipped
    if result.encoding is None and result.text is None:
        made = {id(f) for f in result.fixed}
        result.text = (doc.text, apply_text(doc.text, [e for e in planned.edits if id(e.finding) in made]))
    return result


def apply_text(text: str, edits: list[TextEdit]) -> str:
    """``text`` with ``edits`` (in text order, not overlapping) made."""
    out, pos = [], 0
    for e in edits:
        out += [text[pos : e.start], e.new]
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def fix_document(doc: Document, unsafe: bool = False) -> FixResult:
    """Plan the fixes of ``doc`` and make them on its source (in memory); the suggested (unsafe)
    fixes too with ``unsafe``."""
    return apply(doc, plan(doc, unsafe))


def suggested(doc: Document) -> list[Finding]:
    """The findings whose fix is a suggestion, made only with ``unsafe`` (--unsafe-fixes)."""
    return [f for f in doc.findings if f.fix and f.fix_unsafe]


def fixable(doc: Document) -> set[int]:
    """``id()`` of the findings ``refcheck fix`` would change in ``doc`` (empty when the file
    cannot be written, so no report offers a fix that ``--write`` would refuse)."""
    if doc.findings and all(f.fixable is not None for f in doc.findings):  # decided already
        return {id(f) for f in doc.findings if f.fixable}
    if not any(f.fix and not f.fix_unsafe for f in doc.findings):
        return set()
    result = fix_document(doc)
    if not result.edits or file_refusal(doc.path) is not None:
        return set()
    return {id(f) for f in result.fixed}


# --- step 3: writing --------------------------------------------------------------------------------


def project_root(path: str | os.PathLike[str]) -> Path:
    """The directory tree ``refcheck fix`` may write in for ``path``: the project root
    (``refcheck.project``: the nearest directory holding ``.git``) above the directory it stands in,
    else that directory."""
    from refcheck import project

    return project.project_root(Path(os.path.abspath(path)).parent)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def target_of(path: str, root: str | os.PathLike[str] | None = None) -> str:
    """The file a write to ``path`` goes to: ``path``, or the target of a symbolic link when it is
    inside ``root`` (default: ``project_root(path)``); Refused otherwise."""
    if not os.path.islink(path):
        return path
    target = Path(os.path.realpath(path))
    tree = Path(os.path.realpath(root if root is not None else project_root(path)))
    if not _inside(target, tree):
        raise Refused(
            f"it is a symbolic link to {target}, outside {tree}; refcheck fix writes only inside "
            "the project (edit the target directly if you mean to)"
        )
    return str(target)


def file_refusal(path: str, root: str | os.PathLike[str] | None = None) -> str | None:
    """Why ``path`` cannot be written safely, or None when it can."""
    try:
        target = target_of(path, root)
        st = os.stat(target)
    except Refused as why:
        return str(why)
    except OSError as exc:
        return f"it cannot be examined ({exc.strerror or exc})"
    if not stat.S_ISREG(st.st_mode):
        return "it is not a regular file"
    if st.st_mode & 0o222 == 0 or not os.access(target, os.W_OK):
        return "the file is read-only; make it writable first if it should change"
    if st.st_nlink > 1:
        return (
            f"the file has {st.st_nlink} hard links: replacing it would leave the other names with the "
            "old text, and writing into it in place could leave it half-written if refcheck were "
            "interrupted; apply the diff by hand"
        )
    directory = os.path.dirname(os.path.abspath(target))
    if not os.access(directory, os.W_OK | os.X_OK):
        return (
            f"its directory {directory} is not writable (refcheck writes a temporary file beside the "
            "file and renames it into place)"
        )
    return None


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """While writing, SIGTERM and SIGHUP raise SystemExit (so the temporary file is removed)."""

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    saved: list[tuple[int, object]] = []
    try:
        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is not None:
                saved.append((sig, signal.signal(sig, handler)))
    except ValueError:  # not the main thread: signals stay as they are
        pass
    try:
        yield
    finally:
        for sig, old in saved:
            signal.signal(sig, old)  # type: ignore[arg-type]


def write_atomic(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data``: a temporary file beside it is written, flushed to disk, given
    the file's mode and owner, and renamed over it, so that a reader or a crash sees either the old
    file or the new one. With ``expected``, the file is re-read first and Refused if it no longer
    holds those bytes, and its identity checked again just before the rename."""
    directory = os.path.dirname(os.path.abspath(path))
    st = os.stat(path)
    if expected is not None:
        with open(path, "rb") as fh:
            current = fh.read()
        st = os.stat(path)
        if current != expected:
            raise Refused("the file changed since refcheck read it; run refcheck fix again")
    tmp: str | None = None
    import tempfile

    with _signals_raise():
        try:
            fd, tmp = tempfile.mkstemp(
                prefix=f".{os.path.basename(path)}.", suffix=".refcheck-tmp", dir=directory
            )
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode))
                tmp_st = os.fstat(fh.fileno())
                if (tmp_st.st_uid, tmp_st.st_gid) != (st.st_uid, st.st_gid):
                    try:
                        os.fchown(fh.fileno(), st.st_uid, st.st_gid)
                    except OSError:
                        raise Refused(
                            "refcheck cannot give the new file the owner and group of the old one "
                            f"(uid {st.st_uid}, gid {st.st_gid}); apply the diff by hand"
                        ) from None
                    # fchown may clear set-user/group-id bits: set the mode again
                    os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode))
                os.fsync(fh.fileno())
            now = os.stat(path)
            if (now.st_ino, now.st_size, now.st_mtime_ns) != (st.st_ino, st.st_size, st.st_mtime_ns):
                raise Refused("the file changed while refcheck was writing it; run refcheck fix again")
            os.replace(tmp, path)
            tmp = None
            _fsync_directory(directory)
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _fsync_directory(directory: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_fixed(result: FixResult, root: str | os.PathLike[str] | None = None) -> str:
    """Write ``result.new`` to its file after every check; returns the path written (a symbolic
    link's target). Refused says why nothing was written."""
    why = file_refusal(result.path, root)
    if why is not None:
        raise Refused(why)
    target = target_of(result.path, root)
    try:
        write_atomic(target, result.new, expected=result.old)
    except Refused:
        raise
    except OSError as exc:
        raise Refused(f"it could not be written ({exc.strerror or exc}); the file is unchanged") from None
    return target


# --- Word ------------------------------------------------------------------------------------------


def _docx_writer(doc: Document, edits: list[TextEdit]) -> FixResult:
    """Word files: the fixes as tracked changes in the package (refcheck/fixes/docx.py)."""
    from refcheck.fixes.docx import write_docx

    return write_docx(doc, edits)


register_writer("docx", _docx_writer)
