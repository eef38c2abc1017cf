"""By default nothing is fetched from a non-public address, however it is written, at the first hop or
any later one, and the connection goes to the address that was checked (issue 9, security)."""

from __future__ import annotations

import functools
import gzip
import re
import time
import tracemalloc
import zlib
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refcheck.links import LinkOptions, LinkState, check_urls
from refcheck.links import safety as safety_module
from refcheck.links.checker import Checker, Deadline
from refcheck.links.safety import address_kind, canonical_host, host_kind
from refcheck.links.transport import Answer
from tests.links.conftest import FakeDNS, Server, redirect, serving


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:7f00:1", "loopback"),
        ("2002:7f00:1::1", "loopback"),  # 6to4 around 127.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 around 169.254.169.254
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fe80::1%lo", "link-local"),
        ("fd00:ec2::254", "private"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("100.64.0.1", "non-public"),
        ("100.100.100.200", "non-public"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_kind(address: str, kind: str | None) -> None:
    assert address_kind(address) == kind


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("localhost", "loopback"),
        ("LOCALHOST.", "loopback"),
        ("app.localhost", "loopback"),
        ("127.1", "loopback"),
        ("0x7f.0.0.1", "loopback"),
        ("0x7f000001", "loopback"),
        ("2130706433", "loopback"),
        ("017700000001", "loopback"),
        ("0177.0.0.1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("0", "unspecified"),
        ("[::1]", "loopback"),
        ("[::ffff:127.0.0.1]", "loopback"),
        ("169.254.169.254", "link-local"),
        ("[fe80::1%lo]", "link-local"),
        ("example.org", None),
        ("1e100.net", None),
        ("93.184.216.34", None),
    ],
)
def test_host_kind_reads_every_spelling(host: str, kind: str | None) -> None:
    assert host_kind(host) == kind


# Every spelling of a local or non-public address, as a URL to the loopback test server's port.
FORMS = [
    "http://localhost:{port}/alive",
    "http://LocalHost.:{port}/alive",
    "http://127.1:{port}/alive",
    "http://0x7f.0.0.1:{port}/alive",
    "http://2130706433:{port}/alive",
    "http://017700000001:{port}/alive",
    "http://0.0.0.0:{port}/alive",
    "http://[::1]:{port}/alive",
    "http://[::ffff:127.0.0.1]:{port}/alive",
    "http://[::ffff:7f00:1]:{port}/alive",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]:{port}/alive",
    "http://[fe80::1%25lo]:{port}/alive",
    "http://10.0.0.1:{port}/alive",
    "http://[::]:{port}/alive",
    "http://example.com@127.0.0.1:{port}/alive",
    "http://user:secret@localhost:{port}/alive",
    "https://127.0.0.1:{port}/alive",
]


@pytest.mark.parametrize("form", FORMS)
def test_local_address_in_any_form_is_not_fetched(site: Server, options: LinkOptions, form: str) -> None:
    options.allow_private_hosts = False
    url = form.format(port=site.port)
    result = check_urls([url], options)[url]
    assert (result.status, result.reason) == (LinkState.SKIPPED, "private-address"), result
    assert site.hits() == 0


@pytest.mark.parametrize("form", FORMS)
def test_redirect_from_public_page_to_local_address_is_refused(
    site: Server, options: LinkOptions, form: str
) -> None:
    # 127.0.0.1 stands for a public site (let through by name); where it redirects is vetted
    options.allow_private_hosts = False
    options.allowed_hosts = frozenset({"127.0.0.1"})
    target = re.sub(r"(?<=[/@])127\.0\.0\.1(?=:)", "localhost", form.format(port=site.port))
    site.routes["/to-private"] = redirect(302, target)
    url = site.url("/to-private")
    result = check_urls([url], options)[url]
    assert (result.status, result.reason) == (LinkState.SKIPPED, "private-address"), result
    assert [h.status for h in result.redirects] == [302]
    assert site.hits("/to-private") == 1
    assert site.hits("/alive") == 0


