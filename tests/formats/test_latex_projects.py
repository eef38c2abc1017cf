"""LaTeX projects as authors have them (issue 8.3), read safely (issue 13.5) and in linear time (13.2/13.3).

The fixtures fixtures/formats/latex_thesis/ and latex_acl/ hold whole projects (checked against their
expected JSON by test_fixtures.py); the tests here build the smaller cases in a temporary directory.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from tests.hostile_latex import INPUTS

from refcheck.cli import main as cli_main
from refcheck.discovery import Discovery
from refcheck.loaders.latex import clean
from refcheck.pipeline import CheckOptions, check_file, expand_paths

BIB = (
    "@book{hardy1968, author = {Hardy, Michael}, title = {Modern Diplomatic Law}, year = 1968}\n"
    "@article{millan2001, author = {Mill{\\'a}n, Daniel}, title = {Critica}, year = 2001}\n"
)


def project(tmp: Path, files: dict[str, str]) -> Path:
    (tmp / ".git").mkdir(parents=True, exist_ok=True)  # the project root
    for name, text in files.items():
        p = tmp / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp


def run(path: Path, **options: object) -> list[tuple[str, str | None, int | None]]:
    result = check_file(str(path), CheckOptions(**options))  # type: ignore[arg-type]
    assert result.doc is not None, result.error
    return [(f.rule, Path(f.path).name if f.path else None, f.line) for f in result.doc.findings]


def keys(path: Path) -> list[str]:
    result = check_file(str(path), CheckOptions())
    assert result.doc is not None, result.error
    return [c.key or "" for c in result.doc.citations]


def main_tex(body: str, bib: str = "refs") -> str:
    return f"\\documentclass{{article}}\n\\begin{{document}}\n{body}\n\\bibliography{{{bib}}}\n\\end{{document}}\n"


# --- what LaTeX does not typeset ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "\\iffalse \\cite{ghost} \\fi",
        "\\iffalse\n\\ifx\\a\\b \\fi \\cite{ghost}\n\\fi",
        "\\begin{comment}\n\\cite{ghost}\n\\end{comment}",
        "\\begin{verbatim}\n\\cite{ghost}\n\\end{verbatim}",
        "\\begin{lstlisting}[language=TeX]\n\\cite{ghost}\n\\end{lstlisting}",
        "\\verb|\\cite{ghost}|",
        "% \\cite{ghost}",
        "\\newcommand{\\mycite}[1]{\\citep{#1}}",
    ],
)
def test_text_latex_does_not_read_cites_nothing(tmp_path: Path, body: str) -> None:
    project(tmp_path, {"main.tex": main_tex(body + "\n\\cite{hardy1968,millan2001}"), "refs.bib": BIB})
    assert keys(tmp_path / "main.tex") == ["hardy1968", "millan2001"]
    assert run(tmp_path / "main.tex") == []


def test_iffalse_else_branch_is_read() -> None:
    text = "a \\iffalse \\cite{x} \\else \\cite{y} \\fi b"
    out = clean(text)
    assert "\\cite{y}" in out and "\\cite{x}" not in out and len(out) == len(text)


@pytest.mark.parametrize(
    ("command", "want"),
    [
        ("\\newcite{hardy1968}", ["hardy1968"]),
        ("\\citeA{hardy1968}", ["hardy1968"]),
        ("\\citeNP[p.~3]{hardy1968}", ["hardy1968"]),
        ("\\citealp*{hardy1968, millan2001}", ["hardy1968", "millan2001"]),
        ("\\Textcite{hardy1968}", ["hardy1968"]),
        ("\\cites{hardy1968}{millan2001}", ["hardy1968", "millan2001"]),
        ("\\parencites(see)()[3]{hardy1968}[][7]{millan2001}", ["hardy1968", "millan2001"]),
        ("\\autocites{hardy1968}[see][]{millan2001}", ["hardy1968", "millan2001"]),
        ("\\textcites{hardy1968}{millan2001}", ["hardy1968", "millan2001"]),
        ("\\footcite[chap.~\\ref{s}]{hardy1968}", ["hardy1968"]),
        ("\\citeauthor{hardy1968} \\citeyearpar{millan2001}", ["hardy1968", "millan2001"]),
    ],
)
def test_citation_commands(tmp_path: Path, command: str, want: list[str]) -> None:
    project(tmp_path, {"main.tex": main_tex(command + " \\nocite{hardy1968,millan2001}"), "refs.bib": BIB})
    assert keys(tmp_path / "main.tex")[: len(want)] == want


def test_newcommand_wrappers(tmp_path: Path) -> None:
    body = (
        "\\newcommand{\\seeref}[2][see]{#1 \\citet{#2}}\n\\def\\yr#1{\\citeyear{#1}}\n"
        "\\newcommand\\mycite[1]{\\citep{#1}}\n"
        "\\seeref{hardy1968} \\seeref[cf.]{millan2001} \\yr{hardy1968} \\mycite{millan2001}"
    )
    project(tmp_path, {"main.tex": main_tex(body), "refs.bib": BIB})
    assert keys(tmp_path / "main.tex") == ["hardy1968", "millan2001", "hardy1968", "millan2001"]
    assert run(tmp_path / "main.tex") == []


# --- the project's files ----------------------------------------------------------------------------


def test_inputs_resolve_from_the_main_file(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "main.tex": main_tex("\\include{chapters/one}"),
            "chapters/one.tex": "\\input{chapters/two}\n\\cite{hardy1968}\n",
            "chapters/two.tex": "\\cite{millan2001}\n\\input{chapters/three}\n",
            "refs.bib": BIB,
        },
    )
    assert keys(tmp_path / "main.tex") == ["millan2001", "hardy1968"]
    assert run(tmp_path / "main.tex") == [("missing-input", "two.tex", 2)]


def test_bibliography_declared_in_a_local_package(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "main.tex": "\\documentclass{article}\n\\usepackage{mystyle}\n\\begin{document}\n"
            "\\cite{hardy1968}\n\\printbibliography\n\\end{document}\n",
            "mystyle.sty": "\\RequirePackage{biblatex}\n\\addbibresource{refs.bib}\n",
            "refs.bib": BIB,
        },
    )
    assert run(tmp_path / "main.tex") == [("uncited-reference", "refs.bib", 2)]


def test_tex_shipped_bib_is_not_missing(tmp_path: Path) -> None:
    bib = BIB.replace("year = 1968", "journal = IEEE_J_AC, year = 1968")
    project(
        tmp_path, {"main.tex": main_tex("\\cite{hardy1968,millan2001}", "IEEEabrv,refs"), "refs.bib": bib}
    )
    assert run(tmp_path / "main.tex") == []


def test_undefined_month_keeps_the_entry(tmp_path: Path) -> None:
    bib = BIB.replace("year = 2001", "month = July, year = 2001")
    project(tmp_path, {"main.tex": main_tex("\\cite{hardy1968,millan2001}"), "refs.bib": bib})
    assert run(tmp_path / "main.tex") == [("input-bibliography", "refs.bib", 2)]


def test_duplicate_key_is_one_finding_and_counts_as_cited(tmp_path: Path) -> None:
    project(tmp_path, {"main.tex": main_tex("\\cite{hardy1968,millan2001}"), "refs.bib": BIB + BIB})
    assert sorted(run(tmp_path / "main.tex")) == [
        ("duplicate-reference", "refs.bib", 3),
        ("duplicate-reference", "refs.bib", 4),
    ]


def test_near_miss_key_is_one_finding(tmp_path: Path) -> None:
    project(tmp_path, {"main.tex": main_tex("\\cite{hardy1969,millan2001}"), "refs.bib": BIB})
    result = check_file(str(tmp_path / "main.tex"), CheckOptions())
    assert result.doc is not None
    assert [(f.rule, f.suggestion) for f in result.doc.findings] == [("missing-reference", "hardy1968")]


def test_input_bibliography_is_a_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bib = BIB.replace("year = 2001", "month = July, year = 2001")
    project(tmp_path, {"main.tex": main_tex("\\cite{hardy1968,millan2001}"), "refs.bib": bib})
    assert run(tmp_path / "main.tex", ignore=["input-bibliography"]) == []
    assert run(tmp_path / "main.tex", select=["missing-reference"]) == []
    assert run(tmp_path / "main.tex", severity={"input-bibliography": "info"})
    with pytest.raises(SystemExit) as exc:
        cli_main(["explain", "input-bibliography"])
    assert exc.value.code in (0, None)
    assert "undefined" in capsys.readouterr().out


# --- pre-commit: the files of a project one by one ------------------------------------------------


@pytest.mark.parametrize("force", [False, True])
def test_changed_chapter_checks_the_main_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    project(
        tmp_path,
        {
            "main.tex": main_tex("\\input{chapters/intro}\n\\cite{millan2001}"),
            "chapters/intro.tex": "\\cite{hardy1968}\n",
            "refs.bib": BIB,
            "other.tex": "\\documentclass{article}\\begin{document}x\\end{document}\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    files, errors = expand_paths(
        ["chapters/intro.tex", "refs.bib", "main.tex"], Discovery(force_exclude=force, base=tmp_path)
    )
    assert (files, errors) == (["main.tex"], [])
    files, _ = expand_paths(["chapters/intro.tex"], Discovery(force_exclude=force, base=tmp_path))
    assert files == ["main.tex"]


# --- never outside the project --------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        "\\input{/etc/passwd}",
        "\\input{../../outside}",
        "\\input{link}",
        "\\input{gitconfig}",
        "\\input{.git/config}",
    ],
)
def test_inputs_never_leave_the_project(tmp_path: Path, command: str) -> None:
    outside = tmp_path / "outside.tex"
    outside.write_text("SECRET \\cite{leaked}\n", encoding="utf-8")
    root = project(tmp_path / "a" / "b", {"main.tex": main_tex(command + "\n\\cite{hardy1968,millan2001}")})
    (root / "refs.bib").write_text(BIB, encoding="utf-8")
    (root / ".git" / "config").write_text("[core]\n\\cite{leaked}\n", encoding="utf-8")
    os.symlink(outside, root / "link.tex")
    os.symlink(root / ".git" / "config", root / "gitconfig.tex")
    result = check_file(str(root / "main.tex"), CheckOptions())
    assert result.doc is not None
    assert "SECRET" not in result.doc.text and "leaked" not in result.doc.text
    assert [f.rule for f in result.doc.findings] == ["missing-input"]
    assert "not read" in result.doc.findings[0].message or "does not exist" in result.doc.findings[0].message


@pytest.mark.parametrize("bib", ["/dev/zero", "../outside", "/etc/passwd", "zero.bib", "fifo.bib"])
def test_bibliographies_never_leave_the_project(tmp_path: Path, bib: str) -> None:
    (tmp_path / "outside.bib").write_text(BIB, encoding="utf-8")
    root = project(tmp_path / "p", {})
    os.symlink("/dev/zero", root / "zero.bib")
    os.mkfifo(root / "fifo.bib")
    (root / "main.tex").write_text(
        main_tex("\\cite{hardy1968}", bib).replace("\\bibliography", "\\addbibresource"), encoding="utf-8"
    )
    # one line saying why (at the \\addbibresource, or at the FIFO itself), never a hang or a read
    assert [f for f in run(root / "main.tex") if f[0] == "input-bibliography"]
    # the unread bibliography is the one defect: the key it may hold is said at info level only
    result = check_file(str(root / "main.tex"), CheckOptions())
    assert result.doc is not None
    assert [str(f.severity) for f in result.doc.findings if f.rule == "missing-reference"] == ["info"]


def test_max_file_size_applies_to_inputs_and_bibliographies(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "main.tex": main_tex("\\input{big}\n\\cite{hardy1968}"),
            "big.tex": "x" * 5000,
            "refs.bib": BIB + "%" * 5000,
        },
    )
    findings = run(tmp_path / "main.tex", max_file_size=4000)
    assert ("missing-input", "main.tex", 3) in findings
    assert ("input-bibliography", "refs.bib", 1) in findings


def test_a_cycle_stops(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "main.tex": main_tex("\\input{a}\n\\cite{hardy1968,millan2001}"),
            "a.tex": "\\input{a}\n",
            "refs.bib": BIB,
        },
    )
    assert run(tmp_path / "main.tex") == [("missing-input", "a.tex", 1)]


# --- hostile inputs: linear time ------------------------------------------------------------------


@pytest.mark.parametrize("name", list(INPUTS))
def test_hostile_input_is_fast(tmp_path: Path, name: str) -> None:
    filename, data, side = INPUTS[name]()
    (tmp_path / filename).write_bytes(data)
    for side_name, content in side.items():
        (tmp_path / side_name).write_bytes(content)
    start = time.process_time()
    result = check_file(str(tmp_path / filename), CheckOptions())
    spent = time.process_time() - start
    assert result.doc is not None, result.error
    assert spent < 30, f"{name}: {spent:.1f} s of CPU"  # generous: each takes 0.5-7 s; quadratic took hours


# --- a bibliography the document writes itself (filecontents) ------------------------------------

FILECONTENTS = (
    "\\documentclass{article}\n"
    "\\begin{filecontents}{\\jobname.bib}\n"
    "@book{hardy1968, author = {Hardy, Michael}, title = {Modern Diplomatic Law}, year = 1968}\n"
    "\\end{filecontents}\n"
    "\\begin{filecontents*}[overwrite]{extra.bib}\n"
    "@article{millan2001, author = {Mill{\\'a}n, Daniel}, title = {Critica}, year = 2001}\n"
    "@article{unused2005, author = {Roe, Ann}, title = {Unused}, year = 2005}\n"
    "\\end{filecontents*}\n"
    "\\begin{document}\n"
    "Diplomacy \\cite{hardy1968}, trade \\cite{millan2001} and \\cite{ghost2009}.\n"
    "\\bibliography{\\jobname,extra}\n"
    "\\end{document}\n"
)


def test_a_bibliography_in_a_filecontents_environment_is_read_where_it_stands(tmp_path: Path) -> None:
    """Single-file submissions (arXiv, Overleaf examples) carry their .bib in the .tex: 'extra.bib
    named here does not exist' was an error, '\\jobname' a name refcheck could not expand, and every
    key cited from them was unresolved. The environment's text is the .bib, its entries located on
    the main file's lines; a key in neither is still missing."""
    root = project(tmp_path, {"paper.tex": FILECONTENTS})
    assert run(root / "paper.tex") == [  # in line order: both stand in paper.tex
        ("uncited-reference", "paper.tex", 7),
        ("missing-reference", None, 10),
    ]


