"""JATS from more publishers and generators (qa-jats3): article sets and sub-articles with reference
lists of their own, xrefs that show only a year, names whose fields the markup swapped. Small
documents modelled on published CC-BY articles; each test names its source."""

from __future__ import annotations

from refcheck.model import Document, Severity

from .jats_docs import alarms, article, check


def ref(rid: str, surnames: str, year: str) -> str:
    names = "".join(
        f"<name><surname>{s}</surname><given-names>A</given-names></name>" for s in surnames.split()
    )
    return (
        f'<ref id="{rid}"><element-citation publication-type="journal"><person-group person-group-type='
        f'"author">{names}</person-group><year>{year}</year><article-title>Title of {rid}</article-title>'
        "<source>J</source><volume>1</volume><fpage>1</fpage></element-citation></ref>"
    )


def severities(doc: Document) -> list[str]:
    return [f.severity.name.lower() for f in doc.findings if f.severity >= Severity.WARNING]


def test_every_article_of_an_article_set_is_checked() -> None:
    # PMC's <pmc-articleset> (tidypmc's PMC6358576..PMC6358589, ten articles): only the first was read
    first = article('Shown (<xref ref-type="bibr" rid="B1">Smith, 2001</xref>).', ref("B1", "Smith", "2001"))
    second = article(
        'Shown (<xref ref-type="bibr" rid="B1">Jones, 2005</xref>).',
        ref("B1", "Jones", "2004") + ref("B2", "Brown", "2003"),
    )
    doc = check(f"<pmc-articleset>{first}\n{second}</pmc-articleset>")
    assert alarms(doc) == [
        'year-mismatch: "Jones, 2005" cites an entry dated 2004 (did you mean Jones 2004?) (in article 2 of 2)',
        "uncited-reference: Brown 2003 is listed but never cited; cite it or remove the entry (in article 2 of 2)",
    ]
    assert [f.line for f in doc.findings] == [2, 2]  # at the second article's lines
    # the first article alone is unchanged: its entry B1 is no duplicate of the other's B1
    assert alarms(check(f"<pmc-articleset>{first}</pmc-articleset>")) == []


def test_a_review_with_its_own_reference_list_is_checked_apart() -> None:
    # F1000Research referee reports (<sub-article article-type="referee-report">) may list works of
    # their own; a review's xref to the main article's list is the article's, not the review's
    review = (
        '<sub-article article-type="referee-report" id="rev1"><front-stub><title-group><article-title>'
        "Referee report</article-title></title-group></front-stub><body><p>The authors should cite "
        '(<xref ref-type="bibr" rid="rev1-r1">Green, 1999</xref>) beside (<xref ref-type="bibr" '
        'rid="B1">Smith, 2001</xref>).</p></body><back><ref-list><ref id="rev1-r1"><mixed-citation>Green '
        "A. 1998. A paper. J Biol. 1:1.</mixed-citation></ref></ref-list></back></sub-article>"
    )
    body = 'Shown (<xref ref-type="bibr" rid="B1">Smith, 2001</xref>).'
    doc = check(article(body, ref("B1", "Smith", "2001"), review))
    assert alarms(doc) == [
        'year-mismatch: "Green, 1999" cites an entry dated 1998 (did you mean Green 1998?) (in referee-report rev1)'
    ]
    assert doc.findings[0].offset is None and doc.findings[0].fix is None
    # the main article's own list and citations are as before: the review's entry is not in it
    assert [r.id for r in doc.references or []] == ["B1"]
    # a decision letter without a list of its own is no part
    letter = '<sub-article article-type="decision-letter" id="sa1"><body><p>Fine.</p></body></sub-article>'
    assert check(article(body, ref("B1", "Smith", "2001"), letter)).parts == []


def test_an_xref_that_shows_only_the_year_is_compared_with_its_entry() -> None:
    # Behavioral Ecology (Springer via PMC, PMC4521097): "Wolf and Trillmich <xref>2007</xref>", the
    # names before the xref, the year inside it: a wrong year went unseen (the year was read as a number)
    refs = ref("r11", "Trillmich Wolf", "2008") + ref("r12", "Wolf Trillmich", "2006")
    body = (
        'Pups grow fast (Wolf and Trillmich <xref ref-type="bibr" rid="r12">2007</xref>), as Trillmich '
        'and Wolf <xref ref-type="bibr" rid="r11">2008</xref> found.'
    )
    doc = check(article(body, refs))
    assert alarms(doc) == [
        'year-mismatch: "Wolf and Trillmich 2007" cites an entry dated 2006 (did you mean Wolf and '
        "Trillmich 2006?)"
    ]
    assert [c.authors for c in doc.citations] == [["Wolf", "Trillmich"], ["Trillmich", "Wolf"]]
    # the names of another entry before the xref: the xref points at the wrong entry
    wrong = 'As Trillmich and Wolf <xref ref-type="bibr" rid="r12">2006</xref> found.'
    assert [f.rule for f in check(article(wrong, refs)).findings if f.severity >= Severity.WARNING][:1] == [
        "author-mismatch"
    ]
    # a word before the year that names no entry's author is no name: the year alone is compared
    plain = 'In <xref ref-type="bibr" rid="r12">2006</xref> and <xref ref-type="bibr" rid="r11">2008</xref>.'
    assert alarms(check(article(plain, refs))) == []


