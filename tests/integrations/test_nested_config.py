"""Trusting the checked tree: a refcheck.toml added below the project root cannot open the gate.

The hostile pull request: a ``docs/refcheck.toml`` that downgrades every rule to info, sets
fail-on = "never", points the bibliography outside the repository and sets an enormous timeout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from refcheck.cli import main
from refcheck.config import LIMITS, ConfigError, Resolver, load_config
from refcheck.project import project_root

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "000_bc11b8a9853f7d3f.txt"

HOSTILE = """
fail-on = "never"
severity = { year-mismatch = "info", uncited-reference = "info" }
bibliography = ["/etc/passwd"]
links = true
timeout = 300
max-file-size = 1
allow-nested-config = true
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "docs" / "sub").mkdir(parents=True)
    shutil.copy(SEED, root / "docs" / "brief.txt")
    shutil.copy(SEED, root / "docs" / "sub" / "brief.txt")
    monkeypatch.chdir(root)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return root


def check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--no-links", "--format", "concise", *args])


def test_project_root_is_the_nearest_git_checkout(repo: Path, tmp_path: Path) -> None:
    assert project_root(repo / "docs" / "sub") == repo.resolve()
    plain = tmp_path / "plain"
    plain.mkdir()
    assert project_root(plain) == plain.resolve()


def test_hostile_nested_config_cannot_open_the_gate(repo: Path) -> None:
    (repo / "docs" / "refcheck.toml").write_text(HOSTILE)
    res = check("docs")
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "error year-mismatch" in res.stdout and "warning uncited-reference" in res.stdout
    assert "file could not be read" not in res.stdout  # max-file-size = 1 was not taken
    notes = [ln for ln in res.stderr.splitlines() if "docs/refcheck.toml" in ln]
    assert any("allow-nested-config, bibliography, links, max-file-size, timeout ignored" in n for n in notes)
    assert any("fail-on = 'never' ignored" in n for n in notes)
    assert any("severity of year-mismatch = 'info' ignored" in n for n in notes)


def test_nested_config_limited_even_without_a_root_config(repo: Path) -> None:
    (repo / "docs" / "sub" / "refcheck.toml").write_text(HOSTILE)
    res = check("docs/sub")
    assert res.exit_code == 1 and "error year-mismatch" in res.stdout


def test_nested_config_chooses_rules_for_its_own_subtree(repo: Path) -> None:
    (repo / "docs" / "sub" / "refcheck.toml").write_text(
        'ignore = ["uncited-reference"]\nseverity = { year-mismatch = "error" }\n'
    )
    res = check("docs")
    lines = res.stdout.splitlines()
    assert any(ln.startswith("docs/brief.txt") and "uncited-reference" in ln for ln in lines)
    assert not any(ln.startswith("docs/sub/brief.txt") and "uncited-reference" in ln for ln in lines)
    assert res.stderr == ""


def test_nested_config_may_be_stricter(repo: Path) -> None:
    (repo / "refcheck.toml").write_text('fail-on = "error"\n')
    (repo / "docs" / "refcheck.toml").write_text(
        'fail-on = "warning"\nseverity = { uncited-reference = "error" }\n'
        '[[overrides]]\npaths = ["sub/*"]\nfail-on = "never"\nseverity = { year-mismatch = "info" }\n'
    )
    res = check("docs")
    assert res.exit_code == 1
    assert "docs/brief.txt:47:1: error uncited-reference" in res.stdout
    # its own overrides are limited the same way
    assert "docs/sub/brief.txt:16:297: error year-mismatch" in res.stdout
    assert "overrides: severity of year-mismatch = 'info' ignored" in res.stderr


def test_root_config_may_lower_severities_itself(repo: Path) -> None:
    (repo / "refcheck.toml").write_text('severity = { year-mismatch = "warning" }\n')
    res = check("docs")
    assert res.exit_code == 0 and "warning year-mismatch" in res.stdout


