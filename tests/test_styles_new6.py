"""A held-out set of 49 CC-BY articles rendered in the nine CSL styles (JATS references -> CSL-JSON ->
citeproc-py), sixth round: compound surnames in a cite whose entry is gone, a Catalan double surname,
co-authors a list cut by "et al." does not print, and a list of acronyms. The documents here are short
excerpts rewritten as test cases, shaped like the real entries.
"""

from __future__ import annotations

import pytest

from refcheck.model import LinkStatus, Severity
from refcheck.pipeline import check_text


def check(text: str):  # type: ignore[no-untyped-def]
    return check_text(text, path="doc.txt")


@pytest.mark.parametrize(
    ("cites", "named"),
    [
        # Harvard, Journal of Mass Spectrometry: the last of a group, after a semicolon
        ("(Evans, Bridgewater and Liu, 2014; Perez de Souza et al., 2021)", "Perez de Souza et al., 2021"),
        # Harvard, a climate review: a surname of two capitalised words after the bracket
        ("(Armstrong McKay et al., 2022)", "Armstrong McKay et al., 2022"),
        ("(Espín Grau and Klaus, 2022)", "Espín Grau and Klaus, 2022"),
        ("(Dos Santos Sales et al., 2018)", "Dos Santos Sales et al., 2018"),
    ],
)
def test_a_missing_entry_is_named_by_the_whole_compound_surname_cited(cites: str, named: str) -> None:
    doc = check(
        f"Metabolomics grew fast {cites}.\n\nReferences\n\n"
        "Evans, A., Bridgewater, B. and Liu, C. (2014) “Mass spectra,” Analyst, 1, pp. 1–2.\n"
        "Klaus, P. (2020) “Policing,” Law Review, 2, pp. 3–4.\n"
    )
    missing = [f for f in doc.findings if f.rule == "missing-reference"]
    assert [f.citation for f in missing] == [named]


def test_a_sentence_word_before_a_narrative_cite_is_still_no_part_of_the_name() -> None:
    doc = check(
        "The field moved on. Recently Smith (2020) showed it.\n\nReferences\n\n"
        "Jones, A. (2019) “Other,” Journal, 1, pp. 1–2.\n"
    )
    assert [f.citation for f in doc.findings if f.rule == "missing-reference"] == ["Smith (2020)"]


def test_a_catalan_double_surname_joined_by_i_is_read_whole() -> None:
    # Harvard, Catalysis Today and Chem. Eng. Sci. in one list: "Llabrés i Xamena" and "Xamena"
    text = (
        "Esters form over MOFs (Cirujano, Corma and Xamena, 2015) and acids over Zr "
        "(Cirujano, Corma and Llabrés i Xamena, 2015).\n\nReferences\n\n"
        "Cirujano, F.G., Corma, A. and Llabrés i Xamena, F.X. (2015) “Zirconium-containing metal organic "
        "frameworks as solid acid catalysts,” Catal. Today, 257, pp. 213–220.\n"
        "Cirujano, F.G., Corma, A. and Xamena, F.X.L.I. (2015) “Conversion of levulinic acid into chemicals,” "
        "Chem. Eng. Sci., 124, pp. 52–60.\n"
    )
    doc = check(text)
    assert [(f.rule, f.citation) for f in doc.findings] == []
    assert [c.references for c in doc.citations] == [(doc.references[1].id,), (doc.references[0].id,)]
    # the Catalysis Today entry deleted: its cite is missing, not taken for the other entry
    cut = text[
        text.index("Cirujano, F.G., Corma, A. and Llabrés") : text.index(
            "Cirujano, F.G., Corma, A. and Xamena"
        )
    ]
    gone = text.replace(cut, "")
    doc = check(gone)
    assert [(f.rule, f.citation) for f in doc.findings] == [
        ("missing-reference", "Cirujano, Corma and Llabrés i Xamena, 2015")
    ]


_ZHANG = (
    "C. Zhang et al. (2022), “Smart Nano-PROTACs Reprogram Tumor Microenvironment,” Advanced Materials, "
    "Vol. 34, p. 2207593.\n"
    "Z. Zhang et al. (2022), “A covalent inhibitor of K-Ras(G12C) induces MHC class I presentation,” "
    "Nature Chemical Biology, Vol. 18, pp. 1177–1183.\n"
)