def test_given_names_and_surname_swapped_in_the_markup_are_read_as_printed() -> None:
    # bioRxiv 468444: "<string-name><given-names>Plaçais</given-names> <surname>P-Y</surname>" printed
    # "Plaçais P-Y": "(Plaçais et al., 2017)" was an author mismatch with "P-Y"
    refs = (
        '<ref id="c40"><mixed-citation publication-type="journal"><string-name><given-names>Pla&#x00E7;ais'
        "</given-names> <surname>P-Y</surname></string-name>, <string-name><surname>Bouzaiane</surname> "
        "<given-names>E</given-names></string-name>. <year>2017</year>. <article-title>Upregulated energy "
        "metabolism</article-title>. <source>Nat Commun</source> <volume>8</volume>:<fpage>15510</fpage>."
        "</mixed-citation></ref>"
    )
    body = 'Memory (<xref ref-type="bibr" rid="c40">Pla&#x00E7;ais et al., 2017</xref>).'
    doc = check(article(body, refs))
    assert alarms(doc) == []
    assert doc.references is not None and doc.references[0].authors[0] == "Plaçais"


def test_an_xref_to_the_wrong_entry_is_said_to_be_so_with_the_entry_it_names() -> None:
    # Behavioral Ecology (PMC4521097): rids shifted by one entry, "Wolf and Trillmich <xref
    # rid="CR68">2007</xref>" pointing at Wittig et al. 2014 (CR68) while Wolf and Trillmich 2007 is
    # CR69; eLife 14093: "<xref rid="bib1">Kupiec, 1997</xref>" pointing at Adler et al. 1997. The
    # text is right and the link wrong: "did you mean Wittig et al. 2014?" told to write the wrong work
    refs = ref("CR68", "Wittig Crockford Deschner", "2014") + ref("CR69", "Wolf Trillmich", "2007")
    body = (
        'A colony (Wolf and Trillmich <xref ref-type="bibr" rid="CR68">2007</xref>) and food sharing '
        '(Wittig et al. <xref ref-type="bibr" rid="CR68">2014</xref>).'
    )
    doc = check(article(body, refs))
    assert alarms(doc) == [
        'author-mismatch: "Wolf and Trillmich 2007" is linked to Wittig et al. 2014, not to the entry it '
        "names (Wolf and Trillmich 2007); point it there"
    ]  # and Wolf and Trillmich 2007, named, is no uncited entry
    assert severities(doc) == ["warning"]  # the text is right, the link wrong: a warning, not an error
    refs = ref("bib1", "Adler Barabé Jean", "1997") + ref("bib30", "Kupiec", "1997")
    body = 'Cells (<xref ref-type="bibr" rid="bib1">Kupiec, 1997</xref>; <xref ref-type="bibr" rid="bib1">Adler et al., 1997</xref>).'
    assert alarms(check(article(body, refs))) == [
        'author-mismatch: "Kupiec, 1997" is linked to Adler et al. 1997, not to the entry it names '
        "(Kupiec 1997); point it there"
    ]
    # a year of another entry by the same authors
    refs = ref("r1", "Wood", "2006") + ref("r2", "Wood", "2011")
    body = 'Models (<xref ref-type="bibr" rid="r1">Wood 2011</xref>; <xref ref-type="bibr" rid="r1">Wood 2006</xref>).'
    doc = check(article(body, refs))
    assert alarms(doc) == [
        'year-mismatch: "Wood 2011" is linked to Wood 2006, not to the entry it names (Wood 2011); point it there'
    ]
    assert severities(doc) == ["warning"]
    # no listed entry named so: the usual suggestion
    body = 'Models (<xref ref-type="bibr" rid="r1">Wood 2008</xref>; <xref ref-type="bibr" rid="r2">Wood 2011</xref>).'
    doc = check(article(body, refs))
    assert alarms(doc) == ['year-mismatch: "Wood 2008" cites an entry dated 2006 (did you mean Wood 2006?)']
    assert severities(doc) == ["error"]


