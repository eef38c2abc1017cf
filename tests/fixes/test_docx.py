"""Safe fixes written into a DOCX as tracked changes, the other findings as comments."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.fixes.docx import fix_docx
from refcheck.model import Document
from refcheck.pipeline import CheckOptions, check_file
from tests.conftest import FIXTURES, cli
from tests.fixes.docx_util import W, infos, members, package, para, rejected, run, text

BRIEF = FIXTURES / "formats" / "docx" / "brief.docx"
ENTRIES = (
    para(run("References"))
    + para(run("Martínez-Díaz, Leonardo (2007) “Mexico’s Economic Challenges,” The Brookings Institution."))
    + para(run("Smith, John (2001) Trade. Oxford University Press."))
)


def checked(tmp_path: Path, data: bytes, name: str = "a.docx") -> Document:
    path = tmp_path / name
    path.write_bytes(data)
    doc = check_file(str(path), CheckOptions()).doc
    assert doc is not None
    return doc


def _middle(old: bytes, new: bytes) -> tuple[bytes, bytes]:
    """The differing middles of two byte strings (after the common prefix and suffix)."""
    i = 0
    while i < min(len(old), len(new)) and old[i] == new[i]:
        i += 1
    j = 0
    while j < min(len(old), len(new)) - i and old[-1 - j] == new[-1 - j]:
        j += 1
    return old[i : len(old) - j], new[i : len(new) - j]


def test_seed_brief_gets_one_tracked_change_and_nothing_else(tmp_path: Path) -> None:
    original = BRIEF.read_bytes()
    doc = checked(tmp_path, original, "brief.docx")
    planned = fix_docx(doc)
    assert [(e.old, e.new) for e in planned.edits] == [(b"2008", b"2007")]
    assert planned.skipped == []
    new = planned.new
    # every member but the body is byte for byte the same, in the same order, compression and date
    assert infos(new) == infos(original)
    before, after = members(original), members(new)
    assert {n for n in before if before[n] != after[n]} == {"word/document.xml"}
    old_mid, new_mid = _middle(before["word/document.xml"], after["word/document.xml"])
    # the change sits inside one run: "...(Martínez-Díaz 2008)..." became pieces of it
    assert old_mid == b"2008"
    assert new_mid.count(b"<w:del ") == 1 and new_mid.count(b"<w:ins ") == 1
    assert b'<w:delText xml:space="preserve">2008</w:delText>' in new_mid
    assert b'<w:t xml:space="preserve">2007</w:t>' in new_mid
    assert re.search(
        rb'<w:ins w:id="\d+" w:author="refcheck" w:date="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">', new_mid
    )
    # accepted: the text with the one year changed; rejected: the text as it was
    start = doc.text.index("(Martínez-Díaz 2008)") + len("(Martínez-Díaz ")
    assert text(new) == doc.text[:start] + "2007" + doc.text[start + 4 :]
    assert text(rejected(new)) == text(original)


def test_python_docx_opens_the_result(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx", reason="python-docx is not installed (pip install .[test])")
    doc = checked(tmp_path, BRIEF.read_bytes(), "brief.docx")
    out = tmp_path / "fixed.docx"
    out.write_bytes(fix_docx(doc, comments=True).new)
    opened = docx.Document(str(out))
    assert len(opened.paragraphs) == len(docx.Document(str(BRIEF)).paragraphs)
    assert "Hyde" in opened.paragraphs[-6].text


def test_libreoffice_reads_the_revisions_and_converts_to_pdf(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    doc = checked(tmp_path, BRIEF.read_bytes(), "brief.docx")
    out = tmp_path / "fixed.docx"
    out.write_bytes(fix_docx(doc, comments=True).new)
    for fmt in ("pdf", "odt"):
        res = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", fmt,
             "--outdir", str(tmp_path), str(out)],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert res.returncode == 0 and (tmp_path / f"fixed.{fmt}").exists(), res.stderr
    assert (tmp_path / "fixed.pdf").read_bytes().startswith(b"%PDF")
    # LibreOffice took the changes as revisions by refcheck, and the comment as a comment
    with zipfile.ZipFile(tmp_path / "fixed.odt") as z:
        content = z.read("content.xml").decode()
    changes = re.findall(r"<text:(deletion|insertion)><office:change-info><dc:creator>([^<]*)<", content)
    assert sorted(changes) == [("deletion", "refcheck"), ("insertion", "refcheck")]
    assert "<dc:creator>refcheck</dc:creator>" in content.split("<office:annotation ", 1)[1]
    assert "Hyde 2002 is listed but never cited" in content


def test_a_year_split_across_runs_keeps_each_run_formatting(tmp_path: Path) -> None:
    body = para(
        run("Growth was strong (Martínez-Díaz 20", "<w:i/>"),
        run("08", "<w:b/>"),
        run(") and trade grew (Smith 2001)."),
    )
    doc = checked(tmp_path, package(body + ENTRIES))
    planned = fix_docx(doc)
    assert len(planned.edits) == 1
    xml = members(planned.new)["word/document.xml"]
    dels = re.findall(rb"<w:del [^>]*>(.*?)</w:del>", xml)
    assert len(dels) == 2
    assert b"<w:i/>" in dels[0] and b">20</w:delText>" in dels[0]
    assert b"<w:b/>" in dels[1] and b">08</w:delText>" in dels[1]
    ins = re.findall(rb"<w:ins [^>]*>(.*?)</w:ins>", xml)
    assert len(ins) == 1 and b"<w:i/>" in ins[0] and b">2007</w:t>" in ins[0]
    assert b"Growth was strong (Mart\xc3\xadnez-D\xc3\xadaz </w:t>" in xml
    assert "(Martínez-Díaz 2007) and trade" in text(planned.new)
    assert text(rejected(planned.new)) == doc.text


def test_two_fixes_in_one_run(tmp_path: Path) -> None:
    body = para(run("Growth (Martínez-Díaz 2008) and trade (Smith 2002) rose; wages (Smith 2001) fell."))
    doc = checked(tmp_path, package(body + ENTRIES))
    planned = fix_docx(doc)
    assert sorted((e.old, e.new) for e in planned.edits) == [(b"2002", b"2001"), (b"2008", b"2007")]
    xml = members(planned.new)["word/document.xml"]
    assert xml.count(b"<w:del ") == 2 and xml.count(b"<w:ins ") == 2
    ids = re.findall(rb'<w:(?:ins|del) w:id="(\d+)"', xml)
    assert len(set(ids)) == 4
    assert "Growth (Martínez-Díaz 2007) and trade (Smith 2001) rose; wages (Smith 2001) fell." in text(
        planned.new
    )
    assert text(rejected(planned.new)) == doc.text


def test_a_fix_in_a_footnote_changes_only_the_notes(tmp_path: Path) -> None:
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        + run(" As shown before (Martínez-Díaz 2008).")
        + "</w:p></w:footnote></w:footnotes>"
    )
    body = para(
        run("Trade grew (Smith 2001)."),
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>',
    )
    original = package(body + ENTRIES, footnotes=notes)
    doc = checked(tmp_path, original)
    planned = fix_docx(doc)
    assert len(planned.edits) == 1, planned.skipped
    before, after = members(original), members(planned.new)
    assert {n for n in before if before[n] != after[n]} == {"word/footnotes.xml"}
    assert b"<w:delText" in after["word/footnotes.xml"]
    assert "(Martínez-Díaz 2007)" in text(planned.new)


FIELD = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> ADDIN ZOTERO_ITEM CSL_CITATION {} </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>{cit}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
)


@pytest.mark.parametrize(
    ("wrap", "why"),
    [
        (lambda c: FIELD.replace("{cit}", c), "Word field"),
        (lambda c: f'<w:sdt><w:sdtPr><w:tag w:val="MENDELEY"/></w:sdtPr><w:sdtContent>{c}</w:sdtContent></w:sdt>',
         "content control"),
        (lambda c: f'<w:ins w:id="90" w:author="Ana" w:date="2024-01-01T00:00:00Z">{c}</w:ins>',
         "another tracked change"),
        (lambda c: f'<w:hyperlink r:id="rId7">{c}</w:hyperlink>', "hyperlink"),
    ],
    ids=["zotero-field", "content-control", "other-revision", "hyperlink"],
)  # fmt: skip
def test_fixes_are_refused_where_they_would_not_hold(tmp_path: Path, wrap: object, why: str) -> None:
    assert callable(wrap)
    body = para(run("Growth was strong "), wrap(run("(Martínez-Díaz 2008)")), run(" and trade (Smith 2001)."))
    original = package(body + ENTRIES)
    doc = checked(tmp_path, original)
    assert any(f.fix for f in doc.findings)
    planned = fix_docx(doc)
    assert planned.edits == [] and planned.new == original
    assert len(planned.skipped) == 1 and why in planned.skipped[0][1]


def test_comments_for_findings_without_a_fix(tmp_path: Path) -> None:
    original = BRIEF.read_bytes()
    doc = checked(tmp_path, original, "brief.docx")
    planned = fix_docx(doc, comments=True)
    assert len(planned.edits) == 1
    assert [f.rule for f in planned.comments] == ["uncited-reference"]
    before, after = members(original), members(planned.new)
    assert [n for n, *_ in infos(planned.new)] == [*before, "word/comments.xml"]
    assert {n for n in before if before[n] != after[n]} == {
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    }
    comments = after["word/comments.xml"].decode()
    assert comments.count("<w:comment ") == 1
    assert 'w:author="refcheck"' in comments and "Hyde 2002 is listed but never cited" in comments
    cid = re.search(r'<w:comment w:id="(\d+)"', comments)
    assert cid is not None
    body = after["word/document.xml"].decode()
    # the comment spans the entry's head, "Hyde, Henry (2002)"
    span = re.search(
        rf'<w:commentRangeStart w:id="{cid[1]}"/>(.*?)<w:commentRangeEnd w:id="{cid[1]}"/>', body
    )
    assert span is not None and re.sub("<[^>]+>", "", span[1]) == "Hyde, Henry (2002)"
    assert f'<w:commentReference w:id="{cid[1]}"/>' in body
    rels = after["word/_rels/document.xml.rels"].decode()
    assert 'relationships/comments" Target="comments.xml"' in rels
    assert (
        rels.replace(re.search(r"<Relationship Id=\"rId10\"[^>]*/>", rels)[0], "")
        == before[  # type: ignore[index]
            "word/_rels/document.xml.rels"
        ].decode()
    )
    assert "/word/comments.xml" in after["[Content_Types].xml"].decode()
    # the text Word shows is unchanged by the comments
    assert text(rejected(planned.new)) == text(original)


def test_existing_comments_and_revisions_are_kept(tmp_path: Path) -> None:
    comments = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {W}>'
        '<w:comment w:id="3" w:author="Ana" w:date="2024-01-01T00:00:00Z"><w:p>'
        + run("Check this figure.")
        + "</w:p></w:comment></w:comments>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'comments" Target="comments.xml"/></Relationships>'
    )
    body = (
        para(
            '<w:commentRangeStart w:id="3"/>',
            run("Growth was strong (Martínez-Díaz 2008)"),
            '<w:commentRangeEnd w:id="3"/><w:r><w:commentReference w:id="3"/></w:r>',
            '<w:ins w:id="4" w:author="Ana" w:date="2024-01-01T00:00:00Z">',
            run(" and steady"),
            "</w:ins>",
            run(" while prices fell (Nobody 1999)."),
        )
        + ENTRIES
    )
    original = package(body, extra={"word/comments.xml": comments.encode()})
    original = _with_member(original, "word/_rels/document.xml.rels", rels.encode())
    doc = checked(tmp_path, original)
    planned = fix_docx(doc, comments=True)
    assert len(planned.edits) == 1
    after = members(planned.new)
    new_comments = after["word/comments.xml"].decode()
    assert new_comments.startswith(comments[: -len("</w:comments>")])
    assert new_comments.count("<w:comment ") == 1 + len(planned.comments) >= 3
    xml = after["word/document.xml"].decode()
    assert '<w:ins w:id="4" w:author="Ana"' in xml and '<w:commentRangeStart w:id="3"/>' in xml
    ids = [int(i) for i in re.findall(r'w:id="(\d+)"', xml + new_comments)]
    new_ids = [i for i in ids if i > 4]
    assert new_ids and min(new_ids) >= 5
    assert after["word/_rels/document.xml.rels"] == rels.encode()  # the relationship was there
    assert text(rejected(planned.new)) == doc.text


def test_an_unreferenced_comments_part_is_left_alone(tmp_path: Path) -> None:
    """pandoc's (and so R Markdown's) Word files carry an empty word/comments.xml, with its content
    type, that no relationship refers to: the comments went nowhere (an internal error, a 500 on the
    page); they go in a part of a free name, and the part nothing refers to keeps its bytes."""
    orphan = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {W}>\n</w:comments>'.encode()
    )
    body = para(run("Growth was strong (Martínez-Díaz 2008) while prices fell (Nobody 1999).")) + ENTRIES
    original = package(body, extra={"word/comments.xml": orphan})
    types = members(original)["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/word/comments.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
    )
    original = _with_member(original, "[Content_Types].xml", types)
    doc = checked(tmp_path, original)
    planned = fix_docx(doc, comments=True)
    assert len(planned.edits) == 1 and planned.comments
    after = members(planned.new)
    assert after["word/comments.xml"] == orphan
    assert after["word/comments1.xml"].decode().count("<w:comment ") == len(planned.comments)
    rels = after["word/_rels/document.xml.rels"].decode()
    assert 'relationships/comments" Target="comments1.xml"' in rels
    content_types = after["[Content_Types].xml"].decode()
    assert content_types.count('PartName="/word/comments1.xml"') == 1
    assert content_types.count('PartName="/word/comments.xml"') == 1
    assert text(rejected(planned.new)) == doc.text
    # fixed again, the comments already left are found through the relationship: none added
    target = tmp_path / "again.docx"
    target.write_bytes(planned.new)
    res = cli("fix", "--no-links", "--write", "--comments", str(target))
    assert target.read_bytes() == planned.new, res.output


_COMMENTS_REL = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'comments" Target="comments.xml"/></Relationships>'
)


@pytest.mark.parametrize(
    ("part", "written"),
    [
        (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {W} />', True),
        (b"<w:comments><w:comment", False),
    ],
    ids=["empty-element", "not-well-formed"],
)
def test_a_comments_part_written_empty_or_broken(tmp_path: Path, part: str | bytes, written: bool) -> None:
    """An empty comments part written as one element gets the comments (its close tag was looked
    for: an internal error); one that is not XML gets none, says why, and the fix is still made
    (was an internal error too)."""
    data = part.encode() if isinstance(part, str) else part
    body = para(run("Growth was strong (Martínez-Díaz 2008) while prices fell (Nobody 1999).")) + ENTRIES
    original = package(body, extra={"word/comments.xml": data})
    original = _with_member(original, "word/_rels/document.xml.rels", _COMMENTS_REL.encode())
    doc = checked(tmp_path, original)
    planned = fix_docx(doc, comments=True)
    assert len(planned.edits) == 1
    after = members(planned.new)
    assert text(rejected(planned.new)) == doc.text
    if written:
        assert planned.comments and planned.comments_refused is None
        comments = after["word/comments.xml"].decode()
        assert comments.count("<w:comment ") == len(planned.comments)
        assert comments.endswith("</w:comments>") and f"<w:comments {W}>" in comments
        assert b"<w:commentRangeStart " in after["word/document.xml"]
    else:
        assert planned.comments == [] and after["word/comments.xml"] == data
        assert planned.comments_refused and "not well-formed" in planned.comments_refused
        assert b"<w:comment" not in after["word/document.xml"]
        target = tmp_path / "brief.docx"
        target.write_bytes(original)
        res = cli("fix", "--no-links", "--write", "--comments", str(target))
        assert "internal error" not in res.output
        assert "brief.docx: no Word comments written: word/comments.xml is not well-formed" in res.stderr
        assert "1 file fixed" in res.stderr


def _with_member(data: bytes, name: str, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, new if info.filename == name else zin.read(info))
    return out.getvalue()


def test_escaped_characters_and_non_breaking_spaces_survive(tmp_path: Path) -> None:
    body = para(run("R&D <costs> rose\u00a0sharply (Martínez-Díaz\u00a02008) & fell (Smith 2001)."))
    doc = checked(tmp_path, package(body + ENTRIES))
    planned = fix_docx(doc)
    assert len(planned.edits) == 1
    xml = members(planned.new)["word/document.xml"]
    assert b"R&amp;D &lt;costs&gt; rose\xc2\xa0sharply (Mart\xc3\xadnez-D\xc3\xadaz\xc2\xa0</w:t>" in xml
    assert text(rejected(planned.new)) == doc.text
    assert "D\u00edaz\u00a02007) &amp;" not in text(planned.new)
    assert "Díaz\u00a02007) & fell" in text(planned.new)


def test_nothing_is_written_when_the_text_does_not_map(tmp_path: Path) -> None:
    doc = checked(tmp_path, BRIEF.read_bytes(), "brief.docx")
    doc.text = doc.text.replace("Azerbaijan", "Azerbaidjan", 1)
    planned = fix_docx(doc)
    assert planned.new == doc.raw and planned.edits == []
    assert planned.skipped and "could not match" in planned.skipped[0][1]


def test_cli_fix_write_and_comments(tmp_path: Path) -> None:
    target = tmp_path / "brief.docx"
    shutil.copy(BRIEF, target)
    res = cli("fix", "--no-links", str(target))
    # a dry run with a fix left to make exits 1
    assert res.exit_code == 1 and "+" in res.stdout and "(Martínez-Díaz 2007)" in res.stdout
    assert target.read_bytes() == BRIEF.read_bytes()
    res = cli("fix", "--no-links", "--write", "--comments", str(target))
    assert res.exit_code == 0, res.output
    assert "1 finding written as Word comments" in res.stderr and "1 file fixed" in res.stderr
    written = members(target.read_bytes())
    assert b"<w:ins " in written["word/document.xml"] and "word/comments.xml" in written
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]
    res = cli("check", "--no-links", str(target))
    assert "year-mismatch" not in res.stdout and "uncited-reference" in res.stdout


def test_fixing_a_fixed_file_again_adds_no_second_comment(tmp_path: Path) -> None:
    """An editor who runs the fix twice (or on the file the page returned) gets each comment once:
    a finding refcheck already left as a comment is not commented again, and nothing is written."""
    target = tmp_path / "brief.docx"
    shutil.copy(BRIEF, target)
    cli("fix", "--no-links", "--write", "--comments", str(target))
    once = target.read_bytes()
    res = cli("fix", "--no-links", "--write", "--comments", str(target))
    assert target.read_bytes() == once, res.stderr
    assert "Word comments" not in res.stderr and "1 file fixed" not in res.stderr
    assert members(once)["word/comments.xml"].decode().count("<w:comment ") == 1


# --- any way Word may have cut the paragraph into runs ---------------------------------------------

SENTENCE = "Growth was strong (Martínez-Díaz 2008) and trade grew (Smith 2001)."


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cuts=st.sets(st.integers(min_value=1, max_value=len(SENTENCE) - 1), max_size=8),
    bold=st.lists(st.booleans(), min_size=9, max_size=9),
)
def test_any_run_split_gives_one_clean_change(tmp_path: Path, cuts: set[int], bold: list[bool]) -> None:
    bounds = [0, *sorted(cuts), len(SENTENCE)]
    runs = [
        run(SENTENCE[a:b], "<w:b/>" if bold[i] else "") for i, (a, b) in enumerate(itertools.pairwise(bounds))
    ]
    doc = checked(tmp_path, package(para(*runs) + ENTRIES))
    planned = fix_docx(doc)
    assert len(planned.edits) == 1 and planned.skipped == []
    assert SENTENCE.replace("2008", "2007") in text(planned.new)
    assert text(rejected(planned.new)) == doc.text
    xml = members(planned.new)["word/document.xml"]
    assert xml.count(b"<w:ins ") == 1
    deleted = b"".join(re.findall(rb"<w:delText[^>]*>([^<]*)</w:delText>", xml))
    assert deleted == b"2008"
