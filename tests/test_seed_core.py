"""The canonical brief: exactly the two loud findings, ten citations, nine links, every URL."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from refcheck.cli import main
from refcheck.model import LinkStatus, Severity
from refcheck.pipeline import check_file

from .conftest import SEED


def _doc():
    result = check_file(str(SEED))
    assert result.doc is not None, result.error
    return result.doc


def test_exactly_two_loud_findings() -> None:
    doc = _doc()
    loud = [f for f in doc.findings if f.severity >= Severity.WARNING]
    assert [(f.rule, f.line) for f in loud] == [("year-mismatch", 16), ("uncited-reference", 47)]
    ym = loud[0]
    assert ym.column == 297
    assert ym.citation == "Martínez-Díaz 2008"
    assert ym.reference is not None and ym.reference.startswith("Martínez-Díaz, Leonardo (2007)")
    assert ym.suggestion == "Martínez-Díaz 2007"
    assert loud[1].reference is not None and loud[1].reference.startswith("Hyde, Henry (2002)")


def test_ten_citations_nine_linked() -> None:
    doc = _doc()
    texts = [c.text for c in doc.citations]
    assert len(texts) == 10
    body = [c for c in doc.citations if c.footnote is None]
    notes = [c for c in doc.citations if c.footnote is not None]
    assert len(body) == 9
    assert [(c.text, c.footnote) for c in notes] == [("Embassy of Azerbaijan to Mexico 2008", "1")]
    linked = [c for c in doc.citations if c.status is LinkStatus.LINKED]
    assert len(linked) == 9 and all(len(c.references) == 1 for c in linked)
    mismatch = next(c for c in doc.citations if c.text == "Martínez-Díaz 2008")
    assert mismatch.references == []
    assert "Center for Economic and Social Development 2007" in texts
    assert "Hardy 1968, p. 14" in texts


def test_traps_are_not_citations() -> None:
    doc = _doc()
    joined = " | ".join(c.text for c in doc.citations)
    for trap in ("April 2008", "March 2009", "2000", "since 2004", "December 15, 2009"):
        assert trap not in joined


def test_reference_list_without_heading() -> None:
    doc = _doc()
    refs = doc.references or []
    assert len(refs) == 11
    assert refs[0].authors == ["Bayramov"] and refs[0].year == "2008"
    assert refs[2].authors == ["Center for Economic and Social Development"] and refs[2].corporate
    assert refs[9].authors == ["Rodríguez"] and refs[9].given == ["Angel Villalobos"]


def test_every_url_with_its_access_date() -> None:
    # The brief holds eight URLs (the issue text says nine; `grep -o http` on the file finds eight).
    doc = _doc()
    assert len(doc.urls) == 8
    by_url = {u.url: u for u in doc.urls}
    un = by_url["http://www.un.org/millennium/webcast/statements/azerbaijan.htm"]
    assert un.footnote == "4" and un.accessed == "2009-09-16"  # "accessed September 16, 2009"
    bayramov = by_url["http://ada.edu.az/biweekly/issues/150/20090327031648590.html"]
    assert bayramov.reference == "ref-1" and bayramov.accessed == "2009-07-30"  # "accessed 30 July 2009"
    assert sum(1 for u in doc.urls if u.reference) == 6
    assert sum(1 for u in doc.urls if u.footnote) == 2


def test_six_footnotes() -> None:
    doc = _doc()
    assert [n.label for n in doc.footnotes or []] == ["1", "2", "3", "4", "5", "6"]
    assert [m.label for m in doc.footnote_markers] == ["1", "2", "3", "4", "5", "6"]


def test_cli_text_and_exit_status() -> None:
    result = CliRunner().invoke(main, ["check", "--no-links", str(SEED)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].endswith(
        ':16:297: error year-mismatch "Martínez-Díaz 2008" cites an entry dated 2007 '
        "(did you mean Martínez-Díaz 2007?)"
    )
    assert "\x1b[" not in result.output


def test_json_contract_via_python_m() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "refcheck", "check", "--no-links", "--format", "json", str(SEED)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["version"] == 1
    (f,) = data["files"]
    assert set(f) >= {"path", "format", "citations", "references", "footnotes", "links", "findings"}
    assert f["format"] == "text"
    assert set(f["citations"][0]) >= {"text", "authors", "year", "line", "column", "references"}
    assert set(f["references"][0]) >= {"id", "text", "authors", "year", "line", "urls", "accessed"}
    assert set(f["footnotes"][0]) >= {"label", "line", "text"}
    assert set(f["findings"][0]) >= {
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "citation",
        "reference",
        "suggestion",
    }
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 1, "infos": 0, "unreadable": 0}
