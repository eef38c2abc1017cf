"""Is the journal an entry names the journal of the registry's record? ``same_container``.

Journals are cited by many names: the full title ("Journal of Biological Chemistry"), its ISO 4 or
NLM abbreviation ("J. Biol. Chem.", "J Biol Chem"), an acronym ("PNAS", "BMJ"), with or without
"The", with "&" for "and", with or without a subtitle ("JAMA: The Journal of the American Medical
Association"), in another case ("PLoS ONE", "PLOS ONE"); Crossref lists several names of a
container (``container-title``, ``short-container-title``). A difference is *clear* only when no
name of one side can be read as a name of the other and the two share no word or word stem at all
("Energy Policy" against "Journal of Cleaner Production"); a name of the one within the other
("Nature" against "Nature Communications", a journal's section, a renamed series) is doubtful,
and doubtful says nothing.

    same_container("J. Biol. Chem.", ["Journal of Biological Chemistry"]) -> True
    same_container("Energy Policy", ["Journal of Cleaner Production"]) -> False
    same_container("Nature", ["Nature Communications"]) -> None (doubtful)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from refcheck.links.content import fold

# Words an abbreviation leaves out (ISO 4 drops articles, prepositions and conjunctions), in the
# languages journal titles are most often in.
_FUNCTION = frozenset(
    [
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "de",
        "des",
        "del",
        "della",
        "der",
        "di",
        "die",
        "das",
        "du",
        "e",
        "et",
        "fur",
        "im",
        "la",
        "le",
        "les",
        "und",
        "y",
    ]
)


def _variants(name: str) -> list[tuple[str, ...]]:
    """The name's readings, as folded words: whole, without its subtitle (after ":" or " - ") and
    without parentheses ("(Online)", "(CVPR)"); "&" is "and", a leading "The" is dropped."""
    name = name.replace("&", " and ")
    out: list[tuple[str, ...]] = []
    for part in (
        name,
        re.split(r":|\s[-–—]\s|\.\s+-", name, maxsplit=1)[0],
        re.sub(r"\([^()]*\)", " ", name),
    ):
        ws = fold(part).split()
        while ws and ws[0] == "the":
            ws = ws[1:]
        if ws and tuple(ws) not in out:
            out.append(tuple(ws))
    return out


def _abbreviates(short: str, word: str) -> bool:
    """``short`` can stand for ``word``: same first letter, its letters in order in the word
    ("biol" for "biological", "natl" for "national", "j" for "journal")."""
    if not short or short[0] != word[0] or len(short) > len(word):
        return False
    at = 0
    for c in short:
        at = word.find(c, at)
        if at < 0:
            return False
        at += 1
    return True


@lru_cache(maxsize=4096)
def _reads_as(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every word of ``short`` abbreviates the next content word of ``long`` (or spells the
    initials of a run of them: "usa", "pnas", "bmj"), in order, the function words of either aside,
    and no content word of ``long`` is left over."""

    @cache
    def go(i: int, j: int) -> bool:
        if i == len(short):
            return all(w in _FUNCTION for w in long[j:])
        if short[i] in _FUNCTION and go(i + 1, j):
            return True
        if j == len(long):
            return False
        if long[j] in _FUNCTION and go(i, j + 1):
            return True
        if _abbreviates(short[i], long[j]) and go(i + 1, j + 1):
            return True
        # an acronym: the initials of the next content words ("usa": united states (of) america)
        word = short[i]
        if len(word) >= 2 and word.isalpha():
            k, n = j, 0
            while k < len(long) and n < len(word):
                if long[k] in _FUNCTION and long[k][0] != word[n]:
                    k += 1
                    continue
                if long[k][0] != word[n]:
                    break
                k, n = k + 1, n + 1
                if n == len(word) and go(i + 1, k):
                    return True
        return False

    return go(0, 0)


def _stem_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether the names share a content word, or a word one abbreviates from the other."""
    ca = [w for w in a if w not in _FUNCTION]
    cb = [w for w in b if w not in _FUNCTION]
    for x in ca:
        for y in cb:
            if x == y or (len(x) >= 3 and _abbreviates(x, y)) or (len(y) >= 3 and _abbreviates(y, x)):
                return True
            if len(x) >= 4 and len(y) >= 4 and x[:4] == y[:4]:
                return True
    return False


def same_container(cited: str, record: Sequence[str]) -> bool | None:
    """True when ``cited`` names one of the record's containers, False when it clearly names
    another, None when it cannot be told (doubtful, or nothing to compare)."""
    names = [r for r in record if r and r.strip()]
    if not cited or not cited.strip() or not names:
        return None
    ours = _variants(cited)
    theirs = [v for r in names for v in _variants(r)]
    if not ours or not theirs:
        return None
    for a in ours:
        for b in theirs:
            if a == b or _reads_as(a, b) or _reads_as(b, a):
                return True
    # a name in another script, or one of a single letter or digits: nothing to compare word by word
    flat = " ".join(w for v in ours + theirs for w in v)
    if not flat.isascii() or not all(any(len(w) >= 3 and w.isalpha() for w in v) for v in ours + theirs):
        return None
    if any(_stem_overlap(a, b) for a in ours for b in theirs):
        return None
    return False
