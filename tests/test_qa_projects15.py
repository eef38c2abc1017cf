"""False alarms found by running refcheck on real projects not tried before (QA round 15: LaTeX
theses, bookdown and Quarto books, Manubot manuscripts, JOSS papers and publishers' JATS): each test is
the smallest form of a pattern a public project uses, and failed before its fix. The source of each
pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write

BIB = (
    "@article{real, author={Smith, Ann}, title={A title}, journal={J. Tests}, year={2010}}\n"
    "@article{other, author={Jones, Bob}, title={Another title}, journal={J. Tests}, year={2011}}\n"
)


def _loud(path: Path) -> list[tuple[str, str, str]]:
    return [f for f in findings(path) if f[1] != "info"]


# --- an input path written with a macro the document defines as text --------------------------------
# hagenw/phd-thesis defines "\def \PATH {.}" (a base path) and imports every chapter with
# "\import{\PATH/01_introduction/}{01_introduction}": refcheck did not expand the macro, said each
# chapter "does not exist (looked for \PATH/01_introduction/...)" and checked the thesis without them.


def test_an_input_path_with_a_macro_defined_as_text_is_followed(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.bib": BIB,
            "ch1/ch1.tex": "\\chapter{One}\nAs shown before \\cite{real}.\n",
            "ch2/ch2.tex": "\\chapter{Two}\nAlso \\cite{other}.\n",
            "thesis.tex": "\\documentclass{report}\n\\usepackage{import}\n\\def \\PATH {.}\n"
            "\\newcommand{\\chapters}{ch2}\n\\begin{document}\n\\import{\\PATH/ch1/}{ch1}\n"
            "\\input{\\chapters/ch2}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n",
        },
        git=True,
    )
    assert _loud(tmp_path / "thesis.tex") == []
    assert [f for f in findings(tmp_path / "thesis.tex") if f[0] == "uncited-reference"] == []


# --- the preamble of an input that is a document of its own (standalone, subfiles, docmute) ----------
# haziqj/phd-thesis builds each chapter on its own ("\documentclass{report} \usepackage{standalone}
# ... \addbibresource{../../bib/haziq.bib} \begin{document}") and \subimport's it into the thesis,
# where the standalone package skips the chapter's preamble. refcheck read the preamble as the
# thesis's and said twelve times "the bibliography ../../bib/haziq.bib named here does not exist"
# (resolved from the thesis's directory), errors on a thesis that builds.


def test_the_preamble_of_an_input_with_its_own_documentclass_is_not_the_main_documents(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "bib/refs.bib": BIB,
            "chapters/01/chapter1.tex": "\\documentclass{report}\n\\usepackage{standalone}\n"
            "\\addbibresource{../../bib/refs.bib}\n\\begin{document}\nAs shown \\cite{real}.\n"
            "\\end{document}\n",
            "chapters/02/chapter2.tex": "\\documentclass[../../thesis.tex]{subfiles}\n"
            "\\bibliography{elsewhere}\n\\begin{document}\nAlso \\cite{other}.\n\\end{document}\n",
            "thesis.tex": "\\documentclass{report}\n\\usepackage{standalone}\n\\usepackage{import}\n"
            "\\usepackage{biblatex}\n\\addbibresource{bib/refs.bib}\n\\begin{document}\n"
            "\\subimport{chapters/01/}{chapter1}\n\\input{chapters/02/chapter2}\n\\printbibliography\n"
            "\\end{document}\n",
        },
        git=True,
    )
    assert _loud(tmp_path / "thesis.tex") == []
    assert [f for f in findings(tmp_path / "thesis.tex") if f[0] == "uncited-reference"] == []


def test_a_base_path_given_with_providecommand_in_the_main_file_and_its_subfiles(tmp_path: Path) -> None:
    # the subfiles idiom: "\providecommand{\main}{.}" in the main file, "\providecommand{\main}{..}"
    # before each subfile's \documentclass (the main file's definition wins when it is included)
    write(
        tmp_path,
        {
            "refs.bib": BIB,
            "tex/part.tex": "Also \\cite{other}.\n",
            "tex/intro.tex": "\\providecommand{\\main}{..}\n\\documentclass[\\main/thesis.tex]{subfiles}\n"
            "\\begin{document}\nAs shown \\cite{real}.\n\\input{\\main/tex/part}\n\\end{document}\n",
            "thesis.tex": "\\providecommand{\\main}{.}\n\\documentclass{report}\n\\usepackage{subfiles}\n"
            "\\begin{document}\n\\subfile{\\main/tex/intro}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n"
            "\\end{document}\n",
        },
        git=True,
    )
    assert _loud(tmp_path / "thesis.tex") == []
    assert [f for f in findings(tmp_path / "thesis.tex") if f[0] == "uncited-reference"] == []


# --- Manubot keys without a prefix that Manubot infers ------------------------------------------------
# AlexsLemonade/ScPCA-manuscript cites "[@10.1038/s41588-022-01141-9]", a bare DOI: Manubot infers the
# prefix of a key without one from its form (manubot.cite.handlers.infer_prefix: a DOI, a shortDOI, a
# PMCID, a PubMed ID, a Wikidata ID, an arXiv ID) and resolves it, yet refcheck said "key ... is cited
# but not in the reference list", an error on a manuscript Manubot builds.


def test_a_manubot_key_without_prefix_that_manubot_infers_is_resolved_by_manubot(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/metadata.yaml": "title: A manuscript\n",
            "content/manual-references.json": '[{"id": "raw:real", "type": "book", "title": "A title",'
            ' "author": [{"family": "Smith", "given": "Ann"}], "issued": {"date-parts": [[2010]]}}]\n',
            "content/01.main.md": "## Introduction\n\nTumours [@10.1038/s41588-022-01141-9; @PMC4304851],"
            " preprints [@2105.01234v2; @hep-th/9711200] and [@Q56047393; @10/b6vnmd; @raw:real].\n"
            "Missing [@nokey2001].\n",
        },
        git=True,
    )
    found = [(f[0], f[2].split(" is cited")[0]) for f in findings(tmp_path / "content" / "01.main.md")]
    assert [f for f in found if f[0] == "missing-reference"] == [("missing-reference", "key 'nokey2001'")]


# --- an input in a git submodule that is not checked out ----------------------------------------------
# ashwinvis/phd-thesis inputs "templates/mechthesis/packages", a file of the git submodule
# templates/mechthesis (.gitmodules): in a clone without --recurse-submodules (a CI checkout's default)
# the directory is empty, and refcheck warned that the input "does not exist", as if the thesis named
# a wrong file. It is said at info level, with the command that fetches it.


def test_a_missing_input_in_a_submodule_not_checked_out_is_info(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".gitmodules": '[submodule "templates/mechthesis"]\n\tpath = templates/mechthesis\n'
            "\turl = https://example.org/mechthesis.git\n",
            "refs.bib": BIB,
            "thesis.tex": "\\documentclass{report}\n\\input{templates/mechthesis/packages}\n"
            "\\begin{document}\nAs shown \\cite{real} and \\cite{other}.\n\\input{chapters/missing}\n"
            "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n",
        },
        git=True,
    )
    (tmp_path / "templates" / "mechthesis").mkdir(parents=True)
    found = [
        (f[0], f[1], "submodule" in f[2])
        for f in findings(tmp_path / "thesis.tex")
        if f[0] == "missing-input"
    ]
    assert sorted(found) == [("missing-input", "info", True), ("missing-input", "warning", False)]


# --- one .bib named by two documents through different relative paths --------------------------------
# Blaisorblade/phd-thesis: the thesis names "Bibs/ProgLang", its chapter-paper popl18/static-caching.tex
# names "../Bibs/ProgLang": each defect of that .bib (an undefined @string, a missing crossref) was
# reported twice, once under "popl18/../Bibs/ProgLang.bib".


def test_a_bib_named_through_a_parent_directory_is_reported_under_one_name(tmp_path: Path) -> None:
    from refcheck.cli import main

    write(
        tmp_path,
        {
            "Bibs/refs.bib": BIB + "@article{bad, author={Doe, Jane}, journal={J}, year={2012}}\n",
            "thesis.tex": "\\documentclass{report}\n\\begin{document}\nAs shown \\cite{real,other,bad}.\n"
            "\\bibliographystyle{plain}\n\\bibliography{Bibs/refs}\n\\end{document}\n",
            "paper/paper.tex": "\\documentclass{article}\n\\begin{document}\nAlso \\cite{real,other,bad}.\n"
            "\\bibliographystyle{plain}\n\\bibliography{../Bibs/refs}\n\\end{document}\n",
        },
        git=True,
    )
    import contextlib
    import io
    import json

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["check", "--no-links", "--no-verify", "--format", "json", str(tmp_path)])
    report = json.loads(out.getvalue())
    paths = [
        f.get("path")
        for doc in report["files"]
        for f in doc["findings"]
        if f["rule"] == "incomplete-reference"
    ]
    assert len(paths) == 1 and ".." not in paths[0]


# --- an escaped backtick in Markdown opens no inline code --------------------------------------------
# BeardedPlatypus/thesis-latex writes its chapters in pandoc Markdown with raw LaTeX, "De \mbox{sc\`ene}"
# (LaTeX's grave accent). refcheck read "\`" as the start of inline code running to the next backtick
# two lines below, hid the footnote marker "Silva.[^1]" between them, and warned that footnote [1] "is
# never referenced". CommonMark and pandoc read a backslash-escaped backtick as a literal one.


def test_an_escaped_backtick_opens_no_inline_code(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "chapter.md": "De Spaceship \\mbox{sc\\`ene} is gebaseerd op\n"
            "een scene van Juan Carlos Silva.[^1]\nDeze \\mbox{sc\\`ene} staat model voor"
            " \\mbox{indoor-sc\\`enes}.\n\nCode `a\\` closes here.\n\n[^1]: Scene url: \\url{www.example.org/c/}\n",
        },
    )
    assert _loud(tmp_path / "chapter.md") == []
