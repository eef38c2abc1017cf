"""Bad input through the CLI: one clear line naming the file and the reason, the right exit status,
and never a traceback."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import SEED, cli, run_module

BODY_ONLY = "Azerbaijan and Mexico would seem to have little reason to become partners (Hardy 1968).\n"
REFS_ONLY = (
    "References\n\n"
    "Hardy, Michael (1968) Modern Diplomatic Law. Manchester University Press.\n"
    "Millán, Daniel (2001) Critica SRE cierre de embajadas. Reforma.\n"
)


def errors_in(output: str, path: Path | str) -> list[str]:
    return [ln for ln in output.splitlines() if ln.startswith(f"{path}: error:")]


def assert_one_clear_error(out: str, path: Path | str, reason: str) -> None:
    assert "Traceback" not in out
    lines = errors_in(out, path)
    assert len(lines) == 1, out
    assert reason in lines[0].lower(), lines[0]


@pytest.mark.parametrize(
    "name", ["empty.txt", "empty.md", "empty.html", "empty.tex", "empty.docx", "empty.xml"]
)
@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_empty_file_is_bad_input(tmp_path: Path, name: str, content: bytes) -> None:
    """An empty or blank file, of any format, is one clear line and exit status 2 (the brief's bad
    input), and the other files are still checked."""
    p = tmp_path / name
    p.write_bytes(content)
    other = tmp_path / "brief.txt"
    other.write_text("Ties grew (Hardy 1968).\n\nReferences\n\nHardy, M. (1968) Modern Diplomatic Law.\n")
    res = cli("check", "--no-links", str(p), str(other))
    assert res.exit_code == 2, res.output
    assert_one_clear_error(res.output, p, "empty" if not content else "white space")
    assert "empty-document" not in res.output
    assert "1 file checked" in res.output or "2 files checked" in res.output


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(bytes(range(256)) * 64)
    res = cli("check", "--no-links", str(p))
    assert res.exit_code == 2
    assert_one_clear_error(res.output, p, "binary")


def test_fifty_megabyte_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:  # sparse: no 50 MB written
        fh.truncate(50 * 1024 * 1024)
    res = cli("check", "--no-links", str(p))
    assert res.exit_code == 2
    assert_one_clear_error(res.output, p, "--max-file-size")
    assert "the file is 50 MiB, over the 32 MiB limit" in res.output  # (files.size_text)


def test_max_file_size_option(tmp_path: Path) -> None:
    p = tmp_path / "small.txt"
    p.write_text(BODY_ONLY * 10, encoding="utf-8")
    res = cli("check", "--no-links", "--max-file-size", "100", str(p))
    assert res.exit_code == 2
    assert_one_clear_error(res.output, p, "limit")


def test_no_reference_list(tmp_path: Path) -> None:
    p = tmp_path / "body.txt"
    p.write_text(BODY_ONLY, encoding="utf-8")
    res = cli("check", "--no-links", str(p))
    assert "Traceback" not in res.output
    # one name and year, and nothing more, in a document with no list: it may be no citation at all
    # (a blog post's "(TeX Live 2013)"): info, and the run passes
    assert res.exit_code == 0
    assert f"{p}:1:" in res.output and "info missing-reference" in res.output
    assert "if these are citations, add the list" in res.output
    # one defect, one finding: the list is missing, not every work cited (164 errors on a real DOCX)
    p.write_text(BODY_ONLY + "Trade (Millán 2001) and (Vaisman 2007; Hardy 1968).\n", encoding="utf-8")
    res = cli("check", "--no-links", "--format", "concise", str(p))
    assert res.output.count("missing-reference") == 1, res.output
    assert '4 author-date citation(s) of 3 work(s), such as "Hardy 1968"' in res.output
    assert "no reference list" in res.output and res.exit_code == 1


def test_reference_list_with_no_body(tmp_path: Path) -> None:
    p = tmp_path / "refs.txt"
    p.write_text(REFS_ONLY, encoding="utf-8")
    res = cli("check", "--no-links", str(p))
    assert "Traceback" not in res.output
    assert res.exit_code == 0
    # no citations at all: said once at info level, not a warning per entry
    assert res.output.count("uncited-reference") == 1
    assert "info uncited-reference" in res.output and "whether the 2 entries" in res.output


def test_invalid_utf8_is_read_as_cp1252_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes(
        ("Trade (Millán 2001).\n\nReferences\n\nMillán, Daniel (2001) Critica. Reforma.\n").encode("cp1252")
    )
    res = cli("check", "--no-links", str(p))
    assert "Traceback" not in res.output
    assert res.exit_code == 0
    assert "warning input-encoding" in res.output
    assert "Windows-1252" in res.output


def test_invalid_utf8_and_not_cp1252(tmp_path: Path) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(b"Trade grew (Smith 2004) \x81\x8d\x8f\x90\x9d and more text here.\n")
    res = cli("check", "--no-links", str(p))
    assert res.exit_code == 2
    assert_one_clear_error(res.output, p, "utf-8")


def test_directory_with_no_supported_files(tmp_path: Path) -> None:
    d = tmp_path / "pics"
    d.mkdir()
    (d / "a.png").write_bytes(b"\x89PNG")
    res = cli("check", "--no-links", str(d))
    assert res.exit_code == 2
    assert_one_clear_error(res.output, d, "no supported files")


def test_missing_path(tmp_path: Path) -> None:
    p = tmp_path / "nope.txt"
    res = cli("check", "--no-links", str(p))
    assert res.exit_code == 2
    assert_one_clear_error(res.output, p, "no such file")


def test_unsupported_suffix(tmp_path: Path) -> None:
    p = tmp_path / "doc.pdf"
    p.write_bytes(b"%PDF-1.4")
    res = cli("check", "--no-links", str(p))
    assert res.exit_code == 2
    assert_one_clear_error(res.output, p, "unsupported")


def test_mix_of_bad_and_good_files(tmp_path: Path) -> None:
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    good = tmp_path / "seed.txt"
    shutil.copy(SEED, good)
    res = cli("check", "--no-links", str(bad), str(good))
    assert res.exit_code == 2
    assert_one_clear_error(res.output, bad, "binary")
    assert f"{good}:16:297: error year-mismatch" in res.output
    assert "1 file checked" in res.output and "1 file could not be read" in res.output


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_mix_in_a_real_subprocess(tmp_path: Path, fmt: str) -> None:
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    good = tmp_path / "seed.txt"
    shutil.copy(SEED, good)
    proc = run_module("check", "--no-links", "--format", fmt, str(bad), str(good))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    if fmt == "json":
        import json

        data = json.loads(proc.stdout)
        assert [f.get("error") is not None for f in data["files"]] == [True, False]
        assert_one_clear_error(proc.stderr, bad, "binary")
    else:
        assert_one_clear_error(proc.stdout, bad, "binary")
        assert "year-mismatch" in proc.stdout


def test_huge_max_file_size_option_does_not_crash() -> None:
    proc = run_module("check", "--no-links", "--max-file-size", str(1 << 40), str(SEED))
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1


def _bounded_run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m refcheck ARGS`` with 1 GiB of address space and 60 s: a read that does not stop
    fails the test instead of the machine."""
    import os
    import resource
    import sys

    from .conftest import SRC

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env["PYTHONPATH"] = str(SRC)
    return subprocess.run(
        [sys.executable, "-m", "refcheck", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        preexec_fn=limit,
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("how", ["symlink", "input-format"])
def test_a_device_named_on_the_command_line_is_refused(tmp_path: Path, how: str) -> None:
    """/dev/zero has size 0 and never ends: read whole, it took all the memory there was."""
    if how == "symlink":
        (tmp_path / "zero.txt").symlink_to("/dev/zero")
        args = ["zero.txt"]
    else:
        args = ["--input-format", "text", "/dev/zero"]
    shutil.copy(SEED, tmp_path / "seed.txt")
    proc = _bounded_run("check", "--no-links", *args, "seed.txt", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert_one_clear_error(proc.stdout, args[-1], "not a regular file")
    assert "seed.txt:16:297: error year-mismatch" in proc.stdout


def test_a_fifo_named_on_the_command_line_does_not_hang(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.md")
    shutil.copy(SEED, tmp_path / "seed.txt")
    proc = _bounded_run("check", "--no-links", "pipe.md", "seed.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert_one_clear_error(proc.stdout, "pipe.md", "not a regular file")
    assert "seed.txt:16:297: error year-mismatch" in proc.stdout


def test_real_path_is_realpath(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """files.real_path resolves each directory once per run (plan, discovery, configuration and
    manuscripts ask for the files of few directories many times); it must give what realpath gives:
    through symlinked directories and files, relative paths, '.', '..' after a symlink."""
    import os

    from refcheck.files import forget_directories, real_path

    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "sub" / "a.md").write_text("x")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "sub" / "b.md").symlink_to(tmp_path / "real" / "sub" / "a.md")
    monkeypatch.chdir(tmp_path)
    paths = [
        "linked/sub/a.md", "linked/sub/b.md", "real/sub/a.md", "./linked/sub/../sub/a.md",
        "linked/sub/../../real/sub/a.md", "linked", "linked/sub", ".", "missing/c.md",
        str(tmp_path / "linked" / "sub" / "a.md"),
    ]  # fmt: skip
    forget_directories()
    for _ in range(2):  # (the second time from what the first learnt)
        assert [real_path(p) for p in paths] == [os.path.realpath(p) for p in paths]
    # a directory that became a symlink since the last run is seen so once the run starts
    (tmp_path / "linked").unlink()
    (tmp_path / "linked").symlink_to(tmp_path / "real" / "sub")
    forget_directories()
    assert (
        real_path("linked/a.md") == os.path.realpath("linked/a.md") == str(tmp_path / "real" / "sub" / "a.md")
    )
