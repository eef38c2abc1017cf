"""The verification stage: every entry of every document looked up once, in this process.

    notes = verify_documents(docs, VerifyOptions())

Sets ``Reference.verification`` on each entry and returns the lines to tell the user once (a
registry that could not be reached, the cache that could not be used). Entries that read alike
(same DOI and text) in several documents are looked up once. Lookups run on a few threads; each
registry host has one limiter for the run (``http.Registry``).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from refcheck.model import Document, Reference, Verification
from refcheck.verify import match
from refcheck.verify.containers import same_container
from refcheck.verify.crossref import Crossref
from refcheck.verify.handle import Handles
from refcheck.verify.http import Registry, Unavailable
from refcheck.verify.openalex import OpenAlex
from refcheck.verify.options import VerifyOptions
from refcheck.verify.records import Notice, Work, doi_url

__all__ = ["VerifyReport", "verify_documents", "verify_reference"]


@dataclass
class VerifyReport:
    notes: list[str]
    requests: int = 0
    from_cache: int = 0


class Clients:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.crossref = Crossref(registry)
        self.openalex = OpenAlex(registry)
        self.handles = Handles(registry)


def _skip(ref: Reference) -> bool:
    """Entries not looked up: vouched for by their URL (the link check reads the page), or too
    thin to search for."""
    if ref.doi:
        return False
    if ref.urls:
        return True
    text = match.query_text(ref)
    return len(text.split()) < 4 or not (ref.title or ref.authors)


def _doi_as_written(ref: Reference, doi: str) -> str | None:
    """The whole DOI when the entry's text runs on past what the DOI reader took: a SICI DOI
    ("10.1002/(SICI)1096-9861(19980907)398:4<515::AID-CNE4>3.0.CO;2-5"), a DOI broken by a space
    after a full stop ("10.1371/journal.pbio. 1001425"). None when the DOI reads complete."""
    at = ref.text.find(doi)
    if at < 0:
        return None
    rest = ref.text[at + len(doi) :]
    m = re.match(r"[<>][^\s]*", rest)
    if m:
        return doi + m.group(0).rstrip(".,;")
    m = re.match(r"\.\s+([0-9][\w.-]*?)[.,;]?(?:\s|$)", rest)
    if m and not re.search(r"\s", rest[: m.start(1)].strip()):
        return f"{doi}.{m.group(1)}"
    return None


def verify_reference(ref: Reference, clients: Clients) -> Verification:
    kind = match.kind(ref)
    if _skip(ref):
        return Verification(status="skipped", kind=kind)
    try:
        if ref.doi:
            doi = ref.doi.strip().rstrip(".,;")
            whole = _doi_as_written(ref, doi)
            if whole is None:
                return _by_doi(ref, doi, clients, kind)
            # the DOI reader stopped short: the whole DOI if it exists, else the metadata; the DOI as
            # read is never called "not found"
            if clients.crossref.work(whole) is not None or clients.handles.exists(whole):
                return _by_doi(ref, whole, clients, kind)
            v = _by_query(ref, clients, kind)
            v.doubtful = True
            return v
        return _by_query(ref, clients, kind)
    except Unavailable:
        return Verification(status="unverified", doi=ref.doi, kind=kind)


def _by_doi(ref: Reference, doi: str, clients: Clients, kind: str) -> Verification:
    work = clients.crossref.work(doi)
    if work is None:
        if not clients.handles.exists(doi):
            try:
                found = _search(ref, clients)
            except Unavailable:
                found = None  # the DOI does not exist all the same; no suggestion
            v = Verification(status="not-found", doi=doi, kind=kind, doi_missing=True)
            if isinstance(found, Work):
                v.suggested_doi = found.doi
                v.unambiguous = not found.ambiguous
                v.record, v.source, v.score, v.url = (
                    found.record(),
                    found.source,
                    match.title_score(ref, found),
                    found.url,
                )
            return v
        try:
            work = clients.openalex.work(doi)
        except Unavailable:
            work = None
        if work is None:  # registered elsewhere (DataCite, mEDRA...): it exists, nothing to compare
            return Verification(status="verified", source="doi", doi=doi, kind=kind, url=doi_url(doi))
    return _judge(ref, work, clients, kind, by_doi=True)


def _search(ref: Reference, clients: Clients) -> Work | tuple[Work | None, float] | None:
    """The matching work (Crossref, then OpenAlex), or the nearest candidate and its score when no
    source holds one; ``Unavailable`` when a source that might have held it could not be asked."""
    nearest: tuple[Work | None, float] = (None, 0.0)
    failed: Unavailable | None = None
    query = match.query_text(ref)
    for source in (clients.crossref, clients.openalex):
        try:
            works = source.search(query if source is clients.crossref else (ref.title or query))
        except Unavailable as exc:
            failed = exc
            continue
        # a notice (a correction, an erratum: Crossref update-to) carries its work's title and
        # authors but its own year: never the entry's work
        notices = [replace(w, year=None) for w in works if w.notice]
        works = [w for w in works if not w.notice]
        # a candidate that agrees in every respect first, then the same work dated otherwise (the
        # preprint and its publication may both be listed, the later one first); last, a notice of
        # the work (dated as the notice), which says the work exists
        chosen = (
            [w for w in works if match.matches(ref, w)]
            or [w for w in works if match.same_work_other_year(ref, w)]
            or [w for w in notices if match.matches(ref, w)]
        )
        if chosen:
            if len({(w.doi or "").lower() for w in chosen}) > 1:
                # several works fit (a preprint and its publication, a work and its reprint): the
                # first is the verdict's, but none is the entry's beyond doubt (no fix is offered)
                return replace(chosen[0], ambiguous=True)
            return chosen[0]
        top, score = match.best(ref, works)
        if top is not None and (nearest[0] is None or score > nearest[1]):
            nearest = (top, score)
    if failed is not None:
        raise failed
    return nearest


def _by_query(ref: Reference, clients: Clients, kind: str) -> Verification:
    found = _search(ref, clients)
    if isinstance(found, Work):
        return _judge(ref, found, clients, kind, by_doi=False)
    top, score = found if isinstance(found, tuple) else (None, 0.0)
    v = Verification(
        status="not-found", kind=kind, score=score if top is not None else None, doubtful=match.doubtful(ref)
    )
    if top is not None:
        v.nearest = {"title": top.title, "doi": top.doi, "score": round(score, 2), "url": top.url}
    return v


def _judge(ref: Reference, work: Work, clients: Clients, kind: str, by_doi: bool) -> Verification:
    v = Verification(
        status="verified",
        source=work.source,
        doi=work.doi,
        record=work.record(),
        score=match.title_score(ref, work),
        url=work.url,
        kind=kind,
        unambiguous=by_doi or not work.ambiguous,
    )
    if by_doi and match.another_work(ref, work):
        # the same first author and year under another title is as likely a translated or retitled
        # edition as another work: said, at warning, not as an error
        gap = match.year_gap(ref, work)
        same_maker = match.author_agrees(ref, work) is True and gap is not None and gap <= match.YEAR_SLACK
        title_level = "warning" if same_maker else "error"
        if match.title_score(ref, work) < match.OTHER_TITLE or not ref.title:
            v.problems.append(("title", ref.title or "", work.title or "", title_level))
        if match.author_agrees(ref, work) is False:
            v.problems.append(
                ("first author", ref.authors[0] if ref.authors else "", work.authors[0], "error")
            )
        if not v.problems:
            v.problems.append(("title", ref.title or "", work.title or "", title_level))
    else:
        gap = match.year_gap(ref, work)
        if gap is not None and gap > match.YEAR_SLACK:
            # found by its metadata, another version of the work (a preprint and its publication, a
            # book's other edition) may rightly be dated otherwise: said at info
            other = not by_doi and match.other_version(ref, work)
            v.problems.append(("year", ref.year_base or "", str(work.year), "info" if other else "warning"))
        if _other_journal(ref, work, by_doi):
            v.problems.append(("journal", ref.container or "", work.containers[0], "warning"))
    if v.problems:
        v.status = "mismatch"
    if any(p[3] == "error" for p in v.problems):
        return v  # another work: its notices say nothing of the entry's
    notices = list(work.notices)
    if not notices and work.source == "crossref" and work.update_policy and work.doi:
        try:
            notices = clients.crossref.notices(work.doi)
        except Unavailable:
            notices = []
    if work.retracted and not any(n.retraction for n in notices):
        notices.append(Notice("retraction"))
    retraction = next((n for n in notices if n.retraction), None)
    if retraction is not None:
        v.status = "retracted"
        v.notice = {"type": retraction.type, "doi": retraction.doi, "date": retraction.date}
    v.corrections = [
        {"type": n.type, "doi": n.doi, "date": n.date} for n in notices if n.concern or n.correction
    ]
    return v


def _other_journal(ref: Reference, work: Work, by_doi: bool) -> bool:
    """The entry names a journal the record's work is clearly not in (``containers``): compared
    only when both sides are journals (a proceedings' or a book's name varies too much) and the
    work is surely the entry's (its DOI, or a title that agrees almost word for word)."""
    if not ref.container or ref.container_kind != "journal" or not work.in_journal or not work.containers:
        return False
    if not by_doi and match.title_score(ref, work) < match.SAME_WORK_TITLE:
        return False
    return same_container(ref.container, work.containers) is False


