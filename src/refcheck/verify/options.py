"""How references are verified: ``VerifyOptions`` and the registries' endpoints."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_CROSSREF_API = "https://api.crossref.org"
DEFAULT_OPENALEX_API = "https://api.openalex.org"
DEFAULT_DOI_API = "https://doi.org/api/handles"

FOUND_MAX_AGE = 30 * 86400.0  # an answer naming a work is reused this long
NOT_FOUND_MAX_AGE = 7 * 86400.0  # "no such work" is asked again sooner: a DOI may be registered since


def _env(name: str, default: str) -> str:
    return (os.environ.get(name) or default).rstrip("/")


@dataclass
class VerifyOptions:
    """Endpoints (chosen by the user, never by a document: fetched even on loopback), politeness
    and the cache. Defaults: the command line's, each endpoint from its REFCHECK_* variable."""

    crossref_api: str = field(default_factory=lambda: _env("REFCHECK_CROSSREF_API", DEFAULT_CROSSREF_API))
    openalex_api: str = field(default_factory=lambda: _env("REFCHECK_OPENALEX_API", DEFAULT_OPENALEX_API))
    doi_api: str = field(default_factory=lambda: _env("REFCHECK_DOI_API", DEFAULT_DOI_API))
    mailto: str | None = field(default_factory=lambda: os.environ.get("REFCHECK_MAILTO") or None)
    timeout: float = 15.0  # seconds one request may take
    retries: int = 2  # further tries after 429, 5xx and timeouts
    max_retry_wait: float = 10.0  # longest Retry-After honoured
    per_host: int = 3  # requests at once on one registry
    workers: int = 8  # entries looked up at once
    rate: float = 10.0  # requests per second on one host until its headers say otherwise
    openalex_rate: float = 50.0  # OpenAlex documents 100 a second (and sends no budget headers): half
    cache: bool = True
    cache_dir: Path | None = None  # None: REFCHECK_CACHE_DIR or the user cache directory
    found_max_age: float = FOUND_MAX_AGE
    not_found_max_age: float = NOT_FOUND_MAX_AGE
    max_body: int = 4 * 1024 * 1024
    stage_timeout: float = 900.0  # seconds the whole stage may take (0: no limit); the rest end unverified

    def __post_init__(self) -> None:
        self.crossref_api = self.crossref_api.rstrip("/")
        self.openalex_api = self.openalex_api.rstrip("/")
        self.doi_api = self.doi_api.rstrip("/")
        if self.cache_dir is not None and not isinstance(self.cache_dir, Path):
            self.cache_dir = Path(self.cache_dir)
