"""The style parsers stay linear on hostile text: each input below, 100 to 500 kilobytes, is read well
within the generous bound (a quadratic pattern or a per-match rescan of the line takes minutes here;
bench/perf.py measures speed)."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from refcheck.extract.names import read_names
from refcheck.extract.reference_list import parse_entry, split_glued, split_item
from refcheck.extract.urls import find_urls, trim_url
from refcheck.model import Document, Reference, SourceMap
from refcheck.rules.duplicate_reference import duplicates

from . import hostile_text
from .conftest import check

BOUND = 10.0  # seconds, on a loaded machine; these inputs take a fraction of that


def _timed(fn: object, *args: object) -> float:
    t0 = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return time.perf_counter() - t0


N = 6_000  # repetitions of each hostile piece in a document
E = 30_000  # in one entry: the entry parsers are cheap, a quadratic one is not

HOSTILE_ENTRIES = {
    "capitalised words, no year": "Smith " * E,
    "initials, no surname": "A. " * E,
    "inverted names, no year": "Smith, J., " * E,
    "sentences that could start entries": "Title. Smith, J. " * E,
    "labels without entries": "[1] x. " * E,
    "organisation words": "Ministry of " * E,
}


@pytest.mark.parametrize("text", list(HOSTILE_ENTRIES.values()), ids=list(HOSTILE_ENTRIES))
def test_entry_parsers_are_linear(text: str) -> None:
    assert _timed(parse_entry, text) < BOUND
    assert _timed(read_names, text) < BOUND
    assert _timed(split_glued, text, 0, len(text)) < BOUND
    assert _timed(split_item, text, 0, len(text)) < BOUND


HOSTILE_DOCUMENTS = {
    "parenthesised numbers on one line": "Cells grow (1). " * N,
    "one long number list": "Cells grow (" + "1, " * N + "x.",
    "tail numbers": "(see CSD 1, STT 2; " * N,
    "enumeration runs": "Steps: (1) a, (2) b, (3) c. " * (N // 4),
    "stop words before et al.": "Will et al. May and Fall and " * (N // 4),
}


@pytest.mark.parametrize("body", list(HOSTILE_DOCUMENTS.values()), ids=list(HOSTILE_DOCUMENTS))
def test_citation_extraction_is_linear(body: str) -> None:
    listing = "\n".join(f"{n}. Name{n} A. Study {n}. J Met. {1990 + n};{n}:1-9." for n in range(1, 40))
    t0 = time.perf_counter()
    check(f"{body}\n\nReferences\n\n{listing}\n")
    assert time.perf_counter() - t0 < BOUND


# --- every extractor on hostile text (issues 9 and 13.3) ------------------------------------------------

HOSTILE_SIZE = 100_000  # bytes: a quadratic path takes minutes here; bench/adversarial_text.py runs 1 MB
# inputs whose quadratic path was cheap per step: larger, so that it would fail the bound
HOSTILE_SIZES = {
    "one-author-many-years": 300_000,
    "unknown-names-one-year": 300_000,
    "one-prefix-names": 300_000,
    # reference lists of tens of thousands of entries: a cost per entry that grows with the list shows
    "long-reference-list": 300_000,
    "long-numbered-list": 300_000,
    "initials-list-lines": 300_000,
    "numeric-range-repeats": 1_000_000,
}


@pytest.mark.parametrize("name", list(hostile_text.INPUTS))
def test_hostile_text_is_checked_in_bounded_time(name: str) -> None:
    filename, data = hostile_text.INPUTS[name](HOSTILE_SIZES.get(name, HOSTILE_SIZE))
    fmt = "markdown" if filename.endswith(".md") else "text"
    t0 = time.process_time()
    doc = check(data.decode("utf-8"), fmt)
    spent = time.process_time() - t0
    assert spent < BOUND, f"{name}: {spent:.1f} s of CPU"
    assert doc.text  # read, not refused


def test_trim_url_is_linear() -> None:
    # "http://a" and 200,000 ")": each trailing ")" counted the whole URL again (minutes)
    url = "http://a" + ")" * 200_000
    assert _timed(trim_url, url) < BOUND
    assert trim_url(url) == "http://a"
    assert trim_url("http://a/(b))") == "http://a/(b)"
    assert trim_url("http://a/b_(c)).") == "http://a/b_(c)"


def test_find_urls_is_linear() -> None:
    wrapped = (
        "http://example.org/a/\n" * 20_000
    )  # each joined to the next line: the rest of the text was copied
    assert _timed(find_urls, wrapped) < BOUND
    found = find_urls("see http://example.org/a/\nb and doi:10.1234/x.5 and https://doi.org/10.1/y")
    assert [u for u, _, _ in found] == [
        "http://example.org/a/b",
        "https://doi.org/10.1234/x.5",
        "https://doi.org/10.1/y",
    ]
    many = "https://doi.org/10.1234/abc doi: 10.5555/x " * 20_000  # DOIs checked against every URL before
    assert _timed(find_urls, many) < BOUND
    assert len(find_urls(many)) == 40_000


def test_entries_of_one_author_and_year_are_compared_in_bounded_time() -> None:
    # 3,000 "[n] Smith 2004, p. n." notes read as a numbered list: every title compared with all before
    notes = "\n".join(f"[{k}] Smith 2004, p. {k}." for k in range(1, 3_001))
    t0 = time.process_time()
    check("Trade grew [1].\n\n" + notes + "\n")
    assert time.process_time() - t0 < BOUND


def test_a_large_group_of_one_author_and_year_is_compared_in_bounded_time() -> None:
    # a DOCX of 10,000 footnotes "Claim n.[n]" read as entries "Claim n.n" of one author and no year:
    # each title ("n n") was scored against every title before it (seconds at 10,000, minutes beyond)
    refs = [
        Reference(
            id=f"ref-{k}",
            text=f"Claim {k}.{k}",
            start=0,
            end=0,
            authors=["Claim"],
            given=[""],
            title=f"{k}.{k}",
        )
        for k in range(1, 20_001)
    ]
    refs.append(
        Reference(
            id="ref-again", text="Claim 7.7", start=0, end=0, authors=["Claim"], given=[""], title="7.7"
        )
    )
    doc = Document(path="<text>", format="text", text="", source_map=SourceMap.identity(""), references=refs)
    t0 = time.process_time()
    found = duplicates(doc)
    assert time.process_time() - t0 < BOUND
    assert [(a.id, b.id) for a, b, _ in found] == [("ref-again", "ref-7")]  # the one repeat, no other


def test_a_large_group_with_titles_of_no_number_is_compared_in_bounded_time() -> None:
    # 20,000 entries of one author and year with titles of made-up words (no numbers): each title was
    # scored against every one before it (about 6 s at 10,000 in 1 MB, a quarter of a minute here)
    rng = random.Random(7)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        for _ in range(5_000)
    ]

    def title() -> str:
        return " ".join(rng.choice(words) for _ in range(8)).capitalize()

    def entry(ident: str, words_of_title: str) -> Reference:
        return Reference(
            id=ident,
            text="",
            start=0,
            end=0,
            authors=["Smith"],
            given=["J."],
            year="2000",
            title=words_of_title,
        )

    refs = [entry(f"ref-{k}", title()) for k in range(20_000)]
    refs.insert(5, entry("ref-again", (refs[3].title or "") + "."))
    doc = Document(path="<text>", format="text", text="", source_map=SourceMap.identity(""), references=refs)
    t0 = time.process_time()
    found = duplicates(doc)
    assert time.process_time() - t0 < BOUND
    assert ("ref-again", "ref-3") in [(a.id, b.id) for a, b, _ in found]


def test_a_citation_ambiguous_among_thousands_of_entries_is_reported_in_a_bounded_message() -> None:
    # 460 kB: 5,000 alike entries, 10,000 citations of them; each finding named all 5,000 entries
    # (2 GB of report, 7 GB of memory, 50 s)
    _, data = hostile_text.alike_entries_cited(700_000)
    t0 = time.process_time()
    doc = check(data.decode("utf-8"))
    assert time.process_time() - t0 < BOUND
    found = [f for f in doc.findings if f.rule == "ambiguous-citation"]
    assert len(found) == 10_000 and max(len(f.message) for f in found) < 2_000
    assert "and 4990 more" in found[0].message
    assert not [f for f in doc.findings if f.rule == "uncited-reference"]  # every entry counts as cited


# --- reports: a cost per finding that grows with the document ---------------------------------------


def test_finding_excerpts_are_cut_from_near_the_finding() -> None:
    # a document of one 4 MB line and 100,000 findings on it: each excerpt (the HTML report's cards)
    # copied and scanned the whole line (a 1 MB line of 60,000 missing citations: 3 s of 7)
    from refcheck.model import Finding, Severity
    from refcheck.reporters._common import Item
    from refcheck.reporters.html import _excerpt

    text = "word " * 800_000
    doc = Document(path="<text>", format="text", text=text, source_map=SourceMap.identity(text))
    found = [
        Finding("missing-reference", Severity.ERROR, "m", offset=k, end_offset=k + 4)
        for k in range(0, len(text), 40)
    ]
    t0 = time.process_time()
    cards = [_excerpt(doc, Item(None, {}, f)) for f in found]  # type: ignore[arg-type]
    assert time.process_time() - t0 < BOUND
    assert cards[0].startswith('<div class="excerpt"><mark>word</mark> word')
    assert "…" in cards[0] and "…" in cards[1000]


def test_finding_excerpts_are_those_of_the_whole_line() -> None:
    # the excerpt worked out near the finding is the one cut from its whole line
    from refcheck.model import Finding, Severity
    from refcheck.reporters._common import Item, source_line, span
    from refcheck.reporters.html import EXCERPT, _excerpt, e

    def whole_line(doc: Document, f: Finding) -> str:  # the excerpt as it was made before
        sp = span(doc, f)
        if sp is None:
            return ""
        line, line_start = source_line(doc, sp[0])
        a, b = sp[0] - line_start, max(sp[1] - line_start, sp[0] - line_start)
        left = max(0, a - (EXCERPT - (b - a)) // 2)
        right = min(len(line), max(b, left + EXCERPT))
        before = ("…" if left > 0 else "") + line[left:a]
        after = line[b:right] + ("…" if right < len(line) else "")
        return f'<div class="excerpt">{e(before)}<mark>{e(line[a:b] or " ")}</mark>{e(after)}</div>'

    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(
            rng.choice("ab \n") if rng.random() < 0.5 else "x" * rng.randrange(1, 200) for _ in range(8)
        )
        doc = Document(path="<text>", format="text", text=text, source_map=SourceMap.identity(text))
        start = rng.choice([None, -1, len(text) + 1, *range(len(text) + 1)])
        end = rng.choice([None, -1, len(text) + 5, *range(len(text) + 1)])
        f = Finding("missing-reference", Severity.ERROR, "m", offset=start, end_offset=end)
        assert _excerpt(doc, Item(None, {}, f)) == whole_line(doc, f), (text, start, end)  # type: ignore[arg-type]


def _one_line_of_findings(size: int, step: int) -> Document:
    from refcheck.model import Finding, Severity

    text = "word " * (size // 5) + "   \nnext line\n"
    doc = Document(path="doc.txt", format="text", text=text, source_map=SourceMap.identity(text))
    doc.findings = [
        Finding("missing-reference", Severity.ERROR, "m", offset=k, end_offset=k + 4, line=1, column=k + 1)
        for k in range(0, size - 5, step)
    ]
    return doc


def test_full_report_excerpts_are_cut_from_near_the_finding() -> None:
    # the text report's source lines, the same (full.py copied and scanned the whole line per finding)
    from refcheck.pipeline import FileResult
    from refcheck.reporters import full

    doc = _one_line_of_findings(3_000_000, 60)
    t0 = time.process_time()
    report = full.render([FileResult("doc.txt", doc)])
    assert time.process_time() - t0 < BOUND
    assert report.count("│ …word word") > len(doc.findings) - 5
    small = full.render([FileResult("doc.txt", _one_line_of_findings(400, 60))])
    assert "     1 │ word word" in small and "│ …word word" in small and " word …" in small


def test_full_report_excerpts_are_those_of_the_whole_line() -> None:
    from refcheck.model import Finding, Severity
    from refcheck.reporters._common import Lines, source_line, span
    from refcheck.reporters.full import WIDTH, _excerpt

    def whole_line(doc: Document, f: Finding) -> tuple[str, int, int] | None:  # as it was made before
        sp = span(doc, f)
        if sp is None:
            return None
        line, line_start = source_line(doc, sp[0])
        line, start, end = line.rstrip(), sp[0] - line_start, sp[1] - line_start
        if len(line) <= WIDTH:
            return line, start, end
        left = max(0, min(start - 30, len(line) - WIDTH))
        right = min(len(line), left + WIDTH)
        text = line[left:right]
        prefix, suffix = ("…" if left > 0 else ""), ("…" if right < len(line) else "")
        return prefix + text + suffix, start - left + len(prefix), min(end - left, len(text)) + len(prefix)

    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(rng.choice(["a", "b", " ", "\n", "x" * rng.randrange(1, 150)]) for _ in range(8))
        lines = Lines(text)
        for _ in range(5):
            start = rng.randrange(len(text) + 1)
            end = rng.choice([None, -1, len(text) + 5, *range(len(text) + 1)])
            f = Finding("missing-reference", Severity.ERROR, "m", offset=start, end_offset=end)
            assert _excerpt(lines, start, end) == whole_line(
                Document("d", "text", text, SourceMap.identity(text)), f
            )


def test_a_long_entry_cited_many_times_is_repeated_in_part() -> None:
    # a 600 kB entry cited 15,000 times with another year: each finding repeated the whole entry
    # (10 GB of JSON, 100 s); now each repeats its first 4,000 characters and names the entry's id
    words = " ".join(f"word{k}" for k in range(60_000))
    text = (
        " ".join(["Trade grew (Smith 2001)."] * 15_000) + f"\n\nReferences\n\nSmith, J. (2000). {words}. J.\n"
    )
    t0 = time.process_time()
    doc = check(text)
    assert time.process_time() - t0 < BOUND
    found = [f for f in doc.findings if f.rule == "year-mismatch"]
    assert len(found) == 15_000
    assert all(f.reference and len(f.reference) <= 4_000 and f.reference_id == "ref-1" for f in found)
    assert found[0].reference.startswith("Smith, J. (2000). word0 word1") and found[0].reference.endswith(
        "\u2026"
    )


def test_a_jats_range_of_two_xrefs_wider_than_any_is_two_citations(tmp_path: Path) -> None:
    # "[<xref rid=r0>1</xref>–<xref rid=r3999>4000</xref>]" 7,000 times: every range linked all 4,000
    # entries (1 GB of JSON, 3 GB, 30 s); a range wider than numeric.MAX_RANGE is its two ends once the
    # document's budget of numbers (numeric.WIDE_BUDGET per entry) is spent
    from refcheck.extract.numeric import MAX_RANGE, WIDE_BUDGET
    from refcheck.pipeline import check_file

    from .hostile_markup import JATS_HEAD

    def article(last: int, times: int) -> bytes:
        cite = b'<p>See [<xref ref-type="bibr" rid="r0">1</xref>\xe2\x80\x93<xref ref-type="bibr" rid="r%d">%d</xref>].</p>'
        refs = b"".join(
            b'<ref id="r%d"><label>%d</label><element-citation><person-group><name><surname>A%d</surname>'
            b"</name></person-group><year>2001</year><source>J</source></element-citation></ref>"
            % (i, i + 1, i)
            for i in range(last + 1)
        )
        body = cite % (last, last + 1) * times
        return (
            JATS_HEAD + b"<body>" + body + b"</body><back><ref-list>" + refs + b"</ref-list></back></article>"
        )

    wide = tmp_path / "wide.xml"
    wide.write_bytes(article(3_999, 7_000))
    t0 = time.process_time()
    doc = check_file(str(wide)).doc
    assert time.process_time() - t0 < BOUND
    assert doc is not None
    whole = [len(c.numbers) for c in doc.citations if len(c.numbers) > 1]
    assert whole == [4_000] * WIDE_BUDGET  # the first ranges one citation each, then each its two ends
    assert len(doc.citations) == WIDE_BUDGET + (7_000 - WIDE_BUDGET) * 2
    narrow = tmp_path / "narrow.xml"
    narrow.write_bytes(article(MAX_RANGE, 3))
    doc = check_file(str(narrow)).doc
    assert doc is not None and [len(c.numbers) for c in doc.citations] == [MAX_RANGE + 1] * 3
