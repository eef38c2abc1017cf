"""The DOI handle API (https://www.doi.org/the-identifier/resources/factsheets/doi-resolution-documentation):
``GET {api}/{doi}`` answers ``{"responseCode": 1, "handle": ...}`` for a DOI that exists (whatever
agency registered it: Crossref, DataCite, mEDRA...) and ``{"responseCode": 100}`` (HTTP 404) for
one that does not. Field read: ``responseCode`` (1 exists, 100 no such handle, 200 no values: the
handle exists)."""

from __future__ import annotations

from urllib.parse import quote

from refcheck.verify.http import Registry, Unavailable
from refcheck.verify.options import DEFAULT_DOI_API
from refcheck.verify.records import normal_doi


class Handles:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.api = registry.options.doi_api
        self.scope = registry.scope("handle", self.api, DEFAULT_DOI_API)

    def exists(self, doi: str) -> bool:
        """Whether the DOI is registered; ``Unavailable`` when the answer says neither."""
        key = f"{self.scope}|{normal_doi(doi)}"
        found, data = self.registry.cached(key)
        if found and isinstance(data, bool):
            return data
        status, body = self.registry.fetch(f"{self.api}/{quote(doi, safe='/:;()')}")
        code = body.get("responseCode") if isinstance(body, dict) else None
        if code in (1, 200):
            exists = True
        elif code == 100 or (status == 404 and code is None):
            exists = False
        else:
            raise Unavailable(self.api, f"responseCode {code!r}")
        self.registry.store(key, exists, exists)
        return exists
