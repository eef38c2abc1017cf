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
