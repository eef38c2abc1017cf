"""No network at all: said once, links unverified, never dead."""

from __future__ import annotations

from refcheck.links import LinkOptions, LinkState, check_links, check_urls
from refcheck.pipeline import check_text
from tests.links.conftest import Server


def test_nothing_resolves_or_connects(options: LinkOptions, closed_port: int) -> None:
    options.archive = "auto"
    options.archive_api = f"http://127.0.0.1:{closed_port}/wayback/available"
    doc = check_text(f"See http://nowhere.invalid/page and http://127.0.0.1:{closed_port}/x today.\n")
    report = check_links(doc, options)
    assert [lk.status for lk in doc.links] == [LinkState.UNVERIFIED, LinkState.UNVERIFIED]
    assert {lk.result.reason for lk in doc.links} == {"network-unavailable"}
    assert report.network_unavailable
    assert len(report.notes) == 1
    assert "network is unavailable" in report.notes[0] and "2 link(s)" in report.notes[0]
    assert report.archive_requests == 0


def test_one_bad_host_among_good_ones_is_dead(site: Server, options: LinkOptions) -> None:
    urls = ["http://nowhere.invalid/page", site.url("/alive")]
    results = check_urls(urls, options)
    assert (results[urls[0]].status, results[urls[0]].reason) == (LinkState.DEAD, "dns-failure")
    assert results[urls[1]].status is LinkState.ALIVE


def test_network_unavailable_is_not_cached(options: LinkOptions, closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/x"
    check_urls([url], options)
    from refcheck.links.cache import LinkCache

    assert options.cache_dir is not None
    assert LinkCache(options.cache_dir).get_links([url], 3600) == {}
