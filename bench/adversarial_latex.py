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

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from adversarial_markup import arguments, run_table  # noqa: E402
from tests.hostile_latex import INPUTS  # noqa: E402


def main() -> None:
    args = arguments(__doc__, INPUTS).parse_args()
    run_table(((name, *INPUTS[name]()) for name in args.names or list(INPUTS)), args.src, args.timeout)


if __name__ == "__main__":
    main()
