"""The reports' JSON encoder (``_common.pretty``) gives exactly what ``json.dumps(..., indent=2)``
gives: the JSON output stays byte-identical while it is encoded several times faster. Every test runs
twice: with orjson (when installed) and with the standard library's encoder only."""

from __future__ import annotations

import json
import pickle
import re
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refcheck.reporters import _common
from refcheck.reporters._common import _JSON_UNSAFE, dumps, encoded, pretty


@pytest.fixture(autouse=True, params=["orjson", "standard"])
def encoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Which encoder ``pretty`` may use: orjson for what it writes as json.dumps does, or only the
    standard library's (orjson not installed)."""
    if request.param == "orjson":
        pytest.importorskip("orjson")
    else:
        monkeypatch.setattr(_common, "_ORJSON", False)
    return str(request.param)


def reference(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(keys, inner, max_size=5)
        | st.lists(inner, max_size=3).map(tuple)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_pretty_is_json_dumps_indent_2(data: Any) -> None:
    assert pretty(data) == reference(data)


@settings(max_examples=200, deadline=None)
@given(values, st.text(alphabet='\x7f\x85\u2028\u202e\ufffe"\\ab\n'))
def test_dumps_is_json_dumps_with_unsafe_characters_escaped(data: Any, text: str) -> None:
    data = {"files": [data, text, {"t": text, "v": [text, data]}], text: text}
    expected = re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group(0)):04x}", reference(data))
    assert dumps(data) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(values, max_size=4), st.text(alphabet='\x7f\u2028ab\n"'), st.integers(min_value=0, max_value=4)
)
def test_encoded_pieces_are_put_in_as_they_are(records: list[Any], text: str, depth: int) -> None:
    """A worker's pre-encoded record gives the report the parent would have encoded itself, whatever
    depth it was indented for, also after crossing from a worker (pickled)."""
    whole = {"version": 1, "files": [{"path": text, "items": records}, *records], "summary": {"t": text}}
    spliced = {**whole, "files": [encoded(f, depth) for f in whole["files"]]}
    assert dumps(spliced) == dumps(whole)
    assert dumps(pickle.loads(pickle.dumps(spliced))) == dumps(whole)


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        {"a": {}, "b": [], "c": [{}], "d": [[]]},
        {"files": [{"path": "a\nb\u2028", "findings": [{"rule": "x", "line": 1, "fix": {"to": "y"}}]}]},
        OrderedDict([("b", 1), ("a", [OrderedDict(z=1)])]),  # subclasses take the standard path
        {"n": 1e-05, "big": 1e16, "neg": -0.0, "inf": float("inf")},
        [1, [2, [3, {"k": [4]}]]],
    ],
)
def test_pretty_edge_cases(data: Any) -> None:
    assert pretty(data) == reference(data)


def test_unencodable_fails_as_json_does() -> None:
    with pytest.raises(TypeError):
        pretty({"a": object()})
    with pytest.raises(TypeError):
        pretty({(1, 2): 1})


def test_dumps_escapes_unsafe_characters() -> None:
    assert dumps({"t": "a\u202eb"}) == '{\n  "t": "a\\u202eb"\n}'
