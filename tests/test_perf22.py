"""perf22: a group read again is copied from the fields its first reading was given, taken once when
it was read (author_date._kept), not from that citation at each copy (_moved): the copies are the
first reading as extraction made it, whatever later befalls that citation."""

from __future__ import annotations

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
