"""perf23 (perf22's shortcut): a year in running text after a word that ends every reading of
names ("In 2004", "in 2004") is no mention, known without reading the names before it (author_date._no_names_before).
Wherever the shortcut says so, read_names_backwards finds no names there (hypothesis, over texts of
the words that make it read on: "and In", "& In", "Open Group", "and colleagues", brackets, line
breaks, block starts inside a word, corporate names); and the extraction is the same with it and
without it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from refcheck.cli import main
from refcheck.extract import author_date as ad
from refcheck.extract.author_date import KnownAuthors, extract_author_date
from refcheck.reporters._common import Lazy, dumps, dumps_stream

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


# --- the JSON report's batches of ASCII text written as orjson's bytes (dumps_stream's ascii_bytes)


def _report_data(batches: list[list[Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The same report with its long arrays made lazily (``Lazy``) and as plain lists."""
    lazy = {"files": [{"path": "a.md", "citations": Lazy(iter(batches), plain=True), "n": 1}]}
    plain = {"files": [{"path": "a.md", "citations": [i for b in batches for i in b], "n": 1}]}
    return lazy, plain


@pytest.mark.parametrize(
    "batches",
    [
        [[{"text": "Smith 2004", "line": 3}], [{"text": "Lee 2001", "line": 9}, {"text": "x"}]],
        [[{"text": "Müller 2004"}], [{"text": "Lee 2001"}]],  # (UTF-8 bytes are text)
        [[{"text": "a\x7fb"}], [{"text": "\u2028\u202e"}], [{"text": "ok"}]],  # (escaped)
        [[], [{"text": "ok"}], []],
    ],
)
def test_the_bytes_are_the_texts(batches: list[list[Any]]) -> None:
    pytest.importorskip("orjson")
    lazy, plain = _report_data(batches)
    pieces = list(dumps_stream(lazy, ascii_bytes=True))
    assert all(isinstance(p, str) or (p.isascii() and b"\x7f" not in p) for p in pieces)
    assert any(isinstance(p, bytes) for p in pieces)  # (each case has an ASCII batch)
    joined = "".join(p if isinstance(p, str) else p.decode("ascii") for p in pieces)
    assert joined == dumps(plain) == "".join(map(str, dumps_stream(_report_data(batches)[0])))


def test_the_report_on_stdout_is_the_rendered_one(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(
        "Trade grew (Smith 2004). Fees fell (Müller 2010).\n\n## References\n\n"
        "Smith, A. (2004). Trade. Press.\n\nMüller, B. (2010). Fees \u2028 and DEL \x7f. Press.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--no-links", "--no-verify", "--format", "json", str(doc)])
    out = tmp_path / "r.json"
    CliRunner().invoke(
        main, ["check", "--no-links", "--no-verify", "--format", "json", "--output", str(out), str(doc)]
    )
    assert result.stdout_bytes == out.read_bytes()
    assert "Müller" in result.stdout_bytes.decode("utf-8")


# --- _in_quotes: names without a closing quotation mark passed over before its search


_QUOTE_BITS = [*"‘’“”\"'(,. \n\u00a0", "...", "…", "Smith", "Jones’", "Street’", "and", " "]


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(_QUOTE_BITS), max_size=16).map("".join), st.integers(0, 60), st.integers(0, 60)
)
@example("the name—‘University Street’ (", 9, 31)
@example('(VanEyck 1965; "Inauguration of Little..." ', 16, 44)
def test_in_quotes_is_the_search(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    assert ad._in_quotes(text, start, end) == ad._closes_quotation(text, start, end)  # (qa23's test)
