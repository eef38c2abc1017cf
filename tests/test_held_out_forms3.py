"""Citation forms of published articles outside the dev corpus (rendered as ../shared/corpus/README.md
describes; PLOS, CC-BY), each sentence the article's own, the reference entries shortened.

- "corrected for potential nitrate interferences (see 40)" (pone.0070598): a document citing "[4]"
  wrote one citation without its brackets, after "see"; the entry was said uncited.
"""

from __future__ import annotations

from refcheck.pipeline import check_text

NUMBERED = "".join(
    f"{i}. Author{chr(65 + i % 26)} J (2001) A study of lake water {i}. Water Res 1: 1-2.\n"
    for i in range(1, 43)
)


def test_a_cued_number_in_parentheses_in_a_bracket_document() -> None:
    doc = check_text(
        "Lake water browning [1]-[39], [41], [42].\n\nAll spectra were corrected for potential nitrate "
        "interferences (see 40). All absorbance intensities at a particular wavelength are expressed "
        "here as m-1.\n\nReferences\n\n" + NUMBERED
    )
    assert [c.numbers for c in doc.citations][-1] == (40,)
    assert [f.rule for f in doc.findings if f.rule == "uncited-reference"] == []


def test_a_cued_number_past_the_list_is_no_citation_there() -> None:
    doc = check_text(
        "Lake water browning [1]-[42].\n\nAll spectra were corrected (see 60).\n\nReferences\n\n" + NUMBERED
    )
    assert [c.text for c in doc.citations] == ["[1]-[42]"]
    assert doc.findings == []


def test_a_thousands_number_after_a_cue_is_no_citation() -> None:
    # pmed.0020124: "(e.g., 30,000 genes tested, of which 30 may be the true culprits) [30,31]"
    doc = check_text(
        "Lake water browning [1]-[29].\n\nIn research with massive testing, where tested relationships exceed "
        "true ones 1,000-fold (e.g., 30,000 genes tested, of which 30 may be the true culprits) [30,31], "
        "PPV is low.\n\nReferences\n\n" + NUMBERED.split("32. ")[0]
    )
    thirty = [c.start for c in doc.citations if 30 in c.numbers]
    assert thirty == [doc.text.index("[30,31]") + 1]
