"""JATS from producers not tried before (qa-jats5): Pensoft's taxonomic articles (Biodiversity Data
Journal, ZooKeys, PhytoKeys, MycoKeys; TaxPub and Darwin Core markup), PeerJ, PNAS, Computational
Communication Research (LaTeXML), JSTOR's Data for Research, and pandoc's three JATS writers. Small
documents modelled on the published open-access articles; each test names its source and failed
before its fix."""

from __future__ import annotations

from pathlib import Path

from .jats_docs import alarms, article, check, numbered, xref
from .projects import findings


def text_alarms(tmp_path: Path, text: str, name: str = "a.txt") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [
        f"{rule}: {message}" for rule, severity, message in findings(path) if severity in ("warning", "error")
    ]


def ref(rid: str, surname: str, year: str, title: str = "A work") -> str:
    return (
        f'<ref id="{rid}"><mixed-citation><person-group><name><surname>{surname}</surname>'
        f"<given-names>A</given-names></name></person-group> (<year>{year}</year>) {title}. "
        "Zootaxa 1: 1-10.</mixed-citation></ref>"
    )


def taxon(*parts: str) -> str:
    return (
        "<tp:taxon-name>"
        + " ".join(f'<tp:taxon-name-part taxon-name-part-type="x">{p}</tp:taxon-name-part>' for p in parts)
        + "</tp:taxon-name>"
    )


# --- taxonomic authorities -------------------------------------------------------------------------------
# Biodiversity Data Journal 3:e4162 and 1:e976 (Pensoft, CC BY 4.0): each specimen record gives the
# taxon in Darwin Core fields, 'scientificName: <named-content content-type="dwc:scientificName">
# Astrodoras asterifrons (Kner, 1853)</named-content>' and 'scientificNameAuthorship: <named-content
# content-type="dwc:scientificNameAuthorship">Negrobov &amp; Stackelberg, 1974</named-content>': the
# authority was read as a citation of the listed Kner 1854, Negrobov and Stackelberg 1972 (10 errors).


def test_darwin_core_name_fields_hold_authorities_not_citations() -> None:
    record = (
        '<bold>Taxon:</bold> scientificName: <named-content content-type="dwc:scientificName">'
        "Astrodoras asterifrons (Kner, 1853)</named-content>; scientificNameAuthorship: "
        '<named-content content-type="dwc:scientificNameAuthorship">(Kner, 1853)</named-content>; '
        'acceptedNameUsage: <named-content content-type="dwc:acceptedNameUsage">Medetera abstrusa '
        "Negrobov &amp; Stackelberg, 1974</named-content>; identificationReferences: "
        '<named-content content-type="dwc:identificationReferences">Kner 1854</named-content>.'
    )
    refs = ref("B1", "Kner", "1854") + (
        '<ref id="B2"><mixed-citation><person-group><name><surname>Negrobov</surname></name><name>'
        "<surname>Stackelberg</surname></name></person-group> (<year>1972</year>) Dolichopodidae. "
        "Fliegen 1: 1.</mixed-citation></ref>"
    )
    doc = check(article(f"Catfishes ({xref('B1', 'Kner 1854')}). {record}", refs))
    assert alarms(doc) == [
        "uncited-reference: Negrobov and Stackelberg 1972 is listed but never cited; cite it or remove the entry"
    ]
    # a Darwin Core field that cites a work is read as ever
    doc = check(
        article(
            f"Catfishes ({xref('B1', 'Kner 1854')}). {record.replace('>Kner 1854<', '>Kner 1855<')}", refs
        )
    )
    assert next(a.split(" cites ")[0] for a in alarms(doc)) == 'year-mismatch: "Kner 1855"'


# ZooKeys 500:9360 (Pensoft, CC BY 4.0): "Neotropical <tp:taxon-name>Megathylacus</tp:taxon-name>
# Woodland, 1934": the names read back from the year took in the genus' name and the word before it,
# and the authority was an ambiguous citation of Woodland 1934a and 1934b (error).


