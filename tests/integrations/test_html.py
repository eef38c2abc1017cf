from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from refcheck.model import Finding, Severity
from refcheck.pipeline import CheckOptions, check_paths
from refcheck.reporters import REPORTERS
from refcheck.reporters import html as html_reporter
from refcheck.reporters.html import safe_href, url_html
from refcheck.reporters.html_assets import CSS, JS

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
FORMATS = ROOT / "fixtures" / "formats"

try:
    from selenium.webdriver.common.by import By
except ImportError:  # the browser tests skip without selenium
    By = None


def test_html_is_self_contained_and_links_citations(seed: Path) -> None:
    page = REPORTERS["html"](check_paths([str(seed)]))
    assert "<script src" not in page and "<link " not in page and "@import" not in page
    assert 'class="cit year-mismatch has-finding sev-error"' in page
    assert 'href="#d0-ref-' in page and 'id="d0-ref-' in page
    assert "Martínez-Díaz 2008" in page and "Suggestion: <b>Martínez-Díaz 2007</b>" in page


def test_html_shows_links_with_archive(seed: Path) -> None:
    from refcheck.reporters.html import _links_table

    table = _links_table(
        [{"url": "http://x.example/a", "status": "dead", "archived_url": "http://arch.example/a"}]
    )
    assert "http://arch.example/a" in table and 'class="link dead"' in table


def _browser_paths() -> tuple[str, str] | None:
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (chrome, driver) if chrome and driver else None


@pytest.fixture(scope="module")
def _chromium() -> Iterator[Any]:
    webdriver = pytest.importorskip(
        "selenium.webdriver", reason="selenium is not installed (pip install .[test])"
    )
    paths = _browser_paths()
    if paths is None:
        pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    profile = tempfile.mkdtemp(prefix="refcheck-chromium-")
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1400,1000",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(paths[1]))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def browser(_chromium: Any) -> Any:
    """One headless Chromium for the module; each test starts with an empty console log."""
    _chromium.get("about:blank")
    _chromium.get_log("browser")
    return _chromium


def test_html_in_headless_chromium(browser: Any, seed: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    report = tmp_path / "report.html"
    report.write_text(REPORTERS["html"](check_paths([str(seed)])), encoding="utf-8")
    browser.get(report.as_uri())
    assert browser.title == "refcheck report"
    finding = browser.find_element(By.CSS_SELECTOR, "li.finding.sev-error")
    assert finding.is_displayed() and "Martínez-Díaz 2008" in finding.text
    cit = browser.find_element(By.CSS_SELECTOR, "a.cit.has-finding")
    assert cit.is_displayed() and cit.text == "Martínez-Díaz 2008"
    # the citation's link leads to its entry
    target = cit.get_attribute("href").split("#", 1)[1]
    assert "Martínez-Díaz, Leonardo (2007)" in browser.find_element(By.ID, target).text
    # the finding's card leads to the citation it is about
    assert (
        finding.find_element(By.CSS_SELECTOR, "a.goto")
        .get_attribute("href")
        .endswith("#" + cit.get_attribute("id"))
    )
    finding.find_element(By.CSS_SELECTOR, "a.goto").click()
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "seed-report.png"))
    browser.find_element(By.CSS_SELECTOR, "input[data-filter='error']").click()
    assert not finding.is_displayed()
    errors = [e for e in browser.get_log("browser") if e.get("level") in ("SEVERE", "ERROR")]
    assert errors == []


# --- the report turned against its reader ------------------------------------------------------------


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src", "action", "formaction")]


def _hrefs(page: str) -> list[str]:
    parser = _Hrefs()
    parser.feed(page)
    return parser.hrefs


def _docx_with_link(path: Path, target: str) -> None:
    """brief.docx with its one hyperlink pointing at ``target``."""
    with zipfile.ZipFile(FORMATS / "docx" / "brief.docx") as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb'Target="http[^"]*"', f'Target="{target}"'.encode(), data)
            out.writestr(item, data)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/x",
        "file:///etc/passwd",
        "http://x.example/\u202eevil",
        "https://ok.example/a b",
    ],
)
def test_safe_href_refuses(url: str) -> None:
    assert safe_href(url) is None
    assert "<a " not in url_html(url)


