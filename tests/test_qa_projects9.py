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


# --- a preamble file with \documentclass, input by the main file -------------------------------------
# Blezzing/sw10-report's master.tex starts "\input{misc/preamble.tex}", a file that holds
# "\documentclass{report}" and "\addbibresource{misc/litteratur.bib}" but no \begin{document};
# AgenoDrei/BachelorThesis's thesis.tex does the same with ads/header.tex. `refcheck check .` took the
# preamble for a document of its own, read its paths from misc/ ("misc/misc/litteratur.bib does not
# exist", an error; three missing-input warnings in the other) though LaTeX reads them from the main
# file's directory, where they are.


def _preamble_project(root: Path) -> None:
    write(
        root,
        {
            "misc/litteratur.bib": BIB,
            "misc/preamble.tex": "\\documentclass{report}\n\\usepackage[backend=bibtex]{biblatex}\n"
            "\\addbibresource{misc/litteratur.bib}\n\\input{misc/macros}\n",
            "misc/macros.tex": "\\newcommand{\\tool}{refcheck}\n",
            "chapters/intro.tex": "\\chapter{Intro}\nAs shown \\cite{real} and \\cite{other}.\n",
            "master.tex": "\\input{misc/preamble.tex}\n\\begin{document}\n\\input{chapters/intro.tex}\n"
            "\\printbibliography\n\\end{document}\n",
        },
        git=True,
    )


def test_a_preamble_the_main_file_inputs_is_no_document_of_its_own(tmp_path: Path) -> None:
    from refcheck.pipeline import expand_paths

    _preamble_project(tmp_path)
    files, errors = expand_paths([str(tmp_path)])
    assert errors == []
    assert [Path(f).name for f in files] == ["master.tex"]


def test_a_preamble_no_file_inputs_is_still_checked(tmp_path: Path) -> None:
    from refcheck.pipeline import expand_paths

    _preamble_project(tmp_path)
    (tmp_path / "master.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nHi.\n\\end{document}\n"
    )
    files, _ = expand_paths([str(tmp_path)])
    assert sorted(Path(f).name for f in files) == ["master.tex", "preamble.tex"]


# --- glossaries: a citation in an entry that is never typeset ----------------------------------------
# AgenoDrei/BachelorThesis (a DHBW template) defines "\newglossaryentry{Plugin}{..., description={...
# \footcite[]{Lackes.2015}}}" and never uses the entry: its description is not printed, so LaTeX never
# cites the key (missing from the .bib), yet refcheck said missing-reference (an error).
# CBL-ORION/orion-zmughal-ms-thesis's beamer talk inputs the thesis's notation.tex (glossary entries
# citing with \autocite) and prints no glossary: an error "the document names no bibliography".

GLOSSARY = (
    "\\newglossaryentry{Plugin}{name={Plugin}, description={An add-on \\footcite{Lackes.2015}}}\n"
    "\\newglossaryentry{orion}{name={ORION}, description={The tool of \\cite{other}}}\n"
)


def test_a_citation_in_an_unused_glossary_entry_is_no_citation(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.bib": BIB,
            "glossary.tex": GLOSSARY,
            "thesis.tex": "\\documentclass{report}\n\\usepackage{glossaries}\n\\usepackage{biblatex}\n"
            "\\addbibresource{refs.bib}\n\\makeglossaries\n\\input{glossary}\n\\begin{document}\n"
            "We use \\gls{orion} \\cite{real}.\n\\printglossary\n\\printbibliography\n\\end{document}\n",
            "talk.tex": "\\documentclass{beamer}\n\\usepackage{glossaries}\n\\input{glossary}\n"
            "\\begin{document}\n\\begin{frame}Hello \\gls{orion}.\\end{frame}\n\\end{document}\n",
        },
        git=True,
    )
    assert _loud(tmp_path / "thesis.tex") == []
    assert _loud(tmp_path / "talk.tex") == []


