"""Reporters: one small object per output format, each with ``render(results) -> str``."""

from __future__ import annotations

from collections.abc import Callable

from refcheck.pipeline import FileResult
from refcheck.reporters import full, github, html, junit, markdown, sarif
from refcheck.reporters import json as json_reporter
from refcheck.reporters import jsonl as jsonl_reporter
from refcheck.reporters import text as text_reporter

Render = Callable[..., str]

REPORTERS: dict[str, Render] = {
    "text": text_reporter.render,
    "json": json_reporter.render,
    "jsonl": jsonl_reporter.render,  # streamed by ``check`` as the files are finished
    # integrations: "text" is the grouped "full" report on a terminal and "concise" when piped
    "full": full.render,
    "concise": text_reporter.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "markdown": markdown.render,
    "html": html.render,
}

# Formats that read no more of a result than its path, whether it was read, and its findings (through
# ``_common.items``): a run for them need not keep the rest of each document (runner.KEEP). "text"
# is here when piped (one line per finding); on a terminal it is "full", which shows source lines.
FINDINGS_ONLY = frozenset({"text", "concise", "sarif", "github", "junit", "markdown"})

__all__ = ["FINDINGS_ONLY", "REPORTERS", "FileResult"]
