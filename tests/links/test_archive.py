"""Archived copies from a fake Wayback availability API whose answer depends on the timestamp."""

from __future__ import annotations

import datetime as dt

import pytest

from refcheck.links import LinkOptions, LinkState, check_links
from refcheck.links.archive import ArchiveClient
from refcheck.pipeline import check_text
from tests.links.conftest import Capture, Server, redirect, wayback

TEXT = """Energy matters (Smith 2009).

References

Smith, John (2009) Pipelines and power. {url} (accessed 16 September 2009).
"""


def setup(site: Server, options: LinkOptions, captures: list[Capture], path: str = "/missing"):  # type: ignore[no-untyped-def]
    site.routes["/wayback/available"] = wayback(captures)
    options.archive = "auto"
    options.archive_api = site.url("/wayback/available")
    return check_text(TEXT.format(url=site.url(path)))


def asked(site: Server) -> int:
    return site.hits("/wayback/available")


def test_nearest_capture_before_access_date_is_chosen(site: Server, options: LinkOptions) -> None:
    # the capture closest to 2009-09-16 is after it (2009-10-01); the one to cite is 2008-06-01
    captures = [Capture("20050101000000"), Capture("20080601120000"), Capture("20091001000000")]
    doc = setup(site, options, captures)
    check_links(doc, options)
    (link,) = doc.links
    assert link.status is LinkState.DEAD
    assert link.accessed == "2009-09-16"
    assert link.result.archive_timestamp == "20080601120000"
    assert link.result.archive_url and link.result.archive_url.endswith("/20080601120000/" + link.url)
    assert asked(site) >= 2


def test_capture_on_access_date_needs_one_question(site: Server, options: LinkOptions) -> None:
    doc = setup(site, options, [Capture("20090915000000"), Capture("20120101000000")])
    check_links(doc, options)
    assert doc.links[0].result.archive_timestamp == "20090915000000"
    assert doc.links[0].result.archive_note is None
    assert asked(site) == 1


def test_capture_with_error_status_is_passed_over(site: Server, options: LinkOptions) -> None:
    doc = setup(site, options, [Capture("20090910000000", "404"), Capture("20090101000000")])
    check_links(doc, options)
    assert doc.links[0].result.archive_timestamp == "20090101000000"


def test_only_later_capture_is_noted(site: Server, options: LinkOptions) -> None:
    doc = setup(site, options, [Capture("20150101000000")])
    check_links(doc, options)
    result = doc.links[0].result
    assert result.archive_timestamp == "20150101000000"
    assert result.archive_note and "no capture before 2009-09-16" in result.archive_note
    assert "days from 2009-09-16" in result.archive_note


def test_no_capture(site: Server, options: LinkOptions) -> None:
    doc = setup(site, options, [])
    check_links(doc, options)
    assert doc.links[0].result.archive_url is None


def test_alive_links_are_not_looked_up_in_auto_but_are_in_all(site: Server, options: LinkOptions) -> None:
    doc = setup(site, options, [Capture("20090101000000")], path="/alive")
    check_links(doc, options)
    assert doc.links[0].result.archive_url is None and asked(site) == 0
    options.archive = "all"
    check_links(doc, options)
    assert doc.links[0].result.archive_timestamp == "20090101000000"


def test_archive_none(site: Server, options: LinkOptions) -> None:
    doc = setup(site, options, [Capture("20090101000000")])
    options.archive = "none"
    check_links(doc, options)
    assert doc.links[0].result.archive_url is None and asked(site) == 0


def test_archive_answers_are_cached(site: Server, options: LinkOptions) -> None:
    doc = setup(site, options, [Capture("20080601000000"), Capture("20091001000000")])
    check_links(doc, options)
    first = asked(site)
    report = check_links(
        setup(site, options, [Capture("20080601000000"), Capture("20091001000000")]), options
    )
    assert asked(site) == first
    assert report.archive_requests == 0 and report.requests == 0


def test_no_access_date_uses_today(site: Server, options: LinkOptions) -> None:
    site.routes["/wayback/available"] = wayback([Capture("20200101000000"), Capture("20240101000000")])
    options.archive, options.archive_api = "auto", site.url("/wayback/available")
    doc = check_text(f"See {site.url('/gone')} for the old page.\n")
    check_links(doc, options, today=dt.date(2024, 6, 1))
    assert doc.links[0].result.archive_timestamp == "20240101000000"


