"""Held-out set styles7 (SciELO articles in nine CSL styles), round 16: what refcheck still misread,
rewritten as small cases."""

from __future__ import annotations

from refcheck.pipeline import check_text

# --- a person's life with an unknown end, "(1721-?)" (a history of science article) ------------------


def test_a_life_with_an_unknown_end_is_no_citation() -> None:
    # "Antônio Ribeiro Paiva (1721-?)" was read as the narrative citation "Paiva (1721": a year-mismatch
    # error against the entry PAIVA (1814); "(1757-1831)" beside it was already read as a life
    text = (
        "Among its members were Antônio Ribeiro Paiva (1721-?), a surgeon, and Francisco de Paiva "
        "(1757–1831), a physician [1721 – ?] (PAIVA, 1814).\n\nReferences\n\n"
        "PAIVA, M. H. (1814). Sumário da história do descobrimento da cochonilha. Lisboa.\n"
    )
    doc = check_text(text, "text", "a.txt")
    assert [(f.rule, f.message) for f in doc.findings] == []
    assert [c.text for c in doc.citations] == ["PAIVA, 1814"]


def test_a_cited_year_before_a_dash_still_cites() -> None:
    # the open end is a life only with the question mark: "(Paiva, 1814-15)" stays a citation
    text = "A survey (Paiva, 1814-15).\n\nReferences\n\nPaiva, M. (1814). Sumário. Lisboa.\n"
    doc = check_text(text, "text", "a.txt")
    assert len(doc.citations) == 1
