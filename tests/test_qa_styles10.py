"""Held-out set styles10 (Glossa, a linguistics journal of the Open Library of Humanities, in nine CSL
styles): what refcheck misread, rewritten as small cases."""

from __future__ import annotations

from refcheck.pipeline import check_text

# --- numbered examples of a linguistics paper in a document citing "[n]" (Glossa 6371, 5703, 5887) ------

_EXAMPLE = "({n})\n\nna4pa4ta3 ni4pu31 da31a1\n\n‘The frog died in the yard.’\n\n"


def _examples(first: int, last: int) -> str:
    return "".join(_EXAMPLE.format(n=n) for n in range(first, last + 1))


_ENTRIES = "".join(
    f"[{n}] A. Author{chr(64 + n)}, “Title {n},” Journal of Linguistics, vol. {n}, 2010.\n"
    for n in range(1, 5)
)


def test_example_labels_do_not_outvote_bracketed_citations() -> None:
    # a paper numbering its examples "(1)" ... "(8)" on lines of their own and referring to them, "in
    # (6)–(8)", "(e.g., 5, 6)": the numbers in parentheses outnumbered the "[n]" citations, the document
    # was read as citing "(n)", and each example past the list was a missing-reference error
    text = (
        "Place marking is lexical [1], [2]. Objects and places differ [3].\n\n"
        + _examples(1, 5)
        + "The verbs in (1)–(3) take the allative; (4) and (5) do not [4].\n\n"
        + _examples(6, 8)
        + "The adjuncts in (6)–(8) take the locative, as in (7) and (8). The nouns are the same "
        "(e.g., 6, 7) and the contrast of (1)–(5) and (6)–(8) is aspectual.\n\nReferences\n\n" + _ENTRIES
    )
    doc = check_text(text, "text", "a.txt")
    assert doc.style == "numeric"
    assert [f.rule for f in doc.findings] == []
    assert sorted({n for c in doc.citations for n in c.numbers}) == [1, 2, 3, 4]


def test_example_labels_past_the_list_in_a_document_citing_in_parentheses() -> None:
    # NLM's "(n)" citations and the examples' labels share the parentheses: the labels on their own
    # line, the ranges of labels "(6)–(8)" and the labels past the list ("in (7)" of a 4-entry list)
    # are no citations; a true citation past the list still is one
    entries = "".join(
        f"{n}. Author{chr(64 + n)} A. Title {n}. J Linguist. 2010;{n}:1–9.\n" for n in range(1, 5)
    )
    text = (
        "Place marking is lexical (1,2). Objects and places differ (3).\n\n"
        + _examples(1, 5)
        + "The verbs in (1)–(3) take the allative; (4) does not (4).\n\n"
        + _examples(6, 8)
        + "The adjuncts in (6)–(8) take the locative, as (7) shows. Others disagree (9).\n\n"
        "References\n\n" + entries
    )
    doc = check_text(text, "text", "a.txt")
    assert doc.style == "numeric"
    assert [(f.rule, f.citation) for f in doc.findings if f.rule == "missing-reference"] == [
        ("missing-reference", "(9)")
    ]


# --- a title quoting another work's author and year (Glossa 5887, Chicago) ------------------------------


def test_an_entry_is_not_split_inside_its_quoted_title() -> None:
    # "... Internally Headed Type. A Reply to Erlewine & Gould (2016).” Glossa ...": the title's
    # subtitle names two authors and a year, and the entry was split there into a second entry of
    # "A Reply to Erlewine & Gould (2016)", reported as uncited
    text = (
        "Relatives are unified (Grosu and Hoshi 2018; Erlewine and Gould 2016).\n\nReferences\n\n"
        "- Erlewine, M. Y., and I. Gould. 2016. “Unifying Japanese Relative Clauses.” Glossa 1 (1): 1–40.\n"
        "- Grosu, A., and K. Hoshi. 2018. “On the Unified Analysis of Three Types of Relative Clause, and "
        "on the “Salient Reading” of the Internally Headed Type. A Reply to Erlewine & Gould (2016).” "
        "Glossa: A Journal of General Linguistics 3 (1): 1–16. https://doi.org/10.5334/gjgl.577.\n"
    )
    doc = check_text(text, "markdown", "a.md")
    assert [r.authors for r in doc.references] == [["Erlewine", "Gould"], ["Grosu", "Hoshi"]]
    assert [f.rule for f in doc.findings] == []


def test_example_labels_in_table_cells_or_before_a_tab() -> None:
    # the examples set as a table's rows ("| (32) | H* [IHRC Op] |", Glossa 5887 sets its formulas so)
    # or as Word writes them, the label and a tab before the example
    rows = "".join(f"| ({n}) | H* [ IHRC Op{n} ] |\n" for n in range(5, 8))
    text = (
        "Relatives are unified [1], [2]. Events are disclosed [3], [4].\n\n"
        "| no. | structure |\n|---|---|\n"
        + rows
        + "\n"
        + "".join(f"({n})\tKaqchikel example {n}\n\n" for n in range(8, 11))
        + "The structure in (5) and the operator of (6)–(7) differ; (9) and (10) do not.\n\n"
        "References\n\n" + _ENTRIES
    )
    doc = check_text(text, "markdown", "a.md")
    assert doc.style == "numeric"
    assert [f.rule for f in doc.findings] == []