@pytest.mark.parametrize("url", ["http://x.example/a?b=1&c=2", "HTTPS://X.EXAMPLE/", "mailto:ed@x.example"])
def test_safe_href_allows(url: str) -> None:
    assert safe_href(url) == html.escape(url, quote=True)


def test_unsafe_urls_in_documents_are_shown_as_text(tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nSee \\url{javascript:alert(document.domain)} and "
        "\\href{data:text/html,<script>alert(1)</script>}{this} \\cite{a}.\n\\bibliography{refs}\n\\end{document}\n",
        encoding="utf-8",
    )
    (tmp_path / "refs.bib").write_text(
        "@misc{a, author={Smith, John}, title={T}, year={2001}, url={vbscript:msgbox(1)}}\n", encoding="utf-8"
    )
    _docx_with_link(tmp_path / "brief.docx", "javascript:alert(2)")
    options = CheckOptions(links=True, link_cache=False, link_exclude=[r"^https?://"])  # nothing fetched
    results = check_paths([str(tmp_path / "main.tex"), str(tmp_path / "brief.docx")], options)
    for r in results:  # a finding in each, so that each file gets its links table
        assert r.doc is not None
        r.doc.findings.append(Finding("citation-style", Severity.INFO, "x"))
    page = REPORTERS["html"](results)
    for shown in ("javascript:alert(document.domain)", "vbscript:msgbox(1)", "javascript:alert(2)"):
        assert html.escape(shown) in page.replace("<wbr>", "")  # shown, as text
    assert "data:text/html,&lt;script&gt;" in page.replace("<wbr>", "")
    hrefs = _hrefs(page)
    assert hrefs and all(re.match(r"(#|https?://|mailto:)", h) for h in hrefs), hrefs


