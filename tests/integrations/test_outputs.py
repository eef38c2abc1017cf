"""--output and --write-baseline: checked before the run, written atomically, failures in one line.

A full disk, an undecodable file name, a missing directory: each is one line and exit status 2
while the terminal still shows the results; a path that cannot be written fails before any
document is read (so before minutes of link checks).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from refcheck import runner
from refcheck.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "000_bc11b8a9853f7d3f.txt"


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project (a Git checkout) with the seed in it, as the current directory."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / ".git").mkdir()
    shutil.copy(SEED, root / "doc.txt")
    monkeypatch.chdir(root)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return root


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_error(res: Result, needle: str) -> None:
    assert res.exit_code == 2, (res.stdout, res.stderr)
    assert "Traceback" not in res.stdout + res.stderr
    errors = [ln for ln in res.stderr.splitlines() if "error" in ln]
    assert len(errors) == 1 and needle in errors[0], res.stderr


def leftovers(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if "refcheck-tmp" in p.name]


@pytest.fixture
def never_run(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    calls: list[object] = []
    real = runner.run

    def spy(*args: object, **kwargs: object) -> runner.Run:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "run", spy)
    yield calls


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
@pytest.mark.parametrize(
    ("target", "needle"),
    [
        ("missing/dir/out.json", "does not exist"),
        (".", "is a directory"),
    ],
)
def test_unwritable_path_fails_before_any_document_is_read(
    proj: Path, never_run: list[object], option: str, target: str, needle: str
) -> None:
    res = invoke("check", option, target, "doc.txt")  # links on: nothing may start
    one_error(res, needle)
    assert never_run == [] and res.stdout == ""


def test_read_only_directory_fails_first(proj: Path, never_run: list[object]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes in read-only directories")
    (proj / "ro").mkdir(mode=0o555)
    one_error(invoke("check", "--no-links", "-o", "ro/r.json", "doc.txt"), "permission denied")
    assert never_run == []


def test_full_disk_dev_full(proj: Path) -> None:
    res = invoke("check", "--no-links", "--format", "json", "--output", "/dev/full", "doc.txt")
    one_error(res, "no space left")
    assert "doc.txt:16:297: error year-mismatch" in res.stdout  # the results are still printed


@pytest.fixture
def tiny_disk(proj: Path) -> Iterator[Path]:
    mount = proj / "tiny"
    mount.mkdir()
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(mount)], capture_output=True, check=False
    )
    if proc.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_full_disk_tiny_tmpfs_keeps_the_old_report_and_no_temp_file(tiny_disk: Path) -> None:
    old = tiny_disk / "report.html"
    old.write_text("the previous report\n")
    res = invoke("check", "--no-links", "--format", "html", "--output", str(old), "doc.txt")
    one_error(res, "no space left")
    assert "doc.txt:16:297: error year-mismatch" in res.stdout
    assert old.read_text() == "the previous report\n"  # never half a report
    assert leftovers(tiny_disk) == []


def test_failed_rename_removes_the_temp_file(proj: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    res = invoke("check", "--no-links", "--format", "json", "-o", "r.json", "doc.txt")
    one_error(res, "no space left")
    assert leftovers(proj) == [] and not (proj / "r.json").exists()


def test_interrupted_run_removes_the_temp_file(proj: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "run", interrupted)
    res = invoke("check", "--no-links", "-o", "r.json", "--write-baseline", "b.json", "doc.txt")
    assert res.exit_code == 130
    assert leftovers(proj) == [] and not (proj / "r.json").exists()


def test_sigterm_removes_the_temp_file(proj: Path) -> None:
    """A real process killed with SIGTERM while links are checked leaves no temporary file behind."""
    import http.server
    import threading
    import time

    class Slow(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(20)

        do_HEAD = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/page"
    (proj / "doc.txt").write_text(f"See (Hardy 1968).\n\nReferences\n\nHardy, M. (1968) Law. {url}\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "REFCHECK_CACHE_DIR": str(proj / ".cache")}
    cmd = [
        "check",
        "--allow-private-hosts",
        "--archive",
        "none",
        "--timeout",
        "60",
        "-o",
        "r.json",
        "doc.txt",
    ]
    proc = subprocess.Popen(
        [sys.executable, "-m", "refcheck", *cmd],
        cwd=proj,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(400):
            if leftovers(proj) or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert leftovers(proj), "the report was not reserved before the run"
        time.sleep(0.5)  # into the link check
        proc.terminate()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        server.shutdown()
    assert proc.returncode == 128 + 15
    assert leftovers(proj) == []
    assert not (proj / "r.json").exists()


def test_report_mode_is_kept(proj: Path) -> None:
    out = proj / "r.json"
    out.write_text("{}")
    out.chmod(0o640)
    res = invoke("check", "--no-links", "--format", "json", "-o", "r.json", "doc.txt")
    assert res.exit_code == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert json.loads(out.read_text())["summary"]["files"] == 1


def test_new_report_gets_the_umask_mode_not_0600(proj: Path) -> None:
    old = os.umask(0o022)
    try:
        invoke("check", "--no-links", "--format", "json", "-o", "new.json", "doc.txt")
    finally:
        os.umask(old)
    assert stat.S_IMODE((proj / "new.json").stat().st_mode) == 0o644


def test_symlink_out_of_the_project_is_refused(proj: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    (proj / "report.html").symlink_to(outside)
    res = invoke("check", "--no-links", "--format", "html", "-o", "report.html", "doc.txt")
    one_error(res, "symlink leading out of the project")
    assert outside.read_text() == "precious\n"
    res = invoke("check", "--no-links", "--write-baseline", "report.html", "doc.txt")
    one_error(res, "symlink leading out of the project")
    assert outside.read_text() == "precious\n"


def test_symlink_inside_the_project_is_written_through(proj: Path) -> None:
    (proj / "reports").mkdir()
    (proj / "reports" / "latest.json").write_text("{}")
    (proj / "r.json").symlink_to(proj / "reports" / "latest.json")
    res = invoke("check", "--no-links", "--format", "json", "-o", "r.json", "doc.txt")
    assert res.exit_code == 1, res.stderr
    assert (proj / "r.json").is_symlink()
    assert json.loads((proj / "reports" / "latest.json").read_text())["summary"]["files"] == 1


def test_report_never_overwrites_a_checked_file(proj: Path) -> None:
    before = (proj / "doc.txt").read_bytes()
    one_error(invoke("check", "--no-links", "-o", "doc.txt", "doc.txt"), "is one of the files being checked")
    assert (proj / "doc.txt").read_bytes() == before


def test_report_is_not_picked_up_as_a_document(proj: Path) -> None:
    # the report an earlier run wrote (a Markdown file of another kind there is a document, and is
    # not overwritten: tests/test_qa_break23.py)
    (proj / "report.md").write_text("## refcheck\n\nfindings: 1 file checked (Nobody 1900)\n")
    res = invoke("check", "--no-links", "--format", "markdown", "-o", "report.md", ".")
    assert "1 file checked" in res.stdout, res.stdout


@pytest.mark.parametrize("fmt", ["json", "html", "sarif", "junit", "markdown", "github", "text"])
def test_undecodable_file_name_with_output(proj: Path, fmt: str) -> None:
    """A checked file whose name is not valid UTF-8: the report is written, the name escaped."""
    name = os.fsdecode(b"caf\xe9.txt")
    shutil.copy(SEED, proj / name)
    res = invoke("check", "--no-links", "--format", fmt, "-o", f"r.{fmt}", name)
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.stdout + res.stderr
    assert res.exit_code == 1, res.stderr
    written = (proj / f"r.{fmt}").read_bytes()
    written.decode("utf-8")  # valid UTF-8
    if fmt == "json":
        assert json.loads(written)["summary"]["errors"] == 1


def test_undecodable_file_name_in_a_real_process(proj: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    shutil.copy(SEED, proj / name)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", "--no-links", "--format", "json", "-o", "r.json", name],
        cwd=proj,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr, proc.stderr
    assert json.loads((proj / "r.json").read_bytes())["summary"]["errors"] == 1
    # the byte that is not UTF-8 shown as an escape, the same in every locale and every format (a raw
    # byte in 0x80-0x9f would be a C1 control character on some terminals)
    assert proc.stdout.startswith(b"caf\\xe9.txt:16:297: error year-mismatch")


def test_undecodable_output_name(proj: Path) -> None:
    name = os.fsdecode(b"r\xff.json")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", "--no-links", "--format", "json", "-o", name, "doc.txt"],
        cwd=proj,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr, proc.stderr
    assert json.loads((proj / name).read_bytes())["summary"]["files"] == 1
