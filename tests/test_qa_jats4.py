"""JATS from more publishers and generators (qa-jats4): tables and figures PMC moves to a
<floats-group>, numbers listed in one xref with spaces, notes that are back-matter statements.
Small documents modelled on published open-access articles; each test names its source."""

from __future__ import annotations

from pathlib import Path

from refcheck.model import Severity
from refcheck.pipeline import CheckOptions

from .jats_docs import alarms, article, check, numbered


def xref(i: int, shown: str | None = None) -> str:
    return f'<xref ref-type="bibr" rid="B{i}">{shown or i}</xref>'


def test_tables_and_figures_in_a_floats_group_cite_too() -> None:
    # MDPI Biomedicines 13:2497 (PMC, CC BY 4.0): its tables sit in <floats-group> after <back>, and
    # entries 64-108 are cited only in table cells ("[<xref rid="B66-...">66</xref>]"): 35 uncited
    floats = (
        '<floats-group><table-wrap id="t1" position="float"><label>Table 1</label><caption><p>Sources of '
        f"exosomes ({xref(3)}).</p></caption><table><tbody><tr><td>Saliva</td><td>[{xref(4)},{xref(5)}]"
        '</td></tr></tbody></table></table-wrap><fig id="f1"><label>Figure 1</label><caption><p>After '
        f"[{xref(6)}].</p></caption></fig></floats-group>"
    )
    doc = check(
        article(
            f"Exosomes [{xref(1)},{xref(2)}] (<xref ref-type='table' rid='t1'>Table 1</xref>).",
            numbered(6),
            floats,
        )
    )
    assert alarms(doc) == []
    # a citation in a float is read like one in the body: a number past the list is missing
    doc = check(
        article(
            f"Exosomes [{xref(1)},{xref(2)}].",
            numbered(6),
            floats.replace("].</p></caption></fig>", "]. Also [9].</p></caption></fig>"),
        )
    )
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["missing-reference"]


def test_numbers_listed_with_spaces_in_one_xref_cite_each_entry() -> None:
    # J Immunother Cancer 2025;13:e012743 (BMJ, in PMC, CC BY-NC 4.0): a superscript list is one xref
    # pointing at its first entry ('<xref rid="R4"><sup>4 5</sup></xref>', '<sup>50 138 139</sup>')
    body = (
        f"Cytokines.{xref(1)} Macrophages.<xref ref-type='bibr' rid='B2'><sup>2 3</sup></xref> Subsets."
        f"<xref ref-type='bibr' rid='B4'><sup>4 7 8</sup></xref> Also.{xref(5)}, {xref(6)}"
    )
    doc = check(article(body, numbered(8)))
    assert alarms(doc) == []
    assert [c.numbers for c in doc.citations if c.numbers and len(c.numbers) > 1] == [(2, 3), (4, 7, 8)]


def test_two_numbers_with_nothing_between_their_xrefs_are_a_range() -> None:
    # the same article: PMC dropped the dash of a superscript range 'immunotherapy.<xref rid="R1">1
    # </xref><xref rid="R3">3</xref> These cells': entry 2 (and 7, 17 ... in other ranges) was uncited
    body = f"Survival.{xref(1)}{xref(3)} Tumours.{xref(4)}{xref(8)} Then.{xref(9)}"
    doc = check(article(body, numbered(9)))
    assert alarms(doc) == []
    # written with a space or a comma between, they are two numbers (the entries between are uncited)
    doc = check(article(f"Survival.{xref(1)}, {xref(3)} Tumours.{xref(4)}{xref(5)}", numbered(5)))
    assert alarms(doc) == [
        "uncited-reference: [2] AuthorB 1992 is listed but never cited; cite it or remove the entry"
    ]


