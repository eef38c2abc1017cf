"""QA round qa17c: real LaTeX and Quarto projects refcheck had not seen. Each test rebuilds the shape
of one in a small file and failed before its fix."""

from __future__ import annotations

from pathlib import Path

from refcheck.pipeline import CheckOptions, check_file

from .projects import findings, write

# an economics dissertation in Quarto (a .qmd rendered to PDF): author-date citations typed in the
# prose, the bibliography named under the PDF format's options (with nocite "@*", so it prints all
# its entries), an empty "::: {#refs}" div where citeproc prints the list, raw TeX after it, and a
# tab before a key's colon, which Quarto's YAML reader takes and PyYAML refuses
DISSERTATION = """---
title: ""
number-sections\t: true
format:
  pdf:
    bibliography: references.bib
    nocite: "@*"
    csl: apa.csl
  docx: default
---

# Introduction

Asset prices reflect all available information (Fama, 1970) and are reallocated in response to
change (Malkiel, 2003). The drift was first identified by Ball and Brown (1968), and traditional
predictors of it have weakened (Bernard & Thomas, 1989; Chordia et al., 2009).

\\newpage
# References
:::{#refs}

:::
\\newpage

# Figures

A figure.
"""

BIB = """@article{fama1970, author = {Fama, Eugene F.}, title = {Efficient Capital Markets}, journal = {J.
  Finance}, year = {1970}}
@article{malkiel2003, author = {Malkiel, Burton G.}, title = {The Efficient Market Hypothesis and Its
  Critics}, journal = {J. Econ. Perspect.}, year = {2003}}
@article{ball1968, author = {Ball, Ray and Brown, Philip}, title = {An Empirical Evaluation of Accounting
  Income Numbers}, journal = {J. Account. Res.}, year = {1968}}
@article{bernard1989, author = {Bernard, Victor L. and Thomas, Jacob K.}, title = {Post-Earnings-Announcement
  Drift}, journal = {J. Account. Res.}, year = {1989}}
@article{chordia2009, author = {Chordia, Tarun and Goyal, Amit and Sadka, Gil and Sadka, Ronnie and
  Shivakumar, Lakshmanan}, title = {Liquidity and the Post-Earnings-Announcement Drift}, journal = {Financ.
  Anal. J.}, year = {2009}}
"""


def test_refs_div_fences_are_no_reference_entries(tmp_path: Path) -> None:
    """The empty "::: {#refs}" div and its closing ":::" (with "\\newpage" after it) were read as two
    reference entries, so the five typed citations were each an error, "not in the reference list"
    (67 false errors on the real dissertation), and the fences were "listed but never cited"."""
    doc = tmp_path / "dissertation.qmd"
    write(
        tmp_path,
        {"dissertation.qmd": DISSERTATION.replace("format:\n  pdf:\n    bibliography", "x:\n  y:\n    z")},
    )
    found = findings(doc)
    assert not [f for f in found if f[0] == "uncited-reference"], found
    assert not [
        f for f in found if f[0] == "missing-reference" and "is cited but not in the reference list" in f[2]
    ]


def test_bibliography_of_a_format_is_read(tmp_path: Path) -> None:
    """A bibliography named under "format: pdf:" (Quarto's options of one output format) was not read,
    nor was a front matter with a tab before a key's colon: the document "named no bibliography"."""
    write(tmp_path, {"dissertation.qmd": DISSERTATION, "references.bib": BIB})
    found = findings(tmp_path / "dissertation.qmd")
    assert not [f for f in found if f[1] in ("error", "warning")], found


def test_unread_bibliography_makes_typed_citations_info(tmp_path: Path) -> None:
    """With the named bibliography absent from the repository, the list citeproc prints from it is not
    known: one input-bibliography error, and the typed citations at info, not an error saying the
    document has no reference list."""
    write(tmp_path, {"dissertation.qmd": DISSERTATION})
    found = findings(tmp_path / "dissertation.qmd")
    assert [f[:2] for f in found if f[1] == "error"] == [("input-bibliography", "error")], found
    missing = [f for f in found if f[0] == "missing-reference"]
    assert len(missing) == 1 and missing[0][1] == "info" and "references.bib" in missing[0][2], missing


def test_quarto_include_shortcode_reads_the_included_file(tmp_path: Path) -> None:
    """A Quarto dissertation whose chapters stand in files the page includes ("{{< include
    chapters/chapter1.qmd >}}") was read as its front matter alone: none of its 717 citations was
    checked ("no citations of any known style were found"). An included file's own include names a
    file relative to the page; an include the checkout lacks (a table the build writes) is info."""
    write(
        tmp_path,
        {
            "dissertation.qmd": "---\ntitle: A\nbibliography: refs.bib\n---\n\n"
            "{{< include chapters/chapter1.qmd >}}\n\n{{< include tables/tab_made.md >}}\n\n# Bibliography\n",
            "chapters/chapter1.qmd": "---\ntitle: Untitled\n---\n\n# Chapter 1\n\nAs shown [@fama1970].\n\n"
            "{{< include chapters/_part.md >}}\n",
            "chapters/_part.md": "Later work [@malkiel2003; @nobody2020].\n",
            "refs.bib": BIB,
        },
    )
    result = check_file(str(tmp_path / "dissertation.qmd"), CheckOptions(links=False, verify=False))
    doc = result.doc
    assert doc is not None
    assert {c.key: c.status.name for c in doc.citations} == {
        "fama1970": "LINKED",
        "malkiel2003": "LINKED",
        "nobody2020": "MISSING",
    }
    missing = [f for f in doc.findings if f.rule == "missing-reference"]
    assert [(f.severity.name, Path(f.path or "").name, f.line) for f in missing] == [("ERROR", "_part.md", 1)]
    unread = [f for f in doc.findings if f.rule == "missing-input"]
    assert [(f.severity.name, f.line) for f in unread] == [("INFO", 8)], unread


