"""The terminal: file names readable on light and dark themes, progress bars for reading files and
checking links, and the concise report streamed file by file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import Result

from refcheck import runner
from refcheck.pipeline import check_paths
from refcheck.reporters import REPORTERS

SRC = Path(__file__).resolve().parents[2] / "src"
DOC = "Trade grew (Smith 2002) in file {n}.\n\nReferences\n\nSmith, John (2001) Trade. Oxford.\n"


def test_file_names_in_the_terminals_own_colour(seed: Path) -> None:
    out = REPORTERS["full"](check_paths([str(seed)]), color=True)
    header = next(ln for ln in out.splitlines() if "seed.txt" in ln and "finding" in ln)
    codes = re.findall(r"\x1b\[([0-9;]*)m", header.split("seed.txt")[0] + "seed.txt")
    assert codes == ["1"]  # bold only: no fixed colour (bright white is invisible on a light theme)
    concise = REPORTERS["concise"](check_paths([str(seed)]), color=True)
    assert "\x1b[90m" not in concise and "\x1b[97m" not in concise and "\x1b[37m" not in concise


def _on_a_terminal_stderr(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run refcheck with stderr on a pseudo-terminal and stdout piped; both read as they come."""
    import pty
    import selectors

    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(SRC)
    proc = subprocess.Popen(
        [sys.executable, "-m", "refcheck", *args], stdout=subprocess.PIPE, stderr=slave, cwd=cwd, env=env
    )
    os.close(slave)
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(master, selectors.EVENT_READ)
    sel.register(proc.stdout, selectors.EVENT_READ)
    out, err = b"", b""
    open_streams = 2
    while open_streams:
        for key, _ in sel.select(timeout=60):
            try:
                chunk = os.read(key.fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                sel.unregister(key.fileobj)
                open_streams -= 1
            elif key.fd == master:
                err += chunk
            else:
                out += chunk
    os.close(master)
    return proc.wait(timeout=60), out.decode(), err.decode()


def test_progress_bar_for_reading_files_on_a_terminal(tmp_path: Path) -> None:
    for n in range(12):
        (tmp_path / f"doc{n:02}.txt").write_text(DOC.format(n=n), encoding="utf-8")
    code, out, err = _on_a_terminal_stderr(["check", "--no-links", "--format", "json", "."], tmp_path)
    assert code == 1
    assert "Reading files" in err and "100%" in err
    assert out.startswith("{")  # the report itself is not disturbed


def test_no_bar_for_a_few_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DOC.format(n=1), encoding="utf-8")
    code, _, err = _on_a_terminal_stderr(["check", "--no-links", "--format", "json", "a.txt"], tmp_path)
    assert code == 1 and "Reading files" not in err


def test_concise_streams_each_file_as_it_is_checked(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for n in range(3):
        p = tmp_path / f"doc{n}.txt"
        p.write_text(DOC.format(n=n), encoding="utf-8")
        paths.append(str(p))
    events: list[str] = []
    real_check, real_echo = runner.check_file, click.echo

    def check(path: str, *a: object, **k: object) -> object:
        events.append(f"check {Path(path).name}")
        return real_check(path, *a, **k)  # type: ignore[arg-type]

    def echo(message: object = None, *a: object, **k: object) -> None:
        events.append(f"echo {message}")
        real_echo(message, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "check_file", check)
    monkeypatch.setattr(click, "echo", echo)
    res = cli("check", "--no-links", "--format", "concise", *paths)
    assert res.exit_code == 1
    order = [
        re.sub(r"echo \S*/(doc\d)\.txt:.*", r"echo \1", e)
        for e in events
        if "year-mismatch" in e or "check" in e or "files checked" in e
    ]
    assert order == [
        "check doc0.txt", "echo doc0", "check doc1.txt", "echo doc1", "check doc2.txt", "echo doc2",
        "echo 3 files checked: 3 errors, 0 warnings, 0 info",
    ]  # fmt: skip
    # the same lines as the report printed at once
    assert res.stdout == REPORTERS["concise"](check_paths(paths))


def test_streamed_link_findings_follow_the_files(
    cli: Callable[..., Result], tmp_path: Path, httpserver: Any
) -> None:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    url = httpserver.url_for("/gone")
    paths = []
    for n in range(2):
        p = tmp_path / f"doc{n}.txt"
        p.write_text(
            f"Trade grew (Smith 2002).\n\nReferences\n\nSmith, John (2001) Trade. {url}\n", encoding="utf-8"
        )
        paths.append(str(p))
    args = ["--allow-private-hosts", "--no-cache", "--archive", "none", "--format", "concise", *paths]
    res = cli("check", *args)
    lines = res.stdout.splitlines()
    kinds = [
        ("link" if "dead-link" in ln else "year" if "year-mismatch" in ln else "summary") for ln in lines
    ]
    assert kinds == ["year", "year", "link", "link", "summary"]
    assert lines[-1] == "2 files checked: 4 errors, 0 warnings, 0 info"
