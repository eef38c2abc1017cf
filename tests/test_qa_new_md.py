"""QA of the Markdown-side features of round 10 (MyST projects, Jupyter notebooks, code blocks)
on real documents and on the shapes tools write: each test failed before its fix; the source of
each pattern is named beside its test."""

from __future__ import annotations

import json
import time
from pathlib import Path

from refcheck.pipeline import CheckOptions, check_file


def located(path: Path) -> list[tuple[str, str, int]]:
    result = check_file(str(path), CheckOptions(links=False, verify=False))
    assert result.doc is not None, result.error
    return [(f.rule, f.severity.name.lower(), f.line or 0) for f in result.doc.findings]


def _cells() -> list[dict[str, object]]:
    return [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Intro\n", "\n", "As Smith (2010) showed.\n"]},
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 1,
            "source": ["print('Jones (2015)')\n"],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["Jones (2015)\n"]}],
        },
        {"cell_type": "markdown", "metadata": {}, "source": "Brown (2001) too.\n\nMore."},
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": [
                "## References\n",
                "\n",
                "- Smith, J. (2010). A title. Journal.\n",
                "- Taylor, K. (2011). Uncited. Journal.\n",
            ],
        },
    ]


# --- notebooks written without indentation -----------------------------------------------------------
# JSON written on one line (json.dump without indent, as some converters and hand-made notebooks
# are): each cell's source list was taken for nbformat's one item a line, and the uncited entry was
# said to stand on line 5 of a file of one line.


def test_a_notebook_on_one_line_points_at_that_line(tmp_path: Path) -> None:
    nb = {"cells": _cells(), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "compact.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    found = located(path)
    assert ("uncited-reference", "warning", 1) in found
    assert ("missing-reference", "error", 1) in found
    assert all(line == 1 for _, _, line in found)
    # nbformat's own layout (indent=1) still points at the line of the text
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    rows = path.read_text(encoding="utf-8").splitlines()
    for rule, _, line in located(path):
        assert ("Taylor" if rule == "uncited-reference" else "Brown (2001)") in rows[line - 1]


# --- nbformat 3 --------------------------------------------------------------------------------------
# Notebooks saved before 2015 (nbformat 3: "worksheets", code cells with "input", headings as cells of
# their own with a "level"): the "References" heading cell was dropped, so its list was not read as
# one, and no finding could be located (the "source" keys did not pair with the cells).


def test_an_nbformat_3_notebooks_heading_cells_are_headings(tmp_path: Path) -> None:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["As Smith (2010) showed.\n"]},
        {"cell_type": "code", "metadata": {}, "input": ["x = 1\n"], "language": "python", "outputs": []},
        {"cell_type": "heading", "level": 2, "metadata": {}, "source": ["References"]},
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": ["- Smith, J. (2010). A title. Journal.\n", "- Taylor, K. (2011). Uncited. Journal.\n"],
        },
    ]
    nb = {
        "metadata": {},
        "nbformat": 3,
        "nbformat_minor": 0,
        "worksheets": [{"cells": cells, "metadata": {}}],
    }
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    found = located(path)
    assert [(r, s) for r, s, _ in found] == [("uncited-reference", "warning")]
    assert "Taylor" in path.read_text(encoding="utf-8").splitlines()[found[0][2] - 1]


# --- a large notebook ----------------------------------------------------------------------------------
# Each Markdown cell's JSON line was found by counting newlines from the file's start: a 24 MB
# notebook of 1,500 Markdown cells between plots took 13 s (now 0.25 s).


def test_a_large_notebook_is_read_in_linear_time(tmp_path: Path) -> None:
    cells: list[dict[str, object]] = []
    for i in range(1500):
        cells.append({"cell_type": "markdown", "metadata": {}, "source": [f"Step {i}, as Smith (2010).\n"]})
        cells.append(
            {
                "cell_type": "code",
                "metadata": {},
                "execution_count": i,
                "source": ["plot()\n"],
                "outputs": [
                    {"output_type": "display_data", "data": {"image/png": "iVBOR" * 3000}, "metadata": {}}
                ],
            }
        )
    cells.append(
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": ["## References\n", "\n", "- Smith, J. (2010). A title. Journal.\n"],
        }
    )
    path = tmp_path / "big.ipynb"
    path.write_text(
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1),
        encoding="utf-8",
    )
    start = time.process_time()
    assert located(path) == []
    assert time.process_time() - start < 4  # generous: 13 s before


