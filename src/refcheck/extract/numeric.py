"""Numeric citations ("[4]", "[4, 8, 17]", "[8–12]", "[8]–[12]", NLM/Vancouver "(4)", "(1–3,5)") and
bracketed footnote markers.

Whether "[3]" is a reference number or a footnote marker depends on what the document defines: a
numbered reference list makes it a citation, "[3] text" notes make it a marker. Numbers in parentheses
are citations only in a document with a numbered list that cites that way (the pipeline decides), and
never when they enumerate ("(1) an 841 bp fragment, (2) an AscI site"), number an equation, or lie
far beyond the list ("(1634–1737)", "(1981)").
"""

from __future__ import annotations

import bisect
import functools
import re

from refcheck._lazy import lazy_pattern
from refcheck.extract.patterns import DASHES
from refcheck.model import Citation, FootnoteMarker

_ITEM = rf"\d{{1,4}}(?:\s*[{DASHES}]\s*\d{{1,4}})?"
_GROUP = re.compile(
    rf"\[\s*({_ITEM}(?:\s*,\s*{_ITEM})*)\s*\](?:\s*[{DASHES}]\s*\[\s*(\d{{1,4}})\s*\])?"
    # not a Markdown link "[1](https://...)", link definition "[1]: https://..." or "[1][ref]" (but
    # "[3][4]" is two citations, as Japanese and Chinese prose writes them: "できる[3][4]。")
    r"(?!\((?:https?:|www\.|mailto:|#|/|\.\.?/)|:[ \t]*(?:https?:|www\.|<)"
    rf"|\[(?!\s*{_ITEM}(?:\s*,\s*{_ITEM})*\s*\]))"
)
# "[e.g., 77]", "[see 12, 14]", "[32: 273]", "[51: fig. 10.5]", "[12, p. 33]": numbers with a cue before
# them or a locator after them (the plain "[n]" forms are _GROUP's); a ratio "[3:1]" has no space
_LOCATED = lazy_pattern(
    r"\[\s*(?:(see(?:\s+also)?|e\.\s?g\.,?|cf\.|i\.\s?e\.,?|reviewed\s+in)\s+)?"
    rf"({_ITEM}(?:\s*,\s*{_ITEM})*)"
    r"((?::\s+|,\s*)(?:pp?\.|fig|tab|chap|ch\.|sec|§)[^\[\]\n]{0,40}?|:\s+\d{1,4}(?:\s*[-\u2013]\s*\d{1,4})?)?"
    r"\s*\]",
    re.I,
)
_ITEM_RE = re.compile(rf"(\d{{1,4}})(?:\s*[{DASHES}]\s*(\d{{1,4}}))?")
# The widest range always read as one ("[1–100]"); a wider one is read as its first number, unless
# it lies within the list and the document's budget of such numbers allows it (RangeBudget). Each
# number is an entry the citation links to, listed in the reports: 60,000 citations of "[1–500]" in
# 1 MB made a JSON report of 1.2 GB.
MAX_RANGE = 100
# The numbers a document may spend on ranges wider than MAX_RANGE, per entry of its list: a review
# citing "[130,346–460]" of its 460 entries reads the range whole (not 114 entries uncited), and a
# hostile document repeating "[1–4000]" 14,000 times reads a few of them whole, the others as their
# first number.
WIDE_BUDGET = 4
# The expressions below serve documents with a numbered list only: compiled when first used (start-up).
# "(4)", "(1–3,5)", "(9,10; Figure 1E)", "(88 http://...)": not after a word or a closing bracket ("f(1)", "8674(00)")
_PAREN = lazy_pattern(
    rf"(?<![\w)\]])\(\s*({_ITEM}(?:\s*,\s*{_ITEM})*)\s*(?:\)|;(?=[^()\n]{{0,200}}\))|(?=https?://))"
)
# "(23)(24,25)": a group straight after a group read as a citation (two citations inserted side by
# side by a reference manager); "increased(8).", "follicles(19,20)": a group glued to a lower-case
# word of four or more letters ("f(1)", "exp(2)" are functions) and ending the phrase, read with low
# confidence (a number past the list is said at info level: "sqrt(2)" is a function too)
_NEXT = lazy_pattern(rf"\(\s*({_ITEM}(?:\s*,\s*{_ITEM})*)\s*\)")
# (the bracket first, then the look back: a search for a literal, not a look back at every character)
# (ending the phrase: before a punctuation mark or the line's end, not "count(3) over the rows")
_GLUED = lazy_pattern(rf"\((?<=[a-z]{{4}}\()\s*({_ITEM}(?:\s*,\s*{_ITEM})*)\s*\)(?=[.,;:]|[ \t]*(?:\n|$))")
# "(see 8)", "(reviewed in 20)", "(e.g. 61,62)", "(see also 56)", "(..., see 45 for a review)": numbers
# after a citing word inside parenthesised text
_CUED = lazy_pattern(
    r"(?<=[(\s,;])(?:see(?:\s+also)?|e\.\s?g\.,?|cf\.|reviewed\s+in|refs?\.)\s+"
    # (not the "30" of "e.g., 30,000 genes" or of "see 2.5")
    rf"({_ITEM}(?:\s*,\s*{_ITEM})*)(?![.,]\d)(?=\s*[),;]|\s+for\s)",
    re.I,
)
# "(CSD 89)", "(residues 772–984 45)", "(STT 20, TEND 21)", "(MRtrix 18; see S1 Text)": numbers ending
# an item of parenthesised text; read with low confidence, and only when no counting word stands before
# them ("(Figure 4)")
_TAIL = lazy_pattern(rf"(?<=[ \t\n,;])({_ITEM}(?:\s*,\s*{_ITEM})*)(?=\)|;|,\s)")
_COUNTED = lazy_pattern(
    r"(?:^|[\s(])(?:fig(?:ure)?s?|tables?|eqs?|equations?|panels?|steps?|days?|weeks?|months?|years?|"
    r"ages?|ranges?|intervals?|stages?|lanes?|chromosomes?|versions?|experiments?|studies|study|groups?|models?|"
    r"phases?|rounds?|sessions?|samples?|patients?|subjects?|cases?|n|p|ph|no|nos|chapters?|sections?|"
    r"appendix|supplement(?:ary)?|files?|data|class(?:es)?|arms?|scans?|runs?|trials?|sites?|regions?|"
    r"items?|questions?|levels?|grades?|types?|times?|points?|conditions?|blocks?|waves?|"
    r"movies?|boxes|box|and|or|to|&|[a-z]?[=<>≤≥±×:]|s\d+)\.?\s*[,;]?\s*$",
    re.I,
)
# after a word ("CSD 89", "'PSE2' 42", "methods; 18", "Miklósi et al., 1": names kept before the
# number, as a numeric rendering of "(Miklósi et al., 2004)" writes them) or a number ("residues
# 772–984 45", "Figure 1; 7")
_AFTER_WORD = lazy_pattern(r"(?:(?:\bal\.|[^\W\d_]\w*[\u2019'\u201d]?)[ \t]*[,;]?|\d;?)[ \t\n]+$")
_EQUATION_REF = lazy_pattern(r"\b(?:eqs?|equations?|formulae?|inequality)\.?\s*$", re.I)
_LINE_END = lazy_pattern(r"[ \t]*(?:\n|$)")
# a symbol or an abbreviation in capitals right before a bracket, "NI (36)", "n (24)", "ΔG (7)" (a
# word of prose, "shown (36)", is none, nor a compound's end, "Ire1–GFP (48)"): a number past the list
# there, the bracket closed at once and the phrase going on ("NI (36) and Nhelix (24) are"), is a
# value as often as a citation ("by GFP (48; Figure 1E)", "by GFP (48)." stay citations)
_SYMBOL_BEFORE = lazy_pattern(
    rf"(?<![\w.\u2019'{DASHES}])(?:[^\W\d_]|[A-Z\u0391-\u03a9][A-Z0-9\u0391-\u03a9]{{1,5}})[ \t]?$"
)


