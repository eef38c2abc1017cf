"""The style parsers stay linear on hostile text: each input below, 100 to 500 kilobytes, is read well
within the generous bound (a quadratic pattern or a per-match rescan of the line takes minutes here;
bench/perf.py measures speed)."""

from __future__ import annotations

import random
import time

import pytest

from refcheck.extract.names import read_names
from refcheck.extract.reference_list import parse_entry, split_glued, split_item
from refcheck.extract.urls import find_urls, trim_url
from refcheck.model import Document, Reference, SourceMap
from refcheck.rules.duplicate_reference import duplicates

from . import hostile_text
from .conftest import check

BOUND = 10.0  # seconds, on a loaded machine; these inputs take a fraction of that


def _timed(fn: object, *args: object) -> float:
    t0 = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return time.perf_counter() - t0


N = 6_000  # repetitions of each hostile piece in a document
E = 30_000  # in one entry: the entry parsers are cheap, a quadratic one is not

HOSTILE_ENTRIES = {
    "capitalised words, no year": "Smith " * E,
    "initials, no surname": "A. " * E,
    "inverted names, no year": "Smith, J., " * E,
    "sentences that could start entries": "Title. Smith, J. " * E,
    "labels without entries": "[1] x. " * E,
    "organisation words": "Ministry of " * E,
}


@pytest.mark.parametrize("text", list(HOSTILE_ENTRIES.values()), ids=list(HOSTILE_ENTRIES))
def test_entry_parsers_are_linear(text: str) -> None:
    assert _timed(parse_entry, text) < BOUND
    assert _timed(read_names, text) < BOUND
    assert _timed(split_glued, text, 0, len(text)) < BOUND
    assert _timed(split_item, text, 0, len(text)) < BOUND


