"""JATS from publishers not measured before (jats17): PNAS, Springer, Hindawi, Elsevier author
manuscripts, Science Advances, Wiley, SAGE, MDPI, F1000, Frontiers, PeerJ, Copernicus in Europe PMC
and publishers' own XML. Small documents modelled on published open-access articles; each test
names its source."""

from __future__ import annotations

from refcheck.model import Severity

from .jats_docs import alarms, article, check, element_ref, numbered, xref


def _formula(label: str) -> str:
    return (
        f'<disp-formula id="eqn{label}"><label>[{label}]</label><mml:math id="me{label}" display="block">'
        "<mml:mi>x</mml:mi></mml:math></disp-formula>"
    )


def test_an_equation_label_in_brackets_is_no_citation() -> None:
    # PNAS 121 (2024) in PMC (Nat. Acad. Sci.): equations are numbered "<label>[1]</label>" ... "[13]"
    # beside a list read through its xrefs; each label was read as a numeric citation "[1]", linked
    # to the list's first entries (and past the end of a short list, a missing reference)
    body = (
        f"Feedbacks are computed with kernels ({xref('B1', '1')}), as</p><p>{_formula('1')}</p>"
        f"<p>and the response ({xref('B2', '2')}) follows</p><p>{_formula('2')}{_formula('3')}"
    )
    doc = check(article(body, numbered(2)))
    assert [c.text for c in doc.citations] == ["1", "2"]
    assert alarms(doc) == []


def test_a_chemical_name_s_locants_are_no_citation() -> None:
    # Advances in Chemistry 2018 (Hindawi, JATS 1.1): "benzo[b]pyrido[3,2-f][1,4]oxazepine" in a
    # section title and its paragraphs; "[1,4]" was read as citations of entries 1 and 4
    body = (
        f"Kinase inhibitors are known {xref('B1', '1')}–{xref('B4', '4')}.</p><p>A mixture of "
        "benzo[b]pyrido[3,2-f][1,4]oxazepine-5(6H)-one and of 1-(2-chlorophenyl)[1,2,4]triazolo[4,3-a]"
        "pyridine was stirred; benzo[1,3]dioxole was added."
    )
    doc = check(article(body, numbered(4)))
    assert [c.numbers for c in doc.citations] == [(1, 2, 3, 4)]
    assert alarms(doc) == []
    # a citation written against its words is still one: "shown[2], and [3]"
    doc = check(article("As shown[2], and [3].", numbered(3)))
    assert [c.numbers for c in doc.citations] == [(2,), (3,)]


def test_a_score_s_component_after_a_slash_is_no_citation() -> None:
    # Metabolites 4:932 (MDPI, NLM 2.3): "PCA t[1]/t[2] score plot", "the first component (t[1])";
    # "t[1]" was left alone, the "t[2]" after the slash read as a citation of entry 2
    body = (
        f"Volatiles were profiled {xref('B1', '1')},{xref('B2', '2')}.</p><p>PCA t[1]/t[2] score plot; "
        "the first component (t[1]) and the second, p[1]-p[2]."
    )
    doc = check(article(body, numbered(2)))
    assert [c.text for c in doc.citations] == ["1", "2"]


def test_a_year_after_a_named_year_is_the_same_authors() -> None:
    # Climate Dynamics 2024 (Springer, in Europe PMC): "(e.g., Zanchettin et al. <xref rid=CR39>2022
    # </xref> and <xref rid=CR25>2023</xref>)" where CR25 is Maher 2019 (the publisher's link is wrong):
    # "2023" was an error "cites an entry dated 2019 (did you mean Maher 2019?)" and Zanchettin 2023
    # an uncited entry, two alarms for one wrong link that names neither
    refs = element_ref("CR25", "2019", "Maher") + element_ref("CR39", "2022", "Zanchettin")
    refs += element_ref("CR40", "2023", "Zanchettin")
    body = f"Seen before (e.g., Zanchettin et al. {xref('CR39', '2022')} and {xref('CR25', '2023')}); Maher ({xref('CR25', '2019')})."
    assert alarms(check(article(body, refs))) == [
        'author-mismatch: "2023" is linked to Maher 2019, not to the entry it names (Zanchettin 2023); '
        "point it there"
    ]
    # linked right, a series of years is clean; so is "Harvey et al. 2014, 2015" with its own entries
    body = body.replace('rid="CR25">2023', 'rid="CR40">2023')
    assert alarms(check(article(body, refs))) == []
    refs = element_ref("H1", "2014", "Harvey", "Gray") + element_ref("H2", "2015", "Harvey", "Shaw")
    refs += element_ref("M1", "2019", "Maher")
    body = f"Jets (Harvey et al. {xref('H1', '2014')}, {xref('H2', '2015')}; Maher {xref('M1', '2019')})."
    assert alarms(check(article(body, refs))) == []


def test_a_compound_surname_cited_by_its_last_word() -> None:
    # Conservation Biology 2025 (Wiley, in PMC): the entry tags "<surname>Carignano Torres</surname>"
    # and the text writes "(Torres et al., <xref>2022</xref>)", as Portuguese names are cited by the
    # last surname (ABNT's "TORRES, P. C."): an author-mismatch error "did you mean Carignano Torres?"
    refs = element_ref("b13", "2022", ("Carignano Torres", "P."), "Morsello", "Parry")
    refs += element_ref("b14", "2020", ("Dávila Espinosa", "S."))
    body = (
        f"Migrants eat more wildlife (Torres et al., {xref('b13', '2022')}; Dávila, {xref('b14', '2020')})."
    )
    doc = check(article(body, refs))
    assert alarms(doc) == []
    assert [(f.rule, f.severity) for f in doc.findings] == [("author-mismatch", Severity.INFO)]
    # another name is still a mismatch
    assert len(alarms(check(article(body.replace("Torres et", "Morales et"), refs)))) == 1
