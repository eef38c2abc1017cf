"""QA round left15c: false alarms found on real documents (a LaTeX thesis's own link macros, a PLOS
article in NLM style). Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_latex_escapes_in_the_addresses_of_a_documents_own_link_macros(tmp_path: Path) -> None:
    """ashwinvis/phd-thesis: "\\newcommand{\\fnref}[2]{\\href{#1}{#2}\\footnote{\\url{#1}}}" then
    "\\fnref{https://en.wikipedia.org/wiki/Software\\_rot}{...}": the argument of a macro carries
    the escapes, which hyperref removes; the link check fetched "Software\\_rot" (a dead page)."""
    from refcheck.pipeline import CheckOptions, check_file

    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\usepackage{hyperref}\n"
        "\\newcommand{\\fnref}[2]{\\href{#1}{#2}\\footnote{\\url{#1}}}\n\\begin{document}\n"
        "Code decays (\\fnref{https://en.wikipedia.org/wiki/Software\\_rot}{software rot}), see\n"
        "\\fnref{https://example.org/guide\\#install}{the guide},\n"
        "\\fnref{https://example.org/search?q=a\\%20b\\&page=2}{a search},\n"
        "\\fnref{https://example.org/\\~{}user/}{a home page} and\n"
        "\\fnref{https://example.org/\\textasciitilde{}admin/}{another};\n"
        "\\href{https://example.org/a\\_b\\#sec}{direct} and \\url{https://example.org/plain_path}.\n"
        "\\end{document}\n",
        encoding="utf-8",
    )
    result = check_file(str(tmp_path / "main.tex"), CheckOptions(links=False))
    assert result.doc is not None
    assert sorted(u.url for u in result.doc.urls) == [
        "https://en.wikipedia.org/wiki/Software_rot",
        "https://example.org/a_b#sec",
        "https://example.org/guide#install",
        "https://example.org/plain_path",
        "https://example.org/search?q=a%20b&page=2",
        "https://example.org/~admin/",
        "https://example.org/~user/",
    ]


NLM = (
    "Folding\n\nIons stabilise RNA (1). Models differ (2,3) and the server computes them (2–4). "
    "For the electrostatic free energy: here NI (6) and n (5) are the numbers of nucleotides of the "
    "pseudoknot and of the helix.{extra}\n\nReferences\n\n"
    "1. Bowman JC, Lenz TK. Cations in charge. Curr Opin Chem Biol. 2012;22:262–72.\n"
    "2. Tan ZJ, Chen SJ. Ion-mediated RNA structural collapse. Biophys J. 2011;101:176–87.\n"
    "3. Draper DE. A guide to ions and RNA structure. RNA. 2004;10:335–43.\n"
    "4. Chen SJ. RNA folding: conformational statistics. Annu Rev Biophys. 2008;37:197–214.\n"
)


def _findings(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    from refcheck.pipeline import CheckOptions, check_file

    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    result = check_file(str(path), CheckOptions(links=False))
    assert result.doc is not None
    return [(f.rule, str(f.severity), f.message) for f in result.doc.findings]


def test_a_symbols_value_in_brackets_past_the_list_is_no_missing_reference(tmp_path: Path) -> None:
    """PLOS ONE pone.0119705 in NLM style: "Here NI (36) and Nhelix (24) are the number of
    nucleotides", a list of 35 entries citing "(18,26,27)": "(36)" was a missing-reference error.
    A number past the list in brackets right after a symbol or a capitals' abbreviation is said at
    info level only (it is a value as often as a citation)."""
    found = _findings(tmp_path, NLM.format(extra=""))
    assert [f[:2] for f in found if f[0] == "missing-reference"] == [
        ("missing-reference", "info"),
        ("missing-reference", "info"),
    ]
    assert not [f for f in found if f[1] in ("error", "warning")]


@pytest.mark.parametrize(
    "extra",
    [
        " As reported before (5).",
        # eLife 05031 in NLM style (corpus-styles, an injected citation past the list): a compound's
        # end, a bracket that goes on, or one that ends the phrase is a citation
        " It was tagged as Ire1–GFP (5) in yeast.",
        " Foci were visualised with GFP (5; Figure 1E) in yeast.",
        " Foci were visualised with GFP (5).",
    ],
)
def test_a_number_past_the_list_after_a_word_stays_an_error(tmp_path: Path, extra: str) -> None:
    found = _findings(tmp_path, NLM.format(extra=extra))
    assert [f[:2] for f in found if f[0] == "missing-reference" and f[1] == "error"] == [
        ("missing-reference", "error")
    ]


def test_a_number_past_the_list_in_square_brackets_stays_an_error(tmp_path: Path) -> None:
    square = NLM.replace("(1)", "[1]").replace("(2,3)", "[2,3]").replace("(2–4)", "[2–4]")
    square = square.replace("NI (6)", "NI [5]").replace("n (5)", "n [6]")
    found = _findings(tmp_path, square.format(extra=""))
    assert sorted(f[:2] for f in found if f[0] == "missing-reference") == [
        ("missing-reference", "error"),
        ("missing-reference", "error"),
    ]