def test_an_authority_whose_names_run_into_the_taxon_name_is_no_citation() -> None:
    body = (
        f"Japanese {taxon('Paraproteocephalus')} in Clade E and Neotropical <italic>{taxon('Megathylacus')}"
        f"</italic> Woodland, 1934 in Clade I ({xref('B1', 'Woodland 1934a')}, {xref('B2', 'Woodland 1934b')})."
    )
    refs = ref("B1", "Woodland", "1934a", "On some cestodes") + ref(
        "B2", "Woodland", "1934b", "On six cestodes"
    )
    assert alarms(check(article(body, refs))) == []
    # written without the taxon's markup, the same words are read as ever
    plain = body.replace(f"<italic>{taxon('Megathylacus')}</italic>", "Megathylacus")
    assert [a.split(" fits ")[0] for a in alarms(check(article(plain, refs)))] == [
        'ambiguous-citation: "Neotropical Megathylacus Woodland, 1934"'
    ]


# --- life dates ----------------------------------------------------------------------------------------
# Biodiversity Data Journal 3:e7318 (Pensoft, CC BY 4.0): "the first systematic floras of the region
# were written by Nathaniel John Winch [1768 – 1838] (<xref>Winch 1805</xref>)": a life written with
# spaces about its dash was read as "Winch [1768", a year mismatch of Winch 1805 (4 errors).


def test_life_dates_with_spaces_about_the_dash_are_no_citation(tmp_path: Path) -> None:
    text = (
        "The floras were written by Nathaniel John Winch [1768 – 1838] (Winch 1805), then by John Baker "
        "(1834 - 1893) in Baker (1868).\n\nReferences\n\nWinch NJ. 1805. The botanist's guide. London.\n\n"
        "Baker JG. 1868. A new flora of Northumberland and Durham. London.\n"
    )
    assert text_alarms(tmp_path, text) == []
    # a span of two years is still a citation ("Baker (1867 – 1868)": the years of a serial's parts),
    # read whole since year ranges are cited (qa-left14, qa-new14): it cites the entry dated within it,
    # and a span no entry of the author falls in is a missing work
    assert text_alarms(tmp_path, text.replace("1834 - 1893", "1867 - 1868")) == []
    assert [
        a.split(" is cited")[0] for a in text_alarms(tmp_path, text.replace("1834 - 1893", "1865 - 1866"))
    ] == ['missing-reference: "Baker (1865 - 1866)"']


# --- personal communications --------------------------------------------------------------------------
# PeerJ's example article (Werning et al., PeerJ JATS 1.1, CC BY 4.0): "(JR Horner, pers. comm. to S
# Werning, 2013)": who was told, and when, read as "Werning, 2013", a citation of the listed Werning
# 2012 (3 errors, in JATS and in text alike).


def test_names_after_a_personal_communication_are_no_citation(tmp_path: Path) -> None:
    text = (
        "Growth was slow (JR Horner, pers. comm. to S Werning, 2013), as the femur shows (personal "
        "communication from Werning, 2013), after Werning (2012).\n\nReferences\n\nWerning S. 2012. The "
        "ontogenetic osteohistology of Tenontosaurus tilletti. PLoS ONE 7: e33539.\n"
    )
    assert text_alarms(tmp_path, text) == []
    # a citation after the communication, in the same parentheses, is read
    cited = text.replace("to S Werning, 2013)", "to S Werning; Werning, 2013)")
    assert [a.split(" cites")[0] for a in text_alarms(tmp_path, cited)] == ['year-mismatch: "Werning, 2013"']
    body = f"Growth (JR Horner, pers. comm. to S Werning, 2013) was slow ({xref('B1', 'Werning, 2012')})."
    assert alarms(check(article(body, ref("B1", "Werning", "2012")))) == []


# --- a suffix the publisher's xrefs resolve ----------------------------------------------------------------
# Biodiversity Data Journal 4:e7386 and 3:e4284 (Pensoft, CC BY 4.0): the list gives two "Fleming AJ,
# Wood D ... (2014)" without suffixes; the xrefs show "Fleming et al. 2014a" (rid B1) and "2014b" (rid
# B2), and the methods cite "Fleming et al. (2014a)" twice more without an xref: each was "ambiguous"
# (error), though the article's own markup tells which entry "2014a" is.


def test_a_suffixed_citation_without_xref_is_the_entry_the_xrefs_give_that_suffix() -> None:
    refs = ref("B1", "Fleming", "2014", "Revision of Houghia") + ref(
        "B2", "Fleming", "2014", "A new Cordyligaster"
    )
    body = (
        f"Revised ({xref('B1', 'Fleming et al. 2014a')}, {xref('B2', 'Fleming et al. 2014b')}). Photographs "
        "were taken as in Fleming et al. (2014a); the terminalia as in Fleming et al. 2014a."
    )
    assert alarms(check(article(body, refs))) == []
    # a suffix no xref shows is as ambiguous as before
    doc = check(article(body.replace("as in Fleming et al. 2014a", "as in Fleming et al. 2014c"), refs))
    assert [a.split(" fits ")[0] for a in alarms(doc)] == ['ambiguous-citation: "Fleming et al. 2014c"']


