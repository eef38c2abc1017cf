"""Shards: split the files of one run over N machines or CI jobs, with no coordination.

``--shard K/N`` keeps the files whose path falls in shard K (1 to N). Where a path falls depends
only on the path itself, so every machine agrees without talking to the others: the path relative
to the current directory, in forward slashes (``docs/a.md`` whether given as ``./docs/a.md`` or
found in ``docs``), hashed with SHA-256 (the same on every machine and Python version, unlike
``hash()``), the first eight bytes read as a number, modulo N. Every file (and every path that fails
outright) is in exactly one shard; ``refcheck merge`` puts the shards' reports back together.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import PurePath

_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    @classmethod
    def parse(cls, spec: str) -> Shard:
        """``K/N`` with 1 <= K <= N; ValueError with the reason otherwise."""
        m = _SPEC.match(spec)
        if not m:
            raise ValueError(f"expected K/N such as 1/4, not {spec!r}")
        k, n = int(m.group(1)), int(m.group(2))
        if n < 1 or not 1 <= k <= n:
            raise ValueError(f"K must be between 1 and N in K/N, not {spec!r}")
        return cls(k, n)

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, path: str) -> bool:
        return shard_of(path, self.count) == self.index


def key(path: str) -> str:
    """The form of ``path`` that is hashed: relative to the current directory, forward slashes."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:  # another drive (Windows): no relative path
        rel = absolute
    return PurePath(rel).as_posix()


def shard_of(path: str, count: int) -> int:
    """The shard (1 to ``count``) that ``path`` falls in."""
    import hashlib  # here: only --shard needs it (OpenSSL's start-up cost is paid by every run otherwise)

    digest = hashlib.sha256(key(path).encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1
