"""The words that make a name an organisation's, in one place. Four lists, because they answer four
questions, on different text, and their differences are what each question needs (merging them
would change what reads as an organisation; each difference below was a false finding once):

``CORPORATE_WORDS`` (English): a name in the prose or an author part of an entry is an organisation,
    cited whole ("World Health Organization"), not a surname. Read for every citation and entry, so
    a set of words. It holds bodies cited by their names ("court", "house", "league", "senate",
    "parliament", "trust") that ``ORG_NOUNS`` leaves out.
``ORG_NOUNS`` (English, Spanish, Portuguese): an entry's author part holding one of these is an
    organisation whose parts may be cited on their own (``reference_list``'s aliases: "Ministério da
    Saúde" cited as "Brasil"). It leaves out "house", "court", "league", "trust", "forum", which are
    also surnames in author parts ("House, J. S."), and has "academy", "library", "laboratory",
    "consortium" and the Spanish and Portuguese nouns.
``ORGANISATION_WORDS`` (``CORPORATE_WORDS`` and more, in five languages): a citation in the prose
    whose words hold one names an organisation, not a person before a place or title
    (``missing_reference``: "Ministério da Saúde (2010)" is a missing work, "Professor Almeida
    (2018)" is not). The broadest: a wrong "organisation" there only keeps an error an error.
``ORG_PATTERN`` (English, searched inside an author string): the registry verification reads an
    entry whose first author holds one as an organisation's publication (a report, not an article).
    Its own short list, matched at word boundaries anywhere in the name ("UK Health Security
    Agency"); it has "authority" and "consortium" and leaves out "university", "company",
    "corporation" and the legislative bodies, whose entries registries hold as articles' authors.
"""

from __future__ import annotations

import re

from refcheck._lazy import lazy_pattern

# words of an organisation's name: "World Health Organization" is cited whole, not by a surname
CORPORATE_WORDS = frozenset(
    {
        "organization", "organisation", "bank", "institute", "institution", "council", "commission",
        "ministry", "department", "office", "agency", "association", "society", "committee", "fund",
        "foundation", "union", "nations", "government", "bureau", "board", "center", "centre",
        "university", "service", "trust", "programme", "program", "secretariat", "court", "parliament",
        "congress", "senate", "house", "assembly", "league", "forum", "network", "group", "company",
        "corporation"
    }
)  # fmt: skip


# the last word of an organisation cited by its whole name, read when the list has no entry of it
# ("R Core Team", "QGIS Development Team", "Canvas Community", "Human Rights Watch", "Amnesty
# International"): words no surname is (at most four words: a longer reading would be no name,
# extract.author_date's "_plausible"); a note's author so named is the whole name (extract.notes)
COLLECTIVE_NOUNS = frozenset(
    (
        "team", "developers", "contributors", "community", "consortium", "collaboration", "project",
        "foundation", "institute", "organization", "organisation", "association", "society", "alliance",
        "group", "watch", "international",
    )
)  # fmt: skip


# the nouns that make an organisation's name, in the languages of the lists read (a set of words:
# one look-up per word of an author part, where a pattern of alternatives costs ten times more)
ORG_NOUNS = frozenset(
    [
        "organization",
        "organisation",
        "organización",
        "organizacion",
        "organização",
        "organizacao",
        "institute",
        "instituto",
        "institution",
        "institución",
        "instituição",
        "association",
        "asociación",
        "associação",
        "council",
        "conselho",
        "consejo",
        "commission",
        "comissão",
        "comisión",
        "committee",
        "agency",
        "agencia",
        "agência",
        "ministry",
        "ministério",
        "ministerio",
        "department",
        "departamento",
        "office",
        "foundation",
        "fundação",
        "fundación",
        "society",
        "sociedad",
        "sociedade",
        "bureau",
        "board",
        "union",
        "união",
        "unión",
        "nations",
        "nações",
        "naciones",
        "programme",
        "program",
        "programa",
        "centre",
        "center",
        "centro",
        "fund",
        "fundo",
        "fondo",
        "bank",
        "banco",
        "authority",
        "service",
        "serviço",
        "servicio",
        "group",
        "grupo",
        "consortium",
        "network",
        "academy",
        "academia",
        "federation",
        "federação",
        "federación",
        "alliance",
        "university",
        "universidad",
        "universidade",
        "college",
        "corporation",
        "company",
        "government",
        "governo",
        "gobierno",
        "secretaria",
        "secretaría",
        "conference",
        "observatory",
        "laboratory",
        "library",
        "biblioteca",
    ]
)


# words of an organisation's name: "Department of Health (2009)" is cited by it, a title is not
ORGANISATION_WORDS = CORPORATE_WORDS | {
    "academy", "administration", "authority", "college", "embassy", "federation", "hospital",
    "kingdom", "laboratory", "library", "museum", "republic", "school", "states", "survey",
    # Portuguese, Spanish, French, German: "Ministério da Saúde (2010)", "o Conselho Nacional de
    # Justiça (2015)"
    "instituto", "institut", "ministério", "ministerio", "ministère", "ministerium", "fundação",
    "fundación", "fondation", "stiftung", "secretaria", "secretaría", "conselho", "consejo", "conseil",
    "universidade", "universidad", "université", "universität", "empresa", "agência", "agencia",
    "agence", "associação", "asociación", "sociedade", "sociedad", "société", "gesellschaft",
    "comissão", "comisión", "organização", "organización", "banco", "banque", "departamento",
    "centro", "serviço", "servicio", "governo", "gobierno", "tribunal", "câmara", "cámara",
    "senado", "assembleia", "asamblea", "prefeitura", "federação", "federación", "confederação",
    "comitê", "comité", "coordenação", "superintendência", "diretoria", "escola", "escuela",
    "programa", "rede", "red", "observatório", "observatorio", "núcleo", "grupo", "laboratório",
    "laboratorio", "museu", "museo", "biblioteca", "academia", "sindicato", "partido",
    "presidência", "presidencia", "república", "estado", "bundesamt", "amt",
}  # fmt: skip


ORG_PATTERN = lazy_pattern(
    r"\b(?:organi[sz]ation|ministry|department|office|agency|council|commission|institute|centre|center"
    r"|foundation|association|society|bureau|board|committee|programme|program|bank|fund|union|nations"
    r"|government|authority|service|group|consortium|network)\b",
    re.I,
)
