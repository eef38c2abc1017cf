"""Excerpts of real articles of publishers other than PLOS and eLife, rendered in CSL styles as
../shared/corpus-styles renders them (JATS references -> CSL-JSON -> citeproc-py), fourth round: each
read without a false finding.

Sources (CC-BY): acl_full_given_names.txt, Biodiversity Data Journal (Pensoft) 10.3897/BDJ.1.e973 in
ACL, whose list prints the authors' full given names first, as JATS gives them ("Vincent Smith, Simon
Rycroft, ..., and David Roberts. 2011.", "Richard Stafford, Adam G. Hart, ...");
iea_adverb_before_names.txt, Bragantia (SciELO) 10.1590/1678-4499.20210245 in IEA/OECD (a first
narrative cite of five names after a sentence adverb: "Nonetheless, Borges, Roberto, Yamashita, Assis and
Yamamoto (2014) reported").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from refcheck.extract.names import read_names
from refcheck.model import LinkStatus
from refcheck.pipeline import check_text

DATA = Path(__file__).parent / "data" / "styles_new4"


def check(name: str, text: str | None = None):  # type: ignore[no-untyped-def]
    path = DATA / name
    return check_text(text if text is not None else path.read_text(encoding="utf-8"), path=str(path))


@pytest.mark.parametrize("name", ["acl_full_given_names.txt", "iea_adverb_before_names.txt"])
def test_no_findings_and_every_citation_links(name: str) -> None:
    doc = check(name)
    assert [(f.rule, f.line, f.message) for f in doc.findings] == []
    assert [c.text for c in doc.citations if c.status is not LinkStatus.LINKED] == []


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        # full given names first, every one (ACL): not "Smith, Vincent" read as "Vincent Smith, Simon Rycroft"
        (
            "Vincent Smith, Simon Rycroft, Irina Brake, and David Roberts. 2011. Scratchpads 2.0.",
            [("Smith", "Vincent"), ("Rycroft", "Simon"), ("Brake", "Irina"), ("Roberts", "David")],
        ),
        (
            "Richard Stafford, Adam G. Hart, and Anne E. Goodenough. 2010. Eu-Social Science.",
            [("Stafford", "Richard"), ("Hart", "Adam G."), ("Goodenough", "Anne E.")],
        ),
        # the first one written as the others, which have initials
        (
            "Richard Stafford, A. G. Hart, and N. Charman. 2011. Title.",
            [("Stafford", "Richard"), ("Hart", "A. G."), ("Charman", "N.")],
        ),
        # as before: a surname of two words, inverted; an organisation and a person
        (
            "García Márquez, Gabriel, and John Smith. 2010. Title.",
            [("García Márquez", "Gabriel"), ("Smith", "John")],
        ),
        ("Davey Smith, G., & Jones, M. (2010). Title.", [("Davey Smith", "G."), ("Jones", "M.")]),
        # (QA) one person, a double surname and two given names, as Chicago, MLA and Harvard write it:
        # ACL writes a comma after a person only in a list of three or more ("Márquez, José" misread it)
        ("García Márquez, Gabriel José. 1967. Cien años.", [("García Márquez", "Gabriel José")]),
        ("García Márquez, Gabriel José (1967) Cien años.", [("García Márquez", "Gabriel José")]),
        (
            "Vargas Llosa, Jorge Mario; Brown, Peter. 2001.",
            [("Vargas Llosa", "Jorge Mario"), ("Brown", "Peter")],
        ),
        ("World Bank and Gates Foundation. 2010. Report.", [("World Bank", ""), ("Gates Foundation", "")]),
        # Vancouver initials are no given names in full; hyphenated ones end the surname (left16: it
        # was read as one person, "Cavalier J-F" with the given names "Carrière F")
        ("Cavalier J-F, Carrière F (2011) Method.", [("Cavalier", "J-F"), ("Carrière", "F")]),
    ],
)
def test_given_names_first(text: str, persons: list[tuple[str, str]]) -> None:
    assert read_names(text).persons == persons


@pytest.mark.parametrize("adverb", ["Nonetheless", "Interestingly", "Consequently", "Finally"])
def test_a_sentence_adverb_is_no_name(adverb: str) -> None:
    refs = "References\n\nA. Smith and B. Jones. (2010), Title, J, Vol. 1, pp. 1-2.\n"
    doc = check("x.txt", f"T\n\nText. {adverb}, Smith and Jones (2010) reported it.\n\n{refs}")
    assert [(c.text, c.status) for c in doc.citations] == [("Smith and Jones (2010)", LinkStatus.LINKED)]
