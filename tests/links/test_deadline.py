"""One deadline per URL for the whole exchange, one for the link stage (issue 13.4).

``--timeout`` used to bound each socket read, so a server sending one byte a second held a run
indefinitely. These servers trickle for up to 20 s; the checks must end near the timeout.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from refcheck.links import LinkOptions, LinkState, check_links, check_urls
from refcheck.pipeline import check_text
from tests.links.conftest import Server, Trickle


@pytest.fixture
def trickle_headers() -> Iterator[Trickle]:
    server = Trickle(b"HTTP/1.1 200 OK\r\n", b"X-Padding: aaaaaaaaaaaaaaaaaaaa\r\n", every=0.1)
    yield server
    server.close()


@pytest.fixture
def trickle_body() -> Iterator[Trickle]:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\n\r\n<html><title>Slow"
    server = Trickle(head, b"x", every=0.1)
    yield server
    server.close()


def test_trickled_headers_are_cut_at_the_timeout(trickle_headers: Trickle, options: LinkOptions) -> None:
    options.timeout = 1.0
    url = trickle_headers.url("/slow")
    started = time.monotonic()
    result = check_urls([url], options)[url]
    elapsed = time.monotonic() - started
    assert (result.status, result.reason) == (LinkState.UNVERIFIED, "timeout")
    assert elapsed < 4, elapsed


def test_trickled_body_is_cut_at_the_timeout(trickle_body: Trickle, options: LinkOptions) -> None:
    # the status line came in time: the page is there; its body is cut at the deadline
    options.timeout = 1.0
    url = trickle_body.url("/slow")
    started = time.monotonic()
    result = check_urls([url], options)[url]
    elapsed = time.monotonic() - started
    assert result.status is LinkState.ALIVE and result.http_status == 200
    assert elapsed < 4, elapsed


def test_deadline_covers_every_redirect_hop(site: Server, options: LinkOptions) -> None:
    def hop(n: int):  # type: ignore[no-untyped-def]
        def route(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
            time.sleep(0.3)
            return 302, {"Location": f"/hop/{n + 1}"}, b""

        return route

    for n in range(8):
        site.routes[f"/hop/{n}"] = hop(n)
    options.timeout = 1.0
    url = site.url("/hop/0")
    started = time.monotonic()
    result = check_urls([url], options)[url]
    elapsed = time.monotonic() - started
    assert (result.status, result.reason) == (LinkState.UNVERIFIED, "timeout")
    assert 1 <= len(result.redirects) <= 4
    assert elapsed < 3, elapsed


def test_link_stage_deadline(site: Server, options: LinkOptions) -> None:
    def slow(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        time.sleep(0.4)
        return 200, {"Content-Type": "application/pdf"}, b"%PDF"

    site.prefixes["/slow/"] = slow
    options.timeout, options.max_concurrency, options.per_host = 5.0, 2, 2
    options.stage_timeout = 1.0
    doc = check_text("\n".join(f"See {site.url(f'/slow/{i}')} here." for i in range(12)) + "\n")
    started = time.monotonic()
    report = check_links(doc, options)
    elapsed = time.monotonic() - started
    assert elapsed < 3, elapsed
    states = [(lk.status, lk.result.reason) for lk in doc.links]
    assert (LinkState.ALIVE, None) in states
    late = [s for s in states if s == (LinkState.UNVERIFIED, "stage-timeout")]
    assert len(late) >= 6
    assert report.stage_timed_out
    assert sum("ran out of time" in n for n in report.notes) == 1
    # said once for the run, not once per link
    assert not [f for f in doc.findings if f.rule == "link-unverified"]


def test_stage_deadline_cuts_a_trickling_server(trickle_body: Trickle, options: LinkOptions) -> None:
    options.timeout, options.stage_timeout = 30.0, 1.0
    url = trickle_body.url("/slow")
    started = time.monotonic()
    check_urls([url], options)
    assert time.monotonic() - started < 4


def test_trickled_tls_handshake_is_cut_at_the_timeout(options: LinkOptions) -> None:
    # a TLS record header announcing 16,000 bytes, then one byte at a time: the handshake itself
    # must be cut at the URL's deadline
    server = Trickle(bytes([0x16, 0x03, 0x03, 0x3E, 0x80]), b"\x00", every=0.1)
    try:
        options.timeout = 1.0
        url = f"https://127.0.0.1:{server.port}/slow"
        started = time.monotonic()
        result = check_urls([url], options)[url]
        elapsed = time.monotonic() - started
    finally:
        server.close()
    assert result.status is LinkState.UNVERIFIED
    assert elapsed < 4, elapsed
