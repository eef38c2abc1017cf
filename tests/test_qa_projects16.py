"""False findings on real projects of QA round 16 (qa16). Each test is the smallest form of the
pattern a public project uses, and failed before its fix."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write

# --- achemso's .bbl: the list is a "mcitethebibliography" ---------------------------------------------
# saundersmtt/Dissertation-V2 CH3/paper_rev2.tex (an ACS paper, achemso + mciteplus): "\bibliography{refs}"
# names a .bib the repository lacks, and the paper_rev2.bbl beside it is what LaTeX typesets. BibTeX
# with achemso.bst writes the list as "\begin{mcitethebibliography}{50}" (mciteplus' wrapper of
# thebibliography); refcheck said it read the entries from the .bbl, then reported each of the 86
# citations "not in the reference list" (error). ACS asks authors to paste that .bbl into the .tex,
# so the same environment stands in .tex files too.

BBL = (
    "\\providecommand*\\mcitethebibliography{\\thebibliography}\n"
    "\\csname @ifundefined\\endcsname{endmcitethebibliography}\n"
    "  {\\let\\endmcitethebibliography\\endthebibliography}{}\n"
    "\\begin{mcitethebibliography}{2}\n"
    "\\providecommand*\\natexlab[1]{#1}\n"
    "\\mciteSetBstSublistMode{f}\n\n"
    "\\bibitem[Israelachvili(2011)]{isr:2011}\n"
    "Israelachvili,~J.~N. \\emph{Intermolecular and surface forces}; Academic press,\n"
    "  2011\\relax\n\\mciteBstWouldAddEndPuncttrue\n\\EndOfBibitem\n"
    "\\bibitem[Stern(1924)]{stern:1924}\n"
    "Stern,~O. The theory of the electrolytic double-layer. \\emph{Z. Elektrochem}\n"
    "  \\textbf{1924}, \\emph{30}, 1014--1020\\relax\n\\EndOfBibitem\n"
    "\\end{mcitethebibliography}\n"
)
PAPER = (
    "\\documentclass{achemso}\n\\begin{document}\n"
    "Forces between surfaces \\cite{isr:2011} and the double layer \\cite{stern:1924,nowhere}.\n"
    "%s\n\\end{document}\n"
)


def test_the_entries_of_an_achemso_bbl_are_the_list(tmp_path: Path) -> None:
    write(tmp_path, {"paper.tex": PAPER % "\\bibliography{refs}", "paper.bbl": BBL}, git=True)
    found = findings(tmp_path / "paper.tex")
    errors = [m for r, s, m in found if s == "error"]
    assert len(errors) == 1 and "'nowhere'" in errors[0]
    assert [r for r, _, _ in found if r == "uncited-reference"] == []


def test_a_mcitethebibliography_pasted_into_the_tex_is_the_list(tmp_path: Path) -> None:
    write(tmp_path, {"paper.tex": PAPER % BBL}, git=True)
    found = findings(tmp_path / "paper.tex")
    errors = [m for r, s, m in found if s == "error"]
    assert len(errors) == 1 and "'nowhere'" in errors[0]


# --- an entry disabled by writing "###" over its '@' ----------------------------------------------------
# saundersmtt/Dissertation-V2 refs.bib (11,000 lines): each older copy of an entry is kept after it with
# its '@' overwritten, "###Article{  bockmann:2003, author = {...}, ...}". Without its '@' it is free text
# between entries, which BibTeX skips; refcheck took each for a lost piece of the entry before it ("an
# extra '}'?"): 237 warnings on the thesis, untrue. A field after an entry's end stays a warning.

THESIS = (
    "\\documentclass{report}\n\\begin{document}\nSee \\cite{bockmann:2003} and \\cite{after}.\n"
    "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n"
)
ENTRY = (
    '{\t  bockmann:2003,\n  author\t= {B{\\"o}ckmann, Rainer A and Hac, Agnieszka},\n'
    "  journal\t= {Biophysical Journal},\n  title\t\t= {Effect of sodium chloride on a lipid bilayer},\n"
    "  year\t\t= {2003}\n}\n\n"
)


def test_an_entry_whose_at_sign_is_overwritten_is_a_comment(tmp_path: Path) -> None:
    bib = "@Article" + ENTRY + "###Article" + ENTRY + "#Article" + ENTRY
    bib += "@misc{after, author={A, B}, title={T}, year={2000}}\n"
    write(tmp_path, {"thesis.tex": THESIS, "refs.bib": bib})
    assert findings(tmp_path / "thesis.tex") == []
    write(
        tmp_path,
        {"refs.bib": bib.replace("year\t\t= {2003}\n}\n\n#", "year\t\t= {2003}\n}\n  note={lost}\n#")},
    )
    assert [(r, s) for r, s, _ in findings(tmp_path / "thesis.tex")] == [("input-bibliography", "warning")]


# --- a reveal.js presentation pandoc renders -------------------------------------------------------------
# maehr/academic-pandoc-template presentation/presentation.html (pandoc -t revealjs; Quarto's revealjs
# format writes the same): reveal.js routes links by "#/": a footnote's marker is <a href="#/fn1"
# class="footnote-ref">, and its notes are in a slide's <aside id="footnotes" class="footnotes
# footnotes-end-of-block">; a slide's speaker notes are <aside class="notes">, which the audience does
# not see. refcheck said the note [1] was never referenced, took the speaker notes' list items for
# notes [1] and [2] never referenced, and the aside holding the notes for a note labelled "s": four
# warnings, untrue.

SLIDES = """<!DOCTYPE html>
<html><head><title>Title</title></head><body><div class="reveal"><div class="slides">
<section id="title-slide"><h1 class="title">Title</h1></section>
<section><section id="heading-1" class="title-slide slide level1"><h1>Heading 1</h1>
<p>All human beings are born free and equal in dignity and rights.</p>
<aside class="notes"><p>This is a note visible in PowerPoint.</p>
<ul><li>It can contain Markdown</li><li>like this list</li></ul></aside>
</section>
<section id="footnotes" class="slide level2"><h2>Footnotes</h2>
<p>All human beings are born free and equal.<a href="#/fn1" class="footnote-ref" id="fnref1"
role="doc-noteref"><sup>1</sup></a></p>
<aside id="footnotes" class="footnotes footnotes-end-of-block" role="doc-endnotes"><ol>
<li id="fn1"><p>They are endowed with reason.<a href="#/fnref1" class="footnote-back"
role="doc-backlink">↩︎</a></p></li></ol></aside>
</section>
<section id="citations" class="slide level2"><h2>Citations</h2>
<p>As declared <span class="citation" data-cites="un1948">(United Nations 1948)</span>.</p>
</section>
<section id="references" class="slide level2 smaller scrollable"><h2>References</h2>
<div id="refs" class="references csl-bib-body hanging-indent" role="list">
<div id="ref-un1948" class="csl-entry" role="listitem">United Nations. 1948. <em>Universal
Declaration of Human Rights</em>. Paris.</div></div></section>
</section></div></div></body></html>
"""


def test_the_notes_of_a_revealjs_presentation(tmp_path: Path) -> None:
    write(tmp_path, {"presentation.html": SLIDES})
    assert findings(tmp_path / "presentation.html") == []


# --- a CSL YAML date written as pandoc-citeproc wrote it -------------------------------------------------
# maehr/academic-pandoc-template article/article.md: the front matter's "references:" gives a work
# "issued: [{year: 1948, month: 12}]" (pandoc-citeproc's form, which pandoc's citeproc still reads: the
# rendered slides say "United Nations (1948)"); refcheck read no year from it: "entry unitednations1948
# has no year; complete it" (warning), untrue.

ARTICLE = """---
title: Title
references:
  - id: unitednations1948
    author:
      - literal: United Nations
    issued:
      - year: 1948
        month: 12
    title: Universal Declaration of Human Rights
    type: book
---

All human beings are born free and equal.[@unitednations1948]
"""


def test_a_csl_yaml_date_of_year_and_month_keys_gives_the_year(tmp_path: Path) -> None:
    write(tmp_path, {"article.md": ARTICLE})
    assert findings(tmp_path / "article.md") == []
