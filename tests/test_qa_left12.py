"""Defects earlier QA rounds found on real documents and left open (QA round 12, qa-left12): each
test is a small document shaped like the real one, and failed before its fix."""

from __future__ import annotations

from refcheck.model import Severity
from refcheck.pipeline import check_text

from .jats_docs import alarms, article, check, element_ref
from .jats_docs import xref as _xref


def _jats_ref(rid: str, year: str, title: str, *coauthors: str) -> str:
    return element_ref(rid, year, ("Fowler", "M"), *coauthors, title=title, volume="1")


# --- 1. JATS: an xref at the wrong one of two entries of the same author and year -------------------


def test_xref_whose_text_fits_an_uncited_namesake_better_is_one_wrong_link() -> None:
    # "Fowler et al., 2021" pointing at "Fowler & Brown (2021)" while "Fowler, Brown & Li (2021)" is
    # listed and cited by nothing: the link is wrong (one author-mismatch naming both), not an
    # uncited-reference. ("Fowler et al." was read as the names "Fowler" and "al": the French "et".)
    refs = _jats_ref("r1", "2021", "Alpha", "Brown") + _jats_ref("r2", "2021", "Beta", "Brown", "Li")
    body = f"A ({_xref('r1', 'Fowler and Brown, 2021')}). B ({_xref('r1', 'Fowler et al., 2021')})."
    assert alarms(check(article(body, refs))) == [
        'author-mismatch: "Fowler et al., 2021" is linked to Fowler and Brown 2021, not to the entry it '
        "names (Fowler et al. 2021); point it there"
    ]
    body = f"A ({_xref('r1', 'Fowler and Brown, 2021')}). B ({_xref('r2', 'Fowler et al., 2021')})."
    assert alarms(check(article(body, refs))) == []


def test_xrefs_at_one_of_two_entries_printed_alike_say_which_is_left() -> None:
    # two "Fowler, Brown and Li (2021)" told apart by their titles only, both xrefs at the first: which
    # (if either) means the second cannot be told; one finding naming both titles, at info
    refs = _jats_ref("r1", "2021", "Alpha", "Brown", "Li") + _jats_ref("r2", "2021", "Beta", "Brown", "Li")
    body = f"A ({_xref('r1', 'Fowler et al., 2021')}). B ({_xref('r1', 'Fowler et al., 2021')})."
    doc = check(article(body, refs))
    assert alarms(doc) == []
    [found] = [f for f in doc.findings if f.rule == "uncited-reference"]
    assert found.severity is Severity.INFO
    assert "'Beta'" in found.message and "'Alpha'" in found.message and "2 citations" in found.message
    # one xref: this entry or its namesake is uncited whichever was meant, a warning that says why
    doc = check(article(f"A ({_xref('r1', 'Fowler et al., 2021')}).", refs))
    [found] = [f for f in doc.findings if f.severity >= Severity.WARNING]
    assert found.rule == "uncited-reference" and "one citation reading" in found.message
    # lettered years name their entries: an entry no xref names is plainly uncited
    refs = _jats_ref("r1", "2021a", "Alpha", "Brown", "Li") + _jats_ref("r2", "2021b", "Beta", "Brown", "Li")
    doc = check(article(f"A ({_xref('r1', 'Fowler et al., 2021a')}).", refs))
    assert alarms(doc) == [
        "uncited-reference: Fowler et al. 2021b is listed but never cited; cite it or remove the entry"
    ]


# --- 2. "Meder et al. 2020" for the one entry by Meder, 2019 ----------------------------------------


def _text(body: str, entry: str, fmt: str = "text") -> list[str]:
    heading = "## References" if fmt == "markdown" else "References"
    text = f"{body} Other work (Fowler 2021) agrees.\n\n{heading}\n\nFowler, M. (2021). Alpha. J 1: 1.\n{entry}\n"
    doc = check_text(text, fmt, f"a.{'md' if fmt == 'markdown' else 'txt'}")
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


