#!/usr/bin/env python3
"""Hostile markup inputs (JATS/XML, DOCX, HTML, Markdown): time and peak memory of ``refcheck check`` on each.

    python bench/adversarial_markup.py [NAME ...] [--src DIR] [--timeout S]

The inputs are built by ``tests/hostile_markup.py`` (the same ones the tests bound); each is written
to a temporary directory and checked with ``python -m refcheck check --no-links --no-verify --format json`` in a
subprocess of its own, so that its peak resident memory (``ru_maxrss``) is its own. ``--src`` runs
another checkout's ``src`` (to compare before and after a change). Prints one row per input:
size, wall and CPU seconds, peak MB, exit status and the first line of any error (on a busy machine
compare the CPU seconds). Target (issue 9): no input of
1 MB or less over 5 s or 1 GB. Not part of the test suite; the "projects" engineer's
bench/adversarial.py covers the text extractors and the other loaders.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_markup import INPUTS, SIDE_FILES  # noqa: E402

# Runs in the child: check one file, then report its own peak memory on stderr's last line.
CHILD = """
import resource, sys
from refcheck.cli import main
code = 0
try:
    main(["check", "--no-links", "--no-verify", "--format", "json", sys.argv[1]])
except SystemExit as exc:
    code = exc.code
except BaseException as exc:  # a crash: say which, and still report the memory
    sys.stderr.write("%s: %s\\n" % (type(exc).__name__, exc))
    code = 99
use = resource.getrusage(resource.RUSAGE_SELF)
peak = use.ru_maxrss  # kB; VmHWM where there is one (ru_maxrss can keep the parent's peak across exec)
try:
    with open("/proc/self/status") as fh:
        peak = next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM:"))
except (OSError, StopIteration, ValueError):
    pass
sys.stderr.write("\\nMAXRSS %d %.2f\\n" % (peak, use.ru_utime + use.ru_stime))
sys.exit(code)
"""


def measure(path: Path, src: Path, timeout: float) -> tuple[float, float, float, str, str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=env, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return timeout, float("nan"), float("nan"), "timeout", f"killed after {timeout:.0f} s"
    elapsed = time.perf_counter() - start
    lines = proc.stderr.strip().splitlines()
    rss = cpu = float("nan")
    if lines and lines[-1].startswith("MAXRSS"):
        rss, cpu = float(lines[-1].split()[1]) / 1024, float(lines[-1].split()[2])
    note = ""
    try:
        record = json.loads(proc.stdout)
        errors = [f.get("error") for f in record.get("files", []) if f.get("error")]
        note = (
            str(errors[0])
            if errors
            else f"{sum(len(f.get('findings', [])) for f in record['files'])} findings"
        )
    except (json.JSONDecodeError, KeyError, TypeError):
        tail = [ln for ln in lines if ln.strip() and not ln.startswith("MAXRSS")]
        note = tail[-1] if tail else ""
    return elapsed, cpu, rss, str(proc.returncode), note


def arguments(doc: str | None, inputs: Iterable[str]) -> argparse.ArgumentParser:
    """The options the three adversarial benches share (inputs by name, --src, --timeout)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help=f"inputs to run (default: all): {', '.join(inputs)}")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the refcheck src directory to run")
    ap.add_argument("--timeout", type=float, default=120.0)
    return ap


def run_table(rows: Iterable[tuple[str, str, bytes, dict[str, bytes]]], src: Path, timeout: float) -> float:
    """Measure each (name, file name, content, side files) in a directory of its own and print a row;
    returns the most CPU seconds one took."""
    print(f"{'input':24} {'size':>10} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'exit':>5}  note")
    worst = 0.0
    for name, filename, data, side in rows:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / filename
            path.write_bytes(data)
            for side_name, content in side.items():
                (Path(tmp) / side_name).write_bytes(content)
            size = len(data) + sum(len(c) for c in side.values())
            elapsed, cpu, rss, code, note = measure(path, src, timeout)
        worst = max(worst, cpu if cpu == cpu else elapsed)
        print(f"{name:24} {size:10,} {elapsed:7.2f} {cpu:7.2f} {rss:8.0f} {code:>5}  {note[:60]}", flush=True)
    return worst


def main() -> None:
    args = arguments(__doc__, INPUTS).parse_args()
    run_table(
        ((name, *INPUTS[name](), SIDE_FILES.get(name, {})) for name in args.names or list(INPUTS)),
        args.src,
        args.timeout,
    )


if __name__ == "__main__":
    main()
