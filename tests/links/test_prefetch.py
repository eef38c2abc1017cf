"""URLs checked while the documents are analysed (links/prefetch.py): a run whose URLs a child
process checked gives exactly the report of a run that checks them after the analysis, asks each
URL once, and fetches nothing the analysis would not check."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from refcheck.links import LinkOptions, LinkResult, LinkState
from refcheck.links.prefetch import Prefetch, Prefetched, document_urls
from refcheck.pipeline import load
from tests.conftest import SRC
from tests.links.conftest import Server


def refcheck(
    prefetch: bool, cache: Path, *args: str, modules: Path | None = None, before: str = ""
) -> subprocess.CompletedProcess[str]:
    """A real process: a test process runs the server's thread, and a process with threads does
    not fork a prefetcher. ``modules``: where to write the names of the modules it imported;
    ``before``: a line of code run first."""
    code = (
        before
        + "\nimport sys, refcheck.runner as r; r.PREFETCH = "
        + str(prefetch)
        + "\n"
        + (
            f"import atexit, json; atexit.register(lambda: json.dump(sorted(sys.modules), open({str(modules)!r}, 'w')))\n"
            if modules
            else ""
        )
        + "from refcheck.links.prefetch import Prefetch\n"
        "take = Prefetch.take\n"
        "def told(self, options):\n"
        "    got = take(self, options)\n"
        f"    open({str(cache) + '.prefetched'!r}, 'w').write(str(len(got.results) if got else None))\n"
        "    return got\n"
        "Prefetch.take = told\n"
        "from refcheck.cli import main; main(sys.argv[1:], prog_name='refcheck')"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    env.update(PYTHONPATH=str(SRC), REFCHECK_CACHE_DIR=str(cache), REFCHECK_VERIFY="0")
    cmd = [sys.executable, "-c", code, "check", "--format", "json", "--allow-private-hosts", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)


def prefetched(cache: Path) -> str | None:
    """How many results the run took from its prefetching child ("None": it had none to take)."""
    told = cache.with_name(cache.name + ".prefetched")
    return told.read_text() if told.exists() else None


def asked(site: Server) -> list[tuple[str, str]]:
    """The requests the site got (the made-up paths of soft-404 probes are random)."""
    return sorted((m, re.sub(r"/refcheck-\w+$", "/refcheck-*", p)) for m, p in site.log)


@pytest.fixture
def paper(site: Server, tmp_path: Path) -> Path:
    path = tmp_path / "paper.md"
    entries = "\n".join(
        f"{i}. Author{i}, A. ({2000 + i}). Title {i}. <{site.url(p)}>"
        for i, p in enumerate(["/alive", "/missing", "/old", "/gone", "/temp", "/honest/article"], 1)
    )
    path.write_text(
        "# Paper\n\nAs shown [1], [2].\n\n```\nsee " + site.url("/in-code") + "\n```\n\n"
        "## References\n\n" + entries + "\n",
        encoding="utf-8",
    )
    return path


def test_prefetched_run_gives_the_same_report_and_asks_each_url_once(
    site: Server, tmp_path: Path, paper: Path
) -> None:
    after = refcheck(False, tmp_path / "cache-after", "--archive", "none", str(paper))
    hits_after = asked(site)
    site.log.clear()
    ahead = refcheck(True, tmp_path / "cache-ahead", "--archive", "none", str(paper))
    assert after.returncode == ahead.returncode == 1, (after.stderr, ahead.stderr)
    assert ahead.stdout == after.stdout and ahead.stderr == after.stderr
    assert asked(site) == hits_after  # each URL asked as often as without the prefetch
    assert prefetched(tmp_path / "cache-ahead") == "6" and prefetched(tmp_path / "cache-after") is None
    assert site.hits("/in-code") == 0  # a URL in code is not checked, nor fetched ahead
    links = json.loads(ahead.stdout)["files"][0]["links"]
    assert {lk["status"] for lk in links} == {"alive", "dead", "redirected"}


def test_warm_prefetched_run_reads_the_cache(site: Server, tmp_path: Path, paper: Path) -> None:
    cold = refcheck(True, tmp_path / "cache", "--archive", "none", str(paper))
    site.log.clear()
    warm = refcheck(True, tmp_path / "cache", "--archive", "none", str(paper))
    assert warm.stdout == cold.stdout
    assert site.hits() == 0
    assert prefetched(tmp_path / "cache") == "6"


def test_a_warm_run_forks_no_child_and_loads_no_http_client(
    site: Server, tmp_path: Path, paper: Path
) -> None:
    """Every URL answered from the cache (or not fetched at all): the results are read before the
    analysis, in this process (links.run.answered_from_cache), so nothing is fetched ahead: no child
    process, no HTTP client imported. One URL more to check, and the child is forked again."""
    cold = refcheck(True, tmp_path / "cache", "--archive", "none", str(paper))
    told = tmp_path / "cache.prefetched"
    assert told.read_text() == "6"  # the cold run took the child's results
    told.unlink()
    site.log.clear()
    modules = tmp_path / "modules.json"
    warm = refcheck(True, tmp_path / "cache", "--archive", "none", str(paper), modules=modules)
    assert warm.stdout == cold.stdout and warm.stderr == cold.stderr
    assert site.hits() == 0
    assert prefetched(tmp_path / "cache") is None  # no child's results taken: none was forked
    imported = set(json.loads(modules.read_text()))
    assert "refcheck.links.cache" in imported  # the cache was read
    for name in ("multiprocessing", "requests", "urllib3", "refcheck.links.checker"):
        assert name not in imported, name

    paper.write_text(paper.read_text() + f"7. Author7, A. (2007). Title 7. <{site.url('/new')}>\n")
    refcheck(True, tmp_path / "cache", "--archive", "none", str(paper))
    assert (
        prefetched(tmp_path / "cache") == "7"
    )  # the child checked the new URL, took the others from the cache
    assert site.hits("/new") == 1


def test_a_cold_run_forks_its_child_without_multiprocessing(
    site: Server, tmp_path: Path, paper: Path
) -> None:
    """The child is forked with a plain pipe: importing and setting up multiprocessing (~15 ms)
    came before its first request. Its results are taken as before."""
    modules = tmp_path / "modules.json"
    cold = refcheck(True, tmp_path / "cache", "--archive", "none", str(paper), modules=modules)
    assert cold.returncode == 1, cold.stderr
    assert prefetched(tmp_path / "cache") == "6"
    imported = set(json.loads(modules.read_text()))
    assert "refcheck.links.prefetch" in imported and "multiprocessing" not in imported


def test_the_child_is_forked_before_the_analysis_is_imported(
    site: Server, tmp_path: Path, paper: Path
) -> None:
    """The run plans its files and forks the child without importing the analysis (pipeline.py, the
    rules, the reference-list parser: ~60 ms that came before the child's first request); the
    parent imports it while the child checks the URLs. The report is the one of a run without it."""
    seen = tmp_path / "at-fork.json"
    code = (
        "import json, sys, refcheck.links.prefetch as p\n"
        "start = p.Prefetch.start.__func__\n"
        "def spy(cls, tasks):\n"
        f"    json.dump(sorted(m for m in sys.modules if m.startswith('refcheck')), open({str(seen)!r}, 'w'))\n"
        "    return start(cls, tasks)\n"
        "p.Prefetch.start = classmethod(spy)\n"
    )
    cold = refcheck(True, tmp_path / "cache", "--archive", "none", str(paper), before=code)
    after = refcheck(False, tmp_path / "cache-after", "--archive", "none", str(paper))
    assert cold.returncode == after.returncode == 1, cold.stderr
    assert cold.stdout == after.stdout
    assert prefetched(tmp_path / "cache") == "6"
    at_fork = set(json.loads(seen.read_text()))
    assert "refcheck.runner" in at_fork and "refcheck.config" in at_fork
    for name in ("refcheck.pipeline", "refcheck.rules", "refcheck.extract.reference_list"):
        assert name not in at_fork, name


def test_a_child_that_dies_leaves_the_checking_to_the_parent(
    site: Server, tmp_path: Path, paper: Path
) -> None:
    after = refcheck(False, tmp_path / "cache-after", "--archive", "none", str(paper))
    code = "import os, refcheck.links.prefetch as p; p._child = lambda conn, tasks: os._exit(3)"
    died = refcheck(True, tmp_path / "cache-died", "--archive", "none", str(paper), before=code)
    assert died.returncode == after.returncode == 1, died.stderr
    assert died.stdout == after.stdout and died.stderr == after.stderr
    assert prefetched(tmp_path / "cache-died") == "None"  # nothing taken from it


def test_document_urls_are_those_the_analysis_checks(site: Server, paper: Path) -> None:
    from refcheck.pipeline import check_file

    doc = check_file(str(paper)).doc
    assert doc is not None
    assert set(document_urls(load(str(paper)))) == {u.url for u in doc.urls}


class _Gone:
    """A child process that has already exited (``Prefetch.close`` asks it)."""

    def is_alive(self) -> bool:
        return False

    def join(self, timeout: float | None = None) -> None:
        pass


def _stream(*messages: object) -> Prefetch:
    import multiprocessing
    import pickle

    mine, theirs = multiprocessing.Pipe(duplex=False)
    for m in messages:
        theirs.send_bytes(pickle.dumps(m))
    theirs.close()
    return Prefetch(_Gone(), mine)  # type: ignore[arg-type]


def test_results_come_in_batches_and_count_once_the_child_says_it_is_done() -> None:
    options = LinkOptions(allow_private_hosts=True)
    first, again, other = (
        LinkResult("http://a.test/1", LinkState.UNVERIFIED, reason="timeout"),
        LinkResult("http://a.test/1", LinkState.ALIVE, http_status=200),
        LinkResult("http://a.test/2", LinkState.DEAD, http_status=404),
    )
    done = Prefetched(options, {}, requests=3)
    got = _stream({first.url: first}, {other.url: other, again.url: again}, done).take(options)
    assert got is not None and got.requests == 3
    assert {u: r.status for u, r in got.results.items()} == {
        "http://a.test/1": LinkState.ALIVE,  # a URL checked again: the later result
        "http://a.test/2": LinkState.DEAD,
    }
    # a child that stops before it says it is done (it crashed), or checked with other options:
    # nothing of it is used, the parent checks every URL itself
    assert _stream({other.url: other}).take(options) is None
    assert _stream({other.url: other}, None).take(options) is None
    assert _stream({other.url: other}, done).take(LinkOptions()) is None


def test_a_file_counts_as_answered_when_unchanged_with_the_same_options_and_results_fresh(
    site: Server, tmp_path: Path, paper: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """links.run.answered_before: what decides that a run forks no prefetch child. A wrong answer
    costs speed only: the links are checked after the analysis either way."""
    import dataclasses
    import time

    from refcheck.links import run
    from refcheck.pipeline import CheckOptions, check_document_links, check_file

    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    options = CheckOptions(links=True, link_allow_private_hosts=True, link_archive="none")

    def checked(path: Path, opts: CheckOptions = options) -> None:
        doc = check_file(str(path), opts).doc
        assert doc is not None
        check_document_links([(doc, opts)])

    assert not run.answered_before([(str(paper), options)])  # never checked
    checked(paper)
    assert run.answered_before([(str(paper), options)])
    assert run.answered_before([(str(paper), options), (str(tmp_path / "x.md"), CheckOptions(links=False))])
    # other link options, another file, or results the cache no longer counts as fresh: not answered
    assert not run.answered_before([(str(paper), dataclasses.replace(options, link_timeout=3.0))])
    assert not run.answered_before([(str(tmp_path / "nowhere.md"), options)])
    later = time.time() + 2 * 86400
    monkeypatch.setattr(run.time, "time", lambda: later)
    assert not run.answered_before([(str(paper), options)])
    monkeypatch.undo()
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(tmp_path / "cache"))
    # edited: a new version, answered once checked again
    paper.write_text(paper.read_text() + "\n", encoding="utf-8")
    assert not run.answered_before([(str(paper), options)])
    checked(paper)
    assert run.answered_before([(str(paper), options)])
    # a URL that could not be verified is not in the cache: the file is never answered
    busy = tmp_path / "busy.md"
    busy.write_text(
        f"# Busy\n\n## References\n\n1. A, B. (2001). T. <{site.url('/error')}>\n", encoding="utf-8"
    )
    checked(busy)
    assert not run.answered_before([(str(busy), options)])


def test_the_child_says_done_before_it_writes_the_cache_and_records_the_documents(
    site: Server, tmp_path: Path, paper: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check_urls(done=...)`` (the prefetch child): ``done`` comes once every result is known,
    before any is written (the parent need not wait for the writes); once it returns, every
    result is cached and a document whose URLs all are is recorded (links.run.answered_before)."""
    from refcheck.links import check_urls, run
    from refcheck.links.cache import LinkCache
    from refcheck.pipeline import CheckOptions

    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("REFCHECK_CACHE_DIR", str(cache_dir))
    check_options = CheckOptions(links=True, link_allow_private_hosts=True, link_archive="none")
    options = check_options.link_options()
    at_done: list[tuple[bool, int]] = []

    def done(cache_ok: bool) -> None:
        at_done.append((cache_ok, len(LinkCache(cache_dir).get_links(urls, 3600))))

    urls = document_urls(load(str(paper)))
    results = check_urls(urls, options, done=done, documents=[(str(paper), urls)])
    assert at_done == [(True, 0)]  # said once, before anything was written
    assert set(LinkCache(cache_dir).get_links(urls, 3600)) == set(urls) == set(results)
    assert run.answered_before([(str(paper), check_options)])
    # a URL that could not be verified is not cached: its document is not recorded
    busy = tmp_path / "busy.md"
    busy.write_text(
        f"# Busy\n\n## References\n\n1. A, B. (2001). T. <{site.url('/error')}>\n", encoding="utf-8"
    )
    urls = document_urls(load(str(busy)))
    check_urls(urls, options, done=lambda ok: None, documents=[(str(busy), urls)])
    assert not run.answered_before([(str(busy), check_options)])


def test_a_parent_given_every_result_by_a_child_with_a_usable_cache_does_not_open_it(
    site: Server, tmp_path: Path, paper: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refcheck.links import check_links
    from refcheck.links.cache import LinkCache
    from refcheck.pipeline import check_file

    doc = check_file(str(paper)).doc
    assert doc is not None
    options = LinkOptions(allow_private_hosts=True, archive="none", cache_dir=tmp_path / "cache")
    results = {u.url: LinkResult(u.url, LinkState.ALIVE, http_status=200) for u in doc.urls}
    opened: list[Path] = []
    connect = LinkCache._connect

    def counted(self: LinkCache) -> None:
        if self._directory is not None:
            opened.append(self._directory)
        connect(self)

    monkeypatch.setattr(LinkCache, "_connect", counted)
    report = check_links(doc, options, prefetched=Prefetched(options, dict(results), cache_ok=True))
    assert opened == [] and {lk.status for lk in report.links} == {LinkState.ALIVE}
    # the child's cache was not usable (or failed): the parent opens its own, as without a child
    check_links(doc, options, prefetched=Prefetched(options, dict(results), cache_ok=False))
    assert opened == [tmp_path / "cache"]
    # one URL the child did not check: the parent checks it, through its cache
    opened.clear()
    del results[doc.urls[0].url]
    check_links(doc, options, prefetched=Prefetched(options, dict(results), cache_ok=True))
    assert opened == [tmp_path / "cache"]
    assert site.hits() >= 1


class _Running:
    """A child process still running (closing its connections and the cache)."""

    def __init__(self) -> None:
        self.killed = False
        self.joined: list[float | None] = []

    def is_alive(self) -> bool:
        return not self.killed

    def kill(self) -> None:
        self.killed = True

    def join(self, timeout: float | None = None) -> None:
        self.joined.append(timeout)


def test_a_child_that_said_it_is_done_is_let_finish_and_one_that_did_not_is_killed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import atexit
    import multiprocessing
    import pickle

    from refcheck.links import prefetch

    registered: list[Any] = []
    monkeypatch.setattr(atexit, "register", lambda fn, *args: registered.append((fn, args)))
    options = LinkOptions()
    for said_done, killed in ((True, False), (False, True)):
        registered.clear()
        mine, theirs = multiprocessing.Pipe(duplex=False)
        theirs.send_bytes(pickle.dumps({}))
        if said_done:
            theirs.send_bytes(pickle.dumps(Prefetched(options, {})))
        theirs.close()
        child = _Running()
        fetch = Prefetch(child, mine)  # type: ignore[arg-type]
        fetch.take(options)
        fetch.close()
        assert child.killed is killed
        if said_done:  # waited for when this process ends, then killed only if still running
            assert registered == [(prefetch._reap_finishing, ())]
            assert len(prefetch._FINISHING) == 1 and prefetch._FINISHING[0] is fetch
            prefetch._reap_finishing()
            assert 0 < child.joined[0] <= prefetch.REAP_WAIT and child.killed
            assert prefetch._FINISHING == []


def test_the_forked_child_is_waited_for_killed_and_reaped() -> None:
    import os
    import time

    from refcheck.links.prefetch import _Forked

    def fork(seconds: float, code: int) -> _Forked:
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the child)
            time.sleep(seconds)
            os._exit(code)
        return _Forked(pid)

    quick = fork(0.05, 3)
    started = time.monotonic()
    quick.join(5)
    assert time.monotonic() - started < 2 and not quick.is_alive() and quick.exitcode == 3
    slow = fork(30, 0)
    started = time.monotonic()
    slow.join(0.1)
    assert 0.05 <= time.monotonic() - started < 2 and slow.is_alive()
    slow.kill()
    slow.join(5)
    assert not slow.is_alive() and slow.exitcode == -9
