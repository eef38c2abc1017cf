"""Author lists of reference entries, in every order citation styles print them.

One scanner reads the names at the head of an entry, person by person, and says where the list ends:

* inverted, surname first: "Smith, J. A., Jones, K. & Lee, M." (APA, Harvard, Elsevier, Nature),
  "Berg, Pieter van der", "Rodríguez, Angel Villalobos";
* initials (or given names) first: "J. A. Smith, K. Jones, and M. Lee" (ACL, IEEE, IEA/OECD),
  "M. Thiebaut de Schotten", "D. C. Van Essen", and Chicago's mixture "Smith, J. A., and K. Jones";
* surname then initials without a comma (Vancouver/NLM): "Smith JA, Jones K, Lee M.";
* surnames alone: "Smith and Jones"; corporate names: "World Health Organization",
  "National Task Force on the Prevention and Treatment of Obesity".

The list ends where the names do: at the year, at a full stop that closes a name ("Penczek. 2007."),
at initials followed by the title ("Van Essen, D. C. Distributed hierarchical ..."), or at a
quotation mark ('Wandell, "ConTrack ...'). Reading is one pass over a bounded number of tokens.

The reading looks only at each token's shape (its kind and a few bits: initials, capitalised,
particle, closing full stop ...), so a reading is learnt once per sequence of shapes and used for
every entry that begins with it (the entries of one list share a handful of shapes): an entry then
costs its tokenising and a walk down a tree of shapes, not a reading.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from refcheck.extract.patterns import APOS, DASHES
from refcheck.matching.names import DROP_SPACING_MARKS
from refcheck.matching.names import PARTICLES as _MATCHER_PARTICLES

# the matcher's particles, and Catalan "i" that joins a double surname ("Llabrés i Xamena")
PARTICLES = _MATCHER_PARTICLES | {"i"}

_U = r"A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u042F"
# (the look-ahead tries "et al." and the ellipsis only where one can begin, an "e" or a full stop: the
# same tokens, a quarter sooner than trying both at every word). ``spaced``: hyphenated initials that
# citeproc spaces out when the hyphen is not ASCII's, "T. ‐Y ." for "T.‐Y." (U+2010): one word, read
# without its spaces ("Lu, T. ‐Y . and Chai, H."). A text with no " ." holds none: it is read with
# _TOKEN, which does not try them at every word (_TOKEN_SPACED does).
_TOKEN_HEAD = r"(?=[eE.…])(?:(?P<etal>\bet\.?\s*al\b\.?)|(?P<ellipsis>\.\.\.|…|\.\s\.\s\.))|(?P<punct>[,;&])"
_TOKEN_TAIL = r"|(?P<word>[^\s,;&()\[\]{}\"“”«»:]+)|(?P<other>[()\[\]{}\"“”«»:])"
_TOKEN = re.compile(_TOKEN_HEAD + _TOKEN_TAIL, re.I)
_TOKEN_SPACED = re.compile(
    _TOKEN_HEAD + rf"|(?P<spaced>(?-i:[{_U}]\.\s?[{DASHES}]\s?[{_U}] \.))" + _TOKEN_TAIL, re.I
)
# "J.", "J.A.", "J.-P.", "K.-E.", "Th.", "Ch." (with full stops); "B-C.", "J-P." (hyphenated initials
# with one full stop, as CSL styles and French lists write "Bo-Christer", "Jean-Pierre")
_INITIALS_DOT = re.compile(
    rf"^(?:(?:(?:Th|Ch|Ph|Sh|Zh|Kh|[{_U}])\.[{DASHES}]?){{1,4}}|[{_U}](?:[{DASHES}][{_U}]){{1,2}}\.)$"
)
# Vancouver initials, no full stops: "J", "JA", "TIA" (a full stop may close the list: "Cavalli G.")
_INITIALS_BARE = re.compile(rf"^[{_U}]{{1,3}}\.?$")
_CAPWORD = re.compile(
    rf"^(?:(?:[dDlL]|O|Mc|Mac|D)[{APOS}])?[{_U}][^\W\d_]*(?:[{APOS}{DASHES}][^\W\d_]+)*\.?$"
    # "vanEngelsdorp", "deVries", "al-Hassan": a lower-case prefix that belongs to the name
    rf"|^(?:[a-z]{{1,4}}[{_U}]|(?:al|el)[{DASHES}][{_U}])[^\W\d_]*(?:[{DASHES}][^\W\d_]+)*\.?$"
)
_SUFFIX = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])
# after a surname: "Jr", "Jr.", "JR." (not "JR", which may be Vancouver initials)
_GENERATION = re.compile(r"^(?:[JS]r\.?|[JS]R\.)$")
# Lower-case words inside an organisation's name ("Ministry of Foreign Affairs").
_FUNCTION = frozenset(
    ["of", "for", "on", "the", "in", "to", "at", "and", "de", "des", "du", "la", "le", "y", "e", "für", "und"]
)
_CAPITAL_PARTICLES = frozenset(
    [
        "Van",
        "Von",
        "De",
        "Der",
        "Den",
        "Di",
        "Da",
        "Du",
        "Del",
        "Della",
        "Dos",
        "Das",
        "La",
        "Le",
        "Ter",
        "Ten",
        "St",
        "St.",
    ]
)
MAX_TOKENS = 160


@dataclass
class Names:
    """The author list read from the head of an entry."""

    persons: list[tuple[str, str]] = field(default_factory=list)  # (surname or organisation, given)
    corporate: list[bool] = field(default_factory=list)
    et_al: bool = False
    end: int = 0  # offset just past the last name (and its "et al.")
    closed: bool = False  # the list ended with a full stop of its own ("Penczek. 2007")


_AND = frozenset(("and", "und", "y", "et"))


def is_initials(word: str) -> bool:
    return bool(_INITIALS_DOT.match(word))


def _bare_initials(word: str) -> bool:
    return bool(_INITIALS_BARE.match(word)) and word.rstrip(".").isupper()


# "K-EL"; and "C-q", "Y-j": pinyin initials whose second is written in lower case (JATS given names)
_HYPHENATED_INITIALS = re.compile(rf"^[{_U}]{{1,2}}[{DASHES}](?:[{_U}]{{1,3}}|[a-z])$")
_ONE_INITIAL = re.compile(rf"^[{_U}]\.?$")


_INNER_FUNCTION = _FUNCTION - {"and"} - PARTICLES

# a generation suffix joined to the surname by a hyphen: "Ghizoni-Jr.", "Silva-Jr." (its full stop is
# the abbreviation's: the name goes on, "Ghizoni-Jr., I. R., & Azevedo, M. A. G.")
_JOINED_GENERATION = re.compile(rf"\w[{DASHES}](?:Jr|Sr|JR|SR)\.$")

# --- The shape of a token -------------------------------------------------------------------------
# Everything the reading asks of a word, as bits: the reading follows only these, never the words,
# so that one reading serves every entry whose tokens have the same shapes (a list in one style has
# a handful of shapes: "Surname, Given and Surname, Given (" ...).
INIT = 1 << 0  # initials with full stops: "J.", "J.-P.", "Th."
BARE = 1 << 1  # Vancouver initials: "JA", "TIA", "G."
HYPH = 1 << 2  # hyphenated bare initials: "K-EL"
DOT = 1 << 3  # ends in a full stop
CAP = 1 << 4  # a capitalised name word (not initials)
PART = 1 << 5  # a lower-case particle: "van", "de"
CPART = 1 << 6  # a capitalised particle: "Van", "De", "St."
STOPS = 1 << 7  # a full stop that closes a name: "Penczek."
GEN = 1 << 8  # a generation after a surname: "Jr", "JR."
SUFFIX = 1 << 9  # "Jr", "Jr.", "II" in any case
DIGIT = 1 << 10  # begins with a digit
FUNC = 1 << 11  # a function word inside an organisation's name: "of", "the"
INNER = 1 << 12  # a lower-case function word that is no particle and no "and"
UPPER1 = 1 << 13  # begins with a capital
ANDW = 1 << 14  # "and" in any case
ONE = 1 << 15  # one capital, with or without a full stop
CAT_I = 1 << 16  # "I" alone: an initial, or Catalan "i" in capitals joining two surnames ("Prat I Fornells")
ARTICLE = 1 << 17  # "las", "los": Spanish articles, in a surname after "de" ("Gómez de las Heras")
_BITS = 18
_MASK = (1 << _BITS) - 1
# A token's code: its kind, the bits of its text, and (above them) the bits of its text without the
# name-closing full stop (what a name made of it shows: "Penczek." is read as "Penczek").
_KINDS = ("word", ",", ";", "&", "and", "etal", "ellipsis", "other", "end")
_KIND_SHIFT = 2 * _BITS
_KIND_OF = {k: n << _KIND_SHIFT for n, k in enumerate(_KINDS)}
END = _KIND_OF["end"]


# Lower-case forms of the capitalised words some test tells apart from other names ("The", "Van", "Jr").
_NOT_PLAIN = frozenset(w.lower() for w in _CAPITAL_PARTICLES | _SUFFIX | _FUNCTION | _AND | {"jr", "sr"})
_PLAIN_NAME = CAP | UPPER1
# The lower-case words some test tells apart (particles, "jr", function words, "and").
_LOWER_SPECIAL = PARTICLES | _SUFFIX | _FUNCTION | {"and", "las", "los"}


def _bits(w: str) -> int:
    """The bits of a word: plain capitalised names ("Kalomi"), lower-case words and numbers, most
    words of a list, in a few tests; others in all of them."""
    if w.isascii():
        if w.isalpha():
            if w.islower() and w not in _LOWER_SPECIAL:
                return 0  # a lower-case word of a title ("analysis")
            if len(w) > 1 and w[0].isupper() and w[1:].islower() and w.lower() not in _NOT_PLAIN:
                return _PLAIN_NAME
        elif w.isdigit():
            return DIGIT  # "2004"
    return _all_bits(w)


def _all_bits(w: str) -> int:
    """Every test (each pattern only on words short enough for it: "JA" has four letters at most)."""
    n = len(w)
    low = w.lower()
    first = w[:1]
    init = n <= 16 and is_initials(w)
    dot = w.endswith(".")
    bits = (INIT if init else 0) | (DOT if dot else 0)
    if n <= 4 and _bare_initials(w):
        bits |= BARE
    if n <= 6 and _HYPHENATED_INITIALS.match(w):
        bits |= HYPH
    if not init and _CAPWORD.match(w.translate(DROP_SPACING_MARKS)):
        bits |= CAP  # a capitalised word, not initials (with a PDF's spacing diacritic: "J˛edrzejowski")
    if first.islower() and low.strip(APOS) in PARTICLES:
        bits |= PART  # a lower-case particle: "van", "de"
    if w in _CAPITAL_PARTICLES:
        bits |= CPART
    if dot and not init and w != "St." and not (n > 4 and _JOINED_GENERATION.search(w)):
        bits |= STOPS  # ends the name it closes ("Penczek.", not "J.", "St." or "Ghizoni-Jr.")
    if n <= 3 and _GENERATION.match(w):
        bits |= GEN
    if low in _SUFFIX:
        bits |= SUFFIX
    if first.isdigit():
        bits |= DIGIT
    if low in _FUNCTION:
        bits |= FUNC
    if first.islower() and low in _INNER_FUNCTION:
        bits |= INNER
    if first.isupper():
        bits |= UPPER1
    if low == "and":
        bits |= ANDW
    if n <= 2 and _ONE_INITIAL.match(w):
        bits |= ONE
    if w == "I":
        bits |= CAT_I
    elif w == "las" or w == "los":
        bits |= ARTICLE
    return bits


# The codes of the words and marks met so far (a word's bits are worked out once, not once an entry;
# emptied past 16,384 words, as matching.names bounds its caches: that holds every name of a
# 3,000-entry list, and a 48,000-entry one does not keep them all).
_WORD_CODES: dict[str, int] = {}
_MARK_CODES: dict[str, int] = {}


def _code(group: str, t: str) -> int:
    """The code of a token of ``_TOKEN``'s ``group`` with text ``t``."""
    codes = _WORD_CODES if group == "word" else _MARK_CODES
    code = codes.get(t)
    if code is None:
        if len(codes) >= 1 << 14:
            codes.clear()
        if group == "word":
            # lower-case only: "Wang Y, Li X." and "Smith ET, Jones AB." are initials, not "y", "et"
            kind = "and" if t in _AND or t == "And" else "word"
        elif group == "punct":
            kind = t
        else:
            kind = group
        bits = _bits(t)
        stripped = _bits(t[:-1]) if bits & STOPS else bits
        code = codes[t] = _KIND_OF[kind] | bits | stripped << _BITS
    return code


