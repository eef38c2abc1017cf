"""Hostile LaTeX and BibTeX inputs, built in memory: one builder per attack (issue 13.2, 13.3).

Shared by tests/formats/test_latex_projects.py (which bounds their time) and bench/adversarial_latex.py
(which prints time and peak memory per input). Each builder returns (file name, bytes, side files):
the side files (a .bib) are written next to the document.
"""

from __future__ import annotations

from collections.abc import Callable

HEAD = "\\documentclass{article}\n\\begin{document}\n"
TAIL = "\n\\end{document}\n"
Built = tuple[str, bytes, dict[str, bytes]]


def _tex(body: str, side: dict[str, bytes] | None = None) -> Built:
    return "doc.tex", (HEAD + body + TAIL).encode(), side or {}


def unclosed_footnotes(n: int = 70_000) -> Built:
    """``x \\footnote{a `` repeated, never closed (issue 13.3: 6.5 KB took 7 s, 1 MB hours)."""
    return _tex("x \\footnote{a " * n)


def nested_footnotes(n: int = 20_000) -> Built:
    """Footnotes nested 20,000 deep, all closed."""
    return _tex("x \\footnote{a " * n + "}" * n)


def many_cite_openings(n: int = 100_000) -> Built:
    """``\\cite{`` and ``\\cite[`` repeated, never closed."""
    return _tex("\\cite{" * n + "\\cite[" * n)


def url_parentheses(n: int = 500_000) -> Built:
    """``\\url{http://a`` followed by half a million ``)``."""
    return _tex("\\url{http://a" + ")" * n + "}")


def iffalse_nested(n: int = 50_000) -> Built:
    """``\\iffalse`` 50,000 deep."""
    return _tex("\\iffalse \\cite{x} " * n + "\\fi" * n)


def string_doubling(levels: int = 22) -> Built:
    """@strings defined by doubling (issue 13.2: 497 bytes took 102 s, 1 KB reached 5 GB)."""
    bib = '@string{a0 = "xy"}\n' + "".join(
        f"@string{{a{i} = a{i - 1} # a{i - 1}}}\n" for i in range(1, levels + 1)
    )
    bib += f"@book{{k, author = {{Doe, J.}}, title = a{levels - 1}, year = 2000}}\n"
    return _tex("\\cite{k}\n\\bibliography{refs}", {"refs.bib": bib.encode()})


def string_fanout(n: int = 20_000) -> Built:
    """A 100 KB @string used with a suffix in 20,000 entries (the expansion budget)."""
    bib = '@string{big = "' + "x" * 100_000 + '"}\n'
    bib += "".join(f'@misc{{k{i}, title = big # "{i}", year = 2000}}\n' for i in range(n))
    return _tex("\\nocite{*}\n\\bibliography{refs}", {"refs.bib": bib.encode()})


def plain_bib(n: int = 4_000) -> Built:
    """A plain 1 MB .bib (issue 13.2: 149 s when every entry was re-parsed with every @string)."""
    entries = "".join(
        f"@article{{key{i},\n  author = {{Surname{i}, Given and Other, A. B.}},\n"
        f"  title = {{A title about things number {i} and more words here}},\n"
        f"  journal = jt, year = {{{1990 + i % 30}}}, volume = {i}, pages = {{1--{i}}},\n"
        f"  doi = {{10.1000/{i}}}\n}}\n"
        for i in range(n)
    )
    bib = '@string{jt = "Journal of Things"}\n' + "".join(f'@string{{s{i} = "v{i}"}}\n' for i in range(500))
    return _tex("\\nocite{*}\n\\bibliography{refs}", {"refs.bib": (bib + entries).encode()})


def unclosed_braces_bib(n: int = 50_000) -> Built:
    """A .bib of entries whose braces never close."""
    bib = "".join(f"@misc{{k{i}, title = {{{{{{ a\n" for i in range(n))
    return _tex("\\cite{k1}\n\\bibliography{refs}", {"refs.bib": bib.encode()})


INPUTS: dict[str, Callable[[], Built]] = {
    "unclosed-footnotes": unclosed_footnotes,
    "nested-footnotes": nested_footnotes,
    "cite-openings": many_cite_openings,
    "url-parentheses": url_parentheses,
    "iffalse-nested": iffalse_nested,
    "string-doubling": string_doubling,
    "string-fanout": string_fanout,
    "plain-bib-1mb": plain_bib,
    "unclosed-bib": unclosed_braces_bib,
}
