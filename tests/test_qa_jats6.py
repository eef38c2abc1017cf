"""JATS from more producers (qa-jats6): bioRxiv preprints as eLife's reviewed-preprint pipeline
takes them in, MDPI and Science Advances in Europe PMC, IMR Press, Texture. Small documents
modelled on published open-access articles; each test names its source."""

from __future__ import annotations

from .jats_docs import alarms, article, check, numbered


def test_a_doi_element_holding_the_word_doi_is_no_doi() -> None:
    # bioRxiv 2023.04.04.535526 (in eLife's enhanced-preprints XSLT fixtures): two entries print
    # '<pub-id pub-id-type="doi">DOI</pub-id> 10.1037/h0071444' and '...>Doi</pub-id> 10.1037/...':
    # read as the DOI "DOI", the two works were one entry listed twice
    def entry(i: int, who: str, year: int, title: str, word: str, doi: str) -> str:
        return (
            f'<ref id="c{i}"><mixed-citation publication-type="journal"><string-name><surname>{who}'
            f"</surname>, <given-names>C. S</given-names></string-name>. (<year>{year}</year>). "
            f"<article-title>{title}</article-title>. <source>Psychological Bulletin</source>, "
            f'<volume>18</volume>, <fpage>385</fpage>. <pub-id pub-id-type="doi">{word}</pub-id> {doi}'
            "</mixed-citation></ref>"
        )

    refs = entry(1, "Hall", 1934, "Emotional behavior in the rat", "DOI", "10.1037/h0071444") + entry(
        2, "Shrout", 1979, "Intraclass correlations", "Doi", "10.1037/0033-2909.86.2.420"
    )
    body = (
        '<xref ref-type="bibr" rid="c1">Hall, 1934</xref>; <xref ref-type="bibr" rid="c2">Shrout, 1979</xref>'
    )
    doc = check(article(body, refs))
    assert alarms(doc) == []
    assert [r.doi for r in doc.references or []] == ["10.1037/h0071444", "10.1037/0033-2909.86.2.420"]
    # the same DOI after the word in both entries is still one work listed twice
    doc = check(article(body, refs.replace("10.1037/0033-2909.86.2.420", "10.1037/h0071444")))
    assert [f.rule for f in doc.findings if f.rule == "duplicate-reference"] == ["duplicate-reference"]


def test_two_pages_of_one_site_are_two_works() -> None:
    # Animals 15:1478 (MDPI, in Europe PMC, CC BY 4.0): two national parks' pages, their names ending
    # alike ("... National Park"), one title, two addresses; and two weather pages of one site. Each
    # pair was a duplicate-reference warning
    def page(i: int, who: str, title: str, url: str) -> str:
        author = (
            f'<person-group person-group-type="author"><collab>{who}</collab></person-group>' if who else ""
        )
        return (
            f'<ref id="B{i}"><label>{i}.</label><element-citation publication-type="webpage">{author}'
            f'<article-title>{title}</article-title><comment>Available online: <ext-link xlink:href="{url}" '
            f'ext-link-type="uri">{url}</ext-link></comment><date-in-citation content-type="access-date" '
            'iso-8601-date="2025-05-03">(accessed on 3 May 2025)</date-in-citation></element-citation></ref>'
        )

    dnpwc = "Department of National Park and Wildlife Conservation"
    weather = "Weather and Climate {}, Bheri, NP Climate Zone, Monthly Averages, Historical Weather Data"
    refs = (
        page(1, "BaNP Banke National Park", dnpwc, "https://dnpwc.gov.np/en/conservation-area-detail/79/")
        + page(2, "BNP Bardiya National Park", dnpwc, "https://dnpwc.gov.np/en/conservation-area-detail/80/")
        + page(3, "", weather.format("Banke"), "https://weatherandclimate.com/nepal/bheri/banke")
        + page(4, "", weather.format("Bardiya"), "https://weatherandclimate.com/nepal/bheri/bardiya")
    )
    body = "".join(f'[<xref ref-type="bibr" rid="B{i}">{i}</xref>] ' for i in range(1, 5))
    assert alarms(check(article(body, refs))) == []
    # one page listed twice (the address written with "www." and a closing slash once) is a duplicate
    refs = page(1, "BaNP Banke National Park", dnpwc, "https://dnpwc.gov.np/detail/79") + page(
        2, "BaNP Banke National Park", dnpwc, "https://www.dnpwc.gov.np/detail/79/"
    )
    body = '[<xref ref-type="bibr" rid="B1">1</xref>,<xref ref-type="bibr" rid="B2">2</xref>]'
    assert [f.split(":")[0] for f in alarms(check(article(body, refs)))] == ["duplicate-reference"]


