"""A document's warm record (links.run.remember_answered, LinkCache.put_answered/get_answered): the
results of every URL an unchanged file fetches, stored in one row and read back in one go by the
next run, with neither the links table nor the URL policy asked about them."""

from __future__ import annotations

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
from refcheck.links.results import Hop, LinkResult
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


@given(results)
def test_a_stored_row_reads_back_as_the_result(result: LinkResult) -> None:
    """to_row / from_row through the JSON the cache stores: the same result, field for field."""
    back = LinkResult.from_row(_loads(_dumps(result.to_row())))
    assert back == result
    assert back.to_json() == result.to_json()  # and the same as the links table's row


def _row() -> list[Any]:
    page = PageInfo("T", None, None, "H", ["a"])
    return LinkResult(
        "http://a.example/x", LinkState.ALIVE, 200, "http://a.example/x", evidence={"server": "s"}, page=page
    ).to_row()


@pytest.mark.parametrize(
    ("index", "value"),
    [
        (0, 5),  # url
        (1, "lost"),  # not a state
        (2, "200"),
        (2, 42),  # not a status code
        (3, 1),
        (6, {}),  # redirects
        (6, [["u"]]),
        (6, [["u", "301"]]),
        (8, []),  # evidence
        (8, {"server": 1}),
        (12, "yesterday"),
        (13, ["T"]),  # page
        (13, [1, None, None, None, []]),
        (13, ["T", None, None, None, [1]]),
    ],
)
def test_a_row_of_another_shape_is_refused(index: int, value: Any) -> None:
    row = _row()
    LinkResult.from_row(row)  # as written: read
    row[index] = value
    with pytest.raises(ValueError):
        LinkResult.from_row(row)


def test_a_short_or_long_row_is_refused() -> None:
    for row in (_row()[:-1], [*_row(), None], {"url": "x"}, "x"):
        with pytest.raises(ValueError):
            LinkResult.from_row(row)


def _stored(cache: LinkCache, results: list[LinkResult], key: str = "k1", path: str = "/p") -> None:
    """``results`` in the links table and in one warm record, as a run writes them."""
    cache.put_links(results)
    summary = cache.summary(r.url for r in results)
    assert summary is not None
    cache.put_answered([(key, path, summary, results)])


def _tamper(cache: LinkCache, key: str, change: Any) -> None:
    """Rewrite the record of ``key``: ``change(summary, rows)`` edits them in place."""
    assert cache._db is not None
    (data,) = cache._db.execute("SELECT data FROM answered WHERE key = ?", (key,)).fetchone()
    summary, rows = _loads(data)
    change(summary, rows)
    cache._db.execute("UPDATE answered SET data = ? WHERE key = ?", (_dumps([summary, rows]), key))


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


@pytest.mark.parametrize(
    "change",
    [
        lambda summary, rows: rows[0].__setitem__(2, "200"),  # a field of the wrong type
        lambda summary, rows: rows[0].__setitem__(12, 10**400),  # a time no float holds (QA)
        lambda summary, rows: rows[1].__setitem__(1, "unverified"),  # a state never stored
        lambda summary, rows: rows.append("junk"),
        # a result for a URL the links table has none for (an --exclude-url'd one, say: QA)
        lambda summary, rows: rows.append(
            LinkResult("ftp://a.example/x", LinkState.DEAD, 404, checked_at=time.time()).to_row()
        ),
        lambda summary, rows: summary[0].__setitem__(0, 3),  # a summary that is not the table's
        lambda summary, rows: summary.clear(),
    ],
)
def test_a_record_is_used_whole_or_not_at_all(tmp_path: Path, change: Any) -> None:
    """A record that is not what refcheck wrote is ignored whole (its URLs are then looked up in
    the links table, one by one, as before), and never stops the run."""
    cache = LinkCache(tmp_path)
    _stored(cache, _results(time.time()))
    _tamper(cache, "k1", change)
    assert cache.get_answered(["k1"], 3600) == {}
    assert cache.problem is None


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
    """The second run of an unchanged file takes every result from its record: the links table and
    the policy are not asked about those URLs, and the links come out as the first run's. A URL
    added since is looked up and checked as before, and the record is written again."""
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
    assert asked == [] and judged == []
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
    assert asked == [] and judged == [] and site.hits() == 1
    assert [lk.as_record() for lk in fourth.links] == [lk.as_record() for lk in third.links]
