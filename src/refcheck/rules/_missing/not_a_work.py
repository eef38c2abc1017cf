"""Whether the name of an author-date reading no entry fits names something other than a work's author
(rules/missing_reference reports it at info, and with no list counts it as no work): the end of a
title ("Foundations of Social Evolution (1998)", "<em>Harry Potter</em> (2001)"), a place or an
event and its year ("the Paris (2015) agreement", "at Bali (2007)", "COP-17 Durban (2011)", a
slide's "**Paris (2015)**"), a season or a term ("The Premier League (2010-11)"), a program and its
version ("tested with Tex Live 2013"), a place of publication after a title in the bracket, the
last words of an institution's name ("the University of Coimbra (1772)"), a person named by given
name and surname ("Nitin Sukhija (2022)"), or "Author" (the document's own writer). Each test
errs towards a citation: organisations' names, acronyms and names cited elsewhere in brackets stay
errors.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from refcheck.extract.organisations import ORGANISATION_WORDS
from refcheck.matching.names import PARTICLES, fold
from refcheck.model import Citation, Document, LinkStatus
from refcheck.rules._missing.where import emphasis_around, mid_sentence


def title_names(doc: Document) -> set[tuple[tuple[str, ...], str | None]]:
    """The names and years of the author-date citations no entry fits that end a title somewhere in
    the document ("as metodologias CEM (2009) e Balanceamento por Entropia (2011)"): the same name and
    year elsewhere ("CEM (2009), Entropia (2011) e EQT (2007)") names the same thing."""
    if not doc.references:
        return set()
    missing = LinkStatus.MISSING
    return {
        (tuple(c.authors), c.year)
        for c in doc.citations
        if c.status is missing
        and c.kind == "author-date"
        and not c.detail
        and (in_a_title(doc.text, c) or title_in_emphasis(doc, c))
    }


# the words in a bracket before "Name, Year)": a title, its first word capitalised, then lowercase words,
# and a comma ("(Pantomimes lumineuses, Paris, 1892)"); not a prefix ("(see also, Paris, 1892)", "(e.g.,")
_TITLE_IN_BRACKET = re.compile(
    r"\([ \t]*[*_]{0,2}[A-Z\u00C0-\u00DE][\w'\u2019-]+(?:[ \t]+[\w'\u2019-]+){1,8}[*_]{0,2},[ \t]*$"
)
# prefixes of a citation, as the bracket's first words ("Ver, por exemplo,", "For example,")
_BRACKET_PREFIX = re.compile(
    r"\([ \t]*(?i:see|ver|veja|vide|voir|siehe|cf|e\.?g|i\.?e|for|por|par|zum|z\.|in|em|en|dans|apud|also|as|like)\b"
)


def imprint(text: str, cit: Citation) -> bool:
    """Whether a bracketed citation of one name and a year follows a title in the same bracket, "(Pantomimes
    lumineuses, Paris, 1892)": a work's title, its place of publication and its year, not an author."""
    if cit.narrative or len(cit.authors) != 1 or cit.et_al or " " in cit.authors[0]:
        return False
    if not cit.text[:1].isupper():
        return False
    m = _TITLE_IN_BRACKET.search(text, max(0, cit.start - 120), cit.start)
    if m is None or _BRACKET_PREFIX.match(m.group()) is not None:
        return False
    words = m.group().strip("(*_, \t").split()
    return any(w[:1].islower() for w in words[1:])


# an institution's name after a preposition, cut by the reading before its last words: "reforma da
# Universidade " before "de Coimbra (1772)", "reform of the University of " before "Coimbra (1772)"
_INSTITUTION_BEFORE = re.compile(
    r"(?:^|[\s(])(?:of|in|at|on|da|do|das|dos|na|no|nas|nos|em|de|del|della|di|du|des|au|aux|\u00e0|en)"
    r"(?:[ \t]+(?:the|la|el|le|les|l['\u2019]))?[ \t]+((?:[A-Z\u00C0-\u00DE][\w'\u2019-]*[ \t]+){1,4})"
    r"(of|de|da|do|das|dos|del|di|du|des)?[ \t]*$"
)


