"""Defects earlier QA rounds found on real documents and left open (QA round 14, left14): each test is
a small document shaped like the real one, and failed before its fix."""

from __future__ import annotations

from refcheck.model import Severity
from refcheck.pipeline import check_text


def _alarms(text: str, fmt: str = "text") -> list[str]:
    ext = {"text": "txt", "markdown": "md", "html": "html", "latex": "tex"}[fmt]
    doc = check_text(text, fmt, f"a.{ext}")
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


def _links(text: str, fmt: str = "text") -> dict[str, tuple[str, ...]]:
    ext = {"text": "txt", "markdown": "md", "html": "html", "latex": "tex"}[fmt]
    doc = check_text(text, fmt, f"a.{ext}")
    by_id = {r.id: r for r in doc.references or []}
    return {c.text: tuple(by_id[i].year or "" for i in c.references) for c in doc.citations}


# --- 1. a range of years cited, "(Jones, 2011–2013)" --------------------------------------------------

_SMITH = "Smith, J. (2010). A study. Journal 1: 1-2.\n"


def _ranged(cited: str, *years: str) -> str:
    entries = "".join(f"Jones, A. ({y}). Study of {y}. Journal 1: 1-2.\n" for y in years)
    return f"Prior work (Jones, {cited}) and (Smith 2010).\n\nReferences\n\n{entries}{_SMITH}"


def test_a_range_of_years_cites_the_entries_dated_in_it() -> None:
    # "(Jones, 2011–2013)" was linked by its first year alone: an entry dated 2013 (a work listed by
    # its last year) was a year-mismatch error, and of the entries 2011 and 2013 the second was uncited
    for years in (("2013",), ("2012",), ("2011",), ("2011–2013",), ("2011-2013",)):
        assert _alarms(_ranged("2011–2013", *years)) == [], years
    assert _links(_ranged("2011–2013", "2011", "2013"))["Jones, 2011–2013"] == ("2011", "2013")
    assert _alarms(_ranged("2011-2013", "2011–2013")) == []  # the dash as written does not matter
    # an entry dated with the range is the one cited, not the entry of its first year beside it
    assert _links(_ranged("2011–2013", "2011", "2011–2013"))["Jones, 2011–2013"] == ("2011–2013",)
    # "2011/2013" is either year, not those between
    assert _alarms(_ranged("2011/2013", "2013")) == []
    alarms = _alarms(_ranged("2011/2013", "2012", "2009"))
    assert [a.split(":")[0] for a in alarms] == [
        "missing-reference",
        "uncited-reference",
        "uncited-reference",
    ]


def test_a_range_with_its_end_year_cut_short_is_read() -> None:
    # "(Jones, 2011–13)" was no citation at all: the entry was "never cited", the missing work silent
    assert _alarms(_ranged("2011–13", "2013")) == []
    assert _alarms(_ranged("2011-13", "2011")) == []
    alarms = _alarms("Prior work (Jones, 2011–13) and (Smith 2010).\n\nReferences\n\n" + _SMITH)
    assert [a.split(":")[0] for a in alarms] == ["missing-reference"]
    # a life or a period in narrative stays none ("Sander (1929-2015)", "Sander (1985-90)")
    text = "As Sander (1985-90) found, and (Smith 2010).\n\nReferences\n\n" + _SMITH
    assert _alarms(text) == []


def test_a_range_of_years_the_list_lacks_is_a_missing_work() -> None:
    # "(Brown, 2008, 2010, 2011–2013)": the range was named a year slip of Brown 2010, cited beside it
    text = (
        "Surveys were run yearly (Brown, 2008, 2010, 2011–2013). Growth (Smith 2010).\n\nReferences\n\n"
        "Brown, A. (2008). Survey one. Journal 1: 1-2.\nBrown, A. (2010). Survey two. Journal 1: 1-2.\n"
        + _SMITH
    )
    assert _alarms(text) == [
        'missing-reference: "2011–2013" is cited but not in the reference list (entries by Brown exist, '
        "none dated 2011–2013); add the entry to the reference list or correct the citation"
    ]
