"""Status mapping against a real loopback server."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from refcheck.links import LinkOptions, LinkState, check_urls
from tests.links.conftest import Server, ok, page


def one(server: Server, path: str, options: LinkOptions):  # type: ignore[no-untyped-def]
    url = server.url(path)
    return check_urls([url], options)[url]


@pytest.mark.parametrize(
    ("path", "state", "reason", "code"),
    [
        ("/alive", LinkState.ALIVE, None, 200),
        ("/missing", LinkState.DEAD, "not-found", 404),
        ("/gone", LinkState.DEAD, "gone", 410),
        ("/forbidden", LinkState.UNVERIFIED, "forbidden", 403),
        ("/challenge", LinkState.UNVERIFIED, "bot-challenge", 403),
        ("/error", LinkState.UNVERIFIED, "server-error", 503),
        ("/nohead", LinkState.ALIVE, None, 200),
        ("/temp", LinkState.ALIVE, None, 200),
    ],
)
def test_status_mapping(
    site: Server, options: LinkOptions, path: str, state: LinkState, reason: str | None, code: int
) -> None:
    result = one(site, path, options)
    assert (result.status, result.reason, result.http_status) == (state, reason, code)


def test_get_first_one_request_per_url(site: Server, options: LinkOptions) -> None:
    # GET, never HEAD: one request per live URL, and servers that refuse HEAD are no trouble
    assert one(site, "/nohead", options).status is LinkState.ALIVE
    assert [m for m, p in site.log if p == "/nohead"] == ["GET"]


def test_permanent_redirect_suggests_new_url(site: Server, options: LinkOptions) -> None:
    result = one(site, "/old", options)
    assert result.status is LinkState.REDIRECTED
    assert result.suggested_url == site.url("/new")
    assert result.final_url == site.url("/new")
    assert [(h.url, h.status) for h in result.redirects] == [(site.url("/old"), 301)]


def test_temporary_redirect_records_chain(site: Server, options: LinkOptions) -> None:
    result = one(site, "/temp", options)
    assert result.final_url == site.url("/alive")
    assert [h.status for h in result.redirects] == [302]


def test_redirect_loop_is_dead(site: Server, options: LinkOptions) -> None:
    result = one(site, "/loop-a", options)
    assert (result.status, result.reason) == (LinkState.DEAD, "redirect-loop")


def test_bot_challenge_is_never_dead_and_keeps_evidence(site: Server, options: LinkOptions) -> None:
    result = one(site, "/challenge", options)
    assert result.status is LinkState.UNVERIFIED
    assert result.evidence["cf-mitigated"] == "challenge"


def test_rate_limited_honours_retry_after(site: Server, options: LinkOptions) -> None:
    options.timeout = 3  # the wait is part of the URL's time
    started = time.monotonic()
    result = one(site, "/busy-once", options)
    assert result.status is LinkState.ALIVE
    assert time.monotonic() - started >= 0.9  # waited the Retry-After second
    assert site.hits("/busy-once") == 2


def test_rate_limited_throughout_is_unverified(site: Server, options: LinkOptions) -> None:
    options.timeout = 3
    result = one(site, "/busy", options)
    assert (result.status, result.reason, result.http_status) == (LinkState.UNVERIFIED, "rate-limited", 429)
    assert site.hits("/busy") == options.retries + 1


def test_retry_after_beyond_cap_is_not_waited(site: Server, options: LinkOptions) -> None:
    options.max_retry_wait = 0.1
    started = time.monotonic()
    result = one(site, "/busy", options)
    assert result.status is LinkState.UNVERIFIED
    assert time.monotonic() - started < 0.8
    assert site.hits("/busy") == 1


def test_accept_codes(site: Server, options: LinkOptions) -> None:
    options.accept = frozenset({200, 429})
    assert one(site, "/busy", options).status is LinkState.ALIVE


def test_timeout_is_unverified(silent_port: int, options: LinkOptions) -> None:
    options.timeout = 0.3
    url = f"http://127.0.0.1:{silent_port}/never"
    started = time.monotonic()
    result = check_urls([url], options)[url]
    assert (result.status, result.reason) == (LinkState.UNVERIFIED, "timeout")
    assert time.monotonic() - started < 5


def test_soft_404_by_title_in_get_body(site: Server, options: LinkOptions) -> None:
    site.routes["/soft-nohead"] = lambda m, p, q: (
        (405, {}, b"") if m == "HEAD" else (200, {}, page("Page not found"))
    )
    result = one(site, "/soft-nohead", options)
    assert (result.status, result.reason) == (LinkState.DEAD, "soft-404")


def test_soft_404_by_title_on_host_that_answers_everything(site: Server, options: LinkOptions) -> None:
    # made-up paths under /catchall/ answer 200: the page itself is then read, and its title says 404
    site.routes["/catchall/removed"] = ok("404 - Page not found", "this item was removed from the catalogue")
    result = one(site, "/catchall/removed", options)
    assert (result.status, result.reason) == (LinkState.DEAD, "soft-404")
    assert "Page not found" in (result.detail or "")


def test_real_page_on_host_that_answers_everything_is_alive(site: Server, options: LinkOptions) -> None:
    site.routes["/catchall/report"] = ok("Annual report 2009", "the figures for the year " * 30)
    assert one(site, "/catchall/report", options).status is LinkState.ALIVE


def test_soft_404_title_on_honest_host(site: Server, options: LinkOptions) -> None:
    # the page itself says "Page not found": dead, wherever it is
    result = one(site, "/soft", options)
    assert (result.status, result.reason) == (LinkState.DEAD, "soft-404")
    assert [m for m, p in site.log if p == "/soft"] == ["GET"]


def test_site_answering_every_path_is_unverified_not_dead(site: Server, options: LinkOptions) -> None:
    # issue 9.4: a made-up path answering the same page is no evidence that the cited page is gone
    result = one(site, "/catchall/real-looking-article", options)
    assert (result.status, result.reason) == (LinkState.UNVERIFIED, "catch-all")
    assert "made-up path" in (result.detail or "")


def test_honest_site_is_not_soft_404(site: Server, options: LinkOptions) -> None:
    result = one(site, "/honest/article", options)
    assert result.status is LinkState.ALIVE
    probes = [p for _, p in site.log if p.startswith("/honest/refcheck-")]
    assert len(probes) == 1


def test_duplicate_urls_checked_once(site: Server, options: LinkOptions) -> None:
    url = site.url("/missing")
    results = check_urls([url, url, url], options)
    assert list(results) == [url]
    assert site.hits("/missing") == 1


def test_not_http_is_skipped(options: LinkOptions) -> None:
    results = check_urls(["ftp://example.invalid/file", "mailto:a@b.invalid"], options)
    assert {r.status for r in results.values()} == {LinkState.SKIPPED}


def test_exclude(site: Server, options: LinkOptions) -> None:
    options.exclude = [r"/alive$"]
    result = one(site, "/alive", options)
    assert (result.status, result.reason) == (LinkState.SKIPPED, "excluded")
    assert site.hits() == 0


def test_per_host_limit(site: Server, options: LinkOptions) -> None:
    import threading

    active = {"now": 0, "max": 0}
    lock = threading.Lock()

    def slow(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        with lock:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
        time.sleep(0.05)
        with lock:
            active["now"] -= 1
        return 200, {"Content-Type": "application/pdf"}, b"%PDF"

    site.prefixes["/slow/"] = slow
    options.per_host, options.max_concurrency = 2, 8
    results = check_urls([site.url(f"/slow/{i}") for i in range(10)], options)
    assert all(r.status is LinkState.ALIVE for r in results.values())
    assert active["max"] == 2


def test_untrusted_certificate_is_unverified_not_dead(tmp_path: Path, options: LinkOptions) -> None:
    # a self-signed certificate: the page may well be there, refcheck cannot vouch for it
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("no openssl to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    made = subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        capture_output=True,
    )  # fmt: skip
    if made.returncode != 0:
        pytest.skip("openssl could not make a certificate")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    options.timeout = 5.0  # a handshake on a loaded machine can take longer than the fixture's 0.5 s
    try:
        url = f"https://127.0.0.1:{httpd.server_address[1]}/page"
        result = check_urls([url], options)[url]
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert (result.status, result.reason) == (LinkState.UNVERIFIED, "tls-error")


def test_page_read_stops_once_the_titles_are_in(site: Server, options: LinkOptions) -> None:
    # the head and the first heading are what the checker wants: a long page is not downloaded whole
    from refcheck.links.checker import Checker, Deadline
    from refcheck.links.transport import Answer

    big = (
        b"<html><head><title>Long report</title></head><body><h1>Long report</h1>" + b"<p>text</p>" * 200_000
    )
    site.routes["/long"] = lambda m, p, q: (200, {}, big)
    checker = Checker(options)
    try:
        got = checker.fetch("GET", site.url("/long"), Deadline(5))
    finally:
        checker.close()
    assert isinstance(got, Answer) and got.body is not None
    assert len(got.body) < 64 * 1024 and not got.complete
    result = check_urls([site.url("/long")], options)[site.url("/long")]
    assert result.page is not None and result.page.title == "Long report"