def test_back_matter_notes_pmc_moves_into_the_body_are_statements() -> None:
    # Anatol J Cardiol 30(5):297 and Wiley's Developmental Science e70226 in PMC (CC BY): the back
    # matter's notes ("Ethics Committee Approval: ...", "Handling Editor: ...") sit in the body in a
    # <sec sec-type="fn-group"> with no marker: each was a footnote-unreferenced warning
    statements = (
        '<sec id="fn-group1" sec-type="fn-group"><title>Footnotes</title><fn-group><fn id="fn1"><p><bold>'
        'Ethics Committee Approval:</bold> Approved.</p></fn><fn id="fn2"><p><bold>Peer-review:</bold> '
        "Externally peer-reviewed.</p></fn></fn-group></sec>"
    )
    cited = f"Shown {xref(1)}.</p>"
    doc = check(article(cited + statements + "<p>End.", numbered(1)))
    assert alarms(doc) == [] and doc.footnotes == []
    # a group of notes in a section, none pointed at, is no set of notes either (Wiley in PMC)
    group = statements.replace(' sec-type="fn-group"', "")
    doc = check(article(cited + group + "<p>End.", numbered(1)))
    assert alarms(doc) == [] and doc.footnotes == []
    # a body note of a group whose other notes have markers is a note, and unreferenced
    marker = 'Shown<xref ref-type="fn" rid="fn1">1</xref>'
    doc = check(article(cited + f"<p>{marker}.</p>" + group + "<p>End.", numbered(1)))
    assert alarms(doc) == [
        "footnote-unreferenced: footnote [fn2] is never referenced; add a marker or remove the note"
    ]


def test_a_run_of_three_glued_number_xrefs_is_a_list() -> None:
    # a list that lost its commas ('<xref>1</xref><xref>3</xref><xref>5</xref>') is no range: 2 and 4
    # are not cited by it
    doc = check(article(f"Shown.{xref(1)}{xref(3)}{xref(5)} End.", numbered(5)))
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["uncited-reference"] * 2


def test_a_bracketed_value_after_a_number_in_a_marked_up_article_is_no_citation() -> None:
    # Clinical Obesity (Wiley, in PMC): a table's "median [IQR] (n)" cells, "157 [113] (113)", were six
    # missing-reference errors in an article whose 35 citations are all xrefs
    table = (
        '<table-wrap id="t1"><table><tbody><tr><td>Weight, kg</td><td>157 [113] (113)</td><td>134 [126] '
        "(93)</td><td>12.5% [40]</td></tr></tbody></table></table-wrap>"
    )
    doc = check(article(f"Shown [{xref(1)}].</p>{table}<p>End.", numbered(1)))
    assert alarms(doc) == []
    # a bracket after a word is still read: an unmarked number past the list is missing
    doc = check(article(f"Shown [{xref(1)}] and later work [7].</p>{table}<p>End.", numbered(1)))
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["missing-reference"]


def test_the_authority_of_a_recombined_species_is_no_citation() -> None:
    # Biodiversity Data Journal 2: e1156 (Pensoft, TaxPub, CC BY 4.0): its table of species, in the
    # <floats-group>, names "M. mesonyctius (Kreis, 1930) Andrássy, 1959": the original authority in
    # parentheses, then who moved the species; with Andrássy 1970 listed, a year-mismatch error
    taxon = (
        '<italic><tp:taxon-name xmlns:tp="http://www.plazi.org/taxpub"><tp:taxon-name-part taxon-name-'
        'part-type="genus">M.</tp:taxon-name-part> <tp:taxon-name-part taxon-name-part-type="species">'
        "mesonyctius</tp:taxon-name-part></tp:taxon-name></italic>"
    )
    refs = (
        '<ref id="B1"><element-citation publication-type="journal"><person-group person-group-type='
        '"author"><name><surname>Andrássy</surname><given-names>I</given-names></name></person-group>'
        "<year>1970</year><article-title>Nematoden</article-title><source>Opusc Zool</source>"
        "</element-citation></ref>"
    )
    floats = (
        f'<floats-group><table-wrap id="t1"><table><tbody><tr><td>{taxon} (Kreis, 1930) Andrássy, 1959'
        '</td><td><xref ref-type="bibr" rid="B1">Andrássy (1970)</xref></td></tr></tbody></table>'
        "</table-wrap></floats-group>"
    )
    doc = check(article("See Table 1.", refs, floats))
    assert alarms(doc) == []
    # a citation after the parenthesis that is not an authority's place is still read
    floats = floats.replace(f"{taxon} (Kreis, 1930) Andrássy, 1959", "As said by Andrássy, 1959")
    doc = check(article("See Table 1.", refs, floats))
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["year-mismatch"]


def author_ref(rid: str, surnames: str, year: str, prefix: str = "") -> str:
    names = "".join(
        f"<name><surname>{prefix if k == 0 else ''}{s}</surname><given-names>A</given-names></name>"
        for k, s in enumerate(surnames.split())
    )
    return (
        f'<ref id="{rid}"><element-citation publication-type="journal"><person-group person-group-type='
        f'"author">{names}</person-group><year>{year}</year><article-title>Title of {rid}</article-title>'
        "<source>J</source><volume>1</volume><fpage>1</fpage></element-citation></ref>"
    )


