"""The persistent cache: a second run within the age sends nothing; unverified results are not kept."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from refcheck.links import LinkOptions, LinkState, check_links, check_urls, parse_duration
from refcheck.links.cache import LinkCache
from refcheck.links.results import LinkResult
from refcheck.pipeline import LINK_RULES, check_text, run_rules
from tests.conftest import SRC
from tests.links.conftest import Server


def doc_with(*urls: str):  # type: ignore[no-untyped-def]
    body = "\n".join(f"See {u} for more." for u in urls)
    return check_text(body + "\n")


def test_second_run_sends_no_request(site: Server, options: LinkOptions) -> None:
    urls = [site.url(p) for p in ("/alive", "/missing", "/old", "/soft")]
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


# --- a cache that is not what refcheck wrote (issue 9 "Cache and writes", 13.9) ------------------


def test_corrupt_cache_file_is_ignored_with_one_note(
    site: Server, options: LinkOptions, tmp_path: Path
) -> None:
    assert options.cache_dir is not None
    options.cache_dir.mkdir(parents=True)
    (options.cache_dir / "links.sqlite3").write_bytes(b"this is not a database\0" * 500)
    doc = doc_with(site.url("/alive"), site.url("/missing"))
    report = check_links(doc, options)
    assert [lk.status for lk in doc.links] == [LinkState.ALIVE, LinkState.DEAD]
    cache_notes = [n for n in report.notes if "link cache" in n]
    assert len(cache_notes) == 1 and "links.sqlite3" in cache_notes[0]
    # the file is left as it was: refcheck does not delete what it cannot read
    assert (options.cache_dir / "links.sqlite3").read_bytes().startswith(b"this is not a database")


def test_cache_path_that_is_a_directory(site: Server, options: LinkOptions) -> None:
    assert options.cache_dir is not None
    (options.cache_dir / "links.sqlite3").mkdir(parents=True)
    report = check_links(doc_with(site.url("/alive")), options)
    assert report.links[0].status is LinkState.ALIVE
    assert len([n for n in report.notes if "link cache" in n]) == 1


def test_unwritable_cache_directory(site: Server, options: LinkOptions, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    options.cache_dir = blocker / "cache"
    report = check_links(doc_with(site.url("/alive")), options)
    assert report.links[0].status is LinkState.ALIVE
    assert len([n for n in report.notes if "link cache" in n]) == 1


def test_cache_of_another_shape_is_ignored(site: Server, options: LinkOptions) -> None:
    # a database with a "links" table of other columns (another tool, another version)
    assert options.cache_dir is not None
    options.cache_dir.mkdir(parents=True)
    db = sqlite3.connect(options.cache_dir / "links.sqlite3")
    db.execute("CREATE TABLE links (id INTEGER PRIMARY KEY, href TEXT)")
    db.commit()
    db.close()
    report = check_links(doc_with(site.url("/alive")), options)
    assert report.links[0].status is LinkState.ALIVE
    assert len([n for n in report.notes if "link cache" in n]) == 1


TAMPERED = [
    "not json",
    json.dumps(["a", "list"]),
    json.dumps({"status": "alive"}),
    json.dumps({"url": "URL", "status": "bogus"}),
    json.dumps({"url": "URL", "status": "unverified", "reason": "forbidden"}),
    json.dumps({"url": "http://elsewhere.example/", "status": "alive"}),
    json.dumps({"url": "URL", "status": "alive", "evidence": ["server", "x"]}),
    json.dumps({"url": "URL", "status": "alive", "redirects": "nowhere"}),
    json.dumps({"url": "URL", "status": "alive", "redirects": [{"url": 1, "status": "x"}]}),
    json.dumps({"url": "URL", "status": "alive", "http_status": "200"}),
    json.dumps({"url": "URL", "status": "alive", "detail": {"a": 1}}),
    json.dumps({"url": "URL", "status": "alive", "page": {"title": ["x"]}}),
    json.dumps({"url": "URL", "status": "alive", "checked_at": "yesterday"}),
    '{"url": "URL", "status": "alive", "checked_at": 1' + "0" * 400 + "}",  # no float holds it (QA)
    json.dumps({"url": "URL", "status": "alive", "injected": "<script>"}),
    "[" * 100000 + "]" * 100000,
]


@pytest.mark.parametrize("data", TAMPERED, ids=range(len(TAMPERED)))
def test_tampered_cache_row_is_ignored(site: Server, options: LinkOptions, data: str) -> None:
    url = site.url("/missing")
    assert options.cache_dir is not None
    cache = LinkCache(options.cache_dir)
    cache.close()
    db = sqlite3.connect(options.cache_dir / "links.sqlite3")
    db.execute("INSERT INTO links VALUES (?, ?, ?)", (url, data.replace("URL", url), time.time()))
    db.commit()
    db.close()
    doc = doc_with(url)
    report = check_links(doc, options)
    assert doc.links[0].status is LinkState.DEAD  # checked afresh: the row was not trusted
    assert site.hits("/missing") == 1
    assert report.from_cache == 0
    run_rules(doc, only=LINK_RULES)
    assert [f.rule for f in doc.findings] == ["dead-link"]


# rows json.loads reads and orjson refuses (NaN, a lone surrogate, an integer beyond 64 bits)
JSON_ONLY = [
    '{"url": "URL", "status": "dead", "http_status": 404, "checked_at": NaN}',
    '{"url": "URL", "status": "dead", "http_status": 404, "detail": "\\ud800 gone"}',
    '{"url": "URL", "status": "dead", "checked_at": 123456789012345678901234567890}',
]


@pytest.mark.parametrize("data", JSON_ONLY, ids=range(len(JSON_ONLY)))
def test_a_row_is_read_as_json_reads_it(tmp_path: Path, data: str) -> None:
    """The cache reads its rows with orjson when it is installed: what orjson refuses and json reads
    is still read, as json reads it."""
    url = "http://site.example/page"
    cache = LinkCache(tmp_path)
    cache.close()
    db = sqlite3.connect(tmp_path / "links.sqlite3")
    db.execute("INSERT INTO links VALUES (?, ?, ?)", (url, data.replace("URL", url), time.time()))
    db.commit()
    db.close()
    cache = LinkCache(tmp_path)
    got = cache.get_links([url], 3600)
    cache.close()
    expected = LinkResult.from_json(json.loads(data.replace("URL", url)))
    expected.from_cache = True
    assert repr(got[url]) == repr(expected)  # repr: NaN is not equal to itself


def test_tampered_archive_row_is_ignored(site: Server, options: LinkOptions) -> None:
    from refcheck.links.archive import ArchiveClient
    from tests.links.conftest import Capture, wayback

    site.routes["/wayback/available"] = wayback([Capture("20090101000000")])
    options.archive_api = site.url("/wayback/available")
    assert options.cache_dir is not None
    cache = LinkCache(options.cache_dir)
    url = "http://example.org/gone"
    for bad in (
        {"url": "x", "unexpected": 1},
        {"url": 5, "timestamp": "x"},
        ["a"],
        {"url": "javascript:alert(1)", "timestamp": "20090101000000"},
    ):
        cache.put_archive(f"{options.archive_api}|{url}|20090916", bad)
        client = ArchiveClient(options, cache)
        try:
            snap = client.lookup(url, dt.date(2009, 9, 16))
        finally:
            client.close()
        assert snap is not None and snap.timestamp == "20090101000000"
    cache.close()


WORKER = """
import sys, time
from pathlib import Path
from refcheck.links.cache import LinkCache
from refcheck.links.results import LinkResult, LinkState
cache = LinkCache(Path(sys.argv[1]))
assert cache.usable, cache.problem
n = int(sys.argv[2])
for i in range(40):
    url = f"http://example.test/{n}/{i}"
    cache.put_links([LinkResult(url, LinkState.ALIVE, http_status=200, checked_at=time.time())])
    assert url in cache.get_links([url], 3600), url
    cache.put_archive(f"k{n}-{i}", {"url": "http://a.test/", "timestamp": "20090101000000", "status": "200", "note": None})
