"""Citation extraction forms, traps, and linking behaviour on small documents."""

from __future__ import annotations

import pytest

from refcheck.model import Document, LinkStatus
from refcheck.pipeline import check_text

REFS = """
References

Bohorquez, Tysha (2005) Soft Power. UCLA.
Center for Economic and Social Development (2007) Strategy for State Oil Fund. Baku.
de la Cruz, Maria (2003) Particles in names. Press.
Hardy, Michael (1968) Modern Diplomatic Law. Manchester University Press.
Jones, K. and Lee, M. (2009) Two authors. Journal.
Millán, Daniel (2001) Critica SRE cierre de embajadas. Reforma.
O'Neill, Paul (2012) Apostrophes. Journal.
Smith, J. (2004a) First work. Journal.
Smith, J. (2004b) Second work. Journal.
Smith, J. (2006) Third work. Journal.
Smith, J. and Jones, K. (2004) A joint work. Journal.
Smith, J., Jones, K. and Lee, M. (2010) A team work. Journal.
Taylor, A. (n.d.) Undated. Web.
Vaisman, Daria (2007) Azerbaijan Creates Diplomatic Academy. The New York Times.
van der Berg, Piet (2011) Dutch names. Journal.
Walker, R. (forthcoming) Not yet. Press.
Young, S. (in press) Soon. Press.
"""


def cites(body: str) -> list[tuple[str, str | None, LinkStatus]]:
    doc = check_text(body + "\n" + REFS)
    return [(c.text, c.year, c.status) for c in doc.citations]


def run(body: str) -> Document:
    return check_text(body + "\n" + REFS)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("It grew (Vaisman 2007).", ["Vaisman 2007"]),
        ("Ties matter (Hardy 1968, p. 14).", ["Hardy 1968, p. 14"]),
        ("Ties matter (Hardy 1968: 14).", ["Hardy 1968: 14"]),
        ("Ties matter (Hardy 1968, pp. 3–5).", ["Hardy 1968, pp. 3–5"]),
        ("Ties matter (Hardy 1968, ch. 2).", ["Hardy 1968, ch. 2"]),
        ("Two (Vaisman 2007; Millán 2001).", ["Vaisman 2007", "Millán 2001"]),
        ("Several (Smith 2004a, b).", ["Smith 2004a", "b"]),
        ("Bohorquez (2005) argues so.", ["Bohorquez (2005)"]),
        ("Smith and Jones (2004) agree.", ["Smith and Jones (2004)"]),
        ("As Smith & Jones 2004 show.", ["Smith & Jones 2004"]),
        ("Teams (Smith et al. 2010) agree.", ["Smith et al. 2010"]),
        ("Prefixed (see Vaisman 2007).", ["Vaisman 2007"]),
        ("Prefixed (e.g., Vaisman 2007; cf. Millán 2001).", ["Vaisman 2007", "Millán 2001"]),
        ("Undated (Taylor n.d.).", ["Taylor n.d."]),
        ("Soon (Walker forthcoming; Young in press).", ["Walker forthcoming", "Young in press"]),
        (
            "Oil (Center for Economic and Social Development 2007).",
            ["Center for Economic and Social Development 2007"],
        ),
        (
            "Names (van der Berg 2011; de la Cruz 2003; O'Neill 2012).",
            ["van der Berg 2011", "de la Cruz 2003", "O'Neill 2012"],
        ),
    ],
)
def test_forms_are_extracted_and_linked(body: str, expected: list[str]) -> None:
    found = cites(body)
    assert [t for t, _, _ in found] == expected
    assert all(s is LinkStatus.LINKED for _, _, s in found), found


def test_repeated_author_years_are_separate_citations() -> None:
    found = cites("Work (Smith 2004b, 2006).")
    assert [(t, y) for t, y, _ in found] == [("Smith 2004b", "2004b"), ("2006", "2006")]
    assert all(s is LinkStatus.LINKED for _, _, s in found)


@pytest.mark.parametrize(
    "body",
    [
        "The April 2008 visit went well.",
        "As of March 2009, exports were low.",
        "At the Summit in 2000, he spoke.",
        "Missions doubled since 2004 in total.",
        "Vol. 2, No. 24 (December 15, 2009)",
        "It cost 2005 dollars (n = 2005) in (1990–1995).",
        "The HiSeq 2000 (HiSeq 2000) ran.",
    ],
)
def test_traps_are_not_citations(body: str) -> None:
    doc = run(body)
    assert doc.citations == []


