"""Speed of registry verification (issue 10, item 5): a 100-entry document, cold and warm.

    python bench/verify_bench.py [--entries 100] [--delay 0.05]

Three loopback fakes (tests/verify/fakes.py), one per registry as in real life (Crossref, OpenAlex
and the DOI handle API are three hosts, each with its own limiter), answer every request after
``--delay`` seconds. The document cites ``--entries`` works: 40% with a DOI, 40% journal articles
without one (looked up by a bibliographic query), 10% books, 10% web pages with a URL (skipped: the
link check vouches for them). Prints the cold time (target: under 3 s) with the requests sent, then
the warm re-run (same cache directory), which must send 0 requests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.verify.fakes import FakeRegistries, FakeWork  # noqa: E402

from refcheck.pipeline import VERIFY_RULES, CheckOptions, check_text, verify_document_references  # noqa: E402

WORDS = [
    "growth",
    "yeast",
    "stress",
    "protein",
    "signal",
    "membrane",
    "neural",
    "cortex",
    "tumour",
    "immune",
    "viral",
    "host",
    "plant",
    "root",
    "climate",
    "carbon",
    "ocean",
    "soil",
    "policy",
    "market",
    "labour",
    "trade",
    "energy",
    "network",
    "model",
    "kinase",
    "receptor",
]


def corpus(n: int) -> tuple[str, list[FakeWork]]:
    works: list[FakeWork] = []
    entries: list[str] = []
    cites: list[str] = []
    for i in range(n):
        a, b, c, d = (WORDS[(i * k + j) % len(WORDS)] for j, k in ((0, 1), (3, 5), (7, 7), (11, 3)))
        surname = f"Author{chr(97 + i % 26)}{chr(97 + i // 26)}"
        year = 1990 + i % 30
        title = f"The {a} of {b} in {c} and {d} systems, study {i}"
        share = i % 10
        if share < 4:
            doi = f"10.5555/bench.{i}"
            works.append(FakeWork(doi, title, [("J", surname)], year, "Journal of Benchmarks"))
            entries.append(f"{surname}, J. ({year}) {title}. Journal of Benchmarks {i}: 1-10. doi:{doi}")
        elif share < 8:
            works.append(FakeWork(f"10.5555/query.{i}", title, [("J", surname)], year, "Bench Letters"))
            entries.append(f"{surname}, J. ({year}) {title}. Bench Letters {i}(2): 11-20.")
        elif share < 9:
            works.append(FakeWork(None, title, [("J", surname)], year, None, type="book"))
            entries.append(f"{surname}, J. ({year}) {title}. Bench University Press.")
        else:
            entries.append(f"{surname}, J. ({year}) {title}. Available at https://example.org/page/{i}")
        cites.append(f"({surname} {year})")
    body = "Findings are many " + ", ".join(cites) + ".\n\nReferences\n\n" + "\n\n".join(entries) + "\n"
    return body, works


def run(text: str, fakes: list[FakeRegistries], cache: Path) -> tuple[float, int, int]:
    doc = check_text(text, options=CheckOptions(links=False, verify=False))
    opts = CheckOptions(
        links=False,
        verify_crossref_api=fakes[0].endpoints()["crossref_api"],
        verify_openalex_api=fakes[1].endpoints()["openalex_api"],
        verify_doi_api=fakes[2].endpoints()["doi_api"],
        link_cache=True,
    )
    before = sum(f.requests() for f in fakes)
    t0 = time.monotonic()
    verify_document_references([(doc, opts)])
    elapsed = time.monotonic() - t0
    sent = sum(f.requests() for f in fakes) - before
    findings = sum(1 for f in doc.findings if f.rule in VERIFY_RULES)
    return elapsed, sent, findings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entries", type=int, default=100)
    ap.add_argument("--delay", type=float, default=0.05, help="seconds each fake takes to answer")
    args = ap.parse_args()
    text, works = corpus(args.entries)
    import os

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REFCHECK_CACHE_DIR"] = tmp
        with (
            FakeRegistries(works, delay=args.delay) as crossref,
            FakeRegistries(works, delay=args.delay) as openalex,
            FakeRegistries(works, delay=args.delay) as handles,
        ):
            fakes = [crossref, openalex, handles]
            cold, sent, findings = run(text, fakes, Path(tmp))
            print(
                f"cold: {args.entries} entries in {cold:.2f} s, {sent} requests "
                f"({args.delay * 1000:.0f} ms each), {findings} verification findings (target < 3 s)"
            )
            warm, sent_warm, findings_warm = run(text, fakes, Path(tmp))
            print(f"warm: {warm:.2f} s, {sent_warm} requests (target 0), {findings_warm} findings")
    return 0 if sent_warm == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