def test_a_citation_in_a_used_glossary_entry_is_checked(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.bib": BIB,
            "thesis.tex": "\\documentclass{report}\n\\usepackage{glossaries}\n\\usepackage{biblatex}\n"
            "\\addbibresource{refs.bib}\n\\makeglossaries\n" + GLOSSARY + "\\begin{document}\n"
            "We use \\gls{Plugin} and \\gls{orion} \\cite{real}.\n\\printglossary\n\\printbibliography\n"
            "\\end{document}\n",
        },
        git=True,
    )
    assert [(f[0], f[1]) for f in _loud(tmp_path / "thesis.tex")] == [("missing-reference", "error")]


# --- MyST: a table of contents lists the pages; raw LaTeX is text ------------------------------------
# AllenNeuralDynamics/ComputationalReviewTemplate's myst.yml lists its pages under "project: toc:";
# beside them, skills/*.md are instructions for the review's writers ("Use \citep{CiteKey} ...",
# "citing \citep{A, B}. \citet{A} established X"): mystmd builds no page of them, and shows raw LaTeX in
# a page as text anyway. refcheck took them for pages citing the review's bibliography: 26
# missing-reference errors.

MYST_REVIEW = {
    "myst.yml": "version: 1\nproject:\n  title: Review\n  bibliography:\n    - content/references.bib\n"
    "  toc:\n    - file: content/intro.md\n    - title: Methods\n      children:\n"
    "        - file: content/methods.md\n",
    "content/references.bib": BIB,
    "content/intro.md": "# Intro\n\nAs shown [@real].\n",
    "content/methods.md": "# Methods\n\nWe follow {cite:t}`other`.\n",
}


def test_a_file_outside_the_myst_table_of_contents_is_no_page(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            **MYST_REVIEW,
            "skills/writing.md": "# Writing\n\nUse [@CiteKey] for citations, e.g. [@Author2020; @Key].\n",
        },
        git=True,
    )
    assert _loud(tmp_path / "skills" / "writing.md") == []
    assert _loud(tmp_path / "content" / "methods.md") == []


def test_raw_latex_citations_on_a_myst_page_are_text(tmp_path: Path) -> None:
    write(
        tmp_path,
        {**MYST_REVIEW, "content/intro.md": "# Intro\n\nAs shown [@real]. Write \\citep{A, B} in LaTeX.\n"},
        git=True,
    )
    assert _loud(tmp_path / "content" / "intro.md") == []


def test_a_page_the_myst_table_of_contents_lists_is_checked(tmp_path: Path) -> None:
    write(tmp_path, {**MYST_REVIEW, "content/methods.md": "# Methods\n\nWe follow [@missing].\n"}, git=True)
    assert [f[0] for f in _loud(tmp_path / "content" / "methods.md")] == ["missing-reference"]


# --- duplicates: the words of an entry in another script ---------------------------------------------
# AndreyAkinshin/Russian-Phd-LaTeX-Dissertation-Template's Readme/Bibliography.md (its contents, a list
# of links under "# Библиография", read as a list) gave 10 duplicate-reference warnings: an entry's
# text was compared by its ASCII letters and digits only, so two Cyrillic entries with the same
# numbers were one text ("Иванов ... Наука, 2001. — 200 с." and "Петров ... Наука, 2001. — 200 с.").


def test_two_cyrillic_entries_with_the_same_numbers_are_no_duplicates(tmp_path: Path) -> None:
    (tmp_path / "ru.md").write_text(
        "# Статья\n\nКак показано [1], и также [2].\n\n## Список литературы\n\n"
        "1. Иванов И. И. Книга о важном. — М.: Наука, 2001. — 200 с.\n"
        "2. Петров П. П. Другая книга. — М.: Наука, 2001. — 200 с.\n",
        encoding="utf-8",
    )
    assert _loud(tmp_path / "ru.md") == []


def test_a_cyrillic_entry_listed_twice_is_a_duplicate(tmp_path: Path) -> None:
    (tmp_path / "ru.md").write_text(
        "# Статья\n\nКак показано [1], и также [2].\n\n## Список литературы\n\n"
        "1. Иванов И. И. Книга о важном. — М.: Наука, 2001. — 200 с.\n"
        "2. Иванов И. И. Книга о важном. — М.: Наука, 2001. — 200 с.\n",
        encoding="utf-8",
    )
    assert [f[0] for f in _loud(tmp_path / "ru.md")] == ["duplicate-reference"]


