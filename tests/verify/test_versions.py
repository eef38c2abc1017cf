"""No false verification finding on records that name the cited work otherwise: a subtitle the
entry leaves out, a multilingual record, a correction notice listed with (or instead of) its work,
a preprint and its publication, a book's other edition, an OpenAlex name with a suffix."""

from __future__ import annotations

import pytest

from refcheck.model import Severity
from refcheck.pipeline import VERIFY_RULES
from tests.verify.scripted import Scripted, crossref, openalex

BODY = "This was argued before (Putnam 1995).\n\nReferences\n\n"
ARTICLE = "Putnam, R. D. (1995) Social capital and civic engagement in American towns. American Political Science Review 89(3): 12-30."
TITLE = "Social capital and civic engagement in American towns"
PUTNAM = [("Robert", "Putnam")]


def at_warning(doc) -> list[tuple[str, str]]:
    return [
        (f.rule, f.message) for f in doc.findings if f.rule in VERIFY_RULES and f.severity >= Severity.WARNING
    ]


def test_an_entry_without_the_records_subtitle_is_the_dois_work() -> None:
    record = crossref(
        "10.1353/jod.1995.0002",
        "Deliberation Day",
        PUTNAM,
        1995,
        subtitle=["How Citizens in Modern Democracies Can Reason Together About Public Policy Choices"],
    )
    entry = (
        "Putnam, R. D. (1995) Deliberation day. Journal of Democracy 6(1): 65-78. doi:10.1353/jod.1995.0002"
    )
    with Scripted(dois={"10.1353/jod.1995.0002": record}, search=[record]) as reg:
        doc = reg.verify(BODY + entry + "\n")
        assert at_warning(doc) == []
        assert doc.references[0].verification.status == "verified"
        doc = reg.verify(BODY + entry.replace(" doi:10.1353/jod.1995.0002", "") + "\n")
        assert at_warning(doc) == [] and doc.references[0].verification.status == "verified"


def test_a_multilingual_record_matches_the_title_in_the_entrys_language() -> None:
    record = crossref(
        "10.1590/s0102-311x2010000100001",
        "Bürgersinn in amerikanischen Kleinstädten",
        PUTNAM,
        1995,
    )
    record["title"].append(TITLE)
    with Scripted(dois={record["DOI"]: record}) as reg:
        doc = reg.verify(BODY + ARTICLE + " doi:10.1590/s0102-311x2010000100001\n")
    assert at_warning(doc) == [] and doc.references[0].verification.status == "verified"


def test_original_title_is_read() -> None:
    record = crossref(
        "10.1000/x.1",
        "Bürgersinn in amerikanischen Kleinstädten",
        PUTNAM,
        1995,
        **{"original-title": [TITLE]},
    )
    with Scripted(dois={"10.1000/x.1": record}) as reg:
        doc = reg.verify(BODY + ARTICLE + " doi:10.1000/x.1\n")
    assert at_warning(doc) == []


ERRATUM = crossref(
    "10.1000/apsr.err",
    TITLE,
    PUTNAM,
    1998,
    **{
        "update-to": [{"DOI": "10.1000/apsr.1", "type": "erratum", "updated": {"date-parts": [[1998, 1, 1]]}}]
    },
)
WORK = crossref("10.1000/apsr.1", TITLE, PUTNAM, 1995)


@pytest.mark.parametrize("candidates", [[ERRATUM, WORK], [ERRATUM]], ids=["erratum-first", "erratum-only"])
def test_a_correction_notice_is_never_taken_for_the_work_nor_dates_it(candidates) -> None:
    with Scripted(search=candidates) as reg:
        doc = reg.verify(BODY + ARTICLE + "\n")
    assert at_warning(doc) == []
    assert doc.references[0].verification.status == "verified"


