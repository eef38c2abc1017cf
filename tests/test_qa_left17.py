"""QA round left17: misreadings found in round 16 and left (a country and a year in a caption, product
names in brackets, given-first names with a middle name, cut lists, repeated BibTeX fields, unsigned
editorials). Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

from refcheck.model import Severity

from .projects import checked


def _found(doc):  # type: ignore[no-untyped-def]
    return [(f.rule, f.severity, f.citation) for f in doc.findings]


# --- a country and a year out of brackets, beside several entries of that country -------------------
# A SciELO article's table caption "Pesquisa Nacional de Saúde, Brasil 2013." (the survey's place and
# date) was read as a low-confidence citation of the ministry's entries "Brasil (2012a)", "(2012b)",
# "(2014a)", "(2014b)" and reported as a year-mismatch error suggesting 2012a. A mention out of
# brackets whose author has several entries, none of its year, is said at info. The seed's footnote
# "see Embassy of Azerbaijan to Mexico 2008" (the organisation's one entry) stays read, and a wrong
# year there stays an error.

CAPTION = """Diabetes during pregnancy is common (Silva 2015). The survey followed the national protocol (Brasil 2014a).

Table 1. Characteristics of the women interviewed. National Health Survey, Brasil 2013. Prenatal module (N = 1851)

Care during pregnancy follows the manuals (Brasil 2012a; Brasil 2012b).

References

Brasil (2012a) Gestação de alto risco: manual técnico. Brasília.

Brasil (2012b) Atenção ao pré-natal de baixo risco. Ministério da Saúde, Brasília.

Brasil (2014a) VIGITEL Brasil 2013. Ministério da Saúde, Brasília.

Silva, João (2015) Programas sociais no Brasil. Editora Unesp, São Paulo.
"""


def test_a_country_and_year_out_of_brackets_beside_several_entries_is_info(tmp_path: Path) -> None:
    doc = checked(tmp_path, "caption.txt", CAPTION)
    assert _found(doc) == [("year-mismatch", Severity.INFO, "Brasil 2013")]
    assert doc.findings[0].suggestion is None


SEED = Path(__file__).resolve().parent.parent / "fixtures" / "000_bc11b8a9853f7d3f.txt"


def test_the_seeds_footnote_citation_of_an_organisation_stays_read(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = checked(tmp_path, "seed.txt", text)
    embassy = [c for c in doc.citations if c.text == "Embassy of Azerbaijan to Mexico 2008"]
    assert len(embassy) == 1 and embassy[0].references
    slipped = text.replace(
        "see Embassy of Azerbaijan to Mexico 2008", "see Embassy of Azerbaijan to Mexico 2009"
    )
    doc = checked(tmp_path, "seed.txt", slipped)
    assert ("year-mismatch", Severity.ERROR, "Embassy of Azerbaijan to Mexico 2009") in _found(doc)


# --- names and years in brackets that are no citation, and an organisation ending in "Group" --------
# JOSE papers (styles9): "(The Open Group, 2017)" was not read at all ("Group" is a common word that
# ends names), so with its entry gone no missing-reference was said; "(Transform 2020/2021)", a
# hackathon's academic year, was a missing-reference error. A SciELO paper's "(Allplex 2019-nCoV
# Assay, Seegene)", a test kit, was read as "Allplex 2019", an error.

BRACKETS = """Enterprise architecture has a standard framework (The Open Group, 2017). Students joined a hackathon (Transform 2020/2021) to build tools.
Samples were tested with a commercial kit (Allplex 2019-nCoV Assay, Seegene) as described (Smith, 2020). Tools lasted (Jones, 2015-present).

References

Jones, K. (2015). A tool. Journal of Tools, 1, 1-2.

