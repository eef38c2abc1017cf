"""Author-date citations: "(Vaisman 2007; Millán 2001)", "Bohorquez (2005)", "Smith et al. 2010".

Three passes over each stretch of prose (body text and footnotes, never the reference list):

1. parenthetical groups that hold a year: each ";"- or ","-separated item is an author list and one or
   more years ("Smith 2004, 2006", "Smith 2004a, b"), with optional prefixes ("see", "e.g.,") and
   locators ("p. 14", ": 14", "ch. 2");
2. narrative citations, a name run right before a group that starts with a year: "Bohorquez (2005)";
3. unparenthesised mentions, a name run right before a year, kept only when the name is an author of
   the reference list: "see Embassy of Azerbaijan to Mexico 2008", "Smith & Jones 2004". This is
   what keeps "April 2008", "Summit in 2000" and "since 2004" out.

Author names are read backwards from the year, token by token, and stop at anything that is not part
of a name (a lower-case word that is no particle, a number, a stop word such as "In" or "See").
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, fields
from sys import intern
from typing import Any

from refcheck._lazy import lazy_pattern
from refcheck.extract.organisations import COLLECTIVE_NOUNS
from refcheck.extract.patterns import APOS, DASH, DASHES, MONTHS, REPRINT, YEAR
from refcheck.matching.names import PARTICLES, core_key, fold, fold_text, name_key
from refcheck.model import Citation, Reference

# A year token (patterns.YEAR_TOKEN, case-insensitive) after no word character, ".", "-" or "/",
# and before no word character, "/" or a dash and a digit. Written to open with its possible first
# characters (1, 2 or n, f, i in any case; "İ" and "ı" match "i" without case) and to test what
# precedes that character only then: the regular-expression engine skips to those characters in C,
# twice as fast as trying the whole pattern at every character. (Same matches as
# ``(?<![\w.\-/])(YEAR_TOKEN)(?![\w/]|DASH\d)`` with re.I; tests/test_properties.py.)
_YEAR_FIRST = "12nNfFiIuU\u0130\u0131"  # (a year's possible first characters)
# what follows the year's first character: what precedes it, then its text (case-insensitive)
_YEAR_REST = (
    r"(?<![\w.\-/].)"
    rf"(?i:(?:(?<=1)[5-9]|(?<=2)0)\d\d(?:[a-rt-z](?![a-z]))?(?:{DASH}(?:{YEAR}|\d\d(?!\d))|/\d{{2,4}})?"
    rf"(?:[ \t]?\[{YEAR}\])?"
    r"|(?<=n)(?:\.\s?d\.(?:-?[a-z](?![a-z]))?|d(?=\W)|o\s+date)"
    r"|(?<=f)orthcoming"
    r"|(?<=i)n\s+(?:press|preparation)"
    r"|(?<=u)nder\s+review)"
)
_YEAR_AFTER = rf"(?![\w/]|[{DASHES}]\d)"
_YEAR_RE = re.compile(rf"([{_YEAR_FIRST}]{_YEAR_REST}){_YEAR_AFTER}")
# "(...)" with at most one level of "(...)" inside, or "[...]"; the loop is unrolled (runs of
# non-parentheses matched whole, not a character at a time), which matches the same text sooner.
# Or an EndNote citation not yet formatted, "{Vaisman, 2007 #12}", "{Millán, 2001 #3@p. 4; Hyde,
# 2002 #7}" (its record numbers after "#"), as a manuscript holds it when EndNote's formatting is off.
_PARENS = r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)"
_GROUP = re.compile(_PARENS + r"|\[([^\[\]]*)\]|\{([^{}]*#\d[^{}]*)\}")
# The groups and the years outside them, in one scan (extract_author_date): _GROUP's three kinds and
# _YEAR_RE's year, which ends in an empty group (group 4: the year is the whole match); or, for a
# text without "[" and "{", _GROUP's first kind alone (which finds what _GROUP finds there) and the
# year (group 2). Each opens with the one character that tells them apart (a year never opens with a
# bracket), read by a set as _YEAR_RE's is, so the search skips to those characters in C. The scans
# "_DIGIT" are for a text where no year opens with a letter (_letter_years): they skip the letters
# n, f and i as well, which a text has tens of times as often as a "1" or a "2".
_BRACKETED = r"(?<=\[)([^\[\]]*)\]|(?<=\{)([^{}]*#\d[^{}]*)\}|"


def _scan(first: str, bracketed: str) -> re.Pattern[str]:
    return re.compile(rf"[{first}](?:(?<=\(){_PARENS[2:]}|{bracketed}{_YEAR_REST}{_YEAR_AFTER}())")


_SCAN = _scan(rf"(\[{{{_YEAR_FIRST}", _BRACKETED)
_PAREN_SCAN = _scan(rf"({_YEAR_FIRST}", "")
_DIGIT_SCAN = _scan(r"(\[{12", _BRACKETED)
_DIGIT_PAREN_SCAN = _scan(r"(12", "")
_SUFFIX_CONT = re.compile(r"\s*,\s*([a-z])(?![\w.])")
_LOCATOR = re.compile(
    rf"\s*(?:,|:)\s*(?:(?:pp?|ch|chap|chapter|fig|figs|para|paras|sec|vol|col|n|nn|note|at)\.?\s*|§\s*)?"
    # (no letter after it: in "(Bayzid and Warnow, 2013, Chen and Li, 2001)", as ScienceDirect joins
    # citations, the "C" of "Chen" is no page in Roman numerals)
    rf"[\divxlcIVXLC]+(?:\s*[{DASHES},]\s*\d+)*(?:\s*ff?\.)?(?![\w])"
)
_TOKEN = re.compile(r"\S+")
# (no superscript, subscript or fraction in it, which \w takes for word characters: "R² 2020" in a
# table, "CO₂" are no names; a digit may be, as in "G20 2019")
_NAME_WORD = re.compile(
    r"^(?![^\n]*[\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f])(?:"
    rf"(?:(?:[dDlL]|O|Mc|Mac)[{APOS}])?[A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u042F]"
    rf"[\w{APOS}.{DASHES}/]*$"  # ("/" inside: organisations cited together, "AMAP/UNEP", "EC-JRC/PBL")
    # "vanEngelsdorp", "deVries", "mcNeill": a particle written onto the name
    rf"|(?:van|von|de|der|den|di|du|da|del|la|le|ten|ter|mc|mac)[A-Z][\w{APOS}.{DASHES}]*$"
    # "el-Belbessy", "al-Farsi", "ad-Din": an Arabic article joined to the name
    rf"|(?:al|el|ad|ed|ar|as|at|az|an|ash|ul)[{DASHES}][A-Z\u00C0-\u00DE\u0100-\u024F][\w{APOS}.{DASHES}]*$)"
)
STOP_WORDS = frozenset(
    [
        # sentence adverbs before a narrative citation: "Nonetheless, Borges, Roberto, Yamashita, Assis and
        # Yamamoto (2014) reported", "Interestingly, Smith and Jones (2010)"
        "accordingly",
        "additionally",
        "afterwards",
        "alternatively",
        "besides",
        "briefly",
        "certainly",
        "clearly",
        "consequently",
        "elsewhere",
        "essentially",
        "evidently",
        "finally",
        "firstly",
        "fortunately",
        "generally",
        "importantly",
        "initially",
        "interestingly",
        "lastly",
        "likewise",
        "nonetheless",
        "notwithstanding",
        "originally",
        "presumably",
        "remarkably",
        "secondly",
        "specifically",
        "subsequently",
        "surprisingly",
        "thirdly",
        "typically",
        "ultimately",
        "unfortunately",
        "a",
        "about",
        "above",
        "according",
        "after",
        "again",
        "against",
        "all",
        "also",
        "although",
        "among",
        "an",
        "and",
        "another",
        "any",
        "are",
        "as",
        "at",
        "based",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "cf",
        "compare",
        "conversely",
        "could",
        "data",
        "despite",
        "did",
        "do",
        "does",
        "due",
        "during",
        "each",
        "either",
        "especially",
        "et",
        "even",
        "ever",
        "every",
        "except",
        "following",
        "for",
        "from",
        "further",
        "furthermore",
        "given",
        "had",
        "has",
        "have",
        "having",
        "here",
        "hence",
        "how",
        "however",
        "i",
        "if",
        "in",
        "including",
        "indeed",
        "instead",
        "into",
        "is",
        "it",
        "its",
        "just",
        "later",
        "like",
        "many",
        "may",
        "meanwhile",
        "might",
        "more",
        "moreover",
        "most",
        "much",
        "must",
        "my",
        "namely",
        "neither",
        "never",
        "nevertheless",
        "next",
        "no",
        "nor",
        "not",
        "notably",
        "now",
        "of",
        "often",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "others",
        "otherwise",
        "our",
        "out",
        "over",
        "overall",
        "particularly",
        "per",
        "perhaps",
        "previously",
        "prior",
        "rather",
        "recently",
        "regarding",
        "reviewed",
        "respectively",
        "see",
        "several",
        "shown",
        "similar",
        "similarly",
        "since",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "thereby",
        "therefore",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "thus",
        "to",
        "together",
        "too",
        "toward",
        "towards",
        "under",
        "unlike",
        "until",
        "upon",
        "using",
        "via",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whereas",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "figure",
        "figures",
        "fig",
        "figs",
        "table",
        "tables",
        "supplementary",
        "appendix",
        "section",
        "sections",
        "chapter",
        "chapters",
        "eq",
        "equation",
        "equations",
        "vol",
        "volume",
        "no",
        "nos",
        "number",
        "page",
        "pages",
        "panel",
        "panels",
        "movie",
        "video",
        "box",
        "step",
        "phase",
        "version",
        "release",
        "model",
        "type",
        "group",
        "study",
        "studies",
        "experiment",
        "experiments",
        "sample",
        "samples",
        "dataset",
        "datasets",
        "file",
        "files",
        "source",
        "note",
        "notes",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "summit",
        "conference",
        "meeting",
        "congress",
        "census",
        "act",
        "law",
        "report",
        "edition",
    ]
) | frozenset(MONTHS)


# an event's name before its year ("Data Science Symposium 2021", "Research and Creative Activities
# Symposium 2020"): no authors
_EVENT_NOUNS = frozenset({"symposium", "conference", "workshop", "summit", "hackathon", "olympics", "expo"})
# "June-September 2009", "Nov.–Dec. 2010": a span of months is a date, not a name
_MONTH_SPAN = re.compile(rf"^(?i:(?:{'|'.join(MONTHS)})\.?(?:[{DASHES}/](?:{'|'.join(MONTHS)})\.?)+)$")


@dataclass
class NameRun:
    """A run of author names read backwards from a year."""

    start: int  # offset of the first name
    authors: list[str]
    et_al: bool
    full: str = ""  # every word read, before trimming to a known name ("R Project", not "Project")
    low: bool = False  # its citations are read with low confidence (see _plausible)


class KnownAuthors:
    """Author names of the reference list, to recognise corporate names and bare mentions."""

    def __init__(self, names: Iterable[str], corporate: Iterable[str] = ()) -> None:
        names = list(names)
        self.keys: set[str] = set(map(name_key, names))
        self.keys.update(map(core_key, names))
        self.corporate: dict[str, list[str]] = {}  # key of last word -> folded full names
        for name in corporate:
            self.keys.add(name_key(name))
            words = fold(name).split()
            if len(words) > 1:
                self.corporate.setdefault(name_key(words[-1]), []).append(fold(name))
        self.keys.discard("")
        # Citations of groups read before, by the group's text (see extract_author_date), and how
        # often a corporate name was looked up with candidates (such a reading may depend on the
        # text before the group, and is not remembered).
        self.groups: dict[tuple[str, str | None], _Kept] = {}
        # What a narrative group ("(2005)", "(2005a, p. 4)") makes of the names before it, by the
        # group's text (see _parse_group)
        self.narratives: dict[tuple[str, str | None], list[_Shape]] = {}
        self.corporate_lookups = 0
        self._knows: dict[str, bool] = {}  # names looked up (knows)
        self.facts = _Facts()  # of the words read as names (see _read_backwards)
        self.blocks: list[int] = []  # the document's block starts (Document.block_starts)
        self.capitals = False  # the list writes its persons' surnames in capitals (see of)
        self._near: dict[str, bool] = {}  # capitalised names looked up (near_known)

    @classmethod
    def of(cls, refs: Iterable[Reference]) -> KnownAuthors:
        refs = list(refs)

        def corporate(r: Reference) -> list[str]:
            # a multi-word first author with no given names reads as an organisation
            first = r.authors[:1]
            # and so does a later one ("Riddle, D. L., & National Center for Biotechnology Information")
            later = [
                a for a, g in zip(r.authors[1:], r.given[1:], strict=False) if not g and len(a.split()) > 2
            ]
            if first and (r.corporate or (len(first[0].split()) > 1 and not (r.given[:1] or [""])[0])):
                return [*first, *r.aliases, *later]
            return [*r.aliases, *later]

        known = cls((a for r in refs for a in r.authors), [a for r in refs for a in corporate(r)])
        # ABNT lists write surnames in capitals ("GLUCKSMANN, A. (1981)"), and so do their cites
        firsts = [r.authors[0] for r in refs if r.authors and r.given[:1] != [""]]
        known.capitals = len(firsts) >= 3 and 2 * sum(1 for a in firsts if _CAPITAL_SURNAME.match(a)) > len(
            firsts
        )
        return known

    def knows(self, name: str) -> bool:
        found = self._knows.get(name)
        if found is None:
            found = name_key(name) in self.keys or core_key(name) in self.keys
            if len(self._knows) < _FACTS_KEPT:
                self._knows[name] = found
        return found

    def near_known(self, name: str) -> bool:
        """Whether the list knows a name one or two letters from ``name`` ("GLUKCSMANN" of
        "GLUCKSMANN"): a misspelt surname, as a list in capitals cites it."""
        found = self._near.get(name)
        if found is None:
            from refcheck.matching.linker import near_miss  # (only for a list in capitals)

            key = name_key(name)
            found = any(near_miss(key, k) for k in self.keys)
            if len(self._near) < _FACTS_KEPT:
                self._near[name] = found
        return found

    def corporate_ending_at(self, text: str, end: int) -> int | None:
        """Start offset of a known multi-word name that ends at ``end`` in ``text``, if any."""
        before = text[max(0, end - 200) : end].rstrip().rstrip(",").rstrip()
        if not before:
            return None
        cands = self.corporate.get(name_key(before.rsplit(None, 1)[-1]))  # its last word
        if not cands:
            return None
        self.corporate_lookups += 1
        base = max(0, end - 200)
        folded_before = fold_text(before)  # (200 characters read once: not remembered)
        for full in sorted(cands, key=len, reverse=True):
            if folded_before.endswith(full):
                # find where it starts in the original (same number of words)
                n_words = len(full.split())
                toks = list(_TOKEN.finditer(before))
                if len(toks) >= n_words:
                    tok = toks[-n_words]
                    lead = len(tok.group(0)) - len(tok.group(0).lstrip("([{\"'\u201c\u2018"))
                    return base + tok.start() + lead
        return None


def read_names_backwards(
    text: str, end: int, floor: int, known: KnownAuthors | None = None, semicolons: bool = False
) -> NameRun | None:
    """Read author names ending right before ``end`` (a year or an opening parenthesis). With
    ``semicolons`` (an item of a parenthetical group, which holds no other year), ";" separates
    authors too: ABNT's "(ANACHE; ROVETTO; OLIVEIRA, 2014)"."""
    # the end of the names: white space and a comma before ``end`` left out (stepped over here rather
    # than by a strip of the 250 characters before it: mostly one space)
    limit = end
    while limit > floor and text[limit - 1].isspace():
        limit -= 1
    if limit > floor and text[limit - 1] == ",":
        limit -= 1
        while limit > floor and text[limit - 1].isspace():
            limit -= 1
    if limit <= floor:
        return None
    if known is not None and known.corporate:  # (no multi-word name in the list: none can end here)
        # "1000 Genomes Project Consortium et al., 2010": a corporate name may stand before "et al."
        etal = _ETAL_END.search(text, floor, limit)
        corp_end = etal.start() if etal else limit
        corp = known.corporate_ending_at(text, corp_end)
        if corp is not None and corp >= floor:
            name = " ".join(text[corp:corp_end].split()).rstrip(",")
            joined = _JOINED_BEFORE.search(text, floor, corp)
            if joined is not None:
                # "Riddle and National Center for Biotechnology Information (2001)": names before it
                before = read_names_backwards(text, joined.start(), floor, known)
                if before is not None and known.knows(before.authors[0]):
                    return NameRun(before.start, [*before.authors, intern(name)], bool(etal))
            return NameRun(start=corp, authors=[intern(name)], et_al=bool(etal))
    # Names are read from the end and rarely run long: tokenise a short window first, and the whole
    # 250 characters only when the reading comes near the window's first token (which may be cut).
    # (conditional expressions rather than max(): a builtin call each, thousands of readings)
    lo = limit - 250 if limit - 250 > floor else floor
    window = limit - _WINDOW if limit - _WINDOW > lo else lo
    names, et_al, last = _read_backwards(text, window, limit, known, semicolons)
    if last < 3 and window > lo:
        names, et_al, last = _read_backwards(text, lo, limit, known, semicolons)
    if len(names) == 1:
        first_words = names[0]
        if not first_words:
            return None
        if len(first_words) == 1:  # one author of one word, the common case: nothing to trim
            at, word = first_words[0]
            word = intern(word)
            return NameRun(at, [word], et_al, word)
        authors = names
    else:
        authors = [a for a in names if a]
        if not authors:
            return None
        authors.reverse()
        if len(authors) > 1:
            # "(Agostinelli, C. and Lund, 2022)": initials after a surname are that author's, no author
            authors[1:] = [a for a in authors[1:] if not all(_INITIALS_ONLY().match(w) for _, w in a)]
        if len(authors) > 2 or any(len(a) > 1 for a in authors):
            authors = _repeated_names(authors)
        first_words = authors[0]
    if (
        known is not None
        and len(authors) > 1
        and all(len(a) > 1 and _BARE_INITIALS().match(a[-1][1]) for a in authors)
        and known.knows(" ".join([w for _, w in authors[0][:-1]]))
        and text[max(0, authors[0][0][0] - 16) : authors[0][0][0]].rstrip().endswith(("(", "[", ";"))
    ):
        # "(Flinspach M, Neff R, Liu Y, & al., 2015)": every name written as Vancouver writes it, the
        # surname and then its bare initials, the first surname one the list knows, in parentheses:
        # the initials are each author's, no part of a surname (not in running text, where "from
        # Hotez PJ, Bottazzi ME, et al. 2012. Texas and Mexico ..." is a reference written in full)
        authors = [a[:-1] for a in authors]
        first_words = authors[0]
    if known is not None and len(authors) > 1 and len(authors[1]) > 1:
        given = _given_names_dropped(authors, known)
        if given is not None:
            start, surnames = given
            return NameRun(start, surnames, et_al, surnames[0])
    if et_al and len(first_words) > 1 and _INITIALS_ONLY().match(first_words[-1][1]):
        # "(Braune S. et al. 2002)": the initials written after the surname are its, no surname (not
        # without "et al.": "Richter D, Alberti S. 2015." is the end of a list of authors)
        first_words = first_words[:-1]
        authors[0] = first_words
    if (
        known is not None
        and len(first_words) > 1
        and _BARE_INITIALS().match(first_words[-1][1])
        and text[max(0, first_words[0][0] - 16) : first_words[0][0]].rstrip().endswith(("(", "[", ";"))
        and known.knows(" ".join([w for _, w in first_words[:-1]]))
        and not known.knows(" ".join([w for _, w in first_words]))
    ):
        # "(Team R, 2019)" for the entry "Team R. (2019)", "(Smith J, 2010)": initials written after a
        # surname the list knows are its initials, as the entry writes them, no part of the surname
        first_words = first_words[:-1]
        authors[0] = first_words
    full = " ".join([w for _, w in first_words])
    # Choose the shortest tail of the first author that the reference list knows ("Recently Smith").
    if known is not None and len(first_words) > 1 and not known.knows(full):
        for k in range(1, len(first_words)):
            tail = first_words[k:]
            if known.knows(" ".join([w for _, w in tail])):
                authors[0] = tail
                break
        else:
            # Unknown multi-word name: keep the last word and its particles ("Recently Smith"), but
            # not at the start of a parenthesis or after a citation's semicolon, where no word of the
            # sentence stands before the name: "(Armstrong McKay et al., 2022", "; Perez de Souza et
            # al., 2021": the whole name is the first author's, so a missing entry is named as cited.
            at = first_words[0][0]
            lead = text[max(0, at - 16) : at].rstrip()  # (a few characters: no copy of the text)
            if (
                first_words[-1][1].lower() in _COLLECTIVE_NOUNS
                and len(authors) == 1
                and len(first_words) <= 4
            ):
                # "using R Core Team (2023)", "(The Manim Community Developers, 2022)": a name ending in
                # a body's noun is an organisation's, cited whole (its entry gone, the missing work is
                # named as cited, not "Team"); a "The" written before it is the name's too
                the = text[max(0, at - 4) : at]
                if the == "The " and (at == 4 or not text[at - 5].isalnum()):
                    at -= 4
                    first_words = [(at, "The"), *first_words]
                    authors[0] = first_words
                    full = " ".join([w for _, w in first_words])
            elif not lead.endswith(("(", "[", ";")):
                j = len(first_words) - 1
                while j > 0 and first_words[j - 1][1].lower() in PARTICLES:
                    j -= 1
                authors[0] = first_words[j:]
    if known is not None and len(authors) > 1:
        _later_tails(authors, known)
    start = authors[0][0][0]
    return NameRun(start, [intern(" ".join([w for _, w in a])) for a in authors], et_al, intern(full))