# --- an entry listed twice --------------------------------------------------------------------------------
# ZooKeys 533:6184 (Pensoft, CC BY 4.0) lists "Von Prahl H, Guhl F, Gröl M (1979) Poliquetos de
# Gorgona" twice, and its xref points at the second copy: the first was also "listed but never cited"
# (two findings for one defect).


def test_the_first_copy_of_a_repeated_entry_is_cited_through_the_copy_the_xrefs_point_at() -> None:
    refs = ref("B1", "Verrill", "1873") + ref("B2", "Von Prahl", "1979", "Poliquetos de Gorgona")
    refs += ref("B3", "Wang", "1994") + ref("B4", "Von Prahl", "1979", "Poliquetos de Gorgona")
    body = f"Records: {xref('B1', 'Verrill 1873')}; {xref('B4', 'Von Prahl et al. 1979')}; {xref('B3', 'Wang 1994')}."
    assert [a.split(" this ")[0] for a in alarms(check(article(body, refs)))] == ["duplicate-reference:"]
    # two works that share a DOI (one of them wrong) are two works: the uncited one is said
    refs = ref("B1", "Tan", "2010", "From cryptic species").replace(
        "</mixed", ' <pub-id pub-id-type="doi">10.1111/j.1463-6409.2009.00408.x</pub-id></mixed'
    )
    refs += ref("B2", "Vaidya", "2010", "SequenceMatrix").replace(
        "</mixed", ' <pub-id pub-id-type="doi">10.1111/j.1463-6409.2009.00408.x</pub-id></mixed'
    )
    rules = [a.split(":")[0] for a in alarms(check(article(f"Software {xref('B2', 'Vaidya 2010')}.", refs)))]
    assert sorted(rules) == ["duplicate-reference", "uncited-reference"]


# --- notes ---------------------------------------------------------------------------------------------
# pandoc 3.9's JATS writers, on fastPLI's JOSS paper (3d-pli/fastpli paper/paper.md, MIT): with
# -t jats_articleauthoring each note stands where it is anchored, "package <fn><p>https://...</p></fn>,
# at the wiki pages <fn>...</fn>" (the Article Authoring tag set has no <fn-group>): 3 "never
# referenced" warnings. On the AEA Data Editor's 2021 report (AEADataEditor/report-aea-data-editor-2021,
# LaTeX, -t jats_publishing) the author's \thanks is note 1, pointed at from the front matter
# ("<string-name>Lars Vilhuber<xref ref-type="fn" rid="fn1">1</xref></string-name>"), the text's begin
# at 2: "footnote [2] skips [1]".


def test_a_note_written_in_place_is_anchored_there() -> None:
    body = (
        "Examples can be found in the package <fn><p>https://github.com/3d-pli/fastpli</p></fn>, at the "
        "wiki pages <fn><p>https://github.com/3d-pli/fastpli/wiki</p></fn> and in the documentation."
    )
    doc = check(article(body + f" As in {xref('B1', 'Axer 2011')}.", ref("B1", "Axer", "2011")))
    assert alarms(doc) == []
    assert [m.label for m in doc.footnote_markers] == ["1", "2"]
    # a note in a group at the end is anchored by its xrefs alone, as ever
    back = '<fn-group><fn id="fn1"><label>1</label><p>A note.</p></fn></fn-group>'
    doc = check(article(f"Text {xref('B1', 'Axer 2011')}.", ref("B1", "Axer", "2011"), back=back))
    assert doc.footnote_markers == []


