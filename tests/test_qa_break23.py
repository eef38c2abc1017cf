"""QA round break23: a new user's attempts to break refcheck's command line. Each test failed before
its fix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import cli

CITING = "Smith (2010) said so.\n\nReferences\n\nSmith, J. (2010). A title. Journal, 1, 1-2.\n"
MISCITING = "Smith (2011) said so.\n\nReferences\n\nSmith, J. (2010). A title. Journal, 1, 1-2.\n"
OFF = ("--no-links", "--no-verify")


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda d: os.symlink("loop.txt", d / "loop.txt"), "loop.txt: error: a loop of symbolic links"),
        (
            lambda d: os.symlink("gone.txt", d / "dangling.txt"),
            "dangling.txt: error: a symbolic link to gone.txt, which does not exist",
        ),
        (lambda d: None, f"{'a' * 300}.txt: error: the file name is too long for this system"),
        (lambda d: None, ": error: an empty path names no file"),
    ],
    ids=["loop", "dangling", "too-long", "empty"],
)
def test_a_path_that_leads_nowhere_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: object, said: str
) -> None:
    """A symbolic link loop was "no such file or directory", a file name over the system's limit an
    internal error (OSError from Path.is_dir), and an empty path ("$FILES" left empty) checked the
    whole current directory. Each is one line naming the path, status 2, the other file checked."""
    make(tmp_path)  # type: ignore[operator]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.txt").write_text(MISCITING, encoding="utf-8")
    (tmp_path / "a.txt").write_text(CITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    named = said.split(": error:")[0]
    res = cli("check", *OFF, named, "a.txt")
    assert res.exit_code == 2
    shown = res.stdout + res.stderr
    assert said in shown
    assert "Traceback" not in shown and "internal error" not in shown
    assert "1 file checked" in shown  # a.txt, and not sub/other.txt


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", '\ufeff[tool.refcheck]\nfail-on = "never"\n'),
        ("refcheck.toml", '\ufefffail-on = "never"\n'),
    ],
)
def test_a_configuration_file_saved_with_a_byte_order_mark_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str
) -> None:
    """Windows Notepad's UTF-8 begins with a byte order mark, which tomllib refuses: a pyproject.toml
    so saved was passed over in silence (its fail-on lost: status 1), a refcheck.toml was "not valid
    TOML (Invalid statement (at line 1, column 1))"."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text(MISCITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = cli("check", *OFF, "a.txt")
    assert res.exit_code == 0, res.stderr
    assert "year-mismatch" in res.stdout


def test_a_pyproject_whose_refcheck_table_is_not_toml_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pyproject.toml with a [tool.refcheck] table and a TOML error (an unclosed string) was passed
    over in silence: the check ran with the defaults, a CI gate's fail-on or ignore list lost. It is
    now the configuration error a refcheck.toml gives; a broken pyproject that names no refcheck
    table is still none of refcheck's business."""
    (tmp_path / "a.txt").write_text(MISCITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.refcheck]\nfail-on = "never\n', encoding="utf-8")
    res = cli("check", *OFF, "a.txt")
    assert res.exit_code == 2
    assert "pyproject.toml: not valid TOML (" in res.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.ruff\nline-length = "x\n', encoding="utf-8")
    assert cli("check", *OFF, "a.txt").exit_code == 1


def test_a_file_in_a_directory_that_cannot_be_entered_is_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`refcheck check closed/brief.txt`, closed a directory the user may not enter (mode 000 and not
    root), was an internal error: Path.is_dir raises PermissionError. (The tests run as root, so
    stat is refused as the system refuses it.)"""
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "brief.txt").write_text(CITING, encoding="utf-8")
    (tmp_path / "a.txt").write_text(CITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    real_stat = os.stat

    def refusing_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith("closed" + os.sep):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", refusing_stat)
    res = cli("check", *OFF, "closed/brief.txt", "a.txt")
    assert res.exit_code == 2
    assert "closed/brief.txt: error: permission denied" in res.stdout + res.stderr
    assert "1 file checked" in res.stdout + res.stderr


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_a_report_is_never_written_over_a_document_of_a_searched_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    """`refcheck check --output docs/brief.txt docs` (a slip for docs/report.txt) left brief.txt out of
    the walk as the report being written, then wrote the report over it: the manuscript was lost
    unread. A file named on the command line was already refused; one found in a searched
    directory is refused too, before anything is checked."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brief.txt").write_text(MISCITING, encoding="utf-8")
    (docs / "other.md").write_text(CITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = cli("check", *OFF, option, "docs/brief.txt", "docs")
    assert res.exit_code == 2
    assert "docs/brief.txt: is a document in docs, which is being checked" in res.stderr
    assert (docs / "brief.txt").read_text(encoding="utf-8") == MISCITING


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("text", "report.txt"), ("html", "report.html"), ("markdown", "summary.md"), ("junit", "r.xml")],
)
def test_an_earlier_report_in_a_searched_directory_is_still_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, name: str
) -> None:
    """The same command run twice: the report the first run left in the directory is refcheck's own
    (known by how it begins, or for text by its summary line) and is replaced, not refused."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brief.txt").write_text(MISCITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        res = cli("check", *OFF, "--format", fmt, "--output", f"docs/{name}", "docs")
        assert res.exit_code == 1, res.stderr
    assert "1 file checked" in res.stdout


def test_a_baseline_saved_with_a_byte_order_mark_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A baseline opened and saved in Windows Notepad begins with a byte order mark: it was "not a
    refcheck baseline (not JSON: Unexpected UTF-8 BOM ...)"."""
    (tmp_path / "a.txt").write_text(MISCITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("check", *OFF, "a.txt").exit_code == 1
    assert cli("check", *OFF, "--write-baseline", "base.json", "a.txt").exit_code == 0
    text = (tmp_path / "base.json").read_text(encoding="utf-8")
    (tmp_path / "base.json").write_text("\ufeff" + text, encoding="utf-8")
    res = cli("check", *OFF, "--baseline", "base.json", "a.txt")
    assert res.exit_code == 0, res.stderr


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"\xef\xbb\xbf", "the file is empty"),
        (b"\xef\xbb\xbf \r\n\r\n", "the file holds only white space"),
        (b"\xff\xfe", "the file is empty"),
    ],
)
def test_a_file_holding_only_a_byte_order_mark_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, said: str
) -> None:
    """Notepad saves an empty file as "UTF-8 with BOM": three bytes. It was checked, and said to be a
    document that "holds no text, only markup" (info, status 0), where a blank file is bad input
    (status 2) named on the command line and left out of a directory walk."""
    (tmp_path / "blank.md").write_bytes(data)
    (tmp_path / "a.txt").write_text(CITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = cli("check", *OFF, "blank.md", "a.txt")
    assert res.exit_code == 2
    assert f"blank.md: error: {said}" in res.stdout + res.stderr
    walked = cli("check", *OFF, ".")
    assert walked.exit_code == 0 and "1 file checked" in walked.stdout + walked.stderr


BINARY = b"\x00\x01\x02binary\x00" * 40 + b"\\bibitem{y}"  # (a .bbl is read when it holds one)
TEX_MAIN = (
    "\\documentclass{article}\n\\begin{document}\n%s\nSee \\cite{x}.\n\\bibliography{refs}\n\\end{document}\n"
)
BIB = "@article{x, author={Smith, John}, title={T}, journal={J}, year={2010}}\n"


@pytest.mark.parametrize(
    ("main", "text", "binary", "said"),
    [
        (
            "main.tex",
            TEX_MAIN % "\\include{chap}",
            "chap.tex",
            "the input file 'chap.tex' is not read: binary",
        ),
        (
            "main.tex",
            TEX_MAIN % "\\input{notes.md}",
            "notes.md",
            "the input file 'notes.md' is not read: binary",
        ),
        ("main.tex", TEX_MAIN % "\\cite{y}", "main.bbl", None),
        ("doc.typ", '#include "chap.typ"\nText @x.\n#bibliography("refs.bib")\n', "chap.typ", "binary"),
        ("doc.typ", '#import "tpl.typ": *\nText @x.\n#bibliography("refs.bib")\n', "tpl.typ", None),
    ],
    ids=["latex-include", "latex-markdown-input", "latex-bbl", "typst-include", "typst-import"],
)
def test_a_binary_file_a_document_reads_leaves_the_document_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, main: str, text: str, binary: str, said: str | None
) -> None:
    """A binary file in a chapter's place (`\\include{chap}`, `#include "chap.typ"`, a corrupted .bbl
    or imported template) made the whole document unreadable, "main.tex: error: binary file (it
    contains NUL bytes)", naming the file that is fine. The document is checked without it, as
    without a chapter that cannot be read: a missing-input warning naming it."""
    (tmp_path / main).write_text(text, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / binary).write_bytes(BINARY)
    monkeypatch.chdir(tmp_path)
    res = cli("check", *OFF, "--format", "json", main)
    assert res.exit_code in (0, 1), res.stdout
    import json

    (record,) = json.loads(res.stdout)["files"]
    assert record.get("error") is None, record.get("error")
    if said is not None:
        (finding,) = [f for f in record["findings"] if f["rule"] == "missing-input"]
        assert said in finding["message"] and binary in finding["message"]


