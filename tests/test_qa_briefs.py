"""False alarms and misses found by running refcheck on real policy briefs, white papers, working
papers, reports and humanities papers (QA round 12): each test is the smallest form of a pattern a
public document uses, and failed before its fix. The source of each pattern is named beside its test."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .projects import findings, write


def _loud(found: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    return [(r, s) for r, s, _ in found if s != "info"]


# --- a reference list parted by subheadings -----------------------------------------------------------
# Green-Software-Foundation/sci-policy-and-legislation-alignment-white-paper-series, whitepapers/"SCI and
# the EU AI Act.md" and "Data Centers as Flexible Grid Participants - Response to OFGEM Call for
# Input.md": "## References" (or "## 12. Sources") then "### EU AI Act Sources", "### Peer-Reviewed
# Papers", "### Industry Sources" ..., each over its own part of the list. The list ended at the first
# subheading: "no reference list (none was found)" at error level, and every citation of an entry under
# a later subheading missing. A history paper's "## Bibliography" over "### Primary sources" and
# "### Secondary sources" is the same shape.

HISTORY = """# The Grain Trade

Prices rose sharply after the harvest failed (Kaplan 1976, 42).

## Bibliography

### Primary sources

Archives nationales. 1770. *Correspondance du contrôle général*. Paris.

### Secondary sources

Kaplan, Steven L. 1976. *Bread, Politics and Political Economy in the Reign of Louis XV*. The Hague: Nijhoff.

Tilly, Louise. 1971. "The Food Riot as a Form of Political Conflict in France." *Journal of
Interdisciplinary History* 2 (1): 23–57.

## About the author

Jane Doe teaches history. She wrote her thesis in 2015.
"""


def test_a_bibliography_parted_by_subheadings_is_one_list(tmp_path: Path) -> None:
    write(tmp_path, {"grain.md": HISTORY})
    found = findings(tmp_path / "grain.md")
    assert not [f for f in found if f[0] == "missing-reference"], found
    # the entries under both subheadings are read; the one the text never cites is said
    uncited = [m for r, s, m in found if r == "uncited-reference" and s == "warning"]
    assert len(uncited) == 2 and any("Tilly 1971" in m for m in uncited), found
    assert not any("Doe" in m or "Jane" in m for _, _, m in found), found  # (the next section is no entry)


WHITE_PAPER = """# Data Centres as Flexible Grid Participants

