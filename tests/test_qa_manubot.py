"""A Manubot manuscript cites by persistent identifier ("[@doi:...]", "[@pmid:...]"): Manubot
resolves those itself, so they are never missing from a bibliography given beside them."""

from __future__ import annotations

from pathlib import Path

from .conftest import json_report

BIB = (
    "@book{hardy1968, author={Hardy, Michael}, title={Modern Diplomatic Law}, publisher={MUP}, year={1968}}\n"
)
TEXT = (
    "## Introduction\n\nPrior work [@doi:10.1000/x; @pmid:12345678; @url:https://example.org/page] and\n"
    "[@arxiv:1407.3561; @pmcid:PMC4304851; @hardy1968]. Missing [@nokey2001].\n"
)


def test_persistent_identifier_keys_are_not_missing(tmp_path: Path) -> None:
    (tmp_path / "manual-references.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "01.main.md").write_text(TEXT, encoding="utf-8")
    report = json_report(
        "--no-verify", "--bib", str(tmp_path / "manual-references.bib"), str(tmp_path / "01.main.md")
    )
    found = [(f["rule"], f["message"].split(" is cited")[0]) for f in report["files"][0]["findings"]]
    assert found == [("missing-reference", "key 'nokey2001'")]
