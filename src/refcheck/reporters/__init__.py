"""Reporters: one small object per output format, each with ``render(results) -> str``.

``REPORTERS`` imports a reporter's module when its format is first used (refcheck._lazy): the text
report does not pay for the HTML, SARIF or JUnit ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from refcheck._lazy import LazyTable

if TYPE_CHECKING:
    from refcheck.pipeline import FileResult

Render = Callable[..., str]

REPORTERS: LazyTable[Render] = LazyTable(
    {
        "text": "refcheck.reporters.text:render",
        "json": "refcheck.reporters.json:render",
        "jsonl": "refcheck.reporters.jsonl:render",  # streamed by ``check`` as the files are finished
        # integrations: "text" is the grouped "full" report on a terminal and "concise" when piped
        "full": "refcheck.reporters.full:render",
        "concise": "refcheck.reporters.text:render",
        "sarif": "refcheck.reporters.sarif:render",
        "github": "refcheck.reporters.github:render",
        "junit": "refcheck.reporters.junit:render",
        "markdown": "refcheck.reporters.markdown:render",
        "html": "refcheck.reporters.html:render",
    }
)

# Formats that read no more of a result than its path, whether it was read, and its findings (through
# ``_common.items``): a run for them need not keep the rest of each document (runner.KEEP). "text"
# is here when piped (one line per finding); on a terminal it is "full", which shows source lines.
FINDINGS_ONLY = frozenset({"text", "concise", "sarif", "github", "junit", "markdown"})

__all__ = ["FINDINGS_ONLY", "REPORTERS", "FileResult"]


def __getattr__(name: str) -> Any:
    if name == "FileResult":  # re-exported; imported when asked for, not with the package
        from refcheck.pipeline import FileResult

        return FileResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
