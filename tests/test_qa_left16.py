"""QA round left16: leftovers of round 15 (pandoc's inline notes, link markup in a Markdown entry's
title, numbers after a symbol). Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.pipeline import CheckOptions, check_file

from .projects import checked

# --- pandoc's inline notes, "^[...]" ----------------------------------------------------------------
# pandoc's inline_notes extension (on in pandoc Markdown, R Markdown and Quarto): "^[" and the text to
# the bracket that balances it, within the paragraph, is a note. It was prose: a Chicago-style essay
# whose notes are all inline ("...influential.^[Karl A. Wittfogel, *Oriental Despotism* (New Haven:
# Yale University Press, 1957), 22.]") was read as author-date, "Press, 1957" a missing reference (an
# error) and both entries "never cited"; a citation in such a note was no citation in a footnote.

ESSAY = """---
title: "The hydraulic state"
format: html
---

# The hydraulic state

Wittfogel's thesis was influential.^[Karl A. Wittfogel, *Oriental Despotism* (New Haven: Yale
University Press, 1957), 22.] Critics answered it quickly.^[Edmund Leach, "Hydraulic Society in
Ceylon," *Past and Present* 15 (1959): 2–26.] Later work returned to it.^[Wittfogel, *Oriental
Despotism*, 30.]

## Bibliography

Leach, Edmund. "Hydraulic Society in Ceylon." *Past and Present* 15 (1959): 2–26.

Wittfogel, Karl A. *Oriental Despotism*. New Haven: Yale University Press, 1957.
"""


def test_inline_notes_of_a_notes_bibliography_essay_cite_its_works(tmp_path: Path) -> None:
    doc = checked(tmp_path, "essay.qmd", ESSAY)
    assert doc.style == "notes-bibliography"
    assert [(c.footnote, c.references) for c in doc.citations] == [
        ("inline-1", ("ref-2",)),
        ("inline-2", ("ref-1",)),
        ("inline-3", ("ref-2",)),
    ]
    assert doc.findings == []


APA_RMD = """---
title: "Openness and growth"
output: html_document
---

Openness raises growth^[Smith (2020) argues this with panel data, p. 4.] in most samples.
Other work disagrees^[A [nested] remark: see Jones (2019, ch. 2), and `x^[1]` in code.] and we
return to it in a regular note.[^long] Nothing here is a note: \\^[not a note] or `^[code]`.

[^long]: Brown (2018) is the third, and this note's ^[aside] is part of it.

## References

Brown, A. (2018). Third paper. *Journal of Things*, 2, 1-3.

Jones, A. (2019). Growth. *Journal of Things*, 3, 4-5.

Smith, J. (2020). Trade. *Journal of Things*, 4, 5-6.
"""


def test_a_citation_in_an_inline_note_is_a_citation_in_a_footnote(tmp_path: Path) -> None:
    doc = checked(tmp_path, "paper.Rmd", APA_RMD)
    assert [(c.text, c.footnote, c.references) for c in sorted(doc.citations, key=lambda c: c.start)] == [
        ("Smith (2020)", "inline-1", ("ref-3",)),
        ("Jones (2019, ch. 2)", "inline-2", ("ref-2",)),
        ("Brown (2018)", "long", ("ref-1",)),
    ]
    notes = {n.label: n.text for n in doc.footnotes or []}
    assert notes["inline-2"] == "A [nested] remark: see Jones (2019, ch. 2), and `x^[1]` in code."
    assert sorted(notes) == ["inline-1", "inline-2", "long"]
    # the notes and their markers agree: no footnote rule fires, and no entry is "never cited"
    assert doc.findings == []


def test_pandoc_keys_in_inline_notes(tmp_path: Path) -> None:
    bib = (
        "@article{smith2020, author={Smith, John}, title={Trade}, journal={J}, year={2020}}\n"
        "@article{jones2019, author={Jones, Ann}, title={Growth}, journal={J}, year={2019}}\n"
    )
    text = (
        '---\ntitle: "Trade"\nbibliography: refs.bib\n---\n\n'
        "Openness raises growth^[See @smith2020, p. 4, for the panel estimates.] in most samples.\n"
        "Other work disagrees^[A [nested] remark: [@jones2019] finds no effect.] and we return to it.\n"
    )
    doc = checked(tmp_path, "trade.qmd", text, {"refs.bib": bib})
    assert [(c.key, c.footnote) for c in doc.citations] == [
        ("smith2020", "inline-1"),
        ("jones2019", "inline-2"),
    ]
    assert doc.findings == []


@pytest.mark.parametrize(
    "prose",
    [
        "Growth rose^[unclosed note\n\nin a new paragraph] here (Smith 2020).",  # no note over a blank line
        "Growth rose^[1] in most samples (Smith 2020).",  # a reference number with a caret
    ],
)
def test_what_is_no_inline_note(tmp_path: Path, prose: str) -> None:
    doc = checked(
        tmp_path,
        "notes.md",
        f"# Growth\n\n{prose}\n\n## References\n\nSmith, J. (2020). Trade. *J*, 4, 5-6.\n",
    )
    assert not any(n.inline for n in doc.footnotes or [])


# --- link markup in a Markdown entry's title ------------------------------------------------------------
# A Markdown reference list (a Quarto page's hand-written list, a lab's publications page) links each
# title to the work: "Smith, J. (2020). [A title](https://doi.org/...). *Journal*, 3, 1-2." The parsed
# title kept "[A title](https://doi.org/...)", which verification compares with Crossref and OpenAlex:
# a real entry could look wrong. The title is the link's text; the address stays the entry's URL.

LINKED_LIST = """# Trade