Smith, J. (2020). Testing at scale. Journal of Testing, 4, 1-10.
"""


def test_an_organisation_ending_in_group_is_read_and_a_kits_name_is_no_citation(tmp_path: Path) -> None:
    doc = checked(tmp_path, "brackets.txt", BRACKETS)
    assert [(c.text, c.authors) for c in doc.citations] == [
        ("The Open Group, 2017", ["The Open Group"]),
        ("Transform 2020/2021", ["Transform"]),
        ("Smith, 2020", ["Smith"]),
        ("Jones, 2015", ["Jones"]),
    ]
    assert _found(doc) == [
        ("missing-reference", Severity.ERROR, "The Open Group, 2017"),
        ("missing-reference", Severity.INFO, "Transform 2020/2021"),
    ]


def test_two_years_not_in_a_row_stay_a_citation(tmp_path: Path) -> None:
    doc = checked(tmp_path, "reprint.txt", BRACKETS.replace("Transform 2020/2021", "Marx 2019/2021"))
    assert ("missing-reference", Severity.ERROR, "Marx 2019/2021") in _found(doc)


# --- given names first with a middle name written out (ACL) ----------------------------------------
# JOSE papers in ACL's style: "R. Dennis Cook. 1977." and "S. K. Morgan Ernest, H. Ye, and E. P. White.
# 2023." were read as the surnames "Dennis Cook" and "Morgan Ernest": "Cook (1977)" a year-mismatch
# against "Cook and Weisberg (1982)", "Ernest et al., 2023" missing, both entries uncited. "DJF de
# Quervain, B Roozendaal, and JL McGaugh" (bare initials before a particle) lost its second author and
# kept "DJF" in the surname. A double surname the text cites whole stays one.

ACL = """Influence measures were introduced by Cook (1977) and extended by Cook and Weisberg (1982). Forecasts improved (Ernest et al., 2023; Ernest, 2021). Stress impairs retrieval (de Quervain et al., 2000). Memory is a novel (García Márquez, 1967).

References

R. Dennis Cook. 1977. Detection of influential observation in linear regression. Technometrics, 19(1):15–18.

R. Dennis Cook and Sanford Weisberg. 1982. Residuals and Influence in Regression. Chapman and Hall.

S. K. Morgan Ernest. 2021. Ecological forecasting alone. Ecology, 26:1–10.

S. K. Morgan Ernest, H. Ye, and E. P. White. 2023. Ecological forecasting. Ecology Letters, 26:1–10.

DJF de Quervain, B Roozendaal, and JL McGaugh. 2000. Stress and glucocorticoids impair retrieval of long-term spatial memory. Nature, 394:787–790.

G. García Márquez. 1967. Cien años de soledad. Sudamericana.
"""


def test_a_middle_name_written_out_is_no_part_of_the_surname(tmp_path: Path) -> None:
    doc = checked(tmp_path, "acl.txt", ACL)
    assert [r.authors for r in doc.references] == [
        ["Cook"],
        ["Cook", "Weisberg"],
        ["Ernest"],
        ["Ernest", "Ye", "White"],
        ["de Quervain", "Roozendaal", "McGaugh"],
        ["García Márquez"],
    ]
    assert doc.references[0].given[0] == "R. Dennis"
    assert doc.findings == []


# --- a BibTeX field given twice with the same value -------------------------------------------------
# Zotero's exports write "doi" twice with one value; it was an input-bibliography warning, as a field
# given twice with two values is (one of them is lost). The same value twice is an info.


def test_a_field_given_twice_with_the_same_value_is_info(tmp_path: Path) -> None:
    from refcheck.loaders.bibtex import read_bibliography

    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{smith2001,\n  author = {Smith, John},\n  title = {A study},\n  journal = {J},\n"
        "  year = {2001},\n  doi = {10.1/ABC},\n  doi = {10.1/abc},\n  pages = {1--2},\n  pages = {1--2},\n}\n"
        "@article{jones2002,\n  author = {Jones, Ann},\n  title = {Another},\n  journal = {J},\n"
        "  year = {2002},\n  year = {2003},\n  doi = {10.1/x},\n  doi = {10.1/x},\n}\n",
        encoding="utf-8",
    )
    _, problems = read_bibliography(str(bib))
    assert [(f.severity, f.line, f.message) for f in problems] == [
        (
            Severity.INFO,
            1,
            "entry smith2001: the fields doi, pages are given twice with the same value; one may go",
        ),
        (Severity.WARNING, 11, "entry jones2002: the field year is given twice; the first value is kept"),
        (Severity.INFO, 11, "entry jones2002: the field doi is given twice with the same value; one may go"),
    ]


# --- an unsigned editorial ----------------------------------------------------------------------------
# A real project's .bib held a journal's unsigned editorial with no author: an incomplete-reference
# warning ("complete it"), though it has none to give. An entry that says it is an editorial is said at
# info, its title standing in the author's place; an article without its author stays a warning. In a
# text list, APA's citation of an unsigned work by its title in quotation marks, "("The time for open
# data is now," 2020)", was not linked (the leading quotation mark kept "The" in the title's key).

EDITORIAL_BIB = """@article{editorial2020,
  title = {The time for open data is now},
  journal = {Nature Ecology \\& Evolution},
  year = {2020},
  volume = {4},
  note = {Editorial},
}
@article{plain2020,
  title = {A study of open data},
  journal = {Journal of Data},
  year = {2020},
}
"""


def test_an_unsigned_editorial_has_no_author_to_give(tmp_path: Path) -> None:
    doc = checked(
        tmp_path,
        "paper.md",
        "---\nbibliography: refs.bib\n---\nOpen data is the norm [@editorial2020; @plain2020].\n",
        {"refs.bib": EDITORIAL_BIB},
    )
    assert [(f.rule, f.severity, f.reference_id) for f in doc.findings] == [
        ("incomplete-reference", Severity.INFO, "bib-1"),
        ("incomplete-reference", Severity.WARNING, "bib-2"),
    ]


EDITORIAL_TEXT = """Open data has become a norm (\u201cThe time for open data is now,\u201d 2020). Others disagree (Smith, 2019).

