"""Baselines: record today's findings so that a CI gate fails only on new ones.

A finding is matched by its fingerprint: the path, the rule and what it is about (the citation's
text and the entry's text, whitespace folded) but not its line, so that editing elsewhere in the
file does not make old findings new. Duplicates count: two identical findings in the baseline
absorb two, a third is new.

Paths are stored relative to the directory of the baseline file (version 2), so the same baseline
matches whether refcheck runs from the repository root or a subdirectory. Version 1 baselines
(paths relative to the directory refcheck ran from) are still read, and matched as before.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refcheck.errors import UsageError, one_line
from refcheck.files import FileTooLarge, NotRegularFile, read_regular
from refcheck.model import Finding
from refcheck.pipeline import FileResult

VERSION = 2
READABLE = (1, 2)
MAX_SIZE = 256 * 2**20  # about 300 bytes a finding: room for some 800,000 findings


def _norm_path(path: str, base: Path | None = None) -> str:
    """``path`` relative to ``base`` (default: the current directory), in forward slashes.

    Relative to the baseline's directory the path may climb (``../docs/a.md``); relative to the
    current directory (version 1) a path outside it stays absolute, as before."""
    p = Path(path)
    if base is None:
        with contextlib.suppress(ValueError):
            p = p.resolve().relative_to(Path.cwd().resolve())
        return p.as_posix()
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return p.resolve().as_posix()


def _norm_path_once(path: str, base: Path | None, paths: dict[str, str] | None) -> str:
    """``_norm_path``, remembered in ``paths`` (one call's memo, for one ``base``): the file system
    is asked once a file, not once a finding (60,000 findings: 5 s of path resolving)."""
    if paths is None:
        return _norm_path(path, base)
    norm = paths.get(path)
    if norm is None:
        norm = paths[path] = _norm_path(path, base)
    return norm


def fingerprint(
    f: Finding, doc_path: str, base: Path | None = None, paths: dict[str, str] | None = None
) -> str:
    """The finding's identity; paths relative to ``base`` (the baseline's directory), or to the
    current directory when ``base`` is None. ``paths``: see ``_norm_path_once``."""
    parts = [
        _norm_path_once(f.path or doc_path, base, paths),
        f.rule,
        " ".join((f.citation or "").split()),
        " ".join((f.reference or "").split()),
    ]
    if not f.citation and not f.reference:
        parts.append(" ".join(f.message.split()))
    text = "\x1f".join(parts)
    try:
        data = text.encode("utf-8", "surrogateescape")  # a file name's bytes as they are
    except UnicodeEncodeError:  # another lone surrogate (a CSL-JSON "\ud800"): never a crash
        data = text.encode("utf-8", "surrogatepass")
    import hashlib

    return hashlib.sha256(data).hexdigest()[:32]


def record(results: list[FileResult], base: Path | None = None) -> dict[str, Any]:
    """The baseline document for ``results``; paths relative to ``base`` (default: the current directory)."""
    base = base if base is not None else Path.cwd()
    entries = []
    paths: dict[str, str] = {}
    for r in results:
        for f in r.doc.findings if r.doc else ():
            entries.append(
                {
                    "fingerprint": fingerprint(f, r.path, base, paths),
                    "path": _norm_path_once(f.path or r.path, base, paths),
                    "rule": f.rule,
                    "citation": f.citation,
                    "message": f.message,
                }
            )
    return {"version": VERSION, "paths": "relative to this file", "findings": entries}


def render(results: list[FileResult], path: str) -> tuple[str, int]:
    """The text of a baseline file to be written at ``path`` and how many findings it holds."""
    import json  # json and hashlib only when a baseline is used (start-up: CONTRIBUTING.md)

    data = record(results, Path(os.path.abspath(path)).parent)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text, len(data["findings"])


def write(results: list[FileResult], path: str) -> int:
    """Write the baseline at ``path`` atomically; return how many findings it holds."""
    from refcheck.output import reserve

    text, n = render(results, path)
    with reserve(path, "the baseline") as out:
        out.commit(text)
    return n


@dataclass
class Baseline:
    """A baseline read from a file: the fingerprints it holds and how they were computed."""

    known: Counter[str] = field(default_factory=Counter)
    base: Path | None = None  # the directory paths are relative to (None: the current directory)


def read(path: str) -> Baseline:
    import json

    shown = one_line(path)
    try:
        # (utf-8-sig: a baseline saved by Windows Notepad begins with a byte order mark)
        data = json.loads(read_regular(path, MAX_SIZE).decode("utf-8-sig"))
    except FileNotFoundError:
        raise UsageError(f"{shown}: baseline file not found (create it with --write-baseline)") from None
    except IsADirectoryError:
        raise UsageError(f"{shown}: the baseline is a directory, not a file") from None
    except NotRegularFile:
        raise UsageError(
            f"{shown}: the baseline is not a regular file (a device, a FIFO or a socket)"
        ) from None
    except FileTooLarge:
        raise UsageError(f"{shown}: over {MAX_SIZE // 2**20} MiB, not a refcheck baseline") from None
    except OSError as exc:
        raise UsageError(f"{shown}: the baseline cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise UsageError(f"{shown}: not a refcheck baseline (not UTF-8 text)") from None
    except ValueError as exc:
        raise UsageError(f"{shown}: not a refcheck baseline (not JSON: {one_line(str(exc))})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise UsageError(f"{shown}: not a refcheck baseline (no list of findings)")
    version = data.get("version")
    if version not in READABLE:
        raise UsageError(
            f"{shown}: baseline version {version!r} is not one this refcheck reads "
            f"({', '.join(map(str, READABLE))})"
        )
    known = Counter(str(e.get("fingerprint")) for e in data["findings"] if isinstance(e, dict))
    base = Path(os.path.abspath(path)).parent if version >= 2 else None
    return Baseline(known, base)


def apply(results: list[FileResult], baseline: Baseline | Counter[str], consume: bool = False) -> int:
    """Drop findings the baseline holds (each baseline entry absorbs one); return how many were dropped.

    ``consume``: use up ``baseline``'s entries, so that results given in several calls (a streamed
    run) are matched as if given at once."""
    if not isinstance(baseline, Baseline):
        baseline = Baseline(Counter(baseline), None)
    left = baseline.known if consume else Counter(baseline.known)
    dropped = 0
    paths: dict[str, str] = {}
    for r in results:
        if r.doc is None:
            continue
        kept = []
        for f in r.doc.findings:
            fp = fingerprint(f, r.path, baseline.base, paths)
            if left[fp] > 0:
                left[fp] -= 1
                dropped += 1
            else:
                kept.append(f)
        r.doc.findings = kept
    return dropped