def test_et_al_and_year_off_for_the_one_entry_of_the_author_is_one_year_mismatch() -> None:
    # an "et al." citation of a one-author entry, a year off: was missing-reference + uncited-reference
    for fmt in ("text", "markdown"):
        assert _text("Plants move (Meder et al. 2020).", "Meder, F. (2019). Plants. J 3: 3.", fmt) == [
            'year-mismatch: "Meder et al. 2020" cites an entry dated 2019 (did you mean Meder 2019?)'
        ]
    # the entry cited correctly elsewhere: another work by Meder, missing
    assert [
        a.split(":")[0] for a in _text("P (Meder et al. 2020; Meder 2019).", "Meder, F. (2019). P. J 3.")
    ] == ["missing-reference"]
    # in JATS, by xref or in plain text
    ref = (
        '<ref id="m1"><element-citation><person-group><name><surname>Meder</surname><given-names>F</given-names>'
        "</name></person-group><article-title>Plants</article-title><source>J</source><year>2019</year>"
        "</element-citation></ref>"
    )
    for body in (f"P ({_xref('m1', 'Meder et al., 2020')}).", "P (Meder et al., 2020)."):
        assert [a.split(":")[0] for a in alarms(check(article(body, ref)))] == ["year-mismatch"]


# --- 3. A CV page whose last list is "Service" or "Talks" ----------------------------------------

CV = """---
title: "Curriculum Vitae"
---

## Publications

Smith, J., & Lee, K. (2021). Forest dynamics under drought. *Ecology Letters*, 24(3), 100–110.

Smith, J. (2019). Seed dispersal by birds. *Oecologia*, 190, 1–12.

## Talks

- Smith, J. (2022). Drought and forests. ESA Annual Meeting, Montreal.
- Invited seminar, Department of Biology, Stanford University (2021)
- Keynote, Western Forest Conference, Portland (2020)

## Service

- Reviewer for Ecology Letters, Oecologia, Journal of Ecology (2019–present)
- Organizer, Montana Ecology Seminar Series (2018–2020)
- Graduate student representative, Department of Ecology (2016–2017)
"""


def test_a_cv_pages_last_list_of_activities_is_no_reference_list() -> None:
    # a Quarto CV page (no bibliography): its "Service" list was read as the reference list, its
    # three items uncited-reference warnings and the talks' "Stanford University (2021)" a
    # missing-reference error
    doc = check_text(CV, "markdown", "cv.qmd")
    assert doc.references == []
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == []
    # a span of dates to the present is no citation's year ("Letters (2019" was read as one)
    assert [
        c.text
        for c in check_text(
            "Text.\n\n- Reviewer, Ecology Letters (2019–present)\n", "markdown", "a.md"
        ).citations
    ] == []
    # a list of entries, dated after their names or after their numbers, is still one
    entries = (
        "Thus (Smith 2019; Lee 2020).\n\n- Smith, J. (2019). Seed dispersal. Oecologia 190, 1–12.\n"
        "- Lee, K. Fire and forests. Nature 521, 436–444 (2020).\n"
    )
    doc = check_text(entries, "markdown", "a.md")
    assert len(doc.references or []) == 2 and [f.rule for f in doc.findings] == []


# --- 4. A Markdown footnote written without its colon -----------------------------------------------


def test_a_footnote_without_its_colon_is_one_finding_that_says_so() -> None:
    # "[^1] Smith, Trade, 12." for "[^1]: ...": was two footnote-undefined errors (the prose's marker
    # and the note's own label read as a marker)
    text = "# Notes\n\nTrade grew fast.[^1] Diplomacy followed.[^2]\n\n[^1] Smith, *Trade*, 12.\n[^2]: Jones, 40.\n"
    doc = check_text(text, "markdown", "a.md")
    [found] = [f for f in doc.findings if f.severity >= Severity.WARNING]
    assert found.rule == "footnote-undefined" and found.line == 5 and "without the colon" in found.message
    # a marker that begins a wrapped line of a paragraph is a marker
    doc = check_text("Trade grew fast.\n[^1] Diplomacy followed.\n\n[^1]: Jones, 40.\n", "markdown", "a.md")
    assert doc.findings == []