HOSTILE_DOCUMENTS = {
    "parenthesised numbers on one line": "Cells grow (1). " * N,
    "one long number list": "Cells grow (" + "1, " * N + "x.",
    "tail numbers": "(see CSD 1, STT 2; " * N,
    "enumeration runs": "Steps: (1) a, (2) b, (3) c. " * (N // 4),
    "stop words before et al.": "Will et al. May and Fall and " * (N // 4),
}


@pytest.mark.parametrize("body", list(HOSTILE_DOCUMENTS.values()), ids=list(HOSTILE_DOCUMENTS))
def test_citation_extraction_is_linear(body: str) -> None:
    listing = "\n".join(f"{n}. Name{n} A. Study {n}. J Met. {1990 + n};{n}:1-9." for n in range(1, 40))
    t0 = time.perf_counter()
    check(f"{body}\n\nReferences\n\n{listing}\n")
    assert time.perf_counter() - t0 < BOUND


# --- every extractor on hostile text (issues 9 and 13.3) ------------------------------------------------

HOSTILE_SIZE = 100_000  # bytes: a quadratic path takes minutes here; bench/adversarial_text.py runs 1 MB
# inputs whose quadratic path was cheap per step: larger, so that it would fail the bound
HOSTILE_SIZES = {
    "one-author-many-years": 300_000,
    "unknown-names-one-year": 300_000,
    "one-prefix-names": 300_000,
    # reference lists of tens of thousands of entries: a cost per entry that grows with the list shows
    "long-reference-list": 300_000,
    "long-numbered-list": 300_000,
    "initials-list-lines": 300_000,
}


@pytest.mark.parametrize("name", list(hostile_text.INPUTS))
def test_hostile_text_is_checked_in_bounded_time(name: str) -> None:
    filename, data = hostile_text.INPUTS[name](HOSTILE_SIZES.get(name, HOSTILE_SIZE))
    fmt = "markdown" if filename.endswith(".md") else "text"
    t0 = time.process_time()
    doc = check(data.decode("utf-8"), fmt)
    spent = time.process_time() - t0
    assert spent < BOUND, f"{name}: {spent:.1f} s of CPU"
    assert doc.text  # read, not refused


def test_trim_url_is_linear() -> None:
    # "http://a" and 200,000 ")": each trailing ")" counted the whole URL again (minutes)
    url = "http://a" + ")" * 200_000
    assert _timed(trim_url, url) < BOUND
    assert trim_url(url) == "http://a"
    assert trim_url("http://a/(b))") == "http://a/(b)"
    assert trim_url("http://a/b_(c)).") == "http://a/b_(c)"


def test_find_urls_is_linear() -> None:
    wrapped = (
        "http://example.org/a/\n" * 20_000
    )  # each joined to the next line: the rest of the text was copied
    assert _timed(find_urls, wrapped) < BOUND
    found = find_urls("see http://example.org/a/\nb and doi:10.1234/x.5 and https://doi.org/10.1/y")
    assert [u for u, _, _ in found] == [
        "http://example.org/a/b",
        "https://doi.org/10.1234/x.5",
        "https://doi.org/10.1/y",
    ]
    many = "https://doi.org/10.1234/abc doi: 10.5555/x " * 20_000  # DOIs checked against every URL before
    assert _timed(find_urls, many) < BOUND
    assert len(find_urls(many)) == 40_000


def test_entries_of_one_author_and_year_are_compared_in_bounded_time() -> None:
    # 3,000 "[n] Smith 2004, p. n." notes read as a numbered list: every title compared with all before
    notes = "\n".join(f"[{k}] Smith 2004, p. {k}." for k in range(1, 3_001))
    t0 = time.process_time()
    check("Trade grew [1].\n\n" + notes + "\n")
    assert time.process_time() - t0 < BOUND


def test_a_large_group_of_one_author_and_year_is_compared_in_bounded_time() -> None:
    # a DOCX of 10,000 footnotes "Claim n.[n]" read as entries "Claim n.n" of one author and no year:
    # each title ("n n") was scored against every title before it (seconds at 10,000, minutes beyond)
    refs = [
        Reference(
            id=f"ref-{k}",
            text=f"Claim {k}.{k}",
            start=0,
            end=0,
            authors=["Claim"],
            given=[""],
            title=f"{k}.{k}",
        )
        for k in range(1, 20_001)
    ]
    refs.append(
        Reference(
            id="ref-again", text="Claim 7.7", start=0, end=0, authors=["Claim"], given=[""], title="7.7"
        )
    )
    doc = Document(path="<text>", format="text", text="", source_map=SourceMap.identity(""), references=refs)
    t0 = time.process_time()
    found = duplicates(doc)
    assert time.process_time() - t0 < BOUND
    assert [(a.id, b.id) for a, b, _ in found] == [("ref-again", "ref-7")]  # the one repeat, no other


def test_a_large_group_with_titles_of_no_number_is_compared_in_bounded_time() -> None:
    # 20,000 entries of one author and year with titles of made-up words (no numbers): each title was
    # scored against every one before it (about 6 s at 10,000 in 1 MB, a quarter of a minute here)
    rng = random.Random(7)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        for _ in range(5_000)
    ]

    def title() -> str:
        return " ".join(rng.choice(words) for _ in range(8)).capitalize()

    refs = [
        Reference(
            id=f"ref-{k}",
            text="",
            start=0,
            end=0,
            authors=["Smith"],
            given=["J."],
            year="2000",
            title=title(),
        )
        for k in range(20_000)
    ]
    early = refs[3].title or ""
    refs.insert(
        5,
        Reference(
            id="ref-again",
            text="",
            start=0,
            end=0,
            authors=["Smith"],
            given=["J."],
            year="2000",
            title=early + ".",
        ),
    )
    doc = Document(path="<text>", format="text", text="", source_map=SourceMap.identity(""), references=refs)
    t0 = time.process_time()
    found = duplicates(doc)
    assert time.process_time() - t0 < BOUND
    assert ("ref-again", "ref-3") in [(a.id, b.id) for a, b, _ in found]


def test_a_citation_ambiguous_among_thousands_of_entries_is_reported_in_a_bounded_message() -> None:
    # 460 kB: 5,000 alike entries, 10,000 citations of them; each finding named all 5,000 entries
    # (2 GB of report, 7 GB of memory, 50 s)
    _, data = hostile_text.alike_entries_cited(700_000)
    t0 = time.process_time()
    doc = check(data.decode("utf-8"))
    assert time.process_time() - t0 < BOUND
    found = [f for f in doc.findings if f.rule == "ambiguous-citation"]
    assert len(found) == 10_000 and max(len(f.message) for f in found) < 2_000
    assert "and 4990 more" in found[0].message
    assert not [f for f in doc.findings if f.rule == "uncited-reference"]  # every entry counts as cited
