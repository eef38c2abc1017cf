"""Speed benchmark: refcheck on a long generated author-date document at 1x, 4x and 16x its size.

    PYTHONPATH=src python bench/perf.py [--scales 1,16] [--repeat 3] [--profile] [--keep DIR]

The 1x document is a 1,000-page brief with 20,000 author-date citations (parenthetical groups,
narrative, et al., locators, a/b suffixes) and a 3,000-entry reference list; Nx repeats the
pattern with N times the pages, citations and entries (distinct surnames, so the list really
grows). Each size is checked with ``python -m refcheck check --no-links --no-verify`` (the network
stages off: this measures reading) in a subprocess (wall
time, CPU time and peak memory of that process), with this checkout's src first on the path and
``--format json``. The first size runs ``--repeat`` times, each run paired with the floor
(``../shared/bench/floor.py``, one regular-expression pass over the same file, run first in each
pair). ``--profile`` also runs the 1x document in process under cProfile and prints the top
functions by cumulative and own time.

Prints, last, the figures of issue 11.2: the 1x document's time over the floor's (median of the
pairs; target within 10), the 16x time over the 1x (target within 17), and the 16x peak memory over
the file size (target under 10). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.hostile_text import surname  # noqa: E402  (the same names as the hostile inputs)

PAGES, CITATIONS, ENTRIES = 1_000, 20_000, 3_000
FILLER = [
    "Trade between the two capitals grew slowly",
    "the pipeline changed the regional balance",
    "officials disagreed about transit fees",
    "the diaspora kept close ties with the homeland",
    "energy revenues financed most of the budget",
    "the agreement was signed after long talks",
    "observers expected a decision within a year",
    "exports remained small in absolute terms",
]


def generate(scale: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    n_entries, n_cites, n_pages = ENTRIES * scale, CITATIONS * scale, PAGES * scale
    authors = [(surname(i), surname(i + 7 * n_entries), 1950 + i % 70) for i in range(n_entries)]
    per_page = n_cites // n_pages
    out: list[str] = ["Caspian energy: a long report", ""]
    cited = 0
    for page in range(n_pages):
        sentences = []
        for k in range(per_page):
            i = (page * per_page + k) * 7919 % n_entries  # every entry cited, spread over the text
            a, b, y = authors[i]
            form = k % 5
            text = rng.choice(FILLER)
            if form == 0:
                sentences.append(f"{text} ({a} {y}).")
            elif form == 1:
                sentences.append(f"{a} ({y}) argues that {text.lower()}.")
            elif form == 2:
                sentences.append(f"{text} ({a} and {b} {y}, p. {k + 3}).")
            elif form == 3:
                sentences.append(f"{text} (see {a} et al. {y}).")
            else:
                sentences.append(f"In {y + 1} {text.lower()}, as {a} {y} notes.")
            cited += 1
        out.append(" ".join(sentences))
        out.append("")
    out += ["References", ""]
    for a, b, y in sorted(authors):
        out.append(
            f"{a}, Anna and {b}, Boris ({y}) {rng.choice(FILLER).capitalize()}. Baku University Press."
        )
    assert cited == n_cites
    return "\n".join(out) + "\n"


def _shared() -> Path:
    """The shared data directory (``../shared`` of the main checkout; a worktree's is further up)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "bench" / "floor.py").exists():
            return base / "shared"
    return ROOT.parent / "shared"


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    rc: int
    last: str


def run_measured(argv: list[str], timeout: float, env: dict[str, str] | None = None) -> Run:
    """Run ``argv`` to completion: wall seconds, CPU seconds, peak resident MB (of that process
    alone, from wait4), exit status and the last line it printed."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                return Run(float("inf"), float("inf"), float("nan"), -1, f"timed out after {timeout:.0f} s")
            time.sleep(0.005)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
        last = (lines or [err.read().decode("utf-8", "replace").strip()])[-1]
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, last)


def run_cli(path: Path, max_size: int, timeout: float, fmt: str) -> Run:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    argv = [sys.executable, "-m", "refcheck", "check", "--no-links", "--no-verify"]
    argv += ["--max-file-size", str(max_size)]
    return run_measured([*argv, "--format", fmt, str(path)], timeout, env)


def run_floor(path: Path, floor: Path, timeout: float) -> Run:
    return run_measured(["python3", str(floor), str(path)], timeout)


def profile(path: Path, top: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from refcheck.pipeline import CheckOptions, check_file

    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    result = check_file(str(path), CheckOptions(links=False, max_file_size=path.stat().st_size + 1))
    prof.disable()
    wall = time.perf_counter() - t0
    doc = result.doc
    assert doc is not None, result.error
    print(
        f"\nin process, 1x: {wall:.2f} s ({len(doc.citations)} citations, {len(doc.references or [])} entries, "
        f"{len(doc.findings)} findings)"
    )
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(top)
        lines = buf.getvalue().splitlines()
        start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls"))
        print(f"\ncProfile, top {top} by {key}:")
        print("\n".join(lines[start : start + top + 1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", default="1,16")
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of the first size, each paired with the floor"
    )
    ap.add_argument("--format", default="json", help="report format of the runs (default: json)")
    ap.add_argument("--floor", type=Path, default=_shared() / "bench" / "floor.py", help="the floor script")
    ap.add_argument("--profile", action="store_true", help="cProfile the 1x document in process")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds before a run is abandoned")
    ap.add_argument("--keep", type=Path, default=None, help="write the documents here and keep them")
    args = ap.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",")]

    tmp = tempfile.TemporaryDirectory(prefix="refcheck-perf-")
    where = args.keep or Path(tmp.name)
    where.mkdir(parents=True, exist_ok=True)
    print(
        f"{'size':>5} {'MB':>7} {'pages':>7} {'citations':>10} {'entries':>8} {'wall s':>8} {'cpu s':>7} "
        f"{'s/MB':>6} {'peak MB':>8} {'peak/size':>9} {'rc':>3}  last line"
    )
    first: tuple[float, float] | None = None  # wall, cpu of the first size
    ratios: list[tuple[float, float]] = []  # refcheck / floor of each pair: wall, cpu
    summary: list[str] = []
    for n, scale in enumerate(scales):
        path = where / f"perf-{scale}x.txt"
        if not path.exists():
            path.write_text(generate(scale), encoding="utf-8")
        size = path.stat().st_size
        mb = size / 1e6
        runs = []
        for _ in range(args.repeat if n == 0 else 1):
            if n == 0 and args.floor.exists():
                floor = run_floor(path, args.floor, args.timeout)
            run = run_cli(path, max(32 * 1024 * 1024, size + 1), args.timeout, args.format)
            if n == 0 and args.floor.exists():
                ratios.append((run.wall / floor.wall, run.cpu / max(floor.cpu, 1e-3)))
            runs.append(run)
        run = min(runs, key=lambda r: r.wall)
        if first is None:
            first = (run.wall, run.cpu)
        shown = f"{run.wall:8.2f}" if run.wall != float("inf") else f"{'>' + format(args.timeout, '.0f'):>8}"
        print(
            f"{scale:>4}x {mb:7.1f} {PAGES * scale:7} {CITATIONS * scale:10} {ENTRIES * scale:8} {shown} "
            f"{run.cpu:7.2f} {run.wall / mb:6.2f} {run.peak_mb:8.0f} {run.peak_mb * 2**20 / size:9.1f} "
            f"{run.rc:3}  {run.last[:50]}",
            flush=True,
        )
        if n == 0 and ratios:
            wall_r = statistics.median(r[0] for r in ratios)
            cpu_r = statistics.median(r[1] for r in ratios)
            summary.append(
                f"{scale}x / floor: {wall_r:.1f} wall, {cpu_r:.1f} CPU (median of {len(ratios)} alternating "
                f"pairs; target: within 10)"
            )
        elif n > 0:
            summary.append(
                f"{scale}x / {scales[0]}x: {run.wall / first[0]:.1f} wall, {run.cpu / first[1]:.1f} CPU "
                f"(size x{scale}; target: within {scale + 1})"
            )
            summary.append(
                f"{scale}x peak memory / file size: {run.peak_mb * 2**20 / size:.1f} (target: under 10)"
            )
    print("\n".join(summary))
    if args.profile:
        path = where / f"perf-{scales[0]}x.txt"
        profile(path, args.top)
    if args.keep is None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