def institution_cut(text: str, cit: Citation) -> bool:
    """Whether a narrative citation's name is the last words of an institution's name after a preposition
    ("a reforma da Universidade de Coimbra (1772)", read as "de Coimbra"; "the reform of the University of
    Coimbra (1772)"): a date the prose gives the institution's event, more often than its work cited
    ("o Conselho Nacional de Justiça (2015)", after a determiner, stays an error)."""
    m = _INSTITUTION_BEFORE.search(text, max(0, cit.start - 120), cit.start)
    if m is None or (m.group(2) is None) == (not cit.text[:1].islower()):
        return False
    return any(w.lower() in ORGANISATION_WORDS for w in m.group(1).split())


# a span of years ("2010-11", "2011–2012"), not one year ("2011/2013" is either year, "1985" one)
_SPAN = re.compile(r"\d[\u2010-\u2015\u2212-]\d")
_SLASHED = re.compile(r"^(\d{4})/(\d{2}|\d{4})$")


def _academic_year(year: str) -> bool:
    """Whether ``year`` is two years in a row joined by "/" ("2020/2021", "2020/21"), as an academic
    year or a season is written ("(Transform 2020/2021)", a hackathon): a span, not a reprint's two
    years ("1867/1990")."""
    m = _SLASHED.match(year)
    if m is None:
        return False
    first, second = m.group(1), m.group(2)
    return int(second) == (int(first) + 1) % (100 if len(second) == 2 else 10_000)


def a_span(year: str) -> bool:
    """Whether ``year`` is a span of years ("2010-11", "2011–2012") or an academic year
    ("2020/2021"), as a season or a term of office is dated."""
    return _SPAN.search(year) is not None or _academic_year(year)


# what a program used is named after ("tested with Tex Live 2013", "compiled under MiKTeX 2019", "built
# on Ubuntu 2004"): the verb, its preposition, and capitalised words of the program's name
_USED_WITH = re.compile(
    r"(?i:\b(?:tested|compiled|built|typeset|run|ran|installed|checked|verified|rendered)\s+"
    r"(?:with|on|under|using|in|against))\s+(?:[A-Z][\w.+-]*\s+){0,3}$"
)


def used_software(text: str, cit: Citation) -> bool:
    """Whether the name and year follow a verb of use and its preposition in the same sentence, as a
    program and its version do ("(Tested with Tex Live 2013)", read as "Live 2013"). A version follows
    the program's name as it is: a year in brackets or after a comma is cited ("as tested with Smith
    (2010)", "(checked against Jones, 2012)")."""
    if cit.narrative or "," in cit.text:
        return False
    start = max(0, cit.start - 80)
    before = text[start : cit.start]
    cut = max(before.rfind(c) for c in ".;:!?\n")
    return _USED_WITH.search(before, cut + 1) is not None


# The capitalised words before a narrative citation's name, joined by lower-case small words, as a
# title runs: "Foundations of Social " before "Evolution (1998)", "Dynamics of Cancer: " before
# "Incidence, Inheritance, and Evolution (2007)". (No comma inside: "In Foundations, Frank (1998)".)
# The small words of other languages too ("Balanceamento por Entropia (2011)", "Der Mut zum Sein
# (1953)"), not those that join surnames ("de", "da", "dos", "e", "y", "la": "Castro e Silva").
# Or a determiner before the capitalised words: "foi utilizado o Censo Demográfico (2010)", "art. 1
# da Declaração Universal dos Direitos Humanos (1948)", "the Human Development Report (2010)".
_SMALL_WORDS = [
    "of", "in", "on", "for", "the", "to", "and", "a", "an", "por", "para", "em", "no", "na", "nos",
    "nas", "pelo", "pela", "sobre", "el", "los", "las", "les", "et", "sur", "zum", "zur", "und",
    "\u00fcber", "im", "vom", "mit", "f\u00fcr", "die",
]  # fmt: skip
_SMALL_ALTERNATIVES = "|".join(_SMALL_WORDS)
_CAPITAL = r"[A-Z\u00C0-\u00DE]"
_TITLE_RUN = re.compile(
    rf"(?:^|[^\w'\u2019-])((?:{_CAPITAL}[\w'\u2019-]*:?[ \t]+(?:(?:{_SMALL_ALTERNATIVES})[ \t]+)*)+)$"
)
_SMALL = frozenset(_SMALL_WORDS) - {"and", "a", "an"}
_DETERMINED = re.compile(
    r"(?:^|[^\w'\u2019-])(?:the|o|os|a|el|los|las|le|les|der|die|das|dem|den|il|do|da|dos|del|al"
    rf"|du|au|zum|zur|im|vom|pelo|pela|no|na|nos|nas)[ \t]+(?:{_CAPITAL}[\w'\u2019-]*[ \t]+)+$"
)
# a person's title before the name ("o Professor Almeida (2018)", "the late Dr Smith (1990)")
_HONORIFICS = frozenset({
    "professor", "professora", "prof", "dr", "dra", "drs", "doutor", "doutora", "doctor", "doctora",
    "mestre", "maestro", "padre", "frei", "dom", "dona", "don", "doña", "sr", "sra", "señor",
    "señora", "senhor", "senhora", "herr", "frau", "mr", "mrs", "ms", "monsieur", "madame", "sir",
})  # fmt: skip


