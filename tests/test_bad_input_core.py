"""Bad input: one clear line naming the file and the reason, the right exit status, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from refcheck.cli import main

from .conftest import SEED


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--no-links", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    out = result.output
    assert "Traceback" not in out
    return result.exit_code, out


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary file"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    code, out = run(str(p))
    assert code == 2
    assert f"{p}: error: {reason}" in out


def test_huge_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse
    code, out = run(str(p))
    assert code == 2
    assert "50.0 MiB, over the 32 MiB limit" in out


def test_invalid_utf8_falls_back_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes(
        "Growth (Mill\xe1n 2001).\n\nReferences\n\nMill\xe1n, Daniel (2001) Title.\n".encode("cp1252")
    )
    code, out = run(str(p))
    assert code == 0
    assert "warning input-encoding not valid UTF-8" in out


def test_no_reference_list(tmp_path: Path) -> None:
    p = tmp_path / "noref.txt"
    p.write_text("Plain prose with no citations and no list.\n", encoding="utf-8")
    code, out = run(str(p))
    assert code == 0
    assert "1 file checked: 0 errors" in out


def test_citations_without_a_reference_list_are_missing(tmp_path: Path) -> None:
    p = tmp_path / "noref.txt"
    p.write_text("A claim (Hardy 1968).\n", encoding="utf-8")
    code, out = run(str(p))
    assert code == 1
    assert "missing-reference" in out


def test_reference_list_with_no_body(tmp_path: Path) -> None:
    p = tmp_path / "onlyrefs.txt"
    p.write_text("References\n\nHardy, Michael (1968) Modern Diplomatic Law.\n", encoding="utf-8")
    code, out = run(str(p), "--fail-on", "warning")
    assert code == 1
    assert "uncited-reference" in out


def test_directory_without_supported_files(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    code, out = run(str(tmp_path))
    assert code == 2
    assert "no supported files in this directory" in out


def test_missing_path() -> None:
    code, out = run("does/not/exist.txt")
    assert code == 2
    assert "does/not/exist.txt: error: no such file or directory" in out


def test_other_files_are_still_checked(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out = run(str(bad), str(SEED))
    assert code == 2
    assert "year-mismatch" in out
    assert "1 file could not be read" in out
