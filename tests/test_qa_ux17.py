"""QA round ux17: refcheck as an author, a CI gate and an editor meet it, from the README alone.
Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import cli

CITING = "Smith (2010) said so.\n\nReferences\n\nSmith, J. (2010). A title. Journal, 1, 1-2.\n"


def test_config_shows_refcheck_verify_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`refcheck config` ("the effective settings") said `verify = true  # default` while
    REFCHECK_VERIFY=0 turned verification off for every `refcheck check` in that environment."""
    doc = tmp_path / "a.txt"
    doc.write_text(CITING, encoding="utf-8")
    (tmp_path / "refcheck.toml").write_text("verify = true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shown = cli("config", "a.txt", env={"REFCHECK_VERIFY": "0"}).stdout
    assert "verify = false  # environment REFCHECK_VERIFY" in shown.splitlines()
    shown = cli("config", "a.txt", env={"REFCHECK_VERIFY": "1"}).stdout
    assert any(line.startswith("verify = true  # ") for line in shown.splitlines())


def test_tool_refcheck_table_in_refcheck_toml_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`refcheck config` prints its settings under `[tool.refcheck]`; pasted into a refcheck.toml,
    they stopped every run with "unknown key tool (known keys: ...)", which does not say that
    refcheck.toml takes the keys without that header."""
    doc = tmp_path / "a.txt"
    doc.write_text(CITING, encoding="utf-8")
    (tmp_path / "refcheck.toml").write_text('[tool.refcheck]\nfail-on = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = cli("check", "--no-links", "--no-verify", "a.txt")
    assert res.exit_code == 2
    assert "without that header" in res.stderr and "pyproject.toml" in res.stderr
    assert "Traceback" not in res.stderr


def test_misspelt_configuration_key_names_the_close_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A misspelt key ("failon") listed every known key but did not say which was meant, while a
    misspelt rule name on the command line or in a suppression comment does ("did you mean")."""
    doc = tmp_path / "a.txt"
    doc.write_text(CITING, encoding="utf-8")
    (tmp_path / "refcheck.toml").write_text('failon = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = cli("check", "--no-links", "--no-verify", "a.txt")
    assert res.exit_code == 2
    assert "unknown key failon (did you mean fail-on?)" in res.stderr


def test_findings_of_a_latex_file_come_in_line_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The JSON contract lists each file's findings "sorted by line and column", but a missing
    \\input (whose finding names the document's own path) came after every finding that names none:
    line 5, 11, then 9 in a LaTeX project, in the JSON and on the terminal."""
    (tmp_path / "refs.bib").write_text(
        "@book{doe2005, author = {Doe, Jane}, title = {A Book}, publisher = {P}, year = {2005}}\n",
        encoding="utf-8",
    )
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\input{chapters/gone}\n"
        "Known \\cite{doe2005}.\nUnknown \\cite{nokey}.\n\\bibliography{refs}\n\\end{document}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    res = cli("check", "--no-links", "--no-verify", "--format", "json", "main.tex")
    import json

    (record,) = json.loads(res.stdout)["files"]
    got = [(f["rule"], f["line"]) for f in record["findings"]]
    assert got == [("missing-input", 3), ("missing-reference", 5)], got


def test_fix_says_why_its_status_is_1_with_nothing_to_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`refcheck fix` on a file with an error no fix removes said "0 files would be fixed (use
    --write)" and exited 1: the hint to write nothing, and no word of why the status was 1."""
    doc = tmp_path / "a.txt"
    doc.write_text(CITING.replace("Smith (2010)", "Smith (2010) and Jones (2011)"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = cli("fix", "--no-links", "--no-verify", "a.txt")
    assert res.exit_code == 1
    assert "use --write" not in res.stderr
    assert "1 finding at or above --fail-on remains that no safe fix removes" in res.stderr
    # a fix to make: the hint stays, and the finding it fixes is not counted as remaining
    seed = Path(__file__).resolve().parent.parent / "fixtures" / "000_bc11b8a9853f7d3f.txt"
    (tmp_path / "brief.txt").write_bytes(seed.read_bytes())
    res = cli("fix", "--no-links", "--no-verify", "brief.txt")
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines()[-1] == "1 file would be fixed (use --write)"


def test_pandoc_keys_without_bibliography_are_counted_as_keys() -> None:
    """A Markdown draft citing two keys three times without a bibliography was said to cite
    "3 pandoc key(s)": the citations were counted as keys."""
    from .conftest import check

    doc = check("---\ntitle: x\n---\n\nA claim [@smith2010; @doe2005]. Another [@doe2005].\n", "markdown")
    (finding,) = [f for f in doc.findings if f.rule == "empty-document"]
    assert "cites 2 pandoc key(s) in 3 citations such as '@smith2010'" in finding.message, finding.message


BIB = (
    "@book{doe2005, author = {Doe, Jane}, title = {A Book}, publisher = {P}, year = {2005}}\n"
    "\n"
    "% refcheck: ignore uncited-reference\n"
    "@book{extra2001, author = {Nobody, Ned}, title = {Further Reading}, publisher = {Q}, year = {2001}}\n"
)


def _rules_at(res_stdout: str) -> list[tuple[str, str, int]]:
    import json

    (record,) = json.loads(res_stdout)["files"]
    return [(f["rule"], f["path"], f["line"]) for f in record["findings"]]


def test_suppression_comment_of_a_page_does_not_silence_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A suppression comment at line 3 of a Markdown page silenced the finding at line 4 of the
    .bib it reads: the page's comments were matched by line number alone, whatever file the finding
    stands in. And the .bib's own "% refcheck: ignore" comment before an entry was never read."""
    (tmp_path / "refs.bib").write_text(
        BIB.replace("% refcheck: ignore uncited-reference\n", "\n"), encoding="utf-8"
    )
    (tmp_path / "page.md").write_text(
        "---\nbibliography: refs.bib\n---\n<!-- refcheck: ignore uncited-reference -->\nAs shown [@doe2005].\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    res = cli("check", "--no-links", "--no-verify", "--format", "json", "page.md")
    assert ("uncited-reference", "refs.bib", 4) in _rules_at(res.stdout)
    # the .bib's own comment silences its entry
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    res = cli("check", "--no-links", "--no-verify", "--format", "json", "page.md")
    assert [r for r in _rules_at(res.stdout) if r[0] == "uncited-reference"] == []


def test_suppression_comments_of_an_input_chapter_are_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a LaTeX project, "% refcheck: ignore missing-reference" in main.tex silenced the finding at
    the next line number of an \\input chapter, and the same comment in the chapter, before its own
    citation, silenced nothing."""
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "ch").mkdir()
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n% refcheck: ignore missing-reference\n"
        "Known \\cite{doe2005}.\n\\input{ch/one}\n\\bibliography{refs}\n\\end{document}\n",
        encoding="utf-8",
    )
    (tmp_path / "ch" / "one.tex").write_text(
        "a\nb\nc\nUnknown \\cite{nokey}.\n% refcheck: ignore missing-reference\nAgain \\cite{nokey2}.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    res = cli("check", "--no-links", "--no-verify", "--format", "json", "main.tex")
    assert _rules_at(res.stdout) == [("missing-reference", "ch/one.tex", 4)]
