"""What one run of the link checker did (``LinkReport``); importable without the HTTP machinery."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refcheck.links.results import Link, LinkResult


@dataclass
class LinkReport:
    """What one run of the link checker did."""

    results: dict[str, LinkResult] = field(default_factory=dict)  # by URL, without archive fields
    links: list[Link] = field(default_factory=list)  # every occurrence, all documents
    notes: list[str] = field(default_factory=list)  # said once to the user (stderr, info)
    requests: int = 0  # HTTP requests sent to the checked sites
    archive_requests: int = 0
    from_cache: int = 0
    network_unavailable: bool = False
    stage_timed_out: bool = False

    def counts(self) -> Counter[str]:
        return Counter(link.status.value for link in self.links)
