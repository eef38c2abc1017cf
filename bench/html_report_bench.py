"""Size and render time of the HTML report over many documents.

    PYTHONPATH=src python bench/html_report_bench.py [DIR] [--browser]

DIR defaults to ../shared/corpus/docs (480 documents; ../../shared from a worktree). Every supported file under it is checked
without links; the HTML report is rendered and its size printed, with the time to build it and, with
``--browser``, the time headless Chromium takes to load it (navigation start to the load event, and to
the first paint) and the number of DOM elements. Each figure is from one run: compare paired runs
(before/after) on the same machine, never absolute numbers across machines.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from refcheck.pipeline import CheckOptions, check_paths  # noqa: E402
from refcheck.reporters import REPORTERS  # noqa: E402


def browser_times(page: Path) -> dict[str, float]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver_path = shutil.which("chromedriver")
    if not chrome or not driver_path:
        raise SystemExit("--browser needs chromium and chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    profile = tempfile.mkdtemp(prefix="refcheck-bench-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={profile}", "--window-size=1400,1000"):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        driver.get(page.as_uri())
        timing = driver.execute_script(
            "var t = performance.getEntriesByType('navigation')[0];"
            "var p = performance.getEntriesByName('first-contentful-paint')[0];"
            "return [t.domContentLoadedEventEnd, t.loadEventEnd, p ? p.startTime : -1,"
            " document.getElementsByTagName('*').length];"
        )
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return {
        "dom_ready_ms": timing[0],
        "load_ms": timing[1],
        "first_paint_ms": timing[2],
        "elements": timing[3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = next((p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()), None)
    default = str((shared or ROOT.parent / "shared") / "corpus" / "docs")
    parser.add_argument("dir", nargs="?", default=default)
    parser.add_argument("--browser", action="store_true", help="also time the page in headless Chromium")
    args = parser.parse_args()
    results = check_paths([args.dir], CheckOptions(links=False))
    with_findings = sum(1 for r in results if r.doc is None or r.doc.findings)
    start = time.perf_counter()
    page = REPORTERS["html"](results)
    built = time.perf_counter() - start
    size = len(page.encode("utf-8"))
    print(f"documents: {len(results)} ({with_findings} with findings or unreadable)")
    print(f"report size: {size / 1024:.0f} KiB ({size} bytes)")
    print(f"render (Python): {built * 1000:.0f} ms")
    if args.browser:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "report.html"
            path.write_text(page, encoding="utf-8")
            for name, value in browser_times(path).items():
                print(f"browser {name}: {value:.0f}")


if __name__ == "__main__":
    main()