def _numbered(n: int) -> str:
    def text(i: int) -> str:
        return f"Author{chr(64 + i)} A, Title {i}. <italic>J. Geophys.</italic> <bold>{i}</bold>, 1 ({1990 + i})."

    return numbered(n, text, prefix="R", kind="journal")


def test_entries_only_a_supplement_cites_end_a_numbered_list() -> None:
    # Science Advances 10:eadk1189 and four more (AAAS, in Europe PMC, CC BY 4.0): the supplementary
    # PDF "includes: Figs. S1 to S7 / References", and the last entries of the list ([62], [72]-[73],
    # ...) are the works it cites: an uncited-reference warning each
    supplement = (
        '</p><sec sec-type="supplementary-material"><title>Supplementary Materials</title><sec><title>This '
        'PDF file includes:</title><supplementary-material position="float" content-type="local-data">'
        '<caption><p>Figs. S1 to S7</p><p>References</p></caption><media xlink:href="sm.pdf"/>'
        "</supplementary-material></sec></sec><p>"
    )
    body = "Overturning (<italic><xref ref-type='bibr' rid='R1'>1</xref></italic>–<italic>"
    body += "<xref ref-type='bibr' rid='R3'>3</xref></italic>)."
    doc = check(article(body + supplement, _numbered(5)))
    assert alarms(doc) == []
    assert [f.rule for f in doc.findings if "supplementary materials" in f.message] == [
        "uncited-reference"
    ] * 2
    # an entry in the middle of the list that nothing cites is no supplement's
    body = body.replace("rid='R3'>3<", "rid='R2'>2<").replace("</italic>–<italic>", "</italic>,<italic>")
    body += " Ocean (<italic><xref ref-type='bibr' rid='R4'>4</xref></italic>)."
    doc = check(article(body + supplement, _numbered(5)))
    assert [f for f in alarms(doc)] == [
        "uncited-reference: [3] AuthorC et al. 1993 is listed but never cited; cite it or remove the entry"
    ]
    # without the supplement saying so, the last entries are uncited
    doc = check(article(body, _numbered(5)))
    assert len(alarms(doc)) == 2


def test_a_surnames_first_word_tagged_as_given_names_is_the_surnames() -> None:
    # bioRxiv 2020.09.14.295832 and 2023.01.03.522550 (eLife's reviewed-preprint fixtures): the list
    # prints "Faustino Martins JM, Fischer C, ..." and tags '<given-names>Faustino</given-names>
    # <surname>Martins JM</surname>'; the text's "Faustino Martins et al., 2020" was an author-mismatch
    def entry(i: int, first: str, year: int) -> str:
        return (
            f'<ref id="c{i}"><mixed-citation publication-type="journal">{first}, <string-name><surname>'
            f"Fischer</surname> <given-names>C</given-names></string-name>, <string-name><surname>Urzi"
            f"</surname> <given-names>A</given-names></string-name> (<year>{year}</year>) <article-title>"
            f"Work {i}</article-title>. <source>Cell Stem Cell</source> <volume>26</volume>: "
            "<fpage>172</fpage>.</mixed-citation></ref>"
        )

    refs = entry(
        1,
        "<string-name><given-names>Faustino</given-names> <surname>Martins JM</surname></string-name>",
        2020,
    ) + entry(
        2, "<string-name><given-names>Happi</given-names> <surname>Mbakam C</surname></string-name>", 2022
    )
    body = (
        '(<xref ref-type="bibr" rid="c1">Faustino Martins et al., 2020</xref>; <xref ref-type="bibr" '
        'rid="c2">Happi Mbakam et al, 2022</xref>)'
    )
    doc = check(article(body, refs))
    assert alarms(doc) == []
    assert [(r.authors[0], r.given[0]) for r in doc.references or []] == [
        ("Faustino Martins", "JM"),
        ("Happi Mbakam", "C"),
    ]
    # given names tagged after the surname are given names ("<surname>Martins</surname> <given-names>
    # Faustino JM</given-names>"), and so are initials before one
    refs = entry(
        1,
        "<string-name><surname>Martins JM</surname> <given-names>Faustino</given-names></string-name>",
        2020,
    ) + entry(
        2, "<string-name><given-names>C.</given-names> <surname>Mbakam JP</surname></string-name>", 2022
    )
    doc = check(article(body, refs))
    assert [r.authors[0] for r in doc.references or []] == ["Martins JM", "Mbakam JP"]