def test_the_pre_commit_hook_leaves_a_blank_file_out_as_a_walk_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pre-commit names every changed file, and the hook runs with --force-exclude so that named
    files are left out as a directory walk leaves them out. A placeholder committed empty (or a BOM
    and a newline, as Notepad saves one) failed the hook with status 2, "the file is empty"; a walk
    leaves it out. Without --force-exclude, naming it is still an error."""
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf\r\n")
    (tmp_path / "a.txt").write_text(MISCITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = cli("check", "--offline", "--force-exclude", "empty.md", "bom.md", "a.txt")
    assert res.exit_code == 1, res.stdout
    assert "1 file checked: 1 error" in res.stdout
    assert cli("check", "--offline", "empty.md", "a.txt").exit_code == 2


@pytest.mark.parametrize("command", ["check", "fix"])
def test_a_stdin_filename_too_long_for_the_system_is_a_usage_error(command: str) -> None:
    """An editor's buffer name over the file system's limit was an internal error (OSError from the
    search for its configuration)."""
    from click.testing import CliRunner

    from refcheck.cli import main

    args = [command, *OFF, "--stdin-filename", "z" * 300 + ".md", "-"]
    res = CliRunner().invoke(main, args, input=CITING.encode())
    assert res.exit_code == 2
    assert "--stdin-filename': the file name is too long for this system" in res.stderr


@pytest.mark.parametrize("where", [".gitignore", "--exclude-path", "refcheck.toml"])
def test_a_pattern_no_regular_expression_can_say_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A .gitignore line such as "[z-a]" (a bad range; Git matches nothing with it) made every
    directory check an internal error (re.error from pathspec), as it did in --exclude-path or
    extend-exclude. It is left out; the patterns beside it still apply."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text(MISCITING, encoding="utf-8")
    (tmp_path / "drop.md").write_text(MISCITING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = []
    if where == ".gitignore":
        (tmp_path / ".gitignore").write_text("[z-a]\ndrop.md\n", encoding="utf-8")
    elif where == "refcheck.toml":
        (tmp_path / "refcheck.toml").write_text('extend-exclude = ["[z-a]", "drop.md"]\n', encoding="utf-8")
    else:
        args = ["--exclude-path", "[z-a]", "--exclude-path", "drop.md"]
    res = cli("check", *OFF, *args, ".")
    assert res.exit_code == 1, res.stderr
    assert "1 file checked: 1 error" in res.stdout