Pilots report 10–40% load modulation ([Tilton, 2025](https://spectrum.ieee.org/dcflex)), and AI
facilities may offer twice the flexibility ([Zhou et al., 2024](https://arxiv.org/abs/2410.17435)).
Both answer the regulator's call (Ofgem 2026).

## 12. Sources

### Preprints and Working Papers

- Zhou, Y., Paredes, A., Essayeh, C. & Morstyn, T. (2024). "AI-focused HPC Data Centers Can Provide More
  Power Grid Flexibility and at Lower Cost." arXiv:2410.17435. [Link](https://arxiv.org/abs/2410.17435)

### Industry Sources

- Emerald AI. "Conductor: Flexibility Management Platform." [Link](https://emeraldai.co)

- Tilton, J. (2025). "Big Tech Tests Data Center Flexibility for Local Power Grids." *IEEE Spectrum*,
  12 June 2025. [Link](https://spectrum.ieee.org/dcflex)

### GB Regulatory Sources

- Ofgem (2026). "Demand Connections Reform: Call for Input." 13 February 2026.
"""


def test_a_list_of_sources_parted_by_subheadings_is_one_list(tmp_path: Path) -> None:
    write(tmp_path, {"paper.md": WHITE_PAPER})
    found = findings(tmp_path / "paper.md")
    assert _loud(found) == [], found
    # every citation finds its entry, under whichever subheading; the entry with no year is said at info
    assert [(r, s) for r, s, _ in found] == [("uncited-reference", "info")], found


# --- the number of an EU act is no year ---------------------------------------------------------------
# Green-Software-Foundation/sci-policy-and-legislation-alignment-white-paper-series, whitepapers/"SCI and
# the EU AI Act.md": "The European Union's Artificial Intelligence Act (Regulation 2024/1689), which
# entered into force ..." and drafts/"SCI and EU Corporate Sustainability Due Diligence.md": "(CSDDD,
# Directive 2024/1760)". Each was read as a citation of "Regulation" dated "2024/1689": missing-reference
# at error level. A year, a slash and a number that is no later year is the number of a law; "2019/20"
# and "1999/2000" (a span of years) are still cited.

EU_ACT = """# SCI and the EU AI Act

The Artificial Intelligence Act (Regulation 2024/1689) entered into force in 2024, after the due
diligence directive (CSDDD, Directive 2024/1760) and the decision on standards (Decision 2010/87).
Emissions vary widely (Aslan et al., 2025), as the annual reports show (Ofgem 2019/20; Eurostat
1999/2000).

## References

Aslan, J., Mayers, K., Koomey, J. G. and France, C. (2025). Electricity intensity of Internet data
transmission. *Journal of Industrial Ecology*.

Eurostat (1999/2000). *Energy statistics yearbook*. Luxembourg.

Ofgem (2019/20). *Annual report and accounts*. London.
"""


def test_the_number_of_an_eu_act_is_no_citation(tmp_path: Path) -> None:
    write(tmp_path, {"act.md": EU_ACT})
    found = findings(tmp_path / "act.md")
    assert found == [], found


# --- a bibliographic essay under "Sources" ----------------------------------------------------------------
# Ixby/accountability-acts-alberta, narrative-v5.md (a policy brief for two Alberta bills): its notes
# cite statutes and cases in full ("[^guindon]: *Guindon v. Canada*, 2015 SCC 41, [2015] 3 SCR 3."), and
# its "## Sources" section is prose, a paragraph per part of the brief naming many works between
# semicolons. Each paragraph was read as one entry, and each note's work "fitted" the paragraph that
# names it, dated by another of its works: 20 false errors (year-mismatch, missing-reference).

ESSAY = """# The Public Integrity Act

The energy war room was made exempt from access rules.[^cec] Penalties of this kind are regulatory,
not criminal.[^guindon] The duty to consult applies to the Crown.[^haida] The federal Act came into
force in 2005.[^psdpa] British Columbia opened its land registry in 2020.[^bc-lota]

## Sources

The cases and statutes in this brief are drawn from the following.

**Part I.** Office of the Auditor General of Alberta, *An Examination of Community Laboratory
Services* (November 19, 2025); reporting in *The Globe and Mail* and CBC News (2023–2025); CBC News,
"Incorporation of Alberta's energy war room means much of its operations remain secret" (October 4,
2019); Public Accounts of Alberta, fiscal years 2021–22 through 2024–25.

**Part II.** *Conflicts of Interest Act* (federal), RSC 1985, c C-27.5; *Lobbying Act*, RSC 1985, c 44
(4th Supp.); *Public Servants Disclosure Protection Act*, SC 2005, c 46; *Lobbyists Act* (Alberta), SA
2007, c L-20.5.

**Part III.** *R. v. Wigglesworth*, [1987] 2 SCR 541; *Guindon v. Canada*, 2015 SCC 41; *Haida Nation
v. British Columbia (Minister of Forests)*, 2004 SCC 73; *Harper v. Canada (Attorney General)*, 2004
SCC 33.

**Part V.** *Financial Administration Act* (Alberta), RSA 2000, c F-12; *Auditor General Act*
(Alberta), RSA 2000, c A-46; *Business Corporations Act* (BC), RSBC 2002, c 57, as amended by the
*Land Owner Transparency Act*; UK *Lobbying Act 2014*.

**Part VII.** This brief.

## Notes

[^cec]: CBC News, "Incorporation of Alberta's energy war room means much of its operations remain
    secret," October 4, 2019. <https://www.cbc.ca/news/canada/edmonton/energy-centre-1.5317360>

[^guindon]: *Guindon v. Canada*, 2015 SCC 41, [2015] 3 SCR 3. Confirmed the *Wigglesworth* framework.

[^haida]: *Haida Nation v. British Columbia (Minister of Forests)*, 2004 SCC 73, [2004] 3 SCR 511.

[^psdpa]: *Public Servants Disclosure Protection Act*, SC 2005, c 46.

[^bc-lota]: *Land Owner Transparency Act*, SBC 2019, c 23; registry launched November 30, 2020.
"""


def test_a_bibliographic_essay_is_no_list_of_entries(tmp_path: Path) -> None:
    write(tmp_path, {"brief.md": ESSAY})
    found = findings(tmp_path / "brief.md")
    assert _loud(found) == [], found


# --- Chicago notes on a student history site --------------------------------------------------------------
# zoethaxton/Thaxton_Zoe_EUH3205 (and the course's other ScholarMinPub sites, e.g.
# Kelley-Matthew/EUH3205, meagan10/PAN-MEAGAN-HIST-3205): 002_analysis.md cites in "[^n]" notes, some
# in the bibliography's own form ("Magraw, Roger. France, 1815-1914: The Bourgeois Century. New York:
# Oxford University Press, 1986. 29."), and 005_bibliography.md is the list, another page.
# 1. With the list: the note's year was read from the title's span, 1815, a false year-mismatch
#    (error) against the entry's 1986.
# 2. The notes page alone: the facts of publication "(Moscow: Progress Publishers, 1848; The Marxists
#    Internet Archive)", "(London: Bradbury and Evans, 1859)" were author-date citations of
#    "Publishers" and "Bradbury and Evans": "no reference list" at error level.

NOTES = """# Analysis

The middle class came to dominate the century.[^1] Its politics drew on the Manifesto.[^2] The soil
itself was a matter of national concern.[^3] Marx wrote of the coup as farce.[^4]

[^1]: Magraw, Roger. France, 1815-1914: The Bourgeois Century. New York: Oxford University Press, 1986. 29.
[^2]: Karl Marx and Friedrich Engels, Manifesto of the Communist Party (Moscow: Progress Publishers,
    1848; The Marxists Internet Archive), 12.
[^3]: Baron Justus von Liebig, Letters on Modern Agriculture, (London: Bradbury and Evans, 1859), 159.
[^4]: Karl Marx, 18th Brumaire of Louis Napoleon (Moscow: Progress Publishers, 1852; The Marxists
    Internet Archive), 5.
"""

BIBLIOGRAPHY = """
# Bibliography

Liebig, Justus von. Letters on Modern Agriculture. London: Bradbury and Evans, 1859.

Magraw, Roger. France, 1815-1914: The Bourgeois Century. New York: Oxford University Press, 1986.

Marx, Karl. 18th Brumaire of Louis Napoleon. Moscow: Progress Publishers, 1852.

Marx, Karl, and Friedrich Engels. Manifesto of the Communist Party. Moscow: Progress Publishers, 1848.
"""


def test_a_notes_year_is_not_the_span_in_its_title(tmp_path: Path) -> None:
    write(tmp_path, {"analysis.md": NOTES + BIBLIOGRAPHY})
    found = findings(tmp_path / "analysis.md")
    assert found == [], found


def test_a_notes_facts_of_publication_are_no_citations_without_a_list(tmp_path: Path) -> None:
    write(tmp_path, {"analysis.md": NOTES})
    found = findings(tmp_path / "analysis.md")
    assert found == [], found


# carmonamatt/Carmona-Matthew-EUH3205, 005_bibliography.md: "# Bibliography" over "## Military Sources:",
# "## Primary Sources:" ..., and Chicago journal entries whose title holds years ("Corbey, Raymond.
# “Ethnographic Showcases, 1870-1930.” Cultural Anthropology 8, no. 3 (August 1993): 338-369."). The
# entry's year was read from its title (1870), a false year-mismatch against the note's 1993; and the
# list ended at "## Primary Sources:", whose first entry opens with a quoted title, so the entries
# under it were read as prose (the publisher and year of one, a missing reference at error level).

SITE_NOTES = """# Analysis

Exhibitions staged the colonial world.[^1] German historians revised the period.[^2] The code was
translated in London.[^3] The reforms' costs were counted later.[^4]

[^1]: Raymond Corbey, “Ethnographic Showcases, 1870-1930,” Cultural Anthropology 8, no. 3 (August
    1993): 339.
[^2]: Katherine Aaslestad and Karen Hagemann, “1806 and Its Aftermath: Revisiting the Period of the
    Napoleonic Wars,” Central European History 39, no. 4 (December 2006): 549.
[^3]: “Brumaire: Bonaparte's Justification,” Liberty, Equality, Fraternity, accessed December 9, 2024.
[^4]: Florin Aftalion, *The French Revolution: An Economic Interpretation* (Cambridge: Cambridge
    University Press, 1990), 12.
"""

NATIONALISM = """
# Bibliography

Aaslestad, Katherine, and Karen Hagemann. “1806 and Its Aftermath: Revisiting the Period of the
Napoleonic Wars.” Central European History 39, no. 4 (December 2006): 547-579.

Aftalion, Florin. *The French Revolution: An Economic Interpretation*. Cambridge: Cambridge University
Press, 1990.

Corbey, Raymond. “Ethnographic Showcases, 1870-1930.” Cultural Anthropology 8, no. 3 (August 1993):
338-369.

“Brumaire: Bonaparte's Justification,” Liberty, Equality, Fraternity, accessed December 9, 2024.
"""

PARTED = """
# Bibliography

## Nationalism Sources:

Aaslestad, Katherine, and Karen Hagemann. “1806 and Its Aftermath: Revisiting the Period of the
Napoleonic Wars.” Central European History 39, no. 4 (December 2006): 547-579.

Aftalion, Florin. *The French Revolution: An Economic Interpretation*. Cambridge: Cambridge University
Press, 1990.

Corbey, Raymond. “Ethnographic Showcases, 1870-1930.” Cultural Anthropology 8, no. 3 (August 1993):
338-369.

## Primary Sources:

“Brumaire: Bonaparte's Justification,” Liberty, Equality, Fraternity, accessed December 9, 2024.

The Code Napoleon; or, the French Civil Code. Translated by a Barrister of the Inner Temple. London:
William Benning, 1827.
"""


def test_a_chicago_entrys_year_is_its_issues_not_its_titles(tmp_path: Path) -> None:
    write(tmp_path, {"site.md": SITE_NOTES + NATIONALISM})
    found = findings(tmp_path / "site.md")
    assert found == [], found


def test_a_part_of_primary_sources_goes_on_with_the_list(tmp_path: Path) -> None:
    write(tmp_path, {"site.md": SITE_NOTES + PARTED})
    found = findings(tmp_path / "site.md")
    assert _loud(found) == [], found
    # the entry under "## Primary Sources:" no note cites (at info: a bibliography may list works consulted)
    assert [(r, s) for r, s, _ in found] == [("uncited-reference", "info")], found


# --- a Word file made by pandoc -------------------------------------------------------------------------
# The Alberta brief above (Ixby/accountability-acts-alberta, narrative-v5.md) turned into Word by pandoc
# (`pandoc -t docx`), as an author submits a Markdown draft: pandoc gives the notes the ids 11, 13, 15
# ..., and Word shows them 1, 2, 3 ... in the order of their marks. refcheck labelled each note by its
# id: "footnote [11] skips [1], [2], ... [10]" and a "jump" for every note (71 warnings).


def _pandoc_like_docx() -> bytes:
    from tests.fixes.docx_util import W, package, para, run

    def note(nid: int, text: str) -> str:
        return (
            f'<w:footnote w:id="{nid}"><w:p><w:r><w:footnoteRef/></w:r>{run(" " + text)}</w:p></w:footnote>'
        )

    def mark(nid: int) -> str:
        return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{nid}"/></w:r>'

    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        "</w:p></w:footnote>"
        + note(11, "Guindon v. Canada, 2015 SCC 41.")
        + note(13, "Haida Nation v. British Columbia (Minister of Forests), 2004 SCC 73.")
        + note(17, "Harper v. Canada (Attorney General), 2004 SCC 33.")
        + "</w:footnotes>"
    )
    body = (
        para(run("Penalties of this kind are regulatory, not criminal."), mark(11))
        + para(
            run("The duty to consult applies to the Crown."),
            mark(13),
            run(" Spending limits survive."),
            mark(17),
        )
        + para(run("As the Court held again,"), mark(11), run(" the test stands."))
    )
    return package(body, footnotes=notes)


def test_a_word_files_notes_are_numbered_as_word_shows_them(tmp_path: Path) -> None:
    from refcheck.fixes.docx_text import build  # noqa: F401  (the tracked-changes writer's text, below)
    from refcheck.pipeline import CheckOptions, check_file

    path = tmp_path / "brief.docx"
    path.write_bytes(_pandoc_like_docx())
    found = findings(path)
    assert found == [], found
    doc = check_file(str(path), CheckOptions(links=False, verify=False)).doc
    assert doc is not None
    assert [m.label for m in doc.footnote_markers] == ["1", "2", "3", "1"]
    assert [n.label for n in doc.footnotes or []] == ["1", "2", "3"]
    assert "not criminal.1\n" in doc.text and "[3] Harper v. Canada" in doc.text


def test_the_tracked_changes_writer_finds_its_place_after_renumbered_marks(tmp_path: Path) -> None:
    """The writer rebuilds the loader's text to find where a fix goes: the marks' numbers must be
    the same there, or every fix after a mark would land off by the ids' extra digits. (A guard:
    it passes before too, when both wrote the ids.)"""
    from refcheck.fixes.docx import fix_docx
    from refcheck.pipeline import CheckOptions, check_file
    from tests.fixes.docx_util import package, para, run

    # (the same notes, a body citing a list with a wrong year after two marks)
    with zipfile.ZipFile(io.BytesIO(_pandoc_like_docx())) as z:
        notes = z.read("word/footnotes.xml").decode()
    mark = '<w:r><w:footnoteReference w:id="{}"/></w:r>'
    body = (
        para(
            run("Penalties are regulatory."),
            mark.format(11),
            mark.format(13),
            run(" Missions doubled (Vaisman 2008)."),
        )
        + para(run("Limits survive."), mark.format(17))
        + para(run("References"))
        + para(run("Vaisman, D. (2007) Azerbaijan's diplomacy. Baku: ADA."))
    )
    path = tmp_path / "brief.docx"
    path.write_bytes(package(body, footnotes=notes))
    doc = check_file(str(path), CheckOptions(links=False, verify=False)).doc
    assert doc is not None
    planned = fix_docx(doc)
    assert [(e.old, e.new) for e in planned.edits] == [(b"2008", b"2007")], planned.skipped


# The same brief as a Word file: its headings are styled paragraphs ("Heading 2"), not "## ". The list
# under "Sources" ran on through "About the drafter", "Glossary" and "Common questions" to the notes
# (57 "entries", among them the essay's paragraphs, whose notes' works then fitted nothing: 13 errors).

DOCX_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    "</w:styles>"
)


def _with_styles(data: bytes, styles: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, content in members:
            z.writestr(info, styles.encode() if info.filename == "word/styles.xml" else content)
    return out.getvalue()


def test_a_word_files_list_ends_at_the_next_heading_of_its_level(tmp_path: Path) -> None:
    from tests.fixes.docx_util import W, package, para, run

    def heading(text: str) -> str:
        return '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>' + run(text) + "</w:p>"

    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        + run(" Vaisman, Daniel, “Azerbaijan's Diplomacy,” Baku Review 2 (2007): 4.")
        + "</w:p></w:footnote></w:footnotes>"
    )
    body = (
        para(run("Missions doubled after 2004."), '<w:r><w:footnoteReference w:id="1"/></w:r>')
        + heading("Sources")
        + para(run("Vaisman, Daniel. “Azerbaijan's Diplomacy.” Baku Review 2 (2007): 1–19."))
        + heading("About the drafter")
        + para(run("I am a student of diplomacy. I wrote this brief in 2019 and revised it in 2021."))
        + para(run("Smith, my teacher, read it in 2020 and I thank him."))
    )
    path = tmp_path / "brief.docx"
    path.write_bytes(_with_styles(package(body, footnotes=notes), DOCX_STYLES))
    found = findings(path)
    assert found == [], found


# A case cited by its neutral citation, "Guindon (2015 SCC 41) sets the threshold question" (the brief
# in Word, where its italics are formatting), is no author-date citation of "Guindon" dated 2015 (3
# false errors).

CASES = """# The penalty regime

Guindon (2015 SCC 41) sets the threshold question; the legal floor under Mikisew Cree (2018 SCC 40)
is consultation, and McIver (2018 ABQB 240) held the court lacked jurisdiction. Still, some disagree
(Smith 2015).

## References

Smith, A. (2015). *Penalties and the Charter*. Toronto: Irwin Law.
"""


def test_a_courts_neutral_citation_is_no_author_date_citation(tmp_path: Path) -> None:
    write(tmp_path, {"cases.md": CASES})
    found = findings(tmp_path / "cases.md")
    assert found == [], found


def test_a_bibliographic_essay_without_italics_is_no_list_either(tmp_path: Path) -> None:
    # (the brief in Word: its titles' italics are formatting, the text has no "*"; the essay's own
    # prose paragraphs outnumber its paragraphs of works)
    head, sources = ESSAY.split("## Sources")
    sources, notes = sources.split("## Notes")
    plain = (
        head
        + "## Sources"
        + sources.replace("*", "")
        + (
            "The provisions referenced in the bills draw on existing statutory drafting.\n\n"
            "The estimates and analysis throughout are the drafter's own.\n\n## Notes"
        )
        + notes
    )
    write(tmp_path, {"brief.md": plain})
    found = findings(tmp_path / "brief.md")
    assert _loud(found) == [], found


# The brief as a Word file, whole: styled headings, its essay's titles in italics of Word (no "*"), and
# notes citing reports in full ("Cato Institute, How Viktor Orban's Hungary Eroded the Rule of Law and
# Free Markets (2024)."). With the essay read as no list, the note's title ending "Law and Free
# Markets (2024)" must not become an author-date citation missing from a list the page lacks.


def test_the_brief_as_a_word_file(tmp_path: Path) -> None:
    from tests.fixes.docx_util import W, package, para, run

    def heading(text: str) -> str:
        return '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>' + run(text) + "</w:p>"

    def note(nid: int, text: str) -> str:
        return (
            f'<w:footnote w:id="{nid}"><w:p><w:r><w:footnoteRef/></w:r>{run(" " + text)}</w:p></w:footnote>'
        )

    def mark(nid: int) -> str:
        return f'<w:r><w:footnoteReference w:id="{nid}"/></w:r>'

    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
        + note(11, "Guindon v. Canada, 2015 SCC 41, [2015] 3 SCR 3.")
        + note(13, "Land Owner Transparency Act, SBC 2019, c 23; registry launched November 30, 2020.")
        + note(
            15,
            "For documentation, see European Parliament, Committee on Civil Liberties, Justice and Home "
            "Affairs, Sargentini Report (2018); Cato Institute, How Viktor Orban's Hungary Eroded the Rule "
            "of Law and Free Markets (2024). https://www.cato.org/policy-analysis/hungary",
        )
        + "</w:footnotes>"
    )
    body = (
        para(run("Penalties of this kind are regulatory."), mark(11))
        + para(run("British Columbia opened its land registry in 2020."), mark(13))
        + para(run("Appointment patterns of this kind are documented."), mark(15))
        + heading("Sources")
        + para(run("The cases and statutes in this brief are drawn from the following."))
        + para(
            run(
                "Part II. Conflicts of Interest Act (federal), RSC 1985, c C-27.5; Lobbying Act, RSC 1985, "
                "c 44 (4th Supp.); Public Servants Disclosure Protection Act, SC 2005, c 46."
            )
        )
        + para(
            run(
                "Part III. R. v. Wigglesworth, [1987] 2 SCR 541; Guindon v. Canada, 2015 SCC 41; Haida "
                "Nation v. British Columbia (Minister of Forests), 2004 SCC 73."
            )
        )
        + para(
            run(
                "Part V. Financial Administration Act (Alberta), RSA 2000, c F-12; Auditor General Act "
                "(Alberta), RSA 2000, c A-46; Business Corporations Act (BC), RSBC 2002, c 57, as amended "
                "by the Land Owner Transparency Act; UK Lobbying Act 2014."
            )
        )
        + para(run("Part VII. This brief."))
        + para(run("The estimates and analysis throughout are the drafter's own."))
        + heading("About the drafter")
        + para(run("I am a student of information systems. I wrote this brief in 2025."))
    )
    path = tmp_path / "brief.docx"
    path.write_bytes(_with_styles(package(body, footnotes=notes), DOCX_STYLES))
    found = findings(path)
    assert _loud(found) == [], found


# The history paper as HTML (`pandoc -s -t html`): pandoc wraps its source lines, inside a note's
# title too ("Women in France since 1789: The\nMeanings of Difference (Palgrave Macmillan, 2004)"). The
# note was not read as a work, and its publisher and year became an author-date citation of
# "Macmillan", missing (error).

HISTORY_HTML = """<!DOCTYPE html>
<html><head><title>Analysis</title></head><body>
<h1>Analysis</h1>
<p>Women were excluded from the Revolution's goals.<a href="#fn1" class="footnote-ref" id="fnref1"
role="doc-noteref"><sup>1</sup></a> Many made pamphlets.<a href="#fn2" class="footnote-ref"
id="fnref2" role="doc-noteref"><sup>2</sup></a> Portraits showed virtue.<a href="#fn3"
class="footnote-ref" id="fnref3" role="doc-noteref"><sup>3</sup></a></p>
<h1>Bibliography</h1>
<p>Foley, Susan K. Women in France since 1789: The Meanings of Difference. New York: Palgrave
Macmillan, 2004.</p>
<p>Freund, Amy. “The Citoyenne Tallien.” The Art Bulletin 93, no. 3 (2011): 325–44.</p>
<p>Shusterman, Noah. “All of His Power Lies in the Distaff.” Past &amp; Present 223 (2014): 129–60.</p>
<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">
<hr />
<ol>
<li id="fn1"><p>Susan K. Foley, Women in France since 1789: The
Meanings of Difference (Palgrave Macmillan, 2004), 10.<a href="#fnref1" class="footnote-back"
role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p>Noah Shusterman, “All of His Power Lies in the Distaff,” Past &amp; Present 223
(2014): 131.<a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn3"><p>Amy Freund, “The Citoyenne Tallien,” The Art Bulletin 93, no. 3 (2011): 325.<a
href="#fnref3" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
</ol>
</section>
</body></html>
"""


def test_a_notes_title_wrapped_in_the_pages_source_is_read(tmp_path: Path) -> None:
    write(tmp_path, {"analysis.html": HISTORY_HTML})
    found = findings(tmp_path / "analysis.html")
    assert found == [], found


# More of the course's sites: LucasOM-XeThey/OliveiraMelo-Lucas-EUH3205 lists "Rink, Martin. “The German
# Wars of Liberation 1807-1815: The Restrained Insurgency.” *Small Wars & Insurgencies 25*, no. 4. July
# 2014." (the entry's year read from its quoted title, 1807: a false year-mismatch); and
# isabelbenegas/Isabel-Benegas-EUH3205 notes "G.R.S. Taylor, Leaders of Socialism Past and Present
# (Duffield and Company, 1910), 28-29" (a publisher without its place: "Duffield and Company, 1910" a
# missing author-date citation), "Karl Marx and Friedrich Engels, The Communist Manifesto, 1955,
# Bard.edu." (1955 read as a page: the note fitted both editions) and the bibliography-form note
# "Castenholz, William Burtice. The Growth of Socialism ... Law of 1878 / by William Burtice
# Castenholz. No place, unknown, or undetermined, 1903, 4." (its year read from the title: 1878).

MORE_NOTES = """# Analysis

Prussia's reformers armed the people.[^1] Socialism had its leaders.[^2] The Manifesto was reissued.[^3]
The law of 1878 drove the party underground.[^4]

[^1]: Martin Rink, “The German Wars of Liberation 1807-1815: The Restrained Insurgency,” *Small Wars &
    Insurgencies* 25, no. 4 (July 2014): 834.
[^2]: G.R.S. Taylor, Leaders of Socialism Past and Present (Duffield and Company, 1910), 28-29.
[^3]: Karl Marx and Friedrich Engels, The Communist Manifesto, 1955, Bard.edu. https://www.bard.edu/manifesto.pdf, xxvii.
[^4]: Castenholz, William Burtice. The Growth of Socialism in Germany during the Period of the
    Anti-Socialist Law of 1878 / by William Burtice Castenholz. No place, unknown, or undetermined, 1903, 4.

# Bibliography

Castenholz, William Burtice. *The Growth of Socialism in Germany during the Period of the
Anti-Socialist Law of 1878.* No place, unknown, or undetermined, 1903.

Marx, Karl, and Friedrich Engels. *The Communist Manifesto.* Charles H. Kerr & Company, 1848.

Marx, Karl, and Friedrich Engels. “The Communist Manifesto.” Bard.edu, 1955.

Rink, Martin. “The German Wars of Liberation 1807-1815: The Restrained Insurgency.” *Small Wars &
Insurgencies 25*, no. 4. July 2014. pp.

Taylor, G.R.S. *Leaders of Socialism Past and Present.* New York: Duffield and Company, 1910.
"""


def test_more_chicago_notes_and_entries_of_a_history_site(tmp_path: Path) -> None:
    write(tmp_path, {"analysis.md": MORE_NOTES})
    found = findings(tmp_path / "analysis.md")
    assert _loud(found) == [], found


# A heading dates its subject: EVolheim/VOLHEIM-EVERETT-3931's "# The Battle of Dunkirk (1940)", "# The
# Battle of the Bulge (1944)" and the GSF response's "### 5.1 EPRI DCFlex (2024 to Present)" were
# author-date citations of "Dunkirk", "Bulge" and "DCFlex" (missing references, errors).

HEADINGS = """# The Battle of Dunkirk (1940)

The evacuation saved the army (Divine 1948).

## 5.1 EPRI DCFlex (2024 to Present)

The initiative grew to 45 members.

## References

Divine, A. D. (1948). *Dunkirk*. New York: E. P. Dutton.
"""


def test_a_headings_year_is_no_citation(tmp_path: Path) -> None:
    write(tmp_path, {"battles.md": HEADINGS})
    found = findings(tmp_path / "battles.md")
    assert found == [], found


# meagan10/PAN-MEAGAN-HIST-3205: the note "Stephen Barbour and Ann Judge, *Language and Nationalism in
# Europe* (Oxford: Oxford University Press, 2007), chap. 3" (a work the bibliography lacks) fitted
# Kamusella's "Language as an instrument of nationalism in Central Europe" (2001) by its title's words
# alone: a year-mismatch (error) against another author's article, where the defect is a missing entry.

KAMUSELLA = """# Analysis

Language made the nation.[^1] Schools taught it.[^2] Its standard was political.[^3]

[^1]: Stephen Barbour and Ann Judge, *Language and Nationalism in Europe* (Oxford: Oxford University
    Press, 2007), chap. 3.
[^2]: G. H. Turnbull, “Fichte on Education,” *The Monist* 33, no. 2 (1923): 184.
[^3]: T. D. I. Kamusella, “Language as an Instrument of Nationalism in Central Europe,” *Nations &
    Nationalism* 7, no. 2 (2001): 235.

# Bibliography

Kamusella, T. D. I. (2001). “Language as an instrument of nationalism in Central Europe.” *Nations &
Nationalism*, 7(2), 235.

Turnbull, G. H. (1923). “Fichte on Education.” *The Monist*, 33, no. 2, 184–201.
"""


def test_a_notes_title_words_alone_do_not_make_another_authors_work(tmp_path: Path) -> None:
    write(tmp_path, {"analysis.md": KAMUSELLA})
    found = findings(tmp_path / "analysis.md")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")], found
    assert "Barbour" in found[0][2]


# GSF's drafts/"California Climate Disclosure Laws and the GSF SCI Score_ A Synergy Analysis.md": a
# "## 11. Sources" list of 36 bills, cases, standards and articles the paper cites by naming them ("SB
# 253 mandates ..."), and a table cell "Limited (2026), reasonable (2030)" the only author-date
# lookalike. Once the list was read whole, each dated entry was "listed but never cited" (22 warnings).
# Where no citation read cites any entry, one info says the list was not checked.

SOURCES = """# California Climate Disclosure Laws and the SCI

SB 253 mandates annual emissions reporting; SB 261 requires climate-risk reports, and SB 219 amended
both. Assurance is phased:

| Requirement | SB 253 |
|---|---|
| **Assurance** | Limited (2026), reasonable (2030) |

## 11. Sources

### California Legislation and Regulatory Materials

- California Senate Bill 253 (2023): Climate Corporate Data Accountability Act.
- California Senate Bill 261 (2023): Greenhouse Gases: Climate-Related Financial Risk.
- California Senate Bill 219 (2024): Amendments to SB 253 and SB 261.
- CARB Enforcement Advisory (December 2024): Good-faith compliance guidance for SB 253.

### Litigation

- Cooley LLP, "California's SB 253 and SB 261: Developments and Litigation" (January 26, 2026).
"""


def test_a_list_no_citation_reaches_is_said_once(tmp_path: Path) -> None:
    write(tmp_path, {"california.md": SOURCES})
    found = findings(tmp_path / "california.md")
    uncited = [(s, m) for r, s, m in found if r == "uncited-reference"]
    assert [s for s, _ in uncited] == ["info"], found
    assert "none of the citations read cites an entry" in uncited[0][1]
