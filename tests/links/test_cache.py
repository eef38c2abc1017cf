"""The persistent cache: a second run within the age sends nothing; unverified results are not kept."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from refcheck.links import LinkOptions, LinkState, check_links, check_urls, parse_duration
from refcheck.links.cache import LinkCache
from refcheck.links.results import LinkResult
from refcheck.pipeline import check_text
from tests.links.conftest import Server


def doc_with(*urls: str):  # type: ignore[no-untyped-def]
    body = "\n".join(f"See {u} for more." for u in urls)
    return check_text(body + "\n")


def test_second_run_sends_no_request(site: Server, options: LinkOptions) -> None:
    urls = [site.url(p) for p in ("/alive", "/missing", "/old", "/catchall/x")]
    first = check_links(doc_with(*urls), options)
    assert first.requests > 0
    seen = site.hits()
    second = check_links(doc_with(*urls), options)
    assert site.hits() == seen
    assert second.requests == 0
    assert second.from_cache == len(urls)
    assert [lk.status for lk in second.links] == [lk.status for lk in first.links]


def test_unverified_is_not_cached(site: Server, options: LinkOptions) -> None:
    url = site.url("/forbidden")
    check_urls([url], options)
    before = site.hits("/forbidden")
    assert check_urls([url], options)[url].status is LinkState.UNVERIFIED
    assert site.hits("/forbidden") == 2 * before


def test_max_age_and_no_cache(site: Server, options: LinkOptions) -> None:
    url = site.url("/alive")
    check_urls([url], options)
    options.cache_max_age = 0
    check_urls([url], options)
    assert site.hits("/alive") == 2
    options.cache_max_age, options.cache = 3600, False
    check_urls([url], options)
    assert site.hits("/alive") == 3


def test_env_overrides_cache_dir(site: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "env-cache"))
    opts = LinkOptions(allow_private_hosts=True, archive="none", timeout=1)
    check_urls([site.url("/alive")], opts)
    assert (tmp_path / "env-cache" / "links.sqlite3").exists()


def test_cache_is_safe_with_threads(tmp_path: Path) -> None:
    cache = LinkCache(tmp_path)

    def work(n: int) -> None:
        for i in range(50):
            url = f"http://example.test/{n}/{i}"
            cache.put_links([LinkResult(url, LinkState.ALIVE, http_status=200, checked_at=1e10)])
            assert url in cache.get_links([url], 3600)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (
        len(cache.get_links([f"http://example.test/{n}/{i}" for n in range(8) for i in range(50)], 3600))
        == 400
    )


def test_unusable_cache_dir_is_not_an_error(site: Server, options: LinkOptions, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    options.cache_dir = blocker / "cache"
    url = site.url("/alive")
    assert check_urls([url], options)[url].status is LinkState.ALIVE


@pytest.mark.parametrize(
    ("text", "seconds"), [("3600", 3600), ("1h", 3600), ("2d", 172800), ("90s", 90), ("1w", 604800)]
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_parse_duration_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        parse_duration("soon")
