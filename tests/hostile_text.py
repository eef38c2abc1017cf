"""Hostile plain-text and Markdown inputs for the extractors (citations, footnotes, URLs, the reference
list and its entries), built in memory: one builder per attack.

Shared by the tests (tests/test_parser_bounds.py, which bounds time and memory at a smaller size) and
the benchmark (bench/adversarial_text.py, which prints time and peak memory per input at 1 MB). Each
builder takes the size in bytes it should come near and returns the file's name (its suffix picks
the loader) and its bytes. At 1 MB or less refcheck must stay under 5 s and 1 GB (issues 9, 13.3).
"""

from __future__ import annotations

from collections.abc import Callable

MB = 1_000_000

# A short, real list after the hostile text, so that the extractors run with known authors (one of
# them corporate: the corporate-name look-up runs too) and the document is author-date.
LIST = (
    "\n\nReferences\n\n"
    "Smith, J. (2004). A study of trade. Journal of Trade, 3, 1-9.\n"
    "Jones, K., & Lee, M. (2010). Transit fees. Energy Policy, 12, 4-8.\n"
    "World Health Organization (2008). Report on health. Geneva: WHO.\n"
)


def _repeat(piece: str, size: int) -> str:
    return piece * max(1, size // len(piece))


def _text(body: str, name: str = "input.txt", tail: str = LIST) -> tuple[str, bytes]:
    return name, (body + tail).encode("utf-8")


def capitalised_words(size: int) -> tuple[str, bytes]:
    """Capitalised words with no year, in one paragraph: every word could be a name."""
    return _text(_repeat("Smith Jones Brown World Health Organization ", size))


def capitalised_words_year(size: int) -> tuple[str, bytes]:
    """Capitalised words in one paragraph and one year at the end: names read back from it."""
    return _text(_repeat("Smith Jones Brown World Health Organization ", size) + "2004.")


def names_and_years(size: int) -> tuple[str, bytes]:
    """Unparenthesised name-year pairs of known authors, on one line."""
    return _text(_repeat("as Smith 2004 and World Health Organization 2008 say, ", size))


def open_parentheses(size: int) -> tuple[str, bytes]:
    return _text("(" * size)


def open_brackets(size: int) -> tuple[str, bytes]:
    return _text("[" * size)


def unclosed_groups(size: int) -> tuple[str, bytes]:
    """Groups that never close, each holding a year: "(Smith 2004; (Smith 2004; ..."."""
    return _text(_repeat("(Smith 2004; ", size))


def nested_parentheses(size: int) -> tuple[str, bytes]:
    """Parentheses nested far deeper than any citation: "((((Smith 2004))))"."""
    half = size // 2 - 20
    return _text("(" * half + "Smith 2004" + ")" * half)


def one_group_many_years(size: int) -> tuple[str, bytes]:
    """One parenthetical group holding a megabyte of citations."""
    return _text("(" + _repeat("Smith 2004; Jones and Lee 2010, p. 4; ", size) + "Smith 2004)")


def one_group_no_year(size: int) -> tuple[str, bytes]:
    return _text("(" + _repeat("Smith Jones ", size) + ")")


def one_line_of_citations(size: int) -> tuple[str, bytes]:
    """One line of a megabyte: citations, narrative citations and prose, no line break."""
    return _text(_repeat("Trade grew (Smith 2004). Jones and Lee (2010) disagree (see WHO 2008). ", size))


def years_only(size: int) -> tuple[str, bytes]:
    return _text(_repeat("2004 (2005) 2006a, b; n.d. ", size))


def et_al_runs(size: int) -> tuple[str, bytes]:
    return _text(_repeat("Smith et al. ", size) + "2004")


def many_url_closers(size: int) -> tuple[str, bytes]:
    """ "http://a" followed by closing parentheses (issue 13.3: quadratic in trim_url)."""
    return _text("See http://a" + ")" * size + " now.")


def many_url_brackets(size: int) -> tuple[str, bytes]:
    return _text("See http://a" + "(]" * (size // 2) + " now.")


def wrapped_urls(size: int) -> tuple[str, bytes]:
    """URLs cut at a line end after "/": each is joined to its next line."""
    return _text(_repeat("http://example.org/a/\n", size))


def urls_and_dois(size: int) -> tuple[str, bytes]:
    """Text URLs that hold DOIs, and bare DOIs, by the thousand."""
    return _text(_repeat("https://doi.org/10.1234/abc.5 doi: 10.5555/x.1 www.example.org ", size))


def doi_prefixes(size: int) -> tuple[str, bytes]:
    """ "doi:" then white space, many times, and no DOI."""
    return _text(_repeat("doi:" + " " * 60 + "x ", size))


def www_runs(size: int) -> tuple[str, bytes]:
    return _text(_repeat("www.", size))


def footnote_markers(size: int) -> tuple[str, bytes]:
    """Thousands of "[n]" markers and as many "[n] text" definitions."""
    n = size // 40
    body = " ".join(f"Trade grew[{k % 9000 + 1}]." for k in range(n))
    notes = "\n".join(f"[{k}] Smith 2004, p. {k}." for k in range(1, 9001))
    return _text(body + "\n\n" + notes[: size // 2], tail="")


def markdown_footnotes(size: int) -> tuple[str, bytes]:
    n = size // 40
    body = " ".join(f"Trade grew[^{k % 5000 + 1}]." for k in range(n))
    notes = "\n".join(f"[^{k}]: Smith 2004, p. {k}." for k in range(1, 5001))
    return _text(body + "\n\n" + notes, name="input.md", tail="")


def long_reference_list(size: int) -> tuple[str, bytes]:
    """A reference list of 100,000 entries (about a megabyte: short ones)."""
    n = min(100_000, size // 17)
    entries = "\n".join(f"A{k}, B. {1950 + k % 70}." for k in range(n))
    return _text("Trade grew (A1 1951).\n\nReferences\n\n" + entries + "\n", tail="")


def long_numbered_list(size: int) -> tuple[str, bytes]:
    n = min(100_000, size // 33)
    entries = "\n".join(f"[{k}] A{k} B. T. J {1950 + k % 70};1:2." for k in range(1, n + 1))
    return _text("Trade grew [1].\n\nReferences\n\n" + entries + "\n", tail="")


def initials_list(size: int) -> tuple[str, bytes]:
    """A reference list of "A. " repeated (issue 13.3), on one line."""
    return _text("Trade grew (Smith 2004).\n\nReferences\n\n" + _repeat("A. ", size) + "\n", tail="")


def initials_list_lines(size: int) -> tuple[str, bytes]:
    return _text("Trade grew (Smith 2004).\n\nReferences\n\n" + _repeat("A. A. A. 2004.\n", size), tail="")


def glued_entries(size: int) -> tuple[str, bytes]:
    """One line of entries glued together by spaces: every ". Capital" is a place to split."""
    return _text(
        "Trade grew (Smith 2004).\n\nReferences\n\n"
        + _repeat("Smith, J. (2004). A study. Jones, K. (2010). Fees. ", size)
        + "\n",
        tail="",
    )


def names_without_years(size: int) -> tuple[str, bytes]:
    """A reference list whose one entry is inverted names without a year."""
    return _text("Trade grew (Smith 2004).\n\nReferences\n\n" + _repeat("Smith, J., ", size) + "\n", tail="")


def organisation_words(size: int) -> tuple[str, bytes]:
    return _text(
        "Trade grew (Smith 2004).\n\nReferences\n\n" + _repeat("Ministry of ", size) + "2004.\n", tail=""
    )


def many_headings(size: int) -> tuple[str, bytes]:
    """ "References" headings by the thousand: the list is after the last one."""
    return _text(_repeat("References\n\nSmith, J. (2004). A study.\n\n", size), tail="")


def blank_lines(size: int) -> tuple[str, bytes]:
    return _text("Trade grew (Smith 2004)." + "\n" * size)


def one_line_list_of_years(size: int) -> tuple[str, bytes]:
    """A reference list on one line: labels and years glued together."""
    return _text(
        "Trade grew [1].\n\nReferences\n\n"
        + "".join(f"[{k}] A. 2004. " for k in range(1, size // 14))
        + "\n",
        tail="",
    )


SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "sa",
    "to",
    "vel",
    "an",
    "dor",
    "is",
    "ber",
    "gu",
    "ne",
    "fa",
    "hol",
    "pri",
]


def surname(i: int) -> str:
    """A distinct, pronounceable surname of letters for every i ("Kalomi", "Renvel" ...); also
    bench/perf.py's names."""
    parts, n = [], i + 17
    while True:
        parts.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
        if n == 0:
            return "".join(parts).capitalize()


def unknown_names_one_year(size: int) -> tuple[str, bytes]:
    """Thousands of citations of names the list lacks, and thousands of entries, all of one year:
    each cited name was compared with every entry of the year for a near-miss spelling."""
    n = size // 70
    body = " ".join(f"Trade grew ({surname(k + 10 * n)} 2004)." for k in range(n))
    entries = "\n".join(f"{surname(k)}, B. (2004). Title {k}. J." for k in range(n))
    return _text(body + "\n\nReferences\n\n" + entries + "\n", tail="")


def one_prefix_names(size: int) -> tuple[str, bytes]:
    """The same, every name beginning alike: each was compared with every entry's text as a title."""
    n = size // 76
    body = " ".join(f"Trade grew (Kalo{surname(k + 10 * n).lower()} 2004)." for k in range(n))
    entries = "\n".join(f"Kalo{surname(k).lower()}, B. (2004). Title {k}. J." for k in range(n))
    return _text(body + "\n\nReferences\n\n" + entries + "\n", tail="")


def one_author_year_titles(size: int) -> tuple[str, bytes]:
    """Entries of one author and year whose titles are made-up words and hold no number: each title
    was scored against every title before it for a near-duplicate (duplicate-reference)."""
    n = size // 134
    titles = (" ".join(surname(7 * k + j).lower() for j in range(8)).capitalize() for k in range(n))
    entries = "\n".join(f"Smith, J. (2000). {t}. Journal of Things, 3(2), 1-10." for t in titles)
    return _text("Trade grew (Smith 2000).\n\nReferences\n\n" + entries + "\n", tail="")


def one_author_many_years(size: int) -> tuple[str, bytes]:
    """Thousands of entries of one author in every year and suffix, and thousands of citations of
    that author in years the list lacks: each was weighed against every entry of the author."""
    n = size // 70
    years = [f"{1500 + k % 600}{'abcdefgh'[k // 600 % 8]}" for k in range(n // 2)]
    entries = "\n".join(f"Smith, J. ({y}). Title {k}. J." for k, y in enumerate(years))
    cited = " ".join(
        f"Trade grew (Smith {1500 + k % 600}{'ijklmnopqrstuvwxyz'[k // 600 % 18]})." for k in range(n)
    )
    return _text(cited + "\n\nReferences\n\n" + entries + "\n", tail="")


def alike_entries_cited(size: int) -> tuple[str, bytes]:
    """Thousands of entries alike (one author, one year, no suffix) and thousands of citations of
    them: each citation is ambiguous among all the entries (its message named every one)."""
    n = size // 70
    entries = "\n".join(f"Smith, J. (2000). Title {k} of things. J." for k in range(n // 2))
    cited = " ".join("Trade grew (Smith 2000)." for _ in range(n))
    return _text(cited + "\n\nReferences\n\n" + entries + "\n", tail="")


def numeric_range_repeats(size: int) -> tuple[str, bytes]:
    """A range of 100 entries (the widest one read, numeric.MAX_RANGE) cited tens of thousands of times:
    each citation's numbers were kept, looked up and counted again (1 MB of "[1–500]": 7 s and 1 GB)."""
    entries = "\n".join(f"[{k}] A{k} B. T. J 1950;1:2." for k in range(1, 101))
    return _text(_repeat("Cells [1–100]. ", size) + "\n\nReferences\n\n" + entries + "\n", tail="")


INPUTS: dict[str, Callable[[int], tuple[str, bytes]]] = {
    "capitalised-words": capitalised_words,
    "capitalised-words-year": capitalised_words_year,
    "names-and-years": names_and_years,
    "open-parentheses": open_parentheses,
    "open-brackets": open_brackets,
    "unclosed-groups": unclosed_groups,
    "nested-parentheses": nested_parentheses,
    "one-group-many-years": one_group_many_years,
    "one-group-no-year": one_group_no_year,
    "one-line-of-citations": one_line_of_citations,
    "years-only": years_only,
    "et-al-runs": et_al_runs,
    "url-closers": many_url_closers,
    "url-brackets": many_url_brackets,
    "wrapped-urls": wrapped_urls,
    "urls-and-dois": urls_and_dois,
    "doi-prefixes": doi_prefixes,
    "www-runs": www_runs,
    "footnote-markers": footnote_markers,
    "markdown-footnotes": markdown_footnotes,
    "long-reference-list": long_reference_list,
    "long-numbered-list": long_numbered_list,
    "initials-list": initials_list,
    "initials-list-lines": initials_list_lines,
    "glued-entries": glued_entries,
    "names-without-years": names_without_years,
    "organisation-words": organisation_words,
    "many-headings": many_headings,
    "blank-lines": blank_lines,
    "one-line-list": one_line_list_of_years,
    "unknown-names-one-year": unknown_names_one_year,
    "one-prefix-names": one_prefix_names,
    "one-author-year-titles": one_author_year_titles,
    "one-author-many-years": one_author_many_years,
    "alike-entries-cited": alike_entries_cited,
    "numeric-range-repeats": numeric_range_repeats,
}
