"""False alarms found by running refcheck on real LaTeX and Markdown-family projects not tried before
(QA round 8 of projects: theses, eLife submissions, bookdown theses, Quarto manuscripts rendered to
Word): each test is the smallest form of a pattern a public project uses, and failed before its fix.
The source of each pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write

# --- BibTeX: the entry's brace on the line after its type ------------------------------------------
# ALeitert/Dissertation's references.bib writes every entry "@inproceedings\n{\n    AbboWillWang2016,":
# BibTeX reads it (white space, line breaks too, may stand between the type and the brace), refcheck
# read no entry: 198 missing-reference errors, one per citation of the thesis.


def test_an_entry_whose_brace_is_on_the_next_line_is_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.bib": "@inproceedings\n{\n    AbboWillWang2016,\n    author = {A. Abboud and {V.\\,V.} Williams},\n"
            "    title = {Approximation and Fixed Parameter Subquadratic Algorithms},\n"
            "    booktitle = {{SODA}},\n    year = {2016}\n}\n\n"
            "@article\n{\n    AbuAtaDragan2016,\n    author = {M. Abu-Ata and {F.\\,F.} Dragan},\n"
            "    title = {Metric tree-like structures in real-life networks},\n"
            "    journal = {Networks},\n    year = {2016}\n}\n",
            "thesis.tex": "\\documentclass{report}\n\\begin{document}\nRadius \\cite{AbboWillWang2016} and"
            " trees \\cite{AbuAtaDragan2016}.\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n",
        },
        git=True,
    )
    assert [f for f in findings(tmp_path / "thesis.tex") if f[1] != "info"] == []


# --- thebibliography: a natbib label BibTeX wrapped over two lines --------------------------------
# ABRG-Models/BarrelEmerge's eLife proofs (paper/briefpaper/barrels_proof.tex) paste the .bbl, whose
# "\bibitem[{Agmon et~al.(1993)Agmon, A. and Yang, L. T. and O'Dowd, D. K. and\n  Jones, E. G.}]{key}"
# goes on over a line break, as BibTeX wraps long lines: no item was read, so every \citep was a
# missing-reference error (43 in each of the two files).


def test_a_bibitem_label_wrapped_over_lines_is_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "paper.tex": "\\documentclass{article}\n\\begin{document}\nBarrels \\citep{agmon_organized_1993}"
            " grow \\citep{woolsey_structural_1970}.\n\\begin{thebibliography}{2}\n"
            "\\providecommand{\\natexlab}[1]{#1}\n\n"
            "\\bibitem[{Agmon et~al.(1993)Agmon, A. and Yang, L. T. and O'Dowd, D. K. and\n"
            "  Jones, E. G.}]{agmon_organized_1993}\n"
            "\\textbf{Agmon A}, Yang LT, O'Dowd DK, Jones EG.\n\\newblock Organized growth of thalamocortical"
            " axons.\n\\newblock Journal of Neuroscience.  1993 Dec; 13(12):5365--5382.\n\n"
            "\\bibitem[{Woolsey and Van~der\n  Loos(1970)}]{woolsey_structural_1970}\n"
            "\\textbf{Woolsey TA}, Van~der Loos H.\n\\newblock The structural organization of layer {IV}.\n"
            "\\newblock Brain Research.  1970; 17(2):205--242.\n\n"
            "\\end{thebibliography}\n\\end{document}\n",
        },
        git=True,
    )
    assert [f for f in findings(tmp_path / "paper.tex") if f[1] != "info"] == []


# --- bookdown: chapters in the subdirectory rmd_subdir names -----------------------------------------
# AlexAfanasev/bookdown_thesis's _bookdown.yml says 'rmd_subdir: "Rmd/"' (bookdown then takes the .Rmd
# files of Rmd/ as chapters, after those beside it): each chapter was checked alone, 'cites 13 pandoc
# key(s) ... but names no bibliography', and none of the thesis's 90 citations was checked.

SUBDIR_BOOK = {
    "_bookdown.yml": 'book_filename: "thesis"\noutput_dir: docs\nrmd_subdir: "Rmd/"\n',
    "book.bib": "@article{h2_paper, author={Smith, Ann}, title={Price-dividend ratios}, journal={J. Finance},"
    " year={2010}}\n",
    "index.Rmd": '---\ntitle: "Thesis"\nsite: bookdown::bookdown_site\nbibliography: [book.bib]\n---\n\n'
    "# Preface {-}\n\nHello.\n",
    "Rmd/01-Introduction.Rmd": "# Introduction\n\nAs @h2_paper shows, and [@h3_paper] too.\n",
    "Rmd/_unused.Rmd": "# Draft\n\n[@draft_key]\n",
}


def test_bookdown_rmd_subdir_chapters_are_the_book(tmp_path: Path) -> None:
    from refcheck.pipeline import expand_paths

    write(tmp_path, SUBDIR_BOOK, git=True)
    files, _ = expand_paths([str(tmp_path)])
    assert [Path(f).name for f in files] == ["index.Rmd"]
    found = [f for f in findings(tmp_path / "index.Rmd") if f[1] != "info"]
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'h3_paper'" in found[0][2]


# --- Word: a note's w:id is no number the reader sees ----------------------------------------------
# andrewheiss/hikmah-academic-quarto's examples/hikmah-testing-default-manuscript.docx (Quarto, through
# pandoc) gives its two footnotes w:id 25 and 26; Word shows them as 1 and 2, numbered in the order of
# their marks. refcheck read the ids as the numbers: 'footnote [25] skips [1], [2], ... [24]', a warning.


def test_word_footnote_ids_are_not_their_numbers(tmp_path: Path) -> None:
    from tests.fixes.docx_util import W, package, para, run

    notes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        '</w:p></w:footnote><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
        "</w:p></w:footnote>"
        '<w:footnote w:id="26"><w:p><w:r><w:footnoteRef/></w:r>'
        + run(" A second note.")
        + "</w:p></w:footnote>"
        '<w:footnote w:id="25"><w:p><w:r><w:footnoteRef/></w:r>'
        + run(" A first note.")
        + "</w:p></w:footnote>"
        "</w:footnotes>"
    )
    body = (
        para(run("Introduction"))
        + para(run("Conjoint designs vary."), '<w:r><w:footnoteReference w:id="25"/></w:r>')
        + para(run("So do surveys."), '<w:r><w:footnoteReference w:id="26"/></w:r>')
    )
    path = tmp_path / "manuscript.docx"
    path.write_bytes(package(body, footnotes=notes))
    assert [f for f in findings(path) if f[0] == "footnote-order"] == []


# --- Manubot: a manual reference's key in its note -------------------------------------------------
# Adafede/thesis-manuscript copies Manubot's own output/references.json back to
# content/manual-references.json: each item's "id" is Manubot's hash ("1Hq63sZuH") and its note says
# "standard_id: CretinBordeaux", the key the text cites ([@CretinBordeaux]). Manubot keys a manual
# reference by that standard_id (CSL_Item.infer_id); refcheck took the id: 30 missing-reference errors.

MANUBOT_ITEMS = """[
  {
    "id": "1Hq63sZuH",
    "author": [{"family": "Cretin", "given": "Blandine"}],
    "title": "Recherches sur la douceur du vin",
    "issued": {"date-parts": [[2016]]},
    "type": "report",
    "note": "Loaded from an external bibliography file by Manubot.\\nsource_bibliography: manual-references.json\\nstandard_id: CretinBordeaux\\noriginal_id: 1Hq63sZuH"
  },
  {
    "id": "xyzHash1",
    "author": [{"family": "Ram", "given": "Karthik"}],
    "title": "Git can facilitate greater reproducibility",
    "issued": {"date-parts": [[2013]]},
    "type": "article-journal",
    "standard_citation": "raw:ram2013"
  }
]
"""


def test_manubot_manual_references_are_keyed_by_their_standard_id(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/metadata.yaml": 'title: "A thesis"\n',
            "content/manual-references.json": MANUBOT_ITEMS,
            "content/01.introduction.md": "## Introduction\n\nWine grows sweeter [@CretinBordeaux], and Git"
            " helps [@ram2013; @doi:10.1000/xyz]. A typo [@CretinBordeau].\n",
        },
        git=True,
    )
    found = [f for f in findings(tmp_path / "content" / "01.introduction.md") if f[1] != "info"]
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'CretinBordeau'" in found[0][2]


def test_pandoc_keys_a_csl_item_by_its_id_whatever_its_note_says(tmp_path: Path) -> None:
    """Outside Manubot, pandoc reads the id: a document citing a Manubot references.json by its
    hashed ids (as Manubot's own pandoc run does) is right."""
    write(
        tmp_path,
        {
            "refs.json": MANUBOT_ITEMS,
            "paper.md": '---\ntitle: "Paper"\nbibliography: refs.json\n---\n\nSweeter [@1Hq63sZuH] and'
            " Git [@xyzHash1].\n",
        },
        git=True,
    )
    assert [f for f in findings(tmp_path / "paper.md") if f[1] != "info"] == []


# --- LaTeX: "\verb|\begin{document}|" in a chapter's text makes no main file ------------------------
# AlessandroChecco/FashionBrain-D2.2_final_version keeps the report template's instructions chapter,
# chapters/chapter-XXX.tex, which main.tex does not \input; its text says 'use the command
# \verb|\acronymused{AMT}| in \verb|main.tex| before \verb|\begin{document}|', and the directory's walk
# took the file for a main file: checked on its own, 5 missing-reference errors for its example \cite's.


def test_a_fragment_showing_begin_document_in_verb_is_no_main_file(tmp_path: Path) -> None:
    from refcheck.pipeline import expand_paths

    write(
        tmp_path,
        {
            "main.tex": "\\documentclass{report}\n\\begin{document}\n\\input{chapters/intro}\n"
            "\\bibliographystyle{plainnat}\n\\bibliography{refs}\n\\end{document}\n",
            "refs.bib": "@article{olsr, author={Clausen, T.}, title={OLSR}, journal={RFC}, year={2003}}\n",
            "chapters/intro.tex": "\\chapter{Introduction}\nRouting \\cite{olsr}.\n",
            "chapters/chapter-XXX.tex": "\\chapter{How to Use This Template}\nUse \\verb|\\acronymused{AMT}|"
            " in \\verb|main.tex| before \\verb|\\begin{document}|.\n\\section{Citations}\nCite like this:"
            " \\cite{DeferredRouting}, \\citep{bellalta2016}.\n",
        },
        git=True,
    )
    files, _ = expand_paths([str(tmp_path)])
    assert [Path(f).name for f in files] == ["main.tex"]


# AlfonsoLRz/PhD-Dissertation keeps kaobook's chapters/layout.tex, which thesis.tex does not \input; it
# shows the class's options in "\begin{lstlisting}\n\documentclass[\n  smallpocketpaper, ...]{kaobook}":
# checked on its own, its example '\cite{James2013}' was a missing-reference error.


def test_a_fragment_showing_documentclass_in_a_listing_is_no_main_file(tmp_path: Path) -> None:
    from refcheck.pipeline import expand_paths

    write(
        tmp_path,
        {
            "thesis.tex": "\\documentclass{kaobook}\n\\addbibresource{main.bib}\n\\begin{document}\n"
            "\\input{chapters/introduction.tex}\n\\printbibliography\n\\end{document}\n",
            "main.bib": "@book{James2013, author={James, Gareth}, title={Statistical Learning},"
            " publisher={Springer}, year={2013}}\n",
            "chapters/introduction.tex": "\\chapter{Introduction}\nLearning \\cite{James2013}.\n",
            "chapters/layout.tex": "\\chapter{Page Layout}\nAdd the option to the documentclass instruction:\n"
            "\\begin{lstlisting}\n\\documentclass[\n\t\tsmallpocketpaper,\n\t\t%open=any,\n]{kaobook}\n"
            "\\end{lstlisting}\nA citation\\cite{James2013}citation and \\verb|\\begin{document}|.\n",
        },
        git=True,
    )
    files, _ = expand_paths([str(tmp_path)])
    assert [Path(f).name for f in files] == ["thesis.tex"]


# --- BibTeX: a @misc whose url has no scheme is a web page ------------------------------------------
# A-Kaizeler-A/PhDThesis's refs.bib (Zotero): "@misc{noauthor_human_nodate, title = {The {Human}
# {Protein} {Atlas}}, url = {proteinatlas.org}}": a web site, cited by its title, with no author or
# date, as web sites have none; its url has no "https://", so it was not taken for a web page and its
# missing author and year were a warning, where a web page's are info.


def test_a_misc_with_a_url_without_scheme_is_a_web_page(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.bib": "@misc{noauthor_human_nodate,\n\ttitle = {The {Human} {Protein} {Atlas}},\n"
            "\turl = {proteinatlas.org},\n}\n\n@misc{undated_note,\n\ttitle = {A lecture},\n\tnote = {Given in Lisbon},\n}\n",
            "thesis.tex": "\\documentclass{report}\n\\begin{document}\nExpression \\cite{noauthor_human_nodate}"
            " and \\cite{undated_note}.\n\\bibliography{refs}\n\\end{document}\n",
        },
        git=True,
    )
    found = [
        (r, s, m.split(";")[0])
        for r, s, m in findings(tmp_path / "thesis.tex")
        if r == "incomplete-reference"
    ]
    assert found == [
        ("incomplete-reference", "info", "entry noauthor_human_nodate has no author or editor and no year"),
        ("incomplete-reference", "warning", "entry undated_note has no author or editor and no year"),
    ]


# --- a data file is no reference list -----------------------------------------------------------------
# AMonninger/REMARK-ECB keeps HARK's datasets/data/SCFwealthDataReduced.txt, two columns of numbers
# ("1.72e+07\t2003.2497"); a row whose second number begins like a year was taken for an author-date
# entry (the "e" of 1.72e+07 for a name's letter), the whole file for a reference list of 3,552
# entries, and two equal rows for a duplicate-reference warning.


def test_rows_of_numbers_are_no_reference_list(tmp_path: Path) -> None:
    rows = ["4118600\t2354.8776", "1.72e+07\t2003.2497", "860700\t4493.5315", "1.20e+07\t1564.7193"]
    rows += ["1.55e+07\t1719.3463", "31100\t23379.505", "1.20e+07\t1564.7193", "1.40e+07\t2056.9014"]
    write(tmp_path, {"wealth.txt": "\n".join(rows * 3) + "\n"}, git=True)
    assert [(r, s) for r, s, _ in findings(tmp_path / "wealth.txt")] == [("empty-document", "info")]


# --- R Markdown: raw LaTeX citation commands in the prose ------------------------------------------
# 0kam/VegetationMapPaper's paper/paper.Rmd (bookdown::pdf_book, 'bibliography: export.bib') cites with
# LaTeX's own commands in its prose, '(\cite{IPCC2007})', which pandoc passes on to LaTeX: refcheck read
# no citation ('no citations of any known style were found'), so neither a wrong key nor the 22
# entries were checked; its paper.tex, the same text as LaTeX, was.


def test_raw_latex_cite_commands_in_r_markdown_are_citations(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "export.bib": "@article{IPCC2007, author={{IPCC}}, title={Climate Change 2007}, journal={Report},"
            " year={2007}}\n@article{Kudo2011, author={Kudo, Gaku}, title={Dwarf bamboo}, journal={Ecol. Evol.},"
            " year={2011}}\n@article{Spare2000, author={Spare, Sam}, title={Never cited}, journal={J},"
            " year={2000}}\n",
            "paper.Rmd": '---\ntitle: "Vegetation maps"\nbibliography: export.bib\nbiblio-style: unsrt\n---\n\n'
            "Alpine regions warm (\\cite{IPCC2007}). Bamboo invades (see \\citep[p.~3]{Kudo2011, Kudo2012}).\n\n"
            "Write `\\cite{inline_code_example}` to cite.\n",
        },
        git=True,
    )
    found = findings(tmp_path / "paper.Rmd")
    assert [(r, s) for r, s, _ in found if s != "info"] == [("missing-reference", "error")]
    assert "'Kudo2012'" in next(m for r, s, m in found if s == "error")
    assert [m.split(" in ")[0] for r, s, m in found if r == "uncited-reference"] == ["Spare2000"]


