"""Whether a citation no entry fits gives its work where it stands, so the reader can find it without
the list (rules/missing_reference reports such citations at info, and with no list at all counts
them as no works): a link to the work ("[Cho et al., 2014](https://...)"), the journal's volume and
pages after the year, a list item that goes on to give the work in full (a reading list's
"- Chambers (2008). *Software for Data Analysis*"), or a quotation's source on its attribution line
("— Leslie Kish (1965)").
"""

from __future__ import annotations

import bisect
import re

from refcheck.model import Citation, Document
from refcheck.rules._missing.where import bracket_closed, emphasis_around

# the end of a Markdown link's text and its target: "[Cho et al., 2014](http://...)"
_LINK_TARGET = re.compile(r"\]\(<?(?:https?://|doi:|www\.)", re.I)


# a Markdown link to a web address, then the work's authors ("by Wes McKinney"), ending where a
# citation's parenthesis opens: '[*Python for Data Analysis*](http://shop.oreilly.com/...) by Wes
# McKinney (OReilly, 2012)' gives the publisher and year of the work the link names (jakevdp's Python
# Data Science Handbook, two notebooks: errors)
_NAME = r"[A-Z][\w'\u2019.-]*"
_AFTER_LINK = re.compile(
    r"\]\((?:https?://|doi:|www\.)[^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)"
    rf"(?:,?[ \t]+by[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,3}}(?:[ \t]+(?:and|&)[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,3}})?)?"
    # (the publisher's other words before the one read as the citation's name: "(Princeton University
    # Press, 2014)")
    rf"[ \t]*(?:\([ \t]*(?:{_NAME}[ \t]+){{0,4}})?\Z"
)


# links to the work after the year, within the citation's parentheses: "(Cetinkaya-Rundel & Lowndes,
# 2022: [slides](https://...), [video](https://...))" (betterscientificsoftware/bssw.io's blog)
_LINKS_FOLLOW = re.compile(r"[ \t]*[:;,][ \t]*\[[^\[\]\n]{1,80}\]\(<?(?:https?://|doi:|www\.)", re.I)


def links_to_work(doc: Document, cit: Citation) -> bool:
    """Whether a Markdown citation is (in) the text of a link to a web address: a blog's
    "([Sutskever et al., 2014](https://papers.nips.cc/...))", MyST's "[Cockett, 2022](https://doi.org/
    ...)" (which MyST makes a citation and a reference list entry): the link takes readers to the work;
    or gives the publisher and year of the work a link just before names ("[*Python for Data
    Analysis*](http://...) by Wes McKinney (OReilly, 2012)"); or is followed within its parentheses
    by links to the work ("(Cetinkaya-Rundel & Lowndes, 2022: [slides](https://...))")."""
    if doc.format != "markdown":
        return False
    text = doc.text
    line = text.rfind("\n", 0, cit.start) + 1
    if _AFTER_LINK.search(text, max(line, cit.start - 300), cit.start):
        return True
    if _in_html_link(text, cit):
        return True
    if _LINKS_FOLLOW.match(text, cit.end):
        return True
    opened = text.rfind("[", line, cit.start)
    if opened < 0 or "]" in text[opened + 1 : cit.start] or text[opened - 1 : opened] == "!":
        return False
    closed = text.find("]", cit.end, cit.end + 120)
    if closed < 0 or "[" in text[cit.end : closed] or "\n\n" in text[cit.end : closed]:
        return False
    return _LINK_TARGET.match(text, closed) is not None


_HTML_LINK = re.compile(r"<a\s[^<>]*href=[\"']?(?:https?:|www\.)[^<>]*>", re.I)


def _in_html_link(text: str, cit: Citation) -> bool:
    """Whether a Markdown citation is in the text of an HTML link to a web address, as a README
    writes a figure's caption: '<a href="https://jcheminf.biomedcentral.com/...">(D. Sydow <i>et
    al.</i>, J. Cheminformatics, 2019)</a>'."""
    opened = text.rfind("<a", max(0, cit.start - 300), cit.start)
    if opened < 0 or "</a>" in text[opened : cit.start] or not _HTML_LINK.match(text, opened):
        return False
    closed = text.find("</a>", cit.end, cit.end + 120)
    return closed >= 0 and "<a" not in text[cit.end : closed] and "\n\n" not in text[opened:closed]


