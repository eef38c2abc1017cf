"""Citation forms of published articles the corpora had not shown, found by rendering PLOS articles
outside the dev corpus as ../shared/corpus/README.md describes (numeric as published, and converted
to author-date). Each sentence is the article's own (CC-BY), the reference entries shortened.

- "[32: 273]", "[51: fig. 10.5]", "[e.g., 77]" (pone.0005723): a number with a locator or a cue in
  its brackets was no citation, and its entry was said uncited;
- a review's bio box, "three books: Foundations of Social Evolution (1998), ..." (pbio.1001044): four
  author-date lookalikes of no listed author outvoted the two numbers of a numbered list, so the
  numbers went unread (two uncited entries) and the titles were errors;
- "(June-September 2009)" (pone.0010685): a span of months read as an author;
- "... Thermodynamics of Fluids, (1873)" (pone.0012262): a title and its year read as a narrative
  citation;
- "in the April 2004 issue of PLoS Biology, Elizabeth Blackburn and Janet Rowley (2004)"
  (pbio.0020188): names written with given names, after a journal's name;
- "(although Wagner and Gabriel Wagner and Gabriel, 1990 had ...)", "(Cao et al Cao et al. 2007a)"
  (pone.0000217, pone.0100977 converted): a converted citation after the names it followed.
"""

from __future__ import annotations

import pytest

from refcheck.model import LinkStatus
from refcheck.pipeline import check_text


def _problems(doc: object) -> list[tuple[str, str]]:
    return [(f.rule, f.message[:60]) for f in doc.findings if f.severity.value != "info"]  # type: ignore[attr-defined]


NUMBERED = (
    "References\n\n"
    "1. de Duve C (2010) The joy of discovery. Nature 467: S5.\n"
    "2. Fisher RA (1959) Natural selection from the genetical standpoint. Aust J Sci 22: 16-17.\n"
    "3. Godinot M (1992) Early euprimate hands in evolutionary perspective. J Hum Evol 22: 267-283.\n"
    "4. Martin RD (1990) Primate origins and evolution. London: Chapman and Hall. 804 p.\n"
)


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("is evidently not correlated particularly well with locomotor type [3: 273], although", [(3,)]),
        ("(ratio of humerus+radius length divided by femur+tibia length) [4: fig. 10.5], [3].", [(4,), (3,)]),
        ("speculatively identified lineages of isolated teeth [e.g., 3], [4]. Darwinius", [(3,), (4,)]),
        ("as argued before [4, p. 33] and [see 3, 4].", [(4,), (3,), (4,)]),
    ],
)
def test_a_number_with_a_locator_or_a_cue_is_a_citation(sentence: str, numbers: list[tuple[int]]) -> None:
    doc = check_text(f"Fun [1] and rewards [2]. The index {sentence}\n\n{NUMBERED}")
    assert [c.numbers for c in doc.citations][2:] == numbers
    assert all(c.status == LinkStatus.LINKED for c in doc.citations)


def test_a_ratio_in_brackets_is_no_citation() -> None:
    doc = check_text(f"Fun [1] and rewards [2], mixed [3:1] and [4: 2 mg] of it [3], [4].\n\n{NUMBERED}")
    assert [c.text for c in doc.citations] == ["[1]", "[2]", "[3]", "[4]"]


def test_titles_with_years_do_not_outvote_the_numbers_of_a_numbered_list() -> None:
    doc = check_text(
        "So be it [1]. The efforts, gigantic as they are, of at least one great nation [2].\n\n"
        "Steven A. Frank is Professor of Evolutionary Biology. Professor Frank has published three "
        "books: Foundations of Social Evolution (1998), Immunology and Evolution of Infectious Disease "
        "(2002), and Dynamics of Cancer: Incidence, Inheritance, and Evolution (2007).\n\n"
        + "\n".join(NUMBERED.splitlines()[:4])
    )
    assert doc.style == "numeric"
    assert _problems(doc) == []


