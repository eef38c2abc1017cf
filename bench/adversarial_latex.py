#!/usr/bin/env python3
"""Hostile LaTeX and BibTeX inputs: time and peak memory of ``refcheck check`` on each.

    python bench/adversarial_latex.py [NAME ...] [--src DIR] [--timeout S]

The inputs are built by ``tests/hostile_latex.py`` (the same ones tests/formats/test_latex_projects.py
bounds): an unclosed ``\\footnote{`` repeated, footnotes nested 20,000 deep, ``\\cite{`` repeated,
``\\url{http://a)))...}``, ``\\iffalse`` nested, BibTeX @strings defined by doubling, a large @string
used in many entries, a plain 1 MB .bib, a .bib whose braces never close. Each is written with its
side files to a temporary directory and checked in a subprocess of its own (bench/adversarial_markup.py's
``measure``: wall and CPU seconds, peak MB). ``--src`` runs another checkout's ``src`` (before/after).
Target (issue 9): no input of 1 MB or less over 5 s or 1 GB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from adversarial_markup import measure  # noqa: E402
from tests.hostile_latex import INPUTS  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help=f"inputs to run (default: all): {', '.join(INPUTS)}")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the refcheck src directory to run")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args()
    print(f"{'input':22} {'size':>9} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'exit':>5}  note")
    for name in args.names or list(INPUTS):
        filename, data, side = INPUTS[name]()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / filename
            path.write_bytes(data)
            for side_name, content in side.items():
                (Path(tmp) / side_name).write_bytes(content)
            size = len(data) + sum(len(c) for c in side.values())
            elapsed, cpu, rss, code, note = measure(path, args.src, args.timeout)
            print(
                f"{name:22} {size:9,} {elapsed:7.2f} {cpu:7.2f} {rss:8.0f} {code:>5}  {note[:60]}", flush=True
            )


if __name__ == "__main__":
    main()