def test_allow_nested_config_trusts_nested_files(repo: Path) -> None:
    (repo / "refcheck.toml").write_text("allow-nested-config = true\n")
    (repo / "docs" / "refcheck.toml").write_text('severity = { year-mismatch = "info" }\n')
    res = check("docs")
    assert res.exit_code == 0 and "info year-mismatch" in res.stdout
    # still never a bibliography outside the project
    (repo / "docs" / "refcheck.toml").write_text('bibliography = ["../../outside.bib"]\n')
    res = check("docs")
    assert res.exit_code == 2 and "outside the project root" in res.stderr


def test_config_outside_the_project_is_trusted(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SEED, other / "brief.txt")
    (other / "refcheck.toml").write_text('severity = { year-mismatch = "info" }\n')
    res = check(str(other / "brief.txt"))
    assert "info year-mismatch" in res.stdout


def test_explicit_config_is_trusted_and_alone(repo: Path) -> None:
    (repo / "docs" / "refcheck.toml").write_text('severity = { year-mismatch = "info" }\n')
    (repo / "mine.toml").write_text('severity = { year-mismatch = "warning" }\n')
    res = check("--config", "mine.toml", "docs")
    assert "warning year-mismatch" in res.stdout and res.stderr == ""


@pytest.mark.parametrize(
    ("key", "value"),
    [("timeout", 100000), ("max-concurrency", 100000), ("per-host", 1000), ("max-file-size", 1 << 40)],
)
def test_numeric_limits_are_capped_in_every_config(tmp_path: Path, key: str, value: int) -> None:
    p = tmp_path / "refcheck.toml"
    p.write_text(f"{key} = {value}\n")
    with pytest.raises(ConfigError, match=f"{key}: at most"):
        load_config(p)
    p.write_text(f"{key} = {LIMITS[key]}\n")
    assert load_config(p).values[key] == LIMITS[key]


def test_refcheck_config_shows_the_nested_file(repo: Path) -> None:
    (repo / "docs" / "refcheck.toml").write_text('ignore = ["footnote-order"]\ntimeout = 5\n')
    res = CliRunner().invoke(main, ["config", "docs/brief.txt"])
    assert res.exit_code == 0, res.stderr
    assert "# nested configuration" in res.stdout and "docs/refcheck.toml" in res.stdout
    assert 'ignore = ["footnote-order"]' in res.stdout
    assert "timeout = 10.0  # default" in res.stdout


def test_resolver_reads_each_file_once(repo: Path) -> None:
    (repo / "docs" / "refcheck.toml").write_text('ignore = ["footnote-order"]\n')
    resolver = Resolver(None, repo)
    a = resolver.for_path(repo / "docs" / "brief.txt")
    b = resolver.for_path(repo / "docs" / "other.txt")
    assert a is b and [layer.path.name for layer in a.nested] == ["refcheck.toml"]


def test_configs_found_once_per_directory_are_those_found_each_time(tmp_path: Path) -> None:
    """config.find_configs with a run's memo of searched directories (Resolver) gives, for every
    file, the list a fresh search gives: nearest first, one per directory, across shared parents,
    siblings and a pyproject.toml without a [tool.refcheck] table."""
    from refcheck.config import find_configs

    (tmp_path / "refcheck.toml").write_text("", encoding="utf-8")
    for d in ("a", "a/b", "a/b/c", "a/x", "d"):
        (tmp_path / d).mkdir()
    (tmp_path / "a" / "b" / ".refcheck.toml").write_text("", encoding="utf-8")
    (tmp_path / "a" / "x" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "d" / "pyproject.toml").write_text("[tool.refcheck]\n", encoding="utf-8")
    files = []
    for d in ("a/b/c", "a/b", "a", "a/x", "d", "a/b/c", "."):
        f = tmp_path / d / "doc.md"
        f.write_text("x\n", encoding="utf-8")
        files.append(f)
    seen: dict[Path, list[Path]] = {}
    for f in files:
        assert find_configs(f, seen) == find_configs(f), f
    assert find_configs(files[0], seen)[:2] == [
        tmp_path / "a" / "b" / ".refcheck.toml",
        tmp_path / "refcheck.toml",
    ]
