"""perf20: one scan finds the author-date groups and the years outside them (extract_author_date),
and skips the letters a year may open with where no year opens with one (_letter_years). The
extraction is compared with main's before perf20, kept here as the oracle: a search for groups,
and a search for mention years in each gap before a group that cites (hypothesis, and texts built
from the corpus's forms: a year running into a group, nested brackets, a group holding a mention
year, "n.d.", "in press", "forthcoming", "İn press")."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from refcheck.extract import author_date as ad
from refcheck.extract.author_date import KnownAuthors, extract_author_date
from refcheck.model import Citation
from refcheck.pipeline import check_text

# --- main's extraction before perf20 (the oracle) ---------------------------------------------------

_PAREN_GROUP = re.compile(ad._PARENS)


def _mentions_before(
    text: str,
    start: int,
    end: int,
    pos: int,
    gap_end: int,
    resume: int,
    known: KnownAuthors,
    footnote: str | None,
    out: list[Citation],
) -> int:
    while pos < gap_end:
        m = ad._year_before(text, pos, gap_end, end)
        if m is None:
            break
        pos = m.end()
        year_at = m.start()
        floor = ad._reading_floor(text, start, year_at, known.blocks)
        run = ad.read_names_backwards(text, year_at, floor, known)
        if run is None or not known.knows(run.authors[0]):
            continue
        if len(run.authors) == 1 and not run.et_al and run.authors[0].lower() in ad.STOP_WORDS:
            continue
        if ad._comm_before(text, max(start, run.start - 60), run.start):
            continue
        _year_end, years = ad._years_after(text, m.group(1), m.start(1), end)
        for y, ys, ye in years:
            out.append(ad._citation(text, run, y, ys, ye, narrative=True, footnote=footnote, low=True))
    return pos if pos > resume else resume


def _extract_before(
    text: str, start: int, end: int, known: KnownAuthors, footnote: str | None = None
) -> list[Citation]:
    out: list[Citation] = []
    mentions: list[Citation] = []
    pos = start
    groups, narratives = known.groups, known.narratives
    kept_max = ad._groups_kept(text)
    only_parens = text.find("[", start, end) == -1 and text.find("{", start, end) == -1
    for g in (_PAREN_GROUP if only_parens else ad._GROUP).finditer(text, start, end):
        gstart, gend = g.span()
        key: tuple[str, str | None] | None = None
        if gend - gstart <= ad._GROUP_KEPT:
            key = (g.group(0), footnote)
            kept = groups.get(key)
            if kept is not None:
                if kept:
                    out += ad._moved(kept, gstart)
                    pos = _mentions_before(text, start, end, pos, gstart, gend, known, footnote, mentions)
                continue
            shape = narratives.get(key)
            if shape is not None:
                named = ad._names_before(text, gstart, known)
                if named is not None:
                    out += ad._shaped(text, gstart, named, shape, footnote)
                    pos = _mentions_before(text, start, end, pos, gstart, gend, known, footnote, mentions)
                continue
        which = g.lastindex or 3
        inner_start, inner_end = g.start(which), g.end(which)
        first_year = ad._YEAR_RE.search(text, inner_start, inner_end)
        if first_year is None:
            continue
        if (
            which != 3
            and text.find("(", inner_start, inner_end) != -1
            and text.find("\n", inner_start, inner_end) != -1
            and ad._crosses_block(text, inner_start, inner_end, known.blocks)
        ):
            cites = _extract_before(text, inner_start, inner_end, known, footnote)
            if cites:
                out.extend(cites)
                pos = _mentions_before(text, start, end, pos, gstart, gend, known, footnote, mentions)
            continue
        if key is not None and ad._narrative_lead(text[inner_start : first_year.start()]):
            key = None
        lookups = known.corporate_lookups
        cites = ad._parse_group(text, gstart, inner_start, inner_end, known, footnote, first_year)
        if which != 3 and "(" in g.group(which):
            cites = ad._nested_narratives(text, inner_start, inner_end, known, footnote, cites)
        if key is not None and known.corporate_lookups == lookups and len(groups) < kept_max:
            groups[key] = ad._kept(cites, gstart)
        if cites:
            out.extend(cites)
            pos = _mentions_before(text, start, end, pos, gstart, gend, known, footnote, mentions)
    _mentions_before(text, start, end, pos, end, end, known, footnote, mentions)
    out += mentions
    out.sort(key=ad._START)
    if any(c.year and "/" in c.year for c in out):
        out = [c for c in out if not (c.year and "/" in c.year and ad._act_number(c.year))]
    return out


# --- the comparison ----------------------------------------------------------------------------------

_AUTHORS = ["Smith", "Jones", "In", "Nd", "Kaisan", "Velfaber", "World Health Organization"]


def _known() -> KnownAuthors:
    return KnownAuthors(_AUTHORS, corporate=["World Health Organization"])


def _both(text: str, start: int = 0, end: int | None = None, footnote: str | None = None) -> None:
    end = len(text) if end is None else end
    old_known, new_known = _known(), _known()
    # twice each: the second reading meets the groups remembered by the first
    for _ in range(2):
        want = _extract_before(text, start, end, old_known, footnote)
        got = extract_author_date(text, start, end, new_known, footnote)
        assert got == want


# Pieces of the forms met in the corpora, and the ones where the single scan differs from two searches
_PIECES = st.sampled_from(
    [
        "Smith ",
        "Jones",
        "Smith and Jones ",
        "Kaisan",
        "Velfaber et al. ",
        "World Health Organization ",
        "In ",
        "as ",
        "the ",
        "nd",
        "Nd ",
        "n.d.",
        "n. d.",
        "no date",
        "in press",
        "İn press",
        "ın press",
        "forthcoming",
        "Forthcoming",
        "2005",
        "2005a",
        "2005a, b",
        "1879 [1985]",
        "1879[1985]",
        " [1985]",
        "2001-2003",
        "2019/20",
        "2024/1689",
        "1999",
        "12",
        " ",
        ", ",
        "; ",
        ".",
        "-",
        "/",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        " #3",
        "\n",
        "\n\n",
        ", p. 4",
        "see ",
        "e.g., ",
        "(2005)",
        "(Smith 2005)",
        "(Smith, 2005; Jones 2006)",
        "(see Smith 2005)",
        "(in 2005 the firm)",
        "(although Smith (2005) had)",
        "[Smith 2005]",
        "(Smith nd)",
        "(Jones, n.d.)",
        "{Smith, 2005 #12}",
        "Smith (2005) argues",
        "In 2017 the firm, as Smith 2016 notes",
        "(1999\n\n(x) Smith nd)",
        "(2005; Smith 2006)",
        "(in 2005; Smith 2006)",
        "(Smith 1768-1838)",
    ]
)


@settings(max_examples=1500, deadline=None)
@example(["Smith 1879 [1985] and Jones [1985]"])
@example(["Smith 1879[1985]", " (Jones 2005)"])
@example(["(in 1999 Smith 2005)", " Smith 2005"])
@example(["(Smith nd)", " Jones nd"])
@example(["Smith (Jones nd)"])
@example(["(Smith 2005 (Jones 2006)) Smith 2007"])
@example(["(a (Smith 2005) b)", " Smith 2006"])
@example(["Smith ", "İn press", " (Jones 2005)"])
@example(["Smith (2005) and (2005)", " Smith (2005)"])
@example(["(Smith 2005\n\n", "Jones 2006)) Smith 2007"])
@example(["(1999\n\n(x) Smith nd)"])  # a group across paragraphs citing nothing, a mention inside
@example(["Jones (2005; Smith 2006)", " the (2005; Smith 2006)"])  # a narrative group with no names
@example(["(Smith 1768-1838)", " (Smith 1768-1838)"])  # a group remembered as citing nothing
@given(st.lists(_PIECES, max_size=16))
def test_one_scan_reads_what_two_searches_read(pieces: list[str]) -> None:
    text = "".join(pieces)
    _both(text)
    _both(text, footnote="1")


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.integers(0, 30), st.integers(0, 30))
def test_a_stretch_of_a_text_reads_as_before(pieces: list[str], cut: int, tail: int) -> None:
    # a stretch inside a text (a body's paragraph, a footnote): the years before its start and the
    # characters after its end are seen by look-arounds only
    text = "".join(pieces)
    start = min(cut, len(text))
    _both(text, start, max(start, len(text) - tail))


# --- the letters' test ---------------------------------------------------------------------------------

_LETTER_FIRST = set("nNfFiI\u0130\u0131")


def _letter_year_in(text: str, start: int, end: int) -> bool:
    """Whether _YEAR_RE finds a year opening with a letter in ``text[start:end]`` (every start)."""
    return any(
        text[p] in _LETTER_FIRST and ad._YEAR_RE.match(text, p, end) is not None for p in range(start, end)
    )


_LETTER_PIECES = st.sampled_from(
    [
        "a",
        "and",
        "nd",
        "ND",
        "n",
        "N",
        "d",
        ".",
        " ",
        "\t",
        "-",
        "/",
        "_",
        "1",
        "n.d.",
        "N.D.",
        "n. d.",
        "n.\u00a0d.",
        "no date",
        "No\ndate",
        "NO  DATE",
        "in press",
        "IN\nPRESS",
        "İn press",
        "ın press",
        "in preſs",
        "forthcoming",
        "FORTHCOMING",
        "forthcomıng",
        "in preparation",
        "In\nPreparation",
        "ın preparation",
        "under review",
        "UNDER  REVIEW",
        "under reviev",
        "2005",
        "(",
        ")",
        "é",
    ]
)


@settings(max_examples=3000, deadline=None)
@example(["a", "nd"], 1, 0)
@example(["nd"], 0, 0)
@example(["x", "nd"], 1, 0)
@example(["ın press"], 0, 0)
@given(st.lists(_LETTER_PIECES, max_size=14), st.integers(0, 6), st.integers(0, 6))
def test_letter_years_says_false_only_where_none_is(pieces: list[str], cut: int, tail: int) -> None:
    text = "".join(pieces)
    start = min(cut, len(text))
    end = max(start, len(text) - tail)
    if _letter_year_in(text, start, end):
        assert ad._letter_years(text, start, end)


@pytest.mark.parametrize("piece", [4, 7, 16, 40])
@pytest.mark.parametrize(
    "token",
    [
        "nd",
        "ND",
        "n.d.",
        "n. d.",
        "no date",
        "No\tdate",
        "in press",
        "In  press",
        "forthcoming",
        "in preparation",
        "Under\treview",
    ],
)
def test_letter_years_across_its_pieces(monkeypatch: pytest.MonkeyPatch, piece: int, token: str) -> None:
    # a year across the border of two pieces, at each offset
    monkeypatch.setattr(ad, "_LETTERS_PIECE", piece)
    for at in range(0, 2 * piece + 2):
        text = "x" * at + " " + token + " y" + "z" * piece
        assert ad._letter_years(text, 0, len(text)), (at, token)
        # the character before the stretch is read: "and" is no "nd"
        assert ad._letter_years(text, at + 1, len(text))
    text = "a" * 3 * piece + "and " + "b" * 3 * piece
    assert not any(ad._letter_years(text, s, len(text)) for s in range(len(text)))


@pytest.mark.parametrize("scans", [(ad._SCAN, ad._DIGIT_SCAN), (ad._PAREN_SCAN, ad._DIGIT_PAREN_SCAN)])
@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(st.one_of(_LETTER_PIECES, _PIECES), max_size=14))
def test_the_digit_scan_finds_what_the_full_scan_finds(
    scans: tuple[re.Pattern[str], re.Pattern[str]], pieces: list[str]
) -> None:
    text = "".join(pieces)
    full, digits = scans
    if not ad._letter_years(text, 0, len(text)):
        assert [m.span() for m in digits.finditer(text)] == [m.span() for m in full.finditer(text)]


def test_the_scan_reads_the_forms_of_a_document() -> None:
    # a document's citations as before (the 1x bench document's forms, and a year running into a group)
    text = (
        "Kaisan, A. (1979). A study. Journal 1, 1-2.\n"
        "Smith, B. (1879). Old work. Press.\n"
        "Velfaber, C., Jones, D., & Smith, B. (1977). Trade. Journal 2, 3-4.\n"
    )
    body = (
        "Kaisan (1979) argues that the talks were long (Smith 1879 [1985]). In 2017 the pipeline changed"
        " the balance, as Kaisan 1979 notes. Trade grew slowly (see Velfaber et al. 1977). Smith 1879"
        " [1985] and (in 1879 Smith 1879) say so.\n\nReferences\n\n"
    )
    doc = check_text(body + text)
    got = [(c.text, c.year, c.status.value) for c in doc.citations]
    assert ("Smith 1879 [1985]", "1879", "linked") in got
    assert ("Kaisan 1979", "1979", "linked") in got
    assert sum(1 for c in got if c[0].startswith("Smith 1879")) == 3


# --- the reading floor: "in" tests before the bounded searches ------------------------------------------


def _reading_floor_before(text: str, start: int, end: int, blocks: list[int]) -> int:
    """author_date._reading_floor as main had it before perf20."""
    floor = end - 250 if end - 250 > start else start
    cut = text.rfind(")", floor, end)
    opening = text.rfind("(", floor, end)
    if opening > cut:
        cut = opening
    if cut + 1 > floor:
        floor = cut + 1
    if blocks:
        k = ad.bisect.bisect_right(blocks, end) - 1
        if k >= 0 and blocks[k] > floor:
            floor = blocks[k]
    nl = text.rfind("\n", floor, end)
    while nl > floor:
        j = nl - 1
        while j >= floor and text[j] in " \t\r":
            j -= 1
        if j >= floor and text[j] == "\n":
            return nl + 1
        nl = text.rfind("\n", floor, j + 1)
    return floor


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "Smith ", "(", ")", "\n", "\n\n", " \t\n", "\r\n", " ", "x" * 120]), max_size=30
    ),
    st.lists(st.integers(0, 600), max_size=4),
    st.integers(0, 600),
    st.integers(0, 600),
)
def test_the_reading_floor_is_as_before(pieces: list[str], blocks: list[int], start: int, end: int) -> None:
    text = "".join(pieces)
    end = min(end, len(text))
    start = min(start, end)
    blocks = sorted(set(blocks))
    assert ad._reading_floor(text, start, end, blocks) == _reading_floor_before(text, start, end, blocks)
