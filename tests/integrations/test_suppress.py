from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.pipeline import check_file, check_text
from refcheck.suppress import parse

BODY = (
    "Growth was strong (Martínez-Díaz 2008).\n\n"
    "References\n\nMartínez-Díaz, Leonardo (2007) Challenges. Brookings.\n"
)


def rules_found(text: str, fmt: str = "text") -> set[str]:
    return {f.rule for f in check_text(text, fmt=fmt).findings}


def test_baseline_text_has_the_finding() -> None:
    assert "year-mismatch" in rules_found(BODY)


def test_ignore_next_line_html_comment() -> None:
    assert "year-mismatch" not in rules_found("<!-- refcheck: ignore year-mismatch -->\n" + BODY)
    assert "year-mismatch" not in rules_found("<!-- refcheck: ignore year-mismatch -->\n" + BODY, "markdown")


def test_ignore_other_rule_does_not_silence() -> None:
    assert "year-mismatch" in rules_found("<!-- refcheck: ignore uncited-reference -->\n" + BODY)


def test_ignore_all_without_names_and_trailing_form() -> None:
    assert "year-mismatch" not in rules_found("<!-- refcheck: ignore -->\n" + BODY)
    trailing = BODY.replace("2008).\n", "2008). <!-- refcheck: ignore year-mismatch -->\n", 1)
    assert "year-mismatch" not in rules_found(trailing)


def test_ignore_applies_to_next_line_only() -> None:
    text = "<!-- refcheck: ignore year-mismatch -->\nUnrelated line.\n" + BODY
    assert "year-mismatch" in rules_found(text)


def test_latex_comment_form() -> None:
    assert parse(["% refcheck: ignore year-mismatch", "text (Smith 2001)"]) == {
        1: {"year-mismatch"},
        2: {"year-mismatch"},
    }
    assert parse([r"50\% refcheck: ignore x"]) == {}


def test_block_disable_enable() -> None:
    lines = [
        "a",
        "<!-- refcheck: disable year-mismatch -->",
        "b",
        "c",
        "<!-- refcheck: enable year-mismatch -->",
        "d",
    ]
    got = parse(lines)
    assert got.get(3) == {"year-mismatch"} and got.get(4) == {"year-mismatch"}
    assert 1 not in got and 6 not in got


def test_block_in_document() -> None:
    text = "<!-- refcheck: disable -->\n" + BODY.replace(
        "\n\nReferences", "\n<!-- refcheck: enable -->\n\nReferences"
    )
    assert "year-mismatch" not in rules_found(text)


def test_crlf_source_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(("<!-- refcheck: ignore year-mismatch -->\n" + BODY).replace("\n", "\r\n").encode())
    result = check_file(str(p))
    assert result.doc is not None
    assert "year-mismatch" not in {f.rule for f in result.doc.findings}


def test_a_comment_shown_in_markdown_code_is_an_example() -> None:
    """A document explaining the comments shows them in code: neither a suppression nor a rule name
    to check (docs/rules.md's example 'ignore year-missmatch' in a ```text fence was reported as an
    unknown-suppression; an inline example silenced the next line). The same comment outside code
    still counts."""
    fenced = "```text\n<!-- refcheck: ignore year-missmatch -->\n```\n\n"
    inline = "Write `<!-- refcheck: ignore year-mismatch -->` above the line:\n"
    found = rules_found(fenced + inline + BODY, "markdown")
    assert "unknown-suppression" not in found and "year-mismatch" in found
    assert "unknown-suppression" in rules_found(
        "<!-- refcheck: ignore year-missmatch -->\n" + BODY, "markdown"
    )


def test_the_document_written_another_way_is_no_other_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finding whose path names the document itself, written absolute or with "./" (a loader joins
    paths its own way), stands in the document: it is sorted with the document's own findings, not
    after them as a file of its own ("d.txt" and "/home/me/d.txt" were two files: the sorting read
    them by their normal forms, the suppression comments by their absolute ones)."""
    from refcheck.model import Document, Finding, Severity, SourceMap
    from refcheck.pipeline import sort_findings
    from refcheck.suppress import is_other_file

    monkeypatch.chdir(tmp_path)
    doc = Document(path="d.txt", format="text", text="x", source_map=SourceMap.identity("x"))
    here = [str(tmp_path / "d.txt"), "./d.txt", "d.txt", None]
    assert [is_other_file(doc, p) for p in here] == [False, False, False, False]
    assert is_other_file(doc, "refs.bib") and is_other_file(doc, str(tmp_path / "sub" / "d.txt"))

    def finding(path: str | None, line: int) -> Finding:
        return Finding(rule="r", severity=Severity.ERROR, message=str(line), line=line, path=path)

    doc.findings = [finding("refs.bib", 1), finding(None, 10), finding(str(tmp_path / "d.txt"), 5)]
    sort_findings(doc)
    assert [f.message for f in doc.findings] == ["5", "10", "1"]