# --- a bibliography named in one branch of a class's switch ---------------------------------------
# Aast12/master-thesis (KTH's kththesis class) writes "\ifbiblatex ... \addbibresource{references}
# \else ... \fi" in the preamble and "\ifbiblatex \printbibliography \else \bibliography{references}
# \fi" at the end; the class option is "bibtex", so TeX takes the \else branches and reads
# references.bib. refcheck read both branches: "the bibliography references named here does not
# exist" (biber would want "references.bib"), an error on a thesis that builds.

KTH = (
    "\\documentclass[bibtex]{kththesis}\n\\ifbiblatex\n  \\usepackage{biblatex}\n"
    "  \\addbibresource{references}\n\\else\n  \\bibliographystyle{plain}\n\\fi\n\\begin{document}\n"
    "Text \\cite{real} and \\cite{other}.\n\\ifbiblatex\n  \\printbibliography\n\\else\n"
    "  \\bibliography{references}\n\\fi\n\\end{document}\n"
)


def test_a_missing_bibliography_in_one_branch_of_a_switch_is_info(tmp_path: Path) -> None:
    write(tmp_path, {"references.bib": BIB, "main.tex": KTH}, git=True)
    found = findings(tmp_path / "main.tex")
    assert [f for f in found if f[1] != "info"] == []
    assert [f[0] for f in found if f[0] == "input-bibliography"] == ["input-bibliography"]


def test_a_missing_bibliography_beside_another_in_the_same_branch_is_an_error(tmp_path: Path) -> None:
    text = KTH.replace(
        "\\addbibresource{references}", "\\addbibresource{references.bib}\\addbibresource{extra}"
    )
    write(tmp_path, {"references.bib": BIB, "main.tex": text}, git=True)
    assert [(f[0], f[1]) for f in _loud(tmp_path / "main.tex")] == [("input-bibliography", "error")]


# --- Markdown: a full reference link is a link, not a numeric citation ---------------------------------
# alanoursland/tr_xor's notes (a chatbot's answers pasted as Markdown) cite by reference links,
# "such as **EWC** ([pnas.org][10])", the label defined at the end ("[10]: https://www.pnas.org/...");
# their "## References" list gives the same links. refcheck read "[10]" as a citation of entry 10 of a
# list of 9: 2 missing-reference errors.


def test_a_full_reference_link_is_no_numeric_citation(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(
        "# Null-space learning\n\nThe rank-1 update is exact ([arxiv.org][1]). Regularisation such as "
        "EWC ([pnas.org][3]) only penalises change.\n\n## References\n\n"
        "1. Zhuang et al., *ACIL: Analytic Class-Incremental Learning*, NeurIPS 2022. ([arxiv.org][1])\n"
        "2. Kirkpatrick et al., *Overcoming Catastrophic Forgetting*, PNAS 2017. ([pnas.org][3])\n\n"
        '[1]: https://arxiv.org/abs/2205.14922 "ACIL"\n[2]: https://example.org/other "Other"\n'
        '[3]: https://www.pnas.org/doi/10.1073/pnas.1611835114 "EWC - PNAS"\n',
        encoding="utf-8",
    )
    assert _loud(tmp_path / "notes.md") == []


# --- BibTeX: a collaboration's paper --------------------------------------------------------------------
# jbrosamer/Thesis (an ATLAS thesis) cites INSPIRE's entries of collaboration papers, 'collaboration =
# "Belle"' with no author field, as every experiment's paper is exported: "entry BELLE has no author or
# editor" (a warning for each of 8 cited entries), though the physics styles print "Belle
# Collaboration" as the author.


def test_a_collaboration_is_an_entrys_author(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "hep.bib": '@article{BELLE,\n  title = "{Charm hadrons from fragmentation}",\n'
            '  collaboration = "Belle",\n  journal = "Phys.Rev.",\n  volume = "D73",\n  year = "2006",\n}\n'
            '@article{atlas, collaboration = "{ATLAS Collaboration}", title = "The ATLAS Experiment",'
            ' journal = "JINST", year = "2008"}\n'
            '@article{nobody, title = "A paper without authors", journal = "Phys.Rev.", year = "2006"}\n',
            "thesis.tex": "\\documentclass{report}\n\\begin{document}\nCharm \\cite{BELLE}, the detector"
            " \\cite{atlas}, and \\cite{nobody}.\n\\bibliographystyle{plain}\n\\bibliography{hep}\n\\end{document}\n",
        },
        git=True,
    )
    loud = _loud(tmp_path / "thesis.tex")
    assert [f[2].split(" has")[0] for f in loud] == ["entry nobody"]


