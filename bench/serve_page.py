"""The web page on a long document: how long the check, the result and the page's rendering take.

    PYTHONPATH=src python bench/serve_page.py [--scale 1] [--repeat 3]

Generates bench/perf.py's document (1x: 1,000 pages, 20,000 citations, 3,000 entries), starts
``refcheck serve`` in a subprocess, checks the document through the API (links off), then renders the
result in headless Chromium (the page's own code, timed in the page) and prints the figures. Needs
the web extra, selenium, chromium and chromedriver. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from perf import generate  # noqa: E402

RENDER = """
var done = arguments[arguments.length - 1];
var job = arguments[0];
var token = document.querySelector('meta[name=refcheck-token]').content;
var t0 = performance.now();
fetch("api/jobs/" + job + "/result", {headers: {"X-Refcheck-Token": token}})
  .then(function (r) { return r.json(); })
  .then(function (data) {
    var t1 = performance.now();
    window.refcheck.render(job, data);
    document.body.getBoundingClientRect();
    var t2 = performance.now();
    var target = document.querySelector("li.finding a.goto") || document.querySelector("a.cit");
    if (target) { target.click(); }
    var t3 = performance.now();
    done([t1 - t0, t2 - t1, t3 - t2, document.querySelectorAll("a.cit").length]);
  });
"""


def _browser(chrome: str, driver: str) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tempfile.mkdtemp(prefix='refcheck-bench-')}",
        "--window-size=1400,900",
    ):
        options.add_argument(arg)  # fmt: skip
    b = webdriver.Chrome(options=options, service=Service(driver))
    b.set_script_timeout(600)
    return b


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="renders; the best is reported")
    args = ap.parse_args(argv)
    chrome, driver = shutil.which("chromium") or shutil.which("google-chrome"), shutil.which("chromedriver")
    if not chrome or not driver:
        print("needs chromium and chromedriver", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="refcheck-serve-bench-"))
    doc = work / f"perf-{args.scale}x.txt"
    doc.write_text(generate(args.scale), encoding="utf-8")
    log = (work / "serve.log").open("w")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "refcheck", "serve", "--no-browser", "--port", "0",
           "--max-file-size", str(doc.stat().st_size + 1)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        url = ""
        for _ in range(300):
            found = re.search(r"http://\S+", (work / "serve.log").read_text())
            if found:
                url = found[0]
                break
            time.sleep(0.1)
        base, token = url.split("/?token=")
        headers = {"X-Refcheck-Token": token}
        job = requests.post(f"{base}/api/jobs", json={"links": False}, headers=headers, timeout=30).json()[
            "id"
        ]
        with doc.open("rb") as fh:
            requests.put(f"{base}/api/jobs/{job}/files/{doc.name}", data=fh, headers=headers, timeout=120)
        start = time.perf_counter()
        requests.post(f"{base}/api/jobs/{job}/start", headers=headers, timeout=30)
        answers = []
        while True:  # the server keeps answering while the check runs
            t = time.perf_counter()
            state = requests.get(f"{base}/api/jobs/{job}/progress", headers=headers, timeout=30).json()[
                "state"
            ]
            answers.append(time.perf_counter() - t)
            if state in ("done", "failed"):
                break
            time.sleep(0.2)
        check = time.perf_counter() - start
        t = time.perf_counter()
        size = len(requests.get(f"{base}/api/jobs/{job}/result", headers=headers, timeout=300).content)
        result = time.perf_counter() - t
        browser = _browser(chrome, driver)
        try:
            best: list[float] | None = None
            for _ in range(args.repeat):
                browser.get(url)
                time.sleep(0.5)
                got = browser.execute_async_script(RENDER, job)
                best = got if best is None or got[1] < best[1] else best
        finally:
            browser.quit()
        assert best is not None
        mb = doc.stat().st_size / 1e6
        print(f"document      {mb:.1f} MB, {args.scale}x ({args.scale * 20000} citations)")
        print(
            f"check         {check:6.2f} s   (slowest progress answer meanwhile: {max(answers) * 1000:.0f} ms)"
        )
        print(f"result        {result:6.2f} s   ({size / 1e6:.1f} MB of JSON, built once, then cached)")
        print(f"page fetch    {best[0] / 1000:6.2f} s   (download and parse)")
        print(
            f"page render   {best[1] / 1000:6.2f} s   ({best[3]:.0f} citations marked; best of {args.repeat})"
        )
        print(f"first jump    {best[2] / 1000:6.2f} s")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
