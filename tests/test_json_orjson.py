"""orjson writes the JSON reports when it can write them exactly as ``json.dumps`` does, and hands
everything else to the standard library's encoder (``_common.pretty``): lone surrogates, control and
unsafe characters, floats orjson formats otherwise, integers beyond 64 bits, keys that are not
strings, subclasses. A report is the same bytes whichever way it was written, and without orjson."""

from __future__ import annotations

import enum
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from refcheck.model import Document, Finding, Severity, SourceMap
from refcheck.pipeline import FileResult, analyse
from refcheck.reporters import REPORTERS, _common
from refcheck.reporters._common import dumps, encoded, pieces, pretty

orjson = pytest.importorskip("orjson")


@pytest.fixture
def standard(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Within the ``with``: as if orjson were not installed."""
    monkeypatch.setattr(_common, "_ORJSON", False)
    yield


def reference(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


class Kind(enum.IntEnum):
    A = 1


class Word(str):
    pass


@pytest.mark.parametrize(
    "data",
    [
        {"path": "a\udcffb.txt"},  # a file name that is not UTF-8: orjson refuses lone surrogates
        ["\ud800", {"k": "x"}],
        {"\udcff": 1},
        {"n": 2**64},  # beyond 64 bits
        {"n": -(2**63) - 1},
        {"f": 1e-05},  # orjson: 0.00001
        {"f": 1e16},  # orjson: 1e16
        {"f": float("nan")},  # orjson: null
        {"f": [0.5, float("-inf")]},
        {1: "a"},  # a key not a str
        {"k": Word("w")},
        {Word("k"): "v"},
        {"k": Kind.A},
        {"k": [[[{"deep": (1, 2.5)}]]], "e": []},
    ],
)
def test_what_orjson_writes_otherwise_takes_the_standard_way(data: Any) -> None:
    assert pretty(data) == reference(data)


@pytest.mark.parametrize(
    "data",
    [
        {"t": '\x00\x01\x1b[31m\x1f\x7f\x85\u2028\u202e\ufffe "\\ /\n\t\r\b\f'},
        {
            "score": 0.857,
            "zero": 0.0,
            "neg": -0.0,
            "big": 1e15,
            "small": 0.0001,
            "n": 2**64 - 1,
            "m": -(2**63),
        },
        {"files": [], "summary": {}, "t": (1, "a", None, True, False)},
        "just a string",
        12,
        None,
    ],
)
def test_orjson_writes_plain_data_as_json_dumps_does(data: Any) -> None:
    assert _common._orjson_pieces(data, None, 0) is not None  # the fast way is taken
    assert pretty(data) == reference(data)
    assert pretty(data, depth=3) == reference(data).replace("\n", "\n" + "  " * 3)


def test_unsafe_characters_are_escaped_on_the_fast_way_too(standard: None) -> None:
    data = {"t": "a\x7fb\x85c\u2028d\u202ee\ufffff", "files": [encoded({"x": "\u2066"}, 2)]}
    slow = dumps(data)
    _common._ORJSON = None  # orjson again (the fixture restores False afterwards)
    assert _common._orjson_pieces(data, _common._escape, 0) is not None
    assert dumps(data) == slow
    assert "\\u007f" in slow and "\\u2066" in slow


@pytest.mark.parametrize("depth", [0, 1, 2, 4])
def test_encoded_pieces_stand_at_their_depth(depth: int) -> None:
    """A pre-encoded file record is put in at the depth it stands at, whatever depth it was made for,
    as a separate piece (not copied into one string with the rest)."""
    record = {"path": "a.txt", "citations": [{"text": "Smith 2004", "authors": ["Smith"]}], "links": []}
    whole = {"version": 1, "files": [record, {"path": "b"}], "summary": {"files": 2}, "x": {"y": record}}
    spliced = {
        **whole,
        "files": [encoded(record, depth), encoded({"path": "b"}, 0)],
        "x": {"y": encoded(record, depth + 1)},
    }
    parts = pieces(spliced, _common._escape)
    assert len(parts) == 7  # text, record, text, record, text, record, text
    assert "".join(parts) == reference(whole)


def results_with(s: str) -> list[FileResult]:
    text = f"Growth {s} was strong (Smith 2008).\n\nReferences\n\nSmith, John (2007) Trade {s}.\n"
    doc = Document(path=f"doc{s}.txt", format="text", text=text, source_map=SourceMap.identity(text))
    analyse(doc)
    doc.findings.append(
        Finding(rule="year-mismatch", severity=Severity.ERROR, message=f"message {s} end", citation=f"S {s}")
    )
    return [FileResult(path=doc.path, doc=doc)]


@pytest.mark.parametrize(
    "s", ["plain", "\udcff", "\ud800x", "\x1b[31m\x00\x07", "\u2028\u202e\x85\ufffe", "é€😀", "\x7f"]
)
@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif"])
def test_a_report_is_the_same_bytes_with_and_without_orjson(
    s: str, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = REPORTERS[fmt](results_with(s))
    monkeypatch.setattr(_common, "_ORJSON", False)
    assert REPORTERS[fmt](results_with(s)) == fast


def test_without_orjson_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson raises ImportError
    monkeypatch.setattr(_common, "_ORJSON", None)
    data = {"a": [1, {"b": "c\u2028"}], "f": 0.5}
    assert dumps(data) == reference(data).replace("\u2028", "\\u2028")
    assert _common._ORJSON is False


def test_a_report_written_in_pieces(tmp_path: Path) -> None:
    """The CLI writes a JSON report piece by piece; the file is the one report."""
    from refcheck.reporters import json as json_reporter

    results = results_with("x")
    assert "".join(json_reporter.chunks(results)) == json_reporter.render(results)


@pytest.mark.parametrize("n", [0, 1, 2, 999, 1000, 1001, 2500])
@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize("path", ["d.txt", "d\udcff.txt"])  # the record's head: orjson, or the standard way
def test_a_record_made_in_batches_is_the_record(
    n: int, fast: bool, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``encoded_record`` makes and encodes the citation and entry records ``BATCH`` at a time;
    the text is ``document_record``'s, whatever the count (none, one batch and a bit), with orjson
    or without, and also when it lets the model go as it goes (``release``)."""
    from refcheck.reporters.records import document_record, encoded_record

    if not fast:
        monkeypatch.setattr(_common, "_ORJSON", False)
    cites = "".join(f"Growth {i} was strong (Smith{i % 7} 200{i % 9}).\n" for i in range(n))
    refs = "".join(f"Smith{i}, John (200{i}) Trade \u2028{i}.\n" for i in range(7))
    text = f"{cites}\nReferences\n\n{refs}"
    doc = Document(path=path, format="text", text=text, source_map=SourceMap.identity(text))
    analyse(doc)
    assert len(doc.citations) == n
    whole = dumps({"files": [document_record(doc)]})
    assert dumps({"files": [encoded_record(doc)]}) == whole
    assert dumps({"files": [encoded_record(doc, release=True)]}) == whole
    assert all(c is None for c in doc.citations)  # let go of


def test_lazy_arrays_at_any_depth() -> None:
    from refcheck.reporters._common import Lazy

    items = [{"a": i, "b": [i, "x\u2028"]} for i in range(5)]
    for depth in (0, 1, 3):
        data = {"k": Lazy(iter([items[:2], [], items[2:]])), "e": Lazy(iter([])), "n": [Lazy(iter([[1]]))]}
        expected = {"k": items, "e": [], "n": [[1]]}
        assert pretty(data, _common._escape, depth) == pretty(expected, _common._escape, depth)


@pytest.mark.parametrize("n", [0, 1, 1000, 2500])
@pytest.mark.parametrize("fast", [True, False])
def test_a_report_streamed_from_the_model_is_the_report(
    n: int, fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The JSON report of a file whose model is kept makes the citation records a batch at a time as
    its text is taken (``json.chunks``): the first piece comes before any citation record is made,
    and the text is the whole record's, with orjson or without."""
    from refcheck.reporters import json as json_reporter
    from refcheck.reporters import records

    if not fast:
        monkeypatch.setattr(_common, "_ORJSON", False)
    cites = "".join(f"Growth {i} was strong (Smith{i % 7} 200{i % 9}).\n" for i in range(n))
    refs = "".join(f"Smith{i}, John (200{i}) Trade \u2028{i}.\n" for i in range(7))
    text = f"{cites}\nReferences\n\n{refs}"
    doc = Document(path="d.txt", format="text", text=text, source_map=SourceMap.identity(text))
    results = [FileResult(path="d.txt", doc=analyse(doc))]
    whole = dumps(records.report_record(results)) + "\n"
    made: list[int] = []
    make = records._citation_records
    monkeypatch.setattr(
        records, "_citation_records", lambda cites, locate: made.append(1) or make(cites, locate)
    )
    stream = json_reporter.chunks(results)
    first = next(stream)
    assert whole.startswith(first)
    assert made == [] or not fast  # (the standard library's way makes the whole text at once)
    assert first + "".join(stream) == whole
    assert len(made) == -(-n // records.BATCH)


def test_one_file_keeps_its_model_for_the_json_report(tmp_path: Path) -> None:
    """A run of one file for the JSON report keeps the model (its record is streamed from it as the
    report is written); of two files, each file's record is encoded as the file is done."""
    from refcheck.pipeline import CheckOptions
    from refcheck.runner import check_all

    paths = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Trade grew (Smith 2004).\n\nReferences\n\nSmith, J. (2004) Trade.\n")
        paths.append(str(tmp_path / name))
    options = CheckOptions(links=False, verify=False)
    [one] = check_all([(paths[0], options)], keep="record")
    assert one.record is None and one.doc is not None and one.doc.citations
    two = list(check_all([(p, options) for p in paths], keep="record"))
    assert all(r.record is not None and r.doc is not None and not r.doc.citations for r in two)
