"""False alarms found by running refcheck on real documents of kinds not tried before (QA round 6:
MyST projects configured by myst.yml, MyST's LaTeX templates, Jupyter Books, bookdown theses, Markdown
notes and READMEs): each test is the smallest form of a pattern a public document uses, and failed
before its fix. The source of each pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

from refcheck.pipeline import CheckOptions, check_file

from .projects import findings, write

# --- a MyST project (myst.yml) -------------------------------------------------------------------------
# Notebooks-Now/submission-myst-full (article.md cites "[@marrero2019]" from references.bib beside
# myst.yml, which names no bibliography), AllenNeuralDynamics/openscope_p3_data_release_paper
# (myst.yml's "project: bibliography: - references.bib"), 28left/descriptive_set_theory ("{cite}`a`"
# roles, and "@pro-order-ordinals" cross-referencing a proposition ":label:"led on another page). Not
# recognised, each page was "names no bibliography" (info) and nothing was checked; read as a
# project, a page's "@pro-order-ordinals" is a cross-reference, not a missing key.

MYST = {
    "myst.yml": "version: 1\nproject:\n  title: Notes\n  toc:\n    - file: index.md\nsite:\n  template: book-theme\n",
    "refs/main.bib": "@article{cockett2015, author={Cockett, Rowan}, title={SimPEG}, journal={Computers and"
    " Geosciences}, year={2015}}\n@book{heagy2017, author={Heagy, Lindsey}, title={A framework},"
    " publisher={Elsevier}, year={2017}}\n@book{never2000, author={Never, Ned}, title={Not cited here},"
    " publisher={Elsevier}, year={2000}}\n",
    "index.md": "---\ntitle: Intro\n---\n\n# Intro\n\nSimPEG [@cockett2015] is a framework"
    " {cite:p}`{see}cockett2015{fig. 1}; heagy2017`, described by {cite:t}`heagy2017`. A DOI may be cited"
    " itself [@10.1093/nar/22.22.4673], and @pro-order follows. A typo [@cocket2015].\n",
    "sets/ordinals.md": "# Ordinals\n\n:::{prf:proposition}\n:label: pro-order\nOrdinals are ordered.\n:::\n",
}


def test_a_myst_project_shares_its_bibliography(tmp_path: Path) -> None:
    write(tmp_path, MYST)
    found = findings(tmp_path / "index.md")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'cocket2015'" in found[0][2]
    result = check_file(str(tmp_path / "index.md"), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    assert sorted(c.key or "" for c in result.doc.citations) == sorted(
        ["cockett2015", "cockett2015", "heagy2017", "heagy2017", "cocket2015"]
    )
    # a page in a directory below, checked from elsewhere, reads the project's bibliography
    assert [r for r, _, _ in findings(tmp_path / "sets" / "ordinals.md")] == ["empty-document"]


def test_a_myst_project_reads_the_bibliography_it_names(tmp_path: Path) -> None:
    files = dict(MYST)
    files["myst.yml"] = "version: 1\nproject:\n  bibliography:\n    - refs/other.bib\n"
    files["refs/other.bib"] = files.pop("refs/main.bib").replace("cockett2015", "cocket2015")
    files["refs/unused.bib"] = "@book{cockett2015, author={X, Y}, title={Z}, publisher={P}, year={2015}}\n"
    write(tmp_path, files)
    found = findings(tmp_path / "index.md")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")] * 2
    assert all("'cockett2015'" in m for _, _, m in found)


# --- a LaTeX template of MyST (jtex) or Jinja --------------------------------------------------------
# AllenNeuralDynamics/ComputationalReviewTemplate's latex/template/template.tex ends with
# "[# if doc.bibliography #]\n\bibliography{[- doc.bibliography | join(", ") -]}\n[# endif #]": two
# input-bibliography errors for the "files" '[- doc.bibliography | join(".bib' and '") -].bib'.


def test_a_jinja_latex_template_is_no_document(tmp_path: Path) -> None:
    body = "\\documentclass{article}\n\\begin{document}\n[-CONTENT-]\n\n"
    jtex = (
        body + '[# if doc.bibliography #]\n\\bibliography{[- doc.bibliography | join(", ") -]}\n[# endif #]\n'
    )
    jinja = body + "{% if bib %}\n\\bibliography{ {{- bib -}} }\n{%- endif %}\n"
    for name, text in (("jtex.tex", jtex), ("jinja.tex", jinja)):
        (tmp_path / name).write_text(text + "\\end{document}\n", encoding="utf-8")
        found = findings(tmp_path / name)
        assert [(r, s) for r, s, _ in found] == [("empty-document", "info")], found
        assert "template" in found[0][2]


# --- an entry of an online dictionary, undated ---------------------------------------------------------
# eemilhaa/thesis (biblatex-apa): "@INREFERENCE{apacog, AUTHOR = {{American Psychological Association}},
# URL = {https://dictionary.apa.org/cognitive-process}, BOOKTITLE = {APA dictionary of psychology},
# TITLE = {cognitive process}, URLDATE = {2024-01-10}}", cited: "entry apacog has no year" (a warning),
# where a web page gets info: APA prints "(n.d.)" and the date it was retrieved.


def test_an_undated_online_reference_work_entry_is_info(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(
        "@INREFERENCE{apacog,\n  AUTHOR = {{American Psychological Association}},\n"
        "  URL = {https://dictionary.apa.org/cognitive-process},\n  BOOKTITLE = {APA dictionary of psychology},\n"
        "  TITLE = {cognitive process},\n  URLDATE = {2024-01-10},\n}\n"
        "@inreference{printed, author={Editors}, booktitle={A Dictionary}, title={term}, publisher={P}}\n",
        encoding="utf-8",
    )
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\usepackage[style=apa]{biblatex}\n\\addbibresource{refs.bib}\n"
        "\\begin{document}\nAll these are cognitive processes \\parencite{apacog}, as \\textcite{printed} says.\n"
        "\\printbibliography\n\\end{document}\n",
        encoding="utf-8",
    )
    found = [(r, s, m.split(";")[0]) for r, s, m in findings(tmp_path / "main.tex")]
    assert found == [
        ("incomplete-reference", "info", "entry apacog has no year"),
        ("incomplete-reference", "warning", "entry printed has no year"),
    ]


# --- Markdown for GitHub: superscript citations, link definitions, anchored entries ------------------
# betterscientificsoftware/bssw.io's blog articles (wikize_refs.py): "practices,<sup>[1]</sup> which",
# "<sup>[3],[4]</sup>", hidden link definitions '[1]: #sfer-ezikiw-1 "Title"' and
# '[1-sfer-ezikiw]: https://doi.org/... "Title {Wilson G, Bryan J, ... (2017). ...}"', a list of
# '* <a name="sfer-ezikiw-1"></a><sup>1</sup>[Wilson G, ... (2017). ...](https://doi.org/...)' and an
# HTML comment of site metadata after it; other articles anchor author-date entries,
# '<a id="ref-fussell2017"></a>[Fussell, C. & Goodyear, C.W. (2017). One mission ...](http://a.co/x)'.
# "<sup>[1]" was read as a comparison ("> [1]"), so no entry was cited (192 uncited warnings over the
# blog), the definitions' tooltips were read as citations ('"C. (2015)" is cited but not in the
# reference list'), the comment's lines as entries, and "<a id=..." as an entry's author.

WIKIZED = """# Software gardening