def _repeated_names(authors: list[list[tuple[int, str]]]) -> list[list[tuple[int, str]]]:
    """The names of a citation written after the same names ("(although Wagner and Gabriel Wagner
    and Gabriel, 1990 had ...)", "(Cao et al Cao et al. 2007)": a numbered citation turned into an
    author-date one after the names it followed): the last writing of them."""
    words = [w for a in authors for w in a]
    for k, (_, w) in enumerate(words[:-1]):
        if w == "al" or w == "al.":
            # "et" was read as "and"; what stands before "al" is an earlier "Cao et al"
            rest = [a for a in authors if a[0][0] > words[k][0]]
            cut = [w2 for w2 in words[k + 1 :] if not rest or w2[0] < rest[0][0][0]]
            return ([cut] if cut else []) + rest or authors
    half, odd = divmod(len(words), 2)
    if odd or half == 0:
        return authors
    bare = [w.strip(",.") for _, w in words]
    if bare[:half] != bare[half:]:
        return authors
    starts, k = [], 0
    for a in authors:
        if k == half:
            return authors  # "Kim, Lee, Kim and Lee": four authors, two of each name
        if k < half:
            starts.append(k)
        k += len(a)
    return [words[half + a : half + b] for a, b in zip(starts, [*starts[1:], half], strict=True)]


