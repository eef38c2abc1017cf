"""reference-mismatch for a wrong journal: only a clear difference, never an abbreviation, "The",
"&", a subtitle or another of the record's names; only journals, only from structured sources."""

from __future__ import annotations

import pytest

from refcheck.model import Severity
from refcheck.pipeline import VERIFY_RULES
from refcheck.verify.containers import same_container
from tests.verify.scripted import Scripted, crossref, openalex

SAME = [
    ("J. Biol. Chem.", ["Journal of Biological Chemistry"]),
    ("J Biol Chem", ["Journal of Biological Chemistry"]),
    (
        "Proc. Natl. Acad. Sci. U.S.A.",
        ["Proceedings of the National Academy of Sciences of the United States of America"],
    ),
    ("PNAS", ["Proceedings of the National Academy of Sciences"]),
    ("PLoS ONE", ["PLOS ONE"]),
    ("Nature Communications", ["Nat Commun"]),
    ("Nat Commun", ["Nature Communications"]),
    ("The Lancet", ["Lancet"]),
    ("BMJ", ["The BMJ"]),
    ("BMJ", ["British Medical Journal"]),
    ("Energy & Environmental Science", ["Energy and Environmental Science"]),
    ("JAMA", ["JAMA: The Journal of the American Medical Association"]),
    ("N Engl J Med", ["New England Journal of Medicine"]),
    ("Proc R Soc B", ["Proceedings of the Royal Society B: Biological Sciences"]),
    ("J Neurosci", ["The Journal of Neuroscience", "J. Neurosci."]),
    ("Am J Physiol Heart Circ Physiol", ["American Journal of Physiology-Heart and Circulatory Physiology"]),
    ("J Clean Prod", ["Journal of Cleaner Production"]),
    ("Revue d'économie politique", ["Revue d'Economie Politique"]),
]
DOUBTFUL = [
    # the record's name lacks the country the abbreviation gives: not read as the same, not another
    ("Proc Natl Acad Sci U S A", ["Proceedings of the National Academy of Sciences"]),
    ("Nature", ["Nature Communications"]),
    ("Science", ["Science Advances"]),
    ("Cell", ["Molecular Cell"]),
    ("Energy Policy", ["Energy Economics"]),
    ("Philos Trans R Soc Lond B Biol Sci", ["Philosophical Transactions of the Royal Society B"]),
    ("Журнал физической химии", ["Russian Journal of Physical Chemistry"]),
    ("", ["Energy Policy"]),
    ("Energy Policy", []),
]
DIFFERENT = [
    ("Energy Policy", ["Journal of Cleaner Production"]),
    ("J Biol Chem", ["Nature Communications", "Nat Commun"]),
    ("PLoS ONE", ["Scientific Reports"]),
]


@pytest.mark.parametrize(("cited", "record"), SAME)
def test_other_names_of_the_same_journal(cited: str, record: list[str]) -> None:
    assert same_container(cited, record) is True


@pytest.mark.parametrize(("cited", "record"), DOUBTFUL)
def test_doubtful_says_nothing(cited: str, record: list[str]) -> None:
    assert same_container(cited, record) is None


@pytest.mark.parametrize(("cited", "record"), DIFFERENT)
def test_a_clear_difference(cited: str, record: list[str]) -> None:
    assert same_container(cited, record) is False


DOI = "10.1016/j.enpol.2008.01.012"
TITLE = "Oil funds and fiscal policy in Azerbaijan"
RECORD = crossref(DOI, TITLE, [("Vugar", "Bayramov")], 2008, **{"container-title": ["Energy Policy"]})


def jats(source: str, pubtype: str = "journal", doi: str = DOI) -> str:
    return f"""<?xml version="1.0"?>
<article><front><article-meta><title-group><article-title>A</article-title></title-group></article-meta></front>
<body><p>Oil funds matter <xref ref-type="bibr" rid="r1">(Bayramov 2008)</xref>.</p></body>
<back><ref-list><ref id="r1"><element-citation publication-type="{pubtype}">
<person-group person-group-type="author"><name><surname>Bayramov</surname><given-names>V</given-names></name></person-group>
<article-title>{TITLE}</article-title><source>{source}</source><year>2008</year><volume>36</volume>
<fpage>1</fpage><lpage>9</lpage><pub-id pub-id-type="doi">{doi}</pub-id></element-citation></ref></ref-list></back></article>
"""


