"""A document's warm record (links.run.remember_answered, LinkCache.put_answered/get_answered): the
results of every URL an unchanged file fetches, stored in one row and read back in one go by the
next run, without asking the links table about them one by one."""

from __future__ import annotations

import itertools
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refcheck.links import LinkOptions, LinkState, check_links
from refcheck.links import run as link_run
from refcheck.links.cache import LinkCache, _dumps, _loads
from refcheck.links.page import PageInfo
from refcheck.links.results import Hop, LinkResult, from_columns, to_columns
from refcheck.model import Document
from refcheck.pipeline import CheckOptions, check_file
from tests.links.conftest import Server

texts = st.none() | st.text(max_size=20)
results = st.builds(
    LinkResult,
    url=st.text(min_size=1, max_size=40),
    status=st.sampled_from([LinkState.ALIVE, LinkState.REDIRECTED, LinkState.DEAD]),
    http_status=st.none() | st.integers(100, 999),
    final_url=texts,
    reason=texts,
    detail=texts,
    redirects=st.lists(st.builds(Hop, st.text(max_size=20), st.integers(100, 999)), max_size=3),
    suggested_url=texts,
    evidence=st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=3),
    archive_url=texts,
    archive_timestamp=texts,
    archive_note=texts,
    checked_at=st.floats(0, 4e9),
    page=st.none()
    | st.builds(
        PageInfo,
        title=st.none() | st.text(min_size=1, max_size=20),
        og_title=st.none() | st.text(min_size=1, max_size=20),
        citation_title=st.none() | st.text(min_size=1, max_size=20),
        h1=st.none() | st.text(min_size=1, max_size=20),
        headings=st.lists(st.text(max_size=20), max_size=3),
    ),
)


@given(st.lists(results, max_size=8))
def test_stored_columns_read_back_as_the_results(stored: list[LinkResult]) -> None:
    """to_columns / from_columns through the JSON the cache stores: the same results, field for
    field, each with its own evidence and redirects."""
    back = from_columns(_loads(_dumps(to_columns(stored))))
    assert back == stored
    assert [r.to_json() for r in back] == [r.to_json() for r in stored]  # as the links table's rows
    for one, two in itertools.pairwise(back):
        assert one.evidence is not two.evidence and one.redirects is not two.redirects


def _columns() -> list[Any]:
    page = PageInfo("T", None, None, "H", ["a"])
    one = LinkResult(
        "http://a.example/x", LinkState.ALIVE, 200, "http://a.example/x", evidence={"s": "x"}, page=page
    )
    two = LinkResult("http://a.example/y", LinkState.DEAD, 404, redirects=[Hop("http://a.example/z", 301)])
    return to_columns([one, two])


@pytest.mark.parametrize(
    ("index", "value"),
    [
        (0, 3),  # the count
        (0, "2"),
        (1, ["http://a.example/x", 5]),  # url
        (1, ["http://a.example/x"]),
        (2, [["lost", "dead"], [0, 1]]),  # not a state
        (2, [["alive", "dead"], [0, 2]]),  # an index past the values
        (2, [["alive", "dead"], [0, -1]]),
        (2, [["alive", "dead"], [0, "1"]]),
        (2, [["alive", "dead"]]),
        (3, [["200", 404], [0, 1]]),
        (3, [[42, 404], [0, 1]]),  # not a status code
        (4, [1, None]),  # final_url
        (7, [{}, []]),  # redirects
        (7, [[], [["u"]]]),
        (7, [[], [["u", "301"]]]),
        (9, [[[], {}], [0, 1]]),  # evidence
        (9, [[{"server": 1}, {}], [0, 1]]),
        (13, ["yesterday", 1.0]),  # checked_at
        (13, [10**400, 1.0]),  # no float holds it (QA)
        (14, [["T"], None]),  # page
        (14, [[1, None, None, None, []], None]),
        (14, [["T", None, None, None, [1]], None]),
    ],
)
def test_columns_of_another_shape_are_refused(index: int, value: Any) -> None:
    columns = _columns()
    from_columns(columns)  # as written: read
    columns[index] = value
    with pytest.raises((ValueError, KeyError)):
        from_columns(columns)


