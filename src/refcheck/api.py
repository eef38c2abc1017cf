"""The supported library entry point: paths and settings in, the JSON contract's records out.

    import refcheck

    report = refcheck.check_paths(["docs/"], {"links": False})
    for f in report.files:                # the ``files[]`` records of docs/json-output.md
        for finding in f["findings"]:
            print(f["path"], finding["line"], finding["rule"], finding["message"])
    report.summary                        # {"files": ..., "errors": ..., "warnings": ..., ...}
    report.status                         # the exit status ``refcheck check`` would give

    for record in refcheck.iter_check(paths, {"links": False}):   # one file at a time
        ...

A run through this API is the run of ``refcheck check --format json`` with the same settings, from
the same current directory: configuration files are found upward from each file and trusted as
there, ``settings`` wins over them as the command line does, and the records are the JSON report's,
byte for byte once serialised. Nothing is printed; what the command would say on standard error
is in ``Report.notes`` and ``Report.failures``. The records (plain dicts, lists, strings, numbers)
are the stable part: they follow the contract's versioning, unlike the internal model objects.

Stable: the names exported here and in ``refcheck.__all__``, their parameters and the record shapes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from refcheck.config import ALIASES, SCHEMA, ConfigError
from refcheck.model import Severity

VERSION = 1  # the JSON contract's version (refcheck.reporters.records.VERSION)

FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "never": None}


@dataclass(frozen=True)
class Report:
    """The outcome of ``check_paths``.

    ``files``: one record per file, in the order checked (contract v1, ``files[]``).
    ``summary``: the JSON report's ``summary``. ``status``: 0, 1 (a finding at or above each file's
    fail-on) or 2 (a file could not be read, or a whole-run stage failed), as ``refcheck check``
    exits. ``notes``: what the run said once (configuration limits, no network, ...).
    ``failures``: errors of the whole run (link checking failed)."""

    files: list[dict[str, Any]]
    summary: dict[str, Any]
    status: int
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The whole JSON report: ``{"version": 1, "files": [...], "summary": {...}}``."""
        return {"version": VERSION, "files": self.files, "summary": self.summary}


# keys of a configuration file only: they shape directory walks from that file's place
_NOT_SETTINGS = ("extend-exclude", "allow-nested-config")


def _command_line(settings: Mapping[str, Any] | None, jobs: int | None) -> dict[str, Any]:
    """``settings`` checked as a configuration file's keys are (ConfigError names a bad one)."""
    out: dict[str, Any] = {}
    for given, value in (settings or {}).items():
        key = ALIASES.get(given, given)
        if key not in SCHEMA or key in _NOT_SETTINGS:
            import difflib  # only on this error's way

            known = [k for k in SCHEMA if k not in _NOT_SETTINGS]
            # "fail_on", the spelling of a Python caller, is close to "fail-on"
            close = difflib.get_close_matches(str(given).replace("_", "-"), known, 1, 0.75)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"settings: unknown key {given!r}{hint} (known keys: {', '.join(known)})")
        try:
            out[key] = SCHEMA[key].check(value)
        except ValueError as exc:
            raise ConfigError(f"settings: {given}: {exc}") from None
    if jobs is not None:
        out["jobs"] = SCHEMA["jobs"].check(jobs)
    return out


def _paths(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    if isinstance(paths, str | os.PathLike):
        raise TypeError("paths: expected a list of paths, not one path")
    return [os.fspath(p) for p in paths]


def _severity_counts(findings: Iterable[dict[str, Any]], counts: dict[str, int]) -> None:
    for f in findings:
        counts[f["severity"]] += 1


def _status(failed: bool, records_fail_on: Iterable[tuple[dict[str, Any], str]]) -> int:
    status = 2 if failed else 0
    for rec, fail_on in records_fail_on:
        if rec.get("error") is not None and rec.get("format") is None:
            status = 2
            continue
        threshold = FAIL_ON[fail_on]
        if threshold is not None and any(Severity.parse(f["severity"]) >= threshold for f in rec["findings"]):
            status = max(status, 1)
    return status


def check_paths(
    paths: Iterable[str | os.PathLike[str]],
    settings: Mapping[str, Any] | None = None,
    *,
    config: str | os.PathLike[str] | None = None,
    jobs: int | None = 1,
) -> Report:
    """Check ``paths`` (files, or directories searched for supported files) as ``refcheck check``.

    ``settings``: configuration keys (the names of the configuration file and the command line:
    ``{"links": False, "select": ["year-mismatch"], "fail-on": "warning"}``), over any configuration
    file, as the command line is. ``config``: a configuration file to use instead of those found
    upward from each file. ``jobs``: worker processes (1: in this process, the default for a library;
    None: the ``jobs`` setting, else the usable CPUs). Links are checked, in one pool for all files,
    unless ``settings`` turns them off (``"links": False``) as the command line's default is on.

    Raises ``refcheck.errors.UsageError`` (``ConfigError``) for an unknown setting, a bad value or a
    bad configuration file; files that cannot be read are records with an ``error``, never exceptions."""
    from refcheck import runner
    from refcheck.reporters.records import document_record, error_record

    run = runner.run(_paths(paths), _command_line(settings, jobs), os.fspath(config) if config else None)
    files = [document_record(r.doc) if r.doc else error_record(r) for r in run.results]
    summary = summarize(files)
    status = _status(bool(run.failures), ((rec, run.fail_on.get(rec["path"], "error")) for rec in files))
    return Report(
        files=files,
        summary=summary,
        status=status,
        notes=[*run.notes, *run.links.notes],
        failures=list(run.failures),
    )


def iter_check(
    paths: Iterable[str | os.PathLike[str]],
    settings: Mapping[str, Any] | None = None,
    *,
    config: str | os.PathLike[str] | None = None,
    jobs: int | None = 1,
) -> Iterator[dict[str, Any]]:
    """Like ``check_paths``, one ``files[]`` record at a time as each file is finished, in order
    (``--format jsonl``): memory does not grow with the number of files. With links on, a file is
    finished once the links of its batch (up to 64 files) are checked."""
    from refcheck import runner
    from refcheck.reporters.records import document_record, error_record

    stream = runner.stream(
        _paths(paths), _command_line(settings, jobs), os.fspath(config) if config else None
    )
    for result, _ in stream.results:
        yield document_record(result.doc) if result.doc else error_record(result)


def list_files(
    paths: Iterable[str | os.PathLike[str]],
    settings: Mapping[str, Any] | None = None,
    *,
    config: str | os.PathLike[str] | None = None,
) -> list[str]:
    """The files ``check_paths`` would check for ``paths``: directories searched as by
    ``refcheck check`` (supported formats, .gitignore and exclude patterns respected), in its order.
    To split the work yourself: each file checked on its own gives the same record. A path that
    cannot be searched (it does not exist) is listed too, first, as check_paths reports it: checked,
    it gives its error record, so a misspelt path is never a report of nothing."""
    from refcheck import runner

    plan = runner.plan(_paths(paths), _command_line(settings, None), os.fspath(config) if config else None)
    return [e.path for e in plan.errors] + list(plan.files)


def summarize(files: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The ``summary`` of a report made of ``files`` records (from ``iter_check``, or several runs)."""
    counts = {"error": 0, "warning": 0, "info": 0}
    n = unreadable = 0
    for rec in files:
        n += 1
        unreadable += rec.get("error") is not None and rec.get("format") is None
        _severity_counts(rec["findings"], counts)
    return {
        "files": n,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "unreadable": unreadable,
    }


__all__ = ["Report", "check_paths", "iter_check", "list_files", "summarize"]