class _Tokens:
    """The tokens of a text (the first ``MAX_TOKENS``), read as far as the reading goes: a list of
    names rarely needs more than the first few of an entry's tokens."""

    __slots__ = ("_more", "codes", "ends", "n", "texts")

    def __init__(self, text: str) -> None:
        self.codes: list[int] = []
        self.texts: list[str] = []
        self.ends: list[int] = []
        self.n = 0  # the number of tokens read
        self._more: Iterator[re.Match[str]] | None = (_TOKEN_SPACED if " ." in text else _TOKEN).finditer(
            text
        )

    def code(self, i: int) -> int:
        """The code of token ``i`` (``END`` past the last one)."""
        while i >= self.n:
            m = next(self._more, None) if self._more is not None and self.n < MAX_TOKENS else None
            if m is None:
                self._more = None
                return END
            t = m.group()
            group = m.lastgroup or "other"
            if group == "spaced":
                group, t = "word", "".join(t.split())
            code = (_WORD_CODES if group == "word" else _MARK_CODES).get(t)  # (a call only for a new one)
            self.codes.append(_code(group, t) if code is None else code)
            self.texts.append(t)
            self.ends.append(m.end())
            self.n += 1
        return self.codes[i]


# How a name shows the text of a token: as written, without its last character (the full stop that
# closes a name), without its trailing full stops (Vancouver initials "G." are "G").
RAW, CUT, RSTRIP = 0, 1, 2
Part = tuple[int, int]  # (token index, how it shows)
# A person read: (surname parts, given-name parts, the given names' separator, corporate).
Person = tuple[tuple[Part, ...], tuple[Part, ...], str, bool]
# What a reading found, in token indices: (persons, et al., index of the last token, closed).
Reading = tuple[tuple[Person, ...], bool, int, bool]


