"""Registry verification against loopback fakes of Crossref, OpenAlex and the DOI handle API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refcheck.model import Severity
from refcheck.pipeline import VERIFY_RULES, CheckOptions, check_text, verify_document_references
from refcheck.verify.run import verify_documents
from tests.conftest import SEED, cli
from tests.verify.fakes import FakeRegistries, FakeWork

SMITH = FakeWork(
    "10.1371/journal.pone.0001234",
    "Growth of yeast cells under oxidative stress",
    [("John", "Smith"), ("Kate", "Jones")],
    2004,
    "PLoS ONE",
)
HANSEN = FakeWork(
    "10.1016/j.enpol.2008.01.012",
    "Wind power in Denmark: a history of subsidies",
    [("Lars", "Hansen")],
    2008,
    "Energy Policy",
)
BOOK = FakeWork(None, "Modern diplomatic law", [("Michael", "Hardy")], 1968, None, type="book")

BODY = "Growth is studied (Smith and Jones 2004). Oil funds matter (Bayramov 2008).\n\nReferences\n\n"


def doc_with(*entries: str):
    return check_text(BODY + "\n\n".join(entries) + "\n")


def verify(fake: FakeRegistries, *entries: str, tmp_path: Path | None = None):
    doc = doc_with(*entries)
    opts = CheckOptions(
        verify_crossref_api=fake.endpoints()["crossref_api"],
        verify_openalex_api=fake.endpoints()["openalex_api"],
        verify_doi_api=fake.endpoints()["doi_api"],
        link_cache=False,
    )
    notes = verify_document_references([(doc, opts)])
    return doc, notes


def rules(doc) -> list[tuple[str, str]]:
    return [(f.rule, str(f.severity)) for f in doc.findings if f.rule in VERIFY_RULES]


SMITH_ENTRY = (
    "Smith, J., Jones, K. (2004) Growth of yeast cells under oxidative stress. PLoS ONE 3: 12-19. "
    "doi:10.1371/journal.pone.0001234"
)


def test_a_correct_entry_is_verified_by_its_doi() -> None:
    with FakeRegistries([SMITH, HANSEN]) as fake:
        doc, notes = verify(fake, SMITH_ENTRY)
    assert rules(doc) == [] and notes == []
    v = doc.references[0].verification
    assert v is not None and v.status == "verified" and v.source == "crossref"
    assert v.as_record()["record"] == {
        "title": SMITH.title,
        "authors": ["Smith", "Jones"],
        "year": 2004,
        "container": "PLoS ONE",
    }


def test_a_correct_entry_without_doi_is_found_by_query() -> None:
    entry = "Smith, J., Jones, K. (2004) Growth of yeast cells under oxidative stress. PLoS ONE 3: 12-19."
    with FakeRegistries([HANSEN, SMITH]) as fake:
        doc, _ = verify(fake, entry)
        assert fake.requests("/crossref/works?") == 1
    v = doc.references[0].verification
    assert v.status == "verified" and v.doi == SMITH.doi and rules(doc) == []


def test_retracted_work() -> None:
    retracted = FakeWork(
        **{**SMITH.__dict__, "updates": [("retraction", "10.1371/journal.pone.0219999", "2019-05-02")]}
    )
    with FakeRegistries([retracted]) as fake:
        doc, _ = verify(fake, SMITH_ENTRY)
    [f] = [f for f in doc.findings if f.rule == "retracted-reference"]
    assert f.severity is Severity.ERROR
    assert "10.1371/journal.pone.0001234" in f.message and "2019-05-02" in f.message
    assert "10.1371/journal.pone.0219999" in f.message
    assert doc.references[0].verification.as_record()["notice"] == {
        "type": "retraction",
        "doi": "10.1371/journal.pone.0219999",
        "date": "2019-05-02",
    }


def test_retraction_found_through_the_notices_filter() -> None:
    w = FakeWork(
        **{
            **SMITH.__dict__,
            "updates": [("retraction", "10.1371/n.1", "2020-01-02")],
            "update_policy": True,
            "listed_updates": False,
        }
    )
    with FakeRegistries([w]) as fake:
        doc, _ = verify(fake, SMITH_ENTRY)
        assert fake.requests("/crossref/works?filter=updates") == 1
    assert ("retracted-reference", "error") in rules(doc)


def test_retracted_in_openalex_only() -> None:
    w = FakeWork(**{**SMITH.__dict__, "doi": None, "in_crossref": False, "retracted": True})
    entry = "Smith, J., Jones, K. (2004) Growth of yeast cells under oxidative stress. PLoS ONE 3: 12-19."
    with FakeRegistries([w]) as fake:
        doc, _ = verify(fake, entry)
    assert rules(doc) == [("retracted-reference", "error")]


def test_expression_of_concern_and_correction_are_info() -> None:
    w = FakeWork(
        **{
            **SMITH.__dict__,
            "updates": [
                ("expression_of_concern", "10.1371/c.1", "2018-01-10"),
                ("correction", "10.1371/c.2", "2018-03-01"),
            ],
        }
    )
    with FakeRegistries([w]) as fake:
        doc, _ = verify(fake, SMITH_ENTRY)
    assert rules(doc) == [("reference-corrected", "info")]
    assert "expression of concern 10.1371/c.1" in doc.findings[-1].message or any(
        "expression of concern" in f.message for f in doc.findings
    )
    assert doc.references[0].verification.status == "verified"


def test_a_doi_that_does_not_exist_with_the_right_doi_suggested() -> None:
    entry = SMITH_ENTRY.replace("0001234", "9999999")
    with FakeRegistries([SMITH]) as fake:
        doc, _ = verify(fake, entry)
    [f] = [f for f in doc.findings if f.rule == "doi-not-found"]
    assert f.severity is Severity.ERROR and f.suggestion == SMITH.doi
    assert doc.references[0].verification.status == "not-found"


def test_a_doi_registered_elsewhere_is_not_missing() -> None:
    entry = "Smith, J. (2004) A data set of yeast growth. Zenodo 3: 1-2. doi:10.5281/zenodo.12345"
    with FakeRegistries([], handles={"10.5281/zenodo.12345"}) as fake:
        doc, _ = verify(fake, entry)
    assert rules(doc) == []
    assert doc.references[0].verification.status == "verified"
    assert doc.references[0].verification.source == "doi"


def test_a_doi_of_another_work_is_a_mismatch() -> None:
    entry = (
        "Bayramov, V. (2008) Oil funds and fiscal policy in Azerbaijan. Energy Policy 36: 1-9. "
        "doi:10.1016/j.enpol.2008.01.012"
    )
    with FakeRegistries([SMITH, HANSEN]) as fake:
        doc, _ = verify(fake, entry)
    [f] = [f for f in doc.findings if f.rule == "reference-mismatch"]
    assert f.severity is Severity.ERROR
    assert "Wind power in Denmark" in f.message and "Hansen" in f.message
    assert doc.references[0].verification.status == "mismatch"


def test_a_year_off_by_more_than_one_is_a_warning_and_one_year_is_accepted() -> None:
    with FakeRegistries([SMITH]) as fake:
        late, _ = verify(fake, SMITH_ENTRY.replace("(2004)", "(2007)"))
        close, _ = verify(fake, SMITH_ENTRY.replace("(2004)", "(2005)"))
    [f] = [f for f in late.findings if f.rule == "reference-mismatch"]
    assert f.severity is Severity.WARNING and f.suggestion == "2004" and "year 2007" in f.message
    assert rules(close) == []


def test_wrong_year_without_doi_is_found_by_query() -> None:
    entry = "Smith, J., Jones, K. (2010) Growth of yeast cells under oxidative stress. PLoS ONE 3: 12-19."
    with FakeRegistries([SMITH]) as fake:
        doc, _ = verify(fake, entry)
    assert rules(doc) == [("reference-mismatch", "warning")]


def test_a_fabricated_article_is_not_found_and_the_nearest_candidate_named() -> None:
    entry = "Aliyev, R. (2021) Quantum diplomacy in the Caspian. Journal of Caspian Studies 4(2): 1-20."
    with FakeRegistries([SMITH, HANSEN]) as fake:
        doc, _ = verify(fake, entry)
    [f] = [f for f in doc.findings if f.rule == "reference-not-found"]
    assert f.severity is Severity.WARNING and "Quantum diplomacy in the Caspian" in f.message
    assert "nearest:" in f.message and "score" in f.message
    assert doc.references[0].verification.status == "not-found"


def test_a_near_miss_candidate_is_rejected() -> None:
    """Same first author and a close title, another year and other words: not the cited work."""
    near = FakeWork(
        "10.1/near", "Growth of yeast cells under heat stress", [("John", "Smith")], 2012, "PLoS ONE"
    )
    entry = "Smith, J., Jones, K. (2004) Growth of yeast cells under osmotic shock. PLoS ONE 3: 12-19."
    with FakeRegistries([near]) as fake:
        doc, _ = verify(fake, entry)
    assert rules(doc) == [("reference-not-found", "warning")]


def test_books_are_info_and_grey_literature_and_urls_are_never_not_found() -> None:
    entries = [
        "Hardy, Michael (1968) Modern Diplomatic Law, Manchester University Press.",
        "Millán, Daniel (2001) “Critica SRE cierre de embajadas,” Reforma, 30 October.",
        "Hyde, Henry (2002) “Speaking to Our Silent Allies”, U.S. Foreign Policy Agenda, Vol. 7, No. 4, "
        "available at: http://example.org/hyde.pdf (accessed September 19, 2009).",
    ]
    with FakeRegistries([]) as fake:
        doc, _ = verify(fake, *entries)
    assert rules(doc) == [("reference-not-found", "info")]
    states = [r.verification.status for r in doc.references]
    assert states == ["not-found", "not-found", "skipped"]


@pytest.mark.parametrize(
    "entry",
    [
        # the place and the publisher (IEEE, NLM), a publisher and year in brackets closing the entry
        # (Nature), a chapter's pages in brackets after its title (APA): books, whose pages read as an
        # article's "pp." before
        "[1] S. Kou, Welding Metallurgy. Hoboken, NJ, USA: John Wiley & Sons Inc., 2003, pp. 393–412.",
        "[1] D. A. Jones, Principles and Prevention of Corrosion. Hoboken, NJ, USA: Prentice Hall, 1992, pp. 75–83.",
        "[1] Bailley JF, Ollis DF. Biochemical Engineering Fundamentals. Chennai: Tata McGraw Hill; 1986. p. 408-440.",
        "[1] Green, D. M. & Swets, J. A. Signal Detection Theory and Psychophysics. (John Wiley, 1966).",
        "Kou, S. (2003). Welding metallurgy (pp. 393–412). Wiley.",
    ],
)
def test_a_book_in_any_style_is_info_when_not_found(entry: str) -> None:
    with FakeRegistries([]) as fake:
        doc, _ = verify(fake, entry)
    assert rules(doc) == [("reference-not-found", "info")]


def test_an_article_with_a_colon_in_its_title_is_still_an_article() -> None:
    with FakeRegistries([]) as fake:
        doc, _ = verify(
            fake,
            "[1] Harrison, T. M. & Yin, A. N. Raising Tibet: a review. Science 255, 1663–1670 (1992).",
            "[2] Smith JA, Jones B. Cancer: a review of things. Lancet. 2004;12:1-3.",
        )
    assert rules(doc) == [("reference-not-found", "warning")] * 2


def test_a_book_in_the_registry_is_verified() -> None:
    with FakeRegistries([BOOK]) as fake:
        doc, _ = verify(fake, "Hardy, Michael (1968) Modern Diplomatic Law, Manchester University Press.")
    assert doc.references[0].verification.status == "verified" and rules(doc) == []


LEBEDEV = FakeWork(
    None,
    "Brain-machine interfaces: past, present and future",
    [("M. A", "Lebedev"), ("M. A. L", "Nicolelis")],
    2006,
    "Trends Neurosci",
)


def test_plos_spaced_initials_are_read_and_the_entry_verified() -> None:
    """ "Lebedev M. A, Nicolelis M. A. L (2006)": the author list is read whole, so the title is."""
    entry = "Lebedev M. A, Nicolelis M. A. L (2006) Brain-machine interfaces: past, present and future. Trends Neurosci 29(9): 536–546."
    with FakeRegistries([SMITH, LEBEDEV]) as fake:
        doc, _ = verify(fake, entry)
    ref = doc.references[0]
    assert ref.authors == ["Lebedev", "Nicolelis"] and ref.title.startswith("Brain-machine")
    assert ref.verification.status == "verified" and rules(doc) == []


def test_a_long_author_list_with_the_whole_title_is_not_another_work() -> None:
    """80 authors leave the parsed title wrong; the record's whole title, word for word in the
    entry, is the entry's title all the same (no reference-mismatch error)."""
    names = [(f"{chr(65 + i % 26)}", f"Author{chr(97 + i % 26)}{chr(97 + i // 26)}") for i in range(80)]
    work = FakeWork("10.1038/nature12477", "Signatures of mutational processes in human cancer", names, 2013)
    authors = ", ".join(f"{f}, {g}" for g, f in names)
    entry = f"{authors} (2013) Signatures of mutational processes in human cancer. Nature 500: 415–421. https://doi.org/10.1038/nature12477"
    with FakeRegistries([work]) as fake:
        doc, _ = verify(fake, entry)
    assert doc.references[0].verification.status == "verified" and rules(doc) == []


