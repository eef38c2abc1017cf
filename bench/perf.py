"""Time ``refcheck check --no-links`` on a generated long author-date document at 1x, 4x and 16x.

    python3 bench/perf.py [--scales 1,4,16]

1x is 1,000 pages with 20,000 citations and 3,000 reference entries. Prints the wall time of each run
and the time per 1,000 citations, so growth that is not linear shows at once.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = [
    "Smith",
    "Jones",
    "Garcia",
    "Müller",
    "Rossi",
    "Martínez-Díaz",
    "van der Berg",
    "O'Neill",
    "Nguyen",
    "Kowalski",
    "Ibrahimov",
    "Hardy",
    "Vaisman",
    "Millán",
    "Bohorquez",
    "Rodríguez",
    "Tanaka",
    "Okafor",
]
WORDS = [
    "the",
    "policy",
    "of",
    "trade",
    "and",
    "energy",
    "shaped",
    "regional",
    "growth",
    "while",
    "diplomacy",
    "followed",
    "markets",
]


def make(path: Path, scale: int, seed: int = 7) -> tuple[int, int]:
    rnd = random.Random(seed)
    n_refs = 3000 * scale
    n_cites = 20000 * scale
    refs = []
    for i in range(n_refs):
        name = f"{rnd.choice(SURNAMES)}{i}"
        refs.append((name, str(1950 + i % 70)))
    with path.open("w", encoding="utf-8") as fh:
        per_par = 20
        for _ in range(n_cites // per_par):
            parts = []
            for _ in range(per_par):
                name, year = refs[rnd.randrange(n_refs)]
                parts.append(" ".join(rnd.choices(WORDS, k=6)) + f" ({name} {year}).")
            fh.write(" ".join(parts) + "\n\n")
        fh.write("References\n\n")
        for name, year in sorted(refs):
            fh.write(
                f"{name}, A. ({year}) A study of {rnd.choice(WORDS)} {rnd.choice(WORDS)}. Journal 3: 1-9.\n"
            )
    return n_cites, n_refs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scales", default="1,4,16")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (int(s) for s in args.scales.split(",")):
            doc = Path(tmp) / f"long-{scale}x.txt"
            cites, refs = make(doc, scale)
            size = doc.stat().st_size
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
                    "--max-file-size",
                    str(max(size + 1, 1)),
                    str(doc),
                ],
                capture_output=True,
                check=False,
            )
            wall = time.perf_counter() - t0
            status = "ok" if proc.returncode in (0, 1) else f"exit {proc.returncode}: {proc.stderr[-200:]!r}"
            print(
                f"{scale:>3}x  {cites:>7} citations  {refs:>6} entries  {size / 2**20:6.1f} MiB  "
                f"{wall:7.2f} s  {1000 * wall / cites:6.3f} s per 1,000 citations  {status}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