def journal_findings(doc) -> list[tuple[str, Severity, str]]:
    return [(f.rule, f.severity, f.message) for f in doc.findings if f.rule in VERIFY_RULES]


def test_a_jats_entry_naming_another_journal_is_a_warning() -> None:
    with Scripted(dois={DOI: RECORD}) as reg:
        doc = reg.verify(jats("Journal of Cleaner Production"), "jats")
    [(rule, severity, message)] = journal_findings(doc)
    assert (rule, severity) == ("reference-mismatch", Severity.WARNING)
    assert "journal Journal of Cleaner Production" in message and "gives Energy Policy" in message
    assert doc.references[0].verification.status == "mismatch"


@pytest.mark.parametrize(
    "source", ["Energy Policy", "Energy Pol.", "Energy Policy: an international journal"]
)
def test_the_same_journal_however_written_is_verified(source: str) -> None:
    with Scripted(dois={DOI: RECORD}) as reg:
        doc = reg.verify(jats(source), "jats")
    assert journal_findings(doc) == []
    assert doc.references[0].verification.status == "verified"


def test_any_of_crossrefs_names_of_the_journal() -> None:
    record = crossref(
        DOI,
        TITLE,
        [("Vugar", "Bayramov")],
        2008,
        **{"container-title": ["Zhurnal Energetiki"], "short-container-title": ["Energy Policy"]},
    )
    with Scripted(dois={DOI: record}) as reg:
        doc = reg.verify(jats("Energy Policy"), "jats")
    assert journal_findings(doc) == []


def test_proceedings_and_books_are_not_compared() -> None:
    record = dict(RECORD, type="proceedings-article")
    with Scripted(dois={DOI: record}) as reg:
        doc = reg.verify(jats("Journal of Cleaner Production"), "jats")  # the record is no journal article
        assert journal_findings(doc) == []
    with Scripted(dois={DOI: RECORD}) as reg:
        doc = reg.verify(jats("Journal of Cleaner Production", pubtype="book"), "jats")
        assert journal_findings(doc) == []


def test_openalex_compares_only_a_journal_source() -> None:
    def oa(source: dict) -> dict:
        r = openalex(DOI, TITLE, ["Vugar Bayramov"], 2008)
        r["primary_location"] = {"source": source}
        return r

    handles = {DOI}
    with Scripted(
        oa_dois={DOI: oa({"display_name": "Energy Policy", "type": "journal"})}, handles=handles
    ) as reg:
        doc = reg.verify(jats("Journal of Cleaner Production"), "jats")
        assert [(r, s) for r, s, _ in journal_findings(doc)] == [("reference-mismatch", Severity.WARNING)]
    repository = {"display_name": "PubMed Central", "type": "repository"}
    with Scripted(oa_dois={DOI: oa(repository)}, handles=handles) as reg:
        doc = reg.verify(jats("Journal of Cleaner Production"), "jats")
        assert journal_findings(doc) == []


def test_a_bibtex_journal_is_read() -> None:
    from refcheck.loaders.bibtex import read_bibliography

    data = f"@article{{bay, author={{Bayramov, Vugar}}, title={{{TITLE}}}, journal={{J. Clean. Prod.}}, year={{2008}}}}\n"
    [ref], _ = read_bibliography("refs.bib", data.encode())
    assert (ref.container, ref.container_kind) == ("J. Clean. Prod.", "journal")
    data = data.replace("@article", "@inproceedings").replace("journal=", "booktitle=")
    [ref], _ = read_bibliography("refs.bib", data.encode())
    assert (ref.container, ref.container_kind) == ("J. Clean. Prod.", "book")


def test_a_text_entry_names_no_journal() -> None:
    """The plain-text parser reads no container: the journal is never compared there."""
    entry = f"Bayramov, V. (2008) {TITLE}. Journal of Cleaner Production 36: 1-9. doi:{DOI}"
    with Scripted(dois={DOI: RECORD}) as reg:
        doc = reg.verify("Oil funds matter (Bayramov 2008).\n\nReferences\n\n" + entry + "\n")
    assert journal_findings(doc) == []