def test_a_file_already_there_wins_over_filecontents_unless_it_overwrites(tmp_path: Path) -> None:
    """As LaTeX: an existing file is not replaced by the environment, unless [overwrite] or [force]."""
    on_disk = "@book{hardy1968, author = {Hardy, Michael}, title = {Other}, year = 1970}\n"
    root = project(
        tmp_path,
        {"paper.tex": FILECONTENTS, "paper.bib": on_disk, "extra.bib": "@misc{nothing, title = {x}}\n"},
    )
    found = run(root / "paper.tex")
    # paper.bib (no overwrite) is read from disk: hardy1968 dated 1970 there; extra.bib is the environment's
    assert ("missing-reference", None, 10) in found
    assert ("uncited-reference", "paper.tex", 7) in found
    result = check_file(str(root / "paper.tex"), CheckOptions())
    assert result.doc is not None
    years = {r.key: r.year for r in result.doc.references or []}
    assert years == {"hardy1968": "1970", "millan2001": "2001", "unused2005": "2005"}


def test_jobname_names_the_main_files_own_bibliography(tmp_path: Path) -> None:
    """\\bibliography{\\jobname}: the .bib named as the main file is (was: a macro not expanded, info,
    and every key unresolved)."""
    root = project(
        tmp_path, {"paper.tex": main_tex("As shown \\cite{hardy1968}.", "\\jobname"), "paper.bib": BIB}
    )
    assert run(root / "paper.tex") == [("uncited-reference", "paper.bib", 2)]


