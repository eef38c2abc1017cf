"""False alarms found by running refcheck on real LaTeX projects of kinds not tried before (QA round
latex7: multibib theses, Chinese thesis classes, CVs, books, conference templates): each test is the
smallest form of a pattern a public project uses, and failed before its fix. The source of each
pattern is named beside its test (bench/latex_projects.txt gives the commits)."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write

# --- entries glued to the one before ---------------------------------------------------------------------
# jmrr/phd_thesis's bib/Bibliography.bib (Mendeley and Google Scholar exports pasted one after the
# other): "  publisher={American Psychological Association}\n}@article{CC01a,\n...". BibTeX starts an
# entry at any '@' between entries; refcheck read only entries at the start of a line, so each glued
# entry was lost (three missing-reference errors for keys the .bib holds) and the text after the
# brace was "part of an entry (an extra '}'?)" (four warnings).

GLUED = {
    "thesis.tex": "\\documentclass{book}\n\\begin{document}\nObjects \\cite{biederman1987} and a library"
    " \\cite{CC01a}; maps \\cite{keefe1978}.\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n",
    "refs.bib": "@article{biederman1987,\n  title={Recognition-by-components},\n  author={Biederman, Irving},\n"
    "  journal={Psychological review},\n  year={1987}\n}@article{CC01a,\nauthor = {Chang, Chih-Chung and Lin,"
    " Chih-Jen},\njournal = {ACM TIST},\ntitle = {{LIBSVM}: A library for support vector machines},\n"
    "year = {2011}\n} @book{keefe1978,\n  title={The hippocampus as a cognitive map},\n  author={Keefe, John O"
    " and Nadel, Lynn},\n  year={1978},\n  publisher={Clarendon Press}\n}\n",
}


def test_an_entry_glued_to_the_closing_brace_before_it_is_read(tmp_path: Path) -> None:
    write(tmp_path, GLUED)
    assert findings(tmp_path / "thesis.tex") == []


def test_a_stray_brace_after_an_entry_is_still_said(tmp_path: Path) -> None:
    files = dict(GLUED)
    files["refs.bib"] += "@misc{extra, author={A, B}, title={T}, year={2000}}\n}\n"
    files["thesis.tex"] = files["thesis.tex"].replace("\\cite{keefe1978}", "\\cite{keefe1978,extra}")
    write(tmp_path, files)
    found = findings(tmp_path / "thesis.tex")
    assert [(r, s) for r, s, _ in found] == [("input-bibliography", "warning")]
    assert "entry extra: text after the entry's closing brace" in found[0][2]


# A '}' before an '@' inside a value is no entry's end: "{SETI}@home (...)" (the braces keep a title's
# capitals) was read as an entry "@home (" glued to a brace, cutting the entry it is in (two warnings
# for each such title and an uncited entry named after a word of the title) (QA round new-lj).

BRACED_AT = {
    "paper.tex": "\\documentclass{article}\n\\begin{document}\nVolunteer computing \\cite{anderson2002} and"
    " proteins \\cite{shirts2000}.\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n",
    "refs.bib": "@article{anderson2002,\n  title={{SETI}@home (an experiment in public-resource computing)},\n"
    "  author={Anderson, David P. and Cobb, Jeff},\n  journal={Communications of the ACM},\n  year={2002}\n}\n"
    "@article{shirts2000,\n  title={Screen savers of the world unite! {Folding}@home(distributed)},\n"
    "  author={Shirts, Michael and Pande, Vijay S},\n  journal={Science},\n  year={2000}\n}"
    "@misc{glued, author={A, B}, title={{C}@d {e}}, year={2001}}\n",
}


def test_a_brace_before_an_at_inside_a_value_starts_no_entry(tmp_path: Path) -> None:
    files = dict(BRACED_AT)
    files["paper.tex"] = files["paper.tex"].replace("\\cite{shirts2000}", "\\cite{shirts2000,glued}")
    write(tmp_path, files)
    assert findings(tmp_path / "paper.tex") == []


# --- a bibliography named through a class's own command ----------------------------------------------------
# danielfct/master-thesis (NOVAthesis): novathesis.cls defines "\newcommand{\addbibfile}[1]{...
# \addbibresource{#1}}" and the document says "\addbibfile{bibliography.bib}": an input-bibliography
# error "the bibliography #1 named here does not exist", and the document's keys unread.

WRAPPED = {
    "thesis.cls": "\\LoadClass{book}\n\\RequirePackage[backend=biber]{biblatex}\n"
    "\\newcommand{\\addbibfile}[1]{%\n  \\addbibresource{#1}\n}\n\\newcommand{\\printbib}{\\printbibliography}\n",
    "template.tex": "\\documentclass{thesis}\n\\addbibfile{bibliography.bib}\n\\begin{document}\nAs shown"
    " \\cite{knuth1984} and \\cite{lamport1994}.\n\\printbib\n\\end{document}\n",
    "bibliography.bib": "@book{knuth1984, author={Knuth, Donald E.}, title={The {\\TeX}book},"
    " publisher={Addison-Wesley}, year={1984}}\n",
}


def test_a_bibliography_named_through_a_class_command_is_read(tmp_path: Path) -> None:
    write(tmp_path, WRAPPED)
    found = findings(tmp_path / "template.tex")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'lamport1994'" in found[0][2]


def test_a_bibliography_named_through_the_document_s_own_command_is_read(tmp_path: Path) -> None:
    files = dict(WRAPPED)
    files["thesis.cls"] = "\\LoadClass{book}\n"
    files["template.tex"] = (
        "\\documentclass{thesis}\n\\usepackage{natbib}\n\\newcommand\\bib[1]{\\bibliographystyle{plain}"
        "\\bibliography{#1}}\n\\begin{document}\nAs shown \\cite{knuth1984} and \\cite{lamport1994}.\n"
        "\\bib{bibliography}\n\\end{document}\n"
    )
    write(tmp_path, files)
    found = findings(tmp_path / "template.tex")
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")]
    assert "'lamport1994'" in found[0][2]


# --- an organisation's manual, an image's credit --------------------------------------------------------
# RyanEGuerra/ryan_guerra_phd_thesis's bib/thesis.bib: "@manual{murata2010srf, organization = "Murata
# Manufacturing Co., Ltd.", title = ...}" (BibTeX's styles print the organisation where a manual has no
# author: it is complete): "has no author or editor", a warning. vEnhance/napkin's images.bib: 14
# "@Image{img:snsd, title = ..., author = ..., URL = ...}" credits (a type biblatex's styles print as
# @misc, BibTeX as its default type): "has no year", a warning each, where a @misc of a web address
# without one is info.

CREDITS = {
    "book.tex": "\\documentclass{book}\n\\usepackage[backend=biber]{biblatex}\n\\addbibresource{refs.bib}\n"
    "\\begin{document}\nDecoupling \\cite{murata2010}; a torus \\cite{img:torus}; a dataset \\cite{wild2010}.\n"
    "\\printbibliography\n\\end{document}\n",
    "refs.bib": '@manual{murata2010,\n    organization  = "Murata Manufacturing Co., Ltd.",\n    title ='
    ' "{Application Manual for Power Supply Noise Suppression}",\n    year = 2010\n}\n'
    '@Image{img:torus,\n  title = "Torus",\n  author = "Wikimedia user Kieff",\n'
    '  URL = "https://commons.wikimedia.org/wiki/File:Torus.png",\n}\n'
    '@Image{wild2010,\n  title = "A photograph",\n  author = "Wild, Ann",\n}\n',
}


def test_a_manual_by_an_organisation_and_an_image_s_credit_are_complete_enough(tmp_path: Path) -> None:
    write(tmp_path, CREDITS)
    found = findings(tmp_path / "book.tex")
    # the image without an address still lacks its year, as a @misc without one does
    assert [(r, s) for r, s, _ in found] == [
        ("incomplete-reference", "info"),
        ("incomplete-reference", "warning"),
    ]
    assert "img:torus has no year" in found[0][2]
    assert "wild2010 has no year" in found[1][2]


# --- an input the build writes ---------------------------------------------------------------------------
# HoTT/book's main.tex "\input{version.tex}" (the Makefile writes it from 'git describe'; .gitignore
# lists "version.tex"), vEnhance/napkin's "\input{tex/backmatter/all-hints.out}" (written by LaTeX's
# answers package on the run before; .gitignore "**/*.out"): a missing-input warning each on a clean
# checkout. A file the repository's .gitignore leaves out is one the build makes: said at info.

BUILT = {
    ".gitignore": "*.aux\nversion.tex\n**/*.out\n",
    "main.tex": "\\documentclass{book}\n\\input{version.tex}\n\\begin{document}\nText \\cite{a}.\n"
    "\\input{tex/hints.out}\n\\input{chapters/missing}\n\\bibliographystyle{plain}\n\\bibliography{refs}\n"
    "\\end{document}\n",
    "tex/x.tex": "\n",
    "refs.bib": "@book{a, author={A, B}, title={T}, publisher={P}, year={2000}}\n",
}


def test_an_input_the_gitignore_leaves_out_is_made_by_the_build(tmp_path: Path) -> None:
    write(tmp_path, BUILT, git=True)
    found = findings(tmp_path / "main.tex")
    assert [(r, s) for r, s, _ in found] == [("missing-input", "info")] * 2 + [("missing-input", "warning")]
    assert "'version.tex'" in found[0][2] and ".gitignore" in found[0][2]
    assert "'tex/hints.out'" in found[1][2]
    assert "'chapters/missing'" in found[2][2]


# --- a class's key=value setup names the database --------------------------------------------------------
# Chinese thesis classes take the database as a key of their setup command, which loads biblatex or
# natbib itself: stone-zeng/fduthesis "\fdusetup{style = {bib-backend = bibtex, bib-resource =
# {test.bib}}}" (26 missing-reference errors: every key of test.bib), nju-lug/NJUThesis
# "\njusetup[bib]{resource = {njuthesis-sample.bib}}" in the njuthesis-setup.def the document inputs.


def test_a_database_named_in_a_class_s_key_value_setup_is_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "test.tex": "\\documentclass[twoside]{fduthesis}\n\\fdusetup{\n  style = {\n    font = times,\n"
            "    bib-backend = bibtex,\n    bib-style = numerical,\n    bib-resource = {test.bib}\n  },\n"
            "  info = {title = {A title}}\n}\n\\begin{document}\nMyriad \\cite{sunstein,wyf}.\n"
            "\\printbibliography\n\\end{document}\n",
            "sample.tex": "\\documentclass{njuthesis}\n\\input{njuthesis-setup.def}\n\\begin{document}\n"
            "Preskill \\cite{preskill2018}, and \\cite{nokey}.\n\\printbibliography\n\\end{document}\n",
            "njuthesis-setup.def": "\\njusetup[bib]{\n    % style = numeric|author-year,\n"
            "    resource = {nju.bib, test.bib},\n    % resource = {old.bib},\n}\n",
            "test.bib": "@book{sunstein, author={Sunstein, C.}, title={Republic}, publisher={P}, year={2001}}\n"
            "@book{wyf, author={Wang, Y.}, title={Fonts}, publisher={P}, year={2005}}\n",
            "nju.bib": "@article{preskill2018, author={Preskill, John}, title={Quantum computing in the NISQ"
            " era and beyond}, journal={Quantum}, year={2018}}\n",
        },
    )
    assert findings(tmp_path / "test.tex") == []
    found = findings(tmp_path / "sample.tex")
    # (test.bib's entries, which this document does not cite, print nowhere: info)
    assert [(r, s) for r, s, _ in found] == [("missing-reference", "error")] + [
        ("uncited-reference", "info")
    ] * 2
    assert "'nokey'" in found[0][2]


# --- one title, two publications ----------------------------------------------------------------------------
# darwiin/yaac-another-awesome-cv's my_publications.bib (liantze's own list, \nocite{*} and one
# \printbibliography per type): an @INPROCEEDINGS and the @MASTERSTHESIS of one title and year, and a
# conference paper (PACLING 2011) with its journal version (Procedia, same title): two
# duplicate-reference warnings for works a publication list rightly gives apart. Two database entries of
# other kinds (a thesis and a paper) or in other venues are two publications of one title: info. A
# preprint and its published version stay a duplicate.


def _pubs(extra: str = "") -> dict[str, str]:
    return {
        "cv.tex": "\\documentclass{article}\n\\usepackage[backend=biber]{biblatex}\n\\addbibresource{pubs.bib}\n"
        "\\begin{document}\n\\nocite{*}\n\\printbibliography[type=article]\n"
        "\\printbibliography[type=inproceedings]\n\\printbibliography[type=mastersthesis]\n\\end{document}\n",
        "pubs.bib": "@INPROCEEDINGS{lim:2006,\n  author = {Lim, Lian Tze},\n  title = {Improving Translation"
        " Selection with Conceptual Vectors},\n  booktitle = {Proceedings of the Regional Computer Science"
        " Postgraduate Colloquium},\n  year = {2006},\n  pages = {231--234}\n}\n\n"
        "@MASTERSTHESIS{lim:2006:thesis,\n  author = {Lim, Lian Tze},\n  title = {Improving Translation"
        " Selection with Conceptual Vectors},\n  school = {Universiti Sains Malaysia},\n  year = {2006},\n"
        "  booktitle = {Proceedings of the Regional Computer Science Postgraduate Colloquium}\n}\n\n"
        "@INPROCEEDINGS{pacling,\n  author = {Lim, Lian Tze and Tang, Enya Kong},\n  title = {Symbiosis between"
        " a Multilingual Lexicon and Translation Example Banks},\n  booktitle = {Proceedings of PACLING 2011},\n"
        "  year = {2011}\n}\n\n@ARTICLE{procedia,\n  author = {Lim, Lian Tze and Tang, Enya Kong},\n  title ="
        " {Symbiosis Between a Multilingual Lexicon and Translation Example Banks},\n  journal = {Procedia:"
        " Social and Behavioral Sciences},\n  year = {2011},\n  volume = {27},\n  pages = {61--69}\n}\n"
        + extra,
    }


def test_a_paper_and_its_thesis_or_journal_version_are_two_publications(tmp_path: Path) -> None:
    write(tmp_path, _pubs())
    found = findings(tmp_path / "cv.tex")
    assert [(r, s) for r, s, _ in found] == [("duplicate-reference", "info")] * 2, found
    assert all("two publications" in m for _, _, m in found)


def test_a_preprint_and_its_published_version_are_still_a_duplicate(tmp_path: Path) -> None:
    preprint = (
        "@article{pacling:arxiv,\n  author = {Lim, Lian Tze and Tang, Enya Kong},\n  title = {Symbiosis between"
        " a Multilingual Lexicon and Translation Example Banks},\n  journal = {arXiv preprint arXiv:1101.0001},\n"
        "  year = {2011}\n}\n"
    )
    write(tmp_path, _pubs(preprint))
    found = findings(tmp_path / "cv.tex")
    assert [(r, s) for r, s, _ in found] == [("duplicate-reference", "info")] * 2 + [
        ("duplicate-reference", "warning")
    ], found


# --- an entry disabled by deleting its '@' ---------------------------------------------------------------
# RyanEGuerra/ryan_guerra_phd_thesis's bib/nsf-sttr.bib: "@book{CiscoSINR, ...}" followed by the
# older "misc{CiscoSINR, title={...}, author={...}, year={2012}}" (BibTeX's own way to comment an
# entry out: without its '@' it is free text between entries): "text after the entry's closing brace
# looks like part of an entry (an extra '}'?)", a warning.


def test_an_entry_without_its_at_sign_is_a_comment(tmp_path: Path) -> None:
    files = dict(GLUED)
    files["refs.bib"] += (
        "\nmisc{CiscoSINR,\n  title={Cisco Wireless Mesh Access Points},\n  author={{Cisco Systems, Inc.}},\n"
        "  year={2012}\n}\n\n@misc{after, author={A, B}, title={T}, year={2000}}\n"
    )
    files["thesis.tex"] = files["thesis.tex"].replace("\\cite{keefe1978}", "\\cite{keefe1978,after}")
    write(tmp_path, files)
    assert findings(tmp_path / "thesis.tex") == []
    # a field after an entry's end is still a lost piece of it
    files["refs.bib"] = files["refs.bib"].replace("year={2012}\n}\n", "year={2012}\n}\n  note={lost}\n")
    write(tmp_path, files)
    assert [(r, s) for r, s, _ in findings(tmp_path / "thesis.tex")] == [("input-bibliography", "warning")]


# --- a chapter the build makes from Markdown ---------------------------------------------------------------
# dpertin/phd's these.tex "\input{chapters/chapter01.tex}" ...: the Makefile makes each chapter with
# pandoc from chapters/chapter01.md beside it (13 missing-input warnings on the checkout).


def test_an_input_made_from_a_markdown_source_beside_it_is_info(tmp_path: Path) -> None:
    files = dict(BUILT)
    del files[".gitignore"]
    files["chapters/missing.md"] = "# Missing\n\nText.\n"
    files["main.tex"] = (
        files["main.tex"].replace("\\input{tex/hints.out}\n", "").replace("\\input{version.tex}\n", "")
    )
    write(tmp_path, files, git=True)
    found = findings(tmp_path / "main.tex")
    assert [(r, s) for r, s, _ in found] == [("missing-input", "info")]
    assert "chapters/missing.md" in found[0][2]


# probablytom/Thesis's refs.bib: "\@article{hawkins2004overfitting," (an '@' escaped as in LaTeX):
# BibTeX skips the backslash, free text, and reads the entry; refcheck lost it (a missing-reference
# error) and called it "part of an entry (an extra '}'?)" (a warning).


def test_an_entry_after_free_text_on_its_line_is_read(tmp_path: Path) -> None:
    files = dict(GLUED)
    files["refs.bib"] += (
        "\n\\@article{hawkins2004,\n  title={The problem of overfitting},\n  author={Hawkins,"
    )
    files["refs.bib"] += (
        " Douglas M},\n  journal={J Chem Inf Comput Sci},\n  year={2004}\n}\n% @misc{old, title={x}}\n"
    )
    files["thesis.tex"] = files["thesis.tex"].replace("\\cite{keefe1978}", "\\cite{keefe1978,hawkins2004}")
    write(tmp_path, files)
    assert findings(tmp_path / "thesis.tex") == []


def test_many_entries_glued_on_their_lines_are_read_in_linear_time() -> None:
    # a .bib with an '@' on every line and none at a line's start: each glued entry's line was
    # counted from the segment's start, quadratic (60,000 lines: about a minute)
    import time

    from refcheck.loaders import bibparse

    lines = "".join(f"}}@misc{{k{i}, note = {{a@b{{c}}@d(e)}}@x{{\n" for i in range(60_000))
    t0 = time.process_time()
    out = bibparse.parse("@misc{first, title={T}}\n" + lines)
    assert time.process_time() - t0 < 10.0
    assert len(out.entries) > 60_000
    assert next(e.line for e in out.entries if e.key == "k59999") == 60_001
