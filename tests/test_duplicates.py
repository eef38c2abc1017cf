"""duplicate-reference: what the finding says, beyond the rule cases (tests/rules/cases)."""

from __future__ import annotations

import pytest

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


ORGANISATION_TWICE = """Obesity is a global epidemic (World Health Organization 2000).

References

{first} (2000) Obesity: preventing and managing the global epidemic. Geneva. https://doi.org/10.5555/who.trs.894
{second} (2000) Obesity: Preventing and Managing the Global Epidemic. WHO Technical Report Series. doi:10.5555/who.trs.894
"""


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("World Health Organization", "World Health Organization (WHO)."),
        ("WHO", "World Health Organization"),
        (
            "Food and Agriculture Organization of the United Nations",
            "Food and Agriculture Organization (FAO)",
        ),
        (
            "United Nations, Department of Economic and Social Affairs, Population Division",
            "United Nations Population Division",
        ),
    ],
)
def test_an_organisation_written_two_ways_is_one_author(first: str, second: str) -> None:
    doc = check(ORGANISATION_TWICE.format(first=first, second=second))
    (finding,) = [f for f in doc.findings if f.rule == "duplicate-reference"]
    assert "same DOI 10.5555/who.trs.894)" in finding.message
    assert "differ" not in finding.message


def test_two_organisations_with_one_doi_differ_in_authors() -> None:
    doc = check(ORGANISATION_TWICE.format(first="World Bank", second="International Monetary Fund"))
    (finding,) = [f for f in doc.findings if f.rule == "duplicate-reference"]
    assert "authors differ" in finding.message


def test_titles_differing_by_a_number_differ_in_title() -> None:
    doc = check(
        DOI_TWICE.replace(
            "Microbial cell individuality. Nat", "Microbial cell individuality, Part 1. Nat"
        ).replace(
            "Bird, Amanda (2008) Metalloregulatory transcription factors",
            "Avery, S. (2006) Microbial cell individuality, Part 2",
        )
    )
    (finding,) = [f for f in doc.findings if f.rule == "duplicate-reference"]
    assert "although its title differ" in finding.message
