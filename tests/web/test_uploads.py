"""Upload names and LaTeX project archives: what is accepted, and every way out of the directory refused."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest

from refcheck.web.uploads import UploadError, extract_zip, safe_name, to_check

MiB = 1024 * 1024


@pytest.mark.parametrize("name", ["brief.docx", "Brief (final) v2.tex", "refs.bib", "paper.zip", "notes.MD"])
def test_plain_names_are_accepted(name: str) -> None:
    assert safe_name(name) == name


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "needs a name"),
        ("x" * 300 + ".txt", "needs a name"),
        ("a/b.txt", "not a plain file name"),
        ("a\\b.txt", "not a plain file name"),
        ("..", "not a plain file name"),
        (".bashrc.txt", "not a plain file name"),
        ("run.exe", "does not read .exe"),
        ("README", "without an extension"),
    ],
)
def test_other_names_are_refused(name: str, why: str) -> None:
    with pytest.raises(UploadError, match=why):
        safe_name(name)


def test_what_is_checked_of_an_upload() -> None:
    assert to_check(["main.tex", "refs.bib", "style.sty"]) == ["main.tex"]
    assert to_check(["refs.bib"]) == ["refs.bib"]
    assert to_check(["paper.md", "refs.json"]) == ["paper.md"]


def _zip(tmp_path: Path, members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    path = tmp_path / "upload.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            z.writestr(info, data)
    return path


def test_a_project_is_unpacked_under_the_target(tmp_path: Path) -> None:
    archive = _zip(
        tmp_path,
        [
            ("paper/main.tex", b"\\documentclass{article}"),
            ("paper/refs.bib", b"@book{a, title={A}}"),
            ("paper/.git/config", b"[core]"),
            ("__MACOSX/paper/._main.tex", b"junk"),
        ],
    )
    target = tmp_path / "out"
    target.mkdir()
    written = extract_zip(archive, target, MiB, 4 * MiB)
    assert sorted(p.relative_to(target).as_posix() for p in written) == ["main.tex", "refs.bib"]
    assert (target / "main.tex").read_bytes() == b"\\documentclass{article}"


def _symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _fifo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFIFO | 0o644) << 16
    return info


@pytest.mark.parametrize(
    ("members", "why"),
    [
        ([("../../escape.txt", b"x")], "points outside the project"),
        ([("/etc/escape.txt", b"x")], "points outside the project"),
        ([("a\\..\\..\\escape.txt", b"x")], "points outside the project"),
        ([("C:/escape.txt", b"x")], "points outside the project"),
        ([(_symlink("link.tex"), b"/etc/passwd")], "symbolic link"),
        ([(_fifo("pipe.tex"), b"")], "not a regular file"),
        ([("a.tex", b"x"), ("a.tex", b"y")], "twice"),
        ([("big.tex", b"x" * (2 * MiB + 1))], "over the 2 MiB limit"),
        ([(f"f{i}.tex", b"x" * MiB) for i in range(9)], "unpacks to more than 8 MiB"),
        ([("bomb.tex", b"\0" * (3 * MiB // 2))], "compressed beyond"),
        ([(f"f{i}.txt", b"") for i in range(2001)], "members"),
    ],
    ids=["dotdot", "absolute", "backslash", "drive", "symlink", "fifo", "duplicate", "big", "total",
         "bomb", "count"],
)  # fmt: skip
@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_hostile_archives_are_refused(tmp_path: Path, members: list[tuple[object, bytes]], why: str) -> None:
    archive = _zip(tmp_path, members)  # type: ignore[arg-type]
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(UploadError, match=why):
        extract_zip(archive, target, 2 * MiB, 8 * MiB)
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and p != archive and target not in p.parents]
    assert outside == []


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"not a zip")
    with pytest.raises(UploadError, match="not a zip archive"):
        extract_zip(path, tmp_path, MiB, MiB)


def test_an_archive_in_memory_is_never_written_elsewhere(tmp_path: Path) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("doc.md", b"# Title\n")
    path = tmp_path / "p.zip"
    path.write_bytes(data.getvalue())
    target = tmp_path / "t"
    target.mkdir()
    extract_zip(path, target, MiB, MiB)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["doc.md", "p.zip", "t"]
