"""Articles of publishers not tried before (MDPI, BMC, Wiley, Taylor & Francis, Oxford, Elsevier open access,
Nature Portfolio), rendered in CSL styles as ../shared/corpus-styles renders them (JATS references -> CSL-JSON
-> citeproc-py), fifth round. The documents here are short excerpts rewritten as test cases, shaped like the
real entries.
"""

from __future__ import annotations

import pytest

from refcheck.model import LinkStatus
from refcheck.pipeline import check_text


def check(text: str):  # type: ignore[no-untyped-def]
    return check_text(text, path="doc.txt")


@pytest.mark.parametrize(
    ("cite", "entry"),
    [
        # APA, an MDPI review (Biomedicines): "Sci. World J., 2015, 657086." read as "World, J. (2015)"
        (
            "(Lin et al., 2015)",
            "Lin, J., Li, J., & Wang, X.-Z. (2015). Exosomes: Novel Biomarkers for Clinical Diagnosis. "
            "Sci. World J., 2015, 657086. https://doi.org/10.1155/2015/657086",
        ),
        # IEA/OECD, Scientific Reports: "Scientifica, Vol. 2012, p. 963401" read as "Scientifica, V. (2012)"
        (
            "(Glick, 2012)",
            "B. R. Glick. (2012), “Plant growth-promoting bacteria: mechanisms and applications,” Scientifica, "
            "Vol. 2012, p. 963401, https://doi.org/10.6064/2012/963401.",
        ),
    ],
)
def test_a_journal_and_its_year_volume_do_not_start_a_second_entry(cite: str, entry: str) -> None:
    doc = check(f"Exosomes matter {cite}.\n\nReferences\n\n{entry}\n")
    assert len(doc.references) == 1
    assert [(f.rule, f.line) for f in doc.findings] == []
    assert [c.status for c in doc.citations] == [LinkStatus.LINKED]


def test_an_entry_glued_after_another_is_still_split() -> None:
    doc = check(
        "Bacteria (Glick, 2012) and plants (Bird, 2008).\n\nReferences\n\n"
        "Glick, B. R. (2012). Plant growth-promoting bacteria. Scientifica, 2012, 963401. "
        "Bird, A. (2008). The evolution of plant defences. Annual Review of Plant Biology, 59, 1-20.\n"
    )
    assert len(doc.references) == 2
    assert [(f.rule, f.line) for f in doc.findings] == []


@pytest.mark.parametrize(
    "cite",
    [
        # IEA/OECD, an MDPI review (Plants): a first cite of five names, the second with a particle of two words
        "(Pieterse, Van der Does, Zamioudis, Leon-Reyes and Van Wees, 2012)",
        "(Mendes, De la Cruz, Zamioudis and Van Wees, 2012)",
        "(Van der Does, Pieterse, Zamioudis and Leon-Reyes, 2012)",
    ],
)
def test_a_comma_list_of_names_reads_past_a_particle_of_two_words(cite: str) -> None:
    first = cite.strip("(").split(",")[0]
    doc = check(
        f"Plants respond to hormones {cite}. Later work agrees ({first} et al., 2012).\n\nReferences\n\n"
        f"C. M. J. {first} et al. (2012), “Hormonal Modulation of Plant Immunity,” Annu. Rev. Cell Dev. Biol., "
        "Vol. 28, pp. 489–521.\n"
    )
    assert [(f.rule, f.line) for f in doc.findings] == []
    assert [(c.text, c.status) for c in doc.citations] == [
        (cite.strip("()"), LinkStatus.LINKED),
        (f"{first} et al., 2012", LinkStatus.LINKED),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # a figure caption of Science Advances (in every author-date style): a period of years, no cite
        "(B) Present-day (1980 to 2022) trend of the overturning.",
        "Rainfall over the period (1950 until 2010) was lower.",
        "The records (1871 through 1900) and the survey (1901 – 1950) agree.",
    ],
)
def test_a_period_of_years_in_parentheses_is_no_citation(sentence: str) -> None:
    doc = check(
        f"{sentence} Models agree (Smith, 2020).\n\nReferences\n\n"
        "Smith, J. (2020). A title of a paper. Journal of Things, 3, 1-2.\n"
    )
    assert [(f.rule, f.line) for f in doc.findings] == []
    assert [c.text for c in doc.citations] == ["Smith, 2020"]


