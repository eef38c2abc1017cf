"""JATS as publishers write it (SciELO, PMC/BMC, eLife, PeerJ, MDPI ...): small documents modelled on
their markup, each reproducing one way refcheck misread it. The whole articles are the fixtures
fixtures/formats/jats/scielo_abnt.xml and pmc_numeric.xml."""

from __future__ import annotations

from refcheck.loaders.jats import load_jats
from refcheck.model import Document, Severity
from refcheck.pipeline import CheckOptions, analyse

HEAD = '<article xmlns:xlink="http://www.w3.org/1999/xlink"><body>'


def check(body: str, refs: str, back: str = "") -> Document:
    xml = f"{HEAD}{body}</body><back>{back}<ref-list>{refs}</ref-list></back></article>"
    return analyse(load_jats("a.xml", xml.encode()), CheckOptions())


def alarms(doc: Document) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in doc.findings if f.severity >= Severity.WARNING]


def element(rid: str, surnames: str, year: str, extra: str = "", group: str = "author") -> str:
    names = "".join(
        f"<name><surname>{s}</surname><given-names>A.</given-names></name>" for s in surnames.split()
    )
    return (
        f'<ref id="{rid}"><element-citation><person-group person-group-type="{group}">{names}</person-group>'
        f"<source>Title of {rid}</source><year>{year}</year>{extra}</element-citation></ref>"
    )


def test_the_structured_citation_is_read_when_the_mixed_one_comes_first() -> None:
    # SciELO: <mixed-citation> then <element-citation>; the year was read from "[1951-1953]"
    ref = (
        '<ref id="B1"><mixed-citation>BAKHTIN, M. M. <italic>Estética</italic> [1951-1953]. São Paulo: Martins '
        "Fontes, 2011, p. 1979-1990.</mixed-citation><element-citation><person-group person-group-type="
        '"author"><name><surname>BAKHTIN</surname><given-names>M. M.</given-names></name></person-group>'
        "<source>Estética</source><year>2011</year></element-citation></ref>"
    )
    doc = check('<p>O gênero (<xref ref-type="bibr" rid="B1">BAKHTIN, 2011 [1979]</xref>).</p>', ref)
    assert [(r.authors, r.year) for r in doc.references or []] == [(["BAKHTIN"], "2011")]
    assert doc.text.count("BAKHTIN, M. M.") == 1  # the entry is shown once, from its mixed citation
    assert alarms(doc) == []


def test_years_never_come_from_access_dates_or_pages() -> None:
    refs = (
        '<ref id="r1"><element-citation><person-group person-group-type="author"><collab>WHO</collab>'
        '</person-group><source>Report 2004-2010</source><date-in-citation content-type="access-date">'
        "<year>2021</year></date-in-citation><year>2012</year></element-citation></ref>"
        '<ref id="r2"><element-citation><person-group person-group-type="author"><name><surname>Lo'
        "</surname></name></person-group><article-title>Talk</article-title><conf-date>6-8 Sept 2023"
        "</conf-date><fpage>1999</fpage></element-citation></ref>"
    )
    doc = check(
        '<p>(<xref ref-type="bibr" rid="r1">WHO 2012</xref>; <xref ref-type="bibr" rid="r2">Lo 2023</xref>)</p>',
        refs,
    )
    assert [r.year for r in doc.references or []] == ["2012", "2023"]
    assert alarms(doc) == []


def test_editors_are_not_the_authors() -> None:
    # PLOS-style mixed citation: the authors' names stand loose, the editors in a group after "In:"
    r1 = (
        '<ref id="r1"><mixed-citation><name><surname>Smith</surname><given-names>J</given-names></name> '
        '(<year>2004</year>) A chapter. In: <person-group person-group-type="editor"><name><surname>Jones'
        "</surname></name></person-group>, editor. <source>A book</source>.</mixed-citation></ref>"
    )
    doc = check(
        '<p>(<xref ref-type="bibr" rid="r1">Smith 2004</xref>; <xref ref-type="bibr" rid="r2">Paul 2015</xref>)</p>',
        r1 + element("r2", "Paul", "2015", group="editor"),
    )
    assert [r.authors for r in doc.references or []] == [["Smith"], ["Paul"]]  # editors only when no author
    assert alarms(doc) == []


