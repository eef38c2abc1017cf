"""Link liveness: is each cited URL alive, moved, dead, or impossible to tell, and is it archived?

The narrow entry point is ``check_links(docs, LinkOptions())``; see docs/links.md. The result types
(``LinkState``, ``LinkResult``, ``Link``) are importable without loading the HTTP machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from refcheck.links.options import LinkOptions, parse_accept, parse_duration
from refcheck.links.report import LinkReport
from refcheck.links.results import ContentCheck, Hop, Link, LinkResult, LinkState

if TYPE_CHECKING:
    from refcheck.links.run import check_links, check_urls

__all__ = [
    "ContentCheck",
    "Hop",
    "Link",
    "LinkOptions",
    "LinkReport",
    "LinkResult",
    "LinkState",
    "check_links",
    "check_urls",
    "parse_accept",
    "parse_duration",
]


def __getattr__(name: str) -> Any:
    if name in ("check_links", "check_urls"):
        from refcheck.links import run

        return getattr(run, name)
    raise AttributeError(name)
