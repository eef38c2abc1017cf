"""False alarms found by running refcheck on real LaTeX and Markdown-family projects not tried before
(QA round 9 of projects: theses with many chapters, beamer talks, MyST and Jupyter Book sites): each
test is the smallest form of a pattern a public project uses, and failed before its fix. The source of
each pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write

BIB = (
    "@article{real, author={Smith, Ann}, title={A title}, journal={J. Tests}, year={2010}}\n"
    "@article{other, author={Jones, Bob}, title={Another title}, journal={J. Tests}, year={2011}}\n"
)


def _loud(path: Path) -> list[tuple[str, str, str]]:
    return [f for f in findings(path) if f[1] != "info"]


# --- a command defined to discard its argument ------------------------------------------------------
# CBL-ORION/orion-zmughal-ms-thesis loads a 1990 thesis style (uhthesis3.sty) that defines
# "\long\def\comment#1{}" and wraps its usage example in "\comment{ ... \bibliography{mybib} ... }":
# nothing of it is typeset, yet refcheck read the example's \bibliography and said "the bibliography
# mybib.bib named here does not exist" (an error on a thesis that builds). Drafts do the same with
# "\newcommand{\ignore}[1]{}" around old text and its citations.


def test_the_argument_of_a_command_that_discards_it_is_not_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "uhthesis.sty": "\\long\\def\\comment#1{}\n\\comment{\nExample of use:\n"
            "    \\bibliographystyle{plain}\n    \\bibliography{mybib}\n    \\end{document}\n}\n",
            "thesis.bib": BIB,
            "thesis.tex": "\\documentclass{report}\n\\usepackage{uhthesis}\n\\newcommand{\\ignore}[1]{}\n"
            "\\NewDocumentCommand{\\hide}{m}{}\n\\begin{document}\nText \\cite{real}.\n"
            "\\ignore{Old text, \\cite{gone}, dropped.}\n\\hide{Also \\cite{gone2}.}\n"
            "\\bibliographystyle{plain}\n\\bibliography{thesis}\n\\end{document}\n",
        },
        git=True,
    )
    assert _loud(tmp_path / "thesis.tex") == []


def test_a_command_also_defined_to_keep_its_argument_is_read(tmp_path: Path) -> None:
    # a draft switch (one definition discards, another keeps): which one LaTeX uses is not known
    write(
        tmp_path,
        {
            "refs.bib": BIB,
            "paper.tex": "\\documentclass{article}\n\\newif\\iffinal\n\\iffinal\\newcommand{\\draft}[1]{}"
            "\\else\\newcommand{\\draft}[1]{#1}\\fi\n\\begin{document}\nText \\cite{real}."
            " \\draft{Note \\cite{missing}.}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n",
        },
        git=True,
    )
    assert [f[0] for f in _loud(tmp_path / "paper.tex")] == ["missing-reference"]
