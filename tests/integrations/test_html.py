from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from refcheck.pipeline import check_paths
from refcheck.reporters import REPORTERS

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


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


@pytest.fixture
def browser() -> Iterator[Any]:
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
