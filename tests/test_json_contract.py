"""The JSON output (contract v1) validates against docs/json-output.schema.json and keeps every field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .conftest import FIXTURES, ROOT, SEED, cli

SCHEMA = json.loads((ROOT / "docs" / "json-output.schema.json").read_text(encoding="utf-8"))

# The v1 contract, field by field: a reporter may add fields, never drop one.
CONTRACT = {
    "top": {"version", "files", "summary"},
    "file": {"path", "format", "citations", "references", "footnotes", "links", "findings"},
    "citation": {"text", "authors", "year", "line", "column", "references"},
    "reference": {"id", "text", "authors", "year", "line", "urls", "accessed"},
    "footnote": {"label", "line", "text"},
    "finding": {"rule", "severity", "message", "line", "column", "citation", "reference", "suggestion"},
    "summary": {"files", "errors", "warnings", "infos"},
}


def report(*paths: str | Path) -> dict[str, Any]:
    res = cli("check", "--no-links", "--format", "json", *map(str, paths))
    assert res.exit_code in (0, 1, 2)
    return json.loads(res.stdout)


def test_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_requires_the_whole_contract() -> None:
    defs = SCHEMA["$defs"]
    assert set(SCHEMA["required"]) == CONTRACT["top"]
    assert set(SCHEMA["properties"]["summary"]["required"]) == CONTRACT["summary"]
    for kind in ("file", "citation", "reference", "footnote", "finding"):
        assert set(defs[kind]["required"]) == CONTRACT[kind], kind


def test_seed_output_validates_and_has_every_field() -> None:
    data = report(SEED)
    jsonschema.validate(data, SCHEMA)
    assert data["version"] == 1
    assert CONTRACT["top"] <= data.keys()
    assert CONTRACT["summary"] <= data["summary"].keys()
    (f,) = data["files"]
    assert CONTRACT["file"] <= f.keys()
    for kind, key in (
        ("citation", "citations"),
        ("reference", "references"),
        ("footnote", "footnotes"),
        ("finding", "findings"),
    ):
        assert f[key], key
        for item in f[key]:
            assert CONTRACT[kind] <= item.keys(), (kind, CONTRACT[kind] - item.keys())


def test_seed_values() -> None:
    f = report(SEED)["files"][0]
    assert f["path"] == str(SEED) and f["format"] == "text"
    ids = {r["id"] for r in f["references"]}
    assert len(ids) == len(f["references"])
    for c in f["citations"]:
        assert set(c["references"]) <= ids
    ym = next(x for x in f["findings"] if x["rule"] == "year-mismatch")
    assert ym == {
        **ym,
        "severity": "error",
        "line": 16,
        "column": 297,
        "citation": "Martínez-Díaz 2008",
        "suggestion": "Martínez-Díaz 2007",
    }
    assert ym["reference"].startswith("Martínez-Díaz, Leonardo (2007)")
    accessed = {r["authors"][0]: r["accessed"] for r in f["references"]}
    assert accessed["Bayramov"] == "2009-07-30" and accessed["Hardy"] is None


@pytest.mark.parametrize("path", sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md")))
def test_every_fixture_validates(path: str) -> None:
    jsonschema.validate(report(FIXTURES / path), SCHEMA)


def test_unreadable_file_validates(tmp_path: Path) -> None:
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01" * 100)
    data = report(bad, SEED)
    jsonschema.validate(data, SCHEMA)
    assert data["files"][0]["error"] and data["summary"]["files"] == 2


def test_example_in_docs_validates() -> None:
    text = (ROOT / "docs" / "json-output.md").read_text(encoding="utf-8")
    block = text.split("```json\n", 1)[1].split("```", 1)[0]
    jsonschema.validate(json.loads(block), SCHEMA)
