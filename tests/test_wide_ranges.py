"""Numeric ranges wider than ``numeric.MAX_RANGE`` (100 numbers): a real review cites "[130,346–460]"
of its 460 entries (PLOS ONE 10.1371/journal.pone.0012262, CC-BY, rendered in the Nature and NLM CSL
styles), read whole within a document-wide budget of numbers proportional to its list's length; a
hostile document that repeats wide ranges reads a few of them whole and stays fast."""

from __future__ import annotations

import time

import pytest

from refcheck.extract.numeric import MAX_RANGE, WIDE_BUDGET
from refcheck.model import LinkStatus
from refcheck.pipeline import check_text

BOUND = 10.0  # seconds, on a loaded machine

N = 460


def _review(first: str, cite: str) -> str:
    """An article whose list of ``N`` entries is cited "1" to "345" one by one, then by ``cite``."""
    singles = "".join(f"Probe {k} is reported {first.format(k)}. " for k in range(1, 130))
    singles += "".join(f"Gene {k} is known {first.format(k)}. " for k in range(131, 346))
    entries = "\n".join(
        f"{k}. Author{k} A, Other B. Title of study {k}. J Test. {1950 + k % 60};{k}:1-2."
        for k in range(1, N + 1)
    )
    return (
        "Expression of many genes\n\nIntroduction\n\n"
        f"{singles}\n\nOther probes correspond to microarray studies {cite}.\n\nReferences\n\n{entries}\n"
    )


@pytest.mark.parametrize(
    ("first", "cite"),
    [("[{}]", "[130,346–460]"), ("({})", "(130,346–460)"), ("[{}]", "[130], [346]–[460]")],
    ids=["nature-brackets", "nlm-parentheses", "bracket-each-end"],
)
def test_a_range_wider_than_the_cap_within_the_list_is_read_whole(first: str, cite: str) -> None:
    doc = check_text(_review(first, cite))
    assert [f.rule for f in doc.findings if f.rule == "uncited-reference"] == []
    wide = [c for c in doc.citations if len(c.numbers) > MAX_RANGE]
    assert [(c.numbers[0], c.numbers[-1]) for c in wide] == [(346, 460)]
    assert all(c.status is LinkStatus.LINKED for c in wide)


def test_a_wide_range_past_the_list_is_still_its_first_number() -> None:
    # "[346–1460]" of a 460-entry list: a range past the list is no range of entries, as before
    doc = check_text(_review("[{}]", "[130,346–1460]"))
    assert [c.numbers for c in doc.citations if c.text.startswith("346")] == [(346,)]


def test_wide_ranges_repeated_spend_a_budget_and_stay_fast() -> None:
    # 4,000 entries and 14,000 distinct ranges "[k–4000]": each read whole would link 28 million numbers
    size = 4_000
    entries = "\n".join(
        f"{k}. Name{k} A. Study {k}. J Met. {1990 + k % 30};{k}:1-9." for k in range(1, size + 1)
    )
    body = " ".join(f"Cells [{1 + k % 2000}–{size}]." for k in range(14_000))
    t0 = time.process_time()
    doc = check_text(f"Title\n\n{body}\n\nReferences\n\n{entries}\n")
    assert time.process_time() - t0 < BOUND
    assert len(doc.citations) == 14_000
    widened = [c for c in doc.citations if len(c.numbers) > 1]
    assert 1 <= len(widened) <= WIDE_BUDGET
    assert sum(len(c.numbers) for c in widened) <= WIDE_BUDGET * size


def test_a_range_cited_again_and_again_leaves_the_budget_to_a_later_one() -> None:
    # a table citing the same wide range in each of its rows (13 x 146 numbers spend a 460-entry
    # list's budget of 1,840) then a range cited once: the repeats' entries are cited by the first
    # one read whole, so each range is read whole once before any is read whole again (114
    # uncited-reference warnings before, for entries 347-460)
    rows = " ".join(f"Row {k} pools the microarray studies [130,200–345]." for k in range(13))
    doc = check_text(_review("[{}]", f"[130]. {rows} Later ones are [130,346–460]"))
    assert [f.rule for f in doc.findings if f.rule == "uncited-reference"] == []
    wide = {(c.numbers[0], c.numbers[-1]) for c in doc.citations if len(c.numbers) > MAX_RANGE}
    assert wide == {(200, 345), (346, 460)}