# --- MyST subfigures --------------------------------------------------------------------------------
# jupyter-book/mystmd docs/figures.md: "the whole figure [@subFigure], or an individual subfigure
# [@subFigure-a] or [@subFigure-b]" (MyST labels each subfigure by its figure's label and its letter):
# two missing-reference errors. A key naming no work and no such figure stays an error.

MYST_FIGURES = {
    "myst.yml": "version: 1\nproject:\n  title: Notes\nsite:\n  template: book-theme\n",
    "references.bib": "@article{cockett2015, author={Cockett, Rowan}, title={SimPEG}, journal={Computers and"
    " Geosciences}, year={2015}}\n",
    "figures.md": "# Figures\n\nSimPEG [@cockett2015] draws them.\n\n:::{figure}\n:label: trips\n\n"
    "![Banff](banff.png)\n![Golden Gate](sfo.png)\n\nOur trips.\n:::\n\n"
    "The whole figure [@trips], or a subfigure [@trips-a] or [@trips-b].\n",
    "other.md": "# Other\n\nAs the second subfigure shows [@trips-b], and [@tripz-b] too.\n",
}


def test_a_myst_subfigure_is_cross_referenced_by_its_figures_label(tmp_path: Path) -> None:
    for name, text in MYST_FIGURES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert located(tmp_path / "figures.md") == []
    found = check_file(str(tmp_path / "other.md"), CheckOptions(links=False, verify=False)).doc
    assert found is not None
    assert [(f.rule, f.citation) for f in found.findings] == [("missing-reference", "@tripz-b")]


# --- a MyST page citing a DOI ---------------------------------------------------------------------------
# jupyter-book/mystmd docs/cite.md: "- Continuous Tools for Scientific Publishing: ... (Scipy, 2024)
# [@10.25080/NKVC9349]" in a project with a references.bib the page does not cite: mystmd builds the
# page's list from the DOI's work, yet the page was said to have no reference list (an error). Outside a
# project the same page said so at info already (a key's list is built from a bibliography not seen).


