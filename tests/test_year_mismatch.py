"""year-mismatch: what the finding says, beyond the rule cases (tests/rules/cases)."""

from __future__ import annotations

from .conftest import check


def test_a_citation_of_an_entry_without_a_year_says_so_plainly() -> None:
    doc = check(
        "Plots were drawn with ggplot2 (Wickham 2016).\n\nReferences\n\n"
        "Wickham, H. ggplot2: Elegant Graphics for Data Analysis. New York: Springer.\n"
    )
    (finding,) = doc.findings
    assert finding.rule == "year-mismatch"
    assert "None" not in finding.message and "gives no year" in finding.message
    assert finding.suggestion is None
