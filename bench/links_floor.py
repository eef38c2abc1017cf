"""The least a CPython process can do for bench/links_bench.py: read the document, find its URLs by
one regular expression, GET each with asyncio streams (keep-alive, 64 at once, 8 per host), count
the statuses, exit. No analysis, no cache, no soft-404 probes, no report: the yardstick of what
the link stage's whole process could cost in CPython (links_bench.py times it beside lychee).

    python bench/links_floor.py DOC [--concurrency 64] [--per-host 8]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import re
import socket
import sys
from urllib.parse import urlsplit

_QUICKACK = getattr(socket, "TCP_QUICKACK", None)  # (Linux) as refcheck's transport: links/aio.py


async def check(path: str, concurrency: int, per_host: int) -> collections.Counter[int]:
    with open(path, encoding="utf-8") as f:
        urls = list(dict.fromkeys(re.findall(r"https?://[^\s<>]+", f.read())))
    every = asyncio.Semaphore(concurrency)
    hosts: dict[tuple[str, int], asyncio.Semaphore] = collections.defaultdict(
        lambda: asyncio.Semaphore(per_host)
    )
    idle: dict[tuple[str, int], list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]] = (
        collections.defaultdict(list)
    )
    counts: collections.Counter[int] = collections.Counter()

    async def get(url: str) -> None:
        parts = urlsplit(url)
        key = (parts.hostname or "", parts.port or 80)
        async with hosts[key], every:
            reader, writer = idle[key].pop() if idle[key] else await asyncio.open_connection(*key)
            writer.write(f"GET {parts.path or '/'} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode())
            sock = writer.get_extra_info("socket")
            if _QUICKACK is not None and sock is not None:
                sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)  # servers writing head and body apart
            head = await reader.readuntil(b"\r\n\r\n")
            length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
            await reader.readexactly(int(length.group(1)) if length else 0)
            idle[key].append((reader, writer))
            counts[int(head.split(b" ", 2)[1])] += 1

    await asyncio.gather(*(get(u) for u in urls))
    return counts


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("doc")
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--per-host", type=int, default=8)
    args = ap.parse_args()
    print(dict(asyncio.run(check(args.doc, args.concurrency, args.per_host))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
