"""The fast paths of the reference list against what they replaced: the shape reader of author
lists (refcheck.extract.names) against the old reader (tests/names_reference.py), the same Names on
any text whatever texts were read before it; the heading scan against ``finditer``."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from refcheck.extract import names
from refcheck.extract.reference_list import _HEADING, _headings

from . import names_reference

# Words of every shape the reading tells apart: initials with and without full stops, capitalised
# and closing words, particles, function words, suffixes, "and"/"&"/"et al.", marks and years.
# fmt: off
WORDS = st.sampled_from(
    [
        "Smith", "Smith.", "Jones", "Lee.", "J.", "J.A.", "J.-P.", "Th.", "JA", "G.", "SV", "M", "K-EL",
        "van", "der", "de", "la", "Van", "De", "St.", "Van.", "vanEngelsdorp", "al-Hassan", "O'Brien",
        "Jr", "Jr.", "JR.", "III", "of", "the", "for", "on", "und", "and", "And", "AND.", "y", "et", "&",
        "et al.", "et al", "...", "…", ". . .", ",", ";", ":", "(", ")", '"', "“", "[", "2004", "2004.",
        "1000", "Press.", "University", "Organization", "National", "Ministry", "Affairs.", "Pieter",
        "Mary", "A", "B.", "L", "Statistical", "analysis", "trade", "foR", "December", "(2004)",
    ]
)
GIVEN = st.sampled_from(
    ["J.", "J.A.", "JA", "G.", "A", "Mary", "Pieter", "van", "der", "Jr.", "K-EL", "M. A", "M. A. L", "A. B. C"]
)
# fmt: on
SEPARATORS = st.sampled_from([" ", " ", " ", ", ", ". ", "  "])


SURNAME = st.sampled_from(
    ["Smith", "Jones", "Lee.", "Van", "van", "de", "la", "O'Brien", "Davey", "Penczek."]
)
BETWEEN = st.sampled_from([", ", ", and ", " and ", " & ", "; ", ", & ", ", . . . ", " et al. ", ". ", " "])
END = st.sampled_from(["(2004). Title.", "2004. Title.", "Title of it.", '"Title," J.', "(Ed.). (2004)", ""])


@st.composite
def heads(draw: st.DrawFn) -> str:
    """A run of words of any shapes, or an author list of name-like parts in some order."""
    if draw(st.booleans()):
        words = draw(st.lists(WORDS, max_size=24))
        return "".join(w + draw(SEPARATORS) for w in words)
    out = []
    for _ in range(draw(st.integers(1, 5))):
        surname = " ".join(draw(st.lists(SURNAME, min_size=1, max_size=4)))
        given = " ".join(draw(st.lists(GIVEN, max_size=3)))
        order = draw(st.sampled_from(["inverted", "given-first", "vancouver", "plain"]))
        person = {
            "inverted": f"{surname}, {given}",
            "given-first": f"{given} {surname}",
            "vancouver": f"{surname} {given}",
            "plain": surname,
        }[order]
        out.append(person.strip() + draw(BETWEEN))
    return "".join(out) + draw(END)


def _same(text: str) -> None:
    new, old = names.read_names(text), names_reference.read_names(text)
    assert (new.persons, new.corporate, new.et_al, new.end, new.closed) == (
        old.persons,
        old.corporate,
        old.et_al,
        old.end,
        old.closed,
    ), text


@settings(max_examples=1500)
@example(["Smith, J., JA A Smith, (2004). Title."])  # a middle initial without its full stop
@example(["Noah A. Smith. 2015. Title.", "Galen Andrew and Noah A. Smith. 2015. T."])  # ACL's
@given(st.lists(heads(), min_size=1, max_size=6))
def test_shape_reader_reads_as_the_old_reader(texts: list[str]) -> None:
    # several texts in a row: a reading learnt from one is used for the next of the same shapes
    for text in texts:
        _same(text)


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_shape_reader_reads_any_text_as_the_old_reader(text: str) -> None:
    _same(text)


def _bits_of_every_test(w: str) -> int:
    """A word's bits from the old reader's tests, one by one."""
    old = names_reference
    low = w.lower()
    tests = [
        (names.INIT, old.is_initials(w)),
        (names.BARE, old._bare_initials(w)),
        (names.HYPH, bool(old._HYPHENATED_INITIALS.match(w))),
        (names.DOT, w.endswith(".")),
        (names.CAP, old._cap(w)),
        (names.PART, old._particle(w)),
        (names.CPART, w in old._CAPITAL_PARTICLES),
        (names.STOPS, old._stops(w)),
        (names.GEN, bool(old._GENERATION.match(w))),
        (names.SUFFIX, low in old._SUFFIX),
        (names.DIGIT, w[:1].isdigit()),
        (names.FUNC, low in old._FUNCTION),
        (names.INNER, low in old._INNER_FUNCTION and w[:1].islower()),
        (names.UPPER1, w[:1].isupper()),
        (names.ANDW, low == "and"),
        (names.ONE, bool(re.match(rf"^[{old._U}]\.?$", w))),
    ]
    return sum(bit for bit, true in tests if true)


@settings(max_examples=2000)
@given(
    st.one_of(
        WORDS,
        st.text(st.sampled_from("AaBbJjRrSsTtVvHhéÉ.-'’0123"), min_size=1, max_size=7),
        st.builds(
            str.capitalize, st.sampled_from(["the", "van", "jr", "sr", "and", "iii", "of", "st", "der"])
        ),
        st.sampled_from(
            [
                "Th.-Ch.-Ph.-Sh.-",
                "Th.-Ch.-Ph.-Sh.-A.",
                "AB-CDE",
                "AB-CDEF",
                "JR.",
                "Sr",
                "²",
                "٣",
                "B-C.",
                "A-B-C.",
            ]
        ),
    )
)
@example("A-A.")  # hyphenated initials with one full stop ("B-C. Björk")
def test_a_words_bits_are_those_of_every_test(word: str) -> None:
    # the short cuts (plain names, lower-case words, numbers, length bounds) give what every test gives
    assert names._bits(word) == _bits_of_every_test(word)


LINES = st.sampled_from(
    [
        "References",
        "## Works",
        "Cited",
        "Literature",
        "**Bibliography**",
        "  3. References:",
        "Reference List #",
        "",
        " ",
        "x",
    ]
)


@settings(max_examples=500)
@given(st.lists(st.tuples(LINES, st.sampled_from(["\n", "\n", " ", "\t", "\r\n", "\n\n"])), max_size=12))
def test_heading_scan_finds_what_finditer_finds(lines: list[tuple[str, str]]) -> None:
    text = "".join(a + b for a, b in lines)
    assert [m.span() for m in _headings(text)] == [m.span() for m in _HEADING.finditer(text)]
