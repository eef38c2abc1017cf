"""Name normalisation for matching: accents, case, hyphens, apostrophes and particles."""

from __future__ import annotations

import functools
import re
import unicodedata

# Particles that may be dropped or written in either case: "van der Berg", "de la Cruz".
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "dela",  # Filipino: "dela Cruz", "dela Rosa"
        "della",
        "di",
        "da",
        "do",  # Portuguese: "do Vale", "do Nascimento", cited "Do Vale" or "Vale"
        "dos",
        "das",
        "du",
        "la",
        "le",
        "ter",
        "ten",
        "zu",
        "vom",
        "bin",
        "ibn",
        "al",
        "el",
        "ul",  # Urdu, Arabic: "ul Haq", cited "Haq"
        "st",
    ]
)

# "Saint" as a surname's first word, however abbreviated: "Saint-Yves", "St-Yves", "St.-Yves" and
# "Ste-Beuve" are cited either way (dropped like a particle for the core key, as "st" is).
_SAINT = frozenset(["st", "saint", "sainte", "ste"])

# Generational suffixes written after a surname (English, Portuguese, Spanish).
GENERATIONS = frozenset(["jr", "sr", "junior", "filho", "neto", "sobrinho", "ii", "iii", "iv"])

_NON_LETTER = re.compile(r"[^0-9a-z]+")

# Spacing diacritics, which a PDF's text sets apart from their letter ("J˛edrzejowski" for
# "Jędrzejowski", "Mu¨ller"): dropped when names are compared, as their combining forms are (NFKD spells
# each as a space and the combining mark, which would break the name in two)
SPACING_MARKS = "\u00a8\u00af\u00b4\u00b8\u02c6\u02c7\u02d8\u02d9\u02da\u02db\u02dc\u02dd"
DROP_SPACING_MARKS = str.maketrans("", "", SPACING_MARKS)

# The caches below outlive a document: bounded so that a 48,000-entry list does not keep half a
# million keys (~100 MB at peak); 16,384 holds every name of a 3,000-entry list, and a miss costs
# about a microsecond.


def fold_text(text: str) -> str:
    """``fold`` without its cache: for a text read once (an entry's text, a title), which remembered
    would only push out the names that recur (a list's texts, titles and names together outgrow it,
    and read in turn, every look-up missed)."""
    if text.isascii():  # nothing to spell out, decompose or strip: the same result, far sooner
        return " ".join(text.casefold().split())
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("Æ", "AE")
    text = text.replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("ı", "i")
    text = text.translate(DROP_SPACING_MARKS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


@functools.lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Lower-case, accents removed (spacing ones too), ß/ø/æ/ł spelled out, white space collapsed (remembered: names
    recur)."""
    return fold_text(text)


def name_key(name: str) -> str:
    """The matching key of a surname or corporate name: folded, letters and digits only.

    "Martínez-Díaz", "martinez diaz" and "MARTINEZ DÍAZ" share a key; so do "O'Neill" and "ONeill".
    """
    if name.isascii() and name.isalnum():
        return name.lower()  # "Smith", "anan": ASCII letters and digits only, lower case is the key
    return _name_key(name)


@functools.lru_cache(maxsize=1 << 14)
def _name_key(name: str) -> str:
    return _NON_LETTER.sub("", fold(name))


def core_key(name: str) -> str:
    """The key without leading particles or a trailing generational suffix: "van der Berg" -> "berg",
    "Rassi Junior" -> "rassi"; used as a fallback."""
    if name.isascii() and name.isalnum():
        return name.lower()  # one word of ASCII letters and digits: nothing to drop, as name_key
    return _core_key(name)


@functools.lru_cache(maxsize=1 << 14)
def _core_key(name: str) -> str:
    words = fold(name).replace("-", " ").split()
    while len(words) > 1 and (words[0].strip("'’") in PARTICLES or words[0].rstrip(".") in _SAINT):
        words = words[1:]
    if len(words) > 1 and words[-1].strip(".,") in GENERATIONS:
        words = words[:-1]  # "Rassi Junior", "Souza Filho", "Smith Jr.": cited with or without it
    # d'Alembert, O'Neill keep their apostrophe part
    return _NON_LETTER.sub("", " ".join(words))