def after_symbol(text: str, pos: int) -> bool:
    """Whether a symbol or an abbreviation in capitals stands right before ``pos`` ("NI (36)")."""
    return _SYMBOL_BEFORE().search(text, max(0, pos - 8), pos) is not None


# the opening of a parenthesised group of numbers up to one of them: "(33, " of "NI (33, 34)"
_GROUP_HEAD = lazy_pattern(r"\([\d \t,\u2013-]{0,40}$")


def group_after_symbol(text: str, pos: int) -> bool:
    """Whether the parenthesised group that opens at ``pos``, or holds the number at ``pos``, stands
    right after a symbol or an abbreviation in capitals ("NI (36)", "NI (33, 34)")."""
    if text[pos : pos + 1] != "(":
        head = _GROUP_HEAD().search(text, max(0, pos - 40), pos)
        if head is None:
            return False
        pos = head.start()
    return after_symbol(text, pos)


BEYOND = 5  # a single number this far past the list is still read as a (missing) citation


def bracket_groups(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_GROUP.finditer(text, start, end))


# "growth<sup>1</sup>", "<sup>2,4-6</sup>" written as HTML in Markdown (the HTML loader turns its own
# into brackets): a citation after a word or a punctuation mark, not one opening its line (a label)
_SUP_GROUP = re.compile(rf"(?<=[^\s\d])<sup>\s*({_ITEM}(?:\s*,\s*{_ITEM})*)\s*</sup>", re.I)
# pandoc's superscript, "growth^1^", "masks^2,4-6^" (no space inside, as pandoc reads it), after a word
# or a punctuation mark; not a footnote's "[^1]"
_CARET_GROUP = re.compile(rf"(?<=[^\s\d\[^])\^({_ITEM}(?:,{_ITEM})*)\^(?!\w)")


