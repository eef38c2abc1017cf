#!/usr/bin/env python3
"""Accuracy guard for speed work: the JSON report of two versions of refcheck over the corpora must be
byte-identical.

    python bench/same_output.py [--base REV] [--jobs 2] [DIR ...]

Runs ``python -m refcheck check --no-links --format json DIR ...`` once with the ``src`` of git
revision ``--base`` (default ``main``, exported with ``git archive`` to a temporary directory) and
once with this checkout's ``src``, then compares the two reports file by file (timing fields, if a
report ever has any, are dropped first). Prints the number of files compared, the number that differ
and the first differences, and exits 1 when any file differs. The default directories are the shared
corpus and corpus-styles documents (``../shared/corpus/docs``, ``../shared/corpus/jats``,
``../shared/corpus-styles/docs`` relative to the repository checkout). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REFCHECK_SHARED", "/work/shared"))
DEFAULT_DIRS = [SHARED / "corpus" / "docs", SHARED / "corpus" / "jats", SHARED / "corpus-styles" / "docs"]
TIMING = {"elapsed", "duration", "seconds", "time", "wall"}


def export(rev: str, where: Path) -> Path:
    """``src`` of ``rev`` written under ``where``; returns the src directory."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(where, filter="data")
    return where / "src"


def report(src: Path, dirs: list[str], jobs: int) -> tuple[dict[str, Any], float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    t0 = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "refcheck",
            "check",
            "--no-links",
            "--format",
            "json",
            "--jobs",
            str(jobs),
            *dirs,
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"{src}: exit {proc.returncode}: {proc.stderr.strip()[-400:]}")
    return json.loads(proc.stdout), wall


def strip_timing(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_timing(v) for k, v in value.items() if k not in TIMING}
    if isinstance(value, list):
        return [strip_timing(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", help="documents or directories (default: the shared corpora)")
    ap.add_argument("--base", default="main", help="git revision to compare against (default: main)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=3, help="differing files to show a diff of")
    args = ap.parse_args(argv)
    dirs = args.dirs or [str(d) for d in DEFAULT_DIRS if d.exists()]
    with tempfile.TemporaryDirectory(prefix="refcheck-same-") as tmp:
        base_src = export(args.base, Path(tmp))
        base, base_wall = report(base_src, dirs, args.jobs)
        ours, our_wall = report(ROOT / "src", dirs, args.jobs)
    old = {f["path"]: strip_timing(f) for f in base["files"]}
    new = {f["path"]: strip_timing(f) for f in ours["files"]}
    differ = sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))
    order_same = [f["path"] for f in base["files"]] == [f["path"] for f in ours["files"]]
    summary_same = strip_timing(base.get("summary")) == strip_timing(ours.get("summary"))
    print(f"base {args.base}: {base_wall:.1f} s; this checkout: {our_wall:.1f} s (--jobs {args.jobs})")
    print(
        f"{len(old)} files compared; {len(differ)} differ; same order: {order_same}; same summary: {summary_same}"
    )
    for path in differ[: args.show]:
        a = json.dumps(old.get(path), indent=1, ensure_ascii=False).splitlines()
        b = json.dumps(new.get(path), indent=1, ensure_ascii=False).splitlines()
        print(f"--- {path}")
        print("\n".join(list(difflib.unified_diff(a, b, "base", "ours", n=2, lineterm=""))[:40]))
    return 0 if not differ and order_same and summary_same else 1


if __name__ == "__main__":
    sys.exit(main())