def test_a_cited_preprint_is_not_dated_by_its_later_publication() -> None:
    published = crossref("10.1000/apsr.1", TITLE, PUTNAM, 1998)
    preprint = crossref("10.48550/arxiv.9501.00001", TITLE, PUTNAM, 1995, type="posted-content")
    entry = f"Putnam, R. D. (1995) {TITLE}. arXiv preprint arXiv:9501.00001."
    with Scripted(search=[published, preprint]) as reg:
        doc = reg.verify(BODY + entry + "\n")
    assert at_warning(doc) == [] and doc.references[0].verification.doi == preprint["DOI"]
    with Scripted(search=[published]) as reg:
        doc = reg.verify(BODY + entry + "\n")
    assert at_warning(doc) == []
    # said, at info
    assert [f.severity for f in doc.findings if f.rule == "reference-mismatch"] == [Severity.INFO]


def test_a_books_other_edition_is_info() -> None:
    first = crossref(
        "10.1000/book.1",
        "Making democracy work",
        PUTNAM,
        1993,
        type="book",
        subtitle=["civic traditions in modern Italy"],
    )
    entry = "Putnam, R. D. (1995) Making democracy work: civic traditions in modern Italy. 2nd edn. Princeton University Press."
    with Scripted(search=[first]) as reg:
        doc = reg.verify(BODY + entry + "\n")
    assert at_warning(doc) == []


def test_a_wrong_year_of_an_article_found_by_query_is_still_a_warning() -> None:
    with Scripted(search=[crossref("10.1000/apsr.1", TITLE, PUTNAM, 1999)]) as reg:
        doc = reg.verify(BODY + ARTICLE + "\n")
    assert [(f.rule, f.severity) for f in doc.findings if f.rule in VERIFY_RULES] == [
        ("reference-mismatch", Severity.WARNING)
    ]


def test_an_openalex_name_with_a_suffix_is_the_entrys_author() -> None:
    record = openalex("10.1000/apsr.1", TITLE, ["Robert D. Putnam Jr."], 1995)
    with Scripted(oa_dois={"10.1000/apsr.1": record}, handles={"10.1000/apsr.1"}) as reg:
        doc = reg.verify(
            BODY + ARTICLE.replace("Social capital", "Social capital, trust") + " doi:10.1000/apsr.1\n"
        )
    assert at_warning(doc) == []
    record = openalex("10.1000/apsr.1", "A different thing entirely", ["Robert D. Putnam Jr."], 1995)
    with Scripted(oa_dois={"10.1000/apsr.1": record}, handles={"10.1000/apsr.1"}) as reg:
        doc = reg.verify(BODY + ARTICLE + " doi:10.1000/apsr.1\n")
    [(rule, message)] = at_warning(doc)
    assert rule == "reference-mismatch" and "first author" not in message


def test_a_translated_title_by_the_same_author_and_year_is_a_warning_not_an_error() -> None:
    """The DOI of the original under the title of its translation: the same first author and year
    make it as likely one work as two, so it is said at warning; another author stays an error."""
    record = crossref("10.1353/jod.1995.0002", "Strukturwandel der Öffentlichkeit", PUTNAM, 1995)
    entry = (
        "Putnam, R. D. (1995) The transformation of the public sphere. Journal of Democracy 6(1): 65-78. "
        "doi:10.1353/jod.1995.0002\n"
    )
    with Scripted(dois={record["DOI"]: record}) as reg:
        doc = reg.verify(BODY + entry)
    found = [f for f in doc.findings if f.rule == "reference-mismatch"]
    assert [f.severity for f in found] == [Severity.WARNING], found
    other = crossref(
        "10.1353/jod.1995.0002", "Strukturwandel der Öffentlichkeit", [("Jürgen", "Habermas")], 1995
    )
    with Scripted(dois={other["DOI"]: other}) as reg:
        doc = reg.verify(BODY + entry)
    assert Severity.ERROR in [f.severity for f in doc.findings if f.rule == "reference-mismatch"]