@pytest.mark.parametrize(
    "tail, whole",
    [
        ("https://doi.org/10.1371/journal.pbio. 1001425", "10.1371/journal.pbio.1001425"),
        (
            "https://doi.org/10.1002/(SICI)1096-9861(19980907)398:4<515::AID-CNE4>3.0.CO;2-5",
            "10.1002/(SICI)1096-9861(19980907)398:4<515::AID-CNE4>3.0.CO;2-5",
        ),
    ],
)
def test_a_doi_read_short_is_looked_up_whole_and_never_called_missing(tail: str, whole: str) -> None:
    entry = (
        f"Smith, J., Jones, K. (2004) Growth of yeast cells under oxidative stress. PLoS ONE 3: 12-19. {tail}"
    )
    work = FakeWork(whole, SMITH.title, SMITH.authors, 2004, "PLoS ONE")
    with FakeRegistries([work]) as fake:
        doc, _ = verify(fake, entry)
    v = doc.references[0].verification
    assert v.status == "verified" and v.doi == whole and rules(doc) == []
    with FakeRegistries([]) as fake:  # nobody knows it: said at info at most, never doi-not-found
        doc, _ = verify(fake, entry)
    assert all(sev == "info" for _, sev in rules(doc)) and "doi-not-found" not in dict(rules(doc))


