"""How verification reads an entry's kind (verify.match.kind): an article a registry must hold, a book,
or grey literature it need not."""

from __future__ import annotations

import pytest

from refcheck.pipeline import check_text
from refcheck.verify import match

BODY = "Intro\n\nCited (Council of Europe, 2004) and (World Health Organization, 2020).\n\nReferences\n\n"


@pytest.mark.parametrize(
    "entry",
    [
        # ACL and IEA/OECD print a pharmacopoeia's volume as "volume Volume I" and its pages: read as an
        # article, its absence from Crossref was a warning (held-out styles set, PMC6332415)
        "Council of Europe. 2004. European Pharmacopoeia.volume Volume I. Council of Europe, Strasbourg "
        "Cedex, France.",
        "Council of Europe. (2004), European Pharmacopoeia (Volume Volume I, pp. 217–218), Council of "
        "Europe, Strasbourg Cedex, France.",
        "World Health Organization. (2020). Guidelines on physical activity, vol. 2. World Health Organization.",
    ],
)
def test_an_organisation_publishing_its_own_volume_is_no_article(entry: str) -> None:
    (ref,) = check_text(BODY + entry + "\n").references
    assert match.kind(ref) == "other"


@pytest.mark.parametrize(
    "entry",
    [
        # the organisation's name inside a journal's title is no imprint
        "World Health Organization. (2020). Title of a note. Bulletin of the World Health Organization, "
        "98(3), 1-2.",
        # a person's surname again is no organisation
        "Smith, J. (2020). A study of Smith. Smith, Journal of things, 12(3), 4-5.",
    ],
)
def test_articles_stay_articles(entry: str) -> None:
    (ref,) = check_text(BODY + entry + "\n").references
    assert match.kind(ref) == "article"
