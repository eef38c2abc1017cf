"""Hostile JATS/XML, DOCX and HTML: bounded time and memory, one clear error line, nothing read that
should not be. The inputs come from tests/hostile_markup.py (bench/adversarial_markup.py prints their
figures). Time bounds are generous (several times the expected time, CPU time so that a busy
machine does not fail them) and guard against a hang or a quadratic blow-up, not against slowness."""

from __future__ import annotations

import io
import shutil
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from refcheck.errors import InputError
from refcheck.loaders import docx as docx_loader
from refcheck.loaders.docx import load_docx
from refcheck.loaders.jats import load_jats
from refcheck.loaders.xml import parse_xml
from refcheck.pipeline import CheckOptions, analyse, check_file

from . import hostile_markup as hostile
from .conftest import SEED, cli, run_module
from .test_bad_input import assert_one_clear_error


@contextmanager
def bounded(cpu_seconds: float, megabytes: float | None = None) -> Iterator[None]:
    """Fail when the block takes more CPU time, or allocates more at its peak, than given."""
    if megabytes is not None:
        tracemalloc.start()
    start = time.process_time()
    try:
        yield
    finally:
        spent = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if megabytes is not None else 0.0
        if megabytes is not None:
            tracemalloc.stop()
    assert spent < cpu_seconds, f"took {spent:.1f} s of CPU (bound {cpu_seconds} s)"
    if megabytes is not None:
        assert peak < megabytes, f"peak {peak:.0f} MB (bound {megabytes} MB)"


def _write(tmp_path: Path, build: Callable[[], tuple[str, bytes]]) -> Path:
    name, data = build()
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- issue 13.1: memory linear in the input ---------------------------------------------------------


def test_docx_of_newlines_stays_small() -> None:
    # 35 KB unpacking to 2.6 MB of newlines: 460 MB and 4.7 s before (one object per line)
    name, data = hostile.docx_newlines()
    with bounded(cpu_seconds=10, megabytes=80):
        doc = load_docx(name, data)
    assert doc.text.count("\n") == 1  # one paragraph, one line: newlines in w:t are white space


def test_jats_of_newlines_stays_small() -> None:
    # 300 KB of newlines: 120 MB before (1 MB: 390 MB and 4.5 s)
    _, data = hostile.jats_newlines(300_000)
    with bounded(cpu_seconds=10, megabytes=40):
        root = parse_xml(data)
    p = root.find("p")
    assert p is not None and len(p.children) == 1  # one piece of text, not 300,000


def test_text_after_an_entity_keeps_its_column() -> None:
    root = parse_xml(b"<a>x\n  y &amp; z\n&#233;t\xc3\xa9 w</a>")
    where: dict[str, tuple[int, int]] = {}
    for chunk in root.chunks():  # each character advances the column, a newline the line
        line, column = chunk.line, chunk.column
        for ch in chunk.text:
            where.setdefault(ch, (line, column))
            line, column = (line + 1, 1) if ch == "\n" else (line, column + 1)
    assert (where["x"], where["y"], where["&"], where["z"]) == ((1, 4), (2, 3), (2, 5), (2, 11))
    assert (where["é"], where["t"], where["w"]) == ((3, 1), (3, 7), (3, 10))
    assert len(list(root.chunks())) == 3  # joined wherever the source runs on


@pytest.mark.parametrize("build", [hostile.jats_deep, hostile.docx_deep], ids=["jats", "docx"])
def test_nesting_990_deep_is_one_clear_error(tmp_path: Path, build: Callable[[], tuple[str, bytes]]) -> None:
    bad = _write(tmp_path, build)
    good = tmp_path / "seed.txt"
    shutil.copy(SEED, good)
    proc = run_module("check", "--no-links", str(bad), str(good))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr and "RecursionError" not in proc.stdout + proc.stderr
    assert_one_clear_error(proc.stdout, bad, "nests elements more than 200 deep")
    assert "year-mismatch" in proc.stdout  # the other file is still checked


def test_docx_of_too_many_elements_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # (bench: 1 MB unpacking to 14 MB of empty elements took 12 s and 770 MB before; 2.8 s, 200 MB now)
    monkeypatch.setattr(docx_loader, "MAX_ELEMENTS", 50_000)
    data = hostile.docx(b"<w:p>" + b"<w:r/><w:b/>" * 40_000 + b"</w:p>")
    with pytest.raises(InputError, match="more than 50,000 elements"):
        load_docx("a.docx", data)


