"""citation-syntax: pandoc keys written in the suffix of the key before them ("[@a, @b]")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from refcheck.loaders import LOADERS
from refcheck.pipeline import analyse

REFS = (
    "---\nreferences:\n"
    "- {id: meier2022, type: book, title: One, issued: 2022, author: [{family: Meier, given: A}]}\n"
    "- {id: lee2019, type: book, title: Two, issued: 2019, author: [{family: Lee, given: B}]}\n"
    "---\n\n"
)


def check(body: str, fmt: str = "markdown", name: str = "paper.md") -> list[tuple[str, str, str]]:
    doc = analyse(LOADERS[fmt](name, (REFS + body).encode()))
    return [(f.rule, str(f.severity), f.message) for f in doc.findings]


def test_a_key_after_a_comma_is_said_once_and_still_cites_its_entry() -> None:
    # (Austrian Corona Panel's manuscript.Rmd: "[@meier...2022, @valkenburg...2022]"; the rendered
    # HTML cites only the first; the second entry is not also reported as uncited)
    found = check("Screen time has small effects [@meier2022, @lee2019].\n")
    assert [(r, s) for r, s, _ in found] == [("citation-syntax", "warning")]
    assert "@lee2019 as part of the suffix of @meier2022" in found[0][2]
    assert "[@meier2022; @lee2019]" in found[0][2]


def test_the_fix_writes_the_semicolon_only_where_nothing_else_stands_between() -> None:
    doc = analyse(
        LOADERS["markdown"](
            "p.md", (REFS + "A [@meier2022, @lee2019] and B [see @meier2022, p. 3 @lee2019].\n").encode()
        )
    )
    fixes = [f.fix for f in doc.findings if f.rule == "citation-syntax"]
    assert len(fixes) == 2
    assert fixes[1] is None  # (a locator between: the author decides where it belongs)
    assert fixes[0] is not None
    start, end, new = fixes[0]
    assert doc.text[start:end] == ", " and new == "; "


def test_an_escaped_semicolon_is_no_separator_and_a_plain_one_is() -> None:
    assert [r for r, _, _ in check("A [@meier2022\\; see also @lee2019].\n")] == ["citation-syntax"]
    assert check("A [@meier2022;@lee2019] and [@meier2022; -@lee2019].\n") == []


def test_the_locator_of_the_key_before_stops_at_the_key_in_its_suffix() -> None:
    doc = analyse(LOADERS["markdown"]("p.md", (REFS + "A [@meier2022, p. 3 @lee2019].\n").encode()))
    assert [c.locator for c in doc.citations] == ["p. 3", None]


def test_latex_keys_are_latex_s_to_read() -> None:
    tex = "\\documentclass{article}\\begin{document}\nA [@meier2022, @lee2019].\n\\end{document}\n"
    doc = analyse(LOADERS["latex"]("p.tex", tex.encode()))
    assert not [f for f in doc.findings if f.rule == "citation-syntax"]


@given(st.lists(st.sampled_from(["meier2022", "lee2019"]), min_size=1, max_size=4))
def test_keys_separated_by_semicolons_are_never_in_a_suffix(keys: list[str]) -> None:
    body = "A [" + "; ".join(f"see @{k}, p. 2" for k in keys) + "].\n"
    assert "citation-syntax" not in [r for r, _, _ in check(body)]


def test_the_rule_is_documented() -> None:
    from refcheck import rules

    rule = rules.get("citation-syntax")
    assert rule is not None and "Example (fails)" in (rule.__doc__ or "")
