"""Every fixture document gives the findings and the citation count its .expected.json states."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refcheck.pipeline import CheckOptions, check_file

from .conftest import FIXTURES
from .regen_expected import OWN_SCHEME, SUFFIXES, documents, summarise

EXPECTED = sorted(
    p for p in FIXTURES.glob("**/*.expected.json") if p.relative_to(FIXTURES).parts[0] not in OWN_SCHEME
)


def document_for(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.json")
    for suffix in SUFFIXES:
        doc = expected.with_name(stem + suffix)
        if doc.exists():
            return doc
    raise AssertionError(f"{expected}: no document {stem}.txt or {stem}.md beside it")


def _param(path: Path) -> object:
    data = json.loads(path.read_text(encoding="utf-8"))
    marks = [pytest.mark.xfail(strict=True, reason=data["xfail"])] if data.get("xfail") else []
    return pytest.param(path, id=path.name.removesuffix(".expected.json"), marks=marks)


@pytest.mark.parametrize("expected", [_param(p) for p in EXPECTED])
def test_fixture(expected: Path) -> None:
    want = json.loads(expected.read_text(encoding="utf-8"))
    got = summarise(document_for(expected))
    assert got["findings"] == want["findings"]
    assert got["citations"] == want["citations"]


def test_every_document_has_an_expected_file() -> None:
    docs = documents()
    assert len(docs) >= 4
    for doc in docs:
        assert doc.with_name(doc.stem + ".expected.json").exists(), f"{doc}: run tests/regen_expected.py"


def test_fixtures_are_checked_without_errors() -> None:
    for path in documents():
        assert check_file(str(path), CheckOptions(links=False)).error is None