def test_a_bracket_glued_to_a_digit_is_a_functions_argument() -> None:
    # bioRxiv 2023.06.07.544138: "the maximal information ... (log<sub>2</sub>[5604] ≈12.45 bits)" was
    # the missing-reference "reference [5604]" in an article whose citations are xrefs
    body = (
        'Heritable architectures [<xref ref-type="bibr" rid="c1">1</xref>]: four form 5604. Thus '
        "(log<sub>2</sub>[5604] ≈12.45 bits) surpasses x<sup>2</sup>[3] bits"
    )
    refs = '<ref id="c1"><label>1</label><mixed-citation>Smith A. Title. J. 2001;1:1.</mixed-citation></ref>'
    assert alarms(check(article(body, refs))) == []
    # a bracket after a word is still read: an unmarked number past the list is missing
    doc = check(article(body + " as shown before [7]", refs))
    assert [f.split(":")[0] for f in alarms(doc)] == ["missing-reference"]


def test_a_number_cites_every_part_of_its_entry() -> None:
    # bioRxiv 2023.06.04.543604: a chemistry-style list, "[4] a) ...; b) ...", split into entries
    # labelled "[4a]", "[4b]", ... and cited "[<xref rid="c4a">4</xref>]": the labels were read as
    # positions (entry "[4b]" became [5]) and every part but the first was uncited (9 warnings)
    def entry(label: str, who: str) -> str:
        return (
            f'<ref id="c{label}"><label>[{label}]</label><mixed-citation publication-type="journal">'
            f"<string-name><surname>{who}</surname> <given-names>A.</given-names></string-name>, "
            f"<source>Cell Death Dis.</source> <year>2019</year>, <volume>10</volume>.</mixed-citation></ref>"
        )

    refs = entry("1", "Sung") + entry("2a", "Li") + entry("2b", "Cao") + entry("3", "Brenner")
    refs += entry("4a", "Force") + entry("4b", "Hsu")
    body = (
        'Cancer.<sup>[<xref ref-type="bibr" rid="c1">1</xref>]</sup> Markers.<sup>[<xref ref-type="bibr" '
        'rid="c2a">2</xref>]</sup> Tests.<sup>[<xref ref-type="bibr" rid="c3">3</xref>]</sup> Screening.'
        '<sup>[<xref ref-type="bibr" rid="c4a">4a</xref>]</sup>'
    )
    doc = check(article(body, refs))
    assert [r.label for r in doc.references or []] == ["1", "2a", "2b", "3", "4a", "4b"]
    # "4a" cites its part alone: 4b is uncited
    assert alarms(doc) == [
        "uncited-reference: [4b] Hsu 2019 is listed but never cited; cite it or remove the entry"
    ]
    # a number written without an xref cites its entry's first part
    doc = check(article(body + " Also [4].", refs))
    assert alarms(doc) == [
        "uncited-reference: [4b] Hsu 2019 is listed but never cited; cite it or remove the entry"
    ]