class _Shape:
    """The reading's view of a text's tokens: kinds and bits only; and how far it looked."""

    __slots__ = ("codes", "seen", "toks")

    def __init__(self, toks: _Tokens) -> None:
        self.toks = toks
        self.codes = toks.codes  # (the tokens' list itself, as it grows)
        self.seen = 0  # one past the last token looked at

    # kind() and word() are asked tens of times a reading: each is one call, a list look-up when the
    # token is read already, and the note of how far the reading looked
    def _code(self, i: int) -> int:
        if i >= self.seen:
            self.seen = i + 1
        return self.codes[i] if i < len(self.codes) else self.toks.code(i)

    def kind(self, i: int) -> str:
        if i >= self.seen:
            self.seen = i + 1
        return _KINDS[(self.codes[i] if i < len(self.codes) else self.toks.code(i)) >> _KIND_SHIFT]

    def has(self, i: int) -> bool:
        return self._code(i) != END

    def word(self, i: int) -> int:
        """The bits of token ``i`` if it is a word, else none."""
        if i >= self.seen:
            self.seen = i + 1
        code = self.codes[i] if i < len(self.codes) else self.toks.code(i)
        return code & _MASK if code >> _KIND_SHIFT == 0 else 0  # (kind 0: a word)

    def bits(self, part: Part) -> int:
        """The bits of a token as a name shows it (any kind of token)."""
        code = self._code(part[0])
        return (code >> _BITS if part[1] == CUT else code) & _MASK

    def surname(self, i: int, most: int = 5, bare_stop: bool = True) -> tuple[list[Part], int, bool]:
        """Surname words from ``i``: particles and capitalised words, ending in a capitalised word.

        Returns (words, next index, closed by a full stop). With ``bare_stop``, Vancouver initials
        ("SV") after at least one word end the surname."""
        words: list[Part] = []
        j = i
        last_cap = -1
        closed = False
        while len(words) < most and self.kind(j) == "word":
            w = self.word(j)
            if words and w & GEN:
                j += 1  # "SMITH JR., J.", "Smith Jr, J.": the suffix is no part of the surname
                break
            if words and bare_stop and w & (BARE | HYPH) and not w & PART:
                break  # ("Avery SV", "de Quervain DJ-F": initials, no part of the surname)
            if w & CAP:
                words.append((j, CUT if w & STOPS else RAW))
                last_cap = len(words)
                j += 1
                if w & STOPS:
                    closed = True
                    break
                continue
            if w & (PART | CPART) or (
                # Spanish "de las", "de los" inside a compound surname: "Gómez de las Heras", "Ruiz de
                # los Paños" ("las", "los" alone are no particles: "Mallo, A, Gómez de las Heras, F")
                w & ARTICLE and words and self.bits(words[-1]) & PART
            ):
                words.append((j, RAW))
                j += 1
                continue
            break
        if last_cap < 0:
            return [], i, False
        if last_cap < len(words):  # trailing particles are no part of it
            j -= len(words) - last_cap
            words = words[:last_cap]
            closed = False
        return words, j, closed

    def initials(self, i: int, most: int = 4) -> tuple[list[Part], int]:
        out: list[Part] = []
        j = i
        while len(out) < most and self.word(j) & INIT:
            out.append((j, RAW))
            j += 1
        return out, j

    def given_initials(self, i: int) -> tuple[list[Part], int]:
        """Initials of given names, with the particles among them as APA and others keep a Portuguese
        author's ("Melo, C. de H. V.", "M. de C. M. Kassar", "C. da C. Carvalho"); five or six of
        them ("Ames, M. C. F. D. C.")."""
        out, j = self.initials(i, 6)
        while out and self.word(j) & PART and self.word(j + 1) & INIT and len(out) < 8:
            more, k = self.initials(j + 1)
            out += [(j, RAW), *more]
            j = k
        return out, j

    def given_names(self, i: int) -> tuple[list[Part], int, bool]:
        """Given names after "Surname,": initials, or up to three names with initials, then particles
        written after them ("Berg, Pieter van der")."""
        inits, j = self.given_initials(i)
        if inits:
            words = inits
        else:
            words = []
            while len(words) < 3 and self.word(j) & CAP:
                w = self.word(j)
                words.append((j, CUT if w & STOPS else RAW))
                j += 1
                if w & STOPS:
                    return words, j, True
            if not words:
                return [], i, False
            more, j = self.initials(j, 2)
            words += more
        k = j
        parts: list[Part] = []
        while self.word(k) & PART and len(parts) < 3:
            parts.append((k, RAW))
            k += 1
        if parts and self.kind(k) in (",", ";", "&", "and", "etal", "end", "other"):
            words += parts
            j = k
        while self.word(j) & SUFFIX:
            j += 1
        closed = bool(self.bits(words[-1]) & DOT) and self.kind(j) not in (",", ";", "&", "and", "etal")
        return words, j, closed


