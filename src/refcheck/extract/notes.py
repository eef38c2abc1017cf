"""Citations written as notes: the notes-bibliography style (Chicago notes and bibliography, Turabian,
MHRA and the humanities' and policy writing's footnotes).

A note cites one or more works, separated by ";":

* a full note: author names in natural order, the title in italics or quotation marks (or plain, in
  HTML and Word, whose markup is gone), publication facts with the year, pages:
  ``Karl A. Wittfogel, *Oriental Despotism* (New Haven: Yale University Press, 1957), 22–24.`` or
  ``Paul Trawick, "The Moral Economy of Water," *Human Ecology* 29, no. 1 (2001): 1–25.``;
* a short note: surname(s), short title, page: ``Wittfogel, *Oriental Despotism*, 30.``;
* "Ibid." / "Ibid., 31" / "Id.": the work of the previous note that cited one.

A signal may come first ("See", "See also", "Cf.", "quoted in") and commentary may follow ("See
Wittfogel, Oriental Despotism, 30, for the classic view."). A note that names no work (commentary)
gives nothing. ``parse_note`` reads one note; ``note_citations`` reads a document's notes in order,
with "Ibid." resolved to the works it repeats. The linker matches them to the bibliography by
author, title words and year (``matching.linker``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refcheck.extract.organisations import COLLECTIVE_NOUNS, CORPORATE_WORDS
from refcheck.extract.patterns import APOS, DASHES, UPPER, YEAR
from refcheck.matching.names import PARTICLES, fold
from refcheck.model import Citation, Footnote, Reference

# a name word: "Karl", "A.", "G.R.S." (initials written close), "Wittfogel", "O'Brien", "Lévi-Strauss", "Jr."
_WORD = rf"(?:(?:{UPPER}\.){{1,4}}|{UPPER}[^\W\d_]*(?:[{APOS}{DASHES}][^\W\d_]+)*\.?)"
# a surname's particles ("de", "van", "von"): the matcher's, and Portuguese "do" and Spanish "y"
# ("Ortega y Gasset") inside a name written in full
_PARTICLE_WORDS = PARTICLES | {"do", "y"}
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLE_WORDS, key=lambda w: (-len(w), w))) + ")"
# a name: one to six words, particles between them ("Alexis de Tocqueville"), on one line or wrapped
# over two (a note's text in HTML keeps the source's line breaks: "; Cato\nInstitute, *How ...*")
_GAP = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
_NAME = rf"{_WORD}(?:{_GAP}(?:{_PARTICLE}{_GAP})*{_WORD}){{0,5}}"
# the authors: "A", "A and B", "A, B, and C", "A et al."; editors ("ed.", "eds.") before the title
_AUTHORS = re.compile(
    rf"(?P<first>{_NAME})(?P<more>(?:,\s+{_NAME}){{0,8}},?\s+(?:and|&)\s+{_NAME})?(?P<etal>,?\s+et\s+al\.?)?"
    r"(?:,\s+(?:ed|eds|trans|comp|comps)\.)?(?:,\s+|(?<=\bal\.)\s+)"
)
# one author only: "Jacobs, Death and Life, 433" (plain titles, in HTML) reads as three names above
_ONE_AUTHOR = re.compile(
    rf"(?P<first>{_NAME})(?P<more>)(?P<etal>,?\s+et\s+al\.?)?(?:,\s+(?:ed|eds|trans)\.)?(?:,\s+|(?<=\bal\.)\s+)"
)
_SPLIT_NAMES = re.compile(r",?\s+(?:and|&)\s+|,\s+")
# words that open a sentence, never a name ("However, ...", "In 1957, ...")
_NOT_NAMES = frozenset(
    {
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "however", "in", "it", "its", "moreover",
        "on", "one", "see", "the", "these", "this", "those", "thus", "to", "what", "when", "where",
        "while", "yet", "also", "although", "because", "between", "both", "during", "each", "here", "if",
        "indeed", "many", "most", "much", "nor", "not", "now", "only", "other", "our", "since", "so",
        "some", "such", "than", "that", "their", "there", "they", "though", "under", "unlike", "until",
        "we", "which", "who", "whose", "with", "without", "ibid", "id", "op", "cf", "compare", "note",
        "chapter", "part"
    }
)  # fmt: skip
# what an archival note cites, in its first word: "Letter, Smith to Jones, 3 May 1921, Box 4, ..."
_DOCUMENTS = frozenset(
    {
        "letter", "letters", "memorandum", "memo", "minute", "minutes", "telegram", "cable", "dispatch",
        "despatch", "interview", "diary", "transcript", "petition", "circular", "deposition", "note",
        "notes", "report", "draft", "statement", "speech", "testimony", "affidavit", "will", "deed"
    }
)  # fmt: skip
# where an archive keeps a document: "Box 4", "Folder 2", "fol. 107v", "RG 59", "Smith Papers",
# "The National Archives", "MS 1234"
_ARCHIVAL = re.compile(
    r"\b(?:(?:Box|Folder|Folio|fols?\.|MSS?\.?|RG|Record\s+Group|Series|File)\s+[\dA-Z]"
    r"|(?:Papers|Archives?|Manuscripts?\s+Division|Records|Collections?)\b)"
)
_QUOTES = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'", "\u00ab": "\u00bb"}
# a plain title: a capital, then anything up to a parenthesis, a comma, a full stop ending a
# sentence (not an initial's: "U.S. Foreign Trade"), or the end (at most 200 characters)
# (or an ordinal and a capital: "Karl Marx, 18th Brumaire of Louis Napoleon (Moscow: ...)")
# (and a line break inside it, where a page's source or a hard-wrapped note wraps it: "The\nMeanings")
_PLAIN_TITLE = re.compile(
    rf"(?:{UPPER}|\d{{1,3}}(?:st|nd|rd|th)\s+{UPPER})(?:[^(),;\n]|\n(?![ \t]*\n)){{0,200}}?"
    r"(?=\s*\(|,|(?<![A-Z])\.(?:\s|$)|$)"
)
_SIGNAL = re.compile(
    r"\b(?:[Ss]ee(?:,?\s+(?:also|especially|generally|e\.g\.,?|for\s+example,?))?|[Cc]f\.|[Cc]ompare"
    r"|[Qq]uoted\s+in|[Cc]ited\s+in|[Cc]iting|[Ff]ollowing|[Ss]ee,\s+e\.g\.,)\s+"
)
# "Ibid., 31", and legal writing's "Id. at 521"; after a signal, in italics or not ("*See* Id. at 5",
# Bluebook's "*See id.* at 5", "*See, e.g.*, id."); "Id" with no full stop is a word ("Id, ego ...")
_IBID = re.compile(
    r"(?:[*_]{0,2}(?:[Ss]ee(?:\s+also|,?\s+e\.g\.,?)?|[Cc]f\.)[*_]{0,2},?\s+)?"
    r"[*_]{0,2}(?:[Ii]bid\.?|[Ii]d\.)[*_]{0,2}(?![\w])"
    r"(?:,?\s*(?:at\s+)?(?:pp?\.\s*)?(?P<loc>[\dxivlc]+(?:\s*[–-]\s*\d+)?))?"
)
# what follows the author of a work cited before: "Sunstein, *supra* note 3, at 170", "Taussig, op.
# cit., 460", "Taussig, loc. cit."
_BACK = re.compile(
    r"(?:\*\*|[*_])?(?:supra|op\.\s?cit\.?|loc\.\s?cit\.?)(?:\*\*|[*_])?(?![\w])"
    r"(?:,?\s+notes?\s+(?P<note>\d+))?(?:,?\s*(?:at\s+)?(?:pp?\.\s*)?(?P<loc>\d+(?:\s*[–-]\s*\d+)?))?"
)
_YEAR = re.compile(rf"(?<![\w/.{DASHES}]){YEAR}(?![\w/])")
_PAREN = re.compile(r"\(([^()]{0,200})\)")
# the page of a short note right after its title: ", 30", ", 30–31", ", pp. 4-5"
_PAGE = re.compile(rf",\s*(?:pp?\.\s*)?(\d{{1,5}}(?:\s*[{DASHES}]\s*\d{{1,5}})?|[xivlc]{{1,6}})(?![\w/])")
# the same after a title in quotation marks, whose comma is inside them: "“Moral Economy,” 30"
_MARKED_PAGE = re.compile(
    rf"(?:,\s*|\s+)(?:pp?\.\s*)?(\d{{1,5}}(?:\s*[{DASHES}]\s*\d{{1,5}})?|[xivlc]{{1,6}})(?![\w/])"
)
# a publisher named without its place, as Chicago allows: "(Duffield and Company, 1910)", "(Palgrave
# Macmillan, 2004)", "(Princeton University Press, 2015)"
_PUBLISHER_WORD = (
    r"(?:Press|Publishers?|Publishing|Company|Co|Books|Verlag|[ÉE]ditions|Inc|Ltd|Sons|Macmillan"
    r"|Routledge|Penguin|Wiley|Springer|Norton|Knopf|Doubleday|Harper(?:Collins)?|Blackwell|Brill|Sage)"
)
# facts of publication in a full note: "(New Haven: Yale University Press, 1957)"
_PUB_FACTS = re.compile(
    rf"\((?:[^():]{{2,80}}:\s*[^()]{{2,120}}?|{UPPER}[^():,]{{0,60}}?\b{_PUBLISHER_WORD}\.?),\s*(?:{YEAR}|n\.\s?d\.)"
    r"(?:[^()]{0,20}|;[^();]{1,80})\)"
)  # (a semicolon after the year, then where it was read: "(Moscow: Progress, 1848; Marxists Internet Archive)")
# the same anywhere in a note: "in *Beethoven's Letters*, ed. A. C. Kalischer (London: Dent, 1909)"
# (the place is a name, "New Haven", "Cambridge, MA", not a label: "(Source: World Bank, 2019)" cites)
_FACTS_ANYWHERE = re.compile(
    rf"\((?!(?:[Ss]ources?|[Dd]ata|[Nn]otes?|[Ss]ee|[Cc]f|[Ee]\.g|[Aa]dapted|[Bb]ased|[Qq]uoted|[Cc]ited|[Ff]ig|[Tt]able)\b)"
    rf"(?:{UPPER}[^():]{{1,80}}:\s*[^()]{{2,120}}?|{UPPER}[^():,]{{0,60}}?\b{_PUBLISHER_WORD}\.?)"
    rf",\s*{YEAR}[a-z]?(?:;[^();]{{1,80}})?\)"
)  # (and what follows the year after a semicolon: "(Moscow: Progress Publishers, 1848; The Marxists
# Internet Archive)")
_ACCESSED = re.compile(r"\b(?:accessed|retrieved|last\s+modified|consulted|viewed)\b", re.I)
_MAX_NOTE = 4000  # characters of a note read (a note longer than that is an essay; its head is read)


@dataclass(slots=True)
class NoteWork:
    """One work cited by a note; ``start``/``end`` are offsets into the text parsed."""

    start: int
    end: int
    names: list[str]  # the authors as written, natural order ("Karl A. Wittfogel")
    title: str | None  # markup and quotation marks removed
    year: str | None
    locator: str | None = None
    marked: bool = False  # the title is in italics or quotation marks
    full: bool = False  # publication facts with a year: a full note
    ibid: bool = False
    back: bool = False  # "Author, supra note 3" / "Author, op. cit.": the author's work cited before
    note: str | None = None  # the note "supra" points at


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``text[start:end]`` between the semicolons that separate works (not those inside
    parentheses, brackets or quotation marks)."""
    parts = []
    depth = 0
    quoted = False
    at = start
    for i in range(start, end):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in "\u201c\u201d":
            quoted = ch == "\u201c"
        elif ch == ";" and depth == 0 and not quoted:
            parts.append((at, i))
            at = i + 1
    parts.append((at, end))
    return parts