def test_an_entry_whose_authors_were_lost_is_matched_by_title_and_said_at_info_when_not_found() -> None:
    entry = "Growth of yeast cells under oxidative stress (2004) Cellular and Molecular Biology 2: 1527–1542."
    with FakeRegistries([SMITH]) as fake:
        doc, _ = verify(fake, entry)
    assert doc.references[0].verification.status == "verified" and rules(doc) == []
    with FakeRegistries([HANSEN]) as fake:
        doc, _ = verify(fake, entry)
    assert rules(doc) == [("reference-not-found", "info")]


def test_an_organisations_report_is_grey_literature() -> None:
    entry = (
        "World Health Organization (2010) Working to Overcome the Global Impact of Neglected Tropical "
        "Disease: First WHO Report on Neglected Tropical Diseases, Geneva, Switzerland."
    )
    with FakeRegistries([SMITH]) as fake:
        doc, _ = verify(fake, entry)
    assert rules(doc) == [] and doc.references[0].verification.kind == "other"


@pytest.mark.parametrize("code", [429, 500, 503])
def test_failed_requests_end_unverified_never_not_found(code: int) -> None:
    entries = [
        SMITH_ENTRY,
        "Aliyev, R. (2021) Quantum diplomacy in the Caspian. Journal of Caspian Studies 4(2): 1-20.",
    ]
    with FakeRegistries([SMITH]) as fake:
        fake.fail["/crossref"] = (code, {"Retry-After": "0"})
        doc, notes = verify(fake, *entries)
    assert rules(doc) == []
    assert [r.verification.status for r in doc.references] == ["unverified", "unverified"]
    assert len(notes) == 1 and "2 reference(s) could not be verified" in notes[0]


