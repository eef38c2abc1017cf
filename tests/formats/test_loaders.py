"""Loader behaviour: safety limits, positions, LaTeX/pandoc details, rules added with the formats."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from refcheck.errors import InputError
from refcheck.loaders.docx import load_docx
from refcheck.loaders.jats import load_jats
from refcheck.pipeline import CheckOptions, analyse, check_file, check_text

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<article><body><p>&lol2;</p></body></article>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE article [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<article><body><p>&xxe;</p></body></article>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "external-entity"])
def test_jats_refuses_entities(data: bytes) -> None:
    with pytest.raises(InputError, match="refused: the XML declares entities"):
        load_jats("a.xml", data)


def _docx(document: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", document)
        for name, content in (extra or {}).items():
            z.writestr(name, content)
    return buf.getvalue()


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_docx_refuses_entities_and_bombs() -> None:
    with pytest.raises(InputError, match="refused: the XML declares entities"):
        load_docx("a.docx", _docx(BILLION_LAUGHS))
    bomb = b"<w:document " + W + b"><w:body><w:p><w:r><w:t>" + b"0" * (8 * 1024 * 1024)
    with pytest.raises(InputError, match=r"compressed .* to 1"):
        load_docx("a.docx", _docx(bomb + b"</w:t></w:r></w:p></w:body></w:document>"))
    with pytest.raises(InputError, match="not a DOCX"):
        load_docx("a.docx", b"PK not really")


def test_docx_paragraph_positions_and_notes() -> None:
    body = (
        b"<w:document " + W + b"><w:body>"
        b"<w:p><w:r><w:t>Title</w:t></w:r></w:p>"
        b"<w:p><w:r><w:t>Oil pays 40 percent (Smith 2008).</w:t></w:r>"
        b'<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
        b"<w:p><w:r><w:t>References</w:t></w:r></w:p>"
        b"<w:p><w:r><w:t>Smith, John (2007) A title. Press.</w:t></w:r></w:p>"
        b"<w:p><w:r><w:t>Jones, Ann (2001) Another title. Press.</w:t></w:r></w:p>"
        b"</w:body></w:document>"
    )
    notes = (
        b"<w:footnotes " + W + b'><w:footnote w:id="1"><w:p><w:r><w:t>See Jones 2002.</w:t></w:r></w:p>'
        b"</w:footnote></w:footnotes>"
    )
    doc = analyse(load_docx("a.docx", _docx(body, {"word/footnotes.xml": notes})), CheckOptions())
    found = {(f.rule, f.line, f.column) for f in doc.findings}
    assert ("year-mismatch", 2, 22) in found  # paragraph 2, character 22
    note = [f for f in doc.findings if f.rule == "year-mismatch" and "note 1" in f.message]
    assert note and (note[0].line, note[0].column) == (2, 34)  # at the note's mark, after 33 characters


def test_html_columns_after_entities() -> None:
    src = "<p>A &amp; B &eacute;t&eacute; (Smith 2008) and <b>x</b> (Jones 2001).</p>\n<h2>References</h2>\n"
    src += "<ul><li>Smith, J. (2008) T. P.</li><li>Jones, A. (2001) U. P.</li></ul>\n"
    doc = check_text(src, fmt="html")
    cols = {c.text: doc.locate(c.start) for c in doc.citations}
    line1 = src.split("\n")[0]
    assert cols["Smith 2008"] == (1, line1.index("Smith 2008") + 1)
    assert cols["Jones 2001"] == (1, line1.index("Jones 2001") + 1)
    assert not doc.findings


def test_html_numeric_sup_and_notes() -> None:
    src = (
        "<p>Cells vary<sup>1,2</sup> and 10<sup>6</sup> cells grow<sup>3</sup>."
        '<sup><a href="#fn1">a</a></sup></p><h2>References</h2><ol>'
        "<li>Avery SV (2006) Noise. Nat Rev 4: 1.</li><li>Bb C (2001) T. J 1: 2.</li>"
        "<li>Cc D (2002) T. J 1: 2.</li></ol>"
        '<section class="footnotes"><ol><li id="fn1">A note.</li></ol></section>'
    )
    doc = check_text(src, fmt="html")
    assert doc.style == "numeric"
    assert sorted(n for c in doc.citations for n in c.numbers) == [1, 2, 3]
    assert [m.label for m in doc.footnote_markers] == ["1"]
    assert not [f for f in doc.findings if f.rule != "citation-order"]


def test_latex_features(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(
        "@article{heg, author = {Heged{\\H u}s, Tam{\\'a}s}, title = {T}, year = {2010}}\n"
        "@article{mil, author = {Mill{\\'a}n, Daniel}, title = {U}, year = {2001}}\n"
        "@article{mil, author = {Other, A}, title = {V}, year = {1999}}\n"
        "@article{broken, author = {X}, title = {Unclosed\n",
        encoding="utf-8",
    )
    (tmp_path / "a.tex").write_text(
        "\\input{b}\n% \\cite{ghost}\nSee \\citet[p.~2]{heg, nokey}.\n", encoding="utf-8"
    )
    (tmp_path / "b.tex").write_text("\\input{a}\n\\nocite{*}\n\\bibliography{refs}\n", encoding="utf-8")
    result = check_file(str(tmp_path / "a.tex"), CheckOptions())
    assert result.doc is not None
    doc = result.doc
    # the unclosed entry is kept, as BibTeX keeps it, and said once
    assert [r.authors[0] for r in doc.references or []] == ["Hegedűs", "Millán", "Other", "X"]
    rules = {(f.rule, Path(f.path).name if f.path else None) for f in doc.findings}
    assert ("missing-reference", None) in rules  # nokey, in the main file
    assert ("duplicate-reference", "refs.bib") in rules  # mil twice
    assert ("input-bibliography", "refs.bib") in rules  # the broken entry
    assert ("missing-input", "b.tex") in rules  # b inputs a, which inputs b: a cycle, said once
    # \nocite{*} cites everything; the second "mil" is one defect, the duplicate, not also uncited
    assert not [f for f in doc.findings if f.rule == "uncited-reference"]
    assert not any(f.rule == "year-mismatch" for f in doc.findings)
    assert "ghost" not in {c.key for c in doc.citations}


def test_pandoc_keys_and_plain_markdown(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(
        "@book{doe, author={Doe, Jane}, title={T}, year={2001}}\n", encoding="utf-8"
    )
    md = "---\nbibliography: refs.bib\n---\n\nAs @doe says [see @doe, p. 4; -@nobody]. Mail a@doe.org.\n"
    (tmp_path / "a.md").write_text(md, encoding="utf-8")
    result = check_file(str(tmp_path / "a.md"), CheckOptions())
    assert result.doc is not None
    assert [c.key for c in result.doc.citations] == ["doe", "doe", "nobody"]
    assert [f.rule for f in result.doc.findings] == ["missing-reference"]
    plain = check_text("Text (Doe 2001).\n\n## References\n\nDoe, Jane (2001) T. Press.\n", fmt="markdown")
    assert [c.kind for c in plain.citations] == ["author-date"]


def test_citation_order_rule() -> None:
    text = "A [1]. B [2]. C [4]. D [3]. E [5].\n\nReferences\n" + "".join(
        f"[{n}] Name{n} A ({2000 + n}) Title {n}. J 1: 1.\n" for n in range(1, 6)
    )
    doc = check_text(text)
    assert [f.rule for f in doc.findings] == ["citation-order"]


INLINE_REFERENCES = """---
title: A brief
references:
- id: hardy1968
  type: book
  author:
  - family: Hardy
    given: Michael
  title: Modern Diplomatic Law
  issued:
    date-parts:
    - [1968]
