"""--jobs N: files checked in worker processes give the report, JSON and exit status of --jobs 1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from refcheck import parallel, runner
from refcheck.pipeline import CheckOptions

from .conftest import FIXTURES, SRC, cli

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes are forked in these tests")


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every run uses worker processes however small its input (forked, so that patches made here
    reach them); the list gets the size of each pool started."""
    import multiprocessing

    started: list[int] = []
    real_init = parallel._Pool.__init__

    def init(self: parallel._Pool[object, object], func: object, size: int) -> None:
        started.append(size)
        real_init(self, func, size)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "SERIAL_BELOW", 0)
    monkeypatch.setattr(parallel._Pool, "__init__", init)
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))
    return started


def _run(*args: str) -> tuple[int, str, str]:
    res = cli("check", "--no-links", *args)
    return res.exit_code, res.stdout, res.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "jsonl", "full"])
def test_jobs_2_is_byte_identical_to_jobs_1(pools: list[int], fmt: str) -> None:
    serial = _run("--format", fmt, "--jobs", "1", str(FIXTURES))
    assert pools == []
    two = _run("--format", fmt, "--jobs", "2", str(FIXTURES))
    assert pools == [2], "the second run did not use worker processes"
    assert two == serial
    assert serial[0] == 1  # the fixtures have findings


