"""Soft 404s: only a page that says "not found" is dead; a site answering every path is unverified
(issue 9.4); reading and comparing pages is linear in their size (issue 13.4)."""

from __future__ import annotations

import secrets
import time

import pytest

from refcheck.links import LinkOptions, LinkState, check_urls
from refcheck.links.page import read_page
from refcheck.links.soft404 import make_probe, same_page, says_not_found
from tests.links.conftest import Server, page, redirect


def one(server: Server, path: str, options: LinkOptions):  # type: ignore[no-untyped-def]
    url = server.url(path)
    return check_urls([url], options)[url]


def spa_shell(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
    # a single-page app: every path gets the same shell (with a fresh nonce), the script routes
    nonce = secrets.token_hex(8)
    body = (
        f'<html><head><title>Open Data Portal</title><script nonce="{nonce}" src="/app.js"></script>'
        f'</head><body><div id="root"></div><noscript>Enable JavaScript to use the portal '
        f"{'and browse thousands of datasets, maps and reports ' * 20}</noscript></body></html>"
    ).encode()
    return 200, {}, body


def test_single_page_app_is_unverified_never_dead(site: Server, options: LinkOptions) -> None:
    site.prefixes["/portal/"] = spa_shell
    result = one(site, "/portal/dataset/energy-2009", options)
    assert (result.status, result.reason) == (LinkState.UNVERIFIED, "catch-all")


def test_made_up_paths_sent_to_the_home_page_are_unverified(site: Server, options: LinkOptions) -> None:
    site.routes["/"] = lambda m, p, q: (200, {}, page("Ministry of Energy", "Welcome " * 50))
    site.prefixes["/news/"] = redirect(302, "/")
    result = one(site, "/news/2009/pipeline-opens", options)
    assert (result.status, result.reason) == (LinkState.UNVERIFIED, "catch-all")
    assert result.final_url == site.url("/")


def test_real_page_on_a_site_that_answers_everything(site: Server, options: LinkOptions) -> None:
    site.routes["/catchall/report"] = lambda m, p, q: (
        200,
        {},
        page("Annual report 2009", "the figures for the year, region by region " * 30),
    )
    assert one(site, "/catchall/report", options).status is LinkState.ALIVE


def test_page_saying_not_found_on_a_catch_all_site_is_dead(site: Server, options: LinkOptions) -> None:
    site.routes["/catchall/gone"] = lambda m, p, q: (200, {}, page("Page not found"))
    result = one(site, "/catchall/gone", options)
    assert (result.status, result.reason) == (LinkState.DEAD, "soft-404")


def test_title_with_404_in_it_is_not_a_soft_404(site: Server, options: LinkOptions) -> None:
    site.routes["/cwa"] = lambda m, p, q: (200, {}, page("Clean Water Act Section 404 permits"))
    assert one(site, "/cwa", options).status is LinkState.ALIVE


@pytest.mark.parametrize(
    ("title", "dead"),
    [
        ("404", True),
        ("Error 404", True),
        ("404 - Page not found", True),
        ("404 Not Found", True),
        ("Page not found | Ministry of Foreign Affairs", True),
        ("Not Found", True),
        ("Sorry, we can't find that page", True),
        ("This page does not exist", True),
        ("Seite nicht gefunden", True),
        ("Página no encontrada", True),
        ("Error 404 - Page not found", True),
        ("The page you requested could not be found", False),
        ("404 Page Not Found design examples for web designers", False),
        ("Clean Water Act Section 404 permits", False),
        ("Flight 404 crash report", False),
        ("Found in translation: Azerbaijan and Mexico", False),
        ("Drug no longer available in Europe", False),
        ("Annual report 2009", False),
    ],
)
def test_says_not_found(title: str, dead: bool) -> None:
    info = read_page(f"<html><head><title>{title}</title></head><body><p>text</p></body></html>")
    assert bool(says_not_found(info)) is dead


ADVERSARIAL = {
    "h1 repeated": "<h1>" * 65536,
    "h1 closed repeated": "<h1>a</h1>" * 26214,
    "title repeated": "<title>" * 37449,
    "meta repeated": "<meta " * 43690,
    "meta long": "<meta " + "a" * 262000,
    "lt repeated": "<" * 262144,
    "attr run": '<meta property="og:title" content="' + "x" * 262000,
    "comment": "<!--" * 65536,
    "h2 and h3": "<h2><h3>" * 32768,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_reading_a_page_is_linear(name: str) -> None:
    body = ADVERSARIAL[name]
    started = time.process_time()
    read_page(body)
    probe = make_probe(200, body, "http://example.org/a/x")
    same_page(probe, body[::-1], "http://example.org/a/y")
    assert time.process_time() - started < 2.0


def test_256_kb_of_headings_on_a_catch_all_site(site: Server, options: LinkOptions) -> None:
    # issue 13.4: a 256 KB body of repeated <h1> cost 80 s of CPU in the soft-404 comparison
    body = b"<h1>" * 65536
    site.prefixes["/h1/"] = lambda m, p, q: (200, {}, body + p.encode())
    options.timeout = 5
    started = time.process_time()
    result = one(site, "/h1/page", options)
    assert time.process_time() - started < 5
    assert result.status is LinkState.UNVERIFIED


def test_home_page_sent_where_unknown_paths_go_is_alive(site: Server, options: LinkOptions) -> None:
    # /index.html redirects to / as every unknown path does: that is the home page, not a catch-all
    site.routes["/"] = lambda m, p, q: (200, {}, page("Ministry of Energy", "Welcome " * 50))
    site.routes["/index.html"] = redirect(301, "/")
    site.prefixes["/refcheck-"] = redirect(302, "/")
    result = one(site, "/index.html", options)
    assert result.status is LinkState.REDIRECTED
