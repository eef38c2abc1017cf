"""The entry point: check every URL of one or more documents in one pool, fill ``Document.links``.

    report = check_links(docs, LinkOptions(), progress=None)

Each distinct URL is checked once (from the cache when it is fresh there); each occurrence becomes
a ``Link`` on its document, carrying the result and, for dead and unverified links, an archived
copy. When the entry citing a URL gives a title and the page read does not carry it, the archived
copy nearest the access date is read too, and the verdict (``ContentCheck``) is set on the link for
the ``link-content-*`` rules. ``report.notes`` holds the lines to tell the user once (no network,
the stage's time ran out, links not fetched, cache not usable).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from refcheck.links import content
from refcheck.links.cache import CACHED_STATES, LinkCache
from refcheck.links.cache import FILENAME as CACHE_FILENAME
from refcheck.links.options import LinkOptions, default_cache_dir
from refcheck.links.page import PageInfo
from refcheck.links.policy import Policy
from refcheck.links.protocol import NETWORK_REASONS, NETWORK_UNAVAILABLE, STAGE_TIMEOUT, Progress
from refcheck.links.report import LinkReport
from refcheck.links.results import ContentCheck, Link, LinkResult, LinkState
from refcheck.model import Document, Reference, Url

if TYPE_CHECKING:
    import queue
    from pathlib import Path

    from refcheck.links.archive import ArchiveClient, Snapshot
    from refcheck.links.checker import Checker
    from refcheck.links.prefetch import Prefetched
    from refcheck.pipeline import CheckOptions

__all__ = ["LinkReport", "answered_before", "check_links", "check_urls"]


def _database(options: LinkOptions) -> Path:
    """The cache's database file (which may not exist yet)."""
    return (options.cache_dir or default_cache_dir()) / CACHE_FILENAME


def _open_cache(options: LinkOptions, report: LinkReport, lazy: bool = False) -> LinkCache | None:
    """``lazy``: opened at first use (the prefetch child found it usable moments ago, or it is to
    be made: ``check_urls``)."""
    if not options.cache:
        return None
    # pruned of rows older than the longest age this run reuses answers for (or cache.KEEP)
    keep = max(options.cache_max_age, options.archive_max_age)
    cache = LinkCache(options.cache_dir or default_cache_dir(), connect=not lazy, keep=keep)
    if not lazy and not cache.usable:
        report.notes.append(
            f"the link cache at {cache.path} cannot be used ({cache.problem}); links are checked afresh"
        )
        return None
    return cache


def _close_cache(cache: LinkCache, report: LinkReport) -> None:
    if cache.problem:
        report.notes.append(
            f"the link cache at {cache.path} failed ({cache.problem}); it is not used for the rest of the run"
        )
    cache.close()


class _Checkers:
    """The run's checker, made when a URL is first fetched: a run answered wholly from the cache
    loads no HTTP code at all."""

    def __init__(self, options: LinkOptions) -> None:
        self.options = options
        self.stage_deadline = time.monotonic() + options.stage_timeout if options.stage_timeout > 0 else None
        self._checker: Checker | None = None

    def get(self) -> Checker:
        if self._checker is None:
            from refcheck.links.checker import Checker

            self._checker = Checker(self.options, self.stage_deadline)
        return self._checker

    def stage_over(self) -> bool:
        return self.stage_deadline is not None and time.monotonic() >= self.stage_deadline

    def close(self) -> None:
        if self._checker is not None:
            self._checker.close()


