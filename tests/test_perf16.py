"""Round perf16: string tests that stand in for regular expressions where these cannot match (the
reference list's labels, bullets and headings, a title read as a designation, a narrative group's
lead). Each reading is compared with the expression's on pieces that hold the characters the
expressions turn on: Unicode digits and spaces, bullets, brackets, "<sup>", the lead words."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from refcheck.extract import author_date, reference_list
from refcheck.model.references import Reference
from refcheck.rules import duplicate_reference

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_PIECES = [
    " ",
    "\t",
    "\u00a0",
    "\u2003",
    "\n",
    "[",
    "]",
    "1",
    "12",
    "\u0663",  # an Arabic-Indic digit: \d takes it, as str.isdecimal does
    "\u00b2",  # a superscript two: a digit to str.isdigit, not to \d
    ".",
    ")",
    "*",
    "+",
    "-",
    "\u2022",
    "<sup>",
    "</sup>",
    "<",
    "#",
    "##",
    "Smith",
    "J.",
    "e.g.",
    "e.g.,",
    "i.e.",
    "i.e.,",
    "see",
    "cf.",
    "Se",
    "E.G.",
    ",",
]
pieces = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)
texts = st.one_of(pieces, st.text(max_size=20))

# the expressions as they were used before the string tests
_OLD_NARRATIVE_LEAD = re.compile(r"\s*(?:e\.g\.,?|i\.e\.,?|see|cf\.)?\s*")


def _span(m: re.Match[str] | None) -> tuple[int, int, tuple[str | None, ...]] | None:
    return None if m is None else (*m.span(), m.groups())


@SETTINGS
@given(texts)
@example("\u0663. Smith")
@example(" \t[12] Smith")
@example("\u00b2. Smith")
@example(" <sup>3</sup> Smith")
@example("- <sup>3</sup> Smith")
def test_label_at_reads_as_the_expression(s: str) -> None:
    assert _span(reference_list._label_at(s)) == _span(reference_list._LABEL.match(s))


@SETTINGS
@given(texts)
@example("\t\u2022 Smith")
@example("\u00a0- Smith")
def test_bullet_at_reads_as_the_expression(s: str) -> None:
    assert _span(reference_list._bullet_at(s)) == _span(reference_list._BULLET.match(s))
    prefiltered = (
        reference_list._BULLET.sub("", s)
        if reference_list._first_mark(s) in reference_list._BULLET_OPENERS
        else s
    )
    assert prefiltered == reference_list._BULLET.sub("", s)


@SETTINGS
@given(texts)
@example("## Secondary sources")
@example(" # Not a heading")
def test_heading_test_reads_as_the_expression(s: str) -> None:
    heading = reference_list._ANY_HEADING
    assert bool(s[:1] == "#" and heading.match(s)) == bool(heading.match(s))


@SETTINGS
@given(texts)
@example("[Internet]")
@example(" [Internet]. ")
@example("Penn Treebank [Internet]")
def test_real_title_reads_as_the_expression(title: str) -> None:
    ref = Reference(id="ref-1", text="x", start=0, end=1, title=title)
    old = title if title and not duplicate_reference._DESIGNATION.fullmatch(title) else None
    assert duplicate_reference._real_title(ref) == old


@SETTINGS
@given(texts)
@example(" see ")
@example("\u2003e.g.,\n")
@example("see also ")
@example("")
def test_narrative_lead_reads_as_the_expression(lead: str) -> None:
    old = not lead.strip() or _OLD_NARRATIVE_LEAD.fullmatch(lead) is not None
    assert author_date._narrative_lead(lead) == old


_URL_PIECES = [
    ":",
    "//",
    "://",
    "10.",
    "1",
    "0.",
    "w",
    "W",
    "w.",
    "W.",
    "ww",
    "www.",
    "WwW.",
    "doi",
    " ",
    "x",
    ".",
]


@SETTINGS
@given(st.one_of(st.lists(st.sampled_from(_URL_PIECES), max_size=10).map("".join), st.text(max_size=30)))
@example("see www.example.org")
@example("https://a.org")
@example("doi 10.1000/182")
@example("Wow. A title")
def test_may_hold_urls_reads_as_the_searches(text: str) -> None:
    from refcheck.extract import urls

    end = len(text)
    searched = (
        urls._find_scheme(text, 0, end) != -1
        or text.find("10.", 0, end) != -1
        or urls._find_www(text, 0, end) != -1
    )
    assert urls.may_hold_urls(text) == searched
    assert urls.may_hold_urls(text, 0, end) == searched
