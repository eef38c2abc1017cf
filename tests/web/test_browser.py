"""The page in headless Chromium against a real ``refcheck serve``: what an editor does, click by click.

Skipped without Chromium and chromedriver (apt-get install chromium chromium-driver), selenium, or the
web extra. ``REFCHECK_SCREENSHOTS=1`` also writes the screenshot the README shows
(docs/images/serve-result.png); it is always written to artifacts/.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install .[web])")
pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install .[web])")
import requests

from refcheck.loaders.docx import load_docx
from tests.conftest import FIXTURES, ROOT, SEED
from tests.web.conftest import Serve

BRIEF_DOCX = FIXTURES / "formats" / "docx" / "brief.docx"
ARTIFACTS = ROOT / "artifacts"


def _browser_paths() -> tuple[str, str] | None:
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (chrome, driver) if chrome and driver else None


@pytest.fixture(scope="module")
def download_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="refcheck-downloads-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def downloads(download_dir: Path) -> Path:
    """The browser's download folder, emptied for each test."""
    for p in download_dir.iterdir():
        p.unlink()
    return download_dir


@pytest.fixture(scope="module")
def chromium(download_dir: Path) -> Iterator[Any]:
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
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(download_dir),
            "download.prompt_for_download": False,
            "safebrowsing.enabled": False,
        },
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(paths[1]))
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)}
    )
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    s = Serve(tmp_path_factory.mktemp("serve"))
    yield s
    s.stop()


@pytest.fixture
def browser(chromium: Any) -> Any:
    """The module's browser, on one tab, its console log read empty."""
    for handle in chromium.window_handles[1:]:
        chromium.switch_to.window(handle)
        chromium.close()
    chromium.switch_to.window(chromium.window_handles[0])
    chromium.get_log("browser")
    return chromium


def _wait(condition: Callable[[], Any], timeout: float = 30, what: str = "the page") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # the element is not there yet
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def _check(browser: Any, server: Serve, path: Path, links: bool = False, verify: bool | None = None) -> None:
    """Open the page, choose ``path``, set links off (and verification as ``verify`` says), press Check."""
    css = _by("CSS_SELECTOR")
    browser.get(server.url)
    _wait(lambda: browser.find_elements(css, "#rules label"), what="the rule list")
    if verify is not None:
        box = _wait(lambda: browser.find_element(css, "#opt-verify"), what="the verify option")
        _wait(box.is_displayed, what="the verify option shown")
        if box.is_selected() != verify:
            box.click()
    browser.find_element(css, "#file").send_keys(str(path))
    box = browser.find_element(css, "#opt-links")
    if box.is_selected() != links:
        box.click()
    browser.find_element(css, "#check").click()


def _in_view(browser: Any, element: Any, container: Any) -> bool:
    return bool(
        browser.execute_script(
            "var r = arguments[0].getBoundingClientRect(), b = arguments[1].getBoundingClientRect();"
            "return r.top >= b.top - 1 && r.bottom <= b.bottom + 1 && r.top >= 0 && r.bottom <= innerHeight;",
            element,
            container,
        )
    )


def _downloaded(folder: Path, name: str, before: set[str] | None = None) -> Path:
    """The file the browser saved as ``name`` (or "stem (1).ext" when that name was taken)."""
    stem, _, ext = name.rpartition(".")

    def ready() -> Path | None:
        for p in folder.iterdir():
            if p.name in (before or set()) or not p.name.startswith(stem) or not p.name.endswith("." + ext):
                continue
            if p.stat().st_size > 0:
                return p
        return None

    found: Path = _wait(ready, what=f"the download of {name} in {folder}: {sorted(folder.iterdir())}")
    return found


def _severe(browser: Any) -> list[Any]:
    # a 403 page has no icon, so the browser asks for /favicon.ico, without the token: refused
    return [
        e
        for e in browser.get_log("browser")
        if e.get("level") in ("SEVERE", "ERROR") and "/favicon.ico " not in e.get("message", "")
    ]


