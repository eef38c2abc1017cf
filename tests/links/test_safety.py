"""By default nothing is fetched from a non-public address, at the first hop or any later one."""

from __future__ import annotations

import pytest

from refcheck.links import LinkOptions, LinkState, check_urls
from refcheck.links.safety import address_kind
from tests.links.conftest import Server, redirect


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "non-public"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_kind(address: str, kind: str | None) -> None:
    assert address_kind(address) == kind


def test_loopback_refused_by_default(site: Server, options: LinkOptions) -> None:
    options.allow_private_hosts = False
    url = site.url("/alive")
    result = check_urls([url], options)[url]
    assert (result.status, result.reason) == (LinkState.SKIPPED, "private-address")
    assert "loopback" in (result.detail or "")
    assert site.hits() == 0


def test_localhost_name_refused_by_default(site: Server, options: LinkOptions) -> None:
    options.allow_private_hosts = False
    url = f"http://localhost:{site.port}/alive"
    assert check_urls([url], options)[url].status is LinkState.SKIPPED
    assert site.hits() == 0


def test_loopback_allowed_with_flag(site: Server, options: LinkOptions) -> None:
    url = site.url("/alive")
    assert check_urls([url], options)[url].status is LinkState.ALIVE


def test_redirect_to_private_address_refused(site: Server, options: LinkOptions) -> None:
    # 127.0.0.1 is let through by name; the redirect target "localhost" is vetted and refused
    options.allow_private_hosts = False
    options.allowed_hosts = frozenset({"127.0.0.1"})
    site.routes["/to-private"] = redirect(302, f"http://localhost:{site.port}/alive")
    url = site.url("/to-private")
    result = check_urls([url], options)[url]
    assert (result.status, result.reason) == (LinkState.SKIPPED, "private-address")
    assert [h.status for h in result.redirects] == [302]
    assert site.hits("/to-private") == 1
    assert site.hits("/alive") == 0
