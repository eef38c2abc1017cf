"""A scripted loopback registry (real HTTP on 127.0.0.1): every search answers the same candidates,
every DOI its record, in Crossref's and OpenAlex's documented shapes. For records the word-matching
fakes (fakes.py) do not make: subtitles, multilingual titles, notices, preprints, editions.

    with Scripted(dois={doi: crossref(...)}, search=[crossref(...), ...]) as reg:
        doc = reg.verify(text)
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.verify.fakes import LoopbackRegistry


def crossref(
    doi: str,
    title: str,
    authors: list[tuple[str, str]],
    year: int | None,
    type: str = "journal-article",
    **extra: Any,
) -> dict[str, Any]:
    m: dict[str, Any] = {
        "DOI": doi,
        "title": [title],
        "type": type,
        "score": 42.0,
        "author": [
            {"given": g, "family": f, "sequence": "first" if i == 0 else "additional"}
            for i, (g, f) in enumerate(authors)
        ],
        "container-title": [],
        "issued": {"date-parts": [[year]] if year else [[None]]},
        "URL": f"https://doi.org/{doi}",
    }
    m.update(extra)
    return m


def openalex(doi: str | None, title: str, authors: list[str], year: int | None) -> dict[str, Any]:
    return {
        "id": "https://openalex.org/W2000000001",
        "doi": f"https://doi.org/{doi}" if doi else None,
        "display_name": title,
        "title": title,
        "publication_year": year,
        "type": "article",
        "is_retracted": False,
        "authorships": [
            {"author_position": "first" if i == 0 else "middle", "author": {"display_name": a}}
            for i, a in enumerate(authors)
        ],
        "primary_location": None,
        "relevance_score": 12.5,
    }


class Scripted(LoopbackRegistry):
    def __init__(
        self,
        dois: dict[str, dict[str, Any]] | None = None,
        search: list[dict[str, Any]] | None = None,
        oa_dois: dict[str, dict[str, Any]] | None = None,
        oa_search: list[dict[str, Any]] | None = None,
        handles: set[str] | None = None,
    ) -> None:
        self.dois = {k.lower(): v for k, v in (dois or {}).items()}
        self.search = search or []
        self.oa_dois = {k.lower(): v for k, v in (oa_dois or {}).items()}
        self.oa_search = oa_search or []
        self.handles = {h.lower() for h in handles or set()} | set(self.dois)

    def answer(self, path: str) -> tuple[int, Any]:
        parts = urlsplit(path)
        q = parse_qs(parts.query)
        if parts.path.startswith("/crossref/works/"):
            m = self.dois.get(unquote(parts.path.removeprefix("/crossref/works/")).lower())
            if m is None:
                return 404, "Resource not found."
            return 200, {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": m}
        if parts.path == "/crossref/works":
            items = [] if "filter" in q else self.search
            return 200, {
                "status": "ok",
                "message-type": "work-list",
                "message": {"total-results": 123456, "items": items, "items-per-page": len(items)},
            }
        if parts.path.startswith("/openalex/works/doi:"):
            r = self.oa_dois.get(unquote(parts.path.removeprefix("/openalex/works/doi:")).lower())
            return (200, r) if r else (404, {"error": "Not Found"})
        if parts.path == "/openalex/works":
            return 200, {"meta": {"count": 123456}, "results": self.oa_search}
        if parts.path.startswith("/handles/"):
            doi = unquote(parts.path.removeprefix("/handles/")).lower()
            if doi in self.handles:
                return 200, {"responseCode": 1, "handle": doi, "values": []}
            return 404, {"responseCode": 100, "handle": doi}
        return 404, {}

    def reply(self, path: str) -> tuple[int, dict[str, str], bytes]:
        status, body = self.answer(path)
        raw = (body if isinstance(body, str) else json.dumps(body)).encode()
        kind = "text/plain" if isinstance(body, str) else "application/json"
        return status, {"Content-Type": kind, "X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s"}, raw

    def verify(self, text: str, fmt: str = "text") -> Any:
        from refcheck.pipeline import CheckOptions, check_text, verify_document_references

        doc = check_text(text, fmt)
        e = self.endpoints()
        opts = CheckOptions(
            verify_crossref_api=e["crossref_api"],
            verify_openalex_api=e["openalex_api"],
            verify_doi_api=e["doi_api"],
            link_cache=False,
        )
        verify_document_references([(doc, opts)])
        return doc