def _findings_and_jump(browser: Any, line: int) -> Any:
    """The two findings are shown; the error's card leads to its citation on ``line`` and back."""
    css = _by("CSS_SELECTOR")
    cards = _wait(
        lambda: (
            len(browser.find_elements(css, "li.finding")) == 2 and browser.find_elements(css, "li.finding")
        )
    )
    error, warning = cards
    assert (
        "year-mismatch" in error.text and "Martínez-Díaz 2008" in error.text and f"line {line}" in error.text
    )
    assert "uncited-reference" in warning.text and "Hyde 2002 is listed but never cited" in warning.text
    article = browser.find_element(css, "#d0-text")
    marker = browser.find_element(css, f"#d0-text span.ln[data-n='{line}']")
    assert not _in_view(browser, marker, article)
    error.find_element(css, "a.goto").click()
    cit = _wait(
        lambda: (
            browser.switch_to.active_element
            if "cit" in (browser.switch_to.active_element.get_attribute("class") or "")
            else None
        ),
        what="the citation to take the focus",
    )
    assert cit.text == "Martínez-Díaz 2008" and "year-mismatch" in cit.get_attribute("class")
    _wait(
        lambda: _in_view(browser, marker, article) and _in_view(browser, cit, article),
        what=f"line {line} in view",
    )
    # and back: the citation leads to its finding, with the focus on the card's link
    back = browser.find_element(css, "#back")
    assert back.is_displayed()
    cit.click()
    _wait(
        lambda: browser.switch_to.active_element.get_attribute("class") == "goto",
        what="the focus back on the finding",
    )
    assert _in_view(browser, error, browser.find_element(css, "aside.findings"))
    assert not back.is_displayed()
    # with the keyboard: Enter on the card's link, Escape to come back
    from selenium.webdriver.common.keys import Keys

    browser.switch_to.active_element.send_keys(Keys.ENTER)
    _wait(
        lambda: "cit" in (browser.switch_to.active_element.get_attribute("class") or ""), what="Enter to jump"
    )
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    _wait(
        lambda: browser.switch_to.active_element.get_attribute("class") == "goto", what="Escape to come back"
    )
    return error