def test_a_cite_naming_co_authors_the_list_does_not_print_is_info_not_an_error() -> None:
    # IEA/OECD, Biochemical Society Transactions: the first cite names five authors, the list prints one
    doc = check(f"Nano-PROTACs were made by Zhang, He, Zeng, Cheng and Pu (2022).\n\nReferences\n\n{_ZHANG}")
    found = [(f.rule, f.severity) for f in doc.findings]
    assert found == [("ambiguous-citation", Severity.INFO)]
    assert "do not print" in doc.findings[0].message
    assert doc.citations[0].status is LinkStatus.AMBIGUOUS  # (both entries count as cited)


def test_a_cite_that_names_no_more_than_the_entries_print_stays_an_ambiguous_error() -> None:
    doc = check(f"Nano-PROTACs were made (Zhang et al., 2022).\n\nReferences\n\n{_ZHANG}")
    assert [(f.rule, f.severity) for f in doc.findings] == [("ambiguous-citation", Severity.ERROR)]


@pytest.mark.parametrize(
    ("cite", "entry"),
    [
        (
            "(WHO, UNICEF and UNDP, 2010)",
            "WHO, UNICEF and UNDP (2010) Global immunization vision and strategy. Geneva: World Health "
            "Organization.",
        ),
        (
            "(WHO, UNICEF, & UNDP, 2010)",
            "WHO, UNICEF, & UNDP. (2010). Global immunization vision and strategy. World Health Organization.",
        ),
    ],
)
def test_a_list_of_acronyms_is_read_as_organisations(cite: str, entry: str) -> None:
    doc = check(f"Coverage was low {cite}.\n\nReferences\n\n{entry}\n")
    assert doc.references[0].authors == ["WHO", "UNICEF", "UNDP"]
    assert [(f.rule, f.citation) for f in doc.findings] == []


def test_an_all_capitals_person_with_a_given_name_is_still_one_person() -> None:
    doc = check(
        "Coverage was low (SMITH and JONES, 2010).\n\nReferences\n\n"
        "SMITH, JOHN and JONES, MARY (2010) Global immunization. Geneva: WHO.\n"
    )
    assert doc.references[0].authors[:2] == ["SMITH", "JONES"]


def test_a_catalan_double_surname_after_given_names_is_read_whole() -> None:
    # IEA/OECD prints given names first: "F. X. Llabrés i Xamena" is the surname "Llabrés i Xamena"
    doc = check(
        "Acids over Zr (Cirujano, Corma and Llabrés i Xamena, 2015).\n\nReferences\n\n"
        "F. G. Cirujano, A. Corma and F. X. Llabrés i Xamena. (2015), “Zirconium-containing metal organic "
        "frameworks as solid acid catalysts,” Catal. Today, Vol. 257, pp. 213–220.\n"
        "F. G. Cirujano, A. Corma and F. X. L. I. Xamena. (2015), “Conversion of levulinic acid into "
        "chemicals,” Chem. Eng. Sci., Vol. 124, pp. 52–60.\n"
    )
    assert doc.references[0].authors == ["Cirujano", "Corma", "Llabrés i Xamena"]
    assert [c.references for c in doc.citations] == [(doc.references[0].id,)]


@pytest.mark.parametrize("authority", ["Linnaeus 1753", "Linnaeus, 1753", "L. 1753"])
def test_a_species_authority_after_the_binomial_in_the_bracket_is_info(authority: str) -> None:
    # APA, Molecules: "spearmint (Mentha spicata Linnaeus 1753) seeds"; no entry of Linnaeus
    doc = check(
        f"Carvone is the main component of spearmint (Mentha spicata {authority}) seeds (Smith, 2010).\n\n"
        "References\n\nSmith, J. (2010). Carvone. Journal of Oils, 1, 1–2.\n"
    )
    found = [(f.rule, f.severity) for f in doc.findings]
    assert found in ([], [("missing-reference", Severity.INFO)])


def test_a_name_and_year_after_other_words_in_a_bracket_is_still_an_error() -> None:
    doc = check(
        "Carvone is common (see the review by Smith 1850) in seeds.\n\nReferences\n\n"
        "Jones, J. (2010). Carvone. Journal of Oils, 1, 1–2.\n"
    )
    assert [(f.rule, f.severity) for f in doc.findings if f.rule == "missing-reference"] == [
        ("missing-reference", Severity.ERROR)
    ]


