"""The SciELO held-out set in the nine CSL styles, second round: ABNT lists in capitals whose cited
work is missing from the list, titles of works before a year in prose, particles inside compound
surnames, an organisation cited by its acronym. The documents here are short excerpts rewritten as
test cases, shaped like the real ones (economics, zoology, philosophy, education).
"""

from __future__ import annotations

import pytest

from refcheck.model import LinkStatus, Severity
from refcheck.pipeline import check_text


def check(text: str):  # type: ignore[no-untyped-def]
    return check_text(text, path="doc.txt")


_ABNT = (
    "HOU, J.; LI, K. (2017). Structural change in China. Journal, 1, 2-3.\n"
    "MAJEROWICZ, E. (2022). A China e a economia política. Revista, 1, 2-3.\n"
    "SOUZA, E. (2022). Salários na China. Revista, 4, 5-6.\n"
)


@pytest.mark.parametrize(
    "cite",
    [
        "(ROZELLE, 2020)",  # Economia e Sociedade
        "(ROZELLE 2020)",
        "(DYER et al., 2013)",  # Brazilian Journal of Biology
        "(CARVALHO and MARINHO, 2003)",
        "BARBOSA and FERNANDES (2001)",  # Ensaio
        "(SUN, 2017)",
    ],
)
def test_a_cite_in_capitals_of_a_work_missing_from_a_list_in_capitals_is_missing(cite: str) -> None:
    doc = check(f"Wages rose {cite} and fell (HOU et al., 2017; SOUZA, 2022).\n\nReferences\n\n{_ABNT}")
    missing = [f for f in doc.findings if f.rule == "missing-reference"]
    assert len(missing) == 1 and missing[0].severity is Severity.ERROR
    assert cite.strip("()").split()[0].rstrip(",") in missing[0].message


def test_a_cite_in_capitals_without_a_vowel_is_missing_at_info_level() -> None:
    doc = check(f"A base (BNCC, 2017) e (HOU et al., 2017; SOUZA, 2022).\n\nReferences\n\n{_ABNT}")
    assert [(f.rule, f.severity) for f in doc.findings if f.citation] == [
        ("missing-reference", Severity.INFO)
    ]


def test_a_cite_in_capitals_is_no_citation_when_the_list_is_not_in_capitals() -> None:
    doc = check(
        "Wages rose (ROZELLE, 2020) and fell (Hou et al., 2017).\n\nReferences\n\n"
        "Hou, J., & Li, K. (2017). Structural change in China. Journal, 1, 2-3.\n"
    )
    assert [c.text for c in doc.citations] == ["Hou et al., 2017"]
    assert [c.status for c in doc.citations] == [LinkStatus.LINKED]


_BOOKS = (
    "GEHLEN, A. (1969). Moral und Hypermoral. Athenäum.\n"
    "HEINRICH, K. (1966). Parmenides und Jona. Suhrkamp.\n"
    "SLOTERDIJK, P. (1983). Kritik der zynischen Vernunft. Suhrkamp.\n"
)


@pytest.mark.parametrize(
    "sentence",
    [
        # Trans/Form/Ação: a title, the year of the work, then its author
        "Son los libros Der Mut zum Sein (1953) de Paul Tillich y otros (GEHLEN, 1969).",
        "Moral und Hypermoral. Eine pluralistische Ethik (1969) de (GEHLEN, 1969), y (HEINRICH, 1966).",
        "Kritik der zynischen Vernunft (1983) de Peter Sloterdijk (SLOTERDIJK, 1983), y (GEHLEN, 1969).",
        # Galáxia
        "Provinha do Teatro Óptico (1892) de Émile Reynaud (GEHLEN, 1969; HEINRICH, 1966).",
    ],
)
def test_a_title_followed_by_its_author_is_no_citation(sentence: str) -> None:
    doc = check(f"{sentence}\n\nReferences\n\n{_BOOKS}")
    assert [f.rule for f in doc.findings if f.citation] == []
    assert all(c.status is LinkStatus.LINKED for c in doc.citations)


def test_a_surname_before_a_work_by_another_is_still_a_citation() -> None:
    doc = check(f"Smith (2010) by contrast found it (GEHLEN, 1969).\n\nReferences\n\n{_BOOKS}")
    assert [(f.rule, f.severity) for f in doc.findings if f.citation] == [
        ("missing-reference", Severity.ERROR)
    ]


@pytest.mark.parametrize(
    ("sentence", "severity"),
    [
        # Revista de Economia e Sociologia Rural, Bakhtiniana: a determiner, then a title
        ("Foi utilizado o Censo Demográfico (2010) e (GEHLEN, 1969).", Severity.INFO),
        (
            "Ecoam o art. 1 da Declaração Universal dos Direitos Humanos (1948) e (GEHLEN, 1969).",
            Severity.INFO,
        ),
        ("Der Begriff über die Hypermoral Studien (1970) und (GEHLEN, 1969).", Severity.INFO),
        # an organisation cited by its name stays an error
        ("Segundo o Conselho Nacional (2015) e (GEHLEN, 1969).", Severity.ERROR),
        ("Segundo o Instituto Brasileiro (2015) e (GEHLEN, 1969).", Severity.ERROR),
        ("As Charles Darwin (1859) wrote (GEHLEN, 1969).", Severity.ERROR),
    ],
)
def test_a_title_in_another_language_before_a_year_is_said_at_info_level(
    sentence: str, severity: Severity
) -> None:
    doc = check(f"{sentence}\n\nReferences\n\n{_BOOKS}")
    assert [(f.rule, f.severity) for f in doc.findings if f.citation] == [("missing-reference", severity)]


