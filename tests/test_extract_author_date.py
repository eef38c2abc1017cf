"""Author-date extraction: every citation form refcheck promises to read, checked end to end."""

from __future__ import annotations

import pytest

from refcheck.model import LinkStatus

from .conftest import check

REFS = """
References

Bohorquez, Tysha (2005) Soft Power. UCLA International Institute.
Center for Economic and Social Development (2007) Strategy for State Oil Fund. Baku.
Cruz, Ana de la (2011) Fronteras. Mexico City.
Hardy, Michael (1968) Modern Diplomatic Law. Manchester University Press.
Jones, Karen (2004) Oil and the State. Oxford.
Lee, Min (2010) Pipelines. Seoul.
Martínez-Díaz, Leonardo (2007) Mexico's Economic Challenges. The Brookings Institution.
Millán, Daniel (2001) Critica SRE cierre de embajadas. Reforma.
O'Neill, Sean (2003) Diaspora Politics. Dublin.
Smith, John (2004) First Report. Oxford.
Smith, John (2006) Second Report. Oxford.
Smith, John and Jones, Karen (2004) Joint Report. Oxford.
Smith, John, Jones, Karen and Lee, Min (2010) Energy. Cambridge.
Smith, Anne (2009a) Trade I. London.
Smith, Anne (2009b) Trade II. London.
Vaisman, Daria (2007) Azerbaijan Creates Diplomatic Academy. The New York Times.
van der Berg, Pieter (2012) Small States. Amsterdam.
Walker, Tom (n.d.) Unpublished notes. Baku.
Young, Rita (forthcoming) Caspian Futures. London.
Zeller, Paul (in press) Oil Funds. Berlin.
World Bank (2008) World Development Report. Washington, DC.
"""


def cites(body: str) -> list[tuple[str, list[str], str | None]]:
    doc = check(body + "\n" + REFS)
    return [(c.text, c.authors, c.year) for c in doc.citations]


CASES = [
    ("parenthetical", "Academies matter (Vaisman 2007).", [("Vaisman 2007", ["Vaisman"], "2007")]),
    ("locator p.", "Ties matter (Hardy 1968, p. 14).", [("Hardy 1968, p. 14", ["Hardy"], "1968")]),
    ("locator colon", "Ties matter (Hardy 1968: 14).", [("Hardy 1968: 14", ["Hardy"], "1968")]),
    ("locator pp.", "Ties matter (Hardy 1968, pp. 3–5).", [("Hardy 1968, pp. 3–5", ["Hardy"], "1968")]),
    ("locator ch.", "Ties matter (Hardy 1968, ch. 2).", [("Hardy 1968, ch. 2", ["Hardy"], "1968")]),
    (
        "two items",
        "Both (Vaisman 2007; Millán 2001) agree.",
        [("Vaisman 2007", ["Vaisman"], "2007"), ("Millán 2001", ["Millán"], "2001")],
    ),
    (
        "two years",
        "Reports (Smith 2004, 2006) agree.",
        [("Smith 2004", ["Smith"], "2004"), ("2006", ["Smith"], "2006")],
    ),
    (
        "year suffixes",
        "Trade (Smith 2009a, b) grew.",
        [("Smith 2009a", ["Smith"], "2009a"), ("b", ["Smith"], "2009b")],
    ),
    ("narrative", "Bohorquez (2005) argues for soft power.", [("Bohorquez (2005)", ["Bohorquez"], "2005")]),
    (
        "narrative two authors",
        "Smith and Jones (2004) disagree.",
        [("Smith and Jones (2004)", ["Smith", "Jones"], "2004")],
    ),
    (
        "ampersand",
        "As in Smith & Jones 2004, oil rules.",
        [("Smith & Jones 2004", ["Smith", "Jones"], "2004")],
    ),
    ("et al.", "Energy (Smith et al. 2010) matters.", [("Smith et al. 2010", ["Smith"], "2010")]),
    ("see", "Trade grew (see Smith 2004).", [("Smith 2004", ["Smith"], "2004")]),
    (
        "e.g.",
        "Trade grew (e.g., Smith 2004; Jones 2004).",
        [("Smith 2004", ["Smith"], "2004"), ("Jones 2004", ["Jones"], "2004")],
    ),
    ("cf.", "Trade grew (cf. Smith 2006).", [("Smith 2006", ["Smith"], "2006")]),
    ("n.d.", "Notes exist (Walker n.d.).", [("Walker n.d.", ["Walker"], "n.d.")]),
    (
        "forthcoming",
        "The future (Young forthcoming) is open.",
        [("Young forthcoming", ["Young"], "forthcoming")],
    ),
    ("in press", "Funds (Zeller in press) grow.", [("Zeller in press", ["Zeller"], "in press")]),
    (
        "corporate",
        "The fund (Center for Economic and Social Development 2007) was set up.",
        [
            (
                "Center for Economic and Social Development 2007",
                ["Center for Economic and Social Development"],
                "2007",
            )
        ],
    ),
    ("corporate short", "Growth slowed (World Bank 2008).", [("World Bank 2008", ["World Bank"], "2008")]),
    (
        "particle van der",
        "Small states (van der Berg 2012) survive.",
        [("van der Berg 2012", ["van der Berg"], "2012")],
    ),
    ("particle de la", "Borders (de la Cruz 2011) matter.", [("de la Cruz 2011", ["de la Cruz"], "2011")]),
    ("hyphenated", "Oil pays (Martínez-Díaz 2007).", [("Martínez-Díaz 2007", ["Martínez-Díaz"], "2007")]),
    ("apostrophe", "Diasporas vote (O'Neill 2003).", [("O'Neill 2003", ["O'Neill"], "2003")]),
    (
        "unparenthesised known author",
        "For details see Vaisman 2007 and the press.",
        [("Vaisman 2007", ["Vaisman"], "2007")],
    ),
]


