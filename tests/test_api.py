"""The library entry point: refcheck.check_paths and friends give the JSON contract's records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import refcheck
from refcheck.errors import UsageError

from .conftest import FIXTURES, ROOT, SEED, cli


def test_check_paths_is_the_json_report_of_check(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    report = refcheck.check_paths(["fixtures", "no-such.txt"], {"links": False})
    assert capsys.readouterr() == ("", "")  # nothing printed
    res = cli("check", "--no-links", "--format", "json", "fixtures", "no-such.txt")
    assert json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n" == res.stdout
    assert report.status == res.exit_code == 2
    assert report.summary["unreadable"] == 1
    assert refcheck.summarize(report.files) == report.summary


def test_settings_are_the_configuration_keys() -> None:
    quiet = refcheck.check_paths([SEED], {"links": False, "select": ["year-mismatch"], "fail-on": "never"})
    assert [f["rule"] for f in quiet.files[0]["findings"]] == ["year-mismatch"]
    assert quiet.status == 0
    assert refcheck.check_paths([SEED], {"links": False, "fail-on": "warning"}).status == 1
    for bad in ({"no-such-key": 1}, {"select": ["no-such-rule"]}, {"links": "yes"}, {"jobs": 0}):
        with pytest.raises(UsageError):
            refcheck.check_paths([SEED], bad)
    with pytest.raises(TypeError):
        refcheck.check_paths(str(SEED))  # type: ignore[arg-type]


def test_a_configuration_file_is_found_or_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    doc = tmp_path / "brief.txt"
    doc.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "refcheck.toml").write_text('ignore = ["uncited-reference"]\n', encoding="utf-8")
    found = refcheck.check_paths([doc], {"links": False})
    assert {f["rule"] for f in found.files[0]["findings"]} == {"year-mismatch"}
    other = tmp_path / "other.toml"
    other.write_text('select = ["uncited-reference"]\n', encoding="utf-8")
    named = refcheck.check_paths([doc], {"links": False}, config=other)
    assert {f["rule"] for f in named.files[0]["findings"]} == {"uncited-reference"}


def test_iter_check_and_list_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    files = refcheck.list_files(["fixtures"])
    assert files == sorted(files) and "fixtures/formats/pandoc/refs.bib" not in files
    streamed = list(refcheck.iter_check(files, {"links": False}))
    assert streamed == refcheck.check_paths(["fixtures"], {"links": False}).files
    one_by_one = [refcheck.check_paths([f], {"links": False}).files[0] for f in files]
    assert one_by_one == streamed  # a split of the files gives the same records


def test_jobs_gives_the_same_records() -> None:
    assert (
        refcheck.check_paths([FIXTURES], {"links": False}, jobs=2).files
        == refcheck.check_paths([FIXTURES], {"links": False}).files
    )
