"""Every rule is documented in fixed sections, and docs/rules.md is up to date."""

from __future__ import annotations

import importlib.util
import re

import pytest

from refcheck import rules

from .conftest import ROOT

SECTIONS = ("What it does", "Why is this bad", "Example (fails)", "Use instead")


@pytest.mark.parametrize("rule", rules.ALL, ids=lambda r: r.NAME)
def test_rule_docstring_has_every_section(rule: rules.Rule) -> None:
    doc = rule.__doc__ or ""
    assert doc.splitlines()[0].startswith(f"{rule.NAME}:")
    for section in SECTIONS:
        assert re.search(rf"^\s*{re.escape(section)}\s*$", doc, re.M), f"{rule.NAME} lacks {section!r}"
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)+", rule.NAME)


def test_rules_md_is_generated_from_the_registry() -> None:
    spec = importlib.util.spec_from_file_location("gen_rules", ROOT / "docs" / "gen_rules.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == module.render(), (
        "docs/rules.md is stale: run python docs/gen_rules.py > docs/rules.md"
    )


def test_unknown_rule_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known rules: ambiguous-citation"):
        rules.get("no-such-rule")
