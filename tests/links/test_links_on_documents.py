"""check_links on whole documents: one pool for all, a Link per occurrence, JSON records."""

from __future__ import annotations

from refcheck.links import LinkOptions, LinkState, check_links
from refcheck.pipeline import check_text
from tests.links.conftest import Server

KEYS = {
    "url", "line", "column", "reference", "footnote", "status", "http_status", "final_url", "reason",
    "accessed", "archive_url", "archive_timestamp",
}  # fmt: skip


def test_occurrences_of_several_documents(site: Server, options: LinkOptions) -> None:
    a = check_text(f"First {site.url('/alive')} and\nagain {site.url('/alive')}.\n", path="a.txt")
    b = check_text(f"Moved: {site.url('/old')}\n", path="b.txt")
    report = check_links([a, b], options)
    assert [lk.status for lk in a.links] == [LinkState.ALIVE, LinkState.ALIVE]
    assert (a.links[1].line, a.links[1].column) == (2, 7)
    assert b.links[0].status is LinkState.REDIRECTED
    assert site.hits("/alive") == 1  # the same URL in two places: checked once
    assert len(report.links) == 3
    record = b.links[0].as_record()
    assert set(record) == KEYS
    assert record["status"] == "redirected" and record["final_url"] == site.url("/new")


def test_reference_and_access_date_recorded(site: Server, options: LinkOptions) -> None:
    text = (
        "Energy matters (Smith 2009).\n\nReferences\n\n"
        f"Smith, John (2009) Pipelines. {site.url('/missing')} (accessed 16 September 2009).\n"
    )
    doc = check_text(text)
    check_links(doc, options)
    record = doc.links[0].as_record()
    assert record["reference"] == "ref-1"
    assert record["accessed"] == "2009-09-16"
    assert (record["status"], record["reason"], record["http_status"]) == ("dead", "not-found", 404)


def test_a_url_given_by_markup_belongs_to_its_entry() -> None:
    """\\url{} in a LaTeX bibliography is found by the loader, not in the text: it too belongs to its
    entry and the entry's access date (which the archive lookup asks for; without it the nearest
    capture to today was taken, noted as years off, and the fix not offered)."""
    text = (
        "\\documentclass{article}\\begin{document}\nText \\cite{doe}.\n\\begin{thebibliography}{1}\n"
        "\\bibitem{doe} Doe, J. (2001) A Long Title of the Page. \\url{http://example.org/gone?a=1&b=2} "
        "(accessed 16 September 2009).\n\\end{thebibliography}\n\\end{document}\n"
    )
    doc = check_text(text, fmt="latex")
    assert doc.references
    assert [(u.url, u.reference, u.accessed) for u in doc.urls] == [
        ("http://example.org/gone?a=1&b=2", doc.references[0].id, "2009-09-16")
    ]


def test_progress_reports_every_url(site: Server, options: LinkOptions) -> None:
    calls: list[tuple[int, int]] = []
    doc = check_text(f"{site.url('/alive')} {site.url('/gone')} {site.url('/new')}\n")
    check_links(doc, options, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
