"""Reading mistakes left by the last round (left20a). Each test failed before its fix; the readings
listed as kept held before and after."""

from __future__ import annotations

from refcheck.extract.names import read_names
from refcheck.extract.reference_list import parse_entry
from refcheck.model import Severity
from refcheck.pipeline import check_text

from . import names_reference


def _alarms(text: str) -> list[str]:
    doc = check_text(text, "text", "a.txt")
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


def _persons(text: str) -> list[list[tuple[str, str]]]:
    return [reader(text).persons for reader in (read_names, names_reference.read_names)]


# --- initials run together, opening a list written given names first ----------------------------------
# "AM Lohrer, JE Hewitt, and SF Thrush. 2006." was read surname first: the one author "AM Lohrer" with
# the given names "JE Hewitt", then "Thrush" (Hewitt lost; names19 had fixed "A M Lohrer" only).


def test_run_together_initials_open_a_list_written_given_names_first() -> None:
    for text, want in (
        (
            "AM Lohrer, JE Hewitt, and SF Thrush. 2006. Assessing far-field effects. MEPS, 315:13–18.",
            [("Lohrer", "AM"), ("Hewitt", "JE"), ("Thrush", "SF")],
        ),
        (
            "AM Lohrer, J. E. Hewitt and S F Thrush (2006) Assessing far-field effects. MEPS 315:13–18.",
            [("Lohrer", "AM"), ("Hewitt", "J. E."), ("Thrush", "S F")],
        ),
        ("JM Smith and K Jones. 2006. A title. Journal 3.", [("Smith", "JM"), ("Jones", "K")]),
    ):
        for persons in _persons(text):
            assert persons == want, text
    entry = "AM Lohrer, JE Hewitt, and SF Thrush. 2006. Assessing far-field effects. MEPS, 315:13–18."
    assert (parse_entry(entry).authors, parse_entry(entry).year) == (["Lohrer", "Hewitt", "Thrush"], "2006")
    doc = (
        "Intro\n\nWaves may suspend fine sediments (Lohrer et al., 2006), as storms do "
        "(Rodil et al., 2011).\n\nReferences\n\n"
        f"{entry}\n\n"
        "IF Rodil, AM Lohrer, and JE Hewitt. 2011. Disturbance of sandflats. Ecological Applications, "
        "21:416–426.\n"
    )
    assert _alarms(doc) == []


def test_surname_first_lists_separated_by_the_initials_full_stop() -> None:
    # "Smith J. Jones K. 2014.": no comma between persons, each closed by its initials' full stop, up
    # to the year (Jones was lost: "Smith & Jones, 2014" an author mismatch)
    for text, want in (
        ("Smith J. Jones K. 2014. A title. Journal.", [("Smith", "J"), ("Jones", "K")]),
        ("Smith J. Jones K. Lee M. (2014) A title. Journal.", [("Smith", "J"), ("Jones", "K"), ("Lee", "M")]),
    ):
        for persons in _persons(text):
            assert persons == want, text
    doc = (
        "Intro\n\nAs shown (Smith & Jones, 2014; Lee, 2015).\n\nReferences\n\n"
        "Smith J. Jones K. 2014. A title. Journal 3: 1-4.\n\nLee M. 2015. Another title. Journal 4: 1-4.\n"
    )
    assert _alarms(doc) == []


def test_readings_kept() -> None:
    for text, want in (
        ("Smith JA, Jones K. A title. J Clin Invest. 2014;3:1-4.", [("Smith", "JA"), ("Jones", "K")]),
        ("R Core Team (2012) R: a language and environment. Vienna.", [("R Core Team", "")]),
        ("E WJ, Zhang Y. A title. Journal. 2014;3:1-4.", [("E", "WJ"), ("Zhang", "Y")]),
        ("Cavalli G. Chromatin and epigenetics. Nature. 2010;469:343.", [("Cavalli", "G")]),
        # (a title's words and a letter before a span of years: styles11, an NLM list)
        (
            "Hybel N, Poulsen B. The Danish Resources C. 1000–1550: Growth and Recession. BRILL. 2007.",
            [("Hybel", "N"), ("Poulsen", "B")],
        ),
        ("Hybel N, Poulsen B. The C. 2007. A title.", [("Hybel", "N"), ("Poulsen", "B")]),
        # an organisation that no initials follow
        ("SAS Institute, Cary, NC. 2012. SAS/STAT user's guide.", [("SAS Institute", "Cary"), ("NC", "")]),
        ("AM Lohrer. 2006. Assessing far-field effects.", [("AM Lohrer", "")]),
    ):
        for persons in _persons(text):
            assert persons == want, text
    assert read_names("Branden, C-I., Banaszak, LJ (2014) A title.").persons == [
        ("Branden", "C-I."),
        ("Banaszak", "LJ"),
    ]