References

Editorial. 2020. The time for open data is now. Nature Ecology & Evolution, 4:1.

Smith, J. 2019. Against open data. Journal of Things, 3:4\u20135.
"""


def test_an_unsigned_work_cited_by_its_quoted_title_is_linked(tmp_path: Path) -> None:
    doc = checked(tmp_path, "paper.txt", EDITORIAL_TEXT)
    assert [(c.text, c.references) for c in doc.citations] == [
        ("\u201cThe time for open data is now,\u201d 2020", ("ref-1",)),
        ("Smith, 2019", ("ref-2",)),
    ]
    assert doc.findings == []


# --- a reference list cut short -------------------------------------------------------------------------
# Real projects' PDF conversions lose a list's last page, or a page of figures interrupts it: the
# entries after the cut are not read, and every citation of them was a missing-reference error. A list
# in alphabetical order that ends the document (or a figure page follows it), with works by two authors
# or more cited that sort after its last entry, looks cut: those citations are info, saying so. One
# missing work after the last entry stays an error (a work the list lacks), and so do they all when the
# document goes on after the list.

CUT = """Trade grew fast (Adams 2001; Baker 2003). Prices followed (Clark 2005) and wages lagged (Davis 2007; Evans 2009). Later work agreed (Young 2015; Zhou 2018) and others too (Walker 2012; Foster 2010).

References

Adams, A. (2001) Trade and growth. Journal of Trade, 1: 1-10.

Baker, B. (2003) Prices. Journal of Prices, 2: 1-10.

Clark, C. (2005) Wages. Journal of Wages, 3: 1-10.

Davis, D. (2007) Labour. Journal of Labour, 4: 1-10.

Evans, E. (2009) Markets. Journal of Markets, 5: 1-10.

Foster, F. (2010) Money. Journal of
"""


def test_citations_after_the_end_of_a_cut_list_are_info(tmp_path: Path) -> None:
    doc = checked(tmp_path, "cut.txt", CUT)
    assert _found(doc) == [
        ("missing-reference", Severity.INFO, "Young 2015"),
        ("missing-reference", Severity.INFO, "Zhou 2018"),
        ("missing-reference", Severity.INFO, "Walker 2012"),
    ]
    assert "looks cut short" in doc.findings[0].message
    figures = CUT + "\nFigure 1. Trade and prices by sector.\n\nTable 2. Wages by sector.\n"
    assert [f.severity for f in checked(tmp_path, "cut.txt", figures).findings] == [Severity.INFO] * 3


def test_a_list_that_is_whole_keeps_its_missing_works_errors(tmp_path: Path) -> None:
    one = CUT.replace("(Young 2015; Zhou 2018)", "(Zhou 2018)").replace("Walker 2012; ", "")
    assert _found(checked(tmp_path, "one.txt", one)) == [("missing-reference", Severity.ERROR, "Zhou 2018")]
    more = CUT + "\nAppendix A. The data\n\nThe data come from the national accounts of each country.\n"
    assert [f.severity for f in checked(tmp_path, "more.txt", more).findings] == [Severity.ERROR] * 3
