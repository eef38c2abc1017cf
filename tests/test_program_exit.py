"""The program's entry point (``cli.run``, the ``refcheck`` command and ``python -m refcheck``) ends
the process with the exit status and the whole output of an ordinary exit, after what an ordinary
exit does first (threads joined, atexit handlers run), without the interpreter's teardown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_bc11b8a9853f7d3f.txt"


def _program(
    *args: str, code: str = "from refcheck.cli import run; run()"
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "REFCHECK_DEBUG"}
    env["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_the_program_ends_with_the_runs_status_and_whole_output() -> None:
    proc = _program("check", "--no-links", "--no-verify", "--format", "json", str(SEED))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.endswith("}\n") and '"errors": 1' in proc.stdout
    proc = _program("check", "--no-links", "--no-verify", str(ROOT / "no-such-file.txt"))
    assert proc.returncode == 2 and "no such file" in proc.stdout + proc.stderr
    assert _program("--version").returncode == 0


def test_the_program_runs_exit_handlers_and_joins_threads() -> None:
    """What an ordinary exit does first is done: atexit handlers run (once), a thread still working
    is waited for, and what they print is flushed."""
    code = (
        "import atexit, sys, threading, time\n"
        "atexit.register(lambda: print('handler', flush=False))\n"
        "from refcheck.cli import run\n"
        "threading.Thread(target=lambda: (time.sleep(0.3), print('thread'))).start()\n"
        "sys.argv = ['refcheck', '--version']\n"
        "run()\n"
    )
    proc = _program(code=code)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines.count("thread") == 1 and lines.count("handler") == 1, proc.stdout