def test_an_xref_to_the_wrong_entry_naming_one_of_several_alike_entries() -> None:
    # Behavioral Ecology (PMC4521097, rids shifted by one): "Robinson <xref rid="CR55">2014</xref>"
    # points at Reilly 1991 while Robinson 2014 (CR56) and Robinson, Hazon, Lonergan and Pomeroy 2014
    # (CR57) are listed; "Wood <xref rid="CR69">2006a</xref>" points at Wolf and Trillmich 2007 while
    # the list prints two "Wood 2006". Both texts name listed works: errors told to write
    # "Reilly 1991" and "Wolf and Trillmich 2007", the wrong works
    refs = (
        ref("CR55", "Reilly", "1991")
        + ref("CR56", "Robinson", "2014")
        + ref("CR57", "Robinson Hazon Lonergan Pomeroy", "2014")
        + ref("CR69", "Wolf Trillmich", "2007")
        + ref("CR70", "Wood", "2006").replace("Title of CR70", "Generalized additive models")
        + ref("CR71", "Wood", "2006").replace("Title of CR71", "Low-rank tensor product smooths")
    ).replace("Title of CR57", "Validation of an assay")
    body = (
        'Pups (Robinson <xref ref-type="bibr" rid="CR55">2014</xref>; Robinson et al. <xref ref-type="bibr" '
        'rid="CR57">2014</xref>; Reilly <xref ref-type="bibr" rid="CR55">1991</xref>; Wolf and Trillmich '
        '<xref ref-type="bibr" rid="CR69">2007</xref>). Models (Wood <xref ref-type="bibr" rid="CR69">2006a'
        '</xref>, <xref ref-type="bibr" rid="CR70">2006b</xref>).'
    )
    doc = check(article(body, refs))
    assert alarms(doc) == [
        'author-mismatch: "Robinson 2014" is linked to Reilly 1991, not to the entry it names (Robinson '
        "2014); point it there",
        'author-mismatch: "Wood 2006a" is linked to Wolf and Trillmich 2007, not to the entry it names '
        "(Wood 2006); point it there",
    ]  # and no entry is uncited: the second "Wood 2006" is the one 2006a names
    assert severities(doc) == ["warning", "warning"]


def test_a_list_of_numbers_in_one_xref_cites_each_entry() -> None:
    # PMC6358578 (an article of tidypmc's set): "tubular injury.<xref rid="B2">2</xref>,<xref
    # rid="B6">6,9,11</xref>": one xref for "6,9,11", pointing at its first entry; entry 11 was uncited
    refs = "".join(
        f'<ref id="B{i}"><label>{i}</label><mixed-citation>Author{chr(64 + i)} A. Title {i}. J. {1990 + i};'
        f"{i}:1.</mixed-citation></ref>"
        for i in range(1, 12)
    )
    cites = "".join(f'<xref ref-type="bibr" rid="B{i}">{i}</xref>' for i in (1, 3, 4, 5, 7, 8, 10))
    body = (
        f"Known {cites}. Tubular injury.<xref ref-type='bibr' rid='B2'>2</xref>,"
        "<xref ref-type='bibr' rid='B6'>6,9,11</xref> Finally."
    )
    doc = check(article(body, refs))
    assert alarms(doc) == []
    assert [c.numbers for c in doc.citations if c.text == "6,9,11"] == [(6, 9, 11)]


def test_a_record_without_the_article_s_text_says_its_entries_were_not_checked() -> None:
    # OJS's JATS template plugin (pkp/jatsTemplate tests/data/ie1.xml: "<body/>" and eight entries) and
    # PMC's record of an article whose publisher withholds the full text ("<!--The publisher of this
    # article does not allow downloading of the full text in XML form.-->": front and back only):
    # every entry was an uncited-reference warning, with no text that could cite it
    refs = ref("R1", "Smith Jones", "2024") + ref("R2", "Williams", "2022")
    xml = (
        '<article article-type="research-article"><front><article-meta><title-group><article-title>'
        "A paper</article-title></title-group><abstract><p>We studied it.</p></abstract></article-meta>"
        f"</front><body/><back><ref-list>{refs}</ref-list></back></article>"
    )
    doc = check(xml)
    assert alarms(doc) == []
    assert [(f.rule, f.message) for f in doc.findings] == [
        (
            "uncited-reference",
            "the file holds no text of the article (its <body> is missing or empty): whether the 2 "
            "entries of its reference list are cited was not checked",
        )
    ]
    # with a body that cites one of them, the other is uncited as ever
    body = 'Shown (<xref ref-type="bibr" rid="R1">Smith and Jones, 2024</xref>).'
    assert [f.rule for f in check(article(body, refs)).findings] == ["uncited-reference"]
    assert alarms(check(article(body, refs)))[0].startswith("uncited-reference: Williams 2022")


