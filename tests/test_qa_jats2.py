"""JATS from more publishers (SciELO RAC, bioRxiv, Springer via PMC, Genetics and Molecular Biology,
...): small documents modelled on their markup, each reproducing one false alarm refcheck gave on a
published article (found by QA, qa-jats2). Sources are CC-BY articles; each test names its source."""

from __future__ import annotations

from refcheck.loaders.jats import load_jats
from refcheck.model import Document, Severity
from refcheck.pipeline import CheckOptions, analyse

HEAD = '<article xmlns:xlink="http://www.w3.org/1999/xlink"><body>'


def check(body: str, refs: str) -> Document:
    xml = f"{HEAD}{body}</body><back><ref-list>{refs}</ref-list></back></article>"
    return analyse(load_jats("a.xml", xml.encode()), CheckOptions())


def alarms(doc: Document) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


def element(rid: str, surnames: str, year: str) -> str:
    names = "".join(
        f"<name><surname>{s}</surname><given-names>A.</given-names></name>" for s in surnames.split()
    )
    return (
        f'<ref id="{rid}"><element-citation publication-type="journal"><person-group person-group-type='
        f'"author">{names}</person-group><article-title>Title of {rid}</article-title><source>J</source>'
        f"<year>{year}</year></element-citation></ref>"
    )


def test_an_xref_around_the_last_names_of_a_citation_is_no_author_mismatch() -> None:
    # RAC (SciELO) 1982-7849-rac-26-06-e190379: "Hühn, Habisch, <xref>Hartmann, & Sison, 2020</xref>";
    # the names before the xref are the citation's first authors
    body = (
        '<p>calls for papers (<xref ref-type="bibr" rid="B4">Alzola et al., 2020</xref>; Hühn, Habisch, '
        '<xref ref-type="bibr" rid="B36">Hartmann, &amp; Sison, 2020</xref>), handbooks.</p>'
    )
    doc = check(
        body, element("B4", "Alzola Floyd", "2020") + element("B36", "Hühn Habish Hartmann Sison", "2020")
    )
    assert alarms(doc) == []
    # the xref's own names still count when the text before them is no part of the citation
    wrong = '<p>As shown before (<xref ref-type="bibr" rid="B36">Hartmann &amp; Sison, 2020</xref>).</p>'
    doc = check(wrong, element("B36", "Hühn Habish Hartmann Sison", "2020"))
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["author-mismatch"]


def test_a_mixed_citation_with_its_year_tagged_and_its_names_not_has_authors() -> None:
    # bioRxiv 2022.06.498369: "<mixed-citation>Putt ED. <year>1940</year>. <article-title>..."; the
    # entry had no author, so "(Putt, 1940; ...)" in the prose cited nothing and it was uncited
    refs = (
        '<ref id="c41"><mixed-citation publication-type="journal">Putt ED. <year>1940</year>. '
        "<article-title>Observations on Morphological Characters and Flowering Processes in the "
        "Sunflower</article-title>. <source>Sci Agric</source> <volume>21</volume>:<fpage>167</fpage>"
        "&#x2013;<lpage>179</lpage>.</mixed-citation></ref>" + element("c36", "Neff Simpson", "1990")
    )
    body = '<p>receptive to pollen (Putt, 1940; <xref ref-type="bibr" rid="c36">Neff and Simpson, 1990</xref>).</p>'
    doc = check(body, refs)
    assert [(r.authors, r.year) for r in doc.references or []] == [
        (["Putt"], "1940"),
        (["Neff", "Simpson"], "1990"),
    ]
    assert alarms(doc) == []


def test_initials_after_a_surname_in_a_text_citation_are_no_author() -> None:
    # bioRxiv 2022.06.498369: "(Agostinelli, C. and Lund, 2022)" in the prose, the entry "Agostinelli,
    # C., Lund U. 2022": the initial "C." was read as a second author (missing-reference, uncited)
    refs = (
        '<ref id="c1"><mixed-citation publication-type="other"><string-name><surname>Agostinelli</surname>, '
        "<given-names>C.</given-names></string-name>, <string-name><surname>Lund</surname> <given-names>U."
        "</given-names></string-name> <year>2022</year>. <article-title>R package circular</article-title>"
        ".</mixed-citation></ref>" + element("c36", "Neff Simpson", "1990")
    )
    body = (
        '<p>Flowering (<xref ref-type="bibr" rid="c36">Neff and Simpson, 1990</xref>) was analysed with '
        "the circular package in R (Agostinelli, C. and Lund, 2022).</p>"
    )
    doc = check(body, refs)
    assert [c.authors for c in doc.citations if c.year == "2022"] == [["Agostinelli", "Lund"]]
    assert alarms(doc) == []