def _split_given_first(r: _Shape, words: list[Part]) -> tuple[tuple[Part, ...], tuple[Part, ...]]:
    """ "Mary Jones" -> ("Jones", "Mary"); "Pieter van der Berg" -> ("van der Berg", "Pieter")."""
    k = len(words) - 1
    while k > 0 and r.bits(words[k - 1]) & (PART | CPART):
        k -= 1
    if k == 0:
        return tuple(words), ()
    return tuple(words[k:]), tuple(words[:k])


def read_names(text: str) -> Names:
    """The author list at the start of ``text`` (an entry without its label)."""
    names = _read_names(text)  # (a copy: the caller may change it)
    return Names(list(names.persons), list(names.corporate), names.et_al, names.end, names.closed)


# The readings learnt, as a tree of token codes: a path from the root is the codes of the tokens a
# reading looked at, and its end holds that reading (``_READING``), good for any text whose tokens
# begin with those codes. Emptied when it grows past a bound.
_READING = -1
_SHAPES: dict[int, Any] = {}
_LEARNT = [0]


@functools.lru_cache(maxsize=4096)
def _read_names(text: str) -> Names:
    """``read_names``, remembered: split_glued asks it of the same heads again and again (a title and
    publisher that many entries share: "Trade and growth. Baku University Press.")."""
    toks = _Tokens(text)
    codes = toks.codes
    node = _SHAPES
    i = 0
    # follow the tree as far as this text's codes go; a reading learnt there is this text's
    while (reading := node.get(_READING)) is None:
        nxt = node.get(codes[i] if i < len(codes) else toks.code(i))
        if nxt is None:
            reading = _learn(toks)
            break
        node = nxt
        i += 1
    persons, et_al, last, closed = reading
    texts = toks.texts
    out = Names(et_al=et_al, end=toks.ends[last] if last >= 0 else 0, closed=closed)
    for surname, given, sep, corporate in persons:
        out.persons.append((_show(texts, surname, " "), _show(texts, given, sep)))
        out.corporate.append(corporate)
    return out


