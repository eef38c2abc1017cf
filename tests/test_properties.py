"""Property tests (hypothesis) for the parsers: they never raise, and keep what they are given."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from refcheck.errors import InputError
from refcheck.extract import reference_list as rl
from refcheck.extract.author_date import (
    _COMM_BEFORE,
    _GENERATION,
    _POSSESSIVE,
    _YEAR_RE,
    KnownAuthors,
    _comm_before,
    _Facts,
    _year_before,
    extract_author_date,
    read_names_backwards,
)
from refcheck.extract.footnotes import _DEF, definitions
from refcheck.extract.patterns import DASHES, YEAR_TOKEN
from refcheck.extract.reference_list import parse_entry
from refcheck.extract.urls import _WWW, _find_www, find_urls, trim_url
from refcheck.loaders.decode import decode
from refcheck.matching.names import _core_key, _name_key, core_key, fold, name_key
from refcheck.model import SourceMap
from refcheck.rules.duplicate_reference import _NON_WORD, _surname_word, _text_words

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

UPPER = "ABCDEFGHIJKLMNOPRSTVWÁÉÖØŁ"
LOWER = "abcdefghijklmnoprstuvwyzáéíñöüç"
surname = st.builds(lambda a, b: a + b, st.sampled_from(UPPER), st.text(LOWER, min_size=2, max_size=10))
given_name = st.builds(lambda a, b: a + b, st.sampled_from(UPPER), st.text(LOWER, min_size=1, max_size=8))
year = st.integers(1800, 2030).map(str)
title_word = st.text(LOWER, min_size=1, max_size=9)
title = st.lists(title_word, min_size=1, max_size=8).map(lambda ws: " ".join(ws).capitalize())


@SETTINGS
@given(surname, given_name, year, title)
def test_parse_entry_keeps_the_year_and_surname(sn: str, gn: str, yr: str, ti: str) -> None:
    ref = parse_entry(f"{sn}, {gn} ({yr}) {ti}.")
    assert ref.year == yr
    assert ref.authors[:1] == [sn]


@SETTINGS
@given(st.text(max_size=400))
def test_parse_entry_never_raises(raw: str) -> None:
    ref = parse_entry(raw)
    assert isinstance(ref.authors, list)


url_path = st.text("abcdefghijklmnopqrstuvwxyz0123456789/-_.~=&?%", max_size=30)
host = st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8), min_size=2, max_size=3).map(
    ".".join
)


@SETTINGS
@given(host, url_path, st.sampled_from(["", ".", ",", ")", ";", ").", "’", "”"]))
def test_find_urls_finds_a_url_and_drops_trailing_punctuation(h: str, path: str, tail: str) -> None:
    url = trim_url(f"http://{h}/{path}")
    text = f"available at {url}{tail} (accessed 2009)"
    found = find_urls(text)
    assert [u for u, _, _ in found] == [url]
    (_, s, e) = found[0]
    assert text[s:e] == url


@SETTINGS
@given(st.text(max_size=300))
def test_find_urls_invariants(text: str) -> None:
    found = find_urls(text)
    prev_end = -1
    for url, s, e in found:
        assert 0 <= s < e <= len(text)
        assert s >= prev_end  # sorted, no overlaps
        prev_end = e
        assert url.startswith(("http", "ftp"))


@SETTINGS
@given(st.text(max_size=100))
def test_trim_url_is_a_prefix_and_idempotent(url: str) -> None:
    t = trim_url(url)
    assert url.startswith(t)
    assert trim_url(t) == t


@SETTINGS
@given(st.text(alphabet=st.sampled_from("ab \n\té"), max_size=200), st.data())
def test_sourcemap_locate_matches_naive_count(text: str, data: st.DataObject) -> None:
    smap = SourceMap.identity(text)
    offset = data.draw(st.integers(0, len(text)))
    before = text[:offset]
    line = before.count("\n") + 1
    col = offset - (before.rfind("\n") + 1) + 1
    assert smap.locate(offset) == (line, col)


@SETTINGS
@given(st.text(max_size=500))
def test_extract_author_date_never_raises(text: str) -> None:
    known = KnownAuthors(["Smith", "World Bank", "van der Berg"])
    for c in extract_author_date(text, 0, len(text), known):
        assert 0 <= c.start < c.end <= len(text)


@SETTINGS
@given(st.lists(st.tuples(surname, year), min_size=1, max_size=5), st.text(LOWER + " ", max_size=40))
def test_extract_author_date_finds_generated_citations(items: list[tuple[str, str]], filler: str) -> None:
    """Every parenthesised citation of a listed author is found, whatever the name: "(May 1976)" and
    "(Fall 2004)" too, since the list knows them (tests/test_extract_author_date.py has the cases)."""
    parts = [f"{filler.strip()} ({sn} {yr})" for sn, yr in items]
    text = "Some prose " + " and ".join(parts) + "."
    got = extract_author_date(text, 0, len(text), KnownAuthors([sn for sn, _ in items]))
    assert [(c.authors, c.year) for c in got] == [([sn], yr) for sn, yr in items]
    for c, (sn, yr) in zip(got, items, strict=True):
        assert text[c.start : c.end] == f"{sn} {yr}"


class _Forgetful(dict[str, str]):
    """A dictionary that keeps nothing."""

    def __setitem__(self, key: str, value: str) -> None:
        pass


# Name reading's one look-up of a plain name word or of a word that ends the names (author_date._quick)
# reads what reading each token's facts one by one reads, whatever was read before.
_NAME_TOKENS = st.sampled_from(
    [
        *("Smith", "Smith,", "Smith.", "Smith;", "(Smith", "[Smith", "Smith's", "Jones", "Lee,", "World"),
        *("Bank", "Bank.", "and", "And", "&", "et", "al.", "al", "Jr.", "Jr", "In", "in", "the", "The"),
        *("Will", "May", "May,", "van", "der", "De", "de", "J.", "A.B.", "St.", "O'Neill", "1999", "see"),
        *("(see", "x", ",", ";", "(", "[http://x.org]", "Fall", "fall,", "(Will", "Smith-Lee", "ABC"),
    ]
)


@settings(max_examples=1500, deadline=None)
@example([["In", "Smith"], ["Will", "et", "al."], ["Smith", "and", "May"], ["May", "and", "Smith"]], False)
@given(st.lists(st.lists(_NAME_TOKENS, max_size=8), min_size=1, max_size=6), st.booleans())
def test_quick_name_reading_matches_the_fact_by_fact_reading(
    texts: list[list[str]], semicolons: bool
) -> None:
    known = ["Smith", "World Bank", "van der Berg", "Fall"]  # (not "Will", "May": common words too)
    quick, slow = KnownAuthors(known, ["World Bank"]), KnownAuthors(known, ["World Bank"])
    slow.facts.quick = (_Forgetful(), _Forgetful())
    for words in texts + texts:  # (each text twice: the second reading finds its tokens known)
        text = " ".join(words) + " 2004"
        end = len(text) - 4
        a = read_names_backwards(text, end, 0, quick, semicolons)
        assert a == read_names_backwards(text, end, 0, slow, semicolons)
    # (the look-up is there to be compared: "Smith" adds its name, "as" ends the names)
    read_names_backwards("as Smith 2004", 9, 0, quick)
    assert quick.facts.quick[True]["Smith"] == "Smith" and quick.facts.quick[False]["as"] == ""


@SETTINGS
@given(st.binary(max_size=600))
def test_decoder_raises_only_input_error(data: bytes) -> None:
    try:
        out = decode(data)
    except InputError:
        return
    assert isinstance(out.text, str)


@SETTINGS
@given(st.text(max_size=300))
def test_decoder_reads_any_utf8_text(text: str) -> None:
    if not text.strip() or text.startswith("\ufeff") or re.search(r"[\x00-\x08\x0b\x0e-\x1f]", text):
        return
    assert decode(text.encode("utf-8")).text == text


# --- author lists in the orders citation styles print them --------------------------------------

NAME_UPPER = "ABCDEFGHIJKLMNOPRSTVWZÁÉÖŁ"
# Surnames as styles print them: one word, hyphenated, with a particle, or two words.
plain_surname = st.builds(
    lambda a, b: a + b,
    st.sampled_from(NAME_UPPER),
    st.text("abcdeghiklmnoprstuvwyzáéöü", min_size=3, max_size=9),
).filter(lambda w: w.lower() not in ("and", "et", "eds", "van", "von", "der", "den", "del", "della", "dos"))
style_surname = st.one_of(
    plain_surname,
    st.builds(lambda a, b: f"{a}-{b}", plain_surname, plain_surname),
    st.builds(
        lambda p, a: f"{p} {a}",
        st.sampled_from(["van", "van den", "de", "von", "de la", "Van", "De"]),
        plain_surname,
    ),
)
initials = st.lists(st.sampled_from(NAME_UPPER), min_size=1, max_size=3)
person = st.tuples(style_surname, initials)
people = st.lists(person, min_size=1, max_size=6)


def _dotted(letters: list[str]) -> str:
    return " ".join(f"{c}." for c in letters)


def _join(parts: list[str], last: str) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + last + parts[-1]


RENDER = {
    # APA 7: Smith, J. A., Jones, B., & Lee, C. (2004). Title.
    "apa": lambda ps, y: _join([f"{s}, {_dotted(i)}" for s, i in ps], ", & ") + f" ({y}). A study of things.",
    # Chicago: Smith, J. A., B. Jones, and C. Lee. 2004. “Title.”
    "chicago": lambda ps, y: (
        _join([f"{ps[0][0]}, {_dotted(ps[0][1])}", *[f"{_dotted(i)} {s}" for s, i in ps[1:]]], ", and ")
        + f". {y}. “A Study of Things.” Journal 3: 1–9."
    ),
    # ACL: J. A. Smith, B. Jones, and C. Lee. 2004. Title.
    "acl": lambda ps, y: _join([f"{_dotted(i)} {s}" for s, i in ps], ", and ") + f". {y}. A study of things.",
    # IEEE: [4] J. A. Smith, B. Jones, and C. Lee, “Title,” Journal, vol. 3, pp. 1–9, 2004.
    "ieee": lambda ps, y: (
        "[4] "
        + _join([f"{_dotted(i)} {s}" for s, i in ps], ", and ")
        + f", “A study of things,” Journal, vol. 3, pp. 1–9, {y}."
    ),
    # Elsevier Harvard: Smith, J.A., Jones, B., 2004. Title.
    "elsevier": lambda ps, y: (
        ", ".join(f"{s}, {''.join(c + '.' for c in i)}" for s, i in ps)
        + f", {y}. A study of things. Journal 3, 1–9."
    ),
    # NLM/Vancouver: 4. Smith JA, Jones B, Lee C. Title. Journal. 2004;3:1–9.
    "nlm": lambda ps, y: (
        "4. " + ", ".join(f"{s} {''.join(i)}" for s, i in ps) + f". A study of things. Journal. {y};3:1–9."
    ),
    # Nature: 4. Smith, J. A., Jones, B. & Lee, C. Title. Journal 3, 1–9 (2004).
    "nature": lambda ps, y: (
        "4. "
        + _join([f"{s}, {_dotted(i)}" for s, i in ps], " & ")
        + f" A study of things. Journal 3, 1–9 ({y})."
    ),
}


@SETTINGS
@given(st.sampled_from(sorted(RENDER)), people, st.integers(1900, 2029).map(str))
def test_author_lists_round_trip_in_every_order(style: str, ps: list[tuple[str, list[str]]], yr: str) -> None:
    """An author list rendered in any style's order reads back as the same surnames and year."""
    raw = RENDER[style](ps, yr)
    ref = parse_entry(raw)
    assert ref.authors == [s for s, _ in ps], raw
    assert ref.year == yr, raw