def extract_numeric(
    text: str,
    start: int,
    end: int,
    footnote: str | None = None,
    list_size: int | None = None,
    zero: bool = False,
    carets: bool = False,
) -> list[Citation]:
    """Numeric citations; with ``list_size``, a bracket whose numbers all lie beyond the list, or that
    holds a zero, is taken for an interval or a value ("[80, 120] ms", "[0, 1]"), not a citation
    (``zero``: the list numbers its entries from 0, and "[0]" cites the first). ``carets``: the text
    is Markdown, where pandoc's "^1^" is a superscript."""
    out: list[Citation] = []
    groups: list[re.Match[str]] = list(_GROUP.finditer(text, start, end))
    marked: list[re.Match[str]] = []  # superscripts written as markup
    if text.find("<sup>", start, end) != -1 or text.find("<SUP>", start, end) != -1:
        marked.extend(_SUP_GROUP.finditer(text, start, end))
    if carets and text.find("^", start, end) != -1:
        marked.extend(_CARET_GROUP.finditer(text, start, end))
    if marked:
        from refcheck.loaders._build import EXPONENT_LOOKBACK, exponent_after  # (rare: not at start-up)

        sups = [
            g for g in marked if not exponent_after(text[max(0, g.start() - EXPONENT_LOOKBACK) : g.start()])
        ]
        if sups:
            groups = sorted([*groups, *sups], key=lambda g: g.start())
    for g in groups:
        items = list(_ITEM_RE.finditer(text, g.start(1), g.end(1)))
        values = [int(x) for it in items for x in it.groups() if x]
        if (0 in values and not zero) or (
            list_size is not None and len(values) > 1 and min(values) > list_size
        ):
            continue
        before = text[max(0, g.start() - 3) : g.start()].rstrip()
        if before[-1:] in ("∈", "=", "<", ">", "≤", "≥", "±", "×") and not _after_tag(text, g.start()):
            continue  # "x ∈ [5, 80]", "p = [0.2]": intervals and values (not "<sup>[1]</sup>")
        if re.search(r"(?:^|[\s(/+\-–−*·])[^\W\d_]\d?$", text[max(0, g.start() - 4) : g.start()]):
            continue  # "F[1,12] = 8.42", "χ2[2]", "x[3]", "t[1]/t[2]": statistics and indices, not citations
        if g.start() and text[g.end() : g.end() + 1].islower() and not text[g.start() - 1].isspace():
            continue  # inside a word on both sides: a chemical name's locants, "pyrido[1,4]oxazepine"
        if g.re is _GROUP and g.group(2):
            # "[8]–[12]": one citation spanning the range
            lo, hi = int(items[0].group(1)), int(g.group(2))
            out.append(_cite(text, g.start(), g.end(), lo, hi, footnote))
            continue
        if len(items) == 1 and not items[0].group(2):
            n = int(items[0].group(1))
            out.append(_cite(text, g.start(), g.end(), n, n, footnote))
            continue
        out.extend(_item_cite(text, it, footnote) for it in items)
    if text.find("[", start, end) != -1:
        located = _located(text, start, end, footnote, list_size)
        if located:
            out = sorted([*out, *located], key=lambda c: c.start)
    return out