def document_key(path: str, options: LinkOptions) -> str | None:
    """One version of a file, checked with ``options``: its real path, size, modification time and
    the options (None when it cannot be read). The same key finds the same URLs again; a file edited
    without changing its size or time, or one it includes (a chapter, a LaTeX \\input) edited,
    would not: that costs speed only (a prefetch child forked or not), never a result, since the
    links are checked after the analysis as always."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return f"{os.path.realpath(path)}\n{st.st_size}\n{st.st_mtime_ns}\n{options!r}"


def _links_cached(options: LinkOptions) -> bool:
    """Whether link results are read from and kept in the cache. A stored result was judged under
    the default ``--accept`` (any 2xx alive): under another, each link is checked afresh and its
    result is not kept (a 404 stored as dead would stay dead under ``--accept 200..299,404``)."""
    return options.accept is None


def answered_before(tasks: Sequence[tuple[str, CheckOptions]]) -> bool:
    """Whether every file of ``tasks`` whose links are checked was checked before, unchanged and with
    the same link options, and the cache then held a result for each URL it fetches, none expired
    since (``_remember_answered``): a warm re-run, whose URLs the cache answers after the analysis.
    Checking them ahead in a forked child would cost more than it saves (runner._prefetch)."""
    linked = [path for path, check_options in tasks if check_options.links]
    if not linked:
        return False
    options = next(o for _, o in tasks if o.links).link_options()  # the pool's (check_document_links)
    keys = [document_key(path, options) for path in linked]
    if not options.cache or not _links_cached(options) or None in keys:
        return False
    if not _database(options).is_file():
        return False  # a first run: no database to create before the fork (~10 ms)
    cache = _open_cache(options, LinkReport())
    if cache is None:
        return False
    try:
        found = cache.answered_oldest(k for k in keys if k is not None)
    finally:
        cache.close()
    since = time.time() - options.cache_max_age
    return all(found.get(k, since - 1) >= since for k in keys if k is not None)


def _remember_answered(
    docs: Sequence[Document], options: LinkOptions, cache: LinkCache, results: Mapping[str, LinkResult]
) -> None:
    """Record each document whose URLs the cache now answers, those that are fetched at all (for
    ``answered_before``), with the oldest check time of their results and the results themselves
    (a warm record, read back in one go by the next run: ``_answered``)."""
    remember_answered([(doc.path, [u.url for u in doc.urls]) for doc in docs], options, cache, results)


def remember_answered(
    documents: Sequence[tuple[str, Sequence[str]]],
    options: LinkOptions,
    cache: LinkCache,
    results: Mapping[str, LinkResult],
) -> None:
    """``_remember_answered`` for documents given as (path, URLs); ``results``: of those URLs."""
    keys = {key: urls for path, urls in documents if (key := document_key(path, options)) is not None}
    if not keys or cache.problem or not _links_cached(options):
        return
    now = time.time()
    since = now - options.cache_max_age
    known = cache.answered_oldest(keys)
    keys = {key: urls for key, urls in keys.items() if known.get(key, since - 1) < since}
    if not keys:
        return
    policy = Policy(options)
    stamp = cache.links_stamp()  # before the summaries: a result written meanwhile changes it
    new: list[tuple[str, str, list[list[float]], list[LinkResult]]] = []
    for key, urls in keys.items():
        fetched = [u for u in dict.fromkeys(urls) if policy.result(u, now) is None]
        got = [results.get(u) for u in fetched]
        if not all(r is not None and r.status in CACHED_STATES for r in got):
            continue  # a result the cache does not keep (unverified): never answered by it
        summary = cache.summary(fetched)  # (every one written; [] when none is fetched)
        if summary is not None:
            new.append((key, key.split("\n", 1)[0], summary, [r for r in got if r is not None]))
    cache.put_answered(new, stamp)


def _answered(docs: Sequence[Document], options: LinkOptions, cache: LinkCache) -> dict[str, LinkResult]:
    """The results of the warm records of ``docs`` (``remember_answered``), by URL."""
    keys = [document_key(doc.path, options) for doc in docs if doc.urls]
    return cache.get_answered((k for k in keys if k is not None), options.cache_max_age)


def check_urls(
    urls: Iterable[str],
    options: LinkOptions | None = None,
    progress: Progress | None = None,
    report: LinkReport | None = None,
    sink: Callable[[dict[str, LinkResult]], None] | None = None,
    done: Callable[[bool], None] | None = None,
    documents: Sequence[tuple[str, Sequence[str]]] = (),
) -> dict[str, LinkResult]:
    """The result of each distinct URL (no archive lookup): the cache first, then the network.
    ``sink``: given the results as they are known, before this returns (see ``_check_urls``);
    ``done(cache_ok)``: called once they all are, before the last results are written to the cache
    and the connections and the cache are closed; ``cache_ok``: the cache was usable and has not
    failed so far. ``documents`` (path, URLs): recorded as answered by the cache (``answered_before``)
    once the results are written."""
    options = options or LinkOptions()
    report = report if report is not None else LinkReport()
    # a prefetch child's first run (no database yet) has nothing to look up: the database is made
    # at the first write, while the other URLs are out, not before the first request (~10 ms);
    # ``done`` says whether it could be (the parent notes the problem otherwise)
    first = done is not None and not _database(options).exists()
    cache = _open_cache(options, report, lazy=first)
    checkers = _Checkers(options)
    try:
        results = _check_urls(urls, options, progress, cache, report, checkers, sink=sink, done=done)
        if cache is not None and documents and not report.network_unavailable:
            remember_answered(documents, options, cache, results)
        return results
    finally:
        checkers.close()
        if cache:
            _close_cache(cache, report)


def _check_urls(
    urls: Iterable[str],
    options: LinkOptions,
    progress: Progress | None,
    cache: LinkCache | None,
    report: LinkReport,
    checkers: _Checkers,
    prefetched: Prefetched | None = None,
    sink: Callable[[dict[str, LinkResult]], None] | None = None,
    done: Callable[[bool], None] | None = None,
    known: Mapping[str, LinkResult] | None = None,
) -> dict[str, LinkResult]:
    """``sink``: given the results as they are known (those not fetched and those cached first,
    then each checked one as it is done), before this returns; ``done``: see ``check_urls``;
    ``known``: results read from the documents' warm records (``_answered``): the links table is not
    asked about their URLs."""

    def say_done() -> None:
        if done is not None:
            done(cache is not None and cache.usable and not cache.problem)

    wanted = list(dict.fromkeys(urls))
    # checked while the documents were analysed (prefetch.py), with these options (so the same
    # verdict on what is not fetched at all): the child has cached them itself
    ahead = prefetched.results if prefetched is not None else {}
    if prefetched is not None:
        report.requests += prefetched.requests
    # what is not fetched at all is decided first: a result cached under other settings (an
    # --exclude since added, --allow-private-hosts since dropped) is not reused for it
    known = known or {}
    policy, now = Policy(options), time.time()
    # (also for a URL of a warm record: its results are trusted no more than the links table's,
    # which the policy always comes before; a forged record cannot make an excluded URL checked)
    early = {u: r for u in wanted if u not in ahead and (r := policy.result(u, now)) is not None}
    fetched = [u for u in wanted if u not in early and u not in ahead]
    fresh = {u: r for u in fetched if (r := known.get(u)) is not None}
    if cache and _links_cached(options) and len(fresh) < len(fetched):
        fresh.update(cache.get_links([u for u in fetched if u not in fresh], options.cache_max_age))
    todo = [u for u in fetched if u not in fresh]
    answered_now = len(fresh) + len(early) + sum(1 for u in wanted if u in ahead)
    report.from_cache += len(fresh) + sum(
        1 for u in wanted if (r := ahead.get(u)) is not None and r.from_cache
    )
    if sink is not None and (early or fresh):
        sink({**early, **fresh})
    checked: dict[str, LinkResult] = {}
    if not todo:
        say_done()
        if progress:
            progress(answered_now, len(wanted))
    else:
        checker = checkers.get()
        writer = _CacheWriter(cache, checker) if cache and _links_cached(options) else None

        def advance(n: int, total: int) -> None:
            if progress:
                progress(answered_now + n, len(wanted))

        def answered(url: str, result: LinkResult) -> None:
            if writer is not None:
                writer.add(result)
            if sink is not None:
                sink({url: result})

        before = checker.stats.requests
        try:
            # the policy has passed every URL of todo (early): the pool need not ask it again
            checked = checker.check_many(
                todo, advance if progress else None, answered if writer or sink else None, prechecked=True
            )
        except BaseException:
            if writer is not None:
                writer.close()  # (what was handed over is written)
            raise
        report.requests += checker.stats.requests - before
        if checker.network.down:
            report.network_unavailable = True
            for r in checked.values():
                if r.status is not LinkState.SKIPPED and (
                    r.reason in NETWORK_REASONS or r.reason == NETWORK_UNAVAILABLE
                ):
                    r.status, r.reason = LinkState.UNVERIFIED, NETWORK_UNAVAILABLE
                    r.detail = "no network: nothing resolved or connected"
            n = sum(1 for r in checked.values() if r.reason == NETWORK_UNAVAILABLE)
            report.notes.append(
                f"the network is unavailable: {n} link(s) were not checked (marked unverified)"
            )
            if writer is not None:
                writer.close()  # (nothing was handed over: no site answered)
            say_done()
        else:
            say_done()  # before the last write: the waiting parent need not wait for it too
            if writer is not None:
                writer.finish()
    checked = {**{u: r for u in wanted if (r := ahead.get(u)) is not None}, **checked}
    late = sum(1 for r in checked.values() if r.reason == STAGE_TIMEOUT)
    if late:
        report.stage_timed_out = True
        report.notes.append(
            f"the link stage ran out of time ({options.stage_timeout:g} s, --links-timeout): "
            f"{late} link(s) were not checked (marked unverified)"
        )
    results = {**early, **fresh, **checked}
    report.results.update(results)
    return {u: results[u] for u in wanted}


class _CacheWriter:
    """Checked results written to the cache while the others are still being checked, a batch at a
    time: the writes overlap the checking instead of following it (a 2,000-URL run: ~25 ms fewer
    after its last answer, for which the run, or the parent of a prefetch child, waits), and a run
    cut short keeps what it checked. Only once a site has answered: until then the network may turn
    out to be down, and such a run caches nothing.

    The batches are written by a thread of their own, not on the event loop: a write (~0.7 ms, the
    first one making the database, ~10-20 ms) held up every answer that came meanwhile, about
    once per round of answers at a concurrency of 64, and SQLite lets go of the interpreter while
    it writes. ``finish`` writes the last batch and waits for all of them; ``close`` (always
    called) ends the thread."""

    BATCH = 64

    def __init__(self, cache: LinkCache, checker: Checker) -> None:
        self.cache = cache
        self.checker = checker
        self.pending: list[LinkResult] = []
        self._queue: queue.SimpleQueue[list[LinkResult] | None] | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def add(self, result: LinkResult) -> None:
        self.pending.append(result)
        # "up" is final: an answer came, so the network is there for the rest of the run
        if len(self.pending) >= self.BATCH and self.checker.network.state == "up":
            self._hand_over()

    def _hand_over(self) -> None:
        batch, self.pending = self.pending, []
        if self._queue is None:
            import queue  # (a warm re-run writes nothing: not imported on its way)

            self._queue = queue.SimpleQueue()
            self._thread = threading.Thread(target=self._write, name="refcheck-link-cache", daemon=True)
            self._thread.start()
        self._queue.put(batch)

    def _write(self) -> None:
        assert self._queue is not None
        while (batch := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self.cache.put_links(batch)
                except BaseException as exc:  # handed to the thread that finishes
                    self._error = exc

    def finish(self) -> None:
        """Write the last batch, wait for every write."""
        if self._queue is None:
            self.cache.put_links(self.pending)  # (no thread: all of it in one write)
            self.pending = []
            return
        self._hand_over()
        self.close()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        if self._queue is not None and self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._queue = None


def check_links(
    docs: Document | Sequence[Document],
    options: LinkOptions | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
    prefetched: Prefetched | None = None,
) -> LinkReport:
    """Check the URLs of ``docs`` in one pool and set each document's ``links``; ``prefetched``:
    the results of URLs checked already while the documents were analysed (prefetch.py)."""
    options = options or LinkOptions()
    docs = [docs] if isinstance(docs, Document) else list(docs)
    report = LinkReport()
    # every URL checked ahead by a child that found the cache usable and records the documents
    # itself: the cache is opened here only if an archive lookup or a page read asks it (~25 ms)
    ahead = (
        prefetched is not None
        and prefetched.cache_ok
        and all(u.url in prefetched.results for d in docs for u in d.urls)
    )
    cache = _open_cache(options, report, lazy=ahead)
    checkers = _Checkers(options)
    try:
        # a warm re-run: the results of each unchanged document in one read (not one per URL)
        known = (
            _answered(docs, options, cache)
            if cache is not None and not ahead and _links_cached(options)
            else {}
        )
        results = _check_urls(
            (u.url for d in docs for u in d.urls), options, progress, cache, report, checkers, prefetched,
            known=known,
        )  # fmt: skip
        if cache is not None and not report.network_unavailable and not ahead:
            _remember_answered(docs, options, cache, results)
        archive: ArchiveClient | None = None
        if options.archive != "none" and not report.network_unavailable:
            from refcheck.links.archive import ArchiveClient  # and its imports: only when used

            archive = ArchiveClient(options, cache, checkers.stage_deadline)
        pages = _Pages(checkers, cache, options)
        try:
            for doc in docs:
                refs = {r.id: r for r in doc.references or []}
                day = today or dt.date.today()
                doc.links = [
                    _occurrence(doc, u, results[u.url], refs, archive, pages, day, report) for u in doc.urls
                ]
                report.links.extend(doc.links)
        finally:
            if archive:
                report.archive_requests = archive.requests
                if archive.unavailable:
                    report.notes.append(archive.unavailable)
                if archive.out_of_time and not report.stage_timed_out:
                    report.notes.append(
                        "the link stage ran out of time (--links-timeout): archive lookups stopped"
                    )
                archive.close()
    finally:
        checkers.close()
        if cache:
            _close_cache(cache, report)
    _note_not_fetched(report)
    return report


def _note_not_fetched(report: LinkReport) -> None:
    private = sum(1 for r in report.results.values() if r.reason == "private-address")
    excluded = sum(1 for r in report.results.values() if r.reason == "excluded")
    if not private and not excluded:
        return
    parts = []
    if private:
        parts.append(f"{private} on loopback, private or other non-public addresses (--allow-private-hosts)")
    if excluded:
        parts.append(f"{excluded} excluded by --exclude-url")
    report.notes.append(f"{private + excluded} link(s) were not fetched: {'; '.join(parts)}")


class _Pages:
    """Archived snapshot pages, read through the same checker (so the same safety rules) and kept in
    the cache's archive table (a snapshot does not change)."""

    def __init__(self, checkers: _Checkers, cache: LinkCache | None, options: LinkOptions) -> None:
        self.checkers = checkers
        self.cache = cache
        self.options = options
        self.requests = 0

    def page(self, url: str) -> PageInfo | None:
        key = f"page|{url}"
        if self.cache is not None:
            found, data = self.cache.get_archive(key, self.options.archive_max_age)
            if found:
                try:
                    return PageInfo.from_json(data) if data is not None else None
                except ValueError:
                    pass
        if self.checkers.stage_over():
            return None
        result = self.checkers.get().read(raw_snapshot_url(url))
        page = result.page if result.status in (LinkState.ALIVE, LinkState.REDIRECTED) else None
        if self.cache is not None and result.status is not LinkState.UNVERIFIED:
            self.cache.put_archive(key, page.to_json() if page is not None else None)
        return page