# the start of a line or list item, a label ("Reference:"), then the names before the cited ones:
# given names, initials, other authors ("S. Messner, L. Anselin, ..., R. Baller (2000)"), the words of an
# organisation's name ("Office for National Statistics (2011)")
_ENTRY_HEAD = re.compile(
    r"(?:^|\n)[ \t]*(?:(?:[-*+\u2022]|\d{1,3}[.)])[ \t]+)?(?:[A-Z][a-z]+:[ \t]+)?(?:\*\*|__)?"
    r"(?:(?:(?:[A-Z]\.){2,4}|[A-Z][\w'\u2019-]*\.?|and|&|of|for|the|de|van|von|der)(?:[ \t]*,)?[ \t]+){0,16}$"
)
# after "Names (Year)": a title in italics, quotes or a link's text ('. *Software for Data Analysis*',
# an annotated list's bold name and a dash, '** — *The Structure of Scientific Revolutions*'),
# or a sentence then more of the entry ('. 2011 Census: boundary data ... [data collection]. UK Data',
# "M.A. Heroux et al. (2020) Lightweight Software Process Improvement ... (PSIP). In: Juckeland G.")
_ENTRY_TAIL = re.compile(
    r"[.,:]?(?:\*\*|__)?[.,:]?(?:[ \t]+(?:\u2014|\u2013|-{1,3}))?[ \t]+(?:\*|_|\"|\u201c|\[)\S|\.[ \t]+[A-Z0-9][^\n]{8,200}?[.,][ \t]*\n?[ \t]*[A-Z\d(<\[]"
    r"|[ \t]+[A-Z][^\n]{8,200}?\.[ \t]+[A-Z][\w.]*:?[ \t]"
)


# the attribution line of a quotation: "~ Dune (1965)", "— Ostrom (1990)", "> — Leslie Kish (1965)"
# (not an en dash or "-", which open list items), the given names before the cited one
_ATTRIBUTION = re.compile(r"(?:^|\n)[ \t>]*(?:~|\u2014|\u2015)[ \t]*(?:[A-Z][\w'\u2019-]*\.?[ \t]+){0,3}$")


def attribution(text: str, cit: Citation) -> bool:
    """Whether a narrative citation names a quotation's source on the line under it (an epigraph's
    "— Leslie Kish (1965)", a blockquote's footer), where a work need not be in the list."""
    return cit.narrative and _ATTRIBUTION.search(text, max(0, cit.start - 60), cit.start) is not None


# a year, then the volume, issue and pages of a journal: "Bioinformatics, 2017, 33(19), 3036–3042",
# "Genome Informatics, 2004, 15(2): 31–41", ACS's "(Cell 2012, 150, 673–684)" (no issue, a page
# range): a work given in full where it stands, not cited. Not a list of years ending in a range,
# "(Brown, 2008, 2010, 2011–2013)": a volume and pages that read as years are the citation's years
_VOLUME_PAGES = re.compile(
    r"(?:1[89]|20)\d\d[a-z]?,[ \t]*(?:\d{1,4}[ \t]*\(\w{1,8}\)[ \t]*[,:][ \t]*\w?\d{1,6}[ \t]*[-\u2013]"
    r"|(?!(?:1[89]|20)\d\d[a-z]?[ \t]*,[ \t]*(?:1[89]|20)\d\d[a-z]?[ \t]*[-\u2013])"
    r"\d{1,4}[ \t]*,[ \t]*\d{1,6}[ \t]*[-\u2013][ \t]*\d{1,6}(?![\d,]))"
)


def given_in_full(text: str, cit: Citation) -> bool:
    """Whether an author-date citation's year is followed by a journal's volume, issue and pages, as a
    tutorial gives a work in parentheses where it names it ("[DeepSite](https://doi.org/...) by Jiménez
    *et al.*, Bioinformatics, 2017, 33(19), 3036–3042)"): the reader has the work there."""
    if not cit.year or not cit.year[:4].isdigit():
        return False
    at = text.find(cit.year[:4], cit.start, cit.end + 1)
    return at >= 0 and _VOLUME_PAGES.match(text, at, min(len(text), cit.end + 40)) is not None


def written_in_place(text: str, cit: Citation) -> bool:
    """Whether an author-date citation opens a line or list item that goes on to give the work in full:
    a reading list's "- Chambers (2008). *Software for Data Analysis*, Springer", a suggested citation
    "Office for National Statistics (2011). 2011 Census: boundary data ... UK Data Service.", or
    names a quotation's source under it ("~ Dune (1965)"): the line gives the work where it stands."""
    if given_in_full(text, cit):
        return True
    if not cit.narrative:
        return False
    if attribution(text, cit):
        return True  # a quotation's source, named under it
    return (
        _ENTRY_HEAD.search(text, max(0, cit.start - 160), cit.start) is not None
        and _ENTRY_TAIL.match(text, bracket_closed(text, cit)) is not None
    )