def test_retry_after_is_honoured_then_answered() -> None:
    with FakeRegistries([SMITH]) as fake:
        calls = {"n": 0}
        original = fake.answer

        def flaky(path: str):
            if path.startswith("/crossref/works/") and calls["n"] == 0:
                calls["n"] += 1
                return 429, {"Retry-After": "1"}, b"{}"
            return original(path)

        fake.answer = flaky  # type: ignore[method-assign]
        doc, notes = verify(fake, SMITH_ENTRY)
    assert doc.references[0].verification.status == "verified" and notes == []


def test_a_refused_registry_is_said_once_and_gives_up_quickly(tmp_path: Path) -> None:
    doc = doc_with(*[SMITH_ENTRY.replace("0001234", f"000{i:04d}") for i in range(20)])
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    nowhere = f"http://127.0.0.1:{s.getsockname()[1]}"
    from refcheck.verify.options import VerifyOptions

    report = verify_documents(
        [doc], VerifyOptions(crossref_api=nowhere, openalex_api=nowhere, doi_api=nowhere, cache=False)
    )
    s.close()
    assert len(report.notes) == 1 and report.requests <= 8 + 3
    assert all(r.verification.status == "unverified" for r in doc.references)


def test_warm_run_sends_no_request(tmp_path: Path) -> None:
    entries = [
        SMITH_ENTRY,
        "Aliyev, R. (2021) Quantum diplomacy in the Caspian. Journal of Caspian Studies 4(2): 1-20.",
        SMITH_ENTRY.replace("0001234", "9999999"),
    ]
    with FakeRegistries([SMITH, HANSEN]) as fake:
        first = doc_with(*entries)
        verify_documents([first], fake.verify_options(tmp_path))
        cold = fake.requests()
        second = doc_with(*entries)
        report = verify_documents([second], fake.verify_options(tmp_path))
        assert cold > 0 and fake.requests() == cold and report.requests == 0
    assert [r.verification.as_record() for r in first.references] == [
        r.verification.as_record() for r in second.references
    ]