def test_a_note_the_front_matter_points_at_is_used_there() -> None:
    front = (
        '<article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta><title-group>'
        "<article-title>Report by the Data Editor</article-title></title-group><contrib-group><contrib>"
        '<string-name>Lars Vilhuber<xref ref-type="fn" rid="fn1">1</xref></string-name></contrib>'
        "</contrib-group></article-meta></front>"
    )
    xml = article(
        f'The README ({xref("B1", "Vilhuber et al. 2020")}).<xref ref-type="fn" rid="fn2">2</xref> Then.'
        '<xref ref-type="fn" rid="fn3">3</xref>',
        ref("B1", "Vilhuber", "2020"),
        back='<fn-group><fn id="fn1"><label>1</label><p>Cornell University.</p></fn><fn id="fn2"><label>2'
        '</label><p>The README is online.</p></fn><fn id="fn3"><label>3</label><p>A third.</p></fn></fn-group>',
    )
    xml = front + xml.split("</front>", 1)[1]
    assert alarms(check(xml)) == []
    # eLife's author contributions, pointed at from each author ('<xref ref-type="fn" rid="con1">'), in
    # a group the text never points at: statements, not notes
    contributions = xml.replace('rid="fn1"', 'rid="con1"').replace(
        '<fn-group><fn id="fn1"><label>1</label><p>Cornell University.</p></fn>',
        '<fn-group content-type="author-contribution"><fn id="con1" fn-type="con"><p>LV, Conception.</p></fn>'
        "</fn-group><fn-group>",
    )
    doc = check(contributions)
    assert alarms(doc) == [
        "footnote-order: footnote [2] skips [1]: no marker uses that number; renumber the notes"
    ]
    assert [n.label for n in doc.footnotes or []] == ["2", "3"]


# --- pandoc's unresolved keys ------------------------------------------------------------------------------
# The AEA Data Editor's 2021 report rendered by pandoc 3.9 (--citeproc, -t jats_publishing or html)
# with one of its two bibliographies: the 12 keys of the other print as "(<bold>jddcp?</bold>)",
# "(<bold>10.1257/pandp.110.dcap?</bold>)", which readers see in the article; nothing was said.


def test_a_key_pandoc_could_not_resolve_is_a_missing_reference(tmp_path: Path) -> None:
    body = (
        "Since the policy of 2019 (<bold>10.1257/pandp.110.dcap?</bold>), the template README (Vilhuber et "
        "al. 2020; <bold>jddcp?</bold>) helps. Why? (<bold>Why?</bold>)"
    )
    refs = ref("ref-READMEv1.0.0", "Vilhuber", "2020")
    messages = alarms(check(article(body, refs)))
    assert [m.split(" is cited")[0] for m in messages] == [
        "missing-reference: key '10.1257/pandp.110.dcap'",
        "missing-reference: key 'jddcp'",
    ]
    assert 'pandoc found no entry with that key and printed "jddcp?" in its place' in messages[1]
    # pandoc's HTML alike; a bold question in a page that is not pandoc's is no key
    html = (
        '<html><body><p>Since 2019 <span class="citation" data-cites="smith2019">(<strong>smith2019?'
        '</strong>)</span>, the README <span class="citation" data-cites="README jddcp">(Vilhuber et al. '
        "2020; <strong>jddcp?</strong>)</span> helps (<b>Why?</b>).</p>\n"
        '<div id="refs" class="references csl-bib-body hanging-indent" role="list">\n<div id="ref-README" '
        'class="csl-entry" role="listitem">\nVilhuber, Lars, and Others. 2020. <em>A template README</em>. '
        "Zenodo.\n</div>\n</div></body></html>"
    )
    found = text_alarms(tmp_path, html, "a.html")
    assert [m.split(" is cited")[0] for m in found] == [
        "missing-reference: key 'smith2019'",
        "missing-reference: key 'jddcp'",
    ]
    plain = html.replace(
        '<div id="refs" class="references csl-bib-body hanging-indent"', "<h2>References</h2><div"
    )
    plain = plain.replace('class="csl-entry" ', "")
    assert [m.split(" is cited")[0] for m in text_alarms(tmp_path, plain, "a.html")] == [
        "missing-reference: key 'smith2019'"
    ]


# bioRxiv 468444 (CC BY 4.0): "Kirkhart C, Scott K. 2015a" and "2015b" are one paper (one DOI); the
# text cites 2015a: the second copy was both a duplicate and "listed but never cited".


def test_the_later_copy_of_a_repeated_entry_is_reported_once() -> None:
    doi = ' <pub-id pub-id-type="doi">10.1523/JNEUROSCI.3930-14.2015</pub-id></mixed'
    refs = ref("c26", "Kirkhart", "2015a", "Gustatory learning").replace("</mixed", doi)
    refs += ref("c27", "Kirkhart", "2015b", "Gustatory learning").replace("</mixed", doi)
    body = f"Tastes activate the calyces ({xref('c26', 'Kirkhart and Scott, 2015a')})."
    assert [a.split(":")[0] for a in alarms(check(article(body, refs)))] == ["duplicate-reference"]


