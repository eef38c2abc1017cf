"""False alarms found by running refcheck on publishers' JATS XML and article HTML (QA round on
eLife, PLOS, PMC, Pensoft, Copernicus, F1000Research, Frontiers, MDPI, PeerJ, Hindawi, BMC and
other publishers' full-text pages): each test is the smallest form of what one real document does,
and failed before its fix. The document is named in each section's heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.loaders.jats import load_jats
from refcheck.matching.names import core_key
from refcheck.model import Document, Severity
from refcheck.pipeline import CheckOptions, analyse
from tests.conftest import checked


def jats(body: str, refs: str) -> Document:
    xml = (
        f'<article xmlns:xlink="http://www.w3.org/1999/xlink"><body>{body}</body>'
        f"<back><ref-list>{refs}</ref-list></back></article>"
    )
    return analyse(load_jats("a.xml", xml.encode()), CheckOptions(links=False))


def alarms(doc: Document) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


def person(rid: str, surname: str, year: str) -> str:
    return (
        f'<ref id="{rid}"><element-citation><person-group person-group-type="author"><name><surname>'
        f"{surname}</surname><given-names>A</given-names></name></person-group><source>Title of {rid}"
        f"</source><year>{year}</year></element-citation></ref>"
    )


# --- "St-Yves (1932)" for Saint-Yves (PhytoKeys via PMC, PMC3310194: a Spartina monograph) ---------


def test_saint_abbreviated_in_a_citation_is_the_same_surname() -> None:
    doc = jats(
        '<p>Taxa described by <xref ref-type="bibr" rid="B1">St-Yves (1932)</xref> and '
        '<xref ref-type="bibr" rid="B2">St. John 1960</xref>.</p>',
        person("B1", "Saint-Yves", "1932") + person("B2", "Saint John", "1960"),
    )
    assert alarms(doc) == []


def test_saint_forms_share_a_core_key_and_other_names_do_not() -> None:
    assert {core_key(n) for n in ("Saint-Yves", "St-Yves", "St.-Yves", "ST YVES")} == {"yves"}
    assert core_key("Sainte-Beuve") == core_key("Ste-Beuve")
    assert core_key("Saint") == "saint"  # a surname of one word is kept whole
    assert core_key("Saint-Yves") != core_key("Saint-Hilaire")


# --- publishers' article pages (HTML) ----------------------------------------------------------------

APA_ENTRIES = (
    '<li id="c1"><div class="citText"><span class="surname">Aronson</span>, E. (1990). <cite>Methods of '
    'research</cite>. New York, NY: McGraw-Hill.<ul class="links"><li><a href="#cr1">first citation</a></li>'
    "</ul></div></li>"
    '<li id="c2"><div class="citText">Bartlett, T. (2012). <cite>Is psychology about to come undone?</cite>'
    " The Chronicle, 17.</div></li>"
)


def test_a_heading_in_a_wrapper_of_its_own_is_followed_by_the_list(tmp_path: Path) -> None:
    # APA PsycNET (ContentMine/norma pubstyle/apa arc0000029): the heading's <div> holds the heading
    # and its jump arrows only; the list after it was not read (142 missing-reference errors)
    page = (
        "<html><body><h1>Article</h1><p>As shown (Aronson, 1990; Bartlett, 2012).</p>"
        '<div class="refList"><div class="headingContainer"><h2>References</h2><div><img alt="go to next'
        ' section" src="down.gif"></div><div>&#160;</div></div>'
        f'<ul class="referenceList">{APA_ENTRIES}</ul></div></body></html>'
    )
    doc = checked(tmp_path / "apa.html", page)
    assert [r.authors for r in doc.references or []] == [["Aronson"], ["Bartlett"]]
    assert alarms(doc) == []


def test_of_two_reference_headings_the_list_is_the_one_with_entries(tmp_path: Path) -> None:
    # Springer/BMC (norma pubstyle/springer s40643-016-0099-3): a "Download citation" panel after the
    # article has a heading "References" over its export formats, which was read as the list
    page = (
        "<html><body><p>As shown (Aronson 1990; Bartlett 2012).</p>"
        f'<section id="Bib1"><h2>References</h2><ol>{APA_ENTRIES}</ol></section>'
        '<aside><div class="Panel_section"><h4>References</h4><ul class="ListDownload">'
        '<li><a href="/refs?format=refman">Papers, Zotero, Reference Manager, RefWorks (.RIS)</a></li>'
        '<li><a href="/refs?format=endnote">EndNote (.ENW)</a></li></ul></div></aside></body></html>'
    )
    doc = checked(tmp_path / "springer.html", page)
    assert [r.authors for r in doc.references or []] == [["Aronson"], ["Bartlett"]]
    assert alarms(doc) == []


def test_an_entry_number_in_a_block_of_its_own_is_its_label(tmp_path: Path) -> None:
    # Wiley Online Library (norma pubstyle/wiley advs.201500314): <li><span class="bullet">1</span>
    # <div class="text">entry</div></li>; the number was read as an entry of its own, the list as
    # unnumbered, and its [1]-[3] citations not at all (72 uncited-reference warnings)
    entries = "".join(
        f'<li id="bib-{n}"><span class="bullet">{n}</span><div class="text"><cite>{text}</cite>'
        '<ul class="externalReferences"><li><a href="/resolve?id=1">CrossRef</a></li></ul></div></li>'
        for n, text in enumerate(
            [
                "H. W. Kroto, Nature 1987, 329, 529.",
                "S. Iijima, Nature 1991, 354, 56.",
                "A. Geim, Science 2004, 306, 666.",
            ],
            start=1,
        )
    )
    page = (
        '<html><body><p>Fullerene,<a href="#bib-1">[1]</a> nanotubes<a href="#bib-2">[2]</a> and graphene'
        f'<a href="#bib-4">[4]</a>.</p><div class="bibliography"><ul class="custom">{entries}</ul></div>'
        "</body></html>"
    )
    doc = checked(tmp_path / "wiley.html", page)
    assert [r.label for r in doc.references or []] == ["1", "2", "3"]
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == [
        "missing-reference",  # [4]: the real defect is still found
        "uncited-reference",  # 3
    ]


def test_an_item_of_a_numbered_list_is_one_entry_however_many_paragraphs(tmp_path: Path) -> None:
    # BMC's article pages (norma quickscrapeDirs/bmc 1471-2148-14-70): each <li> of the <ol> holds the
    # authors and title in one <p>, the journal and year in the next; the second was read as an entry
    # of its own (60 uncited-reference warnings: "Proc Biol Sci 2012 is listed but never cited")
    entries = "".join(
        f'<li id="B{n}"><p><a name="B{n}"></a> {names}: <strong>{title}.</strong></p>'
        f"<p><em>{journal}</em> {year}, <strong>12</strong>:1-9. <a href='/pubmed/1'>PubMed Abstract</a></p></li>"
        for n, names, title, journal, year in [
            (1, "Mellows A, Barnett R", "The impact of past climate change", "Proc Biol Sci", 2012),
            (
                2,
                "Dalén L, Nyström V",
                "Ancient DNA reveals lack of continuity",
                "Proc Natl Acad Sci U S A",
                2007,
            ),
        ]
    )
    page = (
        '<html><body><p>Arctic foxes [<a href="#B1">1</a>,<a href="#B2">2</a>], lions [<a href="#B3">3</a>].</p>'
        f'<section><h3>References</h3><ol id="references">{entries}</ol></section></body></html>'
    )
    doc = checked(tmp_path / "bmc.html", page)
    assert [(r.label, r.year) for r in doc.references or []] == [("1", "2012"), ("2", "2007")]
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["missing-reference"]  # [3]


def test_a_superscript_number_opening_a_line_is_no_citation(tmp_path: Path) -> None:
    # BMC Trials (norma bmc trialsjournal.com_content_15_1_511): the affiliations under the author list
    # start with their number, '<sup id="ins2">2</sup> Department of Epidemiology ...', read as a
    # citation of [2] before [1] (a citation-order warning)
    page = (
        "<html><body><p>Ann Lee and Bo Kim</p><p>Author Affiliations</p>"
        '<p>\n    <sup id="ins1">1</sup>    Department of Physiotherapy, X University, Amsterdam\n    </p>'
        '<p>\n    <sup id="ins2">2</sup>    Department of Epidemiology, Y University, Amsterdam\n    </p>'
        "<p>Low back pain is common<sup>1</sup> and costly<sup>2</sup>.</p>"
        "<h2>References</h2><ol><li>Hoy D, March L. The global burden of low back pain. Ann Rheum Dis. 2014;73:968-74.</li>"
        "<li>Dagenais S, Caro J. A systematic review of low back pain cost. Spine J. 2008;8:8-20.</li></ol>"
        "</body></html>"
    )
    doc = checked(tmp_path / "trials.html", page)
    # the paragraph's two, not the affiliations' numbers
    assert [c.start > doc.text.index("Low back") for c in doc.citations] == [True, True]
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == []
    assert "\n2    Department of Epidemiology" in doc.text


def test_a_link_to_several_entries_around_superscript_numbers_is_a_citation(tmp_path: Path) -> None:
    # Taylor & Francis (norma pubstyle/tf 20550308.2015.1135230): <a href="#CIT0004 CIT0005"><sup>4, 5
    # </sup></a>; a link with a space in its target was taken for a note's mark, so the numbers were no
    # citations (30 uncited-reference warnings)
    entries = "".join(
        f'<li id="CIT000{n}"><span class="label">{n}.</span> {text}</li>'
        for n, text in [
            (1, "M. S. Whittingham: Chem. Rev., 2004, 104, 4271-4302."),
            (2, "J. M. Tarascon and M. Armand: Nature, 2001, 414, 359-367."),
            (3, "M. Winter and R. J. Brodd: Chem. Rev., 2004, 104, 4245-4270."),
        ]
    )
    page = (
        '<html><body><p>Electrodes.<span class="referenceDiv"><a class="dropDownLabel" href="#CIT0001 CIT0002">'
        '<sup>1, 2</sup></a></span> Stability.<a href="#CIT0004"><sup>4</sup></a></p>'
        f'<h2>References</h2><ul class="references">{entries}</ul></body></html>'
    )
    doc = checked(tmp_path / "tf.html", page)
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == [
        "missing-reference",  # 4
        "uncited-reference",  # 3
    ]


def test_a_paragraph_of_links_after_an_entry_is_no_entry(tmp_path: Path) -> None:
    # Frontiers (norma quickscrapeDirs/frontiers fpsyg-05-01582): each entry's <div class="References">
    # holds the entry, then <p>CrossRef Full Text | Google Scholar</p>, read as entries (72
    # duplicate-reference and 18 uncited-reference warnings)
    entries = "".join(
        f'<div class="References"><p class="ReferencesCopy1"><a name="B{n}" id="B{n}"></a> {text}</p>'
        f'<p class="ReferencesCopy2"><a href="https://doi.org/10.1/{n}">CrossRef Full Text</a> | '
        f'<a href="https://scholar.google.com/?q={n}">Google Scholar</a></p></div>'
        for n, text in [
            (
                1,
                "Boitani, L., and Ciucci, P. (1995). Comparative social ecology of feral dogs. Ethol. Ecol. 7, 49-72.",
            ),
            (
                2,
                "Bräuer, J., and Call, J. (2013). Domestic dogs coordinate their actions. Anim. Cogn. 16, 273-285.",
            ),
        ]
    )
    page = (
        '<html><body><p>Dogs (<a href="#B1">Boitani and Ciucci, 1995</a>; <a href="#B2">Bräuer and Call, 2013'
        f"</a>).</p><h2>References</h2>{entries}</body></html>"
    )
    doc = checked(tmp_path / "frontiers.html", page)
    assert [r.year for r in doc.references or []] == ["1995", "2013"]
    assert alarms(doc) == []


def test_a_list_item_wrapped_over_source_lines_is_one_entry(tmp_path: Path) -> None:
    # F1000Research's article page (norma quickscrapeDirs/f1000research 3-190): "<i>J Fish Biol.</i>
    # \n 2014. in press." inside one <li>; the source line "2014. in press." was read as an entry
    # (uncited-reference 'in press in press', and Frazier et al., 2014 cited an entry with no year)
    page = (
        "<html><body><p>Bonnetheads (Frazier et al., 2014) and porbeagles (Francis et al., 2007).</p>"
        "<h2>References</h2><ul>"
        "<li>Frazier BS, Driggers WB III, Adams DH, et al.:\n\t\tValidated age of the bonnethead.\n"
        "\t\t<i>J Fish Biol.</i>\n\t\t2014. in press. <a href='https://doi.org/10.1111/jfb.12450'>Text</a></li>"
        "<li>Francis MP, Campana SE, Jones CM:\n\t\tAge under-estimation in porbeagle sharks.\n"
        "\t\t<i>Mar Freshwater Res.</i>\n\t\t2007; <b>58</b>(1): 10-23.</li></ul></body></html>"
    )
    doc = checked(tmp_path / "f1000.html", page)
    assert [r.year for r in doc.references or []] == ["2014", "2007"]
    assert [f.rule for f in doc.findings] == []


def test_entries_an_item_joins_with_br_are_still_entries(tmp_path: Path) -> None:
    page = (
        "<html><body><p>Both (Smith, 2004; Jones, 2001).</p><h2>References</h2><ul>"
        "<li>Smith, J. (2004). A title. Journal, 1, 1-2.<br>Jones, K. (2001). Another. Journal, 2, 3-4.</li>"
        "</ul></body></html>"
    )
    doc = checked(tmp_path / "br.html", page)
    assert [r.year for r in doc.references or []] == ["2004", "2001"]


# --- species' authorities in the text (F1000Research 3-190 as HTML) ----------------------------------


def test_a_species_authority_with_no_entry_is_info_not_an_error(tmp_path: Path) -> None:
    page = (
        "<html><body><p>The Porbeagle, Lamna nasus (Bonnaterre, 1788), the School Shark, Galeorhinus"
        " galeus (L. 1758), and Carcharhinus acronotus (Poey, 1860) live long (Francis et al., 2007);"
        " growth follows Smith (1850) and the results (Jones, 1880).</p><h2>References</h2><ul>"
        "<li>Francis MP, Campana SE, Jones CM: Age under-estimation in porbeagle sharks. Mar Freshwater Res."
        " 2007; 58(1): 10-23.</li></ul></body></html>"
    )
    doc = checked(tmp_path / "sharks.html", page)
    found = [
        (f.rule, f.severity.name, f.message.split('"')[1])
        for f in doc.findings
        if f.rule == "missing-reference"
    ]
    assert found == [
        ("missing-reference", "INFO", "Bonnaterre, 1788"),
        # ("L. 1758": a lone initial, Linnaeus abbreviated, is read as no author at all)
        ("missing-reference", "INFO", "Poey, 1860"),
        ("missing-reference", "ERROR", "Smith (1850)"),  # no species before it: a citation
        ("missing-reference", "ERROR", "Jones, 1880"),  # "the results": no binomial (no capital)
    ]


# --- arXiv's HTML (LaTeXML): each entry a <li class="ltx_bibitem"> of <span> blocks -----------------

LATEXML_ITEM = (
    '<li id="bib.bib{n}" class="ltx_bibitem">\n<span class="ltx_tag ltx_role_refnum ltx_tag_bibitem">{tag}'
    '</span>\n<span class="ltx_bibblock">{a}\n</span>\n<span class="ltx_bibblock">{b}\n</span>\n</li>\n'
)


def test_latexml_author_year_entries_are_one_entry_each(tmp_path: Path) -> None:
    # the tag "Chang (2026)" was read as an entry of its own beside "Chang, H. (2026). ...": every
    # citation fitted two entries (ambiguous-citation errors)
    items = "".join(
        LATEXML_ITEM.format(
            n=n, tag=f"{name} (2026)", a=f"{name}, {i}. (2026). {title}.", b="<em>lab/x.tex</em>."
        )
        for n, (name, i, title) in enumerate(
            [("Chang", "H", "The A Priori Boundary"), ("Fuchs", "C", "Horizons")], 1
        )
    )
    page = (
        '<html><body><article class="ltx_document"><p class="ltx_p">Chang <cite class="ltx_cite">(Chang, '
        '<a href="#bib.bib1" class="ltx_ref">2026</a>)</cite> and <cite class="ltx_cite">(Fuchs, <a href="#bib.bib2"'
        ' class="ltx_ref">2026</a>)</cite>.</p><section id="bib" class="ltx_bibliography"><h2 class="ltx_title">'
        f'References</h2>\n<ul class="ltx_biblist">\n{items}</ul></section></article></body></html>'
    )
    doc = checked(tmp_path / "arxiv.html", page)
    assert [(r.authors, r.year) for r in doc.references or []] == [(["Chang"], "2026"), (["Fuchs"], "2026")]
    assert alarms(doc) == []


def test_latexml_numbered_entries_in_several_blocks_are_one_entry_each(tmp_path: Path) -> None:
    # authors, title and venue in a <span class="ltx_bibblock"> each: "In NeurIPS 2017" was an entry
    # never cited (uncited-reference warnings)
    items = "".join(
        LATEXML_ITEM.format(n=n, tag=f"[{n}]", a=names, b=f"In <em>{venue}</em>, {year}.")
        for n, (names, venue, year) in enumerate(
            [
                ("A. Vaswani, N. Shazeer, and N. Parmar.", "NeurIPS", 2017),
                ("A. Gu, K. Goel, and C. Ré.", "ICLR", 2022),
            ],
            1,
        )
    )
    page = (
        '<html><body><article class="ltx_document"><p class="ltx_p">Transformers <cite class="ltx_cite">[<a '
        'href="#bib.bib1" class="ltx_ref">1</a>]</cite> and SSMs <cite class="ltx_cite">[<a href="#bib.bib2" '
        'class="ltx_ref">2</a>]</cite>.</p><section id="bib" class="ltx_bibliography"><h2 class="ltx_title">'
        f'References</h2>\n<ul class="ltx_biblist">\n{items}</ul></section></article></body></html>'
    )
    doc = checked(tmp_path / "arxiv.html", page)
    assert [r.label for r in doc.references or []] == ["1", "2"]
    assert alarms(doc) == []


def test_entries_written_as_links_are_entries(tmp_path: Path) -> None:
    page = (
        "<html><body><p>Facts (WHO, n.d.; UNICEF, n.d.).</p><h2>References</h2><ul>"
        '<li><a href="https://who.int/x">WHO. (n.d.). Fact sheet on drowning.</a></li>'
        '<li><a href="https://unicef.org/y">UNICEF. (n.d.). Child survival.</a></li></ul>'
        "<h2>Sources</h2><p>Text.</p>"
        '<div><p><a href="https://who.int/x">WHO. (n.d.). Fact sheet on drowning.</a></p></div>'
        "</body></html>"
    )
    doc = checked(tmp_path / "links.html", page)
    assert len(doc.references or []) == 2
    assert alarms(doc) == []


@pytest.mark.parametrize(
    "box",
    [
        # PeerJ (norma quickscrapeDirs/peerj 727): 2 missing-reference errors for "Shimada E. (2015)"
        '<div class="alert self-citation"><p>Cite this as</p><span class="self-citation-authors">Tsuruwaka Y,'
        ' Konishi M, Shimada E.</span> (<span class="self-citation-year">2015</span>) Loss of wwox expression'
        " in zebrafish embryos. PeerJ 3:e727</div>",
        # Frontiers (norma quickscrapeDirs/frontiers fpsyg-05-01582): "Range F and Virányi Z (2015)"
        "<p><span>Citation:</span> Range F and Virányi Z (2015) Tracking the evolutionary origins of dog-human"
        " cooperation. Front. Psychol. 5:1582.</p>",
        '<dl class="self-citation"><dt>How to cite this article:</dt><dd>Range F, Virányi Z (2015). Tracking'
        " the evolutionary origins. Front. Psychol. 5:1582.</dd></dl>",
    ],
)
def test_the_page_s_own_how_to_cite_box_is_no_citation(tmp_path: Path, box: str) -> None:
    page = (
        f"<html><body><h1>Tracking dogs</h1>{box}<p>Wolves cooperate (Boitani and Ciucci, 1995).</p>"
        "<h2>References</h2><ul><li>Boitani, L., and Ciucci, P. (1995). Comparative social ecology of feral"
        " dogs and wolves. Ethol. Ecol. Evol. 7, 49-72.</li></ul></body></html>"
    )
    doc = checked(tmp_path / "page.html", page)
    assert [c.text for c in doc.citations] == ["Boitani and Ciucci, 1995"]
    assert alarms(doc) == []


# --- Copernicus (ACP 15-1013-2015 from ContentMine/norma): "Organisation: Title, ..., 2013." -------


def test_copernicus_organisations_before_a_colon_are_the_authors() -> None:
    refs = (
        '<ref id="bib1"><label>1</label><mixed-citation>AMAP/UNEP: Technical Background Report for the Global '
        "Mercury Assessment 2013, Arctic Monitoring and Assessment Programme, Oslo, vi + 263 pp., 2013."
        '</mixed-citation></ref><ref id="bib2"><label>2</label><mixed-citation>EC-JRC/PBL: European Commission,'
        " Joint Research Center, Emission Database for Global Atmospheric Research (EDGAR), release 4.2,"
        " available at: <uri>http://edgar.jrc.ec.europa.eu/</uri> (last access: 4 October 2012), 2011."
        '</mixed-citation></ref><ref id="bib3"><label>3</label><mixed-citation>Wu, Y., Wang, S. X., and Hao,'
        " J. M.: Trends in anthropogenic mercury emissions in China, Atmos. Environ., 40, 5056-5066, 2006."
        "</mixed-citation></ref>"
    )
    doc = jats(
        "<p>Emissions (Wu et al., 2006; AMAP/UNEP, 2013) agree with EDGAR 4.2 (EC-JRC/PBL, 2011).</p>", refs
    )
    assert [(r.authors[:1], r.year) for r in doc.references or []] == [
        (["AMAP/UNEP"], "2013"),
        (["EC-JRC/PBL"], "2011"),  # not 2012, the year of the access date
        (["Wu"], "2006"),
    ]
    assert alarms(doc) == []  # two uncited-reference warnings before


# --- ScienceDirect joins citations with commas (norma quickscrapeDirs/elsevier S1055790314003601) ---


def test_a_name_after_a_comma_is_no_roman_page_number(tmp_path: Path) -> None:
    # "(Bayzid and Warnow, 2013, Chen and Li, 2001 and Rokas et al., 2003)": the "C" of "Chen" was read
    # as a page (C = 100), so "Li, 2001" cited Li 2007 (a year-mismatch error) and Chen 2001 was uncited
    text = (
        "Concatenation improves accuracy (Bayzid and Warnow, 2013, Chen and Li, 2001 and Rokas et al., 2003;"
        " but see Salichos, 2013, p. xii, and Ivanov, 1999, IV).\n\nReferences\n\n"
        "Bayzid, M.S., Warnow, T., 2013. Naive binning. Bioinformatics 29, 2277-2284.\n"
        "Chen, F.-C., Li, W.-H., 2001. Genomic divergences. Am. J. Hum. Genet. 68, 444-456.\n"
        "Ivanov, P., 1999. Lectures. Nauka, Moscow.\n"
        "Li, W.-H., 2007. Molecular Evolution. Sinauer, Sunderland.\n"
        "Rokas, A., Williams, B.L., King, N., 2003. Genome-scale approaches. Nature 425, 798-804.\n"
        "Salichos, L., 2013. Inferring ancient divergences. Nature 497, 327-331.\n"
    )
    doc = checked(tmp_path / "sd.txt", text)
    assert [(c.text, c.locator) for c in doc.citations][:2] == [
        ("Bayzid and Warnow, 2013", None),
        ("Chen and Li, 2001", None),
    ]
    assert [f.message for f in doc.findings if f.severity >= Severity.WARNING] == [
        "Li 2007 is listed but never cited; cite it or remove the entry"
    ]


# --- HighWire pages (BMJ i2607, SAGE OJSM 2325967116646534 from norma): "Footnotes" end matter -----


def test_notes_nothing_links_to_or_from_are_end_matter(tmp_path: Path) -> None:
    # <div class="fn-group"><h2>Footnotes</h2><ul><li id="fn-1">Contributors: ...</li>: notes no mark
    # points at, by design (6 footnote-unreferenced warnings on BMJ i2607)
    page = (
        "<html><body><p>Bleeding was rare (Smith, 2004).</p>"
        '<div class="section fn-group" id="fn-group-1"><h2>Footnotes</h2><ul>'
        '<li class="fn-participating-researchers" id="fn-1"><p>Contributors: SVW drafted the protocol.</p></li>'
        '<li class="fn-other" id="fn-2"><p>Funding: none.</p></li></ul></div>'
        "<h2>References</h2><ol><li>Smith J. Bleeding. BMJ 2004;1:1.</li></ol></body></html>"
    )
    doc = checked(tmp_path / "bmj.html", page)
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == []


def test_a_note_linked_from_the_text_or_back_to_it_is_still_a_note(tmp_path: Path) -> None:
    page = (
        '<html><body><p>Text<sup><a href="#fn1">1</a></sup>.</p><section class="footnotes"><ol>'
        '<li id="fn1">First note. <a href="#fnref1">↩</a></li><li id="fn2">Second note. <a href="#fnref2">↩</a>'
        "</li></ol></section></body></html>"
    )
    doc = checked(tmp_path / "notes.html", page)
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["footnote-unreferenced"]  # 2


# --- an xref whose text names another work (elifesciences/elife-tools sample elife-kitchen-sink.xml) --


def test_an_xref_naming_another_author_and_year_suggests_the_entry_itself() -> None:
    # "Jeffs et al., 2009" pointing at King et al. 2003 was a year mismatch "did you mean Jeffs et al.
    # 2003?", which names an author the entry does not have
    doc = jats(
        '<p>Connections (<xref ref-type="bibr" rid="bib52">Jeffs et al., 2009</xref>; <xref ref-type="bibr"'
        ' rid="bib96">Zeki, 1971</xref>).</p>',
        person("bib52", "King", "2003") + person("bib96", "Zeki", "2011"),
    )
    assert [
        (f.rule, f.message.split("(did you mean ")[1]) for f in doc.findings if f.severity >= Severity.WARNING
    ] == [
        ("author-mismatch", "King 2003?)"),
        ("year-mismatch", "Zeki 2011?)"),
    ]


def test_a_superscript_number_after_a_source_line_break_is_a_citation(tmp_path: Path) -> None:
    # publishers' HTML wraps its source lines anywhere: 'shown\n<sup>3</sup>' ended in "wn\n", which
    # the unit test (m², km³) took for a unit before the line break, so the number was an exponent
    page = (
        "<html><body><p>Low back pain is common<sup>1</sup> and its cost has been\nshown\n<sup>2</sup>"
        " to grow over 10<sup>6</sup> patients in 2 m<sup>2</sup> rooms.</p>"
        "<h2>References</h2><ol><li>Hoy D, March L. The global burden of low back pain. Ann Rheum Dis. 2014;73:968-74.</li>"
        "<li>Dagenais S, Caro J. A systematic review of low back pain cost. Spine J. 2008;8:8-20.</li></ol>"
        "</body></html>"
    )
    doc = checked(tmp_path / "page.html", page)
    assert [c.text for c in doc.citations] == ["[1]", "[2]"]
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == []


# --- links of the text to entries (second QA round on publishers' article HTML) ------------------------


def _elife_entry(n: int, title: str, authors: str, journal: str, year: str) -> str:
    # eLife's article pages of 2012-2016 (elifesciences.org/content/3/e04407, CC BY): each entry an
    # <article>, its number, then title, authors, journal and year in blocks of their own
    return (
        f'<article class="elife-reflinks-reflink" id="ref-{n}"><div class="elife-reflink-indicators">'
        f'<div class="elife-reflink-indicator-number"><span data-counter="{n}">{n}</span></div></div>'
        f'<div class="elife-reflink-main"><cite class="elife-reflink-title"><a href="/lookup/doi">'
        f'<span class="nlm-article-title">{title}</span></a></cite><div class="elife-reflink-authors">'
        + ", ".join(
            f'<span class="elife-reflink-author"><a href="/s">{a}</a></span>' for a in authors.split(", ")
        )
        + f'</div><div class="elife-reflink-details"><span class="nlm-source">{journal}</span>, '
        f'<span class="elife-reflink-details-year">{year}</span><div>cited 1 time in paper</div>'
        '<div class="elife-reflink-links-wrapper"><a href="/x">CrossRef</a><a href="/y">PubMed</a></div>'
        "</div></div></article>"
    )


ELIFE_SORT = (
    '<div class="elife-reflinks-sortby"><div>Sort by:</div><ul class="tabs"><li><a href="#elife-reflinks">'
    'original order</a></li><li><a href="#elife-reflinks">author</a></li><li><a href="#elife-reflinks">'
    'title</a></li><li><a href="#elife-reflinks">year</a></li><li><a href="#elife-reflinks">cited in paper'
    "</a></li></ul></div>"
)


def _xref(n: int, text: str) -> str:
    return f'<a class="xref-bibr" href="#ref-{n}">{text}</a>'


def test_entries_of_blocks_after_a_sort_menu_with_the_title_first(tmp_path: Path) -> None:
    # eLife e04407: the menu's five items were the list and the 51 <article> entries were not read
    # (111 missing-reference errors); each entry's title comes before its authors
    entries = (
        _elife_entry(1, "Identifying neuronal lineages by axon tracts", "Albert Cardona, Stephan Saalfeld",
                     "The Journal of Neuroscience", "2010")
        + _elife_entry(2, "Molecular markers for identified neuroblasts", "Rolf Urbach, Gerhard M. Technau",
                       "Development", "2003")
        + _elife_entry(3, "Segment polarity and DV patterning", "Rolf Urbach, Gerhard M. Technau",
                       "Development", "2003")
        + _elife_entry(4, "Twin-spot MARCM to reveal neurons", "HH Yu, CH Chen, L Shi", "Nature Neuroscience",
                       "2009")
    )  # fmt: skip
    page = (
        "<html><body><h2>Results</h2><p>Lineages are known ("
        + _xref(1, "Cardona et al., 2010")
        + "; "
        + _xref(2, "Urbach and Technau, 2003a")
        + ", "
        + _xref(3, "2003b")
        + "; "
        + _xref(4, "Yu et al., 2009")
        + ').</p><div id="references"><h2>References</h2><div class="ctools-collapsible-content">'
        + ELIFE_SORT
        + f'<div class="elife-reflinks-links">{entries}</div></div></div></body></html>'
    )
    doc = checked(tmp_path / "elife.html", page)
    refs = doc.references or []
    assert [(r.label, r.authors, r.year) for r in refs] == [
        ("1", ["Cardona", "Saalfeld"], "2010"),
        ("2", ["Urbach", "Technau"], "2003"),
        ("3", ["Urbach", "Technau"], "2003"),
        ("4", ["Yu", "Chen", "Shi"], "2009"),
    ]
    assert refs[0].title == "Identifying neuronal lineages by axon tracts"
    # the page lost the entries' a/b: its links say which is which (no ambiguity)
    assert [c.references for c in doc.citations] == [("ref-1",), ("ref-2",), ("ref-3",), ("ref-4",)]
    assert alarms(doc) == []


def test_a_year_the_linked_entry_does_not_show_is_its_year_mismatch(tmp_path: Path) -> None:
    # eLife e04407: "Yu et al., 2009a" links to an entry the page dates 2015; the mismatch is of that
    # entry (suggesting 2015), not of the Yu entry of the closest year
    entries = _elife_entry(
        1, "Clonal development of the brain", "HH Yu, T Awasaki", "Current Biology", "2013"
    )
    entries += _elife_entry(2, "Twin-spot MARCM", "HH Yu, CH Chen", "Nature Neuroscience", "2015")
    entries += _elife_entry(3, "Neural circuits", "Ann Lee, Bo Kim", "Neuron", "2012")
    page = (
        f"<html><body><p>As shown ({_xref(1, 'Yu et al., 2013')}; {_xref(2, 'Yu et al., 2009a')}; "
        f"{_xref(3, 'Lee and Kim, 2012')}).</p><h2>References</h2>{ELIFE_SORT}<div>{entries}</div></body></html>"
    )
    doc = checked(tmp_path / "elife.html", page)
    assert alarms(doc) == [
        'year-mismatch: "Yu et al., 2009a" cites an entry dated 2015 (did you mean Yu et al. 2015?)'
    ]


def _acs_entry(n: int, text: str) -> str:
    # ACS (pubs.acs.org/doi/full/10.1021/jo402790x): <li id="ref1"> with its number as a link
    return (
        f'<li id="ref{n}"><div class="reference"><strong class="refLabel"><a href="JavaScript:void(0);" '
        f'onclick="showRef(event, \'ref{n}\');return false;" class="refNumLink">{n}. </a></strong>'
        f'<div class="NLM_citation" id="cit{n}">{text}</div></div></li>'
    )


ACS_ENTRIES = "".join(
    _acs_entry(n, t)
    for n, t in [
        (1, "Wang, B.-G.; Gloer, J. B. Nat. Prod. Rep. 2013, 30, 455"),
        (2, "Snyder, S. A.; Treitler, D. S. Angew. Chem., Int. Ed. 2009, 48, 7899"),
        (3, "Chan, B.; McErlean, C. S. P. J. Org. Chem. 2014, 79, 880"),
        (4, "Hoye, T. R.; Kurth, M. J. J. Org. Chem. 1978, 43, 3693"),
    ]
)


def _acs_ref(ids: str, text: str) -> str:
    return f'<a onclick="showRef(event, \'{ids}\'); return false;" href="JavaScript:void(0);" class="ref">{text}</a>'


def test_numbers_in_parentheses_are_no_citations_in_a_page_that_cites_by_links(tmp_path: Path) -> None:
    # ACS jo402790x: compound numbers "luzofuran (3)", "(5)" and a mass spectrum's "137 (62)" were
    # read as citations (a missing-reference error for (62)); the page's citations are all links
    page = (
        f"<html><body><p>Sesquiterpenes from <i>Laurencia</i>,{_acs_ref('ref1', '(1)')} the snyderanes "
        f"{_acs_ref('ref2 ref3', '(2, 3)')} such as luzofuran (3) and aplysistatin (5).{_acs_ref('ref4', '(4)')}"
        "</p><p>MS (EI) <i>m</i>/<i>e</i> (relative intensity) 299 (32), 137 (62), 81 (100).</p>"
        f'<h2>References</h2><ol id="references">{ACS_ENTRIES}</ol></body></html>'
    )
    doc = checked(tmp_path / "acs.html", page)
    assert [c.numbers for c in doc.citations] == [(1,), (2,), (3,), (4,)]
    assert alarms(doc) == []


def test_numbers_in_parentheses_stay_citations_without_links(tmp_path: Path) -> None:
    # the same text without the links: the numbers are the document's citations, as before
    page = (
        "<html><body><p>Sesquiterpenes (1), the snyderanes (2, 3) and (4), and a missing one (7).</p>"
        f'<h2>References</h2><ol id="references">{ACS_ENTRIES}</ol></body></html>'
    )
    doc = checked(tmp_path / "acs.html", page)
    assert alarms(doc) == [
        "missing-reference: reference (7) is cited but not in the reference list (the list has 4 entries); "
        "correct the number or add the entry"
    ]


def test_links_to_entries_are_citations(tmp_path: Path) -> None:
    # BMJ 353:i2607 (HighWire): '<a class="xref-bibr" href="#ref-1">1</a>', set in superscript by
    # the page's style, were no citations ("no citations of any known style", at info); the entry's id
    # is on its link back to the text, before its text
    def entry(n: int, text: str) -> str:
        return (
            f'<li><a class="rev-xref-ref" href="#xref-ref-{n}-1" id="ref-{n}">↵</a><div class="cit ref-cit">'
            f"<cite>{text}</cite></div></li>"
        )

    page = (
        '<html><body><p>Scores are used.<a id="xref-ref-1-1" class="xref-bibr" href="#ref-1">1</a> '
        '<a id="xref-ref-2-1" class="xref-bibr" href="#ref-2">2</a> Risk is known.'
        '<a id="xref-ref-2-2" class="xref-bibr" href="#ref-2">2</a></p><h2>References</h2><ol>'
        + entry(1, "Lip GYH, Nieuwlaat R. Refining clinical risk stratification. Chest 2010;137:263-72.")
        + entry(2, "Pisters R, Lane DA. A novel user-friendly score. Chest 2010;138:1093-100.")
        + entry(
            3, "Friberg L, Rosenqvist M. Net clinical benefit of warfarin. Circulation 2012;125:2298-307."
        )
        + "</ol></body></html>"
    )
    doc = checked(tmp_path / "bmj.html", page)
    assert doc.style == "numeric"
    assert [c.numbers for c in doc.citations] == [(1,), (2,), (2,)]
    assert alarms(doc) == [
        "uncited-reference: [3] Friberg and Rosenqvist 2012 is listed but never cited; cite it or remove the entry"
    ]


def test_links_inside_a_superscript_keep_their_place(tmp_path: Path) -> None:
    # SAGE (HighWire) ojsm: <sup><a href="#ref-2">2</a>,<a href="#ref-5">5</a></sup>; the "[" written
    # before a superscript number moved the text, not the links in it, which then covered the comma
    page = (
        '<html><body><p>Injuries are common.<sup><a class="xref-bibr" href="#ref-1">1</a>,'
        '<a class="xref-bibr" href="#ref-3">3</a></sup> Rates vary.<a class="xref-bibr" href="#ref-2">2</a></p>'
        "<h2>References</h2><ol>"
        '<li id="ref-1">Lee A. Knee injuries. Am J Sports Med. 2010;38:1-9.</li>'
        '<li id="ref-2">Kim B. Ankle injuries. Am J Sports Med. 2011;39:2-8.</li>'
        '<li id="ref-3">Roe C. Shoulder injuries. Am J Sports Med. 2012;40:3-7.</li></ol></body></html>'
    )
    doc = checked(tmp_path / "sage.html", page)
    assert [doc.text[a:b] for a, b, _ in doc.citation_links] == ["1", "3", "2"]
    assert sorted(n for c in doc.citations for n in c.numbers) == [1, 2, 3]
    assert alarms(doc) == []


def test_an_item_of_a_numbered_list_set_title_first_reads_its_authors(tmp_path: Path) -> None:
    # eLife's pages since 2017 (internetarchive/sandcrawler tests/files/elife_article.html, CC BY):
    # <li><span>1</span><div class="reference"><a class="reference__title">Title</a><ol><li>M Adler</li>
    # <li>U Alon</li></ol><span>(2018)</span>...; the title was read as the first author
    def entry(n: int, title: str, authors: list[str], year: str, origin: str) -> str:
        names = "".join(f'<li class="reference__author"><a href="/s">{a}</a></li>' for a in authors)
        return (
            f'<li class="reference-list__item"><span class="reference-list__ordinal_number">{n}</span>'
            f'<div class="reference" id="bib{n}"><a href="https://doi.org/x" class="reference__title">{title}</a>'
            f'<ol class="reference__authors_list">{names}</ol><span>({year})</span>'
            f'<div class="reference__origin"><i>{origin}</i></div><ul class="reference__abstracts">'
            '<li><a href="/g">Google Scholar</a></li></ul></div></li>'
        )

    page = (
        '<html><body><p>Detection (<a href="#bib1">Adler and Alon, 2018</a>; <a href="#bib2">Alon, 2007</a>).'
        '</p><section id="references"><header><h2>References</h2></header><ol class="reference-list">'
        + entry(
            1, "Fold-change detection in biological systems", ["M Adler", "U Alon"], "2018", "Curr Opin 8"
        )
        + entry(
            2, "Network motifs: theory and experimental approaches", ["U Alon"], "2007", "Nat Rev Genet 8"
        )
        + "</ol></section></body></html>"
    )
    doc = checked(tmp_path / "elife.html", page)
    assert [(r.label, r.authors, r.year, r.title) for r in doc.references or []] == [
        ("1", ["Adler", "Alon"], "2018", "Fold-change detection in biological systems"),
        ("2", ["Alon"], "2007", "Network motifs: theory and experimental approaches"),
    ]
    assert alarms(doc) == []


SCIELO_ENTRY = (
    "WHITTAKER, R.J., ARAÚJO, M.B., JEPSON, P. &amp; WILLIS, K.J. 2005. Conservation Biogeography: assessment "
    "and prospect. Diversity Distrib 11:3-23. https://doi.org/10.1111/j.1366-9516.2005.00143.x"
)


def test_a_copy_of_an_entry_shown_by_a_citation_is_no_prose(tmp_path: Path) -> None:
    # SciELO's article pages (scieloorg/packtools tests/fixtures/htmlgenerator, CC BY): each citation is
    # followed by a popup holding its entry ('<span class="refCtt closed">WHITTAKER, ... WILLIS, K.J.
    # 2005. ...'), read as prose: "K.J. 2005" was a missing-reference error for each (73 in bjb-83)
    page = (
        '<html><body><p>Biogeography (<span class="ref"><strong class="xref">Whittaker et al. 2005</strong>'
        f'<span class="refCtt closed"><span>{SCIELO_ENTRY}.</span><br><a href="https://doi.org/x">» '
        'https://doi.org/x</a></span></span>) matters.</p><h1>References</h1><div class="ref-list"><ul>'
        f'<li><div>{SCIELO_ENTRY} <br><a href="https://doi.org/x">» https://doi.org/x</a></div></li>'
        "<li><div>ZAPPI, D.C. 2015. Growing knowledge. Rodriguésia 66:1085-1113.</div></li></ul></div>"
        "</body></html>"
    )
    doc = checked(tmp_path / "scielo.html", page)
    assert [c.text for c in doc.citations] == ["Whittaker et al. 2005"]
    assert alarms(doc) == [
        "uncited-reference: ZAPPI 2015 is listed but never cited; cite it or remove the entry"
    ]


def test_a_span_that_is_its_whole_paragraph_is_still_prose(tmp_path: Path) -> None:
    # the copy must be of a block elsewhere: a paragraph whose text is one span is not its own copy
    page = (
        "<html><body><p><span>Conservation matters more than ever (Whittaker et al. 2005) today.</span></p>"
        f"<h1>References</h1><ul><li>{SCIELO_ENTRY}</li></ul></body></html>"
    )
    doc = checked(tmp_path / "span.html", page)
    assert [c.text for c in doc.citations] == ["Whittaker et al. 2005"]
    assert alarms(doc) == []


def test_two_papers_alike_but_for_their_pages_are_no_duplicate(tmp_path: Path) -> None:
    # ACS jo402790x prints no titles ("Baker, R.; Briner, P. H.; Evans, D. A. J. Chem. Soc., Chem.
    # Commun. 1978, 410" and "..., 981"); PMC's pubmed_full_1 (ropensci-archive/pubchunks) has two
    # Kelley & Kelley 2001 titles alike up to their colon: each was a duplicate-reference warning
    page = (
        "<html><body><p>Shown before.<sup>1,2</sup> Also<sup>3,4</sup> and<sup>5</sup>.</p><h2>References</h2><ol>"
        "<li>Baker, R.; Briner, P. H.; Evans, D. A. J. Chem. Soc., Chem. Commun. 1978, 410</li>"
        "<li>Baker, R.; Briner, P. H.; Evans, D. A. J. Chem. Soc., Chem. Commun. 1978, 981</li>"
        "<li>Kelley GA, Kelley KA: Aerobic exercise and resting blood pressure: a meta-analytic review. "
        "Prev Cardiol 2001; 4(2): 73-80.</li>"
        "<li>Kelley GA, Kelley KA: Aerobic exercise and resting blood pressure in older adults: a review. "
        "J Gerontol 2001; 56(5): M298-303.</li>"
        "<li>Kelley GA, Kelley KA: Aerobic exercise and resting blood pressure: a meta-analytic review. "
        "Prev Cardiol. 2001;4:73–80.</li></ol></body></html>"
    )
    doc = checked(tmp_path / "dup.html", page)
    assert [(f.rule, f.reference_id) for f in doc.findings if f.severity >= Severity.WARNING] == [
        ("duplicate-reference", "ref-5")  # the same paper twice, its issue given once
    ]


def test_a_bold_paragraph_heads_a_list_of_authors_written_given_name_first(tmp_path: Path) -> None:
    # First Monday (OJS; internetarchive/sandcrawler tests/files/first_monday_ojs3_fulltext.html, CC BY):
    # <p><strong>References</strong></p>, then "Barry D. Adam, Richard Elliott, and Ken English, 2014.
    # “Title,” ..." with a <br> before its DOI; the list was read from the text, each "doi: ...,
    # accessed 5 September 2020." an entry and "Barry" the first author (95 errors, 127 warnings)
    page = (
        "<html><body><p>Criminalization harms (Adam, <em>et al.</em>, 2014; Agre, 1997; Dombrowski, "
        "<em>et al.</em>, 2016; Halperin and Hoppe, 2017).</p><p><strong>References</strong></p>"
        "<p>Barry D. Adam, Richard Elliott, Patrice Corriveau, and Ken English, 2014. &ldquo;Impacts of "
        "criminalization,&rdquo; <em>Sexuality Research and Social Policy</em>, volume 11, pp. 39&ndash;49.<br>"
        'doi: <a href="https://doi.org/10.1007/s13178-013-0131-8">https://doi.org/10.1007/s13178-013-0131-8</a>, '
        "accessed 5 September 2020.</p>"
        "<p>Philip E. Agre, 1997. &ldquo;Toward a critical technical practice,&rdquo; In: Geof Bowker (editors)."
        " <em>Bridging the great divide</em>. Mahwah, N.J.: Erlbaum.</p>"
        "<p>Lynn Dombrowski, Ellie Harmon, and Sarah Fox, 2016. &ldquo;Social justice-oriented interaction "
        "design,&rdquo; <em>DIS &rsquo;16</em>, pp. 656&ndash;671.</p>"
        "<p>David M. Halperin and Trevor Hoppe (editors), 2017. <em>The war on sex</em>. Durham, N.C.: Duke "
        "University Press.</p>"
        "<p><strong>Editorial history</strong></p><p>Received 14 March 2020; accepted 5 September 2020.</p>"
        "</body></html>"
    )
    doc = checked(tmp_path / "fm.html", page)
    assert [r.authors for r in doc.references or []] == [
        ["Adam", "Elliott", "Corriveau", "English"],
        ["Agre"],
        ["Dombrowski", "Harmon", "Fox"],
        ["Halperin", "Hoppe"],
    ]
    assert alarms(doc) == []


def test_organisations_are_not_read_as_names_given_first() -> None:
    from refcheck.extract.reference_list import parse_entry

    assert parse_entry("European Commission, 2004. Ethical aspects of testing. Brussels.").authors == [
        "European Commission"
    ]
    assert parse_entry("Smith, J. and Jones, K., 2014. A title here. Journal.").authors == ["Smith", "Jones"]


def test_a_link_naming_its_entry_in_a_rid_attribute_is_a_citation_of_it(tmp_path: Path) -> None:
    # PeerJ (sandcrawler peerj_oa_article.html): <a class="xref xref-bibr" href="https://..."
    # data-jats-rid="ref-47">Université Konstanz, 2014</a> for "Universitat Konstanz. 2014."; and
    # "Walker &amp; Soichi, 1998" for "Walker TJ, Soichi transl. T. 1998.": missing-reference errors
    def entry(rid: str, text: str) -> str:
        return f'<li><div class="citation" id="{rid}">{text}</div></li>'

    page = (
        '<html><body><p>Prices rose (<a class="xref xref-bibr" href="https://www.uni-konstanz.de/x" '
        'data-jats-rid="ref-1">Université Konstanz, 2014</a>; <a class="xref xref-bibr" '
        'href="https://doi.org/10.1241/x" data-jats-rid="ref-2">Walker &amp; Soichi, 1998</a>; '
        '<a class="xref xref-bibr" href="http://arxiv.org/abs/cs/0606079" data-jats-rid="ref-3">Hajjem, Harnad '
        "&amp; Gingras (2006)</a>).</p><h2>References</h2><ul>"
        + entry("ref-1", "Universitat Konstanz. 2014. Teurer als die Wissenschaft erlaubt.")
        + entry("ref-2", "Walker TJ, Soichi transl. T. 1998. Free internet access to traditional journals. "
                "Journal of Information Processing and Management 41(9):678-694")
        + entry("ref-3", "Hajjem C, Harnad S, Gingras Y. 2006. Ten-year cross-disciplinary comparison of the "
                "growth of open access. IEEE Data Engineering Bulletin 28(4):39-47")
        + "</ul></body></html>"
    )  # fmt: skip
    doc = checked(tmp_path / "peerj.html", page)
    assert alarms(doc) == []


def test_a_number_linked_to_an_entry_the_list_lacks_is_still_a_citation(tmp_path: Path) -> None:
    # PLOS (sandcrawler plos_one_article.html keeps 5 of its entries): "[<a href="#ref004">4</a>]" leads
    # to no entry of the list; in a page that cites by links it is still a citation (reported missing)
    def entry(n: int, text: str) -> str:
        return f'<li id="ref00{n}">{text}</li>'

    page = (
        '<html><body><p>Known [<a href="#ref001">1</a>], [<a href="#ref002">2</a>] and [<a href="#ref003">3</a>]'
        ', also [<a href="#ref009">9</a>] and compound (7).</p><h2>References</h2><ol>'
        + entry(1, "Cheng Z, Shi Y. Title one. Avian Dis. 2012;56:1-5.")
        + entry(2, "Cui Z, Sun S. Title two. Vet Microbiol. 2009;138:1-9.")
        + entry(3, "Zhao P, Ma C. Title three. Virol J. 2012;9:1-7.")
        + "</ol></body></html>"
    )
    doc = checked(tmp_path / "plos.html", page)
    assert [c.numbers for c in doc.citations] == [(1,), (2,), (3,), (9,)]
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["missing-reference"]