def test_docx_text_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_loader, "MAX_TEXT", 1_000_000)
    name, data = hostile.docx_newlines()  # 2.6 million characters
    with pytest.raises(InputError, match="more than 1,000,000 characters"):
        load_docx(name, data)


# --- issue 13.3: linear loaders ---------------------------------------------------------------------


def test_docx_footnotes_are_located_by_binary_search() -> None:
    # 10,000 notes took 12 s before: each of 20,000 citations and URLs was placed by a linear search
    name, data = hostile.docx_footnotes(10_000)
    doc = load_docx(name, data)
    notes = doc.footnotes or []
    assert len(notes) == 10_000
    with bounded(cpu_seconds=3):
        for note in notes:
            assert doc.footnote_at(note.text_start) is note
            assert doc.locate(note.text_start)[0] == int(note.label)  # the paragraph of its mark
    assert doc.footnote_at(len(doc.text) + 5) is None and doc.footnote_at(0) is None


def test_many_docx_footnotes_end_to_end(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda: hostile.docx_footnotes(2_000))
    with bounded(cpu_seconds=15):
        result = check_file(str(path), CheckOptions(links=False))
    doc = result.doc
    assert doc is not None and len(doc.footnotes or []) == 2_000
    last = [f for f in doc.findings if "note 2000" in f.message]
    assert last and last[0].line == 2_000  # reported at the paragraph of the note's mark


def test_jats_with_thousands_of_references(tmp_path: Path) -> None:
    path = _write(tmp_path, hostile.jats_refs)
    with bounded(cpu_seconds=15):
        result = check_file(str(path), CheckOptions(links=False))
    doc = result.doc
    assert doc is not None and len(doc.references or []) == 4_500


def test_jats_of_entities(tmp_path: Path) -> None:
    path = _write(tmp_path, hostile.jats_entities)
    with bounded(cpu_seconds=15):
        check_file(str(path), CheckOptions(links=False))


# --- issue 13.9 / 9: encodings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "reason"),
    [("UTF-7", 'declares encoding "utf-7", which refcheck does not read'), ("bogus-8", "unknown encoding")],
)
def test_unknown_xml_encoding_is_one_clear_error(tmp_path: Path, declared: str, reason: str) -> None:
    bad = tmp_path / "a.xml"
    bad.write_bytes(
        f'<?xml version="1.0" encoding="{declared}"?><article><body><p>x</p></body></article>'.encode()
    )
    good = tmp_path / "seed.txt"
    shutil.copy(SEED, good)
    proc = run_module("check", "--no-links", str(bad), str(good))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    assert_one_clear_error(proc.stdout.lower(), str(bad).lower(), reason.lower())
    assert "year-mismatch" in proc.stdout


def test_unknown_encoding_inside_a_docx() -> None:
    body = b'<?xml version="1.0" encoding="UTF-7"?><w:document ' + hostile.W_NS + b"/>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", body)
    with pytest.raises(InputError, match="UTF-7"):
        load_docx("a.docx", buf.getvalue())


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("ISO-8859-1", "Müller"),
        ("windows-1252", "Müller “quoted”"),
        ("Shift_JIS", "山田"),
        ("UTF-16", "Müller 山田"),
    ],
)
def test_declared_encodings_are_read(encoding: str, text: str) -> None:
    xml = f'<?xml version="1.0" encoding="{encoding}"?>\n<article><body><p>{text} (2004)</p></body></article>'
    data = xml.encode(encoding)
    doc = load_jats("a.xml", data)
    assert text in doc.text
    offset = doc.text.index(text)
    assert doc.locate(offset) == (2, 19)  # columns count characters, whatever the encoding


def test_bytes_not_in_the_declared_encoding() -> None:
    data = b'<?xml version="1.0" encoding="Shift_JIS"?><article><body><p>\x81\xff</p></body></article>'
    with pytest.raises(InputError, match="not valid SHIFT_JIS"):
        load_jats("a.xml", data)


# --- issue 9 / 13.9: XML stays closed ----------------------------------------------------------------

XXE = b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
PARAM = b'<!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
LAUGHS = b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'