def test_seed_brief_as_text(browser: Any, server: Serve, tmp_path: Path, downloads: Path) -> None:
    css = _by("CSS_SELECTOR")
    path = tmp_path / "brief.txt"
    shutil.copy(SEED, path)
    _check(browser, server, path)
    _findings_and_jump(browser, 16)
    # the reference list shows each entry's state
    entries = browser.find_elements(css, "li.entry")
    assert len(entries) == 11
    hyde = next(e for e in entries if e.text.startswith("Hyde, Henry (2002)"))
    assert "never cited" in hyde.text
    mart = next(e for e in entries if e.text.startswith("Martínez-Díaz, Leonardo (2007)"))
    assert "cited once" in mart.text and "Martínez-Díaz 2008" in mart.text
    assert "Fails at fail-on error" in browser.find_element(css, ".verdict").text
    # the fixed file
    browser.find_element(css, "a.fix").click()
    fixed = _downloaded(downloads, "brief-refcheck.txt")
    assert fixed.read_bytes() == SEED.read_bytes().replace(
        "(Martínez-Díaz 2008)".encode(), "(Martínez-Díaz 2007)".encode()
    )
    # the reports
    browser.find_element(css, "a.button[href*='report.json']").click()
    report = _downloaded(downloads, "brief-refcheck.json")
    assert '"rule": "year-mismatch"' in report.read_text(encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    browser.find_element(css, "li.finding.sev-error a.goto").click()
    browser.execute_script(
        "var s = document.querySelector('section.doc'); window.scrollTo(0, s.offsetTop - 60);"
        "document.querySelectorAll('.flash').forEach(function (e) { e.classList.remove('flash'); });"
        "document.querySelector('#d0-text a.cit.has-finding').classList.add('flash');"
    )
    time.sleep(0.3)
    browser.save_screenshot(str(ARTIFACTS / "serve-result.png"))
    if os.environ.get("REFCHECK_SCREENSHOTS"):
        shutil.copy(ARTIFACTS / "serve-result.png", ROOT / "docs" / "images" / "serve-result.png")
    assert _severe(browser) == []
    log = server.log.read_text()
    assert "brief.txt: 1 error(s), 1 warning(s)" in log and "Traceback" not in log


def test_seed_brief_as_docx_gets_one_tracked_change(
    browser: Any, server: Serve, tmp_path: Path, downloads: Path
) -> None:
    css = _by("CSS_SELECTOR")
    path = tmp_path / "brief.docx"
    shutil.copy(BRIEF_DOCX, path)
    _check(browser, server, path)
    _findings_and_jump(browser, 13)  # a Word file's line is its paragraph
    fix = browser.find_element(css, "a.fix")
    assert fix.text == "Apply the safe fixes (1) as tracked changes"
    fix.click()
    fixed = _downloaded(downloads, "brief-refcheck.docx")
    with zipfile.ZipFile(fixed) as z, zipfile.ZipFile(BRIEF_DOCX) as o:
        assert [i.filename for i in z.infolist()] == [i.filename for i in o.infolist()]
        for info in o.infolist():
            if info.filename != "word/document.xml":
                assert z.read(info.filename) == o.read(info), info.filename
        body = z.read("word/document.xml").decode()
    dels = re.findall(r'<w:del w:id="\d+" w:author="refcheck"[^>]*><w:r><w:delText[^>]*>([^<]*)<', body)
    ins = re.findall(r'<w:ins w:id="\d+" w:author="refcheck"[^>]*><w:r><w:t[^>]*>([^<]*)<', body)
    assert dels == ["2008"] and ins == ["2007"]
    before = load_docx("a.docx", BRIEF_DOCX.read_bytes()).text
    after = load_docx("b.docx", fixed.read_bytes()).text
    assert after == before.replace("(Martínez-Díaz 2008)", "(Martínez-Díaz 2007)") and after != before
    # with the other findings as comments
    fixed.unlink()
    browser.find_element(css, "#comments-0").click()
    browser.find_element(css, "a.fix").click()
    commented = _downloaded(downloads, "brief-refcheck.docx")
    with zipfile.ZipFile(commented) as z:
        assert "Hyde 2002 is listed but never cited" in z.read("word/comments.xml").decode()
    assert _severe(browser) == []
    assert "Traceback" not in server.log.read_text()


def test_two_tabs_check_at_once(browser: Any, server: Serve, tmp_path: Path) -> None:
    css = _by("CSS_SELECTOR")
    txt = tmp_path / "brief.txt"
    shutil.copy(SEED, txt)
    docx = tmp_path / "brief.docx"
    shutil.copy(BRIEF_DOCX, docx)
    _check(browser, server, txt)
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    _check(browser, server, docx)
    second = browser.current_window_handle
    for handle, name in ((first, "brief.txt"), (second, "brief.docx")):
        browser.switch_to.window(handle)
        _wait(lambda: len(browser.find_elements(css, "li.finding")) == 2, what=f"the findings of {name}")
        assert browser.find_element(css, "section.doc h2").text == name


def test_wrong_token_is_403(browser: Any, server: Serve) -> None:
    assert requests.get(server.base + "/?token=wrong", timeout=10).status_code == 403
    browser.get(server.base + "/?token=wrong")
    assert "403 Forbidden" in browser.find_element(_by("TAG_NAME"), "body").text
    browser.get(server.base + "/")
    assert "403 Forbidden" in browser.find_element(_by("TAG_NAME"), "body").text


def test_oversized_and_malformed_uploads_get_a_clear_message(browser: Any, tmp_path: Path) -> None:
    css = _by("CSS_SELECTOR")
    server = Serve(tmp_path, "--max-file-size", "4000")
    try:
        big = tmp_path / "brief.txt"
        shutil.copy(SEED, big)
        _check(browser, server, big)
        message = _wait(lambda: browser.find_element(css, "#message").text, what="the message")
        kib = int(SEED.stat().st_size / 1024 + 0.5)
        assert message == f"brief.txt is {kib} KiB, over the 4 KiB limit (refcheck serve --max-file-size)."
        assert browser.find_elements(css, "section.doc") == []

        broken = tmp_path / "broken.docx"
        broken.write_bytes(b"PK\x03\x04 not really a Word file")
        _check(browser, server, broken)
        error = _wait(lambda: browser.find_element(css, "section.doc.unreadable").text, what="the error")
        assert "broken.docx" in error and "Could not be checked: not a DOCX file" in error

        project = tmp_path / "project.zip"
        project.write_bytes(b"this is no zip")
        _check(browser, server, project)
        message = _wait(lambda: browser.find_element(css, "#message").text, what="the message")
        assert message.startswith("project.zip is not a zip archive")

        evil = tmp_path / "evil.zip"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("../../outside.tex", "\\documentclass{article}")
        evil.write_bytes(buf.getvalue())
        _check(browser, server, evil)
        message = _wait(
            lambda: (
                "outside" in browser.find_element(css, "#message").text
                and browser.find_element(css, "#message").text
            ),
            what="the message",
        )
        assert "points outside the project; refused" in message

        pdf = tmp_path / "notes.pdf"
        pdf.write_bytes(b"%PDF-1.4")
        _check(browser, server, pdf)
        message = _wait(lambda: browser.find_element(css, "#message").text, what="the message")
        assert message.startswith("notes.pdf: refcheck does not read .pdf files")
        assert _severe(browser) == []
    finally:
        log = server.stop()
    assert "Traceback" not in log and "Error" not in log, log


def test_the_registrys_verdict_and_record_link_beside_each_entry(browser: Any, tmp_path: Path) -> None:
    """With "Verify references" ticked, against loopback fakes of the registries (the server is given
    their endpoints in its environment): a verified entry shows its verdict and a link to its record,
    an entry with a DOI no agency knows shows "not in registries"."""
    from tests.verify.fakes import FakeRegistries, FakeWork

    smith = FakeWork(
        "10.1371/journal.pone.0001234",
        "Growth of yeast cells under oxidative stress",
        [("John", "Smith"), ("Kate", "Jones")],
        2004,
        "PLoS ONE",
    )
    path = tmp_path / "brief.txt"
    path.write_text(
        "Growth is studied (Smith and Jones 2004). Funds matter (Aliyev 2021).\n\nReferences\n\n"
        "Smith, J. and Jones, K. (2004) Growth of yeast cells under oxidative stress. PLoS ONE 3: 1-9. "
        "doi:10.1371/journal.pone.0001234\n\n"
        "Aliyev, R. (2021) Quantum diplomacy in the Caspian. J Caspian Stud 4: 1-20. doi:10.9999/qdc.2021.1\n",
        encoding="utf-8",
    )
    css = _by("CSS_SELECTOR")
    with FakeRegistries([smith]) as fake:
        server = Serve(
            tmp_path, environ={**fake.env(), "REFCHECK_VERIFY": "1", "REFCHECK_CACHE_DIR": str(tmp_path)}
        )
        try:
            _check(browser, server, path, verify=True)
            entries = _wait(
                lambda: (
                    len(browser.find_elements(css, "li.entry")) == 2
                    and browser.find_elements(css, "li.entry")
                ),
                what="the reference list",
            )
            smith_entry = next(e for e in entries if e.text.startswith("Smith"))
            aliyev_entry = next(e for e in entries if e.text.startswith("Aliyev"))
            verdict = smith_entry.find_element(css, "span.tag.verdict")
            assert verdict.text == "verified" and "Growth of yeast cells" in verdict.get_attribute("title")
            record = smith_entry.find_element(css, "a.tag.record")
            assert record.get_attribute("href") == "https://doi.org/10.1371/journal.pone.0001234"
            assert aliyev_entry.find_element(css, "span.tag.verdict").text == "not in registries"
            assert any("doi-not-found" in f.text for f in browser.find_elements(css, "li.finding"))
            assert _severe(browser) == []
        finally:
            log = server.stop()
    assert "Traceback" not in log


def test_a_download_refused_by_the_server_is_said_on_the_page(
    browser: Any, server: Serve, tmp_path: Path, downloads: Path
) -> None:
    """(qa-left12) A Word file whose comments part is broken: "with comments" answers 409 with the
    reason, which the browser saved as a file (the JSON of the error); the page says it beside the link."""
    from tests.fixes.docx_util import package, para, run
    from tests.fixes.test_docx import _COMMENTS_REL, _with_member

    css = _by("CSS_SELECTOR")
    body = (
        para(run("Growth was strong (Nobody 1999)."))
        + para(run("References"))
        + para(run("Smith, John (2001) Trade. Oxford University Press."))
    )
    data = package(body, extra={"word/comments.xml": b"<w:comments><w:comment"})
    path = tmp_path / "brief.docx"
    path.write_bytes(_with_member(data, "word/_rels/document.xml.rels", _COMMENTS_REL.encode()))
    _check(browser, server, path)
    _wait(lambda: browser.find_elements(css, "section.doc a.fix"), what="the result")
    browser.find_element(css, "section.doc .doc-actions input[type=checkbox]").click()
    browser.find_element(css, "a.fix").click()
    note = _wait(lambda: browser.find_element(css, ".download-error").text, what="the reason")
    assert note.startswith("brief.docx: no Word comments written: word/comments.xml is not well-formed XML")
    time.sleep(1)
    assert list(downloads.iterdir()) == []
