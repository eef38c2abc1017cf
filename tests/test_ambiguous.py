"""ambiguous-citation: what the finding says, beyond the rule cases (tests/rules/cases)."""

from __future__ import annotations

from .conftest import check

SUFFIXED = """Neurons were traced (Yu et al., 2010).

References

Yu, HH, Kao, CF, He, Y (2010a) A complete developmental sequence of a Drosophila neuronal lineage. PLOS Biol 8: e1000461.
Yu, JY, Kanai, MI, Demir, E (2010b) Cellular organization of the neural circuit that drives courtship. Curr Biol 20: 1602–1614.
"""


def test_entries_told_apart_by_suffixes_ask_the_citation_for_one() -> None:
    (finding,) = [f for f in check(SUFFIXED).findings if f.rule == "ambiguous-citation"]
    assert finding.message.endswith("cite 2010a or 2010b as meant")


def test_entries_alike_ask_for_suffixes() -> None:
    (finding,) = [
        f
        for f in check(SUFFIXED.replace("2010a", "2010").replace("2010b", "2010")).findings
        if f.rule == "ambiguous-citation"
    ]
    assert finding.message.endswith("give the entries a/b year suffixes and cite the one meant")