# --- biber reads % comments inside entries (plk/biblatex doc/latex/biblatex/examples/96-dates.tex) --

COMMENTED_BIB = (
    "@misc{date1,\n"
    "  author    = {Author1},\n"
    "  title     = {Dates},\n"
    "  date      = {-0099-07-11/-0043-03-13}, % Negative date range\n"
    "  % doi     = {10.1000/x},\n"
    "  eventdate = {1723%},                  % year with ISO8601-2 markers (21=spring)\n"
    "}\n"
    '@book{hardy1968, author = "Hardy, Michael", % a quoted value before a comment\n'
    "  title = {Modern Diplomatic Law}, year = 1968}\n"
)


def biblatex_tex(options: str) -> str:
    return (
        f"\\documentclass{{article}}\n\\usepackage[{options}]{{biblatex}}\n\\addbibresource{{refs.bib}}\n"
        "\\begin{document}\n\\autocite{date1,hardy1968}\n\\printbibliography\n\\end{document}\n"
    )


@pytest.mark.parametrize("options", ["style=authoryear", "backend=biber,style=numeric"])
def test_biber_reads_percent_comments_inside_entries(tmp_path: Path, options: str) -> None:
    project(tmp_path, {"main.tex": biblatex_tex(options), "refs.bib": COMMENTED_BIB})
    assert run(tmp_path / "main.tex") == []
    result = check_file(str(tmp_path / "main.tex"), CheckOptions())
    assert result.doc is not None
    by_key = {r.key: r for r in result.doc.references}
    assert by_key["hardy1968"].title == "Modern Diplomatic Law"


@pytest.mark.parametrize(
    "tex",
    [biblatex_tex("backend=bibtex"), main_tex("\\cite{date1,hardy1968}")],
    ids=["biblatex-backend-bibtex", "bibtex"],
)
def test_bibtex_reads_a_percent_inside_an_entry_as_text(tmp_path: Path, tex: str) -> None:
    project(tmp_path, {"main.tex": tex, "refs.bib": COMMENTED_BIB})
    assert ("input-bibliography", "refs.bib", 1) in run(tmp_path / "main.tex")


@pytest.mark.parametrize("name", ["glyphtounicode", "ushyphex"])
def test_an_input_file_tex_ships_is_not_missing(tmp_path: Path, name: str) -> None:
    # latextemplates/LNCS's paper.tex: "\input{ushyphex}" (hyphenex's hyphenation exceptions)
    project(
        tmp_path,
        {"main.tex": f"\\input{{{name}}}\n" + main_tex("\\cite{hardy1968,millan2001}"), "refs.bib": BIB},
    )
    assert run(tmp_path / "main.tex") == []