def test_citations_in_tables_and_captions_count() -> None:
    body = (
        '<p>Text (<xref ref-type="bibr" rid="r1">Smith 2004</xref>).</p><table-wrap><caption><p>After '
        '<xref ref-type="bibr" rid="r2">Jones 2001</xref>.</p></caption><table><tr><td>x</td><td>'
        '<xref ref-type="bibr" rid="r3">Brown 1999</xref></td></tr></table></table-wrap>'
    )
    doc = check(
        body, element("r1", "Smith", "2004") + element("r2", "Jones", "2001") + element("r3", "Brown", "1999")
    )
    assert alarms(doc) == []  # "Brown 1999" was uncited: tables were not read
    assert "\nx\nBrown 1999\n" in doc.text  # a cell is a line


def test_a_citation_without_an_xref_is_read_like_text() -> None:
    body = (
        '<p>Flies court (<xref ref-type="bibr" rid="r1">Smith et al., 2004</xref>) as Jones et al. (2001) '
        "showed; <italic>Turdus rufiventris</italic> (Vieillot, 1818) sings (Jones et al., 2003).</p>"
    )
    doc = check(body, element("r1", "Smith Lee Kim", "2004") + element("r2", "Jones Kay Roe", "2001"))
    found = {(c.text, c.status.name) for c in doc.citations}
    assert ("Jones et al. (2001)", "LINKED") in found  # counted, and the entry is cited
    assert ("Jones et al., 2003", "YEAR_MISMATCH") in found  # and checked like any citation
    assert not any("Vieillot" in c.text for c in doc.citations)  # a species' authority, no entry's author
    assert sum(1 for c in doc.citations if "Smith" in c.text) == 1  # the xref one, not twice
    assert [f.rule for f in doc.findings if f.severity >= Severity.WARNING] == ["year-mismatch"]


def test_an_xref_of_several_entries_compares_each_with_its_part() -> None:
    body = '<p>(<xref ref-type="bibr" rid="r1 r2">Hyder, 2004; World Health Organization, 2009</xref>)</p>'
    refs = element("r1", "Hyder", "2004") + (
        '<ref id="r2"><element-citation><person-group person-group-type="author"><name><surname>WHO'
        "</surname></name></person-group><source>Report</source><year>2009</year></element-citation></ref>"
    )
    doc = check(body, refs)
    assert alarms(doc) == []  # each entry was compared with "Hyder": two author mismatches


def test_letters_and_titles_in_an_xref_are_not_authors() -> None:
    body = (
        '<p>Pessoa (<xref ref-type="bibr" rid="r1">2010a</xref>, <xref ref-type="bibr" rid="r2">b</xref>) '
        'and <xref ref-type="bibr" rid="r3">Cinismo y pasión</xref>.</p>'
    )
    doc = check(
        body,
        element("r1", "Pessoa", "2010a")
        + element("r2", "Pessoa", "2010b")
        + element("r3", "Glucksmann", "1981"),
    )
    assert alarms(doc) == []


def test_labels_nested_lists_and_notes() -> None:
    body = '<p>Drought [<xref ref-type="bibr" rid="B7">7</xref>] and [8].<xref ref-type="fn" rid="fn1">1</xref></p>'
    back = '<fn-group><fn id="fn1"><label>1</label><p>See [<xref ref-type="bibr" rid="B8">8</xref>].</p></fn></fn-group>'
    refs = '<ref id="B7"><label>7.</label><mixed-citation>Ortiz M. Soil. 2019.</mixed-citation></ref>'
    refs += '<ref id="B8"><label>[8]</label><mixed-citation>Naylor D. Roots. 2018.</mixed-citation></ref>'
    xml = f"{HEAD}{body}</body><back>{back}<sec><title>References</title><ref-list>{refs}</ref-list></sec></back></article>"
    doc = analyse(load_jats("a.xml", xml.encode()), CheckOptions())
    assert [r.label for r in doc.references or []] == ["7", "8"]
    assert [(c.text, c.footnote) for c in doc.citations] == [("7", None), ("[8]", None), ("8", "1")]
    assert alarms(doc) == []