def _known_tail(words: list[tuple[int, str]], known: KnownAuthors) -> int | None:
    """The index where the shortest tail of a name's words that the list knows begins."""
    for k in range(len(words) - 1, -1, -1):
        if known.knows(" ".join([w for _, w in words[k:]])):
            return k
    return None


def _later_tails(authors: list[list[tuple[int, str]]], known: KnownAuthors) -> None:
    """A later author read as a particle, a given name and a surname the list knows, which the full
    name is not: the particle is the sentence's ("a deixa de Robert Russett e de Cecile Starr (1976)":
    Portuguese "e de", "and of", before the second name), and the given name and surname are left to
    the matching, which tells a given name from a surname's first word ("Melvill Jones" is "Jones,
    G. M." and not "Jones, G. A.")."""
    for n in range(1, len(authors)):
        words = authors[n]
        if (
            len(words) >= 3
            and words[0][1].lower() in PARTICLES
            and words[1][1][:1].isupper()
            and words[1][1].lower() not in PARTICLES
            and known.knows(words[-1][1])
            and not known.knows(" ".join([w for _, w in words]))
        ):
            authors[n] = words[1:]


def _given_names_dropped(
    authors: list[list[tuple[int, str]]], known: KnownAuthors
) -> tuple[int, list[str]] | None:
    """ "PLoS Biology, Elizabeth Blackburn and Janet Rowley (2004)": the names after a first "author"
    the list does not know are written with their given names, and each ends in a surname it knows:
    they are the citation's names (start, surnames). Only then, so that a misspelt first author
    ("Smtih, Jones and Lee") stays the citation's first author."""
    if _known_tail(authors[0], known) is not None:
        return None
    tails = [_known_tail(a, known) for a in authors[1:]]
    if any(k is None for k in tails) or not any(
        k and not all(w.lower() in PARTICLES for _, w in a[:k])
        for a, k in zip(authors[1:], tails, strict=True)
    ):
        return None  # (a particle before a known surname, "and van Dijk", is the surname's, no given name)
    names = [
        intern(" ".join([w for _, w in a[k:]]))
        for a, k in zip(authors[1:], tails, strict=True)
        if k is not None
    ]
    return authors[1][0][0], names


_WINDOW = 64  # characters read first by read_names_backwards
_JOINED_BEFORE = re.compile(r"(?:,?\s+(?:and|&)|,)\s+$")
_ETAL_END = re.compile(r"\s+(?:et\.?|&)\s+al\.?,?$")
_BRACKETED_URL = re.compile(r"^\[(?:https?://|www\.)\S*\]$")
_INITIALS_ONLY = lazy_pattern(r"^(?:[A-Z]\.)+$")
_BARE_INITIALS = lazy_pattern(r"^(?:[A-Z]\.?){1,3}$")
_AND_WORDS = frozenset(("and", "&", "und", "y", "et", "e"))
_NO_SERIAL_COMMA = frozenset(("e", "y"))
_COLLEAGUES = frozenset(("colleagues", "coworkers", "co-workers", "collaborators", "associates"))
_COLLECTIVE_NOUNS = COLLECTIVE_NOUNS


def _read_backwards(
    text: str, start: int, end: int, known: KnownAuthors | None, semicolons: bool = False
) -> tuple[list[list[tuple[int, str]]], bool, int]:
    """The name words of ``text[start:end]``'s tokens read from the last one back: (authors, last
    first, each a list of (offset, word); et al.; the index where reading stopped, -1 when every
    token was read). Reading never looks more than two tokens below the index where it stopped."""
    # (str.split() cuts where \S+ does, several times sooner than a finditer)
    tokens = text[start:end].split()
    names: list[list[tuple[int, str]]] = [[]]  # authors, last first; each a list of (offset, word)
    et_al = False
    seen_connector = False
    listed = False  # authors were separated by a comma ("Smith, Jones and Lee")
    first = True  # no name read yet (``not any(names)``: names are only added, so a flag says it)
    facts = known.facts if known is not None else _Facts()
    kept_tokens, kept_words = facts.tokens, facts.words  # (looked up here: a call less per token)
    quick = facts.quick
    # offsets of the tokens, found from the last back as far as needed: ``at`` is where token
    # ``found`` starts (only white space lies between a token and the next one)
    found, at = len(tokens), end
    i = len(tokens) - 1
    if i >= 2 and tokens[i].rstrip(",") in _COLLEAGUES and tokens[i - 1] in ("and", "&"):
        et_al = True  # "Burriss and colleagues (2015)": the first author's name, and et al.
        i -= 2
    while i >= 0:
        tok = tokens[i]
        # a plain name word, or a word that ends the names, in one look-up without the 13 facts (most
        # tokens read are one or the other: about a tenth of the extraction's time at 1x)
        plain = quick[first].get(tok)
        if plain is not None:
            if not plain:
                break
            if plain is not _ALONE:
                while found > i:
                    found -= 1
                    at = text.rfind(tokens[found], start, at)
                names[-1].insert(0, (at, plain))
                first = False
                i -= 1
                continue
            if (
                not et_al
                and not (i >= 2 and tokens[i - 1] in ("and", "&"))
                and not _organisation_ends(tokens, i, tok)
            ):
                break  # "In 2004", "May 2004": a capitalised word that is no surname unless joined to one
        # the token's facts and its word's, in one look-up
        (
            al,
            and_word,
            opener,
            generation,
            word,
            bracketed,
            comma,
            bare,
            particle,
            stop,
            upper,
            name_word,
            sentence_end,
        ) = kept_tokens[first].get(tok) or facts.token(tok, first, known)
        # (or "& al.", as taxonomists and French authors write it: "Feinberg & al., 2014")
        if (
            al
            and i > 0
            and first
            and (tokens[i - 1].lower() == "et" or (tokens[i - 1] == "&" and tok[0] == "a"))
        ):
            et_al = True
            # "Liti, Carter, et al.": names added to tell works apart, a comma list before "et al."
            seen_connector = i > 1 and tokens[i - 2].endswith(",")
            i -= 2
            continue
        if and_word and names[-1]:
            if tok in _NO_SERIAL_COMMA and i > 0 and tokens[i - 1].endswith(","):
                # "na Serra do Mar em Santo André, e Mantovani (1998) relata": Portuguese and Spanish
                # write no comma before the "e", "y" of a list of names; after one, a clause begins
                break
            if listed:
                # "Statistically Equivalent and Statistically Different / Hyde, Lindberg, and
                # Williams (2008)": a list "A, B, and C" has one "and"; another before it is not the list's
                break
            names.append([])
            seen_connector = True
            i -= 1
            continue
        # (word: "[Hesselson et al., 2009]" inside a parenthesis: the name ends the run)
        if generation:
            i -= 1  # "Smith Jr. (2005)": the suffix is no name of its own
            continue
        if semicolons and word.endswith(";") and names[-1]:
            word = word[:-1]
            names.append([])
            seen_connector = True
            comma, bare, particle, stop, upper, name_word, sentence_end = kept_words.get(word) or facts.word(
                word, known
            )
        word = bare
        if comma and names[-1]:
            # "Smith, Jones and Lee": commas separate authors only in a list closed by "and".
            if not seen_connector:
                break
            names.append([])
            listed = True
        if not word:
            break
        if bracketed and first:
            i -= 1  # "BioRuby [http://www.bioruby.org] n.d.": the bracketed address is no name
            continue
        is_particle = particle and bool(names[-1])
        if bare == "I" and names[-1] and i > 0 and _catalan_joiner(tokens[i - 1]):
            is_particle = True  # "Prat I Fornells", "Puig I Cadafalch": Catalan "i" written in capitals
        elif (bare == "las" or bare == "los") and names[-1] and i > 0 and tokens[i - 1].lower() == "de":
            is_particle = True  # "de las Heras", "de los Reyes": a Spanish article after "de", in the name
        if stop and upper and _stands_as_surname(tokens, i, names, et_al, listed):
            stop = False  # "Will et al.", "Fall and Smith", "Smith and May": a surname that is also a word
        elif stop and upper and first and _organisation_ends(tokens, i, word):
            stop = False  # "(The Open Group, 2017)": an organisation's name ends in the word
        if is_particle or (not stop and name_word):
            if sentence_end:
                break  # end of a sentence
            while found > i:
                found -= 1
                at = text.rfind(tokens[found], start, at)
            names[-1].insert(0, (at + opener, word))
            first = False
            i -= 1
            if opener:
                break
            continue
        break
    return names, et_al, i


_FACTS_KEPT = 50_000  # distinct tokens and words whose facts a document remembers, of each kind


class _Facts:
    """What reading names needs to know of a token or a word, worked out once per distinct one (the
    same names and words recur all through a document; a dictionary look-up replaces a dozen string
    operations and three regular expressions per token read). It holds no reference to the
    KnownAuthors that holds it: no reference cycle, so it goes with the document."""

    def __init__(self) -> None:
        # by ``first`` (False, True), then by token: its facts followed by its word's (see token)
        self.tokens: tuple[dict[str, _TokenFacts], ...] = ({}, {})
        self.words: dict[str, _WordFacts] = {}
        # by ``first`` too, the tokens whose reading is the same whatever was read before them: the
        # name word a plain name adds, or "" for a word that ends the names (see _quick)
        self.quick: tuple[dict[str, str], ...] = ({}, {})

    def token(self, tok: str, first: bool, known: KnownAuthors | None) -> _TokenFacts:
        """(the "al" of "et al.", an "and" word, the opening brackets' length, a generation suffix,
        the word without them, a bracketed address), followed by the facts of that word (``word``);
        the opening is also a word and an em dash glued before a name ("treatment—Anderson");
        ``first``: no name read yet (a suffix is then skipped and a possessive "'s" dropped)."""
        kept = self.tokens[first]
        found = kept.get(tok)
        if found is None:
            # (Markdown's emphasis opens the names as a bracket does: "**Caliskan & Callon (2009)**",
            # "*Smith (2001)*" in notes and literature reviews)
            opener = len(tok) - len(tok.lstrip("([*_"))
            dash = tok.rfind("\u2014", opener)
            if dash > opener and tok[opener : 1 + opener].islower() and tok[dash + 1 : dash + 2].isupper():
                # "treatment—Anderson, Clarke and Voigt (2006)": the names open after the dash (not in
                # "Martínez—Díaz", one name)
                opener = dash + 1
            word = tok[opener:]
            generation = False
            if first:
                # (each expression only on the words it can match: a "J" or "S" first, an "s" or an
                # apostrophe last; most names are neither, and the two cost a third of the facts)
                generation = word[:1] in "JS" and _GENERATION.match(word) is not None
                if word[-1:] in _POSSESSIVE_LAST:
                    word = _POSSESSIVE.sub("", word)  # "Kizuk's (2015) study"
            found = (
                tok.lower().rstrip(",") in ("al.", "al"),
                tok in _AND_WORDS,
                opener,
                generation,
                word,
                first and tok[:1] == "[" and _BRACKETED_URL.match(tok) is not None,
                *(self.words.get(word) or self.word(word, known)),
            )
            if len(kept) < _FACTS_KEPT:
                kept[tok] = found
                plain = _quick(tok, found, first)
                if plain is not None:
                    self.quick[first][tok] = plain
        return found

    def word(self, word: str, known: KnownAuthors | None) -> _WordFacts:
        """(a comma after it, the word without commas, a particle, a stop word the list does not
        know, capitalised, shaped as a name, a sentence end)."""
        found = self.words.get(word)
        if found is None:
            comma = word.endswith(",")
            bare = (word[:-1] if comma else word).rstrip(",")
            found = (
                comma,
                bare,
                # (Catalan "i" joins a double surname: "Llabrés i Xamena", "Puig i Cadafalch")
                bare.lower().strip(APOS) in PARTICLES or bare == "i",
                (bare.lower().strip(".") in STOP_WORDS or _MONTH_SPAN.match(bare) is not None)
                and not (known is not None and known.knows(bare)),
                bare[:1].isupper(),
                _NAME_WORD.match(bare) is not None
                # "de-Souza-Cruz", "da-Silva": a surname of the list, however it is shaped (one with
                # a capital in it: no common word the list happens to hold, "little")
                or (known is not None and not bare.islower() and bare[:1].isalpha() and known.knows(bare)),
                # ("Ghizoni-Jr.": a generation suffix joined to the surname ends no sentence)
                bare.endswith(".")
                and bare != "St."
                and _INITIALS_ONLY().match(bare) is None
                and _JOINED_GENERATION.search(bare) is None,
            )
            if len(self.words) < _FACTS_KEPT:
                self.words[word] = found
        return found