# --- a document built from the project's root -----------------------------------------------------------
# CBL-ORION/orion-zmughal-ms-thesis's Makefile builds its notes from the root ("latexmk --outdir=note
# note/biblio.tex"), so note/biblio.tex's "\input{preamble/helper.tex}" and "\bibliography{thesis}" name
# the root's preamble/helper.tex and thesis.bib: refcheck looked only beside note/biblio.tex (an
# input-bibliography error and 9 missing-input warnings over the four notes).


def test_inputs_and_bibliographies_are_found_from_the_project_root(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "thesis.bib": BIB,
            "preamble/helper.tex": "\\newcommand{\\tool}{ORION}\n",
            "gfx/compare.tex": "A figure.\n",
            "note/biblio.tex": "\\documentclass{article}\n\\input{preamble/helper.tex}\n\\begin{document}\n"
            "The \\tool{} papers \\cite{real} and \\cite{other}.\n\\input{gfx/compare.tex}\n"
            "\\bibliographystyle{plain}\n\\bibliography{thesis}\n\\end{document}\n",
        },
        git=True,
    )
    assert _loud(tmp_path / "note" / "biblio.tex") == []


def test_an_input_found_nowhere_is_still_missing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "thesis.bib": BIB,
            "note/biblio.tex": "\\documentclass{article}\n\\input{preamble/nowhere.tex}\n\\begin{document}\n"
            "\\cite{real}\n\\bibliographystyle{plain}\n\\bibliography{thesis}\n\\end{document}\n",
        },
        git=True,
    )
    assert [f[0] for f in _loud(tmp_path / "note" / "biblio.tex")] == ["missing-input"]


# --- Sphinx with sphinxcontrib-bibtex ------------------------------------------------------------------
# Yibin-Li02/Final-Thesis's documentation (the Virtual Ecosystem's Sphinx site: conf.py loads
# sphinxcontrib.bibtex and myst_nb, "bibtex_bibfiles = ["refs.bib"]") cites in its MyST pages with
# {cite}`van_der_knijff_lisflood_2010` and {cite:t}`aston_rainfall_1979`: refcheck knew Jupyter Book's
# _config.yml only, so none of the 68 citations of 14 pages was checked.

SPHINX = {
    "docs/source/conf.py": 'project = "Eco"\nextensions = [\n    "sphinx.ext.autodoc",\n'
    '    "sphinxcontrib.bibtex",\n    "myst_nb",\n]\nbibtex_bibfiles = ["refs.bib"]\n'
    'bibtex_reference_style = "author_year"\n',
    "docs/source/refs.bib": BIB,
    "docs/source/index.md": "# Eco\n\nRainfall {cite:t}`real` and interception {cite}`other`;"
    " a note{footcite}`real`.\n",
}


def test_a_sphinx_page_cites_the_bibtex_bibfiles(tmp_path: Path) -> None:
    write(tmp_path, SPHINX, git=True)
    found = findings(tmp_path / "docs" / "source" / "index.md")
    assert [f for f in found if f[1] != "info"] == []


def test_a_sphinx_page_citing_a_key_no_bibtex_bibfile_has_is_told(tmp_path: Path) -> None:
    write(
        tmp_path,
        {**SPHINX, "docs/source/index.md": "# Eco\n\nRainfall {cite:t}`real` and {cite:p}`missing_2010`.\n"},
        git=True,
    )
    assert [f[0] for f in _loud(tmp_path / "docs" / "source" / "index.md")] == ["missing-reference"]


