from __future__ import annotations

import json
import os
import shutil
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from refcheck import fix
from refcheck.pipeline import check_file

FORMATS = Path(__file__).resolve().parents[2] / "fixtures" / "formats"


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
    assert res.exit_code == 1  # a fix is left to apply
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
    planned = fix.fix_document(doc)
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
    text_plan = fix.plan(doc)  # the planning API: edits in document-text offsets
    assert [(e.start, e.end, e.old, e.new) for e in text_plan.edits] == [
        (start, end, "http://dead.example/x", "https://archive.example/x")
    ]
    assert len(text_plan.refused) == 1 and "same text" in text_plan.refused[0][1]
    planned = fix.fix_document(doc)
    assert planned.new == b"See https://archive.example/x\r\nand more\r\n"
    assert len(planned.skipped) == 1 and "same text" in planned.skipped[0][1]


# --- the exit status --------------------------------------------------------------------------------


def test_dry_run_exit_status_honours_fail_on(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "mini.txt"
    path.write_text(MINI_FIXABLE, encoding="utf-8")
    assert cli("fix", "--no-links", str(path)).exit_code == 1  # the year is left to fix
    assert cli("fix", "--no-links", "--fail-on", "never", str(path)).exit_code == 0
    # written: nothing left at error; the uncited entry is a warning
    assert cli("fix", "--no-links", "--write", str(path)).exit_code == 0
    assert "(Smith 2001)" in path.read_text(encoding="utf-8")
    assert cli("fix", "--no-links", "--fail-on", "warning", str(path)).exit_code == 1
    assert cli("fix", "--no-links", "--fail-on", "error", str(path)).exit_code == 0


MINI_FIXABLE = """Trade grew (Smith 2002).

References

Smith, John (2001) Trade. Oxford.

Hyde, Henry (2002) Allies. Agenda.
"""


# --- formats ----------------------------------------------------------------------------------------


def _fix(cli: Callable[..., Result], path: Path, *extra: str) -> Result:
    return cli("fix", "--no-links", "--write", *extra, str(path))


def test_markdown_is_fixed(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    text = "# Trade\r\n\r\nTrade grew (*see* Smith 2002).\r\n\r\n## References\r\n\r\n- Smith, John (2001) Trade.\r\n"
    path.write_bytes(text.encode("utf-8"))
    res = _fix(cli, path)
    assert res.exit_code == 0, res.output
    assert path.read_bytes() == text.replace("Smith 2002", "Smith 2001").encode("utf-8")


HTML = """<!DOCTYPE html><html><head><title>T</title></head><body>
<p>Growth&nbsp;was strong &amp; rising (Mart&iacute;nez-D&iacute;az 2008), trade grew (Smith 2002).</p>
<h2>References</h2>
<ul><li>Martínez-Díaz, Leonardo (2007) Challenges. Brookings.</li>
<li>Smith, John (2001) Trade. Oxford.</li></ul>
</body></html>
"""


def test_html_is_fixed_where_the_text_maps_onto_the_source(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "a.html"
    path.write_text(HTML, encoding="utf-8")
    res = _fix(cli, path)
    assert res.exit_code == 0, res.output
    # both years, on a line where entities shift the text against the source
    assert path.read_text(encoding="utf-8") == HTML.replace("2008)", "2007)").replace(
        "Smith 2002", "Smith 2001"
    )


def test_html_edit_across_markup_is_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    source = HTML.replace("(Smith 2002)", "(Smith 20<b>02</b>)")
    path.write_text(source, encoding="utf-8")
    res = _fix(cli, path)
    assert "not fixed (year-mismatch): the text is written differently in the HTML source" in res.output
    assert "across a tag" in res.output and "change ‘2002’ to ‘2001’ by hand" in res.output
    # the other fix is still made
    assert path.read_text(encoding="utf-8") == source.replace("2008)", "2007)")
    assert res.exit_code == 1  # the refused year-mismatch (error) remains


def _with_link_fix(path: Path, fmt_text: str, url: str) -> fix.FixResult:
    from refcheck.model import Finding, Severity, Url

    doc = check_file(str(path)).doc
    assert doc is not None
    u = next(u for u in doc.urls if u.url == url) if doc.urls else None
    if u is None:
        start = doc.text.index(fmt_text)
        u = Url(url=url, start=start, end=start + len(fmt_text))
    doc.findings = [
        Finding("dead-link", Severity.ERROR, "dead", offset=u.start, fix=(u.start, u.end, ARCHIVED))
    ]
    return fix.fix_document(doc)


ARCHIVED = "https://web.archive.org/web/2009/http://dead.example/x?a=1&b=2"


def test_html_link_fix_changes_text_and_href(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        '<p>See <a class="u" href="http://dead.example/x">http://dead.example/x</a>.</p>\n', encoding="utf-8"
    )
    result = _with_link_fix(path, "http://dead.example/x", "http://dead.example/x")
    assert result.skipped == []
    assert result.new.decode() == (
        '<p>See <a class="u" href="https://web.archive.org/web/2009/http://dead.example/x?a=1&amp;b=2">'
        "https://web.archive.org/web/2009/http://dead.example/x?a=1&amp;b=2</a>.</p>\n"
    )


def test_html_link_with_other_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text('<p>See <a href="http://dead.example/x">the report</a>.</p>\n', encoding="utf-8")
    result = _with_link_fix(path, "the report", "http://dead.example/x")
    assert result.edits == [] and "stands in its href attribute" in result.skipped[0][1]


def test_latex_url_is_fixed_in_the_main_file_only(tmp_path: Path) -> None:
    (tmp_path / "part.tex").write_text("Also \\url{http://dead.example/y}.\n", encoding="utf-8")
    path = tmp_path / "main.tex"
    path.write_text(
        "\\documentclass{article}\n\\begin{document}\n% a comment \\url{http://dead.example/x}\n"
        "See \\url{http://dead.example/x}.\n\\input{part}\n\\end{document}\n",
        encoding="utf-8",
    )
    result = _with_link_fix(path, "", "http://dead.example/x")
    assert result.skipped == [] and result.new.decode().count(ARCHIVED) == 1
    assert "See \\url{" + ARCHIVED + "}." in result.new.decode()
    assert "% a comment \\url{http://dead.example/x}" in result.new.decode()
    other = _with_link_fix(path, "", "http://dead.example/y")
    assert other.edits == [] and "stands in" in other.skipped[0][1] and "part.tex" in other.skipped[0][1]


def test_jats_is_refused_in_plain_words(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "brief.xml"
    shutil.copy(FORMATS / "jats" / "brief.xml", path)
    before = path.read_bytes()
    res = _fix(cli, path)
    assert "not fixed (year-mismatch): refcheck fix does not edit JATS XML yet" in res.output
    assert "‘2008’ to ‘2007’" in res.output
    assert path.read_bytes() == before and res.exit_code == 1


def test_docx_is_fixed_as_tracked_changes(cli: Callable[..., Result], tmp_path: Path) -> None:
    """The DOCX writer (refcheck/fixes/docx.py, tests/fixes/test_docx.py) plugs into the same API."""
    path = tmp_path / "brief.docx"
    shutil.copy(FORMATS / "docx" / "brief.docx", path)
    res = _fix(cli, path)
    assert res.exit_code == 0, res.output
    assert "(Martínez-Díaz 2007)" in res.output and "1 file fixed" in res.output
    assert b'w:author="refcheck"' in zipfile.ZipFile(path).read("word/document.xml")


def test_fix_hint_only_where_fix_acts(cli: Callable[..., Result], tmp_path: Path) -> None:
    docx = tmp_path / "brief.docx"
    shutil.copy(FORMATS / "docx" / "brief.docx", docx)
    txt = tmp_path / "mini.txt"
    txt.write_text(MINI_FIXABLE, encoding="utf-8")
    html = tmp_path / "crossing.html"
    html.write_text(
        HTML.replace("(Smith 2002)", "(Smith 20<b>02</b>)").replace("2008", "2007"), encoding="utf-8"
    )
    ro = tmp_path / "readonly.txt"
    ro.write_text(MINI_FIXABLE, encoding="utf-8")
    ro.chmod(0o444)
    out = cli("check", "--no-links", "--format", "full", str(docx), str(txt), str(html), str(ro)).output
    hints = [ln for ln in out.splitlines() if "fixable:" in ln]
    assert hints == [f"       = fixable: refcheck fix {docx}", f"       = fixable: refcheck fix {txt}"]
    page = cli("check", "--no-links", "--format", "html", str(docx), str(txt), str(html), str(ro)).output
    assert page.count("Fixable with <code>refcheck fix</code>") == 2
    data = json.loads(
        cli("check", "--no-links", "--format", "json", str(docx), str(txt), str(html), str(ro)).output
    )
    fixable = {
        (Path(f["path"]).name, f["rule"]) for d in data["files"] for f in d["findings"] if f["fixable"]
    }
    assert fixable == {("brief.docx", "year-mismatch"), ("mini.txt", "year-mismatch")}


def test_a_writer_plugs_in_for_a_binary_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The planning API a DOCX writer builds on: text edits in, a FixResult out; the diff shows text."""
    path = tmp_path / "brief.docx"
    shutil.copy(FORMATS / "docx" / "brief.docx", path)
    doc = check_file(str(path)).doc
    assert doc is not None
    seen: list[fix.TextEdit] = []

    def writer(d: object, edits: list[fix.TextEdit]) -> fix.FixResult:
        seen.extend(edits)
        made = [fix.Edit(e.finding, 0, 0, b"", b"") for e in edits]
        return fix.FixResult(str(path), b"old", b"new", made, [], None)

    monkeypatch.setitem(fix.WRITERS, "docx", writer)
    monkeypatch.delitem(fix.UNSUPPORTED, "docx", raising=False)
    result = fix.fix_document(doc)
    assert [(e.old, e.new) for e in seen] == [("2008", "2007")]
    assert doc.text[seen[0].start : seen[0].end] == "2008"
    assert result.skipped == [] and fix.fixable(doc) == {id(seen[0].finding)}
    diff = result.diff()
    assert f"a/{path} (text)" in diff and "+" in diff and "Martínez-Díaz 2007" in diff
