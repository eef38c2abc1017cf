"""QA round 20: real projects not seen before (bookdown and Quarto theses, DOCX manuscripts, Jupyter
Books, biblatex theses), their misreadings rewritten as small cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.extract.names import read_names
from refcheck.pipeline import check_text

# --- Springer Basic: the particle of a surname after its initials ("Walden F von") ------------------

_SPRINGER = (
    "Mariappan MM, DSouza K, Kasinath BS (2011) Regulation of ribosome biogenesis. Am J Physiol "
    "300:C1–C9\n"
    "Walden F von (2019) Ribosome biogenesis in skeletal muscle. J Appl Physiol 127:591–598\n"
    "Walden F von, Casagrande V, Östlund Farrants A-K, Nader GA (2012) Mechanical loading induces a "
    "Pol I regulon. Am J Physiol Cell Physiol 302:C1523–C1530\n"
)


@pytest.mark.parametrize(
    "sentence",
    [
        # the CSL style drops the particle in the citation, or keeps it in front
        "Levels rose in cell cultures (Mariappan et al. 2011; Walden et al. 2012; Walden 2019).",
        "Levels rose in cell cultures (Mariappan et al. 2011; von Walden et al. 2012; von Walden 2019).",
    ],
)
def test_springer_particle_after_the_initials_is_part_of_the_surname(sentence: str) -> None:
    doc = check_text(f"Introduction\n\n{sentence}\n\nReferences\n\n{_SPRINGER}")
    assert [(f.rule, f.citation) for f in doc.findings] == []
    loading = next(r for r in doc.references if r.year == "2012" and "Walden" in r.authors[0])
    assert loading.authors[:2] == ["von Walden", "Casagrande"]


def test_particles_after_vancouver_initials_are_read_as_the_surnames() -> None:
    names = read_names("Gennip Y van, Berg P van der, Smith J (2019) Title")
    assert names.persons == [("van Gennip", "Y"), ("van der Berg", "P"), ("Smith", "J")]
    # (a lower-case word after the initials that is no particle ends the list as before)
    assert read_names("Smith JA, Jones K. Title of it").persons == [("Smith", "JA"), ("Jones", "K")]


# --- Zotero's Chicago author-date: given names with bare initials ("Christopher AR Sainsbury") ------


def test_chicago_given_name_with_bare_initials_keeps_the_co_authors() -> None:
    entry = (
        "Leighton, Emma, Christopher AR Sainsbury, and Gregory C Jones. 2017. “A Practical Review of "
        "c-Peptide Testing in Diabetes.” Diabetes Therapy 8: 475–87.\n"
    )
    doc = check_text(
        "Introduction\n\nC-peptide stays in the blood longer than insulin (Leighton, Sainsbury, and Jones "
        f"2017).\n\nReferences\n\n{entry}"
    )
    assert [(f.rule, f.citation) for f in doc.findings] == []
    assert doc.references[0].authors == ["Leighton", "Sainsbury", "Jones"]


# --- LaTeX: a bibliography style and no .bib named (a package not in the project names it) ---------
# econ-ark/method-of-moderation's content/source/moderation.tex sets \bibliographystyle{econark} and ends
# with \econarkmultibib{\texname}, a command of econark-multibib.sty (not in the repository) that names
# the .bib files: each of its 11 citations was a missing-reference error "no bibliography entry has
# that key", keys its project's references.bib holds.

_STYLE_ONLY = (
    "\\documentclass{article}\n\\usepackage{econark-multibib}\n\\bibliographystyle{econark}\n"
    "\\begin{document}\nAs in \\cite{BufferStockTheory} and \\cite{carrollEGM}; see \\cite{BufferStockTheory}.\n"
    "\\econarkmultibib{\\texname}\n\\end{document}\n"
)


def test_a_style_without_a_named_bibliography_is_one_warning(tmp_path: Path) -> None:
    from .projects import findings, write

    write(tmp_path, {"paper.tex": _STYLE_ONLY})
    found = [f[:2] for f in findings(tmp_path / "paper.tex")]
    assert found == [("missing-reference", "warning")]


def test_no_bibliography_and_no_style_stays_one_error(tmp_path: Path) -> None:
    from .projects import findings, write

    write(tmp_path, {"paper.tex": _STYLE_ONLY.replace("\\bibliographystyle{econark}\n", "")})
    assert [f[:2] for f in findings(tmp_path / "paper.tex")] == [("missing-reference", "error")]


# --- a section's number before "References": "# 9.0 References" ---------------------------------------
# AB-RCSC's camera-survey guidelines (a Jupyter Book) head their list "# 9.0 References": the heading was
# not read as one ("9." is, "9.0" was not), so only the entries after the last one that reads oddly were
# taken for the list (17 of 223), from "Velez, J., ..." on.


_MANY = (
    "Van Wilgenburg, S.L., Mahon, C.L., Campbell, G., McLeod, L., Campbell, M., Evans, D., Easton, W., "
    "Francis, C.M., Hache, S., Machtans, C.S., Mader, C., Pankratz, R.F., Russell, R., Smith, A.C., "
    "Thomas, P., Toms, J.D., Tremblay, J.A. (2020). A sampling design. *PLoS ONE, 15*(6), e0234494.\n"
)


@pytest.mark.parametrize("heading", ["# 9.0 References", "## 5.7. References", "9.0 References"])
def test_a_multi_level_section_number_heads_the_reference_list(tmp_path: Path, heading: str) -> None:
    from .projects import checked

    entries = "".join(
        f"{name}, J. ({year}). Title number {year} of a study. *Journal, {year % 50}*(2), 1–9.\n\n"
        for name, year in [("Adams", 2001), ("Baker", 2003), ("Clark", 2005)]
    )
    doc = checked(tmp_path, "references.md", f"{heading}\n\n{entries}{_MANY}")
    assert [r.authors[0] for r in doc.references] == ["Adams", "Baker", "Clark", "Van Wilgenburg"]


def test_an_inverted_name_that_lost_its_comma_keeps_the_next_author() -> None:
    # the same guidelines' "Foster R. J., & Harmsen, B. J. (2012)" (no comma after Foster) was read as
    # Foster alone, closed by "R.": "(Foster & Harmsen, 2012)" was a missing-reference error
    entry = "Foster R. J., & Harmsen, B. J. (2012). A critique of density estimation. *J Wildl Manage, 76*, 224–236.\n"
    doc = check_text(
        f"Introduction\n\nDensity is hard to estimate (Foster & Harmsen, 2012).\n\nReferences\n\n{entry}"
    )
    assert [(f.rule, f.citation) for f in doc.findings] == []
    assert doc.references[0].authors == ["Foster", "Harmsen"]


# --- a co-author misspelt: one defect, an author-mismatch (not a missing entry and an uncited one) ----
# The guidelines cite "(Rovero & Zimmerman, 2016)" three times for "Rovero, F., & Zimmermann, F. (2016)":
# three missing-reference errors and the entry "never cited".

_ROVERO = (
    "Rovero, F., & Zimmermann, F. (2016). Camera trapping for wildlife research. Pelagic Publishing.\n"
    "Rovero, F., & Marshall, A. R. (2009). Camera trapping photographic rate. J Appl Ecol, 46, 1011–1017.\n"
)


def test_a_misspelt_co_author_is_an_author_mismatch_of_the_entry() -> None:
    doc = check_text(
        "Intro\n\nCameras work (Rovero & Zimmerman, 2016), as rates show (Rovero & Marshall, 2009).\n\n"
        f"References\n\n{_ROVERO}"
    )
    assert [(f.rule, f.suggestion) for f in doc.findings] == [
        ("author-mismatch", "Rovero and Zimmermann 2016")
    ]


def test_another_co_author_stays_a_missing_entry() -> None:
    doc = check_text(
        "Intro\n\nCameras work (Rovero & Smith, 2016), as rates show (Rovero & Marshall, 2009).\n\n"
        f"References\n\n{_ROVERO}"
    )
    assert sorted(f.rule for f in doc.findings) == ["missing-reference", "uncited-reference"]


# --- a book's page whose list is a page of its own --------------------------------------------------------
# AB-RCSC's guidelines (a Jupyter Book) cite by author and year on every chapter page and list the works
# on the chapter "1_9.0_References.md": each of 20 pages (and each of their rendered HTML pages) was
# a missing-reference error "the document has no reference list".

_PAGE = "# 1.0 Background\n\nCameras detect mammals (Burton et al., 2015; Lahoz-Monfort & Magrath, 2021).\n"
_LIST = "# 9.0 References\n\nBurton, A. C., & Neilson, E. (2015). Wildlife camera trapping. *J Appl Ecol, 52*, 675–685.\n"


def test_a_page_beside_the_books_reference_page_is_info(tmp_path: Path) -> None:
    from .projects import findings, write

    write(tmp_path, {"guide/1_1.0_Background.md": _PAGE, "guide/1_9.0_References.md": _LIST})
    found = findings(tmp_path / "guide" / "1_1.0_Background.md")
    assert [f[:2] for f in found] == [("missing-reference", "info")]
    assert "1_9.0_References.md" in found[0][2]


@pytest.mark.parametrize(
    "other", ["1_2.0_Methods.md", "literature-review-structural-break-detection.md", "sources-of-error.md"]
)
def test_a_page_with_no_reference_page_beside_it_stays_an_error(tmp_path: Path, other: str) -> None:
    # (MinhHaDuong/Oeconomia-Climate-finance's notes: a slide outline's citations were said to be listed on
    # "literature-review-structural-break-detection.md", a page that has no list either)
    from .projects import findings, write

    write(tmp_path, {"guide/1_1.0_Background.md": _PAGE, f"guide/{other}": "# Methods\n\nText.\n"})
    assert [f[:2] for f in findings(tmp_path / "guide" / "1_1.0_Background.md")] == [
        ("missing-reference", "error")
    ]


@pytest.mark.parametrize(
    "name", ["references.md", "99-literature.qmd", "works-cited.html", "Bibliography.rst"]
)
def test_a_reference_page_is_known_by_its_name_alone(tmp_path: Path, name: str) -> None:
    from .projects import findings, write

    write(tmp_path, {"guide/1_1.0_Background.md": _PAGE, f"guide/{name}": _LIST})
    assert [f[:2] for f in findings(tmp_path / "guide" / "1_1.0_Background.md")] == [
        ("missing-reference", "info")
    ]


@pytest.mark.parametrize("title", ["9.0 References", "References"])
def test_the_next_pages_title_in_a_themes_footer_heads_no_list(tmp_path: Path, title: str) -> None:
    # the rendered page's pydata-theme footer: "next" / "9.0 References" (a link to the next page) was
    # read as the heading of a list holding "© Copyright 2024.": 28 missing-reference errors
    from .projects import findings, write

    page = (
        "<html><body><main><h1>8.0 Data</h1><p>Platforms differ (Greenberg, 2018; Fennell et al., 2022).</p>"
        '<footer class="prev-next-footer"><div class="prev-next-area">'
        '<a class="right-next" href="refs.html"><div class="prev-next-info"><p class="prev-next-subtitle">next</p>'
        f'<p class="prev-next-title">{title}</p></div></a></div></footer>'
        "<p>By the Remote Camera Steering Committee (RCSC), Stevenson, C., &amp; Hubbs, A.</p>"
        "<p>© Copyright 2024.</p></main></body></html>"
    )
    write(tmp_path, {"site/data.html": page})
    found = findings(tmp_path / "site" / "data.html")
    assert [f[:2] for f in found] == [("missing-reference", "error")]
    assert "no reference list" in found[0][2]


# --- a note without its colon after a thematic break ---------------------------------------------------
# ABV-Hub/M.Sc-Thesis (bookdown) ends a chapter with "***" and then "[^1] Here, we call ...": the line
# above was taken for a paragraph that "[^1]" continued, so the note without its colon was not said;
# its marker and the note's own label were two "marker has no footnote" errors.


@pytest.mark.parametrize("above", ["***", "---", "# Notes"])
def test_a_note_without_its_colon_after_a_rule_is_one_finding(tmp_path: Path, above: str) -> None:
    from .projects import findings, write

    text = f"Proxy models [^1] are used, for each observation [^2].\n\n{above}\n[^1] Here, we call proxy models.\n[^2]: In this work.\n"
    write(tmp_path, {"chapter.md": text})
    found = findings(tmp_path / "chapter.md")
    assert [f[0] for f in found] == ["footnote-undefined"]
    assert "without the colon" in found[0][2]


# --- R's printed vectors are no footnotes ------------------------------------------------------------------
# alecristia/nwryd19 keeps its sessionInfo() as lastknit_session_info.txt: "[1] stats graphics ...",
# " [7] dplyr_1.0.7 ...": 19 footnote-unreferenced and 13 footnote-order warnings.

_SESSION = (
    "R version 4.1.2 (2021-11-01)\n\nlocale:\n[1] en_US.UTF-8/en_US.UTF-8/C\n\nattached base packages:\n"
    "[1] stats     graphics  grDevices datasets  utils     methods   base\n\nother attached packages:\n"
    " [1] sjPlot_2.8.9      openxlsx_4.2.4    lme4_1.1-27.1     Matrix_1.3-4      forcats_0.5.1     stringr_1.4.0\n"
    " [7] dplyr_1.0.7       purrr_0.3.4       readr_2.0.1       tidyr_1.1.3       tibble_3.1.4      ggplot2_3.3.5\n"
    "[13] tidyverse_1.3.1   gdata_2.18.0      kableExtra_1.3.4  papaja_0.1.0.9997\n"
)


def test_r_printed_vectors_are_no_footnotes(tmp_path: Path) -> None:
    from .projects import findings, write

    write(tmp_path, {"session_info.txt": _SESSION})
    assert [f[:2] for f in findings(tmp_path / "session_info.txt") if f[1] != "info"] == []


def test_plain_text_footnotes_stay_notes(tmp_path: Path) -> None:
    from .projects import findings, write

    text = "The survey ran twice [1] and again [2].\n\n[1] In 2010 and 2011.\n[2] With new staff and more sites.\n[3] An orphan note.\n"
    write(tmp_path, {"report.txt": text})
    assert [f[0] for f in findings(tmp_path / "report.txt")] == ["footnote-unreferenced"]


# --- Harvard's "no date" ------------------------------------------------------------------------------------
# DidDrog11/scoping_review's DOCX (Cite Them Right Harvard) cites "(Bernstein et al., no date)" for
# "Bernstein, A. S. et al. (no date) 'The costs and benefits ...'": the citation was not read, and the
# entry was "listed but never cited" (3 warnings in each of two drafts).


def test_harvard_no_date_is_a_year_of_citation_and_entry() -> None:
    entries = (
        "Bernstein, A. S. et al. (no date) 'The costs and benefits of primary prevention', Science Advances, "
        "8(5), p. eabl4183.\n"
        "National Geospatial-Intelligence Agency (no date) 'NGA: GNS Home'. Available at: "
        "https://geonames.nga.mil/gns/html/ (Accessed: 22 March 2021).\n"
    )
    doc = check_text(
        "Intro\n\nPandemics are costly (Bernstein et al., no date). Places were found with the "
        f"GEOnet server (National Geospatial-Intelligence Agency, no date).\n\nReferences\n\n{entries}"
    )
    assert [(f.rule, f.citation) for f in doc.findings] == []
    assert [c.year for c in doc.citations] == ["n.d.", "n.d."]
