"""Speed benchmark: refcheck on a long generated author-date document at 1x, 4x and 16x its size.

    PYTHONPATH=src python bench/perf.py [--scales 1,4,16] [--profile] [--keep DIR]

The 1x document is a 1,000-page brief with 20,000 author-date citations (parenthetical groups,
narrative, et al., locators, a/b suffixes) and a 3,000-entry reference list; Nx repeats the
pattern with N times the pages, citations and entries (distinct surnames, so the list really
grows). Each size is checked with ``python -m refcheck check --no-links`` in a subprocess (wall
time, best of --repeat), with this checkout's src first on the path. ``--profile`` also runs the
1x document in process under cProfile and prints the top functions by cumulative and own time.

Targets: 1x under 2 s on one core, and time growing linearly with size (the "s/MB" column should
stay flat). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES, CITATIONS, ENTRIES = 1_000, 20_000, 3_000
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "sa",
    "to",
    "vel",
    "an",
    "dor",
    "is",
    "ber",
    "gu",
    "ne",
    "fa",
    "hol",
    "pri",
]
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


def surname(i: int) -> str:
    """A distinct, pronounceable surname for every i."""
    parts = []
    n = i + 17
    while True:
        parts.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
        if n == 0:
            break
    return "".join(parts).capitalize()


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


def run_cli(path: Path, max_size: int, timeout: float) -> tuple[float, int, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "refcheck",
                "check",
                "--no-links",
                "--max-file-size",
                str(max_size),
                str(path),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return float("inf"), -1, f"timed out after {timeout:.0f} s"
    wall = time.perf_counter() - t0
    last = (proc.stdout.strip().splitlines() or [proc.stderr.strip()])[-1]
    return wall, proc.returncode, last


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
    ap.add_argument("--scales", default="1,4,16")
    ap.add_argument("--repeat", type=int, default=1, help="runs per size; the best is reported")
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
        f"{'size':>5} {'MB':>7} {'pages':>7} {'citations':>10} {'entries':>8} {'wall s':>8} {'s/MB':>6} {'rc':>3}  last line"
    )
    base = None
    for scale in scales:
        path = where / f"perf-{scale}x.txt"
        if not path.exists():
            path.write_text(generate(scale), encoding="utf-8")
        mb = path.stat().st_size / 1e6
        best = None
        for _ in range(args.repeat):
            wall, rc, last = run_cli(path, max(32 * 1024 * 1024, path.stat().st_size + 1), args.timeout)
            best = wall if best is None else min(best, wall)
        assert best is not None
        base = base or best
        shown = f"{best:8.2f}" if best != float("inf") else f"{'>' + format(args.timeout, '.0f'):>8}"
        print(
            f"{scale:>4}x {mb:7.1f} {PAGES * scale:7} {CITATIONS * scale:10} {ENTRIES * scale:8} {shown} "
            f"{best / mb:6.2f} {rc:3}  {last[:60]}  (x{best / base:.1f} of {scales[0]}x)"
        )
    print("(linear growth: the wall ratio equals the size ratio and s/MB stays flat)")
    if args.profile:
        path = where / f"perf-{scales[0]}x.txt"
        profile(path, args.top)
    if args.keep is None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
