"""False alarms found by running refcheck on real projects not tried before (QA round 23): each test
is the smallest form of a pattern a public project uses, and failed before its fix. The source of each
pattern is named beside its test."""

from __future__ import annotations

from pathlib import Path

from .projects import findings, write


def _loud(path: Path) -> list[tuple[str, str, str]]:
    return [f for f in findings(path) if f[1] != "info"]


# --- an author-date citation whose names are written as Vancouver writes them -------------------------
# A bioRxiv preprint in stencila/encoda's JATS fixtures (Protoxin-II variants) cites a patent as
# "(Flinspach M, Neff R, Liu Y, & al., 2015; Neff & Wickenden, 2021)": each surname is followed by
# its bare initials, as the entry writes them. The initials were read as part of each surname, and
# "Flinspach M" matched no author: an error author-mismatch ("did you mean Flinspach et al. 2015?")
# on a citation that names the entry's three authors.

_VANCOUVER_NAMES = (
    "# Toxins\n\nW30L improved selectivity ({cite}; Neff & Wickenden, 2021).\n\n## References\n\n"
    "Flinspach M, Neff R, Liu Y, et al. (2015). Protoxin-II variants and methods of use. Patent No. "
    "US20150099705.\n\nNeff, R. A., & Wickenden, A. D. (2021). Selective targeting of Nav1.7 with "
    "engineered peptides. Toxins, 13, 1-20.\n"
)


def test_initials_after_each_surname_of_a_citation_are_no_part_of_the_surnames(tmp_path: Path) -> None:
    for cite in ("Flinspach M, Neff R, Liu Y, & al., 2015", "Flinspach M, Neff R, Liu Y, et al., 2015"):
        write(tmp_path, {"paper.md": _VANCOUVER_NAMES.format(cite=cite)})
        assert _loud(tmp_path / "paper.md") == [], cite


def test_a_wrong_surname_written_with_initials_is_still_found(tmp_path: Path) -> None:
    write(tmp_path, {"paper.md": _VANCOUVER_NAMES.format(cite="Flinspach M, Neff R, Lee Y, et al., 2015")})
    assert [f[0] for f in _loud(tmp_path / "paper.md")] != []


# --- a bare superscript range in a JATS article that cites in superscript ------------------------------
# A bioRxiv preprint in libero/jats-ingester's test assets writes "decreased cardiovascular risk
# <sup>27-31</sup>" with no xref, while its other citations are "<sup><xref rid="c27">27</xref>,
# <xref rid="c29">29</xref></sup>": entries 28, 30 and 31 are cited only by the bare range, and were
# "listed but never cited" (three false warnings). A bare superscript of entry numbers is read as a
# citation when the article's xrefs are superscripts too; an exponent or a number that is no entry's
# label stays unread.


def _superscript_article(body: str) -> str:
    from .jats_docs import article, numbered, xref

    cited = "".join(f"word<sup>{xref(f'B{i}', str(i))}</sup> " for i in (1, 2, 3))
    return article(cited + body, numbered(6))


def test_a_bare_superscript_range_cites_its_entries() -> None:
    from .jats_docs import alarms, check

    assert alarms(check(_superscript_article("risk<sup>4-6</sup>."))) == []
    left = alarms(check(_superscript_article("risk<sup>4-5</sup>.")))
    assert len(left) == 1 and "uncited-reference" in left[0]


def test_exponents_and_unknown_numbers_in_superscript_stay_unread() -> None:
    from .jats_docs import check

    for body in ("10<sup>4</sup> cells and 5 m<sup>5</sup>.", "risk<sup>4-9</sup>."):
        doc = check(_superscript_article(body))
        assert [c.numbers for c in doc.citations if c.kind == "numeric"] == [], body
        assert not any(f.rule == "missing-reference" for f in doc.findings), body


# --- a range between two xrefs whose dash stands between brackets -------------------------------------
# SciELO's superscript ranges in packtools' fixtures (a Revista da Sociedade Brasileira de Medicina
# Tropical article): "analyses.<xref rid="B9"><sup>9</sup></xref><sup>)-(</sup><xref rid="B16"><sup>16
# </sup></xref>", the reader's "(9)-(16)". The dash was not seen between the brackets, and entries 10
# to 15 (and 18, 19 of "(17)-(20)") were "listed but never cited": eight false warnings.


def test_a_range_whose_dash_stands_between_brackets_cites_the_entries_between() -> None:
    from .jats_docs import alarms, article, check, numbered, xref

    body = f"Tools.{xref('B1', '<sup>1</sup>')}<sup>)-(</sup>{xref('B5', '<sup>5</sup>')} Done."
    assert alarms(check(article(body, numbered(5)))) == []
    body = f"Tools.{xref('B1', '<sup>1</sup>')}<sup>)(</sup>{xref('B5', '<sup>5</sup>')} Done."
    assert len(alarms(check(article(body, numbered(5))))) == 3  # no dash: 2, 3 and 4 are not cited


