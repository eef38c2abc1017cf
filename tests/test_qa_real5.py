"""False alarms found by running refcheck on real documents of kinds not tried before (QA round 5:
bookdown and Quarto books with chapters in subdirectories, theses with a bibliography per chapter,
Jupyter Books, MyST sites, Manubot manuscripts, Markdown blogs): each test is the smallest form of a
pattern a public document uses, and failed before its fix. The source of each pattern is named beside
its test."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.pipeline import CheckOptions, check_file

from .projects import findings, write

# --- a bookdown book whose chapters are in subdirectories --------------------------------------------
# rafalab/dsbook and bweatherson/lda-bookdown: _bookdown.yml lists "dataviz/intro-dataviz.Rmd",
# "topic_comments/topic02.Rmd" ...; each such chapter was checked alone, without the book's
# bibliography, so its prose was read for author-date citations ("ER Tufte (1983) The visual display
# ...": 'the document has no reference list', an error) and its [@key]s were never checked.

BOOK = {
    "_bookdown.yml": 'book_filename: "book"\nrmd_files: [\n  "index.Rmd",\n  "dataviz/intro.Rmd",\n'
    '  #"dataviz/robust.Rmd",\n  "ml/trees.Rmd"\n]\n',
    "book.bib": "@book{tufte1983, author={Tufte, Edward R.}, title={The Visual Display of Quantitative"
    " Information}, publisher={Graphics Press}, year={1983}}\n",
    "index.Rmd": '---\ntitle: "A Book"\nbibliography: [book.bib]\n---\n\n# Preface {-}\n\nHello.\n',
    "dataviz/intro.Rmd": "# Data visualization\n\nGood displays [@tufte1983].\n\n"
    "* ER Tufte (1983) The visual display of quantitative information.\n",
    "ml/trees.Rmd": "# Trees\n\n(Source: Walton 2010 Informal Logic, Vol. 30.) A typo [@tufte1984].\n",
}


def test_bookdown_chapters_in_subdirectories_are_the_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refcheck.pipeline import expand_paths

    monkeypatch.chdir(tmp_path)
    write(tmp_path, BOOK)
    files, _ = expand_paths([str(tmp_path)])
    assert [Path(f).name for f in files] == ["index.Rmd"]
    found = findings(tmp_path / "index.Rmd")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'tufte1984'" in found[0][2]
    # a chapter named alone is checked as the book, from its index.Rmd
    files, _ = expand_paths([str(tmp_path / "ml" / "trees.Rmd")])
    assert [Path(f).name for f in files] == ["index.Rmd"]


# --- an article in two parts: one title, other pages -------------------------------------------------
# bweatherson/lda-bookdown's idealism_articles_1925-1935.html lists "Abraham Edel, 1932, “A Study of a
# Philosophy of the Determinate,” Journal of Philosophy 29:29–41." and "... 29:57–69.": two parts of one
# paper. The last page before the full stop was not read as a number ("41." looked like a decimal), so
# the first entry's numbers were all among the second's: a duplicate-reference warning.


@pytest.mark.parametrize("end", [".", ""])
def test_one_title_on_other_pages_before_a_full_stop_is_no_duplicate(tmp_path: Path, end: str) -> None:
    text = (
        "Idealism was debated at length (Ewing 1925; Edel 1932).\n\nReferences\n\n"
        "A. C. Ewing, 1925, “The Relation Between Knowing and Its Object,” Mind 34:137–53.\n\n"
        f"Abraham Edel, 1932, “A Study of a Philosophy of the Determinate,” Journal of Philosophy 29:29–41{end}\n\n"
        f"Abraham Edel, 1932, “A Study of a Philosophy of the Determinate,” Journal of Philosophy 29:57–69{end}\n"
    )
    (tmp_path / "list.txt").write_text(text, encoding="utf-8")
    assert "duplicate-reference" not in [r for r, _, _ in findings(tmp_path / "list.txt")]


# --- "Why 1848 ...?" -----------------------------------------------------------------------------------
# bweatherson/lda-bookdown's 01-methodology-Word.Rmd: "...the Venetian Revolution.^[Why 1848 and not
# some other historical event? ...]" was the author-date citation "Why 1848" of a document with no
# reference list: an error. A question word is no author.


@pytest.mark.parametrize("question", ["Why 1848 and not some other event?", "How 2020 changed the survey."])
def test_a_question_word_before_a_year_is_no_citation(tmp_path: Path, question: str) -> None:
    (tmp_path / "chapter.md").write_text(
        f"# Method\n\nThe cut-off is the Five Days of Milan.^[{question} Well, dates matter.]\n",
        encoding="utf-8",
    )
    assert [r for r, s, _ in findings(tmp_path / "chapter.md") if s != "info"] == []


# --- a citation that is a link to the work -------------------------------------------------------------
# jalammar/jalammar.github.io's posts ("two pioneering papers ([Sutskever et al., 2014](https://papers.
# nips.cc/...), [Cho et al., 2014](http://emnlp2014.org/...))") and jupyter-book/mystmd's
# docs/citations.md ("[Cockett, 2022](https://doi.org/10.5281/zenodo.6476040)", which MyST turns into a
# citation and a reference list entry): the link takes the reader to the work, so a post without a
# reference list is no error (said at info); a citation written plainly still is.

POST = (
    "# Attention\n\nThese models are explained in the two pioneering papers "
    "([Sutskever et al., 2014](https://papers.nips.cc/paper/5346-sequence-to-sequence.pdf), "
    "[Cho et al., 2014](http://emnlp2014.org/papers/pdf/EMNLP2014179.pdf)).\n\n"
    "MyST links DOIs: [Cockett, 2022](https://doi.org/10.5281/zenodo.6476040).\n"
)


def test_a_citation_linking_to_its_work_needs_no_reference_list(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    found = findings(tmp_path / "post.md")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "info")]
    assert "links" in found[0][2]
    plain = POST.replace(
        # (in brackets: a work a post names in its own sentence, "shown by Bahdanau et al. (2015)", is
        # info without a list since QA round 7, tests/test_qa_real7.py)
        "\n\n",
        "\n\nAttention was first shown for translation (Bahdanau et al., 2015).\n\n",
        1,
    )
    (tmp_path / "plain.md").write_text(plain, encoding="utf-8")
    assert [(r, s) for r, s, _ in findings(tmp_path / "plain.md")] == [("missing-reference", "error")]


def test_a_linked_citation_beside_a_reference_list_is_info(tmp_path: Path) -> None:
    text = (
        POST
        + "\nAs Bahdanau et al. (2015) showed.\n\n## References\n\nBahdanau, D., Cho, K. and Bengio, Y. (2015) Neural machine translation. ICLR.\n"
    )
    (tmp_path / "post.md").write_text(text, encoding="utf-8")
    assert {(r, s) for r, s, _ in findings(tmp_path / "post.md")} == {("missing-reference", "info")}


# --- a reading list: each item a whole entry, opening with its authors and year -------------------------
# rdpeng/rprogdatascience's overview.Rmd ("### Useful Standard Texts on S and R" then "- Chambers (2008).
# *Software for Data Analysis*, Springer"), its scoping.Rmd ("- Reference: Robert Gentleman and Ross
# Ihaka (2000). "Lexical Scope ...," _JCGS_, 9, 491–508.") and bweatherson/lda-bookdown's topic pages
# ("- Homo Leone (1912) "[The Vedantic Absolute](https://...)" Mind 21:62-78."): each item gives the work
# in full where it stands; "no reference list" was an error. Said at info; a citation in prose is not
# such an item.

READING = (
    "# Overview\n\n### Useful Standard Texts on S and R\n\n"
    "- Chambers (2008). *Software for Data Analysis*, Springer\n\n"
    "- Venables & Ripley (2002). *Modern Applied Statistics with S*,\n    Springer: This is a standard"
    " textbook in statistics and describes\n    how to use many statistical methods in R.\n\n"
    '- Reference: Robert Gentleman and Ross Ihaka (2000). "Lexical Scope and Statistical Computing,"'
    " _JCGS_, 9, 491–508.\n"
    '- Homo Leone (1912) "[The Vedantic Absolute](https://philpapers.org/rec/LEOTVA)" Mind 21:62-78.\n\n'
    "### Other Resources\n\n- Major technical publishers have\n    entire series of books dedicated to"
    " using R.\n\n- A longer list of books can be found on the [CRAN web\n    site](http://www.r-project.org/).\n"
)


def test_a_reading_list_of_whole_entries_needs_no_reference_list(tmp_path: Path) -> None:
    (tmp_path / "overview.Rmd").write_text(READING, encoding="utf-8")
    found = findings(tmp_path / "overview.Rmd")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "info")]
    # (in brackets, with co-authors: a work named in passing, "As Chambers and Hastie (1992) explain", is
    # info without a list since QA round 7, and one name and year alone may be no citation)
    prose = READING + "\nS is a language for data (Chambers and Hastie, 1992).\n"
    (tmp_path / "prose.Rmd").write_text(prose, encoding="utf-8")
    assert [(r, s) for r, s, _ in findings(tmp_path / "prose.Rmd")] == [("missing-reference", "error")]


# --- a CSL YAML bibliography file ------------------------------------------------------------------------
# greenelab/connectivity-search-manuscript: Manubot reads content/manual-references.yaml (CSL YAML, "- id:
# transe ..."), whose "[@transe]" was a missing-reference error; pandoc reads "bibliography: refs.yaml"
# (or .yml) as CSL YAML too, a list of items or one "references:" mapping: its entries were not read.

CSL_YAML = (
    "- id: transe\n  type: paper-conference\n  title: Translating embeddings for modeling multi-relational data\n"
    "  author:\n  - family: Bordes\n    given: Antoine\n  issued:\n    date-parts:\n    - [2013]\n"
)


@pytest.mark.parametrize(
    ("name", "body"), [("refs.yaml", CSL_YAML), ("refs.yml", "references:\n" + CSL_YAML)]
)
def test_a_csl_yaml_bibliography_is_read(tmp_path: Path, name: str, body: str) -> None:
    write(
        tmp_path,
        {name: body, "paper.md": f"---\nbibliography: {name}\n---\n\nTranslational models [@transe].\n"},
    )
    assert findings(tmp_path / "paper.md") == []


def test_manubot_reads_manual_references_yaml(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/metadata.yaml": "title: T\n",
            "content/manual-references.yaml": CSL_YAML,
            "content/01.main-text.md": "## Methods\n\nOr translational distance models [@transe].\n",
        },
    )
    assert findings(tmp_path / "content" / "01.main-text.md") == []


def test_a_yaml_bibliography_that_is_no_list_of_items_is_said(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"refs.yaml": "title: [unclosed\n", "paper.md": "---\nbibliography: refs.yaml\n---\n\nAs [@a].\n"},
    )
    # (a file that cannot be read: an input error of its own since left15, no finding of the page)
    doc = check_file(str(tmp_path / "paper.md"), CheckOptions(links=False, verify=False)).doc
    assert doc is not None
    assert [(Path(p).name, why) for p, why in doc.unreadable] == [
        ("refs.yaml", "not valid YAML (while parsing a flow sequence)")
    ]


# --- one book's chapters as entries of their own --------------------------------------------------------
# whoswq/mathinchem2020 (a book with a bibliography per chapter, chapterbib): ref_chp_3.bib has
# "@inbook{Tuckerman2010Statistical, ..., pages={61-63}}" and "@inbook{Tuckerman2010Statistical2, ...,
# pages={65-70}}", cited in two footnotes: two parts of one book, as two entries of a printed list with
# other pages are (a duplicate-reference warning; the pages were not compared for .bib entries).


@pytest.mark.parametrize("second", ["65-70", "61-63"])
def test_bib_entries_of_one_book_on_other_pages_are_no_duplicates(tmp_path: Path, second: str) -> None:
    entry = (
        "@inbook{{{key},\n  title={{Statistical mechanics: theory and molecular simulation}},\n"
        "  author={{ Mark E. Tuckerman }},\n  publisher={{Oxford University Press}},\n  year={{2010}},\n"
        "  pages={{{pages}}},\n}}\n"
    )
    write(
        tmp_path,
        {
            "ref_chp_3.bib": entry.format(key="Tuck", pages="61-63")
            + entry.format(key="Tuck2", pages=second),
            "chp.tex": "\\documentclass{book}\n\\begin{document}\nEnsembles\\footnote{See \\cite{Tuck}.}"
            " and more\\footnote{See \\cite{Tuck2}.}.\n\\bibliographystyle{plain}\n\\bibliography{ref_chp_3}\n"
            "\\end{document}\n",
        },
    )
    rules = [r for r, _, _ in findings(tmp_path / "chp.tex")]
    assert rules == ([] if second == "65-70" else ["duplicate-reference"])


# --- a blank page of a Quarto book, a template's blank partial ----------------------------------------
# christophM/interpretable-ml-book's manuscript/ (a Quarto book) keeps impressum.qmd and
# neural-networks.qmd as one blank line each (pages retired from the book), rreece/markdown-memo's
# templates/backmatter.md is two line breaks: checking the directory failed the run with exit status 2,
# "the file holds only white space". A blank file found in a directory is no document; a blank file
# named on the command line is still bad input (tests/test_bad_input.py).


def test_a_blank_page_or_partial_is_not_searched(tmp_path: Path) -> None:
    from refcheck.discovery import Discovery, discover_files

    write(
        tmp_path,
        {
            "book/_quarto.yml": "project:\n  type: book\nbook:\n  chapters:\n    - index.qmd\n",
            "book/index.qmd": "# Preface\n\nText.\n",
            "book/impressum.qmd": "\n",
            "templates/backmatter.md": "\n\n",
            "templates/refs.md": "# References\n",
        },
    )
    found = [Path(p).relative_to(tmp_path).as_posix() for p in discover_files(str(tmp_path), Discovery())]
    assert found == ["book/index.qmd", "templates/refs.md"]


# --- a film's director -------------------------------------------------------------------------------------
# greenelab/meta-review's content/manual-references-2019-06-11.json: "raw:paywall-movie", a CSL
# "motion_picture" whose maker is its "director" (as styles print it: "Schmitt, J. (Director)"), was
# "entry raw:paywall-movie has no author or editor" (a warning).


def test_a_films_director_is_its_maker(tmp_path: Path) -> None:
    film = (
        '[{"id": "paywall-movie", "type": "motion_picture", "title": "Paywall: The Business of Scholarship",'
        ' "URL": "https://paywallthemovie.com/paywall", "director": [{"given": "Jason", "family": "Schmitt"}],'
        ' "issued": {"date-parts": [[2018, 9, 4]]}}]'
    )
    write(
        tmp_path,
        {"refs.json": film, "a.md": "---\nbibliography: refs.json\n---\n\nA film [@paywall-movie].\n"},
    )
    assert findings(tmp_path / "a.md") == []


# --- a DOI written as a key without its scheme ------------------------------------------------------------
# pandoc/lua-filters' doi2cite/sample1.md: "[@https://doi.org/10.1002/andp.19053220607;
# @doi.org/10.1002/andp.19053220806; @doi:10.1002/andp.19053221004]": the filter fetches each DOI's entry
# when the document is built; the first and the last were known as such, "@doi.org/10..." was a
# missing-reference error.


def test_a_doi_org_key_is_resolved_by_its_identifier(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "my_refs.bib": "@article{LAEMMLI_1970, author={Laemmli, U. K.}, title={Cleavage}, journal={Nature},"
            " year={1970}}\n",
            "sample.md": "---\nbibliography:\n  - 'my_refs.bib'\n---\n\n# Introduction\nGels.[@LAEMMLI_1970]\n"
            "Einstein.[@https://doi.org/10.1002/andp.19053220607; @doi.org/10.1002/andp.19053220806;"
            " @doi:10.1002/andp.19053221004]\n",
        },
    )
    assert [(r, s) for r, s, _ in findings(tmp_path / "sample.md") if s != "info"] == []


# --- knitr's renderings beside their R Markdown ------------------------------------------------------------
# rdpeng/rprogdatascience's manuscript/ holds each chapter twice, overview.Rmd and the overview.md knitr
# rendered from it (Leanpub builds from the .md): every finding was said twice. immerse-ucsb/
# lca-bookdown commits knitr's intermediate files (31-k_means.knit.md, 33-k-modes.knit.md), which
# rmarkdown deletes once it has rendered them. The source is what is checked.


def test_knitr_renderings_are_not_searched(tmp_path: Path) -> None:
    from refcheck.discovery import Discovery, discover_files

    for name in (
        "overview.Rmd",
        "overview.md",
        "paper.qmd",
        "paper.html",
        "33-k-modes.knit.md",
        "notes.utf8.md",
        "contact.md",
        "README.Rmd",
        "README.md",
    ):
        (tmp_path / name).write_text("# T\n\nText.\n", encoding="utf-8")
    found = [Path(p).name for p in discover_files(str(tmp_path), Discovery())]
    assert found == ["README.Rmd", "contact.md", "overview.Rmd", "paper.qmd"]


# --- a suggested citation, written out in full ---------------------------------------------------------------
# maczokni/crimemapping_textbook_bookdown's data: the UK Data Service's TermsAndConditions.html ("you can
# also include the following citation ...: Office for National Statistics (2011). 2011 Census: boundary
# data (England and Wales) [data collection]. UK Data Service. ...") and ncovr.html ("S. Messner, L.
# Anselin, D. Hawkins, G. Deane, S. Tolnay, R. Baller (2000). An Atlas of the Spatial Patterning of
# County-Level Homicide, 1960-1990. Pittsburgh, PA, ..."): a paragraph that opens with the authors and
# the year, then the title and more, is the entry itself; 'no reference list' was an error.

SUGGESTED = (
    "<html><body><p>In addition you can also include the following citation as a reference for this dataset"
    " where you have referred to it in an essay:</p>\n"
    "<p><span class='citation'>\nOffice for National Statistics (2011). 2011 Census: boundary data (England and"
    " Wales) [data collection].\nUK Data Service. SN:5819 UKBORDERS: Digitised Boundary Data.\n</span></p>\n"
    "<p>S. Messner, L. Anselin, D. Hawkins, G. Deane, S. Tolnay, R. Baller (2000). An Atlas of the Spatial"
    " Patterning of County-Level Homicide, 1960-1990. Pittsburgh, PA, National Consortium on Violence"
    " Research.</p>\n</body></html>\n"
)


def test_a_suggested_citation_written_in_full_needs_no_reference_list(tmp_path: Path) -> None:
    (tmp_path / "TermsAndConditions.html").write_text(SUGGESTED, encoding="utf-8")
    found = findings(tmp_path / "TermsAndConditions.html")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "info")]
    prose = SUGGESTED.replace(
        "</body>", "<p>The atlas (Messner et al. 2000) maps county-level homicide.</p></body>"
    )
    (tmp_path / "prose.html").write_text(prose, encoding="utf-8")
    assert [(r, s) for r, s, _ in findings(tmp_path / "prose.html")] == [("missing-reference", "error")]


# --- prose beside pandoc keys whose bibliography refcheck cannot see --------------------------------------
# jupyter-book/mystmd's docs/cite.md: "- Continuous Tools for Scientific Publishing ... (Scipy, 2024)
# [@10.25080/NKVC9349]": MyST builds the page's reference list from the key (a DOI, or an entry of the
# site's bibliography, which a myst.yml names or finds); "(Scipy, 2024)" has no written list to be
# missing from: 'no reference list' was an error. Said at info, naming the keys.


def test_prose_beside_pandoc_keys_with_an_unseen_bibliography_is_info(tmp_path: Path) -> None:
    (tmp_path / "cite.md").write_text(
        "# Cite\n\nThere are publications that describe the project:\n\n"
        "- Continuous Tools for Scientific Publishing (Scipy, 2024) [@10.25080/NKVC9349]\n",
        encoding="utf-8",
    )
    found = findings(tmp_path / "cite.md")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "info")]
    assert "@10.25080/NKVC9349" in found[0][2]


# --- a thesis whose \bibliography is commented out ----------------------------------------------------------
# suchow/Dissertate's dissertation.tex ends "% \bibliography{references}" / "% \bibliographystyle{apalike2}"
# while chapter1.tex cites \cite{Eigen1971, Knuth1968}, keys of the references.bib beside it: LaTeX prints
# "[?]". The error stands; it said "no bibliography entry has that key", which sent the reader to the .bib.


def test_a_latex_document_naming_no_bibliography_says_so(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "references.bib": "@article{Eigen1971, author={Eigen, M.}, title={Selforganization of matter},"
            " journal={Naturwissenschaften}, year={1971}}\n",
            "dissertation.tex": "\\documentclass{book}\n\\begin{document}\nA good opening line"
            " \\cite{Eigen1971, Knuth1968}.\n% \\bibliography{references}\n% \\bibliographystyle{apalike2}\n"
            "\\end{document}\n",
        },
    )
    found = findings(tmp_path / "dissertation.tex")
    # (one defect, one finding: the bibliography is missing, not each key; proj15b)
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert all("names no bibliography" in m for _, _, m in found)


# --- a CV's list of publications ------------------------------------------------------------------------------
# jmrr/cv (moderncv): sections/publications.tex is "\subsection{Journals and peer reviewed conference
# papers}" then a thebibliography pasted from a .bbl ("\bibitem{Rivera-Rubio2015} \textbf{J.~Rivera-Rubio},
# ..."), and nothing cites them: a list of publications, not a paper's references. Each entry was "listed
# but never cited" (9 warnings); a document that cites nothing at all gets one info finding. A document
# that cites some of its \bibitem entries still has its uncited ones reported.

CV = (
    "\\documentclass{moderncv}\n\\moderncvstyle{classic}\n\\begin{document}\n\\section{Publications}\n"
    "\\subsection{Journals and peer reviewed conference papers}\n\\begin{thebibliography}{3}\n"
    "\\bibitem{Rivera-Rubio2015}\n\\textbf{J.~Rivera-Rubio}, I.~Alexiou, and A.~A. Bharath, ``Appearance-based"
    " indoor localization,'' {\\em Pattern Recognition Letters}, 2015.\n\n"
    "\\bibitem{Rivera-Rubio2014c}\n\\textbf{J.~Rivera-Rubio}, I.~Alexiou, A.~Bharath, ``Associating locations"
    " from wearable cameras,'' in {\\em British Machine Vision Conference (BMVC)}, 2014.\n"
    "\\end{thebibliography}\n\\end{document}\n"
)


def test_a_list_of_publications_that_nothing_cites_is_info(tmp_path: Path) -> None:
    (tmp_path / "cv.tex").write_text(CV, encoding="utf-8")
    assert [(r, s) for r, s, _ in findings(tmp_path / "cv.tex")] == [("uncited-reference", "info")]
    cited = CV.replace(
        "\\section{Publications}", "My thesis work \\cite{Rivera-Rubio2015}.\n\\section{Publications}"
    )
    (tmp_path / "paper.tex").write_text(cited, encoding="utf-8")
    assert [(r, s) for r, s, _ in findings(tmp_path / "paper.tex")] == [("uncited-reference", "warning")]


# --- a quotation's attribution; a social handle is no pandoc key -------------------------------------------
# jalammar's illustrated-word2vec post opens with a blockquote from Dune ending "~ Dune (1965)", and ends
# "all feedback is appreciated <a href="https://twitter.com/JayAlammar">@JayAlammar</a>": the attribution
# names the quotation's source where it stands ('no reference list' was an error), and a bare "@handle"
# is no sign of pandoc keys whose list is built elsewhere (only a bracketed "[@key]" is).


def test_a_quotations_attribution_needs_no_reference_list(tmp_path: Path) -> None:
    text = (
        "---\nlayout: post\n---\n\n<blockquote>\n  “Deep in the human unconscious is a pervasive need for a"
        " logical universe.”\n  ~ Dune (1965)\n</blockquote>\n\nWord2vec is a method to create embeddings.\n"
    )
    (tmp_path / "post.md").write_text(text, encoding="utf-8")
    assert [(r, s) for r, s, _ in findings(tmp_path / "post.md")] == [("missing-reference", "info")]
    handle = text + '\nFeedback is appreciated <a href="https://twitter.com/JayAlammar">@JayAlammar</a>.\n'
    handle += "\nEmbeddings help (Mikolov et al., 2013).\n"
    (tmp_path / "handle.md").write_text(handle, encoding="utf-8")
    found = findings(tmp_path / "handle.md")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "JayAlammar" not in found[0][2]


# --- a bibliography per chapter ----------------------------------------------------------------------------
# whoswq/mathinchem2020 (chapterbib, "\include{chp_1_Hamilton_equation}" ... each chapter ending
# "\bibliography{ref_chp_1}"): BibTeX reads each chapter's .bib alone, so one work in two chapters'
# files, under one key, is no duplicate (a duplicate-reference warning per shared entry). Keys repeated
# inside one file, or across the files of one \bibliography{a,b}, still are.


def test_one_key_in_two_chapters_bibliographies_is_no_duplicate(tmp_path: Path) -> None:
    entry = "@book{Tuckerman2010, author={Tuckerman, Mark E.}, title={Statistical mechanics},"
    entry += " publisher={Oxford University Press}, year={2010}}\n"
    write(
        tmp_path,
        {
            "main.tex": "\\documentclass{book}\n\\usepackage[sectionbib]{chapterbib}\n\\begin{document}\n"
            "\\include{chp_1}\n\\include{chp_2}\n\\end{document}\n",
            "chp_1.tex": "\\chapter{A}\nEnsembles \\cite{Tuckerman2010}.\n\\bibliographystyle{plain}\n"
            "\\bibliography{ref_chp_1}\n",
            "chp_2.tex": "\\chapter{B}\nAgain \\cite{Tuckerman2010}.\n\\bibliographystyle{plain}\n"
            "\\bibliography{ref_chp_2}\n",
            "ref_chp_1.bib": entry,
            "ref_chp_2.bib": entry,
        },
    )
    assert findings(tmp_path / "main.tex") == []
    (tmp_path / "one.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nEnsembles \\cite{Tuckerman2010}.\n"
        "\\bibliographystyle{plain}\n\\bibliography{ref_chp_1,ref_chp_2}\n\\end{document}\n",
        encoding="utf-8",
    )
    assert [r for r, _, _ in findings(tmp_path / "one.tex")] == ["duplicate-reference"]


# --- multibib's own citation commands ------------------------------------------------------------------------
# multibib ("\newcites{app}{References for the Appendices}", a paper's appendix citing from its own
# list, as the tool library's sources describe): \citeapp{key} and \nociteapp{key} cite into the list
# \bibliographyapp{file} prints; its keys were not read (the entries they cite were "never cited") and
# that file was not read at all.


def test_multibib_citation_commands_and_bibliographies(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.bib": "@article{a, author={Roe, Ann}, title={Main}, journal={J}, year={2001}}\n",
            "app.bib": "@book{b, author={Doe, Jo}, title={Algorithms}, publisher={P}, year={2002}}\n"
            "@book{c, author={Poe, Al}, title={Matching}, publisher={P}, year={2003}}\n"
            "@book{a, author={Roe, Ann}, title={Main}, publisher={P}, year={2001}}\n",
            "paper.tex": "\\documentclass{article}\n\\usepackage[resetlabels]{multibib}\n"
            "\\newcites{app}{References for the Appendices}\n\\begin{document}\nMain text \\cite{a}.\n"
            "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\appendix\n\\section{Proofs}\n"
            "An algorithm \\citeapp[p.~3]{b}, a typo \\citeapp{zz}, and \\nociteapp{c}.\n"
            "\\bibliographystyleapp{plain}\n\\bibliographyapp{app}\n\\end{document}\n",
        },
    )
    found = findings(tmp_path / "paper.tex")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'zz'" in found[0][2]


# --- initials are no name -------------------------------------------------------------------------------------------
# rreece/markdown-memo's 04-bibliographies.md shows its bibliography file as an indented code block ("For
# example, the `mybib.txt` file in this document is" / blank line / "    Feynman, R.P. (1963). *The Feynman
# Lectures on Physics* ..."): the code was read as prose, 5 author-date citations of a document with no
# reference list ("R.P. (1963)", "D. (2016)": initials read as the names; immerse-ucsb/lca-bookdown's
# heading "# Nylund-Gibson, K., Arch, D. N., & Carter, D. (2026)" gave "D. (2026)"). Initials alone are
# no author's name; a list item's or a note's indented second paragraph is still prose.


def test_initials_before_a_year_are_no_citation(tmp_path: Path) -> None:
    text = (
        "# Bibliographies\n\nPut it at the end within [square brackets] like the work by\nPlato below.\n\n"
        "For example, the `mybib.txt` file in this document is\n\n"
        "    Feynman, R.P. (1963). *The Feynman Lectures on Physics, Volume I*. Caltech.\n"
        "    Guest, D., Collado, J., Baldi, P., & Whiteson, D. (2016). Jet flavor classification. *Phys. Rev. D*.\n"
        "    Quine, W.V.O. (1969). Epistemology naturalized. In *Ontological Relativity*. Columbia.\n"
        "    van Fraassen, B. (1980). *The Scientific Image*. Oxford University Press.\n\n"
        "The rest of the syntax tries to be forgiving.\n"
    )
    (tmp_path / "memo.md").write_text(text, encoding="utf-8")
    assert "missing-reference" not in [r for r, _, _ in findings(tmp_path / "memo.md")]


def test_indented_paragraphs_of_a_list_item_or_note_are_prose(tmp_path: Path) -> None:
    text = (
        "# Notes\n\n- A first item.\n\n    Its second paragraph cites a work (Ostrom, 1990).\n\n"
        "A claim.[^1]\n\n[^1]: A note\ngoing on.\n\n    Its second paragraph cites a work (Hardy, 1968).\n"
    )
    (tmp_path / "notes.md").write_text(text, encoding="utf-8")
    found = findings(tmp_path / "notes.md")
    # (both are read; two names and years alone with no list are said at info: test_bad_input)
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "info")]
    assert "2 author-date citation(s)" in found[0][2]