def test_a_cite_of_two_years_is_still_read() -> None:
    doc = check(
        "As shown before (Smith, 2001, 2004) and by Jones (2010 to appear).\n\nReferences\n\n"
        "Smith, J. (2001). First paper. Journal, 1, 1-2.\n"
        "Smith, J. (2004). Second paper. Journal, 2, 3-4.\n"
        "Jones, K. (2010). Third paper. Journal, 3, 5-6.\n"
    )
    assert [(f.rule, f.line) for f in doc.findings] == []
    assert [c.status for c in doc.citations] == [LinkStatus.LINKED] * 3


def test_data_sets_whose_titles_differ_by_a_word_and_whose_dois_differ_are_no_duplicates() -> None:
    # NLM, Earth's Future (Wiley): seven Zenodo data sets of one paper, titles alike but for the run's
    # name ("AIS", "AGrIS", "CONTROL") and period, each with its own DOI
    subtitle = (
        "The nonlinear and distinct responses of ocean heat content and anthropogenic carbon to ice sheet "
        "freshwater discharge in a warming climate. 2024."
    )
    runs = [
        ("AGrIS", "2015‐2100", "10447519"),
        ("AIS", "1992‐2014", "10433209"),
        ("AIS", "2015‐2100", "10447305"),
    ]
    runs += [("CONTROL", "2015‐2100", "10447688")]
    entries = [
        f"{n}. Gorte T, Lovenduski NS, Nissen C, Lenaerts JTM, Weiss JB. CESM2 {run} simulation output ({span}): "
        f"{subtitle} doi:10.5281/zenodo.{doi}"
        for n, (run, span, doi) in enumerate(runs, 1)
    ]
    doc = check("The runs are archived (1–4).\n\nReferences\n\n" + "\n".join(entries) + "\n")
    assert [(f.rule, f.line) for f in doc.findings] == []


def test_one_entry_listed_twice_with_one_doi_is_still_a_duplicate() -> None:
    entry = (
        "Saijo S, Ikeda S, Yamabe K. Dectin-2 recognition of {a}-mannans and induction of Th17 cell "
        "differentiation is essential for host defense against Candida albicans. Immunity. 2010;32:681–91. "
        "doi:10.1016/j.immuni.2010.05.001"
    )
    doc = check(
        "Fungi (1, 2).\n\nReferences\n\n1. " + entry.format(a="alpha") + "\n2. " + entry.format(a="α") + "\n"
    )
    assert [(f.rule, f.line) for f in doc.findings] == [("duplicate-reference", 6)]


def test_an_acronym_before_a_comma_list_of_authors_is_no_author() -> None:
    # Harvard, International Journal of Psychology (Wiley): a scale's acronym opens the parenthesis
    doc = check(
        "We used the schedule (PANAS, Watson, Clark and Tellegen, 1988) and the scale (DASS, Lovibond and "
        "Lovibond, 1995).\n\nReferences\n\n"
        "Lovibond, P.F. and Lovibond, S.H. (1995) The structure of negative emotional states. Behaviour "
        "Research and Therapy, 33, 335-343.\n"
        "Watson, D., Clark, L.A. and Tellegen, A. (1988) Development and validation of brief measures of "
        "positive and negative affect. Journal of Personality and Social Psychology, 54, 1063-1070.\n"
    )
    assert [(f.rule, f.line) for f in doc.findings] == []
    assert [(c.text, c.status) for c in doc.citations] == [
        ("Watson, Clark and Tellegen, 1988", LinkStatus.LINKED),
        ("Lovibond and Lovibond, 1995", LinkStatus.LINKED),
    ]