# --- photographers ----------------------------------------------------------------------------------------
# Biodiversity Data Journal 3:e6604 (Pensoft, CC BY 4.0), a figure's caption: "Azores Bullfinch
# (<tp:taxon-name>Pyrrhula murina</tp:taxon-name> Godman, 1866). Photo by PAV Borges (2008).": who took
# the photograph, and when, read as a citation of Borges's works (missing-reference, error).


def test_a_photographer_and_year_are_no_citation(tmp_path: Path) -> None:
    caption = (
        f"Azores Bullfinch (<italic>{taxon('Pyrrhula', 'murina')}</italic> Godman, 1866). Photo by PAV Borges "
        f"(2008). A beetle (photo: J. Smith 2008). As listed ({xref('B1', 'Borges et al. 2010')})."
    )
    refs = ref("B1", "Borges", "2010") + ref("B2", "Smith", "2010")
    assert [a.split(" is ")[0] for a in alarms(check(article(caption, refs)))] == [
        "uncited-reference: Smith 2010"
    ]
    text = "Photo by PAV Borges (2008). As listed (Borges 2010).\n\nReferences\n\nBorges PAV. 2010. A list. Lisbon.\n"
    assert text_alarms(tmp_path, text) == []


# --- "& al." ------------------------------------------------------------------------------------------------
# ZooKeys 698:13411 (Pensoft, CC BY 4.0): "the leopard frog <tp:taxon-name>Rana kauffeldi Feinberg &amp;
# al., 2014</tp:taxon-name>": taxonomists (and French authors) write "& al." for "et al."; it was not
# read at all, and Feinberg et al. 2014 was "listed but never cited" (in text alike).


def test_and_al_is_et_al(tmp_path: Path) -> None:
    text = (
        "Species described from the parks: the frog Rana kauffeldi (Feinberg & al., 2014) and a centipede "
        "(Foddai & al. 2002; Smith et al. 2001).\n\nReferences\n\nFeinberg JA, Newman CE, Watkins-Colwell GJ. "
        "2014. Cryptic diversity in leopard frogs. PLoS ONE 9: e108213.\n\nFoddai D, Minelli A, Pereira LA. "
        "2002. A centipede. Zootaxa 1: 1.\n\nSmith A, Jones B, Lee C. 2001. A work. J 1: 1.\n"
    )
    assert text_alarms(tmp_path, text) == []
    body = (
        f"The frog {taxon('Rana', 'kauffeldi Feinberg &amp; al., 2014')} ({xref('B2', 'Smith et al. 2001')})."
    )
    refs = ref("B1", "Feinberg", "2014") + ref("B2", "Smith", "2001")
    assert alarms(check(article(body, refs))) == []


# --- names written back to back ------------------------------------------------------------------------------
# Pensoft's <mixed-citation>s write their names with nothing between ("<name><surname>Tan</surname>
# <given-names>DSH</given-names></name><name><surname>Ang</surname>..."): the entries were quoted in
# findings as "Tan DSHAng YLim GSIsmail MRBMeier R (2010)" (ZooKeys 698:13411, 533:6184).


def test_names_written_back_to_back_read_apart() -> None:
    names = "".join(
        f"<name><surname>{s}</surname> <given-names>{g}</given-names></name>"
        for s, g in (("Tan", "DSH"), ("Ang", "Y"), ("Meier", "R"))
    )
    entry = f"<person-group>{names}</person-group> (<year>2010</year>) From cryptic species. Zool Scr 39: 51."
    refs = f'<ref id="B1"><mixed-citation>{entry}</mixed-citation></ref><ref id="B2"><mixed-citation>{entry}</mixed-citation></ref>'
    doc = check(article(f"As found ({xref('B1', 'Tan et al. 2010')}).", refs))
    assert doc.references is not None
    assert doc.references[0].text.startswith("Tan DSH Ang Y Meier R (2010) From cryptic species")
    assert [a.split("earlier one, ")[1][:24] for a in alarms(doc)] == ["Tan DSH Ang Y Meier R (2"]


