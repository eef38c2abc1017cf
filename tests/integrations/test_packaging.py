from __future__ import annotations

import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]


def test_action_is_composite_with_inputs() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"paths", "format", "fail-on", "args", "upload-sarif"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    install = next(s for s in steps if s.get("name") == "Install refcheck")
    assert "github.action_path" in install["run"]
    run = next(s for s in steps if s.get("id") == "check")["run"]
    assert "refcheck check --format" in run and "--format sarif --output refcheck.sarif" in run
    # every shell step declares its shell (required in composite actions)
    assert all("shell" in s for s in steps if "run" in s)


def test_action_formats_exist() -> None:
    from refcheck.reporters import REPORTERS

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["inputs"]["format"]["default"] in REPORTERS
    for name in ("github", "sarif", "markdown", "junit", "html", "json", "text"):
        assert name in REPORTERS


def test_pre_commit_hook_covers_supported_types() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "refcheck")
    assert hook["entry"].startswith("refcheck check")
    assert hook["language"] == "python"
    pattern = re.compile(hook["files"])
    for name in ("a.txt", "b.md", "c.html", "d.tex", "e.bib", "f.docx", "g.xml", "dir/h.markdown"):
        assert pattern.search(name), name
    for name in ("a.py", "b.png", "mdx.json"):
        assert not pattern.search(name), name