# --- a quoted name or title before a year -------------------------------------------------------------
# umich-hist-399/campus-histories' student essays (Chicago author-date) write "the nomenclature of the
# street changes—‘University Street’ (1866); ‘East University Avenue’ (1874)", "later dubbed ‘Campus
# Club’ (1875, acquired ...)", and cite a work without author by its quoted title, "(VanEyck 1965;
# "Inauguration of Clarence Cook Little..." 1925)". The last quoted word was read as an author: five
# errors missing-reference ("Street’ (1866)"), and the title's "Little" linked to an entry of Little
# dated 1924 (an error year-mismatch, and the title's own entry "listed but never cited").

_QUOTED = (
    "# East campus\n\nOnly the street's name changes—‘University Street’ (1866); ‘East University "
    "Avenue’ (1874). Jones’ (2010) study agrees. Little (1924) wrote on cancer; he was installed in 1925 (VanEyck 1965; "
    '"Inauguration of Clarence Cook Little..." 1925).\n\n## Bibliography\n\n'
    "- Jones, Mary. 2010. *Streets of Ann Arbor*. Ann Arbor: Huron Press.\n"
    "- Little, Clarence Cook. 1924. *Civilization against Cancer*. New York: Farrar.\n"
    '- "Inauguration of Clarence Cook Little." 1925. *Michigan Alumnus* 32: 1-10.\n'
    "- VanEyck, Daniel. 1965. *The University Presidents*. Ann Arbor: University of Michigan.\n"
)


def test_a_quoted_name_or_title_before_a_year_is_no_author(tmp_path: Path) -> None:
    write(tmp_path, {"essay.md": _QUOTED})
    assert _loud(tmp_path / "essay.md") == [], _loud(tmp_path / "essay.md")


def test_a_possessive_before_a_year_is_still_read(tmp_path: Path) -> None:
    write(tmp_path, {"essay.md": _QUOTED.replace("Jones’ (2010)", "Jones’ (2011)")})
    assert [f[0] for f in _loud(tmp_path / "essay.md")] == ["year-mismatch"]


# --- a possessive before a bare year ------------------------------------------------------------------
# A Bakhtiniana article in scieloorg/packtools' fixtures quotes its English source: "The idea of
# 'dialogism' makes its debut in Bakhtin's 1929 study of Dostoevsky", and lists the 2022 Brazilian
# edition. The possessive and bare year date the work's first appearance: an error year-mismatch
# ("did you mean Bakhtin 2022?") was a false alarm. Said at info; "Bakhtin 1929" without the
# possessive, or "(Bakhtin, 1929)", is still an error.

_POSSESSIVE = (
    '# Dialogism\n\nDialogism grows from the novel (Bakhtin, 2022). In the original: "The idea makes '
    'its debut in {cite} study of Dostoevsky".\n\n## References\n\n'
    "Bakhtin, M. (2022). Problemas da poética de Dostoiévski. São Paulo: Editora 34.\n"
)


def test_a_possessive_before_a_bare_year_is_said_at_info(tmp_path: Path) -> None:
    write(tmp_path, {"essay.md": _POSSESSIVE.format(cite="Bakhtin's 1929")})
    assert _loud(tmp_path / "essay.md") == []
    assert [f[:2] for f in findings(tmp_path / "essay.md")] == [("year-mismatch", "info")]
    write(tmp_path, {"essay.md": _POSSESSIVE.format(cite="(Bakhtin, 1929)")})
    assert [f[:2] for f in _loud(tmp_path / "essay.md")] == [("year-mismatch", "error")]


# --- two organisations cited by their acronyms joined by a hyphen -------------------------------------
# A Papéis Avulsos de Zoologia article in scieloorg/packtools' fixtures cites its management plan
# "(<xref rid="B17">IBAMA-MMA, 2004</xref>)", whose entry's authors are two <collab>s, "Instituto
# Brasileiro do Meio Ambiente e dos Recursos Naturais Renováveis (IBAMA)" and "Ministério do Meio
# Ambiente (MMA)": three errors author-mismatch ("did you mean Instituto Brasileiro ... 2004?").


def _two_organisations(shown: str) -> str:
    from .jats_docs import article, xref

    ref = (
        '<ref id="B17"><element-citation publication-type="book"><person-group person-group-type="author">'
        "<collab>Instituto Brasileiro do Meio Ambiente e dos Recursos Naturais Renováveis (IBAMA)</collab>"
        "<collab>Ministério do Meio Ambiente (MMA)</collab></person-group><year>2004</year>"
        "<source>Plano de Manejo do Parque Nacional de Aparados da Serra</source></element-citation></ref>"
    )
    return article(f"The park covers 130 km² ({xref('B17', shown)}).", ref)


