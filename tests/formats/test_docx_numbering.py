"""Word's automatic numbering: a reference list numbered by Word (``w:numPr``, in the paragraph or
its "List Number" style), whose numbers are not in the text, is read as a numbered list, so that
"[1]" in the text links to the first entry. Documents built with python-docx, as Word saves them."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from refcheck.fixes.docx import fix_docx
from refcheck.loaders.docx import load_docx
from refcheck.model import LinkStatus
from refcheck.pipeline import CheckOptions, analyse, check_file

BODY = "Tooth loss affects quality of life [1], as measured by the OHIP-14 [2] and in older adults [3]."
ENTRIES = [
    "Locker D. Measuring oral health: a conceptual framework. Community Dent Health. 1988;5:3-18.",
    "Slade GD. Derivation and validation of a short-form oral health impact profile. Community Dent Oral Epidemiol. 1997;25:284-90.",
    "Gerritsen AE, Allen PF, Witter DJ. Tooth loss and oral health-related quality of life. Health Qual Life Outcomes. 2010;8:126.",
]


def _save(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def styled_list(body: str = BODY) -> bytes:
    """The list numbered by Word's built-in "List Number" style (its numPr is in styles.xml)."""
    d = docx.Document()
    d.add_paragraph("Bulleted aside", style="List Bullet")
    d.add_paragraph(body)
    d.add_heading("References", level=1)
    for entry in ENTRIES:
        d.add_paragraph(entry, style="List Number")
    return _save(d)


def bracketed_list(start: int = 1) -> bytes:
    """A list numbered "[1]", "[2]" through its own numbering definition (w:numPr in each paragraph)."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="[%1]"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    d.add_paragraph(BODY)
    d.add_paragraph("References")
    for entry in ENTRIES:
        p = d.add_paragraph(entry)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
        )
    return _save(d)


def test_a_list_numbered_by_its_style_is_a_numbered_list() -> None:
    doc = analyse(load_docx("a.docx", styled_list()), CheckOptions())
    assert [r.label for r in doc.references or []] == ["1", "2", "3"]
    assert [c.status for c in doc.citations] == [LinkStatus.LINKED] * 3
    assert doc.findings == []
    assert "1. Locker D." in doc.text
    assert "Bulleted aside" in doc.text and "• Bulleted" not in doc.text  # bullets are not written


def test_a_list_numbered_in_brackets_from_its_own_definition() -> None:
    doc = analyse(load_docx("a.docx", bracketed_list()), CheckOptions())
    assert [r.label for r in doc.references or []] == ["1", "2", "3"]
    assert [c.references for c in doc.citations] == [(r.id,) for r in doc.references or []]
    assert doc.findings == []


def test_the_numbers_word_shows_are_the_ones_checked() -> None:
    # the list starts at 4: "[1]" to "[3]" point beyond it
    doc = analyse(load_docx("a.docx", bracketed_list(start=4)), CheckOptions())
    assert [r.label for r in doc.references or []] == ["4", "5", "6"]
    assert {f.rule for f in doc.findings} >= {"missing-reference"}


def test_fixes_still_land_in_a_document_with_numbered_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    # an author-date brief whose list is numbered by Word: the year fix must still be written
    path.write_bytes(styled_list(body="Growth was strong (Martínez-Díaz 2008).").replace(b"", b""))
    d = docx.Document(str(path))
    for p in d.paragraphs[3:]:
        p._p.getparent().remove(p._p)
    d.add_paragraph(
        "Martínez-Díaz, Leonardo (2007) Mexico’s Economic Challenges. Brookings.", style="List Number"
    )
    d.save(str(path))
    doc = check_file(str(path), CheckOptions()).doc
    assert doc is not None
    assert [f.rule for f in doc.findings] == ["year-mismatch"]
    planned = fix_docx(doc)
    assert len(planned.edits) == 1 and planned.skipped == []
    xml = zipfile.ZipFile(io.BytesIO(planned.new)).read("word/document.xml").decode()
    assert re.search(r"<w:ins [^>]*>.*?2007.*?</w:ins>", xml)