def test_unresolved_crossref_in_rendered_jats_says_it_is_a_label(tmp_path: Path) -> None:
    """Quarto's JATS of a manuscript printed "apx-3?" for a cross-reference to an appendix it could not
    resolve, as pandoc prints a key no entry has; refcheck said "correct the key or add the entry to
    the bibliography", but the key is a label, and no work is missing."""
    jats = (
        '<?xml version="1.0" encoding="utf-8"?>\n<article xmlns:xlink="http://www.w3.org/1999/xlink">'
        "<front><article-meta><title-group><article-title>T</article-title></title-group></article-meta>"
        "</front><body><sec><title>Analysis</title><p>Versions are in "
        '(<xref alt="apx-3?" rid="ref-apx-3" ref-type="bibr"><bold>apx-3?</bold></xref>). We used '
        '<italic>lavaan</italic> (<xref alt="Rosseel, 2012" rid="ref-R-lavaan" ref-type="bibr">Rosseel, '
        "2012</xref>).</p></sec></body><back><ref-list><title>References</title>"
        '<ref id="ref-R-lavaan"><mixed-citation>Rosseel, Y. (2012). lavaan: An R package for structural '
        "equation modeling. <italic>Journal of Statistical Software</italic>, 48(2), 1-36."
        "</mixed-citation></ref></ref-list></back></article>\n"
    )
    write(tmp_path, {"manuscript.xml": jats})
    missing = [f for f in findings(tmp_path / "manuscript.xml") if f[0] == "missing-reference"]
    assert len(missing) == 1, missing
    assert (
        "cross-reference label" in missing[0][2] and "add the entry to the bibliography" not in missing[0][2]
    )


def test_names_in_markdown_emphasis(tmp_path: Path) -> None:
    """A literature review in Markdown set its narrative citations in bold, "**Caliskan & Callon
    (2009)**": the first author, glued to the "**", was dropped ("Callon (2009)", an author-mismatch
    or a missing reference), and "**Smith (2001)**" was no citation at all."""
    write(
        tmp_path,
        {
            "review.md": "First **Smith (2001)** said so. Then **Caliskan & Callon (2009)** and "
            "*Caliskan and Callon (2010)* agreed.\n\n## References\n\n"
            "Caliskan, K., & Callon, M. (2009). Economization, part 1. Economy and Society, 38(3), 369-398.\n\n"
            "Caliskan, K., & Callon, M. (2010). Economization, part 2. Economy and Society, 39(1), 1-32.\n\n"
            "Smith, J. (2001). A study of things. Journal of Things, 1, 1-2.\n",
        },
    )
    found = findings(tmp_path / "review.md")
    assert not [f for f in found if f[1] in ("error", "warning")], found


def test_headingless_numbered_list_cited_in_groups_is_a_reference_list(tmp_path: Path) -> None:
    """A 1998 working paper's PDF text (BibTeX's plain style: entries sorted by author, year last,
    no heading over them, a page break "\\f" before an entry) was read as footnotes: 9 footnote-order
    warnings for citations out of number order and 2 footnote-undefined errors for the entry after
    the page break. Cited several in one bracket ("[4, 3]"), the "[n]" lines are a reference list."""
    text = (
        "La thèse sous-jacente à cet article [3] est que l'irréversibilité compte.\n"
        "Le réchauffement pourrait atteindre 6 degrés [4], selon les scénarios définis dans [2].\n"
        "Pour l'Europe, voir la table 1 d'après [1]. Des articles plus spécialisés [4, 3].\n"
        "Les coûts sont souvent sous-estimés [5, 2].\n\n"
        "[1] Bert Bolin. The Kyoto negotiations on climate change: A science perspective. Science,\n"
        "279(5349):330-331, 1998.\n"
        "[2] Michael J. Grubb. Technologies, energy systems and the timing of CO2 emissions\n"
        "abatement. Energy Policy, 25(2):159-172, 1997.\n"
        "[3] Minh Ha-Duong. Quasi-option value and climate policy choices. Energy Economics,\n"
        "pages 1-23, 1998.\n\n"
        "14\n\n"
        "\f[4] Urvashi Narain and Anthony C. Fisher. Irreversibility and catastrophic global\n"
        "warming. In World Congress of Environmental and Resource Economists, Venice, 1998.\n"
        "[5] Stephen H. Schneider and Lawrence H. Goulder. Achieving low-cost emissions targets.\n"
        "Nature, 389:13-14, 1997.\n"
    )
    write(tmp_path, {"paper.txt": text})
    found = findings(tmp_path / "paper.txt")
    assert not [f for f in found if f[1] in ("error", "warning")], found


def test_agent_instructions_importing_a_file_cite_nothing(tmp_path: Path) -> None:
    """A repository's CLAUDE.md holding "@AGENTS.md" (Claude Code's import of another file), beside a
    Quarto project with a bibliography, was an error: "key 'AGENTS.md' is cited but not in the
    reference list"."""
    write(
        tmp_path,
        {
            "_quarto.yml": "project:\n  type: manuscript\nbibliography: refs.bib\n",
            "refs.bib": BIB,
            "CLAUDE.md": "@AGENTS.md",
            "AGENTS.md": "# Agents\n\nRead @docs/setup.md first.\n",
            "index.qmd": "# Paper\n\nAs shown [@fama1970].\n",
        },
    )
    for name in ("CLAUDE.md", "AGENTS.md"):
        found = findings(tmp_path / name)
        assert not [f for f in found if f[1] in ("error", "warning")], (name, found)
