"""Loopback fakes of the registries (real HTTP on 127.0.0.1), answering with the documented shapes.

    with FakeRegistries([FakeWork(...), ...]) as fake:
        options = fake.verify_options(cache_dir)        # or fake.cli_args()

One threaded server holds three APIs under path prefixes: ``/crossref`` (Crossref REST:
``/works/{doi}``, ``/works?query.bibliographic=``, ``/works?filter=updates:{doi}``), ``/openalex``
(``/works/doi:{doi}``, ``/works?search=``) and ``/handles`` (the DOI handle API). Searches, like the
real ones, always answer with candidates: the works sharing the most words with the query, padded
with unrelated "noise" works, so that a matcher that takes the first candidate fails. Crossref
answers carry ``X-Rate-Limit-Limit``/``-Interval``. ``delay`` makes every answer slow; ``fail``
maps a path prefix to a status to answer instead (429 with ``Retry-After``, 500...). Used by the
tests and the benchmarks (bench/verify_bench.py, bench/verify_accuracy.py).
"""

from __future__ import annotations

import json
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass
class FakeWork:
    doi: str | None
    title: str
    authors: list[tuple[str, str]] = field(default_factory=list)  # (given, family)
    year: int | None = None
    container: str | None = None
    type: str = "journal-article"
    # (type, notice DOI, ISO date): Crossref "updated-by" of the work
    updates: list[tuple[str, str, str]] = field(default_factory=list)
    retracted: bool = False  # OpenAlex is_retracted
    in_crossref: bool = True
    in_openalex: bool = True
    update_policy: bool = False
    listed_updates: bool = True  # False: Crossref shows no updated-by (only filter=updates finds them)

    def crossref(self) -> dict[str, Any]:
        m: dict[str, Any] = {
            "DOI": self.doi,
            "title": [self.title],
            "author": [
                {"given": g, "family": f, "sequence": "first" if i == 0 else "additional"}
                for i, (g, f) in enumerate(self.authors)
            ],
            "container-title": [self.container] if self.container else [],
            "type": self.type,
            "issued": {"date-parts": [[self.year]] if self.year else [[None]]},
            "score": 1.0,
            "URL": f"https://doi.org/{self.doi}",
        }
        if self.update_policy:
            m["update-policy"] = "https://doi.org/10.5555/crossmark_policy"
        if self.updates and self.listed_updates:
            m["updated-by"] = [
                {
                    "updated": {"date-parts": [[int(x) for x in d.split("-")]]},
                    "DOI": n,
                    "type": t,
                    "source": "publisher",
                    "label": t.title(),
                }
                for t, n, d in self.updates
            ]
        return m

    def openalex(self) -> dict[str, Any]:
        return {
            "id": f"https://openalex.org/W{abs(hash(self.title)) % 10**9}",
            "doi": f"https://doi.org/{self.doi}" if self.doi else None,
            "display_name": self.title,
            "title": self.title,
            "publication_year": self.year,
            "type": "article",
            "is_retracted": self.retracted,
            "authorships": [
                {"author_position": "first", "author": {"display_name": f"{g} {f}".strip()}}
                for g, f in self.authors
            ],
            "primary_location": {
                "source": {
                    "display_name": self.container,
                    "type": "journal" if self.type == "journal-article" else "book-series",
                }
            }
            if self.container
            else None,
            "relevance_score": 10.0,
        }


NOISE = [
    FakeWork(
        "10.5555/noise.1",
        "A survey of general methods in applied research",
        [("A", "Nobody")],
        2001,
        "Noise Journal",
    ),
    FakeWork(
        "10.5555/noise.2",
        "Policy and practice: an overview of recent studies",
        [("B", "Somebody")],
        2012,
        "Noise Review",
    ),
    FakeWork(
        "10.5555/noise.3",
        "On the analysis of data from several sources",
        [("C", "Anyone")],
        1998,
        "Noise Letters",
    ),
    FakeWork("10.5555/noise.4", "Introduction", [("D", "Editor")], 2015, "Noise Annals"),
    FakeWork(
        "10.5555/noise.5",
        "Cell growth and the economy of energy in modern states",
        [("E", "Whoever")],
        2008,
        "Noise Science",
    ),
]


