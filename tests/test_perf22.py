"""perf22: a group read again is copied from the fields its first reading was given, taken once when
it was read (author_date._kept), not from that citation at each copy (_moved): the copies are the
first reading as extraction made it, whatever later befalls that citation."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from refcheck.extract import author_date as ad
from refcheck.extract.author_date import KnownAuthors, extract_author_date


def test_a_copy_is_the_first_reading_as_extraction_made_it() -> None:
    text = "Trade grew (Smith 2004). Fees fell (Smith 2004). Talks ended (Smith 2004)."
    known = KnownAuthors(["Smith"])
    first = extract_author_date(text, 0, 25, known)  # the first group, read
    assert [c.text for c in first] == ["Smith 2004"]
    # what a later stage may do to a citation (the linker sets these; a rule may change a year)
    first[0].year, first[0].authors, first[0].locator = "1999", ["Jones"], "p. 9"
    again = extract_author_date(text, 25, len(text), known)  # the same group twice more: copies
    assert [(c.text, c.year, c.authors, c.locator, text[c.start : c.end]) for c in again] == [
        ("Smith 2004", "2004", ["Smith"], None, "Smith 2004")
    ] * 2


# --- _letter_years: "n." and a "d", "no date" and an "nd" that may be a year, found by one search
# (_N_YEARS; was: three, and before perf22 the piece cut at each "nd")

_BEFORE_ND = frozenset(["", *"abcdefghijklmnopqrstuvwxyz0123456789_.-/"])  # (main's, the oracle's)


def _nd_by_cuts(low: str, lead: int) -> bool:
    """main's test before perf22: the piece cut at each "nd", and the characters that end the cuts."""
    cuts = low.split("nd")
    if len(cuts) > 1:
        if not lead and not cuts[0]:
            return True
        if not _BEFORE_ND.issuperset({c[-1:] for c in cuts[:-1]}):
            return True
    return False


def _n_years_by_three(low: str, lead: int) -> bool:
    """main's test before perf23: "n." and a "d", "no" and "date" from the piece's first character,
    an "nd" (as the cuts found it) from its second character where the first is the one before."""
    return (
        re.search(r"n\.\s?d", low) is not None
        or re.search(r"no\s+date", low) is not None
        or _nd_by_cuts(low, lead)
    )


_BITS = [*"nNdDaA x.-/_1é\n\tıİoO", "nd", "and", "ND", "date", "n.", " d"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_BITS), max_size=8).map("".join), st.integers(0, 1))
@example("nd", 0)
@example("nd", 1)
@example("xnd", 1)
@example(" nd", 1)
@example("ndnd", 1)
@example("a\nnd", 0)
@example("n. d", 1)
@example("no date", 1)
@example("n", 1)
def test_the_n_years_are_found_where_three_searches_found_them(piece: str, lead: int) -> None:
    low = piece.lower()
    if lead and not low:
        return
    found = (ad._N_YEARS_AFTER if lead else ad._N_YEARS).search(low) is not None
    assert found == _n_years_by_three(low, lead)


def test_letter_years_reads_an_nd_as_before() -> None:
    assert ad._letter_years("Smith nd, and Jones", 0, 19)  # (" nd")
    assert not ad._letter_years("and end; band-nd/nd", 0, 20)
    assert ad._letter_years("nd and", 0, 6)  # (at the text's start)
    assert not ad._letter_years("and", 1, 3)  # ("nd" after the "a" before the range)
