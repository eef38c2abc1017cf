"""QA round ux21: small leftovers of the last QA rounds. Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.loaders.bibtex import read_bibliography

from .conftest import cli
from .projects import findings, write

CITING = "Smith (2010) said so.\n\nReferences\n\nSmith, J. (2010). A title. Journal, 1, 1-2.\n"

NOTE_DATES = r"""@misc{a, author={Doe, Jane}, title={A page}, year={2004}, url={http://example.org/a},
  note={Accessed 16~September 2009}}
@misc{b, author={Doe, Jane}, title={B page}, year={2004}, url={http://example.org/b},
  note={Accessed: {September} 16, 2009}}
@misc{c, author={Doe, Jane}, title={C page}, year={2004}, url={http://example.org/c},
  note={\emph{Last accessed} 2009-09-16}}
@article{d, author={Doe, Jane}, title={D page}, journal={J}, year={2004}, url={http://example.org/d},
  note={Retrieved\ 16 September 2009}}
@misc{e, author={Doe, Jane}, title={E page}, year={2004}, url={http://example.org/e},
  note={Accessed 16 September 2009}}
"""


def test_bib_note_access_dates_written_in_latex(tmp_path: Path) -> None:
    """A .bib entry's note dating the visit in LaTeX ("Accessed 16~September 2009", a braced month,
    "\\emph{Last accessed} ...") was read raw, so its date was not found and an archived copy of the
    dead link was looked for near the publication year or today."""
    (tmp_path / "refs.bib").write_text(NOTE_DATES, encoding="utf-8")
    refs, _ = read_bibliography(str(tmp_path / "refs.bib"))
    assert {r.key: r.accessed for r in refs} == dict.fromkeys("abcde", "2009-09-16")


def test_a_latex_access_date_is_no_year_of_an_undated_page(tmp_path: Path) -> None:
    """An undated @misc whose note dates the visit in LaTeX ("Accessed 16~September 2009") took the
    visit's year for its own: "(Doe, n.d.)" would then be a year-mismatch."""
    (tmp_path / "refs.bib").write_text(
        "@misc{a, author={Doe, Jane}, title={A page}, note={Accessed 16~September 2009}}\n"
        "@misc{b, author={Doe, Jane}, title={B page}, note={Accessed: {September} 16, 2009}}\n",
        encoding="utf-8",
    )
    refs, _ = read_bibliography(str(tmp_path / "refs.bib"))
    assert [(r.key, r.year, r.accessed) for r in refs] == [
        ("a", None, "2009-09-16"),
        ("b", None, "2009-09-16"),
    ]


def test_fix_says_why_a_suggested_key_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`refcheck fix --unsafe-fixes` on a LaTeX file citing `martinezdiaz2008` beside the entry
    `martinezdiaz2007` (suggested) said only that a finding "remains that no safe fix removes", as if
    --unsafe-fixes had not been given and as if nothing were suggested: the key is a guess by its
    spelling (li2018 for li2019), which may be another work the bibliography lacks, and is not
    written even with --unsafe-fixes."""
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nDiplomacy \\cite{martinezdiaz2008}.\n"
        "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n",
        encoding="utf-8",
    )
    (tmp_path / "refs.bib").write_text(
        "@article{martinezdiaz2007, author={Mart{\\'\\i}nez-D{\\'\\i}az, Leonardo}, title={Diplomacy},"
        " journal={J}, year={2007}}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    for extra in ((), ("--unsafe-fixes",)):
        res = cli("fix", "--no-links", "--no-verify", *extra, "main.tex")
        assert res.exit_code == 1
        assert "1 of them names the citation likely meant" in res.stderr
        assert "not made even with --unsafe-fixes" in res.stderr
    assert "no safe fix removes" not in res.stderr
    assert "that no fix refcheck makes removes" in res.stderr


def test_another_commands_option_is_said_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`refcheck fix --format jsonl` answered with click's closest names, "Did you mean one of:
    '--input-format', '--mailto'?": fix has no --format; it prints a diff. Likewise `refcheck check
    --write`. A misspelt option keeps click's suggestion."""
    (tmp_path / "a.md").write_text(CITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = cli("fix", "--format", "jsonl", "a.md")
    assert res.exit_code == 2
    assert "'refcheck fix' has no option '--format' (an option of 'refcheck check'" in res.stderr
    assert "unified diff" in res.stderr and "--mailto" not in res.stderr
    res = cli("check", "--write", "a.md")
    assert res.exit_code == 2
    assert "'refcheck check' has no option '--write' (an option of 'refcheck fix')" in res.stderr
    res = cli("check", "--formt", "json", "a.md")
    assert res.exit_code == 2 and "Did you mean" in res.stderr


def test_settings_take_the_command_lines_comma_separated_strings(tmp_path: Path) -> None:
    """`refcheck.check_paths(paths, {"select": "year-mismatch"})` raised "settings: select: expected a
    list of rule names", while the command line takes `--select a,b`; a configuration file likewise
    (the same reader). `accept` takes "200..299" as --accept does."""
    import refcheck

    (tmp_path / "a.md").write_text(CITING.replace("(2010) said", "(2011) said"), encoding="utf-8")
    report = refcheck.check_paths(
        [tmp_path / "a.md"], {"links": False, "verify": False, "select": "year-mismatch, missing-reference"}
    )
    assert [f["rule"] for f in report.files[0]["findings"]] == ["year-mismatch"]
    report = refcheck.check_paths(
        [tmp_path / "a.md"],
        {"links": False, "verify": False, "ignore": "year-mismatch", "accept": "200..299"},
    )
    assert report.files[0]["findings"] == []
    (tmp_path / "refcheck.toml").write_text('select = "uncited-reference"\nlinks = false\n', encoding="utf-8")
    report = refcheck.check_paths([tmp_path / "a.md"], {"verify": False})
    assert report.files[0]["findings"] == []
    with pytest.raises(refcheck.errors.UsageError, match="year-mismach"):
        refcheck.check_paths([tmp_path / "a.md"], {"select": "year-mismach"})


# econ-ark/method-of-moderation: content/paper/moderation.md, an older version of the paper that
# myst.yml's toc does not list (mystmd builds no page of it), cites with {cite:p}`...` roles: 0
# citations read and no finding at all, as if it cited nothing.
MYST = {
    "myst.yml": "version: 1\nproject:\n  bibliography:\n    - content/references.bib\n"
    "  toc:\n    - file: content/paper/main.md\n",
    "content/references.bib": "@article{Leland1968, author={Leland, Hayne}, title={Saving}, journal={QJE},"
    " year={1968}}\n",
    "content/paper/main.md": "# Paper\n\nPrecautionary saving {cite:p}`Leland1968`.\n",
    "content/paper/old.md": "# Old\n\nPrecautionary saving {cite:p}`Leland1968,Sandmo1970`, see"
    " <https://example.org>.\n",
}


def test_myst_roles_of_a_file_outside_the_table_of_contents_are_said(tmp_path: Path) -> None:
    write(tmp_path, MYST, git=True)
    assert findings(tmp_path / "content" / "paper" / "main.md") == []
    found = findings(tmp_path / "content" / "paper" / "old.md")
    assert [(f[0], f[1]) for f in found] == [("empty-document", "info")]
    assert "2 key(s) with MyST's citation roles such as 'Leland1968'" in found[0][2]
    assert "myst.yml" in found[0][2] and "table of contents" in found[0][2]
