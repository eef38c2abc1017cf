"""duplicate-reference: what the finding says, beyond the rule cases (tests/rules/cases)."""

from __future__ import annotations

from .conftest import check

DOI_TWICE = """Copper is toxic (Avery 2006; Bird 2008).

References

Avery, Simon (2006) Microbial cell individuality. Nat Rev Microbiol 4: 577-587. https://doi.org/10.1038/nrmicro1460
Bird, Amanda (2008) Metalloregulatory transcription factors. Adv Microb Physiol 53: 1-30. https://doi.org/10.1038/nrmicro1460
"""


def test_same_doi_names_the_fields_that_differ() -> None:
    doc = check(DOI_TWICE)
    (finding,) = [f for f in doc.findings if f.rule == "duplicate-reference"]
    assert "DOI 10.1038/nrmicro1460" in finding.message
    assert "authors, year and title differ" in finding.message
    assert "one of the two DOIs is wrong" in finding.message


def test_same_doi_same_work_says_only_the_doi() -> None:
    doc = check(
        DOI_TWICE.replace(
            "Bird, Amanda (2008) Metalloregulatory transcription factors",
            "Avery, S. (2006) Microbial cell individuality",
        )
    )
    (finding,) = [f for f in doc.findings if f.rule == "duplicate-reference"]
    assert "same DOI 10.1038/nrmicro1460)" in finding.message
    assert "differ" not in finding.message