def in_a_title(text: str, cit: Citation) -> bool:
    """Whether a narrative citation's name ends a title written in title case ("Professor Frank has
    published three books: Foundations of Social Evolution (1998), ..."): the capitalised words
    before it are joined by "of", "in", "the" ... and end in a capitalised word, and none is an
    organisation's ("Department of Health (2009)", "Bank of England (2010)" and "Results of Smith
    (2001)" stay citations)."""
    if not cit.narrative:
        return False
    m = _TITLE_RUN.search(text, max(0, cit.start - 120), cit.start)
    if m is None:
        return False
    run = [w.strip(":").lower() for w in m.group(1).split()]
    if (run[-1] in _SMALL and not mid_sentence(text, m.start(1))) or run[-1] in ("and", "a", "an"):
        # "Results of Smith (2001)": a sentence's words, then the author; not a capitalised word in
        # the middle of a sentence ("as metodologias CEM (2009) e Balanceamento por Entropia (2011)")
        return False
    if run[-1].rstrip(".") in _HONORIFICS:
        return False  # "como afirma o Professor Almeida (2018)": a person's title, then the author
    words = run + [w.lower() for a in cit.authors for w in a.split()]
    if any(w in ORGANISATION_WORDS for w in words):
        return False
    if any(w in _SMALL for w in run):
        return True
    # "o Censo Demográfico (2010)": a determiner, then capitalised words and the name, one author
    return (
        len(cit.authors) == 1
        and not cit.et_al
        and _DETERMINED.search(text, max(0, cit.start - 120), cit.start) is not None
    )


# before a name: "the" (with capitalised words or codes between: "the COP21 Paris (2015)"), or a
# preposition of place or time that no author's name takes ("at Bali (2007)", "around Copenhagen
# (2009)", "during Rio (1992)"); and what may follow the year after "the" ("the Paris (2015)
# agreement": a noun)
_PLACE_PREPOSITION = r"[Aa]t|[Aa]round|[Nn]ear|[Dd]uring|[Aa]cross|[Tt]hroughout|[Bb]eyond|[Oo]utside"
_THE_NAME = re.compile(
    rf"(?:^|[^\w'\u2019-])(?:([Tt]he)|{_PLACE_PREPOSITION})[ \t]+(?:[A-Z0-9][\w+\u2010-]*[ \t]+){{0,3}}$"
)
# a name joined by "and", "or", "not" ... to one such a preposition marks, "around Copenhagen (2009),
# not Paris (2015)", "at Bali (2007) and Durban (2011)": the same kind of thing
_JOINED_TO_PLACE = re.compile(
    rf"(?:^|[^\w'\u2019-])(?:{_PLACE_PREPOSITION})[ \t]+(?:[A-Z0-9][\w+\u2010-]*[ \t]+){{1,4}}"
    r"\((?:1[5-9]|20)\d\d\)[,;]?[ \t]+(?:and|or|nor|not|but not|than|to|versus|vs\.)[ \t]+$"
)
_NOUN_AFTER = re.compile(r"[ \t]+[a-z]")
# a numbered event's code, "COP-17", "COP21", "SDG13": capitals, then its number
_EVENT_CODE = re.compile(r"[A-Z]{2,}[-\u2010]?\d{1,3}[ \t]")
_CODE_BEFORE = re.compile(r"(?:^|[^\w-])[A-Z]{2,}[-\u2010]?\d{1,3}[ \t]+$")
# a citation alone in Markdown emphasis, as a slide's or a list's label: "- **Paris (2015)**: ..."
_TITLE_AFTER = re.compile(r"[ \t]*[:.,\u2013\u2014-]?[ \t]*[*_\"\u201c\[]")
_EMPHASIS_OPEN = re.compile(r"(?:^|[ \t(\[])(\*\*|__|\*|_)$")