_OPENING_TAG = re.compile(r"<(?:sup|span|a|em|i|b|strong|small)\b[^<>\n]{0,200}>$", re.I)


def _after_tag(text: str, at: int) -> bool:
    """Whether an HTML tag ends right before ``at``: "<sup>[1]</sup>" is a citation written as
    Markdown for GitHub writes one, not a comparison."""
    return text[at - 1 : at] == ">" and _OPENING_TAG.search(text, max(0, at - 220), at) is not None


def _located(text: str, start: int, end: int, footnote: str | None, list_size: int | None) -> list[Citation]:
    """The bracketed numbers with a cue or a locator (``_LOCATED``), each within the list."""
    out: list[Citation] = []
    for g in _LOCATED().finditer(text, start, end):
        if not (g.group(1) or g.group(3)):
            continue  # a plain "[n]": _GROUP's
        items = list(_ITEM_RE.finditer(text, g.start(2), g.end(2)))
        values = [int(x) for it in items for x in it.groups() if x]
        if 0 in values or (list_size is not None and max(values) > list_size):
            continue
        whole = g.span() if len(items) == 1 else None  # one number: the citation is the bracket
        out.extend(_item_cite(text, it, footnote, whole) for it in items)
    return out


def _item_cite(
    text: str, it: re.Match[str], footnote: str | None, span: tuple[int, int] | None = None
) -> Citation:
    """The citation of one item of a group ("4", "8–12", an ``_ITEM_RE`` match), at its own place or
    at ``span``."""
    lo = int(it.group(1))
    hi = int(it.group(2)) if it.group(2) else lo
    s, e = span or it.span()
    return _cite(text, s, e, lo, hi, footnote)


def _cite(text: str, s: int, e: int, lo: int, hi: int, footnote: str | None) -> Citation:
    if hi < lo or hi - lo > MAX_RANGE:
        hi = lo
    return Citation(
        text=" ".join(text[s:e].split()),
        start=s,
        end=e,
        kind="numeric",
        numbers=_numbers(lo, hi),
        footnote=footnote,
    )


class RangeBudget:
    """The numbers one document may still spend on ranges wider than ``MAX_RANGE`` (``WIDE_BUDGET``
    per entry of its list of ``list_size`` entries)."""

    __slots__ = ("left", "list_size")

    def __init__(self, list_size: int) -> None:
        self.list_size = list_size
        self.left = WIDE_BUDGET * list_size

    def allows(self, lo: int, hi: int) -> bool:
        """Whether ``lo``..``hi`` (list numbers or positions from 1) is read whole; a range wider than
        ``MAX_RANGE`` must lie within the list and fit in what is left (then it is spent)."""
        if hi - lo <= MAX_RANGE:
            return True
        width = hi - lo + 1
        if not 0 < lo < hi <= self.list_size or width > self.left:
            return False
        self.left -= width
        return True


# "346–460", "[8]–[12]": the ends of a range, in a citation's text
_ENDS = re.compile(rf"(\d{{1,4}})\s*\]?\s*[{DASHES}]\s*\[?\s*(\d{{1,4}})")


def widen_ranges(cites: list[Citation], budget: RangeBudget) -> None:
    """Read whole the ranges wider than ``MAX_RANGE`` that extraction cut to their first number, as
    far as the document's ``budget`` allows, in the order they are cited: each range once, then the
    repeats (a range cited in each row of a table spends nothing a later range needs; the entries of
    a repeat read as its first number are cited by the range read whole)."""
    first: list[tuple[Citation, int, int]] = []
    again: list[tuple[Citation, int, int]] = []
    seen: set[tuple[int, int]] = set()
    for c in cites:
        if len(c.numbers) != 1 or c.kind != "numeric":
            continue
        lo = c.numbers[0]
        for m in _ENDS.finditer(c.text):
            if int(m.group(1)) == lo:
                hi = int(m.group(2))
                if hi - lo > MAX_RANGE:
                    (again if (lo, hi) in seen else first).append((c, lo, hi))
                    seen.add((lo, hi))
                break
    for c, lo, hi in first + again:
        if budget.left <= MAX_RANGE:
            break
        if budget.allows(lo, hi):
            c.numbers = _numbers(lo, hi)