Trade matters (Smith, 2020; Jones, 2019; Moon, 2018).

## References

Smith, J. (2020). [Trade and growth in small economies](https://doi.org/10.1016/j.jinteco.2020.103301). *Journal of International Economics*, 3, 1-2.

Jones, A. (2019). [Growth and its limits](<https://example.org/growth report>). Publisher.

- Moon, K. (2018). [Mercury (planet)](https://en.wikipedia.org/wiki/Mercury_(planet) "Wikipedia"). Wikipedia.
"""


def test_a_linked_title_is_the_text_of_its_link(tmp_path: Path) -> None:
    doc = checked(tmp_path, "trade.md", LINKED_LIST)
    refs = {r.authors[0]: r for r in doc.references or []}
    assert refs["Smith"].title == "Trade and growth in small economies"
    assert refs["Smith"].doi == "10.1016/j.jinteco.2020.103301"
    assert refs["Smith"].urls == ["https://doi.org/10.1016/j.jinteco.2020.103301"]
    assert refs["Jones"].title == "Growth and its limits"
    assert refs["Moon"].title == "Mercury (planet)"
    assert refs["Moon"].urls == ["https://en.wikipedia.org/wiki/Mercury_(planet)"]
    assert doc.findings == []


# --- one entry, one name, in every message ------------------------------------------------------------
# The linker names an entry by Reference.shown_authors ("King and Lee 2010", "Lee et al. 2018"); the
# uncited-reference rule named it by its first author alone ("King 2010") and the verification rules
# built the name themselves ("Smith and Jones" for an entry ending "et al." after two names).


def test_an_uncited_entry_is_named_as_the_linker_names_it(tmp_path: Path) -> None:
    text = (
        "# Growth\n\nTrade raises growth (Lee et al., 2018).\n\n## References\n\n"
        "King, J., & Lee, K. (2010). Trade. *Journal of Things*, 2, 1-3.\n\n"
        "Lee, K., Park, S., & Moon, J. (2018). Growth. *Journal of Things*, 3, 4-5.\n"
    )
    doc = checked(tmp_path, "growth.md", text)
    assert [(f.rule, f.message.split(" is listed")[0]) for f in doc.findings] == [
        ("uncited-reference", "King and Lee 2010")
    ]


def test_a_verification_message_names_an_entry_as_the_linker_does() -> None:
    from refcheck.model import Reference
    from refcheck.rules._verify import name

    ref = Reference(id="ref-1", text="Smith, J., Jones, K., et al. (2004). Title.", start=0, end=40)
    ref.authors, ref.et_al, ref.year = ["Smith", "Jones"], True, "2004"
    assert name(ref) == f"{ref.shown_authors} 2004" == "Smith et al. 2004"


def test_an_oversized_input_file_is_said_in_readable_sizes(tmp_path: Path) -> None:
    """A thesis's chapter over --max-file-size was "not read: 0.0 MiB, over the --max-file-size limit"."""
    (tmp_path / "chapter.tex").write_text("Text. " * 500, encoding="utf-8")
    path = tmp_path / "main.tex"
    path.write_text("\\documentclass{article}\n\\begin{document}\n\\input{chapter}\n\\end{document}\n")
    result = check_file(str(path), CheckOptions(links=False, max_file_size=2048))
    assert result.doc is not None
    assert [f.message for f in result.doc.findings] == [
        "the input file 'chapter' is not read: 3 KiB, over the 2 KiB limit (--max-file-size)"
    ]


# --- numbers after a symbol, more than one ----------------------------------------------------------------
# Round 15 made "NI (36)" past a 35-entry list info (a symbol's value as often as a citation, PLOS ONE
# pone.0119705 in NLM style); "NI (36, 37)", all past the list, stayed two errors. A group whose numbers
# all lie past the list, right after a symbol or an abbreviation in capitals, is info too; after a word,
# in square brackets, or with one number within the list, it stays an error.

NLM = (
    "Folding\n\nIons stabilise RNA (1). Models differ (2,3) and the server computes them (2–4). "
    "For the electrostatic free energy: {phrase}\n\nReferences\n\n"
    "1. Bowman JC, Lenz TK. Cations in charge. Curr Opin Chem Biol. 2012;22:262–72.\n"
    "2. Tan ZJ, Chen SJ. Ion-mediated RNA structural collapse. Biophys J. 2011;101:176–87.\n"
    "3. Draper DE. A guide to ions and RNA structure. RNA. 2004;10:335–43.\n"
    "4. Chen SJ. RNA folding: conformational statistics. Annu Rev Biophys. 2008;37:197–214.\n"
)


def _missing(tmp_path: Path, phrase: str) -> list[tuple[str, str]]:
    doc = checked(tmp_path, "article.txt", NLM.format(phrase=phrase))
    return [(str(f.severity), f.message) for f in doc.findings if f.rule == "missing-reference"]


def test_a_symbols_values_past_the_list_are_no_missing_references(tmp_path: Path) -> None:
    found = _missing(tmp_path, "here NI (6, 7) are the numbers of nucleotides of the pseudoknot.")
    assert [s for s, _ in found] == ["info", "info"]
    assert all("after a symbol or an abbreviation it may be a value" in m for _, m in found)


@pytest.mark.parametrize(
    ("phrase", "errors"),
    [
        ("as shown before (6, 7) in yeast.", 2),  # after a word
        ("here NI (3, 7) are the numbers.", 1),  # one number within the list: a citation
        ("it was tagged as Ire1–GFP (6, 7) in yeast.", 2),  # a compound's end
        ("foci were seen with GFP (6, 7; Figure 1E) in yeast.", 2),  # the bracket goes on
    ],
)
def test_numbers_past_the_list_after_a_word_stay_errors(tmp_path: Path, phrase: str, errors: int) -> None:
    assert [s for s, _ in _missing(tmp_path, phrase)].count("error") == errors


# --- a software citation; hyphenated initials with a particle ------------------------------------------
# "Stata 11.0 (Stata 2009)" cites the software (the list has "StataCorp. 2009."), and it links.
# "de Quervain DJ-F, Roozendaal B, McGaugh JL. 2000." was read as one author "de Quervain DJ-F" (the
# hyphenated initials taken for a word of the surname), "DJ-F de Quervain, B Roozendaal, ..." as
# "DJ-F de Quervain": "(de Quervain et al. 2000)" was a missing reference (an error) and the entry
# "never cited" (a warning).

STATA = """Stress and memory

All analyses were run in Stata 11.0 (Stata 2009). Cortisol impairs retrieval (de Quervain et al. 2000).

References

{entry}

StataCorp. 2009. Stata Statistical Software: Release 11. College Station, TX: StataCorp LP.
"""


@pytest.mark.parametrize(
    "entry",
    [
        "de Quervain DJ-F, Roozendaal B, McGaugh JL. 2000. Stress and glucocorticoids impair retrieval of "
        "long-term spatial memory. Nature 394: 787-790.",
        "DJ-F de Quervain, B Roozendaal, JL McGaugh (2000) Stress and glucocorticoids impair retrieval of "
        "long-term spatial memory. Nature 394: 787-790.",
    ],
)
def test_hyphenated_initials_with_a_particle_and_a_software_citation(tmp_path: Path, entry: str) -> None:
    doc = checked(tmp_path, "memory.txt", STATA.format(entry=entry))
    assert doc.references is not None and doc.references[0].authors[0] == "de Quervain"
    assert [(c.text, c.references) for c in doc.citations] == [
        ("Stata 2009", ("ref-2",)),
        ("de Quervain et al. 2000", ("ref-1",)),
    ]
    assert doc.findings == []