def test_a_list_numbered_again_from_one_that_nothing_cites_is_a_supplements() -> None:
    # bioRxiv 2023.03.05.531210, 2023.04.25.538252, 2023.09.12.557450 (eLife's reviewed-preprint
    # fixtures): the supplement's references follow the article's in its one <ref-list>, numbered from
    # 1 again ('<ref id="sc1"><label>1.</label>'), and no xref points at them: a warning for each
    def entry(key: str, label: int, who: str) -> str:
        return (
            f'<ref id="{key}"><label>{label}.</label><mixed-citation publication-type="journal"><string-name>'
            f"<surname>{who}</surname> <given-names>A</given-names></string-name>. <article-title>On {who}"
            f"</article-title>. <source>Ecology</source> <year>20{label:02d}</year>;<volume>{label}</volume>."
            "</mixed-citation></ref>"
        )

    main = entry("c1", 1, "Gelman") + entry("c2", 2, "Makowski") + entry("c3", 3, "Naeem")
    supplement = entry("sc1", 1, "Agrawal") + entry("sc2", 2, "Root")
    body = " ".join(f'[<xref ref-type="bibr" rid="c{i}">{i}</xref>]' for i in (1, 2, 3))
    doc = check(article(body, main + supplement))
    assert alarms(doc) == []
    assert [f.rule for f in doc.findings if "supplement's references" in f.message] == [
        "uncited-reference"
    ] * 2
    # an entry of the article's own numbering that nothing cites is uncited
    doc = check(article(body.replace('[<xref ref-type="bibr" rid="c3">3</xref>]', ""), main + supplement))
    assert [a.split(":")[0] for a in alarms(doc)] == ["uncited-reference"]


def test_a_list_of_names_in_one_surname_is_the_entrys_authors() -> None:
    # bioRxiv 2023.02.03.527083: '<string-name><surname>Bellesi M, De Vivo L, Chini M, Gilli F, Tononi G,
    # Cirelli C</surname></string-name>. <year>2017</year>': its author read as the whole list, the
    # text's "(Bellesi et al., 2017)" was a missing-reference error and the entry an uncited warning
    refs = (
        '<ref id="c2"><label>2.</label><mixed-citation publication-type="journal"><string-name><surname>'
        "Bellesi M, De Vivo L, Chini M, Gilli F, Tononi G, Cirelli C</surname></string-name>. <year>2017</year>. "
        "<article-title>Sleep loss promotes astrocytic phagocytosis</article-title>. <source>J Neurosci</source> "
        '<volume>37</volume>:<fpage>5263</fpage>.</mixed-citation></ref><ref id="c11"><label>11.</label>'
        '<mixed-citation publication-type="journal"><string-name><surname>Del C. González MM, Debilly G, '
        "Valatx J-L</surname></string-name>. <year>1998</year>. <article-title>Noradrenaline neurotoxin DSP-4"
        "</article-title>. <source>Neurosci Lett</source> <volume>248</volume>:<fpage>93</fpage>."
        "</mixed-citation></ref>"
    )
    body = 'Sleep loss (Bellesi et al., 2017; <xref ref-type="bibr" rid="c11">Del C. González et al., 1998</xref>).'
    doc = check(article(body, refs))
    assert alarms(doc) == []
    assert [r.authors[:2] for r in doc.references or []] == [
        ["Bellesi", "De Vivo"],
        ["Del C. González", "Debilly"],
    ]
    # an organisation's name with a comma is one name
    doc = check(
        article(body, refs.replace("Del C. González MM, Debilly G, Valatx J-L", "Department of Health, UK"))
    )
    assert (doc.references or [])[1].authors == ["Department of Health, UK"]


