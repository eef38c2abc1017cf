"""Economics and policy LaTeX projects checked as a user would (qa19). Each test failed before its fix.

An economics thesis written with the ``subfiles`` package (roymckenzie4/econ-thesis: thesis_main.tex
names the bibliography in its preamble and ``\\subfile{Sec/Sec1}`` ... ``\\subfile{Sec/Sec7}``; each
section starts ``\\documentclass[../thesis_main.tex]{subfiles}`` so that it typesets alone with the
main file's preamble): a directory check checked each section on its own as well, and said five
times "N citation(s) ... but the document names no bibliography" (error) on sections whose keys
are all in the main file's .bib."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import cli
from .projects import write

MAIN = (
    "\\documentclass{article}\n\\usepackage{subfiles}\n"
    "\\usepackage[backend=bibtex, natbib=true, citestyle=authoryear]{biblatex}\n"
    "\\bibliography{thesis_bibtex}\n\\begin{document}\n"
    "% Section 1\n\\subfile{Sec/Sec1}\n\\printbibliography\n\\end{document}\n"
)
SEC1 = (
    "\\documentclass[../thesis_main.tex]{subfiles}\n\n\\begin{document}\n\\section{Introduction}\n"
    "GPA predicts success (\\citealt{allensworth2020, easton2017}), as \\citet{easton2017} says.\n"
    "\\end{document}\n"
)
BIB = (
    "@article{allensworth2020, author={Allensworth, Elaine}, title={GPAs}, journal={J}, year={2020}}\n"
    "@article{easton2017, author={Easton, John}, title={Ninth grade}, journal={J}, year={2017}}\n"
)
PROJECT = {"Thesis_Doc/thesis_main.tex": MAIN, "Thesis_Doc/Sec/Sec1.tex": SEC1,
           "Thesis_Doc/thesis_bibtex.bib": BIB}  # fmt: skip


def _run(*args: str) -> tuple[list[str], list[tuple[str, str]]]:
    files = json.loads(cli("check", "--no-links", "--no-verify", "--format", "json", *args).stdout)["files"]
    return [f["path"] for f in files], [(x["rule"], x["severity"]) for f in files for x in f["findings"]]


def test_subfiles_sections_are_checked_through_their_main_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, PROJECT)
    monkeypatch.chdir(tmp_path)
    paths, found = _run("Thesis_Doc")
    assert paths == ["Thesis_Doc/thesis_main.tex"]
    assert found == []
    # a section named alone is checked as the thesis, even from its own directory, above which the
    # search for a main file stops (no .git): the class option names the main file
    assert _run("Thesis_Doc/Sec/Sec1.tex") == (["Thesis_Doc/thesis_main.tex"], [])
    monkeypatch.chdir(tmp_path / "Thesis_Doc" / "Sec")
    paths, found = _run("Sec1.tex")
    assert [Path(p).name for p in paths] == ["thesis_main.tex"] and found == []


def test_a_subfiles_section_whose_main_file_is_absent_is_still_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"Sec/Sec1.tex": SEC1})
    monkeypatch.chdir(tmp_path)
    paths, found = _run("Sec")
    assert paths == ["Sec/Sec1.tex"]
    assert ("missing-reference", "error") in found


def test_film_titles_with_years_in_a_page_without_a_list_are_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An economics paper rendered to HTML by R Markdown (ewute/econ-thesis, paper2.html): "Films like
    <em>The Wizard of Oz</em> (1939) and <em>Harry Potter</em> (2001) ... shows such as
    <em>Arcane</em> (2021)", in a draft with no reference list yet, was an error "3 author-date
    citation(s) of 3 work(s) ... the document has no reference list": the first ends a title ("of"
    joins its words), so two names and years are left, which read as citations no more than as a
    film's or a show's."""
    page = (
        "<html><body><h1>The Effect of Anime Adaptation on Manga Sales</h1>\n<p>Adaptations reach new "
        "audiences. Films like <em>The Wizard of Oz</em> (1939) and <em>Harry\nPotter</em> (2001) show "
        "the role adaptations play in media economics. Recently, video games have joined this trend with "
        "shows such as <em>Arcane</em>\n(2021).</p>\n<p>We estimate the effect on weekly sales.</p>"
        "</body></html>\n"
    )
    write(tmp_path, {"paper2.html": page})
    monkeypatch.chdir(tmp_path)
    assert _run("paper2.html")[1] == [("missing-reference", "info")]
    # three works cited so in roman type in a page with no list stay an error (titles in italics
    # before their years count as no works since html19: test_qa_html19)
    roman = page.replace("<em>", "").replace("</em>", "")
    write(tmp_path, {"p.html": roman.replace("Films like The Wizard of Oz (1939)", "As Smith (1999) says,")})
    assert _run("p.html")[1] == [("missing-reference", "error")]


# a law student's research note, its last section a to-do list (Jochern/DHBW-seminararbeit-predictive-
# policing, literatur/notizen/recherche-2026-06.md), rewritten; test_qa_left20c reads it too
RESEARCH_NOTE = (
    "# Recherche-Bericht\n\n| # | Lücke | Status |\n|---|---|---|\n"
    "| 10 | Gewaltenteilung | ggf. ergänzen Trute (Roßnagel HdB DSR 2003), Bull (Mohr Siebeck 2011) |\n\n"
    "## Offene Punkte\n\n"
    "- Juristische Anmerkung zu hessenDATA (Bäcker/Poscher/Hoffmann-Riem/Roggan in\n"
    "  JZ/NJW/NVwZ) als Sekundärquelle für Kap. 3 ergänzen.\n"
    "- Kaufmann/Egbert/Leese 2019 OA-PDF: OUP blockt anonymen Zugriff trotz\n"
    "  Hybrid-OA-Status; DOI im YAML, ggf. über DHBW-Proxy.\n"
    "- Brayne 2017 PMC-PDF: hinter Recaptcha. PMID 38322733 als\n  Hinweis.\n"
)


def test_a_last_section_of_to_dos_is_no_reference_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A law student's research note (Jochern/DHBW-seminararbeit-predictive-policing,
    literatur/notizen/recherche-2026-06.md): its last section, "## Offene Punkte" (open points), a
    bulleted to-do list naming works and years, was read as the reference list (no heading over it
    says so), and two parenthetical mentions in a table, "(Roßnagel HdB DSR 2003)" and "(Mohr Siebeck
    2011)", were two errors "not in the reference list", with a warning that its one (glued) entry is
    never cited. No citation cites an entry of a list found with no heading: it may be no list."""
    note = RESEARCH_NOTE
    write(tmp_path, {"recherche.md": note})
    monkeypatch.chdir(tmp_path)
    found = _run("recherche.md")[1]
    assert found and all(sev == "info" for _, sev in found), found
    # a list under a heading of its own stays the reference list: a work it lacks is an error
    write(tmp_path, {"p.md": "As Smith (2001) and Jones (2002) show.\n\n## References\n\n"
                     "- Smith, J. (2001). A title. Journal, 1, 2-3.\n- Brown, K. (2005). Another. Journal, 4, 5-6.\n"})  # fmt: skip
    assert ("missing-reference", "error") in _run("p.md")[1]