def test_initials_after_a_surname_in_a_citation_are_the_surname_s() -> None:
    # Bioelectromagnetics e70056 (Wiley, in PMC, CC BY): "(Braune S. et al. <xref>2002</xref>;
    # Selmaoui et al. <xref>2021</xref>)" was an author-mismatch error: "S. et al. 2002"
    refs = author_ref("b1", "Braune Riedel", "2002") + author_ref("b2", "Selmaoui Mazet", "2021")
    body = (
        'None (Braune S. et al. <xref ref-type="bibr" rid="b1">2002</xref>; Selmaoui et al. '
        '<xref ref-type="bibr" rid="b2">2021</xref>).'
    )
    assert alarms(check(article(body, refs))) == []
    # the names before the xref are still read: another author is a mismatch
    doc = check(article(body.replace("Braune S.", "Brown S."), refs))
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["author-mismatch"]


def test_a_surname_with_the_particle_ul_is_cited_without_it() -> None:
    # Maternal & Child Nutrition e70103 (Wiley, in PMC, CC BY): "(Haq 1995)" for "ul Haq, M. 1995.
    # Reflections on Human Development": an author-mismatch error (did you mean ul Haq 1995?)
    refs = author_ref("b1", "Haq", "1995", prefix="ul ") + author_ref("b2", "Sen", "1999")
    body = (
        'Development (<xref ref-type="bibr" rid="b1">Haq 1995</xref>; <xref ref-type="bibr" rid="b2">Sen '
        "1999</xref>)."
    )
    assert alarms(check(article(body, refs))) == []


def chapter(cid: str, body: str, refs: str = "") -> str:
    back = f"<back><ref-list>{refs}</ref-list></back>" if refs else ""
    return (
        f'<book-part book-part-type="chapter" id="{cid}"><book-part-meta><title-group><title>Chapter {cid}'
        f"</title></title-group></book-part-meta><body><p>{body}</p></body>{back}</book-part>"
    )


def test_a_bits_book_s_chapters_are_checked_each_with_its_list() -> None:
    # BITS (NCBI Bookshelf, Fidus Writer's and OJS's book exports): a <book> of <book-part>s, each
    # chapter with a reference list of its own; the file was refused ("not a JATS article")
    one = chapter(
        "ch1",
        'As shown (<xref ref-type="bibr" rid="ch1-b1">Smith, 2001</xref>).',
        author_ref("ch1-b1", "Smith", "2001"),
    )
    two = chapter(
        "ch2",
        'As shown (<xref ref-type="bibr" rid="ch2-b1">Jones, 2005</xref>).',
        author_ref("ch2-b1", "Jones", "2004") + author_ref("ch2-b2", "Brown", "2003"),
    )
    book = (
        '<book xmlns:xlink="http://www.w3.org/1999/xlink"><book-meta><book-title-group><book-title>A book'
        f"</book-title></book-title-group></book-meta><body>{one}\n{two}</body></book>"
    )
    doc = check(book)
    assert alarms(doc) == [
        'year-mismatch: "Jones, 2005" cites an entry dated 2004 (did you mean Jones 2004?) (in chapter ch2)',
        "uncited-reference: Brown 2003 is listed but never cited; cite it or remove the entry (in chapter ch2)",
    ]
    assert [f.line for f in doc.findings] == [2, 2]
    # one chapter in a <book-part-wrapper> is the document itself
    wrapper = book.replace("<book ", "<book-part-wrapper ").replace("</book>", "</book-part-wrapper>")
    wrapper = wrapper.replace(f"{one}\n", "")
    doc = check(wrapper)
    assert doc.parts == [] and [f.rule for f in doc.findings] == ["year-mismatch", "uncited-reference"]
    # chapters without lists of their own cite the book's bibliography
    plain = chapter("ch1", 'As shown (<xref ref-type="bibr" rid="b1">Smith, 2001</xref>).')
    book = (
        f"<book><book-meta><book-title-group><book-title>A book</book-title></book-title-group></book-meta>"
        f"<body>{plain}{chapter('ch2', 'Nothing cited.')}</body><back><ref-list>{author_ref('b1', 'Smith', '2001')}"
        f"{author_ref('b2', 'Lee', '1999')}</ref-list></back></book>"
    )
    doc = check(book)
    assert doc.parts == [] and alarms(doc) == [
        "uncited-reference: Lee 1999 is listed but never cited; cite it or remove the entry"
    ]


