"""Baselines: record today's findings so that a CI gate fails only on new ones.

A finding is matched by its fingerprint: the path, the rule and what it is about (the citation's
text and the entry's text, whitespace folded) but not its line, so that editing elsewhere in the
file does not make old findings new. Duplicates count: two identical findings in the baseline
absorb two, a third is new.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from refcheck.errors import UsageError
from refcheck.model import Finding
from refcheck.pipeline import FileResult

VERSION = 1


def _norm_path(path: str) -> str:
    p = Path(path)
    with contextlib.suppress(ValueError):
        p = p.resolve().relative_to(Path.cwd().resolve())
    return p.as_posix()


def fingerprint(f: Finding, doc_path: str) -> str:
    parts = [
        _norm_path(f.path or doc_path),
        f.rule,
        " ".join((f.citation or "").split()),
        " ".join((f.reference or "").split()),
    ]
    if not f.citation and not f.reference:
        parts.append(" ".join(f.message.split()))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def record(results: list[FileResult]) -> dict[str, Any]:
    entries = []
    for r in results:
        for f in r.doc.findings if r.doc else ():
            entries.append(
                {
                    "fingerprint": fingerprint(f, r.path),
                    "path": _norm_path(f.path or r.path),
                    "rule": f.rule,
                    "citation": f.citation,
                    "message": f.message,
                }
            )
    return {"version": VERSION, "findings": entries}


def write(results: list[FileResult], path: str) -> int:
    data = record(results)
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    os.replace(tmp, path)
    return len(data["findings"])


def read(path: str) -> Counter[str]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise UsageError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: not a refcheck baseline ({exc})") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or not isinstance(data.get("findings"), list)
    ):
        raise UsageError(f"{path}: not a refcheck baseline (version {VERSION} expected)")
    return Counter(str(e.get("fingerprint")) for e in data["findings"] if isinstance(e, dict))


def apply(results: list[FileResult], known: Counter[str]) -> int:
    """Drop findings the baseline holds (each baseline entry absorbs one); return how many were dropped."""
    left = Counter(known)
    dropped = 0
    for r in results:
        if r.doc is None:
            continue
        kept = []
        for f in r.doc.findings:
            fp = fingerprint(f, r.path)
            if left[fp] > 0:
                left[fp] -= 1
                dropped += 1
            else:
                kept.append(f)
        r.doc.findings = kept
    return dropped
