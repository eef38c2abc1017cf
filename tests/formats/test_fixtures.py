"""Every fixture under fixtures/formats/ against its *.expected.json (rule/line list, citation count).

Regenerate an expected file only after reading the new output:
    PYTHONPATH=src python tests/formats/test_fixtures.py --write
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from refcheck.pipeline import CheckOptions, check_file

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "formats"
EXPECTED = sorted(FIXTURES.glob("*/*.expected.json"))


def summary(document: Path) -> dict[str, object]:
    result = check_file(str(document), CheckOptions(links=False))
    assert result.doc is not None, result.error
    doc = result.doc
    return {
        "document": document.name,
        "format": doc.format,
        "citations": len(doc.citations),
        "references": len(doc.references or []),
        "findings": [
            {"rule": f.rule, "file": Path(f.path).name if f.path else document.name, "line": f.line}
            for f in doc.findings
        ],
    }


def test_every_format_has_a_fixture() -> None:
    formats = {json.loads(p.read_text(encoding="utf-8"))["format"] for p in EXPECTED}
    assert {"latex", "markdown", "html", "docx", "jats", "bibtex", "rst", "typst"} <= formats


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.parent.name + "/" + p.name for p in EXPECTED])
def test_fixture(expected: Path) -> None:
    want = json.loads(expected.read_text(encoding="utf-8"))
    got = summary(expected.parent / want["document"])
    assert got == want


if __name__ == "__main__" and "--write" in sys.argv:
    for doc in sorted(FIXTURES.glob("*/*")):
        if doc.suffix in (".tex", ".md", ".html", ".docx", ".xml", ".rst") or doc.name in (
            "brief.bib",
            "brief.typ",
        ):
            if doc.suffix == ".bib" and doc.parent.name != "latex":
                continue
            out = doc.with_name(doc.name + ".expected.json")
            out.write_text(json.dumps(summary(doc), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(out)