def given_named(cit: Citation) -> bool:
    """Whether a citation of one person names them by a given name before the surname ("Nitin Sukhija
    (2022)", "(Rene Gassmoeller, 2019)"): a word of capital and lower-case letters just before the
    surname, no particle ("Van Dijk") and no organisation's word ("World Bank")."""
    if len(cit.authors) != 1 or cit.et_al or cit.locator or not cit.name_run:
        return False
    words = cit.name_run.split()
    surname = cit.authors[0].split()
    if len(words) < 2 or len(surname) > 2 or words[-len(surname) :] != surname:
        return False
    given = words[-2] if len(surname) == 1 else surname[0]  # ("Rene Gassmoeller" read as one name)
    return (
        given[:1].isupper()
        and given[1:].isalpha()
        and given[1:].islower()
        and given.lower() not in PARTICLES
        and not any(w.lower().strip(",.") in ORGANISATION_WORDS for w in [*surname, given])
    )


def a_thing(doc: Document, cit: Citation, cited: Callable[[], frozenset[str]] | None) -> str:
    """:func:`_names_a_thing` for one narrative name and a year, with no page, that no citation in
    brackets and none that cites an entry has (``cited``): one word, not in capitals (an acronym, "the
    IPCC (2014) report", is an organisation's) and no organisation's."""
    if len(cit.authors) != 1 or cit.et_al or cit.locator:
        return ""
    name = cit.authors[0]
    text = doc.text
    # a numbered event's code before the name, or opening it: "COP-17 Durban (2011)", "(COP-28 Dubai 2023)"
    code = _EVENT_CODE.match(name) is not None or _CODE_BEFORE.search(text, max(0, cit.start - 20), cit.start)
    if not (cit.narrative or code) or name.isupper() or name.lower() in ORGANISATION_WORDS:
        return ""  # ("the IPCC (2014) report": an organisation's acronym)
    if code:
        how = "a numbered event's code stands before the name (a conference and its place), and no entry has it; if it is a citation, "
    elif " " in name:
        return ""  # ("the World Health Organization (2019) reported": an organisation, an author)
    else:
        how = _names_a_thing(doc, cit)
    if code:
        return how  # (its code says so, whether or not the name is cited in brackets: "(COP-28 Dubai 2023)")
    return how if how and (cited is None or fold(cit.authors[0]) not in cited()) else ""


