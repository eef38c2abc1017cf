"""The reader of author lists as it was before it read by token shapes (refcheck.extract.names at
f3808be, unchanged but for this docstring and the middle-initial, particles-among-initials,
bare-initials-before-a-particle and spacing-diacritic rules both readers gained since): the oracle of
tests/test_reference_fast_paths.py, which checks that the shape reader gives the same Names on any
text. Not used by refcheck itself.

Author lists of reference entries, in every order citation styles print them.

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
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from refcheck.extract.patterns import APOS, DASHES
from refcheck.matching.names import DROP_SPACING_MARKS, PARTICLES

_U = r"A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u042F"
_TOKEN = re.compile(
    r"(?P<etal>\bet\.?\s*al\b\.?)|(?P<ellipsis>\.\.\.|…|\.\s\.\s\.)|(?P<punct>[,;&])"
    # hyphenated initials spaced out by citeproc ("T. ‐Y ." for "T.‐Y."): one word, without its spaces
    rf"|(?P<spaced>(?-i:[{_U}]\.\s?[{DASHES}]\s?[{_U}] \.))"
    r"|(?P<word>[^\s,;&()\[\]{}\"“”«»:]+)|(?P<other>[()\[\]{}\"“”«»:])",
    re.I,
)
# "J.", "J.A.", "J.-P.", "K.-E.", "Th.", "Ch." (with full stops)
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


@dataclass(slots=True)
class Tok:
    kind: str  # "word", "etal", "ellipsis", ",", ";", "&", "and", "other"
    text: str
    start: int
    end: int


@dataclass
class Names:
    """The author list read from the head of an entry."""

    persons: list[tuple[str, str]] = field(default_factory=list)  # (surname or organisation, given)
    corporate: list[bool] = field(default_factory=list)
    et_al: bool = False
    end: int = 0  # offset just past the last name (and its "et al.")
    closed: bool = False  # the list ended with a full stop of its own ("Penczek. 2007")


def _tok(m: re.Match[str]) -> Tok:
    kind = m.lastgroup or "other"
    t = m.group(0)
    if kind == "spaced":
        kind, t = "word", "".join(t.split())
    if kind == "punct":
        kind = t
    elif kind == "word" and (t in _AND or t == "And"):  # (lower-case: "Wang Y" is an initial)
        kind = "and"
    return Tok(kind, t, m.start(), m.end())


_AND = frozenset(("and", "und", "y", "et"))


def tokens(text: str, limit: int = MAX_TOKENS) -> list[Tok]:
    out: list[Tok] = []
    for m in _TOKEN.finditer(text):
        out.append(_tok(m))
        if len(out) >= limit:
            break
    return out


# The word tests below are pure and asked of the same words again and again (every entry's names, and
# the heads split_glued tries): each remembers its answers, within a bound.
_word_test = functools.lru_cache(maxsize=1 << 16)


@_word_test
def is_initials(word: str) -> bool:
    return bool(_INITIALS_DOT.match(word))


@_word_test
def _bare_initials(word: str) -> bool:
    return bool(_INITIALS_BARE.match(word)) and word.rstrip(".").isupper()


_HYPHENATED_INITIALS = re.compile(rf"^[{_U}]{{1,2}}[{DASHES}](?:[{_U}]{{1,3}}|[a-z])$")


def _bare_given(word: str, mode: str) -> bool:
    """Initials without full stops before a surname: "K-EL" always, "JA" in a given-first list."""
    if _HYPHENATED_INITIALS.match(word):
        return True
    if mode == "given-first":
        return _bare_initials(word)
    # ACL's initials with one full stop opening a list: "AY. Wang. 2011."
    return not mode and _bare_initials(word) and word.endswith(".") and len(word) > 2


@_word_test
def _cap(word: str) -> bool:
    return bool(_CAPWORD.match(word.translate(DROP_SPACING_MARKS))) and not is_initials(word)


@_word_test
def _particle(word: str) -> bool:
    return word.lower().strip(APOS) in PARTICLES and word[:1].islower()


@_word_test
def _stops(word: str) -> bool:
    """A word ending in a full stop ends the name it closes ("Penczek." but not "J." or "St.")."""
    # (nor "Ghizoni-Jr.": a generation suffix joined by a hyphen, as names._JOINED_GENERATION)
    return (
        word.endswith(".")
        and not is_initials(word)
        and word not in ("St.",)
        and not (len(word) > 4 and re.search(rf"\w[{DASHES}](?:Jr|Sr|JR|SR)\.$", word))
    )


def _strip(word: str) -> str:
    return word[:-1] if _stops(word) else word


class _Reader:
    """The tokens of a text (the first ``MAX_TOKENS``), read as far as the reading goes: a list of
    names rarely needs more than the first few of an entry's tokens.

    The tokens are kept as parallel lists (kind, word or "", text, end), a few read ahead at a time:
    the reading asks for kinds and words tens of times an entry, and a list look-up is what those
    questions cost (a token object and a call per token were half the time of a reading)."""

    __slots__ = ("_done", "_more", "ends", "kinds", "n", "texts", "words")

    AHEAD = 1  # tokens read past the one asked for (more is wasted on an entry without names)

    def __init__(self, text: str) -> None:
        self.kinds: list[str] = []
        self.words: list[str] = []  # the token's text if it is a word, else ""
        self.texts: list[str] = []
        self.ends: list[int] = []
        self.n = 0  # the number of tokens read
        self._more = _TOKEN.finditer(text)
        self._done = False

    def _pull(self, i: int) -> bool:
        """Read tokens until there is a token ``i`` (and a few after it); whether there is."""
        kinds, words, texts, ends = self.kinds, self.words, self.texts, self.ends
        n = self.n
        want = min(i + 1 + self.AHEAD, MAX_TOKENS)
        more = self._more
        while n < want and not self._done:
            m = next(more, None)
            if m is None:
                self._done = True
                break
            # (what _tok does, inline)
            kind = m.lastgroup or "other"
            t = m.group(0)
            if kind == "spaced":
                kind, t = "word", "".join(t.split())
            if kind == "punct":
                kind = t
            elif kind == "word" and (t in _AND or t == "And"):  # (lower-case: "Wang Y" is an initial)
                kind = "and"
            kinds.append(kind)
            words.append(t if kind == "word" else "")
            texts.append(t)
            ends.append(m.end())
            n += 1
            if n >= MAX_TOKENS:
                self._done = True
        self.n = n
        return i < n

    def has(self, i: int) -> bool:
        """Whether there is a token ``i``."""
        return i < self.n or self._pull(i)

    def kind(self, i: int) -> str:
        return self.kinds[i] if i < self.n or self._pull(i) else "end"

    def word(self, i: int) -> str:
        return self.words[i] if i < self.n or self._pull(i) else ""

    def surname(self, i: int, most: int = 5, bare_stop: bool = True) -> tuple[list[str], int, bool]:
        """Surname words from ``i``: particles and capitalised words, ending in a capitalised word.

        Returns (words, next index, closed by a full stop). With ``bare_stop``, Vancouver initials
        ("SV") after at least one word end the surname."""
        words: list[str] = []
        j = i
        last_cap = -1
        closed = False
        while len(words) < most and self.kind(j) == "word":
            w = self.word(j)
            if words and _GENERATION.match(w):
                j += 1  # "SMITH JR., J.", "Smith Jr, J.": the suffix is no part of the surname
                break
            if (
                words
                and bare_stop
                and (_bare_initials(w) or _HYPHENATED_INITIALS.match(w))
                and not _particle(w)
            ):
                break  # ("de Quervain DJ-F": hyphenated initials end the surname too, left16)
            if _cap(w):
                words.append(_strip(w))
                last_cap = len(words)
                j += 1
                if _stops(w):
                    closed = True
                    break
                continue
            if (
                _particle(w)
                or w in _CAPITAL_PARTICLES
                or (words and w in ("las", "los") and _particle(words[-1]))
            ):
                words.append(w)  # (Spanish "de las", "de los" in a surname: "Gómez de las Heras")
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

    def initials(self, i: int, most: int = 4) -> tuple[list[str], int]:
        out: list[str] = []
        j = i
        while len(out) < most and is_initials(self.word(j)):  # (no word, no initials: "" is none)
            out.append(self.word(j))
            j += 1
        return out, j

    def given_initials(self, i: int) -> tuple[list[str], int]:
        """Initials, five or six of them, with particles among them ("C. de H. V.")."""
        out, j = self.initials(i, 6)
        while out and _particle(self.word(j)) and is_initials(self.word(j + 1)) and len(out) < 8:
            more, k = self.initials(j + 1)
            out += [self.word(j), *more]
            j = k
        return out, j

    def given_names(self, i: int) -> tuple[list[str], int, bool]:
        """Given names after "Surname,": initials, or up to three names with initials, then particles
        written after them ("Berg, Pieter van der")."""
        inits, j = self.given_initials(i)
        if inits:
            words = inits
        else:
            words = []
            while len(words) < 3 and _cap(self.word(j)):
                w = self.word(j)
                words.append(_strip(w))
                j += 1
                if _stops(w):
                    return words, j, True
            if not words:
                return [], i, False
            more, j = self.initials(j, 2)
            words += more
        k = j
        parts: list[str] = []
        while _particle(self.word(k)) and len(parts) < 3:
            parts.append(self.word(k))
            k += 1
        if parts and self.kind(k) in (",", ";", "&", "and", "etal", "end", "other"):
            words += parts
            j = k
        while self.word(j).lower() in _SUFFIX:
            j += 1
        closed = words[-1].endswith(".") and self.kind(j) not in (",", ";", "&", "and", "etal")
        return words, j, closed


def _split_given_first(words: list[str]) -> tuple[str, str]:
    """ "Mary Jones" -> ("Jones", "Mary"); "Pieter van der Berg" -> ("van der Berg", "Pieter")."""
    k = len(words) - 1
    while k > 0 and (_particle(words[k - 1]) or words[k - 1] in _CAPITAL_PARTICLES):
        k -= 1
    if k == 0:
        return " ".join(words), ""
    return " ".join(words[k:]), " ".join(words[:k])


def read_names(text: str) -> Names:
    """The author list at the start of ``text`` (an entry without its label)."""
    names = _read_names(text)  # (a copy: the caller may change it)
    return Names(list(names.persons), list(names.corporate), names.et_al, names.end, names.closed)


@functools.lru_cache(maxsize=4096)
def _read_names(text: str) -> Names:
    """``read_names``, remembered: split_glued asks it of the same heads again and again (a title and
    publisher that many entries share: "Trade and growth. Baku University Press.")."""
    r = _Reader(text)
    out = Names()
    i = 0
    mode = ""  # "inverted", "given-first", "vancouver", "plain"
    forms: list[str] = []
    after_comma = False  # the person at i follows a bare comma (no "and" or "&")
    joined = False  # an "and" or "&" came before in the list (it closes a list given names first)
    while r.has(i):
        person = _person(r, i, mode, first=not out.persons)
        if person is None:
            break
        surname, given, corporate, form, j, closed = person
        if (
            after_comma
            and mode == "given-first"
            and not any(
                is_initials(g) or _bare_initials(g) or _HYPHENATED_INITIALS.match(g) for g in given.split()
            )
            and r.kind(j) not in (",", ";", "and", "&", "etal", "ellipsis")
            and not (
                given
                and not joined
                and (r.word(j)[:1].isdigit() or (r.kind(j) == "other" and r.word(j + 1)[:1].isdigit()))
            )
        ):
            # "S. Kou, Welding Metallurgy.": the title, not a last author (IEEE puts "and" first);
            # unless a given name and a surname the year follows, in a list with no "and" ("Kenton
            # Lee, Luheng He, Mike Lewis. 2017."; not "and K. Maier-Hein, ISMRM 2015 Tractography")
            break
        out.persons.append((surname, given))
        forms.append(form)
        out.corporate.append(corporate)
        if not mode or (mode == "plain" and form != "plain"):
            mode = form
        out.end = r.ends[j - 1]
        out.closed = closed
        i = j
        if closed and form == "vancouver" and _stop_separated(r, j):
            out.closed = False  # "Smith J. Jones K. 2014." (added with the shape reader's rule, left20a)
            continue
        if closed:
            break
        if r.kind(i) == "," and r.word(i + 1).lower() in _SUFFIX:
            i += 2  # "Gates, H. L., Jr., & West, C.": the suffix closes the person before it
            out.end = r.ends[i - 1]
        # separator: ",", ";", "and", "&", ", and", ", &" ; or "et al."
        k = i
        if r.kind(k) in (",", ";"):
            k += 1
        if r.kind(k) in ("and", "&"):
            k += 1
        if r.kind(k) == "ellipsis" and r.word(k + 1) and _person(r, k + 1, mode, first=False):
            out.et_al = True  # APA's "..., Fox, F., . . . Lee, C.": names left out, the last one given
            i = k + 1
            continue
        if r.kind(k) in ("etal", "ellipsis"):
            out.et_al = True
            out.end = r.ends[k]
            out.closed = r.texts[k].endswith(".") and r.kind(k + 1) != ","
            break
        if k == i:
            break
        after_comma = r.kind(i) in (",", ";") and r.kind(i + 1) not in ("and", "&")
        joined = joined or r.kind(i) in ("and", "&") or r.kind(i + 1) in ("and", "&")
        i = k
    if len(out.persons) > 1 and forms[0] == "plain" and all(f == "given-first" for f in forms[1:]):
        # "Richard Stafford, A. G. Hart, and N. Charman": the first one given first, as the others
        words = out.persons[0][0].split()
        if (
            not out.persons[0][1]
            and not out.corporate[0]
            and len(words) == 2
            and all(map(_plain_word, words))
        ):
            out.persons[0] = (words[1], words[0])
    return out


def _plain_word(word: str) -> bool:
    """A capitalised name word that is neither initials ("J.", "JA", "F", "J-F") nor a particle."""
    return (
        _cap(word)
        and word not in _CAPITAL_PARTICLES
        and not _particle(word)
        and not _bare_initials(word)
        and not _HYPHENATED_INITIALS.match(word)
        and not re.match(rf"^[{_U}]\.?$", word)
    )


# ``read_names`` without the copy, for callers that only read the result (it is the remembered one:
# changing it would change what the next caller gets)
shared_names = _read_names


def _person(r: _Reader, i: int, mode: str, first: bool) -> tuple[str, str, bool, str, int, bool] | None:
    """(surname, given, corporate, form, next index, closed) of the person at ``i``, or None."""
    w = r.word(i)
    if not w:
        return None
    if _lone_initial(w) and (not mode or (mode == "given-first" and _lone_initial(r.word(i + 1)))):
        person = _lone_initials_first(r, i)
        if person is not None:
            return person
    if not mode and _bare_initials(w) and len(w) > 1 and not w.endswith(".") and _cap(r.word(i + 1)):
        person = _run_together_initials_first(r, i)
        if person is not None:
            return person
    # ("DJF de Quervain, B Roozendaal, ...": bare initials before a particle open a list given first)
    bare_first = not mode and _bare_initials(w) and len(w.rstrip(".")) > 1 and _particle(r.word(i + 1))
    if (
        not is_initials(w)
        and (_bare_given(w, mode) or bare_first)
        and (_cap(r.word(i + 1)) or _particle(r.word(i + 1)))
    ):
        # "K-EL Eriksson", and "JA Smith" in a list already read given names first
        words, j2, closed = r.surname(i + 1, bare_stop=False)
        if _HYPHENATED_INITIALS.match(w) or not w.endswith("."):
            ends = closed or r.kind(j2) in (",", ";", "&", "and", "etal", "other", "end")
        elif closed:  # "AY. Wang. 2011.": the year after the name ("FAO. Fisheries. Rome." is a title)
            ends = r.word(j2)[:1].isdigit()
        else:
            ends = r.kind(j2) in (",", "and", "&")
        if words and ends:
            return " ".join(words), w, False, "given-first", j2, closed
    if is_initials(w):
        # "J. A. Smith", "M. Thiebaut de Schotten"
        inits, j = r.given_initials(i)
        nxt = r.word(j)
        if re.fullmatch(rf"[{_U}]", nxt) and (_cap(r.word(j + 1)) or _particle(r.word(j + 1))):
            # the last initial without its full stop, as JATS gives it ("J. L" -> "J. L Spudich")
            inits.append(nxt)
            j += 1
        words, j2, closed = r.surname(j, bare_stop=False)
        if not words:
            return None
        while r.word(j2).lower() in _SUFFIX:
            j2 += 1
        return " ".join(words), " ".join(inits), False, "given-first", j2, closed
    corp = _corporate(r, i)
    if corp is not None:
        name, j, closed = corp
        return name, "", True, "plain", j, closed
    words, j, closed = r.surname(i)
    if not words:
        return None
    if not closed and r.word(j) == "I" and _cap(r.word(j + 1)):
        catalan = _catalan_surname(r, words, j)
        if catalan is not None:
            return catalan
    if (
        not closed
        and mode in ("", "plain")
        and len(words) == 1
        and re.fullmatch(rf"[{_U}]\.", r.word(j))
        and _plain_word(words[0])
    ):
        # ACL's given names first with a middle initial, "Noah A. Smith. 2015." (added with the shape
        # reader's same rule, left15b): the surname closes the list and the year follows
        later, j3, closed3 = r.surname(j + 1, bare_stop=False)
        if later and closed3 and r.word(j3)[:1].isdigit():
            return " ".join(later), " ".join([words[0], r.word(j)]), False, "given-first", j3, closed3
    if (
        not closed
        and (_bare_initials(r.word(j)) or _HYPHENATED_INITIALS.match(r.word(j)))
        and mode in ("", "vancouver", "plain")
    ):
        # "Avery SV", "Cavalli G."
        given = r.word(j)
        stop = given.endswith(".")
        k = j + 1
        if stop:
            # PLOS's spaced initials, the last without its full stop: "Lebedev M. A, Nicolelis M. A. L (2006)"
            parts = [given]
            while len(parts) < 4 and re.match(rf"^[{_U}]\.?$", r.word(k)):
                parts.append(r.word(k))
                k += 1
            if (
                len(parts) > 1
                and not parts[-1].endswith(".")
                and r.kind(k) in (",", ";", "&", "and", "etal", "other")
            ):
                return " ".join(words), "".join(p.rstrip(".") for p in parts), False, "vancouver", k, False
            if len(parts) > 1 and r.kind(k) in (",", ";") and r.kind(k + 1) in ("&", "and"):
                # "Foster R. J., & Harmsen, B. J.": an inverted name that lost its comma
                return " ".join(words), "".join(p.rstrip(".") for p in parts), False, "inverted", k, False
            k = j + 1
        else:
            # Springer's "Walden F von, Casagrande V": particles written after the initials
            parts = []
            while len(parts) < 3 and _particle(r.word(k + len(parts))):
                parts.append(r.word(k + len(parts)))
            if parts and r.kind(k + len(parts)) in (",", ";", "&", "and", "etal", "other", "end"):
                return " ".join([*parts, *words]), given, False, "vancouver", k + len(parts), False
        return " ".join(words), given.rstrip("."), False, "vancouver", k, stop
    if (
        not closed
        and r.kind(j) == ","
        and mode in ("", "inverted", "plain")
        and not (mode == "plain" and len(words) == 1 and not is_initials(r.word(j + 1)))
    ):
        gnames, j2, gclosed = r.given_names(j + 1)
        if gnames and is_initials(gnames[-1]) and _cap(r.word(j2)) and not _stops(r.word(j2)):
            after = r.surname(j2, bare_stop=False)
            if (
                after[0]
                and mode != "inverted"
                and len(words) >= 2
                and r.kind(after[1]) in (",", ";", "&", "and", "etal")
            ):
                gnames = []  # "K-EL Eriksson, R. A. Blanchette, and ...": given names first, not inverted
                if not mode and len(words) == 2 and all(_plain_word(x) for x in words):
                    # "Richard Stafford, Adam G. Hart, and ...": the first one given first too
                    return words[1], words[0], False, "given-first", j, closed
        if (
            not mode
            and len(words) == 2
            and len(gnames) >= 2
            and r.kind(j2) == ","
            and all(_plain_word(x) for x in (*words, *gnames))
        ):
            # "Vincent Smith, Simon Rycroft, ..., and David Roberts" (ACL's full names, given first;
            # a comma after them, as ACL writes one only in a list of three or more)
            return words[1], words[0], False, "given-first", j, closed
        if gnames and (is_initials(gnames[0]) or sum(1 for x in words if _cap(x)) <= 3):
            surname = " ".join(words)
            names, particles = _trailing_particles(gnames)
            if particles:
                surname = " ".join([*particles, surname])
            return surname, " ".join(names), False, "inverted", j2, gclosed
    if (
        not closed
        and len(words) == 1
        and mode in ("inverted", "given-first")
        and (
            is_initials(r.word(j))
            or re.fullmatch(rf"[{_U}]", r.word(j))
            or (_bare_initials(r.word(j)) and not r.word(j).endswith("."))
        )
    ):
        # Chicago's later authors with a middle initial, "and Jeremy C. Pope" (added with the shape
        # reader's same rule, qa-real-docs); Word's Chicago writes it without its full stop ("Gregory
        # G Colomb")
        inits, k = r.initials(j) if is_initials(r.word(j)) else ([r.word(j)], j + 1)
        later, j3, closed3 = r.surname(k, bare_stop=False)
        if later and k == j + 1 and r.word(j) == "I":
            catalan = _catalan_surname(r, words, j)
            if catalan is not None:
                return catalan
        if later and (closed3 or r.kind(j3) in (",", ";", "&", "and", "etal", "other", "end")):
            return " ".join(later), " ".join([words[0], *inits]), False, "given-first", j3, closed3
    if not closed and r.kind(j) == "word" and not r.word(j)[:1].isdigit():
        return None  # "T. Speed, Statistical analysis of ...": a title, not a name
    if len(words) > 1 and mode in ("inverted", "given-first"):
        # Chicago's second and later authors, "and Mary Jones": given names first
        surname, given = _split_given_first(words)
        return surname, given, False, "given-first", j, closed
    return " ".join(words), "", len(words) > 2, "plain", j, closed


def _lone_initial(word: str) -> bool:
    """One capital letter alone, no full stop: "A" of "A M Lohrer"."""
    return bool(re.fullmatch(rf"[{_U}]", word)) and word.isupper()


def _lone_initials_first(r: _Reader, i: int) -> tuple[str, str, bool, str, int, bool] | None:
    """ "A M Lohrer, J. E. Hewitt, and S. F. Thrush. 2006.": one to three initials of one letter each,
    no full stops, then a surname that a separator, or its full stop and the year, follow (added with
    the shape reader's same rule, names19)."""
    inits = [r.word(i)]
    k = i + 1
    while len(inits) < 3 and _lone_initial(r.word(k)):
        inits.append(r.word(k))
        k += 1
    if re.match(rf"^[{_U}]\.?$", r.word(k)) or _bare_initials(r.word(k)):
        return None
    words, j, closed = r.surname(k, bare_stop=False)
    if sum(1 for w in words if not _particle(w) and w not in _CAPITAL_PARTICLES) != 1:
        return None  # (one surname word and its particles, "A M van Essen"; not "R Core Team (2012)")
    if closed:
        ends = r.word(j)[:1].isdigit()
    else:
        ends = r.kind(j) in (",", "and", "&") or (r.kind(j) == "other" and r.word(j + 1)[:1].isdigit())
    if not ends:
        return None
    return " ".join(words), " ".join(inits), False, "given-first", j, closed


def _run_together_initials_first(r: _Reader, i: int) -> tuple[str, str, bool, str, int, bool] | None:
    """ "AM Lohrer, JE Hewitt, and SF Thrush. 2006.": run-together initials, one surname word and a
    separator, and initials opening the next person (added with the shape reader's rule, left20a)."""
    words, j, closed = r.surname(i + 1, bare_stop=False)
    if closed or sum(1 for w in words if not _particle(w) and w not in _CAPITAL_PARTICLES) != 1:
        return None
    k = j
    if r.kind(k) == ",":
        k += 1
    if r.kind(k) in ("and", "&"):
        k += 1
    if k == j:
        return None
    nxt, after = r.word(k), r.word(k + 1)
    if is_initials(nxt):
        # (initials with full stops then the next surname, not a separator: "ABD EL-BAKY, A. A., and")
        m = k + 1
        while is_initials(r.word(m)):
            m += 1
        if not (_cap(r.word(m)) or _particle(r.word(m))):
            return None
    elif not (
        _bare_initials(nxt)
        and not nxt.endswith(".")
        and (_cap(after) or _particle(after) or _bare_initials(after))
    ):
        return None
    return " ".join(words), r.word(i), False, "given-first", j, False


def _stop_separated(r: _Reader, j: int) -> bool:
    """More persons "Jones K." after "Smith J.", up to the year (the shape reader's rule, left20a)."""
    persons = 0
    while persons < 8:
        if r.word(j)[:1].isdigit() or (persons and r.kind(j) == "other" and r.word(j + 1)[:1].isdigit()):
            return persons > 0
        words, k, closed = r.surname(j)
        nxt = r.word(k)
        plain = [w for w in words if not _particle(w) and w not in _CAPITAL_PARTICLES]
        if (
            len(plain) != 1
            or plain[0].lower() in _FUNCTION
            or closed
            or not (_bare_initials(nxt) and nxt.endswith("."))
        ):
            return False
        persons += 1
        j = k + 1
    return False


def _catalan_surname(r: _Reader, words: list[str], j: int) -> tuple[str, str, bool, str, int, bool] | None:
    """ "Prat I Fornells, N.": Catalan "i" in capitals joins a double surname (as names.py reads it)."""
    later, j3, closed3 = r.surname(j + 1, bare_stop=False)
    if not later or closed3 or r.kind(j3) != "," or not is_initials(r.word(j3 + 1)):
        return None
    gnames, j4, gclosed = r.given_names(j3 + 1)
    if not gnames:
        return None
    return " ".join([*words, "I", *later]), " ".join(gnames), False, "inverted", j4, gclosed


def _trailing_particles(given: list[str]) -> tuple[list[str], list[str]]:
    k = len(given)
    while k > 1 and _particle(given[k - 1]):
        k -= 1
    return given[:k], given[k:]


_INNER_FUNCTION = _FUNCTION - {"and"} - PARTICLES


def _corporate(r: _Reader, i: int) -> tuple[str, int, bool] | None:
    """An organisation's name: capitalised words with lower-case function words inside
    ("Ministry of Foreign Affairs", "National Task Force on the Prevention and Treatment of Obesity")
    or four capitalised words and more ("Diabetes Prevention Program Research Group")."""
    words: list[str] = []
    j = i
    function = False
    last_cap = 0
    closed = False
    while len(words) < 14 and r.has(j):
        kind = r.kinds[j]
        w = r.texts[j]
        if kind == "word" and (_cap(w) or (w[:1].isdigit() and not words)) and not is_initials(w):
            if words and _bare_initials(w):
                return None  # "Sørensen TIA", "Thiebaut de Schotten M": a person, Vancouver style
            words.append(_strip(w))
            last_cap = len(words)
            j += 1
            if _stops(w):
                closed = True
                break
            continue
        if words and (kind in ("and", "&") or (kind == "word" and w.lower() in _FUNCTION)):
            words.append(w)
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
    caps = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    lower = [w for w in words if w.lower() in _INNER_FUNCTION and w[:1].islower()]
    if (function and lower and len(caps) >= 2) or (
        len(caps) >= 4 and "and" not in [w.lower() for w in words]
    ):
        if r.kind(j) == "," and is_initials(r.word(j + 1)):
            return None  # "Davey Smith, G." after all
        return " ".join(words), j, closed
    return None