def _key(ref: Reference) -> tuple[str | None, str, tuple[str, ...], str | None, str | None, str | None]:
    return (ref.doi, ref.text, tuple(ref.authors), ref.year, ref.title, ref.container)


def verify_documents(docs: Sequence[Document], options: VerifyOptions | None = None) -> VerifyReport:
    options = options or VerifyOptions()
    refs = [r for d in docs for r in d.references or []]
    unique: dict[tuple[str | None, str, tuple[str, ...], str | None, str | None, str | None], Reference] = {}
    for r in refs:
        unique.setdefault(_key(r), r)
    report = VerifyReport(notes=[])
    if not unique:
        return report
    registry = Registry(options)
    clients = Clients(registry)
    deadline = time.monotonic() + options.stage_timeout if options.stage_timeout > 0 else None
    late: list[Reference] = []  # entries not looked up: the stage's time was up
    lock = threading.Lock()

    def one(ref: Reference) -> Verification:
        # A hostile list of 50,000 entries would otherwise keep a CI job on the registries for hours.
        if deadline is not None and time.monotonic() > deadline:
            with lock:
                late.append(ref)
            return Verification(status="unverified", doi=ref.doi, kind=match.kind(ref))
        return verify_reference(ref, clients)

    try:
        todo = list(unique.values())
        with ThreadPoolExecutor(max_workers=max(1, min(options.workers, len(todo)))) as pool:
            verdicts = dict(zip((_key(r) for r in todo), pool.map(one, todo), strict=True))
    finally:
        registry.close()
    for r in refs:
        r.verification = verdicts[_key(r)]
    report.requests = registry.stats.requests
    report.from_cache = registry.stats.from_cache
    if late:
        report.notes.append(
            f"the verification stage ran out of time ({options.stage_timeout:g} s, --verify-timeout): "
            f"{len(late)} reference(s) not looked up (marked unverified)"
        )
    unverified = sum(1 for r in refs if r.verification and r.verification.status == "unverified") - len(late)
    if unverified > 0:
        why = "; ".join(f"{h}: {reason}" for h, reason in sorted(registry.stats.failures.items()))
        why = why or "; ".join(f"{h}: {lim.down}" for h, lim in sorted(registry.limiters.items()) if lim.down)
        report.notes.append(
            f"{unverified} reference(s) could not be verified (marked unverified): the registries did not answer"
            + (f" ({why})" if why else "")
        )
    if registry.cache_problem:
        report.notes.append(
            f"the registry cache cannot be used ({registry.cache_problem}); references are looked up afresh"
        )
    return report
