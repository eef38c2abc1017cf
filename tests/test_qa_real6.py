"""False alarms found by running refcheck on real documents of kinds not tried before (QA round 6:
MyST projects configured by myst.yml, MyST's LaTeX templates, Jupyter Books, bookdown theses, Markdown
notes and READMEs): each test is the smallest form of a pattern a public document uses, and failed
before its fix. The source of each pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

from refcheck.pipeline import CheckOptions, check_file


def findings(path: Path) -> list[tuple[str, str, str]]:
    result = check_file(str(path), CheckOptions(links=False, verify=False))
    assert result.doc is not None, result.error
    return [(f.rule, f.severity.name.lower(), f.message) for f in result.doc.findings]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


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