def test_report_has_a_content_security_policy(seed: Path) -> None:
    page = REPORTERS["html"](check_paths([str(seed)]))
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert policy is not None and page.index(policy.group(0)) < page.index("<style>")
    directives = dict(d.strip().split(" ", 1) for d in policy.group(1).split(";"))
    assert directives["default-src"] == "'none'"
    assert "unsafe-inline" not in policy.group(1) and "http" not in policy.group(1)

    def digest(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"

    assert directives["script-src"] == digest(JS) and f"<script>{JS}</script>" in page
    assert directives["style-src"] == digest(CSS) and f"<style>{CSS}</style>" in page
    assert " style=" not in page and not re.search(r"<[^>]+\son\w+=", page)


def test_csp_blocks_an_injected_script_in_chromium(browser: Any, seed: Path, tmp_path: Path) -> None:
    page = REPORTERS["html"](check_paths([str(seed)]))
    report = tmp_path / "report.html"
    injected = '<script>document.title = "pwned";</script><img src="http://127.0.0.1:9/x.png"></body>'
    report.write_text(page.replace("</body>", injected), encoding="utf-8")
    browser.get(report.as_uri())
    assert browser.title == "refcheck report"
    logs = [e["message"] for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert any("Content Security Policy" in m for m in logs), logs
    # the report's own script still runs: a finding's link flashes its target
    browser.find_element(By.CSS_SELECTOR, "li.finding.sev-error a.goto").click()
    assert browser.find_elements(By.CSS_SELECTOR, ".flash")


def test_hostile_report_in_chromium(browser: Any, tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\nSee \\url{javascript:alert(document.domain)}"
        " \\cite{a} <img src=x onerror=alert(1)>.\n\\bibliography{refs}\n\\end{document}\n",
        encoding="utf-8",
    )
    (tmp_path / "refs.bib").write_text(
        "@misc{a, author={Smith, John}, title={T}, year={2001}, url={vbscript:msgbox(1)}}\n", encoding="utf-8"
    )
    results = check_paths([str(tmp_path / "main.tex")], CheckOptions(links=True, link_cache=False))
    assert results[0].doc is not None
    results[0].doc.findings.append(Finding("citation-style", Severity.INFO, "x <script>alert(3)</script>"))
    report = tmp_path / "report.html"
    report.write_text(REPORTERS["html"](results), encoding="utf-8")
    browser.get(report.as_uri())
    protocols = browser.execute_script(
        "return Array.from(document.querySelectorAll('a[href]')).map(function (a) { return a.protocol; });"
    )
    assert protocols and set(protocols) <= {"file:", "http:", "https:", "mailto:"}  # file: = #anchors
    assert browser.execute_script("return document.querySelectorAll('img, iframe, object').length") == 0
    assert [e for e in browser.get_log("browser") if e.get("level") in ("SEVERE", "ERROR")] == []


# --- the report over many files -----------------------------------------------------------------------

CLEAN = "Trade grew (Smith 2001) in the clean file number {n}.\n\nReferences\n\nSmith, J. (2001) A.\n"


def _many(tmp_path: Path) -> list[Path]:
    paths = []
    for n in range(20):
        p = tmp_path / f"clean{n:02}.txt"
        p.write_text(CLEAN.format(n=n), encoding="utf-8")
        paths.append(p)
    one = tmp_path / "one_warning.txt"
    one.write_text(
        "Only the one warning here (Smith 2001).\n\nReferences\n\nSmith, J. (2001) A.\n\nHyde, H. (2002) B.\n"
    )
    two = tmp_path / "errors.txt"
    two.write_text("Errors: (Smith 2003) and (Jones 1999).\n\nReferences\n\nSmith, J. (2001) A.\n")
    return [*paths, one, two]


def test_many_files_index_sorted_and_clean_files_collapsed(tmp_path: Path) -> None:
    page = REPORTERS["html"](check_paths([str(p) for p in _many(tmp_path)]))
    index = page[
        page.index('<table class="index">') : page.index("</table>", page.index('<table class="index">'))
    ]
    order = re.findall(r'<td class="path"><a href="#doc-\d+">[^<]*/([^/<]+)</a>', index)
    assert order[:2] == ["errors.txt", "one_warning.txt"] and len(order) == 22
    assert order[2:] == sorted(order[2:])
    # files without findings: one collapsed list, no text
    clean = re.search(r'<section class="doc clean"><details><summary>20 files without findings', page)
    assert clean is not None
    assert "in the clean file number" not in page
    assert page.count('<section class="doc"') == 2  # sections for the two files with findings
    assert "Errors: (<a" in page and "Only the one warning here" in page  # their text is there


def test_source_budget_keeps_findings_and_drops_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reporter, "SOURCE_BUDGET", 10)
    page = REPORTERS["html"](check_paths([str(p) for p in _many(tmp_path)]))
    assert (
        '<article class="text">' in page and page.count('<article class="text">') == 1
    )  # the first file only
    assert "The full text of 1 file is left out" in page
    assert "Only the one warning here" not in page
    section = page[page.index("one_warning.txt</h2>") :]
    section = section[: section.index("</section>")]
    assert "uncited-reference" in section  # the finding, with the line it is about
    assert '<div class="excerpt"><mark>Hyde, H. (2002)</mark> B.</div>' in section


def test_links_table_is_a_full_width_section(seed: Path) -> None:
    results = check_paths([str(seed)])
    assert results[0].doc is not None
    results[0].doc.links = [LONG_LINK]  # type: ignore[list-item]
    page = REPORTERS["html"](results)
    aside = page[page.index('<aside class="findings">') : page.index("</aside>")]
    assert "Links (1)" not in aside
    assert re.search(r'</div><section class="links wide"><h3>Links \(1\)</h3>', page)


LONG_LINK = {
    "url": "http://ics.leeds.ac.uk/papers/pmt/exhibits/1458/averyveryveryverylongsegment/hyde-speaking-to-allies.pdf",
    "status": "unverified",
    "http_status": 403,
    "reason": "blocked",
    "line": 47,
    "archive_url": "https://web.archive.org/web/20091201000000/http://ics.leeds.ac.uk/papers/pmt/exhibits/1458/hyde.pdf",
}


def test_links_table_in_chromium(browser: Any, seed: Path, tmp_path: Path) -> None:
    results = check_paths([str(seed)])
    assert results[0].doc is not None
    results[0].doc.links = [LONG_LINK, {**LONG_LINK, "status": "dead", "url": "http://x.example/a"}]  # type: ignore[list-item]
    report = tmp_path / "report.html"
    report.write_text(REPORTERS["html"](results), encoding="utf-8")
    browser.get(report.as_uri())
    doc_width = browser.find_element(By.CSS_SELECTOR, "section.doc").size["width"]
    links = browser.find_element(By.CSS_SELECTOR, "section.links")
    links.location_once_scrolled_into_view  # noqa: B018
    assert links.size["width"] > 0.95 * doc_width
    # status words and badges never wrap; the long URL breaks only after / ? & = #
    lines = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.links td.status > *')).map(function (s) {"
        " var r = document.createRange(); r.selectNodeContents(s); return r.getClientRects().length; });"
    )
    assert lines == [1, 1, 1, 1]  # "unverified", "403 · blocked", "dead", "403 · blocked": one line each
    assert (
        browser.find_element(By.CSS_SELECTOR, "section.links td.url a").get_attribute("href")
        == LONG_LINK["url"]
    )
    assert [e for e in browser.get_log("browser") if e.get("level") in ("SEVERE", "ERROR")] == []


