"""Benchmark: ``refcheck check --jobs 2`` against ``--jobs 1``, whole process against whole process.

    python bench/jobs_bench.py [DIR] [--pairs 5] [--jobs 2] [--format text] [--links]

DIR defaults to ../shared/corpus/docs (480 documents). Each pair runs ``refcheck check --no-links
--no-verify --format FORMAT --jobs 1 DIR`` and the same with ``--jobs N`` (output to /dev/null), alternating
which goes first; it prints each pair's wall times and ratio, the median ratio, and the CPU time
(user + system) of each side, which shows what parallelism costs in extra work. On a machine that
other jobs share the wall-clock ratio is noisy: compare medians, and read the CPU columns. The two
outputs are compared in every pair (they must be byte-identical). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared next to the main checkout; a worktree one level further down finds it too
DEFAULT_DIR = next(
    (
        d
        for d in (ROOT.parent / "shared" / "corpus" / "docs", ROOT.parents[1] / "shared" / "corpus" / "docs")
        if d.is_dir()
    ),
    ROOT.parent / "shared" / "corpus" / "docs",
)


# refcheck's modules compiled once, as in a user's install (PYTHONDONTWRITEBYTECODE would have every
# run, and every worker, compile them from source)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def refcheck() -> list[str]:
    exe = shutil.which("refcheck")
    return [exe] if exe else [sys.executable, "-m", "refcheck"]


def timed(cmd: list[str]) -> tuple[float, float, bytes]:
    """Wall seconds, CPU seconds (the process and its children) and standard output of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, check=False, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode(errors='replace')}")
    return wall, cpu, done.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--format", default="text")
    ap.add_argument("--links", action="store_true", help="check links too (needs the network)")
    args = ap.parse_args()
    # --no-verify: registry lookups are network work in the parent, not what this measures
    base = [
        *refcheck(),
        "check",
        "--format",
        args.format,
        "--no-verify",
        *([] if args.links else ["--no-links"]),
    ]
    serial = [*base, "--jobs", "1", args.dir]
    parallel = [*base, "--jobs", str(args.jobs), args.dir]
    if not Path(args.dir).is_dir():
        sys.exit(f"{args.dir}: no such directory")
    n_files = sum(1 for p in Path(args.dir).rglob("*") if p.is_file())
    print(f"{args.dir}: {n_files} files, {os.cpu_count()} CPUs, format {args.format}")
    print(f"{'pair':>4}  {'jobs 1 (s)':>10}  {'jobs ' + str(args.jobs) + ' (s)':>10}  {'ratio':>6}  "
          f"{'cpu 1 (s)':>9}  {'cpu ' + str(args.jobs) + ' (s)':>9}")  # fmt: skip
    ratios = []
    for i in range(args.pairs):
        order = [serial, parallel] if i % 2 == 0 else [parallel, serial]
        got = {id(cmd): timed(cmd) for cmd in order}
        (w1, c1, out1), (w2, c2, out2) = got[id(serial)], got[id(parallel)]
        if out1 != out2 or not out1:
            sys.exit("the outputs of --jobs 1 and --jobs N differ (or are empty)")
        ratios.append(w1 / w2)
        print(f"{i + 1:>4}  {w1:>10.2f}  {w2:>10.2f}  {w1 / w2:>6.2f}  {c1:>9.2f}  {c2:>9.2f}", flush=True)
    print(f"median speed-up of --jobs {args.jobs} over --jobs 1: {statistics.median(ratios):.2f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
