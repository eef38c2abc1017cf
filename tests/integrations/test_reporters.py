from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from click.testing import Result

from refcheck import rules
from refcheck.pipeline import CheckOptions, check_paths
from refcheck.reporters import REPORTERS, full, github

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"


def test_sarif_validates_against_schema(seed: Path) -> None:
    results = check_paths([str(seed), str(seed.parent / "missing.txt")])
    log = json.loads(REPORTERS["sarif"](results))
    jsonschema.validate(log, json.loads(SCHEMA.read_text()))
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]][: len(rules.ALL)] == rules.names()
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"][: len(rules.ALL)])
    year = next(r for r in run["results"] if r["ruleId"] == "year-mismatch")
    assert year["locations"][0]["physicalLocation"]["region"] == {"startLine": 16, "startColumn": 297}
    assert year["level"] == "error"
    assert re.fullmatch(r"[0-9a-f]{32}", year["partialFingerprints"]["refcheckFingerprint/v1"])
    assert run["invocations"][0]["executionSuccessful"] is False


def test_sarif_schema_rejects_broken_log(seed: Path) -> None:
    log = json.loads(REPORTERS["sarif"](check_paths([str(seed)])))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, json.loads(SCHEMA.read_text()))


def test_github_commands_and_escaping(seed: Path) -> None:
    out = REPORTERS["github"](check_paths([str(seed)]))
    assert re.search(
        r"^::error file=[^,]*seed\.txt,line=16,col=297,title=refcheck year-mismatch::\"Martínez-Díaz 2008\"",
        out,
        re.M,
    )
    assert "::warning " in out and "uncited-reference" in out
    assert github.escape_data("50%\r\nx") == "50%25%0D%0Ax"
    assert github.escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert github.command("error", "m\nn", file="x,y.txt", line=None) == "::error file=x%2Cy.txt::m%0An"


def test_junit_one_case_per_file_and_rule(seed: Path, mini: Path, tmp_path: Path) -> None:
    many = tmp_path / "many.txt"  # three uncited entries: one failing test case, not three failures
    many.write_text(
        "Trade grew (Smith 2001).\n\nReferences\n\nSmith, J. (2001) A.\n\nHyde, H. (2002) B.\n\n"
        "Ames, A. (2003) C.\n\nBose, B. (2004) D.\n",
        encoding="utf-8",
    )
    clean = tmp_path / "clean.txt"
    clean.write_text("Trade grew (Smith 2001).\n\nReferences\n\nSmith, J. (2001) A.\n", encoding="utf-8")
    paths = [seed, mini, many, clean, seed.parent / "nope.txt"]
    results = check_paths([str(p) for p in paths])
    root = ET.fromstring(REPORTERS["junit"](results, fail_on="warning"))
    cases = root.findall(".//testcase")
    named = {(Path(c.get("classname", "")).name, c.get("name")) for c in cases}
    assert named == {
        ("seed.txt", "year-mismatch"),
        ("seed.txt", "uncited-reference"),
        ("mini.txt", "year-mismatch"),
        ("mini.txt", "uncited-reference"),
        ("many.txt", "uncited-reference"),
        ("clean.txt", "all rules"),
        ("nope.txt", "readable"),
    }
    assert root.get("tests") == "7" and root.get("failures") == "5" and root.get("errors") == "1"
    assert int(root.get("failures", "0")) <= int(root.get("tests", "0"))
    many_case = next(c for c in cases if c.get("classname", "").endswith("many.txt"))
    failure = many_case.find("failure")
    assert failure is not None and failure.get("message", "").startswith("3 findings, worst warning: ")
    assert (failure.text or "").count("\n") == 2  # the three findings, one line each

    # at the default --fail-on error, warnings are listed but do not fail: the report agrees with
    # the exit status (the seed's year mismatch is an error, its uncited entry a warning)
    by_default = ET.fromstring(REPORTERS["junit"](results))
    assert by_default.get("tests") == "7" and by_default.get("failures") == "2"
    for case in by_default.findall(".//testcase"):
        if case.get("name") == "uncited-reference":
            assert case.find("failure") is None
            assert "listed but never cited" in (case.findtext("system-out") or "")
    # each file's own threshold (set by its config) decides for that file
    per_file = {str(seed): "warning"}
    assert ET.fromstring(REPORTERS["junit"](results, fail_on=per_file)).get("failures") == "3"
    assert ET.fromstring(REPORTERS["junit"](results, fail_on="never")).get("failures") == "0"


def test_junit_cli_follows_fail_on(seed: Path) -> None:
    from click.testing import CliRunner

    from refcheck.cli import main

    for fail_on, failures in (("error", "1"), ("warning", "2")):
        res = CliRunner().invoke(
            main, ["check", "--no-links", "--format", "junit", "--fail-on", fail_on, str(seed)]
        )
        assert res.exit_code == 1, res.output
        assert f'failures="{failures}"' in res.output