def test_a_myst_page_citing_a_doi_has_its_list_built_from_it(tmp_path: Path) -> None:
    (tmp_path / "myst.yml").write_text(MYST_FIGURES["myst.yml"], encoding="utf-8")
    (tmp_path / "references.bib").write_text(MYST_FIGURES["references.bib"], encoding="utf-8")
    page = tmp_path / "cite.md"
    page.write_text(
        "# Cite\n\n- Continuous Tools for Scientific Publishing: Using MyST Markdown (Scipy, 2024)"
        " [@10.25080/NKVC9349]\n",
        encoding="utf-8",
    )
    result = check_file(str(page), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    [finding] = result.doc.findings
    assert (finding.rule, finding.severity.name.lower()) == ("missing-reference", "info")
    assert "DOIs as keys (@10.25080/NKVC9349" in finding.message


# --- a directory holding only a README -----------------------------------------------------------------
# neurolibre/neurolibre-reviews: its README.md (with .github/ and .buffy/ beside it) is a repository's
# own file, left out of a directory's check, and the directory was said to have "no supported files",
# which reads as if refcheck could not read Markdown. The message names what was left out and why.


def test_a_directory_of_a_readme_alone_says_it_was_left_out(tmp_path: Path) -> None:
    from .conftest import cli

    d = tmp_path / "reviews"
    (d / ".github").mkdir(parents=True)
    (d / ".github" / "issue_template.md").write_text("# Issue\n\nDescribe it.\n", encoding="utf-8")
    (d / "README.md").write_text(
        "# Reviews\n\nSee [the board](https://example.org/issues).\n", encoding="utf-8"
    )
    res = cli("check", "--no-links", str(d))
    assert res.exit_code == 2
    assert "no supported files" not in res.output
    assert "no documents in this directory: the one file found" in res.output
    assert "README.md" in res.output
    res = cli("check", "--no-links", str(d / "README.md"))  # named, it is checked
    assert res.exit_code == 0


# --- entries the prose cites by their link --------------------------------------------------------------
# volkamerlab/teachopencadd's talktorials (notebooks): the prose cites "Brenk *et al.* ([_Chem. Med.
# Chem._ (2008), **3**, 435-44](https://onlinelibrary.wiley.com/doi/full/10.1002/cmdc.200700139))" and the
# "References" cell lists the same link: each such entry was "listed but never cited" (98 warnings over
# 30 notebooks; 46 after). An entry no link of the prose leads to stays a warning.


def test_an_entry_the_prose_links_to_is_cited_by_the_link(tmp_path: Path) -> None:
    url = "https://onlinelibrary.wiley.com/doi/full/10.1002/cmdc.200700139"
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Unwanted substructures\n"]},
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": [
                f"Brenk *et al.* ([_Chem. Med. Chem._ (2008), **3**, 435-44]({url})) list unwanted groups,\n",
                "as shown by Baell (2010) before.\n",
            ],
        },
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": [
                "### References\n",
                "\n",
                f"* Unwanted substructures according to Brenk *et al.* ([_Chem. Med. Chem._ (2008), **3**, 435-44]({url}/))\n",
                "* Baell, J. B. (2010). New substructure filters. *J. Med. Chem.* 53, 2719-2740.\n",
                "* Walters, W. P. (2012). Going further than Lipinski. *Drug Discov. Today* 17, 3-8.\n",
            ],
        },
    ]
    path = tmp_path / "talktorial.ipynb"
    path.write_text(
        json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1),
        encoding="utf-8",
    )
    result = check_file(str(path), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    uncited = [f.reference or "" for f in result.doc.findings if f.rule == "uncited-reference"]
    assert len(uncited) == 1 and "Walters" in uncited[0], uncited


# --- "source" keys that are not a cell's ------------------------------------------------------------------
# TeachOpenCADD's T008 and T009 notebooks keep ipywidgets' state in their metadata, whose LinkModels have
# "source" keys of their own: the keys no longer paired with the cells and every finding was said to
# stand on line 1. A cell's key is the one followed by the cell's text.


def test_widget_state_does_not_unpair_the_cells_from_their_lines(tmp_path: Path) -> None:
    widgets = {
        "application/vnd.jupyter.widget-state+json": {
            "state": {
                f"m{i}": {"model_name": "LinkModel", "state": {"source": [f"IPY_MODEL_{i}", "value"]}}
                for i in range(3)
            }
        }
    }
    cells = _cells()
    cells[1]["metadata"] = {"source": "hidden"}  # a cell's own metadata with such a key
    path = tmp_path / "widgets.ipynb"
    nb = {"cells": cells, "metadata": {"widgets": widgets}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb, indent=1, sort_keys=True), encoding="utf-8")
    rows = path.read_text(encoding="utf-8").splitlines()
    found = located(path)
    assert len(found) == 2
    for rule, _, line in found:
        assert ("Taylor" if rule == "uncited-reference" else "Brown (2001)") in rows[line - 1]


# --- a linked title's publisher and year ------------------------------------------------------------------
# jakevdp/PythonDataScienceHandbook (notebooks_v1): "[*Python for Data Analysis*](http://shop.oreilly.com/
# product/0636920023784.do) by Wes McKinney (OReilly, 2012)" and "([\"Statistics, ... in Astronomy\"](http://
# press.princeton.edu/titles/10159.html) (Princeton University Press, 2014))": the link names the work and
# the parenthesis its publisher; each was a no-reference-list error. "(Smith and Jones, 2012)" stays one.


def test_a_linked_titles_publisher_and_year_give_the_work_in_place(tmp_path: Path) -> None:
    page = tmp_path / "series.md"
    page.write_text(
        "# Time series\n\nFor more, see [*Python for Data Analysis*](http://shop.oreilly.com/product/0636920023784.do)"
        ' by Wes McKinney (OReilly, 2012).\n\nAnd the book (["Statistics, Data Mining, and Machine Learning in'
        ' Astronomy"](http://press.princeton.edu/titles/10159.html) (Princeton University Press, 2014)).\n',
        encoding="utf-8",
    )
    assert located(page) == [("missing-reference", "info", 3)]
    page.write_text(
        page.read_text(encoding="utf-8") + "\nAs argued before (Smith and Jones, 2012).\n", encoding="utf-8"
    )
    assert [(r, s) for r, s, _ in located(page)] == [("missing-reference", "error")]
