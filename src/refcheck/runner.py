"""A configured run: each file checked with the options of the configuration found for it.

The CLI gathers what the user typed (``command_line``: configuration keys to values) and calls
``run``; the configuration files are looked for upward from each checked file and resolved with
their trust (config.Resolver: nested files below the project root are limited), per-path overrides
are applied, and the command line wins over all of them.

An unexpected exception while one file is checked is that file's one-line error (exit status 2),
and the other files are still checked and reported; ``REFCHECK_DEBUG=1`` prints its traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refcheck.config import Config, Resolver, discover
from refcheck.discovery import Discovery
from refcheck.errors import one_line
from refcheck.links.report import LinkReport
from refcheck.model import Document
from refcheck.pipeline import CheckOptions, FileResult, check_document_links, check_file, expand_paths
from refcheck.project import project_root


@dataclass
class Run:
    results: list[FileResult]
    fail_on: dict[str, str] = field(default_factory=dict)  # path -> effective fail-on
    configs: dict[str, Config] = field(default_factory=dict)  # path -> configuration used
    links: LinkReport = field(default_factory=LinkReport)  # what the link check did (its notes)
    notes: list[str] = field(default_factory=list)  # said once on stderr (configuration limits)
    failures: list[str] = field(default_factory=list)  # errors of the whole run (exit status 2)


def debug() -> bool:
    return os.environ.get("REFCHECK_DEBUG", "") not in ("", "0")


def internal_error(exc: BaseException) -> str:
    """The one line that stands for an unexpected exception."""
    if debug():
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    what = one_line(f"{type(exc).__name__}: {exc}")[:300]
    return f"internal error ({what}); please report it (REFCHECK_DEBUG=1 shows the traceback)"


def discovery_for(
    command_line: Mapping[str, Any],
    resolver: Resolver,
    skip: Iterable[str] = (),
    exclude_paths: Iterable[str] = (),
) -> Discovery:
    """How directories are searched: the root configuration's settings, the command line winning."""
    settings = resolver.for_path(Path.cwd()).with_command_line(command_line).values

    def config_patterns(directory: Path) -> list[str]:
        if resolver.explicit is not None:
            explicit = resolver.explicit.resolve()
            return (
                list(resolver.load(explicit).values["extend-exclude"]) if directory == explicit.parent else []
            )
        from refcheck.config import _config_in

        found = _config_in(directory)
        return list(resolver.load(found).values["extend-exclude"]) if found else []

    return Discovery(
        respect_gitignore=bool(settings["respect-gitignore"]),
        exclude_paths=list(exclude_paths),
        force_exclude=bool(settings["force-exclude"]),
        config_patterns=config_patterns,
        skip={Path(s) for s in skip},
        project=resolver.root,
    )


def run(
    paths: Iterable[str],
    command_line: Mapping[str, Any],
    explicit: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    extra: Mapping[str, Any] | None = None,
    skip: Iterable[str] = (),
    exclude_paths: Iterable[str] = (),
    on_file: Callable[[FileResult, int, int], None] | None = None,
) -> Run:
    """Check ``paths``; the links of every file are checked together, in one pool, at the end.

    ``extra``: CheckOptions fields the command line sets that no configuration key has
    (``link_archive_api``, ``link_allow_private_hosts``, ``link_cache``). ``skip``: files never
    picked up from a directory (the report and baseline being written). ``on_file(result, done,
    total)`` is called as each file is checked (before its links are), for progress and streaming."""
    resolver = Resolver(explicit, project_root())
    files, errors = expand_paths(paths, discovery_for(command_line, resolver, skip, exclude_paths))
    out = Run(results=list(errors))
    for e in errors:
        out.fail_on[e.path] = str(command_line.get("fail-on", "error"))
    with_links: list[tuple[Document, CheckOptions]] = []
    for f in files:
        config = resolver.for_path(f).with_command_line(command_line)
        out.configs[f] = config
        out.fail_on[f] = str(config.effective(f)["fail-on"])
        options = config.options_for(f)
        for name, value in (extra or {}).items():
            setattr(options, name, value)
        try:
            result = check_file(f, options)
        except Exception as exc:  # the last resort: one line for this file, the others still checked
            result = FileResult(path=f, error=internal_error(exc))
        out.results.append(result)
        if on_file is not None:
            on_file(result, len(out.results) - len(errors), len(files))
        if result.doc is not None:
            with_links.append((result.doc, options))
    try:
        out.links = check_document_links(with_links, progress)
    except Exception as exc:
        out.failures.append(f"link checking failed: {internal_error(exc)}")
    out.notes = list(resolver.notes)
    return out


__all__ = ["Config", "Run", "discover", "run"]