def test_a_translation_holding_the_only_text_is_read() -> None:
    xml = (
        f"{HEAD}<p>Abstract only.</p></body><back><ref-list>{element('B1', 'Silva', '2018')}</ref-list></back>"
        '<sub-article article-type="translation" id="s1" xml:lang="pt"><body><p>Texto '
        '(<xref ref-type="bibr" rid="B1">SILVA, 2018</xref>).</p></body></sub-article>'
        '<sub-article article-type="reviewer-report"><body><p>(Nobody 1999)</p></body></sub-article></article>'
    )
    doc = analyse(load_jats("a.xml", xml.encode()), CheckOptions())
    assert [c.text for c in doc.citations] == ["SILVA, 2018"]
    assert alarms(doc) == []


def numbered(n: int) -> str:
    return "".join(
        f'<ref id="b{k:03}"><label>{k}</label><element-citation><person-group person-group-type="author">'
        f"<name><surname>Author{chr(64 + k)}</surname><given-names>A</given-names></name></person-group>"
        f"<article-title>Work {k}</article-title><source>J</source><year>{1990 + k}</year></element-citation></ref>"
        for k in range(1, n + 1)
    )


def test_one_xref_over_a_range_of_numbers_cites_every_entry_of_the_range() -> None:
    # PLOS Medicine: <xref rid="b014">14–16</xref>, one xref for the range, pointing at its first entry
    doc = check(
        '<p>Culture shapes care [<xref ref-type="bibr" rid="b001">1</xref>,<xref ref-type="bibr" rid="b002">'
        '2</xref>] and attitudes [<xref ref-type="bibr" rid="b003">3–5</xref>].</p>',
        numbered(5),
    )
    assert [sorted(c.references) for c in doc.citations] == [["b001"], ["b002"], ["b003", "b004", "b005"]]
    assert alarms(doc) == []


def test_citations_in_supplementary_material_captions_count() -> None:
    # PLOS: "<supplementary-material><label>Figure S1</label><caption><p>... [2]</p>"
    doc = check(
        '<p>Tracts were traced [<xref ref-type="bibr" rid="b001">1</xref>].</p>'
        '<supplementary-material id="s1" mimetype="image/tiff"><label>Figure S1</label><caption><p>'
        'Fibres estimated with MRtrix [<xref ref-type="bibr" rid="b002">2</xref>].</p><p>(TIF)</p></caption>'
        "</supplementary-material>",
        numbered(2),
    )
    assert [c.references for c in doc.citations] == [("b001",), ("b002",)]
    assert alarms(doc) == []


def test_an_xref_naming_the_work_by_its_title_is_no_author_mismatch() -> None:
    # eLife: "XDS/XSCALE (<xref rid="bib85">Xds, 2010</xref>)" for Kabsch W (2010) Xds. Acta Cryst D
    ref = (
        '<ref id="bib85"><element-citation publication-type="journal"><person-group person-group-type="author">'
        "<name><surname>Kabsch</surname><given-names>W</given-names></name></person-group><year>2010</year>"
        "<article-title>Xds</article-title><source>Acta Crystallogr D</source></element-citation></ref>"
    )
    doc = check('<p>Data were scaled with XDS (<xref ref-type="bibr" rid="bib85">Xds, 2010</xref>).</p>', ref)
    assert alarms(doc) == []
    assert [c.references for c in doc.citations] == [("bib85",)]


def test_an_element_citation_alone_reads_as_separate_words() -> None:
    """eLife gives only <element-citation>, its fields back to back: the entry's text must not run
    them together ("KuhlemeierC2007Phyllotaxis"), or a registry's title is never found in it."""
    ref = (
        '<ref id="bib1"><element-citation publication-type="journal"><person-group person-group-type='
        '"author"><name><surname>Kuhlemeier</surname><given-names>C</given-names></name></person-group>'
        "<year>2007</year><article-title>Phyllotaxis</article-title><source>Trends in Plant Science</source>"
        "<volume>12</volume><fpage>143</fpage><lpage>150</lpage></element-citation></ref>"
    )
    doc = check('<p>As shown (<xref ref-type="bibr" rid="bib1">Kuhlemeier, 2007</xref>).</p>', ref)
    (entry,) = doc.references or []
    assert entry.text.startswith("Kuhlemeier C 2007 Phyllotaxis Trends in Plant Science 12 143 150"), (
        entry.text
    )
    assert alarms(doc) == []