# words of an organisation's name: "World Health Organization" is cited whole, not by a surname
_CORPORATE = CORPORATE_WORDS


def is_acronym(name: str) -> bool:
    """Whether ``name`` is an organisation's capitals: "WHO", "UN", "OECD", "UNESCO"."""
    return 2 <= len(name) <= 8 and name.isalpha() and name.isupper()


def is_organisation(name: str) -> bool:
    """Whether ``name`` is an organisation's, by its words ("World Health Organization")."""
    return any(w.lower() in _CORPORATE for w in name.split())


def initials(name: str) -> str:
    """The capitals an organisation's name is shortened to: "World Health Organization" -> "WHO",
    "Organisation for Economic Co-operation and Development" -> "OECD" (an acronym given in
    parentheses, "(WHO)", left out)."""
    plain = _PARENS.sub(" ", name)
    return "".join(w[0] for w in re.split(r"[\s,]+", plain) if w[:1].isupper())


_PARENS = re.compile(r"\([^()]*\)")


def acronyms_of(name: str) -> list[str]:
    """The capitals an organisation's name is cited by: an acronym it gives in parentheses
    ("International Monetary Fund (IMF)"), then the capitals of its words ("OECD")."""
    found = [a for a in _PAREN_ACRONYM.findall(name) if is_acronym(a)]
    short = initials(name)
    if is_acronym(short) and len(name.split()) > 1:
        found.append(short)
    return list(dict.fromkeys(found))


