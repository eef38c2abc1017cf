"""refcheck: citation and reference integrity checks for articles, briefs and papers.

Library first, thin CLI: :func:`check_file` and :func:`check_text` run the whole pipeline
(load -> document model -> citations -> references -> link -> rules -> links -> report)
without click.

The API is imported on first use (PEP 562), so ``import refcheck.cli`` or ``refcheck --version``
does not load the pipeline; ``__version__`` is a constant, not read from the package metadata.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refcheck.pipeline import CheckOptions, check_file, check_paths, check_text

__version__ = "0.1.0"
__all__ = ["CheckOptions", "__version__", "check_file", "check_paths", "check_text"]

_API = {"CheckOptions", "check_file", "check_paths", "check_text"}


def __getattr__(name: str) -> Any:
    if name in _API:
        from refcheck import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