def test_an_xref_to_one_of_an_entrys_citations_cites_the_entry() -> None:
    # ACS (JATS4R's samples: ACS Omega, J. Org. Chem., Arbortext JATS 1.1d1): an entry holds several
    # works, '<ref id="cit4"><element-citation id="cit4a">...<element-citation id="cit4b">', and the
    # text points at them, '<xref rid="cit4a" ref-type="bibr"/>': 22 missing-reference errors, and
    # the entries uncited
    def work(cid: str, who: str, year: int) -> str:
        return (
            f'<element-citation publication-type="journal" id="{cid}"><person-group person-group-type='
            f'"author"><name><surname>{who}</surname><given-names>A.</given-names></name></person-group>'
            f"<source>J. Org. Chem.</source><year>{year}</year><volume>7</volume><fpage>1</fpage>"
            "</element-citation>"
        )

    refs = (
        f'<ref id="cit4">{work("cit4a", "Lee", 2007)}{work("cit4b", "Kim", 2008)}{work("cit4c", "Cha", 2009)}</ref>'
        f'<ref id="cit5">{work("cit5", "Hu", 2010)}</ref>'
    )
    body = (
        'tetrahydrofurans<named-content content-type="bibref-group"><xref rid="cit4a" ref-type="bibr"/>,'
        '<xref rid="cit4b" ref-type="bibr"/></named-content> and others.<xref rid="cit4c" ref-type="bibr"/>'
        ' Prepared so.<xref rid="cit5" ref-type="bibr"/>'
    )
    assert alarms(check(article(body, refs))) == []
    # an xref to an id that is nowhere is still missing
    doc = check(article(body + '<xref rid="cit6b" ref-type="bibr"/>', refs))
    assert [a.split(":")[0] for a in alarms(doc)] == ["missing-reference"]


def test_works_given_by_journal_year_volume_and_pages_need_no_list() -> None:
    # ACS Chem. Biol. "Spotlight" (JATS4R's samples): no reference list, its works given where they
    # stand, "(<italic>Cell</italic> 2012, <italic>150</italic>, 673–684)": one missing-reference error
    body = (
        "To this end, Matzuk <italic>et al.</italic> (<italic>Cell</italic> 2012, <italic>150</italic>, "
        "673–684) report a compound.</p><p>Others (<italic>Nature</italic> 2012, <italic>489</italic>, "
        "57–74) and (<italic>Science</italic>, 2012, <italic>335</italic>, 848–851) agree, as did "
        "(<italic>Cell</italic>, 2012, <italic>150</italic>, 389–401)."
    )
    xml = article(body, "").replace("<back><ref-list></ref-list></back>", "")
    doc = check(xml)
    assert alarms(doc) == []
    assert [f.rule for f in doc.findings] == ["missing-reference"]


def test_entries_after_the_last_cited_one_of_an_article_with_a_supplement_are_info() -> None:
    # Nature Communications 15:6734 (PMC11315899, jats17): entries [83]-[87], after the last one the
    # text cites, are cited only in its Supplementary Information (a PDF whose caption says nothing
    # more): Nature's journals number the works only the supplement cites after the text's
    supplement = (
        '</p><sec sec-type="supplementary-material"><title>Supplementary information</title>'
        '<supplementary-material content-type="local-data" id="MOESM1"><media xlink:href="si.pdf">'
        "<caption><p>Supplementary Information</p></caption></media></supplementary-material></sec><p>"
    )

    def cite(n: int) -> str:
        return f"<xref ref-type='bibr' rid='R{n}'>{n}</xref>"

    body = f"Overturning ({cite(1)}–{cite(10)})."
    doc = check(article(body + supplement, _numbered(12)))
    assert alarms(doc) == []
    infos = [f.message for f in doc.findings if f.rule == "uncited-reference"]
    assert len(infos) == 2 and all("supplementary material cites" in m for m in infos)
    # an uncited entry before the last cited one is the text's, supplement or not
    body = f"Overturning ({cite(1)}, {cite(2)}, {cite(4)}–{cite(10)})."
    doc = check(article(body + supplement, _numbered(12)))
    assert [f.split(":")[0] for f in alarms(doc)] == ["uncited-reference"]


def test_half_a_list_uncited_after_the_text_s_last_citation_is_no_supplement_s_tail() -> None:
    # (Texture's kitchen-sink article: entries 8-13 of 13 uncited, a supplementary file beside them)
    supplement = (
        '</p><supplementary-material id="S1"><caption><p>Data file</p></caption></supplementary-material><p>'
    )
    body = "Overturning (<xref ref-type='bibr' rid='R1'>1</xref>)."
    doc = check(article(body + supplement, _numbered(3)))
    assert [f.split(":")[0] for f in alarms(doc)] == ["uncited-reference"] * 2
