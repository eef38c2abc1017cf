"""Accuracy of refcheck on the evaluation corpus, in process, split by format and citation style.

    PYTHONPATH=src python bench/corpus_eval.py [CORPUS] [--by-style] [--formats text,markdown]

CORPUS defaults to ../shared/corpus (a directory with manifest.json, docs/ and gold/). Each document
is checked with ``refcheck.pipeline.check_file`` (no links) and turned into the JSON contract by
``refcheck.reporters.records``; the scoring below is the project's own measurement, copied from
the corpus scorer (eval/score.py) so that the figures are the same as running
``refcheck check --no-links --format json`` through it:

* cite-R / cite-P: citation extraction recall and precision on clean documents (a found citation
  counts when it is on the gold line and overlaps the gold span, or has the same text);
* link: gold citations found *and* linked to exactly the gold entries;
* <defect> found: detection recall per injected defect (a finding of that rule naming the surname
  or number);
* fp/doc: findings on clean documents that the article does not justify, per clean document.

Not part of the test suite: the corpus lives outside the repository.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
import time
import traceback
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

RULES = (
    "missing-reference",
    "uncited-reference",
    "year-mismatch",
    "author-mismatch",
    "ambiguous-citation",
    "duplicate-reference",
    "footnote-undefined",
    "footnote-unreferenced",
)
DEFECTS = ("year-mismatch", "missing-reference", "uncited-reference", "author-mismatch")
STYLES = ("author-date native", "author-date converted", "numeric")

# --- scoring, as in the corpus scorer ---------------------------------------------------------------


def fold(s: object) -> str:
    t = unicodedata.normalize("NFKD", str(s or ""))
    return " ".join("".join(c for c in t if not unicodedata.combining(c)).casefold().split())


def _int(v: object) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def items(entry: Any, key: str) -> list[dict[str, Any]]:
    vals = entry.get(key) if isinstance(entry, dict) else None
    return [v for v in vals if isinstance(v, dict)] if isinstance(vals, list) else []


def text_match(a: str, b: str) -> bool:
    a, b = (fold(x).strip(" []().,;:") for x in (a, b))
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)))


def overlaps(f: dict[str, Any], g: dict[str, Any]) -> bool:
    if _int(f.get("line")) != g["line"]:
        return False
    col, text = _int(f.get("column")), str(f.get("text") or "")
    if (
        col is not None
        and text
        and any(s < g["end_column"] and s + len(text) > g["column"] for s in (col, col + 1))
    ):
        return True
    return text_match(text, g["text"])


def ref_map(found_refs: list[dict[str, Any]], gold_refs: list[dict[str, Any]]) -> dict[str, int | None]:
    by_line = {r["line"]: r["index"] for r in gold_refs}
    out: dict[str, int | None] = {}
    for i, r in enumerate(found_refs):
        idx = by_line.get(_int(r.get("line")))
        if idx is None and len(found_refs) == len(gold_refs):
            idx = i
        out[str(r.get("id"))] = idx
    return out


def finding_blob(fi: dict[str, Any], ref_text: dict[str, str]) -> str:
    parts = [fi.get("citation") or "", ref_text.get(str(fi.get("reference")), fi.get("reference") or "")]
    return fold(" ".join(str(p) for p in parts) if any(parts) else fi.get("message") or "")


def detected(findings: list[dict[str, Any]], d: dict[str, Any], ref_text: dict[str, str]) -> bool:
    for fi in findings:
        if fi.get("rule") != d["rule"]:
            continue
        blob = finding_blob(fi, ref_text)
        if d.get("number"):
            if re.search(rf"(?<!\d){d['number']}(?!\d)", blob):
                return True
        elif any(fold(n) in blob for n in (d.get("surname"), d.get("reference_surname")) if n):
            return True
    return False


def excused(
    fi: dict[str, Any], gold: dict[str, Any], rmap: dict[str, int | None], ref_text: dict[str, str]
) -> bool:
    rule, idx = fi.get("rule"), rmap.get(str(fi.get("reference")))
    if idx is None:
        idx = next((r["index"] for r in gold["references"] if r["line"] == _int(fi.get("line"))), None)
    if rule == "uncited-reference":
        blob = finding_blob(fi, ref_text)
        return idx in gold["uncited"] or (
            idx is None
            and any(
                r["surnames"] and fold(r["surnames"][0]) in blob and fold(r["year"]) in blob
                for r in gold["references"]
                if r["index"] in gold["uncited"]
            )
        )
    if rule == "duplicate-reference":
        return any(idx in g for g in gold["duplicates"])
    if rule == "ambiguous-citation":
        return any(c.get("ambiguous") and c["line"] == _int(fi.get("line")) for c in gold["citations"])
    return False


def score_doc(gold: dict[str, Any], entry: dict[str, Any], acc: collections.Counter[Any]) -> None:
    cites, refs = items(entry, "citations"), items(entry, "references")
    findings = [f for f in items(entry, "findings") if f.get("rule") in RULES]
    rmap = ref_map(refs, gold["references"])
    ref_text = {
        str(r.get("id")): f"{r.get('text') or ''} {' '.join(map(str, r.get('authors') or []))}" for r in refs
    }
    if gold["defect"]:
        acc["detect", gold["defect"]["rule"]] += detected(findings, gold["defect"], ref_text)
        return
    by_line: dict[int, list[dict[str, Any]]] = collections.defaultdict(list)
    for g in gold["citations"]:
        by_line[g["line"]].append(g)
    hits = {id(f): [g for g in by_line.get(_int(f.get("line")) or -1, []) if overlaps(f, g)] for f in cites}
    acc["found"] += len(cites)
    acc["found_ok"] += sum(1 for f in cites if hits[id(f)])
    for g in gold["citations"]:
        cands = [f for f in cites if g in hits[id(f)]]
        acc["gold_found"] += bool(cands)
        for f in cands:
            linked = [rmap.get(str(r)) for r in (f.get("references") or [])]
            allowed = {i for h in hits[id(f)] for i in h["references"]}
            if linked and None not in linked and set(g["references"]) <= set(linked) <= allowed:
                acc["linked"] += 1
                break
    for fi in findings:
        if not excused(fi, gold, rmap, ref_text):
            acc["fp"] += 1
            acc["fp", fi["rule"]] += 1


# --- running refcheck in process ---------------------------------------------------------------------


def run_one(path: str) -> tuple[str, dict[str, Any] | None, float, str]:
    """(status, the file's JSON record, seconds, detail) for one document."""
    from refcheck.pipeline import CheckOptions, check_file
    from refcheck.reporters.records import report_record

    t0 = time.perf_counter()
    try:
        result = check_file(path, CheckOptions(links=False))
        record = report_record([result])["files"][0]
        record = json.loads(json.dumps(record, ensure_ascii=False))
    except Exception:  # a crash in the core is a measurement, not a reason to stop
        return "crash", None, time.perf_counter() - t0, traceback.format_exc(limit=3).strip().splitlines()[-1]
    status = "error" if result.error else "ok"
    return status, record, time.perf_counter() - t0, result.error or ""


def ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def style_of(doc: dict[str, Any]) -> str:
    return "numeric" if doc["style"] == "numeric" else f"author-date {doc.get('origin') or 'native'}"


def table(per: dict[str, collections.Counter[Any]], keys: Iterable[str], label: str) -> list[str]:
    head = f"{label:30} {'docs':>5} {'crash':>5} {'cite-R':>6} {'cite-P':>6} {'link':>5} {'fp/doc':>6}"
    lines = [head + "".join(f" {r.split('-')[0] + ' found':>13}" for r in DEFECTS)]
    for key in keys:
        if key not in per:
            continue
        a = per[key]
        row = (
            f"{key:30} {a['docs']:5} {a['crash'] + a['error']:5} "
            f"{ratio(a['gold_found'], a['gold']):6.2f} {ratio(a['found_ok'], a['found']):6.2f} "
            f"{ratio(a['linked'], a['gold']):5.2f} {ratio(a['fp'], a['clean']):6.2f}"
        )
        lines.append(
            row
            + "".join(
                f" {ratio(a['detect', r], a['variants', r]):5.2f} ({a['variants', r]:4})" for r in DEFECTS
            )
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default="../shared/corpus", type=Path)
    ap.add_argument("--formats", default="text,markdown", help="comma-separated: text, markdown, html")
    ap.add_argument("--by-style", action="store_true", help="also split by citation style")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--failures", type=int, default=10, help="how many unusable documents to list")
    args = ap.parse_args(argv)

    manifest_path = args.corpus / "manifest.json"
    if not manifest_path.is_file():
        print(f"{args.corpus}: no manifest.json (pass the corpus directory)", file=sys.stderr)
        return 2
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    keep = sorted({d["article"] for d in manifest["documents"]})[: args.limit or None]
    formats = args.formats.split(",")
    docs = [d for d in manifest["documents"] if d["format"] in formats and d["article"] in keep]
    paths = [str((args.corpus / d["path"]).resolve()) for d in docs]

    t0 = time.perf_counter()
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(run_one, paths, chunksize=4))
    else:
        results = [run_one(p) for p in paths]
    wall = time.perf_counter() - t0

    per: dict[str, collections.Counter[Any]] = collections.defaultdict(collections.Counter)
    failures = []
    seconds = []
    for d, (status, entry, secs, why) in zip(docs, results, strict=True):
        seconds.append(secs)
        gold = json.loads((args.corpus / d["gold"]).read_text(encoding="utf-8"))
        for key in (d["format"], "all", style_of(d), f"{d['format']}/{style_of(d)}"):
            acc = per[key]
            acc["docs"] += 1
            acc[status] += 1
            acc["clean"] += not gold["defect"]
            acc["gold"] += 0 if gold["defect"] else len(gold["citations"])
            if gold["defect"]:
                acc["variants", gold["defect"]["rule"]] += 1
            if status == "ok" and entry is not None:
                score_doc(gold, entry, acc)
        if status != "ok":
            failures.append(f"{status:6} {d['path']} ({d['format']}): {why}")

    print(f"corpus: {args.corpus} ({manifest.get('set')}), {len(docs)} documents, formats {args.formats}")
    print(f"refcheck in process, {args.jobs} jobs: {wall:.1f} s wall, slowest document {max(seconds):.2f} s")
    print()
    for line in table(per, [*formats, "all"], "format"):
        print(line)
    if args.by_style:
        print()
        for line in table(per, STYLES, "style (all formats)"):
            print(line)
        print()
        keys = [f"{f}/{s}" for f in formats for s in STYLES]
        for line in table(per, keys, "format/style"):
            print(line)
    a = per["all"]
    print()
    fps = ", ".join(f"{r}={a['fp', r]}" for r in RULES if a["fp", r])
    print(f"false positives on {a['clean']} clean documents by rule: {fps or 'none'}")
    if args.by_style:
        for s in STYLES:
            b = per[s]
            fps = ", ".join(f"{r}={b['fp', r]}" for r in RULES if b["fp", r])
            print(f"  {s}: {fps or 'none'} ({b['clean']} clean documents)")
    if failures:
        print(f"{len(failures)} documents without usable output (first {args.failures}):")
        print("\n".join("  " + f for f in failures[: args.failures]))
    n_var = sum(a["variants", r] for r in DEFECTS)
    print(
        f"eval: link-acc={ratio(a['linked'], a['gold']):.2f} "
        f"recall={ratio(sum(a['detect', r] for r in DEFECTS), n_var):.2f} "
        f"fp/doc={ratio(a['fp'], a['clean']):.2f} docs={a['docs']} crashes={a['crash'] + a['error']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