def test_organisations_acronyms_joined_by_a_hyphen_name_the_entry() -> None:
    from .jats_docs import alarms, check

    assert alarms(check(_two_organisations("IBAMA-MMA, 2004"))) == []
    assert len(alarms(check(_two_organisations("IBAMA-ICMBio, 2004")))) == 1


# --- a year cited within the span of years an entry is dated by ---------------------------------------
# umich-hist-399/campus-histories' essays list archival collections dated by a span, "Adams Lewis,
# William. Collection of photographs and notebooks. 1893-1898." and "Behnke, Zoe Ann Bliss. "Record
# of All Suffragist events in Washtenaw County" ... 1910-1913.", and cite the year of the item used,
# "(Behnke 1912, F3)": an error year-mismatch ("did you mean Behnke 1910?"). A year within the span
# fits the entry; one outside it is still a mismatch.

_SPAN = (
    "# Suffrage\n\nMeals were offered (Adams Lewis, 1898). Suffragists met often (Behnke {year}, F3).\n\n"
    "## Bibliography\n\n- Adams Lewis, William. Collection of photographs and notebooks. 1893-1898. The "
    'Bentley Historical Library.\n- Behnke, Zoe Ann Bliss. "Record of All Suffragist events in Washtenaw '
    'County", _Woman Suffrage Movement in Washtenaw County_. 1910-1913.\n'
)


def test_a_year_within_an_entrys_span_of_years_fits_it(tmp_path: Path) -> None:
    write(tmp_path, {"essay.md": _SPAN.format(year="1912")})
    assert [f for f in findings(tmp_path / "essay.md")] == []
    write(tmp_path, {"essay.md": _SPAN.format(year="1915")})
    assert [f[:2] for f in _loud(tmp_path / "essay.md")] == [("year-mismatch", "error")]


# --- a list of notes classed as a reference list in HTML ----------------------------------------------
# SciELO's article pages (packtools' htmlgenerator fixtures, an abstract page) put the correspondence
# address, the authors' contributions and the conflicts of interest in '<div class="ref-list"><ul
# class="refList footnote">'. With no heading "References", that div was read as the reference list:
# "Correspondence is listed but never cited" (a warning), and a place and year in the abstract, "the
# next edition of VEME (Panama 2022)", became an error missing-reference.

_NOTES_PAGE = (
    "<html><body><h1>Genomic surveillance</h1><p>A module will join the next edition of VEME (Panama "
    "2022).</p>{lists}</body></html>"
)
_NOTES = (
    '<div class="ref-list"><ul class="refList footnote"><li><h3>Correspondence:</h3> Luiz Alcantara. '
    "<h3>E-mail:</h3> luiz@example.org</li></ul></div>"
    '<div class="ref-list"><ul class="refList footnote"><li><h3>CONFLICTS OF INTEREST</h3><div>The '
    "authors declare they have no conflicts of interest.</div></li></ul></div>"
)


def test_a_list_of_notes_classed_as_a_reference_list_holds_no_entries(tmp_path: Path) -> None:
    write(tmp_path, {"page.html": _NOTES_PAGE.format(lists=_NOTES)})
    assert _loud(tmp_path / "page.html") == []
    refs = '<div class="ref-list"><ul><li>Panama, J. (2021). Genomes of the isthmus. Cell, 3, 1-9.</li></ul></div>'
    write(tmp_path, {"page.html": _NOTES_PAGE.format(lists=refs)})
    assert [f[:2] for f in _loud(tmp_path / "page.html")] == [("year-mismatch", "error")]


# --- a reference list in several containers, one per kind of work (HTML) ------------------------------
# SciELO's page of an article whose list is in parts (packtools' multiple_ref-list fixture) writes
# '<h1>REFERÊNCIAS - Livros:</h1><div class="ref-list">...</div><h1>Teses e Dissertações:</h1><div
# class="ref-list">...</div><h1>Sites:</h1>...'. Only the first container was read: the works of the
# other parts were "cited but not in the reference list" (seven false errors on one page).


def test_the_parts_of_a_reference_list_in_several_containers_are_one_list(tmp_path: Path) -> None:
    part = '<div class="ref-list"><ul class="refList">\n<li><div>{}</div></li>\n</ul></div>\n'
    page = (
        "<html><body>\n<h1>Indigenous writing</h1>\n<p>Books matter, as Krenak (2015) says. Talks too, as "
        "Munduruku (2021) says.</p>\n<h1>REFERÊNCIAS - Livros:</h1>\n"
        + part.format("KRENAK, Ailton. Encontros. Rio de Janeiro: Azougue, 2015.")
        + "<h1>Palestra:</h1>\n"
        + part.format("MUNDURUKU, Daniel. O caráter educativo do movimento indígena. São Paulo, 2021.")
        + '<h1>Edited by</h1>\n<div class="ref-list"><ul class="refList footnote"><li>Editora: S. Gomes</li>'
        "</ul></div>\n</body></html>\n"
    )
    write(tmp_path, {"page.html": page})
    assert _loud(tmp_path / "page.html") == []