AUTHOR_DATE = (
    "References\n\n"
    "Blackburn, E, Rowley, J (2004) Reason as our guide. PLoS Biol 2: e116.\n"
    "Cao, X, Li, Y, Wu, Z (2007a) Mechanics of collective migration. J Biol 3: 4-5.\n"
    "Cao, X, Li, Y, Wu, Z (2007b) Traction forces. J Biol 3: 6-7.\n"
    "Dallon, JC, Othmer, HG (2004) How cellular movement determines the collective force. J Theor "
    "Biol 231: 203-222.\n"
    "Hartl, DL, Taubes, CH (1998) Towards a theory of evolutionary adaptation. Genetica 102: 525-533.\n"
    "Smith, J (2009) A title. J Biol 3: 4-5.\n"
    "Wagner, GP, Gabriel, W (1990) Quantitative variation in finite parthenogenetic populations. "
    "Evolution 44: 715-731.\n"
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Final database searches were performed twice during a three month period (June-September "
        "2009), and once in (Nov.\u2013Dec. 2010), by Smith (2009).",
        "Willard Gibbs, Graphical Methods in the Thermodynamics of Fluids, (1873) said so, as Smith "
        "(2009) agreed.",
    ],
)
def test_dates_and_titles_are_no_citations(sentence: str) -> None:
    doc = check_text(
        f"{sentence} Also (Blackburn and Rowley 2004; Cao et al. 2007a, 2007b; Dallon and Othmer 2004; "
        f"Hartl and Taubes 1998; Wagner and Gabriel 1990).\n\n{AUTHOR_DATE}"
    )
    assert _problems(doc) == []
    assert "Smith (2009)" in [c.text for c in doc.citations]


def test_a_known_name_before_a_comma_and_its_year_is_still_a_citation() -> None:
    doc = check_text(f"As Smith, (2009) wrote.\n\n{AUTHOR_DATE}")
    assert [(c.text, c.status) for c in doc.citations] == [("Smith, (2009)", LinkStatus.LINKED)]


def test_names_with_given_names_after_a_journal_title() -> None:
    doc = check_text(
        "In their essay in the April 2004 issue of PLoS Biology, Elizabeth Blackburn and Janet Rowley "
        f"(2004), two distinguished cellular biologists, wrote.\n\n{AUTHOR_DATE}"
    )
    cite = doc.citations[0]
    assert (cite.text, cite.authors, cite.status) == (
        "Elizabeth Blackburn and Janet Rowley (2004)",
        ["Blackburn", "Rowley"],
        LinkStatus.LINKED,
    )


def test_a_misspelt_first_author_stays_the_first_author() -> None:
    doc = check_text(f"As Hratl, Taubes and Smith (1998) found.\n\n{AUTHOR_DATE}")
    assert doc.citations[0].authors[0] == "Hratl"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        (
            "first investigated by Hartl and Taubes (Hartl and Taubes, 1998) (although Wagner and Gabriel "
            "Wagner and Gabriel, 1990 had worked on it).",
            "Wagner and Gabriel, 1990",
        ),
        ("(See Dallon and Othmer Dallon and Othmer, 2004 for more detail.)", "Dallon and Othmer, 2004"),
        ("as (Cao et al Cao et al. 2007a, reported).", "Cao et al. 2007a"),
    ],
)
def test_a_converted_citation_after_the_names_it_followed(sentence: str, text: str) -> None:
    doc = check_text(f"{sentence}\n\n{AUTHOR_DATE}")
    cites = {c.text: c.status for c in doc.citations}
    assert cites.get(text) == LinkStatus.LINKED, cites
    assert not [f for f in doc.findings if f.rule == "missing-reference"]


def test_four_authors_two_of_each_name_are_four_authors() -> None:
    doc = check_text(
        "As Kim, Lee, Kim and Lee (2010) showed.\n\nReferences\n\n"
        "Kim, J, Lee, S, Kim, H, Lee, Y (2010) Four authors. J Korean Med 3: 4-5.\n"
    )
    assert doc.citations[0].authors == ["Kim", "Lee", "Kim", "Lee"]
    assert doc.citations[0].status == LinkStatus.LINKED


