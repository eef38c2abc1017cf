"""The style parsers stay linear on hostile text: each input below, 100 to 500 kilobytes, is read well
within the generous bound (a quadratic pattern or a per-match rescan of the line takes minutes here;
bench/perf.py measures speed)."""

from __future__ import annotations

import time

import pytest

from refcheck.extract.names import read_names
from refcheck.extract.reference_list import parse_entry, split_glued, split_item

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
