"""The action's run step (action.yml), run with bash as GitHub runs it: refcheck checks once, and the
log, SARIF and summary reports all come from that one run."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "000_bc11b8a9853f7d3f.txt"


def _refcheck_on_path(tmp_path: Path) -> tuple[Path, Path]:
    """A ``refcheck`` on PATH that logs its arguments and runs this checkout's refcheck."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    script = bin_dir / "refcheck"
    script.write_text(
        f'#!/bin/sh\necho "$1" >> "{log}"\nexec "{sys.executable}" -m refcheck "$@"\n', encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return bin_dir, log


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_action_checks_once_and_renders_every_report_from_that_run(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    run = next(s for s in action["runs"]["steps"] if s.get("id") == "check")["run"]
    bin_dir, log = _refcheck_on_path(tmp_path)
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT / "src"),
        "NO_COLOR": "1",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "REFCHECK_PATHS": str(SEED),
        "REFCHECK_FORMAT": "github",
        "REFCHECK_FAIL_ON": "error",
        "REFCHECK_ARGS": "--no-links",
        "REFCHECK_SARIF": "true",
        "REFCHECK_SUMMARY": "true",
    }
    proc = subprocess.run(
        ["bash", "-e", "-c", run], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert log.read_text().split() == ["check", "merge", "merge", "merge"]
    direct = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", "--no-links", "--format", "github", str(SEED)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stdout == direct.stdout and "year-mismatch" in proc.stdout
    assert output.read_text() == f"sarif=true\nexit-code={direct.returncode}\n" and direct.returncode == 1
    sarif = json.loads((tmp_path / "refcheck.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == 2
    assert "uncited-reference" in summary.read_text()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_action_reports_a_usage_error_with_its_status(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    run = next(s for s in action["runs"]["steps"] if s.get("id") == "check")["run"]
    bin_dir, log = _refcheck_on_path(tmp_path)
    output = tmp_path / "output"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT / "src"),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": "",
        "REFCHECK_PATHS": str(SEED),
        "REFCHECK_FORMAT": "github",
        "REFCHECK_FAIL_ON": "error",
        "REFCHECK_ARGS": "--no-such-option",
        "REFCHECK_SARIF": "false",
        "REFCHECK_SUMMARY": "true",
    }
    proc = subprocess.run(
        ["bash", "-e", "-c", run], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert output.read_text() == "exit-code=2\n"
    assert "no-such-option" in proc.stderr
    assert log.read_text().split() == ["check"]
