"""A configured run: each file checked with the options of the configuration found for it.

The CLI gathers what the user typed (``command_line``: configuration keys to values) and calls
``run``; the configuration file is looked for upward from each checked file (cached per file found),
per-path overrides are applied, and the command line wins over both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refcheck.config import Config, discover, find_config, load_config
from refcheck.links.run import LinkReport
from refcheck.model import Document
from refcheck.pipeline import CheckOptions, FileResult, check_document_links, check_file, expand_paths


@dataclass
class Run:
    results: list[FileResult]
    fail_on: dict[str, str] = field(default_factory=dict)  # path -> effective fail-on
    configs: dict[str, Config] = field(default_factory=dict)  # path -> configuration used
    links: LinkReport = field(default_factory=LinkReport)  # what the link check did (its notes)


def config_for(path: str, explicit: str | None, cache: dict[Path | None, Config]) -> Config:
    found = Path(explicit) if explicit else find_config(path)
    key = found.resolve() if found else None
    if key not in cache:
        cache[key] = load_config(found) if found else Config()
    return cache[key]


def run(
    paths: Iterable[str],
    command_line: Mapping[str, Any],
    explicit: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    extra: Mapping[str, Any] | None = None,
    on_file: Callable[[FileResult, int, int], None] | None = None,
) -> Run:
    """Check ``paths``; the links of every file are checked together, in one pool, at the end.

    ``extra``: CheckOptions fields the command line sets that no configuration key has
    (``link_archive_api``, ``link_allow_private_hosts``, ``link_cache``). ``on_file(result, done,
    total)`` is called as each file is checked (before its links are), for progress and streaming."""
    files, errors = expand_paths(paths)
    cache: dict[Path | None, Config] = {}
    out = Run(results=list(errors))
    for e in errors:
        out.fail_on[e.path] = str(command_line.get("fail-on", "error"))
    with_links: list[tuple[Document, CheckOptions]] = []
    for f in files:
        config = config_for(f, explicit, cache).with_command_line(command_line)
        out.configs[f] = config
        out.fail_on[f] = str(config.effective(f)["fail-on"])
        options = config.options_for(f)
        for name, value in (extra or {}).items():
            setattr(options, name, value)
        result = check_file(f, options)
        out.results.append(result)
        if on_file is not None:
            on_file(result, len(out.results) - len(errors), len(files))
        if result.doc is not None:
            with_links.append((result.doc, options))
    out.links = check_document_links(with_links, progress)
    return out


__all__ = ["Config", "Run", "discover", "run"]