def _names_a_thing(doc: Document, cit: Citation) -> str:
    """Why a narrative citation's name may name a place or an event with its year rather than a work's
    author ("" if nothing says so): the name comes after "the" and the year before a noun ("the Paris
    (2015) agreement", "the COP21 Paris (2015) meeting"), or after a preposition of place or time ("at
    Bali (2007) the parties agreed", "around Copenhagen (2009)"), or is joined by "and", "or", "not"
    to a name after one ("around Copenhagen (2009), not Paris (2015)"), or the citation stands alone
    in emphasis ("**Paris (2015)**: the agreement", a slide's label). A surname takes neither "the"
    nor those before it ("Smith (2010) argued", "in Smith (2010)", "since Maury (1917)"); the caller
    asks that no entry and no citation in brackets has the name."""
    text = doc.text
    start = max(0, cit.start - 60)
    m = _THE_NAME.search(text, start, cit.start)
    if (
        m is not None and (m.group(1) is None or _NOUN_AFTER.match(text, cit.end))
    ) or _JOINED_TO_PLACE.search(text, max(0, cit.start - 120), cit.start):
        return 'the name stands after "the" or "at" (or another preposition of place or time: "around", "during"), as a place\'s or an event\'s does with its year, and no entry has it; if it is a citation, '
    e = _EMPHASIS_OPEN.search(text, start, cit.start)
    close = cit.end + len(e.group(1)) if e is not None else cit.end
    if e is not None and text.startswith(e.group(1), cit.end) and not _TITLE_AFTER.match(text, close):
        # (not a reading list's "**Kuhn (1962)** — *The Structure of ...*": a work and its title)
        return _ALONE_IN_EMPHASIS
    if doc.emphasis and _label_in_emphasis(doc, cit):  # an HTML slide's "<strong>Paris (2015)</strong>:"
        return _ALONE_IN_EMPHASIS
    return ""


_ALONE_IN_EMPHASIS = (
    "it stands alone in emphasis, as a label does (a place or an event and its year), and no entry has "
    "the name; if it is a citation, "
)


def title_in_emphasis(doc: Document, cit: Citation) -> bool:
    """Whether a narrative citation's name ends an italic span of an HTML page (``<em>``, ``<i>``,
    ``<cite>``) just before its year's bracket, the span holding the whole name: a title ("Films like
    <em>Harry Potter</em> (2001)"), as Markdown's "*Harry Potter* (2001)" is, which is no citation
    unless the list has the name. Not a citation inside an italic sentence ("<em>as Brown (2003)
    argued</em>": the span goes on past the year)."""
    if not doc.emphasis or not cit.narrative:
        return False
    text = doc.text
    paren = text.find("(", cit.start, cit.end)
    if paren < 0:
        return False
    named = paren
    while named > cit.start and text[named - 1].isspace():
        named -= 1
    span = emphasis_around(doc, cit.start, named)
    return span is not None and not span[2] and span[1] <= paren


# what may stand between a label in emphasis and a title after it: "<strong>Kuhn (1962)</strong> —
# <em>The Structure ...</em>" (a reading list's work and its title), as _TITLE_AFTER reads Markdown
_LABEL_GAP = re.compile(r"[ \t]*[:.,\u2013\u2014-]?[ \t]*")


def _label_in_emphasis(doc: Document, cit: Citation) -> bool:
    """Whether an HTML page's citation stands alone in an emphasis span ("<strong>Paris
    (2015)</strong>: the agreement", a slide's label), as Markdown's "**Paris (2015)**" does, and no
    title follows it (in emphasis or quotes: a reading list's "<strong>Kuhn (1962)</strong> —
    <em>The Structure ...</em>" gives a work)."""
    span = emphasis_around(doc, cit.start, cit.end)
    if span is None:
        return False
    text = doc.text
    start, end = span[0], span[1]
    if text[start : cit.start].strip() or text[cit.end : end].strip():
        return False
    gap = _LABEL_GAP.match(text, end)  # (it always matches, if only nothing)
    after = gap.end() if gap is not None else end
    if text[after : after + 1] in ('"', "\u201c", "["):
        return False
    k = bisect.bisect_left(doc.emphasis, (after, -1, False))
    return not (k < len(doc.emphasis) and doc.emphasis[k][0] == after and after < len(text))


# (and in Portuguese, Spanish, French, German: a Brazilian figure's "(Fonte: Autores, 2022)")
_WRITER = frozenset((
    "author", "authors", "the author", "the authors", "autor", "autora", "autores", "autoras",
    "auteur", "auteurs", "autrice", "autorin", "autoren",
))  # fmt: skip


def the_writer(cit: Citation) -> bool:
    """Whether an author-date citation names "Author" alone: the writer of the document (a figure's
    "(Source: Author, 2012)", a blind manuscript's "(Author, 2019)" for a work of its own)."""
    return len(cit.authors) == 1 and cit.authors[0].lower() in _WRITER
