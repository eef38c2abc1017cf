"""Known false alarms and misses left from earlier QA rounds (round 23): each test is the smallest form
of what a real document did, written afresh, and failed before its fix."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from refcheck.extract.reference_list import looks_like_entry, parse_entry
from refcheck.loaders.docx import emphasis_styles, load_docx
from tests.fixes.docx_util import STYLES, package, para, run

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


# --- 2. a Quarto website whose every page names the shared bibliography itself ---------------------------
# Each page of a Quarto website names refs.bib in its own front matter ("bibliography: refs.bib"), not
# _quarto.yml: each page said every entry that other pages cite was "never cited". In a project, an
# entry is uncited when no page that names the same bibliography cites it.

_BIB = (
    "@article{smith2010, author={Smith, John}, title={Trade}, journal={J}, year={2010}}\n"
    "@article{jones2012, author={Jones, Ann}, title={Growth}, journal={J}, year={2012}}\n"
    "@article{lee2015, author={Lee, Kim}, title={Unused}, journal={J}, year={2015}}\n"
)


def _page(title: str, body: str, bib: str = "refs.bib") -> str:
    return f"---\ntitle: {title}\nbibliography: {bib}\n---\n\n{body}\n"


def _uncited(path: Path) -> list[str]:
    return sorted(m.split()[0] for rule, _, m in findings(path) if rule == "uncited-reference")


def test_a_quarto_website_judges_uncited_entries_over_the_pages_sharing_the_bibliography(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "_quarto.yml": "project:\n  type: website\nwebsite:\n  title: Notes\n",
            "refs.bib": _BIB,
            "one.qmd": _page("One", "Trade grew [@smith2010]."),
            "posts/two.qmd": _page("Two", "Growth slowed [@jones2012; see @smith2010, p. 3].", "../refs.bib"),
            # a page with a bibliography of its own: what it cites says nothing of refs.bib
            "other.qmd": _page("Other", "Unrelated [@lee2015].", "other.bib"),
            "other.bib": "@book{lee2015, author={Lee, Kim}, title={Else}, publisher={P}, year={2015}}\n",
            # a partial Quarto does not render
            "_draft.qmd": _page("Draft", "Draft [@lee2015]."),
        },
        git=True,
    )
    assert _uncited(tmp_path / "one.qmd") == ["lee2015"]
    assert _uncited(tmp_path / "posts" / "two.qmd") == ["lee2015"]


def test_a_page_of_no_project_still_reports_its_uncited_entries(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "refs.bib": _BIB,
            "one.md": _page("One", "Trade grew [@smith2010]."),
            "two.md": _page("Two", "[@jones2012]"),
        },
        git=True,
    )
    assert _uncited(tmp_path / "one.md") == ["jones2012", "lee2015"]


# --- 3. a suggestion that opened with a Markdown link's bracket ------------------------------------------
# A Markdown list whose entries are links ("- [McChrystal, Stanley. 2013. My Share of the Task. ...](url)")
# or open with emphasis ("**McChrystal, S.** (2013).") read the names with the markup: "[McChrystal",
# and the message said "did you mean [McChrystal 2013?". The names are read without it; the entry's
# links are still read.


def test_markup_around_an_entrys_names_is_not_read_as_part_of_them() -> None:
    for entry in (
        "[McChrystal, Stanley. 2013. My Share of the Task. New York: Portfolio.](https://example.org/b)",
        "[McChrystal, S.](https://example.org/b) (2013). My Share of the Task. New York: Portfolio.",
        "**McChrystal, S.** (2013). My Share of the Task. New York: Portfolio.",
        "_McChrystal, S._ (2013). My Share of the Task. New York: Portfolio.",
    ):
        ref = parse_entry(entry)
        assert (ref.shown_authors, ref.year) == ("McChrystal", "2013"), entry
        assert ref.title == "My Share of the Task", entry
        assert ref.text == entry
        assert ref.urls == (["https://example.org/b"] if "](" in entry else []), entry


def test_a_misspelt_name_of_a_linked_entry_is_suggested_without_the_bracket(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "post.md": "# Command\n\nLeadership changed (McCrystal 2013). Teams matter (Smith 2010).\n\n"
            "## References\n\n"
            "- [McChrystal, Stanley. 2013. My Share of the Task. New York: Portfolio.](https://example.org/b)\n"
            "- Smith, John. 2010. Teams. London: Penguin.\n"
        },
    )
    said = [m for rule, _, m in findings(tmp_path / "post.md") if rule == "author-mismatch"]
    assert len(said) == 1 and "(did you mean McChrystal 2013?)" in said[0], said


# --- 4. a guide's numbered section on the bibliography, between two others --------------------------------
# A thesis template's guide has "## 2.6 Bibliography", paragraphs on citing with \cite and BibTeX (one
# naming "Lamport (1994)"), then "## 2.7 Tables". Its paragraphs were read as entries ("Keep your
# references in a BibTeX file et al. 1994 is listed but never cited"). A numbered section the next
# section's number follows, none of whose paragraphs looks like an entry, is the body's.

_GUIDE = (
    "# Writing your thesis with the department template\n\n"
    "## 2.5 Figures\n\n"
    "Put figures in the figures directory. The layout follows the advice of Tufte (2001) on plots.\n\n"
    "## 2.6 Bibliography\n\n"
    "Keep your references in a BibTeX file, refs.bib, and cite them with \\cite{key} in the text. The\n"
    "bibliography style is set with \\bibliographystyle{apalike}, which prints author and year as in\n"
    "Lamport (1994).\n\n"
    "Run latex, then bibtex, then latex twice. BibTeX prints only the entries that are cited; use\n"
    "\\nocite{*} to print them all. Entries need an author, a title and a year (2019 or later for web pages).\n\n"
    "## {next}\n\n"
    "Tables go in the tables directory.\n"
)


def test_a_numbered_how_to_section_on_the_bibliography_is_no_reference_list(tmp_path: Path) -> None:
    write(tmp_path, {"guide.md": _GUIDE.replace("{next}", "2.7 Tables")})
    assert _loud(tmp_path / "guide.md") == []


def test_a_numbered_reference_section_with_entries_is_still_the_list(tmp_path: Path) -> None:
    entries = "Lamport, L. (1994). LaTeX: A Document Preparation System. Addison-Wesley.\n\n"
    text = _GUIDE.replace("{next}", "2.7 Tables").replace(
        "Keep your references", entries + "Keep your references"
    )
    write(tmp_path, {"guide.md": text})
    # (the list is read: its entries, none cited, are said at info)
    assert any(
        rule == "uncited-reference" and "3 entries" in m for rule, _, m in findings(tmp_path / "guide.md")
    )
    # and a section no numbered one follows ("Appendix"): the list, as before
    write(tmp_path, {"guide.md": _GUIDE.replace("{next}", "Appendix")})
    assert any(rule == "uncited-reference" for rule, _, _ in _loud(tmp_path / "guide.md"))


# --- 5. MyST's include directive ---------------------------------------------------------------------
# A MyST page reads another file in with "```{include} parts/methods.md```" (or ":::{include}"): the
# citations there are the page's, and were not read (a wrong key in the included file went unseen).
# A file included as code (":literal:", ":code:") is not text of the page.


def test_myst_include_directives_are_followed(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "myst.yml": "version: 1\nproject:\n  bibliography:\n    - refs.bib\n",
            "refs.bib": _BIB,
            "index.md": "# Intro\n\nTrade grew [@smith2010].\n\n```{include} parts/methods.md\n```\n\n"
            ":::{include} parts/more.md\n:start-after: <!-- start -->\n:::\n\n"
            "```{include} parts/code.md\n:literal:\n```\n",
            "parts/methods.md": "Growth slowed {cite:p}`jones2012`, and costs rose [@lee2016].\n",
            "parts/more.md": "Not this [@nowhere2001].\n<!-- start -->\nNor [@jones2021].\n",
            "parts/code.md": "A listing [@listing2000].\n",
        },
        git=True,
    )
    said = findings(tmp_path / "index.md")
    missing = sorted(m.split("'")[1] for rule, _, m in said if rule == "missing-reference")
    assert missing == ["jones2021", "lee2016"], said


# --- 6. DOCX italics given by a paragraph style, and w:iCs in a run of complex script ------------------
# A Word essay set "Harry Potter" in italics through its paragraph's style (a "Quote" in italics whose
# other runs turn italics off), and an Arabic title with w:iCs: neither was read as emphasis, so the
# title before its year "(2001)" was a missing-reference error where an <em> title is info. w:iCs in
# Latin text is not shown in italics by Word, and is not read as emphasis.

_QUOTE_STYLES = STYLES.replace(
    "</w:styles>",
    '<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/>'
    "<w:rPr><w:i/><w:iCs/></w:rPr></w:style></w:styles>",
)
_ROMAN = '<w:i w:val="0"/>'
_LIST = (
    para(run("References"))
    + para(run("Smith, J. (2010). Climate diplomacy. Journal of Things, 3, 1-10."))
    + para(run("Jones, K. (2005). Treaties and targets. Journal of Things, 5, 11-20."))
)


def _docx_with_styles(body: str, styles: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package(body))) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, styles.encode() if info.filename == "word/styles.xml" else src.read(info))
    return out.getvalue()


def _spans(data: bytes) -> list[str]:
    doc = load_docx("a.docx", data)
    return [doc.text[a:b] for a, b, strong in doc.emphasis if not strong]


def test_a_paragraph_style_in_italics_gives_its_runs_emphasis() -> None:
    quote = '<w:pPr><w:pStyle w:val="Quote"/></w:pPr>'
    body = para(quote + run("Films like ", _ROMAN), run("Harry Potter"), run(" (2001) sold.", _ROMAN))
    assert _spans(_docx_with_styles(body, _QUOTE_STYLES)) == ["Harry Potter"]
    assert emphasis_styles(_QUOTE_STYLES.encode(), "paragraph") == {"Quote": 1}
    # (a paragraph of the plain style: nothing)
    assert _spans(_docx_with_styles(para(run("Films like Harry Potter (2001).")), _QUOTE_STYLES)) == []


def test_ics_is_italics_in_a_run_of_complex_script_only() -> None:
    body = para(
        run("Films like "),
        run("\u0647\u0627\u0631\u064a", "<w:rtl/><w:iCs/>"),
        run(" (2001) and "),
        run("Arcane", "<w:iCs/>"),
        run(" (2021)."),
    )
    assert _spans(package(body)) == ["\u0647\u0627\u0631\u064a"]


def test_a_title_in_a_paragraph_styles_italics_before_its_year_is_no_citation(tmp_path: Path) -> None:
    quote = '<w:pPr><w:pStyle w:val="Quote"/></w:pPr>'
    body = para(
        quote + run("Films like ", _ROMAN),
        run("Harry Potter"),
        run(" (2001) reach new audiences, as Smith (2010) and Jones (2005) say.", _ROMAN),
    )
    (tmp_path / "e.docx").write_bytes(_docx_with_styles(body + _LIST, _QUOTE_STYLES))
    said = findings(tmp_path / "e.docx")
    assert [(rule, severity) for rule, severity, _ in said] == [("missing-reference", "info")], said


# --- 7. a linguistics paper's example numbers in an author-date paper with a numbered list -------------
# A Glossa-style paper cites by author and year, numbers its reference list ("1. Abels, A. (1990).
# ...") and sets its examples as paragraphs opening with their numbers ("(1) a. Gestern hat ...", not
# alone on their lines). The examples' numbers and the references to them ("given in (1)", "As (1b)
# shows") were read as numeric citations of entries 1-8: the document was taken for a numeric one
# ("checked the numeric citations only") and an entry no example number matched was "never cited".

_NAMES = ["Abels", "Baker", "Chomsky", "Dahl", "Emonds", "Fox", "Grimshaw", "Haider"]
_EXAMPLES = (
    "# Verb movement in Germanic\n\n"
    "Verb second has been studied at length (Abels 1990; Baker 1991). Chomsky (1992) gave the basic account.\n\n"
    "The basic pattern is given in (1), and its embedded version in (2).\n\n"
    "(1) a. Gestern hat Hans das Buch gelesen.\n    b. *Gestern Hans hat das Buch gelesen.\n\n"
    "(2) dass Hans gestern das Buch gelesen hat\n\n"
    "As (1b) shows, the finite verb must be second; (2) shows it final (Dahl 1993). Compare (3) and (4).\n\n"
    "(3) Hans hat gestern das Buch gelesen.\n\n"
    "(4) *Hat Hans gestern das Buch gelesen.\n\n"
    "Examples (5) and (6) show the same for Dutch (Emonds 1994; Fox 1995), and (7) for Yiddish "
    "(Grimshaw 1996; Haider 1997).\n\n"
    "(5) Gisteren heeft Jan het boek gelezen.\n\n"
    "(6) *Gisteren Jan heeft het boek gelezen.\n\n"
    "(7) Nekhtn hot Moyshe geleyent dos bukh.\n\n"
    "## References\n\n"
    + "".join(
        f"{i}. {n}, A. ({1989 + i}). A study of verb movement number {i}. Linguistic Inquiry {i}: 1-20.\n"
        for i, n in enumerate(_NAMES, 1)
    )
)


def test_example_numbers_opening_paragraphs_are_no_citations_of_a_numbered_list(tmp_path: Path) -> None:
    write(tmp_path, {"v2.md": _EXAMPLES})
    assert findings(tmp_path / "v2.md") == []
    # a numeric paper that cites "(1)" in the examples' range is still read by number
    numeric = _EXAMPLES.replace("(Abels 1990; Baker 1991)", "(8)").replace("Chomsky (1992)", "Chomsky")
    for name, year in zip(_NAMES[3:], range(1993, 1998), strict=False):
        numeric = numeric.replace(f"{name} {year}", str(_NAMES.index(name) + 1)).replace(
            f"({name} {year};", f"({_NAMES.index(name) + 1};"
        )
    write(tmp_path, {"n.md": numeric})
    said = findings(tmp_path / "n.md")
    assert not any("checked the author-date citations only" in m for _, _, m in said), said