# --- line numbers, citation text, DOCX paragraphs -----------------------------------------------------


def _line_before(page: str, pos: int) -> int:
    marks = list(re.finditer(r'<span class="ln"(?: id="[^"]+")? data-n="(\d+)"></span>', page[:pos]))
    return int(marks[-1].group(1))


def test_latex_line_numbers_match_the_files(tmp_path: Path) -> None:
    latex = FORMATS / "latex"
    page = REPORTERS["html"](check_paths([str(latex / "brief.tex")]))
    lines = (latex / "sections" / "diplomacy.tex").read_text(encoding="utf-8").splitlines()
    baku = next(i for i, ln in enumerate(lines, 1) if ln.startswith("Baku needs"))
    assert _line_before(page, page.index("Baku needs")) == baku
    main_lines = (latex / "brief.tex").read_text(encoding="utf-8").splitlines()
    both = next(i for i, ln in enumerate(main_lines, 1) if ln.startswith("Both are major"))
    assert _line_before(page, page.index("Both are major")) == both
    assert '<span class="file-banner">' in page and "sections/diplomacy.tex</span>" in page
    # every finding's card leads to a place whose line number is the finding's line
    data = json.loads(REPORTERS["json"](check_paths([str(latex / "brief.tex")])))
    missing = next(f for f in data["files"][0]["findings"] if f["rule"] == "missing-reference")
    card = page[page.index('<li class="finding sev-error"') :]
    target = re.search(r'<a class="goto" href="#([^"]+)"', card)
    assert target is not None
    assert _line_before(page, page.index(f'id="{target.group(1)}"')) == missing["line"]


@pytest.mark.parametrize(
    "name", ["000_bc11b8a9853f7d3f.txt", "metal_stress_numeric.txt", "formats/docx/brief.docx"]
)
def test_json_and_html_give_the_same_citation(name: str) -> None:
    results = check_paths([str(ROOT / "fixtures" / name)])
    data = json.loads(REPORTERS["json"](results))
    page = REPORTERS["html"](results)
    cited = [f["citation"] for f in data["files"][0]["findings"] if f["citation"]]
    assert cited
    for citation in cited:
        assert f"Citation: <q>{html.escape(citation)}</q>" in page


def test_docx_findings_say_paragraph(cli: Any, tmp_path: Path) -> None:
    docx = FORMATS / "docx" / "brief.docx"
    page = REPORTERS["html"](check_paths([str(docx)]))
    assert '<span class="where">paragraph 13</span>' in page and ">line " not in page
    full = cli("check", "--no-links", "--format", "full", str(docx)).output
    assert re.search(r"^  paragraph 13 +error", full, re.M) and "¶    13 │" in full
    data = json.loads(cli("check", "--no-links", "--format", "json", str(docx)).output)
    assert data["files"][0]["location_unit"] == "paragraph"
