"""Benchmark: what one document costs, what a streamed run holds, and what an archive would take.

    python bench/scale_bench.py [DIR] [--files 100 1000] [--workers 1 8 32 128]

1. Per-document cost: ``refcheck.iter_check`` over every document of DIR (default
   ../shared/corpus/docs) in this process, links off: CPU seconds per document (CPU time, not wall
   time, so that a machine shared with other jobs still gives a usable figure), and the estimate for
   a 1,000,000-document archive on N workers of one core each (CPU per document x 10^6 / N, each
   worker's overhead for --jobs measured by bench/jobs_bench.py not included).
2. Memory: peak RSS of ``refcheck check --no-links --format jsonl`` against ``--format json`` on
   directories of 100 and 1,000 small generated documents (each run in its own process): the
   streamed run stays flat, the whole report grows with the files.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = next(
    (
        d
        for d in (ROOT.parent / "shared" / "corpus" / "docs", ROOT.parents[1] / "shared" / "corpus" / "docs")
        if d.is_dir()
    ),
    ROOT.parent / "shared" / "corpus" / "docs",
)
ARTICLES = 1_000_000


def per_document(directory: str) -> float:
    import refcheck

    files = refcheck.list_files([directory])
    before = time.process_time()
    wall = time.perf_counter()
    n = sum(1 for _ in refcheck.iter_check(files, {"links": False}))
    cpu = time.process_time() - before
    wall = time.perf_counter() - wall
    size = sum(Path(f).stat().st_size for f in files)
    each = cpu / n
    print(f"{directory}: {n} documents, {size / n / 1024:.0f} KiB each on average")
    print(f"  CPU {cpu:.2f} s (wall {wall:.2f} s): {each * 1000:.1f} ms per document, "
          f"{cpu / (size / 2**20) * 1000:.0f} ms per MiB")  # fmt: skip
    return each


def estimate(each: float, workers: list[int]) -> None:
    total = each * ARTICLES
    print(
        f"\n{ARTICLES:,} documents x {each * 1000:.1f} ms = {total:,.0f} CPU s = {total / 3600:.1f} CPU hours"
    )
    print(f"{'workers':>8}  {'hours':>6}  {'minutes':>8}")
    for n in workers:
        print(f"{n:>8}  {total / n / 3600:>6.2f}  {total / n / 60:>8.1f}")


def _corpus(directory: Path, n: int) -> None:
    directory.mkdir()
    for i in range(n):
        (directory / f"doc{i:05}.txt").write_text(
            f"Brief {i}\n\nAs Hardy (1968) argued, and later Ostrom (1990, p. 3) and Smith (2001).\n\n"
            "References\n\nHardy, Garrett (1968) The Tragedy of the Commons. Science 162.\n"
            "Ostrom, Elinor (1990) Governing the Commons. Cambridge University Press.\n",
            encoding="utf-8",
        )


def peak_rss(args: list[str]) -> float:
    """Peak resident set size of one refcheck process, in MiB (Linux reports KiB)."""
    exe = shutil.which("refcheck")
    cmd = [exe] if exe else [sys.executable, "-m", "refcheck"]
    script = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *cmd, *args], capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[-1]) / 1024


def memory(counts: list[int]) -> None:
    print(f"\npeak RSS, refcheck check --no-links --jobs 1 (MiB)\n{'files':>6}  {'jsonl':>6}  {'json':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            d = Path(tmp) / f"c{n}"
            _corpus(d, n)
            streamed = peak_rss(["check", "--no-links", "--jobs", "1", "--format", "jsonl", str(d)])
            whole = peak_rss(["check", "--no-links", "--jobs", "1", "--format", "json", str(d)])
            print(f"{n:>6}  {streamed:>6.1f}  {whole:>6.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--files", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 8, 32, 128])
    args = ap.parse_args()
    estimate(per_document(args.dir), args.workers)
    memory(args.files)


if __name__ == "__main__":
    main()