def _compress(numbers: list[int], dash: str) -> str:
    """ "1,2,3,5" -> "1–3,5", as styles collapse runs of three or more."""
    out, run = [], [numbers[0]]
    for n in numbers[1:]:
        if n == run[-1] + 1:
            run.append(n)
            continue
        out.append(run)
        run = [n]
    out.append(run)
    return ",".join(f"{r[0]}{dash}{r[-1]}" if len(r) >= 3 else ",".join(map(str, r)) for r in out)


@settings(SETTINGS, max_examples=60)  # each example checks a whole document
@given(
    st.lists(st.sets(st.integers(1, 30), min_size=1, max_size=6), min_size=1, max_size=6),
    st.sampled_from([("(", ")"), ("[", "]")]),
    st.sampled_from(["-", "–"]),
)
def test_numeric_groups_expand_to_their_numbers(
    groups: list[set[int]], brackets: tuple[str, str], dash: str
) -> None:
    """ "(1–3,5)" and "[1-3,5]" in a document with a numbered list cite exactly 1, 2, 3 and 5."""
    from refcheck.pipeline import check_text

    open_, close = brackets
    body = " ".join(
        f"Finding {k} holds {open_}{_compress(sorted(g), dash)}{close}." for k, g in enumerate(groups)
    )
    listing = "\n".join(
        f"{n}. Name{n} A. Study {n} of metals. J Met. {1990 + n};{n}:1–9." for n in range(1, 31)
    )
    doc = check_text(f"{body}\n\nReferences\n\n{listing}\n")
    got = sorted(n for c in doc.citations for n in c.numbers)
    assert got == sorted(n for g in groups for n in g)