# --- original and reprint years --------------------------------------------------------------------
# "(Marx, 1867/1990)" (APA's original and reprint years) was no citation at all (read as an act's
# number, "Regulation 2024/1689", its years more than ten apart): the entry uncited; "Kuhn (1962)"
# against "Kuhn, T. S. (1970 [1962])", and "Marx (1990)" against "(1867/1990)", were year mismatches.


def _years_doc(marx: str, kuhn: str, marx_entry: str, kuhn_entry: str) -> str:
    return (
        f"Intro\n\nCapital was reread {marx}. Paradigms shift, as {kuhn} argued.\n\nReferences\n\n"
        f"Marx, K. ({marx_entry}). Capital: Volume 1. Penguin.\n\n"
        f"Kuhn, T. S. ({kuhn_entry}). The structure of scientific revolutions. University of Chicago Press.\n"
    )


def test_original_and_reprint_years() -> None:
    entries = [
        ("1990", "1970"),
        ("1867/1990", "1962/1970"),
        ("1990 [1867]", "1970 [1962]"),
        ("[1867] 1990", "[1962] 1970"),
    ]
    cited = [("(Marx, 1867/1990)", "Kuhn (1962/1970)"), ("(Marx, 1990)", "Kuhn (1970)")]
    for marx, kuhn in cited:
        for marx_entry, kuhn_entry in entries:
            assert _alarms(_years_doc(marx, kuhn, marx_entry, kuhn_entry)) == [], (marx, marx_entry)
    for marx_entry, kuhn_entry in entries[1:]:  # the original's year, which the entry gives too
        assert _alarms(_years_doc("(Marx, 1867)", "Kuhn (1962)", marx_entry, kuhn_entry)) == [], marx_entry
    # what stays a mismatch: a year the entry does not give, or a reprint year other than the entry's
    alarms = _alarms(_years_doc("(Marx, 1867)", "Kuhn (1962)", "1990", "1970"))
    assert [a.split(":")[0] for a in alarms] == ["year-mismatch", "year-mismatch"]
    alarms = _alarms(_years_doc("(Marx, 1867/1991)", "Kuhn (1962/1971)", "1867/1990", "1970 [1962]"))
    assert [a.split(":")[0] for a in alarms] == ["year-mismatch", "year-mismatch"]
    alarms = _alarms(_years_doc("(Marx, 1990)", "Kuhn (1970)", "1867", "1962"))
    assert [a.split(":")[0] for a in alarms] == ["year-mismatch", "year-mismatch"]
    # an act's number stays none: "Regulation (EC) No 1907/2006", "Directive 2019/2088"
    doc = (
        "Intro\n\nChemicals fall under Regulation (EC) No 1907/2006 (REACH) and Directive 2019/2088, as "
        "Smith (2010) notes.\n\nReferences\n\nSmith, J. (2010). A title. Journal, 3, 1-4.\n"
    )
    assert _alarms(doc) == []


# --- places and events after a preposition of place or time ---------------------------------------------
# "around Copenhagen (2009), not Paris (2015)", in a document whose list has neither name and that
# cites neither in brackets, were two missing-reference errors (left18 read only "the" and "at").


def _places(body: str) -> list[tuple[str, str]]:
    text = f"Intro\n\n{body}\n\nReferences\n\nSmith, J. (2010). Climate talks. Journal, 3, 1-4.\n"
    doc = check_text(text, "text", "a.txt")
    return [(f.rule, f.severity.name) for f in doc.findings]


