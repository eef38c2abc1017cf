"""Cited page content (issue 10.3): the page at a cited URL, live or archived near the access date,
carries the entry's title; against real loopback servers and a fake Wayback availability API."""

from __future__ import annotations

import pytest

from refcheck.links import LinkOptions, LinkState, check_links
from refcheck.links.content import carries, fold
from refcheck.model import Document, Severity
from refcheck.pipeline import LINK_RULES, check_text, run_rules
from tests.links.conftest import Capture, Server, page, wayback

TEXT = """Oil matters (Hasanov 2009; Ministry of Energy 2009; Aliyev 2008; Bayramov 2007; Guliyev 2006).

References

Aliyev, Ilham (2008) "Azerbaijan". {base}/short (accessed 16 September 2009).

Bayramov, Vugar (2007) "Oil Funds and Economic Growth in the Caspian". {base}/wrong (accessed 16 September 2009).

Guliyev, Farid (2006) "Soft Power and the Small State: Azerbaijan's Foreign Policy". {base}/pdf (accessed 16 September 2009).

Hasanov, Fuad (2009) "Using Oil Revenues Effectively in Azerbaijan", ADA Biweekly. {base}/article (accessed 30 July 2009).

Ministry of Energy (2009) Pipeline Tariffs for the Year 2009. {base}/changed (accessed 16 September 2009).
"""


