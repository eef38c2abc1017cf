"""Start-up benchmark: ``refcheck check --no-links [--no-verify]`` on the seed brief against
``python3 -c "import click"``, whole process against whole process, in alternating pairs.

    python bench/startup.py [--pairs 20] [--top 15] [FILE]

Issue 11.1's target: the refcheck run within 2x the wall time of importing click (click is the
yardstick, so its own cost is "free"). Each pair runs both commands one after the other, the order
swapped every other pair so that neither always runs second; the medians of wall and CPU time
(user + system, from the children's rusage: steadier than wall time on a loaded machine) and their
ratios are printed. Then ``python -X importtime`` of the refcheck run: the modules it imports that
``import click`` does not, by own time (the least of three runs, to damp the noise), with their
total. ``--no-verify`` is passed when ``refcheck check --help`` offers it.

Both commands run with this checkout's src first on the path and with bytecode caching on
(PYTHONDONTWRITEBYTECODE removed, one warm-up run each), as on a user's machine after the first
run. The machine may be shared: figures are noisy, ratios from pairs are what to compare. Not part
of the test suite.
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
SEED = ROOT / "fixtures" / "000_bc11b8a9853f7d3f.txt"
# What a plain-text brief never needs (tests/test_startup.py keeps it so).
HEAVY = {
    "requests",
    "urllib3",
    "bs4",
    "pybtex",
    "latexcodec",
    "sqlite3",
    "rapidfuzz",
    "defusedxml",
    "pathspec",
    "platformdirs",
    "concurrent",
    "multiprocessing",
}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    env.pop("REFCHECK_DEBUG", None)
    return env


def _refcheck() -> list[str]:
    """The console script next to this interpreter (what a user runs), else ``python -m refcheck``."""
    script = Path(sys.executable).with_name("refcheck")
    if script.exists():
        return [str(script)]
    found = shutil.which("refcheck")
    return [found] if found else [sys.executable, "-m", "refcheck"]


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, exit status) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    return wall, cpu, proc.returncode


def _importtime(cmd: list[str], env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Module -> (own, cumulative) microseconds from ``python -X importtime``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *cmd],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    out: dict[str, tuple[int, int]] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:") :].split("|")
        out[name.strip()] = (int(own), int(cumulative))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", nargs="?", default=str(SEED), help="document to check (default: the seed)")
    ap.add_argument("--pairs", type=int, default=20, help="alternating pairs to run (default 20)")
    ap.add_argument("--top", type=int, default=15, help="modules to list from -X importtime (default 15)")
    args = ap.parse_args()

    env = _env()
    refcheck = _refcheck()
    help_text = subprocess.run(
        [*refcheck, "check", "--help"], env=env, capture_output=True, text=True, check=False
    ).stdout
    flags = ["--no-links"] + (["--no-verify"] if "--no-verify" in help_text else [])
    run_cmd = [*refcheck, "check", *flags, args.file]
    click_cmd = [sys.executable, "-c", "import click"]
    for cmd in (click_cmd, run_cmd):  # warm-up: bytecode written, files in the page cache
        _timed(cmd, env)

    walls: dict[str, list[float]] = {"refcheck": [], "click": []}
    cpus: dict[str, list[float]] = {"refcheck": [], "click": []}
    pair_ratios: list[float] = []
    for i in range(args.pairs):
        order = [("refcheck", run_cmd), ("click", click_cmd)]
        if i % 2:
            order.reverse()
        got = {}
        for name, cmd in order:
            wall, cpu, _ = _timed(cmd, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
            got[name] = wall
        pair_ratios.append(got["refcheck"] / got["click"])

    med = {k: statistics.median(v) for k, v in walls.items()}
    cpu = {k: statistics.median(v) for k, v in cpus.items()}
    print(f"command:   {' '.join(Path(run_cmd[0]).name if j == 0 else a for j, a in enumerate(run_cmd))}")
    print(f"yardstick: python3 -c 'import click'    ({args.pairs} alternating pairs)")
    print(f"{'':12}{'refcheck':>10}{'click':>10}{'ratio':>8}")
    print(
        f"{'wall (ms)':12}{med['refcheck'] * 1e3:10.1f}{med['click'] * 1e3:10.1f}{med['refcheck'] / med['click']:8.2f}"
    )
    print(
        f"{'cpu (ms)':12}{cpu['refcheck'] * 1e3:10.1f}{cpu['click'] * 1e3:10.1f}{cpu['refcheck'] / cpu['click']:8.2f}"
    )
    print(f"median of the per-pair wall ratios: {statistics.median(pair_ratios):.2f} (target: <= 2.00)")

    # What the run imports beyond click, by own time: the least of three runs per module.
    baseline = _importtime(["-c", "import click"], env)
    runs = [_importtime(["-m", "refcheck", "check", *flags, args.file], env) for _ in range(3)]
    own = {m: min(r.get(m, (10**9, 0))[0] for r in runs) for m in runs[0] if m not in baseline}
    own = {m: t for m, t in own.items() if t < 10**9 and m not in ("runpy", "refcheck.__main__")}
    print(
        f"\npython -X importtime: {len(own)} modules beyond click's, {sum(own.values()) / 1e3:.1f} ms in all"
    )
    for name, us in sorted(own.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {us / 1e3:7.2f} ms  {name}")
    heavy: dict[str, int] = {}
    for m in own:
        top = m.split(".")[0]
        if top in HEAVY:
            heavy[top] = heavy.get(top, 0) + 1
    print(
        "heavy dependencies imported: "
        + (", ".join(f"{k} ({n} modules)" for k, n in sorted(heavy.items())) if heavy else "none")
    )


if __name__ == "__main__":
    main()
