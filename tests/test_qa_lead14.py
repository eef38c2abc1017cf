"""The lead's QA round of the session: left14's year ranges tried the other way, ux14's leftovers."""

from __future__ import annotations

from refcheck.model import Severity
from refcheck.pipeline import check_text


def _missing(text: str) -> list[tuple[str, Severity]]:
    doc = check_text(text, "markdown", "a.md")
    return [(f.message.split('"')[1], f.severity) for f in doc.findings if f.rule == "missing-reference"]


def test_a_name_no_entry_has_with_a_span_of_years_is_info() -> None:
    # a season or a term the prose names: "The Premier League (2010-11)", "La Liga (2011–2012)" were
    # missing-reference errors (the short range since year ranges are read as citations)
    text = (
        "# Football finances\n\nThe Premier League (2010-11) recorded losses, as did La Liga (2011–2012). "
        "Club debt was studied by Smith (2010).\n\n## References\n\n"
        "Smith, J. (2010). Football finance. Journal of Sport Economics, 11(2), 1–20.\n"
    )
    found = _missing(text)
    assert [s for _, s in found] == [Severity.INFO, Severity.INFO], found


def test_a_span_of_an_author_the_list_has_and_a_single_year_stay_errors() -> None:
    text = (
        "# Studies\n\nGrowth was measured by Brown (2011–2013), by Jones (2012) and by Smith (2010).\n\n"
        "## References\n\n"
        "Brown, A. (2009). Early growth. Journal of Growth, 1(1), 1–2.\n\n"
        "Smith, J. (2010). Football finance. Journal of Sport Economics, 11(2), 1–20.\n"
    )
    doc = check_text(text, "markdown", "a.md")
    errors = sorted(f.rule for f in doc.findings if f.severity is Severity.ERROR)
    assert errors == ["missing-reference", "year-mismatch"], [(f.rule, f.message) for f in doc.findings]


def test_github_annotation_of_a_path_not_checked_names_no_file() -> None:
    # an unreadable directory (ux14) was annotated "refcheck: unreadable file"; the title fits both,
    # and internal errors of one file too
    from refcheck.pipeline import FileResult
    from refcheck.reporters import github

    out = github.render(
        [FileResult(path="chapters", error="the directory cannot be read (permission denied)")]
    )
    assert "title=refcheck%3A not checked::the directory cannot be read" in out