@pytest.mark.parametrize(
    "doctype", [XXE, PARAM, LAUGHS], ids=["external-entity", "parameter-entity", "laughs"]
)
@pytest.mark.parametrize("part", ["word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "rels"])
def test_every_docx_part_refuses_entities(doctype: bytes, part: str) -> None:
    body = b"<w:p><w:r><w:t>Text.</w:t></w:r></w:p>"
    parts: dict[str, bytes] = {}
    hostile_xml = b'<?xml version="1.0"?>' + doctype
    if part == "word/document.xml":
        data = hostile.docx(b"")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(part, hostile_xml + b"<w:document " + hostile.W_NS + b"><w:body/></w:document>")
        data = buf.getvalue()
    else:
        if part == "rels":
            parts["word/_rels/document.xml.rels"] = hostile_xml + b"<Relationships/>"
        else:
            root = b"w:footnotes" if "foot" in part else b"w:endnotes"
            parts[part] = hostile_xml + b"<" + root + b" " + hostile.W_NS + b"/>"
        data = hostile.docx(body, parts)
    with pytest.raises(InputError, match="refused: the XML declares entities"):
        load_docx("a.docx", data)


def test_the_external_dtd_is_never_read(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text("this is not a DTD <<<", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE article SYSTEM "{dtd.as_uri()}">'
        "<article><body><p>A&nbsp;b (Smith 2004).</p></body></article>"
    ).encode()
    doc = load_jats("a.xml", data)  # a DTD that was read would fail to parse
    assert "A b (Smith 2004)" in doc.text.replace("\u00a0", " ")


def test_xinclude_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    data = (
        '<article xmlns:xi="http://www.w3.org/2001/XInclude"><body><p>See '
        f'<xi:include href="{secret.as_uri()}" parse="text"/>.</p></body></article>'
    ).encode()
    doc = load_jats("a.xml", data)
    assert "TOPSECRET" not in doc.text


# --- issue 9 / 13.9: hostile zip containers -----------------------------------------------------------


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members:
            z.writestr(zipfile.ZipInfo(name), content)
    return buf.getvalue()


DOC = b"<w:document " + hostile.W_NS + b"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"


@pytest.mark.parametrize("name", ["../../etc/evil.xml", "/abs/evil.xml", "word\\..\\evil.xml", "C:/evil.xml"])
def test_docx_member_outside_the_archive_is_refused(name: str) -> None:
    with pytest.raises(InputError, match="path traversal"):
        load_docx("a.docx", _zip([("word/document.xml", DOC), (name, b"x")]))


def test_docx_relationship_pointing_outside_is_not_followed() -> None:
    rels = (
        b'<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/officeDocument" Target="../../../etc/passwd"/></Relationships>'
    )
    doc = load_docx("a.docx", _zip([("_rels/.rels", rels), ("word/document.xml", DOC)]))
    assert doc.text.startswith("x")  # the usual main part is read instead


def test_docx_part_stored_twice_is_refused() -> None:
    with pytest.warns(UserWarning, match="Duplicate name"):
        data = _zip([("word/document.xml", DOC), ("word/document.xml", DOC.replace(b">x<", b">y<"))])
    with pytest.raises(InputError, match=r"holds word/document\.xml 2 times"):
        load_docx("a.docx", data)


def test_docx_with_too_many_members_is_refused() -> None:
    members = [("word/document.xml", DOC)] + [(f"media/{i}.bin", b"") for i in range(2001)]
    with pytest.raises(InputError, match="2002 members"):
        load_docx("a.docx", _zip(members))


def test_docx_part_whose_size_is_understated_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_loader, "MAX_PART", 100_000)
    big = DOC.replace(b">x<", b">" + b"x" * 200_000 + b"<")
    data = bytearray(_zip([("word/document.xml", big)]))
    # the central directory (and the local header) claim 1,000 bytes unpacked
    size = len(big).to_bytes(4, "little")
    for at in range(len(data) - 4):
        if data[at : at + 4] == size:
            data[at : at + 4] = (1000).to_bytes(4, "little")
    # zipfile stops at the claimed size, the CRC then fails: one clear error, never a silent cut
    with pytest.raises(InputError, match=r"word/document\.xml cannot be read \(Bad CRC"):
        load_docx("a.docx", bytes(data))


def test_docx_bomb_part_is_refused() -> None:
    with pytest.raises(InputError, match=r"compressed \d+ to 1"):
        load_docx("a.docx", hostile.docx(b"<w:p><w:r><w:t>" + b"0" * (4 << 20) + b"</w:t></w:r></w:p>"))


def test_unread_members_are_never_unpacked() -> None:
    # a large embedded object that compresses well is harmless: refcheck never unpacks it
    data = hostile.docx(
        b"<w:p><w:r><w:t>x</w:t></w:r></w:p>", {"word/embeddings/blank.bin": b"\0" * (4 << 20)}
    )
    assert load_docx("a.docx", data).text.startswith("x")


def test_encrypted_or_unsupported_member_is_one_clear_error(tmp_path: Path) -> None:
    data = bytearray(hostile.docx(b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"))
    # set the "encrypted" flag of every header
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = data.find(sig)
        while at >= 0:
            flag = 6 if sig == b"PK\x03\x04" else 8
            data[at + flag] |= 1
            at = data.find(sig, at + 4)
    path = tmp_path / "locked.docx"
    path.write_bytes(bytes(data))
    res = cli("check", "--no-links", str(path))
    assert res.exit_code == 2
    assert_one_clear_error(res.output, path, "cannot be read")


# --- the accepted text of a DOCX --------------------------------------------------------------------


def test_docx_tracked_changes_fields_links_and_notes() -> None:
    body = (
        # tracked changes: the insertion is kept, the deletion and the move's source dropped
        b'<w:p><w:r><w:t xml:space="preserve">Oil pays </w:t></w:r>'
        b'<w:del w:id="1" w:author="E"><w:r><w:delText>30</w:delText></w:r></w:del>'
        b'<w:ins w:id="2" w:author="E"><w:r><w:t>40</w:t></w:r></w:ins>'
        b'<w:r><w:t xml:space="preserve"> percent (Smith 2008)</w:t></w:r>'
        b'<w:moveFrom w:id="3" w:author="E"><w:r><w:t> moved away</w:t></w:r></w:moveFrom>'
        b'<w:r><w:t>.</w:t></w:r><w:r><w:endnoteReference w:id="2"/></w:r></w:p>'
        # a HYPERLINK field (complex) and a w:hyperlink with a relationship
        b'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        b'<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/report" </w:instrText></w:r>'
        b'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>the report</w:t></w:r>'
        b'<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> and </w:t></w:r>'
        b'<w:hyperlink r:id="rId7"><w:r><w:t>the data</w:t></w:r></w:hyperlink>'
        b'<w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/simple&quot; "><w:r><w:t> simple</w:t>'
        b"</w:r></w:fldSimple></w:p>"
        # a text box, written twice (mc:Choice and mc:Fallback), read once
        b'<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        b"<mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent>"
        b"</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r>"
        b"</w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        b"<w:p><w:r><w:t>References</w:t></w:r></w:p>"
        b"<w:p><w:r><w:t>Smith, John (2008) A title. Press.</w:t></w:r></w:p>"
    )
    rels = (
        b'<Relationships><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/hyperlink" Target="https://example.org/data" TargetMode="External"/></Relationships>'
    )
    endnotes = (
        b"<w:endnotes " + hostile.W_NS + b'><w:endnote w:type="separator" w:id="0"><w:p/></w:endnote>'
        b'<w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> See Smith 2008.'
        b"</w:t></w:r></w:p></w:endnote></w:endnotes>"
    )
    data = hostile.docx(body, {"word/_rels/document.xml.rels": rels, "word/endnotes.xml": endnotes})
    doc = analyse(load_docx("a.docx", data), CheckOptions())
    lines = doc.text.split("\n")
    # (the endnote with w:id 2 is the first: Word shows it as endnote 1)
    assert lines[0] == "Oil pays 40 percent (Smith 2008).e1"
    assert lines[1] == "the report and the data simple"
    assert lines[2] == "" and lines[3] == "Box text" and lines[4] == "References"
    assert {(u.url, doc.text[u.start : u.end]) for u in doc.urls} == {
        ("https://example.org/report", "the report"),
        ("https://example.org/data", "the data"),
        ("https://example.org/simple", " simple"),
    }
    assert [n.label for n in doc.footnotes or []] == ["e1"]
    assert "See Smith 2008." in (doc.footnotes or [])[0].text
    assert [m.label for m in doc.footnote_markers] == ["e1"]
    assert not [f for f in doc.findings if f.severity.name in ("ERROR", "WARNING")], doc.findings


# --- HTML: linear whatever the markup (issue 13.3, 9) --------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [
        lambda: hostile.html_many_a(20_000),  # 60 KB: over 30 s before (html.parser rescans)
        lambda: hostile.html_many_comments(20_000),
        lambda: hostile.html_marked_sections(20_000),
        lambda: hostile.html_quoted(10_000),
        lambda: hostile.html_charrefs(50_000),
        lambda: hostile.html_many_end_tags(50_000),
        lambda: hostile.html_deep(20_000),
        lambda: hostile.html_unclosed(30_000),
        lambda: hostile.html_unclosed_cells(10_000),
        lambda: hostile.html_sups(10_000),  # quadratic before: the text joined at every </sup>
    ],
    ids=[
        "many-a",
        "comments",
        "marked",
        "quoted",
        "charrefs",
        "end-tags",
        "deep",
        "unclosed",
        "cells",
        "sups",
    ],
)
def test_hostile_html_in_bounded_time(tmp_path: Path, build: Callable[[], tuple[str, bytes]]) -> None:
    path = _write(tmp_path, build)
    with bounded(cpu_seconds=10):
        result = check_file(str(path), CheckOptions(links=False))
    assert result.error is None  # read, not refused


REFS_HTML = (
    "<h2>References</h2><ul><li>Smith, J. (2004) A title. Press.</li><li>Jones, A. (2001) T. P.</li></ul>"
)


def _html(body: str) -> list[tuple[str, str]]:
    from refcheck.pipeline import check_text

    doc = check_text(body, fmt="html")
    assert [r.authors[0] for r in doc.references or []] == ["Smith", "Jones"], doc.text
    return [(c.text, c.status.name) for c in doc.citations]


def test_html_bad_character_references_do_not_end_the_markup() -> None:
    # html.parser stopped reading markup at the second "&#" that was no reference: the heading and the
    # list became text and both citations were reported as missing
    cites = _html("<p>A &#x; b (Smith 2004) and &#; c (Jones 2001).</p>" + REFS_HTML)
    assert cites == [("Smith 2004", "LINKED"), ("Jones 2001", "LINKED")]


def test_html_unknown_marked_section_is_a_bogus_comment() -> None:
    # "<![foo[ ...]>" made html.parser raise: the whole document was refused
    cites = _html("<p>A <![foo[ x ]> b (Smith 2004); (Jones 2001).</p>" + REFS_HTML)
    assert cites == [("Smith 2004", "LINKED"), ("Jones 2001", "LINKED")]


def test_html_unclosed_tag_at_the_end_hides_the_rest_as_a_browser_does() -> None:
    cites = _html("<p>A (Smith 2004); (Jones 2001).</p>" + REFS_HTML + "<p>tail <a href='x (Brown 1999)")
    assert cites == [("Smith 2004", "LINKED"), ("Jones 2001", "LINKED")]


def test_html_positions_hold_after_defused_markup() -> None:
    from refcheck.pipeline import check_text

    line = "<p>a &#; b <![foo[ x ]> (Smith 2004) &#x; (Jones 2001).</p>"
    doc = check_text(line + "\n" + REFS_HTML, fmt="html")
    assert doc.text.startswith("a &#; b")
    found = {c.text: doc.locate(c.start) for c in doc.citations}
    assert found["Jones 2001"] == (1, line.index("Jones 2001") + 1)


def test_html_optional_end_tags_and_deep_nesting() -> None:
    # cells and rows without end tags (valid HTML), a thousand unclosed <b>: read, never refused
    table = "<table><tr><td>(Smith 2004)<td>x<tr><td>y<td>(Jones 2001)</table>"
    cites = _html("<p>" + "<b>" * 1000 + "Text.</p>" + table + REFS_HTML)
    assert cites == [("Smith 2004", "LINKED"), ("Jones 2001", "LINKED")]


def test_html_sup_linking_to_a_reference_is_a_numeric_citation() -> None:
    from refcheck.pipeline import check_text

    src = (
        '<p>Cells vary<sup><a href="#ref1">1</a></sup> and grow<sup><a href="#B2">2</a></sup>, '
        'as <cite>Nature</cite> says<sup><a href="#fn1">a</a></sup>.<br>New line.</p>'
        '<h2>References</h2><ol><li id="ref1">Avery SV (2006) Noise. Nat Rev 4: 1.</li>'
        '<li id="B2">Bb C (2001) T. J 1: 2.</li></ol>'
        '<section class="footnotes"><ol><li id="fn1">A note.</li></ol></section>'
    )
    doc = check_text(src, fmt="html")
    assert doc.style == "numeric"
    assert [(c.numbers, c.status.name) for c in doc.citations] == [((1,), "LINKED"), ((2,), "LINKED")]
    assert [m.label for m in doc.footnote_markers] == ["1"]
    assert "as Nature says" in doc.text and "\nNew line." in doc.text
    assert [r.label for r in doc.references or []] == ["1", "2"]