def test_an_organisation_cut_into_name_parts_is_cited_by_its_whole_name() -> None:
    # Biodiversity Data Journal 1: e973 (Pensoft): "<surname>Committee</surname><given-names>Camera and
    # Imaging Products Association Standardization</given-names>", cited "(<xref>Camera and Imaging
    # Products Association Standardization Committee 2010</xref>)": an author mismatch with "Committee"
    refs = (
        '<ref id="B186144"><mixed-citation><person-group><name name-style="western"><surname>Committee'
        "</surname> <given-names>Camera and Imaging Products Association Standardization</given-names>"
        "</name></person-group> (<year>2010</year>) <article-title>Exchangeable image file format for "
        "digital still cameras: Exif Version 2.3</article-title>. <source>CIPA</source></mixed-citation></ref>"
    )
    body = (
        'A subset of the EXIF standard (<xref ref-type="bibr" rid="B186144">Camera and Imaging Products '
        "Association Standardization Committee 2010</xref>) specifies a method."
    )
    assert alarms(check(article(body, refs))) == []
    # PhytoKeys 21: 4859: "<surname>Muséum</surname> <given-names>National d’Histoire Naturelle
    # </given-names>" cited by its name in that order: compared for its year only
    refs = (
        '<ref id="B19"><mixed-citation><person-group><name name-style="western"><surname>Muséum</surname> '
        "<given-names>National d’Histoire Naturelle</given-names></name></person-group> (<year>2013</year>)"
        " <source>Catalogue</source></mixed-citation></ref>"
    )
    body = 'P (<xref ref-type="bibr" rid="B19">Muséum National d’Histoire Naturelle 2013</xref>).'
    assert alarms(check(article(body, refs))) == []


def test_a_species_authority_after_its_name_is_no_citation() -> None:
    # Biodiversity Data Journal 1: e985 (Pensoft, TaxPub): "<italic><tp:taxon-name>Eukerria saltensis
    # </tp:taxon-name></italic> (Beddard, 1895)" names who described the species; with Beddard 1893 in
    # the list it was a missing-reference error, "Michaelsen, 1908" a year mismatch with Michaelsen 1900
    def taxon(genus: str, species: str) -> str:
        return (
            '<italic><tp:taxon-name xmlns:tp="http://www.plazi.org/taxpub"><tp:taxon-name-part '
            f'taxon-name-part-type="genus">{genus}</tp:taxon-name-part> <tp:taxon-name-part '
            f'taxon-name-part-type="species">{species}</tp:taxon-name-part></tp:taxon-name></italic>'
        )

    refs = ref("B1", "Beddard", "1893") + ref("B2", "Michaelsen", "1900")
    body = (
        f"{taxon('Eukerria', 'saltensis')} (Beddard, 1895) and {taxon('E.', 'kukenthali')} (Michaelsen, "
        '1908), native to South America, as <xref ref-type="bibr" rid="B1">Beddard (1893)</xref> and '
        '<xref ref-type="bibr" rid="B2">Michaelsen (1900)</xref> showed; Michaelsen (1908) did not.'
    )
    doc = check(article(body, refs))
    assert alarms(doc) == [
        'year-mismatch: "Michaelsen (1908)" cites an entry dated 1900 (did you mean Michaelsen 1900?)'
    ]
    # BDJ 2: e1156: "D. vietnamensis Ahmad & Sturhan, 2000", the describing work listed and cited by
    # no xref: named by the authority, it is no uncited entry (nor does it make Ahmad 1979 cited)
    refs = ref("B1", "Ahmad Sturhan", "2000") + ref("B2", "Ahmad Jairajpuri", "1979")
    body = f"Namely {taxon('D.', 'vietnamensis')} Ahmad &amp; Sturhan, 2000, here."
    assert [f.message for f in check(article(body, refs)).findings] == [
        "Ahmad and Jairajpuri 1979 is listed but never cited; cite it or remove the entry"
    ]
    # an italic species' name, no taxon markup, before a citation: the citation is read
    body = "In <italic>T. castaneum</italic> (Ahmad and Jairajpuri, 1978), <xref ref-type='bibr' rid='B1'>Ahmad and Sturhan (2000)</xref>."
    assert [f.rule for f in check(article(body, refs)).findings] == ["year-mismatch"]


def test_an_article_without_xrefs_whose_prose_cites_nothing_known_is_said_once() -> None:
    # PhytoKeys 10: 2718 (Pensoft): no <xref> to its two entries, which the prose names in its own way
    # ("Later in 1989, Ferrucci transferred ...", "described ... by Radlkofer in 1879"): two warnings
    refs = ref("B1", "Ferrucci", "1989") + ref("B2", "Radlkofer", "1879")
    body = "Scyphonychium was described by Radlkofer in 1879. Later in 1989, Ferrucci transferred it."
    doc = check(article(body, refs))
    assert alarms(doc) == []
    assert [f.message for f in doc.findings] == [
        "no citations of any known style were found, so whether the 2 entries of the reference list are "
        "cited was not checked"
    ]