# --- MyST: a label a plugin makes ---------------------------------------------------------------------
# jupyter-book/mystmd's own documentation loads JavaScript plugins (myst.yml "plugins: -
# directives.mjs ..."), whose "{myst:template} book-theme" directive labels each option of a template:
# "define the @template-site-myst-book-theme-style option" cross-references one. refcheck, which does
# not run plugins, said missing-reference (an error).


def test_an_unknown_at_key_in_a_myst_project_with_plugins_is_info(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "myst.yml": "version: 1\nproject:\n  title: Docs\n  plugins:\n    - directives.mjs\n",
            "directives.mjs": "export default { directives: [] };\n",
            "refs.bib": BIB,
            "style.md": "# Style\n\nAs [@real] shows, define the @template-site-style option.\n",
        },
        git=True,
    )
    found = findings(tmp_path / "style.md")
    assert [f for f in found if f[1] != "info"] == []
    assert [f[0] for f in found] == ["missing-reference"]


def test_an_unknown_bracketed_key_in_a_myst_project_with_plugins_is_an_error(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "myst.yml": "version: 1\nproject:\n  title: Docs\n  plugins:\n    - directives.mjs\n",
            "refs.bib": BIB,
            "style.md": "# Style\n\nAs [@real; @missing2020] show.\n",
        },
        git=True,
    )
    assert [f[0] for f in _loud(tmp_path / "style.md")] == ["missing-reference"]


# --- duplicates: two web pages of alike titles at other addresses -----------------------------------
# bttomio/UGA_thesisdown (a bookdown thesis) cites two Google Trends queries, "Curreny Carry Trade -
# Explore - Google Trends" and "Yen Carry Trade - Explore - Google Trends" (@online, each with its own
# URL): read as one title with a typo, a duplicate-reference warning.


def test_two_web_pages_of_alike_titles_at_other_addresses_are_two_works(tmp_path: Path) -> None:
    entries = "".join(
        f"@online{{trends{n}, title = {{{q} Carry Trade - {{{{Explore}}}} - {{{{Google Trends}}}}}},"
        f" author = {{{{Google Trends}}}}, date = {{2021}},"
        f" url = {{https://trends.google.com/trends/explore?q={q.lower()}%20carry%20trade}}}}\n"
        for n, q in ((1, "Curreny"), (2, "Yen"))
    )
    write(
        tmp_path,
        {
            "refs.bib": entries + "@online{trends3, title = {Yen Carry Trade - Explore - Google Trends},"
            " author = {{Google Trends}}, date = {2021},"
            " url = {https://trends.google.com/trends/explore?q=yen%20carry%20trade}}\n",
            "index.md": "---\nbibliography: refs.bib\n---\n\n# Carry\n\nInterest [@trends1; @trends2] and [@trends3].\n",
        },
        git=True,
    )
    found = _loud(tmp_path / "index.md")
    # trends3 repeats trends2 (its title and address): that one is said
    assert [f[0] for f in found] == ["duplicate-reference"] and "Yen" in found[0][2]


# --- a rendered site committed beside its sources ------------------------------------------------------
# biostats-r/biostats renders its Quarto books into each book's output/ and a script copies them into
# docs/ for GitHub Pages: `refcheck check .` read docs/'s 77 rendered pages (citations formatted,
# lists on other pages: 4 missing-reference errors) and Quarto's site_libs (jQuery's AUTHORS.txt read
# as a list: a duplicate-reference warning), besides the .qmd sources.