@pytest.mark.parametrize(
    "entry",
    [
        "Sherwin, W. B., & Prat I Fornells, N. (2019). The introduction of entropy. Ecology, 1, 2–3.",
        "Sherwin, W.B., Prat I Fornells, N., 2019. The introduction of entropy. Ecology 1, 2–3.",
        "W. B. Sherwin and N. Prat I Fornells. 2019. The introduction of entropy. Ecology, 1:2–3.",
        "Sherwin, W.B. and Prat I Fornells, N. (2019) “The introduction of entropy,” Ecology, 1, p. 2.",
    ],
)
def test_a_catalan_i_in_capitals_joins_a_double_surname(entry: str) -> None:
    # Acta Amazonica: the style capitalises each word of the name, Catalan "i" too
    doc = check(
        "Diversity is independent of sample size (Palaghianu, 2014; Sherwin & Prat I Fornells, 2019), "
        f"as Sherwin and Prat I Fornells (2019) show.\n\nReferences\n\n{entry}\n"
        "Palaghianu, C. (2014). Diversity measures. Forest, 1, 2–3.\n"
    )
    assert doc.references[0].authors == ["Sherwin", "Prat I Fornells"]
    assert [f.rule for f in doc.findings] == []
    assert all(c.status is LinkStatus.LINKED for c in doc.citations)


def test_a_catalan_i_first_author_and_a_vancouver_initial_i() -> None:
    from refcheck.extract.reference_list import parse_entry

    assert parse_entry("Prat I Fornells, N., Sherwin, W.B., 2019. Entropy. Ecology 1, 2.").authors == [
        "Prat I Fornells",
        "Sherwin",
    ]
    assert parse_entry("Smith I, Jones K. Title of it. Journal 2010;1:2.").authors == ["Smith", "Jones"]
    doc = check("So I Smith (2010) found.\n\nReferences\n\nJones, K. (2010). Title. Journal, 1, 2.\n")
    assert [c.authors for c in doc.citations] == [["Smith"]]


@pytest.mark.parametrize(
    ("entry", "authors"),
    [
        (
            "Mallo, A, Gómez de las Heras, F (2004). Title of it. Journal 1:2.",
            ["Mallo", "Gómez de las Heras"],
        ),
        (
            "Gómez de las Heras, F., & Mallo, A. (2004). Title of it. Journal, 1, 2.",
            ["Gómez de las Heras", "Mallo"],
        ),
        (
            "A. Mallo and F. Gómez de las Heras. 2004. Title of it. Journal, 1:2.",
            ["Mallo", "Gómez de las Heras"],
        ),
        ("Mallo A, Gómez de las Heras F. Title of it. Journal. 2004;1:2.", ["Mallo", "Gómez de las Heras"]),
        ("Gómez de las Heras F, Mallo A. Title of it. Journal. 2004;1:2.", ["Gómez de las Heras", "Mallo"]),
        ("Ruiz de los Paños, J. (2010). Title. Journal, 1, 2.", ["Ruiz de los Paños"]),
    ],
)
def test_spanish_de_las_inside_a_compound_surname(entry: str, authors: list[str]) -> None:
    from refcheck.extract.reference_list import parse_entry

    assert parse_entry(entry).authors == authors


_INEP = "Instituto Nacional de Estudos e Pesquisas Educacionais Anísio Teixeira"


def test_a_short_name_the_text_defines_cites_the_organisation_listed_in_full() -> None:
    # Educação em Revista: "(Inep, 2024)" after "... Anísio Teixeira (Inep)", listed in full
    doc = check(
        f"Dados produzidos pelo {_INEP} (Inep). Segundo o Censo (Inep, 2023), e (Inep, 2021) "
        f"e (Smith, 2010).\n\nReferences\n\n{_INEP}. (2023). Censo Escolar. MEC.\n"
        "Smith, J. (2010). A title. Journal, 1, 2.\n"
    )
    assert [c.status for c in doc.citations] == [
        LinkStatus.LINKED,
        LinkStatus.YEAR_MISMATCH,
        LinkStatus.LINKED,
    ]
    assert [f.rule for f in doc.findings] == ["year-mismatch"]


def test_an_organisation_cited_in_full_that_the_text_names_as_listed() -> None:
    doc = check(
        f"Dados do {_INEP} (INEP). Segundo o Censo ({_INEP}, 2023) e (Smith, 2010).\n\n"
        "References\n\nINEP. (2023). Censo Escolar. Inep.\nSmith, J. (2010). A title. Journal, 1, 2.\n"
    )
    assert [c.status for c in doc.citations] == [LinkStatus.LINKED, LinkStatus.LINKED]
    assert doc.findings == []


def test_a_short_name_the_text_does_not_define_stays_missing() -> None:
    doc = check(
        f"Segundo o Censo (Inep, 2023) e (Smith, 2010).\n\nReferences\n\n{_INEP}. (2023). Censo. MEC.\n"
        "Smith, J. (2010). A title. Journal, 1, 2.\n"
    )
    assert [f.rule for f in doc.findings if f.citation] == ["missing-reference"]
