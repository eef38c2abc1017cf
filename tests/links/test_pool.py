"""The checker's pool: the global limit holds for requests in flight, and a URL waiting for its
site's soft-404 probe (asked by another URL) does not hold a place the other sites could use."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from refcheck.links import LinkOptions, LinkState, check_urls
from refcheck.links.results import LinkResult
from tests.links.conftest import Server, ok, page, serving, status


def test_urls_waiting_for_a_probe_give_their_places_up(site: Server, options: LinkOptions) -> None:
    # site A's made-up paths answer slowly; while its probe is out, the URLs of A that wait for it
    # hold no place: B's pages are asked meanwhile, and never more than max_concurrency at once
    lock = threading.Lock()
    active = {"now": 0, "max": 0}
    probe_done: list[float] = []
    b_asked: list[float] = []

    def counted(route):  # type: ignore[no-untyped-def]
        def wrapped(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
            with lock:
                active["now"] += 1
                active["max"] = max(active["max"], active["now"])
            try:
                return route(m, p, q)  # type: ignore[no-any-return]
            finally:
                with lock:
                    active["now"] -= 1

        return wrapped

    def slow_probe(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        time.sleep(0.8)
        probe_done.append(time.monotonic())
        return 404, {"Content-Type": "text/html"}, page("Not Found")

    def b_page(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        b_asked.append(time.monotonic())
        time.sleep(0.05)
        return 200, {"Content-Type": "text/html"}, page(f"B {p}")

    site.prefixes["/a/refcheck-"] = counted(slow_probe)
    site.prefixes["/a/"] = counted(ok("A page"))
    with serving({}, host="127.0.0.2") as b:
        b.prefixes["/b/refcheck-"] = counted(status(404))  # B reports its missing pages honestly
        b.prefixes["/b/"] = counted(b_page)
        options.max_concurrency, options.per_host, options.timeout = 3, 3, 5.0
        a_urls = [site.url(f"/a/{i}") for i in range(3)]
        b_urls = [b.url(f"/b/{i}") for i in range(6)]
        results = check_urls(a_urls + b_urls, options)
    assert all(r.status is LinkState.ALIVE for r in results.values()), results
    assert site.hits() == 4  # three pages and one probe for the directory
    assert len(b_asked) == 6
    # with the A URLs holding their places until the probe answers, B would wait for it
    assert probe_done and sum(t < probe_done[0] for t in b_asked) >= 4
    assert active["max"] <= 3


def test_checking_from_inside_a_running_event_loop(site: Server, options: LinkOptions) -> None:
    # a notebook or an async caller of the API runs an event loop already: the checker's own
    # loop must not collide with it
    import asyncio

    async def caller() -> dict[str, LinkState]:
        urls = [site.url("/alive"), site.url("/missing")]
        return {u: r.status for u, r in check_urls(urls, options).items()}

    got = asyncio.run(caller())
    assert got == {site.url("/alive"): LinkState.ALIVE, site.url("/missing"): LinkState.DEAD}


def test_the_first_request_goes_out_before_every_worker_has_set_out(
    site: Server, options: LinkOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each worker's first step (up to making its connection) ran before any request was written:
    the first went out only once all 64 had set out (~13 ms on a 2,000-URL document)."""
    from refcheck.links.aio import AsyncTransport
    from refcheck.links.checker import Checker

    started: list[str] = []
    started_when_first_sent: list[int] = []
    acheck, ask = Checker.acheck, AsyncTransport._ask

    async def counted(self: Checker, url: str, prechecked: bool = False) -> LinkResult:
        started.append(url)
        return await acheck(self, url, prechecked)

    async def first(self: AsyncTransport, *args: Any) -> Any:
        if not started_when_first_sent:
            started_when_first_sent.append(len(started))
        return await ask(self, *args)

    monkeypatch.setattr(Checker, "acheck", counted)
    monkeypatch.setattr(AsyncTransport, "_ask", first)
    # (four at once on each site: a test server's listen backlog is five)
    options.max_concurrency, options.per_host, options.soft_404 = 8, 4, False
    with serving({}, host="127.0.0.2") as other:
        other.prefixes["/alive"] = ok("Alive")
        urls = [s.url(f"/alive?n={i}") for i in range(12) for s in (site, other)]
        results = check_urls(urls, options)
    assert {(r.status, r.reason) for r in results.values()} == {(LinkState.ALIVE, None)}
    assert started_when_first_sent and started_when_first_sent[0] < 8
