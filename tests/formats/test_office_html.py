"""HTML saved by word processors (Word "Save as Web Page", Google Docs "Download as HTML",
LibreOffice): their notes, and reference entries wrapped in inline markup, as editors receive them."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import checked

from refcheck.pipeline import CheckOptions, check_file

REFS = (
    "<p class=MsoBibliography><span lang=EN>Millán, J. (2001) La política exterior. México: FCE.</span></p>"
    "<p class=MsoBibliography><span lang=EN>Vaisman, D. (2007) Azerbaijan&#8217;s diplomacy. Baku: ADA. "
    '<a href="https://ada.example.org/x">ADA website</a></span></p>'
)
WORD = (
    "<html><body><div class=WordSection1>"
    "<p class=MsoNormal><span>Missions doubled (Vaisman 2007).</span>"
    '<a href="#_ftn1" name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a></p>'
    f"<h2>Referencias</h2>{REFS}</div>"
    "<div style='mso-element:footnote-list'><br clear=all><hr>"
    "<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText>"
    '<a href="#_ftnref1" name="_ftn1"><span>[1]</span></a> Véase Millán (2001, p. 3).</p></div>'
    "</div></body></html>"
)
GOOGLE = (
    '<html><body class="doc-content"><p class="c2"><span class="c0">Missions doubled (Vaisman 2007)'
    '</span><sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup><span>.</span></p>'
    f'<h2 class="c3"><span>Bibliographie</span></h2>{REFS}<hr class="c7"><div><p class="c2">'
    '<a href="#ftnt_ref1" id="ftnt1">[1]</a><span class="c8">&nbsp;See Millán (2001, p. 2).</span>'
    "</p></div></body></html>"
)
LIBRE = (
    '<html><body><p>Missions doubled (Vaisman 2007).<a class="sdfootnoteanc" name="sdfootnote1anc" '
    'href="#sdfootnote1sym"><sup>1</sup></a></p>'
    f'<h2 class="western">References</h2>{REFS}'
    '<div id="sdfootnote1"><p class="sdfootnote-western"><a class="sdfootnotesym" '
    'name="sdfootnote1sym" href="#sdfootnote1anc">1</a>See Millán (2001).</p></div></body></html>'
)


@pytest.mark.parametrize("source", [WORD, GOOGLE, LIBRE], ids=["word", "google-docs", "libreoffice"])
def test_word_processor_html(tmp_path: Path, source: str) -> None:
    path = tmp_path / "brief.html"
    path.write_text(source, encoding="utf-8")
    doc = check_file(str(path), CheckOptions()).doc
    assert doc is not None
    # both entries are entries, the one with a link in it too
    assert [r.authors[0] for r in doc.references or []] == ["Millán", "Vaisman"]
    # the note is a note, not an entry of the list, and the citation in it is read as one
    assert [n.label for n in doc.footnotes or []] == ["1"]
    assert doc.footnotes is not None and "Millán (2001" in doc.footnotes[0].text
    assert [m.label for m in doc.footnote_markers or []] == ["1"]
    cited = {(c.authors[0], c.footnote) for c in doc.citations}
    assert cited == {("Vaisman", None), ("Millán", "1")}
    assert [f.rule for f in doc.findings] == []


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    """Word saves its hidden text as <span style='display:none;mso-hide:all'>: a citation in it is
    none. A hidden block (a list a web page shows on a click) is still read."""
    doc = checked(
        tmp_path / "brief.html",
        "<p>Missions doubled (Vaisman 2007). <span style='display:none;mso-hide:all'>(Smith 1999)"
        "<b>(Jones 1998)</b></span> Cut back (Millán 2001).</p><h2>References</h2>"
        f"<div style='display: none'>{REFS}</div>",
    )
    assert doc.text.splitlines()[0] == "Missions doubled (Vaisman 2007).  Cut back (Millán 2001)."
    assert len(doc.references or []) == 2
    assert [f.rule for f in doc.findings] == []


def test_wrapped_links_are_checked_where_they_lead(tmp_path: Path) -> None:
    """Google Docs wraps every link of its HTML export in its redirector, Outlook in Safe Links: the
    link checked is the one the reader lands on."""
    from refcheck.loaders.html import load_html

    target = "https://ada.example.org/x?a=1&b=2"
    source = (
        '<p>See <a href="https://www.google.com/url?q=https://ada.example.org/x?a%3D1%26b%3D2'
        '&amp;sa=D&amp;source=editors&amp;ust=1&amp;usg=AOv">the site</a> and <a href="https://'
        "eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fada.example.org%2Fx%3Fa%3D1%26b%3D2"
        '&amp;data=05%7C01&amp;reserved=0">this</a>; <a href="https://www.google.com/url?q=javascript:x">'
        "no</a>.</p>"
    )
    doc = load_html("brief.html", source.encode())
    assert [u.url for u in doc.urls] == [target, target, "https://www.google.com/url?q=javascript:x"]


def test_word_comments_are_not_read(tmp_path: Path) -> None:
    """Word's comments in the HTML it saves (their list at the end, their marks "[FE1]" in the
    text) are no part of the manuscript: a citation an editor wrote in one is none."""
    doc = checked(
        tmp_path / "brief.html",
        "<div class=WordSection1><p class=MsoNormal>Missions doubled (Vaisman 2007).<span "
        'class=MsoCommentReference><a class=msocomanchor id="_anchor_1" href="#_msocom_1" '
        'name="_msoanchor_1">[FE1]</a></span> Cut back (Millán 2001).</p><h1>References</h1>'
        f"{REFS}</div><div style='mso-element:comment-list'><hr class=msocomoff><div "
        "style='mso-element:comment'><div id=\"_com_1\" class=msocomtxt><p class=MsoCommentText>"
        '<a href="#_msoanchor_1" class=msocomoff>[FE1]</a>Should we also cite (Smith 1999) here?'
        "</p></div></div></div>",
    )
    assert "FE1" not in doc.text and "Smith" not in doc.text
    assert [f.rule for f in doc.findings] == []


def test_google_docs_comments_are_not_read(tmp_path: Path) -> None:
    """Google Docs' HTML export ends with the document's comments, each after an anchor linking back
    to its mark ("[a]"): they are neither entries nor text whose citations are checked."""
    doc = checked(
        tmp_path / "brief.html",
        '<body class="doc-content"><p><span>Missions doubled (Vaisman 2007)</span><sup><a href="#cmnt1"'
        ' id="cmnt_ref1">[a]</a></sup><span>. Cut back (Millán 2001).</span></p><h2>References</h2>'
        f'{REFS}<div class="c9"><p><a href="#cmnt_ref1" id="cmnt1">[a]</a><span>Should we also cite '
        "Smith (1999) here?</span></p><p><span>Agreed: Jones, K. (1998) A title. London.</span></p></div>"
        "</body>",
    )
    assert [r.authors[0] for r in doc.references or []] == ["Millán", "Vaisman"]
    assert [f.rule for f in doc.findings] == []


def test_google_docs_superscript_numbers_are_citations(tmp_path: Path) -> None:
    """Google Docs writes superscript as <span class="c5"> with .c5{vertical-align:super} in its
    <style>: citation numbers set so are read as <sup> numbers are (an exponent is not)."""
    doc = checked(
        tmp_path / "brief.html",
        '<html><head><style type="text/css">.c0{font-weight:400}.c5{vertical-align:super;font-size:11pt}'
        '</style></head><body><p><span class="c0">Oil funds the budget</span><span class="c5">1</span>'
        '<span class="c0">, over 10</span><span class="c5">6</span><span class="c0"> t. Trade grows'
        '</span><span class="c5">2,4</span><span>.</span></p><h2>References</h2><ol><li>'
        "Martínez-Díaz L. Mexico's oil. Foreign Affairs. 2007;12:3-4.</li><li>Ibrahimov R. Pipelines "
        "to Europe. Energy Policy. 2008;3:1-9.</li><li>Rodríguez J. Trade. J Trade. 2006;1:2-3.</li></ol>"
        "</body></html>",
    )
    assert doc.text.splitlines()[0] == "Oil funds the budget[1], over 106 t. Trade grows[2,4]."
    assert sorted((f.rule, f.message.split(" ")[1]) for f in doc.findings) == [
        ("missing-reference", "[4]"),
        ("uncited-reference", "Rodríguez"),
    ]