def _show(texts: list[str], parts: tuple[Part, ...], sep: str) -> str:
    if len(parts) == 1:  # (most names are one word: no generator, a third of the time)
        i, how = parts[0]
        return texts[i] if how == RAW else texts[i][:-1] if how == CUT else texts[i].rstrip(".")
    return sep.join(
        texts[i] if how == RAW else texts[i][:-1] if how == CUT else texts[i].rstrip(".") for i, how in parts
    )


def _learn(toks: _Tokens) -> Reading:
    """Read the tokens' shapes, and keep the reading in the tree under the codes it looked at."""
    r = _Shape(toks)
    reading = _read(r)
    if _LEARNT[0] >= 1 << 14:
        _SHAPES.clear()
        _LEARNT[0] = 0
    node = _SHAPES
    codes = toks.codes  # (read already, as far as the reading looked; END past them)
    for i in range(r.seen):
        code = codes[i] if i < len(codes) else END
        node = node.setdefault(code, {})
        if code == END:
            break  # (nothing follows the end)
    node[_READING] = reading
    _LEARNT[0] += 1
    return reading


def _read(r: _Shape) -> Reading:
    persons: list[Person] = []
    et_al = False
    last = -1  # the index of the last token of the list
    closed = False
    i = 0
    mode = ""  # "inverted", "given-first", "vancouver", "plain"
    forms: list[str] = []
    after_comma = False  # the person at i follows a bare comma (no "and" or "&")
    joined = False  # an "and" or "&" came before in the list (it closes a list given names first)
    while r.has(i):
        person = _person(r, i, mode)
        if person is None:
            break
        surname, given, sep, corporate, form, j, ends_list = person
        if (
            after_comma
            and mode == "given-first"
            and not any(r.bits(g) & (INIT | BARE | HYPH) for g in given)
            and r.kind(j) not in (",", ";", "and", "&", "etal", "ellipsis")
            and not (
                given
                and not joined
                and (r.word(j) & DIGIT or (r.kind(j) == "other" and r.word(j + 1) & DIGIT))
            )
        ):
            # "S. Kou, Welding Metallurgy. Hoboken ...", "G. Becker, The Economics of Discrimination."
            # (IEEE): a list written given names first puts "and" before its last name, so words
            # after a bare comma that end the list are the title, not a last author; unless they are a
            # given name and a surname that the year follows, in a list with no "and" ("Kenton Lee,
            # Luheng He, Mike Lewis. 2017.", "Yoshua Bengio, Geoffrey Hinton, Yann LeCun (2015)."; not
            # "... and K. Maier-Hein, ISMRM 2015 Tractography challenge.")
            break
        closed = ends_list
        persons.append((surname, given, sep, corporate))
        forms.append(form)
        if not mode or (mode == "plain" and form != "plain"):
            mode = form
        last = j - 1
        i = j
        if closed and form == "vancouver" and _stop_separated(r, j):
            closed = False  # "Smith J. Jones K. 2014.": the next person follows the initials' full stop
            continue
        if closed:
            break
        if r.kind(i) == "," and r.word(i + 1) & SUFFIX:
            i += 2  # "Gates, H. L., Jr., & West, C.": the suffix closes the person before it
            last = i - 1
        # separator: ",", ";", "and", "&", ", and", ", &" ; or "et al."
        k = i
        if r.kind(k) in (",", ";"):
            k += 1
        if r.kind(k) in ("and", "&"):
            k += 1
        if r.kind(k) == "ellipsis" and r.kind(k + 1) == "word" and _person(r, k + 1, mode):
            et_al = True  # APA's "..., Fox, F., . . . Lee, C.": names left out, the last one given
            i = k + 1
            continue
        if r.kind(k) in ("etal", "ellipsis"):
            et_al = True
            last = k
            closed = bool(r.bits((k, RAW)) & DOT) and r.kind(k + 1) != ","
            break
        if k == i:
            break
        after_comma = r.kind(i) in (",", ";") and r.kind(i + 1) not in ("and", "&")
        joined = joined or r.kind(i) in ("and", "&") or r.kind(i + 1) in ("and", "&")
        i = k
    if len(persons) > 1 and forms[0] == "plain" and all(f == "given-first" for f in forms[1:]):
        # "Richard Stafford, A. G. Hart, and N. Charman": a first name and a surname, as the others are
        # written given first (ACL's full names)
        first = persons[0]
        if not first[1] and not first[3] and len(first[0]) == 2 and all(_plain_word(r, w) for w in first[0]):
            persons[0] = ((first[0][1],), (first[0][0],), *first[2:])
    return tuple(persons), et_al, last, closed


# ``read_names`` without the copy, for callers that only read the result (it is the remembered one:
# changing it would change what the next caller gets)
shared_names = _read_names

_SEPARATORS = (",", ";", "&", "and", "etal")
_NAME_ENDS = (*_SEPARATORS, "other", "end")  # what may follow the last word of a name


