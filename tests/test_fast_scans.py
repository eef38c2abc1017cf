"""The fast scans of a long text against what they stand for: ``AtLineStart`` (refcheck.extract.lines)
finds, from any start and to any end, the very matches of each line-anchored expression's own
``search`` and ``finditer``; the scheme search of ``may_hold_urls`` finds what ``str.find`` finds;
an entry the names-then-year pre-check rules out is one ``_NAMES_THEN_YEAR`` does not match."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from refcheck.extract import footnotes, reference_list, urls
from refcheck.extract.lines import AtLineStart

# Every AtLineStart the extractors keep, by name
SEARCHERS = {
    f"{mod.__name__}.{name}": value
    for mod in (footnotes, reference_list)
    for name, value in vars(mod).items()
    if isinstance(value, AtLineStart)
}

# Lines of every kind the expressions tell apart: headings of lists, notes, back matter, further
# reading (numbered, in Markdown, in bold, with a colon), entries that begin like them, prose
LINES = st.sampled_from(
    [
        "References", "REFERENCES", "## References", "7. References", "VII. BIBLIOGRAPHY", "**References**",
        "References:", "  References  ", "Notes", "## Notes", "Endnotes", "1. Notes", "End notes", "Footnotes",
        "Appendix A: Survey instrument", "Acknowledgements", "**Funding**", "Tables", "Figure legends",
        "tables. Working paper no. ESA/P/WP.227.", "Appendix 2004", "Further reading", "Works consulted",
        "Smith, J. (2004) Notes on trade.", "1. A note.", "Références bibliographiques", "Références",
        "bibliographiques", "", " ", "\t", "Some prose about References in a sentence.", "#", "# ",
    ]
)  # fmt: skip
ENDS = st.sampled_from(["\n", "\n", "\n\n", "\r\n", " \n", ""])


@st.composite
def texts(draw: st.DrawFn) -> str:
    return "".join(line + draw(ENDS) for line in draw(st.lists(LINES, max_size=12)))


def test_every_searcher_is_found() -> None:
    assert len(SEARCHERS) >= 5, sorted(SEARCHERS)


@settings(max_examples=300, deadline=None)
@given(texts(), st.integers(-2, 120), st.one_of(st.none(), st.integers(-1, 130)))
def test_searches_find_the_expressions_own_matches(text: str, pos: int, endpos: int | None) -> None:
    for name, searcher in SEARCHERS.items():
        pattern = searcher.pattern
        if endpos is None:
            own, found = pattern.search(text, pos), searcher.search(text, pos)
            own_all, found_all = list(pattern.finditer(text, pos)), list(searcher.finditer(text, pos))
        else:
            own, found = pattern.search(text, pos, endpos), searcher.search(text, pos, endpos)
            own_all = list(pattern.finditer(text, pos, endpos))
            found_all = list(searcher.finditer(text, pos, endpos))
        assert (found and (found.span(), found.groups())) == (own and (own.span(), own.groups())), name
        assert [(m.span(), m.groups()) for m in found_all] == [(m.span(), m.groups()) for m in own_all], name


def test_a_match_is_the_expressions_own() -> None:
    searcher = AtLineStart(re.compile(r"^(\w+):$", re.M))
    m = searcher.search("intro\nkey:\nmore:")
    assert m is not None and m.re is searcher.pattern and m.group(1) == "key"
    assert [m.group(1) for m in searcher.finditer("a:\nb\nc:")] == ["a", "c"]
    assert searcher.search("x\nkey:", 1) is not None  # a line starts after the search's start
    assert searcher.search("x\nkey:", 3) is None
    assert searcher.search("xkey:", 1) is None  # "^" holds at a line's start, not the search's


@pytest.mark.parametrize("pattern", [re.compile(r"\w+:$", re.M), re.compile(r"^\w+:$")])
def test_only_line_anchored_expressions(pattern: re.Pattern[str]) -> None:
    with pytest.raises(ValueError):
        AtLineStart(pattern)


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(":/a."), max_size=60), st.integers(0, 62), st.integers(0, 62))
def test_the_scheme_search_finds_what_find_finds(text: str, start: int, end: int) -> None:
    assert urls._find_scheme(text, start, end) == text.find("://", start, end)


def test_the_scheme_search_in_a_text_of_many_colons() -> None:
    text = "12:30, " * 50 + "see https://example.org"
    assert urls._find_scheme(text, 0, len(text)) == text.find("://")
    assert urls.may_hold_urls(text) and not urls.may_hold_urls("12:30 " * 50)


# Pieces of entries: names, commas, editors' marks, years, brackets, digits, titles
PIECES = st.sampled_from(
    [
        "Barry D. Adam", "Richard Elliott", ", ", ",  ", " and ", "Ken English", " (eds.)", " (ed)", " (Ed.)",
        " (editors)", "(", ")", "2014", "2014a", "1999", "12", "٣", ". ", ", ", " ", "\u2003", "Title",
        "“Title,”", "Smith", "Jones, A.", "van der Berg",
    ]
)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_an_entry_ruled_out_is_one_the_expression_does_not_match(text: str) -> None:
    if not reference_list._may_be_names_then_year(text):
        assert reference_list._NAMES_THEN_YEAR.match(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Barry D. Adam, Richard Elliott, and Ken English, 2014. “Title,” First Monday.",
        "Adam, Barry D. and Ken English (eds.), 2014. Title.",
        "Adam, Barry D.,\u2003 2014, Title.",
    ],
)
def test_entries_the_expression_matches_are_not_ruled_out(text: str) -> None:
    assert reference_list._NAMES_THEN_YEAR.match(text) is not None
    assert reference_list._may_be_names_then_year(text)


BRIEF = (
    "Trade grew (Smith 2004; Jones and Lee 2010, p. 4). Smith (2004) argues that it did not. "
    "Fees were disputed (see Lee et al. 2010a, b).\n\n"
    "Trade grew (Smith 2004; Jones and Lee 2010, p. 4). Smith (2004) argues that it did not. "
    "Fees were disputed (see Lee et al. 2010a, b). The World Bank (2001) agreed (World Bank 2001).\n\n"
    "Fees were disputed (see Lee et al. 2010a, b). Trade grew (Smith 2004; Jones and Lee 2010, p. 4).\n\n"
    "References\n\n"
    "Jones, A. and Lee, B. (2010) Trade. Baku University Press.\n"
    "Lee, B., Kim, C. and Park, D. (2010a) Fees. Baku University Press.\n"
    "Lee, B., Kim, C. and Park, D. (2010b) More fees. Baku University Press.\n"
    "Smith, J. (2004) Transit. Baku University Press.\n"
    "World Bank (2001) World development report. Washington, DC.\n"
)


def test_a_group_read_again_is_its_first_reading_moved() -> None:
    """A group read before is copied (author_date._moved) with the fields extraction sets: each copy
    equals the first reading but for its place, and no citation extraction makes sets the others."""
    from dataclasses import fields, replace

    from refcheck import pipeline, suppress
    from refcheck.loaders import LOADERS
    from refcheck.model import Citation

    doc = LOADERS["text"]("brief.txt", BRIEF.encode("utf-8"))
    suppress.apply(doc)
    pipeline.structure(doc)
    pipeline.extract_citations(doc)
    first: dict[str, Citation] = {}
    repeats = 0
    for c in doc.citations:
        seen = first.setdefault(c.text, c)
        if seen is not c:
            repeats += 1
            assert replace(c, start=seen.start, end=seen.end) == seen
    assert repeats >= 8, [c.text for c in doc.citations]
    defaults = Citation("", 0, 0, "author-date")
    later = [f.name for f in fields(Citation)]
    later = later[later.index("confidence") + 1 :]
    for c in doc.citations:
        assert [getattr(c, n) for n in later] == [getattr(defaults, n) for n in later], c


# The names tokenizer as it was, trying "et al." and the ellipsis at every position
_OLD_TOKEN = re.compile(
    r"(?P<etal>\bet\.?\s*al\b\.?)|(?P<ellipsis>\.\.\.|…|\.\s\.\s\.)|(?P<punct>[,;&])"
    r"|(?P<word>[^\s,;&()\[\]{}\"“”«»:]+)|(?P<other>[()\[\]{}\"“”«»:])",
    re.I,
)
TOKEN_TEXT = st.lists(
    st.sampled_from([*'eEtTaAlL. ,;&()[]{}"“”«»:…\t\nİıKkxY2', "et al.", "ET AL", "et. al", ". . .", "..."]),
    max_size=30,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(TOKEN_TEXT)
def test_the_names_tokens_are_the_old_tokenizers(text: str) -> None:
    from refcheck.extract import names

    old = [(m.span(), m.lastgroup) for m in _OLD_TOKEN.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in names._TOKEN.finditer(text)] == old


GROUP_TEXT = st.lists(
    st.sampled_from(["(", ")", "Smith 2004", "; ", " ", "a", "(see (Lee 2010))", "((", "))", "\n", "p. 4"]),
    max_size=24,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(GROUP_TEXT, st.integers(0, 40), st.integers(0, 200))
def test_a_text_without_brackets_has_the_parenthesised_groups_of_any(text: str, start: int, end: int) -> None:
    """Without "[" and "{", the scans of author_date for "(" alone (_PAREN_SCAN, _DIGIT_PAREN_SCAN)
    find the groups and years of the scans for all three brackets (_SCAN, _DIGIT_SCAN), item for item."""
    from refcheck.extract import author_date

    def items(
        pattern: re.Pattern[str], year: int
    ) -> list[tuple[tuple[int, int], int | None, tuple[int, int]]]:
        return [
            (m.span(), 0, m.span())
            if m.lastindex == year
            else (m.span(), m.lastindex, m.span(m.lastindex or 3))
            for m in pattern.finditer(text, start, end)
        ]

    assert items(author_date._PAREN_SCAN, 2) == items(author_date._SCAN, 4)
    assert items(author_date._DIGIT_PAREN_SCAN, 2) == items(author_date._DIGIT_SCAN, 4)


SPACED_TEXT = st.lists(
    st.sampled_from(["T.", " ", "\u2010", "-", "Y", " .", ".", "Lu", ",", "\t", "et al.", "A"]), max_size=24
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(SPACED_TEXT)
@example("Lu, T. \u2010Y . and Chai, H.")
def test_the_names_tokens_of_a_text_without_a_spaced_stop_need_no_spaced_initials(text: str) -> None:
    # _Tokens reads a text with no " ." with _TOKEN, which lacks the spaced initials of _TOKEN_SPACED:
    # the same tokens as _TOKEN_SPACED gives it
    from refcheck.extract import names

    toks = names._Tokens(text)
    toks.code(10_000)
    spaced = [m for m in names._TOKEN_SPACED.finditer(text)][: names.MAX_TOKENS]
    assert toks.ends == [m.end() for m in spaced]
    assert toks.texts == [
        "".join(m.group().split()) if m.lastgroup == "spaced" else m.group() for m in spaced
    ]
