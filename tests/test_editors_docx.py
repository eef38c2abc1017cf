"""What an editor's Word file holds that refcheck must read right, and the files named .docx that are
something else: one clear line saying what the file is and what to do, exit 2."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from refcheck.pipeline import CheckOptions, check_file
from refcheck.web.uploads import UploadError, safe_name
from tests.conftest import checked
from tests.fixes.docx_util import package, para, run

from .conftest import cli

REFS = para(run("References")) + para(run("Vaisman, D. (2007) Azerbaijan's diplomacy. Baku: ADA."))


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    """A run Word hides (w:vanish) is neither shown nor printed: a citation in it is none."""
    body = para(
        run("Missions doubled (Vaisman 2007). "),
        run("(Smith 1999) ", "<w:vanish/>"),
        run("(Vaisman 2007, p. 3)", '<w:vanish w:val="false"/>'),
    )
    doc = checked(tmp_path / "brief.docx", package(body + REFS))
    assert doc.text.splitlines()[0] == "Missions doubled (Vaisman 2007). (Vaisman 2007, p. 3)"
    assert [f.rule for f in doc.findings] == []


def _encrypted_zip() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("word/document.xml", b"<w:document/>")
    raw = bytearray(data.getvalue())
    # set the "encrypted" flag bit in the local header and in the central directory entry
    raw[6] |= 1
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 8] |= 1
    return bytes(raw)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "word 97-2003 .doc file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "it is a pdf"),
        (b"{\\rtf1\\ansi Hello}", "rtf file"),
        (_encrypted_zip(), "encrypted"),
        (b"<html xmlns:o='urn:schemas-microsoft-com:office:office'><body>", "web page (html)"),
    ],
    ids=["doc-or-password", "pdf", "rtf", "encrypted-zip", "html"],
)
def test_not_really_a_docx(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "brief.docx"
    path.write_bytes(content)
    res = cli("check", "--no-links", str(path))
    assert res.exit_code == 2
    out = res.stdout + res.stderr
    assert "Traceback" not in out
    lines = [ln for ln in out.splitlines() if ln.startswith(f"{path}: error:")]
    assert len(lines) == 1, out
    assert reason in lines[0].lower()
    assert "zipinfo" not in lines[0].lower()


@pytest.mark.parametrize("name", ["brief.doc", "brief.pdf"])
def test_a_doc_or_pdf_says_what_to_do(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    res = cli("check", "--no-links", str(path))
    assert res.exit_code == 2
    assert (
        "save it as .docx" in res.stderr + res.stdout
        or "the word file it was made from" in (res.stderr + res.stdout).lower()
    )
    with pytest.raises(UploadError, match=r"does not read \.(doc|pdf) files \((open it|check)"):
        safe_name(name)


def test_no_extension_is_said_once() -> None:
    with pytest.raises(UploadError) as caught:
        safe_name("README")
    assert "files without an extension files" not in str(caught.value)
    assert "files without an extension" in str(caught.value)


SUP = '<w:vertAlign w:val="superscript"/>'
NUMBERED = (
    para(run("References"))
    + para(run("1. Martínez-Díaz L. Mexico's oil. Foreign Affairs. 2007;12:3-4."))
    + para(run("2. Ibrahimov R. Pipelines to Europe. Energy Policy. 2008;3:1-9."))
    + para(run("3. Rodríguez J. Trade accords. J Trade. 2006;1:2-3."))
)


def test_superscript_citation_numbers_are_read(tmp_path: Path) -> None:
    """Vancouver style in Word: the citation numbers are superscript runs ("budget¹", "Europe²,³"), in
    one run or several; an exponent (10⁶, m²) is none."""
    body = para(
        run("Oil revenues fund the budget"),
        run("1", SUP),
        run(". Pipelines reach Europe"),
        run("2", SUP),
        run(",", SUP),
        run("3", SUP),
        run(" over 10"),
        run("6", SUP),
        run(" m"),
        run("2", SUP),
        run(". Trade grows"),
        run("4", SUP),
        run("."),
    )
    doc = checked(tmp_path / "brief.docx", package(body + NUMBERED))
    assert doc.text.splitlines()[0] == (
        "Oil revenues fund the budget[1]. Pipelines reach Europe[2,3] over 106 m2. Trade grows[4]."
    )
    assert [(f.rule, f.line) for f in doc.findings] == [("missing-reference", 1)]
    assert "[4]" in doc.findings[0].message


def test_safe_links_are_checked_where_they_lead() -> None:
    """A link copied from an Outlook mail into Word keeps its Safe Links wrapper as its target."""
    from refcheck.loaders.docx import _relationships

    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/hyperlink" TargetMode="External" Target="https://nam12.safelinks.protection.'
        'outlook.com/?url=https%3A%2F%2Fada.example.org%2Freport.pdf&amp;data=05%7C02&amp;reserved=0"/>'
        "</Relationships>"
    )
    assert _relationships(rels.encode()) == {"rId9": "https://ada.example.org/report.pdf"}


def test_hyperlinks_in_notes_are_checked(tmp_path: Path) -> None:
    """A note's hyperlink ("available at the UN website") is a link of the document, resolved through
    the notes' own relationships (its r:id may be another part's: rId7 is the body's here)."""
    from tests.fixes.docx_util import W

    r_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W} {r_ns}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        + run(" Statement, available at the ")
        + '<w:hyperlink r:id="rId7">'
        + run("UN website")
        + "</w:hyperlink>"
        + run(" (accessed 16 September 2009).")
        + "</w:p></w:footnote></w:footnotes>"
    )
    note_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/hyperlink" Target="http://www.un.example.org/statements/az.htm" '
        'TargetMode="External"/></Relationships>'
    )
    body = para(run("Missions doubled (Vaisman 2007)."), '<w:r><w:footnoteReference w:id="1"/></w:r>')
    path = tmp_path / "brief.docx"
    path.write_bytes(
        package(body + REFS, footnotes=notes, extra={"word/_rels/footnotes.xml.rels": note_rels.encode()})
    )
    doc = check_file(str(path), CheckOptions()).doc
    assert doc is not None
    [url] = doc.urls
    assert url.url == "http://www.un.example.org/statements/az.htm"
    assert doc.text[url.start : url.end] == "UN website"
    assert url.footnote == "1"
    assert url.accessed == "2009-09-16"


