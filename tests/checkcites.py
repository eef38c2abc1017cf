"""Reading checkcites' report (the yardstick of tests/formats/test_checkcites.py and
bench/latex_agreement.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def checkcites(command: list[str], cwd: Path) -> tuple[set[str], set[str]]:
    """Run ``command`` (checkcites and its arguments) in ``cwd``: the keys it calls unused, and those it
    calls undefined."""
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    unused: set[str] = set()
    undefined: set[str] = set()
    target: set[str] | None = None
    for line in proc.stdout.splitlines():
        if line.startswith("Unused references"):
            target = unused
        elif line.startswith("Undefined references"):
            target = undefined
        elif line.startswith("=> ") and target is not None:
            target.add(line[3:].split(",")[0].strip())
    return unused, undefined