def test_raw_latex_nocite_star_cites_every_entry(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.bib": "@book{a2001, author={Able, Ann}, title={One}, publisher={P}, year={2001}}\n"
            "@book{b2002, author={Baker, Bob}, title={Two}, publisher={P}, year={2002}}\n",
            "paper.Rmd": '---\ntitle: "All"\nbibliography: refs.bib\n---\n\nAs shown \\cite{a2001}.\n\n\\nocite{*}\n',
        },
        git=True,
    )
    assert [(r, s) for r, s, _ in findings(tmp_path / "paper.Rmd")] == []


def test_raw_latex_cite_commands_are_every_command_latex_reads(tmp_path: Path) -> None:
    # the Markdown loader takes LaTeX's own list of citation commands (loaders.cite_commands): the
    # capitalised forms, apacite's and biblatex's multi-citations cite too, a macro parameter does not
    write(
        tmp_path,
        {
            "refs.bib": "@book{a2001, author={Able, Ann}, title={One}, publisher={P}, year={2001}}\n"
            "@book{b2002, author={Baker, Bob}, title={Two}, publisher={P}, year={2002}}\n"
            "@book{c2003, author={Cole, Cy}, title={Three}, publisher={P}, year={2003}}\n"
            "@book{d2004, author={Dunn, Di}, title={Four}, publisher={P}, year={2004}}\n",
            "paper.Rmd": '---\ntitle: "All"\nbibliography: refs.bib\n---\n\n\\Textcite{a2001} began;'
            " later work agrees \\cites[see][12]{b2002}[p.~3]{c2003}, as \\citeyearpar{d2004} and"
            " \\citeA{e2005} show.\n",
        },
        git=True,
    )
    found = findings(tmp_path / "paper.Rmd")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'e2005'" in found[0][2]