# --- 5. A list numbered with <sup>n</sup>, or from 0 -------------------------------------------------

_SUP_BODY = "Trade grew fast<sup>{0}</sup> and diplomacy followed<sup>{1}</sup>, as ports show<sup>{2}</sup>."
_SUP_ENTRIES = (
    "Smith J. Trade and growth. J Econ. 2010;12:1-10.",
    "Jones K. Diplomacy. Foreign Aff. 2012;3:4-5.",
    "Lee Q. Ports. Mar Policy. 2015;7:8-9.",
)


def test_a_list_numbered_in_superscript_is_numbered_and_cited_in_superscript() -> None:
    # Markdown written for GitHub numbers its list "<sup>1</sup> Smith ..." and cites "growth<sup>1</sup>":
    # no citation was read (3 entries "not checked"); from 0, "[0]" was no citation (uncited warning)
    for first in (0, 1):
        n = [str(first + k) for k in range(3)]
        md = "# Trade\n\n" + _SUP_BODY.format(*n) + "\n\n## References\n\n"
        md += "\n\n".join(f"<sup>{k}</sup> {e}" for k, e in zip(n, _SUP_ENTRIES, strict=True)) + "\n"
        doc = check_text(md, "markdown", "a.md")
        assert doc.style == "numeric" and [c.numbers for c in doc.citations] == [
            (first,),
            (first + 1,),
            (first + 2,),
        ]
        assert doc.findings == []
        html = f"<html><body><h1>Trade</h1><p>{_SUP_BODY.format(*n)}</p><h2>References</h2>"
        html += (
            "".join(f"<p><sup>{k}</sup> {e}</p>" for k, e in zip(n, _SUP_ENTRIES, strict=True))
            + "</body></html>"
        )
        doc = check_text(html, "html", "a.html")
        assert [r.label for r in doc.references or []] == n
        assert doc.findings == []
        brackets = "# Trade\n\nTrade [{}], diplomacy [{}], ports [{}].\n\n## References\n\n".format(*n)
        brackets += "\n\n".join(f"[{k}] {e}" for k, e in zip(n, _SUP_ENTRIES, strict=True)) + "\n"
        assert check_text(brackets, "markdown", "a.md").findings == []
    # in a list numbered from 1, "[0, 1]" is an interval; 10<sup>6</sup> an exponent
    md = "# T\n\nValues in [0, 1] and 10<sup>6</sup> cells [1], [2], [3].\n\n## References\n\n"
    md += "\n".join(f"{k}. {e}" for k, e in enumerate(_SUP_ENTRIES, 1)) + "\n"
    doc = check_text(md, "markdown", "a.md")
    assert [c.numbers for c in doc.citations] == [(1,), (2,), (3,)] and doc.findings == []


# --- 6. LaTeX: a web page's @misc with no author ---------------------------------------------------