def test_public_name_resolving_to_private_address(
    site: Server, options: LinkOptions, fake_dns: Callable[[dict[str, Any]], FakeDNS]
) -> None:
    fake_dns({"intranet.example": ["127.0.0.1"], "metadata.example": ["169.254.169.254"]})
    options.allow_private_hosts = False
    urls = [f"http://intranet.example:{site.port}/alive", "http://metadata.example/latest/meta-data/"]
    results = check_urls(urls, options)
    for url in urls:
        assert (results[url].status, results[url].reason) == (LinkState.SKIPPED, "private-address")
    assert "127.0.0.1" in (results[urls[0]].detail or "")
    assert site.hits() == 0


def test_name_with_one_private_address_among_public_ones(
    site: Server, options: LinkOptions, fake_dns: Callable[[dict[str, Any]], FakeDNS]
) -> None:
    fake_dns({"mixed.example": ["93.184.216.34", "127.0.0.1"]})
    options.allow_private_hosts = False
    url = f"http://mixed.example:{site.port}/alive"
    assert check_urls([url], options)[url].reason == "private-address"
    assert site.hits() == 0


def test_connection_goes_to_the_address_checked(
    options: LinkOptions, fake_dns: Callable[[dict[str, Any]], FakeDNS], monkeypatch: pytest.MonkeyPatch
) -> None:
    # DNS rebinding: the name first resolves to a "public" address (127.0.0.2 plays one), then to
    # 127.0.0.1, where an internal service listens on the same port. The address vetted is the
    # address connected to, and the name is resolved once.
    real_kind = safety_module.address_kind
    monkeypatch.setattr(safety_module, "address_kind", lambda a: None if a == "127.0.0.2" else real_kind(a))
    dns = fake_dns({"rebind.example": [["127.0.0.2"], ["127.0.0.1"]]})
    options.allow_private_hosts = False
    with serving({"/alive": lambda m, p, q: (200, {}, b"<title>Public page</title>")}, "127.0.0.2") as public:
        try:
            internal_cm = serving(
                {"/alive": lambda m, p, q: (200, {}, b"internal")}, "127.0.0.1", public.port
            )
            internal = internal_cm.__enter__()
        except OSError:
            pytest.skip("the port is taken on 127.0.0.1")
        try:
            url = f"http://rebind.example:{public.port}/alive"
            result = check_urls([url], options)[url]
        finally:
            internal_cm.__exit__(None, None, None)
    assert result.status is LinkState.ALIVE
    assert public.hits("/alive") == 1
    assert internal.hits() == 0
    assert dns.calls.count("rebind.example") == 1


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/x",
        "gopher://127.0.0.1:70/",
        "javascript:alert(1)",
        "data:text/html,x",
    ],
)
def test_only_http_and_https_are_fetched(options: LinkOptions, url: str) -> None:
    result = check_urls([url], options)[url]
    assert (result.status, result.reason) == (LinkState.SKIPPED, "not-http")


def test_redirect_to_other_scheme_is_not_followed(site: Server, options: LinkOptions) -> None:
    site.routes["/to-file"] = redirect(302, "file:///etc/passwd")
    result = check_urls([site.url("/to-file")], options)[site.url("/to-file")]
    assert (result.status, result.reason) == (LinkState.UNVERIFIED, "redirect-not-http")


def test_user_info_does_not_multiply_the_per_host_limit(site: Server, options: LinkOptions) -> None:
    # issue 13.8: u1@host and u2@host are one host, connected to once per slot
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
    urls = [f"http://u{i}:pw@127.0.0.1:{site.port}/slow/{i}" for i in range(6)]
    urls += [f"http://127.1:{site.port}/slow/x{i}" for i in range(2)]
    results = check_urls(urls, options)
    assert all(r.status is LinkState.ALIVE for r in results.values())
    assert active["max"] == 2


def test_canonical_host() -> None:
    assert canonical_host("http://u1:pw@Example.COM.:8080/x") == "example.com"
    assert canonical_host("http://127.1/") == canonical_host("http://0x7f.0.0.1:80/") == "127.0.0.1"


# --- response bodies ------------------------------------------------------------------------------


