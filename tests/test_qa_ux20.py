"""QA round ux20: refcheck as an author, a CI gate and an editor meet it (merge, the Python API, the
GitHub Action, the registry options). Each test failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from refcheck.cli import main
from tests.conftest import cli
from tests.verify.fakes import FakeRegistries
from tests.verify.test_verify import SMITH, SMITH_ENTRY, doc_with


def test_registry_answers_of_one_endpoint_are_not_reused_for_another(tmp_path: Path) -> None:
    """docs/verify.md lets the user choose the registries' endpoints (a mirror, a local fake); their
    answers were cached under the DOI alone, so a run against an endpoint that knew nothing left
    "no such work" for 7 days, and the next run against Crossref itself reported the real DOI as
    doi-not-found (an error on a correct entry) without asking."""
    from refcheck.verify.run import verify_documents

    with FakeRegistries([]) as empty:
        first = doc_with(SMITH_ENTRY)
        verify_documents([first], empty.verify_options(tmp_path))
    assert first.references[0].verification is not None
    assert first.references[0].verification.status == "not-found"
    with FakeRegistries([SMITH]) as real:
        second = doc_with(SMITH_ENTRY)
        verify_documents([second], real.verify_options(tmp_path))
        assert real.requests() > 0
    assert second.references[0].verification is not None
    assert second.references[0].verification.status == "verified"


CITING = "Smith (2010) said so.\n\nReferences\n\nSmith, J. (2010). A title. Journal, 1, 1-2.\n"


def test_github_summary_line_counts_unreadable_files(tmp_path: Path, monkeypatch) -> None:
    """`--format github` ended "refcheck: 1 file checked: 0 errors, ..." for two files named, one
    missing: the line the log shows last said nothing of the file that was not checked (the text
    summary says "; 1 file could not be read")."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.md").write_text(CITING, encoding="utf-8")
    result = cli("check", "--no-links", "--format", "github", "ok.md", "missing.md")
    assert result.exit_code == 2
    last = result.stdout.strip().splitlines()[-1]
    assert last == "refcheck: 1 file checked: 0 errors, 0 warnings, 0 info; 1 file could not be read"


def test_markdown_summary_verdict_follows_fail_on_and_unreadable_files(tmp_path: Path, monkeypatch) -> None:
    """The job summary (`--format markdown`) said "❌ findings" for a run that passed (info findings
    only, under the default --fail-on error) and for a run whose only problem was a file that could
    not be read (no finding at all)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "info.md").write_text(
        "Smith (2010) said so.\n\nReferences\n\nSmith, J. (2010). A title. Journal, 1, 1-2.\n\n"
        "Jones, K. (2011). Another title. Journal, 2, 3-4.\n",
        encoding="utf-8",
    )
    (tmp_path / "refcheck.toml").write_text('severity = {uncited-reference = "info"}\n', encoding="utf-8")
    passed = cli("check", "--no-links", "--format", "markdown", "info.md")
    assert passed.exit_code == 0
    assert "❌" not in passed.stdout and "✅" in passed.stdout
    failed = cli("check", "--no-links", "--format", "markdown", "--fail-on", "info", "info.md")
    assert failed.exit_code == 1 and "❌ findings" in failed.stdout
    # docs/integrations.md's summary step: `--fail-on never` keeps it green, the findings still said
    never = cli("check", "--no-links", "--format", "markdown", "--fail-on", "never", "info.md")
    assert never.exit_code == 0 and "⚠️ findings (--fail-on never" in never.stdout
    unreadable = cli("check", "--no-links", "--format", "markdown", "missing.md")
    assert unreadable.exit_code == 2
    assert "❌ findings" not in unreadable.stdout and "could not be read" in unreadable.stdout.splitlines()[2]


def _action_run(tmp_path: Path, paths: str, args: str, sarif: str = "true") -> tuple[int, str, str]:
    """The action's check step run with bash as the runner does: (status, GITHUB_OUTPUT, summary)."""
    import os
    import subprocess
    import sys

    import yaml

    root = Path(__file__).resolve().parents[1]
    action = yaml.safe_load((root / "action.yml").read_text())
    run = next(s for s in action["runs"]["steps"] if s.get("id") == "check")["run"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "refcheck"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m refcheck "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    output.write_text("")
    summary.write_text("")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(root / "src"),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "REFCHECK_PATHS": paths,
        "REFCHECK_FORMAT": "github",
        "REFCHECK_FAIL_ON": "error",
        "REFCHECK_ARGS": args,
        "REFCHECK_SARIF": sarif,
        "REFCHECK_SUMMARY": "true",
    }
    proc = subprocess.run(["bash", "-e", "-c", run], cwd=tmp_path, env=env, capture_output=True, text=True)
    return proc.returncode, output.read_text(), summary.read_text()