def _person(
    r: _Shape, i: int, mode: str
) -> tuple[tuple[Part, ...], tuple[Part, ...], str, bool, str, int, bool] | None:
    """(surname, given names, their separator, corporate, form, next index, closed) of the person at
    ``i``, or None."""
    if r.kind(i) != "word":
        return None
    w = r.word(i)
    if w & _LONE == _LONE_BARE and (
        not mode or (mode == "given-first" and r.word(i + 1) & _LONE == _LONE_BARE)
    ):
        person = _lone_initials_first(r, i)
        if person is not None:
            return person
    if not mode and w & (BARE | ONE | DOT) == BARE and r.word(i + 1) & CAP:
        person = _run_together_initials_first(r, i)
        if person is not None:
            return person
    if (
        not w & INIT
        and (
            w & HYPH
            or (mode == "given-first" and w & BARE)
            or (not mode and w & BARE and w & DOT and not w & ONE)
            # "DJF de Quervain, B Roozendaal, and JL McGaugh": bare initials before a particle, which
            # opens no Vancouver name (its surname comes first)
            or (not mode and w & BARE and not w & ONE and r.word(i + 1) & PART)
        )
        and r.word(i + 1) & (CAP | PART)
    ):
        # "K-EL Eriksson", "DJ-F de Quervain", and "JA Smith" in a list already read given names first; ACL's initials
        # with one full stop, "AY. Wang. 2011.", "JH. Kim, SY. Park, and KM. Lee." (a surname that
        # closes the name or the list: "WHO. World health statistics" is no person)
        words, j2, closed = r.surname(i + 1, bare_stop=False)
        if w & HYPH or not w & DOT:
            ends = closed or r.kind(j2) in _NAME_ENDS
        else:  # (ACL's: the year after the name, or the next name: "FAO. Fisheries. Rome." is a title)
            ends = bool(r.word(j2) & DIGIT) if closed else r.kind(j2) in (",", "and", "&")
        if words and ends:
            return tuple(words), ((i, RAW),), " ", False, "given-first", j2, closed
    if w & INIT:
        # "J. A. Smith", "M. Thiebaut de Schotten", "C. da C. Carvalho"
        inits, j = r.given_initials(i)
        if r.word(j) & ONE and not r.word(j) & DOT and r.word(j + 1) & (CAP | PART):
            # the last initial without its full stop, as JATS gives it ("J. L" -> "J. L Spudich")
            inits.append((j, RAW))
            j += 1
        words, j2, closed = r.surname(j, bare_stop=False)
        if not words:
            return None
        while r.word(j2) & SUFFIX:
            j2 += 1
        return tuple(words), tuple(inits), " ", False, "given-first", j2, closed
    corp = _corporate(r, i)
    if corp is not None:
        name, j, closed = corp
        return tuple(name), (), " ", True, "plain", j, closed
    words, j, closed = r.surname(i)
    if not words:
        return None
    if not closed and r.word(j) & CAT_I and r.word(j + 1) & CAP:
        catalan = _catalan_surname(r, words, j)
        if catalan is not None:
            return catalan
    if (
        not closed
        and mode in ("", "plain")
        and len(words) == 1
        and r.word(j) & (ONE | DOT) == ONE | DOT
        and _plain_word(r, words[0])
    ):
        # ACL's given names first with a middle initial, "Noah A. Smith. 2015." and "Galen Andrew and
        # Joel R. Tetreault. 2015.": not "Noah" with the initial "A." (Vancouver's "Cavalli G."), when
        # the surname after it closes the list and the year follows (not "Cavalli G. Chromatin and
        # epigenetics. Nature. 2010")
        later, j3, closed3 = r.surname(j + 1, bare_stop=False)
        if later and closed3 and r.word(j3) & DIGIT:
            return tuple(later), (words[0], (j, RAW)), " ", False, "given-first", j3, closed3
    if not closed and r.word(j) & (BARE | HYPH) and mode in ("", "vancouver", "plain"):
        # "Avery SV", "Cavalli G.", "de Quervain DJ-F"
        stop = bool(r.word(j) & DOT)
        k = j + 1
        if stop:
            # PLOS's spaced initials, the last without its full stop: "Lebedev M. A, Nicolelis M. A. L (2006)"
            parts = [j]
            while len(parts) < 4 and r.word(k) & ONE:
                parts.append(k)
                k += 1
            if len(parts) > 1 and not r.word(parts[-1]) & DOT and r.kind(k) in (*_SEPARATORS, "other"):
                given = tuple((p, RSTRIP) for p in parts)
                return tuple(words), given, "", False, "vancouver", k, False
            if len(parts) > 1 and r.kind(k) in (",", ";") and r.kind(k + 1) in ("&", "and"):
                # an inverted name that lost its comma, "Foster R. J., & Harmsen, B. J. (2012)": the
                # initials, then the list goes on to its last name (not "Cavalli G. A. Title")
                given = tuple((p, RSTRIP) for p in parts)
                return tuple(words), given, "", False, "inverted", k, False
            k = j + 1
        else:
            # Springer's "Walden F von, Casagrande V" and "Gennip Y van (2019)": the particles of the
            # surname written after its initials (the surname is "von Walden")
            trail: list[Part] = []
            while len(trail) < 3 and r.word(k + len(trail)) & PART:
                trail.append((k + len(trail), RAW))
            if trail and r.kind(k + len(trail)) in (*_SEPARATORS, "other", "end"):
                return (*trail, *words), ((j, RSTRIP),), " ", False, "vancouver", k + len(trail), False
        return tuple(words), ((j, RSTRIP),), " ", False, "vancouver", k, stop
    if (
        not closed
        and r.kind(j) == ","
        and mode in ("", "inverted", "plain")
        and not (mode == "plain" and len(words) == 1 and not r.word(j + 1) & INIT)
    ):
        gnames, j2, gclosed = r.given_names(j + 1)
        if gnames and r.bits(gnames[-1]) & INIT and r.word(j2) & CAP and not r.word(j2) & STOPS:
            after = r.surname(j2, bare_stop=False)
            if after[0] and mode != "inverted" and len(words) >= 2 and r.kind(after[1]) in _SEPARATORS:
                gnames = []  # "K-EL Eriksson, R. A. Blanchette, and ...": given names first, not inverted
                if not mode and len(words) == 2 and all(_plain_word(r, w) for w in words):
                    # "Richard Stafford, Adam G. Hart, and ...": the first one given first too
                    return (words[1],), (words[0],), " ", False, "given-first", j, closed
        if (
            not mode
            and len(words) == 2
            and len(gnames) >= 2
            and r.kind(j2) == ","
            and all(_plain_word(r, w) for w in (*words, *gnames))
        ):
            # "Vincent Smith, Simon Rycroft, ..., and David Roberts" (ACL's full names, given first),
            # not "Smith, Vincent" written "Vincent Smith, Simon Rycroft". (ACL writes a comma after a
            # person only in a list of three or more: "García Márquez, Gabriel José. 1999." is one
            # person, a double surname and two given names, as Chicago and MLA write it.)
            return (words[1],), (words[0],), " ", False, "given-first", j, closed
        # (three words at most, not counting particles: "Mallo, A, Gómez de las Heras, F")
        if gnames and (r.bits(gnames[0]) & INIT or sum(1 for w in words if r.bits(w) & CAP) <= 3):
            names, particles = _trailing_particles(r, gnames)
            return (*particles, *words), names, " ", False, "inverted", j2, gclosed
    if (
        not closed
        and len(words) == 1
        and mode in ("inverted", "given-first")
        # (or Vancouver's bare initials, "Christopher AR Sainsbury", as Zotero's Chicago keeps them)
        and (r.word(j) & INIT or r.word(j) & (ONE | DOT) == ONE or r.word(j) & (BARE | DOT) == BARE)
    ):
        # Chicago's later authors with a middle initial, "and Jeremy C. Pope": given name, initials,
        # surname; Word's own Chicago style writes the initial without its full stop ("Booth, Wayne C,
        # Gregory G Colomb, and Joseph M Williams")
        inits, k = r.initials(j) if r.word(j) & INIT else ([(j, RAW)], j + 1)
        later, j3, closed3 = r.surname(k, bare_stop=False)
        if later and k == j + 1 and r.word(j) & CAT_I:
            catalan = _catalan_surname(r, words, j)
            if catalan is not None:
                return catalan
        if later and (closed3 or r.kind(j3) in _NAME_ENDS):
            return tuple(later), (words[0], *inits), " ", False, "given-first", j3, closed3
    if not closed and r.kind(j) == "word" and not r.word(j) & DIGIT:
        return None  # "T. Speed, Statistical analysis of ...": a title, not a name
    if len(words) > 1 and mode in ("inverted", "given-first"):
        # Chicago's second and later authors, "and Mary Jones": given names first
        surname, given = _split_given_first(r, words)
        return surname, given, " ", False, "given-first", j, closed
    return tuple(words), (), " ", len(words) > 2, "plain", j, closed