def test_a_short_or_long_record_is_refused() -> None:
    for columns in (_columns()[:-1], [*_columns(), None], {"url": "x"}, "x"):
        with pytest.raises(ValueError):
            from_columns(columns)


def _stored(cache: LinkCache, results: list[LinkResult], key: str = "k1", path: str = "/p") -> None:
    """``results`` in the links table and in one warm record, as a run writes them."""
    cache.put_links(results)
    stamp = cache.links_stamp()
    summary = cache.summary(r.url for r in results)
    assert summary is not None
    cache.put_answered([(key, path, summary, results)], stamp)


def _tamper(cache: LinkCache, key: str, change: Any) -> None:
    """Rewrite the record of ``key``: ``change(summary, rows)`` edits them in place."""
    assert cache._db is not None
    (data,) = cache._db.execute("SELECT data FROM answered WHERE key = ?", (key,)).fetchone()
    stamp, summary, rows = _loads(data)
    change(summary, rows)
    cache._db.execute("UPDATE answered SET data = ? WHERE key = ?", (_dumps([stamp, summary, rows]), key))


def _results(now: float) -> list[LinkResult]:
    return [
        LinkResult("http://a.example/1", LinkState.ALIVE, 200, checked_at=now),
        LinkResult("http://a.example/2", LinkState.DEAD, 404, checked_at=now),
    ]


def test_get_answered_reads_a_record_as_written(tmp_path: Path) -> None:
    cache = LinkCache(tmp_path)
    results = _results(time.time())
    _stored(cache, results)
    got = cache.get_answered(["k1", "k-none"], 3600)
    assert list(got) == [r.url for r in results]
    assert all(r.from_cache for r in got.values())
    assert got["http://a.example/2"].status is LinkState.DEAD
    assert cache.get_answered(["k1"], 0.000001) == {}  # older than the age asked for


TAMPERED_ROWS = [
    lambda summary, columns: columns[3].__setitem__(0, ["200"]),  # a field of the wrong type
    lambda summary, columns: columns[13].__setitem__(0, 10**400),  # a time no float holds (QA)
    lambda summary, columns: columns[2].__setitem__(0, ["alive", "unverified"]),  # a state never stored
    lambda summary, columns: columns.append("junk"),
]


@pytest.mark.parametrize(
    "change",
    [
        *TAMPERED_ROWS,
        # a result for a URL the links table has none for (an --exclude-url'd one, say: QA)
        lambda summary, columns: columns.__setitem__(1, ["ftp://a.example/x", columns[1][1]]),
        lambda summary, rows: summary[0].__setitem__(0, 3),  # a summary that is not the table's
        lambda summary, rows: summary.clear(),
    ],
)
def test_a_record_is_used_whole_or_not_at_all(tmp_path: Path, change: Any) -> None:
    """A record that is not what refcheck wrote is ignored whole (its URLs are then looked up in
    the links table, one by one, as before), and never stops the run. (A result written since,
    of any URL: the record is checked against the table's results of its URLs.)"""
    cache = LinkCache(tmp_path)
    _stored(cache, _results(time.time()))
    cache.put_links([LinkResult("http://b.example/", LinkState.ALIVE, 200, checked_at=time.time())])
    _tamper(cache, "k1", change)
    assert cache.get_answered(["k1"], 3600) == {}
    assert cache.problem is None


@pytest.mark.parametrize("change", TAMPERED_ROWS)
def test_a_record_with_rows_refcheck_never_writes_is_not_used(tmp_path: Path, change: Any) -> None:
    """Nothing written since: rows of the wrong types or states are still refused, whole."""
    cache = LinkCache(tmp_path)
    _stored(cache, _results(time.time()))
    _tamper(cache, "k1", change)
    assert cache.get_answered(["k1"], 3600) == {}
    assert cache.problem is None


