"""Property tests (hypothesis) for the parsers: they never raise, and keep what they are given."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refcheck.errors import InputError
from refcheck.extract.author_date import KnownAuthors, extract_author_date
from refcheck.extract.reference_list import parse_entry
from refcheck.extract.urls import find_urls, trim_url
from refcheck.loaders.decode import decode
from refcheck.model import SourceMap

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
    parts = [f"{filler.strip()} ({sn} {yr})" for sn, yr in items]
    text = "Some prose " + " and ".join(parts) + "."
    got = extract_author_date(text, 0, len(text), KnownAuthors([]))
    assert [(c.authors, c.year) for c in got] == [([sn], yr) for sn, yr in items]
    for c, (sn, yr) in zip(got, items, strict=True):
        assert text[c.start : c.end] == f"{sn} {yr}"


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
