"""citation-order: a numeric list numbered by first citation is cited out of order.

What it does
    In a numeric document whose list is numbered in order of first citation (most entries are first
    cited in list order), reports the first citation of an entry that comes before an entry with a
    lower number has been cited: "[1] ... [3] ... [2]".

Why is this bad
    Vancouver-style lists number the works in the order the text first cites them; a jump means an
    entry was added, moved or renumbered by hand and the list no longer follows the text.

Example (fails)
    Tooth loss affects quality of life [1]. It is measured with the OHIP [3], in Dutch too [2].

Use instead
    Tooth loss affects quality of life [1]. It is measured with the OHIP [2], in Dutch too [3].
"""

from __future__ import annotations

from collections.abc import Iterator

from refcheck.model import Document, Finding, Severity

NAME = "citation-order"
SEVERITY = Severity.WARNING
SUMMARY = "A list numbered by first citation is cited out of order."

MIN_ENTRIES = 4


def first_citations(doc: Document) -> list[tuple[int, int]]:
    """(number, offset) of each entry's first citation, in text order."""
    seen: dict[int, int] = {}
    lists: set[tuple[int, ...]] = set()  # a list of numbers seen before adds nothing ("[1–500]" × 60,000)
    for cit in sorted(doc.citations, key=lambda c: c.start):
        if cit.kind != "numeric" or cit.footnote is not None or cit.confidence != "high":
            continue  # a number read by heuristics ("(keratin 34)", "growth(48).") says nothing of order
        numbers = cit.numbers
        if numbers in lists:
            continue
        lists.add(numbers)
        for n in numbers:
            seen.setdefault(n, cit.start)
    return sorted(((n, off) for n, off in seen.items()), key=lambda p: (p[1], p[0]))


def check(doc: Document) -> Iterator[Finding]:
    if doc.style != "numeric":
        return
    firsts = first_citations(doc)
    if len(firsts) < MIN_ENTRIES:
        return
    # "numbered by first citation": most entries are first cited after every lower number
    in_order = sum(1 for i, (n, _) in enumerate(firsts) if n == i + 1)
    if in_order < len(firsts) * 0.6:
        return
    cited = {n for n, _ in firsts}
    expected = 1
    for n, offset in firsts:
        while expected < n and expected not in cited:
            expected += 1  # an entry no number cites is uncited-reference's business, not an order break
        if n > expected:
            yield Finding(
                rule=NAME,
                severity=SEVERITY,
                message=(
                    f"reference [{n}] is first cited before [{expected}]; the list is numbered in "
                    "order of first citation, so renumber it or move the entry"
                ),
                offset=offset,
                citation=str(n),
            )
            return  # one finding: the first break; renumbering fixes the rest
        expected = max(expected, n + 1)
