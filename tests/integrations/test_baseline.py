from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from refcheck import baseline
from refcheck.model import Document, Finding, Severity, SourceMap
from refcheck.pipeline import FileResult, check_file


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


def test_baseline_written_at_the_root_matches_from_a_subdirectory(
    cli: Callable[..., Result], tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    mini.rename(docs / "mini.txt")
    res = cli("check", "--no-links", "--write-baseline", "refcheck-baseline.json", "docs")
    assert res.exit_code == 0
    data = json.loads((tmp_path / "refcheck-baseline.json").read_text())
    assert data["version"] == 2 and {e["path"] for e in data["findings"]} == {"docs/mini.txt"}
    # the same gate run from inside docs/, naming the baseline from there
    monkeypatch.chdir(docs)
    res = cli("check", "--no-links", "--baseline", "../refcheck-baseline.json", "mini.txt")
    assert res.exit_code == 0, res.output
    assert "year-mismatch" not in res.stdout
    # and from another directory altogether, by absolute paths
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    res = cli("check", "--no-links", "--baseline", str(tmp_path / "refcheck-baseline.json"), str(docs))
    assert res.exit_code == 0, res.output


def test_baseline_in_a_subdirectory_names_files_relative_to_itself(
    cli: Callable[..., Result], tmp_path: Path, mini: Path
) -> None:
    (tmp_path / "ci").mkdir()
    res = cli("check", "--no-links", "--write-baseline", "ci/base.json", str(mini.name))
    assert res.exit_code == 0
    data = json.loads((tmp_path / "ci" / "base.json").read_text())
    assert {e["path"] for e in data["findings"]} == {"../mini.txt"}


def test_version_1_baselines_are_still_read(cli: Callable[..., Result], tmp_path: Path, mini: Path) -> None:
    # a version 1 baseline, as the previous release wrote it (paths relative to the current directory)
    results = [check_file(str(mini.name))]
    old = baseline.record(results, None)
    old["version"] = 1
    del old["paths"]
    (tmp_path / "old.json").write_text(json.dumps(old))
    res = cli("check", "--no-links", "--baseline", "old.json", str(mini.name))
    assert res.exit_code == 0, res.output
    assert "year-mismatch" not in res.stdout


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{not json", "not JSON"),
        ('{"version": 9, "findings": []}', "version 9"),
        ("[]", "no list of findings"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_bad_baseline_is_one_line_before_the_run(
    cli: Callable[..., Result], tmp_path: Path, mini: Path, content: str | bytes, needle: str
) -> None:
    p = tmp_path / "b.json"
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content)
    res = cli("check", "--no-links", "--baseline", "b.json", str(mini))
    assert res.exit_code == 2 and res.stdout == ""
    assert len(res.stderr.splitlines()) == 1 and needle in res.stderr, res.stderr
