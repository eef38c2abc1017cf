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
    assert _missing("Kernels are shared (The Linux Foundation, 2019).") == ["The Linux Foundation, 2019"]
    assert _missing("We follow the Python Software Foundation (2020).") == [
        "Python Software Foundation (2020)"
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


_WAGNER = (
    "Policy matters (Wagner and Prester, 2024) and so do its tools (Wagner and Thurner, 2025). "
    "A later study agrees (Wagner, 2024).\n\nReferences\n\n"
    "Wagner, G. and Prester, J. (2024). Information systems research. Journal of Things, 1, 2-3.\n"
    "Wagner, G. and Thurner, S. (2025). Tools for reviews. Journal of Things, 2, 3-4.\n"
)


def test_first_author_alone_of_an_entry_cited_with_both_names() -> None:
    # JOSE 00292: with "Wagner (2024)" removed from the list, "(Wagner, 2024)" linked silently to
    # "Wagner and Prester (2024)", which the text cites with both names elsewhere: either the co-author
    # was left out or Wagner's own 2024 work is missing, a defect both ways, said as missing naming the
    # entry (as for a co-author cited alone, _named_but_not_first)
    doc = check_text(_WAGNER, "text", "a.txt")
    found = [(f.rule, f.citation) for f in doc.findings]
    assert found == [("missing-reference", "Wagner, 2024")]
    assert "Wagner and Prester 2024" in doc.findings[0].message


def test_first_author_alone_of_a_two_author_entry_still_links() -> None:
    # the entry never cited with both names: "Smith (2020)" for "Smith and Jones (2020)" links as before
    # (the author count is off, but no work is missing by the text's evidence)
    doc = check_text(_WAGNER.replace("(Wagner and Prester, 2024)", "(Wagner, 2024)"), "text", "a.txt")
    assert [f.rule for f in doc.findings] == []