@pytest.mark.parametrize(("body", "expected"), [pytest.param(b, e, id=i) for i, b, e in CASES])
def test_citation_forms(body: str, expected: list[tuple[str, list[str], str]]) -> None:
    assert cites(body) == expected


LINK_XFAIL: dict[str, str] = {}


def _link_param(i: str, b: str, e: object) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=LINK_XFAIL[i])] if i in LINK_XFAIL else []
    return pytest.param(b, e, id=i, marks=marks)


@pytest.mark.parametrize(("body", "expected"), [_link_param(i, b, e) for i, b, e in CASES])
def test_citation_forms_link(body: str, expected: list[tuple[str, list[str], str]]) -> None:
    doc = check(body + "\n" + REFS)
    assert doc.citations
    for c in doc.citations:
        assert c.status is LinkStatus.LINKED, (c.text, c.status)


@pytest.mark.parametrize(
    "body",
    [
        "The summit was held in April 2008 in Baku.",
        "As of March 2009, exports were small.",
        "He spoke at the United Nations Summit in 2000 about this.",
        "Growth has been strong since 2004.",
        "Vol. 2, No. 24 (December 15, 2009)",
        "Profits rose (by 12 percent in 2008).",
        "An unlisted author, Peterson 2003, is not a citation unless in parentheses.",
        "In 1998 and 1999 the numbers fell.",
    ],
)
def test_not_citations(body: str) -> None:
    assert cites(body) == []


def test_citation_columns_in_a_line() -> None:
    body = "Both (Vaisman 2007; Millán 2001) agree, and Bohorquez (2005) argues."
    doc = check(body + "\n" + REFS)
    got = [(c.text, doc.locate(c.start)) for c in doc.citations]
    assert got == [
        ("Vaisman 2007", (1, 7)),
        ("Millán 2001", (1, 21)),
        ("Bohorquez (2005)", (1, 45)),
    ]


def test_year_suffix_links_to_the_right_entry() -> None:
    doc = check("Trade (Smith 2009a, b) grew.\n" + REFS)
    by_id = {r.id: r for r in doc.references or []}
    assert [by_id[c.references[0]].year for c in doc.citations] == ["2009a", "2009b"]
