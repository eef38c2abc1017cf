"""Whether a citation no entry fits is one the document passes on rather than makes (rules/missing_reference
reports it at info): the original work of a secondary citation ("(Shih, 2005, as cited in Yan &
Islam, 2011)": APA lists only the source read), or an example in a sentence that tells how to cite
(a style guide's "Cite papers with two authors using both names (Aho and Ullman, 1972)").
"""

from __future__ import annotations

import re

from refcheck.model import Citation

# a word of citing ("Cite papers with two authors ...", "Citations within the text appear in ..."); not
# "cited", which "as cited in" (a secondary citation) and prose about a work's reception use
_CITING = re.compile(r"\b[Cc]it(?:e|es|ing|ation|ations)\b")
_SENTENCE_END = re.compile(r"[.!?][ \t]+(?=[A-Z])|\n")


def about_citing(text: str, cit: Citation) -> bool:
    """Whether the sentence before the citation speaks of citing ("Collapse multiple citations into a
    single pair of parentheses (Gusfield, 1997; Aho and Ullman, 1972)")."""
    before = text[max(0, cit.start - 300) : cit.start]
    cut = 0
    for m in _SENTENCE_END.finditer(before):  # (not "et al." nor "e.g." inside it)
        cut = m.end()
    return _CITING.search(before, cut) is not None


# after the original work's year: ", as cited in", " cited in", "; quoted in" (APA 7 8.6, Harvard):
# the list gives the secondary source, which the reader used, not the original. Without "as", the
# source's name must follow: "Jones (2010), cited by many later studies," is a work the list lacks
# So do Latin "apud" (ABNT: "(FREIRE, 1987 apud SILVA, 2010)") and "citado por/em/en", "cité par/dans",
# "zit. nach" before the source's name.
_SECONDARY = re.compile(
    r"[ \t]*\)?[ \t]*[,;]?[ \t]*(?:as[ \t]+(?:cited|quoted)[ \t]+(?:in|by)\b"
    r"|(?:(?:cited|quoted)[ \t]+(?:in|by)|apud|citad[oa]s?[ \t]+(?:por|em|en)|cit\u00e9e?s?[ \t]+(?:par|dans)"
    r"|zit\.?[ \t]+nach)[ \t]+(?-i:[A-Z\u00C0-\u00DE]))",
    re.I,
)


def secondary(text: str, cit: Citation) -> bool:
    """Whether an author-date citation names the original work of a secondary citation, "(Shih, 2005,
    as cited in Yan & Islam, 2011)", "Shih (2005, cited in Yan, 2011)", "(FREIRE, 1987 apud SILVA,
    2010)": the list need not give it."""
    return _SECONDARY.match(text, cit.end, min(len(text), cit.end + 40)) is not None
