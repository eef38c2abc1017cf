"""``refcheck check -``: a document read from standard input, as editors' integrations and pipes send
it (``pandoc paper.md -t plain | refcheck check -``), checked as the same document read from a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from refcheck.cli import main
from refcheck.loaders import format_for, sniff

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "000_bc11b8a9853f7d3f.txt"
FIXTURES = ROOT / "fixtures"


def _check(args: list[str], data: bytes) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["check", "--no-links", "--no-verify", *args], input=data)
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return res.exit_code, res.stdout, res.stderr


def test_seed_from_stdin_gives_its_two_findings() -> None:
    code, out, err = _check(["-"], SEED.read_bytes())
    assert code == 1, err
    lines = out.splitlines()
    assert lines[0].startswith("-:16:297: error year-mismatch"), out
    assert lines[1].startswith("-:47:1: warning uncited-reference Hyde 2002"), out


def test_real_process_reads_stdin() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", "--no-links", "--no-verify", "--format", "json", "-"],
        input=SEED.read_bytes(),
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    record = json.loads(proc.stdout)["files"][0]
    assert record["path"] == "-"
    assert [f["rule"] for f in record["findings"]] == ["year-mismatch", "uncited-reference"]


def _fixture_files() -> list[Path]:
    """Documents of every format that are checked on their own (not a chapter, not a .bib)."""
    picked: dict[str, Path] = {}
    for p in sorted(FIXTURES.rglob("*")):
        fmt = format_for(p)
        if (
            p.is_file()
            and fmt not in (None, "bibtex")
            and "sections" not in p.parts
            and "chapters" not in p.parts
        ):
            picked.setdefault(fmt, p)  # type: ignore[arg-type]
    return list(picked.values())


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_stdin_named_as_the_file_reports_what_the_file_does(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --stdin-filename, the format, the configuration and the side files (a .bib) are the named
    file's: the JSON is the file's own."""
    monkeypatch.chdir(ROOT)
    name = str(path.relative_to(ROOT))
    _, from_file, _ = _check(["--format", "json", name], b"")
    _, from_stdin, _ = _check(["--format", "json", "--stdin-filename", name, "-"], path.read_bytes())
    assert json.loads(from_stdin)["files"] == json.loads(from_file)["files"]


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_the_format_is_found_from_the_bytes(path: Path) -> None:
    assert sniff(path.read_bytes()) == format_for(path)


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS">\n<article><body/></article>',
            "jats",
        ),
        (b"<!DOCTYPE html>\n<html><body><p>Text (Hardy 1968).</p></body></html>", "html"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "html"),
        (b"\xef\xbb\xbf<p>A fragment</p>", "html"),
        (b"\\documentclass{article}\n\\begin{document}\\cite{a}\\end{document}", "latex"),
        (b"% refs\n@article{key,\n  title={T}\n}\n", "bibtex"),
        (b"---\ntitle: A\nbibliography: refs.bib\n---\n\nText [@key].\n", "markdown"),
        (b"# Heading\n\nText (Hardy 1968).\n", "markdown"),
        (b"Plain text (Hardy 1968).\n\nReferences\n\nHardy, G. 1968. Title.\n", "text"),
        (b"PK\x03\x04rest of a zip", "docx"),
    ],
)
def test_sniff(data: bytes, fmt: str) -> None:
    assert sniff(data) == fmt


def test_markdown_from_stdin_finds_its_bibliography_beside_the_named_path(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(
        "@book{hardy,\n  author={Hardy, G.},\n  year={1968},\n  title={A Title}\n}\n"
    )
    doc = b"---\nbibliography: refs.bib\n---\n\nAs shown [@hardy; @nobody].\n"
    code, out, _ = _check(["--format", "json", "--stdin-filename", str(tmp_path / "paper.md"), "-"], doc)
    findings = json.loads(out)["files"][0]["findings"]
    assert [f["rule"] for f in findings] == ["missing-reference"]  # @hardy found in refs.bib
    assert "nobody" in findings[0]["message"]
    assert code == 1


def test_stdin_wins_over_the_file_of_the_same_name(tmp_path: Path) -> None:
    """An editor sends the unsaved buffer under the file's name: the buffer is checked, once."""
    on_disk = tmp_path / "brief.txt"
    on_disk.write_text("Nothing cited here, and no references.\n")
    code, out, _ = _check(
        ["--format", "json", str(tmp_path), "--stdin-filename", str(on_disk), "-"], SEED.read_bytes()
    )
    files = json.loads(out)["files"]
    assert [f["path"] for f in files] == [str(on_disk)]
    assert len(files[0]["findings"]) == 2
    assert code == 1


def test_stdin_with_other_files_keeps_the_order_given(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_bytes(SEED.read_bytes())
    for args, order in ((["-", str(other)], ["-", str(other)]), ([str(other), "-"], [str(other), "-"])):
        _, out, _ = _check(["--format", "json", *args], SEED.read_bytes())
        assert [f["path"] for f in json.loads(out)["files"]] == order


def test_stdin_streams_as_jsonl() -> None:
    code, out, _ = _check(["--format", "jsonl", "-"], SEED.read_bytes())
    first, summary = (json.loads(line) for line in out.splitlines())
    assert first["path"] == "-" and len(first["findings"]) == 2
    assert summary["summary"]["errors"] == 1
    assert code == 1


@pytest.mark.parametrize(
    ("args", "data", "reason"),
    [
        ([], b"", "standard input is empty"),
        ([], b"  \n\t\n", "standard input holds only white space"),
        (["--max-file-size", "100"], SEED.read_bytes(), "standard input holds more than"),
    ],
)
def test_bad_stdin_is_one_line_and_exit_2(args: list[str], data: bytes, reason: str) -> None:
    code, out, err = _check([*args, "-"], data)
    assert code == 2
    assert f"-: error: {reason}" in out + err
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    "args",
    [
        ["check", "-", "-"],
        ["check", "--stdin-filename", "a.md", "doc.txt"],
        ["fix", "-", "doc.txt"],  # (left15: "fix -" alone is a filter, tests/test_qa_left15.py)
        ["fix", "--stdin-filename", "a.md", "doc.txt"],
    ],
    ids=" ".join,
)
def test_usage_errors(args: list[str]) -> None:
    res = CliRunner().invoke(main, args, input=b"text")
    assert res.exit_code == 2
    assert res.stderr.startswith("refcheck: error: ") and len(res.stderr.splitlines()) == 1, res.stderr


def test_without_the_cli_dash_is_a_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The library reads no standard input: "-" is a path like any other."""
    from refcheck import check_paths

    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_bytes(SEED.read_bytes())
    report = check_paths(["-"], {"links": False, "verify": False, "input-format": "text"})
    assert [(f["path"], len(f["findings"])) for f in report.files] == [("-", 2)]
