"""Crossref REST API client (https://api.crossref.org/swagger-ui/index.html).

- ``GET {api}/works/{doi}``: one work, ``{"status": "ok", "message": {...}}``; 404 when Crossref
  does not hold the DOI (it may still be another agency's: the handle API says).
- ``GET {api}/works?query.bibliographic=...&rows=5&select=...``: ``message.items``, best first,
  each with its relevance ``score``; Crossref answers every query with candidates.
- ``GET {api}/works?filter=updates:{doi}``: the notices (retractions, corrections) that update a
  work, each with ``update-to[] {"DOI", "type", "updated": {"date-parts"}}``; asked only for a work
  whose publisher deposits updates (``update-policy``) when its record shows none (``updated-by``).

Fields read from a work: ``DOI``, ``title``, ``subtitle``, ``author[].family/given/name``,
``issued.date-parts`` (else ``published-print``/``published-online``), ``container-title`` and
``short-container-title`` (every name of the journal),
``type``, ``score``, ``update-policy``, ``updated-by[]`` and ``update-to[]`` (``DOI``, ``type``,
``updated.date-parts``) and ``relation`` (``is-retracted-by``... not used for the verdict).
The polite pool is joined with ``mailto``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from refcheck.verify.http import Registry
from refcheck.verify.options import DEFAULT_CROSSREF_API
from refcheck.verify.records import Notice, Work, doi_url, normal_doi

SOURCE = "crossref"
SELECT = "DOI,title,subtitle,original-title,short-title,author,issued,published-print,published-online,container-title,short-container-title,type,score,update-policy,updated-by,update-to"


class Crossref:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.api = registry.options.crossref_api
        self.scope = registry.scope("crossref", self.api, DEFAULT_CROSSREF_API)

    def _params(self, **params: str) -> str:
        if self.registry.options.mailto:
            params["mailto"] = self.registry.options.mailto
        return urlencode(params)

    def work(self, doi: str) -> Work | None:
        """The work registered under ``doi``, or None when Crossref does not hold it."""
        key = f"{self.scope}|doi|{normal_doi(doi)}"
        found, data = self.registry.cached(key)
        if found:
            return Work.from_json(data) if data else None
        query = self._params()
        url = f"{self.api}/works/{quote(doi, safe='/:;()')}" + (f"?{query}" if query else "")
        status, body = self.registry.fetch(url)
        message = body.get("message") if status == 200 and isinstance(body, dict) else None
        work = parse_work(message) if isinstance(message, dict) else None
        self.registry.store(key, work.to_json() if work else None, work is not None)
        return work

    def search(self, query: str, rows: int = 5) -> list[Work]:
        key = f"{self.scope}|q|{query}"
        found, data = self.registry.cached(key)
        if found:
            return [Work.from_json(w) for w in data or []]
        url = f"{self.api}/works?" + self._params(
            **{"query.bibliographic": query, "rows": str(rows), "select": SELECT}
        )
        status, body = self.registry.fetch(url)
        items = _items(body) if status == 200 else []
        works = [w for item in items if (w := parse_work(item)) is not None]
        self.registry.store(key, [w.to_json() for w in works], bool(works))
        return works

    def notices(self, doi: str) -> list[Notice]:
        """The notices that update ``doi`` (``filter=updates:{doi}``)."""
        key = f"{self.scope}|updates|{normal_doi(doi)}"
        found, data = self.registry.cached(key)
        if found:
            return [Notice(**n) for n in data or [] if isinstance(n, dict)]
        url = f"{self.api}/works?" + self._params(filter=f"updates:{doi}", rows="20")
        status, body = self.registry.fetch(url)
        out: list[Notice] = []
        for item in _items(body) if status == 200 else []:
            for upd in item.get("update-to") or []:
                if isinstance(upd, dict) and normal_doi(str(upd.get("DOI", ""))) == normal_doi(doi):
                    out.append(
                        Notice(
                            str(upd.get("type", "")),
                            str(item.get("DOI") or "") or None,
                            _date(upd.get("updated")),
                        )
                    )
        self.registry.store(key, [n.__dict__ for n in out], True)
        return out


def _items(body: Any) -> list[dict[str, Any]]:
    message = body.get("message") if isinstance(body, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _all(value: Any) -> list[str]:
    """Every non-empty string of a Crossref list field (``title``, ``original-title``...)."""
    values = value if isinstance(value, list) else [value]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _date(value: Any) -> str | None:
    """``{"date-parts": [[2019, 5, 2]]}`` -> "2019-05-02"."""
    parts = value.get("date-parts") if isinstance(value, dict) else None
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return None
    nums = [p for p in parts[0] if isinstance(p, int)]
    if not nums:
        return None
    return "-".join([f"{nums[0]:04d}", *(f"{n:02d}" for n in nums[1:3])])


def parse_work(m: dict[str, Any]) -> Work | None:
    doi = m.get("DOI")
    if not isinstance(doi, str):
        return None
    title = _first(m.get("title"))
    subtitle = _first(m.get("subtitle"))
    other_titles = [
        t for t in _all(m.get("title"))[1:] + _all(m.get("original-title")) + _all(m.get("short-title"))
    ]
    if title and subtitle and subtitle.lower() not in title.lower():
        other_titles.insert(0, title)  # an entry may give the title without its subtitle
        title = f"{title}: {subtitle}"
    other_titles = list(dict.fromkeys(t for t in other_titles if t != title))
    authors = []
    for a in m.get("author") or []:
        if isinstance(a, dict):
            name = a.get("family") or a.get("name")
            if isinstance(name, str) and name.strip():
                authors.append(name.strip())
    year = None
    for k in ("issued", "published-print", "published-online", "published"):
        d = _date(m.get(k))
        if d:
            year = int(d[:4])
            break
    notices = []
    for upd in m.get("updated-by") or []:
        if isinstance(upd, dict) and isinstance(upd.get("type"), str):
            notices.append(
                Notice(
                    upd["type"],
                    upd.get("DOI") if isinstance(upd.get("DOI"), str) else None,
                    _date(upd.get("updated")),
                )
            )
    score = m.get("score")
    return Work(
        source=SOURCE,
        title=title,
        authors=authors,
        year=year,
        container=_first(m.get("container-title")),
        type=m.get("type") if isinstance(m.get("type"), str) else None,
        doi=doi,
        url=doi_url(doi),
        notices=notices,
        score=float(score) if isinstance(score, int | float) else None,
        update_policy=bool(m.get("update-policy")),
        other_titles=other_titles,
        notice=bool(m.get("update-to")),
        containers=list(dict.fromkeys(_all(m.get("container-title")) + _all(m.get("short-container-title")))),
        in_journal=m.get("type") == "journal-article",
    )
