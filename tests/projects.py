"""Helpers of the tests that rebuild a real project's shape in a temporary directory (the QA rounds'
tests/test_qa_*.py): write its files, check one of them as a user would, read the findings."""

from __future__ import annotations

from pathlib import Path

from refcheck.model import Document
from refcheck.pipeline import CheckOptions, check_file


def findings(path: Path) -> list[tuple[str, str, str]]:
    """(rule, severity, message) of each finding on ``path``, checked without links or registries."""
    result = check_file(str(path), CheckOptions(links=False, verify=False))
    assert result.doc is not None, result.error
    return [(f.rule, f.severity.name.lower(), f.message) for f in result.doc.findings]


def write(root: Path, files: dict[str, str], git: bool = False) -> None:
    """The files (relative name: text) under ``root``; ``git``: ``root`` is the top of a Git checkout."""
    if git:
        (root / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def checked(root: Path, name: str, text: str, files: dict[str, str] | None = None) -> Document:
    """The document ``name`` (``text``) written under ``root`` beside ``files``, checked without links."""
    write(root, {**(files or {}), name: text})
    result = check_file(str(root / name), CheckOptions(links=False))
    assert result.doc is not None
    return result.doc


def manubot_entry(
    rid: str, n: int, title: str, authors: str, journal: str, date: str, doi: str = "10.1/x", pmid: str = ""
) -> str:
    """Entry ``n`` of a Manubot manuscript.html (the ``output`` branch): its title in <strong> (none when
    ``title`` is empty), then the authors' and the identifiers' <div class="csl-block">s."""
    first = f"<strong>{title}</strong> " if title else ""
    ids = f'DOI: <a href="https://doi.org/{doi}">{doi}</a>'
    if pmid:
        ids += f' · PMID: <a href="https://www.ncbi.nlm.nih.gov/pubmed/{pmid}">{pmid}</a>'
    return (
        f'<div id="ref-{rid}" class="csl-entry" role="doc-biblioentry">\n'
        f'<div class="csl-left-margin">{n}. </div><div class="csl-right-inline">{first}'
        f'<div class="csl-block">{authors}</div> <em>{journal}</em> ({date}) '
        f'<div class="csl-block">{ids}</div></div>\n</div>\n'
    )


def manubot_cite(rid: str, n: int) -> str:
    """Manubot's link of a citation to entry ``n``."""
    return f'<a href="#ref-{rid}" role="doc-biblioref">{n}</a>'


def manubot_page(body: str, entries: str) -> str:
    """A Manubot manuscript.html: one paragraph of ``body``, then the references (``entries``' HTML)."""
    return (
        f"<html><body><h2>Introduction</h2>\n<p>{body}</p>\n"
        '<h2 id="references">References</h2>\n<div id="refs" class="references csl-bib-body" role="list">\n'
        f"{entries}</div></body></html>\n"
    )