@functools.lru_cache(maxsize=256)
def _numbers(lo: int, hi: int) -> tuple[int, ...]:
    """``tuple(range(lo, hi + 1))``, one tuple shared by the repeats of a range: "[1–500]" cited
    60,000 times held 30 million numbers."""
    return tuple(range(lo, hi + 1))


def extract_paren_numeric(
    text: str, start: int, end: int, list_size: int, footnote: str | None = None
) -> list[Citation]:
    """Numbers in parentheses read as reference numbers ("(4)", "(1–3,5)", "(see 8)", "(CSD 89)")."""
    out: list[Citation] = []
    spans: list[tuple[int, int]] = []
    groups = list(_PAREN().finditer(text, start, end))
    groups += _cued(text, start, end)
    for g in groups:
        cites = _paren_cites(text, g, list_size, footnote)
        while cites:
            out.extend(cites)
            spans.append((g.start(), g.end()))
            if g.re is _CUED() or text[g.end() - 1 : g.end() + 1] != ")(":
                break
            nxt = _NEXT().match(text, g.end(), end)
            if nxt is None:
                break
            g, cites = nxt, _paren_cites(text, nxt, list_size, footnote)
    for g in _GLUED().finditer(text, start, end):
        cites = _paren_cites(text, g, list_size, footnote)
        for c in cites:
            c.confidence = "low"  # a number past the list is said at info level only
        out.extend(cites)
        spans.append((g.start(), g.end()))
    spans.sort()
    for m in _TAIL().finditer(text, start, end):
        k = bisect.bisect_right(spans, (m.start(), len(text))) - 1
        if k >= 0 and spans[k][0] <= m.start() < spans[k][1]:
            continue  # the end of "(13,14)" or "(e.g. 61,62)", read already
        if (
            not _inside_parentheses(text, m.start())
            or not _AFTER_WORD().search(text, max(start, m.start() - 30), m.start())
            or _COUNTED().search(text, max(start, m.start() - 30), m.start())
        ):
            continue  # "(Figure 4)", "(0.25, 0.5, 1, 2 and 4 mm)", "(age range 27–40)"
        cites = _paren_cites(text, m, list_size, footnote)
        for c in cites:
            c.confidence = "low"  # a number past the list is said at info level only
        out.extend(cites)
    return out


