"""Real citation styles: one small article rendered in each of nine CSL styles reads without a finding.

Each document in tests/data/styles/ cites the same works as its style prints them: names added to
tell two works apart ("Sherbondy, Dougherty, Ben-Shachar, et al., 2008"), particles in given-first
and inverted names ("D. C. Van Essen", "Thiebaut de Schotten, M.", "van den Broek"), a one-initial
author ("T. Speed."), an organisation, initials-first lists (ACL, IEA/OECD, IEEE), Vancouver names,
long first cites (IEA/OECD), NLM's parenthesised numbers next to an enumeration, and two works by the
same authors in the same year (IEEE, Nature: not duplicates).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.model import Document, LinkStatus
from refcheck.pipeline import check_text

STYLES = Path(__file__).parent / "data" / "styles"
NAMES = sorted(p.stem for p in STYLES.glob("*.txt"))

# Every style prints these authors for these works (first word of the title -> surnames).
AUTHORS = {
    "ConTrack": ["Sherbondy", "Dougherty", "Ben-Shachar", "Napel", "Wandell"],
    "Identifying": ["Sherbondy", "Dougherty", "Napel", "Wandell"],
    "A": ["Catani", "Thiebaut de Schotten"],
    "Distributed": ["Felleman", "Van Essen"],
    "Statistical": ["Speed"],
    "Mendelian": ["van den Broek", "Davey Smith"],
    "Obesity": ["World Health Organization"],
}
# Styles that print only the first author and "et al." for four authors and more.
SHORT_LISTS = {
    "harvard-cite-them-right",
    "international-energy-agency-organisation-for-economic-co-operation-and-development",
}


def load(name: str) -> Document:
    path = STYLES / f"{name}.txt"
    return check_text(path.read_text(encoding="utf-8"), path=str(path))


def test_all_nine_styles_are_here() -> None:
    assert len(NAMES) == 9


@pytest.mark.parametrize("name", NAMES)
def test_style_document_has_no_findings(name: str) -> None:
    doc = load(name)
    assert [(f.rule, f.line, f.message) for f in doc.findings] == []


@pytest.mark.parametrize("name", NAMES)
def test_every_citation_links(name: str) -> None:
    doc = load(name)
    assert len(doc.citations) >= 7
    assert [c.text for c in doc.citations if c.status is not LinkStatus.LINKED] == []
    cited = {i for c in doc.citations for i in c.references}
    assert cited == {r.id for r in doc.references or []}


@pytest.mark.parametrize("name", NAMES)
def test_entries_read_their_authors(name: str) -> None:
    doc = load(name)
    got = {(r.title or "").split()[0].rstrip(":"): r.authors for r in doc.references or []}
    for first_word, authors in AUTHORS.items():
        if first_word not in got:
            continue
        want = authors[:1] if name in SHORT_LISTS and len(authors) >= 4 else authors
        assert got[first_word] == want, first_word


@pytest.mark.parametrize("name", NAMES)
def test_titles_are_whole(name: str) -> None:
    """Titles run to their end: not cut at the apostrophe of "women’s", nor started at an initial."""
    doc = load(name)
    titles = [r.title or "" for r in doc.references or []]
    assert any("women’s health initiative" in t.lower() for t in titles) or name.startswith("international")
    assert not [t for t in titles if t[:2] in ("M.", "T.") or t.startswith("analysis")]


@pytest.mark.parametrize("name", ["apa", "chicago-author-date", *sorted(SHORT_LISTS)])
def test_names_added_to_tell_works_apart_pick_the_work(name: str) -> None:
    """ "Sherbondy, Dougherty, Ben-Shachar, et al., 2008" is ConTrack, "..., Napel, et al." the other,
    also where the list prints both as "Sherbondy, A.J. et al. (2008)"."""
    doc = load(name)
    refs = {r.id: r for r in doc.references or []}
    added = [c for c in doc.citations if c.text.startswith("Sherbondy, Dougherty, ")]
    assert len(added) >= 2
    for c in added:
        title = refs[c.references[0]].title or ""
        want = "ConTrack" if "Ben-Shachar" in c.text else "Identifying"
        assert title.startswith(want), c.text


@pytest.mark.parametrize(
    ("name", "cite", "authors"),
    [
        ("apa", "Catani & Thiebaut de Schotten, 2008", ["Catani", "Thiebaut de Schotten"]),
        ("harvard-cite-them-right", "Felleman and Van Essen, 1991", ["Felleman", "Van Essen"]),
        ("apa", "van den Broek & Davey Smith, 2005", ["van den Broek", "Davey Smith"]),
        (
            "international-energy-agency-organisation-for-economic-co-operation-and-development",
            "Arribas, Coodly, Vollmer, Kishimoto and Rose-John, 1996",
            ["Arribas", "Coodly", "Vollmer", "Kishimoto", "Rose-John"],
        ),
        (
            "apa",
            "Sherbondy, Dougherty, Ben-Shachar, et al., 2008",
            ["Sherbondy", "Dougherty", "Ben-Shachar"],
        ),
    ],
)
def test_citation_reads_every_name(name: str, cite: str, authors: list[str]) -> None:
    doc = load(name)
    assert [c.authors for c in doc.citations if c.text == cite][:1] == [authors]


def test_nlm_enumeration_is_no_citation() -> None:
    doc = load("nlm-citation-sequence")
    methods = doc.text.index("three steps")
    assert [c.text for c in doc.citations if c.start > methods] == []
    assert doc.style == "numeric"
