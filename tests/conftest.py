"""Shared helpers: the seed's path, an in-memory checker and a CLI runner."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from refcheck.cli import main
from refcheck.model import Document, Severity
from refcheck.pipeline import CheckOptions, check_file, check_text

# Property tests: random in development (new examples each run), fixed in CI (CI is set by GitHub
# Actions and by .ci/run) so that a red build is reproducible and never depends on luck.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# No test touches the network: registry verification is on by default (``refcheck check`` without
# --no-verify), so every registry endpoint points at a loopback port that refuses connections (a
# socket bound, never listening, held for the session). A test that verifies starts its own fakes
# (tests/verify/fakes.py); any other run ends its entries "unverified", never in a finding.
_REFUSING = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
_REFUSING.bind(("127.0.0.1", 0))
_NOWHERE = f"http://127.0.0.1:{_REFUSING.getsockname()[1]}"
for _name in ("REFCHECK_CROSSREF_API", "REFCHECK_OPENALEX_API", "REFCHECK_DOI_API"):
    os.environ[_name] = _NOWHERE
os.environ.pop("REFCHECK_MAILTO", None)
# ... and verification is off unless a test asks for it (--verify, or the pipeline's stage called
# directly): reports then carry no "unverified" note a test of something else would trip over.
os.environ["REFCHECK_VERIFY"] = "0"

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "000_bc11b8a9853f7d3f.txt"
SRC = ROOT / "src"


def checked(path: Path, content: str | bytes) -> Document:
    """``content`` written to ``path`` (text as UTF-8) and checked as a file: its document."""
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    doc = check_file(str(path), CheckOptions()).doc
    assert doc is not None
    return doc


def check(text: str, fmt: str = "text") -> Document:
    """Run every stage after loading on ``text`` (no network)."""
    return check_text(text, fmt=fmt)


def findings(doc: Document, at_least: Severity = Severity.INFO) -> list[tuple[str, int | None]]:
    return [(f.rule, f.line) for f in doc.findings if f.severity >= at_least]


def rules_found(doc: Document) -> set[str]:
    return {f.rule for f in doc.findings}


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    """Invoke the click CLI in-process; stdout and stderr kept apart."""
    runner = CliRunner()
    return runner.invoke(main, list(args), env=env, catch_exceptions=False)


def run_module(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m refcheck ARGS`` in a real subprocess, with this checkout's src first on the path."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    full_env.update({"PYTHONPATH": str(SRC), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "refcheck", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        cwd=cwd or ROOT,
        timeout=120,
    )


def run_python(code: str, *args: str, flags: Sequence[str] = (), env: dict[str, str] | None = None) -> Any:
    """What ``python [FLAGS] -c CODE ARGS`` prints (JSON), run with this checkout's src first on the
    path and bytecode written (PYTHONDONTWRITEBYTECODE removed), as on a user's machine."""
    full_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    full_env.update({"PYTHONPATH": str(SRC), **(env or {})})
    proc = subprocess.run(
        [sys.executable, *flags, "-c", code, *args], capture_output=True, text=True, env=full_env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def json_report(*args: str) -> dict[str, Any]:
    res = cli("check", "--no-links", "--format", "json", *args)
    return json.loads(res.stdout)


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    from refcheck.pipeline import check_file

    result = check_file(str(SEED))
    assert result.doc is not None, result.error
    return result.doc


@pytest.fixture
def seed_path() -> Path:
    return SEED