def test_files_keep_their_order_and_their_own_configuration(pools: list[int], tmp_path: Path) -> None:
    """Per-file settings (here a nested [[overrides]]) travel with each file to its worker."""
    seed = (FIXTURES / "000_bc11b8a9853f7d3f.txt").read_text(encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / "refcheck.toml").write_text(
        '[[overrides]]\npaths = ["quiet/*"]\nignore = ["uncited-reference"]\n', encoding="utf-8"
    )
    for d in ("a", "quiet", "z"):
        (tmp_path / d).mkdir()
        for i in range(3):
            (tmp_path / d / f"{i}.txt").write_text(seed, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        serial = _run("--format", "json", "--jobs", "1", ".")
        two = _run("--format", "json", "--jobs", "2", ".")
    finally:
        os.chdir(cwd)
    assert pools == [2]
    assert two == serial
    assert '"quiet/0.txt"' in serial[1]
    assert serial[1].count('"rule": "uncited-reference"') == 6  # a/ and z/, not quiet/


def _boom(path: str, options: CheckOptions | None = None) -> object:
    if "caspian" in path:
        raise RuntimeError("boom")
    if "diaspora" in path and os.environ.get("REFCHECK_TEST_KILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    from refcheck.pipeline import check_file

    return check_file(path, options)


def test_a_crash_in_a_worker_is_one_line_for_that_file(
    pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "check_file", _boom)
    serial = _run("--jobs", "1", str(FIXTURES))
    two = _run("--jobs", "2", str(FIXTURES))
    assert pools == [2]
    assert two == serial
    status, out, _ = two
    assert status == 2
    lines = [ln for ln in out.splitlines() if "caspian" in ln]
    assert lines == [
        f"{FIXTURES}/caspian_energy_brief.txt: error: internal error (RuntimeError: boom); "
        "please report it (REFCHECK_DEBUG=1 shows the traceback)"
    ]
    assert "000_bc11b8a9853f7d3f.txt:16:297: error year-mismatch" in out  # the others still checked


def test_a_worker_that_dies_is_one_line_for_its_file(
    pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "check_file", _boom)
    monkeypatch.setenv("REFCHECK_TEST_KILL", "1")
    status, out, _ = _run("--jobs", "2", str(FIXTURES))
    assert status == 2
    (line,) = [ln for ln in out.splitlines() if "diaspora" in ln]
    assert line.endswith("diaspora_policy.md: error: internal error (the worker process checking it "
                         "was killed by SIGKILL); please report it")  # fmt: skip
    assert "000_bc11b8a9853f7d3f.txt:16:297: error year-mismatch" in out
    assert "metal_stress_numeric.txt" in out


def test_debug_traceback_comes_from_the_parent(pools: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "check_file", _boom)
    monkeypatch.setenv("REFCHECK_DEBUG", "1")
    _, _, err = _run("--jobs", "2", str(FIXTURES))
    assert "Traceback (most recent call last)" in err and "RuntimeError: boom" in err


# --- parallel.ordered_map --------------------------------------------------------------------------


def _square(x: int) -> int:
    if x == 13:
        os.kill(os.getpid(), signal.SIGKILL)
    return x * x


def _crash(x: int, why: str) -> int:
    return -1


@pytest.mark.parametrize("window", [None, 3])
def test_ordered_map_keeps_the_order_and_survives_a_dead_worker(pools: list[int], window: int | None) -> None:
    got = list(parallel.ordered_map(_square, range(40), 3, _crash, window=window, cost=lambda x: x % 7))
    assert got == [-1 if x == 13 else x * x for x in range(40)]
    assert not parallel._LIVE  # every worker was stopped


_PARENT = os.getpid()


def _only_here(x: int) -> int:
    if os.getpid() != _PARENT:
        os._exit(3)  # a worker that cannot work at all (as when it cannot start)
    return x + 1


@pytest.mark.parametrize("window", [None, 4])
def test_workers_that_cannot_start_leave_the_work_to_this_process(
    pools: list[int], window: int | None
) -> None:
    got = list(parallel.ordered_map(_only_here, range(30), 2, _crash, window=window))
    assert got == [x + 1 for x in range(30)]  # no item blamed for the workers' failure
    assert not parallel._LIVE


def test_an_item_that_kills_every_worker_is_blamed_after_two(pools: list[int]) -> None:
    got = list(parallel.ordered_map(_square, [13, 1, 2, 3], 2, _crash))
    assert got == [-1, 1, 4, 9]


def test_a_streaming_map_takes_items_as_needed(pools: list[int]) -> None:
    taken: list[int] = []

    def items() -> Iterator[int]:
        for i in range(1000):
            taken.append(i)
            yield i

    results = parallel.ordered_map(_square, items(), 2, _crash, window=4)
    assert next(results) == 0
    assert len(taken) <= 8  # the window and the workers' items, not the whole input
    results.close()  # the consumer stops early: the workers are stopped too
    assert not parallel._LIVE


def test_one_file_or_a_small_batch_is_checked_without_workers(tmp_path: Path) -> None:
    small = tmp_path / "a.txt"
    small.write_text("x" * 1000)
    big = tmp_path / "b.txt"
    big.write_text("x" * runner.SERIAL_BELOW)
    assert runner.workers_for([str(big)], 8) == 1
    assert runner.workers_for([str(small)] * 10, 8) == 1
    assert runner.workers_for([str(small), str(big)], 8) == 2
    assert runner.workers_for([str(small), str(big)], 1) == 1


def test_usable_cpus_is_the_affinity_mask() -> None:
    if hasattr(os, "sched_getaffinity"):
        assert parallel.usable_cpus() == len(os.sched_getaffinity(0))
    assert parallel.usable_cpus() >= 1


# --- stopping --------------------------------------------------------------------------------------

_STOPPABLE = textwrap.dedent(
    """
    import signal, sys, time
    from refcheck import cli, parallel

    # Ctrl-C as in a terminal, even when this test runs where SIGINT is ignored (a background job
    # inherits that, and Python then installs no handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def slow(x):
        if x:
            time.sleep(600)
        return x

    with cli._terminate_as_exit():
        for r in parallel.ordered_map(slow, range(4), 2, lambda x, why: None):
            print(" ".join(str(p.pid) for p in parallel._LIVE), flush=True)
    """
)


def _started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot), None when it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(") ", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None if fields[0] == "Z" else fields[19]  # a zombie is dead; field 22 is the start time


def _gone(pid: int, started: str | None) -> bool:
    """Whether the process that had ``pid`` and started at ``started`` has ended (on a busy machine
    its number may already belong to another process)."""
    now = _started(pid)
    return now is None or now != started


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_workers(sig: signal.Signals) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _STOPPABLE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert proc.stdout is not None
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert len(pids) == 2
    workers = {p: _started(p) for p in pids}
    assert None not in workers.values()
    start = time.monotonic()
    proc.send_signal(sig)
    proc.wait(timeout=120)  # the workers sleep for 600 s: only stopping them ends this in time
    deadline = time.monotonic() + 120
    while not all(_gone(p, t) for p, t in workers.items()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_gone(p, t) for p, t in workers.items())
    assert time.monotonic() - start < 300  # far below the workers' 600 s, even on a loaded machine
    # SIGTERM: the CLI's handler; SIGINT: KeyboardInterrupt, re-raised as the signal by Python
    assert proc.returncode == (128 + signal.SIGTERM if sig == signal.SIGTERM else -signal.SIGINT)