# one capital letter alone, no full stop: "A" of "A M Lohrer"
_LONE = ONE | BARE | DOT
_LONE_BARE = ONE | BARE


def _lone_initials_first(
    r: _Shape, i: int
) -> tuple[tuple[Part, ...], tuple[Part, ...], str, bool, str, int, bool] | None:
    """ "A M Lohrer, J. E. Hewitt, and S. F. Thrush. 2006." (ACL), "J E Hewitt and ...": one to three
    initials of one letter each, no full stops, then a surname that a separator, or its full stop and
    the year, follow: the person written given names first. (Not Vancouver's surname "A" and initial
    "M": its surnames are never one letter, and the list would end at "Lohrer".)"""
    inits: list[Part] = [(i, RAW)]
    k = i + 1
    while len(inits) < 3 and r.word(k) & _LONE == _LONE_BARE:
        inits.append((k, RAW))
        k += 1
    if r.word(k) & (ONE | BARE):
        return None  # (nor Vancouver's "E WJ, Zhang Y.": the surname "E", as the initials follow it)
    words, j, closed = r.surname(k, bare_stop=False)
    if sum(1 for w in words if not r.bits(w) & (PART | CPART)) != 1:
        return None  # (one surname word and its particles, "A M van Essen"; not "R Core Team (2012)")
    if closed:
        ends = bool(r.word(j) & DIGIT)
    else:
        ends = r.kind(j) in (",", "and", "&") or (r.kind(j) == "other" and bool(r.word(j + 1) & DIGIT))
    if not ends:
        return None
    return tuple(words), tuple(inits), " ", False, "given-first", j, closed