def archived(m: str, p: str, q: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
    # /web/<timestamp>id_/<original URL>: the page as it was
    original = p.split("id_/", 1)[-1]
    if original.endswith("/changed"):
        return 200, {}, page("Pipeline Tariffs for the Year 2009 - Ministry of Energy")
    return 200, {}, page("Caspian Energy Newsletter: Subscribe")


@pytest.fixture
def setup(site: Server, options: LinkOptions) -> tuple[Server, LinkOptions]:
    site.routes["/short"] = lambda m, p, q: (200, {}, page("Welcome to the Presidential Library"))
    site.routes["/wrong"] = lambda m, p, q: (200, {}, page("Caspian Energy Newsletter: Subscribe"))
    site.routes["/pdf"] = lambda m, p, q: (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4")
    site.routes["/article"] = lambda m, p, q: (
        200,
        {},
        page("USING OIL REVENUES EFFECTIVELY IN AZERBAIJAN | ADA Biweekly", "the article"),
    )
    site.routes["/changed"] = lambda m, p, q: (200, {}, page("Tariffs 2024 - Ministry of Energy"))
    site.routes["/wayback/available"] = wayback([Capture("20090901000000")], target=site.url("/web"))
    site.prefixes["/web/"] = archived
    options.archive = "auto"
    options.archive_api = site.url("/wayback/available")
    return site, options


def checked(site: Server, options: LinkOptions) -> Document:
    doc = check_text(TEXT.format(base=site.url("")))
    check_links(doc, options)
    run_rules(doc, only=LINK_RULES)
    return doc


def test_page_titles_against_cited_titles(setup: tuple[Server, LinkOptions]) -> None:
    site, options = setup
    doc = checked(site, options)
    found = {(f.rule, f.line, f.severity) for f in doc.findings}
    assert found == {
        ("link-content-mismatch", 7, Severity.WARNING),
        ("link-content-changed", 13, Severity.INFO),
    }
    changed = next(f for f in doc.findings if f.rule == "link-content-changed")
    assert "content changed since accessed" in changed.message
    assert changed.suggestion == site.url("/web/20090901000000/" + site.url("/changed"))
    mismatch = next(f for f in doc.findings if f.rule == "link-content-mismatch")
    assert "Caspian Energy Newsletter" in mismatch.message
    # the archived copies were read without the archive's banner, each once
    assert site.hits("/web/20090901000000id_/" + site.url("/changed")) == 1
    assert site.hits("/web/20090901000000id_/" + site.url("/article")) == 0  # live page matched


def test_archived_pages_are_cached(setup: tuple[Server, LinkOptions]) -> None:
    site, options = setup
    checked(site, options)
    before = site.hits()
    doc = checked(site, options)
    assert site.hits() == before  # links, archive answers and archived pages all from the cache
    assert {f.rule for f in doc.findings} == {"link-content-mismatch", "link-content-changed"}


def test_no_verify_no_content_check(setup: tuple[Server, LinkOptions]) -> None:
    site, options = setup
    options.check_content = False
    doc = checked(site, options)
    assert not [f for f in doc.findings if f.rule.startswith("link-content")]
    assert not [p for _, p in site.log if p.startswith("/web/")]


def test_archived_copy_is_read_through_the_safety_rules(setup: tuple[Server, LinkOptions]) -> None:
    # the archive (trusted endpoint) points at snapshots on a local name: they are not fetched
    site, options = setup
    site.routes["/wayback/available"] = wayback(
        [Capture("20090901000000")], target=f"http://localhost:{site.port}/web"
    )
    options.allow_private_hosts = False
    options.allowed_hosts = frozenset({"127.0.0.1"})
    doc = checked(site, options)
    assert not [p for _, p in site.log if p.startswith("/web/")]
    rules = {f.rule for f in doc.findings}
    assert "link-content-changed" not in rules
    assert "link-content-mismatch" in rules


def test_pipeline_gates_on_verify(setup: tuple[Server, LinkOptions], tmp_path: object) -> None:
    from refcheck.pipeline import CheckOptions

    assert CheckOptions().link_options().check_content is True
    assert CheckOptions(verify=False).link_options().check_content is False


@pytest.mark.parametrize(
    ("cited", "titles", "verdict"),
    [
        (
            "Using Oil Revenues Effectively in Azerbaijan",
            ["Using oil revenues effectively in Azerbaijan | ADA"],
            True,
        ),
        ("Critica SRE cierre de embajadas", ["Crítica SRE cierre de embajadas - El Universal"], True),
        ("Modern Diplomatic Law, Manchester University Press", ["Modern Diplomatic Law"], True),
        (
            "Azerbaijan Creates Diplomatic Academy",
            ["Azerbaijan creates a diplomatic academy - NYTimes.com"],
            True,
        ),
        (
            "Speaking to Our Silent Allies: Public Diplomacy and U.S. Foreign Policy",
            ["Speaking to our silent allies"],
            True,
        ),
        ("Oil Funds and Economic Growth in the Caspian", ["Caspian Energy Newsletter: Subscribe"], False),
        ("Oil Funds and Economic Growth in the Caspian", ["Home", "Latest news"], False),
        ("Azerbaijan", ["Something else"], None),
        ("Oil Funds and Economic Growth", [], None),
    ],
)
def test_title_comparison(cited: str, titles: list[str], verdict: bool | None) -> None:
    assert carries(cited, titles) is verdict


def test_fold() -> None:
    assert fold("Crítica: SRE — cierre, de  EMBAJADAS!") == "critica sre cierre de embajadas"


def test_dead_link_is_not_judged_on_content(setup: tuple[Server, LinkOptions]) -> None:
    site, options = setup
    del site.routes["/wrong"]
    doc = checked(site, options)
    rules = [f.rule for f in doc.findings if f.line == 7]
    assert rules == ["dead-link"]
    assert doc.links[1].status is LinkState.DEAD


@pytest.mark.parametrize(
    "cited",
    [
        "<http://127.0.0.1:8090/doc/1500>",
        "www.example.org reports and data",
        "Available at http://example.org/report",
        "doi 10.1371/journal.pone.0001234 online",
        "contact press@example.org for details",
        "report 2009 12 3",
    ],
)
def test_what_the_parser_took_for_a_title_is_not_judged(cited: str) -> None:
    # a reference parsed with a URL or a DOI for a title must not raise a false alarm
    assert carries(cited, ["Document 1500 | Example"]) is None