def test_not_found_answers_expire_sooner(tmp_path: Path) -> None:
    from refcheck.links.cache import LinkCache

    with FakeRegistries([SMITH]) as fake:
        verify_documents([doc_with(SMITH_ENTRY.replace("0001234", "9999999"))], fake.verify_options(tmp_path))
    cache = LinkCache(tmp_path)
    rows = dict(cache._query("SELECT key, expires_at - fetched_at FROM registry", []))
    cache.close()
    ages = {key.split("|", 1)[0].split("@")[0] + "|" + key.split("|", 1)[1]: age for key, age in rows.items()}
    assert round(ages["crossref|doi|10.1371/journal.pone.9999999"] / 86400) == 7
    assert round(ages["handle|10.1371/journal.pone.9999999"] / 86400) == 7


# --- the command line -----------------------------------------------------------------------------


def test_the_seed_against_empty_registries_gives_only_its_two_findings(tmp_path: Path) -> None:
    with FakeRegistries([]) as fake:
        res = cli(
            "check", "--verify", "--no-links", "--no-cache", "--format", "json", *fake.cli_args(), str(SEED)
        )
        assert fake.requests() > 0  # it did look its entries up
    data = json.loads(res.stdout)
    findings = data["files"][0]["findings"]
    serious = sorted((f["rule"], f["line"]) for f in findings if f["severity"] in ("warning", "error"))
    assert serious == [("uncited-reference", 47), ("year-mismatch", 16)]
    assert all(f["severity"] == "info" for f in findings if f["rule"].startswith("reference-"))
    states = {r["text"].split(" (")[0]: r["verification"]["status"] for r in data["files"][0]["references"]}
    assert states["Hyde, Henry"] == "skipped" and states["Hardy, Michael"] == "not-found"
    assert res.stderr == ""