def test_a_note_in_a_figure_caption_floats_out_of_the_notes_order() -> None:
    # Bakhtiniana (SciELO) 2176-4573-bak-p59610: the caption of "Figura 4" holds note 17, the figure
    # placed before note 9's marker: 10 footnote-order warnings (9, 10, ... 16 "after [17]")
    notes = "".join(f'<fn id="fn{n}"><label>{n}</label><p>Note {n}.</p></fn>' for n in range(1, 6))
    body = (
        '<p>One<xref ref-type="fn" rid="fn1">1</xref> two<xref ref-type="fn" rid="fn2">2</xref>.</p>'
        '<p><fig id="F3"><label>Figura 4</label><caption><title>La Pasionaria<xref ref-type="fn" '
        'rid="fn5">5</xref></title></caption></fig></p>'
        '<p>Three<xref ref-type="fn" rid="fn3">3</xref> four<xref ref-type="fn" rid="fn4">4</xref>.</p>'
    )
    xml = f"{HEAD}{body}</body><back><fn-group>{notes}</fn-group></back></article>"
    doc = analyse(load_jats("a.xml", xml.encode()), CheckOptions())
    assert alarms(doc) == []
    # out of order in the running text: still said
    body = body.replace('rid="fn3">3<', 'rid="fnX">X<').replace('rid="fn4">4<', 'rid="fn3">3<')
    body = body.replace('rid="fnX">X<', 'rid="fn4">4<')
    xml = f"{HEAD}{body}</body><back><fn-group>{notes}</fn-group></back></article>"
    doc = analyse(load_jats("a.xml", xml.encode()), CheckOptions())
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["footnote-order"]


def test_a_year_alone_in_an_xref_after_another_year_keeps_the_entry_s_author() -> None:
    # eLife 00013: "(Kamiyama et al., 1995a, <xref>1995b</xref>)": the text before is no lead-in of names
    body = (
        '<p>(<xref ref-type="bibr" rid="r1">Kamiyama et al., 1995a</xref>, '
        '<xref ref-type="bibr" rid="r2">1995b</xref>).</p>'
    )
    doc = check(body, element("r1", "Kamiyama Lo", "1995a") + element("r2", "Kamiyama Lo", "1995b"))
    assert [c.authors for c in doc.citations if c.year == "1995b"] == [["Kamiyama"]]
    body = '<p>(Kamiyama et al. 1995a, <xref ref-type="bibr" rid="r2">1995b</xref>).</p>'
    doc = check(body, element("r2", "Kamiyama Lo", "1995b"))
    assert [c.authors for c in doc.citations if c.year == "1995b"] == [["Kamiyama"]]


def test_an_author_mismatch_suggests_no_name_twice() -> None:
    # Galáxia (SciELO) dqR6y8bPFVVQnxnFHY66ZZK: "(STARR; RUSSETT, 1976)" for "RUSSETT, R.; STARR, C."
    # was told "did you mean RUSSETT and RUSSETT 1976?"
    body = '<p>(<xref ref-type="bibr" rid="B39">STARR; RUSSETT, 1976</xref>).</p>'
    doc = check(body, element("B39", "RUSSETT STARR", "1976"))
    assert [f.message for f in doc.findings if f.rule == "author-mismatch"] == [
        '"STARR; RUSSETT, 1976" does not match the entry\'s author (did you mean RUSSETT and STARR 1976?)'
    ]


def test_a_list_of_its_own_that_no_xref_cites_is_said_at_info() -> None:
    # Genetics and Molecular Biology (PMC4094618): a second <ref-list> "Internet Resources" whose
    # entries the text names ("an online SMART program was used") without an xref: two warnings
    body = (
        '<p>Genes were found (<xref ref-type="bibr" rid="b1">Li et al., 2004</xref>); an online SMART '
        "program was used to search for domains.</p>"
    )
    web = (
        '<ref-list><title>Internet Resources</title><ref id="b66"><element-citation publication-type="web">'
        '<comment>SMART program, <ext-link ext-link-type="uri" xlink:href="http://smart.embl-heidelberg.de/">'
        "http://smart.embl-heidelberg.de/</ext-link>.</comment></element-citation></ref></ref-list>"
    )
    xml = f"{HEAD}{body}</body><back><ref-list>{element('b1', 'Li Wu', '2004')}</ref-list>{web}</back></article>"
    doc = analyse(load_jats("a.xml", xml.encode()), CheckOptions())
    assert alarms(doc) == []
    assert [f.rule for f in doc.findings] == ["uncited-reference"]  # at info
    # an entry of the cited list that no xref points at is still a warning
    xml = xml.replace("</ref-list>", element("b2", "Lo", "2001") + "</ref-list>", 1)
    doc = analyse(load_jats("a.xml", xml.encode()), CheckOptions())
    assert [f.message for f in doc.findings if f.severity >= Severity.WARNING] == [
        "Lo 2001 is listed but never cited; cite it or remove the entry"
    ]


def test_a_range_whose_dash_is_an_xref_of_its_own_cites_every_entry() -> None:
    # ACG Case Reports Journal (PMC6358576, via ropensci/tidypmc): "argon plasma coagulation.<xref
    # rid="B12">12</xref><xref rid="B13">-</xref><xref rid="B17">17</xref>": entries 14 to 16 were
    # uncited warnings
    refs = "".join(element(f"B{n}", f"Author{chr(64 + n)}", str(1990 + n)) for n in range(11, 19))
    body = (
        '<p>Managed endoscopically.<xref rid="B12" ref-type="bibr">12</xref><xref rid="B13" ref-type="bibr">'
        '-</xref><xref rid="B17" ref-type="bibr">17</xref> Treated surgically.<xref rid="B11" ref-type="bibr">'
        '11</xref><sup>,</sup><xref rid="B18" ref-type="bibr">18</xref></p>'
    )
    doc = check(body, refs)
    assert [c.text for c in doc.citations] == ["12-17", "11", "18"]
    assert alarms(doc) == []