_PAREN_ACRONYM = re.compile(r"\(([^()]{2,8})\)")


def _surname(name: str) -> str:
    """The surname of a name in natural order: the last word, with the particles before it ("de
    Tocqueville"); a generation after it ("Jr.") dropped. An organisation's name is its own."""
    words = name.split()
    if is_organisation(name) or (len(words) >= 2 and words[-1].lower() in COLLECTIVE_NOUNS):
        return name  # ("Human Rights Watch", "R Core Team": a body's noun last)
    while len(words) > 1 and words[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv"):
        words.pop()
    k = len(words) - 1
    while k > 0 and words[k - 1].lower() in _PARTICLE_WORDS:
        k -= 1
    return " ".join(words[k:]).rstrip(".")


def _title_at(text: str, pos: int, end: int) -> tuple[str, int, bool] | None:
    """The title that begins at ``pos``: (title, position after it, marked)."""
    if pos >= end:
        return None
    ch = text[pos]
    close = _QUOTES.get(ch)
    if close is not None:
        stop = text.find(close, pos + 1, end)
        if stop < 0:
            return None
        title = text[pos + 1 : stop].strip().rstrip(",.")
        return (title, stop + 1, True) if title else None
    if ch in "*_":
        mark = "**" if text.startswith("**", pos) else ch
        stop = text.find(mark, pos + len(mark), end)
        if stop < 0:
            return None
        title = text[pos + len(mark) : stop].strip()
        return (title, stop + len(mark), True) if title else None
    m = _PLAIN_TITLE.match(text, pos, end)
    if m is None:
        return None
    title = m.group(0).strip()
    return (title, m.end(), False) if title else None


# the next part of a plain title after its comma: "Politics, Pressures and the Tariff", "Sex, Lies,
# and Videotape" (a capital, or "and"/"or" and a capital; not a page, "no. 1" or commentary)
_TITLE_GOES_ON = re.compile(rf",\s+(?:(?:and|or|&)\s+)?(?={UPPER})")
_PAREN_YEAR = re.compile(rf"\s*\([^()]{{0,200}}?{YEAR}")


def _longer_plain(text: str, pos: int, after: int, end: int) -> tuple[str, int] | None:
    """A plain title with commas in it: the plain title at ``pos`` stopped at a comma (``after``);
    the title goes on through the capitalised parts after it when, and only when, that ends right
    before the note's page (", 14") or its facts of publication in parentheses with a year."""
    for _ in range(4):  # (a title of at most five parts)
        go = _TITLE_GOES_ON.match(text, after, end)
        if go is None:
            return None
        more = _PLAIN_TITLE.match(text, go.end(), end)
        if more is None:
            return None
        after = more.end()
        page = _PAGE.match(text, after, end)
        if page is not None and _YEAR.fullmatch(page.group(1)):
            return None  # "Title, Publisher, 1990": a year, not a page; the title was its first part
        if page is not None or _PAREN_YEAR.match(text, after, end):
            return text[pos:after].strip(), after
    return None


def _year(text: str, pos: int, end: int) -> tuple[str | None, bool]:
    """The year of the work whose title ends at ``pos``: in the first parentheses holding one (the
    facts of publication, a journal's "(2001)"), else the first year after the title, not one of an
    access date. Also whether the facts of publication are given."""
    stop = end
    accessed = _ACCESSED.search(text, pos, end)
    if accessed:
        stop = accessed.start()
    for p in _PAREN.finditer(text, pos, stop):
        years = _YEAR.findall(p.group(1))
        if years:
            return years[-1], bool(_PUB_FACTS.match(text, p.start(), stop)) or len(p.group(1)) <= 6
    # (not the first year of a span in the title, "France, 1815-1914: The Bourgeois Century. New
    # York: Oxford University Press, 1986.": the year a year alone after it gives)
    # and, of several, the one the note's page or its end follows, the year of its publication
    # facts: "Castenholz, William Burtice. The Growth of Socialism ... Law of 1878 / by William
    # Burtice Castenholz. No place, unknown, or undetermined, 1903, 4.")
    first = alone = None
    for y in _YEAR.finditer(text, pos, stop):
        if _SPAN_GOES_ON.match(text, y.end()):
            first = first or y
            continue
        if _PAGE_OR_END.match(text, y.end(), stop):
            return y.group(0), False
        alone = alone or y
    found = alone or first
    return (found.group(0) if found else None), False


_PAGE_OR_END = re.compile(rf"\s*(?:[.,]\s*(?:pp?\.\s*)?\d{{1,5}}(?:\s*[{DASHES}]\s*\d{{1,5}})?)?[.,]?\s*$")
_SPAN_GOES_ON = re.compile(rf"\s*[{DASHES}]\s*\d")


def _trimmed(text: str, pos: int, stop: int) -> int:
    """Where a work cited in ``text[pos:stop]`` ends: before the spaces and the full stop after it."""
    while stop > pos and text[stop - 1] in " \t\n.":
        stop -= 1
    return stop


_MORE_FACTS = re.compile(r",\s*[^\W\d]")


def _work_at(text: str, pos: int, end: int) -> NoteWork | None:
    """The work cited at ``pos``: authors, a comma, a title, and a year or a page after it."""
    m = _AUTHORS.match(text, pos, end)
    if m is None:
        return None
    first = m.group("first")
    if not is_acronym(first) and (
        first.split()[0].rstrip(".").lower() in _NOT_NAMES or all(len(w) <= 2 for w in first.split())
    ):
        return None  # "However, ...", "A. B., ...": no name ("WHO", "UN": an organisation's capitals)
    back = _BACK.match(text, m.end(), end)
    if back is not None:
        names = [first] + [n for n in _SPLIT_NAMES.split(m.group("more") or "") if n.strip()]
        return NoteWork(
            start=pos,
            end=back.end(),
            names=[n.strip() for n in names],
            title=None,
            year=None,
            locator=back.group("loc"),
            back=True,
            note=back.group("note"),
        )
    # (a surname alone, "Jordan, Thomas M. ...", may be followed by the given names)
    alone = len(first.split()) == 1
    given = None if m.group("more") or m.group("etal") or not alone else _given_names(text, m.end(), end)
    head = given if given is not None else m.end()
    found = _title_at(text, head, end)
    if found is None and m.group("more"):
        m = _ONE_AUTHOR.match(text, pos, end)
        given = _given_names(text, m.end(), end) if m and alone and not m.group("etal") else None
        head = given if given is not None else m.end() if m else head
        found = _title_at(text, head, end) if m else None
    if found is None or m is None:
        return None
    names = [first]
    if m.group("more"):
        names += [n for n in _SPLIT_NAMES.split(m.group("more")) if n.strip()]
    title, after, marked = found
    if not marked:
        title, after = _longer_plain(text, head, after, end) or (title, after)
    page = (_MARKED_PAGE if marked else _PAGE).match(text, after, end)
    if page is not None and _YEAR.fullmatch(page.group(1)) and _MORE_FACTS.match(text, page.end(), end):
        page = None  # "Marx and Engels, The Communist Manifesto, 1955, Bard.edu": a year, then more facts
    # a short note's page right after its title: no year follows ("Trawick, “Moral Economy,” 1500")
    year, facts = (None, False) if page else _year(text, after, end)
    if not marked and year is None and page is None:
        return None  # "Smith, However the matter ...": no title of a work
    if not marked and not m.group("more") and first.lower() in _DOCUMENTS:
        return None  # "Letter, Smith to Jones, 3 May 1921, ...": a document, not an author's work
    if not marked and len(title.split()) > 20:
        return None
    stop = page.end() if page is not None and year is None else end  # (commentary after a short note's page)
    stop = _trimmed(text, pos, stop)
    return NoteWork(
        start=pos,
        end=stop,
        names=[n.strip() for n in names],
        title=title,
        year=year,
        locator=page.group(1) if page and year is None else None,
        marked=marked,
        full=year is not None and (facts or marked),
    )


# the given names after an inverted surname, as a bibliography writes its author: "Jordan, Thomas M.
# “Battle Command ...”", "King, Martin. The Battle of the Bulge ...", "Roscoe, Thomas, The London and
# Birmingham Railway, (1838)": one to three name words (initials among them), then a period, or a comma
# and no more than one word
_GIVEN = re.compile(rf"(?P<names>{_WORD}(?:[ \t]+{_WORD}){{0,2}})(?P<stop>\.|(?<!\.),)[ \t]+")


def _given_names(text: str, pos: int, end: int) -> int | None:
    """Where the title starts when the one name read at ``pos``'s left is a surname written first,
    with its given names after it (a note written in the bibliography's form): after those names, if
    a title with a year of its own follows them (a short note's "Smith, Wealth, 30" names its title
    there, and a page follows)."""
    g = _GIVEN.match(text, pos, end)
    if g is None or g.group("names").split()[0].rstrip(".").lower() in _NOT_NAMES:
        return None
    if g.group("stop") == "," and (" " in g.group("names") or g.group("names").endswith(".")):
        return None  # ("Smith, Old Regime, 1957": a short title and a year)
    found = _title_at(text, g.end(), end)
    if found is None:
        return None
    _, after, marked = found
    page = (_MARKED_PAGE if marked else _PAGE).match(text, after, end)
    if page is not None and not _YEAR.fullmatch(page.group(1)):
        return None
    year, _ = _year(text, after, end)
    return g.end() if year is not None else None


def _untitled_author(text: str, pos: int, end: int) -> NoteWork | None:
    """A work with no author, cited by its title in quotation marks or italics: "“Known Exploited
    Vulnerabilities,” CISA, accessed March 5, 2024." (never confident: the linker says a miss at
    info at most)."""
    if pos >= end or (text[pos] not in _QUOTES and text[pos] not in "*_"):
        return None
    found = _title_at(text, pos, end)
    if found is None or len(found[0].split()) < 2 or not found[0][:1].isupper():
        return None  # (a title is capitalised, and of two words at least: "“Known Exploited ...”")
    title, after, _ = found
    signal = _SIGNAL.match(title.rstrip(",") + " ")
    if signal is not None and signal.end() > len(title.rstrip(",")):
        return None  # "*See, e.g.*, the discussion above": a signal in italics, no title
    year, _facts = _year(text, after, end)
    return NoteWork(start=pos, end=_trimmed(text, pos, end), names=[], title=title, year=year, marked=True)


def _ibid_at(text: str, pos: int, end: int) -> NoteWork | None:
    m = _IBID.match(text, pos, end)
    if m is None:
        return None
    return NoteWork(
        start=pos, end=m.end(), names=[], title=None, year=None, locator=m.group("loc"), ibid=True
    )


def parse_note(text: str, start: int = 0, end: int | None = None) -> list[NoteWork]:
    """The works the note ``text[start:end]`` cites, in order (none for commentary)."""
    end = len(text) if end is None else end
    end = min(end, start + _MAX_NOTE)
    works: list[NoteWork] = []
    for a, b in _parts(text, start, end):
        while a < b and text[a].isspace():
            a += 1
        if a >= b:
            continue
        work = _ibid_at(text, a, b) or _work_at(text, a, b) or _untitled_author(text, a, b)
        if work is None:
            # "For the classic view, see Wittfogel, ...": the work after a signal
            for s in _SIGNAL.finditer(text, a, b):
                work = _work_at(text, s.end(), b) or _ibid_at(text, s.end(), b)
                if work is not None:
                    break
        if work is None:
            # "Beethoven to Franz Wegeler, 29 June 1801, in *Beethoven's Letters*, ed. A. C. Kalischer
            # (London: Dent, 1909)": a letter or document in an edited collection cites the collection
            work = _in_edited(text, a, b)
        if work is not None:
            works.append(work)
            works.extend(_more_works(text, work.end, b))
        else:  # "see also the discussion in Trawick, “Moral Economy,” 5"
            works.extend(_more_works(text, a, b))
    return works


_IN = re.compile(rf"(?:^|[,.;:]\s*|\s)in\s+(?=[*_\"\u201c]|{UPPER})")
_EDITED_BY = re.compile(rf",?\s+(?:ed\.|eds\.|edited\s+by)\s+(?P<names>{_NAME}(?:,?\s+(?:and|&)\s+{_NAME})?)")


def _in_edited(text: str, pos: int, end: int) -> NoteWork | None:
    """The edited collection a note cites a part of, "..., in *Title*, ed. Name (Place: Publisher,
    Year), page", listed under its editor: its title (in italics or quotation marks, or plain in HTML
    and Word) right before its editor, and a year."""
    for m in _IN.finditer(text, pos, end):
        found = _title_at(text, m.end(), end)
        if found is None:
            continue
        title, after, _ = found
        ed = _EDITED_BY.match(text, after, end)
        if ed is None:
            continue
        year, facts = _year(text, ed.end(), end)
        if year is None:
            continue
        stop = _trimmed(text, pos, end)
        names = [n.strip() for n in _SPLIT_NAMES.split(ed.group("names")) if n.strip()]
        return NoteWork(start=m.end(), end=stop, names=names, title=title, year=year, marked=True, full=facts)
    return None


# where another work may begin in the rest of a part: "..., 12, and, for Britain, Berridge, *Marketing
# Health*, 240", "the discussion in Trawick, “Moral Economy,” 5"
_NEXT = re.compile(rf"(?:,|\b(?:and|see|also|in|by)\b|\bcf\.)\s+(?={UPPER})")


def _more_works(text: str, pos: int, end: int) -> list[NoteWork]:
    """Works after the first in one part of a note, not separated by ";": only those whose title is
    in italics or quotation marks (a plain title there may be any capitalised words)."""
    out = []
    for _ in range(8):  # (a bounded number of tries: a part is a sentence, not a list)
        m = _NEXT.search(text, pos, end)
        if m is None:
            break
        work = _work_at(text, m.end(), end)
        if work is not None and work.marked:
            out.append(work)
            pos = work.end
        else:
            pos = m.end()
    return out


_ANY_YEAR = re.compile(rf"(?<![\w/.]){YEAR}(?![\w/])")


def note_years(text: str, year: str | None) -> list[str]:
    """The years a note's text gives its work of ``year``: all those of the parentheses that hold
    it, as a reprint's "(1939; repr., Chicago: University of Chicago Press, 1961)" gives the
    original's and the reprint's (an entry may list the work under either)."""
    for p in _PAREN.finditer(text):
        years = _ANY_YEAR.findall(p.group(1))
        if year in years:
            return years
    return [year] if year else []


def publication_facts(text: str, notes: list[Footnote]) -> list[tuple[int, int]]:
    """The spans of the facts of publication, "(London: Dent, 1909)", in the notes: a publisher and a
    year, never an author-date citation ("Dent, 1909"), whether or not the note's work was read."""
    spans: list[tuple[int, int]] = []
    for note in notes:
        if note.start >= 0:
            spans.extend(m.span() for m in _FACTS_ANYWHERE.finditer(text, note.text_start, note.end))
    return sorted(spans)


def note_citations(
    text: str, notes: list[Footnote], texts: list[str] | None = None
) -> list[tuple[Footnote, list[Citation]]]:
    """Each note with the citations it holds, in order; "Ibid." stands for the works of the last note
    that cited any (author and title, not the year: a wrong year is reported once, at the note that
    gives it). ``texts``: each note's text as read, when the document's text is markup (LaTeX's
    ``\\emph{}``); its citations are then placed at the whole note."""
    out: list[tuple[Footnote, list[Citation]]] = []
    previous: list[Citation] = []
    cited: list[Citation] = []  # every work cited so far, for "supra" and "op. cit."
    for k, note in enumerate(notes):
        if texts is not None:  # the note's text as read; its place is the note's
            src, a, b = texts[k], 0, len(texts[k])
            place = (note.text_start, note.end) if note.start >= 0 else (-1, -1)
        elif note.start >= 0:
            src, a, b, place = text, note.text_start, note.end, None
        else:  # a note with no place in the text (a loader's): read its own text, no offsets
            src, a, b, place = note.text, 0, len(note.text), (-1, -1)
        cits: list[Citation] = []
        for w in parse_note(src, a, b):
            s, e = (w.start, w.end) if place is None else place
            written = src[w.start : w.end]
            repeated = previous if w.ibid else _cited_before(cited, w) if w.back else None
            if repeated is not None:
                for p in repeated:
                    cits.append(
                        Citation(
                            text=written,
                            start=s,
                            end=e,
                            kind="note",
                            authors=list(p.authors),
                            footnote=note.label,
                            locator=w.locator,
                            name_run=p.name_run,
                            confidence=p.confidence,
                            title=p.title,
                            detail=None,
                        )
                    )
                continue
            cits.append(
                Citation(
                    text=" ".join(written.split()),
                    start=s,
                    end=e,
                    kind="note",
                    authors=[_surname(" ".join(n.split())) for n in w.names],
                    et_al=False,
                    year=w.year,
                    footnote=note.label,
                    locator=w.locator,
                    name_run=" ".join(w.names[0].split()) if w.names else None,
                    confidence="high" if w.names and (w.marked or w.full) else "low",
                    title=w.title,
                )
            )
        works = [c for c in cits if c.text and not _IBID.match(c.text)]
        if works:
            previous = works
        elif not cits and _ARCHIVAL.search(src, a, min(b, a + _MAX_NOTE)):
            # a document in an archive, which names no work: an "Ibid." after it is that document
            previous = []
        cited.extend(works)
        out.append((note, cits))
    return out


def whole_names(cits: list[Citation], refs: list[Reference]) -> None:
    """Give a note's work the whole name of its author where the list has an entry by that name,
    of several words and no given names (an organisation's: "Human Rights Watch, “Egypt: New Law
    ...,” June 2, 2017." was read as a person's, given names first, by the surname "Watch")."""
    whole = {
        fold(r.authors[0]): r.authors[0]
        for r in refs
        if len(r.authors) == 1 and " " in r.authors[0] and not any(r.given)
    }
    if not whole:
        return
    for c in cits:
        if len(c.authors) == 1 and c.name_run and " " in c.name_run:
            name = whole.get(fold(c.name_run))
            if name is not None and c.authors[0] != name:
                c.authors = [name]


def entries_as_notes(refs: list[Reference]) -> list[Reference]:
    """The entries of a notes-bibliography list written as full notes, given names first ("A.D.
    Divine, Dunkirk (E.P. Dutton & Company, Inc., 1948), 39.", "Federic F. Clairmont, "Stalingrad:
    Hitler's Nemesis", ... (2003)"), which the entry reader took for "Divine" and "Dunkirk" or for
    "Federic": read as the note they copy (surnames, title, year). An entry in the bibliography's form,
    surname first ("Marx, Karl, and ..."), or one whose authors are read as the note reads them, is
    left. Returns the entries changed."""
    changed: list[Reference] = []
    for ref in refs:
        if not ref.authors or ref.label or ref.key or not ref.text[:1].isupper():
            continue
        works = parse_note(ref.text, 0, min(len(ref.text), _MAX_NOTE))
        if not works:
            continue
        w = works[0]
        if w.start != 0 or not w.names or w.year is None or not w.title:
            continue
        full = " ".join(w.names[0].split())
        if len(full.split()) < 2 or is_organisation(full):
            continue
        surnames = [_surname(" ".join(n.split())) for n in w.names]
        if ref.authors == surnames:
            continue  # (read alike: "Karl Marx and Friedrich Engels, ...")
        ref.authors = surnames
        ref.given = [" ".join(n.split())[: -len(s)].strip() for n, s in zip(w.names, surnames, strict=True)]
        ref.corporate = False
        ref.title = w.title
        ref.year = w.year
        changed.append(ref)
    return changed


def _cited_before(cited: list[Citation], back: NoteWork) -> list[Citation]:
    """The work "Author, supra note N" or "Author, op. cit." repeats: the latest one by that author
    (in note N, when given); none when no earlier note cites the author (the note is then not read:
    which work it means is unknown)."""
    surname = _surname(back.names[0]).lower()
    mine = [c for c in cited if c.authors and c.authors[0].lower() == surname]
    if back.note is not None:
        mine = [c for c in mine if c.footnote == back.note] or mine
    return mine[-1:]


def mentions(
    text: str, notes: list[Footnote], refs: list[Reference], reference_region: tuple[int, int] | None
) -> list[Citation]:
    """What a notes-bibliography document names without a citation refcheck checks (kind "mention",
    linked by ``matching.linker``): an archive's or papers' undated entry whose author a note names
    ("Reed Smoot to Joseph R. Grundy, 3 May 1929, Smoot Papers" for "Smoot, Reed. Papers. ..."), and
    an author the prose cites by author and page, "(Woolf 4)", "(Marcus 12-14)", as MLA does (its
    discursive notes may cite works in full, making the document read as notes-bibliography)."""
    out: list[Citation] = []
    undated = [r for r in refs if r.year is None and r.authors and len(r.authors[0]) >= 3]
    if undated:
        joined = " ".join(" ".join(n.text.split()) for n in notes)
        for name in dict.fromkeys(r.authors[0] for r in undated):
            m = re.search(rf"(?<!\w){re.escape(' '.join(name.split()))}(?!\w)", joined)
            if m is not None:
                out.append(_mention(m.group(0), name, "archive"))
    if text:
        a, b = reference_region or (len(text), len(text))
        prose = text[:a] + " " + text[b:]
        for name in dict.fromkeys(_AUTHOR_PAGE.findall(prose)):
            out.append(_mention(name, name, "author-page"))
    return out


def _mention(written: str, name: str, how: str) -> Citation:
    return Citation(text=written, start=-1, end=-1, kind="mention", authors=[name], detail=how)


_AUTHOR_PAGE = re.compile(
    r"\((?:see\s+)?([^\W\d_][\w'\u2019-]+(?:\s+[a-z]+\s+[\w'\u2019-]+)?)(?:\s+et\s+al\.)?\s+\d+(?:\s*[-\u2013]\s*\d+)?\)"
)
