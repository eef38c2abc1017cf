"""QA round 13, documents as people write them in Word: a Cranfield MSc thesis written with Word's own
citation tool (CITATION fields, a BIBLIOGRAPHY field in a content control, Word's Chicago
bibliography: initials without full stops, "—." for the author before), and an APA manuscript's
secondary citations. Each test rebuilds the shape in a small DOCX or text file."""

from __future__ import annotations

from pathlib import Path

from tests.fixes.docx_util import package, para, run

from .projects import findings, write


def _field(instr: str, result: str) -> str:
    """A complex field as Word writes it: begin, instruction, separate, result runs, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _bibliography(entries: list[str]) -> str:
    """Word's bibliography: a content control holding a BIBLIOGRAPHY field whose result is the list."""
    inner = "".join(para(run(e)) for e in entries)
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Bibliographies"/></w:docPartObj></w:sdtPr>'
        "<w:sdtContent>" + para(run("References")) + '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> BIBLIOGRAPHY </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>'
        + inner
        + '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        "</w:sdtContent></w:sdt>"
    )


# Word's Chicago bibliography style: no full stop after an initial, given names first after the first
# author, "—." for the authors of the entry before
_WORD_CHICAGO = [
    "Booth, Wayne C, Gregory G Colomb, and Joseph M Williams. The Craft of Research. 3rd. Chicago: "
    "University of Chicago Press, 2008.",
    'Eppler, Martin J, and Ken W Platts. "Visual Strategizing." Long Range Planning 42 (2009): 42-74.',
    "Harrower, Mark, and Cynthia A Brewer. “ColorBrewer.org.” The Cartographic Journal 40, no. 1 (2003): 27-37.",
    "Kosslyn, Stephen Michael. Graph Design for the Eye and Mind. New York: Oxford University Press, 2006.",
    "Wickham, Hadley. An implementation of the Grammar of Graphics. 2012. http://had.co.nz/ggplot2/.",
    "—. ggplot2: Elegant Graphics for Data Analysis. New York: Springer, 2009.",
]


def _thesis(tmp_path: Path) -> Path:
    body = (
        para(run("Introduction"))
        + para(
            run("Graphics should not be complex "),
            _field("CITATION Boo08 \\l 1033", "(Booth, Colomb and Williams 2008)"),
            run(". Visual strategy helps "),
            _field("CITATION Epp09 \\l 1033", "(Eppler and Platts 2009)"),
            run(", and so do good colours "),
            _field("CITATION Har03 \\l 1033", "(Harrower and Brewer 2003)"),
            run(". Gridlines help "),
            _field("CITATION Kos06 \\l 1033", "(Kosslyn 2006)"),
            run(". Wickham (2009) gives palettes; its grammar is older (Wickham 2012)."),
        )
        + _bibliography(_WORD_CHICAGO)
    )
    path = tmp_path / "thesis.docx"
    path.write_bytes(package(body))
    return path


def test_word_chicago_later_authors_with_an_initial_without_its_full_stop(tmp_path: Path) -> None:
    # "Gregory G Colomb", "Ken W Platts", "Cynthia A Brewer": Word's Chicago style writes no full stop
    # after an initial; the co-authors were not read, and each citation naming them was missing
    got = findings(_thesis(tmp_path))
    assert not [f for f in got if f[1] != "info"], got


def test_a_single_dash_gives_the_entry_the_authors_before(tmp_path: Path) -> None:
    # Word's styles write "—." (one em dash) for the authors of the entry before: "Wickham (2009)"
    # was a year mismatch with Wickham 2012 and the ggplot2 book was never cited
    got = findings(_thesis(tmp_path))
    assert not [f for f in got if f[0] in ("year-mismatch", "uncited-reference")], got


def test_field_instructions_are_no_text(tmp_path: Path) -> None:
    from refcheck.loaders.docx import load_docx

    path = _thesis(tmp_path)
    doc = load_docx(str(path), path.read_bytes())
    assert "CITATION" not in doc.text and "BIBLIOGRAPHY" not in doc.text
    assert "(Booth, Colomb and Williams 2008)" in doc.text


_LIST = """
References

Barnes, E. (2000). Electronics manufacturing service industry. Georgia Institute of Technology.
In, H., & Roy, S. (2001). Visualization issues for software requirements negotiation. IEEE.
Yan, Q., & Islam, S. (2011). Moving up the value chain. University of Gothenburg.
"""


def test_a_sentence_opening_in_and_a_year_is_no_citation_of_an_author_named_in(tmp_path: Path) -> None:
    # an entry by Hoh In: "In 2008, ..." read as a citation of In dated 2008 (a year mismatch)
    write(
        tmp_path,
        {
            "a.txt": "Intro\n\nIn 2008, the firm grew (In & Roy, 2001; Barnes, 2000; Yan & Islam, 2011).\n"
            + _LIST
        },
    )
    got = findings(tmp_path / "a.txt")
    assert not [f for f in got if f[1] != "info"], got


def test_the_original_work_of_a_secondary_citation_is_info(tmp_path: Path) -> None:
    # APA 7 (8.6): "(Shih, 2005, as cited in Yan & Islam, 2011)" lists only the secondary source
    text = (
        "Intro\n\nManufacturing adds least (Shih, 2005, as cited in Yan & Islam, 2011). Shih (2005, cited in "
        "Yan & Islam, 2011) drew a curve (In & Roy, 2001; Barnes, 2000). Missing (Smith, 2003).\n" + _LIST
    )
    write(tmp_path, {"a.txt": text})
    got = findings(tmp_path / "a.txt")
    missing = [(sev, msg[:20]) for rule, sev, msg in got if rule == "missing-reference"]
    assert missing == [
        ("info", '"Shih, 2005" is cite'),
        ("info", '"Shih (2005" is cite'),
        ("error", '"Smith, 2003" is cit'),
    ]


def test_a_figure_of_the_authors_own_is_info(tmp_path: Path) -> None:
    # a thesis's figure captions: "(Source: Author, 2012)", the writer's own figure
    text = (
        "Intro\n\nFigure 2 Profit margins (Source: Author, 2012). Margins are low (Barnes, 2000; In & Roy, "
        "2001; Yan & Islam, 2011).\n" + _LIST
    )
    write(tmp_path, {"a.txt": text})
    got = findings(tmp_path / "a.txt")
    assert [(r, s) for r, s, _ in got] == [("missing-reference", "info")], got