- id: "roe2001"
  author: [{family: Roe, given: Ann}]
  title: Unused
  issued: 2001-05-03
- id: lee2003
  author: [{literal: World Bank}]
  title: Report
  issued: {raw: "March 2003"}
---

Diplomacy matters [@hardy1968; @lee2003] and so do [@ghost2009] and Hardy [-@hardy1969].
"""


def test_pandoc_references_in_the_front_matter_are_the_bibliography(tmp_path: Path) -> None:
    """pandoc reads CSL items given as ``references:`` in the YAML front matter, with or without a
    bibliography file: such a document said 'nothing could be checked: it names no bibliography'."""
    path = tmp_path / "brief.md"
    path.write_text(INLINE_REFERENCES, encoding="utf-8")
    result = check_file(str(path), CheckOptions())
    assert result.doc is not None
    refs = {r.key: (r.authors, r.year, r.source) for r in result.doc.references or []}
    assert refs == {
        "hardy1968": (["Hardy"], "1968", (str(path), 4)),
        "roe2001": (["Roe"], "2001", (str(path), 13)),
        "lee2003": (["World Bank"], "2003", (str(path), 17)),
    }
    found = sorted((f.rule, f.line) for f in result.doc.findings)
    assert found == [("missing-reference", 23), ("missing-reference", 23), ("uncited-reference", 13)]