@pytest.mark.parametrize("cite", ["(Team R, 2019)", "(Team R 2019)", "(Smith J, 2019)"])
def test_initials_after_a_surname_the_list_knows_are_its_initials(cite: str) -> None:
    # APA, a PLOS article: "Team R. (2019). R: A Language and Environment for Statistical Computing."
    doc = check(
        f"Analyses were run in R {cite}.\n\nReferences\n\n"
        "Team R. (2019). R: A Language and Environment for Statistical Computing. Vienna: R Foundation.\n"
        "Smith, J. (2019). Statistics in R. Journal of Computing, 2, 3–4.\n"
    )
    assert [(f.rule, f.citation) for f in doc.findings if f.rule != "uncited-reference"] == []
    assert [c.status for c in doc.citations] == [LinkStatus.LINKED]


@pytest.mark.parametrize("quantity", ["1500 mU", "1500 rpm", "1800 µM", "1500 IU"])
def test_a_number_with_its_unit_after_a_name_is_no_year(quantity: str) -> None:
    # Molecules: "(per mg of carrier: 1050 mU for SiMAG-octyl, 1500 mU for AMNP and 750 mU for AMNP-GA)"
    doc = check(
        f"Lipase was offered (per mg of carrier: 1050 mU for SiMAG-octyl, {quantity} for AMNP) as before "
        "(Smith, 2010).\n\nReferences\n\nSmith, J. (2010) ‘Lipases’, Enzymes, 1, pp. 1–2.\n"
    )
    assert [(f.rule, f.citation) for f in doc.findings] == []
    assert [c.text for c in doc.citations] == ["Smith, 2010"]


def test_a_year_followed_by_a_word_is_still_a_year() -> None:
    doc = check("Lipase was offered (Jones, 1998 for AMNP).\n\nReferences\n\nSmith, J. (2010) ‘Lipases’.\n")
    assert [f.citation for f in doc.findings if f.rule == "missing-reference"] == ["Jones, 1998"]


def test_a_harvard_journal_with_its_year_volume_and_pages_does_not_start_a_second_entry() -> None:
    # Harvard (Cite Them Right), Plants: "Sci. World J., 2012, pp. 1–8. Available at: https://..."
    doc = check(
        "Seeds germinate fast (Suter and Lüscher, 2012).\n\nReferences\n\n"
        "Suter, M. and Lüscher, A. (2012) “Rapid and high seed germination and large soil seed bank of "
        "Senecio aquaticus in managed grassland,” Sci. World J., 2012, pp. 1–8. Available at: "
        "https://doi.org/10.1100/2012/723808.\n"
    )
    assert len(doc.references) == 1
    assert [(f.rule, f.line) for f in doc.findings] == []


def test_the_end_of_a_vancouver_author_list_in_the_prose_is_no_cite() -> None:
    # eLife in APA: a related article given in full in the text, "... Richter D, Alberti S. 2015. Title"
    doc = check(
        "Related research article Kroschwald S, Richter D, Alberti S. 2015. Promiscuous interactions. "
        "eLife 4:e06807.\n\nReferences\n\nAlberti, S. (2012). Granules. Cell, 1, 1–2.\n"
    )
    assert [c.text for c in doc.citations] == []


@pytest.mark.parametrize(
    ("cite", "entry", "authors"),
    [
        # PLOS Medicine: a Vancouver-shaped name in an author-date cite, its entry "Bosch-Capblanch X and ..."
        (
            "(Bosch-Capblanch X and Project Team, 2011)",
            "Bosch-Capblanch X and Project Team (2011) Handbook for developing health systems guidance. "
            "Geneva: WHO.",
            ["Bosch-Capblanch", "Project Team"],
        ),
        (
            "(Sørensen TIA, 2003)",
            "Sørensen TIA (2003) Weight loss causes increased mortality. Obes Rev 4: 3–7.",
            ["Sørensen"],
        ),
    ],
)
def test_a_cite_with_the_initials_after_the_surname_links_its_entry(
    cite: str, entry: str, authors: list[str]
) -> None:
    doc = check(f"Guidance matters {cite}.\n\nReferences\n\n{entry}\n")
    assert [(f.rule, f.citation) for f in doc.findings] == []
    assert [(c.text, c.authors, c.status) for c in doc.citations] == [
        (cite[1:-1], authors, LinkStatus.LINKED)
    ]
