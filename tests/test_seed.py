"""The canonical seed brief: what refcheck must find in it, and nothing more."""

from __future__ import annotations

import json

from refcheck.model import LinkStatus, Severity

from .conftest import SEED, cli, run_module


def test_exactly_two_findings_at_warning_or_above(seed_doc):
    found = [(f.rule, f.line, f.column) for f in seed_doc.findings if f.severity >= Severity.WARNING]
    assert found == [("year-mismatch", 16, 297), ("uncited-reference", 47, 1)]


def test_year_mismatch_names_the_2007_entry(seed_doc):
    (f,) = [f for f in seed_doc.findings if f.rule == "year-mismatch"]
    assert f.severity is Severity.ERROR
    assert f.citation == "Martínez-Díaz 2008"
    assert f.reference is not None
    assert f.reference.startswith("Martínez-Díaz, Leonardo (2007)")
    assert "Mexico’s Economic Challenges" in f.reference
    assert f.suggestion == "Martínez-Díaz 2007"


def test_uncited_reference_is_hyde_2002(seed_doc):
    (f,) = [f for f in seed_doc.findings if f.rule == "uncited-reference"]
    assert f.severity is Severity.WARNING
    assert f.reference is not None and f.reference.startswith("Hyde, Henry (2002)")
    assert "Hyde" in f.message and "2002" in f.message


def test_ten_citations_nine_in_body_one_in_footnote_1(seed_doc):
    cites = seed_doc.citations
    assert len(cites) == 10
    body = [c.text for c in cites if c.footnote is None]
    notes = [(c.text, c.footnote) for c in cites if c.footnote is not None]
    assert body == [
        "Vaisman 2007",
        "Millán 2001",
        "Bohorquez 2005",
        "Hardy 1968, p. 14",
        "Bayramov 2008",
        "Martínez-Díaz 2008",
        "Center for Economic and Social Development 2007",
        "Ibrahimov 2008",
        "Rodríguez 2006",
    ]
    assert notes == [("Embassy of Azerbaijan to Mexico 2008", "1")]


def test_nine_link_to_their_entry_and_martinez_diaz_to_none(seed_doc):
    by_id = {r.id: r for r in seed_doc.references or []}
    for c in seed_doc.citations:
        if c.text == "Martínez-Díaz 2008":
            assert c.references == ()
            assert c.status is LinkStatus.YEAR_MISMATCH
            continue
        assert c.status is LinkStatus.LINKED, c.text
        assert len(c.references) == 1, c.text
        ref = by_id[c.references[0]]
        assert ref.authors[0] == c.authors[0], c.text
        assert ref.year == c.year, c.text


def test_citation_positions(seed_doc):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for c in seed_doc.citations:
        line, col = seed_doc.locate(c.start)
        assert lines[line - 1][col - 1 :].startswith(c.text), c.text


def test_dates_and_phrases_are_not_citations(seed_doc):
    texts = " | ".join(c.text for c in seed_doc.citations)
    for phrase in ("April 2008", "March 2009", "Summit in 2000", "since 2004", "2009", "2000", "2004"):
        assert phrase not in texts
    header_end = seed_doc.text.index("\n")  # "Vol. 2, No. 24 (December 15, 2009)"
    assert all(c.start > header_end for c in seed_doc.citations)
    assert all(c.year not in ("2000", "2004", "2009") for c in seed_doc.citations)


def test_eleven_entries_without_heading(seed_doc):
    refs = seed_doc.references or []
    assert [(r.authors[0], r.year) for r in refs] == [
        ("Bayramov", "2008"),
        ("Bohorquez", "2005"),
        ("Center for Economic and Social Development", "2007"),
        ("Embassy of Azerbaijan to Mexico", "2008"),
        ("Hardy", "1968"),
        ("Hyde", "2002"),
        ("Ibrahimov", "2008"),
        ("Martínez-Díaz", "2007"),
        ("Millán", "2001"),
        ("Rodríguez", "2006"),
        ("Vaisman", "2007"),
    ]
    # Hyde and Ibrahimov are on consecutive lines with no blank line between them
    lines = [seed_doc.locate(r.start)[0] for r in refs]
    assert lines[5:7] == [47, 48]


def test_six_footnotes(seed_doc):
    assert [(n.label, seed_doc.locate(n.start)[0]) for n in seed_doc.footnotes or []] == [
        ("1", 24),
        ("2", 26),
        ("3", 28),
        ("4", 30),
        ("5", 32),
        ("6", 34),
    ]


SEED_URLS = [
    ("http://www.un.org/millennium/webcast/statements/azerbaijan.htm", "2009-09-16"),
    (
        "http://www.bancodemexico.gob.mx/SieInternet/consultarDirectorioInternetAction.do"
        "?accion=consultarCuadro&idCuadro=CE86&sector=1&locale=es",
        "2009-09-16",
    ),
    ("http://ada.edu.az/biweekly/issues/150/20090327031648590.html", "2009-07-30"),
    ("http://www.international.ucla.edu/article.asp?parentid=34734", "2009-09-19"),
    ("http://ics.leeds.ac.uk/papers/pmt/exhibits/1458/hyde.pdf", "2009-09-19"),
    ("http://ada.edu.az/biweekly/issues/150/20090327030158055.html", "2009-09-16"),
    ("http://www.oecd.org/dataoecd/59/6/37563939.pdf", "2009-09-16"),
    ("http://www.nytimes.com/2007/07/11/world/europe/11iht-azeri.4.6617266.html?_r=1", "2009-09-19"),
]


def test_urls_and_access_dates_in_both_styles(seed_doc):
    got = [(u.url, u.accessed) for u in seed_doc.urls]
    # eight URLs in notes and entries; "September 16, 2009" and "16 September 2009" both read
    assert got == SEED_URLS
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for u in seed_doc.urls:
        line, col = seed_doc.locate(u.start)
        assert lines[line - 1][col - 1 :].startswith(u.url)


def test_seed_url_count_matches_the_file():
    raw = SEED.read_text(encoding="utf-8")
    assert raw.count("http://") == len(SEED_URLS)


def test_cli_exit_status_is_1():
    res = cli("check", "--no-links", str(SEED))
    assert res.exit_code == 1
    assert "16:297: error year-mismatch" in res.stdout
    assert "47:1: warning uncited-reference" in res.stdout
    assert res.stdout.rstrip().endswith("1 file checked: 1 error, 1 warning, 0 info")


def test_subprocess_exit_status_is_1():
    proc = run_module("check", "--no-links", str(SEED))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"{SEED}:16:297: error year-mismatch" in proc.stdout


def test_json_for_the_seed():
    res = cli("check", "--no-links", "--format", "json", str(SEED))
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    (f,) = data["files"]
    assert len(f["citations"]) == 10
    assert len(f["references"]) == 11
    assert [(x["rule"], x["line"], x["column"]) for x in f["findings"]] == [
        ("year-mismatch", 16, 297),
        ("uncited-reference", 47, 1),
    ]
    assert data["summary"]["errors"] == 1 and data["summary"]["warnings"] == 1
