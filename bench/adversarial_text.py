#!/usr/bin/env python3
"""Hostile text inputs for the extractors (citations, footnotes, URLs, reference lists): time and
peak memory of ``refcheck check`` on each.

    python bench/adversarial_text.py [NAME ...] [--size BYTES] [--src DIR] [--timeout S]

The inputs are built by ``tests/hostile_text.py`` (the same ones tests/test_parser_bounds.py bounds,
there at a smaller size), at ``--size`` bytes each (default 1 MB), and each is checked with
``python -m refcheck check --no-links --no-verify --format json`` in a subprocess of its own (the measuring
child of bench/adversarial_markup.py), so that its peak memory is its own. ``--src`` runs another
checkout's ``src`` (before and after a change). One row per input: size, wall and CPU seconds,
peak MB, exit status, and the number of findings or the error. Target (issues 9 and 13.3): no input
of 1 MB or less over 5 s or 1 GB. Not part of the test suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from adversarial_markup import arguments, run_table  # noqa: E402
from tests.hostile_text import INPUTS, MB  # noqa: E402


def main() -> None:
    ap = arguments(__doc__, INPUTS)
    ap.add_argument("--size", type=int, default=MB, help="bytes per input (default 1,000,000)")
    args = ap.parse_args()
    worst = run_table(
        ((name, *INPUTS[name](args.size), {}) for name in args.names or list(INPUTS)), args.src, args.timeout
    )
    print(f"slowest: {worst:.2f} s of CPU (target: under 5 s and 1 GB per input of 1 MB or less)")


if __name__ == "__main__":
    main()
