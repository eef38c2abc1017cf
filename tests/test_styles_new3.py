"""Excerpts of real articles rendered in CSL styles as ../shared/corpus-styles renders them (JATS
references -> CSL-JSON -> citeproc-py), third round: each read without a false finding.

Sources (CC-BY): nlm_adjacent_clusters.txt, PLOS ONE 10.1371/journal.pone.0067227 in NLM (two or three
citations written one against the other, "(3)(4,5)", as a reference manager prints citations inserted
side by side; here inside the brackets the article had around them); nlm_citation_glued_to_word.txt,
PLOS Neglected Tropical Diseases 10.1371/journal.pntd.0001041 in NLM (a citation with no space before
it, "borderline leprosy(3).", "is increased(8).");
iea_names_added_and_one_short_cite.txt, PLOS ONE 10.1371/journal.pone.0036880 in IEA/OECD (two entries
the list prints alike, "S. Baron-Cohen et al. (2001)", told apart in the text by added names, with one
shorter "Baron-Cohen et al., 2001" among them); acl_pinyin_hyphenated_initials.txt, PLOS ONE
10.1371/journal.pone.0147124 in ACL (initials first, the pinyin initials as JATS gives them: "C-q Li, J.
Yin, Y-j Zhang, ..."); acl_second_author_with_particle.txt, PLOS ONE 10.1371/journal.pone.0008915 in
ACL ("(Paulino and de Bragança Pereira, 1994)", the second surname with its particle).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.model import LinkStatus, Severity
from refcheck.pipeline import check_text

DATA = Path(__file__).parent / "data" / "styles_new3"

REFS = "".join(
    f"{n}. Author{chr(64 + n)} A, Other B. Title {n}. J Test. 2001;{n}:1-2.\n" for n in range(1, 9)
)


def check(name: str, text: str | None = None):  # type: ignore[no-untyped-def]
    path = DATA / name
    return check_text(text if text is not None else path.read_text(encoding="utf-8"), path=str(path))


@pytest.mark.parametrize(
    "name",
    [
        "nlm_adjacent_clusters.txt",
        "nlm_citation_glued_to_word.txt",
        "acl_pinyin_hyphenated_initials.txt",
        "acl_second_author_with_particle.txt",
    ],
)
def test_no_findings_and_every_citation_links(name: str) -> None:
    doc = check(name)
    assert [(f.rule, f.line, f.message) for f in doc.findings] == []
    assert [c.text for c in doc.citations if c.status is not LinkStatus.LINKED] == []


def test_citations_side_by_side_are_each_read() -> None:
    doc = check("nlm_adjacent_clusters.txt")
    assert [c.text for c in doc.citations] == [
        "(1)", "(2)", "(3)", "4", "5", "(6)", "(7)", "(8)", "9", "10", "(11)", "(12)", "13", "14", "(15)",
    ]  # fmt: skip
    # the second group of a pair is a citation only after a first one: "f(1)(2)" stays no citation
    doc = check("x.txt", f"T\n\nShown (1), then f(1)(2) and (3) (4) (5) (6) (7) (8).\n\nReferences\n\n{REFS}")
    assert [c.text for c in doc.citations] == ["(1)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"]
    # past the list, a number of the second group is a missing entry like any other
    doc = check("x.txt", f"T\n\nShown (1)(2) and (3,4) (5) (6) (7)(8,9).\n\nReferences\n\n{REFS}")
    assert [f.rule for f in doc.findings] == ["missing-reference"]


def test_a_citation_glued_to_the_word_before_is_read() -> None:
    doc = check("nlm_citation_glued_to_word.txt")
    assert [c.text for c in doc.citations][:5] == ["(1)", "(2)", "(3)", "(3)", "(4)"]
    assert "(8)" in [c.text for c in doc.citations]
    # a short word before is a function or a formula ("f(1)", "exp(2)"), not a citation; past the
    # list a glued number is said at info level only
    doc = check(
        "x.txt",
        f"T\n\nShown (1) (2) (3) (4) (5) (6) (7) (8); f(1) and exp(2) and log(4); scores rose(12).\n\n"
        f"References\n\n{REFS}",
    )
    assert [(f.rule, f.severity) for f in doc.findings] == [("missing-reference", Severity.INFO)]


def test_a_heuristic_number_says_nothing_of_citation_order() -> None:
    # "(12 of 23)", "(keratin 34)": a number ending parenthesised text, read with low confidence; it
    # neither breaks nor makes the order of first citation
    doc = check(
        "x.txt",
        "T\n\nShown (1), (2), (3), (4) and (5), (6), (7), (8). Of those, 30% (3 of 10) did (9, 10).\n\n"
        "References\n\n"
        + REFS
        + "9. Ninth A. Title 9. J Test. 2001;9:1-2.\n10. Tenth A. Title 10. J Test. 2001;9:3-4.\n",
    )
    assert [f.rule for f in doc.findings] == []


def test_names_added_tell_entries_apart_though_one_cite_does_not() -> None:
    doc = check("iea_names_added_and_one_short_cite.txt")
    # the citations naming more authors than the entries print are each one entry's; only the one
    # that names no more than the list is ambiguous
    assert [(f.rule, f.line, f.citation) for f in doc.findings] == [
        ("ambiguous-citation", 7, "Baron-Cohen et al., 2001")
    ]
    baron = [c for c in doc.citations if c.authors[0] == "Baron-Cohen" and c.year == "2001"]
    assert [len(c.references) for c in baron] == [1, 0, 1, 1, 1]
    skinner, hill = baron[2].references, baron[3].references
    assert skinner == baron[0].references and hill == baron[4].references and skinner != hill


def test_hyphenated_pinyin_initials_before_the_surname() -> None:
    doc = check("acl_pinyin_hyphenated_initials.txt")
    assert [(r.authors[:3], r.given[:3]) for r in doc.references][1] == (
        ["Li", "Yin", "Zhang"],
        ["C-q", "J.", "Y-j"],
    )


def test_a_misspelt_first_author_before_a_second_with_a_particle_is_an_author_mismatch() -> None:
    text = (DATA / "acl_second_author_with_particle.txt").read_text(encoding="utf-8")
    doc = check("x.txt", text.replace("(Paulino and", "(Paulnio and"))
    # (the particle "de" is the second surname's, not a given name dropped before a known surname)
    assert [(f.rule, f.citation) for f in doc.findings] == [
        ("author-mismatch", "Paulnio and de Bragança Pereira, 1994")
    ]


def test_numbers_read_by_heuristics_do_not_make_a_bracket_document_cite_in_parentheses() -> None:
    # A Markdown page citing "[1]", "[2]" whose prose names function calls ("retry(3)", "sleep(2)",
    # "tanh(1)": numbers glued to a word, read with low confidence): they outnumbered the bracketed
    # citations, the page was read as citing in parentheses, and its bracketed citations were lost
    # (entry 1, cited "[1]" only, was said uncited; entry 4, never cited, was not)
    text = (
        "# Retry policies\n\nA retry policy decides what to do next [1]. The simplest policy calls\n"
        "retry(3) and gives up. A better one calls sleep(2), then backoff(3), doubling the delay [2].\n"
        "In Python, round(2), floor(3) and ceil(2) are cheap; tanh(3) is not much slower.\n\n"
        "## References\n\n"
        "1. Brooker M. Timeouts, retries and backoff with jitter. Amazon Builders' Library. 2019.\n"
        "2. Dean J, Barroso LA. The tail at scale. Commun ACM. 2013;56(2):74-80.\n"
        "3. Brooker M. Exponential backoff and jitter. AWS Architecture Blog. 2015.\n"
        "4. Nygard MT. Release It! 2nd ed. Pragmatic Bookshelf; 2018.\n"
    )
    doc = check("x.md", text)
    assert [c.text for c in doc.citations] == ["[1]", "[2]"]
    assert [(f.rule, f.reference_id) for f in doc.findings] == [
        ("uncited-reference", doc.references[2].id),
        ("uncited-reference", doc.references[3].id),
    ]


def test_an_entry_first_cited_by_a_heuristic_number_makes_no_order_break() -> None:
    # pbio.1001315 in NLM (new-articles set, clean): "(referred to as LUV and prepared as in 43)" then
    # "(24)", "(44)": 43, a number ending parenthesised text, was read (low confidence) but not counted
    # as its first citation, so 44 was "first cited before 43" in a document with no defect
    doc = check(
        "x.txt",
        "T\n\nShown (1), (2), (3), (4) and (5), (6). Vesicles (prepared as in 7) and (1) and (8), then\n"
        "(7) again.\n\nReferences\n\n" + REFS,
    )
    assert [f.rule for f in doc.findings] == []
    # a number past the list is a missing entry, not an order break too (pone.0026358 in NLM,
    # missing-reference variant: "(34)" of 30 entries was also "first cited before [4]")
    doc = check(
        "x.txt", "T\n\nShown (1), (2), (3), (4) and (5), (6), (9), (7), (8).\n\nReferences\n\n" + REFS
    )
    assert [f.rule for f in doc.findings] == ["missing-reference"]