# --- xrefs whose ref-type is missing or another ------------------------------------------------------------
# The brief's list of forms: '<xref rid="B1">1</xref>' (ref-type is optional in the DTD; converters leave
# it out) and 'ref-type="ref"' / "bib": the xrefs were not read, and their entries were "listed but never
# cited" (a warning each).


def test_an_xref_to_an_entry_cites_it_whatever_its_ref_type() -> None:
    body = (
        'Text <xref rid="B1">1</xref>, <xref ref-type="ref" rid="B2">2</xref>, <xref ref-type="bib" '
        'rid="B3">3</xref> and <xref ref-type="bibr" rid="B4">4</xref> (<xref ref-type="fig" rid="f1">'
        "Fig. 1</xref>)."
    )
    assert alarms(check(article(body, numbered(4)))) == []
    # an xref of another kind to an entry's id is not read as citing it
    body = body.replace('<xref rid="B1">1</xref>', '<xref ref-type="fn" rid="B1">1</xref>')
    assert [a.split(" is ")[0] for a in alarms(check(article(body, numbered(4))))] == [
        "uncited-reference: [1] AuthorA 1991"
    ]


# pandoc with link-citations: '<xref alt="smith2020?" rid="ref-smith2020" ref-type="bibr"><bold>
# smith2020?</bold></xref>': the unresolved key was said twice, once as the xref's dangling rid.


def test_an_unresolved_key_in_an_xref_is_said_once() -> None:
    body = (
        '(<xref alt="Doe 2021" rid="ref-doe" ref-type="bibr">Doe 2021</xref>). More text (<xref '
        'alt="missing2020?" rid="ref-missing2020" ref-type="bibr"><bold>missing2020?</bold></xref>).'
    )
    assert alarms(check(article(body, ref("ref-doe", "Doe", "2021")))) == [
        "missing-reference: key 'missing2020' is cited but not in the reference list (pandoc found no entry "
        'with that key and printed "missing2020?" in its place); correct the key or add the entry to the '
        "bibliography"
    ]
    # BMC's older lists: a <mixed-citation> of fields only, no text of its own, read spaced as an
    # <element-citation> is (corpus 1471-2180-11-174: "LongoDHastyJDynamics of single-cell ...")
    bare = (
        '<ref id="B1"><mixed-citation publication-type="journal"><name><surname>Longo</surname><given-names>D'
        "</given-names></name><name><surname>Hasty</surname><given-names>J</given-names></name><article-title>"
        "Dynamics of single-cell gene expression</article-title><source>Mol Syst Biol</source><year>2006</year>"
        "<volume>2</volume><fpage>64</fpage></mixed-citation></ref>"
    )
    doc = check(article(f"Noise {xref('B1', '1')}.", bare))
    assert doc.references is not None
    assert (
        doc.references[0].text
        == "Longo D Hasty J Dynamics of single-cell gene expression Mol Syst Biol 2006 2 64"
    )


# --- PLOS <mixed-citation>s write a name's parts and some fields back to back -------------------------
# "<name><surname>McCain</surname><given-names>KW</given-names></name>" (PLOS Biology) was kept as
# "McCainKW", and "<source>Chem Commun (Camb)</source><volume>47</volume>" as "Chem Commun (Camb)47":
# the entry's text is what the registry search is sent, whose first author did not match, so 51 of
# the corpus's clean JATS entries were reference-not-found warnings (bench/verify_accuracy.py).


def test_a_names_parts_and_fields_written_back_to_back_are_spaced() -> None:
    refs = (
        '<ref id="r1"><label>2</label><mixed-citation publication-type="journal"><name name-style="western">'
        "<surname>McCain</surname><given-names>KW</given-names></name> (<year>1995</year>) <article-title>"
        "Mandating sharing: <italic>K</italic><sub>d</sub> in Ca<sup>2+</sup></article-title>. <source>Chem"
        " Commun (Camb)</source><volume>47</volume>: <fpage>5166</fpage>&#x02013;<lpage>5168</lpage>"
        '<pub-id pub-id-type="pmid">21384024</pub-id></mixed-citation></ref>'
    )
    doc = check(article('As shown <xref ref-type="bibr" rid="r1">[2]</xref>.', refs))
    assert doc.references[0].text == (
        "2 McCain KW (1995) Mandating sharing: Kd in Ca2+. Chem Commun (Camb) 47: 5166–5168 21384024"
    )
    assert alarms(doc) == []
