"""Check an archive on a Dask cluster: a bag of paths mapped through refcheck's API (docs/scale.md).

    pip install 'refcheck-citations[dask] @ git+https://github.com/refcheck/refcheck'
    python docs/dask_recipe.py tcp://scheduler:8786 archive/ out/ [--links] [--verify]
    refcheck merge out/part-*.jsonl --format sarif -o report.sarif

Each partition of the bag is a list of paths; ``check_partition`` runs ``refcheck.iter_check`` on
it in one Dask task and returns a complete JSONL report (one line per file, then the summary line),
which ``to_textfiles`` writes as ``out/part-N.jsonl``. ``refcheck merge`` then makes one report of
the parts, in any format, with the exit status of the whole. The workers read the documents from a
path they all see (a shared file system, or the same checkout on every machine).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from typing import Any

import refcheck


def check_partition(paths: list[str], settings: Mapping[str, Any]) -> list[str]:
    """One partition: its files checked in this task, as the lines of a JSONL report."""
    records = list(refcheck.iter_check(paths, settings))
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]
    summary = {"version": 1, "summary": refcheck.summarize(records)}
    return [*lines, json.dumps(summary, separators=(",", ":"))]


def check_archive(
    client: Any,
    paths: list[str],
    out_dir: str,
    settings: Mapping[str, Any] | None = None,
    files_per_partition: int = 200,
) -> list[str]:
    """Check ``paths`` on the cluster of ``client``; returns the JSONL files written in ``out_dir``.

    ``settings``: as for ``refcheck.check_paths``, but links and registry verification are off
    unless it says ``"links": True`` (each partition then checks its own links, through the link
    cache that REFCHECK_CACHE_DIR names on each worker) or ``"verify": True``."""
    import dask.bag as db

    settings = {"links": False, "verify": False, **(settings or {})}
    paths = sorted(paths)
    partitions = max(1, -(-len(paths) // files_per_partition))
    bag = db.from_sequence(paths, npartitions=partitions)
    lines = bag.map_partitions(check_partition, settings)
    os.makedirs(out_dir, exist_ok=True)
    client.compute(lines.to_textfiles(os.path.join(out_dir, "part-*.jsonl"), compute=False), sync=True)
    return sorted(os.path.join(out_dir, f) for f in os.listdir(out_dir) if f.startswith("part-"))


def main() -> None:
    from dask.distributed import Client

    address, archive, out_dir = sys.argv[1:4]
    settings = {"links": "--links" in sys.argv[4:], "verify": "--verify" in sys.argv[4:]}
    paths = refcheck.list_files([archive])  # what refcheck check ARCHIVE would check
    with Client(address) as client:
        for part in check_archive(client, paths, out_dir, settings):
            print(part)


if __name__ == "__main__":
    main()