def _quick(tok: str, facts: _TokenFacts, first: bool) -> str | None:
    """What _read_backwards does with a token of these facts when that depends on nothing read before
    it: a plain name word adds its word (returned) and reading goes on; a word that is no name and
    can be none in any place ends the names (""); _ALONE for a capitalised common word read first
    ("In", "May"), which ends them unless it stands as a surname (see _stands_as_surname); None for
    the others, read fact by fact."""
    al, and_word, opener, generation, _, bracketed, comma, bare, particle, stop, upper, name_word, end = facts
    if al or and_word or generation or bracketed or comma or particle or tok.endswith(";"):
        return None  # (each tested against what was read before, or reading goes on past it)
    if not bare:
        return ""
    if stop and upper:
        # "Will et al.", "Fall and Smith": it may stand as a surname (_stands_as_surname)
        return _ALONE if first else None
    if stop or not name_word or end:
        return ""  # (a name word that ends a sentence ends the names too)
    return None if opener else bare  # ("(Smith": the opening bracket ends the names after it)


_ALONE = "\x00"  # (no word read is this)


# what _Facts.word tells of a word, and what _Facts.token of a token: its own facts, then its word's
_WordFacts = tuple[bool, str, bool, bool, bool, bool, bool]
_TokenFacts = tuple[bool, bool, int, bool, str, bool, bool, str, bool, bool, bool, bool, bool]

_GENERATION = re.compile(r"^(?:Jr|Sr|JR\.|SR\.|Jr\.|Sr\.),?$")
_JOINED_GENERATION = re.compile(rf"\w[{DASHES}](?:Jr|Sr|JR|SR)\.$")  # "Ghizoni-Jr.", "Silva-Jr."
_POSSESSIVE = re.compile(rf"(?<=\w)(?:[{APOS}]s|(?<=s)[{APOS}])$")
_POSSESSIVE_LAST = frozenset("s" + APOS)  # what a word _POSSESSIVE changes ends with


def _catalan_joiner(before: str) -> bool:
    """Whether a capital "I" after the token ``before`` joins two surnames, as Catalan "i" does, written
    in capitals by a style that capitalises each word of a name ("Sherwin & Prat I Fornells, 2019"):
    a capitalised name word stands before it, no common word ("so I Smith") and no initial."""
    word = before.lstrip("([")
    return (
        len(word) > 1
        and word[-1:].isalpha()
        and _NAME_WORD.match(word) is not None
        and word.lower() not in STOP_WORDS
        and not word.isupper()
    )


def _stands_as_surname(
    tokens: list[str], i: int, names: list[list[tuple[int, str]]], et_al: bool, listed: bool = False
) -> bool:
    """Whether the capitalised word at ``tokens[i]``, also a common word ("Will", "Fall", "May"), stands
    where only a surname stands: right before "et al.", joined by "and"/"&" to a name, or between
    two names of a comma list ("Lim, Jun, Jang, Cho and Chae, 2010": a first cite of five names)."""
    if listed and not names[-1] and len(names) >= 2 and i >= 1 and tokens[i].endswith(","):
        other = tokens[i - 1].lstrip("([")
        if other.endswith(",") and not other.endswith(".,"):
            other = other[:-1]
            return bool(_NAME_WORD.match(other)) and other.lower() not in STOP_WORDS
        # "Lessard, Saad, Le Page, Diallo and Peant", "Pieterse, Van der Does, Zamioudis, ...": the
        # surname's particle (of one word or more) before it, after a comma or the opening bracket
        j = i - 1
        while j >= 0 and tokens[j].lstrip("([").lower() in PARTICLES:
            j -= 1
        if j < i - 1 and (tokens[j + 1][:1] in "([" or (j >= 0 and tokens[j].endswith(","))):
            return True
    if not names[-1] and len(names) == 1:
        if et_al:
            return True  # "Will et al., 2002"
        # "Smith and May 2002": the word is the last name of a pair
        if i >= 2 and tokens[i - 1] in ("and", "&"):
            other = tokens[i - 2].lstrip("([").rstrip(",")
            return bool(_NAME_WORD.match(other)) and other.lower().strip(".") not in STOP_WORDS
        return False
    # "Fall and Smith": the word stands right before "and" + a name already read
    joined = i + 1 < len(tokens) and tokens[i + 1] in ("and", "&")
    return joined and not names[-1] and len(names) >= 2 and bool(names[-2]) and not et_al


def _organisation_ends(tokens: list[str], i: int, word: str) -> bool:
    """Whether the capitalised common word ``word`` at ``tokens[i]``, read first (right before the
    year), ends an organisation's name ("(The Open Group, 2017)", "(Data Study Group,
    2020)"): it is an organisation's noun, after a capitalised name word that is no common word."""
    if word.lower() not in _COLLECTIVE_NOUNS or i < 1:
        return False
    other = tokens[i - 1].lstrip("([")
    return (
        other[:1].isupper()
        and other.isalpha()
        and other.lower() not in STOP_WORDS
        and _NAME_WORD.match(other) is not None
    )


# a court's neutral citation after the year: "*Guindon* (2015 SCC 41)", "(2018 ABQB 240)", "(2019
# EWCA Civ 12)": the year of a judgment, named by its court and number, not an author's work
_NEUTRAL_CITATION = re.compile(
    r"\s+[A-Z]{2,6}(?:\s+(?:Civ|Crim|Admin|Fam|Comm|Ch|QB|KB|Pat|IPEC|TCC))?\s+\d{1,5}\b"
)
_UNPUBLISHED = re.compile(
    r"\s*,?\s*(?:in\s+revision|in\s+preparation|in\s+prep\.|submitted|unpublished|under\s+review"
    r"|personal\s+communication|pers\.\s*comm\.|data\s+not\s+shown)",
    re.I,
)


_SPAN = re.compile(rf"^(\d{{4}})[{DASHES}](\d{{4}}|\d\d)$")
# "Present-day (1980 to 2022)", "(1871 through 1900)": a period of years, not a cite of the first one
_PERIOD = re.compile(rf"\s+(?:to|until|till|through)\s+{YEAR}\b")
# a quantity, not a year: "(1050 mU for SiMAG-octyl, 1500 mU for AMNP)", "(strain X, 1800 rpm)"; or
# an index's base year, "Capital Stocks (2012 = 100)", "(1950=100)"
_UNIT_AFTER = re.compile(
    r"(?:\s*(?:%|°C)|\s+(?:[mµμnpk]?(?:U|g|L|l|M|mol|Da)|IU|rpm|bp|kb|nt|nm|mm|cm|[µμ]m|Hz|kHz|ppm|ppb))"
    r"(?![\w.])|\s*=\s*\d"
)
# what stands before names that are not a work's authors: whom a personal communication was made to or
# by, "pers. comm. to S Werning, 2013", "personal communication from Werning, 2013"; who took a
# photograph, "Photo by PAV Borges (2008)", "(photo: J. Smith 2008)", "© Smith 2008", a credit that opens
# its caption, bracket or clause; not "see the photo by Smith (2010)", a work's photograph the prose cites
_COMM_BEFORE = re.compile(
    r"(?:(?i:pers\.\s*comm\.?|personal\s+communication|pers\.\s*obs\.)\s*,?\s*(?i:(?:to|from|with|by)\s+)?"
    r"|(?:(?<=[(\[.;,:\n\u2013\u2014])|(?<![\s\S]))[ \t]*"
    r"(?i:photo(?:graph)?s?\s+(?:by|courtesy\s+of)|photo(?:graph)?s?\s*:|(?:photo\s+)?credits?\s*:"
    r"|courtesy\s+of)\s+|©\s*)"
    r"(?:[A-Z]{2,4}\s+|[A-Z](?:\.\s*|\s+|-))*$"
)
# A match of _COMM_BEFORE holds "pers", "photo", "credit" or "courtesy" (in any case), or "©"
# (_comm_before tests for them). Searching the 60 characters before each name run case-blind tried
# every start of the window (4.4 µs a run, 4% of extraction at 1x); a window without any of them is
# passed over in a tenth of that. The characters that Python's
# case-blind matching takes for an ASCII letter without being one ("ı" and "İ" for i, "ſ" for s,
# the Kelvin sign for k) send a window to the search itself.
_ODD_CASE = frozenset("\u0130\u0131\u017f\u212a")


