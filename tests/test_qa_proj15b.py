"""False findings on real projects that QA round 15 left (proj15b): LaTeX theses whose chapters the
build makes from pandoc Markdown, and authorless standards and software in BibTeX. Each test is the
smallest form of the pattern a public project uses, and failed before its fix."""

from __future__ import annotations

from pathlib import Path

from refcheck.pipeline import CheckOptions, check_file

from .projects import findings, write

# --- chapters the build makes from pandoc Markdown ------------------------------------------------------
# malramsay64/phd-thesis "\input{00_Introduction/introduction}" (30 chapters) and ashwinvis/phd-thesis
# "\input{chapter_00_0_intro.latex}": the Makefile makes each with "pandoc --biblatex" (--natbib) from
# the .md beside it, "[@Datta2004]" becoming "\autocite{Datta2004}". refcheck said the .md was the
# source but read none of its citations: 709 and 253 entries "never cited" (info), untrue.

BIB = (
    "@article{real, author={Smith, Ann}, title={A title}, journal={J. Tests}, year={2010}}\n"
    "@article{other, author={Jones, Bob}, title={Another title}, journal={J. Tests}, year={2011}}\n"
    "@book{third, author={Brown, Cy}, title={A book}, publisher={P}, year={2012}}\n"
    "@book{noted, author={Green, Di}, title={A noted book}, publisher={P}, year={2013}}\n"
    "@book{raw, author={Black, Fay}, title={Raw LaTeX}, publisher={P}, year={2015}}\n"
    "@book{never, author={White, Ed}, title={Never cited}, publisher={P}, year={2014}}\n"
)
CHAPTER = (
    "---\ntitle: Introduction\n---\n\n# Background {#sec:back}\n\n"
    "Earlier work [@real; see @other, p. 3] and @third show it.[^n]\n"
    "As @fig:plot and @sec:back show; write to me@example.org, as \\citet{raw} did.\n\n"
    "`[@incode]` and\n\n```\n[@infence]\n```\n\n<!-- [@incomment] -->\n\n"
    "[^n]: As in [@noted].\n"
)
THESIS = (
    "\\documentclass{report}\n\\usepackage{natbib}\n\\begin{document}\n\\input{%s}\n"
    "\\bibliographystyle{plainnat}\n\\bibliography{refs}\n\\end{document}\n"
)


def _uncited(path: Path) -> list[str]:
    return sorted(m.split()[0] for r, _, m in findings(path) if r == "uncited-reference")


def test_the_citations_of_a_markdown_chapter_the_build_makes_are_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"refs.bib": BIB, "ch/intro.md": CHAPTER, "thesis.tex": THESIS % "ch/intro"},
        git=True,
    )
    found = findings(tmp_path / "thesis.tex")
    assert [(r, s) for r, s, _ in found if s != "info"] == []
    assert _uncited(tmp_path / "thesis.tex") == ["never"]
    (note,) = [m for r, _, m in found if r == "missing-input"]
    assert "ch/intro.md" in note and "read in its place" in note


