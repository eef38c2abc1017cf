"""SciELO's rendered article pages (scieloorg/packtools tests/fixtures/htmlgenerator): after each
citation a popup (``<span class="refCtt closed">``) repeats the entry it cites. A copy of an entry
whose letters and digits are only names, words and the final year (no volume, pages or DOI, as most
books: "BANIWA, ... Brasília, DF: MEC; Unesco, 2006.") was taken for a citation as long as the start
of its entry and read as prose, so "Unesco, 2006" or "Azougue, 2015" became citations of their own.
The fixtures are written for these tests, in SciELO's markup."""

from __future__ import annotations

from pathlib import Path

from refcheck.model import Severity
from tests.conftest import checked

BOOK = "MORAES, Ana Lúcia. Cartas do sertão. Org. Paulo Lima. Recife: Editora Nordeste, 2015."
PAPER = "ZANETTI, P. 2019. Rios e margens. Revista Sul 12:3-23."


def scielo_page(citation: str, entry: str, other: str) -> str:
    return (
        '<html><body><p>As the letters show (<span class="ref"><strong class="xref xrefblue">'
        f'{citation}</strong><span class="refCtt closed"><span>{entry}</span></span></span>), the '
        'river mattered.</p><h1>References</h1><div class="ref-list"><ul class="refList">'
        f"<li><div>{entry}</div></li><li><div>{other}</div></li></ul></div></body></html>"
    )


def test_a_popup_copy_of_a_book_entry_is_no_prose(tmp_path: Path) -> None:
    # before: "Nordeste, 2015" was a citation of its own (missing-reference)
    doc = checked(tmp_path / "scielo.html", scielo_page("Moraes, 2015", BOOK, PAPER))
    assert [c.text for c in doc.citations] == ["Moraes, 2015"]
    assert [f"{f.rule}: {f.reference_id or ''}" for f in doc.findings if f.severity >= Severity.WARNING] == [
        f"uncited-reference: {doc.references[1].id}"
    ]


# (the other side, letters and a year that only begin an entry being a citation and no copy of it:
# tests/test_qa_manubot18.py::test_a_long_corporate_citation_is_no_copy_of_its_entry)
