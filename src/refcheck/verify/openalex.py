"""OpenAlex client (https://docs.openalex.org/api-entities/works).

- ``GET {api}/works/doi:{doi}``: one work; 404 when OpenAlex does not hold the DOI.
- ``GET {api}/works?search=...&per-page=5``: ``results``, best first (``relevance_score``).

Fields read: ``id``, ``doi`` (a https://doi.org/ URL), ``display_name`` (or ``title``),
``publication_year``, ``authorships[].author.display_name`` (the last word taken as the family
name), ``primary_location.source.display_name`` (the container; ``abbreviated_title`` too,
and ``type``: only a ``journal`` is compared with the entry's), ``type``, ``is_retracted``,
``relevance_score``. ``mailto`` joins the polite pool. Documented limit: 100 requests a second.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from refcheck.verify.http import Registry
from refcheck.verify.options import DEFAULT_OPENALEX_API
from refcheck.verify.records import Work, normal_doi

SOURCE = "openalex"


class OpenAlex:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.api = registry.options.openalex_api
        self.scope = registry.scope("openalex", self.api, DEFAULT_OPENALEX_API)

    def _params(self, **params: str) -> str:
        if self.registry.options.mailto:
            params["mailto"] = self.registry.options.mailto
        return urlencode(params)

    def work(self, doi: str) -> Work | None:
        key = f"{self.scope}|doi|{normal_doi(doi)}"
        found, data = self.registry.cached(key)
        if found:
            return Work.from_json(data) if data else None
        query = self._params()
        status, body = self.registry.fetch(
            f"{self.api}/works/doi:{quote(doi, safe='/:;()')}" + (f"?{query}" if query else "")
        )
        work = parse_work(body) if status == 200 and isinstance(body, dict) else None
        self.registry.store(key, work.to_json() if work else None, work is not None)
        return work

    def search(self, query: str, rows: int = 5) -> list[Work]:
        key = f"{self.scope}|q|{query}"
        found, data = self.registry.cached(key)
        if found:
            return [Work.from_json(w) for w in data or []]
        status, body = self.registry.fetch(
            f"{self.api}/works?" + self._params(search=query, **{"per-page": str(rows)})
        )
        results = body.get("results") if status == 200 and isinstance(body, dict) else None
        works = (
            [w for r in results if isinstance(r, dict) and (w := parse_work(r))]
            if isinstance(results, list)
            else []
        )
        self.registry.store(key, [w.to_json() for w in works], bool(works))
        return works


def parse_work(r: dict[str, Any]) -> Work | None:
    title = r.get("display_name") or r.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    doi = r.get("doi")
    if isinstance(doi, str):
        doi = doi.removeprefix("https://doi.org/").removeprefix("http://doi.org/") or None
    else:
        doi = None
    authors = []
    for a in r.get("authorships") or []:
        name = (
            a.get("author", {}).get("display_name")
            if isinstance(a, dict) and isinstance(a.get("author"), dict)
            else None
        )
        if isinstance(name, str) and name.strip():
            authors.append(name.strip())
    year = r.get("publication_year")
    loc = r.get("primary_location")
    src = loc.get("source") if isinstance(loc, dict) else None
    if not isinstance(src, dict) and isinstance(r.get("host_venue"), dict):
        src = r["host_venue"]  # the older API's name for it
    container = src.get("display_name") if isinstance(src, dict) else None
    # the primary location may be a repository (PubMed Central, arXiv): only a journal is compared
    in_journal = isinstance(src, dict) and src.get("type") == "journal"
    alternates = src.get("abbreviated_title") if isinstance(src, dict) else None
    score = r.get("relevance_score")
    wid = r.get("id")
    return Work(
        source=SOURCE,
        title=title.strip(),
        authors=authors,
        year=year if isinstance(year, int) else None,
        container=container if isinstance(container, str) else None,
        type=r.get("type") if isinstance(r.get("type"), str) else None,
        doi=doi,
        url=wid
        if isinstance(wid, str) and wid.startswith("http")
        else (f"https://doi.org/{doi}" if doi else None),
        retracted=r.get("is_retracted") is True,
        score=float(score) if isinstance(score, int | float) else None,
        containers=[c for c in (container, alternates) if isinstance(c, str) and c.strip()],
        in_journal=in_journal,
    )
