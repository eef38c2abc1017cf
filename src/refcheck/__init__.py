"""refcheck: citation and reference integrity checks for articles, briefs and papers.

Library first, thin CLI. The supported entry point is :func:`check_paths` (and :func:`iter_check`,
one file at a time): paths and settings in, the records of the JSON contract out
(docs/json-output.md), nothing printed; see refcheck.api. :func:`check_file` and
:func:`check_text` run the whole pipeline (load -> document model -> citations -> references ->
link -> rules) on one document and return the internal model, for integrations that need it.

The API is imported on first use (PEP 562), so ``import refcheck.cli`` or ``refcheck --version``
does not load the pipeline; ``__version__`` is a constant, not read from the package metadata.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refcheck.api import Report, check_paths, iter_check, list_files, summarize
    from refcheck.pipeline import CheckOptions, check_file, check_text

__version__ = "0.1.0"
__all__ = [
    "CheckOptions",
    "Report",
    "__version__",
    "check_file",
    "check_paths",
    "check_text",
    "iter_check",
    "list_files",
    "summarize",
]

# name -> the module that defines it
_API = {
    "Report": "refcheck.api",
    "check_paths": "refcheck.api",
    "iter_check": "refcheck.api",
    "list_files": "refcheck.api",
    "summarize": "refcheck.api",
    "CheckOptions": "refcheck.pipeline",
    "check_file": "refcheck.pipeline",
    "check_text": "refcheck.pipeline",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