def test_unparenthesised_mention_of_a_listed_author() -> None:
    doc = run("For details, see Center for Economic and Social Development 2007.")
    assert [c.text for c in doc.citations] == ["Center for Economic and Social Development 2007"]


def test_two_author_citation_needs_both_names() -> None:
    doc = run("Joint (Smith and Lee 2004).")
    (c,) = doc.citations
    assert c.status is LinkStatus.MISSING


def test_ambiguous_year_without_suffix() -> None:
    doc = run("Which one (Smith 2004)?")
    (c,) = doc.citations
    assert c.status is LinkStatus.AMBIGUOUS
    assert len(c.candidates) == 2
    rules = [f.rule for f in doc.findings]
    assert "ambiguous-citation" in rules


def test_year_mismatch_suggests_the_entry() -> None:
    doc = run("Old claim (Hardy 1969).")
    (c,) = doc.citations
    assert c.status is LinkStatus.YEAR_MISMATCH
    assert c.suggestion == "Hardy 1968"


def test_author_near_miss_is_an_error_and_accents_only_info() -> None:
    doc = run("Typo (Hrady 1968) and accents (Millan 2001).")
    by_rule = {(f.rule, str(f.severity)) for f in doc.findings}
    assert ("author-mismatch", "error") in by_rule
    assert ("author-mismatch", "info") in by_rule
    hrady = doc.citations[0]
    assert hrady.status is LinkStatus.AUTHOR_MISMATCH and hrady.suggestion == "Hardy 1968"


def test_mismatched_citations_still_count_as_citing() -> None:
    doc = run("Old claim (Hardy 1969).")
    uncited = [f.reference for f in doc.findings if f.rule == "uncited-reference"]
    assert not any(r and r.startswith("Hardy") for r in uncited)


def test_hyphen_and_case_insensitive_linking() -> None:
    doc = check_text(
        "Budget (Martinez Diaz 2007).\n\nReferences\n\nMartínez-Díaz, Leonardo (2007) Challenges. Brookings.\n"
    )
    (c,) = doc.citations
    assert c.status is LinkStatus.LINKED


def test_brackets_without_notes_or_numbered_list_are_reported_as_unclear() -> None:
    doc = check_text("As shown [3] here.\n\nReferences\n\nHardy, Michael (1968) Modern Diplomatic Law.\n")
    assert [f.rule for f in doc.findings if str(f.severity) == "info"] == ["unclear-brackets"]
    assert doc.footnote_markers == [] and doc.citations == []


def test_numbered_list_and_notes_together_are_reported_as_unclear() -> None:
    doc = check_text(
        "As shown [1] and [2].\n\n[2] A note.\n\nReferences\n\n1. Hardy M (1968) Modern Diplomatic Law.\n"
    )
    assert doc.style == "numeric"
    assert "unclear-brackets" in [f.rule for f in doc.findings]


@pytest.mark.parametrize(
    ("body", "listing", "numbers"),
    [
        (
            "Seen [1] and [2, 3].",
            "1. A A (2001) One.\n2. B B (2002) Two.\n3. C C (2003) Three.",
            [[1], [2], [3]],
        ),
        ("Seen [1–3].", "[1] A A (2001) One.\n[2] B B (2002) Two.\n[3] C C (2003) Three.", [[1, 2, 3]]),
        ("Seen [1]–[3].", "1) A A (2001) One.\n2) B B (2002) Two.\n3) C C (2003) Three.", [[1, 2, 3]]),
        ("Seen [1,3].", "1. A A (2001) One.\n2. B B (2002) Two.\n3. C C (2003) Three.", [[1], [3]]),
    ],
)
def test_numeric_styles(body: str, listing: str, numbers: list[list[int]]) -> None:
    doc = check_text(f"{body}\n\nReferences\n\n{listing}\n")
    assert doc.style == "numeric"
    assert [list(c.numbers) for c in doc.citations] == numbers
    assert all(c.status is LinkStatus.LINKED for c in doc.citations)


def test_numeric_beyond_the_list_and_uncited() -> None:
    doc = check_text("Seen [1] and [7].\n\nReferences\n\n1. A A (2001) One.\n2. B B (2002) Two.\n")
    rules = sorted((f.rule, f.line) for f in doc.findings)
    assert rules == [("missing-reference", 1), ("uncited-reference", 6)]