def _run_together_initials_first(
    r: _Shape, i: int
) -> tuple[tuple[Part, ...], tuple[Part, ...], str, bool, str, int, bool] | None:
    """ "AM Lohrer, JE Hewitt, and SF Thrush. 2006.": initials run together, no full stop, then one
    surname word and a separator, when the next person opens with initials too (written given names
    first, as the list is). Not an organisation ("SAS Institute, Cary, NC", "MIT Press, Cambridge",
    "R Core Team"), which no initials follow, nor Vancouver's "Smith JA, Jones K", surname first."""
    words, j, closed = r.surname(i + 1, bare_stop=False)
    if closed or sum(1 for w in words if not r.bits(w) & (PART | CPART)) != 1:
        return None
    k = j
    if r.kind(k) == ",":
        k += 1
    if r.kind(k) in ("and", "&"):
        k += 1
    if k == j:
        return None
    nxt = r.word(k)
    if nxt & INIT:
        # "J. E. Hewitt": initials with full stops, then the next surname; not "ABD EL-BAKY, A. A., and
        # S. I. SALEM" (SciELO's capitals, surname first), whose initials after the comma are the given
        # names of the surname before them, followed by a separator
        m = k + 1
        while r.word(m) & INIT:
            m += 1
        if not r.word(m) & (CAP | PART):
            return None
    elif not (nxt & BARE and not nxt & DOT and r.word(k + 1) & (CAP | PART | BARE)):
        return None
    return tuple(words), ((i, RAW),), " ", False, "given-first", j, False


def _stop_separated(r: _Shape, j: int) -> bool:
    """After "Smith J." (Vancouver initials closed by a full stop): more persons written the same way,
    each a surname and initials with a full stop and no separator, up to the year ("Smith J. Jones K.
    2014."), continue the list; a title does not ("Cavalli G. Chromatin and epigenetics. Nature.")."""
    persons = 0
    while persons < 8:
        if r.word(j) & DIGIT or (persons and r.kind(j) == "other" and r.word(j + 1) & DIGIT):
            return persons > 0
        words, k, closed = r.surname(j)
        plain = [w for w in words if not r.bits(w) & (PART | CPART)]
        if len(plain) != 1 or r.bits(plain[0]) & FUNC or closed or r.word(k) & (BARE | DOT) != BARE | DOT:
            return False  # (one surname word: not a title's "The Danish Resources C. 1000–1550")
        persons += 1
        j = k + 1
    return False


def _catalan_surname(
    r: _Shape, words: list[Part], j: int
) -> tuple[tuple[Part, ...], tuple[Part, ...], str, bool, str, int, bool] | None:
    """ "Prat I Fornells, N.": Catalan "i" written in capitals (at ``j``, after the surname ``words``)
    joins a double surname whose initials follow its comma; not a middle initial of a name given first
    ("Gregory G Colomb, and ...") nor Vancouver initials ("Prat I, Smith J")."""
    later, j3, closed3 = r.surname(j + 1, bare_stop=False)
    if not later or closed3 or r.kind(j3) != "," or not r.word(j3 + 1) & INIT:
        return None
    gnames, j4, gclosed = r.given_names(j3 + 1)
    if not gnames:
        return None
    return (*words, (j, RAW), *later), tuple(gnames), " ", False, "inverted", j4, gclosed


def _plain_word(r: _Shape, w: Part) -> bool:
    """A capitalised name word that is neither initials ("J.", "JA", "F", "J-F") nor a particle."""
    bits = r.bits(w)
    return bool(bits & CAP) and not bits & (CPART | PART | INIT | BARE | HYPH | ONE)


def _trailing_particles(r: _Shape, given: list[Part]) -> tuple[tuple[Part, ...], tuple[Part, ...]]:
    k = len(given)
    while k > 1 and r.bits(given[k - 1]) & PART:
        k -= 1
    return tuple(given[:k]), tuple(given[k:])


def _corporate(r: _Shape, i: int) -> tuple[list[Part], int, bool] | None:
    """An organisation's name: capitalised words with lower-case function words inside
    ("Ministry of Foreign Affairs", "National Task Force on the Prevention and Treatment of Obesity")
    or four capitalised words and more ("Diabetes Prevention Program Research Group")."""
    words: list[Part] = []
    j = i
    function = False
    last_cap = 0
    closed = False
    while len(words) < 14 and r.has(j):
        kind = r.kind(j)
        w = r.word(j)
        if kind == "word" and (w & CAP or (w & DIGIT and not words)) and not w & INIT:
            if words and w & BARE:
                return None  # "Sørensen TIA", "Thiebaut de Schotten M": a person, Vancouver style
            words.append((j, CUT if w & STOPS else RAW))
            last_cap = len(words)
            j += 1
            if w & STOPS:
                closed = True
                break
            continue
        if words and (kind in ("and", "&") or (kind == "word" and w & FUNC)):
            words.append((j, RAW))
            if kind == "word":
                function = True
            j += 1
            continue
        break
    words = words[:last_cap]
    if len(words) < 2:
        return None  # (one word is never an organisation below: it needs two capitals or more)
    if j > i + last_cap:  # trailing function words go back
        j = i + last_cap
        closed = False
    caps = [p for p in words if r.bits(p) & (UPPER1 | DIGIT)]
    lower = [p for p in words if r.bits(p) & INNER]
    if (function and lower and len(caps) >= 2) or (
        len(caps) >= 4 and not any(r.bits(p) & ANDW for p in words)
    ):
        if r.kind(j) == "," and r.word(j + 1) & INIT:
            return None  # "Davey Smith, G." after all
        return words, j, closed
    return None
