"""Held-out set styles9 (Journal of Open Source Education), what it still missed: a citation of an
organisation whose entry was removed from the list, rewritten as small cases."""

from __future__ import annotations

from refcheck.pipeline import check_text

_LIST = (
    "\n\nReferences\n\n"
    "Smith, J. (2020). A title. Journal of Things, 1, 2-3.\n"
    "Jones, K. (2019). Another title. Journal of Things, 2, 3-4.\n"
)


def _missing(body: str) -> list[str | None]:
    doc = check_text(body + " Smith (2020) and Jones (2019) agree." + _LIST, "text", "a.txt")
    return [f.citation for f in doc.findings if f.rule == "missing-reference"]


def test_missing_organisation_named_whole() -> None:
    # JOSE 00302, 00185, 00303, 00206: "using R Core Team (2023)" with the entry gone was reported as the
    # missing citation "Team (2023)" (the last word of an unknown name is kept, as for "Recently Smith"),
    # which names no work the editor can look for
    assert _missing("We analyse the data using R Core Team (2023), a language.") == ["R Core Team (2023)"]
    assert _missing("Raw data come from the open-source software QGIS Development Team (2022).") == [
        "QGIS Development Team (2022)"
    ]
    assert _missing("Grades come from systems like Canvas Community (2024).") == ["Canvas Community (2024)"]
    assert _missing("The community made a fork (The Manim Community Developers, 2022).") == [
        "The Manim Community Developers, 2022"
    ]


def test_a_person_before_a_word_of_the_sentence_stays_one_word() -> None:
    # the rule is for names ending in an organisation's noun: a person is still named by the surname
    assert _missing("Recently Brown (2021) argued this.") == ["Brown (2021)"]


def test_organisation_with_its_entry_links_as_before() -> None:
    # the whole name the list has is read as before, with or without "The" before it
    body = "Analyses use R (The R Core Team, 2023), as the R Core Team (2023) advise. Smith (2020), Jones (2019)."
    doc = check_text(body + _LIST + "R Core Team. (2023). R: A language. Vienna.\n", "text", "a.txt")
    assert [c.authors for c in doc.citations if "Team" in c.text] == [["R Core Team"]] * 2
    assert [f.rule for f in doc.findings] == []