def test_json_verification_record(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(BODY + SMITH_ENTRY + "\n", encoding="utf-8")
    with FakeRegistries([SMITH]) as fake:
        res = cli(
            "check", "--verify", "--no-links", "--no-cache", "--format", "json", *fake.cli_args(), str(doc)
        )
    [ref] = json.loads(res.stdout)["files"][0]["references"]
    assert ref["verification"] == {
        "status": "verified",
        "source": "crossref",
        "doi": SMITH.doi,
        "record": {
            "title": SMITH.title,
            "authors": ["Smith", "Jones"],
            "year": 2004,
            "container": "PLoS ONE",
        },
        "notice": None,
        "score": 1.0,
    }


def test_no_verify_and_offline(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(BODY + SMITH_ENTRY + "\n", encoding="utf-8")
    with FakeRegistries([SMITH]) as fake:
        off = cli(
            "check", "--no-cache", "--format", "json", "--no-verify", "--no-links", *fake.cli_args(), str(doc)
        )
        offline = cli(
            "check", "--verify", "--no-cache", "--format", "json", "--offline", *fake.cli_args(), str(doc)
        )
        assert fake.requests() == 0
    assert json.loads(off.stdout)["files"][0]["references"][0]["verification"] is None
    assert offline.stderr.count("--offline") == 1
    assert json.loads(offline.stdout)["files"][0]["links"] == []


def test_endpoints_from_the_environment(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(BODY + SMITH_ENTRY.replace("(2004)", "(2009)") + "\n", encoding="utf-8")
    with FakeRegistries([SMITH]) as fake:
        res = cli("check", "--verify", "--no-links", "--no-cache", str(doc), env=fake.env())
    assert "reference-mismatch" in res.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_same_results_with_any_number_of_jobs(tmp_path: Path, jobs: str) -> None:
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text(
            BODY
            + SMITH_ENTRY.replace("(2004)", f"(20{10 + i})")
            + "\n\n"
            + "Hardy, Michael (1968) Modern Diplomatic Law, Manchester University Press.\n"
            + "x" * 300_000 * (i == 0),
            encoding="utf-8",
        )
    with FakeRegistries([SMITH]) as fake:
        res = cli(
            "check",
            "--verify",
            "--no-links",
            "--no-cache",
            "--jobs",
            jobs,
            "--format",
            "concise",
            *fake.cli_args(),
            str(tmp_path),
        )
        one = fake.requests()
    lines = [ln for ln in res.stdout.splitlines() if "reference-" in ln]
    assert len(lines) == 6, res.stdout
    assert one <= 6  # the same entries in three files: looked up once each... per distinct entry


def test_html_report_shows_the_verdict_with_a_link_to_the_record(tmp_path: Path) -> None:
    hostile = FakeWork(
        'javascript:alert(1)"><script>x</script>',
        "Wind power in Denmark: a history of subsidies",
        [("Lars", "Hansen")],
        2008,
    )
    doc = tmp_path / "a.txt"
    doc.write_text(
        BODY
        + SMITH_ENTRY
        + "\n\nHansen, L. (2008) Wind power in Denmark: a history of subsidies. Energy Policy 36(2): 1-9.\n",
        encoding="utf-8",
    )
    with FakeRegistries([SMITH]) as fake:
        res = cli(
            "check", "--verify", "--no-links", "--no-cache", "--format", "html", *fake.cli_args(), str(doc)
        )
        page = res.output
        assert '<span class="verdict v-verified"' in page
        assert 'href="https://doi.org/10.1371/journal.pone.0001234"' in page
        assert '<span class="verdict v-not-found"' in page  # Hansen: no registry knows it
    with FakeRegistries([hostile]) as fake:  # a registry's odd DOI is text, never an href or markup
        res = cli(
            "check", "--verify", "--no-links", "--no-cache", "--format", "html", *fake.cli_args(), str(doc)
        )
    assert "<script>x" not in res.output and 'href="javascript' not in res.output
    res = cli("check", "--no-verify", "--no-links", "--no-cache", "--format", "html", str(doc))
    assert "verdict" not in res.output.split("</style>")[-1]  # no Registry column when verification is off


def test_web_view_carries_the_verdict_and_a_safe_record_link() -> None:
    pytest.importorskip("starlette", reason="the web extra is not installed (pip install .[web])")
    from refcheck.pipeline import FileResult
    from refcheck.web.view import document_view

    with FakeRegistries([SMITH]) as fake:
        doc, _ = verify(
            fake, SMITH_ENTRY, "Hansen, L. (2008) Wind power in Denmark. Energy Policy 36(2): 1-9."
        )
    view = document_view(0, FileResult(path="a.txt", doc=doc), "error")
    smith, hansen = (r["verification"] for r in view["references"])
    assert smith["status"] == "verified"
    assert smith["record_url"] == "https://doi.org/10.1371/journal.pone.0001234"
    assert hansen["status"] == "not-found" and hansen["record_url"] is None
    doc.references[0].verification.doi = "javascript:alert(1)"
    doc.references[0].verification.url = None
    view = document_view(0, FileResult(path="a.txt", doc=doc), "error")
    assert view["references"][0]["verification"]["record_url"] == "https://doi.org/javascript:alert(1)"
    doc.references[0].verification.doi = None
    doc.references[0].verification.url = "javascript:alert(1)"
    view = document_view(0, FileResult(path="a.txt", doc=doc), "error")
    assert view["references"][0]["verification"]["record_url"] is None


def test_the_stage_stops_at_its_deadline_and_says_how_many_were_not_looked_up() -> None:
    """A hostile list of many entries cannot keep the run on the registries: after
    ``stage_timeout`` the entries not yet looked up end unverified, said in one line."""
    import time

    doc = doc_with(*[SMITH_ENTRY.replace("0001234", f"000{i:04d}") for i in range(200)])
    with FakeRegistries([SMITH], delay=0.2) as fake:
        options = fake.verify_options()
        options.stage_timeout = 1.0
        start = time.monotonic()
        report = verify_documents([doc], options)
        elapsed = time.monotonic() - start
        sent = fake.requests()
    states = [r.verification.status for r in doc.references]
    late = [n for n in report.notes if "ran out of time" in n]
    assert len(late) == 1 and "--verify-timeout" in late[0]
    assert states.count("unverified") >= 150  # at 8 at a time and 0.2 s a request, most were never asked
    assert sent < 100 and elapsed < 10
    # without a deadline every entry is looked up
    doc = doc_with(*[SMITH_ENTRY.replace("0001234", f"000{i:04d}") for i in range(20)])
    with FakeRegistries([SMITH]) as fake:
        options = fake.verify_options()
        options.stage_timeout = 0
        report = verify_documents([doc], options)
    assert not any("ran out of time" in n for n in report.notes)
    assert "unverified" not in [r.verification.status for r in doc.references]


def test_verify_timeout_on_the_command_line_and_in_the_configuration(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(BODY + SMITH_ENTRY + "\n", encoding="utf-8")
    with FakeRegistries([SMITH]) as fake:
        res = cli(
            "check",
            "--verify",
            "--no-links",
            "--no-cache",
            "--verify-timeout",
            "2m",
            *fake.cli_args(),
            str(doc),
        )
    assert res.exit_code in (0, 1) and "Traceback" not in res.output
    (tmp_path / "refcheck.toml").write_text('verify-timeout = "1m"\n', encoding="utf-8")
    res = cli("config", str(doc))
    assert "verify-timeout" in res.output
    (tmp_path / "refcheck.toml").write_text('verify-timeout = "1y"\n', encoding="utf-8")
    bad = cli("check", "--no-links", "--no-verify", str(doc))
    assert bad.exit_code == 2 and "verify-timeout" in bad.output
    bad = cli("check", "--no-links", "--verify-timeout", "soon", str(doc))
    assert bad.exit_code == 2 and "Traceback" not in bad.output