assert cache.problem is None, cache.problem
cache.close()
print("ok")
"""


def test_processes_sharing_one_cache(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(4)
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err for _, err in outputs]
    db = sqlite3.connect(tmp_path / "links.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM links").fetchone()[0] == 160
    assert db.execute("SELECT count(*) FROM archive").fetchone()[0] == 160
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_the_log_is_copied_into_the_database_as_batches_are_written(tmp_path: Path) -> None:
    """The write-ahead log is copied into the database as it grows (AUTOCHECKPOINT pages), by the
    writes of the batches while a cold check waits on the network: little is left to copy when the
    cache is closed, after the last answer (these 2,000 results, 64 at a time: 1.7 MB of log with
    SQLite's default, 0.9 MB with it). Every result is in the database after the close."""
    cache = LinkCache(tmp_path)
    results = [
        LinkResult(f"https://example.org/doc/{i}", LinkState.ALIVE, http_status=200, checked_at=time.time())
        for i in range(2000)
    ]
    for i in range(0, len(results), 64):
        cache.put_links(results[i : i + 64])
    log = tmp_path / "links.sqlite3-wal"
    assert log.stat().st_size < 1_200_000
    cache.close()
    db = sqlite3.connect(tmp_path / "links.sqlite3")
    assert db.execute("SELECT count(*) FROM links").fetchone()[0] == 2000
    db.close()


def test_run_answered_from_the_cache_loads_no_http_client(site: Server, tmp_path: Path) -> None:
    # a warm re-run must cost about what --no-links costs: the link stage loads no HTTP client
    doc = tmp_path / "doc.txt"
    doc.write_text(f"See {site.url('/alive')} and {site.url('/missing')}.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC), "REFCHECK_CACHE_DIR": str(tmp_path / "cache")}
    args = ["check", "--format", "json", "--allow-private-hosts", "--archive", "none", str(doc)]
    probe = (
        # (main, whose exit can be caught: the program itself, cli.run, ends the process at once)
        "import sys\nfrom refcheck.cli import main\n"
        "try:\n    main(sys.argv[1:], prog_name='refcheck')\n"
        "except SystemExit:\n    pass\n"
        "mods = ('refcheck.links.transport', 'refcheck.links.checker', 'refcheck.links.safety')\n"
        "print('LOADED', [m for m in mods if m in sys.modules], file=sys.stderr)\n"
    )
    # the cold run checks its URLs here, not in a prefetching child (links/prefetch.py), so that
    # the probe is seen to see the HTTP client loaded
    cold = "import refcheck.runner; refcheck.runner.PREFETCH = False\n" + probe
    first = subprocess.run([sys.executable, "-c", cold, *args], capture_output=True, text=True, env=env)
    assert "LOADED ['refcheck.links.transport'" in first.stderr, first.stderr
    second = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env)
    assert "LOADED []" in second.stderr, second.stderr
    assert json.loads(second.stdout)["files"][0]["links"] == json.loads(first.stdout)["files"][0]["links"]


def test_settings_win_over_the_cache(site: Server, options: LinkOptions) -> None:
    # a result cached by a run with other settings is not reused where the settings forbid it
    url = site.url("/alive")
    assert check_urls([url], options)[url].status is LinkState.ALIVE
    options.exclude = [r"/alive$"]
    assert check_urls([url], options)[url].reason == "excluded"
    options.exclude = []
    options.allow_private_hosts = False
    assert check_urls([url], options)[url].reason == "private-address"
    assert site.hits("/alive") == 1


def test_results_are_cached_in_batches_while_the_others_are_checked(
    site: Server, options: LinkOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refcheck.links import run

    monkeypatch.setattr(run._CacheWriter, "BATCH", 2)
    writes: list[int] = []
    put = LinkCache.put_links

    def counted(self: LinkCache, results: Any) -> None:
        results = list(results)
        writes.append(len(results))
        put(self, results)

    monkeypatch.setattr(LinkCache, "put_links", counted)
    urls = [site.url(f"/alive?n={i}") for i in range(7)]
    check_urls(urls, options)
    assert len(writes) > 1 and sum(writes) == len(urls)  # a few at a time, each once
    assert options.cache_dir is not None
    assert set(LinkCache(options.cache_dir).get_links(urls, 3600)) == set(urls)


def test_results_are_cached_off_the_event_loop(
    site: Server, options: LinkOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's write (the first one making the database) held up every answer that came
    meanwhile: it runs in a thread of its own, and the cache holds every result when it returns."""
    import asyncio

    from refcheck.links import run

    monkeypatch.setattr(run._CacheWriter, "BATCH", 2)
    on_loop: list[bool] = []
    put = LinkCache.put_links

    def where(self: LinkCache, results: Any) -> None:
        try:
            asyncio.get_running_loop()
            on_loop.append(True)
        except RuntimeError:
            on_loop.append(False)
        put(self, results)

    monkeypatch.setattr(LinkCache, "put_links", where)
    urls = [site.url(f"/alive?n={i}") for i in range(7)]
    check_urls(urls, options)
    assert len(on_loop) > 1 and not any(on_loop)
    assert options.cache_dir is not None
    assert set(LinkCache(options.cache_dir).get_links(urls, 3600)) == set(urls)


def test_nothing_is_cached_before_a_site_answers(
    options: LinkOptions, closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    options.network_probe = f"127.0.0.1:{closed_port}"
    # until one site answers, the network may turn out to be down (then nothing is cached), so no
    # batch is written early, however small the batches
    from refcheck.links import run

    monkeypatch.setattr(run._CacheWriter, "BATCH", 1)
    urls = [f"http://site{i}.invalid/x" for i in range(5)]  # dead, were the network up
    results = check_urls(urls, options)
    assert {r.reason for r in results.values()} == {"network-unavailable"}
    assert options.cache_dir is not None
    assert LinkCache(options.cache_dir).get_links(urls, 3600) == {}


def _full_row(**changes: Any) -> dict[str, Any]:
    """A row with every key ``to_json`` writes (the exact-row path of ``from_json``), changed."""
    from refcheck.links.page import PageInfo

    result = LinkResult(
        "http://a.test/p", LinkState.ALIVE, http_status=200, evidence={"server": "x"}, checked_at=1.5,
        page=PageInfo("T", None, None, "T", ["T"]),
    )  # fmt: skip
    return {**result.to_json(), **changes}


_PAGE = {"title": "T", "og_title": None, "citation_title": None, "h1": "T", "headings": ["T"]}
FULL_TAMPERED = [
    {"url": None},
    {"status": "bogus"},
    {"status": ["alive"]},
    {"http_status": True},
    {"http_status": 99},
    {"http_status": 200.0},
    {"final_url": 1},
    {"archive_note": ["x"]},
    {"redirects": "x"},
    {"redirects": [{"url": 1, "status": 301}]},
    {"evidence": {"a": 1}},
    {"evidence": ["a"]},
    {"checked_at": True},
    {"checked_at": "1"},
    {"page": "T"},
    {"page": {**_PAGE, "title": 1}},
    {"page": {**_PAGE, "headings": [1]}},
    {"page": {**_PAGE, "headings": "T"}},
    {"injected": "<script>"},
]


@pytest.mark.parametrize("changes", FULL_TAMPERED, ids=range(len(FULL_TAMPERED)))
def test_a_whole_row_with_one_field_tampered_is_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        LinkResult.from_json(_full_row(**changes))


def test_a_whole_row_reads_back_as_written() -> None:
    row = _full_row(redirects=[{"url": "http://a.test/q", "status": 301}], reason="r", detail="d")
    for data in (_full_row(), _full_row(http_status=None, page=None, checked_at=2), row):
        assert LinkResult.from_json(data).to_json() == {**data, "checked_at": float(data["checked_at"])}


def test_a_prefetch_child_has_written_all_but_the_last_batch_when_it_says_it_is_done(
    site: Server, options: LinkOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """links/prefetch.py: the parent waits for the child's last writes when it ends, so the child
    writes as the answers come, not all of them after its last one (the batches handed over by
    then are written by the writer's thread without waiting for the last one)."""
    from refcheck.links import run

    monkeypatch.setattr(run._CacheWriter, "BATCH", 2)
    urls = [site.url(f"/alive?n={i}") for i in range(9)]
    assert options.cache_dir is not None
    stored_when_done: list[int] = []

    def done(cache_ok: bool) -> None:
        assert cache_ok
        assert options.cache_dir is not None
        cache = LinkCache(options.cache_dir)
        until = time.monotonic() + 5
        while len(cache.get_links(urls, 3600)) < len(urls) - 2 and time.monotonic() < until:
            time.sleep(0.01)
        stored_when_done.append(len(cache.get_links(urls, 3600)))

    check_urls(urls, options, done=done)
    assert stored_when_done and stored_when_done[0] >= len(urls) - 2
    assert set(LinkCache(options.cache_dir).get_links(urls, 3600)) == set(urls)


def test_a_prefetch_childs_first_run_makes_the_database_after_its_first_requests(
    site: Server, options: LinkOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing to look up in a cache that does not exist yet: the database is made by the first
    write, not before the requests go out; the next run reads it as any."""
    from refcheck.links.cache import FILENAME
    from refcheck.links.checker import Checker

    assert options.cache_dir is not None
    database = options.cache_dir / FILENAME
    existed: list[bool] = []
    check_many = Checker.check_many

    def spied(self: Checker, *args: Any, **kwargs: Any) -> Any:
        existed.append(database.exists())
        return check_many(self, *args, **kwargs)

    monkeypatch.setattr(Checker, "check_many", spied)
    said: list[bool] = []
    urls = [site.url("/alive"), site.url("/missing")]
    first = check_urls(urls, options, done=said.append)
    assert existed == [False] and said == [True] and database.is_file()
    seen = site.hits()
    again = check_urls(urls, options, done=said.append)
    assert site.hits() == seen and [r.status for r in again.values()] == [r.status for r in first.values()]


def test_a_prefetch_child_says_when_the_cache_it_was_to_make_cannot_be_made(
    site: Server, options: LinkOptions, tmp_path: Path
) -> None:
    """The parent notes a cache problem itself when the child says its cache is not usable."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    options.cache_dir = blocker / "cache"
    said: list[bool] = []
    results = check_urls([site.url("/alive")], options, done=said.append)
    assert said == [False]
    assert [r.status for r in results.values()] == [LinkState.ALIVE]


def _rows(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as db:
        return {
            "links": sorted(r[0] for r in db.execute("SELECT url FROM links")),
            "archive": sorted(r[0] for r in db.execute("SELECT key FROM archive")),
            "registry": sorted(r[0] for r in db.execute("SELECT key FROM registry")),
            "answered": sorted(r[0] for r in db.execute("SELECT key FROM answered")),
        }


def _aged(path: Path, now: float, pruned_at: float | None) -> None:
    """Rows of every table, some past what any run reads (old/expired), some not; and when the
    cache was last pruned."""
    from refcheck.links.cache import KEEP

    old, young = now - KEEP - 86400, now - 3600
    with sqlite3.connect(path) as db:
        for url, at in (("http://e.org/old", old), ("http://e.org/young", young)):
            db.execute("INSERT INTO links VALUES (?, '{}', ?)", (url, at))
        db.execute("INSERT INTO archive VALUES ('old', 'null', ?), ('young', 'null', ?)", (old, young))
        db.execute(
            "INSERT INTO registry VALUES ('expired', 'null', ?, ?), ('valid', 'null', ?, ?)",
            (old, now - 60, young, now + 86400),
        )
        db.execute("INSERT INTO answered VALUES ('old', 'a', ?, '[]'), ('young', 'b', ?, '[]')", (old, young))
        db.execute("DELETE FROM meta")
        if pruned_at is not None:
            db.execute("INSERT INTO meta VALUES ('pruned_at', ?)", (pruned_at,))


def test_a_run_that_writes_prunes_what_no_run_reads_once_a_day(site: Server, options: LinkOptions) -> None:
    """The cache does not grow without end: rows older than KEEP (and registry answers past their
    expiry) are deleted by a run that writes, when the last pruning was a day ago or more."""
    assert options.cache_dir is not None
    check_urls([site.url("/alive")], options)  # makes the database
    path = options.cache_dir / "links.sqlite3"
    now = time.time()
    _aged(path, now, pruned_at=now - 2 * 86400)
    check_urls([site.url("/missing")], options)  # writes, so prunes
    rows = _rows(path)
    assert rows["links"] == sorted(["http://e.org/young", site.url("/alive"), site.url("/missing")])
    assert rows["archive"] == ["young"] and rows["registry"] == ["valid"] and rows["answered"] == ["young"]
    with sqlite3.connect(path) as db:
        (pruned_at,) = db.execute("SELECT value FROM meta WHERE key = 'pruned_at'").fetchone()
    assert pruned_at >= now


def test_pruning_gives_the_space_back(
    site: Server, options: LinkOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite reuses the pages of deleted rows but never shrinks the file: once pruning has freed
    half of it (and SHRINK_AT or more), the file is rewritten at its new size; a little freed space
    is left alone."""
    from refcheck.links import cache as cache_mod

    monkeypatch.setattr(cache_mod, "SHRINK_AT", 256 * 1024)
    assert options.cache_dir is not None
    check_urls([site.url("/alive")], options)
    path = options.cache_dir / "links.sqlite3"
    now = time.time()
    _aged(path, now, pruned_at=now - 2 * 86400)
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO links VALUES (?, ?, ?)",
            ((f"http://e.org/{i}", "x" * 1000, now - cache_mod.KEEP - 86400) for i in range(2000)),
        )
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the rows into the file itself
    big = path.stat().st_size
    assert big > 2_000_000
    check_urls([site.url("/missing")], options)  # writes, so prunes
    assert path.stat().st_size < big / 4
    assert _rows(path)["links"] == sorted(["http://e.org/young", site.url("/alive"), site.url("/missing")])


@pytest.mark.parametrize("pruned_at", ["an hour ago", "never", "in the future"])
def test_pruning_waits_a_day_and_never_follows_a_run_that_only_read(
    site: Server, options: LinkOptions, pruned_at: str
) -> None:
    """Within a day of the last pruning nothing is deleted; a database that never was pruned (new,
    or of an earlier version) or whose date is nonsense is dated now and pruned from then on; and
    a run that wrote nothing prunes nothing."""
    assert options.cache_dir is not None
    check_urls([site.url("/alive")], options)
    path = options.cache_dir / "links.sqlite3"
    now = time.time()
    when = {"an hour ago": now - 3600, "never": None, "in the future": now + 10 * 86400}[pruned_at]
    _aged(path, now, pruned_at=when)
    before = _rows(path)
    check_urls([site.url("/missing")], options)  # writes
    after = _rows(path)
    assert {k: v for k, v in after.items() if k != "links"} == {
        k: v for k, v in before.items() if k != "links"
    }
    assert after["links"] == sorted([*before["links"], site.url("/missing")])
    # now due, but this run reads only (every answer cached): nothing deleted
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ?", (now - 2 * 86400,))
    check_urls([site.url("/alive"), site.url("/missing")], options)
    assert _rows(path) == after


def test_pruning_keeps_what_a_longer_cache_max_age_reads(site: Server, options: LinkOptions) -> None:
    assert options.cache_dir is not None
    check_urls([site.url("/alive")], options)
    path = options.cache_dir / "links.sqlite3"
    now = time.time()
    _aged(path, now, pruned_at=now - 2 * 86400)
    options.cache_max_age = 10 * 365 * 86400.0
    check_urls([site.url("/missing")], options)
    assert "http://e.org/old" in _rows(path)["links"]
