"""QA round 14 (qa-new14): what landed on main on day 14, tried against documents a real author writes."""

from __future__ import annotations

from refcheck.model import Severity
from refcheck.pipeline import check_text

_REFS = "## References\n\nAdams, J. (2001). A paper. Journal of Things, 1(2), 3-4.\n"


def _missing(text: str, fmt: str = "markdown") -> list[tuple[str, Severity]]:
    doc = check_text(text, fmt, "a.md" if fmt == "markdown" else "a.txt")
    return [(f.message.split('"')[1], f.severity) for f in doc.findings if f.rule == "missing-reference"]


# --- a verb of use before a real citation: "as tested with Smith (2010)" -------------------------------


def test_a_citation_after_a_verb_of_use_stays_an_error() -> None:
    # '(Tested with Tex Live 2013)' is a program and its version, at info; but a narrative citation or
    # one with its comma after the same words cites a work: the missing entry was hidden at info
    text = (
        "# Methods\n\nThe estimator was validated as tested with Smith (2010) and as verified in Jones (2012). "
        "The model was run using Brown (2015) (checked against Green, 2016). Also (Adams, 2001).\n\n" + _REFS
    )
    assert _missing(text) == [
        ("Smith (2010)", Severity.ERROR),
        ("Jones (2012)", Severity.ERROR),
        ("Brown (2015)", Severity.ERROR),
        ("Green, 2016", Severity.ERROR),
    ]
    # the program's version itself stays info
    text = "# Notes\n\nIt builds (Tested with Tex Live 2013). Also (Adams, 2001).\n\n" + _REFS
    assert _missing(text) == [("Live 2013", Severity.INFO)]


# --- a season in brackets of its own: "(Premier League 2010-11)" ----------------------------------------


def test_a_season_in_its_own_brackets_is_info() -> None:
    # since short spans are years, "(Premier League 2010-11)" was a missing-reference error (it was no
    # citation before); "The Premier League (2010-11)" already was info
    text = "# Report\n\nThe title race (Premier League 2010-11) was close. Also (Adams, 2001).\n\n" + _REFS
    assert _missing(text) == [("Premier League 2010-11", Severity.INFO)]
    # a span after its comma, or in a group, reads as a citation: still an error
    text = "# Report\n\nAs shown (Lee, 2010-11; Adams, 2001) and (Lee 2011-12; Adams 2001).\n\n" + _REFS
    assert _missing(text) == [("Lee, 2010-11", Severity.ERROR), ("Lee 2011-12", Severity.ERROR)]


# --- a co-author cited alone, consistently: "(Kenton, 2015)" and "(Kenton, 2017)" of two Lee and Kenton --


def test_a_coauthor_cited_alone_for_two_listed_works_is_one_slip_each() -> None:
    # both years are listed as 'Lee and Kenton': each citation was a missing-reference error saying 'the
    # text cites Kenton alone for 2015 too, which no entry has' (false: an entry has it), and both
    # entries were 'never cited' besides; the same author-order slip twice is two author mismatches
    text = (
        "# Intro\n\nAs shown (Kenton, 2015) and later (Kenton, 2017).\n\n## References\n\n"
        "Lee, K., & Kenton, L. (2015). First paper. Journal of Things, 1(2), 3-4.\n"
        "Lee, K., & Kenton, L. (2017). Second paper. Journal of Things, 1(2), 3-4.\n"
    )
    doc = check_text(text, "markdown", "a.md")
    assert sorted((f.rule, f.severity) for f in doc.findings) == [
        ("author-mismatch", Severity.WARNING),
        ("author-mismatch", Severity.WARNING),
    ]
    # a year no entry has for the name still shows works of its own
    text = text.replace("(Kenton, 2015)", "(Kenton, 2014)")
    doc = check_text(text, "markdown", "a.md")
    assert [f.rule for f in doc.findings if f.severity is Severity.ERROR] == ["missing-reference"] * 2
