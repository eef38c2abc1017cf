"""The seed brief converted as an editor receives it: each paragraph an HTML element (no blank
lines between them, no heading over the reference list) must give exactly the seed's two findings."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from refcheck.model import Severity
from refcheck.pipeline import check_file

from .conftest import SEED


def _html(joiner: str, tag: str) -> str:
    paras = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    body = joiner.join(f"<{tag}>{html.escape(p)}</{tag}>" for p in paras)
    return f"<!DOCTYPE html>\n<html><head><title>Brief</title></head><body>{joiner}{body}{joiner}</body></html>\n"


@pytest.mark.parametrize(("joiner", "tag"), [("\n", "p"), ("", "p"), ("", "div")])
def test_seed_as_html_paragraphs_gives_its_two_findings(tmp_path: Path, joiner: str, tag: str) -> None:
    path = tmp_path / "brief.html"
    path.write_text(_html(joiner, tag), encoding="utf-8")
    doc = check_file(str(path)).doc
    assert doc is not None
    found = [(f.rule, f.citation or f.reference[:20]) for f in doc.findings if f.severity >= Severity.WARNING]
    assert found == [("year-mismatch", "Martínez-Díaz 2008"), ("uncited-reference", "Hyde, Henry (2002) “")]