def test_a_record_is_read_with_one_query_while_nothing_was_written_since(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """links_stamp: the links table's largest row id, raised by every result written; while it is
    the record's, the results of its URLs are not summed again."""
    cache = LinkCache(tmp_path)
    _stored(cache, _results(time.time()))
    summed: list[object] = []
    summary = LinkCache.summary
    monkeypatch.setattr(LinkCache, "summary", lambda self, urls: summed.append(urls) or summary(self, urls))
    assert len(cache.get_answered(["k1"], 3600)) == 2 and summed == []
    cache.put_links([LinkResult("http://b.example/", LinkState.ALIVE, 200, checked_at=time.time())])
    assert len(cache.get_answered(["k1"], 3600)) == 2 and len(summed) == 1  # checked, still the table's


def test_a_record_whose_results_were_checked_again_since_is_not_used(tmp_path: Path) -> None:
    """Found by QA: a record kept its copy of a result after the links table got a newer one (a run
    with a shorter --cache-max-age, or of another file citing the URL), and its copy won."""
    cache = LinkCache(tmp_path)
    now = time.time()
    _stored(cache, _results(now - 60))
    assert len(cache.get_answered(["k1"], 3600)) == 2
    cache.put_links([LinkResult("http://a.example/1", LinkState.DEAD, 404, checked_at=now)])
    assert cache.get_answered(["k1"], 3600) == {}
    assert cache.get_links(["http://a.example/1"], 3600)["http://a.example/1"].status is LinkState.DEAD


def test_records_that_are_not_json_are_ignored(tmp_path: Path) -> None:
    cache = LinkCache(tmp_path)
    assert cache._db is not None
    for data in ("{not json", "[1, 2, 3]", '{"a": 1}', "[[], {}]", "null"):
        cache._db.execute("INSERT OR REPLACE INTO answered VALUES ('k', '/p', ?, ?)", (time.time(), data))
        assert cache.get_answered(["k"], 3600) == {}
    assert cache.problem is None


def test_a_file_keeps_one_record_however_often_it_is_edited(tmp_path: Path) -> None:
    cache = LinkCache(tmp_path)
    results = _results(time.time())
    _stored(cache, results, "/doc.md\n1\n1\nopts", "/doc.md")
    _stored(cache, results, "/other.md\n1\n1\nopts", "/other.md")
    _stored(cache, results, "/doc.md\n2\n2\nopts", "/doc.md")
    assert cache._db is not None
    keys = sorted(k for (k,) in cache._db.execute("SELECT key FROM answered"))
    assert keys == ["/doc.md\n2\n2\nopts", "/other.md\n1\n1\nopts"]


def test_a_cache_of_an_earlier_version_is_used(tmp_path: Path) -> None:
    """A cache written before warm records (its ``documents`` table, no ``answered``) is usable."""
    db = sqlite3.connect(tmp_path / "links.sqlite3")
    db.executescript(
        "CREATE TABLE links (url TEXT PRIMARY KEY, data TEXT NOT NULL, checked_at REAL NOT NULL);"
        "CREATE TABLE documents (key TEXT PRIMARY KEY, oldest REAL NOT NULL);"
    )
    db.close()
    cache = LinkCache(tmp_path)
    assert cache.usable and cache.problem is None
    assert cache.get_answered(["k"], 3600) == {}


def _paper(site: Server, tmp_path: Path, paths: list[str]) -> Path:
    lines = ["# Paper", "", "Text.", "", "## References", ""]
    lines += [f"{i}. Author{i}, A. (200{i}). Title {i}. <{site.url(p)}>" for i, p in enumerate(paths, 1)]
    paper = tmp_path / "paper.md"
    paper.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paper


def _analysed(path: Path) -> Document:
    doc = check_file(str(path), CheckOptions()).doc
    assert doc is not None and doc.urls
    return doc


def test_a_warm_run_reads_the_record_not_each_url(
    site: Server, options: LinkOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second run of an unchanged file takes every result from its record: the links table is
    not asked about those URLs (the URL policy still is, first, as for any cached result), and the
    links come out as the first run's. A URL added since is looked up and checked as before, and
    the record is written again."""
    options.archive = "none"
    paper = _paper(site, tmp_path, ["/alive", "/missing", "/old", "/new"])
    first = check_links(_analysed(paper), options)
    assert first.requests > 0

    asked: list[list[str]] = []
    get_links = LinkCache.get_links

    def counting(self: LinkCache, urls: Any, max_age: float) -> dict[str, LinkResult]:
        urls = list(urls)
        asked.append(urls)
        return get_links(self, urls, max_age)

    judged: list[str] = []
    result = link_run.Policy.result

    def policy(self: link_run.Policy, url: str, now: float) -> LinkResult | None:
        judged.append(url)
        return result(self, url, now)

    monkeypatch.setattr(LinkCache, "get_links", counting)
    monkeypatch.setattr(link_run.Policy, "result", policy)
    site.log.clear()
    second = check_links(_analysed(paper), options)
    assert site.hits() == 0 and second.requests == 0
    assert asked == [] and sorted(judged) == sorted(
        site.url(p) for p in ("/alive", "/missing", "/old", "/new")
    )
    assert second.from_cache == 4
    assert [lk.as_record() for lk in second.links] == [lk.as_record() for lk in first.links]

    # one URL more: the file changed, so its record is not this version's; every URL is looked up
    # in the links table (the new one checked), and the new version gets its record
    paper = _paper(site, tmp_path, ["/alive", "/missing", "/old", "/new", "/gone"])
    third = check_links(_analysed(paper), options)
    assert site.hits("/gone") == 1 and site.hits() == 1
    assert asked and set(asked[-1]) == {site.url(p) for p in ("/alive", "/missing", "/old", "/new", "/gone")}
    asked.clear()
    judged.clear()
    fourth = check_links(_analysed(paper), options)
    assert asked == [] and len(judged) == 5 and site.hits() == 1
    assert [lk.as_record() for lk in fourth.links] == [lk.as_record() for lk in third.links]


def test_a_forged_record_cannot_make_a_url_the_policy_skips_checked(
    site: Server, options: LinkOptions, tmp_path: Path
) -> None:
    """Found by QA: a record carrying the current stamp, with a row added for a URL the run does not
    fetch (here ftp:), was trusted, and the ftp link reported alive. The policy comes first, for a
    record's URLs as for the links table's."""
    options.archive = "none"
    paper = _paper(site, tmp_path, ["/alive", "/missing"])
    paper.write_text(
        paper.read_text() + "3. Author3, A. (2003). Title 3. <ftp://127.0.0.1/file>\n", encoding="utf-8"
    )
    first = check_links(_analysed(paper), options)
    assert {lk.url: lk.status for lk in first.links}["ftp://127.0.0.1/file"] is LinkState.SKIPPED
    assert options.cache_dir is not None
    cache = LinkCache(options.cache_dir)
    (key,) = [k for (k,) in cache._db.execute("SELECT key FROM answered")]  # type: ignore[union-attr]

    def forge(summary: Any, columns: list[Any]) -> None:
        columns[0] += 1
        columns[1].append("ftp://127.0.0.1/file")
        for i in (2, 3, 5, 6, 9):  # the shared columns: one more index
            columns[i][1].append(0)
        for i in (4, 7, 8, 10, 11, 12, 13, 14):
            columns[i].append(columns[i][0])

    _tamper(cache, key, forge)
    assert cache.links_stamp() == _loads(cache._db.execute("SELECT data FROM answered").fetchone()[0])[0]  # type: ignore[union-attr]
    cache.close()
    second = check_links(_analysed(paper), options)
    assert [lk.as_record() for lk in second.links] == [lk.as_record() for lk in first.links]


def test_a_result_never_replaces_a_newer_one_of_its_url(tmp_path: Path) -> None:
    """Found by QA: of two runs at once, the one that checked a URL first could write last, and its
    older result stood in the cache for a day."""
    cache = LinkCache(tmp_path)
    now = time.time()
    url = "http://a.example/p"
    cache.put_links([LinkResult(url, LinkState.DEAD, 404, checked_at=now)])
    cache.put_links([LinkResult(url, LinkState.ALIVE, 200, checked_at=now - 5)])
    assert cache.get_links([url], 3600)[url].status is LinkState.DEAD
    before = cache.links_stamp()
    cache.put_links([LinkResult(url, LinkState.ALIVE, 200, checked_at=now + 5)])
    assert cache.get_links([url], 3600)[url].status is LinkState.ALIVE
    assert cache.links_stamp() > before  # a replaced row has a new row id
