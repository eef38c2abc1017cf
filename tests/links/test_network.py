"""No network at all: said once, links unverified, never dead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from refcheck.links import LinkOptions, LinkState, check_links, check_urls
from refcheck.pipeline import check_text
from tests.links.conftest import FakeDNS, Server


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


def test_a_refused_connection_among_good_hosts_is_dead_at_once(
    site: Server, options: LinkOptions, closed_port: int
) -> None:
    """A host that refuses the connection serves nothing there: dead, as docs/links.md says, and
    not retried (it was labelled a connect timeout and left unverified after its retries)."""
    url = f"http://127.0.0.1:{closed_port}/x"
    urls = [site.url("/alive"), url]
    results = check_urls(urls, options)
    assert (results[url].status, results[url].reason) == (LinkState.DEAD, "connection-refused")
    assert results[url].detail == "the connection was refused"
    assert results[urls[0]].status is LinkState.ALIVE


def test_a_host_none_of_whose_addresses_connects_for_another_reason_is_unverified() -> None:
    """Only a refusal by every address is dead; any other failure (here one address refused, the
    other unreachable) could not connect: unverified, retried."""
    import errno

    from refcheck.links.aio import _connect_failure

    refused, unreachable = ConnectionRefusedError(), OSError(errno.EHOSTUNREACH, "No route to host")
    assert _connect_failure([refused, refused]).state is LinkState.DEAD
    mixed = _connect_failure([refused, OSError(errno.EADDRNOTAVAIL, "cannot assign")])
    assert (mixed.reason, mixed.state, mixed.retry) == ("connection-failed", LinkState.UNVERIFIED, True)
    assert _connect_failure([refused, unreachable]).reason == "network-unreachable"
    assert _connect_failure([]).reason == "connection-failed"


def test_network_unavailable_is_not_cached(options: LinkOptions, closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/x"
    check_urls([url], options)
    from refcheck.links.cache import LinkCache

    assert options.cache_dir is not None
    assert LinkCache(options.cache_dir).get_links([url], 3600) == {}


def test_offline_stops_after_a_few_hosts(
    options: LinkOptions, closed_port: int, fake_dns: Callable[[dict[str, Any]], FakeDNS]
) -> None:
    # issue 9.3: with no network, a 200-link document must not try 200 hosts. Nothing resolves
    # (the fake DNS fails every name, as a machine without network does) and the probe's
    # address refuses: after a few hosts, one probe, and the rest is not tried.
    dns = fake_dns({})
    options.network_probe = f"127.0.0.1:{closed_port}"
    options.max_concurrency = 4
    urls = [f"http://site{i}.example/page/{i}" for i in range(200)]
    doc = check_text("\n".join(f"See {u} here." for u in urls) + "\n")
    report = check_links(doc, options)
    assert {lk.result.reason for lk in doc.links} == {"network-unavailable"}
    assert {lk.status for lk in doc.links} == {LinkState.UNVERIFIED}
    assert report.network_unavailable
    assert [n for n in report.notes if "network is unavailable" in n] == [report.notes[0]]
    assert "200 link(s)" in report.notes[0]
    assert report.requests <= options.network_failures + options.max_concurrency
    assert len(dns.calls) <= options.network_failures + options.max_concurrency
    assert not [f for f in doc.findings if f.rule in ("dead-link", "link-unverified")]


def test_dead_hosts_with_network_up_are_dead(
    site: Server, options: LinkOptions, fake_dns: Callable[[dict[str, Any]], FakeDNS]
) -> None:
    # several dead host names first, the network is there (the probe connects): they are dead,
    # and the live links after them are checked
    fake_dns({})
    options.network_probe = f"127.0.0.1:{site.port}"
    options.max_concurrency = 2
    urls = [f"http://gone{i}.example/page" for i in range(5)] + [site.url("/alive")]
    results = check_urls(urls, options)
    assert [results[u].reason for u in urls[:5]] == ["dns-failure"] * 5
    assert {results[u].status for u in urls[:5]} == {LinkState.DEAD}
    assert results[urls[5]].status is LinkState.ALIVE


def test_answer_after_giving_up_rechecks_what_was_passed_over(
    site: Server, options: LinkOptions, closed_port: int, fake_dns: Callable[[dict[str, Any]], FakeDNS]
) -> None:
    # the probe fails (a firewall, say) but a slow site answers afterwards: the network is there,
    # and the links passed over are checked after all
    import time

    def slow(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        time.sleep(0.3)
        return 200, {"Content-Type": "application/pdf"}, b"%PDF"

    site.routes["/slow"] = slow
    fake_dns({})
    options.network_probe = f"127.0.0.1:{closed_port}"
    options.max_concurrency, options.timeout = 4, 3.0
    urls = [site.url("/slow")] + [f"http://gone{i}.example/page" for i in range(8)] + [site.url("/alive")]
    results = check_urls(urls, options)
    assert results[urls[0]].status is LinkState.ALIVE
    assert results[urls[-1]].status is LinkState.ALIVE
    assert {results[u].reason for u in urls[1:-1]} == {"dns-failure"}