def test_a_key_missing_from_a_markdown_chapter_is_reported_at_its_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.bib": BIB,
            "chapter_1.md": CHAPTER + "\nUnknown [@nosuch] here.\n",
            "thesis.tex": THESIS % "chapter_1.latex",  # (ashwinvis: "pandoc ... -o chapter_1.latex")
        },
        git=True,
    )
    result = check_file(str(tmp_path / "thesis.tex"), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    doc = result.doc
    (error,) = [f for f in doc.findings if f.rule == "missing-reference"]
    assert "'nosuch'" in error.message
    assert (error.path or "").endswith("chapter_1.md") and error.line == 20
    # the note's citation is in the note; the note is the Markdown's own, by name ("[^n]")
    (noted,) = [c for c in doc.citations if c.key == "noted"]
    assert noted.footnote == "^n"


def test_markdown_notes_of_a_chapter_are_checked_by_name(tmp_path: Path) -> None:
    chapter = "Text.[^a] More.[^1]\n\n[^a]: A note.\n\n[^b]: Never marked.\n\n[^1]: One.\n"
    write(
        tmp_path,
        {
            "refs.bib": BIB,
            "a.md": chapter,
            "b.md": "Again.[^1]\n\n[^1]: Another one.\n",
            "thesis.tex": (THESIS % "a").replace("\\input{a}", "\\input{a}\n\\input{b}\\footnote{Four.}"),
        },
        git=True,
    )
    loud = [(r, m) for r, s, m in findings(tmp_path / "thesis.tex") if s != "info"]
    assert loud == [
        ("footnote-unreferenced", "footnote [^b] is never referenced; add a marker or remove the note")
    ]


# --- authorless standards and software --------------------------------------------------------------
# A standard as C++ papers cite it, "@techreport{iso14882, key = {ISO/IEC 14882:2011}, institution =
# {ISO}, ...}" (BibTeX's "key" field is the documented stand-in for a missing author: plain.bst sorts
# by it, plainnat.bst labels by it), and software as malramsay64/phd-thesis cites it ("@misc{
# apache/airflow, title = {Apache/Airflow}, year = {2019}, howpublished = {The Apache Software
# Foundation}}"), "@misc{anaconda, title = {Anaconda Software Distribution}, ...}": refcheck warned "no
# author" on entries BibTeX's and biblatex's styles print well.

AUTHORLESS = (
    "@techreport{iso14882, key = {ISO/IEC 14882:2011}, institution = {ISO}, title = {Programming"
    " languages -- C++}, year = 2011}\n"
    "@techreport{ieee754, institution = {IEEE}, title = {Standard for Floating-Point Arithmetic},"
    " year = 2008}\n"
    "@misc{anaconda, title = {Anaconda Software Distribution}, howpublished = {Anaconda Inc.},"
    " year = 2020}\n"
    "@misc{airflow, title = {Apache/Airflow}, year = {2019}, howpublished = {The Apache Software"
    " Foundation}}\n"
    "@standard{iso9001, organization = {ISO}, title = {Quality management systems}, year = 2015}\n"
    # real omissions stay warnings: a journal article or a book without its author (a publisher, as
    # Zotero exports give, is no stand-in), a @misc with neither author nor year
    "@article{anon, title = {A paper}, journal = {J. Tests}, publisher = {Elsevier}, year = 2010}\n"
    "@book{nobody, title = {A book}, publisher = {P}, year = 2011}\n"
    "@misc{undated, title = {Something}}\n"
)


def test_entries_a_style_prints_without_an_author_are_info(tmp_path: Path) -> None:
    keys = ["iso14882", "ieee754", "anaconda", "airflow", "iso9001", "anon", "nobody", "undated"]
    write(
        tmp_path,
        {
            "refs.bib": AUTHORLESS,
            "paper.tex": "\\documentclass{article}\n\\begin{document}\n"
            f"See \\cite{{{','.join(keys)}}}.\n\\bibliographystyle{{plain}}\n\\bibliography{{refs}}\n"
            "\\end{document}\n",
        },
    )
    got = {
        m.split()[1]: (s, m) for r, s, m in findings(tmp_path / "paper.tex") if r == "incomplete-reference"
    }
    assert {k: s for k, (s, _) in got.items()} == {
        "iso14882": "info",
        "ieee754": "info",
        "anaconda": "info",
        "airflow": "info",
        "iso9001": "info",
        "anon": "warning",
        "nobody": "warning",
        "undated": "warning",
    }
    assert "'ISO/IEC 14882:2011' in its place" in got["iso14882"][1]


# --- biblatex's ids: other keys an entry is cited by --------------------------------------------------
# malramsay64/phd-thesis's chapter cites "[@MalcolmRamasy2018]", the key its Zotero export keeps in the
# entry "@misc{Ramsay2018, ids = {MalcolmRamasy2018}, ...}": biber finds the entry by it (biblatex's
# ids field), refcheck said the key was in no entry (an error) and Ramsay2018 never cited.

IDS_BIB = "@misc{Ramsay2018, ids = {MalcolmRamasy2018, Old2018}, author = {Ramsay, Malcolm}, title = {Melting}, year = {2018}}\n"


def test_a_key_of_an_entrys_ids_field_cites_it_with_biber(tmp_path: Path) -> None:
    tex = (
        "\\documentclass{article}\n\\usepackage{biblatex}\n\\addbibresource{refs.bib}\n"
        "\\begin{document}\nAs shown \\autocite{MalcolmRamasy2018}.\n\\printbibliography\n\\end{document}\n"
    )
    write(tmp_path, {"refs.bib": IDS_BIB, "paper.tex": tex})
    assert findings(tmp_path / "paper.tex") == []
    # BibTeX knows no ids: there the key is in no entry
    write(tmp_path, {"paper.tex": tex.replace("{biblatex}", "[backend=bibtex]{biblatex}")})
    rules = sorted(r for r, _, _ in findings(tmp_path / "paper.tex"))
    assert rules == ["missing-reference", "uncited-reference"]


# --- keys of a document that names no bibliography ----------------------------------------------------
# hagenw/phd-thesis vendors the Sound Field Synthesis Toolbox, whose doc/sound_field_synthesis.tex
# cites 32 keys and names no bibliography: 32 errors, each saying the same. The bibliography is
# missing: one defect, one finding (as for author-date citations with no reference list).


def test_keys_of_a_document_naming_no_bibliography_are_one_finding(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "doc.tex": "\\documentclass{article}\n\\begin{document}\nAs in \\cite{a,b} and \\cite{c}.\n"
            "Again \\cite{a}.\n%\\bibliography{refs}\n\\end{document}\n",
        },
    )
    found = findings(tmp_path / "doc.tex")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert found[0][2].startswith(
        "4 citation(s) of 3 key(s), such as 'a', but the document names no bibliography"
    )
