"""False alarms found by running refcheck on real documents of kinds not tried before (QA round 4:
Manubot manuscripts, Quarto/R Markdown papers and books, AMS/revtex/IEEE LaTeX papers, Jupyter Books,
Word manuscripts): each test is the smallest form of a pattern a public document uses, and failed
before its fix. The source of each pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.pipeline import CheckOptions, check_file

from .projects import findings

# --- BibTeX finds an entry whatever the case of its key ----------------------------------------------
# Eyewall/2018jas (an AMS paper, ametsoc2014.bst): \cite{buetal} of the entry @article{Buetal,...};
# BibTeX matches keys without regard to case (its .bbl has \bibitem{buetal}, no warning), biber not.

AMS_BIB = (
    "@article{Buetal,\n"
    "  author = {Bu, Y. P. and Fovell, R. G. and Corbosiero, K. L.},\n"
    "  title = {Influence of cloud-radiative forcing on tropical cyclone structure},\n"
    "  journal = {J. Atmos. Sci.}, volume = {71}, pages = {1644--1662}, year = {2014}}\n"
    "@article{Knutti2008, author = {Knutti, R.}, title = {Should we believe model predictions?},\n"
    "  journal = {Phil. Trans. R. Soc. A}, year = {2008}}\n"
)


def _ams_paper(tmp_path: Path, preamble: str, bibliography: str) -> Path:
    (tmp_path / "references.bib").write_text(AMS_BIB, encoding="utf-8")
    tex = tmp_path / "paper.tex"
    tex.write_text(
        "\\documentclass{article}\n" + preamble + "\\begin{document}\n"
        "These cooling rates exceeded those observed by \\cite{buetal}, as \\cite{Knutti2008} warns.\n"
        + bibliography
        + "\\end{document}\n",
        encoding="utf-8",
    )
    return tex


def test_bibtex_key_in_another_case_is_found(tmp_path: Path) -> None:
    tex = _ams_paper(tmp_path, "", "\\bibliographystyle{plain}\n\\bibliography{references}\n")
    assert findings(tex) == []


@pytest.mark.parametrize(
    "preamble",
    ["\\usepackage{biblatex}\n\\addbibresource{references.bib}\n", "\\usepackage[backend=biber]{biblatex}\n"],
)
def test_biber_key_in_another_case_is_missing(tmp_path: Path, preamble: str) -> None:
    bibliography = "\\printbibliography\n" if "addbibresource" in preamble else "\\bibliography{references}\n"
    tex = _ams_paper(tmp_path, preamble, bibliography)
    found = [(rule, severity) for rule, severity, _ in findings(tex)]
    assert found == [("missing-reference", "error")]


def test_bibitem_label_in_another_case_is_missing(tmp_path: Path) -> None:
    """LaTeX matches a \\bibitem label as written."""
    bibliography = (
        "\\begin{thebibliography}{9}\n\\bibitem{Buetal} Bu, Y. P. (2014). Influence. J. Atmos. Sci.\n"
        "\\bibitem{Knutti2008} Knutti, R. (2008). Should we believe. Phil. Trans.\n\\end{thebibliography}\n"
    )
    tex = _ams_paper(tmp_path, "", bibliography)
    (tmp_path / "references.bib").unlink()
    found = [(rule, severity) for rule, severity, _ in findings(tex)]
    assert found == [("missing-reference", "error")]


# --- a run of names never starts in the heading above ------------------------------------------------
# Lakens/EquivalenceTestingForPsychologicalScience (manuscript.docx, an R Markdown/papaja paper): the
# heading "Example 3: Statistically Equivalent and Statistically Different" stands above the paragraph
# "Hyde, Lindberg, Linn, Ellis, and Williams (2008) report ...": the heading's words are no authors.

HEADING = "Example 3: Statistically Equivalent and Statistically Different"
PARAGRAPH = "Hyde, Lindberg, Linn, Ellis, and Williams (2008) report that effect sizes are trivial."
ENTRY = (
    "Hyde, J. S., Lindberg, S. M., Linn, M. C., Ellis, A. B., & Williams, C. C. (2008). Gender "
    "similarities characterize math performance. Science, 321(5888), 494-495."
)


def _docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Results of the earlier studies are mixed.")
    d.add_heading(HEADING, level=2)
    d.add_paragraph(PARAGRAPH)
    d.add_heading("References", level=1)
    d.add_paragraph(ENTRY)
    d.save(str(path))


@pytest.mark.parametrize(
    "name",
    ["paper.docx", "paper.md", "paper.txt", "paper.html"],
)
def test_names_do_not_run_back_into_the_heading(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".docx"):
        _docx(path)
    elif name.endswith(".md"):
        path.write_text(
            f"Results of the earlier studies are mixed.\n\n## {HEADING}\n\n{PARAGRAPH}\n\n# References\n\n{ENTRY}\n",
            encoding="utf-8",
        )
    elif name.endswith(".txt"):
        path.write_text(
            f"Results of the earlier studies are mixed.\n\n{HEADING}\n\n{PARAGRAPH}\n\nReferences\n\n{ENTRY}\n",
            encoding="utf-8",
        )
    else:
        path.write_text(
            f"<html><body><p>Results of the earlier studies\nare mixed.</p>\n<h2>{HEADING}</h2>\n"
            f"<p>{PARAGRAPH}</p>\n<h2>References</h2>\n<p>{ENTRY}</p>\n</body></html>\n",
            encoding="utf-8",
        )
    assert findings(path) == []


# "Materials and Methods" / "Results and Discussion" above a paragraph that opens with a narrative
# citation (every IMRaD paper: Lakens' manuscript.docx, the Markdown of Quarto and Manubot papers): the
# heading ends where its block ends, in every format, and "and" there joins no authors.

IMRAD_ENTRY = "Miller, J. (2005). Small effects. Journal of Things, 3, 1-10."
IMRAD = {
    "paper.txt": f"Intro text here.\n\nMaterials and Methods\n\nMiller (2005) found small effects.\n\nReferences\n\n{IMRAD_ENTRY}\n",
    "paper.md": f"Intro text here.\n\n## Materials and Methods\n\nMiller (2005) found small effects.\n\n# References\n\n{IMRAD_ENTRY}\n",
    "tight.md": f"Intro text here.\n\n## Materials and Methods\nMiller (2005) found small effects.\n\n# References\n\n{IMRAD_ENTRY}\n",
    "paper.html": (
        "<html><body><p>Intro text here.</p><h2>Materials and Methods</h2><p>Miller (2005) found\nsmall"
        f" effects.</p><h2>References</h2><p>{IMRAD_ENTRY}</p></body></html>"
    ),
}


@pytest.mark.parametrize("name", [*IMRAD, "paper.docx"])
def test_heading_with_and_is_no_author(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".docx"):
        import docx

        d = docx.Document()
        d.add_paragraph("Intro text here.")
        d.add_heading("Materials and Methods", level=2)
        d.add_paragraph("Miller (2005) found small effects.")
        d.add_heading("References", level=1)
        d.add_paragraph(IMRAD_ENTRY)
        d.save(str(path))
    else:
        path.write_text(IMRAD[name], encoding="utf-8")
    assert findings(path) == []


def test_names_still_run_over_a_line_break(tmp_path: Path) -> None:
    """A soft line break inside a paragraph is no block: "Smith and\\nJones (2005)" cites both."""
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "As shown by Smith and\nJones (2005), effects are small.\n\nReferences\n\n"
        "Smith, A., & Jones, B. (2005). Small effects. Journal of Things, 3, 1-10.\n",
        encoding="utf-8",
    )
    assert findings(path) == []


# --- an arXiv source: main.tex and main.bbl, no .bib ----------------------------------------------------
# arXiv sources ship the .bbl BibTeX or biber wrote and not the .bib (AlviseDeFaveri/XAI-paper with
# biblatex, 3He-NSF/3HeNSF_2DPSD_paper with revtex's apsrev4-2, their .bib removed as arXiv has them):
# LaTeX typesets the .bbl, so its entries are the document's, not a missing bibliography.

BIBLATEX_BBL = r"""% $ biblatex auxiliary file $
% $ biblatex bbl format version 3.1 $
\refsection{0}
  \datalist[entry]{nty/global//global/global}
    \entry{buolamwini2018gender}{inproceedings}{}
      \name{author}{2}{}{%
        {{un=0,uniquepart=base,hash=694238e772e190a6c1c2e0c1e68ee000}{%
           family={Buolamwini},
           familyi={B\bibinitperiod},
           given={Joy},
           giveni={J\bibinitperiod},
           givenun=0}}%
        {{un=0,uniquepart=base,hash=f2b0ffb56c5d1e4220c16c0258e02eae}{%
           family={Gebru},
           familyi={G\bibinitperiod},
           given={Timnit},
           giveni={T\bibinitperiod},
           givenun=0}}%
      }
      \strng{namehash}{1d3df5a4e120235c82cc5c5428e6a913}
      \field{sortinit}{B}
      \field{booktitle}{Conference on fairness, accountability and transparency}
      \field{title}{Gender shades: Intersectional accuracy disparities in commercial gender classification}
      \field{year}{2018}
      \field{pages}{77\bibrangedash 91}
    \endentry
    \entry{unused}{article}{}
      \name{author}{1}{}{%
        {{hash=1}{family={Dastin}, given={Jeffrey}}}%
      }
      \field{title}{Amazon scraps secret AI recruiting tool}
      \field{year}{2018}
    \endentry
  \enddatalist
\endrefsection
"""

APSREV_BBL = r"""%apsrev4-2.bst 2019-01-14 (MD) (excerpt)
\begin{thebibliography}{2}%
\makeatletter
\providecommand \bibinfo  [0]{\@secondoftwo}%
\providecommand \bibfield  [0]{\@secondoftwo}%
\makeatother
\bibitem [{\citenamefont {Moon}\ \emph {et~al.}(1969)\citenamefont {Moon}, \citenamefont {Riste},\ and\ \citenamefont {Koehler}}]{moon_polarization_1969}%
  \BibitemOpen
  \bibfield  {author} {\bibinfo {author} {\bibfnamefont {R.~M.}\ \bibnamefont {Moon}}, \bibinfo {author} {\bibfnamefont {T.}~\bibnamefont {Riste}},\ and\ \bibinfo {author} {\bibfnamefont {W.~C.}\ \bibnamefont {Koehler}},\ }\href {https://doi.org/10.1103/PhysRev.181.920} {\bibfield  {journal} {\bibinfo  {journal} {Phys. Rev.}\ }\textbf {\bibinfo {volume} {181}},\ \bibinfo {pages} {920} (\bibinfo {year} {1969})}\BibitemShut {NoStop}%
\bibitem [{\citenamefont {Lovesey}(1986)}]{lovesey_theory_1986}%
  \BibitemOpen
  \bibfield  {author} {\bibinfo {author} {\bibfnamefont {S.~W.}\ \bibnamefont {Lovesey}},\ }\href@noop {} {\emph {\bibinfo {title} {Theory of Neutron Scattering}}}\ (\bibinfo  {publisher} {Oxford University Press},\ \bibinfo {year} {1986})\BibitemShut {NoStop}%
\end{thebibliography}%
"""


def _arxiv(tmp_path: Path, preamble: str, cites: str, bbl: str) -> Path:
    tex = tmp_path / "main.tex"
    tex.write_text(
        "\\documentclass{article}\n"
        + preamble
        + "\\begin{document}\n"
        + cites
        + "\n"
        + "\\bibliography{references}\n"
        "\\end{document}\n",
        encoding="utf-8",
    )
    (tmp_path / "main.bbl").write_text(bbl, encoding="utf-8")
    return tex


def test_biblatex_bbl_stands_for_the_missing_bib(tmp_path: Path) -> None:
    tex = _arxiv(
        tmp_path,
        "\\usepackage[bibstyle=numeric,citestyle=authoryear]{biblatex}\n",
        "Face recognition is biased (\\cite{buolamwini2018gender}), as (\\cite{nokey}) says.",
        BIBLATEX_BBL,
    )
    result = check_file(str(tex), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    found = [(f.rule, f.severity.name.lower(), f.path, f.line) for f in result.doc.findings]
    assert ("input-bibliography", "info", None, 5) in found  # the .bib is absent: said, not an error
    assert ("missing-reference", "error", None, 4) in found  # \cite{nokey}: in no entry of the .bbl
    uncited = [f for f in result.doc.findings if f.rule == "uncited-reference"]
    assert [(f.severity.name.lower(), f.path, f.line) for f in uncited] == [
        ("info", str(tmp_path / "main.bbl"), 27)
    ]
    linked = next(c for c in result.doc.citations if c.key == "buolamwini2018gender")
    entry = next(r for r in result.doc.references or [] if r.id in linked.references)
    assert (entry.authors, entry.year, entry.title) == (
        ["Buolamwini", "Gebru"],
        "2018",
        "Gender shades: Intersectional accuracy disparities in commercial gender classification",
    )
    assert len(found) == 3


def test_bibtex_bbl_stands_for_the_missing_bib(tmp_path: Path) -> None:
    tex = _arxiv(
        tmp_path, "", "Polarised neutrons~\\cite{moon_polarization_1969,lovesey_theory_1986}.", APSREV_BBL
    )
    result = check_file(str(tex), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    found = [(f.rule, f.severity.name.lower()) for f in result.doc.findings]
    assert found == [("input-bibliography", "info")]
    refs = result.doc.references or []
    assert [(r.key, r.authors[0], r.year) for r in refs] == [
        ("moon_polarization_1969", "Moon", "1969"),
        ("lovesey_theory_1986", "Lovesey", "1986"),
    ]
    assert "bibinfo" not in refs[0].text and "BibitemShut" not in refs[0].text


def test_empty_bbl_leaves_the_missing_bib_an_error(tmp_path: Path) -> None:
    """An empty .bbl (BibTeX found no .bib either, 48302-DiogoJesus/DgJ_MEIC_thesis's _ref/_paper.bbl)
    typesets nothing: the missing .bib is the one finding that matters."""
    tex = _arxiv(tmp_path, "", "As shown~\\cite{wukong_2}.", "")
    found = [(rule, severity) for rule, severity, _ in findings(tex)]
    assert ("input-bibliography", "error") in found
    assert ("missing-reference", "error") not in found


# --- MyST directives whose content is Markdown ---------------------------------------------------------
# executablebooks/jupyter-book's docs/reference/cheatsheet.md: a footnote marker inside a
# "``````{list-table}" (rendered Markdown) was unseen, so its note was "never referenced"; a Jupyter
# Book's {cite} inside a "```{note}" admonition was not read (its missing key went unreported), while
# "```{code-cell}" and a "```md" example in a list item ("* - ```md") stay code.

JUPYTER_PAGE = (
    "# Intro\n\nText {cite}`smith2005`.\n\n"
    "```{note}\nAs shown by {cite:t}`lee2010`, and by {cite}`nokey2001`, this holds.\n```\n\n"
    "```{code-cell} python\nx = '{cite}`incode`'\n```\n\n"
    "``````{list-table}\n:header-rows: 1\n\n* - Syntax\n  - Result\n* - ```md\n    {cite}`example2000`\n    ```\n"
    "  - This is a footnote reference.[^myref]\n``````\n\n"
    "[^myref]: This **is** the footnote definition.\n\n```{bibliography}\n```\n"
)


def test_myst_prose_directive_content_is_read(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "_config.yml").write_text(
        "title: T\nbibtex_bibfiles:\n  - references.bib\n", encoding="utf-8"
    )
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\n", encoding="utf-8")
    (tmp_path / "references.bib").write_text(
        "@article{smith2005, author={Smith, John}, title={A title}, journal={J}, year={2005}}\n"
        "@article{lee2010, author={Lee, Ann}, title={B title}, journal={J}, year={2010}}\n",
        encoding="utf-8",
    )
    page = tmp_path / "intro.md"
    page.write_text(JUPYTER_PAGE, encoding="utf-8")
    result = check_file(str(page), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    assert sorted(c.key or "" for c in result.doc.citations) == ["lee2010", "nokey2001", "smith2005"]
    found = [(f.rule, f.severity.name.lower(), f.line) for f in result.doc.findings]
    assert found == [("missing-reference", "error", 6)]


# --- a "References" row of a checklist table ----------------------------------------------------------
# Meta-Paleo/Peer-Review-Transparency's key_papers/TTEE 1.0.docx, a reporting checklist: a table row
# labelled "References" ("Citation of archived data ...: yes / no") was read as the reference list's
# heading, and the rows after it ("Level 1", "Level 2" ...) as entries: 24 duplicate-reference warnings.


def _table_docx(path: Path, layout: bool) -> None:
    import docx

    d = docx.Document()
    if layout:  # a page laid out in a one-cell table: the heading and the list share the cell
        cell = d.add_table(rows=1, cols=1).cell(0, 0)
        cell.paragraphs[0].text = "As Miller (2005) found, effects are small."
        cell.add_paragraph("References")
        cell.add_paragraph(IMRAD_ENTRY)
        d.save(str(path))
        return
    d.add_paragraph("Checklist for papers (with compliance assessment options):")
    table = d.add_table(rows=0, cols=3)
    for label, description, options in [
        ("Data", "State where the data are available.", "yes / no / incomplete"),
        ("References", "", ""),
        ("Citation of archived data", "Properly cite archived data used in this manuscript.", "yes / no"),
        ("Level 1", "Level 2", "Level 3"),
        ("Level 1", "Level 2", "Level 3"),
    ]:
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = label, description, options
    d.save(str(path))


def test_references_row_of_a_table_is_no_reference_list(tmp_path: Path) -> None:
    path = tmp_path / "checklist.docx"
    _table_docx(path, layout=False)
    assert [(r, s) for r, s, _ in findings(path)] == [("empty-document", "info")]


def test_reference_list_in_a_layout_table_is_read(tmp_path: Path) -> None:
    path = tmp_path / "layout.docx"
    _table_docx(path, layout=True)
    assert findings(path) == []


# --- Zotero's repeated "annote" --------------------------------------------------------------------------
# TLPLEngineeringEdResearch/icer-2016-rebecca-manuscript's bibliography.bib (a Zotero export): an item's
# notes are several "annote" fields, which no style prints: 124 input-bibliography warnings. A printed
# field given twice is still said, once per field name ("the fields annote is given twice" read oddly).


def test_repeated_unprinted_field_is_no_problem(tmp_path: Path) -> None:
    from refcheck.loaders.bibtex import read_bibliography

    bib = tmp_path / "bibliography.bib"
    bib.write_text(
        "@article{saxe_studying_2005,\n  title = {Studying cognitive development},\n  author = {Saxe, G.},\n"
        "  journal = {J}, year = {2005},\n  annote = {First note},\n  annote = {Second note},\n"
        "  annote = {Third note}\n}\n"
        "@article{kuhn_children_1989,\n  title = {Children and adults},\n  author = {Kuhn, D.},\n"
        "  journal = {Psych. Rev.}, year = {1989}, year = {1990}, year = {1991}, doi = {10.1/x}, doi = {10.1/y}\n}\n",
        encoding="utf-8",
    )
    _, problems = read_bibliography(str(bib))
    assert [f.message for f in problems] == [
        "entry kuhn_children_1989: the fields year, doi are given twice; the first value is kept"
    ]


# --- a model's version is no author ----------------------------------------------------------------------
# Alchedata/rl-env-white-paper's figures/figure_captions.md: "agent swarm architectures like Kimi K2.5
# (2026)" was the author-date citation "K2.5 (2026)" (a name with a digit is a product, as "GBD 2010").


def test_versioned_product_is_no_author(tmp_path: Path) -> None:
    path = tmp_path / "captions.md"
    path.write_text(
        "Figure 6: A timeline: synthetic environment generation, agent swarm architectures like Kimi K2.5\n"
        "(2026), and models such as GPT-4.1 (2025) or Llama-3.1 (2024) deployed.\n",
        encoding="utf-8",
    )
    assert [(r, s) for r, s, _ in findings(path)] == [("empty-document", "info")]


# --- a Git LFS pointer ----------------------------------------------------------------------------------
# GrigorieffLab/ctffind5_manuscript keeps manuscript.docx in Git LFS: a checkout without LFS holds a
# 130-byte pointer, which was "not a DOCX file (not a zip archive: File is not a zip file)" (and a
# pointer named .md or .tex was read as a document with nothing to check).

LFS = (
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:a13852e76677280472cc8d208db76a5e66e1c2565a2181e8d1c09c2683a962e8\nsize 7576496\n"
)


@pytest.mark.parametrize("name", ["manuscript.docx", "paper.md", "main.tex"])
def test_lfs_pointer_is_said(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(LFS, encoding="utf-8")
    result = check_file(str(path), CheckOptions(links=False, verify=False))
    assert result.doc is None
    assert "Git LFS pointer" in str(result.error) and "git lfs pull" in str(result.error)


# --- a Quarto custom cross-reference kind ---------------------------------------------------------------
# GiancarloMCorrea/Manuscript_using_Quarto's manuscript.qmd: "crossref: custom: - key: suppfig" makes
# "@suppfig-1" a reference to the div "::: {#suppfig-1}"; it was a missing-reference error (as was
# "@supptbl-1"). Any identifier the document gives a target is no citation key.

QUARTO_XREF = """---
title: "Manuscript"
bibliography: references.bib
crossref:
  custom:
    - key: suppfig
      kind: float
      reference-prefix: Figure S
---

# Results {#sec-results}

Growth follows @smith2005. This is @suppfig-1, see also @sec-results and @nokey2001.

::: {#suppfig-1}
![A caption](fig.png)
:::

```{r}
#| label: fig-growth
plot(1)
```

As @fig-growth shows.
"""


def test_quarto_custom_crossref_is_no_citation(tmp_path: Path) -> None:
    (tmp_path / "references.bib").write_text(
        "@article{smith2005, author={Smith, John}, title={A title}, journal={J}, year={2005}}\n",
        encoding="utf-8",
    )
    path = tmp_path / "manuscript.qmd"
    path.write_text(QUARTO_XREF, encoding="utf-8")
    found = [(r, s, m.split(" is cited")[0]) for r, s, m in findings(path)]
    assert found == [("missing-reference", "error", "key 'nokey2001'")]


# --- the tables and figures a manuscript puts after its references ---------------------------------------
# GiancarloMCorrea/Manuscript_using_Quarto's manuscript.docx (rendered by Quarto): "6. References", its two
# entries, then "7. Tables" with a table and "8. Figures": the headings and every cell were read as
# entries, 11 uncited-reference warnings.


def test_tables_after_the_references_are_no_entries(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Growth follows Quinn and Deriso (1999).")
    d.add_paragraph("6. References")
    d.add_paragraph(
        "Quinn, T.J., and Deriso, R.B. 1999. Quantitative Fish Dynamics. Oxford University Press."
    )
    d.add_paragraph("7. Tables")
    d.add_paragraph("Table 1: This is the table caption.")
    table = d.add_table(rows=3, cols=2)
    for row, (name, value) in zip(
        table.rows, [("Fish name", "Value"), ("Fish 1", "2"), ("Fish 2", "3")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = name, value
    d.add_paragraph("8. Figures")
    d.add_paragraph("Figure 1: Add the image caption here.")
    path = tmp_path / "manuscript.docx"
    d.save(str(path))
    assert findings(path) == []


# --- Quarto's _extensions beside a single manuscript ------------------------------------------------------
# JohnFranchak/apaquarto_example: "quarto add wjschne/apaquarto" installs the format in _extensions/
# beside manuscript.qmd (no _quarto.yml); its empty template partials (apaquarto.md, title-block.html)
# failed the run with exit status 2, "the file is empty".


def test_quarto_extensions_are_not_searched(tmp_path: Path) -> None:
    from refcheck.discovery import Discovery, discover_files

    ext = tmp_path / "_extensions" / "wjschne" / "apaquarto"
    ext.mkdir(parents=True)
    (ext / "_extension.yml").write_text("title: APA\n", encoding="utf-8")
    (ext / "apaquarto.md").write_text("", encoding="utf-8")
    (ext / "title-block.html").write_text("", encoding="utf-8")
    (tmp_path / "manuscript.qmd").write_text("---\ntitle: T\n---\n\nText.\n", encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in discover_files(str(tmp_path), Discovery())]
    assert found == ["manuscript.qmd"]


# --- TeX4ht's HTML beside the LaTeX source ------------------------------------------------------------
# sbq0/datacomp-paper commits make4ht's output beside main.tex (main.4ct, index.html, main2.html ...
# main14.html): the split pages cite "[38]" on one page and list it on another, so index.html had 9
# uncited-reference warnings; the source main.tex is what is checked.


def test_tex4ht_html_is_not_searched(tmp_path: Path) -> None:
    from refcheck.discovery import Discovery, discover_files

    for name in ("main.tex", "main.4ct", "main.bib", "index.html", "main2.html", "notes.md"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>x</p>\n", encoding="utf-8")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in discover_files(str(tmp_path), Discovery())]
    assert found == ["main.bib", "main.tex", "notes.md", "site/index.html"]


# --- physics styles print no article title ---------------------------------------------------------------
# 3He-NSF/3HeNSF_2DPSD_paper ships revtex's sample files (aapmsamp.tex with aapmsamp.bib): revtex's
# styles (apsrev4-2, aipnum4-2 ...) print no article title, and physics .bib files leave it out:
# "@ARTICLE{feyn54, author = "R. P. Feynman", journal = "Phys. Rev.", ...}" is a whole entry there.

FEYNMAN = (
    '@ARTICLE{feyn54,\n   author = "R. P. Feynman",\n   year = "1954",\n   journal = "Phys.\\ Rev.",\n'
    '   volume = "94",\n   pages = "262",\n}\n'
)


@pytest.mark.parametrize(
    ("preamble", "style", "expected"),
    [
        ("\\documentclass[aps,prl,reprint]{revtex4-2}\n", "", []),
        ("\\documentclass{article}\n", "\\bibliographystyle{apsrev4-2}\n", []),
        ("\\documentclass{article}\n", "\\bibliographystyle{plain}\n", [("incomplete-reference", "warning")]),
    ],
)
def test_physics_style_needs_no_article_title(
    tmp_path: Path, preamble: str, style: str, expected: list[tuple[str, str]]
) -> None:
    (tmp_path / "refs.bib").write_text(FEYNMAN, encoding="utf-8")
    tex = tmp_path / "paper.tex"
    tex.write_text(
        preamble
        + "\\begin{document}\nPath integrals~\\cite{feyn54}.\n"
        + style
        + "\\bibliography{refs}\n\\end{document}\n",
        encoding="utf-8",
    )
    assert [(r, s) for r, s, _ in findings(tex)] == expected


# --- "Burriss and colleagues (2015)" ---------------------------------------------------------------------
# Lakens/EquivalenceTestingForPsychologicalScience's manuscript.docx (papaja renders the R Markdown
# "Burriss and colleagues [-@Burriss2015]"): the narrative citation was not read, its entry "listed but
# never cited". "and colleagues" says what "et al." says.


@pytest.mark.parametrize("words", ["and colleagues", "and co-workers", "and coworkers"])
def test_and_colleagues_is_et_al(tmp_path: Path, words: str) -> None:
    path = tmp_path / "paper.txt"
    path.write_text(
        f"For example, Burriss {words} (2015) examined whether redness increased.\n\nReferences\n\n"
        "Burriss, R. P., Troscianko, J., Lovell, P. G., & Rowland, H. M. (2015). Changes in women's facial "
        "skin color over the ovulatory cycle are not detectable. PLOS ONE, 10(7), e0130093.\n",
        encoding="utf-8",
    )
    assert findings(path) == []