def test_the_actions_job_summary_and_sarif_upload_follow_the_run(tmp_path: Path) -> None:
    """The action rendered its job summary with --fail-on never, so a step that passed (info findings
    only) had a summary headed "❌ findings"; and with upload-sarif, a run that wrote no report (a
    misspelt option in `args`) still ran the upload step, which failed a second time on a
    refcheck.sarif that did not exist."""
    import shutil

    import pytest
    import yaml

    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    doc = tmp_path / "info.md"
    doc.write_text(
        "Smith (2010) said so.\n\nReferences\n\nSmith, J. (2010). A title. Journal, 1, 1-2.\n\n"
        "Jones, K. (2011). Another title. Journal, 2, 3-4.\n",
        encoding="utf-8",
    )
    (tmp_path / "refcheck.toml").write_text('severity = {uncited-reference = "info"}\n', encoding="utf-8")
    status, output, summary = _action_run(tmp_path, "info.md", "--no-links")
    assert status == 0 and "exit-code=0" in output and "sarif=true" in output
    assert "uncited-reference" in summary and "❌" not in summary
    status, output, summary = _action_run(tmp_path, "info.md", "--no-such-option")
    assert "exit-code=2" in output and "sarif=true" not in output
    action = yaml.safe_load((Path(__file__).resolve().parents[1] / "action.yml").read_text())
    upload = next(s for s in action["runs"]["steps"] if s.get("name") == "Upload SARIF")
    assert "steps.check.outputs.sarif == 'true'" in upload["if"]


def test_api_unknown_setting_names_the_close_one_and_only_usable_keys() -> None:
    """`refcheck.check_paths(paths, {"fail_on": "warning"})`, the spelling a Python caller writes,
    said "unknown key 'fail_on'" and listed every key without saying which was meant (a
    configuration file's misspelt key does), and the list offered extend-exclude and
    allow-nested-config, which the API then refuses as unknown."""
    import pytest

    import refcheck
    from refcheck.config import ConfigError

    with pytest.raises(ConfigError) as err:
        refcheck.check_paths([], {"fail_on": "warning"})
    assert "did you mean 'fail-on'?" in str(err.value)
    with pytest.raises(ConfigError) as err:
        refcheck.check_paths([], {"extend-exclude": ["x"]})
    assert "extend-exclude" not in str(err.value).split("known keys", 1)[1]


def test_the_dask_recipe_does_not_look_every_entry_up_in_the_registries(tmp_path: Path, monkeypatch) -> None:
    """docs/scale.md's recipe turned links off and left registry verification on: every worker
    looked every entry of a million articles up in Crossref and OpenAlex (network-bound, not the
    CPU cost the page computes, and no politeness towards the registries)."""
    import pytest

    distributed = pytest.importorskip("dask.distributed")
    from tests.test_dask import _recipe

    recipe = _recipe()
    seen = tmp_path / "settings.json"

    def check_partition(paths: list[str], settings: dict) -> list[str]:
        seen.write_text(json.dumps(dict(settings)))  # the task runs on a copy of this function
        return []

    monkeypatch.setattr(recipe, "check_partition", check_partition)
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        recipe.check_archive(client, ["a.md"], str(tmp_path / "out"))
    settings = json.loads(seen.read_text())
    assert settings["links"] is False and settings["verify"] is False


def test_merge_reads_a_report_on_standard_input(tmp_path: Path, monkeypatch) -> None:
    """`refcheck check --format json DIR | refcheck merge - --format sarif` (a report rendered
    again, as `refcheck check -` reads a document on standard input) said "-: cannot be read (No
    such file or directory)"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("Smith (2011) said so.\n\n" + CITING.split("\n\n", 1)[1], encoding="utf-8")
    report = cli("check", "--no-links", "--format", "json", "a.md")
    assert report.exit_code == 1
    merged = CliRunner().invoke(main, ["merge", "-", "--format", "concise"], input=report.stdout)
    assert merged.exit_code == 1, merged.output
    assert "a.md:1:1: error year-mismatch" in merged.stdout
    twice = CliRunner().invoke(main, ["merge", "-", "-"], input=report.stdout)
    assert twice.exit_code == 2 and "standard input" in twice.stderr


def test_list_files_keeps_a_path_that_does_not_exist(tmp_path: Path, monkeypatch) -> None:
    """`refcheck.list_files` ("the files check_paths would check") dropped a path that does not
    exist, where check_paths gives it an error record and exit status 2: the Dask recipe, which
    lists the archive with it, made a green report of 0 files from a misspelt archive path."""
    import refcheck

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CITING, encoding="utf-8")
    assert refcheck.check_paths(["archve/", "a.md"], {"links": False}).status == 2
    listed = refcheck.list_files(["archve/", "a.md"])
    assert listed == ["archve/", "a.md"]
    records = list(refcheck.iter_check(listed, {"links": False}))
    assert records == refcheck.check_paths(["archve/", "a.md"], {"links": False}).files


def test_a_shard_that_holds_none_of_the_files_says_so(tmp_path: Path, monkeypatch) -> None:
    """`refcheck check --shard 2/2 a.md` with a.md in shard 1 said "0 files checked: 0 errors, ..."
    and exited 0, without a word of why the file named was not checked (a CI matrix job that looks
    green for nothing)."""
    from refcheck.shard import shard_of

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CITING, encoding="utf-8")
    other = 3 - shard_of("a.md", 2)
    res = cli("check", "--no-links", "--shard", f"{other}/2", "a.md")
    assert res.exit_code == 0
    assert f"shard {other}/2 holds none of the 1 file found (the other shards check it)" in res.stderr
    held = cli("check", "--no-links", "--shard", f"{3 - other}/2", "a.md")
    assert "holds none" not in held.stderr
