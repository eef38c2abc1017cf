"""Entries of a bibliography database (.bib, CSL-JSON) that no citation uses are not printed by
BibTeX, biber or pandoc: they are reported at info (listed, as checkcites does, never failing a
gate), while an uncited entry of a written list (thebibliography, a text list) stays a warning.
Real theses share one database across papers: 1,555 of 2,053 warnings on 22 public LaTeX projects
were such entries (bench/latex_agreement.py)."""

from __future__ import annotations

from pathlib import Path

from refcheck.model import Severity
from refcheck.pipeline import CheckOptions, check_paths

BIB = """@article{used2001,
  author = {Smith, John}, title = {Used work}, journal = {J}, year = {2001},
}
@article{spare2002,
  author = {Hyde, Henry}, title = {Spare work}, journal = {J}, year = {2002},
}
@article{spare2002b,
  author = {Hyde, Henry}, title = {Spare work}, journal = {J}, year = {2002},
}
@misc{noyear,
  author = {Ames, A}, title = {No year},
}
"""


def _findings(path: Path) -> dict[str, set[Severity]]:
    (result,) = check_paths([str(path)], CheckOptions(links=False, verify=False))
    assert result.doc is not None, result.error
    out: dict[str, set[Severity]] = {}
    for f in result.doc.findings:
        out.setdefault(f.rule, set()).add(f.severity)
    return out


def test_uncited_bib_entries_are_info_in_latex(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    tex = tmp_path / "paper.tex"
    tex.write_text(
        "\\documentclass{article}\\begin{document}\nAs shown \\cite{used2001}.\n"
        "\\bibliography{refs}\\end{document}\n",
        encoding="utf-8",
    )
    found = _findings(tex)
    assert found["uncited-reference"] == {Severity.INFO}
    assert found["incomplete-reference"] == {Severity.INFO}  # noyear: never cited, never printed
    assert found["duplicate-reference"] == {Severity.INFO}  # spare2002/spare2002b: neither printed


def test_cited_database_entries_still_warn(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    tex = tmp_path / "paper.tex"
    tex.write_text(
        "\\documentclass{article}\\begin{document}\n\\cite{used2001,spare2002,spare2002b,noyear}.\n"
        "\\bibliography{refs}\\end{document}\n",
        encoding="utf-8",
    )
    found = _findings(tex)
    assert "uncited-reference" not in found
    assert found["incomplete-reference"] == {Severity.WARNING}
    assert found["duplicate-reference"] == {Severity.WARNING}  # the same work printed twice


def test_uncited_entries_of_a_pandoc_bibliography_are_info(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    md = tmp_path / "paper.md"
    md.write_text("---\nbibliography: refs.bib\n---\n\nAs shown [@used2001].\n", encoding="utf-8")
    assert _findings(md)["uncited-reference"] == {Severity.INFO}


def test_a_written_list_still_warns(tmp_path: Path) -> None:
    tex = tmp_path / "paper.tex"
    tex.write_text(
        "\\documentclass{article}\\begin{document}\nAs shown \\cite{a}.\n"
        "\\begin{thebibliography}{9}\n\\bibitem{a} Smith, J. (2001) Used work.\n"
        "\\bibitem{b} Hyde, H. (2002) Spare work.\n\\end{thebibliography}\\end{document}\n",
        encoding="utf-8",
    )
    assert _findings(tex)["uncited-reference"] == {Severity.WARNING}
    txt = tmp_path / "brief.txt"
    txt.write_text("Trade grew (Smith 2001).\n\nReferences\n\nSmith, J. (2001) A.\n\nHyde, H. (2002) B.\n")
    assert _findings(txt)["uncited-reference"] == {Severity.WARNING}


def test_a_bib_checked_alone_keeps_its_warnings(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    found = _findings(bib)
    assert found["incomplete-reference"] == {Severity.WARNING}
    assert found["duplicate-reference"] == {Severity.WARNING}