Carpentry compares software to building,<sup>[1]</sup> which has had broad impacts. Gardening
complements it,<sup>[2]</sup> as others said before.<sup>[3],[4]</sup>

[1-sfer-ezikiw]: https://doi.org/10.1371/journal.pcbi.1005510 "Good enough practices {Wilson G, Bryan J, Cranston K (2017). Good enough practices in scientific computing. PLOS Comput Biol 13(6).}"
[2-sfer-ezikiw]: https://example.org/pp "The Pragmatic Programmer {Hunt, A., & Thomas, D. (1999). The Pragmatic Programmer. Addison-Wesley.}"

<!-- (sfer-ezikiw begin) -->
[1]: #sfer-ezikiw-1 "Good enough practices in scientific computing"
[2]: #sfer-ezikiw-2 "The Pragmatic Programmer"
[3]: #sfer-ezikiw-3 "Tending Your Software Garden"
[4]: #sfer-ezikiw-4 "Software Gardening Manifesto"
## References
<!-- (sfer-ezikiw end) -->
* <a name="sfer-ezikiw-1"></a><sup>1</sup>[Wilson G, Bryan J, Cranston K (2017). Good enough practices in scientific computing. PLOS Comput Biol 13(6).](https://doi.org/10.1371/journal.pcbi.1005510)
* <a name="sfer-ezikiw-2"></a><sup>2</sup>[Hunt, A., & Thomas, D. (1999). The Pragmatic Programmer. Addison-Wesley.](https://example.org/pp)
* <a name="sfer-ezikiw-3"></a><sup>3</sup>[Atwood, Jeff (2008). Tending Your Software Garden. Coding Horror.](https://blog.codinghorror.com/x/)
* <a name="sfer-ezikiw-4"></a><sup>4</sup>[Papapetrou, P. (2019). Software Gardening Manifesto.](https://www.linkedin.com/pulse/x)

<!---
Publish: yes
Track: deep dive
Topics: software process improvement, software engineering
--->
"""

ANCHORED = """# Scaling small teams

Foster a shared mental model first ([Fussell & Goodyear, 2017](#user-content-ref-fussell2017)), as
others argued ([Hansen, 2018](#user-content-ref-hansen2018)).

### References

<a id="ref-fussell2017"></a>[Fussell, C. & Goodyear, C.W. (2017). One mission: How leaders build a team of teams. New York, NY: Penguin Random House LLC.](http://a.co/5e1O2Gw)

<a id="ref-hansen2018"></a>[Hansen, M. T. (2018). Great at work: How top performers do less, work better, and achieve more. Simon & Schuster.](http://a.co/0xyz)
"""


def test_markdown_for_github_cites_by_superscript_and_hides_its_link_definitions(tmp_path: Path) -> None:
    for name, text in (("wikized.md", WIKIZED), ("anchored.md", ANCHORED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert findings(tmp_path / name) == [], name
    result = check_file(str(tmp_path / "wikized.md"), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    assert [c.text for c in result.doc.citations] == ["[1]", "[2]", "[3]", "[4]"]
    assert [r.label for r in result.doc.references or []] == ["1", "2", "3", "4"]


# --- a reading list's entry opening with initials -----------------------------------------------------
# betterscientificsoftware/bssw.io's 2021-07-RateYourProject.md ends with "## Further reading" and
# "M.A. Heroux et al. (2020) Lightweight Software Process Improvement Using ... (PSIP). In: Juckeland
# G., Chandrasekaran S. (eds.) Tools and Techniques ...": the work is given in full where it stands,
# but "M.A." before the names and a title with no full stop after the year hid it (an error: 'the
# document has no reference list').


def test_a_reading_list_entry_opening_with_initials_is_written_in_place(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(
        "# Rate your project\n\nThe tool helps teams improve their practices.\n\n## Further reading\n\n"
        "M.A. Heroux et al. (2020) Lightweight Software Process Improvement Using Productivity and "
        "Sustainability Improvement Planning (PSIP). In: Juckeland G., Chandrasekaran S. (eds.) Tools and "
        "Techniques for High Performance Computing. Springer, Cham.\n",
        encoding="utf-8",
    )
    assert [(r, s) for r, s, _ in findings(tmp_path / "post.md")] == [("missing-reference", "info")]


# --- a key defined twice for one work ------------------------------------------------------------------
# bkb3/PhD-thesis (bib/references.bib, 173 warnings) and unmnn/thesis (thesis.bib, 60): databases
# merged from several exports repeat entries under their key ("@Article{WHO:MONICA1989, author =
# {Tuomilehto, Jaako and Kuulasmaa, Kari}, ..." and again "author = {WHO Monica Project}", one title
# and year). BibTeX and biber keep the first copy, so the thesis prints the work right: info. Copies
# of a key that give other works stay a warning (the one printed may be the wrong one).

DUPLICATED = (
    "@article{monica, author={Tuomilehto, Jaako and Kuulasmaa, Kari}, journal={{International Journal of"
    " Epidemiology}}, title={{WHO MONICA Project: assessing CHD mortality and morbidity}}, year={1989}}\n"
    "@article{monica, author={WHO Monica Project}, journal={International journal of epidemiology},"
    " title={WHO MONICA Project: assessing CHD mortality and morbidity}, year={1989}}\n"
    "@article{other, author={Smith, John}, journal={Nature}, title={A first title of a paper}, year={2001}}\n"
    "@article{other, author={Smith, John}, journal={Nature}, title={Another paper altogether}, year={2003}}\n"
)


def test_a_key_defined_twice_for_one_work_is_info(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(DUPLICATED, encoding="utf-8")
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nAs shown \\cite{monica,other}.\n"
        "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n",
        encoding="utf-8",
    )
    found = [(r, s, "same title and year" in m) for r, s, m in findings(tmp_path / "main.tex")]
    assert found == [("duplicate-reference", "info", True), ("duplicate-reference", "warning", False)]


def test_a_key_defined_twice_with_one_doi_says_the_doi(tmp_path: Path) -> None:
    # Two copies of a key whose titles were exported differently but whose DOI is one: the finding
    # says what shows they are one work (it said "the same title and year" whatever matched).
    (tmp_path / "refs.bib").write_text(
        "@article{monica, author={Tuomilehto, Jaako}, title={{WHO MONICA Project: assessing CHD"
        " mortality}}, year={1989}, doi={10.1093/ije/18.suppl_1.s38}}\n"
        "@article{monica, author={WHO Monica Project}, title={Assessing CHD mortality and morbidity},"
        " year={1989}, doi={10.1093/IJE/18.Suppl_1.S38}}\n",
        encoding="utf-8",
    )
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nAs shown \\cite{monica}.\n"
        "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n",
        encoding="utf-8",
    )
    [(rule, severity, message)] = findings(tmp_path / "main.tex")
    assert (rule, severity) == ("duplicate-reference", "info")
    assert "both give the same DOI" in message and "title and year" not in message


# --- Jupyter notebooks -----------------------------------------------------------------------------------
# Notebooks-Now/submission-myst-full (notebooks/data-screening.ipynb), jeanlescure/typescript-jupyter-
# book-template (book/index.ipynb cites "{cite}`Taniguchi2017`" from the book's references.bib) and
# ALF-QMC/Hamiltonians (README.ipynb): "refcheck does not read .ipynb files", and a directory of
# notebooks was "no supported files" (exit 2). A notebook's Markdown cells are its prose.


def _notebook(cells: list[tuple[str, list[str]]]) -> str:
    import json

    return json.dumps(
        {
            "cells": [
                {"cell_type": kind, "metadata": {}, "source": source}
                | ({"execution_count": 1, "outputs": []} if kind == "code" else {})
                for kind, source in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


def test_a_notebooks_markdown_cells_are_checked(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "_config.yml": "title: A book\nbibtex_bibfiles:\n  - references.bib\n",
            "references.bib": "@article{Taniguchi2017, author={Taniguchi, Y.}, title={Jupyter}, journal={J},"
            " year={2017}}\n",
            "index.ipynb": _notebook(
                [
                    ("markdown", ["# Intro\n", "\n", "Notebooks are editors {cite}`Taniguchi2017`.\n"]),
                    ("code", ["print('[@nokey] (Smith 2001)')\n"]),
                    ("markdown", ["A typo {cite}`Taniguchi2071`.\n"]),
                ]
            ),
            "plain.ipynb": _notebook(
                [
                    ("markdown", ["# Notes\n", "\n", "As shown before [1], and again [2].\n"]),
                    ("code", ["x = [3]\n"]),
                    ("markdown", ["## References\n", "\n", "1. Hardy, M. (1968). Modern Diplomatic Law.\n"]),
                ]
            ),
        },
    )
    found = findings(tmp_path / "index.ipynb")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'Taniguchi2071'" in found[0][2]
    result = check_file(str(tmp_path / "index.ipynb"), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    # the finding points at the notebook's JSON line that holds the cell's text
    line = result.doc.findings[0].line or result.doc.locate(result.doc.findings[0].offset or 0)[0]
    assert "Taniguchi2071" in (tmp_path / "index.ipynb").read_text(encoding="utf-8").splitlines()[line - 1]
    found = findings(tmp_path / "plain.ipynb")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "[2]" in found[0][2]


# --- a list of links or notes under "References"; a quoted passage's own citations ----------------------
# wookayin/latex-boilerplate's article.markdown: "# References" over "- [Pandoc's Markdown](http://...)"
# links (no year), and "(Tested with Tex Live 2013)" read as a citation: six uncited warnings.
# UvA-FNWI/LaTeX's _posts/0000-05-01-bibliography.md: "**References**" over a tutorial's numbered points
# ("3. name of the publisher or journal;"). bssw.io's CodingConventions.md quotes Code Complete:
# '> "... if the layout is different from the scheme the expert uses (Shell 1981, Soloway and Ehrlich
# 1984)" [7, Section 31.1].': McConnell's citations, not the blog's (two missing-reference errors).


def test_an_undated_list_and_a_quoted_passage(tmp_path: Path) -> None:
    (tmp_path / "links.md").write_text(
        "# Technical details\n\n- Pandoc for converting sources (tested with Tex Live 2013).\n\n# References\n\n"
        "- [Pandoc's Markdown](http://johnmacfarlane.net/pandoc/README.html)\n"
        "- [minted.sty Documentation](https://github.com/gpoore/minted)\n"
        "- [User-contributed Templates](https://github.com/jgm/pandoc/wiki/User-contributed-templates)\n",
        encoding="utf-8",
    )
    assert {s for r, s, _ in findings(tmp_path / "links.md") if r == "uncited-reference"} == {"info"}
    (tmp_path / "quote.md").write_text(
        "# Coding conventions\n\nMcConnell (2004) cites a study and notes:\n\n"
        "> \"Layout might harm an expert's ability to read a program\nif the layout is different from the "
        'scheme the expert uses (Shell 1981, Soloway and Ehrlich 1984)"\n\nWe agree (Martin 2008).\n\n'
        "## References\n\nMartin, R. C. (2008). Clean Code. Prentice Hall.\n\n"
        "McConnell, S. (2004). Code Complete. Microsoft Press.\n",
        encoding="utf-8",
    )
    assert {(r, s) for r, s, _ in findings(tmp_path / "quote.md")} == {("missing-reference", "info")}


# --- works cited in passing, with a further-reading section -------------------------------------------
# bssw.io's CommunityOfPracticeAroundPeerReview.md cites "(Jiménez et al. 2017)" and nine more in
# passing, then "## Further reading": "This article is based on a paper ... Complete citations for the
# references mentioned in this article can also be found in the full paper." (an error: 'the document
# has no reference list'). Without the section the finding stays an error.


def test_no_list_but_a_further_reading_section_is_info(tmp_path: Path) -> None:
    body = "# Peer review\n\nCommunities of practice help (Jiménez et al. 2017; Wenger 1998).\n\n"
    further = (
        "## Further reading\n\nThis article is based on a paper; complete citations are in the full paper.\n"
    )
    (tmp_path / "with.md").write_text(body + further, encoding="utf-8")
    (tmp_path / "without.md").write_text(body, encoding="utf-8")
    assert [(r, s) for r, s, _ in findings(tmp_path / "with.md")] == [("missing-reference", "info")]
    assert [(r, s) for r, s, _ in findings(tmp_path / "without.md")] == [("missing-reference", "error")]
