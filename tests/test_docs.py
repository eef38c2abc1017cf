"""Generated documentation is up to date, and the README states what the project promises."""

from __future__ import annotations

import importlib.util

from refcheck import rules

from .conftest import ROOT


def _gen_rules():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_rules", ROOT / "docs" / "gen_rules.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_rules_md_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == _gen_rules().render(), "run: PYTHONPATH=src python docs/gen_rules.py --write"


def test_readme_rule_table_is_up_to_date() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _gen_rules().table("docs/rules.md") in readme


def test_readme_commands_and_sections() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert (
        "python3 -m venv .venv && . .venv/bin/activate && pip install . && "
        "refcheck check fixtures/000_bc11b8a9853f7d3f.txt"
    ) in readme
    assert "pip install -e '.[test]' && python -m pytest" in readme
    for heading in ("## Link checking", "## Formats", "## CI integrations", "## Exit codes"):
        assert heading in readme
    assert "docs/json-output.md" in readme


def test_readme_example_report_is_real(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from .conftest import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    monkeypatch.chdir(ROOT)
    out = cli("check", "--no-links", "fixtures/000_bc11b8a9853f7d3f.txt").stdout
    # the CLI prints paths as given; the README shows the command run from the repository root
    assert out in readme


def test_every_rule_is_documented_in_rules_md() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for name in rules.names():
        assert f"## {name}\n" in text


def test_ci_script_and_workflow_run_the_readme_test_command() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in run and "python -m pytest" in run
    wf = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "3.11" in wf and "3.12" in wf and "refcheck check --no-links" in wf
