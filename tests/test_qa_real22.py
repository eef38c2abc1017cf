"""False alarms found by running refcheck on real projects not tried before (QA round 22): each test
is the smallest form of a pattern a public project uses, and failed before its fix. The source of each
pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write


def _loud(path: Path) -> list[tuple[str, str, str]]:
    return [f for f in findings(path) if f[1] != "info"]


# --- a missing .bib that nothing in the document cites ------------------------------------------------
# MrAkergren/calibration's opposition and planning reports (and a thesis class's example) keep the
# template's "\addbibresource{ref.bib}" but cite nothing and print no bibliography; the .bib was never
# written. The document builds (biber is not even needed) and no citation goes unchecked: three
# errors "the bibliography ... does not exist" were false alarms. Said at info.


def test_a_missing_bibliography_that_nothing_cites_is_said_at_info(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "report.tex": "\\documentclass{article}\n\\usepackage{biblatex}\n"
            "% To refer to a reference use \\cite{}\n\\addbibresource{ref.bib}\n"
            "\\begin{document}\nA report with no citations.\n\\end{document}\n",
        },
    )
    assert _loud(tmp_path / "report.tex") == []
    said = [f for f in findings(tmp_path / "report.tex") if f[0] == "input-bibliography"]
    assert len(said) == 1 and said[0][1] == "info" and "cites nothing" in said[0][2]


def test_a_missing_bibliography_the_document_cites_from_is_still_an_error(tmp_path: Path) -> None:
    for body in ("As shown \\cite{smith}.", "\\nocite{*}"):
        write(
            tmp_path,
            {
                "paper.tex": "\\documentclass{article}\n\\usepackage{biblatex}\n\\addbibresource{ref.bib}\n"
                f"\\begin{{document}}\n{body}\n\\printbibliography\n\\end{{document}}\n",
            },
        )
        said = [f for f in findings(tmp_path / "paper.tex") if f[0] == "input-bibliography"]
        assert [f[1] for f in said] == ["error"], body