def test_pages_a_generator_rendered_beside_their_sources_are_not_walked(tmp_path: Path) -> None:
    from refcheck.pipeline import expand_paths

    page = (
        '<!DOCTYPE html>\n<html><head>\n<meta charset="utf-8">\n<meta name="generator" content="quarto-1.8.20">\n'
        "<title>ANOVA</title></head><body><p>As Darley and Latané (1969) showed.</p></body></html>\n"
    )
    write(
        tmp_path,
        {
            "StatisticsInR/_quarto.yml": "project:\n  type: book\n  output-dir: output\n",
            "StatisticsInR/anova.qmd": "# ANOVA\n\nAs Darley and Latané (1969) showed.\n",
            "docs/statisticsInR/anova.html": page,
            "docs/quarto/site_libs/jquery-3.5.1/jquery-AUTHORS.txt": "John Resig <jeresig@gmail.com>\n",
            "notes/plain.html": "<html><body><p>A page of its own.</p></body></html>\n",
        },
        git=True,
    )
    files, _ = expand_paths([str(tmp_path)])
    assert sorted(Path(f).relative_to(tmp_path).as_posix() for f in files) == [
        "StatisticsInR/anova.qmd",
        "notes/plain.html",
    ]


def test_rendered_pages_without_their_sources_are_checked(tmp_path: Path) -> None:
    from refcheck.pipeline import expand_paths

    write(
        tmp_path,
        {
            "site/anova.html": '<html><head><meta name="generator" content="quarto-1.8.20"></head><body>Hi</body></html>\n'
        },
        git=True,
    )
    files, _ = expand_paths([str(tmp_path)])
    assert [Path(f).name for f in files] == ["anova.html"]


# --- BibTeX: a crossref's parent in a later file of the database ----------------------------------------
# sudonatalie/thesis (an MSc thesis written in literate Haskell, lhs2TeX) cites from the RATH
# bibliographies, "\bibliography{RATH/strings,RATH/ref,RATH/crossrefs,ref}": ref.bib's papers take
# their proceedings from crossrefs.bib, as DBLP's exports do. BibTeX reads the files as one database;
# refcheck looked for a crossref's parent in the same file only: 1,392 missing-crossref warnings.


def test_a_crossref_parent_in_a_later_file_is_found(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "ref.bib": "@InProceedings{Kahl-2004,\n  author = {Kahl, Wolfram},\n  title = {Refactoring Refinement},\n"
            "  crossref = {RelMiCS2003},\n  pages = {1--20}\n}\n"
            "@InProceedings{Other-2005, author = {Doe, Jane}, title = {Lost}, crossref = {NOWHERE2005}}\n",
            "crossrefs.bib": "@PROCEEDINGS {RelMiCS2003\n , YEAR = {2004}\n , EDITOR = {Berghammer, R.}\n"
            " , TITLE = {Relational and Kleene-Algebraic Methods}\n , booktitle = {RelMiCS 2003}\n}\n",
            "thesis.tex": "\\documentclass{report}\n\\begin{document}\nAs \\cite{Kahl-2004} and \\cite{Other-2005}."
            "\n\\bibliographystyle{plain}\n\\bibliography{ref,crossrefs}\n\\end{document}\n",
        },
        git=True,
    )
    loud = _loud(tmp_path / "thesis.tex")
    assert [(f[0], "NOWHERE2005" in f[2]) for f in loud if f[0] == "missing-crossref"] == [
        ("missing-crossref", True)
    ]
    assert not any("Kahl-2004" in f[2] for f in loud)


# --- BibTeX: a manual without an author ----------------------------------------------------------------
# Micket/chalmers (Chalmers' thesis class) cites "@Manual{matlab:ode, publisher = {Mathworks}, title =
# {MATLAB manual}, ...}": BibTeX's styles print a manual without an author, as software's
# documentation often has none; refcheck warned "no author or editor" as for a paper.


def test_a_manual_without_an_author_is_info(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.bib": "@Manual{matlab:ode,\n  publisher = {Mathworks},\n  year = {2008},\n  title = {MATLAB manual},\n"
            "  url = {http://www.mathworks.com/help/ode45.html}\n}\n"
            "@article{nobody, title = {A paper without authors}, journal = {J}, year = {2006}}\n",
            "thesis.tex": "\\documentclass{report}\n\\begin{document}\nSolved with \\cite{matlab:ode}; see"
            " \\cite{nobody}.\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n",
        },
        git=True,
    )
    assert [f[2].split(" has")[0] for f in _loud(tmp_path / "thesis.tex")] == ["entry nobody"]