LETTERED = (
    "References\n\n"
    "Cao, H, Urban, JF, Anderson, RA (2008a) Insulin increases tristetraprolin. Biochem Biophys Res "
    "Commun 366: 1-6.\n"
    "Cao, H, Lin, R (2008) Phosphorylation of recombinant tristetraprolin in vitro. Protein J 27: 163-169.\n"
    "Cao, H, Lin, R, Ghosh, S, Anderson, RA, Urban, JF (2008c) Production and characterization of ZFP36L1. "
    "BMC Biochem 9: 15.\n"
)


def test_a_letter_the_list_does_not_give_is_missing() -> None:
    """pone.0100977 converted, its 2008b entry deleted: "Cao et al. 2008b" linked to "Cao and Lin
    (2008)", two authors, while the list letters Cao's other works of 2008."""
    doc = check_text(
        "Insulin (Cao et al. 2008a), cinnamon (Cao et al. 2008b), in vitro (Cao and Lin 2008) and ZFP36L1 "
        f"(Cao et al. 2008c).\n\n{LETTERED}"
    )
    assert [(c.text, c.status) for c in doc.citations] == [
        ("Cao et al. 2008a", LinkStatus.LINKED),
        ("Cao et al. 2008b", LinkStatus.MISSING),
        ("Cao and Lin 2008", LinkStatus.LINKED),
        ("Cao et al. 2008c", LinkStatus.LINKED),
    ]


def test_a_letter_on_a_list_that_letters_nothing_still_links() -> None:
    doc = check_text(
        "Insulin (Cao et al. 2008b) and in vitro (Cao and Lin 2008).\n\nReferences\n\n"
        "Cao, H, Lin, R (2008) Phosphorylation of recombinant tristetraprolin in vitro. Protein J 27: 163-169.\n"
    )
    assert [c.status for c in doc.citations] == [LinkStatus.LINKED, LinkStatus.LINKED]


def test_names_with_an_arabic_article() -> None:
    """pone.0012262 converted: "(Hussein and el-Belbessy 1998)" was not read, and "(al-Farsi and
    Smith 2001)" was read as "Smith 2001"."""
    doc = check_text(
        "Leukaemia (Hussein and el-Belbessy 1998) and cancer (al-Farsi and Smith 2001).\n\nReferences\n\n"
        "Hussein, NG, el-Belbessy, SF (1998) Serum adenosine deaminase. Clin Chem 4: 5.\n"
        "al-Farsi, A, Smith, J (2001) A title. J Biol 3: 4-5.\n"
    )
    assert [(c.text, c.status) for c in doc.citations] == [
        ("Hussein and el-Belbessy 1998", LinkStatus.LINKED),
        ("al-Farsi and Smith 2001", LinkStatus.LINKED),
    ]


def test_an_initial_before_a_year_is_no_narrative_citation() -> None:
    """pbio.1001044: a book review opens with the book, "Mukherjee S (2010) The Emperor of All
    Maladies"; "S (2010)" was a missing-reference error."""
    doc = check_text(
        "Mukherjee S (2010) The Emperor of All Maladies: A Biography of Cancer. New York: Scribner.\n\n"
        f"A review, after Smith (2009).\n\n{AUTHOR_DATE}"
    )
    assert [c.text for c in doc.citations] == ["Smith (2009)"]


def test_a_range_in_parentheses_past_the_list_is_a_quantity() -> None:
    """pone.0008519 in NLM style (26 entries): "subsequent studies carried out on small numbers
    (20–30) of CFS patients" was a missing-reference error."""
    listing = "\n".join(
        f"{n}. Name{n} A. Study {n} of viruses. J Vir. {1990 + n};{n}:1-9." for n in range(1, 27)
    )
    doc = check_text(
        "HTLV was found in patients (21). However, subsequent studies carried out on small numbers "
        f"(20\u201330) of CFS patients failed to confirm it (22\u201326), as others (1\u201320).\n\nReferences\n\n{listing}\n"
    )
    assert [c.text for c in doc.citations] == ["(21)", "22\u201326", "1\u201320"]
    assert _problems(doc) == []
