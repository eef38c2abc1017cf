"""Link liveness: is each cited URL alive, moved, dead, or impossible to tell, and is it archived?

The narrow entry point is ``check_links(docs, LinkOptions())``; see docs/links.md. The result types
(``LinkState``, ``LinkResult``, ``Link``) are importable without loading the HTTP machinery.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refcheck.links.options import LinkOptions, parse_accept, parse_duration
    from refcheck.links.report import LinkReport
    from refcheck.links.results import ContentCheck, Hop, Link, LinkResult, LinkState
    from refcheck.links.run import check_links, check_urls

# Each name from its module, imported when first asked for (PEP 562): ``refcheck.links.results`` can
# be imported by the link rules without the options, the report, or the HTTP machinery of ``run``.
_WHERE = {
    "ContentCheck": "results",
    "Hop": "results",
    "Link": "results",
    "LinkOptions": "options",
    "LinkReport": "report",
    "LinkResult": "results",
    "LinkState": "results",
    "check_links": "run",
    "check_urls": "run",
    "parse_accept": "options",
    "parse_duration": "options",
}
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
    if name in _WHERE:
        return getattr(importlib.import_module(f"refcheck.links.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
