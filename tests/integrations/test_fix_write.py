"""``refcheck fix --write``: what it refuses to write, and how it writes (atomically, keeping the
file's mode and owner, through a symbolic link only inside the project, never leaving a temporary
file behind, and never a half-written file when killed)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from refcheck import fix
from refcheck.pipeline import check_file

TEXT = """Trade grew (Smith 2002).

References

Smith, John (2001) Trade. Oxford.
"""
FIXED = TEXT.replace("(Smith 2002)", "(Smith 2001)")


def _fix(cli: Callable[..., Result], path: Path) -> Result:
    return cli("fix", "--no-links", "--write", str(path))


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if "refcheck" in p.name)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    return root


def test_read_only_file_is_refused(cli: Callable[..., Result], project: Path) -> None:
    path = project / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0o444)
    res = _fix(cli, path)
    assert "not written: the file is read-only" in res.output
    assert path.read_text(encoding="utf-8") == TEXT and res.exit_code == 1
    assert _leftovers(project) == []


def test_symlink_inside_the_project_is_written_through(cli: Callable[..., Result], project: Path) -> None:
    target = project / "docs" / "real.txt"
    target.parent.mkdir()
    target.write_text(TEXT, encoding="utf-8")
    link = project / "link.txt"
    link.symlink_to(Path("docs") / "real.txt")
    res = _fix(cli, link)
    assert res.exit_code == 0, res.output
    assert link.is_symlink() and os.readlink(link) == str(Path("docs") / "real.txt")
    assert target.read_text(encoding="utf-8") == FIXED
    assert _leftovers(project) == [] and _leftovers(target.parent) == []


def test_symlink_out_of_the_project_is_refused(
    cli: Callable[..., Result], project: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(TEXT, encoding="utf-8")
    link = project / "link.txt"
    link.symlink_to(outside)
    res = _fix(cli, link)
    assert "not written: it is a symbolic link to" in res.output and "outside" in res.output
    assert outside.read_text(encoding="utf-8") == TEXT and link.is_symlink()
    assert res.exit_code == 1


def test_hard_linked_file_is_refused(cli: Callable[..., Result], project: Path) -> None:
    path = project / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    other = project / "b.txt"
    os.link(path, other)
    res = _fix(cli, path)
    assert "not written: the file has 2 hard links" in res.output
    assert path.read_text(encoding="utf-8") == TEXT and other.read_text(encoding="utf-8") == TEXT
    assert path.stat().st_ino == other.stat().st_ino


def test_mode_and_owner_are_kept(cli: Callable[..., Result], project: Path) -> None:
    path = project / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(path, 4321, 4322)
    before = path.stat()
    res = _fix(cli, path)
    assert res.exit_code == 0, res.output
    after = path.stat()
    assert path.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert after.st_ino != before.st_ino  # replaced by rename, not rewritten in place


def test_owner_that_cannot_be_kept_is_refused(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    real_stat = os.stat

    def other_owner(p: object, *a: object, **k: object) -> os.stat_result:
        st = real_stat(p, *a, **k)  # type: ignore[arg-type]
        if str(p) == str(path):
            fields = list(st)
            fields[4] = st.st_uid + 1
            return os.stat_result(fields)
        return st

    def not_permitted(*_: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "stat", other_owner)
    monkeypatch.setattr(os, "fchown", not_permitted)
    with pytest.raises(fix.Refused, match="owner"):
        fix.write_atomic(str(path), b"x", expected=TEXT.encode())
    assert path.read_text(encoding="utf-8") == TEXT and _leftovers(project) == []


def _result(path: Path) -> fix.FixResult:
    doc = check_file(str(path)).doc
    assert doc is not None
    return fix.fix_document(doc)


def test_file_changed_since_read_is_refused(project: Path) -> None:
    path = project / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = _result(path)
    path.write_text(TEXT + "An editor's new line.\n", encoding="utf-8")
    with pytest.raises(fix.Refused, match="changed since refcheck read it"):
        fix.write_fixed(result)
    assert path.read_text(encoding="utf-8").endswith("An editor's new line.\n")
    assert _leftovers(project) == []


def test_file_changed_during_write_is_refused_and_temp_removed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = _result(path)
    real_fsync = os.fsync

    def meddle(fd: int) -> None:
        real_fsync(fd)
        with open(path, "a", encoding="utf-8") as fh:  # someone saves the file meanwhile
            fh.write("typed meanwhile\n")

    monkeypatch.setattr(os, "fsync", meddle)
    with pytest.raises(fix.Refused, match="changed while refcheck was writing"):
        fix.write_fixed(result)
    assert path.read_text(encoding="utf-8") == TEXT + "typed meanwhile\n"
    assert _leftovers(project) == []


def test_failed_rename_leaves_original_and_no_temp(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = _result(path)

    def no_space(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(fix.Refused, match="No space left on device"):
        fix.write_fixed(result)
    assert path.read_text(encoding="utf-8") == TEXT and _leftovers(project) == []


# A child process that starts writing and stops in the middle (after the data, before the rename),
# so that the test can kill it there.
CHILD = textwrap.dedent(
    """
    import os, sys, time
    from refcheck import fix
    path, ready = sys.argv[1], sys.argv[2]
    real_fsync = os.fsync
    def stall(fd):
        real_fsync(fd)
        open(ready, "w").close()
        time.sleep(60)
    os.fsync = stall
    fix.write_atomic(path, b"NEW CONTENT " * 100000, expected=open(path, "rb").read())
    """
)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_kill_during_write_leaves_original_intact(project: Path, sig: signal.Signals) -> None:
    path = project / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    ready = project.parent / "ready"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(ready)])
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert child.poll() is None, "the writer exited early"
            assert time.monotonic() < deadline, "the writer never reached the write"
            time.sleep(0.02)
        assert len(_leftovers(project)) == 1  # the temporary file, fully written
        child.send_signal(sig)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert path.read_text(encoding="utf-8") == TEXT
    if sig == signal.SIGTERM:  # a catchable kill: the temporary file is removed too
        assert child.returncode == 128 + signal.SIGTERM
        assert _leftovers(project) == []
