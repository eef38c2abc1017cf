"""Rules that landed in QA round 12, tried the other way (qa-new12): documents a real author could
write where the new rule hid a real defect or raised a new false alarm. Each test failed before its
fix."""

from __future__ import annotations

from pathlib import Path

from refcheck.model import Severity
from refcheck.pipeline import CheckOptions, check_file, check_text


def _alarms(text: str, fmt: str = "text") -> list[str]:
    doc = check_text(text, fmt, "a.md" if fmt == "markdown" else "a.txt")
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


# --- a reply to reviewers is known by its heading or label, not by a line of prose ----------------------


def test_prose_that_opens_a_line_with_reviewer_two_is_no_reply(tmp_path: Path) -> None:
    # an essay on peer review whose list was left out: "Reviewer 2 is a running joke ..." opened a line,
    # and the missing list became info, as for a response letter
    text = (
        "# Why peer review fails\n\n"
        "Reviewer 2 is a running joke among scientists, and the data support some of it.\n"
        "Responses to reviewers were coded by two raters (Lee, 2018).\n"
        "Smith and Jones (2019) found that harsh reviews predict rejection, and Brown et al. (2020)\n"
        "found the same for grant panels (Garcia & Patel, 2021).\n"
    )
    path = tmp_path / "essay.md"
    path.write_text(text, encoding="utf-8")
    result = check_file(str(path), CheckOptions(links=False, verify=False))
    assert result.doc is not None
    (finding,) = [f for f in result.doc.findings if f.rule == "missing-reference"]
    assert finding.severity is Severity.ERROR
    # labels of a reply stay one: "**Reviewer 1** (Remarks to the Author):", "Reviewer 2 comments:"
    for head in (
        "**Reviewer 1** (Remarks to the Author):\n\n",
        "Reviewer 2 comments:\n",
        "## Reviewer 3\n\n",
    ):
        path.write_text(head + text.split("\n\n", 1)[1].replace("Reviewer 2 is", "It is"), encoding="utf-8")
        result = check_file(str(path), CheckOptions(links=False, verify=False))
        assert result.doc is not None
        (finding,) = [f for f in result.doc.findings if f.rule == "missing-reference"]
        assert finding.severity is Severity.INFO, head


# --- a photographer's credit opens its caption, bracket or clause -------------------------------------


def test_the_photo_by_an_author_in_the_prose_cites_the_work() -> None:
    # "see the photo by Smith (2010)": the photograph published in Smith 2010, a citation (its entry was
    # reported uncited); a caption's "Photo by PAV Borges (2008)" stays a credit
    text = (
        "Intro\n\nThe holotype is well known; see the photo by Smith (2010) and the drawings of Lee (2009).\n\n"
        "Figure 1. Adult male. Photo by PAV Borges (2008).\n\nReferences\n\n"
        "Lee, K. (2009). Drawings. Lisbon: Press.\nSmith, J. (2010). The holotype of Aus bus. Zootaxa 5: 1-9.\n"
    )
    assert _alarms(text) == []
    assert _alarms(text.replace("Smith (2010)", "Smith (2011)")) == [
        'year-mismatch: "Smith (2011)" cites an entry dated 2010 (did you mean Smith 2010?)'
    ]


# --- a publisher and year names only an entry nothing else cites ---------------------------------------


def test_a_publisher_name_that_is_a_cited_entrys_imprint_is_a_missing_work() -> None:
    # "(Norton, 2012)" of a missing work by Norton, in a list whose Krugman 2012 (cited as such) W. W.
    # Norton published: it was linked to Krugman's entry, the missing work unreported
    text = (
        "Intro\n\nInequality grew (Norton, 2012), and Krugman (2012) agreed.\n\nReferences\n\n"
        "Krugman, P. (2012). End This Depression Now! New York: W. W. Norton.\n"
    )
    assert [a.split(" is ")[0] for a in _alarms(text)] == ['missing-reference: "Norton, 2012"']


# --- a list the text cites by name and year is a reference list, however it dates its entries ----------


def test_entries_that_end_with_their_year_in_brackets_are_a_list_when_cited() -> None:
    # "- Lee K. Pheromones and paths, Insectes Sociaux (2018)": dated at the end like a CV's item, and
    # the list was dropped; the year slip of "Brown 2020" (the entry is 2021) became "no reference list"
    text = (
        "# Ant foraging\n\nForaging follows trails (Smith and Jones 2019; Lee 2018) and pheromones "
        "(Brown 2020).\n\n"
        "- Smith A, Jones B. Trail following in ants, Behavioral Ecology (2019)\n"
        "- Lee K. Pheromones and paths, Insectes Sociaux (2018)\n"
        "- Brown C. Collective foraging, in Proceedings of the Royal Society B (2021)\n"
    )
    assert _alarms(text, "markdown") == [
        'year-mismatch: "Brown 2020" cites an entry dated 2021 (did you mean Brown 2021?)'
    ]


# --- a span of years to the present is a CV's date after names outside the brackets only -------------


def test_apa_citation_of_a_work_in_progress_is_a_citation() -> None:
    # APA cites a work still appearing "(Smith, 2015–present)": its missing entry went unreported; a
    # CV's "Reviewer for Ecology Letters (2019–present)" stays no citation
    text = (
        "Intro\n\nThe atlas is updated yearly (Smith, 2015–present), as Lee (2018) noted.\n\n"
        "References\n\nLee, K. (2018). Atlases. J 1: 1-2.\n"
    )
    assert [a.split(" is ")[0] for a in _alarms(text)] == ['missing-reference: "Smith, 2015"']
    entry = "Smith, A. (2015–present). Atlas of birds. Retrieved from https://example.org/atlas\n"
    assert _alarms(text + entry) == []
    cv = text.replace("(Smith, 2015–present)", "(Lee, 2018), and I review for Ecology Letters (2019–present)")
    assert _alarms(cv) == []