def test_markdown_summary(seed: Path) -> None:
    out = REPORTERS["markdown"](check_paths([str(seed)]))
    assert out.startswith("## refcheck")
    assert "| `year-mismatch` | 1 |" in out
    assert "Martínez-Díaz 2008" in out


def test_markdown_escapes_pipes() -> None:
    from refcheck.reporters.markdown import cell

    assert cell("a|b\nc") == "a\\|b c"


def test_markdown_never_mentions_a_user() -> None:
    """Document text in a finding ("[@octocat2020]", a URL with user-info) must not @-mention, and
    notify, a GitHub user when the summary is posted as a pull-request comment."""
    from refcheck.reporters.markdown import cell

    out = cell('"[@octocat2020]" cites http://me@example.org/')
    assert "octocat2020" in out and "example.org" in out
    assert re.search(r"@[A-Za-z0-9]", out) is None


def test_full_report_has_source_and_caret(seed: Path) -> None:
    out = full.render(check_paths([str(seed)]))
    lines = out.splitlines()
    i = next(i for i, ln in enumerate(lines) if "year-mismatch" in ln)
    src, marker = lines[i + 1], lines[i + 2]
    col = src.index("(Martínez-Díaz 2008)") + 1
    assert marker[col:].startswith("^" * len("Martínez-Díaz 2008"))
    assert marker[col + len("Martínez-Díaz 2008") :].strip() == ""
    assert "suggestion: Martínez-Díaz 2007" in out
    assert "Summary" in out and "year-mismatch" in lines[-3] + lines[-2]
    assert "\x1b[" not in out


def test_full_report_places_bib_findings_without_a_column() -> None:
    """A .bib entry's finding has a line and no column: shown as brief.bib:32, not brief.bib:32:None."""
    tex = Path(__file__).resolve().parents[2] / "fixtures" / "formats" / "latex" / "brief.tex"
    out = full.render(check_paths([str(tex)], CheckOptions(links=False)))
    assert "None" not in out
    assert re.search(r"^  \S*brief\.bib:32 +info +uncited-reference", out, re.M), out


@pytest.mark.parametrize(
    ("name", "command"), [("my brief.txt", "'my brief.txt'"), ("-draft.txt", "./-draft.txt")]
)
def test_fix_hint_is_a_command_that_works(
    cli: Callable[..., Result], tmp_path: Path, seed: Path, name: str, command: str
) -> None:
    """The hint is copied into a shell: a name with a space is quoted, one starting with '-' is not
    taken for an option; and the command it names does fix the file."""
    seed.rename(tmp_path / name)
    res = cli("check", "--no-links", "--format", "full", "--", name)
    hint = next(ln for ln in res.output.splitlines() if "fixable:" in ln)
    assert hint.endswith(f"refcheck fix {command}"), hint
    args = shlex.split(hint.split("fixable: ", 1)[1])[1:]
    fixed = cli(*args[:1], "--no-links", *args[1:])
    assert "Martínez-Díaz 2007" in fixed.output, fixed.output


def test_piped_text_stays_one_line_per_finding(cli: Callable[..., Result], seed: Path) -> None:
    res = cli("check", "--no-links", str(seed))
    assert res.exit_code == 1
    assert re.search(r"^\S*seed\.txt:16:297: error year-mismatch ", res.output, re.M)
    assert "│" not in res.output
    full_out = cli("check", "--no-links", "--format", "full", str(seed)).output
    assert "^^^^" in full_out


def test_output_file_keeps_terminal_text(cli: Callable[..., Result], tmp_path: Path, seed: Path) -> None:
    res = cli("check", "--no-links", "--format", "sarif", "--output", "out.sarif", str(seed))
    assert res.exit_code == 1
    assert "seed.txt:16:297: error year-mismatch" in res.output
    assert json.loads((tmp_path / "out.sarif").read_text())["version"] == "2.1.0"


def test_rules_and_explain(cli: Callable[..., Result]) -> None:
    out = cli("rules").output
    assert re.search(r"^year-mismatch\s+error\s+A citation", out, re.M)
    explained = cli("explain", "year-mismatch").output
    assert "Why is this bad" in explained and "Use instead" in explained
    assert cli("explain", "nope").exit_code == 2


def test_sarif_uris_are_percent_encoded(cli: Callable[..., Result], tmp_path: Path) -> None:
    import os

    names = ["my paper ä.txt", os.fsdecode(b"\xff%#.txt")]
    for name in names:
        (tmp_path / name).write_text(
            "Growth (Smith 2008).\n\nReferences\n\nSmith, J. (2007) T.\n", encoding="utf-8"
        )
    res = cli("check", "--no-links", "--format", "sarif", *names)
    log = json.loads(res.stdout)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]
    }
    assert uris == {"my%20paper%20%C3%A4.txt", "%FF%25%23.txt"}
    jsonschema.validate(log, json.loads(SCHEMA.read_text()))
