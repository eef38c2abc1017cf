"""The entry point: check every URL of one or more documents in one pool, fill ``Document.links``.

    report = check_links(docs, LinkOptions(), progress=None)

Each distinct URL is checked once (from the cache when it is fresh there); each occurrence becomes
a ``Link`` on its document, carrying the result and, for dead and unverified links, an archived
copy. ``report.notes`` holds the lines to tell the user once (no network, cache not usable).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

from refcheck.links.archive import ArchiveClient
from refcheck.links.cache import LinkCache
from refcheck.links.checker import Checker, Progress
from refcheck.links.errors import NETWORK_REASONS
from refcheck.links.options import LinkOptions, default_cache_dir
from refcheck.links.report import LinkReport
from refcheck.links.results import Link, LinkResult, LinkState
from refcheck.model import Document

__all__ = ["LinkReport", "check_links", "check_urls"]


def _open_cache(options: LinkOptions, report: LinkReport) -> LinkCache | None:
    if not options.cache:
        return None
    cache = LinkCache(options.cache_dir or default_cache_dir())
    if not cache.usable:
        report.notes.append(f"the link cache at {cache.path} cannot be used; links are checked afresh")
        return None
    return cache


def check_urls(
    urls: Iterable[str],
    options: LinkOptions | None = None,
    progress: Progress | None = None,
    cache: LinkCache | None = None,
    report: LinkReport | None = None,
) -> dict[str, LinkResult]:
    """The result of each distinct URL (no archive lookup): the cache first, then the network."""
    options = options or LinkOptions()
    report = report if report is not None else LinkReport()
    own_cache = cache is None
    if cache is None:
        cache = _open_cache(options, report)
    wanted = list(dict.fromkeys(urls))
    try:
        fresh = cache.get_links(wanted, options.cache_max_age) if cache else {}
        todo = [u for u in wanted if u not in fresh]
        checker = Checker(options)
        done = len(fresh)

        def advance(n: int, total: int) -> None:
            if progress:
                progress(done + n, len(wanted))

        try:
            checked = checker.check_many(todo, advance if progress else None)
        finally:
            checker.close()
        report.requests += checker.stats.requests
        report.from_cache += len(fresh)
        if _network_down(checked, checker.stats.answers):
            report.network_unavailable = True
            for r in checked.values():
                if r.status is not LinkState.SKIPPED:
                    r.status, r.reason = LinkState.UNVERIFIED, "network-unavailable"
                    r.detail = "no network: nothing resolved or connected"
            n = sum(1 for r in checked.values() if r.reason == "network-unavailable")
            report.notes.append(
                f"the network is unavailable: {n} link(s) were not checked (marked unverified)"
            )
        elif cache:
            cache.put_links(checked.values())
    finally:
        if own_cache and cache:
            cache.close()
    results = {**fresh, **checked}
    report.results.update(results)
    return {u: results[u] for u in wanted}


def _network_down(checked: dict[str, LinkResult], answers: int) -> bool:
    """Nothing answered and every attempt failed for lack of network."""
    tried = [r for r in checked.values() if r.status is not LinkState.SKIPPED]
    return bool(tried) and answers == 0 and all(r.reason in NETWORK_REASONS for r in tried)


def check_links(
    docs: Document | Sequence[Document],
    options: LinkOptions | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> LinkReport:
    """Check the URLs of ``docs`` in one pool and set each document's ``links``."""
    options = options or LinkOptions()
    docs = [docs] if isinstance(docs, Document) else list(docs)
    report = LinkReport()
    cache = _open_cache(options, report)
    try:
        results = check_urls((u.url for d in docs for u in d.urls), options, progress, cache, report)
        archive = ArchiveClient(options, cache) if options.archive != "none" else None
        try:
            for doc in docs:
                doc.links = [_occurrence(doc, u, results[u.url], archive, today, report) for u in doc.urls]
                report.links.extend(doc.links)
        finally:
            if archive:
                report.archive_requests = archive.requests
                if archive.unavailable:
                    report.notes.append(archive.unavailable)
                archive.close()
    finally:
        if cache:
            cache.close()
    return report


def _occurrence(
    doc: Document,
    url: object,
    result: LinkResult,
    archive: ArchiveClient | None,
    today: dt.date | None,
    report: LinkReport,
) -> Link:
    from refcheck.model import Url

    assert isinstance(url, Url)
    line, column = doc.locate(url.start) if url.start >= 0 else (None, None)
    own = dataclasses.replace(result, redirects=list(result.redirects), evidence=dict(result.evidence))
    if archive is not None and _wants_archive(own, archive.options.archive, report):
        when = _date(url.accessed) or today or dt.date.today()
        snap = archive.lookup(url.url, when)
        if snap is not None:
            own.archive_url, own.archive_timestamp, own.archive_note = snap.url, snap.timestamp, snap.note
    return Link(
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