# a list item's marker ("- ", "8. ") and a bold name's "**", before the names of the work it gives
# (or, before a later year of a group, the names and the group's first years: "**Caliskan & Callon (2009, ")
# (a group's names and first years before a later year of it: "Caliskan & Callon (2009, " before "2010)")
_GROUP_HEAD = r"[^\n()]{1,120}\([^\n()]{0,60}"
_ITEM_MARK = re.compile(rf"(?:^|\n)[ \t]*(?:[-*+\u2022]|\d{{1,3}}[.)])[ \t]+(?:\*\*|__)?(?:{_GROUP_HEAD})?$")
# after the names and year of a list item: its title in italics or quotes, of two words or more, or of
# one word with more of the entry marked after it ('"Economization" Parts 1 and 2. *Economy and Society*')
# (the gap before a title, "— " or " "; a title in quotes of two words or more)
_DASH_GAP = r"(?:[ \t]+(?:\u2014|\u2013|-{1,3}))?[ \t]+"
_QUOTED = r"[\"\u201c][^\"\u201c\u201d\n]*?\w[ \t]+\w[^\"\u201d\n]*[\"\u201d]"
_ITEM_TITLE = re.compile(
    rf"[.,:]?(?:\*\*|__)?[.,:]?{_DASH_GAP}"
    r"(?:(?:\*|_)[^*_\n]*?\w[ \t]+\w[^*_\n]*(?:\*|_)"
    rf"|{_QUOTED}"
    r"|(?:\*|_|[\"\u201c])\w[^\n]*?[ \t](?:\*|_|[\"\u201c])\w)"
)


def listed_in_full(text: str, cit: Citation) -> bool:
    """Whether a narrative citation opens a list item that gives its work in full, in a document with
    a list of its own: a literature review's annotated "8. **Kuhn (1962/1970)** — *The Structure
    of Scientific Revolutions*. University of Chicago Press.", a syllabus's "- Chambers (2008).
    *Software for Data Analysis*, Springer". Only the names of the work may stand between the item's
    marker and the year; a title of one word needs more of the entry marked after it ("- Brown
    (2015): *all* rates rose" is a sentence)."""
    if not cit.narrative:
        return False
    return (
        _ITEM_MARK.search(text, max(0, cit.start - 200), cit.start) is not None
        and _ITEM_TITLE.match(text, bracket_closed(text, cit)) is not None
    )


# HTML: after the names and year that open a list item, what comes before its title ("— ", ". ");
# then its title in quotes, of two words or more (or in italics: Document.emphasis)
_ITEM_GAP = re.compile(rf"[.,:]?{_DASH_GAP}")
_GROUP_BEFORE = re.compile(_GROUP_HEAD)
_QUOTED_TITLE = re.compile(_QUOTED)


def listed_in_emphasis(doc: Document, cit: Citation) -> bool:
    """:func:`listed_in_full` for an HTML page, whose list items' markers and emphasis are no part of
    its text: a narrative citation opens its line, alone or in a bold span ("<li><strong>Kuhn
    (1962/1970)</strong> — <em>The Structure of Scientific Revolutions</em>. University of Chicago
    Press."), and its work's title follows in an italic span or quotes, of two words or more
    ("Brown (2015): <em>all</em> rates rose" is a sentence)."""
    if not cit.narrative:
        return False
    text = doc.text
    line = text.rfind("\n", 0, cit.start) + 1
    span = emphasis_around(doc, cit.start, cit.end)
    opens = span[0] if span is not None else cit.start
    if text[line:opens].strip():
        return False
    if text[opens : cit.start].strip() and _GROUP_BEFORE.fullmatch(text, opens, cit.start) is None:
        return False  # (only a group's names and first years before a later year of it)
    end = bracket_closed(text, cit)
    if span is not None and span[1] >= end and not text[end : span[1]].strip():
        end = span[1]
    gap = _ITEM_GAP.match(text, end)
    if gap is None:
        return False
    at = gap.end()
    if _QUOTED_TITLE.match(text, at) is not None:
        return True
    k = bisect.bisect_left(doc.emphasis, (at, -1, False))
    if k == len(doc.emphasis) or doc.emphasis[k][0] != at or doc.emphasis[k][2]:
        return False
    title = text[at : doc.emphasis[k][1]].split()
    return len(title) >= 2