def test_a_long_list_of_names_before_a_year_only_xref_is_read_from_its_first() -> None:
    # Protein Science e70647 (Wiley, in PMC, CC BY): "(Wang, Shen, Liu, Jian, Zhai et al. <xref>2008
    # </xref>)" for Wang R, Shen W, Liu L, Jiang L, Zhai H, Wan J: the names read were the list's last
    # ("Zhai et al. 2008"), an author-mismatch error; British J Social Psychology (Wiley, in PMC):
    # "(e.g. Correll, Park, Judd, &amp; Wittenbrink, Sadler, &amp; Keese, <xref>2007</xref>)" alike
    refs = author_ref("b1", "Wang Shen Liu Jiang Zhai Wan", "2008") + author_ref(
        "b2", "Correll Park Sadler", "2007"
    )
    body = (
        'Type-II (Wang, Shen, Liu, Jian, Zhai et al. <xref ref-type="bibr" rid="b1">2008</xref>), and others'
        " (e.g. Correll, Park, Judd, &amp; Wittenbrink, Sadler, &amp; Keese, "
        '<xref ref-type="bibr" rid="b2">2007</xref>; Wang et al. <xref ref-type="bibr" rid="b1">2008</xref>).'
    )
    assert alarms(check(article(body, refs))) == []
    # a list whose first name is not the entry's first author is still compared
    doc = check(article(body.replace("(Wang, Shen,", "(Brown, Shen,"), refs))
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["author-mismatch"]


def test_a_directory_s_bits_books_are_checked_and_docbook_is_not(tmp_path: Path) -> None:
    from refcheck.pipeline import check_paths

    one = chapter(
        "ch1",
        'As shown (<xref ref-type="bibr" rid="ch1-b1">Jones, 2005</xref>).',
        author_ref("ch1-b1", "Jones", "2004"),
    )
    (tmp_path / "book.xml").write_text(
        f"<?xml version='1.0'?>\n<book><book-meta><book-title-group><book-title>B</book-title></book-title-group>"
        f"</book-meta><body>{one}</body></book>",
        encoding="utf-8",
    )
    # DocBook's <book> is no document (a manual's sources beside the articles), and says nothing
    (tmp_path / "manual.xml").write_text(
        "<?xml version='1.0'?>\n<book><chapter><title>Intro</title></chapter></book>", encoding="utf-8"
    )
    results = check_paths([str(tmp_path)], CheckOptions(verify=False))
    assert [
        (r.path.rsplit("/", 1)[-1], [f.rule for f in r.doc.findings] if r.doc else r.error) for r in results
    ] == [("book.xml", ["year-mismatch"])]


def test_a_bracket_after_an_accession_number_is_a_citation() -> None:
    # Emerg Infect Dis (CDC, in PMC): "GenBank accession no. ABN11829 [<italic>4</italic>]" cites entry 4
    # unmarked; a statistic's number stands alone ("54 [19] (113)"), an accession number does not
    doc = check(article(f"Virus {xref(1)} and accession no. ABN11829 [<italic>2</italic>].", numbered(2)))
    assert alarms(doc) == [] and [c.text for c in doc.citations] == ["1", "[2]"]


def test_a_book_s_suppression_comments_are_read_once_for_all_its_chapters() -> None:
    # a comment before the <book> silences its chapters too, and a name it gives that is no rule is
    # said once for the file (it was said again for each chapter checked apart, '(in chapter ch2)')
    chapters = "\n".join(
        chapter(
            f"ch{k}",
            f'As shown (<xref ref-type="bibr" rid="ch{k}-b1">Smith, 2001</xref>).',
            author_ref(f"ch{k}-b1", "Smith", "2001") + author_ref(f"ch{k}-b2", "Brown", "2003"),
        )
        for k in range(1, 4)
    )
    book = (
        "<!-- refcheck: disable uncited-reference, no-such-rule -->\n<book><book-meta><book-title-group>"
        f"<book-title>A book</book-title></book-title-group></book-meta><body>\n{chapters}\n</body></book>"
    )
    doc = check(book)
    assert len(doc.parts) == 2
    assert [(f.rule, f.line) for f in doc.findings] == [("unknown-suppression", 1)]