def _seed_as_word() -> bytes:
    """The seed brief as Word holds it: one paragraph a line, no blank lines, its notes Word
    footnotes (marks in the text, notes after it), its reference list without a heading."""
    import re

    from tests.conftest import SEED
    from tests.fixes.docx_util import W

    notes: dict[str, str] = {}
    body = []
    for line in Path(SEED).read_text(encoding="utf-8").split("\n"):
        m = re.match(r"^\[(\d+)\] (.*)$", line)
        if m:
            notes[m[1]] = m[2]
        elif line.strip():
            pieces = re.split(r" ?\[(\d+)\]", line)
            body.append(
                para(
                    *(
                        run(p) if i % 2 == 0 else f'<w:r><w:footnoteReference w:id="{p}"/></w:r>'
                        for i, p in enumerate(pieces)
                        if p
                    )
                )
            )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        + "".join(
            f'<w:footnote w:id="{k}"><w:p><w:r><w:footnoteRef/></w:r>{run(" " + v)}</w:p></w:footnote>'
            for k, v in notes.items()
        )
        + "</w:footnotes>"
    )
    return package("".join(body), footnotes=footnotes)


def test_the_seed_brief_as_a_word_file(tmp_path: Path) -> None:
    """Its reference list has no heading: it is the run of entries at the end of the body, before the
    notes Word keeps apart (every citation was reported missing: the notes, written right after the
    body, hid the entries)."""
    doc = checked(tmp_path / "brief.docx", _seed_as_word())
    assert [(f.rule, f.citation or f.message.split(" is ")[0]) for f in doc.findings] == [
        ("year-mismatch", "Martínez-Díaz 2008"),
        ("uncited-reference", "Hyde 2002"),
    ]
    assert len(doc.footnotes or []) == 6


def test_marks_and_links_after_superscript_numbers_stay_in_place(tmp_path: Path) -> None:
    """The brackets written around a superscript number move what follows in its paragraph: a
    note's mark and a link's span move with it."""
    body = para(
        run("Oil funds the budget"),
        run("1", SUP),
        '<w:r><w:footnoteReference w:id="1"/></w:r>',
        run(" as "),
        '<w:hyperlink r:id="rId7">' + run("the ministry") + "</w:hyperlink>",
        run(" says"),
        run("2", SUP),
        run("."),
    )
    doc = checked(tmp_path / "brief.docx", package(body + NUMBERED))
    assert doc.text.splitlines()[0] == "Oil funds the budget[1]1 as the ministry says[2]."
    [mark] = doc.footnote_markers or []
    assert doc.text[mark.start : mark.end] == "1" and mark.start == len("Oil funds the budget[1]")
    [url] = doc.urls
    assert doc.text[url.start : url.end] == "the ministry"


def test_a_pandoc_reference_list_with_an_undated_entry(tmp_path: Path) -> None:
    """pandoc's (R Markdown's) Word file: the entries follow the text with no heading, one a
    paragraph, and one of them undated ("n.d."). That entry broke the run of entries read back from
    the end, so every citation was reported as having no reference list at all (an error); an entry
    whose year is "n.d." is an entry."""
    bib = '<w:pPr><w:pStyle w:val="Bibliography"/></w:pPr>'
    entries = [
        "Dingemanse, Mark, Damián E. Blasi, and Gary Lupyan. 2015. “Arbitrariness, Iconicity, and "
        "Systematicity in Language.” Trends in Cognitive Sciences 19 (10): 603–15.",
        "Perniss, Pamela, and Gabriella Vigliocco. 2014. “The Bridge of Iconicity.” Philosophical "
        "Transactions of the Royal Society B 369: 20130300.",
        "Winter, Bodo, and Mark Dingemanse. n.d. “Trilled /r/ Is Associated with Textural Roughness.”",
        "Woods, Kevin J. P., and Josh H. McDermott. 2017. “Headphone Screening.” Attention, Perception "
        "& Psychophysics 79 (7): 2064–72.",
    ]
    body = para(
        run(
            "Iconicity is a design feature of language (Perniss and Vigliocco 2014; Dingemanse, Blasi, "
            "and Lupyan 2015), and roughness has its sound (Winter and Dingemanse, n.d.); listeners were "
            "screened (Woods and McDermott 2017)."
        )
    ) + "".join(f"<w:p>{bib}{run(e)}</w:p>" for e in entries)
    doc = checked(tmp_path / "paper.docx", package(body))
    assert len(doc.references or []) == 4
    assert [f.rule for f in doc.findings] == []