def _fold(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return [w for w in re.split(r"\W+", text) if len(w) > 2]


class LoopbackRegistry:
    """One threaded HTTP server on 127.0.0.1 holding the three APIs under ``/crossref``,
    ``/openalex`` and ``/handles``; each GET is answered by ``reply(path)``: (status, headers, body).
    The server both fakes run (this module's and scripted.py's)."""

    httpd: ThreadingHTTPServer | None = None

    def reply(self, path: str) -> tuple[int, dict[str, str], bytes]:
        raise NotImplementedError

    def __enter__(self) -> Self:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                status, headers, body = owner.reply(self.path)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()

    @property
    def base(self) -> str:
        assert self.httpd is not None
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def endpoints(self) -> dict[str, str]:
        return {
            "crossref_api": f"{self.base}/crossref",
            "openalex_api": f"{self.base}/openalex",
            "doi_api": f"{self.base}/handles",
        }

    def cli_args(self) -> list[str]:
        e = self.endpoints()
        return [
            "--crossref-api",
            e["crossref_api"],
            "--openalex-api",
            e["openalex_api"],
            "--doi-api",
            e["doi_api"],
        ]


class FakeRegistries(LoopbackRegistry):
    def __init__(
        self,
        works: list[FakeWork] | None = None,
        delay: float = 0.0,
        handles: set[str] | None = None,
        rate_limit: int = 50,
    ) -> None:
        self.rate_limit = rate_limit  # Crossref's X-Rate-Limit-Limit (per second)
        self.works = list(works or [])
        self.delay = delay
        self.extra_handles = {h.lower() for h in handles or set()}  # DOIs registered elsewhere (DataCite)
        self.fail: dict[str, tuple[int, dict[str, str]]] = {}
        self.log: list[str] = []
        self.lock = threading.Lock()
        self._by_doi: dict[str, FakeWork] = {}
        self._index()

    def _index(self) -> None:
        self._by_doi = {w.doi.lower(): w for w in self.works + NOISE if w.doi}
        self._words = [
            (w, set(_fold(w.title + " " + " ".join(f for _, f in w.authors) + " " + (w.container or ""))))
            for w in self.works + NOISE
        ]

    def add(self, *works: FakeWork) -> None:
        self.works.extend(works)
        self._index()

    # --- the server ------------------------------------------------------------------------------

    def reply(self, path: str) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            self.log.append(path)
        if self.delay:
            time.sleep(self.delay)
        status, headers, body = self.answer(path)
        return status, {"Content-Type": "application/json", **headers}, body

    def env(self) -> dict[str, str]:
        e = self.endpoints()
        return {
            "REFCHECK_CROSSREF_API": e["crossref_api"],
            "REFCHECK_OPENALEX_API": e["openalex_api"],
            "REFCHECK_DOI_API": e["doi_api"],
        }

    def verify_options(self, cache_dir: Path | None = None) -> Any:
        from refcheck.verify.options import VerifyOptions

        return VerifyOptions(
            **self.endpoints(),
            cache=cache_dir is not None,
            cache_dir=cache_dir,
            retries=1,
            max_retry_wait=2.0,
        )

    def requests(self, prefix: str = "") -> int:
        with self.lock:
            return sum(1 for p in self.log if p.startswith(prefix))

    # --- the APIs --------------------------------------------------------------------------------

    def search(self, query: str, rows: int, where: str) -> list[FakeWork]:
        q = set(_fold(query))
        # the most words in common first; among equals, the work the query covers best (as a
        # relevance score would rank "Phyllotaxis" by Jean above longer titles with the word)
        pool = [
            (len(q & ws), len(q & ws) / max(1, len(ws)), i, w)
            for i, (w, ws) in enumerate(self._words)
            if getattr(w, f"in_{where}")
        ]
        pool.sort(key=lambda t: (-t[0], -t[1], t[2]))
        return [w for _, _, _, w in pool[:rows]]

    def answer(self, path: str) -> tuple[int, dict[str, str], bytes]:
        for prefix, (code, headers) in self.fail.items():
            if path.startswith(prefix):
                return code, headers, b'{"error": "failing on purpose"}'
        parts = urlsplit(path)
        q = parse_qs(parts.query)
        rl = {"X-Rate-Limit-Limit": str(self.rate_limit), "X-Rate-Limit-Interval": "1s"}
        if parts.path.startswith("/crossref/works/"):
            doi = unquote(parts.path.removeprefix("/crossref/works/")).lower()
            w = self._by_doi.get(doi)
            if w is None or not w.in_crossref:
                return 404, {"Content-Type": "text/plain", **rl}, b"Resource not found."
            return 200, rl, _dump({"status": "ok", "message-type": "work", "message": w.crossref()})
        if parts.path == "/crossref/works":
            if "filter" in q:
                target = q["filter"][0].removeprefix("updates:").lower()
                items = []
                for w in self.works:
                    for t, n, d in w.updates:
                        if w.doi and w.doi.lower() == target:
                            items.append(
                                {
                                    "DOI": n,
                                    "title": [f"Notice: {w.title}"],
                                    "type": "journal-article",
                                    "update-to": [
                                        {
                                            "DOI": w.doi,
                                            "type": t,
                                            "updated": {"date-parts": [[int(x) for x in d.split("-")]]},
                                        }
                                    ],
                                }
                            )
                return 200, rl, _work_list(items)
            rows = int(q.get("rows", ["20"])[0])
            found = self.search(q.get("query.bibliographic", [""])[0], rows, "crossref")
            return 200, rl, _work_list([w.crossref() for w in found])
        if parts.path.startswith("/openalex/works/doi:"):
            doi = unquote(parts.path.removeprefix("/openalex/works/doi:")).lower()
            w = self._by_doi.get(doi)
            if w is None or not w.in_openalex:
                return 404, {}, _dump({"error": "Not found"})
            return 200, {}, _dump(w.openalex())
        if parts.path == "/openalex/works":
            rows = int(q.get("per-page", ["25"])[0])
            found = self.search(q.get("search", [""])[0], rows, "openalex")
            return 200, {}, _dump({"meta": {"count": len(found)}, "results": [w.openalex() for w in found]})
        if parts.path.startswith("/handles/"):
            doi = unquote(parts.path.removeprefix("/handles/")).lower()
            if doi in self._by_doi or doi in self.extra_handles:
                return (
                    200,
                    {},
                    _dump(
                        {
                            "responseCode": 1,
                            "handle": doi,
                            "values": [
                                {
                                    "index": 1,
                                    "type": "URL",
                                    "data": {"format": "string", "value": f"https://example.org/{doi}"},
                                }
                            ],
                        }
                    ),
                )
            return 404, {}, _dump({"responseCode": 100, "handle": doi})
        return 404, {}, b"{}"


def _work_list(items: list[dict[str, Any]]) -> bytes:
    """Crossref's answer to a search or filter."""
    return _dump(
        {
            "status": "ok",
            "message-type": "work-list",
            "message": {"total-results": len(items), "items": items},
        }
    )


def _dump(data: Any) -> bytes:
    return json.dumps(data).encode()
