"""False alarms found by running refcheck on publishers' JATS XML and article HTML (QA round on
eLife, PLOS, PMC, Pensoft, Copernicus, F1000Research, Frontiers, MDPI, PeerJ, Hindawi, BMC and
other publishers' full-text pages): each test is the smallest form of what one real document does,
and failed before its fix. The document is named in each section's heading."""

from __future__ import annotations

from refcheck.loaders.jats import load_jats
from refcheck.matching.names import core_key
from refcheck.model import Document, Severity
from refcheck.pipeline import CheckOptions, analyse


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
