from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from refcheck import fix
from refcheck.pipeline import check_file


def test_year_mismatch_carries_fix(seed: Path) -> None:
    doc = check_file(str(seed)).doc
    assert doc is not None
    finding = next(f for f in doc.findings if f.rule == "year-mismatch")
    assert finding.fix is not None
    start, end, new = finding.fix
    assert doc.text[start:end] == "2008" and new == "2007"


def test_diff_only_by_default(cli: Callable[..., Result], seed: Path) -> None:
    before = seed.read_bytes()
    res = cli("fix", "--no-links", str(seed))
    assert res.exit_code == 0
    assert "-" in res.output and "+" in res.output
    assert "(Martínez-Díaz 2007)" in res.output
    assert any(ln.startswith("-") and "(Martínez-Díaz 2008)" in ln for ln in res.output.splitlines())
    assert seed.read_bytes() == before


def test_write_changes_only_the_year_crlf_nbsp_cp1252(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = (
        "Intro\u00a0line with a non-breaking space.\r\n"
        "Growth was strong (Mart\u00ednez-D\u00edaz\u00a02008) ok.\r\n\r\n"
        "References\r\n\r\n"
        "Mart\u00ednez-D\u00edaz, Leonardo (2007) \u201cChallenges,\u201d Brookings.\r\n"
    )
    raw = text.encode("cp1252")
    path = tmp_path / "legacy.txt"
    path.write_bytes(raw)
    os.chmod(path, 0o640)
    res = cli("fix", "--no-links", "--write", str(path))
    assert res.exit_code == 0, res.output
    after = path.read_bytes()
    assert after == raw.replace(b"D\xedaz\xa02008", b"D\xedaz\xa02007")
    assert after != raw
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["legacy.txt"]  # no temp file left


def test_utf8_bom_and_crlf_offsets(tmp_path: Path) -> None:
    text = (
        "\ufeffA\r\nB\r\nGrowth (Mart\u00ednez-D\u00edaz 2008).\r\n\r\n"
        "References\r\n\r\nMart\u00ednez-D\u00edaz, L. (2007) X.\r\n"
    )
    path = tmp_path / "bom.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = check_file(str(path)).doc
    assert doc is not None
    planned = fix.plan(doc)
    assert len(planned.edits) == 1 and planned.edits[0].old == b"2008"
    assert planned.new == path.read_bytes().replace(b"2008", b"2007")


def test_generic_fix_and_overlap(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"See http://dead.example/x\r\nand more\r\n")
    doc = check_file(str(path)).doc
    assert doc is not None
    from refcheck.model import Finding, Severity

    start = doc.text.index("http")
    end = start + len("http://dead.example/x")
    doc.findings = [
        Finding("dead-link", Severity.ERROR, "dead", fix=(start, end, "https://archive.example/x")),
        Finding("dead-link", Severity.ERROR, "dead", fix=(start + 2, end, "y")),
    ]
    planned = fix.plan(doc)
    assert planned.new == b"See https://archive.example/x\r\nand more\r\n"
    assert len(planned.skipped) == 1 and "overlaps" in planned.skipped[0][1]
