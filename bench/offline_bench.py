"""Benchmark: a run with links on (the default) and no network, against the same run with --no-links.

    python bench/offline_bench.py [--docs 200] [--corpus ../shared/corpus/docs] [--rounds 1]

Takes the first N documents of the corpus (sorted paths) and times, whole process, in alternating
order: ``refcheck check --format json DOCS`` (links on, a fresh cache each time) and ``refcheck
check --no-links --format json DOCS``. Without a network refcheck must notice after a few hosts
and stop trying (issue 9.3: at most 1.3 x the --no-links time). The network is taken away with
``unshare -rn`` (a new network namespace with only a loopback that is down) when the system allows
it; otherwise, or with ``--as-is`` (a machine that is already offline, where name lookups wait
for a resolver that never answers, which is the slow case), the run uses the machine's network as
it is, and says so. Prints both times, the
ratio and refcheck's note. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def offline_prefix() -> list[str]:
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


def refcheck_cmd() -> list[str]:
    exe = shutil.which("refcheck") or shutil.which("refcheck", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "refcheck"]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    return time.perf_counter() - started, proc


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--corpus", default=None, help="default: ../shared/corpus/docs beside the project")
    ap.add_argument("--rounds", type=int, default=1, help="alternating pairs; medians are reported")
    ap.add_argument(
        "--as-is",
        action="store_true",
        help="use the machine's network as it is (a machine already offline, whose resolver times out)",
    )
    args = ap.parse_args()
    candidates = [ROOT.parent / "shared", ROOT.parent.parent / "shared", Path("../shared").resolve()]
    corpus = (
        Path(args.corpus)
        if args.corpus
        else next(
            (c / "corpus" / "docs" for c in candidates if (c / "corpus" / "docs").is_dir()), candidates[0]
        )
    )
    docs = sorted(str(p) for p in corpus.rglob("*") if p.is_file())[: args.docs]
    if not docs:
        print(f"no documents under {corpus}")
        return 2
    prefix = [] if args.as_is else offline_prefix()
    print(f"{len(docs)} documents from {corpus}; network: {'none (unshare -rn)' if prefix else 'as is'}")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    env["PYTHONPATH"] = str(ROOT / "src")
    times: dict[str, list[float]] = {"links": [], "no-links": []}
    with tempfile.TemporaryDirectory() as tmp:
        for rnd in range(args.rounds):
            env["REFCHECK_CACHE_DIR"] = str(Path(tmp) / f"cache-{rnd}")
            t, proc = timed([*prefix, *refcheck_cmd(), "check", "--format", "json", *docs], env)
            times["links"].append(t)
            notes = [ln for ln in proc.stderr.splitlines() if "network" in ln]
            print(f"links on, offline: {t:7.2f} s (exit {proc.returncode}) {notes[:1]}")
            t, proc = timed([*prefix, *refcheck_cmd(), "check", "--no-links", "--format", "json", *docs], env)
            times["no-links"].append(t)
            print(f"--no-links:        {t:7.2f} s (exit {proc.returncode})")
    ratio = statistics.median(times["links"]) / statistics.median(times["no-links"])
    print(f"ratio links-on offline / --no-links: {ratio:.2f} (target <= 1.3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
