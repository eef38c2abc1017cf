"""Reference entries that share one paragraph are read as separate entries in every format.

Word users break lines inside one paragraph (Shift+Enter, ``<w:br/>``); HTML has ``<br>`` or a
newline inside one ``<p>``/``<li>``; pandoc turns a text list without blank lines between entries
into one paragraph whose entries are joined by a space (DOCX) or a newline (HTML).
"""

from __future__ import annotations

import io
import zipfile

import pytest

from refcheck.loaders.docx import load_docx
from refcheck.model import Document
from refcheck.pipeline import CheckOptions, analyse

from .conftest import check

BODY = "Bees die (vanEngelsdorp and Meixner 2010; de Vries 2001) and empires fall (Hobsbawm 2004/2005)."
ENTRIES = [
    "vanEngelsdorp, Dennis and Meixner, Marina D. (2010) A historical review of managed honey bee "
    "populations. J Invertebr Pathol 103: S80–S95.",
    "de Vries, Anna (2001) Dikes and polders. Delft: Waterstaat.",
    "Hobsbawm, Eric (2004/2005) The Age of Extremes. London: Abacus.",
]
WANT = [(["vanEngelsdorp", "Meixner"], "2010"), (["de Vries"], "2001"), (["Hobsbawm"], "2004/2005")]


def read(doc: Document) -> list[tuple[list[str], str | None]]:
    return [(r.authors, r.year) for r in doc.references or []]


def no_findings(doc: Document) -> list[tuple[str, int | None, str]]:
    return [(f.rule, f.line, f.message) for f in doc.findings]


@pytest.mark.parametrize("sep", [" ", "  "], ids=["one space", "two spaces"])
def test_text_entries_joined_by_a_space(sep: str) -> None:
    doc = check(f"{BODY}\n\nReferences\n\n{sep.join(ENTRIES)}\n")
    assert read(doc) == WANT
    assert no_findings(doc) == []


def test_text_numbered_entries_joined_on_one_line() -> None:
    doc = check(
        "Copper is toxic to yeast [1], to bacteria [2] and to plants [3].\n\nReferences\n\n"
        "[1] Avery SV (2006) Microbial cell individuality. Nat Rev Microbiol 4: 577-587. "
        "[2] Bird AJ (2008) Metalloregulatory transcription factors. Adv Microb Physiol 53: 1-30.\n"
        "[3] Lee KH (2001) Copper homeostasis. J Biol Chem 276: 100-110.\n"
    )
    assert [(r.label, r.authors) for r in doc.references or []] == [
        ("1", ["Avery"]),
        ("2", ["Bird"]),
        ("3", ["Lee"]),
    ]
    assert no_findings(doc) == []


@pytest.mark.parametrize(
    "entries_html",
    [
        "<p>" + "<br>".join(ENTRIES) + "</p>",
        "<p>" + "<br/>\n".join(ENTRIES) + "</p>",
        "<p>" + "\n".join(ENTRIES) + "</p>",
        "<p>" + " ".join(ENTRIES) + "</p>",
        "<ul><li>" + "<br>".join(ENTRIES) + "</li></ul>",
        "<ul><li>" + ENTRIES[0] + "</li><li>" + " ".join(ENTRIES[1:]) + "</li></ul>",
    ],
    ids=[
        "p with br",
        "p with br and newline",
        "p with newlines",
        "p joined by spaces",
        "li with br",
        "li joined",
    ],
)
def test_html_entries_in_one_paragraph(entries_html: str) -> None:
    html = f"<html><body><p>{BODY}</p><h2>References</h2>{entries_html}</body></html>"
    doc = check(html, fmt="html")
    assert read(doc) == WANT
    assert no_findings(doc) == []


def test_html_wrapped_source_lines_stay_one_entry() -> None:
    entries = (
        "<p>de Vries, Anna (2001) Dikes and\npolders. Delft: Waterstaat.</p>"
        "<p>Hobsbawm, Eric (2004/2005) The Age\nof Extremes. London: Abacus.</p>"
        "<p>vanEngelsdorp, Dennis and Meixner, Marina D. (2010) A historical review.\nJ Invertebr Pathol.</p>"
    )
    doc = check(f"<html><body><p>{BODY}</p><h2>References</h2>{entries}</body></html>", fmt="html")
    assert sorted(read(doc)) == sorted(WANT)


def test_markdown_list_without_blank_lines() -> None:
    doc = check(f"{BODY}\n\n## References\n\n" + "\n".join(ENTRIES) + "\n", fmt="markdown")
    assert read(doc) == WANT
    assert no_findings(doc) == []


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p>{p}</w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", xml.encode("utf-8"))
    return buf.getvalue()


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize("joiner", ["<w:r><w:br/></w:r>", _run(" ")], ids=["line break", "space"])
def test_docx_entries_in_one_paragraph(joiner: str) -> None:
    paragraphs = [_run(BODY), _run("References"), joiner.join(_run(e) for e in ENTRIES)]
    doc = analyse(load_docx("a.docx", _docx(paragraphs)), CheckOptions())
    assert read(doc) == WANT
    assert no_findings(doc) == []
    # each entry still points at paragraph 3 of the document
    assert [doc.locate(r.start)[0] for r in doc.references or []] == [3, 3, 3]


def test_docx_line_break_keeps_paragraph_numbers() -> None:
    """A line break inside a paragraph does not shift the paragraph numbers of what follows."""
    paragraphs = [
        _run("Bees die (vanEngelsdorp and Meixner 2009).") + "<w:r><w:br/></w:r>" + _run("A second line."),
        _run("Empires fall (Hobsbawm 2004/2005)."),
        _run("References"),
        _run(ENTRIES[0]),
        _run(ENTRIES[2]),
    ]
    doc = analyse(load_docx("a.docx", _docx(paragraphs)), CheckOptions())
    assert [(f.rule, f.line) for f in doc.findings] == [("year-mismatch", 1)]
    assert [doc.locate(r.start)[0] for r in doc.references or []] == [4, 5]


def test_paragraph_starting_with_a_numeric_citation_is_prose() -> None:
    """ "[3] proposed a model ..." in a document with a numbered list cites [3]; it is no footnote."""
    doc = check(
        "Copper is toxic to yeast [1] and to bacteria [2].\n\n"
        "[3] proposed a model of copper sensing that we test here.\n\n"
        "References\n\n"
        "[1] Avery SV (2006) Microbial cell individuality. Nat Rev Microbiol 4: 577-587.\n"
        "[2] Bird AJ (2008) Metalloregulatory transcription factors. Adv Microb Physiol 53: 1-30.\n"
        "[3] Lee KH (2001) Copper homeostasis. J Biol Chem 276: 100-110.\n"
    )
    assert [c.text for c in doc.citations] == ["[1]", "[2]", "[3]"]
    assert doc.footnotes == []
    assert no_findings(doc) == []
