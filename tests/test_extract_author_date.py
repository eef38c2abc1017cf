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
        "The model fits (R² 2020 = 0.81; R² 2019 = 0.77).",  # a table's cells (found by QA)
        "Emissions (CO₂ 2020, in tonnes) and the area (km² 2010) grew.",  # (a G20 2019 still is one)
        "Set theory began with Cantor (Cantor, 1890s) and grew (Hardy, 1960S).",  # decades, not years
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


GAP_REFS = """
References

de Vries, Anna (2001) Dikes. Delft.
Fall, Ibrahima and Smith, John (2004) Sahel Rains. Dakar.
Hobsbawm, Eric (2004/2005) The Age of Extremes. London.
May, Robert M. (1976) Simple mathematical models. Nature.
Smith, John and May, Robert M. (2002) Stability. Princeton.
van der Berg, Pieter (2012) Small States. Amsterdam.
vanEngelsdorp, Dennis and Meixner, Marina D. (2010) A historical review of managed honey bee populations. J Invertebr Pathol.
vanEngelsdorp, Dennis, Evans, Jay D. and Saegerman, Claude (2009) Colony collapse disorder. PLoS One.
Virchow, Rudolf (1879 [1985]) Report on the Typhus Epidemic in Upper Silesia. Canton.
Will, Julie C., Williamson, David F. and Ford, Earl S. (2002) Intentional weight loss. Am J Public Health.
"""

GAP_CASES = [
    (
        "lower-case name with a capital inside",
        "Bees die (vanEngelsdorp and Meixner, 2010), as vanEngelsdorp et al. (2009) found.",
        [
            ("vanEngelsdorp and Meixner, 2010", ["vanEngelsdorp", "Meixner"], "2010"),
            ("vanEngelsdorp et al. (2009)", ["vanEngelsdorp"], "2009"),
        ],
    ),
    (
        "particles first in a group",
        "Dikes hold (de Vries 2001; van der Berg 2012).",
        [("de Vries 2001", ["de Vries"], "2001"), ("van der Berg 2012", ["van der Berg"], "2012")],
    ),
    ("reprint year", "Typhus spread (Virchow 1879 [1985]).", [("Virchow 1879 [1985]", ["Virchow"], "1879")]),
    (
        "two-year span",
        "Empires fell (Hobsbawm 2004/2005).",
        [("Hobsbawm 2004/2005", ["Hobsbawm"], "2004/2005")],
    ),
    ("surname that is a month", "Models help (May 1976).", [("May 1976", ["May"], "1976")]),
    (
        "surname that is a word, as second author",
        "Stability matters (Smith and May 2002).",
        [("Smith and May 2002", ["Smith", "May"], "2002")],
    ),
    (
        "surname that is a season, as first author",
        "Rains failed (Fall and Smith 2004).",
        [("Fall and Smith 2004", ["Fall", "Smith"], "2004")],
    ),
    (
        "surname that is a verb, before et al.",
        "Weight loss helps (Will et al., 2002).",
        [("Will et al., 2002", ["Will"], "2002")],
    ),
]


@pytest.mark.parametrize(("body", "expected"), [pytest.param(b, e, id=i) for i, b, e in GAP_CASES])
def test_gap_citation_forms(body: str, expected: list[tuple[str, list[str], str]]) -> None:
    doc = check(body + "\n" + GAP_REFS)
    assert [(c.text, c.authors, c.year) for c in doc.citations] == expected
    assert [c.text for c in doc.citations if c.status is not LinkStatus.LINKED] == []
    assert [f.rule for f in doc.findings if f.rule != "uncited-reference"] == []


@pytest.mark.parametrize(
    ("body", "cited"),
    [
        pytest.param("Weight loss helps (Will et al., 2002).", "Will et al., 2002", id="Will et al."),
        pytest.param("Rains failed (Fall & Smith, 2004).", "Fall & Smith, 2004", id="Fall & Smith"),
        pytest.param("Stability matters (Smith and May, 2002).", "Smith and May, 2002", id="and May"),
    ],
)
def test_word_surnames_are_read_where_a_surname_stands(body: str, cited: str) -> None:
    """Without an entry to recognise them, a surname that is also a word ("Will", "Fall", "May") still
    stands where a surname stands: before "et al." or joined to another name. The citation is read and
    reported as missing."""
    doc = check(body + "\n\nReferences\n\nHardy, Michael (1968) Modern Diplomatic Law. Manchester.\n")
    assert [c.text for c in doc.citations] == [cited]
    assert "missing-reference" in {f.rule for f in doc.findings}


@pytest.mark.parametrize(
    "body",
    [
        "The summit (May 2004) ended early.",
        "Enrolment opened in Fall 2004 for all students.",
        "The report (Fall 2004 issue) was late.",
        "The trade deal of May 2004 and Will 2005 be signed?",
    ],
)
def test_word_surnames_are_not_read_elsewhere(body: str) -> None:
    doc = check(body + "\n\nReferences\n\nHardy, Michael (1968) Modern Diplomatic Law. Manchester.\n")
    assert [c.text for c in doc.citations] == []


REPEATED = (
    "Bohorquez (2005) argues, and Hardy (2005) agrees. Smith (2004, 2006) and Jones (2004, 2006) wrote; "
    "so did Smith and Jones (2004). Smith (2009a, b) and Hardy (2009a, b) too; Walker (2004; Jones 2004) "
    "and Hardy (2004; Jones 2004) differ. Trade grew (Smith 2004, p. 3), as before (Smith 2004, p. 3). "
    "Vaisman's (2007) study, O'Neill's (2007) study, Young (1929-2015), Lee (1929-2015).\n\n"
    "[1] A note: Bohorquez (2005) and Hardy (2005) again, (Smith 2004) and (Smith 2004).\n"
)


def test_repeated_groups_read_as_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """A group's reading remembered by its text (parenthetical, or narrative after other names) gives
    the same citations, every field, as reading each group afresh."""
    import dataclasses

    from refcheck.extract import author_date

    def fields() -> list[dict[str, object]]:
        return [dataclasses.asdict(c) for c in check(REPEATED + REFS).citations]

    remembered = fields()
    monkeypatch.setattr(author_date, "_GROUPS_KEPT", 0)  # nothing remembered
    assert remembered == fields()
    assert len(remembered) > 20


def test_a_longer_document_remembers_more_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The groups a document remembers grow with its length: one bound for every size made a long
    document read most of its repeated groups afresh, each time. The readings are the same."""
    import dataclasses

    from refcheck.extract import author_date
    from refcheck.extract.author_date import KnownAuthors, extract_author_date

    body = "Trade grew (Smith 2004), (Jones 2004), (Hardy 2005) and (Smith and Jones 2004). " * 3
    known = KnownAuthors(["Smith", "Jones", "Hardy"])
    monkeypatch.setattr(author_date, "_GROUPS_KEPT", 1)
    fresh = extract_author_date(body, 0, len(body), known)
    assert len(known.groups) == 1  # one group per 2 MB begun
    monkeypatch.setattr(author_date, "_GROUPS_TEXT", 80)  # a "longer" document: a group per 80 characters
    known = KnownAuthors(["Smith", "Jones", "Hardy"])
    remembered = extract_author_date(body, 0, len(body), known)
    assert len(known.groups) == 4
    assert [dataclasses.asdict(c) for c in remembered] == [dataclasses.asdict(c) for c in fresh]
    assert len(fresh) == 12
