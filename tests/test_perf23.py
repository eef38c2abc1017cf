"""perf23 (perf22's shortcut): a year in running text after a word that ends every reading of
names ("In 2004", "in 2004") is no mention, known without reading the names before it (author_date._no_names_before).
Wherever the shortcut says so, read_names_backwards finds no names there (hypothesis, over texts of
the words that make it read on: "and In", "& In", "Open Group", "and colleagues", brackets, line
breaks, block starts inside a word, corporate names); and the extraction is the same with it and
without it."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from refcheck.extract import author_date as ad
from refcheck.extract.author_date import KnownAuthors, extract_author_date

_WORDS = [
    "In", "in", "since", "by", "and", "&", "Smith", "Jones", "Group", "Open", "Data", "Study", "colleagues",
    "et", "al.", "(see", "Smith,", "(", ")", "the", "May", "Will", "van", "de", "Brand", "hand", "Smith's",
    "In,", "IN", "Über", "2004", "1999", "2010a", "(2004)", "Lee 2001;", ".", "In\u00a0", "ofSmith", "Who",
]  # fmt: skip
_SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", "\t", ", "]
_YEAR = re.compile(r"(?<![\d/.\-])(?:1[5-9]\d\d|20\d\d)")


def _known(corporate: bool, listed_in: bool = False) -> KnownAuthors:
    """The list's authors (an author named "In" too, with ``listed_in``: the word is then a name)."""
    names = ["Smith", "Jones", "Will", "Lee", "Burriss", *(["In"] if listed_in else [])]
    known = KnownAuthors(names, ["Open Group", "The Who"] if corporate else [])
    for word in _WORDS:  # (read before, elsewhere in the document: the quick readings are learnt)
        for first in (True, False):
            known.facts.token(word.strip(), first, known)
    return known


texts = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), min_size=1, max_size=40
).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=400, deadline=None)
@given(texts, st.lists(st.integers(0, 400), max_size=6), st.booleans(), st.booleans(), st.integers(0, 30))
@example("Smith and In 2004 said.", [], False, False, 0)
@example("Smith & In 2004 said.", [], False, False, 0)
@example("Smith and  In 2004 said.", [], False, False, 0)
@example("Burriss and colleagues 2015 found", [], False, False, 0)
@example("The Open Group 2017 wrote", [], False, False, 0)
@example("The Who 2004 sang", [], True, False, 0)
@example("said ofSmith 2004", [7], False, False, 0)
def test_the_shortcut_is_taken_only_where_no_names_are_read(
    text: str, blocks: list[int], corporate: bool, listed_in: bool, start: int
) -> None:
    known = _known(corporate, listed_in)
    known.blocks = sorted(b for b in set(blocks) if b <= len(text))
    start = min(start, len(text))
    years = [m.start() for m in _YEAR.finditer(text, start)]
    for at in years * 2:  # (the first reading of a word teaches _Facts.quick what the second uses)
        floor = ad._reading_floor(text, start, at, known.blocks)
        run = ad.read_names_backwards(text, at, floor, known)
        if ad._no_names_before(text, start, at, known):
            assert run is None, (text, at)


def test_the_shortcut_reads_a_year_of_running_text() -> None:
    known = KnownAuthors(["Smith"])  # ("In" is no author's name here: _known's list has one)
    text = "In 2004 the firm grew. In 2005 it fell, as Smith 2004 notes. And in 2006 it rose."
    years = [m.start() for m in _YEAR.finditer(text)]
    for at in years:  # (learnt)
        ad.read_names_backwards(text, at, ad._reading_floor(text, 0, at, known.blocks), known)
    taken = [text[at - 3 : at + 4] for at in years if ad._no_names_before(text, 0, at, known)]
    assert taken == ["In 2005", "in 2006"]  # (not "In 2004": nothing stands before it)


@pytest.mark.parametrize(
    "text",
    [
        "Smith and In 2004 said so.",  # "and In": a name joined before it
        "The Open Group 2017 wrote it.",  # an organisation's noun after a name
        "Burriss and colleagues 2015 found it.",
        "(see In 2004) and then in 2004 again.",
        "A line\nIn 2004 and\n\nin 2005 again.",
    ],
)
def test_the_extraction_is_the_same_without_the_shortcut(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def extract() -> list[tuple[int, int, str]]:
        known = KnownAuthors(["Smith", "In", "Burriss", "Open Group"], ["Open Group"])
        known.blocks = [0, text.find("\n") + 1] if "\n" in text else []
        cites = extract_author_date(text * 2, 0, 2 * len(text), known)
        return [(c.start, c.end, c.text) for c in cites]

    with_it = extract()
    monkeypatch.setattr(ad, "_no_names_before", lambda *_: False)
    assert extract() == with_it