def test_a_name_after_a_preposition_of_place_or_joined_to_one() -> None:
    info = ("missing-reference", "INFO")
    error = ("missing-reference", "ERROR")
    assert (
        _places("Talks stalled around Copenhagen (2009), not Paris (2015), as Smith (2010) shows.")
        == [info] * 2
    )
    assert _places("Delegates met during Bali (2007) and Durban (2011), as Smith (2010) tells.") == [info] * 2
    # what stays an error: no such preposition ("since" and "after" take authors: "since Maury
    # (1917)", "modified after Jones (2009)"), or the name cited in brackets too
    assert _places("Rio (1992) and Kyoto (1997) were recalled by Smith (2010).") == [error] * 2
    assert (
        _places("Since Maury (1917), and as modified after Jones (2009), Smith (2010) agrees.") == [error] * 2
    )
    assert _places("Around Copenhagen (2009) it changed (Copenhagen, 2009; Smith, 2010).") == [error] * 2


# --- an instrument's model number read as a year ------------------------------------------------------
# "(Shimadzu UV 1900, Kyoto, Japan)": a maker, a model's letters and its number, then the maker's city
# and country, was a missing-reference error (fp19a read only "UV 1900i", a number with a letter).


def test_a_model_number_before_its_makers_places_is_no_citation() -> None:
    for body in (
        "Spectra were recorded (Shimadzu UV 1900, Kyoto, Japan) as Smith (2010) did.",
        "Samples were weighed (Mettler Toledo XS 2005, Greifensee, Switzerland) as Smith (2010) did.",
    ):
        assert _places(body) == [], body
    # a name and a year before places stays a citation, as does an organisation and its acronym
    assert _places("Fish were sampled (Moller 1993, Tasmania, Australia) as Smith (2010) did.") == [
        ("missing-reference", "ERROR")
    ]
    assert _places("Diets were poor (Health Canada HC 2010, Ottawa, Canada) as Smith (2010) did.") == [
        ("missing-reference", "ERROR")
    ]


# --- a linguistics paper's example numbers past the list, below its last example ---------------------------
# Glossa 5887 in NLM's style (styles10): examples labelled "(1)" ... "(36)" on lines of their own, some
# set as images the text lost ("the structure in (32)", "H* in (35)"), beside a 31-entry list cited
# "(n)": each such number was a missing-reference error.


def test_an_example_number_below_the_last_label_is_info() -> None:
    entries = "".join(
        f"{n}. Author{chr(64 + n)} A. Title {n}. J Linguist. 2010;{n}:1–9.\n" for n in range(1, 5)
    )
    example = "({n})\n\nna4pa4ta3 ni4pu31 da31a1\n\n‘The frog died in the yard.’\n\n"
    text = (
        "Place marking is lexical (1,2). Objects and places differ (3).\n\n"
        + "".join(example.format(n=n) for n in (1, 2, 3, 4, 5, 8))
        + "The verbs in (1)–(3) take the allative; (4) does not (4). The structure in (6) and the one "
        "in (7) differ from (8). Others disagree (9).\n\nReferences\n\n" + entries
    )
    doc = check_text(text, "text", "a.txt")
    found = [(f.citation, f.severity.name) for f in doc.findings if f.rule == "missing-reference"]
    assert found == [("(6)", "INFO"), ("(7)", "INFO"), ("(9)", "ERROR")]


def test_capitals_surname_first_are_no_run_together_initials() -> None:
    # SciELO's capitals (held-out styles7, 10.1590/1519-6984.251671, Chicago and Elsevier-Harvard):
    # "ABD EL-BAKY, A. A., and S. I. SALEM. 2011." was read given names first ("ABD" initials of
    # "EL-BAKY"), losing Salem: "(ABD EL-BAKY and SALEM 2011)" was missing and the entry uncited
    from refcheck.extract.reference_list import parse_entry

    for entry in (
        "ABD EL-BAKY, A. A., and S. I. SALEM. 2011. Clinicopathological and cytological studies. Journal 5: 1-9.",
        "ABD EL-BAKY, A.A., SALEM, S.I., 2011. Clinicopathological and cytological studies. Journal 5, 1-9.",
    ):
        assert parse_entry(entry).authors[-1:] == ["SALEM"], entry
    assert parse_entry("AM Lohrer, J. E. Hewitt, and S. F. Thrush. 2006. Title. Journal 5: 1-9.").authors == [
        "Lohrer",
        "Hewitt",
        "Thrush",
    ]
