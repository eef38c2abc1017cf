from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from refcheck import baseline
from refcheck.model import Document, Finding, Severity, SourceMap
from refcheck.pipeline import FileResult


def result(*findings: Finding) -> list[FileResult]:
    doc = Document(path="a.txt", format="text", text="", source_map=SourceMap.identity(""))
    doc.findings = list(findings)
    return [FileResult(path="a.txt", doc=doc)]


def f(citation: str, line: int) -> Finding:
    return Finding("year-mismatch", Severity.ERROR, "m", citation=citation, reference="R", line=line)


def test_fingerprint_ignores_line_but_not_content() -> None:
    assert baseline.fingerprint(f("Smith 2001", 1), "a.txt") == baseline.fingerprint(
        f("Smith 2001", 99), "a.txt"
    )
    assert baseline.fingerprint(f("Smith 2001", 1), "a.txt") != baseline.fingerprint(
        f("Smith 2002", 1), "a.txt"
    )
    assert baseline.fingerprint(f("Smith 2001", 1), "a.txt") != baseline.fingerprint(
        f("Smith 2001", 1), "b.txt"
    )


def test_duplicates_counted() -> None:
    known = Counter(e["fingerprint"] for e in baseline.record(result(f("S 1", 1), f("S 1", 2)))["findings"])
    now = result(f("S 1", 5), f("S 1", 6), f("S 1", 7))
    assert baseline.apply(now, known) == 2
    assert now[0].doc is not None and len(now[0].doc.findings) == 1


def test_cli_round_trip(cli: Callable[..., Result], tmp_path: Path, mini: Path) -> None:
    res = cli("check", "--no-links", "--write-baseline", "base.json", str(mini))
    assert res.exit_code == 0
    data = json.loads((tmp_path / "base.json").read_text())
    assert {e["rule"] for e in data["findings"]} == {"year-mismatch", "uncited-reference"}
    res = cli("check", "--no-links", "--baseline", "base.json", str(mini))
    assert res.exit_code == 0, res.output
    assert "year-mismatch" not in res.output
    # a new finding (on another line) fails the gate; the old ones stay silent even though lines moved
    mini.write_text("New intro line.\n\nAlso (Smith 1999).\n" + mini.read_text())
    res = cli("check", "--no-links", "--baseline", "base.json", str(mini))
    assert res.exit_code == 1
    assert "Smith 1999" in res.output
    assert "Martínez-Díaz 2008" not in res.output


def test_missing_baseline_is_usage_error(cli: Callable[..., Result], mini: Path) -> None:
    res = cli("check", "--no-links", "--baseline", "nope.json", str(mini))
    assert res.exit_code == 2
    assert "baseline file not found" in res.output
