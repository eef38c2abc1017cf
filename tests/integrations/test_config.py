from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from refcheck.config import SCHEMA, Config, ConfigError, find_config, load_config, toml_value


def test_pyproject_table_found_upward(tmp_path: Path, mini: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.refcheck]\nignore = ["uncited-reference"]\n')
    sub = tmp_path / "docs" / "deep"
    sub.mkdir(parents=True)
    doc = sub / "a.txt"
    doc.write_text(mini.read_text())
    assert find_config(doc) == tmp_path / "pyproject.toml"
    assert load_config(tmp_path / "pyproject.toml").options_for(doc).ignore == ["uncited-reference"]


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "refcheck.toml").write_text("fail-on = 'warning'\n")
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname='x'\n")
    assert find_config(sub / "a.txt") == tmp_path / "refcheck.toml"


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("colour = 1\n", "unknown key colour"),
        ("ignore = ['no-such-rule']\n", "ignore: unknown rule 'no-such-rule'"),
        ("severity = {year-mismatch = 'fatal'}\n", "severity of 'year-mismatch'"),
        ("fail-on = 'sometimes'\n", "fail-on: expected one of"),
        ("timeout = -1\n", "timeout: expected a positive number"),
        ("timeout = nan\n", "timeout: expected a positive number"),
        ("cache-max-age = 'soon'\n", "cache-max-age"),
        ("[[overrides]]\npaths = ['x']\nbibliography = []\n", "overrides[0].bibliography"),
        ("[[overrides]]\nignore = []\n", "overrides[0].paths"),
        ("ignore = [\n", "not valid TOML"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / "refcheck.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert str(path) in str(exc.value)
    assert needle in str(exc.value)


def test_overrides_apply_by_path(tmp_path: Path) -> None:
    cfg_path = tmp_path / ".refcheck.toml"
    cfg_path.write_text(
        "severity = {uncited-reference = 'error'}\n"
        "[[overrides]]\npaths = ['drafts/*.md']\nignore = ['uncited-reference']\n"
    )
    cfg = load_config(cfg_path)
    assert cfg.options_for(tmp_path / "drafts" / "a.md").ignore == ["uncited-reference"]
    assert cfg.options_for(tmp_path / "final" / "a.md").ignore == []
    assert cfg.options_for(tmp_path / "final" / "a.md").severity == {"uncited-reference": "error"}


def test_command_line_wins(tmp_path: Path) -> None:
    cfg_path = tmp_path / "refcheck.toml"
    cfg_path.write_text("fail-on = 'warning'\n[[overrides]]\npaths = ['*.txt']\nfail-on = 'never'\n")
    cfg = load_config(cfg_path).with_command_line({"fail-on": "error"})
    assert cfg.effective(tmp_path / "a.txt")["fail-on"] == "error"
    assert cfg.sources["fail-on"] == "command line"


def test_link_keys_validated_and_durations_parsed(tmp_path: Path) -> None:
    path = tmp_path / "refcheck.toml"
    path.write_text(
        "exclude = ['example\\\\.org']\ntimeout = 5\nmax-concurrency = 4\nper-host = 1\n"
        "accept = [200, 429]\narchive = false\ncache-max-age = '7d'\n"
    )
    cfg = load_config(path)
    assert cfg.values["cache-max-age"] == 7 * 86400
    assert cfg.values["accept"] == [200, 429]
    assert cfg.options_for("a.txt").links is True  # passes through without link fields existing yet


def test_defaults_pass_their_own_checks() -> None:
    for key in SCHEMA.values():
        if key.default is not None:
            assert key.check(key.default) == key.default, key.name


def test_toml_value_round_trips() -> None:
    value = {"a": ['x"y', 1, 2.5, True], "b": {"c": "é"}}
    assert tomllib.loads(f"v = {toml_value(value)}")["v"] == value


def test_config_command_prints_toml_and_sources(
    cli: Callable[..., Result], tmp_path: Path, mini: Path
) -> None:
    (tmp_path / "refcheck.toml").write_text("ignore = ['uncited-reference']\n")
    res = cli("config", str(mini))
    assert res.exit_code == 0
    assert "refcheck.toml" in res.output
    data = tomllib.loads(res.output)["tool"]["refcheck"]
    assert data["ignore"] == ["uncited-reference"]
    assert data["fail-on"] == "error"
    assert "# default" in res.output


def test_cli_uses_config_and_bad_config_exits_2(
    cli: Callable[..., Result], tmp_path: Path, mini: Path
) -> None:
    assert "uncited-reference" in cli("check", "--no-links", str(mini)).output
    (tmp_path / "refcheck.toml").write_text("ignore = ['uncited-reference']\nfail-on = 'never'\n")
    res = cli("check", "--no-links", str(mini))
    assert "uncited-reference" not in res.output
    assert "year-mismatch" in res.output
    assert res.exit_code == 0  # fail-on = never from the file
    assert cli("check", "--no-links", "--fail-on", "error", str(mini)).exit_code == 1
    (tmp_path / "refcheck.toml").write_text("nonsense = 1\n")
    res = cli("check", "--no-links", str(mini))
    assert res.exit_code == 2
    assert "unknown key nonsense" in res.output


def test_empty_config_object() -> None:
    assert Config().options_for(None).select is None