def _cued(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The numbers after a citing word ("see 40", "reviewed in 12, 14") inside parentheses."""
    return [m for m in _CUED().finditer(text, start, end) if _inside_parentheses(text, m.start())]


def extract_cued_numeric(
    text: str, start: int, end: int, list_size: int, footnote: str | None = None
) -> list[Citation]:
    """Numbers after a citing word in parentheses, all of them entries of the list: "(see 40)",
    "(reviewed in 12, 14)". A document that cites "[4]" may write one citation so, where the
    publisher's brackets were lost; only the cue makes the number a reference number there."""
    out: list[Citation] = []
    for m in _cued(text, start, end):
        cites = _paren_cites(text, m, list_size, footnote)
        if cites and all(max(c.numbers) <= list_size for c in cites):
            out.extend(cites)
    return out


def _paren_cites(text: str, g: re.Match[str], list_size: int, footnote: str | None) -> list[Citation]:
    items = list(_ITEM_RE.finditer(text, g.start(1), g.end(1)))
    nums = [x for it in items for x in it.groups() if x]
    values = [int(x) for x in nums]
    if 0 in values or any(x.startswith("0") for x in nums) or max(values) > list_size + BEYOND:
        return []  # "(05–2803)", "(1634–1737)", "(1981)": not reference numbers
    if any(it.group(2) and int(it.group(2)) <= int(it.group(1)) for it in items):
        return []
    if any(it.group(2) and int(it.group(2)) > list_size for it in items):
        return []  # "small numbers (20–30) of patients" past a 26-entry list: a quantity, not entries
    if _equation_number(text, g.start(), g.end()) or _EQUATION_REF().search(
        text, max(0, g.start() - 12), g.start()
    ):
        return []  # "f = m / (m + u)   (1)", "from Eq. (2)"
    if len(items) == 1 and not items[0].group(2) and text[g.start()] == "(":
        n = values[0]
        close = g.end() if text[g.end() - 1] == ")" else g.end(1)
        cite = _cite(text, g.start(), close, n, n, footnote)
        if n > list_size and text[close - 1 : close + 1] == ") " and after_symbol(text, g.start()):
            cite.confidence = "low"  # "NI (36)", "n (24)": a symbol's value as often as a citation
        return [cite]
    cites = [_item_cite(text, it, footnote) for it in items]
    closed = text[g.start()] == "(" and text[g.end() - 1 : g.end() + 1] == ") "
    if min(values) > list_size and closed and after_symbol(text, g.start()):
        for c in cites:
            c.confidence = "low"  # "NI (33, 34) are": values as often as citations, all past the list
    return cites


def _inside_parentheses(text: str, pos: int) -> bool:
    """An opening parenthesis before ``pos`` in its paragraph that nothing has closed yet (a line
    of hard-wrapped text may continue a parenthesis opened on the line before)."""
    start = text.rfind("\n\n", max(0, pos - 300), pos) + 1  # bounded: never a rescan of the paragraph
    before = text[max(start, pos - 300) : pos]
    return before.rfind("(") > before.rfind(")")


def _equation_number(text: str, s: int, e: int) -> bool:
    """ "f = m / (m + u)   (1)": a number alone at the end of a line with a formula."""
    if not _LINE_END().match(text, e):
        return False
    line_start = text.rfind("\n", max(0, s - 300), s) + 1
    return "=" in text[max(line_start, s - 300) : s]


def drop_enumerations(text: str, cites: list[Citation], anywhere: bool = False) -> list[Citation]:
    """Without the numbers of an enumeration: a run "(1) ... (2) ... (3)" of single numbers counting up
    from 1 inside one paragraph, each followed by words, after the text has already cited past them
    (``anywhere``: wherever it stands, the first citations too: "have 3 elements: (1) mutual
    engagement, (2) a joint enterprise, and (3) a shared repertoire" in a page citing "[1]")."""
    drop: set[int] = set()
    seen_max = 0
    i = 0
    while i < len(cites):
        if not (_single(cites[i]) and cites[i].numbers[0] == 1 and (anywhere or seen_max >= 2)):
            seen_max = max(seen_max, *cites[i].numbers)
            i += 1
            continue
        run = [i]
        while (
            run[-1] + 1 < len(cites)
            and _single(cites[run[-1] + 1])
            and cites[run[-1] + 1].numbers[0] == cites[run[-1]].numbers[0] + 1
            and "\n\n" not in text[cites[run[-1]].end : cites[run[-1] + 1].start]
            and cites[run[-1] + 1].start - cites[run[-1]].end < 400
        ):
            run.append(run[-1] + 1)
        if (
            len(run) >= 2
            and (anywhere or seen_max >= len(run))
            and all(re.match(r"[ \t]+[^\W\d_]", text[cites[k].end : cites[k].end + 3]) for k in run)
        ):
            drop.update(run)
            i = run[-1] + 1
            continue
        seen_max = max(seen_max, *cites[i].numbers)
        i += 1
    return [c for k, c in enumerate(cites) if k not in drop]


# "(36)" alone on its line: the label of a displayed item (a linguistic example, an equation)
# (or first on its line before a tab, two spaces or a table's next cell: "(36)\tna4pa4ta3",
# "| (32) | H* [IHRC Op] |")
_LABEL_LINE = re.compile(r"[ \t]*(?:\n|$|\|)|\t| {2}")
# "(33)–(35)": two labels joined by a dash, a range of displayed items (a citation range is "(33–35)")
_JOINED_AFTER = re.compile(rf"[ \t]*[{DASHES}][ \t]*\(\d")
_JOINED_BEFORE = re.compile(rf"\d\)[ \t]*[{DASHES}][ \t]*$")
MIN_LABELS = 3  # labels a document needs before its numbers in parentheses are read as references to them


def _alone(text: str, c: Citation) -> bool:
    """Whether ``c`` ("(36)") is all of its line, or its first cell."""
    line = text.rfind("\n", max(0, c.start - 80), c.start)  # (bounded: a line of a megabyte is read once)
    if line < 0 and c.start > 80:
        return False
    return not text[line + 1 : c.start].strip(" \t|") and _LABEL_LINE.match(text, c.end) is not None


# what follows a label that opens a paragraph: the example's sub-letter ("(32) a. Gestern ...") or its
# words ("(33) dass Hans ...", "(34) *Hat Hans ..."): not a full stop, a comma or a closing bracket
_EXAMPLE_AFTER = re.compile(r"[ \t]+(?:[a-z][.)][ \t]|[*#?%]*[^\W\d_])")


def _opens_paragraph(text: str, c: Citation) -> bool:
    """Whether ``c`` ("(32)") opens a paragraph (after a blank line, or the text's start) before the
    words of a displayed example ("(32) a. Gestern hat Hans ..."), as a linguistics paper sets its
    examples when the label does not stand on its own line."""
    if c.start and not re.search(r"\n[ \t]*\n[ \t]*$|\A[ \t]*$", text[max(0, c.start - 40) : c.start]):
        return False
    return _EXAMPLE_AFTER.match(text, c.end) is not None


def display_labels(text: str, cites: list[Citation]) -> set[int]:
    """The numbers of the displayed items a document labels "(36)" on a line of their own: numbered
    examples of a linguistics paper, numbered equations (at least ``MIN_LABELS`` of them); or, when a
    paragraph opening with one is followed by another ("(32) a. Gestern ..." then "(33) dass ..."),
    at the start of their paragraphs."""
    singles = [c for c in cites if len(c.numbers) == 1 and c.text.startswith("(")]
    labels = {c.numbers[0] for c in singles if _alone(text, c)}
    opening = {c.numbers[0] for c in singles if _opens_paragraph(text, c)}
    if len(opening) >= MIN_LABELS and any(n + 1 in opening for n in opening):
        labels |= opening
    return labels if len(labels) >= MIN_LABELS else set()


def drop_label_references(
    text: str, cites: list[Citation], labels: set[int], list_size: int
) -> list[Citation]:
    """Without the labels of displayed items and the references to them that cannot be citations: a
    label on its line ("(36)"), a range of labels ("(33)–(35)"), a label past the list ("in (38)" of a
    33-entry list). A label number within the list, "in (12)", stays a citation: nothing tells them
    apart. A number past the list that is no label but lies below the largest one ("in (32)" of a
    31-entry list whose labels run on to "(36)") is kept at low confidence (info)."""
    if not labels:
        return cites
    top = max(labels)
    out = []
    for c in cites:
        if (
            c.text.startswith("(")
            and set(c.numbers) <= labels
            and (
                _alone(text, c)
                or max(c.numbers) > list_size
                or _JOINED_AFTER.match(text, c.end)
                or _JOINED_BEFORE.search(text[max(0, c.start - 8) : c.start])
            )
        ):
            continue
        if c.text.startswith("(") and list_size < min(c.numbers) and max(c.numbers) <= top:
            # "the structure in (32)" of a 31-entry list whose examples run on to (36): an example the
            # text did not keep on a line of its own (a table's, an image's), or a citation past the
            # list; said at info level
            c.confidence = "low"
        out.append(c)
    return out


def _single(c: Citation) -> bool:
    return len(c.numbers) == 1 and c.text.startswith("(")


def bracket_markers(text: str, start: int, end: int, labels: set[str]) -> list[FootnoteMarker]:
    """Footnote markers "[n]" for numbers the document defines as notes."""
    out = []
    for g in _GROUP.finditer(text, start, end):
        for it in _ITEM_RE.finditer(text, g.start(1), g.end(1)):
            if it.group(2):
                continue
            label = it.group(1)
            if label in labels or not labels:
                out.append(FootnoteMarker(label=label, start=g.start(), end=g.end()))
    return out


# "[Knu84]", "[Lam94, Knu84, p. 3]", "<sup>[cc2nd04]</sup>": keys of a list labelled by keys, in brackets
# (not a link's text, "[Lam94](url)", "[Lam94][ref]", nor a link definition's label, "[Lam94]: url")
_KEYED = re.compile(r"\[([^\[\]\n]{1,200})\](?![(\[:])")
_KEY_SEP = re.compile(r"\s*[,;]\s*")


def extract_keyed(text: str, start: int, end: int, keys: set[str], footnote: str | None) -> list[Citation]:
    """Citations of the keys a list labels its entries by ("[Knu84] D. E. Knuth ..."): a bracket whose
    first item is one of those keys, each of its items that is one (the others are locators)."""
    out = []
    for g in _KEYED.finditer(text, start, end):
        items = _KEY_SEP.split(g.group(1).strip())
        if items[0] not in keys:
            continue
        for item in items:
            if item in keys:
                out.append(
                    Citation(
                        text=g.group(0), start=g.start(), end=g.end(), kind="key", key=item, footnote=footnote
                    )
                )
    return out