def raw_snapshot_url(url: str) -> str:
    """A Wayback snapshot URL (``.../web/20090101000000/http://...``) as the archived page itself,
    without the archive's banner (``id_``); other URLs as they are."""
    return re.sub(r"(/web/\d{14})(/https?:)", r"\1id_\2", url, count=1)


def _occurrence(
    doc: Document,
    url: Url,
    result: LinkResult,
    refs: dict[str, Reference],
    archive: ArchiveClient | None,
    pages: _Pages,
    today: dt.date,
    report: LinkReport,
) -> Link:
    line, column = doc.locate(url.start) if url.start >= 0 else (None, None)
    own = result  # shared by the occurrences of a URL, unless this one gets its own archived copy
    when = _date(url.accessed) or today
    snap: Snapshot | None = None
    if archive is not None and _wants_archive(own, archive.options.archive, report):
        snap = archive.lookup(url.url, when)
        if snap is not None:
            own = copy.copy(result)
            own.archive_url, own.archive_timestamp, own.archive_note = snap.url, snap.timestamp, snap.note
    link = Link(
        url=url.url,
        start=url.start,
        end=url.end,
        line=line,
        column=column,
        reference=url.reference,
        footnote=url.footnote,
        accessed=url.accessed,
        result=own,
    )
    ref = refs.get(url.reference) if url.reference else None
    if pages.options.check_content and ref is not None and ref.title:
        link.content = _content(ref.title, url.url, own, archive, snap, pages, when)
    return link


