"""Author-date citations as Portuguese, Spanish and French texts write them: "e", "y", "et" between
names, ABNT's capitals with ";" between authors, possessives and generational suffixes ("Junior",
"Filho", "Neto", "Jr."). Each case is a small document whose citations must all link, with nothing
reported."""

from __future__ import annotations

import pytest

from refcheck.model import LinkStatus

from .conftest import check

LIST = """

Referências

ANACHE, A. A.; ROVETTO, S. M.; OLIVEIRA, R. A. Avaliação psicológica. Psicologia: Ciência e Profissão, v. 34, n. 3, p. 1-10, 2014.
COSTA NETO, P. L. O. Estatística. São Paulo: Blucher, 2013.
DUPONT, J.; MARTIN, P. Les méthodes qualitatives. Paris: Gallimard, 2001.
GATES, H. L., Jr.; WEST, C. The future of the race. New York: Knopf, 2005.
IACUS, S. M.; KING, G.; PORRO, G. Causal inference without balance checking. Political Analysis, v. 20, n. 1, p. 1-24, 2009.
KIZUK, S. A. Hospital records in rural Brazil. Revista de Saúde, v. 2, p. 3-9, 2015.
RASSI JUNIOR, A. Doença de Chagas. Revista da Sociedade Brasileira de Medicina Tropical, v. 3, p. 5-9, 2012.
SILVA, M.; PÉREZ, J. Estudios de salud. Madrid: Trotta, 2010.
SMITH JR., J. Economics of health. New York: Wiley, 2006.
SOUZA FILHO, J. Direito sanitário. São Paulo: Atlas, 2011.
"""

CASES = {
    "Portuguese 'e' between the last two names": "Segundo Iacus, King e Porro (2009), o pareamento reduz o viés.",
    "ABNT capitals, ';' between authors": "A avaliação é contestada (ANACHE; ROVETTO; OLIVEIRA, 2014).",
    "ABNT capitals, ',' then ';'": "A avaliação é contestada (ANACHE, ROVETTO; OLIVEIRA, 2014).",
    "Spanish 'y'": "Como muestran Silva y Pérez (2010), la salud importa.",
    "ABNT capitals for a mixed-case entry": "A saúde importa (SILVA; PÉREZ, 2010).",
    "French 'et'": "Dupont et Martin (2001) décrivent la méthode.",
    "a possessive": "Kizuk's (2015) study of hospital records is cited.",
    "Junior in the text and the list": "Rassi Junior (2012) descreve a doença.",
    "Junior in the list only": "A doença é descrita (RASSI, 2012).",
    "Filho": "Souza Filho (2011) trata do direito sanitário.",
    "Neto": "Os dados seguem Costa Neto (2013).",
    "Jr. in the text and the list": "Smith Jr. (2006) estimates the costs.",
    "Jr. after the given names in the list": "Gates and West (2005) discuss the future.",
}


@pytest.mark.parametrize("sentence", list(CASES.values()), ids=list(CASES))
def test_every_citation_links_and_nothing_is_reported(sentence: str) -> None:
    doc = check(sentence + LIST)
    cites = [c for c in doc.citations if c.kind == "author-date"]
    assert cites, "no citation read"
    assert [(c.text, c.status) for c in cites] == [(c.text, LinkStatus.LINKED) for c in cites]
    assert [f.message for f in doc.findings if f.rule != "uncited-reference"] == []


def test_a_semicolon_after_prose_in_a_group_is_no_author_list() -> None:
    doc = check(
        "Strains were isolated (phylum Bacteroidetes; Iacus et al. 2009) and sequenced (SILVA; PÉREZ, 2010)."
        + LIST
    )
    assert [(c.authors, c.status) for c in doc.citations] == [
        (["Iacus"], LinkStatus.LINKED),
        (["SILVA", "PÉREZ"], LinkStatus.LINKED),
    ]
