"""QA round left15c: false alarms found on real documents (a LaTeX thesis's own link macros, a PLOS
article in NLM style). Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path


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
