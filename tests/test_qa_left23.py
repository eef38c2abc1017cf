"""Known false alarms and misses left from earlier QA rounds (round 23): each test is the smallest form
of what a real document did, written afresh, and failed before its fix."""

from __future__ import annotations

from pathlib import Path

from refcheck.extract.reference_list import looks_like_entry

from .projects import findings, write


def _loud(path: Path) -> list[tuple[str, str, str]]:
    return [f for f in findings(path) if f[1] != "info"]


# --- 1. an ACM-style list, given names first, under a heading refcheck does not know ------------------
# A Markdown essay lists its works under "## Citations", ACM's way: "Magne Jorgensen. 2004. A review
# ... Journal of Systems and Software 70, 1 (2004), 37–60." The bracketed year is the journal's, after
# the title; refcheck took it for the entry's year, found a sentence before it and no entry in the
# list: "no reference list" (an error), and a misspelt name went unnoticed.

_ACM = (
    "# Estimating software cost\n\n"
    "Cost models have a long history (Hihn and Habib-Agahi 2011). Expert judgement remains common\n"
    "(Jorgensen 2004), and parametric models were surveyed by Boehm et al. (2000). Later work\n"
    "compared both approaches (Menzies and Hinn 2006).\n\n"
    "## Citations\n\n"
    "Jairus Hihn and Hamid Habib-Agahi. 2011. Cost estimation of software intensive projects: a survey of "
    "current practices. In Proceedings of the 13th International Conference on Software Engineering. "
    "IEEE, 276–287.\n\n"
    "Magne Jorgensen. 2004. A review of studies on expert estimation of software development effort. "
    "Journal of Systems and Software 70, 1 (2004), 37–60.\n\n"
    "Barry Boehm, Chris Abts, and Sunita Chulani. 2000. Software development cost estimation approaches: "
    "a survey. Annals of Software Engineering 10, 1 (2000), 177–205.\n\n"
    "Tim Menzies and Jairus Hihn. 2006. Evidence-based cost estimation for better-quality software. IEEE "
    "Software 23, 4 (2006), 64–66.\n\n"
    "Tom DeMarco. 1982. Controlling Software Projects. Yourdon Press, New York.\n"
)


def test_an_acm_entry_with_the_journal_year_in_brackets_looks_like_an_entry() -> None:
    assert looks_like_entry(
        "Magne Jorgensen. 2004. A review of studies on expert estimation of software development effort. "
        "Journal of Systems and Software 70, 1 (2004), 37–60."
    )
    # (a sentence with a citation in it is still none)
    assert not looks_like_entry("It grew fast. 2010. Then trade fell (2011).")


def test_an_acm_list_under_citations_is_read_with_its_authors(tmp_path: Path) -> None:
    write(tmp_path, {"essay.md": _ACM})
    loud = _loud(tmp_path / "essay.md")
    assert sorted((rule, severity) for rule, severity, _ in loud) == [
        ("author-mismatch", "error"),
        ("uncited-reference", "warning"),
    ], loud
    assert any("did you mean Menzies and Hihn 2006" in m for _, _, m in loud)
    assert any(m.startswith("DeMarco 1982") for _, _, m in loud)