# The year pattern of author-date extraction, written for speed (see author_date._YEAR_RE), finds
# what its plain form finds: the same spans, from any starting position.
_PLAIN_YEAR = re.compile(rf"(?<![\w.\-/])({YEAR_TOKEN})(?![\w/]|[{DASHES}]\d)", re.I)
_YEAR_PIECES = st.sampled_from(
    [
        *"12059ndND. \t-\u2013/[]abzAfFiI\u0130\u0131\u212a\u017fx_(),\n\u00e9",
        *("1999", "2004", "15", "20", "orthcoming", "ORTHcoming", "press", "PRESS", "n.d.", "in press", "nd"),
    ]
)


@settings(max_examples=3000, deadline=None)
@example("\u0131n press", 0)
@example("\u0130N PRESS (N.D.-A) 1879 [1985], 2004/05 2004\u20132005 x1999 1999-1", 0)
@example("see Smith ,2004a, b and nd. and (forthcoming) 2004-5 20045 1499 2100", 3)
@given(st.lists(_YEAR_PIECES, max_size=14).map("".join), st.integers(0, 40))
def test_year_pattern_matches_its_plain_form(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert [m.span(1) for m in _YEAR_RE.finditer(text, pos)] == [
        m.span(1) for m in _PLAIN_YEAR.finditer(text, pos)
    ]
    a, b = _YEAR_RE.match(text, pos), _PLAIN_YEAR.match(text, pos)
    assert (a and a.span(1)) == (b and b.span(1))


# A token's generation suffix and possessive, each expression tried only on the words it can match
# (author_date._Facts.token): what the expressions say of every word.
@settings(max_examples=2000, deadline=None)
@example("Jr.")
@example("(Kizuk's")
@given(st.text(alphabet=st.sampled_from("JSRrs'\u2019\u02bc`.,([xé_"), max_size=6))
def test_token_facts_try_the_expressions_only_where_they_can_match(tok: str) -> None:
    facts = _Facts().token(tok, True, None)
    word = tok.lstrip("([*_")
    assert facts[3] == (_GENERATION.match(word) is not None)
    assert facts[4] == _POSSESSIVE.sub("", word)


# The year before a group, searched up to the group's opening only (author_date._year_before), is
# the first year a search on to the stretch's end finds, when that one starts before the group.
@settings(max_examples=3000, deadline=None)
@example("nd", "(", "", 0, 9)
@example("1879 ", "[", "1985]", 0, 9)
@example("see Smith 2004", "(", "n.d.)", 3, 9)
@given(
    st.lists(_YEAR_PIECES, max_size=10).map("".join),
    st.sampled_from("(["),
    st.lists(_YEAR_PIECES, max_size=6).map("".join),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_year_before_a_group_is_the_searchs_first(
    before: str, opener: str, after: str, pos: int, more: int
) -> None:
    text = before + opener + after
    gap_end, pos = len(before), min(pos, len(before))
    end = min(len(text), gap_end + 1 + more)
    m = _YEAR_RE.search(text, pos, end)
    want = m if m is not None and m.start() < gap_end else None
    assert _spans(_year_before(text, pos, gap_end, end)) == _spans(want)
    # at the stretch's end, the bound is the search's
    assert _spans(_year_before(text, pos, len(text), len(text))) == _spans(_YEAR_RE.search(text, pos))


def _spans(m: re.Match[str] | None) -> tuple[tuple[int, int], tuple[int, int]] | None:
    return (m.span(), m.span(1)) if m is not None else None


# The "www." finder of URL extraction, string searches written for speed (see urls._find_www), finds
# what its expression finds, within any bounds.
@settings(max_examples=3000, deadline=None)
@example("wwww.", 0, 5)
@example("wW.Www.", 1, 7)
@given(st.text(alphabet=st.sampled_from("wW.x \u0175"), max_size=16), st.integers(0, 20), st.integers(0, 20))
def test_find_www_matches_its_expression(text: str, a: int, b: int) -> None:
    a, b = min(a, len(text)), min(b, len(text))
    m = _WWW.search(text, a, b)
    assert _find_www(text, a, b) == (m.start() if m else -1)


# The lead-in of a personal communication or a photograph credit before a name (author_date
# ._comm_before) passes over windows without its words, and finds what the expression finds in the
# others; Python's case-blind matching takes "ı", "İ", "ſ" and the Kelvin sign for ASCII letters.
_COMM_PIECES = [
    "pers. comm. ",
    "Pers comm ",
    "personal communication ",
    "PERS. OBS.",
    "perſ. comm. ",
    "to ",
    "by ",
    "photo by ",
    "Photographs courtesy of ",
    "photo: ",
    "Credit: ",
    "credıt: ",
    "CREDİT: ",
    "courtesy of ",
    "\u00a9 ",
    "\u00a9",
    "J. ",
    "AB ",
    "K-",
    "\u212a. ",
    "(",
    ".",
    ";",
    ",",
    " ",
    "\n",
    "\u2014",
    "see ",
    "e",
]


@settings(max_examples=3000, deadline=None)
@example(["(", "photo by ", "J. "], 0, 20)
@example(["Credit: "], 0, 8)
@example([";", "credıt: "], 0, 9)
@given(st.lists(st.sampled_from(_COMM_PIECES), max_size=6), st.integers(0, 60), st.integers(0, 60))
def test_comm_lead_in_matches_its_expression(pieces: list[str], a: int, b: int) -> None:
    text = "".join(pieces)
    a, b = min(a, len(text)), min(b, len(text))
    assert _comm_before(text, a, b) == (_COMM_BEFORE.search(text, a, b) is not None)


# The name keys answer ASCII words of letters and digits without their caches (matching/names.py):
# the same keys as the folding and stripping they skip.
@settings(max_examples=2000, deadline=None)
@example("Smith")
@example("O'Neill")
@example("van")
@given(st.text(alphabet=st.sampled_from("aZz09 -'.\u00e9\u0130K\u212a"), max_size=12))
def test_name_keys_of_plain_words_match_the_folded_keys(name: str) -> None:
    assert name_key(name) == _name_key(name)
    assert core_key(name) == _core_key(name)


# duplicate-reference's word keys (rules/duplicate_reference.py), made without folding an ASCII text
# and with findall: the words of the folded text, as its expression substitution made them.
@settings(max_examples=2000, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("aZ09 -_.,~\t\n\x0b\x1c\x7f\u00e9\u00df\u0130\u212a\u00a0"), max_size=20)
)
def test_duplicate_word_keys_match_the_folded_substitution(text: str) -> None:
    assert _text_words(text) == _NON_WORD.sub(" ", fold(text)).strip()


# duplicate-reference's surname words answer one ASCII word of letters and digits without folding it:
# the key of the folded text's last word, as for any other name.
@settings(max_examples=2000, deadline=None)
@example("Smith")
@example("van der Berg")
@given(st.text(alphabet=st.sampled_from("aZz09 -'.\u00e9\u0130\u212a\u00b2"), max_size=12))
def test_surname_words_of_plain_words_match_the_folded_ones(author: str) -> None:
    words = fold(author).replace("-", " ").split()
    assert _surname_word(author) == (name_key(words[-1]) if words else "")


# Plain-text footnote definitions, found by the line break before them (extract/footnotes.py): the
# matches of the "^" expression they stand for, within any bounds.
@settings(max_examples=3000, deadline=None)
@example("[1] a\n [2] b\n\t[3]  c", 0, 20)
@example("x\n[1] a", 2, 7)
@given(
    st.lists(
        st.sampled_from(["[1]", "[12]", "[", "]", " ", "\t", "\n", "a", "7", "\u00a0"]), max_size=14
    ).map("".join),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_footnote_definitions_match_the_line_start_expression(text: str, a: int, b: int) -> None:
    a, b = min(a, len(text)), min(b, len(text))
    assert definitions(text, a, b) == [(m.start(), m.end(), m.group(1)) for m in _DEF.finditer(text, a, b)]


# Glued entries (extract/reference_list.split_glued): the glue expression, written to open with the
# mark, finds the spaces its plain form (the look-behind at the mark) finds; and whether the part
# before a glue has a year, a search of that part, is what the list of every year of the entry says.
_PLAIN_GLUE = re.compile(r"(?<=[.!?\"”’)\]])[ \t]+" + rl._GLUE.pattern[rl._GLUE.pattern.index("(?=") :])
_GLUE_PIECES = st.sampled_from(
    [". ", ".  ", ".\t", ") ", "] ", "” ", "? ", " ", "Bird, A. ", "[2] ", "3. ", "van Berg ", "deVries ",
     "a", "2004", "1999a", "n.d.", "n. d.", "In press", "forthcoming", "x", "2001/02", "-2004", ".2004"]
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@example(". Bird, A. (2004)", 0, 17)
@given(st.lists(_GLUE_PIECES, max_size=14).map("".join), st.integers(0, 40), st.integers(0, 80))
def test_glue_pattern_and_year_test_match_their_plain_forms(text: str, a: int, b: int) -> None:
    a, b = min(a, len(text)), min(b, len(text))
    if a < len(text) and text[a].isspace():
        return  # (an entry's span starts at its first character but white space)
    assert [(m.start() + 1, m.end()) for m in rl._GLUE.finditer(text, a, b)] == [
        m.span() for m in _PLAIN_GLUE.finditer(text, a, b)
    ]
    years = sorted(
        [y.start() for y in rl._BARE_YEAR.finditer(text, a, b)]
        + [y.start() for y in rl._HAS_YEAR_WORD.finditer(text, a, b)]
    )
    glues = list(rl._GLUE.finditer(text, a, b))
    for k, m in enumerate(glues):
        spaces = m.start() + 1
        # from the entry's start, from where a next part starts (a glue's end), or from where the
        # search of the part stopped at an earlier glue (its spaces)
        for at in (a, *(g.end() for g in glues[:k]), *(g.start() + 1 for g in glues[:k])):
            want = next((y for y in years if at <= y < spaces), -1)
            assert rl._first_year(text, at, spaces) == want