def _get(options: LinkOptions, url: str) -> Answer:
    checker = Checker(options)
    try:
        got = checker.fetch("GET", url, Deadline(5), read_body=True)
    finally:
        checker.close()
    assert isinstance(got, Answer), got
    return got


def test_body_is_read_up_to_the_cap(site: Server, options: LinkOptions) -> None:
    big = b"<html><title>Big</title>" + b"x" * (8 * 2**20)
    site.routes["/big"] = lambda m, p, q: (200, {}, big)
    options.max_body = 64 * 1024
    got = _get(options, site.url("/big"))
    assert got.body is not None and len(got.body) == 64 * 1024
    assert not got.complete


@functools.cache
def _bomb(encoding: str) -> bytes:
    wbits = {"gzip": 31, "deflate": 15, "raw-deflate": -15}[encoding]
    comp = zlib.compressobj(6, zlib.DEFLATED, wbits)
    block = b"\0" * 2**20
    return b"".join(comp.compress(block) for _ in range(64)) + comp.flush()


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_body_is_capped_after_decompression(
    site: Server, options: LinkOptions, encoding: str
) -> None:
    # 64 MiB of zeros in a few tens of KB: what is decoded stops at the cap, memory stays small
    bomb = _bomb(encoding)
    header = "deflate" if encoding == "raw-deflate" else encoding
    site.routes["/bomb"] = lambda m, p, q: (200, {"Content-Encoding": header}, bomb)
    options.max_body = 128 * 1024
    tracemalloc.start()
    try:
        got = _get(options, site.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert got.body is not None and len(got.body) == 128 * 1024
    assert set(got.body) == {0}
    assert peak < 16 * 2**20


def test_small_gzip_page_is_decoded(site: Server, options: LinkOptions) -> None:
    page = b"<html><head><title>Compressed report</title></head><body>x</body></html>"
    site.routes["/gz"] = lambda m, p, q: (200, {"Content-Encoding": "gzip"}, gzip.compress(page))
    result = check_urls([site.url("/gz")], options)[site.url("/gz")]
    assert result.status is LinkState.ALIVE
    assert result.page is not None and result.page.title == "Compressed report"


_URL_PARTS = st.one_of(
    # mostly plain URLs (policy._PLAIN reads them), the hosts in any case
    st.tuples(
        st.sampled_from(["http", "https"]),
        st.just("://"),
        st.text(alphabet="aZ09.-", max_size=12),
        st.sampled_from(["", ":", ":80", ":99999"]),
        st.sampled_from(["", "/", "/x?y#z", "?q", "#f", "/a b", "/\n"]),
    ),
    # and any other (urlsplit reads them)
    st.tuples(
        st.sampled_from(["http", "https", "HTTP", "ftp", "http:", " http", "ht\ttp"]),
        st.sampled_from(["://", ":/", ":///", "://user:pw@", "://@"]),
        st.text(alphabet="aZ09.-_:[]%@ \t\n\\", max_size=12),
        st.sampled_from(["", ":", ":80", ":8o", ":99999", ":80:90"]),
        st.sampled_from(["", "/", "/x?y#z", "?q", "#f", "\t/x", "\n", "/a b"]),
    ),
)


@given(_URL_PARTS)
def test_scheme_and_host_as_urlsplit_reads_them(parts: tuple[str, ...]) -> None:
    """policy._scheme_and_host's one-match reading of a plain URL gives urlsplit's scheme and
    hostname (and raises where it raises), for any URL."""
    from urllib.parse import urlsplit

    from refcheck.links.policy import _scheme_and_host

    url = "".join(parts)
    try:
        split = urlsplit(url)
        expected: object = (split.scheme.lower(), split.hostname)
    except ValueError:
        expected = ValueError
    try:
        got: object = _scheme_and_host(url)
    except ValueError:
        got = ValueError
    assert got == expected


@given(_URL_PARTS)
def test_canonical_host_is_the_same_however_often_asked(parts: tuple[str, ...]) -> None:
    """canonical_host remembers each host's answer: the second time gives the first's."""
    from refcheck.links import policy

    url = "".join(parts)
    first = canonical_host(url)
    assert canonical_host(url) == first
    policy._CANONICAL.clear()
    assert canonical_host(url) == first