def test_an_authorless_misc_entry_cited_by_key_links_without_alarm(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # a guard (no defect found): "@misc{pytorch, title={PyTorch}, url={https://pytorch.org}}" cited by
    # \cite{pytorch}, and biblatex's shorthand, link; said at info only (no author, no year)
    from refcheck.pipeline import check_file

    (tmp_path / "refs.bib").write_text(
        "@misc{pytorch,title={PyTorch},url={https://pytorch.org}}\n"
        "@misc{un, shorthand = {UNDP}, title = {Human Development Report}, url = {https://hdr.undp.org}, year = {2020}}\n"
        "@article{smith2020, author={Smith, John}, title={A paper}, journal={J}, year={2020}}\n"
    )
    main = tmp_path / "main.tex"
    main.write_text(
        "\\documentclass{article}\n\\begin{document}\nWe used~\\cite{pytorch}, \\citet{un} and \\citep{smith2020}.\n"
        "\\bibliographystyle{plainnat}\n\\bibliography{refs}\n\\end{document}\n"
    )
    doc = check_file(str(main)).doc
    assert doc is not None
    assert all(c.status.value == "linked" for c in doc.citations) and len(doc.citations) == 3
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == []


# --- 7. Author-date names ----------------------------------------------------------------------------


def _alarms_of(text: str) -> list[str]:
    doc = check_text(text)
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


def test_acl_entries_of_full_names_given_first() -> None:
    # ACL's "Kenton Lee. 2015.", "John Smith and Mary Jones. 2012.", "Juan Carlos Martínez Pérez. 2010."
    # were read as surnames "Kenton Lee", "John Smith" ...: 4 missing-reference errors and 4
    # uncited-reference warnings for a list cited right
    text = (
        "Parsing improved (Martínez Pérez, 2010; Pérez, 2010) and tagging too (Smith and Jones, 2012). Also "
        "Lee (2015) and Martínez Pérez et al. (2011).\n\nReferences\n\n"
        "Juan Carlos Martínez Pérez. 2010. A parser for Spanish. In Proceedings of ACL, pages 1–10.\n\n"
        "Juan Carlos Martínez Pérez, Ana López, and Pedro Ruiz. 2011. Another parser. In Proceedings of "
        "EMNLP, pages 11–20.\n\nJohn Smith and Mary Jones. 2012. Tagging text. Computational Linguistics, "
        "38(2):1–20.\n\nKenton Lee. 2015. A tagger. In Proceedings of NAACL, pages 5–9.\n"
    )
    assert _alarms_of(text) == []
    # an inverted name with its given names after ("García Márquez, Gabriel José. 1999.") is read as before
    assert (
        _alarms_of(
            "As told (García Márquez 1999).\n\nReferences\n\nGarcía Márquez, Gabriel José. 1999. Vivir.\n"
        )
        == []
    )


def test_names_that_differ_by_an_accent_each_cite_the_entry_spelt_so() -> None:
    text = (
        "Results differ (Müller, 2010) from earlier ones (Muller, 2010).\n\nReferences\n\n"
        "Müller, K. (2010). Über Daten. Springer.\n\nMuller, J. (2010). On data. Wiley.\n"
    )
    assert _alarms_of(text) == []  # was two ambiguous-citation errors


def test_a_publisher_and_year_in_parentheses_names_the_entry_it_published() -> None:
    text = (
        "See the memoir (Fourth Estate, 2012) and the study (Lee 2015).\n\nReferences\n\n"
        "Lee, Q. (2015). Ports. Marine Policy 7: 8–9.\n\nSmith, Z. (2012). A memoir. London: Fourth Estate.\n"
    )
    assert _alarms_of(text) == []  # was missing-reference "Estate, 2012" and uncited-reference Smith 2012


def test_a_function_call_in_the_prose_is_no_citation() -> None:
    # "count(3) over the rows" in a document citing "(1)": entry 3 counted as cited (its uncited warning
    # lost); a glued citation ends its phrase ("increased(3).")
    text = (
        "# Counting\n\nGrowth is known (1), (2). The query uses count(3) over the rows.\n\n## References\n\n"
        "1. Smith J. Trade. J Econ. 2010;12:1-10.\n2. Jones K. Diplomacy. Foreign Aff. 2012;3:4-5.\n"
        "3. Lee Q. Ports. Mar Policy. 2015;7:8-9.\n"
    )
    doc = check_text(text, "markdown", "a.md")
    assert [f.rule for f in doc.findings] == ["uncited-reference"]
    doc = check_text(text.replace("count(3) over the rows", "it increased(3)"), "markdown", "a.md")
    assert doc.findings == []