def _content(
    title: str,
    url: str,
    result: LinkResult,
    archive: ArchiveClient | None,
    snap: Snapshot | None,
    pages: _Pages,
    when: dt.date,
) -> ContentCheck | None:
    """The verdict on the page's title: None when it carries the cited one or cannot be judged."""
    if result.status not in (LinkState.ALIVE, LinkState.REDIRECTED) or result.page is None:
        return None
    if not content.judgeable(title):
        return None  # (as carries says, before the page's titles are gathered for it)
    if content.carries(title, result.page.candidates()) is not False:
        return None
    if snap is None and archive is not None:
        snap = archive.lookup(url, when)
    archived = pages.page(snap.url) if snap is not None else None
    verdict = content.carries(title, archived.candidates()) if archived is not None else None
    return ContentCheck(
        status="changed" if verdict else "mismatch",
        cited_title=title,
        page_title=result.page.shown,
        archive_url=snap.url if snap is not None else None,
        archive_title=archived.shown if archived is not None else None,
    )


def _wants_archive(result: LinkResult, mode: str, report: LinkReport) -> bool:
    if report.network_unavailable or result.status is LinkState.SKIPPED:
        return False
    if mode == "all":
        return True
    return mode == "auto" and result.status in (LinkState.DEAD, LinkState.UNVERIFIED)


def _date(iso: str | None) -> dt.date | None:
    if not iso:
        return None
    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return None