def test_archive_rate_limit_is_waited_out(site: Server, options: LinkOptions) -> None:
    from tests.links.conftest import once_then

    site.routes["/wayback/available"] = once_then(
        429, {"Retry-After": "0"}, wayback([Capture("20090101000000")])
    )
    options.archive, options.archive_api = "auto", site.url("/wayback/available")
    doc = check_text(TEXT.format(url=site.url("/missing")))
    check_links(doc, options)
    assert doc.links[0].result.archive_timestamp == "20090101000000"
    assert asked(site) == 2


def test_archive_requests_are_spaced(site: Server, options: LinkOptions) -> None:
    import time

    doc = setup(site, options, [Capture("20050101000000"), Capture("20091001000000")])
    options.archive_interval = 0.2
    started = time.monotonic()
    check_links(doc, options)
    n = asked(site)
    assert n >= 2
    assert time.monotonic() - started >= 0.2 * (n - 1)


# --- the archive client under the safety rules (issue 13.8) --------------------------------------


def test_endpoint_on_loopback_is_trusted(site: Server, options: LinkOptions) -> None:
    # the user chose the API: it is asked even on loopback without --allow-private-hosts
    site.routes["/wayback/available"] = wayback([Capture("20090101000000")])
    options.allow_private_hosts = False
    options.archive_api = site.url("/wayback/available")
    client = ArchiveClient(options, None)
    try:
        snap = client.lookup("http://example.org/gone", dt.date(2009, 9, 16))
    finally:
        client.close()
    assert snap is not None and snap.timestamp == "20090101000000"
    assert asked(site) == 1


@pytest.mark.parametrize(
    "target",
    [
        "http://localhost:{port}/secret",
        "http://127.1:{port}/secret",
        "http://[::1]:{port}/secret",
        "http://169.254.169.254/latest/meta-data/",
        "http://user@localhost:{port}/secret",
    ],
)
def test_archive_redirect_to_private_address_is_not_followed(
    site: Server, options: LinkOptions, target: str
) -> None:
    secret = {"n": 0}

    def secret_route(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        secret["n"] += 1
        return 200, {"Content-Type": "application/json"}, b'{"archived_snapshots": {}}'

    site.routes["/secret"] = secret_route
    site.routes["/wayback/available"] = redirect(302, target.format(port=site.port))
    options.allow_private_hosts = False
    options.archive_api = site.url("/wayback/available")
    client = ArchiveClient(options, None)
    try:
        snap = client.lookup("http://example.org/gone", dt.date(2009, 9, 16))
    finally:
        client.close()
    assert snap is None
    assert secret["n"] == 0
    assert client.unavailable and "non-public" in client.unavailable


def test_archive_redirect_to_the_same_public_api_is_followed(site: Server, options: LinkOptions) -> None:
    site.routes["/wayback/available"] = wayback([Capture("20090101000000")])
    site.routes["/old-api"] = lambda m, p, q: (
        301,
        {"Location": "/wayback/available?" + "&".join(f"{k}={v[0]}" for k, v in q.items())},
        b"",
    )
    options.archive_api = site.url("/old-api")  # allow_private_hosts is on in these tests
    client = ArchiveClient(options, None)
    try:
        snap = client.lookup("http://example.org/gone", dt.date(2009, 9, 16))
    finally:
        client.close()
    assert snap is not None and snap.timestamp == "20090101000000"


def test_archive_retry_after_is_capped(site: Server, options: LinkOptions) -> None:
    import time

    from tests.links.conftest import once_then

    site.routes["/wayback/available"] = once_then(
        429, {"Retry-After": "86400"}, wayback([Capture("20090101000000")])
    )
    options.archive_api = site.url("/wayback/available")
    options.max_retry_wait = 0.3
    client = ArchiveClient(options, None)
    started = time.monotonic()
    try:
        snap = client.lookup("http://example.org/gone", dt.date(2009, 9, 16))
    finally:
        client.close()
    assert time.monotonic() - started < 3
    assert snap is not None
