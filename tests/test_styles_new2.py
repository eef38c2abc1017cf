"""Excerpts of real articles rendered in CSL styles as ../shared/corpus-styles renders them (JATS
references -> CSL-JSON -> citeproc-py), second round: each read without a false finding.

Sources (CC-BY): apa_correction_notice.txt, PLOS ONE 10.1371/journal.pone.0097541 (a correction
notice, which lists the article it corrects and cites nothing) in APA; apa_glued_groups_in_brackets.txt,
PLOS ONE 10.1371/journal.pone.0067227 in APA (parenthetical groups written one against the other
inside brackets, "[(Puddu et al., 2007)(Ramachandran et al., 2002)(...)]");
iea_five_names_with_month_surname.txt, first cites of five names in IEA/OECD from PLOS ONE
10.1371/journal.pone.0067227 ("Lim, Jun, ..."), 10.1371/journal.pone.0067179 ("Liu, Jan, ...") and
10.1371/journal.pone.0147124 ("Langbein, Rogers, Winter, ..."): a surname that is also a month or a
season, between two names of the list; apa_given_name_before_narrative_pair.txt, PLOS Biology
10.1371/journal.pbio.0020188 in APA ("issue of PLoS Biology, Elizabeth Blackburn and Rowley (2004)");
iea_particles_and_word_surnames.txt, PLOS ONE 10.1371/journal.pone.0012262 in IEA/OECD (first cites of
five names with "dela Cruz", "Le Page", "el-Belbessy" and surnames that are also words: "Day", "May",
"An", "Box"); apa_book_review_header.txt, PLOS Biology 10.1371/journal.pbio.1001044 in APA (a book
review headed by the book reviewed, "Mukherjee S (2010) The Emperor of All Maladies ...");
harvard_sole_author_vs_et_al_entry.txt, Malaria Journal 10.1186/1475-2875-13-225 (CC-BY 2.0) in Harvard
Cite Them Right ("Killeen, 2013" beside the entries "Killeen, G.F. (2013)" and "Killeen, G.F. et al.
(2013)").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.model import LinkStatus, Severity
from refcheck.pipeline import check_text

DATA = Path(__file__).parent / "data" / "styles_new2"


def check(name: str, text: str | None = None):  # type: ignore[no-untyped-def]
    path = DATA / name
    return check_text(text if text is not None else path.read_text(encoding="utf-8"), path=str(path))


@pytest.mark.parametrize(
    "name",
    [
        "apa_glued_groups_in_brackets.txt",
        "iea_five_names_with_month_surname.txt",
        "apa_given_name_before_narrative_pair.txt",
        "iea_particles_and_word_surnames.txt",
        "apa_book_review_header.txt",
        "harvard_sole_author_vs_et_al_entry.txt",
    ],
)
def test_no_findings_and_every_citation_links(name: str) -> None:
    doc = check(name)
    assert [(f.rule, f.line, f.message) for f in doc.findings] == []
    assert [c.text for c in doc.citations if c.status is not LinkStatus.LINKED] == []


def test_groups_glued_inside_brackets_are_read_each_with_its_own_names() -> None:
    doc = check("apa_glued_groups_in_brackets.txt")
    assert [c.text for c in doc.citations][:5] == [
        "Puddu et al., 2007",
        "Ramachandran et al., 2002",
        "Zimmerman & Zucker, 2009",
        "Dedkova & Blatter, 2008",
        "Jin et al., 2011",
    ]


def test_a_month_or_season_between_two_names_of_a_list_is_a_surname() -> None:
    doc = check("iea_five_names_with_month_surname.txt")
    assert [c.authors[:2] for c in doc.citations] == [["Lim", "Jun"], ["Liu", "Jan"], ["Langbein", "Rogers"]]
    # (a month after a word of the prose is still no name)
    doc = check(
        "x.txt", "In May, Smith and Jones (2010) wrote.\n\nReferences\n\nSmith, J. and Jones, K. (2010) T.\n"
    )
    assert [c.authors for c in doc.citations] == [["Smith", "Jones"]]


def test_a_notice_that_cites_nothing_names_each_entry_it_lists_at_info() -> None:
    text = (DATA / "apa_correction_notice.txt").read_text(encoding="utf-8")
    doc = check("apa_correction_notice.txt")
    assert [(f.rule, f.severity, f.line) for f in doc.findings] == [("uncited-reference", Severity.INFO, 19)]
    assert "Qiu et al. 2014" in doc.findings[0].message and "correction notice" in doc.findings[0].message
    # an entry added to its list is named too (one finding per entry, each at info)
    added = "Kowalczyk, C. A., & Marchetti, B. (2001). Analysis signals. Int J Epidemiol, 22(11), 864–952.\n"
    doc = check("apa_correction_notice.txt", text.replace("Qiu, Z.", added + "Qiu, Z."))
    assert [(f.rule, f.severity, f.line) for f in doc.findings] == [
        ("uncited-reference", Severity.INFO, 19),
        ("uncited-reference", Severity.INFO, 20),
    ]
    assert "Kowalczyk and Marchetti 2001" in doc.findings[0].message
    # the same list in a document that is no notice: one note for the list, as before
    doc = check("x.txt", text.replace("Correction: ", "", 1))
    assert [(f.rule, f.severity) for f in doc.findings] == [("uncited-reference", Severity.INFO)]
    assert "no citations of any known style" in doc.findings[0].message


def test_an_author_written_with_a_given_name_ends_a_list_of_surnames() -> None:
    doc = check("apa_given_name_before_narrative_pair.txt")
    assert (doc.citations[0].text, doc.citations[0].authors) == (
        "Elizabeth Blackburn and Rowley (2004)",
        ["Blackburn", "Rowley"],
    )


def test_particles_and_surnames_that_are_words_in_a_list_of_names() -> None:
    doc = check("iea_particles_and_word_surnames.txt")
    assert [c.authors for c in doc.citations] == [
        ["Loberg", "Day", "Harwood", "Ying", "St John"],
        ["Mangahas", "dela Cruz", "Friedman-Jimenez", "Jamal"],
        ["Gunia", "Koch", "May", "Dietel", "Erbersdobler"],
        ["Rettig", "Heber", "An", "Seeram", "Rao"],
        ["Sturgis", "Box", "D'Costa", "Forgue", "McGuire"],
        ["Lessard", "Saad", "Le Page", "Diallo", "Peant"],
        ["Hussein", "el-Belbessy"],
    ]


def test_one_name_cited_links_the_sole_author_entry_not_one_cut_short_by_et_al() -> None:
    doc = check("harvard_sole_author_vs_et_al_entry.txt")
    by_text = {c.text: c for c in doc.citations}
    (ref,) = [r for r in doc.references if r.id in by_text["Killeen, 2013"].references]
    assert ref.text.startswith("Killeen, G.F. (2013) “A second chance")
    (ref,) = [r for r in doc.references if r.id in by_text["Killeen et al., 2013"].references]
    assert ref.text.startswith("Killeen, G.F. et al. (2013) “Eliminating")


@pytest.mark.parametrize("name", ["notice.md", "notice.html"])
def test_a_notice_in_markdown_or_html_is_read_by_its_title(name: str) -> None:
    text = (DATA / "apa_correction_notice.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    if name.endswith(".html"):
        paragraphs = "".join(f"<p>{line}</p>" for line in lines[1:] if line)
        text = (
            f"<html><head><title>{lines[0]}</title></head><body><h1>{lines[0]}</h1>{paragraphs}</body></html>"
        )
    else:
        text = "# " + text
    doc = check_text(text, "html" if name.endswith(".html") else "markdown", path=name)
    assert [(f.rule, f.severity) for f in doc.findings] == [("uncited-reference", Severity.INFO)]
    assert "Qiu et al. 2014" in doc.findings[0].message


def test_a_span_of_months_before_a_year_is_no_citation() -> None:
    # PLOS ONE 10.1371/journal.pone.0010685: "during a three month period (June-September 2009)"
    text = (
        "Searches were performed twice during a three month period (June-September 2009), once in"
        " (Jun–Aug 2010) and in (Spring-Summer 2011), as before (Smith 2001).\n\nReferences\n\n"
        "Smith, J. (2001). A title. J Biol 1, 2.\n"
    )
    doc = check("x.txt", text)
    assert [c.text for c in doc.citations] == ["Smith 2001"]
    assert doc.findings == []