def _comm_before(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a personal communication's or a photograph's lead-in
    (``_COMM_BEFORE``)."""
    window = text[start:end]
    low = window.lower()
    if (
        # (the words one by one: a generator over them costs more than the tests)
        "pers" not in low
        and "photo" not in low
        and "credit" not in low
        and "courtesy" not in low
        and "\u00a9" not in low
        and (window.isascii() or _ODD_CASE.isdisjoint(window))
    ):
        return False
    return _COMM_BEFORE.search(text, start, end) is not None


# the dash and the end year of "1768 – 1838", "1768 -1838" (the year read alone, "1768")
_SPAN_GAP = frozenset(" \t\u00a0\u2009\u202f" + DASHES.replace("\\", ""))
_SPACED_SPAN = re.compile(
    rf"[ \t\u00a0\u2009\u202f]*([{DASHES}])[ \t\u00a0\u2009\u202f]*(\d{{4}}|\d\d)(?![\w/])"
)
# what closes a span cited as a year ("2011 – 12)", "2011 – 12; Smith 2010)", "2011 – 12, p. 4)")
_SPAN_CLOSE = re.compile(r"\s*(?:[;,\]]|$)")


def _span_end(first: str, end: str) -> int | None:
    """The last year of a span that starts at the plain year ``first`` and ends at ``end`` ("2013",
    or "13" of its century), or None when ``first`` is no plain year."""
    if len(first) != 4 or not first.isdigit():
        return None
    return int(end) if len(end) == 4 else int(first) // 100 * 100 + int(end)


def _life_dates(year: str) -> bool:
    """ "Sander (1929-2015)", "(1985-90)": a span of more than two years is a life or a period, not a
    citation."""
    m = _SPAN.match(year) if len(year) in (7, 9) else None  # (only "dddd-dddd", "dddd-dd" can match)
    if m is None:
        return False
    first, end = int(m.group(1)), m.group(2)
    return (int(end) if len(end) == 4 else first // 100 * 100 + int(end)) - first > 2


_CAPITAL_SURNAME = re.compile(
    r"^[A-Z\u00C0-\u00DE][A-Z\u00C0-\u00DE'\u2019-]{3,}$"
)  # "GLUCKSMANN", "COSTA-HÜBES"
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")  # "MADs", "GPUs"
# ("MADs", "GPUs": an acronym's plural too)
_ODD_NAME = re.compile(r"^(?:[A-Z0-9]{2,}s?|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*|[\w.-]*\d[\w.-]*)$")
# a word in capitals that may be a surname: letters (an apostrophe or hyphen inside), "SUN", "ROZELLE"
_CAPITAL_WORD = re.compile(r"^[A-Z\u00C0-\u00DE](?:[A-Z\u00C0-\u00DE'\u2019-]*[A-Z\u00C0-\u00DE])?$")
_CAPITAL_VOWEL = re.compile(r"[AEIOUY\u00C0-\u00C6\u00C8-\u00CF\u00D2-\u00D6\u00D8-\u00DD]")


# initials alone ("R.P.", "D.", "W.V.O.", "J.-P."): the given names of "Feynman, R.P. (1963)", no surname
# (narrative citations only)
_ONLY_INITIALS = lazy_pattern(r"^(?:[A-Z]\.(?:-?[A-Z]\.)*\s*)+$")


def _plausible(run: NameRun, known: KnownAuthors, narrative: bool = False) -> bool:
    first = run.authors[0]
    if known.knows(first):
        return True
    if len(run.authors) == 1 and len(first.rstrip(".")) == 1 and not (run.et_al and first.endswith(".")):
        # "Mukherjee S (2010) The Emperor of ...", "Sphyrna tiburo (L. 1758)": an initial, no name
        return False
    words = first.split()
    if len(words) == 1 and _MONTH_SPAN.match(first):
        return False  # "(June–September 2009)", "(Spring-Summer 2009)": a span of months, not a name
    if (
        len(words) == 1
        and _ODD_NAME.match(first)
        and not re.match(r"^(?:[Mm]c|[Mm]ac|[Dd]e|[Dd]i|[Ll]e|[Ll]a|[Vv]an|[Vv]on|Fitz)[A-Z]", first)
        # a list in capitals (ABNT) cites "GOLDSETIN (2003)" for its "GOLDSTEIN, H. (2003)": a surname
        # a letter or two from one it knows is a misspelt name, no acronym
        and not (known.capitals and _CAPITAL_SURNAME.match(first) and known.near_known(first))
        and not (known.capitals and _capital_surname(run, narrative))
    ):
        return False  # "HiSeq 2000", "GBD 2010", "Windows 2000": products and acronyms the list does not know
    if not run.et_al and run.authors[-1].rsplit(None, 1)[-1].lower() in _EVENT_NOUNS:
        return False  # "(... Data Science Symposium 2021 Villano et al., 2021)": an event, no author
    structured = run.et_al or len(run.authors) > 1  # "Will et al.", "Fall and Smith"
    if len(words) > 2 and words[0] == "The" and words[-1].lower() in _COLLECTIVE_NOUNS:
        words = words[1:]  # "(The Manim Community Developers, 2022)": the organisation's article
    if len(words) >= 2 and words[-1].lower() in _COLLECTIVE_NOUNS:
        words = words[:-1]  # "(The Open Group, 2017)": a body's noun that is also a common word
    if not structured and any(w.lower().strip(".") in STOP_WORDS for w in words):
        return False
    return not (len(words) > 4)


def _capital_surname(run: NameRun, narrative: bool) -> bool:
    """Whether an unknown first author in capitals is a surname, in a list that writes its surnames in
    capitals (ABNT): its cites do too, "(ROZELLE, 2020)", "(DYER et al., 2013)", "BARBOSA and
    FERNANDES (2001)", and the cited work may be missing from the list. Alone before a narrative
    group it stays an acronym ("o SAEB (2017)"); a word with no vowel ("(BNCC, 2017)") is read with
    low confidence (a missing work is said at info level)."""
    first = run.authors[0]
    if not _CAPITAL_WORD.match(first):
        return False
    if narrative and not (run.et_al or len(run.authors) > 1):
        return False
    if not _CAPITAL_VOWEL.search(first):
        run.low = True
    return True


# A parenthetical group that holds its names ("(Smith 2004; Jones and Lee 2010, p. 4)", not the
# narrative "(2004)") is read from its own text alone: a document citing the same group again gets
# copies of the first reading, moved to the new place. The reading of a group whose names a
# corporate-name look-up could have taken from before the parenthesis is not kept.
_GROUP_KEPT = 300  # characters of a group, at most, to remember its reading
# Groups remembered per document: this many for each _GROUPS_TEXT characters of its text, begun (the
# cache goes with the document; one bound for all sizes missed every group past it in a 29 MB
# document, which read 40% of its groups again: 16x the citations took 19x the time).
_GROUPS_KEPT = 20_000
_GROUPS_TEXT = 2_000_000


def _groups_kept(text: str) -> int:
    """How many groups' readings a document of ``text`` remembers (see _GROUPS_KEPT)."""
    return _GROUPS_KEPT * (len(text) // _GROUPS_TEXT + 1)


# The fields extraction sets, in declaration order (text ... confidence): the others (a note's title,
# and what the linker fills in) are at their defaults in every citation extraction makes, and a copy
# leaves them to __init__ (a quarter less time per copy of a group read before: _moved)
_EXTRACTED = [f.name for f in fields(Citation)]
_FIELDS = operator.attrgetter(*_EXTRACTED[: _EXTRACTED.index("confidence") + 1])


# A group as remembered: where it was read and the fields (_FIELDS) of the citations read there, as
# extraction made them (it changes no citation once made; their copies share their lists, which
# nothing alters), or () when the group made none. The fields are taken once, when the group is first
# read, not at each copy (a long document reads most of its groups again: 10,200 copies at 1x).
_Kept = tuple[int, list[tuple[Any, ...]]] | tuple[()]


def _kept(cites: list[Citation], gstart: int) -> _Kept:
    """What the groups remember of ``cites`` (as extraction made them, not linked yet), read in the
    group at ``gstart``."""
    return (gstart, [_FIELDS(c) for c in cites]) if cites else ()


def _moved(kept: tuple[int, list[tuple[Any, ...]]], at: int) -> list[Citation]:
    """Fresh citations of a remembered group, read again at ``at``."""
    was, cites = kept
    by = at - was
    out = []
    for fields_of in cites:
        # (``Citation(*fields)`` is several times sooner than a copy field by field, or by keyword;
        # the authors' list is shared, and numbers, references and candidates are the empty tuple)
        n = Citation(*fields_of)
        n.start += by
        n.end += by
        out.append(n)
    return out


def extract_author_date(
    text: str, start: int, end: int, known: KnownAuthors, footnote: str | None = None
) -> list[Citation]:
    """All author-date citations in ``text[start:end]``."""
    out: list[Citation] = []
    # Unparenthesised mentions of known authors: "see Embassy of Azerbaijan to Mexico 2008". One scan
    # finds the groups and the years outside them together (_SCAN): a year it finds stands in no
    # group, and is read as a mention at once. The years of a group that cites nothing are mentions
    # too, looked for inside it (_mentions). A year that runs into a group ("1879 [1985]") hides that
    # group from the scan, which then reads it where the year's "[" opens it.
    mentions: list[Citation] = []
    groups, narratives = known.groups, known.narratives
    kept_max = _groups_kept(text)
    only_parens = text.find("[", start, end) == -1 and text.find("{", start, end) == -1
    if _letter_years(text, start, end):
        scan, year_index = (_PAREN_SCAN, 2) if only_parens else (_SCAN, 4)
    else:
        scan, year_index = (_DIGIT_PAREN_SCAN, 2) if only_parens else (_DIGIT_SCAN, 4)
    for g in scan.finditer(text, start, end):
        which = g.lastindex or 3  # (the one of the scan's groups that matched)
        if which == year_index:
            _mention(text, start, end, g, known, footnote, mentions)
            bracket = g.group().find("[")
            if bracket == -1:
                continue
            # "1879 [1985]": the group the year runs into, read as a search for groups finds it (its
            # years are this mention's: none is looked for in it again)
            opened = _GROUP.match(text, g.start() + bracket, end)
            if opened is None:  # (never: "[1985]" is one)
                continue
            g, which = opened, opened.lastindex or 3
            inside = False
        else:
            inside = True  # a group that cites nothing: its years are mentions, looked for in it
        gstart, gend = g.span()
        key: tuple[str, str | None] | None = None
        if gend - gstart <= _GROUP_KEPT:
            # a group read before (whether it holds a year and where is a matter of its text alone)
            key = (g.group(0), footnote)
            kept = groups.get(key)
            if kept is not None:
                if kept:
                    out += _moved(kept, gstart)
                elif inside:
                    _mentions(text, start, end, gstart, gend, gend, known, footnote, mentions)
                continue
            shape = narratives.get(key)
            if shape is not None:
                # a narrative group read before ("(2005)", "(2005a, p. 4)"): what _parse_group makes of
                # it, without looking for its years again; only the names before it are read
                named = _names_before(text, gstart, known)
                if named is not None:
                    out += _shaped(text, gstart, named, shape, footnote)
                elif inside:
                    _mentions(text, start, end, gstart, gend, gend, known, footnote, mentions)
                continue
        inner_start, inner_end = g.start(which), g.end(which)
        first_year = _YEAR_RE.search(text, inner_start, inner_end)
        if first_year is None:
            if inside and text[inner_end - 2 : inner_end] in _ND:
                # (a search bounded at the group's closing bracket does not find "nd" right before it,
                # where a mention's search, which sees the bracket, does)
                _mentions(text, start, end, gstart, gend, gend, known, footnote, mentions)
            continue
        if (
            which != 3
            and text.find("(", inner_start, inner_end) != -1
            and text.find("\n", inner_start, inner_end) != -1
            and _crosses_block(text, inner_start, inner_end, known.blocks)
        ):
            # an unmatched "(" paired with an unmatched ")" paragraphs later, about the groups between
            # ("... (Vilsker et al., 2019))-((Chernomor et al., 2016)", two paragraphs, "(Posit,
            # 2022))"): no group runs across a paragraph; the groups inside are read each on its own
            cites = extract_author_date(text, inner_start, inner_end, known, footnote)
            if cites:
                out.extend(cites)
            elif inside:
                _mentions(text, start, end, gstart, gend, gend, known, footnote, mentions)
            continue
        if key is not None and _opens_narrative(text, inner_start, first_year):
            key = None  # "Bohorquez (2005)": the names stand before the group
        lookups = known.corporate_lookups
        cites = _parse_group(text, gstart, inner_start, inner_end, known, footnote, first_year)
        if which != 3 and "(" in g.group(which):
            cites = _nested_narratives(text, inner_start, inner_end, known, footnote, cites)
        if key is not None and known.corporate_lookups == lookups and len(groups) < kept_max:
            groups[key] = _kept(cites, gstart)
        if cites:
            out.extend(cites)
        elif inside:
            _mentions(text, start, end, gstart, gend, gend, known, footnote, mentions)
    out += mentions  # (after the groups' citations, as the sort below has always received them)
    out.sort(key=_START)
    if any(c.year and "/" in c.year for c in out):
        out = [c for c in out if not (c.year and "/" in c.year and _act_number(c.year))]
    return out


# The years _YEAR_RE finds that open with a letter ("n.d.", "nd", "no date", "forthcoming", "in press",
# "in preparation", "under review"), in any case, hold one of these in lower case: "n." and a "d",
# "nd" after no word character, ".", "-" or "/", "no" and "date" (_N_YEARS), "orthcoming", "press",
# "in preparation", "under review". A text without them, read in pieces of _LETTERS_PIECE
# characters (no copy of a whole text at once), holds none. Besides their ASCII letters, case-blind
# matching takes "İ" and "ı" for i and "ſ" for s, which lower case leaves as they are: a piece with
# them goes to the full scan.
_LETTERS_PIECE = 1 << 16
_IN_PREPARATION = re.compile(r"in\s+preparation")  # (APA's status words in place of a year)
_UNDER_REVIEW = re.compile(r"under\s+review")


def _letter_years(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may hold a year that opens with a letter (False only where none
    is), tested piece by piece; each piece overlaps the next by more than such a year's test reads,
    and holds the character before it (what "nd" follows; lower case keeps the offsets of a piece
    without "İ")."""
    at = start
    while at < end:
        lead = 1 if at > 0 else 0  # (the "nd" looked for from the piece's second character, after it)
        piece = text[at - lead : min(end, at + _LETTERS_PIECE + 16)]
        if not piece.isascii() and not _ODD_CASE.isdisjoint(piece):
            return True
        low = piece.lower()
        if (
            "orthcoming" in low
            or "press" in low
            or ("preparation" in low and _IN_PREPARATION.search(low) is not None)
            or ("review" in low and _UNDER_REVIEW.search(low) is not None)
            # "n." and a "d", "no" and "date", or an "nd" (_N_YEARS)
            or (_N_YEARS_AFTER if lead else _N_YEARS).search(low) is not None
        ):
            return True
        at += _LETTERS_PIECE
    return False


# "n." and a "d", "no" and "date" anywhere in a piece, or an "nd" that may be a year: after no ASCII
# letter in lower case, digit, "_", ".", "-" or "/" (any other character, or none, at the text's
# start, sends its piece to the full scan); in a piece whose first character is the one before the
# range (_N_YEARS_AFTER), an "nd" from its second character only, after one. One search of a piece:
# the expression opens with its literal "n", which the engine skips to as str.find does, and looks
# behind an "nd" only there (a look-behind first is tried at every character; three searches, for
# "n.", "no date" and "nd", took a third again as long, the piece cut at each "nd" half again).
_N_YEARS = re.compile(r"n(?:\.\s?d|o\s+date|d(?<![a-z0-9_./-]nd))")
_N_YEARS_AFTER = re.compile(r"n(?:\.\s?d|o\s+date|d(?<=[^a-z0-9_./-]nd))")


# What a search for a year bounded at a closing bracket cannot find before it: "nd" (whose "d" is
# followed by no word character), in any case (see _year_before)
_ND = frozenset(("nd", "nD", "Nd", "ND"))


def _act_number(year: str) -> bool:
    """Whether a year written "2024/1689" is the number of a law, not a span of years: the EU's
    "Regulation 2024/1689", "Directive 2024/1760", "Decision 2010/87" (a year, then the act's number)
    against "2019/20", "1999/2000" (the second year follows the first within a decade)."""
    first, _, second = year.partition("/")
    digits = first[:4]
    if not (digits.isdigit() and second.isdigit()):
        return False
    if len(second) == 2:
        return not 0 < (int(second) - int(digits[2:])) % 100 <= 10
    if len(second) != 4:
        return True
    gap = int(second) - int(digits)
    # a later edition decades after the original, "(Marx, 1867/1990)", "Weber (1922/1978)" (APA's
    # original and reprint years), up to next year; "Directive 2019/2088" is of no year yet
    return not (0 < gap <= 10 or (gap > 10 and int(second) <= _NEXT_YEAR))


_NEXT_YEAR = time.localtime().tm_year + 1


_NESTED = re.compile(r"\(([^()]*)\)")


def _nested_narratives(
    text: str, s: int, e: int, known: KnownAuthors, footnote: str | None, cites: list[Citation]
) -> list[Citation]:
    """``cites`` (a group's) with the narrative citations inside the group's own parentheses, which
    its reading leaves out: "(although Wagner and Gabriel (1990) had worked on it)", "[see the papers
    of Audoly et al. (1998), and Bellu et al. (2007)]". One whose first author the list does not
    know is said at info level only."""
    out = cites
    for n in _NESTED.finditer(text, s, e):
        if any(c.start < n.end() and n.start() < c.end and c.confidence != "title" for c in cites):
            continue  # read with the group already (not as the title of a work without author)
        year = _YEAR_RE.search(text, n.start(1), n.end(1))
        if year is None or not _narrative_lead(text[n.start(1) : year.start()]):
            continue
        found = _parse_group(text, n.start(), n.start(1), n.end(1), known, footnote, year)
        for c in found:
            if c.start < s:
                break  # names read back past the group's opening: not inside it
            if not known.knows(c.authors[0]):
                c.confidence = "low"
        else:
            if found:  # (the words before it are its names, not a title: "although Wagner and Gabriel (")
                out = [
                    c
                    for c in out
                    if not (c.confidence == "title" and c.start < n.end() and n.start() < c.end)
                ]
                out += found
    return sorted(out, key=_START) if out is not cites else cites


def _mentions(
    text: str,
    start: int,
    end: int,
    pos: int,
    gap_end: int,
    resume: int,
    known: KnownAuthors,
    footnote: str | None,
    out: list[Citation],
) -> int:
    """Append to ``out`` the unparenthesised mentions whose years stand in ``text[pos:gap_end]`` (the
    gap before a group read, which ends at ``resume``; or a group that cites nothing); where the
    search goes on."""
    while pos < gap_end:
        m = _year_before(text, pos, gap_end, end)
        if m is None:
            break
        pos = m.end()
        _mention(text, start, end, m, known, footnote, out)
    return pos if pos > resume else resume


def _mention(
    text: str,
    start: int,
    end: int,
    m: re.Match[str],
    known: KnownAuthors,
    footnote: str | None,
    out: list[Citation],
) -> None:
    """Append to ``out`` the mention of the year at ``m`` (its whole match, _YEAR_RE's or _SCAN's
    year), if the names before it are a known author's."""
    year_at = m.start()
    if _no_names_before(text, start, year_at, known):
        return
    run = read_names_backwards(text, year_at, _reading_floor(text, start, year_at, known.blocks), known)
    if run is None or not known.knows(run.authors[0]):
        return
    if len(run.authors) == 1 and not run.et_al and run.authors[0].lower() in STOP_WORDS:
        return  # "In 2008, the firm ...": a word of the sentence, though an entry's author is "In"
    if _comm_before(text, max(start, run.start - 60), run.start):
        return  # "pers. comm. to S Werning, 2013"
    _year_end, years = _years_after(text, m.group(), year_at, end)
    for y, ys, ye in years:
        out.append(_citation(text, run, y, ys, ye, narrative=True, footnote=footnote, low=True))


def _no_names_before(text: str, start: int, year_at: int, known: KnownAuthors) -> bool:
    """Whether the word right before the year at ``year_at`` ends every reading of names there at
    once, known without reading: "In 2004", "in 2004", "since 2004" (a year in running text, most
    of the years outside brackets), where read_names_backwards finds no name after finding its
    floor, tokenising 64 characters and looking the word up. True only where it would return None:
    a word of letters after one space, whose quick reading (_Facts.quick, learnt from an earlier
    reading of this document) ends the names ("", or _ALONE after a word that is no "and" or "&"
    and not an organisation's noun), and which the reading's floor does not cut (no block starts
    inside it, and parentheses, line breaks and ``start`` are before it); no corporate name of the
    list may end there."""
    if text[year_at - 1 : year_at] != " " or known.corporate:
        return False
    sp = text.rfind(" ", year_at - 24 if year_at > 24 else 0, year_at - 1)
    if sp < start or sp < 1:
        return False
    word = text[sp + 1 : year_at - 1]
    plain = known.facts.quick[True].get(word)
    if plain is None or (plain and plain is not _ALONE) or not word.isalpha() or word in _COLLEAGUES:
        return False
    if plain is _ALONE:
        # (_read_backwards reads on after "and In", "& In", and at "Group" of "Open Group 2017")
        before = text[sp - 3 : sp]
        if (
            before[-1:].isspace()
            or before == "and"
            or before[-1:] == "&"
            or word.lower() in _COLLECTIVE_NOUNS
        ):
            return False
    blocks = known.blocks
    k = bisect.bisect_right(blocks, year_at) - 1 if blocks else -1
    return k < 0 or blocks[k] <= sp + 1


def _year_before(text: str, pos: int, gap_end: int, end: int) -> re.Match[str] | None:
    """The first year token of ``text[pos:end]`` if it starts before ``gap_end``, where a group opens
    ("(", "[" or "{"; or ``end``), else None."""
    # Searched up to the group only, not on to the group's own year (a twentieth less time in extraction
    # at 1x). The bound reads as the text's end, which changes a match only where it touches the
    # bound: "nd" right before the group, or a year that runs on into it ("1879 [1985]"); those are
    # searched again without it.
    if gap_end < end:
        m = _YEAR_RE.search(text, pos, gap_end)
        if m is None:
            if text[gap_end - 2 : gap_end] not in ("nd", "nD", "Nd", "ND"):
                return None
        elif m.end() < gap_end - 1:
            return m
    m = _YEAR_RE.search(text, pos, end)
    return m if m is not None and m.start() < gap_end else None


_START = operator.attrgetter("start")


_SUFFIXED = re.compile(r"^\d{4}[a-z]$")


def _years_after(text: str, base: str, at: int, end: int) -> tuple[int, list[tuple[str, int, int]]]:
    """The year ``base`` at ``at`` and the a/b suffixes that follow it: "2004a, b" -> 2004a, 2004b."""
    pos = at + len(base)
    years = [(base, at, pos)]
    if len(base) == 5 and _SUFFIXED.match(base):
        while True:
            s = _SUFFIX_CONT.match(text, pos, end)
            if not s:
                break
            years.append((base[:4] + s.group(1), s.start(1), s.end(1)))
            pos = s.end()
    return pos, years


def _citation(
    text: str,
    run: NameRun,
    year: str,
    ys: int,
    ye: int,
    *,
    narrative: bool,
    footnote: str | None,
    low: bool = False,
    start: int | None = None,
    locator: str | None = None,
) -> Citation:
    s = run.start if start is None else start
    e = ye
    raw = text[s:e]
    # (interned, as are names and years: a long document cites the same "Smith 2004" many times over,
    # and one string each saves memory)
    cit_text = intern(" ".join(raw.split()))
    # (the fields by position, in declaration order: half the time of passing them by keyword)
    return Citation(
        cit_text,  # text
        s,  # start
        e,  # end
        "author-date",  # kind
        run.authors,
        run.et_al,
        # year: _norm_year's common case told here, without the call
        intern(year if year[:4].isdigit() and "[" not in year else _norm_year(year)),
        (),  # numbers
        None,  # key
        narrative,
        footnote,
        locator,
        run.full or None,  # name_run
        "low" if low or run.low else "high",  # confidence
    )


_REPRINT = re.compile(REPRINT)


def _norm_year(y: str) -> str:
    if y[:4].isdigit() and "[" not in y:
        return y  # "2004", "2004a", "2004-2005": as written (the common case, told at once)
    t = " ".join(y.split()).lower()
    if t.replace(" ", "") in ("n.d.", "nd", "nodate"):
        return "n.d."  # (Harvard's "no date" is APA's "n.d.")
    if t in ("forthcoming", "in preparation", "under review"):
        return t
    if t.startswith("in "):
        return "in press"
    return _REPRINT.sub("", y) if "[" in y else y  # "1879 [1985]" is cited as 1879


# the first year of a work, in brackets, before the year of the edition cited: ASA's "Weber ([1922]
# 1978)" ("1978 [1922]" is a year that holds its bracket: patterns.YEAR_TOKEN)
_ORIGINAL_FIRST = re.compile(rf"\][ \t]?{YEAR}(?![\w/])")


def _opens_narrative(text: str, inner_start: int, first_year: re.Match[str]) -> bool:
    """Whether a group whose text opens at ``inner_start`` opens with its first year: "(2005)",
    "(e.g. 2005)", "([1922] 1978)"."""
    lead = text[inner_start : first_year.start()]
    if lead == "[":
        return _ORIGINAL_FIRST.match(text, first_year.end()) is not None
    return _narrative_lead(lead)


def _narrative_lead(lead: str) -> bool:
    """Whether the text before a group's first year leaves the names to stand before the group."""
    return lead.strip() in _NARRATIVE_LEADS


# What ``\s*(?:e\.g\.,?|i\.e\.,?|see|cf\.)?\s*`` matches in full, read without the expression: the
# lead without its white space (str.strip and \s take the same characters) is nothing or one of these
# (tests/test_perf16.py compares both readings)
_NARRATIVE_LEADS = frozenset(["", "e.g.", "e.g.,", "i.e.", "i.e.,", "see", "cf."])
# after a narrative group: "by", "de", "von" ... and an author's given name and surname, or a citation
# in parentheses ("... Ethik (1969) de (GEHLEN, 1969)"): the group gave the year of a work named by title
_WORK_BY = lazy_pattern(
    r"[ \t]+(?:by|de|von|di|par|door)[ \t]+(?:\((?=[A-Z\u00C0-\u00DE])|[A-Z\u00C0-\u00DE][\w'\u2019.-]*"
    r"[ \t]+(?:(?:de|da|do|dos|das|del|van|von|der|di|du|le|la)[ \t]+)*[A-Z\u00C0-\u00DE])"
)
_CONTINUES = lazy_pattern(r"\s*(?:,|and|&|;)?\s*")
_GLUED_GROUPS = re.compile(r"^[^()]*\)\s*\(")  # (the gap between two: ")(", ") (")
# a thing's maker after a dash in a bracket: words about the thing (the last in lower case), a spaced
# dash, the maker's initials or given name, just before the name read ("– W.G. ", "- Eadweard ")
_MAKER = re.compile(
    r"[a-z\u00DF-\u00FF][\w'\u2019]*[ \t]+[-\u2013\u2014][ \t]+(?:[A-Z\u00C0-\u00DE]\.(?:[ \t]*-?"
    r"[A-Z\u00C0-\u00DE]\.)*[ \t]*|[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF]+[ \t]+)$"
)
# a span of dates that runs on after names outside the brackets, "Reviewer, Ecology Letters
# (2019–present)" in a CV: no work's year; names inside them are APA's citation of a work in
# progress, "(Smith, 2015–present)"
_SPAN_TO_NOW = re.compile(r"\s*[-\u2013\u2014]\s*(?:present|now|today|date|ongoing)\b", re.I)
# a year joined by a hyphen to the word after it, in a product's or a virus's name: "(Allplex
# 2019-nCoV Assay, Seegene)"; a span to the present ("2015-present") is a year cited
_JOINED_WORD = re.compile(rf"[{DASHES}](?!(?i:present|now|today|date|ongoing)\b)[^\W\d_]")
# a life with an unknown end: "Antônio Ribeiro Paiva (1721-?)", "[1721 – ?]"; no work
# what follows the year of a name no entry has where it dates no work: a specimen's collector and number
# ("s.n.", sine numero, or digits) and its herbarium's code, "[England, Hampshire, 1877, Groves s.n.
# (CAN)]"; after a model number read as a year and its letter, "(Shimadzu UV 1900i, Duisburg,
# Germany)", the maker's city and country (two capitalised places or more, and nothing else, to the
# bracket's end; after a plain year they may be what a work cited is about, "(Moller 1993, Tasmania,
# Australia)")
_SPECIMEN_AFTER = re.compile(
    r"\s*,\s*(?:[A-Z][\w.'\u2019-]*\s*(?:&|and)?\s*){1,6}(?:s\.\s?n\.|\d{1,6})\s*\(\s*[A-Z]{2,6}\b"
)
_PLACE = r"[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*)*"
# a model's letters in capitals after its maker's name, before a model number read as a year: "(Shimadzu
# UV 1900, Kyoto, Japan)", "(Mettler Toledo XS 2005, Greifensee, Switzerland)"
_MODEL_CODE = re.compile(r"((?:[A-Z][a-z]+[ \t]+){1,3})([A-Z]{1,4})[-\u2010]?[ \t]*$")


def _model_code(text: str, at: int) -> bool:
    """Whether a model's letters and its maker's name stand before ``at`` ("Shimadzu UV "), not an
    organisation's name and its acronym ("Health Canada HC 2010": the acronym of the words before)."""
    m = _MODEL_CODE.search(text, max(0, at - 40), at)
    if m is None:
        return False
    return "".join(w[0] for w in m.group(1).split()) != m.group(2)


_PLACES_AFTER = re.compile(rf"[ \t]*,[ \t]*{_PLACE}(?:[ \t]*,[ \t]*{_PLACE})+[ \t]*")
_OPEN_LIFE = re.compile(rf"\s*[{DASHES}]\s*\?+\s*[)\]]")


def _parse_group(
    text: str,
    gstart: int,
    s: int,
    e: int,
    known: KnownAuthors,
    footnote: str | None,
    first_year: re.Match[str],
) -> list[Citation]:
    """Citations of one parenthetical group (``first_year``: its first year); narrative when the
    group starts with a year."""
    out: list[Citation] = []
    narrative_run: NameRun | None = None
    # the citations a narrative group makes, while all its years are the names' before it: they
    # depend on the group's text alone, given those names, and are remembered by it
    shape: list[_Shape] | None = None
    if _opens_narrative(text, s, first_year):
        # "Bohorquez (2005)": names stand before the parenthesis
        narrative_run = _names_before(text, gstart, known)
        if narrative_run is None:
            return []
        if (
            (by := _WORK_BY().match(text, e + 1)) is not None
            and (
                by.group(0).endswith("(")
                or (
                    len(narrative_run.authors) == 1
                    and not narrative_run.et_al
                    and not narrative_run.authors[0][:1].islower()
                )
            )
            and not known.knows(narrative_run.authors[0])
        ):
            # "Der Mut zum Sein (1953) de Paul Tillich", "Teatro Óptico (1892) de Émile Reynaud",
            # "Eine pluralistische Ethik (1969) de (GEHLEN, 1969)": a title, the year of the work and
            # its author after it; no name of the list. (A title's "und", "von" read as names' too,
            # before "de (NAME, year)"; but before "de" and capitalised words, names that read as
            # persons' cite works, a place after them: "de Andrade (2014) de Santa Catarina",
            # "Ferreira e Gomes (2016) de Belo Horizonte", "Lopes et al. (2017) de Minas Gerais")
            return []
        if e + 1 - gstart <= _GROUP_KEPT:
            key = (text[gstart : e + 1], footnote)
            kept = known.narratives.get(key)
            if kept is not None:
                return _shaped(text, gstart, narrative_run, kept, footnote)
            shape = []
    run: NameRun | None = narrative_run
    run_title: str | None = None  # the title a citation gives after its author's name (Word's)
    pos = s
    # (the first year is found already; the search goes on after it, as a finditer from s would)
    for m in itertools.chain((first_year,), _YEAR_RE.finditer(text, first_year.end(), e)):
        if m.start() < pos:
            continue
        between = text[pos : m.start()]
        continuation = run is not None and pos > s and _CONTINUES().fullmatch(between) is not None
        if run is narrative_run and run is not None and pos == s:
            continuation = True
        if not continuation:
            shape = None  # names of its own in the group: "Smith (2004; Jones 2005)"
            floor = pos
            glued = _GLUED_GROUPS.search(between) if ")" in between else None
            if glued is not None:
                # groups glued inside a bracket, "[(Puddu et al., 2007)(Ramachandran et al., 2002)]":
                # this one's names start after its own opening parenthesis
                floor = pos + glued.end()
            new_run = read_names_backwards(text, m.start(), floor, known)
            if ";" in text[floor : m.start()]:
                # ABNT's "(ANACHE; ROVETTO; OLIVEIRA, 2014)": ";" between authors, when the first
                # author so read is one of the list's (not "(phylum Bacteroidetes; Alegado et al. 2012)")
                joined = read_names_backwards(text, m.start(), floor, known, semicolons=True)
                if joined is not None and len(joined.authors) > 1 and known.knows(joined.authors[0]):
                    new_run = joined
            if new_run is not None and len(new_run.authors) > 2 and not _plausible(new_run, known):
                # "(PANAS, Watson, Clark and Tellegen, 1988)": a scale's acronym before its authors, who
                # are the list's: the names after its comma
                comma = text.find(",", new_run.start, m.start())
                after = read_names_backwards(text, m.start(), comma + 1, known) if comma > 0 else None
                # (or names the list lacks, after a plural acronym: "(e.g., 3 MADs, Tukey &
                # McLaughlin, 1963)" cites Tukey and McLaughlin, listed or not)
                if (
                    after is not None
                    and len(after.authors) > 1
                    and (
                        known.knows(after.authors[0])
                        or (_PLURAL_ACRONYM.match(new_run.authors[0]) and _plausible(after, known))
                    )
                ):
                    new_run, floor = after, comma + 1
            item = _item_text(text, floor, m.start())
            run_title = None
            titled = (
                _WORD_TITLED.match(item) if new_run is None or not known.knows(new_run.authors[0]) else None
            )
            if (
                titled is not None
                and known.knows(titled.group(1))
                and sum(w[:1].isupper() for w in titled.group(2).split()) >= 2
            ):
                # Word's own citations tell two works of one author apart by the title: "(Wickham,
                # ggplot2: Elegant Graphics for Data Analysis 2009)", "(Cleveland, Visualizing Data 1994)"
                at = text.find(titled.group(1), floor, m.start())
                new_run = NameRun(start=at, authors=[titled.group(1)], et_al=False)
                run_title = titled.group(2)
            if (
                new_run is not None
                and len(new_run.authors) == 1
                and not known.knows(new_run.authors[0])
                and _MAKER.search(text, max(floor, new_run.start - 120), new_run.start) is not None
            ):
                # "Zootrope (the wheel of life – W.G. Horner, 1834)", "(live view – Eadweard
                # Muybridge, 1880)": words about a thing, a dash, and its maker's given name or initials
                # before a name no entry has: who made it, and when, not a work cited
                run = None
                pos = m.end()
                continue
            if (
                new_run is None
                or not _plausible(new_run, known)
                or _in_quotes(text, new_run.start, m.start())
            ):
                title = _title_citation(text, item, m, footnote)
                if title is not None:
                    # "(The R Project n.d.)": a work without author, cited by its title's first words;
                    # kept only if the linker finds the entry (see pipeline.extract_citations)
                    out.append(title)
                # else a year with no author: "(n = 2005)", "(1990-1995)"; skip it
                run = None
                pos = m.end()
                continue
            if item and len(item.split()) <= 10:
                new_run.full = item
            run = new_run
        assert run is not None
        if (
            m.end() < e
            and (
                _UNPUBLISHED.match(text, m.end(), e)
                or (run is narrative_run and _SPAN_TO_NOW.match(text, m.end(), e))
                or _NEUTRAL_CITATION.match(text, m.end(), e)
                or _PERIOD.match(text, m.end(), e)
                or _UNIT_AFTER.match(text, m.end(), e)
                or _OPEN_LIFE.match(text, m.end(), e + 1)
                or _JOINED_WORD.match(text, m.end(), e)
                or (
                    (
                        _SPECIMEN_AFTER.match(text, m.end(), e)
                        or (
                            (text[m.end() - 1].isalpha() or _model_code(text, m.start()))
                            and _PLACES_AFTER.fullmatch(text, m.end(), e)
                        )
                    )
                    and not known.knows(run.authors[0])
                )
            )
        ) or _life_dates(m.group(1)):
            pos = m.end()
            continue
        if _comm_before(text, max(0, run.start - 60), run.start):
            # "(JR Horner, pers. comm. to S Werning, 2013)": whom a personal communication was made to
            # or by, and when; no work
            pos = m.end()
            continue
        span = _SPACED_SPAN.match(text, m.end(), e) if m.end() < e and text[m.end()] in _SPAN_GAP else None
        last = _span_end(m.group(1), span.group(2)) if span is not None else None
        if span is not None and last is not None and last - int(m.group(1)) > 2:
            # "Nathaniel John Winch [1768 – 1838]": a life or a period written with spaces about its dash
            pos = span.end()
            continue
        year_end, years = _years_after(text, m.group(1), m.start(1), e)
        if (
            span is not None
            and last is not None
            and last > int(m.group(1))
            and _SPAN_CLOSE.match(text, span.end(), e)
        ):
            # "(Brown, 2011 – 12)", "(Green, 2010 - 2011)": a range of years with spaces about its dash,
            # cited as the range (not its first year)
            year_end = span.end()
            years = [(intern(f"{m.group(1)}{span.group(1)}{span.group(2)}"), m.start(1), year_end)]
        loc = _LOCATOR.match(text, year_end, e) if year_end < e else None
        locator = None
        if loc and not _YEAR_RE.match(
            text, loc.start() + len(loc.group(0)) - len(loc.group(0).lstrip(" ,:"))
        ):
            locator = loc.group(0).strip(" ,:")
            year_end = loc.end()
        for idx, (y, ys, ye) in enumerate(years):
            if run is narrative_run:
                cstart = run.start if not out else ys
                cend = g_end(text, gstart, e) if (idx == len(years) - 1 and year_end >= e - 1) else ye
                # (made with its end, through the closing parenthesis, and its text at once)
                c = _citation(
                    text,
                    run,
                    y,
                    ys,
                    max(cend, ye),
                    narrative=True,
                    footnote=footnote,
                    start=cstart,
                    locator=locator,
                )
                if shape is not None:
                    shape.append((y, ys - gstart, max(cend, ye) - gstart, not out, locator))
            elif continuation and out and idx == 0:
                c = _citation(
                    text, run, y, ys, ye, narrative=False, footnote=footnote, start=ys, locator=locator
                )
            elif idx == 0:
                c = _citation(
                    text,
                    run,
                    y,
                    ys,
                    year_end if locator else ye,
                    narrative=False,
                    footnote=footnote,
                    locator=locator,
                )
            else:
                c = _citation(text, run, y, ys, ye, narrative=False, footnote=footnote, start=ys)
            if run_title is not None and run is not narrative_run:
                c.title = run_title
            out.append(c)
        pos = year_end
    if shape is not None and len(known.narratives) < _groups_kept(text):
        known.narratives[(text[gstart : e + 1], footnote)] = shape
    return out


# a blank line: the end of a block in every format
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _crosses_block(text: str, s: int, e: int, blocks: list[int]) -> bool:
    """Whether ``text[s:e]`` runs across the end of a block: a blank line, or a start in ``blocks``
    (a paragraph of HTML or DOCX, a heading)."""
    k = bisect.bisect_right(blocks, s)
    return (k < len(blocks) and blocks[k] < e) or _BLANK_LINE.search(text, s, e) is not None


def _reading_floor(text: str, start: int, end: int, blocks: list[int]) -> int:
    """Where names read back from ``end`` may begin: 250 characters before it at most, not before
    ``start``, not across a parenthesis, and not before the block (paragraph, heading) that holds
    ``end``: after a blank line or a start in ``blocks`` (written without max(): thousands of
    readings)."""
    floor = end - 250 if end - 250 > start else start
    # (the 250 characters' copy, tested with "in", which takes no arguments to parse: a bounded
    # rfind costs about a thousand instructions a call, found or not)
    window = text[floor:end]
    if ")" in window or "(" in window:
        cut = text.rfind(")", floor, end)
        opening = text.rfind("(", floor, end)
        if opening > cut:
            cut = opening
        if cut + 1 > floor:
            floor = cut + 1
    if blocks:
        k = bisect.bisect_right(blocks, end) - 1
        if k >= 0 and blocks[k] > floor:
            floor = blocks[k]
    if "\n" not in window:
        return floor
    # a blank line: the last line break before ``end`` preceded by another with only white space between
    nl = text.rfind("\n", floor, end)
    while nl > floor:
        j = nl - 1
        while j >= floor and text[j] in " \t\r":
            j -= 1
        if j >= floor and text[j] == "\n":
            return nl + 1
        nl = text.rfind("\n", floor, j + 1)
    return floor


# an acronym or a country's initials in parentheses, ending where a narrative group begins: "(WHO) "
_ABBREVIATION_BEFORE = lazy_pattern(r"[ \t]\((?:[A-Z][A-Za-z]*\.?){1,6}\)[ \t]*$")


def _names_before(text: str, gstart: int, known: KnownAuthors) -> NameRun | None:
    """The names of a narrative group, read before it ("Bohorquez (2005)"), if they read as names."""
    floor = _reading_floor(text, 0, gstart, known.blocks)
    run = read_names_backwards(text, gstart, floor, known)
    if run is None and text[gstart - 2 : gstart].rstrip(" ").endswith(")"):
        # "World Health Organization (WHO) (2010)", "National Center for Biotechnology Information
        # (U.S.) (2005)": an organisation's acronym or country between its name and the year, when
        # the list knows the name
        abbreviation = _ABBREVIATION_BEFORE().search(text, max(0, gstart - 24), gstart)
        if abbreviation is not None:
            end = abbreviation.start()
            run = read_names_backwards(text, end, _reading_floor(text, 0, end, known.blocks), known)
            if run is not None and not known.knows(run.authors[0]):
                return None
    if run is None or not _plausible(run, known, narrative=True) or _in_quotes(text, run.start, gstart):
        return None
    if _ONLY_INITIALS().match(run.authors[0]) and not known.knows(run.authors[0]):
        # an APA entry's head read from its initials ("Feynman, R.P. (1963)"); in brackets, "(L. 1758)"
        # is Linnaeus, a species' authority
        return None
    if text[max(0, gstart - 2) : gstart].rstrip(" ").endswith(","):
        # "... Thermodynamics of Fluids, (1873)": a comma parts a title from its year; "Smith et al.,
        # (2004)" is still read when the list knows the name
        return run if known.knows(run.authors[0]) else None
    return run


# a quotation closed right before a year: "‘University Street’ (1866)", '"Inauguration of ..." 1925'
_CLOSED_QUOTE = re.compile(r"(?:\.\.\.|…)?[’”\"]\s*,?\s*\(?\s*$")
# a closing quotation mark (not an apostrophe inside a word, "Prettyman’s")
_CLOSING = re.compile(r"[”\"]|’(?!\w)")


def _in_quotes(text: str, start: int, end: int) -> bool:
    """Whether the names read from ``start`` to the year at ``end`` close a quotation opened before
    them on the line: "the street's name changes—‘University Street’ (1866); ‘East University Avenue’
    (1874)", "(VanEyck 1965; "Inauguration of Clarence Cook Little..." 1925)": a quoted name or
    title with its year, no author (a possessive "Jones’ (2010)" opens no quotation)."""
    # (names without a closing quotation mark, nearly all, are passed over at once: the search is
    # tried at each of their characters, 3% of a long document's reading)
    window = text[start:end]
    if "’" not in window and "”" not in window and '"' not in window:
        return False
    return _closes_quotation(text, start, end)


def _closes_quotation(text: str, start: int, end: int) -> bool:
    """``_in_quotes`` by its search alone."""
    if _CLOSED_QUOTE.search(text, start, end) is None:
        return False
    before = text[max(0, start - 80) : start]
    k = max(before.rfind("‘"), before.rfind("“"), before.rfind('"'))
    if k < 0:
        return False
    between = before[k + 1 :]
    return "\n" not in between and _CLOSING.search(between) is None


def _shaped(
    text: str, gstart: int, named: NameRun, kept: list[_Shape], footnote: str | None
) -> list[Citation]:
    """The citations of a narrative group at ``gstart`` whose text was read before (``kept``), with
    the names before it."""
    return [
        _citation(
            text,
            named,
            y,
            gstart + ys,
            gstart + ye,
            narrative=True,
            footnote=footnote,
            start=named.start if first else gstart + ys,
            locator=locator,
        )
        for y, ys, ye, first, locator in kept
    ]


# One citation of a narrative group: (the year as written, its start and the citation's end from the
# group's start, whether it starts at the names, the locator)
_Shape = tuple[str, int, int, bool, str | None]

_PREFIX = re.compile(
    r"^(?:see\s+also|see|e\.g\.,?|i\.e\.,?|cf\.|for\s+example,?|reviewed\s+in|and|also)\s+", re.I
)


# A surname, a comma and a title of two words or more (two of them capitalised, not "unpublished
# data"): Word's citation of one of an author's several works, "Wickham, ggplot2: Elegant Graphics 2009"
_WORD_TITLED = re.compile(r"([A-Z][\w'\u2019-]+), ((?:\w[^\s,;()]*)(?: [^\s;()]+){1,15})$")


def _item_text(text: str, start: int, end: int) -> str:
    """The words of one group item before its year, without separators and prefixes."""
    item = " ".join(text[start:end].split()).strip(" ;,")
    return _PREFIX.sub("", item).strip(" ,")


def _title_citation(text: str, item: str, m: re.Match[str], footnote: str | None) -> Citation | None:
    words = item.split()
    if (
        not 1 <= len(words) <= 10
        or not re.match(r"^[\w\"“‘'(\[]", item)
        or any(ch.isdigit() for ch in item[:1])
    ):
        return None
    start = text.rfind(words[0], 0, m.start())
    return Citation(
        text=" ".join(text[start : m.end(1)].split()),
        start=start,
        end=m.end(1),
        kind="author-date",
        authors=[],
        year=_norm_year(m.group(1)),
        footnote=footnote,
        confidence="title",
        name_run=item,
    )


def g_end(text: str, gstart: int, inner_end: int) -> int:
    """The offset just past the group's closing parenthesis."""
    return inner_end + 1 if inner_end < len(text) and text[inner_end] in ")]}" else inner_end
