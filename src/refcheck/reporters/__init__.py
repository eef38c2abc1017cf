"""Reporters: one small object per output format, each with ``render(results) -> str``."""

from __future__ import annotations

from collections.abc import Callable

from refcheck.pipeline import FileResult
from refcheck.reporters import json as json_reporter
from refcheck.reporters import text as text_reporter

Render = Callable[..., str]

REPORTERS: dict[str, Render] = {
    "text": text_reporter.render,
    "json": json_reporter.render,
}

__all__ = ["REPORTERS", "FileResult"]
